"""Hybrid AEA cathodes (S8 or Li4Ti5O12 in a Mo6S8 network) against Li et al. 2021.

Tolerances: 5 % on the paper's electrode-level figures (issue 5), as stated per test.
"""
import numpy as np
import pybamm
import pytest

from pybamm_aea import readout
from pybamm_aea.constants import F, M_LI
from pybamm_aea.energy import Electrode, get_material
from pybamm_aea.energy.paper import PAPER_CELL, SLMS_COMPOSITION
from pybamm_aea.models.aea import AEA
from pybamm_aea.parameters.paper_cell import LI_IN_PLATEAU

pytestmark = pytest.mark.slow  # cycle-life and hybrid simulations: the whole module

S_LMS = SLMS_COMPOSITION


def run(parameter_set, steps, options=None, updates=None):
    values = pybamm.ParameterValues(parameter_set)
    if updates:
        values.update(updates)
    sim = pybamm.Simulation(AEA(options), parameter_values=values, experiment=pybamm.Experiment(steps))
    return sim.solve()


def steps_of(solution):
    return [s for c in solution.cycles for s in c.steps]


def cycles(n, low=1.0, high=3.0, rate="0.1C"):
    out = []
    for _ in range(n):
        out += [f"Discharge at {rate} until {low} V", f"Charge at {rate} until {high} V"]
    return out


def discharge_curve(step):
    """Capacity [mAh] passed and voltage [V] of one discharge step."""
    Q = step["Discharge capacity [A.h]"].entries * 1e3
    return Q - Q[0], step["Voltage [V]"].entries


@pytest.fixture(scope="module")
def s_lms():
    return steps_of(run("Li2021_S_Mo6S8", cycles(3)))


def sulfur_capacity(step):
    """mA.h per g of S8 the dispersed sulfur took up in one step."""
    mass_g = step["Cathode electrode mass [g]"].entries[0]
    z = step["Average dispersed material lithiation"].entries
    q_D = step["Dispersed material capacity [A.h]"].entries[0] * 1e3
    return (z[-1] - z[0]) * q_D / (S_LMS["S8"] * mass_g)


@pytest.mark.fit
def test_s_lms_sulfur_utilisation_is_the_fit(s_lms, readme_figure):
    """The Li2S product-layer diffusivity is fitted to 1290 of 1675 mA.h/g of S (0.1C, 70 C); the README's figure
    (its table of what the model reproduces), read from it to its stated digits: a solver build that moves it fails.
    Measured 1292.80 with 3.4e-23 m2/s (2026-12-05, refitted with the host's transport across the swollen layer; 1302.7
    with 3.3e-23 on the as-made layer)."""
    assert sulfur_capacity(s_lms[4]) == pytest.approx(1290, rel=0.02)
    assert sulfur_capacity(s_lms[4]) == readme_figure("| 1290 mAh/g of S | {} on the 3rd discharge").approx()


@pytest.mark.prediction
def test_s_lms_esc_after_three_cycles(s_lms):
    """483 mA.h/g of electrode and 0.8 mA.h/cm2 (paper): the host's share comes on top of the fit."""
    third = s_lms[4]
    mass_g = third["Cathode electrode mass [g]"].entries[0]
    Q, V = discharge_curve(third)
    assert Q[-1] / mass_g == pytest.approx(483, rel=0.10)
    assert Q[-1] / PAPER_CELL["area_cm2"] == pytest.approx(0.8, rel=0.10)
    # the host delivers about its 94 mA.h/g besides the sulfur (physics notes)
    host = (Q[-1] / mass_g - S_LMS["S8"] * sulfur_capacity(third)) / S_LMS["Mo6S8"]
    assert host == pytest.approx(94, rel=0.10)


