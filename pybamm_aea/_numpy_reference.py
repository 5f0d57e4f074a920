"""Plain, vectorised NumPy versions of the compiled kernels (private).

They define what the kernels in ``pybamm_aea._kernels`` compute, and are what the tests compare the
kernels against and what the benchmark times them against. They do no input validation: they expect
float64 arrays that the public wrappers in :mod:`pybamm_aea.kernels` would accept, and they return the
same quantities in the same units (see the docstrings there). Where a result overflows (is not finite though
every input is) they raise the wrappers' error (:mod:`pybamm_aea._overflow`), as the wrappers do.
"""
import numpy as np

from ._overflow import cycle_overflow_error, curve_overflow_error, series_overflow_error, weight_sum_error
from ._summaries import summary_dict
from .ranges import NON_NEGATIVE
from .user_input import real_number


def _windows(windows):
    w = np.asarray(windows, dtype=np.float64).reshape(-1, 2)
    return w[:, 0].copy(), w[:, 1].copy()


def _segments(xf, lo, hi):
    """For flat x in range: window index idx (first window with x_high >= x) and fraction f of that
    phase; when f < 1, x lies between windows idx-1 and idx and phase idx-1 has 1 - f."""
    idx = np.searchsorted(hi, xf, side="left")
    inside = xf >= lo[idx]
    prev = np.maximum(idx - 1, 0)
    gap = np.where(inside, 1.0, lo[idx] - hi[prev])  # 1.0 avoids 0/0 for point windows
    f = np.where(inside, 1.0, (xf - hi[prev]) / gap)
    return idx, prev, f


def phase_fractions(x, windows):
    """Lever rule: fractions of the phases of ``windows`` at Li content ``x``, shape x.shape + (n,)."""
    lo, hi = _windows(windows)
    n = lo.size
    x = np.asarray(x, dtype=np.float64)
    xf = x.reshape(-1)
    idx, prev, f = _segments(xf, lo, hi)
    out = np.zeros((xf.size, n))
    flat = out.reshape(-1)
    base = np.arange(0, xf.size * n, n)
    flat[base + prev] = 1.0 - f  # 0 when inside a window (f == 1)
    flat[base + idx] = f  # written second: wins when idx == prev == 0
    return out.reshape(x.shape + (n,))


