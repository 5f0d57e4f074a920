"""Tests of the compiled kernels (pybamm_aea.kernels) against the NumPy reference and physics."""
import re
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from pybamm_aea import _numpy_reference as ref
from pybamm_aea import kernels as K
from pybamm_aea.kernels import MO6S8_WINDOWS as W

HYP = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------------------------------------------
# strategies
# ---------------------------------------------------------------------------------------------------

@st.composite
def windows_st(draw, max_n=6, points_only=False):
    """Ordered, non-overlapping single-phase windows: points (line compounds) and intervals."""
    n = draw(st.integers(1, max_n))
    x = draw(st.floats(-5.0, 5.0))
    out = []
    for k in range(n):
        if k:
            x += draw(st.floats(0.05, 2.0))
        width = 0.0 if points_only else draw(st.one_of(st.just(0.0), st.floats(0.01, 1.5)))
        out.append((x, x + width))
        x += width
    return out


@st.composite
def x_in_windows(draw, windows, shape):
    """x inside [x_low[0], x_high[-1]], mixing random values with exact window edges."""
    lo, hi = windows[0][0], windows[-1][1]
    edges = [v for w in windows for v in w]
    elems = st.one_of(st.floats(lo, hi), st.sampled_from(edges))
    return draw(hnp.arrays(np.float64, shape, elements=elems))


def monotonic_curve(rng, m, decreasing=False, flat_fraction=0.1):
    dq = rng.uniform(0.0, 2.0, max(m - 1, 0))
    dq[rng.random(dq.size) < flat_fraction] = 0.0  # repeated capacity values are allowed
    q = rng.uniform(-1, 1) + np.concatenate(([0.0], np.cumsum(dq)))[:m]
    return -q if decreasing else q


def energy_tol(q, v):
    """Absolute tolerance for a trapezoid sum in another summation order."""
    terms = np.abs(0.5 * (v[1:] + v[:-1]) * np.diff(q)) if q.size > 1 else np.zeros(1)
    return 1e-12 * (terms.sum() + 1.0)


# ---------------------------------------------------------------------------------------------------
# phase_fractions
# ---------------------------------------------------------------------------------------------------

def test_mo6s8_windows_constant():
    assert W == ((0.0, 0.0), (1.0, 1.0), (3.0, 3.0), (4.0, 4.0))


@pytest.mark.slow
@HYP
@given(data=st.data())
def test_phase_fractions_matches_reference(data):
    windows = data.draw(windows_st())
    shape = data.draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=6))
    x = data.draw(x_in_windows(windows, shape))
    got = K.phase_fractions(x, windows)
    want = ref.phase_fractions(x, windows)
    assert got.shape == x.shape + (len(windows),)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-15)
    assert np.all((got >= 0) & (got <= 1))
    np.testing.assert_allclose(got.sum(axis=-1), 1.0, rtol=0, atol=1e-15)


@pytest.mark.slow
@HYP
@given(data=st.data())
def test_lever_rule_recovers_li_content(data):
    windows = data.draw(windows_st(points_only=True))
    x = data.draw(x_in_windows(windows, (20,)))
    f = K.phase_fractions(x, windows)
    mid = np.array([0.5 * (a + b) for a, b in windows])
    np.testing.assert_allclose(f @ mid, x, rtol=0, atol=1e-12)


def test_mo6s8_two_phase_mixtures():
    f = K.phase_fractions([0.0, 0.5, 1.0, 2.0, 3.0, 3.5, 4.0], W)
    np.testing.assert_array_equal(
        f,
        [[1, 0, 0, 0], [0.5, 0.5, 0, 0], [0, 1, 0, 0], [0, 0.5, 0.5, 0],
         [0, 0, 1, 0], [0, 0, 0.5, 0.5], [0, 0, 0, 1]],
    )
    # lever rule between Li1 and Li3: x = 1.5 is 3/4 Li1 + 1/4 Li3
    np.testing.assert_allclose(K.phase_fractions(1.5, W), [0, 0.75, 0.25, 0])
    # Li content recovered from the Mo6S8 line compounds
    x = np.linspace(0, 4, 101)
    np.testing.assert_allclose(K.phase_fractions(x, W) @ [0, 1, 3, 4], x, atol=1e-14)


def test_interval_windows():
    windows = [(0.0, 0.5), (1.0, 2.0), (3.0, 3.0)]
    f = K.phase_fractions([0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0], windows)
    np.testing.assert_allclose(
        f,
        [[1, 0, 0], [1, 0, 0], [1, 0, 0], [0.5, 0.5, 0], [0, 1, 0], [0, 1, 0], [0, 1, 0],
         [0, 0.5, 0.5], [0, 0, 1]],
    )
    assert K.phase_fractions([0.2, 0.4], [(0.0, 1.0)]).tolist() == [[1.0], [1.0]]


def test_phase_fractions_shapes():
    assert K.phase_fractions(2.5, W).shape == (4,)
    assert K.phase_fractions([], W).shape == (0, 4)
    assert K.phase_fractions(np.zeros((3, 0, 2)), W).shape == (3, 0, 2, 4)
    assert K.phase_fractions(np.full((2, 3), 3.0), W).shape == (2, 3, 4)
    np.testing.assert_array_equal(K.phase_fractions([2.0], W), [[0, 0.5, 0.5, 0]])


@pytest.mark.parametrize("bad, text", [(4.0 + 1e-9, r"x\[2\] = 4\.000000001"), (-1e-12, r"x\[2\] = -1e-12")])
def test_phase_fractions_out_of_range(bad, text):
    x = np.array([0.0, 4.0, bad, 5.0])
    with pytest.raises(ValueError, match=text) as exc:
        K.phase_fractions(x, W)
    assert "outside" in str(exc.value)
    with pytest.raises(ValueError, match=r"x\[1, 0\] = 7\.5 is outside"):
        K.phase_fractions([[1.0, 2.0], [7.5, 1.0]], W)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_phase_fractions_nonfinite(bad):
    x = np.array([[0.5, 1.0], [2.0, bad]])
    with pytest.raises(ValueError, match=r"x must be finite, but x\[1, 1\] = (nan|inf|-inf)"):
        K.phase_fractions(x, W)


