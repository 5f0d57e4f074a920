"""The mesh check: it must flag the known coarse-mesh results of the multi-phase host and pass the
converged ones (README, known limits: a pristine 1.5 mg/cm2 Mo6S8 compact fills at 0.5C on every
mesh, at 1C only on a coarse one; a rest after the charge relaxes on the Li0/Li1 plateau where
coarse cells pin the interfaces)."""
import functools
import math
import re
import warnings
from types import SimpleNamespace

import pandas as pd
import pybamm
import pytest

from pybamm_aea import AEA
from pybamm_aea.convergence import (HYBRID_NUCLEATION_MESH_CURRENT_DENSITY, MeshDependentNucleationWarning,
                                    compare_meshes, mesh_check, refined_var_pts, verdict)
from pybamm_aea.models.submodels import xi
from pybamm_aea.readout import ESC, electrode_mass_volume
from pybamm_aea.studies.comparison import CELL_SPECS
from pybamm_aea.sweep.config import rescaled_nominal


def lms():
    return pybamm.ParameterValues("Li2021_Mo6S8")


def _solved(values, experiment, cells=None):
    """``experiment`` solved on the AEA model with a copy of ``values``, on ``cells`` cathode cells (the model's default
    mesh if None)."""
    return pybamm.Simulation(AEA(), parameter_values=values.copy(), experiment=experiment,
                             var_pts=None if cells is None else {xi: cells}).solve()


@pytest.fixture(scope="module")
def pristine():
    """A pristine LMS discharge at 0.5C (mesh_check's table, 20 and 40 cells) and at 1C (20 and 160 cells, mesh_check's
    default for a run the mesh decides; "1C, 40 cells": 20 and 40), and the electrode's mass [g] (the model's, of the
    0.5C run on 20 cells; each rate's 20-cell run solved here once and handed to mesh_check)."""
    half_c, one_c = (pybamm.Experiment([f"Discharge at {rate} until 1.8 V"]) for rate in ("0.5C", "1C"))
    coarse, coarse_1c = _solved(lms(), half_c), _solved(lms(), one_c)
    tables = {"0.5C": mesh_check(AEA(), lms(), half_c, coarse_solution=coarse),
              "1C": mesh_check(AEA(), lms(), one_c, coarse_solution=coarse_1c),
              "1C, 40 cells": mesh_check(AEA(), lms(), one_c, factor=2, coarse_solution=coarse_1c)}
    return tables, electrode_mass_volume(coarse)[0]


def test_mesh_check_passes_a_converged_discharge(pristine, readme_figure):
    tables, mass_g = pristine
    table = tables["0.5C"]
    assert table.attrs["var_pts"] == {"coarse": {"xi_c": 20}, "fine": {"xi_c": 40}}
    assert table.attrs["converged"] and table["converged"].all()
    # 128.2 mA.h/g on 20 to 160 cells (README; 128.1776 / 128.1776 / 128.1777 / 128.1778, 2026-12-05, stated 128.18
    # until session 41, 0.0026 from its rounding edge): the same step on both meshes
    assert abs(table.loc[0, "capacity change [%]"]) < 0.01
    assert table.loc[0, "coarse capacity [mA.h]"] == pytest.approx(0.1509, rel=1e-3)
    # the README's figure (its design-sweep section), read from it to its stated digits, on both meshes
    for mesh in ("coarse", "fine"):
        assert table.loc[0, f"{mesh} capacity [mA.h]"] / mass_g == readme_figure(
            "Pristine Mo6S8 at 1.5 mg/cm2: {} mAh/g at 0.5C on 20 and 40 cells",
            "between 0.5C ({} mAh/g on 20 to 160 cells)").approx()
    assert verdict(table).startswith("mesh converged")


def test_mesh_check_flags_the_coarse_mesh_fill_at_1C(pristine, readme_figure):
    """20 cells fill the pristine electrode at 1C (Li1 nucleates cell by cell), 40 and 160 take almost no Li; a run the
    mesh decides (1.93 A/m2 scaled, above 1.5) is compared with 160 cells by default."""
    tables, mass_g = pristine
    table = tables["1C"]
    assert table.attrs["var_pts"] == {"coarse": {"xi_c": 20}, "fine": {"xi_c": 160}} and table.attrs["nucleation"]
    assert not table.attrs["converged"]
    row = table.loc[0]
    assert row["coarse capacity [mA.h]"] > 0.14 and row["fine capacity [mA.h]"] < 1e-3
    assert row["capacity change [%]"] < -99  # fine minus coarse, of the larger of the two
    # the README's example output, read from it to its stated digits (the fine mesh's in units of 1e-7 mA.h)
    assert row["coarse capacity [mA.h]"] == readme_figure(
        "steps moved: ... {} -> {_}e-07 mA.h (-{_} % of the run's largest step)").approx()
    assert row["fine capacity [mA.h]"] * 1e7 == readme_figure(
        "steps moved: ... {_} -> {}e-07 mA.h (-{_} % of the run's largest step)").approx()
    assert -row["capacity change [%]"] == readme_figure(
        "steps moved: ... {_} -> {_}e-07 mA.h (-{} % of the run's largest step)").approx()
    assert row["coarse capacity [mA.h]"] / mass_g == readme_figure("converged; at 1C {} on 20 and {_} on 40").approx()
    forty = tables["1C, 40 cells"].loc[0]
    assert forty["fine capacity [mA.h]"] / mass_g == readme_figure("converged; at 1C {_} on 20 and {} on 40").approx()
    text = verdict(table)
    assert text.startswith("NOT mesh converged, 1 of 1") and "Discharge at 1C until 1.8 V" in text


def test_verdict_says_what_a_capacity_change_is_a_percentage_of():
    """A step's capacity change is in % of the run's largest step, and the verdict says so: a 2C discharge after a
    0.05C one that went from 0.04688 to 0.0001092 mA.h (S-LMS at 60 C, 20 -> 40 cells, a user trial) read
    "(-6.91 %)", as if it had lost 7 % of its capacity rather than all of it."""
    table = pd.DataFrame({
        "cycle": [1, 2], "step": [0, 0], "description": ["Discharge at 0.05C until 1 V", "Discharge at 2C until 1 V"],
        "coarse capacity [mA.h]": [0.677096, 0.046878], "fine capacity [mA.h]": [0.677026, 0.0001092],
        "coarse termination": ["event", "event"], "fine termination": ["event", "event"],
        "end voltage change [mV]": [0.0, 0.0], "converged": [True, False]})
    table["capacity change [%]"] = 100 * (table["fine capacity [mA.h]"] - table["coarse capacity [mA.h]"]) / 0.677096
    text = verdict(table)
    assert "Discharge at 2C until 1 V: capacity 0.04688 -> 0.0001092 mA.h (-6.91 % of the run's largest step)" in text


def test_mesh_check_flags_a_rest_voltage_that_moves(readme_figure):
    """The charge stops on the same capacity on both meshes, but the rest after it relaxes to
    2.32 V on 20 cells and 2.29 V on 40: only the rest is flagged, by its voltage. The 20-cell run
    is passed in already solved (``coarse_solution``), as the command line does."""
    experiment = pybamm.Experiment([("Discharge at 0.1C until 1.8 V", "Charge at 0.1C until 2.8 V",
                                     "Rest for 30 minutes")])
    coarse = _solved(lms(), experiment, 20)
    table = mesh_check(AEA(), lms(), experiment, {xi: 20}, coarse_solution=coarse)
    assert table["converged"].tolist() == [True, True, False]
    rest = table.loc[2]
    assert rest["coarse capacity [mA.h]"] == rest["fine capacity [mA.h]"] == 0
    assert -50 < rest["end voltage change [mV]"] < -20
    assert 2.28 < rest["fine end voltage [V]"] < 2.31  # the Li0/Li1 plateau, 2.30 V
    assert rest["coarse end voltage [V]"] == coarse.cycles[0].steps[2]["Voltage [V]"].entries[-1]
    # the README's figures, read from it to their stated digits
    assert rest["coarse end voltage [V]"] == readme_figure("relaxes to {} V on 20 cells, {_} V on 40").approx()
    assert rest["fine end voltage [V]"] == readme_figure("relaxes to {_} V on 20 cells, {} V on 40").approx()
    # a looser voltage tolerance passes it; the capacity tolerance alone never looked at it
    fine = _solved(lms(), experiment, 40)
    assert compare_meshes(coarse, fine, voltage_tolerance=0.05).attrs["converged"]
    assert not compare_meshes(coarse, fine).attrs["converged"]


def test_the_rest_after_the_charge_on_each_mesh_is_the_readmes(readme_figure):
    """The README's rest after the 0.1C charge (30 min on 20 / 40 cells: the test above): after 30 min 2.293 V on 80
    and 160 cells, after 5.5 h 2.322 / 2.290 / 2.300 / 2.300 V on 20 / 40 / 80 / 160 (measured 2026-12-05:
    2.29318, 2.29302; 2.32215, 2.29005, 2.29987, 2.29957; 3-5.5 s for the four meshes)."""
    experiment = pybamm.Experiment([("Discharge at 0.1C until 1.8 V", "Charge at 0.1C until 2.8 V",
                                     "Rest for 30 minutes", "Rest for 300 minutes")])
    rest = {}  # cells: (voltage after 30 min, after 5.5 h) [V]
    for cells in (20, 40, 80, 160):
        steps = _solved(lms(), experiment, cells).cycles[0].steps
        rest[cells] = tuple(step["Voltage [V]"].entries[-1] for step in steps[2:])
    for cells in (80, 160):
        assert rest[cells][0] == readme_figure("2.288 V on 40 and {} V on 80 and 160").approx(), cells
    assert rest[20][1] == readme_figure("after 5.5 h {} / {_} / {_} / {_} V").approx()
    assert rest[40][1] == readme_figure("after 5.5 h {_} / {} / {_} / {_} V").approx()
    assert rest[80][1] == readme_figure("after 5.5 h {_} / {_} / {} / {_} V").approx()
    assert rest[160][1] == readme_figure("after 5.5 h {_} / {_} / {_} / {} V").approx()


@pytest.mark.parametrize("factor", [1, 2.5, True, "2"])
def test_refinement_factor_must_be_an_integer_above_one(factor):
    with pytest.raises(ValueError, match=f"factor must be an integer >= 2, got {factor!r}"):
        refined_var_pts({xi: 20}, factor)


class _NeverSolved:
    """A model stand-in that fails the test if :func:`mesh_check` goes on to build and solve a mesh."""

    default_var_pts = {xi: 20}

    def new_copy(self):
        raise AssertionError("mesh_check solved before checking its tolerances")


def test_bad_mesh_and_tolerances_are_named():
    with pytest.raises(ValueError, match=r"var_pts\[.*\] must be a positive integer, got 0"):
        refined_var_pts({xi: 0})
    assert refined_var_pts({xi: 20, "r_p": 7}, 3) == {xi: 60, "r_p": 21}
    experiment = pybamm.Experiment(["Rest for 1 minute"])
    one = _solved(lms(), experiment)
    for name in ("capacity_tolerance", "voltage_tolerance"):
        # an infinite tolerance passed every comparison (converged whatever the meshes gave); nan, negative refused
        for bad in (-0.1, math.inf, math.nan, True):
            with pytest.raises(ValueError, match=rf"{name} must be a finite positive number, got {bad!r}"):
                compare_meshes(one, one, **{name: bad})
        with pytest.raises(ValueError, match=rf"{name} must be a finite positive number, got inf"):
            mesh_check(_NeverSolved(), lms(), experiment, **{name: math.inf})  # refused before either solve
    two = _solved(lms(), pybamm.Experiment(["Rest for 1 minute"] * 2))
    with pytest.raises(ValueError, match="1 and 2 steps: not one experiment"):
        compare_meshes(one, two)


AEA_ROWS = [spec for spec in CELL_SPECS if isinstance(spec.simulation, str)]


@pytest.mark.slow
@pytest.mark.parametrize("spec", AEA_ROWS, ids=[spec.simulation for spec in AEA_ROWS])
def test_the_main_jobs_aea_cells_are_mesh_converged(spec, readme_figure):
    """The main job's AEA rows (formation + 3 cycles at 0.1C, with each set's degradation options)
    are the physics', not the 20-cell mesh's: every step's capacity within 0.1 % of the largest on
    40 cells (measured 2026-12-05, pybammsolvers 0.11.1: 0.0675 % LMS, 0.0023 % LTS, 0.0128 % S-LMS, end voltages
    0.0058 / 2e-7 / 0.0146 mV; session 47, with the host's transport across the swollen layer: 0.0654 / 0.0023 /
    0.0250 %, 0.194 / 2e-7 / 0.131 mV, the README's 0.07, 0.002 and 0.025 % (S-LMS 40 -> 80 cells 0.036 %, 0.028 before:
    not shrinking with the mesh: the solver's tolerance, session 48, each mesh's own rtol 1e-4 error being 0.02-0.06 %
    against rtol 1e-8, larger than the mesh's change from 40 cells on; at rtol 1e-8 it falls in first order, the next
    test); before, the README stated 0.07, 0.002 and 0.01 %: 0.068 sat 5e-5 from its rounding edge; 2026-12-04: 0.068,
    0.005, 0.028 %; 2026-12-01: 0.059, 0.0005, 0.022 %), end voltages within
    0.25 mV: a step ended by its cut-off ends on the consistent state past it by up to the solver's tolerance
    (ConsistentEventIDAKLUSolver; 0.113 mV between the meshes at S-LMS's third charge to 3 V with casadi 3.8.1 /
    pybammsolvers 0.11.1, below 0.1 mV before). Catches: a default mesh too coarse for the cells the README
    reports."""
    check = mesh_check(AEA(spec.model_options()), spec.parameter_values(), spec.build(3).experiment)
    print(check[["description", "capacity change [%]", "end voltage change [mV]"]])
    assert check.attrs["converged"], verdict(check)
    assert check["capacity change [%]"].abs().max() < 0.1
    # the README's figures (its section on mesh convergence), read from it to their stated digits
    figure = {"Li2021_Mo6S8": readme_figure("LTS and S-LMS rows move by {}, {_} and {_} % of their largest step"),
              "Li2021_TiS2": readme_figure("LTS and S-LMS rows move by {_}, {} and {_} % of their largest step"),
              "Li2021_S_Mo6S8": readme_figure("LTS and S-LMS rows move by {_}, {_} and {} % of their largest step")}
    # (S-LMS's change is the solver's own error, 0.02-0.06 % on each mesh at rtol 1e-4 (session 48): 0.025 % on the
    # processor of sessions 45-59, 0.044 % on session 60's; LMS's and LTS's are the mesh's, the same on both)
    solver_error = 0.035 if spec.simulation == "Li2021_S_Mo6S8" else 0.0
    assert check["capacity change [%]"].abs().max() == figure[spec.simulation].approx(tolerance=solver_error)
    assert check["end voltage change [mV]"].abs().max() < 0.25


#: the solver's rtol at which the S-LMS row's change on doubling the mesh shows its order (session 48): at the default
#: 1e-4 each mesh's own solver error, 0.02-0.06 % of the largest step against rtol 1e-8, hides the mesh's change
TIGHT_RTOL = 1e-8


@pytest.mark.slow
def test_the_s_lms_rows_mesh_change_falls_with_the_mesh_at_a_tight_tolerance():
    """At the default rtol 1e-4 the S-LMS row's largest change on doubling the mesh did not shrink (0.0250 / 0.0360 /
    0.0811 % from 20 -> 40 / 40 -> 80 / 80 -> 160 cells, of either sign): each mesh's own solver error is 0.022 / 0.020
    / 0.056 / 0.022 % of the largest step against rtol 1e-8 on 20 / 40 / 80 / 160 cells. At rtol 1e-8 the change falls
    in first order, 0.0139 / 0.0073 / 0.0037 % (x 0.53, 0.51 per doubling), every step after the formation discharge
    by about the same amount: the first charge passes 0.078 uA.h more on 20 cells than on 40 (above 2.4 V, as the Li0
    layer forms at the separator and blocks), and each later step moves by about as much (measured 2026-12-06,
    session 48; at rtol 1e-6 0.0161 / 0.0087 / 0.0036 %, at 1e-5 0.0135 / 0.0123 / 0.0093 %, not falling cleanly;
    docs/known_limits.rst). Catches: a discretisation that stops converging (a term tied to a cell rather than to a
    length, a face's flux not consistent with the cells'), whose change stops falling with the mesh."""
    spec = next(spec for spec in AEA_ROWS if spec.simulation == "Li2021_S_Mo6S8")
    experiment = spec.build(3).experiment
    runs = {}
    for cells in (20, 40, 80):
        model = AEA(spec.model_options())
        runs[cells] = pybamm.Simulation(model, parameter_values=spec.parameter_values(), experiment=experiment,
                                        var_pts={xi: cells}, solver=model.default_solver_with(rtol=TIGHT_RTOL)).solve()
    changes = [compare_meshes(runs[coarse], runs[fine])["capacity change [%]"] for coarse, fine in ((20, 40), (40, 80))]
    print("S-LMS change on doubling the mesh at rtol 1e-8 [%]:", [change.round(4).tolist() for change in changes])
    largest = [change.abs().max() for change in changes]
    # first order: halved on each doubling (x 0.53 measured); a change that stops falling is above 0.67
    assert largest[1] < largest[0] / 1.5
    # each step after the formation discharge (a charge's capacity negative): moved the same way on both doublings,
    # and by less on the second (x 0.52-0.59 measured)
    later = [change.iloc[1:] for change in changes]
    assert (later[0] * later[1] > 0).all()
    assert (later[1].abs() < later[0].abs() / 1.5).all()
    # and within the test above's 0.1 %
    assert largest[0] < 0.1

