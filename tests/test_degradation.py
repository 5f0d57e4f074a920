"""Cycle life of AEA cells against Li et al. 2021 (0.1C, 70 C), and the degradation options.

Paper: LMS 89 % after 50 cycles vs the 2nd (tolerance 3 points); LTS fading faster than LMS;
S-LMS vs Li-In 76 % after 120 cycles vs cycle 30 (1.5 points, the fit's), rising up to cycle 30; LTO-LMS the
most stable of the hybrids.
"""
import numpy as np
import pybamm
import pytest
import scipy.constants
from scipy.integrate import cumulative_trapezoid

from pybamm_aea.cycling import cycle_summary
from pybamm_aea.models.aea import AEA
from pybamm_aea.parameters.paper_cell import LI_IN_PLATEAU
from pybamm_aea.phases import MO6S8_PHASE_FIELD_WINDOWS

# the cycle-life and hybrid simulations are marked slow one by one; the quick tests (rate laws checked
# against their closed forms or integrals on 1-2 cycles, inventories, the options) run in the quick loop

ESC = "Electrode specific capacity [mA.h.g-1]"
RET = "Capacity retention [%]"


def cycle(parameter_set, n, low, high, options, reference_cycle=2, updates=None):
    values = pybamm.ParameterValues(parameter_set)
    if updates:
        values.update(updates)
    experiment = pybamm.Experiment(
        [(f"Discharge at 0.1C until {low} V", f"Charge at 0.1C until {high} V")] * n
    )
    sim = pybamm.Simulation(AEA(options), parameter_values=values, experiment=experiment)
    sol = sim.solve(save_at_cycles=[1, n])
    # an experiment that turns infeasible stops early: say so instead of failing on a missing cycle
    assert len(sol.cycles) == n, (
        f"{parameter_set} {options}: the experiment stopped after {len(sol.cycles)} of {n} cycles "
        f"({sol.termination})"
    )
    return cycle_summary(sol, reference_cycle=reference_cycle), sol


@pytest.fixture(scope="module")
def lms():
    return cycle("Li2021_Mo6S8", 50, 1.8, 2.8, {"ionic-switch host loss": "persistent Li0"})[0]


#: S-LMS vs Li-In with the sulfur's activation and contact loss on the lever-rule host (5-8x cheaper than the
#: multi-phase default), for the 120-cycle tests of a mechanism's direction (stack pressure, porosity): the
#: mechanism is the dispersed material's, and test_dispersed_material_degradation_is_host_independent shows on a short
#: run that both hosts give it the same activation, contact loss and relative capacity at 0.1C (at 0.5C the multi-phase
#: charge re-oxidises 2.2x the sulfur and so cuts off 2.2x as much:
#: test_sulfur_contact_loss_at_half_c_follows_the_sulfur_each_host_reoxidises). Over 120 cycles the lever rule lies
#: 1.9 points below the default (test_the_lever_rule_stands_in_for_the_default_over_120_cycles), so the fit and the
#: paper's figures run on the default, S_OPTIONS_DEFAULT.
S_OPTIONS = {
    "anode": "Li-In",
    "dispersed material degradation": "activation and contact loss",
    "host thermodynamics": "lever rule",
}
#: the same on the multi-phase host, the default: the model users get, on which the contact-loss coefficient is fitted
S_OPTIONS_DEFAULT = {**S_OPTIONS, "host thermodynamics": "multi-phase"}


@pytest.fixture(scope="module")
def s_lms_li_in():
    return cycle("Li2021_S_Mo6S8", 120, 0.4, 2.4, S_OPTIONS, reference_cycle=30)


@pytest.fixture(scope="module")
def s_lms_li_in_default():
    """The fit's run: 120 cycles on the multi-phase default (about 45 s on a quiet machine, 220 s loaded)."""
    return cycle("Li2021_S_Mo6S8", 120, 0.4, 2.4, S_OPTIONS_DEFAULT, reference_cycle=30)


def discharge_capacities(solution):
    """Discharge capacity of each cycle's first step [A.h] (from the capacity counter, so that it
    does not read the voltage)."""
    return np.array([np.ptp(c.steps[0]["Discharge capacity [A.h]"].entries) for c in solution.cycles])


@pytest.mark.slow
@pytest.mark.prediction
def test_dispersed_material_degradation_is_host_independent():
    """The sulfur's activation and contact loss on both hosts (S-LMS vs Li-In, 0.1C, 7 cycles), the
    check that lets the 120-cycle tests of a mechanism's direction run on the lever rule (over 120 cycles the hosts part
    by 1.9 points: test_the_lever_rule_stands_in_for_the_default_over_120_cycles). What they read agrees:

    - the accessible fraction (activation minus loss) within 0.3 % and the capacity relative to
      cycle 2 within 0.5 points: activation is driven by the charge passed, which both hosts pass
      alike (first discharges within 1 %, test_host_phase_field; measured 2026-12-03: the multi-phase
      host's 0.01-0.20 % above, growing ~0.03 % a cycle to cycle 7, its loss within 0.5 % of the lever
      rule's, so the gap is the activation's; 0.19 % with the stack's compaction relaxing in 1 s, against
      the 0.2 % this test allowed then);
    - the fraction cut off since the first cycle within 1 %, both hosts at rtol 1e-6 / atol 1e-8 (measured
      2026-12-02, session 26, once a layer the stack compacts stopped keeping half its voids: +0.01 to +0.13 %;
      +4.7 % on the first cycle, +0.75 % in all after 7 cycles; 0 to -0.14 %, +4.2 % and +0.52 % once the
      stack's compaction relaxed in 10 s, with the contact-loss coefficient 0.0285, 2026-12-03). At the multi-phase host's default rtol 1e-4 its
      loss since the first cycle is +2.8 to +3.9 % (the tolerance's, not the host's:
      test_sulfur_contact_loss_holds_at_the_multi_phase_solvers_tolerances and docs/known_limits.rst, "The sulfur's
      contact loss at 0.5C on the two hosts"), which
      this test's earlier 4 % took for the host's: +2.4-2.9 % before session 26, +1.9 and +2.3 % earlier;
      before the stretch's solver scale, ``ConstrainedSwelling.STRETCH_SCALE``, the solver's error on the
      porosity added 5-12 %.

    Catches: a contact loss or an activation that reads the host's state (its Li content, its
    film) instead of the dispersed material's strain and the charge passed.
    """
    out = {}
    for host in ("multi-phase", "lever rule"):
        values = pybamm.ParameterValues("Li2021_S_Mo6S8")
        experiment = pybamm.Experiment([("Discharge at 0.1C until 0.4 V", "Charge at 0.1C until 2.4 V")] * 7)
        model = AEA({**S_OPTIONS, "host thermodynamics": host})
        # the lever rule's own tolerances on both hosts (the multi-phase host's 7 cycles in 10 s)
        sol = pybamm.Simulation(model, parameter_values=values, experiment=experiment,
                                solver=model.default_solver_with(rtol=1e-6, atol=1e-8)).solve()
        assert len(sol.cycles) == 7, (host, sol.termination)
        q = discharge_capacities(sol)
        out[host] = {
            "relative capacity": q / q[1],
            "accessible": np.array([c["Dispersed material accessible fraction"].entries[-1] for c in sol.cycles]),
            "lost": np.array([c["Dispersed material fraction lost"].entries[-1] for c in sol.cycles]),
        }
    print({h: {k: np.round(v, 5) for k, v in o.items()} for h, o in out.items()})
    multi, lever = out["multi-phase"], out["lever rule"]
    np.testing.assert_allclose(multi["accessible"], lever["accessible"], rtol=3e-3)
    np.testing.assert_allclose(multi["relative capacity"][1:], lever["relative capacity"][1:], atol=5e-3)
    # the loss since the first cycle within 1 % (measured 0 to -0.14 %), the first cycle's within 10 %
    # (measured +4.2 %: the pristine multi-phase host fills through a Li0/Li1 front)
    np.testing.assert_allclose(multi["lost"][1:] - multi["lost"][0], lever["lost"][1:] - lever["lost"][0], rtol=0.01)
    assert multi["lost"][0] == pytest.approx(lever["lost"][0], rel=0.1)
    # and the sulfur rises on both (activation outpaces the loss before cycle 30, Fig. 5d)
    assert np.all(np.diff(multi["relative capacity"][1:]) > 0)


@pytest.mark.slow
@pytest.mark.fit
def test_lms_retention_after_50_cycles(lms):
    """Fit (Li2021_Mo6S8.FIT_PERSISTENT_LI0, one figure): the fraction of the Li0 formed at each end
    of charge that persists as isolated Mo6S8, to the paper's 89 % after 50 cycles vs the 2nd (0.1C,
    70 C, Li metal); the multi-phase host gives 88.1 % with 0.02 (88.12, pybammsolvers 0.11.1; 87.9 % with
    linear Li1 and Li3 windows). Predicted from it: the Li-In cell
    (test_persistent_li0_fade_is_the_cathodes_on_li_in) and LTO-LMS (test_lto_lms_is_the_most_stable_hybrid)."""
    assert lms[RET].loc[50] == pytest.approx(89, abs=3)
    # the fade is carried by host isolated behind the ionic switch
    assert lms["Lost active material [%]"].loc[50] > 5


@pytest.mark.slow
@pytest.mark.fit
def test_lms_retention_is_the_readmes_figure(lms, readme_figure):
    """The README's LMS retention after 50 cycles vs the 2nd on the multi-phase host, read from it, to its stated
    digits (test_lms_retention_after_50_cycles checks the fit against the paper's 89 +/- 3): a solver build
    or a model change that moves it fails here, and the README is updated with the test. Measured 88.12 %
    (pybammsolvers 0.11.1 / casadi 3.8.1, 2026-12-04, the ionic current zero at the collector); 88.17 % before
    that change, 88.13 % with 0.11.0 / casadi 3.7; 88.18 % on session 60's processor."""
    assert lms[RET].loc[50] == readme_figure("| 89 % | {} % on the multi-phase host",
                                             "the slow trapping fraction has only this one-sided basis, LMS {} %",
                                             "retains {} and {_} % after 50 cycles on Li metal and on Li-In").approx(across_processors=True)


#: the Li-In alloy's potential vs Li [V] (paper: 0.62 V; the LMS window 1.8-2.8 V vs Li shifted down): the model's
LI_IN = LI_IN_PLATEAU


@pytest.fixture(scope="module")
def lms_li_in():
    """LMS vs Li-In, 50 cycles at 0.1C, 70 C, persistent Li0 on the (default) multi-phase host."""
    return cycle("Li2021_Mo6S8", 50, 1.8 - LI_IN, 2.8 - LI_IN,
                 {"anode": "Li-In", "ionic-switch host loss": "persistent Li0"})


@pytest.mark.slow
@pytest.mark.prediction
def test_persistent_li0_fade_is_the_cathodes_on_li_in(lms, lms_li_in, readme_figure):
    """Prediction (persistent Li0 fraction fitted on the Li-metal cell, test_lms_retention_after_50_cycles):
    the same cathode on the Li-In anode, in the same window vs Li, retains the paper's 89 +/- 3 %
    after 50 cycles vs the 2nd, within 1.5 points of the Li-metal cell.

    The mechanism lives in the cathode: the Li0 formed at each end of charge is set by the host's
    chemical potential at the separator interface, which the alloy shifts by a constant 0.62 V;
    the anode enters only through its (small) overpotential, which moves the end of charge by
    millivolts. Catches: a loss driven by the cell voltage, the anode's current or its Li
    inventory, or by a charge-end trigger on the cell voltage rather than by the host's Li0 phase.
    """
    summary, _ = lms_li_in
    print("retention after 50 cycles [%]: Li-In", summary[RET].loc[50], "Li metal", lms[RET].loc[50])
    assert summary[RET].loc[50] == pytest.approx(89, abs=3)
    # the README's figure, read from it, to its stated digits (88.20, pybammsolvers 0.11.1, 2026-12-04, the ionic
    # current zero at the collector; 88.26 before; 88.28 on session 60's processor)
    assert summary[RET].loc[50] == readme_figure(
        "on Li-In {} % (prediction", "retains {_} and {} % after 50 cycles on Li metal and on Li-In").approx(across_processors=True)
    assert summary[RET].loc[50] == pytest.approx(lms[RET].loc[50], abs=1.5)
    assert summary["Lost active material [%]"].loc[50] == pytest.approx(lms["Lost active material [%]"].loc[50], rel=0.1)


@pytest.mark.slow
def test_lithium_is_conserved_over_50_cycles_with_host_loss(lms_li_in):
    """The issue's must-show: host + anode + losses, counted once, constant over 50 cycles on the
    multi-phase host, with 12 % of the host isolated behind persistent Li0.

    The isolated host is Li0 at its binodal content x_0 = 0.02 ("Lost lithium in isolated host" =
    x_0 c_h L A (1 - a_h)); the rest of the Li it held stays in the active host (its enrichment),
    so the cathode's Li (connected + isolated: "Total lithium in cathode [mol]", one inventory) + the
    anode's add up to the initial Li and the cathode's change is the charge passed. Tolerance: 2e-5 of the total (the multi-phase solver's rtol 1e-4 on
    separately integrated states: measured drift 7.5e-10 mol, 1.0e-5; 8.7e-10 mol since the Li1
    and Li3 windows are cubic), 100x below what a lost or doubled enrichment would give (the
    isolated host's Li at its average content, ~0.9 Li per formula unit: 1.4e-7 mol), and the drift
    itself at least 50x below half of that (the test can tell the two apart). Catches: the enrichment left out (the isolated Li vanishes), or the
    isolated host booked at the average content as well as enriching the rest (counted twice), or
    booked at the average content (lost Li 45x x_0's).
    """
    _, sol = lms_li_in
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    F = F_CONST
    n_c = sol["Total lithium in cathode [mol]"].entries
    n_a = sol["Total lithium in anode [mol]"].entries
    lost = sol["Lost lithium in isolated host [mol]"].entries
    a_h = sol["Cathode host active fraction"].entries
    passed = sol["Discharge capacity [A.h]"].entries * 3600 / F
    total = n_c + n_a
    np.testing.assert_allclose(sol["Total lithium in connected cathode [mol]"].entries + lost, n_c, rtol=1e-12)
    # formula units of host isolated [mol]
    n_iso = (1 - a_h[-1]) * (n_c[0] / sol["Average cathode Li content"].entries[0])
    drift = np.max(np.abs(total - total[0]))
    print("drift of cathode + anode [mol]:", drift, "Li isolated [mol]:", lost[-1], "host isolated [mol]:", n_iso)
    np.testing.assert_allclose(total, total[0], rtol=2e-5)
    np.testing.assert_allclose(n_c - n_c[0], passed, atol=2e-5 * total[0])
    assert lost[-1] == pytest.approx(MO6S8_PHASE_FIELD_WINDOWS[0][1] * n_iso, rel=0.01)
    assert 0.5 * n_iso > 50 * drift
    assert a_h[-1] < 0.9


