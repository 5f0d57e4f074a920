# cython: boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False, language_level=3
"""Compiled core of pybamm_aea (built as ``pybamm_aea._kernels``).

These are the raw kernels: they trust their caller (``pybamm_aea.kernels``) to have checked shapes,
converted every array to C-contiguous float64 (int64 for offsets) and validated the phase windows.
What they check themselves, fused into their single pass so that a valid input pays (almost) nothing
for it, is the data: non-finite values, x outside the windows, non-monotonic capacity, decreasing
time. On such an input a kernel stops and reports it (the first bad flat index, the bad curve, or
just a status); the wrapper then locates the first offending value with NumPy (an error path only)
and raises an error naming the argument.

All inner loops run without the GIL on raw pointers and touch no Python object.
"""
from libc.float cimport DBL_MAX
from libc.math cimport fabs
from libc.stdint cimport int64_t
from libc.stdlib cimport free, malloc, realloc

import numpy as np


cdef inline bint _finite(double a) noexcept nogil:
    # False for nan (every comparison with nan is false) and for +-inf.
    return fabs(a) <= DBL_MAX


# ---------------------------------------------------------------------------------------------------
# Lever rule
# ---------------------------------------------------------------------------------------------------

cdef inline Py_ssize_t _locate(double xv, const double* hi, Py_ssize_t n) noexcept nogil:
    """Index of the first window whose upper edge is >= xv (xv already known to be in range)."""
    cdef Py_ssize_t k, idx = 0, a, b, mid
    if n <= 16:
        # branch-free count: the windows are few (4 for Mo6S8), a binary search would only add branches
        for k in range(n - 1):
            idx += <Py_ssize_t>(hi[k] < xv)
        return idx
    a = 0
    b = n - 1
    while a < b:
        mid = (a + b) >> 1
        if hi[mid] < xv:
            a = mid + 1
        else:
            b = mid
    return a


cdef Py_ssize_t _phase_fractions_loop(const double* x, Py_ssize_t m, const double* lo,
                                      const double* hi, Py_ssize_t n, double* out) noexcept nogil:
    cdef Py_ssize_t i, k, idx
    cdef double xv, f
    cdef double xmin = lo[0]
    cdef double xmax = hi[n - 1]
    cdef double* row
    for i in range(m):
        xv = x[i]
        if not ((xv >= xmin) & (xv <= xmax)):  # also catches nan
            return i
        idx = _locate(xv, hi, n)
        row = out + i * n
        for k in range(n):
            row[k] = 0.0
        if xv >= lo[idx]:
            row[idx] = 1.0
        else:  # idx >= 1 here, since xv >= lo[0]
            f = (xv - hi[idx - 1]) / (lo[idx] - hi[idx - 1])
            row[idx] = f
            row[idx - 1] = 1.0 - f
    return -1


def phase_fractions(const double[::1] x, const double[::1] lo, const double[::1] hi,
                    double[:, ::1] out):
    """Lever rule on flat x into out (len(x), n). Returns -1, or the flat index of the first x that is
    non-finite or outside [lo[0], hi[-1]]."""
    cdef Py_ssize_t m = x.shape[0], n = lo.shape[0], bad = -1
    if m == 0:
        return -1
    with nogil:
        bad = _phase_fractions_loop(&x[0], m, &lo[0], &hi[0], n, &out[0, 0])
    return bad


cdef Py_ssize_t _average_loop(const double* x, Py_ssize_t npts, Py_ssize_t nt, const double* w,
                              const double* lo, const double* hi, Py_ssize_t n,
                              double wsum, double* out) noexcept nogil:
    cdef Py_ssize_t i, j, k, idx
    cdef double xv, f, wi
    cdef double xmin = lo[0]
    cdef double xmax = hi[n - 1]
    cdef const double* xr
    cdef double* acc
    for j in range(nt * n):
        out[j] = 0.0
    # x is C-contiguous (n_points, n_times): point i outer, time j inner, in memory order;
    # out (n_times, n_phases) stays in cache for the usual n_times.
    for i in range(npts):
        wi = w[i]
        xr = x + i * nt
        for j in range(nt):
            xv = xr[j]
            if not ((xv >= xmin) & (xv <= xmax)):  # also catches nan
                return i * nt + j
            idx = _locate(xv, hi, n)
            acc = out + j * n
            if xv >= lo[idx]:
                acc[idx] += wi
            else:
                f = (xv - hi[idx - 1]) / (lo[idx] - hi[idx - 1])
                acc[idx] += wi * f
                acc[idx - 1] += wi * (1.0 - f)
    for j in range(nt * n):
        out[j] = out[j] / wsum
    return -1


