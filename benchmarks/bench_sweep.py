"""Throughput of design sweeps: points per second for LMS discharge simulations, serial vs parallel.

``python benchmarks/bench_sweep.py [--points 1000] [--workers N] [--markdown]``

The grid is cathode loading x ambient temperature for the paper's LMS cell (``Li2021_Mo6S8``): loadings from 0.5 to
5 mg/cm2 and temperatures from 25 to 80 C, one 0.1C discharge to 1.8 V per point (``pybamm_aea.sweep`` default
experiment; loading and temperature are PyBaMM input parameters, so each worker builds its simulation once). Three
runs of the same grid, each a fresh start (no simulation built beforehand in any process):

- serial: ``workers=1``, in this process (its model build is part of the time);
- local, all cores: ``workers=os.cpu_count()``, a ``ProcessPoolExecutor`` (fork) fed with batches;
- Dask: a ``LocalCluster(n_workers=2, processes=True, threads_per_worker=1)`` on 127.0.0.1 and ``client=``; the
  cluster start-up is reported separately; ``client.restart()`` before each cold run, so the workers' imports and
  model builds are in its time; a second ("warm") Dask run shows the steady state, with the workers' simulations
  cached.

Points per second = points / wall time of the ``sweep`` call; each mode runs ``--repeats`` times (interleaved) and the
best is kept, which filters out the other jobs of a shared machine. The scaling ratios are against serial. The machine
(CPU model, cores, OS, Python, PyBaMM) is printed with the results, and the CPU capacity actually available to
that many processes at the start and at the end (a pure-Python spin timed in 1 and in N processes): on a shared
machine another job on one core caps the scaling at about 1x whatever the sweep does.
"""
import argparse
import math
import os
import time

import numpy as np

from _machine import machine_line  # a sibling module: the benchmarks run as scripts


def machine():
    import pybamm

    return f"{machine_line()[len('machine: '):]}, PyBaMM {pybamm.__version__}"


def _spin(n):
    x = 0
    for i in range(n):
        x += i * i
    return x


def effective_cores(n_procs, work=3_000_000):
    """CPU capacity available to ``n_procs`` processes right now: 1-process time x n / n-process wall time.

    About ``n_procs`` on an idle machine; lower when other jobs share the cores (this project's machine is shared).
    """
    import multiprocessing as mp

    t0 = time.perf_counter()
    _spin(work)
    one = time.perf_counter() - t0
    with mp.get_context("fork").Pool(n_procs) as pool:
        pool.map(_spin, [1000] * n_procs)  # start the workers
        t0 = time.perf_counter()
        pool.map(_spin, [work] * n_procs)
        many = time.perf_counter() - t0
    return n_procs * one / many


def grid(n_points):
    n_load = int(round(math.sqrt(n_points * 1.6)))
    n_temp = int(math.ceil(n_points / n_load))
    return {
        "Cathode loading [kg.m-2]": list(np.linspace(0.005, 0.05, n_load)),
        "Ambient temperature [K]": list(np.linspace(298.15, 353.15, n_temp)),
    }


def compare(label, df, ref, cols=("ESC [mA.h.g-1]", "Electrode energy [W.h.L-1]")):
    """Print the largest relative difference of a run's results from the serial run's (0 expected)."""
    a, b = df[list(cols)].to_numpy(float), ref[list(cols)].to_numpy(float)
    diff = float(np.nanmax(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)))
    flag = "" if diff < 1e-9 else "  <-- differs from serial (was the code edited during the run?)"
    print(f"  {label}: max relative difference from serial {diff:.1e}{flag}")


