"""Design sweeps: tidy table, failed points kept, derived inputs, resume, local and Dask parallelism."""
import numpy as np
import pandas as pd
import pybamm
import pytest

from pybamm_aea.sweep import RESULT_COLUMNS, SweepConfigError, expand_grid, sweep

LMS = "Li2021_Mo6S8"
LOADING = "Cathode loading [kg.m-2]"
TEMPERATURE = "Ambient temperature [K]"
GRID_2x2 = {LOADING: [0.015, 0.03], TEMPERATURE: [298.15, 343.15]}
COMPARED = ["ESC [mA.h.g-1]", "Electrode energy [W.h.kg-1]", "Electrode energy [W.h.L-1]"]


@pytest.fixture(scope="module")
def serial_2x2():
    return sweep(GRID_2x2, parameter_set=LMS, workers=1)


def test_grid_gives_one_tidy_row_per_point(serial_2x2):
    df = serial_2x2
    assert len(df) == 4
    assert list(df.columns[:2]) == [LOADING, TEMPERATURE]
    assert list(zip(df[LOADING], df[TEMPERATURE])) == [(0.015, 298.15), (0.015, 343.15), (0.03, 298.15),
                                                        (0.03, 343.15)]
    assert df["error"].isna().all()
    # LMS first discharge from Mo6S8: the paper's 130 mAh/g
    assert df["ESC [mA.h.g-1]"].between(115, 140).all()
    # Wh/kg = ESC x mean voltage; Wh/L from the model's electrode volume (dense: ~4.5 g/cm3)
    assert np.allclose(df["Electrode energy [W.h.kg-1]"], df["ESC [mA.h.g-1]"] * df["Average discharge voltage [V]"])
    density = df["Electrode energy [W.h.L-1]"] / df["Electrode energy [W.h.kg-1]"]
    assert np.allclose(density, 5.06 * (1 - 0.11), rtol=1e-6)
    # the discharged basis (Li4Mo6S8 is heavier than Mo6S8) is below the charged one
    assert (df["Discharged-basis energy [W.h.kg-1]"] < df["Electrode energy [W.h.kg-1]"]).all()
    assert (df["Solve time [s]"] > 0).all()
    # twice the loading gives twice the capacity in mAh (0.1C of each design: nominal capacity scaled)
    q = df.set_index([LOADING, TEMPERATURE])["Discharge capacity [mA.h]"]
    assert q[(0.03, 343.15)] == pytest.approx(2 * q[(0.015, 343.15)], rel=0.01)


@pytest.mark.slow
def test_failed_point_is_reported_not_dropped():
    df = sweep({LOADING: [0.015, -0.01, 0.02]}, parameter_set=LMS, workers=1)
    assert len(df) == 3
    assert list(df[LOADING]) == [0.015, -0.01, 0.02]
    bad = df.iloc[1]
    assert "Cathode loading [kg.m-2]" in bad["error"] and "-0.01" in bad["error"]
    assert np.isnan(bad["ESC [mA.h.g-1]"])
    assert df["error"].iloc[[0, 2]].isna().all()


def test_solver_failure_is_reported():
    # a loading far too high for the voltage window: PyBaMM returns a partial or no solution
    df = sweep({LOADING: [0.015, 50.0]}, parameter_set=LMS, workers=1)
    assert df["error"].iloc[0] is None
    assert isinstance(df["error"].iloc[1], str) and df["error"].iloc[1]


def test_resume_skips_points_already_done(tmp_path, monkeypatch):
    results = tmp_path / "partial.csv"
    first = sweep({LOADING: [0.015, 0.02]}, parameter_set=LMS, workers=1, results_file=results)
    assert len(pd.read_csv(results)) == 2

    import pybamm_aea.sweep as sweep_module

    ran = []
    original = sweep_module._evaluate_point

    def spy(config, point):
        ran.append(point[LOADING])
        return original(config, point)

    monkeypatch.setattr(sweep_module, "_evaluate_point", spy)
    second = sweep({LOADING: [0.015, 0.02, 0.025]}, parameter_set=LMS, workers=1, results_file=results)
    assert ran == [0.025]
    assert len(second) == 3 and len(pd.read_csv(results)) == 3
    # rows read back from the file are the ones computed the first time
    assert second["Solve time [s]"].iloc[:2].tolist() == pytest.approx(first["Solve time [s]"].tolist(), rel=1e-12)
    assert second["ESC [mA.h.g-1]"].iloc[:2].tolist() == pytest.approx(first["ESC [mA.h.g-1]"].tolist(), rel=1e-12)
    assert second["error"].isna().all()


