"""The "ionic switch": a Li0 (Mo6S8) film at the separator interface that blocks Li.

Li et al. 2021 (Fig. 3c and text): fully delithiated Mo6S8 (Li0) is Li-free and ionically
isolating; at the end of charge it forms "on the interface of the electrode-electrolyte" and
"shut[s] down the further phase transformation from Li1 to Li0 in the bulk", leaving Li1 in the
electrode and a very short 2.45 V plateau.

Model: while the cathode surface is in the Li0 + Li1 two-phase window (surface Li content below
the Li1 composition) and Li is being removed, the Li leaving the surface converts a
layer of Li1 into Li0 of thickness delta:

    d delta / dt = [ max(-i, 0) phi(x_s) - max(i, 0) delta / (delta + delta_ref) ] / (F a_h c_h),

a_h c_h the connected host's formula units per m3 of electrode (c_h the host's, a_h the share of it still
in contact, "Cathode host active fraction", 1 without "ionic-switch host loss"): isolated host passes no Li,
so the film forms in the connected host only (divided by c_h alone, until session 40, the film came out a_h
times the thickness of the connected host it converts), phi a smooth step from 0 at the parameter
"Li0 film onset Li content" to 1 a few hundredths of a Li below it (the Li1 composition
x = 1 for LixMo6S8; a host without a blocking phase, such as TiS2, sets it below 0); x_s is read
in the host's free window [x_trap, x_max] as its OCP is (option "Li trapping": trapped Li holds
sites but is not part of the Li1 composition). On discharge, Li arriving from the electrolyte converts the
film back first, without crossing it. Li leaving on charge crosses the film by solid-state
migration of conductivity sigma = F^2 D_film(T) c_host / (R T) (Nernst-Einstein; D_film the set's "Li0 film Li
diffusivity [m2.s-1]", Arrhenius in Li2021_Mo6S8, so the film blocks more when colder), adding the ohmic
overpotential eta = min(i, 0) delta / sigma. Blocking is therefore not imposed on the capacity: it emerges as the film
grows until the voltage reaches the charge cut-off, with the bulk still near Li1.
"""
import pybamm

from .base import AEASubModel


class Li0SurfaceFilm(AEASubModel):
    """Growth and consumption of the blocking Li0 film, and its overpotential."""

    #: width of the smooth onset of film growth, in Li per formula unit
    width = 0.01
    #: film thickness below which consumption on discharge tapers off [m]
    delta_ref = 1e-10
    #: scale of the film-thickness state [m]. The solver's absolute tolerance applies to the
    #: scaled state, so it is atol x SCALE on the thickness: 1e-13 m at the default atol 1e-8,
    #: an ohmic drop of 0.1 mV at 1C for the LMS film (D_film 1e-19 m2/s, 70 C). With a
    #: scale of 1e-9 m (1e-17 m, a ten-millionth of an atomic layer) the solver resolved the
    #: exponential tail of the film's consumption at the start of each discharge and the
    #: film's growth at the end of each charge far below any voltage it makes: 147 of the 585
    #: solver steps of a C/10 cycle (benchmarks/bench_model.py); capacities change < 1e-5.
    SCALE = 1e-5

    def get_fundamental_variables(self):
        delta = pybamm.Variable("Li0 film thickness [m]", scale=self.SCALE)
        return {"Li0 film thickness [m]": delta}

    def get_coupled_variables(self, variables):
        p = self.param
        delta = variables["Li0 film thickness [m]"]
        i = variables["Total current density [A.m-2]"]
        sigma = p.F**2 * p.D_film(p.T) * p.c_host / (p.R * p.T)
        # Li leaving the electrode (charge, i < 0) must cross the film; Li arriving converts
        # the film from the electrolyte side and does not cross it
        eta = pybamm.minimum(i, 0) * delta / sigma
        # the surface's content in the host's free window [x_trap, x_max] (option "Li trapping"), as
        # its OCP reads it: trapped Li holds sites but is not in the Li1 composition the onset is
        x_s = variables["Cathode surface free Li content"]
        # growth switches on within 2-3 widths below the onset composition
        phi = (1 + pybamm.tanh((p.x_film_onset - 2 * self.width - x_s) / (self.width / 2))) / 2
        variables.update(
            {
                "Li0 film growth current density [A.m-2]": pybamm.maximum(-i, 0) * phi,
                "Li0 film ionic conductivity [S.m-1]": sigma,
                "Li0 film resistance [Ohm.m2]": delta / sigma,
                "Li0 film overpotential [V]": eta,
            }
        )
        return variables

    def set_rhs(self, variables):
        p = self.param
        delta = variables["Li0 film thickness [m]"]
        i = variables["Total current density [A.m-2]"]
        growth = variables["Li0 film growth current density [A.m-2]"]
        consumption = pybamm.maximum(i, 0) * delta / (delta + self.delta_ref)
        # the film converts the connected host only (isolated host passes no Li)
        a_h = variables["Cathode host active fraction"]
        self.rhs = {delta: (growth - consumption) / (p.F * a_h * p.c_h)}

    def set_initial_conditions(self, variables):
        delta = variables["Li0 film thickness [m]"]
        self.initial_conditions = {delta: self.param.delta_film_init}


