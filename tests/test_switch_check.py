"""The ionic switch and the solver's time step (pybamm_aea.switch_check): a charge of the multi-phase host whose Li0
layer formed inside the electrode is solved again by the AEA solver at SOLVER_RTOL_FOR_THE_SWITCH (session 48)."""
import warnings

import numpy as np
import pybamm
import pytest

from pybamm_aea import AEA
from pybamm_aea.constants import F
from pybamm_aea.models import checks
from pybamm_aea.readout import ESC
from pybamm_aea.switch_check import (SOLVER_RTOL_FOR_THE_SWITCH, InteriorLayer, SolverSteppedSwitchWarning,
                                     SwitchRefinedWarning, advised_rtol)


def _thin_lms():
    """Half the paper's loading (0.75 mg/cm2) at the set's 70 C: at 0.05C its charge at the default rtol 1e-4 formed
    the Li0 layer inside the electrode on 20 cells (108.76 mA.h/g of charge, to x = 0.61, since session 47's
    swollen-layer transport; 115.8 before it), 101.42 at rtol 1e-6 (to x = 0.835; measured 2026-12-05)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode loading [kg.m-2]": 0.5 * values["Cathode loading [kg.m-2]"],
                   "Nominal cell capacity [A.h]": 0.5 * values["Nominal cell capacity [A.h]"]})
    return values


def _solved(values, experiment, solver=None, **kwargs):
    """(solution, warnings) of ``experiment`` on the default multi-phase AEA model (``solver``: its default's)."""
    model = AEA()
    sim = pybamm.Simulation(model, parameter_values=values.copy(), experiment=experiment,
                            solver=solver or model.default_solver)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        solution = sim.solve(**kwargs)
    return solution, caught


def _charge(step):
    """The charge a step passed [mA.h/g]."""
    q = step[ESC].entries
    return q[0] - q[-1]


@pytest.mark.slow
def test_a_charge_the_solvers_step_decided_is_solved_again_at_the_switch_rtol():
    """0.75 mg/cm2 LMS at 70 C and 0.05C on 20 cells: at the default rtol 1e-4 the charge passed the ionic switch
    (its Li0 layer formed in cell 3, the separator cell still Li1: 108.76 mA.h/g to x = 0.61) and the solve only
    warned (SolverSteppedSwitchWarning), the user to solve again by hand. Now the solver solves that charge again from
    its start at rtol 1e-6 and returns what a solve at 1e-6 returns (101.42 mA.h/g, x = 0.835) within 0.1 % (the
    discharge before it stays the default rtol's), with a SwitchRefinedWarning naming the step and the charge before
    and after; Li is conserved through the re-solved charge, which starts where the discharge ended."""
    experiment = pybamm.Experiment(["Discharge at 0.05C until 1.8 V", "Charge at 0.05C until 2.8 V"])
    solution, caught = _solved(_thin_lms(), experiment)
    reference, _ = _solved(_thin_lms(), experiment, AEA().default_solver_with(rtol=SOLVER_RTOL_FOR_THE_SWITCH))
    charge = solution.cycles[1].steps[0]
    print("charge [mA.h/g]:", _charge(charge), "at rtol 1e-6:", _charge(reference.cycles[1].steps[0]))
    assert _charge(charge) == pytest.approx(_charge(reference.cycles[1].steps[0]), rel=1e-3)
    assert solution["Average cathode Li content"].entries[-1] > 0.8  # (the ionic switch at the separator)
    said = [str(w.message) for w in caught if w.category is SwitchRefinedWarning]
    assert len(said) == 1 and not [w for w in caught if issubclass(w.category, SolverSteppedSwitchWarning)], said
    assert said[0].startswith("a step from t = ") and "'Charge at 0.05C until 2.8 V'), a charge, formed its Li0 " \
        "layer inside the electrode, not at the separator: cell " in said[0], said[0]
    assert f"solved again from its start at rtol {SOLVER_RTOL_FOR_THE_SWITCH:g}: its charge " in said[0]
    # (per gram too, as the docs quote it: the re-solved charge's is the one returned)
    assert f" mA.h ({_charge(charge):.5g} mA.h/g) against the first integration's " in said[0], said[0]
    assert "its Li0 layer now forms at the separator (the ionic switch). The refined integration is kept" in said[0]
    # Li conserved through the re-solved charge (to the 1e-6 solve's tolerance) and continuous with the discharge
    n_c = charge["Total lithium in cathode [mol]"].entries
    q = charge["Discharge capacity [A.h]"].entries
    np.testing.assert_allclose(n_c - n_c[0], (q - q[0]) * 3600 / F, atol=1e-5 * np.abs(q - q[0]).max() * 3600 / F)
    discharge = solution.cycles[0].steps[0]
    assert n_c[0] == pytest.approx(discharge["Total lithium in cathode [mol]"].entries[-1], rel=1e-9)


@pytest.mark.slow
def test_a_flagged_charge_in_a_cycle_not_saved_is_solved_again():
    """With save_at_cycles the steps of a cycle not saved are not in the solution, so the check after the solve never
    saw its charge: the same 0.75 mg/cm2 charge as cycle 2 of 3 (save_at_cycles=[3]) ran on past the ionic switch to x
    = 0.61 without a word. The solver judges each integration as it makes it: the charge is solved again (its
    SwitchRefinedWarning names cycle 2) and the rest after it starts from the switch's x = 0.835."""
    experiment = pybamm.Experiment([("Discharge at 0.05C until 1.8 V",), ("Charge at 0.05C until 2.8 V",),
                                    ("Rest for 1 minute",)])
    solution, caught = _solved(_thin_lms(), experiment, save_at_cycles=[3])
    said = [str(w.message) for w in caught if w.category is SwitchRefinedWarning]
    assert len(said) == 1 and "in cycle 2 of 3, 'Charge at 0.05C until 2.8 V'" in said[0], said
    assert solution.cycles[1] is None  # (not saved)
    assert solution.cycles[2]["Average cathode Li content"].entries[0] == pytest.approx(0.835, abs=0.01)


def _thinner_lms():
    """A quarter of the paper's loading (0.375 mg/cm2) at the set's 70 C: at 0.02C its charge at rtol 1e-6 is 108.99
    mA.h/g to x = 0.60, every cycle (measured 2026-12-06)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode loading [kg.m-2]": 0.25 * values["Cathode loading [kg.m-2]"],
                   "Nominal cell capacity [A.h]": 0.25 * values["Nominal cell capacity [A.h]"]})
    return values


@pytest.mark.slow
def test_a_charge_whose_bulk_decomposed_at_once_after_a_late_switch_is_solved_again():
    """0.375 mg/cm2 LMS at 70 C and 0.02C, three cycles: the third charge's separator cell decomposed first, but late
    (the step delayed the switch), and cells 3-20 of 20 (0.79 of the electrode's thickness) fell below the Li0/Li1
    gap's middle together, the bulk homogeneous past the spinodal peak: the check, reading only which cell fell first,
    passed it and the charge ran on to 113.95 mA.h/g against 108.99 at rtol 1e-6 (of 20 cycles, 11 charges so,
    112.0-125.0). Cells spanning a quarter of the thickness or more falling together (within 0.5 % of the charge's
    time; resolved, at most 0.17 of it, 72 runs) flag it now, and it is solved again: every charge is rtol 1e-6's."""
    experiment = pybamm.Experiment([("Discharge at 0.02C until 1.8 V", "Charge at 0.02C until 2.8 V")] * 3)
    solution, caught = _solved(_thinner_lms(), experiment)
    reference, _ = _solved(_thinner_lms(), experiment, AEA().default_solver_with(rtol=SOLVER_RTOL_FOR_THE_SWITCH))
    charges = [_charge(cycle.steps[1]) for cycle in solution.cycles]
    resolved = [_charge(cycle.steps[1]) for cycle in reference.cycles]
    print("charges [mA.h/g]:", charges, "at rtol 1e-6:", resolved)
    np.testing.assert_allclose(charges, resolved, rtol=1e-3)
    said = [str(w.message) for w in caught if w.category is SwitchRefinedWarning]
    assert any("in cycle 3 of 3" in text and " of 20 together, " in text for text in said), said
    assert not [w for w in caught if issubclass(w.category, SolverSteppedSwitchWarning)]


def test_a_bulk_decomposed_at_once_is_said_so():
    """The judgement of a charge whose separator cell fell first, with most of the electrode (cells of equal width
    here): flagged with the cells' span, and its words say the bulk decomposed at once; a layer that grows from the
    separator (one cell after another), or one judged without the cells' widths, is not flagged."""
    from pybamm_aea.switch_check import _interior_layer

    t = np.linspace(0, 1000, 11)
    x = np.full((4, 11), 0.6)
    x[1:, 5:] = 0.3  # (cells 2-4 of 4 together at 500 s, the separator cell among them)
    found = _interior_layer(t, x, 0.495, np.ones(4))
    assert found is not None and (found.cell, found.last, found.span, found.time) == (1, 3, 0.75, 500.0)
    assert found.where().startswith("cells 2-4 of 4 (counted from the collector, 0.75 of the electrode's thickness) "
                                    "fell below x = 0.495 together, 0.139 h in") and "at once" in found.where()
    assert _interior_layer(t, x, 0.495) is None
    grown = np.full((8, 11), 0.6)
    for cell, start in ((7, 2), (6, 4), (5, 6), (4, 8)):  # (from the separator, 200 s apart, an eighth each)
        grown[cell, start:] = 0.3
    assert _interior_layer(t, grown, 0.495, np.ones(8)) is None


def test_a_charge_the_solvers_step_did_not_decide_is_not_solved_again(monkeypatch):
    """The paper's cell (1.5 mg/cm2) at 70 C and 0.1C: its charge forms the Li0 layer at the separator at the default
    rtol (101.0 mA.h/g): judged, not flagged, not solved again: no SwitchRefinedWarning, and the same solution, state
    for state, as a solver that does not solve such a charge again (SOLVE_STEPPED_SWITCH_AGAIN False)."""
    import pybamm_aea.switch_check as switch_check

    judged = []
    stepped = switch_check.stepped_integration

    def recorded(model, solution):
        judged.append(stepped(model, solution))
        return judged[-1]

    monkeypatch.setattr(switch_check, "stepped_integration", recorded)
    experiment = pybamm.Experiment(["Discharge at 0.1C until 1.8 V", "Charge at 0.1C until 2.8 V"])
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    solution, caught = _solved(values, experiment)
    assert len(judged) == 2 and judged == [None, None]  # (the discharge by its state difference, the charge whole)
    assert not [w for w in caught if issubclass(w.category, (SwitchRefinedWarning, SolverSteppedSwitchWarning))]
    off = AEA().default_solver
    off.SOLVE_STEPPED_SWITCH_AGAIN = False
    plain, _ = _solved(values, experiment, off)
    assert len(judged) == 2  # (that solver judges nothing)
    for ours, theirs in zip(solution.cycles, plain.cycles):
        np.testing.assert_array_equal(ours.steps[0].y, theirs.steps[0].y)
    assert _charge(solution.cycles[1].steps[0]) == pytest.approx(101.0, abs=0.3)


def test_only_the_flagged_input_set_of_a_list_of_inputs_is_solved_again(monkeypatch):
    """A solve of a list of inputs integrates each input set; the one the check flags (here the second, made to be
    flagged: a stub judgement) is solved again alone at rtol 1e-6, its warning naming it (input set 1 of 2, the index
    pybamm_aea.sweep solves that row again alone by); the first keeps the batch's solution, state for state."""
    import pybamm_aea.switch_check as switch_check

    flagged = InteriorLayer(cell=2, cells=20, time=600.0, separator=0.95, layer=0.495)
    calls = []

    def stub(model, solution, rtol=None):  # (flags the set at the larger current, once: the re-solve is not flagged)
        calls.append(float(np.ravel(solution.all_inputs[0]["Current function [A]"])[0]))
        return flagged if calls[-1] > 7e-5 and calls.count(calls[-1]) == 1 else None

    monkeypatch.setattr(switch_check, "stepped_integration", stub)
    model = AEA()
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Current function [A]"] = "[input]"
    inputs = [{"Current function [A]": 5e-5}, {"Current function [A]": 1e-4}]
    sim = pybamm.Simulation(model, parameter_values=values)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        solutions = sim.solve([0, 600], inputs=inputs)
    refined = [w.message for w in caught if w.category is SwitchRefinedWarning]
    assert [w.input_set for w in refined] == [1], [str(w) for w in refined]
    assert "the integration from t = 0 s of input set 1 (of 2), a charge, formed its Li0 layer inside the electrode, " \
           "not at the separator: cell 3 of 20" in str(refined[0]) and "at rtol 1e-06" in str(refined[0])
    monkeypatch.setattr(switch_check, "stepped_integration", lambda model, solution: None)
    alone = pybamm.Simulation(model, parameter_values=values)
    first, second = (alone.solve([0, 600], inputs=[one]) for one in inputs)
    np.testing.assert_array_equal(solutions[0].y, first.y)
    assert not np.array_equal(solutions[1].y, second.y)  # (solved again at 1e-6: another path)
    np.testing.assert_allclose(solutions[1]["Voltage [V]"].entries[-1], second["Voltage [V]"].entries[-1], rtol=1e-3)


def test_the_rtol_advised_after_the_solve_is_past_the_one_the_solver_solved_again_at():
    """A charge still flagged after the solve: the AEA solver solved it again at 1e-6 already, so the warning and
    mesh_check's verdict advise 1e-7; a solver that does not solve it again (another's, or
    SOLVE_STEPPED_SWITCH_AGAIN False) 1e-6, as before; one at 1e-6 or tighter a tenth of its own."""
    solver = AEA().default_solver
    assert advised_rtol(solver) == pytest.approx(1e-7)
    assert advised_rtol(AEA().default_solver_with(rtol=1e-8)) == pytest.approx(1e-9)
    assert advised_rtol(None) == advised_rtol(pybamm.IDAKLUSolver(rtol=1e-4)) == SOLVER_RTOL_FOR_THE_SWITCH
    solver.SOLVE_STEPPED_SWITCH_AGAIN = False
    assert advised_rtol(solver) == SOLVER_RTOL_FOR_THE_SWITCH


def test_the_retry_of_a_failed_step_keeps_a_solvers_opt_out(monkeypatch):
    """A default solver told not to solve a stepped charge again (SOLVE_STEPPED_SWITCH_AGAIN False) retries a step IDA
    failed on with a new solver (SharedEventsIDAKLUSolver._checked_step); that retry did not copy the False, so the
    retried step was judged and, flagged, solved again at rtol 1e-6 against the user's choice. It judges nothing now."""
    import pybamm_aea.switch_check as switch_check
    from pybamm_aea.models import solvers

    failed, judged = [], []
    pybamm_step = pybamm.IDAKLUSolver.step
    stepped = switch_check.stepped_integration

    def fails_once(self, old_solution, model, *args, **kwargs):  # (IDA failing once on the default solver)
        if type(self) is solvers.SharedEventsIDAKLUSolver and not failed:
            failed.append(model)
            raise pybamm.SolverError("IDA_ERR_FAIL (injected)")
        return pybamm_step(self, old_solution, model, *args, **kwargs)

    monkeypatch.setattr(pybamm.IDAKLUSolver, "step", fails_once)
    monkeypatch.setattr(switch_check, "stepped_integration",
                        lambda model, solution: judged.append(model) or stepped(model, solution))
    off = AEA().default_solver
    off.SOLVE_STEPPED_SWITCH_AGAIN = False
    experiment = pybamm.Experiment(["Discharge at 0.1C for 10 minutes"])  # (judged too: its state difference)
    solution, caught = _solved(pybamm.ParameterValues("Li2021_Mo6S8"), experiment, off)
    assert len(failed) == 1 and any(issubclass(w.category, solvers.StepRetriedWarning) for w in caught)
    assert judged == []


def test_the_post_solve_text_below_the_switch_rtol_names_the_warning_and_both_solvers(monkeypatch):
    """The SolverSteppedSwitchWarning text for a charge last solved at rtol 1e-6 (advised 1e-7) said "the AEA solver
    solves such a charge again at rtol 1e-06 itself, StepRefinedWarning": the warning is SwitchRefinedWarning, and a
    solver of the user's own at 1e-6 (never judged as it integrates) or a re-solve IDA failed on did not solve it
    so. The text names SwitchRefinedWarning and says whose rtol it was."""
    import pybamm_aea.switch_check as switch_check

    class _Entries:
        def __init__(self, entries):
            self.entries = np.asarray(entries, dtype=float)

    t = np.linspace(0, 3600, 4)
    step = {"Time [s]": _Entries(t), "Current [A]": _Entries(-1e-4 * np.ones(4)),
            "Average cathode Li content": _Entries([1.9, 1.5, 1.0, 0.6])}
    content = np.array([[1.9, 1.5, 1.0, 0.3], [1.9, 1.5, 1.0, 0.8], [1.9, 1.5, 1.0, 0.9]])  # (cell 1 first below)
    monkeypatch.setattr(switch_check, "_gap_middle", lambda model, values, inputs: 0.5)
    monkeypatch.setattr(switch_check, "_content_history", lambda step: content)
    said = switch_check.interior_li0_charge_warning(AEA(), {}, [step], rtol=1e-7)
    assert said is not None and "StepRefinedWarning" not in said and "SwitchRefinedWarning" in said
    assert "by your solver" in said and "IDA failed" in said and "default_solver_with(rtol=1e-07)" in said


def test_default_solver_with_opts_out_of_solving_a_stepped_charge_again(monkeypatch):
    """A user opted out only by setting the attribute (solver.SOLVE_STEPPED_SWITCH_AGAIN = False);
    default_solver_with(solve_stepped_switch_again=False) does it now: its solver judges no integration. The default
    keeps the class's True; False on the lever-rule host (no ionic switch), or a value not a bool, is refused."""
    import pybamm_aea.switch_check as switch_check

    judged = []
    stepped = switch_check.stepped_integration
    monkeypatch.setattr(switch_check, "stepped_integration",
                        lambda model, solution: judged.append(model) or stepped(model, solution))
    off = AEA().default_solver_with(solve_stepped_switch_again=False)
    assert off.SOLVE_STEPPED_SWITCH_AGAIN is False and AEA().default_solver_with().SOLVE_STEPPED_SWITCH_AGAIN is True
    _solved(pybamm.ParameterValues("Li2021_Mo6S8"), pybamm.Experiment(["Discharge at 0.1C for 10 minutes"]), off)
    assert judged == []
    with pytest.raises(ValueError, match="lever rule"):
        AEA({"host thermodynamics": "lever rule"}).default_solver_with(solve_stepped_switch_again=False)
    with pytest.raises(ValueError, match="got 0"):
        AEA().default_solver_with(solve_stepped_switch_again=0)


def test_a_step_that_charges_for_a_time_but_nets_a_discharge_is_judged(monkeypatch):
    """A drive cycle's step (a current profile: 10 minutes of charge at 0.1C, then 20 of discharge at 0.2C) nets a
    discharge, and both the check as the solver integrates (the "Discharge capacity [A.h]" state's net change) and the
    one after the solve (the current's integral) read the net sign: it was never judged, its charge passing the ionic
    switch unseen. A step is judged now when it charged at any time: by the solver as it integrates it, and after."""
    import pybamm_aea.switch_check as switch_check

    judged, in_solver = [], []
    interior, stepped = switch_check._interior_layer, switch_check.stepped_integration
    monkeypatch.setattr(switch_check, "_interior_layer",
                        lambda t, x, layer, widths=None, charged=None: judged.append((t[-1] - t[0], bool(in_solver))) or
                        interior(t, x, layer, widths, charged))

    def solver_judging(model, solution, **kwargs):  # (the solver's judgement, told from the check after the solve)
        in_solver.append(True)
        try:
            return stepped(model, solution, **kwargs)
        finally:
            in_solver.pop()

    monkeypatch.setattr(switch_check, "stepped_integration", solver_judging)
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    current = 0.1 * values["Nominal cell capacity [A.h]"]
    profile = np.column_stack([[0, 600, 601, 1800], [-current, -current, 2 * current, 2 * current]])
    experiment = pybamm.Experiment(["Discharge at 0.1C for 1 hour",
                                    pybamm.step.current(profile, termination=["< 1.6 V", "> 2.9 V"])])
    solution, _ = _solved(values, experiment)
    drive = solution.cycles[1].steps[0]
    assert drive["Discharge capacity [A.h]"].entries[-1] > drive["Discharge capacity [A.h]"].entries[0]  # (net)
    by_solver = [span for span, solver in judged if solver]
    assert by_solver and by_solver[0] == pytest.approx(1800, rel=1e-6), judged  # (the whole step, as integrated)
    judged.clear()
    assert switch_check._recalled(drive, drive["Time [s]"].entries) is None  # (the solver's verdict, read after)
    switch_check._VERDICTS.clear()  # (as for a solver not ours: the check after the solve judges it itself)
    assert switch_check.interior_li0_charge_warning(AEA(), values, [drive]) is None  # (the layer at the separator)
    assert judged, "not judged after the solve"


def test_later_switch_refined_warnings_of_a_solve_are_short(monkeypatch):
    """0.375 mg/cm2 LMS at 0.02C over 20 cycles gave 11 SwitchRefinedWarnings of ~570 characters each, all saying
    why. The first of an experiment solve still does, with its numbers; the later ones name the step, the cell and
    the count, and keep the charge before and after. The next solve's first says why again. (The judgement here is a
    stub flagging each charge once, its re-solve not.)"""
    import pybamm_aea.switch_check as switch_check
    from pybamm_aea.pybamm_adapter.model_internals import state_changes

    flagged = InteriorLayer(cell=2, cells=20, time=60.0, separator=0.95, layer=0.495)
    seen = set()

    def stub(model, solution, rtol=None):
        fell = state_changes(model, solution.all_ys[-1], "Discharge capacity [A.h]")
        if fell is None or not fell[0][-1] < 0 or float(solution.t[0]) in seen:
            return None
        seen.add(float(solution.t[0]))
        return flagged

    monkeypatch.setattr(switch_check, "stepped_integration", stub)
    experiment = pybamm.Experiment([("Discharge at 1C for 3 minutes", "Charge at 1C for 2 minutes")] * 3)
    solver = AEA().default_solver
    for _ in range(2):
        seen.clear()
        _, caught = _solved(pybamm.ParameterValues("Li2021_Mo6S8"), experiment, solver)
        said = [str(w.message) for w in caught if w.category is SwitchRefinedWarning]
        assert len(said) == 3, said
        assert "IDA's time step at rtol 0.0001 passed the ionic switch" in said[0] and " mA.h/g) against " in said[0]
        for number, text in enumerate(said[1:], start=2):
            assert f"(cell 3 of 20, 0.0167 h in), charge {number} of this solve so (the first's " in text, text
            assert "passed the ionic switch" not in text and " mA.h/g) against " in text, text
            assert len(text) < 0.8 * len(said[0])


def test_the_check_after_the_solve_reads_the_solvers_verdict(monkeypatch):
    """Each charge was judged twice: by the AEA solver as it integrated it and again after the solve
    (interior_li0_charge_warning), each evaluating the host's free content over its states (0.4 % of a 30-cycle run
    of the paper's cell at 0.1C). The check after the solve now reads the solver's verdict on a step that is the
    integration it judged, the same verdict a fresh judgement gives; a step the solver did not judge (a solver told
    not to) is judged after the solve as before."""
    import pybamm_aea.switch_check as switch_check
    from pybamm_aea.readout import iter_steps

    evaluated = []
    history = switch_check._content_history
    monkeypatch.setattr(switch_check, "_content_history", lambda step: evaluated.append(step) or history(step))
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    experiment = pybamm.Experiment([("Discharge at 0.2C until 1.8 V", "Charge at 0.2C until 2.8 V")])
    solution, caught = _solved(values, experiment)
    assert len(evaluated) == 1  # (the charge, by the solver; the discharge by its state's change alone)
    steps = [step for *_, step in iter_steps(solution)]
    charge = steps[1]
    t = charge["Time [s]"].entries
    assert switch_check._recalled(charge, t) is None  # (judged, not flagged)
    layer = switch_check._gap_middle(AEA(), values, None)
    assert switch_check._interior_layer(t, history(charge), layer, switch_check._cell_widths(charge.all_models[0])) \
        is None
    off = AEA().default_solver_with(solve_stepped_switch_again=False)
    evaluated.clear()
    solution, _ = _solved(values, experiment, off)
    assert len(evaluated) == 1  # (not judged by that solver: judged after the solve)
    charge = [step for *_, step in iter_steps(solution)][1]
    assert switch_check._recalled(charge, charge["Time [s]"].entries) is switch_check._NOT_RECALLED


def test_a_kept_verdict_is_each_integrations_own_inputs(monkeypatch):
    """The solver's verdict is recalled by the solution object (its time count and end), not by the values or
    inputs the check after the solve reads: safe because each integration is its own object, whose inputs and model
    never change (session 50). Pinned with the gap's middle an input ("Li0 phase binodal Li content" = x0): a list
    of two input sets and a re-solve of the same simulation with a third each keep and recall the verdict on their
    own inputs, the check after the solve judging none again (each layer flagged here, the re-solve stubbed)."""
    import pybamm_aea.switch_check as switch_check
    from pybamm_aea.models.solvers import ConsistentEventIDAKLUSolver

    judged = []

    def flagged(t, x, layer, widths=None, charged=None):
        judged.append(layer)
        return InteriorLayer(1, x.shape[0], 10.0, 0.9, layer)

    monkeypatch.setattr(switch_check, "_interior_layer", flagged)
    monkeypatch.setattr(ConsistentEventIDAKLUSolver, "_switch_solved_again",
                        lambda self, model, t_eval, inputs_list, index, t_interp, stepped, first: first)
    # (x0 0.04-0.06 is off the OCP's common tangent on purpose, to move the gap's middle: the binodal check, which
    # compares a binodal given as an input since session 60, is opened for it)
    monkeypatch.setattr(checks, "BINODAL_TOLERANCE", 1.0)
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Li0 phase binodal Li content": pybamm.InputParameter("x0"), "Initial cathode Li content": 1.5,
                   "Current function [A]": -0.5 * values["Nominal cell capacity [A.h]"]})  # (a C/2 charge)
    sim = pybamm.Simulation(AEA(), parameter_values=values)
    solutions, said = [], []
    for inputs in ([{"x0": 0.02}, {"x0": 0.06}], {"x0": 0.04}):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            solved = sim.solve([0, 120], inputs=inputs)
        solutions += solved if isinstance(solved, list) else [solved]
        said += [str(w.message) for w in caught if issubclass(w.category, SolverSteppedSwitchWarning)]
    assert judged == [0.495, 0.515, 0.505]  # (the gap's middle of each input set, judged once: by the solver)
    assert len({id(one) for one in solutions}) == 3
    for one, layer, text in zip(solutions, judged, said):
        assert switch_check._recalled(one, one["Time [s]"].entries).layer == layer
        assert f"fell below x = {layer:.3g} " in text, text


