"""The conventional S-C-LGPS composite cathode (PyBaMM DFN) against the S-LMS AEA cathode in one experiment.

Issue 5, "Comparison in one experiment". The paper (Li et al., Adv. Mater. 2021) gives the S-C-LGPS electrode's
make-up and Table S8 porosity and theoretical Wh/L; the tests check that the DFN is that electrode, that it runs
the S-LMS experiment, and that its practical figures show the dilution and the volumetric penalty Table S8 predicts.
"""
import importlib.util
from pathlib import Path

import numpy as np
import pybamm
import pytest

from pybamm_aea import conventional
from pybamm_aea.cycling import cycle_summary
from pybamm_aea.data import load_paper_table
from pybamm_aea.energy import get_material, paper
from pybamm_aea.parameters import dispersed_materials, paper_cell

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "fig5_s_lms_vs_s_c_lgps.py"
SULFUR = dispersed_materials.sulfur()
W_S = conventional.COMPOSITION["S8"]
#: S8's theoretical capacity [mA.h.g-1], 1675 (the energy model's record, which the sets read)
Q_S8 = get_material("S8").specific_capacity


def _example():
    spec = importlib.util.spec_from_file_location("_example_fig5_s_lms_vs_s_c_lgps", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def example():
    return _example()


@pytest.fixture(scope="module")
def cells(example):
    """S-LMS (AEA) and S-C-LGPS (DFN) through the example's experiment: 3 cycles at 0.1C, 1-3 V, 70 C."""
    return example.compare(variants=False)


def _table_s8(pressure=360):
    return load_paper_table("tableS8_energy_vs_pressure").set_index("pressure_MPa").loc[pressure]


# ------------------------------------------------------------------------------------------- the parameter set
def test_dfn_parameters_are_the_s_c_lgps_electrode():
    values = conventional.s_c_lgps_parameter_values()
    e = conventional.s_c_lgps_electrode()
    vf = e.volume_fractions
    # porosity of Table S8 at 360 MPa, empty
    assert e.porosity == pytest.approx(float(_table_s8()["S_C_LGPS_porosity_percent"]) / 100, abs=1e-9)
    assert e.pore_filler is None
    # the DFN's electrolyte is the LGPS; its active material the accessible sulfur
    f = SULFUR["Dispersed material accessible fraction"]
    assert values["Positive electrode porosity"] == pytest.approx(vf["Sulfide SE"])
    assert values["Positive electrode active material volume fraction"] == pytest.approx(f * vf["S8"])
    assert vf["Sulfide SE"] + vf["S8"] + vf["Carbon"] + vf["pores"] == pytest.approx(1.0)
    # same sulfur per cm2 as the S-LMS cell (1.3 mg x 32.5 % on 0.785 cm2), so the same electrode mass
    assert conventional.electrode_mass_g() == pytest.approx(1.3e-3, rel=1e-9)
    mass_g = conventional.electrode_mass_g()
    volume_cm3 = values["Positive electrode thickness [m]"] * 100 * paper_cell.AREA_M2 * 1e4
    assert mass_g / volume_cm3 == pytest.approx(e.density, rel=1e-9)
    # c_max from S8's density and 1675 mAh/g
    c_max = SULFUR["Dispersed material density [kg.m-3]"] * Q_S8 * 3.6 / paper_cell.F * 1e3
    assert values["Maximum concentration in positive electrode [mol.m-3]"] == pytest.approx(c_max, rel=1e-12)
    # single-ion LGPS: t+ = 1, the AEA sets' law (Kamaya's, paper_cell) whatever c_e, which gives its stated
    # conductivity at its stated temperature
    assert values["Cation transference number"] == 1.0
    lgps = paper_cell.lgps_conductivity
    for c_e, T in ((1000.0, paper_cell.LGPS_CONDUCTIVITY_T), (1.0, 343.15)):
        kappa = values["Electrolyte conductivity [S.m-1]"](pybamm.Scalar(c_e), pybamm.Scalar(T))
        assert float(kappa.evaluate()) == pytest.approx(float(lgps(pybamm.Scalar(T)).evaluate()), rel=1e-12)
    kappa_ref = float(lgps(pybamm.Scalar(paper_cell.LGPS_CONDUCTIVITY_T)).evaluate())
    assert kappa_ref == pytest.approx(paper_cell.LGPS_CONDUCTIVITY, rel=1e-12)
    # the separator's equivalent layer has the two-layer pellet's resistance at 70 C
    L, B = conventional.separator_equivalent(343.15)
    k1 = float(paper_cell.lgps_conductivity(pybamm.Scalar(343.15)).evaluate())
    k2 = float(paper_cell.li3ps4_conductivity(pybamm.Scalar(343.15)).evaluate())
    # each layer's pressed mass over its density on the die (100 mg LGPS at 2.04 g/cm3, 50 mg Li3PS4 at 1.87)
    L1, L2 = (mass / (rho * paper_cell.AREA_M2) for mass, rho in ((paper_cell.MASS_LGPS, paper_cell.RHO_LGPS),
                                                                   (paper_cell.MASS_LI3PS4, paper_cell.RHO_LI3PS4)))
    assert L == pytest.approx(L1 + L2)
    assert L / (k1 * B) == pytest.approx(L1 / k1 + L2 / k2)
    # the S-LMS set's sulfur OCP (MSMR plateau: U0 at half lithiation)
    U = values["Positive electrode OCP [V]"]
    assert values.evaluate(U(pybamm.Scalar(0.5))) == pytest.approx(SULFUR["Dispersed material standard potential [V]"])
    # ... whose slope is the ideal w R T / F at the set's temperature (w the S-LMS sulfur's ideality factor)
    slope = values.evaluate(U(pybamm.Scalar(1 / (1 + np.e))) - U(pybamm.Scalar(0.5)))
    w = SULFUR["Dispersed material ideality factor"]
    assert slope == pytest.approx(w * paper_cell.R * 343.15 / paper_cell.F, rel=1e-9)


@pytest.mark.slow
def test_registered_set_is_the_default_cell_and_pickles():
    """pybamm.ParameterValues("Li2021_S_C_LGPS") (entry point) is s_c_lgps_parameter_values() at its defaults, made
    of module-level functions: it pickles (for multiprocessing and Dask) and solves the same after a round trip."""
    import pickle

    registered = pybamm.ParameterValues("Li2021_S_C_LGPS")
    built = conventional.s_c_lgps_parameter_values()
    assert set(registered.keys()) == set(built.keys())
    for key in built.keys():
        assert registered[key] is built[key] or registered[key] == built[key], key
    copy = pickle.loads(pickle.dumps(registered))
    experiment = pybamm.Experiment(["Discharge at 1C until 1 V"])
    q = [pybamm.Simulation(conventional.s_c_lgps_model(), parameter_values=v, experiment=experiment).solve()[
        "Discharge capacity [A.h]"].entries[-1] for v in (registered, copy)]
    assert q[0] == pytest.approx(q[1], rel=1e-9) and q[0] > 0


def test_the_conventional_cell_integrates_its_energy_as_the_aea_cell_does():
    """Trial AL: beside the AEA cell in one experiment, the S-C/LGPS DFN's summary "Throughput energy [W.h]" was 0.0
    on every cycle and cycle_summary with save_at_cycles had no energy for the cycles not kept (PyBaMM integrates
    none without "calculate discharge energy"); now both are the cell's."""
    experiment = pybamm.Experiment([("Discharge at 1C until 1 V", "Charge at 1C until 3 V")] * 3)
    solution = conventional.s_c_lgps_simulation(experiment).solve(save_at_cycles=[1])
    throughput = np.asarray(solution.summary_variables["Throughput energy [W.h]"])
    table = cycle_summary(solution, reference_cycle=1)
    assert np.all(np.diff(throughput) > 0) and throughput[0] > 0
    energy = table["Discharge energy in cycle [W.h]"] + table["Charge energy in cycle [W.h]"]
    np.testing.assert_allclose(energy.cumsum(), throughput, rtol=0.02)
    assert table["Energy efficiency"].between(0.5, 1).all()


@pytest.mark.parametrize("T", [298.15, 318.15, 343.15])
def test_the_separator_follows_the_temperature_a_user_sets(T):
    """Trial AL: the registered set (70 C) with "Ambient temperature [K]" set to 25 C, PyBaMM's way, kept the LGPS |
    Li3PS4 pellet's equivalent layer at its 70 C transport efficiency (B 0.0683), 126 Ohm cm2 where the pellet has
    213 (the AEA cells' two layers are Arrhenius each): its 1C discharge to 1 V 79 mV above the set built at 25 C,
    +5.7 % energy (45 C: +19 mV). Now the equivalent layer has the pellet's resistance at the cell's temperature,
    also when an experiment step sets it."""
    values = pybamm.ParameterValues("Li2021_S_C_LGPS")
    values["Ambient temperature [K]"] = T
    x, y, z = (pybamm.Scalar(0.0),) * 3
    B = values.evaluate(values["Separator porosity"](x, y, z))
    k1, k2 = (float(f(pybamm.Scalar(T)).evaluate()) for f in (paper_cell.lgps_conductivity,
                                                                paper_cell.li3ps4_conductivity))
    L1, L2 = 100e-6 / (2040 * 0.785e-4), 50e-6 / (1870 * 0.785e-4)
    assert values["Separator thickness [m]"] / (k1 * B) == pytest.approx(L1 / k1 + L2 / k2, rel=1e-9)
    assert B == pytest.approx(conventional.separator_equivalent(T)[1], rel=1e-12)


def test_a_step_temperature_gives_the_set_built_at_that_temperature():
    """The registered 70 C set run by a step at 25 C discharges as the set built at 25 C (trial AL: 79 mV apart)."""
    step = pybamm.step.string("Discharge at 1C until 1 V", temperature="25oC")
    voltages = []
    for values, experiment in ((pybamm.ParameterValues("Li2021_S_C_LGPS"), pybamm.Experiment([step])),
                               (conventional.s_c_lgps_parameter_values(temperature_K=298.15),
                                pybamm.Experiment(["Discharge at 1C until 1 V"]))):
        solution = pybamm.Simulation(conventional.s_c_lgps_model(), parameter_values=values,
                                     experiment=experiment).solve()
        voltages.append(float(solution["Voltage [V]"](60.0)))
    assert voltages[0] == pytest.approx(voltages[1], abs=1e-3)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"loading_mg_cm2": 0}, r"loading_mg_cm2 = 0 mg/cm2 is outside a cathode loading's physical range \[0.02, 300\]"),
        ({"accessible_fraction": 0}, r"accessible_fraction must be > 0, got 0$"),
        ({"accessible_fraction": 1.2}, r"accessible_fraction must be <= 1, got 1.2$"),
        ({"particle_radius_m": -1e-6}, r"particle_radius_m must be > 0, got -1e-06"),
    ],
)
def test_bad_inputs_raise(kwargs, message):
    with pytest.raises(ValueError, match=message):
        conventional.s_c_lgps_parameter_values(**kwargs)