def test_phase_fractions_dtypes():
    want = K.phase_fractions([0.0, 1.0, 2.0, 3.0], W)
    for x in ([0, 1, 2, 3], np.array([0, 1, 2, 3], dtype=np.int32), np.array([0, 1, 2, 3], np.uint8),
              np.array([0, 1, 2, 3], np.float32), (0, 1, 2, 3)):
        np.testing.assert_array_equal(K.phase_fractions(x, W), want)
    np.testing.assert_array_equal(K.phase_fractions(np.array([True, False]), W)[:, :2], [[0, 1], [1, 0]])
    for bad in (["1.0", "2.0"], np.array([1.0, 2.0], dtype=object), np.array([1 + 0j]), "2.0"):
        with pytest.raises(TypeError, match=r"^x must be an array of real numbers"):
            K.phase_fractions(bad, W)


def test_phase_fractions_non_contiguous():
    rng = np.random.default_rng(1)
    base = rng.uniform(0, 4, (40, 30))
    for view in (base[::3, ::2], base.T, np.asfortranarray(base), base[:, 5]):
        assert not view.flags.c_contiguous or view is base
        np.testing.assert_array_equal(K.phase_fractions(view, W), K.phase_fractions(view.copy(), W))
    ro = base.copy()
    ro.flags.writeable = False  # read-only input works too (const memoryviews)
    before = ro.copy()
    K.phase_fractions(ro, W)
    np.testing.assert_array_equal(ro, before)


@pytest.mark.parametrize(
    "windows, text",
    [
        ([], r"windows must have shape \(n_phases, 2\)"),
        ([1.0, 2.0], r"windows must have shape"),
        ([(0, 1, 2)], r"windows must have shape"),
        ([(1.0, 0.0)], r"windows\[0\] = \(1\.0, 0\.0\) has x_low > x_high"),
        ([(0, 1), (1, 2)], r"windows must be strictly increasing and non-overlapping: windows\[0\]"),
        ([(0, 0), (3, 3), (1, 1)], r"windows must be strictly increasing"),
        ([(0, 0), (np.nan, 1)], r"windows must be finite, but windows\[1, 0\] = nan"),
        ([(0, np.inf)], r"windows must be finite"),
    ],
)
def test_bad_windows(windows, text):
    with pytest.raises(ValueError, match=text):
        K.phase_fractions([0.5], windows)
    with pytest.raises(ValueError, match=text):
        K.average_phase_fractions([[0.5]], [1.0], windows)


def test_windows_type_error():
    with pytest.raises(TypeError, match="^windows must be an array of real numbers"):
        K.phase_fractions([0.5], [("a", "b")])


def test_single_window():
    np.testing.assert_array_equal(K.phase_fractions([0.0, 0.0], [(0.0, 0.0)]), [[1.0], [1.0]])
    with pytest.raises(ValueError, match=r"x\[0\] = 0\.5 is outside"):
        K.phase_fractions([0.5], [(0.0, 0.0)])


def test_many_windows_binary_search():
    windows = [(float(k), float(k)) for k in range(40)]  # > 16 windows: binary-search path
    x = np.linspace(0, 39, 1001)
    np.testing.assert_allclose(K.phase_fractions(x, windows), ref.phase_fractions(x, windows), atol=1e-15)
    np.testing.assert_allclose(K.phase_fractions(x, windows) @ np.arange(40.0), x, atol=1e-12)


# ---------------------------------------------------------------------------------------------------
# average_phase_fractions
# ---------------------------------------------------------------------------------------------------

@pytest.mark.slow
@HYP
@given(data=st.data())
def test_average_matches_reference(data):
    windows = data.draw(windows_st())
    npts = data.draw(st.integers(1, 12))
    nt = data.draw(st.integers(0, 9))
    x = data.draw(x_in_windows(windows, (npts, nt)))
    w = data.draw(hnp.arrays(np.float64, npts, elements=st.one_of(st.just(0.0), st.floats(1e-3, 10.0))))
    w[data.draw(st.integers(0, npts - 1))] += 1.0  # positive sum
    got = K.average_phase_fractions(x, w, windows)
    assert got.shape == (nt, len(windows))
    np.testing.assert_allclose(got, ref.average_phase_fractions(x, w, windows), rtol=1e-12, atol=1e-14)
    f = K.phase_fractions(x, windows)
    np.testing.assert_allclose(got, np.einsum("i,ijk->jk", w, f) / w.sum(), rtol=1e-12, atol=1e-14)
    if nt:
        np.testing.assert_allclose(got.sum(axis=1), 1.0, atol=1e-13)
        assert np.all(got >= 0) and np.all(got <= 1 + 1e-13)


def test_average_known_values():
    # two cells of a particle: half the volume at Li0.5, half at Li2 -> Li0 1/4, Li1 1/2, Li3 1/4
    x = np.array([[0.5, 4.0], [2.0, 4.0]])
    got = K.average_phase_fractions(x, [1.0, 1.0], W)
    np.testing.assert_allclose(got, [[0.25, 0.5, 0.25, 0.0], [0, 0, 0, 1]])
    # weights are relative: a zero weight removes a point
    np.testing.assert_allclose(K.average_phase_fractions(x, [0.0, 3.0], W)[0], [0, 0.5, 0.5, 0])
    # 1-D x is a single time -> (n_phases,)
    np.testing.assert_allclose(K.average_phase_fractions([0.5, 2.0], [1, 1], W), [0.25, 0.5, 0.25, 0])
    assert K.average_phase_fractions(np.zeros((3, 0)), np.ones(3), W).shape == (0, 4)


def test_average_non_contiguous_and_dtypes():
    rng = np.random.default_rng(2)
    base = rng.uniform(0, 4, (30, 50))
    w = rng.uniform(0, 1, 60)
    for x, ww in ((base[:, ::3], w[:30]), (base.T[:20], w[::3]), (np.asfortranarray(base), w[:30])):
        np.testing.assert_array_equal(
            K.average_phase_fractions(x, ww, W), K.average_phase_fractions(x.copy(), ww.copy(), W)
        )
    xi = rng.integers(0, 5, (6, 7))
    np.testing.assert_allclose(
        K.average_phase_fractions(xi, np.arange(1, 7), W),
        K.average_phase_fractions(xi.astype(float), np.arange(1.0, 7.0), W),
    )


