"""Discharge and throughput capacity and energy, as PyBaMM's, with states scaled to the cell.

The AEA cells are tiny (a 1.3 mg electrode holds ~0.6 mAh), so unscaled capacity and energy
states sit far below the solver's absolute tolerance; scaling them by the nominal capacity (and
2 V for energies) keeps them accurate to the relative tolerance.
"""
import pybamm

from .base import AEASubModel


class ScaledDischargeThroughput(AEASubModel):
    """"Discharge/Throughput capacity [A.h]" and "Discharge/Throughput energy [W.h]" states."""

    NAMES = (
        "Discharge capacity [A.h]",
        "Throughput capacity [A.h]",
        "Discharge energy [W.h]",
        "Throughput energy [W.h]",
    )

    def get_fundamental_variables(self):
        Q = self.param.Q
        scales = (Q, Q, 2 * Q, 2 * Q)
        return {name: pybamm.Variable(name, scale=s) for name, s in zip(self.NAMES, scales)}

    def set_rhs(self, variables):
        I = variables["Current [A]"]
        V = variables["Voltage [V]"]
        rates = (I, pybamm.AbsoluteValue(I), I * V, pybamm.AbsoluteValue(I * V))
        self.rhs = {variables[name]: rate / 3600 for name, rate in zip(self.NAMES, rates)}

    def set_initial_conditions(self, variables):
        self.initial_conditions = {variables[name]: pybamm.Scalar(0) for name in self.NAMES}
