"""A warning when an experiment step after the first fails in the solver: a small patch of PyBaMM.

Why: ``pybamm.Simulation.solve`` with an experiment raises the solver's error only when the first step of the
first cycle fails. A later step's ``pybamm.SolverError`` (IDA failing from the state the earlier steps left, or
the AEA solver's refusal of a step that would start far outside the window under its current) goes to the
callbacks' ``on_experiment_error``, whose default logs it, and the solve returns the steps before it, the cycle
cut short. The partial solution is worth keeping (the cycles of a cycle-life run before the failure), but
nothing in it says the experiment did not finish: ``solution.termination`` is the last solved step's ("final
time" or an experiment event), so a run that stopped early looked like one that finished unless its
``solution.cycles`` was counted against the experiment (LMS, 2 cycles of 30 s at 0.1C and 10 s at 1000C: the
second step starts 6.902 V below the cut-off, and the solve returned 1 cycle of 1 step, "final time").

What: :func:`install` wraps ``pybamm.Simulation.solve``. For a simulation with an experiment whose model class
sets :data:`MODEL_FLAG` true (the AEA model), the wrapper adds a callback (:class:`StepErrorRecorder`) to the
solve's ``callbacks`` (a new list: the caller's is not changed) that keeps the logs of ``on_experiment_error``;
after PyBaMM's solve returns, if a step failed it warns
:class:`~pybamm_aea.models.start_advice.ExperimentStepFailedWarning` naming the step (its number in the
experiment, its cycle and its description), the solver's error, and how many of the experiment's cycles the returned
solution holds (``solution.cycles``, counted after the cycles of a ``starting_solution``) and how many of its steps
ran before the failure, out of the experiment's. The solution is returned as PyBaMM made it. Before PyBaMM's solve it
checks ``save_at_cycles`` (:func:`~pybamm_aea.user_input.check_save_at_cycles`: 0 raised a
ZeroDivisionError after cycle 2, -1 kept every cycle) and refuses an ``initial_soc`` given with a ``starting_solution``
(:func:`~pybamm_aea.models.starting_state.check_starting_state`: PyBaMM ignores it) and a ``starting_solution`` whose
model carries other states (:func:`~pybamm_aea.models.starting_state.check_carried_states`: PyBaMM dropped a state
the new model lacks without a word, and failed on one the solution lacks) or none (a :class:`NotStartedSolution`:
PyBaMM's bare AttributeError) or a ``starting_solution`` whose lithium the simulation's values would not conserve
(:func:`~pybamm_aea.models.starting_state.check_carried_lithium`: LMS continued on twice its loading ran on with
twice its lithium), and builds the step models on a
copy of the values whose host transport reads the stretch when a ``starting_solution`` carries it off 1 on values where
it would read the constant 1 (:func:`~pybamm_aea.models.starting_state.carried_stretch_values`; the simulation's
``parameter_values`` are that copy since, and the values an ``initial_soc`` is set from too; so too, with an
experiment or without, for an initial stretch set by hand on the simulation's unprocessed model,
``model.set_initial_conditions_from(solution)``'s, a broadcast, a parameter, one varying with position); a solve that
fails on a
``starting_solution`` whose state does not fit the step models (other options or mesh: casadi's bare shape error) is a
ValueError saying so (:func:`~pybamm_aea.models.starting_state.starting_state_mismatch`; both readings one decision,
:func:`~pybamm_aea.models.starting_state.carried_state_misfit`). An experiment none of whose
steps ran (each skipped as starting past its cut-off) returns PyBaMM's ``EmptySolution`` as a
:class:`NotStartedSolution`, whose reading raises
:class:`~pybamm_aea.models.start_advice.ExperimentNotStartedError` saying why (PyBaMM's: "TypeError:
'EmptySolution' object is not subscriptable"), and PyBaMM's SolverError for a cycle whose steps all start so gets the
same note on a C-rate's basis (:func:`~pybamm_aea.models.start_advice.not_started_message`). A step PyBaMM
skipped at its start, in a cycle that ran, is in its cycle's ``steps`` a :class:`SkippedStepSolution` whose reading
raises :class:`~pybamm_aea.models.start_advice.StepSkippedError` naming it and why, in its warning's words
(PyBaMM's: the same TypeError; the step solver's ``skip_reason``, read by the callback). A failure in the first
step still raises (PyBaMM's behaviour; IDA's failure of a charge or discharge with no voltage cut-off with the note
below, session 45), other models are left as PyBaMM runs them, and a step PyBaMM ends on a model event it was not given
(``on_experiment_infeasible_event``, logged as a warning by PyBaMM) is not this module's, but for a charge or discharge
at a current with no voltage cut-off that ran onto the model's voltage window: its "Maximum/Minimum voltage [V]" event,
or a failed step, gets the warning with what happened and what to type
(:func:`~pybamm_aea.models.start_advice.uncut_step_note`, the solve's inputs giving the direction of a step whose
value is an input; a pristine LMS cell's "Charge at 0.1C for 2 minutes" after as long a discharge: IDA_ERR_FAIL on the
multi-phase host until session 48, PyBaMM's logged "Experiment is infeasible" at 3.80 V on the lever rule, on both
since). A ``starting_solution`` that ended on a model event (PyBaMM's ``BaseSolver.step`` returns it unchanged
as each step's, and the simulation joined it to itself: "ValueError: The `all_ts` time vector must be strictly
increasing ...") is continued from the state at the event (:func:`_continued_from`: PyBaMM is given a shallow copy of
it, the user's solution is never changed, and the returned solution's first cycle, PyBaMM's copy of a plain solve's
solution, keeps the event as its termination). The callback also tells the AEA step
solvers which step they run (their ``experiment_step``, at PyBaMM's ``on_step_start``), which a refined or retried
step's warning names ("step 2 of 4 in cycle 37 of 50, 'Charge at 0.5C until 2.8 V'").
After every solve of such a model, with an experiment or without (``solve(t_eval)``,
each solution of a list of inputs: ``pybamm_aea.sweep``'s batched discharges), from the set's state, ``initial_soc``'s
or a ``starting_solution``'s, it warns :class:`~pybamm_aea.convergence.MeshDependentNucleationWarning` when the mesh
decides a discharge (:func:`~pybamm_aea.convergence.nucleation_mesh_warning`), judging this solve's steps only (a
starting solution's were judged by its own solve: :func:`_warn_mesh_decided`), and otherwise
:class:`~pybamm_aea.phase_layer_limit.PhaseLayerLimitWarning` when a thick multi-phase electrode's discharge stopped
at its Li4 layer (or, at a high rate, its Li3 layer: since session 62).
A ``calc_esoh=True`` given to such a model's solve gets PyBaMM's warning that the model computes no eSOH at the
user's call, saying what the model gives instead (:func:`_refuse_esoh`; PyBaMM's pointed at this module's line).
An experiment of several cycles, from the initial state, that PyBaMM stopped at its capacity termination after its first
cycle (its termination :data:`CAPACITY_LIMIT`; PyBaMM logs a line only) gets
:class:`~pybamm_aea.models.step_checks.FirstCycleCapacityTerminationWarning` saying what cycle 1 lacks of the
cathode's capacity as made (:func:`_warn_after_solve`; S-LMS's sulfur not yet activated, review R13).

The wrapper reads the simulation's ``experiment`` (set only when it has one), ``model``, ``parameter_values``,
``var_pts``, ``steps_to_built_models`` and ``steps_to_built_solvers``, passes ``callbacks`` to PyBaMM's ``solve`` and
reads the ``logs`` keys of :data:`LOG_NAMES` (at ``on_experiment_error``, ``on_step_start`` and
``on_experiment_infeasible_event``), relies on ``BaseSolver.step`` stepping on from the terminations of
:data:`STEPS_ON_FROM` only, sets the private ``Simulation._solution`` (and, for a carried stretch, the private
:data:`PARAMETER_VALUES`, :data:`UNPROCESSED_VALUES` and :data:`BUILT_FOR_EXPERIMENT`) and matches the text of
PyBaMM's SolverError (:data:`ALL_STEPS_INFEASIBLE`); :func:`check` verifies each of these before anything is
wrapped (the method's parameters, the keys and the text in PyBaMM's ``Simulation`` source, the ``solution`` property
reading ``_solution``), and raises an ImportError naming the PyBaMM version and what is missing.

What upstream would replace this module: the solution saying the experiment stopped on an error (e.g. a
``solution.termination`` of "error: ..." and the failed step's index), or PyBaMM warning as it returns.
"""
import copy
import functools
import inspect
import re
import warnings

