"""Argument types and help formatting shared by the subcommands: each checks one value and names it on error."""
from __future__ import annotations

import argparse
from dataclasses import replace
import importlib.util
import math
from pathlib import Path
import shlex
import sys
import textwrap

from pybamm_aea import aea_mesh_cells
from pybamm_aea.aea_option_values import POSSIBLE

#: default output folder of the command line
DEFAULT_OUT = "aea_output"


def error(parser, message):
    """``parser.error(message)`` (usage and message on stderr, exit status 2) as an exception to raise: a caller
    writes ``raise error(parser, ...)``, the end of its path even under a ``parser.error`` that returns."""
    parser.error(message)
    return SystemExit(2)


def option_refusal(exc, typed, argument, typed_names=(), grid=None):
    """The words of the model's refused option ``exc`` (:class:`pybamm_aea.models.aea.AEAOptionError`) as the command
    line's user writes it: ``typed(option, value)`` is how the command writes an option's setting (screen's
    "--hysteresis none", simulate's and sweep's "--option hysteresis=none"), ``argument`` the argument the error
    names; with the settings allowed, and those that would take it. Until session 59 'pybamm-aea screen --hysteresis
    none' said "Option 'hysteresis': ...", the model's name, not the flag typed, and no allowed value. An option that
    refuses it is "(the default)" only if not in ``typed_names`` (the options the user gave); one swept (``grid``:
    name -> the values --grid gives it) is said as the grid's point, its way out the grid without that value (until
    review R43 "--grid 'host thermodynamics=multi-phase' (the default) ... or give --grid 'host thermodynamics=lever
    rule'" of a grid that gave both). A refused value the grid sweeps is said with the grid without it ("drop none from
    --grid hysteresis=one-state,none"; until session 59 SJ "allowed with it: --grid hysteresis=one-state", given)."""
    said = typed(exc.option, exc.value)
    if not exc.given:  # (a value the option does not have: the model's words, with its did-you-mean)
        return f"argument {argument}: {said}: {exc}"
    grid = {k: [str(v) for v in vals] for k, vals in (grid or {}).items()}

    def swept(k, values):
        return "--grid " + shlex.quote(f"{k}={','.join(values)}")

    def setting(k, v):
        if k in grid and len(grid[k]) > 1:
            return f"{swept(k, grid[k])} at its point {shlex.quote(f'{k}={v}')}"
        return typed(k, v) + (" (the default)" if POSSIBLE[k][0] == v and k not in typed_names and k not in grid
                              else "")

    def way_out(k, v):
        if k not in grid:
            return f"give {typed(k, v)}"
        rest = [value for value in grid[k] if value != exc.given.get(k)]
        if v in rest:
            return f"drop {exc.given[k]} from {swept(k, grid[k])} ({swept(k, rest)})"
        return f"give {swept(k, rest + [v])}"

    given = " ".join(setting(k, v) for k, v in exc.given.items())
    text = f"argument {argument}: {said} with {given}: {exc.reason}; "
    values = grid.get(exc.option, [])
    if len(values) > 1:  # (a swept value refused: the grid without it; "allowed with it" named a value it gives)
        rest = [v for v in values if v != exc.value]
        extra = [v for v in exc.allowed if v not in rest]
        text += (f"allowed with it: {', '.join(typed(exc.option, v) for v in extra)}; or " if extra else "") + \
            f"drop {exc.value} from {swept(exc.option, values)} ({swept(exc.option, rest)})"
    else:
        text += "allowed with it: " + ", ".join(typed(exc.option, v) for v in exc.allowed)
    return text + "".join(f"; or {way_out(k, v)} to keep {said}" for k, v in exc.needs.items())


def typed_option(name, value):
    """The model's option ``name`` set to ``value`` as ``--option`` writes it: "--option 'hysteresis=none'"."""
    import shlex

    return f"--option {shlex.quote(f'{name}={value}')}"


#: help formatting of every parser: the description's layout kept; an argument's default is in its help text, as
#: "(default: %(default)s)" (argparse's public format specifier), where it is worth showing (session 57: an override
#: of argparse's protected ``_get_help_string`` added it by a rule)
Formatter = argparse.RawDescriptionHelpFormatter


