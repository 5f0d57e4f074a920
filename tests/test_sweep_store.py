"""The sweep's SQLite results store: resume, configuration check, pre-flight of outputs, interrupted writes, kill -9."""
import json
import os
from pathlib import Path
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import warnings

import pandas as pd
import pytest

from pybamm_aea.energy.paper import SLMS_COMPOSITION
from pybamm_aea.sweep import SweepConfigError, sweep

LMS = "Li2021_Mo6S8"
LOADING = "Cathode loading [kg.m-2]"
POROSITY = "Cathode porosity"
ESC = "Electrode specific capacity [mA.h.g-1]"


def spy_batches(monkeypatch):
    from pybamm_aea.sweep import executors

    ran = []
    original = executors.run_batch

    def spy(config, points, batched=True):
        ran.extend(points)
        return original(config, points, batched)

    monkeypatch.setattr(executors, "run_batch", spy)
    return ran


def stored(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT key, status FROM points ORDER BY key").fetchall()
    finally:
        con.close()


def test_resume_skips_points_already_done(tmp_path, monkeypatch):
    store = tmp_path / "sweep.sqlite"
    first = sweep({LOADING: [0.015, 0.02]}, parameter_set=LMS, workers=1, results_file=store)
    assert [s for _, s in stored(store)] == ["done", "done"]
    ran = spy_batches(monkeypatch)
    second = sweep({LOADING: [0.015, 0.02, 0.025]}, parameter_set=LMS, workers=1, results_file=store)
    assert [p[LOADING] for p in ran] == [0.025]
    assert len(second) == 3 and len(stored(store)) == 3
    # rows read back from the store are the ones computed the first time, bit for bit
    assert second[ESC].iloc[:2].tolist() == first[ESC].tolist()
    assert second["Solve time [s]"].iloc[:2].tolist() == first["Solve time [s]"].tolist()


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_exported_designs_swept_again_are_the_stored_points(tmp_path, monkeypatch, suffix):
    """The export rounded every float to 6 digits, the swept inputs too: a loading of 0.01:0.03:8 (0.0128571428571)
    came back as 0.0128571, and the exported designs swept again on the store were new points, computed again."""
    import numpy as np

    store, export = tmp_path / "s.sqlite", tmp_path / f"s{suffix}"
    first = sweep({LOADING: list(np.linspace(0.01, 0.03, 8))}, parameter_set="Li2021_TiS2", workers=1,
                  results_file=store, export=export)
    back = pd.read_csv(export) if suffix == ".csv" else pd.read_json(export)
    ran = spy_batches(monkeypatch)
    again = sweep(back[[LOADING]], parameter_set="Li2021_TiS2", workers=1, results_file=store)
    assert ran == [] and len(stored(store)) == 8
    assert again[ESC].tolist() == first[ESC].tolist()
    assert back[ESC].iloc[1] == round(first[ESC].iloc[1], 3)  # the results stay at 6 significant digits


def test_failed_points_are_kept_and_retried_on_request(tmp_path, monkeypatch):
    store = tmp_path / "sweep.sqlite"
    sweep({LOADING: [0.015, -1.0]}, parameter_set=LMS, workers=1, results_file=store)
    assert sorted(s for _, s in stored(store)) == ["done", "failed"]
    ran = spy_batches(monkeypatch)
    df = sweep({LOADING: [0.015, -1.0]}, parameter_set=LMS, workers=1, results_file=store)
    assert ran == [] and "'Cathode loading [kg.m-2]' = -1.0" in df["error"].iloc[1]
    sweep({LOADING: [0.015, -1.0]}, parameter_set=LMS, workers=1, results_file=store, retry_failed=True)
    assert [p[LOADING] for p in ran] == [-1.0]


@pytest.mark.slow
def test_reordered_grid_resumes_the_same_points(tmp_path, monkeypatch):
    store = tmp_path / "sweep.sqlite"
    first = sweep({LOADING: [0.015, 0.02], POROSITY: [0.11, 0.2]}, parameter_set=LMS, workers=1, results_file=store)
    ran = spy_batches(monkeypatch)
    second = sweep({POROSITY: [0.11, 0.2], LOADING: [0.015, 0.02]}, parameter_set=LMS, workers=1,
                   results_file=store)
    assert ran == []  # every point found by its inputs by name
    a = first.set_index([LOADING, POROSITY])[ESC].sort_index()
    b = second.set_index([LOADING, POROSITY])[ESC].sort_index()
    assert a.index.equals(b.index) and a.tolist() == b.tolist()
    assert list(second.columns[:2]) == [POROSITY, LOADING]  # the table follows the new grid's order


def test_dropped_axis_is_refused_with_the_difference(tmp_path):
    store = tmp_path / "sweep.sqlite"
    sweep({LOADING: [0.015], POROSITY: [0.2]}, parameter_set=LMS, workers=1, results_file=store)
    with pytest.raises(SweepConfigError, match=r"another configuration.*inputs.*Cathode porosity"):
        sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file=store)
    with pytest.raises(SweepConfigError, match=r"another configuration.*experiment"):
        sweep({LOADING: [0.015], POROSITY: [0.2]}, parameter_set=LMS, workers=1, results_file=store,
              experiment="Discharge at 0.2C until 1.8 V")
    with pytest.raises(SweepConfigError, match=r"another configuration.*replace_results=True"):
        # an export's force (the README's --force) never replaces a store: it deleted its points silently
        sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file=store, force=True)
    assert len(stored(store)) == 1
    with pytest.warns(UserWarning, match="replaced a sweep of another configuration, 1 stored point dropped"):
        df = sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file=store, replace_results=True)
    assert df["error"].isna().all() and len(stored(store)) == 1  # a new store for the new configuration