@pytest.mark.slow
@pytest.mark.fit
def test_lever_rule_host_loss_keeps_its_fit(readme_figure):
    """The reduced host (option "host thermodynamics": "lever rule") keeps its own fit of the same
    figure ("Ionic-switch host loss coefficient" 6.96: 89.00 % after 50 cycles, measured 2026-12-05; 7.0 gave 88.96 %
    until the film formed in the connected host and the isolation law lost its factor a_h, 88.94 % after). Its loss is
    driven by the Li0 surface film's growth current, a film whose Li the lever-rule host also counts in its
    content (issue 11, point 6): a fit for the option's speed, not a mechanism; the multi-phase
    default derives the loss from the Li0 phase it forms."""
    summary, _ = cycle("Li2021_Mo6S8", 50, 1.8, 2.8,
                       {"ionic-switch host loss": "persistent Li0", "host thermodynamics": "lever rule"})
    assert summary[RET].loc[50] == pytest.approx(89, abs=3)
    assert summary["Lost active material [%]"].loc[50] > 5
    # the README's figure, read from it, to its stated digits: a change of the mechanism or the solver that moves it
    # fails
    assert summary[RET].loc[50] == readme_figure("{} % on the lever rule (its own coefficient").approx()


#: the lever-rule host's loss coefficient in the two tests below, 1000x the set's fit, so that a fifth of the host
#: is isolated within one 1C charge (1 - a_h 0.0098 at 40x) and a factor a_h shows
LEVER_LOSS_SCALE = 1000


