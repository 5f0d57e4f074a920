"""Free energy of a multi-phase intercalation host, and everything that follows from it.

One homogeneous chemical potential mu_h(x) [J/mol of Li] per host, written as the host's
homogeneous open-circuit potential U_h(x) = -mu_h(x) / F [V vs Li/Li+], x the Li content per
formula unit. Its integral is the homogeneous free energy g(x) = int mu_h dx (per formula unit);
the Cahn-Hilliard free energy adds a gradient term ``(kappa / 2) |grad x|^2`` (see
:mod:`pybamm_aea.models.submodels.host_phase_field`). From U_h follow:

- the equilibrium (common-tangent) potential of every two-phase region,
- the phase windows (binodal compositions) and so the lever-rule phase fractions at equilibrium,
- the thermodynamic factor, and with a phase mobility the chemical diffusivity
  ``D_chem = B |dU_h/dx|`` (B the Li mobility per formula unit, [m2.V-1.s-1]),
- where an OCP rises with Li content (a spinodal, unstable as one phase): :func:`rising_stretch`, on any OCP's
  samples (the model's check of a zero gradient energy, the materials' check of a "function" OCP).

Construction (a multi-well potential, in the spirit of MPET's CHR materials, Smith & Bazant,
J. Electrochem. Soc. 164, E3291, 2017): the host has phases ``k = 0..n-1`` with single-phase
windows [lo_k, hi_k]; between neighbouring phases a two-phase region [hi_k, lo_k+1] with the
common-tangent potential ``U`` and a van der Waals loop (the spinodal)

    U_h = U - A_lith sin(pi s / s_m)                       (0 < s < s_m)
    U_h = U + A_delith sin(pi (s - s_m) / (1 - s_m))       (s_m < s < 1),

s the position across the region from the Li-poor side. The loop encloses zero net area,
A_lith s_m = A_delith (1 - s_m) (Maxwell's equal-area rule), so the common tangent is exactly
``U`` and the binodals are exactly the window edges: the plateau levels are inputs, the rest is
derived. A_delith is the barrier a homogeneous Li-rich phase must cross before the Li-poor
phase can form on delithiation (the spinodal peak), A_lith the one on lithiation; their
asymmetry is the nucleation asymmetry of the host. Inside a window of an interior phase (a
narrow solid solution) U_h falls between the neighbouring plateaus as the cubic that meets each
loop with the loop's own slope (a cubic Hermite), so U_h and mu_h are continuously
differentiable across the window's edges, as a free energy's derivative is: a linear window met
the loops with a kink, where the thermodynamic factor jumped (at the Li1 binodal x = 0.97 of
Mo6S8 from 2.0 to 3.9 V per Li), and each cell of the phase field crossing it cost the solver a
Newton failure and a new Jacobian. The window must stay stable (U_h falling, dU_h/dx < 0), which
holds when the loops' end slopes are at most 3x the window's mean slope (Fritsch & Carlson,
SIAM J. Numer. Anal. 17, 238, 1980; checked by :class:`Host`); the first and last
phases are dilute lattice gases, U_h = U_0 + (R T / F) ln(hi_0 / x) and
U_h = U_last + (R T / F) ln((x_max - x) / (x_max - lo_last)). A host whose Li-rich end is set by
its electrons rather than by its Li sites (``Host.U_full`` given: the Mo6 cluster of Mo6S8 takes
at most 4 electrons while its cavities hold up to 12 Li sites) has instead a last window where
U_h falls linearly to ``U_full`` at x_max and on beyond it: its Li carriers do not run out, so
the mobility stays finite where the lattice gas's would vanish as x_max - x.

Mobility: each phase has a chemical diffusivity D_k(T) (Arrhenius, its own activation energy);
the mobility in a window is ``B = D_k / |dU_h/dx|``, constant in an interior window, with the
slope at the window's centre (the phase's stoichiometric composition, x = 1 and 3 for Li1 and
Li3, where Fig. S1's PITT values are placed) so that D_chem = D_k there; elsewhere in the window
D_chem follows the cubic's slope (0.37 D_k at Mo6S8's Li1 binodal x = 0.97; vanishing where a
window meets a flat, loop-free plateau, as it does across that plateau); with the dilute carrier
(or vacancy) factor of a lattice gas in the end phases (B proportional to x, or to x_max - x).
log B is interpolated linearly across each two-phase region. The expression is
:func:`log_mobility`, the one place where transport enters (an ambipolar factor
sigma_e / (sigma_e + sigma_ion) would multiply it).

All functions take and return PyBaMM symbols (``pybamm.Vector`` inputs evaluate to numbers).
"""
import hashlib
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pybamm

