"""Volume of the cathode's solids, its pores and thickness under the stack pressure.

Every phase has its own molar volume (densities of the parameter set: Mo6S8 5.06 and Li4Mo6S8
4.78 g/cm3, S8 1.96 and Li2S 1.66 g/cm3, Li et al. 2021; TiS2/LiTiS2 and Li4Ti5O12/Li7Ti5O12 in
their parameter modules); the host's volume is interpolated linearly in its Li content (Vegard,
:func:`pybamm_aea.parameters.host_specific_volume`, from the Li-free host to the full one; the
electrode is made at the host's Li content as made), the dispersed material's by its lithiated
fraction. At depth xi the solids fill phi_s(xi, t) of
the as-made volume of that layer (1 - eps0 at assembly).

Each layer stretches through the thickness by lambda(xi, t) (L = L0 * integral of lambda), and
its porosity is eps = 1 - phi_s / lambda. The compact obeys Heckel's law (Heckel, Trans. Metall.
Soc. AIME 221, 671, 1961), fitted to the paper's Mo6S8 loading data (Table S6, in
:mod:`pybamm_aea.energy.compaction`) and anchored at the electrode's fabrication (eps0 at P_fab):
the stress that holds the compact at porosity eps is

    sigma_c(eps) = P_fab + ln(eps0 / eps) / K    [MPa].

- Swelling fills the layer's own pores first (the paper's argument for its 8.2 % pores); once
  they are used up (eps -> 0) the layer thickens against the stack.
- Shrinking opens voids around the shrinking domains. The stack closes them (the layer thins
  with its solids) only where it can compact the layer, sigma_c(eps) < P_stack, i.e. down to
  eps_stack = eps0 exp(-K (P_stack - P_fab)); voids opened at a lower porosity stay open. A stack far
  enough below the fabrication pressure has eps_stack >= 1 (a porous compact at 100 MPa made at 360:
  LTO-LMS at the Mo6S8 law's 39.3 % at 100 MPa, K = 0.00378 MPa-1, gives 1.049): it compacts no layer,
  and no voids close.

lambda relaxes to the band [phi_s / (1 - 1e-3), phi_s / (1 - eps_stack)], onto its lower edge (swelling)
with a time constant of :attr:`TAU` and onto its upper edge (the stack compacting) with
:attr:`TAU_COMPACT` (seconds: both instantaneous on the scale of a cycle). The voids left open at the
shrinking domains (a strain per volume of dispersed material) drive their loss of contact
(:mod:`.degradation`).
"""
import pybamm

from ... import citations as c
from ...parameters import host_specific_volume
from .base import AEASubModel
from .cathode_diffusion import xi


def solid_fraction(param, x, y):
    """Solid volume per as-made volume of a layer at host Li content x, with the share y of all its dispersed
    material lithiated (the domains in contact at their lithiation and the domains cut off at theirs:
    :func:`lithiated_share`; the rest, domains not yet activated included, charged)."""
    p = param
    # host volume per kg of host as made: per kg of Li-free host, times the Li-free share of the as-made mass
    v_host = p.w_host * (p.M_host / p.M_host_made) * host_specific_volume(p.rho_host, p.rho_host_lith, p.M_host,
                                                                           p.x_max, x)
    v_disp = p.w_D * ((1 - y) / p.rho_D + y * p.mass_ratio_D / p.rho_D_lith)
    return (1 - p.eps_c) * p.rho_solid * (v_host + v_disp)


def lithiated_share(z, f, y_cut):
    """The lithiated share of all the dispersed material: f z in the domains in contact (f the accessible fraction,
    z their lithiation) and y_cut in the domains cut off, which keep the Li2S they had ("Isolated dispersed material
    lithiated share", the Li the model books as lost with them). Domains not yet activated are charged (z = 0).
    (Counting f z alone turned the cut-off domains' Li2S back into S8 when f fell: the solids understated by
    y_cut of the dispersed material's lithiation swelling, the porosity overstated; S-LMS vs Li-In at 0.1C, lever
    rule: 0.33 of the sulfur cut off in 120 cycles, retention vs cycle 30 77.59 -> 77.32 %.) y_cut is one share
    for the whole electrode, as the contact loss is one fraction f for it: the cut-off Li2S is spread over the
    depth at the electrode-average lithiation it was cut off with, as the Li balance books it."""
    return f * z + y_cut