def average_phase_fractions(const double[:, ::1] x, const double[::1] w, const double[::1] lo,
                            const double[::1] hi, double wsum, double[:, ::1] out):
    """Weighted mean over axis 0 of the lever-rule fractions of x (n_points, n_times) into
    out (n_times, n). Returns -1 or the flat index of the first bad x."""
    cdef Py_ssize_t npts = x.shape[0], nt = x.shape[1], n = lo.shape[0], bad = -1
    if nt == 0:
        return -1
    if npts == 0:
        out[:, :] = 0.0
        return -1
    with nogil:
        bad = _average_loop(&x[0, 0], npts, nt, &w[0], &lo[0], &hi[0], n, wsum, &out[0, 0])
    return bad


# ---------------------------------------------------------------------------------------------------
# Trapezoidal energy of V dQ curves
# ---------------------------------------------------------------------------------------------------

cdef inline int _curve_sum(const double* q, const double* v, Py_ssize_t m, double* energy,
                           bint rising) noexcept nogil:
    """The trapezoid sum of one curve of m >= 2 points into energy[0]. Returns 1 if a capacity step
    goes against ``rising`` (a step down on a rising curve, up on a falling one), else 0."""
    cdef double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    cdef double d0, d1, d2, d3, a, b
    cdef double back = 0.0  # the most negative step of a rising curve, the most positive of a falling one
    cdef Py_ssize_t k = 0
    # Four independent accumulators break the add dependency chain (the sum cannot be vectorised
    # by the compiler without -ffast-math). The steps against the direction are tracked by one
    # running extreme (min / max: no compare turned into an integer flag per step, which made the
    # loop 4 times slower out of cache on an Intel Xeon: 42 against 10 ms for 1e7 points).
    while k + 4 < m:
        d0 = q[k + 1] - q[k]
        d1 = q[k + 2] - q[k + 1]
        d2 = q[k + 3] - q[k + 2]
        d3 = q[k + 4] - q[k + 3]
        s0 += (v[k] + v[k + 1]) * d0
        s1 += (v[k + 1] + v[k + 2]) * d1
        s2 += (v[k + 2] + v[k + 3]) * d2
        s3 += (v[k + 3] + v[k + 4]) * d3
        if rising:
            a = d0 if d0 < d1 else d1
            b = d2 if d2 < d3 else d3
            a = a if a < b else b
            back = a if a < back else back
        else:
            a = d0 if d0 > d1 else d1
            b = d2 if d2 > d3 else d3
            a = a if a > b else b
            back = a if a > back else back
        k += 4
    while k + 1 < m:
        d0 = q[k + 1] - q[k]
        s0 += (v[k] + v[k + 1]) * d0
        if rising:
            back = d0 if d0 < back else back
        else:
            back = d0 if d0 > back else back
        k += 1
    energy[0] = 0.5 * ((s0 + s1) + (s2 + s3))
    return back != 0.0


cdef int _one_curve(const double* q, const double* v, Py_ssize_t m, double* energy,
                    double* span) noexcept nogil:
    """0: ok; 1: a non-finite sum (a non-finite input, or overflow); 2: capacity not monotonic."""
    cdef double e
    cdef int back
    energy[0] = 0.0
    span[0] = 0.0
    if m == 0:
        return 0
    if m == 1:
        return 0 if (_finite(q[0]) and _finite(v[0])) else 1
    # A curve ending at or above its start is monotonic iff no step goes down, one ending below it
    # iff none goes up (with finite q: a non-constant curve with no step down ends above its start),
    # so the ends give the direction and one extreme of the steps is enough. With a nan at an end
    # the direction is arbitrary, but the sum is nan.
    if q[m - 1] >= q[0]:
        back = _curve_sum(q, v, m, energy, True)
    else:
        back = _curve_sum(q, v, m, energy, False)
    e = energy[0]
    span[0] = q[m - 1] - q[0]
    # Any nan/inf in q or v makes at least one term nan or +-inf, so the sum is not finite.
    if not _finite(e):
        return 1
    if back:
        return 2
    return 0


