"""The benchmark scripts' own arithmetic (benchmarks/: run as scripts, imported here from their directory)."""
import importlib
import pathlib
import sys

import pytest

BENCHMARKS = pathlib.Path(__file__).resolve().parents[1] / "benchmarks"


def _bench(name):
    sys.path.insert(0, str(BENCHMARKS))  # (their sibling modules: _machine)
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_bench_model_ida_time_is_the_median_over_the_repeats_as_the_solve_is():
    """bench_model's "IDA [s]" was the last repeat's, printed beside the median solve: 7.664 s of IDA against a
    6.818 s solve for 100 multi-phase cycles (session 56). Now the median over the repeats (each within its own
    solve: a 10-cycle run, 0.971 s of IDA in a 1.53 s solve, 40 steps summed once each) and per IDA step [us]."""
    work = [(85, 13316, 5500, 27000, 0.971), (85, 13316, 5500, 27000, 0.950), (85, 13316, 5500, 27000, 1.30)]
    states, steps, jacs, newton, ida, per_step = _bench("bench_model").median_work(work)
    assert (states, steps, jacs, newton) == (85, 13316, 5500, 27000)
    assert ida == 0.971 and per_step == pytest.approx(1e6 * 0.971 / 13316)