from .constants import F, R, arrhenius
from .ranges import POSITIVE
from .user_input import finite_positive, real_number


@dataclass(frozen=True)
class Phase:
    """A single-phase window [lo, hi] (Li per formula unit) with its chemical diffusivity."""

    name: str
    lo: float
    hi: float
    #: chemical diffusivity at the reference temperature [m2.s-1]
    D_ref: float
    #: activation energy of the mobility [J.mol-1]
    E_a: float


@dataclass(frozen=True)
class TwoPhase:
    """A two-phase region between neighbouring phases: common-tangent potential and loop."""

    #: common-tangent (plateau) potential [V vs Li/Li+]
    U: float
    #: spinodal peak above U on delithiation [V]
    A_delith: float
    #: fraction of the region (from the Li-poor side) where the loop lies below U
    s_m: float

    @property
    def A_lith(self):
        """Depth of the loop below U on lithiation [V] (equal-area rule)."""
        return self.A_delith * (1 - self.s_m) / self.s_m


@dataclass(frozen=True)
class Host:
    """A multi-phase host: phases in order of Li content and the regions between them."""

    phases: tuple
    regions: tuple
    x_max: float
    #: reference temperature of the diffusivities [K]
    T_ref: float
    #: potential at x_max [V] for an electron-limited Li-rich end (None: a lattice gas of
    #: x_max sites, whose U_h diverges and whose mobility vanishes at x_max)
    U_full: float = None

    def __post_init__(self):
        if len(self.phases) < 2:
            # the first phase's lattice gas is referenced to the first plateau (U_h = U_0 + ...): a host of
            # one phase has no plateau, so no potential (a solid solution is the lever-rule host's OCP)
            raise ValueError(f"a Host needs at least 2 phases (one two-phase region sets its potentials), got "
                             f"{len(self.phases)}")
        if len(self.regions) != len(self.phases) - 1:
            raise ValueError(f"{len(self.phases)} phases need {len(self.phases) - 1} regions, got {len(self.regions)}")
        # every number finite (a nan edge passed the ordering test below, nan < 0 being False); the
        # diffusivities and the reference temperature positive
        numbers = [("x_max", self.x_max), ("T_ref", self.T_ref)] + [("U_full", self.U_full)] * (self.U_full is not None)
        for ph in self.phases:
            numbers += [(f"phase {ph.name!r} {name}", getattr(ph, name)) for name in ("lo", "hi", "D_ref", "E_a")]
        for k, r in enumerate(self.regions):
            numbers += [(f"region {k} {name}", getattr(r, name)) for name in ("U", "A_delith", "s_m")]
        for name, value in numbers:  # (text, a bool: TypeError naming it, not numpy's isfinite's)
            if not np.isfinite(real_number(name, value, TypeError)):
                raise ValueError(f"{name} = {value!r} must be finite")
        positive = [("T_ref [K]", self.T_ref)] + [(f"phase {ph.name!r} D_ref [m2.s-1]", ph.D_ref) for ph in self.phases]
        for name, value in positive:
            value = real_number(name, value, TypeError)  # (a 0-d array or NumPy scalar is its number; True is not)
            if not POSITIVE.contains(value):
                raise ValueError(POSITIVE.refusal(name, value))
        edges = [e for ph in self.phases for e in (ph.lo, ph.hi)]
        # every window and every two-phase region of positive width: U_h and log B are then
        # continuous, which homogeneous_ocp and log_mobility rely on
        if edges[0] != 0 or edges[-1] != self.x_max or np.any(np.diff(edges) <= 0):
            raise ValueError(
                f"phase windows and the two-phase regions between them must increase strictly from 0 "
                f"to x_max = {self.x_max}, got window edges {edges}"
            )
        for r in self.regions:
            if not 0 < r.s_m < 1 or r.A_delith < 0:
                raise ValueError(f"two-phase region needs 0 < s_m < 1 and A_delith >= 0, got {r}")
        for k in range(1, len(self.phases) - 1):
            mean, left, right = _window_slopes(self, k)
            # monotone cubic (Fritsch & Carlson): the end slopes in [0, 3] x the mean slope
            if not (mean < 0 and 0 <= left / mean <= 3 and 0 <= right / mean <= 3):
                raise ValueError(
                    f"phase {self.phases[k].name!r}: U_h must fall across its window [{self.phases[k].lo}, "
                    f"{self.phases[k].hi}] (mean slope {mean:.4g} V per Li) and the loops must meet it with "
                    f"slopes between 0 and 3x that (got {left:.4g} and {right:.4g}): narrow the loops' "
                    "barriers or widen the window"
                )
        if self.U_full is not None and not self.U_full < self.regions[-1].U:
            raise ValueError(f"U_full = {self.U_full} V must lie below the last plateau, {self.regions[-1].U} V")

    @property
    def windows(self):
        """Single-phase windows ((lo, hi), ...) for the lever rule and the kernels."""
        return tuple((ph.lo, ph.hi) for ph in self.phases)