class ConstrainedSwelling(AEASubModel):
    """Local stretch lambda of the cathode under the stack: pores first, then thickening."""

    #: Heckel's compaction law (Heckel 1961)
    citations = (c.HECKEL1961,)

    #: relaxation time of the stretch to its admissible band [s]
    TAU = 1.0
    #: porosity the swelling leaves when it has used up the pores (keeps the lag of the
    #: relaxation, ~TAU * d(phi_s)/dt < 1e-4 at 1C, from turning the porosity negative)
    EPS_FLOOR = 1e-3
    #: relaxation time of the stretch onto the stack-held porosity when the stack compacts a layer [s]. A numerical
    #: choice, not a measured creep time: instantaneous on a cycle (a compacted layer's porosity lags ~TAU_COMPACT
    #: times its solids' shrinkage rate above eps_stack: 1.7e-4 at 0.1C, the median of its points re-oxidising sulfur),
    #: and not much stiffer than the multi-phase solver's steps (~30 s where it failed). At 1 s (the swelling
    #: side's TAU) IDA's higher-order BDF steps carried the stretch of a layer that had just reached eps_stack on
    #: past it, 1.7e-2 of porosity below within 200 s, where the compaction rate is exactly 0 and the error test
    #: did not see it: the layer reopened voids on sulfur it had already given back (S-LMS vs Li-In, multi-phase
    #: host at 0.1C, cycle 2: the sulfur cut off +3.9 % at the default rtol 1e-4 over rtol 1e-6, single layers
    #: 1.28x the median's voids; BDF order 1 or dt_max 10 s took it to -0.3 and +0.6 %). With 10 s: within 0.5 %
    #: of rtol 1e-6 over 5 cycles at 0.1C and 2 at 0.2C and 0.5C (measured 2026-12-03). It moved the rtol 1e-6
    #: answer at 0.1C by -0.8 % (a compacted layer's porosity higher on the closure switch below, 0.982 at
    #: eps_stack itself) and the lever-rule retention at 360 MPa from 77.25 to 77.40 % (contact-loss coefficient 0.027).
    TAU_COMPACT = 10.0
    #: porosity width of the smooth closure switch (below the stack-held porosity). A numerical choice: no measured
    #: porosity scale over which the stack stops closing voids (Heckel's law gives a sharp eps_stack); kept small
    #: against the porosity a charge sweeps in a layer (0.057, S-LMS multi-phase at 0.1C). The predictions hardly
    #: depend on it: S-LMS vs Li-In, lever rule, 0.1C, retention at cycle 120 vs 30 at 180 / 360 / 720 MPa,
    #: coefficient 0.0285: 60.17 / 75.72 / 109.07 % at 1e-3, 60.11 / 76.00 / 108.60 % at 2e-3, 59.99 / 76.79 /
    #: 108.30 % at 4e-3; refit to 360 MPa, 0.0282 at 1e-3: 60.31 / 76.01 / 109.11 %, 0.0293 at 4e-3: 59.63 /
    #: 76.07 / 108.24 % (measured 2026-12-03)
    EPS_SMOOTH = 2e-3

    #: the solver's variable is (lambda - 1) / STRETCH_SCALE (PyBaMM's reference and scale of a
    #: Variable): the porosity 1 - phi_s / lambda is a small difference of numbers near 1, and the
    #: closure switch resolves it over EPS_SMOOTH = 2e-3, so lambda must be right to ~1e-6, not to
    #: the multi-phase solver's rtol 1e-4 (with lambda itself the variable, the S-LMS contact loss
    #: of the first three cycles was 5-12 % above its rtol 1e-6 value, depending on the solver's
    #: path; with this variable, within 0.7 %)
    STRETCH_SCALE = 1e-2
    #: relative round-off allowed on the bounds of :meth:`stretch_can_move`'s decision
    STILL_WITHIN = 1e-12
    #: largest distance from 1 of a starting solution's stretch that a simulation whose decision is 0 continues on
    #: the cheap path (:func:`~pybamm_aea.models.starting_state.carried_stretch_values` re-decides beyond it): the
    #: transport reading 1 there moves the voltage by that order relative, round-off against the solver's rtol 1e-4
    #: (one parameter set's steps carry exactly 1)
    CARRIED_WITHIN = 1e-9
    #: the parameter saying the run starts from a stretch off 1 (1: a starting solution's, or initial conditions set
    #: by hand) or from a fresh start (0, the parameter sets' value): with 1 the host's transport reads the stretch
    #: whatever :meth:`stretch_can_move` decides (:meth:`transport_reads_stretch`). ``pybamm.Simulation.solve`` sets
    #: it on a copy of the simulation's values for a ``starting_solution`` (or numbers set as initial conditions) off 1
    #: (:func:`~pybamm_aea.models.starting_state.carried_stretch_values`)
    STARTS_OFF_ONE = "Initial cathode stretch off 1"

    def get_fundamental_variables(self):
        lam = pybamm.Variable(
            "Cathode local stretch", domain="positive electrode", reference=1.0, scale=self.STRETCH_SCALE
        )
        moves = self.transport_reads_stretch()
        return {
            "Cathode local stretch": lam,
            # the stretch the host's transport reads (:func:`.cathode_diffusion.swollen_layer`, the gradient energy,
            # the ohmic drop): lambda itself, or 1 where lambda starts at 1 and cannot leave it
            # (:meth:`transport_reads_stretch`)
            "Cathode transport stretch": moves * lam + (1 - moves),
        }

    def transport_reads_stretch(self):
        """1 where the host's transport reads the stretch lambda, else 0 (it reads the constant 1): where lambda can
        leave 1 from a fresh start (:meth:`stretch_can_move`) or starts off 1 (the parameter :attr:`STARTS_OFF_ONE`
        1: a starting solution's stretch off 1, continued at another stack pressure). An expression of parameters,
        folded to a number where PyBaMM puts their values in."""
        return pybamm.maximum(self.stretch_can_move(), self.param.stretch_starts_off_one)

    def stretch_can_move(self):
        """1 where the stretch lambda can leave 1 on the parameters' values, else 0: an expression of parameters
        alone, a number once PyBaMM puts their values in, so that a set whose lambda stays 1 (LMS: Mo6S8 -> Li4Mo6S8
        +9.4 %, 89 % solid as made: at most 97.4 % of the layer) has the host's transport read the constant 1, its
        terms of the stretch folded away, and the stretch is a state no other state's equation reads (its rows
        reduced, ``solvers._DownstreamJacobian``). With 1 it reads lambda, the same expressions to the node (S-LMS,
        whose Li2S overfills the pores); with a value given as an input it is evaluated at each call, lambda or 1
        exactly. On LMS's C/10 cycling the discharge's residual 400 -> 345 CasADi instructions, the Newton matrix
        411 -> 255 nonzeros, 100 cycles' CPU -9 % (2.09x -> 1.91x the DFN's): the solver work and capacities of
        1f944a7, before the transport read the stretch, to the bit (session 48, benchmarks/README.md). S-LMS runs
        as before to the bit.

        At lambda = 1 the stretch's rate (:meth:`set_rhs`) is 0 where phi_s <= 1 - EPS_FLOOR (the swelling leaves
        the pores above their floor) and, where the stack holds a layer (eps_stack < 1), phi_s >= 1 - eps_stack (the
        stack compacts nothing). phi_s (:func:`solid_fraction`) is linear in the host's Li content x and in the
        dispersed material's lithiated share y: over x in [0, x_max] and y in [0, 1] its extremes are at the four
        corners. Where both hold there, lambda starts at 1 (:meth:`set_initial_conditions`) and stays 1: from a fresh
        start only. A starting solution's stretch carried in off 1 (LMS rested at 720 MPa, 0.916, continued at 360
        MPa) stays off 1 (the stack holds the compacted layer), and the transport reading 1 was 11.7 mV low at 600 s
        of a 1C discharge: ``Simulation.solve`` then sets :attr:`STARTS_OFF_ONE` to 1 on a copy of its values
        (:func:`~pybamm_aea.models.starting_state.carried_stretch_values`), and :meth:`transport_reads_stretch`
        reads lambda. The host's
        content is taken up to x_max: the multi-phase Mo6S8 host goes past it on a deep discharge (x 4.0093 to 0.5 V
        at 0.1C, porosity 0.0868, above the 0.08675 where Li4Mo6S8 fills the floor: lambda 1.000138 while the
        transport reads 1, the discharge's end 1.6e-4 s off; review of session 48), within the solver's tolerance
        (docs/known_limits.rst, "The transport stretch"). Each bound
        is taken within a relative :attr:`STILL_WITHIN` of round-off: LMS made Li-free at the stack's own pressure
        meets the second with equality at x = 0 (phi_s = 1 - eps0 = 1 - eps_stack); within it lambda relaxes onto
        a band edge at most that far from 1, and the transport reading 1 moves nothing beyond round-off."""
        p = self.param
        corners = [solid_fraction(p, x, y) for x in (pybamm.Scalar(0), p.x_max) for y in (0.0, 1.0)]
        low = pybamm.minimum(pybamm.minimum(corners[0], corners[1]), pybamm.minimum(corners[2], corners[3]))
        high = pybamm.maximum(pybamm.maximum(corners[0], corners[1]), pybamm.maximum(corners[2], corners[3]))
        eps_stack = self._stack_porosity()
        opens = high > (1 - self.EPS_FLOOR) * (1 + self.STILL_WITHIN)
        compacts = self._stack_holds(eps_stack) * (low < (1 - eps_stack) * (1 - self.STILL_WITHIN))
        return pybamm.maximum(opens, compacts)

    def _stack_porosity(self):
        p = self.param
        return p.eps_c * pybamm.exp(-p.K_heckel * (p.P_stack - p.P_fab))

    def get_coupled_variables(self, variables):
        p = self.param
        lam = variables["Cathode local stretch"]
        x = variables["Cathode Li content"]
        z = variables["Dispersed material lithiation"]
        f = variables["Dispersed material accessible fraction"]
        y_cut = variables["Isolated dispersed material lithiated share"]
        phi_s = solid_fraction(p, x, lithiated_share(z, f, y_cut))
        eps = 1 - phi_s / lam
        eps_stack = self._stack_porosity()
        # flow stress of the compact at its porosity (Heckel), floored to keep the log finite
        sigma_c = p.P_fab + pybamm.log(p.eps_c / pybamm.maximum(eps, 1e-6)) / p.K_heckel
        # 1 where the stack compacts the layer, else 0. A shrinking layer the stack compacts sits at eps_stack (the
        # stretch relaxes onto phi_s / (1 - eps_stack): with TAU_COMPACT the porosity of such a layer re-oxidising
        # sulfur at 0.1C is 1.7e-4 above it, the 5th-95th percentile of the solver's points 4e-6 to 2.8e-3), so the
        # switch is 0.98-1 there and turns off below it: 0.5 at eps_stack - EPS_SMOOTH, 0.018 at
        # eps_stack - 2 EPS_SMOOTH. Where eps_stack is within 2 EPS_SMOOTH of the swelling's floor EPS_FLOOR
        # (S-LMS above ~1000 MPa: eps_stack 7.3e-3 at 1000 MPa, 1.1e-3 at 1500 MPa) no layer reaches the off
        # side: the stack closes every void there. (Centred on eps_stack it was 0.50 on the
        # compacted layers: half their sulfur's shrinkage counted as voids left open; S-LMS vs Li-In at 0.2C, cycle 2,
        # 37 % of the sulfur the multi-phase host re-oxidised and 21 % on the lever rule was in such layers, and their
        # loss per unit re-oxidised differed by 9 %; at 0.1C 57-59 % on both, the fitted contact-loss coefficient
        # 0.0154.)
        closing = (1 + pybamm.tanh(2 * (eps - eps_stack + self.EPS_SMOOTH) / self.EPS_SMOOTH)) / 2
        # volume change of the dispersed domains [s-1, per as-made volume]: each domain's follows its own
        # lithiation, so the reaction's rate; the dilution of z by fresh domains joining (activation) moves the
        # average, not any domain's volume (read here, it added 0.2-0.5 % to a cycle's voids on the lever-rule
        # host at 0.5-0.1C, 0.06 % to the sulfur cut off in 120 cycles at 0.1C)
        dvdz = (1 - p.eps_c) * p.rho_solid * p.w_D * f * (p.mass_ratio_D / p.rho_D_lith - 1 / p.rho_D)
        dzdt = variables["Dispersed material reaction lithiation rate [s-1]"]
        shrink = pybamm.maximum(-dvdz * dzdt, 0)
        # domain volume per as-made volume (charged), to make the void a strain of the domains
        phi_D = (1 - p.eps_c) * p.rho_solid * p.w_D / p.rho_D
        void_rate = shrink * (1 - closing) / (phi_D + 1e-12)
        L = p.L_c * pybamm.Integral(lam, xi)
        variables.update(
            {
                "Cathode solid volume fraction": phi_s,
                "Cathode local porosity": eps,
                "Average cathode porosity": 1 - pybamm.Integral(phi_s, xi) / pybamm.Integral(lam, xi),
                "Minimum cathode porosity": pybamm.min(eps),
                "Cathode thickness [m]": L,
                "Cathode depth [m]": p.L_c * pybamm.Integral(lam, xi) * xi,
                "Cathode thickness change [%]": 100 * (pybamm.Integral(lam, xi) - 1),
                "Cathode compact flow stress [MPa]": sigma_c,
                "Stack-held porosity": eps_stack,
                "Cathode swelling work against the stack [J.m-2]": p.P_stack * 1e6 * (L - p.L_c),
                "Dispersed material open void strain rate [s-1]": void_rate,
                "Average dispersed material open void strain rate [s-1]": pybamm.Integral(void_rate, xi),
            }
        )
        return variables

    def set_rhs(self, variables):
        lam = variables["Cathode local stretch"]
        phi_s = variables["Cathode solid volume fraction"]
        eps_stack = variables["Stack-held porosity"]
        opening = pybamm.maximum(phi_s / (1 - self.EPS_FLOOR) - lam, 0)
        # the band's upper edge phi_s / (1 - eps_stack) exists only where the stack can hold a layer below a porosity
        # of 1 (eps_stack < 1; a constant of the parameters); elsewhere it compacts nothing. (Written as the bare
        # ratio, eps_stack >= 1 made the edge negative and the stack compacted without end: LTO-LMS at 100 MPa,
        # porosity 0.393 as made at 360 MPa, lambda from 0.608 through 0.485 at 0.1 s towards -0.57 at 1.3 s-1,
        # the porosity -0.25; with the host's transport reading lambda since session 46, IDA_ERR_FAIL within 1 s)
        holds = self._stack_holds(eps_stack)
        upper = phi_s / ((1 - eps_stack) * holds + (1 - holds))
        compacting = holds * pybamm.maximum(lam - upper, 0)
        self.rhs = {lam: opening / self.TAU - compacting / self.TAU_COMPACT}

    @staticmethod
    def _stack_holds(eps_stack):
        """1 where the stack can hold a layer at a porosity below 1 (eps_stack < 1), else 0: a stack too far below the
        fabrication pressure compacts nothing (eps_stack = eps0 exp(K (P_fab - P_stack)) >= 1)."""
        return eps_stack < 1

    def set_initial_conditions(self, variables):
        lam = variables["Cathode local stretch"]
        p = self.param
        # the host's initial content where it is, as the host submodel publishes it (two phases on the multi-phase
        # host, host_phase_field.initial_content; uniform on the Fickian one)
        x_0 = variables["Initial cathode Li content profile"]
        # the domains in contact at the start (all of them, or the activated ones with "dispersed material
        # degradation") at z_init, the rest charged; none cut off yet
        f_0 = variables["Initial dispersed material accessible fraction"]
        phi0 = solid_fraction(p, x_0, lithiated_share(p.z_init, f_0, 0))
        # the stack compacts the as-made electrode further if it exceeds the fabrication pressure: to phi0 / (1 -
        # eps_stack) where that is below 1, else the layer stays as made (1; also where eps_stack >= 1, a stack that
        # compacts nothing: the bare min(1, phi0 / (1 - eps_stack)) was negative there, and the layer started at
        # its swelling floor, 0.1 % porosity: LTO-LMS at 100 MPa, 0.393 as made, lambda 0.608)
        lam0 = pybamm.maximum(phi0 / (1 - self.EPS_FLOOR), phi0 / pybamm.maximum(1 - self._stack_porosity(), phi0))
        self.initial_conditions = {lam: lam0}
