"""The results store of a sweep: an SQLite database (standard library), and the pre-flight of every output path.

One row per point, keyed by the point's inputs by name (JSON sorted by name: the order of the grid's axes is
irrelevant), with its status (``running``, ``done``, ``failed``), the owner of a running claim and the result
columns as JSON. The sweep's configuration (parameter set, options, experiment, swept names, every fixed value of
the set) is stored once and compared on resume: a store of another configuration is refused with the differences
(a store written before the sets gained an entry of :data:`LATER_FIXED_VALUES` resumes while it holds its value)
(``replace_results=True``, ``--replace-results``, replaces it, with a warning naming what was dropped; an
export's ``force`` never touches a store). Every write is one transaction (a killed writer leaves no partial row: SQLite
rolls the transaction back); WAL journal and a busy timeout let several sweeps share a store. A sweep claims its points
in a transaction before computing them (``running``, owner ``host:pid:token``), so two sweeps on one store never
compute a point twice; the claims of a process that died on this host are taken over (a claim from another
host is waited for: its liveness cannot be checked from here). Failed points keep their error and are
run again only with ``retry_failed``.

CSV, JSON and Parquet are exports of the final table (:func:`export_table`), checked before any solve by
:func:`check_export_path`.
"""
from __future__ import annotations

import json
import math
import os
from pathlib import Path
import random
import socket
import sqlite3
import time
import uuid
import warnings

from ..user_input import ANY, Said, folder_refusal, json_default, output_refusal
from .api import SweepConfigError

#: the switch that lets a sweep replace what a results file holds (never the export's ``force``), a keyword of
#: :func:`~pybamm_aea.sweep.sweep` and its value as a :class:`~pybamm_aea.user_input.Said` names it
REPLACE = ("replace_results", True)

