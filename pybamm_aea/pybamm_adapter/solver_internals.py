"""The PyBaMM solver internals the AEA solvers read or set outside a method override.

:mod:`pybamm_aea.models.solvers` subclasses ``pybamm.IDAKLUSolver``; what its classes touch of PyBaMM besides the
methods they override (listed in :mod:`pybamm_aea.pybamm_adapter`) goes through here:

- :func:`flatten_inputs`: ``pybamm.solvers.base_solver.flatten_inputs`` (a module-level function PyBaMM does not
  export at ``pybamm.``): the inputs dict as the vector IDAKLU's CasADi functions take;
- :func:`set_end_state`: a solution's last point replaced, in ``solution.all_ys[-1]`` and in the private
  ``Solution._y_event`` (the state at the event, which ``Solution.last_state`` and the next experiment step read);
- :func:`idaklu_options`: the private ``IDAKLUSolver._options`` (the options the solver was made with, merged with
  PyBaMM's defaults), from which a retry solver is made with one option changed;
- :func:`failures_ignored`: ``BaseSolver.on_failure`` (set at construction, undocumented as an attribute) set to
  ``"ignore"`` around one integration and set back after, for the partial solution IDA returns where PyBaMM would raise;
- what ``BaseSolver.set_up`` attaches to the model it sets up (PyBaMM 26.10; none documented):
  :func:`residual_function` and :func:`set_jacobian_function` (``model.rhs_algebraic_eval``,
  ``model.jac_rhs_algebraic_eval``: CasADi functions of ``(t, y, inputs)``), :func:`event_functions` and
  :func:`set_event_functions` (``model.terminate_events_eval``), :func:`event_names` (the names of ``model.events``
  of type ``TERMINATION``, in that order), :func:`replace_solver_functions`
  (:data:`SOLVER_FUNCTIONS`), :func:`has_sensitivities` (``model.calculate_sensitivities``) and
  :func:`initial_state` (``model.y0``, from ``model.y0_list``: the consistent initial state of the last set-up or step);
- :func:`integrate_again`: one input set of the last integration run again by another solver, which calls
  ``IDAKLUSolver.set_up`` and the private ``_integrate`` (the one method ``solve`` and ``step`` both integrate through)
  and reads and restores the model's initial states of the integration (:data:`INITIAL_STATES`).

What upstream would replace this module: ``flatten_inputs`` exported; a public post-integration hook per input set
(or IDA's tolerance tightened for one input set); a public way to set a solution's end state
(or IDAKLU ending an event-terminated step on a consistent state itself); a public ``IDAKLUSolver.options``; a
documented set-up result (the model's functions and initial state) a solver subclass may read and replace.
"""
import contextlib

import pybamm
from pybamm.solvers.base_solver import flatten_inputs  # noqa: F401  (re-exported)

#: the private ``pybamm.Solution`` slot :func:`set_end_state` sets, and the ``IDAKLUSolver`` attribute
#: :func:`idaklu_options` reads
EVENT_STATE = "_y_event"
OPTIONS = "_options"


def set_end_state(solution, y):
    """Make ``y`` (states x points, the last sub-solution's) the states of ``solution``'s last sub-solution, its
    last column the state at the event; ``solution`` is changed in place."""
    solution.all_ys[-1] = y  # (the list PyBaMM reads the states from)
    setattr(solution, EVENT_STATE, y[:, -1:].copy())


def idaklu_options(solver):
    """The options ``solver`` (a ``pybamm.IDAKLUSolver``) runs with: a dict, PyBaMM's defaults overlaid with the
    user's."""
    return getattr(solver, OPTIONS)


#: the ``BaseSolver`` attribute (PyBaMM's ``on_failure`` argument: "error", "warn" or "ignore") :func:`failures_ignored`
#: sets
ON_FAILURE = "on_failure"


@contextlib.contextmanager
def failures_ignored(solver, when=None):
    """Inside the block, ``solver`` (a PyBaMM solver) returns IDA's partial solution where it fails
    (``on_failure="ignore"``) rather than raising or warning; its own ``on_failure`` set back after, also when the
    block raises. With ``when`` (e.g. ``"error"``), changed only if it was that. Yields the value it had.
    A PyBaMM solver without the attribute raises AttributeError on entry, before anything is set (the caller
    decides what that means)."""
    was = getattr(solver, ON_FAILURE)
    change = when is None or was == when
    if change:
        setattr(solver, ON_FAILURE, "ignore")
    try:
        yield was
    finally:
        if change:
            setattr(solver, ON_FAILURE, was)