# ------------------------------------------------------------------------------------------- the experiment
@pytest.mark.slow
def test_dfn_solves_the_s_lms_experiment(cells):
    sc = cells["S-C-LGPS"]
    # all six steps of the 3 x (discharge, charge) experiment, each to its cut-off
    kinds = [k for k, _, _ in sc.steps]
    assert kinds == ["discharge", "charge"] * 3
    for kind, Q, V in sc.steps:
        assert V[-1] == pytest.approx(1.0 if kind == "discharge" else 3.0, abs=1e-3)
        assert Q[-1] > 0.4  # mAh: each step passes most of the 0.545 mAh of accessible sulfur
    # reversible: cycles 2 and 3 give the same capacity
    q = sc.discharge_capacities_mAh
    assert q[2] == pytest.approx(q[1], rel=1e-3)


@pytest.mark.slow
def test_esc_is_diluted_sulfur(cells):
    """ESC of the whole electrode <= 0.325 x sulfur utilisation x 1675 mAh/g, and well below S-LMS's.

    The sulfur utilisation is measured independently of the current: from the change of the DFN particles' mean
    lithiation. The two agree to 0.2 % (the double layer's share). S-LMS gets (483 - 0.325 x 1290) / 483 = 13 %
    of its ESC from Mo6S8; the carbon and LGPS that take Mo6S8's place store nothing, so the S-C-LGPS's ESC is
    lower by at least 10 % at the same sulfur utilisation.
    """
    sc, lms = cells["S-C-LGPS"], cells["S-LMS"]
    sol = sc.solution
    last = [s for c in sol.cycles for s in c.steps][4]
    sto = last["Average positive particle stoichiometry"].entries
    capacity_Ah = last["Positive electrode capacity [A.h]"].entries[0]  # accessible sulfur
    sulfur_mAh = (sto[-1] - sto[0]) * capacity_Ah * 1e3
    utilisation = sulfur_mAh / (W_S * sc.mass_g * Q_S8)
    esc = sc.practical.charged.specific_capacity
    assert esc == pytest.approx(sc.practical.capacity_mAh / sc.mass_g)
    assert esc <= W_S * utilisation * Q_S8 * 1.002
    assert esc >= W_S * utilisation * Q_S8 * 0.998
    # the accessible fraction caps it (the S-LMS set's 1290/1675)
    assert utilisation <= SULFUR["Dispersed material accessible fraction"] * 1.002
    assert sc.sulfur_mAh_per_g == pytest.approx(1290, rel=0.01)
    # well below S-LMS's
    assert esc < 0.9 * lms.practical.charged.specific_capacity
    assert lms.practical.charged.specific_capacity == pytest.approx(483, rel=0.05)