def _clip(x, lo, hi):
    return pybamm.minimum(pybamm.maximum(x, lo), hi)


def _pieces(host):
    """The pieces (lo, hi, kind, index) of [0, x_max], in order (each of positive width, see
    :class:`Host`)."""
    out = []
    for k, ph in enumerate(host.phases):
        out.append((ph.lo, ph.hi, "phase", k))
        if k < len(host.regions):
            out.append((ph.hi, host.phases[k + 1].lo, "region", k))
    return out


def _full_end_slope(host):
    """|dU_h/dx| [V per Li] of an electron-limited last window (``host.U_full`` given)."""
    return (host.regions[-1].U - host.U_full) / (host.x_max - host.phases[-1].lo)


def _loop_end_slopes(host, k):
    """dU_h/dx [V per Li] of two-phase region k's loop at its Li-poor and at its Li-rich end."""
    r = host.regions[k]
    width = host.phases[k + 1].lo - host.phases[k].hi
    return -r.A_lith * np.pi / (r.s_m * width), -r.A_delith * np.pi / ((1 - r.s_m) * width)


def _window_slopes(host, k):
    """Mean slope of interior phase k's window and the loops' slopes at its two edges [V per Li]."""
    ph = host.phases[k]
    mean = (host.regions[k].U - host.regions[k - 1].U) / (ph.hi - ph.lo)
    return mean, _loop_end_slopes(host, k - 1)[1], _loop_end_slopes(host, k)[0]


def _window_centre_slope(host, k):
    """|dU_h/dx| at the centre of interior phase k's window [V per Li] (the cubic's)."""
    mean, left, right = _window_slopes(host, k)
    return abs(1.5 * mean - (left + right) / 4)


def _phase_potential(host, k, x, T):
    """U_h inside the window of phase k."""
    ph = host.phases[k]
    kT = R * T / F
    if k == 0:
        # below 1e-12 of its window (3.12 V at 70 C, above every cut-off) the lattice gas's log
        # is continued linearly with the slope it has at 1e-6 of its window (kT / (1e-6 hi),
        # 1.5e6 V per Li at 70 C), so U_h rises on for any content, 0 and below included (the
        # phase-field host's solver variable keeps x > 0, see
        # :meth:`.models.submodels.host_phase_field.CathodeCahnHilliard.content`; with the
        # content itself as the variable a flat cap let the last cell run to -1e-4 .. -2.5e-3
        # Li at the end of a charge), while it moves by uV for a content 1e-12 past the cap
        # (with the log's own slope there, kT / x_f, it moved by 1.5 V)
        x_f = 1e-12 * ph.hi
        log_term = pybamm.log(ph.hi / pybamm.maximum(x, x_f))
        return host.regions[0].U + kT * (log_term + pybamm.maximum(x_f - x, 0) / (1e-6 * ph.hi))
    if k == len(host.phases) - 1 and host.U_full is not None:
        # not clipped at x_max: U_h goes on falling with the same slope (see module docstring)
        return host.regions[-1].U - _full_end_slope(host) * (pybamm.maximum(x, ph.lo) - ph.lo)
    if k == len(host.phases) - 1:
        gap = pybamm.maximum(host.x_max - x, 1e-12 * (host.x_max - ph.lo))
        return host.regions[-1].U + kT * pybamm.log(gap / (host.x_max - ph.lo))
    # cubic Hermite from the left plateau to the right one, with the loops' slopes at the edges
    _, left, right = _window_slopes(host, k)
    h = ph.hi - ph.lo
    t = (_clip(x, ph.lo, ph.hi) - ph.lo) / h
    U_left, U_right = host.regions[k - 1].U, host.regions[k].U
    return U_left + (U_right - U_left) * t**2 * (3 - 2 * t) + h * t * (1 - t) * (left * (1 - t) - right * t)


