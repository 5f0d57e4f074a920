"""PyBaMM's own initial-state entry points, for AEA models and parameter sets.

PyBaMM 26 sets an initial SOC or voltage in two places, and both only know its lithium-ion
electrode-SOH code:

- ``BaseSimulation.set_initial_state``, behind ``Simulation.solve(initial_soc=..., direction=...)``,
  ``build(initial_soc=...)``, experiments and ``pybamm.BatchStudy``, sends every model there;
- ``ParameterValues.set_initial_state`` dispatches on the parameter set's ``"chemistry"``, which
  knows lithium-ion and ECM only.

PyBaMM has no hook for another model family at either place, so :func:`install` wraps both,
once (it runs when :mod:`pybamm_aea.models.aea` or :mod:`pybamm_aea.parameters` is imported,
which ``pybamm.Model("AEA")`` and ``pybamm.ParameterValues("Li2021_...")`` do):

- a simulation whose model class defines ``initial_state_parameter_values(parameter_values,
  initial_value, direction, inputs)`` gets the parameter values that method returns, cached on
  (initial value, direction, parameter values, inputs) as PyBaMM caches its eSOH result; a built
  simulation then only recomputes its initial conditions;
- parameter values of an AEA set (those holding ``"Cathode maximum Li content"``) go to
  :func:`pybamm_aea.set_initial_state`;
- everything else goes to PyBaMM's own methods, called unchanged.
"""
import functools

import pybamm
from pybamm.simulation.base_simulation import BaseSimulation

#: the model-class method a simulation calls to set its initial state
MODEL_HOOK = "initial_state_parameter_values"
#: a parameter only AEA parameter sets hold
AEA_PARAMETER = "Cathode maximum Li content"


def _simulation_dispatch(pybamm_method):
    @functools.wraps(pybamm_method)
    def set_initial_state(self, initial_soc, direction=None, inputs=None):
        if not hasattr(type(self._unprocessed_model), MODEL_HOOK):
            return pybamm_method(self, initial_soc, direction=direction, inputs=inputs)
        unprocessed = self._unprocessed_parameter_values
        fingerprint = (
            initial_soc,
            direction,
            self._pv_fingerprint(unprocessed),
            self._normalize_inputs(inputs) if inputs else (),
        )
        if fingerprint == self._esoh_fingerprint:
            return
        self._parameter_values = getattr(self._unprocessed_model, MODEL_HOOK)(
            unprocessed, initial_soc, direction=direction, inputs=inputs
        )
        self._needs_ic_rebuild = True
        self._built_initial_soc = initial_soc
        self._esoh_fingerprint = fingerprint

    set_initial_state._pybamm_aea_dispatch = True
    return set_initial_state


def _parameter_values_dispatch(pybamm_method):
    @functools.wraps(pybamm_method)
    def set_initial_state(
        self, initial_value, direction=None, param=None, inplace=True, options=None, inputs=None
    ):
        if AEA_PARAMETER not in self:
            return pybamm_method(
                self, initial_value, direction=direction, param=param, inplace=inplace, options=options, inputs=inputs
            )
        from .initial_state import set_initial_state as aea_set_initial_state

        # ``param`` is PyBaMM's symbolic lithium-ion parameter set; the AEA version reads the values
        return aea_set_initial_state(
            self, initial_value, direction=direction, options=options, inplace=inplace, inputs=inputs
        )

    set_initial_state._pybamm_aea_dispatch = True
    return set_initial_state


def install():
    """Wrap both ``set_initial_state`` methods (idempotent)."""
    for cls, dispatch in ((BaseSimulation, _simulation_dispatch), (pybamm.ParameterValues, _parameter_values_dispatch)):
        current = cls.set_initial_state
        if not getattr(current, "_pybamm_aea_dispatch", False):
            cls.set_initial_state = dispatch(current)
