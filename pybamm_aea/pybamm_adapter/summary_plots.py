"""``pybamm.plot_summary_variables(solution)`` with no ``output_variables`` on an AEA solution: a small patch.

Why: PyBaMM's default list holds its full cell's negative-electrode names (``"Loss of active material in negative
electrode [%]"``, ``x_100``, ``x_0``) and ``y_100``, ``y_0``, which a cathode | Li half cell does not define, so the
first call a PyBaMM user makes raised ``KeyError: "Variable 'Loss of active material in negative electrode [%]' is
not a summary variable."`` on every AEA solution (session 55's trial).

What: :func:`install` replaces the attribute ``pybamm.plot_summary_variables`` (once) with a wrapper: called with
no ``output_variables`` (None) on solutions whose models all have the class attribute :data:`MODEL_DEFAULTS`
(:data:`pybamm_aea.models.aea.SUMMARY_PLOT_VARIABLES`), and the same list, it passes that list; any other call
(a PyBaMM model's solution among them, or a list given) goes to PyBaMM unchanged, its KeyError its own; the
solutions of a call without a list are listed once (an iterator read for the models would reach PyBaMM empty). A
``from pybamm import plot_summary_variables`` made before pybamm-aea is imported keeps PyBaMM's function.
Retired by: PyBaMM taking a model's default summary plot list (a ``default_summary_plot_variables`` property).
"""
import functools
import inspect

import pybamm

#: the model-class attribute holding the summary variables its solutions plot by default
MODEL_DEFAULTS = "default_summary_plot_variables"


def model_defaults(solutions):
    """The default summary plot list of ``solutions`` (a ``pybamm.Solution`` or an iterable of them) when every
    model of every solution has the same :data:`MODEL_DEFAULTS` class attribute, else None."""
    solutions = [solutions] if isinstance(solutions, pybamm.Solution) else list(solutions)
    found = {tuple(getattr(type(model), MODEL_DEFAULTS, None) or ()) for s in solutions for model in s.all_models}
    return list(found.pop()) if len(found) == 1 and () not in found else None


def _with_model_defaults(pybamm_function):
    @functools.wraps(pybamm_function)
    def plot_summary_variables(solutions, output_variables=None, *args, **kwargs):
        if output_variables is None:
            if not isinstance(solutions, pybamm.Solution):
                solutions = list(solutions)  # (read twice: a generator would reach PyBaMM empty, review R30)
            output_variables = model_defaults(solutions)
        return pybamm_function(solutions, output_variables, *args, **kwargs)

    plot_summary_variables._pybamm_aea_defaults = True
    return plot_summary_variables


def install():
    """Wrap ``pybamm.plot_summary_variables`` (idempotent) after checking its second parameter is
    ``output_variables`` with default None."""
    from .initial_states import patch_mismatch

    function = pybamm.plot_summary_variables
    if getattr(function, "_pybamm_aea_defaults", False):
        return
    names = list(inspect.signature(function).parameters.values())
    if len(names) < 2 or names[1].name != "output_variables" or names[1].default is not None:
        raise patch_mismatch("summary plot defaults", __name__, ["plot_summary_variables(solutions, "
                                                                 "output_variables=None, ...)"])
    pybamm.plot_summary_variables = _with_model_defaults(function)