def test_a_continuation_is_judged_with_its_own_inputs(monkeypatch):
    """A solve from a ``starting_solution`` was judged after the solve with the starting solution's inputs (the
    returned solution's ``all_inputs[0]``): an x0 = 0.02 run continued with x0 = 0.06 ("Li0 phase binodal Li
    content" an input) warned of its charge falling below x = 0.495, the first run's gap middle, not its own 0.515,
    and the nucleation judgement read x0 = 0.02 (session 50). Each solve's steps are judged with their own inputs
    (the check after the solve judging each layer flagged here, no verdict of the solver recalled)."""
    import pybamm_aea.convergence as convergence
    import pybamm_aea.switch_check as switch_check
    from pybamm_aea.models.solvers import ConsistentEventIDAKLUSolver

    def flagged(t, x, layer, widths=None, charged=None):
        return InteriorLayer(1, x.shape[0], 10.0, 0.9, layer)

    read, judgement = [], convergence.nucleation_mesh_judgement

    def nucleation(model, values, steps, inputs=None, cells=None, earlier=()):
        read.append(dict(inputs or {}))
        return judgement(model, values, steps, inputs, cells, earlier)

    monkeypatch.setattr(switch_check, "_interior_layer", flagged)
    monkeypatch.setattr(switch_check, "_recalled", lambda step, t: switch_check._NOT_RECALLED)
    monkeypatch.setattr(convergence, "nucleation_mesh_judgement", nucleation)
    monkeypatch.setattr(ConsistentEventIDAKLUSolver, "_switch_solved_again",
                        lambda self, model, t_eval, inputs_list, index, t_interp, stepped, first: first)
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    monkeypatch.setattr(checks, "BINODAL_TOLERANCE", 1.0)  # (x0 = 0.06 off the common tangent on purpose, as above)
    values.update({"Li0 phase binodal Li content": pybamm.InputParameter("x0"), "Initial cathode Li content": 1.5})
    solution, said = None, []
    for x0 in (0.02, 0.06):
        sim = pybamm.Simulation(AEA(), parameter_values=values.copy(),
                                experiment=pybamm.Experiment(["Charge at 0.5C for 1 minute"]))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            solution = sim.solve(starting_solution=solution, inputs={"x0": x0})
        said.append([str(w.message) for w in caught if issubclass(w.category, SolverSteppedSwitchWarning)])
    assert len(said[0]) == 1 and "fell below x = 0.495 " in said[0][0], said
    assert len(said[1]) == 1 and said[1][0].startswith("step 2, ") and "fell below x = 0.515 " in said[1][0], said
    assert read == [{"x0": 0.02}, {"x0": 0.06}], read


