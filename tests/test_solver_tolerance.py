"""The default solver's tolerances hold: no non-physical jump in any voltage trace.

Criterion: the default-tolerance voltage curve of each constant-current step lies on the curve of
the same protocol solved with tight tolerances (rtol 1e-7, atol 1e-9): every point of either curve
within :data:`CURVE_TOLERANCE` of the other in the plane (capacity / 1 % of the step's capacity,
voltage / 20 mV). A solver jump (the issue's LTO-LMS oscillation, 1.1 <-> 1.78 V with IDAKLU's
default rtol 1e-4 on the lever-rule host) is absent from the tight curve and shows as a distance
of tens; a physical move (a plateau-to-plateau transition, or a nucleation on the multi-phase
host: the 2.45 V spinodal peak falling ~0.2 V as Li0 nucleates on charge, the 0.42-0.44 V dip as
Li1 nucleates on the next discharge) is on both curves. A plain voltage difference at one
capacity would read a 0.2 % shift of a steep nucleation front as a 0.4 V error, hence the
distance in both directions of the plane.

The former criterion, no move of the voltage against the current by more than 50 mV, still
screens a solution (:func:`largest_reversal`); only a solution that fails it is re-solved with the
tight tolerances and compared. The tolerances and their reasons: ``AEA.SOLVER_TOLERANCES``
(lever rule) and ``AEA.MULTI_PHASE_SOLVER_TOLERANCES`` (multi-phase default).
"""
import functools
import importlib.util
import re
from pathlib import Path

import numpy as np
import pybamm
import pytest
from scipy.spatial import cKDTree

from pybamm_aea.constants import F
from pybamm_aea.models.aea import AEA
from pybamm_aea.models.experiment_checks import CheckedIDAKLUSolver

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
#: the largest move of the voltage against the current within a constant-current step [V] below
#: which a solution is not re-solved: a solver jump of the issue's kind is larger
MAX_REVERSAL_V = 0.05
#: the reference: 100x (rtol) and 100-1000x (atol) tighter than the defaults
TIGHT = {"rtol": 1e-7, "atol": 1e-9}
#: the scales of the curve plane: 1 % of a step's capacity, 20 mV
CAPACITY_SCALE, VOLTAGE_SCALE = 0.01, 0.02
#: the largest distance, in those scales, of a point of one curve from the other. Measured on the
#: LMS 0.1C discharge-charge-discharge (multi-phase default, before main bceb77e): 0.12 / 0.09 /
#: 0.31 with the default tolerances, 1.4 / 11.2 / 11.2 with rtol 1e-2 (its charge 11 % too long;
#: at main 072543c: 0.44 / 0.12 / 4.9 default, see the xfail below, and 0.89 / 7.9 / 10.3 at rtol 1e-2)
CURVE_TOLERANCE = 1.0
#: the largest number of a figure script's solutions re-solved with the tight tolerances
MAX_RESOLVED = 3
#: the reduced host
LEVER = {"host thermodynamics": "lever rule"}


def constant_current_steps(solution, n_cycles=None):
    """The constant-current, non-zero-current steps of a solution (its first ``n_cycles`` kept cycles)."""
    cycles = [c for c in (solution.cycles or [solution]) if c is not None][:n_cycles]
    for cycle in cycles:
        for step in getattr(cycle, "steps", None) or [cycle]:
            if step is None or len(step.t) < 3:
                continue
            current = step["Current [A]"].entries
            if np.abs(current).max() > 0 and np.ptp(current) <= 1e-6 * np.abs(current).max():
                yield step


def largest_reversal(solution):
    """The largest move of the voltage against the current in any constant-current step [V].

    A discharge (current > 0) should lower the voltage, a charge raise it; this is the largest
    rise during a discharge or fall during a charge, from a point to any later point of its step.
    """
    worst = 0.0
    for step in constant_current_steps(solution):
        direction = -np.sign(step["Current [A]"].entries[0])
        w = direction * step["Voltage [V]"].entries  # should not decrease
        later_min = np.minimum.accumulate(w[::-1])[::-1]
        worst = max(worst, float(np.max(w - later_min)))
    return worst


def _curve(step, capacity_scale, n=20000):
    """The step's (capacity passed, voltage) curve in the plane's scales, resampled evenly along it."""
    Q = step["Discharge capacity [A.h]"].entries
    p = np.column_stack([np.abs(Q - Q[0]) / capacity_scale, step["Voltage [V]"].entries / VOLTAGE_SCALE])
    s = np.r_[0, np.cumsum(np.hypot(*np.diff(p, axis=0).T))]
    u = np.linspace(0, s[-1], n)
    return np.column_stack([np.interp(u, s, p[:, 0]), np.interp(u, s, p[:, 1])])


def curve_distance(solution, reference, n_cycles=None):
    """The largest distance between the constant-current curves of two solutions of one protocol.

    Step by step (a different number of steps, e.g. a jump that fires a voltage event early, is
    infinitely far), the larger of the two one-sided distances between the curves in the plane
    (capacity / (CAPACITY_SCALE x the reference step's capacity), voltage / VOLTAGE_SCALE); over
    the first ``n_cycles`` cycles (all by default).
    """
    steps = list(constant_current_steps(solution, n_cycles))
    ref_steps = list(constant_current_steps(reference, n_cycles))
    if len(steps) != len(ref_steps):
        return np.inf
    worst = 0.0
    for step, ref in zip(steps, ref_steps):
        Q = ref["Discharge capacity [A.h]"].entries
        scale = CAPACITY_SCALE * max(abs(Q[-1] - Q[0]), 1e-12)
        a, b = _curve(step, scale), _curve(ref, scale)
        worst = max(worst, cKDTree(b).query(a)[0].max(), cKDTree(a).query(b)[0].max())
    return float(worst)


def tight_solver(model, tolerances=TIGHT):
    """The model's default solver (class and IDA options) with other tolerances."""
    return model.default_solver_with(**tolerances)


def _lto_lms_cycles(solver=None):
    experiment = pybamm.Experiment(["Discharge at 0.1C until 1.0 V", "Charge at 0.1C until 3.0 V"] * 3)
    sim = pybamm.Simulation(
        AEA(), parameter_values=pybamm.ParameterValues("Li2021_LTO_Mo6S8"), experiment=experiment, solver=solver
    )
    return sim.solve()


def test_lever_rule_default_tolerances_are_tight():
    """The lever-rule host's steep fitted OCP ends need rtol 1e-6 (``AEA.SOLVER_TOLERANCES``); the
    multi-phase default's looser rtol 1e-4 is held by the comparison with tight tolerances below."""
    solver = AEA({"host thermodynamics": "lever rule"}).default_solver
    assert solver.rtol <= 1e-6 and solver.atol <= 1e-8


def _lms_nucleation_cycle(solver=None):
    """LMS 0.1C discharge, charge, discharge: the charge's 2.45 V peak falls as Li0 nucleates, the
    second discharge dips 0.4 V as Li1 nucleates (physical reversals, on every tolerance)."""
    cycle = ("Discharge at 0.1C until 1.8 V", "Charge at 0.1C until 2.8 V", "Discharge at 0.1C until 1.8 V")
    return pybamm.Simulation(AEA(), experiment=pybamm.Experiment([cycle]), solver=solver).solve()


@pytest.fixture(scope="module")
def lms_tight():
    return _lms_nucleation_cycle(tight_solver(AEA()))


@pytest.mark.slow
def test_default_tolerances_keep_the_multi_phase_curve_on_the_tight_one(lms_tight):
    """The multi-phase default (rtol 1e-4, ``AEA.MULTI_PHASE_SOLVER_TOLERANCES``) on the LMS
    nucleation cycle: its reversals (0.27-0.47 V) are physical, on the tight curve too, and the
    default curve lies on the tight one. Catches: default tolerances too loose for the nucleation
    fronts (a jump, a shifted front, a charge that stops late)."""
    default = _lms_nucleation_cycle()
    assert largest_reversal(default) > MAX_REVERSAL_V and largest_reversal(lms_tight) > MAX_REVERSAL_V
    assert curve_distance(default, lms_tight) < CURVE_TOLERANCE


@pytest.mark.slow
def test_the_curve_criterion_fails_on_loose_tolerances(lms_tight):
    """The criterion can fail: rtol 1e-2 (atol 1e-4) lets the charge run 8-11 % too long (measured
    distance 10-11; the default's 0.3 before main bceb77e). Since session 48 the solver solves such a charge again at
    rtol 1e-6 itself (a SwitchRefinedWarning; distance 1.48 then): the criterion is tested with that turned off."""
    loose = _lms_nucleation_cycle(tight_solver(AEA(), {"rtol": 1e-2, "atol": 1e-4,
                                                       "solve_stepped_switch_again": False}))
    assert curve_distance(loose, lms_tight) > 3 * CURVE_TOLERANCE


@pytest.mark.slow
def test_lto_lms_charge_has_no_jump_with_default_tolerances():
    """The issue's case, Fig. 5b,c: the LTO-LMS charge starts on the steep end of the Mo6S8 OCP,
    and its first discharge passes from that end onto the LTO plateau. Caught the solver stepping
    over the LTO onset (a dispersed-material lithiation without its scale,
    ``DispersedConversion.SCALE``: the voltage undershot to 1.26 V and returned to 1.6 V, curve
    distance 19); unscaled, this cycle now lies on the tight curve (distance 0.45 against 0.37
    scaled, 2026-12-05), and the thin electrode of
    test_physical_bounds.py::test_thin_lto_lms_stays_below_its_theoretical_capacity_on_every_mesh
    shows that step."""
    sol = _lto_lms_cycles()
    assert largest_reversal(sol) < MAX_REVERSAL_V or curve_distance(sol, _lto_lms_cycles(tight_solver(AEA()))) < CURVE_TOLERANCE
    # the profile is still the right one: the LTO plateau (1.55 V vs Li, Julien & Mauger 2024) carries the
    # first part of each charge (10-40 % of the charge passed; the dispersed LTO is 40 wt% of the solid)
    third_charge = sol.cycles[5]
    V = third_charge["Voltage [V]"].entries
    Q = np.abs(third_charge["Discharge capacity [A.h]"].entries - third_charge["Discharge capacity [A.h]"].entries[0])
    on_plateau = (Q > 0.1 * Q[-1]) & (Q < 0.4 * Q[-1])
    assert np.median(V[on_plateau]) == pytest.approx(1.6, abs=0.1)


def test_lto_lms_first_discharge_passes_onto_the_lto_plateau_alike_at_either_tolerance(readme_figure):
    """The README's figures of the first LTO-LMS 0.1C discharge (issue 11): the same capacity at the default
    tolerances and at rtol 1e-7 (173.337 uA.h at both, 2026-12-05), and no dip on the passage from the host's Li4
    end onto the LTO plateau (the dispersed LTO's lithiation below 0.1): the voltage never rises there by 1 mV, at
    either tolerance (the unscaled lithiation undershot to 1.26 V and came back to 1.6 V at constant charge)."""
    values = pybamm.ParameterValues("Li2021_LTO_Mo6S8")
    experiment = pybamm.Experiment(["Discharge at 0.1C until 1.0 V"])
    for solver in (None, tight_solver(AEA())):
        step = pybamm.Simulation(AEA(), parameter_values=values.copy(), experiment=experiment,
                                 solver=solver).solve().cycles[0].steps[0]
        Q = step["Discharge capacity [A.h]"].entries
        assert (Q[-1] - Q[0]) * 1e6 == readme_figure("now {} uA.h at either tolerance").approx()
        V, z = step["Voltage [V]"].entries, step["Average dispersed material lithiation"].entries
        passage = (V < 1.8) & (z < 0.1)  # from below the Li4 end's 1.8 V to 10 % of the LTO filled
        # no rise of 1 uV at rtol 1e-4 or 1e-7, 26 uV at rtol 1e-3 (2026-12-05); the unscaled lithiation's came back 0.3 V
        assert passage.sum() > 10 and np.diff(V[passage]).max() < 1e-3, V[passage]


def _figure_scripts():
    import re

    return [
        p for p in sorted(EXAMPLES.glob("*.py"))
        if not p.name.startswith("_") and p.name != "reproduce.py"
        and re.search(r"^def main\(", p.read_text(), re.MULTILINE)
    ]


#: figure scripts that fail on the multi-phase default for a known reason: none. (fig5_s_lms_vs_s_c_lgps.py did
#: until main bceb77e; fig5abcd_hybrids.py until the dispersed material's lithiation was scaled, see
#: test_lto_lms_charge_has_no_jump_with_default_tolerances, and again from the S-LMS contact-loss refit (2026-12-03)
#: with pybammsolvers 0.11.0 / casadi 3.7: a 56 mV spike where the surface cell crosses U_h's kink at x = 3.98, 1.66
#: curve units from the rtol 1e-7 curve; with pybammsolvers 0.11.1 / casadi 3.8.1 (2026-12-04) IDA's steps fall
#: elsewhere and it lies on that curve: the kink stays, docs/known_limits.rst)
KNOWN_FIGURE_FAILURES = {}


#: a smaller run of a script whose full figure takes minutes (the AEA-suitability map: 150 screened
#: cells, 568 s here on the multi-phase default): the two hosts at the rate and loading extremes
FIGURE_ARGUMENTS = {
    "fig_s2_aea_suitability_map.py": {
        "materials": ["Li2021_Mo6S8", "Li2021_TiS2"], "c_rates": (0.1, 2.0), "loadings": (1.5, 15.0),
    },
}