import numpy as np
import pybamm

from .experiment_inputs import EXPERIMENT_START
from .initial_states import STATE_TIME, patch_mismatch, source_of, wrap_once
from ..progress import DESCRIPTION, STEP_NAME, solver_failed_text, step_description, step_text, stopped_text

#: the model-class attribute that asks for the warning
MODEL_FLAG = "warn_failed_experiment_step"
#: the ``pybamm.Simulation`` method wrapped and the parameter the wrapper adds its callback to
METHOD = "solve"
CALLBACKS = "callbacks"
#: the parameter of ``solve`` checked before PyBaMM's solve
#: (:func:`pybamm_aea.user_input.check_save_at_cycles`)
SAVE_AT_CYCLES = "save_at_cycles"
#: the parameters of ``solve`` that may not be given together
#: (:func:`pybamm_aea.models.starting_state.check_starting_state`)
STARTING_SOLUTION, INITIAL_SOC = "starting_solution", "initial_soc"
#: the parameter of ``solve`` whose inputs explain a cycle none of whose steps started (:func:`_not_started`)
INPUTS = "inputs"
#: the parameter of ``solve`` whose tolerance a continuation's lithium is judged to, and the ``pybamm.Simulation``
#: properties the starting state is mapped on with the simulation's values
#: (:func:`pybamm_aea.models.starting_state.check_carried_lithium`)
SOLVER, MESH_SETTINGS = "solver", ("var_pts", "submesh_types", "spatial_methods")
#: the ``pybamm.Simulation`` attribute holding its experiment's built step models (a starting solution that does not
#: fit them is explained: :func:`pybamm_aea.models.starting_state.starting_state_mismatch`; :func:`check` names it
#: if PyBaMM has none, and it is read with a default: a simulation not built for an experiment has none)
STEP_MODELS = "steps_to_built_models"
#: the states PyBaMM's step control adds to a step's model (``external_circuit.FunctionControl``: a voltage or power
#: step's current), no model option's: a starting solution's model may carry one the continuing model lacks, or lack
#: one it needs, and PyBaMM maps it (:func:`pybamm_aea.models.starting_state.check_carried_states` passes them over;
#: :func:`check` finds the name in PyBaMM's source)
CONTROL_STATES = ("Current variable [A]",)
#: a drive cycle's: the ``pybamm.Simulation`` class attribute naming its ``operating_mode`` (an Interpolant current, no
#: experiment) and the parameter whose Interpolant data times ``solve(t_eval=None)`` solves at (PyBaMM's
#: ``BaseSimulation.solve``; :func:`check` finds both there), read for the time a plain solve's state is set at
DRIVE_CYCLE_MODE, DRIVE_CYCLE_DATA = "MODE_DRIVE_CYCLE", "Current function [A]"
#: the ``pybamm.Simulation`` attribute holding its experiment's step solvers, and the attribute of an AEA solver
#: (:class:`~pybamm_aea.models.start_advice.CheckedIDAKLUSolver`) the recorder sets to the step it runs
STEP_SOLVERS, EXPERIMENT_STEP = "steps_to_built_solvers", "experiment_step"
#: the attribute of an AEA solver set to the step object it runs (its events, what it sets: the skipped step's warning)
RUNNING_STEP = "running_step"
#: the attribute of an AEA solver holding why the step it ran was skipped at its start (or None), and PyBaMM's
#: callbacks at whose calls the recorder reads it: a skipped step's empty solution says it when read
#: (:class:`SkippedStepSolution`)
SKIP_REASON, STEP_END, CYCLE_START, CYCLE_END = "skip_reason", "on_step_end", "on_cycle_start", "on_cycle_end"
#: the private ``pybamm.Simulation`` attribute its ``solution`` property returns (set to the
#: :class:`NotStartedSolution` of an experiment that ran no step, the one ``solve`` returns)
SOLUTION = "_solution"
#: the private ``pybamm.Simulation`` attribute holding the parameter values its models are built on (PyBaMM's
#: ``set_initial_state`` sets it to a new copy too), and those that say its experiment's models are built (cleared
#: to have the next ``build_for_experiment`` build them anew): a ``starting_solution`` whose stretch is off 1 is run
#: on a copy of the values with the host's transport reading it
#: (:func:`~pybamm_aea.models.starting_state.carried_stretch_values`)
PARAMETER_VALUES = "_parameter_values"
#: the private ``pybamm.Simulation`` attribute holding the values it was given, from which its ``set_initial_state``
#: (an ``initial_soc``) makes :data:`PARAMETER_VALUES` anew: the carried stretch's copy is set there too, else an
#: ``initial_soc`` undid it (a stretch of 0.916 set by hand, then ``initial_soc=1``: 9.6 mV low at 30 s of a plain
#: 1C discharge, 73.4 mV high in an experiment's, without a word, until session 49)
UNPROCESSED_VALUES = "_unprocessed_parameter_values"
#: the private ``pybamm.Simulation`` attribute holding the model it puts its values into (a copy of the one it was
#: given; PyBaMM's ``build`` processes it, and ``set_initial_state`` recomputes the built model's initial conditions
#: from it): the initial stretch set by hand is read there (its ``model`` is the processed one once built, whose
#: initial stretch is PyBaMM's processing of the submodel's own, varying with position after an ``initial_soc``)
UNPROCESSED_MODEL = "_unprocessed_model"
BUILT_FOR_EXPERIMENT = (STEP_MODELS, STEP_SOLVERS, "_built_experiment_model", "_built_experiment_solver")
#: the private ``pybamm.Simulation`` attributes that say its model is built for a solve without experiment (the same:
#: initial conditions set by hand, ``model.set_initial_conditions_from(solution)``, with the stretch off 1)
BUILT = ("_built_model", "_model_with_set_params")
#: the keys of PyBaMM's callback ``logs`` the recorder reads at ``on_experiment_error``
LOG_NAMES = ("cycle number", "step number", "step operating conditions", "error")
#: the callback PyBaMM calls when a model event it was not given ends a step ("Experiment is infeasible"), and the
#: ``logs`` key it reads there with the event's name
INFEASIBLE_EVENT, TERMINATION = "on_experiment_infeasible_event", "termination"
#: the callbacks PyBaMM calls whose logs the recorder reads: a step's failure, and the start of each step (the step
#: solvers are told which step they run, :attr:`StepErrorRecorder.on_step_start`)
EXPERIMENT_ERROR, STEP_START = "on_experiment_error", "on_step_start"
#: the terminations ``BaseSolver.step`` steps on from (PyBaMM: "final time", or one holding "[experiment]", an
#: experiment's own cut-off); from any other (a model event: "event: Maximum voltage [V]") it returns the old solution
#: unchanged, "as an event has already been triggered" (:func:`_continued_from`)
STEPS_ON_FROM = ("final time", "[experiment]")
#: PyBaMM's termination of an experiment it stopped at its capacity termination (``Simulation._TERMINATION_CAPACITY``)
#: (:func:`_warn_after_solve`)
CAPACITY_LIMIT = "experiment capacity limit reached"
#: PyBaMM's termination of a step it skipped, started past its cut-off (its ``EmptySolution``'s, Simulation.solve)
STEP_SKIPPED = "Event exceeded in initial conditions"
#: the start of PyBaMM's termination text of an event (the model's, or an experiment's with :data:`STEPS_ON_FROM`'s tag)
MODEL_EVENT = "event: "