@pytest.mark.prediction
def test_s_lms_electrode_energy_on_both_bases(s_lms, readme_figure):
    """Paper: 905.5 Wh/kg charged basis, 777 discharged basis (1.87 V mean).

    Known miss (README, Known limits): the shrinking core fitted to the utilisation draws the last
    of the sulfur below 1.8 V: a mean discharge voltage of 1.83 V against 1.87 (898 Wh/kg against
    905.5 on the multi-phase host, 2026-12-01); asserted at 8 %.
    """
    third = s_lms[4]
    mass_g = third["Cathode electrode mass [g]"].entries[0]
    Q, V = discharge_curve(third)
    practical = Electrode(S_LMS, porosity=0.082).from_curve(Q, V, mass_g)
    assert practical.charged.gravimetric == pytest.approx(905.5, rel=0.08)
    assert practical.discharged.gravimetric == pytest.approx(777, rel=0.08)
    assert np.trapezoid(V, Q) / Q[-1] == pytest.approx(1.87, abs=0.13)
    # the README's figures on the paper's full-lithiation basis, read from it to their stated digits
    assert practical.discharged.gravimetric == readme_figure("{} / {_} on the paper's full-lithiation basis").approx()
    assert practical.discharged.volumetric == readme_figure("{_} / {} on the paper's full-lithiation basis").approx()
    # the model's own electrode-level energy agrees with the energy model's (charged basis)
    E = third["Discharge energy [W.h]"].entries
    assert (E[-1] - E[0]) * 1e3 / mass_g == pytest.approx(practical.charged.gravimetric, rel=5e-3)


@pytest.mark.prediction
def test_s_lms_discharged_basis_on_the_model_electrode(s_lms, readme_figure):
    """Paper: 777 Wh/kg on the discharged basis (its full-lithiation mass, 905.5 / 1.165). The model
    divides by the discharged electrode it computes: the as-made mass plus the Li it holds at the end
    of the discharge (788.74 Wh/kg, 2223.1 Wh/L by readout.delivered, 2026-12-05, session 46, the host's transport
    across the swollen layer; 794.18 / 2236.3 on the as-made layer, 793 / 2234 from the energy state before; mass x 1.131, below full lithiation's 1.165 because 23 % of the S
    and the host's last Li stay unused, above 1 + Li taken up because the charge ends at Li1).
    Catches: the Li mass counted with a wrong sign or unit, or the charged mass used (898)."""
    third = s_lms[4]
    mass_c, _ = readout.electrode_mass_volume(third)
    mass_d, volume_d = readout.electrode_mass_volume(third, basis="end of discharge")
    Q = third["Discharge capacity [A.h]"].entries
    energy = readout.delivered(third)[1]  # W.h: what the discharge delivered, as every reading of it
    assert energy * 1e3 / mass_d == pytest.approx(777, rel=0.05)
    # the mass gained over the discharge is the Li the current brought in
    gain = mass_d - third[readout.MASS_NOW].entries[0]
    assert gain == pytest.approx((Q[-1] - Q[0]) * 3600 / F * M_LI * 1e3, rel=1e-6)
    # the discharged volume is the swollen electrode's (Li2S and Li4Mo6S8 overfill the 8.2 % pores: 1.23)
    assert volume_d > 1.1 * third[readout.VOLUME].entries[0]
    # the README's figures (Wh/kg, Wh/L, the mass and volume factors), read from it to their stated digits
    assert energy * 1e3 / mass_d == readme_figure("| {} Wh/kg, {_} Wh/L on the model's electrode").approx()
    assert energy / volume_d == readme_figure("| {_} Wh/kg, {} Wh/L on the model's electrode").approx()
    assert mass_d / mass_c == readme_figure("(mass x {} with the Li it holds").approx()
    assert volume_d / third[readout.VOLUME].entries[0] == readme_figure(
        "volume x {} swollen; {_} / {_} on the lever rule").approx()


def test_s_lms_sulfur_and_host_react_together(s_lms, readme_figure):
    """Half-way through the first discharge the S is > 0.2 lithiated while the host is at Li1.5-3.5 (the README's
    0.36 and Li2.6, read from it to its stated digits; Li2.60 since session 47's swollen-layer transport, Li2.7 before).

    S8/Li2S (2.10 V) sits above the host's 2.05 V plateau, so at equilibrium the sulfur reacts
    alongside the host (the paper: "simultaneously"), not after it.
    """
    first = s_lms[0]
    Q, _ = discharge_curve(first)
    half = np.searchsorted(Q, Q[-1] / 2)
    assert first["Average dispersed material lithiation"].entries[half] > 0.2
    assert 1.5 < first["Average cathode Li content"].entries[half] < 3.5
    assert first["Average dispersed material lithiation"].entries[half] == readme_figure(
        "half-way through the first discharge S is {} lithiated, LMS at Li{_}").approx()
    assert first["Average cathode Li content"].entries[half] == readme_figure(
        "half-way through the first discharge S is {_} lithiated, LMS at Li{}").approx()
    # and not before the host leaves its 2.3 V Li0 -> Li1 plateau (S8 is stable above 2.10 V): at
    # x = 0.5 a dilute Li2S only, the fraction U_D's ideality term allows at the Li1 cells'
    # potential (measured 0.012; 0.0096 with linear Li1 windows), ten times below half-way
    x = first["Average cathode Li content"].entries
    assert first["Average dispersed material lithiation"].entries[np.searchsorted(x, 0.5)] < 0.02


