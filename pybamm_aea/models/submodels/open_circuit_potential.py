"""Open-circuit potential of the cathode at the separator interface, with hysteresis.

Li is exchanged with the solid electrolyte only at the separator interface, so the Li chemical
potential that sets the cell voltage is that of the cathode surface (X = L). Two-phase materials
(LixMo6S8) show different plateaus on lithiation and delithiation (Li et al. 2021: Li0->Li1 at
2.3 V on discharge, Li1->Li0 at 2.45 V at the end of charge). The one-state hysteresis model
(Wycisk et al., J. Energy Storage 52, 105016, 2022; as in PyBaMM's "one-state hysteresis"
option) blends the two branches with a state h in [-1, 1] that relaxes toward sign(I) at a rate
proportional to the charge passed:

    dh/dt = gamma |i| / q (sign(i) - h),   U = (1 + h)/2 U_lith + (1 - h)/2 U_delith,

q the areal capacity of the electrode [C.m-2]. h = +1 is the lithiation (discharge) branch.
"""
import pybamm

from .base import AEASubModel


class CathodeOneStateHysteresisOCP(AEASubModel):
    """Surface OCP blending lithiation and delithiation branches with one hysteresis state."""

    def get_fundamental_variables(self):
        h = pybamm.Variable("Cathode hysteresis state", bounds=(-1, 1))
        return {"Cathode hysteresis state": h}

    def get_coupled_variables(self, variables):
        p = self.param
        h = variables["Cathode hysteresis state"]
        x_s = variables["Cathode surface Li content"]
        x_av = variables["Average cathode Li content"]
        T = p.T

        x_trap = variables["Cathode trapped Li content"]

        def blend(x):
            # trapped Li occupies sites but cannot leave: the OCP sees the window [x_trap, x_max]
            x = p.x_max * (x - x_trap) / (p.x_max - x_trap)
            return (1 + h) / 2 * p.U_lith(x, T) + (1 - h) / 2 * p.U_delith(x, T)

        U_s = blend(x_s)
        U_av = blend(x_av)
        variables.update(
            {
                "Cathode host OCP [V]": blend(variables["Cathode Li content"]),
                "Cathode surface OCP [V]": U_s,
                "Cathode bulk OCP [V]": U_av,
                "Cathode diffusion overpotential [V]": U_av - U_s,
                "Cathode lithiation OCP [V]": p.U_lith(x_s, T),
                "Cathode delithiation OCP [V]": p.U_delith(x_s, T),
            }
        )
        return variables

    def set_rhs(self, variables):
        p = self.param
        h = variables["Cathode hysteresis state"]
        i = variables["Total current density [A.m-2]"]
        self.rhs = {h: p.gamma_hyst * pybamm.AbsoluteValue(i) / p.q_c * (pybamm.sign(i) - h)}

    def set_initial_conditions(self, variables):
        h = variables["Cathode hysteresis state"]
        self.initial_conditions = {h: self.param.h_init}


class CathodeSingleOCP(AEASubModel):
    """Surface OCP without hysteresis: the mean of the lithiation and delithiation branches."""

    def get_coupled_variables(self, variables):
        p = self.param
        x_s = variables["Cathode surface Li content"]
        x_av = variables["Average cathode Li content"]
        T = p.T

        x_trap = variables["Cathode trapped Li content"]

        def mean(x):
            x = p.x_max * (x - x_trap) / (p.x_max - x_trap)
            return (p.U_lith(x, T) + p.U_delith(x, T)) / 2

        variables.update(
            {
                "Cathode host OCP [V]": mean(variables["Cathode Li content"]),
                "Cathode hysteresis state": pybamm.Scalar(0),
                "Cathode surface OCP [V]": mean(x_s),
                "Cathode bulk OCP [V]": mean(x_av),
                "Cathode diffusion overpotential [V]": mean(x_av) - mean(x_s),
                "Cathode lithiation OCP [V]": p.U_lith(x_s, T),
                "Cathode delithiation OCP [V]": p.U_delith(x_s, T),
            }
        )
        return variables