def check(simulation_class=None):
    """ImportError naming the PyBaMM version unless every PyBaMM name and text this patch relies on is there:
    ``Simulation.solve``'s parameters (:data:`CALLBACKS`, :data:`SAVE_AT_CYCLES`, :data:`STARTING_SOLUTION`,
    :data:`INITIAL_SOC`, ``inputs``), the ``logs`` keys it sets (:data:`LOG_NAMES`, :data:`TERMINATION`) and its
    :data:`EXPERIMENT_ERROR`, :data:`STEP_START` and :data:`INFEASIBLE_EVENT` calls; the simulation's ``experiment``,
    ``model``, ``parameter_values``, ``var_pts``, :data:`STEP_MODELS` and :data:`STEP_SOLVERS`;
    the private :data:`SOLUTION`, which ``solve`` sets and the ``solution`` property returns; the text of
    PyBaMM's SolverError for steps that all start past their cut-offs (:data:`ALL_STEPS_INFEASIBLE`) and its termination
    of an experiment stopped at its capacity termination (:data:`CAPACITY_LIMIT`), among the string literals of the
    simulation's classes; and ``BaseSolver.step`` stepping on from the terminations of
    :data:`STEPS_ON_FROM` only, returning the old solution from any other (:func:`_continued_from`); the states of
    :data:`CONTROL_STATES` in the source of PyBaMM's ``external_circuit.FunctionControl``."""
    simulation_class = simulation_class or pybamm.Simulation
    method = getattr(simulation_class, METHOD, None)
    method = getattr(method, "__wrapped__", method)
    missing = [] if callable(method) else [f"Simulation.{METHOD}"]
    for name in (CALLBACKS, SAVE_AT_CYCLES, STARTING_SOLUTION, INITIAL_SOC, CALC_ESOH, INPUTS):
        if callable(method) and name not in inspect.signature(method).parameters:
            missing.append(f"Simulation.{METHOD}({name}=...)")
    source = source_of(method) if callable(method) else ""  # the method only: the class takes ~0.1 s
    missing += [f'logs["{name}"]' for name in LOG_NAMES if not re.search(rf'logs\["{name}"\]\s*=', source)]
    if not re.search(rf'logs\["{TERMINATION}"\]\s*=', source):
        missing.append(f'logs["{TERMINATION}"]')
    missing += [f"callbacks.{name}" for name in (EXPERIMENT_ERROR, STEP_START, INFEASIBLE_EVENT)
                if f"callbacks.{name}(" not in source]
    missing += [f"callbacks.{name}" for name in (STEP_END, CYCLE_START, CYCLE_END)  # (a skipped step's reason)
                if f"callbacks.{name}(" not in source]
    if f'"{STEP_SKIPPED}"' not in source:  # (the skipped step's termination, :class:`StepErrorRecorder`)
        missing.append(f"the skipped step's termination {STEP_SKIPPED!r}")
    missing += [f"Simulation.{name}" for name in ("experiment", "model") if not hasattr(simulation_class, name)
                and not re.search(rf"self\.{name}\b", source)]
    strings, assigned = _class_literals(simulation_class)
    missing += [f"Simulation.{name}" for name in ("parameter_values", "var_pts", PARAMETER_VALUES, UNPROCESSED_VALUES,
                                                  UNPROCESSED_MODEL, *BUILT_FOR_EXPERIMENT, *BUILT)
                if not hasattr(simulation_class, name) and name not in assigned]
    if not re.search(rf"self\.{SOLUTION}\s*=", source) or not _solution_property_reads(simulation_class):
        missing.append(f"Simulation.{SOLUTION} (set by {METHOD}, returned by the solution property)")
    if not any(ALL_STEPS_INFEASIBLE in text for text in strings):
        missing.append(f'the SolverError "... {ALL_STEPS_INFEASIBLE}"')
    if CAPACITY_LIMIT not in strings:
        missing.append(f'the termination "{CAPACITY_LIMIT}"')
    step_source = _source(getattr(pybamm.BaseSolver, "step", None))
    if not all(f'"{text}"' in step_source for text in STEPS_ON_FROM) or "return old_solution" not in step_source:
        missing.append(f"BaseSolver.step stepping on from a termination of {STEPS_ON_FROM} only")
    drive = "".join(_source(vars(cls)[METHOD]) for cls in simulation_class.__mro__ if METHOD in vars(cls))
    if f"self.{DRIVE_CYCLE_MODE}" not in drive or f'["{DRIVE_CYCLE_DATA}"].x[0]' not in drive:
        missing.append(f'Simulation.{METHOD} solving a drive cycle at its "{DRIVE_CYCLE_DATA}" data times')
    control = _source(getattr(getattr(pybamm, "external_circuit", None), "FunctionControl", None))
    missing += [f'the state "{name}" of external_circuit.FunctionControl' for name in CONTROL_STATES
                if f'Variable("{name}"' not in control]
    if missing:
        raise patch_mismatch("experiment step-error", __name__, missing)


def _build_anew_on(simulation, values, changed=()):
    """Have ``simulation`` build its models on ``values`` (a copy of its :data:`PARAMETER_VALUES` with the names
    ``changed``: the user's parameter values are left as they are) at its next build (``build_for_experiment`` or
    ``build``), those it built before (on its earlier values) dropped; and the values an ``initial_soc`` is set from
    (:data:`UNPROCESSED_VALUES`) the same (those values, or, where an earlier ``initial_soc`` made
    :data:`PARAMETER_VALUES` anew, a copy of them with ``changed`` as in ``values``)."""
    given, current = getattr(simulation, UNPROCESSED_VALUES, None), getattr(simulation, PARAMETER_VALUES, None)
    if given is None or given is current:
        unprocessed = values
    else:
        unprocessed = given.copy()
        unprocessed.update({name: values[name] for name in changed}, check_already_exists=False)
    setattr(simulation, UNPROCESSED_VALUES, unprocessed)
    setattr(simulation, PARAMETER_VALUES, values)
    for name in (*BUILT_FOR_EXPERIMENT, *BUILT):
        setattr(simulation, name, None)


