"""Discharge and throughput capacity and energy, as PyBaMM's, with states scaled to the cell.

The AEA cells are tiny (a 1.3 mg electrode holds ~0.6 mAh), so unscaled capacity and energy
states sit far below the solver's absolute tolerance; scaling them by the nominal capacity (and
2 V for energies) keeps them accurate to the relative tolerance.
"""
import pybamm

from ...readout import DISCHARGE_ENERGY_VS_LI, THROUGHPUT_ENERGY_VS_LI
from .base import AEASubModel


class ScaledDischargeThroughput(AEASubModel):
    """"Discharge/Throughput capacity [A.h]" and "Discharge/Throughput energy [W.h]" states, and the energies
    "vs Li": with the anode's OCP added to the voltage, the cathode's energy against a Li reference (the paper's
    electrode-level basis, ESC x voltage vs Li). On Li metal they are the energies themselves; on Li-In (0.62 V)
    two more states."""

    NAMES = (
        "Discharge capacity [A.h]",
        "Throughput capacity [A.h]",
        "Discharge energy [W.h]",
        "Throughput energy [W.h]",
    )
    VS_LI = (DISCHARGE_ENERGY_VS_LI, THROUGHPUT_ENERGY_VS_LI)

    def _states(self):
        return self.NAMES + (self.VS_LI if self.options["anode"] != "lithium metal" else ())

    def get_fundamental_variables(self):
        Q = self.param.Q
        names = self._states()
        scales = (Q, Q) + (2 * Q,) * (len(names) - 2)
        variables = {name: pybamm.Variable(name, scale=s) for name, s in zip(names, scales)}
        if len(names) == len(self.NAMES):  # a Li metal anode is the Li reference
            variables.update(dict(zip(self.VS_LI, (variables[n] for n in self.NAMES[2:]))))
        return variables

    def set_rhs(self, variables):
        I = variables["Current [A]"]
        V = variables["Voltage [V]"]
        V_li = V + variables["Anode OCP [V]"]
        rates = (I, pybamm.AbsoluteValue(I), I * V, pybamm.AbsoluteValue(I * V), I * V_li,
                 pybamm.AbsoluteValue(I * V_li))
        self.rhs = {variables[name]: rate / 3600 for name, rate in zip(self._states(), rates)}

    def set_initial_conditions(self, variables):
        self.initial_conditions = {variables[name]: pybamm.Scalar(0) for name in self._states()}
