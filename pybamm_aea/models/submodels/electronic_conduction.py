"""Electron transport through the dense cathode itself (no carbon additive).

Electrons enter at the current collector (X = 0); Li+ enters at the separator (X = L). At depth
X the ionic current is I_ion(X) = F int_0^X s dX', s the Li stored per m3 of electrode and second
(host and dispersed material; Li conservation with an ion-blocking current collector), and the
electronic current is i - I_ion(X). The ohmic drop of the electrons is

    eta_e = int_0^L (i - I_ion(X)) / sigma_e(x(X)) dX,

evaluated on the cell edges with the host transport submodel's flux law (its "Cathode electronic
field [V.m-1]", :mod:`.cathode_diffusion` or :mod:`.host_phase_field`; well conditioned for
an electronic insulator, where i - I_ion is a difference of nearly equal numbers),

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
    """Electronic ohmic drop across the thickness of the dense cathode.

    "Cathode electronic ohmic overpotential [V]" is the expression: every reader (the voltage,
    so the cut-off events and the energy integrals) evaluates it again.
    """

    def overpotential(self, variables, eta_expr):
        """The "Cathode electronic ohmic overpotential [V]" the model publishes, given its expression."""
        return eta_expr

    def get_coupled_variables(self, variables):
        p = self.param
        i = variables["Total current density [A.m-2]"]
        storage = variables["Cathode Li storage rate [mol.m-3.s-1]"]
        sigma_e = variables["Cathode local electronic conductivity [S.m-1]"]
        sigma_ion = variables["Cathode ionic conductivity [S.m-1]"]
        edges = pybamm.PrimaryBroadcastToEdges(1.0, "positive electrode")
        # I_e / sigma_e on the cell edges, from the transport submodel's own flux law
        drop_density = variables["Cathode electronic field [V.m-1]"]
        # across the layer as it is: depth L0 lambda dxi (:func:`.cathode_diffusion.swollen_layer`)
        lam = variables["Cathode transport stretch"]
        # int_0^1 as the difference of the cumulative integral's two end values (PyBaMM's edge-to-node
        # indefinite integral carries a constant offset, which the difference removes)
        cumulative = pybamm.IndefiniteIntegral(drop_density * lam, xi)
        eta_flux = p.L_c * (pybamm.boundary_value(cumulative, "right") - pybamm.boundary_value(cumulative, "left"))
        # the same integral from the storage profile, (i - I_ion) / sigma_e at the nodes: exact for
        # uniform filling, but its error (a fraction of i) is divided by sigma_e. Weighted by the
        # square of the mean electronic transference number t_e, the storage form's error is at
        # most that fraction of t_e i L / (sigma_e + sigma_ion): the storage form for an electronic
        # conductor (t_e -> 1, the paper's hosts), the flux form for an insulator (t_e -> 0, LTO)
        # I_ion(X) = F int_0^X s dX', zero at the ion-blocking collector: the cumulative integral less its value
        # extrapolated to the collector. PyBaMM's edge-to-node integral starts its first node at half the first
        # node-to-node spacing times the integrand, exact on a uniform mesh only: on the clustered meshes it put the
        # ionic current 0.95 % of i below F int_0^X s (the lever rule's 10 cells), -0.0095 i at the collector, and the
        # storage form of the drop 1.9 % above i L / (2 sigma_e) for uniform filling
        stored = pybamm.IndefiniteIntegral(storage * edges, xi)
        i_ion = p.F * p.L_c * (stored - pybamm.boundary_value(stored, "left"))
        eta_storage = p.L_c * pybamm.Integral((i - i_ion) * lam / sigma_e, xi)
        w = pybamm.Integral(sigma_e / (sigma_e + sigma_ion), xi) ** 2
        eta_e = w * eta_storage + (1 - w) * eta_flux
        variables.update(
            {
                "Cathode electronic conductivity [S.m-1]": p.sigma_c(p.eps_c, p.T),
                "Cathode ionic current density [A.m-2]": i_ion,
                "Cathode electronic current density [A.m-2]": i - i_ion,
                "Cathode electronic ohmic overpotential [V]": self.overpotential(variables, eta_e),
                "Cathode electronic ohmic overpotential expression [V]": eta_e,
            }
        )
        return variables


class DenseElectrodeOhmicAsState(DenseElectrodeOhmic):
    """:class:`DenseElectrodeOhmic` with the drop an algebraic state equal to its expression (the
    multi-phase host's default).

    The expression reads the whole electrode (the storage profile, the host's flux law and the
    conductivities of every cell), so it costs about as much as the host's own residual. As the
    expression, the cut-off events (IDAKLU's root function, evaluated on every solver step) and
    the two energy integrals evaluate it again, and the energy rows of the Jacobian are dense.
    As a state it is evaluated once per residual and read as one number; the multi-phase
    host's solver leaves it, like the host potential, out of the local error test. The cell
    voltage is still the expression of the states, so the cut-offs are located as before. On
    10 C/10 LMS cycles: the same solver steps to 1 %, IDA's time -12 % (benchmarks/bench_model.py
    has the ratio to PyBaMM's DFN on 100), capacities and energies those of the expression to
    1e-5 at rtol 1e-6 (tests/test_host_phase_field.py).
    """

    NAME = "Cathode electronic ohmic overpotential [V]"
    #: the solver's variable is the drop over SCALE: with IDA's atol 1e-6, Newton places it to
    #: ~1e-9 V (the paper's hosts at 0.1C: 1e-10 V; an insulating host: up to volts)
    SCALE = 1e-3

    def get_fundamental_variables(self):
        return {self.NAME: pybamm.Variable(self.NAME, scale=self.SCALE)}

    def overpotential(self, variables, eta_expr):
        return variables[self.NAME]

    def set_algebraic(self, variables):
        eta = variables[self.NAME]
        self.algebraic = {eta: eta - variables["Cathode electronic ohmic overpotential expression [V]"]}

    def set_initial_conditions(self, variables):
        # a guess (0: no current): the solver's consistent initialisation solves the linear equation
        self.initial_conditions = {variables[self.NAME]: pybamm.Scalar(0)}


class InfiniteElectronicConductivity(AEASubModel):
    """The limit sigma -> infinity: no electronic ohmic drop."""

    def get_coupled_variables(self, variables):
        variables.update({"Cathode electronic ohmic overpotential [V]": pybamm.Scalar(0)})
        return variables
