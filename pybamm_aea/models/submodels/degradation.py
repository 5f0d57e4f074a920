"""Degradation mechanisms of AEA cells, each a submodel switched on by a model option.

Each mechanism owns one or two scalar states and exposes the variables the rest of the model
reads (with neutral values when the option is off):

- Li trapping in the host (``"Li trapping"``): Li inserted into a solid-solution host is partly
  trapped for good (Li et al. 2021 on LixTiS2: trapped Li lowers the vacancy concentration and
  with it the diffusivity). Trapped Li still occupies sites (so D, a function of the total Li
  content, falls) but cannot leave: the host's OCP sees the window [x_trap, x_max].
- Host lost behind the ionic switch (``"ionic-switch host loss"``): part of the Li0 that forms at
  the end of each charge persists as ionically isolated Mo6S8 and takes host with it (the
  paper's "trace of Li0 phase remaining" after charge). The loss is proportional to the charge
  passed while the Li0 film grows.
- Activation and contact loss of the dispersed material (``"dispersed material degradation"``):
  sulfur domains join the reaction progressively (Fig. 5d: capacity rising over ~30 cycles) and
  lose contact where the voids their shrinkage opens stay open because the stack pressure
  cannot compact the electrode there (:mod:`.volume`).
- Interphase growth (``"interphase growth"``): resistive interphases at the cathode|SE and
  anode|SE interfaces thicken parabolically (diffusion-limited, d L/dt = k / L), with a much
  smaller constant for the Li-In alloy, the paper's stabilised anode, than for Li metal
  (``"parabolic"``); with ``"stability window"`` the cathode side grows only while the
  interface potential lies outside the electrolyte's stability window (LGPS 1.71-2.14 V).
"""
import pybamm

from ...constants import arrhenius
from ..checks import checked_above
from .base import AEASubModel
from .cathode_diffusion import host_li_balance, xi
from .host_phase_field import surface_value


def free_window_stretch(param, x_trap):
    """d x_free / dx = x_max / (x_max - x_trap): how the free window [x_trap, x_max] of a host holding
    ``x_trap`` trapped Li per formula unit is stretched onto [0, x_max] (1 with no trapped Li)."""
    return param.x_max / (param.x_max - x_trap)


def free_li_content(param, x, x_trap):
    """The host's free-window content x_free = x_max (x - x_trap) / (x_max - x_trap) of a Li content ``x``
    holding ``x_trap`` trapped Li (option "Li trapping"): trapped Li occupies sites but cannot leave and is
    not in the phases' composition, so the host's free energy, OCP, phases and Li0 read x_free (x_free = x
    with no trapped Li). The one place the window is written; the model publishes it as "Cathode free Li
    content" (local), "Average cathode free Li content" and "Cathode surface free Li content"."""
    return (x - x_trap) * free_window_stretch(param, x_trap)


def li_content_of_free(param, x_free, x_trap):
    """The Li content x = x_trap + x_free (x_max - x_trap) / x_max of free-window content ``x_free``
    (the inverse of :func:`free_li_content`)."""
    return x_trap + x_free / free_window_stretch(param, x_trap)


def free_li_gradient(param, x, x_trap):
    """The gradient of a host's Li content ``x`` that moves its free Li, on the cell edges [Li per formula unit per
    unit of the scaled depth]: (1 - x_trap / x_max) grad x_free = grad x - (x_max - x) / (x_max - x_trap) grad x_trap
    (option "Li trapping"; grad x with no trapped Li). Trapped Li does not move, and the host's free energy reads
    x_free (:func:`free_li_content`), so a Fickian flux D grad x moved free Li down the trapped Li's gradient too:
    TiS2 came to rest with x uniform and x_free not, its OCP non-uniform. ``x_trap`` is a field with zero-gradient
    boundary conditions (:class:`HostLiTrapping`): the flux through either face is the boundary condition's."""
    if not x_trap.domain:
        return pybamm.grad(x)
    return pybamm.grad(x) - (param.x_max - x) / (param.x_max - x_trap) * pybamm.grad(x_trap)


