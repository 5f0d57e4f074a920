"""The AEA cell model against the paper (Li et al., Adv. Mater. 2021) and physical limits.

Tolerances: plateau voltages within 50 mV (issue), capacities within 10 % of the paper's
numbers unless stated, conservation to solver tolerance.
"""
import re
import warnings

import numpy as np
import pybamm
import pytest

import pybamm_aea
from pybamm_aea.constants import F
from pybamm_aea.energy import get_material
from pybamm_aea.models.aea import AEA
from pybamm_aea.models.experiment_checks import (FirstStepLossesWarning, LaterStepSkippedWarning,
                                                StartOutsideWindowWarning)
from pybamm_aea.parameters import Li2021_Mo6S8
from pybamm_aea.parameters.paper_cell import LI_IN_PLATEAU, li_in_window
from pybamm_aea.readout import electrode_mass_volume
from pybamm_aea.sweep.config import rescaled_nominal


def run(parameter_set, steps, options=None, updates=None, var_pts=None):
    values = pybamm.ParameterValues(parameter_set)
    if updates:
        values.update(updates)
    model = AEA(options)
    sim = pybamm.Simulation(
        model, parameter_values=values, experiment=pybamm.Experiment(steps), var_pts=var_pts
    )
    return sim.solve(), values


def step_capacity_mAh_g(step, mass_g=None):
    """A step's capacity [mA.h] per ``mass_g`` [g] of electrode (the model's electrode mass if None)."""
    Q = step["Discharge capacity [A.h]"].entries
    return abs(Q[-1] - Q[0]) * 1e3 / (electrode_mass_volume(step)[0] if mass_g is None else mass_g)


def warned(model, values, *steps):
    """The StartOutsideWindowWarning texts, joined, of ``model`` solved with ``values`` through one cycle of
    ``steps``; a test failure if it does not warn."""
    with pytest.warns(StartOutsideWindowWarning) as record:
        pybamm.Simulation(model, parameter_values=values, experiment=pybamm.Experiment([steps])).solve()
    return " ".join(str(w.message) for w in record if issubclass(w.category, StartOutsideWindowWarning))


def all_steps(solution):
    return [s for c in solution.cycles for s in c.steps]


LMS_CYCLE = [
    "Discharge at 0.1C until 1.8 V",
    "Charge at 0.1C until 2.8 V",
    "Discharge at 0.1C until 1.8 V",
]


@pytest.fixture(scope="module")
def lms():
    sol, _ = run("Li2021_Mo6S8", LMS_CYCLE)
    return all_steps(sol)


#: the reduced host (the lever-rule option), for the tests of its own fitted mechanisms
LEVER = {"host thermodynamics": "lever rule"}


@pytest.fixture(scope="module")
def lms_lever():
    sol, _ = run("Li2021_Mo6S8", LMS_CYCLE, options=LEVER)
    return all_steps(sol)


@pytest.mark.slow
@pytest.mark.fit
def test_lms_first_discharge_and_reversible_capacity(lms_lever, readme_figure):
    """The reduced host: film onset fitted to the reversible capacity (see Li0SurfaceFilm)."""
    first, charge, second = lms_lever
    # the paper's 130 (less 8) up to the 4-Li ceiling F x 4 / M of the host (128.8 mA.h/g), not 130 + 10 %
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    ceiling = F * values["Cathode maximum Li content"] / values["Cathode host molar mass [kg.mol-1]"] / 3600
    assert 130 - 8 <= step_capacity_mAh_g(first) <= ceiling * (1 + 1e-6)
    assert step_capacity_mAh_g(second) == pytest.approx(90, rel=0.10)
    # first minus reversible ~ the 35 mAh/g the paper ascribes to "pre-lithiation" (one Li)
    gap = step_capacity_mAh_g(first) - step_capacity_mAh_g(second)
    assert gap == pytest.approx(35, abs=8)
    # the README's lever-rule figures, read from it, to their stated digits (its table of what the model reproduces):
    # a solver build or a model change that moves them fails here
    assert step_capacity_mAh_g(first) == readme_figure("| 130 mAh/g | {} (lever rule); ").approx()
    assert step_capacity_mAh_g(second) == readme_figure("| 90 mAh/g | {} (lever rule, x = ").approx()
    assert charge["Average cathode Li content"].entries[-1] == readme_figure(
        "| 90 mAh/g | {_} (lever rule, x = {} after charge").approx()


@pytest.mark.slow
def test_lms_discharge_plateaus(lms):
    _, _, second = lms
    first = lms[0]
    x = first["Average cathode Li content"].entries
    V = first["Voltage [V]"].entries
    upper = V[(x > 0.2) & (x < 0.8)]
    lower = V[(x > 1.5) & (x < 3.5)]
    assert np.median(upper) == pytest.approx(2.30, abs=0.05)
    assert np.median(lower) == pytest.approx(2.05, abs=0.05)


@pytest.mark.slow
def test_lever_rule_host_agrees_with_the_multi_phase_host(lms, lms_lever):
    """Where both apply (first discharge: plateaus and capacity) the reduced host matches."""
    sol, _ = run("Li2021_Mo6S8", LMS_CYCLE[:1], options={"host thermodynamics": "multi-phase"})
    q = [step_capacity_mAh_g(run_[0]) for run_ in (all_steps(sol), lms_lever)]
    assert q[0] == pytest.approx(q[1], rel=0.02)
    for run_ in (all_steps(sol), lms_lever):
        x = run_[0]["Average cathode Li content"].entries
        V = run_[0]["Voltage [V]"].entries
        assert np.median(V[(x > 0.2) & (x < 0.8)]) == pytest.approx(2.30, abs=0.05)


def _lms_initial_transport(host, x0, porosity, T=None):
    """The transport variables of a uniform LixMo6S8 electrode at Li content ``x0`` on ``host``, at t = 0 (one
    number each, checked the same at every node: the electrode is uniform), the set's 70 C unless ``T`` [K]."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Initial cathode Li content": x0, "Cathode porosity": porosity})
    if T is not None:
        values.update({"Ambient temperature [K]": T})
    sol = pybamm.Simulation(AEA({"host thermodynamics": host}), parameter_values=values).solve([0, 1])
    names = ("Cathode Li content", "Cathode Li diffusivity [m2.s-1]", "Cathode chemical diffusivity [m2.s-1]",
             "Cathode effective Li diffusivity [m2.s-1]")
    # each host its own mesh (10 and 20 cells): the uniform state's one value, checked uniform
    state = {k: sol[k].entries[:, 0] for k in names}
    for k, v in state.items():
        np.testing.assert_allclose(v, v[0], rtol=1e-9, err_msg=k)
    return {k: v[0] for k, v in state.items()}


@pytest.mark.parametrize("x0, T", [(1.0, 343.15), (3.0, 298.15)], ids=["Li1 at 70 C", "Li3 at 25 C"])
def test_lever_rule_host_diffuses_at_the_multi_phase_hosts_pitt_diffusivity(x0, T):
    """Both hosts carry Fig. S1's PITT chemical diffusivity where PITT measured it, in a single phase at its
    stoichiometric composition (Li1, Li3): the lever rule's D(x) (``mo6s8_diffusivity``, read from the table) and
    the multi-phase host's D = B |dU_h/dx| (the phases' mobility, from the same table through ``_pitt_diffusivity``)
    are two code paths to one measured number. The two hosts' first discharges of the paper's 1.5 mg/cm2 cell
    agree (128.48 against 128.15 mAh/g at 1C, 70 C, measured 2026-12-03) and barely see the lever rule's D (its
    diffusion time there is seconds): 126.95 with D 100x too small, no sharper than the hosts' own difference.

    Why a state and not a capacity: where transport limits, the two hosts are different physics (a two-phase
    front through Li1 at 1.8e-8 cm2/s on the multi-phase host, a log-interpolated D on the lever rule) and their
    capacities differ far more than any unit slip could be seen against: Fig. S4's 13.91 mg/cm2 electrode from
    Li1 at 0.5C, 70 C, 95.5 mAh/g on the lever rule against 47.5 on the default (measured 2026-12-03).

    Measured (session 39): Li1 at 70 C 1.8e-12 m2/s on both, Li3 at 25 C 2.00445e-12 on both (the lever rule's Darken
    end factor is 1 below Fig. S1's 1.8 V point; before session 39 1 + 4.4e-7 and 1 + 1.2e-5: 1.8000008e-12 and
    2.00447e-12, 2026-12-03); tolerance 1e-4. Catches
    `mo6s8_diffusivity_units` (the table converted with 1e-6: 1.8e-14 on both hosts, which since session 31 read
    the one conversion, ``Li2021_Mo6S8.pitt_diffusivities``): at the table's 70 C both are checked against the
    csv's cm2/s itself; at 25 C the two hosts' Arrhenius factors, each its own code, are compared as well."""
    lever = _lms_initial_transport("lever rule", x0, 0.11, T)
    default = _lms_initial_transport("multi-phase", x0, 0.11, T)
    for state in (lever, default):
        assert state["Cathode Li content"] == pytest.approx(x0, rel=1e-9)
    assert lever["Cathode Li diffusivity [m2.s-1]"] == pytest.approx(default["Cathode Li diffusivity [m2.s-1]"],
                                                                      rel=1e-4)
    if T == pybamm_aea.parameters.paper_cell.T_REF:  # Fig. S1's temperature: the table's own number, 1 cm2 = 1e-4 m2
        table = pybamm_aea.data.load_paper_table("figS1_LixMo6S8_diffusion").set_index("x_in_LixMo6S8")
        for state in (lever, default):
            assert state["Cathode Li diffusivity [m2.s-1]"] == pytest.approx(table.loc[x0, "D_cm2_per_s"] * 1e-4,
                                                                             rel=1e-4)


def test_lever_rule_diffusivity_is_fig_s1s_at_each_pitt_point():
    """The lever-rule host's D(x) (``mo6s8_diffusivity``) is Fig. S1's PITT value at each of its points, 70 C: Li1
    and Li3 at their compositions, Li4 where the host's lithiation OCP is the PITT potential, 1.8 V (x = 3.99538,
    found here by its own root); between Li3 and that point it stays within the two measured values, past it it
    rises (the Darken factor of the OCP's steep end). Measured (session 39): 1.8000e-8, 9.8000e-8, 8.8044e-8 cm2/s
    against 1.8e-8, 9.8e-8, 8.8e-8; the multiplier 1 + chi_end / chi_end(1.8 V) gave 1.5396e-7 at 1.8 V (1.75x),
    1.02e-7 at x = 3.99 (above Li3's 9.8e-8). Tolerance 1 % (the log-interpolation puts Fig. S1's Li4 at x = 4:
    0.05 % at 3.99538)."""
    import scipy.optimize

    T = pybamm.Scalar(pybamm_aea.parameters.paper_cell.T_REF)
    D = lambda x: Li2021_Mo6S8.mo6s8_diffusivity(pybamm.Scalar(x), T).evaluate().item() * 1e4  # cm2/s
    U = lambda x: Li2021_Mo6S8.mo6s8_lithiation_ocp(pybamm.Scalar(x), T).evaluate().item()
    table = pybamm_aea.data.load_paper_table("figS1_LixMo6S8_diffusion").set_index("x_in_LixMo6S8")
    assert table.index.tolist() == [1, 3, 4]
    x_li4 = scipy.optimize.brentq(lambda x: U(x) - table.loc[4, "potential_V_vs_Li"], 3.9, 4 - 1e-12, xtol=1e-13)
    for x_phase, x in ((1, 1.0), (3, 3.0), (4, x_li4)):
        assert D(x) == pytest.approx(table.loc[x_phase, "D_cm2_per_s"], rel=0.01), (x_phase, x)
    between = [D(x) for x in np.linspace(3.0, x_li4, 50)]
    assert min(between) >= 0.99 * table.loc[4, "D_cm2_per_s"] and max(between) <= 1.01 * table.loc[3, "D_cm2_per_s"]
    beyond = [D(x) for x in np.linspace(x_li4, 3.999, 20)]
    assert np.all(np.diff(beyond) >= 0) and beyond[-1] > 10 * beyond[0]


def test_both_hosts_take_the_same_bruggeman_factor_falling_with_porosity():
    """The porosity slows Li in the solid network the same way on both hosts: the effective diffusivity per unit
    of host volume is the chemical one times phi^(b-1) (flux phi^b D over a host content phi c, Bruggeman), a
    factor each host states in its own code (the lever rule on D, the multi-phase host on its log-mobility). So
    (1) at each porosity the two hosts' factors are equal, (2) the factor falls as the porosity rises (more pores,
    a more tortuous network) by ((1 - eps2) / (1 - eps1))^(b - 1) with the set's b (a pure host, phi = 1 - eps).

    Measured (2026-12-03): 0.943398 at 11 % and 0.836660 at 30 % porosity on both hosts (to 1e-15); their ratio
    0.886864 = (0.70 / 0.89)^0.5. Catches `bruggeman_exponent_sign` (the lever rule's phi^(1-b): 1.0600 and 1.1952,
    rising with porosity), a 12 % change of D at 11 % porosity that no capacity of the paper's cell resolves
    (Fig. S4's electrode at 1C, 70 C: 125.59 against 125.75 mAh/g)."""
    b = pybamm.ParameterValues("Li2021_Mo6S8")["Cathode Bruggeman coefficient"]
    factor = {}
    for host in ("lever rule", "multi-phase"):
        for eps in (0.11, 0.30):
            state = _lms_initial_transport(host, 1.0, eps)
            factor[host, eps] = state["Cathode effective Li diffusivity [m2.s-1]"] / state[
                "Cathode chemical diffusivity [m2.s-1]"]
    for eps in (0.11, 0.30):
        assert factor["lever rule", eps] == pytest.approx(factor["multi-phase", eps], rel=1e-9)
    for host in ("lever rule", "multi-phase"):
        assert factor[host, 0.30] < factor[host, 0.11]
        assert factor[host, 0.30] / factor[host, 0.11] == pytest.approx(((1 - 0.30) / (1 - 0.11)) ** (b - 1),
                                                                        rel=1e-9)


def test_lever_rule_surface_content_is_the_separator_side_maximum_on_discharge():
    """On discharge Li enters the host at the separator and diffuses toward the ion-blocking collector, so the
    content profile rises toward the separator and the surface content (the one the OCP, the kinetics and the
    Li0 film read) is its maximum, the collector's content its minimum. Fig. S4's 13.91 mg/cm2 electrode (30.9
    um) from pristine Mo6S8 at 0.5C, 70 C on the lever-rule host, where the profile is steep: at the end the
    collector holds 3.954 Li, the surface 3.985 (measured 2026-12-03; 127.55 mAh/g).

    Catches `surface_ocp_at_collector` (the surface content taken at the current collector: 0.058 Li below the
    average at its worst, and the discharge runs on to 128.53 mAh/g on the emptier collector side's OCP); the
    paper's 1.5 mg/cm2 cell at 0.1C, which the other lever-rule tests run, is too thin to show a gradient."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update(Li2021_Mo6S8.high_loading_updates(values))
    sim = pybamm.Simulation(AEA(LEVER), parameter_values=values,
                            experiment=pybamm.Experiment(["Discharge at 0.5C until 1.8 V"]))
    sol = sim.solve()
    x = sol["Cathode Li content"].entries  # (nodes from collector to separator, times)
    x_s = sol["Cathode surface Li content"].entries
    x_av = sol["Average cathode Li content"].entries
    assert x[-1, -1] - x[0, -1] > 0.02  # a gradient to see (0.030 Li at the end)
    assert np.all(x_s >= x.max(axis=0) - 1e-9)
    assert np.all(x[0] <= x.min(axis=0) + 1e-9)
    assert np.all(x_s >= x_av - 1e-9)


@pytest.mark.parametrize("options", [{}, LEVER], ids=["multi-phase", "lever rule"])
def test_charge_runs_above_the_discharge_at_the_same_li_content(options):
    """A cycle dissipates: at the same Li content the charge (Li taken out) runs at a higher cell voltage than
    the discharge (Li put in), by the hysteresis of the host and the overpotentials of both directions. LMS at
    0.1C, 70 C, from pristine to 1.8 V and back to 2.8 V, compared on the Li1-Li4 plateau (1.5 <= x <= 3.5).

    Measured (2026-12-03): on the lever rule +53 mV at x = 1.5, 2.5 and 3.5 (its 2.05 / 2.10 V branches plus
    the overpotentials); on the multi-phase host the lower regions have no loop and the gap is the overpotential
    alone (+4.4, +3.4 and +4.3 mV). Catches `hysteresis_branches_swapped` on the lever rule (the discharge on the delithiation
    branch and the charge on the lithiation one: -47 mV, a cycle that would give back more energy than it
    took), in 2 s instead of the slow test of the two hosts' first discharges that caught it before."""
    sol, _ = run("Li2021_Mo6S8", LMS_CYCLE[:2], options=options)
    discharge, charge = all_steps(sol)
    x_d, V_d = discharge["Average cathode Li content"].entries, discharge["Voltage [V]"].entries
    x_c, V_c = charge["Average cathode Li content"].entries[::-1], charge["Voltage [V]"].entries[::-1]
    assert np.all(np.diff(x_d) >= -1e-12) and np.all(np.diff(x_c) >= -1e-12)
    x = np.array([1.5, 2.5, 3.5])
    assert np.all(np.interp(x, x_c, V_c) - np.interp(x, x_d, V_d) > 0)


@pytest.mark.slow
def test_ionic_switch_emerges_and_leaves_li1(lms_lever):
    _, charge, _ = lms_lever
    x_end = charge["Average cathode Li content"].entries[-1]
    film = charge["Li0 film thickness [m]"].entries
    assert 0.95 < x_end < 1.2  # Li1 retained in the bulk
    assert film[0] == 0 and 1e-10 < film[-1] < 1e-7  # a thin blocking film formed
    # the 2.45 V step is short: above 2.40 V for under 3 % of the charge
    Q = np.abs(charge["Discharge capacity [A.h]"].entries - charge["Discharge capacity [A.h]"].entries[0])
    V = charge["Voltage [V]"].entries
    assert Q[V > 2.40].min() > 0.97 * Q[-1]
    # the stop is the film's doing, not the host running out of Li
    assert charge["Cathode surface Li content"].entries[-1] > 0.5


@pytest.mark.slow
def test_ionic_switch_off_gives_full_delithiation():
    sol, _ = run(
        "Li2021_Mo6S8", LMS_CYCLE[:2], options={**LEVER, "ionic switch": "none"}
    )
    charge = all_steps(sol)[1]
    assert charge["Average cathode Li content"].entries[-1] < 0.2


@pytest.mark.slow
def test_phases_appear_in_their_thermodynamic_order_on_first_discharge(lms):
    """Pristine Mo6S8 lithiates Li0 -> Li1 -> Li3 -> Li4 (paper: the 2.30 V then the 2.05 V plateau):
    Li0 only shrinks, Li1 peaks before Li3 does, and the electrode ends as Li4. The fractions are a
    partition of the host. Catches: two phase windows swapped or a plateau's phases mislabelled."""
    first = lms[0]
    f = {k: first[f"Average cathode {k} phase fraction"].entries for k in ("Li0", "Li1", "Li3", "Li4")}
    np.testing.assert_allclose(sum(f.values()), 1.0, atol=1e-9)
    assert f["Li0"][0] > 0.99 and np.all(np.diff(f["Li0"]) <= 1e-9)
    assert np.argmax(f["Li1"]) < np.argmax(f["Li3"]) < len(f["Li4"]) - 1
    assert f["Li1"].max() > 0.9  # the 2.30 V plateau converts the whole host to Li1 first
    assert f["Li4"][-1] > 0.95


LTS_CYCLE = [
    "Discharge at 0.1C until 1 V",
    "Charge at 0.1C until 3 V",
    "Discharge at 0.1C until 1 V",
]


@pytest.mark.slow
def test_lts_sloping_profile_and_capacities(readme_figure):
    sol, _ = run("Li2021_TiS2", LTS_CYCLE)
    first, _, second = all_steps(sol)
    q1 = step_capacity_mAh_g(first)
    q2 = step_capacity_mAh_g(second)
    # the model fills the host on the first discharge (its Faraday capacity, 239.3 mAh/g); the paper's 213
    # is the known gap (test_lts_first_discharge_matches_the_paper below)
    assert q1 == pytest.approx(get_material("TiS2").specific_capacity, rel=0.01)
    assert q2 > 180
    # the README's figures, read from it, to their stated digits (its table of what the model reproduces; its known
    # limits round the first to 238): a solver build or a model change that moves them fails here
    assert q1 == readme_figure("| 213 / >180 mAh/g | {} / {_} (no loss mechanism").approx()
    assert q1 == readme_figure("fills its host on the first discharge, {} mAh/g against the paper's 213").approx()
    assert q2 == readme_figure("| 213 / >180 mAh/g | {_} / {} (no loss mechanism").approx()
    x = first["Average cathode Li content"].entries
    V = first["Voltage [V]"].entries
    # solid solution: no plateau, the voltage keeps falling through the middle of discharge
    assert np.interp(0.25, x, V) - np.interp(0.75, x, V) > 0.2
    mid = (x > 0.25) & (x < 0.75)
    assert np.all(np.diff(V[mid]) < 1e-4)


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="known gap: the model's first LTS discharge fills the host (238 mAh/g); the paper "
    "measures 213 and gives no mechanism that stops LixTiS2 near x = 0.89 at 1 V, 0.1C, 70 C "
    "(OCP, diffusion over the 5 um electrode and kinetics all allow x -> 1; even a D vanishing "
    "as (1 - x), the divacancy mechanism, stops at 231.7-233.6 within the paper's D range: "
    "213 needs D below that range at every x)",
)
def test_lts_first_discharge_matches_the_paper():
    sol, _ = run("Li2021_TiS2", LTS_CYCLE[:1])
    assert step_capacity_mAh_g(all_steps(sol)[0]) == pytest.approx(213, rel=0.05)