@pytest.fixture(scope="module")
def s_lms_lever_rule():
    return steps_of(run("Li2021_S_Mo6S8", cycles(3), options={"host thermodynamics": "lever rule"}))


@pytest.mark.prediction
def test_the_readmes_lever_rule_hybrid_figures(s_lms_lever_rule, readme_figure):
    """The README's lever-rule figures of the hybrids (its table of what the model reproduces), read from it to
    their stated digits: S-LMS after three 0.1C cycles (1-3 V, 70 C) ESC, mA.h/cm2, sulfur utilisation, mean
    discharge voltage, energy on the model's end-of-discharge electrode; LTO-LMS's 2nd discharge. Measured
    2026-12-05, session 46, the host's transport across the swollen layer: 472.30, 0.782, 1253.3, 1.8321, 764.64 / 2154.3;
    before it 481.87, 0.798, 1282.6 (the README said 1276), 1.8360, 781.39 / 2200.0 Wh/kg / Wh/L by readout.delivered (780 / 2198);
    128.31 (0.6 s and 0.4 s of solve). Catches a change of the reduced
    host that moves what the README says of it."""
    third = s_lms_lever_rule[4]
    mass_g = third["Cathode electrode mass [g]"].entries[0]
    Q, V = discharge_curve(third)
    assert Q[-1] / mass_g == readme_figure("the host's 67 mAh/g and the electrode's mass; the main job's row; "
                                           "{} and {_} on the lever rule").approx()
    assert Q[-1] / PAPER_CELL["area_cm2"] == readme_figure("the main job's row; {_} and {} on the lever rule").approx()
    assert sulfur_capacity(third) == readme_figure("10 nm domains; {} on the lever rule, 2026").approx()
    assert np.trapezoid(V, Q) / Q[-1] == readme_figure("1.83 V (prediction; {} V on the lever rule)").approx()
    mass_d, volume_d = readout.electrode_mass_volume(third, basis="end of discharge")
    energy = readout.delivered(third)[1]  # W.h, as every reading of a discharge
    assert energy * 1e3 / mass_d == readme_figure("volume x {_} swollen; {} / {_} on the lever rule").approx()
    assert energy / volume_d == readme_figure("volume x {_} swollen; {_} / {} on the lever rule").approx()
    lto = steps_of(run("Li2021_LTO_Mo6S8", cycles(2), options={"host thermodynamics": "lever rule"}))[2]
    Q, _ = discharge_curve(lto)
    assert Q[-1] / lto["Cathode electrode mass [g]"].entries[0] == readme_figure(
        "mAh/g on the 2nd discharge ({} on the lever rule)").approx()


@pytest.mark.prediction
def test_s_lms_pores_fill_early_in_the_first_discharge(s_lms, readme_figure):
    """S8 -> Li2S and Li4Mo6S8 overfill the 8.2 % pores within the first third of the first discharge, then the
    electrode thickens: the README's porosities at 10 / 20 / 30 % of that discharge (measured 2026-12-05: 0.0531,
    0.0200, 0.00099, the model's porosity floor), read from it to their stated digits. No solve of its own."""
    first = s_lms[0]
    Q, _ = discharge_curve(first)
    eps = first["Average cathode porosity"].entries

    def at(fraction):
        return eps[np.searchsorted(Q, fraction * Q[-1])]

    assert at(0.1) == readme_figure("(porosity {} at 10 %, {_} at 20 %, its {_} floor from 30 %)").approx()
    assert at(0.2) == readme_figure("(porosity {_} at 10 %, {} at 20 %, its {_} floor from 30 %)").approx()
    assert at(0.3) == readme_figure("(porosity {_} at 10 %, {_} at 20 %, its {} floor from 30 %)").approx()


