"""Shared validation helpers and the warning classes of :mod:`pybamm_aea.energy`."""
import numpy as np

from ..ranges import FRACTION_BELOW_ONE, NON_NEGATIVE, STACK_PRESSURE, VOLTAGE_ABOVE_ZERO, VOLTAGE_VS_LI, Range
from ..user_input import real_number


class ExtrapolationWarning(UserWarning):
    """A fitted law of :mod:`pybamm_aea.energy` was evaluated outside the range of the data it was fitted to."""


class PercolationWarning(UserWarning):
    """An :class:`~pybamm_aea.energy.Electrode` whose conducting phase fills less of its volume than the percolation
    threshold (:data:`pybamm_aea.energy.electrode.PERCOLATION_THRESHOLD`): its dispersed insulators have no network to
    carry their electrons and ions, and its full-utilisation figures cannot be reached."""


def check_real(value, name, rng=None):
    """Return ``value`` as a float; ValueError naming it if not a finite real number or outside the
    :class:`~pybamm_aea.ranges.Range` ``rng`` (None: any finite number), in :meth:`~pybamm_aea.ranges.Range.refusal`'s
    words ("thickness_um must be >= 0, got -1"), those of the command line and of the model's stack pressure."""
    x = real_number(name, value)
    rng = Range() if rng is None else rng
    if not rng.contains(x):
        raise ValueError(rng.refusal(name, x))
    return x


def check_voltage_vs_li(value, name, *, above_zero=False):
    """Return a potential vs Li/Li+ (V) as a float within :data:`pybamm_aea.ranges.VOLTAGE_VS_LI` (its bounds read
    there); ValueError naming ``name`` otherwise, one typed in mV said so. ``above_zero``: its low end open, for a
    cathode's, an electrode's or one material's voltage (0 V gives 0 Wh/kg: ``energy --voltage 0`` was refused, the
    API's 0 taken; a per-material 0, ``Electrode(voltages={"Mo6S8": 0.0})``, until session 52)."""
    return check_real(value, name, VOLTAGE_ABOVE_ZERO if above_zero else VOLTAGE_VS_LI)


def check_porosity(value, name="porosity"):
    """Return a porosity as a float in [0, 1) (:data:`pybamm_aea.ranges.FRACTION_BELOW_ONE`); ValueError naming the
    value otherwise (one typed in percent said so, as the model's checks say it)."""
    return check_real(value, name, FRACTION_BELOW_ONE)


def first_outside(rng, values, name):
    """``values`` as a float array; a ValueError at the first outside ``rng``, in :meth:`Range.refusal`'s words, an
    array's named by its index ("porosity_fraction[2] must be < 1, got 1.2"; the name alone until session 54)."""
    arr = np.asarray(values, dtype=float)
    bad = rng.outside(arr)
    if np.any(bad):
        at = np.unravel_index(np.argmax(bad), arr.shape)  # (the first in C order, as arr[bad][0])
        label = f"{name}[{', '.join(str(i) for i in at)}]" if arr.ndim else name
        raise ValueError(rng.refusal(label, arr[at]))
    return arr


def check_porosity_array(values, name="porosity"):
    """Array version of :func:`check_porosity`: ValueError at the first entry outside [0, 1) (or not finite)."""
    return first_outside(FRACTION_BELOW_ONE, values, name)


def check_pressure_array(values, name="pressure_MPa"):
    """Measured pressures (MPa) as a float array; ValueError at the first negative or non-finite value (a compaction
    measured beyond the model's stack pressures, above 1000 MPa, is data and taken)."""
    return first_outside(NON_NEGATIVE, values, name)


def check_stack_pressure_array(values, name="pressure_MPa"):
    """Stack pressures (MPa) as a float array; ValueError at the first outside :data:`pybamm_aea.ranges.STACK_PRESSURE`
    (0-1000 MPa), in the words of ``pybamm-aea energy --pressure`` (:meth:`~pybamm_aea.ranges.Range.refusal`): "...
    must be <= 1000, got 5000 (at most 1000 MPa, ...)" (warned only until session 53: docs/checks.rst, "Parameter
    values and inputs")."""
    return first_outside(STACK_PRESSURE, values, name)


def scalar_or_array(arr, like):
    """Return a Python float if ``like`` was a scalar, else the array."""
    return float(arr) if np.ndim(like) == 0 else arr