@pytest.mark.slow
@pytest.mark.prediction
def test_high_loading_lms_delivers_most_capacity():
    """13.91 mg/cm2 at 4.5 g/cm3 compact density (paper): 30.9 um thick. The paper's point (Figs.
    S3-S4): the capacity is not only an interfacial reaction with the electrolyte, which would scale
    with the interface, i.e. per gram as thickness_thin / thickness_thick ~ 0.1 of the standard
    electrode's. On the multi-phase host Li crosses the whole 30.9 um as Li3 (L^2 / D(Li3) ~ 100 s
    << 10 h, Fig. S1) and the Li3 -> Li4 step then stops on the Li4 layer that fills at the
    separator: the charge falls with thickness (issue 11) for a reason the variables show.

    Catches: transport that does not cross the electrode (e.g. the thickness scaling squared twice
    or the blocking Li0 mobility used in Li3: x stays < 3 at the collector); a capacity that does
    not fall with thickness (a current density not scaled with the loading); a stop whose voltage
    loss is not at the interface (a separator or anode term scaled with the loading)."""
    sol, values = run("Li2021_Mo6S8", ["Discharge at 0.1C until 1.8 V"], updates=Li2021_Mo6S8.high_loading_updates())
    thin, _ = run("Li2021_Mo6S8", ["Discharge at 0.1C until 1.8 V"])
    thickness = sol["Cathode thickness [m]"].entries[0]
    assert thickness == pytest.approx(30.9e-6, rel=0.01)
    step = all_steps(sol)[0]
    mass_g = electrode_mass_volume(step)[0]
    q = step_capacity_mAh_g(step)
    q_thin = step_capacity_mAh_g(all_steps(thin)[0])
    # the Li3 phase reached through the whole depth: at least 3 of the 4 Li of the host's capacity
    x = step["Cathode Li content"].entries[:, -1]
    x_max = values["Cathode maximum Li content"]
    assert x.min() > 3.0 - 0.05
    q_4li = step["Cathode capacity [A.h]"].entries[-1] * 1e3 / mass_g
    assert 0.75 * q_4li < q < q_thin
    # far above an interface-only capacity (thin / thick thickness ratio of the thin electrode's)
    assert q > 5 * q_thin * thin["Cathode thickness [m]"].entries[0] / thickness
    # the stop: the interface overpotential (the Li4 layer filled at the separator, x -> x_max there)
    # takes most of the gap between the open-circuit voltage and the cut-off
    gap = step["Open-circuit voltage [V]"].entries[-1] - step["Voltage [V]"].entries[-1]
    assert step["Cathode interface overpotential [V]"].entries[-1] > 0.5 * gap
    assert x[-1] > x[0] and x[-1] > 0.9 * x_max


@pytest.mark.slow
def test_lower_capacity_at_room_temperature_and_high_rate():
    """First discharge from pristine Mo6S8: Li1 must nucleate in the Li0 before the cut-off. At
    0.5C and 70 C it does (128.17 mA.h/g on 20, 40 and 80 cells). Colder (25 C, 0.5C) or faster
    (5C, 70 C), the surface's Li0 fills and the voltage reaches 1.8 V first, so the compact takes
    no Li (0.16 / 0.02 / 0.00 and 0.12 / 0.01 / 0.00 on 20 / 40 / 80 cells). Measured 2026-12-01.
    At 1C the default mesh's 128.2 is a coarse-mesh result (0.03 on 40 cells): the base case is
    0.5C. Catches an Arrhenius sign (cold faster) or a rate that does not reach the transport."""
    base, _ = run("Li2021_Mo6S8", ["Discharge at 0.5C until 1.8 V"])
    cold, _ = run("Li2021_Mo6S8", ["Discharge at 0.5C until 1.8 V"], updates={"Ambient temperature [K]": 298.15})
    fast, _ = run("Li2021_Mo6S8", ["Discharge at 5C until 1.8 V"])
    q = {k: step_capacity_mAh_g(all_steps(s)[0]) for k, s in
         {"base": base, "cold": cold, "fast": fast}.items()}
    assert q["base"] > 120
    assert q["cold"] < 0.01 * q["base"]
    assert q["fast"] < 0.01 * q["base"]


@pytest.mark.slow
def test_li_in_anode_shifts_voltage_by_its_plateau():
    li, _ = run("Li2021_Mo6S8", ["Discharge at 0.1C until 1.0 V"])
    li_in, _ = run("Li2021_Mo6S8", ["Discharge at 0.1C until 1.0 V"], options={"anode": "Li-In"})
    # compare at the same passed charge, on the lower plateau
    Q_li = li["Discharge capacity [A.h]"].entries
    Q_in = li_in["Discharge capacity [A.h]"].entries
    q = 0.5 * Q_li[-1]
    shift = np.interp(q, Q_li, li["Voltage [V]"].entries) - np.interp(q, Q_in, li_in["Voltage [V]"].entries)
    assert shift == pytest.approx(LI_IN_PLATEAU, abs=0.01)
    assert Q_in[-1] == pytest.approx(Q_li[-1], rel=0.02)


def test_li_in_model_runs_on_its_default_parameter_values():
    """The set's window is vs Li metal: on the Li-In anode the model's defaults move it down by the plateau, so
    the same cathode window is cycled (with the set's own 1.8 V the pristine cell, 1.72 V vs Li-In, stopped at
    once: PyBaMM's 'non-positive at initial conditions')."""
    li = pybamm.Simulation(pybamm_aea.AEA()).solve([0, 40000])
    li_in = pybamm.Simulation(pybamm_aea.AEA({"anode": "Li-In"})).solve([0, 40000])
    for sol in (li, li_in):
        assert sol.termination == "event: Minimum voltage [V]"
    assert li_in["Voltage [V]"].entries[-1] == pytest.approx(li["Voltage [V]"].entries[-1] - LI_IN_PLATEAU)
    q_li, q_in = (s["Discharge capacity [A.h]"].entries[-1] for s in (li, li_in))
    assert q_in == pytest.approx(q_li, rel=0.01)


