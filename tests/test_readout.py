"""pybamm_aea.readout: one name per quantity, the one retention function."""
import math
import re
import warnings

import numpy as np
import pytest

from pybamm_aea import readout
from pybamm_aea.cycling import SUMMARY_COLUMNS
from pybamm_aea.models.aea import AEA


def test_names_are_the_models_and_the_cycle_tables():
    model = AEA()
    for name in (readout.ESC, readout.GRAVIMETRIC, readout.VOLUMETRIC, readout.MASS, readout.VOLUME):
        assert name in model.variables, name
    for name in (readout.ESC, readout.GRAVIMETRIC, readout.VOLUMETRIC, readout.CELL_GRAVIMETRIC,
                 readout.CELL_VOLUMETRIC, readout.MEAN_DISCHARGE_VOLTAGE, readout.RETENTION):
        assert name in SUMMARY_COLUMNS, name


def test_retention_is_last_over_the_second_discharge():
    # formation 130, then 90, 88, 85 mAh: 85 / 90 (not / 130, not / 88)
    assert readout.capacity_retention([130.0, 90.0, 88.0, 85.0]) == pytest.approx(85 / 90)
    assert readout.capacity_retention([130.0, 90.0, 88.0], reference=1) == pytest.approx(88 / 130)
    np.testing.assert_allclose(readout.retention_curve([130.0, 90.0, 81.0]), [130 / 90, 1.0, 0.9])


@pytest.mark.parametrize("capacities", [[], [130.0], [130.0, 90.0]])
def test_retention_without_a_discharge_after_the_reference_is_undefined(capacities):
    """A formation discharge and one cycle: the last discharge is the reference; 100 % would say nothing."""
    with pytest.warns(readout.RetentionUndefinedWarning, match=f"{len(capacities)} discharge"):
        assert math.isnan(readout.capacity_retention(capacities))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        readout.capacity_retention([130.0, 90.0, 89.0])  # defined: no warning


def test_electrode_figures_per_gram_and_litre():
    # 1 mAh and 2 mWh from 10 mg in 2.5 uL: 100 mAh/g, 200 Wh/kg, 800 Wh/L
    got = readout.electrode_figures(1e-3, 2e-3, 10e-3, 2.5e-6)
    assert got == pytest.approx({readout.ESC: 100.0, readout.GRAVIMETRIC: 200.0, readout.VOLUMETRIC: 800.0})


@pytest.mark.parametrize("mass_g, volume_L, message", [(0.0, 2.5e-6, "mass_g .* got 0.0"), (-10e-3, 2.5e-6, "mass_g .* got -0.01"),
                                                       (10e-3, float("nan"), "volume_L .* got nan"), (10e-3, 0, "volume_L .* got 0")])
def test_electrode_figures_refuse_a_mass_or_volume_that_is_not_positive(mass_g, volume_L, message):
    """A zero mass gave an infinite ESC, a negative one a negative ESC, a nan volume a nan Wh/L: each refused, named."""
    with pytest.raises(ValueError, match=message):
        readout.electrode_figures(1e-3, 2e-3, mass_g, volume_L)


def test_step_table_refuses_a_zero_mass():
    """mass_g=0 dropped the mA.h/g column silently (``if mass_g:``); it is refused before the solution is read."""
    with pytest.raises(ValueError, match="mass_g must be a finite positive number, got 0"):
        readout.step_table(None, mass_g=0)


def test_the_models_electrode_figures_are_per_cm2_and_per_litre_of_the_electrode():
    """One hour of the default LMS discharge on the paper's 0.785 cm2 die: the areal capacity times the die's
    area is the discharge capacity (cycle_summary's electrode area, and with it the cell-level figures, is read
    from it); before any Li moved the electrode's instantaneous volume and mass are the as-made ones (the
    "end of discharge" basis of electrode_mass_volume), and the Wh/L on either volume is the discharge energy
    over that volume; the electrode's mass is the set's loading on that area. Catches a unit slip in m2 -> cm2 (100x),
    kg -> g (1000x) or m3 -> L (1000x) of these variables."""
    import pybamm

    model = AEA()
    values = model.default_parameter_values
    area_m2 = values["Electrode width [m]"] * values["Electrode height [m]"]
    sol = pybamm.Simulation(model).solve([0, 3600])
    q_mAh = sol["Discharge capacity [A.h]"].entries[-1] * 1e3
    assert sol["Areal capacity [mA.h.cm-2]"].entries[-1] * area_m2 * 1e4 == pytest.approx(q_mAh, rel=1e-9)
    assert sol[readout.MASS].entries[0] == pytest.approx(values["Cathode loading [kg.m-2]"] * area_m2 * 1e3, rel=1e-12)
    volume, volume_now = sol[readout.VOLUME].entries, sol[readout.VOLUME_NOW].entries
    assert volume_now[0] == pytest.approx(volume[0], rel=1e-6)
    assert sol[readout.MASS_NOW].entries[0] == pytest.approx(sol[readout.MASS].entries[0], rel=1e-3)
    energy_Wh = sol["Discharge energy vs Li [W.h]"].entries[-1]
    assert sol["Electrode volumetric energy, instantaneous volume [W.h.L-1]"].entries[-1] == pytest.approx(
        energy_Wh / volume_now[-1], rel=1e-9)
    assert sol[readout.VOLUMETRIC].entries[-1] == pytest.approx(energy_Wh / volume[0], rel=1e-9)


def test_time_series_averages_over_the_mesh_not_the_cells():
    """The cathode's mesh is clustered toward the separator: a plain mean of the cells gave a formed LMS
    cell's Li content 0.708 and its Li1 fraction 0.726, against the model's own averages 0.848 and 0.872
    (what `pybamm-aea simulate --variable` exported). The mesh-weighted average is the model's."""
    import pybamm

    experiment = pybamm.Experiment([("Discharge at 0.5C until 1.8 V", "Charge at 0.5C until 2.8 V")])
    solution = pybamm.Simulation(AEA(), experiment=experiment).solve()
    names = ["Cathode Li content", "Cathode Li1 phase fraction"]
    table = readout.time_series(solution, names + ["Average " + n[0].lower() + n[1:] for n in names])
    for name in names:
        np.testing.assert_allclose(table[name], table["Average " + name[0].lower() + name[1:]], atol=1e-12)
    assert table["Cathode Li content"].iloc[-1] < 1  # the charge ended at the switch: the check is not vacuous


