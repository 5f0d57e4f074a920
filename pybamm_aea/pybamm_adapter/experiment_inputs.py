"""The check of input names over a whole experiment: a small patch of PyBaMM.

Why: ``pybamm.Simulation`` builds one model per distinct step of an experiment and hands each step's model
to its own copy of the solver (``solver.step``), so the check of input names of
:class:`pybamm_aea.models.start_advice.CheckedIDAKLUSolver` (the AEA model's default solver) saw one step's model
at a time: an input only a later step reads (a step's current given as ``pybamm.InputParameter("I2")``,
which only that step's model holds) was warned about at the earlier steps as having no effect, though it
set the later step's current, and a typo was warned about once per step.

What: :func:`install` wraps ``pybamm.Simulation.build_for_experiment``, which ``Simulation.solve`` calls once
per solve of an experiment, before the first step, and which leaves every step's model and solver in
``steps_to_built_models`` and ``steps_to_built_solvers``. After PyBaMM's method, the step solvers that are
:class:`~pybamm_aea.models.start_advice.CheckedIDAKLUSolver` get one new
:class:`~pybamm_aea.models.checks.ExperimentInputNames` made from all the step models (their
``experiment_inputs``): each step then warns only about an input no step model reads, and about each such
name once for the solve. Before PyBaMM's method, when the simulation's solver (the step solvers are its
copies) is a :class:`~pybamm_aea.models.start_advice.CheckedIDAKLUSolver`, the wrapper checks that PyBaMM runs each
step with its own value (:func:`~pybamm_aea.models.step_checks.check_steps_not_merged`: two drive cycles that
print the same, one cycle looped by a step longer than the first step's, or two custom steps of different functions of
the state whose texts differ only in their durations or descriptions, are one step to PyBaMM), the experiment's
termination (:func:`~pybamm_aea.models.step_checks.check_termination`, against an upper voltage cut-off given
as an input too) and each step's own value
(:func:`~pybamm_aea.models.step_checks.check_step_values`) with the inputs of the solve, before any step runs: a
step's current given as an input (``pybamm.InputParameter("I2")``) is no parameter of the step's model, in
which PyBaMM's build puts it in place of "Current function [A]", so the solve-time check by name did not see
it (``I2 = nan`` ran the first step, then IDA failed with IDA_BAD_K, which PyBaMM logged, returning the first
step). A simulation without experiment, or whose solver is another (PyBaMM's own, so any model on PyBaMM's
solvers), is left as PyBaMM built it. On the default solver the wrapper also names the step of a
``RecursionError`` from PyBaMM's build: an explicit custom step (``pybamm.step.CustomStepExplicit``) whose current
reads a variable that depends on the current (:func:`~pybamm_aea.models.step_checks.circular_custom_steps`),
and of the model's refusal of "'Current function [A]' = nan" as PyBaMM's build parameterises a step's model: an explicit
custom step whose current PyBaMM folds to that constant (``0 * variables[...] + nan``,
:func:`~pybamm_aea.models.step_checks.constant_custom_currents`); it records the custom steps' own models
(:func:`owned_models`: a model that runs one step's text, so not a unified model of several) in
:data:`~pybamm_aea.models.start_advice.CUSTOM_STEP_MODELS`, whose solver error then says the step's current at
its start and where the solver stopped, and the constant-power steps' in
:data:`~pybamm_aea.models.start_advice.POWER_STEP_MODELS`, whose error says the current the power needs and
where the step failed; ``Simulation.solve`` itself is not wrapped here (it is by
:mod:`pybamm_aea.pybamm_adapter.experiment_errors`, for its warning about a later step the solver fails on).

The wrapper reads the simulation's ``steps_to_built_models``, ``steps_to_built_solvers``, ``experiment``,
``solver`` and ``parameter_values`` (public attributes) and the method's ``inputs`` argument; :func:`check`
verifies them and the method before anything is wrapped and raises an ImportError naming the PyBaMM version
and what is missing. It also reads the class's ``_INTERNAL_EXPERIMENT_INPUTS`` (:func:`internal_inputs`; PyBaMM
26.10, optional): the inputs PyBaMM gives each step itself, which the warning does not show as the step models'
inputs (with ``experiment_model_mode="unified"`` it listed "Experiment step index" and "Experiment step value").

What upstream would replace this module: the simulation telling the solver all its step models before the
first step (e.g. a ``solver.set_up_experiment(models, inputs)`` call after ``build_for_experiment``), or
PyBaMM checking the input names of ``solve(inputs=...)`` against them itself, and the steps' values, as its
``BaseStep`` checks a function's value at t = 0 is finite.
"""
import collections
import contextvars
import functools
import inspect
import re
import warnings

import pybamm