def curve_energy(const double[::1] q, const double[::1] v, const int64_t[::1] offsets,
                 double[::1] energy, double[::1] span):
    """Energy and capacity span of each curve q[offsets[c]:offsets[c+1]]. Returns (code, curve):
    code 0 ok, 1 non-finite sum in curve, 2 non-monotonic capacity in curve."""
    cdef Py_ssize_t nc = offsets.shape[0] - 1, c, a, b
    cdef int code = 0
    cdef const double* qp
    cdef const double* vp
    if nc <= 0:
        return 0, -1
    if q.shape[0] == 0:
        energy[:] = 0.0
        span[:] = 0.0
        return 0, -1
    qp = &q[0]
    vp = &v[0]
    with nogil:
        for c in range(nc):
            a = <Py_ssize_t>offsets[c]
            b = <Py_ssize_t>offsets[c + 1]
            code = _one_curve(qp + a, vp + a, b - a, &energy[c], &span[c])
            if code != 0:
                break
    if code != 0:
        return code, c
    return 0, -1


# ---------------------------------------------------------------------------------------------------
# Cycle summaries of a cycling time series
# ---------------------------------------------------------------------------------------------------

cdef struct _Cycle:
    double start     # s
    double q_dis     # A.s, >= 0
    double q_chg     # A.s, >= 0
    double e_dis     # J
    double e_chg     # J
    double e_dis2    # J, discharge energy with the second voltage


cdef int _push(_Cycle** buf, Py_ssize_t* cap, Py_ssize_t* ncyc, double start, double q_dis,
               double q_chg, double e_dis, double e_chg, double e_dis2) noexcept nogil:
    cdef _Cycle* nb
    if ncyc[0] == cap[0]:
        nb = <_Cycle*>realloc(buf[0], <size_t>(2 * cap[0]) * sizeof(_Cycle))
        if nb == NULL:
            return -1
        buf[0] = nb
        cap[0] = 2 * cap[0]
    buf[0][ncyc[0]].start = start
    buf[0][ncyc[0]].q_dis = q_dis
    buf[0][ncyc[0]].q_chg = q_chg
    buf[0][ncyc[0]].e_dis = e_dis
    buf[0][ncyc[0]].e_chg = e_chg
    buf[0][ncyc[0]].e_dis2 = e_dis2
    ncyc[0] += 1
    return 0


cdef inline int _cycle_loop(const double* t, const double* cur, const double* v, const double* v2,
                            bint has2, Py_ssize_t n, double tol, int open_sign, _Cycle** buf,
                            Py_ssize_t* cap, Py_ssize_t* ncyc) noexcept nogil:
    """0: ok; 1: a non-finite value or a decrease of time (the caller finds the first one);
    -1: out of memory.

    Interval k is [t[k-1], t[k]]. Its phase is +1 (discharge: dt > 0 and mean current > tol), -1
    (charge: dt > 0 and mean current < -tol) or 0 (rest, or a zero-length interval). The phase changes
    only a few times per cycle, so its branches are well predicted; the cycle logic runs only on a
    change of phase. Non-finite values are detected without a branch per point: any nan/inf in the
    inputs makes dq or de non-finite, and ``chk`` (a sum of dq * 0.0 + de * 0.0, which stays 0.0 for
    finite values) turns nan for good; it is tested once at the end. With ``has2``, ``v2`` is a
    second voltage of the same points (the cathode's against Li on a Li-In anode): its discharge
    energy ``e_dis2`` is summed over the same discharge intervals, in the same pass; without it
    ``e_dis2`` is ``e_dis``. (Inlined at two call sites with ``has2`` a constant, so that the loop
    of a single voltage does not pay for the second: measured 7.9 ms for 2e6 points, 12.1 ms with
    the second voltage always computed.)
    """
    cdef double t0 = t[0], i0 = cur[0], p0, q0, t1, i1, p1, q1, dt, im, dq, de, de2
    cdef double q_dis = 0.0, q_chg = 0.0, e_dis = 0.0, e_chg = 0.0, e_dis2 = 0.0, start = t[0], chk = 0.0
    cdef int ph, last = 0  # last: phase of the last non-rest interval (0: none yet)
    cdef Py_ssize_t k
    if not (_finite(t0) and _finite(i0) and _finite(v[0])):
        return 1
    p0 = i0 * v[0]
    q0 = 0.0
    if has2:
        if not _finite(v2[0]):
            return 1
        q0 = i0 * v2[0]
    for k in range(1, n):
        t1 = t[k]
        i1 = cur[k]
        if not (t1 >= t0):  # decreasing, or nan
            return 1
        p1 = i1 * v[k]
        dt = t1 - t0
        im = 0.5 * (i0 + i1)
        dq = dt * im
        de = 0.5 * dt * (p0 + p1)
        if has2:
            q1 = i1 * v2[k]
            de2 = 0.5 * dt * (q0 + q1)
            chk += (dq + de + de2) * 0.0
        else:
            q1 = p1
            de2 = de
            chk += (dq + de) * 0.0
        if dt > 0.0:  # repeated time points (step boundaries) carry nothing
            ph = <int>(im > tol) - <int>(im < -tol)
            if ph != last and ph != 0:
                # a change of phase: the first active interval belongs to cycle 0 (from t[0]); an
                # interval of the opening phase right after one of the closing phase opens a cycle
                if last != 0 and ph == open_sign:
                    if _push(buf, cap, ncyc, start, q_dis, q_chg, e_dis, e_chg, e_dis2) != 0:
                        return -1
                    start = t0
                    q_dis = 0.0
                    q_chg = 0.0
                    e_dis = 0.0
                    e_chg = 0.0
                    e_dis2 = 0.0
                last = ph
            if ph > 0:
                q_dis += dq
                e_dis += de
                e_dis2 += de2
            elif ph < 0:
                q_chg -= dq
                e_chg -= de
        t0 = t1
        i0 = i1
        p0 = p1
        q0 = q1
    if chk != 0.0:  # nan: a non-finite value in time, current or voltage
        return 1
    if last != 0:
        if _push(buf, cap, ncyc, start, q_dis, q_chg, e_dis, e_chg, e_dis2) != 0:
            return -1
    return 0


