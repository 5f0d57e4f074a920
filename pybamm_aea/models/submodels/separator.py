"""Single-ion solid-electrolyte separator: two layers in series (the paper's LGPS + Li3PS4).

A single-ion conductor carries no concentration gradient, so the separator is purely ohmic:
eta = i (L_1 / sigma_1(T) + L_2 / sigma_2(T)), with Arrhenius conductivities given by the
parameter set. A layer of zero thickness is absent.
"""
from .base import AEASubModel


class SolidElectrolyteSeparator(AEASubModel):
    """Ohmic drop across the solid-electrolyte layers."""

    def get_coupled_variables(self, variables):
        p = self.param
        i = variables["Total current density [A.m-2]"]
        R = p.L_s1 / p.sigma_s1(p.T) + p.L_s2 / p.sigma_s2(p.T)
        variables.update(
            {
                "Separator area resistance [Ohm.m2]": R,
                "Separator thickness [m]": p.L_s1 + p.L_s2,
                "Separator ohmic overpotential [V]": i * R,
            }
        )
        return variables