def test_a_coarse_solution_of_another_mesh_is_refused():
    """A run solved on 10 cells passed as coarse_solution without its var_pts was compared with 40 cells and
    labelled 20 -> 40 ("mesh converged"); now a ValueError naming both cell counts, before any solve."""
    experiment = pybamm.Experiment(["Rest for 1 minute"])
    ten = _solved(lms(), experiment, 10)
    with pytest.raises(ValueError, match="coarse_solution was solved on 10 cathode cells, but var_pts has 20"):
        mesh_check(AEA(), lms(), experiment, coarse_solution=ten)
    table = mesh_check(AEA(), lms(), experiment, {xi: 10}, coarse_solution=ten)
    assert table.attrs["var_pts"] == {"coarse": {"xi_c": 10}, "fine": {"xi_c": 20}}


def _lms_at(loading_mg_cm2, temperature):
    """The LMS set at ``loading_mg_cm2`` and ``temperature`` [K], its C-rate basis rescaled with the loading (1C
    still one hour on the electrode simulated: pybamm_aea.sweep.config.rescaled_nominal)."""
    values = lms()
    base = values["Cathode loading [kg.m-2]"]
    values.update({"Cathode loading [kg.m-2]": loading_mg_cm2 * 1e-2, "Ambient temperature [K]": temperature,
                   "Nominal cell capacity [A.h]": rescaled_nominal(
                       "Li2021_Mo6S8", values["Nominal cell capacity [A.h]"], base, loading_mg_cm2 * 1e-2)})
    return values


def _mesh_warned(solve):
    """(what ``solve()`` returns, the texts of the MeshDependentNucleationWarnings it gave)."""
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        solution = solve()
    return solution, [str(w.message) for w in record if issubclass(w.category, MeshDependentNucleationWarning)]


def _nucleation_warned(values, experiment, cells=None):
    """(the solution of :func:`_solved`, the texts of the MeshDependentNucleationWarnings its solve gave)."""
    return _mesh_warned(lambda: _solved(values, experiment, cells))


#: a pristine LMS compact's first discharge at 25 C: the separator current density [A.m-2] scaled to 70 C with the
#: phases' 30 kJ/mol (x 4.89 at 25 C) decides whether the default 20 cells answer as 80-160 do (measured 2026-12-05,
#: session 41, docs/known_limits.rst "thick, cold compacts"): here at 1.42 and 1.75 A/m2 they do (the second above the
#: warning's 1.5, set by the paper's thin cell at 70 C: test_the_papers_cell_at_70c_just_above_1p5_a_m2_is_warned), at
#: 2.83 A/m2 they do not
@functools.cache
def _pristine_discharge(loading_mg_cm2, c_rate, temperature=298.15, cells=None):
    """(mA.h per g of electrode, mean voltage [V], the texts of the MeshDependentNucleationWarnings it gave) of the
    first discharge of a pristine LMS compact of ``loading_mg_cm2`` at ``temperature`` [K] and ``c_rate`` (on its own
    capacity) to 1.8 V, on ``cells`` cathode cells (the default mesh if None). Cached: the mesh tests and the warning
    test ask for the same default-mesh discharges (4.5 mg/cm2 at 0.05C and at 0.1C, 25 C)."""
    solution, said = _nucleation_warned(_lms_at(loading_mg_cm2, temperature),
                                        pybamm.Experiment([f"Discharge at {c_rate}C until 1.8 V"]), cells)
    q = solution[ESC].entries
    Q, E = (solution[name].entries for name in ("Discharge capacity [A.h]", "Discharge energy [W.h]"))
    return abs(q[-1] - q[0]), abs(E[-1] - E[0]) / abs(Q[-1] - Q[0]), said


@pytest.mark.slow
@pytest.mark.parametrize("loading, c_rate", [(4.5, 0.05), (13.91, 0.02)])
def test_a_cold_thick_compact_below_the_nucleation_current_is_mesh_converged(loading, c_rate):
    """3x the paper's 1.5 mg/cm2 at 0.05C and the paper's 13.91 mg/cm2 at 0.02C, at 25 C (1.42 and 1.75 A/m2 scaled
    to 70 C; the second above the warning's 1.5, a converged run it flags): the default mesh's first discharge within
    1 % of 80 cells' in capacity and mean voltage (128.12 / 128.14 mA.h/g, 2.052 / 2.062 V; 107.9 / 107.5, 2.037 /
    2.047 V; measured 2026-12-05). Catches a default mesh or a phase transport that moves a converged thick cold
    discharge."""
    coarse, fine = _pristine_discharge(loading, c_rate)[:2], _pristine_discharge(loading, c_rate, cells=80)[:2]
    print(f"{loading} mg/cm2, {c_rate}C, 25 C: 20 / 80 cells {coarse} / {fine}")
    assert fine[0] > 100  # the compact is discharged
    assert coarse[0] == pytest.approx(fine[0], rel=0.01) and coarse[1] == pytest.approx(fine[1], rel=0.01)


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason=(
    "known limit (docs/known_limits.rst, thick, cold compacts): 3x the paper's loading (4.5 mg/cm2) at 0.1C and "
    "25 C, 2.83 A/m2 scaled to 70 C, above the 1.5 A/m2 up to which the 20-cell mesh's Li1 nucleation at the "
    "separator agrees with finer meshes: 115.47 / 115.55 / 0.023 / 0.003 mA.h/g on 20 / 40 / 80 / 160 cells "
    "(measured 2026-12-05); mesh_check's default factor 2 says converged. The solve warns "
    "(MeshDependentNucleationWarning, test_a_pristine_discharge_the_mesh_decides_is_warned)"))
def test_a_cold_thick_compact_at_a_tenth_c_is_mesh_converged():
    coarse, fine = _pristine_discharge(4.5, 0.1), _pristine_discharge(4.5, 0.1, cells=80)
    assert coarse[0] == pytest.approx(fine[0], rel=0.01)


def test_a_pristine_discharge_the_mesh_decides_is_warned():
    """3x the paper's loading at 0.1C and 25 C discharged 115.5 mA.h/g on the default mesh without a word (0.023 /
    0.003 on 80 / 160 cells): warned, with its current density scaled to 70 C (2.83 A/m2) against the 1.5 A/m2
    measured; below it (0.05C: 1.42 A/m2, converged) and at 70 C and 0.1C, or after a formation, not."""
    said = _pristine_discharge(4.5, 0.1)[2]
    assert len(said) == 1 and said[0].startswith(
        "step 1, the first discharge of a host starting in its Li0 phase (pristine Mo6S8), runs at 0.58 A/m2 and 25 C, "
        "as 2.83 A/m2 would at 70 C (the host's 30 kJ/mol): above the 1.5 A/m2 up to which 20, 40 and 80 cells answer as "
        "160-320 cells do"), said
    assert "check with pybamm_aea.mesh_check, which compares such a run with 8x its cells" in said[0]
    assert _pristine_discharge(4.5, 0.05)[2] == []
    assert _pristine_discharge(4.5, 0.1, 343.15)[2] == []
    formed = pybamm.Experiment(["Discharge at 0.1C until 1.8 V", "Charge at 0.1C until 2.8 V",
                                "Discharge at 1C until 1.8 V"])
    assert _nucleation_warned(lms(), formed)[1] == []  # the set's own cell, 1.5 mg/cm2 at 70 C


@pytest.mark.parametrize("cells", [20, pytest.param(40, marks=pytest.mark.slow),
                                   pytest.param(80, marks=pytest.mark.slow)])
def test_the_papers_cell_at_70c_just_above_1p5_a_m2_is_warned(cells):
    """The paper's pristine cell at 70 C and 0.8C (1.546 A/m2) fills on 20, 40 and 80 cells (128.17 mA.h/g) and takes
    nothing on 160 and 320 (0.011 / 0.008), but was not warned: the pristine threshold was 1.8 A/m2, read on 20 cells
    from the thick / cold runs at 1.79 / 1.89, and on every mesh. At 0.75C (1.449 A/m2) every mesh fills as 160
    cells do (measured 2026-12-05, session 45). Now warned above 1.5 A/m2 on each mesh below 160 cells."""
    from pybamm_aea.convergence import NUCLEATION_MESH_CURRENT_DENSITY

    # (the quiet case at 0.75C, 1.449 A/m2: 0.775C, 1.498 A/m2, also converges, but 0.13 % below the threshold)
    experiment = (pybamm.Experiment([f"Discharge at {rate}C until 1.8 V"]) for rate in (0.8, 0.75))
    (above, said), (below, quiet) = (_nucleation_warned(lms(), e, cells) for e in experiment)
    assert len(said) == 1 and said[0].startswith(
        "step 1, the first discharge of a host starting in its Li0 phase (pristine Mo6S8), runs at 1.55 A/m2 and 70 C: "
        f"above the {NUCLEATION_MESH_CURRENT_DENSITY:g} A/m2"), said  # (at 70 C and the set's mobility: once)
    assert quiet == [], quiet
    for solution in (above, below):  # (both fill on this mesh; at 0.8C 160 cells do not)
        assert abs(solution[ESC].entries[-1] - solution[ESC].entries[0]) > 128


def test_the_nucleation_current_is_the_steps_time_weighted_mean():
    """A discharge whose current rises toward the cut-off (a power or voltage step), the solver's samples crowding
    there: the mean of the samples (2.69 A/m2 at 70 C here) was compared with the 1.8 A/m2 threshold (1.5 since
    session 45) and warned of a discharge at 1.47 A/m2 over its time; now the time-weighted mean, and a zero-length
    step passes no charge."""
    from types import SimpleNamespace

    import numpy as np

    from pybamm_aea.convergence import nucleation_mesh_warning

    values = lms()  # (70 C)
    area = values["Electrode width [m]"] * values["Electrode height [m]"] * values[
        "Number of electrodes connected in parallel to make a cell"]
    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})

    def step(t, density):
        return {"Time [s]": SimpleNamespace(entries=np.asarray(t, float)),
                "Current [A]": SimpleNamespace(entries=np.asarray(density, float) * area),
                "Ambient temperature [K]": SimpleNamespace(entries=np.full(len(t), 343.15))}

    rising = step([0, 3000, 3500, 3550, 3580, 3595, 3600], [1.4, 1.45, 1.5, 2.5, 3.5, 4, 4.5])
    assert nucleation_mesh_warning(model, values, [rising]) is None
    steady = step([0, 3000, 3500, 3550, 3580, 3595, 3600], [2.0] * 7)
    said = nucleation_mesh_warning(model, values, [step([5, 5], [3, 3]), steady])
    assert said.startswith("step 2, the first discharge of a host starting in its Li0 phase (pristine Mo6S8), runs at "
                           "2 A/m2 and 70 C"), said


def test_the_nucleation_current_is_scaled_by_the_li0_mobility_factors():
    """Whether Li1 nucleates in a pristine compact's Li0 before the cut-off is set by Li0's mobility, which the
    temperature scales through the host's Arrhenius law and the diffusivity factors scale by hand. The warning scaled
    the current by the temperature only: the paper's cell at 0.1C and 70 C (0.193 A/m2) with Li0's mobility x 0.1 gave
    128.18 mA.h/g on 20 cells and 0.004 on 160 without a word, and with Li0's x 10 at 1C (1.93 A/m2: 128.157 on 20 and
    160 cells, converged) it warned. Now the current is divided by "Cathode Li diffusivity factor" x "Li0 film Li
    diffusivity factor" (measured 2026-12-05, docs/known_limits.rst "Thick, cold compacts")."""
    import numpy as np

    from pybamm_aea.convergence import NUCLEATION_MESH_CURRENT_DENSITY, nucleation_mesh_warning

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})

    def said(density, **factors):
        values = lms()  # (70 C, pristine)
        values.update(factors)
        area = values["Electrode width [m]"] * values["Electrode height [m]"] * values[
            "Number of electrodes connected in parallel to make a cell"]
        t = np.array([0.0, 1800.0, 3600.0])
        step = {"Time [s]": SimpleNamespace(entries=t), "Current [A]": SimpleNamespace(entries=np.full(3, density * area)),
                "Ambient temperature [K]": SimpleNamespace(entries=np.full(3, 343.15))}
        return nucleation_mesh_warning(model, values, [step])

    assert said(0.193) is None  # the paper's cell at 0.1C
    slow_li0 = said(0.193, **{"Li0 film Li diffusivity factor": 0.1})
    assert slow_li0 is not None and slow_li0.startswith(
        "step 1, the first discharge of a host starting in its Li0 phase (pristine Mo6S8), runs at 0.193 A/m2 and 70 C, "
        "as 1.93 A/m2 would at 70 C and the sets' Li0 mobility (its Li0 phase's mobility x 0.1 from the diffusivity "
        f"factors): above the {NUCLEATION_MESH_CURRENT_DENSITY:g} A/m2"), slow_li0
    assert said(0.193, **{"Cathode Li diffusivity factor": 0.1}) is not None
    assert said(0.193, **{"Cathode Li diffusivity factor": 0.1, "Li0 film Li diffusivity factor": 10.0}) is None
    assert said(1.93, **{"Li0 film Li diffusivity factor": 10.0}) is None  # converged at 1C
    assert said(1.93) is not None  # the set's Li0 at 1C: the mesh's (0.03 mA.h/g on 40 cells)
    # (just above the threshold the current is told from it: not "runs at 1.5 A/m2 ... above the 1.5 A/m2", review)
    density = 1.002 * NUCLEATION_MESH_CURRENT_DENSITY
    beside = said(density)
    assert f"runs at {density:.4g} A/m2 and 70 C: above the {NUCLEATION_MESH_CURRENT_DENSITY:g} A/m2" in beside, beside


def test_a_slow_li0_pristine_discharge_is_warned():
    """The paper's 1.5 mg/cm2 cell at 0.1C and 70 C with "Li0 film Li diffusivity factor" 0.1: 128.19 mA.h/g on the
    default 20 cells, 0.005 on 160 (measured 2026-12-05); it said nothing, and is now warned."""
    values = lms()
    values["Li0 film Li diffusivity factor"] = 0.1
    said = _nucleation_warned(values, pybamm.Experiment(["Discharge at 0.1C until 1.8 V"]))[1]
    assert len(said) == 1 and "its Li0 phase's mobility x 0.1 from the diffusivity factors" in said[0], said


def _mesh_warnings(solve):
    """The MeshDependentNucleationWarning texts ``solve()`` emits (:func:`_mesh_warned`)."""
    return _mesh_warned(solve)[1]


def test_a_starting_solution_is_read_from_its_first_step_and_a_formed_discharge_is_not_warned():
    """3x the paper's loading at 25 C: a 1-minute rest solved first, then the 0.1C discharge from it (starting_solution;
    2.83 A/m2 scaled, 115.5 mA.h/g on 20 cells, 0.023 on 80) said nothing; warned now, as step 2 of the run. A
    discharge after a charge is not: formed at 0.05C, then 0.2C (5.67 A/m2 scaled) gives 75.94 / 75.77 / 75.74
    mA.h/g on 20 / 80 / 160 cells (measured 2026-12-05), converged far above the pristine 1.5 A/m2."""
    values = _lms_at(4.5, 298.15)
    rest = pybamm.Simulation(AEA(), parameter_values=values.copy(),
                             experiment=pybamm.Experiment(["Rest for 1 minute"])).solve()
    then = pybamm.Simulation(AEA(), parameter_values=values.copy(),
                             experiment=pybamm.Experiment(["Discharge at 0.1C until 1.8 V"]))
    said = _mesh_warnings(lambda: then.solve(starting_solution=rest))
    assert len(said) == 1 and said[0].startswith("step 2, the first discharge of a host starting in its Li0 phase"), said
    formed = pybamm.Experiment(["Discharge at 0.05C until 1.8 V", "Charge at 0.05C until 2.8 V",
                                "Discharge at 0.2C until 1.8 V"])
    assert _nucleation_warned(values, formed)[1] == []


