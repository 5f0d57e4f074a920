"""Checks of the state an experiment or a solve starts from, at ``Simulation.solve`` before any step
(:mod:`pybamm_aea.pybamm_adapter.experiment_errors` calls them). One concept: what a solve carries over or is told to
start at, against the simulation's model and values (the steps themselves are :mod:`.step_checks`').
:func:`check_starting_state` (an ``initial_soc`` PyBaMM would ignore), :func:`carried_stretch_values` (the values a
carried stretch off 1 runs on: the host's transport reading it), :func:`check_carried_states` (a starting solution
whose model carries other states, by name; :func:`starting_state_mismatch`, :func:`carried_state_misfit`),
:func:`check_carried_lithium` (one whose last state the simulation's values give another lithium inventory). A
solve's ``save_at_cycles`` is checked there too, by :func:`pybamm_aea.user_input.check_save_at_cycles` (the command
line imports it without PyBaMM).
"""
from __future__ import annotations

import numbers
import warnings

import numpy as np

import pybamm

from ..pybamm_adapter.model_internals import parameter_values_of, state_names, state_size, state_slices

__all__ = ["check_starting_state", "carried_stretch_values", "check_carried_states", "starting_state_mismatch",
           "carried_state_misfit", "check_carried_lithium", "CARRIED_LITHIUM"]


def check_starting_state(starting_solution, initial_soc):
    """Raise ``ValueError`` for ``Simulation.solve(starting_solution=..., initial_soc=...)``: the experiment
    continues from the solution's last state, and PyBaMM ignores the initial SOC or voltage then, without a word
    (LMS: a 1C charge after a 1C discharge ran from 1.882 V for 2798.2 s to 2.8 V with ``initial_soc`` None, 0.5
    and 1.0 alike; measured session 37). Either alone is left to PyBaMM."""
    if starting_solution is None or initial_soc is None:
        return
    raise ValueError(f"initial_soc={initial_soc!r} with a starting_solution: the experiment continues from the "
                     "solution's last state, which PyBaMM takes in place of any initial state (the initial_soc would "
                     "be ignored); give starting_solution to continue a run, or initial_soc to start a new one")


def carried_stretch_values(starting_solution, model, parameter_values, inputs=None):
    """The parameter values a simulation continuing ``starting_solution`` must run on, or None for its own: a copy of
    ``parameter_values`` with :attr:`~.volume.ConstrainedSwelling.STARTS_OFF_ONE` ("Initial cathode stretch off 1")
    1 when the solution's last "Cathode local stretch" (without a ``starting_solution``: the ``model``'s initial
    condition of it set by hand, :func:`_hand_set_stretch`: ``model.set_initial_conditions_from(solution)``'s, a
    broadcast number, a parameter, or an expression with no numbers before the solve, one varying with position) is
    off 1 (by more than :attr:`~.volume.ConstrainedSwelling.CARRIED_WITHIN`) and, on ``parameter_values`` (with the
    solve's ``inputs``), the host's transport would read the constant 1
    (:meth:`~.volume.ConstrainedSwelling.transport_reads_stretch` 0: a stretch that cannot leave 1 from a fresh
    start). With the copy it reads the carried stretch. LMS rested 60 s at
    720 MPa (stretch 0.916), then "Discharge at 1C until 1.8 V" on LMS at 360 MPa from it (multi-phase host): the
    transport reading 1 ran 2.2402 V at 600 s against 2.2519 V reading the stretch (11.7 mV low, 73 mV at 30 s),
    without a word (session 48, which refused it; re-decided since session 49). A carried stretch of 1 (one parameter
    set's steps, bench_model's LMS cycling), values whose transport reads the stretch already, a model without the
    swelling submodel: None. A decision that needs an input the solve was not given (PyBaMM's error names it): the
    copy (reading the stretch is right at any value). ``parameter_values`` itself is never changed. ``model`` is the
    model the simulation puts the values into (``Simulation.solve`` gives its unprocessed model: once built, its
    ``model`` is the processed one, whose initial stretch, the submodel's own put through PyBaMM's processing, varies
    with position after an ``initial_soc`` and is no user's). A hand-set stretch on other domains than the stretch's
    own: ValueError naming it (:func:`_hand_set_stretch`)."""
    from .submodels.volume import ConstrainedSwelling

    swelling = next((s for s in (getattr(model, "submodels", None) or {}).values()
                     if isinstance(s, ConstrainedSwelling)), None)
    if swelling is None or getattr(model, "is_discretised", False):
        return None
    if starting_solution is None:  # initial conditions set by hand (a fresh start's, the submodel's own, is
        # transport_reads_stretch's); its ValueError, an expression on other domains, is raised
        lam = _hand_set_stretch(model, swelling, parameter_values, inputs)
        if lam is None:
            return None
    else:
        try:
            lam = np.asarray(starting_solution.last_state["Cathode local stretch"].entries, dtype=float)
        except (KeyError, AttributeError, IndexError, TypeError, ValueError, pybamm.ModelError):
            return None
    off = float(np.max(np.abs(lam - 1))) if lam.size else 0.0
    if not off > ConstrainedSwelling.CARRIED_WITHIN:
        return None
    decision = parameter_values.process_symbol(swelling.transport_reads_stretch())
    try:
        reads = float(decision.evaluate(inputs=inputs if isinstance(inputs, dict) else {}))
    except (KeyError, TypeError, ValueError):  # an input the solve was not given
        reads = 0.0
    if reads != 0.0:
        return None
    values = parameter_values.copy()
    values.update({ConstrainedSwelling.STARTS_OFF_ONE: 1.0}, check_already_exists=False)
    return values


