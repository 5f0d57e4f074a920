"""Multi-phase Li transport across a dense host: Cahn-Hilliard with reaction at the interface.

The host's Li content x(X, t) (per formula unit) evolves by a flux driven by the gradient of the
Li chemical potential mu, with a phase-dependent mobility B(x, T) [m2.V-1.s-1]
(:func:`pybamm_aea.thermodynamics.log_mobility`):

    dx/dt = -dN/dX - r / c_h,   N = B phi^(b-1) d(U)/dX,   U = -mu / F = U_h(x) + kappa d2x/dX2,

U_h the homogeneous potential of the host's free energy (:mod:`pybamm_aea.thermodynamics`),
kappa [V.m2] its gradient-energy coefficient, phi^(b-1) the Bruggeman factor of the solid
network (as in :mod:`.cathode_diffusion`), r the Li taken by a dispersed material. The current
collector (X = 0) blocks Li; at the separator interface (X = L) the Li flux is i / F; the
natural boundary condition dx/dX = 0 holds at both ends. U is the local host potential: at
X = L it is the electrode's OCP (the reaction sees the surface chemical potential, as in
Bazant's CHR model, Acc. Chem. Res. 46, 1144, 2013). A lattice-gas end of U_h keeps the surface OCP
beyond any cut-off before x reaches 0 or x_max, so the voltage events stop a step there; but its end
term's pole at x_max can be stepped over, onto a far side where the OCP is back on the plateau (a
table OCP's) or NaN (a logarithm's). A set whose host is such a lattice gas (``"Cathode host full at
maximum Li content"`` 1: the materials' sets, :mod:`pybamm_aea.parameters.aea_material_cell`) gets two
content events at x_max (:meth:`CathodeCahnHilliard.add_events_from`), named, which IDA's root finding
finds however long the step (session 28 relied on j0's NaN past theta = 1.0001: with j0 clamped,
AEA_LiCoO2's 0.1C discharge ran 20 h at 3.385 V to theta = 2.10; with the events it ends at 3.0 V,
0.137581 mA.h). An electron-limited end (``Host.U_full``, Mo6S8's 1.0 V at x = 4; the flag 0, as the
Mo6S8 sets state) is continued linearly, so a cut-off below U_full overfills the host by (U_full - V) /
``|dU_h/dx|`` (LMS to 0.5 V vs Li: x = 4.015, 129.0 against the 4-Li 128.8 mA.h/g), and has no content
event: one was tried and not kept, IDA's root finding on its interpolant stopped LTO-LMS cycling at
rest at x_max (4.0004 and 4.004 as the threshold alike); so was a steeper U_h past x_max (100x),
which moved the solver's path of a 1.8 V discharge that never reaches x_max (128.19 -> 120.80 mA.h/g).

Why a phase field and not a moving boundary: LixMo6S8 has three two-phase regions and the
sequence the paper reports (fronts sweeping the electrode on discharge, a Li0 layer nucleating
at the interface on charge) needs fronts to be born and to die; a diffuse interface does that
without tracking, and mu as an algebraic variable (a DAE of index 1) keeps the fourth-order
problem a pair of second-order ones. The spinodal loops of U_h make homogeneous states inside
a two-phase region unstable, so phases separate by themselves; the gradient energy makes the
separated state well-posed with an interface of width ~ sqrt(kappa / ``|dU_h/dx|``).

The solver's variable for the content is not x but y with x = e ln(1 + exp(y / e)), e = 1e-3
(:meth:`CathodeCahnHilliard.content`): x where the host holds Li, ln x where it is nearly empty.
The Li0 lattice gas reaches a 2.8-3.0 V cut-off at 1e-9..1e-12 Li (U_h = 2.30 + kT ln(0.02 / x)),
which a tolerance on x cannot resolve: with x as the variable the end-of-charge surface content
was 1.5e-4 at IDA's default tolerances and 1.6e-5 at rtol 1e-7 (the next discharge started at
2.630 vs 2.728 V); with y, 7.38e-6 and 7.36e-6 (2.7604 V on both), and x stays positive.

The cost is the mesh: the default mesh is 20 cells, exponential, clustered toward the separator
where the Li0 layer forms and the gradients are steepest (cells of 54 nm there, 363 nm at the
current collector for the paper's 3.3 um electrode; see :class:`pybamm_aea.AEA`), with kappa
giving a ~50 nm interface. Capacities change by < 0.05 % and the plateau voltages by < 0.7 %
from 20 to 40 cells (tests/test_host_phase_field.py). Interfaces in the coarse bulk cells are
under-resolved: they move cell by cell, and at rest they can stay pinned inside the spinodal
loop (GITT on the Li0/Li1 plateau relaxes to 2.26-2.32 V instead of 2.30 V; on 40 cells
to within 14 mV of it). Face mobilities are geometric means of the nodal values (log B averaged
onto the faces): a harmonic mean would let a single Li0 cell pin a front on a coarse mesh (the
face of a Li1 cell and a Li0 cell takes about the Li0 value although, in the continuum, the
front advances through a diffuse interface whose mobility is intermediate), an arithmetic one
would let Li leak through a Li0 layer one cell thick; the interfacial flux is not put through a
boundary mobility at all: it enters the last control volume as a source (an edge field that is
the flux on the separator edge and zero elsewhere), so no extrapolated edge mobility (which can
change sign when B varies 1e6-fold between neighbours) is ever divided by.

Electrons and ions (Jamnik & Maier, PCCP 5, 5215, 2003, as in :mod:`.cathode_diffusion`): Li+
enters at the separator and electrons at the collector, so the flux above is the ambipolar one,
B t_e with t_e = sigma_e / (sigma_e + sigma_ion), plus the ions' migration share t_ion of the
current inside the electrode. sigma_ion is the set's ionic-conductivity function given the
self-diffusivity of the mobility, B R T / (F x), so that its Nernst-Einstein default is F c_h B
phi^b. The same flux law gives the electrons' field I_e / sigma_e for the ohmic drop
(:mod:`.electronic_conduction`).

A single-phase host (gradient energy 0: TiS2, the materials of :mod:`pybamm_aea.materials`; refused where U_h has a
spinodal, :class:`pybamm_aea.models.checks.GradientEnergyCheck`) has U = U_h(x) and no interface: its flux is taken
in Fickian form, D t_e dx/dX with D = B ``|dU_h/dx|`` averaged onto the faces (the geometric mean of B across a
steep fitted OCP end under-states the flux into the last cells: LiCoO2 to 3.0 V gave 126.7 instead of 137.6 uA.h
on 20 cells), and its surface OCP is U_h at the surface content (with trapped Li, dx/dX the gradient that moves the
free Li, :func:`.degradation.free_li_gradient`). It then equals the lever-rule host's Fickian model apart from the
ions' conductivity (tests/test_host_phase_field.py).
"""
import pybamm