@pytest.mark.prediction
def test_the_readmes_comparison_figures(cells, readme_figure):
    """The README's S-LMS vs S-C/LGPS figures ("An AEA cell next to a conventional one"), read from it, to their
    stated digits: S-LMS's ESC, mean voltage and Wh/L after three cycles (charged basis), S-C/LGPS's ESC, Wh/kg and
    Wh/L as fractions of S-LMS's. Measured 2026-12-04 (pybammsolvers 0.11.1): 490.68, 1.83238, 2758.52 with the
    formula's Mo6S8 molar mass (490.69, 1.83242, 2758.58 with the typed 832.2 g/mol); 0.8539, 0.8405, 0.4531 (2758.49 before the ionic current started at zero at the collector; the voltage is stated to 1.83 V: its
    third decimal sat 8e-5 from a rounding boundary); 487.42, 1.83064, 2737.58 and 0.8596, 0.8469, 0.4565 since session 47 (2026-12-05, the host's
    transport across the swollen layer). A solver build or a model change that moves them fails here,
    and the README is updated with the test."""
    sc, lms = cells["S-C-LGPS"].practical.charged, cells["S-LMS"].practical.charged
    assert lms.specific_capacity == readme_figure(
        "on the default multi-phase host: {} mAh/g, {_} V, {_} Wh/L after three cycles").approx(across_processors=True)
    assert lms.gravimetric / lms.specific_capacity == readme_figure(
        "on the default multi-phase host: {_} mAh/g, {} V, {_} Wh/L after three cycles").approx(across_processors=True)
    assert lms.volumetric == readme_figure(
        "on the default multi-phase host: {_} mAh/g, {_} V, {} Wh/L after three cycles").approx(across_processors=True)
    assert sc.specific_capacity / lms.specific_capacity == readme_figure(
        "reaches {} x the ESC, {_} x the Wh/kg and {_} x the Wh/L of S-LMS").approx(across_processors=True)
    assert sc.gravimetric / lms.gravimetric == readme_figure(
        "reaches {_} x the ESC, {} x the Wh/kg and {_} x the Wh/L of S-LMS").approx(across_processors=True)
    assert sc.volumetric / lms.volumetric == readme_figure(
        "reaches {_} x the ESC, {_} x the Wh/kg and {} x the Wh/L of S-LMS").approx(across_processors=True)


