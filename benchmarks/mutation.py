"""Mutation check of the test suite: do the tests see plausible physics and bookkeeping bugs?

Each mutation in ``benchmarks/mutations.toml`` is one plausible bug (a sign, a factor 2, a swapped
boundary, a removed term, a wrong unit) written as an exact text replacement in one file. For each,
this script copies the working tree to a temporary folder (without build artefacts, with the compiled
core ``pybamm_aea/_kernels*.so``; a mutation of ``csrc/*.pyx`` rebuilds it in the copy), applies the
mutation, runs the mutation's tests from the copy's root (so the copy's package is the one imported:
checked before the tests run) and reports whether a test failed ("caught", with the failing test's
node id) or all passed ("not caught").

Tests that re-type the very constant a mutation changes (an *echo*: a test of ``x == 0.62`` for a
``0.62`` in the code) are listed per mutation under ``echo`` and deselected for it: a catch by an echo
proves nothing about the physics.

Before the mutations, all their tests run once on the unmutated copy; those that fail there are
deselected (and listed): with -x a failing test would otherwise stop every run that reaches it.

A mutation whose old text is not found exactly as many times as stated is a *stale* mutation: a tool
error, reported and counted as a failure of the run, never as "caught". By default each test that
caught a mutation is then run once on the unmutated copy: a test that fails there proves nothing, and
the mutation is reported as "invalid".

Usage (from the repository root; 2 shared cores, so run it niced)::

    nice -n 15 python benchmarks/mutation.py            # all mutations
    python benchmarks/mutation.py --list                # the curated list
    python benchmarks/mutation.py --only li_in_plateau_060 --only bv_factor_2
    python benchmarks/mutation.py --markdown            # the table as Markdown (benchmarks/mutations.md)

Exit status: 0 if at least 90 % of the mutations run are caught and none is stale or invalid, 1
otherwise, 2 on a usage or tool error. It is not part of the default test run (it takes tens of
minutes: every mutation runs its tests once).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TABLE = Path(__file__).resolve().with_name("mutations.toml")
#: fraction of mutations that must be caught for the run to pass
REQUIRED_FRACTION = 0.90
#: not copied: version control, caches, build artefacts and outputs (the compiled .so is kept)
IGNORE = shutil.ignore_patterns(
    ".git", "__pycache__", "build", "dist", "*.egg-info", ".pytest_cache", ".hypothesis", ".benchmarks",
    "aea_output", "*.c", "*.html", "*.png",
)
PYTEST = ["-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]


class ToolError(RuntimeError):
    """The mutation could not be applied or run as written (not a result about the tests)."""


@dataclass
class Mutation:
    name: str
    file: str
    old: str
    new: str
    tests: list[str]
    bug: str
    regex: bool = False
    count: int = 1
    origin: str = ""
    markers: str = ""
    echo: list[str] = field(default_factory=list)

    @classmethod
    def from_entry(cls, entry, index):
        missing = [key for key in ("name", "file", "old", "new", "tests", "bug") if key not in entry]
        if missing:
            raise ToolError(f"mutation #{index + 1} ({entry.get('name', '?')}) lacks {', '.join(missing)}")
        unknown = set(entry) - set(cls.__dataclass_fields__)
        if unknown:
            raise ToolError(f"mutation {entry['name']!r}: unknown keys {sorted(unknown)}")
        if not isinstance(entry["tests"], list) or not entry["tests"]:
            raise ToolError(f"mutation {entry['name']!r}: tests must be a non-empty list of pytest arguments")
        return cls(**entry)

    def apply(self, root: Path, write=True):
        """Apply the mutation to the copy at ``root``; ToolError if the old text is not there as stated."""
        path = root / self.file
        if not path.is_file():
            raise ToolError(f"{self.name}: file {self.file} does not exist")
        text = path.read_text()
        if self.regex:
            new_text, n = re.subn(self.old, self.new, text, flags=re.MULTILINE)
        else:
            n = text.count(self.old)
            new_text = text.replace(self.old, self.new)
        if n != self.count:
            raise ToolError(
                f"{self.name}: stale mutation: expected {self.count} occurrence(s) of {self.old!r} in "
                f"{self.file}, found {n}"
            )
        if new_text == text:
            raise ToolError(f"{self.name}: the replacement leaves {self.file} unchanged")
        if write:
            path.write_text(new_text)


@dataclass
class Result:
    mutation: Mutation
    status: str  # caught, not caught, stale, error, timeout, invalid
    catcher: str = ""
    seconds: float = 0.0
    detail: str = ""
    log: list[str] = field(default_factory=list)


def load(table: Path) -> list[Mutation]:
    with open(table, "rb") as f:
        data = tomllib.load(f)
    mutations = [Mutation.from_entry(entry, k) for k, entry in enumerate(data.get("mutation", []))]
    names = [m.name for m in mutations]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ToolError(f"duplicate mutation names: {sorted(duplicates)}")
    return mutations


def copy_tree(dest: Path) -> Path:
    """Copy the working tree (with the compiled core, without build artefacts) to ``dest``/repo."""
    repo = dest / "repo"
    shutil.copytree(ROOT, repo, ignore=IGNORE, symlinks=True)
    if not list((repo / "pybamm_aea").glob("_kernels*.so")):
        raise ToolError("the compiled core pybamm_aea/_kernels*.so is not built in the working tree "
                        "(pip install --no-build-isolation -e .)")
    return repo


def _env(repo: Path):
    env = dict(os.environ)
    # the copy first, also for subprocesses the tests start (python -m pybamm_aea, figure scripts)
    env["PYTHONPATH"] = os.pathsep.join([str(repo)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    env.pop("PYTEST_ADDOPTS", None)
    env.setdefault("MPLBACKEND", "Agg")
    return env


def rebuild(repo: Path, timeout):
    """Rebuild the compiled core in the copy (after a mutation of csrc/*.pyx)."""
    for so in (repo / "pybamm_aea").glob("_kernels*.so"):
        so.unlink()
    proc = subprocess.run([sys.executable, "setup.py", "-q", "build_ext", "--inplace"], cwd=repo, env=_env(repo),
                          capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0 or not list((repo / "pybamm_aea").glob("_kernels*.so")):
        raise ToolError(f"rebuilding the compiled core failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")


def check_imports_copy(repo: Path):
    """The package and its compiled core must be imported from the copy, not the working tree."""
    code = "import pybamm_aea, pybamm_aea._kernels as k; print(pybamm_aea.__file__); print(k.__file__)"
    proc = subprocess.run([sys.executable, "-c", code], cwd=repo, env=_env(repo), capture_output=True, text=True)
    if proc.returncode != 0:
        raise ToolError(f"importing pybamm_aea from the copy failed:\n{proc.stderr[-2000:]}")
    for line in proc.stdout.split():
        if not Path(line).resolve().is_relative_to(repo.resolve()):
            raise ToolError(f"the copy imports {line}, not its own package under {repo}")


#: a line of pytest's short test summary (-ra): "FAILED node id - message" (node ids may hold spaces;
#: one space after the word: a captured log record, "ERROR    pybamm.logger:...", is not a summary line)
_SUMMARY = re.compile(r"^(FAILED|ERROR) (\S.*?)(?: - .*)?$")


def run_tests(repo: Path, args, markers, timeout):
    """Run pytest on ``args`` in the copy. Return (returncode, first failing node id, output tail)."""
    cmd = [sys.executable, *PYTEST, *(["-m", markers] if markers else []), *args]
    proc = subprocess.run(cmd, cwd=repo, env=_env(repo), capture_output=True, text=True, timeout=timeout)
    out = proc.stdout + proc.stderr
    failing = ""
    for line in out.splitlines():
        m = _SUMMARY.match(line)
        if m:
            failing = m.group(2)
            break
    return proc.returncode, failing, out[-3000:]


def run_one(mutation: Mutation, timeout, keep=False, skip=()) -> Result:
    t0 = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix=f"mutation-{mutation.name}-"))
    try:
        repo = copy_tree(tmp)
        mutation.apply(repo)
        if mutation.file.endswith(".pyx"):
            rebuild(repo, timeout)
        check_imports_copy(repo)
        deselect = [a for node in [*mutation.echo, *skip] for a in ("--deselect", node)]
        code, failing, tail = run_tests(repo, [*mutation.tests, *deselect], mutation.markers, timeout)
        dt = time.perf_counter() - t0
        if code == 0:
            return Result(mutation, "not caught", seconds=dt)
        if code == 1 and failing:
            return Result(mutation, "caught", failing, dt)
        if code == 2 and failing:  # collection error or interrupted: still a failure the suite reports
            return Result(mutation, "caught", failing, dt, detail="collection error")
        if code == 5:
            raise ToolError(f"{mutation.name}: no tests collected by {mutation.tests}")
        return Result(mutation, "error", failing, dt, detail=f"pytest exit {code}:\n{tail}")
    except ToolError as err:
        return Result(mutation, "stale" if "stale" in str(err) else "error", seconds=time.perf_counter() - t0,
                      detail=str(err))
    except subprocess.TimeoutExpired:
        return Result(mutation, "timeout", seconds=time.perf_counter() - t0, detail=f"over {timeout} s")
    finally:
        if keep:
            print(f"  kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def failing_on_unmutated_code(test_args, timeout, what):
    """Node ids among ``test_args`` that fail on an unmutated copy (one pytest run, no -x).

    ``what`` names the run in the error raised when pytest itself fails (exit other than 0 or 1,
    or 1 with no failing test in its summary).
    """
    tmp = Path(tempfile.mkdtemp(prefix="mutation-baseline-"))
    try:
        repo = copy_tree(tmp)
        check_imports_copy(repo)
        cmd = [sys.executable, *[a for a in PYTEST if a != "-x"], *test_args]
        proc = subprocess.run(cmd, cwd=repo, env=_env(repo), capture_output=True, text=True, timeout=timeout)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    out = proc.stdout + proc.stderr
    failing = {m.group(2) for m in map(_SUMMARY.match, out.splitlines()) if m}
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and not failing):
        raise ToolError(f"{what} failed (exit {proc.returncode}):\n{out[-3000:]}")
    return failing


def baseline_failures(mutations, timeout):
    """Tests that already fail on the unmutated code, among the test files of ``mutations``.

    One run over the union of their test arguments. Each failing node id is then deselected for
    every mutation: with -x a test that fails anyway would stop the run and be reported as the
    catcher of every mutation that reaches it.
    """
    args = list(dict.fromkeys(a for m in mutations for a in m.tests))
    return sorted(failing_on_unmutated_code(args, timeout, "the baseline run of the tests"))


def verify_catchers(results, timeout):
    """Run the catching tests once, together, on an unmutated copy: one that fails there catches nothing."""
    nodes = sorted({r.catcher for r in results if r.status == "caught"})
    if not nodes:
        return {}
    failing = failing_on_unmutated_code(nodes, timeout, "running the catching tests on the unmutated code")
    verdict = {node: node not in failing for node in nodes}
    for node in sorted(failing):
        print(f"  baseline: {node} fails on the unmutated code", file=sys.stderr)
    for r in results:
        if r.status == "caught" and not verdict[r.catcher]:
            r.status, r.detail = "invalid", f"{r.catcher} also fails without the mutation"
    return verdict


def table(results, markdown=False):
    rows = [(r.mutation.name, r.mutation.file, r.status, r.catcher or "-", f"{r.seconds:.0f}") for r in results]
    head = ("mutation", "file", "result", "caught by", "time [s]")
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "| --- | --- | --- | --- | ---: |"]
        lines += ["| " + " | ".join(f"`{c}`" if k in (0, 3) and c != "-" else c for k, c in enumerate(row)) + " |"
                  for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*head), fmt.format(*("-" * w for w in widths))] + [fmt.format(*row) for row in rows])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--table", type=Path, default=DEFAULT_TABLE, help="TOML list of mutations "
                        "(default: benchmarks/mutations.toml)")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="run only this mutation (repeatable; comma-separated names allowed)")
    parser.add_argument("--list", action="store_true", help="list the mutations and exit")
    parser.add_argument("--check", action="store_true",
                        help="only check that every mutation still applies to the working tree (no tests run)")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per mutation's test run (default 1800)")
    parser.add_argument("--no-verify", action="store_true",
                        help="skip re-running the catching tests on the unmutated code")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the first run of all the tests on the unmutated code (whose failures are "
                             "otherwise deselected and reported)")
    parser.add_argument("--deselect", action="append", default=[], metavar="NODE",
                        help="deselect this test for every mutation (repeatable; with --no-baseline: a test "
                             "known to fail without any mutation)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies (paths on stderr)")
    parser.add_argument("--markdown", action="store_true", help="print the result table as Markdown")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results to FILE as JSON")
    args = parser.parse_args(argv)

    try:
        mutations = load(args.table)
    except (ToolError, tomllib.TOMLDecodeError, OSError) as err:
        parser.exit(2, f"mutation: {err}\n")
    if args.only:
        wanted = [n.strip() for item in args.only for n in item.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in {m.name for m in mutations}]
        if unknown:
            parser.exit(2, f"mutation: unknown mutation name(s) {unknown}; --list shows them\n")
        mutations = [m for m in mutations if m.name in wanted]
    if args.list:
        for m in mutations:
            print(f"{m.name:34s} {m.file}\n    {m.bug}\n    tests: {' '.join(m.tests)}"
                  + (f" -m {m.markers!r}" if m.markers else "")
                  + (f"\n    echo (deselected): {' '.join(m.echo)}" if m.echo else ""))
        print(f"{len(mutations)} mutations")
        return 0

    if args.check:
        stale = []
        for m in mutations:
            try:
                m.apply(ROOT, write=False)
            except ToolError as err:
                stale.append(m.name)
                print(err)
        print(f"{len(mutations) - len(stale)} of {len(mutations)} mutations apply" + (f"; stale: {stale}" if stale else ""))
        return 1 if stale else 0

    skip = list(args.deselect)
    if not args.no_baseline:
        print("baseline: running the mutations' tests on the unmutated code ...", end=" ", flush=True,
              file=sys.stderr)
        try:
            skip += baseline_failures(mutations, args.timeout)
        except (ToolError, subprocess.TimeoutExpired) as err:
            parser.exit(2, f"mutation: {err}\n")
        print(f"{len(skip)} failing" + "".join(f"\n  deselected (fails unmutated): {n}" for n in skip),
              file=sys.stderr)

    results = []
    for k, m in enumerate(mutations, 1):
        print(f"[{k}/{len(mutations)}] {m.name} ({m.file}) ...", end=" ", flush=True, file=sys.stderr)
        r = run_one(m, args.timeout, keep=args.keep, skip=skip)
        print(f"{r.status} {r.catcher} ({r.seconds:.0f} s)", file=sys.stderr)
        if r.detail and r.status not in ("caught", "not caught"):
            print("  " + r.detail.replace("\n", "\n  "), file=sys.stderr)
        results.append(r)
    if not args.no_verify:
        verify_catchers(results, args.timeout)

    print(table(results, markdown=args.markdown))
    if skip:
        print("\ntests failing without any mutation (deselected):" + "".join(f"\n  {n}" for n in skip))
    n = len(results)
    caught = sum(r.status == "caught" for r in results)
    broken = [r.mutation.name for r in results if r.status in ("stale", "error", "invalid")]
    fraction = caught / n if n else 0.0
    print(f"\n{caught} of {n} mutations caught ({100 * fraction:.0f} %; required {100 * REQUIRED_FRACTION:.0f} %)"
          + (f"; stale, erroneous or invalid: {', '.join(broken)}" if broken else ""))
    if args.json:
        args.json.write_text(json.dumps([
            {"name": r.mutation.name, "file": r.mutation.file, "bug": r.mutation.bug, "status": r.status,
             "caught_by": r.catcher, "seconds": round(r.seconds, 1), "detail": r.detail}
            for r in results], indent=1))
    return 0 if (n and fraction >= REQUIRED_FRACTION and not broken) else 1


if __name__ == "__main__":
    sys.exit(main())