def _carried_names():
    """The parameters :func:`~pybamm_aea.models.starting_state.carried_stretch_values` sets on its copy."""
    from ..models.submodels.volume import ConstrainedSwelling

    return (ConstrainedSwelling.STARTS_OFF_ONE,)


def _source(function):
    """The source of ``function`` ("" if it has none)."""
    try:
        return source_of(function)
    except (OSError, TypeError):
        return ""


def _continued_from(starting):
    """A ``starting_solution`` that ended on a model event (its termination :data:`MODEL_EVENT` "...", without the
    "[experiment]" of an experiment's own cut-off, which PyBaMM steps on from (:data:`STEPS_ON_FROM`): a step
    PyBaMM's experiment stopped on the model's "Maximum voltage [V]", a charge with no cut-off; a ``solve(t_eval)`` to
    the "Minimum voltage [V]" cut-off) given to PyBaMM's solve as a copy whose termination is "final time" (the
    user's keeps its own). PyBaMM's ``BaseSolver.step`` returns such a solution unchanged as each step's, and its
    simulation then joined that solution to itself:
    ``ValueError: The `all_ts` time vector must be strictly increasing across all segments of the sub-solutions`` (LMS
    on the lever-rule host, "Charge at 0.1C for 2 minutes" after as long a discharge, stopped on "Maximum voltage [V]"
    at 3.80 V, then any experiment from it). The next step starts from the state at the event, as after any other step:
    one that runs on past the window is refused or skipped there, as PyBaMM's experiment does (its window events are
    checked at the step's start). Returns (the solution to give PyBaMM's solve, the original termination): a shallow
    copy (``copy.copy``: its arrays, sub-solutions, cycles and summary variables are the user's objects, only its
    termination its own; ~60 us) so that the user's solution is never relabelled, not even while the solve runs (another
    thread reading it, or two solves from it at once, saw "final time"); or (``starting``, None) if it is left as it is
    (any other termination, e.g. "failure", is PyBaMM's to step from or not). PyBaMM's ``Solution.copy`` would not do:
    it leaves out an experiment's solution's cycles and summary variables, so the solve would take it for a plain
    solve's."""
    termination = getattr(starting, "termination", None)
    relabel = (isinstance(starting, pybamm.Solution) and isinstance(termination, str)
               and termination.startswith(MODEL_EVENT) and STEPS_ON_FROM[1] not in termination)
    if not relabel:
        return starting, None
    given = copy.copy(starting)
    given.termination = STEPS_ON_FROM[0]
    return given, termination


def _give_back_termination(solution, starting, ended_on):
    """The termination ``ended_on`` of a ``starting`` solution given relabelled (:func:`_continued_from`) put back on
    the returned ``solution``'s first cycle, PyBaMM's copy of a plain solve's solution (one without an experiment's
    cycles): "final time" there, while the user's solution says "event: Minimum voltage [V]". An experiment's
    solution's own cycles are passed on as they are (never relabelled). (A solve none of whose steps ran past the
    starting solution's end returns PyBaMM's termination of what stopped it: "Event exceeded in initial conditions"
    for a skipped step, the failed step's warning, or a first step's error raised; session 46 found no case that
    returned the relabelled "final time", and the fix-up for one is gone.)"""
    if ended_on is None or not isinstance(solution, pybamm.Solution):
        return
    cycles = getattr(solution, "cycles", None) or []
    if (not hasattr(starting, "all_summary_variables") and cycles and cycles[0] is not None
            and cycles[0].termination == STEPS_ON_FROM[0]):
        cycles[0].termination = ended_on