@pytest.mark.prediction
def test_domain_size_sets_the_utilisation(readme_figure):
    """Twice the domain radius lowers the utilisation (shell transport ~ R^2 / D); half raises it. Measured 1621.4 /
    1293.0 / 622.7 mA.h/g of S at 5 / 10 / 20 nm (2026-12-05, session 46; 1634 / 1303 / 617 on the as-made layer;
    1621.6 at 5 nm on session 60's processor: the README's figures across processors)."""
    out = {}
    for radius in (5e-9, 10e-9, 20e-9):
        step = steps_of(
            run("Li2021_S_Mo6S8", ["Discharge at 0.1C until 1.0 V"], updates={"Dispersed material domain radius [m]": radius})
        )[0]
        out[radius] = sulfur_capacity(step)
    assert out[20e-9] < 0.8 * out[10e-9] < 0.8 * out[5e-9]
    assert out[5e-9] < 1675
    # the README's figures, read from it to their stated digits
    assert out[5e-9] == readme_figure("first discharge {} / {_} / {_} mAh/g at 5 / 10 / 20 nm").approx(across_processors=True)
    assert out[10e-9] == readme_figure("first discharge {_} / {} / {_} mAh/g at 5 / 10 / 20 nm").approx(across_processors=True)
    assert out[20e-9] == readme_figure("first discharge {_} / {_} / {} mAh/g at 5 / 10 / 20 nm").approx(across_processors=True)


def test_s_lms_rate_law_is_smooth_through_equilibrium(s_lms):
    """The first discharge (S in equilibrium with the host on its Li0/Li1 plateau for ~20 min) takes
    a few hundred solver steps, not tens of thousands. Catches: the sulfur rate law switching between
    its lithiation and delithiation area factors at Phi = 0 (61,840 steps, 20 s on 2 shared cores)."""
    assert len(s_lms[0].t) < 5000


def test_s_lms_charge_reoxidises_the_sulfur(s_lms):
    """The charge ends on the ionic switch with the sulfur re-oxidised (paper, Fig. 4f and 3c: "Li1
    is retained to a large extent", "a trace of Li0 phase remaining").

    On the multi-phase host the switch is the Li0 phase nucleated at the separator interface; the
    bulk behind it is left as Li1, supersaturated with vacancies (x ~ 0.92-0.94: metastable, inside
    the Li0/Li1 loop but short of its 2.45 V spinodal peak), so the electrode average is below 1
    (0.90) while > 90 % of the host is Li1 (the issue's must-show for the LMS cell, which the S-LMS
    network, the same host, obeys too). The old lever-rule check (average x = 1.0 +/- 0.1) read a
    Li1 line compound; the phase fractions now say it. Catches: no switch (the bulk emptied to
    Li0: Li1 fraction < 0.9), a charge stopped early on the lower plateau (Li3 left), Li0 in the
    bulk instead of at the interface, or sulfur left lithiated under the 2.45 V switch.
    """
    from pybamm_aea.parameters.Li2021_Mo6S8 import MO6S8_HOST

    charge = s_lms[1]
    li0, li1 = MO6S8_HOST.phases[0], MO6S8_HOST.phases[1]
    assert charge["Average cathode Li1 phase fraction"].entries[-1] > 0.9
    assert charge["Average cathode Li3 phase fraction"].entries[-1] + charge["Average cathode Li4 phase fraction"].entries[-1] < 1e-3
    # Li0 at the interface (a layer, tens of nm or more, not a monolayer), Li1 at the collector
    assert charge["Cathode surface Li content"].entries[-1] < li0.hi
    f0 = charge["Cathode Li0 phase fraction"].entries[:, -1]
    # the layer sits at the separator (resolved over the last two cells of 20); the collector's
    # metastable Li1 reads as < 10 % Li0 on the binodal lever rule
    assert f0[-1] > 0.5 > 0.1 > f0[0]
    assert charge["Cathode Li content"].entries[0, -1] > li1.lo - 0.1
    assert 1e-8 < charge["Li0 film thickness [m]"].entries[-1] < 0.1 * charge["Cathode thickness [m]"].entries[-1]
    assert charge["Average dispersed material lithiation"].entries[-1] < 0.02


