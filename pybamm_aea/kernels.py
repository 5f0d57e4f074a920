"""The compiled (Cython) core of pybamm_aea: lever rule, V dQ energy and cycle summaries.

This module is the public, validating wrapper around the extension ``pybamm_aea._kernels``. Every
function converts its array inputs to C-contiguous float64 (any real numeric dtype is accepted and
converted; strided views are copied), rejects non-numeric ones (strings, objects, complex) with a
``TypeError`` naming the argument, and rejects nan/inf with a ``ValueError`` naming the argument and
the index of the first bad value. The data checks are fused into the kernels' single pass.

Units are SI in and out unless a name says otherwise.
"""
import numpy as np

try:
    from pybamm_aea import _kernels
except ImportError as exc:  # pragma: no cover - exercised only on an unbuilt checkout
    raise ImportError(
        "pybamm_aea's compiled core is not built: run `pip install .` (or `pip install -e .`) from the "
        "project root; there is no pure-Python fallback"
    ) from exc

__all__ = [
    "MO6S8_WINDOWS",
    "phase_fractions",
    "average_phase_fractions",
    "curve_energy",
    "cycle_summaries",
]

# Single-phase windows (x_low, x_high) of LixMo6S8, x = Li per Mo6S8 formula unit: the phases Li0
# (Mo6S8), Li1, Li3 and Li4, all line compounds (paper: two-phase plateaus Li0->Li1 at ~2.3-2.45 V,
# 2.3 V on discharge and a short 2.45 V plateau at the end of charge, and Li1->Li3/Li4 at ~2.05 V,
# against a Li metal anode).
from ._overflow import (cycle_overflow_error, curve_overflow_error, r as _r, series_overflow_error,  # noqa: E402
                        weight_sum_error)
from ._summaries import summary_dict  # noqa: E402
from .phases import MO6S8_WINDOWS  # noqa: E402  (one phase diagram for kernels and model)
from .ranges import NON_NEGATIVE  # noqa: E402
from .user_input import real_number  # noqa: E402

_NUMERIC_KINDS = "biuf"  # bool, signed and unsigned integer, real floating point


# ---------------------------------------------------------------------------------------------------
# input checking
# ---------------------------------------------------------------------------------------------------

def _as_float64(a, name):
    """``a`` as a C-contiguous float64 array; TypeError naming ``name`` for a non-numeric dtype."""
    try:
        arr = np.asarray(a)
    except (ValueError, TypeError) as exc:  # e.g. a ragged nested list
        raise ValueError(f"{name} cannot be converted to an array: {exc}") from None
    if arr.dtype.kind not in _NUMERIC_KINDS:
        raise TypeError(
            f"{name} must be an array of real numbers, got dtype {arr.dtype} "
            "(strings, objects and complex numbers are not accepted)"
        )
    return np.asarray(arr, dtype=np.float64, order="C")  # keeps 0-d shape, unlike ascontiguousarray


def _fmt_index(flat, shape):
    if len(shape) == 0:
        return ""
    idx = np.unravel_index(int(flat), shape)
    return "[" + ", ".join(str(int(i)) for i in idx) + "]"


def _nonfinite_error(name, arr, flat):
    value = arr.reshape(-1)[flat]
    return ValueError(
        f"{name} must be finite, but {name}{_fmt_index(flat, arr.shape)} = {_r(value)} "
        f"(the first non-finite value of {name})"
    )


def _first_nonfinite(arr):
    bad = np.flatnonzero(~np.isfinite(arr.reshape(-1)))
    return int(bad[0]) if bad.size else -1


def _check_finite(arr, name):
    if not np.isfinite(arr).all():
        raise _nonfinite_error(name, arr, _first_nonfinite(arr))