def _region_potential(host, k, x):
    """U_h across the two-phase region between phases k and k + 1 (zero-area loop)."""
    r = host.regions[k]
    lo, hi = host.phases[k].hi, host.phases[k + 1].lo
    s = (_clip(x, lo, hi) - lo) / (hi - lo)
    below = -r.A_lith * pybamm.sin(np.pi * pybamm.minimum(s, r.s_m) / r.s_m)
    above = r.A_delith * pybamm.sin(np.pi * (pybamm.maximum(s, r.s_m) - r.s_m) / (1 - r.s_m))
    return r.U + below + above


def homogeneous_ocp(host, x, T):
    """Homogeneous open-circuit potential U_h(x, T) = -mu_h / F [V vs Li/Li+].

    U_h is continuous (:class:`Host` has no zero-width piece), so it is written as the first
    phase's potential up to its window's end plus each later piece's increment over its own
    window, each piece evaluated on x clipped to its window: the same function as a sum of
    indicator-weighted pieces (to 1e-14 V), in fewer CasADi operations (Mo6S8 with linear
    Li1 and Li3 windows: 79 instead of 97; with the cubic windows 106).
    """
    pieces = _pieces(host)
    _, hi0, _, _ = pieces[0]
    out = _phase_potential(host, 0, pybamm.minimum(x, hi0), T)
    for lo, hi, kind, k in pieces[1:]:
        if kind == "region":
            out = out + _region_potential(host, k, x) - host.regions[k].U
        elif k == len(host.phases) - 1:
            out = out + _phase_potential(host, k, pybamm.maximum(x, lo), T) - host.regions[-1].U
        else:
            out = out + _phase_potential(host, k, x, T) - host.regions[k - 1].U
    return out


def phase_diffusivity(phase, T, T_ref):
    """Chemical diffusivity of one phase at temperature T [m2.s-1] (Arrhenius)."""
    return phase.D_ref * arrhenius(T, phase.E_a, T_ref)


def _log_mobility_in_phase(host, k, x, T):
    """log B inside the window of phase k, so that B |dU_h/dx| = D_k."""
    ph = host.phases[k]
    logD = pybamm.log(phase_diffusivity(ph, T, host.T_ref))
    kT = R * T / F
    if k == 0:
        # dilute lattice gas: |dU_h/dx| = kT / x
        return logD + pybamm.log(_clip(x, 1e-12 * ph.hi, ph.hi) / kT)
    if k == len(host.phases) - 1 and host.U_full is not None:
        return logD - float(np.log(_full_end_slope(host)))
    if k == len(host.phases) - 1:
        gap = _clip(host.x_max - x, 1e-12 * (host.x_max - ph.lo), host.x_max - ph.lo)
        return logD + pybamm.log(gap / kT)
    return logD - float(np.log(_window_centre_slope(host, k)))