def test_a_cycle_pybamm_dropped_keeps_its_rows():
    """PyBaMM drops a cycle whose every step it skipped: the step table labelled the rest that followed as the
    skipped discharge, and a mesh check of such an experiment raised after both solves ('3 and 2 steps')."""
    import pybamm

    from pybamm_aea.convergence import compare_meshes

    # the second discharge starts below its own cut-off (1.8 < 1.9 V), so both meshes skip it whatever the round-off
    # (with '... until 1.8 V' twice the 40-cell run ran the second one, 3 cycles, after session 47's swollen-layer
    # transport moved its end state by round-off)
    experiment = pybamm.Experiment(["Discharge at 0.5C until 1.8 V", "Discharge at 0.5C until 1.9 V",
                                    "Rest for 10 minutes"])
    descriptions = readout.step_descriptions(experiment)

    def solve(cells):
        model = AEA()
        var_pts = {k: cells for k in model.default_var_pts}
        return pybamm.Simulation(model, experiment=experiment, var_pts=var_pts).solve()

    coarse, fine = solve(20), solve(40)
    # PyBaMM skips the second discharge and leaves no cycle for it (with the same cut-off twice, which mesh ran
    # round-off of it turned on round-off: 2e-14 h on 20 cells until session 39); a mesh check compares the two
    assert len(fine.cycles) == 2 and len(coarse.cycles) == 2
    table = readout.step_table(fine, descriptions)
    assert list(table["description"]) == [d[0] for d in descriptions]
    assert list(table["termination"])[1:] == [readout.SKIPPED, "final time"]
    assert table["duration [h]"].iloc[2] == pytest.approx(1 / 6)
    # and a step of round-off capacity on one mesh is the skipped step of the other
    assert compare_meshes(coarse, fine, descriptions).attrs["converged"]
    with pytest.raises(ValueError, match="no step of the experiment could run"):
        readout.step_table(pybamm.EmptySolution(), descriptions)


def test_cycles_are_matched_to_their_experiment_cycles():
    """Three layouts the matching of solved cycles to experiment cycles must get right: a skipped "Hold"
    cycle before a charge (the charge was labelled as the hold), cycles not kept (``save_at_cycles``: a kept
    charge was called skipped and the skipped cycle lost its row), and an experiment that stopped early in its
    last cycle (the table raised, and `pybamm-aea simulate` with it)."""
    import pybamm

    def table(cycles, **kwargs):
        experiment = pybamm.Experiment(cycles)
        solution = pybamm.Simulation(AEA(), experiment=experiment).solve(**kwargs)
        return readout.step_table(solution, readout.step_descriptions(experiment))

    hold = table([("Discharge at 0.5C until 1.8 V", "Rest for 10 minutes"), ("Hold at 1.8 V until 5 A",),
                  ("Charge at 0.5C until 2.8 V",)])
    assert list(hold["cycle"]) == [1, 1, 2, 3]
    assert hold["termination"].iloc[2] == readout.SKIPPED and hold["capacity [mA.h]"].iloc[3] < 0
    kept = table([("Discharge at 0.5C until 1.8 V",), ("Discharge at 0.5C until 1.85 V",), ("Rest for 10 minutes",),
                  ("Charge at 0.5C until 2.8 V",), ("Discharge at 0.5C until 1.8 V",)], save_at_cycles=2)
    assert list(kept["cycle"]) == [1, 2, 4, 5]
    assert list(kept["termination"] == readout.SKIPPED) == [False, True, False, False]
    stopped = table([("Discharge at 0.5C until 1.8 V", "Charge at 0.5C until 2.8 V"),
                     ("Discharge at 0.5C for 100 hours", "Rest for 1 hour")])
    assert list(stopped["description"]) == ["Discharge at 0.5C until 1.8 V", "Charge at 0.5C until 2.8 V",
                                            "Discharge at 0.5C for 100 hours"]


def test_a_solution_without_experiment_is_one_step():
    """solve([t0, t1]) has no cycles: discharge_steps gave [], step_table no row and time_series a bare
    concatenation error, while cycle_summary read its 128 mA.h/g. It is one step of one cycle."""
    import pybamm

    sim = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"))
    solution = sim.solve([0, 39600])
    mass = solution[readout.MASS].entries[0]
    ((capacity, energy, Q, V),) = readout.discharge_steps(solution)
    assert capacity * 1e3 / mass == pytest.approx(128.19, abs=0.01)  # the paper set's first discharge
    assert Q.size == V.size == solution.t.size
    table = readout.step_table(solution, mass_g=mass)
    assert list(table["termination"]) == ["event: Minimum voltage [V]"]
    # (the step table's is the state's, discharge_steps' the trapezoid of the constant current: 3.4e-12 apart)
    assert table["capacity [mA.h.g-1]"].iloc[0] == pytest.approx(capacity * 1e3 / mass, rel=1e-9)
    series = readout.time_series(solution, ["Voltage [V]"])
    assert len(series) == solution.t.size and set(series["Cycle"]) == set(series["Step"]) == {1}


@pytest.fixture(scope="module")
def short_discharge():
    """Ten minutes of the paper set's 0.1C discharge (no experiment), with its electrode mass [g] (0.0011775)."""
    import pybamm

    solution = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8")).solve([0, 600])
    return solution, float(solution[readout.MASS].entries[0])


@pytest.mark.parametrize("factor, unit, per_g", [(1e3, "mg", 1e3), (1.1647e3, "mg", 1e3), (1e6, "ug", 1e6),
                                                (1e-3, "kg", 1e-3)])
