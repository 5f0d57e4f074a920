"""Benchmark the compiled kernels against their best plain-NumPy expressions.

Run from the project root after building (``pip install -e .``)::

    python benchmarks/bench_kernels.py [--n 10000000] [--repeat 7] [--markdown]

Every input has ``n`` values (10^7 by default). Each timing is the median of ``--repeat`` runs
(time.perf_counter) after one warm-up run. The kernel column times the public wrapper in
``pybamm_aea.kernels``, input validation included; the NumPy column times the vectorised reference in
``pybamm_aea._numpy_reference`` (which validates nothing) or, for curve_energy, bare ``numpy.trapezoid``.
"""
import argparse
import datetime
import os
import statistics
import sys
import time

import numpy as np

from pybamm_aea import _numpy_reference as ref
from pybamm_aea import kernels

from _machine import machine_line  # a sibling module: the benchmarks run as scripts

TARGETS = {  # minimum numpy/kernel speed-up asked for on the 2-core reference machine
    "average_phase_fractions": 5.0,
    "cycle_summaries": 5.0,
    "curve_energy": 2.0,
}


def median_time(fn, repeat):
    fn()  # warm-up (page faults of fresh outputs, lazy imports)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def machine_lines():
    return [
        f"date: {datetime.date.today().isoformat()}",
        machine_line(),
        f"numpy {np.__version__}",
        "OPENBLAS_CORETYPE = {!r}, OPENBLAS_L2_SIZE = {!r} (irrelevant to these element-wise kernels)".format(
            os.environ.get("OPENBLAS_CORETYPE"), os.environ.get("OPENBLAS_L2_SIZE")
        ),
    ]


def square_wave(n, rng):
    """A cycling series of n points: CC discharge 1 A at ~2 V, rest, CC charge -1 A at ~2.4 V, rest,
    with the time repeated at every step boundary, as PyBaMM gives it (200 points per step)."""
    per_step = 200
    nsteps = n // per_step
    step = np.arange(nsteps) % 4
    cur = np.array([1.0, 0.0, -1.0, 0.0])[step]
    volt = np.array([2.0, 2.2, 2.4, 2.3])[step]
    dur = np.array([3600.0, 600.0, 3600.0, 600.0])[step]
    t0 = np.concatenate(([0.0], np.cumsum(dur)[:-1]))
    frac = np.linspace(0.0, 1.0, per_step)
    t = (t0[:, None] + dur[:, None] * frac[None, :]).ravel()
    i = np.repeat(cur, per_step)
    v = np.repeat(volt, per_step) + 0.05 * rng.standard_normal(nsteps * per_step)
    return t, i, v


def run(n, repeat):
    rng = np.random.default_rng(0)
    W = kernels.MO6S8_WINDOWS
    rows = []

    x = rng.uniform(0.0, 4.0, n)
    rows.append(("phase_fractions", f"x ({n},), 4 phases",
                 median_time(lambda: ref.phase_fractions(x, W), repeat),
                 median_time(lambda: kernels.phase_fractions(x, W), repeat)))

    npts = 1000
    x2 = rng.uniform(0.0, 4.0, (npts, n // npts))
    w = rng.uniform(0.5, 1.5, npts)
    rows.append(("average_phase_fractions", f"x {x2.shape}, 4 phases",
                 median_time(lambda: ref.average_phase_fractions(x2, w, W), repeat),
                 median_time(lambda: kernels.average_phase_fractions(x2, w, W), repeat)))

    q = np.cumsum(rng.uniform(0.0, 1e-3, n))
    v = 3.0 - q / q[-1] + 0.01 * rng.standard_normal(n)
    t_trap = median_time(lambda: np.trapezoid(v, q), repeat)
    t_kern = median_time(lambda: kernels.curve_energy(q, v), repeat)
    rows.append(("curve_energy", f"1 curve of {n} points (vs numpy.trapezoid)", t_trap, t_kern))

    t, i, vv = square_wave(n, rng)
    rows.append(("cycle_summaries", f"{t.size} points, {t.size // 800} cycles",
                 median_time(lambda: ref.cycle_summaries(t, i, vv), repeat),
                 median_time(lambda: kernels.cycle_summaries(t, i, vv), repeat)))

    t_sum = median_time(lambda: (np.sum(q), np.sum(v)), repeat)
    nbytes = 2 * 8 * n
    bandwidth = (nbytes / t_kern / 1e9, nbytes / t_sum / 1e9)
    return rows, bandwidth, t_sum


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=10**7, help="values per input (default 10^7)")
    p.add_argument("--repeat", type=int, default=7, help="timed runs per case (median; default 7)")
    p.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    args = p.parse_args(argv)

    lines = machine_lines()
    rows, (gbs_kernel, gbs_sum), t_sum = run(args.n, max(args.repeat, 1))

    if args.markdown:
        out = [f"- {line}" for line in lines] + ["", f"n = {args.n} values, median of {args.repeat} runs", ""]
        out += ["| kernel | input | numpy [ms] | kernel [ms] | numpy / kernel | target |",
                "| --- | --- | ---: | ---: | ---: | ---: |"]
        for name, what, tn, tk in rows:
            target = f">= {TARGETS[name]:g}x" if name in TARGETS else "-"
            out.append(f"| {name} | {what} | {tn * 1e3:.1f} | {tk * 1e3:.1f} | {tn / tk:.1f}x | {target} |")
        out += ["", "| curve_energy bandwidth | GB/s |", "| --- | ---: |",
                f"| kernel (2 arrays x 8 B x n read) | {gbs_kernel:.1f} |",
                f"| numpy.sum over the same two arrays ({t_sum * 1e3:.1f} ms) | {gbs_sum:.1f} |",
                f"| kernel / numpy.sum | {gbs_kernel / gbs_sum:.2f} (target >= {1 / 1.5:.2f}) |"]
        print("\n".join(out))
    else:
        print("\n".join(lines))
        print(f"n = {args.n} values, median of {args.repeat} runs\n")
        head = f"{'kernel':<26}{'numpy [ms]':>12}{'kernel [ms]':>13}{'numpy/kernel':>14}{'target':>9}   input"
        print(head)
        print("-" * len(head))
        for name, what, tn, tk in rows:
            target = f">={TARGETS[name]:g}x" if name in TARGETS else "-"
            print(f"{name:<26}{tn * 1e3:>12.1f}{tk * 1e3:>13.1f}{tn / tk:>13.1f}x{target:>9}   {what}")
        print()
        print(f"curve_energy kernel bandwidth: {gbs_kernel:6.1f} GB/s (2 arrays x 8 B x n read)")
        print(f"numpy.sum over the same two:   {gbs_sum:6.1f} GB/s ({t_sum * 1e3:.1f} ms)")
        print(f"kernel / numpy.sum:            {gbs_kernel / gbs_sum:6.2f}  (target >= {1 / 1.5:.2f})")

    ok = all(tn / tk >= TARGETS[name] for name, _, tn, tk in rows if name in TARGETS)
    ok = ok and gbs_kernel / gbs_sum >= 1 / 1.5
    if not ok:
        print("\nNOTE: a target was not met on this machine", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