def check_windows(windows):
    """``windows`` (a sequence of (x_low, x_high) Li contents, one per phase) as the two float64 arrays of its lows and
    highs; ValueError naming the shape or value that is not windows (the kernels' check, :mod:`pybamm_aea.phases`'s)."""
    w = _as_float64(windows, "windows")
    if w.ndim != 2 or w.shape[1] != 2 or w.shape[0] < 1:
        raise ValueError(
            f"windows must have shape (n_phases, 2) with n_phases >= 1 (a sequence of (x_low, x_high)), "
            f"got shape {w.shape}"
        )
    _check_finite(w, "windows")
    lo = np.ascontiguousarray(w[:, 0])
    hi = np.ascontiguousarray(w[:, 1])
    bad = np.flatnonzero(lo > hi)
    if bad.size:
        i = int(bad[0])
        raise ValueError(f"windows[{i}] = ({_r(lo[i])}, {_r(hi[i])}) has x_low > x_high")
    bad = np.flatnonzero(hi[:-1] >= lo[1:])
    if bad.size:
        i = int(bad[0])
        raise ValueError(
            f"windows must be strictly increasing and non-overlapping: windows[{i}] = ({_r(lo[i])}, "
            f"{_r(hi[i])}) and windows[{i + 1}] = ({_r(lo[i + 1])}, {_r(hi[i + 1])}) need "
            "x_high[i] < x_low[i+1]"
        )
    return lo, hi


def _x_error(x, flat, lo, hi):
    """The error for the first bad x (non-finite or outside the windows) at flat index ``flat``."""
    value = float(x.reshape(-1)[flat])
    if not np.isfinite(value):
        return _nonfinite_error("x", x, flat)
    return ValueError(
        f"x{_fmt_index(flat, x.shape)} = {_r(value)} is outside the range of the phase windows "
        f"[{_r(lo[0])}, {_r(hi[-1])}] (x is not clipped)"
    )


# ---------------------------------------------------------------------------------------------------
# lever rule
# ---------------------------------------------------------------------------------------------------

def phase_fractions(x, windows):
    """Phase fractions by the lever rule.

    Parameters
    ----------
    x : array_like, any shape
        Li content per formula unit (dimensionless, e.g. x in Li_x Mo6S8, 0 <= x <= 4).
    windows : sequence of (x_low, x_high), shape (n_phases, 2)
        The single-phase windows of the phases, in the units of ``x``, ordered and non-overlapping
        (``x_high[i] < x_low[i+1]``); a window may be a point (a line compound, x_low == x_high) or an
        interval (a solid solution), e.g. :data:`MO6S8_WINDOWS`.

    Returns
    -------
    numpy.ndarray, float64, shape ``x.shape + (n_phases,)``
        Mole fraction (dimensionless, in [0, 1]) of each phase; each row sums to 1. Inside window i
        the fraction of phase i is 1. Between windows i and i+1 (x_high[i] < x < x_low[i+1]) the lever
        rule gives f[i+1] = (x - x_high[i]) / (x_low[i+1] - x_high[i]) and f[i] = 1 - f[i+1].

    Raises
    ------
    ValueError
        If x is nan/inf or outside [x_low[0], x_high[-1]] (the message names the first such value and
        its index; x is never clipped), or if ``windows`` is malformed.
    TypeError
        If x or windows is not real numeric.
    """
    lo, hi = check_windows(windows)
    xa = _as_float64(x, "x")
    out = np.empty((xa.size, lo.size))
    bad = _kernels.phase_fractions(xa.reshape(-1), lo, hi, out)
    if bad >= 0:
        raise _x_error(xa, bad, lo, hi)
    return out.reshape(xa.shape + (lo.size,))


def average_phase_fractions(x, weights, windows):
    """Volume-weighted mean phase fractions over the points of a mesh, at each time.

    Parameters
    ----------
    x : array_like, shape (n_points, n_times) or (n_points,)
        Li content per formula unit (dimensionless) at each mesh point and time, laid out as PyBaMM
        returns a spatial variable's ``.entries`` (points along axis 0). A 1-D x is a single time.
    weights : array_like, shape (n_points,)
        Weight of each point: the control-volume widths [m] or volumes [m^3] of the mesh cells (any
        unit; only ratios matter). Finite, >= 0, with a positive sum.
    windows : sequence of (x_low, x_high)
        The single-phase windows, as in :func:`phase_fractions`, e.g. :data:`MO6S8_WINDOWS`.

    Returns
    -------
    numpy.ndarray, float64, shape (n_times, n_phases), or (n_phases,) for a 1-D x
        ``sum_i w_i f(x_i, t) / sum_i w_i`` (dimensionless); each row sums to 1.

    Raises
    ------
    ValueError
        On nan/inf or out-of-range x (naming the value and its index), bad weights, or shape mismatch.
    TypeError
        If an input is not real numeric.
    """
    lo, hi = check_windows(windows)
    xa = _as_float64(x, "x")
    w = _as_float64(weights, "weights")
    if xa.ndim not in (1, 2):
        raise ValueError(f"x must have shape (n_points, n_times) or (n_points,), got shape {xa.shape}")
    if w.ndim != 1 or w.shape[0] != xa.shape[0]:
        raise ValueError(
            f"weights must have shape (n_points,) = ({xa.shape[0]},) to match x of shape {xa.shape}, "
            f"got weights of shape {w.shape}"
        )
    _check_finite(w, "weights")
    neg = np.flatnonzero(w < 0)
    if neg.size:
        raise ValueError(f"weights must be >= 0: weights[{int(neg[0])}] = {_r(float(w[neg[0]]))}")
    with np.errstate(over="ignore"):
        wsum = float(w.sum())
    if not wsum > 0:
        raise ValueError("weights must have a positive sum")
    if not np.isfinite(wsum):  # each weight finite, their sum not: the fractions would be w / inf = 0
        raise weight_sum_error(wsum)
    x2 = xa.reshape(xa.shape[0], -1)
    out = np.empty((x2.shape[1], lo.size))
    bad = _kernels.average_phase_fractions(x2, w, lo, hi, wsum, out)
    if bad >= 0:
        raise _x_error(xa, bad, lo, hi)
    return out[0] if xa.ndim == 1 else out