def test_a_mass_in_another_unit_than_the_solutions_is_refused_naming_both(short_discharge, factor, unit, per_g):
    """step_table(sol, mass_g=1.1775), the 1.1775 mg electrode typed as g, gave 0.128 instead of 128.2 mA.h/g without
    a word, though the solution knows its mass (user trial, session 61); cycle_summary's mass_g the same. A ratio
    whose reading in mg, ug or kg is a mass of the electrode in g (readout.mass_slip_range: its discharged basis,
    1.1647 for S-LMS, in mg too) is a unit slip: refused, both masses and the slip named in the words of every
    range's slip ("did you give mg?", session 62; "did you give the mass in mg?" before)."""
    from pybamm_aea.cycling import cycle_summary

    solution, mass = short_discharge
    assert mass == pytest.approx(0.0011775, rel=1e-9)
    given = mass * factor
    said = f"mass_g = {given:.6g} g is {factor:.4g} times the solution's 'Cathode electrode mass [g]' 0.0011775 g: "
    asked = f": did you give {unit}? {given:.10g} {unit} = {given / per_g:.10g} g, {factor / per_g:.4g} times it"
    for caller, table in (("step_table", readout.step_table), ("cycle_summary", cycle_summary)):
        with pytest.raises(ValueError, match=re.escape(f"{caller}'s " + said)) as error:
            table(solution, mass_g=given)
        assert asked in str(error.value) and str(error.value).endswith("; give it in g, or leave mass_g out")
        assert len(str(error.value)) <= 325  # (session 63: 291-308, was 394-406; R50: 306-323, the high's basis said)


@pytest.fixture(scope="module")
def slms_short_discharge():
    """Ten minutes of the S-LMS set's 0.1C discharge, with its electrode mass [g] (the paper's 1.3 mg)."""
    import pybamm

    solution = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("Li2021_S_Mo6S8")).solve([0, 600])
    return solution, float(solution[readout.MASS].entries[0])


@pytest.mark.parametrize("typed_mg", [None, 0.42])
def test_the_sulfur_of_slms_typed_in_mg_is_refused_and_in_g_used(slms_short_discharge, typed_mg):
    """S-LMS is 32.5 wt% S8 (energy.paper.SLMS_COMPOSITION): its sulfur's mass typed in mg is 325 times the
    electrode's in g, under session 61's band (1000 / 3 = 333), so it was used and warned, an ESC 1000x too small.
    The band is now the electrodes' facts (readout.mass_slip_range): the sulfur in mg is refused, as exact (0.4225)
    or rounded to two digits (0.42, ratio 323.1: inside the band by its 1 % for rounding); in g it is the user's
    per-g-of-sulfur normalisation: used (the ESC 1 / 0.325 of the electrode's) and warned."""
    from pybamm_aea.cycling import cycle_summary

    solution, mass = slms_short_discharge
    from pybamm_aea.energy.paper import SLMS_COMPOSITION

    assert mass == pytest.approx(1.3e-3, rel=1e-9)
    sulfur = SLMS_COMPOSITION["S8"]
    sulfur_g = sulfur * mass
    typed = sulfur_g * 1e3 if typed_mg is None else typed_mg
    for caller, table in (("step_table", readout.step_table), ("cycle_summary", cycle_summary)):
        with pytest.raises(ValueError, match=re.escape(
                f"{caller}'s mass_g = {typed:.6g} g is {typed / mass:.4g} times the solution's 'Cathode electrode "
                f"mass [g]' 0.0013 g: did you give mg? {typed:.10g} mg = {typed / 1e3:.10g} g")) as error:
            table(solution, mass_g=typed)
        assert f"in g it is {sulfur * 0.99:.4g} (S8 of Li2021_S_Mo6S8, {sulfur:g}, less 1%) to 3" in str(error.value)
    own = readout.step_table(solution, mass_g=mass)["capacity [mA.h.g-1]"].iloc[0]
    with pytest.warns(UserWarning, match=re.escape(f"(ratio {sulfur:.4g}) differ: the per-mass columns are per the "
                                                   f"given {sulfur_g:.6g} g (e.g. an active mass only)")):
        per_sulfur = readout.step_table(solution, mass_g=sulfur_g)["capacity [mA.h.g-1]"].iloc[0]
    assert per_sulfur == pytest.approx(own / sulfur, rel=1e-12)


def test_the_mass_slip_band_is_the_shipped_electrodes_least_active_part_to_their_discharged_basis():
    """The band of mass_g / the solution's electrode mass read as a mass in g (readout.mass_slip_range): from
    S-LMS's sulfur, 0.325, 1 % wider (in mg, x 1000, it holds the sulfur's 325 that session 61's 1000 / 3 left out), to
    readout.MASS_SLIP_READING_HIGH, an electrode measured up to 2.5x the simulated one: at least 2.5 times the
    shipped sets' heaviest discharged basis (S-LMS's 1.1647 with the library's formula masses, energy.paper), 1 %
    wider; its slips mg and ug above it, kg below it (session 63: one Range, the rule of every range's slip; its
    high was the discharged basis, 1.1763, beside a separate reading high of 3 until then). The high's reason says
    what was measured and the basis, computed (review R50: "measured 2.5x the simulated" named neither)."""
    from pybamm_aea.energy import get_material
    from pybamm_aea.energy.paper import SLMS_COMPOSITION
    from pybamm_aea.parameters import SET_FACTS, composition

    band = readout.mass_slip_range()
    assert band.low == pytest.approx(SLMS_COMPOSITION["S8"] * 0.99, rel=1e-12)
    assert 1e3 * band.low < 1e3 * SLMS_COMPOSITION["S8"] < 1e3 / 3
    heaviest = max(math.fsum(w * get_material(m).lithiation_mass_ratio for m, w in composition(name).items())
                   for name in SET_FACTS)
    assert heaviest == pytest.approx(1.1647, abs=5e-5)
    assert readout.MASS_MEASURED_OVER_BASIS * heaviest * 1.01 <= band.high == readout.MASS_SLIP_READING_HIGH
    assert readout.MASS_MEASURED_OVER_BASIS == 2.5
    assert (band.slip[1], band.more_slips[0][1], band.low_slip[1]) == ("mg", "ug", "kg")
    heaviest_set = max(SET_FACTS, key=lambda name: math.fsum(w * get_material(m).lithiation_mass_ratio
                                                             for m, w in composition(name).items()))
    assert band.why == f"measured 2.5x {heaviest_set}'s discharged basis {heaviest:.3g}"