def _fig5abcd_readme_figures(recorded, readme_figure):
    """fig5abcd's S-LMS / Li-In cycling (0.1C, 0.4-2.4 V, 120 cycles, activation and contact loss, the multi-phase
    default) as the README states it, read from it to its stated digits: the retention at cycle 120 vs 30 (76.10 %,
    2026-12-05, session 46, the contact-loss coefficient 0.0286 fitted on this host, the host's transport across the
    swollen layer: the figure tests/test_degradation.py's fit test reads too; 75.90 % with 0.0285 on the as-made layer), the cycles the largest capacity falls in (33-37; it
    said 37, and 35 came out on 2026-12-05) and the share of cycle 1's "Capacity [A.h]" left at cycle 120 (96.150 %, stated to two decimals: 96.2 would sit 2.5e-4 from its rounding edge; 96.07 % before
    session 46). The README's one multi-phase S-LMS
    cycle-life run: this test already solves it. The figures across processors (76.10 % on sessions 45-59's, 76.03 on
    session 60's)."""
    from pybamm_aea.cycling import cycle_summary

    (s_lms,) = [solution for (model, _, _), _, _, solution in recorded
                if model.options["anode"] == "Li-In" and model.options["ionic-switch host loss"] == "none"]
    summary = cycle_summary(s_lms, reference_cycle=30)
    esc = summary["Electrode specific capacity [mA.h.g-1]"]
    capacity = s_lms.summary_variables["Capacity [A.h]"]
    peak = esc.idxmax()
    print("S-LMS / Li-In multi-phase: retention", summary["Capacity retention [%]"].loc[120], "peak cycle", peak,
          "ESC about it", esc.loc[peak - 2:peak + 2].to_dict(), "Capacity [A.h] at 120 / at 1 [%]",
          100 * capacity[-1] / capacity[0])
    retention = summary["Capacity retention [%]"].loc[120]
    assert retention == readme_figure("{} % on the multi-phase default (`fig5abcd`'s protocol").approx(across_processors=True)
    # the top is flat to 0.15 % (cycles 33-37 measured 379.70, 380.14, 380.22, 379.92, 380.16 mA.h/g): which cycle is
    # highest is the solver's per-cycle scatter (37 on 2026-12-04, 35 on 2026-12-05), so the README gives the range
    assert readme_figure("within cycles {}-{_} on the multi-phase host").value <= peak
    assert peak <= readme_figure("within cycles {_}-{} on the multi-phase host").value
    assert 100 * capacity[-1] / capacity[0] == readme_figure(
        "still has {} % of its cycle-1 \"Capacity [A.h]\"").approx(across_processors=True)


#: figure scripts whose solutions hold figures the README states (the README's own rounding)
FIGURE_README_FIGURES = {"fig5abcd_hybrids.py": _fig5abcd_readme_figures}


def _figure_script_params():
    return [
        # run (fig5abcd_hybrids.py: 88 s), strict: a fix shows as an XPASS that fails the suite
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=KNOWN_FIGURE_FAILURES[p.name]))
        if p.name in KNOWN_FIGURE_FAILURES else p
        for p in _figure_scripts()
    ]


