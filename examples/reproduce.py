"""Regenerate every figure of ``examples/`` into one folder (``pybamm-aea reproduce`` runs this).

Every ``*.py`` script of this folder with a ``main(outdir)`` function (all but this one and ``_*.py``) is imported
and its ``main(outdir)`` called, in file-name order, in this process (headless: the Agg backend). The figures of a
script are the PNG paths its ``main`` returns, or else the PNGs it wrote or rewrote in the folder. A script that
fails is reported with its error and the others still run. A script is "slow" when it sets ``SLOW = True`` at
module level or is listed in :data:`SLOW_SCRIPTS`; ``fast=True`` (``--fast``) skips the slow ones. A script writes
``<its name>.png``, or the file names of its module-level ``OUTPUTS = (...)`` (:func:`outputs`).

Usage: ``python examples/reproduce.py [OUTDIR] [--fast] [--only NAME ...]`` (default OUTDIR
``examples/figures/``). Exit status 1 if any script failed.
"""
import argparse
import ast
import importlib.util
from pathlib import Path
import re
import sys
import time
import traceback

import matplotlib

matplotlib.use("Agg")

from pybamm_aea import figures  # noqa: E402

EXAMPLES_DIR = Path(__file__).resolve().parent
#: scripts known to be slow that do not (yet) say so themselves (file names); add a script here or give it
#: ``SLOW = True`` when it takes more than ~10 s
SLOW_SCRIPTS = {"cycle_life_summary.py"}
_SLOW_RE = re.compile(r"^SLOW\s*=\s*True\b", re.MULTILINE)
_MAIN_RE = re.compile(r"^def main\(", re.MULTILINE)


def discover(examples_dir=EXAMPLES_DIR):
    """The figure scripts of a folder: list of ``(path, slow)`` in file-name order (no import needed)."""
    out = []
    for path in sorted(Path(examples_dir).glob("*.py")):
        if path.name.startswith("_") or path.name == Path(__file__).name:
            continue
        text = path.read_text()
        if not _MAIN_RE.search(text):
            continue
        out.append((path, bool(_SLOW_RE.search(text)) or path.name in SLOW_SCRIPTS))
    return out


def outputs(path):
    """The file names the script ``path`` writes into the folder: its module-level ``OUTPUTS`` tuple of names
    (read without importing it), else ``("<script name>.png",)``."""
    path = Path(path)
    try:  # (a script that does not parse is run, and reported failing, as any other failing script)
        body = ast.parse(path.read_text()).body
    except SyntaxError:
        body = []
    for node in body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "OUTPUTS" for t in node.targets):
            return tuple(ast.literal_eval(node.value))
    return (f"{path.stem}.png",)


def _load(path):
    spec = importlib.util.spec_from_file_location(f"_example_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pngs(outdir):
    return {p: p.stat().st_mtime_ns for p in Path(outdir).glob("*.png")}


def _written(returned, before, outdir):
    """The PNGs a script wrote: the paths its main() returned, or else the PNGs new or changed in ``outdir``."""
    if isinstance(returned, (list, tuple)) and returned and all(
            isinstance(p, (str, Path)) and Path(p).suffix == ".png" and Path(p).is_file() for p in returned):
        return [Path(p) for p in returned]
    after = _pngs(outdir)
    return sorted(p for p, t in after.items() if before.get(p) != t)


def selected(name, only):
    """True if the script ``name`` is run under ``only`` (None or empty: every script; else the names containing
    one of its strings)."""
    return not only or any(s in name for s in only)


def run_all(outdir=None, fast=False, only=None, examples_dir=EXAMPLES_DIR, stream=sys.stdout):
    """Run the figure scripts into ``outdir``.

    Parameters
    ----------
    outdir : str or Path, optional
        Folder for the PNGs (created); default ``examples/figures/``.
    fast : bool
        Skip the slow scripts.
    only : list of str, optional
        Run only the scripts whose file name contains one of these strings.
    examples_dir : Path
        Folder of the scripts.
    stream : file
        Where the progress lines go.

    Returns
    -------
    list of dict
        One per script: ``script``, ``slow``, ``skipped``, ``seconds``, ``paths`` (PNG paths), ``error`` (None or
        the traceback's last line).
    """
    outdir = figures.output_dir(outdir, __file__)
    import matplotlib.pyplot as plt

    results = []
    for path, slow in discover(examples_dir):
        rec = {"script": path.name, "slow": slow, "skipped": False, "seconds": 0.0, "paths": [], "error": None}
        if not selected(path.name, only):
            continue
        if fast and slow:
            rec["skipped"] = True
            results.append(rec)
            print(f"  skip  {path.name} (slow)", file=stream)
            continue
        t0 = time.perf_counter()
        before = _pngs(outdir)
        try:
            returned = _load(path).main(outdir)
            rec["paths"] = _written(returned, before, outdir)
        except Exception as exc:  # report and go on with the others
            rec["error"] = f"{type(exc).__name__}: {exc}"
            traceback.print_exc(file=sys.stderr)
        finally:
            plt.close("all")
        rec["seconds"] = time.perf_counter() - t0
        status = "FAIL" if rec["error"] else "ok"
        detail = rec["error"] or ", ".join(p.name for p in rec["paths"])
        print(f"  {status:<5} {path.name:<38} {rec['seconds']:6.1f} s  {detail}", file=stream)
        results.append(rec)
    n_ok = sum(1 for r in results if not r["error"] and not r["skipped"])
    n_fail = sum(1 for r in results if r["error"])
    n_skip = sum(1 for r in results if r["skipped"])
    print(f"{n_ok} scripts ok, {n_fail} failed, {n_skip} skipped; figures in {outdir}", file=stream)
    return results


def main(outdir=None, fast=False):
    """Run every figure script into ``outdir``; return the PNG paths written (the reproduce.py of main(outdir))."""
    return [p for r in run_all(outdir, fast=fast) for p in r["paths"]]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Regenerate every figure of examples/ into a folder.")
    parser.add_argument("outdir", nargs="?", default=None, help="output folder (default examples/figures/)")
    parser.add_argument("--fast", action="store_true", help="skip the slow scripts")
    parser.add_argument("--only", action="append", default=None, metavar="NAME",
                        help="run only scripts whose file name contains NAME (repeatable)")
    args = parser.parse_args()
    results = run_all(args.outdir, fast=args.fast, only=args.only)
    sys.exit(1 if any(r["error"] for r in results) else 0)
