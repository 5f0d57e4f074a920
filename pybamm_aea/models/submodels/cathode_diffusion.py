"""Li transport through the thickness of a dense mixed ionic-electronic conducting cathode.

The cathode is 100 % active material that carries Li and electrons itself (no electrolyte, no
carbon). Li moves across the electrode as a chemical-diffusion process in the solid (Jamnik &
Maier, PCCP 5, 5215, 2003: for an electronic conductor the chemical diffusivity is that of Li),
with the porosity entering through a Bruggeman tortuosity on the solid fraction:

    phi dc/dt = d/dX [ phi^b D(x, T) dc/dX ] - r,   0 < X < L,

c = c_host x (c_host formula units per m3 of host, x Li per formula unit), phi the volume
fraction of the host in the electrode (1 - eps for a pure host), r the Li taken up by a
dispersed active material (see :mod:`.dispersed_material`). The current-collector side (X = 0)
blocks ions; Li crosses the separator interface (X = L) at the rate i/F. The
equation is solved on the scaled depth xi = X / L in [0, 1], so thickness, loading and porosity
are ordinary (input-able) parameters and need no re-meshing.

Coupled ion-electron transport (Jamnik & Maier, PCCP 5, 5215, 2003). Li+ enters at X = L and
electrons at X = 0; with local equilibrium (mu_Li = mu~_Li+ + mu~_e) the ionic current toward the
collector is

    I_ion = t_ion i + F phi^b D~ c_host dx/dX,   D~ = D t_e,   t_e = s_e / (s_e + s_ion),

where D is the chemical diffusivity of the electron-rich limit (the set's ``"Cathode Li
diffusivity [m2.s-1]"``, what PITT measures on a metallic host), s_e the compact's electronic
conductivity (a function of x: insulating Li4Ti5O12 / metallic Li7Ti5O12, ...), s_ion = phi^b x
the material's Li-ion conductivity, and t_ion = 1 - t_e. D~ is the ambipolar chemical diffusivity
[s_ion s_e / (s_ion + s_e)] R T chi / (F^2 c) of Jamnik & Maier; the t_ion i term is the share of
the current the ions carry by migration, which takes Li to the collector where the electrons are.
Li conservation gives dx/dt = (1/(F L a_h c_h)) dI_ion/dxi; the boundary conditions are
I_ion(0) = 0 (ion-blocking collector) and I_ion(L) = i (electron-blocking separator). For
s_e >> s_ion, t_ion -> 0 and the model is plain Fickian diffusion with D. With trapped Li (option "Li trapping"),
which does not move, dx/dX is the gradient that moves the free Li (:func:`.degradation.free_li_gradient`).
"""
import pybamm

from ... import citations as c
from .base import AEASubModel

#: scaled depth in the cathode, 0 at the current collector and 1 at the separator interface:
#: ``pybamm.SpatialVariable("xi_c", domain=["positive electrode"], coord_sys="cartesian")``
#:
#: :meta hide-value:
xi = pybamm.SpatialVariable("xi_c", domain=["positive electrode"], coord_sys="cartesian")


def swollen_layer(param, variables):
    """The host's transport across the layer as it is, L0 lambda thick, on the material coordinate xi
    (:mod:`.volume`: each layer of as-made thickness L0 dxi is lambda(xi, t) L0 dxi thick, its host volume and
    amount unchanged, the uniaxial stretch under the stack leaving its area as made). Returns
    (lambda, log lambda, the host's volume fraction of the swollen layer phi_h / lambda).

    A flux through the layer goes as phi_now^b d/dX = (phi_h / lambda)^b / (L0 lambda) d/dxi: per host
    formula unit (whose amount per dxi is fixed) the material-coordinate transport coefficient is the as-made
    one times lambda^-(b+1), a spatial diffusivity per host volume phi_now^(b-1) D times lambda^-2; the
    gradient energy per host amount, kappa (dx/dX)^2 / 2, gives kappa / (L0 lambda)^2 d/dxi(lambda^-2 ... ) in
    the same way, and the electrons' ohmic drop is L0 int lambda (...) dxi. (Taken on L0 and phi_h as made
    until session 46: S-LMS 0.1C first discharge 510.19 mA.h/g there with D_LI2S_REF 3.3e-23; 503.07 with the
    swollen layer at that D_LI2S_REF, 507.02 with it refitted to 3.4e-23, measured 2026-12-05.)

    An approximation: the host's volume is taken as made, though the host swells with its own Li (Vegard's law
    between the set's "Cathode host density [kg.m-3]" and "Lithiated cathode host density [kg.m-3]": Mo6S8 ->
    Li4Mo6S8 +9.39 %, v / v0 = 1.0939). Its fraction phi_h v / (v0 lambda) would raise phi^b, and its Li per host volume
    fall as v0 / v: the host's D_xi and sigma_ion are short of a factor (v / v0)^(b-1), 1 at x = 0 up to 1.046 at x =
    4 for b = 1.5 (LMS and the hybrids on Mo6S8 alike; for LMS alone lambda stays 1 until its pores fill, so there
    the host's swelling shows in nothing here). docs/known_limits.rst, "The host's transport across the swollen
    layer"."""
    # lambda, or 1 where it starts at 1 and cannot leave it
    # (:meth:`.volume.ConstrainedSwelling.transport_reads_stretch`)
    lam = variables["Cathode transport stretch"]
    log_lam = pybamm.log(lam)
    return lam, log_lam, param.phi_host / lam