def _thinnest_lms():
    """3 % of the paper's loading (0.045 mg/cm2) at the set's 70 C: its bulk really decomposes
    together (a uniform electrode), the same charge at rtol 1e-6, 1e-7 and 1e-8 (128.27 mA.h/g at 0.05C, measured
    2026-12-06, session 49)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode loading [kg.m-2]": 0.03 * values["Cathode loading [kg.m-2]"],
                   "Nominal cell capacity [A.h]": 0.03 * values["Nominal cell capacity [A.h]"]})
    return values


def test_a_bulk_decomposing_together_is_not_warned_at_the_switch_rtol():
    """The bulk criterion (session 49) is a suspicion of the solver's loose step: a thin electrode whose bulk really
    decomposes together (0.045 mg/cm2 at 0.05C: all 20 cells together, the same charge at rtol 1e-6 / 1e-7 / 1e-8)
    was flagged at every rtol, warned SolverSteppedSwitchWarning after the re-solve at 1e-6 and after a solve at
    1e-6, advising a tighter rtol without end. Now the bulk is judged only on an integration looser than
    SOLVER_RTOL_FOR_THE_SWITCH: at the default it is solved again once, the same charge, and not warned after."""
    experiment = pybamm.Experiment([("Discharge at 0.05C until 1.8 V", "Charge at 0.05C until 2.8 V")])
    solution, caught = _solved(_thinnest_lms(), experiment, AEA().default_solver_with(rtol=SOLVER_RTOL_FOR_THE_SWITCH))
    assert not [w for w in caught if issubclass(w.category, SolverSteppedSwitchWarning)]
    resolved = _charge(solution.cycles[0].steps[1])
    solution, caught = _solved(_thinnest_lms(), experiment)
    assert [w for w in caught if w.category is SwitchRefinedWarning]  # (at the default: the loose step suspected)
    assert not [w for w in caught if issubclass(w.category, SolverSteppedSwitchWarning)]
    np.testing.assert_allclose(_charge(solution.cycles[0].steps[1]), resolved, rtol=1e-4)


def test_the_window_of_cells_falling_together_scales_with_the_time_charged():
    """The cells falling below the gap's middle "together" were those within 0.5 % of the whole step: a 400 h rest
    inside a step before a 0.02C charge (pybamm.step.current) widened it to 2.3 h instead of 0.3 h and flagged a
    correct charge (0.375 mg/cm2, span 0.314). The window now scales with the time the step charged."""
    from pybamm_aea.switch_check import _charging_time, _interior_layer

    hour = 3600.0
    t = np.r_[np.linspace(0, 400 * hour, 5), np.linspace(401 * hour, 460 * hour, 60)]
    rate = np.where(t[1:] > 400 * hour, 1.0, 0.0) * np.diff(t)  # (a rest to 400 h, then a charge: charge per interval)
    assert _charging_time(t, rate) == pytest.approx(0.99 * 60 * hour)  # (the central 99 % of its charge)
    assert _charging_time(t, np.zeros(t.size - 1)) is None
    x = np.full((8, t.size), 0.6)
    for cell, column in ((7, 40), (6, 41), (5, 42)):  # (the separator cell first, then one an hour: grown, not bulk)
        x[cell, column:] = 0.3
    assert _interior_layer(t, x, 0.495, np.ones(8), _charging_time(t, rate)) is None
    assert _interior_layer(t, x, 0.495, np.ones(8)) is not None  # (the whole step's 2.3 h window: flagged)


def test_a_flagged_verdict_kept_by_the_solver_is_warned_after_the_solve(monkeypatch):
    """The AEA solver keeps its verdict on each charge it judged and the check after the solve reads it (session 49):
    a FLAGGED one must come back flagged (storing None for it made the after-solve warning silently disappear, and
    no test saw it). The re-solve is stubbed out here so the flagged first integration is the step kept."""
    import pybamm_aea.switch_check as switch_check
    from pybamm_aea.models.solvers import ConsistentEventIDAKLUSolver
    from pybamm_aea.readout import iter_steps

    monkeypatch.setattr(ConsistentEventIDAKLUSolver, "_switch_solved_again",
                        lambda self, model, t_eval, inputs_list, index, t_interp, stepped, first: first)
    experiment = pybamm.Experiment([("Discharge at 0.05C until 1.8 V", "Charge at 0.05C until 2.8 V")])
    solution, caught = _solved(_thinnest_lms(), experiment)
    charge = [step for *_, step in iter_steps(solution)][1]
    kept = switch_check._recalled(charge, charge["Time [s]"].entries)
    assert isinstance(kept, InteriorLayer) and kept.span > 0.25
    said = [str(w.message) for w in caught if issubclass(w.category, SolverSteppedSwitchWarning)]
    assert len(said) == 1 and "together" in said[0], said


def test_cells_that_fell_together_are_named_in_groups():
    """Cells not adjacent were said as one range ("cells 3-20" over a gap): now their groups."""
    from pybamm_aea.switch_check import _interior_layer

    t = np.linspace(0, 1000, 11)
    x = np.full((8, 11), 0.6)
    x[[1, 2, 5, 7], 5:] = 0.3
    found = _interior_layer(t, x, 0.495, np.ones(8))
    assert found is not None and found.named() == "cells 2-3, 6, 8" and found.span == 0.5
    assert found.where().startswith("cells 2-3, 6, 8 of 8 ")


def test_the_bulk_is_not_judged_where_the_rtol_solved_at_is_not_known(monkeypatch):
    """The bulk criterion (a suspicion of an rtol looser than SOLVER_RTOL_FOR_THE_SWITCH) was judged where the rtol
    was not known: interior_li0_charge_warning's default rtol 1e-6, nucleation_mesh_warning (no rtol), mesh_check
    given a coarse_solution: 0.045 mg/cm2 at 70 C and 0.05C solved at rtol 1e-7 (its bulk really decomposing
    together) was told "solve at rtol 1e-06". Now not known: not judged by the bulk; the first-cell criterion is."""
    import pybamm_aea.switch_check as switch_check
    from pybamm_aea.convergence import nucleation_mesh_warning

    class _Entries:
        def __init__(self, entries):
            self.entries = np.asarray(entries, dtype=float)

    t = np.linspace(0, 3600, 5)
    step = {"Time [s]": _Entries(t), "Current [A]": _Entries(-1e-4 * np.ones(5))}
    bulk = np.array([[1.9, 1.5, 1.0, 1.0, 0.3]] * 3 + [[1.9, 1.5, 1.0, 0.3, 0.3]])  # (separator first, then all)
    monkeypatch.setattr(switch_check, "_gap_middle", lambda model, values, inputs: 0.5)
    monkeypatch.setattr(switch_check, "_cell_widths", lambda model: np.ones(4))
    monkeypatch.setattr(switch_check, "_content_history", lambda step: bulk)
    assert "together" in switch_check.interior_li0_charge_warning(AEA(), {}, [step], rtol=SOLVER_RTOL_FOR_THE_SWITCH)
    assert switch_check.interior_li0_charge_warning(AEA(), {}, [step]) is None
    assert nucleation_mesh_warning(AEA(), pybamm.ParameterValues("Li2021_Mo6S8"), [step]) is None
    inside = np.array([[1.9, 1.5, 1.0, 0.3, 0.3]] + [[1.9, 1.5, 1.0, 1.0, 0.3]] * 3)  # (cell 1 first: judged still)
    monkeypatch.setattr(switch_check, "_content_history", lambda step: inside)
    said = switch_check.interior_li0_charge_warning(AEA(), {}, [step])
    assert said is not None and "cell 1 " in said and "default_solver_with(rtol=1e-06)" in said


def test_mesh_check_does_not_judge_a_given_coarse_solutions_bulk(monkeypatch):
    """mesh_check judged a coarse_solution it was given as if solved looser than rtol 1e-6 (advised_rtol(None)), so
    a solve at 1e-7 whose thin electrode's bulk decomposed together was told to go back to 1e-6. Its rtol is not
    known: judged with rtol None (no bulk); a flagged one's attrs["solver switch rtol"] stays the switch's."""
    import pybamm_aea.switch_check as switch_check
    from pybamm_aea.convergence import mesh_check

    given = []

    def judged(model, values, steps, inputs=None, rtol=None):
        given.append(rtol)
        return "flagged (stood in)" if rtol is None else None

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    experiment = pybamm.Experiment(["Discharge at 1C for 1 minute"])
    coarse = pybamm.Simulation(AEA(), parameter_values=values.copy(), experiment=experiment).solve()
    monkeypatch.setattr(switch_check, "interior_li0_charge_warning", judged)
    table = mesh_check(AEA(), values, experiment, coarse_solution=coarse)
    assert given[-2:] == [None, advised_rtol(AEA().default_solver)], given  # (coarse, fine; after the fine's own)
    assert table.attrs["solver switch rtol"] == SOLVER_RTOL_FOR_THE_SWITCH


def test_the_time_charged_is_one_definition_right_for_a_cv_holds_tail(monkeypatch):
    """_charging_time measured two things: the solver's path passed the charge per interval, the after-solve check a
    mean current, and both counted the intervals above 1e-3 of the step's peak: a CV hold at 2.6 V from a discharged
    state (peak 59.7C) charged 0.040 h on one path and 99.33 h on the other. Now both pass the charge per interval and
    the time charged is the span of the central 99 % of the step's charge: here 1000 units for 0.04 h then 0.5 for
    99.96 h (89.98 in all) charged from 0.00045 h to 99.1 h."""
    import pybamm_aea.switch_check as switch_check

    class _Entries:
        def __init__(self, entries):
            self.entries = np.asarray(entries, dtype=float)

    hour = 3600.0
    t = np.r_[np.linspace(0, 0.04, 41), 0.04 + 1 / hour, np.linspace(0.14, 100, 999)] * hour
    current = -np.where(t <= 0.04 * hour, 1000.0, 0.5)
    charge = -(current[1:] + current[:-1]) / 2 * np.diff(t)
    assert switch_check._charging_time(t, charge) == pytest.approx((99.1 - 0.00045) * hour, rel=2e-3)
    given = []
    monkeypatch.setattr(switch_check, "_gap_middle", lambda model, values, inputs: 0.5)
    monkeypatch.setattr(switch_check, "_content_history", lambda step: None)
    monkeypatch.setattr(switch_check, "_interior_layer", lambda t, x, layer, widths, charged: given.append(charged))
    step = {"Time [s]": _Entries(t), "Current [A]": _Entries(current)}
    assert switch_check.interior_li0_charge_warning(AEA(), {}, [step]) is None
    assert given == [pytest.approx(switch_check._charging_time(t, charge))]


def test_one_cell_is_singular_and_many_groups_are_capped():
    """One cell that fell together was "cells 2 of 2", and alternate cells of 160 made a 349-character list: now
    "cell 2 of 2", and past 8 groups "and N more groups"."""
    found = InteriorLayer(1, 2, 10.0, 0.3, 0.495, 0.5, 1, ((1, 1),))
    assert found.named() == "cell 2" and found.where().startswith("cell 2 of 2 ")
    alternate = tuple((k, k) for k in range(0, 160, 2))
    named = InteriorLayer(0, 160, 10.0, 0.3, 0.495, 0.5, 158, alternate).named()
    assert named == "cells 1, 3, 5, 7, 9, 11, 13, 15 and 72 more groups" and len(named) < 60