def test_a_continuation_judges_only_its_own_steps_numbered_in_the_run():
    """The warning after a solve from a ``starting_solution`` judged every step of the returned solution, the starting
    solution's too: S-LMS cycled twice at 0.5C (70 C), then one cycle at 25 C from it, warned again of "step 1, the
    first discharge of a pristine S-LMS ... 70 C", a step of the first run, its own solve's warning; a 200-cycle run
    and 4 continuations warned 5 times (measured session 49). Now only this solve's steps are judged, numbered in
    the run: here 3x the paper's loading at 25 C, 10 seconds at 0.1C (2.83 A/m2 scaled: warned), then a rest from it
    says nothing, and a discharge from it is warned as step 2, a later discharge, step 1 not named again."""
    values = _lms_at(4.5, 298.15)

    def solve(step, starting=None):
        sim = pybamm.Simulation(AEA(), parameter_values=values.copy(), experiment=pybamm.Experiment([step]))
        return _mesh_warned(lambda: sim.solve(starting_solution=starting))

    first, said = solve("Discharge at 0.1C for 10 seconds")
    assert len(said) == 1 and said[0].startswith("step 1, the first discharge of a host starting in its Li0 phase")
    assert solve("Rest for 1 minute", first)[1] == []
    _, said = solve("Discharge at 0.1C for 10 seconds", first)
    assert len(said) == 1 and said[0].startswith("step 2, a later discharge of a host still in its Li0 phase"), \
        said
    assert "step 1" not in said[0]


def test_a_continuations_switch_judgement_reads_only_its_own_steps(monkeypatch):
    """The same for the charge the solver's step decided (SolverSteppedSwitchWarning, judged after the solve by
    ``switch_check.interior_li0_charge``): it is given only this solve's steps, and the step it names is
    numbered in the run (the judgement is stood in for here: a charge so decided takes minutes to solve)."""
    import pybamm_aea.switch_check as switch_check
    from pybamm_aea.switch_check import InteriorLayer, SolverSteppedSwitchWarning, SteppedCharge

    given = []

    def judged(model, values, steps, inputs=None, rtol=None):
        given.append([step["Current [A]"].entries[0] for step in steps])
        return SteppedCharge(1, InteriorLayer(cell=2, cells=20, time=600.0, separator=0.95, layer=0.495), None, rtol)

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    first = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment(
        ["Discharge at 1C for 1 minute", "Rest for 1 minute"])).solve()
    monkeypatch.setattr(switch_check, "interior_li0_charge", judged)
    sim = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment(["Charge at 1C for 1 minute"]))
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        sim.solve(starting_solution=first)
    assert len(given) == 1 and len(given[0]) == 1 and given[0][0] < 0, given  # (the charge alone)
    said = [str(w.message) for w in record if w.category is SolverSteppedSwitchWarning]
    assert len(said) == 1 and said[0].startswith("step 3, a charge"), said


def test_the_switch_warnings_step_is_renumbered_on_its_judgement_not_its_words(monkeypatch):
    """A continuation's SolverSteppedSwitchWarning names its charge by its number in the run: until session 50 by a
    regular expression over the text ``switch_check.interior_li0_charge_warning`` writes ("step N, ..."), so a change
    of that wording left the step numbered in its own solve, silently. Now the judgement
    (``switch_check.interior_li0_charge``, its small fake: a charge as its second step whose second cell falls below
    the gap's middle first) carries its step, renumbered on it: the same text as before from the same facts, and a
    reworded text still numbered in the run."""
    import numpy as np

    import pybamm_aea.switch_check as switch_check
    from pybamm_aea.switch_check import SolverSteppedSwitchWarning, SteppedCharge

    class _Entries:
        def __init__(self, entries):
            self.entries = np.asarray(entries, dtype=float)

    t = np.linspace(0, 3600, 4)
    rest = {"Time [s]": _Entries(t), "Current [A]": _Entries(np.zeros(4))}
    charge = {"Time [s]": _Entries(t), "Current [A]": _Entries(-1e-4 * np.ones(4)),
              "Average cathode Li content": _Entries([1.9, 1.5, 1.0, 0.6])}
    content = np.array([[1.9, 1.5, 1.0, 0.8], [1.9, 1.5, 1.0, 0.3], [1.9, 1.5, 1.0, 0.9]])  # (cell 2 first below)
    monkeypatch.setattr(switch_check, "_gap_middle", lambda model, values, inputs: 0.5)
    monkeypatch.setattr(switch_check, "_content_history", lambda step: content)
    found = switch_check.interior_li0_charge(AEA(), {}, [rest, charge])
    assert found is not None and found.step == 2 and found.layer.cell == 1 and found.end == 0.6
    said = switch_check.interior_li0_charge_warning(AEA(), {}, [rest, charge])
    assert said == found.text() and said.startswith("step 2, a charge, formed its Li0 layer inside the electrode")
    warned = SolverSteppedSwitchWarning(found.renumbered(3), 1)
    assert warned.judgement.step == 5 and warned.input_set == 1
    assert str(warned) == said.replace("step 2, ", "step 5, ", 1)
    monkeypatch.setattr(SteppedCharge, "text", lambda self: f"Charge of step {self.step} went wrong")
    assert str(SolverSteppedSwitchWarning(found.renumbered(3), 0)) == "Charge of step 5 went wrong"
    assert SolverSteppedSwitchWarning("a stored text", 0).judgement is None


def test_every_solve_path_warns_of_a_pristine_discharge_the_mesh_decides():
    """3x the paper's loading at 25 C and 0.1C (2.83 A/m2 scaled; 115.5 mA.h/g on 20 cells, 0.023 on 80) was warned
    only from an experiment from the set's state: a solve from initial_soc=1 (the same pristine state), a plain
    solve(t_eval), and so pybamm_aea.sweep's batched rows, said nothing. Now each does; 0.05C (1.42 A/m2,
    converged) does not. The 160 cells whose answer it is are not warned."""
    from pybamm_aea.sweep import sweep

    values = _lms_at(4.5, 298.15)
    experiment = pybamm.Experiment(["Discharge at 0.1C until 1.8 V"])
    said = _mesh_warnings(lambda: pybamm.Simulation(AEA(), parameter_values=values.copy(),
                                                    experiment=experiment).solve(initial_soc=1))
    assert len(said) == 1 and "2.83 A/m2 would at 70 C" in said[0], said
    one_c = values["Nominal cell capacity [A.h]"]
    plain = values.copy()
    plain.update({"Current function [A]": 0.1 * one_c, "Lower voltage cut-off [V]": 1.8})
    said = _mesh_warnings(lambda: pybamm.Simulation(AEA(), parameter_values=plain).solve([0, 12 * 3600]))
    assert len(said) == 1 and said[0].startswith("step 1, the first discharge") and "2.83 A/m2 would at 70 C" in said[0]
    plain.update({"Current function [A]": "[input]"})
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        pybamm.Simulation(AEA(), parameter_values=plain).solve(
            [0, 24 * 3600], inputs=[{"Current function [A]": 0.05 * one_c}, {"Current function [A]": 0.1 * one_c}])
    said = [w.message for w in record if issubclass(w.category, MeshDependentNucleationWarning)]
    assert len(said) == 1 and "2.83 A/m2 would at 70 C" in str(said[0]), said
    assert said[0].input_set == 1  # (the sweep solves that row of a batch again alone: its figures, its warning)
    rows = sweep({"C-rate": [0.05, 0.1], "Cathode loading [kg.m-2]": [0.045], "Ambient temperature [K]": [298.15]},
                 parameter_set="Li2021_Mo6S8", workers=1, progress=False).set_index("C-rate")
    assert "2.83 A/m2 would at 70 C" in rows.loc[0.1, "warnings"] and rows.loc[0.05, "warnings"] is None
    fine = pybamm.Simulation(AEA(), parameter_values=values.copy(), experiment=experiment, var_pts={xi: 160})
    assert _mesh_warnings(lambda: fine.solve(initial_soc=1)) == []


def _formed(formation, rate):
    """A formation (discharge to 1.8 V, charge to 2.8 V at ``formation`` C), then a discharge at ``rate`` C to 1.8 V."""
    return pybamm.Experiment([f"Discharge at {formation}C until 1.8 V", f"Charge at {formation}C until 2.8 V",
                              f"Discharge at {rate}C until 1.8 V"])


#: formed LMS discharges (loading [mg/cm2], temperature [K], formation and discharge C-rates) the default mesh decides,
#: with their polarisation rate where Li1 nucleates at the separator on 20 cells [V.s-1/2] (measured 2026-12-05,
#: session 43; mA.h/g on 20 / 160 cells): the paper's cell at 45 C and 0.75C (100.74 / 0.008), 13.91 mg/cm2 at 70 C
#: and 0.5C (50.07 / 55.42, both discharging), 4.5 mg/cm2 at 25 C and 0.25C (73.83 / 0.01) and at 70 C and 0.75C
#: (79.84 / 0.006)
FORMED_MESH_DECIDED = [((1.5, 318.15, 0.1, 0.75), 0.01177), ((13.91, 343.15, 0.05, 0.5), 0.02598),
                       ((4.5, 298.15, 0.05, 0.25), 0.01335), ((4.5, 343.15, 0.05, 0.75), 0.01327)]


@pytest.mark.parametrize("case, rate", FORMED_MESH_DECIDED)
def test_a_formed_discharge_the_mesh_decides_is_warned(case, rate):
    """A discharge after a formation was never warned about (no input quantity separates formed cells), though the
    default mesh decides these: 13.91 mg/cm2 at 70 C and 0.5C discharged 50.07 mA.h/g on 20 cells against 55.42 on
    160, the paper's cell at 45 C and 0.75C 100.74 against 0.008. Now the cell's polarisation where Li1 nucleates at
    the separator over the square root of the time it took is read against FORMED_POLARISATION_RATE."""
    import re

    from pybamm_aea.convergence import FORMED_POLARISATION_RATE

    loading, temperature, formation, c_rate = case
    said = _nucleation_warned(_lms_at(loading, temperature), _formed(formation, c_rate))[1]
    assert len(said) == 1 and said[0].startswith(
        "step 3, a discharge from a formed state (Li0 at the separator), nucleates Li1 there "), said
    assert f"V/s^0.5, above {FORMED_POLARISATION_RATE:g}, an empirical threshold" in said[0] and "8x its cells" in said[0]
    assert float(re.search(r"\): ([0-9.e-]+) V/s\^0.5", said[0]).group(1)) == pytest.approx(rate, rel=0.01)


@pytest.mark.parametrize("case", [(1.5, 318.15, 0.1, 0.5), (4.5, 298.15, 0.05, 0.2), (3.0, 343.15, 0.1, 0.5),
                                  (1.5, 298.15, 0.1, 0.4)])
def test_a_formed_discharge_the_mesh_does_not_decide_is_not_warned(case):
    """One step slower each converges (mA.h/g on 20 / 160 cells, measured 2026-12-05: the paper's cell at 45 C and
    0.5C 100.77 / 100.77; 4.5 mg/cm2 at 25 C and 0.2C 75.94 / 75.74; 3 mg/cm2 at 70 C and 0.5C 100.27 / 100.29; the
    paper's cell at 25 C and 0.4C 100.44 / 100.40; polarisation rates 0.0068 / 0.0094 / 0.0047 / 0.0094 V/s^0.5) and is
    not warned."""
    loading, temperature, formation, rate = case
    assert _nucleation_warned(_lms_at(loading, temperature), _formed(formation, rate))[1] == []


class _TroughStep(dict):
    """A formed discharge's step solution (Li0 at the separator), its variables' entries by name: cell voltages ``V``
    over 100 s from ``start`` [s] against an anode of OCP ``anode`` [V] (0: Li metal, 0.62 V: Li-In's plateau), the
    cathode's surface OCP ``polarisation`` [V] above the cathode's voltage against Li (the model's total
    overpotential), on ``cells`` cathode cells."""

    def __init__(self, V, polarisation, start=0.0, cells=20, anode=0.0):
        import numpy as np

        n = len(V)
        x = np.tile(np.append(np.full(cells - 1, 0.95), 1e-5)[:, None], (1, n))
        super().__init__({name: SimpleNamespace(entries=np.asarray(v, float)) for name, v in (
            ("Time [s]", start + np.linspace(0, 100, n)), ("Current [A]", np.full(n, 1e-4)), ("Voltage [V]", V),
            ("Cathode Li content", x), ("Anode OCP [V]", np.full(n, anode)),
            ("Cathode surface OCP [V]", np.asarray(V) + anode + polarisation),
            ("Total overpotential [V]", np.full(n, polarisation)), ("Ambient temperature [K]", np.full(n, 343.15)))})


def test_the_formed_trough_threshold_follows_the_mesh():
    """The trough's polarisation rate was read against the 20-cell threshold (0.0112 V/s^0.5) on every mesh, though the
    same run's rate grows with the cells (its trough comes sooner): 6 mg/cm2 at 45 C formed at 0.05C, then 0.3C,
    converged (74.44 / 74.42 mA.h/g on 40 / 160 cells), has 0.0107 on 20 cells and 0.0128 on 40, warned there (measured
    2026-12-05, session 44). Now each measured mesh has its threshold (between two, the coarser's), and a mesh coarser
    than 20 cells is not judged and says so."""
    from pybamm_aea.convergence import (FORMED_POLARISATION_RATE, FORMED_POLARISATION_RATES,
                                        formed_polarisation_threshold, nucleation_mesh_warning)

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    nucleating = [2.6, 2.5, 2.3, 2.35, 2.4, 2.2, 2.0]  # its trough 100/3 s in, recovering by 0.1 V
    at = math.sqrt(100 / 3)  # [s^0.5]
    assert FORMED_POLARISATION_RATES[20] == FORMED_POLARISATION_RATE  # (one threshold for 20 cells, one name for it)
    assert 0.0141 < FORMED_POLARISATION_RATES[40] < 0.0149 and FORMED_POLARISATION_RATES[80] > FORMED_POLARISATION_RATES[40]
    for cells, measured in ((20, 20), (40, 40), (60, 40), (80, 80), (120, 80)):
        threshold = FORMED_POLARISATION_RATES[measured]
        assert formed_polarisation_threshold(cells) == threshold
        below, above = (nucleation_mesh_warning(model, lms(), [_TroughStep(nucleating, f * threshold * at, cells=cells)])
                        for f in (0.97, 1.03))
        assert below is None and f"above {threshold:g}, an empirical threshold on {cells} cells" in above, (cells, above)
    said = nucleation_mesh_warning(model, lms(), [_TroughStep(nucleating, 0.5 * FORMED_POLARISATION_RATE * at,
                                                              cells=10)])
    assert said and "on 10 cathode cells, coarser than any mesh the threshold" in said and "not judged" in said


def test_a_mesh_between_two_measured_ones_takes_the_coarsers_formed_threshold():
    """Between two measured meshes (30, 60, 100 and 159 cells, and any count from 1 to 400) the formed trough is read
    against the coarser one's threshold, the lower (a run's rate grows with the cells, so it warns more, not less):
    a rule read as the finer mesh's (60 cells against 80's 0.027, not 40's 0.0145) would let a 60-cell run at 0.02
    V/s^0.5 pass unwarned though both measured meshes around it flag it; none below 20 cells; a hybrid's single
    20-cell threshold on every finer mesh."""
    from pybamm_aea.convergence import FORMED_POLARISATION_RATES as rates
    from pybamm_aea.convergence import formed_polarisation_threshold

    for cells, measured in ((30, 20), (60, 40), (79, 40), (100, 80), (159, 80)):
        assert formed_polarisation_threshold(cells) == rates[measured], cells
    assert formed_polarisation_threshold(60) < 0.02 < rates[80]
    previous = None
    for cells in range(1, 401):
        threshold = formed_polarisation_threshold(cells)
        assert (threshold is None) == (cells < 20) and threshold in (None, *rates.values()), cells
        assert previous is None or threshold >= previous, cells  # (never lower on a finer mesh)
        previous = threshold
    assert [formed_polarisation_threshold(cells, {20: 0.022}) for cells in (19, 20, 40, 159)] == [None] + [0.022] * 3


