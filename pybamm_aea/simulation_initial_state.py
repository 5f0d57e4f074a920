"""``initial_soc=`` for AEA models in PyBaMM's own ``pybamm.Simulation``.

PyBaMM 26's ``BaseSimulation.set_initial_state`` (behind ``solve(initial_soc=...)``,
``build(initial_soc=...)``, experiments and ``pybamm.BatchStudy``) sends every model through the
lithium-ion electrode-SOH code, which only accepts lithium-ion battery options. PyBaMM has no hook
for a model to set its own initial state there, so this module adds one, once, when
:mod:`pybamm_aea.models.aea` is imported (which ``pybamm.Model("AEA")`` does):

- a model class that defines ``initial_state_parameter_values(parameter_values, initial_value,
  direction, inputs)`` gets the parameter values that method returns;
- every other model goes to PyBaMM's own method, called unchanged.

The wrapper keeps PyBaMM's bookkeeping: the result is cached on (initial value, direction,
parameter values, inputs), and a built simulation only recomputes its initial conditions.
"""
import functools

from pybamm.simulation.base_simulation import BaseSimulation

HOOK = "initial_state_parameter_values"


def _model_sets_own_initial_state(simulation):
    return hasattr(type(simulation._unprocessed_model), HOOK)


def _dispatching(pybamm_set_initial_state):
    @functools.wraps(pybamm_set_initial_state)
    def set_initial_state(self, initial_soc, direction=None, inputs=None):
        if not _model_sets_own_initial_state(self):
            return pybamm_set_initial_state(self, initial_soc, direction=direction, inputs=inputs)
        unprocessed = self._unprocessed_parameter_values
        fingerprint = (
            initial_soc,
            direction,
            self._pv_fingerprint(unprocessed),
            self._normalize_inputs(inputs) if inputs else (),
        )
        if fingerprint == self._esoh_fingerprint:
            return
        self._parameter_values = getattr(self._unprocessed_model, HOOK)(
            unprocessed, initial_soc, direction=direction, inputs=inputs
        )
        self._needs_ic_rebuild = True
        self._built_initial_soc = initial_soc
        self._esoh_fingerprint = fingerprint

    set_initial_state._pybamm_aea_dispatch = True
    return set_initial_state


def install():
    """Wrap ``BaseSimulation.set_initial_state`` (idempotent)."""
    current = BaseSimulation.set_initial_state
    if not getattr(current, "_pybamm_aea_dispatch", False):
        BaseSimulation.set_initial_state = _dispatching(current)