@pytest.mark.slow
def test_volumetric_penalty_matches_table_s8(cells):
    """The model's practical Wh/L ratio S-C-LGPS / S-LMS is Table S8's theoretical ratio within 15 %.

    Table S8 (360 MPa): 1720.6 / 3565.3 = 0.483, with both electrodes at 2 V and S8 1600, Mo6S8 90 mAh/g. The
    ratio is (density ratio) x (ESC ratio) x (voltage ratio). The densities are the paper's (checked to 0.2 %
    here). The practical ESC ratio is 3 % below Table S8's (S at 1290 mAh/g in both, S-LMS's Mo6S8 at 94 mAh/g
    instead of 90); the voltage ratio is below 1 because the composite's sulfur (0.1 um particles, less area per
    volume than S-LMS's 10-30 nm domains with the same interface kinetics) polarises more: 1.70 vs 1.84 V. That
    puts the practical ratio about 10 % below Table S8's; the 15 % tolerance covers the model's particle-radius
    uncertainty up to 0.3 um (voltage ratio >= 0.89), and the sign is asserted.
    """
    sc, lms = cells["S-C-LGPS"], cells["S-LMS"]
    t = _table_s8()
    ratio_s8 = float(t["S_C_LGPS_energy_Wh_per_L"]) / float(t["S_LMS_energy_Wh_per_L"])
    # densities implied by Table S8 (Wh/L / (Wh/kg at 2 V of its capacity basis))
    q, v = paper.TABLE_S8_CAPACITIES, paper.TABLE_S8_VOLTAGE  # S8 1600, Mo6S8 90 mAh/g, 2 V
    rho_lms = float(t["S_LMS_energy_Wh_per_L"]) / (v * sum(w * q[m] for m, w in paper.SLMS_COMPOSITION.items()))
    rho_sc = float(t["S_C_LGPS_energy_Wh_per_L"]) / (v * W_S * q["S8"])
    assert sc.electrode.density == pytest.approx(rho_sc, rel=2e-3)
    assert lms.electrode.density == pytest.approx(rho_lms, rel=2e-3)
    ratio = sc.practical.charged.volumetric / lms.practical.charged.volumetric
    assert ratio == pytest.approx(ratio_s8, rel=0.15)
    assert ratio < ratio_s8
    # Wh/L follows Wh/kg x density on each basis; the gravimetric gap is much smaller than the volumetric one
    assert sc.practical.charged.gravimetric / lms.practical.charged.gravimetric > 0.7
    assert sc.practical.discharged.volumetric < 0.6 * lms.practical.discharged.volumetric


