"""The body of :func:`pybamm_aea.sweep.sweep`: pre-flight, claims in the store, executors, the final table."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .api import SweepConfigError, _default_batch_size, worker_count
from .config import build_config
from .grid import batches as split, expand_grid, point_key, unique_points, with_reference_rate
from .metrics import RESULT_COLUMNS


def _failed_rows(names):
    def rows(batch, exc):
        out = []
        for p in batch:
            r = {n: p[n] for n in names}
            r.update({c: np.nan for c in RESULT_COLUMNS})
            r.update({"error": f"worker failed: {type(exc).__name__}: {exc}", "warnings": None,
                      "Number of discharges": 0})
            out.append(r)
        return out

    return rows


def run(grid, *, parameter_set, experiment, client, options, results_file, workers, export, force, compaction,
        reference_c_rate, retry_failed, batch_size, batched, threads, progress, mp_context, cathode_cells=None):
    names, points = expand_grid(grid)
    if not points:
        raise SweepConfigError("the grid has no points")
    reference_c_rate = float(reference_c_rate)
    all_points = with_reference_rate(points, names, reference_c_rate)
    points = unique_points(all_points, names)
    config = build_config(names, points, parameter_set, experiment, options, compaction, reference_c_rate,
                          cathode_cells)
    if int(threads) < 1:
        raise SweepConfigError(f"threads must be >= 1, got {threads!r}")
    config.threads = int(threads)
    n_workers = 1 if client is not None else worker_count(workers)
    derived_cols = [c for n, c in (("Stack pressure [MPa]", "Cathode porosity"),
                                   ("Cathode thickness [um]", "Cathode loading [kg.m-2]")) if n in names]
    columns = names + derived_cols + list(RESULT_COLUMNS)

    # pre-flight: every output path before any solve
    from .store import ResultStore, check_export_path, export_table

    if export is not None:
        export = check_export_path(export, force)
    store = ResultStore(results_file, config.record, force) if results_file is not None else None

    keys = [point_key(p, names) for p in points]
    by_key = dict(zip(keys, points))
    results = {}
    try:
        if store is not None:
            mine, done, others = store.claim(keys, retry_failed)
            results.update(done)
        else:
            mine, others = keys, []
        bar = None
        if progress is not False and mine:
            from ..progress import progress_bar

            bar = progress_bar(total=len(mine), desc="sweep", unit="pt", show=progress)

        def collect(batch, rows):
            items = [(point_key(p, names), r) for p, r in zip(batch, rows)]
            if store is not None:
                store.write(items)
            results.update(items)
            if bar is not None:
                bar.update(len(rows))

        def compute(todo_keys):
            todo = [by_key[k] for k in todo_keys]
            if not todo:
                return
            use_batch = batched and config.single_discharge is not None
            parallel = n_workers if client is None else max(1, len(client.scheduler_info().get("workers", {})))
            parts = split(todo, batch_size or _default_batch_size(len(todo), parallel, use_batch), parallel)
            from . import executors

            if client is not None:
                executors.run_dask(client, config, parts, collect, _failed_rows(names), batched)
            elif n_workers == 1 or len(parts) == 1:
                executors.run_serial(config, parts, collect, batched)
            else:
                executors.run_local(config, parts, min(n_workers, len(parts)), mp_context, collect,
                                    _failed_rows(names), batched)

        try:
            compute(mine)
            if others:  # points another sweep on the same store is computing: wait, or take over if it died
                done, orphaned = store.wait_for(others)
                results.update(done)
                compute(orphaned)
        finally:
            if bar is not None:
                bar.close()
            if store is not None:
                store.release([k for k in mine if k not in results])
    finally:
        if store is not None:
            store.close()

    rows = []
    for p in all_points:
        rec = results[point_key(p, names)]
        rows.append({c: rec.get(c, p.get(c, np.nan)) for c in columns})
    df = pd.DataFrame(rows, columns=columns)
    if "C-rate" in names:
        _rate_capability(df, names, reference_c_rate)
    else:
        df = df.drop(columns=["Rate capability"])
    if df["Capacity retention [%]"].isna().all() and config.n_steps == 1:
        df = df.drop(columns=["Capacity retention [%]"])
    for col in ("error", "warnings"):
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    df.attrs["failed"] = int(df["error"].notna().sum())
    if export is not None:
        export_table(df, export)
    return df


def _rate_capability(df, names, reference_c_rate):
    others = [n for n in names if n != "C-rate"]
    ref_rows = df[np.isclose(df["C-rate"].astype(float), reference_c_rate)]
    ref = {point_key(r, others): r["Electrode specific capacity [mA.h.g-1]"] for r in ref_rows.to_dict("records")}
    base = [ref.get(point_key(r, others), np.nan) for r in df.to_dict("records")]
    df["Rate capability"] = df["Electrode specific capacity [mA.h.g-1]"] / np.asarray(base, dtype=float)