# ---------------------------------------------------------------------------------------------------
# energy of V dQ curves
# ---------------------------------------------------------------------------------------------------

def _check_offsets(offsets, n):
    off = np.asarray(offsets)
    if off.ndim != 1 or off.size < 1:
        raise ValueError(f"offsets must be 1-D with length n_curves + 1 >= 1, got shape {off.shape}")
    if off.dtype.kind not in "iu":
        raise TypeError(f"offsets must be an integer array, got dtype {off.dtype}")
    big = np.flatnonzero(off > np.iinfo(np.int64).max) if off.dtype.kind == "u" else ()
    if len(big):  # quoted as given, not as the int64 it wraps to
        i = int(big[0])
        raise ValueError(f"offsets[{i}] = {int(off[i])} is beyond len(capacity) = {n}")
    off = np.ascontiguousarray(off, dtype=np.int64)
    if off[0] != 0:
        raise ValueError(f"offsets[0] must be 0, got {int(off[0])}")
    dec = np.flatnonzero(np.diff(off) < 0)
    if dec.size:
        i = int(dec[0]) + 1
        raise ValueError(f"offsets must be non-decreasing: offsets[{i}] = {int(off[i])} < offsets[{i - 1}]")
    if off[-1] != n:
        raise ValueError(f"offsets[-1] must equal len(capacity) = {n}, got {int(off[-1])}")
    return off