class NoLiTrapping(AEASubModel):
    def get_coupled_variables(self, variables):
        variables.update(
            {
                "Cathode trapped Li content": pybamm.Scalar(0),
                "Cathode local trapped Li content": pybamm.Scalar(0),
                "Cathode surface trapped Li content": pybamm.Scalar(0),
                "Lost lithium to trapping [mol]": pybamm.Scalar(0),
                # no trapped Li: the free window is the whole host
                "Cathode free Li content": variables["Cathode Li content"],
                "Average cathode free Li content": variables["Average cathode Li content"],
                "Cathode surface free Li content": variables["Cathode surface Li content"],
            }
        )
        return variables


class HostLiTrapping(AEASubModel):
    """Irreversible trapping of a fraction of the Li inserted into the host.

    dx_trap/dt = A(T) [f_fast (1 - x_trap / x_sat) + f_slow] n_in (1 - x_trap / x), n_in the insertion
    rate in Li per formula unit (discharge only), x the host's Li content: a fast part that saturates at
    x_sat (the paper's Li0.1TiS2 after the first cycle) and a slow part that goes on every cycle.

    Saturation in the free Li, the factor (1 - x_trap / x) = (x - x_trap) / x: Li is trapped as it moves
    through the host, and the Li that moves is the free Li, so the trapped share of the inserted Li is taken
    in proportion to the share of the host's Li that is still free (an assumption of the law's form, chosen
    so that it is the earlier law where x_trap << x and cannot trap Li that is not there). Trapped Li can never exceed
    the Li present: the rate vanishes as x_trap -> x (trapping stops there while insertion goes on), so
    x_trap < x < x_max for any coefficients, and the free window [x_trap, x_max] never closes
    (:func:`free_window_stretch` never divides by zero), in every control volume on both hosts (below).
    The factor is 1
    where x_trap << x (the law before session 26); with x_trap near x (the start of every discharge
    after the first, a host emptied to its trapped Li) it traps less, and the sets' fractions are fitted
    with it (README, Known limits).

    A(T) = exp(-E_a / R (1 / T - 1 / T_ref)), E_a "Li trapping activation energy [J.mol-1]", T_ref the
    set's "Reference temperature [K]" (343.15 K, the paper's 70 C, where the fractions are fitted):
    trapping is thermally activated, so it is slower when colder; x_sat, a number of trap sites, is not.

    Trapped Li is a field on both hosts, and the inserted Li is trapped where the free Li is: n_in x / x_av
    (x_av the average content, the Li each region holds) times the local (1 - x_trap / x), i.e.
    n_in (x - x_trap) / x_av, n_in the Li the host takes up (the current over the host on the lever rule;
    the host's own Li balance on the multi-phase host, where a dispersed material's share passes through).
    Its average obeys the law above with the average contents where x_trap is uniform, and the local rate
    vanishes where a region's Li is all trapped, so x_trap < x in every control volume. Trapped Li does not
    move: a region keeps what it trapped while its free Li diffuses. One trapped content for the whole
    electrode exceeded the local content where that lags the average: on the multi-phase host the
    Li0/Li1 front sweeping in from the separator leaves pristine Mo6S8, x = 0.004, at the collector until
    late in the discharge (uniform x_trap 0.054 > 0.004 on the first LMS discharge, outside the window the
    free energy is defined on: IDA failed); on the lever rule (until session 26 one number, the law on the
    average content) the collector lagging the average in a fast discharge had -2.8e-4 Li free (1C, f_fast
    = f_slow = 1), where "Cathode host OCP [V]" took the log of a negative content (NaN, 53.8 V). (Trapping
    at the local insertion rate max(dx/dt, 0) made the rate law non-smooth wherever dx/dt changes sign, at
    every front and at each current reversal: IDA failed at the first TiS2 charge.) "Cathode trapped Li
    content" is the electrode average either way.
    """

    def get_fundamental_variables(self):
        x_trap = pybamm.Variable("Cathode local trapped Li content", domain="positive electrode", scale=0.1)
        if self.options["host thermodynamics"] == "multi-phase":
            # at the surface as the host's content is read there (:mod:`.host_phase_field`):
            # extrapolated for a single-phase host, the last control volume's with a gradient energy
            x_trap_s = surface_value(self.param, x_trap)
        else:
            x_trap_s = pybamm.boundary_value(x_trap, "right")  # as the Fickian host's surface content
        return {
            "Cathode local trapped Li content": x_trap,
            "Cathode trapped Li content": pybamm.Integral(x_trap, xi),
            "Cathode surface trapped Li content": x_trap_s,
        }

    def get_coupled_variables(self, variables):
        p = self.param
        x_trap = variables["Cathode trapped Li content"]
        a_h = variables["Cathode host active fraction"]
        variables["Lost lithium to trapping [mol]"] = x_trap * a_h * p.c_h * p.L_c * p.A_cc
        # the content in the free window [x_trap, x_max] that the host's thermodynamics and phases read
        x_trap_local = variables["Cathode local trapped Li content"]
        x_free = free_li_content(p, variables["Cathode Li content"], x_trap_local)
        variables["Cathode free Li content"] = x_free
        variables["Average cathode free Li content"] = pybamm.Integral(x_free, xi)
        variables["Cathode surface free Li content"] = free_li_content(
            p, variables["Cathode surface Li content"], variables["Cathode surface trapped Li content"])
        return variables

    def set_rhs(self, variables):
        p = self.param
        x_trap = variables["Cathode local trapped Li content"]
        a_h = variables["Cathode host active fraction"]
        i = variables["Total current density [A.m-2]"]
        x_av = variables["Average cathode Li content"]
        x = variables["Cathode Li content"]
        if self.options["host thermodynamics"] == "multi-phase":
            # the Li the host itself takes up (a dispersed material's share passes through)
            (dxdt,) = host_li_balance(p, variables, isolation=False).values()
            n_in = pybamm.maximum(pybamm.Integral(dxdt, xi), 0)
        else:
            # the current over the host
            n_in = pybamm.maximum(i, 0) / (p.F * a_h * p.c_h * p.L_c)
        # shared out in proportion to the free Li each region holds: n_in x / x_av (1 - x_trap / x)
        n_in_free = n_in * (x - x_trap) / x_av
        rate = p.f_trap_fast * pybamm.maximum(1 - x_trap / p.x_trap_sat, 0) + p.f_trap_slow
        self.rhs = {x_trap: arrhenius(p.T, p.E_trap, p.T_ref) * rate * n_in_free}

    def set_boundary_conditions(self, variables):
        # trapped Li does not move: no condition holds at the faces; zero gradient there leaves the flux through
        # either face to the host's own boundary condition (:func:`free_li_gradient`)
        zero = (pybamm.Scalar(0), "Neumann")
        self.boundary_conditions = {variables["Cathode local trapped Li content"]: {"left": zero, "right": zero}}

    def set_initial_conditions(self, variables):
        zero = pybamm.PrimaryBroadcast(pybamm.Scalar(0), "positive electrode")
        self.initial_conditions = {variables["Cathode local trapped Li content"]: zero}


