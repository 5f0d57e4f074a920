"""The PyBaMM solver internals the AEA solvers read or set outside a method override.

:mod:`pybamm_aea.models.solvers` subclasses ``pybamm.IDAKLUSolver``; what its classes touch of PyBaMM besides the
methods they override (listed in :mod:`pybamm_aea.pybamm_adapter`) goes through here:

- :func:`flatten_inputs`: ``pybamm.solvers.base_solver.flatten_inputs`` (a module-level function PyBaMM does not
  export at ``pybamm.``): the inputs dict as the vector IDAKLU's CasADi functions take;
- :func:`set_end_state`: a solution's last point replaced, in ``solution.all_ys[-1]`` and in the private
  ``Solution._y_event`` (the state at the event, which ``Solution.last_state`` and the next experiment step read);
- :func:`idaklu_options`: the private ``IDAKLUSolver._options`` (the options the solver was made with, merged with
  PyBaMM's defaults), from which a retry solver is made with one option changed.

What upstream would replace this module: ``flatten_inputs`` exported; a public way to set a solution's end state
(or IDAKLU ending an event-terminated step on a consistent state itself); a public ``IDAKLUSolver.options``.
"""
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
