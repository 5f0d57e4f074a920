"""Cycle life of AEA cells against Li et al. 2021 (0.1C, 70 C), and the degradation options.

Paper: LMS 89 % after 50 cycles vs the 2nd (tolerance 3 points); LTS fading faster than LMS;
S-LMS vs Li-In 76 % after 120 cycles vs cycle 30 (5 points), rising up to cycle 30; LTO-LMS the
most stable of the hybrids.
"""
import numpy as np
import pybamm
import pytest

from pybamm_aea.cycling import cycle_summary
from pybamm_aea.models.aea import AEA
from pybamm_aea.phases import MO6S8_PHASE_FIELD_WINDOWS

pytestmark = pytest.mark.slow  # cycle-life and hybrid simulations: the whole module

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


#: S-LMS vs Li-In with the sulfur's activation and contact loss. The 120-cycle runs pin the
#: lever-rule host (5-8x cheaper than the multi-phase default): the mechanism is the dispersed
#: material's, and test_dispersed_material_degradation_is_host_independent shows on a short run
#: that both hosts give it the same activation, contact loss and relative capacity
S_OPTIONS = {
    "anode": "Li-In",
    "dispersed material degradation": "activation and contact loss",
    "host thermodynamics": "lever rule",
}


@pytest.fixture(scope="module")
def s_lms_li_in():
    return cycle("Li2021_S_Mo6S8", 120, 0.4, 2.4, S_OPTIONS, reference_cycle=30)


def discharge_capacities(solution):
    """Discharge capacity of each cycle's first step [A.h] (from the capacity counter, so that it
    does not read the voltage)."""
    return np.array([np.ptp(c.steps[0]["Discharge capacity [A.h]"].entries) for c in solution.cycles])


@pytest.mark.slow
@pytest.mark.prediction
def test_dispersed_material_degradation_is_host_independent():
    """The sulfur's activation and contact loss on both hosts (S-LMS vs Li-In, 0.1C, 7 cycles), the
    check that lets the 120-cycle tests pin the lever rule. What they read agrees:

    - the accessible fraction (activation minus loss) within 0.2 % and the capacity relative to
      cycle 2 within 0.5 points: activation is driven by the charge passed, which both hosts pass
      alike (first discharges within 1 %, test_host_phase_field);
    - the fraction cut off per cycle within 4 %: the multi-phase charge re-oxidises the sulfur
      fully (z -> 0 against 0.008 on the lever rule, whose host stops at Li1 on its fitted film),
      so its domains swing a little more and open a little more void (measured: +1.9 % per cycle
      after the first, +2.3 % in all after 7 cycles; before the stretch's solver scale,
      ``ConstrainedSwelling.STRETCH_SCALE``, the solver's error on the porosity added 5-12 %).
      On the 76 % retention after 120 cycles (24 points of loss) that is ~0.5 point, inside the
      paper's 5-point tolerance of the fit.

    Catches: a contact loss or an activation that reads the host's state (its Li content, its
    film) instead of the dispersed material's strain and the charge passed.
    """
    out = {}
    for host in ("multi-phase", "lever rule"):
        values = pybamm.ParameterValues("Li2021_S_Mo6S8")
        experiment = pybamm.Experiment([("Discharge at 0.1C until 0.4 V", "Charge at 0.1C until 2.4 V")] * 7)
        model = AEA({**S_OPTIONS, "host thermodynamics": host})
        sol = pybamm.Simulation(model, parameter_values=values, experiment=experiment).solve()
        assert len(sol.cycles) == 7, (host, sol.termination)
        q = discharge_capacities(sol)
        out[host] = {
            "relative capacity": q / q[1],
            "accessible": np.array([c["Dispersed material accessible fraction"].entries[-1] for c in sol.cycles]),
            "lost": np.array([c["Dispersed material fraction lost"].entries[-1] for c in sol.cycles]),
        }
    print({h: {k: np.round(v, 5) for k, v in o.items()} for h, o in out.items()})
    multi, lever = out["multi-phase"], out["lever rule"]
    np.testing.assert_allclose(multi["accessible"], lever["accessible"], rtol=2e-3)
    np.testing.assert_allclose(multi["relative capacity"][1:], lever["relative capacity"][1:], atol=5e-3)
    # the loss per cycle after the first within 4 % (measured +1.9 %), the first cycle's within 10 %
    # (measured +5 %: the pristine multi-phase host fills through a Li0/Li1 front)
    np.testing.assert_allclose(multi["lost"][1:] - multi["lost"][0], lever["lost"][1:] - lever["lost"][0], rtol=0.04)
    assert multi["lost"][0] == pytest.approx(lever["lost"][0], rel=0.1)
    # and the sulfur rises on both (activation outpaces the loss before cycle 30, Fig. 5d)
    assert np.all(np.diff(multi["relative capacity"][1:]) > 0)