class NoHostLoss(AEASubModel):
    def get_coupled_variables(self, variables):
        variables.update(
            {
                "Cathode host active fraction": pybamm.Scalar(1),
                "Lost lithium in isolated host [mol]": pybamm.Scalar(0),
                "Cathode host Li enrichment rate [s-1]": pybamm.Scalar(0),
            }
        )
        return variables


class IonicSwitchHostLoss(AEASubModel):
    """Host isolated by persistent Li0, with the Li it holds (lost inventory, counted once).

    Lever-rule host: da/dt = -k i_film / q_host, i_film the current that grows the Li0 surface
    film, q_host the host's areal capacity F c_h L x_max, k "Ionic-switch host loss coefficient";
    the host is isolated at its average Li content. i_film / (F c_h L) is the share of the whole host the
    film converts per second (one Li per formula unit, Li1 to Li0), all of it connected host, and k / x_max
    formula units are isolated per formula unit it converts: not a fraction of it that persists, as f_p below
    is (LMS's fitted k exceeds its x_max: more host is isolated than its thin surface film converts, host cut
    off behind the film, a fit of the option's speed); until session 40 the law was -k a i_film / q_host, as if
    the film converted a share i_film / (F c_h L) of the connected host, not of the whole host.

    Multi-phase host: i_film is the current that converts Li-rich host into the Li0 phase (from
    the phase state, :class:`.ionic_switch.Li0PhaseLayer`), so i_film / (F c_h L) is the host
    fraction turned into Li0 per second; a fraction f_p of it persists as isolated Mo6S8,
    da/dt = -f_p i_film / (F c_h L), f_p "Persistent Li0 fraction" (the mechanism's input). What
    is isolated is the Li0 phase itself: it takes the Li0 binodal content x_0 (the upper end of
    the free energy's Li0 window, "Li0 phase binodal Li content", 0.02 Li for Mo6S8) out of the
    inventory, and the rest of the Li the isolated fraction held stays in the active host,
    dx/dt += (-da/dt / a) (x - x_0) (one inventory: host + anode + isolated host constant).
    Booking it at the average content instead, as the lever rule does, took 0.9 Li per isolated
    formula unit out of the cell (1.4e-7 mol over the LMS cell's 50 cycles) that Li-free Mo6S8
    cannot hold. With "Li trapping" the Li0 phase is that of the free window [x_trap, x_max] the
    free energy sees, and trapped Li cannot leave the host that turns into it: the isolated host
    holds x_trap + x_0 (1 - x_trap / x_max) where it is taken (x_trap the local trapped content),
    so its trapped Li moves from the trapped to the isolated inventory, counted once. (Booked at
    x_0, its trapped Li was left to the active host as free Li; measured in docs/known_limits.rst, item (6).)

    On the multi-phase host da/dt is an algebraic state, "Cathode host active fraction rate [s-1]", equal
    to the law above (:meth:`set_algebraic`): i_film integrates every cell's Li balance, and every cell's
    enrichment reads da/dt, so written as the expression it made each cell's Li content read the host
    potential, content, trapped Li and dispersed lithiation of every cell, dense blocks in the Newton
    matrix (S-LMS on Li-In with every degradation option: 2230 entries, 846 with the state); CPU time of
    10 such C/10 cycles -26 % (benchmarks/README.md). The answers differ by the solver's error at the
    default rtol 1e-4, not by less: the active fraction after those 10 cycles 0.985558 with the expression,
    0.985451 with the state (this form: residual scaled once, the lost Li on the state, the solver's state
    1 - a_h), 0.98566 with either at rtol 1e-6 (1 - a_h +0.7 % / +1.4 % off it; +0.3 % with the residual
    scaled twice and the lost Li on the expression, session 29's first form). The lost Li is
    x_0 n_host (1 - a_h) plus a state for the Li trapped beyond x_0 (0 without "Li trapping"), both on the
    rate state, so without "Li trapping" it is the isolated host's Li to rounding (measured 8e-14 relative;
    read on the expression it drifted 5.8e-2 off over those 10 cycles). With trapping the trapped part is
    integrated, its Newton block downstream: 7.7e-4 off the integral of its law after 50 LMS C/10 cycles at
    the default tolerances, 1.5e-5 at rtol 1e-6 (the solver's error, not rounding).
    """

    #: the solver's scale of the multi-phase host's isolation rate da/dt [s-1], an algebraic state there
    #: (see :meth:`set_algebraic`): S-LMS on Li-In at 0.1C isolates at 1e-7 to 3e-4 s-1 while Li0 forms
    #: (f_p = 0.02), so the absolute tolerance atol x scale, 1e-11 s-1, equals rtol x the slowest such rate
    #: and is below it for every faster one
    RATE_SCALE = 1e-5
    #: the solver's scale of the multi-phase host's isolated fraction 1 - a_h: the absolute tolerance atol x
    #: scale, 1e-7, is 0.1 % of the 1e-4 one 1C cycle of LMS isolates (12 % over 50 C/10 cycles on Li-In)
    ACTIVE_FRACTION_SCALE = 0.1

    def get_fundamental_variables(self):
        if self.options["host thermodynamics"] == "multi-phase":
            # the solver's state (a_h - 1) / scale (reference 1), so that rtol applies to the isolated fraction, not to
            # a_h ~ 1 (there, once the lost Li no longer had a state of its own, nothing held 1 - a_h
            # within the tolerances: LMS, 1C discharge, 1C charge to 2.34 V, 1 - a_h 1.547e-4 against
            # 1.0136e-4 at rtol 1e-7; 1.0167e-4 with this state, 1.0106e-4 at scale 1e-2 for +30 % CPU)
            a_h = pybamm.Variable("Cathode host active fraction", reference=1, scale=self.ACTIVE_FRACTION_SCALE)
        else:
            a_h = pybamm.Variable("Cathode host active fraction")
        variables = {"Cathode host active fraction": a_h}
        if self.options["host thermodynamics"] == "multi-phase":
            p = self.param
            variables["Cathode host active fraction rate [s-1]"] = pybamm.Variable(
                "Cathode host active fraction rate [s-1]", scale=self.RATE_SCALE
            )
            # the isolated host's Li, x_iso per formula unit isolated: x_0 of it on the active fraction itself
            # (exact whatever the solver's error in a_h), the Li trapped beyond x_0 (x_iso - x_0, 0 without
            # "Li trapping") a state, integrated to the solver's tolerance (see the class docstring)
            trapped = pybamm.Variable("Trapped lithium in isolated host [mol]", scale=1e-7)
            variables["Trapped lithium in isolated host [mol]"] = trapped
            variables["Lost lithium in isolated host [mol]"] = p.x_li0 * p.c_h * p.L_c * p.A_cc * (1 - a_h) + trapped
        else:
            variables["Lost lithium in isolated host [mol]"] = pybamm.Variable(
                "Lost lithium in isolated host [mol]", scale=1e-7)
        return variables

    def get_coupled_variables(self, variables):
        p = self.param
        a_h = variables["Cathode host active fraction"]
        i_film = variables["Li0 film growth current density [A.m-2]"]
        if self.options["host thermodynamics"] == "multi-phase":
            dadt = -p.f_li0_persist * i_film / (p.F * p.c_h * p.L_c)
            # the rate as the algebraic state that equals it (set_algebraic): i_film integrates the Li
            # balance of every cell, so each cell's enrichment below, written with the expression, read
            # the states of every cell (a dense 20 x 20 block in each of the Li content's four columns,
            # 1600 of the Newton matrix's 2230 entries); with the state it reads one column. The lost Li
            # reads the state too (x_0 n_host (1 - a_h) + the trapped part, get_fundamental_variables):
            # integrated on the expression while a_h integrated the state, it drifted off x_0 n_host
            # (1 - a_h), 5.8e-2 over 10 S-LMS cycles on Li-In, 0.27 % after one 1C LMS discharge and charge
            # to 2.34 V. (Integrated as a state of its own on the rate state, downstream with its own block
            # of the Newton matrix, :class:`pybamm_aea.models.solvers._DownstreamJacobian`, it lagged the
            # rate's Newton corrections:
            # 1.2 % above x_0 n_host (1 - a_h) after 50 LMS cycles on Li-In.)
            self._rate_expression = dadt
            dadt = variables["Cathode host active fraction rate [s-1]"]
            # the Li0 phase of host that holds trapped Li ("Li trapping"): its trapped Li cannot leave,
            # so it is delithiated to the binodal x_0 of the free window [x_trap, x_max] and isolated
            # with its trapped Li, x_trap + x_0 (1 - x_trap / x_max) where it was taken (0 trapped: x_0)
            x_trap = variables["Cathode local trapped Li content"]
            x_iso_local = li_content_of_free(p, p.x_li0, x_trap)
            x_iso = pybamm.Integral(x_iso_local, xi) if x_trap.domain else x_iso_local
            enrichment = -dadt / a_h * (variables["Cathode Li content"] - x_iso_local)
        else:
            q_host = p.F * p.c_h * p.L_c * p.x_max
            dadt = -p.k_switch_loss * i_film / q_host
            x_iso = variables["Average cathode Li content"]
            enrichment = pybamm.Scalar(0)
        variables.update(
            {
                "Cathode host active fraction rate [s-1]": dadt,
                "Isolated host Li content": x_iso,
                "Cathode host Li enrichment rate [s-1]": enrichment,
            }
        )
        return variables

    def set_rhs(self, variables):
        p = self.param
        a_h = variables["Cathode host active fraction"]
        dadt = variables["Cathode host active fraction rate [s-1]"]
        x_iso = variables["Isolated host Li content"]
        if self.options["host thermodynamics"] == "multi-phase":
            # the lost Li's trapped part, on the rate state as a_h is (the lost Li read on the expression, or
            # its x_0 part integrated apart, drifted off x_0 n_host (1 - a_h): tests/test_degradation.py)
            trapped = variables["Trapped lithium in isolated host [mol]"]
            self.rhs = {a_h: dadt, trapped: -dadt * p.c_h * p.L_c * p.A_cc * (x_iso - p.x_li0)}
        else:
            lost = variables["Lost lithium in isolated host [mol]"]
            self.rhs = {a_h: dadt, lost: -dadt * p.c_h * p.L_c * p.A_cc * x_iso}

    def set_algebraic(self, variables):
        if self.options["host thermodynamics"] == "multi-phase":
            rate = variables["Cathode host active fraction rate [s-1]"]
            # unscaled: PyBaMM divides each equation by its variable's scale (RATE_SCALE) itself; divided
            # here as well the residual was 1e10 x the rate's error, which the event end point's consistent
            # correction (abstol 1e-10, pybamm_aea.models.solvers) could not reach, so it gave up and left
            # IDA's interpolated algebraic states at the end point (the rate there 12 % off its law)
            self.algebraic = {rate: rate - self._rate_expression}

    def set_initial_conditions(self, variables):
        self.initial_conditions = {variables["Cathode host active fraction"]: pybamm.Scalar(1)}
        if self.options["host thermodynamics"] == "multi-phase":
            self.initial_conditions[variables["Trapped lithium in isolated host [mol]"]] = pybamm.Scalar(0)
        else:
            self.initial_conditions[variables["Lost lithium in isolated host [mol]"]] = pybamm.Scalar(0)
        if self.options["host thermodynamics"] == "multi-phase":
            # (IDA's initial-condition calculation solves the algebraic states; no Li0 forms at rest)
            self.initial_conditions[variables["Cathode host active fraction rate [s-1]"]] = pybamm.Scalar(0)


