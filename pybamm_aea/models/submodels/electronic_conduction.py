"""Electron transport through the dense cathode itself (no carbon additive).

Electrons enter at the current collector (X = 0); Li+ enters at the separator (X = L). At depth
X the ionic current is i_ion(X) = F int_0^X s dX', s the Li stored per m3 of electrode and second
(host and dispersed material; Li conservation with a blocking current collector) and the electronic current is i - i_ion(X). The ohmic drop
int_0^L (i - i_ion) / sigma dX, with the double integral reduced by parts, is

    eta_e = (L / sigma) [ i - F L int_0^1 (1 - xi) s dxi ],

which for uniform filling gives the textbook i L / (2 sigma). sigma is the electronic
conductivity of the porous compact (Table S4 of Li et al. 2021, as a function of porosity).
"""
import pybamm

from .base import AEASubModel
from .cathode_diffusion import xi


class DenseElectrodeOhmic(AEASubModel):
    """Electronic ohmic drop across the thickness of the dense cathode."""

    def get_coupled_variables(self, variables):
        p = self.param
        i = variables["Total current density [A.m-2]"]
        storage = variables["Cathode Li storage rate [mol.m-3.s-1]"]
        sigma = p.sigma_c(p.eps_c, p.T)
        i_ion_weighted = p.F * p.L_c * pybamm.Integral((1 - xi) * storage, xi)
        variables.update(
            {
                "Cathode electronic conductivity [S.m-1]": sigma,
                "Cathode electronic ohmic overpotential [V]": p.L_c / sigma * (i - i_ion_weighted),
            }
        )
        return variables


class InfiniteElectronicConductivity(AEASubModel):
    """The limit sigma -> infinity: no electronic ohmic drop."""

    def get_coupled_variables(self, variables):
        variables.update({"Cathode electronic ohmic overpotential [V]": pybamm.Scalar(0)})
        return variables