@pytest.mark.fit
def test_lms_retention_after_50_cycles(lms):
    """Fit (Li2021_Mo6S8.FIT_PERSISTENT_LI0, one figure): the fraction of the Li0 formed at each end
    of charge that persists as isolated Mo6S8, to the paper's 89 % after 50 cycles vs the 2nd (0.1C,
    70 C, Li metal); the multi-phase host gives 88.1 % with 0.02 (87.9 % with
    linear Li1 and Li3 windows). Predicted from it: the Li-In cell
    (test_persistent_li0_fade_is_the_cathodes_on_li_in) and LTO-LMS (test_lto_lms_is_the_most_stable_hybrid)."""
    assert lms[RET].loc[50] == pytest.approx(89, abs=3)
    # the fade is carried by host isolated behind the ionic switch
    assert lms["Lost active material [%]"].loc[50] > 5


#: the Li-In alloy's potential vs Li [V] (paper: 0.62 V; the LMS window 1.8-2.8 V vs Li shifted down)
LI_IN = 0.62


@pytest.fixture(scope="module")
def lms_li_in():
    """LMS vs Li-In, 50 cycles at 0.1C, 70 C, persistent Li0 on the (default) multi-phase host."""
    return cycle("Li2021_Mo6S8", 50, 1.8 - LI_IN, 2.8 - LI_IN,
                 {"anode": "Li-In", "ionic-switch host loss": "persistent Li0"})


@pytest.mark.prediction
def test_persistent_li0_fade_is_the_cathodes_on_li_in(lms, lms_li_in):
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
    assert summary[RET].loc[50] == pytest.approx(lms[RET].loc[50], abs=1.5)
    assert summary["Lost active material [%]"].loc[50] == pytest.approx(lms["Lost active material [%]"].loc[50], rel=0.1)


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
    F = 96485.33212
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


@pytest.mark.fit
def test_lever_rule_host_loss_keeps_its_fit():
    """The reduced host (option "host thermodynamics": "lever rule") keeps its own fit of the same
    figure ("Ionic-switch host loss coefficient" 7.0: 89 % after 50 cycles). Its loss is driven by
    the Li0 surface film's growth current, a film whose Li the lever-rule host also counts in its
    content (issue 11, point 6): a fit for the option's speed, not a mechanism; the multi-phase
    default derives the loss from the Li0 phase it forms."""
    summary, _ = cycle("Li2021_Mo6S8", 50, 1.8, 2.8,
                       {"ionic-switch host loss": "persistent Li0", "host thermodynamics": "lever rule"})
    assert summary[RET].loc[50] == pytest.approx(89, abs=3)
    assert summary["Lost active material [%]"].loc[50] > 5


@pytest.mark.fit
def test_lts_fades_faster_than_lms(lms):
    lts, _ = cycle("Li2021_TiS2", 50, 1.0, 3.0, {"Li trapping": "irreversible"})
    assert lts[RET].loc[50] < lms[RET].loc[50] - 3
    # the first cycle traps about 0.1 Li per TiS2 (the paper's Li0.1TiS2, 25 mAh/g gap)
    gap = lts[ESC].loc[1] - lts[ESC].loc[2]
    assert gap == pytest.approx(25, abs=8)
    assert lts["Lost lithium [mol]"].is_monotonic_increasing


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
def test_s_lms_li_in_rises_to_cycle_30_then_fades(s_lms_li_in):
    """Fit: the contact-loss coefficient to 76 % (cycle 120 vs 30, 360 MPa); activation to the rise."""
    summary, _ = s_lms_li_in
    assert summary[RET].loc[120] == pytest.approx(76, abs=5)
    assert summary[ESC].loc[30] > 1.1 * summary[ESC].loc[3]
    assert summary[ESC].loc[30] > summary[ESC].loc[60] > summary[ESC].loc[120]


@pytest.mark.slow
@pytest.mark.prediction
def test_lto_lms_is_the_most_stable_hybrid(s_lms_li_in):
    """LTO-LMS keeps > 10 points more of its cycle-30 capacity after 120 cycles than S-LMS (paper:
    the zero-strain Li4Ti5O12 hybrid is the stable one). Li4Ti5O12 (-0.2 % volume) opens no voids,
    so its contact loss vanishes; what fades is the host, through the persistent Li0 fraction
    fitted on the LMS cell, here predicted on another electrode. It runs on the multi-phase
    default: the persistent-Li0 loss is the host's own mechanism (no lever-rule pin).
    """
    summary, _ = s_lms_li_in
    options = {
        "anode": "Li-In",
        "dispersed material degradation": "activation and contact loss",
        "ionic-switch host loss": "persistent Li0",
    }
    lto, _ = cycle("Li2021_LTO_Mo6S8", 120, 0.4, 2.4, options, reference_cycle=30)
    print("retention after 120 cycles vs 30 [%]: LTO-LMS", lto[RET].loc[120], "S-LMS", summary[RET].loc[120])
    assert lto[RET].loc[120] > summary[RET].loc[120] + 10