class NoDispersedDegradation(AEASubModel):
    def get_coupled_variables(self, variables):
        variables.update(
            {
                "Dispersed material accessible fraction": pybamm.Scalar(1),
                "Initial dispersed material accessible fraction": pybamm.Scalar(1),
                "Dispersed material activation rate [s-1]": pybamm.Scalar(0),
                "Dispersed material fraction lost": pybamm.Scalar(0),
                "Lost lithium in isolated dispersed material [mol]": pybamm.Scalar(0),
                "Isolated dispersed material lithiated share": pybamm.Scalar(0),
            }
        )
        return variables


def _dispersed_li_sites(param):
    """The dispersed material's Li sites per m3 of electrode [mol.m-3] (``param.c_D_full``), checked above 0 when the
    set's values are substituted: the option needs a dispersed material (a single host's "Dispersed material mass
    fraction" 0 was a bare ZeroDivisionError from PyBaMM's parameter processing)."""
    return checked_above(param.c_D_full, "Dispersed material Li sites [mol.m-3]", 0, (
        'the option "dispersed material degradation" needs a dispersed material: a "Dispersed material mass '
        'fraction" and "Dispersed material specific capacity [A.h.kg-1]" above 0, as a hybrid set '
        '(Li2021_S_Mo6S8, Li2021_LTO_Mo6S8) has; a single host has none: leave the option "none"'))