@pytest.mark.slow
@pytest.mark.parametrize("script", _figure_script_params(), ids=lambda p: p.name)
def test_figure_script_voltages_have_no_jump(script, tmp_path, monkeypatch, readme_figure):
    """Every AEA solution a figure script makes (recorded from ``pybamm.Simulation.solve``): a
    solution that moves against its current by more than 50 mV is re-solved with the tight
    tolerances and must lie on that curve. For the suite's time, the re-solve of an experiment
    runs up to the first cycle that moves against its current (the multi-phase host's nucleation
    dips recur every cycle), and of the first :data:`MAX_RESOLVED` such solutions of a script."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    recorded = []
    init, solve = pybamm.Simulation.__init__, pybamm.Simulation.solve

    def recording_init(self, model, *args, **kwargs):
        init(self, model, *args, **kwargs)
        self._recorded_arguments = (model, args, dict(kwargs))

    def recording_solve(self, *args, **kwargs):
        solution = solve(self, *args, **kwargs)
        if isinstance(self._unprocessed_model, AEA) and hasattr(self, "_recorded_arguments"):
            recorded.append((self._recorded_arguments, args, kwargs, solution))
        return solution

    monkeypatch.setattr(pybamm.Simulation, "__init__", recording_init)
    monkeypatch.setattr(pybamm.Simulation, "solve", recording_solve)
    spec = importlib.util.spec_from_file_location(f"_figure_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    try:
        module.main(tmp_path, **FIGURE_ARGUMENTS.get(script.name, {}))
    finally:
        plt.close("all")
    monkeypatch.undo()
    if script.name in FIGURE_README_FIGURES:
        FIGURE_README_FIGURES[script.name](recorded, readme_figure)
    flagged = [r for r in recorded if largest_reversal(r[3]) >= MAX_REVERSAL_V][:MAX_RESOLVED]
    for k, ((model, init_args, init_kwargs), args, kwargs, solution) in enumerate(flagged):
        init_kwargs["solver"] = tight_solver(model)
        kwargs.pop("solver", None)
        experiment = init_kwargs.get("experiment", init_args[0] if init_args else None)
        n_cycles = None
        if isinstance(experiment, pybamm.Experiment) and solution.cycles:
            n_cycles = 1 + next(i for i, c in enumerate(solution.cycles)
                                if c is not None and largest_reversal(c) >= MAX_REVERSAL_V)
            shorter = pybamm.Experiment(
                list(experiment.cycles[:n_cycles]), period=experiment.period, temperature=experiment.temperature
            )
            if init_args:
                init_args = (shorter, *init_args[1:])
            else:
                init_kwargs["experiment"] = shorter
        reference = pybamm.Simulation(model, *init_args, **init_kwargs).solve(*args, **kwargs)
        assert curve_distance(solution, reference, n_cycles) < CURVE_TOLERANCE, f"solution {k} of {script.name}"


def assert_same_steps(solution, reference, rel, abs_V):
    """Each step of the first cycle ends on the same event, with the same capacity passed (within
    ``rel``) at the same voltage (within ``abs_V`` [V])."""
    for a, b in zip(solution.cycles[0].steps, reference.cycles[0].steps):
        assert a.termination == b.termination
        q_a, q_b = (abs(s["Discharge capacity [A.h]"].entries[-1] - s["Discharge capacity [A.h]"].entries[0]) for s in (a, b))
        assert q_a == pytest.approx(q_b, rel=rel)
        assert a["Voltage [V]"].entries[-1] == pytest.approx(b["Voltage [V]"].entries[-1], abs=abs_V)


def _lms_cycles(solver=None, cycle=("Discharge at 1C until 1.8 V", "Charge at 1C until 2.8 V"), n=1, options=LEVER):
    """LMS cycles, by default on the lever-rule host (whose solver and film the next two tests are about)."""
    sim = pybamm.Simulation(AEA(options), experiment=pybamm.Experiment([tuple(cycle)] * n), solver=solver)
    return sim.solve()


def test_sx_functions_give_the_mx_solution():
    """The lever-rule host's default solver expands the model's CasADi functions to SX: same
    solution as PyBaMM's MX functions to round-off (a wrong output order, a dropped event or a
    broken Jacobian would show here), and the functions IDAKLU gets are SX."""
    from pybamm_aea.models.solvers import ScalarFunctionsIDAKLUSolver

    solver = AEA(LEVER).default_solver
    assert isinstance(solver, ScalarFunctionsIDAKLUSolver)
    sx = _lms_cycles(solver)
    mx = _lms_cycles(CheckedIDAKLUSolver(**AEA.SOLVER_TOLERANCES))
    # same termination (the voltage events work) at the same capacity and voltage
    assert_same_steps(sx, mx, rel=1e-6, abs_V=1e-6)
    sim = pybamm.Simulation(AEA(LEVER))
    sim.build()
    AEA(LEVER).default_solver.set_up(sim.built_model, inputs={})
    for function in (sim.built_model.rhs_algebraic_eval, sim.built_model.jac_rhs_algebraic_eval,
                     *[event.joined for event in sim.built_model.terminate_events_eval]):
        assert function.class_name() == "SXFunction"


def test_joined_events_give_each_event_and_the_plain_solution():
    """The default solvers join the termination events in one function (common subexpressions
    once): each output equals its own event's value, IDAKLU's root function calls the joined
    function once, and the multi-phase host's 1C cycle takes the same solver steps as with
    PyBaMM's event functions. Catches: outputs in the wrong order (a discharge stopped by the
    maximum-voltage event), or an event per call again (no speed-up, silently)."""
    import casadi

    from pybamm_aea.models.solvers import _EventOutput

    sim = pybamm.Simulation(AEA(), experiment=pybamm.Experiment(["Discharge at 1C until 1.8 V"]))
    sim.build_for_experiment()
    model = next(iter(sim.experiment_unique_steps_to_model.values()))
    plain = model.new_copy()
    CheckedIDAKLUSolver().set_up(plain, inputs={})
    AEA().default_solver.set_up(model, inputs={})
    joined, own = model.terminate_events_eval, plain.terminate_events_eval
    assert len(joined) == len(own) >= 3 and all(isinstance(e, _EventOutput) for e in joined)
    rng = np.random.default_rng(0)
    y0 = model.concatenated_initial_conditions.evaluate(0).ravel()
    for y in (y0, y0 * (1 + 0.01 * rng.standard_normal(y0.size))):
        values = [float(e(0.0, y, np.zeros(0))) for e in own]
        assert [float(e(0.0, y, np.zeros(0))) for e in joined] == pytest.approx(values, rel=1e-12, abs=1e-12)
        # distinct events: an order slip would show; the two full-lattice-gas events are off on the default set's
        # Mo6S8 (its "Cathode host full at maximum Li content" 0: 1e30 each, host_phase_field)
        live = [v for v in values if v < 1e29]
        assert len(live) == len(values) - 2 and len(set(np.round(live, 6))) == len(live)
    t, y, p = casadi.MX.sym("t"), casadi.MX.sym("y", y0.size), casadi.MX.sym("p", 0)
    root = casadi.Function("rootfn", [t, y, p], [casadi.vertcat(*[e(t, y, p) for e in joined])])
    calls = [root.instruction_MX(k) for k in range(root.n_instructions()) if root.instruction_id(k) == casadi.OP_CALL]
    assert len(calls) == 1

    from pybamm_aea.models.solvers import ConsistentEventIDAKLUSolver, _DownstreamJacobian

    class PlainEvents(ConsistentEventIDAKLUSolver, _DownstreamJacobian):
        """The default multi-phase solver but for the joined events."""

    steps = {}
    for name, solver in (("joined", AEA().default_solver), ("plain", PlainEvents(
            **AEA.MULTI_PHASE_SOLVER_TOLERANCES, options=AEA.MULTI_PHASE_SOLVER_OPTIONS))):
        steps[name] = _lms_cycles(solver, options={})
    assert_same_steps(steps["joined"], steps["plain"], rel=1e-9, abs_V=1e-9)
    count = [sum(s.solver_statistics.number_of_steps for s in sol.sub_solutions) for sol in steps.values()]
    assert count[0] == count[1]


def _set_up_default(options=None, values=None, sensitivities=()):
    """A multi-phase model built for a C/10 discharge and set up with its default solver, and the
    exact Jacobian function of its residual (CasADi's, as PyBaMM makes it)."""
    import casadi

    values = values or pybamm.ParameterValues("Li2021_Mo6S8")
    inputs = {}
    for name in sensitivities:
        inputs[name] = values[name]
        values[name] = "[input]"
    sim = pybamm.Simulation(AEA(options), parameter_values=values, experiment=pybamm.Experiment(["Discharge at 0.1C until 1.8 V"]))
    sim.build_for_experiment(inputs=inputs)
    model = next(iter(sim.experiment_unique_steps_to_model.values()))
    model.calculate_sensitivities = sorted(sensitivities)  # as pybamm.BaseSolver.solve sets it
    AEA(options).default_solver.set_up(model, inputs=inputs)
    f = model.rhs_algebraic_eval
    t, y, p = casadi.MX.sym("t"), casadi.MX.sym("y", f.sparsity_in(1)), casadi.MX.sym("p", f.sparsity_in(2))
    (residual,) = f.call([t, y, p], True, False)
    exact = casadi.Function("exact", [t, y, p], [casadi.jacobian(residual, y)])
    return model, exact, np.array([inputs[k] for k in inputs])


def test_event_values_call_the_joined_events_once_with_each_events_own_numbers():
    """``event_values`` (the consistent-event solver's catch-up and nearest-event judgements, at 3 points of each
    event-ended step) reads every event from one call of the joined function, where calling each event computes
    all of them once per event (5 calls for the same numbers in a C/10 discharge or charge: 0.145 -> 0.041 s of
    CPU in a 100-cycle C/10 LMS run, session 61), and gives each event's own value, in order, exactly. Catches: an
    event per call again (silently slower), or the outputs out of order."""
    from pybamm_aea.models.solvers import event_values

    sim = pybamm.Simulation(AEA(), experiment=pybamm.Experiment(["Discharge at 1C until 1.8 V"]))
    sim.build_for_experiment()
    model = next(iter(sim.experiment_unique_steps_to_model.values()))
    AEA().default_solver.set_up(model, inputs={})
    events = model.terminate_events_eval
    joined, calls = events[0].joined, []

    class Counted:
        def __call__(self, *args):
            calls.append(args)
            return joined(*args)

        def numel_out(self, i):
            return joined.numel_out(i)

    rng, p = np.random.default_rng(1), np.zeros(0)
    y0 = model.concatenated_initial_conditions.evaluate(0).ravel()
    for y in (y0, y0 * (1 + 0.01 * rng.standard_normal(y0.size))):
        own = np.concatenate([np.ravel(np.asarray(e(0.0, y, p), dtype=float)) for e in events])
        counted = Counted()
        for e in events:
            e.joined = counted
        try:
            values = event_values(model, 0.0, y, p)
        finally:
            for e in events:
                e.joined = joined
        assert len(calls) == 1 and len(events) >= 3
        assert values.tolist() == own.tolist()
        calls.clear()


def test_the_event_end_judgements_take_their_points_in_one_call_each_with_each_points_own_numbers():
    """An event-ended step's judgements (:class:`ConsistentEventIDAKLUSolver`) solve the algebraic states of its end
    and of the point before it in one call (the Newton solve and its residual mapped over the points), and read the
    events at the catch-up's three points in one call of the joined events mapped over them (session 63: 200 event
    ends of a 100-cycle C/10 LMS run, four and three calls each until then). The numbers are each point's own, exactly
    (a call per point), in order; the maps are kept per number of points and per joined function (a joined function
    replaced gives its own numbers). Catches: the points out of order, a map kept for another joined function."""
    import casadi

    from pybamm_aea.models.solvers import event_values

    sim = pybamm.Simulation(AEA(), experiment=pybamm.Experiment(["Discharge at 1C until 1.8 V"]))
    sim.build_for_experiment()
    model = next(iter(sim.experiment_unique_steps_to_model.values()))
    solver = AEA().default_solver
    solver.set_up(model, inputs={})
    rng, p = np.random.default_rng(2), np.zeros(0)
    y0 = model.concatenated_initial_conditions.evaluate(0).ravel()
    ys = np.column_stack([y0 * (1 + 1e-3 * rng.standard_normal(y0.size)) for _ in range(3)])
    ts = [0.0, 30.0, 60.0]
    one = [solver._consistent_algebraic_states(model, t, ys[:, k], p) for k, t in enumerate(ts[:2])]
    both = solver._consistent_algebraic_states(model, np.array(ts[:2]), ys[:, :2], p)
    assert len(both) == 2 and all(z is not None for z in one)
    assert all(np.array_equal(a, b) for a, b in zip(one, both))
    assert sorted(solver._consistent_newton[2]) == [1, 2]  # (the single point's function and its map over 2)
    events = model.terminate_events_eval
    own = np.column_stack([event_values(model, t, ys[:, k], p) for k, t in enumerate(ts)])
    assert np.array_equal(event_values(model, ts, ys, p), own) and own.shape == (len(events), 3)
    joined = events[0].joined
    args = [casadi.SX.sym(joined.name_in(i), joined.sparsity_in(i)) for i in range(joined.n_in())]
    doubled = casadi.Function("doubled", args, [2 * joined(*args)])
    for e in events:
        e.joined = doubled
    try:
        assert np.array_equal(event_values(model, ts, ys, p), 2 * own)
    finally:
        for e in events:
            e.joined = joined


def test_downstream_jacobian_is_exact_wherever_the_system_reads_it():
    """The multi-phase solver's Newton matrix (:class:`pybamm_aea.models.solvers._DownstreamJacobian`):
    on LMS the states no other equation reads are the capacity and energy integrals, the (absent)
    dispersed material and the stretch (which cannot leave 1 on LMS: its host's transport reads the constant 1 since
    session 48, ``ConstrainedSwelling.stretch_can_move``; it read the stretch in sessions 46-47); every other row
    equals CasADi's exact Jacobian, each downstream row keeps its own block and nothing else, and (the definition)
    no other row of the exact Jacobian reads a downstream state. Catches: a state that is read taken as
    downstream (its readers' Newton iteration would lag silently), rows scattered to the wrong states; and a
    downstream row that loses its own block (the stretch's, nonzero outside its band, compared again since session 48;
    the entry ``downstream_row_loses_its_own_block`` retired in session 46 is not restored: LMS's stretch, downstream
    because it cannot leave its band, never reaches the states where its own block is not 0). On S-LMS the
    dispersed sulfur and the stretch, which the host reads, are not downstream; the voltage as an algebraic state is
    never reduced."""
    from pybamm_aea.models.solvers import downstream_states

    expected = {"Discharge capacity [A.h]", "Throughput capacity [A.h]", "Discharge energy [W.h]",
                "Throughput energy [W.h]", "Dispersed material lithiation", "Cathode local stretch"}
    model, exact, p = _set_up_default()
    assert model.jac_rhs_algebraic_eval.name() == "jac_rhs_algebraic_downstream"
    down = downstream_states(model)
    assert {v.name for v in down} == expected
    down_rows = np.zeros(model.len_rhs_and_alg, bool)
    for v in down:
        for s in model.y_slices[v]:
            down_rows[s] = True
    own = np.zeros((down_rows.size,) * 2, bool)
    for v in down:
        for s in model.y_slices[v]:
            own[s, s] = True
    y0 = model.concatenated_initial_conditions.evaluate(0).ravel()
    rng = np.random.default_rng(1)
    # a perturbed state, and states with the stretch below and above its band (the pores
    # opening, the stack compacting: its own block is 0 inside the band)
    (stretch,) = model.y_slices[next(v for v in model.y_slices if v.name == "Cathode local stretch")]
    below, above = y0.copy(), y0.copy()
    below[stretch], above[stretch] = -30, 30  # lambda = 0.7, 1.3
    kept = []
    for y in (y0 * (1 + 0.02 * rng.standard_normal(y0.size)), below, above):
        J = model.jac_rhs_algebraic_eval(0.0, y, p).full()
        J_exact = exact(0.0, y, p).full()
        np.testing.assert_array_equal(J_exact[np.ix_(~down_rows, down_rows)], 0)  # nobody else reads them
        np.testing.assert_allclose(J[~down_rows], J_exact[~down_rows], rtol=1e-12, atol=1e-300)
        np.testing.assert_allclose(J[own], J_exact[own], rtol=1e-12, atol=1e-300)
        np.testing.assert_array_equal(J[down_rows[:, None] & ~own], 0)
        assert np.abs(J_exact[np.ix_(down_rows, ~down_rows)]).max() > 0  # the energies read the voltage: something was dropped
        kept.append(np.abs(J[own]).max())
    assert kept[0] == 0 and min(kept[1:]) > 0  # the stretch's own block: 0 inside its band, kept outside it

    model, _, _ = _set_up_default(values=pybamm.ParameterValues("Li2021_S_Mo6S8"))
    assert not {"Dispersed material lithiation", "Cathode local stretch"} & {v.name for v in downstream_states(model)}
    model, _, _ = _set_up_default(options={"voltage as a state": "true"})
    assert "Voltage [V]" not in {v.name for v in downstream_states(model)}


def test_downstream_jacobian_leaves_sensitivities_to_the_exact_one():
    """With sensitivities asked for, IDAS corrects them with the Newton matrix: the solver keeps
    PyBaMM's exact Jacobian."""
    model, _, _ = _set_up_default(sensitivities=("Cathode loading [kg.m-2]",))
    assert model.jac_rhs_algebraic_eval.name() != "jac_rhs_algebraic_downstream"


def test_downstream_jacobian_gives_the_exact_jacobian_solution():
    """An LMS 0.1C cycle at rtol 1e-6 with the reduced Newton matrix and with CasADi's exact one:
    what IDA converges to is the same (capacities and energies to 3e-5, 30 x the rtol: measured 5e-7 on 20 C/10
    cycles at rtol 1e-7, 1.1e-5 on this cycle on session 60's processor), so the reduction moves the solver's path, not
    the answer."""
    from pybamm_aea.models.solvers import SharedEventsIDAKLUSolver, _SharedEvents

    class ExactJacobian(CheckedIDAKLUSolver, _SharedEvents):
        """The default multi-phase solver but for the Newton matrix."""

    tight = {"rtol": 1e-6, "atol": 1e-8, "options": AEA.MULTI_PHASE_SOLVER_OPTIONS}
    cycle = ("Discharge at 0.1C until 1.8 V", "Rest for 10 minutes", "Charge at 0.1C until 2.8 V")
    results = []
    for solver in (SharedEventsIDAKLUSolver(**tight), ExactJacobian(**tight)):
        sol = pybamm.Simulation(AEA(), experiment=pybamm.Experiment([cycle]), solver=solver).solve()
        results.append([abs(float(np.ptp(s[name].entries))) for s in sol.cycles[0].steps[::2]
                        for name in ("Discharge capacity [A.h]", "Discharge energy [W.h]", "Cathode thickness [m]")])
    np.testing.assert_allclose(results[0], results[1], rtol=3e-5)


@pytest.mark.slow
def test_film_state_tolerance_keeps_the_cycle_at_solver_accuracy():
    """The Li0 film state is resolved to atol x Li0SurfaceFilm.SCALE (1e-13 m). Against a
    reference resolving everything 10x tighter (rtol 1e-7, atol 1e-9) and the film to 1e-18 m, the
    second LMS C/10 cycle's capacities stay within 1e-5 and its end-of-step voltages within 0.1 mV
    (measured: 1.1e-6 and 15 uV; the former film scale 1e-9 m: 0.4e-6 and 49 uV; a scale of 1e-3 m
    moves the charge 2.4e-5)."""
    from pybamm_aea.models.solvers import ScalarFunctionsIDAKLUSolver
    from pybamm_aea.models.submodels import Li0SurfaceFilm

    cycle = ("Discharge at 0.1C until 1.8 V", "Rest for 10 minutes", "Charge at 0.1C until 2.8 V",
             "Rest for 10 minutes")
    default = _lms_cycles(cycle=cycle, n=2)
    scale = Li0SurfaceFilm.SCALE
    try:
        Li0SurfaceFilm.SCALE = 1e-9
        reference = _lms_cycles(ScalarFunctionsIDAKLUSolver(rtol=1e-7, atol=1e-9), cycle=cycle, n=2)
    finally:
        Li0SurfaceFilm.SCALE = scale
    # the rest after the discharge ends on the steep Li4 end of the OCP (x = 3.9952, about 44 V per Li there): its
    # voltage follows 1e-5 of Li content, so it is compared to 0.5 mV (measured 2026-12-04: 0.19 mV, since the lever
    # rule's D at the 1.8 V composition is Fig. S1's 8.8e-8 cm2/s, slower than before); the other steps to 0.1 mV
    for a, b, tol in zip(default.cycles[1].steps, reference.cycles[1].steps, (1e-4, 5e-4, 1e-4, 1e-4)):
        q_a, q_b = (abs(s["Discharge capacity [A.h]"].entries[-1] - s["Discharge capacity [A.h]"].entries[0])
                    for s in (a, b))
        assert q_a == pytest.approx(q_b, rel=1e-5, abs=1e-12)
        assert a["Voltage [V]"].entries[-1] == pytest.approx(b["Voltage [V]"].entries[-1], abs=tol)
    # the film formed at the end of charge is the same film
    film = [c.steps[2]["Li0 film thickness [m]"].entries[-1] for c in (default.cycles[1], reference.cycles[1])]
    assert film[0] == pytest.approx(film[1], rel=1e-4)


def test_default_solver_with_sets_options_over_the_defaults():
    """``AEA.default_solver_with`` keeps each host's tolerances and options and sets the given
    IDAKLU options over them; a misspelt option is refused by name; rtol/atol replace the
    tolerances only, and a non-positive or non-numeric one is refused by name. Catches: options
    that replace the host's (the multi-phase host losing suppress_algebraic_error), tolerances
    dropped, or a tolerance that replaces the solver class or options."""
    multi = AEA().default_solver_with(compile=True)
    assert (multi.rtol, multi.atol) == (AEA.MULTI_PHASE_SOLVER_TOLERANCES["rtol"], AEA.MULTI_PHASE_SOLVER_TOLERANCES["atol"])
    assert multi.options["compile"] is True and multi.options["suppress_algebraic_error"] is True
    assert AEA().default_solver.options["compile"] is False
    assert AEA().default_solver_with(suppress_algebraic_error=False).options["suppress_algebraic_error"] is False
    lever = AEA(LEVER).default_solver_with(max_order_bdf=3)
    assert type(lever) is type(AEA(LEVER).default_solver)
    assert (lever.rtol, lever.atol, lever.options["max_order_bdf"]) == (1e-6, 1e-8, 3)
    with pytest.raises(pybamm.SolverError, match="compil"):
        AEA().default_solver_with(compil=True)
    # other tolerances replace the host's only: class and host options stay
    tight = AEA().default_solver_with(rtol=1e-7, atol=1e-9, compile=True)
    assert type(tight) is type(AEA().default_solver) and (tight.rtol, tight.atol) == (1e-7, 1e-9)
    assert tight.options["suppress_algebraic_error"] is True and tight.options["compile"] is True
    lever_atol = AEA(LEVER).default_solver_with(atol=1e-10)
    assert (lever_atol.rtol, lever_atol.atol) == (1e-6, 1e-10)
    for bad in (0, -1e-6, float("nan"), "1e-6", True):
        with pytest.raises(ValueError, match=f"rtol must be a positive number, got {bad!r}"):
            AEA().default_solver_with(rtol=bad)


@pytest.mark.slow
def test_compiled_functions_give_the_default_solution(tmp_path, monkeypatch):
    """The multi-phase host with PyBaMM's compiled functions (``compile=True``) gives the default
    solver's LMS 1C cycle at the host's tolerance (rtol 1e-4: compiled code rounds differently,
    fused multiply-adds under -march=native, and the steps then differ at that level; measured
    4.6e-5 on the discharge): same terminations, capacities within 2e-4, end voltages within the
    solver's tolerance on them, twice rtol |V| = 0.56 mV (a step ends on IDA's point where its algebraic states
    are within the tolerances, on the consistent state otherwise: models.solvers.ConsistentEventIDAKLUSolver;
    the compiled run's 1C charge ends on its consistent 2.80025 V, the default's on IDA's 2.80000 V,
    2026-12-02; 2.79964 against 2.80000 V on 2026-12-05, 1.3 rtol |V|: IDA's error control is local, not a
    bound), and the compiled
    libraries are there (PyBaMM falls back to the uncompiled functions with a warning if the compiler
    fails, which would pass the comparison unseen)."""
    monkeypatch.setenv("PYBAMM_CASADI_AOT_CACHE", str(tmp_path))
    compiled = _lms_cycles(AEA().default_solver_with(compile=True), options={})
    assert list(tmp_path.glob("*.so")), "no compiled library: PyBaMM fell back to the uncompiled functions"
    default = _lms_cycles(AEA().default_solver, options={})
    assert_same_steps(compiled, default, rel=2e-4, abs_V=6e-4)


@pytest.mark.parametrize("rate", ["0.15C", "0.4C"])
def test_a_charge_past_the_model_range_needs_no_retry(rate):
    """AEA_NMC532 charged, discharged and charged to 4.3 V: late in a charge IDA's predictor can step past
    its end to a Li content variable below -0.04 (0.2C, as made before the Li-free host basis: from
    t = 15927 s to 19258 s, y = -0.07), where the content rounds to 0 and the OCP's end term is inf. The
    per-variable Newton matrix returns NaN there, as PyBaMM's does, and IDA retries with a smaller step.
    Catches an infinite entry reaching KLU: its set-up then fails unrecoverably (IDA_LSETUP_FAIL at 0.1C,
    0.15C and 0.4C of 20 rates from 0.05C to 1C, which only the retry of :class:`SharedEventsIDAKLUSolver`
    mended)."""
    import warnings

    from pybamm_aea.models.solvers import StepRetriedWarning

    values = pybamm.ParameterValues("AEA_NMC532")
    low, high = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
    experiment = pybamm.Experiment([(f"Charge at {rate} until {high} V", f"Discharge at {rate} until {low} V",
                                     f"Charge at {rate} until {high} V")])
    with warnings.catch_warnings():
        warnings.simplefilter("error", StepRetriedWarning)
        solution = pybamm.Simulation(AEA(), parameter_values=values, experiment=experiment).solve()
    ends = [step["Voltage [V]"].entries[-1] for step in solution.cycles[0].steps]
    assert ends == pytest.approx([high, low, high], abs=1e-6)


def test_a_retried_step_is_named_by_its_start(monkeypatch):
    """The StepRetriedWarning said "IDA failed on a step at t = 60 s", the step's start, which read as the time of
    the failure (session 48's user trial: "t = 9000 s" of a step that failed hours later); it now says it is the
    step's start ("the step from t = 60 s": PyBaMM's error does not give the failure's time). The failure is
    injected at the second step's first call of IDA, after a minute's discharge."""
    from pybamm_aea.models import solvers
    from pybamm_aea.models.solvers import StepRetriedWarning

    pybamm_step, calls = pybamm.IDAKLUSolver.step, []

    def fails_on_the_rest(self, *args, **kwargs):
        if type(self) is solvers.SharedEventsIDAKLUSolver:
            calls.append(self)
            if len(calls) == 2:
                raise pybamm.SolverError("IDA_ERR_FAIL (injected)")
        return pybamm_step(self, *args, **kwargs)

    experiment = pybamm.Experiment(["Discharge at 0.1C for 1 minute", "Rest for 1 minute"])
    with monkeypatch.context() as patch:
        patch.setattr(pybamm.IDAKLUSolver, "step", fails_on_the_rest)
        with pytest.warns(StepRetriedWarning) as record:
            pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                              experiment=experiment).solve()
    (retried,) = [str(w.message) for w in record if issubclass(w.category, StepRetriedWarning)]
    assert retried.startswith("IDA failed on the step from t = 60 s, step 1 of 1 in cycle 2 of 2, 'Rest for 1 "
                              "minute' (IDA_ERR_FAIL (injected))"), retried