@pytest.fixture(scope="module")
def lms_lever_rule_fast_isolation():
    """LMS (Li metal) on the lever-rule host with host loss LEVER_LOSS_SCALE x its fit: a 1C discharge to 1.8 V
    and a 1C charge to 2.8 V at rtol 1e-6. Returns the solution, the host's c_h [mol.m-3] and q_host [C.m-2]."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    k = values["Ionic-switch host loss coefficient"]
    values.update({"Ionic-switch host loss coefficient": LEVER_LOSS_SCALE * k})
    model = AEA({"ionic-switch host loss": "persistent Li0", "host thermodynamics": "lever rule"})
    experiment = pybamm.Experiment([("Discharge at 1C until 1.8 V", "Charge at 1C until 2.8 V")])
    sol = pybamm.Simulation(model, parameter_values=values, experiment=experiment,
                            solver=model.default_solver_with(rtol=1e-6, atol=1e-9)).solve()
    assert len(sol.cycles) == 1 and len(sol.cycles[0].steps) == 2, sol.termination
    p = model.param
    return sol, values.evaluate(p.c_h), values.evaluate(p.F * p.c_h * p.L_c * p.x_max), values


def test_lever_rule_li0_film_forms_in_the_connected_host(lms_lever_rule_fast_isolation):
    """The lever-rule host's Li0 film converts connected host only (isolated host passes no Li): its thickness
    grows as i_film / (F a_h c_h), a_h c_h the connected host's formula units per m3 of electrode. Measured (one
    1C cycle, the loss coefficient 1000x its fit, 1 - a_h 0.218 at the end): the film 0.998 x the law's thickness;
    0.870 x it over c_h alone, the divisor until session 40 (li0_film_over_the_whole_host)."""
    sol, c_h, _, _ = lms_lever_rule_fast_isolation
    t = sol["Time [s]"].entries
    i_film = sol["Li0 film growth current density [A.m-2]"].entries
    a_h = sol["Cathode host active fraction"].entries
    film = sol["Li0 film thickness [m]"].entries
    # the film starts at 0 and is consumed only on discharge (i > 0), before any film formed: it grows by i_film
    assert film[0] == 0
    law = cumulative_trapezoid(i_film / a_h, t, initial=0)[-1] / (F_CONST * c_h)
    print("1 - a_h:", 1 - a_h[-1], "film [m]:", film[-1], "law:", law, "ratio:", film[-1] / law)
    assert 1 - a_h[-1] > 0.15
    assert film[-1] == pytest.approx(law, rel=1e-2)


def test_lever_rule_host_isolation_is_a_share_of_the_host_the_film_converts(lms_lever_rule_fast_isolation):
    """The lever-rule host's isolation law da/dt = -k i_film / q_host: the film converts i_film / (F c_h L) of
    the whole host per second, all of it connected host, and k / x_max of that persists (the multi-phase law's
    f_p), so 1 - a_h is k times the film's charge over q_host. Measured (one 1C cycle, k 1000x its fit): 1 - a_h
    0.999 x the law; 0.895 x it with the factor a_h of the law until session 40 (isolation_rate_times_active_fraction),
    which took the film to convert a share of the connected host instead."""
    sol, _, q_host, values = lms_lever_rule_fast_isolation
    k = values["Ionic-switch host loss coefficient"]
    t = sol["Time [s]"].entries
    i_film = sol["Li0 film growth current density [A.m-2]"].entries
    isolated = 1 - sol["Cathode host active fraction"].entries
    law = k * cumulative_trapezoid(i_film, t, initial=0) / q_host
    print("1 - a_h:", isolated[-1], "law:", law[-1], "ratio:", isolated[-1] / law[-1])
    assert isolated[-1] > 0.15
    np.testing.assert_allclose(isolated, law, atol=1e-2 * isolated[-1])


@pytest.mark.slow
@pytest.mark.fit
def test_lts_fades_faster_than_lms(lms, readme_figure):
    lts, _ = cycle("Li2021_TiS2", 50, 1.0, 3.0, {"Li trapping": "irreversible"})
    assert lts[RET].loc[50] < lms[RET].loc[50] - 3
    # the first cycle traps the 0.1 Li per TiS2 of the paper's Li0.1TiS2, whose 25 mAh/g "roughly
    # correlates" with the gap (the fit of "Initial Li trapping fraction": 24.1 mAh/g; 19.0 when the
    # traps were left a fifth empty, at 0.165)
    gap = lts[ESC].loc[1] - lts[ESC].loc[2]
    assert gap == pytest.approx(25, abs=1.5)
    assert lts["Lost lithium [mol]"].is_monotonic_increasing
    # the README's figures, read from it, to their stated digits (the table of what the model reproduces): the
    # retention after 50 cycles vs the 2nd, the first-cycle gap in mA.h/g; a solver build that moves them fails here
    assert lts[RET].loc[50] == readme_figure("| fades faster than LMS | {} % after 50 cycles").approx()
    assert lts[ESC].loc[2] == readme_figure("{} on the 2nd discharge with it: the first-cycle gap").approx()
    assert gap == readme_figure("first-cycle gap: {})", "the first-cycle gap {} mAh/g against the paper's 25").approx()


@pytest.mark.parametrize("host", ["lever rule", "multi-phase"])
def test_trapped_li_gradient_moves_no_free_li(host):
    """Trapped Li does not move and the host's free energy reads the free-window content x_free, so a rest brings
    x_free to uniform, not the total content x: TiS2 (one phase, the Fickian flux on both hosts) trapping at its
    fitted rate through a 1C discharge to 1.0 V, then 2 h at rest. Measured (lever rule / multi-phase): x_free uniform to
    1.3e-13 / 3e-16 after the rest, the trapped Li non-uniform by 2.5e-4 / 2.3e-4 and so the total content by 1.1e-5 /
    8.8e-6; with the flux on grad x (until session 40) x_free was non-uniform by 7.5e-6 / 6.0e-6 at rest, the total
    content uniform to 1e-13 (trapped_li_gradient_drives_free_li)."""
    values = pybamm.ParameterValues("Li2021_TiS2")
    model = AEA({"Li trapping": "irreversible", "host thermodynamics": host})
    experiment = pybamm.Experiment([("Discharge at 1C until 1.0 V", "Rest for 2 hours")])
    sol = pybamm.Simulation(model, parameter_values=values, experiment=experiment,
                            solver=model.default_solver_with(rtol=1e-7, atol=1e-10)).solve()
    rest = sol.cycles[0].steps[1]
    x_trap = rest["Cathode local trapped Li content"].entries[:, -1]
    x_free = rest["Cathode free Li content"].entries[:, -1]
    x = rest["Cathode Li content"].entries[:, -1]
    print(host, "after the rest: trapped Li", np.ptp(x_trap), "free", np.ptp(x_free), "total", np.ptp(x))
    assert np.ptp(x_trap) > 1e-4
    assert np.ptp(x_free) < 1e-4 * np.ptp(x_trap)


@pytest.mark.slow
@pytest.mark.prediction
def test_li_trapping_acts_on_the_multi_phase_host_as_on_the_lever_rule_host():
    """Trapped Li narrows the window the host's free energy sees (both hosts): TiS2, one phase,
    gives the same first-cycle gap and fade on both (the trap was a no-op on the multi-phase host
    until its free energy read the trapped Li: retention 100 %)."""
    out = {}
    for host in ("lever rule", "multi-phase"):
        summary, _ = cycle("Li2021_TiS2", 10, 1.0, 3.0, {"Li trapping": "irreversible", "host thermodynamics": host})
        out[host] = (summary[ESC].loc[1] - summary[ESC].loc[2], summary[RET].loc[10])
    print("TiS2 first-cycle gap [mA.h/g] and retention at 10 cycles [%]:", out)
    assert out["multi-phase"][0] == pytest.approx(out["lever rule"][0], rel=0.02)
    assert out["multi-phase"][1] == pytest.approx(out["lever rule"][1], abs=0.5)
    assert out["multi-phase"][1] < 99


@pytest.mark.slow
@pytest.mark.fit
def test_s_lms_li_in_rises_to_cycle_30_then_fades(s_lms_li_in_default, readme_figure):
    """Fit: the contact-loss coefficient to the paper's 76 % (cycle 120 vs 30, 360 MPa), on the multi-phase host, the
    default (the model users get); activation to the rise. Measured 2026-12-05 (session 46, the host's transport across
    the swollen layer, D_LI2S_REF 3.4e-23): 76.10 % with the coefficient 0.0286, peak at cycle 36 (77.82 % with 0.0267,
    the lever rule's fit); the lever rule gives 74.17 % with 0.0286
    (test_the_lever_rule_stands_in_for_the_default_over_120_cycles). Before, on the as-made layer and the lever rule:
    75.93 % with 0.0285 (2026-12-04); 0.9x (0.02565) gave 78.71 %, 1.1x (0.03135) 73.43 %, 0.0143 (0.5x) 91.0 %, 0.057
    (2x) 55.7 % (2026-12-03). Tolerance 1.5 points, between what the numerical choices move it (TAU_COMPACT 1 -> 10 s
    +0.15 points; the closure switch's EPS_SMOOTH halved -0.28, doubled +0.79) and the coefficient 10 % off (2.6-2.7
    points): it catches the coefficient drifting from its fit, or a change to the mechanics that moves the fitted
    figure by as much (then refit, with the figure measured here)."""
    summary, _ = s_lms_li_in_default
    assert summary[RET].loc[120] == pytest.approx(76, abs=1.5)
    # the README's figure, read from it, to its stated digits (76.10 on 2026-12-05): a solver build that moves it fails
    assert summary[RET].loc[120] == readme_figure("| 76 %, rising to cycle 30 | {} % on the multi-phase default").approx(
        across_processors=True)
    peak = summary[ESC].idxmax()
    print("retention", summary[RET].loc[120], "peak cycle:", peak)
    # the multi-phase top is flat to 0.15 %, its largest cycle the solver's per-cycle scatter: the README's range
    assert readme_figure("within cycles {}-{_} on the multi-phase host").value <= peak
    assert peak <= readme_figure("within cycles {_}-{} on the multi-phase host").value
    assert summary[ESC].loc[30] > 1.1 * summary[ESC].loc[3]
    assert summary[ESC].loc[30] > summary[ESC].loc[60] > summary[ESC].loc[120]


@pytest.mark.slow
@pytest.mark.prediction
def test_the_lever_rule_stands_in_for_the_default_over_120_cycles(s_lms_li_in, s_lms_li_in_default):
    """The lever rule, the reduced host the direction tests run on, against the default over the fit's 120 cycles:
    its retention lies 1.93 points below (measured 2026-12-05, session 46, coefficient 0.0286: lever rule 74.17 %,
    peak 34, multi-phase 76.10 %, peak 36). That is the stand-in's error, a reduced-host approximation: the lever
    rule's charge ends on its film, keyed to the surface content, with the collector side still holding Li in
    equilibrium with lithiated sulfur (0.024 / 0.042 of the sulfur left lithiated at cycles 30 / 120, below 1e-5 on
    the multi-phase host), and the stranded sulfur grows with the layer's stretch, which slows the host's transport
    as lambda^-(b+1); a 2.4 V hold after each lever-rule charge drains it and recovers 1.47 of the 1.87 points the
    hosts part by with the coefficient 0.0267 (docs/known_limits.rst, "The host's transport across the as-made
    thickness"). On the as-made transport the hosts were within 0.05 points.

    Tolerance: the gap within 0.5 points of its 1.93, a quarter of it (each host's figure moves by 0.02-0.05 across
    solver builds): a change that parts the hosts further (or closes the gap) changes the stand-in's stated error and
    fails here. The lever rule stays below the default (its stranded sulfur), and both peak within cycles 30-40.
    Catches: the lever rule's transport taking the stretch the wrong way (lambda^+2: 75.60 %, the gap 0.50; mutation
    lever_rule_transport_stretch_taken_the_wrong_way); on the as-made transport (before session 46) the gap was -0.02
    (multi-phase 75.90 %, lever rule 75.92 % with 0.0285), which this test fails too."""
    lever, _ = s_lms_li_in
    default, _ = s_lms_li_in_default
    gap = default[RET].loc[120] - lever[RET].loc[120]
    print("retention at 120 [%]: multi-phase", default[RET].loc[120], "lever rule", lever[RET].loc[120], "gap", gap,
          "peaks", default[ESC].idxmax(), lever[ESC].idxmax())
    assert gap == pytest.approx(1.93, abs=0.5)
    for summary in (lever, default):
        assert 30 <= summary[ESC].idxmax() <= 40


@pytest.mark.slow
@pytest.mark.prediction
def test_lto_lms_is_the_most_stable_hybrid(s_lms_li_in_default, readme_figure):
    """LTO-LMS keeps > 10 points more of its cycle-30 capacity after 120 cycles than S-LMS (paper:
    the zero-strain Li4Ti5O12 hybrid is the stable one). Li4Ti5O12 (-0.2 % volume) opens no voids,
    so its contact loss vanishes; what fades is the host, through the persistent Li0 fraction
    fitted on the LMS cell, here predicted on another electrode. It runs on the multi-phase
    default: the persistent-Li0 loss is the host's own mechanism (no lever-rule pin).

    Measured 91.59 % (pybammsolvers 0.11.1 / casadi 3.8.1, 2026-12-05, the Li4Ti5O12 and Li7Ti5O12 molar masses their
    formulas' 459.083 and 479.903 g/mol; 91.62 % with the typed 459.08 and 479.90, 9 steps refined in both; 91.60 %
    before the Mo6S8 molar mass became the formula's 832.18 g/mol). With that Mo6S8 mass the run stopped after 8 of 120
    cycles ("Experiment is infeasible": the 8th discharge's last solver steps left the Li4Ti5O12 at lithiation 1.0091,
    which charge 8 returned to the host at its Li4 end) until the default solver solved such a step again at a tighter
    tolerance (SharedEventsIDAKLUSolver.BOUNDED_STATES: 9 of the 240 steps here; 91.74 % with the whole run at rtol
    1e-5).
    """
    summary, _ = s_lms_li_in_default
    options = {
        "anode": "Li-In",
        "dispersed material degradation": "activation and contact loss",
        "ionic-switch host loss": "persistent Li0",
    }
    lto, _ = cycle("Li2021_LTO_Mo6S8", 120, 0.4, 2.4, options, reference_cycle=30)
    print("retention after 120 cycles vs 30 [%]: LTO-LMS", lto[RET].loc[120], "S-LMS", summary[RET].loc[120])
    assert lto[RET].loc[120] > summary[RET].loc[120] + 10
    # the README's figure, read from it to its stated digits: a solver build that moves it fails
    assert lto[RET].loc[120] == readme_figure('"persistent Li0": {} %, multi-phase host').approx()


@pytest.mark.slow
@pytest.mark.prediction
def test_retention_rises_with_stack_pressure(s_lms_li_in, readme_figure):
    """180 < 360 < 720 MPa after 120 cycles on the lever rule (a mechanism's direction: the reduced host stands in,
    test_the_lever_rule_stands_in_for_the_default_over_120_cycles); the 360 MPa figure's coefficient is fitted on the
    default. Measured 2026-12-05 (session 46, the coefficient 0.0286, the host's transport across the swollen layer):
    63.69 / 74.17 / 108.21 %, the sulfur cut off 50.36 / 34.20 / 1.96 %, the 720 MPa top's 5-cycle mean at cycle 87;
    the figures moved from the as-made layer's 59.9 / 75.9 / 108.5 % and 52.85 / 34.20 / 1.99 % (coefficient 0.0285,
    2026-12-04/05) because the coefficient and the host's transport did: re-pinned by measurement. The bounds are the trend's: the stack-held porosity's
    Heckel exponent with the wrong sign (the stack loosening the electrode above the fabrication pressure) reverses
    it, 96.8 / 76.0 / 60.8 %; the fit test pins the coefficient's size.

    Voids opened around shrinking Li2S close only where the stack can compact the electrode
    (Heckel), i.e. below eps_stack = eps0 exp(-K (P - P_fab)); the rest is lost contact. The README's figures of it,
    read from it to their stated digits, were read by no test until session 41 (the sulfur cut off in 120 cycles and
    the 720 MPa capacity's top at cycles 86-91; the 180 MPa figure is stated to whole percent, 50 % for 50.36).
    """
    runs = {360.0: s_lms_li_in}
    for pressure in (180.0, 720.0):
        runs[pressure] = cycle("Li2021_S_Mo6S8", 120, 0.4, 2.4, S_OPTIONS, 30, {"Stack pressure [MPa]": pressure})
    ret = {p: summary[RET].loc[120] for p, (summary, _) in runs.items()}
    # the share of the sulfur cut off in 120 cycles [%] (the last cycle is saved)
    cut = {p: 100 * sol.cycles[-1]["Dispersed material fraction lost"].entries[-1] for p, (_, sol) in runs.items()}
    print("retention [%]:", ret, "sulfur cut off [%]:", cut, "720 MPa largest cycle:", runs[720.0][0][ESC].idxmax())
    assert ret[180.0] < ret[360.0] - 2 < ret[720.0] - 4
    assert cut[720.0] < cut[360.0] < cut[180.0]
    # the README's figures, read from it to their stated digits: a solver build that moves them fails
    assert ret[180.0] == readme_figure("| - | {} / {_} / {_} % at 180 / 360 / 720 MPa").approx()
    assert ret[360.0] == readme_figure("| - | {_} / {} / {_} % at 180 / 360 / 720 MPa").approx()
    assert ret[720.0] == readme_figure("| - | {_} / {_} / {} % at 180 / 360 / 720 MPa").approx()
    assert cut[720.0] == readme_figure("so only {} % of the sulfur is cut off in 120 cycles").approx()
    assert cut[360.0] == readme_figure("of the sulfur is cut off in 120 cycles ({} % at 360 MPa").approx()
    assert cut[180.0] == readme_figure("% at 360 MPa, {} % at 180, 2026").approx()
    # its top is flat within 0.03 mA.h/g over ~8 cycles, so a single cycle's solver noise (a 0.05 mA.h/g blip) moves
    # the largest cycle: the largest 5-cycle mean, within the README's range
    top = runs[720.0][0][ESC].rolling(5, center=True).mean().idxmax()
    assert (readme_figure("rises to its top at cycles {}-{_} (").value <= top
            <= readme_figure("rises to its top at cycles {_}-{} (").value), top


@pytest.mark.slow
@pytest.mark.prediction
def test_porous_electrode_loses_more_contact(s_lms_li_in, readme_figure):
    """The 30 %-porosity S-LMS electrode (pressed and held at the pressure Table S8 gives for 30 %).

    Its pores take the whole S8 -> Li2S swelling, so it does not thicken; but the low pressure
    that made it cannot compact it, so every void the shrinking Li2S opens stays open: it loses
    much of its sulfur in the first cycles and ends with less capacity than the paper's 8.2 %
    electrode, which supports the paper's dense electrode (lever rule, measured 2026-12-05, session 46, the coefficient
    0.0286 and the host's transport across the swollen layer: 171.3 against 269.3 mAh/g after 120 cycles; 170.6 against
    281.4 on 2026-12-04 on the as-made layer with 0.0285, 173 against 287 with 0.027: re-pinned by measurement). Its
    retention *relative to cycle 30* (73.9 %, the dense electrode's 74.2 % on the lever rule; 74.4 and 75.9 % on the
    as-made layer) hides that most of its loss comes before cycle 30 (316 mAh/g on cycle 1, 219 on cycle 2).
    """
    from pybamm_aea.energy.compaction import compaction_data

    p, eps = compaction_data("S-LMS")
    p30 = float(np.interp(0.30, eps[::-1], p[::-1]))
    updates = {"Cathode porosity": 0.30, "Cathode fabrication pressure [MPa]": p30, "Stack pressure [MPa]": p30}
    porous, sol = cycle("Li2021_S_Mo6S8", 120, 0.4, 2.4, S_OPTIONS, 30, updates)
    dense = s_lms_li_in[0]
    assert porous[ESC].loc[120] < 0.85 * dense[ESC].loc[120]
    assert porous[ESC].loc[2] < 0.8 * porous[ESC].loc[1]
    assert sol.cycles[-1]["Cathode thickness change [%]"].entries.max() < 0.5
    # the README's figures, read from it to their stated digits: a solver build that moves them fails
    assert porous[ESC].loc[120] == readme_figure("(lever rule, 2026-12-05, {} vs {_}, coefficient 0.0286").approx()
    assert dense[ESC].loc[120] == readme_figure("(lever rule, 2026-12-05, {_} vs {}, coefficient 0.0286").approx()
    assert porous[RET].loc[120] == readme_figure("with 0.027); {} % vs cycle 30: most of its loss").approx()
    assert porous[ESC].loc[1] == readme_figure("({} mAh/g on cycle 1, {_} on cycle 2)").approx()
    assert porous[ESC].loc[2] == readme_figure("({_} mAh/g on cycle 1, {} on cycle 2)").approx()


@pytest.mark.slow
def test_li_in_interphase_is_more_stable_than_li_metal():
    options = {"interphase growth": "parabolic"}
    li, sol_li = cycle("Li2021_Mo6S8", 30, 1.8, 2.8, options)
    li_in, sol_in = cycle("Li2021_Mo6S8", 30, 1.2, 2.2, dict(options, anode="Li-In"))
    R_li = sol_li["Interphase resistance [Ohm.m2]"].entries[-1]
    R_in = sol_in["Interphase resistance [Ohm.m2]"].entries[-1]
    assert R_li > 5 * R_in
    assert li["Resistance [Ohm]"].iloc[-1] > li["Resistance [Ohm]"].iloc[1]


@pytest.mark.slow
def test_degradation_conserves_lithium():
    """All the Li in the cathode (connected, trapped, cut off: one inventory) changes only by the charge passed,
    and the lost inventory is a part of it (a reviewer found cathode + lost drifting by 13 % of the Li moved with
    trapping, where trapped Li was in both)."""
    options = {
        "Li trapping": "irreversible",
        "ionic-switch host loss": "persistent Li0",
        "dispersed material degradation": "activation and contact loss",
    }
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    values.update({"Li trapping fraction": 0.01, "Initial Li trapping fraction": 0.05})
    experiment = pybamm.Experiment([("Discharge at 0.2C until 1.0 V", "Charge at 0.2C until 3.0 V")] * 3)
    # conservation to the solver's tolerance: at the multi-phase default (rtol 1e-4) the separately
    # integrated states drift by 2e-10 mol, 2e-5 of the Li passed; at rtol 1e-6 by 7e-14 mol
    solver = AEA(options).default_solver_with(rtol=1e-6, atol=1e-8)
    sol = pybamm.Simulation(AEA(options), parameter_values=values, experiment=experiment, solver=solver).solve()
    # an IDA failure returns the cycles done so far: conservation on a part of the run proves less
    assert len(sol.cycles) == 3 and sol.cycles[-1] is not None, sol.termination
    F = F_CONST
    # one inventory: "Total lithium in cathode" holds the trapped Li and the Li of isolated host and sulfur
    # domains; the connected part excludes the cut-off parts
    n = sol["Total lithium in cathode [mol]"].entries
    cut_off = sol["Lost lithium in isolated host [mol]"].entries + sol[
        "Lost lithium in isolated dispersed material [mol]"].entries
    np.testing.assert_allclose(sol["Total lithium in connected cathode [mol]"].entries, n - cut_off, rtol=1e-12)
    passed = sol["Discharge capacity [A.h]"].entries * 3600 / F
    # 1e-6 of the lithium passed (the drift at rtol 1e-6 is 7e-14 mol, 6e-9 of it), 10x below the
    # smallest loss booked (so a loss counted twice, or left in the cathode and booked as lost,
    # fails)
    atol = 1e-6 * np.max(np.abs(passed))
    np.testing.assert_allclose(n - n[0], passed, atol=atol)
    for loss in ("Lost lithium in isolated dispersed material [mol]", "Lost lithium to trapping [mol]"):
        assert sol[loss].entries[-1] > 10 * atol, loss
    # the isolated host books only its Li0 content, the binodal x_0 (0.02 Li per formula unit) of the free
    # window [x_trap, x_max] with its trapped Li, and leaves the rest of its Li to the active host: that
    # Li (the host isolated times its average content, which a dropped or doubled enrichment would lose
    # or add) is above 10 atol
    x_0 = MO6S8_PHASE_FIELD_WINDOWS[0][1]
    a_h = sol["Cathode host active fraction"].entries
    x_trap = sol["Cathode trapped Li content"].entries
    host_units = sol["Total lithium in cathode host [mol]"].entries[0] / sol["Average cathode Li content"].entries[0]
    kept = (1 - a_h[-1]) * host_units * (sol["Average cathode Li content"].entries[-1] - x_0 - x_trap[-1])
    assert kept > 10 * atol
    x_iso = x_trap + x_0 * (1 - x_trap / values["Cathode maximum Li content"])
    isolated = host_units * np.sum(0.5 * (x_iso[1:] + x_iso[:-1]) * -np.diff(a_h))
    assert sol["Lost lithium in isolated host [mol]"].entries[-1] == pytest.approx(isolated, rel=0.01)


def test_options_are_off_by_default():
    model = AEA()
    for key in ("Li trapping", "ionic-switch host loss", "dispersed material degradation", "interphase growth"):
        assert model.options[key] == "none"


def test_pybamm_summary_variables_track_degradation():
    sim = pybamm.Simulation(
        AEA({"ionic-switch host loss": "persistent Li0"}),
        parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
        experiment=pybamm.Experiment([("Discharge at 0.5C until 1.8 V", "Charge at 0.5C until 2.8 V")] * 5),
    )
    summary = sim.solve(save_at_cycles=[1, 5]).summary_variables
    lam = np.asarray(summary["Loss of active material [%]"])
    assert lam.shape == (5,) and np.all(np.diff(lam) > 0)
    assert np.all(np.asarray(summary["Cathode host active fraction"]) < 1)


def test_cathode_interphase_grows_only_outside_the_se_window():
    """A rest outside LGPS's 1.71-2.14 V window grows the interphase as L^2 = L0^2 + 2 k F dU t / RT.

    Pristine Mo6S8 (x0 = 4e-3 Li) is the dilute Li0 lattice gas of the multi-phase host, so its
    rest potential is the Li0/Li1 plateau plus kT ln(x_Li0 / x0), with x_Li0 the Li0 phase's upper
    composition (2.30 + 0.0296 ln 5 = 2.348 V at 70 C, from the free energy's inputs, not from the
    solve); it lies 0.21 V above the window, and the closed form follows. Catches: a growth driven
    from the wrong window edge (1.71 V), a missing factor 2, growth at the thermal voltage of the
    wrong temperature, or a rest potential off the host's free energy (the lever rule's 2.59 V).
    A rest at a host potential inside the window grows nothing.
    """
    from pybamm_aea.parameters.Li2021_Mo6S8 import MO6S8_HOST

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    model = AEA({"interphase growth": "stability window"})
    hours = 10
    sol = pybamm.Simulation(
        model, parameter_values=values, experiment=pybamm.Experiment([f"Rest for {hours} hours"])
    ).solve()
    k = values["Cathode interphase window growth constant [m2.s-1]"]
    T = values["Ambient temperature [K]"]
    F, R = F_CONST, scipy.constants.R
    x0 = values["Initial cathode Li content"]
    U0 = MO6S8_HOST.regions[0].U + R * T / F * np.log(MO6S8_HOST.phases[0].hi / x0)
    U = sol["Cathode surface OCP [V]"].entries
    np.testing.assert_allclose(U, U0, atol=1e-3)  # pristine Mo6S8 at rest: above the window
    L = sol["Cathode interphase thickness [m]"].entries
    expected = np.sqrt(L[0] ** 2 + 2 * k * F * (U0 - 2.14) * hours * 3600 / (R * T))
    assert L[-1] == pytest.approx(expected, rel=1e-3)
    # inside the window (host on its 2.05 V plateau) nothing grows
    values.update({"Initial cathode Li content": 2.0})
    sol = pybamm.Simulation(
        model, parameter_values=values, experiment=pybamm.Experiment([f"Rest for {hours} hours"])
    ).solve()
    U = sol["Cathode surface OCP [V]"].entries
    assert 1.71 < U.min() <= U.max() < 2.14
    L = sol["Cathode interphase thickness [m]"].entries
    assert L[-1] == pytest.approx(L[0], rel=1e-9)


def _faded_lts_cccv(solver=None, n=10):
    """LTS with Li trapping 50x the set's, n cycles of 0.1C discharge to 1 V, 0.1C charge to 3.0 V and a hold
    at 3.0 V until C/50, on the multi-phase host: the cycles completed and the free Li content x - x_trap at
    the surface at the end of the last charge."""
    values = pybamm.ParameterValues("Li2021_TiS2")
    values["Li trapping fraction"] *= 50
    model = AEA({"Li trapping": "irreversible", "ionic switch": "none"})
    experiment = pybamm.Experiment([("Discharge at 0.1C until 1.0 V", "Charge at 0.1C until 3.0 V",
                                     "Hold at 3.0 V until C/50")] * n)
    sol = pybamm.Simulation(model, parameter_values=values, experiment=experiment, solver=solver).solve()
    charge = sol.cycles[-1].steps[1]
    free = charge["Cathode surface Li content"].entries[-1] - charge["Cathode surface trapped Li content"].entries[-1]
    done = sum(len(c.steps) == 3 and "C-rate" in c.steps[2].termination for c in sol.cycles)
    return done, free


@pytest.mark.slow
def test_a_hold_at_the_cut_off_of_a_faded_lts_cell_completes():
    """LTS with 50x the set's slow trapping, 10 CCCV cycles at the multi-phase host's default tolerances: every
    hold ends on its C/50 cut-off. Measured (session 26's law, 2026-12-02): the free surface content at 3.0 V is
    x - x_trap = 7.39e-5 Li after 10 cycles (x 0.682; 1.7e-4 after 1), and 40 cycles complete too (2.77e-5 Li, x
    0.881). Under session 25's law (trapping on the inserted Li whatever Li was free, fractions 0.15 / 0.004) the
    10th hold stopped on the maximum-voltage event at 2.45e-5 Li (x = x_trap = 0.895, each resolved to 9e-5),
    a strict expected failure then; docs/known_limits.rst, "Events on the solver's interpolant"."""
    done, free = _faded_lts_cccv()
    assert free == pytest.approx(7.39e-5, rel=0.05)
    assert done == 10


@pytest.mark.slow
def test_a_hold_at_the_cut_off_of_a_faded_lts_cell_completes_at_tight_tolerances():
    """The same 50x-faded LTS CCCV cycles at rtol 1e-6 give the same free surface content at 3.0 V (7.40e-5 Li
    after 10 cycles, measured; 7.39e-5 at the default rtol 1e-4) with every hold ending on its C/50 cut-off."""
    done, free = _faded_lts_cccv(AEA().default_solver_with(rtol=1e-6, atol=1e-8))
    assert free == pytest.approx(7.39e-5, rel=0.05)
    assert done == 10


# --- quick tests: each mechanism's rate law against its closed form, or against its integral evaluated here
# from the solution's variables, on 1-2 short cycles; and the inventories these laws book ---

F_CONST = scipy.constants.value("Faraday constant")  # [C.mol-1], CODATA via SciPy: independent of the code's F


def host_formula_units(sol):
    """Host formula units in the cathode [mol], from the solution's Li at t = 0 (Li per formula unit)."""
    return sol["Total lithium in cathode host [mol]"].entries[0] / sol["Average cathode Li content"].entries[0]


def li_passed(sol):
    """Li passed into the cathode since t = 0 [mol], from PyBaMM's capacity counter (positive on discharge)."""
    return sol["Discharge capacity [A.h]"].entries * 3600 / F_CONST


def trapped_along(q_in, x_av, f_fast, f_slow, x_sat, arrhenius=1.0):
    """Trapped Li per formula unit along a solution, integrated here (RK4, 20 substeps per output interval) from
    the Li inserted per formula unit ``q_in`` and the average Li content ``x_av`` at the solution's points: the
    law dx/dq = A [f_fast max(1 - x / x_sat, 0) + f_slow] (1 - x / x_av) from x = 0, A the Arrhenius factor,
    x_av linear between the points."""
    def slope(x, xa):
        return arrhenius * (f_fast * max(1 - x / x_sat, 0) + f_slow) * (1 - x / xa)

    out = np.zeros(len(q_in))
    x = 0.0
    for k in range(len(q_in) - 1):
        dq = q_in[k + 1] - q_in[k]
        if dq > 0:
            h = dq / 20
            for m in range(20):
                xa0 = x_av[k] + (x_av[k + 1] - x_av[k]) * m / 20
                xa1 = x_av[k] + (x_av[k + 1] - x_av[k]) * (m + 1) / 20
                xam = 0.5 * (xa0 + xa1)
                k1 = slope(x, xa0)
                k2 = slope(x + h / 2 * k1, xam)
                k3 = slope(x + h / 2 * k2, xam)
                k4 = slope(x + h * k3, xa1)
                x += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        out[k + 1] = x
    return out


def tis2_cycles(n, options):
    values = pybamm.ParameterValues("Li2021_TiS2")
    experiment = pybamm.Experiment([("Discharge at 1C until 1.0 V", "Charge at 1C until 3.0 V")] * n)
    sol = pybamm.Simulation(AEA(options), parameter_values=values, experiment=experiment).solve()
    assert len(sol.cycles) == n, sol.termination
    return values, sol


@pytest.fixture(scope="module", params=["lever rule", "multi-phase"])
def trapping_lts(request):
    """LTS with Li trapping (the set's own fractions), 2 cycles at 1C, on each host, and the same cell without
    trapping for 1 cycle."""
    host = request.param
    values, sol = tis2_cycles(2, {"Li trapping": "irreversible", "host thermodynamics": host})
    _, untrapped = tis2_cycles(1, {"Li trapping": "none", "host thermodynamics": host})
    return host, values, sol, untrapped


def test_trapped_li_follows_its_rate_law(trapping_lts):
    """x_trap against dx_trap/dt = [f_fast (1 - x_trap / x_sat) + f_slow] n_in (1 - x_trap / x) integrated here
    (:func:`trapped_along`), with the Li inserted (n_in dt summed: the discharge steps' charge over F and the
    host's formula units) read from the capacity counter and x the solution's average Li content. Measured:
    within 3.5e-6 Li (lever rule) and 1.2e-5 Li (multi-phase, rtol 1e-4; on both the trapped Li is a field and
    its average follows the law of the averages) over the 2 cycles (1.84 Li inserted per TiS2, x_trap 0.0955);
    tolerance 2e-4 Li. Catches: the saturation's sign (1 + x / x_sat), either fraction doubled, the two
    fractions swapped, the slow part made to saturate too, trapping on charge instead of discharge (a sign of
    the insertion rate), the free-Li factor (1 - x_trap / x) left out (session 26), and "Lost lithium to
    trapping [mol]" not the trapped content times the host."""
    host, values, sol, _ = trapping_lts
    n_host = host_formula_units(sol)
    passed = li_passed(sol)
    inserted = np.concatenate([[0], np.cumsum(np.maximum(np.diff(passed), 0))]) / n_host
    x_av = sol["Average cathode Li content"].entries
    expected = trapped_along(inserted, x_av, values["Initial Li trapping fraction"], values["Li trapping fraction"],
                             values["Saturated initially trapped Li content"])
    x_trap = sol["Cathode trapped Li content"].entries
    print(host, "x_trap at the end:", x_trap[-1], "integrated law:", expected[-1], "max |diff|:",
          np.max(np.abs(x_trap - expected)), "Li inserted per TiS2:", inserted[-1])
    assert inserted[-1] > 1.5  # two discharges, each nearly the whole window
    np.testing.assert_allclose(x_trap, expected, atol=2e-4)
    np.testing.assert_allclose(sol["Lost lithium to trapping [mol]"].entries, x_trap * n_host, rtol=1e-9)


def test_trapped_li_cannot_leave_the_host(trapping_lts):
    """Trapped Li holds sites but cannot leave: the host's OCP (and, multi-phase, its free energy) sees the
    window [x_trap, x_max], so a charge to the same 3.0 V cut-off leaves in the host the trapped Li plus the
    residual free Li the untrapped cell leaves (measured: 0.0048 vs 0.0037 Li, lever rule; 0.0042 vs 0.0037,
    multi-phase, whose trapped Li lowers the diffusivity; tolerance 2e-3 Li, x_trap 0.079 after the first
    cycle), and the Li content stays at or above the trapped content everywhere. Catches: the trapped Li left
    out of the OCP's or free energy's window (the charge takes the trapped Li out: 0.004 Li left, not 0.082),
    or the window narrowed from the wrong end."""
    host, _, sol, untrapped = trapping_lts
    charge = sol.cycles[0].steps[1]
    left = charge["Average cathode Li content"].entries[-1]
    trapped = charge["Cathode trapped Li content"].entries[-1]
    residual = untrapped.cycles[0].steps[1]["Average cathode Li content"].entries[-1]
    print(host, "Li left after the first charge:", left, "trapped:", trapped, "untrapped cell's residual:", residual)
    assert trapped > 0.05
    assert left - trapped == pytest.approx(residual, abs=2e-3)
    x = sol["Cathode Li content"].entries
    x_trap = sol["Cathode local trapped Li content"].entries
    assert np.all(x - x_trap > -1e-6)


@pytest.mark.parametrize("host", ["lever rule", "multi-phase"])
def test_trapping_stops_before_the_free_window_closes(host):
    """Trapping 1 of the inserted Li in each part (f_fast = f_slow = 1, up to twice the Li inserted, the ranges'
    largest), 5 cycles of LTS at 1C: only free Li is trapped (the factor 1 - x_trap / x), so x_trap stays below
    the Li content in every control volume on both hosts and below x_max, no NaN (the host OCP read in every
    control volume), and the cathode's Li changes only by the charge passed. Measured (2026-12-02, lever rule
    re-measured 2026-12-03): x - x_trap >= 7.9e-4 Li on average on both hosts, >= 3.3e-4 / 1.5e-4 locally
    (lever rule / multi-phase), x_trap 0.745 / 0.766 after 5 cycles, the 5th discharge 25 % of the first; Li
    drift 3e-16 / 4e-12 mol of 1e-5 mol passed. Without the factor the first discharge traps more Li than it
    inserts: x_trap passes x within 1.3 uAh and the lever-rule host stops on its maximum-voltage event, the
    multi-phase host's IDA fails. With one x_trap for the lever-rule electrode (before session 26's field), the
    collector, lagging the average, had -2.8e-4 Li free and a NaN host OCP in the first minutes."""
    values = pybamm.ParameterValues("Li2021_TiS2")
    values.update({"Initial Li trapping fraction": 1.0, "Li trapping fraction": 1.0})
    experiment = pybamm.Experiment([("Discharge at 1C until 1.0 V", "Charge at 1C until 3.0 V")] * 5)
    sim = pybamm.Simulation(AEA({"Li trapping": "irreversible", "host thermodynamics": host}),
                            parameter_values=values, experiment=experiment)
    sol = sim.solve()
    OCP = "Cathode host OCP [V]"
    assert len(sol.cycles) == 5 and all(len(c.steps) == 2 for c in sol.cycles), sol.termination
    x_av, x_trap = sol["Average cathode Li content"].entries, sol["Cathode trapped Li content"].entries
    x, x_trap_local = sol["Cathode Li content"].entries, sol["Cathode local trapped Li content"].entries
    free_av = x_av - x_trap
    print(host, "min x - x_trap (average, local):", free_av.min(), np.min(x - x_trap_local), "x_trap:", x_trap[-1])
    x_free = sol["Cathode free Li content"].entries
    print(host, "min local free content:", x_free.min(), "host OCP range:", np.nanmin(sol[OCP].entries),
          np.nanmax(sol[OCP].entries))
    assert np.all(np.isfinite(x)) and np.all(np.isfinite(x_trap_local))
    assert free_av.min() > 1e-4
    # in every control volume on both hosts (one x_trap for the lever-rule electrode exceeded the content at the
    # collector, which lags the average: -2.8e-4 Li free there and a NaN in the local OCP's log)
    assert np.min(x - x_trap_local) > 0 and x_free.min() > 0
    assert np.all(np.isfinite(sol[OCP].entries))
    assert x_trap[-1] > 0.5  # the run is forced far: most of the host trapped
    assert np.max(x_trap_local) < values["Cathode maximum Li content"]
    passed = li_passed(sol)
    n = sol["Total lithium in cathode [mol]"].entries
    np.testing.assert_allclose(n - n[0], passed, atol=1e-6 * np.max(np.abs(passed)))


@pytest.mark.parametrize("celsius", [25.0, 90.0])
def test_trapping_is_thermally_activated(celsius):
    """LTS (lever rule) one 1C cycle at 25 and 90 C: x_trap follows the law with its fractions times
    exp(-E_a / R (1 / T - 1 / T_ref)), E_a the set's 0.41 eV (its Li hops'), T_ref 343.15 K (factor 0.123 at 25 C,
    2.15 at 90 C; measured within 1.3e-4 / 2.1e-5 Li of the law integrated on the average content, the colder host's
    less uniform profile trapping a little less: x_trap 0.0575 / 0.1063 after the cycle against 0.1012 at 70 C, where
    the fast traps are nearly full; with the 30 kJ/mol assumed until session 43, 0.077 / 0.105 within 2.8e-8 / 2.1e-6),
    and traps less than at 70 C when colder, more when hotter. Catches the Arrhenius factor's sign (trapping faster when colder) and the factor left out."""
    T = 273.15 + celsius
    out = {}
    for temperature in (343.15, T):
        values = pybamm.ParameterValues("Li2021_TiS2")
        values["Ambient temperature [K]"] = temperature
        experiment = pybamm.Experiment([("Discharge at 1C until 1.0 V", "Charge at 1C until 3.0 V")])
        sol = pybamm.Simulation(AEA({"Li trapping": "irreversible", "host thermodynamics": "lever rule"}),
                                parameter_values=values, experiment=experiment).solve()
        out[temperature] = sol
    sol = out[T]
    A = np.exp(-values["Li trapping activation energy [J.mol-1]"] / scipy.constants.R
               * (1 / T - 1 / values["Reference temperature [K]"]))
    inserted = np.concatenate([[0], np.cumsum(np.maximum(np.diff(li_passed(sol)), 0))]) / host_formula_units(sol)
    expected = trapped_along(inserted, sol["Average cathode Li content"].entries, values["Initial Li trapping fraction"],
                             values["Li trapping fraction"], values["Saturated initially trapped Li content"], A)
    x_trap = sol["Cathode trapped Li content"].entries
    x_trap_ref = out[343.15]["Cathode trapped Li content"].entries[-1]
    print(celsius, "C: Arrhenius factor", A, "x_trap", x_trap[-1], "law", expected[-1], "at 70 C", x_trap_ref,
          "max |diff|", np.max(np.abs(x_trap - expected)))
    np.testing.assert_allclose(x_trap, expected, atol=2e-4)
    if T < 343.15:
        assert x_trap[-1] < x_trap_ref - 0.01
    else:
        assert x_trap[-1] > x_trap_ref + 0.002  # the fast traps are nearly full at 70 C: the slow part grows


def test_host_isolated_behind_persistent_li0_follows_its_law_and_keeps_the_inventory():
    """LMS (multi-phase host, Li metal), 1 cycle at 1C, rtol 1e-6. The host fraction isolated follows
    da/dt = -f_p i_film / (F c_h L) (i_film, the Li0 phase's growth current, integrated here by the trapezoid
    rule: measured within 2e-4 of 1 - a_h = 0.0020); the isolated host holds the Li0 binodal content x_0 (the
    free energy's Li0 window) and leaves the rest of its Li to the active host, so the cathode's Li (connected
    + isolated) changes only by the charge passed: measured to 4e-14 mol, tolerance 2e-12 mol, against
    5.8e-11 mol isolated and 2.5e-9 mol left to the active host. Catches: the enrichment left out
    (isolated_host_enrichment_dropped), the isolated Li left out of the cathode's inventory
    (isolated_li_left_out_of_the_cathode), the isolated host booked at its average content (45x x_0's), a
    factor 2 or a sign in the loss rate."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    model = AEA({"ionic-switch host loss": "persistent Li0"})
    experiment = pybamm.Experiment([("Discharge at 1C until 1.8 V", "Charge at 1C until 2.8 V")])
    sol = pybamm.Simulation(model, parameter_values=values, experiment=experiment,
                            solver=model.default_solver_with(rtol=1e-6, atol=1e-8)).solve()
    assert len(sol.cycles) == 1 and len(sol.cycles[0].steps) == 2, sol.termination
    n_host = host_formula_units(sol)
    area = values["Electrode width [m]"] * values["Electrode height [m]"]
    t = sol["Time [s]"].entries
    i_film = sol["Li0 film growth current density [A.m-2]"].entries
    isolated = 1 - sol["Cathode host active fraction"].entries
    charge = cumulative_trapezoid(i_film, t, initial=0) * area  # [C]
    expected = values["Persistent Li0 fraction"] * charge / (F_CONST * n_host)
    print("host isolated:", isolated[-1], "law:", expected[-1])
    assert isolated[-1] > 1e-3
    np.testing.assert_allclose(isolated, expected, atol=1e-3 * isolated[-1])
    x_0 = MO6S8_PHASE_FIELD_WINDOWS[0][1]
    lost = sol["Lost lithium in isolated host [mol]"].entries
    np.testing.assert_allclose(lost, x_0 * isolated * n_host, rtol=1e-3, atol=1e-3 * lost[-1])
    n = sol["Total lithium in cathode [mol]"].entries
    drift = np.max(np.abs(n - n[0] - li_passed(sol)))
    print("drift of the cathode's Li from the charge passed [mol]:", drift, "isolated Li:", lost[-1])
    assert drift < 2e-12 < 0.1 * lost[-1]


def test_host_isolation_rate_is_one_column_of_the_newton_matrix():
    """The multi-phase host's isolation rate da/dt integrates the Li balance of every cell (the Li0 phase's
    growth current), and every cell's Li content reads it (the enrichment by the isolated host's Li): as an
    expression that made each Li content row read the host potential of every cell (a dense 20 x 20 block in
    each of its columns: S-LMS on Li-In with every degradation option, 2230 entries of the Newton matrix,
    1600 of them these blocks; 846 with the rate an algebraic state, its Jacobian call 717 -> 432 us, CPU
    time of 10 cycles -26 %). Here (LMS, host loss, one 1C discharge-charge) each Li content row reads the
    host potential of its own cell and its two neighbours only (the law the rate state stands for:
    test_host_isolated_behind_persistent_li0_follows_its_law_and_keeps_the_inventory). Catches: the
    enrichment written with the expression again (isolation_rate_state_bypassed)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    model = AEA({"ionic-switch host loss": "persistent Li0"})
    experiment = pybamm.Experiment([("Discharge at 1C until 1.8 V", "Charge at 1C until 2.8 V")])
    sol = pybamm.Simulation(model, parameter_values=values, experiment=experiment).solve()
    built = sol.all_models[-1]
    jac = built.jac_rhs_algebraic_eval(0.0, sol.all_ys[-1][:, -1], np.zeros(built.rhs_algebraic_eval.sparsity_in(2).size1()))
    rows, cols = jac.sparsity().get_triplet()
    (content,) = [s for var, (s,) in built.y_slices.items() if var.name == "Cathode Li content variable"]
    (potential,) = [s for var, (s,) in built.y_slices.items() if var.name == "Cathode host OCP [V]"]
    read = np.zeros(content.stop - content.start, dtype=int)
    for r, c in zip(rows, cols):
        if content.start <= r < content.stop and potential.start <= c < potential.stop:
            read[r - content.start] += 1
    assert read.max() <= 3, read


