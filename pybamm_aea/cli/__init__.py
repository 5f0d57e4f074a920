"""Command line of pybamm-aea: ``pybamm-aea`` / ``python -m pybamm_aea``, a thin shell over the library.

The parser here knows nothing of what the commands do: each subcommand is a module with ``register(subparsers)``
that adds its parser and binds its ``run(args)`` with ``set_defaults(func=..., parser=...)``; the main job
(no subcommand) is :mod:`.compare`, whose arguments sit on the top-level parser.

- (none)      the built-in comparison (:mod:`pybamm_aea.studies.comparison`)
- ``energy``    composition + porosity (or stack pressure) -> theoretical energy table
- ``simulate``  a parameter set + PyBaMM experiment strings -> time series (CSV or Parquet), step table, plot
- ``reproduce`` every figure script of ``examples/`` into a folder
- ``sweep``     a design grid through :func:`pybamm_aea.sweep.sweep` (local processes or Dask)
- ``screen``    materials x C-rates x loadings through :func:`pybamm_aea.screen` (AEA suitability)

Every argument is explained, with its unit, by ``--help`` at each level. A new subcommand is a module here with
``register`` and ``run``, added to :data:`SUBCOMMANDS`.
"""
import argparse
import contextlib
import os
import sys
import warnings

from . import _args, compare, energy, reproduce, screen, simulate, sweep
from ._args import Formatter, describe, parse_composition, parse_grid_entry

__all__ = ["SUBCOMMANDS", "build_parser", "build_parsers", "main", "parse_composition", "parse_grid_entry"]

#: subcommand modules, in the order ``--help`` lists them
SUBCOMMANDS = (energy, simulate, reproduce, sweep, screen)


class _TopParser(argparse.ArgumentParser):
    """The top-level parser, its subcommands' too (argparse builds them of its class): an unknown subcommand's error
    also says where the comparison is (``pybamm-aea compare`` said only "invalid choice: 'compare' (choose from
    'energy', ...)"); ``required_ones``: the required arguments and exclusive groups it and its groups made, from what
    argparse's public ``add_argument``, ``add_mutually_exclusive_group`` and ``add_argument_group`` return
    (:func:`_nothing_required`), required again in its error's usage (session 57: ``energy --porosity`` was
    said under "[--porosity FRACTION | --pressure MPA]", ``sweep --grid x`` under "[--grid ...]", both required)."""

    def __init__(self, *args, **kwargs):
        self.required_ones = []
        super().__init__(*args, **kwargs)

    def error(self, message):
        for one in self.required_ones:  # (required again: an error of the first parse is said under the real usage)
            one.required = True
        if message.startswith("argument SUBCOMMAND: invalid choice"):
            message += ("; the built-in comparison is pybamm-aea without a subcommand (its options: pybamm-aea "
                        "--help)")
        super().error(message)

    def add_argument(self, *args, **kwargs):
        return _recorded(self, super().add_argument(*args, **kwargs))

    def add_mutually_exclusive_group(self, **kwargs):
        return _recorded(self, super().add_mutually_exclusive_group(**kwargs))

    def add_argument_group(self, *args, **kwargs):
        group = super().add_argument_group(*args, **kwargs)
        add, exclusive = group.add_argument, group.add_mutually_exclusive_group  # (a group adds to the parser's own)
        group.add_argument = lambda *a, **k: _recorded(self, add(*a, **k))
        group.add_mutually_exclusive_group = lambda **k: _recorded(self, exclusive(**k))
        return group


def _recorded(parser, added):
    """``added`` (an argparse action or exclusive group ``parser`` or one of its groups made), kept in
    ``parser.required_ones`` if it is required (a positional is unless its nargs is '?' or '*'); returned."""
    if added.required:
        parser.required_ones.append(added)
    return added


@contextlib.contextmanager
def _nothing_required(parsers):
    """The ``parsers`` (:class:`_TopParser`) with none of their arguments or exclusive groups required, positionals
    too, within the block: for a first parse that names an unknown argument before a missing required one
    (:func:`main`); as built after it."""
    ones = [one for p in parsers for one in p.required_ones]
    for one in ones:
        one.required = False
    try:
        yield
    finally:
        for one in ones:
            one.required = True