def log_mobility(host, x, T):
    """Li mobility per formula unit B(x, T) [m2.V-1.s-1]: flux = -c_host B grad(mu / F).

    Returns log B (a symbol that is finite everywhere): the transport submodel averages log B
    onto the cell faces (a geometric mean of the neighbours, positive at every face including
    the extrapolated boundary ones) before exponentiating.

    The one expression for transport in the host (see module docstring). log B is continuous:
    the first phase's value up to its window's end, plus the increment of each later piece over
    its window (linear across a two-phase region, constant in an interior window; 38 instead of
    67 CasADi operations for Mo6S8 with indicator-weighted pieces).
    """
    pieces = _pieces(host)
    _, hi0, _, _ = pieces[0]
    out = _log_mobility_in_phase(host, 0, pybamm.minimum(x, hi0), T)
    for lo, hi, kind, k in pieces[1:]:
        if kind == "region":
            left = _log_mobility_in_phase(host, k, pybamm.Scalar(lo), T)
            right = _log_mobility_in_phase(host, k + 1, pybamm.Scalar(hi), T)
            out = out + (right - left) * (_clip(x, lo, hi) - lo) / (hi - lo)
        elif k == len(host.phases) - 1 and host.U_full is None:
            # the vacancy lattice gas's own variation beyond the value it starts from
            start = _log_mobility_in_phase(host, k, pybamm.Scalar(lo), T)
            out = out + _log_mobility_in_phase(host, k, pybamm.maximum(x, lo), T) - start
    return out


#: the rise [V] of an OCP over a stretch of Li content above which it is said to rise with Li content (a spinodal:
#: :func:`rising_stretch`); round-off on a flat plateau (Mo6S8's loop-free Li1/Li3 and Li3/Li4 regions) is ~1e-16 V
RISE_TOLERANCE = 1e-9
#: the zoom of :func:`rising_stretch` where the samples show no rise: at most this many local maxima of the sampled
#: slope (half the highest, half those that stand out most from their neighbours) ...
ZOOM_CANDIDATES = 16
#: ... each zoomed this many times into the three intervals about its steepest step (rise or shallowest fall) ...
ZOOM_ROUNDS = 4
#: ... on this many points a round (fewer where the windows share fewer first samples: 4000 over 16, 250 each): the
#: window shrinks 85-fold a round, its last spacing 2e-8 of the first samples' (2e-11 Li on Mo6S8's 4 Li)
_ZOOM_POINTS = 256
#: a sampled slope's local maximum that stands out less than this [V] from the lower of its neighbours is round-off
#: (a flat plateau's), not zoomed
_ZOOM_NOISE = 1e-12


class RisingStretch(NamedTuple):
    """A stretch of Li content, ``x_lo`` to ``x_hi``, over which an OCP rises from ``U_lo`` to ``U_hi`` [V]
    (:func:`rising_stretch`)."""

    x_lo: float
    x_hi: float
    U_lo: float
    U_hi: float

    @property
    def rise(self):
        """U_hi - U_lo [V]."""
        return self.U_hi - self.U_lo

    def ends_said(self, digits, scale=1.0, kind="g"):
        """``x_lo`` and ``x_hi`` divided by ``scale`` as text with ``digits`` (significant for kind "g", decimals for
        "f"), and more where they would read the same (a stretch narrower than the digits: 0.5 to 0.5002)."""
        lo, hi = self.x_lo / scale, self.x_hi / scale
        while True:
            said = f"{lo:.{digits}{kind}}", f"{hi:.{digits}{kind}}"
            if said[0] != said[1] or digits >= 17:
                return said
            digits += 1