@pytest.fixture(scope="module")
def heavier_s_lms():
    """S-LMS with 1.5x the sulfur (48.75 wt% S8, the C-rate's basis rescaled) at 60 C, 20 cells: 0.1C to 1 V, 30 min
    rest, 0.1C to 3 V, 30 min rest (a flat step list: each step a cycle of its own)."""
    from pybamm_aea.models.submodels import xi
    from pybamm_aea.sweep.config import rescaled_nominal

    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    f0 = values["Dispersed material mass fraction"]
    nominal = rescaled_nominal("Li2021_S_Mo6S8", values["Nominal cell capacity [A.h]"], fraction0=f0, fraction=1.5 * f0)
    values.update({"Dispersed material mass fraction": 1.5 * f0, "Nominal cell capacity [A.h]": nominal,
                   "Ambient temperature [K]": 333.15})
    steps = ["Discharge at 0.1C until 1 V", "Rest for 30 minutes", "Charge at 0.1C until 3 V", "Rest for 30 minutes"]
    return pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment(steps),
                             var_pts={xi: 20}).solve()


def test_heavier_s_lms_charge_ends_on_the_host_with_sulfur_left_lithiated(heavier_s_lms):
    """docs/known_limits.rst, "Hybrids charged to 3 V: sulfur left lithiated": S-LMS with 1.5x the sulfur (48.75 wt%
    S8, the C-rate's basis rescaled) at 60 C, 0.1C to 1 V, 30 min rest, 0.1C to 3 V (a user trial of session 41):
    the charge ends with 0.271 of the sulfur lithiated (session 46, the host's transport across the swollen layer;
    0.295 on the as-made layer, session 41's measurement of the model, the band's first centre: the paper has no such
    cell, so the band, +/- 0.015, is the model's own figure, re-pinned by measurement), by the host's Li transport (diffusion overpotential -0.64 V,
    the separator face emptied into Li0) while the collector half's host sits on the sulfur's 2.20 V plateau in
    equilibrium with it; the rest relaxes to the sulfur's 2.22 V. The documented numbers, within bands."""
    charge, rest = steps_of(heavier_s_lms)[2:4]
    assert charge["Voltage [V]"].entries[-1] == pytest.approx(3.0, abs=1e-3)
    assert 0.256 < charge["Average dispersed material lithiation"].entries[-1] < 0.286
    diffusion = charge["Cathode diffusion overpotential [V]"].entries[-1]
    assert diffusion < -0.55 and abs(charge["Cathode interface overpotential [V]"].entries[-1]) < 0.2
    assert charge["Cathode surface Li content"].entries[-1] < 1e-3  # the separator face in Li0
    host, sulfur = charge["Cathode host OCP [V]"].entries[0, -1], charge["Dispersed material OCP [V]"].entries[0, -1]
    assert abs(host - 2.20) < 5e-3 and abs(host - sulfur) < 5e-3  # the collector side: host and sulfur in equilibrium
    assert charge["Dispersed material lithiation"].entries[0, -1] > 0.4
    assert rest["Voltage [V]"].entries[-1] == pytest.approx(2.224, abs=0.01)


def test_cycle_summary_reads_and_warns_of_the_sulfur_the_heavier_s_lms_charge_left(heavier_s_lms):
    """The same run: the 0.271 (0.295 before session 47's swollen-layer transport) a modeller read from the charge step's last "Average dispersed material lithiation"
    is cycle_summary's "Dispersed material lithiation at end of charge" (cycle 3, the charge; NaN for the discharge
    and the rests), with a StrandedDispersedMaterialWarning naming the cycle, the fraction and the slower charge;
    a charge whose time series was not kept reads its last state (the charge's end) alike."""
    import copy

    from pybamm_aea.cycling import LITHIATION_AFTER_CHARGE, StrandedDispersedMaterialWarning, cycle_summary

    charge = steps_of(heavier_s_lms)[2]
    z = charge["Average dispersed material lithiation"].entries[-1]
    with pytest.warns(StrandedDispersedMaterialWarning,
                      match=rf"cycle 3 left the dispersed material up to {z:.3g} lithiated \(cycle 3; above 0.1 .*"
                            r"A slower charge empties it"):
        table = cycle_summary(heavier_s_lms, reference_cycle=1)
    column = table[LITHIATION_AFTER_CHARGE]
    assert 0.256 < column[3] < 0.286 and column[3] == pytest.approx(z, abs=1e-12)
    assert column[[1, 2, 4]].isna().all()
    unsaved = copy.copy(heavier_s_lms)  # the charge's cycle as save_at_cycles leaves it: its two states only
    unsaved.cycles = [None if k == 2 else c for k, c in enumerate(heavier_s_lms.cycles)]
    with pytest.warns(StrandedDispersedMaterialWarning):
        states = cycle_summary(unsaved, reference_cycle=1)
    assert not states.loc[3, "Time series saved"]
    assert states.loc[3, LITHIATION_AFTER_CHARGE] == pytest.approx(z, abs=1e-9)