#: what :func:`_hand_set_stretch` returns for a hand-set stretch that does not come to numbers before the solve: one
#: reading an input the solve gives no single value of (one input of a list of inputs, or none), or one of a place's
#: or a state's (``0.95 + 1e-6 * x``, x a ``pybamm.SpatialVariable``, since session 50): off 1 as far as the decision
#: goes (the full expressions are right at any value)
_NO_NUMBERS = np.array([np.inf])


def _hand_set_stretch(model, swelling, parameter_values, inputs):
    """The numbers of ``model``'s initial "Cathode local stretch" set by hand, or None: the submodel's own (a fresh
    start's, ``swelling``'s, :meth:`~.volume.ConstrainedSwelling.transport_reads_stretch` decides on it, the cheap
    path; ``model`` unprocessed, so the own one is the submodel's expression itself). Any expression of numbers is
    read once PyBaMM puts the values in, a broadcast's child: ``pybamm.Scalar(0.95)``,
    ``model.set_initial_conditions_from(solution)``'s Array, ``pybamm.PrimaryBroadcast(0.95, "positive electrode")``
    or a ``pybamm.Parameter`` (those two were left at the constant 1 until session 49: 5.8 mV low at 30 s of a 1C
    discharge, without a word); with the solve's ``inputs`` where it reads an input. :data:`_NO_NUMBERS` (the full
    expressions, right at any value) where it reads an input the solve does not give it one value of, or a place or a
    state: ``0.95 + 1e-6 * x``, x a ``pybamm.SpatialVariable``, was read as not hand-set and left at the constant 1
    until session 50, 2.1720 V at 30 s of a 1C discharge on LMS at 360 MPa against 2.1778 V, 5.8 mV low, without a
    word. ValueError for one on other auxiliary domains than the stretch's (``pybamm.FullBroadcast(0.95, "positive
    electrode", {"secondary": "current collector"})``: the model has no "current collector", and PyBaMM's mesh
    looked the domain up without end, a RecursionError; PyBaMM's own DomainError names a primary domain that
    differs)."""
    variable, lam = next(((variable, value) for variable, value in model.initial_conditions.items()
                          if getattr(variable, "name", None) == "Cathode local stretch"), (None, None))
    own = (getattr(swelling, "initial_conditions", None) or {}).get(variable)
    if lam is None or lam is own:
        return None
    theirs, ours = ({level: domain for level, domain in getattr(symbol, "domains", {}).items()
                     if level != "primary" and domain} for symbol in (lam, variable))
    if theirs != ours:  # (PyBaMM checks the primary domain only)
        instead = (f"on {variable.domain} with the auxiliary domains {ours}" if ours else f"on {variable.domain} "
                   f"alone: a number, or e.g. pybamm.PrimaryBroadcast(0.95, {variable.domain[0]!r})")
        raise ValueError(f"the initial \"Cathode local stretch\" set by hand, {lam!r}, has the auxiliary domains "
                         f"{theirs}, the model's stretch {ours or 'none'}: give it {instead}")
    if isinstance(lam, (pybamm.Array, pybamm.Scalar)):
        return np.asarray(lam.evaluate(), dtype=float)
    try:
        processed = parameter_values.process_symbol(lam)
    except (KeyError, AttributeError, IndexError, TypeError, ValueError, pybamm.ModelError):
        return None  # (PyBaMM's build names what it lacks)
    while isinstance(processed, pybamm.Broadcast):
        processed = processed.orphans[0]
    if processed.has_symbol_of_classes((pybamm.Variable, pybamm.StateVector, pybamm.SpatialVariable,
                                        pybamm.VariableDot, pybamm.StateVectorDot, pybamm.Time)):
        return _NO_NUMBERS  # (a place's, a state's: no numbers before the solve; session 50)
    if processed.has_symbol_of_classes(pybamm.InputParameter) and not isinstance(inputs, dict):
        return _NO_NUMBERS
    try:
        return np.asarray(processed.evaluate(inputs=inputs if isinstance(inputs, dict) else {}), dtype=float)
    except (KeyError, NotImplementedError, TypeError, ValueError):  # (an input not given; no numbers here)
        return _NO_NUMBERS