def test_a_store_keeps_its_mesh(tmp_path, monkeypatch):
    """A store written on the default mesh refuses a sweep on 40 cells, names the difference, and
    still resumes on the default mesh (the record has no cells entry there, as before the option)."""
    store = tmp_path / "sweep.sqlite"
    sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file=store)
    with pytest.raises(SweepConfigError, match=r"another configuration.*cathode cells"):
        sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file=store, cathode_cells=40)
    ran = spy_batches(monkeypatch)
    sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file=store)
    assert ran == []


def test_foreign_file_is_not_touched(tmp_path):
    mine = tmp_path / "notes.db"
    mine.write_text("my own notes\n")
    for force in (False, True):  # the export's force is not the store's switch
        with pytest.raises(SweepConfigError, match="not a sweep results store.*replace_results=True"):
            sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file=mine, force=force)
    assert mine.read_text() == "my own notes\n"
    other = tmp_path / "other.sqlite"  # an SQLite database of something else
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(SweepConfigError, match="not a sweep results store"):
        sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file=other)
    with pytest.raises(SweepConfigError, match=r"\.sqlite.*exports"):
        sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file=tmp_path / "results.csv")


def test_a_users_database_with_a_points_table_is_not_touched(tmp_path):
    # one of the store's table names with other columns: another program's data (it was written into, then
    # the sweep failed on "no such column: key")
    theirs = tmp_path / "lab.sqlite"
    con = sqlite3.connect(theirs)
    con.execute("CREATE TABLE points (x REAL, y REAL)")
    con.execute("INSERT INTO points VALUES (1.0, 2.0)")
    con.commit()
    con.close()
    before = theirs.read_bytes()
    with pytest.raises(SweepConfigError, match="not a sweep results store"):
        sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file=theirs)
    assert theirs.read_bytes() == before


def test_a_store_another_sweep_is_creating_is_not_foreign(tmp_path):
    """A second sweep may open the store while the first is still writing its schema (its SQLite
    header is on disk, its tables are not all there yet): that file is not refused as foreign data
    (the two-sweep test below once failed on it), and the sweep completes the store."""
    store = tmp_path / "half_made.sqlite"
    con = sqlite3.connect(store)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE sweep_config (id INTEGER PRIMARY KEY CHECK (id = 1), config TEXT NOT NULL, "
                "created REAL NOT NULL)")
    con.commit()
    con.close()
    df = sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file=store)
    assert df["error"].isna().all() and len(stored(store)) == 1


def test_existing_export_needs_force(tmp_path):
    out = tmp_path / "table.csv"
    out.write_text("a user's file\n")
    with pytest.raises(SweepConfigError, match="exists.*force"):
        sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, export=out)
    assert out.read_text() == "a user's file\n"
    df = sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, export=out, force=True)
    # exports are rounded to 6 significant digits (pybamm_aea.progress.round_table)
    assert pd.read_csv(out)[ESC].tolist() == pytest.approx(df[ESC].tolist(), rel=5e-6)