def test_s_lms_on_li_in_same_capacity_lower_voltage():
    li = steps_of(run("Li2021_S_Mo6S8", cycles(1, 1.0, 3.0) + ["Discharge at 0.1C until 1.0 V"]))[2]
    li_in = steps_of(
        run("Li2021_S_Mo6S8", cycles(1, 0.4, 2.4) + ["Discharge at 0.1C until 0.4 V"], options={"anode": "Li-In"})
    )[2]
    Q1, V1 = discharge_curve(li)
    Q2, V2 = discharge_curve(li_in)
    assert Q2[-1] == pytest.approx(Q1[-1], rel=0.03)
    q = 0.5 * Q1[-1]
    assert np.interp(q, Q1, V1) - np.interp(q, Q2, V2) == pytest.approx(LI_IN_PLATEAU, abs=0.01)


def test_lto_lms_esc_plateau_and_zero_strain(s_lms, readme_figure):
    steps = steps_of(run("Li2021_LTO_Mo6S8", cycles(2)))
    second = steps[2]
    mass_g = second["Cathode electrode mass [g]"].entries[0]
    Q, V = discharge_curve(second)
    assert Q[-1] / mass_g == pytest.approx(130, rel=0.10)
    # the README's figure, read from it to its stated digits
    assert Q[-1] / mass_g == readme_figure("| {} mAh/g on the 2nd discharge ({_} on the lever rule)").approx()
    # the Li4Ti5O12 plateau: a large share of the capacity comes at 1.45-1.6 V
    Qg = np.linspace(0, Q[-1], 400)
    Vg = np.interp(Qg, Q, V)
    assert np.mean((Vg > 1.45) & (Vg < 1.6)) > 0.3
    assert second["Average dispersed material lithiation"].entries[-1] > 0.95
    # zero strain: the electrode does not thicken (its 11 % pores take the host's swelling),
    # while S-LMS, with S8 -> Li2S, thickens by > 15 %
    assert second["Cathode thickness change [%]"].entries.max() < 0.1
    assert second["Cathode thickness change [%]"].entries.max() == readme_figure(
        "thickness change {} % (Li7Ti5O12 zero strain").approx()
    assert s_lms[0]["Cathode thickness change [%]"].entries.max() > 15
    assert s_lms[0]["Cathode thickness change [%]"].entries.max() == readme_figure(
        "then +{} % thickness (molar volumes)").approx()