def test_a_sets_window_on_the_li_in_anode_is_an_error_that_says_why():
    """With the set's own values (its window vs Li metal) the Li-In cell starts below its 1.8 V cut-off: PyBaMM's
    "Events ['Minimum voltage [V]'] are non-positive at initial conditions" named neither; the default solver
    now says how far below and what to take instead."""
    sim = pybamm.Simulation(pybamm_aea.AEA({"anode": "Li-In"}), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"))
    with pytest.raises(pybamm.SolverError, match=r"starts 0\.0\d+ V below its lower cut-off\. On the Li-In anode.*"
                                                 r"default_parameter_values"):
        sim.solve([0, 3600])


def test_s_lms_on_li_in_with_its_sets_values_stops_at_the_sets_cut_off_read_as_a_cell_voltage(readme_figure):
    """The README's S-LMS case of a plain ``solve([t0, t1])`` on Li-In with the set's own values: it stops at the
    set's 1.0 V read as the cell's voltage, 1.62 V vs Li (the Li-In plateau, 0.62 V, added), with 374 of the
    507 mA.h/g the same solve gives on Li metal (measured 2026-12-05, session 46, the host's transport across the swollen
    layer: 374.05 and 507.02; 380.10 and 510.19 on the as-made layer)."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    li_in = pybamm.Simulation(pybamm_aea.AEA({"anode": "Li-In"}), parameter_values=values.copy()).solve([0, 40000])
    li = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values.copy()).solve([0, 40000])
    for sol in (li_in, li):
        assert sol.termination == "event: Minimum voltage [V]"
    assert li_in["Voltage [V]"].entries[-1] == readme_figure("S-LMS stops at {} V, {_} V vs Li").approx()
    assert li_in["Voltage [V]"].entries[-1] + li_in["Anode OCP [V]"].entries[-1] == readme_figure(
        "S-LMS stops at {_} V, {} V vs Li").approx()
    assert li_in["Electrode specific capacity [mA.h.g-1]"].entries[-1] == readme_figure(
        "V vs Li, with {} of its {_} mAh/g").approx()
    assert li["Electrode specific capacity [mA.h.g-1]"].entries[-1] == readme_figure(
        "V vs Li, with {_} of its {} mAh/g").approx()


def test_a_start_outside_the_window_under_load_says_how_far_and_what_to_change():
    """AEA_LiFePO4's default 0.1C charge of a dense, electronically insulating LiFePO4 compact (1e-9 S/cm) starts at
    4.278 V: open-circuit 3.374 V and 0.904 V of losses, past the 4.0 V cut-off. IDAKLU initialises the state
    itself, and the explanation read the events on ``model.y0`` (the guess before it, 3.38 V, inside the window):
    PyBaMM's bare "Events ['Maximum voltage [V]'] are non-positive at initial conditions" stood. In an experiment
    pybamm.Simulation skips the step with its own words; the solver warns how far outside it starts."""
    sim = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("AEA_LiFePO4"))
    with pytest.raises(pybamm.SolverError, match=r"starts 0\.27\d+ V above its upper cut-off under its current at "
                                                 r"the start.*A smaller current or power, a lower loading"):
        sim.solve([0, 3600])
    sim = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("AEA_Li4Ti5O12"),
                            experiment=pybamm.Experiment(["Discharge at 0.1C until 1.0 V"]))
    with pytest.warns(StartOutsideWindowWarning, match=r"starts 14\.\d+ V past its step's cut-off "
                                                       r"\(Voltage < 1\.0 \[V\]\) under its current"):
        sim.solve()



def _registered_sets():
    """The registered parameter sets of pybamm_aea (its ``pybamm_parameter_sets`` entry points), each on the anodes it
    is run on: Li metal, and Li-In for an AEA set (the conventional S-C/LGPS set is PyBaMM's DFN half cell's)."""
    import importlib.metadata

    from pybamm_aea.parameters import PYBAMM_MODEL_SETS

    sets = sorted(ep.name for ep in importlib.metadata.entry_points(group="pybamm_parameter_sets")
                  if ep.value.split(".")[0] == "pybamm_aea")
    return [(name, anode) for name in sets for anode in ("Li metal", "Li-In")
            if anode == "Li metal" or name not in PYBAMM_MODEL_SETS]


#: the registered sets whose default experiment cannot start, each step past its cut-off at its start: Fig. S2 of the
#: paper as a prediction (docs/screening.rst), the dense compact's losses at 0.1C (AEA_LiFePO4: 0.899 of 0.904 V the
#: electrons' ohmic drop at 1e-9 S/cm, Chung et al. 2002; AEA_Li4Ti5O12: to -13.66 V), not a made state or window
FIG_S2_FAILED = {"AEA_LiFePO4": r"0\.2779 V past its step's cut-off \(Voltage > 4\.0 \[V\]\)",
                 "AEA_Li4Ti5O12": r"14\.66 V past its step's cut-off \(Voltage < 1\.0 \[V\]\)"}


@pytest.mark.parametrize("set_name", sorted({name for name, _ in _registered_sets()}))
def test_a_registered_sets_docstring_says_whether_it_runs(set_name):
    """Trial QH (session 58): ``pybamm.parameter_sets.get_docstring("AEA_Li4Ti5O12")`` called it "a pure-Li4Ti5O12 AEA
    cathode cell", yet no step runs on it by design (Fig. S2). The first line of a Fig. S2 set now says it is that
    failure, the others' do not; the start voltage the docstring gives is the model's."""
    doc = pybamm.parameter_sets.get_docstring(set_name).strip()
    first = doc.splitlines()[0]
    failed = set_name in FIG_S2_FAILED
    assert first.startswith("The paper's Fig. S2 failure: ") == failed, first
    assert ("failure" in doc or "no step" in doc) == failed, doc
    if not failed:
        return
    kind, start = re.search(r"a 0\.1C (charge|discharge) starts at (-?[\d.]+) V", doc).groups()
    sim = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues(set_name),
                            experiment=pybamm.Experiment([f"{kind.capitalize()} at 0.1C for 1 minute"]))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            measured = sim.solve()["Voltage [V]"].entries[0]
    except pybamm.SolverError as error:  # below 0 V: refused, saying where the losses take the cell
        measured = float(re.search(r"the losses take the cell to (-[\d.]+) V", str(error))[1])
    assert f"{measured:.{len(start.partition('.')[2])}f}" == start


@pytest.mark.slow
@pytest.mark.parametrize("set_name, anode", _registered_sets())
def test_every_registered_sets_default_experiment_runs_all_its_steps(set_name, anode):
    """The default experiment of every registered set (``pybamm-aea simulate``'s: 0.1C between the set's cut-offs,
    moved by the Li-In plateau on Li-In, charge first for a set made lithiated) runs its three steps, none skipped at
    its start, each ending on its own cut-off having passed >= 50 % of the set's nominal capacity (0.1C's basis),
    with no StartOutsideWindowWarning (the first-step rules keep the sets' default first steps silent: session 53,
    54); AEA_LiFePO4 and AEA_Li4Ti5O12 start none, as Fig. S2 predicts (:data:`FIG_S2_FAILED`)."""
    from pybamm_aea.cli.simulate import _default_steps
    from pybamm_aea.conventional import s_c_lgps_model
    from pybamm_aea.parameters import PYBAMM_MODEL_SETS
    from pybamm_aea.parameters.paper_cell import li_in_cut_offs

    values = pybamm.ParameterValues(set_name)
    if set_name in PYBAMM_MODEL_SETS:
        model = s_c_lgps_model()
    else:
        model = AEA({"anode": anode} if anode == "Li-In" else {})
        if anode == "Li-In":
            values.update(li_in_cut_offs(values))
    steps = _default_steps(values)
    sim = pybamm.Simulation(model, parameter_values=values, experiment=pybamm.Experiment(steps))
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        solution = sim.solve()
    said = [str(w.message) for w in record if issubclass(w.category, StartOutsideWindowWarning)]
    assert not [w for w in record if issubclass(w.category, FirstStepLossesWarning)]  # (session 55)
    if set_name in FIG_S2_FAILED:
        skipped = "an experiment step is skipped: the cell starts"
        assert len(said) == 3 and all(text.startswith(skipped) for text in said), said
        if anode == "Li metal":
            assert re.search(FIG_S2_FAILED[set_name], said[0]), said[0]
        with pytest.raises(pybamm.SolverError, match="no step of the experiment ran"):
            solution["Voltage [V]"]
        return
    assert not said, said
    ran = [step for cycle in solution.cycles for step in cycle.steps]  # (each string step is a cycle of its own)
    assert len(ran) == 3 and not [step for step in ran if isinstance(step, pybamm.EmptySolution)]
    nominal = values["Nominal cell capacity [A.h]"]
    for step, text in zip(ran, steps):
        sign = ">" if text.startswith("Charge") else "<"
        assert re.fullmatch(rf"event: Voltage {sign} [\d.]+ \[V\] \[experiment\]", step.termination), step.termination
        passed = abs(float(np.ptp(step["Discharge capacity [A.h]"].entries)))
        assert passed >= 0.5 * nominal, (text, passed, nominal)

def _cold_thick_tis2_on_li_in():
    """Session 40's user trial's values: TiS2 at 20 mg/cm2 (its C-rate basis rescaled from the set's loading:
    rescaled_nominal) and 25 C on Li-In, the cut-offs moved to the cell's (0.38-2.38 V)."""
    values = pybamm.ParameterValues("Li2021_TiS2")
    nominal = rescaled_nominal("Li2021_TiS2", values["Nominal cell capacity [A.h]"], values["Cathode loading [kg.m-2]"],
                               0.2)
    values.update({"Cathode loading [kg.m-2]": 0.2, "Ambient temperature [K]": 298.15,
                   "Nominal cell capacity [A.h]": nominal, "Lower voltage cut-off [V]": 0.38,
                   "Upper voltage cut-off [V]": 2.38})
    return values


def test_a_li_in_cell_in_its_own_window_that_starts_outside_under_load_is_told_the_current_not_the_window():
    """Session 40's user trial: TiS2 at 20 mg/cm2 and 25 C on Li-In, the cut-offs moved to the cell's (0.38-2.38 V),
    discharged at 2C: its open circuit (1.66 V) is inside the window, the separator's loss at 4.8 mA/cm2 takes it
    0.96 V past 0.38 V. The warning said only that on Li-In the cut-offs are cell voltages and to take the model's
    moved window, which the user had done; it now gives the current, loading or window to change. A set's window
    vs Li metal on Li-In keeps the Li-In note (the test above)."""
    text = warned(AEA({"anode": "Li-In"}), _cold_thick_tis2_on_li_in(), "Discharge at 2C until 0.38 V")
    assert re.search(r"starts 0\.9\d+ V past its step's cut-off \(Voltage < 0\.38 \[V\]\) under its current", text)
    assert "A smaller current or power, a lower loading" in text
    assert "On the Li-In anode" not in text
    # (its open circuit is inside the window: the losses alone start it, no cut-off to move; session 58's mutation
    # check found the open circuit taken as the loaded voltage less the losses still passing the lines above)
    assert ") lets the cell start; a current of the other sign" in text and "which is past it too" not in text, text


def test_two_li_in_cells_in_series_that_start_past_a_step_cut_off_under_load_are_told_the_current():
    """The cell of the test above, two in series, discharged at 2C "until 3.0 V" (the battery's, PyBaMM ends a step on
    "Battery voltage [V]": 1.5 V a cell's): the battery starts 4.16 V past it, more than one cell's 2.24 V of losses,
    and the battery's gap compared with a cell's losses gave the Li-In window note; per cell (2.08 V) the losses are
    the cause. The message says the 4.16 V is the battery's voltage."""
    values = _cold_thick_tis2_on_li_in()
    values["Number of cells connected in series to make a battery"] = 2.0
    text = warned(AEA({"anode": "Li-In"}), values, "Discharge at 2C until 3.0 V")
    assert re.search(r"starts 4\.1\d+ V of the battery's voltage \(2 cells in series\) past its step's cut-off "
                     r"\(Voltage < 3(\.0)? \[V\]\) under its current", text), text
    assert "A smaller current or power, a lower loading" in text
    assert "On the Li-In anode" not in text


def test_an_experiment_step_outside_the_window_says_the_distance_from_the_sets_cut_off():
    """In an experiment PyBaMM moves the window events ("Minimum voltage [V]") 1 V out, so a step whose losses
    put the cell past them was said 1 V short: LMS at 200C started "0.3858 V below its lower cut-off" in an
    experiment and "1.386 V below" in a plain solve of the same current (session 25). Both now say the
    distance from the set's 1.8 V, read here from the plain solve's own message."""
    import re

    values = AEA().default_parameter_values
    values["Current function [A]"] = 200 * values["Nominal cell capacity [A.h]"]
    with pytest.raises(pybamm.SolverError, match="below its lower cut-off") as plain:
        pybamm.Simulation(AEA(), parameter_values=values).solve([0, 10])
    gap = float(re.search(r"starts ([0-9.]+) V below", str(plain.value)).group(1))
    assert gap > 1.0  # past the moved event too, so the experiment's window event is the one that fires
    sim = pybamm.Simulation(AEA(), experiment=pybamm.Experiment(["Discharge at 200C for 10 seconds"]))
    with pytest.raises(pybamm.SolverError, match=rf"starts {gap:g} V below its lower cut-off"):
        sim.solve()


def test_a_start_outside_the_window_reads_the_cells_voltage_once(monkeypatch):
    """The explanation of a start outside the window read "Voltage [V]" at the start three times (its own, the
    battery's cells in series, the losses to the open circuit): once now, the message unchanged (LMS at 200C
    starts 1.386 V below its lower cut-off, by its losses)."""
    from pybamm_aea.models import start_advice

    read = []
    evaluated = start_advice.variable_at
    monkeypatch.setattr(start_advice, "variable_at",
                        lambda model, name, *args: read.append(name) or evaluated(model, name, *args))
    values = AEA().default_parameter_values
    values["Current function [A]"] = 200 * values["Nominal cell capacity [A.h]"]
    with pytest.raises(pybamm.SolverError, match=r"starts 1\.3\d+ V below its lower cut-off under its current at the "
                                                 r"start.*A smaller current or power, a lower loading or a wider window"):
        pybamm.Simulation(AEA(), parameter_values=values).solve([0, 10])
    assert read.count("Voltage [V]") == 1, read
    assert {"Battery voltage [V]", "Open-circuit voltage [V]"} <= set(read), read