def max_abs(const double[::1] a):
    """max |a| ignoring nan (0.0 for an empty array)."""
    cdef Py_ssize_t k, m = a.shape[0]
    cdef double r0 = 0.0, r1 = 0.0, x0, x1
    with nogil:
        k = 0
        while k + 1 < m:
            x0 = fabs(a[k])
            x1 = fabs(a[k + 1])
            if x0 > r0:
                r0 = x0
            if x1 > r1:
                r1 = x1
            k += 2
        if k < m:
            x0 = fabs(a[k])
            if x0 > r0:
                r0 = x0
    return r0 if r0 > r1 else r1


def cycle_summaries(const double[::1] t, const double[::1] cur, const double[::1] v, double tol,
                    int open_sign, const double[::1] v2=None):
    """Single pass over (t, I, V). Returns (status, cycles) where cycles is a float64 array
    (n_cycles, 6): start time [s], discharge and charge capacity [A.s], discharge and charge
    energy [J], and discharge energy [J] with the second voltage ``v2`` (the same points' voltage
    against Li on a Li-In anode; without it, ``v``'s: column 5 = column 3), or None if status != 0
    (a non-finite value or a decrease of time: the caller finds the first one)."""
    cdef Py_ssize_t n = t.shape[0], cap = 64, ncyc = 0, c
    cdef int status = 0
    cdef _Cycle* buf
    cdef double[:, ::1] res
    cdef bint has2 = v2 is not None
    if has2 and v2.shape[0] != n:
        raise ValueError(f"v2 has {v2.shape[0]} points, t has {n}")
    if n == 0:
        return 0, np.empty((0, 6))
    buf = <_Cycle*>malloc(<size_t>cap * sizeof(_Cycle))
    if buf == NULL:
        raise MemoryError()
    try:
        with nogil:
            if has2:
                status = _cycle_loop(&t[0], &cur[0], &v[0], &v2[0], True, n, tol, open_sign, &buf, &cap, &ncyc)
            else:
                status = _cycle_loop(&t[0], &cur[0], &v[0], NULL, False, n, tol, open_sign, &buf, &cap, &ncyc)
        if status == -1:
            raise MemoryError()
        if status != 0:
            return status, None
        out = np.empty((ncyc, 6))
        res = out
        for c in range(ncyc):
            res[c, 0] = buf[c].start
            res[c, 1] = buf[c].q_dis
            res[c, 2] = buf[c].q_chg
            res[c, 3] = buf[c].e_dis
            res[c, 4] = buf[c].e_chg
            res[c, 5] = buf[c].e_dis2
        return 0, out
    finally:
        free(buf)
