"""The errors for a result of the compiled kernels that overflows (is not finite though every input is), shared by
their wrappers (:mod:`pybamm_aea.kernels`) and the plain NumPy reference (:mod:`pybamm_aea._numpy_reference`), so
that both give the same named error for the same input (the reference returned zeros or inf where the wrapper
raised, or both returned inf)."""
import numpy as np


def r(value):
    """repr of a number as a plain Python float (not np.float64(...))."""
    return repr(float(value))


def weight_sum_error(wsum):
    """Weights each finite whose sum is not: the fractions would be w / inf = 0."""
    return ValueError(f"weights must have a finite sum, got sum(weights) = {r(wsum)} (rescale them: only ratios "
                      "matter)")


def curve_overflow_error(c):
    return ValueError(f"the energy of curve {c} overflows (is not finite)")


def series_overflow_error(t, i, v, v_li=None):
    """The error naming the first interval [time[k-1], time[k]] of finite values whose capacity or energy is not
    finite (the cycle kernel's test: dq + de, + de with ``v_li``, as it computes them), or None."""
    arrays = [t, i, v] + ([] if v_li is None else [v_li])
    with np.errstate(over="ignore", invalid="ignore"):
        dt = np.diff(t)
        p = i * v
        s = dt * (0.5 * (i[1:] + i[:-1])) + 0.5 * dt * (p[1:] + p[:-1])
        if v_li is not None:
            p_li = i * v_li
            s = s + 0.5 * dt * (p_li[1:] + p_li[:-1])
    finite = np.logical_and.reduce([np.isfinite(a) for a in arrays])
    bad = np.flatnonzero(~np.isfinite(s) & finite[1:] & finite[:-1])
    if not bad.size:
        return None
    k = int(bad[0]) + 1
    values = ", ".join(f"{name} {r(a[k - 1])}, {r(a[k])}" for name, a in zip(("current", "voltage", "voltage_vs_li"),
                                                                             arrays[1:]))
    return ValueError(f"the capacity or energy of the series overflows (is not finite) over time[{k - 1}] = "
                      f"{r(t[k - 1])} to time[{k}] = {r(t[k])} ({values})")


#: the cycle kernel's per-cycle sums, in its order ([A.s] for the capacities, [J] for the energies)
CYCLE_SUMS = ("discharge capacity", "charge capacity", "discharge energy", "charge energy", "discharge energy vs Li")


def cycle_overflow_error(start, *sums):
    """The error naming the first cycle (by its start time) whose sum over its intervals is not finite though each
    interval's is (``sums`` in the order of :data:`CYCLE_SUMS`; None for an absent one), or None."""
    for name, values in zip(CYCLE_SUMS, sums):
        if values is None:
            continue
        bad = np.flatnonzero(~np.isfinite(values))
        if bad.size:
            c = int(bad[0])
            return ValueError(f"the {name} of the cycle starting at time {r(start[c])} s overflows: the sum of its "
                              f"intervals is {r(values[c])}")
    return None