@pytest.mark.parametrize("factor", [4e3, 30.0, 1.3])
def test_a_mass_no_unit_makes_an_electrode_mass_is_used_and_warned(short_discharge, factor):
    """A ratio none of whose readings (g, mg, ug, kg) is a mass of the electrode (readout.mass_slip_range) is no unit
    slip: 4e3 (a mass 4x the electrode's typed in mg, beyond readout.MASS_SLIP_READING_HIGH, or a cell's in g), 30
    (a cell's mass in g) and 1.3 (more than the discharged basis, 1.1647) are used and warned, the per-mass columns
    per the given mass."""
    solution, mass = short_discharge
    own = readout.step_table(solution, mass_g=mass)["capacity [mA.h.g-1]"].iloc[0]
    with pytest.warns(UserWarning, match=re.escape(f"(ratio {factor:.4g}) differ: the per-mass columns are per the "
                                                   f"given {mass * factor:.6g} g (more than the electrode")):
        other = readout.step_table(solution, mass_g=mass * factor)["capacity [mA.h.g-1]"].iloc[0]
    assert other == pytest.approx(own / factor, rel=1e-12)


@pytest.mark.parametrize("factor", [1177.0, 1500.0, 3000.0])
def test_a_measured_electrode_mass_typed_in_mg_is_refused_up_to_three_times_the_electrode(short_discharge, factor):
    """The R49 review: session 62's band (up to the discharged basis, 1176x read in mg) used and warned a ratio of
    1177 to 3000, refused before it (session 61's band, 1000 x 3): an electrode measured 1.2 to 2.5x the simulated
    one typed in mg, while no mass in g of this electrode is 1177x it. Refused again up to 3000x
    (readout.MASS_SLIP_READING_HIGH), the error saying only the mg reading that fits (no ug reading, no "g = ... mg"
    reading the number as grams) and the way out; 3030x (a mg reading beyond 3) is used and warned."""
    solution, mass = short_discharge
    given = mass * factor
    with pytest.raises(ValueError, match=re.escape(
            f"is {factor:.4g} times the solution's 'Cathode electrode mass [g]' {mass:.6g} g: did you give mg? "
            f"{given:.10g} mg = {given / 1e3:.10g} g, {factor / 1e3:.4g} times it")) as error:
        readout.step_table(solution, mass_g=given)
    said = str(error.value)
    assert "ug" not in said and " g = " not in said and said.endswith("give it in g, or leave mass_g out")
    assert len(said) <= 320  # (session 63: 296-302, was 400-405; R50: 311-317, the high's basis said)
    with pytest.warns(UserWarning, match=re.escape("(ratio 3030) differ")):
        readout.step_table(solution, mass_g=mass * 3030.0)


@pytest.mark.parametrize("unit, per_g, edge", [("mg", 1e3, "low"), ("mg", 1e3, "high"), ("ug", 1e6, "low"),
                                                ("ug", 1e6, "high"), ("kg", 1e-3, "low"), ("kg", 1e-3, "high")])
def test_a_mass_just_inside_a_units_reading_of_the_band_is_refused_and_just_outside_used(unit, per_g, edge):
    """Session 63 moved readout.given_mass's unit slip onto the rule of every range's (ranges.Range.slip_readings,
    worded by ranges.slip_question) with mass_slip_range's high the reading high (3): a ratio at each end of each
    unit's reading of the band (mg: 321.75 and 3000 times the electrode's mass; ug a million times; kg a thousandth)
    is refused naming the value and that unit, and one 1e-9 beyond that end is used and warned, as before (the
    separate reading loop of session 62; 200011 ratios from 1e-8 to 1e8 decide alike)."""
    band = readout.mass_slip_range()
    end = band.low if edge == "low" else band.high
    outward = -1 if edge == "low" else 1
    electrode = 1.3e-3
    given = end * per_g * electrode
    with pytest.raises(ValueError, match=re.escape(f"did you give {unit}? {given:.10g} {unit} = ")) as error:
        readout.given_mass(given, electrode, "step_table")
    assert str(error.value).startswith(f"step_table's mass_g = {given:.6g} g is ")
    with pytest.warns(UserWarning, match="differ: the per-mass columns are per the given"):
        assert readout.given_mass(given * (1 + outward * 1e-9), electrode, "step_table") == given * (1 + outward * 1e-9)


def test_time_series_defaults_to_what_an_export_wants(short_discharge):
    """time_series(sol, columns) had no default (user trial, session 61): it is time, voltage, current, capacity and
    the cathode's average Li content, each named with its unit, those the model has (PyBaMM's own: the first five)."""
    import pybamm

    solution, mass = short_discharge
    table = readout.time_series(solution)
    assert list(table.columns) == ["Cycle", "Step", "Time [s]", "Time [h]", "Voltage [V]", "Current [A]",
                                   "Discharge capacity [A.h]", "Electrode specific capacity [mA.h.g-1]",
                                   "Average cathode Li content"]
    np.testing.assert_allclose(table["Electrode specific capacity [mA.h.g-1]"],
                               table["Discharge capacity [A.h]"] * 1e3 / mass, rtol=1e-9)
    assert table["Average cathode Li content"].iloc[0] < table["Average cathode Li content"].iloc[-1]
    spm = pybamm.Simulation(pybamm.lithium_ion.SPM()).solve([0, 600])
    assert list(readout.time_series(spm).columns) == ["Cycle", "Step", "Time [s]", "Time [h]", "Voltage [V]",
                                                      "Current [A]", "Discharge capacity [A.h]"]


def test_discharges_of_cycles_not_kept_are_said_to_be_missing():
    """With save_at_cycles, discharge_steps lists only the kept cycles: a retention from it was cycle 5 over 3,
    labelled as over the 2nd; it now warns which cycles are missing."""
    import pybamm

    experiment = pybamm.Experiment([("Discharge at 1C until 1.8 V", "Charge at 1C until 2.8 V")] * 4)
    sim = pybamm.Simulation(AEA({"host thermodynamics": "lever rule"}), experiment=experiment)
    solution = sim.solve(save_at_cycles=[1, 4])
    with pytest.warns(readout.CyclesNotKeptWarning, match=r"cycles 2-3 were not kept"):
        assert len(readout.discharge_steps(solution, arrays=False)) == 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        readout.discharge_steps(sim.solve())  # every cycle kept: no warning


