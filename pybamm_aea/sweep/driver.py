"""The body of :func:`pybamm_aea.sweep.sweep`: pre-flight, claims in the store, executors, the final table."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd

from ..user_input import ANY, EachCaller, Said, is_finite_positive, not_a_number
from .api import SweepConfigError, SweepNote, count, worker_count
from .config import FABRICATION, PRESSED_AND_HELD, build_config, cell_notes, compaction_notes, make_experiment
from .grid import batches as split, expand_grid, is_reference_rate, point_key, reference_points, unique_points
from .metrics import CELL_COLUMNS, ESC, FIRST_ESC, RESULT_COLUMNS, RETENTION, WARNING_TEXTS, warning_texts


def _default_batch_size(n_points, n_workers, batched):
    # a few batches per worker for load balance; batched solves amortise PyBaMM's per-call set-up over more points
    cap = 200 if batched else 25
    return max(1, min(cap, math.ceil(n_points / (4 * max(1, n_workers)))))


#: prefix of the mesh check's columns: "Fine-mesh electrode specific capacity [mA.h.g-1]", ...
FINE_MESH = "Fine-mesh "


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
        reference_c_rate, retry_failed, batch_size, batched, threads, progress, mp_context, cathode_cells=None,
        mesh_check=False, replace_results=False, notes=True, cell=None, rate_capability=False):
    """The sweep (see :func:`pybamm_aea.sweep.sweep`); ``notes=False``: the facts of the whole sweep (the
    compaction law of another composition; ``table.attrs["notes"]``) are not warned again nor kept (the mesh
    check's run of the same grid)."""
    names, points = expand_grid(grid)
    if not points:
        raise SweepConfigError("the grid has no points", "grid")
    if not is_finite_positive(reference_c_rate):
        raise SweepConfigError(f"reference_c_rate must be a finite C-rate > 0 (in 1/h), got {reference_c_rate!r}"
                               f"{not_a_number(reference_c_rate)}",
                               "reference_c_rate")
    reference_c_rate = float(reference_c_rate)
    if not isinstance(rate_capability, bool):
        raise SweepConfigError(f"rate_capability must be True or False, got {rate_capability!r}", "rate_capability")
    if rate_capability and "C-rate" not in names:
        raise SweepConfigError(Said(("rate_capability", True), f" needs 'C-rate' among the grid's names, got {names}"),
                               "rate_capability")
    # the table's rows are the grid's points, exactly; the reference-rate points the grid lacks are solved only when
    # asked, and kept out of the rows (table.attrs["reference points"]; until session 49 they were rows of the table)
    grid_points = points
    missing = reference_points(grid_points, names, reference_c_rate)
    extra = missing if rate_capability else []
    points = unique_points(grid_points + extra, names)
    config = build_config(names, points, parameter_set, experiment, options, compaction, reference_c_rate,
                          cathode_cells, cell)
    config.threads = count("threads", threads)
    if batch_size is not None:
        batch_size = count("batch_size", batch_size)
    if not isinstance(mesh_check, bool):
        raise SweepConfigError(f"mesh_check must be True or False, got {mesh_check!r}", "mesh_check")
    n_workers = 1 if client is not None else worker_count(workers)
    derived_cols = [c for n, c in ((FABRICATION, "Cathode porosity"), (PRESSED_AND_HELD, "Cathode porosity"),
                                   ("Cathode thickness [um]", "Cathode loading [kg.m-2]")) if n in names]
    columns = names + derived_cols + [c for c in RESULT_COLUMNS if cell is not None or c not in CELL_COLUMNS]

    # pre-flight: every output path before any solve
    from .store import ResultStore, check_export_path, export_table

    if export is not None:
        export = check_export_path(export, force)
    fine = None
    if mesh_check:  # the fine run's mesh and store, checked now too
        fine = _fine_run(config, results_file)
        if fine["results_file"] is not None:
            ResultStore(fine["results_file"], fine["record"], replace_results).close()
    store = ResultStore(results_file, config.record, replace_results) if results_file is not None else None
    stored_references = {}
    if store is not None and missing and not rate_capability:
        # a store's reference-rate points (solved beside the grid before session 49): read, not solved again
        try:
            stored_references = store.finished([point_key(p, names) for p in missing])
        except BaseException:
            store.close()
            raise
        extra = [p for p in missing if point_key(p, names) in stored_references]
    all_points = grid_points + extra
    rate_notes = [] if rate_capability else _reference_notes(grid_points, names, reference_c_rate,
                                                                 stored_references)
    if "C-rate" in names:
        from .rate_steps import scaled_rate_notes  # (imports PyBaMM)

        rate_notes += scaled_rate_notes(make_experiment(config.steps), config.reference_c_rate,
                                        [p["C-rate"] for p in grid_points], config.nominal)
    sweep_notes = [*compaction_notes(config, points), *cell_notes(config, points), *rate_notes] if notes else []
    for note in sweep_notes:  # a fact of the sweep: once, not on every row, and in the table's attrs
        warnings.warn(note, SweepNote, stacklevel=3)

    keys = [point_key(p, names) for p in points]
    by_key = dict(zip(keys, points))
    results = dict(stored_references)
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

    rows, texts = [], []
    for p in all_points:
        rec = results[point_key(p, names)]
        rows.append({c: rec.get(c, p.get(c, np.nan)) for c in columns})
        texts.append(rec.get(WARNING_TEXTS) or [])
    df = pd.DataFrame(rows, columns=columns)
    if "C-rate" in names:
        _rate_capability(df, names, reference_c_rate)
    else:
        df = df.drop(columns=["Rate capability"])
    if df[RETENTION].isna().all() and (config.n_steps == 1 or config.default_charge_first):
        df = df.drop(columns=[RETENTION])
    for col in ("error", "warnings"):
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    _reference_warnings(df, texts, all_points, names, len(grid_points))
    df, reference = df.iloc[:len(grid_points)].reset_index(drop=True), df.iloc[len(grid_points):]
    df.attrs["failed"] = int(df["error"].notna().sum())
    df.attrs["notes"] = sweep_notes
    df.attrs["warnings"] = warning_texts(texts[:len(grid_points)], [int(i) for i in df.index])
    df.attrs["reference points"] = [dict(r, **{WARNING_TEXTS: t}) for r, t in zip(_records(reference),
                                                                                 texts[len(grid_points):])]
    if fine is not None:
        fine_df = run(grid, parameter_set=parameter_set, experiment=experiment, client=client, options=options,
                      results_file=fine["results_file"], workers=workers, export=None, force=force,
                      replace_results=replace_results,
                      compaction=compaction, reference_c_rate=reference_c_rate, retry_failed=retry_failed,
                      batch_size=batch_size, batched=batched, threads=threads, progress=progress,
                      mp_context=mp_context, cathode_cells=fine["cells"], notes=False, cell=cell)
        _add_mesh_check(df, fine_df)
        fine_file = None if fine["results_file"] is None else str(fine["results_file"])  # attrs stay JSON (Parquet)
        df.attrs["mesh check"] = {"cathode cells": fine["coarse cells"], "fine cathode cells": fine["cells"],
                                  "fine results_file": fine_file}
    if export is not None:
        export_table(df, export, key_columns=names)
    return df


def fine_results_path(results_file):
    """Where a mesh-checked sweep keeps its fine-mesh rows: ``s.sqlite`` -> ``s.fine.sqlite``."""
    from pathlib import Path

    path = Path(results_file)
    return path.with_name(f"{path.stem}.fine{path.suffix}")


def _fine_run(config, results_file):
    """Cells, record and store of the mesh check's run: the sweep's cells (its own, or the model's) refined as
    :func:`pybamm_aea.mesh_check` refines a run the mesh may decide (8x, 160 cells at least, for Mo6S8's multi-phase
    host: :func:`pybamm_aea.convergence.nucleation_host`; a shipped hybrid's set to its own reference, S-LMS 640 and
    LTO-LMS 1280 cells, :func:`pybamm_aea.convergence.pristine_reference_cells`, whether or not its rows start
    pristine), else twice."""
    from pybamm_aea.convergence import nucleation_host, pristine_reference_cells, refined_var_pts, refinement
    from pybamm_aea.models.aea import AEA
    from pybamm_aea.models.submodels import xi

    cells = config.cathode_cells
    if cells is None:
        cells = AEA(config.options, build=False).default_var_pts[xi]
    values = config.values()
    factor = refinement(cells, nucleation_host(config.options, values), pristine_reference_cells(values))
    cells = refined_var_pts({xi: cells}, factor)[xi]  # the mesh check's refinement, as mesh_check's and the screen's
    return {"cells": cells, "coarse cells": cells // factor, "record": {**config.record, "cathode cells": cells},
            "results_file": fine_results_path(results_file) if results_file is not None else None}


def _add_mesh_check(df, fine_df):
    """The fine-mesh columns and the verdict of each row (rows in the same grid order): converged when
    ESC and first-discharge ESC agree within :data:`pybamm_aea.convergence.CAPACITY_TOLERANCE` of the
    largest of them (as :func:`pybamm_aea.mesh_check`: of the run's largest step) and the mean discharge
    voltage within :data:`~pybamm_aea.convergence.VOLTAGE_TOLERANCE`; a row that failed on either mesh has not."""
    from pybamm_aea.convergence import within_tolerances
    from pybamm_aea.readout import MEAN_DISCHARGE_VOLTAGE_VS_LI

    for col in (ESC, FIRST_ESC, MEAN_DISCHARGE_VOLTAGE_VS_LI):
        df[FINE_MESH + col[0].lower() + col[1:]] = fine_df[col].to_numpy()
    pairs = [(df[c].to_numpy(float), fine_df[c].to_numpy(float)) for c in (ESC, FIRST_ESC)]
    # the largest capacity of the row on either mesh (NaN only when the row failed on both: not converged)
    scale = np.fmax.reduce(np.abs(np.column_stack([a for pair in pairs for a in pair])), axis=1)
    dv = fine_df[MEAN_DISCHARGE_VOLTAGE_VS_LI].to_numpy(float) - df[MEAN_DISCHARGE_VOLTAGE_VS_LI].to_numpy(float)
    ok = df["error"].isna().to_numpy() & fine_df["error"].isna().to_numpy()
    for coarse, fine in pairs:
        ok &= within_tolerances(fine - coarse, scale, dv)
    df["Mesh converged"] = ok


def _records(df):
    """The rows of ``df`` as a list of dicts of plain JSON values (NaN as None: a table's attrs go into a Parquet
    export as JSON)."""
    return [{k: (None if isinstance(v, float) and np.isnan(v) else v.item() if isinstance(v, np.generic) else v)
             for k, v in r.items()} for r in df.to_dict("records")]


def _reference_notes(points, names, reference_c_rate, stored=()):
    """The note of a swept C-rate whose designs lack their reference-rate point in the grid (``points``) and in the
    results store (``stored``: keys of the reference points it holds): their "Rate capability" is NaN, and
    ``rate_capability=True`` solves them too; none when every design has it."""
    missing = [p for p in reference_points(points, names, reference_c_rate) if point_key(p, names) not in stored]
    if not missing:
        return []
    designs = len(unique_points([dict(p, **{"C-rate": 0.0}) for p in points], names))
    rates = ", ".join(f"{c:g}" for c in dict.fromkeys(float(p["C-rate"]) for p in points))
    which = (("the design" if designs == 1 else f"all {designs} designs") if len(missing) == designs
             else f"{len(missing)} of the {designs} designs")
    return [Said(f"\"Rate capability\" is NaN for {which}: their {reference_c_rate:g}C reference point (",
                 ("reference_c_rate", ANY), f") is not in the grid (C-rates {rates}) and is not solved unless asked; ",
                 ("rate_capability", True), " solves it too, kept out of the rows (",
                 EachCaller('table.attrs["reference points"]', "printed after the table as its reference points"), ")")]


#: how a row's ``warnings`` name the warnings of the reference point its "Rate capability" reads
REFERENCE_SAID = "its reference point, {rate:g}C: "


def _reference_warnings(df, texts, points, names, n_grid):
    """Give each grid row whose "Rate capability" reads a reference point kept out of the rows (``df``'s rows, of
    ``points``, from ``n_grid`` on, their :data:`WARNING_TEXTS` in ``texts``) that point's warnings: its ``warnings``
    after the row's own, led by :data:`REFERENCE_SAID`, and its full texts with the row's (``attrs["warnings"]``).
    Until session 49 they were hidden: LMS at 4.5 mg/cm2 and 0.05C, Rate capability 1.109 over a 0.1C reference the
    mesh decided, the row's warnings None."""
    if "C-rate" not in names or len(df) == n_grid:
        return
    others = [n for n in names if n != "C-rate"]
    at = {point_key(points[j], others): j for j in range(n_grid, len(df))}
    for i, p in enumerate(points[:n_grid]):
        j = at.get(point_key(p, others))
        if j is None or not (df.at[j, "warnings"] or texts[j]):
            continue
        said = REFERENCE_SAID.format(rate=float(df.at[j, "C-rate"])) + (df.at[j, "warnings"] or "")
        df.at[i, "warnings"] = f"{df.at[i, 'warnings']}; {said}" if df.at[i, "warnings"] else said
        texts[i] = texts[i] + [t for t in texts[j] if t not in texts[i]]


def _rate_capability(df, names, reference_c_rate):
    others = [n for n in names if n != "C-rate"]
    ref_rows = df[[is_reference_rate(c, reference_c_rate) for c in df["C-rate"]]]
    ref = {point_key(r, others): r[ESC] for r in ref_rows.to_dict("records")}
    base = [ref.get(point_key(r, others), np.nan) for r in df.to_dict("records")]
    df["Rate capability"] = df[ESC] / np.asarray(base, dtype=float)