@pytest.mark.slow
@pytest.mark.parametrize("set_name", ["AEA_LiCoO2"])
def test_a_step_ida_fails_on_is_solved_again_onto_the_tight_curve(set_name, monkeypatch):
    """IDA failing on the discharge of this literature set (LiCoO2 charged then discharged at 0.1C, 25 C) is solved
    again from the same state (:class:`SharedEventsIDAKLUSolver`): the run completes, says so, and lies on the
    tight-tolerance curve. The failure is injected at the discharge's first call of IDA: the real ones this test ran
    on (IDA's error test near theta = 1, where the OCP has its pole, with the full-lattice-gas events off; at 0.4C and
    70 C until session 29) went with LiCoO2's window on the package's F (3.4e-11 relative) and then with its volume
    growing on charge (session 38), so a real one proved a moving target. Catches a retry that restarts from the
    wrong state (the pristine one: its curve is far off) or drops the step. The warning names the experiment's step
    and cycle (session 46; docs/known_limits.rst says so, and it was untested)."""
    from pybamm_aea.models import solvers
    from pybamm_aea.models.solvers import StepRetriedWarning

    values = pybamm.ParameterValues(set_name)
    values.update({"Ambient temperature [K]": 298.15})
    low, high = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
    experiment = pybamm.Experiment([(f"Charge at 0.1C until {high} V", f"Discharge at 0.1C until {low} V")])

    def solve(tolerances=None):
        model = AEA()
        solver = tight_solver(model, tolerances) if tolerances else None
        return pybamm.Simulation(model, parameter_values=values, experiment=experiment, solver=solver).solve()

    pybamm_step, calls = pybamm.IDAKLUSolver.step, []

    def fails_on_the_discharge(self, *args, **kwargs):  # (the default solver's second step: the discharge)
        if type(self) is solvers.SharedEventsIDAKLUSolver:
            calls.append(self)
            if len(calls) == 2:
                raise pybamm.SolverError("IDA_ERR_FAIL (injected)")
        return pybamm_step(self, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(pybamm.IDAKLUSolver, "step", fails_on_the_discharge)
        with pytest.warns(StepRetriedWarning, match="IDA failed on the step from t = ") as record:
            default = solve()
    assert len(calls) == 2
    (retried,) = [str(w.message) for w in record if issubclass(w.category, StepRetriedWarning)]
    assert f", step 2 of 2 in cycle 1 of 1, 'Discharge at 0.1C until {low} V' (IDA_ERR_FAIL (injected))" in retried, \
        retried
    ends = [s["Voltage [V]"].entries[-1] for s in default.cycles[0].steps]
    assert ends == pytest.approx([high, low], abs=1e-6)
    # 1.41: LiCoO2's default-tolerance curves at 0.39C and 0.41C, which IDA solves without a retry, are
    # 2.43 and 1.90 from their tight ones (2026-12-02); a restart from the wrong state is tens away
    assert curve_distance(default, solve(TIGHT)) < 3 * CURVE_TOLERANCE


@pytest.mark.slow
def test_a_step_ending_past_full_is_solved_again_within_the_tolerance():
    """LTO-LMS vs Li-In (activation and contact loss, persistent Li0), 10 cycles at 0.1C, 0.4-2.4 V, the default
    solver at rtol 1e-3. On the default rtol 1e-4 the 8th discharge's last IDA steps crossed the end of the Li4Ti5O12
    plateau and left its lithiation at 1.0091, which the model's rate law (zero at full) cannot reach; charge 8
    returned the overfill to the host at its Li4 end and the experiment stopped ("Experiment is infeasible", the
    minimum-voltage event 1.25 s into charge 8: pybammsolvers 0.11.1, 2026-12-05). Such a step is now solved again at
    a tenth of the tolerance: all cycles run and every discharge ends within the tolerance of full. Whether a step
    overfills at 1e-4 turns on the parameters' sixth digit (with the Li4Ti5O12 / Li7Ti5O12 molar masses their
    formulas' 459.083 / 479.903 g/mol instead of 459.08 / 479.90 none of these 10 cycles does, 2026-12-05), so the
    test runs at 1e-3. Six cycles since session 47 (the host's transport across the swollen layer): of 10, 7
    discharges were refined (unrefined 1.012-1.038) and the 7th, refined at rtol 1e-4, still ended at 1.00182 (a
    second StepRefinedWarning says so: the refinement is one tenth, once, not a loop; the dispersed material's rate
    law vanishing at full is the cause, docs/known_limits.rst). Of the first 6, 4 are refined (2nd-5th discharges,
    1.012-1.025 unrefined), each ending within the tolerance. Two cycles since session 50: the 1st discharge now
    holds a domain past full while it delithiates (1.00156 in cell 3 at 35944 s) and is solved again at rtol 1e-6
    (test_a_thick_lto_lms_discharge_past_the_lto_full_end_gives_the_tight_capacity_at_any_rtol), which moves the
    later cycles: the 2nd discharge ends at 1.00417 and is refined here (to 1.000001), the 3rd's refinement at rtol
    1e-4 still ended at 1.00161 (2026-12-06). On session 60's processor no discharge ends past full at rtol 1e-3
    (1.0000000 and 1.0000001) and the first does at 3e-3 (refined, to 1.0000017): the test solves at the first of the
    two whose discharge ends past full, so that it exercises the refinement on either processor. Catches: the
    refinement dropped, or the end state not checked."""
    import warnings

    from pybamm_aea.models.solvers import StepRefinedWarning

    options = {"anode": "Li-In", "dispersed material degradation": "activation and contact loss",
               "ionic-switch host loss": "persistent Li0"}
    model = AEA(options)
    experiment = pybamm.Experiment([("Discharge at 0.1C until 0.4 V", "Charge at 0.1C until 2.4 V")] * 2)
    for tolerance in (1e-3, 3e-3):  # (the first at which a discharge ends past full: the processor's round-off)
        sim = pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("Li2021_LTO_Mo6S8"),
                                experiment=experiment, solver=model.default_solver_with(rtol=tolerance))
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always", StepRefinedWarning)
            solution = sim.solve()
        refined = [str(w.message) for w in said if issubclass(w.category, StepRefinedWarning)]
        print(tolerance, refined)
        if [m for m in refined if "ended with Dispersed material lithiation" in m]:
            break
    assert [m for m in refined if "ended with Dispersed material lithiation" in m]  # (it exercises the refinement)
    assert not [m for m in refined if "still ended" in m]
    assert len(solution.cycles) == 2
    ends = [c.steps[0]["Dispersed material lithiation"].entries[:, -1].max() for c in solution.cycles]
    assert max(ends) < 1 + tolerance


def test_a_refined_step_is_checked_once(monkeypatch):
    """An integration solved again at the tighter tolerance has its end state checked once, by the solver that asked
    for the refinement: the refined solver checked it too and dropped the answer (each refined step's states scanned
    twice). The warnings are as before: one for the refinement, one for a refined step still outside."""
    import types

    from pybamm_aea.models import solvers

    solver = solvers.SharedEventsIDAKLUSolver(rtol=1e-4, atol=1e-6)
    checks = []

    def outside(self, model, solution, rtol, short=None):
        checks.append(rtol)
        return "Dispersed material lithiation 1.01, above its 1"

    step = types.SimpleNamespace(termination="event")
    monkeypatch.setattr(pybamm.IDAKLUSolver, "_integrate", lambda self, *args, **kwargs: [step])
    monkeypatch.setattr(solvers, "integrate_again",  # (no set-up: the refined solver's own _integrate, as in a solve)
                        lambda refined, model, t_eval, inputs_list, index, t_interp: refined._integrate(
                            model, t_eval, [inputs_list[index]], t_interp)[0])
    monkeypatch.setattr(solvers.ConsistentEventIDAKLUSolver, "_outside_bounds", outside)
    with pytest.warns(solvers.StepRefinedWarning) as said:
        assert solver._integrate(None, np.array([0.0, 1.0])) == [step]
    assert checks == pytest.approx([1e-4, 1e-5], rel=1e-12)
    messages = [str(w.message) for w in said]
    assert (len(messages) == 2 and messages[0].startswith("the integration from t = 0 s")
            and "still ended" in messages[1])


def test_a_step_kept_past_full_after_a_failed_re_solve_still_has_its_end_checked(monkeypatch):
    """An integration that held a dispersed domain past its full end is solved again at FULL_END_RTOL; where IDA fails
    on that re-solve the first integration is kept, and its end still goes through the bounds check and its refinement
    at REFINED_RTOL, as before the re-solve existed. Catches the kept first integration returned unchecked: review R10
    (LTO-LMS at its set's loading, 0.5C, 2 cycles, the re-solve made to fail) saw the 1st discharge end at
    z = 1.0011502, carried into the next step, only warned that the first integration was kept; refined, 1.0000003."""
    import types

    from pybamm_aea.models import solvers

    solver = solvers.SharedEventsIDAKLUSolver(rtol=1e-4, atol=1e-6)
    step, refined = types.SimpleNamespace(termination="event"), types.SimpleNamespace(termination="event")
    checks = []

    def again(solver, model, t_eval, inputs_list, index, t_interp):
        if getattr(solver, "_full_end_again", False):
            raise pybamm.SolverError("IDA_CONV_FAIL")
        return refined

    def outside(self, model, solution, rtol, short=None):
        checks.append(rtol)
        return "Dispersed material lithiation 1.00115, above its 1" if solution is step else None

    monkeypatch.setattr(pybamm.IDAKLUSolver, "_integrate", lambda self, *args, **kwargs: [step])
    monkeypatch.setattr(solvers, "integrate_again", again)
    monkeypatch.setattr(solvers.ConsistentEventIDAKLUSolver, "_past_full_end",
                        lambda self, model, solution: "a dispersed material domain past its full end")
    monkeypatch.setattr(solvers.ConsistentEventIDAKLUSolver, "_switch_stepped", lambda self, model, solution: None)
    monkeypatch.setattr(solvers.ConsistentEventIDAKLUSolver, "_end_short", lambda self, index: None)
    monkeypatch.setattr(solvers.ConsistentEventIDAKLUSolver, "_outside_bounds", outside)
    with pytest.warns(solvers.StepRefinedWarning) as said:
        assert solver._integrate(None, np.array([0.0, 1.0])) == [refined]
    assert checks == pytest.approx([1e-4, 1e-5], rel=1e-12)
    messages = [str(w.message) for w in said]
    assert len(messages) == 2, messages
    assert "where IDA failed" in messages[0] and "the first integration is kept" in messages[0]
    assert "above its 1; solved again at rtol 1e-05" in messages[1]