def host_li_balance(param, variables, isolation=True):
    """The host's Li balance, dx/dt = transport - (Li taken up by the dispersed material) / (a_h c_h)
    [+ "Cathode host Li enrichment rate [s-1]", the Li that isolated host leaves to the active host
    (option "ionic-switch host loss"), with ``isolation``], as the ``rhs`` of "Cathode Li content";
    shared by every host transport submodel. ``isolation=False``: the Li that enters the host from
    outside it, for the submodels that read it (the Li0 phase's growth, the trapped Li)."""
    x = variables["Cathode Li content"]
    r = variables["Dispersed material Li uptake rate [mol.m-3.s-1]"]
    a_h = variables["Cathode host active fraction"]
    rate = variables["Cathode Li transport rate [s-1]"] - r / (a_h * param.c_h)
    if isolation:
        rate = rate + variables["Cathode host Li enrichment rate [s-1]"]
    return {x: rate}


def carrier_conductivities(param, options, x, sigma_ion):
    """The compact's electronic conductivity at Li content ``x`` [S.m-1] and the electronic and
    ionic transference numbers t_e = sigma_e / (sigma_e + sigma_ion), t_ion = 1 - t_e, given the
    ions' conductivity ``sigma_ion``; sigma_e = inf (t_e = 1) with ``"electronic conduction":
    "infinite"``. Shared by every host transport submodel."""
    if options["electronic conduction"] == "infinite":
        sigma_e = pybamm.PrimaryBroadcast(pybamm.Scalar(float("inf")), "positive electrode")
        t_e = pybamm.PrimaryBroadcast(pybamm.Scalar(1.0), "positive electrode")
        t_ion = pybamm.PrimaryBroadcast(pybamm.Scalar(0.0), "positive electrode")
    else:
        sigma_e = param.sigma_e_local(x, param.eps_c, param.T)
        t_e = sigma_e / (sigma_e + sigma_ion)
        t_ion = sigma_ion / (sigma_e + sigma_ion)
    return sigma_e, t_e, t_ion