def test_a_plain_solve_whose_current_already_runs_toward_the_window_is_told_what_runs_it():
    """AEA_LiCoO2 as made (x = 0.97, its OCP table's end) rests at 2.72 V, below its 3.0 V cut-off (session 56), and
    its set's current is a charge (-1.766e-05 A): a plain solve stops at its start on the lower cut-off, and was told
    that "a current of the other sign runs the other way" (a discharge, further down) and that a smaller current lets
    it start. Now: the current already runs toward the window, both cut-offs are a plain solve's events, and the charge
    runs as an experiment step to the other cut-off or from a state inside the window (both checked here)."""
    values = pybamm.ParameterValues("AEA_LiCoO2")
    assert values["Current function [A]"] < 0  # (PyBaMM's sign: a charge)
    with pytest.raises(pybamm.SolverError) as plain:
        pybamm.Simulation(AEA(), parameter_values=values).solve([0, 600])
    said = str(plain.value)
    assert said.startswith("the cell starts 0.281 V below its lower cut-off under its current at the start"), said
    assert ("Its current, -1.766e-05 A, is already a charge, which runs toward the window, but a plain solve carries "
            "both cut-offs as events and ends where the cell starts past one. Run the charge as an experiment step, "
            "pybamm.Experiment([\"Charge at 1.766e-05 A until 4.2 V\"]), which ends on its own cut-off (PyBaMM moves "
            "the window's events 1 V out), or start the cell inside the window (solve(initial_soc=...) or "
            "pybamm_aea.set_initial_state) (PyBaMM: ") in said, said
    assert "other sign" not in said and "smaller current" not in said, said
    step = pybamm.Experiment(["Charge at 1.766e-05 A until 4.2 V"])
    charged = pybamm.Simulation(AEA(), parameter_values=values, experiment=step).solve()
    assert charged.termination == "event: Voltage > 4.2 [V] [experiment]"
    assert pybamm.Simulation(AEA(), parameter_values=values).solve([0, 600], initial_soc=0.5).termination == \
        "final time"
    values["Current function [A]"] = 0.0  # at rest: was told "a smaller current ... lets the cell start" (lead)
    with pytest.raises(pybamm.SolverError, match=r"Its current is 0 A: it rests at its open-circuit voltage, which is "
                       r"past that cut-off\. Run the charge as an experiment step, pybamm\.Experiment\(\[\"Charge at "
                       r"0\.1C until 4\.2 V\"\]\)") as resting:
        pybamm.Simulation(AEA(), parameter_values=values).solve([0, 600])
    assert "other sign" not in str(resting.value) and "smaller current" not in str(resting.value)
    # review R35: 1.1 V past (its lower cut-off at 3.8 V) an experiment's window events, 1 V out, stop it too; and on
    # Li-In with cut-offs declared for Li-In (a material's parameter_values(anode="Li-In")) no "set's window is vs Li"
    values["Lower voltage cut-off [V]"] = 3.8
    with pytest.raises(pybamm.SolverError, match=r"more than the 1 V PyBaMM moves an experiment's window events out, "
                       r"so no experiment step starts it either: start the cell inside the window"):
        pybamm.Simulation(AEA(), parameter_values=values).solve([0, 600])
    from pybamm_aea.materials import licoo2

    with pytest.raises(pybamm.SolverError) as on_li_in:
        pybamm.Simulation(AEA({"anode": "Li-In"}), parameter_values=licoo2.MATERIAL.parameter_values(
            anode="Li-In")).solve([0, 600])
    assert "window is vs Li metal" not in str(on_li_in.value), str(on_li_in.value)
    assert "Run the charge as an experiment step" in str(on_li_in.value), str(on_li_in.value)


@pytest.mark.parametrize("set_name, step, changes, told", [
    ("AEA_LiCoO2", "Charge at 0.1C until 4.2 V", {"Lower voltage cut-off [V]": 3.8},
     "The step Charge at 0.1C until 4.2 V finds the cell resting at 2.717 V, 1.083 V below its 3.8 V cut-off"),
    ("AEA_LiCoO2", "Rest for 1 hour", {"Lower voltage cut-off [V]": 3.8},
     "The step Rest for 1 hour finds the cell resting at 2.717 V, 1.083 V below its 3.8 V cut-off"),
    ("Li2021_TiS2", "Discharge at 0.1C until 0.5 V", {"Lower voltage cut-off [V]": 0.5, "Upper voltage cut-off [V]": 1.0},
     "The step Discharge at 0.1C until 0.5 V finds the cell resting at 2.624 V, 1.624 V above its 1 V cut-off"),
])
def test_an_experiment_step_past_its_window_by_more_than_its_margin_is_told_where_the_cell_rests(
        set_name, step, changes, told):
    """Review R35: AEA_LiCoO2 as made rests at 2.717 V; an experiment step whose window cut-off lies more than the 1 V
    PyBaMM moves its window events out past that (a charge toward the window, a rest) was told "A smaller current or
    power ... lets the cell start; a current of the other sign runs the other way": no step starts it; so was a
    discharge above an upper cut-off 1.6 V under pristine TiS2's 2.624 V (LiCoO2's 1.0 V lower cut-off would run past
    its OCP table's end, refused since session 57). Now: the step, where the cell rests, the cut-off, what starts it."""
    values = pybamm.ParameterValues(set_name)
    for name, value in changes.items():
        values[name] = value
    sim = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment([step]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(pybamm.SolverError) as failed:
            sim.solve()
    said = str(failed.value)
    side = "Lower" if "below" in told else "Upper"
    assert (f"{told}, more than the 1 V PyBaMM moves an experiment's window events out: they stop every step there, "
            "toward the window or not. Start the cell inside the window (solve(initial_soc=...) or "
            f"pybamm_aea.set_initial_state), or move \"{side} voltage cut-off [V]\" ") in said, said
    assert "smaller current" not in said and "other sign" not in said, said


def test_a_step_past_its_own_cut_off_and_its_window_by_more_than_the_margin_is_told_where_the_cell_rests():
    """Review R35: AEA_LiCoO2 (2.717 V at rest), lower cut-off 3.8 V, "Discharge at 0.1C until 3.9 V" was skipped with
    its cut-off moved and a wider window as the advice, and "a current of the other sign runs the other way": a charge
    is stopped too, by the window's event 1 V out. Now where it rests, and both cut-offs to move."""
    values = pybamm.ParameterValues("AEA_LiCoO2")
    values["Lower voltage cut-off [V]"] = 3.8
    sim = pybamm.Simulation(AEA(), parameter_values=values,
                            experiment=pybamm.Experiment(["Discharge at 0.1C until 3.9 V"]))
    with pytest.warns(StartOutsideWindowWarning) as caught:
        sim.solve()
    said = next(str(w.message) for w in caught if w.category is StartOutsideWindowWarning)
    assert ("nothing to integrate. The step Discharge at 0.1C until 3.9 V finds the cell resting at 2.717 V, 1.083 V "
            "below its 3.8 V cut-off, more than the 1 V PyBaMM moves an experiment's window events out: they stop "
            "every step there, toward the window or not. Start the cell inside the window (solve(initial_soc=...) or "
            "pybamm_aea.set_initial_state), or move \"Lower voltage cut-off [V]\", with the step's own cut-off (its "
            "\"until\" voltage), below 2.717 V (PyBaMM: ") in said, said
    assert "other sign" not in said, said


def test_a_later_step_already_past_its_cut_off_is_skipped_without_a_warning():
    """A step that starts past its cut-off after another has run (here a second discharge to the voltage the
    first ended at, then a charge to a voltage below it) is PyBaMM's ordinary skip, as in every cycling protocol
    whose step finds the cell already there: no StartOutsideWindowWarning (it warned for each such step, 1.2e-14 V
    past the cut-off, so a cycle-life run would have warned every cycle). A first step past its cut-off (pristine
    Mo6S8 at 2.35 V discharged to 2.4 V) warns."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    steps = ["Discharge at 1C until 2.2 V", "Discharge at 1C until 2.2 V", "Charge at 1C until 2.1 V"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", StartOutsideWindowWarning)
        warnings.simplefilter("error", LaterStepSkippedWarning)  # (nor that: both skips are ordinary, session 51)
        sol = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment([tuple(steps)])).solve()
    assert sol["Voltage [V]"].entries[-1] == pytest.approx(2.2, abs=1e-3)
    # a charge whose cut-off lies below the open circuit the cell rests at, though above the voltage the discharge
    # before it ended at (pristine Mo6S8 at 1C ends at 2.25 V in 0.09 s, its open circuit above 2.28 V): ordinary too
    steps = ("Discharge at 1C until 2.25 V", "Charge at 1C until 2.28 V", "Rest for 1 minute")
    with warnings.catch_warnings():
        warnings.simplefilter("error", LaterStepSkippedWarning)
        sol = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment([steps])).solve()
    assert sol.cycles[0].steps[1].termination == "Event exceeded in initial conditions"
    assert sol.cycles[0].steps[0]["Voltage [V]"].entries[-1] < 2.28
    with pytest.warns(StartOutsideWindowWarning, match=r"past its step's cut-off \(Voltage < 2\.4 \[V\]\)"):
        pybamm.Simulation(AEA(), parameter_values=values,
                          experiment=pybamm.Experiment([("Discharge at 0.1C until 2.4 V", "Rest for 1 minute")])
                          ).solve()


def test_a_resistance_step_past_its_cut_off_is_told_as_a_resistance():
    """Review R16: LMS on a 1 Ohm load "until 1.8 V" starts 1.757 V past its cut-off (the load draws the cell to
    0.04 V), and the warning said "under its current", "A smaller current or power" and "a current of the other sign
    runs the other way": a resistance step sets its resistance, and has no other sign. Now it is worded as one."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    said = warned(AEA({"host thermodynamics": "lever rule"}), values,
                  pybamm.step.resistance(1.0, duration=600, termination="1.8 V"), "Rest for 1 minute")
    assert re.search(r"the cell starts 1\.75\d V past its step's cut-off \(Voltage < 1\.8 \[V\]\) under its resistance "
                     r"at the start \(.*the losses at the current the resistance draws", said), said
    assert "A larger resistance (a smaller current), a lower loading" in said, said
    assert "a resistance only discharges the cell" in said, said
    assert "current at the start" not in said and "A smaller current" not in said and "other sign" not in said, said


@pytest.mark.parametrize("mode", ["legacy", "unified"])
def test_a_skipped_step_is_explained_with_pybamms_unified_experiment_model(mode):
    """Review R16: with ``experiment_model_mode="unified"`` (PyBaMM 26.10: one model for every step, their
    terminations joined in one event, "Combined termination [experiment]") no skipped step was explained: pristine LMS
    at 0.1C "until 2.6 V" (0.0227 V past at its start) was skipped without a StartOutsideWindowWarning, and "Charge at
    0.1 W until 2.8 V" after a discharge to 2.0 V (0.906 V past by its losses) without a LaterStepSkippedWarning: the
    explanation read the step's cut-off among the model's events by its name. Now it reads the step's own terminations
    (made on the unified model as PyBaMM makes them to name the one a step ended on), and says what the step sets by
    the step (the power step's model is no one step's there): both warned as in the default mode."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    model = AEA({"host thermodynamics": "lever rule"})
    experiment = pybamm.Experiment([("Discharge at 0.1C until 2.6 V", "Rest for 1 minute"),
                                    ("Discharge at 0.1C until 2.0 V", "Charge at 0.1 W until 2.8 V")])
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        sol = pybamm.Simulation(model, parameter_values=values, experiment=experiment,
                                experiment_model_mode=mode).solve()
    assert [c.steps[i].termination for c, i in zip(sol.cycles, (0, 1))] == ["Event exceeded in initial conditions"] * 2
    (first,) = [str(w.message) for w in record if issubclass(w.category, StartOutsideWindowWarning)]
    assert re.search(r"the cell starts 0\.022\d+ V past its step's cut-off \(Voltage < 2\.6 \[V\]\) under its current",
                     first), first
    (later,) = [str(w.message) for w in record if issubclass(w.category, LaterStepSkippedWarning)]
    assert re.match(r"step 2 of 2 in cycle 2 of 2, 'Charge at 0\.1 W until 2\.8 V' is skipped: the cell starts "
                    r"0\.9\d+ V past its step's cut-off \(Voltage > 2\.8 \[V\]\) under its power", later), later


def test_a_later_step_skipped_ends_alike_in_pybamms_two_experiment_modes():
    """Li2021_Mo6S8, "Discharge at 0.1C until 1.8 V" then "... until 1.9 V" (skipped: it starts 0.1 V past its
    cut-off), in one cycle and in two: the legacy and unified modes return the same terminations (checked in session
    55 against a report of "Event exceeded in initial conditions" in one mode and "final time" in the other, which
    did not reproduce with PyBaMM 26.10.1.1): one cycle, the skipped step's EmptySolution in it, or the second cycle
    left out, its termination the solution's."""
    first, skipped = "Discharge at 0.1C until 1.8 V", "Discharge at 0.1C until 1.9 V"
    told = {}
    for mode in ("legacy", "unified"):
        for cycles in ([(first, skipped)], [first, skipped]):
            sol = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                                    experiment=pybamm.Experiment(cycles), experiment_model_mode=mode).solve()
            told.setdefault(mode, []).append((sol.termination, [c.termination for c in sol.cycles],
                                              [s.termination for c in sol.cycles for s in c.steps]))
    cut = "event: Voltage < 1.8 [V] [experiment]"
    assert told["legacy"] == told["unified"] == [
        (cut, [cut], [cut, "Event exceeded in initial conditions"]),
        ("Event exceeded in initial conditions", [cut], [cut])], told


ALWAYS_MET = pybamm.step.CustomTermination("Li content above 10", lambda variables: 0 * variables["Voltage [V]"] - 10)


@pytest.mark.parametrize("mode", ["legacy", "unified"])
@pytest.mark.parametrize("step, said", [
    ("Hold at 2.4 V for 10 minutes or until 1 A",
     r"its termination 'abs\(Current \[A\]\) < 1\.0 \[A\]' is met at its start: Current \[A\] = -6\.0\d+e-05 A"),
    ("Hold at 2.4 V for 10 minutes or until 5C",
     r"its termination 'C-rate cut-off' \(\|C-rate\| < 5\) is met at its start: C-rate = -0\.39\d+C"),
    (pybamm.step.c_rate(0.1, duration=600, termination=[ALWAYS_MET], description="Discharge to Li content 10"),
     r"its termination 'Li content above 10' is met at its start: its event function is -10 there"),
])
def test_a_step_whose_termination_is_met_at_its_start_is_warned_once(mode, step, said, monkeypatch):
    """Review R16: a step whose termination other than a voltage cut-off (a current or C-rate one, a
    ``pybamm.step.CustomTermination``) is met as it starts is skipped by PyBaMM without a word in a cycle of several
    steps (LMS, 2 minutes at 0.1C, then a 2.4 V hold "until 1 A", whose current starts at -60 uA): only a voltage
    cut-off past at the start was warned. Now a TerminationMetAtStartWarning names the step, the termination and its
    value at the start (the custom one's event function), once for the two cycles, in PyBaMM's default and unified
    modes. Review R22: in the default mode the voltage cut-offs are not read for such a skip (they cost 14 ms each
    cycle: 100 cycles of it 1.85 -> 3.20 s CPU)."""
    from pybamm_aea.models import start_advice
    from pybamm_aea.models.experiment_checks import TerminationMetAtStartWarning

    read = []
    cut_off_values = start_advice._cut_off_values
    monkeypatch.setattr(start_advice, "_cut_off_values", lambda *a, **k: read.append(1) or cut_off_values(*a, **k))
    cycle = ("Discharge at 0.1C for 2 minutes", step)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        sol = pybamm.Simulation(AEA({"host thermodynamics": "lever rule"}),
                                parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                                experiment=pybamm.Experiment([cycle] * 2), experiment_model_mode=mode).solve()
    assert [c.steps[1].termination for c in sol.cycles] == ["Event exceeded in initial conditions"] * 2
    (met,) = [str(w.message) for w in record if issubclass(w.category, TerminationMetAtStartWarning)]
    assert re.match(rf"step 2 of 2 in cycle 1 of 2, '{re.escape(str(step))}' is skipped: {said}", met), met
    assert "once per step" in met, met
    assert not [w for w in record if issubclass(w.category, (StartOutsideWindowWarning, LaterStepSkippedWarning))]
    assert mode == "unified" or read == [], read  # (unified: its one event may be a voltage cut-off's)