def carried_state_misfit(starting_solution, model=None, step_models=()):
    """Why ``starting_solution`` does not carry the states of the simulation that continues it, or None (it does, or
    none given): the one decision on a continuation's state layout (session 50), at the solve before any step
    (:func:`check_carried_states`, ``model``) and after PyBaMM's solve failed (:func:`starting_state_mismatch`,
    ``step_models``). A solution with no state to carry (PyBaMM's ``EmptySolution``, the
    :class:`~pybamm_aea.pybamm_adapter.experiment_errors.NotStartedSolution` of an experiment that ran no step:
    PyBaMM's bare "AttributeError: 'NotStartedSolution' object has no attribute 'all_models'", session 50); with
    ``model`` (the unbuilt model), a state carried or needed by name (:func:`_misnamed_states`); with ``step_models``
    (PyBaMM's built models of its steps, known only once its solve built them), a state of another number of values
    (:func:`_resized_states`)."""
    if starting_solution is None:
        return None
    if isinstance(starting_solution, pybamm.EmptySolution):
        why = getattr(starting_solution, "why", None)
        # (a user's own pybamm.EmptySolution() was "a EmptySolution, a solve none of whose experiment's steps ran")
        what = (f"a {type(starting_solution).__name__}, a solve none of whose experiment's steps ran ({why}): it "
                "holds no state to continue from" if why
                else f"an empty solution (pybamm.{type(starting_solution).__name__}): no state to continue")
        return (f"the starting_solution is {what}. Solve this experiment "
                "from the set's state (no starting_solution) or with an initial_soc, or continue the solution of a "
                "run that ran a step")
    return ((None if model is None else _misnamed_states(starting_solution, model))
            or (_resized_states(starting_solution, step_models) if step_models else None))


def check_carried_states(starting_solution, model):
    """Raise ``ValueError`` for a ``starting_solution`` that does not carry the states of ``model`` (the unbuilt
    model of the simulation that continues it), checked by name before the solve: :func:`carried_state_misfit`'s text
    (a solution with no state, :func:`_misnamed_states`)."""
    why = carried_state_misfit(starting_solution, model)
    if why is not None:
        raise ValueError(why)