#: the model attributes PyBaMM 26.10's ``BaseSolver.set_up`` sets to the functions IDAKLU integrates with
SOLVER_FUNCTIONS = ("rhs_algebraic_eval", "jac_rhs_algebraic_eval", "jac_rhs_algebraic_action_eval",
                    "algebraic_eval", "jac_algebraic_eval")


def residual_function(model):
    """The residual of a set-up ``model``'s equations, differential then algebraic rows, as the function of
    ``(t, y, inputs)`` the solver integrates (PyBaMM 26.10's ``model.rhs_algebraic_eval``, a ``casadi.Function``
    for a model converted to CasADi)."""
    return model.rhs_algebraic_eval


def set_jacobian_function(model, function):
    """Make ``function`` (of ``(t, y, inputs)``) the Jacobian of the residual in ``y`` the solver's Newton iteration
    uses for a set-up ``model`` (PyBaMM 26.10's ``model.jac_rhs_algebraic_eval``)."""
    model.jac_rhs_algebraic_eval = function


def event_functions(model):
    """A set-up ``model``'s termination events, one function of ``(t, y, inputs)`` each (PyBaMM 26.10's
    ``model.terminate_events_eval``)."""
    return model.terminate_events_eval


def event_names(model):
    """The names of a set-up ``model``'s termination events, in :func:`event_functions`' order (PyBaMM 26.10 makes
    those functions from ``model.events`` of type ``TERMINATION``, in order; the caller checks the count)."""
    return [event.name for event in getattr(model, "events", None) or ()
            if event.event_type == pybamm.EventType.TERMINATION]


def set_event_functions(model, functions):
    """Make ``functions`` (one per event, in :func:`event_functions`' order) a set-up ``model``'s termination
    events."""
    model.terminate_events_eval = functions


def replace_solver_functions(model, replace, kind):
    """Each of :data:`SOLVER_FUNCTIONS` of a set-up ``model`` that is an instance of ``kind`` replaced by
    ``replace(function)``."""
    for name in SOLVER_FUNCTIONS:
        function = getattr(model, name, None)
        if isinstance(function, kind):
            setattr(model, name, replace(function))


def has_sensitivities(model):
    """True if ``model`` is solved with sensitivities (PyBaMM 26.10's ``model.calculate_sensitivities``, the list of
    their parameters, which ``solve`` and ``step`` set before the set-up; absent on a model never set up)."""
    return bool(getattr(model, "calculate_sensitivities", None))


def initial_state(model):
    """The state vector a set-up ``model``'s solve or step starts from (PyBaMM 26.10's ``model.y0``: the first of
    ``model.y0_list``, a ``casadi.DM`` or array; None before the set-up)."""
    return model.y0


#: the model attributes PyBaMM 26.10's ``solve`` and ``step`` set to an integration's initial states, one per input
#: set (``y0full`` and ``ydot0full``, IDAKLU's, are what it integrates from), and ``set_up`` resets
INITIAL_STATES = ("y0_list", "y0S_list", "y0full", "ydot0full")


def integrate_again(solver, model, t_eval, inputs_list, index, t_interp=None):
    """Input set ``index`` of the integration ``model`` last ran (over ``t_eval`` [s] with ``inputs_list``, the
    model inputs it ran with) integrated again from the same initial state by ``solver``, another IDAKLU solver, set
    up here for ``model``; the model's :data:`INITIAL_STATES` as they were after. Returns the solution (PyBaMM's
    post-processing of one input set, before its termination reason is read, as ``_integrate`` returns it)."""
    saved = {name: getattr(model, name) for name in INITIAL_STATES if hasattr(model, name)}
    inputs = [inputs_list[index]]
    try:
        solver.set_up(model, inputs, t_eval)
        model.y0full, model.ydot0full = [saved["y0full"][index]], [saved["ydot0full"][index]]
        return solver._integrate(model, t_eval, inputs, t_interp)[0]
    finally:
        for name, value in saved.items():
            setattr(model, name, value)
