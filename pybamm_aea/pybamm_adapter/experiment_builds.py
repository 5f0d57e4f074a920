"""An experiment solved after ``sim.build()``: its step models parameterised from the model as given, a patch of PyBaMM.

Why: ``BaseSimulation.build()`` parameterises the simulation's model (``_set_parameters``) and then points the
simulation's model (the private ``_model``, ``sim.model``) at that parameterised copy. ``Simulation.solve`` of an
experiment then builds one model per step (``build_for_experiment``) by parameterising ``_model`` again: a model whose
``symbol_processor`` is given its parameter values a second time, which PyBaMM 26.10 answers by disabling it (its
``SymbolProcessor`` refuses a second set of values). The solve itself ran (its equations were processed when
built), but every variable PyBaMM processes when first read (``sol["Cathode Li content"]``, PyBaMM's own models'
``"X-averaged negative particle concentration [mol.m-3]"`` alike) raised ``ValueError: Cannot process variable
'...' without a `symbol_processor`.``, first inside the package's nucleation check
(:func:`pybamm_aea.convergence.nucleation_mesh_judgement`, run as the solve returns), so the solve itself failed
(session 60's trial UT, finding 3: the same solve without ``build()`` gave 128.19 mA.h/g). ``build()`` then
``solve()`` twice, with ``save_at_cycles`` or with a ``t_eval`` failed the same way.

What: :func:`install` wraps ``pybamm.Simulation.build_for_experiment`` (which ``Simulation.solve`` calls for an
experiment before its first step, and the sweep calls itself): where ``build()`` left the simulation's ``_model``
the parameterised copy it made (``_model_with_set_params``) of the model given (``_unprocessed_model``), the model
given is put back first, so that the steps' models are parameterised from it once, as a solve without ``build()``
makes them (``sim.model`` is then the model given, as after such a solve; ``sim.built_model``, what ``build()``
built, is kept). Any other simulation (not built, or given an already discretised model, which PyBaMM uses as it
is) goes to PyBaMM's method unchanged. :func:`check` verifies the private names read (:data:`PRIVATE_NAMES`, in the
source of ``Simulation``'s classes) before anything is wrapped and raises an ImportError naming the PyBaMM version
and what is missing.

What upstream would replace this module: ``build_for_experiment`` parameterising ``_unprocessed_model`` (not
``_model``), or ``SymbolProcessor`` accepting the same parameter values twice.
"""
import functools
import re

import pybamm

from .initial_states import patch_mismatch, source_of, wrap_once

#: the ``pybamm.Simulation`` method wrapped
METHOD = "build_for_experiment"
#: the private ``BaseSimulation`` attributes the wrapper reads and sets (PyBaMM 26.10): the simulation's model, the
#: parameterised copy ``build()`` makes of it, and the model as given
PRIVATE_NAMES = ("_model", "_model_with_set_params", "_unprocessed_model")


def check(simulation_class=None):
    """ImportError naming the PyBaMM version unless the names this patch relies on are there."""
    simulation_class = simulation_class or pybamm.Simulation
    source = "".join(source_of(cls) for cls in simulation_class.__mro__ if cls is not object)
    missing = [] if callable(getattr(simulation_class, METHOD, None)) else [f"Simulation.{METHOD}"]
    missing += [f"Simulation.{name}" for name in PRIVATE_NAMES if not re.search(rf"self\.{name}\b", source)]
    if missing:
        raise patch_mismatch("experiment build", __name__, missing)


def restore_model_given(simulation):
    """Put ``simulation``'s model given back as its model where ``build()`` made it the parameterised copy; whether
    it did."""
    given = simulation._unprocessed_model
    if simulation._model is given or simulation._model is not simulation._model_with_set_params:
        return False
    simulation._model = given
    return True


def _from_model_given(pybamm_method):
    @functools.wraps(pybamm_method)
    def build_for_experiment(self, *args, **kwargs):
        restore_model_given(self)
        return pybamm_method(self, *args, **kwargs)

    return build_for_experiment


def install():
    """Check the PyBaMM names (:func:`check`), then wrap ``pybamm.Simulation.build_for_experiment`` (idempotent)."""
    wrap_once(pybamm.Simulation, METHOD, "_pybamm_aea_experiment_builds", _from_model_given, check)