def test_a_subclass_of_pybamms_c_rate_termination_met_at_its_start_is_said_as_a_c_rate():
    """Review R22: the terminations' readings were looked up by the class's name, so PyBaMM's deprecated
    ``CrateTermination`` (a ``CRateTermination``) was said by its event function ("is -4.602 there"), not its C-rate."""
    from pybamm_aea.models.experiment_checks import TerminationMetAtStartWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        step = pybamm.step.voltage(2.4, duration=600, termination=[pybamm.step.CrateTermination(5)])
    with pytest.warns(TerminationMetAtStartWarning) as record:
        pybamm.Simulation(AEA({"host thermodynamics": "lever rule"}),
                          parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                          experiment=pybamm.Experiment([("Discharge at 0.1C for 2 minutes", step)])).solve()
    (met,) = [str(w.message) for w in record if issubclass(w.category, TerminationMetAtStartWarning)]
    assert re.search(r"its termination 'C-rate cut-off' \(\|C-rate\| < 5\) is met at its start: C-rate = -0\.39\d+C",
                     met), met


def test_an_experiment_no_step_of_which_ran_for_a_termination_met_says_which_warning_tells():
    """A one-step experiment whose custom termination is met at its start (session 53): reading the solution said
    "PyBaMM skipped its step ... as starting past its cut-off (the StartOutsideWindowWarning says by how much)", a
    warning not given; it now names both warnings, and the one given is TerminationMetAtStartWarning."""
    from pybamm_aea.models.experiment_checks import ExperimentNotStartedError, TerminationMetAtStartWarning

    step = pybamm.step.c_rate(0.1, duration=600, termination=[ALWAYS_MET])
    with pytest.warns(TerminationMetAtStartWarning, match="'Li content above 10' is met at its start"):
        sol = pybamm.Simulation(AEA({"host thermodynamics": "lever rule"}),
                                parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                                experiment=pybamm.Experiment([step])).solve()
    with pytest.raises(ExperimentNotStartedError, match=re.escape(
            "as starting past its cut-off or termination (the StartOutsideWindowWarning or "
            "TerminationMetAtStartWarning says which and by how much)")):
        sol["Voltage [V]"]


def test_a_later_step_its_current_puts_past_its_cut_off_is_warned_once():
    """A 0.15 mA.h LMS cell, "Charge at 0.1 W until 2.8 V" after "Discharge at 0.1C until 2.0 V", two cycles (user
    trial, session 51): the power's losses take the cell from an open circuit below 2.8 V to 0.92 V past it, and
    PyBaMM skipped the step each cycle with its logged line only. Now one LaterStepSkippedWarning (once per step, not
    per cycle) names the step, its cycle, the cut-off it starts past and by how much, and what to change."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    cycle = ("Discharge at 0.1C until 2.0 V", "Charge at 0.1 W until 2.8 V", "Charge at 0.1C until 2.6 V")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        sol = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment([cycle] * 2)).solve()
    skipped = [c.steps[1].termination for c in sol.cycles]
    assert skipped == ["Event exceeded in initial conditions"] * 2, skipped
    (said,) = [str(w.message) for w in record if issubclass(w.category, LaterStepSkippedWarning)]
    past = re.match(r"step 2 of 3 in cycle 1 of 2, 'Charge at 0\.1 W until 2\.8 V' is skipped: the cell starts "
                    r"(\S+) V past its step's cut-off \(Voltage > 2\.8 \[V\]\) under its power at the start", said)
    assert past and 0.5 < float(past.group(1)) < 1.5, said
    assert "A smaller current or power" in said and "once per step" in said, said
    # a power step's text says power (review R14: "under its current", "a current of the other sign")
    assert "under its current" not in said and "a power of the other sign runs the other way" in said, said
    assert not [w for w in record if issubclass(w.category, StartOutsideWindowWarning)]


def test_a_step_cut_off_is_known_by_pybamms_name_and_a_custom_termination_is_not():
    """A step's voltage cut-off event is known by one rule, the name PyBaMM gives it ("until 2800 mV" is "Voltage <
    2.8 [V] [experiment]", the battery's voltage whatever its cells in series), which the start-outside-window message
    and the later-step overshoot rule share. A custom termination named "Voltage drop" (PyBaMM: "Voltage drop
    [experiment]") is not one: the message's own rule (its first word and "[experiment]", session 51) took it for one,
    its gap for a battery voltage past a cut-off, while the overshoot rule did not (session 52)."""
    from pybamm_aea.models import start_advice as ec

    def names(step):
        return [t.get_event_name(step) for t in step.termination]

    assert names(pybamm.step.string("Discharge at 1C until 2800 mV")) == ["Voltage < 2.8 [V] [experiment]"]
    for text in ("Discharge at 1C until 2800 mV", "Discharge at 0.1C until 2.0 V", "Charge at 0.1 W until 2.8 V"):
        assert all(ec._is_step_cut_off(name) for name in names(pybamm.step.string(text))), text
    custom = pybamm.step.CustomTermination("Voltage drop", lambda variables: variables["Voltage [V]"] - 1.0)
    current_cut_off = names(pybamm.step.string("Hold at 2.8 V until 50 mA"))
    assert current_cut_off == ["abs(Current [A]) < 0.05 [A] [experiment]"]
    assert not [name for name in [*names(pybamm.step.current(1e-5, termination=[custom])), *current_cut_off]
                if ec._is_step_cut_off(name)]



def test_a_step_cut_off_given_as_an_input_is_known_and_compared_by_its_name():
    """A cut-off given as an input parameter is named by the symbol ("Voltage < Lower step cut-off [V] [V]
    [experiment]", "Voltage < V_min [V] [experiment]"): the one rule (session 52) took only a value without spaces,
    so a step starting past such a cut-off was skipped without its warning, and the later-step rule read "V_min" as a
    number: ValueError out of Simulation.solve, no solution (review R16). LMS at 0.1C to the input's 2.0 V, then at
    2C to the same cut-off, which its losses put past at the start: solved, the second step skipped as with a
    number (the same cut-off the step before ended on: not warned); pristine LMS at 0.1C to 2.4 V starts past it:
    warned with the input's name."""
    from pybamm_aea.models import start_advice as ec

    spaced = "Voltage < Lower step cut-off [V] [V] [experiment]"
    assert ec._is_step_cut_off(spaced) and ec._STEP_CUT_OFF_NAME.match(spaced)[2] == "Lower step cut-off [V]"
    assert ec._ended_past_already("event: Voltage < V_min [V] [experiment]", {"Voltage < V_min [V] [experiment]": -0.1})
    assert not ec._ended_past_already("event: Voltage < V_min [V] [experiment]",
                                      {"Voltage < 2.0 [V] [experiment]": -0.1})  # (undecided: warned)
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    capacity = values["Nominal cell capacity [A.h]"]
    for name in ("V_min", "Lower step cut-off [V]"):
        cut_off = pybamm.step.VoltageTermination(pybamm.InputParameter(name), "<")
        experiment = pybamm.Experiment([(pybamm.step.current(0.1 * capacity, termination=cut_off),
                                         pybamm.step.current(2 * capacity, termination=cut_off))])
        sol = pybamm.Simulation(AEA(), parameter_values=values, experiment=experiment).solve(inputs={name: 2.0})
        assert [s.termination for s in sol.cycles[0].steps] == [
            f"event: Voltage < {name} [V] [experiment]", "Event exceeded in initial conditions"], name
    cut_off = pybamm.step.VoltageTermination(pybamm.InputParameter("Lower step cut-off [V]"), "<")
    experiment = pybamm.Experiment([(pybamm.step.current(0.1 * capacity, termination=cut_off),)])
    with pytest.warns(StartOutsideWindowWarning, match=r"0\.059\d* V past its step's cut-off \(Voltage < Lower step"):
        pybamm.Simulation(AEA(), parameter_values=values, experiment=experiment).solve(
            inputs={"Lower step cut-off [V]": 2.4})

def test_a_later_step_past_the_cut_off_the_step_before_overshot_is_not_warned():
    """S-LMS, "Charge at 0.5C until 3.0 V" twice in a row (review R14, session 51): the first ends on its 3.0 V event
    1.74 mV past it (IDA locates an event to its tolerance, more than rtol x 3 V here), and PyBaMM skips the second,
    the cell where the step before left it: its ordinary skip, which LaterStepSkippedWarning had named with advice to
    lower the current. Not warned now; the skip itself is PyBaMM's, unchanged. Whether IDA's event lands past 3.0 V
    is the processor's round-off (1.74 mV past on sessions 45-59's, 0.11 mV short on session 60's): the skip is
    checked where it lands past; the second case below puts the cell past its cut-off on every processor."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    down, up, hold = "Discharge at 0.5C until 1.0 V", "Charge at 0.5C until 3.0 V", "Hold at 3.0 V until C/20"
    experiment = pybamm.Experiment([(down, up, hold), (down, up, up, hold)])  # (cycle 2's charge overshoots)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        sol = pybamm.Simulation(AEA(), parameter_values=values, experiment=experiment).solve()
    first, second = sol.cycles[1].steps[1:3]
    if first["Voltage [V]"].entries[-1] - 3.0 > 1e-4 * 3.0:  # (past it: PyBaMM skips the second)
        assert second.termination == "Event exceeded in initial conditions", second.termination
    else:  # (short of it: the second charge runs on to it)
        assert second["Voltage [V]"].entries[-1] >= 3.0 - 1e-4 * 3.0, second["Voltage [V]"].entries[-1]
    assert not [str(w.message) for w in record if issubclass(w.category, LaterStepSkippedWarning)]
    # a charge "until" a voltage below the one the charge before ended on: the cell already past it, where that
    # charge left it (2.9 V after 3.0 V: 0.1 V past under the same current, its open circuit inside 2.9 V)
    with warnings.catch_warnings():
        warnings.simplefilter("error", LaterStepSkippedWarning)
        sol = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment(
            [(down, up, "Charge at 0.5C until 2.9 V", "Rest for 1 minute")])).solve()
    assert sol.cycles[0].steps[2].termination == "Event exceeded in initial conditions"


def test_a_later_step_past_its_cut_off_after_a_step_not_ended_on_that_cut_off_is_warned():
    """The step before's overshoot silences the warning only where that step ended on its own cut-off on the same
    side (review R15): LMS discharged at 5C for 20 s (ended on its duration at 2.1309 V), then "Discharge at 1C until
    2.2 V" starts 2.78 mV past 2.2 V by its own losses (its open circuit 2.31 V; at 0.5C it runs): warned, as before
    the overshoot rule. Two cells in series, a charge "until 5.2 V" then "Discharge at 100C until 4.8 V": a battery's
    voltage against a cell's had silenced every discharge's warning there; the events' names are the battery's."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    steps = ("Discharge at 5C for 20 seconds", "Discharge at 1C until 2.2 V", "Rest for 1 minute")
    with pytest.warns(LaterStepSkippedWarning, match=r"step 2 of 3 in cycle 1 of 1, 'Discharge at 1C until 2\.2 V' "
                                                     r"is skipped"):
        sol = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment([steps])).solve()
    assert sol.cycles[0].steps[0].termination == "final time"
    battery = values.copy()
    battery.update({"Number of cells connected in series to make a battery": 2})  # (cut-offs are a cell's)
    steps = ("Discharge at 0.1C until 4.0 V", "Charge at 0.1C until 5.2 V", "Discharge at 100C until 4.8 V",
             "Rest for 1 minute")
    with pytest.warns(LaterStepSkippedWarning, match=r"'Discharge at 100C until 4\.8 V' is skipped: the cell starts "
                                                     r"\S+ V of the battery's voltage \(2 cells in series\)"):
        pybamm.Simulation(AEA(), parameter_values=battery, experiment=pybamm.Experiment([steps])).solve()


def test_a_step_that_starts_past_its_own_cut_off_is_told_to_move_the_step_not_the_window():
    """A step's own cut-off ("until 2.4 V") is not the window's: no "Lower/Upper voltage cut-off [V]" moves it, yet
    the warning said "a smaller current or power, a lower loading or a wider window" (session 40). Pristine Mo6S8
    discharged at 0.1C "until 2.4 V" starts 0.0594 V past it, its open circuit past it too: no current helps, the
    step's cut-off does; on Li-In, with the model's own values, it was told to take those values (0.6794 V past), now
    that a step's cut-off is a cell voltage. AEA_LiFePO4's 0.1C charge "until 4.0 V" starts 0.2779 V past it by its
    losses: a smaller current, a lower loading or the step's cut-off. AEA_Li4Ti5O12's 0.1C discharge "until 1.0 V"
    is taken to -13.66 V by its losses, where no window nor cut-off lies: the current or loading only."""
    rest = "Rest for 1 minute"
    move = "the step's cut-off (its \"until\" voltage) moved past the voltage the cell starts at"
    not_window = "; the window (\"Lower/Upper voltage cut-off [V]\") does not end this step"
    at_open_circuit = warned(AEA(), pybamm.ParameterValues("Li2021_Mo6S8"), "Discharge at 0.1C until 2.4 V", rest)
    said = "Its open-circuit voltage is past that cut-off too, so no smaller current or loading lets the step start: "
    assert said + move + " does" + not_window in at_open_circuit, at_open_circuit
    li_in = AEA({"anode": "Li-In"})
    on_li_in = warned(li_in, li_in.default_parameter_values, "Discharge at 0.1C until 2.4 V", rest)
    assert said + move + " does" + not_window in on_li_in, on_li_in
    assert "On the Li-In anode a step's cut-off is a cell voltage, 0.62 V below the cathode's vs Li" in on_li_in
    by_losses = warned(AEA(), pybamm.ParameterValues("AEA_LiFePO4"), "Charge at 0.1C until 4.0 V", rest)
    assert "A smaller current or power, a lower loading or " + move + " lets the cell start" + not_window in by_losses
    below_zero = warned(AEA(), pybamm.ParameterValues("AEA_Li4Ti5O12"), "Discharge at 0.1C until 1.0 V", rest)
    assert re.search(r"A smaller current or power, a lower loading \(the losses take the cell to -13\.\d+ V, where no "
                     r"step's cut-off lies: a step's is above 0 V and at most 6 V\) lets the cell start", below_zero)
    for text in (at_open_circuit, on_li_in, by_losses, below_zero):
        assert "wider window" not in text and "default_parameter_values" not in text, text


def test_a_cell_its_losses_take_where_no_cut_off_lies_is_not_told_a_window_and_its_open_circuit_is_said():
    """AEA_Li4Ti5O12 at 0.1C is taken to -13.66 V by its losses: Simulation.solve's error advised "a smaller current
    or power, a lower loading or a wider window", and no window lies below 0 V. Discharged "until 2.0 V", its open
    circuit (1.608 V) past that cut-off too, the warning said a smaller current alone lets it start; AEA_LiFePO4
    charged at 1C "until 4.0 V" (12.42 V) was told to move the step's cut-off and widen its window past it, the
    window at most 6 V, the step's cut-off 7 V (session 41): now the current or loading, with the step's cut-off
    where the open circuit is past it. A step's cut-off is at most 6 V (session 41, AF): a cell its losses take to
    6.54 V past its step's cut-off is told the current or loading; past only the window's event, which an
    experiment moves 1 V out (up to 7 V), a wider window too. Past a step's cut-off the warning said "where no window
    nor cut-off lies: a cell's are above 0 V and at most 6 V", at 6.54 V where the window's event may lie (session
    42): it says no step's cut-off lies there."""
    values = pybamm.ParameterValues("AEA_Li4Ti5O12")
    losses = (r"A smaller current or power, a lower loading \(the losses take the cell to -13\.\d+ V, where no window "
              r"nor cut-off lies: a cell's are above 0 V and at most ")
    # past a step's cut-off: where no step's cut-off lies (at most 6 V, the window's margin or not)
    past_step = (r"A smaller current or power, a lower loading \(the losses take the cell to -13\.\d+ V, where no "
                 r"step's cut-off lies: a step's is above 0 V and at most 6 V\)")
    solve_values = values.copy()
    solve_values["Current function [A]"] = 0.1 * values["Nominal cell capacity [A.h]"]
    with pytest.raises(pybamm.SolverError) as solve_error:
        pybamm.Simulation(AEA(), parameter_values=solve_values).solve([0, 600])
    assert re.search(losses + r"6 V\) lets the cell start", str(solve_error.value)), solve_error.value
    assert "wider window" not in str(solve_error.value), solve_error.value
    rest = "Rest for 1 minute"
    said = warned(AEA(), values, "Discharge at 0.1C until 2.0 V", rest)
    assert re.search(past_step + ", and the step's cut-off \\(its \"until\" voltage\\) moved past the "
                     "open-circuit voltage, which is past it too, let the cell start together", said), said
    said = warned(AEA(), pybamm.ParameterValues("AEA_LiFePO4"), "Charge at 1C until 4.0 V", rest)
    assert re.search(past_step.replace("-13", "12") + " lets the cell start", said), said
    assert "wider window" not in said and "moved past" not in said, said
    # at 6.54 V (0.35C) no step's cut-off (at most 6 V) reaches: the current or loading is said
    said = warned(AEA(), pybamm.ParameterValues("AEA_LiFePO4"), "Charge at 0.35C until 4.0 V", rest)
    assert re.search(past_step.replace("-13", "6") + " lets the cell start", said), said
    assert "moved past" not in said and "no window" not in said, said
    # past only the window's event, which the experiment moved 1 V out (a window at 6 V puts it at 7 V): a wider
    # window lets the cell start
    with pytest.raises(pybamm.SolverError) as window_error:
        pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("AEA_LiFePO4"), experiment=pybamm.Experiment(
            [("Charge at 0.35C for 1 minute", "Rest for 1 minute")])).solve()
    assert "the cell starts 2.5" in str(window_error.value) and "above its upper cut-off" in str(window_error.value)
    assert "or a wider window (\"Lower/Upper voltage cut-off [V]\") lets the cell start" in str(window_error.value)
    assert "where no window nor cut-off lies" not in str(window_error.value), window_error.value