@pytest.fixture(scope="module")
def lms_charge_to_2v34():
    """LMS (Li metal), host loss, default tolerances: a 1C discharge to 1.8 V, then a 1C charge to 2.34 V,
    an event end point while the host isolates (Li0 forms from ~2.3 V on charge)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    model = AEA({"ionic-switch host loss": "persistent Li0"})
    experiment = pybamm.Experiment([("Discharge at 1C until 1.8 V", "Charge at 1C until 2.34 V")])
    sol = pybamm.Simulation(model, parameter_values=values, experiment=experiment).solve()
    assert len(sol.cycles[0].steps) == 2 and "2.34" in sol.cycles[0].steps[1].termination, sol.termination
    return values, model, sol


def test_host_isolation_rate_is_its_law_at_an_event_end_point(lms_charge_to_2v34):
    """The isolation rate, an algebraic state, equals its law -f_p i_film / (F c_h L) at the end point of a
    step that ends on an event, where the solver corrects the algebraic states to consistency (measured: equal
    to 1e-15; IDA's interpolated rate, kept when the correction failed, 12 % off: -2.616e-5 against
    -2.339e-5 s-1). Catches: the rate's residual divided by its scale on top of PyBaMM's own division
    (rate_residual_scaled_twice: the residual 1e10 x the rate's error, the correction's abstol 1e-10 out of
    reach, every algebraic state left interpolated at the end points)."""
    values, model, sol = lms_charge_to_2v34
    p = model.param
    step = sol.cycles[0].steps[1]
    rate = step["Cathode host active fraction rate [s-1]"].entries
    law = -values["Persistent Li0 fraction"] * step["Li0 film growth current density [A.m-2]"].entries / values.evaluate(
        p.F * p.c_h * p.L_c)
    print("rate at the end point:", rate[-1], "law:", law[-1])
    assert law[-1] < -1e-6
    assert rate[-1] == pytest.approx(law[-1], rel=1e-6)


def test_lost_li_of_the_isolated_host_is_its_binodal_content(lms_charge_to_2v34):
    """Without Li trapping the isolated host holds the Li0 binodal content x_0 = 0.02 per formula unit:
    "Lost lithium in isolated host" = x_0 n_host (1 - a_h) at every point to rounding (measured 8e-14 relative
    at the end), whatever the solver's error in a_h, and 1 - a_h within 2 % of its value at rtol 1e-7
    (1.01365e-4; measured 1.0106e-4 at the default tolerances, 1.547e-4 when nothing but a_h at its
    absolute scale set the steps while the host isolated). Catches: the lost Li integrated on the
    rate's expression while a_h integrates the rate state (lost_li_on_the_rate_expression: 0.27 % off the law
    here, 5.8e-2 on S-LMS/Li-In over 10 cycles)."""
    values, model, sol = lms_charge_to_2v34
    n_host = host_formula_units(sol)
    x_0 = MO6S8_PHASE_FIELD_WINDOWS[0][1]
    isolated = 1 - sol["Cathode host active fraction"].entries
    lost = sol["Lost lithium in isolated host [mol]"].entries
    print("1 - a_h:", isolated[-1], "lost Li [mol]:", lost[-1], "law:", x_0 * n_host * isolated[-1])
    assert isolated[-1] == pytest.approx(1.01365e-4, rel=0.02)
    np.testing.assert_allclose(lost, x_0 * n_host * isolated, rtol=1e-9, atol=1e-9 * lost[-1])


#: Li trapping on the LMS cell: Mo6S8 has no trapping of its own (the set's fractions are 0), so the
#: probe takes LixTiS2's fitted law (Li2021_TiS2: 0.9 of the inserted Li up to 0.1 Li, then 0.0064, each times the free share 1 - x_trap / x)
TIS2_TRAPPING = ("Initial Li trapping fraction", "Saturated initially trapped Li content", "Li trapping fraction")


def lms_trapping_and_host_loss(host, options):
    """LMS (Li metal), 2 cycles at 0.1C 1.8-2.8 V, rtol 1e-6, with LixTiS2's trapping law."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    tis2 = pybamm.ParameterValues("Li2021_TiS2")
    values.update({name: tis2[name] for name in TIS2_TRAPPING})
    model = AEA({"host thermodynamics": host, **options})
    experiment = pybamm.Experiment([("Discharge at 0.1C until 1.8 V", "Charge at 0.1C until 2.8 V")] * 2)
    sol = pybamm.Simulation(model, parameter_values=values, experiment=experiment,
                            solver=model.default_solver_with(rtol=1e-6, atol=1e-8)).solve()
    assert len(sol.cycles) == 2 and len(sol.cycles[-1].steps) == 2, sol.termination
    return values, sol