@pytest.mark.slow
@pytest.mark.parametrize("case, cells, warned", [((6.0, 318.15, 0.05, 0.3), 40, False),
                                                 ((4.5, 318.15, 0.05, 0.4), 40, True),
                                                 ((4.5, 343.15, 0.05, 0.5), 80, False),
                                                 ((4.5, 318.15, 0.05, 0.4), 80, True)])
def test_a_formed_discharge_on_a_finer_mesh_is_judged_by_that_meshs_threshold(case, cells, warned):
    """Formed LMS on 40 and 80 cells against 160 (mA.h/g, measured 2026-12-05, session 44): 6 mg/cm2 at 45 C and 0.3C
    converges on 40 cells (74.44 / 74.42, rate 0.0128 V/s^0.5) and 4.5 mg/cm2 at 70 C and 0.5C on 80 (86.62 / 86.59,
    0.0207), both warned against the 20-cell 0.0112; 4.5 mg/cm2 at 45 C and 0.4C is the mesh's on both (76.92 on 40,
    76.92 on 80, 0.008 on 160; rates 0.0159, 0.0294), warned, each against its mesh's threshold."""
    loading, temperature, formation, c_rate = case
    said = _nucleation_warned(_lms_at(loading, temperature), _formed(formation, c_rate), cells)[1]
    assert (said != []) == warned, said
    assert not warned or f"an empirical threshold on {cells} cells" in said[0]


@pytest.mark.slow
@pytest.mark.parametrize("set_name, rate, warned", [("Li2021_LTO_Mo6S8", "1.5C", False), ("Li2021_LTO_Mo6S8", "2C", True),
                                                    ("Li2021_S_Mo6S8", "1C", False)])
def test_a_formed_hybrid_discharge_is_judged_by_its_own_threshold(set_name, rate, warned):
    """A hybrid's discharge after a charge was never looked at, though LTO-LMS at 70 C formed at 0.1C, then 2C, takes
    114.86 mA.h/g on 20 cells and 0.004 on 160 (polarisation rate 0.0264 V/s^0.5; measured 2026-12-05, session 44).
    Now LTO-LMS is judged against its own 0.022 (1.5C converges, 128.14 / 128.26, 0.0179: not warned); S-LMS, converged
    at 1C (113.66 / 112.89) though its rate is 0.0799, is not judged."""
    steps = ["Discharge at 0.1C until 1.0 V", "Charge at 0.1C until 3.0 V", f"Discharge at {rate} until 1.0 V"]
    said = _nucleation_warned(pybamm.ParameterValues(set_name), pybamm.Experiment(steps))[1]
    assert (said != []) == warned, said
    assert not warned or (said[0].startswith("step 3, a discharge from a formed state") and "above 0.022," in said[0])


def test_the_formed_trough_is_a_recovery_and_its_polarisation_rate():
    """The trough is the lowest voltage before the step's largest recovery, read as Li1 nucleating only when the voltage
    recovers by NUCLEATION_RECOVERY (a discharge that falls to its cut-off with a 10 mV wobble did not nucleate), and
    judged by the polarisation there (surface OCP minus voltage vs Li) over the square root of the time since the step's
    start: 0.1 V after 33.3 s is 0.0173 V/s^0.5 (warned), 0.05 V 0.0087 (not)."""
    from types import SimpleNamespace

    import numpy as np

    from pybamm_aea.convergence import nucleation_mesh_warning

    Step = _TroughStep
    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    nucleating = [2.6, 2.5, 2.3, 2.35, 2.4, 2.2, 2.0]  # its trough 100/3 s in, recovering by 0.1 V
    said = nucleation_mesh_warning(model, lms(), [Step(nucleating, 0.1, start=500)])
    assert said.startswith("step 1, a discharge from a formed state (Li0 at the separator), nucleates Li1 there 33.3 s "
                           "in, at 2.300 V with the cell polarised by 100 mV (surface OCP minus voltage vs Li): 0.0173 "
                           "V/s^0.5"
                           ), said
    assert nucleation_mesh_warning(model, lms(), [Step(nucleating, 0.05)]) is None
    wobble = [2.6, 2.5, 2.3, 2.31, 2.2, 2.0]  # (no nucleation: recovers by 10 mV)
    assert nucleation_mesh_warning(model, lms(), [Step(wobble, 0.1)]) is None


def test_every_later_discharge_the_mesh_decides_is_named_after_the_first():
    """The warning named only a run's first discharge the mesh decides: LMS at 25 C formed at 0.1C, then 0.5C and 1C
    discharges to 1.8 V (each after a 0.1C charge) gave 98.5 and 80.1 mA.h/g on 20 cells against 0.01 and 0.001 on
    160, and only the 0.5C step was warned (a user's trial, session 48). Now one warning names the first in full and
    each later one by its step, current density and reason: here steps 1, 3 and 4 of four formed discharges (step 2's
    trough below the threshold)."""
    from pybamm_aea.convergence import nucleation_mesh_warning

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    nucleating = [2.6, 2.5, 2.3, 2.35, 2.4, 2.2, 2.0]  # its trough 100/3 s in, recovering by 0.1 V
    steps = [_TroughStep(nucleating, polarisation, start=100 * k)
             for k, polarisation in enumerate((0.1, 0.05, 0.12, 0.2))]
    said = nucleation_mesh_warning(model, lms(), steps)
    assert said.startswith("step 1, a discharge from a formed state (Li0 at the separator), nucleates Li1 there"), said
    assert said.count("step 1,") == 1 and "step 2" not in said and "\n" not in said
    assert said.endswith("; flagged too, 2 later discharges: steps 3, 4 (a discharge from a formed state, its "
                         "polarisation rate where Li1 nucleates above 0.0112 V/s^0.5 on 20 cells: 1.27 A/m2, "
                         "0.0208-0.0346 V/s^0.5)"), said
    # a pristine first discharge, then a formed one: each by its own reason (2 A/m2 at 70 C above the pristine 1.5)
    values, pristine = _pristine_steps([0.004], [2.0])
    said = nucleation_mesh_warning(model, values, [*pristine, _TroughStep(nucleating, 0.2, start=200)])
    assert said.startswith("step 1, the first discharge of a host starting in its Li0 phase (pristine Mo6S8)"), said
    assert said.endswith("; flagged too, 1 later discharge: step 2 (a discharge from a formed state, its polarisation "
                         "rate where Li1 nucleates above 0.0112 V/s^0.5 on 20 cells: 1.27 A/m2, 0.0346 V/s^0.5)"), said


def test_a_long_run_whose_discharges_the_mesh_decides_is_named_in_one_line():
    """Naming every later discharge must not flood a 300-cycle run: the later ones are grouped by their reason, their
    steps as runs ("2-300", "5-899 every 3rd"), their figures as ranges, past 20 runs "..." with how many in all and
    the last; one line (a sweep row keeps each warning's first line)."""
    from pybamm_aea.convergence import LISTED_STEPS, step_numbers, nucleation_mesh_warning

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    nucleating = [2.6, 2.5, 2.3, 2.35, 2.4, 2.2, 2.0]
    every = nucleation_mesh_warning(model, lms(), [_TroughStep(nucleating, 0.1 + 1e-4 * k, start=100 * k)
                                                   for k in range(300)])
    assert "; flagged too, 299 later discharges: steps 2-300 (a discharge from a formed state" in every, every
    assert every.endswith("on 20 cells: 1.27 A/m2, 0.0173-0.0225 V/s^0.5)") and "\n" not in every, every
    one = nucleation_mesh_warning(model, lms(), [_TroughStep(nucleating, 0.1)])
    assert len(every) - len(one) < 250, every
    # every 7th trough below the threshold: 43 runs of steps, the first 20 listed
    gaps = nucleation_mesh_warning(model, lms(), [_TroughStep(nucleating, 0.01 if k % 7 == 0 else 0.1, start=100 * k)
                                                  for k in range(300)])
    assert "flagged too, 256 later discharges: steps 3-7, 9-14, 16-21," in gaps, gaps
    assert f"135-140, ... (256 in all, the last 300) (a discharge" in gaps and len(gaps) - len(one) < 500, gaps
    assert LISTED_STEPS == 20
    assert step_numbers([5, 8, 11, 14]) == "5-14 every 3rd"
    assert step_numbers([3, 4]) == "3, 4" and step_numbers([1, 2, 3, 7]) == "1-3, 7"
    assert step_numbers([2, 4, 6, 9, 21]) == "2-6 every 2nd, 9, 21"


@pytest.mark.slow
def test_a_later_formed_discharge_the_mesh_decides_is_warned_in_a_real_run():
    """The user's trial (session 48): LMS at 25 C, 20 cells, formed at 0.1C, then 0.5C and, after a 0.1C charge, 1C
    to 1.8 V: 98.5 and 80.1 mA.h/g on 20 cells, 0.01 and 0.001 on 160 (measured 2026-12-05). The one warning named
    step 3 (the 0.5C discharge); step 5 (1C) went without a word. Now both, in one warning."""
    experiment = pybamm.Experiment(["Discharge at 0.1C until 1.8 V", "Charge at 0.1C until 2.8 V",
                                    "Discharge at 0.5C until 1.8 V", "Charge at 0.1C until 2.8 V",
                                    "Discharge at 1C until 1.8 V"], temperature="25oC")
    solution, said = _nucleation_warned(lms(), experiment)
    assert len(said) == 1 and said[0].startswith("step 3, a discharge from a formed state"), said
    assert "; flagged too, 1 later discharge: step 5 (a discharge from a formed state, its polarisation rate where " \
           "Li1 nucleates above 0.0112 V/s^0.5 on 20 cells: 1.93 A/m2, " in said[0], said
    q = solution.cycles[4][ESC].entries
    assert abs(q[-1] - q[0]) > 50  # (the 20 cells' 80.1 mA.h/g, where 160 cells take 0.001)


def test_the_formed_trough_reads_a_charge_or_rest_by_its_time_and_current_only():
    """The nucleation check after each solve read all five of its variables for every step, each computed over the
    whole step when first read: on 100 C/10 LMS cycles with rests 0.67 s of a 7 s solve (0.39 s now; session 44). Now a
    charge or a rest is read by its time and current alone, a discharge's voltage only where Li0 is at its separator
    and its polarisation only at a nucleation trough; the answer is the same."""
    from types import SimpleNamespace

    import numpy as np

    from pybamm_aea.convergence import interior_li0_charge_warning, nucleation_mesh_judgement

    read = []

    class Step(dict):
        """A step solution that records the variables read."""

        def __getitem__(self, name):
            read.append((self.kind, name))
            return super().__getitem__(name)

    def step(kind, current, x_separator):
        n = 5
        one = Step({name: SimpleNamespace(entries=np.asarray(v, float)) for name, v in (
            ("Time [s]", np.linspace(0, 100, n)), ("Current [A]", np.full(n, current)),
            ("Voltage [V]", np.full(n, 2.3)), ("Cathode surface OCP [V]", np.full(n, 2.35)),
            ("Total overpotential [V]", np.full(n, 0.05)),
            ("Cathode Li content", np.tile(np.append(np.full(19, 0.95), x_separator)[:, None], (1, n))),
            ("Ambient temperature [K]", np.full(n, 298.15)))})
        one.kind = kind
        return one

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    steps = [step("discharge, Li1 at the separator", 1e-4, 0.9), step("charge", -1e-4, 1e-5), step("rest", 0.0, 1e-5),
             step("discharge, Li0 at the separator", 1e-4, 1e-5)]
    assert nucleation_mesh_judgement(model, lms(), steps).text is None  # (no trough: the voltage never recovers)
    time_and_current = ["Time [s]", "Current [A]"]
    assert [name for kind, name in read if kind == "charge"] == time_and_current
    assert [name for kind, name in read if kind == "rest"] == time_and_current
    assert [name for kind, name in read if kind == "discharge, Li1 at the separator"] == [
        "Cathode Li content", *time_and_current, "Cathode Li content"]  # (the first: the run's starting state)
    assert [name for kind, name in read if kind == "discharge, Li0 at the separator"] == [
        *time_and_current, "Cathode Li content", "Voltage [V]"]  # (its polarisation only at a trough: none)
    # the charge's judgement (a Li0 layer formed in the bulk, session 47) reads each step's time and current, a
    # charge's content from its states (these steps keep none: not judged)
    read.clear()
    assert interior_li0_charge_warning(model, lms(), steps) is None
    assert read == [(one.kind, name) for one in steps for name in time_and_current]


def test_a_discharge_is_judged_on_its_start_state_without_its_content_over_the_step(monkeypatch):
    """The judgement reads a discharge's "Cathode Li content" at its start only, but computed it over the whole step
    (20 cells x ~640 times of a C/10 discharge: ~1 ms of CPU each, ~0.1 s of the 6 s solve of 100 C/10 cycles with
    rests, a third of the judgement; session 62). Now it reads PyBaMM's ``first_state`` of a step that kept its states:
    the same numbers to the bit (the first column of the whole step's), the same judgement, the content over the step
    not computed; a step that is no such solution is read as before. Since session 63 its first state vector alone
    (the adapter's ``step_variable_at``), and a constant current as its model's constant: here nothing over a step
    but the 1C discharge's trough (its voltage and overpotential)."""
    import numpy as np

    from pybamm_aea.convergence import _at_start, nucleation_mesh_judgement

    cycle = ("Discharge at 0.1C until 1.8 V", "Rest for 10 minutes", "Charge at 0.1C until 2.8 V", "Discharge at 1C "
             "until 1.8 V")
    sim = pybamm.Simulation(AEA(), experiment=pybamm.Experiment([cycle]))
    steps = sim.solve().cycles[0].steps
    read, getitem = [], pybamm.Solution.__getitem__

    def recorded(self, name):
        read.extend(name for step in steps if step is self)
        return getitem(self, name)

    monkeypatch.setattr(pybamm.Solution, "__getitem__", recorded)
    judged = nucleation_mesh_judgement(sim.model, sim.parameter_values, steps, {}, 20)
    assert "Cathode Li content" not in read and "Current [A]" not in read and "Voltage [V]" in read, read

    class Kept(dict):
        """A step as the judgement read it until session 62: each variable over the whole step."""
        variables_returned = True

        def __init__(self, step):
            super().__init__()
            self.step, self.t, self.all_models = step, step.t, step.all_models

        def __missing__(self, name):
            return self.step[name]

    monkeypatch.setattr(pybamm.Solution, "__getitem__", getitem)
    assert nucleation_mesh_judgement(sim.model, sim.parameter_values, [Kept(s) for s in steps], {}, 20) == judged
    for step in steps:
        x = _at_start(step, "Cathode Li content")
        assert x.shape == (20, 1) and np.array_equal(x, step["Cathode Li content"].entries[:, :1])


@pytest.mark.slow
def test_a_formed_discharge_the_solve_warns_of_moves_on_the_fine_mesh():
    """The paper's cell at 45 C formed at 0.1C: at 0.75C (warned) 100.74 mA.h/g on 20 cells and nothing on 160; at 0.5C
    (not warned) the same on both. mesh_check compares the warned run with 160 cells (8x) and says so."""
    values = _lms_at(1.5, 318.15)
    esc = {(rate, cells): _solved(values, _formed(0.1, rate), cells).cycles[-1][ESC].entries for rate in (0.5, 0.75)
           for cells in (20, 160)}
    esc = {k: abs(v[-1] - v[0]) for k, v in esc.items()}
    print(esc)
    assert esc[0.5, 160] == pytest.approx(esc[0.5, 20], rel=0.01) and esc[0.75, 20] > 100 and esc[0.75, 160] < 1
    table = mesh_check(AEA(), values, _formed(0.1, 0.75))
    assert table.attrs["factor"] == 8 and table.attrs["nucleation"].startswith("step 3, a discharge from a formed")
    assert not table.attrs["converged"]


@pytest.mark.slow
def test_mesh_check_refines_a_coarse_run_the_mesh_decides_to_the_finest_measured_mesh():
    """A run the mesh decides, on a coarser mesh than the default: mesh_check compared 10 with 80 cells (8x) and could
    say "mesh converged" without a caveat (S-LMS at 70 C, 0.3C: 0.3888 / 0.3890 mA.h on 10 / 80 cells, 1.3e-5 on 160;
    session 42's review); now with NUCLEATION_FINE_CELLS at least. Given factor=2, its fine run (20 cells) said the
    warning again, advising the check being run: now only the coarse run's."""
    from pybamm_aea.convergence import NUCLEATION_FINE_CELLS

    values = _lms_at(4.5, 298.15)
    experiment = pybamm.Experiment(["Discharge at 0.1C until 1.8 V"])
    coarse, said = _nucleation_warned(values, experiment, 10)
    assert len(said) == 1, said
    two, said = _mesh_warned(lambda: mesh_check(AEA(), values, experiment, {xi: 10}, factor=2, coarse_solution=coarse))
    assert said == []
    assert two.attrs["var_pts"]["fine"] == {"xi_c": 20} and two.attrs["nucleation"]
    assert not two.attrs["converged"] or "may both be under-resolved" in verdict(two)
    table = mesh_check(AEA(), values, experiment, {xi: 10}, coarse_solution=coarse)
    assert table.attrs["var_pts"]["fine"] == {"xi_c": NUCLEATION_FINE_CELLS} and table.attrs["factor"] == 16


