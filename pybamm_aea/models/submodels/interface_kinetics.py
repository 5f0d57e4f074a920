"""Butler-Volmer charge transfer at the two solid|solid interfaces of the cell.

Symmetric Butler-Volmer, i = 2 j0 sinh(F eta / (2 R T)), inverted explicitly for the
overpotential, eta = (2 R T / F) asinh(i / (2 j0)) (as PyBaMM's ``InverseButlerVolmer``). Both
interfaces have the geometric area of the cell: the dense cathode touches the separator only
there. Positive eta lowers the voltage on discharge (i > 0).
"""
import pybamm

from .base import AEASubModel


def _inverse_butler_volmer(i, j0, T):
    return 2 * pybamm.constants.R * T / pybamm.constants.F * pybamm.arcsinh(i / (2 * j0))


class CathodeButlerVolmer(AEASubModel):
    """Charge transfer at the separator|cathode interface; j0 depends on the surface Li content."""

    def get_coupled_variables(self, variables):
        p = self.param
        i = variables["Total current density [A.m-2]"]
        x_s = variables["Cathode surface Li content"]
        j0 = p.j0_c(x_s, p.T)
        variables.update(
            {
                "Cathode exchange-current density [A.m-2]": j0,
                "Cathode interface overpotential [V]": _inverse_butler_volmer(i, j0, p.T),
            }
        )
        return variables


class AnodeButlerVolmer(AEASubModel):
    """Charge transfer at the anode|separator interface (Li metal or Li-In)."""

    def get_coupled_variables(self, variables):
        p = self.param
        i = variables["Total current density [A.m-2]"]
        j0 = p.j0_a(p.T)
        variables.update(
            {
                "Anode exchange-current density [A.m-2]": j0,
                "Anode interface overpotential [V]": _inverse_butler_volmer(i, j0, p.T),
            }
        )
        return variables
