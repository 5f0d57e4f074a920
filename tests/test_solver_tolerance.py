"""The default solver's tolerances hold: no non-physical jump in any voltage trace.

Criterion: within one constant-current step the voltage may move fast (a plateau-to-plateau
transition at 0.1C moves 0.1-0.25 V between two consecutive solver outputs, monotonically), but
never against the current by more than 50 mV: it does not rise during a discharge nor fall during a
charge. The oscillation the issue reports (LTO-LMS third charge, 1.1 <-> 1.78 V with IDAKLU's
default rtol 1e-4) is a 0.6 V reversal; the reason and the tolerances are in
``AEA.SOLVER_TOLERANCES``.
"""
import importlib.util
from pathlib import Path

import numpy as np
import pybamm
import pytest

from pybamm_aea.models.aea import AEA

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
#: the largest move of the voltage against the current within a constant-current step [V]
MAX_REVERSAL_V = 0.05


def constant_current_steps(solution):
    """The constant-current, non-zero-current steps of a solution (all kept cycles)."""
    cycles = [c for c in (solution.cycles or [solution]) if c is not None]
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


def _lto_lms_cycles(solver=None):
    experiment = pybamm.Experiment(["Discharge at 0.1C until 1.0 V", "Charge at 0.1C until 3.0 V"] * 3)
    sim = pybamm.Simulation(
        AEA(), parameter_values=pybamm.ParameterValues("Li2021_LTO_Mo6S8"), experiment=experiment, solver=solver
    )
    return sim.solve()


def test_default_tolerances_are_tight():
    solver = AEA().default_solver
    assert solver.rtol <= 1e-6 and solver.atol <= 1e-8


@pytest.mark.slow
def test_lto_lms_charge_has_no_jump_with_default_tolerances():
    """The issue's case, Fig. 5b,c: the LTO-LMS charge starts on the steep end of the Mo6S8 OCP."""
    sol = _lto_lms_cycles()
    assert largest_reversal(sol) < MAX_REVERSAL_V
    # the profile is still the right one: the LTO plateau (1.55 V vs Li, Ohzuku 1995) carries the
    # first part of each charge (10-40 % of the charge passed; the dispersed LTO is 40 wt% of the solid)
    third_charge = sol.cycles[5]
    V = third_charge["Voltage [V]"].entries
    Q = np.abs(third_charge["Discharge capacity [A.h]"].entries - third_charge["Discharge capacity [A.h]"].entries[0])
    on_plateau = (Q > 0.1 * Q[-1]) & (Q < 0.4 * Q[-1])
    assert np.median(V[on_plateau]) == pytest.approx(1.6, abs=0.1)


def _figure_scripts():
    import re

    return [
        p for p in sorted(EXAMPLES.glob("*.py"))
        if not p.name.startswith("_") and p.name != "reproduce.py"
        and re.search(r"^def main\(", p.read_text(), re.MULTILINE)
    ]


@pytest.mark.slow
@pytest.mark.parametrize("script", _figure_scripts(), ids=lambda p: p.name)
def test_figure_script_voltages_have_no_jump(script, tmp_path, monkeypatch):
    """Every AEA solution a figure script makes (recorded from ``pybamm.Simulation.solve``)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    recorded = []
    solve = pybamm.Simulation.solve

    def recording_solve(self, *args, **kwargs):
        solution = solve(self, *args, **kwargs)
        if isinstance(self._unprocessed_model, AEA):
            recorded.append(solution)
        return solution

    monkeypatch.setattr(pybamm.Simulation, "solve", recording_solve)
    spec = importlib.util.spec_from_file_location(f"_figure_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    try:
        module.main(tmp_path)
    finally:
        plt.close("all")
    for k, solution in enumerate(recorded):
        assert largest_reversal(solution) < MAX_REVERSAL_V, f"solution {k} of {script.name}"


def _lms_cycles(solver=None, cycle=("Discharge at 1C until 1.8 V", "Charge at 1C until 2.8 V"), n=1):
    sim = pybamm.Simulation(AEA(), experiment=pybamm.Experiment([tuple(cycle)] * n), solver=solver)
    return sim.solve()


def test_sx_functions_give_the_mx_solution():
    """The lever-rule host's default solver expands the model's CasADi functions to SX: same
    solution as PyBaMM's MX functions to round-off (a wrong output order, a dropped event or a
    broken Jacobian would show here), and the functions IDAKLU gets are SX."""
    from pybamm_aea.models.aea import ScalarFunctionsIDAKLUSolver
    from pybamm_aea.models.checks import CheckedIDAKLUSolver

    solver = AEA().default_solver
    assert isinstance(solver, ScalarFunctionsIDAKLUSolver)
    sx = _lms_cycles(solver)
    mx = _lms_cycles(CheckedIDAKLUSolver(**AEA.SOLVER_TOLERANCES))
    for a, b in zip(sx.cycles[0].steps, mx.cycles[0].steps):
        # same termination (the voltage events work) at the same capacity and voltage
        assert a.termination == b.termination
        q_a, q_b = (abs(s["Discharge capacity [A.h]"].entries[-1] - s["Discharge capacity [A.h]"].entries[0]) for s in (a, b))
        assert q_a == pytest.approx(q_b, rel=1e-6)
        assert a["Voltage [V]"].entries[-1] == pytest.approx(b["Voltage [V]"].entries[-1], abs=1e-6)
    sim = pybamm.Simulation(AEA())
    sim.build()
    AEA().default_solver.set_up(sim.built_model, inputs={})
    for function in (sim.built_model.rhs_algebraic_eval, sim.built_model.jac_rhs_algebraic_eval,
                     *sim.built_model.terminate_events_eval):
        assert function.class_name() == "SXFunction"
    assert AEA({"host thermodynamics": "multi-phase"}).default_solver.__class__ is CheckedIDAKLUSolver


@pytest.mark.slow
def test_film_state_tolerance_keeps_the_cycle_at_solver_accuracy():
    """The Li0 film state is resolved to atol x Li0SurfaceFilm.SCALE (1e-13 m). Against a
    reference resolving everything 10x tighter (rtol 1e-7, atol 1e-9) and the film to 1e-18 m, the
    second LMS C/10 cycle's capacities stay within 1e-5 and its end-of-step voltages within 0.1 mV
    (measured: 1.1e-6 and 15 uV; the former film scale 1e-9 m: 0.4e-6 and 49 uV; a scale of 1e-3 m
    moves the charge 2.4e-5)."""
    from pybamm_aea.models.aea import ScalarFunctionsIDAKLUSolver
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
    for a, b in zip(default.cycles[1].steps, reference.cycles[1].steps):
        q_a, q_b = (abs(s["Discharge capacity [A.h]"].entries[-1] - s["Discharge capacity [A.h]"].entries[0])
                    for s in (a, b))
        assert q_a == pytest.approx(q_b, rel=1e-5, abs=1e-12)
        assert a["Voltage [V]"].entries[-1] == pytest.approx(b["Voltage [V]"].entries[-1], abs=1e-4)
    # the film formed at the end of charge is the same film
    film = [c.steps[2]["Li0 film thickness [m]"].entries[-1] for c in (default.cycles[1], reference.cycles[1])]
    assert film[0] == pytest.approx(film[1], rel=1e-4)