@pytest.mark.slow
def test_mesh_check_compares_a_run_the_mesh_decides_with_eight_times_the_cells():
    """The paper's thin pristine compact at 25 C and 0.2C (1.89 A/m2 scaled) takes THIN_FIGURES: mesh_check's default
    20 -> 40 said "mesh converged". For a run the solve warns about it now compares 20 with 160 cells (not converged);
    given factor=2, its "converged" verdict says the two meshes may both be under-resolved."""
    values = _lms_at(1.5, 298.15)
    experiment = pybamm.Experiment(["Discharge at 0.2C until 1.8 V"])
    coarse = pybamm.Simulation(AEA(), parameter_values=values.copy(), experiment=experiment).solve()
    table = mesh_check(AEA(), values, experiment, coarse_solution=coarse)
    print(table[["coarse capacity [mA.h]", "fine capacity [mA.h]"]])
    assert table.attrs["var_pts"]["fine"] == {"xi_c": 160} and table.attrs["factor"] == 8
    assert not table.attrs["converged"] and verdict(table).startswith("NOT mesh converged")
    two = mesh_check(AEA(), values, experiment, factor=2, coarse_solution=coarse)
    assert two.attrs["converged"] and two.attrs["var_pts"]["fine"] == {"xi_c": 40}
    assert verdict(two).startswith("mesh converged: every step of 1 within the tolerances on two meshes (20 and 40 "
                                   "cathode cells) that may both be under-resolved: the mesh decides this run (step 1, ")


@pytest.mark.parametrize("cells", [20, pytest.param(40, marks=pytest.mark.slow),
                                   pytest.param(80, marks=pytest.mark.slow)])
@pytest.mark.parametrize("set_name, rates, scaled, material", [
    ("Li2021_S_Mo6S8", ("0.22C", "0.24C"), 2.51, "S8"), ("Li2021_LTO_Mo6S8", ("1.15C", "1.2C"), 2.65, "Li4Ti5O12")])
def test_a_pristine_hybrid_discharge_the_mesh_decides_is_warned(set_name, rates, scaled, material, cells):
    """The paper's pristine hybrids at 70 C, first discharge to 1.0 V, just above and below their thresholds, on 20,
    40 and 80 cells. S-LMS at 0.24C (2.51 A/m2) takes 344.10 mA.h/g on 20 and 160 cells, 0.008 / 0.004 on 320 / 640;
    LTO-LMS at 1.2C (2.65) 146.71 / 146.72 / 146.72 on 20 / 40 / 80 cells, 146.72 on 160 and 640, 0.0001 on 1280
    (measured 2026-12-05, session 46, all figures here on the as-made layer, before that session's swollen-layer
    transport; since it S-LMS at 0.24C takes 337.45 on 20 and 160 cells, 0.0041 on 640): not warned, the thresholds being 2.9 and 3.27 A/m2, read against 160 cells
    (session 42), whose turn lies above the finer meshes'. Warned now on each of these meshes (each fills), against
    thresholds read against 640 and 1280 cells; one step slower they fill on those too (S-LMS 0.22C: 361.89 on 20
    cells, 361.86 / 361.85 on 640 / 1280, on the as-made layer, 355.2 on 640 since; LTO-LMS 1.15C: 146.81 / 146.82 / 146.82 on 20 / 40 / 80, 146.82 on 640 and
    1280) and are not warned."""
    values = pybamm.ParameterValues(set_name)
    experiments = {rate: pybamm.Experiment([f"Discharge at {rate} until 1.0 V"]) for rate in rates}
    solved = {rate: _mesh_warned(lambda rate=rate: _solved(values, experiments[rate], cells)) for rate in rates}
    said = {rate: texts for rate, (_, texts) in solved.items()}
    print({rate: float(solution[ESC].entries[-1]) for rate, (solution, _) in solved.items()})
    assert said[rates[0]] == []
    assert len(said[rates[1]]) == 1 and said[rates[1]][0].startswith("step 1, the first discharge of a pristine ")
    warned = (f"runs at {scaled:g} A/m2 and 70 C: above the "  # (at 70 C the figure once)
              f"{HYBRID_NUCLEATION_MESH_CURRENT_DENSITY[material]:g} A/m2 up to which 20, 40 and 80 cells answer as "
              "the finest measured (640-1280 cells) do")
    assert warned in said[rates[1]][0], said
    for solution, _ in solved.values():  # (both fill on this mesh; one step faster 640-1280 cells take nothing)
        assert solution[ESC].entries[-1] > 140



@pytest.mark.slow
def test_a_pristine_hybrid_run_on_160_cells_above_its_threshold_is_warned():
    """Runs on 160 cells (NUCLEATION_FINE_CELLS, Mo6S8's) were never warned, but a pristine hybrid's 160 and 320 cells
    fill above its threshold: S-LMS at 70 C and 0.24C (2.51 A/m2) takes 344.1 mA.h/g on 160 cells (344.08 measured
    2026-12-05, session 46, 6 s) and 0.008 / 0.004 on 320 / 640, silent (on the as-made layer; 337.45 on 160 cells and
    0.0041 on 640 with the swollen layer's transport). Warned now, up to S-LMS's own fine mesh
    (640 cells); Mo6S8 alone on 160 cells (the paper's cell at 70 C and 1C, above its 1.5 A/m2) still not."""
    experiment = pybamm.Experiment(["Discharge at 0.24C until 1.0 V"])
    solution, said = _nucleation_warned(pybamm.ParameterValues("Li2021_S_Mo6S8"), experiment, 160)
    assert solution[ESC].entries[-1] > 300  # (it fills on 160 cells)
    assert len(said) == 1 and said[0].startswith("step 1, the first discharge of a pristine S-LMS"), said
    assert "compare with 640 or more" in said[0] and "(at least 640;" in said[0], said
    _, said = _nucleation_warned(lms(), pybamm.Experiment(["Discharge at 1C until 1.8 V"]), 160)
    assert said == []


def test_mesh_check_plans_a_pristine_hybrids_own_reference_mesh(monkeypatch):
    """mesh_check compared a warned pristine hybrid's run with 8x its cells (20 -> 160), where both can fill (S-LMS at
    70 C and 0.24C: 344.1 mA.h/g on 20 and 160 cells, 0.004 on 640, on the as-made layer; 337.45 and 0.0041 since
    session 47's swollen-layer transport) and it says "converged". Its default reference is
    now the hybrid's own fine mesh, S-LMS 640 cells (LTO-LMS 1280), Mo6S8 alone's still 160; read here from the fine
    run mesh_check sets up, stopped before its solve (the 640-cell solve takes minutes)."""
    class Planned(Exception):
        pass

    def planned(model, var_pts=None, **kwargs):
        raise Planned({getattr(k, "name", k): n for k, n in var_pts.items()})

    s_lms = pybamm.ParameterValues("Li2021_S_Mo6S8")
    cases = [(s_lms, "Discharge at 0.24C until 1.0 V", 640), (lms(), "Discharge at 1C until 1.8 V", 160)]
    solved = [(values, pybamm.Experiment([step]), cells) for values, step, cells in cases]
    solved = [(values, experiment, _nucleation_warned(values, experiment), cells)
              for values, experiment, cells in solved]
    monkeypatch.setattr(pybamm, "Simulation", planned)
    for values, experiment, (coarse, said), cells in solved:
        assert len(said) == 1, said
        with pytest.raises(Planned) as fine:
            mesh_check(AEA(), values, experiment, coarse_solution=coarse)
        assert fine.value.args[0] == {"xi_c": cells}
    from pybamm_aea.convergence import pristine_reference_cells

    assert pristine_reference_cells(pybamm.ParameterValues("Li2021_LTO_Mo6S8")) == 1280
    assert pristine_reference_cells(s_lms) == 640 and pristine_reference_cells(lms()) == 160