def test_unwritable_paths_fail_before_any_solve(tmp_path, monkeypatch):
    ran = spy_batches(monkeypatch)
    # /proc takes no new files, not even from root (who passes every permission check)
    with pytest.raises(SweepConfigError, match="not writable|cannot be written"):
        sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file="/proc/aea_sweep.sqlite")
    with pytest.raises(SweepConfigError, match="not writable|cannot be written"):
        sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, export="/proc/aea_sweep.csv")
    (tmp_path / "taken").write_text("mine")  # (a missing folder is made, one under a file cannot be)
    with pytest.raises(SweepConfigError, match="'.*taken' is a file, not a folder"):
        sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, export=tmp_path / "taken" / "t.csv")
    if os.geteuid() != 0:  # a read-only file (root writes it anyway)
        ro = tmp_path / "ro.sqlite"
        sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file=ro)
        ro.chmod(0o444)
        with pytest.raises(SweepConfigError, match="not writable|cannot be written"):
            sweep({LOADING: [0.015, 0.02]}, parameter_set=LMS, workers=1, results_file=ro)
    assert ran == []


def test_a_row_of_numpy_scalars_is_stored_as_python_numbers(tmp_path):
    """A result row holding NumPy scalars (np.float32, np.int64, np.bool_, a 0-d array), which json.dumps refuses,
    is stored as the Python numbers of the same values; a value that is no number is a TypeError naming its type
    and value, and the store keeps no row of it."""
    import numpy as np

    from pybamm_aea.sweep.store import ResultStore

    store = ResultStore(tmp_path / "rows.sqlite", {"configuration": "test"})
    try:
        (key,), _, _ = store.claim(["p"])
        store.write([(key, {ESC: np.float32(123.5), "Cycles": np.int64(3), "Mesh converged": np.bool_(True),
                            "Energy": np.array(2.5), "error": None})])
        row = json.loads(store.con.execute("SELECT result FROM points WHERE key = 'p'").fetchone()[0])
        assert row == {ESC: 123.5, "Cycles": 3, "Mesh converged": True, "Energy": 2.5, "error": None}
        assert [type(row[k]) for k in (ESC, "Cycles", "Mesh converged", "Energy")] == [float, int, bool, float]
        (key,), _, _ = store.claim(["q"])
        with pytest.raises(TypeError, match=r"Object of type ndarray is not JSON serializable: array\(\[1, 2\]\)"):
            store.write([(key, {ESC: np.array([1, 2]), "error": None})])
        assert store.con.execute("SELECT status FROM points WHERE key = 'q'").fetchone() == ("running",)
    finally:
        store.close()