class CathodeSolidDiffusion(AEASubModel):
    """Fickian chemical diffusion of Li across the dense cathode, Li content x as the state."""

    #: coupled ion-electron transport (Jamnik & Maier 2003), the Bruggeman factor of the solid network
    citations = (c.JAMNIK2003, c.BRUGGEMAN1935)

    def get_fundamental_variables(self):
        p = self.param
        x = pybamm.Variable(
            "Cathode Li content", domain="positive electrode", scale=p.x_max
        )
        x_av = pybamm.Integral(x, xi)
        x_s = pybamm.boundary_value(x, "right")
        L = p.L_c
        c = p.c_host * x
        variables = {
            "Cathode Li content": x,
            "Average cathode Li content": x_av,
            "Cathode surface Li content": x_s,
            "Cathode stoichiometry": x / p.x_max,
            "Average cathode stoichiometry": x_av / p.x_max,
            "Cathode host Li content as made": p.x_made,  # (its made end: start_advice)
            "Cathode surface stoichiometry": x_s / p.x_max,
            "Cathode Li concentration [mol.m-3]": c,
            "Cathode thickness [m]": L,
            "Cathode depth [m]": L * xi,
            "Cathode capacity [A.h]": p.q_c * p.A_cc / 3600,
            # where the host's Li is at t = 0 (read by the volume's initial state): uniform, the Fickian host
            # has no two-phase initial state
            "Initial cathode Li content profile": pybamm.PrimaryBroadcast(p.x_init, "positive electrode"),
        }
        return variables

    def get_coupled_variables(self, variables):
        from .degradation import free_li_gradient

        p = self.param
        x = variables["Cathode Li content"]
        a_h = variables["Cathode host active fraction"]
        variables["Total lithium in cathode host [mol]"] = (
            a_h * p.c_h * p.L_c * p.A_cc * variables["Average cathode Li content"]
        )
        T = p.T
        D = p.D_c(x, T)
        # the layer as it is: stretch lambda, host fraction phi_h / lambda (:func:`swollen_layer`)
        lam, _, phi_now = swollen_layer(p, variables)
        # both carriers' conductivities of the compact [S.m-1] and the transference numbers
        sigma_ion = p.sigma_ion_c(x, T) * phi_now**p.b_c
        sigma_e, t_e, t_ion = carrier_conductivities(p, self.options, x, sigma_ion)
        D_amb = D * t_e
        # phi^b D~ / phi: diffusivity per unit of host volume, in the swollen layer
        D_eff = D_amb * phi_now ** (p.b_c - 1)
        # on the material coordinate xi (depth L0 lambda dxi, the host's amount per dxi fixed): D_eff / lambda^2
        D_xi = D_eff / lam**2
        # migration: the ions' share of the current, as a flux of x on the cell edges
        i = variables["Total current density [A.m-2]"]
        K = p.L_c * i / (p.F * a_h * p.c_h)
        edges = pybamm.PrimaryBroadcastToEdges(1.0, "positive electrode")
        migration = K * t_ion * edges
        # rate of change of x from transport alone [s-1]
        # the gradient that moves free Li (trapped Li, option "Li trapping", does not move)
        grad_free = free_li_gradient(p, x, variables["Cathode local trapped Li content"])
        transport = pybamm.div(D_xi * grad_free + migration) / p.L_c**2
        # the electrons' field I_e / sigma_e on the cell edges, from the same flux law, for the
        # ohmic drop (:mod:`.electronic_conduction`): I_e = t_e i - F a_h c_host phi^b D~ dx/dX and
        # D~ / sigma_e = D / (sigma_e + sigma_ion), so I_e / sigma_e = [i - F a_h c_host phi^b D
        # dx/dX] / (sigma_e + sigma_ion): finite however small sigma_e is (i - I_ion would cancel
        # to round-off in an insulator)
        g = 1 / (sigma_e + sigma_ion)
        h = p.F * a_h * p.c_host * phi_now**p.b_c * D * g / (p.L_c * lam)
        electron_field = i * g * edges - h * grad_free
        variables.update(
            {
                "Cathode Li transport rate [s-1]": transport,
                # Li stored (host + dispersed) per m3 of electrode and second
                "Cathode Li storage rate [mol.m-3.s-1]": a_h * p.c_h * transport,
                "Cathode Li diffusivity [m2.s-1]": D,
                "Cathode chemical diffusivity [m2.s-1]": D_amb,
                "Cathode effective Li diffusivity [m2.s-1]": D_eff,
                "Cathode local electronic conductivity [S.m-1]": sigma_e,
                "Cathode ionic conductivity [S.m-1]": sigma_ion,
                "Cathode ionic transference number": t_ion,
                "Cathode electronic transference number": t_e,
                "Cathode electronic field [V.m-1]": electron_field,
                "Average cathode chemical diffusivity [m2.s-1]": pybamm.Integral(D_amb, xi),
                # diffusion time of the electrode, L^2 / D~ at the mean Li content
                "Cathode diffusion time [s]": p.L_c**2 / pybamm.Integral(D_xi, xi),
                # the transport coefficient on xi, D_eff / lambda^2 (read by the boundary conditions)
                "Cathode material-coordinate Li diffusivity [m2.s-1]": D_xi,
            }
        )
        return variables

    def set_rhs(self, variables):
        self.rhs = host_li_balance(self.param, variables)

    def set_boundary_conditions(self, variables):
        p = self.param
        x = variables["Cathode Li content"]
        i = variables["Total current density [A.m-2]"]
        a_h = variables["Cathode host active fraction"]
        # D~ and the transference numbers at the ends exactly as the finite-volume scheme puts
        # them on the boundary edges (linear extrapolation of the nodal values), so the imposed
        # total fluxes are exactly I_ion(0) = 0 and I_ion(L) = i
        D_eff = variables["Cathode material-coordinate Li diffusivity [m2.s-1]"]
        t_ion = variables["Cathode ionic transference number"]
        t_e = variables["Cathode electronic transference number"]
        K = p.L_c * i / (p.F * a_h * p.c_h)
        D_left = pybamm.boundary_value(D_eff, "left")
        D_right = pybamm.boundary_value(D_eff, "right")
        lbc = -K * pybamm.boundary_value(t_ion, "left") / D_left
        rbc = K * pybamm.boundary_value(t_e, "right") / D_right
        self.boundary_conditions = {x: {"left": (lbc, "Neumann"), "right": (rbc, "Neumann")}}

    def set_initial_conditions(self, variables):
        x = variables["Cathode Li content"]
        self.initial_conditions = {x: variables["Initial cathode Li content profile"]}

    def add_events_from(self, variables):
        p = self.param
        x = variables["Cathode Li content"]
        x_s = variables["Cathode surface Li content"]
        tol = pybamm.Scalar(1e-9)
        self.events += [
            pybamm.Event("Minimum cathode surface Li content", x_s - tol * p.x_max),
            pybamm.Event("Maximum cathode surface Li content", p.x_max * (1 - tol) - x_s),
            # with ion migration (a poor electronic conductor) the host fills from the collector,
            # so the window can be left away from the surface too
            pybamm.Event("Minimum cathode Li content", pybamm.min(x) - tol * p.x_max),
            pybamm.Event("Maximum cathode Li content", p.x_max * (1 - tol) - pybamm.max(x)),
        ]