from ... import citations as c
from .base import AEASubModel
from .cathode_diffusion import carrier_conductivities, host_li_balance, swollen_layer, xi


#: the names of the events that end a solve when a lattice-gas host is full
#: (:meth:`CathodeCahnHilliard.add_events_from`)
LATTICE_GAS_FULL_AT_SURFACE = "Cathode lattice gas full at its surface (Li content x_max, theta = 1)"
LATTICE_GAS_FULL = "Cathode lattice gas full inside the electrode (Li content x_max, theta = 1)"


def surface_value(param, field):
    """A host field at the separator surface: with a gradient energy, the last control volume's
    (the natural boundary condition dx/dX = 0 makes the content flat there); for a single-phase
    host (gradient energy 0) the linear extrapolation of its Fickian profile."""
    single_phase = param.kappa_c <= 0
    return single_phase * pybamm.boundary_value(field, "right") + (1 - single_phase) * pybamm.EvaluateAt(
        field, pybamm.Scalar(1)
    )


#: the same scaled depth on the cell edges, to place the interfacial flux on the separator edge:
#: ``pybamm.SpatialVariableEdge("xi_c", domain=["positive electrode"], coord_sys="cartesian")``
#:
#: :meta hide-value:
xi_edge = pybamm.SpatialVariableEdge("xi_c", domain=["positive electrode"], coord_sys="cartesian")