from ..user_frame import users_stacklevel
from .initial_states import patch_mismatch, source_of, wrap_once

#: the ``pybamm.Simulation`` method wrapped, and the attributes its wrapper reads (set by the class's source)
METHOD = "build_for_experiment"
SIMULATION_NAMES = ("steps_to_built_models", "steps_to_built_solvers", "experiment", "solver",
                    "parameter_values", "model")
#: the names of ``pybamm.step.BaseStep`` the wrapper and :func:`~pybamm_aea.models.step_checks.check_step_values`
#: read
STEP_NAMES = ("basic_repr", "input_value", "is_python_function", "termination", "duration", "period", "temperature",
              "direction", "value")
#: the names of ``pybamm.Experiment`` that :func:`~pybamm_aea.models.step_checks.check_steps_not_merged` reads
#: (the steps as given and as PyBaMM runs them)
EXPERIMENT_NAMES = ("cycles", "steps")
#: the experiment steps whose current is the user's function of the state (``pybamm.step``'s classes, PyBaMM 26.10)
#: -> the attribute of each holding that function, which the step's text holds as None (compared by identity: two
#: such functions are one step to PyBaMM)
CUSTOM_STEP_FUNCTIONS = {"CustomStepExplicit": "current_value_function", "CustomStepImplicit": "current_rhs_function"}
#: what :meth:`~pybamm_aea.models.start_advice.CheckedIDAKLUSolver._failed_state` reads after a custom step's
#: failure: the solver's option (``pybamm.BaseSolver``) and the partial solution's (``pybamm.Solution``)
SOLVER_NAMES = ("on_failure",)
SOLUTION_NAMES = ("all_ts", "all_ys", "termination")
#: the ``pybamm.Simulation`` class attribute (PyBaMM 26.10) naming the inputs it gives each experiment step itself
#: (its start time, ambient and initial temperature and, with ``experiment_model_mode="unified"``, the step's
#: index and value): not shown to the user among the step models' inputs. Optional: a PyBaMM without it has no
#: unified mode, and its start time is filtered anyway (:data:`PYBAMM_INPUTS`)
INTERNAL_INPUTS = "_INTERNAL_EXPERIMENT_INPUTS"
#: the event in which ``experiment_model_mode="unified"``'s one model joins every step's terminations (the private
#: ``pybamm.Simulation._COMBINED_TERMINATION_EVENT``, PyBaMM 26.10; None in a PyBaMM without unified mode): a step's own
#: events are not in that model (:func:`step_terminations`)
COMBINED_TERMINATION = getattr(pybamm.Simulation, "_COMBINED_TERMINATION_EVENT", None)
#: the methods of ``pybamm.step.BaseTermination`` :func:`step_terminations` reads
TERMINATION_NAMES = ("get_event", "get_event_name")
#: the input PyBaMM gives each experiment step, ``pybamm.Simulation``'s private ``_START_TIME_INPUT`` ("start time"
#: before PyBaMM named it): the experiment's time [s] at the step's start, what a Python function's time is counted
#: from (``pybamm.t - start time``; ``pybamm.t`` itself is the experiment's time)
START_TIME = getattr(pybamm.Simulation, "_START_TIME_INPUT", "start time")
#: the experiment's time [s] at its first step in the ``Simulation.solve`` running (0 from the initial state, a
#: ``starting_solution``'s last time: PyBaMM's ``pybamm.t`` goes on from it), set by
#: :mod:`pybamm_aea.pybamm_adapter.experiment_errors` around PyBaMM's solve; None outside one (a
#: ``build_for_experiment`` called on its own, whose solve may yet start from a starting solution)
EXPERIMENT_START = contextvars.ContextVar("pybamm_aea_experiment_start", default=None)
#: the inputs PyBaMM itself passes to a solver (:data:`START_TIME`): not the user's (:mod:`pybamm_aea.models.checks`
#: neither warns about them nor shows them)
PYBAMM_INPUTS = frozenset({START_TIME})


def internal_inputs(simulation_class=None):
    """The names of the inputs ``pybamm.Simulation`` gives an experiment's steps itself (:data:`INTERNAL_INPUTS`;
    empty when the installed PyBaMM does not name them)."""
    return frozenset(getattr(simulation_class or pybamm.Simulation, INTERNAL_INPUTS, ()))