def _class_literals(simulation_class):
    """(the string literals, adjacent ones joined and an f-string's literal parts each one; the attribute names
    assigned to ``self``) in the class bodies of ``simulation_class`` and its bases, read from their modules' source
    (a class whose source is not there gives none)."""
    import ast

    names = {cls.__name__ for cls in simulation_class.__mro__ if cls is not object}
    strings, assigned = [], set()
    for module in {inspect.getmodule(cls) for cls in simulation_class.__mro__ if cls is not object}:
        try:
            tree = ast.parse(inspect.getsource(module))
        except (OSError, TypeError, SyntaxError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name in names:
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
                        strings.append(inner.value)
                    elif (isinstance(inner, ast.Attribute) and isinstance(inner.ctx, ast.Store)
                          and isinstance(inner.value, ast.Name) and inner.value.id == "self"):
                        assigned.add(inner.attr)
    return strings, assigned


def _solution_property_reads(simulation_class):
    """Whether ``simulation_class``'s ``solution`` is a property returning the instance's :data:`SOLUTION`."""
    prop = getattr(simulation_class, "solution", None)
    if not isinstance(prop, property):
        return False
    probe, held = object.__new__(simulation_class), object()
    try:
        setattr(probe, SOLUTION, held)
        return prop.fget(probe) is held
    except Exception:  # (a getter reading anything else)
        return False


class StepErrorRecorder(pybamm.callbacks.Callback):
    """A PyBaMM callback keeping the logs of the last ``on_experiment_error`` of a solve (:attr:`failure`). Given the
    ``simulation``, it tells its step solvers which step they run at each ``on_step_start`` (their
    ``experiment_step``, :func:`~pybamm_aea.progress.step_text`: a warning a solver gives during the step names it)."""

    def __init__(self, simulation=None):
        self.simulation = simulation
        #: {name: value} of :data:`LOG_NAMES` at the step the solver failed on, or None
        self.failure = None
        #: the cycle, step, step's text and PyBaMM's termination of a step a model event ended (PyBaMM's "Experiment is
        #: infeasible"), or None
        self.stopped = None
        #: how many steps PyBaMM started, and PyBaMM's termination of the first (read at the second's start: None if
        #: one started), :data:`STEP_SKIPPED` if it skipped it
        self.started, self.first_ended = 0, None
        #: for each cycle PyBaMM kept in the solution (its cycles after a starting solution's, in order), {step number
        #: in the cycle: why it was skipped} (the step solver's :data:`SKIP_REASON`); the running cycle's; and whether
        #: a step of the running cycle ended
        self.skipped, self._cycle_skipped, self._stepped = [], {}, False
        #: the running cycle's number and the experiment's cycles ((cycle, cycles): PyBaMM's "cycle number"), or None
        self.cycle = None

    def on_cycle_start(self, logs):
        self._cycle_skipped, self._stepped = {}, False  # (a cycle all of whose steps were skipped: no on_cycle_end)
        self.cycle = logs.get("cycle number")  # (cycle, cycles), a starting solution's counted

    def on_cycle_end(self, logs):
        # a cycle whose first step failed ends with no step: PyBaMM keeps no cycle for it (review R31: its {} shifted
        # every later cycle's reasons, or made them too many to match, leaving every skipped step unexplained)
        if self._stepped:
            self.skipped.append(self._cycle_skipped)

    def on_step_end(self, logs):
        self._stepped = True
        for solver in (getattr(self.simulation, STEP_SOLVERS, None) or {}).values():
            if getattr(solver, SKIP_REASON, None) is not None:  # (the one that ran the step: cleared at each start)
                self._cycle_skipped[logs["step number"][0]] = getattr(solver, SKIP_REASON)
                setattr(solver, SKIP_REASON, None)

    def on_experiment_error(self, logs):
        self.failure = {name: logs[name] for name in LOG_NAMES}
        self.failure[DESCRIPTION] = step_description(logs)

    def on_step_start(self, logs):  # (PyBaMM's STEP_START, checked by check())
        from ..models.step_checks import step_name

        self.started += 1
        if self.started == 2:
            self.first_ended = logs.get(TERMINATION)
        step = self._running(logs)
        # (for the callbacks after: the recorder runs first)
        logs[STEP_NAME] = logs[DESCRIPTION] if step is None else step_name(step, str)
        solvers = getattr(self.simulation, STEP_SOLVERS, None) or {}
        where = step_text(logs["cycle number"], logs["step number"], logs[STEP_NAME])
        for solver in solvers.values():
            if hasattr(solver, EXPERIMENT_STEP):  # (the AEA solvers: a solver the user gave keeps its own attributes)
                setattr(solver, EXPERIMENT_STEP, where)
                setattr(solver, RUNNING_STEP, step)
                setattr(solver, SKIP_REASON, None)

    def _running(self, logs):
        """The step of the experiment PyBaMM starts (``logs``: its callback's), found by its cycle and number in it
        (:func:`_step_index`), named by :func:`~pybamm_aea.models.step_checks.step_name` (a drive cycle's name,
        not numpy's print of its samples, 1202 characters in a warning); None for PyBaMM's padding rest, whose
        description is its own. Not by its description (``str(step)``): two drive cycles of one description, or two
        printed alike, got one name, the last's (review R18)."""
        experiment = getattr(self.simulation, "experiment", None)
        steps = getattr(experiment, "steps", None) or ()
        if not steps:
            return None
        index = _step_index(logs, list(experiment.cycle_lengths))
        step = steps[index] if 0 <= index < len(steps) else None
        return step if step is not None and str(step) == logs[DESCRIPTION] else None

    def on_experiment_infeasible_event(self, logs):
        self.stopped = {name: logs.get(name) for name in (*LOG_NAMES[:3], TERMINATION)}
        self.stopped[DESCRIPTION] = step_description(logs)


def _step_index(logs, lengths):
    """The index (from 0) in the experiment's steps (its cycles' step counts ``lengths``) of the step of PyBaMM's
    callback ``logs`` (its "cycle number" counting a starting solution's cycles too, its "step number" in the cycle)."""
    cycle, cycles = logs["cycle number"]
    offset = cycles - len(lengths)  # the cycles of a starting solution
    return sum(lengths[:cycle - offset - 1]) + logs["step number"][0] - 1


def _stopped_step(logs, lengths, solution):
    """The number in the experiment (its cycles' step counts ``lengths``) of the step PyBaMM stopped on (``logs``: a
    :class:`StepErrorRecorder`'s, :func:`_step_index`) and how many of the experiment's cycles ``solution`` holds (a
    starting solution's not counted)."""
    offset = logs["cycle number"][1] - len(lengths)  # the cycles of a starting solution
    return _step_index(logs, lengths) + 1, len(getattr(solution, "cycles", None) or []) - offset


def failed_step_message(failure, experiment, solution):
    """The text of :class:`~pybamm_aea.models.start_advice.ExperimentStepFailedWarning`: ``failure`` the logs a
    :class:`StepErrorRecorder` kept, ``experiment`` the simulation's, ``solution`` the one the solve returned."""
    lengths = list(experiment.cycle_lengths)
    step, held = _stopped_step(failure, lengths, solution)
    before = failure["step number"][0] - 1  # steps of its cycle that ran
    cut = f" (the last cut short after its {before} step{'s' * (before != 1)})" if before else ""
    why = solver_failed_text(failure)
    where = (f"stopped: {why}" if why == str(failure["error"])  # (the solver's error names the step)
             else stopped_text(failure['cycle number'], failure['step number'], why))
    return (f"the experiment {where}. It is step "
            f"{step} of the experiment's {len(experiment.steps)}: the returned solution holds the {step - 1} "
            f"step{'s' * (step != 2)} before it, in {held} of the experiment's {len(lengths)} "
            f"cycle{'s' * (len(lengths) != 1)}{cut}; PyBaMM "
            "logs the error and returns the steps that ran")


#: the ends of PyBaMM's termination text of the model's voltage-window events
WINDOW_EVENTS = ("Maximum voltage [V]", "Minimum voltage [V]")
#: the prefix of IDA's return flags in the solver's error text (IDA_ERR_FAIL, IDA_CONV_FAIL ...: IDA failed integrating)
IDA_FAILED = "IDA_"
#: the model's variable of the host's Li content the note on a step with no voltage cut-off reads
LI_CONTENT = "Average cathode Li content"
#: the parameter of that content at the start of an experiment with no starting solution (the note on its first step)
INITIAL_LI_CONTENT = "Initial cathode Li content"


def _uncut_step_note(simulation, logs, solution, failed, inputs=None):
    """:func:`~pybamm_aea.models.start_advice.uncut_step_note` for the experiment step of ``logs`` (PyBaMM's
    callback logs: cycle and step number) of ``simulation`` solved with ``inputs`` (the solve's: the direction of a
    step whose value is an input), with the host's Li content at its start read off
    ``solution`` (its last point if the step ``failed`` and the solution holds the steps before it, else the first
    point of its last step; the simulation's :data:`INITIAL_LI_CONTENT` if the experiment's first step failed with no
    starting ``solution``), or None."""
    from ..models.start_advice import uncut_step_note

    index = _step_index(logs, list(simulation.experiment.cycle_lengths))
    if not 0 <= index < len(simulation.experiment.steps):
        return None
    try:
        if failed and solution is None:  # (the first step failed: the set's starting content)
            li_content = float(simulation.parameter_values[INITIAL_LI_CONTENT])
        else:
            li_content = float(solution[LI_CONTENT].entries[-1] if failed
                               else solution.cycles[-1].steps[-1][LI_CONTENT].entries[0])
    except (KeyError, IndexError, AttributeError, TypeError, ValueError):  # (no such variable, step or number: the
        li_content = None                                                  # note without it)
    return uncut_step_note(simulation.experiment.steps[index], simulation.parameter_values, li_content,
                           reached=not failed, inputs=inputs if isinstance(inputs, dict) else None)


class ExplainedEmptySolution(pybamm.EmptySolution):
    """PyBaMM's ``EmptySolution`` saying why it is empty when it is read by name (``sol["Voltage [V]"]``: PyBaMM's
    "TypeError: 'EmptySolution' object is not subscriptable") or by an attribute a run's ``pybamm.Solution`` has
    (``cycles``, ``y``, ``all_ts``; its own ``t`` and ``termination`` are PyBaMM's, which reads them); subclasses
    name the errors (:meth:`errors`: one for a name, an AttributeError for an attribute) and what is empty."""

    #: what the text of its errors calls it
    NAME = "the solution"

    def __init__(self, why, termination=None, t=None):
        super().__init__(termination=termination, t=t)
        #: why it is empty
        self.why = why

    @staticmethod
    def errors():
        """(the error of a name read, the AttributeError of an attribute read)."""
        raise NotImplementedError

    def __getitem__(self, key):
        raise self.errors()[0](f"{self.NAME} holds no {key!r}: {self.why}")

    def __getattr__(self, name):
        """A run's solution's attribute (``pybamm.Solution``'s: ``cycles``, ``steps``, ``all_ts``) read here: why it
        has none (:meth:`errors`); another name, Python's AttributeError."""
        if name.startswith("_") or not hasattr(pybamm.Solution, name):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}", name=name, obj=self)
        raise self.errors()[1](f"{self.NAME} has no {name!r}: {self.why}")

    def copy(self):
        return type(self)(self.why, termination=self.termination, t=self.t)


