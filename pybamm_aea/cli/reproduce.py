"""``pybamm-aea reproduce``: every figure script of ``examples/`` into a folder."""
import importlib.util
import os
from pathlib import Path

from . import _args


def register(subparsers):
    p = _args.add_parser(
        subparsers, "reproduce", "regenerate every figure of the paper into a folder",
        "Run every figure script of examples/ (each has main(outdir)) and write its PNGs into OUT; a script "
        "that fails is reported and the others still run. Exit status 1 if any failed.",
    )
    p.add_argument("--out", default=os.path.join(_args.DEFAULT_OUT, "figures"), metavar="DIR",
                   help="folder for the figures (created if missing) (default: %(default)s)")
    p.add_argument("--fast", action="store_true", help="skip the slow scripts (those with SLOW = True)")
    p.add_argument("--only", action="append", default=None, metavar="NAME",
                   help="run only the scripts whose file name contains NAME (repeatable), e.g. fig3")
    p.add_argument("--examples", default=None, metavar="DIR",
                   help="folder of the figure scripts (default: the installed ones, pybamm_aea.examples)")
    p.add_argument("--force", action="store_true",
                   help="replace files of the names the scripts write (e.g. fig2a_conductivity.png) that pybamm-aea "
                        "did not write in --out, or that were edited since (its own figures and tables of an earlier "
                        "run are replaced without it; other files there are never touched)")
    p.set_defaults(func=run, parser=p)
    return p


def find_examples(explicit=None):
    """The folder of figure scripts holding reproduce.py: ``explicit``, else the installed package's.

    The scripts of ``examples/`` are installed as the subpackage ``pybamm_aea.examples`` (an
    editable install maps it to the checkout's ``examples/``), so the command runs the same scripts
    from any directory, from a wheel as from a checkout.
    """
    if explicit:
        candidates = [Path(explicit)]
    else:
        spec = importlib.util.find_spec("pybamm_aea.examples")
        candidates = [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
    return next((c for c in candidates if (c / "reproduce.py").is_file()), None)


def _load_reproduce(examples_dir):
    spec = importlib.util.spec_from_file_location("_pybamm_aea_reproduce", examples_dir / "reproduce.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _outputs(reproduce, path):
    """The files the script ``path`` writes (``reproduce.outputs``); none for a script whose OUTPUTS cannot be read
    (run_all reports it failing, not running it)."""
    try:
        return reproduce.outputs(path)
    except reproduce.OutputsError:
        return ()


def _scripts_said(args):
    """Which figure scripts, as the user gave them: "in --examples DIR" as typed, else "of the installed ones
    (pybamm_aea.examples)", the default of --examples. Until session 60 'reproduce --only nope' named the folder the
    installed package resolved to ("no script in '/work/main/examples'"), a path of the machine, not one typed."""
    return f"in --examples {args.examples!r}" if args.examples else "of the installed ones (pybamm_aea.examples)"


def run(args):
    examples = find_examples(args.examples)
    if examples is None:
        where = "in " + args.examples if args.examples else "installed as pybamm_aea.examples"
        raise _args.error(args.parser, "argument --examples: no examples/ folder with reproduce.py found "
                                       f"({where}); "
                                       "reinstall the package or pass --examples DIR")
    reproduce = _load_reproduce(examples)
    scripts = reproduce.discover(examples)
    names = [path.name for path, _ in scripts]
    for part in args.only or ():
        if not any(reproduce.selected(name, [part]) for name in names):
            raise _args.error(args.parser, f"argument --only: no script {_scripts_said(args)} has {part!r} in its "
                                           f"name; the scripts: {', '.join(Path(n).stem for n in names) or 'none'}")
    chosen = [(path, slow) for path, slow in scripts if reproduce.selected(path.name, args.only)]
    if args.fast and args.only and all(slow for _, slow in chosen):  # nothing would run: "0 scripts ok", exit 0
        raise _args.error(args.parser, f"argument --fast: it skips every script --only selects "
                                       f"({', '.join(p.name for p, _ in chosen)}: "
                                       "SLOW = True); drop --fast to run them")
    _args.check_out_dir(args.parser, args.out)
    # only the files the chosen scripts write (fig_s2's table too): a user's other files there stay, unread
    writes = [name for path, slow in chosen if not (args.fast and slow) for name in _outputs(reproduce, path)]
    _args.check_out_files(args.parser, args.out, writes, args.force)
    results = reproduce.run_all(args.out, fast=args.fast, only=args.only, examples_dir=examples)
    from pybamm_aea.user_input import record_written

    # every file a script that ran declares, its tables too (the run's "paths" are its PNGs): unrecorded, a CSV of
    # its OUTPUTS refused the next run into the same --out ('holds fig_s2_aea_screen.csv, not written by pybamm-aea')
    declared = [Path(args.out) / name for r in results if not r["error"] and not r["skipped"] for name in r["outputs"]]
    record_written(dict.fromkeys([*(p for r in results for p in r["paths"]), *(p for p in declared if p.is_file())]))
    return 1 if any(r["error"] for r in results) else 0
