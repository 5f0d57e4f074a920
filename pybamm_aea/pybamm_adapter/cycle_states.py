"""PyBaMM's per-cycle first and last states without the step they were cut from: a small patch of PyBaMM.

Why: PyBaMM 26's ``Solution.first_state`` and ``last_state`` are one-point solutions that keep the
whole step they were cut from, twice: as their ``sub_solutions`` (``Solution._build_first_state``:
``new_sol._sub_solutions = self.sub_solutions[:1]``; ``_build_last_state``: ``[-1:]``), and through
their arrays, which are numpy views (``all_ys[0][:, :1]``, ``all_yps``, ``y_event``) of the step's
whole output buffer (IDAKLU's, freed only when no view of it is left). A ``pybamm.Simulation`` with
an experiment keeps every cycle's two states (``pybamm.make_cycle_solution``: the cycle's
``SummaryVariables`` and ``solution.all_first_states``), so ``solve(save_at_cycles=...)`` keeps, for
each cycle it drops, its first and last steps' states and derivatives at every solver point: 16 bytes
x states x points. PyBaMM's SPM takes few (42 states; 54 + 60 points at 1C): 0.08 MB per cycle. The
AEA model's multi-phase host takes ~600 per C/10 step (85 states): 1.6 MB per cycle, ~700 MB of
memory after 275 LMS cycles whatever ``save_at_cycles`` said.

What: :func:`install` wraps ``pybamm.make_cycle_solution`` (which ``pybamm.Simulation`` calls once
per cycle). For a cycle whose solution is not saved, on a model whose class sets :data:`MODEL_FLAG`
true (the AEA model), :func:`detach` gives its two states their own copy of their one point and
drops their link to the step (``state.sub_solutions`` is then ``[state]``, as for any one-point
solution). Their values, and so PyBaMM's summary variables, ``pybamm_aea.cycling.cycle_summary`` and
a restart from the solution, are unchanged. Saved cycles, states with sensitivities and other models
are left as PyBaMM makes them (a saved cycle keeps its steps anyway).

The patch sets private ``pybamm.Solution`` slots (:data:`SOLUTION_PRIVATE_NAMES`) and relies on
``make_cycle_solution``'s parameters (:data:`SIGNATURE`); :func:`check` verifies them before anything
is wrapped and raises an ImportError naming the PyBaMM version and what is missing.

What upstream would replace this module: ``first_state`` / ``last_state`` built from copies of their
point, with no ``sub_solutions`` (or ``make_cycle_solution`` detaching them when ``save_this_cycle``
is False).
"""
import functools
import inspect
import re

import numpy as np
import pybamm

from .initial_states import patch_mismatch, source_of, wrap_once

#: the model-class attribute that asks for light states of unsaved cycles
MODEL_FLAG = "light_unsaved_cycle_states"
#: private ``pybamm.Solution`` slots :func:`detach` sets: the lists of arrays and the event arrays (new ones,
#: holding copies), the concatenation caches (reset: rebuilt from the copies) and the sub-solutions
#: (empty: "the solution itself")
SERIES_NAMES = ("_all_ts", "_all_ys", "_all_yps", "_all_t_evals", "_all_ys_and_sens")
EVENT_NAMES = ("_t_event", "_y_event")
CACHE_NAMES = ("_t", "_y", "_yp")
SOLUTION_PRIVATE_NAMES = (*SERIES_NAMES, *EVENT_NAMES, *CACHE_NAMES, "_sub_solutions")
#: the parameters ``pybamm.make_cycle_solution`` must take (the wrapper passes them on)
SIGNATURE = ("step_solutions", "esoh_solver", "save_this_cycle", "inputs")


def check(solution_class=None, function=None):
    """ImportError naming the PyBaMM version unless the names and the signature this patch relies on are there."""
    solution_class = solution_class or pybamm.Solution
    function = function or pybamm.make_cycle_solution
    function = getattr(function, "__wrapped__", function)
    slots = {name for cls in solution_class.__mro__ for name in getattr(cls, "__slots__", ())}
    source = source_of(solution_class)
    missing = [f"Solution.{name}" for name in SOLUTION_PRIVATE_NAMES
               if name not in slots and not re.search(rf"self\.{name}\b", source)]
    taken = inspect.signature(function).parameters
    missing += [f"make_cycle_solution({name}=...)" for name in SIGNATURE if name not in taken]
    if missing:
        raise patch_mismatch("cycle-state", __name__, missing)


def detach(state):
    """Give a one-point ``state`` (a cycle's first or last state) its own copy of its arrays and drop its
    link to the step it was cut from, so that the step's memory can go; its values are unchanged.
    A state with sensitivities, or of more than one point, is left as it is. Returns ``state``."""
    if state is None or state.has_sensitivities() or len(state.all_ts) != 1 or len(state.all_ts[0]) != 1:
        return state
    copies = {}  # one copy per array: several slots may hold the same one

    def own(a):
        if not isinstance(a, np.ndarray):
            return a
        if id(a) not in copies:
            copies[id(a)] = np.array(a)
        return copies[id(a)]

    for name in SERIES_NAMES:
        series = getattr(state, name)
        if series is not None:
            setattr(state, name, [own(a) for a in series])
    for name in EVENT_NAMES:
        setattr(state, name, own(getattr(state, name)))
    for name in CACHE_NAMES:
        setattr(state, name, None)
    state._sub_solutions = []
    return state


def _light_states(pybamm_function):
    """``pybamm_function`` (PyBaMM's ``make_cycle_solution``), then :func:`detach` on the states of an unsaved
    cycle of a model that sets :data:`MODEL_FLAG`."""
    @functools.wraps(pybamm_function)
    def make_cycle_solution(step_solutions, *args, **kwargs):
        cycle_solution, summary, first_state = pybamm_function(step_solutions, *args, **kwargs)
        if cycle_solution is None:  # not saved: only its summary and first state stay
            states = (summary.first_state, summary.last_state, first_state)
            if any(getattr(type(model), MODEL_FLAG, False) for s in states if s is not None for model in s.all_models):
                for state in states:
                    detach(state)
        return cycle_solution, summary, first_state

    return make_cycle_solution


def install():
    """Check the PyBaMM names (:func:`check`), then wrap ``pybamm.make_cycle_solution`` (idempotent)."""
    wrap_once(pybamm, "make_cycle_solution", "_pybamm_aea_light_states", _light_states, check)