def test_a_step_ended_by_an_event_ends_on_a_consistent_state():
    """LMS discharged at constant power (its 0.1C power) to 1.8 V on the multi-phase host. IDA locates the cut-off
    on its interpolating polynomial, whose algebraic states (here the current) are out of its error test on this
    host: the last point had I V = 1.0011 P (casadi 3.8.1, pybammsolvers 0.11.1; 1.0012 P before) while the points
    before it, where IDA's Newton iteration converged, hold P within its tolerance (1.3e-5 here).
    :class:`ConsistentEventIDAKLUSolver` solves the algebraic states of that point for its differential ones: I V = P
    there, at 1.800006 V. Catches the interpolated end state returned as it is. (At 3x the power, IDA's end point
    is now within the tolerances, I V = 1.00009 P, and is kept.)"""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    power = 0.1 * values["Nominal cell capacity [A.h]"] * 2.1  # [W], 2.1 V about the mean discharge voltage
    experiment = pybamm.Experiment([pybamm.step.power(power, termination="1.8 V")])
    solution = pybamm.Simulation(AEA(), parameter_values=values, experiment=experiment).solve()
    assert "Voltage < 1.8" in solution.termination
    ratio = solution["Current [A]"].entries * solution["Voltage [V]"].entries / power
    assert ratio[-1] == pytest.approx(1, abs=1e-6)
    assert solution["Voltage [V]"].entries[-1] == pytest.approx(1.8, abs=1e-4)


#: the variables a user asks the solver for (PyBaMM's IDAKLU ``output_variables``)
OUTPUT_VARIABLES = ["Voltage [V]", "Discharge capacity [A.h]", "Average cathode Li content"]


@pytest.mark.parametrize("options", [{}, LEVER], ids=["multi-phase", "lever rule"])
def test_default_solver_with_output_variables_keeps_the_host_solver(options, monkeypatch):
    """``AEA.default_solver_with(output_variables=...)`` is the host's solver (class, tolerances, IDA options)
    computing only those variables; an LMS 0.1C discharge gives the default solver's capacity and end voltage, also
    when IDA fails once and the step is solved again (:class:`SharedEventsIDAKLUSolver`'s retry). Catches: the
    argument refused ("Unknown IDAKLU solver option(s): output_variables", as before session 34, which left a
    plain ``pybamm.IDAKLUSolver``, without the host's options and checks), dropped, or dropped by the retry; both
    solvers' capacity off Faraday's law on the host's Li content (a factor 2, another mass), or their discharge
    stopped before the host fills at 1.8 V."""
    from pybamm_aea.models import solvers

    model = AEA(options)
    solver = model.default_solver_with(output_variables=OUTPUT_VARIABLES)
    default = model.default_solver
    assert type(solver) is type(default) and (solver.rtol, solver.atol) == (default.rtol, default.atol)
    # (the multi-phase host's also computes what its solver judges a dispersed domain's full end by, session 50)
    judged = [] if options else list(solvers.SharedEventsIDAKLUSolver.FULL_END_VARIABLES)
    assert solver.options == default.options and solver.output_variables == OUTPUT_VARIABLES + judged
    experiment = pybamm.Experiment(["Discharge at 0.1C until 1.8 V"])

    def solve(solver):
        return pybamm.Simulation(AEA(options), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                                 experiment=experiment, solver=solver).solve()

    reference, chosen = solve(model.default_solver), solve(solver)
    for name in ("Discharge capacity [A.h]", "Voltage [V]"):
        assert chosen[name].entries[-1] == pytest.approx(reference[name].entries[-1], rel=1e-9)
    # Faraday's law on the host's own Li count (the charge its Li content gained, from the parameter set's mass,
    # not the solver's integral of the current), and the host filled to about Li4Mo6S8 at the 1.8 V cut-off
    values, x = pybamm.ParameterValues("Li2021_Mo6S8"), chosen["Average cathode Li content"].entries
    host_mol = (values["Cathode loading [kg.m-2]"] * values["Electrode width [m]"] * values["Electrode height [m]"]
                / values["Cathode host molar mass [kg.mol-1]"])
    assert chosen["Discharge capacity [A.h]"].entries[-1] == pytest.approx(F * host_mol * (x[-1] - x[0]) / 3600, rel=1e-6)
    assert 3.97 < x[-1] <= 4
    if options:
        return
    failed, retry_outputs, pybamm_step = [], [], pybamm.IDAKLUSolver.step

    def fails_once(self, old_solution, model, dt, *args, **kwargs):  # (IDA failing once on the default solver)
        if type(self) is solvers.ConsistentEventIDAKLUSolver:  # (the retry's solver)
            retry_outputs.append(list(self.output_variables))
        if type(self) is solvers.SharedEventsIDAKLUSolver and dt > 1 and not failed:
            failed.append(dt)
            raise pybamm.SolverError("IDA_ERR_FAIL (injected)")
        return pybamm_step(self, old_solution, model, dt, *args, **kwargs)

    monkeypatch.setattr(pybamm.IDAKLUSolver, "step", fails_once)
    with pytest.warns(solvers.StepRetriedWarning, match="IDA_ERR_FAIL"):
        retried = solve(model.default_solver_with(output_variables=OUTPUT_VARIABLES))
    assert failed and retry_outputs and all(names == OUTPUT_VARIABLES + judged for names in retry_outputs)
    assert retried["Discharge capacity [A.h]"].entries[-1] == pytest.approx(
        reference["Discharge capacity [A.h]"].entries[-1], rel=1e-3)
    assert retried["Voltage [V]"].entries[-1] == pytest.approx(1.8, abs=1e-6)


def _sensitivity_discharge(set_name, name="Cathode Li diffusivity factor", value=None, rtol=None, sensitivities=True,
                           period=None):
    """A 1C discharge of ``set_name`` (multi-phase default solver, ``rtol`` its own by default) to its lower cut-off
    with the sensitivity to the input ``name`` (the cathode's diffusivity factor: the user's fit loop) at ``value``
    (the set's by default), output every ``period`` seconds if given."""
    values = pybamm.ParameterValues(set_name)
    value = values[name] if value is None else value
    values.update({name: "[input]"})
    lower = values["Lower voltage cut-off [V]"]
    model = pybamm.Model("AEA")
    step = f"Discharge at 1C until {lower} V" + (f" ({period} second period)" if period else "")
    sim = pybamm.Simulation(model, parameter_values=values, solver=model.default_solver_with(rtol=rtol),
                            experiment=pybamm.Experiment([step]))
    return sim, sim.solve(inputs={name: value}, calculate_sensitivities=sensitivities)


def test_sensitivities_keep_the_algebraic_states_in_the_error_test():
    """TiS2 at 1C with sensitivities: with the host potential out of IDA's error test (the multi-phase host's
    "suppress_algebraic_error") the 1.0 V cut-off (3459 s) was missed and the voltage turned NaN at 3497 s; the
    solver now keeps the algebraic states in the test for a model with sensitivities, and only there."""
    sim, sol = _sensitivity_discharge("Li2021_TiS2")
    assert sol.termination.startswith("event") and sol["Voltage [V]"].entries[-1] == pytest.approx(1.0, abs=1e-6)
    assert 3400 < sol.t[-1] < 3520
    assert np.isfinite(sol["Voltage [V]"].sensitivities["Cathode Li diffusivity factor"]).all()
    assert np.isfinite(sol["Discharge energy [W.h]"].entries).all()  # (NaN at IDA's event point: solved again)
    assert sim.solver.options["suppress_algebraic_error"] is True  # (the option itself kept)


def _unfloored_content_slope(monkeypatch):
    """The multi-phase host's content slope as before session 40, without its floor (exp(y / e) underflowing to 0
    below y = -0.745, the content's rate NaN there): the NaN LMS at 1C with sensitivities ran into, kept for the
    tests of the refusal of non-finite states (:class:`pybamm_aea.models.solvers.NonFiniteStatesError`)."""
    from pybamm_aea.models.submodels.host_phase_field import CathodeCahnHilliard

    monkeypatch.setattr(CathodeCahnHilliard, "SLOPE_FLOOR_LOG", float("inf"))  # max(z, -inf) = z: the old values


def test_non_finite_states_are_refused_with_the_remedy(monkeypatch):
    """LMS at 1C with sensitivities at the default rtol 1e-4 and the content slope unfloored (as before session 40):
    IDA stepped into NaN near 3060 s and ran on to the step's 7200 s (0.303 mA.h "discharged", voltage NaN,
    termination "final time"); now a SolverError naming the time and the lever-rule host, which computes them (3590 s
    to the cut-off, as 3581 s without sensitivities)."""
    from pybamm_aea.models.solvers import NonFiniteStatesError

    _unfloored_content_slope(monkeypatch)
    with pytest.warns(UserWarning), pytest.raises(
            NonFiniteStatesError, match=r"non-finite states from t = \d+(\.\d+)? s \(.*Cathode Li content variable"
                                        r".*known_limits.*lever rule"):
        _sensitivity_discharge("Li2021_Mo6S8")


def test_non_finite_output_variables_are_refused(monkeypatch):
    """The same LMS discharge (content slope unfloored) with ``output_variables`` (the user's fit loop saving
    memory): the check was skipped there, and the solve ran on to 7200 s with 4042 NaN voltages and 0.303 mA.h; now
    the same error, naming the returned variable and the end state's non-finite variables."""
    from pybamm_aea.models.solvers import NonFiniteStatesError

    _unfloored_content_slope(monkeypatch)
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode Li diffusivity factor": "[input]"})
    model = pybamm.Model("AEA")
    solver = model.default_solver_with(output_variables=["Voltage [V]"])
    sim = pybamm.Simulation(model, parameter_values=values, solver=solver,
                            experiment=pybamm.Experiment(["Discharge at 1C until 1.8 V"]))
    with pytest.warns(UserWarning), pytest.raises(
            NonFiniteStatesError, match=r"non-finite states from t = \d+(\.\d+)? s \(Voltage \[V\], .*Cathode Li"):
        sim.solve(inputs={"Cathode Li diffusivity factor": 1.0}, calculate_sensitivities=True)


@pytest.mark.parametrize("rtol", [None, 1e-6])
def test_multi_phase_sensitivities_meet_the_cut_off(rtol):
    """LMS at 1C on the multi-phase host with the sensitivity to the diffusivity factor: IDA's corrector (PyBaMM's
    IDAKLU at rtol 1e-4, at 3060 s) put the last cells' content variable at y = -1.5 .. -18.7, where dx/dy = exp(y /
    e) underflowed to 0 and the content's rate was NaN; IDAS took the NaN iterate as converged (its norm over the
    states and sensitivities skips NaN) and the default solver refused the solve (NonFiniteStatesError from
    3056.93 s; from 678.10 s at rtol 1e-6). With dx/dy floored at
    exp(-50) (``CathodeCahnHilliard.SLOPE_FLOOR_LOG``) the iterate fails and the step is retried: the cut-off at
    3581.33 s, as without sensitivities, on finite states."""
    sim, sol = _sensitivity_discharge("Li2021_Mo6S8", rtol=rtol)
    assert sol.termination.startswith("event") and sol["Voltage [V]"].entries[-1] == pytest.approx(1.8, abs=1e-6)
    assert sol.t[-1] == pytest.approx(3581.33, abs=0.5)
    assert np.isfinite(sol["Voltage [V]"].sensitivities["Cathode Li diffusivity factor"]).all()
    for name in ("Discharge energy [W.h]", "Throughput energy [W.h]", "Discharge capacity [A.h]"):
        assert np.isfinite(sol[name].entries).all(), name


def _grid_stopped_voltage(set_name, name, value, times, rtol=1e-7):
    """The voltage at ``times`` of ``set_name``'s 1C discharge to its lower cut-off (the model's minimum-voltage event
    at the set's cut-off, as the experiment's step) with the input ``name`` at ``value``, IDA stopped at every 10 s
    (``t_eval``), not stepping freely over the step as an experiment's does: the reference of the central differences
    below. Stepping freely, IDA's step sequence follows the last bits of the input (it reads it in the voltage events
    and the energy integrals), and on the pristine host's first discharge (Li1 nucleating at the separator, cell by
    cell, 100-800 s) another sequence leaves the surface content elsewhere by the solver's error: a 1e-12 change of
    the exchange-current factor, which no state's equation reads, moved it by up to 9e-6 at 600 s (stopped at every
    10 s: 1e-14), and the states' share of a +-2 % pair's voltage difference was up to 1.2e-4 V there, no smaller at
    rtol 1e-8 and 1e-9 than at 1e-7 (stopped at every 10 s: 2e-10 V) (measured 2026-12-05)."""
    values = pybamm.ParameterValues(set_name)
    values.update({name: "[input]", "Current function [A]": values["Nominal cell capacity [A.h]"]})  # 1C
    model = pybamm.Model("AEA")
    sim = pybamm.Simulation(model, parameter_values=values, solver=model.default_solver_with(rtol=rtol))
    sol = sim.solve(np.arange(0, 3601, 10.0), inputs={name: value})
    assert sol.termination.startswith("event") and sol.t[-1] > times[-1]
    return sol["Voltage [V]"](times)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["Cathode Li diffusivity factor", "Cathode porosity",
                                  "Cathode exchange-current density factor"])
def test_multi_phase_sensitivities_are_central_differences(name):
    """The multi-phase host's voltage sensitivities (LMS at 1C, default solver, an experiment's step) at 500, 1500 and
    3000 s against central differences of +-2 % of the input at rtol 1e-7, solved stopping every 10 s
    (:func:`_grid_stopped_voltage`): within 1.7 % measured (2026-12-05), held to 5 %. The exchange-current factor
    is read by the cathode's Butler-Volmer overpotential alone, so its sensitivity is
    (2RT/F) u / sqrt(1 + u^2) / k, u = i / (2 j0), which the forward one equals (0.004396 V at 500 s) and the
    differences converge to (0.004396 at steps of 0.001-0.5 %, 0.004398 at 2 %). With the differences solved as an
    experiment's steps (free stepping) they gave 0.003725 V there (-15 %; 0.004543, +3.3 %, without the
    swollen-layer transport adopted in session 47, which moved the solver's path) and scattered with the step, 0.0059 at 0.1 %, 0.155 at 0.01 %:
    a noise of ~3e-5 V in the voltage over a signal of 1.8e-4 V, not a derivative."""
    times = np.array([500.0, 1500.0, 3000.0])
    p0 = pybamm.ParameterValues("Li2021_Mo6S8")[name]
    _, sol = _sensitivity_discharge("Li2021_Mo6S8", name=name, period=10)
    sensitivity = np.interp(times, sol.t, np.ravel(sol["Voltage [V]"].sensitivities[name]))
    lo, hi = (_grid_stopped_voltage("Li2021_Mo6S8", name, p0 * f, times) for f in (0.98, 1.02))
    np.testing.assert_allclose(sensitivity, (hi - lo) / (0.04 * p0), rtol=0.05)