class DispersedActivationAndContactLoss(AEASubModel):
    """Fraction f of the dispersed domains in contact with the host: activation minus contact loss::

        df/dt = k_act (|i| / q) g - k_c f e_void,   dg/dt = -k_act (|i| / q) g,

    g the pool of domains not yet reached (f_max - f_0 at the start; a domain cut off does not
    return to it), q the electrode's areal capacity, e_void the rate at which voids open around
    the shrinking domains and stay open because the stack cannot compact the layer there (the
    compact's Heckel flow stress exceeds the stack pressure; :mod:`.volume`), as a volumetric
    strain of the domains, averaged over the electrode. The stack-pressure and porosity
    dependence of the loss comes from the mechanics, not from this law's one coefficient k_c.
    Domains cut off keep their Li (lost inventory) and with it their volume ("Isolated dispersed material
    lithiated share", which :mod:`.volume` counts as Li2S); domains that join enter charged.
    """

    def get_fundamental_variables(self):
        f = pybamm.Variable("Dispersed material accessible fraction")
        g = pybamm.Variable("Dispersed material fraction not yet activated")
        cut = pybamm.Variable("Dispersed material fraction lost")
        lost = pybamm.Variable("Lost lithium in isolated dispersed material [mol]", scale=1e-7)
        return {
            "Dispersed material accessible fraction": f,
            "Initial dispersed material accessible fraction": self.param.f_acc_D_init,
            "Dispersed material fraction not yet activated": g,
            "Dispersed material fraction lost": cut,
            "Lost lithium in isolated dispersed material [mol]": lost,
            # the cut-off domains' Li as a share of all the dispersed material's full lithiation: their Li2S,
            # which they keep (:mod:`.volume` counts its volume)
            "Isolated dispersed material lithiated share": lost / (_dispersed_li_sites(self.param) * self.param.L_c
                                                                   * self.param.A_cc),
        }

    def get_coupled_variables(self, variables):
        p = self.param
        g = variables["Dispersed material fraction not yet activated"]
        i = variables["Total current density [A.m-2]"]
        activation = p.k_activation * pybamm.AbsoluteValue(i) / p.q_c * g
        variables["Dispersed material activation rate [s-1]"] = activation
        return variables

    def set_rhs(self, variables):
        p = self.param
        f = variables["Dispersed material accessible fraction"]
        lost = variables["Lost lithium in isolated dispersed material [mol]"]
        activation = variables["Dispersed material activation rate [s-1]"]
        e_void = variables["Average dispersed material open void strain rate [s-1]"]
        loss = p.k_contact_loss * f * e_void
        z_av = variables["Average dispersed material lithiation"]
        g = variables["Dispersed material fraction not yet activated"]
        self.rhs = {
            f: activation - loss,
            g: -activation,
            variables["Dispersed material fraction lost"]: loss,
            lost: loss * p.c_D_full * p.L_c * p.A_cc * z_av,
        }

    def set_initial_conditions(self, variables):
        self.initial_conditions = {
            variables["Dispersed material accessible fraction"]: self.param.f_acc_D_init,
            variables["Dispersed material fraction lost"]: pybamm.Scalar(0),
            variables["Dispersed material fraction not yet activated"]: (
                self.param.f_acc_D_max - self.param.f_acc_D_init
            ),
            variables["Lost lithium in isolated dispersed material [mol]"]: pybamm.Scalar(0),
        }