def test_resume_retries_failed_points_on_request(tmp_path, monkeypatch):
    results = tmp_path / "partial.csv"
    sweep({LOADING: [0.015, -1.0]}, parameter_set=LMS, workers=1, results_file=results)
    import pybamm_aea.sweep as sweep_module

    ran = []
    original = sweep_module._evaluate_point
    monkeypatch.setattr(sweep_module, "_evaluate_point", lambda c, p: ran.append(p[LOADING]) or original(c, p))
    df = sweep({LOADING: [0.015, -1.0]}, parameter_set=LMS, workers=1, results_file=results)
    assert ran == [] and df["error"].iloc[1] is not None
    sweep({LOADING: [0.015, -1.0]}, parameter_set=LMS, workers=1, results_file=results, retry_failed=True)
    assert ran == [-1.0]


def test_results_file_of_another_grid_is_refused(tmp_path):
    results = tmp_path / "partial.csv"
    sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file=results)
    with pytest.raises(SweepConfigError, match="Ambient temperature"):
        sweep({TEMPERATURE: [300.0]}, parameter_set=LMS, workers=1, results_file=results)


def test_parquet_results_need_pyarrow(tmp_path):
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        with pytest.raises(SweepConfigError, match="pyarrow"):
            sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file=tmp_path / "r.parquet")
    else:
        df = sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file=tmp_path / "r.parquet")
        assert len(pd.read_parquet(tmp_path / "r.parquet")) == len(df) == 1


@pytest.mark.slow
def test_stack_pressure_sets_porosity_from_compaction_data():
    from pybamm_aea.energy import porosity

    df = sweep({"Stack pressure [MPa]": [108.0, 360.0]}, parameter_set=LMS, workers=1)
    assert df["Cathode porosity"].tolist() == pytest.approx([porosity("Mo6S8", 108.0), porosity("Mo6S8", 360.0)])
    assert df["error"].isna().all()
    # denser electrode, more Wh/L, same capacity per gram
    assert df["Electrode energy [W.h.L-1]"].iloc[1] > 1.3 * df["Electrode energy [W.h.L-1]"].iloc[0]
    assert df["ESC [mA.h.g-1]"].iloc[1] == pytest.approx(df["ESC [mA.h.g-1]"].iloc[0], rel=0.02)


def test_c_rate_gives_rate_capability_with_reference_point():
    df = sweep({"C-rate": [1.0, 5.0]}, parameter_set=LMS, workers=1)
    assert df["C-rate"].tolist() == [1.0, 5.0, 0.1]  # the 0.1C reference is added
    assert df["Rate capability"].iloc[2] == pytest.approx(1.0)
    assert (df["Rate capability"].iloc[:2] <= 1.0 + 1e-3).all()
    assert df["Rate capability"].iloc[1] <= df["Rate capability"].iloc[0] + 1e-6


@pytest.mark.slow
def test_cycles_give_retention():
    experiment = ["Discharge at 0.5C until 1.8 V"] + [("Charge at 0.5C until 2.8 V", "Discharge at 0.5C until 1.8 V")] * 2
    df = sweep({LOADING: [0.015]}, parameter_set=LMS, experiment=experiment, workers=1)
    row = df.iloc[0]
    assert row["Number of discharges"] == 3
    assert row["Capacity retention"] == pytest.approx(1.0, abs=0.05)
    # formation from Mo6S8 (~130 mAh/g) vs reversible (~90 mAh/g, the ionic switch keeps Li1)
    assert row["First discharge ESC [mA.h.g-1]"] > row["ESC [mA.h.g-1]"] + 15