def test_removing_the_lms_network_loses_the_sulfur():
    """With the host's Li mobility x 1e-6 (every phase: the multi-phase host's transport reads the
    log-mobility, not the lever rule's diffusivity) the sulfur in the bulk is out of reach."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    log_B = values["Cathode Li log-mobility"]
    normal = steps_of(run("Li2021_S_Mo6S8", ["Discharge at 0.1C until 1.0 V"]))[0]
    blocked = steps_of(
        run(
            "Li2021_S_Mo6S8",
            ["Discharge at 0.1C until 1.0 V"],
            updates={"Cathode Li log-mobility": lambda x, T: log_B(x, T) + np.log(1e-6)},
        )
    )[0]
    z_normal = normal["Average dispersed material lithiation"].entries[-1]
    z_blocked = blocked["Average dispersed material lithiation"].entries[-1]
    assert z_normal > 0.7
    assert z_blocked < 0.2
    q_n = discharge_curve(normal)[0][-1]
    q_b = discharge_curve(blocked)[0][-1]
    assert q_b < 0.3 * q_n


def test_hybrid_lithium_is_conserved():
    sol = run("Li2021_S_Mo6S8", cycles(1))
    n = sol["Total lithium in cathode [mol]"].entries
    Q = sol["Discharge capacity [A.h]"].entries
    # exact up to round-off: the boundary flux is imposed on the scheme's own edge value
    passed = Q * 3600 / F
    np.testing.assert_allclose(n - n[0], passed, atol=1e-5 * np.max(np.abs(passed)))
    host = sol["Total lithium in cathode host [mol]"].entries
    disp = sol["Total lithium in dispersed material [mol]"].entries
    np.testing.assert_allclose(host + disp, n, rtol=1e-12)


def test_s8_mass_fraction_is_an_input():
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    values.update({"Dispersed material mass fraction": "[input]"})
    sim = pybamm.Simulation(AEA(), parameter_values=values)
    caps = [
        sim.solve([0, 10], inputs={"Dispersed material mass fraction": w})["Cathode capacity [A.h]"].entries[0]
        for w in (0.2, 0.4)
    ]
    assert caps[1] > caps[0]


def test_dispersed_material_parameters_pickle():
    """Every dispersed-material parameter function is module-level (process pools pickle the set).

    (The whole S-LMS set pickles once the Mo6S8 host set's functions are module-level too.)
    """
    import pickle

    from pybamm_aea.parameters import dispersed_materials

    for make in (dispersed_materials.sulfur, dispersed_materials.lithium_titanate, dispersed_materials.none):
        values = make()
        again = pickle.loads(pickle.dumps(values))
        key = "Dispersed material product-layer Li diffusivity [m2.s-1]"
        assert again[key](343.15) == values[key](343.15)


def test_s_lms_charge_without_hysteresis_stops_on_the_lever_rule_film(s_lms, readme_figure):
    """Lever-rule host, S-LMS, 0.1C to 1 V and back to 3 V: with "hysteresis": "none" (the mean of the host's
    two OCP branches) the charge returns 0.269 of the 0.661 mA.h discharged, against 0.614 with the one-state
    hysteresis (0.634 on the multi-phase host; measured 2026-12-05, session 46, the host's transport across the swollen
    layer: 0.2692, 0.6609 / 0.6608, 0.6140, 0.6337, the sulfur left 0.381 / 0.014 lithiated; 0.3173, 0.6636 / 0.6639,
    0.6264, 0.6379 and 0.34 / 0.007 on the as-made layer; the
    README stated 0.315, 0.661 and 0.624 of 2026-12-02 under a 0.005 tolerance of this test's own until session 40).
    Why (docs/known_limits.rst, "The lever-rule host without hysteresis"): the sulfur (S/Li2S 2.20 V) is
    re-oxidised by the host at ~2.20-2.22 V, which the branches' Li0/Li1 step (centred on x = 1, width 0.05)
    reaches at x_s = 1.018-1.025 on the charge branch (step mid-point 2.281 V) but at 1.004-1.011 on the mean
    branch (2.231 V), within reach of the Li0 film's onset (x = 1, growth weight (1 + tanh((0.98 - x_s) /
    0.005)) / 2: 6e-8 against 2e-5 at 2.21 V). The film grows ~300x faster, its ohmic drop takes the charge to
    3 V with the sulfur still 0.38 lithiated (0.014 with hysteresis). Pins the mechanism: a change to the
    film onset or the branches shows here."""
    out = {}
    for name, options in (("one-state", {}), ("none", {"hysteresis": "none"})):
        sol = run("Li2021_S_Mo6S8", ["Discharge at 0.1C until 1.0 V", "Charge at 0.1C until 3.0 V"],
                  options={"host thermodynamics": "lever rule", **options})
        charge = steps_of(sol)[1]
        Q = charge["Discharge capacity [A.h]"].entries * 1e3
        out[name] = (abs(Q[-1] - Q[0]), np.mean(charge["Dispersed material lithiation"].entries[..., -1]),
                     float(charge["Li0 film overpotential [V]"].entries[-1]),
                     np.ptp(steps_of(sol)[0]["Discharge capacity [A.h]"].entries) * 1e3)
    print("S-LMS lever rule, 0.1C 1-3 V: (charge, sulfur lithiation, film overpotential, discharge)", out,
          "multi-phase charge", np.ptp(s_lms[1]["Discharge capacity [A.h]"].entries) * 1e3)
    # the README's figures (known limits), read from it to their stated digits [mA.h]
    assert out["none"][0] == readme_figure("returns {} of the {_} mA.h discharged").approx()
    for name in out:
        assert out[name][3] == readme_figure("returns {_} of the {} mA.h discharged").approx(), name
    assert out["one-state"][0] == readme_figure("against {} with the one-state hysteresis").approx()
    multi_phase_charge = np.ptp(s_lms[1]["Discharge capacity [A.h]"].entries) * 1e3  # the same 0.1C 1-3 V cycle
    assert multi_phase_charge == readme_figure("hysteresis and {} on the multi-phase host").approx()
    assert out["one-state"][1] < 0.02 and out["none"][1] == pytest.approx(0.38, abs=0.02)
    # the charge ends on the film: its ohmic drop is most of the way from the sulfur's 2.2 V to 3 V
    assert out["none"][2] < -0.5


def _lto_lms_esc(fractions, solver_options):
    """First 0.05C discharge to 1 V of LTO-LMS at each Li4Ti5O12 mass fraction (an input; the C-rate basis scaled
    as the sweep scales it): the electrode's specific capacity [mAh/g] and its Faraday capacity (LTO's 175 mAh/g,
    4 Li per Mo6S8)."""
    from pybamm_aea.sweep.config import rescaled_nominal

    values = pybamm.ParameterValues("Li2021_LTO_Mo6S8")
    f0, nominal = values["Dispersed material mass fraction"], values["Nominal cell capacity [A.h]"]
    q_host = 4 * F / 3.6 / values["Cathode host molar mass [kg.mol-1]"] / 1e3
    esc, faraday = [], []
    for f in fractions:
        values.update({"Dispersed material mass fraction": "[input]",
                       "Nominal cell capacity [A.h]": rescaled_nominal("Li2021_LTO_Mo6S8", nominal, fraction0=f0,
                                                                       fraction=f)})
        model = AEA()
        sim = pybamm.Simulation(model, parameter_values=values, solver=model.default_solver_with(**solver_options),
                                experiment=pybamm.Experiment(["Discharge at 0.05C until 1.0 V"]))
        sol = sim.solve(inputs={"Dispersed material mass fraction": f})
        esc.append(sol["Electrode specific capacity [mA.h.g-1]"].entries[-1])
        faraday.append(f * values["Dispersed material specific capacity [A.h.kg-1]"] + (1 - f) * q_host)
    return np.array(esc), np.array(faraday)


#: three Li4Ti5O12 fractions about one the default solver missed (0.436 at 0.05C, 2026-12-04: 0.088 mAh/g above its
#: Faraday capacity, the line's neighbours 0.077-0.079 below theirs)
LTO_FRACTIONS = [0.432, 0.436, 0.440]


@pytest.mark.prediction
def test_lto_lms_capacity_moves_smoothly_with_the_lto_fraction():
    """With the algebraic states in IDA's error test (known limits, 'LTO-LMS driven past full': the remedy) a 1 % move
    of the Li4Ti5O12 fraction moves the full discharge's ESC by its Faraday share only (measured 2026-12-04:
    +0.0926 mAh/g per 0.002 of fraction, 0.08 mAh/g below the Faraday capacity; rtol 1e-6 gives the same to 1e-6
    mAh/g, and rtol 1e-5 the line over 51 fractions 0.30-0.50 at 0.05C and 0.1C). Catches: a step that carries the
    Li4Ti5O12 past full and an electrode above its Faraday capacity (the default solver at 0.436 on 2026-12-04:
    149.043 against its Faraday 148.955 mAh/g; on 2026-12-05 it gives the remedy's 148.8795, 0.078 below, so the
    remedy overridden by the host's default is caught by
    test_solver_tolerance.py::test_default_solver_with_sets_options_over_the_defaults)."""
    esc, faraday = _lto_lms_esc(LTO_FRACTIONS, {"suppress_algebraic_error": False})
    assert np.all(esc < faraday)
    assert np.all(faraday - esc < 0.1)
    assert abs(esc[0] - 2 * esc[1] + esc[2]) < 0.005


@pytest.mark.prediction
def test_lto_lms_end_of_discharge_on_the_default_solver_within_the_stated_bound():
    """The default solver (algebraic states out of IDA's error test) locates the end of the full discharge to about
    +/-0.2 mAh/g, as known limits state: which fractions its steps miss depends on the model's equations and the
    solver build (0.404 missed by 0.28 mAh/g before the ionic current was made zero at the collector, none of
    0.402-0.406 after it; at 0.436 0.17 above the line, 0.088 above the Faraday capacity), so this checks the stated
    bound, not a miss: a strict expected failure on one fraction turned into a failing XPASS with the next model
    change."""
    esc, faraday = _lto_lms_esc(LTO_FRACTIONS, {})
    assert np.all(esc - faraday < 0.2)
    assert abs(esc[0] - 2 * esc[1] + esc[2]) < 0.6