def run(label, fn, n):
    t0 = time.perf_counter()
    df = fn()
    wall = time.perf_counter() - t0
    n_err = int(df["error"].notna().sum())
    assert len(df) == n, (len(df), n)
    print(f"  {label:<70} {wall:7.2f} s {n / wall:8.1f} points/s  ({n_err} failed)", flush=True)
    return wall, df


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=1000, help="grid points (default 1000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count(), help="local processes (default: all cores)")
    parser.add_argument("--dask-workers", type=int, default=2, help="LocalCluster workers (default 2)")
    parser.add_argument("--repeats", type=int, default=2, help="runs of each mode; the best is kept (default 2)")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    args = parser.parse_args()

    from pybamm_aea.sweep import sweep

    g = grid(args.points)
    n = len(g["Cathode loading [kg.m-2]"]) * len(g["Ambient temperature [K]"])
    print(f"machine: {machine()}")
    print(f"grid: {len(g['Cathode loading [kg.m-2]'])} loadings (0.5-5 mg/cm2) x "
          f"{len(g['Ambient temperature [K]'])} temperatures (25-80 C) = {n} LMS 0.1C discharges "
          f"(Li2021_Mo6S8, default experiment)\n")
    cores = effective_cores(args.workers)
    print(f"CPU capacity available to {args.workers} processes at start (pure-Python spin): {cores:.2f} cores\n")
    ps = "Li2021_Mo6S8"
    import pybamm_aea.sweep as sweep_module

    def fresh():
        sweep_module._SIMULATIONS.clear()  # nothing built: forked workers must not inherit a simulation

    best = {}

    def keep(label, wall, df):
        if label not in best or wall < best[label][0]:
            best[label] = (wall, df)

    try:
        from distributed import Client, LocalCluster
    except ImportError:
        Client = LocalCluster = None
        print("  dask.distributed not installed: pip install 'dask[distributed]' for the Dask rows")
    local_label = f"local ProcessPoolExecutor, {args.workers} processes"
    dask_label = f"Dask LocalCluster, {args.dask_workers} workers"
    warm_label = f"Dask LocalCluster, {args.dask_workers} workers, warm (simulations cached)"
    cluster = client = None
    if LocalCluster is not None:
        t0 = time.perf_counter()
        cluster = LocalCluster(n_workers=args.dask_workers, processes=True, threads_per_worker=1, host="127.0.0.1",
                               dashboard_address=None)
        client = Client(cluster)
        print(f"  (LocalCluster start-up, {args.dask_workers} workers: {time.perf_counter() - t0:.2f} s, not counted)")
    try:
        for rep in range(args.repeats):
            print(f" repeat {rep + 1}/{args.repeats}")
            fresh()
            keep(local_label, *run(local_label, lambda: sweep(g, parameter_set=ps, workers=args.workers), n))
            fresh()
            keep("serial, workers=1", *run("serial, workers=1", lambda: sweep(g, parameter_set=ps, workers=1), n))
            if client is not None:
                client.restart()  # fresh worker processes: imports and model builds are in the cold run
                keep(dask_label, *run(dask_label, lambda: sweep(g, parameter_set=ps, client=client), n))
                keep(warm_label, *run(warm_label, lambda: sweep(g, parameter_set=ps, client=client), n))
    finally:
        if client is not None:
            client.close()
            cluster.close()
    wall_serial, serial = best["serial, workers=1"]
    local = best[local_label][1]
    dask_df = best[dask_label][1] if dask_label in best else None
    rows = [(label, best[label][0]) for label in ("serial, workers=1", local_label, dask_label, warm_label)
            if label in best]
    print(f"\nbest of {args.repeats} (wall time, points/s):")
    for label, wall in rows:
        print(f"  {label:<70} {wall:7.2f} s {n / wall:8.1f} points/s")
    compare("local", local, serial)
    if dask_df is not None:
        compare("Dask", dask_df, serial)
    cores_end = effective_cores(args.workers)
    print(f"\nCPU capacity available to {args.workers} processes at the end: {cores_end:.2f} cores")
    per_point = serial["Solve time [s]"].median()
    print(f"\nmedian solve time per point (serial): {1e3 * per_point:.1f} ms")
    print("scaling (points/s relative to serial):")
    for label, wall in rows:
        print(f"  {label:<60} {wall_serial / wall:5.2f}x")
    if args.markdown:
        print("\n| run | wall [s] | points/s | vs serial |\n| --- | ---: | ---: | ---: |")
        for label, wall in rows:
            print(f"| {label} | {wall:.2f} | {n / wall:.1f} | {wall_serial / wall:.2f}x |")


if __name__ == "__main__":
    main()