def _thick_tis2_on_li_in(foil):
    """TiS2 at 15x the set's loading (22.5 mg/cm2, ~3.6 mA.h/cm2) discharged at 0.1C to 1.0 V vs Li on
    the Li-In anode with ``foil`` mol/m2 of Li foil behind the In (None: the set's, the paper's 80 um)."""
    from pybamm_aea.parameters.paper_cell import li_in_cut_offs

    model = pybamm_aea.AEA({"anode": "Li-In"})
    values = pybamm.ParameterValues("Li2021_TiS2")
    values.update(li_in_cut_offs(values))
    values.update({name: 15 * values[name] for name in ("Cathode loading [kg.m-2]", "Nominal cell capacity [A.h]")})
    if foil is not None:
        values["Li-In anode Li foil amount [mol.m-2]"] = foil
    low = values["Lower voltage cut-off [V]"]
    experiment = pybamm.Experiment([f"Discharge at 0.1C until {low} V"])
    sol = pybamm.Simulation(model, parameter_values=values, experiment=experiment).solve()
    return sol, values


def test_li_foil_keeps_the_li_in_alloy_on_its_plateau():
    """The paper's anode is 30 um In on 80 um Li: the foil (16.5 mA.h/cm2) refills the alloy, so a
    3.6 mA.h/cm2 TiS2 electrode discharges to its cut-off with the alloy at its initial Li:In ratio, and
    the Li leaving the anode comes from the foil, mol for mol. Without the foil the In's own Li (0.5 Li
    per In of a 30 um foil, 2.56 mA.h/cm2) runs out first and the step ends on the anode's event.
    Catches: the foil's Li left out of the anode (every Li-In cell above 2.56 mA.h/cm2 capped there:
    TiS2 at 20 mg/cm2 gave 128 instead of 176 mA.h/g), or a foil that is not drawn on."""
    sol, values = _thick_tis2_on_li_in(None)
    assert sol.termination.endswith("[experiment]")  # the step's cut-off
    y = sol["Li-In anode Li:In ratio"].entries
    np.testing.assert_allclose(y, values["Initial Li-In anode Li:In ratio"], atol=1e-3)
    foil = sol["Li-In anode Li foil [mol.m-2]"].entries
    passed = sol["Discharge capacity [A.h]"].entries * 3600 / F / values["Electrode width [m]"] ** 2
    np.testing.assert_allclose(foil[0] - foil, passed, rtol=1e-6, atol=1e-9)
    assert passed[-1] > values["Li-In anode indium amount [mol.m-2]"] * values["Initial Li-In anode Li:In ratio"]

    bare, _ = _thick_tis2_on_li_in(0.0)
    assert bare.termination == "event: Li-In anode depleted of Li"
    q_bare = bare["Discharge capacity [A.h]"].entries[-1] * 3600 / F / values["Electrode width [m]"] ** 2
    assert q_bare == pytest.approx(values["Li-In anode indium amount [mol.m-2]"] * values["Initial Li-In anode Li:In ratio"],
                                   rel=1e-3)


@pytest.mark.slow
def test_lithium_and_charge_are_conserved():
    # the LMS window vs Li-In (0.62 V below Li): at 1.8 V vs Li-In the discharge stopped after 9e-11 mol
    low, high = li_in_window(1.8, 2.8)
    sol, values = run(
        "Li2021_Mo6S8",
        [f"Discharge at 0.5C until {low:g} V", "Rest for 10 minutes", f"Charge at 0.5C until {high:g} V"],
        options={"anode": "Li-In"},
    )
    n_c = sol["Total lithium in cathode [mol]"].entries
    n_a = sol["Total lithium in anode [mol]"].entries
    Q = sol["Discharge capacity [A.h]"].entries
    passed = Q * 3600 / F
    # to the solver's tolerance (rtol 1e-4 on the multi-phase default, whose solver variable is the
    # log of the content at the Li0 end; measured 4.3e-7 of the Li passed); a lost or doubled source
    # term, or Li booked in two places, is of the order of the Li passed
    assert np.abs(passed).max() > 1e-6  # the discharge ran (5.6e-6 mol is the 4-Li capacity)
    tol = 1e-4 * np.abs(passed).max()
    np.testing.assert_allclose(n_c - n_c[0], passed, rtol=0, atol=tol)
    np.testing.assert_allclose(n_c + n_a, n_c[0] + n_a[0], rtol=0, atol=tol)


@pytest.mark.slow
def test_zero_current_keeps_the_state():
    sol, _ = run("Li2021_Mo6S8", ["Discharge at 0.1C for 2 hours", "Rest for 5 hours"])
    rest = all_steps(sol)[1]
    x_av = rest["Average cathode Li content"].entries
    np.testing.assert_allclose(x_av, x_av[0], rtol=1e-8)
    # at rest the voltage relaxes to the open-circuit voltage of the (equilibrated) cathode
    assert rest["Voltage [V]"].entries[-1] == pytest.approx(
        rest["Bulk open-circuit voltage [V]"].entries[-1], abs=2e-3
    )


def test_infinite_diffusivity_limit_follows_the_ocp():
    """With D x 1e3 and a small current the voltage tends to the bulk OCV."""
    values = pybamm.ParameterValues("Li2021_TiS2")
    D = values["Cathode Li diffusivity [m2.s-1]"]
    values["Cathode Li diffusivity [m2.s-1]"] = lambda x, T: 1e3 * D(x, T)
    sim = pybamm.Simulation(
        AEA(LEVER), parameter_values=values,
        experiment=pybamm.Experiment(["Discharge at 0.01C until 1.5 V"]),
    )
    sol = sim.solve()
    V = sol["Voltage [V]"].entries
    ocv = sol["Bulk open-circuit voltage [V]"].entries
    x = sol["Average cathode Li content"].entries
    mid = (x > 0.05) & (x < 0.95)
    assert np.max(np.abs(V[mid] - ocv[mid])) < 5e-3
    assert np.max(np.abs(sol["Cathode diffusion overpotential [V]"].entries[mid])) < 1e-3


@pytest.mark.slow
def test_infinite_conductivity_limit():
    # 0.5C: a pristine discharge whose outcome does not depend on the mesh (1C's does, see above)
    ohmic, values = run("Li2021_Mo6S8", ["Discharge at 0.5C until 1.8 V"],
                        updates={"Cathode electronic conductivity [S.m-1]": 1e12})
    infinite, _ = run("Li2021_Mo6S8", ["Discharge at 0.5C until 1.8 V"],
                      options={"electronic conduction": "infinite"})
    assert np.max(np.abs(ohmic["Cathode electronic ohmic overpotential [V]"].entries)) < 1e-9
    assert ohmic["Discharge capacity [A.h]"].entries[-1] == pytest.approx(
        infinite["Discharge capacity [A.h]"].entries[-1], rel=1e-4
    )


def test_poor_conductor_has_textbook_ohmic_drop():
    """Uniform filling gives eta_e = i L / (2 sigma); a poor conductor's drop is visible.

    The ions' conductivity is set to 0 so that electrons alone carry the drop (TiS2's Nernst-Einstein
    ionic conductivity, ~0.06 S/m, would otherwise exceed this sigma and the ions would carry the
    current by migration: the coupled case, tested in test_materials_coupling.py)."""
    sigma = 1e-3  # S/m, an NMC-like compact (Table S4 order)
    sol, values = run("Li2021_TiS2", ["Discharge at 0.1C for 1 hour"],
                      updates={"Cathode electronic conductivity [S.m-1]": sigma,
                               "Cathode ionic conductivity [S.m-1]": 0.0})
    i = sol["Total current density [A.m-2]"].entries[-1]
    L = sol["Cathode thickness [m]"].entries[-1]
    eta = sol["Cathode electronic ohmic overpotential [V]"].entries[-1]
    assert eta == pytest.approx(i * L / (2 * sigma), rel=0.05)


def test_ionic_current_starts_at_zero_at_the_collector_on_a_clustered_mesh():
    """I_ion(X) = F int_0^X s dX' on the lever rule's 10 clustered cells: for uniform filling (a fast host) it is i X / L
    at every node, so the electrons' drop is i L / (2 sigma_e) to 1e-5, and the ionic current extrapolated to the
    ion-blocking collector is 0. PyBaMM's edge-to-node integral alone put its first node at half the first node
    spacing (exact on a uniform mesh only): the ionic current 0.95 % of i low everywhere, -0.0095 i at the
    collector, and the drop 1.9 % above i L / (2 sigma_e)."""
    sol, _ = run("Li2021_Mo6S8", ["Discharge at 1C for 20 minutes"], options={"host thermodynamics": "lever rule"},
                 updates={"Cathode Li diffusivity factor": 1e3})
    k = len(sol.t) // 2
    i = sol["Total current density [A.m-2]"].entries[k]
    L = sol["Cathode thickness [m]"].entries[k]
    xi = sol["Cathode depth [m]"].entries[:, k] / L
    assert xi[1] - xi[0] > 1.5 * (xi[-1] - xi[-2])  # clustered toward the separator
    i_ion = sol["Cathode ionic current density [A.m-2]"].entries[:, k]
    np.testing.assert_allclose(i_ion / i, xi, atol=1e-5)
    sigma = sol["Cathode electronic conductivity [S.m-1]"].entries[k]
    eta = sol["Cathode electronic ohmic overpotential [V]"].entries[k]
    assert eta == pytest.approx(i * L / (2 * sigma), rel=1e-5)


@pytest.mark.slow
def test_every_overpotential_dissipates(lms):
    """Second law: each loss takes energy from the cell, eta x I >= 0, on discharge (I > 0, the voltage
    below the open-circuit voltage) and on charge (I < 0, above it). Catches: the sign of any one
    overpotential (an anode or film term that would then lift a discharge voltage)."""
    parts = [
        "Cathode interface overpotential [V]", "Li0 film overpotential [V]",
        "Cathode electronic ohmic overpotential [V]", "Separator ohmic overpotential [V]",
        "Anode interface overpotential [V]",
    ]
    for step, sign in zip(lms, (1, -1, 1)):
        I = step["Current [A]"].entries
        assert np.all(np.sign(I) == sign)
        for part in parts:
            if part == "Cathode electronic ohmic overpotential [V]":
                # on the multi-phase host the electrons also carry the internal redistribution
                # current of the moving phase boundaries (ambipolar: Li moves down its chemical
                # potential, electrons along with it), so the drop follows the electron current,
                # not the terminal current, and its local dissipation sigma_e E^2 >= 0 holds by
                # construction. Mo6S8 conducts 1.4e5 S/m: the drop stays below 1 uV (measured
                # |3e-10| V); its sign and size are tested on a poor conductor
                # (test_poor_conductor_has_textbook_ohmic_drop).
                assert np.all(np.abs(step[part].entries) < 1e-6), part
                continue
            assert np.all(step[part].entries * sign >= -1e-12), part
        below = step["Open-circuit voltage [V]"].entries - step["Voltage [V]"].entries
        assert np.all(below * sign > 0)