def _first_run(x, U, tolerance):
    """The first run of consecutive samples over which ``U`` rises at every step and by more than ``tolerance`` in
    all, as a :class:`RisingStretch`; None where there is none (a NaN is no rise)."""
    rising = np.diff(U) > 0
    if not rising.any():
        return None
    edges = np.diff(np.concatenate([[0], rising.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)  # a run: samples starts[k] .. ends[k]
    big = np.flatnonzero(U[ends] - U[starts] > tolerance)
    if not big.size:
        return None
    i, j = starts[big[0]], ends[big[0]]
    return RisingStretch(float(x[i]), float(x[j]), float(U[i]), float(U[j]))


def _zoom_windows(x, U):
    """The stretches [x[i - 1], x[i + 2]] about the steps i whose slope is a local maximum of the sampled one (at
    most :data:`ZOOM_CANDIDATES`: half the highest, half those that stand out most), where a rise narrower than the
    sampling would raise the slope of its step above its neighbours'."""
    d = np.diff(U)
    if d.size < 3:
        return []
    mid, left, right = d[1:-1], d[:-2], d[2:]
    above = mid - np.minimum(left, right)
    local = np.flatnonzero((mid >= left) & (mid >= right) & (above > _ZOOM_NOISE))  # (a NaN is none)
    half = ZOOM_CANDIDATES // 2
    chosen = set(local[np.argsort(-mid[local], kind="stable")[:half]])
    chosen |= set(local[np.argsort(-above[local], kind="stable")[:ZOOM_CANDIDATES - len(chosen)]])
    return [(float(x[i]), float(x[i + 3])) for i in sorted(int(c) for c in chosen)]  # (step c + 1 of x)


def rising_stretch(x, U, resample=None, tolerance=RISE_TOLERANCE):
    """The first stretch of the Li contents ``x`` (increasing) over which the OCP ``U`` [V] rises with Li content
    (dU/dx > 0: a spinodal, where a homogeneous host separates into two phases), as a :class:`RisingStretch`; None
    where U falls or stays flat everywhere (a single phase). Numbers.

    A stretch is a run of samples over which U rises at every step, by more than ``tolerance`` in all (a flat
    plateau's round-off is no rise). The samples alone see a stretch narrower than their spacing only where it rises
    more than U falls over the rest of its interval: Mo6S8's Li0/Li1 loop rises over 0.475 Li, but a loop barely
    open (a slope's peak barely above 0) or a step up between two samples rises over a stretch as narrow as one
    likes. ``resample``, where given (a callable: U at an array of Li contents), is read where the samples show no
    rise: each local maximum of the sampled slope (at most :data:`ZOOM_CANDIDATES`), where such a stretch raises the
    slope of its interval above its neighbours', is zoomed into :data:`ZOOM_ROUNDS` times, and the first stretch
    found (lowest Li content) is returned. A rise on a slope that rises faster across its samples than the rise
    stands out from it is not seen, nor one of ``tolerance`` or less in all.
    """
    x, U = np.asarray(x, dtype=float).ravel(), np.asarray(U, dtype=float).ravel()
    found = _first_run(x, U, tolerance)
    windows = _zoom_windows(x, U) if found is None and resample is not None else []
    for _ in range(ZOOM_ROUNDS):
        if not windows:
            break
        m = min(max(x.size // len(windows), 8), _ZOOM_POINTS)
        points = np.concatenate([np.linspace(a, b, m) for a, b in windows])
        values = np.asarray(resample(points), dtype=float).ravel()
        runs, next_windows = [], []
        for k in range(len(windows)):
            seg_x, seg_U = points[k * m:(k + 1) * m], values[k * m:(k + 1) * m]
            run = _first_run(seg_x, seg_U, tolerance)
            if run is not None:
                runs.append(run)
                continue
            d = np.diff(seg_U)
            if np.isnan(d).all():
                continue
            j = int(np.nanargmax(d))  # the steepest step: its neighbours' window next
            next_windows.append((float(seg_x[max(j - 1, 0)]), float(seg_x[min(j + 2, m - 1)])))
        if runs:
            return min(runs)
        windows = next_windows
    return found


#: how many answers :func:`kept_rising_stretch` keeps (all dropped when it is full, as the gradient-energy check kept
#: its own until session 61): a screen's cells validate their material again and again, a temperature varying in time
#: is checked at each of its values, each time the same simulation or another one of the set is solved
RISES_KEPT = 256
_rises_kept = {}


def kept_rising_stretch(owner, x, U, resample=None):
    """:func:`rising_stretch` of ``x`` and ``U`` (zoomed by ``resample``), kept by ``owner`` and the samples: the
    zoom (5-25 ms on a function OCP's 2001 samples) made once for the same OCP sampled the same. ``owner``: hashable,
    what says which OCP ``resample`` reads (a material's function and the temperature; the substituted homogeneous
    OCP's expression); the samples, ``x`` and ``U`` themselves (their bytes' digest), part of the key too, so that a
    different function given under the same name (a module edited and imported again) is read anew. ``owner`` None:
    not zoomed, ``resample`` not read (a model read back from JSON keeps the samples only)."""
    x, U = np.asarray(x, dtype=float).ravel(), np.asarray(U, dtype=float).ravel()
    key = (owner, hashlib.blake2b(x.tobytes() + U.tobytes(), digest_size=16).digest())
    kept = _rises_kept.get(key, _rises_kept)  # (the dict itself: not kept; None is an answer, a single phase)
    if kept is _rises_kept:
        if len(_rises_kept) >= RISES_KEPT:
            _rises_kept.clear()
        kept = _rises_kept[key] = rising_stretch(x, U, None if owner is None else resample)
    return kept


def li0_phase_parameters(host=None):
    """The parameters that locate a host's Li-poorest phase (Li0 of Mo6S8) [Li per formula unit].

    ``"Li0 phase binodal Li content"`` is the upper end of that phase's window and ``"Li1 phase
    binodal Li content"`` the lower end of the next phase's: the Li0/Li1 two-phase region between
    them. From them the multi-phase model reads its Li0 layer (thickness, the current that forms
    it, :class:`.models.submodels.ionic_switch.Li0PhaseLayer`) and the content the host isolated
    behind persistent Li0 keeps (:class:`.models.submodels.degradation.IonicSwitchHostLoss`).
    A host of one phase (``host`` None: TiS2, LiCoO2, ...; a :class:`Host` has at least two) has
    no Li0: the region is put at -2..-1 Li, below any content a host reaches, so the layer and
    its current are zero (as the lever-rule film's "Li0 film onset Li content" of -1). A pair given that is not the
    common tangent of the set's OCP is refused (:class:`pybamm_aea.models.checks.BinodalCheck`).
    """
    if host is None:
        lo, hi = -2.0, -1.0
    else:
        lo, hi = host.phases[0].hi, host.phases[1].lo
    return {"Li0 phase binodal Li content": lo, "Li1 phase binodal Li content": hi}


def _check_numbers(x, T):
    """``x`` as a 1-D float array and ``T`` as a float; ValueError naming the first non-finite x and a
    non-finite or non-positive T (kT = 0 took the lattice gas's log away, a negative T flipped it)."""
    x = np.atleast_1d(np.asarray(x, dtype=float))
    if x.ndim == 2 and x.shape[1] == 1:  # a column, as pybamm.Vector holds it
        x = x[:, 0]
    if x.ndim != 1:
        raise ValueError(f"x must be a 1-D array (or one column) of Li contents, got shape {x.shape}")
    bad = np.flatnonzero(~np.isfinite(x))
    if bad.size:
        raise ValueError(f"x must be finite, but x[{int(bad[0])}] = {float(x[bad[0]])!r}")
    return x, finite_positive("T [K]", float(T))


def evaluate(function, host, x, T):
    """Numbers from one of the functions above at arrays ``x`` (1-D, finite) and a temperature ``T`` [K]
    (finite, positive); ValueError naming a bad value."""
    return _evaluate(function, host, *_check_numbers(x, T))


def _evaluate(function, host, x, T):
    return np.asarray(function(host, pybamm.Vector(x), pybamm.Scalar(T)).evaluate()).ravel()


def free_energy(host, x, T):
    """Homogeneous free energy g(x) = -F int_0^x U_h dx' [J per mol of formula units] (numbers).

    Relative to g(x[0]) = 0; evaluated by quadrature of U_h on the given grid (monotone, rising or
    falling, which should be fine enough to resolve the loops); ValueError naming the first point
    that turns back (a grid that turns back crosses a loop twice with the trapezoids of two different
    grids: a wrong g, silently).
    """
    from scipy.integrate import cumulative_trapezoid

    x, T = _check_numbers(x, T)
    if x.size == 0:
        return x
    step = np.sign(np.diff(x))
    direction = step[np.flatnonzero(step)[:1]]  # the grid's first direction; repeated points add nothing
    bad = np.flatnonzero(step == -direction)
    if bad.size:
        i = int(bad[0]) + 1
        raise ValueError(f"x must be monotone: x[{i}] = {float(x[i])!r} turns back after x[{i - 1}] = "
                         f"{float(x[i - 1])!r}")
    U = _evaluate(homogeneous_ocp, host, x, T)  # x and T checked above
    return -F * cumulative_trapezoid(U, x, initial=0.0)