@pytest.mark.parametrize("host", ["multi-phase", "lever rule"])
def test_trapped_li_of_the_isolated_host_stays_lost(host):
    """Li trapping and the ionic-switch host loss together, LMS: one inventory, each Li counted once.

    The host isolated behind persistent Li0 takes its trapped Li with it (trapped Li cannot leave a
    host that delithiates to Li0): "Lost lithium in isolated host" grows by x_iso d(1 - a_h) per
    formula unit, x_iso the isolated host's content, on the multi-phase host the Li0 binodal of the
    free window [x_trap, x_max], x_trap + x_0 (1 - x_trap / x_max), on the lever rule the average
    content. Measured (2 cycles, multi-phase / lever rule): 1 - a_h 5.2e-3 / 4.9e-3, x_trap 0.12, the
    isolated Li 9.66e-10 mol on the multi-phase host (6.6 times the x_0 booking, 1.47e-10 mol) and
    7.36e-9 mol on the lever rule, within 1e-5 of the integral; the cathode's Li changes by the
    charge passed to 1.9e-12 / 8e-15 mol; tolerance 1e-3 and 2e-11 mol. (These with LixTiS2's fast
    fraction at 0.165; at its refit 0.9, multi-phase: x_trap 0.139, isolated Li 1.09e-9 mol, 7.4 times the
    x_0 booking, within 1.5e-15 mol of the integral, 1 - a_h 5.18e-3 against 5.21e-3 alone.)
    And Li0 is read in that free window (the multi-phase host's Li0 layer, the lever rule's film
    onset), so the trapped Li does not change how much host is isolated: 1 - a_h with trapping
    within 1 % of the host loss alone (measured 0.4 % / 0.06 %).
    Catches (session 25): the multi-phase isolated host booked at x_0 with its trapped Li left to the
    active host, where it became free, cyclable Li (isolated_host_trapped_li_freed: in this test's 2 cycles
    9.7e-10 mol of trapped Li freed against 1.5e-10 mol booked, 6.6x too little isolated Li); the Li0 layer read on the total content
    (li0_layer_read_on_the_total_content: 24 % less host isolated with trapping) or the lever rule's
    film onset on it (li0_film_onset_on_the_total_content: 24 % less)."""
    values, sol = lms_trapping_and_host_loss(host, {"Li trapping": "irreversible",
                                                    "ionic-switch host loss": "persistent Li0"})
    _, alone = lms_trapping_and_host_loss(host, {"ionic-switch host loss": "persistent Li0"})
    n_host = host_formula_units(sol)
    a_h = sol["Cathode host active fraction"].entries
    x_trap = sol["Cathode trapped Li content"].entries
    x_0 = MO6S8_PHASE_FIELD_WINDOWS[0][1]
    if host == "multi-phase":
        x_iso = x_trap + x_0 * (1 - x_trap / values["Cathode maximum Li content"])
    else:
        x_iso = sol["Average cathode Li content"].entries
    expected = n_host * np.sum(0.5 * (x_iso[1:] + x_iso[:-1]) * -np.diff(a_h))
    isolated = sol["Lost lithium in isolated host [mol]"].entries
    n = sol["Total lithium in cathode [mol]"].entries
    drift = np.max(np.abs(n - n[0] - li_passed(sol)))
    loss, loss_alone = 1 - a_h[-1], 1 - alone["Cathode host active fraction"].entries[-1]
    print(host, "1 - a_h:", loss, "alone:", loss_alone, "x_trap:", x_trap[-1], "isolated Li [mol]:", isolated[-1],
          "expected:", expected, "x_0 booking:", x_0 * loss * n_host, "drift [mol]:", drift)
    assert x_trap[-1] > 0.1 and loss > 3e-3
    assert isolated[-1] == pytest.approx(expected, rel=1e-3)
    assert drift < 2e-11 < 0.05 * (expected - x_0 * loss * n_host)
    assert loss == pytest.approx(loss_alone, rel=0.01)
    # the trapped inventory is the active host's trapped Li only: the isolated host's went with it (counted
    # twice if the trapped inventory kept the whole host's, a_h left out)
    np.testing.assert_allclose(sol["Lost lithium to trapping [mol]"].entries, x_trap * a_h * n_host, rtol=1e-9)


