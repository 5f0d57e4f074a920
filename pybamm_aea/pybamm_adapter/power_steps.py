"""A constant-power step's current guessed from its power on the AEA model: a small patch of PyBaMM.

Why: PyBaMM's power control (``pybamm.external_circuit.PowerFunctionControl``, added by ``pybamm.step.Power``'s
``set_up``) guesses the step's current at the nominal capacity's 1C (``param.Q`` [A]) for the consistent
initialisation, and the AEA model guesses its voltage at the middle of its cut-offs. ``I V = P`` has two roots, the
cell's and V = 0 (the cell shorted through its resistance); where the losses at 1C exceed the open circuit (lever-rule
AEA_LiFePO4 as made: 1C starts 6.9 V below its 2.5 V cut-off), Newton from that guess lands on V = 0:
"Discharge at 0 W for 1 minute", a rest, failed "the cell starts 2.5 V below its lower cut-off" (-4.4e-16 V), and
1e-6 W "2.488 V below" (until session 56).

What: :func:`install` wraps ``pybamm.step.Power.set_up``: on a model whose class sets :data:`MODEL_FLAG`, the
current's guess is the step's power at t = 0 over the voltage's guess (:func:`_voltage_guess`; 0 A for 0 W: the
rest it is; the cell's root, below the short's, for a small power); another model keeps PyBaMM's guess. A power step of
``experiment_model_mode="unified"`` (PyBaMM's ``ExperimentFunctionControl``) keeps PyBaMM's.

What upstream would replace this module: PyBaMM's power control guessing its current from the power and the
model's voltage (``P / V``) rather than 1C.
"""
import functools
import inspect

import pybamm

from .initial_states import patch_mismatch, source_of, wrap_once

#: the model class attribute that asks for the guess (:class:`pybamm_aea.models.aea.AEA`)
MODEL_FLAG = "power_step_current_from_power"
#: PyBaMM's names read: the power control's current variable, the step's power function (``pybamm.step.Power``'s
#: parameter) and the model's voltage
CURRENT_VARIABLE, POWER_FUNCTION, VOLTAGE = "Current variable [A]", "Power function [W]", "Voltage [V]"


def check(step_class=None):
    """ImportError naming the PyBaMM version unless ``pybamm.step.Power.set_up(new_model, new_parameter_values)`` and
    the names it sets (:data:`CURRENT_VARIABLE`, :data:`POWER_FUNCTION`) are there."""
    step_class = step_class or pybamm.step.Power
    set_up = getattr(getattr(step_class, "set_up", None), "__wrapped__", getattr(step_class, "set_up", None))
    missing = []
    if set_up is None or list(inspect.signature(set_up).parameters)[1:] != ["new_model", "new_parameter_values"]:
        missing.append("Power.set_up(new_model, new_parameter_values)")
    sources = source_of(pybamm.external_circuit.PowerFunctionControl)
    sources += source_of(pybamm.external_circuit.FunctionControl)
    missing += [name for name in (CURRENT_VARIABLE, POWER_FUNCTION) if name not in sources]
    if missing:
        raise patch_mismatch("power-step guess", __name__, missing)


def _voltage_guess(model):
    """The voltage [V] ``model``'s current is guessed at: its voltage state's initial guess where the voltage is a
    state, else the middle of its cut-offs (``model.param``'s, PyBaMM's electrical parameters)."""
    voltage = model.initial_conditions.get(model.variables.get(VOLTAGE))
    return (model.param.voltage_low_cut + model.param.voltage_high_cut) / 2 if voltage is None else voltage


def _guessed_from_power(pybamm_method):
    @functools.wraps(pybamm_method)
    def set_up(self, new_model, new_parameter_values):
        new_model, new_parameter_values = pybamm_method(self, new_model, new_parameter_values)
        current = new_model.variables.get(CURRENT_VARIABLE)
        if getattr(type(new_model), MODEL_FLAG, False) and current in new_model.initial_conditions:
            power = pybamm.FunctionParameter(POWER_FUNCTION, {"Time [s]": pybamm.Scalar(0.0)})
            new_model.initial_conditions[current] = power / _voltage_guess(new_model)
        return new_model, new_parameter_values

    return set_up


def install():
    """Check the PyBaMM names (:func:`check`), then wrap ``pybamm.step.Power.set_up`` (idempotent)."""
    wrap_once(pybamm.step.Power, "set_up", "_pybamm_aea_power_guess", _guessed_from_power, check)