class NotStartedSolution(ExplainedEmptySolution):
    """PyBaMM's ``EmptySolution`` of an AEA experiment none of whose steps ran, saying why when it is read
    (:class:`~pybamm_aea.models.start_advice.ExperimentNotStartedError`: PyBaMM's was a TypeError, "'EmptySolution'
    object is not subscriptable"); ``why``: :func:`~pybamm_aea.models.start_advice.not_started_message`."""

    @staticmethod
    def errors():
        from ..models.start_advice import ExperimentNotStartedAttributeError, ExperimentNotStartedError

        return ExperimentNotStartedError, ExperimentNotStartedAttributeError


class SkippedStepSolution(ExplainedEmptySolution):
    """PyBaMM's ``EmptySolution`` of an AEA experiment's step it skipped at its start, in its cycle's ``steps``, saying
    which step and why when it is read (:class:`~pybamm_aea.models.start_advice.StepSkippedError`: PyBaMM's was
    "TypeError: 'EmptySolution' object is not subscriptable"); ``why``: the words of its warning
    (:func:`~pybamm_aea.models.start_advice.skipped_text`). Still an ``EmptySolution`` (PyBaMM's
    and :func:`pybamm_aea.readout.is_skipped`'s test)."""

    NAME = "the skipped step's solution"

    @staticmethod
    def errors():
        from ..models.start_advice import StepSkippedAttributeError, StepSkippedError

        return StepSkippedError, StepSkippedAttributeError


def _explain_skipped_steps(solution, skipped):
    """Each step of ``solution`` PyBaMM skipped at its start (its ``EmptySolution`` of termination
    :data:`STEP_SKIPPED`) that ``skipped`` (:attr:`StepErrorRecorder.skipped`: this solve's kept cycles, the last of
    the solution's) gives a reason for, replaced in its cycle's ``steps`` by a :class:`SkippedStepSolution` saying it
    (its termination and time kept)."""
    cycles = list(getattr(solution, "cycles", None) or [])
    if not skipped or len(skipped) > len(cycles):
        return
    for cycle, reasons in zip(cycles[len(cycles) - len(skipped):], skipped):
        steps = getattr(cycle, "steps", None) if cycle is not None else None  # (a cycle not kept: None)
        for number, why in reasons.items():
            if steps and 0 < number <= len(steps) and type(steps[number - 1]) is pybamm.EmptySolution \
                    and steps[number - 1].termination == STEP_SKIPPED:
                empty = steps[number - 1]
                steps[number - 1] = SkippedStepSolution(why, termination=empty.termination, t=empty.t)


def _not_started(simulation, empty, inputs):
    """The :class:`NotStartedSolution` of ``simulation``'s experiment (its step models built, the solve's ``inputs``)
    in place of PyBaMM's ``empty`` solution (its termination and time kept)."""
    from ..models.start_advice import not_started_message

    models = list((getattr(simulation, STEP_MODELS, None) or {}).values())
    why = not_started_message(simulation.experiment, simulation.parameter_values, models, inputs)
    return NotStartedSolution(why, termination=empty.termination, t=empty.t)


def lost_cycles_note(recorder):
    """"; it is cycle 2 of 2: ... lost ..." for PyBaMM's SolverError of a cycle whose steps all start past their
    cut-offs (:data:`ALL_STEPS_INFEASIBLE`) after cycles that ran in this solve (``recorder``: the solve's
    :class:`StepErrorRecorder`), else None. PyBaMM's loop raises with no solution (``sim.solution`` None), its own
    DFN's too (a cycle 2 of "Discharge at 0.1C until 3.5 V" after one to 3.0 V): Li2021_Mo6S8's
    ``[("Discharge at 0.1C until 1.8 V", "Discharge at 0.1C until 1.9 V")] * 2`` lost its cycle 1 unsaid (session
    56)."""
    ran = len(recorder.skipped)  # (the cycles of this solve that ended, a starting solution's not among them)
    if not ran or recorder.cycle is None:
        return None
    cycle, cycles = recorder.cycle
    offset = cycle - 1 - ran  # a starting solution's cycles, which PyBaMM's "cycle number" counts (review R33)
    own = ran + 1
    where = f"cycle {own} of the experiment's {cycles - offset}" + (
        f" (cycle {cycle} of {cycles} with the starting solution's)" if offset else "")
    s = "s" if ran > 1 else ""
    return (f"; it is {where}: PyBaMM raises here and returns no solution, so the {ran} cycle{s} this solve ran "
            f"before it {'are' if ran > 1 else 'is'} lost (sim.solution is None). A cycle ending on a step's "
            f"cut-off leaves the cell there: let cycle {own} start (a step the other way or a rest first, or its "
            f"cut-offs past where the cycle before ends), or solve the cycle{s} before it alone (a pybamm.Experiment "
            f"of its first {ran} cycle{s})")


#: the text of PyBaMM's SolverError when every step of a cycle ("All steps in the cycle ... are infeasible ...") or a
#: cycle's one step not allowed to skip ("Step '...' is infeasible ...") starts past its cut-off
#: (Simulation._check_infeasible_steps)
ALL_STEPS_INFEASIBLE = "infeasible due to exceeded bounds at initial conditions"


