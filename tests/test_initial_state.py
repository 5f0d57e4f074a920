"""pybamm_aea.set_initial_state: the initial state from a state of charge or an OCV."""
import importlib.metadata
import inspect
import re
import subprocess
import sys

import numpy as np
import pybamm
import pytest

import pybamm_aea
from pybamm_aea.parameters import PYBAMM_MODEL_SETS, Li2021_Mo6S8
from pybamm_aea.parameters.paper_cell import li_in_cut_offs
from pybamm_aea import AEA, initial_state


def rest_voltage(values, options=None):
    sim = pybamm.Simulation(AEA(options), parameter_values=values, experiment=pybamm.Experiment(["Rest for 1 minute"]))
    return sim.solve()["Voltage [V]"].entries[0]


@pytest.mark.slow
@pytest.mark.parametrize("parameter_set", ["Li2021_Mo6S8", "Li2021_TiS2", "Li2021_S_Mo6S8"])
@pytest.mark.parametrize("soc,cutoff", [(0.0, "Lower voltage cut-off [V]"), (1.0, "Upper voltage cut-off [V]")])
def test_soc_ends_sit_at_the_cutoffs(parameter_set, soc, cutoff):
    values = pybamm_aea.set_initial_state(pybamm.ParameterValues(parameter_set), soc, direction="discharge")
    assert rest_voltage(values) == pytest.approx(values[cutoff], abs=2e-3)


@pytest.mark.parametrize("parameter_set", ["Li2021_Mo6S8", "Li2021_TiS2"])
@pytest.mark.parametrize("soc,cutoff", [(0.0, "Lower voltage cut-off [V]"), (1.0, "Upper voltage cut-off [V]")])
def test_soc_ends_sit_at_the_cutoffs_on_the_multi_phase_host(parameter_set, soc, cutoff):
    """Solved on the host's equilibrium OCP (its free energy's common tangents). Not S-LMS at
    SOC 1: its 3.0 V is a Mo6S8 state 1e-12 Li from empty (the Li0 lattice gas), which the
    solver's absolute tolerance cannot hold (the rest voltage comes out 2.978 V)."""
    options = {"host thermodynamics": "multi-phase"}
    values = pybamm_aea.set_initial_state(pybamm.ParameterValues(parameter_set), soc, options=options)
    assert rest_voltage(values, options) == pytest.approx(values[cutoff], abs=2e-3)


def test_half_soc_of_the_multi_phase_host_sits_on_its_plateau():
    """SOC 0.5 of LMS on the multi-phase host: half-way in Li between the cut-off states (x = 2,
    inside the Li1/Li3 two-phase region) and at rest on that region's common tangent (2.065 V).
    Going through the voltage instead (one voltage, a whole plateau of contents) lands on a
    region's edge (x = 1.03)."""
    options = {"host thermodynamics": "multi-phase"}
    values = pybamm_aea.set_initial_state(pybamm.ParameterValues("Li2021_Mo6S8"), 0.5, options=options)
    ends = [pybamm_aea.set_initial_state(pybamm.ParameterValues("Li2021_Mo6S8"), soc, options=options)["Initial cathode Li content"]
            for soc in (0, 1)]
    assert values["Initial cathode Li content"] == pytest.approx(sum(ends) / 2, rel=1e-9)
    assert rest_voltage(values, options) == pytest.approx(Li2021_Mo6S8.MO6S8_HOST.regions[1].U, abs=2e-3)


#: LMS at SOC 0.9: x = 0.398, inside the Li0/Li1 two-phase region (binodals 0.02 and 0.97, plateau 2.30 V)
LI0_LI1_SOC = 0.9


def lms_state(steps, var_pts=None, **initial_state):
    """Solution of ``steps`` for LMS on the default (multi-phase) host, from ``initial_state`` (solve's keywords)."""
    from pybamm_aea.models.submodels import xi

    sim = pybamm.Simulation(pybamm.Model("AEA"), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment(steps), var_pts=None if var_pts is None else {xi: var_pts})
    return sim.solve(**initial_state)


@pytest.mark.parametrize("direction,at_separator", [(None, 0.97), ("discharge", 0.97), ("charge", 0.02)])
def test_soc_inside_a_two_phase_region_is_its_two_phases_in_lever_rule_fractions(direction, at_separator):
    """SOC 0.9 of LMS on the multi-phase host (x = 0.398, inside the Li0/Li1 region): the initial host is the
    two binodal phases, the Li-rich one at the separator after a discharge (and by default), the Li-poor one
    after a charge, each cell at one of them but the one at the step, and the average is the content
    solved for, to round-off. Catches: one uniform content set over the whole electrode (a state inside the
    spinodal, which never separates at rest)."""
    values = pybamm_aea.set_initial_state(pybamm.ParameterValues("Li2021_Mo6S8"), LI0_LI1_SOC, direction)
    x0 = values["Initial cathode Li content"]
    assert 0.3 < x0 < 0.5
    x = lms_state(["Rest for 1 second"], initial_soc=LI0_LI1_SOC, direction=direction)
    profile = x["Cathode Li content"].entries[:, 0]
    assert x["Average cathode Li content"].entries[0] == pytest.approx(x0, rel=1e-12)
    assert profile[-1] == pytest.approx(at_separator, abs=1e-3)  # the separator's side
    assert profile[0] == pytest.approx(0.99 - at_separator, abs=1e-3)  # the collector's
    at_binodals = np.isclose(profile, 0.02, atol=1e-3) | np.isclose(profile, 0.97, atol=1e-3)
    assert at_binodals.sum() >= len(profile) - 1


@pytest.mark.parametrize("cells", [20, 40])
def test_rest_from_inside_the_li0_li1_region_sits_on_its_plateau(cells, readme_figure):
    """After initial_soc=0.9 (x = 0.398) LMS rests 2 h within 20 mV of the Li0/Li1 plateau (2.30 V; 2.286 V on
    the default 20 cells, 2.315 V on 40, the README's mesh for this plateau: its interface is pinned cell by
    cell), and the Li content is kept. Catches: the uniform state it was, inside the spinodal, which nothing
    perturbs into phases: 2.2502 V for the whole 2 h, 50 mV below."""
    sol = lms_state(["Rest for 2 hours"], var_pts=cells, initial_soc=LI0_LI1_SOC)
    V, x = sol["Voltage [V]"].entries, sol["Average cathode Li content"].entries
    assert V[-1] == pytest.approx(Li2021_Mo6S8.MO6S8_HOST.regions[0].U, abs=0.020)
    # the README's figures, read from it to their stated digits
    if cells == 20:
        assert V[-1] == readme_figure("rests 2 h at {} V on 20 cells ({_} V on 40)").approx()
    else:
        assert V[-1] == readme_figure("rests 2 h at {_} V on 20 cells ({} V on 40)").approx()
    assert x[-1] == pytest.approx(x[0], rel=1e-6)


def test_charge_from_inside_the_li0_li1_region_returns_what_a_discharge_put_in(readme_figure):
    """A 0.2C charge to 2.8 V from initial_soc=0.9 returns about what it returns from the same Li content reached
    by a real 0.2C discharge from pristine Mo6S8 (1.25e-5 and 1.27e-5 A.h on 20 cells, 2026-12-05, of the 1.52e-5 A.h
    the SOC window holds). Catches: the uniform state inside the spinodal, from which it returned 5.1e-7 A.h."""
    charge = "Charge at 0.2C until 2.8 V"

    def returned(solution):
        q = solution["Discharge capacity [A.h]"].entries
        return q[0] - q[-1]

    from_soc = returned(lms_state([charge], initial_soc=LI0_LI1_SOC))
    real = lms_state(["Discharge at 0.2C for 30 minutes", "Rest for 5 minutes", charge])
    assert real["Average cathode Li content"].entries[-1] < 0.1 < real.cycles[1]["Average cathode Li content"].entries[-1]
    assert from_soc == pytest.approx(returned(real.cycles[2]), rel=0.15)
    # the README's figures, read from it to their stated digits [1e-5 A.h]
    assert from_soc * 1e5 == readme_figure("charge returns {}e-5 A.h, as from the state a discharge reaches").approx()
    assert returned(real.cycles[2]) * 1e5 == readme_figure("as from the state a discharge reaches ({}e-5)").approx()


#: LMS's SOCs near full charge where its Li0/Li1 start is a Li1 layer thinner than the interface, and around them
NEAR_FULL_SOCS = (0.97, 0.975, 0.98, 0.9825, 0.985, 0.9875, 0.99, 0.9925, 0.995, 0.9975, 1.0)


@pytest.mark.parametrize("cells", [20, 40, 80])
def test_a_start_near_full_charge_is_a_rest_state_on_any_mesh(cells):
    """LMS (multi-phase host, 70 C) from initial_soc 0.97-1.0, at rest for 10 minutes: a uniform film where its Li0/Li1
    two-phase state has no rest state (a Li1 layer thinner than the ~370 nm interface: SOC 0.9825-0.9925) starts at
    U_h(x0), 2.2-10.9 mV under the plateau CellAtRest gives (the film's gradient energy), and does not move (measured
    < 1e-4 V on 20, 40 and 80 cells); a two-phase start (0.97-0.98) starts within 0.1 mV of the plateau and ends the
    10 min within 6 mV of it (measured -5.7..-4.2 mV on 20 cells, -4.0..-2.3 on 40, -0.3..0 on 80; on the way its
    sharp step relaxes through dips of 16-98 mV, docs/known_limits.rst). Catches (session 64, trial WV): the Li1
    layer of 69 nm the start was at SOC 0.99, the step inside the cells at the separator: 1.31 V on 20 cells (a
    plain solve refused), -1.8 V at 0.9925 on 40, 2.335 / 2.487 / 2.227 V at 0.9825 / 0.985 / 0.9875 on 20."""
    from pybamm_aea.models.submodels import xi

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Current function [A]"] = 0.0
    at_rest = initial_state.CellAtRest(values)
    sim = pybamm.Simulation(pybamm.Model("AEA"), parameter_values=values, var_pts={xi: cells})
    for soc in NEAR_FULL_SOCS:
        sol = sim.solve([0, 600], t_interp=np.array([0.0, 600.0]), initial_soc=soc)
        V, x0 = sol["Voltage [V]"].entries, sol["Average cathode Li content"].entries[0]
        ocv = at_rest.open_circuit_voltage(x0)
        assert -11e-3 < V[0] - ocv <= 1e-4 and -11e-3 < V[-1] - ocv <= 1e-4, soc
        two_phase = np.ptp(sol["Cathode Li content"].entries[:, 0]) > 0.1
        assert two_phase == (soc <= 0.98), soc
        if two_phase:
            assert V[0] == pytest.approx(ocv, abs=1e-4), soc
            assert V[-1] == pytest.approx(ocv, abs=6e-3), soc
        else:
            assert -11e-3 < V[0] - ocv <= 1e-6, soc
            assert V[-1] == pytest.approx(V[0], abs=1e-4), soc