def test_interrupted_transaction_leaves_no_row(tmp_path):
    """A process killed in the middle of writing a batch (the torn last record of a CSV) leaves nothing."""
    store = tmp_path / "sweep.sqlite"
    sweep({LOADING: [0.015]}, parameter_set=LMS, workers=1, results_file=store)
    script = textwrap.dedent(f"""
        import os, signal
        from pybamm_aea.sweep.store import ResultStore
        import sqlite3, json
        con = sqlite3.connect({str(store)!r}, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO points (key, status, result, updated) VALUES ('torn', 'done', '{{', 0)")
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    assert [k for k, _ in stored(store)] == ['{"Cathode loading [kg.m-2]": 0.015}']
    df = sweep({LOADING: [0.015, 0.02]}, parameter_set=LMS, workers=1, results_file=store)
    assert df["error"].isna().all() and len(stored(store)) == 2


def _sweep_processes(marker):
    """Pids of live processes whose command line contains ``marker``."""
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if marker in (d / "cmdline").read_bytes().decode(errors="replace"):
                    out.append(int(d.name))
            except OSError:
                pass
    return out


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kill_9_mid_sweep_then_rerun(tmp_path):
    """kill -9 of a 2-worker sweep: no worker left 5 s later; the rerun gives the uninterrupted table, no duplicate."""
    store = tmp_path / "killed.sqlite"
    grid = {LOADING: [round(0.005 + 0.001 * i, 4) for i in range(40)], POROSITY: [0.11, 0.2]}
    script = tmp_path / "sweep_marker_run.py"
    script.write_text(textwrap.dedent(f"""
        from pybamm_aea.sweep import sweep
        sweep({grid!r}, parameter_set={LMS!r}, workers=2, batch_size=4, results_file={str(store)!r})
    """))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        time.sleep(0.2)
        if store.exists() and proc.poll() is None:
            try:
                if sum(s == "done" for _, s in stored(store)) >= 8:
                    break
            except sqlite3.OperationalError:
                pass
    assert proc.poll() is None, "the sweep ended before it could be killed"
    assert len(_sweep_processes(script.name)) >= 2  # the parent and its workers
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(5)
    assert _sweep_processes(script.name) == []  # no orphan worker
    done_before = sum(s == "done" for _, s in stored(store))
    assert 8 <= done_before < 80
    rerun = sweep(grid, parameter_set=LMS, workers=1, results_file=store)
    reference = sweep(grid, parameter_set=LMS, workers=1)
    rows = stored(store)
    assert len(rows) == len({k for k, _ in rows}) == 80 and {s for _, s in rows} == {"done"}
    pd.testing.assert_frame_equal(rerun[[LOADING, POROSITY]], reference[[LOADING, POROSITY]])
    assert rerun[ESC].to_numpy() == pytest.approx(reference[ESC].to_numpy(), rel=1e-9)


@pytest.mark.slow
def test_two_sweeps_on_one_store_compute_each_point_once(tmp_path):
    store = tmp_path / "shared.sqlite"
    grid = {LOADING: [round(0.005 + 0.002 * i, 4) for i in range(30)]}
    script = textwrap.dedent(f"""
        import json, sys
        from pybamm_aea.sweep import executors
        original = executors.run_batch
        ran = []
        def spy(config, points, batched=True):
            ran.extend(p[{LOADING!r}] for p in points)
            return original(config, points, batched)
        executors.run_batch = spy
        from pybamm_aea.sweep import sweep
        df = sweep({grid!r}, parameter_set={LMS!r}, workers=1, batch_size=3, results_file={str(store)!r})
        print(json.dumps({{"ran": ran, "n": len(df), "failed": int(df["error"].notna().sum())}}))
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    import json

    outs = [json.loads(p.communicate(timeout=300)[0].strip().splitlines()[-1]) for p in procs]
    assert all(o["n"] == 30 and o["failed"] == 0 for o in outs)
    ran = outs[0]["ran"] + outs[1]["ran"]
    assert sorted(ran) == sorted(grid[LOADING])  # every point computed exactly once between the two
    assert len(stored(store)) == 30


@pytest.mark.parametrize("parameter_set", ["Li2021_Mo6S8", "Li2021_TiS2", "Li2021_S_Mo6S8", "Li2021_LTO_Mo6S8"])
def test_stored_configuration_is_the_same_in_every_process(parameter_set):
    """The configuration compared on resume holds no memory address (a functools.partial's repr has one), so a
    sweep resumed by another process is recognised."""
    import json
    import re

    from pybamm_aea.sweep.config import build_config

    config = build_config([LOADING], [{LOADING: 0.01}], parameter_set, None, None, None, 0.1)
    text = json.dumps(config.record, sort_keys=True)
    assert not re.search(r"0x[0-9a-f]{6,}", text), re.search(r".{80}0x[0-9a-f]{6,}", text)
    assert "Cathode porosity" in config.record["fixed values"] and LOADING not in config.record["fixed values"]


def _as_an_earlier_store(store, key):
    """Remove ``key`` from ``store``'s stored configuration, after checking it is recorded True: the store an earlier
    version, which did not record it, wrote."""
    with sqlite3.connect(store) as con:
        record = json.loads(con.execute("SELECT config FROM sweep_config WHERE id = 1").fetchone()[0])
        assert record[key] is True
        del record[key]
        con.execute("UPDATE sweep_config SET config = ? WHERE id = 1", (json.dumps(record, sort_keys=True),))


def test_a_store_of_one_law_for_every_composition_is_not_resumed_with_the_law_per_composition(tmp_path):
    """A pressure x S8-fraction grid takes the compaction law measured on each point's composition (S-LMS at 0 wt%
    S8: Mo6S8's); a store written when every point took the set's law lacks that in its configuration and is
    refused, not resumed with its stale 0 wt% rows (8.2 % porosity where the law per composition gives 11.7 %)."""
    store = tmp_path / "s.sqlite"
    grid = {"S8 mass fraction": [0.0, SLMS_COMPOSITION["S8"]], "Pressing and stack pressure [MPa]": [360.0]}
    sweep(grid, parameter_set="Li2021_S_Mo6S8", workers=1, results_file=store)
    _as_an_earlier_store(store, "compaction by composition")
    with pytest.raises(SweepConfigError, match="another configuration.*compaction by composition"):
        sweep(grid, parameter_set="Li2021_S_Mo6S8", workers=1, results_file=store)


def test_a_store_of_slow_rates_cut_at_the_reference_time_is_not_resumed(tmp_path):
    """A swept C-rate below the reference now lasts its own rate's default time; a store written when it was cut at
    the reference's 20 h (TiS2 at 0.02C: 95.7 against 238.8 mA.h/g, no error on the row) lacks that in its
    configuration and is refused, not resumed with its stale rows; a grid at or above the reference keeps its
    record as before."""
    from pybamm_aea.sweep.config import build_config

    fast = build_config(["C-rate"], [{"C-rate": 0.1}, {"C-rate": 0.5}], "Li2021_TiS2", None, None, None, 0.1)
    assert "default duration by rate" not in fast.record
    store = tmp_path / "s.sqlite"
    grid = {"C-rate": [0.05]}
    sweep(grid, parameter_set="Li2021_TiS2", workers=1, results_file=store)
    _as_an_earlier_store(store, "default duration by rate")
    with pytest.raises(SweepConfigError, match="another configuration.*default duration by rate"):
        sweep(grid, parameter_set="Li2021_TiS2", workers=1, results_file=store)


def _edit_stored_config(path, edit):
    con = sqlite3.connect(path)
    try:
        record = json.loads(con.execute("SELECT config FROM sweep_config").fetchone()[0])
        edit(record)
        con.execute("UPDATE sweep_config SET config = ?", (json.dumps(record, sort_keys=True),))
        con.commit()
    finally:
        con.close()


def test_a_store_written_before_the_later_entries_resumes_with_its_reference_rows(tmp_path, monkeypatch):
    """A store written before the sets gained entries that change no figure (the measured temperatures, the
    stretch's fresh start) resumes, no point solved again; its reference-rate rows (solved beside the grid before
    session 49) give the "Rate capability" without rate_capability=True. Each was refused / NaN."""
    from pybamm_aea.sweep.store import LATER_FIXED_VALUES

    store = tmp_path / "sweep.sqlite"
    grid = {LOADING: [0.015, 0.02], "C-rate": [0.2]}
    first = sweep(grid, parameter_set=LMS, workers=1, results_file=store, rate_capability=True)
    assert first["Rate capability"].notna().all()

    def written_before(record):
        for name in LATER_FIXED_VALUES:
            del record["fixed values"][name]

    _edit_stored_config(store, written_before)
    ran = spy_batches(monkeypatch)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # (no note: the reference is in the store)
        again = sweep(grid, parameter_set=LMS, workers=1, results_file=store)
    assert ran == [] and again.attrs["notes"] == []
    assert again["Rate capability"].tolist() == first["Rate capability"].tolist()
    assert [r["C-rate"] for r in again.attrs["reference points"]] == [0.1, 0.1]
    # a value the store holds is compared as any other: a real change is refused, naming it
    _edit_stored_config(store, lambda r: r["fixed values"].update({"Highest measured temperature [K]": 333.15}))
    with pytest.raises(SweepConfigError, match=r"another configuration.*'Highest measured temperature \[K\]' 333.15"):
        sweep(grid, parameter_set=LMS, workers=1, results_file=store)


def test_a_later_entry_off_its_neutral_value_is_a_change():
    """A store without "Initial cathode stretch off 1" was solved from a fresh start (0): a record holding 1 is
    another configuration; any other difference too."""
    from pybamm_aea.sweep.store import _same_results

    new = {"parameter set": LMS, "fixed values": {"a": 1.0, "Initial cathode stretch off 1": 0.0,
                                                   "Highest measured temperature [K]": 343.15}}
    old = {"parameter set": LMS, "fixed values": {"a": 1.0}}
    assert _same_results(old, new)
    assert not _same_results(old, dict(new, **{"fixed values": dict(new["fixed values"], **{
        "Initial cathode stretch off 1": 1.0})}))
    assert not _same_results(dict(old, **{"fixed values": {"a": 2.0}}), new)
    assert not _same_results(dict(old, **{"parameter set": "Li2021_TiS2"}), new)
    assert not _same_results(old, dict(new, **{"fixed values": dict(new["fixed values"], b=0.0)}))