class NoInterphaseGrowth(AEASubModel):
    def get_coupled_variables(self, variables):
        variables.update({"Interphase overpotential [V]": pybamm.Scalar(0)})
        return variables


class ParabolicInterphaseGrowth(AEASubModel):
    """Cathode|SE and anode|SE interphases thickening as dL/dt = k / L; eta = i sum(L) / sigma.

    k and sigma are one number at every temperature (an assumption: docs/known_limits.rst, "Cathode and LGPS
    interphase"; the values: :func:`pybamm_aea.parameters.paper_cell.degradation_parameters`)."""

    def get_fundamental_variables(self):
        L_c = pybamm.Variable("Cathode interphase thickness [m]", scale=1e-9)
        L_a = pybamm.Variable("Anode interphase thickness [m]", scale=1e-9)
        return {"Cathode interphase thickness [m]": L_c, "Anode interphase thickness [m]": L_a}

    def get_coupled_variables(self, variables):
        p = self.param
        i = variables["Total current density [A.m-2]"]
        R = (variables["Cathode interphase thickness [m]"] + variables["Anode interphase thickness [m]"]) / p.sigma_int
        variables.update(
            {"Interphase resistance [Ohm.m2]": R, "Interphase overpotential [V]": i * R}
        )
        return variables

    def set_rhs(self, variables):
        p = self.param
        L_c = variables["Cathode interphase thickness [m]"]
        L_a = variables["Anode interphase thickness [m]"]
        k_a = p.k_int_a_LiIn if self.options["anode"] == "Li-In" else p.k_int_a
        self.rhs = {L_c: p.k_int_c / L_c, L_a: k_a / L_a}

    def set_initial_conditions(self, variables):
        self.initial_conditions = {
            variables["Cathode interphase thickness [m]"]: self.param.L_int_init,
            variables["Anode interphase thickness [m]"]: self.param.L_int_init,
        }