def initial_content(param):
    """Initial Li content [Li per formula unit] across the depth: uniform at "Initial cathode Li content",
    or, inside a two-phase region where a two-phase state rests, its two phases in lever-rule fractions
    (:func:`pybamm_aea.set_initial_state`, :func:`pybamm_aea.initial_state.two_phases_at_rest`).

    The phases are "Initial cathode separator-side phase Li content" x_s, from the separator to depth
    1 - f, and "Initial cathode collector-side phase Li content" x_c beyond it, with f = (x_0 - x_c) /
    (x_s - x_c) clipped to [0, 1] (x_0 outside the region: one phase, uniform; both 0, the sets' value:
    uniform). The step is sharp: each cell holds its average, the divergence of the step's antiderivative
    max(xi - (1 - f), 0) on the cell edges, so the cell at the step holds the mixture and the average of the
    profile is x_0 to round-off; the solver relaxes the step to the interface of the gradient energy, within
    ~1-10 s (LMS at SOC 0.98, a Li1 layer 0.26 um thick at the separator: the voltage dips to 2.04 V for
    0.1 s on 40 cells, 2.16 V on 20, then rests on the plateau).
    """
    p = param
    x_0, x_s, x_c = p.x_init, p.x_init_sep, p.x_init_col
    gap = x_s - x_c
    # (x_0 - x_c) / gap, and 0 for gap = 0 (one phase), where the step is multiplied by the gap anyway
    f = pybamm.minimum(pybamm.maximum((x_0 - x_c) * gap / pybamm.maximum(gap**2, 1e-30), 0), 1)
    step = pybamm.div(pybamm.maximum(xi_edge - (1 - f), 0))
    return x_0 + gap * (step - f)


