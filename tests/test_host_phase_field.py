"""The multi-phase LixMo6S8 host (free energy + Cahn-Hilliard transport) against the paper.

Nothing in the multi-phase host is fitted to a capacity: the plateaus (2.30 / 2.065 / 2.035 V),
the 2.45 V spinodal peak, the phase windows and the PITT diffusivities are inputs
(:data:`pybamm_aea.parameters.Li2021_Mo6S8.MO6S8_HOST`); first discharge, the charge stop, the
high-voltage step and the reversible capacity are predictions.
"""
import dataclasses

import numpy as np
import pybamm
import pytest

from pybamm_aea import AEA, kernels, thermodynamics as th
from pybamm_aea.constants import F, R
from pybamm_aea.models.submodels import xi
from pybamm_aea.parameters import Li2021_Mo6S8
from pybamm_aea.parameters.paper_cell import li_in_window
from pybamm_aea.readout import ESC

HOST = Li2021_Mo6S8.MO6S8_HOST
LMS_CYCLE = ["Discharge at 0.1C until 1.8 V", "Charge at 0.1C until 2.8 V", "Discharge at 0.1C until 1.8 V"]
#: Fig. S1 PITT diffusivities [m2.s-1] (the CSV the parameter set reads)
PITT = {1.0: 1.8e-12, 3.0: 9.8e-12, 4.0: 8.8e-12}


def capacity(step):
    """What a step passed [mA.h per g of electrode], from the model's own variable (its as-made mass)."""
    q = step[ESC].entries
    return abs(q[-1] - q[0])


#: the multi-phase host option
MULTI = {"host thermodynamics": "multi-phase"}


def solve(steps, updates=None, options=None, var_pts=None, values=None):
    values = values or pybamm.ParameterValues("Li2021_Mo6S8")
    values.update(updates or {})
    sim = pybamm.Simulation(AEA({**MULTI, **(options or {})}), parameter_values=values, experiment=pybamm.Experiment(steps),
                            var_pts=var_pts)
    sol = sim.solve()
    return [s for c in sol.cycles for s in c.steps], sol