def build_parsers():
    """The ``pybamm-aea`` parser and ``{subcommand name: its parser}``."""
    parser = _TopParser(
        prog="pybamm-aea",
        formatter_class=Formatter,
        description=describe(
            "PyBaMM plugin for all-electrochem-active (AEA) all-solid-state Li cells (Li et al., Adv. Mater. 2021, "
            "33, 2008723).", compare.description()),
        epilog="Run 'pybamm-aea SUBCOMMAND --help' for the arguments of each subcommand.",
    )
    compare.configure(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", title="subcommands")
    return parser, {p.prog.split()[-1]: p for p in (module.register(subparsers) for module in SUBCOMMANDS)}


def build_parser():
    """The ``pybamm-aea`` argument parser."""
    return build_parsers()[0]


def main(argv=None):
    """Entry point of ``pybamm-aea`` and ``python -m pybamm_aea``; returns the exit status: 1 with one line on stderr
    naming it and where it was raised (file:line) for a warning raised as an error (``python -W error``, a warnings
    filter "error"), which ended in a bare traceback (session 51: ``python -W error -m pybamm_aea simulate --option
    'Li trapping=irreversible'``). ``sweep`` does not end there: it records a point's warnings in its row's
    ``warnings`` column (and says them on stderr), ``-W error`` or not, and goes on (exit 0)."""
    parser, commands = build_parsers()
    argv = sys.argv[1:] if argv is None else list(argv)
    prog = parser.prog  # (the subcommand's once it is parsed: "pybamm-aea simulate")
    try:
        # unknown arguments first, a missing required one after (the rule of all): ``energy --bogus`` said "one of the
        # arguments --porosity --pressure is required" and ``sweep --bogus`` "--grid is required" (argparse checks
        # them first), where ``screen --bogus`` (nothing required) named --bogus; so a first parse requires nothing
        with _nothing_required([parser, *commands.values()]):
            args, unknown = parser.parse_known_args(argv)
        command = parser if args.command is None else commands[args.command]
        prog = command.prog
        if not unknown:
            args, unknown = parser.parse_known_args(argv)
        if unknown:  # under the usage of the command they were given to (a subcommand's were under the top level's)
            after = args.command is not None and unknown[0] in argv[argv.index(args.command) + 1:]
            raise _args.error(command if after else parser, f"unrecognized arguments: {' '.join(unknown)}")
        with _warnings_located():
            return _run(parser, argv, args)
    except Warning as exc:  # a warning raised as an exception: said as the command's other errors are, in one line
        print(f"{prog}: error: {type(exc).__name__} raised as an error (python -W error or a warnings filter) at "
              f"{_raised_at(exc)}: {exc}", file=sys.stderr)
        return 1


#: the attribute of a warning raised as an error that holds the file:line its stacklevel points at
_RAISED_AT = "_pybamm_aea_raised_at"


@contextlib.contextmanager
def _warnings_located():
    """``warnings.warn`` wrapped while a command runs, so that a warning raised as an error keeps the ``file:line`` its
    ``stacklevel`` points at: the place Python's own warning line names (``python -W default``), usually the user's
    call or the package's public function, not the ``warnings.warn`` line inside it (session 52: energy --pressure 500
    named compaction.py's warn, where ``-W default`` names the CLI's call of ``porosity``). Filters, category and
    stacklevel are the caller's; a warning issued otherwise (C code's, a module's ``from warnings import warn``) is
    located by its traceback (:func:`_raised_at`). The ``warnings.warn`` line is said too where it differs (a package
    warning whose stacklevel points past the package, at the CLI's ``<frozen runpy>:88``, keeps its origin)."""
    warn = warnings.warn

    def located(message, category=None, stacklevel=1, source=None, **kwargs):
        try:
            return warn(message, category, max(stacklevel, 1) + 1, source, **kwargs)  # (+1: this frame)
        except Warning as exc:
            frame = sys._getframe(1)  # the caller's; then stacklevel - 1 up, importlib's frames skipped, as Python's
            caller = f"{frame.f_code.co_filename}:{frame.f_lineno}"
            for _ in range(stacklevel - 1):
                frame = frame.f_back
                while frame is not None and "importlib" in frame.f_code.co_filename \
                        and "_bootstrap" in frame.f_code.co_filename:
                    frame = frame.f_back
                if frame is None:
                    break
            where = "sys:1" if frame is None else f"{frame.f_code.co_filename}:{frame.f_lineno}"  # (Python's too)
            setattr(exc, _RAISED_AT, where if where == caller else f"{where} (its warnings.warn at {caller})")
            raise

    warnings.warn = located
    try:
        yield
    finally:
        warnings.warn = warn


def _raised_at(exc):
    """``file:line`` the warning ``exc`` raised as an error is said at: the frame its stacklevel points at, as Python's
    warning line (:func:`_warnings_located`), else the frame that called ``warnings.warn``, the last of its traceback
    outside the warnings module (the C ``warn`` adds no frame, the pure-Python one does), so that a deprecation's
    origin can be found (it was lost under ``-W error``, session 51); "an unknown place" without one."""
    if getattr(exc, _RAISED_AT, None):
        return getattr(exc, _RAISED_AT)
    where, tb = "an unknown place", exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if os.path.basename(code.co_filename) != "warnings.py":
            where = f"{code.co_filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def _run(parser, argv, args):
    """Run the parsed command."""
    if args.command is not None:
        # the top-level options are the main job's: before a subcommand they would be parsed and then ignored
        # (argparse lets the subcommand's defaults win)
        before = [t.partition("=")[0] for t in argv[:argv.index(args.command)] if t.startswith("-")]
        if before:
            raise _args.error(parser, f"argument {before[0]}: an option of the main job (no subcommand), given before "
                                      f"'{args.command}'; give the subcommand's options after its name")
    return args.func(args)