_SQLITE_MAGIC = b"SQLite format 3\x00"
STORE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
EXPORT_SUFFIXES = (".csv", ".json", ".parquet")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sweep_config (id INTEGER PRIMARY KEY CHECK (id = 1), config TEXT NOT NULL,
                                         created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS points (key TEXT PRIMARY KEY, status TEXT NOT NULL CHECK (status IN
                                   ('running', 'done', 'failed')), owner TEXT, result TEXT, error TEXT,
                                   updated REAL NOT NULL);
"""


def _locked(exc):
    """True if an SQLite error is another connection's lock (not damage or a wrong file)."""
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


def _holds_foreign_data(path):
    """True if ``path`` is not an SQLite database, or holds tables other than a sweep store's.

    An SQLite file with none of the store's tables yet, or only some, is a store another sweep is
    creating at this moment (its header is written before its schema), and one locked by a writer
    is a database in use: neither is foreign data (seen in the two-sweep test, where the second
    sweep read the first one's half-made store and refused it). An SQLite file without tables
    holds nothing to lose.
    """
    with open(path, "rb") as fh:
        if fh.read(16) != _SQLITE_MAGIC:
            return True
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            columns = _columns(con)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return not _locked(exc)
    # another program's table, or one of the store's names with other columns (a user's "points")
    return any(columns[t] != _STORE_COLUMNS.get(t) for t in columns)


def _columns(con):
    """{table: tuple of its column names} of an SQLite connection."""
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {t: tuple(r[1] for r in con.execute(f"PRAGMA table_info({t!r})")) for t in tables}


def _schema_columns():
    con = sqlite3.connect(":memory:")
    try:
        con.executescript(_SCHEMA)
        return _columns(con)
    finally:
        con.close()


#: the columns of each of the store's tables, as :data:`_SCHEMA` creates them
_STORE_COLUMNS = _schema_columns()


def check_export_path(path, force=False):
    """Pre-flight of an export file: a known format, a writable folder, not an existing file unless ``force``."""
    path = Path(path)
    if path.suffix.lower() not in EXPORT_SUFFIXES:
        raise SweepConfigError(f"export {str(path)!r} must end in {', '.join(EXPORT_SUFFIXES)}", "export")
    if path.suffix.lower() == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise SweepConfigError(f"export {str(path)!r} is Parquet, which needs pyarrow (pip install pyarrow); "
                                   "or export .csv", "export") from exc
    refusal = output_refusal(path, force, ("force", True))
    if refusal:
        raise SweepConfigError(Said(f"export {str(path)!r} ", refusal), "export")
    if path.exists() and not os.access(path, os.W_OK):
        raise SweepConfigError(f"export {str(path)!r} is not writable", "export")
    if path.exists() and not path.is_file():
        raise SweepConfigError(f"export {str(path)!r} is not a regular file", "export")
    return path  # (its missing folders are made when it is written, as every command's output)


def export_table(df, path, key_columns=()):
    """Write the table atomically (a temporary file in the same folder, then renamed).

    Float columns are rounded to 6 significant digits (:func:`pybamm_aea.progress.round_table`), except
    ``key_columns`` (a sweep's swept inputs, a point's identity), written to the store key's
    :data:`~pybamm_aea.sweep.grid.KEY_DIGITS`: the exported designs, read back and swept again, are the points
    the store holds (at 6 digits a loading of ``0.01:0.03:8``, 0.0128571428571, came back as 0.0128571, a new
    point).
    """
    from ..progress import round_table
    from .grid import key_float

    keys = [c for c in key_columns if c in df.columns and df[c].dtype.kind == "f"]
    rounded = round_table(df)
    for column in keys:
        rounded[column] = [key_float(v) for v in df[column]]
    df = rounded
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        suffix = path.suffix.lower()
        if suffix == ".json":
            records = json.loads(df.to_json(orient="records"))  # pandas' JSON (NaN -> null), to 10 digits
            for record, row in zip(records, df[keys].itertuples(index=False)):
                # the keys at their 12 digits, as Python's shortest repr (pandas' precision is one for all)
                record.update({c: v if math.isfinite(v) else None for c, v in zip(keys, row)})
            tmp.write_text(json.dumps(records, indent=1))
        elif suffix == ".parquet":
            df.to_parquet(tmp, index=False)
        else:
            df.to_csv(tmp, index=False)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


#: entries of a record's "fixed values" the sets gained after stores were written, with the value that leaves
#: every figure of a store written before them as it is: "Initial cathode stretch off 1" 0 (a fresh start, what
#: every point was solved from), and the measured temperatures and the cut-offs' anode (session 56), any value (they
#: only decide a warning, no figure)
LATER_FIXED_VALUES = {
    "Initial cathode stretch off 1": 0.0,
    "Lowest measured temperature [K]": any,
    "Highest measured temperature [K]": any,
    "Anode potential of the voltage cut-offs [V]": any,
}


def _same_results(old, new):
    """True if a store's record ``old`` differs from ``new`` only by :data:`LATER_FIXED_VALUES` it lacks, each
    holding in ``new`` the value that changes no figure: the store resumes, no solved point lost (a store written
    before session 49 was refused for 'Highest measured temperature [K]' None -> 343.15). A value it holds is
    compared as any other (a real change is refused)."""
    if set(old) != set(new) or any(old[k] != new[k] for k in old if k != "fixed values"):
        return False
    a, b = old["fixed values"], new["fixed values"]
    if not isinstance(a, dict) or not isinstance(b, dict) or not set(a) <= set(b):
        return False
    if any(a[k] != b[k] for k in a):
        return False
    return all(k in LATER_FIXED_VALUES and LATER_FIXED_VALUES[k] in (any, b[k]) for k in set(b) - set(a))


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class ResultStore:
    """An SQLite results store, opened (and checked) before any solve. See the module docstring."""

    def __init__(self, path, config_record, replace=False, timeout=60.0):
        path = Path(path)
        if path.suffix.lower() not in STORE_SUFFIXES:
            raise SweepConfigError(
                Said(f"results_file {str(path)!r} must be an SQLite store ending in {', '.join(STORE_SUFFIXES)}; "
                     "CSV, JSON and Parquet are exports of the final table (", ("export", ANY), ")"),
                "results_file",
            )
        if path.is_dir():
            raise SweepConfigError(f"results_file {str(path)!r} is a folder", "results_file")
        refusal = folder_refusal(path)  # (its missing folders are made, as every command's output)
        if refusal:
            raise SweepConfigError(f"results_file {str(path)!r} {refusal}", "results_file")
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            if not os.access(path, os.R_OK | os.W_OK):
                raise SweepConfigError(f"results_file {str(path)!r} is not writable", "results_file")
            if path.stat().st_size and _holds_foreign_data(path):
                if not replace:
                    raise SweepConfigError(Said(f"results_file {str(path)!r} exists and is not a sweep results "
                                                "store: not overwritten without ", REPLACE), "results_file")
                self._remove(path)
                warnings.warn(Said(f"results_file {str(path)!r}: deleted the file that was there (not a sweep "
                                   "results store; ", REPLACE, ")"), stacklevel=2)
        self.path = path
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.con = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.con.execute("PRAGMA journal_mode=WAL")
                self.con.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
                self.con.executescript(_SCHEMA)
                self._check_config(config_record, replace)
                break
            except sqlite3.Error as exc:
                # two sweeps opening a new store at the same instant: where waiting could deadlock
                # (a read lock upgraded to a write lock while the other holds one), SQLite answers
                # "database is locked" at once instead of waiting out the busy timeout (seen once
                # in the two-sweep test on two loaded cores). The steps are idempotent: retry.
                if _locked(exc) and time.monotonic() < deadline:
                    time.sleep(0.05 + 0.1 * random.random())
                    continue
                self.con.close()
                raise SweepConfigError(f"results_file {str(path)!r} cannot be written: {exc}", "results_file") from exc

    @staticmethod
    def _remove(path):
        for p in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm")):
            if p.exists():
                p.unlink()

    def _check_config(self, record, replace):
        text = json.dumps(record, sort_keys=True)
        with self.transaction():
            row = self.con.execute("SELECT config FROM sweep_config WHERE id = 1").fetchone()
            if row is None:
                self.con.execute("INSERT INTO sweep_config VALUES (1, ?, ?)", (text, time.time()))
                return
            if row[0] == text:
                return
            old = json.loads(row[0])
            if _same_results(old, record):  # a store written before entries that change none of its figures
                self.con.execute("UPDATE sweep_config SET config = ? WHERE id = 1", (text,))
                return
            if not replace:
                diff = [k for k in sorted(set(old) | set(record)) if old.get(k) != record.get(k)]
                detail = []
                for k in diff:
                    a, b = old.get(k), record.get(k)
                    if isinstance(a, dict) and isinstance(b, dict):
                        keys = [n for n in sorted(set(a) | set(b)) if a.get(n) != b.get(n)]
                        detail.append(f"{k}: {', '.join(f'{n!r} {a.get(n)!r} -> {b.get(n)!r}' for n in keys[:4])}")
                    else:
                        detail.append(f"{k}: {a!r} -> {b!r}")
                raise SweepConfigError(
                    Said(f"results_file {str(self.path)!r} holds a sweep of another configuration "
                         f"({'; '.join(detail)}); use another file, or ", REPLACE, " to replace it"),
                    "results_file",
                )
            dropped = self.con.execute("SELECT COUNT(*) FROM points").fetchone()[0]
            self.con.execute("DELETE FROM points")
            self.con.execute("UPDATE sweep_config SET config = ?, created = ? WHERE id = 1", (text, time.time()))
        if row is not None and row[0] != text:
            warnings.warn(Said(f"results_file {str(self.path)!r}: replaced a sweep of another configuration, "
                               f"{dropped} stored point{'' if dropped == 1 else 's'} dropped (", REPLACE, ")"),
                          stacklevel=3)

    def transaction(self):
        """A write transaction (``BEGIN IMMEDIATE``): committed on success, rolled back on any error."""
        store = self

        class _Tx:
            def __enter__(self):
                store.con.execute("BEGIN IMMEDIATE")

            def __exit__(self, exc_type, exc, tb):
                store.con.execute("ROLLBACK" if exc_type else "COMMIT")
                return False

        return _Tx()

    def _claim_is_dead(self, owner):
        host, pid, _ = (owner or "::").split(":")
        if owner == self.owner:
            return False
        return host == socket.gethostname() and pid.isdigit() and not _pid_alive(int(pid))

    def _select(self, keys, chunk=500):
        """``(key, status, owner, result)`` of the stored points among ``keys``."""
        rows = []
        for i in range(0, len(keys), chunk):
            part = keys[i:i + chunk]
            rows += self.con.execute(f"SELECT key, status, owner, result FROM points WHERE key IN "
                                     f"({','.join('?' * len(part))})", part).fetchall()
        return rows

    def claim(self, keys, retry_failed=False):
        """Claim the points of ``keys`` this sweep must compute, in one transaction.

        Returns ``(mine, done, others)``: keys claimed now (new, failed with ``retry_failed``, or claimed by a dead
        process), key -> stored row of finished points (failed ones included unless retried), and keys another
        live sweep is computing.
        """
        mine, done, others = [], {}, []
        now = time.time()
        with self.transaction():
            existing = {r[0]: r[1:] for r in self._select(keys)}
            claims = []
            for k in keys:
                status, owner, result = existing.get(k, (None, None, None))
                if status is None or (status == "failed" and retry_failed) or (
                        status == "running" and self._claim_is_dead(owner)):
                    claims.append((k, self.owner, now))
                    mine.append(k)
                elif status == "running":
                    others.append(k)
                else:
                    done[k] = json.loads(result)
            self.con.executemany("INSERT INTO points (key, status, owner, updated) VALUES (?, 'running', ?, ?) "
                                 "ON CONFLICT(key) DO UPDATE SET status='running', owner=excluded.owner, "
                                 "result=NULL, error=NULL, updated=excluded.updated", claims)
        return mine, done, others

    def write(self, items):
        """Store finished points ``[(key, row), ...]`` in one transaction."""
        now = time.time()
        with self.transaction():
            self.con.executemany(
                "INSERT INTO points (key, status, owner, result, error, updated) VALUES (?, ?, NULL, ?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET status=excluded.status, owner=NULL, result=excluded.result, "
                "error=excluded.error, updated=excluded.updated",
                [(k, "failed" if row.get("error") else "done", json.dumps(row, default=json_default),
                  row.get("error"), now) for k, row in items])

    def finished(self, keys):
        """key -> stored row of the points among ``keys`` that finished without an error (nothing claimed): the
        reference-rate points a store holds beside its grid (written before session 49, when they were solved for
        every swept C-rate), read for the "Rate capability" of a sweep that does not solve them."""
        return {k: json.loads(result) for k, status, _, result in self._select(keys) if status == "done"}

    def release(self, keys):
        """Give back claims that were not computed (an interrupted sweep), so that another run takes them."""
        if keys:
            with self.transaction():
                self.con.executemany("DELETE FROM points WHERE key = ? AND status = 'running' AND owner = ?",
                                     [(k, self.owner) for k in keys])

    def wait_for(self, keys, poll=0.5):
        """Rows of points other sweeps are computing, as they finish; keys whose owner died are returned to be
        computed here: ``(done, orphaned)``."""
        pending, done, orphaned = set(keys), {}, []
        while pending:
            rows = self._select(sorted(pending))
            for k, status, owner, result in rows:
                if status in ("done", "failed"):
                    done[k] = json.loads(result)
                    pending.discard(k)
            dead = [k for k, status, owner, _ in rows if status == "running" and self._claim_is_dead(owner)]
            missing = pending - {r[0] for r in rows}  # released by an interrupted sweep
            if dead or missing:
                mine, more, _ = self.claim(sorted(set(dead) | missing))
                orphaned += mine
                done.update(more)
                pending -= set(mine) | set(more)
            if pending:
                time.sleep(poll)
        return done, orphaned

    def counts(self):
        return dict(self.con.execute("SELECT status, COUNT(*) FROM points GROUP BY status").fetchall())

    def close(self):
        self.con.close()
