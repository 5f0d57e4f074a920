"""``pybamm-aea sweep``: exit status when points fail, pre-flight of --output and --results, --force, ranges."""
import math
import subprocess
import sys

import pandas as pd
import pytest

from pybamm_aea.cli import main
from pybamm_aea.cli.sweep import REFERENCE_POINTS_SAID

LOADING = "Cathode loading [kg.m-2]"
BASE = ["sweep", "--parameter-set", "Li2021_Mo6S8", "--workers", "1", "--no-progress"]
#: a grid whose every point fails at the solve (in range: a loading out of range is refused before any solve)
ALL_FAIL = ["--reference-c-rate", "500", "--grid", "C-rate=500,1000"]


@pytest.mark.slow
def test_all_fail_sweep_process_exits_non_zero_with_the_count(tmp_path):
    # every point fails (the cell starts 3.5 and 7.0 V past its cut-off under 500C and 1000C); the table is still
    # written, every row kept
    out = tmp_path / "t.csv"
    proc = subprocess.run([sys.executable, "-m", "pybamm_aea", *BASE, *ALL_FAIL,
                           "--output", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "2 of 2 points failed" in proc.stderr
    df = pd.read_csv(out)
    assert len(df) == 2 and df["error"].notna().all()


def test_failed_points_exit_1_with_the_count_and_all_good_exit_0(capsys):
    assert main(BASE + ALL_FAIL) == 1
    assert "2 of 2 points failed" in capsys.readouterr().err
    assert main(BASE + ["--grid", "C-rate=0.1,500"]) == 1
    assert "1 of 2 points failed" in capsys.readouterr().err
    assert main(BASE + ["--grid", f"{LOADING}=0.015"]) == 0


def test_out_of_range_grid_value_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(BASE + ["--grid", "Cathode porosity=0.2,1.2"])
    assert exc.value.code == 2
    assert "'Cathode porosity' = 1.2 is outside its physical range" in capsys.readouterr().err


def test_existing_output_needs_force_and_results_must_be_a_store(tmp_path, capsys):
    out = tmp_path / "mine.csv"
    out.write_text("x\n1\n")
    with pytest.raises(SystemExit) as exc:
        main(BASE + ["--grid", f"{LOADING}=0.015", "--output", str(out)])
    assert exc.value.code == 2 and "--force" in capsys.readouterr().err
    assert out.read_text() == "x\n1\n"
    assert main(BASE + ["--grid", f"{LOADING}=0.015", "--output", str(out), "--force"]) == 0
    assert len(pd.read_csv(out)) == 1
    notes = tmp_path / "notes.db"  # --force is the export's: it neither deletes a file at --results ...
    notes.write_text("my notes\n")
    with pytest.raises(SystemExit) as exc:
        main(BASE + ["--grid", f"{LOADING}=0.015", "--results", str(notes), "--output", str(out), "--force"])
    assert exc.value.code == 2 and "--replace-results" in capsys.readouterr().err
    assert notes.read_text() == "my notes\n"
    store = tmp_path / "r.sqlite"  # ... nor empties a store of another configuration
    assert main(BASE + ["--grid", f"{LOADING}=0.015", "--results", str(store)]) == 0
    with pytest.raises(SystemExit) as exc:
        main(BASE + ["--grid", "Cathode porosity=0.2", "--results", str(store), "--output", str(out), "--force"])
    assert exc.value.code == 2 and "another configuration" in capsys.readouterr().err
    assert main(BASE + ["--grid", "Cathode porosity=0.2", "--results", str(store), "--replace-results"]) == 0
    assert "1 stored point dropped (--replace-results)" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:  # a CSV is an export, not a store
        main(BASE + ["--grid", f"{LOADING}=0.015", "--results", str(tmp_path / "r.csv")])
    assert exc.value.code == 2 and ".sqlite" in capsys.readouterr().err


def test_output_and_results_in_missing_folders_are_made_as_every_commands_output(tmp_path, capsys):
    """sweep --output/--results in a folder that did not exist were refused ("export 'new/b/s.csv': folder 'new/b'
    does not exist"), where simulate, screen, energy --output and compare/reproduce --out make it: made, as they
    do; a file a user wrote there is still not overwritten without --force, nor a folder made under a file."""
    out, store = tmp_path / "new" / "b" / "s.csv", tmp_path / "runs" / "a" / "r.sqlite"
    assert main(BASE + ["--grid", f"{LOADING}=0.015", "--output", str(out), "--results", str(store)]) == 0
    assert len(pd.read_csv(out)) == 1 and store.is_file()
    (tmp_path / "taken").write_text("mine")
    capsys.readouterr()
    for option, name in (("--output", "x.csv"), ("--results", "x.sqlite")):
        with pytest.raises(SystemExit) as exc:
            main(BASE + ["--grid", f"{LOADING}=0.015", option, str(tmp_path / "taken" / name)])
        err = capsys.readouterr().err
        assert exc.value.code == 2 and f"argument {option}" in err and "is a file, not a folder" in err, err
    assert (tmp_path / "taken").read_text() == "mine"


def test_cathode_cells_reach_the_sweep(tmp_path, capsys):
    """--cathode-cells 40: the pristine compact at 1C takes almost no Li (0.03 mA.h/g), as on 40 cells
    in the API (tests/test_sweep.py); fewer than 2 cells is a usage error naming the option."""
    out = tmp_path / "t.csv"
    assert main(BASE + ["--grid", "C-rate=1", "--cathode-cells", "40", "--output", str(out),
                        "--rate-capability"]) == 0
    df = pd.read_csv(out).set_index("C-rate")
    assert df.index.tolist() == [1.0]  # the grid's row only (the 0.1C reference point was a row until session 49)
    assert df.loc[1.0, "Electrode specific capacity [mA.h.g-1]"] < 1
    # the reference point fills (128.2 mA.h/g): its row is not in the table, its capacity is the rate capability's
    assert df.loc[1.0, "Electrode specific capacity [mA.h.g-1]"] / df.loc[1.0, "Rate capability"] > 128
    # --mesh-check on 40 -> 80 cells: both take almost no Li at 1C, but 0.031 vs 0.008 mA.h/g is not "converged"
    assert main(BASE + ["--grid", "C-rate=1", "--cathode-cells", "40", "--mesh-check", "--output", str(out),
                        "--force"]) == 0
    df = pd.read_csv(out).set_index("C-rate")
    assert df.loc[1.0, "Fine-mesh electrode specific capacity [mA.h.g-1]"] < 0.02
    assert df["Mesh converged"].to_dict() == {1.0: False}
    with pytest.raises(SystemExit) as exc:
        main(BASE + ["--grid", "C-rate=1", "--cathode-cells", "1"])
    assert exc.value.code == 2 and "--cathode-cells" in capsys.readouterr().err


@pytest.mark.parametrize("given, option, value", [
    (["--parameter-set", "Li2021_Mo6S9"], "--parameter-set", "'Li2021_Mo6S9'"),
    (["--option", "anode=graphite"], "--option", "'graphite'"),
    (["--grid", "Cathode lodaing [kg.m-2]=0.01"], "--grid", "'Cathode lodaing [kg.m-2]'"),
    (["--grid", "anode=graphite"], "--grid", "'graphite'"),
    (["--compaction", "Mo6S8"], "--compaction", "--compaction Mo6S8 sets the porosity"),  # (said as typed: session 59)
    (["--experiment", "Discharge at 1 mA until 1.8 V", "--grid", "C-rate=0.5"], "--experiment", "no C-rate step"),
    (["--results", "r.csv"], "--results", "--results r.csv must be an SQLite store"),
    (["--output", "taken.csv/t.csv"], "--output", "taken.csv' is a file, not a folder"),  # (a missing folder is made)
    (["--cell", "practical targt"], "--cell", "did you mean ['practical target']"),
    (["--experiment", "Discharge at 0.1C until 1.8 V", "--grid", "Lower voltage cut-off [V]=2.0,1.8"], "--grid",
     "'Lower voltage cut-off [V]' is swept with an experiment of your own, whose steps end at their own voltages "
     "(until 1.8 V)"),
])
def test_a_configuration_error_names_the_one_option_it_is_in(given, option, value, capsys, tmp_path, monkeypatch):
    """A bad value the sweep finds before any solve is named with its own option alone (it read
    'argument --grid/--parameter-set/--option/--experiment/--results/--output: ...' for each of them)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken.csv").write_text("mine")
    argv = [a for a in BASE if a != "--parameter-set" and a != "Li2021_Mo6S8"] if "--parameter-set" in given else BASE
    if "--grid" not in given:
        given = given + ["--grid", f"{LOADING}=0.015"]
    with pytest.raises(SystemExit) as exc:
        main(argv + given)
    err = capsys.readouterr().err
    line = next(t for t in err.splitlines() if "error:" in t)
    assert exc.value.code == 2 and line.startswith(f"pybamm-aea sweep: error: argument {option}: "), line
    assert value in line and "/--" not in line, line


@pytest.mark.parametrize("given, said", [
    (["--results", "r.txt"], "argument --results: --results r.txt must be an SQLite store ending in .sqlite, "
     ".sqlite3, .db; CSV, JSON and Parquet are exports of the final table (--output)"),
    (["--output", "taken.csv"], "argument --output: --output taken.csv exists: not overwritten without --force"),
    (["--results", "taken.db"], "argument --results: --results taken.db exists and is not a sweep results store: not "
     "overwritten without --replace-results"),
    (["--experiment", "Discharge at 1C until 1.8 V", "--grid", "C-rate=0.5", "--reference-c-rate", "0.5"],
     "or set the reference rate (--reference-c-rate)"),
    (["--compaction", "Mo6S8"], "argument --compaction: --compaction Mo6S8 sets the porosity of a swept 'Cathode "
     "fabrication pressure [MPa]' or 'Pressing and stack pressure [MPa]', which the grid does not have"),
    (["--rate-capability"], "argument --rate-capability: --rate-capability needs 'C-rate' among the grid's names"),
])
def test_a_configuration_error_says_only_the_options_typed(given, said, capsys, tmp_path, monkeypatch):
    """The API's words named a keyword beside its option, and the command cut the keyword out: 'sweep --results
    r.txt' ended "(export=, --output)", an existing --output "without force=True (--force)" (until session 59 SJ).
    Now the API's words name its keywords alone (tests/test_sweep.py), and the command says its options for them
    (--rate-capability said "rate_capability=True needs ..." until session 60)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken.csv").write_text("mine")
    (tmp_path / "taken.db").write_text("mine")
    with pytest.raises(SystemExit) as exc:
        main(BASE + ["--grid", f"{LOADING}=0.015"] + given)
    line = next(t for t in capsys.readouterr().err.splitlines() if "error:" in t)
    assert exc.value.code == 2 and said in line and "=, " not in line and "=True" not in line, line


def test_a_note_and_a_stores_warning_say_the_options_typed(capsys, tmp_path, monkeypatch):
    """The sweep's note of a rate capability not solved said "(reference_c_rate) ... rate_capability=True
    (--rate-capability) solves it too", a replaced --results store was Python's warning line "UserWarning:
    results_file 'r.sqlite': ... (replace_results=True (--replace-results))": keywords the command line has not
    (until session 60). Now each is the command's line, in its options."""
    monkeypatch.chdir(tmp_path)
    assert main(BASE + ["--grid", "C-rate=0.5"]) == 0
    err = note = capsys.readouterr().err
    assert ("pybamm-aea sweep: warning: \"Rate capability\" is NaN for the design: their 0.1C reference point "
            "(--reference-c-rate) is not in the grid (C-rates 0.5) and is not solved unless asked; --rate-capability "
            "solves it too, kept out of the rows (printed after the table as its reference points)") in err, err
    assert main(BASE + ["--grid", f"{LOADING}=0.015", "--results", "r.sqlite"]) == 0
    capsys.readouterr()
    assert main(BASE + ["--grid", "Cathode porosity=0.2", "--results", "r.sqlite", "--replace-results"]) == 0
    err = capsys.readouterr().err
    assert ("pybamm-aea sweep: warning: --results r.sqlite: replaced a sweep of another configuration, 1 stored point "
            "dropped (--replace-results)\n") in err, err
    keywords = ("results_file", "replace_results", "reference_c_rate", "rate_capability")
    assert not [k for k in keywords if k in note + err], note + err


def test_the_command_prints_the_reference_points_and_offers_only_what_it_takes(capsys, monkeypatch, tmp_path):
    """Session 60: the rate-capability note ended "kept out of the rows (table.attrs["reference points"])", which the
    command line never showed, and a set without compaction data offered "(or a function pressure_MPa -> porosity)",
    which --compaction cannot take. The command prints the reference points after the table (LMS at 0.5C: its 0.1C
    point, 128.194 mA.h/g, the row's Rate capability 0.99987 over it) and offers the data sets or a swept porosity."""
    monkeypatch.chdir(tmp_path)
    assert main(BASE + ["--grid", "C-rate=0.5", "--rate-capability"]) == 0
    out = capsys.readouterr().out
    table, _, reference = out.partition(REFERENCE_POINTS_SAID)
    assert "0.5 " in table and "0.999869" in table, out
    rows = reference.strip().splitlines()
    assert len(rows) == 2 and rows[1].split()[:2] == ["0.1", "128.194"], out
    with pytest.raises(SystemExit) as exc:
        main(["sweep", "--parameter-set", "Li2021_TiS2", "--workers", "1", "--no-progress", "--grid",
              "Cathode fabrication pressure [MPa]=300"])
    line = next(t for t in capsys.readouterr().err.splitlines() if "error:" in t)
    assert exc.value.code == 2 and line.endswith(
        "argument --compaction: no compaction data known for 'Li2021_TiS2': pass --compaction one of 'Mo6S8', "
        "'S-LMS', 'S-C-LGPS' to sweep 'Cathode fabrication pressure [MPa]' (or sweep 'Cathode porosity' in its "
        "place)"), line


def test_a_swept_lower_cut_off_ends_each_rows_discharge_from_the_command(tmp_path):
    """Session 57: ``--grid 'Lower voltage cut-off [V]=2.1,1.8'`` ran both rows to the set's 1.8 V (128.194 mA.h/g
    each); the default discharge now ends at each row's cut-off: 32.5 and 128.19 mA.h/g."""
    out = tmp_path / "t.csv"
    assert main(BASE + ["--grid", f"{LOADING}=0.015", "--grid", "Lower voltage cut-off [V]=2.1,1.8",
                        "--output", str(out)]) == 0
    df = pd.read_csv(out).set_index("Lower voltage cut-off [V]")["Electrode specific capacity [mA.h.g-1]"]
    assert df[2.1] == pytest.approx(32.52, abs=0.1) and df[1.8] == pytest.approx(128.19, abs=0.01)


def test_every_configuration_error_of_the_sweep_names_an_option_of_the_command():
    """Each ``raise SweepConfigError(...)`` of the sweep package passes the keyword of ``sweep()`` it is about,
    and the command's parser has an option for it (a raise without one cannot name the user's option): the map is
    kept as the parser's options are added (argparse's public add_argument return; it read argparse's private
    ``_actions``), so a renamed option cannot leave a stale name in it."""
    import ast
    import inspect
    from pathlib import Path

    from pybamm_aea.cli import build_parsers
    from pybamm_aea.cli.sweep import option_of
    from pybamm_aea.sweep import api

    parser = build_parsers()[1]["sweep"]
    OPTION_OF = option_of(parser)
    keywords = set(inspect.signature(api.sweep).parameters)

    calls, helpers, trees = [], {}, {path.name: ast.parse(path.read_text())
                                     for path in Path(api.__file__).parent.glob("*.py")}
    for name, tree in trees.items():
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "SweepConfigError":
                    keyword = node.args[1] if len(node.args) == 2 else None
                    params = [a.arg for a in function.args.args]
                    if isinstance(keyword, ast.Name) and keyword.id in params:
                        # a check written once (``count(name, value)``): each call names the keyword
                        helpers[function.name] = params.index(keyword.id)
                    else:
                        calls.append((name, node.lineno, node, 1))
    for name, tree in trees.items():
        calls += [(name, node.lineno, node, helpers[node.func.id]) for node in ast.walk(tree)
                  if isinstance(node, ast.Call) and getattr(node.func, "id", None) in helpers]
    assert len(calls) > 40 and helpers == {"count": 0}
    for name, line, node, at in calls:
        assert len(node.args) >= at + 1 and isinstance(node.args[at], ast.Constant), f"{name}:{line}"
        keyword = node.args[at].value
        assert keyword in keywords, f"{name}:{line}: {keyword!r}"
        if keyword == "batch_size":  # (a keyword of the Python API the command never passes: no option to name)
            assert "batch_size" not in inspect.getsource(sys.modules["pybamm_aea.cli.sweep"])
            continue
        assert keyword in OPTION_OF, f"{name}:{line}: {keyword!r}"
        assert OPTION_OF[keyword] in parser.format_help().split(), f"{name}:{line}: {OPTION_OF[keyword]!r}"
    assert {k: OPTION_OF[k] for k in ("options", "results_file", "export")} == {
        "options": "--option", "results_file": "--results", "export": "--output"}
    OPTION_OF["export"] = "--changed"  # a copy: the parser's table stays
    assert option_of(parser)["export"] == "--output"


def test_the_option_table_is_keyed_by_the_sweeps_own_keywords():
    """Every key of :func:`option_of`'s table is a keyword of ``pybamm_aea.sweep`` (its dests 'no_progress',
    'scheduler', 'dask_address' and 'cycles' were keys, so an error about ``progress`` or ``client`` named no
    option), every option of the command but -h and the documented NO_KEYWORD ones is in it once, and the
    options whose dest is not the keyword they set map from that keyword."""
    import inspect
    import re

    import pybamm_aea
    from pybamm_aea.cli import build_parsers
    from pybamm_aea.cli.sweep import NO_KEYWORD, option_of

    parser = build_parsers()[1]["sweep"]
    table = option_of(parser)
    keywords = set(inspect.signature(pybamm_aea.sweep).parameters)
    assert set(table) <= keywords, sorted(set(table) - keywords)
    helped = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*[a-z]", parser.format_help()))
    assert len(table.values()) == len(set(table.values()))
    assert set(table.values()) | set(NO_KEYWORD) | {"--help"} == helped, helped ^ set(table.values())
    assert not set(NO_KEYWORD) & set(table.values())
    assert {k: table[k] for k in ("progress", "client", "options", "results_file", "export")} == {
        "progress": "--no-progress", "client": "--scheduler", "options": "--option", "results_file": "--results",
        "export": "--output"}


@pytest.mark.parametrize("error, line", [
    (("bad value",), "pybamm-aea sweep: error: bad value"),
    (("bad value", "no_such_keyword"), "pybamm-aea sweep: error: bad value"),
    (("bad value", "results_file"), "pybamm-aea sweep: error: argument --results: bad value"),
    (("bad value", "progress"), "pybamm-aea sweep: error: argument --no-progress: bad value"),
    (("bad value", "client"), "pybamm-aea sweep: error: argument --scheduler: bad value"),
])
def test_a_configuration_error_of_no_known_option_is_still_said(error, line, capsys, monkeypatch):
    """A SweepConfigError without an argument, or naming a keyword the command has no option for, is a usage error
    with its own message (the lookup raised KeyError and hid it)."""
    import importlib

    from pybamm_aea.sweep import SweepConfigError

    def fail(*args, **kwargs):
        raise SweepConfigError(*error)

    # the module (pybamm_aea.sweep as an attribute is the package's function of the same name)
    monkeypatch.setattr(importlib.import_module("pybamm_aea.sweep"), "sweep", fail)
    with pytest.raises(SystemExit) as exc:
        main(BASE + ["--grid", f"{LOADING}=0.015"])
    assert exc.value.code == 2
    assert line in capsys.readouterr().err.splitlines()


def test_the_sweeps_notes_are_printed_once_in_the_commands_format(capsys):
    """An LTO-LMS pressure sweep on the Mo6S8 law: the note is printed '<set>: warning: ...' once, no raw Python
    warning line ('.../cli/sweep.py:146: UserWarning: ...' before '(0 failed, 0 with warnings)')."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(["sweep", "--parameter-set", "Li2021_LTO_Mo6S8", "--workers", "1", "--no-progress", "--grid",
                     "Pressing and stack pressure [MPa]=100,360", "--option", "host thermodynamics=lever rule"]) == 0
    assert not [w for w in caught if "compaction law" in str(w.message)]
    err = capsys.readouterr().err.splitlines()
    assert [t for t in err if "compaction law" in t] == [
        "pybamm-aea sweep: warning: porosity from the 'Mo6S8' compaction law, measured on 100 wt% Mo6S8, for a "
        "cathode of 40 wt% Li4Ti5O12 + 60 wt% Mo6S8 (no law measured on this composition): all 2 points of the sweep"]


def test_each_warnings_full_text_is_printed_once(tmp_path, capsys):
    """The rows' ``warnings`` give each warning's short form (the --output file's column); its full text, the
    nucleation warning's advice to check with pybamm_aea.mesh_check, is printed once on stderr with the count of the
    points it is in (it was in every row of the output whole, and nowhere else). Pristine LMS at 4.5 mg/cm2, 25 C,
    0.1C."""
    out = tmp_path / "t.csv"
    assert main(BASE + ["--grid", f"{LOADING}=0.045", "--grid", "Ambient temperature [K]=298.15", "--output",
                        str(out)]) == 0
    row = pd.read_csv(out)["warnings"].iloc[0]
    assert row.startswith("MeshDependentNucleationWarning: step 1, the first discharge") and "mesh_check" not in row
    err = [t for t in capsys.readouterr().err.splitlines() if "Nucleation" in t]
    assert len(err) == 1 and err[0].startswith("pybamm-aea sweep: warning, 1 of 1 points (row 0): " + row + ", so whether "), err
    assert "check with pybamm_aea.mesh_check" in err[0]


def test_a_warning_class_is_printed_once_with_its_rows(tmp_path, capsys):
    """The nucleation texts differ per row by their figures: each was a line of its own on stderr (the README's 20
    points printed 6 lines of 613 characters). One line per class: its first full text, the rows it is in, how many
    texts it has. Pristine LMS at 4.5 and 5 mg/cm2, 25 C, 0.1C: two texts, one line."""
    out = tmp_path / "t.csv"
    assert main(BASE + ["--grid", f"{LOADING}=0.045,0.05", "--grid", "Ambient temperature [K]=298.15", "--output",
                        str(out)]) == 0
    rows = pd.read_csv(out)["warnings"].tolist()
    err = [t for t in capsys.readouterr().err.splitlines() if "Nucleation" in t]
    assert len(err) == 1, err
    assert err[0].startswith("pybamm-aea sweep: warning, 2 of 2 points (rows 0-1; 2 texts alike but their figures, the "
                             "first here, each row's short form in the warnings column of --output): " + rows[0]), err


def test_cycles_help_states_the_discharges_retention_needs(capsys):
    # the help said ">= 2 discharges", but with 2 the last discharge is the reference (the 2nd) and the
    # retention is NaN with a warning on every row: the number the help gives must be the one that works
    import re
    import warnings

    from pybamm_aea.readout import capacity_retention
    with pytest.raises(SystemExit):
        main(["sweep", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    n = int(re.search(r"--cycles N .*?needs >= (\d+) discharges", text).group(1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert math.isnan(capacity_retention([1.0] * (n - 1)))
    assert capacity_retention([1.0] * n) == 1.0


def test_an_unreachable_dask_scheduler_is_a_usage_error_naming_the_address(capsys):
    """--dask-address to no scheduler ended in three chained tracebacks (ConnectionRefusedError, CommClosedError,
    OSError) after Dask's connect timeout."""
    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}), pytest.raises(SystemExit) as exc:
        main(BASE + ["--grid", f"{LOADING}=0.015", "--scheduler", "dask", "--dask-address", "tcp://127.0.0.1:1"])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert "argument --dask-address: cannot connect to a Dask scheduler at 'tcp://127.0.0.1:1'" in err
    assert "Traceback" not in err