@pytest.mark.parametrize("host", ["multi-phase", "lever rule"])
def test_phase_map_reads_the_free_window_of_a_host_with_trapped_li(host):
    """With trapped Li the LixMo6S8 phases are those of the free window [x_trap, x_max] the host's free
    energy and OCP see, x_free = x_max (x - x_trap) / (x_max - x_trap): the model's phase fractions (local
    and averaged) and ``phases.average_phase_fractions`` read x_free, not the total content x.

    LMS (Li metal) with LixTiS2's trapping law: a 0.1C cycle 1.8-2.8 V, a 1 h rest, 20 min of 0.1C
    discharge and a 2 h rest. Measured: x_trap 0.107; after the last rest the multi-phase host holds
    x_free 0.985 in every cell (inside Li1's window [0.97, 1.03]; x 1.062-1.074) and reads as Li1 (1.0,
    Li3 0; read on x, Li3 1.8 %); the lever-rule host (x_trap 0.106) rests after the charge at x_free
    0.981 (x 1.061), Li0 0.019 / Li1 0.981, Li3 0 (read on x, Li3 3.1 %). Everywhere the local fractions are the lever rule
    of x_free on the host's windows (the NumPy reference), sum to 1, and the helper's averages are the
    model's; at rest they are the lever rule of the average x_free.
    Catches (session 25): the model's phase map read on the total content
    (phase_map_read_on_the_total_content) and the helper's (phase_helper_read_on_the_total_content)."""
    from pybamm_aea import _numpy_reference
    from pybamm_aea.phases import MO6S8_PHASES, MO6S8_WINDOWS, average_phase_fractions

    windows = MO6S8_PHASE_FIELD_WINDOWS if host == "multi-phase" else MO6S8_WINDOWS
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    tis2 = pybamm.ParameterValues("Li2021_TiS2")
    values.update({name: tis2[name] for name in TIS2_TRAPPING})
    model = AEA({"host thermodynamics": host, "Li trapping": "irreversible"})
    experiment = pybamm.Experiment([("Discharge at 0.1C until 1.8 V", "Charge at 0.1C until 2.8 V", "Rest for 1 hour",
                                     "Discharge at 0.1C for 20 minutes", "Rest for 2 hours")])
    sol = pybamm.Simulation(model, parameter_values=values, experiment=experiment).solve()
    assert len(sol.cycles[0].steps) == 5, sol.termination
    x_max = values["Cathode maximum Li content"]

    x = sol["Cathode Li content"].entries
    x_free = x_max * (x - sol["Cathode local trapped Li content"].entries) / (
        x_max - sol["Cathode local trapped Li content"].entries)
    np.testing.assert_allclose(sol["Cathode free Li content"].entries, x_free, rtol=1e-12, atol=1e-12)
    local = np.stack([sol[f"Cathode {name} phase fraction"].entries for name in MO6S8_PHASES], axis=-1)
    np.testing.assert_allclose(local, _numpy_reference.phase_fractions(x_free, windows), atol=1e-9)
    np.testing.assert_allclose(local.sum(axis=-1), 1, atol=1e-12)
    _, helper = average_phase_fractions(sol)
    averages = np.stack([sol[f"Average cathode {name} phase fraction"].entries for name in MO6S8_PHASES], axis=-1)
    np.testing.assert_allclose(helper, averages, atol=1e-9)

    # the rest where the host's free content is at Li1 (or, on the lever rule's line compounds, next to it)
    rest = sol.cycles[0].steps[4 if host == "multi-phase" else 2]
    x_trap = rest["Cathode trapped Li content"].entries[-1]
    x_free_end = rest["Cathode free Li content"].entries[:, -1]
    x_end = rest["Cathode Li content"].entries[:, -1]
    _, fractions = average_phase_fractions(rest)
    weights = np.asarray(rest["Cathode Li content"].mesh.d_edges, dtype=float)
    on_total = _numpy_reference.average_phase_fractions(x_end, weights, windows)  # what x would read
    print(host, "x_trap:", x_trap, "x_free:", x_free_end.min(), "-", x_free_end.max(), "x:", x_end.min(), "-",
          x_end.max(), "fractions:", fractions[-1], "read on x:", on_total)
    assert x_trap > 0.1
    assert 0.97 < x_free_end.min() and x_free_end.max() < 1.0 and x_end.min() > 1.05  # x would read as Li1 + Li3
    assert fractions[-1][2] == 0 and fractions[-1][3] == 0  # no Li3 (nor Li4)
    assert fractions[-1] == pytest.approx(
        _numpy_reference.phase_fractions(rest["Average cathode free Li content"].entries[-1], windows), abs=1e-3)
    if host == "multi-phase":
        assert np.all(rest["Cathode Li1 phase fraction"].entries[:, -1] == 1)  # every cell is Li1


@pytest.fixture(scope="module")
def s_lms_two_cycles():
    """S-LMS vs Li-In with the sulfur's activation and contact loss (lever-rule host), 2 cycles at 0.5C."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    experiment = pybamm.Experiment([("Discharge at 0.5C until 0.4 V", "Charge at 0.5C until 2.4 V")] * 2)
    sol = pybamm.Simulation(AEA(S_OPTIONS), parameter_values=values, experiment=experiment).solve()
    assert len(sol.cycles) == 2, sol.termination
    return values, sol


def test_sulfur_activation_follows_its_law(s_lms_two_cycles):
    """The pool g of sulfur domains not yet reached falls as dg/dt = -k_act (|i| / q) g, so
    g = g_0 exp(-k_act Q_thr / Q_c) with Q_thr PyBaMM's throughput capacity (charge and discharge) and Q_c the
    electrode's capacity computed here from the host's formula units x_max and the sulfur's sites; and the
    accessible fraction is f_0 + (g_0 - g) - (fraction cut off). Measured within 1e-10 (g 0.3128 after 2
    cycles from 0.32). Catches: activation on the signed current (the charge would return domains to the
    pool), q without the sulfur's capacity, a factor 2, and activation not added to f."""
    values, sol = s_lms_two_cycles
    f = sol["Dispersed material accessible fraction"].entries
    g = sol["Dispersed material fraction not yet activated"].entries
    cut = sol["Dispersed material fraction lost"].entries
    sulfur_sites = sol["Dispersed material capacity [A.h]"].entries[0] * 3600 / F_CONST / f[0]  # [mol]
    capacity = F_CONST * (host_formula_units(sol) * values["Cathode maximum Li content"] + sulfur_sites) / 3600
    g_0 = (values["Maximum dispersed material accessible fraction"]
           - values["Initial dispersed material accessible fraction"])
    expected = g_0 * np.exp(-values["Dispersed material activation coefficient"]
                            * sol["Throughput capacity [A.h]"].entries / capacity)
    print("not yet activated:", g[-1], "law:", expected[-1])
    assert g_0 - g[-1] > 1e-3
    np.testing.assert_allclose(g, expected, rtol=1e-6)
    np.testing.assert_allclose(f, f[0] + g_0 - g - cut, atol=1e-9)


def test_sulfur_contact_loss_follows_its_law_and_keeps_the_inventory(s_lms_two_cycles):
    """The fraction of sulfur domains cut off grows as k_c f e_void (e_void the rate at which voids open and
    stay open), integrated here by the trapezoid rule from the solution's f and e_void: measured within 1.1e-4 of
    the 5.8e-4 cut off in 2 cycles (2026-12-03, the contact-loss coefficient 0.0285), tolerance 2e-3. The domains cut off keep their Li, sites x lithiation:
    "Lost lithium in isolated dispersed material" = sites int z d(cut) (measured within 3e-6), and the Li in the
    cathode (connected + cut off) and the Li-In anode add up to a constant (measured to 6e-14 mol, tolerance
    1e-11 mol, against 2.8e-9 mol cut off). Catches: the contact loss doubled or proportional to 1 - f, the
    cut-off Li booked at the empty content 1 - z, the cut-off Li left out of the cathode's inventory
    (isolated_li_left_out_of_the_cathode), the host giving up a different amount of Li than the sulfur takes
    (li_conservation_dispersed_uptake)."""
    values, sol = s_lms_two_cycles
    t = sol["Time [s]"].entries
    f = sol["Dispersed material accessible fraction"].entries
    cut = sol["Dispersed material fraction lost"].entries
    e_void = sol["Average dispersed material open void strain rate [s-1]"].entries
    expected = cumulative_trapezoid(values["Dispersed material contact-loss coefficient"] * f * e_void, t, initial=0)
    print("fraction cut off:", cut[-1], "law:", expected[-1])
    assert cut[-1] > 1e-4
    np.testing.assert_allclose(cut, expected, atol=2e-3 * cut[-1])
    sulfur_sites = sol["Dispersed material capacity [A.h]"].entries[0] * 3600 / F_CONST / f[0]  # [mol]
    z = sol["Average dispersed material lithiation"].entries
    lost = sol["Lost lithium in isolated dispersed material [mol]"].entries
    np.testing.assert_allclose(lost, sulfur_sites * cumulative_trapezoid(z, cut, initial=0), atol=2e-3 * lost[-1])
    total = sol["Total lithium in cathode [mol]"].entries + sol["Total lithium in anode [mol]"].entries
    drift = np.max(np.abs(total - total[0]))
    print("drift of cathode + anode [mol]:", drift, "Li cut off:", lost[-1])
    assert drift < 1e-11 < 0.1 * lost[-1]