class StabilityWindowInterphaseGrowth(ParabolicInterphaseGrowth):
    """Cathode|SE interphase that grows only outside the electrolyte's stability window.

    LGPS is thermodynamically stable only between 1.71 and 2.14 V vs Li (first principles: Zhu,
    He & Mo, ACS Appl. Mater. Interfaces 7, 23685, 2015; Richards et al., Chem. Mater. 28, 266,
    2016). Outside it the electrolyte decomposes at the cathode interface, into products that
    passivate, so the growth is parabolic with a rate proportional to how far the interface
    potential U (the cathode surface OCP, vs Li) lies outside the window:

        dL_c/dt = k_c [ (U - U_ox)^+ + (U_red - U)^+ ] / (R T / F) / L_c.

    k_c is an assumption (no measured LGPS decomposition rate at hand). The anode side keeps
    the parabolic law: Li metal and the 0.62 V Li-In alloy are both below Li3PS4's reduction
    limit (1.71 V), so the difference between them is kinetic (how passivating the interphase
    is), not thermodynamic; its two constants remain assumptions (see the parameter set).
    """

    def set_rhs(self, variables):
        super().set_rhs(variables)
        p = self.param
        L_c = variables["Cathode interphase thickness [m]"]
        U = variables["Cathode surface OCP [V]"]
        outside = pybamm.maximum(U - p.U_ox_SE, 0) + pybamm.maximum(p.U_red_SE - U, 0)
        self.rhs[L_c] = p.k_int_c_window * outside * p.F / (p.R * p.T) / L_c

    def get_coupled_variables(self, variables):
        variables = super().get_coupled_variables(variables)
        p = self.param
        U = variables["Cathode surface OCP [V]"]
        variables["Cathode interface potential outside the SE window [V]"] = pybamm.maximum(
            U - p.U_ox_SE, 0
        ) + pybamm.maximum(p.U_red_SE - U, 0)
        return variables