def test_the_remedy_of_non_finite_states_meets_the_cut_off():
    """The remedy the error names: LMS on the lever-rule host at 1C with sensitivities ends at 1.8 V (3590 s)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode Li diffusivity factor": "[input]"})
    sim = pybamm.Simulation(pybamm.Model("AEA", LEVER), parameter_values=values,
                            experiment=pybamm.Experiment(["Discharge at 1C until 1.8 V"]))
    sol = sim.solve(inputs={"Cathode Li diffusivity factor": 1.0}, calculate_sensitivities=True)
    assert sol.termination.startswith("event") and sol.t[-1] == pytest.approx(3590.5, abs=2)
    assert np.isfinite(sol["Voltage [V]"].sensitivities["Cathode Li diffusivity factor"]).all()
    for name in ("Discharge energy [W.h]", "Throughput energy [W.h]", "Discharge capacity [A.h]"):
        assert np.isfinite(sol[name].entries).all(), name


def _lever_rule_tis2_sensitivity_discharge(**solver_options):
    """TiS2 at 1C to 1.0 V on the lever-rule host with the sensitivity to the diffusivity factor, its default solver
    made with ``solver_options`` (:meth:`AEA.default_solver_with`)."""
    values = pybamm.ParameterValues("Li2021_TiS2")
    values.update({"Cathode Li diffusivity factor": "[input]"})
    model = pybamm.Model("AEA", LEVER)
    sim = pybamm.Simulation(model, parameter_values=values, solver=model.default_solver_with(**solver_options),
                            experiment=pybamm.Experiment(["Discharge at 1C until 1.0 V"]))
    return sim.solve(inputs={"Cathode Li diffusivity factor": 1.0}, calculate_sensitivities=True)


@pytest.mark.parametrize("output_variables", [None, ["Voltage [V]", "Discharge energy [W.h]"]])
def test_the_lever_rule_hosts_non_finite_states_are_refused_with_its_own_remedy(output_variables):
    """TiS2 at 1C with sensitivities on the lever-rule host (rtol 1e-6): IDAKLU's event point at 3458.94 s had NaN in
    the energy integrals, returned as "Discharge energy [W.h]" NaN; now refused, with this host's remedy (the
    multi-phase host's text sent users to the lever rule), also when only ``output_variables`` are returned."""
    from pybamm_aea.models.solvers import NonFiniteStatesError

    with pytest.raises(NonFiniteStatesError, match=r"from t = 3458\.9\d* s \(Discharge energy \[W\.h\].*"
                                                   r"lever-rule host at rtol 1e-6.*rtol=1e-7"):
        _lever_rule_tis2_sensitivity_discharge(output_variables=output_variables)


def test_the_non_finite_remedy_is_the_models_hosts_not_the_solvers():
    """Session 53 (the family of review R18's hold advice): the remedy was the solver class's, so TiS2 at 1C with
    sensitivities on the lever-rule host run on the multi-phase host's solver (``SharedEventsIDAKLUSolver`` at the
    lever rule's tolerances; NaN energies at 3458.94 s, as on its own solver) was told "with sensitivities on the
    multi-phase host ...; the lever-rule host ... computes them". Now the lever-rule host's remedy, rtol 1e-7."""
    from pybamm_aea.models.solvers import NonFiniteStatesError, SharedEventsIDAKLUSolver

    values = pybamm.ParameterValues("Li2021_TiS2")
    values.update({"Cathode Li diffusivity factor": "[input]"})
    model = pybamm.Model("AEA", LEVER)
    sim = pybamm.Simulation(model, parameter_values=values, solver=SharedEventsIDAKLUSolver(**model.SOLVER_TOLERANCES),
                            experiment=pybamm.Experiment(["Discharge at 1C until 1.0 V"]))
    with pytest.raises(NonFiniteStatesError) as raised:
        sim.solve(inputs={"Cathode Li diffusivity factor": 1.0}, calculate_sensitivities=True)
    said = str(raised.value)
    assert said.endswith(SharedEventsIDAKLUSolver.SENSITIVITIES_REMEDIES["lever rule"]), said
    assert "multi-phase host" not in said and "from t = 3458.9" in said, said


def test_the_lever_rule_hosts_remedy_meets_the_cut_off_with_finite_energies():
    """The remedy the lever-rule host's error names: rtol 1e-7 ends TiS2's 1C discharge at 1.0 V (3458.94 s) on finite
    states."""
    sol = _lever_rule_tis2_sensitivity_discharge(rtol=1e-7)
    assert sol.termination.startswith("event") and sol.t[-1] == pytest.approx(3458.94, abs=0.1)
    assert np.isfinite(sol["Discharge energy [W.h]"].entries).all()
    assert np.isfinite(sol["Voltage [V]"].sensitivities["Cathode Li diffusivity factor"]).all()


#: the thin electrode's share of the set's loading: 1 %, 0.015 mg/cm2, 33 nm of electrode
THIN = 0.01