def test_two_phases_at_rest_needs_a_layer_the_interface_fits_in():
    """The two-phase rest state of LMS's Li0/Li1 region (binodals 0.02, 0.97) exists at x0 = 0.0797 (SOC 0.98,
    Newton's method converges to a Li1 layer, 2.2995 V) and not at x0 = 0.0697 (SOC 0.9825: it ends uniform), nor
    at 0.398 inside the spinodal is a uniform one a rest state (two phases)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    at_rest = initial_state.CellAtRest(values)
    region = at_rest.ocp.regions[0]
    T = at_rest.window[0]
    evaluator = at_rest.evaluator
    assert initial_state.two_phases_at_rest(evaluator, T, 0.0797, region)
    assert not initial_state.two_phases_at_rest(evaluator, T, 0.0697, region)
    assert initial_state.two_phases_at_rest(evaluator, T, 0.398, region)


@pytest.mark.slow
def test_voltage_string_and_li_in_anode():
    options = {"anode": "Li-In"}
    values = pybamm_aea.set_initial_state(pybamm.ParameterValues("Li2021_TiS2"), "1.5 V", "discharge", options)
    assert rest_voltage(values, options) == pytest.approx(1.5, abs=1e-3)


@pytest.mark.parametrize("host", ["multi-phase", "lever rule"])
@pytest.mark.parametrize("initial_value", [0.5, "1.5 V"])
def test_li_in_soc_on_a_li_metal_window_names_the_li_in_window(host, initial_value):
    """The LMS set's 1.8-2.8 V is vs Li metal: on Li-In (2.42-3.42 V vs Li) it is refused on both hosts, naming
    the Li-In window, by a check of the cut-offs against the cell's OCV range on the host's free energy.
    Catches: the lever rule starting silently at x0 = 0.006 (1.85 V, a full discharge 'from SOC 0.5': its
    branches' 1/x end term reaches 3.42 V 0.001 Li from empty, so no root finder failed), and "1.5 V" refused
    as outside the Li-metal cut-offs [1.8, 2.8] instead of for the window; with the Li-In cut-offs it is a
    state at 1.5 V."""
    options = {"anode": "Li-In", "host thermodynamics": host}
    with pytest.raises(ValueError, match=r"move them to \[1.18, 2.18\] V with .*, as AEA\(\{'anode': 'Li-In'\}\)"):
        pybamm.ParameterValues("Li2021_Mo6S8").set_initial_state(initial_value, direction="discharge", options=options)
    values = AEA(options).default_parameter_values.set_initial_state(initial_value, direction="discharge",
                                                                      options=options)
    if initial_value == 0.5:
        # half-way between Li4 (1.18 V vs Li-In) and the Li1 charge stop of the equilibrium OCP (2.18 V)
        assert 1.5 < values["Initial cathode Li content"] < 2.5
    else:
        assert open_circuit_voltage(values, options) == pytest.approx(1.5, abs=1e-5)


#: the registered sets of the AEA model (the conventional S-C/LGPS set is PyBaMM's DFN's)
AEA_SETS = sorted(
    ep.name
    for ep in importlib.metadata.entry_points(group="pybamm_parameter_sets")
    if ep.value.split(".")[0] == "pybamm_aea" and ep.name not in PYBAMM_MODEL_SETS
)


def open_circuit_voltage(values, options):
    """OCV [V] of the initial state in ``values``, from the model's own OCP parameters (the homogeneous
    OCP of the multi-phase host, the blend of the branches at the initial hysteresis state of the lever
    rule), minus the Li-In OCP at its initial Li:In ratio: no solve."""
    x, T = values["Initial cathode Li content"], values["Ambient temperature [K]"]
    args = {"Cathode Li content": pybamm.Scalar(x), "Temperature [K]": pybamm.Scalar(T)}

    def U(name, arguments):
        return values.evaluate(pybamm.FunctionParameter(name, arguments))

    if options["host thermodynamics"] == "multi-phase":
        U_cathode = U("Cathode homogeneous OCP [V]", args)
    else:
        h = values["Initial cathode hysteresis state"]
        U_cathode = (1 + h) / 2 * U("Cathode lithiation OCP [V]", args) + (1 - h) / 2 * U("Cathode delithiation OCP [V]", args)
    if options["anode"] == "lithium metal":
        return U_cathode
    y = pybamm.Scalar(values["Initial Li-In anode Li:In ratio"])
    return U_cathode - U("Li-In anode OCP [V]", {"Li-In anode Li:In ratio": y, "Temperature [K]": pybamm.Scalar(T)})


@pytest.mark.parametrize("parameter_set", AEA_SETS)
@pytest.mark.parametrize("host", ["multi-phase", "lever rule"])
@pytest.mark.parametrize("anode", ["lithium metal", "Li-In"])
@pytest.mark.parametrize("soc,cutoff", [(0.0, "Lower voltage cut-off [V]"), (1.0, "Upper voltage cut-off [V]")])
def test_every_set_has_its_soc_ends_at_its_cutoffs(parameter_set, host, anode, soc, cutoff):
    """SOC 0 and 1 are the equilibrium states at the lower and upper cut-off (on Li-In the set's window moved
    down by the plateau, as the model's defaults), evaluated on the OCP without a solve. The root was
    bracketed at 1.001 x_max, beyond the pole that the end term k_end (1/theta - 1/(1 - theta)) of a
    tabulated OCP has at x_max: AEA_LiCoO2 failed at every SOC ('3.0 V is outside the cell's OCV range
    [3.508, 1e+11] V', 3.508 V the OCP at 1.001 x_max), AEA_NMC532 put SOC 0 at the pole, held at
    x_max (1 - 1e-9), an OCV of -99997 V."""
    options = {"host thermodynamics": host, "anode": anode}
    values = pybamm.ParameterValues(parameter_set)
    if anode == "Li-In":
        values.update(li_in_cut_offs(values))
    values = pybamm_aea.set_initial_state(values, soc, options=options)
    assert 0 < values["Initial cathode Li content"] < values["Cathode maximum Li content"]
    # 1e-5 V: a lattice-gas end at 1e-12 Li (S-LMS's 3.0 V, 3e10 V per Li there) is met to 1.2e-6 V by the
    # root finder's xtol of 1e-16 x_max
    assert open_circuit_voltage(values, options) == pytest.approx(values[cutoff], abs=1e-5)


def test_a_charge_starts_from_soc_0_of_nmc532():
    """The README's SOC 0 (the equilibrium at the lower cut-off) starts a charge. It was clipped to
    x_max (1 - 1e-9), at -99997 V: 'Events ['Minimum voltage [V]'] are non-positive at initial
    conditions'. Now it starts at 3.006 V (3.0 V plus the 0.1C overpotential) and charges."""
    sim = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("AEA_NMC532"),
                            experiment=pybamm.Experiment(["Charge at 0.1C for 2 minutes or until 4.3 V"]))
    voltage = sim.solve(initial_soc=0)["Voltage [V]"].entries
    assert 3.0 < voltage[0] < 3.02
    assert voltage[-1] > voltage[0]


def test_a_cutoff_beyond_the_full_host_is_refused_naming_it():
    """The electron-limited Mo6S8 host of the multi-phase model ends at U_full = 1.0 V at x_max (4 Li):
    a 0.9 V cut-off is out of its window. Its OCP goes on beyond x_max, where the old bracket (1.001
    x_max, 0.793 V) found 0.9 V and the content was clipped back to x_max (1 - 1e-9), 1.0000002 V,
    without a word."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    values["Lower voltage cut-off [V]"] = 0.9
    with pytest.raises(ValueError, match=r"0.9 V is outside the cell's OCV range \[1, 3.117\] V"):
        pybamm_aea.set_initial_state(values, 0.0, options={"host thermodynamics": "multi-phase"})


def cathode_lithium(values, options=None):
    """Li in the cathode [mol] (host and dispersed material) at the start of a run from ``values``."""
    sim = pybamm.Simulation(AEA(options), parameter_values=values, experiment=pybamm.Experiment(["Rest for 1 second"]))
    return sim.solve()["Total lithium in cathode [mol]"].entries[0]


def test_half_soc_holds_half_the_hybrid_cathode_lithium():
    """SOC 0.5 of S-LMS holds the Li half-way between SOC 0 and SOC 1, as the model counts it (host
    plus every sulfur domain: the shrinking core has no accessible-fraction parameter). Catches: the
    host / sulfur capacity share weighted with anything but the capacities the model holds (the
    conventional model's 1290/1675 accessible fraction puts SOC 0.5 at 0.510)."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    n = [cathode_lithium(pybamm_aea.set_initial_state(values, soc, direction="discharge")) for soc in (0, 0.5, 1)]
    assert (n[1] - n[2]) / (n[0] - n[2]) == pytest.approx(0.5, abs=1e-3)


@pytest.mark.slow
@pytest.mark.prediction
def test_hybrid_soc_is_thermodynamic_the_delivered_charge_is_not():
    """An equilibrium SOC 0.5 of S-LMS has the sulfur half lithiated (S8/Li2S at 2.20 V lithiates
    before the host's 2.05 V plateau) behind thick Li2S shells, with the host still near Li1; a 0.05C
    discharge then draws less than half of what SOC 1 delivers (0.46): the state is set, what is left
    to draw depends on the path. Catches: the sulfur put in equilibrium below the host's plateau, or
    a share that leaves the sulfur at SOC 0.5 unlithiated."""
    def discharge(soc):
        values = pybamm_aea.set_initial_state(pybamm.ParameterValues("Li2021_S_Mo6S8"), soc, direction="discharge")
        sim = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment(["Discharge at 0.05C until 1 V"]))
        return sim.solve()

    half, full = discharge(0.5), discharge(1.0)
    assert half["Average dispersed material lithiation"].entries[0] > 0.3
    assert half["Average cathode Li content"].entries[0] < 1.1
    ratio = half["Discharge capacity [A.h]"].entries[-1] / full["Discharge capacity [A.h]"].entries[-1]
    assert 0.40 < ratio < 0.49


@pytest.mark.parametrize(
    "value,kwargs,message",
    [
        (1.5, {}, "must be <= 1, got 1.5"),
        ("2 Volt", {}, "'2 Volt'"),
        (0.5, {"direction": "up"}, "'up'"),
        (0.5, {"options": {"anode": "Li-Sn"}}, "'Li-Sn'"),
    ],
)
def test_bad_input_is_named(value, kwargs, message):
    with pytest.raises((ValueError, pybamm.OptionError), match=message):  # an option: AEA()'s OptionError
        pybamm_aea.set_initial_state(pybamm.ParameterValues("Li2021_TiS2"), value, **kwargs)


@pytest.mark.parametrize("updates,inputs,message", [
    # swapped cut-offs gave SOC 0.5 on the reversed window (x = 1.99), silently
    ({"Lower voltage cut-off [V]": 2.9, "Upper voltage cut-off [V]": 1.7}, None,
     r"'Lower voltage cut-off \[V\]' = 2.9 is outside .*'Upper voltage cut-off \[V\]' = 1.7\)"),
    # a nan T failed as "Points cannot contain NaN", a negative one as cut-offs outside the OCV range; 5 K is the
    # model's range error at solve time, so here too
    ({"Ambient temperature [K]": "[input]"}, {"Ambient temperature [K]": float("nan")},
     r"'Ambient temperature \[K\]' = nan is outside its physical range"),
    ({"Ambient temperature [K]": "[input]"}, {"Ambient temperature [K]": -300.0}, r"'Ambient temperature \[K\]' = -300.0"),
    ({"Ambient temperature [K]": 5.0}, None, r"'Ambient temperature \[K\]' = 5.0 is outside its physical range"),
    # a missing input failed as "symbol must evaluate to a constant scalar or array"; the advice names the input's
    # own name, the one inputs= takes
    ({"Ambient temperature [K]": "[input]"}, None,
     r"'Ambient temperature \[K\]' is the input parameter 'Ambient temperature \[K\]': .* inputs=\{'Ambient"),
    ({"Ambient temperature [K]": pybamm.InputParameter("T")}, {"Ambient temperature [K]": 340.0},
     r"'Ambient temperature \[K\]' is the input parameter 'T': give its value as inputs=\{'T': \.\.\.\}"),
])
def test_bad_parameter_values_are_named(updates, inputs, message):
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update(updates)
    with pytest.raises(ValueError, match=message):
        pybamm_aea.set_initial_state(values, 0.5, inputs=inputs)


# --- PyBaMM's own ``initial_soc=`` keyword (pybamm_aea.pybamm_adapter.initial_states) -----------------
def first_state(solution):
    return solution["Average cathode Li content"].entries[0], solution["Voltage [V]"].entries[0]


@pytest.mark.slow
@pytest.mark.parametrize("initial_soc", [0.3, "2.1 V"])
@pytest.mark.parametrize("direction", [None, "discharge", "charge"])
def test_solve_initial_soc_equals_set_initial_state(initial_soc, direction):
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    by_keyword = pybamm.Simulation(pybamm.Model("AEA"), parameter_values=values).solve(
        [0, 600], initial_soc=initial_soc, direction=direction
    )
    by_function = pybamm.Simulation(
        AEA(), parameter_values=pybamm_aea.set_initial_state(values, initial_soc, direction)
    ).solve([0, 600])
    assert first_state(by_keyword) == pytest.approx(first_state(by_function), rel=1e-10)
    # the keyword leaves the user's parameter values alone
    assert values["Initial cathode Li content"] == pybamm.ParameterValues("Li2021_Mo6S8")["Initial cathode Li content"]


@pytest.mark.slow
def test_experiment_initial_soc_scales_the_capacity():
    sim = pybamm.Simulation(
        pybamm.Model("AEA"),
        parameter_values=pybamm.ParameterValues("Li2021_TiS2"),
        experiment=pybamm.Experiment(["Discharge at 0.1C until 1 V"]),
    )
    full = sim.solve(initial_soc=1.0, direction="discharge")["Discharge capacity [A.h]"].entries[-1]
    half = sim.solve(initial_soc=0.5, direction="discharge")["Discharge capacity [A.h]"].entries[-1]
    assert half == pytest.approx(0.5 * full, rel=0.03)


@pytest.mark.slow
def test_resolving_recomputes_only_a_changed_initial_state():
    sim = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"))
    x_a = first_state(sim.solve([0, 60], initial_soc=0.2))[0]
    values_a = sim._parameter_values
    sim.solve([0, 60], initial_soc=0.2)
    assert sim._parameter_values is values_a  # cached, as PyBaMM caches its eSOH result
    x_b = first_state(sim.solve([0, 60], initial_soc=0.8))[0]
    assert x_a > 3.0 > 1.0 > x_b  # Li content falls as the SOC rises; the built model was updated


@pytest.mark.slow
def test_initial_soc_with_li_in_anode_and_an_input_temperature():
    values = pybamm.ParameterValues("Li2021_TiS2")
    values.update({"Ambient temperature [K]": "[input]", "Current function [A]": 0})
    sim = pybamm.Simulation(AEA({"anode": "Li-In"}), parameter_values=values)
    for T in (298.15, 343.15):
        solution = sim.solve([0, 60], initial_soc="1.5 V", direction="discharge", inputs={"Ambient temperature [K]": T})
        assert solution["Voltage [V]"].entries[0] == pytest.approx(1.5, abs=1e-3)


def test_initial_soc_with_a_list_of_inputs_is_one_set_or_refused_naming_the_list():
    """``sim.solve(t_eval, inputs=[{...}, {...}], initial_soc=...)`` failed inside PyBaMM's ``_normalize_inputs``:
    "AttributeError: 'list' object has no attribute 'keys'" (session 50). PyBaMM builds one model, so a list of inputs
    starts every set from one initial state, while the one an SOC or voltage gives reads the inputs (here the
    temperature: "1.5 V" is another Li content at 25 and 70 C): refused, naming the list and what to do. A list of one
    set is that set's state (1.5 V at 70 C, as the set given alone)."""
    values = pybamm.ParameterValues("Li2021_TiS2")
    values.update({"Ambient temperature [K]": "[input]", "Current function [A]": 0})
    sim = pybamm.Simulation(AEA({"anode": "Li-In"}), parameter_values=values)
    sets = [{"Ambient temperature [K]": 298.15}, {"Ambient temperature [K]": 343.15}]
    with pytest.raises(ValueError, match=r"initial_soc='1.5 V' with a list of 2 input sets \(inputs=\[\{'Ambient "
                                         r"temperature \[K\]': 298.15\}, \.\.\.\]\).*solve each set on its own"):
        sim.solve([0, 60], initial_soc="1.5 V", direction="discharge", inputs=sets)
    one = sim.solve([0, 60], initial_soc="1.5 V", direction="discharge", inputs=sets[1:])  # (PyBaMM: a Solution)
    assert one.all_inputs[0]["Ambient temperature [K]"] == 343.15
    assert one["Voltage [V]"].entries[0] == pytest.approx(1.5, abs=1e-3)


def _each_set_as_alone(model, values, sets, soc, differing):
    """The solutions of ``model`` on ``values`` solved from ``initial_soc=soc`` over 60 s with the list of input
    ``sets``, after checking that each set's voltages at the start and end are those it gives solved alone (rel 1e-9)
    and that each solution holds its own set's value of the input ``differing``."""
    together = pybamm.Simulation(model, parameter_values=values).solve(
        [0, 60], initial_soc=soc, direction="discharge", inputs=sets)
    for solution, one in zip(together, sets):
        alone = pybamm.Simulation(model, parameter_values=values).solve(
            [0, 60], initial_soc=soc, direction="discharge", inputs=one)
        assert solution["Voltage [V]"].entries[[0, -1]] == pytest.approx(alone["Voltage [V]"].entries[[0, -1]],
                                                                         rel=1e-9)
        assert solution.all_inputs[0][differing] == one[differing]
    return together


def test_initial_soc_with_a_list_of_inputs_the_state_does_not_read_starts_every_set_from_it():
    """A list of several input sets with an initial_soc was refused whatever the initial state read (session 50): a
    list of currents from "1.5 V" too, though each set starts from the state it has alone. Now the state is read with
    the inputs the sets give alike (70 C) and shared; the refusal is kept where the state reads an input that differs,
    naming it (the temperature, not the current that differs too)."""
    values = pybamm.ParameterValues("Li2021_TiS2")
    values.update({"Ambient temperature [K]": "[input]", "Current function [A]": "[input]"})
    model = AEA({"anode": "Li-In"})
    current = 0.1 * values["Nominal cell capacity [A.h]"]  # 0.1C
    sets = [{"Ambient temperature [K]": 343.15, "Current function [A]": rate * current} for rate in (1, 2)]
    together = _each_set_as_alone(model, values, sets, "1.5 V", "Current function [A]")
    assert together[1]["Voltage [V]"].entries[-1] < together[0]["Voltage [V]"].entries[-1]  # (twice the current)
    sets[1]["Ambient temperature [K]"] = 298.15
    with pytest.raises(ValueError, match=r"reads 'Ambient temperature \[K\]', which differs between the sets"):
        pybamm.Simulation(model, parameter_values=values).solve(
            [0, 60], initial_soc="1.5 V", direction="discharge", inputs=sets)


def test_initial_soc_with_a_list_of_inputs_the_state_reads_but_does_not_change_with_starts_every_set_from_it():
    """S-LMS at "2.3 V" reads the S8 fraction but gives one state for 0.1 and 0.3 (both > 0): a list of the two was
    refused as if the sets needed two states (review R11). Now the state is read with each set and, one for all,
    every set starts from it, as it would alone; sets whose states differ are refused as before (session 52)."""
    fraction, current = "Dispersed material mass fraction", "Current function [A]"
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    sets = [{fraction: w, current: 0.1 * values["Nominal cell capacity [A.h]"]} for w in (0.1, 0.3)]
    values.update({fraction: "[input]", current: "[input]"})
    model = AEA()
    _each_set_as_alone(model, values, sets, "2.3 V", fraction)



def test_initial_soc_with_a_list_of_inputs_checks_each_list_and_shares_states_one_round_off_apart():
    """Review R18 of session 52's sharing: (1) the state was remembered by the inputs the sets give alike, so on the
    same Simulation a list [1.7, 1.8] V of lower cut-offs (one state at "2.3 V") let a later [1.7, 2.35] through
    unchecked (a late SolverError, 0.07 V below the cut-off; a fresh Simulation refuses it); (2) states that differ
    by round-off were refused: S-LMS at "1.9 V" at 25 and 70 C (Li content 1 ulp apart) solves each set alone."""
    low, temperature, current = "Lower voltage cut-off [V]", "Ambient temperature [K]", "Current function [A]"
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    rate = 0.1 * values["Nominal cell capacity [A.h]"]
    values.update({low: "[input]", temperature: "[input]", current: "[input]"})
    sim = pybamm.Simulation(AEA(), parameter_values=values)
    sim.solve([0, 60], initial_soc="2.3 V", direction="discharge",
              inputs=[{low: x, temperature: 343.15, current: rate} for x in (1.7, 1.8)])
    with pytest.raises(ValueError, match=r"reads 'Lower voltage cut-off \[V\]', which differs between the sets"):
        sim.solve([0, 60], initial_soc="2.3 V", direction="discharge",
                  inputs=[{low: x, temperature: 343.15, current: rate} for x in (1.7, 2.35)])
    sets = [{low: 1.0, temperature: kelvin, current: rate} for kelvin in (298.15, 343.15)]
    _each_set_as_alone(AEA(), values, sets, "1.9 V", temperature)

@pytest.mark.parametrize("name, soc, differing, values_of_set", [
    # near 0: 2.941e-14 and 1.048e-12 Li, both far below the solver's atol (1e-6), a real difference there (the 70 C
    # set from the 25 C state starts 0.0207 V above its cut-off and fails; STATE_ROUND_OFF's comment)
    ("Li2021_S_Mo6S8", 1.0, "Ambient temperature [K]", (298.15, 343.15)),
    # 2.26e-10 apart: another SOC window (its top 2.8 or 3.0 V), not the SOC solve's round-off (xtol 4e-12 Li)
    ("Li2021_Mo6S8", 0.5, "Upper voltage cut-off [V]", (2.8, 3.0)),
])
def test_initial_soc_with_a_list_of_inputs_refused_names_the_states_and_how_far_apart(name, soc, differing,
                                                                                     values_of_set):
    """Review R19: a list of sets whose initial states differ was refused naming the input, not the states: S-LMS at
    initial_soc=1 at 25 and 70 C (Li content 2.941e-14 and 1.048e-12), Mo6S8 at 0.5 with upper cut-offs 2.8 and 3.0 V
    (2.26e-10 apart) read as if any difference were refused. Now the first state that differs, its value with each set
    and how far apart (absolute, and of the larger) are said, and the round-off it is held to."""
    current = "Current function [A]"
    values = pybamm.ParameterValues(name)
    values.update({differing: "[input]", current: "[input]", "Lower voltage cut-off [V]": 1.0})
    sets = [{differing: value, current: 0.1 * values["Nominal cell capacity [A.h]"]} for value in values_of_set]
    alone = [AEA().initial_state_parameter_values(values, soc, inputs=one)["Initial cathode Li content"]
             for one in sets]
    with pytest.raises(ValueError, match=f"reads {re.escape(repr(differing))}") as error:
        pybamm.Simulation(AEA(), parameter_values=values).solve([0, 60], initial_soc=soc, inputs=sets)
    said = re.search(r"different states \('Initial cathode Li content' (\S+) with set 1 and (\S+) with set 2, (\S+) "
                     r"apart, (\S+) of the larger; one state takes them within 1e-12 of the larger, round-off\)",
                     str(error.value))
    assert said is not None, str(error.value)
    assert [float(said[1]), float(said[2])] == alone
    assert float(said[3]) == pytest.approx(abs(alone[1] - alone[0]), rel=1e-3)
    assert float(said[4]) == pytest.approx(abs(alone[1] - alone[0]) / max(alone), rel=1e-2)


@pytest.mark.slow
def test_initial_soc_without_esoh_cache_and_in_batch_study():
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    uncached = pybamm.Simulation(AEA(), parameter_values=values, cache_esoh=False).solve([0, 60], initial_soc=0.4)
    batch = pybamm.BatchStudy({"AEA": AEA()}, parameter_values={"LMS": values})
    batch.solve([0, 60], initial_soc=0.4, calc_esoh=False)
    batched = batch.sims[0].solution
    cached = pybamm.Simulation(AEA(), parameter_values=values).solve([0, 60], initial_soc=0.4)
    assert first_state(uncached) == pytest.approx(first_state(cached), rel=1e-12)
    assert first_state(batched) == pytest.approx(first_state(cached), rel=1e-12)


def test_bad_initial_soc_in_solve_is_named():
    sim = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"))
    with pytest.raises(ValueError, match="got 1.2"):
        sim.solve([0, 60], initial_soc=1.2)
    with pytest.raises(ValueError, match=r"'9 V' is outside the voltage cut-offs \[1.8, 2.8\] V"):
        sim.solve([0, 60], initial_soc="9 V")


@pytest.mark.parametrize("value,said", [
    (50, "got 50 (50 = 5000 %); did you give %? 50 % = 0.5"),
    (100, "got 100 (100 = 10000 %); did you give %? 100 % = 1"),
    ("2300 mV", "initial_value '2300 mV': a voltage must be written like '2.1 V'; 2300 mV in V: '2.3 V'"),
    # session 64's trial: "80%" was answered "a voltage must be written like '2.1 V'"
    ("80%", "initial_value '80%': a state of charge is a fraction from 0 to 1, not a percentage string: write 0.8"),
])
def test_an_initial_soc_in_percent_or_mv_is_said_so(value, said):
    """Session 53: solve(initial_soc=50) was refused as "must be in [0, 1], got 50" and initial_soc='2300 mV' as "a
    voltage must be written like '2.1 V'", without the percent or mV reading the model's checks give every fraction
    and voltage (pybamm_aea.ranges.FRACTION, VOLTAGE_VS_LI); set_initial_state's error the same."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    with pytest.raises(ValueError, match=re.escape(said)):
        pybamm.Simulation(AEA(), parameter_values=values).solve([0, 60], initial_soc=value)
    with pytest.raises(ValueError, match=re.escape(said)):
        pybamm_aea.set_initial_state(values, value)


@pytest.mark.parametrize("value", [1.5, 1 + 1e-9, 4.9])
def test_an_initial_soc_just_above_one_is_not_said_as_percent(value):
    """set_initial_state(v, 1.5) was refused with "(1.5 = 150 %); did you give %? 1.5 % = 0.015", 1 + 1e-9 the same:
    a SOC below 5 is no percent slip (its reading, below 5 %); the range is said, no hint."""
    with pytest.raises(ValueError) as error:
        pybamm_aea.set_initial_state(pybamm.ParameterValues("Li2021_Mo6S8"), value)
    assert str(error.value) == f"initial_value (state of charge) must be <= 1, got {value:.10g}"


@pytest.mark.slow
def test_lithium_ion_models_still_go_through_pybamm():
    """The wrapper hands every other model to PyBaMM's own eSOH code, unchanged."""
    from pybamm.simulation.base_simulation import BaseSimulation

    assert BaseSimulation.set_initial_state._pybamm_aea_dispatch
    assert pybamm.ParameterValues.set_initial_state._pybamm_aea_dispatch
    values = pybamm.ParameterValues("Chen2020")
    solution = pybamm.Simulation(pybamm.lithium_ion.SPM(), parameter_values=values).solve([0, 60], initial_soc=0.3)
    expected = pybamm.lithium_ion.set_initial_state(0.3, values, inplace=False)
    assert values.set_initial_state(0.3, inplace=False)["Initial concentration in negative electrode [mol.m-3]"] == (
        expected["Initial concentration in negative electrode [mol.m-3]"]
    )
    c_max = values["Maximum concentration in negative electrode [mol.m-3]"]
    x0 = expected["Initial concentration in negative electrode [mol.m-3]"] / c_max
    assert solution["Average negative particle stoichiometry"].entries[0] == pytest.approx(x0, rel=1e-6)


@pytest.mark.slow
@pytest.mark.parametrize("hysteresis", ["one-state", "none"])
@pytest.mark.parametrize("initial_hysteresis_state", [1.0, -1.0, 0.3])
def test_no_direction_uses_the_models_own_ocp(hysteresis, initial_hysteresis_state):
    """direction=None solves on the OCP the model starts on (PyBaMM's convention), so an OCV
    target is met exactly on either branch and without hysteresis."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Initial cathode hysteresis state": initial_hysteresis_state, "Current function [A]": 0})
    sim = pybamm.Simulation(AEA({"host thermodynamics": "lever rule", "hysteresis": hysteresis}), parameter_values=values)
    solution = sim.solve([0, 60], initial_soc="2.2 V")
    assert solution["Voltage [V]"].entries[0] == pytest.approx(2.2, abs=1e-6)


def test_parameter_values_method_on_an_aea_set():
    """``pybamm.ParameterValues.set_initial_state`` on an AEA set is pybamm_aea.set_initial_state."""
    values = pybamm.ParameterValues("Li2021_TiS2")
    options = {"anode": "Li-In"}
    expected = pybamm_aea.set_initial_state(values, 0.4, "charge", options)
    copy = values.set_initial_state(0.4, direction="charge", options=options, inplace=False)
    assert values["Initial cathode Li content"] == pybamm.ParameterValues("Li2021_TiS2")["Initial cathode Li content"]
    for name in ("Initial cathode Li content", "Initial cathode hysteresis state"):
        assert copy[name] == expected[name]
    values.set_initial_state(0.4, direction="charge", options=options)  # PyBaMM's default: in place
    assert values["Initial cathode Li content"] == expected["Initial cathode Li content"]


@pytest.mark.slow
def test_hooks_are_there_when_pybamm_finds_the_plugin_by_name():
    """A script that never imports pybamm_aea: the entry points install the hooks."""
    script = (
        "import pybamm\n"
        "values = pybamm.ParameterValues('Li2021_Mo6S8')\n"
        "x = values.set_initial_state(0.5, inplace=False)['Initial cathode Li content']\n"
        "solution = pybamm.Simulation(pybamm.Model('AEA'), parameter_values=values).solve([0, 60], initial_soc=0.5)\n"
        "print(x, solution['Average cathode Li content'].entries[0])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    x_method, x_solve = map(float, result.stdout.split())
    assert 1.5 < x_method < 2.5
    assert x_solve == pytest.approx(x_method, rel=1e-9)


# --- the patch's contract with PyBaMM (pybamm_aea.pybamm_adapter.initial_states.check) ---------------------------
def test_installed_pybamm_has_every_name_the_patch_relies_on():
    from pybamm.simulation.base_simulation import BaseSimulation

    from pybamm_aea.pybamm_adapter import initial_states

    initial_states.check()
    assert BaseSimulation.set_initial_state._pybamm_aea_dispatch
    assert pybamm.ParameterValues.set_initial_state._pybamm_aea_dispatch
    # each private name is a method of the class or set on the instance as PyBaMM builds a simulation
    sim = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"))
    for name in initial_states.SIMULATION_PRIVATE_NAMES:
        assert hasattr(sim, name), name


def test_a_pybamm_without_them_fails_naming_its_version_and_the_names():
    from pybamm.simulation.base_simulation import BaseSimulation

    from pybamm_aea.pybamm_adapter import initial_states

    class OlderSimulation:  # a BaseSimulation of another PyBaMM: no eSOH fingerprint, other keyword names
        def __init__(self):
            self._unprocessed_model = None

        def set_initial_state(self, initial_soc, inputs=None):
            pass

    with pytest.raises(ImportError) as err:
        initial_states.check(OlderSimulation, {OlderSimulation: initial_states.SIGNATURES[BaseSimulation]})
    message = str(err.value)
    assert f"PyBaMM {pybamm.__version__}" in message
    assert "_esoh_fingerprint" in message and "_pv_fingerprint" in message
    assert "set_initial_state(direction=...)" in message
    assert "_unprocessed_model'" not in message  # the one it has is not listed


@pytest.mark.parametrize("options, message", [
    # a typo'd name was ignored: Li metal, an initial Li content of 2.497 instead of Li-In's 1.992
    ({"anode ": "Li-In"}, "Unknown AEA option 'anode '"),
    ({"anod": "Li-In"}, "Unknown AEA option 'anod'"),
    ({"anode": "LiIn"}, "Option 'anode' cannot be 'LiIn'"),
    ("Li-In", "AEA options must be a dict"),  # was "dictionary update sequence element #0 has length 1"
])
def test_unknown_options_are_refused_as_by_the_model(options, message):
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    for check in (lambda: values.copy().set_initial_state(0.5, options=options), lambda: AEA(options, build=False)):
        with pytest.raises(pybamm.OptionError, match=re.escape(message)):
            check()
    model = AEA({"anode": "Li-In"}, build=False)  # a model's own options (with PyBaMM's keys) are accepted
    values = model.default_parameter_values
    x0 = [values.copy().set_initial_state(0.5, options=options)["Initial cathode Li content"]
          for options in (model.options, {"anode": "Li-In"})]
    assert x0 == pytest.approx([1.992, 1.992], abs=1e-3)


@pytest.mark.parametrize("value", [True, False, None, [0.5]])
def test_an_initial_value_neither_a_number_nor_a_voltage_is_named(value):
    """True was taken as SOC 1 and None gave "float() argument must be a string or a real number"."""
    with pytest.raises(TypeError, match=rf"initial_value must be a state of charge in \[0, 1\] or a voltage.*"
                                        rf"got {re.escape(repr(value))}"):
        pybamm.ParameterValues("Li2021_Mo6S8").set_initial_state(value)


@pytest.mark.parametrize("set_name, host, soc, cutoff", [
    ("Li2021_TiS2", "multi-phase", 0, "Lower voltage cut-off [V]"),
    ("Li2021_Mo6S8", "lever rule", 1, "Upper voltage cut-off [V]"),
])
def test_a_rest_at_soc_0_or_1_starts_on_its_cut_off(set_name, host, soc, cutoff):
    """A rest at SOC 0 or 1 shows the cell's OCV at that cut-off. The state sat on the cut-off itself, and the
    model's own OCV, a few 1e-13 V off the initial-state one, was refused at rest: 'the cell starts 7.25e-13 V
    below its lower cut-off' (TiS2, multi-phase) and '0 V above its upper cut-off' (Mo6S8, lever rule)."""
    values = pybamm.ParameterValues(set_name)
    values["Current function [A]"] = 0
    sim = pybamm.Simulation(AEA({"host thermodynamics": host}), parameter_values=values)
    voltage = sim.solve([0, 10], initial_soc=soc)["Voltage [V]"].entries
    assert voltage[0] == pytest.approx(values[cutoff], abs=1e-6)
    assert voltage[-1] == pytest.approx(voltage[0], abs=1e-9)


@pytest.mark.parametrize("initial_soc", [0.5, "2.1 V"])
def test_initial_soc_with_a_starting_solution_is_refused(initial_soc):
    """sim.solve(starting_solution=sol, initial_soc=0.5) continues from sol's last state and PyBaMM ignores the
    initial SOC without a word (LMS: a 1C charge after a 1C discharge ran from 1.882 V for 2798.2 s to 2.8 V with
    initial_soc None, 0.5 and 1.0 alike, measured). Refused before any step, naming the value; either alone runs."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    first = pybamm.Simulation(AEA(), parameter_values=values,
                              experiment=pybamm.Experiment(["Discharge at 1C for 2 minutes"])).solve()
    sim = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment(["Rest for 1 minute"]))
    with pytest.raises(ValueError, match=re.escape(f"initial_soc={initial_soc!r} with a starting_solution")):
        sim.solve(starting_solution=first, initial_soc=initial_soc)
    assert len(sim.solve(starting_solution=first).cycles) == 2
    assert len(sim.solve(initial_soc=initial_soc).cycles) == 1


@pytest.mark.parametrize("options, var_pts, differs", [
    ({"host thermodynamics": "lever rule"}, None, "'host thermodynamics': 'multi-phase' -> 'lever rule'"),
    ({}, {"xi_c": 40}, "the options are the same: the mesh (var_pts) differs"),
])
def test_a_starting_solution_of_another_state_layout_is_named(options, var_pts, differs):
    """Continuing a multi-phase LMS solution with a lever-rule model, or with the same model on a finer mesh, failed
    inside casadi, naming neither the solution nor the models ("Error in Function::call for 'RHS' ... Input 1 (i1)
    has mismatching shape. Got 66-by-1 ..."): PyBaMM carries the state over as it is laid out. Now a ValueError
    names both state sizes and what differs, PyBaMM's error chained; the lever rule's, whose host content is another
    state ("Cathode Li content", not "... variable"), before the solve, naming the states (session 49)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    first = pybamm.Simulation(AEA(), parameter_values=values,
                              experiment=pybamm.Experiment(["Discharge at 1C for 2 minutes"])).solve()
    model = AEA(options)
    if var_pts is not None:
        var_pts = {name: var_pts.get(name.name, n) for name, n in model.default_var_pts.items()}
    sim = pybamm.Simulation(model, parameter_values=values, experiment=pybamm.Experiment(["Rest for 1 minute"]),
                            var_pts=var_pts)
    n = len(first.last_state.all_ys[0])
    said = (re.escape("does not carry this simulation's model's states: states the starting_solution carries that "
                      "this simulation's model lacks (they would be dropped): 'Cathode Li content variable'")
            if options else re.escape(f"the starting_solution's state ({n} values"))
    with pytest.raises(ValueError, match=said + ".*" + re.escape(differs)):
        sim.solve(starting_solution=first)


#: S-LMS with its sulfur's activation and contact loss (the options of the defect's run, session 49)
_DEGRADED = {"dispersed material degradation": "activation and contact loss"}
_DEGRADATION_STATES = ("'Dispersed material accessible fraction', 'Dispersed material fraction lost', 'Dispersed "
                       "material fraction not yet activated', 'Lost lithium in isolated dispersed material [mol]'")


@pytest.mark.parametrize("before, after, said, differs", [
    (_DEGRADED, {}, "states the starting_solution carries that this simulation's model lacks (they would be "
                    f"dropped): {_DEGRADATION_STATES}. ",
     "'dispersed material degradation': 'activation and contact loss' -> 'none'"),
    ({}, _DEGRADED, f"states this simulation's model needs that the starting_solution lacks: {_DEGRADATION_STATES}. ",
     "'dispersed material degradation': 'none' -> 'activation and contact loss'"),
    ({}, {"anode": "Li-In"}, "states this simulation's model needs that the starting_solution lacks: 'Discharge "
                             "energy vs Li [W.h]', 'Li-In anode Li per In', 'Throughput energy vs Li [W.h]'. ",
     "'anode': 'lithium metal' -> 'Li-In'"),
])
def test_a_starting_solution_of_a_model_with_other_states_is_refused_before_the_solve(before, after, said, differs):
    """S-LMS cycled 3 times at 0.5C with its sulfur's activation and contact loss, then one cycle from it on a plain
    model: 145.830 uA.h against 120.966 with the same options (+20.6 %), without a word: PyBaMM carries the last state
    over by the states' names and dropped the four the plain model lacks, the sulfur whole again. The other way round,
    or a Li-In model on a Li-anode solution, PyBaMM's bare ModelError ("To update a model from a solution, each
    variable in model.initial_conditions must appear in the solution ..."; measured session 49). Now a ValueError
    before any step names the states dropped or missing and the options that differ."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    first = pybamm.Simulation(AEA(before), parameter_values=values,
                              experiment=pybamm.Experiment(["Discharge at 0.5C for 2 minutes"])).solve()
    steps = []

    class Started(pybamm.callbacks.Callback):
        def on_step_start(self, logs):
            steps.append(logs["step number"])

    sim = pybamm.Simulation(AEA(after), parameter_values=values, experiment=pybamm.Experiment(["Rest for 1 minute"]))
    with pytest.raises(ValueError, match=re.escape(said) + ".*" + re.escape(f"options that differ: {differs}")):
        sim.solve(starting_solution=first, callbacks=[Started()])
    assert steps == []  # (refused before any step)


def test_a_not_started_solution_as_a_starting_solution_is_refused_naming_it():
    """An experiment none of whose steps ran returns a NotStartedSolution (LMS with "Nominal cell capacity [A.h]" =
    0.15, in mA.h meant: 0.1C is 98.9C of the cathode, the discharge skipped). Given as a starting_solution it failed
    inside PyBaMM with a bare "AttributeError: 'NotStartedSolution' object has no attribute 'all_models'" (session 50,
    the old code too). Now a ValueError before any step names it, says why its run ran no step and what to do; the
    after-failure reading of the state layout (starting_state_mismatch) says the same, one decision
    (carried_state_misfit)."""
    from pybamm_aea.models.experiment_checks import (StartOutsideWindowWarning, carried_state_misfit,
                                                     starting_state_mismatch)
    from pybamm_aea.pybamm_adapter.experiment_errors import NotStartedSolution

    wrong = pybamm.ParameterValues("Li2021_Mo6S8")
    wrong["Nominal cell capacity [A.h]"] = 0.15
    with pytest.warns(StartOutsideWindowWarning):
        empty = pybamm.Simulation(AEA(), parameter_values=wrong,
                                  experiment=pybamm.Experiment(["Discharge at 0.1C until 1.8 V"])).solve()
    assert isinstance(empty, NotStartedSolution)
    steps = []

    class Started(pybamm.callbacks.Callback):
        def on_step_start(self, logs):
            steps.append(logs["step number"])

    sim = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment(["Discharge at 0.1C until 1.8 V"]))
    said = re.escape("the starting_solution is a NotStartedSolution, a solve none of whose experiment's steps ran "
                     "(no step of the experiment ran: PyBaMM skipped its step (Discharge at 0.1C until 1.8 V)")
    with pytest.raises(ValueError, match=said + r".*\): it holds no state to continue from\. Solve this experiment "
                       r"from the set's state \(no starting_solution\) or with an initial_soc"):
        sim.solve(starting_solution=empty, callbacks=[Started()])
    assert steps == []  # (refused before any step)
    assert starting_state_mismatch(empty, [AEA()]) == carried_state_misfit(empty, AEA())
    assert carried_state_misfit(None, AEA()) is None


@pytest.mark.parametrize("options", [{"ionic switch": "none"}, {"electronic conduction": "infinite"},
                                     {"voltage as a state": "true"}])
def test_a_starting_solution_continues_across_options_that_carry_every_state_with_a_history(options):
    """An option that adds no state ("ionic switch": "none"), or only algebraic ones the solver finds again from the
    others (the electrode's ohmic drop dropped; the voltage as a state, its first guess read off the solution's
    voltage), carries every state with a history over: the continuation runs from the solution's last state. So does
    a solution that ended on a hold (its step model's current, PyBaMM's own control state, not the rest's)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    first = pybamm.Simulation(AEA(), parameter_values=values,
                              experiment=pybamm.Experiment(["Discharge at 1C for 2 minutes",
                                                            "Hold at 2.2 V for 1 minute"])).solve()
    then = pybamm.Simulation(AEA(options), parameter_values=values,
                             experiment=pybamm.Experiment(["Rest for 1 minute"])).solve(starting_solution=first)
    assert len(then.cycles) == 3
    held, rest = first["Cathode Li content"].entries[..., -1], then.cycles[-1]["Cathode Li content"].entries[..., 0]
    np.testing.assert_allclose(rest, held, rtol=1e-9)


def test_a_failure_continuing_a_solution_of_the_same_layout_is_pybamms_own():
    """A charge and a hold ("Hold at ... V": a step model with one state more, the current) continuing a solution of
    the same model and mesh runs; when it failed for another reason (an input not given, or out of its range), the
    error came out as "the starting_solution's state (85 values ...) does not fit this simulation's model (85 or 86
    values) ...; the options are the same: the mesh (var_pts) differs", a mesh never changed. Now the failure is
    the one PyBaMM or the input check raised."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    first = pybamm.Simulation(AEA(), parameter_values=values,
                              experiment=pybamm.Experiment(["Discharge at 1C for 2 minutes"])).solve()
    steps = ["Charge at 1C for 1 minute", "Hold at 2.4 V for 1 minute"]
    sim = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment(steps))
    # the hold's voltage is an algebraic constraint met to the solver's tolerance (6.1e-7 below 2.4 V at the end
    # since the Mo6S8 molar mass of session 39, 1e-15 before; up to 1e-4 early in the hold on both)
    assert sim.solve(starting_solution=first)["Voltage [V]"].entries[-1] == pytest.approx(2.4, abs=1e-6)
    values = values.copy()
    values["Cathode porosity"] = "[input]"
    sim = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment(steps))
    with pytest.raises(Exception, match=re.escape("No value provided for input")) as missing:
        sim.solve(starting_solution=first)
    with pytest.raises(ValueError, match=re.escape("'Cathode porosity' = 2.0 is outside its physical range")) as bad:
        sim.solve(starting_solution=first, inputs={"Cathode porosity": 2.0})
    for raised in (missing, bad):
        assert "does not fit" not in str(raised.value) and "var_pts" not in str(raised.value)


@pytest.mark.parametrize("typed, suggested", [("Charge", "charge"), ("dischrage", "discharge")])
def test_an_unknown_direction_suggests_the_close_name(typed, suggested):
    """direction= listed 'discharge', 'charge' or None but suggested none for a wrong case or a misspelling."""
    with pytest.raises(ValueError, match=re.escape(f"did you mean [{suggested!r}")):
        pybamm_aea.set_initial_state(pybamm.ParameterValues("Li2021_Mo6S8"), 0.5, direction=typed)


@pytest.mark.parametrize("alias", ["set_initial_stoichiometry_half_cell", "set_initial_stoichiometries",
                                   "set_initial_ocps"])
def test_pybamms_deprecated_initial_state_names_send_an_aea_set_to_set_initial_state(alias):
    """PyBaMM's deprecated names of ParameterValues.set_initial_state went to its lithium-ion code with an AEA set:
    KeyError "Parameter 'Positive electrode OCP [V]' not found ..."; they now give set_initial_state's values (LMS
    at SOC 0.5 on discharge: x = 1.99), with a DeprecationWarning, and leave PyBaMM's own sets to PyBaMM."""
    expected = pybamm.ParameterValues("Li2021_Mo6S8").set_initial_state(0.5, direction="discharge", inplace=False)
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    with pytest.warns(DeprecationWarning, match=f"{alias} is deprecated"):
        out = getattr(values, alias)(0.5, direction="discharge", inplace=False)
    assert out["Initial cathode Li content"] == expected["Initial cathode Li content"] == pytest.approx(1.99, abs=0.01)
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    with pytest.warns(DeprecationWarning):
        getattr(values, alias)("2.1 V")
    assert values["Initial cathode Li content"] == pybamm.ParameterValues("Li2021_Mo6S8").set_initial_state(
        "2.1 V", inplace=False)["Initial cathode Li content"]
    for unused, value in (("known_value", "cell capacity"), ("tol", 1e-3)):
        if unused in inspect.signature(getattr(pybamm.ParameterValues, alias)).parameters:
            with pytest.raises(ValueError, match=f"{alias}: {unused}={value!r} is an argument of PyBaMM's"):
                getattr(values, alias)(0.5, **{unused: value})
    chen = pybamm.ParameterValues("Chen2020")
    with pytest.warns(DeprecationWarning):
        chen.set_initial_stoichiometries(0.5)
    assert chen["Initial concentration in negative electrode [mol.m-3]"] == pytest.approx(
        pybamm.ParameterValues("Chen2020").set_initial_state(0.5, inplace=False)[
            "Initial concentration in negative electrode [mol.m-3]"])


@pytest.mark.parametrize("host", ["multi-phase", "lever rule"])
def test_the_li_in_window_is_the_cut_offs_as_written(host):
    """LMS's 1.8-2.8 V moved down by the Li-In plateau, 0.62 V, is 1.18-2.18 V as a user reads and writes it: the
    bare differences were 1.1800000000000002 and 2.1799999999999997, printed so where the cut-off is told, and
    ``initial_soc="1.18 V"`` / ``"2.18 V"`` on the Li-In cell were refused as "outside the voltage cut-offs [1.18,
    2.18] V" (user trial, session 46). Each is now a state at its cut-off."""
    options = {"anode": "Li-In", "host thermodynamics": host}
    values = AEA(options).default_parameter_values
    window = (values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"])
    assert window == (1.18, 2.18) and repr(window) == "(1.18, 2.18)", window
    assert li_in_cut_offs(pybamm.ParameterValues("Li2021_Mo6S8")) == {
        "Lower voltage cut-off [V]": 1.18, "Upper voltage cut-off [V]": 2.18,
        "Anode potential of the voltage cut-offs [V]": 0.62}  # (the anode they are against, session 56)
    for voltage, direction in (("1.18 V", "discharge"), ("2.18 V", "charge")):
        set_at = values.set_initial_state(voltage, direction=direction, options=options)
        assert 0 < set_at["Initial cathode Li content"] <= values["Cathode maximum Li content"], voltage


def test_a_loaded_starting_solution_of_another_state_layout_is_named(tmp_path):
    """A solution of a model pybamm.load_model read (its states named by slice) continued by a model of other options
    (multi-phase LMS -> lever rule) failed with casadi's bare "Input 1 (i1) has mismatching shape. Got 66-by-1 ...
    36-by-1": the names unreadable, no state compared. Now a ValueError names both totals, PyBaMM's error chained."""
    import os
    import warnings

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    sim = pybamm.Simulation(AEA(), parameter_values=values)
    sim.solve([0, 30])
    sim.save_model(os.path.join(tmp_path, "aea"), mesh=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = pybamm.Simulation(pybamm.load_model(os.path.join(tmp_path, "aea.json"))).solve([0, 30])
        n = len(loaded.last_state.all_ys[0])
        step = pybamm.Experiment(["Discharge at 1C for 30 s"])
        lever = pybamm.Simulation(AEA({"host thermodynamics": "lever rule"}), parameter_values=values,
                                  experiment=step)
        with pytest.raises(ValueError, match=re.escape(f"the starting_solution's state ({n} values")):
            lever.solve(starting_solution=loaded)
        same = pybamm.Simulation(AEA(), parameter_values=values, experiment=step).solve(starting_solution=loaded)
    assert len(same.cycles) == 2  # (the same options: runs, the loaded solution its first cycle)


def _loading_times(factor, options=None):
    def values():
        values = AEA(options).default_parameter_values
        values.update({"Cathode loading [kg.m-2]": factor * values["Cathode loading [kg.m-2]"],
                       "Nominal cell capacity [A.h]": factor * values["Nominal cell capacity [A.h]"]})
        return values
    return values


@pytest.mark.parametrize("options, other, change, differs", [
    (None, _loading_times(2.0), "cathode +100 %", "'Cathode loading [kg.m-2]' 0.015 -> 0.03"),
    (None, lambda: pybamm.ParameterValues("Li2021_TiS2"), "cathode +643 %",
     "'Cathode host molar mass [kg.mol-1]' 0.83218 -> 0.111987, 'Cathode maximum Li content' 4 -> 1"),
    # (a Li-In anode holds ~2900 times the cathode's lithium: in the sum 1.2 times the loading is 6.9e-5, under rtol)
    ({"anode": "Li-In"}, _loading_times(1.2, {"anode": "Li-In"}), "cathode +20 %",
     "'Cathode loading [kg.m-2]' 0.015 -> 0.018"),
], ids=["twice_the_loading", "Li2021_TiS2", "Li-In_1.2x_loading"])
def test_a_continuation_on_another_cells_values_is_refused_naming_its_lithium(options, other, change, differs):
    """A solution continued on other parameter values was checked by its states' names only, which match: LMS at 1.5
    mg/cm2 continued on 3 mg/cm2 ran on, "Total lithium in cathode [mol]" 1.207e-6 -> 2.414e-6 at the join (the
    carried state is a content per host site) and the next discharge twice as large, without a word; the LMS state
    continued on Li2021_TiS2 failed with SUNDIALS' bare "IDAGetDky: IDA_BAD_K" (user trial, session 50). Now a
    ValueError before any step names the inventory before and after, the parameters that differ and what to do; each
    part by itself (the cathode's, a Li-In anode's: no charge passes at the join)."""
    first = pybamm.Simulation(AEA(options), parameter_values=AEA(options).default_parameter_values,
                              experiment=pybamm.Experiment(["Discharge at 1C for 2 minutes"])).solve()
    cathode = first["Total lithium in cathode [mol]"].entries[-1]
    anode = f", anode {first['Total lithium in anode [mol]'].entries[-1]:.4g} mol" if options else ""
    steps = []

    class Started(pybamm.callbacks.Callback):
        def on_step_start(self, logs):
            steps.append(logs["step number"])

    sim = pybamm.Simulation(AEA(options), parameter_values=other(),
                            experiment=pybamm.Experiment(["Discharge at 0.2C for 2 minutes"]))
    said = (re.escape("continuing the starting_solution on this simulation's parameter values would not conserve its "
                      "lithium: its last state holds ") + r"\S+"
            + re.escape(f" mol (cathode {cathode:.4g} mol{anode}) on the values it was solved on, and ") + ".*" + re.escape(f" on these ({change}, beyond the solver's rtol 0.0001)") + ".*" + re.escape(differs)
            + ".*" + re.escape("Start a new run on these values (no starting_solution"))
    with pytest.raises(ValueError, match=said):
        sim.solve(starting_solution=first, callbacks=[Started()])
    assert steps == []  # (refused before any step)


def test_a_continuation_on_the_same_cells_values_at_another_temperature_or_pressure_runs():
    """Values that keep the cell continue, each join conserving the lithium to round-off: another temperature
    between continuations (no parameter the inventory reads differs: nothing built), another porosity (the stack
    pressure's: read by the inventory, where it cancels in the host's amount), another current and cut-off."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    solution = pybamm.Simulation(AEA(), parameter_values=values,
                                 experiment=pybamm.Experiment(["Discharge at 1C for 2 minutes"])).solve()
    for update in ({"Ambient temperature [K]": values["Ambient temperature [K]"] - 10},
                   {"Ambient temperature [K]": values["Ambient temperature [K]"] - 20, "Cathode porosity": 0.2}):
        then = values.copy()
        then.update(update)
        n = len(solution.t)
        solution = pybamm.Simulation(AEA(), parameter_values=then, experiment=pybamm.Experiment(
            ["Discharge at 0.5C for 1 minute or until 1.9 V"])).solve(starting_solution=solution)
        join = solution["Total lithium in cathode [mol]"].entries[n - 1:n + 1]
        assert join[1] == pytest.approx(join[0], rel=1e-12), update
    assert len(solution.cycles) == 3


def test_a_continuation_on_another_input_value_of_a_parameter_the_lithium_reads_is_refused_naming_it():
    """The cathode loading given as an input ("[input]"), the continuation given twice the first solve's on the same
    values (or a copy): both held the same InputParameter, so the check saw no change and built nothing; the cathode's
    lithium went 1.943e-07 -> 3.886e-07 mol at the join (+100 %) without a word (review R8, session 50). Now the
    inputs are compared (the starting solution's own with the solve's): refused, naming the inputs' values and them
    as the cause; fresh values with a new "[input]" object were refused as "an input -> an input"."""
    values = AEA().default_parameter_values
    loading = values["Cathode loading [kg.m-2]"]
    values.update({"Cathode loading [kg.m-2]": "[input]"})
    first = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment(
        ["Discharge at 1C for 2 minutes"])).solve(inputs={"Cathode loading [kg.m-2]": loading})
    fresh = AEA().default_parameter_values
    fresh.update({"Cathode loading [kg.m-2]": "[input]"})
    said = (re.escape(f"(cathode {first['Total lithium in cathode [mol]'].entries[-1]:.4g} mol) on the values it was "
                      "solved on") + ".*" + re.escape("(cathode +100 %, beyond the solver's rtol 0.0001)") + ".*"
            + re.escape(f"'Cathode loading [kg.m-2]' input {loading:.6g} -> {2 * loading:.6g} (the cause: the solve's "
                        "inputs, other than those the starting solution was solved with)"))
    for then in (values, values.copy(), fresh):
        sim = pybamm.Simulation(AEA(), parameter_values=then,
                                experiment=pybamm.Experiment(["Discharge at 0.2C for 2 minutes"]))
        with pytest.raises(ValueError, match=said):
            sim.solve(starting_solution=first, inputs={"Cathode loading [kg.m-2]": 2 * loading})


def test_a_continuation_on_the_same_input_value_runs_without_a_build(monkeypatch):
    """The same loading given as an input again (a numpy float for the first solve's float, on a copy of the values)
    keeps the cell: nothing is built to judge it, and the join conserves the lithium."""
    import pybamm_aea.models.starting_state as starting_state

    values = AEA().default_parameter_values
    loading = values["Cathode loading [kg.m-2]"]
    values.update({"Cathode loading [kg.m-2]": "[input]"})
    first = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment(
        ["Discharge at 1C for 2 minutes"])).solve(inputs={"Cathode loading [kg.m-2]": float(loading)})
    built = []
    monkeypatch.setattr(starting_state, "_carried_inventory", lambda *args: built.append(args))
    n = len(first.t)
    then = pybamm.Simulation(AEA(), parameter_values=values.copy(), experiment=pybamm.Experiment(
        ["Discharge at 0.2C for 2 minutes"])).solve(starting_solution=first,
                                                    inputs={"Cathode loading [kg.m-2]": np.float64(loading)})
    assert built == []
    join = then["Total lithium in cathode [mol]"].entries[n - 1:n + 1]
    assert join[1] == pytest.approx(join[0], rel=1e-12)


def test_a_users_empty_solution_as_starting_solution_is_named_an_empty_solution():
    """A user's own ``pybamm.EmptySolution()`` as starting_solution was refused as "a EmptySolution, a solve none of
    whose experiment's steps ran" (no experiment ran, and the article wrong): now an empty solution, no state."""
    sim = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment(["Discharge at 0.1C until 1.8 V"]))
    with pytest.raises(ValueError, match=re.escape("the starting_solution is an empty solution (pybamm.EmptySolution): "
                                                   "no state to continue. Solve this experiment from the set's state")):
        sim.solve(starting_solution=pybamm.EmptySolution())


def test_the_li_in_advice_moves_a_set_s_cut_offs_once():
    """Review R34: on Li-In, set_initial_state's ValueError said "set them to [1.18, 2.18] V"; set by hand, they stayed
    declared vs Li metal and the numeric SOC's CutOffsOfAnotherAnodeWarning advised li_in_cut_offs, which moved them
    again, to 0.56-1.56 V (x0 2.497 at SOC 0.5 against the right 1.992), unsaid. Now the error names li_in_cut_offs
    (which declares them) and the warning says where it would move them."""
    import warnings

    from pybamm_aea.models.checks import CutOffsOfAnotherAnodeWarning

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CutOffsOfAnotherAnodeWarning)
        with pytest.raises(ValueError, match=r"move them to \[1\.18, 2\.18\] V with values\.update\(pybamm_aea\."
                           r"parameters\.paper_cell\.li_in_cut_offs\(values\)\), which also declares them against Li-In"):
            pybamm_aea.set_initial_state(values, 0.5, options={"anode": "Li-In"})
    values.update({"Lower voltage cut-off [V]": 1.18, "Upper voltage cut-off [V]": 2.18})
    with pytest.warns(CutOffsOfAnotherAnodeWarning, match=r"If they are a Li metal cell's, move them to 0\.56-1\.56 V "
                      r"with .*or, if the cut-offs are meant as this cell's voltages, set 'Anode potential of the "
                      r"voltage cut-offs \[V\]' to 0\.62"):
        pybamm_aea.set_initial_state(values, 0.5, options={"anode": "Li-In"})


def test_li_in_cut_offs_reads_the_declared_anode_as_the_warning_does():
    """Review R34: a declared 0.62000000001 V was silent in CutOffsOfAnotherAnodeWarning (1e-9 V) but refused by
    li_in_cut_offs (exact ==); a declared input printed "InputParameter(-0x18c1...)". Now the one tolerance, and the
    input named."""
    from pybamm_aea.parameters.paper_cell import CUT_OFF_ANODE_POTENTIAL, li_in_cut_offs

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update(li_in_cut_offs(values))
    values.update({CUT_OFF_ANODE_POTENTIAL: 0.62000000001})
    assert li_in_cut_offs(values) == {"Lower voltage cut-off [V]": pytest.approx(1.18),
                                      "Upper voltage cut-off [V]": pytest.approx(2.18), CUT_OFF_ANODE_POTENTIAL: 0.62}
    values.update({CUT_OFF_ANODE_POTENTIAL: "[input]"})
    with pytest.raises(ValueError, match=r"'Anode potential of the voltage cut-offs \[V\]' is InputParameter .*not a "
                                         r"number"):
        li_in_cut_offs(values)


def test_the_declared_anode_of_the_cut_offs_is_read_once_a_scalar_as_its_number():
    """Session 57: three readings of "Anode potential of the voltage cut-offs [V]" (checks, li_in_cut_offs, the
    start-past-window note) differed: a ``pybamm.Scalar(0.62)`` was silent in the warning but li_in_cut_offs refused it
    ("is Scalar ... not a number"). Now one reading (paper_cell.cut_off_anode_potential): it is Li-In's."""
    from pybamm_aea.parameters.paper_cell import CUT_OFF_ANODE_POTENTIAL, cut_off_anode_potential, li_in_cut_offs

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update(li_in_cut_offs(values))
    values.update({CUT_OFF_ANODE_POTENTIAL: pybamm.Scalar(0.62)})
    assert cut_off_anode_potential(values) == 0.62
    assert li_in_cut_offs(values) == {"Lower voltage cut-off [V]": pytest.approx(1.18),
                                      "Upper voltage cut-off [V]": pytest.approx(2.18), CUT_OFF_ANODE_POTENTIAL: 0.62}
    # review R36: True was read as 1 V ("against an anode, at 1 V vs Li"): a bool says no anode
    values.update({CUT_OFF_ANODE_POTENTIAL: True})
    with pytest.raises(ValueError, match=r"'Anode potential of the voltage cut-offs \[V\]' is bool 'True', not a "
                                         r"number"):
        cut_off_anode_potential(values)


def test_a_pseudo_file_is_the_users_wherever_the_process_runs(tmp_path, monkeypatch):
    """Review R36: a notebook cell's or exec'd string's frame ("<ipython-input-1-abc>", "<string>") was resolved
    against the working directory, so run from inside the package folder it counted as the library's and a warning
    pointed past it; now a pseudo-file is the user's."""
    import os

    import pybamm_aea
    from pybamm_aea.user_frame import _in_library

    monkeypatch.chdir(os.path.dirname(pybamm_aea.__file__))
    assert not _in_library("<ipython-input-1-abc>") and not _in_library("<string>")
    assert _in_library(pybamm_aea.__file__) and _in_library(pybamm.__file__)
    assert not _in_library(str(tmp_path / "script.py"))


def test_an_input_cut_off_is_said_as_an_input_in_the_another_anode_warning():
    """Session 57: a Li metal set's cut-offs on Li-In with the lower one an input were "the voltage cut-offs ? are
    cell voltages against ...": now the number known and "an input" for the other, and how to give it."""
    from pybamm_aea.models.checks import cut_offs_of_another_anode

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Lower voltage cut-off [V]": "[input]"})
    said = cut_offs_of_another_anode(values, "Li-In")
    assert said.startswith("the voltage cut-offs (lower an input, upper 2.8 V) are cell voltages against lithium metal")
    assert "a cut-off given as an input is not moved: pass the Li-In cell's voltage as its input" in said
    # review R36: it advised li_in_cut_offs(values), which refuses an input cut-off; the advice given runs
    from pybamm_aea.parameters.paper_cell import li_in_cut_offs

    assert "values.update(pybamm_aea.parameters.paper_cell.li_in_cut_offs(values, inputs_as_given=True))" in said
    values.update(li_in_cut_offs(values, inputs_as_given=True))
    assert cut_offs_of_another_anode(values, "Li-In") is None


def test_moving_an_input_cut_off_to_li_in_is_refused_naming_it():
    """Session 57: li_in_cut_offs (and li_in_window) on values whose lower cut-off is an input raised "TypeError: type
    Addition doesn't define __round__ method": now a ValueError naming the entry and what to pass instead."""
    from pybamm_aea.parameters.paper_cell import li_in_cut_offs, li_in_window

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Lower voltage cut-off [V]": "[input]"})
    told = ("not a number: a cut-off given as an input cannot be moved to the Li-In anode when the values are built; "
            "give it as a number, or pass the Li-In cell's voltage as the input (vs Li metal minus the plateau 0.62 V)")
    with pytest.raises(ValueError, match=re.escape(f"'Lower voltage cut-off [V]' is InputParameter 'Lower voltage "
                                                   f"cut-off [V]', {told}")):
        li_in_cut_offs(values)
    with pytest.raises(ValueError, match=re.escape("li_in_window takes cell voltages vs Li metal as numbers, got "
                                                   "InputParameter 'Lower voltage cut-off [V]'")):
        li_in_window(values["Lower voltage cut-off [V]"], 2.8)
    assert li_in_cut_offs(values, inputs_as_given=True) == {"Upper voltage cut-off [V]": pytest.approx(2.18),
                                                            "Anode potential of the voltage cut-offs [V]": 0.62}


def test_the_solves_warnings_point_at_the_users_line():
    """Session 57: a plain sim.solve()'s CutOffsOfAnotherAnodeWarning and unknown-input warning were recorded at
    PyBaMM's base_simulation.py line 527 (stacklevel 3): now at the user's sim.solve line, this file."""
    import warnings

    from pybamm_aea.models.checks import CutOffsOfAnotherAnodeWarning

    sim = pybamm.Simulation(AEA({"anode": "Li-In"}), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(pybamm.SolverError):  # (the set's 1.8 V vs Li metal: the cell starts below it on Li-In)
            sim.solve([0, 3600], inputs={"Cathode porsity": 0.3})
    mine = [w for w in caught if issubclass(w.category, CutOffsOfAnotherAnodeWarning) or "porsity" in str(w.message)]
    assert len(mine) == 2
    assert {w.filename for w in mine} == {__file__}


def test_an_experiment_solves_warnings_point_at_the_users_line():
    """Review R36: an experiment solve's unknown-input and temperature warnings were recorded in the package
    (experiment_checks.py, stacklevel 3 and 4 counted from its step), a plain solve's at the user's line: now both."""
    import warnings

    from pybamm_aea.models.checks import TemperatureOutsideMeasuredRangeWarning

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Ambient temperature [K]"] = 360.0
    sim = pybamm.Simulation(AEA(), parameter_values=values,
                            experiment=pybamm.Experiment(["Discharge at 1C for 1 minute"]))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sim.solve(inputs={"Cathode porsity": 0.3})
    mine = [w for w in caught if issubclass(w.category, TemperatureOutsideMeasuredRangeWarning)
            or "porsity" in str(w.message)]
    assert len(mine) == 2, [str(w.message)[:80] for w in caught]
    assert {w.filename for w in mine} == {__file__}, {(w.filename, w.lineno) for w in mine}


def test_an_initial_soc_reads_a_cut_off_written_with_pybamm_t_at_t_0():
    """Session 60: a voltage cut-off of the values written with ``pybamm.t`` (2.8 - 1e-5 t) with
    ``solve(initial_soc=...)`` failed inside PyBaMM ("symbol must evaluate to a constant scalar or array", naming
    nothing of the user's). Read at t = 0 now, the state's time (as the ambient temperature's function is): the
    state is that of the cut-offs' values at t = 0, on the LMS set and AEA_LiCoO2, and the experiment runs."""
    for name, cut_off, expression in (("Li2021_Mo6S8", "Upper voltage cut-off [V]", 2.8 - 1e-5 * pybamm.t),
                                      ("AEA_LiCoO2", "Lower voltage cut-off [V]", 3.0 + 1e-9 * pybamm.t)):
        numbers = pybamm.ParameterValues(name)
        timed = numbers.copy()
        timed[cut_off] = expression
        content = pybamm_aea.set_initial_state(timed, 0.5)["Initial cathode Li content"]
        assert content == pybamm_aea.set_initial_state(numbers, 0.5)["Initial cathode Li content"], name
        sim = pybamm.Simulation(AEA(), parameter_values=timed,
                                experiment=pybamm.Experiment(["Discharge at 0.1C for 10 minutes"]))
        voltage = sim.solve(initial_soc=0.5)["Voltage [V]"].entries
        assert voltage[-1] < voltage[0], name


def test_a_solve_starting_later_reads_a_cut_off_of_pybamm_t_at_its_own_start():
    """Session 62's left item: a ``t_eval`` starting later set its state with the window read at t = 0. LMS with an
    upper cut-off 2.8 - 1e-5 t, ``solve([3600, 7200], initial_soc=1)`` set its state at 2.8 V (Li content 9.07e-10)
    and failed: "Events ['Maximum voltage [V]'] are non-positive at initial conditions" (the cut-off is 2.764 V at
    3600 s). The state is now read at the solve's start, as with the cut-off's number there (3.06e-9, measured
    agreeing to 6e-9 relative: the root finding's tolerance), with t_interp too; "2.78 V", inside the window at 0 and
    past it at 3600 s, is refused naming it; a solve from 0 on the same simulation keeps the state at 0."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Upper voltage cut-off [V]"] = 2.8 - 1e-5 * pybamm.t
    at = {}
    for start in (0.0, 3600.0):
        numbers = values.copy()
        numbers["Upper voltage cut-off [V]"] = 2.8 - 1e-5 * start
        at[start] = pybamm_aea.set_initial_state(numbers, 1)["Initial cathode Li content"]
    assert at[3600.0] > 3 * at[0.0]  # (3.06e-9 against 9.07e-10: the two windows' states differ)
    sim = pybamm.Simulation(AEA(), parameter_values=values)
    for t_eval, t_interp, start in (([3600, 7200], None, 3600.0), ([3600, 7200], [3600, 5400, 7200], 3600.0),
                                    ([0, 3600], None, 0.0)):
        solution = sim.solve(t_eval, t_interp=t_interp, initial_soc=1)
        assert solution.t[0] == start
        assert solution["Average cathode Li content"].entries[0] == pytest.approx(at[start], rel=1e-6), t_eval
    with pytest.raises(ValueError, match=re.escape("initial_value '2.78 V' is outside the voltage cut-offs "
                                                   "[1.8, 2.764] V")):
        sim.solve([3600, 7200], initial_soc="2.78 V")


def test_a_drive_cycle_from_later_data_reads_a_cut_off_of_pybamm_t_at_its_datas_start():
    """Session 63's left item: a drive cycle (an Interpolant "Current function [A]", no experiment) solved with
    ``t_eval=None`` runs at its data's times, but its state was read at t = 0. LMS with an upper cut-off 2.8 - 1e-5 t
    and data from 3600 to 7200 s (a 1.5e-5 A discharge), ``solve(initial_soc=1)`` set its state at 2.8 V and failed
    "the cell starts 0.01623 V above its upper cut-off" (it is 2.764 V at 3600 s). The state is now read at the data's
    first time, as with the cut-off's number there (3.06e-9 Li, agreeing to 6e-9 relative as in the t_eval case)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    numbers = values.copy()
    numbers["Upper voltage cut-off [V]"] = 2.8 - 1e-5 * 3600.0
    at_start = pybamm_aea.set_initial_state(numbers, 1)["Initial cathode Li content"]
    values["Upper voltage cut-off [V]"] = 2.8 - 1e-5 * pybamm.t
    times = np.array([3600.0, 5400.0, 7200.0])
    values["Current function [A]"] = pybamm.Interpolant(times, np.full(3, 1.5e-5), pybamm.t)
    sim = pybamm.Simulation(AEA(), parameter_values=values)
    assert sim.operating_mode == sim.MODE_DRIVE_CYCLE
    solution = sim.solve(initial_soc=1)
    assert solution.t[0] == 3600.0
    assert solution["Average cathode Li content"].entries[0] == pytest.approx(at_start, rel=1e-6)


def test_a_later_solve_past_a_cut_off_of_pybamm_t_is_explained_at_its_own_start():
    """Session 63: the start advice read the cut-offs at t = 0 where PyBaMM checks them at ``t_eval[0]``. LMS held at
    the state of a 2.79 V cut-off (2.770 V under its 1.5e-5 A discharge) with an upper cut-off 2.8 - 1e-5 t: over
    [3600, 7200] s it starts past 2.764 V, which was read as 2.8 V (0.030 V inside) and left PyBaMM's bare "Events
    ['Maximum voltage [V]'] are non-positive at initial conditions"; now it is said 0.006014 V past, measured at
    3600 s. From 0 the same cell runs."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    fixed = values.copy()
    fixed["Upper voltage cut-off [V]"] = 2.79
    values.update(pybamm_aea.set_initial_state(fixed, 1))
    values["Upper voltage cut-off [V]"] = 2.8 - 1e-5 * pybamm.t
    with pytest.raises(pybamm.SolverError, match=r"^the cell starts 0\.0060\d* V above its upper cut-off under its "
                                                  r"current at the start"):
        pybamm.Simulation(AEA(), parameter_values=values).solve([3600, 7200])
    voltage = pybamm.Simulation(AEA(), parameter_values=values).solve([0, 3600])["Voltage [V]"].entries
    assert voltage[0] == pytest.approx(2.770, abs=1e-3)


def test_pybamms_initial_state_of_a_voltage_with_a_cut_off_of_pybamm_t_is_refused_naming_it():
    """Session 60: PyBaMM's own initial state (the conventional S-C/LGPS DFN half cell) from a voltage, "2.0 V",
    with a lower cut-off 1.0 + 1e-9 t failed inside PyBaMM ("symbol must evaluate to a constant scalar or array").
    Refused now naming the initial_soc, the cut-off and the way out; a state of charge (PyBaMM's half cell reads
    the stoichiometry limits, not the cut-offs) solves."""
    from pybamm_aea import conventional

    values = pybamm.ParameterValues("Li2021_S_C_LGPS")
    values["Lower voltage cut-off [V]"] = 1.0 + 1e-9 * pybamm.t
    sim = pybamm.Simulation(conventional.s_c_lgps_model(), parameter_values=values)
    with pytest.raises(ValueError) as refused:
        sim.solve([0, 600], initial_soc="2.0 V")
    assert str(refused.value) == (
        "initial_soc='2.0 V', the initial state set before the solve's first time or the experiment's first step: "
        "PyBaMM's initial-state code for DFN reads the voltage cut-offs as numbers, and 'Lower voltage cut-off [V]' "
        "= 1.0 + 1e-09 * time is an expression of PyBaMM's time: give initial_soc as a state of charge (a number in "
        "[0, 1]), or the cut-off as a number")
    pybamm.Simulation(conventional.s_c_lgps_model(), parameter_values=values).solve([0, 600], initial_soc=0.9)


@pytest.mark.parametrize("name", ["State of Charge", "SoC", "State of charge", "SOC [%]"])
def test_a_state_of_charge_asked_of_a_solution_says_how_to_read_the_windows(name):
    """Session 64's user trial (finding 5): "State of Charge", "SoC", "State of charge" gave PyBaMM's KeyError with no
    suggestion (old code: "... not found. Best matches: [...]" naming no SOC). The answer now says the model
    publishes none, what initial_soc's SOC is and how to read a solved state's: followed, at the start of a solve
    from initial_soc 0.5 it gives 0.5 (to 1e-6)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    solution = pybamm.Simulation(AEA(), parameter_values=values).solve([0, 1], initial_soc=0.5)
    with pytest.raises(KeyError) as error:
        solution[name]
    said = error.value.args[0]
    assert said.startswith(f"'{name}': the AEA model publishes no state of charge"), said
    assert "window_state_of_charge(values, x, z, (lower, upper), direction)" in said
    x = float(solution["Average cathode Li content"].entries[0])
    soc, _ = pybamm_aea.initial_state.window_state_of_charge(values, x, None, (1.8, 2.8), None)
    assert soc == pytest.approx(0.5, abs=1e-6)