def _warn_mesh_decided(simulation, solution, solver=None, starting=None):
    """Warn :class:`~pybamm_aea.convergence.MeshDependentNucleationWarning` for each of ``solution`` (one, or the list
    a solve of a list of inputs returns) whose discharge the mesh decides
    (:func:`~pybamm_aea.convergence.nucleation_mesh_warning`), read with the simulation's parameter values (those of
    its ``initial_soc``) and the solution's inputs; and :class:`~pybamm_aea.switch_check.SolverSteppedSwitchWarning` for
    a charge the solver's time step decided, with the rtol to solve it at for ``solver`` (a plain solve's, else the
    simulation's, which an experiment's steps copy: :func:`~pybamm_aea.switch_check.advised_rtol`). Only this solve's
    steps are judged: a solution continuing a ``starting`` solution begins with its cycles (:func:`_this_solves_steps`),
    whose steps its own solve judged (a 200-cycle S-LMS run and 4 continuations warned 5 times of its first discharge,
    at 70 C, each continuation as if the step were its own, until session 49); they keep their numbers in the run.
    Then, for a solution the mesh does not decide, :class:`~pybamm_aea.phase_layer_limit.PhaseLayerLimitWarning` for
    the discharges of the multi-phase host their Li4 layer (or their Li3 layer) stopped, one a solve
    (:func:`~pybamm_aea.phase_layer_limit.phase_layer_limit_once`, since session 61; the Li3 layer's since session 62;
    one a solve since session 64); and
    :class:`~pybamm_aea.convergence.NucleationBarrierWarning` for each formed discharge in which Li1 never nucleated
    at the separator (:func:`~pybamm_aea.convergence.unnucleated_discharges`, since session 62)."""
    from ..convergence import (MeshDependentNucleationWarning, NucleationBarrierWarning, nucleation_mesh_judgement,
                               unnucleated_discharges)
    from ..models.submodels import xi
    from ..phase_layer_limit import PhaseLayerLimitWarning, phase_layer_limit_once
    from ..switch_check import SolverSteppedSwitchWarning, advised_rtol, interior_li0_charge

    cells = {getattr(k, "name", k): n for k, n in (getattr(simulation, "var_pts", None) or {}).items()}.get(xi.name)
    for index, one in enumerate(solution if isinstance(solution, list) else [solution]):
        earlier, steps = _this_solves_steps(one, starting)
        # (this solve's own inputs, its first step's: a continuation's all_inputs[0] is its starting solution's)
        inputs = ((steps and getattr(steps[0], "all_inputs", None)) or getattr(one, "all_inputs", None) or [{}])[0]
        said = nucleation_mesh_judgement(simulation.model, simulation.parameter_values, steps, inputs, cells,
                                         earlier)
        said = said if said.text is not None else None  # (warned: the judgement, its text and what a row reads)
        if said is not None:
            warnings.warn(MeshDependentNucleationWarning(said, index), stacklevel=3)
        found = interior_li0_charge(simulation.model, simulation.parameter_values, steps, inputs,
                                    advised_rtol(solver or getattr(simulation, "solver", None)))
        # (the solver's, on any mesh: its own class, which mesh_check does not silence; with the AEA solver, a charge
        # still so after its re-solve at SOLVER_RTOL_FOR_THE_SWITCH; the rtol advised, the one after the last solved;
        # its step numbered in the run, on the judgement, not in its words: since session 50)
        if found is not None:
            warnings.warn(SolverSteppedSwitchWarning(found.renumbered(len(earlier)), index), stacklevel=3)
        # a thick multi-phase electrode's stop at its Li4 or Li3 layer; not read where the mesh decides a discharge (its
        # converged answer can be none at all: LMS pristine at 25 C, 4.5 mg/cm2, 0.1C, 115.5 mA.h/g on 20 cells)
        # (one warning a solve, the later stopped discharges by their step numbers: since session 64)
        text = phase_layer_limit_once(steps, len(earlier) + 1) if said is None else None
        if text is not None:
            warnings.warn(PhaseLayerLimitWarning(text, index), stacklevel=3)
        # a formed discharge that took next to nothing, Li1 never nucleating at the separator on any mesh: the free
        # energy's nucleation barrier (since session 62; LMS formed at 0.1C, then 5C: 0.18 mA.h/g, silent before)
        for text in unnucleated_discharges(steps, len(earlier) + 1, simulation.parameter_values, inputs):
            warnings.warn(NucleationBarrierWarning(text, index), stacklevel=3)


def _this_solves_steps(solution, starting=None):
    """(the steps of ``solution`` that are the ``starting`` solution's, the steps after them): PyBaMM's solve from a
    ``starting_solution`` returns its cycles first (an experiment's, each cycle kept; a plain solve's as one cycle),
    then this solve's (:func:`~pybamm_aea.readout.iter_steps`: the cycles kept in memory, the steps that ran)."""
    from ..readout import iter_steps

    carried = 0 if starting is None else len(getattr(starting, "cycles", None) or []) or 1
    steps = list(iter_steps(solution))
    before = sum(1 for cycle, *_ in steps if cycle <= carried)
    return [step for *_, step in steps[:before]], [step for *_, step in steps[before:]]


#: the parameter of ``solve`` asking for PyBaMM's electrode-SOH summary variables (:func:`_refuse_esoh`)
CALC_ESOH = "calc_esoh"
#: PyBaMM's own warning when a model cannot take its eSOH calculation (``BaseSimulation._prepare_solve``)
ESOH_NOT_SUITABLE = "Model is not suitable for calculating eSOH, setting `calc_esoh` to False"


def _refuse_esoh(model, bound):
    """``solve(calc_esoh=True)`` on a model PyBaMM computes no eSOH for (the AEA model): PyBaMM's warning, at the
    user's call, with what the AEA model gives instead, and the argument left to the model's default (False), so
    that PyBaMM does not warn again. PyBaMM's own warning pointed at this module's call of its solve (its stacklevel
    counts PyBaMM's frames only)."""
    if not bound.arguments.get(CALC_ESOH) or getattr(model, CALC_ESOH, False):
        return
    warnings.warn(f"{ESOH_NOT_SUITABLE} (PyBaMM's eSOH solver is its lithium-ion full cells'; the AEA model gives "
                  "\"Capacity [A.h]\", \"Loss of lithium inventory [%]\" and its other summary variables itself, "
                  "docs/pybamm_tools.rst)", UserWarning, stacklevel=3)
    bound.arguments[CALC_ESOH] = None


def _warn_after_solve(simulation, solution, inputs, message_of, category=None):
    """``category`` with the text ``message_of`` gives on ``solution`` of ``simulation``'s experiment, if any:
    :func:`~pybamm_aea.models.step_checks.first_cycle_termination_message` (FirstCycleCapacityTerminationWarning),
    each reading the solve's one capacity as made (:func:`~pybamm_aea.models.step_checks.solve_capacity_as_made`),
    or, ``category`` None, the (category, text) ``message_of`` gives:
    :func:`~pybamm_aea.models.start_advice.first_step_warning` (StartOutsideWindowWarning or
    FirstStepLossesWarning); whether warned."""
    from ..models.step_checks import solve_capacity_as_made

    inputs = inputs if isinstance(inputs, dict) else None
    message = message_of(simulation.experiment, solution, simulation.parameter_values,
                         getattr(simulation.model, "options", None), inputs,
                         made=functools.partial(solve_capacity_as_made, simulation, inputs))
    if category is None and message is not None:
        category, message = message
    if message is not None:
        warnings.warn(message, category, stacklevel=3)
    return message is not None


def _solve_start(simulation, t_eval):
    """The time [s] a plain ``solve(t_eval)`` of ``simulation`` starts at, its state's: ``t_eval``'s first time; for
    None, a drive cycle's (its ``operating_mode``, :data:`DRIVE_CYCLE_MODE`) the first time of its
    :data:`DRIVE_CYCLE_DATA`, where PyBaMM then solves from (session 64: data from 3600 s were read at 0); 0 for None
    otherwise, or for one not a finite number (which PyBaMM refuses itself)."""
    if t_eval is None and getattr(simulation, "operating_mode", None) == getattr(simulation, DRIVE_CYCLE_MODE, ()):
        t_eval = getattr(simulation.parameter_values[DRIVE_CYCLE_DATA], "x", [None])[0]
    try:
        start = float(np.asarray(t_eval, dtype=float).ravel()[0])
    except (TypeError, ValueError, IndexError):
        return 0.0
    return start if np.isfinite(start) else 0.0


def _experiment_start(starting):
    """The experiment's time [s] at the first step of a solve from ``starting`` (its ``starting_solution``, None: the
    initial state, 0): PyBaMM starts the first step at the starting solution's last time; None if that is not a
    number (a solution of no time)."""
    if starting is None:
        return 0.0
    try:
        return float(starting.t[-1])
    except (AttributeError, IndexError, TypeError, ValueError):
        return None