def check(simulation_class=None):
    """ImportError naming the PyBaMM version unless the names this patch relies on are there."""
    simulation_class = simulation_class or pybamm.Simulation
    source = "".join(source_of(cls) for cls in simulation_class.__mro__ if cls is not object)
    method = getattr(simulation_class, METHOD, None)
    missing = [] if callable(method) else [f"Simulation.{METHOD}"]
    if callable(method) and "inputs" not in inspect.signature(method).parameters:
        missing.append(f"Simulation.{METHOD}(inputs=...)")
    missing += [f"Simulation.{name}" for name in SIMULATION_NAMES
                if not hasattr(simulation_class, name) and not re.search(rf"self\.{name}\b", source)]
    # a step's key in steps_to_built_models (the custom steps' models) and a drive cycle's numbers (every sample
    # checked): pybamm.step.BaseStep's
    step_source = source_of(pybamm.step.BaseStep)
    missing += [f"pybamm.step.BaseStep.{name}" for name in STEP_NAMES
                if not hasattr(pybamm.step.BaseStep, name) and not re.search(rf"self\.{name}\b", step_source)]
    # the steps as given and as run, the custom steps' functions, a failed custom step's re-solve (read after a
    # failure, inside a try: a PyBaMM without them would leave the solver's error without its note, unnoticed)
    for where, cls, names in (("Experiment", pybamm.Experiment, EXPERIMENT_NAMES),
                              ("step.BaseTermination", pybamm.step.BaseTermination, TERMINATION_NAMES),
                              ("BaseSolver", pybamm.BaseSolver, SOLVER_NAMES),
                              ("Solution", pybamm.Solution, SOLUTION_NAMES),
                              *((f"step.{kind}", getattr(pybamm.step, kind, None), (name,))
                                for kind, name in CUSTOM_STEP_FUNCTIONS.items())):
        if cls is None:
            continue  # (a PyBaMM without custom steps: none to compare)
        cls_source = source_of(cls)
        missing += [f"pybamm.{where}.{name}" for name in names
                    if not hasattr(cls, name) and not re.search(rf"self\.{name}\b", cls_source)]
    if missing:
        raise patch_mismatch("experiment input-name", __name__, missing)


def owned_models(steps, steps_to_built_models):
    """The step models that each run one distinct step of ``steps`` (a ``pybamm.Experiment``'s, keyed in
    ``steps_to_built_models`` by ``step.basic_repr()``) -> that step (the first of its text): the step whose failure a
    note about the model may name. A model shared by steps of different texts (``experiment_model_mode="unified"``
    builds one for all) is no step's: with two custom steps the second's failure was told as the first's."""
    steps_of = collections.defaultdict(dict)  # id(model) -> {the text of each step it runs: the first such step}
    models = {}
    for step in steps:
        model = (steps_to_built_models or {}).get(step.basic_repr())
        if model is not None:
            models[id(model)] = model
            steps_of[id(model)].setdefault(step.basic_repr(), step)
    return {models[key]: next(iter(own.values())) for key, own in steps_of.items() if len(own) == 1}