def test_average_errors():
    x = np.full((3, 4), 2.0)
    with pytest.raises(ValueError, match=r"x of shape \(3, 4\).*weights of shape \(2,\)"):
        K.average_phase_fractions(x, [1.0, 1.0], W)
    with pytest.raises(ValueError, match=r"weights of shape \(3, 1\)"):
        K.average_phase_fractions(x, np.ones((3, 1)), W)
    with pytest.raises(ValueError, match=r"x must have shape \(n_points, n_times\).*\(3, 4, 1\)"):
        K.average_phase_fractions(x[..., None], np.ones(3), W)
    with pytest.raises(ValueError, match=r"weights must be >= 0: weights\[1\] = -1\.0"):
        K.average_phase_fractions(x, [1.0, -1.0, 1.0], W)
    with pytest.raises(ValueError, match=r"weights must have a positive sum"):
        K.average_phase_fractions(x, [0.0, 0.0, 0.0], W)
    with pytest.raises(ValueError, match=r"weights must have a positive sum"):
        K.average_phase_fractions(np.zeros((0, 4)), np.zeros(0), W)
    with pytest.raises(ValueError, match=r"weights must have a finite sum, got sum\(weights\) = inf"):
        K.average_phase_fractions(x, [1e308, 1e308, 0.0], W)  # each finite: the fractions were all 0
    with pytest.raises(ValueError, match=r"weights must be finite, but weights\[2\] = nan"):
        K.average_phase_fractions(x, [1.0, 1.0, np.nan], W)
    with pytest.raises(TypeError, match=r"^weights must be an array of real numbers"):
        K.average_phase_fractions(x, ["1", "1", "1"], W)
    with pytest.raises(TypeError, match=r"^x must be an array of real numbers"):
        K.average_phase_fractions(x.astype(object), [1, 1, 1], W)
    xb = x.copy()
    xb[2, 1] = np.nan
    with pytest.raises(ValueError, match=r"x must be finite, but x\[2, 1\] = nan"):
        K.average_phase_fractions(xb, [1, 1, 1], W)
    xb[2, 1] = np.inf
    with pytest.raises(ValueError, match=r"x must be finite, but x\[2, 1\] = inf"):
        K.average_phase_fractions(xb, [1, 1, 1], W)
    xb[2, 1] = 4.5
    xb[1, 3] = -0.5
    with pytest.raises(ValueError, match=r"x\[1, 3\] = -0\.5 is outside"):
        K.average_phase_fractions(xb, [1, 1, 1], W)
    with pytest.raises(ValueError, match=r"x\[1\] = 4\.5 is outside"):
        K.average_phase_fractions([0.0, 4.5], [1, 1], W)


# ---------------------------------------------------------------------------------------------------
# curve_energy
# ---------------------------------------------------------------------------------------------------

@HYP
@given(seed=st.integers(0, 2**32 - 1), m=st.integers(2, 60), decreasing=st.booleans())
def test_curve_energy_single_matches_reference(seed, m, decreasing):
    rng = np.random.default_rng(seed)
    q = monotonic_curve(rng, m, decreasing)
    q[-1] = q[0] + (q[-1] - q[0] or (-1.0 if decreasing else 1.0))  # non-zero span
    v = rng.uniform(-1.0, 5.0, m)
    e, mv = K.curve_energy(q, v)
    e_ref, mv_ref = ref.curve_energy(q, v)
    assert isinstance(e, float) and isinstance(mv, float)
    tol = energy_tol(q, v)
    assert abs(e - e_ref) <= tol
    assert abs(mv - mv_ref) <= tol / abs(q[-1] - q[0]) + 1e-12 * abs(mv_ref)


@pytest.mark.slow
@HYP
@given(seed=st.integers(0, 2**32 - 1), nc=st.integers(0, 8), ns=st.integers(2, 30))
def test_curve_energy_2d_matches_reference(seed, nc, ns):
    rng = np.random.default_rng(seed)
    q = np.array([monotonic_curve(rng, ns, rng.random() < 0.5, flat_fraction=0.0) for _ in range(nc)])
    q = q.reshape(nc, ns)
    v = rng.uniform(0.0, 4.0, (nc, ns))
    e, mv = K.curve_energy(q, v)
    e_ref, mv_ref = ref.curve_energy(q, v)
    assert e.shape == mv.shape == (nc,)
    for c in range(nc):
        assert abs(e[c] - e_ref[c]) <= energy_tol(q[c], v[c])
    np.testing.assert_allclose(mv, mv_ref, rtol=1e-10)


@pytest.mark.slow
@HYP
@given(seed=st.integers(0, 2**32 - 1), lengths=st.lists(st.integers(0, 25), min_size=0, max_size=10))
def test_curve_energy_ragged_matches_reference(seed, lengths):
    rng = np.random.default_rng(seed)
    curves = []
    for m in lengths:
        q = monotonic_curve(rng, m, rng.random() < 0.5)
        if m >= 2 and q[-1] == q[0]:
            q[-1] += 1.0 if q[0] <= q[1] else -1.0
        curves.append(q)
    q = np.concatenate(curves) if curves else np.zeros(0)
    v = rng.uniform(0.0, 4.0, q.size)
    offsets = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    e, mv = K.curve_energy(q, v, offsets)
    e_ref, mv_ref = ref.curve_energy(q, v, offsets)
    assert e.shape == (len(lengths),)
    np.testing.assert_allclose(e, e_ref, rtol=1e-11, atol=1e-11)
    np.testing.assert_allclose(mv, mv_ref, rtol=1e-10, atol=1e-10)  # nan where fewer than 2 points
    short = np.array(lengths) < 2
    assert np.all(np.isnan(mv[short])) and np.all(e[short] == 0.0)
    # each curve alone gives the same
    for c, m in enumerate(lengths):
        a = offsets[c]
        e1, _ = K.curve_energy(q[a:a + m], v[a:a + m])
        assert e1 == pytest.approx(e[c], rel=1e-12, abs=1e-12)


