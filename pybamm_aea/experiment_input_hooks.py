"""The check of input names over a whole experiment: a small patch of PyBaMM.

Why: ``pybamm.Simulation`` builds one model per distinct step of an experiment and hands each step's model
to its own copy of the solver (``solver.step``), so the check of input names of
:class:`pybamm_aea.models.checks.CheckedIDAKLUSolver` (the AEA model's default solver) saw one step's model
at a time: an input only a later step reads (a step's current given as ``pybamm.InputParameter("I2")``,
which only that step's model holds) was warned about at the earlier steps as having no effect, though it
set the later step's current, and a typo was warned about once per step.

What: :func:`install` wraps ``pybamm.Simulation.build_for_experiment``, which ``Simulation.solve`` calls once
per solve of an experiment, before the first step, and which leaves every step's model and solver in
``steps_to_built_models`` and ``steps_to_built_solvers``. After PyBaMM's method, the step solvers that are
:class:`~pybamm_aea.models.checks.CheckedIDAKLUSolver` get one new
:class:`~pybamm_aea.models.checks.ExperimentInputNames` made from all the step models (their
``experiment_inputs``): each step then warns only about an input no step model reads, and about each such
name once for the solve. A simulation without experiment, or whose solver is another (PyBaMM's own, so any
model on PyBaMM's solvers), is left as PyBaMM built it; ``Simulation.solve`` itself is not wrapped.

The wrapper reads the simulation's ``steps_to_built_models`` and ``steps_to_built_solvers`` (public
attributes); :func:`check` verifies them and the method before anything is wrapped and raises an ImportError
naming the PyBaMM version and what is missing.

What upstream would replace this module: the simulation telling the solver all its step models before the
first step (e.g. a ``solver.set_up_experiment(models, inputs)`` call after ``build_for_experiment``), or
PyBaMM checking the input names of ``solve(inputs=...)`` against them itself.
"""
import functools
import inspect

import pybamm

from .initial_state_hooks import patch_mismatch
from .models.checks import CheckedIDAKLUSolver, ExperimentInputNames

#: the ``pybamm.Simulation`` method wrapped, and the attributes its wrapper reads (set by the class's source)
METHOD = "build_for_experiment"
SIMULATION_NAMES = ("steps_to_built_models", "steps_to_built_solvers")


def check(simulation_class=None):
    """ImportError naming the PyBaMM version unless the names this patch relies on are there."""
    simulation_class = simulation_class or pybamm.Simulation
    source = "".join(inspect.getsource(cls) for cls in simulation_class.__mro__ if cls is not object)
    missing = [] if callable(getattr(simulation_class, METHOD, None)) else [f"Simulation.{METHOD}"]
    missing += [f"Simulation.{name}" for name in SIMULATION_NAMES
                if not hasattr(simulation_class, name) and f"self.{name}" not in source]
    if missing:
        raise patch_mismatch("experiment input-name", __name__, missing)


def _whole_experiment_check(pybamm_method):
    """``pybamm_method`` (``Simulation.build_for_experiment``), then one :class:`ExperimentInputNames` of all
    the step models for the step solvers that are :class:`CheckedIDAKLUSolver`."""
    @functools.wraps(pybamm_method)
    def build_for_experiment(self, *args, **kwargs):
        built = pybamm_method(self, *args, **kwargs)
        solvers = [solver for solver in (self.steps_to_built_solvers or {}).values()
                   if isinstance(solver, CheckedIDAKLUSolver)]
        if solvers:
            names = ExperimentInputNames((self.steps_to_built_models or {}).values())
            for solver in solvers:
                solver.experiment_inputs = names
        return built

    build_for_experiment._pybamm_aea_experiment_inputs = True
    return build_for_experiment


def install():
    """Check the PyBaMM names (:func:`check`), then wrap ``pybamm.Simulation.build_for_experiment``
    (idempotent)."""
    if getattr(getattr(pybamm.Simulation, METHOD), "_pybamm_aea_experiment_inputs", False):
        return
    check()
    setattr(pybamm.Simulation, METHOD, _whole_experiment_check(getattr(pybamm.Simulation, METHOD)))