def _warn_failed_step(pybamm_method):
    """``pybamm_method`` (``Simulation.solve``) with a :class:`StepErrorRecorder` among its callbacks, then the
    warning if a step failed, for a simulation with an experiment on a model class that sets :data:`MODEL_FLAG`."""
    signature = inspect.signature(pybamm_method)

    @functools.wraps(pybamm_method)
    def solve(self, *args, **kwargs):
        if not getattr(type(self.model), MODEL_FLAG, False):
            return pybamm_method(self, *args, **kwargs)
        bound = signature.bind(self, *args, **kwargs)
        _refuse_esoh(self.model, bound)
        from ..models.starting_state import (carried_stretch_values, check_carried_lithium, check_carried_states,
                                             check_starting_state)
        from ..user_input import check_save_at_cycles

        stepped = getattr(self, "experiment", None) is not None
        starting = bound.arguments.get(STARTING_SOLUTION) if stepped else None  # (PyBaMM refuses one without)
        if stepped:  # save_at_cycles before any step (PyBaMM reads it after each cycle)
            check_save_at_cycles(bound.arguments.get(SAVE_AT_CYCLES),
                                 len(getattr(starting, "cycles", None) or []))
            check_starting_state(starting, bound.arguments.get(INITIAL_SOC))
            check_carried_states(starting, self.model)
            check_carried_lithium(starting, self.model, self.parameter_values, bound.arguments.get(INPUTS),
                                  getattr(bound.arguments.get(SOLVER) or self.solver, "rtol", None),
                                  {name: getattr(self, name) for name in MESH_SETTINGS})
        # the host's transport to read a carried stretch, or one set by hand, off 1: the models built on a copy (the
        # model PyBaMM puts the values into: once built, self.model is the processed one)
        carried = carried_stretch_values(starting, getattr(self, UNPROCESSED_MODEL), self.parameter_values,
                                         bound.arguments.get(INPUTS))
        if carried is not None:
            _build_anew_on(self, carried, _carried_names())
        if not stepped:  # a plain solve(t_eval): only the nucleation warning
            # (its state is set at its t_eval's start: a cut-off of the time is read there, session 63)
            token = STATE_TIME.set(_solve_start(self, bound.arguments.get("t_eval")))
            try:
                solution = pybamm_method(*bound.args, **bound.kwargs)
            finally:
                STATE_TIME.reset(token)
            _warn_mesh_decided(self, solution, bound.arguments.get("solver"))
            return solution
        given = bound.arguments.get(CALLBACKS)
        recorder = StepErrorRecorder(self)
        # (the recorder first: at each step's start it names the step for the callbacks after it, progress' bar)
        bound.arguments[CALLBACKS] = [recorder, *(given if isinstance(given, list) else [given] if given else [])]
        try:
            given, ended_on = _continued_from(starting)
            if ended_on is not None:
                bound.arguments[STARTING_SOLUTION] = given
            # (the experiment's time at its first step: a step value of pybamm.t is checked at its times before any
            # step, models.step_checks.check_step_values)
            token = EXPERIMENT_START.set(_experiment_start(starting))
            try:
                solution = pybamm_method(*bound.args, **bound.kwargs)
            finally:
                EXPERIMENT_START.reset(token)
            _give_back_termination(solution, starting, ended_on)
        except Exception as exc:  # PyBaMM's when a cycle's steps all start past their cut-offs, with a C-rate's
            # basis; a starting solution of another state layout: casadi's shape error, explained
            from ..models.starting_state import starting_state_mismatch
            from ..models.step_checks import c_rate_basis_note

            failure = recorder.failure
            if (isinstance(exc, pybamm.SolverError) and failure is not None and failure["error"] is exc
                    and IDA_FAILED in str(exc)):  # the experiment's first step (PyBaMM raises its failure)
                note = _uncut_step_note(self, failure, starting, failed=True, inputs=bound.arguments.get(INPUTS))
                if note is not None:
                    raise pybamm.SolverError(f"{str(exc).rstrip('.')}. {note}") from exc
            if isinstance(exc, pybamm.SolverError) and ALL_STEPS_INFEASIBLE in str(exc):
                named = [step for step in self.experiment.steps if str(step) in str(exc)]  # (the failing cycle's)
                note = c_rate_basis_note(named or self.experiment.steps, self.parameter_values,
                                         list((getattr(self, STEP_MODELS, None) or {}).values()),
                                         bound.arguments.get(INPUTS))
                lost = lost_cycles_note(recorder)
                if note is not None or lost is not None:
                    raise pybamm.SolverError(f"{str(exc).rstrip('.')}{note or ''}{lost or ''}") from exc

            why = None if starting is None else starting_state_mismatch(
                starting, (getattr(self, STEP_MODELS, None) or {}).values())
            if why is None:
                raise
            raise ValueError(f"{why} (PyBaMM: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__})") from exc
        if type(solution) is pybamm.EmptySolution:  # no step ran: reading it says why (PyBaMM's: a TypeError)
            empty, solution = solution, _not_started(self, solution, bound.arguments.get(INPUTS))
            if getattr(self, SOLUTION, None) is empty:  # (sim.solution too)
                setattr(self, SOLUTION, solution)
            return solution
        # (its cycles begin with a starting solution's; its steps' solvers are copies of the simulation's, whatever
        # solver the solve was given)
        _warn_mesh_decided(self, solution, starting=starting)
        from ..models.start_advice import ExperimentStepFailedWarning, first_step_warning
        from ..models.step_checks import FirstCycleCapacityTerminationWarning, first_cycle_termination_message

        if recorder.failure is not None:
            # (IDA failing as it integrated; a refusal before it, e.g. a step starting outside the window, says why)
            note = (_uncut_step_note(self, recorder.failure, solution, failed=True, inputs=bound.arguments.get(INPUTS))
                    if IDA_FAILED in str(recorder.failure["error"]) else None)
            message = failed_step_message(recorder.failure, self.experiment, solution)
            warnings.warn(f"{message}. {note}" if note else message, ExperimentStepFailedWarning, stacklevel=2)
        elif recorder.stopped is not None and str(recorder.stopped[TERMINATION]).endswith(WINDOW_EVENTS):
            stopped = recorder.stopped
            note = _uncut_step_note(self, stopped, solution, failed=False, inputs=bound.arguments.get(INPUTS))
            if note:  # (PyBaMM logged "Experiment is infeasible" only)
                why = f"the model's event '{stopped[TERMINATION]}' during '{stopped['step operating conditions']}'"
                warnings.warn(f"the experiment {stopped_text(stopped['cycle number'], stopped['step number'], why)}. "
                              f"{note}", ExperimentStepFailedWarning, stacklevel=2)
        if starting is None and recorder.failure is None and recorder.first_ended != STEP_SKIPPED:
            # (step 1, run from the initial state: an initial_soc's too, judged by the end of the host it starts at;
            # the window's warning, else the losses', if they ended it at once)
            _warn_after_solve(self, solution, bound.arguments.get(INPUTS), first_step_warning)
        if (starting is None and getattr(solution, "termination", None) == CAPACITY_LIMIT
                and recorder.failure is None and recorder.stopped is None):  # (a step's: its warning alone)
            _warn_after_solve(self, solution, bound.arguments.get(INPUTS), first_cycle_termination_message,
                              FirstCycleCapacityTerminationWarning)
        _explain_skipped_steps(solution, recorder.skipped)  # (last: the checks above read the steps as PyBaMM's)
        from ..readout import record_descriptions

        record_descriptions(solution, self.experiment, starting)  # (step_table's descriptions)
        return solution

    return solve


def install():
    """Check the PyBaMM names (:func:`check`), then wrap ``pybamm.Simulation.solve`` (idempotent)."""
    wrap_once(pybamm.Simulation, METHOD, "_pybamm_aea_step_error", _warn_failed_step, check)