def test_unknown_name_is_refused_with_suggestions():
    with pytest.raises(SweepConfigError, match="did you mean.*Cathode loading"):
        sweep({"Cathode loadng [kg.m-2]": [0.01]}, parameter_set=LMS, workers=1)


def test_s8_fraction_needs_a_hybrid_set():
    with pytest.raises(SweepConfigError, match="S8 mass fraction"):
        sweep({"S8 mass fraction": [0.3]}, parameter_set=LMS, workers=1)


@pytest.mark.slow
@pytest.mark.skipif("Li2021_S_Mo6S8" not in pybamm.parameter_sets, reason="hybrid S-LMS set not registered")
def test_s8_fraction_on_the_hybrid_set():
    df = sweep({"S8 mass fraction": [0.2, 0.325]}, parameter_set="Li2021_S_Mo6S8", workers=1)
    assert df["error"].isna().all(), df["error"].tolist()
    assert df["ESC [mA.h.g-1]"].iloc[1] > df["ESC [mA.h.g-1]"].iloc[0] > 150


def test_expand_grid_forms():
    names, points = expand_grid({"a": [1, 2], "b": 3.0})
    assert names == ["a", "b"] and points == [{"a": 1.0, "b": 3.0}, {"a": 2.0, "b": 3.0}]
    names, points = expand_grid(pd.DataFrame({"a": [1.0, 2.0], "b": [5.0, 6.0]}))
    assert points == [{"a": 1.0, "b": 5.0}, {"a": 2.0, "b": 6.0}]
    with pytest.raises(SweepConfigError):
        expand_grid([{"a": 1}, {"b": 2}])


def test_local_processes_match_serial(serial_2x2):
    df = sweep(GRID_2x2, parameter_set=LMS, workers=2, batch_size=1)
    assert df[[LOADING, TEMPERATURE]].equals(serial_2x2[[LOADING, TEMPERATURE]])
    np.testing.assert_allclose(df[COMPARED].to_numpy(), serial_2x2[COMPARED].to_numpy(), rtol=1e-9)
    assert list(df.columns) == list(serial_2x2.columns)
    assert set(RESULT_COLUMNS) - set(df.columns) <= {"Rate capability", "Capacity retention"}


@pytest.mark.slow
def test_dask_local_cluster_matches_serial(serial_2x2, tmp_path):
    distributed = pytest.importorskip(
        "distributed", reason="dask.distributed is not installed (pip install 'dask[distributed]')"
    )
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        df = sweep(GRID_2x2, parameter_set=LMS, client=client, batch_size=1, results_file=tmp_path / "dask.csv")
    assert df[[LOADING, TEMPERATURE]].equals(serial_2x2[[LOADING, TEMPERATURE]])
    np.testing.assert_allclose(df[COMPARED].to_numpy(), serial_2x2[COMPARED].to_numpy(), rtol=1e-9)
    assert df["error"].isna().all()
    assert len(pd.read_csv(tmp_path / "dask.csv")) == 4


def test_package_attribute_is_callable():
    import pybamm_aea
    import pybamm_aea.sweep as module

    assert callable(pybamm_aea.sweep) and module.sweep is sweep
    df = pybamm_aea.sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1)
    assert len(df) == 1 and df["error"].iloc[0] is None


def test_sample_rows_with_a_repeated_design(monkeypatch):
    import pybamm_aea.sweep as sweep_module

    ran = []
    original = sweep_module._evaluate_point
    monkeypatch.setattr(sweep_module, "_evaluate_point", lambda c, p: ran.append(p[LOADING]) or original(c, p))
    sample = [{LOADING: 0.015, TEMPERATURE: 343.15}, {LOADING: 0.02, TEMPERATURE: 343.15},
              {LOADING: 0.015, TEMPERATURE: 343.15}]
    df = sweep(sample, parameter_set=LMS, workers=1)
    assert len(df) == 3 and sorted(ran) == [0.015, 0.02]
    assert df["ESC [mA.h.g-1]"].iloc[0] == df["ESC [mA.h.g-1]"].iloc[2]