def test_sulfur_activation_opens_no_voids():
    """Fresh sulfur domains joining (activation) dilute the lithiation z of the sulfur in contact, -(act / f) z,
    without any domain changing its volume: the voids read the reaction's own rate, not z's. S-LMS with the
    sulfur half lithiated (z_0 = 0.5) and its reaction all but switched off (rate constant x 1e-12): 5 minutes at
    0.5C pass their charge through the host alone while activation dilutes z at 0.5 act / f = 8.9e-7 s-1. The
    open void strain rate stays at the reaction's, < 1e-5 of the dilution's would-be 6.2e-7 s-1 (measured
    3.7e-14). Catches: the voids read from the total lithiation rate with its dilution term (on S-LMS vs Li-In,
    lever rule, 0.2-0.3 % more voids per cycle at 0.5C, 0.4-0.5 % at 0.1C; mutation ``voids_read_the_dilution``)."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    values.update({"Dispersed material reaction rate constant factor": 1e-12, "Initial dispersed material lithiation": 0.5})
    experiment = pybamm.Experiment(["Discharge at 0.5C for 5 minutes"])
    sol = pybamm.Simulation(AEA(S_OPTIONS), parameter_values=values, experiment=experiment).solve()
    void = sol["Dispersed material open void strain rate [s-1]"].entries
    z = sol["Dispersed material lithiation"].entries
    f = sol["Dispersed material accessible fraction"].entries
    activation = sol["Dispersed material activation rate [s-1]"].entries
    reaction = sol["Dispersed material reaction lithiation rate [s-1]"].entries
    dilution = sol["Dispersed material lithiation rate [s-1]"].entries - reaction
    np.testing.assert_allclose(dilution, -activation / f * z, rtol=1e-9)
    # the void strain the dilution would open (a domain strain: f (volume expansion - 1) per unit of z), where
    # the stack cannot close it (the layer below the stack-held porosity)
    expansion = (values["Dispersed material density [kg.m-3]"] * values["Dispersed material lithiation mass ratio"]
                 / values["Lithiated dispersed material density [kg.m-3]"])
    would_be = activation * z * (expansion - 1)
    print("open void strain rate [s-1]:", void.max(), "the dilution's would-be:", would_be.max(),
          "porosity:", sol["Cathode local porosity"].entries.max(), "stack-held:", sol["Stack-held porosity"].entries[0])
    assert np.max(np.abs(reaction)) < 1e-12 < 1e-7 < would_be.min()
    assert sol["Cathode local porosity"].entries.max() < sol["Stack-held porosity"].entries[0] - 0.02
    assert void.max() < 1e-5 * would_be.max()


def s_lms_both_hosts(c_rate):
    """S-LMS vs Li-In with the sulfur's activation and contact loss, 2 cycles at ``c_rate`` on each host:
    {host: (solution, the cathode mesh's cell widths as fractions, for depth integrals of the local fields,
    the parameter values)}."""
    out = {}
    for host in ("multi-phase", "lever rule"):
        values = pybamm.ParameterValues("Li2021_S_Mo6S8")
        experiment = pybamm.Experiment(
            [(f"Discharge at {c_rate}C until 0.4 V", f"Charge at {c_rate}C until 2.4 V")] * 2)
        sim = pybamm.Simulation(AEA({**S_OPTIONS, "host thermodynamics": host}), parameter_values=values,
                                experiment=experiment)
        sol = sim.solve()
        assert len(sol.cycles) == 2, (host, sol.termination)
        widths = sim.mesh["positive electrode"].d_edges
        out[host] = sol, widths / widths.sum(), values
    return out


@pytest.fixture(scope="module")
def s_lms_both_hosts_half_c():
    """:func:`s_lms_both_hosts` at 0.5C: {host: (solution, cell widths)}."""
    return {host: run[:2] for host, run in s_lms_both_hosts(0.5).items()}


def test_sulfur_contact_loss_at_half_c_follows_the_sulfur_each_host_reoxidises(s_lms_both_hosts_half_c):
    """At 0.5C the multi-phase host cuts off 2.2x the sulfur the lever-rule host does per cycle (README, known
    limits), because its charge re-oxidises 2.2x the sulfur, not because the law reads the hosts differently.
    On the formed cell's cycle (the 2nd; both hosts mesh-converged: the same figures to 0.3 % on 40 cells):

    - the fraction cut off per unit of sulfur re-oxidised (the accessible fraction times the local
      delithiation by the sulfur's reaction, integrated over the depth and the cycle) is the same on both hosts
      (measured 1.306e-2 and 1.305e-2 with the contact-loss coefficient 0.0285, 2026-12-03; tolerance 3 %): the loss reads the voids the sulfur's own shrinkage leaves open, and at 0.5C no layer
      comes back to the stack-held porosity while its sulfur re-oxidises (under 2e-5 of it), on either host
      (slower it does, differently on the two: test_sulfur_reoxidised_where_the_stack_compacts_opens_no_voids);
    - the multi-phase host re-oxidises more than 1.8x the sulfur (measured 0.0484 against 0.0217 of all the
      sulfur sites) and cuts off more than 1.8x as much (6.32e-4 against 2.83e-4): its Li1 front enters from the
      separator, where the sulfur starts to give up its Li once 39 % of the charge has passed (the host there
      above the S/Li2S 2.20 V while the collector side is still at Li3), where the lever-rule host empties
      evenly and reaches Li1 only at 82 % of its charge, and its Li0 film stops it 0.02 Li later.

    Catches: the voids read from the electrode-average lithiation rate instead of the local one (the sulfur
    re-oxidised at the separator while the collector side still lithiates cancels on the multi-phase host's
    front: its loss per unit re-oxidised -12 %, the lever rule's -0.3 %; mutation
    ``contact_loss_on_the_average_sulfur_rate``). It pins the reason too: the share of the charge passed when
    the separator's sulfur starts (measured 0.39 and 0.82)."""
    per_host = {}
    for host, (sol, w) in s_lms_both_hosts_half_c.items():
        c = sol.cycles[1]
        t = c["Time [s]"].entries
        f = c["Dispersed material accessible fraction"].entries
        # the sulfur's own reaction (not the dilution of z by domains joining, which re-oxidises nothing)
        dzdt = c["Dispersed material reaction lithiation rate [s-1]"].entries  # (depth, time)
        reoxidised = np.trapezoid(f * (w @ np.maximum(-dzdt, 0)), t)
        cut = c["Dispersed material fraction lost"].entries
        charge = c.steps[1]
        q = charge["Throughput capacity [A.h]"].entries
        q = (q - q[0]) / (q[-1] - q[0])
        phi_separator = charge["Dispersed material driving force"].entries[-1]
        per_host[host] = {
            "cut off": cut[-1] - cut[0],
            "re-oxidised": reoxidised,
            "charge share when the separator's sulfur starts": q[np.argmax(phi_separator < -0.1)],
        }
    print(per_host, {h: v["cut off"] / v["re-oxidised"] for h, v in per_host.items()})
    multi, lever = per_host["multi-phase"], per_host["lever rule"]
    assert multi["cut off"] / multi["re-oxidised"] == pytest.approx(lever["cut off"] / lever["re-oxidised"], rel=0.03)
    assert multi["re-oxidised"] > 1.8 * lever["re-oxidised"]
    assert multi["cut off"] > 1.8 * lever["cut off"]
    assert multi["charge share when the separator's sulfur starts"] < 0.5 < 0.75 < lever[
        "charge share when the separator's sulfur starts"]


@pytest.fixture(scope="module")
def s_lms_both_hosts_fifth_c():
    """:func:`s_lms_both_hosts` at 0.2C."""
    return s_lms_both_hosts(0.2)


def test_sulfur_reoxidised_where_the_stack_compacts_opens_no_voids(s_lms_both_hosts_fifth_c):
    """A layer the stack compacts (its porosity back at the stack-held eps_stack, the stretch following its solids
    down) thins with its shrinking sulfur: no void stays open there, so the sulfur re-oxidised in it cuts nothing
    off. The contact loss is then the law's k_c (volume expansion - 1) f on the sulfur re-oxidised in the layers
    below eps_stack alone, and the loss per unit of *all* the sulfur re-oxidised is host-dependent where the
    hosts re-oxidise different shares of it in compacting layers. S-LMS vs Li-In at 0.2C, cycle 2 (measured
    2026-12-03, the contact-loss coefficient 0.0285; the depths, charge shares and z in session 26 with 0.027):

    - the loss is the law's on the sulfur re-oxidised below eps_stack (a layer counted compacting at
      eps > eps_stack - 1e-4): measured/law 0.978 and 0.981 (the switch turns on over the 2e-3 of porosity below
      eps_stack, where the law counts those voids partly closed);
    - the multi-phase host re-oxidises 0.36 of its sulfur in compacting layers, the lever rule 0.21: a layer is
      back at eps_stack once its solids have given back the swelling that filled its pores (the host at Li1 and
      its sulfur 0.24 below its start of charge, on both hosts), and the multi-phase sulfur starts the charge
      more lithiated (z 0.41-0.45 against 0.37-0.38), so it still holds z 0.16-0.20 then (0.13-0.14), and the
      separator's layer gets there at 31 % of the charge (50 %): its loss per unit of all
      the sulfur re-oxidised is 0.80x the lever rule's (8.17e-3 against 1.021e-2), its loss per unit re-oxidised
      below eps_stack the same (1.286e-2 on both).

    Catches: the closure switch centred on eps_stack, where the compacted layers sit (0.50 there: half of their
    sulfur's shrinkage counted as voids left open; measured/law 1.26 on the multi-phase host, 1.12 on the lever
    rule, and the loss per unit re-oxidised 0.91x the lever rule's instead of 0.80x; mutation
    ``compacted_layer_keeps_half_its_voids``)."""
    from pybamm_aea.models.submodels.volume import ConstrainedSwelling

    per_host = {}
    for host, (sol, w, values) in s_lms_both_hosts_fifth_c.items():
        c = sol.cycles[1]
        t = c["Time [s]"].entries
        f = c["Dispersed material accessible fraction"].entries
        reoxidising = np.maximum(-c["Dispersed material reaction lithiation rate [s-1]"].entries, 0)
        eps = c["Cathode local porosity"].entries
        compacting = eps > c["Stack-held porosity"].entries[0] - 1e-4
        expansion = (values["Dispersed material density [kg.m-3]"] * values["Dispersed material lithiation mass ratio"]
                     / values["Lithiated dispersed material density [kg.m-3]"])
        k_c = values["Dispersed material contact-loss coefficient"]
        cut = c["Dispersed material fraction lost"].entries
        reoxidised = np.trapezoid(f * (w @ reoxidising), t)
        below = np.trapezoid(f * (w @ (reoxidising * ~compacting)), t)
        law = k_c * (expansion - 1) * np.trapezoid(f ** 2 * (w @ (reoxidising * ~compacting)), t)
        per_host[host] = {
            "cut off": cut[-1] - cut[0],
            "measured / law": (cut[-1] - cut[0]) / law,
            "share re-oxidised compacting": 1 - below / reoxidised,
            "per unit re-oxidised": (cut[-1] - cut[0]) / reoxidised,
            "per unit re-oxidised below eps_stack": (cut[-1] - cut[0]) / below,
        }
    print(per_host, "switch width", ConstrainedSwelling.EPS_SMOOTH)
    multi, lever = per_host["multi-phase"], per_host["lever rule"]
    for host, v in per_host.items():
        assert v["measured / law"] == pytest.approx(1, abs=0.06), host
    assert multi["share re-oxidised compacting"] > lever["share re-oxidised compacting"] + 0.1
    assert multi["per unit re-oxidised below eps_stack"] == pytest.approx(lever["per unit re-oxidised below eps_stack"],
                                                                        rel=0.02)
    assert multi["per unit re-oxidised"] < 0.85 * lever["per unit re-oxidised"]


def test_sulfur_contact_loss_holds_at_the_multi_phase_solvers_tolerances(s_lms_both_hosts_fifth_c):
    """The contact loss reads the local porosity 1 - phi_s / lambda, a small difference of numbers near 1, through
    a closure switch 2e-3 of porosity wide: the stretch lambda must be right to ~1e-6, which the multi-phase
    solver's rtol 1e-4 gives only on the stretch's scaled variable (``ConstrainedSwelling.STRETCH_SCALE``). S-LMS vs
    Li-In on the multi-phase default at 0.2C: the fraction of the sulfur cut off on each of 2 cycles at the
    default tolerances is its value at rtol 1e-6 / atol 1e-8 (measured 2026-12-03, the compaction relaxing in 10 s,
    the contact-loss coefficient 0.0285: -0.17 and -0.08 %, again in session 31; tolerance 1 %).

    Catches: the stretch left unscaled for the solver (mutation ``stretch_unscaled``, which only the slow
    host-independence test caught before): +20 and +15 % when this test was written, +0.26 and -1.99 % (the second
    cycle out of 1 %) since the compacted layers' closure switch (measured in session 31: the 2 % tolerance of
    before let it pass)."""
    sol = s_lms_both_hosts_fifth_c["multi-phase"][0]
    model = AEA({**S_OPTIONS, "host thermodynamics": "multi-phase"})
    experiment = pybamm.Experiment([("Discharge at 0.2C until 0.4 V", "Charge at 0.2C until 2.4 V")] * 2)
    tight = pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("Li2021_S_Mo6S8"), experiment=experiment,
                              solver=model.default_solver_with(rtol=1e-6, atol=1e-8)).solve()

    def cut_per_cycle(solution):
        return np.array([np.ptp(c["Dispersed material fraction lost"].entries) for c in solution.cycles])

    default, reference = cut_per_cycle(sol), cut_per_cycle(tight)
    print("sulfur cut off per cycle, default tolerances:", default, "rtol 1e-6:", reference)
    assert len(default) == len(reference) == 2
    np.testing.assert_allclose(default, reference, rtol=0.01)


def test_sulfur_contact_loss_at_tenth_c_holds_at_the_multi_phase_solvers_tolerances():
    """At 0.1C more than half of the sulfur re-oxidises in layers the stack compacts, whose stretch relaxes onto the
    stack-held porosity (``ConstrainedSwelling.TAU_COMPACT``) and must stop there: below it the compaction rate is
    exactly 0. S-LMS vs Li-In on the multi-phase default at 0.1C: the fraction of the sulfur cut off on each of 2
    cycles at the default tolerances (rtol 1e-4) is its value at rtol 1e-6 / atol 1e-8 (measured 2026-12-03, the
    contact-loss coefficient 0.0285: -0.22 and -0.24 %; -0.15 and -0.19 % with 0.027; tolerance 1 %).

    Catches: the compaction relaxing in 1 s, as the swelling does (IDA's higher-order BDF steps, ~30 s, carried
    the stretch of a layer just back at the stack-held porosity 1.7e-2 of porosity past it, reopening voids on
    sulfur already given back: +0.5 and +3.9 %; mutation ``compaction_relaxes_in_one_second``)."""
    model = AEA({**S_OPTIONS, "host thermodynamics": "multi-phase"})
    experiment = pybamm.Experiment([("Discharge at 0.1C until 0.4 V", "Charge at 0.1C until 2.4 V")] * 2)

    def cut_per_cycle(solver):
        solution = pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("Li2021_S_Mo6S8"),
                                     experiment=experiment, solver=solver).solve()
        assert len(solution.cycles) == 2, solution.termination
        return np.array([np.ptp(c["Dispersed material fraction lost"].entries) for c in solution.cycles])

    default, reference = cut_per_cycle(model.default_solver), cut_per_cycle(model.default_solver_with(rtol=1e-6,
                                                                                                       atol=1e-8))
    print("sulfur cut off per cycle at 0.1C, default tolerances:", default, "rtol 1e-6:", reference)
    assert reference.min() > 1e-3
    np.testing.assert_allclose(default, reference, rtol=0.01)