def curve_energy(capacity, voltage, offsets=None):
    """Energy of voltage-capacity curves, E = integral of V dQ, by the trapezoidal rule.

    ``E = sum_k 0.5 * (V[k] + V[k+1]) * (Q[k+1] - Q[k])`` over each curve.

    Three forms:

    (a) 1-D ``capacity`` and ``voltage`` of equal length, no offsets: one curve; returns scalars.
    (b) 2-D arrays of shape (n_curves, n_samples): one curve per row; returns arrays (n_curves,).
    (c) flat 1-D arrays with ``offsets`` (integers, length n_curves + 1, offsets[0] == 0,
        non-decreasing, offsets[-1] == len(capacity)): curve c is ``capacity[offsets[c]:offsets[c+1]]``
        (a ragged batch); returns arrays (n_curves,).

    Units: capacity [C] = [A.s] and voltage [V] give energy in [J]; any consistent pair works (e.g.
    capacity in mAh and voltage in V give mWh, mAh/g and V give mWh/g). The mean voltage is in the
    unit of ``voltage``.

    Capacity must be monotonic within each curve (non-decreasing, or non-increasing for the whole
    curve). The energy is positive for increasing capacity (and positive voltage) and negative for
    decreasing capacity; the mean voltage ``energy / (Q_last - Q_first)`` has the sign of the voltage
    either way.

    Returns
    -------
    (energy, mean_voltage) : tuple of floats (form a) or of float64 arrays (n_curves,)
        A curve of 0 or 1 point has energy 0 and mean voltage nan.

    Raises
    ------
    ValueError
        nan/inf in capacity or voltage (naming the array and index); capacity not monotonic in a curve
        (naming the curve and index); a curve of >= 2 points with zero capacity span (Q_last ==
        Q_first, naming the curve); shape mismatch (naming both shapes); bad offsets.
    TypeError
        If an input is not real numeric (offsets: not integer).
    """
    q = _as_float64(capacity, "capacity")
    v = _as_float64(voltage, "voltage")
    if q.shape != v.shape:
        raise ValueError(
            f"capacity and voltage must have the same shape, got capacity {q.shape} and voltage {v.shape}"
        )
    if offsets is not None:
        if q.ndim != 1:
            raise ValueError(f"offsets need 1-D capacity and voltage, got shape {q.shape}")
        off = _check_offsets(offsets, q.shape[0])
    elif q.ndim == 1:
        off = np.array([0, q.shape[0]], dtype=np.int64)
    elif q.ndim == 2:
        off = np.arange(q.shape[0] + 1, dtype=np.int64) * q.shape[1]
    else:
        raise ValueError(f"capacity and voltage must be 1-D or 2-D, got shape {q.shape}")
    nc = off.size - 1
    energy = np.empty(nc)
    span = np.empty(nc)
    code, c = _kernels.curve_energy(q.reshape(-1), v.reshape(-1), off, energy, span)
    if code != 0:
        a, b = int(off[c]), int(off[c + 1])
        if code == 1:
            for name, arr in (("capacity", q), ("voltage", v)):
                bad = _first_nonfinite(arr.reshape(-1)[a:b])
                if bad >= 0:
                    raise _nonfinite_error(name, arr, a + bad)
            raise curve_overflow_error(c)
        d = np.sign(np.diff(q.reshape(-1)[a:b]))
        direction = d[d != 0][0]
        k = a + int(np.flatnonzero(d == -direction)[0]) + 1
        qf = q.reshape(-1)
        raise ValueError(
            f"capacity is not monotonic in curve {c}: capacity{_fmt_index(k, q.shape)} = {_r(qf[k])} "
            f"after {_r(qf[k - 1])}, but the curve is {'increasing' if direction > 0 else 'decreasing'}"
        )
    lengths = np.diff(off)
    zero = np.flatnonzero((lengths >= 2) & (span == 0))
    if zero.size:
        c = int(zero[0])
        raise ValueError(
            f"curve {c} has zero capacity span (capacity constant over its {int(lengths[c])} points): "
            "its mean voltage is undefined"
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(lengths >= 2, energy / span, np.nan)
    if offsets is None and q.ndim == 1:
        return float(energy[0]), float(mean[0])
    return energy, mean


# ---------------------------------------------------------------------------------------------------
# cycle summaries
# ---------------------------------------------------------------------------------------------------

_REST_ATOL = 1e-12  # A
_REST_RTOL = 1e-9   # of max |current|


def _series_error(t, i, v, v_li=None):
    """The error for a series the kernel rejected: its first non-finite value or decrease of time."""
    arrays = (("time", t), ("current", i), ("voltage", v)) + (() if v_li is None else (("voltage_vs_li", v_li),))
    nonfinite = [(_first_nonfinite(arr), name, arr) for name, arr in arrays]
    nonfinite = [item for item in nonfinite if item[0] >= 0]
    first_nf = min(nonfinite, key=lambda item: item[0]) if nonfinite else None
    dec = np.flatnonzero(t[1:] < t[:-1])
    k = int(dec[0]) + 1 if dec.size else -1
    if first_nf is not None and (k < 0 or first_nf[0] <= k):
        return _nonfinite_error(first_nf[1], first_nf[2], first_nf[0])
    if k >= 0:
        return ValueError(
            f"time must be non-decreasing: time[{k}] = {_r(t[k])} < time[{k - 1}] = {_r(t[k - 1])}"
        )
    return series_overflow_error(t, i, v, v_li) or ValueError(  # pragma: no cover - the kernel's test, mirrored
        "the capacity or energy of the series overflows (is not finite)")


def cycle_summaries(time, current, voltage, *, rest_tol=None, cycle_start="discharge", voltage_vs_li=None):
    """Per-cycle capacity, energy, mean voltage and efficiencies of a cycling time series, in one pass.

    Each interval [t_k, t_k+1] is integrated by the trapezoidal rule: capacity dt * (I_k + I_k+1) / 2
    and energy dt * (I_k V_k + I_k+1 V_k+1) / 2. It is discharge if its mean current is > rest_tol,
    charge if < -rest_tol, rest otherwise (its tiny charge is then dropped). The first cycle starts at
    ``time[0]`` and every cycle runs up to the start of the next, so rest is counted in the cycle it
    falls in; a series with no discharge or charge interval has no cycle.

    Parameters
    ----------
    time, current, voltage : array_like, shape (n,)
        "Time [s]", "Current [A]" and "Voltage [V]" of a PyBaMM solution (or any series in these
        units). PyBaMM's sign convention: discharge current > 0, charge current < 0. Time must be
        non-decreasing: equal consecutive times (a step boundary given as a repeated time point) are
        allowed and the zero-length interval between them is ignored; PyBaMM 26 instead separates the
        two points of a step boundary by a round-off-size time step, whose interval carries a
        negligible charge and takes the phase of its mean current, so it cannot open a cycle.
    rest_tol : float or None, keyword-only
        ``|mean current|`` [A] at or below which an interval is rest. Default (None):
        ``1e-12 A + 1e-9 * max|current|``, far below any applied current and above round-off.
    cycle_start : {"discharge", "charge"}, keyword-only
        The phase that opens a cycle. With "discharge" (the default: AEA cells are made pre-lithiated
        and are first discharged) a new cycle starts at the first discharge interval after a charge
        interval has been seen in the current cycle; "charge" swaps the roles.
    voltage_vs_li : array_like, shape (n,), or None, keyword-only
        The cathode's voltage against Li at the same points, when it is not ``voltage`` (a Li-In anode:
        the cell's voltage plus the anode's OCP). Its discharge energy, over the same discharge
        intervals, is summed in the same pass.

    Returns
    -------
    dict of str -> float64 numpy array of shape (n_cycles,)
        "Discharge capacity [A.h]", "Charge capacity [A.h]" (both >= 0),
        "Discharge energy [W.h]", "Charge energy [W.h]" (both positive for V > 0),
        "Mean discharge voltage [V]", "Mean charge voltage [V]" (energy / capacity of the phase; nan
        when that phase has zero capacity in the cycle),
        "Coulombic efficiency" = discharge capacity / charge capacity and
        "Energy efficiency" = discharge energy / charge energy of the same cycle (the battery
        convention, for either cycle_start; nan unless both phases have positive capacity),
        "Cycle start time [s]"; with ``voltage_vs_li``, also "Discharge energy vs Li [W.h]".

    Raises
    ------
    ValueError
        nan/inf in any input or decreasing time (naming the array and index), shape mismatch, bad
        rest_tol or cycle_start.
    TypeError
        If an input is not real numeric (a rest_tol of True or "0.1" too: no number).
    """
    t = _as_float64(time, "time")
    i = _as_float64(current, "current")
    v = _as_float64(voltage, "voltage")
    v_li = None if voltage_vs_li is None else _as_float64(voltage_vs_li, "voltage_vs_li")
    if t.ndim != 1 or t.shape != i.shape or t.shape != v.shape or (v_li is not None and v_li.shape != t.shape):
        raise ValueError(
            "time, current and voltage must be 1-D arrays of the same length, got shapes "
            f"time {t.shape}, current {i.shape} and voltage {v.shape}"
            + ("" if v_li is None else f" and voltage_vs_li {v_li.shape}")
        )
    if cycle_start == "discharge":
        open_sign = 1
    elif cycle_start == "charge":
        open_sign = -1
    else:
        raise ValueError(f"cycle_start must be 'discharge' or 'charge', got {cycle_start!r}")
    if rest_tol is None:
        tol = _REST_ATOL + _REST_RTOL * _kernels.max_abs(i)
    else:
        tol = real_number("rest_tol", rest_tol)  # (float() read True as 1.0 and "0.1" as 0.1)
        if not NON_NEGATIVE.contains(tol):
            raise ValueError(NON_NEGATIVE.refusal("rest_tol", tol))
    status, cycles = _kernels.cycle_summaries(t, i, v, tol, open_sign, v_li)
    if status != 0:
        raise _series_error(t, i, v, v_li)
    start, q_dis, q_chg, e_dis, e_chg, e_dis_li = (np.ascontiguousarray(cycles[:, k]) for k in range(6))
    overflow = cycle_overflow_error(start, q_dis, q_chg, e_dis, e_chg, None if v_li is None else e_dis_li)
    if overflow is not None:  # every interval finite, a cycle's sum not
        raise overflow
    return summary_dict(start, q_dis, q_chg, e_dis, e_chg, None if v_li is None else e_dis_li)