def test_a_bad_retention_reference_is_named():
    """reference=0 gave 1.0 and -1 0.889 (Python's indexing), 1.5 a bare IndexError, a zero reference capacity
    inf: refused as cycle_summary refuses a bad reference_cycle."""
    caps = [1.0, 0.9, 0.8]
    for function in (readout.capacity_retention, readout.retention_curve):
        for ref in (0, -1):
            with pytest.raises(ValueError, match=f"reference={ref} is out of range"):
                function(caps, reference=ref)
        for ref in (1.5, True):
            with pytest.raises(TypeError, match=f"reference must be an integer discharge number .* {ref!r}"):
                function(caps, reference=ref)
        with pytest.raises(ValueError, match="reference=2 has discharge capacity 0.0 A.h"):
            function([1.0, 0.0, 0.8], reference=2)
    with pytest.raises(ValueError, match="reference=4 is out of range: 3 discharges, numbered 1 to 3"):
        readout.retention_curve(caps, reference=4)
    assert readout.capacity_retention(caps, reference=2) == pytest.approx(0.8 / 0.9)


def test_a_column_the_model_has_not_is_named_not_dropped():
    """time_series(sol, ["Voltage [V]", "Voltag [V]"]) dropped the misspelt column silently."""
    import pybamm

    solution = pybamm.Simulation(AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8")).solve([0, 3600])
    with pytest.raises(KeyError, match=r"no variable 'Voltag \[V\]' \('Voltag \[V\]': did you mean \['Voltage \[V\]'"):
        readout.time_series(solution, ["Voltage [V]", "Voltag [V]"])
    # a wrong case: a case-sensitive match scored 'VOLTAGE [V]' too low and suggested nothing
    with pytest.raises(KeyError, match=r"no variable 'VOLTAGE \[V\]' \('VOLTAGE \[V\]': did you mean \['Voltage \[V\]'"):
        readout.time_series(solution, ["VOLTAGE [V]"])
    assert list(readout.time_series(solution, ["Voltage [V]"]).columns) == ["Cycle", "Step", "Voltage [V]"]


def test_phase_windows_are_checked_before_use():
    """windows="abc" gave "IndexError: string index out of range"."""
    from pybamm_aea.phases import average_phase_fractions

    with pytest.raises(TypeError, match=r"^windows must be an array of real numbers"):
        average_phase_fractions(None, windows="abc")
    with pytest.raises(ValueError, match=r"^windows must have shape \(n_phases, 2\)"):
        average_phase_fractions(None, windows=[1.0, 2.0])


def test_step_table_of_a_solve_without_the_energy_has_nan_energies():
    """A solve of the solver's ``output_variables`` without "Discharge energy [W.h]"
    (``AEA.default_solver_with(output_variables=...)``): ``step_table`` gives its rows, the energy NaN as for a model
    that does not compute it, capacities and end voltages as the full solve's. Catches PyBaMM's KeyError "Cannot
    process variable 'Discharge energy [W.h]' as it was not part of the solve" (session 34)."""
    import pybamm

    def solve(output_variables=None):
        model = AEA()
        return pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                                 experiment=pybamm.Experiment([("Discharge at 0.5C until 1.8 V",
                                                                "Charge at 0.5C until 2.8 V")]),
                                 solver=model.default_solver_with(output_variables=output_variables)).solve()

    few = readout.step_table(solve(["Voltage [V]", "Current [A]", "Discharge capacity [A.h]"]))
    full = readout.step_table(solve())
    assert few["energy [mW.h]"].isna().all() and full["energy [mW.h]"].notna().all()
    for column in ("capacity [mA.h]", "end voltage [V]"):
        np.testing.assert_allclose(few[column], full[column], rtol=1e-4)
    assert list(few["termination"]) == list(full["termination"])


def test_a_discharge_energy_basis_not_known_is_named_with_the_close_one():
    """discharge_steps(energy=) is "vs Li" (the electrode columns') or "cell" (the sweep's cell columns')."""
    with pytest.raises(ValueError, match=r"energy must be one of \['vs Li', 'cell'\], got 'Cell'; did you mean \['cell'\]"):
        readout.discharge_steps(None, energy="Cell")


def _lms_discharge(period=None, model=None, **solver_options):
    import pybamm

    model = model or AEA({})
    step = "Discharge at 0.1C until 1.8 V" + (f" ({period} period)" if period else "")
    sim = pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment([step]), solver=model.default_solver_with(**solver_options))
    return sim.solve()


@pytest.mark.slow
def test_a_discharge_returned_on_too_few_points_is_said_to_be_coarse():
    """A 1-hour period returns 11 points of a 10-hour discharge: the trapezoid's energy is 4.4e-3 low (the states'
    2.7e-4), a CoarseDischargeWarning naming the points, once per discharge_steps; the adaptive points none."""
    coarse = _lms_discharge("1 hour")
    with pytest.warns(readout.CoarseDischargeWarning, match=r"its 11 returned points") as record:
        readout.discharge_steps(coarse)
    assert len(record) == 1 and record[0].filename == __file__  # the caller's line, not readout's
    with warnings.catch_warnings():
        warnings.simplefilter("error", readout.CoarseDischargeWarning)
        readout.discharge_steps(_lms_discharge())