#: the AEA model's lithium bookkeeping [mol] a continuation conserves across its join (:func:`check_carried_lithium`):
#: the cathode's, connected and cut off, whose lost Li ("Lost lithium inventory [mol]": trapped, isolated) it counts
#: once (``AEA._degradation_summary_variables``), and a Li-In anode's; a Li metal anode is a reservoir with no such
#: variable (no charge passes at the join, so the cathode's alone is conserved there)
CARRIED_LITHIUM = ("Total lithium in cathode [mol]", "Total lithium in anode [mol]")


def check_carried_lithium(starting_solution, model, parameter_values, inputs=None, rtol=None, mesh=None):
    """Raise ``ValueError`` for a continuation that would not conserve the lithium of ``starting_solution``: its last
    state, carried over by the states' names (a content per host site, a fraction: no amount), read on
    ``parameter_values`` (the simulation's, with the solve's ``inputs``) by ``model`` (its unbuilt model) holds
    another inventory (:data:`CARRIED_LITHIUM`, each part by itself: no charge passes at the join) than the
    solution's own last figure, by more than ``rtol``
    (the solver's relative tolerance, None: ``model``'s default solver's, 1e-4; the inventory the solver carries is
    known to no better, and the same cell's values give it to round-off: a stack pressure that moves the porosity
    cancels in the host's amount). LMS at 1.5 mg/cm2 continued on 3 mg/cm2: 1.207e-6 -> 2.414e-6 mol in the cathode
    at the join, the next discharge twice as large, without a word; the LMS end state (x 1.0 of 4) continued on
    Li2021_TiS2 (x_max 1): SUNDIALS' bare "SolverError: IDAGetDky: IDA_BAD_K" (user trial, session 50). The error
    names both inventories and the parameters the inventory reads that differ from those the solution was solved on;
    one given as an input ("[input]") is judged by its inputs, the solution's own (its last step's) against ``inputs``
    (:func:`same_value`: the same values object held the same input, and twice the loading given ran on unseen).
    Values whose inventory parameters all equal those are not built (temperature, current, cut-offs, rates of
    degradation, stack pressure: continued as before); else ``model`` is built on ``parameter_values`` and ``mesh``
    (``pybamm.Simulation`` keyword arguments: the simulation's ``var_pts``, ``submesh_types``, ``spatial_methods``),
    0.08-0.15 s on LMS (0.2 ms not built; 2026-12-06). Not judged, left to the existing behaviour
    (:func:`carried_state_misfit`; PyBaMM's own): no
    ``starting_solution`` or one with no state, a solution of a model ``pybamm.load_model`` read (its states named
    by slice), a ``model`` built already or without the variables, a solution without them, and values the build or
    the state's mapping fails on (another mesh, an input the solve does not give, a value out of its range: the
    solve's own checks name it). A cathode holding no lithium continues on any loading (none to conserve); a Li-In
    anode's foil amount only sets its initial state, which the carried one replaces: it continues on another."""
    if starting_solution is None or isinstance(starting_solution, pybamm.EmptySolution) \
            or getattr(model, "is_discretised", False):
        return
    try:
        previous = starting_solution.all_models[-1]
        variables = model.variables
        names = [name for name in CARRIED_LITHIUM if name in variables]
    except (AttributeError, IndexError, TypeError):
        return
    if state_names(previous) is None or CARRIED_LITHIUM[0] not in names:
        return
    read = sorted({symbol.name for name in names for symbol in variables[name].pre_order()
                   if isinstance(symbol, (pybamm.Parameter, pybamm.FunctionParameter, pybamm.InputParameter))})
    solved_on = parameter_values_of(previous)
    # (a value given as an input is judged by the inputs: the starting solution's own, those of this solve)
    given = {"old": _solved_inputs(starting_solution), "new": inputs if isinstance(inputs, dict) else {}}
    differ = None if solved_on is None else [name for name in read
                                             if not same_value(solved_on, parameter_values, name, given)]
    if differ == []:  # (the same cell's inventory: nothing to build)
        return
    try:
        last = starting_solution.last_state
        held = [float(np.asarray(last[name].entries, dtype=float).reshape(-1)[-1]) for name in names]
    except Exception:  # noqa: BLE001 - a solution without the variables: not judged
        return
    after = _carried_inventory(starting_solution, model, parameter_values, names, inputs, mesh)
    rtol = float(model.default_solver.rtol if rtol is None else rtol)
    # (each part by itself: no charge passes at the join, and in the sum a Li-In anode's lithium, ~2900 times the
    # LMS cathode's after 2 minutes at 1C, hid a cathode of 1.2 times its loading: 6.9e-5 of it)
    moved = [] if after is None else [(name.split(" [")[0].replace("Total lithium in ", ""), old, new)
                                      for name, old, new in zip(names, held, after)
                                      if abs(new - old) > rtol * max(abs(old), abs(new))]
    if not moved:
        return
    change = ", ".join(f"{part} {100 * (new - old) / old:+.3g} %" if old else f"{part} from none"
                       for part, old, new in moved)
    said = ("the values the starting solution was solved on are not kept with its model" if differ is None else
            "parameters the inventory reads that differ: " + ", ".join(
                _changed(name, solved_on.get(name), parameter_values.get(name), given) for name in differ))
    if differ and any(_is_input(parameter_values.get(name)) for name in differ):
        said += " (the cause: the solve's inputs, other than those the starting solution was solved with)"
    raise ValueError(
        f"continuing the starting_solution on this simulation's parameter values would not conserve its lithium: its "
        f"last state holds {sum(held):.4g} mol ({_parts(names, held)}) on the values it was solved on, and "
        f"{sum(after):.4g} mol ({_parts(names, after)}) on these "
        f"({change}, beyond the solver's rtol {rtol:g}): PyBaMM carries the state over by the states' names, contents "
        f"per host site and fractions, so other values make another cell of it; {said}. Start a new run on these "
        "values (no starting_solution: the set's state, or an initial_soc), or continue with the values of the "
        "starting solution's cell (a change of temperature, current, cut-offs, rates of degradation or stack "
        "pressure continues)")


