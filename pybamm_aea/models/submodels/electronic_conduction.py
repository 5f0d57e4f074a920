"""Electron transport through the dense cathode itself (no carbon additive).

Electrons enter at the current collector (X = 0); Li+ enters at the separator (X = L). At depth
X the ionic current is I_ion(X) = F int_0^X s dX', s the Li stored per m3 of electrode and second
(host and dispersed material; Li conservation with an ion-blocking current collector), and the
electronic current is i - I_ion(X). The ohmic drop of the electrons is

    eta_e = int_0^L (i - I_ion(X)) / sigma_e(x(X)) dX,

sigma_e the compact's electronic conductivity at the local Li content (Table S4 of Li et al. 2021
for the paper's hosts, as a function of porosity; Li-content dependent for hosts whose
conductivity changes on lithiation, e.g. Li4Ti5O12 -> Li7Ti5O12). For a uniform sigma_e and
uniform filling this is the textbook i L / (2 sigma_e). With the coupled transport of
:mod:`.cathode_diffusion` this term also carries the ions' migration drop where the host is an
insulator (there I_e / sigma_e = i / (sigma_e + sigma_ion) + t_ion dU/dX).
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
        sigma_local = variables["Cathode local electronic conductivity [S.m-1]"]
        # ionic current at the nodes: the storage rate shifted to the cell edges and integrated
        # from the collector (edges -> nodes), second order on the mesh
        edges = pybamm.PrimaryBroadcastToEdges(1.0, "positive electrode")
        i_ion = p.F * p.L_c * pybamm.IndefiniteIntegral(storage * edges, xi)
        i_e = i - i_ion
        variables.update(
            {
                "Cathode electronic conductivity [S.m-1]": p.sigma_c(p.eps_c, p.T),
                "Cathode ionic current density [A.m-2]": i_ion,
                "Cathode electronic current density [A.m-2]": i_e,
                "Cathode electronic ohmic overpotential [V]": p.L_c * pybamm.Integral(i_e / sigma_local, xi),
            }
        )
        return variables


class InfiniteElectronicConductivity(AEASubModel):
    """The limit sigma -> infinity: no electronic ohmic drop."""

    def get_coupled_variables(self, variables):
        variables.update({"Cathode electronic ohmic overpotential [V]": pybamm.Scalar(0)})
        return variables