class CathodeCahnHilliard(AEASubModel):
    """Cahn-Hilliard-reaction transport in the host; Li content x and potential U as states."""

    #: CHR (Bazant 2013), the host's multi-well free energy (Smith & Bazant 2017), coupled ion-electron
    #: transport (Jamnik & Maier 2003), the Bruggeman factor of the solid network
    citations = (c.BAZANT2013, c.SMITH2017, c.JAMNIK2003, c.BRUGGEMAN1935)

    def log_mobility(self, x, variables):
        """ln of the effective Li mobility B phi^(b-1) [m2.V-1.s-1] at Li content ``x``, before
        the electronic transference number (which :meth:`get_coupled_variables` adds)."""
        p = self.param
        return p.logB_c(x, p.T) + (p.b_c - 1) * pybamm.log(p.phi_host)

    #: content [Li per formula unit] below which the solver's variable is the logarithm of the
    #: content rather than the content (see :meth:`content`)
    LOG_BELOW = 1e-3

    @classmethod
    def content(cls, y):
        """Li content x = e ln(1 + exp(y / e)) of the solver's variable y (e = LOG_BELOW).

        x = y where x >> e, and ln x = ln e + y / e where x << e: the Li0 lattice gas holds
        1e-12 Li at 3.0 V (U_h = 2.30 + kT ln(0.02 / x)), far below what a tolerance on x
        resolves (~4e-6), while on y a tolerance of 4e-6 is a relative error of 4e-3 on x
        (0.1 mV on U_h). x is positive for every y.
        """
        e = cls.LOG_BELOW
        return pybamm.maximum(y, 0) + e * pybamm.log(1 + pybamm.exp(-pybamm.AbsoluteValue(y) / e))

    #: ln of the floor of dx/dy (:meth:`content_slope`): the floor exp(-50) = 2e-22 binds below y = -50 e = -0.05
    #: (x = e exp(y / e) < 1.9e-25 Li), 11 orders below where the Li0 lattice gas's potential is continued
    #: linearly (2e-14 Li, y = -0.0246; :func:`pybamm_aea.thermodynamics.homogeneous_ocp`), which no cut-off passes
    SLOPE_FLOOR_LOG = 50.0

    @classmethod
    def content_slope(cls, y):
        """dx/dy = 1 / (1 + exp(-y / e)), written so that no exponential overflows, floored at
        exp(-:attr:`SLOPE_FLOOR_LOG`) so that the content's rate, rate / (dx/dy), is finite for every y.

        Unfloored, exp(y / e) underflowed to 0 below y = -0.745 and the rate was NaN there. No state
        of the model is there, but IDA's Newton iterates can be: LMS at 1C with sensitivities, the
        corrector at 3060 s put the last five cells at y = -1.5 .. -18.7. IDAS with sensitivities took
        that NaN iterate as converged (its norm over the states and their sensitivities,
        N_VWrmsNorm_SensWrapper, skips a NaN) and ran on in NaN to the step's end; IDA without them fails
        such an iterate and retries the step smaller, and with the floor so does IDAS.
        """
        e = cls.LOG_BELOW
        return pybamm.exp(pybamm.maximum(pybamm.minimum(y, 0) / e, -cls.SLOPE_FLOOR_LOG)) / (
            1 + pybamm.exp(-pybamm.AbsoluteValue(y) / e))

    @classmethod
    def content_variable(cls, x):
        """The solver's variable y of a Li content x > 0 (the inverse of :meth:`content`)."""
        e = cls.LOG_BELOW
        return x + e * pybamm.log(1 - pybamm.exp(-x / e))

    def get_fundamental_variables(self):
        p = self.param
        y = pybamm.Variable("Cathode Li content variable", domain="positive electrode", scale=p.x_max)
        x = self.content(y)
        U = pybamm.Variable("Cathode host OCP [V]", domain="positive electrode", reference=2.0)
        x_av = pybamm.Integral(x, xi)
        # the surface content (the interface kinetics' and a single-phase host's OCP's): with a
        # gradient energy, the natural boundary condition dx/dX = 0 makes the content flat at the
        # surface, so it is the last control volume's; a linear extrapolation from the last two
        # cells across a Li0 front one cell from the surface went negative (-4e-4 with the last
        # cells at 0.10 and 0.32), took the exchange current to 0 and the voltage to the cut-off
        # in 10 ms (S-LMS on Li-In failed in IDA on its 4th-8th charge). A single-phase host has
        # no interface, and its steep Fickian profile is extrapolated (see get_coupled_variables)
        x_s = surface_value(p, x)
        L = p.L_c
        return {
            "Cathode Li content variable": y,
            "Cathode Li content": x,
            "Cathode host OCP [V]": U,
            "Average cathode Li content": x_av,
            "Cathode surface Li content": x_s,
            "Cathode stoichiometry": x / p.x_max,
            "Average cathode stoichiometry": x_av / p.x_max,
            "Cathode host Li content as made": p.x_made,  # (its made end: start_advice)
            "Cathode surface stoichiometry": x_s / p.x_max,
            "Cathode Li concentration [mol.m-3]": p.c_host * x,
            "Cathode thickness [m]": L,
            "Cathode depth [m]": L * xi,
            "Cathode capacity [A.h]": p.q_c * p.A_cc / 3600,
            # where the host's Li is at t = 0, its two phases in place (read by the volume's initial state)
            "Initial cathode Li content profile": initial_content(p),
        }

    def get_coupled_variables(self, variables):
        from .degradation import free_li_gradient

        p = self.param
        x = variables["Cathode Li content"]
        U = variables["Cathode host OCP [V]"]
        a_h = variables["Cathode host active fraction"]
        T = p.T
        variables["Total lithium in cathode host [mol]"] = (
            a_h * p.c_h * p.L_c * p.A_cc * variables["Average cathode Li content"]
        )
        # trapped Li (option "Li trapping") occupies sites but cannot leave: the free energy and
        # the mobility see the window [x_trap, x_max] (as the lever-rule host's OCP does), the
        # free-window content of :class:`.degradation.HostLiTrapping` (x_trap a field; x with no trap)
        x_free = variables["Cathode free Li content"]
        # the layer as it is: stretch lambda, host fraction phi_h / lambda (:func:`.cathode_diffusion.swollen_layer`)
        lam, log_lam, phi_now = swollen_layer(p, variables)
        # the swollen layer's Bruggeman factor (phi_h / lambda)^(b-1) per host volume
        logB = self.log_mobility(x_free, variables) - (p.b_c - 1) * log_lam
        B = pybamm.exp(p.logB_c(x_free, T))
        # both carriers' conductivities of the compact [S.m-1]: the ions' from the mobility (the
        # set's ionic-conductivity function receives the self-diffusivity B R T / (F x) of the
        # mobility, so its Nernst-Einstein default is F c_h B), the electrons' at the local Li
        # content (:mod:`.electronic_conduction`)
        D_self = B * p.R * T / (p.F * pybamm.maximum(x, 1e-9 * p.x_max))
        sigma_ion = p.sigma_ion_c(x, T, D_self) * phi_now**p.b_c
        sigma_e, t_e, t_ion = carrier_conductivities(p, self.options, x, sigma_ion)
        log_t_e = -pybamm.log(1 + sigma_ion / sigma_e)  # 0 for sigma_e = inf
        # face mobility: geometric mean of the neighbours (arithmetic mean of log B on the faces,
        # linear extrapolation of log B on the two boundary faces: always positive); with the
        # electronic transference number, the ambipolar mobility B t_e (Jamnik & Maier, see
        # :mod:`.cathode_diffusion`)
        edges = pybamm.PrimaryBroadcastToEdges(1, "positive electrode")
        U_h = p.U_h(x_free, T)
        # on the material coordinate xi (depth L0 lambda dxi, the host's amount per dxi fixed): B / lambda^2
        logB_xi = logB - 2 * log_lam
        B_face = pybamm.exp(logB_xi * edges)
        B_amb_face = pybamm.exp((logB_xi + log_t_e) * edges)
        # a single-phase host (no gradient energy, U = U_h(x)) takes the same flux in Fickian form,
        # D dx/dX with D = B |dU_h/dx| averaged onto the faces, exact for a Fickian host where the
        # geometric mean of B across a steep OCP end under-states the flux into the last cells
        # (LiCoO2 to 3.0 V: 126.7 instead of 137.6 uA.h on 20 cells); with a gradient energy
        # (phases, loops, interfaces) the mobility form above, see the module docstring
        single_phase = p.kappa_c <= 0
        # chemical diffusivity B |dU_h/dx| [m2.s-1] (positive where the homogeneous host is stable), in
        # the electron-rich limit and per host volume (D_eff, with the Bruggeman factor)
        dUdx = U_h.diff(x)
        D = -B * dUdx
        D_eff = -pybamm.exp(logB) * dUdx
        D_xi = D_eff / lam**2
        # Li entering the active host at the separator edge, per formula unit [m.s-1]
        i = variables["Total current density [A.m-2]"]
        n_in = i / (p.F * p.c_h * a_h)
        at_separator = pybamm.EqualHeaviside(1 - 1e-12, xi_edge)
        interior = (xi_edge > 1e-12) * (xi_edge < 1 - 1e-12)
        # Li flux toward the collector on the cell edges [m.s-1]: the ambipolar chemical flux,
        # the ions' migration share t_ion of the current inside, and the interfacial flux on the
        # separator edge (no flux through the collector)
        # (a single-phase host's Fickian gradient is the one that moves free Li: trapped Li, option "Li trapping",
        # does not move; the mobility form reads it through U_h(x_free))
        grad_free = free_li_gradient(p, x, variables["Cathode local trapped Li content"])
        chemical = (1 - single_phase) * (-B_amb_face * pybamm.grad(U)) + single_phase * (D_xi * t_e * grad_free)
        flux = chemical / p.L_c + n_in * (at_separator + t_ion * interior)
        transport = pybamm.div(flux) / p.L_c
        # the electrons' field I_e / sigma_e on the edges from the same flux law, written so that
        # it stays finite for an insulator: I_e / sigma_e = (i + F c_h a_h B grad U) / (sigma_e + sigma_ion)
        # (the ambipolar flux is t_e times the electron-rich one, and t_e / sigma_e = 1 / (sigma_e + sigma_ion))
        g = 1 / (sigma_e + sigma_ion)
        electron_rich = (1 - single_phase) * (B_face * pybamm.grad(U)) - single_phase * (D_xi * grad_free)
        electron_field = (i * edges + p.F * p.c_h * a_h * electron_rich / p.L_c) * g
        # the surface potential: a single-phase host's U_h at the surface content (extrapolating
        # U and x separately would put the OCP and the kinetics at two surface states where the
        # profile is steep); with a gradient energy, U extrapolated (smooth across the diffuse
        # interfaces, where the extrapolated content is not: the plateau voltages converge on
        # doubling the mesh)
        x_s = variables["Cathode surface Li content"]
        U_h_s = p.U_h(variables["Cathode surface free Li content"], T)
        U_s = single_phase * U_h_s + (1 - single_phase) * pybamm.boundary_value(U, "right")
        U_av = pybamm.Integral(U, xi)
        variables.update(
            {
                "Cathode homogeneous OCP [V]": U_h,
                "Cathode Li mobility [m2.V-1.s-1]": B,
                "Cathode Li diffusivity [m2.s-1]": D,
                "Cathode chemical diffusivity [m2.s-1]": D * t_e,
                "Cathode local electronic conductivity [S.m-1]": sigma_e,
                "Cathode ionic conductivity [S.m-1]": sigma_ion,
                "Cathode ionic transference number": t_ion,
                "Cathode electronic transference number": t_e,
                "Cathode electronic field [V.m-1]": electron_field,
                "Cathode effective Li diffusivity [m2.s-1]": D_eff * t_e,
                "Cathode Li transport rate [s-1]": transport,
                "Cathode Li storage rate [mol.m-3.s-1]": a_h * p.c_h * transport,
                "Cathode surface OCP [V]": U_s,
                "Cathode bulk OCP [V]": U_av,
                "Cathode diffusion overpotential [V]": U_av - U_s,
                "Cathode surface homogeneous OCP [V]": single_phase * U_h_s
                + (1 - single_phase) * pybamm.boundary_value(U_h, "right"),
            }
        )
        return variables

    def set_rhs(self, variables):
        ((x, rate),) = host_li_balance(self.param, variables).items()
        y = variables["Cathode Li content variable"]
        self.rhs = {y: rate / self.content_slope(y)}

    def set_algebraic(self, variables):
        p = self.param
        x = variables["Cathode Li content"]
        U = variables["Cathode host OCP [V]"]
        U_h = variables["Cathode homogeneous OCP [V]"]
        # the gradient energy per host amount, kappa (dx/dX)^2 / 2 with dX = L0 lambda dxi: its variation on xi is
        # -kappa / L0^2 d/dxi(lambda^-2 dx/dxi) (the host's amount per dxi fixed)
        lam = variables["Cathode transport stretch"]
        self.algebraic = {U: U - U_h - p.kappa_c / p.L_c**2 * pybamm.div(pybamm.grad(x) / lam**2)}

    def set_boundary_conditions(self, variables):
        x = variables["Cathode Li content"]
        U = variables["Cathode host OCP [V]"]
        zero = (pybamm.Scalar(0), "Neumann")
        # no flux through either face (the interfacial flux is a source, see module docstring);
        # dx/dX = 0, the natural boundary condition of the gradient energy
        self.boundary_conditions = {
            x: {"left": zero, "right": zero},
            U: {"left": zero, "right": zero},
        }

    def set_initial_conditions(self, variables):
        p = self.param
        x = variables["Cathode Li content"]
        U = variables["Cathode host OCP [V]"]
        y = variables["Cathode Li content variable"]
        x_0 = variables["Initial cathode Li content profile"]
        self.initial_conditions = {y: self.content_variable(x_0), U: p.U_h(x_0, p.T_initial)}

    def add_events_from(self, variables):
        """A lattice gas full (``"Cathode host full at maximum Li content"`` 1, the AEA_* materials' sets): the solve
        ends when its surface content, or the content anywhere in the electrode, reaches x_max (to 1e-9 x_max, as
        the lever-rule host's events), with an event that names it. Its OCP's end term has its pole there, and past
        it the OCP comes back to the plateau (a table OCP's) or is NaN (a logarithm's), so a step that crosses it is
        no state of the material; the event is the content's, continuous across the pole, so IDA's root finding
        finds it however long the step. No event at theta = 0: x = e ln(1 + exp(y / e)) > 0 (:meth:`content`).
        An electron-limited end (0, Mo6S8) takes Li past x_max, so its host has none (see the module docstring).
        The event inside the electrode ends no test's solve (session 29's review): Li reaches the interior only from
        the interface, down the gradient of its chemical potential, which near x_max the lattice gas's pole makes
        monotone in x, so the interior fills after the surface; on a charge it is fuller than the surface (AEA_LiCoO2
        after a 1C discharge: 0.46 above it) but losing Li. It is kept for a dispersed material that gives Li back to
        the host in the bulk (``r < 0`` in the module docstring's equation, on a charge), which can fill the interior
        first; the package's sets with a dispersed material (Li2021_S_Mo6S8, Li2021_LTO_Mo6S8) are on Mo6S8, no
        lattice gas (:data:`pybamm_aea.parameters.SET_FACTS`), so it is untested."""
        p = self.param
        x = variables["Cathode Li content"]
        x_s = variables["Cathode surface Li content"]
        # 0 for a lattice gas; for a host that takes Li past x_max an offset no content reaches (no event)
        open_end = 1e30 * (1 - p.full_at_x_max)
        full = p.x_max * (1 - pybamm.Scalar(1e-9))
        self.events += [
            pybamm.Event(LATTICE_GAS_FULL_AT_SURFACE, full - x_s + open_end),
            pybamm.Event(LATTICE_GAS_FULL, full - pybamm.max(x) + open_end),
        ]
