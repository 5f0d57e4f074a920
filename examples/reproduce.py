"""Regenerate every figure of ``examples/`` into one folder (``pybamm-aea reproduce`` runs this).

Every ``*.py`` script of this folder with a ``main(outdir)`` function (all but this one and ``_*.py``) is imported
and its ``main(outdir)`` called, in file-name order, in this process (headless: the Agg backend). A script writes
the file names of its module-level ``OUTPUTS = (...)``, else the ``"*.png"``/``"*.csv"`` names written as string
literals in it, else ``<its name>.png`` (:func:`outputs`); a file it writes into the folder that is not among them
is its error. A script that fails is reported with its error and the others still run. A script is "slow" when it
sets ``SLOW = True`` at module level or is listed in :data:`SLOW_SCRIPTS`; ``fast=True`` (``--fast``) skips the
slow ones.

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


#: a file name a script writes, as a string literal of its source: ``"fig2a_conductivity.png"``
_FILE_NAME_RE = re.compile(r"[\w.-]+\.(?:png|csv)")


class OutputsError(ValueError):
    """A script's ``OUTPUTS`` is not a literal tuple of file names (its files are not known before it runs)."""


def _tree(path):
    """The syntax tree of the script ``path``, or None if it does not parse (it is run, and reported failing, as any
    other failing script)."""
    try:
        return ast.parse(Path(path).read_text())
    except SyntaxError:
        return None


def _literals(tree):
    """The PNG/CSV file names written as string literals in ``tree`` (an f-string's parts are not names), in order."""
    if tree is None:
        return ()
    parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    names = [Path(n.value).name for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
             and id(n) not in parts and _FILE_NAME_RE.fullmatch(Path(n.value).name)]
    return tuple(dict.fromkeys(names))


def file_literals(path):
    """The PNG/CSV file names written as string literals in the script ``path``, in order of appearance; () for a
    script that does not parse."""
    return _literals(_tree(path))


def outputs(path):
    """The file names the script ``path`` writes into the folder, read without importing it: its module-level
    ``OUTPUTS`` tuple of names, else its :func:`file_literals`, else ``("<script name>.png",)``.
    OutputsError if ``OUTPUTS`` is not a literal tuple (or list) of names."""
    path = Path(path)
    tree = _tree(path)
    for node in tree.body if tree is not None else ():
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "OUTPUTS" for t in node.targets):
            try:
                names = ast.literal_eval(node.value)
            except ValueError:
                names = None
            if not (isinstance(names, (tuple, list)) and names and all(isinstance(n, str) for n in names)):
                raise OutputsError(f"{path.name}: OUTPUTS = {ast.unparse(node.value)} is not a literal tuple of the "
                                   "file names it writes (e.g. OUTPUTS = ('a.png', 'a.csv')): its files are not known "
                                   "before it runs, so it is not run")
            return tuple(names)
    return _literals(tree) or (f"{path.stem}.png",)


def _load(path):
    spec = importlib.util.spec_from_file_location(f"_example_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _files(outdir):
    return {p: p.stat().st_mtime_ns for p in Path(outdir).iterdir() if p.is_file()}


def _changed(before, outdir):
    """The files new or changed in ``outdir`` since ``before`` (:func:`_files`)."""
    return sorted(p for p, t in _files(outdir).items() if before.get(p) != t)


def _written(returned, changed):
    """The PNGs a script wrote: the paths its main() returned, or else the PNGs among ``changed``."""
    if isinstance(returned, (list, tuple)) and returned and all(
            isinstance(p, (str, Path)) and Path(p).suffix == ".png" and Path(p).is_file() for p in returned):
        return [Path(p) for p in returned]
    return [p for p in changed if p.suffix == ".png"]


def _undeclared(declared, changed):
    """The error of a script that wrote files into the folder not among ``declared``, its :func:`outputs`
    (pybamm-aea reproduce checked only those against a user's files: another was overwritten unasked), or None."""
    stray = [p.name for p in changed if p.name not in declared]
    if not stray:
        return None
    return (f"wrote {', '.join(stray)}, not among the files it declares ({', '.join(declared)}): name each "
            "file it writes in OUTPUTS = (...) or as a string literal")


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
        One per script: ``script``, ``slow``, ``skipped``, ``seconds``, ``paths`` (PNG paths), ``outputs`` (the
        file names it declares, :func:`outputs`), ``error`` (None or the traceback's last line).
    """
    outdir = figures.output_dir(outdir, __file__)
    import matplotlib.pyplot as plt

    results = []
    for path, slow in discover(examples_dir):
        rec = {"script": path.name, "slow": slow, "skipped": False, "seconds": 0.0, "paths": [], "outputs": (),
               "error": None}
        if not selected(path.name, only):
            continue
        if fast and slow:
            rec["skipped"] = True
            results.append(rec)
            print(f"  skip  {path.name} (slow)", file=stream)
            continue
        t0 = time.perf_counter()
        before = _files(outdir)
        try:
            rec["outputs"] = outputs(path)
        except OutputsError as exc:  # (not run: its files could not be checked against a user's)
            rec["error"] = f"{type(exc).__name__}: {exc}"
        else:
            try:
                returned = _load(path).main(outdir)
                changed = _changed(before, outdir)
                rec["paths"] = _written(returned, changed)
                rec["error"] = _undeclared(rec["outputs"], changed)
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