@pytest.mark.slow
def test_mesh_check_given_a_factor_below_a_hybrids_reference_says_so():
    """mesh_check(..., factor=8) on S-LMS at 70 C and 0.24C compares 20 with 160 cells, both filling (344.1 mA.h/g;
    0.004 on 640; on the as-made layer, 337.45 and 0.0041 with the swollen layer's transport): it said "mesh converged" without a word. The user's factor is kept; the verdict now says the two
    meshes may both be under-resolved and names the hybrid's measured reference, 640 cells."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    experiment = pybamm.Experiment(["Discharge at 0.24C until 1.0 V"])
    coarse, _ = _nucleation_warned(values, experiment)
    table = mesh_check(AEA(), values, experiment, factor=8, coarse_solution=coarse)
    said = verdict(table)
    assert said.startswith("mesh converged: every step of 1 within the tolerances on two meshes (20 and 160 cathode "
                           "cells) that may both be under-resolved"), said
    assert "compare with 640 cells or more (the measured reference of this pristine hybrid" in said, said
    assert table.attrs["var_pts"]["fine"] == {"xi_c": 160} and table.attrs["reference cells"] == 640

#: the pristine S-LMS compact's discharges at 70 C to 1.0 V: rates and meshes (the README's 4 x 4 figures)
S_LMS_RATES, S_LMS_CELLS = ("0.1C", "0.2C", "0.3C", "0.5C"), (20, 40, 80, 160)


@pytest.mark.slow
def test_a_doubling_can_agree_and_still_be_wrong_on_a_pristine_s_lms_compact(readme_figure):
    """The README's pristine S-LMS compact (70 C, to 1.0 V) on 20 / 40 / 80 / 160 cells: converged at 0.1C and 0.2C;
    at 0.3C and 0.5C 20 and 40 cells agree (the check says converged) where a finer mesh takes no Li (Li1 does not
    nucleate before the cut-off), and a formed cell discharges at 0.5C on every mesh. Read from the README to its stated
    digits; these were pinned by no test, and the 0.1C and 0.2C figures had gone stale (510.15 / 510.16 / 510.13 /
    510.15 and 381.37 / 381.35 / 381.33 / 381.35 of 2026-12-04; measured 2026-12-05: 510.19 / 510.18 / 510.15 / 510.02
    and 381.36 / 381.37 / 381.36 / 381.35, so the README states them to 1 mA.h/g, the meshes' spread). Re-measured
    2026-12-05, session 46 (the host's transport across the swollen layer): 507.02 / 507.14 / 507.32 / 506.92, 374.82 /
    374.85 / 374.83 / 374.81, 293.06 / 293.14 / 293.12 / 0.010, 203.98 / 204.11 / 0.018 / 0.003."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    esc = {}
    for rate in S_LMS_RATES:
        experiment = pybamm.Experiment([f"Discharge at {rate} until 1.0 V"])
        for cells in S_LMS_CELLS:
            esc[rate, cells] = _solved(values, experiment, cells)[ESC].entries[-1]
    print({k: round(v, 4) for k, v in esc.items()})
    figure = {
        ("0.1C", 20): readme_figure("to 1.0 V gives {} / {_} / {_} / {_} mAh/g on 20"),
        ("0.1C", 40): readme_figure("to 1.0 V gives {_} / {} / {_} / {_} mAh/g on 20"),
        ("0.1C", 80): readme_figure("to 1.0 V gives {_} / {_} / {} / {_} mAh/g on 20"),
        ("0.1C", 160): readme_figure("to 1.0 V gives {_} / {_} / {_} / {} mAh/g on 20"),
        ("0.2C", 20): readme_figure("cells at 0.1C and {} / {_} / {_} / {_} at 0.2C"),
        ("0.2C", 40): readme_figure("cells at 0.1C and {_} / {} / {_} / {_} at 0.2C"),
        ("0.2C", 80): readme_figure("cells at 0.1C and {_} / {_} / {} / {_} at 0.2C"),
        ("0.2C", 160): readme_figure("cells at 0.1C and {_} / {_} / {_} / {} at 0.2C"),
        ("0.3C", 20): readme_figure("at 0.2C, but {} / {_} / {_} / {_} at 0.3C"),
        ("0.3C", 40): readme_figure("at 0.2C, but {_} / {} / {_} / {_} at 0.3C"),
        ("0.3C", 80): readme_figure("at 0.2C, but {_} / {_} / {} / {_} at 0.3C"),
        ("0.3C", 160): readme_figure("at 0.2C, but {_} / {_} / {_} / {} at 0.3C"),
        ("0.5C", 20): readme_figure("at 0.3C and {} / {_} / {_} / {_} at 0.5C, where"),
        ("0.5C", 40): readme_figure("at 0.3C and {_} / {} / {_} / {_} at 0.5C, where"),
        ("0.5C", 80): readme_figure("at 0.3C and {_} / {_} / {} / {_} at 0.5C, where"),
        ("0.5C", 160): readme_figure("at 0.3C and {_} / {_} / {_} / {} at 0.5C, where"),
    }
    for key, value in esc.items():
        assert value == figure[key].approx(), key
    # a formed cell (one 0.1C cycle first) discharges at 0.5C on every mesh (measured 2026-12-05, session 46: 240.63 /
    # 240.51 / 240.43 / 240.40 uA.h on 20 / 40 / 80 / 160 cells; 244.01 / 243.90 / 243.83 / 243.81 on the as-made layer)
    experiment = pybamm.Experiment(["Discharge at 0.1C until 1.0 V", "Charge at 0.1C until 3.0 V",
                                    "Discharge at 0.5C until 1.0 V"])
    formed = []
    for cells in S_LMS_CELLS:
        steps = [step for c in _solved(values, experiment, cells).cycles for step in c.steps]
        assert len(steps) == 3, cells
        Q = steps[2]["Discharge capacity [A.h]"].entries
        formed.append((Q[-1] - Q[0]) * 1e6)
    print("formed cell at 0.5C [uA.h]:", formed)
    assert min(formed) == readme_figure("gives {}-{_} uA.h at 0.5C on every mesh").approx()
    assert max(formed) == readme_figure("gives {_}-{} uA.h at 0.5C on every mesh").approx()


def test_cold_s_lms_first_discharge_is_the_coarse_meshes(readme_figure):
    """S-LMS from pristine at 25 C and 0.1C to 1 V: the README's 146.3 mAh/g (145.2 before session 47's swollen-layer
    transport; measured 2026-12-05: 146.31 / 146.46 / 0.016 / 0.002 on 20 / 40 / 80 / 160 cells) holds on 20 and 40 cells, but on 80 and
    160 cells Li1 does not nucleate in the Li0 host and the compact takes nothing (found in a user trial: the README
    stated the 25 C figure without it)."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    values["Ambient temperature [K]"] = 298.15
    experiment = pybamm.Experiment(["Discharge at 0.1C until 1 V"])
    got = {cells: _solved(values, experiment, cells).cycles[0].steps[0][ESC].entries[-1] for cells in (20, 80, 160)}
    assert got[20] == readme_figure("0.1C: {} mAh/g at 25 C and 507.0 at 70 C",
                                    "compact takes nothing (0.016 and 0.002 mAh/g against {} and").approx()
    # the near-zero figures to the solver's tolerance (1e-4 of the window's ~630 mAh/g)
    assert got[80] == readme_figure("takes nothing ({} and 0.002 mAh/g against").approx(0.063)
    assert got[160] == readme_figure("takes nothing (0.016 and {} mAh/g against").approx(0.063)


class _EntriesStep(dict):
    """A step solution's stand-in: its entries by variable name."""

    def __getitem__(self, name):
        return SimpleNamespace(entries=dict.__getitem__(self, name))


def _multi_phase_lms_on_one_cm2():
    """A multi-phase model's stand-in and LMS's parameter values on an electrode of 1 cm2 (the host's loop read from
    its free energy), for judging hand-made steps."""
    values = lms()
    values.update({"Electrode width [m]": 0.01, "Electrode height [m]": 0.01,
                   "Number of electrodes connected in parallel to make a cell": 1.0})
    return SimpleNamespace(options={"host thermodynamics": "multi-phase"}), values


def test_the_pristine_discharge_warning_says_its_current_once_at_the_thresholds_temperature():
    """The warning scales a pristine discharge's current density to 70 C, the temperature its threshold (1.5 A/m2) was
    measured at: at 70 C it said the same current twice ("runs at 1.93 A/m2 and 70 C, 1.93 A/m2 at 70 C (the host's 30
    kJ/mol)", Li2021_Mo6S8 at 1C), and at 25 C "0.58 A/m2 and 25 C, 2.83 A/m2 at 70 C" left the reader to guess what
    the second figure was. Now the current once at 70 C, and at another temperature the one it acts as at 70 C."""
    import numpy as np

    from pybamm_aea.convergence import nucleation_mesh_warning

    Step = _EntriesStep
    model, values = _multi_phase_lms_on_one_cm2()

    def said(temperature):
        step = Step({"Time [s]": np.array([0.0, 100.0]), "Current [A]": np.array([2e-4, 2e-4]),  # 2 A/m2
                     "Ambient temperature [K]": np.array([temperature, temperature]),
                     "Cathode Li content": np.zeros((20, 2))})
        return nucleation_mesh_warning(model, values, [step])

    hot = said(343.15)
    assert "runs at 2 A/m2 and 70 C: above the 1.5 A/m2 up to which" in hot, hot
    assert hot.count("A/m2") == 2, hot
    cold = said(298.15)
    assert "runs at 2 A/m2 and 25 C, as 9.78 A/m2 would at 70 C (the host's 30 kJ/mol): above the 1.5 A/m2" in cold, \
        cold


def test_the_pristine_discharge_warning_prints_0_c_without_round_off():
    """At 273.15 K the warning said "runs at 1.05 A/m2 and -5.684e-14 C" (session 48's user trial, an S-LMS hybrid at
    --set "Ambient temperature [K]=273.15"): the step's mean temperature over its times, 273.15 K less round-off, less
    273.15. Temperatures are now turned into degrees C in one place (pybamm_aea.constants.celsius), rounded to 1e-9
    K: "0 C". Four evenly spaced times over 10 h give the round-off (their trapezoid mean is 5.7e-14 K low)."""
    import numpy as np

    from pybamm_aea.convergence import nucleation_mesh_warning

    Step = _EntriesStep
    model, values = _multi_phase_lms_on_one_cm2()
    t = np.linspace(0.0, 36000.0, 4)
    assert np.trapezoid(np.full(4, 273.15), t) / t[-1] != 273.15  # (the round-off the test is about)
    step = Step({"Time [s]": t, "Current [A]": np.full(4, 2e-4), "Ambient temperature [K]": np.full(4, 273.15),
                 "Cathode Li content": np.zeros((20, 4))})
    said = nucleation_mesh_warning(model, values, [step])
    assert "runs at 2 A/m2 and 0 C, as " in said, said
    from pybamm_aea.constants import celsius  # (the one conversion)

    assert [celsius(T) for T in (273.15 - 5.7e-14, 343.15, 298.15 + 1e-13, 253.15)] == [0.0, 70.0, 25.0, -20.0]
    assert str(celsius(273.15 - 5.7e-14)) == "0.0"  # (not -0.0)


def test_a_pristine_discharge_on_a_mesh_coarser_than_measured_is_not_judged_in_silence():
    """The pristine threshold was measured on 20, 40 and 80 cells against 160-320; a pristine discharge below it on 10
    cells passed without a word, where the formed-cell check says "not judged" on such a mesh (review, session 45).
    Now said, naming the cells and the coarsest mesh measured; on 20 cells the same run is not warned."""
    from pybamm_aea.convergence import PRISTINE_MEASURED_CELLS

    experiment = pybamm.Experiment(["Discharge at 0.1C until 1.8 V"])  # (0.193 A/m2 at 70 C: converged on 20-320)
    said = _nucleation_warned(lms(), experiment, 10)[1]
    assert len(said) == 1 and (f"on 10 cathode cells, coarser than any mesh the 1.5 A/m2 threshold was measured on "
                               f"(from {PRISTINE_MEASURED_CELLS[0]} cells): not judged") in said[0], said
    assert _nucleation_warned(lms(), experiment, PRISTINE_MEASURED_CELLS[0])[1] == []


class _PristineStep(dict):
    """A pristine first discharge's step solution at ``current_density`` [A.m-2] through ``values``' electrode and
    ``temperature`` [K] over 100 s, every cathode cell empty of Li (the host in its Li0 phase), its entries by name."""

    def __init__(self, values, current_density, temperature=343.15, cells=20):
        import numpy as np

        area = values["Electrode width [m]"] * values["Electrode height [m]"] * values[
            "Number of electrodes connected in parallel to make a cell"]
        super().__init__({"Time [s]": np.array([0.0, 100.0]), "Current [A]": np.full(2, current_density * area),
                          "Ambient temperature [K]": np.full(2, temperature), "Cathode Li content": np.zeros((cells, 2))})

    def __getitem__(self, name):
        return SimpleNamespace(entries=dict.__getitem__(self, name))


def _swept_s8(fraction=None):
    """The S-LMS set with its S8 mass fraction an input, as ``pybamm_aea.sweep`` sweeps it (``fraction``: a value
    instead)."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    values.update({"Dispersed material mass fraction": "[input]" if fraction is None else fraction})
    return values


def test_a_swept_s8_fraction_is_judged_as_s_lms_at_its_fraction_and_said_not_judged_elsewhere():
    """A pristine S-LMS compact whose S8 mass fraction is swept (an input, as pybamm_aea.sweep's rows) passed its first
    discharge in silence at any fraction but the set's 32.5 wt%, whatever its current (mesh_check then doubled its
    mesh, and pristine_reference_cells gave Mo6S8's 160 cells): the threshold moves with the composition (S-LMS on
    Li-In at 25 C and 0.1C, 45
    wt%: 119.7 mA.h/g on 20 cells, 0.002 on 160, session 43; 20 wt% converges on 160 cells at 3.55 A/m2 scaled, above
    32.5 wt%'s threshold), and no record holds it. Now such a run is said to be not judged, naming its composition, the
    shipped ones and the reference it is compared with: S-LMS's 640 cells for S8 (measured at 32.5 wt% only), the
    finest hybrid's 1280 for another material; at 32.5 wt% it is judged as S-LMS. A discharge after a charge of such a
    composition is not judged, as S-LMS's, and not warned (not by Mo6S8's threshold)."""
    from pybamm_aea.convergence import (NucleationJudgement, _nucleation_judged, nucleation_mesh_judgement,
                                        pristine_reference_cells)
    from pybamm_aea.energy.paper import LTO_LMS_COMPOSITION, SLMS_COMPOSITION

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    swept = _swept_s8()
    step = _PristineStep(swept, 2.0)  # (below S-LMS's 2.35 A/m2, above Mo6S8's 1.5)

    def judged(fraction, values=swept, steps=(step,), cells=20):
        return nucleation_mesh_judgement(model, values, list(steps), {"Dispersed material mass fraction": fraction},
                                         cells)

    shipped = SLMS_COMPOSITION["S8"]
    assert judged(shipped) == (None, 160, True)  # (S-LMS below its threshold: converged)
    assert judged(shipped, steps=[_PristineStep(swept, 3.0)]).text.startswith("step 1, the first discharge of a "
                                                                            "pristine S-LMS")
    for fraction in (0.2, 0.45):
        text, reference, measured = judged(fraction)
        assert not measured and reference == 640 == pristine_reference_cells(swept, {"Dispersed material mass fraction": fraction})
        assert text.startswith(f"step 1, the first discharge of a pristine Mo6S8 host with {100 * fraction:g} wt% of "
                               "S8, runs at 2 A/m2 and 70 C: not judged, no shipped hybrid having this composition "
                               f"(S-LMS (S8 in Mo6S8) {100 * shipped:g} wt%, LTO-LMS (Li4Ti5O12 in Mo6S8) "
                               f"{100 * LTO_LMS_COMPOSITION['Li4Ti5O12']:g} wt%;"), text
        assert ("compares such a run with 8x its cells (at least 640, the fine mesh of S-LMS (S8 in Mo6S8), measured at "
                "its own composition only;") in text, text
        # (not warned on its reference mesh, which was measured at 32.5 wt% only: pristine_reference_cells' 640, not
        # "measured"; until session 47 Mo6S8's 160 cells, "measured")
        assert judged(fraction, cells=640) == (None, 640, False)
    other = _swept_s8(0.3)
    other.update({"Dispersed material standard potential [V]": 1.9})
    text, reference, _ = nucleation_mesh_judgement(model, other, [step], None, 20)
    assert reference == 1280 == pristine_reference_cells(other) and "0.3 wt%" not in text
    assert "with 30 wt% of a dispersed material of standard potential 1.9 V, runs at" in text, text
    assert "(at least 1280, the finest of the shipped hybrids' fine meshes" in text, text
    formed = _TroughStep([2.6, 2.5, 2.3, 2.35, 2.4, 2.2, 2.0], 0.5)  # (a trough far above every formed threshold)
    assert judged(0.45, steps=[formed]) == (None, 640, False)
    assert pristine_reference_cells(pybamm.ParameterValues("Li2021_S_Mo6S8")) == 640
    # one type: a judgement or None, never a bare text
    assert isinstance(_nucleation_judged(model, swept, [step], {"Dispersed material mass fraction": 0.45}, 20),
                      NucleationJudgement)
    assert isinstance(_nucleation_judged(model, lms(), [_TroughStep([2.6, 2.5, 2.3, 2.35, 2.4, 2.2, 2.0], 0.5)],
                                         None, 20), NucleationJudgement)


def test_the_hybrid_warning_names_the_fine_meshes_of_the_hybrids_records(monkeypatch):
    """The pristine hybrid warning typed "the finest measured (640-1280 cells)": a record's fine mesh changed left the
    text as it was. Now it is read from the records (_HYBRIDS' fine_cells)."""
    from pybamm_aea import convergence

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    step = _PristineStep(values, 3.0)  # (above S-LMS's 2.35 A/m2)
    said = convergence.nucleation_mesh_warning(model, values, [step], None, 20)
    assert "answer as the finest measured (640-1280 cells) do" in said, said
    monkeypatch.setitem(convergence._HYBRIDS, "S8", convergence._HYBRIDS["S8"]._replace(fine_cells=500))
    said = convergence.nucleation_mesh_warning(model, values, [step], None, 20)
    assert "answer as the finest measured (500-1280 cells) do" in said and "compare with 500 or more" in said, said


def test_a_mesh_check_against_a_reference_of_another_composition_says_so():
    """mesh_check compares a composition no shipped hybrid holds (S-LMS at 45 wt% S8, pristine, warned as not judged)
    with the fine mesh of the hybrid of its material, S-LMS's 640 cells, measured at 32.5 wt% only: its verdict said
    "mesh converged" without a word on 640 cells, and given a factor below it named 640 cells as "the measured
    reference of this pristine hybrid". Now it says the reference was not measured for this composition and quotes
    the warning, and below it names no measured reference."""
    said = "step 1, the first discharge of a pristine Mo6S8 host with 45 wt% of S8, ...: not judged, ..."

    def table(fine):
        t = pd.DataFrame({"converged": [True]})
        t.attrs.update({"var_pts": {"coarse": {"xi_c": 20}, "fine": {"xi_c": fine}}, "nucleation": said,
                        "reference cells": 640, "reference measured": False})
        return t

    assert verdict(table(640)) == ("mesh converged: every step of 1 within the tolerances on 20 and 640 cathode cells, "
                                   f"a reference not measured for this composition: the mesh may decide this run ({said})")
    below = verdict(table(160))
    assert "that may both be under-resolved" in below and below.endswith("compare with 640 cells or more"), below
    measured = table(640)
    measured.attrs["reference measured"] = True  # (S-LMS itself on its own 640 cells: converged, nothing to add)
    assert verdict(measured) == "mesh converged: every step of 1 within the tolerances"


def test_an_unmatched_composition_not_warned_keeps_a_reference_not_measured_and_the_verdict_says_so():
    """A 45 wt% S8 run on 640 cells (S-LMS's fine mesh, measured at 32.5 wt% only) is not warned; its judgement came
    back as (None, 160, True), Mo6S8's 160 cells "measured", though pristine_reference_cells gives 640 for the same
    inputs, and mesh_check's "mesh converged" verdict said nothing of it (review R1, session 47). Now (None, 640,
    False), and the verdict says the reference was not measured for this composition though nothing was warned."""
    from pybamm_aea.convergence import nucleation_mesh_judgement, pristine_reference_cells

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    swept, inputs = _swept_s8(), {"Dispersed material mass fraction": 0.45}
    judgement = nucleation_mesh_judgement(model, swept, [_PristineStep(swept, 2.0, cells=640)], inputs, 640)
    assert judgement == (None, pristine_reference_cells(swept, inputs), False) == (None, 640, False), judgement
    table = pd.DataFrame({"converged": [True]})
    table.attrs.update({"var_pts": {"coarse": {"xi_c": 640}, "fine": {"xi_c": 1280}}, "nucleation": None,
                        "reference cells": 640, "reference measured": False})
    said = verdict(table)
    assert said.startswith("mesh converged: every step of 1 within the tolerances on 640 and 1280 cathode cells, a "
                           "reference not measured for this composition: the mesh may decide this run (not warned: "
                           "judged against 640 cells, measured at another composition only)"), said


def test_a_fraction_given_as_an_input_without_its_value_is_not_called_unshipped():
    """A swept S8 fraction ("[input]") judged without its inputs (a direct nucleation_mesh_warning call, or mesh_check
    with a coarse_solution and no inputs=) was warned "a mass fraction not a number of S8 ... no shipped hybrid having
    this composition", though it may be 32.5 wt% (review R1, session 47). Now it says the input was not given and to
    pass inputs=; given 32.5 wt%, the same run is judged as S-LMS (not warned at 2 A/m2)."""
    from pybamm_aea.convergence import nucleation_mesh_warning
    from pybamm_aea.energy.paper import SLMS_COMPOSITION

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    swept = _swept_s8()
    said = nucleation_mesh_warning(model, swept, [_PristineStep(swept, 2.0)], None, 20)
    assert "no shipped hybrid having this composition" not in said and "not a number" not in said, said
    assert said.startswith("step 1, the first discharge of a pristine Mo6S8 host with S8 at a mass fraction given as "
                           "an input parameter, runs at 2 A/m2 and 70 C: not judged: the input parameter 'Dispersed "
                           "material mass fraction' not given a value (pass the run's inputs, inputs=..."), said
    assert nucleation_mesh_warning(model, swept, [_PristineStep(swept, 2.0)],
                                   {"Dispersed material mass fraction": SLMS_COMPOSITION["S8"]}, 20) is None


def test_mesh_check_records_a_reference_not_measured(monkeypatch):
    """How mesh_check records "reference measured" was tested only on attrs built by hand (review R1, session 47).
    A 45 wt% S8 discharge (S-LMS's set, the fraction an input) on 20 cells, its fine solve stubbed by the coarse
    solution: the attrs say 640 cells (S-LMS's fine mesh) not measured for this composition, the run warned as not
    judged, refined 32x to 640 cells; a coarse_solution given without inputs= is judged with the inputs it was solved
    with (45 wt%, not "an input not given")."""
    inputs = {"Dispersed material mass fraction": 0.45}
    experiment = pybamm.Experiment(["Discharge at 0.25 mA for 2 minutes"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MeshDependentNucleationWarning)
        coarse = pybamm.Simulation(AEA(), parameter_values=_swept_s8(), experiment=experiment,
                                   var_pts={xi: 20}).solve(inputs=inputs)

    class Fine:  # (the fine solve, not run: the coarse solution again)
        def __init__(self, *args, var_pts=None, **kwargs):
            assert var_pts[xi] == 640

        def solve(self, **kwargs):
            return coarse

    monkeypatch.setattr(pybamm, "Simulation", Fine)
    for kwargs in ({"inputs": inputs}, {}):
        table = mesh_check(AEA(), _swept_s8(), experiment, {xi: 20}, coarse_solution=coarse, **kwargs)
        assert (table.attrs["reference cells"], table.attrs["reference measured"], table.attrs["factor"]) == (
            640, False, 32), table.attrs
        assert "pristine Mo6S8 host with 45 wt% of S8" in table.attrs["nucleation"], table.attrs["nucleation"]


def test_a_dispersed_material_that_never_reacts_is_no_hybrid():
    """The composition was matched on the standard potential and the fraction only: Li2021_Mo6S8 carries S8's 2.2 V
    as a placeholder with interfacial rate constant 0, so LMS set to 32.5 wt% of it (S8 that never reacts) was judged
    as S-LMS (not warned at 2 A/m2, above Mo6S8's 1.5) with S-LMS's 640 cells (review R1, session 47). Now a material
    that never reacts is no hybrid: not judged, said so, compared with the finest hybrid's 1280 cells; S-LMS itself
    (its rate 1e-2 s-1 at 70 C) is still judged as S-LMS."""
    from pybamm_aea.convergence import nucleation_mesh_judgement, pristine_reference_cells
    from pybamm_aea.energy.paper import SLMS_COMPOSITION

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    inert = lms()
    inert.update({"Dispersed material mass fraction": SLMS_COMPOSITION["S8"]})
    text, reference, measured = nucleation_mesh_judgement(model, inert, [_PristineStep(inert, 2.0)], None, 20)
    assert "32.5 wt% of a dispersed material of standard potential 2.2 V that never reacts (interfacial rate " \
           "constant 0), runs at 2 A/m2 and 70 C: not judged, no shipped hybrid having this composition" in text, text
    assert reference == 1280 == pristine_reference_cells(inert) and not measured
    s_lms = pybamm.ParameterValues("Li2021_S_Mo6S8")
    assert nucleation_mesh_judgement(model, s_lms, [_PristineStep(s_lms, 2.0)], None, 20) == (None, 160, True)
    assert pristine_reference_cells(s_lms) == 640


def test_a_charge_whose_li0_layer_formed_inside_the_electrode_is_warned():
    """Half the paper's loading (0.75 mg/cm2) at 70 C and 0.05C (a user's trial, session 47): the charge returned 115.8
    mA.h/g on 20 cells and 118.2 on 160 (to x = 0.39 / 0.32), 101.4 on 40 / 80 / 320, without a word. Not the mesh: IDA's
    steps at the default rtol (up to 440 s) passed the onset of the spinodal decomposition at the separator, Li0
    nucleated in the bulk (cell 3 of 20; 5 before the swollen-layer transport) and the separator cell, still Li1, let Li out. Now warned, naming the cell and
    the cure; solved at rtol 1e-6 the Li0 layer forms at the separator, the charge stops near the loop's peak (101.42,
    x = 0.835) and nothing is said (measured 2026-12-05). Since session 48 the AEA solver solves such a charge again
    itself (tests/test_switch_check.py); here it is told not to (SOLVE_STEPPED_SWITCH_AGAIN False), as a solver that
    does not would return it, and the check after the solve still warns it, advising rtol 1e-6."""
    values = lms()
    values.update({"Cathode loading [kg.m-2]": 0.5 * values["Cathode loading [kg.m-2]"],
                   "Nominal cell capacity [A.h]": 0.5 * values["Nominal cell capacity [A.h]"]})
    experiment = pybamm.Experiment(["Discharge at 0.05C until 1.8 V", "Charge at 0.05C until 2.8 V"])

    def charge(rtol=None):
        model = AEA()
        solver = model.default_solver_with(rtol=rtol)
        solver.SOLVE_STEPPED_SWITCH_AGAIN = False
        solve = pybamm.Simulation(model, parameter_values=values.copy(), experiment=experiment, solver=solver).solve
        solution, said = _mesh_warned(solve)
        q = solution.cycles[1].steps[0][ESC].entries
        return q[0] - q[-1], solution["Average cathode Li content"].entries[-1], said

    stepped, resolved = charge(), charge(1e-6)
    print("charge [mA.h/g], end x, warnings at the default rtol and at 1e-6:", stepped, resolved)
    capacity, x_end, said = stepped
    import re

    # (which inner cell the solver's step leaves first follows its path: cell 5 of 20 before session 47's swollen-layer
    # transport changed the Newton matrix, cell 3 since; the separator's is cell 20)
    where = re.match(r"step 2, a charge, formed its Li0 layer inside the electrode, not at the separator: cell (\d+) of "
                     r"20 \(counted from the co", said[0]) if len(said) == 1 else None
    assert where and int(where.group(1)) < 20, said
    assert "model.default_solver_with(rtol=1e-06)" in said[0]
    assert resolved[2] == [] and resolved[1] > 0.8  # the ionic switch at the separator: the bulk left Li1
    assert capacity > 1.05 * resolved[0]  # (108.76 against 101.42 since session 47's swollen-layer transport; 115.8)


def test_the_formed_trough_polarisation_is_against_li_on_either_anode():
    """The formed trough's polarisation was the cathode's surface OCP (against Li) less the cell's voltage, which on the
    Li-In anode is against the alloy's 0.62 V plateau: every formed cell on Li-In was polarised by ~0.62 V more than on
    Li metal and warned (session 47: formed LMS at 0.2C and 70 C, "polarised by 624 mV ... 0.112 V/s^0.5", where 20 and
    160 cells give 118.744 / 118.759 uA.h). Now the model's total overpotential, the same trough on either anode."""
    from pybamm_aea.convergence import nucleation_mesh_warning

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    nucleating = [2.6, 2.5, 2.3, 2.35, 2.4, 2.2, 2.0]  # its trough 100/3 s in, recovering by 0.1 V
    for polarisation in (0.05, 0.1):
        li, li_in = (nucleation_mesh_warning(model, lms(), [_TroughStep([v - anode for v in nucleating], polarisation,
                                                                        anode=anode)]) for anode in (0.0, 0.62))
        assert (li is None) == (polarisation == 0.05) and (li_in is None) == (li is None), (li, li_in)
    assert "polarised by 100 mV (surface OCP minus voltage vs Li): 0.0173 V/s^0.5" in li_in, li_in


def test_a_formed_cell_on_li_in_is_not_warned_where_li_metals_is_not():
    """Formed LMS at 0.2C and 70 C, its window moved down by the Li-In plateau (1.18-2.18 V): 20 and 160 cells give
    118.744 / 118.759 uA.h (measured session 47, as on Li metal, not warned), but the solve warned of its formed
    discharge ("polarised by 624 mV ... 0.112 V/s^0.5, above 0.0112") and mesh_check compared it with 160 cells (8x).
    Now its trough is polarised by 4 mV, as Li metal's: not warned, and mesh_check doubles the mesh."""
    steps = [("Discharge at 0.2C until 1.18 V", "Charge at 0.2C until 2.18 V"), ("Discharge at 0.2C until 1.18 V",)]
    experiment = pybamm.Experiment(steps)
    model = AEA({"anode": "Li-In"})
    coarse, said = _mesh_warned(lambda: pybamm.Simulation(model, parameter_values=lms(), experiment=experiment).solve())
    assert said == []
    table = mesh_check(model, lms(), experiment, coarse_solution=coarse)
    assert table.attrs["nucleation"] is None and table.attrs["factor"] == 2 and table.attrs["converged"]


def _pristine_steps(x_starts, densities, cells=20, values=None):
    """(LMS at 70 C, or ``values``, step solutions each 100 s at a current density [A.m-2] of ``densities``, negative a
    charge), each step starting with the separator cell at its Li content of ``x_starts`` and the others at the set's
    0.004 (a pristine host, supersaturated at the separator), or from 0.5 Li every cell at it (Li1 in the host)."""
    import numpy as np

    values = lms() if values is None else values
    area = values["Electrode width [m]"] * values["Electrode height [m]"] * values[
        "Number of electrodes connected in parallel to make a cell"]
    steps = []
    for number, (x0, density) in enumerate(zip(x_starts, densities)):
        x = np.tile(np.append(np.full(cells - 1, 0.004 if x0 < 0.5 else x0), x0)[:, None], (1, 3))
        steps.append({name: SimpleNamespace(entries=np.asarray(v, float)) for name, v in (
            ("Time [s]", 100 * number + np.array([0.0, 50.0, 100.0])), ("Current [A]", np.full(3, density * area)),
            ("Ambient temperature [K]", np.full(3, 343.15)), ("Cathode Li content", x),
            ("Voltage [V]", np.array([2.4, 2.3, 2.2])), ("Total overpotential [V]", np.full(3, 0.05)))})
    return values, steps


def test_the_warning_leads_with_the_flagged_discharge_the_mesh_filled():
    """LMS at 25 C, 0.5C CCCV, 20 cells (a user's trial, session 56): the pristine discharges of cycles 1-3 (steps 1,
    6, 11) are flagged; steps 1 and 6 take 1.8e-7 and 2.3e-7 A.h as 160 cells do (3.4e-10), step 11 fills (1.48e-4,
    the mesh's). The warning led with step 1, step 11 named last. Now it leads with the first flagged discharge that
    passed at least a tenth of the most any passed, the ones before it after it with their charges."""
    import numpy as np

    from pybamm_aea.convergence import nucleation_mesh_warning

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    values, steps = _pristine_steps([0.004, 0.05, 0.05, 0.05], [2.0, 2.0, 2.0, 2.0])
    steps[2]["Time [s]"] = SimpleNamespace(entries=200 + np.array([0.0, 5e4, 1e5]))  # 1000x the others' charge
    said = nucleation_mesh_warning(model, values, steps)
    assert said.startswith("step 3, a later discharge of a host still in its Li0 phase (pristine Mo6S8), runs at 2 "
                           "A/m2 and 70 C: above the 1.5 A/m2"), said
    assert "mA.h, the flagged steps 1, 2 before it " in said and "mA.h (0.1 % of it: Li1 not nucleating" in said, said
    assert said.endswith("; flagged too, 1 later discharge: step 4 (a pristine Mo6S8 discharge above the 1.5 A/m2 "
                         "threshold: 2 A/m2 at 70 C)"), said
    # each passing as much: the first leads, as before
    values, steps = _pristine_steps([0.004, 0.05], [2.0, 2.0])
    assert nucleation_mesh_warning(model, values, steps).startswith("step 1, the first discharge")


def test_the_discharges_after_a_mesh_made_pristine_one_are_named_with_their_charges():
    """LMS at 25 C, 0.5C CCCV, 20 cells (session 57): after step 11 filled (0.148 mA.h, the mesh's), steps 16 and 21
    start formed and deliver 0.115 mA.h each where 160 cells give 3.4e-10 A.h; the warning on step 11 did not name
    them. Now one clause names the later unflagged discharges and their charges (a charge between them is none)."""
    from pybamm_aea.convergence import nucleation_mesh_warning

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    values, steps = _pristine_steps([0.004, 0.9, 0.9], [2.0, 2.0, 2.0])  # (2 A/m2 x 100 s x 6.5e-5 m2: 0.00436 mA.h)
    said = nucleation_mesh_warning(model, values, steps)
    assert said.startswith("step 1, the first discharge of a host starting in its Li0 phase"), said
    assert said.endswith("; steps 2, 3 after it (0.00436 mA.h) start from the host it left: the mesh's too"), said
    values, steps = _pristine_steps([0.004, 0.9, 0.9], [2.0, -2.0, 2.0])
    said = nucleation_mesh_warning(model, values, steps)
    assert said.endswith("; step 3 after it (0.00436 mA.h) starts from the host it left: the mesh's too"), said


@pytest.mark.slow
def test_the_warning_leads_with_the_discharge_the_mesh_filled_in_a_real_run():
    """The user's trial (session 56): LMS at 25 C, 0.5C CCCV from pristine, 4 cycles on 20 cells: discharges of 1.83e-7,
    2.31e-7, 1.48e-4 and 1.15e-4 A.h (on 160 cells 3.4e-10 each): the warning led with step 1 and named step 11 last.
    Now it leads with step 11, steps 1 and 6 after it with their charges, and (session 57) step 16 after it, formed
    by it, with its 0.115 mA.h (on 160 cells 3.4e-10 A.h): 674 -> 750 characters."""
    cycle = ("Discharge at 0.5C until 1.8 V", "Rest for 10 minutes", "Charge at 0.5C until 2.8 V",
             "Hold at 2.8 V until C/50", "Rest for 10 minutes")
    values = lms()
    values["Ambient temperature [K]"] = 298.15
    solution, said = _nucleation_warned(values, pybamm.Experiment([cycle] * 4))
    assert len(said) == 1 and said[0].startswith("step 11, a later discharge of a host still in its Li0 phase"), said
    assert "; it took 0.148 mA.h, the flagged steps 1, 6 before it 0.000183-0.000231 mA.h (0.16 % of it" in said[0], said
    assert said[0].endswith("; step 16 after it (0.115 mA.h) starts from the host it left: the mesh's too"), said
    assert len(said[0]) < 760, len(said[0])


def _spinodal(host=None):
    """The lithiation spinodal [Li] of ``host``'s (MO6S8_HOST's) Li0/Li1 loop: s_m / 2 of the way from the Li0 binodal
    to the Li1 one (:mod:`pybamm_aea.thermodynamics`)."""
    from pybamm_aea.parameters.Li2021_Mo6S8 import MO6S8_HOST

    host = MO6S8_HOST if host is None else host
    li0, li1 = host.phases[0].hi, host.phases[1].lo
    return li0 + host.regions[0].s_m / 2 * (li1 - li0)


def test_a_later_discharge_of_a_host_still_pristine_is_judged_as_pristine():
    """Only a run's first step that passed charge was judged as a pristine discharge: a discharge after a short one or
    after a charge, the host still in its Li0 phase (supersaturated at the separator, no Li1 anywhere), was read as a
    formed cell's, whose check needs Li0 at the separator below its binodal (0.02): not judged. LMS at 50 C: 30 s at
    0.1C, then 1C (3.7 A/m2 at 70 C), 150.73 uA.h on 20 cells and 0.02 on 160 (session 47). Now any discharge that
    starts with every cell below the Li0/Li1 loop's lithiation spinodal (0.376 Li) is judged by the pristine threshold
    (a later one said so); one with Li1 in the host by its nucleation trough."""
    from pybamm_aea.convergence import nucleation_mesh_warning

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    values, steps = _pristine_steps([0.004, 0.15], [0.5, 2.0])  # a slow short discharge, then 2 A/m2
    said = nucleation_mesh_warning(model, values, steps)
    assert said and said.startswith("step 2, a later discharge of a host still in its Li0 phase (pristine Mo6S8), runs "
                                    "at 2 A/m2 and 70 C: above the 1.5 A/m2 up to which"), said
    values, steps = _pristine_steps([0.004, 0.05], [-0.5, 2.0])  # a charge first
    said = nucleation_mesh_warning(model, values, steps)
    assert said and said.startswith("step 2, the first discharge of a host starting in its Li0 phase"), said
    for x_starts, densities in (([0.004, 0.37], [0.5, 1.4]), ([0.004, 0.97], [0.5, 2.0])):  # below it; Li1 in it
        assert nucleation_mesh_warning(model, *_pristine_steps(x_starts, densities)) is None
    assert nucleation_mesh_warning(model, *_pristine_steps([0.004, 0.37], [0.5, 1.6])) is not None
    assert nucleation_mesh_warning(model, *_pristine_steps([0.004, 0.375], [0.5, 2.0])) is not None  # (< 0.37625)
    from pybamm_aea.convergence import _li0_limit

    assert _li0_limit(lms(), None) == pytest.approx(_spinodal())  # (Mo6S8's: 0.376 Li)


def test_the_pristine_limit_is_the_hosts_own_loop_not_the_sets_binodals():
    """A discharge was judged pristine when every cell started below the set's "Li0 / Li1 phase binodal Li content"
    taken at Mo6S8's loop fraction (0.375 of the gap: 0.376 Li), though the multi-phase host's free energy reads
    neither: LMS with its Li1 binodal edited to 0.5 put the limit at 0.2 Li, so a host supersaturated at 0.3 Li at the
    separator (no Li1 anywhere in the model's loop) was taken as formed and its 2 A/m2 discharge not judged; a host of
    another loop (s_m 0.5: its spinodal at 0.2575 Li) was judged at Mo6S8's 0.376, a start at 0.3 Li, past it, as
    pristine. Now the limit is the lithiation spinodal of the host's own homogeneous OCP (session 48)."""
    import dataclasses

    from pybamm_aea import thermodynamics
    from pybamm_aea.convergence import _li0_limit, nucleation_mesh_warning
    from pybamm_aea.parameters.Li2021_Mo6S8 import MO6S8_HOST

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    edited = lms()
    edited.update({"Li1 phase binodal Li content": 0.5})
    assert _li0_limit(edited, None) == pytest.approx(_spinodal())  # (the model's loop, not moved)
    said = nucleation_mesh_warning(model, *_pristine_steps([0.004, 0.3], [0.5, 2.0], values=edited))
    assert said and said.startswith("step 2, a later discharge of a host still in its Li0 phase"), said
    host = dataclasses.replace(MO6S8_HOST, regions=(dataclasses.replace(MO6S8_HOST.regions[0], s_m=0.5),
                                                    *MO6S8_HOST.regions[1:]))
    other = lms()
    other.update({"Cathode homogeneous OCP [V]": lambda x, T: thermodynamics.homogeneous_ocp(host, x, T)})
    assert _li0_limit(other, None) == pytest.approx(_spinodal(host))
    assert nucleation_mesh_warning(model, *_pristine_steps([0.004, 0.3], [0.5, 2.0], values=other)) is None
    assert nucleation_mesh_warning(model, *_pristine_steps([0.004, 0.25], [0.5, 2.0], values=other)) is not None
    assert _li0_limit(pybamm.ParameterValues("Li2021_TiS2"), None) is None  # (no Li0/Li1 loop)


#: the pristine limit [Li] of every shipped set whose host has a homogeneous OCP, as ``np.diff(U_h) > 0`` found
#: where U_h first rises until session 61 (then :func:`pybamm_aea.thermodynamics.rising_stretch`): Mo6S8's hosts
#: 0.37625 Li at every temperature; the one-phase hosts none
_PRISTINE_LIMITS = {"Li2021_Mo6S8": 0.37625, "Li2021_LTO_Mo6S8": 0.37625, "Li2021_S_Mo6S8": 0.37625,
                    "Li2021_TiS2": None, "AEA_LiCoO2": None, "AEA_LiFePO4": None, "AEA_Li4Ti5O12": None,
                    "AEA_NMC532": None}


@pytest.mark.parametrize("name", sorted(_PRISTINE_LIMITS))
def test_the_pristine_limit_reads_the_first_rise_where_thermodynamics_says(name):
    """Where the host's homogeneous OCP first rises is read once, by ``thermodynamics.rising_stretch`` (session 61:
    ``_li0_limit`` found it with its own ``np.diff(U_h) > 0``); the limits are those of the old code, to the last bit,
    on every shipped set at the set's own, the lowest and the highest temperature the model accepts."""
    from pybamm_aea.convergence import _li0_limit
    from pybamm_aea.models.checks import RANGES

    values = pybamm.ParameterValues(name)
    T_range = RANGES["Ambient temperature [K]"]
    for T in (None, T_range.low, 298.15, T_range.high):
        assert _li0_limit(values, None, T) == _PRISTINE_LIMITS[name], (name, T)


def test_a_pristine_limit_not_read_is_said_not_silent():
    """The pristine limit was read inside a bare ``except Exception``: a values object it could not read (a plain dict
    of the set's values, which warned of a 2 A/m2 pristine discharge at 70 C before session 48), a user OCP that
    raised, an input parameter given no value, all ended the judgement in silence, as a host without a loop does. Now a
    dict is refused naming it, an input not given is said (not judged), and the OCP's own error is raised."""
    from pybamm_aea.convergence import nucleation_mesh_judgement, nucleation_mesh_warning

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    values, steps = _pristine_steps([0.004], [2.0])
    assert nucleation_mesh_warning(model, values, steps).startswith("step 1, the first discharge")
    with pytest.raises(TypeError, match=r"from a pybamm.ParameterValues, not a dict"):
        nucleation_mesh_warning(model, dict(values.items()), steps)
    ocp = values["Cathode homogeneous OCP [V]"]
    scaled = lms()
    scaled.update({"Cathode homogeneous OCP [V]": lambda x, T: ocp(x, T) * pybamm.InputParameter("OCP scale")})
    judged = nucleation_mesh_judgement(model, scaled, steps)
    assert judged.text and ("not judged, its pristine limit (the lithiation spinodal of its homogeneous OCP) not "
                            "read, the input parameter 'OCP scale' not given a value") in judged.text, judged
    assert nucleation_mesh_warning(model, scaled, steps, {"OCP scale": 1.0}).startswith("step 1, the first discharge")

    def broken(x, T):
        raise ValueError("the user's OCP table ends at 3 Li")

    broken_values = lms()
    broken_values.update({"Cathode homogeneous OCP [V]": broken})
    with pytest.raises(ValueError, match="ends at 3 Li"):
        nucleation_mesh_warning(model, broken_values, steps)


def test_the_pristine_limit_is_read_at_each_steps_temperature():
    """A set whose ambient temperature is a function of time gives the judgement no number: each discharge's limit is
    read at the step's own temperature at its start. Read at none (the set's), no limit, and a pristine 2 A/m2
    discharge at 70 C was not judged (review of session 48: LMS at 0.5C and 53.6 C lost its warning so)."""
    from pybamm_aea.convergence import nucleation_mesh_warning

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    values = lms()
    values.update({"Ambient temperature [K]": lambda y, z, t: 343.15 + 0 * t})
    said = nucleation_mesh_warning(model, *_pristine_steps([0.004, 0.3], [0.5, 2.0], values=values))
    assert said and said.startswith("step 2, a later discharge of a host still in its Li0 phase"), said


def test_the_pristine_limit_is_compared_with_the_free_li_content():
    """The limit is read on the host's free window (its free energy's "Cathode free Li content") but was compared with
    the total "Cathode Li content": with Li trapping (x_trap 0.054 on Mo6S8) a host still in its Li0 phase, 0.35 Li
    free at the separator (0.40 in all, below the spinodal 0.376 in free Li), was read as formed and its 2 A/m2
    discharge not judged. Now the free content, as the interior-Li0 charge check reads it."""
    from pybamm_aea.convergence import nucleation_mesh_warning

    values, steps = _pristine_steps([0.004, 0.40], [0.5, 2.0])
    for step in steps:  # (Li trapped: the free content 0.05 below the total)
        step["Cathode free Li content"] = SimpleNamespace(entries=step["Cathode Li content"].entries - 0.05)
    plain = SimpleNamespace(options={"host thermodynamics": "multi-phase"})  # (no trapping: 0.40, past the spinodal)
    assert nucleation_mesh_warning(plain, values, steps) is None
    model = SimpleNamespace(options={"host thermodynamics": "multi-phase", "Li trapping": "irreversible"})
    said = nucleation_mesh_warning(model, values, steps)
    assert said and said.startswith("step 2, a later discharge of a host still in its Li0 phase"), said


def test_a_later_pristine_discharge_the_mesh_decides_is_warned():
    """The paper's cell at 50 C, 30 s at 0.1C (the separator at 0.15 Li, no Li1), then 1C to 1.8 V: 150.73 uA.h on 20
    cells, 0.02 on 160 (measured session 47); it said nothing, and is now warned as a pristine discharge."""
    experiment = pybamm.Experiment(["Discharge at 0.1C for 30 seconds", "Discharge at 1C until 1.8 V"])
    said = _nucleation_warned(_lms_at(1.5, 323.15), experiment)[1]
    assert len(said) == 1 and said[0].startswith(
        "step 2, a later discharge of a host still in its Li0 phase (pristine Mo6S8), runs at 1.93 A/m2 and 50 C"), said


@pytest.mark.slow
def test_a_partly_lithiated_start_is_the_meshs_by_the_li_it_holds_and_is_warned_on_either_side():
    """Session 47 judged a later discharge of a host still in its Li0 phase by the pristine threshold and called the
    converged ones among them false warnings; measured on 20 / 40 / 80 / 160 cells (session 48, docs/known_limits.rst
    "Multi-phase host: nucleation and the mesh"): the paper's cell at 50 C, 30 s at 0.1C (0.15-0.17 Li at the separator
    on every mesh), then 1C fills 150.7 uA.h on 20, 40 and 80 cells and takes 0.018 on 160 (0.015 on 320), the mesh's;
    after 60 s (0.24-0.25 Li) 1C converges (150.6 on each) and 2C is the mesh's again (132.2 / 0.008 on 20 / 160). At
    one current the Li the host starts with decides, and no one content marks it: the 20-cell runs are warned on both
    sides of it (the pristine threshold, a bound)."""
    values = _lms_at(1.5, 323.15)

    def step_2(seconds, rate, cells):
        experiment = pybamm.Experiment([f"Discharge at 0.1C for {seconds} seconds", f"Discharge at {rate} until 1.8 V"])
        solution, said = _nucleation_warned(values, experiment, cells)
        q = solution.cycles[1].steps[0][ESC].entries
        return q[-1] - q[0], said

    (coarse, said), (fine, _) = step_2(30, "1C", 20), step_2(30, "1C", 160)
    assert coarse > 100 and fine < 0.1 and said and said[0].startswith("step 2, a later discharge"), (coarse, fine)
    (coarse, said), (fine, _) = step_2(60, "1C", 20), step_2(60, "1C", 160)
    assert coarse == pytest.approx(fine, rel=1e-3) and coarse > 100 and said, (coarse, fine)
    assert step_2(60, "2C", 160)[0] < 0.1


def test_a_charge_starting_with_a_li0_cell_inside_is_not_judged(monkeypatch):
    """The interior-Li0 charge check judges a charge whose first cell below the Li0/Li1 gap's middle (0.495 on
    Mo6S8) appears during the charge; a charge that starts with such a cell inside the electrode (a Li0 layer already
    there, the separator cell above it) is not judged: that layer is not the one the charge formed. Without that
    guard the stub's charge below was said to have formed its Li0 layer inside the electrode "0 h in"."""
    import numpy as np

    import pybamm_aea.switch_check as switch_check

    n, cells = 5, 20
    t = np.linspace(0, 3600, n)

    def step(content):
        return {"Time [s]": SimpleNamespace(entries=t), "Current [A]": SimpleNamespace(entries=np.full(n, -1e-4)),
                "content": content}

    model = SimpleNamespace(options={"host thermodynamics": "multi-phase"})
    monkeypatch.setattr(switch_check, "_content_history", lambda one: one["content"])
    there = np.full((cells, n), 0.9)
    there[5, :] = 0.3  # (cell 6 below 0.495 from the start, the separator cell at 0.9)
    assert switch_check.interior_li0_charge_warning(model, lms(), [step(there)]) is None
    formed = np.full((cells, n), 0.9)
    formed[5, 2:] = 0.3  # (cell 6 falls below it an hour's half in: formed by the charge, inside)
    said = switch_check.interior_li0_charge_warning(model, lms(), [step(formed)])
    assert said is not None and said.startswith("step 1, a charge, formed its Li0 layer inside the electrode"), said
    assert "cell 6 of 20" in said and "0.5 h in" in said


@pytest.mark.slow
def test_mesh_check_says_a_charge_the_solver_decided_on_both_meshes(monkeypatch):
    """Review R3 (session 47): 0.75 mg/cm2 LMS at 70 C, 0.05C, factor 8 (20 and 160 cells; since session 47's
    swollen-layer transport moved the solver's path only 20 and 10 of 10-160 cells are flagged, so 10 and 20 here).
    Both meshes' charges formed their Li0 layer
    inside the electrode (the solver's time step passed the ionic switch: 101.4 mA.h/g on both at rtol 1e-6), but
    mesh_check ran its fine mesh with every MeshDependentNucleationWarning ignored, the charge check's too, and its
    verdict read "NOT mesh converged ... Charge ... -1.85 %" as if the mesh moved it. Now the charge check has its
    own subclass (SolverSteppedSwitchWarning), the fine run's is said, both meshes' texts are in
    attrs["solver switch"] and the verdict leads with the rtol to solve at. Since session 48 the model's default solver
    solves each mesh's charge again at rtol 1e-6 (a SwitchRefinedWarning each, the fine run's said too): nothing is
    left for the verdict to lead with, and the meshes compare the re-solved charges; a solver told not to
    (its class's SOLVE_STEPPED_SWITCH_AGAIN False) gets the lead as before, and the default solver's lead,
    when a re-solved charge is still flagged, advises a tenth of 1e-6."""
    from pybamm_aea.switch_check import SOLVER_RTOL_FOR_THE_SWITCH, SolverSteppedSwitchWarning, SwitchRefinedWarning

    model = AEA()
    values = model.default_parameter_values
    values.update({"Cathode loading [kg.m-2]": 0.5 * values["Cathode loading [kg.m-2]"],
                   "Nominal cell capacity [A.h]": 0.5 * values["Nominal cell capacity [A.h]"]})
    experiment = pybamm.Experiment(["Discharge at 0.05C until 1.8 V", "Charge at 0.05C until 2.8 V"])
    var_pts = {**model.default_var_pts, "xi_c": 10}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = mesh_check(model, values, experiment, var_pts=var_pts, factor=2)
    refined = [str(w.message) for w in caught if w.category is SwitchRefinedWarning]
    assert len(refined) == 2 and "cell " in refined[0] and " of 10 " in refined[0] and " of 20 " in refined[1], refined
    assert not [w for w in caught if w.category is SolverSteppedSwitchWarning]
    assert table.attrs["solver switch"] == {"coarse": None, "fine": None} and table.attrs["solver switch rtol"] is None
    assert not verdict(table).startswith("the charge is the solver's")
    still = table.copy()
    still.attrs = {**table.attrs, "solver switch": {"coarse": "step 2, a charge, ...", "fine": None},
                   "solver switch rtol": SOLVER_RTOL_FOR_THE_SWITCH / 10}
    assert verdict(still).startswith("the charge is the solver's on the coarse mesh (its Li0 layer formed inside the "
                                     "electrode: IDA's time step passed the ionic switch, at rtol 1e-06 too): solve at "
                                     "rtol 1e-07 (model.default_solver_with(rtol=1e-07))"), verdict(still)
    from pybamm_aea.models.solvers import ConsistentEventIDAKLUSolver

    monkeypatch.setattr(ConsistentEventIDAKLUSolver, "SOLVE_STEPPED_SWITCH_AGAIN", False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = mesh_check(model, values, experiment, var_pts=var_pts, factor=2)
    switched = [str(w.message) for w in caught if w.category is SolverSteppedSwitchWarning]
    assert len(switched) == 2 and "of 10 " in switched[0] and "of 20 " in switched[1], switched
    assert all(table.attrs["solver switch"][label].startswith("step 2, a charge, formed its Li0 layer inside")
               for label in ("coarse", "fine"))
    assert table.attrs["nucleation"] is None or "on 10 cathode cells, coarser than any mesh" in table.attrs["nucleation"]
    said = verdict(table)
    assert said.startswith("the charge is the solver's on both meshes") and \
        f"solve at rtol {SOLVER_RTOL_FOR_THE_SWITCH:g}" in said and "as solved: NOT mesh converged" in said, said


def test_mesh_check_of_a_run_that_ran_no_step_says_which_run_why_and_the_way_out():
    """User trial WT: a 50 mg/cm2 LMS cathode from LiMo6S8 (initial_soc="2.2 V") at 1C starts 0.036 V under its 1.8 V
    cut-off; PyBaMM skipped the step on both meshes and mesh_check failed with compare_meshes' bare "the solution is
    empty" ValueError (after the fine solve too). Now a ValueError from the coarse run, before the fine solve, naming
    its cathode cells, the step skipped, how far past its cut-off it started (the StartOutsideWindowWarning's gap)
    and what to change, once: until session 62 it quoted the whole warning after "the StartOutsideWindowWarning ...
    says which and by how much", its way out too, 1300 characters with two ways out (review R49); 417 now."""
    from pybamm_aea.models.start_advice import StartOutsideWindowWarning

    experiment = pybamm.Experiment(["Discharge at 1C until 1.8 V"])
    with pytest.warns(StartOutsideWindowWarning), pytest.raises(ValueError) as error:
        mesh_check(AEA(), _lms_at(50.0, 343.15), experiment, initial_soc="2.2 V")
    text = str(error.value)
    assert "the run on 20 cathode cells (the coarse mesh; the fine one was not solved) is empty" in text, text
    assert "skipped its step (Discharge at 1C until 1.8 V)" in text, text
    assert re.search(r"the cell starts 0\.03\d+ V past its step's cut-off \(Voltage < 1\.8 \[V\]\)", text), text
    assert text.endswith("Start its steps inside their cut-offs: a smaller current, a lower loading or another "
                         "initial_soc"), text
    assert text.count("a smaller current") == 1 and "says which and by how much" not in text, text
    assert len(text) <= 450, (len(text), text)


def test_compare_meshes_names_the_empty_solution():
    """compare_meshes of a run and an empty one (PyBaMM's EmptySolution: no step ran) said "the solution is empty"
    without saying which; now it names the fine (or coarse) one and the way out."""
    solution = _solved(lms(), pybamm.Experiment(["Rest for 1 minute"]))
    with pytest.raises(ValueError, match=r"the fine solution is empty, nothing to compare: no step of the experiment "
                                         r"ran.*a smaller current"):
        compare_meshes(solution, pybamm.EmptySolution())
    with pytest.raises(ValueError, match="the coarse solution is empty"):
        compare_meshes(pybamm.EmptySolution(), solution)