@pytest.mark.slow
def test_best_case_composite_is_still_less_dense_in_energy(cells, example):
    """Even with all its sulfur reacting, in 10 nm particles, the composite stays far below S-LMS in Wh/L."""
    best = example.run_s_c_lgps(pybamm.Experiment(example.EXPERIMENT_STEPS), particle_radius_m=10e-9,
                                accessible_fraction=1.0)
    lms = cells["S-LMS"]
    assert best.practical.charged.specific_capacity == pytest.approx(W_S * Q_S8, rel=0.01)
    assert best.practical.charged.specific_capacity > lms.practical.charged.specific_capacity
    assert best.practical.charged.volumetric < 0.7 * lms.practical.charged.volumetric


@pytest.mark.slow
def test_larger_sulfur_particles_polarise_more():
    experiment = pybamm.Experiment(["Discharge at 0.1C until 1 V"])
    out = {}
    for R in (0.1e-6, 1e-6):
        sol = conventional.s_c_lgps_simulation(experiment, particle_radius_m=R).solve()
        Q = sol["Discharge capacity [A.h]"].entries
        V = sol["Voltage [V]"].entries
        out[R] = (Q[-1], np.trapezoid(V, Q) / Q[-1])
    assert out[1e-6][1] < out[0.1e-6][1] - 0.05
    assert out[1e-6][0] < out[0.1e-6][0]


@pytest.mark.slow
def test_example_main_writes_png_and_table(example, cells, tmp_path, capsys):
    paths = example.main(tmp_path, results=cells)
    assert len(paths) == 1
    p = Path(paths[0])
    assert p.parent == tmp_path and p.suffix == ".png"
    assert p.stat().st_size > 10_000
    assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    out = capsys.readouterr().out
    assert "ESC charged (mAh/g electrode)" in out and "Table S8 theoretical Wh/L" in out


def test_the_module_docstrings_example_gives_the_numbers_it_states():
    """The module's docstring (the API page's example) runs as written and gives the ESC and Wh/L it states in
    parentheses: it said 1181 Wh/L where the code gives 1250 (0.45 x S-LMS's 2758.5, the README's ratio), a number
    left from the module's first version (session 40's user trial)."""
    import re

    from _rst import rst_code_blocks

    [(_, language, code)] = rst_code_blocks(conventional.__doc__)  # its one block
    assert language == "python"
    namespace = {}
    exec(compile(code, "conventional.__doc__", "exec"), namespace)  # noqa: S102 - the package's own docstring
    stated = dict(re.findall(r"practical\.charged\.(\w+)\s+#[^(]*\((\d+)\)", code))
    assert set(stated) == {"specific_capacity", "volumetric"}
    for name, value in stated.items():
        assert getattr(namespace["practical"].charged, name) == pytest.approx(float(value), abs=0.5), name