def test_curve_energy_physics():
    q = np.linspace(0.0, 2.5, 1001)
    e, mv = K.curve_energy(q, np.full_like(q, 3.2))  # constant voltage: E = V * Q
    assert e == pytest.approx(3.2 * 2.5, rel=1e-14)
    assert mv == pytest.approx(3.2, rel=1e-14)
    e, mv = K.curve_energy(q, 4.0 - 0.4 * q)  # linear voltage: the trapezoid rule is exact
    assert e == pytest.approx(4.0 * 2.5 - 0.2 * 2.5**2, rel=1e-13)
    assert mv == pytest.approx(4.0 - 0.2 * 2.5, rel=1e-13)
    # uneven sampling still exact for linear V
    q2 = np.sort(np.random.default_rng(3).uniform(0, 2.5, 500))
    assert K.curve_energy(q2, 4.0 - 0.4 * q2)[0] == pytest.approx(
        4.0 * (q2[-1] - q2[0]) - 0.2 * (q2[-1] ** 2 - q2[0] ** 2), rel=1e-12
    )
    # decreasing capacity: energy negative, mean voltage still the voltage
    e, mv = K.curve_energy(q[::-1], np.full_like(q, 3.2))
    assert e == pytest.approx(-8.0, rel=1e-14) and mv == pytest.approx(3.2, rel=1e-14)
    # a Mo6S8-like discharge in mAh/g and V gives mWh/g: 2.3 V plateau for 35 mAh/g, 2.05 V for 90
    q = np.array([0.0, 35.0, 35.0, 125.0])
    v = np.array([2.3, 2.3, 2.05, 2.05])
    e, mv = K.curve_energy(q, v)
    assert e == pytest.approx(2.3 * 35 + 2.05 * 90)
    assert mv == pytest.approx(e / 125.0)


def test_curve_energy_few_points():
    assert K.curve_energy([], []) == (0.0, pytest.approx(np.nan, nan_ok=True))
    e, mv = K.curve_energy([1.0], [3.0])
    assert e == 0.0 and np.isnan(mv)
    e, mv = K.curve_energy(np.zeros((3, 1)), np.ones((3, 1)))
    np.testing.assert_array_equal(e, 0.0)
    assert np.all(np.isnan(mv))
    e, mv = K.curve_energy(np.zeros((0, 5)), np.zeros((0, 5)))
    assert e.shape == mv.shape == (0,)
    e, mv = K.curve_energy(np.zeros(0), np.zeros(0), offsets=[0])
    assert e.shape == (0,)
    e, mv = K.curve_energy([0.0, 1.0], [2.0, 4.0])
    assert (e, mv) == (3.0, 3.0)


def test_curve_energy_dtypes_and_strides():
    q = np.arange(10)
    v = np.arange(10, 20)
    assert K.curve_energy(q, v) == K.curve_energy(q.astype(float), v.astype(float))
    qq = np.linspace(0, 1, 200)
    vv = np.cos(qq)
    assert K.curve_energy(qq[::3], vv[::3]) == K.curve_energy(qq[::3].copy(), vv[::3].copy())
    q2 = np.tile(qq, (3, 1))
    v2 = np.vstack([vv, 2 * vv, 3 * vv])
    e1, m1 = K.curve_energy(np.asfortranarray(q2), v2.T.copy().T)
    e2, m2 = K.curve_energy(q2, v2)
    np.testing.assert_array_equal(e1, e2)
    np.testing.assert_array_equal(m1, m2)
    for bad, name in ((["a", "b"], "capacity"), (np.array([1.0, 2.0], dtype=object), "capacity"),
                      (np.array([1j, 2j]), "capacity")):
        with pytest.raises(TypeError, match=f"^{name} must be an array of real numbers"):
            K.curve_energy(bad, [1.0, 2.0])
    with pytest.raises(TypeError, match="^voltage must be an array of real numbers"):
        K.curve_energy([1.0, 2.0], ["1", "2"])