def host_values(host):
    """Parameter values with the multi-phase host replaced by ``host``."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Cathode homogeneous OCP [V]"] = lambda x, T: th.homogeneous_ocp(host, x, T)
    values["Cathode Li log-mobility"] = lambda x, T: th.log_mobility(host, x, T)
    return values


def with_li0_diffusivity(D):
    phases = (dataclasses.replace(HOST.phases[0], D_ref=D),) + HOST.phases[1:]
    return dataclasses.replace(HOST, phases=phases)


# --- thermodynamics (no solve) ---------------------------------------------------------------
def test_li0_diffusivity_factor_scales_the_li0_phase_as_its_diffusivity_would():
    """"Li0 film Li diffusivity factor" f (an input: one built model) gives, on the lever-rule host, f times the
    film's diffusivity and, on the multi-phase host, the log-mobility of the host whose Li0
    diffusivity is f times the set's, at every Li content (the Li0 window, the Li0/Li1 region's blend, Li1 on):
    before session 44 Li0's mobility on this host, an assumption of the set (1e-12 cm2/s), was a number inside
    MO6S8_HOST that only a rebuilt host could change, and the factor was no parameter of the model (an input of it was
    warned about and did nothing)."""
    from pybamm_aea.models.parameters import AEAParameters

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Li0 film Li diffusivity factor"] = "[input]"
    x = pybamm.Vector(np.linspace(0.0, 4.0, 801))
    T = pybamm.Scalar(320.0)
    log_b = values.process_symbol(AEAParameters().logB_c(x, T))
    for factor in (0.01, 1.0, 30.0):
        got = np.ravel(log_b.evaluate(inputs={"Li0 film Li diffusivity factor": factor}))
        want = np.ravel(th.log_mobility(with_li0_diffusivity(HOST.phases[0].D_ref * factor), x, T).evaluate())
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
    # the lever-rule host's Li0 film: its diffusivity times the factor
    d_film = values.process_symbol(AEAParameters().D_film(T))
    assert float(d_film.evaluate(inputs={"Li0 film Li diffusivity factor": 30.0})) == pytest.approx(
        30.0 * Li2021_Mo6S8.li0_film_diffusivity(320.0), rel=1e-12)


def test_host_rejects_a_piece_of_zero_width():
    """U_h and log B are written as increments over continuous pieces: a two-phase region (or a
    window) of zero width would hide a jump, so the host refuses it and names the edges."""
    touching = (HOST.phases[0], dataclasses.replace(HOST.phases[1], lo=HOST.phases[0].hi)) + HOST.phases[2:]
    with pytest.raises(ValueError, match=r"increase strictly .* got window edges \[0\.0, 0\.02, 0\.02"):
        dataclasses.replace(HOST, phases=touching)


@pytest.mark.parametrize("change, message", [
    (lambda: {"phases": (dataclasses.replace(HOST.phases[0], hi=float("nan")),) + HOST.phases[1:]}, r"phase 'Li0' hi = nan must be finite"),
    (lambda: {"regions": (dataclasses.replace(HOST.regions[0], U=float("nan")),) + HOST.regions[1:]}, r"region 0 U = nan must be finite"),
    (lambda: {"phases": (dataclasses.replace(HOST.phases[0], D_ref=-1e-16),) + HOST.phases[1:]}, r"phase 'Li0' D_ref \[m2.s-1\] must be > 0, got -1e-16"),
    (lambda: {"T_ref": -343.15}, r"T_ref \[K\] must be > 0, got -343.15"),
    (lambda: {"phases": HOST.phases[:1], "regions": ()}, r"at least 2 phases .* got 1"),
])
def test_host_rejects_non_finite_or_unphysical_numbers(change, message):
    """A nan window edge passed the ordering check (nan <= 0 is False) and gave a nan U_h; a negative
    D_ref a nan log-mobility; one phase an IndexError in homogeneous_ocp: each refused, named."""
    with pytest.raises(ValueError, match=message):
        dataclasses.replace(HOST, **change())


def test_evaluate_and_free_energy_refuse_bad_numbers():
    """T = 0 returned the plateau as if kT were 0 (a negative T a flipped lattice gas), a nan x a nan
    potential, and an unsorted grid a free energy integrated back and forth: each an error naming it."""
    for T in (0.0, -5.0, float("nan")):
        with pytest.raises(ValueError, match=rf"T \[K\] must be a finite positive number, got {T}"):
            th.evaluate(th.homogeneous_ocp, HOST, [0.01, 1.0], T)
    with pytest.raises(ValueError, match=r"x must be finite, but x\[1\] = nan"):
        th.evaluate(th.log_mobility, HOST, [1.0, float("nan")], 343.15)
    with pytest.raises(ValueError, match=r"monotone: x\[3\] = 3.0 turns back after x\[2\] = 1.0"):
        th.free_energy(HOST, [2.0, 1.0, 1.0, 3.0], 343.15)
    assert th.free_energy(HOST, [], 343.15).shape == (0,)
    # a falling grid, with a repeated point, is g relative to its first point: the rising grid's, shifted
    x = np.linspace(0.05, 3.9, 801)
    rising = th.free_energy(HOST, x, 343.15)
    falling = th.free_energy(HOST, np.r_[x[::-1][:400], x[::-1][399:]], 343.15)
    np.testing.assert_allclose(np.delete(falling, 400)[::-1], rising - rising[-1], atol=1e-9 * np.ptp(rising))
    # a column of contents, as pybamm.Vector holds it, is the same 1-D grid
    np.testing.assert_array_equal(th.evaluate(th.homogeneous_ocp, HOST, x[:, None], 343.15),
                                  th.evaluate(th.homogeneous_ocp, HOST, x, 343.15))


def test_ocp_is_minus_the_free_energy_derivative_over_f():
    """U_h = -(dg/dx) / F by central differences of the documented free energy, away from the
    pieces' joints (where the difference straddles a kink of the Li4 window's linear end)."""
    x = np.linspace(1e-3, 3.97, 39701)
    g = th.free_energy(HOST, x, 343.15)
    U = th.evaluate(th.homogeneous_ocp, HOST, x, 343.15)
    assert np.max(np.abs(-(g[2:] - g[:-2]) / (x[2:] - x[:-2]) / F - U[1:-1])) < 2e-3


def test_common_tangents_are_the_plateaus():
    """Maxwell: across each two-phase region the mean of U_h is the plateau (zero-area loop),
    and U_h at both binodals equals it; a sign error in a loop or a wrong equal-area split fails."""
    for k, region in enumerate(HOST.regions):
        lo, hi = HOST.phases[k].hi, HOST.phases[k + 1].lo
        x = np.linspace(lo, hi, 4001)
        U = th.evaluate(th.homogeneous_ocp, HOST, x, 343.15)
        assert np.trapezoid(U, x) / (hi - lo) == pytest.approx(region.U, abs=1e-6)
        assert U[0] == pytest.approx(region.U, abs=1e-9) and U[-1] == pytest.approx(region.U, abs=1e-9)
    # the free energy lies above each common tangent inside the region (phase separation wins)
    x = np.linspace(1e-6, 4 - 1e-6, 40001)
    g = th.free_energy(HOST, x, 343.15)
    lo, hi = HOST.phases[0].hi, HOST.phases[1].lo
    inside = (x > lo) & (x < hi)
    tangent = np.interp(lo, x, g) + (np.interp(hi, x, g) - np.interp(lo, x, g)) * (x - lo) / (hi - lo)
    assert np.all(g[inside] >= tangent[inside] - 1e-3)
    assert np.max(g[inside] - tangent[inside]) > 100  # J/mol: a real barrier


def hermite(t, U0, U1, m0, m1, h):
    """Cubic Hermite on [0, 1] (textbook basis h00, h10, h01, h11): values U0, U1, slopes m0, m1 per unit x."""
    return (U0 * (2 * t**3 - 3 * t**2 + 1) + h * m0 * (t**3 - 2 * t**2 + t)
            + U1 * (-2 * t**3 + 3 * t**2) + h * m1 * (t**3 - t**2))


def loop_slopes(region, width):
    """dU/dx of a loop at its Li-poor and Li-rich ends (the sines' derivatives)."""
    A_lith = region.A_delith * (1 - region.s_m) / region.s_m
    return -A_lith * np.pi / (region.s_m * width), -region.A_delith * np.pi / ((1 - region.s_m) * width)


def test_homogeneous_ocp_piece_by_piece():
    """U_h is a sum over its pieces; each piece against its formula
    (numpy): the Li0 lattice gas, the Li1 and Li3 windows as cubics meeting the loops with the
    loops' slopes, flat loop-free regions, and the electron-limited Li4 window falling linearly
    to U_full at x = 4 and on beyond it (a piece shifted or counted twice, or a window's end
    slope of the wrong sign or end, fails)."""
    T = 343.15
    kT = R * T / F
    (l0, l1, l3, l4), (r01, r13, r34) = HOST.phases, HOST.regions
    m01 = loop_slopes(r01, l1.lo - l0.hi)
    li1 = lambda x: hermite((x - l1.lo) / (l1.hi - l1.lo), r01.U, r13.U, m01[1], 0.0, l1.hi - l1.lo)
    cases = {
        0.005: r01.U + kT * np.log(l0.hi / 0.005),
        0.98: li1(0.98),
        1.0: li1(1.0),
        2.0: r13.U,
        3.0: (r13.U + r34.U) / 2,  # both neighbours loop-free: the symmetric cubic's midpoint
        3.01: hermite((3.01 - l3.lo) / (l3.hi - l3.lo), r13.U, r34.U, 0.0, 0.0, l3.hi - l3.lo),
        3.5: r34.U,
        3.99: r34.U - (r34.U - HOST.U_full) * (3.99 - l4.lo) / (4 - l4.lo),
        4.02: HOST.U_full - (r34.U - HOST.U_full) * 0.02 / (4 - l4.lo),
    }
    for x, expected in cases.items():
        assert th.evaluate(th.homogeneous_ocp, HOST, [x], T)[0] == pytest.approx(expected, abs=1e-12)
    # continuously differentiable across the Li1 and Li3 window edges (the loop's slope on both sides)
    U = lambda x: th.evaluate(th.homogeneous_ocp, HOST, [x], T)[0]
    h = 1e-7
    for edge in (l1.lo, l1.hi, l3.lo, l3.hi):
        left, right = (U(edge) - U(edge - h)) / h, (U(edge + h) - U(edge)) / h
        assert left == pytest.approx(right, abs=1e-4)
    assert (U(l1.lo + h) - U(l1.lo)) / h == pytest.approx(m01[1], rel=1e-4)
    # log-mobility: constant in the interior phases, linear in log across a loop-free region
    logB = lambda x: th.evaluate(th.log_mobility, HOST, [x], T)[0]
    assert logB(0.98) == pytest.approx(logB(1.02), abs=1e-12)
    assert logB(2.0) == pytest.approx((logB(l1.hi) + logB(l3.lo)) / 2, abs=1e-12)


def test_host_rejects_a_window_its_loops_would_make_unstable():
    """A window is a stable single phase (U_h falling across it); a loop barrier so steep that the
    cubic joining it would rise inside the window is refused, naming the phase and the slopes."""
    steep = (dataclasses.replace(HOST.regions[0], A_delith=1.0),) + HOST.regions[1:]
    with pytest.raises(ValueError, match=r"phase 'Li1': U_h must fall across its window \[0\.97, 1\.03\].*got -13\.23"):
        dataclasses.replace(HOST, regions=steep)


def test_spinodal_peak_is_the_ionic_switch_step():
    x = np.linspace(HOST.phases[0].hi, HOST.phases[1].lo, 2001)
    U = th.evaluate(th.homogeneous_ocp, HOST, x, 343.15)
    assert U.max() == pytest.approx(2.45, abs=1e-4)
    # the loop is asymmetric: the dip on lithiation is shallower than the peak on delithiation
    assert 2.30 - U.min() < U.max() - 2.30


def chemical_diffusivity(x, T):
    U = lambda xx: th.evaluate(th.homogeneous_ocp, HOST, xx, T)
    h = 1e-7
    dUdx = (U(x + h) - U(x - h)) / (2 * h)
    return np.exp(th.evaluate(th.log_mobility, HOST, x, T)) * np.abs(dUdx)


def test_single_phase_diffusivities_are_the_pitt_values():
    for x, D in PITT.items():
        x_in = min(x, 4 - 1e-3)
        assert chemical_diffusivity(np.array([x_in]), 343.15)[0] == pytest.approx(D, rel=1e-3)
    # Li0 is near-blocking
    assert chemical_diffusivity(np.array([0.01]), 343.15)[0] < 1e-3 * PITT[1.0]


@pytest.mark.parametrize("T_C", [25, 70])
def test_chemical_diffusivity_bounded_everywhere(T_C):
    """No Darken divergence: within 10x of the largest measured value for 0 < x < 4."""
    x = np.concatenate([np.linspace(1e-6, 4 - 1e-6, 20001), [4 - 1e-9, 1e-9]])
    D = chemical_diffusivity(x, 273.15 + T_C)
    assert np.all(np.isfinite(D)) and D.max() < 10 * max(PITT.values())


def test_li4_end_is_electron_limited_and_keeps_conducting():
    """The Mo6 cluster takes 4 electrons, the cavities hold more Li: at and beyond x = 4 the Li
    mobility stays that of Li4 (a lattice gas of 4 sites would make it vanish as 4 - x, and Li
    could not cross a full host to a dispersed material below 1.8 V, LTO at 1.55 V), while the
    Li0 end, which has no Li to move, keeps a vanishing carrier density."""
    logB = lambda x: th.evaluate(th.log_mobility, HOST, [x], 343.15)[0]
    assert logB(4.0) == pytest.approx(logB(3.99), abs=1e-12) == pytest.approx(logB(4.03), abs=1e-12)
    assert logB(1e-4) < logB(0.02) - np.log(100)
    # the paper's PITT point "Li4 at 1.8 V" (Fig. S1) lies inside the Li4 window
    U = th.evaluate(th.homogeneous_ocp, HOST, np.linspace(HOST.phases[3].lo, 4, 201), 343.15)
    assert U[0] > 1.8 > U[-1]


def test_every_phase_conducts_worse_when_cold():
    """Issue 11: the blocking layer must conduct worse when colder, not better; so must every phase
    (30 kJ/mol each, an assumption: 4.9x slower at 25 C than at 70 C)."""
    ratio = lambda x: chemical_diffusivity(np.array([x]), 298.15)[0] / chemical_diffusivity(np.array([x]), 343.15)[0]
    for x in (0.01, 1.0, 3.0, 3.99):  # Li0, Li1, Li3, Li4
        assert 0.1 < ratio(x) < 0.5


def test_kernel_phase_fractions_are_the_lever_rule_at_equilibrium():
    """A phase-separated profile (cells at the binodals) integrates to the lever rule of its mean."""
    rng = np.random.default_rng(1)
    weights = rng.uniform(0.5, 1.5, 50)
    weights /= weights.sum()
    x = np.where(np.arange(50) < 20, HOST.phases[1].lo, HOST.phases[2].hi)[:, None].astype(float)
    f = kernels.average_phase_fractions(np.ascontiguousarray(x), weights, HOST.windows)[0]
    x_mean = float(weights @ x[:, 0])
    s = (x_mean - HOST.phases[1].hi) / (HOST.phases[2].lo - HOST.phases[1].hi)
    # the Li1 share of the Li1/Li3 mixture by the lever rule (the binodal compositions are
    # the windows' inner edges; cells at the outer edges lie inside the windows)
    share_li1 = weights[:20].sum()
    assert f[1] == pytest.approx(share_li1, abs=1e-12) and f[2] == pytest.approx(1 - share_li1, abs=1e-12)
    assert 0 < s < 1


# --- the model ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def lms():
    return solve(LMS_CYCLE)[0]


@pytest.mark.prediction
def test_first_discharge_from_pristine(lms):
    assert capacity(lms[0]) == pytest.approx(130, abs=8)


@pytest.mark.prediction
def test_pristine_electrode_discharges_at_room_temperature(readme_figure):
    """Paper Fig. S5: the LMS-AEA cell also works at room temperature. From pristine Mo6S8 the
    Li1 phase must nucleate at the separator in the near-blocking Li0 (5x slower than at 70 C at
    30 kJ/mol). Run on 40 cells, a converged mesh here (128.18 mA.h/g on 20 to 160 cells): with
    Li0's former 60 kJ/mol the default 20 cells filled the compact but 40, 80 and 160 took 0.02 /
    0.00 / 0.00 mA.h/g, the deterministic Cahn-Hilliard barrier of a resolved interface not
    crossed before 1.8 V (45 kJ/mol: 128.18 on 40 cells, 0.01 on 80). Catches the former 60
    kJ/mol, or a Li0 that blocks its own lithiation."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Ambient temperature [K]"] = 298.15
    steps, _ = solve(LMS_CYCLE[:1], values=values, var_pts={xi: 40})
    assert capacity(steps[0]) == pytest.approx(130, abs=8)
    # the README's figure (its table of what the model reproduces), read from it to its stated digits
    assert capacity(steps[0]) == readme_figure("multi-phase: pristine compact {} mAh/g at 0.1C and 25 C").approx()


def test_formed_cell_discharges_at_1C_on_a_converged_mesh():
    """A cell formed at 0.1C (bulk Li1, a Li0 layer at the separator) discharges at 1C: Li1 nucleates
    in the Li0 layer within the window (101.1 mA.h/g on 40 cells, 101.07 on 80 and 160); at 2C it
    does not (0.04 / 0.01 / 0.00 on 40 / 80 / 160 cells; the default 20 cells give 100.9, their
    artefact). What keeps the gradient energy at 2.5e-15 V m2: with 1e-14 or 2e-14 (a 2.45 V step of
    2 mA.h/g) the formed cell takes 0.02 / 0.01 mA.h/g at 1C on 40 cells. Measured 2026-12-01."""
    steps, _ = solve(LMS_CYCLE[:2] + ["Discharge at 1C until 1.8 V"], var_pts={xi: 40})
    assert capacity(steps[2]) == pytest.approx(capacity(steps[1]), rel=0.01)


def high_voltage_step(charge):
    """Charge [mA.h/g] passed while the voltage is between 2.40 and 2.50 V (V interpolated on Q)."""
    V = charge["Voltage [V]"].entries
    Q = np.abs(charge[ESC].entries - charge[ESC].entries[0])
    q = np.linspace(0, Q[-1], 200001)
    v = np.interp(q, Q, V)
    return float(np.sum(np.diff(q) * ((v[1:] > 2.40) & (v[1:] < 2.50))))


@pytest.mark.prediction
def test_charge_passes_the_245_V_step_and_stops_on_li0(lms):
    charge = lms[1]
    # a real step (the lever-rule host's film gives 0.03 mA.h/g there, a resistive spike)
    assert high_voltage_step(charge) > 1.5
    assert "Voltage > 2.8" in charge.termination
    # the bulk stays Li1; the Li0 phase sits at the separator interface
    f1 = charge["Cathode Li1 phase fraction"].entries[:, -1]
    f0 = charge["Cathode Li0 phase fraction"].entries[:, -1]
    depth = charge["Cathode depth [m]"].entries[:, -1] / charge["Cathode thickness [m]"].entries[-1]
    bulk = depth < 0.8
    assert f1[bulk].min() > 0.9
    assert f0[-1] > 0.5 and f0[-1] > f0[bulk].max() + 0.5


#: capacity of one Li per formula unit of Mo6S8 [mA.h/g]
Q_PER_LI = F / 3.6 / (Li2021_Mo6S8.M_MO6S8 * 1e3)


def loop_peak_composition(host, k=0):
    """Li content at the spinodal peak of two-phase region k (the maximum of U_h there)."""
    lo, hi = host.phases[k].hi, host.phases[k + 1].lo
    x = np.linspace(lo, hi, 20001)
    return x[np.argmax(th.evaluate(th.homogeneous_ocp, host, x, 343.15))]


@pytest.mark.prediction
def test_charge_stops_by_spinodal_decomposition_at_the_loop_peak(lms):
    """What sets the charge stop (and so the reversible capacity): the whole electrode stays
    homogeneous (L^2/D of Li1 is 6 s) and climbs the Li0/Li1 loop from the Li1 binodal to its
    peak; there it decomposes into bulk Li1 and a Li-poor layer at the separator, which blocks.
    Li is conserved through the decomposition, so the charge ends near the peak composition and
    the next discharge gives Q_PER_LI * (4 - x_end). A loop peak in the wrong place, a
    transport bug that lets the electrode separate early, or a leak through the layer fails."""
    charge = lms[1]
    V = charge["Voltage [V]"].entries
    x = charge["Cathode Li content"].entries
    x_av = charge["Average cathode Li content"].entries
    # the top of the climb: the voltage maximum before it first collapses below 2.40 V
    start = np.flatnonzero(V > 2.40)[0]
    end = start + np.flatnonzero(V[start:] < 2.40)[0]
    i_top = start + np.argmax(V[start:end])
    x_peak = loop_peak_composition(HOST)
    assert V[i_top] == pytest.approx(2.45, abs=0.01)
    assert x_av[i_top] == pytest.approx(x_peak, abs=0.02)
    assert np.ptp(x[:, i_top]) < 0.03  # still homogeneous at the top
    # after it the electrode is two-phase: Li1 bulk and a Li-poor layer (x < 0.5) at the separator
    assert x[-1, -1] < 0.5 and x[0, -1] > 0.9
    # Li conservation: the charge ends within 0.02 Li of the peak composition ...
    assert x_av[-1] == pytest.approx(x_peak, abs=0.02)
    # ... and the next discharge refills the host to the Li4 composition at the 1.8 V cut-off:
    # reversible = Q_PER_LI (x_1.8V - x_end)
    x4 = np.linspace(HOST.phases[3].lo, HOST.x_max, 20001)
    x_cut = np.interp(-1.8, -th.evaluate(th.homogeneous_ocp, HOST, x4, 343.15), x4)
    assert capacity(lms[2]) == pytest.approx(Q_PER_LI * (x_cut - x_av[-1]), rel=2e-3)


@pytest.mark.xfail(
    strict=True,
    reason="known gap: the 2.45 V step passes 1.81 mA.h/g between 2.40 and 2.50 V (issue: >= 2). "
    "The step is the homogeneous electrode climbing the Li0/Li1 spinodal loop from the Li1 binodal "
    "(x = 0.97) to the loop's peak (x = 0.85, 2.45 V), where it decomposes; the upper half of that "
    "climb is above 2.40 V. More step means more Li taken from below Li1, which the next discharge "
    "puts back to the Li4 composition at 1.8 V (x = 3.985): reversible >= 32.2 (3.985 - 0.97) + step "
    "= 97.1 + step mA.h/g, so a 2 mA.h/g step needs reversible >= 99.1, outside the paper's 90 +/- 9 "
    "(reaching both needs the Li1 binodal above x = 1.03, a composition the XRD's LiMo6S8 does not give). The step "
    "grows a little with the mesh (1.80 / 1.82 / 1.86 on 20 / 40 / 80 cells). A larger gradient energy reaches it "
    "(kappa 1e-14 / 2e-14 V m2: 1.99 / 2.10 mA.h/g on 20 cells, 1.97 / 2.08 on 80) but then a formed cell cannot "
    "be discharged at 1C (70 C: 0.02 / 0.01 mA.h/g on 40 cells, against 101.1 with 2.5e-15) nor a pristine one at "
    "0.5C (0.02 / 0.00 against 128.17), on every mesh from 40 cells",
)
def test_charge_passes_two_mAh_per_g_on_the_245_V_step(lms):
    assert high_voltage_step(lms[1]) >= 2.0


@pytest.mark.prediction
def test_reversible_capacity_is_bulk_li1_to_li4(lms):
    """Charge stops with the bulk at Li1: the second discharge is Li1 -> Li4 plus the Li0 layer,
    about 3/4 of the 4-Li capacity (96.6 mA.h/g) plus a few; it is reproducible cycle to cycle."""
    second = capacity(lms[2])
    assert 96.6 < second < 104
    assert second == pytest.approx(capacity(lms[1]), rel=1e-3)


@pytest.mark.xfail(
    strict=True,
    reason="known gap: reversible 101.0 mA.h/g (paper 90 +/- 9) = 32.2 (3.985 - 0.848): bulk Li1 -> "
    "Li4 at 1.8 V 96.1, the Li1 window below x = 1 1.0, the homogeneous climb up the Li0/Li1 loop to its peak "
    "(x = 0.85) before Li0 forms 3.8, Li pulled through the Li-poor layer 0.1. <= 99 needs the "
    "charge to end at x >= 0.91, i.e. Li0 nucleating at the separator before the bulk climbs far past the "
    "Li1 binodal, which also removes the 2.45 V step (the climb); the paper's 90 needs ~1.2 Li "
    "kept per formula unit, which no stated mechanism supplies (its own 130 - 35 = 95 mA.h/g "
    "second discharge is the bulk Li1 -> Li4)",
)
def test_reversible_capacity_matches_the_paper(lms):
    assert capacity(lms[2]) == pytest.approx(90, abs=9)


@pytest.mark.prediction
def test_the_readmes_lms_figures(lms, readme_figure):
    """The README's LMS figures on the multi-phase host, read from it, to their stated digits (0.1C, 70 C,
    1.8-2.8 V): first discharge from pristine, reversible, mA.h/g passed between 2.40 and 2.50 V on charge. Measured
    2026-12-04 (pybammsolvers 0.11.1): 128.194, 101.017, 1.812 (128.191, 101.013, 1.796 with the typed Mo6S8 molar
    mass 832.2 g/mol before the formula's 832.18); the 2.45 V step 1.786 in sessions 46-47 (the host's transport
    reading LMS's stretch, which stays 1: the Newton matrix's stretch columns moved the solver's path), 1.812 again
    since session 48 (the transport reads the constant 1 on LMS). The tests above bound them
    against the paper; this one catches a solver build or a model change that moves what the README says, and a
    README figure edited away from the model's (or stated differently where the README repeats it)."""
    assert capacity(lms[0]) == readme_figure("| 130 mAh/g | {_} (lever rule); {} (multi-phase, predicted)").approx()
    assert capacity(lms[0]) == readme_figure("an LMS first discharge of {} mAh/g is {_} %").approx()  # (its 2 decimals)
    assert capacity(lms[2]) == readme_figure("x = 0.98 after charge, film onset fitted); {} (multi-phase, predicted",
                                             "reversible LMS capacity comes out at {} mAh/g",
                                             "which blocks: {} = {_} ({_} - {_}) mAh/g").approx()
    assert high_voltage_step(lms[1]) == readme_figure("| multi-phase: {} mAh/g between 2.40 and 2.50 V",
                                                      "- Multi-phase host, 2.45 V step: {} mAh/g pass").approx()


def test_compiled_phase_map_integrates_the_phase_state(lms):
    """The kernel's mesh integral of the phase state equals the model's averaged fractions, and
    they add up to one (Li0 + Li1 + Li3 + Li4) at every time."""
    from pybamm_aea.phases import MO6S8_PHASE_FIELD_WINDOWS, MO6S8_PHASES, average_phase_fractions

    charge = lms[1]
    t, fractions = average_phase_fractions(charge, MO6S8_PHASE_FIELD_WINDOWS)
    for k, name in enumerate(MO6S8_PHASES):
        np.testing.assert_allclose(fractions[:, k], charge[f"Average cathode {name} phase fraction"].entries, atol=1e-9)
    np.testing.assert_allclose(fractions.sum(axis=1), 1.0, atol=1e-9)


def test_lithium_is_conserved_with_the_phase_field(lms):
    """Li in the host changes by the charge passed (the interfacial source term), to the solver's
    tolerance: the solver's variable is the content where the host holds Li and its logarithm where
    it is nearly empty (the Li0 end), so the balance is kept on a nonlinear function of the state
    (measured: 3.5e-7 of the Li passed at IDA's rtol 1e-4; a lost or doubled source term is 1)."""
    for step in lms:
        n_c = step["Total lithium in cathode [mol]"].entries
        Q = step["Discharge capacity [A.h]"].entries
        passed = (Q - Q[0]) * 3600 / F
        np.testing.assert_allclose(n_c - n_c[0], passed, atol=1e-5 * np.abs(passed).max())


def test_lever_rule_option_still_available():
    steps, _ = solve(LMS_CYCLE[:1], options={"host thermodynamics": "lever rule"})
    assert capacity(steps[0]) == pytest.approx(130, abs=8)
    # on the multi-phase host the switch is the Li0 phase: "ionic switch" only reports its layer
    assert type(AEA(MULTI).submodels["ionic switch"]).__name__ == "Li0PhaseLayer"
    assert type(AEA({**MULTI, "ionic switch": "none"}).submodels["ionic switch"]).__name__ == "NoSurfaceFilm"


@pytest.fixture(scope="module")
def lms_voltage_state():
    return solve(LMS_CYCLE, options={"voltage as a state": "true"})[0]


def test_voltage_state_is_the_voltage_expression(lms_voltage_state):
    """With the option "voltage as a state" the voltage is an algebraic state: along the LMS
    cycle it equals the expression it stands for (a sign or a missing term in its residual
    breaks this), and the cut-offs, read from the state, stop the steps there."""
    assert AEA(MULTI).options["voltage as a state"] == "false"
    assert AEA({"host thermodynamics": "lever rule"}).options["voltage as a state"] == "false"
    for step in lms_voltage_state:
        V = step["Voltage [V]"].entries
        # to IDA's Newton tolerance on the algebraic equation (largest deviation measured 9.3e-6 V, and
        # 5.6e-5 V at one point of 488 at the 2.71 V end of the charge on 2026-12-04, pybammsolvers 0.11.1;
        # each of the interface and separator overpotentials is 4-7e-4 V at 0.1C)
        np.testing.assert_allclose(V, step["Voltage expression [V]"].entries, atol=1e-4)
    assert lms_voltage_state[0]["Voltage [V]"].entries[-1] == pytest.approx(1.8, abs=1e-3)
    assert lms_voltage_state[1]["Voltage [V]"].entries[-1] == pytest.approx(2.8, abs=1e-3)


def solve_tight(steps, model, values=None):
    """``steps`` on ``model`` with its default solver at rtol 1e-6, atol 1e-8: two formulations of
    the same equations compared without the scatter of IDA's path at the host's rtol 1e-4 (the end
    of a charge, after the bursts of Li0 nucleating cell by cell, moved by up to 2e-3 between two
    such formulations; at rtol 1e-6 they agree to 1e-6)."""
    sim = pybamm.Simulation(model, parameter_values=values or pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment(steps), solver=model.default_solver_with(rtol=1e-6, atol=1e-8))
    sol = sim.solve()
    return [s for c in sol.cycles for s in c.steps], sol


def capacities_and_energies(steps):
    return [capacity(s) for s in steps], [abs(float(np.ptp(s["Discharge energy [W.h]"].entries))) for s in steps]


def test_voltage_state_changes_no_result_on_mo6s8():
    """The same LMS cycle with the voltage as an expression (the default) and as a state:
    capacities and delivered energies agree (measured 1.3e-6 and 5e-6 at rtol 1e-6; 2.1e-5 on session 60's processor,
    hence 5e-5)."""
    expression = capacities_and_energies(solve_tight(LMS_CYCLE, AEA(MULTI))[0])
    state = capacities_and_energies(solve_tight(LMS_CYCLE, AEA({**MULTI, "voltage as a state": "true"}))[0])
    np.testing.assert_allclose(state, expression, rtol=5e-5)


def test_ohmic_drop_state_is_its_expression():
    """On the multi-phase host the electrons' ohmic drop is an algebraic state, read once by the
    cut-off events and the energy integrals. With the compact's electronic conductivity cut 1e9-fold
    (a drop of -83 .. +7 mV on the LMS cycle; at the set's conductivity it is 1e-10 V) the state
    equals its expression along the cycle (measured 4.5e-6 V: IDA's Newton tolerance), and
    capacities and energies equal those of the same model with the drop as an expression
    (:class:`.DenseElectrodeOhmic`; measured 1.3e-6 and 6e-6). Catches a sign or a missing term in
    the state's equation, and a reader (the voltage, so the cut-offs) left on a stale value."""
    from pybamm_aea.models import submodels

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Cathode electronic conductivity factor"] = 1e-9
    state_model = AEA(MULTI)
    assert type(state_model.submodels["electronic conduction"]) is submodels.DenseElectrodeOhmicAsState
    expression_model = AEA(MULTI, build=False)
    expression_model.submodels["electronic conduction"] = submodels.DenseElectrodeOhmic(
        expression_model.param, expression_model.options)
    expression_model.build_model()
    steps, sol = solve_tight(LMS_CYCLE[:2], state_model, values.copy())
    eta = sol["Cathode electronic ohmic overpotential [V]"].entries
    assert eta.min() < -0.05  # the drop matters here
    np.testing.assert_allclose(eta, sol["Cathode electronic ohmic overpotential expression [V]"].entries, atol=5e-5)
    expression = capacities_and_energies(solve_tight(LMS_CYCLE[:2], expression_model, values.copy())[0])
    np.testing.assert_allclose(capacities_and_energies(steps), expression, rtol=5e-5)


# --- slow: convergence, emergence, GITT, long cycling ---------------------------------------
@pytest.mark.slow
def test_mesh_convergence_on_doubling():
    """Capacities and the two plateau voltages (Li0/Li1 at x 0.2-0.8, Li1/Li3 at x 1.5-2.5; a window
    reaching into Li3/Li4 makes its median flip between the 2.065 and 2.035 V plateaus) change
    < 1 % from the default 20 cells to 40."""
    out, step = [], []
    for n in (20, 40):
        steps, _ = solve(LMS_CYCLE, var_pts={xi: n})
        first = steps[0]
        x = first["Average cathode Li content"].entries
        V = first["Voltage [V]"].entries
        out.append([capacity(s) for s in steps] + [np.median(V[(x > 0.2) & (x < 0.8)]), np.median(V[(x > 1.5) & (x < 2.5)])])
        step.append(high_voltage_step(steps[1]))
    print("mesh 20 vs 40 cells [first, charge, second mA.h/g, upper, lower plateau V]:", out, "2.45 V step:", step)
    np.testing.assert_allclose(out[0], out[1], rtol=1e-2)
    # the 2.40-2.50 V step is a small difference of two capacities: within 5 % (1.80 vs 1.82)
    assert step[1] == pytest.approx(step[0], rel=0.05)


@pytest.mark.slow
@pytest.mark.prediction
def test_reversible_capacity_moves_with_li0_mobility():
    """No onset parameter: a Li0 layer that lets Li through moves the charge stop.

    Charge at 0.1C after the 0.1C first discharge, for D(Li0) 1e-15 and 1e-13 m2/s (the set's is
    1e-16), on 320 cells, where the answer is converged (measured 2026-12-01, mA.h/g):

    | D(Li0) [m2/s] | 1e-16 | 1e-15 | 3e-15 | 1e-14 | 3e-14 | 1e-13 |
    | --- | --- | --- | --- | --- | --- | --- |
    | charge, 160 / 320 cells | 101.10 / - | 101.00 / 101.00 | 100.96 / 100.96 | 103.54 / 103.51 | 112.69 / - | 128.18 / 128.18 |

    Up to 3e-15 the stop is the spinodal decomposition at the loop peak (the test above) and the
    layer blocks: the bulk is left Li1 (x = 0.969) behind a Li0 layer at the separator (13 % of the
    electrode). At 1e-13 the layer does not block: Li leaves through it, the Li0 front runs through
    the whole electrode (Li0 fraction 1.00) and the charge returns the whole first discharge. On
    coarse meshes the running front is pinned in the bulk cells (100-250 nm on 20 cells, against a
    50 nm interface), so the fast-Li0 charge is underestimated: 106.1 / 112.1 / 122.9 on 20 / 40 /
    80 cells, which `mesh_check` flags. Catches: a mobility that ignores the Li0 phase, a Li0 phase that never blocks, a
    charge stop set by a composition instead of by transport."""
    runs = {}
    for D in (1e-15, 1e-13):
        steps, _ = solve(LMS_CYCLE[:2], values=host_values(with_li0_diffusivity(D)), var_pts={xi: 320})
        runs[D] = steps
    caps = {D: capacity(steps[1]) for D, steps in runs.items()}
    print("charge capacity at D(Li0) 1e-15, 1e-13 m2/s on 320 cells:", caps)
    assert caps[1e-13] - caps[1e-15] > 5
    blocking, leaking = runs[1e-15][1], runs[1e-13][1]
    # blocking: bulk Li1 (collector half) behind Li0 at the separator
    x = at_end(blocking, "Cathode Li content")
    assert x[: len(x) // 2].min() > 0.9 and at_end(blocking, "Cathode Li0 phase fraction")[-1] > 0.9
    # leaking: the whole electrode empties to Li0; the charge returns the first discharge
    assert at_end(leaking, "Average cathode Li0 phase fraction") > 0.95
    assert caps[1e-13] == pytest.approx(capacity(runs[1e-13][0]), rel=0.01)
    # the default mesh stops the fast-Li0 charge short, and the mesh check says so
    from pybamm_aea import mesh_check

    check = mesh_check(AEA(MULTI), host_values(with_li0_diffusivity(1e-13)), pybamm.Experiment(LMS_CYCLE[:2]))
    print(check[["description", "coarse capacity [mA.h]", "fine capacity [mA.h]", "capacity change [%]"]])
    assert check["converged"].tolist() == [True, False]
    assert check.loc[1, "capacity change [%]"] < -3  # the charge is negative capacity: 20 -> 40 cells charge more


def at_end(step, name):
    """A variable's values at the end of a step (a field's profile, or a scalar)."""
    return step[name].entries[..., -1]


@pytest.mark.slow
@pytest.mark.prediction
def test_reversible_capacity_falls_with_rate_and_thickness():
    """The charge capacity falls with rate and thickness (13.91 mg/cm2, 30.9 um), each for a
    reason the variables show. Every cell is formed by the same 0.1C discharge from pristine Mo6S8
    and then charged at 0.1C or 1C (measured 2026-12-01, mA.h/g on 20 cells, 40 in brackets):

    - thin, charge at 0.1C -> 1C (101.0 -> 100.2; 101.1 -> 100.1, after a 128.2 first discharge):
      the 1C charge reaches 2.8 V with less of the Li0 layer grown at the separator (10 % of the
      electrode against 13 %); the 0.03 Li per formula unit it leaves is the 0.9 mA.h/g.
    - thin -> thick at 0.1C (first discharge 107.3, charge 77.0; 107.2, 76.7): less Li went in. The discharge stopped
      on the Li4 layer filled at the separator with the collector side still Li3 (x = 3.03), and
      the charge takes the bulk back to Li1 (> 90 % Li1 over the collector half), as on the thin
      electrode.
    - thick, charge at 1C (20.9; 19.8): the ionic switch. The separator side empties faster
      than Li crosses the electrode: a Li0 layer (0.5 um) forms there with Li1 behind it, the 2.8 V
      cut-off comes after 10 minutes, and the collector side is left Li3 (86 % Li3 on average).

    The charge rate is varied after a 0.1C formation because a pristine compact's first discharge
    at high current density is a different matter: Li1 must nucleate in the Li0 before the cut-off,
    and near that threshold the outcome depends on the mesh (1.5 mg/cm2 at 1C: 128.2 on 20 and 30
    cells, 0.03 / 0.01 / 0.00 on 40 / 80 / 160; README, known limits).

    Catches: a rate dependence lost from the transport or the interface kinetics (thin 1C = 0.1C),
    a current density not scaled with the loading (thick = thin), a Li0 phase that does not block
    (the thick 1C charge draining the bulk), or a charge that strips the thick bulk below Li1."""
    runs = {}
    for name, updates in (("thin", None), ("thick", Li2021_Mo6S8.high_loading_updates())):
        for rate in ("0.1", "1"):
            steps, sol = solve(["Discharge at 0.1C until 1.8 V", f"Charge at {rate}C until 2.8 V"], updates=updates)
            runs[name, rate] = steps, [capacity(s) for s in steps]
            if name == "thick":
                assert sol["Cathode thickness [m]"].entries[0] == pytest.approx(30.9e-6, rel=0.01)
    print("first discharge, charge (electrode, charge rate):", {key: c for key, (_, c) in runs.items()})
    caps = {key: c[1] for key, (_, c) in runs.items()}
    assert caps["thin", "1"] < caps["thin", "0.1"]
    assert caps["thick", "0.1"] < caps["thin", "0.1"]
    assert caps["thick", "1"] < 0.5 * caps["thick", "0.1"]

    thin_slow, thin_fast = runs["thin", "0.1"][0], runs["thin", "1"][0]
    thick_slow, thick_fast = runs["thick", "0.1"][0], runs["thick", "1"][0]
    # thin: the same formation; the 1C charge ends with less Li0 grown
    li0 = "Average cathode Li0 phase fraction"
    assert at_end(thin_fast[1], li0) < at_end(thin_slow[1], li0) - 0.01
    # thick, 0.1C: less Li in (Li4 layer at the separator, the collector side still Li3), bulk back to Li1
    assert runs["thick", "0.1"][1][0] < 0.9 * runs["thin", "0.1"][1][0]
    x = at_end(thick_slow[0], "Cathode Li content")
    assert x[-1] > 3.9 and x[0] < 3.5
    half = len(x) // 2
    assert at_end(thick_slow[1], "Cathode Li1 phase fraction")[:half].min() > 0.9
    # thick, 1C: Li0 at the separator, the collector half left Li3
    assert at_end(thick_fast[1], "Cathode Li0 phase fraction")[-1] > 0.9
    assert at_end(thick_fast[1], "Cathode Li3 phase fraction")[:half].min() > 0.9


@pytest.mark.slow
@pytest.mark.prediction
def test_charge_stop_moves_with_temperature():
    """The ionic switch's stop moves with temperature (issue 11: no onset parameter). The paper's
    thick electrode (13.91 mg/cm2, 30.9 um), formed by a 0.1C discharge at 70 C, then charged at
    0.1C at 70 C or at 25 C (the step's temperature; measured 2026-12-01, mA.h/g on 20 cells, 40 in
    brackets): 77.0 (76.7) at 70 C, 51.2 (49.6) at 50 C, 28.4 (27.3) at 25 C. Colder, every phase's
    mobility falls (its activation energy); the separator side empties into a blocking Li0 layer
    before Li has left the collector side, which is left Li3. Catches: a mobility that rises on
    cooling (the Arrhenius sign), a step temperature that does not reach the host."""
    charges = {}
    for T in (343.15, 298.15):
        steps, _ = solve([pybamm.step.string("Discharge at 0.1C until 1.8 V", temperature=343.15),
                          pybamm.step.string("Charge at 0.1C until 2.8 V", temperature=T)],
                         updates=Li2021_Mo6S8.high_loading_updates())
        assert steps[1]["Ambient temperature [K]"].entries[-1] == pytest.approx(T)
        charges[T] = steps[1], capacity(steps[1])
    print("thick electrode, charge at 0.1C [mA.h/g] at 70 C, 25 C:", [c for _, c in charges.values()])
    (warm, q_warm), (cold, q_cold) = charges[343.15], charges[298.15]
    assert q_cold < 0.5 * q_warm

    half = len(at_end(warm, "Cathode Li content")) // 2
    # warm: the bulk back to Li1 everywhere; cold: Li0 at the separator, the collector side Li3
    assert at_end(warm, "Cathode Li1 phase fraction")[:half].min() > 0.9
    assert at_end(cold, "Cathode Li0 phase fraction")[-1] > 0.9
    assert at_end(cold, "Cathode Li3 phase fraction")[0] > 0.9


def relaxation_time(t, V):
    """Fit V = V_inf + A exp(-t / tau) to a rest; returns (tau [s], V_inf)."""
    from scipy.optimize import curve_fit

    t = t - t[0]
    p0 = (V[-1], V[0] - V[-1], 60.0)
    popt, _ = curve_fit(lambda t, v, a, tau: v + a * np.exp(-t / tau), t, V, p0=p0, maxfev=20000)
    return popt[2], popt[0]


@pytest.fixture(scope="module")
def gitt():
    """C/10 pulses of 10 min with 30 min rests through the whole discharge: relaxed (x, V) and
    the fitted relaxation time constants (x, tau [s]) after each pulse. On 40 cells: on the
    default 20 the Li0/Li1 interfaces in the coarse bulk cells (60-250 nm against a 50 nm
    interface) stay pinned inside the spinodal loop at rest (relaxed 2.26-2.32 V)."""
    pulses = [("Discharge at 0.1C for 10 minutes", "Rest for 30 minutes")] * 56
    sim = pybamm.Simulation(AEA(MULTI), experiment=pybamm.Experiment(pulses), var_pts={xi: 40})
    sol = sim.solve()
    relaxed, taus = [], []
    for cycle in sol.cycles:
        if len(cycle.steps) < 2:
            break
        rest = cycle.steps[1]
        x = rest["Average cathode Li content"].entries[-1]
        V = rest["Voltage [V]"].entries
        relaxed.append((x, V[-1]))
        taus.append((x, relaxation_time(rest.t, V)[0]))
    relaxed, taus = np.array(relaxed), np.array(taus)
    print("GITT relaxed (x, V):", np.round(relaxed, 4).tolist())
    print("GITT tau (x, s):", np.round(taus, 2).tolist())
    return relaxed, taus


@pytest.mark.slow
@pytest.mark.prediction
def test_gitt_relaxes_to_the_lower_plateau_with_finite_time_constants(gitt):
    relaxed, taus = gitt
    lower = relaxed[(relaxed[:, 0] > 1.5) & (relaxed[:, 0] < 3.5), 1]
    assert np.all(np.abs(lower - 2.05) < 0.02)
    # relaxations are real (not instantaneous): transport and phase boundaries in the host
    assert np.median(taus[:, 1]) > 1.0


@pytest.mark.slow
@pytest.mark.prediction
def test_gitt_relaxes_to_the_upper_plateau(gitt):
    relaxed, _ = gitt
    upper = relaxed[(relaxed[:, 0] > 0.2) & (relaxed[:, 0] < 0.8), 1]
    assert np.all(np.abs(upper - 2.30) < 0.02)


@pytest.mark.slow
def test_the_li0_li1_plateau_under_load_ripples_by_the_mesh():
    """Known limit (docs/known_limits.rst, "Multi-phase host: the Li0/Li1 plateau under load"): Li1 nucleates cell by
    cell, each cell climbing to its spinodal before it turns, so the first 0.1C discharge's Li0/Li1 plateau (x
    0.15-0.85, LMS at 70 C) is a sawtooth of one tooth per cell whose height falls with the cells and whose mean rises
    toward the converged 2.2895 V (measured 2026-12-06, session 48: 90.2 / 44.8 / 26.7 / 9.7 / 4.0 mV peak to peak on
    20 / 40 / 80 / 160 / 320 cells, mean 2.2750 / 2.2813 / 2.2868 / 2.2893 / 2.2895 V), while the capacity is the same
    on every mesh (0.15095 mA.h), so mesh_check does not flag it. Catches: the ripple or its mesh dependence gone
    unnoticed (the docs' advice, 80 cells for 30 mV and 160 for 10 mV, then stale), a nucleation that no longer goes
    cell by cell."""
    ripple, mean, teeth, capacity_mAh = {}, {}, {}, {}
    for cells in (20, 80):
        sim = pybamm.Simulation(AEA(MULTI), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                                experiment=pybamm.Experiment(["Discharge at 0.1C until 1.8 V"], period="10 seconds"),
                                var_pts={xi: cells})
        solution = sim.solve()
        V, x = (solution[name].entries for name in ("Voltage [V]", "Average cathode Li content"))
        plateau = V[(x > 0.15) & (x < 0.85)]
        ripple[cells], mean[cells] = np.ptp(plateau), plateau.mean()
        teeth[cells] = np.sum((plateau[1:-1] > plateau[:-2]) & (plateau[1:-1] >= plateau[2:]))
        capacity_mAh[cells] = 1e3 * solution["Discharge capacity [A.h]"].entries[-1]
    print("Li0/Li1 plateau under load, p-p [V], mean [V], teeth:", ripple, mean, teeth)
    assert 0.075 < ripple[20] < 0.105 and 0.020 < ripple[80] < 0.035
    assert 2.268 < mean[20] < 2.282 and 2.282 < mean[80] < 2.292 and 0.008 < mean[80] - mean[20] < 0.016
    assert 0.5 * 20 <= teeth[20] <= 20 and 0.5 * 80 <= teeth[80] <= 80  # (one tooth per cell the front crosses)
    assert capacity_mAh[80] == pytest.approx(capacity_mAh[20], rel=1e-4)


def equilibrium_voltage(values, charge_mAh_g, low=2.0, high=2.4):
    """A hybrid's equilibrium OCV [V] in [low, high] at a charge passed from the Li-free compact [mA.h per g of electrode]: host and
    dispersed material at one potential (:func:`pybamm_aea.set_initial_state` at each voltage), solved for the
    voltage whose held Li is that charge."""
    from scipy.optimize import brentq

    from pybamm_aea import set_initial_state

    w = values["Dispersed material mass fraction"]
    per_li = F / 3.6 / (values["Cathode host molar mass [kg.mol-1]"] * 1e3)  # mA.h per g of host per Li

    def held(V):
        state = set_initial_state(values, f"{V!r} V")
        return ((1 - w) * state["Initial cathode Li content"] * per_li
                + w * state["Initial dispersed material lithiation"] * values["Dispersed material specific capacity [A.h.kg-1]"])

    return brentq(lambda V: held(V) - charge_mAh_g, low, high, xtol=1e-6)


@pytest.mark.slow
@pytest.mark.prediction
def test_s_lms_gitt_relaxes_below_the_pure_hosts_range():
    """The 2.287-2.305 V of the GITT above (docs/known_limits.rst) is LMS's, the pure host at 70 C: S-LMS's C/10 pulses
    (of its own capacity) on 40 cells at 60 C relax to 2.280, 2.253 and 2.233 V (measured 2026-12-05, session 42).
    Against S-LMS's own equilibrium OCV (session 43): the third is on it (the S8's, past the host's plateau, which ends
    at 21.1 mA.h/g), and the first is under the 2.30 V plateau because the S8 gives back at rest the Li it took near
    the separator during the pulse (session 42's docs said it takes Li at rest)."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    values["Ambient temperature [K]"] = 333.15
    pulses = [("Discharge at 0.1C for 10 minutes", "Rest for 30 minutes")] * 3
    sim = pybamm.Simulation(AEA(MULTI), parameter_values=values, experiment=pybamm.Experiment(pulses),
                            var_pts={xi: 40})
    cycles = sim.solve().cycles
    relaxed = [cycle.steps[1]["Voltage [V]"].entries[-1] for cycle in cycles]
    np.testing.assert_allclose(relaxed, [2.280, 2.253, 2.233], atol=2e-3)
    # the first rest: the S8 returns its Li to the host (lithiation down 100-fold, the host's content up)
    pulse, rest = cycles[0].steps
    z = rest["Average dispersed material lithiation"].entries
    x = rest["Average cathode Li content"].entries
    assert pulse["Average dispersed material lithiation"].entries[-1] > 1e-3
    assert z[-1] < 0.02 * z[0] and x[-1] > x[0] + 0.1
    # the third rest ends on the hybrid's equilibrium OCV at its charge
    rest = cycles[2].steps[1]
    charge = rest["Discharge capacity [A.h]"].entries[-1] * 1e3 / rest["Cathode electrode mass [g]"].entries[0]
    assert relaxed[2] == pytest.approx(equilibrium_voltage(values, charge), abs=3e-3)


@pytest.mark.slow
@pytest.mark.prediction
def test_s_lms_rest_past_mid_discharge_sits_on_the_host_plateau_for_hours():
    """S-LMS 0.40 lithiated (280 min at 0.1C, 70 C, 40 cells): a 1 h rest ends on the host's Li1/Li3 plateau (2.065 V),
    135 mV under the hybrid's equilibrium OCV, which the cell reaches only after hours (the host drains into the S8
    through its Li2S shell, tau_shell 1.7e6 s; the host's own L^2/D is seconds): docs/known_limits.rst, GITT on the
    hybrids (session 43)."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    experiment = pybamm.Experiment(["Discharge at 0.1C for 280 minutes", "Rest for 1 hour", "Rest for 5 hours"])
    sim = pybamm.Simulation(AEA(MULTI), parameter_values=values, experiment=experiment, var_pts={xi: 40})
    steps = [cycle.steps[0] for cycle in sim.solve().cycles]
    after_1h, after_6h = (step["Voltage [V]"].entries[-1] for step in steps[1:])
    charge = steps[2]["Discharge capacity [A.h]"].entries[-1] * 1e3 / steps[2]["Cathode electrode mass [g]"].entries[0]
    V_eq = equilibrium_voltage(values, charge)
    assert after_1h == pytest.approx(2.065, abs=3e-3)
    assert V_eq - after_1h > 0.1
    assert after_6h == pytest.approx(V_eq, abs=2e-3)


@pytest.mark.slow
@pytest.mark.prediction
def test_lto_lms_gitt_relaxes_onto_its_equilibrium_on_the_lto_plateau():
    """LTO-LMS, C/10 pulses of 40 min and 1 h rests (70 C, 40 cells): on the Li4Ti5O12 plateau each rest ends within
    2 mV of the hybrid's equilibrium OCV at its charge (measured within 1 mV, session 43): its relaxation is the LTO
    reaction's (1 / k_int = 100 s), not the Li2S-like shell of S-LMS (docs/known_limits.rst, GITT on the hybrids)."""
    values = pybamm.ParameterValues("Li2021_LTO_Mo6S8")
    pulses = [("Discharge at 0.1C for 40 minutes or until 1.0 V", "Rest for 1 hour")] * 13
    sim = pybamm.Simulation(AEA(MULTI), parameter_values=values, experiment=pybamm.Experiment(pulses),
                            var_pts={xi: 40})
    on_plateau = 0
    for cycle in sim.solve().cycles:
        rest = cycle.steps[1]
        z = rest["Average dispersed material lithiation"].entries[-1]
        if not 0.1 < z < 0.8:
            continue
        on_plateau += 1
        charge = rest["Discharge capacity [A.h]"].entries[-1] * 1e3 / rest["Cathode electrode mass [g]"].entries[0]
        V = rest["Voltage [V]"].entries[-1]
        assert V == pytest.approx(equilibrium_voltage(values, charge, 1.45, 1.7), abs=2e-3)
    assert on_plateau >= 4


@pytest.mark.slow
def test_lithium_conserved_over_50_cycles():
    # Li-In anode (finite Li inventory to count): the LMS window shifted down by its 0.62 V
    low, high = li_in_window(1.8, 2.8)
    steps, sol = solve([(f"Discharge at 0.1C until {low:g} V", f"Charge at 0.1C until {high:g} V")] * 50,
                       options={"anode": "Li-In"})
    n_c = sol["Total lithium in cathode [mol]"].entries
    n_a = sol["Total lithium in anode [mol]"].entries
    Q = sol["Discharge capacity [A.h]"].entries
    # to the solver's tolerance (the host's solver variable is the log of the content at the Li0
    # end, so the balance is kept on a nonlinear function of the state): measured drift 7.4e-11
    # mol over 50 cycles, 1.7e-7 of the 4.5e-4 mol that passed; a lost or doubled source term, or
    # Li counted in two places, is ~5.6e-6 mol (one discharge) or more
    throughput = sol["Throughput capacity [A.h]"].entries[-1] * 3600 / F
    np.testing.assert_allclose(n_c + n_a, n_c[0] + n_a[0], rtol=0, atol=1e-6 * throughput)
    np.testing.assert_allclose(n_c - n_c[0], Q * 3600 / F, rtol=0, atol=1e-6 * throughput)
    assert len(sol.cycles) == 50


def test_tis2_lattice_gas_host_matches_the_lever_rule_host():
    """TiS2 is one phase: the multi-phase host (lattice-gas free energy, mobility from the
    vacancy-limited D) and the Fickian lever-rule host are the same physics and must agree."""
    caps = []
    for options in ({"host thermodynamics": "lever rule"}, MULTI):
        sim = pybamm.Simulation(AEA(options), parameter_values=pybamm.ParameterValues("Li2021_TiS2"),
                                experiment=pybamm.Experiment(["Discharge at 0.1C until 1 V"]))
        caps.append(capacity(sim.solve().cycles[0].steps[0]))
    assert caps[1] == pytest.approx(caps[0], rel=2e-3)


def test_a_host_without_li0_reports_no_li0_layer():
    """The Li0 layer is read against the set's own Li0/Li1 region: TiS2 (one phase) on the
    default options ("ionic switch": "Li0 surface film") has none at any content, so no current
    forms it and "ionic-switch host loss" isolates nothing (read against Mo6S8's windows, pristine
    TiS2 at x = 0.001 was a Li0 layer as thick as the electrode, 5.2 um over a cycle)."""
    sim = pybamm.Simulation(AEA(MULTI), parameter_values=pybamm.ParameterValues("Li2021_TiS2"),
                            experiment=pybamm.Experiment(["Discharge at 0.1C for 20 minutes"]))
    sol = sim.solve()
    assert np.all(sol["Li0 film thickness [m]"].entries == 0)
    assert np.all(sol["Li0 film growth current density [A.m-2]"].entries == 0)
    assert sol["Average cathode Li content"].entries[-1] > 0.02  # it crossed Mo6S8's Li0 window


@pytest.mark.parametrize("parameter_set", ["Li2021_TiS2", "AEA_LiCoO2"])
@pytest.mark.parametrize("host", ["multi-phase", "lever rule"])
def test_host_loss_on_a_host_without_li0_isolates_nothing(parameter_set, host):
    """TiS2 and the AEA_* materials have no Li0 phase (no ionic switch): "ionic-switch host loss" has no Li0
    to isolate, on either host. The lever rule ran it (its film never forms, its neutral coefficient is 0);
    the multi-phase host failed, KeyError: Parameter 'Persistent Li0 fraction' not found (the neutral
    degradation parameters of the paper's cell had no value of it: only Li2021_Mo6S8 calibrates it)."""
    values = pybamm.ParameterValues(parameter_set)
    low, high = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
    sim = pybamm.Simulation(AEA({"host thermodynamics": host, "ionic-switch host loss": "persistent Li0"}),
                            parameter_values=values,
                            experiment=pybamm.Experiment([f"Discharge at 1C for 5 minutes or until {low} V",
                                                          f"Charge at 1C for 5 minutes or until {high} V"]))
    sol = sim.solve()
    assert np.all(sol["Li0 film growth current density [A.m-2]"].entries == 0)
    assert np.all(sol["Cathode host active fraction"].entries == 1)
    assert np.all(sol["Lost lithium in isolated host [mol]"].entries == 0)


def first_discharge_mAh(parameter_set, options, values=None):
    values = values or pybamm.ParameterValues(parameter_set)
    low = values["Lower voltage cut-off [V]"]
    sim = pybamm.Simulation(AEA(options), parameter_values=values, experiment=pybamm.Experiment([f"Discharge at 0.1C until {low} V"]))
    Q = sim.solve()["Discharge capacity [A.h]"].entries
    return (Q[-1] - Q[0]) * 1e3


@pytest.mark.slow
@pytest.mark.prediction
@pytest.mark.parametrize("parameter_set", ["Li2021_S_Mo6S8", "Li2021_LTO_Mo6S8"])
def test_hybrids_reach_their_dispersed_material_through_the_li4_host(parameter_set, monkeypatch):
    """Below 1.8 V the host is Li4 and only carries Li to the S8 / Li4Ti5O12 domains: the hybrids
    deliver on the multi-phase host what they deliver on the lever-rule host (within 1 %, both
    transport-limited by nothing at 0.1C), and with a Li4 end that is a lattice gas of 4 sites
    (no carriers left at 1.55 V) they lose most of the dispersed material's share.

    That counterfactual host's free energy ends at 1.218 V vs Li, above the hybrids' own 1.0 V cut-off, which session
    63's step_checks.check_lower_cut_off_in_host_window refuses for a user's cell; this test asks what such a host
    would deliver down to the hybrids' cut-off, so the check is let through for its run only."""
    multi = first_discharge_mAh(parameter_set, MULTI)
    lever = first_discharge_mAh(parameter_set, {"host thermodynamics": "lever rule"})
    values = host_values(dataclasses.replace(HOST, U_full=None))
    values.update({k: v for k, v in pybamm.ParameterValues(parameter_set).items()
                   if k not in ("Cathode homogeneous OCP [V]", "Cathode Li log-mobility")}, check_already_exists=False)
    from pybamm_aea.models import step_checks
    monkeypatch.setattr(step_checks, "check_cut_off_in_host_window", lambda *args, **kwargs: None)
    monkeypatch.setattr(step_checks, "check_lower_cut_off_in_host_window", lambda *args, **kwargs: None)
    site_limited = first_discharge_mAh(parameter_set, MULTI, values)
    print(parameter_set, "first discharge [mA.h]: multi-phase", multi, "lever rule", lever, "4-site Li4", site_limited)
    assert multi == pytest.approx(lever, rel=0.01)
    assert site_limited < 0.7 * multi


# --- any material on the multi-phase option --------------------------------------------------
def charge_discharge(values, options, n_cells=20, rate="0.1C"):
    """The steps of a charge to the set's upper cut-off and a discharge to its lower one (0.1C)."""
    low, high = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
    sim = pybamm.Simulation(AEA(options), parameter_values=values, var_pts={xi: n_cells},
                            experiment=pybamm.Experiment([f"Charge at {rate} until {high} V",
                                                          f"Discharge at {rate} until {low} V"]))
    return [s for c in sim.solve().cycles for s in c.steps]


def step_uAh(step):
    """Charge a step passed [uA.h]."""
    Q = step["Discharge capacity [A.h]"].entries
    return abs(Q[-1] - Q[0]) * 1e6


def charge_discharge_uAh(values, options, n_cells=20, rate="0.1C"):
    return [step_uAh(s) for s in charge_discharge(values, options, n_cells, rate)]


@pytest.mark.slow
def test_single_phase_material_on_the_multi_phase_option_is_fickian():
    """A material without a free energy (LiCoO2: a table OCP with steep fitted ends) is one phase
    with no gradient energy: the multi-phase option takes its flux in Fickian form and its OCP at
    the surface content, and gives the lever-rule host's capacities on the same mesh (the
    mobility form with geometric-mean faces gave 126.7 instead of 137.6 uA.h on 20 cells, on the OCP table held at
    3.408 V until session 56; 126.84 on both since, the table run past 3.0 V; 140.39 / 126.69 on both made at x = 0.97,
    the table's end, 149.25 / 126.84 made at theta 0.995 on its held 2.718 V)."""
    from pybamm_aea.materials import licoo2

    values = licoo2.MATERIAL.parameter_values()
    multi = charge_discharge_uAh(values.copy(), MULTI)
    lever = charge_discharge_uAh(values.copy(), {"host thermodynamics": "lever rule"})
    print("LiCoO2 charge, discharge [uA.h]: multi-phase", multi, "lever rule", lever)
    np.testing.assert_allclose(multi, lever, rtol=2e-3)


@pytest.fixture(scope="module")
def licoo2_voltage_state():
    """A LiCoO2 cell (its material's) charged to its upper and discharged to its lower cut-off on the multi-phase
    host with "voltage as a state", at 1C and 0.1C: {rate: (its steps, the default's capacities [uA.h])}, and its
    "values"."""
    from pybamm_aea.materials import licoo2

    values = licoo2.MATERIAL.parameter_values()
    out = {"values": values}
    for rate in ("1C", "0.1C"):
        out[rate] = (charge_discharge(values.copy(), {**MULTI, "voltage as a state": "true"}, rate=rate),
                     charge_discharge_uAh(values.copy(), MULTI, rate=rate))
    return out


@pytest.mark.slow
def test_voltage_state_cut_offs_are_the_readmes(licoo2_voltage_state, readme_figure):
    """The README's figures of the option "voltage as a state" (why it is not the default; the strict expected
    failure below): where a LiCoO2 cycle's steps stop and how much short of (or above) the default's capacity, read
    from it to its stated digits (measured 2026-12-05 on session 42's solver, which solves again a step whose event is
    not reached at its consistent end state: at 1C 4.2019 V and -0.70 %, 3.0897 V and -0.67 %; at 0.1C 4.1894 /
    3.0383 V, 0.95 / 1.03 %; session 47, with the host's transport across the swollen layer: at 0.1C 4.1980 / 3.0298 V,
    0.18 / 0.20 % (the stretch, 0.99995-1 here, moves LiCoO2's transport by < 2e-4 but is now in the solver's Newton
    system: the interpolant's path moved; 1C as before, 4.2019 / 3.0162 V, -0.70 / -0.70 %); before it, at 1C
    4.1944 V and 2.03 %, 3.2603 V and 2.28 %, at 0.1C 1.27 / 1.38 %; session 56, LiCoO2's OCP table run past 3.0 V:
    at 0.1C 4.1988 / 3.0013 V, 0.11 / 0.13 %, at 1C 4.1995 / 3.0014 V, 0.17 / 0.20 %, below the default's; LiCoO2
    made at x = 0.97, its table's end, not theta 0.995: at 0.1C 4.2029 / 3.0018 V, 0.28 / 0.30 % above, at 1C
    4.2028 / 2.9219 V, 78 mV past the cut-off, 1.09 / 1.61 % above)."""
    figures = {}
    for rate in ("1C", "0.1C"):
        steps, default = licoo2_voltage_state[rate]
        figures[rate] = [(s["Voltage [V]"].entries[-1], 100 * (1 - step_uAh(s) / d)) for s, d in zip(steps, default)]
        print(rate, "capacities [uA.h] with the voltage as a state:", [step_uAh(s) for s in steps], "default:", default)
    print("end voltage [V], short of the default [%] (charge, discharge):", figures)
    (v_c, short_c), (v_d, short_d) = figures["0.1C"]
    assert v_c == readme_figure("at 0.1C LiCoO2 stops its charge at {} V and its discharge at {_} V").approx()
    assert v_d == readme_figure("at 0.1C LiCoO2 stops its charge at {_} V and its discharge at {} V").approx()
    assert -short_c == readme_figure("its discharge at {_} V, {} and {_} % above the default's").approx()
    assert -short_d == readme_figure("its discharge at {_} V, {_} and {} % above the default's").approx()
    (v_c, short_c), (v_d, short_d) = figures["1C"]
    low = licoo2_voltage_state["values"]["Lower voltage cut-off [V]"]
    assert v_c == readme_figure("its charge ends at {} V and its discharge at {_} V, {_} mV past").approx()
    assert v_d == readme_figure("its charge ends at {_} V and its discharge at {} V, {_} mV past").approx()
    assert 1e3 * (low - v_d) == readme_figure("its charge ends at {_} V and its discharge at {_} V, {} mV past").approx()
    assert -short_c == readme_figure("cut-off, {} and {_} % above the default's capacities").approx()
    assert -short_d == readme_figure("cut-off, {_} and {} % above the default's capacities").approx()


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="known limit of the option \"voltage as a state\" (why it is not the default): the "
    "multi-phase host's solver leaves algebraic states out of its error test, so a cut-off is "
    "located on the voltage state's interpolant, which follows LiCoO2's steep ends poorly. At 1C (measured "
    "2026-12-07 on session 56's LiCoO2 OCP table, which follows Dualfoil's function through the 3.0 V cut-off where "
    "it held 3.408 V before; LiCoO2 made at its end, x = 0.97) the charge ends at 4.2028 V and the discharge at "
    "2.9219 V, 78 mV past its cut-off (this test's 1 mV), 1.09 / 1.61 % above the default's capacities (made at theta "
    "0.995: 4.1995 / 3.0014 V, 1.4 mV short, 0.17 / 0.20 % below); on the held table (session 42's solver) "
    "4.2019 V and 3.090 V, 90 mV short. At 0.1C 4.2029 / 2.9988 V, 0.28 / 0.31 % above: "
    "test_voltage_state_cut_offs_are_the_readmes reads them from the README",
)
def test_voltage_state_locates_a_steep_cut_off(licoo2_voltage_state):
    """Both steps of a LiCoO2 cycle at 1C end on their own cut-off, at that voltage, with the lever-rule
    host's capacities."""
    values, (steps, _) = licoo2_voltage_state["values"], licoo2_voltage_state["1C"]
    low, high = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
    assert [s.termination for s in steps] == [f"event: Voltage > {high} [V] [experiment]", f"event: Voltage < {low} [V] [experiment]"]
    for step, cut in zip(steps, (high, low)):
        assert step["Voltage [V]"].entries[-1] == pytest.approx(cut, abs=1e-3)
    state = [step_uAh(s) for s in steps]
    lever = charge_discharge_uAh(values.copy(), {"host thermodynamics": "lever rule"}, rate="1C")
    np.testing.assert_allclose(state, lever, rtol=2e-3)


def test_two_branch_material_without_free_energy_names_the_way_out():
    from pybamm_aea.materials import paper_hosts
    from pybamm_aea.materials.material import MaterialError

    material = dataclasses.replace(paper_hosts.MO6S8, name="my hysteretic host", host=None)
    values = material.parameter_values()
    with pytest.raises(MaterialError, match="'my hysteretic host' gives two OCP branches.*'lever rule'"):
        pybamm.Simulation(AEA(MULTI), parameter_values=values).build()


def test_the_mo6s8_material_record_carries_the_host_free_energy():
    """The material API's Mo6S8 (``paper_hosts.MO6S8``) is the set's multi-phase host: its free
    energy, mobility and gradient energy reach the model by reference."""
    from pybamm_aea.materials import paper_hosts

    record = paper_hosts.MO6S8.parameter_values()
    the_set = pybamm.ParameterValues("Li2021_Mo6S8")
    for x in (0.01, 0.9, 2.0, 3.99):
        for name in ("Cathode homogeneous OCP [V]", "Cathode Li log-mobility"):
            a = record[name](pybamm.Scalar(x), pybamm.Scalar(343.15)).evaluate()
            b = the_set[name](pybamm.Scalar(x), pybamm.Scalar(343.15)).evaluate()
            assert float(a) == pytest.approx(float(b), rel=1e-12)
    assert record["Cathode gradient energy coefficient [V.m2]"] == the_set["Cathode gradient energy coefficient [V.m2]"]


@pytest.mark.slow
def test_s_lms_cycles_through_sulfur_exhaustion_and_li0_nucleation():
    """S-LMS on Li-In (0.4-2.4 V): on each charge the sulfur runs out and Li0 then nucleates at
    the separator, one cell from the surface. The kinetics see the surface content of the last
    control volume (the natural boundary condition dx/dX = 0), which stays in [0, x_max]; a linear
    extrapolation across the front went to -4e-4, took j0 to 0 and the voltage to the cut-off in
    10 ms (IDA failed on the 4th charge), and a sulfur domain undershooting z < 0 had a negative
    shell thickness (the failure on the 8th charge with degradation). Ten cycles complete and the
    exchange current stays above its Li-free floor (j0_ref 1e-2 / 0.5 = 0.3 A/m2 at 70 C)."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    experiment = pybamm.Experiment([("Discharge at 0.1C until 0.4 V", "Charge at 0.1C until 2.4 V")] * 10)
    options = {**MULTI, "anode": "Li-In", "dispersed material degradation": "activation and contact loss"}
    sol = pybamm.Simulation(AEA(options), parameter_values=values, experiment=experiment).solve()
    assert len(sol.cycles) == 10, sol.termination
    x_s = sol["Cathode surface Li content"].entries
    assert x_s.min() >= 0 and x_s.max() <= Li2021_Mo6S8.X_MAX
    assert sol["Cathode exchange-current density [A.m-2]"].entries.min() > 0.29
    # a round-off undershoot of the sulfur (z < 0) is driven back (measured -1.4e-3); with the
    # shell-thickness sign bug it ran away past -5.5e-3 and IDA failed
    assert sol["Dispersed material lithiation"].entries.min() > -5e-3


def test_exchange_current_beyond_the_electron_limited_end_is_its_floor():
    """The multi-phase host's Li4 end is electron-limited: x can pass x_max = 4 at a low cut-off
    (S-LMS on Li-In reached 4.0002 at 0.4 V after 45 cycles). There the vacancy term of j0 is 0,
    so j0 is the Li-free floor sqrt(1e-4) / 0.5 j0_ref, the same as at x = 0 and x = x_max, and
    not the square root of a negative number (NaN voltage)."""
    j0 = Li2021_Mo6S8.mo6s8_exchange_current_density
    T = pybamm.Scalar(343.15)
    at = {x: float(j0(pybamm.Scalar(x), T).evaluate()) for x in (0.0, 2.0, 4.0, 4.0004, 4.4)}
    assert np.isfinite(list(at.values())).all()
    assert at[4.0004] == pytest.approx(at[4.0]) and at[4.4] == pytest.approx(at[0.0])
    assert at[4.0] == pytest.approx(at[2.0] * 0.01 / 0.2501**0.5, rel=1e-9)  # sqrt(1e-4) / sqrt(0.25 + 1e-4)


def test_li0_lattice_gas_potential_rises_past_empty():
    """The Li0 end is a lattice gas, U_h = 2.30 + kT ln(0.02 / x): it reaches the 3.0 V cut-off
    at x ~ 1e-12, far below the solver's tolerance on x. Below 1e-12 of the window it is continued
    linearly (with its slope at 1e-6 of the window), so a content stepped past 0 still meets a
    rising potential: with a flat cap the last cell ran to -1.2e-4 (LMS) and -2.5e-3 (S-LMS) at the
    end of a charge."""
    T = 343.15
    kT = R * T / F
    x = np.array([2e-3, 2e-14, 1e-14, 0.0, -1e-9])
    U = th.evaluate(th.homogeneous_ocp, HOST, x, T)
    assert U[0] == pytest.approx(2.30 + kT * np.log(10), abs=1e-9)
    assert U[1] == pytest.approx(2.30 + kT * np.log(1e12), abs=1e-9)  # the continuation starts at 1e-12 of 0.02
    assert np.all(np.diff(U) > 0)
    assert U[4] - U[3] == pytest.approx(kT * 1e-9 / 2e-8, rel=1e-6)  # slope kT / (1e-6 x 0.02) per Li


def test_content_slope_is_floored_far_below_any_state():
    """The multi-phase host's content rate is rate / (dx/dy), x = e ln(1 + exp(y / e)). dx/dy = exp(y / e) / (1 +
    exp(y / e)) underflowed to 0 below y = -0.745 and the rate was NaN at IDA's corrector iterates there (LMS at 1C
    with sensitivities: y = -1.5 .. -18.7 at 3060 s, which IDAS kept). It is floored at exp(-50): finite and positive
    for every y, and unchanged where the host has states (x >= 2e-14, y >= -0.0246: the Li0 lattice gas's linear
    continuation starts there) down to y = -0.05, where the floor starts."""
    from pybamm_aea.models.submodels.host_phase_field import CathodeCahnHilliard as CH

    e = CH.LOG_BELOW
    y = np.array([-18.7, -1.5, -0.745, -0.06, -0.045, -0.0246, 0.0, 4.0])
    slope = np.asarray(CH.content_slope(pybamm.Vector(y)).evaluate()).ravel()
    x = np.asarray(CH.content(pybamm.Vector(y)).evaluate()).ravel()
    assert np.all(slope > 0) and np.all(np.isfinite(slope))
    assert slope[:4] == pytest.approx(np.exp(-50), rel=1e-12, abs=0)  # the floor
    assert slope[4:] == pytest.approx(1 / (1 + np.exp(-y[4:] / e)), rel=1e-12, abs=0)  # the exact dx/dy above it
    assert x[5] == pytest.approx(e * np.exp(-24.6), rel=1e-4, abs=0)  # 2.1e-14 Li


def test_the_ocps_entropy_is_only_the_lattice_gas_term():
    """docs/known_limits.rst, "Temperature: the OCPs' entropy and the heat": the Mo6S8 plateaus, loop and interior
    windows do not move with T (dU/dT = 0 by assumption), the Li0 lattice gas and LixTiS2 carry (R / F) ln(...), the
    lever-rule branches no T at all. An entropic term added to an OCP must change that text."""
    from pybamm_aea.constants import F, R
    from pybamm_aea.parameters import Li2021_TiS2

    x = np.array([0.5, 1.0, 2.0, 3.0, 3.99])
    cold, hot = (th.evaluate(th.homogeneous_ocp, Li2021_Mo6S8.MO6S8_HOST, x, T) for T in (298.15, 343.15))
    np.testing.assert_allclose(cold, [2.2573, 2.1676, 2.065, 2.05, 1.5175], atol=5e-5)
    np.testing.assert_allclose(hot, cold, rtol=0, atol=1e-12)
    dT = 45.0
    lattice_gas = np.diff([th.evaluate(th.homogeneous_ocp, Li2021_Mo6S8.MO6S8_HOST, [0.005], T)[0]
                           for T in (298.15, 343.15)])[0] / dT
    assert lattice_gas == pytest.approx(R / F * np.log(0.02 / 0.005), rel=1e-9)  # +0.12 mV/K

    def value(function, x, T):
        return float(function(pybamm.Scalar(x), pybamm.Scalar(T)).evaluate())

    for x_ in (0.25, 0.5, 0.95):
        slope = (value(Li2021_TiS2.tis2_ocp, x_, 343.15) - value(Li2021_TiS2.tis2_ocp, x_, 298.15)) / dT
        assert slope == pytest.approx(R / F * np.log((1 - x_) / x_), abs=1e-12)
    for branch in (Li2021_Mo6S8.mo6s8_lithiation_ocp, Li2021_Mo6S8.mo6s8_delithiation_ocp):
        assert value(branch, 2.0, 298.15) == value(branch, 2.0, 343.15)


def test_gradient_energy_crosses_the_swollen_layer():
    """The multi-phase host's chemical potential U = U_h(x) + kappa / (L0 lambda)^2 d2x/dxi2 per host amount on the
    material coordinate (session 46: the gradient energy of the layer as it is, -kappa L0^-2 d/dxi(lambda^-2 dx/dxi)).
    Read from the model's own residual of U, at one non-uniform Li profile and a uniform stretch lambda = 1, 1.1, 1.3
    (a state of the discretised S-LMS model, nothing solved): the residual's change from lambda = 1 goes exactly as
    lambda^-2 - 1, the gradient term being the only one of U's equation that reads the stretch. On the as-made length
    (no lambda^-2) it did not change at all; a lambda^-1 would give 2.538 in place of 2.352 for the ratio below.
    S-LMS, whose Li2S overfills the pores: on LMS the stretch cannot leave 1, and since session 48 its host's
    transport reads the constant 1 (``ConstrainedSwelling.stretch_can_move``; LMS was this test's set before)."""
    import casadi  # noqa: F401  (PyBaMM's residual function is CasADi's)

    sim = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("Li2021_S_Mo6S8"),
                            experiment=pybamm.Experiment(["Discharge at 0.1C until 1.0 V"]))
    sim.build_for_experiment()
    model = next(iter(sim.experiment_unique_steps_to_model.values()))
    AEA().default_solver.set_up(model, inputs={})
    by_name = {v.name: s for v, (s,) in model.y_slices.items()}
    y = model.concatenated_initial_conditions.evaluate(0).ravel().copy()
    li, stretch = by_name["Cathode Li content variable"], by_name["Cathode local stretch"]
    U = by_name["Cathode host OCP [V]"]
    # a Li profile with curvature, x = 1.5 + 0.5 sin (the content variable is x / x_max there, x_max = 4)
    y[li] = (1.5 + 0.5 * np.sin(np.linspace(0, 3, li.stop - li.start))) / 4
    scale = 1e-2  # the stretch's state is (lambda - 1) / 1e-2 (volume.py's STRETCH_SCALE)
    residual = {}
    for lam in (1.0, 1.1, 1.3):
        y[stretch] = (lam - 1) / scale
        residual[lam] = model.rhs_algebraic_eval(0.0, y, np.array([])).full().ravel()[U]
    change = {lam: residual[lam] - residual[1.0] for lam in (1.1, 1.3)}
    assert np.abs(change[1.3]).max() > 1e-3 * np.abs(residual[1.0]).max()  # the stretch is read
    big = np.abs(change[1.1]) > 1e-3 * np.abs(change[1.1]).max()
    expected = (1.3**-2 - 1) / (1.1**-2 - 1)  # 2.352
    np.testing.assert_allclose(change[1.3][big] / change[1.1][big], expected, rtol=1e-9)


