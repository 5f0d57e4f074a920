"""Shared validation helpers and the warning class of :mod:`pybamm_aea.energy`."""
import math

import numpy as np

from ..ranges import FRACTION_BELOW_ONE, STACK_PRESSURE, VOLTAGE_VS_LI, voltage_hint
from ..user_input import real_number


class ExtrapolationWarning(UserWarning):
    """A fitted law of :mod:`pybamm_aea.energy` was evaluated outside the range of the data it was fitted to."""


def check_real(value, name, *, minimum=None, maximum=None, include_min=True, include_max=True):
    """Return ``value`` as a float; ValueError naming it if not a finite real number or out of bounds (each bound
    closed unless ``include_min``/``include_max`` is False; the error states the bound as the rule applies it)."""
    x = real_number(name, value)
    if not math.isfinite(x):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if minimum is not None and (x < minimum or (not include_min and x <= minimum)):
        raise ValueError(f"{name} must be {'>=' if include_min else '>'} {minimum}, got {value!r}")
    if maximum is not None and (x > maximum or (not include_max and x >= maximum)):
        bound = "<=" if include_max else "<"
        raise ValueError(f"{name} must be {bound} {maximum}, got {value!r}")
    return x




def check_voltage_vs_li(value, name, *, above_zero=False):
    """Return a potential vs Li/Li+ (V) as a float within :data:`pybamm_aea.ranges.VOLTAGE_VS_LI` (its bounds read
    there); ValueError naming ``name`` otherwise, one typed in mV said so. ``above_zero``: its low end open, for a
    cathode's, an electrode's or one material's voltage (0 V gives 0 Wh/kg: ``energy --voltage 0`` was refused, the
    API's 0 taken; a per-material 0, ``Electrode(voltages={"Mo6S8": 0.0})``, until session 52)."""
    # (one check of the low end, stated as applied: -1 with above_zero was refused as "must be >= 0.0" until
    # session 53)
    x = check_real(value, name, minimum=VOLTAGE_VS_LI.low, include_min=not above_zero)
    try:
        return check_real(x, name, maximum=VOLTAGE_VS_LI.high)
    except ValueError:  # one typed in mV said so (VOLTAGE_VS_LI's slip)
        raise ValueError(f"{name} must be <= {VOLTAGE_VS_LI.high}, got {value!r}{voltage_hint(value)}") from None


def check_porosity(value, name="porosity"):
    """Return a porosity as a float in [0, 1); ValueError naming the value otherwise (a porosity typed in percent
    said so, as the model's checks say it: :data:`pybamm_aea.ranges.FRACTION_BELOW_ONE`)."""
    try:
        return check_real(value, name, minimum=0.0, maximum=1.0, include_max=False)
    except ValueError as exc:
        hint = FRACTION_BELOW_ONE.slip_hint(value)
        if not hint:
            raise
        raise ValueError(f"{exc}{hint}") from None


def check_porosity_array(values, name="porosity"):
    """Array version of :func:`check_porosity` (all entries finite and in [0, 1); the first bad one typed in
    percent said so)."""
    arr = np.asarray(values, dtype=float)
    bad = ~np.isfinite(arr) | (arr < 0.0) | (arr >= 1.0)
    if np.any(bad):
        hint = FRACTION_BELOW_ONE.slip_hint(float(arr[bad][0]))
        raise ValueError(f"{name} must be finite and in [0, 1), got {arr[bad].tolist()!r}{hint}")
    return arr


def check_pressure_array(values, name="pressure_MPa"):
    """Measured pressures (MPa) as a float array; ValueError naming any negative or non-finite value (a compaction
    measured beyond the model's stack pressures, above 1000 MPa, is data and taken)."""
    arr = np.asarray(values, dtype=float)
    bad = ~np.isfinite(arr) | (arr < 0.0)
    if np.any(bad):
        raise ValueError(f"{name} must be finite and >= 0 MPa, got {arr[bad].tolist()!r}")
    return arr


def check_stack_pressure_array(values, name="pressure_MPa"):
    """Stack pressures (MPa) as a float array; ValueError at the first outside :data:`pybamm_aea.ranges.STACK_PRESSURE`
    (0-1000 MPa), in the words of ``pybamm-aea energy --pressure`` (:meth:`~pybamm_aea.ranges.Range.refusal`): "...
    must be <= 1000, got 5000 (at most 1000 MPa, ...)" (warned only until session 53: docs/checks.rst, "Parameter
    values and inputs")."""
    arr = np.asarray(values, dtype=float)
    bad = STACK_PRESSURE.outside(arr)
    if np.any(bad):
        raise ValueError(STACK_PRESSURE.refusal(name, arr[bad][0]))
    return arr


def scalar_or_array(arr, like):
    """Return a Python float if ``like`` was a scalar, else the array."""
    return float(arr) if np.ndim(like) == 0 else arr
