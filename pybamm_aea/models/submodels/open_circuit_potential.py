"""Open-circuit potential of the cathode at the separator interface, with hysteresis.

Li is exchanged with the solid electrolyte only at the separator interface, so the Li chemical
potential that sets the cell voltage is that of the cathode surface (X = L). Two-phase materials
(LixMo6S8) show different plateaus on lithiation and delithiation (Li et al. 2021: Li0->Li1 at
2.3 V on discharge, Li1->Li0 at 2.45 V at the end of charge). The one-state hysteresis model
(Wycisk et al., J. Energy Storage 52, 105016, 2022; as in PyBaMM's "one-state hysteresis"
option) blends the two branches with a state h in [-1, 1] that relaxes toward sign(I) at a rate
proportional to the charge passed::

    dh/dt = gamma |i| / q (sign(i) - h),   U = (1 + h)/2 U_lith + (1 - h)/2 U_delith,

q the areal capacity of the electrode [C.m-2]. h = +1 is the lithiation (discharge) branch.
"""
import pybamm

from ... import citations as c
from .base import AEASubModel

#: the rate of the hysteresis state, dh/dt (the ``rhs`` of "Cathode hysteresis state"; 0 without hysteresis)
HYSTERESIS_RATE = "Cathode hysteresis state rate [s-1]"


def _surface_ocp_variables(param, variables, h):
    """OCP variables of the host blended at hysteresis state ``h`` (0 gives the branch mean)."""
    # trapped Li occupies sites but cannot leave: the OCP sees the window [x_trap, x_max], the
    # free-window contents of "Li trapping" (:func:`.degradation.free_li_content`; x with no trapped Li)
    x_s = variables["Cathode surface free Li content"]
    x_av = variables["Average cathode free Li content"]
    T = param.T

    def blend(x):
        return (1 + h) / 2 * param.U_lith(x, T) + (1 - h) / 2 * param.U_delith(x, T)

    U_s = blend(x_s)
    U_av = blend(x_av)
    return {
        "Cathode host OCP [V]": blend(variables["Cathode free Li content"]),
        "Cathode surface OCP [V]": U_s,
        "Cathode bulk OCP [V]": U_av,
        "Cathode diffusion overpotential [V]": U_av - U_s,
        "Cathode lithiation OCP [V]": param.U_lith(x_s, T),
        "Cathode delithiation OCP [V]": param.U_delith(x_s, T),
    }


class CathodeOneStateHysteresisOCP(AEASubModel):
    """Surface OCP blending lithiation and delithiation branches with one hysteresis state."""

    #: the one-state hysteresis model (Wycisk et al. 2022)
    citations = (c.WYCISK2022,)

    #: scale of the hysteresis state. The solver's absolute tolerance applies to the scaled
    #: state, atol x SCALE = 1e-5 at the default atol 1e-8: h is resolved to 1e-5, which moves
    #: the voltage by 1e-5 (U_lith - U_delith) / 2 < 1 uV. At scale 1 only the relative
    #: tolerance counted (1e-6 of abs(h) ~ 1): resolving h's exponential approach to +-1 to 1e-6
    #: over each half cycle held the solver's step to ~100 s on the plateaus (438 -> 362 solver
    #: steps per LMS C/10 cycle, benchmarks/bench_model.py; capacities unchanged to 1e-6).
    SCALE = 1e3

    def get_fundamental_variables(self):
        h = pybamm.Variable("Cathode hysteresis state", bounds=(-1, 1), scale=self.SCALE)
        return {"Cathode hysteresis state": h}

    def get_coupled_variables(self, variables):
        p = self.param
        h = variables["Cathode hysteresis state"]
        i = variables["Total current density [A.m-2]"]
        variables.update(_surface_ocp_variables(p, variables, h))
        variables[HYSTERESIS_RATE] = p.gamma_hyst * pybamm.AbsoluteValue(i) / p.q_c * (pybamm.sign(i) - h)
        return variables

    def set_rhs(self, variables):
        self.rhs = {variables["Cathode hysteresis state"]: variables[HYSTERESIS_RATE]}

    def set_initial_conditions(self, variables):
        h = variables["Cathode hysteresis state"]
        self.initial_conditions = {h: self.param.h_init}


class CathodeSingleOCP(AEASubModel):
    """Surface OCP without hysteresis: the mean of the lithiation and delithiation branches."""

    def get_coupled_variables(self, variables):
        h = pybamm.Scalar(0)
        variables["Cathode hysteresis state"] = h
        variables[HYSTERESIS_RATE] = pybamm.Scalar(0)
        variables.update(_surface_ocp_variables(self.param, variables, h))
        return variables


class CathodeChemicalPotentialOCP(AEASubModel):
    """OCP of a multi-phase host: the surface chemical potential, hysteresis emergent.

    With ``"host thermodynamics": "multi-phase"`` the host's local potential U = -mu / F is a
    state of :class:`.host_phase_field.CathodeCahnHilliard`, which already publishes the
    surface, bulk and local OCP; hysteresis comes out of the spinodal loops and the phase
    boundaries, so there is no hysteresis state (reported as 0) and both "branches" are the
    homogeneous OCP at the surface.
    """

    def get_coupled_variables(self, variables):
        U_h = variables["Cathode surface homogeneous OCP [V]"]
        variables.update(
            {
                "Cathode hysteresis state": pybamm.Scalar(0),
                "Cathode lithiation OCP [V]": U_h,
                "Cathode delithiation OCP [V]": U_h,
            }
        )
        return variables