def _parts(names, values):
    """The parts of a lithium inventory, "cathode 1.207e-06 mol, anode ..." (:func:`check_carried_lithium`)."""
    return ", ".join(f"{name.split(' [')[0].replace('Total lithium in ', '')} {value:.4g} mol"
                     for name, value in zip(names, values))


def same_value(before, after, name, given=None):
    """Whether parameter ``name`` has the same value in two ``pybamm.ParameterValues``, ``before`` and ``after``: the
    one rule of :func:`check_carried_lithium` (the values a starting solution was solved on, this solve's) and
    :func:`.step_checks.rescaled_nominal_capacity` (the values, the same changed). False where either lacks it. A value
    given as an input (``pybamm.InputParameter``, "[input]") is the number ``given`` to its side ({"old": inputs of
    ``before``, "new": of ``after``}; a number on the other side is itself), and False where not given: the same
    InputParameter held by both said nothing of the loading a continuation ran on (session 50, R8: 0.015 -> 0.03 given
    as inputs doubled the cathode's lithium at the join without a word); in the rescale, where both sides read the
    caller's one ``inputs`` (``given["one"]``), a change to "[input]" given the value held is no change (it had been
    evaluated, the ratio 1), "[input]" on both sides is none, given or not (whatever number it is given, the same on
    both: a loading held as "[input]" and set to "[input]" again, no inputs given, was refused as not evaluable until
    session 52), and an input on one side only, not given, is evaluated to the error naming it. The same object (a
    function, a symbol) is the same value; numbers and arrays are compared with numpy, value for value and shape for
    shape (one number however held: a float, a numpy float, a one-value array alike; the continuation check had
    called an array different from its equal number or list and built the model to judge an unchanged cell, 0.08-0.15
    s on LMS); anything else, or what cannot be compared, differs."""
    try:
        old, new = before[name], after[name]
    except KeyError:
        return False
    if _is_input(old) or _is_input(new):
        given = given or {}
        if given.get("one") and _is_input(old) and _is_input(new):  # (one inputs read by both: one number)
            return True
        old, new = (_given_number(value, name, given.get(side)) for value, side in ((old, "old"), (new, "new")))
        return old is not None and new is not None and old == new
    if old is new:
        return True
    try:
        old, new = np.asarray(old, dtype=float), np.asarray(new, dtype=float)
    except (TypeError, ValueError):  # a function, a symbol, data: not the same object, so not known to be equal
        return False
    if old.size == new.size == 1:  # (one number, as an input's: a float, a numpy float, a one-value array alike)
        old, new = old.reshape(()), new.reshape(())
    return old.shape == new.shape and bool(np.array_equal(old, new))