@pytest.mark.parametrize("anode, constant", [
    ("lithium metal", "Li metal anode interphase growth constant [m2.s-1]"),
    ("Li-In", "Li-In anode interphase growth constant [m2.s-1]"),
], ids=["lithium metal", "Li-In"])
def test_interphases_thicken_parabolically_with_their_own_constants(anode, constant):
    """At rest (10 h, LMS, option "parabolic"), dL/dt = k / L from L_0 gives L^2 = L_0^2 + 2 k t on each side,
    with the anode's constant the one its parameter names (Li metal 3.5e-22, Li-In 3.5e-24 m2/s: 5.1 and
    1.12 nm) and the cathode's (0 in the paper cell's set). Measured within 5e-4. Catches: the Li-In and Li metal
    constants swapped (li_in_interphase_uses_li_metal_constant), the factor 2 left out (L^2 = L_0^2 + k t),
    a linear law."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    model = AEA({"interphase growth": "parabolic", "anode": anode})
    sol = pybamm.Simulation(model, parameter_values=values, experiment=pybamm.Experiment(["Rest for 10 hours"])).solve()
    t = sol["Time [s]"].entries
    L_0 = values["Initial interphase thickness [m]"]
    for side, k in (("Anode", values[constant]), ("Cathode", values["Cathode interphase growth constant [m2.s-1]"])):
        L = sol[f"{side} interphase thickness [m]"].entries
        print(anode, side, "interphase after 10 h [m]:", L[-1])
        np.testing.assert_allclose(L, np.sqrt(L_0**2 + 2 * k * t), rtol=2e-3)
    assert sol["Anode interphase thickness [m]"].entries[-1] > 1.1 * L_0


def test_interphase_growth_has_no_temperature_dependence():
    """The interphase constants are one number at every temperature (docs/known_limits.rst, an assumption: no
    measured activation energy of sulfide-electrolyte interphase growth found): at 25 C, 45 K below the paper's
    70 C, a 10 h rest grows both interphases by the same closed form L^2 = L_0^2 + 2 k t as at 70 C
    (test_interphases_thicken_parabolically_with_their_own_constants) and their resistance is (L_c + L_a) / sigma
    with the set's sigma. An Arrhenius factor added to a constant fails here until the docs say so
    (interphase_growth_made_arrhenius)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Ambient temperature [K]": 298.15})
    model = AEA({"interphase growth": "parabolic"})
    sol = pybamm.Simulation(model, parameter_values=values, experiment=pybamm.Experiment(["Rest for 10 hours"])).solve()
    t = sol["Time [s]"].entries
    L_0 = values["Initial interphase thickness [m]"]
    L_a = sol["Anode interphase thickness [m]"].entries
    np.testing.assert_allclose(L_a, np.sqrt(L_0**2 + 2 * values["Li metal anode interphase growth constant [m2.s-1]"] * t),
                               rtol=2e-3)
    assert L_a[-1] > 1.1 * L_0
    L_c = sol["Cathode interphase thickness [m]"].entries
    np.testing.assert_allclose(sol["Interphase resistance [Ohm.m2]"].entries,
                               (L_a + L_c) / values["Interphase ionic conductivity [S.m-1]"], rtol=1e-9)


def test_interphase_overpotential_is_the_current_times_its_resistance():
    """The same LTS discharge (1 h at 0.5C) with and without parabolic interphase growth: the interphases
    change no Li content, so the voltages differ by i (L_c + L_a) / sigma, with L from the parabolic law's
    closed form (measured within 5e-4 of the 3.6-5.2 mV drop). Catches: the interphase overpotential with the
    wrong sign (it would raise the discharge voltage), one side's film left out or counted twice, and a
    resistance read as L sigma."""
    solutions = {}
    values = pybamm.ParameterValues("Li2021_TiS2")
    for option in ("none", "parabolic"):
        experiment = pybamm.Experiment(["Discharge at 0.5C for 60 minutes"])
        solutions[option] = pybamm.Simulation(AEA({"interphase growth": option}), parameter_values=values,
                                              experiment=experiment).solve()
    t = np.linspace(0, 3600, 61)
    drop = solutions["none"]["Voltage [V]"](t) - solutions["parabolic"]["Voltage [V]"](t)
    area = values["Electrode width [m]"] * values["Electrode height [m]"]
    i = solutions["parabolic"]["Current [A]"](t) / area
    L_0 = values["Initial interphase thickness [m]"]
    L_c = np.sqrt(L_0**2 + 2 * values["Cathode interphase growth constant [m2.s-1]"] * t)
    L_a = np.sqrt(L_0**2 + 2 * values["Li metal anode interphase growth constant [m2.s-1]"] * t)
    expected = i * (L_c + L_a) / values["Interphase ionic conductivity [S.m-1]"]
    print("interphase drop [V] at 0, 30 and 60 min:", drop[[0, 30, 60]], "i R:", expected[[0, 30, 60]])
    assert expected[-1] > 1e-3
    np.testing.assert_allclose(drop, expected, rtol=2e-3)


# --------------------------------------------------------------------- a degradation option without its rates
def _rate_warnings(said):
    from pybamm_aea.models.checks import DegradationWithoutRateWarning

    return [str(w.message) for w in said if issubclass(w.category, DegradationWithoutRateWarning)]


def test_a_degradation_option_without_its_rates_warns_once_naming_what_to_set():
    """"Li trapping": "irreversible" on Li2021_Mo6S8, whose trapping fractions are 0: 50 CCCV cycles lost 0.0 mol of Li
    without a word (a user's trial, session 45). Parameterising the model (an experiment of two steps: PyBaMM
    parameterises a copy of the model per step, each with a copy of the values) warns once, naming the option, the
    two parameters at 0 and the set that gives them (Li2021_TiS2's fit). The trapped Li is 0 all the same."""
    import warnings

    from pybamm_aea.parameters import registered_values

    experiment = pybamm.Experiment([("Discharge at 1C for 2 minutes", "Rest for 1 minute")])
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        sol = pybamm.Simulation(AEA({"Li trapping": "irreversible"}), parameter_values=pybamm.ParameterValues(
            "Li2021_Mo6S8"), experiment=experiment).solve()
    (message,) = _rate_warnings(said)
    assert message.startswith("option 'Li trapping': 'irreversible' does nothing with these parameter values: they "
                              "give 'Li trapping fraction' and 'Initial Li trapping fraction' 0"), message
    tis2 = registered_values("Li2021_TiS2")
    fit = f"{tis2['Li trapping fraction']:g}, {tis2['Initial Li trapping fraction']:g}"
    assert message.endswith(f"the registered sets that give them: Li2021_TiS2 ({fit})"), message
    assert float(np.max(np.abs(sol["Lost lithium to trapping [mol]"].entries))) == 0.0


def test_a_degradation_rate_given_or_an_input_is_not_warned_about():
    """The set that gives the rates (Li2021_TiS2) and a rate given as an input (varied on purpose, 0 a comparison's
    baseline; its value not known when the model is parameterised) give no warning; a rate given as the number 0 over
    a set's own does (the lever rule's host-loss coefficient on Li2021_Mo6S8)."""
    import warnings

    def said_for(set_name, options, updates=None):
        values = pybamm.ParameterValues(set_name)
        values.update(updates or {})
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            values.process_model(AEA(options))
        return _rate_warnings(said)

    assert said_for("Li2021_TiS2", {"Li trapping": "irreversible"}) == []
    assert said_for("Li2021_Mo6S8", {"Li trapping": "irreversible"}, {"Li trapping fraction": "[input]"}) == []
    lever = {"host thermodynamics": "lever rule", "ionic-switch host loss": "persistent Li0"}
    assert said_for("Li2021_Mo6S8", lever) == []
    (message,) = said_for("Li2021_Mo6S8", lever, {"Ionic-switch host loss coefficient": 0.0})
    fit = pybamm.ParameterValues("Li2021_Mo6S8")["Ionic-switch host loss coefficient"]
    assert "'Ionic-switch host loss coefficient' 0" in message and f"Li2021_Mo6S8 ({fit:g})" in message, message


def test_a_set_warns_only_for_options_it_does_not_fit_and_names_only_sets_that_give_the_rates():
    """Over every registered set, option of :data:`DEGRADATION_RATES` and host, facts that do not restate the sets'
    values (session 46 typed the table of which set warns for which option, a fact written twice): a set never warns
    for an option it calibrates (its :data:`SET_FACTS` ``degradation``); a set that warns is never among the message's
    "registered sets that give them"; every set named there gives one of the rates a value not 0."""
    import re
    import warnings

    from pybamm_aea.models.aea import AEAOptions
    from pybamm_aea.models.checks import DEGRADATION_RATES, warn_degradation_without_rate
    from pybamm_aea.parameters import SET_FACTS, registered_values

    warned = named = 0
    for set_name, set_facts in SET_FACTS.items():
        values = registered_values(set_name)
        for (option, value) in DEGRADATION_RATES:
            for host in ("multi-phase", "lever rule"):
                with warnings.catch_warnings(record=True) as said:
                    warnings.simplefilter("always")
                    warn_degradation_without_rate(AEAOptions({option: value, "host thermodynamics": host}), values)
                messages = _rate_warnings(said)
                if not messages:
                    continue
                (message,) = messages
                warned += 1
                assert set_facts.degradation.get(option) != value, (set_name, option, host, message)
                rates = re.findall(r"'([^']+)'", message[message.index("they give"):message.index(" 0, so")])
                listed = message.partition("the registered sets that give them: ")[2]
                for given in re.findall(r"(\w+) \(", listed):
                    named += 1
                    assert given != set_name, message
                    assert any(registered_values(given)[rate] != 0 for rate in rates), (given, rates, message)
    assert warned and named, (warned, named)


def test_interphase_growth_with_its_growth_constants_0_still_acts_and_is_not_warned_about():
    """"interphase growth" with both growth constants 0 keeps its two films at "Initial interphase thickness [m]":
    a constant resistance in series, i 2 L_0 / sigma (Li2021_Mo6S8 at 0.1C: 0.386 mV, 2.20587 V against 2.20626 V
    with the option off at 10 s), so the option is not one that does nothing. Session 46's warning said it was ("runs
    as with the option off"), for either law."""
    import warnings

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode interphase growth constant [m2.s-1]": 0.0,
                   "Cathode interphase window growth constant [m2.s-1]": 0.0,
                   "Li metal anode interphase growth constant [m2.s-1]": 0.0})
    for option in ("parabolic", "stability window"):
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            values.copy().process_model(AEA({"interphase growth": option}))
        assert _rate_warnings(said) == [], option
    experiment = pybamm.Experiment(["Discharge at 0.1C for 10 seconds"])
    sol = pybamm.Simulation(AEA({"interphase growth": "parabolic"}), parameter_values=values,
                            experiment=experiment).solve()
    area = values["Electrode width [m]"] * values["Electrode height [m]"]
    expected = (sol["Current [A]"].entries / area * 2 * values["Initial interphase thickness [m]"]
                / values["Interphase ionic conductivity [S.m-1]"])
    print("interphase drop [V]:", sol["Interphase overpotential [V]"].entries[-1], "i 2 L_0 / sigma:", expected[-1])
    assert expected[-1] > 1e-4
    np.testing.assert_allclose(sol["Interphase overpotential [V]"].entries, expected, rtol=1e-9)
    np.testing.assert_allclose(sol["Cathode interphase thickness [m]"].entries,
                               values["Initial interphase thickness [m]"], rtol=1e-12)


def test_a_set_giving_a_rate_as_a_function_or_an_input_is_named_with_what_it_gives(monkeypatch):
    """A registered set whose values give a rate as a function or an input (a made-up set here) is named among the
    sets that give the rates, with 'a function' / 'an input' in place of the number: the warning's f'{value:g}' raised
    TypeError on it (session 46), so the model could not be parameterised at all."""
    import warnings

    import pybamm_aea.parameters as parameters
    from pybamm_aea.models import checks
    from pybamm_aea.models.aea import AEAOptions

    real = parameters.registered_values
    made_up = {"Li2021_TiS2": {"Li trapping fraction": lambda T: 0.0064},
               "AEA_LiCoO2": {"Initial Li trapping fraction": "[input]", "Li trapping fraction": 0.01}}

    def registered_values(name):
        values = real(name)
        values.update(made_up.get(name, {}))
        return values

    monkeypatch.setattr(parameters, "registered_values", registered_values)
    monkeypatch.setattr(checks, "_SETS_GIVING", {})
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        checks.warn_degradation_without_rate(AEAOptions({"Li trapping": "irreversible"}), real("Li2021_Mo6S8"))
    (message,) = _rate_warnings(said)
    initial = real("Li2021_TiS2")["Initial Li trapping fraction"]
    assert message.endswith(f"the registered sets that give them: Li2021_TiS2 (a function, {initial:g}), "
                            "AEA_LiCoO2 (0.01, an input)"), message


def test_the_charge_judgement_reads_the_free_content_of_a_host_with_trapped_li_and_host_loss():
    """The interior-Li0 charge check (switch_check.interior_li0_charge_warning) reads each charge's host content from
    the solver's states. On LMS with "Li trapping" and "ionic-switch host loss" it raised NotImplementedError (a
    sparse array plus a scalar, the content's expression evaluated on the state matrix) or read a 2-D shape it could
    not judge ("truth value ... ambiguous"), so every solve of that model failed (session 47). Now it is the
    model's own "Cathode free Li content" (the free window the host's phases are read on; the total with trapped Li
    is not) evaluated on the step's dense states: the same numbers as the step's variable, cells x times."""
    from pybamm_aea.switch_check import _content_history

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    tis2 = pybamm.ParameterValues("Li2021_TiS2")
    values.update({name: tis2[name] for name in TIS2_TRAPPING})
    model = AEA({"Li trapping": "irreversible", "ionic-switch host loss": "persistent Li0"})
    experiment = pybamm.Experiment([("Discharge at 1C until 1.8 V", "Charge at 1C until 2.8 V")])
    sol = pybamm.Simulation(model, parameter_values=values, experiment=experiment).solve()
    charge = sol.cycles[0].steps[1]
    x = _content_history(charge)
    free = charge["Cathode free Li content"].entries
    assert x.shape == free.shape == (20, charge.t.size)
    np.testing.assert_allclose(x, free, rtol=1e-12, atol=1e-14)
    assert np.max(np.abs(charge["Cathode Li content"].entries - free)) > 1e-3  # (trapped Li: total and free differ)