class NoSurfaceFilm(AEASubModel):
    """No blocking film (solid-solution hosts such as TiS2)."""

    def get_coupled_variables(self, variables):
        variables.update(
            {
                "Li0 film thickness [m]": pybamm.Scalar(0),
                "Li0 film growth current density [A.m-2]": pybamm.Scalar(0),
                "Li0 film resistance [Ohm.m2]": pybamm.Scalar(0),
                "Li0 film overpotential [V]": pybamm.Scalar(0),
            }
        )
        return variables


class Li0PhaseLayer(AEASubModel):
    """The ionic switch of a multi-phase host: the Li0 phase itself, read from the phase state.

    With ``"host thermodynamics": "multi-phase"`` the blocking is in the transport (the Li0
    phase's mobility, :mod:`.host_phase_field`), so no film state or film overpotential is
    added. Reported: the Li0 thickness L int f_Li0 dxi, f_Li0 the Li0 fraction of the local
    (resolved) composition (lever rule across a diffuse interface, 1 inside Li0), and the
    current that converts Li-rich host into Li0, F c_h L a_h max(d/dt int f_Li0 dxi, 0), for the
    degradation submodel that isolates host behind persistent Li0. With "Li trapping" the
    composition is read in the free window [x_trap, x_max] the free energy sees (read on the total
    content, trapped Li x_trap shifted the Li0/Li1 region down by x_trap (1 - x_free / x_max), 0.10-0.13 Li
    for x_trap 0.13, and isolated 24 % less host with trapping than without).
    """

    def get_coupled_variables(self, variables):
        from ...phases import lever_rule_symbols
        from .cathode_diffusion import host_li_balance, xi
        from .degradation import free_window_stretch

        p = self.param
        # the host's Li0 window ends at x_li0 and Li1's begins at x_li1 (parameters of the set,
        # :func:`pybamm_aea.thermodynamics.li0_phase_parameters`; a host without Li0 puts the
        # region below zero Li, so f0 and the region's indicator are zero)
        lo, hi = p.x_li0, p.x_li1
        # read in the host's free window [x_trap, x_max] (option "Li trapping"), as its free energy
        # is: trapped Li holds sites but is not in the phases' composition (x_free = x with no trap)
        x_free = variables["Cathode free Li content"]
        stretch = free_window_stretch(p, variables["Cathode local trapped Li content"])
        f0 = lever_rule_symbols(x_free, ((lo, lo), (hi, hi)))[0]
        in_region = (x_free > lo) * (x_free < hi)
        # d f_Li0 / dt = -(dx_free/dt) / (hi - lo) inside the Li0/Li1 region, dx_free/dt = stretch dx/dt,
        # dx/dt the host's net Li balance (in a hybrid the dispersed material gives Li back to the
        # host on charge; the trapping of free Li in place is not charge that forms Li0)
        a_h = variables["Cathode host active fraction"]
        (dxdt,) = host_li_balance(p, variables, isolation=False).values()
        df0dt = pybamm.Integral(in_region * stretch * dxdt, xi) / (lo - hi)
        growth = p.F * p.c_h * p.L_c * a_h * pybamm.maximum(df0dt, 0)
        variables.update(
            {
                "Li0 film thickness [m]": p.L_c * pybamm.Integral(f0, xi),
                "Li0 film growth current density [A.m-2]": growth,
                "Li0 film resistance [Ohm.m2]": pybamm.Scalar(0),
                "Li0 film overpotential [V]": pybamm.Scalar(0),
            }
        )
        return variables