@pytest.mark.slow
def test_voltage_hold_and_esc_variables():
    sol, values = run("Li2021_Mo6S8", ["Discharge at 0.2C until 1.8 V", "Hold at 1.8 V until C/50"])
    hold = all_steps(sol)[1]
    np.testing.assert_allclose(hold["Voltage [V]"].entries, 1.8, atol=1e-6)
    # per g of the whole electrode: the set's loading on its area (1.5 mg/cm2 on 0.785 cm2)
    mass_g = values["Cathode loading [kg.m-2]"] * values["Electrode width [m]"] * values["Electrode height [m]"] * 1e3
    assert electrode_mass_volume(sol)[0] == pytest.approx(mass_g, rel=1e-12)
    esc = sol["Electrode specific capacity [mA.h.g-1]"].entries[-1]
    assert esc == pytest.approx(sol["Discharge capacity [A.h]"].entries[-1] * 1e3 / mass_g)


@pytest.mark.slow
def test_input_parameters_need_no_rebuild():
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode loading [kg.m-2]": "[input]", "Ambient temperature [K]": "[input]"})
    sim = pybamm.Simulation(AEA(), parameter_values=values)
    caps = []
    for loading in (1e-2, 5e-2):
        sol = sim.solve([0, 36000], inputs={"Cathode loading [kg.m-2]": loading, "Ambient temperature [K]": 343.15})
        caps.append(sol["Cathode capacity [A.h]"].entries[0])
    assert caps[1] == pytest.approx(5 * caps[0])


@pytest.mark.slow
@pytest.mark.parametrize("anode", ["lithium metal", "Li-In"])
@pytest.mark.parametrize("T_C,c_rate,loading_mg", [(25, 5, 15), (70, 0.05, 1), (25, 0.05, 15), (70, 5, 1)])
def test_robust_over_the_operating_window(anode, T_C, c_rate, loading_mg):
    cut = 1.2 if anode == "Li-In" else 1.8
    sol, _ = run(
        "Li2021_Mo6S8",
        [f"Discharge at {c_rate}C until {cut} V", f"Charge at {c_rate}C until {cut + 1.0} V"],
        options={"anode": anode},
        updates={
            "Ambient temperature [K]": 273.15 + T_C,
            "Cathode loading [kg.m-2]": loading_mg * 1e-2,
            "Nominal cell capacity [A.h]": 0.1517e-3 * loading_mg / 1.5,
        },
    )
    # a step that cannot start (e.g. 5C at 25 C on 15 mg/cm2: ~2 V of separator drop alone) is
    # skipped by PyBaMM as infeasible; every step that runs ends on its voltage cut-off
    steps = [] if isinstance(sol, pybamm.EmptySolution) else all_steps(sol)
    assert all("Voltage" in s.termination for s in steps), [s.termination for s in steps]
    if T_C == 70 or c_rate < 1:
        assert len(steps) == 2


def test_bad_options_are_named():
    with pytest.raises(pybamm.OptionError, match="'Li-Sn'"):
        AEA({"anode": "Li-Sn"})
    with pytest.raises(pybamm.OptionError, match="'cathode colour'"):
        AEA({"cathode colour": "blue"})


@pytest.mark.slow
def test_default_simulation_solves_with_no_argument():
    sim = pybamm.Simulation(pybamm_aea.AEA())
    sol = sim.solve([0, 3600])
    assert sol["Voltage [V]"].entries[-1] < sol["Voltage [V]"].entries[0]


@pytest.mark.slow
@pytest.mark.parametrize("host", ["lms", "lms_lever"])
def test_kernel_phase_map_matches_model_variables(host, request):
    """The compiled kernel over the mesh equals the model's symbolic averaged fractions, on each
    host with its own windows (the multi-phase host's binodals, the lever rule's line compounds)
    picked from the solution's model. Catches: the wrong windows for a host (the default host's
    fractions read with the other host's phase diagram), the cell widths left out."""
    from pybamm_aea.phases import MO6S8_PHASES, average_phase_fractions

    first = request.getfixturevalue(host)[0]
    t, fractions = average_phase_fractions(first)
    assert fractions.shape == (t.size, 4)
    for k, name in enumerate(MO6S8_PHASES):
        np.testing.assert_allclose(
            fractions[:, k], first[f"Average cathode {name} phase fraction"].entries, atol=1e-9
        )


def test_phase_map_reads_li_past_x_max_as_li4(monkeypatch):
    """The multi-phase Mo6S8 host's Li4 end is electron-limited: below 1.0 V vs Li its content goes on past
    x_max = 4 (measured 4.005 at 0.7 V, 0.2C), still Li4 in the model's own fractions; the kernel's map of
    the same solution refused it as outside the windows [0, 4]. It now gives the variables' map. (A step's cut-off
    below 1.0 V vs Li is refused since session 63, step_checks.check_cut_off_in_host_window: let through here, to
    reach the overfilled host the map must still read; so is the set's lower cut-off, since review R51.)"""
    from pybamm_aea.models import step_checks
    from pybamm_aea.phases import MO6S8_PHASES, average_phase_fractions

    monkeypatch.setattr(step_checks, "check_cut_off_in_host_window", lambda *args: None)
    monkeypatch.setattr(step_checks, "check_lower_cut_off_in_host_window", lambda *args: None)
    model = AEA()
    values = model.default_parameter_values
    values.update({"Lower voltage cut-off [V]": 0.5})
    sol = pybamm.Simulation(model, parameter_values=values,
                            experiment=pybamm.Experiment(["Discharge at 0.2C until 0.7 V"])).solve()
    assert sol["Cathode free Li content"].entries.max() > 4.001
    _, fractions = average_phase_fractions(sol)
    for k, name in enumerate(MO6S8_PHASES):
        np.testing.assert_allclose(fractions[:, k], sol[f"Average cathode {name} phase fraction"].entries, atol=1e-9)
    assert fractions[-1, 3] == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("options", [{}, LEVER], ids=["multi-phase", "lever rule"])
def test_phase_map_is_zero_on_a_host_without_the_lixmo6s8_phases(options):
    """TiS2 has none of LixMo6S8's phases: its phase-fraction variables are 0 (read against
    Mo6S8's windows, half-lithiated TiS2 was half Li0, half Li1), the indicator says so, and the
    kernel's map asks for the host's own windows, with which it gives one phase throughout.
    Catches: the indicator inverted (Mo6S8's map zeroed: the kernel-map test fails) or dropped."""
    from pybamm_aea.phases import MO6S8_PHASES, average_phase_fractions

    sol, _ = run("Li2021_TiS2", ["Discharge at 0.5C for 1 hour"], options=options)
    x_av = sol["Average cathode Li content"].entries[-1]
    assert 0.2 < x_av < 0.8  # inside Mo6S8's Li0/Li1 region, where the old map read Li0 and Li1
    assert sol["Cathode host has the LixMo6S8 phases"].entries[0] == 0
    for name in MO6S8_PHASES:
        assert np.all(sol[f"Cathode {name} phase fraction"].entries == 0)
        assert np.all(sol[f"Average cathode {name} phase fraction"].entries == 0)
    with pytest.raises(ValueError, match="no LixMo6S8 phases.*give windows"):
        average_phase_fractions(sol)
    _, fractions = average_phase_fractions(sol, windows=((0.0, 1.0),))
    np.testing.assert_allclose(fractions, 1.0, atol=1e-12)


@pytest.mark.slow
@pytest.mark.parametrize(
    "parameter_set,step,updates",
    [
        # the multi-phase host's transport-limited case: the 30.9 um electrode stops on its Li3/Li4
        # front (test_high_loading_lms_delivers_most_capacity), so the capacity depends on how the
        # mesh resolves the Li4 layer at the separator. (The former case, 5C at 25 C, delivers
        # < 1e-4 of the capacity on this host before Li1 nucleates: no profile to converge.)
        ("Li2021_Mo6S8", "Discharge at 0.1C until 1.8 V", "high loading"),
        ("Li2021_TiS2", "Discharge at 1C until 1 V", None),
        ("Li2021_S_Mo6S8", "Discharge at 0.1C until 1 V", None),
    ],
)
def test_default_mesh_is_converged(parameter_set, step, updates):
    """The default mesh (20 cells stretched toward the separator on the multi-phase host) gives the
    capacity of a 40-cell mesh within 0.5 %. Catches: a default mesh too coarse for the layer
    that sets the capacity."""
    from pybamm_aea.models.submodels import xi

    updates = Li2021_Mo6S8.high_loading_updates() if updates == "high loading" else updates
    coarse, _ = run(parameter_set, [step], updates=updates)
    fine, _ = run(parameter_set, [step], updates=updates, var_pts={xi: 40})
    q = [s["Discharge capacity [A.h]"].entries[-1] for s in (coarse, fine)]
    assert q[0] == pytest.approx(q[1], rel=5e-3)


@pytest.mark.parametrize(
    "name,value,message",
    [
        ("Cathode porosity", 1.2, r"'Cathode porosity' = 1.2 is outside its physical range \[0, 1\)"),
        ("Cathode porosity", -0.1, "'Cathode porosity' = -0.1"),
        ("Cathode loading [kg.m-2]", -0.01, r"'Cathode loading \[kg.m-2\]' = -0.01"),
        ("Ambient temperature [K]", 0.0, r"'Ambient temperature \[K\]' = 0.0"),
        ("Dispersed material mass fraction", 1.0, "'Dispersed material mass fraction' = 1.0"),
        ("Initial Li-In anode Li:In ratio", 1.5, "'Initial Li-In anode Li:In ratio' = 1.5"),
        ("Li-In anode Li foil amount [mol.m-2]", -1.0, r"'Li-In anode Li foil amount \[mol.m-2\]' = -1.0"),
        # a 20 um domain in a 5.4 um electrode (it ran: 137 mA.h/g of LTO-LMS in a 3.9 um one)
        ("Dispersed material domain radius [m]", 10e-6,
         r"'Dispersed material domain radius \[m\]' = 1e-05 .*'half the cathode thickness \[m\]' = 2.\d+e-06"),
    ],
)
def test_out_of_range_parameters_fail_before_solving(name, value, message):
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    values[name] = value
    sim = pybamm.Simulation(AEA({"anode": "Li-In"}), parameter_values=values)
    with pytest.raises(ValueError, match=message):
        sim.build()


def test_a_pure_host_has_no_domain_radius_bound():
    """The domain-size bound is the dispersed material's: a pure host (TiS2, no dispersed material, whose radius
    enters nothing) builds at a loading where the bound would be 35 nm (it was refused by a radius it has not): the
    loading range's least, 0.02 mg/cm2 (1e-5 kg/m2, 1.7 nm, until session 52's lower bound)."""
    from pybamm_aea.ranges import CATHODE_LOADING

    values = pybamm.ParameterValues("Li2021_TiS2")
    values["Cathode loading [kg.m-2]"] = CATHODE_LOADING.low
    pybamm.Simulation(AEA(), parameter_values=values).build()
    values = pybamm.ParameterValues("Li2021_LTO_Mo6S8")  # with it, the bound holds
    values["Cathode loading [kg.m-2]"] = CATHODE_LOADING.low
    with pytest.raises(ValueError, match="half the cathode thickness"):
        pybamm.Simulation(AEA(), parameter_values=values).build()


@pytest.mark.slow
def test_batch_study_and_dynamic_plot(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    models = {"Li": AEA(), "Li-In": AEA({"anode": "Li-In"})}
    values = {k: pybamm.ParameterValues("Li2021_Mo6S8") for k in models}
    experiments = {
        "Li": pybamm.Experiment(["Discharge at 0.1C until 1.8 V"]),
        "Li-In": pybamm.Experiment(["Discharge at 0.1C until 1.2 V"]),
    }
    study = pybamm.BatchStudy(models=models, parameter_values=values, experiments=experiments, permutations=False)
    study.solve()
    caps = [sim.solution["Discharge capacity [A.h]"].entries[-1] for sim in study.sims]
    assert caps[0] == pytest.approx(caps[1], rel=0.01)
    sim = pybamm.Simulation(AEA())
    sim.solve([0, 3600])
    plot = pybamm.dynamic_plot(sim, show_plot=False)
    plot.plot(0.5)
    plot.fig.savefig(tmp_path / "plot.png")
    assert (tmp_path / "plot.png").stat().st_size > 0


def test_an_experiment_that_ran_no_step_says_why_when_read():
    """Trial AW: "Nominal cell capacity [A.h]" = 0.15 (meant in mA.h: the LMS cell's is 0.1517 mA.h) made 0.1C
    0.015 A, 99C of the cathode; the discharge started past its cut-off, PyBaMM skipped it (the
    StartOutsideWindowWarning said how far) and returned an EmptySolution, whose reading raised "TypeError:
    'EmptySolution' object is not subscriptable". Now the reading says no step ran and names the nominal capacity,
    the current and the cathode's capacity; with a charge in the cycle (PyBaMM's own SolverError at the solve) its
    error names them too."""
    from pybamm_aea.models.experiment_checks import ExperimentNotStartedError

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    capacity = values["Nominal cell capacity [A.h]"]  # (the set's: the cathode's capacity)
    values["Nominal cell capacity [A.h]"] = 0.15
    said = (r"a C-rate is of \"Nominal cell capacity \[A.h\]\" = 0.15 A.h: 0.1C is 0.015 A, 98.9C of the cathode's "
            r"capacity \(\"Positive electrode capacity \[A.h\]\" = 0.0001517 A.h\): the nominal capacity is 989 times "
            r"the cathode's")
    assert capacity == pytest.approx(0.0001517, rel=1e-3)
    sim = pybamm.Simulation(AEA(), parameter_values=values,
                            experiment=pybamm.Experiment(["Discharge at 0.1C until 1.8 V"]))
    with pytest.warns(StartOutsideWindowWarning):
        solution = sim.solve()
    assert isinstance(solution, pybamm.EmptySolution) and sim.solution is solution
    for read in (solution, sim.solution):
        with pytest.raises(ExperimentNotStartedError, match=r"the solution holds no 'Voltage \[V\]': no step of the "
                           r"experiment ran: PyBaMM skipped its step \(Discharge at 0.1C until 1.8 V\) as starting "
                           r"past its cut-off.*" + said):
            read["Voltage [V]"]
    sim = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment(
        [("Discharge at 0.1C until 1.8 V", "Charge at 0.1C until 2.8 V")]))
    with pytest.warns(StartOutsideWindowWarning), pytest.raises(pybamm.SolverError, match=r"All steps in the cycle "
                                                                 r".* are infeasible.*recheck the experiment; " + said):
        sim.solve()
    # a step not allowed to skip (PyBaMM's "Step '...' is infeasible due to exceeded bounds ...") says it too
    sim = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment(
        [pybamm.step.string("Discharge at 0.1C until 1.8 V", skip_ok=False)]))
    with pytest.warns(StartOutsideWindowWarning), pytest.raises(pybamm.SolverError, match=r"(?s)Step 'Discharge at 0.1C "
                                                                 r"until 1.8 V' is infeasible.*skip this step; " + said):
        sim.solve()