def average_phase_fractions(x, weights, windows):
    """Weighted mean over axis 0 of the phase fractions of x (n_points, n_times) -> (n_times, n);
    a 1-D x (n_points,) gives (n,)."""
    lo, hi = _windows(windows)
    n = lo.size
    w = np.asarray(weights, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    x2 = x.reshape(x.shape[0], -1)
    nt = x2.shape[1]
    with np.errstate(over="ignore"):
        wsum = w.sum()
    if not np.isfinite(wsum) and np.isfinite(w).all():
        raise weight_sum_error(wsum)
    idx, prev, f = _segments(x2.reshape(-1), lo, hi)
    wf = (w[:, None] * f.reshape(x2.shape)).reshape(-1)
    wg = np.repeat(w, nt) - wf  # w * (1 - f)
    col = np.tile(np.arange(nt) * n, x2.shape[0])  # row offset of time j in the (n_times, n) result
    out = np.bincount(col + idx, weights=wf, minlength=nt * n)
    out += np.bincount(col + prev, weights=wg, minlength=nt * n)
    out = out.reshape(nt, n) / wsum
    return out[0] if x.ndim == 1 else out


def _checked_energy(energy, q, v):
    """``energy`` (of every curve), unless one overflows with every input finite: the wrapper's error, for the
    first such curve."""
    bad = np.flatnonzero(~np.isfinite(np.atleast_1d(energy)))
    if bad.size and np.isfinite(q).all() and np.isfinite(v).all():
        raise curve_overflow_error(int(bad[0]))
    return energy


def curve_energy(capacity, voltage, offsets=None):
    """Trapezoidal integral of V dQ per curve and mean voltage energy / (Q_last - Q_first).

    1-D without offsets: scalars. 2-D (n_curves, n_samples): one curve per row. 1-D with int offsets
    (length n_curves + 1): ragged curves capacity[offsets[c]:offsets[c+1]].
    """
    q = np.asarray(capacity, dtype=np.float64)
    v = np.asarray(voltage, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        return _curve_energy(q, v, offsets)


def _curve_energy(q, v, offsets):
    if offsets is None and q.ndim == 1:
        energy = _checked_energy(float(np.trapezoid(v, q)) if q.size >= 2 else 0.0, q, v)
        mean = energy / (q[-1] - q[0]) if q.size >= 2 else np.nan
        return energy, float(mean)
    if q.ndim == 2:
        if q.shape[1] < 2:
            return np.zeros(q.shape[0]), np.full(q.shape[0], np.nan)
        energy = _checked_energy(np.trapezoid(v, q, axis=1), q, v)
        return energy, energy / (q[:, -1] - q[:, 0])
    offsets = np.asarray(offsets, dtype=np.int64)
    nc = offsets.size - 1
    lengths = np.diff(offsets)
    curve = np.repeat(np.arange(nc), lengths)  # curve index of every sample
    terms = 0.5 * (v[1:] + v[:-1]) * np.diff(q)
    same = curve[1:] == curve[:-1]  # the pair (k, k+1) lies within one curve
    energy = np.bincount(curve[:-1][same], weights=terms[same], minlength=nc) if q.size else np.zeros(nc)
    _checked_energy(energy, q, v)
    mean = np.full(nc, np.nan)
    ok = lengths >= 2
    first, last = offsets[:-1][ok], offsets[1:][ok] - 1
    mean[ok] = energy[ok] / (q[last] - q[first])
    return energy, mean


def cycle_summaries(time, current, voltage, *, rest_tol=None, cycle_start="discharge", voltage_vs_li=None):
    """Per-cycle capacities, energies, mean voltages and efficiencies of a cycling time series.

    Same definitions as :func:`pybamm_aea.kernels.cycle_summaries` (discharge current > 0).
    """
    t = np.asarray(time, dtype=np.float64)
    i = np.asarray(current, dtype=np.float64)
    v = np.asarray(voltage, dtype=np.float64)
    v_li = None if voltage_vs_li is None else np.asarray(voltage_vs_li, dtype=np.float64)
    overflow = series_overflow_error(t, i, v, v_li)
    if overflow is not None:
        raise overflow
    if rest_tol is None:
        tol = 1e-12 + 1e-9 * np.max(np.abs(i), initial=0.0)
    else:  # the kernel wrapper's checks: one real number, finite, >= 0 (-1 gave a cycle and nan none, silently)
        tol = real_number("rest_tol", rest_tol)
        if not NON_NEGATIVE.contains(tol):
            raise ValueError(NON_NEGATIVE.refusal("rest_tol", tol))
    open_sign = 1 if cycle_start == "discharge" else -1
    dt = np.diff(t)
    im = 0.5 * (i[1:] + i[:-1])
    p = i * v
    de = 0.5 * dt * (p[1:] + p[:-1])
    dq = dt * im
    phase = np.where(dt > 0, (im > tol).astype(np.int8) - (im < -tol).astype(np.int8), 0)
    active = np.flatnonzero(phase)  # intervals that are discharge or charge
    if active.size == 0:
        return summary_dict(np.empty(0), *(np.empty(0),) * 4, None if v_li is None else np.empty(0))
    ph = phase[active]
    # a cycle opens on an interval of the opening phase whose previous active interval is the other one
    opens = active[1:][(ph[1:] == open_sign) & (ph[:-1] == -open_sign)]
    mark = np.zeros(dt.size, dtype=np.int64)
    mark[opens] = 1
    cycle = np.cumsum(mark)
    nc = opens.size + 1
    dis, chg = phase == 1, phase == -1
    q_dis = np.bincount(cycle[dis], weights=dq[dis], minlength=nc)
    q_chg = -np.bincount(cycle[chg], weights=dq[chg], minlength=nc)
    e_dis = np.bincount(cycle[dis], weights=de[dis], minlength=nc)
    e_chg = -np.bincount(cycle[chg], weights=de[chg], minlength=nc)
    start = np.concatenate(([t[0]], t[opens]))
    e_dis_li = None
    if v_li is not None:
        p_li = i * v_li
        e_dis_li = np.bincount(cycle[dis], weights=(0.5 * dt * (p_li[1:] + p_li[:-1]))[dis], minlength=nc)
    overflow = cycle_overflow_error(start, q_dis, q_chg, e_dis, e_chg, e_dis_li)
    if overflow is not None:  # every interval finite, a cycle's sum not
        raise overflow
    return summary_dict(start, q_dis, q_chg, e_dis, e_chg, e_dis_li)