@pytest.mark.prediction
def test_the_multi_phase_hosts_cv_hold_is_blocked_by_its_li0_layer_the_lever_rules_is_not():
    """LMS, 0.5C CCCV 1.8-2.8 V, hold at 2.8 V to C/20, "persistent Li0" (session 55's trial, docs/known_limits.rst
    "The CV hold at the upper cut-off"). At the charge's end the multi-phase host's surface is a Li0 layer (11.1 % of
    the cathode, surface Li content 3e-4): a hold blocked by it can give at most the Li that layer holds, its Li0
    fraction x the binodal content ("Li0 phase binodal Li content" 0.02) x the charge per unit Li content (nominal
    capacity / x_max), 3.0e-4 C. The multi-phase hold passed 6.0e-7 C in 0.018 s; the lever rule's, whose Li0 film
    (0.95 nm) draws Li from its Li1 bulk through a film resistance, 1.06e-3 C in 58 s, 3.5 times that bound."""
    cycle = ("Discharge at 0.5C until 1.8 V", "Rest for 5 minutes", "Charge at 0.5C until 2.8 V",
             "Hold at 2.8 V until C/20")
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    per_x = values["Nominal cell capacity [A.h]"] * 3600 / values["Cathode maximum Li content"]  # [C per unit x]
    passed, bound = {}, {}
    for host in ("multi-phase", "lever rule"):
        sol = pybamm.Simulation(AEA({"host thermodynamics": host, "ionic-switch host loss": "persistent Li0"}),
                                parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                                experiment=pybamm.Experiment([cycle])).solve()
        hold = sol.cycles[0].steps[3]
        passed[host] = float(np.trapezoid(np.abs(hold["Current [A]"].entries), hold.t))
        bound[host] = (float(hold["Average cathode Li0 phase fraction"].entries[0])
                       * values["Li0 phase binodal Li content"] * per_x)
    assert bound["multi-phase"] == pytest.approx(3.0e-4, rel=0.05)
    assert passed["multi-phase"] < 1e-2 * bound["multi-phase"], (passed, bound)
    assert passed["lever rule"] > bound["multi-phase"], (passed, bound)