def _thin_lms_values():
    """Li2021_Mo6S8 at :data:`THIN` of the set's loading, its nominal capacity scaled with it."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Cathode loading [kg.m-2]"] *= THIN
    values["Nominal cell capacity [A.h]"] *= THIN
    return values


def _thin_lms_discharged(rate):
    """(the solution, its mA.h per g of electrode) of the thin electrode's discharge at ``rate`` to 1.8 V (an
    experiment)."""
    from pybamm_aea.readout import ESC

    sol = pybamm.Simulation(AEA(), parameter_values=_thin_lms_values(),
                            experiment=pybamm.Experiment([f"Discharge at {rate} until 1.8 V"])).solve()
    q = sol[ESC].entries
    return sol, q[-1] - q[0]


@functools.lru_cache(maxsize=None)
def _thin_lms_equilibrium():
    """The thin electrode's equilibrium capacity [mA.h/g], a 0.05C discharge's (128.1988 at 0.05C and at C/50,
    measured 2026-12-05; once per test session)."""
    return _thin_lms_discharged("0.05C")[1]


def _refined_warnings(said):
    """The StepRefinedWarnings of a ``warnings.catch_warnings(record=True)`` list."""
    from pybamm_aea.models.solvers import StepRefinedWarning

    return [w for w in said if issubclass(w.category, StepRefinedWarning)]


@pytest.mark.usefixtures("thin_electrode_below_range")
def test_a_cut_off_located_on_the_interpolant_short_of_the_event_is_solved_again():
    """A step an event ended whose consistent end state reaches no event (IDA located the cut-off on its interpolant
    of the algebraic host potential across the Li4 window's steep end) is solved again at a tenth of rtol. A 33 nm LMS
    electrode (1 % of the set's loading) at 1C stopped on "Voltage < 1.8 [V]" at 2.0346 V, x = 3.97747, 127.971
    mA.h/g (0.18 % short of the equilibrium's 128.199, a 0.05C discharge's, where the set's thickness at 1C gives 128.157); refined it ends
    at 1.8000 V with 128.198 (found by session 42's physics review, thin-electrode limit). The warning points at the
    user's call (it pointed into PyBaMM's simulation.py). It names the event, so the step of an experiment (a
    50-cycle CCCV run warned "a step from t = 391425 s" alone: which of its 250 steps was left to find)."""
    import warnings

    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        sol, capacity = _thin_lms_discharged("1C")
    refined = _refined_warnings(said)
    assert len(refined) == 1 and "no event reached at its consistent end state" in str(refined[0].message), refined
    assert str(refined[0].message).startswith("a step from t = 0 s")
    assert "(the nearest in time, 'Voltage < 1.8 [V] [experiment]', still " in str(refined[0].message), refined
    assert refined[0].filename == __file__
    assert sol["Voltage [V]"].entries[-1] == pytest.approx(1.8, abs=1e-3)
    assert capacity == pytest.approx(_thin_lms_equilibrium(), abs=0.01)


@pytest.mark.usefixtures("thin_electrode_below_range")
def test_a_refined_step_of_an_experiment_names_its_step_and_cycle():
    """The thin electrode's 1C discharge of the test above after a minute's rest: the refined step's warning named
    its time only ("a step from t = 60 s ended with ..."), so a user of a 50-cycle run could not find which of its
    steps it was (user trial, session 46). It now says which, as PyBaMM numbers them, with the step's text."""
    import warnings

    experiment = pybamm.Experiment([("Rest for 1 minute", "Discharge at 1C until 1.8 V")])
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        pybamm.Simulation(AEA(), parameter_values=_thin_lms_values(), experiment=experiment).solve()
    refined = _refined_warnings(said)
    assert len(refined) == 1, refined
    assert str(refined[0].message).startswith(
        "a step from t = 60 s (step 2 of 2 in cycle 1 of 1, 'Discharge at 1C until 1.8 V') ended with no event "
        "reached"), refined[0].message


@pytest.mark.usefixtures("thin_electrode_below_range")
def test_a_plain_solve_short_of_its_cut_off_is_solved_again():
    """The thin electrode of the test above solved without an experiment, ``sim.solve([0, 4000])`` at 1C: the check
    sat at the experiment step's depth, and the solve ended on "Minimum voltage [V]" at 2.0346 V with 127.971 mA.h/g
    and no warning. Now every solve and step passes it: 1.8000 V, 128.198, one warning at the user's call."""
    import warnings

    from pybamm_aea.readout import ESC

    values = _thin_lms_values()
    values["Current function [A]"] = values["Nominal cell capacity [A.h]"]  # 1C
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        sol = pybamm.Simulation(AEA(), parameter_values=values).solve([0, 4000])
    refined = _refined_warnings(said)
    assert len(refined) == 1 and "no event reached at its consistent end state" in str(refined[0].message), refined
    assert str(refined[0].message).startswith("the integration from t = 0 s ended")
    assert refined[0].filename == __file__
    assert "Minimum voltage" in sol.termination
    assert sol["Voltage [V]"].entries[-1] == pytest.approx(1.8, abs=1e-3)
    q = sol[ESC].entries
    assert q[-1] - q[0] == pytest.approx(_thin_lms_equilibrium(), abs=0.01)


@pytest.mark.parametrize("outputs_only", [False, True], ids=["states", "output_variables"])
@pytest.mark.usefixtures("thin_electrode_below_range")
def test_a_batched_solve_solves_again_only_the_input_set_short_of_its_cut_off(outputs_only):
    """A solve of a list of input sets (the sweep's batched rows, which keep only output variables): PyBaMM
    post-processes each set, and each is checked on its own. The set's loading and the thin one (1 % of it), each at
    1C: the thin set ended at 1.9042 V with 128.134 mA.h/g (with output variables only: its voltage output IDA's
    interpolated 1.8000 V beside the same 128.134), no warning; now it alone is solved again (1.8000 V, 128.198) and
    the other set is the solution it has solved alone, to the bit."""
    import warnings

    from pybamm_aea.readout import ESC

    def simulation():
        model = AEA()
        solver = model.default_solver_with(output_variables=["Voltage [V]", ESC]) if outputs_only else None
        return pybamm.Simulation(model, parameter_values=values, solver=solver)

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    loading, capacity = values["Cathode loading [kg.m-2]"], values["Nominal cell capacity [A.h]"]
    values.update({"Cathode loading [kg.m-2]": "[input]", "Current function [A]": "[input]"})
    sets = [{"Cathode loading [kg.m-2]": loading * f, "Current function [A]": capacity * f} for f in (1.0, THIN)]
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        full, thin = simulation().solve([0, 4000], inputs=sets)
    refined = [str(w.message) for w in _refined_warnings(said)]
    assert len(refined) == 1 and "of input set 1 (of 2) ended with no event reached" in refined[0], refined
    assert thin["Voltage [V]"].entries[-1] == pytest.approx(1.8, abs=1e-3)
    q = thin[ESC].entries
    assert q[-1] - q[0] == pytest.approx(_thin_lms_equilibrium(), abs=0.01)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        alone = simulation().solve([0, 4000], inputs=sets[0])
    for name in ("Voltage [V]", ESC):
        assert np.array_equal(full[name].entries, alone[name].entries), name


@pytest.mark.parametrize("outputs_only", [False, True], ids=["states", "output_variables"])
@pytest.mark.usefixtures("thin_electrode_below_range")
def test_a_solve_with_sensitivities_short_of_its_cut_off_is_solved_again_with_them(monkeypatch, outputs_only):
    """A solve with sensitivities (``calculate_sensitivities``, PyBaMM's fit loop) skipped the cut-off check: an input
    set an event ended short of every event was returned as it was, silently. Now it is checked as any (its end state
    judged, not replaced: IDAS's sensitivities are of its own state). The thin electrode at 1C with the sensitivity to
    the diffusivity factor reaches its cut-off (the algebraic states are in IDA's error test with sensitivities):
    1.8000 V, 128.198 mA.h/g, nothing solved again. An end judged short (forced here) is solved again at a tenth of
    rtol with its sensitivities: the figures and sensitivities of that solve, to the bit, with the warning."""
    import warnings

    from pybamm_aea.models import solvers
    from pybamm_aea.readout import ESC

    values = _thin_lms_values()
    values["Current function [A]"] = values["Nominal cell capacity [A.h]"]  # 1C
    values.update({"Cathode Li diffusivity factor": "[input]"})
    name = "Cathode Li diffusivity factor"

    def solved(rtol=None):
        model = AEA()
        kwargs = {"output_variables": ["Voltage [V]", ESC]} if outputs_only else {}
        solver = model.default_solver_with(**kwargs, **({"rtol": rtol} if rtol else {}))
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            sol = pybamm.Simulation(model, parameter_values=values, solver=solver).solve(
                [0, 4000], inputs={name: 1.0}, calculate_sensitivities=True)
        return sol, [str(w.message) for w in _refined_warnings(said)]

    sol, refined = solved()
    assert refined == [] and sol["Voltage [V]"].entries[-1] == pytest.approx(1.8, abs=1e-6)
    q = sol[ESC].entries
    assert q[-1] - q[0] == pytest.approx(_thin_lms_equilibrium(), abs=0.01)
    judged = []
    monkeypatch.setattr(solvers.ConsistentEventIDAKLUSolver, "_off_by_more_than_tolerance", lambda self, *a: True)
    monkeypatch.setattr(solvers.ConsistentEventIDAKLUSolver, "_event_short",
                        lambda self, *a: judged.append(self.rtol) or (None if getattr(self, "_refined", False) else
                                                                      solvers.EventShort(0.1, 0.1, 0.01, "charge")))
    sol, refined = solved()
    rtol = AEA().default_solver.rtol
    assert judged == [rtol, rtol * solvers.ConsistentEventIDAKLUSolver.REFINED_RTOL]  # (the refined one checked too)
    assert len(refined) == 1 and "the integration from t = 0 s ended with no event reached" in refined[0], refined
    monkeypatch.setattr(solvers.ConsistentEventIDAKLUSolver, "_event_short", lambda self, *a: None)
    tight, _ = solved(rtol * solvers.ConsistentEventIDAKLUSolver.REFINED_RTOL)
    assert np.array_equal(sol.t, tight.t)
    for variable in ("Voltage [V]", ESC):
        assert np.array_equal(sol[variable].entries, tight[variable].entries), variable
    assert np.array_equal(sol["Voltage [V]"].sensitivities[name], tight["Voltage [V]"].sensitivities[name])
    assert np.isfinite(sol["Voltage [V]"].sensitivities[name]).all()


def test_each_event_is_judged_reached_in_its_own_unit(monkeypatch):
    """:meth:`ConsistentEventIDAKLUSolver._event_short`: each event's value at the consistent end state is made a time
    by the rate it fell at over the last solver interval and compared with rtol times the integration's duration
    (at rtol 1e-4 over 3580 s: 0.358 s). One threshold, 1e-3, was compared with every event in its own unit: a
    current cut-off 5e-4 A from zero (a thin cell's) hid a voltage 0.2346 V short (the check could only miss).
    Events are rows of the state here."""
    from pybamm_aea.models import solvers

    monkeypatch.setattr(solvers, "event_functions",
                        lambda model: [lambda t, y, p, k=k: y[k] for k in range(2)])
    monkeypatch.setattr(solvers, "scaled_state_values", lambda model, y, name: None)  # (no charge state: in time)
    solver = solvers.ConsistentEventIDAKLUSolver(rtol=1e-4)

    def short(before, end):
        found = solver._event_short(None, (0.0, None), (3500.0, np.array(before)), (3580.0, np.array(end)),
                                    np.zeros(0))
        return None if found is None else found.value

    # a voltage 0.2346 V short (287 s at its rate) and a current 5e-4 A from its cut-off (400 s): short, the voltage
    assert short([0.30, 6e-4], [0.2346, 5e-4]) == pytest.approx(0.2346)
    # the voltage 1e-5 V from its cut-off, falling 0.05 V in the 80 s: 0.016 s, reached
    assert short([0.05, 6e-4], [1e-5, 5e-4]) is None
    # an event past zero, or one not finite: reached (nothing solved again)
    assert short([0.30, 1e-3], [0.2346, -1e-6]) is None
    assert short([0.30, np.nan], [0.2346, 5e-4]) is None
    # an event rising (a discharge's maximum-voltage event) is not reached: short if the other is not either
    assert short([0.30, 1.0], [0.2346, 1.1]) == pytest.approx(0.2346)
    # no event falling (all rising or flat): going on reaches none, solving again would not move the end: reached
    assert short([0.20, 1.0], [0.2346, 1.1]) is None
    assert short([0.2346, 1.1], [0.2346, 1.1]) is None


def test_a_cccv_hold_ending_within_its_charge_tolerance_is_not_solved_again():
    """LMS (the set, multi-phase host) charged at 0.2C to 2.8 V and held at 2.8 V until C/50: the Li0 lattice gas at the
    surface (x 3.4e-5) carries the current, which falls from C/5 to C/50 in 3.3 ms. IDA's end was 6.8e-7 s short of
    the C/50 cut-off, judged against rtol times the 3.3 ms (3.3e-7 s): solved again at rtol 1e-5, which ended 10x
    further off (I = 1.0085 C/50 against 1.00085) and was kept, with two StepRefinedWarnings per hold (user trial,
    session 44). In charge the end is 1.0e-15 A.h short (the last interval's mean |I| times the time ahead), against
    rtol times the hold's 1.25e-11 A.h, 1.25e-15: accepted, no warning, I = 1.00085 C/50."""
    import warnings

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    experiment = pybamm.Experiment([("Discharge at 0.2C until 1.8 V", "Charge at 0.2C until 2.8 V",
                                     "Hold at 2.8 V until C/50")])
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        sol = pybamm.Simulation(AEA(), parameter_values=values, experiment=experiment).solve()
    assert not _refined_warnings(said), [str(w.message) for w in _refined_warnings(said)]
    hold = sol.cycles[0].steps[2]
    assert "C-rate cut-off" in hold.termination and hold.t[-1] - hold.t[0] < 0.01
    current = hold["Current [A]"].entries[-1] / (values["Nominal cell capacity [A.h]"] / 50)
    assert current == pytest.approx(-1.0, abs=1e-3)


@pytest.mark.parametrize(("celsius", "cut", "n"), [(70, "C/20", 20), (50, "C/50", 50)])
def test_a_cccv_hold_at_another_temperature_or_cut_off_is_not_solved_again(celsius, cut, n):
    """The hold of the test above at 70 C until C/20 (8.3e-4 of its charge short) and at 50 C until C/50 (1.45e-3):
    solved again at rtol 1e-5, still short (4.6e-4, 1.33e-3), two StepRefinedWarnings per hold (review, session 44).
    What is left of such a hold changes no cathode cell's Li content by more than IDA's tolerance (~1e-11 against 1e-6):
    reached, no warning, the end current within 1.5 % of the cut-off."""
    import warnings

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Ambient temperature [K]"] = 273.15 + celsius
    experiment = pybamm.Experiment([("Discharge at 0.2C until 1.8 V", "Charge at 0.2C until 2.8 V",
                                     f"Hold at 2.8 V until {cut}")])
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        sol = pybamm.Simulation(AEA(), parameter_values=values, experiment=experiment).solve()
    assert not _refined_warnings(said), [str(w.message) for w in _refined_warnings(said)]
    hold = sol.cycles[0].steps[2]
    assert "C-rate cut-off" in hold.termination
    current = hold["Current [A]"].entries[-1] / (values["Nominal cell capacity [A.h]"] / n)
    assert current == pytest.approx(-1.0, abs=0.015)


def test_a_cccv_hold_at_25_c_is_solved_again_on_its_cut_off_and_the_warning_says_what_it_changed():
    """The hold of the tests above at 25 C until C/50 on the default 20 cells: IDA's end is short of the cut-off at its
    consistent state (the current 1.0747 C/50), 0.89 % of the hold's 4.2e-10 A.h against rtol 1e-4, and what is left
    changes the separator-side cell's Li content state by 7.5e-6 against IDA's 1.05e-6: the re-solve at rtol 1e-5 is
    needed (it ends at 1.0075 C/50, the hold's charge -0.59 %; a solve at rtol 1e-5 ends there with no re-solve).
    The warning named the "Minimum voltage [V]" event, "still 1 from zero" (2.8 V held against 1.8 V), 6.99 of the
    hold's charge short: its fall was read from PyBaMM's output point before the end, IDA's interpolant at 2.80106 V,
    to the consistent end's 2.8 V (session 45). Now the point before the end is made a state of the model too: the
    warning names the C-rate cut-off, 0.0015 from zero, and says what solving again changed and what to do."""
    import warnings

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Ambient temperature [K]"] = 273.15 + 25
    experiment = pybamm.Experiment([("Discharge at 0.2C until 1.8 V", "Charge at 0.2C until 2.8 V",
                                     "Hold at 2.8 V until C/50")])
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        sol = pybamm.Simulation(AEA(), parameter_values=values, experiment=experiment).solve()
    (refined,) = [str(w.message) for w in _refined_warnings(said)]
    assert re.search(r"the nearest in time, 'C-rate cut-off \[experiment\]', still 0\.001[45]", refined), refined
    assert "Minimum voltage" not in refined and "still 1 from zero" not in refined, refined
    # (the two integrations' charges differ by 2.4e-12 A.h, within the throughput state's atol, 1.5e-10 A.h: said so
    # beside the change, not as a correction alone (review))
    # (4.167e-10 / 4.192e-10 in sessions 46-47, when the host's transport read LMS's stretch, 1 throughout: the Newton
    # matrix's stretch columns moved the solver's path; since session 48 the transport reads the constant 1 on LMS
    # and the figures are those before session 46 again)
    assert ("which reaches it (its charge 4.171e-10 A.h against the first integration's 4.195e-10, -0.59 %, within "
            "the solver's atol on the throughput state, 1.5e-10 A.h)") in refined, refined
    assert refined.endswith("(model.default_solver_with(rtol=1e-05, atol=1e-06)) ended such steps on their events "
                            "without the re-solve where measured (docs/known_limits.rst)"), refined
    hold = sol.cycles[0].steps[2]
    assert "C-rate cut-off" in hold.termination
    current = hold["Current [A]"].entries[-1] / (values["Nominal cell capacity [A.h]"] / 50)
    assert current == pytest.approx(-1.0, abs=0.01)


def test_an_end_short_by_less_than_the_charge_tolerance_is_reached(monkeypatch):
    """:meth:`ConsistentEventIDAKLUSolver._event_short` makes the time ahead a charge (the mean |I| of the last interval,
    from the throughput state) and judges it against rtol times the charge the integration passed: a current falling
    fast (a CCCV hold) is judged by the charge still to pass, not by the time. Events and the throughput [A.h] are rows
    of the state here."""
    from pybamm_aea.models import solvers

    monkeypatch.setattr(solvers, "event_functions", lambda model: [lambda t, y, p: y[0]])
    monkeypatch.setattr(solvers, "scaled_state_values", lambda model, y, name: np.array([y[1]]))
    solver = solvers.ConsistentEventIDAKLUSolver(rtol=1e-4, atol=1e-6)

    def short(before, end):
        return solver._event_short(None, (0.0, np.array([1.0, 0.0])), (0.9, np.array(before)), (1.0, np.array(end)),
                                   np.zeros(0))

    # a hold: 1e-9 A.h passed, 1e-9 of it in the first 0.9 s, the last 0.1 s at 1e-12 A.h/s (current fallen 100-fold
    # from its mean), the event 2e-4 s ahead (twice rtol times the duration): 2e-7 of the charge short, reached
    assert short([1e-3, 1e-9 - 1e-13], [2e-6, 1e-9]) is None
    # the same end with the current at its mean (1e-9 A.h/s): 2e-4 of the charge short, against rtol 1e-4: short
    found = short([1e-3, 0.9e-9], [2e-6, 1e-9])
    assert found is not None and found.basis == "charge"
    assert found.short == pytest.approx(2e-4, rel=1e-2) and found.tolerance == 1e-4


def test_a_solve_again_ending_further_off_is_not_kept(monkeypatch):
    """An integration short of its event solved again at rtol/10 that ends further off (the CCCV hold above, before
    its judgement in charge: 1.0085 C/50 refined against 1.00085) keeps the first integration, with one warning saying
    so; it was the refined one that was kept, after two warnings."""
    import types

    from pybamm_aea.models import solvers

    solver = solvers.SharedEventsIDAKLUSolver(rtol=1e-4, atol=1e-6)
    first, again = (types.SimpleNamespace(termination="event", variables_returned=True) for _ in range(2))

    def integrate(self, *args, **kwargs):
        near = self.rtol > 5e-5
        self._ends_short = [solvers.EventShort(1.7e-5 if near else 1.7e-4, 1e-3 if near else 1e-2, 1e-4, "charge")]
        return [first if near else again]

    monkeypatch.setattr(pybamm.IDAKLUSolver, "_integrate", integrate)
    monkeypatch.setattr(solvers, "integrate_again",
                        lambda refined, model, t_eval, inputs_list, index, t_interp: refined._integrate(
                            model, t_eval, [inputs_list[index]], t_interp)[0])
    monkeypatch.setattr(solvers, "users_stacklevel", lambda: 1)
    with pytest.warns(solvers.StepRefinedWarning) as said:
        assert solver._integrate(None, np.array([0.0, 1.0])) == [first]
    messages = [str(w.message) for w in said]
    assert len(messages) == 1 and "ended further from its event (0.01 of its charge short)" in messages[0], messages
    assert messages[0].endswith("the first integration is kept")


def test_a_host_moving_less_than_ida_resolves_of_its_li_content_is_settled(monkeypatch):
    """:meth:`ConsistentEventIDAKLUSolver._host_settled` compares what is left of the host's Li content, per cell, with
    IDA's tolerance on that state, rtol |x| + atol (its error weight's inverse), not with atol alone. The case (user
    trial, session 45): LMS at 70 C with "ionic-switch host loss": "persistent Li0", 0.5C CCCV to 2.8 V until C/20, the
    hold of cycle 24 (20 ms): its last 3.1 ms moved cell 14's Li content state by 5.49e-5 at x = 0.160, and the event
    was 0.0183 of that interval ahead, 1.008e-6: past atol 1e-6 by 0.8 %, against 1.7e-5 resolved. Judged by atol the
    hold was solved again at rtol 1e-5 (11 StepRefinedWarnings in 50 cycles, two holds still short after it). The 25 C
    hold of the test above, 7.47e-6 left in its separator-side cell at the scaled state -5.2e-4 (1.05e-6 resolved), is
    still not settled."""
    from pybamm_aea.models import solvers

    monkeypatch.setattr(solvers, "scaled_state_values", lambda model, y, name: np.asarray(y, dtype=float))
    solver = solvers.ConsistentEventIDAKLUSolver(rtol=1e-4, atol=1e-6)
    cells = np.full(20, 0.5)
    before, end = cells.copy(), cells.copy()
    before[14], end[14] = 0.160 - 5.494e-5, 0.160
    assert solver._host_settled(None, before, end, 0.01834)
    # 7.47e-6 ahead at -5.2e-4, against 1.05e-6 resolved: not settled
    before[19], end[19] = -5.2e-4 - 7.47e-6 / 0.01834, -5.2e-4
    before[14] = end[14]
    assert not solver._host_settled(None, before, end, 0.01834)


def test_cccv_holds_with_persistent_li0_host_loss_are_not_solved_again():
    """The user's trial of the set's cycle-life option (see the test above), cut to the first hold it refined: 24 cycles
    of 0.5C to 1.8 V, 30 min rest, 0.5C to 2.8 V, hold until C/20, 30 min rest at 70 C gave 2 StepRefinedWarnings
    (the hold 1.03e-3 of its 1.9e-10 A.h short, the refined hold's charge 0.5-1.3 % off the first); none now, each
    hold ending at 1.0088 to 1.0092 C/20 (the first cycle's 1.0088; the 50 cycles remeasured in session 46). 2.7 s
    alone."""
    import warnings

    cycle = ("Discharge at 0.5C until 1.8 V", "Rest for 30 minutes", "Charge at 0.5C until 2.8 V",
             "Hold at 2.8 V until C/20", "Rest for 30 minutes")
    sim = pybamm.Simulation(AEA({"ionic-switch host loss": "persistent Li0"}),
                            parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment([cycle] * 24))
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        sol = sim.solve(save_at_cycles=[1, 24])
    assert len(sol.cycles) == 24
    assert not _refined_warnings(said), [str(w.message) for w in _refined_warnings(said)]
    hold = sol.cycles[-1].steps[3]
    assert "C-rate cut-off" in hold.termination
    capacity = pybamm.ParameterValues("Li2021_Mo6S8")["Nominal cell capacity [A.h]"]
    assert hold["Current [A]"].entries[-1] / (capacity / 20) == pytest.approx(-1.0, abs=0.015)


@pytest.mark.slow
def test_a_cccv_holds_end_current_is_the_interpolants_error_in_the_algebraic_current():
    """The 70 C hold until C/20 after a 0.5C charge ends at 1.0093 C/20 (docs/known_limits.rst, "Events on the solver's
    interpolant"): IDA locates PyBaMM's event, abs(C-rate) - 1/20, on its interpolant, whose current (an algebraic
    state out of the multi-phase host's error test) is off; the consistent end shows it. With the algebraic states in
    the error test the hold ends on C/20 (session 46)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Ambient temperature [K]"] = 343.15
    experiment = pybamm.Experiment([("Discharge at 0.5C until 1.8 V", "Rest for 30 minutes", "Charge at 0.5C until 2.8 V",
                                     "Hold at 2.8 V until C/20")])
    ends = []
    for suppress in (True, False):
        model = AEA()
        sol = pybamm.Simulation(model, parameter_values=values, experiment=experiment,
                                solver=model.default_solver_with(suppress_algebraic_error=suppress)).solve()
        hold = sol.cycles[0].steps[3]
        assert "C-rate cut-off" in hold.termination
        ends.append(-hold["Current [A]"].entries[-1] / (values["Nominal cell capacity [A.h]"] / 20))
    assert 1.005 < ends[0] < 1.015, ends
    assert ends[1] == pytest.approx(1.0, abs=1e-4), ends


def _thick_lto_lms_discharge(solver_of=None, output_variables=None):
    """LTO-LMS at 3 mg/cm2 (twice the set's loading, its nominal capacity scaled with it), one 0.5C discharge to 1 V:
    the electrode specific capacity [mA.h/g] and the warnings' messages; ``solver_of(model)`` its solver (None: the
    default; with ``output_variables`` a plain solve, as the sweep's batched rows, else an experiment)."""
    import warnings

    values = pybamm.ParameterValues("Li2021_LTO_Mo6S8")
    nominal = values["Nominal cell capacity [A.h]"]
    values.update({"Cathode loading [kg.m-2]": 0.03, "Nominal cell capacity [A.h]": 2 * nominal})
    model = AEA()
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        if output_variables is None:
            sim = pybamm.Simulation(model, parameter_values=values, solver=solver_of(model) if solver_of else None,
                                    experiment=pybamm.Experiment(["Discharge at 0.5C until 1 V"]))
            capacity = sim.solve()["Electrode specific capacity [mA.h.g-1]"].entries[-1]
        else:
            values.update({"Current function [A]": nominal, "Lower voltage cut-off [V]": 1.0})
            sim = pybamm.Simulation(model, parameter_values=values,
                                    solver=model.default_solver_with(output_variables=output_variables))
            capacity = sim.solve([0, 3 * 3600])["Electrode specific capacity [mA.h.g-1]"].entries[-1]
    return float(capacity), [str(w.message) for w in said]


@pytest.mark.slow
def test_a_thick_lto_lms_discharge_past_the_lto_full_end_gives_the_tight_capacity_at_any_rtol():
    """LTO-LMS at 3 mg/cm2, 0.5C to 1 V (session 50's user trial): 136.663 mA.h/g at rtol 1e-7 (and 1e-6). IDA's error
    test allowed the dispersed LTO's lithiation an error of ~rtol near full, where a domain's equilibrium with the host
    lies 1e-9 .. 1e-6 below 1: steps past 1 dropped its OCP below the host's and full domains gave Li back into the
    host at its Li4 end. Unwarned, the default gave 136.000 (-0.48 %), rtol 3e-5 131.147 (-4.04 %: the voltage fell
    1.0487 -> 1.000 V in 0.1 s at 6410.5 s, the tight curve at 1.057 V), rtol 1e-5 136.609 and the sweep's batched
    solve (output variables) 137.068 (+0.30 %). Such an integration is now solved again at rtol 1e-6, with a
    StepRefinedWarning: all within 0.01 % (2026-12-06). Catches: the past-full check dropped, or not run on a solve
    with output variables, or its charge said without its mA.h/g (the merge of session 50 printed "mA.h136.66")."""
    reference, _ = _thick_lto_lms_discharge(lambda model: model.default_solver_with(**TIGHT))
    for solver_of in (None, lambda model: model.default_solver_with(rtol=3e-5)):
        capacity, said = _thick_lto_lms_discharge(solver_of)
        assert capacity == pytest.approx(reference, rel=1e-3), said
        assert any("past its full end" in message for message in said), said
        # (its charge in the switch re-solve's words: "its charge 0.4 mA.h (136.66 mA.h/g) against ... (136.00), +0.49 %")
        assert any(re.search(r"its charge [\d.e+-]+ mA\.h \([\d.]+ mA\.h/g\) against the first integration's "
                             r"[\d.e+-]+ \([\d.]+\), [+-][\d.e+-]+ %", message) for message in said), said
    batch_variables = ["Voltage [V]", "Electrode specific capacity [mA.h.g-1]"]
    capacity, said = _thick_lto_lms_discharge(output_variables=batch_variables)
    assert capacity == pytest.approx(reference, rel=1e-3), said


#: the trial's cell (session 60, user trial UT): LMS formed to Li1, 5 mg/cm2, at the porosity and nominal capacity
#: ``pybamm_aea.sweep`` derives for a 500 MPa stack (Heckel's law extrapolated), as the sweep passes them
CAUGHT_UP_CELL = {"Cathode loading [kg.m-2]": 0.05, "Stack pressure [MPa]": 500.0, "Initial cathode Li content": 1.0,
                  "Cathode porosity": 0.06896739498425436, "Nominal cell capacity [A.h]": 0.0005056397101374858}
#: its capacity [mA.h/g] at 0.1C to 1.8 V, 70 C: the default solver's with these values as numbers (96.0957) and the
#: rtol 1e-5 and 1e-6 solves' with them as inputs (96.09575, 96.09575; measured 2026-12-07)
CAUGHT_UP_CAPACITY = 96.0957


def test_a_discharge_ended_by_its_algebraic_states_catching_up_is_solved_again():
    """The trial's cell with its porosity and nominal capacity given as PyBaMM inputs (the sweep's way) gave 70.89
    mA.h/g where the same numbers as values gave 96.10, without a word: IDA accepted points whose separator-cell host
    potential (an algebraic state, out of its error test) stayed on the Li3/Li4 plateau 0.17 V off its equation past
    the OCP's kink at x = 3.98, and one 0.3 ms step that solved it took the voltage 2.0215 -> 1.7846 V through the 1.8 V
    cut-off at x = 3.20 (``ConsistentEventIDAKLUSolver._event_caught_up``). Now the step is solved again at rtol 1e-5
    with a StepRefinedWarning and gives the numbers' capacity. Fails on the code before session 60 (70.894)."""
    import warnings

    from pybamm_aea.models.solvers import StepRefinedWarning

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({name: "[input]" for name in CAUGHT_UP_CELL})
    sim = pybamm.Simulation(AEA(), parameter_values=values,
                            experiment=pybamm.Experiment(["Discharge at 0.1C until 1.8 V"]))
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always", StepRefinedWarning)
        solution = sim.solve(inputs=CAUGHT_UP_CELL)
    capacity = float(solution["Electrode specific capacity [mA.h.g-1]"].entries[-1])
    refined = [str(w.message) for w in said if issubclass(w.category, StepRefinedWarning)]
    assert capacity == pytest.approx(CAUGHT_UP_CAPACITY, rel=1e-4), (capacity, refined)
    assert len(refined) == 1 and "reached by its algebraic states catching up" in refined[0], refined
    assert "still ended" not in refined[0]


def test_the_sweeps_batched_discharge_reached_by_its_algebraic_states_catching_up_is_solved_again():
    """The trial's row: ``pybamm_aea.sweep`` at 500 MPa (LMS from Li1, 5 mg/cm2, 0.1C) gave 70.89 mA.h/g, rate
    capability 1.0025, where a plain simulation of the cell gives 96.10. Its batched discharge keeps its states (since
    session 61; output variables only before, judged by a voltage fall of > 0.05 V at > 100 times the previous rate),
    so its end is judged by the model's equations as a plain simulation's: IDA's last point before the end, solved
    for its algebraic states, lies nearer the cut-off by more than the last interval's fall
    (``ConsistentEventIDAKLUSolver._event_caught_up``); solved again at rtol 1e-5, the row gives the plain
    simulation's capacity and says so. Fails on the code before session 60 (no warning, 70.89) and on session 60's
    (its warning "a voltage event reached in one interval")."""
    import warnings

    import pybamm_aea

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # (the trial's axis, "Stack pressure [MPa]" alone, set the porosity of pressing at 500 MPa and held the cell at
        # 500 MPa, the cathode taken as pressed at 360: since session 60 that grid is refused, and the same cell is
        # the porosity given with the held pressure)
        table = pybamm_aea.sweep({"Cathode loading [kg.m-2]": [0.05], "Stack pressure [MPa]": [500],
                                  "Cathode porosity": [CAUGHT_UP_CELL["Cathode porosity"]],
                                  "C-rate": [0.1], "Initial cathode Li content": [1.0]},
                                 parameter_set="Li2021_Mo6S8", workers=1, progress=False)
    row = table.iloc[0]
    assert row["Cathode porosity"] == pytest.approx(CAUGHT_UP_CELL["Cathode porosity"], rel=1e-9)
    assert row["Electrode specific capacity [mA.h.g-1]"] == pytest.approx(CAUGHT_UP_CAPACITY, rel=1e-4)
    assert "StepRefinedWarning" in row["warnings"], row["warnings"]
    assert "'Minimum voltage [V]' reached by its algebraic states catching up" in row["warnings"]


def test_the_functions_of_two_events_failing_in_turn_are_made_once_each(monkeypatch):
    """``_event_alone`` (the functions of one event, read where a failure is judged against it) kept one event's
    functions until session 61: two events judged in turn made both anew at each call (1.2-1.7 ms each, the stall of
    a host with no gradient energy). Now kept by (model, event), :attr:`EVENTS_KEPT` of them: events 0, 1, 0, 1 make
    two functions each once (four), where one slot made eight; with room for one event, each call makes them again."""
    from pybamm_aea.models import solvers

    sim = pybamm.Simulation(AEA())
    sim.build()
    solver = AEA().default_solver
    solver.set_up(sim.built_model, inputs={})
    model, made = sim.built_model, []
    expanded = solvers._expanded
    monkeypatch.setattr(solvers, "_expanded", lambda function: made.append(function.name()) or expanded(function))
    first = solver._event_alone(model, 0)
    for event in (1, 0, 1, 0):
        solver._event_alone(model, event)
    assert made == ["event", "event_gradient"] * 2
    assert solver._event_alone(model, 0) == first  # (the same functions)
    y = np.asarray(model.concatenated_initial_conditions.evaluate(), dtype=float).ravel()
    assert float(first[0](0.0, y, np.zeros(0))) == pytest.approx(
        float(solvers.event_functions(model)[0](0.0, y, np.zeros(0))), rel=1e-12)
    monkeypatch.setattr(solver, "EVENTS_KEPT", 1)
    made.clear()
    solver._events_kept.clear()
    for event in (1, 0, 1):
        solver._event_alone(model, event)
    assert made == ["event", "event_gradient"] * 3 and len(solver._events_kept) == 1