def test_curve_energy_errors():
    with pytest.raises(ValueError, match=r"capacity \(3,\) and voltage \(4,\)"):
        K.curve_energy([0, 1, 2], [1, 1, 1, 1])
    with pytest.raises(ValueError, match=r"capacity \(2, 3\) and voltage \(3, 2\)"):
        K.curve_energy(np.zeros((2, 3)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"1-D or 2-D"):
        K.curve_energy(np.zeros((1, 2, 3)), np.zeros((1, 2, 3)))
    with pytest.raises(ValueError, match=r"capacity is not monotonic in curve 0: capacity\[3\] = 1\.5"):
        K.curve_energy([0, 1, 2, 1.5, 3], [1, 1, 1, 1, 1])
    with pytest.raises(ValueError, match=r"not monotonic in curve 0: capacity\[2\] = 2\.5 .*decreasing"):
        K.curve_energy([3, 2, 2.5, 1], [1, 1, 1, 1])
    q = np.tile(np.arange(8.0), (3, 1))
    q[2, 5] = 1.0
    with pytest.raises(ValueError, match=r"not monotonic in curve 2: capacity\[2, 5\] = 1\.0"):
        K.curve_energy(q, np.ones((3, 8)))
    with pytest.raises(ValueError, match=r"not monotonic in curve 1: capacity\[5\]"):
        K.curve_energy([0, 1, 2, 0, 1, 0.5, 4], np.ones(7), offsets=[0, 3, 7])
    with pytest.raises(ValueError, match=r"voltage must be finite, but voltage\[2\] = inf"):
        K.curve_energy([0, 1, 2, 1.5, 3], [1, 1, np.inf, 1, 1])  # non-finite is reported first
    with pytest.raises(ValueError, match=r"capacity must be finite, but capacity\[1, 0\] = nan"):
        K.curve_energy([[0, 1], [np.nan, 1]], np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"voltage must be finite, but voltage\[0\] = nan"):
        K.curve_energy([1.0], [np.nan])
    with pytest.raises(ValueError, match=r"capacity must be finite, but capacity\[4\] = -inf"):
        K.curve_energy([0, 1, 2, 3, -np.inf, 5, 6], np.ones(7), offsets=[0, 2, 7])
    with pytest.raises(ValueError, match=r"curve 0 has zero capacity span"):
        K.curve_energy([2.0, 2.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"curve 1 has zero capacity span"):
        K.curve_energy([[0.0, 1.0], [1.0, 1.0]], np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"overflows"):
        K.curve_energy([0.0, 1e308], [1e308, 1e308])


@pytest.mark.parametrize("falling", [False, True])
def test_curve_energy_finds_a_step_back_at_every_position(falling):
    """The kernel takes the steps four at a time, then the last ones one at a time: a step against
    the curve's direction is found in each of the four and in the tail, on a rising and on a falling
    curve; a curve back at its start is not monotonic."""
    for m in range(2, 14):
        q = np.arange(m, dtype=float)
        K.curve_energy(-q if falling else q, np.ones(m))  # no step back: no error
        for j in range(1, m):
            qb = q.copy()
            qb[j:] -= 1.5  # step j - 1 -> j goes back by 0.5, the others forward by 1
            if m >= 3:  # m = 2 has one step: monotonic either way
                with pytest.raises(ValueError, match=r"capacity is not monotonic in curve 0"):
                    K.curve_energy(-qb if falling else qb, np.ones(m))
    for q in ([0.0, 1.0, 0.0], [0.0, -1.0, 0.0], [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 0.0]):
        with pytest.raises(ValueError, match=r"capacity is not monotonic in curve 0"):
            K.curve_energy(q, np.ones(len(q)))


@pytest.mark.parametrize(
    "offsets, err, text",
    [
        ([1, 3], ValueError, r"offsets\[0\] must be 0"),
        ([0, 2, 1, 3], ValueError, r"offsets must be non-decreasing: offsets\[2\] = 1"),
        ([0, 2], ValueError, r"offsets\[-1\] must equal len\(capacity\) = 3"),
        ([], ValueError, r"offsets must be 1-D with length n_curves \+ 1"),
        ([[0, 3]], ValueError, r"offsets must be 1-D"),
        ([0.0, 3.0], TypeError, r"offsets must be an integer array"),
        # quoted as given: it was the int64 it wraps to, "offsets[1] = -9223372036854775808"
        (np.array([0, 2**63, 3], dtype=np.uint64), ValueError,
         r"offsets\[1\] = 9223372036854775808 is beyond len\(capacity\) = 3"),
    ],
)
def test_curve_energy_bad_offsets(offsets, err, text):
    with pytest.raises(err, match=text):
        K.curve_energy([0.0, 1.0, 2.0], [1.0, 1.0, 1.0], offsets)


def test_curve_energy_offsets_need_1d():
    with pytest.raises(ValueError, match=r"offsets need 1-D capacity"):
        K.curve_energy(np.zeros((2, 2)), np.zeros((2, 2)), [0, 4])


# ---------------------------------------------------------------------------------------------------
# cycle_summaries
# ---------------------------------------------------------------------------------------------------

def build_series(steps, per_step=11, repeat_boundaries=True):
    """steps: (current [A], (V_start, V_end) [V], duration [s]); linear voltage within a step, the
    time repeated at each step boundary (as PyBaMM does) unless repeat_boundaries is False."""
    ts, cs, vs = [], [], []
    t = 0.0
    for k, (cur, (v0, v1), dur) in enumerate(steps):
        tt = t + np.linspace(0.0, dur, per_step)
        vv = np.linspace(v0, v1, per_step)
        if not repeat_boundaries and k:
            tt, vv = tt[1:], vv[1:]
        ts.append(tt)
        cs.append(np.full(tt.size, cur))
        vs.append(vv)
        t += dur
    return np.concatenate(ts), np.concatenate(cs), np.concatenate(vs)


SQUARE = [  # AEA cell: first a discharge, then charge; 0.9 Ah out for 1.0 Ah in
    (0.5, (2.4, 2.0), 6480.0),   # discharge 0.5 A for 1.8 h = 0.9 Ah, mean 2.2 V
    (0.0, (2.1, 2.1), 600.0),    # rest
    (-0.25, (2.2, 2.6), 14400.0),  # charge 0.25 A for 4 h = 1.0 Ah, mean 2.4 V
    (0.0, (2.5, 2.5), 600.0),    # rest
]


def test_cycle_summaries_square_wave():
    t, i, v = build_series(SQUARE * 3)
    r = K.cycle_summaries(t, i, v)
    assert set(r) == {
        "Discharge capacity [A.h]", "Charge capacity [A.h]", "Discharge energy [W.h]",
        "Charge energy [W.h]", "Mean discharge voltage [V]", "Mean charge voltage [V]",
        "Coulombic efficiency", "Energy efficiency", "Cycle start time [s]",
    }
    for arr in r.values():
        assert arr.dtype == np.float64 and arr.shape == (3,)
    np.testing.assert_allclose(r["Discharge capacity [A.h]"], 0.9, rtol=1e-13)
    np.testing.assert_allclose(r["Charge capacity [A.h]"], 1.0, rtol=1e-13)
    np.testing.assert_allclose(r["Discharge energy [W.h]"], 0.9 * 2.2, rtol=1e-13)
    np.testing.assert_allclose(r["Charge energy [W.h]"], 1.0 * 2.4, rtol=1e-13)
    np.testing.assert_allclose(r["Mean discharge voltage [V]"], 2.2, rtol=1e-13)
    np.testing.assert_allclose(r["Mean charge voltage [V]"], 2.4, rtol=1e-13)
    np.testing.assert_allclose(r["Coulombic efficiency"], 0.9, rtol=1e-13)
    np.testing.assert_allclose(r["Energy efficiency"], 0.9 * 2.2 / 2.4, rtol=1e-13)
    period = sum(s[2] for s in SQUARE)
    np.testing.assert_array_equal(r["Cycle start time [s]"], [0.0, period, 2 * period])
    # same without repeated time points at the boundaries: the boundary interval is then a mix
    # (trapezoid of I from one step's current to the next), so only the totals are exact
    t2, i2, v2 = build_series(SQUARE * 3, per_step=2001, repeat_boundaries=False)
    r2 = K.cycle_summaries(t2, i2, v2)
    assert r2["Discharge capacity [A.h]"].shape == (3,)
    _assert_summaries_equal(r2, ref.cycle_summaries(t2, i2, v2))


def test_cycle_summaries_cycle_start_charge():
    t, i, v = build_series(SQUARE * 2)
    r = K.cycle_summaries(t, i, v, cycle_start="charge")
    # D | C D | C : the first and last cycles are incomplete, so their efficiencies are nan
    np.testing.assert_allclose(r["Discharge capacity [A.h]"], [0.9, 0.9, 0.0], rtol=1e-13)
    np.testing.assert_allclose(r["Charge capacity [A.h]"], [0.0, 1.0, 1.0], rtol=1e-13)
    np.testing.assert_allclose(r["Coulombic efficiency"], [np.nan, 0.9, np.nan], rtol=1e-13)
    assert np.isnan(r["Mean charge voltage [V]"][0]) and np.isnan(r["Mean discharge voltage [V]"][2])
    np.testing.assert_array_equal(r["Cycle start time [s]"], [0.0, 7080.0, 7080.0 + 22080.0])
    _assert_summaries_equal(r, ref.cycle_summaries(t, i, v, cycle_start="charge"))


def test_cycle_summaries_charge_first_with_default_start():
    # starting with a charge: cycle 0 holds only that charge, the next discharge opens cycle 1
    t, i, v = build_series(SQUARE[2:] + SQUARE * 2)
    r = K.cycle_summaries(t, i, v)
    np.testing.assert_allclose(r["Discharge capacity [A.h]"], [0.0, 0.9, 0.9], rtol=1e-13)
    np.testing.assert_allclose(r["Charge capacity [A.h]"], [1.0, 1.0, 1.0], rtol=1e-13)
    assert np.isnan(r["Coulombic efficiency"][0]) and np.isnan(r["Mean discharge voltage [V]"][0])


def test_cycle_summaries_rests_and_tolerance():
    # leading rest, direct discharge->charge switch at a repeated time point, trailing rest
    steps = [(0.0, (2.5, 2.5), 100.0), (1.0, (2.0, 2.0), 3600.0), (-1.0, (2.5, 2.5), 3600.0),
             (0.0, (2.4, 2.4), 100.0)]
    t, i, v = build_series(steps)
    r = K.cycle_summaries(t, i, v)
    assert r["Cycle start time [s]"].tolist() == [0.0]
    np.testing.assert_allclose(r["Discharge capacity [A.h]"], [1.0], rtol=1e-14)
    np.testing.assert_allclose(r["Charge capacity [A.h]"], [1.0], rtol=1e-14)
    # round-off noise on the rest current is rest by default, but counts with rest_tol=0
    i_noisy = i.copy()
    rest = i == 0.0
    i_noisy[rest] = 1e-16 * np.random.default_rng(4).standard_normal(rest.sum())
    np.testing.assert_array_equal(K.cycle_summaries(t, i_noisy, v)["Cycle start time [s]"], [0.0])
    assert K.cycle_summaries(t, i_noisy, v, rest_tol=0.0)["Cycle start time [s]"].size >= 1
    # a large rest_tol turns everything into rest: no cycle
    assert K.cycle_summaries(t, i, v, rest_tol=2.0)["Discharge capacity [A.h]"].shape == (0,)


def test_cycle_summaries_degenerate():
    for t, i, v in (([], [], []), ([0.0], [1.0], [2.0]), ([0.0, 1.0, 2.0], [0.0, 0.0, 0.0], [2, 2, 2]),
                    ([5.0, 5.0, 5.0], [1.0, 1.0, 1.0], [2.0, 2.0, 2.0])):
        r = K.cycle_summaries(t, i, v)
        assert all(a.shape == (0,) for a in r.values())
        _assert_summaries_equal(r, ref.cycle_summaries(t, i, v))
    r = K.cycle_summaries([0.0, 3600.0], [2.0, 2.0], [3.0, 3.0])
    assert r["Discharge capacity [A.h]"].tolist() == [2.0]
    assert r["Discharge energy [W.h]"].tolist() == [6.0]
    assert np.isnan(r["Coulombic efficiency"][0]) and np.isnan(r["Mean charge voltage [V]"][0])


def _assert_summaries_equal(a, b):
    assert a.keys() == b.keys()
    for k in a:
        np.testing.assert_allclose(a[k], b[k], rtol=1e-12, atol=1e-15, err_msg=k)


@st.composite
def cycling_series(draw):
    """Random piecewise-constant current (discharge/charge/rest with a little noise), random step
    durations (some zero), repeated time points at boundaries, random voltages."""
    nsteps = draw(st.integers(0, 12))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    ts, cs, vs = [np.zeros(1)], [np.zeros(1)], [np.full(1, 2.0)]
    t = 0.0
    for _ in range(nsteps):
        m = int(rng.integers(1, 8))
        level = rng.choice([-1.0, 0.0, 1.0]) * rng.uniform(0.1, 2.0)
        dt = rng.uniform(0, 100, m) * (rng.random(m) < 0.9)
        tt = t + np.cumsum(dt)
        if rng.random() < 0.7:  # PyBaMM-like repeated boundary time
            tt = np.concatenate(([t], tt))
        t = tt[-1]
        ts.append(tt)
        cs.append(level + 0.05 * rng.standard_normal(tt.size) * (level != 0))
        vs.append(rng.uniform(1.5, 3.0, tt.size))
    return np.concatenate(ts), np.concatenate(cs), np.concatenate(vs)


@pytest.mark.slow
@HYP
@given(series=cycling_series(), start=st.sampled_from(["discharge", "charge"]),
       tol=st.sampled_from([None, 0.0, 0.2]))
def test_cycle_summaries_matches_reference(series, start, tol):
    t, i, v = series
    got = K.cycle_summaries(t, i, v, rest_tol=tol, cycle_start=start)
    want = ref.cycle_summaries(t, i, v, rest_tol=tol, cycle_start=start)
    _assert_summaries_equal(got, want)
    # totals over cycles equal the trapezoid integrals of the active intervals
    q_total = got["Discharge capacity [A.h]"].sum() - got["Charge capacity [A.h]"].sum()
    dt = np.diff(t)
    im = 0.5 * (i[1:] + i[:-1])
    tol_ = (1e-12 + 1e-9 * np.abs(i).max()) if tol is None else tol
    active = (dt > 0) & (np.abs(im) > tol_)
    assert q_total == pytest.approx((dt * im)[active].sum() / 3600.0, rel=1e-9, abs=1e-12)
    # non-contiguous copies give the same
    t2, i2, v2 = (np.repeat(a, 2)[::2] for a in (t, i, v))
    _assert_summaries_equal(K.cycle_summaries(t2, i2, v2, rest_tol=tol, cycle_start=start), got)
    # a second voltage (Li-In: against Li) in the same pass: what a pass of its own gives, to the bit
    v_li = v[::-1].copy()
    both = K.cycle_summaries(t, i, v, rest_tol=tol, cycle_start=start, voltage_vs_li=v_li)
    np.testing.assert_array_equal(both["Discharge energy vs Li [W.h]"],
                                  K.cycle_summaries(t, i, v_li, rest_tol=tol, cycle_start=start)["Discharge energy [W.h]"])
    _assert_summaries_equal(both, ref.cycle_summaries(t, i, v, rest_tol=tol, cycle_start=start, voltage_vs_li=v_li))


def test_cycle_summaries_second_voltage_in_the_same_pass():
    """On a Li-In anode the cathode's voltage against Li (the cell's plus the anode's OCP) is a second voltage
    of the same points: its discharge energy comes out of the one pass, over the same discharge intervals, to
    the bit what a second pass with that voltage gives (the summary ran the kernel twice for it)."""
    t, i, v = build_series(SQUARE * 3)
    v_li = v + 0.62 + 0.01 * np.sin(t / 1000.0)
    r = K.cycle_summaries(t, i, v, voltage_vs_li=v_li)
    alone = K.cycle_summaries(t, i, v)
    second = K.cycle_summaries(t, i, v_li)
    np.testing.assert_array_equal(r["Discharge energy vs Li [W.h]"], second["Discharge energy [W.h]"])
    for name, value in alone.items():
        np.testing.assert_array_equal(r[name], value)
    assert "Discharge energy vs Li [W.h]" not in alone
    # a constant 0.62 V plateau adds 0.62 V x the discharge capacity
    flat = K.cycle_summaries(t, i, v, voltage_vs_li=v + 0.62)
    np.testing.assert_allclose(flat["Discharge energy vs Li [W.h]"], 0.9 * (2.2 + 0.62), rtol=1e-13)
    _assert_summaries_equal(r, ref.cycle_summaries(t, i, v, voltage_vs_li=v_li))
    n = t.size
    with pytest.raises(ValueError, match=rf"voltage \({n},\) and voltage_vs_li \({n - 1},\)"):
        K.cycle_summaries(t, i, v, voltage_vs_li=v_li[:-1])
    bad = v_li.copy()
    bad[12] = np.nan
    with pytest.raises(ValueError, match=r"voltage_vs_li must be finite, but voltage_vs_li\[12\] = nan"):
        K.cycle_summaries(t, i, v, voltage_vs_li=bad)


def test_cycle_summaries_errors():
    t, i, v = build_series(SQUARE)
    n = t.size
    with pytest.raises(ValueError, match=rf"time \({n},\), current \({n - 1},\) and voltage \({n},\)"):
        K.cycle_summaries(t, i[:-1], v)
    with pytest.raises(ValueError, match=r"must be 1-D arrays of the same length"):
        K.cycle_summaries(t[None], i[None], v[None])
    tb = t.copy()
    tb[7] = tb[6] - 1.0
    with pytest.raises(ValueError, match=r"time must be non-decreasing: time\[7\] = .* < time\[6\]"):
        K.cycle_summaries(tb, i, v)
    for name, k, bad in (("time", 5, np.nan), ("current", 9, np.inf), ("voltage", 0, -np.inf),
                         ("voltage", n - 1, np.nan), ("current", 0, np.nan)):
        arrs = {"time": t.copy(), "current": i.copy(), "voltage": v.copy()}
        arrs[name][k] = bad
        with pytest.raises(ValueError, match=rf"{name} must be finite, but {name}\[{k}\] = "):
            K.cycle_summaries(arrs["time"], arrs["current"], arrs["voltage"])
    with pytest.raises(ValueError, match=r"cycle_start must be 'discharge' or 'charge'"):
        K.cycle_summaries(t, i, v, cycle_start="rest")
    with pytest.raises(ValueError, match=r"rest_tol must be >= 0, got -1$"):
        K.cycle_summaries(t, i, v, rest_tol=-1.0)
    with pytest.raises(TypeError, match=r"^current must be an array of real numbers"):
        K.cycle_summaries(t, i.astype(str), v)
    with pytest.raises(TypeError, match=r"^time must be an array of real numbers"):
        K.cycle_summaries(t.astype(object), i, v)
    with pytest.raises(TypeError, match=r"^voltage must be an array of real numbers"):
        K.cycle_summaries(t, i, v.astype(complex))
    # integer arrays are converted
    r = K.cycle_summaries(np.arange(0, 7200, 360), np.full(20, 2), np.full(20, 3))
    assert r["Discharge capacity [A.h]"] == pytest.approx([2.0 * 6840 / 3600])


def test_cycle_summaries_refuses_a_truth_value_or_text_as_rest_tol():
    """rest_tol=True was float(True) = 1 A (a 1 A discharge then all rest: no cycle, no word) and rest_tol="0.1"
    0.1 A: both went through float(); now user_input.real_number refuses them, naming the value, in the kernel's
    wrapper and the NumPy reference alike, with cycle_summary's ValueError (review R28: TypeError in session 55's first
    cut); the reference also refuses a negative or NaN rest_tol, as the wrapper does (it took -1 as one cycle and nan as
    none, silently). A NumPy scalar is still its number."""
    t, i, v = build_series(SQUARE)
    for module in (K, ref):
        for bad, why in ((True, "a truth value, not a number"), ("0.1", "a str, not a number")):
            with pytest.raises(ValueError, match=re.escape(f"rest_tol must be a real number, got {bad!r}, {why}")):
                module.cycle_summaries(t, i, v, rest_tol=bad)
        for bad, why in ((-1.0, "must be >= 0, got -1"), (float("nan"), "must be finite, got nan")):
            with pytest.raises(ValueError, match=re.escape(f"rest_tol {why}")):
                module.cycle_summaries(t, i, v, rest_tol=bad)
        assert module.cycle_summaries(t, i, v, rest_tol=np.float64(1e-9))["Discharge capacity [A.h]"].size >= 1


@pytest.mark.slow
@HYP
@given(series=cycling_series(), data=st.data())
def test_cycle_summaries_finds_first_bad_value(series, data):
    """Non-finite values are detected without a per-point branch: check that any one is found."""
    t, i, v = (a.copy() for a in series)
    name = data.draw(st.sampled_from(["time", "current", "voltage"]))
    arr = {"time": t, "current": i, "voltage": v}[name]
    k = data.draw(st.integers(0, arr.size - 1))
    arr[k] = data.draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    # (an inf time is also followed by a decrease of time: the non-finite value, earlier, is named)
    with pytest.raises(ValueError, match=rf"^{name} must be finite, but {name}\[{k}\] = (nan|inf|-inf)"):
        K.cycle_summaries(t, i, v)


def test_cycle_summaries_error_order_and_overflow():
    t = np.arange(10.0)
    i = np.ones(10)
    v = np.full(10, 2.0)
    t1 = t.copy()
    t1[6] = 1.0  # decrease at 6
    i1 = i.copy()
    i1[8] = np.nan  # later nan
    with pytest.raises(ValueError, match=r"time must be non-decreasing: time\[6\] = 1\.0 < time\[5\] = 5\.0"):
        K.cycle_summaries(t1, i1, v)
    i1[3] = np.nan  # earlier nan
    with pytest.raises(ValueError, match=r"current must be finite, but current\[3\] = nan"):
        K.cycle_summaries(t1, i1, v)
    v1 = v.copy()
    v1[4] = np.inf  # at rest with a repeated time point: still found
    with pytest.raises(ValueError, match=r"voltage must be finite, but voltage\[4\] = inf"):
        K.cycle_summaries([0.0, 1.0, 2.0, 3.0, 3.0, 4.0], np.zeros(6), v1[:6])
    with pytest.raises(ValueError, match=r"overflows"):
        K.cycle_summaries([0.0, 1e300], [1e300, 1e300], [1.0, 1.0])


OVERFLOWING = [  # (kernel, args, kwargs, the error both give): inputs all finite, a result not
    ("average_phase_fractions", ([0.5, 1.5], [1e308, 1e308], K.MO6S8_WINDOWS), {},
     r"^weights must have a finite sum, got sum\(weights\) = inf \(rescale them: only ratios matter\)$"),
    ("curve_energy", ([0.0, 1e300], [1e300, 1e300]), {}, r"^the energy of curve 0 overflows \(is not finite\)$"),
    ("curve_energy", (np.array([[0.0, 1.0], [0.0, 1e300]]), np.array([[1.0, 1.0], [1e300, 1e300]])), {},
     r"^the energy of curve 1 overflows"),
    ("curve_energy", ([0.0, 1.0, 0.0, 1e300], [1.0, 1.0, 1e300, 1e300]), {"offsets": [0, 2, 4]},
     r"^the energy of curve 1 overflows"),
    ("cycle_summaries", ([0.0, 1e300], [1e300, 1e300], [1.0, 1.0]), {},
     r"^the capacity or energy of the series overflows \(is not finite\) over time\[0\] = 0\.0 to time\[1\] = "
     r"1e\+300 \(current 1e\+300, 1e\+300, voltage 1\.0, 1\.0\)$"),
    ("cycle_summaries", ([0.0, 1.0, 2.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]), {"voltage_vs_li": [1.0, 1e308, 1e308]},
     r"over time\[1\] = 1\.0 to time\[2\] = 2\.0 \(.*voltage_vs_li 1e\+308, 1e\+308\)$"),
    # every interval's capacity finite (1e308 A.s), the cycle's sum of two not
    ("cycle_summaries", ([0.0, 2.0, 4.0], [5e307] * 3, [1e-10] * 3), {},
     r"^the discharge capacity of the cycle starting at time 0\.0 s overflows: the sum of its intervals is inf$"),
]


@pytest.mark.parametrize("name, args, kwargs, message", OVERFLOWING)
def test_kernel_and_reference_give_the_same_error_on_overflow(name, args, kwargs, message):
    """An input of finite values whose result overflows: the wrapper and the plain-numpy reference raise the same
    error, naming the value. The reference returned zeros for the weights' sum (w / inf) and inf elsewhere; a
    cycle whose intervals are each finite but whose sum is not came out as inf from the wrapper too."""
    with pytest.raises(ValueError, match=message) as got:
        getattr(K, name)(*args, **kwargs)
    with pytest.raises(ValueError) as want:
        getattr(ref, name)(*args, **kwargs)
    assert str(want.value) == str(got.value)


def test_unbuilt_core_message():
    code = (
        "import sys; sys.modules['pybamm_aea._kernels'] = None\n"
        "try:\n    import pybamm_aea.kernels\nexcept ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "compiled core is not built: run `pip install .`" in out.stdout
    assert "no pure-Python fallback" in out.stdout


@pytest.mark.slow
def test_cycle_summaries_on_a_pybamm_solution():
    """A real PyBaMM experiment (step boundaries separated by round-off-size time steps): the CC
    capacities agree with PyBaMM's own integrated capacity, the energies with its integrated energy
    to the accuracy of the trapezoid rule on the solver's output points."""
    pybamm = pytest.importorskip("pybamm")
    model = pybamm.lithium_ion.SPM({"calculate discharge energy": "true"})
    experiment = pybamm.Experiment(
        [("Discharge at 1C until 3.3 V", "Rest for 5 minutes", "Charge at 1C until 4.0 V",
          "Rest for 5 minutes")] * 2
    )
    sol = pybamm.Simulation(model, experiment=experiment).solve()
    t, i, v = (sol[name].entries for name in ("Time [s]", "Current [A]", "Voltage [V]"))
    r = K.cycle_summaries(t, i, v)
    _assert_summaries_equal(r, ref.cycle_summaries(t, i, v))
    assert r["Discharge capacity [A.h]"].shape == (2,)

    def change(step, name):
        return step[name].entries[-1] - step[name].entries[0]

    for c, cycle in enumerate(sol.cycles):
        discharge, charge = cycle.steps[0], cycle.steps[2]
        assert r["Cycle start time [s]"][c] == pytest.approx(discharge["Time [s]"].entries[0], abs=1e-6)
        assert r["Discharge capacity [A.h]"][c] == pytest.approx(
            change(discharge, "Discharge capacity [A.h]"), rel=1e-6)
        assert r["Charge capacity [A.h]"][c] == pytest.approx(
            -change(charge, "Discharge capacity [A.h]"), rel=1e-6)
        assert r["Discharge energy [W.h]"][c] == pytest.approx(
            change(discharge, "Discharge energy [W.h]"), rel=2e-2)
        assert r["Charge energy [W.h]"][c] == pytest.approx(
            -change(charge, "Discharge energy [W.h]"), rel=2e-2)