@pytest.mark.slow
@pytest.mark.prediction
def test_retention_rises_with_stack_pressure(s_lms_li_in):
    """180 < 360 < 720 MPa after 120 cycles: only the 360 MPa figure was fitted.

    Voids opened around shrinking Li2S close only where the stack can compact the electrode
    (Heckel), i.e. below eps_stack = eps0 exp(-K (P - P_fab)); the rest is lost contact.
    """
    ret = {360.0: s_lms_li_in[0][RET].loc[120]}
    for pressure in (180.0, 720.0):
        summary, _ = cycle("Li2021_S_Mo6S8", 120, 0.4, 2.4, S_OPTIONS, 30, {"Stack pressure [MPa]": pressure})
        ret[pressure] = summary[RET].loc[120]
    assert ret[180.0] < ret[360.0] - 2 < ret[720.0] - 4


@pytest.mark.slow
@pytest.mark.prediction
def test_porous_electrode_loses_more_contact(s_lms_li_in):
    """The 30 %-porosity S-LMS electrode (pressed and held at the pressure Table S8 gives for 30 %).

    Its pores take the whole S8 -> Li2S swelling, so it does not thicken; but the low pressure
    that made it cannot compact it, so every void the shrinking Li2S opens stays open: it loses
    much of its sulfur in the first cycles and ends with less capacity than the paper's 8.2 %
    electrode, which supports the paper's dense electrode. Its retention *relative to cycle 30*
    is higher (about 89 %) only because most of its loss comes before cycle 30.
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


def test_li_in_interphase_is_more_stable_than_li_metal():
    options = {"interphase growth": "parabolic"}
    li, sol_li = cycle("Li2021_Mo6S8", 30, 1.8, 2.8, options)
    li_in, sol_in = cycle("Li2021_Mo6S8", 30, 1.2, 2.2, dict(options, anode="Li-In"))
    R_li = sol_li["Interphase resistance [Ohm.m2]"].entries[-1]
    R_in = sol_in["Interphase resistance [Ohm.m2]"].entries[-1]
    assert R_li > 5 * R_in
    assert li["Resistance [Ohm]"].iloc[-1] > li["Resistance [Ohm]"].iloc[1]


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
    F = 96485.33212
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
    # the isolated host books only its Li0 content (0.02 Li per formula unit, 2.8e-11 mol here) and
    # leaves the rest of its Li to the active host: that Li (the host isolated times its average
    # content, which a dropped or doubled enrichment would lose or add) is above 10 atol
    x_0 = MO6S8_PHASE_FIELD_WINDOWS[0][1]
    a_h = sol["Cathode host active fraction"].entries
    host_units = sol["Total lithium in cathode host [mol]"].entries[0] / sol["Average cathode Li content"].entries[0]
    kept = (1 - a_h[-1]) * host_units * (sol["Average cathode Li content"].entries[-1] - x_0)
    assert kept > 10 * atol
    assert sol["Lost lithium in isolated host [mol]"].entries[-1] == pytest.approx(x_0 * (1 - a_h[-1]) * host_units, rel=0.01)


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
    F, R = 96485.33212, 8.314462618
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


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=(
    "known limit (README): at 3.0 V the surface of LixTiS2 holds 2.3e-4 of its free window, and after 10 cycles "
    "of 50x trapping that is x - x_trap = 2.4e-5 Li, the difference of two solver states (x = 0.895, x_trap = "
    "0.895) each resolved to rtol |x| = 9e-5 at the multi-phase host's default rtol 1e-4: the hold's voltage on "
    "IDA's interpolant between two steps reaches the maximum-voltage event (cut-off + 1 V) and the experiment "
    "stops; cycle 9 (3.1e-5 Li) still holds"))
def test_a_hold_at_the_cut_off_of_a_faded_lts_cell_completes():
    done, free = _faded_lts_cccv()
    assert free == pytest.approx(2.45e-5, rel=0.05)
    assert done == 10


def test_a_hold_at_the_cut_off_of_a_faded_lts_cell_completes_at_tight_tolerances():
    """The same 50x-faded LTS CCCV cycles complete with every hold ending on its C/50 cut-off at rtol 1e-6,
    where the free surface content at 3.0 V (2.4e-5 Li after 10 cycles) is 27x the tolerance on x (rtol |x| + atol =
    9e-7): what the xfail above lacks is the solver's resolution of x - x_trap, not a model fault."""
    done, free = _faded_lts_cccv(AEA().default_solver_with(rtol=1e-6, atol=1e-8))
    assert free == pytest.approx(2.45e-5, rel=0.05)
    assert done == 10