def test_a_skipped_later_steps_solution_says_which_step_and_why_when_read(tmp_path):
    """Trial ND: Mo6S8 at 3x loading, 25 C: "Discharge at 2C until 1.8 V" after a 0.05C cycle and a rest starts
    0.02932 V past its cut-off and is skipped (LaterStepSkippedWarning); reading ``sol.cycles[0].steps[-1]["Voltage
    [V]"]`` was "TypeError: 'EmptySolution' object is not subscriptable". Now a StepSkippedError (still a TypeError)
    names the step and says why in the warning's words, and its attributes the same (an AttributeError); the step stays
    an EmptySolution for is_skipped, step_table, cycle_summary and ``sol.save`` + ``pybamm.load``."""
    from pybamm_aea.cycling import cycle_summary
    from pybamm_aea.models.experiment_checks import StepSkippedError
    from pybamm_aea.readout import is_skipped, step_table

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Cathode loading [kg.m-2]"] *= 3
    values["Nominal cell capacity [A.h]"] *= 3
    values["Ambient temperature [K]"] = 298.15
    experiment = pybamm.Experiment([("Discharge at 0.05C until 1.8 V", "Charge at 0.05C until 2.8 V",
                                     "Rest for 10 minutes", "Discharge at 2C until 1.8 V")])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sol = pybamm.Simulation(AEA(), parameter_values=values, experiment=experiment).solve()
    (warned,) = [str(w.message) for w in caught if issubclass(w.category, LaterStepSkippedWarning)]
    steps = sol.cycles[0].steps
    assert [is_skipped(step) for step in steps] == [False, False, False, True]
    skipped = steps[-1]
    assert isinstance(skipped, pybamm.EmptySolution) and skipped.termination == "Event exceeded in initial conditions"
    why = ("step 4 of 4 in cycle 1 of 1, 'Discharge at 2C until 1.8 V' is skipped: the cell starts 0.0293 V past "
           "its step's cut-off (Voltage < 1.8 [V]) under its current at the start")
    assert re.sub(r"0\.02932", "0.0293", warned).startswith(why) and warned.startswith(skipped.why)
    with pytest.raises(StepSkippedError, match=re.escape("the skipped step's solution holds no 'Voltage [V]': "
                                                         + why.replace("0.0293", "0.02932"))):
        skipped["Voltage [V]"]
    with pytest.raises(TypeError):  # (PyBaMM's error type kept)
        skipped["Voltage [V]"]
    with pytest.raises(StepSkippedError, match=re.escape("the skipped step's solution has no 'y': step 4 of 4")):
        skipped.y
    assert not hasattr(skipped, "all_ts")
    rows = step_table(sol, mass_g=1e-3)
    assert list(rows["termination"])[-1].startswith("skipped") and len(rows) == 4
    assert cycle_summary(sol)["Discharge capacity in cycle [A.h]"].iloc[0] == pytest.approx(4.53e-4, rel=1e-2)
    sol.save(tmp_path / "sol.pkl")
    loaded = pybamm.load(tmp_path / "sol.pkl").cycles[0].steps[-1]
    assert type(loaded) is type(skipped) and loaded.why == skipped.why and is_skipped(loaded)
    with pytest.raises(StepSkippedError, match="step 4 of 4 in cycle 1 of 1"):
        loaded["Voltage [V]"]


def test_the_cycles_of_an_experiment_that_ran_no_step_say_why():
    """Li2021_Mo6S8 solved with initial_soc=0 (empty: "Discharge at 0.1C until 1.8 V" skipped): a user's loop
    ``for c in sol.cycles`` raised "AttributeError: 'NotStartedSolution' object has no attribute 'cycles'" (PyBaMM's
    EmptySolution has none either); now an ExperimentNotStartedError saying no step ran and why, still an
    AttributeError (hasattr False); a name no solution has stays Python's AttributeError."""
    from pybamm_aea.models.experiment_checks import ExperimentNotStartedError

    sim = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment(["Discharge at 0.1C until 1.8 V"]))
    with pytest.warns(StartOutsideWindowWarning):
        sol = sim.solve(initial_soc=0.0)
    for name in ("cycles", "steps", "summary_variables"):
        with pytest.raises(ExperimentNotStartedError, match=re.escape(
                f"the solution has no '{name}': no step of the experiment ran: PyBaMM skipped its step (Discharge at "
                "0.1C until 1.8 V) as starting past its cut-off")):
            getattr(sol, name)
        assert not hasattr(sol, name)
    with pytest.raises(AttributeError, match="^'NotStartedSolution' object has no attribute 'cylces'$"):
        sol.cylces


def test_an_experiment_not_started_at_its_full_end_leaves_out_the_c_rates_basis():
    """Li2021_Mo6S8 at initial_soc=0 (Li content 3.985 of 4), "Discharge at 0.1C until 1.8 V" skipped at its start:
    the reading said "...; a C-rate is of "Nominal cell capacity [A.h]" = 0.000151692 A.h: 0.1C is 1.52e-05 A, 0.1C
    of the cathode's capacity ("Positive electrode capacity [A.h]" = 0.0001517 A.h)", true but beside the point (the
    rate is the cathode's; the step has nothing to discharge). Said only where the nominal capacity is more than
    NOMINAL_CAPACITY_FACTOR (1.25) from the cathode's (test_an_experiment_that_ran_no_step_says_why_when_read: 989
    times)."""
    from pybamm_aea.models.experiment_checks import ExperimentNotStartedError

    sim = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment(["Discharge at 0.1C until 1.8 V"]))
    with pytest.warns(StartOutsideWindowWarning):
        sol = sim.solve(initial_soc=0.0)
    with pytest.raises(ExperimentNotStartedError) as said:
        sol["Voltage [V]"]
    assert str(said.value).endswith("(the StartOutsideWindowWarning or TerminationMetAtStartWarning says which and "
                                    "by how much)"), str(said.value)


def test_an_experiment_not_started_names_a_drive_cycle_step_in_one_line():
    """not_started_message listed the skipped steps by str(step): a drive cycle's is numpy's print of its samples
    (several lines, "Current([[0.00e+00 1.00e-03]\n [1.00e+00 ...") until session 57; now its summary, as the
    other step messages (step_checks.step_name)."""
    from pybamm_aea.models.experiment_checks import not_started_message

    t = np.linspace(0, 600, 601)
    cycle = pybamm.step.current(np.column_stack([t, np.full_like(t, 1e-3)]), termination="< C/50")
    said = not_started_message(pybamm.Experiment([cycle, "Discharge at 0.1C until 1.8 V"]),
                               pybamm.ParameterValues("Li2021_TiS2"), [])
    assert said.startswith("no step of the experiment ran: PyBaMM skipped each of its 2 steps (Current(a drive cycle "
                           "of 601 samples over 600 s, 0.001 A, until C-rate < 0.02 C); Discharge at 0.1C until 1.8 V) "
                           "as starting past"), said


@pytest.mark.parametrize("step, volts, amps", [
    ("Discharge at 0 W for 1 minute", 3.3736, 0.0), ("Charge at 0 W for 1 minute", 3.3736, 0.0),
    ("Discharge at 0.000001 W for 1 minute", 3.3621, 2.974e-7)], ids=["0 W discharge", "0 W charge", "1 uW"])
def test_a_small_power_step_from_a_lossy_start_runs_at_the_cells_root_not_the_short(step, volts, amps):
    """Lever-rule AEA_LiFePO4 as made, "Discharge at 0 W for 1 minute", a rest, failed "the cell starts 2.5 V below its
    lower cut-off" (-4.4e-16 V; 1e-6 W 2.488 V below) until session 56: PyBaMM guesses a power step's current at 1C,
    whose losses take this cell 6.9 V below its cut-off, and I V = P was solved on its other root, V = 0 (the cell
    shorted through its resistance). The guess is the power over the voltage's guess now
    (pybamm_aea.pybamm_adapter.power_steps): 0 W rests at the open circuit, 3.3736 V; PyBaMM's own models keep 1C."""
    sim = pybamm.Simulation(AEA({"host thermodynamics": "lever rule"}),
                            parameter_values=pybamm.ParameterValues("AEA_LiFePO4"),
                            experiment=pybamm.Experiment([step]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        solution = sim.solve()
    assert solution["Battery voltage [V]"].entries[0] == pytest.approx(volts, abs=1e-4)
    assert solution["Current [A]"].entries[0] == pytest.approx(amps, rel=1e-3, abs=1e-15)
    spm = pybamm.lithium_ion.SPM()
    built, _ = pybamm.step.Power(0.1).set_up(spm.new_copy(), spm.default_parameter_values.copy())
    assert built.initial_conditions[built.variables["Current variable [A]"]] == spm.param.Q


def test_a_current_steps_start_past_cut_off_text_is_unchanged_by_the_power_wording():
    """Review R14 gave a constant-power step its own wording ("under its power", "a power of the other sign"); a
    current step's text stays as it was, byte for byte."""
    from pybamm_aea.models import start_advice as ec

    assert ec._UNDER_ITS["current"] == (" under its current at the start (the voltage after the consistent "
                                        "initialisation: the open-circuit voltage and the losses at that current): "
                                        "nothing to integrate.")
    assert ec._OTHER_SIGN["current"] == ("a current of the other sign runs the other way (pybamm.Simulation(...)"
                                         ".solve([0, 600]) at \"Current function [A]\" = 0 gives the open-circuit "
                                         "voltage)")


def test_a_later_cycle_all_of_whose_steps_start_past_their_cut_offs_says_the_cycles_before_are_lost():
    """``[("Discharge at 0.1C until 1.8 V", "Discharge at 0.1C until 1.9 V")] * 2`` on Li2021_Mo6S8: cycle 1 ends at
    1.8 V (its step 2 skipped), where no step of cycle 2 can start; PyBaMM raises "All steps in the cycle ... are
    infeasible" and returns nothing (its DFN too, pybamm_aea.pybamm_adapter.experiment_errors.lost_cycles_note):
    cycle 1 was lost unsaid. Now the error names cycle 2 of 2, the 1 cycle lost and how to keep it."""
    sim = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"), experiment=pybamm.Experiment(
        [("Discharge at 0.1C until 1.8 V", "Discharge at 0.1C until 1.9 V")] * 2))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (the skipped step 2 of cycle 1: its own warning)
        with pytest.raises(pybamm.SolverError, match=r"All steps in the cycle .* are infeasible .*recheck the "
                           r"experiment; it is cycle 2 of the experiment's 2: PyBaMM raises here and returns no "
                           r"solution, so the 1 cycle this solve ran before it is lost \(sim.solution is None\)\. "
                           r".*a pybamm.Experiment of its first 1 cycle\)$"):
            sim.solve()
    assert sim.solution is None


def test_the_cycles_lost_are_counted_in_the_experiment_after_a_starting_solution():
    """Review R33: after a starting solution of one rest cycle, ``[("Discharge at 0.1C until 1.8 V",), ("... 1.9 V",
    "... 1.85 V")]`` fails in its cycle 2, which PyBaMM numbers 3 of 3; the note said "cycle 3 of 3" and advised
    "pybamm.Experiment of the first 2", the whole experiment, failing cycle and all."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    start = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment(
        ["Rest for 1 minute"])).solve()
    sim = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment(
        [("Discharge at 0.1C until 1.8 V",), ("Discharge at 0.1C until 1.9 V", "Discharge at 0.1C until 1.85 V")]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(pybamm.SolverError, match=r"it is cycle 2 of the experiment's 2 \(cycle 3 of 3 with the "
                           r"starting solution's\): .*the 1 cycle this solve ran before it is lost .*let cycle 2 "
                           r"start .*a pybamm.Experiment of its first 1 cycle\)$"):
            sim.solve(starting_solution=start)


def _experiment_error(values, step):
    """The text of the SolverError a one-step experiment of the AEA model on ``values`` ends in (warnings ignored)."""
    sim = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment([step]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(pybamm.SolverError) as failed:
            sim.solve()
    return str(failed.value)


def test_a_power_the_cell_cannot_deliver_leads_with_what_it_asks():
    """Review R33: "Discharge at 1 W for 1 minute" on Li2021_Mo6S8 (2.81e+03C at its 2.348 V open circuit) led with
    "the cell starts 2.321 V below its lower cut-off ... (the losses take the cell to -0.5214 V ...)" and "a power of
    the other sign runs the other way", an impossible start (a discharge at a negative voltage) and advice beside the
    point; the power's note came last. Now the note leads, the other-sign clause is gone."""
    said = _experiment_error(pybamm.ParameterValues("Li2021_Mo6S8"), "Discharge at 1 W for 1 minute")
    assert said.startswith("The constant-power step Discharge at 1 W for 1 minute asks 1 W: at least 0.426 A"), said
    assert "At the step's start the solver found: the cell starts 2.321 V below its lower cut-off" in said, said
    assert "power of the other sign" not in said, said
    # review R35: a small power whose open circuit is past the cut-off (AEA_LiCoO2, cut-off at 3.8 V) is not told first
    # that it asks more than the cell delivers
    values = pybamm.ParameterValues("AEA_LiCoO2")
    values["Lower voltage cut-off [V]"] = 3.8
    said = _experiment_error(values, "Charge at 0.01 mW until 4.2 V")
    assert said.startswith("the cell starts 1."), said
    # session 57: its note ended "a power above the most the cell can deliver from that state ... leaves the solver
    # no current to run at", for a charge's power, which the cell meets at its start; the order read the message's words
    assert said.endswith("at the open-circuit voltage it starts from (2.717 V); the cell meets that power at its start "
                         "(2.717 V): its start past a cut-off, not the power, stops the step"), said
    assert "the most the cell can deliver" not in said, said


def test_cut_offs_declared_for_li_in_as_a_scalar_are_not_told_to_be_vs_li_metal():
    """Session 57: the start-past-window note read "Anode potential of the voltage cut-offs [V]" as an int or float
    only: a ``pybamm.Scalar(0.62)`` (Li-In's, as the warning and li_in_cut_offs read it) was told "a parameter set's
    window is vs Li metal". Now the one reading (paper_cell.cut_off_anode_potential)."""
    from pybamm_aea.materials import licoo2
    from pybamm_aea.parameters.paper_cell import CUT_OFF_ANODE_POTENTIAL

    values = licoo2.MATERIAL.parameter_values(anode="Li-In")
    values.update({CUT_OFF_ANODE_POTENTIAL: pybamm.Scalar(0.62)})
    with pytest.raises(pybamm.SolverError) as on_li_in:
        pybamm.Simulation(AEA({"anode": "Li-In"}), parameter_values=values).solve([0, 600])
    assert "window is vs Li metal" not in str(on_li_in.value), str(on_li_in.value)
    assert "Run the charge as an experiment step" in str(on_li_in.value), str(on_li_in.value)
