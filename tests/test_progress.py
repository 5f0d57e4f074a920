"""Progress bars for long runs (tqdm, PyBaMM callbacks) and rounding of tabulated output."""
import io
import re

import numpy as np
import pandas as pd
import pybamm
import pytest

from pybamm_aea.progress import ExperimentProgress, progress_bar, round_significant, round_table


def test_float_noise_is_rounded_away_and_digits_kept():
    assert round_significant(70.00000000000006) == 70.0
    assert repr(round_significant(343.15 - 273.15)) == "70.0"
    np.testing.assert_array_equal(
        round_significant([1.234567891e-7, -98765.4321, 0.0]), [1.23457e-7, -98765.4, 0.0]
    )
    out = round_significant([np.nan, np.inf])
    assert np.isnan(out[0]) and out[1] == np.inf
    with pytest.raises(ValueError, match="digits"):
        round_significant(1.0, digits=0)


def test_round_table_rounds_float_columns_only():
    table = pd.DataFrame({"T [C]": [70.00000000000006, 1 / 3], "cycle": [1, 2], "set": ["a", "b"]})
    csv = round_table(table).to_csv(index=False)
    assert csv.splitlines()[1:] == ["70.0,1,a", "0.333333,2,b"]
    assert table["T [C]"].iloc[0] != 70.0  # the input is not modified


def test_bar_hidden_when_not_a_terminal():
    assert progress_bar(range(3)).disable  # pytest captures stderr: not a terminal
    assert not progress_bar(range(3), show=True, file=io.StringIO()).disable


def test_experiment_progress_counts_cycles():
    stream = io.StringIO()
    progress = ExperimentProgress(show=True, file=stream)
    experiment = pybamm.Experiment([("Discharge at 1C for 2 minutes", "Rest for 1 minute")] * 3)
    sim = pybamm.Simulation(
        pybamm.Model("AEA"), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"), experiment=experiment
    )
    sim.solve(callbacks=[progress])
    assert progress.completed == 3
    assert progress.step == (2, 2)
    assert "3/3" in stream.getvalue()
    assert progress.bar is None  # closed at the end of the experiment
    assert progress.terminated is None


def test_experiment_progress_says_which_termination_ended_it():
    """An experiment that its termination ends before its last cycle: the bar says so. Catches: LMS with
    "ionic-switch host loss", 200 cycles, termination "90% capacity": the bar stood at 42/200 (21 %) without a
    word (PyBaMM tells it at its NOTICE log level only), as if the run had stalled."""
    stream = io.StringIO()
    progress = ExperimentProgress(show=True, file=stream)
    experiment = pybamm.Experiment([("Discharge at 1C until 1.8 V", "Charge at 1C until 2.8 V")] * 10,
                                   termination="99% capacity")
    sim = pybamm.Simulation(pybamm.Model("AEA", {"ionic-switch host loss": "persistent Li0"}),
                            parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"), experiment=experiment)
    solution = sim.solve(callbacks=[progress])
    n = len(solution.cycles)
    assert 1 < n < 10 and solution.termination == "experiment capacity limit reached"
    capacity = solution.summary_variables["Capacity [A.h]"]
    assert capacity[-1] <= 0.99 * capacity[0] < capacity[-2]
    assert progress.terminated.startswith(f'"Capacity [A.h]" {capacity[-1]:.6g} A.h ({100 * capacity[-1] / capacity[0]:.4g} %')
    assert f"{n}/10" in stream.getvalue() and f"stopped after cycle {n}: {progress.terminated}" in stream.getvalue()
    assert progress.stopped is None  # not a failure: the command line and the sweep read this one


def test_command_line_tables_are_rounded(tmp_path):
    from pybamm_aea.cli._args import write_table

    table = pd.DataFrame({"Ambient temperature [C]": [343.15 - 273.15], "Voltage [V]": [2.0512345678901]})
    text = write_table(table, tmp_path / "t.csv").read_text()
    assert text.splitlines()[1] == "70.0,2.05123"


def test_sweep_shows_progress_by_default_only_on_a_terminal_and_exports_rounded(tmp_path, capsys):
    import pybamm_aea

    grid = {"Cathode loading [kg.m-2]": [0.01, 0.015]}
    table = pybamm_aea.sweep(grid, parameter_set="Li2021_Mo6S8", workers=1, export=tmp_path / "s.csv")
    assert table.attrs["failed"] == 0
    assert "sweep" not in capsys.readouterr().err  # stderr is captured: not a terminal, no bar
    rows = (tmp_path / "s.csv").read_text().splitlines()[1:]
    numbers = [v for row in rows for v in row.split(",") if re.fullmatch(r"-?\d+\.\d+(e-?\d+)?", v)]
    assert numbers and all(len(v.split("e")[0].replace("-", "").replace(".", "").lstrip("0")) <= 6 for v in numbers)