class _ProcessedVariables(dict):
    """A built ``model``'s variables as its solver evaluates them (``model.get_processed_variable``, made when read):
    what a step's termination is made on in a model whose variables PyBaMM processes when read."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def __missing__(self, name):
        self[name] = variable = self.model.get_processed_variable(name)
        return variable


def step_terminations(model, step):
    """[(termination, event)] of the experiment ``step``'s terminations (``step.termination``: PyBaMM's voltage,
    current, C-rate and custom terminations) and their events on its built ``model``: the model's own events of
    their names (one model per step, PyBaMM's default), or, on the one model of ``experiment_model_mode="unified"``,
    which holds them joined in its :data:`COMBINED_TERMINATION` event only, each made on the model's processed
    variables (as PyBaMM's Simulation makes them to name the one a step ended on). A termination with no event (a
    voltage cut-off of a step of no direction) is left out."""
    own = {event.name: event for event in model.events}
    variables = _ProcessedVariables(model) if COMBINED_TERMINATION in own else None
    pairs = []
    for termination in getattr(step, "termination", None) or ():
        event = (own.get(termination.get_event_name(step)) if variables is None
                 else termination.get_event(variables, step))
        if event is not None:
            pairs.append((termination, event))
    return pairs


def _whole_experiment_check(pybamm_method):
    """``pybamm_method`` (``Simulation.build_for_experiment``), then one :class:`ExperimentInputNames` of all
    the step models for the step solvers that are :class:`CheckedIDAKLUSolver`."""
    signature = inspect.signature(pybamm_method)

    @functools.wraps(pybamm_method)
    def build_for_experiment(self, *args, **kwargs):
        # (imported here: pybamm_aea.models installs this hook while it is being imported)
        from ..models.checks import ExperimentInputNames
        from ..models.start_advice import CUSTOM_STEP_MODELS, CheckedIDAKLUSolver, POWER_STEP_MODELS
        from ..models.step_checks import (CAPACITY_AS_MADE, check_step_values, check_steps_not_merged,
                                          check_termination, circular_custom_steps, constant_custom_currents,
                                          solve_capacity_as_made)

        # (the capacity as made of the build or solve before: each solve builds, with its own values and inputs)
        CAPACITY_AS_MADE.pop(self, None)
        inputs = signature.bind(self, *args, **kwargs).arguments.get("inputs")
        made = functools.partial(solve_capacity_as_made, self, inputs)  # (evaluated where first read, then kept)
        checked = isinstance(self.solver, CheckedIDAKLUSolver)  # (the step solvers are its copies)
        if checked:
            # every step's own value (a current given as an input) before the build and any step, each step run
            # with its own value (PyBaMM's Experiment merges two drive cycles that print the same)
            check_steps_not_merged(self.experiment)
            check_termination(self.experiment, self.parameter_values, inputs, made=made)  # (an input cut-off: read)
            # (the experiment's time at the first step, for a step value of pybamm.t: known inside a solve)
            check_step_values(self.experiment.steps, inputs, self.parameter_values,
                              (getattr(self.model, "options", None) or {}).get("anode"), EXPERIMENT_START.get(),
                              (getattr(self.experiment, "termination", None) or {}).get("time"))
        try:
            built = pybamm_method(self, *args, **kwargs)
        except RecursionError:  # an explicit custom step's current of a variable of the current: say which
            circular = circular_custom_steps(self.experiment.steps, self.model) if checked else None
            if circular is None:
                raise
            raise ValueError(circular) from None
        except ValueError as exc:  # the model's check of its current refusing a custom step's constant: say which
            constant = constant_custom_currents(self.experiment.steps, self.model, self.parameter_values) \
                if checked and str(exc).startswith("'Current function [A]' = ") else None
            if constant is None:
                raise
            raise ValueError(f"{exc}: {constant}") from exc
        if checked and not getattr(self, "_pybamm_aea_nominal_told", False):
            # a C-rate on a nominal capacity the cathode's is far from (a loading changed by hand): said once
            from ..models.step_checks import nominal_capacity_mismatch
            from ..models.checks import check_inputs

            first = next(iter((self.steps_to_built_models or {}).values()), None)
            if inputs and first is not None:  # the range check first (the solver's, at its first step): the capacity
                # below divides by the solid fraction, and an input porosity of 1.0 printed numpy's RuntimeWarnings
                # ("divide by zero", "invalid value") ahead of the package's ValueError (session 50)
                check_inputs(first, inputs)
            mismatch = nominal_capacity_mismatch(self.experiment.steps, self.parameter_values, inputs, made)
            if mismatch is not None:
                self._pybamm_aea_nominal_told = True
                warnings.warn(mismatch, stacklevel=users_stacklevel())
        if checked and not getattr(self, "_pybamm_aea_rising_told", False):
            # a capacity termination on "Capacity [A.h]" that an option makes rise (activation): said once
            from ..models.step_checks import RisingCapacityTerminationWarning, rising_capacity_termination_message

            rising = rising_capacity_termination_message(self.experiment, getattr(self.model, "options", None))
            if rising is not None:
                self._pybamm_aea_rising_told = True
                warnings.warn(RisingCapacityTerminationWarning(rising), stacklevel=users_stacklevel())
        if checked:  # the custom and constant-power steps' own models, named if one fails: a custom step's current
            # at its start and where it failed, a power step's current its power needs and where it failed
            kinds = tuple(getattr(pybamm.step, name) for name in CUSTOM_STEP_FUNCTIONS if hasattr(pybamm.step, name))
            owned = owned_models(self.experiment.steps, self.steps_to_built_models)
            for model, step in owned.items():
                if isinstance(step, kinds):
                    CUSTOM_STEP_MODELS[model] = step
                elif isinstance(step, pybamm.step.Power):
                    POWER_STEP_MODELS[model] = (step, self.parameter_values)
            for step in self.experiment.steps:  # a power or custom step's shared (unified) model: the step running
                model = (self.steps_to_built_models or {}).get(step.basic_repr())  # is named
                if model is None or model in owned:
                    continue
                if isinstance(step, pybamm.step.Power):
                    POWER_STEP_MODELS[model] = (None, self.parameter_values)
                elif isinstance(step, kinds):
                    CUSTOM_STEP_MODELS[model] = None
        solvers = [solver for solver in (self.steps_to_built_solvers or {}).values()
                   if isinstance(solver, CheckedIDAKLUSolver)]
        if solvers:
            names = ExperimentInputNames((self.steps_to_built_models or {}).values(),
                                         internal=internal_inputs(type(self)))
            for solver in solvers:
                solver.experiment_inputs = names
        return built

    return build_for_experiment


def install():
    """Check the PyBaMM names (:func:`check`), then wrap ``pybamm.Simulation.build_for_experiment``
    (idempotent)."""
    wrap_once(pybamm.Simulation, METHOD, "_pybamm_aea_experiment_inputs", _whole_experiment_check, check)