def _is_input(value):
    """Whether a parameter's value is given as an input at the solve ("[input]")."""
    return isinstance(value, pybamm.InputParameter)


def _given_number(value, name, inputs):
    """The number ``value`` stands for: itself (a number), or, an input, ``inputs[name]`` (a number or a one-value
    array); None where not given or not one number."""
    if _is_input(value):
        value = (inputs or {}).get(name)
    try:
        entries = np.asarray(value, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return None
    return float(entries[0]) if entries.size == 1 else None


def _solved_inputs(starting_solution):
    """The inputs ``starting_solution``'s last step was solved with ({} where none are kept)."""
    try:
        inputs = starting_solution.all_inputs[-1]
    except (AttributeError, IndexError, TypeError):
        return {}
    return inputs if isinstance(inputs, dict) else {}


def _changed(name, old, new, given):
    """A parameter's change as the refusal of :func:`check_carried_lithium` names it: "'Cathode loading [kg.m-2]'
    0.015 -> 0.03", or given as inputs to both solves, "... input 0.015 -> 0.03"."""
    if _is_input(old) and _is_input(new):
        return f"{name!r} input {shown(old, name, given['old'])[6:]} -> {shown(new, name, given['new'])[6:]}"
    return f"{name!r} {shown(old, name, given['old'])} -> {shown(new, name, given['new'])}"


def shown(value, name=None, inputs=None):
    """A parameter's value as the refusal of :func:`check_carried_lithium` names it (an input: "input 0.03", the
    value ``inputs`` give ``name``)."""
    if isinstance(value, numbers.Real):
        return f"{float(value):.6g}"
    if _is_input(value):
        number = _given_number(value, name, inputs)
        return "input " + ("not given" if number is None else f"{number:.6g}")
    if value is None:
        return "absent"
    return f"{getattr(value, '__name__', type(value).__name__)}"


def _carried_inventory(starting_solution, model, parameter_values, names, inputs, mesh):
    """The lithium [mol] of each of ``names`` in ``starting_solution``'s last state carried onto ``model`` built on
    ``parameter_values`` (``mesh``: ``pybamm.Simulation`` keyword arguments), mapped as PyBaMM maps it
    (``set_initial_conditions_from``, by the states' names); None where the build or the mapping fails."""
    inputs = inputs if isinstance(inputs, dict) else {}
    try:
        with warnings.catch_warnings():  # (the solve's own build warns where its values call for it)
            warnings.simplefilter("ignore")
            simulation = pybamm.Simulation(model, parameter_values=parameter_values, **(mesh or {}))
            simulation.build(inputs=inputs)
            built = simulation.built_model
            _, carried = built.set_initial_conditions_from(starting_solution, inputs=inputs, return_type="ics")
            y = np.asarray(carried.evaluate(0, inputs=inputs), dtype=float).reshape(-1, 1)
            read = pybamm.Solution(np.array([0.0]), y, built, inputs)
            return [float(np.asarray(read[name].entries, dtype=float).reshape(-1)[-1]) for name in names]
    except Exception:  # noqa: BLE001 - not judged: the solve's own build, checks or PyBaMM say what fails
        return None


def _misnamed_states(starting_solution, model):
    """Why ``starting_solution``'s model does not carry the states of ``model`` (the unbuilt model of the simulation
    that continues it), by their names, or None: PyBaMM carries the last state over by name, so a state the solution
    carries that ``model`` lacks is dropped without a word, and one ``model`` needs that the
    solution lacks fails in PyBaMM's build ("ModelError: To update a model from a solution ..."), or is read off a
    variable of the same name that is no state. S-LMS at 0.5C, 3 cycles with "dispersed material degradation":
    "activation and contact loss", then one cycle from it on a plain model: 145.830 uA.h against 120.966 with the
    same options (+20.6 %, its sulfur whole again), the accessible, lost and not yet activated fractions and the
    isolated lithium dropped (measured session 49); a Li-In model on a Li-anode solution: PyBaMM's bare ModelError.
    Refused: a differential state (one with a history: a content, a fraction lost, a capacity counted) dropped or
    missing, and an algebraic one missing that the solution has no variable of (PyBaMM's ModelError); the error names
    them and the options that differ. A continuation across options whose models differ in no more runs, each state
    with a history carried over: an option that adds no state ("ionic switch": "none"), or only algebraic ones, which
    the solver finds again from the others ("electronic conduction": "infinite" drops the electrode's ohmic drop;
    "voltage as a state": "true" takes the voltage from the solution as its first guess). So do the states of PyBaMM's
    own step control (:data:`~pybamm_aea.pybamm_adapter.experiment_errors.CONTROL_STATES`: a voltage hold's current),
    which are no option's. A state both carry with another number of values (another mesh) is
    :func:`_resized_states`'s, read when PyBaMM's solve fails. A solution of a model ``pybamm.load_model`` read
    from JSON is not judged: its model's states are named by slice ("y[0:40]"), not by name
    (:func:`~pybamm_aea.pybamm_adapter.model_internals.state_names`), and each of LMS's 9 looked missing, a false
    "the options are the same" refusal of a continuation PyBaMM runs (2.23685 V after 30 s at 1C, as from the solution
    of the model not saved; session 49)."""
    from ..pybamm_adapter.experiment_errors import CONTROL_STATES

    try:
        previous = starting_solution.all_models[-1]
        carried = state_names(previous)
        if carried is None:  # (a model pybamm.load_model read: its states named by slice, "y[0:40]", so each would look
            return None       # missing, a false error; PyBaMM carries the state over by the solution's variables)
        carried -= set(CONTROL_STATES)
        history = {var.name for var in previous.rhs}
        needed = {var.name for var in model.initial_conditions}
        differential = {var.name for var in model.rhs}
        known = set(previous.variables.keys())
    except (AttributeError, IndexError, TypeError):  # (no model behind it: PyBaMM's to say)
        return None
    dropped = sorted((carried - needed) & history)
    missing = sorted(name for name in needed - carried if name in differential or name not in known)
    if not dropped and not missing:
        return None
    named = "; ".join(f"{what}: {', '.join(map(repr, names))}" for what, names in (
        ("states the starting_solution carries that this simulation's model lacks (they would be dropped)", dropped),
        ("states this simulation's model needs that the starting_solution lacks", missing)) if names)
    return (f"the starting_solution's model ({type(previous).__name__}) does not carry this simulation's "
            f"model's states: {named}. PyBaMM carries a starting solution's last state over by its states' "
            "names: it drops a state the new model lacks without a word (S-LMS continued without its sulfur "
            "degradation: +20.6 % capacity, its lost sulfur back) and fails on one the solution lacks, or "
            f"reads it off a variable of that name; {_options_differ(previous, model)}. Continue with the "
            "starting solution's model options, or start this model from a fresh state (no "
            "starting_solution)")


def _options_differ(previous, model):
    """The words naming the options of ``previous`` (a starting solution's model) that ``model``'s differ in."""
    old, new = dict(getattr(previous, "options", {}) or {}), dict(getattr(model, "options", {}) or {})
    differ = [f"{name!r}: {old.get(name)!r} -> {new.get(name)!r}" for name in sorted(set(old) | set(new), key=str)
              if old.get(name) != new.get(name)]
    return ("options that differ: " + ", ".join(differ)) if differ else "the options are the same"


def starting_state_mismatch(starting_solution, step_models):
    """Why ``starting_solution``'s last state does not fit ``step_models`` (PyBaMM's built models of the steps of the
    simulation that continues it), read after PyBaMM's solve failed, or None: :func:`carried_state_misfit`'s text
    (a solution with no state, :func:`_resized_states`)."""
    return carried_state_misfit(starting_solution, step_models=list(step_models))


def _resized_states(starting_solution, step_models):
    """Why ``starting_solution``'s last state does not fit the step models of the simulation that continues it
    (``step_models``: PyBaMM's built models of its steps), or None: a state both models name has another number of
    values (PyBaMM maps the last state over by the states' names), from other model options or another mesh. Read
    only after PyBaMM's solve failed (a continuation of a multi-phase LMS solution by a lever-rule model, or on a
    finer mesh, failed inside casadi: "Input 1 (i1) has mismatching shape. Got 66-by-1", naming neither; measured
    session 37). A state one model has and the other lacks is no mismatch (a voltage hold's current, 86 values
    against a charge's 85). A solution of a model ``pybamm.load_model`` read (its states named by slice, "y[0:40]",
    :func:`~pybamm_aea.pybamm_adapter.model_internals.state_names` None) is judged by its total number of values
    against each step model's without PyBaMM's step control states (since session 49: a multi-phase LMS solution so
    read, continued by a lever-rule model, failed with casadi's bare "Got 66-by-1 ... 36-by-1")."""
    from ..pybamm_adapter.experiment_errors import CONTROL_STATES

    try:
        previous = starting_solution.all_models[-1]
        n = len(starting_solution.last_state.all_ys[0])
        had = _state_sizes(previous)
        unnamed = state_names(previous) is None
    except (AttributeError, IndexError, TypeError):
        return None
    if unnamed:  # (states named by slice: compare the totals; the options said if the loaded model kept them)
        for mine in step_models:
            own = sum(size for name, size in _state_sizes(mine).items() if name not in CONTROL_STATES)
            if own != n:
                return (f"the starting_solution's state ({n} values, its model {type(previous).__name__}, read by "
                        f"pybamm.load_model: its states not named) does not fit this simulation's model ({own} "
                        "values without PyBaMM's step control): PyBaMM carries a starting solution's last state "
                        "over as it is laid out, so a run continues only a solution of the same model options and "
                        f"mesh; {_options_differ(previous, mine)}")
        return None
    for mine in step_models:
        sizes = _state_sizes(mine)
        resized = [f"{name!r} {had[name]} -> {sizes[name]}" for name in sorted(sizes.keys() & had.keys())
                   if sizes[name] != had[name]]
        if resized:
            break
    else:
        return None
    what = _options_differ(previous, mine)
    what += "" if what.startswith("options") else ": the mesh (var_pts) differs"
    return (f"the starting_solution's state ({n} values, its model {type(previous).__name__}) does not fit this "
            f"simulation's model ({state_size(mine)} values; values per state: {', '.join(resized)}): PyBaMM "
            f"carries a starting solution's last state over by its states' names, so a run continues only a solution "
            f"of the same model options and mesh; {what}")


def _state_sizes(model):
    """Number of values of each state of a built (discretised) model, by the state's name."""
    return {var.name: sum(s.stop - s.start for s in parts) for var, parts in state_slices(model).items()}