@pytest.mark.slow
def test_a_charge_or_a_current_of_both_signs_is_not_said_to_be_coarse():
    """The kernel route integrates the discharge intervals only, the energy state the net: on a charge (kernel 0
    against the state's -5.9e-6 W.h) and on a drive cycle of +0.2C / -0.05C (1844 points, kernel 1.717e-5 against
    1.292e-5 W.h) the two differ by what they measure, not by the points, and a CoarseDischargeWarning said "differs
    by -1.0e+00 ... the points are too few" (review, session 44). Catches: the comparison made on any current."""
    import pybamm

    model = AEA({})
    t = np.arange(0, 1801, 10.0)
    drive = pybamm.step.c_rate(np.column_stack([t, np.where((t // 300) % 2 == 0, 0.2, -0.05)]))
    experiment = pybamm.Experiment(["Discharge at 0.1C for 30 minutes", "Charge at 0.1C for 10 minutes or until 2.8 V",
                                   drive])
    sol = pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=experiment).solve()
    steps = [step for *_, step in readout.iter_steps(sol)]
    with warnings.catch_warnings():
        warnings.simplefilter("error", readout.CoarseDischargeWarning)
        for step in steps:
            readout.delivered(step)
    q_charge, e_charge = readout.delivered(steps[1])
    assert q_charge == 0 and e_charge == 0  # (a charge delivers nothing in the discharge direction)
    q_drive = readout.delivered(steps[2])[0]
    assert q_drive > readout.delivered(steps[2], route="states")[0] > 0  # (discharge intervals only, against net)


@pytest.mark.slow
def test_the_states_route_takes_the_cells_energy_only_where_the_model_has_no_other():
    """A Li-In solve that did not return "Discharge energy vs Li [W.h]" was read as the cell's energy, 0.62 V x Q
    low (mean 1.4905 V against 2.1105 V): refused, naming the variable; a solve without the energy at all was said
    to be of a model that does not integrate it."""
    import pybamm

    model = AEA({"anode": "Li-In", "host thermodynamics": "lever rule"})
    solver = model.default_solver_with(output_variables=["Discharge capacity [A.h]", "Discharge energy [W.h]"])
    sol = pybamm.Simulation(model, solver=solver).solve([0, 40000])
    with pytest.raises(ValueError, match=r"Discharge energy vs Li \[W\.h\].*did not return.*output_variables"):
        readout.delivered(sol, route="states")
    q, e = readout.delivered(sol, energy="cell", route="states")
    assert 1.45 < e / q < 1.53  # the cell's own, as asked
    model = AEA({"host thermodynamics": "lever rule"})
    sol = pybamm.Simulation(model, solver=model.default_solver_with(
        output_variables=["Discharge capacity [A.h]", "Voltage [V]"])).solve([0, 40000])
    with pytest.raises(ValueError, match=r"did not return.*add them to output_variables") as info:
        readout.delivered(sol, route="states")
    assert "does not integrate" not in str(info.value)


@pytest.mark.parametrize("anode", ["lithium metal", "Li-In"])
def test_the_coarse_check_reads_the_energy_state_at_the_steps_ends(monkeypatch, anode):
    """The kernel route compared its energy with the model's integrated state by processing the state's variable
    over every returned point (readout._states; the cost of each: docs/known_limits.rst, "Discharge energy from the
    model's state")
    where its change over the step is all it needs: now read from the step's first and last state vectors
    (readout._state_change), the same change to round-off on both bases (on Li-In the cathode's vs Li is a state of
    its own), the full read kept for an energy that is no state or a solve of output_variables. The warning itself:
    test_a_discharge_returned_on_too_few_points_is_said_to_be_coarse."""
    import pybamm

    model = AEA({"anode": anode, "host thermodynamics": "lever rule"})
    sol = pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("Li2021_Mo6S8")).solve([0, 3600])
    for basis, names in readout._ENERGY_BASES.items():
        name = next(n for n in names if n in model.variables)
        change = readout._state_change(sol, name)
        assert change == pytest.approx(readout._states(sol, basis)[1], rel=1e-12, abs=0) and change > 0
    # a later step of an experiment, where the energy state does not start at 0: the change, not the end value
    # (review: a read of the last state alone passed the solve from t = 0 and warned a second discharge "coarse")
    later = pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"), experiment=pybamm.Experiment(
        ["Discharge at 0.5C for 30 minutes", "Rest for 10 minutes", "Discharge at 0.5C for 30 minutes"])).solve()
    step = later.cycles[-1].steps[-1]  # (the second discharge)
    name = next(n for n in readout._ENERGY_BASES["vs Li"] if n in model.variables)
    assert step[name].entries[0] > 0.9 * step[name].entries[-1] - step[name].entries[0] > 0  # (starts well above 0)
    assert readout._state_change(step, name) == pytest.approx(readout._states(step, "vs Li")[1], rel=1e-12, abs=0)
    read = []
    monkeypatch.setattr(readout, "_states", lambda *args: read.append(args) or pytest.fail("read over every point"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", readout.CoarseDischargeWarning)
        readout.delivered(sol)
        readout.delivered_on_both_bases(sol)
    assert read == []
    solver = model.default_solver_with(output_variables=["Current [A]", "Voltage [V]", readout.ANODE_OCP,
                                                         "Discharge capacity [A.h]", "Discharge energy [W.h]"])
    returned = pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                                 solver=solver).solve([0, 3600])
    assert readout._state_change(returned, "Discharge energy [W.h]") is None  # (no state vectors: the full read)


def _pybamm_cycle(options, set_name, experiment):
    """One cycle of PyBaMM's DFN (``options``) on the parameter set ``set_name``."""
    import pybamm

    sim = pybamm.Simulation(pybamm.lithium_ion.DFN(options), parameter_values=pybamm.ParameterValues(set_name),
                            experiment=pybamm.Experiment([experiment]))
    return sim.solve()


def test_a_pybamm_full_cell_has_no_voltage_against_li():
    """/tmp/pf/p7.py: Chen2020's DFN (a graphite full cell) at 0.1C read "Mean discharge voltage vs Li [V]" 3.6908, the
    cell's, where its positive electrode's OCP averages 3.896 V and the graphite's 0.184 V: the cell's voltage was
    taken for the cathode's against Li. Now the vs-Li figures are NaN with the reason in attrs["Undefined"], and
    delivered's "vs Li" basis a ValueError saying why; the cell's basis stands. PyBaMM's half cell is against Li."""
    from pybamm_aea.cycling import cycle_summary

    full = _pybamm_cycle({"calculate discharge energy": "true"}, "Chen2020",
                         ("Discharge at 1C until 3.3 V", "Charge at 1C until 4.0 V"))
    vs_li = ["Mean discharge voltage vs Li [V]", readout.GRAVIMETRIC, readout.VOLUMETRIC]
    for source in ("states", "kernel"):  # (the states' energy is the cell's too)
        table = cycle_summary(full, reference_cycle=1, mass_g=10.0, volume_L=0.005, energy_source=source)
        assert table[vs_li].isna().all().all(), (source, table[vs_li])
        for column in vs_li:
            assert "is a full cell" in table.attrs["Undefined"][column], table.attrs["Undefined"]
    assert 3.3 < table.loc[1, "Mean discharge voltage [V]"] < 4.0
    assert table.loc[1, "Discharge energy in cycle [W.h]"] > 0
    step = full.cycles[0].steps[0]
    with pytest.raises(ValueError, match=r'energy="vs Li" is undefined here: DFN is a full cell .*"working electrode"'):
        readout.delivered(step)
    with pytest.raises(ValueError, match="is a full cell"):
        readout.delivered(step, route="states")
    q, e = readout.delivered(step, energy="cell")
    assert q > 0 and e / q == pytest.approx(table.loc[1, "Mean discharge voltage [V]"], rel=1e-9)
    # the half cell: against its Li counter electrode, the cell's voltage
    half = _pybamm_cycle({"working electrode": "positive"}, "Xu2019",
                         ("Discharge at 1C until 3.5 V", "Charge at 1C until 4.1 V"))
    table = cycle_summary(half, reference_cycle=1, mass_g=10.0)
    assert table.loc[1, "Mean discharge voltage vs Li [V]"] == table.loc[1, "Mean discharge voltage [V]"] > 3.5
    assert "Mean discharge voltage vs Li [V]" not in table.attrs["Undefined"]
    assert readout.delivered(half.cycles[0].steps[0]) == readout.delivered(half.cycles[0].steps[0], energy="cell")


def test_pybamms_other_battery_models_have_no_voltage_against_li():
    """Review R37: an equivalent circuit (Thevenin) read "Mean discharge voltage vs Li [V]" 3.524 V, its cell voltage,
    with nothing in attrs["Undefined"] (only PyBaMM's lithium-ion full cells were told): no cathode against Li there."""
    import pybamm

    from pybamm_aea.cycling import cycle_summary

    solution = pybamm.Simulation(pybamm.equivalent_circuit.Thevenin(), experiment=pybamm.Experiment(
        [("Discharge at 0.5C until 3.2 V", "Charge at 0.5C until 4.1 V")])).solve()
    table = cycle_summary(solution, reference_cycle=1)
    assert math.isnan(table.loc[1, "Mean discharge voltage vs Li [V]"]), table.loc[1]
    assert 3.2 < table.loc[1, "Mean discharge voltage [V]"] < 4.1
    assert table.attrs["Undefined"]["Mean discharge voltage vs Li [V]"].startswith(
        "Thevenin is PyBaMM's equivalent circuit model, no lithium cathode against Li metal")
    assert readout.vs_li_undefined(pybamm.lead_acid.LOQS()).startswith("LOQS is PyBaMM's lead acid model")
    assert readout.vs_li_undefined(pybamm.BaseModel()) == ""  # (a model of the user's own: as documented)
    # review R38: a user's subclass raised "IndexError: list index out of range" (MyLOQS) or was read against Li
    # (MyThevenin); PyBaMM's sodium-ion DFN was told of a Li reference and a half cell it has not

    class MyLOQS(pybamm.lead_acid.LOQS):
        pass

    class MyThevenin(pybamm.equivalent_circuit.Thevenin):
        pass

    assert readout.vs_li_undefined(MyLOQS()).startswith("MyLOQS is PyBaMM's lead acid model, no lithium cathode")
    assert readout.vs_li_undefined(MyThevenin()).startswith("MyThevenin is PyBaMM's equivalent circuit model")
    assert readout.vs_li_undefined(pybamm.sodium_ion.BasicDFN()).startswith("BasicDFN is PyBaMM's sodium ion model")


def test_discharges_of_a_model_without_discharge_capacity_are_read_from_its_current():
    """Session 58: PyBaMM's Thevenin has no "Discharge capacity [A.h]"; discharge_steps and step_table of its solution
    ended in PyBaMM's bare KeyError "'Discharge capacity [A.h]' not found". Now its current's integral: 1C (100 A) for
    10 minutes is 16.667 A.h, the charge of 5 minutes -8.333 A.h; its voltage is still no cathode's against Li."""
    import pybamm

    solution = pybamm.Simulation(pybamm.equivalent_circuit.Thevenin(), experiment=pybamm.Experiment(
        ["Discharge at 1C for 10 minutes", "Rest for 5 minutes", "Charge at 1C for 5 minutes"])).solve()
    (q, e, Q, V), = readout.discharge_steps(solution, energy="cell")
    assert q == pytest.approx(100 * 600 / 3600, rel=1e-9)
    assert Q[0] == 0 and Q[-1] == pytest.approx(q, rel=1e-12) and Q.size == V.size
    assert (q, e) == readout.delivered(solution.cycles[0].steps[0], energy="cell")
    with pytest.raises(ValueError, match="energy=\"vs Li\" is undefined here: Thevenin is PyBaMM's equivalent circuit"):
        readout.discharge_steps(solution)
    table = readout.step_table(solution)
    np.testing.assert_allclose(table["capacity [mA.h]"], [16666.667, 0.0, -8333.333], rtol=1e-7, atol=1e-9)
    assert table["energy [mW.h]"].isna().all()


@pytest.mark.parametrize("model", ["SPM", "Thevenin"])
def test_electrode_mass_volume_of_a_pybamm_model_is_refused_naming_it(model):
    """Session 59: electrode_mass_volume of PyBaMM's SPM (Chen2020) or Thevenin ended in PyBaMM's bare KeyError
    "'Cathode electrode mass [g]' not found. Best matches are [...]": a ValueError naming the model, the AEA
    cathode's variables it reads (either basis) and the mass_g= to give instead."""
    import pybamm

    built = (pybamm.lithium_ion.SPM() if model == "SPM" else pybamm.equivalent_circuit.Thevenin())
    values = pybamm.ParameterValues("Chen2020") if model == "SPM" else None
    solution = pybamm.Simulation(built, parameter_values=values).solve([0, 600])
    for basis, names in (("charged", (readout.MASS, readout.VOLUME)),
                         ("end of discharge", (readout.MASS_NOW, readout.VOLUME_NOW))):
        said = (f"electrode_mass_volume reads an AEA cathode's variables {names[0]!r} and {names[1]!r}; the {model} "
                f"solution gives neither {names[0]!r} nor {names[1]!r} (PyBaMM's own models have no electrode mass")
        with pytest.raises(ValueError, match=re.escape(said)):  # (until R42 "gives not 'X' nor 'Y'")
            readout.electrode_mass_volume(solution, basis=basis)
    with pytest.raises(ValueError, match="basis must be 'charged' or 'end of discharge'.* got 'discharged'"):
        readout.electrode_mass_volume(solution, basis="discharged")


def test_electrode_mass_volume_missing_one_variable_says_which():
    """A solution giving the mass but not the volume (a solve whose output_variables kept one): "does not give
    'Cathode electrode volume [L]'" (until R42 "gives not 'Cathode electrode volume [L]'")."""
    from types import SimpleNamespace

    class AEAStub:
        variables = {readout.MASS: None}

    with pytest.raises(ValueError, match=re.escape(f"the AEAStub solution does not give {readout.VOLUME!r} (PyBaMM's")):
        readout.electrode_mass_volume(SimpleNamespace(all_models=[AEAStub()]))


def test_a_step_without_capacity_or_current_is_refused_naming_the_model():
    """A step whose model has neither "Discharge capacity [A.h]" nor "Current [A]" (a model of the user's own; a solve
    of the solver's output_variables without them): its capacity is unknown, said naming the model."""
    import pybamm

    class Step:
        all_models = [pybamm.BaseModel()]

    with pytest.raises(ValueError, match=r'the BaseModel solution gives neither "Discharge capacity \[A.h\]" nor '
                                         r'"Current \[A\]"'):
        readout.discharge_capacity(Step())


def test_a_time_series_given_for_a_solution_is_refused_naming_cycle_summary():
    """A dict or DataFrame of columns (measured data, get_data_dict) given to the step readouts ended in
    "AttributeError: 'dict' object has no attribute 'all_models'" (discharge_steps, delivered, step_table, time_series)
    or "'numpy.ndarray' object has no attribute 'entries'" (delivered_charge), "'dict' object has no attribute
    'cycles'" (experiment_cycle_numbers, until session 58's R39): it has no steps nor model."""
    import pandas as pd

    series = {"Time [s]": np.array([0.0, 3600.0]), "Current [A]": np.array([1.0, 1.0]),
              "Voltage [V]": np.array([3.0, 2.0])}
    calls = {"discharge_steps": lambda x: readout.discharge_steps(x), "delivered": lambda x: readout.delivered(x),
             "delivered_charge": lambda x: readout.delivered_charge(x), "step_table": lambda x: readout.step_table(x),
             "time_series": lambda x: readout.time_series(x, ["Voltage [V]"]),
             "iter_steps": lambda x: list(readout.iter_steps(x)),
             "experiment_cycle_numbers": lambda x: readout.experiment_cycle_numbers(x, ["Discharge at 1C for 1 hour"])}
    for name, call in calls.items():
        for data, kind in ((series, "dict"), (pd.DataFrame(series), "DataFrame")):
            with pytest.raises(TypeError, match=re.escape(
                    f"{name} takes a PyBaMM solution, got a time series ({kind}), which has no steps nor model: "
                    "pybamm_aea.cycling.cycle_summary(series, series_voltage=...) reads one")):
                call(data)


def test_a_wrong_object_for_a_solution_is_refused_naming_what_was_given():
    """Session 59: a step's stand-in is a mapping of variable names to processed variables (a
    ``pybamm.ProcessedVariable``, or an object whose ``entries`` is a numpy array, as convergence's tests pass); until
    then any mapping whose values had an ``entries`` attribute passed, and anything not a mapping. A dict of PyBaMM
    solutions was called "a time series (dict)"; one processed variable (a solution's "Voltage [V]") passed the check
    and ended in "'ProcessedVariable0D' object is not subscriptable" (delivered_charge) or "... has no attribute
    'all_models'" (delivered) inside."""
    from types import SimpleNamespace

    import pandas as pd
    import pybamm

    solution = pybamm.Simulation(pybamm.lithium_ion.SPM()).solve([0, 60])
    series = {"Time [s]": np.array([0.0, 3600.0]), "Current [A]": np.array([1.0, 1.0])}
    time_series = ("delivered_charge takes a PyBaMM solution, got a time series ({}), which has no steps nor model: "
                   "pybamm_aea.cycling.cycle_summary(series, series_voltage=...) reads one")
    wrong = [
        (pd.DataFrame(series), time_series.format("DataFrame")),
        (series, time_series.format("dict")),
        ({"1C": solution}, "delivered_charge takes one PyBaMM solution, got a dict of solutions ('1C': Solution): "
                           "pass one of them, delivered_charge(solutions['1C'])"),
        (solution["Voltage [V]"], "delivered_charge takes a PyBaMM solution, got one processed variable "
                                  "(ProcessedVariable0D), a solution's variable: pass the solution itself"),
        (SimpleNamespace(entries=np.zeros(2)), "delivered_charge takes a PyBaMM solution, got one processed variable "
                                               "(SimpleNamespace), a solution's variable: pass the solution itself"),
    ]
    for given, message in wrong:
        with pytest.raises(TypeError, match=re.escape(message)):
            readout.delivered_charge(given)
    # the stand-ins pass: a real solution's variables, and arrays as entries (1 A for 1 h: 1 A.h)
    assert readout.delivered_charge({name: solution[name] for name in ("Time [s]", "Current [A]")}) == pytest.approx(
        readout.delivered_charge(solution))
    stand_in = {name: SimpleNamespace(entries=values) for name, values in series.items()}
    assert readout.delivered_charge(stand_in) == pytest.approx(1.0)
    assert readout.delivered_charge(solution) > 0


def test_step_times_are_the_time_variable_and_the_judgements_build_none(monkeypatch):
    """``readout.step_times`` gives each step's "Time [s]" exactly (the solution's own times, at which PyBaMM observes
    the variable), and the post-solve judgements of an experiment (the nucleation mesh judgement, the switch check, the
    delivered charges), which read every step's time, build no processed "Time [s]" (0.21 ms of CPU a step: 0.08 s of
    a 100-cycle run's 400 steps, session 61). A step that is not a PyBaMM solution (a dict of variables) is read by
    name. Catches: the judgements building the variable again (silently slower), or times that are not its."""
    import pybamm

    built, update = [], pybamm.Solution.update

    def recording(self, variables):
        built.extend([variables] if isinstance(variables, str) else list(variables))
        return update(self, variables)

    monkeypatch.setattr(pybamm.Solution, "update", recording)
    cycle = ("Discharge at 1C until 1.8 V", "Rest for 5 minutes", "Charge at 1C until 2.8 V")
    sim = pybamm.Simulation(AEA(), experiment=pybamm.Experiment([cycle]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (the mesh's nucleation warning: the judgement ran)
        solution = sim.solve()
    assert "Current [A]" in built and "Time [s]" not in built
    for step in solution.cycles[0].steps:
        assert readout.step_times(step).tolist() == step["Time [s]"].entries.tolist()
        assert readout.step_times({"Time [s]": step["Time [s]"]}).tolist() == step.t.tolist()