def count(n, noun):
    """``n`` and ``noun``, plural unless ``n`` is 1: "1 step", "2 steps" (the summaries said "1 steps")."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def describe(*paragraphs):
    """Description text: prose paragraphs wrapped at 100 columns; lines starting with two spaces kept verbatim."""
    out = []
    for para in paragraphs:
        out.append(para if para.startswith("  ") or "\n  " in para else textwrap.fill(para, 100))
    return "\n\n".join(out)


def add_parser(subparsers, name, summary, *description):
    """A subcommand's parser: ``summary`` in the top-level help, ``description`` paragraphs (:func:`describe`) in
    its own."""
    return subparsers.add_parser(name, formatter_class=Formatter, help=summary, description=describe(*description))


def float_in(name, low=None, high=None, low_open=False, high_open=False, rng=None):
    """Type: a finite float within [low, high] (open ends on request; ``high`` may be a function giving it when an
    argument is parsed, as in :func:`int_at_least`); the error names ``name``. ``rng``: the name of a
    :class:`pybamm_aea.ranges.Range` there giving the bounds instead (read when an argument is parsed: the parser
    imports no numpy), whose unit slip the error says as the package's checks do (``energy --porosity 8.2`` said
    "must be < 1, got 8.2" without "did you give %? 8.2 % = 0.082"); ``low_open``/``high_open`` still open its ends
    (``energy --voltage``: above 0 V in :data:`~pybamm_aea.ranges.VOLTAGE_VS_LI`'s [0, 6] V). The error's words are
    :meth:`pybamm_aea.ranges.Range.refusal`'s, the Python API's (``energy.porosity('S-LMS', 5000)``)."""
    def convert(text):
        from pybamm_aea.ranges import Range

        most = high() if callable(high) else high
        if rng is None:
            bounds = Range(low, most, low_open, high_open)
        else:
            from pybamm_aea import ranges

            bounds = getattr(ranges, rng)  # (an end open here or in the range is open)
            bounds = replace(bounds, low_open=low_open or bounds.low_open, high_open=high_open or bounds.high_open)
        try:
            v = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a number, got {text!r}") from None
        if not math.isfinite(v):
            raise argparse.ArgumentTypeError(f"{name} must be finite, got {text!r}")
        if not bounds.contains(v):
            raise argparse.ArgumentTypeError(bounds.refusal(name, v, text))
        return v

    return convert


def in_physical_range(name, parameter):
    """Type: a finite number within ``parameter``'s physical range (:data:`pybamm_aea.models.checks.RANGES`);
    the error names ``name``."""
    number = float_in(name)

    def convert(text):
        from pybamm_aea.models.checks import check_value

        v = number(text)
        try:
            check_value(parameter, v)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
        return v

    return convert


def compaction_set(text):
    """Type of --compaction: the compaction data set ``text`` names, read as :func:`pybamm_aea.energy.compaction_data`
    reads it (case, spaces, '-' and '_' ignored; its aliases); the error names it, the sets and the close names."""
    from pybamm_aea.energy.compaction import compaction_set_name

    try:
        return compaction_set_name(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def compaction_help(what):
    """The help of a --compaction: ``what``, then the data sets and how they are read."""
    from pybamm_aea import compaction_data_sets

    return (f"{what}: {', '.join(compaction_data_sets.NAMES)} (case, spaces, '-' and '_' ignored, as "
            "pybamm_aea.energy.compaction_data reads them)")


def int_at_least(name, low):
    """Type: an integer >= low (a number, or a function giving it when an argument is parsed, so that building
    the parser imports nothing heavy); the error names ``name``."""
    def convert(text):
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be an integer, got {text!r}") from None
        least = low() if callable(low) else low
        if v < least:
            raise argparse.ArgumentTypeError(f"{name} must be >= {least}, got {v}")
        return v

    return convert


def _min_cathode_cells():
    from pybamm_aea.models.aea import MIN_CATHODE_CELLS

    return MIN_CATHODE_CELLS


def add_cathode_cells(parser):
    """``--cathode-cells N``: the finite-volume cells across the AEA cathode (the model's mesh by default); returns
    the argparse action."""
    return parser.add_argument("--cathode-cells", type=int_at_least("--cathode-cells", _min_cathode_cells),
                               default=None, metavar="N",
                               help="finite-volume cells across the AEA cathode (default: the model's, "
                                    f"{aea_mesh_cells.MULTI_PHASE_POINTS} on the multi-phase host, "
                                    f"{aea_mesh_cells.LEVER_RULE_POINTS} on the lever rule)")


def add_no_progress(parser):
    """``--no-progress``: no progress bar on stderr (one is shown when stderr is a terminal:
    :func:`pybamm_aea.progress.progress_bar`); returns the argparse action."""
    return parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def progress_shown(args):
    """What a command's bar is given as its ``show`` (:func:`pybamm_aea.progress.progress_bar`): False with
    ``--no-progress``, else None, shown only when stderr is a terminal; the one rule of simulate, sweep, screen and the
    comparison (the comparison's and the sweep's bars were drawn into a file or pipe too, session 53)."""
    return False if args.no_progress else None


def say_warnings(prog, caught, words=None):
    """The warnings ``caught`` (``warnings.catch_warnings(record=True)``'s list) on stderr as the command's own lines,
    each text once: "pybamm-aea screen: warning: MeshDependentNucleationWarning: ..." (Python's own showed the
    package's path and source line, "/.../cli/screen.py:110: ... df = pybamm_aea.screen(materials, ...").
    ``words``: a function giving a warning's text after "warning: " where the command says it its own way (None: the
    category and message). The one wording of the command line's warnings (screen, simulate, energy)."""
    said = []
    for w in caught:
        text = None if words is None else words(w)
        line = f"{prog}: warning: {w.category.__name__}: {w.message}" if text is None else f"{prog}: warning: {text}"
        if line not in said:
            said.append(line)
            print(line, file=sys.stderr)


def number_or_text(text):
    """A float if the text is one, else the stripped text."""
    text = text.strip()
    try:
        return float(text)
    except ValueError:
        return text


def comma_items(text, where):
    """The items of the comma-separated list ``text``, stripped; ArgumentTypeError naming ``where`` (the argument's
    text as written) and the item's place if one is empty: "0.1,,0.2" or a trailing comma was read as "0.1,0.2"
    without a word. An empty ``text`` is no item (the caller says what it needs)."""
    if not text.strip():
        return []
    items = [p.strip() for p in text.split(",")]
    empty = [k for k, item in enumerate(items, 1) if not item]
    if empty:
        raise argparse.ArgumentTypeError(f"{where}: item {empty[0]} of {len(items)} is empty: one value between each "
                                         "two commas, none before the first or after the last")
    return items


def _pairs(text, what, library=True):
    """``"A=1,B=2"`` -> [("A", "1"), ("B", "2")], the names checked against the materials library (not if ``library``
    is False: names the command checks once it knows its materials, e.g. that of a --composition material's .json)."""
    from pybamm_aea.energy import get_material
    from pybamm_aea.energy.materials import UnknownMaterialError

    pairs = []
    for part in comma_items(text, repr(text)):
        name, sep, value = part.partition("=")
        if not sep or not name.strip():
            raise argparse.ArgumentTypeError(f"expected MATERIAL={what} pairs separated by commas, got {part!r}")
        try:
            get_material(name.strip())
        except (UnknownMaterialError, KeyError, ValueError) as exc:
            if library:
                raise argparse.ArgumentTypeError(str(exc).strip('"')) from None
        if name.strip() in (n for n, _ in pairs):
            raise argparse.ArgumentTypeError(f"{name.strip()!r} given twice in {text!r}")
        pairs.append((name.strip(), value))
    return pairs


def _material_numbers(text, what, library=True):
    out = {}
    for name, value in _pairs(text, what.upper().replace(" ", "_"), library):
        try:
            out[name] = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} of {name!r} must be a number, got {value!r}") from None
    return out


def parse_composition(text):
    """``"S8=0.325,Mo6S8=0.675"`` -> ``{"S8": 0.325, "Mo6S8": 0.675}`` (mass fractions of the solid).

    Materials are names of :func:`pybamm_aea.energy.list_materials`; fractions must be numbers summing to 1.
    Raises ``argparse.ArgumentTypeError`` with the reason.
    """
    out = _material_numbers(text, "mass fraction")
    if not out:
        raise argparse.ArgumentTypeError("empty composition")
    total = sum(out.values())
    if abs(total - 1.0) > 1e-6:
        from pybamm_aea.ranges import composition_percent_hint

        raise argparse.ArgumentTypeError(f"mass fractions must sum to 1, got {total:g} from {out}"
                                         f"{composition_percent_hint(out)}")
    # remove the rounding of the command line so that Electrode's 1e-9 check passes
    return {k: v / total for k, v in out.items()}


def material_values(label, library=True):
    """Type: ``"MAT=VALUE,..."`` -> ``{MAT: float}`` (e.g. capacities in mAh/g); the error names ``label``. ``library``
    False: a name not in the materials library is kept, for the command to check against its own materials
    (:func:`_pairs`)."""
    return lambda text: _material_numbers(text, label, library)


def key_value(text):
    """``"NAME=VALUE"`` -> ``(NAME, float or text)``."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), number_or_text(value)


def parse_grid_entry(text):
    """``"NAME=v1,v2,..."`` or ``"NAME=start:stop:num"`` (``num`` evenly spaced values, ends included).

    Returns ``(name, list_of_values)``; numbers become floats, other values stay text (e.g. ``anode=Li-In``).
    """
    import numpy as np

    name, sep, values = text.rpartition("=") if text.count("=") > 1 and "[" not in text else text.partition("=")
    name = name.strip()
    if not sep or not name or not values.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=v1,v2,... or NAME=start:stop:num, got {text!r}")
    values = values.strip()
    if values.count(":") == 2 and "," not in values:
        try:
            a, b, n = values.split(":")
            a, b, n = float(a), float(b), int(n)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"range of {name!r} must be start:stop:num (num an integer), got {values!r}") from None
        if n < 1:
            raise argparse.ArgumentTypeError(f"range of {name!r} needs num >= 1, got {n}")
        if not (np.isfinite(a) and np.isfinite(b)):  # (linspace makes nan of an infinite end: 'inf:1:2' said nan)
            raise argparse.ArgumentTypeError(f"range of {name!r} needs finite start and stop, got {values!r}")
        return name, [float(v) for v in np.linspace(a, b, n)]
    items = comma_items(values, repr(text))
    for item in items:  # numbers joined by colons, not the range's three parts ('0.015:0.03', no count)
        if ":" in item and all(isinstance(number_or_text(part), float) for part in item.split(":")):
            raise argparse.ArgumentTypeError(
                f"grid values of {name!r} must be numbers or a range start:stop:num (num evenly spaced values, ends "
                f"included, e.g. {name}=0.015:0.03:4), got {item!r}")
    return name, [number_or_text(v) for v in items]


#: the form of a PyBaMM experiment step string (pybamm.step.string), said when PyBaMM's parser fails on one
STEP_FORM = ("a step is 'Discharge|Charge|Hold at VALUE UNIT' (UNIT A, V, W, Ohm or C, mA etc. for milli; or C/N) "
             "then 'for TIME UNIT' (seconds, minutes, hours), '(or) until VALUE UNIT', or both, once each; or "
             "'Rest for TIME UNIT'")


def experiment_steps(parser, steps, cycles, first=None):
    """PyBaMM experiment steps as ``cycles`` cycles (a list of ``cycles`` tuples of the steps), after ``first`` (a
    step of its own, cycle 1, as PyBaMM makes a step given alone: the formation discharge of a pristine cell), if
    given; validated by PyBaMM; a bad step string is an argparse error naming --experiment."""
    import pybamm

    from pybamm_aea.models.step_checks import STEP_VALUE_RANGES, check_step_duration, step_text_advice

    cell_voltage = STEP_VALUE_RANGES["Voltage"][1]  # (the library's range of a step's voltage)
    for step in ([first] if first is not None else []) + list(steps):
        try:
            (parsed,) = pybamm.Experiment([step]).steps
        except ZeroDivisionError:  # PyBaMM's 1 / C-rate (the step's default duration, or C/N)
            raise error(parser, f"argument --experiment: {step!r}: a C-rate of zero, which PyBaMM divides by: "
                                "for no current write 'Rest for TIME'")
        except Exception as exc:
            # (a C-rate as a fraction, a temperature in the text: named, with the way out)
            advice = step_text_advice(step, "--set 'Ambient temperature [K]={kelvin:g}' (the whole run's)")
            if advice:
                raise error(parser, f"argument --experiment: {advice}")
            if "For example" in str(exc):  # PyBaMM's own message, with its examples
                raise error(parser, f"argument --experiment: {step!r}: {exc}")
            # Python's words from inside PyBaMM's parser ("could not convert string to float: ''")
            raise error(parser, f"argument --experiment: {step!r}: PyBaMM cannot read it ({exc}): {STEP_FORM}")
        try:
            check_step_duration(parsed, repr(step))
        except ValueError as exc:
            raise error(parser, f"argument --experiment: {exc}") from None
        voltages = [t.value for t in parsed.termination if isinstance(t, pybamm.step.VoltageTermination)]
        if isinstance(parsed, pybamm.step.Voltage):
            voltages.append(parsed.value)
        for v in voltages:  # a number: a voltage given as a drive cycle is the solver's to check
            if isinstance(v, (int, float)) and not cell_voltage.contains(v):
                raise error(parser, f"argument --experiment: {step!r}: {v:g} V is outside "
                                    f"{cell_voltage.describe()} V (a cell voltage)")
    head = [first] if first is not None else []
    return cycles_in_memory(parser, cycles, lambda: head + [tuple(steps)] * cycles)


#: what --cycles' help says of its check (:func:`cycles_in_memory`)
CYCLES_CHECK = "a count whose step list does not fit in memory is refused"


def cycles_in_memory(parser, cycles, build):
    """``build()``, the experiment (or step list) of ``cycles`` cycles; an argparse error naming --cycles if it does
    not fit in memory (``--cycles 99999999999`` raised a bare MemoryError). Call it after the cheap checks: it
    builds the whole list."""
    try:
        return build()
    except MemoryError:
        raise error(parser, f"argument --cycles: {cycles} cycles do not fit in memory (a PyBaMM experiment holds "
                            "every step of every cycle)") from None


def write_table(df, path, formats=(".csv", ".json", ".parquet")):
    """Write a DataFrame as CSV, JSON (records) or Parquet by the file's suffix (atomically, with
    :func:`pybamm_aea.sweep.store.export_table`); returns the path.

    Float columns are rounded to :data:`pybamm_aea.progress.SIGNIFICANT_DIGITS` significant digits
    (70.0, not 70.00000000000006).
    """
    from pybamm_aea.progress import round_table
    from pybamm_aea.sweep.store import export_table

    df = round_table(df)
    path = Path(path)
    if path.suffix.lower() not in formats:
        raise ValueError(f"{path}: suffix must be one of {formats}")
    path.parent.mkdir(parents=True, exist_ok=True)
    export_table(df, path)
    return path


def check_output(parser, output, formats):
    """An argparse error naming --output unless ``output`` ends in one of ``formats`` (Parquet needs pyarrow)."""
    suffix = Path(output).suffix.lower()
    if suffix not in formats:
        raise error(parser, f"argument --output: must end in {', '.join(formats[:-1])} or {formats[-1]}, got "
                            f"{output!r}")
    if suffix == ".parquet" and importlib.util.find_spec("pyarrow") is None:
        raise error(parser, "argument --output: Parquet output needs pyarrow (pip install pyarrow); use a .csv file")


def check_out_dir(parser, path, name="--out"):
    """An argparse error naming ``name`` if ``path`` exists and is not a folder, or cannot be made or written
    (:func:`pybamm_aea.user_input.folder_refusal`; before any solve)."""
    from pybamm_aea.user_input import dir_writable, folder_refusal

    if str(path) == "":  # (Path("") is the current folder: an unset shell variable wrote there)
        raise error(parser, f"argument {name}: {str(path)!r} is an empty name: give a folder ('.' for the current one)")
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise error(parser, f"argument {name}: {str(path)!r} exists and is not a folder")
    refusal = (None if dir_writable(path) else f"cannot be written: nothing can be created in {str(path)!r}") \
        if path.is_dir() else folder_refusal(path)
    if refusal:
        raise error(parser, f"argument {name}: {str(path)!r} {refusal}")


def check_out_files(parser, folder, names, force, name="--out"):
    """An argparse error naming ``name`` if the folder holds files among ``names`` (names or glob patterns) that
    pybamm-aea did not write there, or that were edited since (:func:`pybamm_aea.user_input.foreign_files`), unless
    ``force``: a re-run replaces its own files, not a user's (before any solve)."""
    from pybamm_aea.user_input import foreign_files

    foreign = [] if force else foreign_files(folder, names)
    if foreign:
        listed = ", ".join(p.name for p in foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise error(parser, f"argument {name}: {str(folder)!r} holds {listed}, not written by pybamm-aea or edited "
                            "since: not overwritten without --force (or give another folder)")


def check_not_overwritten(parser, paths, force, name="--output"):
    """An argparse error naming ``name`` (the option giving ``paths``) and the first of ``paths`` that is a folder,
    an existing file without ``force``, or cannot be written (before any solve: nothing a user wrote is replaced
    unasked). Until session 59 (SJ) it said "error: output '/dev/null/x.txt' cannot be written", no option."""
    from pybamm_aea.user_input import output_refusal

    for path in paths:
        refusal = output_refusal(path, force, "--force")
        if refusal:
            raise error(parser, f"argument {name}: {str(path)!r} {refusal}")


def write_text(text, output):
    """Text to stdout, or to the file ``output`` (noted on stderr)."""
    if output is None:
        sys.stdout.write(text)
    else:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text)
        print(f"wrote {output}", file=sys.stderr)
