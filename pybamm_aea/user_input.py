"""Checks of what a user gives that are not physics (the physical ranges are
:data:`pybamm_aea.models.checks.RANGES`): a whole number of at least N (:func:`whole_at_least`), each value of a
list once, a solve's ``save_at_cycles`` cycle numbers
(:func:`check_save_at_cycles`, also in :mod:`pybamm_aea.models.experiment_checks`), and an output that replaces no
folder and no existing file unless asked. Each returns what is wrong (or None), so the command line raises it as a usage
error and the Python API as its own exception type; :func:`finite_positive`, an argument of the Python API (a
mass, a tolerance), raises; :func:`whole_at_least` only answers, each caller raising its own error. :func:`json_default`
writes the NumPy numbers a user's values hold as JSON (a material's file, a sweep's rows);
:func:`close_names` the known names to suggest for a misspelt one (:func:`did_you_mean` as a message's end);
:class:`Said` a message naming a function's keywords, written once and said as each caller types them."""

import hashlib
import json
import math
import numbers
import os
from pathlib import Path
import re
import uuid

#: the file in an output folder that records what pybamm-aea wrote there (file name -> SHA-256 of its bytes), so
#: that a re-run replaces its own files but not a file a user wrote or edited
WRITTEN_RECORD = ".pybamm-aea-written.json"


def whole_at_least(value, low):
    """True if ``value`` is a whole number >= ``low``: a Python or NumPy integer, not a bool, a float (2.0), a
    string or None (``int()`` read 1.5 as 1 and "2" as 2)."""
    return not isinstance(value, bool) and isinstance(value, numbers.Integral) and value >= low


#: why a numpy array of 0 dimensions is no input of PyBaMM's solver: it sizes an input by its shape[0] (an IndexError
#: from inside it). Everywhere else such an array of a real number (:func:`zero_d_number`) is the number it holds, as
#: PyBaMM's own solution gives one (``sol["Voltage [V]"](t=1800.0)`` is ``array(...)`` of shape ())
ZERO_D_INPUT = ("a numpy array of 0 dimensions (PyBaMM's solver cannot take one as an input): give float(value) or "
                "numpy.array([value])")


def zero_d_number(value):
    """True if ``value`` is a numpy array of 0 dimensions holding one real number (dtype kind i, u or f; not a bool,
    text, a complex number or an object)."""
    import numpy as np  # (here: the command line's parser is built without NumPy)

    return isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf"


def as_number(value):
    """``value`` with a :func:`zero_d_number` read as the number it holds (``.item()``); anything else as given."""
    return value.item() if zero_d_number(value) else value


def number_refusal(value):
    """Why ``value`` is not one real number as a user gives one, or None: a Python or NumPy int or float is one, and
    so is a numpy array of 0 dimensions holding one (:func:`zero_d_number`); a bool or ``numpy.bool_`` (a truth
    value, which float() reads as 1 or 0, also in a 0-d array), text, None, a sequence or any other 0-d array is
    not."""
    import numpy as np  # (here: the command line's parser is built without NumPy)

    if zero_d_number(value):
        return None
    zero_d = isinstance(value, np.ndarray) and value.ndim == 0
    if isinstance(value, (bool, np.bool_)) or (zero_d and value.dtype.kind == "b"):
        return "a truth value, not a number"
    if zero_d:
        return f"a numpy array of 0 dimensions of {value.dtype}, not a number"
    if not isinstance(value, numbers.Real):
        return f"a {type(value).__name__}, not a number"
    return None


def is_finite_positive(value):
    """True if ``value`` is a finite real number > 0 (:func:`number_refusal`): not a bool, nan, inf, a string or an
    integer beyond a float's range (10**400 passed, then float() raised OverflowError)."""
    if number_refusal(value) is not None:
        return False
    try:
        return 0 < float(value) < math.inf  # (nan fails it)
    except OverflowError:
        return False


def finite_positive(name, value):
    """``value`` as a float if a finite real number > 0, else ValueError naming ``name`` and the value (a zero mass
    gave an infinite mA.h/g, an infinite tolerance passed every check)."""
    if not is_finite_positive(value):
        raise ValueError(f"{name} must be a finite positive number, got {value!r}{not_a_number(value)}")
    return float(value)


def not_a_number(value):
    """", " and :func:`number_refusal`'s reason when ``value`` is no number (the end of a message that names it), else
    "" (a number: its value is what is wrong)."""
    why = number_refusal(value)
    return "" if why is None else f", {why}"


def real_number(name, value, error=ValueError):
    """``value`` as a float if one real number (:func:`number_refusal`), else ``error`` (ValueError; TypeError where a
    site refused text and bools so before its range check) naming ``name``, the value and why."""
    if number_refusal(value) is not None:
        raise error(f"{name} must be a real number, got {value!r}{not_a_number(value)}")
    return float(value)


def json_default(value):
    """``json.dumps(..., default=json_default)``: a NumPy scalar (``np.int64``, ``np.float32``, ``np.bool_``, an array
    of one value), which ``json.dumps`` refuses, as the Python number of the same value; anything else a TypeError
    naming its type and value."""
    if hasattr(value, "item") and getattr(value, "size", None) == 1:
        return value.item()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable: {value!r}")


def check_save_at_cycles(save_at_cycles, starting_cycles=0):
    """Refuse a ``Simulation.solve(save_at_cycles=...)`` PyBaMM would take without a word but that cannot mean what it
    says: PyBaMM keeps the time series of every multiple of an integer N, or of the cycles a list names (cycles
    numbered from 1, counted on from a ``starting_solution``'s ``starting_cycles``), and always of the first and the
    last. 0 raised "ZeroDivisionError: integer modulo by zero" after cycle 2 had run, -1 kept every cycle and 2.5 or
    [0] only the first and the last; so did [3] continuing a solution of 5 cycles (cycle 3 is the starting
    solution's). ValueError naming the value."""
    if save_at_cycles is None:
        return
    # PyBaMM reads an integer N as isinstance(N, int) (a numpy integer kept only the first and the last cycle) and a
    # list by `in` (numpy integers there are cycle numbers too)
    listed = isinstance(save_at_cycles, list)
    values = save_at_cycles if listed else [save_at_cycles]
    bad = [v for v in values if not (whole_at_least(v, 1) and (listed or isinstance(v, int)))]
    if bad or not values:
        raise ValueError(f"save_at_cycles = {save_at_cycles!r}: {'an empty list' if not values else repr(bad[0])} is "
                         "no cycle number; give an integer N >= 1 (every Nth cycle kept) or a list of cycle numbers "
                         ">= 1 (the first and the last cycle are always kept)")
    if listed and starting_cycles and max(values) <= starting_cycles:
        raise ValueError(f"save_at_cycles = {save_at_cycles!r} names only cycles of the starting solution, which has "
                         f"{starting_cycles}: PyBaMM numbers this solve's cycles on from there ({starting_cycles + 1}, "
                         f"{starting_cycles + 2}, ...), so it would keep only this solve's first and last; for this "
                         f"solve's cycles {values!r} give {[v + starting_cycles for v in values]!r}")


def name_key(name):
    """A material's or data set's name as looked up: case, spaces, '-' and '_' ignored ('li fe po4' and 'LiFePO4'
    are one name; no two of the package's materials differ only so)."""
    return re.sub(r"[\s\-_]+", "", str(name)).lower()


def first_repeat(values):
    """The first value of ``values`` equal to an earlier one, or None when each value appears once."""
    seen = []
    for value in values:
        if value in seen:
            return value
        seen.append(value)
    return None


#: a unit at a name's end, "[A.m-2]": a name typed without one is compared with the known names' quantities
_UNIT = re.compile(r"\s*\[[^\]]*\]$")


def _matcher(a, b):
    """difflib's matcher of ``a`` against ``b``, no junk (the whole of each name counts)."""
    import difflib

    return difflib.SequenceMatcher(None, a, b, autojunk=False)


def _edits(matcher):
    """The characters to insert, delete or replace to make a ``matcher``'s first text into its second."""
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")


def edit_count(a, b):
    """The characters to insert, delete or replace to make ``a`` into ``b`` (difflib's opcodes; two letters
    swapped count 2)."""
    return _edits(_matcher(a, b))


def close_names(name, known, n=3, cutoff=0.6):
    """Up to ``n`` names of ``known`` a misspelt ``name`` may mean, as ``known`` spells them; compared without case,
    and without the unit when ``name`` has none ('Voltage' finds 'Voltage [V]'). A name equal but for case is the
    one answer ('lifepo4' finds 'LiFePO4'). Otherwise the names fewest edits (:func:`edit_count`) away, if at most
    max(3, len(name) // 4) and of difflib ratio at least ``cutoff``: a typo is a few letters of the name meant,
    while another quantity of a long name shares most of it ('SEI growth activation energy [J.mol-1]' scored 0.8
    against 'Li trapping activation energy [J.mol-1]', 14 edits away; measured on the AEA names' typos,
    benchmarks/bench_close_names.py: another name was listed for 86 % of them, now 0.4 %). Names of ``known``
    that differ only by case are one suggestion, spelled as the one closest to ``name``. One matcher per known name
    gives both its edits and its ratio."""
    typed = str(name).lower()
    spelled = {}
    for k in map(str, known):
        spelled.setdefault(k.lower(), []).append(k)
    compared = {k: k if _UNIT.search(typed) else _UNIT.sub("", k) for k in spelled}
    found = [k for k in spelled if compared[k] == typed]
    if not found:
        scored = []
        for k in spelled:
            matcher = _matcher(typed, compared[k])
            scored.append((_edits(matcher), -matcher.ratio(), k))
        scored = sorted(s for s in scored if -s[1] >= cutoff and s[0] <= max(3, len(typed) // 4))
        found = [k for edits, _, k in scored if edits == scored[0][0]]
    return [max(spelled[k], key=lambda k: _matcher(str(name), k).ratio()) for k in found[:n]]


def did_you_mean(name, known, n=3, cutoff=0.6, named=False):
    """The end of a message refusing ``name``: ``"; did you mean [...]?"`` naming its :func:`close_names` among
    ``known`` (a wrong case or a misspelling), or "" when none is close; ``named``: ``"; 'name': did you mean
    [...]?"``, for a message refusing several names."""
    close = close_names(name, known, n=n, cutoff=cutoff)
    return (f"; {name!r}:" if named else ";") + f" did you mean {close}?" if close else ""


def dir_writable(directory):
    """True if a file can be created in ``directory`` (tried, not guessed: root passes ``os.access`` anywhere)."""
    directory = Path(directory)
    if not directory.is_dir():
        return False
    probe = directory / f".pybamm-aea-probe-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        probe.touch(exist_ok=False)
    except OSError:
        return False
    probe.unlink()
    return True


def folder_refusal(path):
    """Why no file or folder can be made at ``path``, or None: its nearest existing ancestor (the folders below
    it are created) is a file, or a folder where nothing can be created. Checked before any solve, so that a run
    is not lost at the end."""
    folder = next(p for p in Path(path).absolute().parents if p.exists())
    if not folder.is_dir():
        return f"cannot be written: {str(folder)!r} is a file, not a folder"
    if not dir_writable(folder):
        return f"cannot be written: nothing can be created in the folder {str(folder)!r}"
    return None


def output_refusal(path, force, how_to_force):
    """Why ``path`` may not be written as an output, or None: it is a folder, an existing file and ``force`` is
    false (nothing a user wrote is replaced unasked; ``how_to_force`` names the switch in the message: a str, or a
    (keyword, value) pair of :class:`Said`, the message then a :class:`Said`), or its folder cannot take it
    (:func:`folder_refusal`), or it is an empty name (``Path("")`` is the current folder)."""
    if str(path) == "":
        return "is an empty name: give a file"
    path = Path(path)
    if path.is_dir():
        return "is a folder"
    if path.exists() and not force:
        return Said("exists: not overwritten without ", how_to_force)
    return folder_refusal(path)


#: the value of a keyword a :class:`Said` names without one: "export=" (the keyword to give, any value)
ANY = ...


def keyword_said(keyword, value=ANY):
    """A function's ``keyword`` set to ``value`` as a Python caller types it: "force=True", "compaction='Mo6S8'",
    "export=" (:data:`ANY`)."""
    return f"{keyword}=" if value is ANY else f"{keyword}={value!r}"


class EachCaller(tuple):
    """A piece of a :class:`Said` message said one way to the Python caller (``python``) and another to the command
    line's (``command_line``): what only one of them can give or see, as a function (the API's "(or a function
    pressure_MPa -> porosity)", which the command line cannot take) or a table's ``attrs`` (which the command line
    prints in its own place). Until session 61 the sweep's messages offered both callers the API's."""

    def __new__(cls, python, command_line):
        return super().__new__(cls, (python, command_line))

    def __getnewargs__(self):  # (pickled with its Said, from a worker)
        return tuple(self)


class Said(str):
    """A message of a Python function naming its keywords (the way out: "not overwritten without force=True", "CSV
    ... are exports of the final table (export=)"), written once and said as each caller types them: the str is the
    Python caller's (:func:`keyword_said`), :meth:`said` another's (``typed(keyword, value)``: the command line's
    "--force", "--output"), as :func:`pybamm_aea.cli._args.option_refusal` says the model's refused option. ``parts``:
    the message's pieces, each a str (a :class:`Said` keeps its own keywords), a (keyword, value) pair (value
    :data:`ANY`: the keyword without one) or an :class:`EachCaller` (words of each caller's own). Until session 60
    the sweep API's messages named both, "(export=, --output)", "force=True (--force)": a flag to the Python caller,
    a keyword to the command line's."""

    def __new__(cls, *parts):
        self = super().__new__(cls, "".join(p if isinstance(p, str) else p[0] if isinstance(p, EachCaller)
                                            else keyword_said(*p) for p in parts))
        self.parts = parts
        return self

    def said(self, typed):
        """The message with each keyword it names said by ``typed(keyword, value)``."""
        return "".join(p.said(typed) if isinstance(p, Said) else p if isinstance(p, str) else
                       p[1] if isinstance(p, EachCaller) else typed(*p) for p in self.parts)

    def __reduce__(self):  # (a warning's or an error's text: copied with a table's attrs, pickled from a worker)
        return type(self), self.parts


def _sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _written_record(folder):
    try:
        record = json.loads((Path(folder) / WRITTEN_RECORD).read_text())
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def foreign_files(folder, names):
    """The files among ``names`` (file names, or glob patterns such as ``"*.png"``) in ``folder`` that are not,
    byte for byte, what pybamm-aea last wrote there (:data:`WRITTEN_RECORD`): a user's file, or one edited since."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    record = _written_record(folder)
    found = sorted({p for name in names for p in folder.glob(name) if p.is_file()})
    return [p for p in found if record.get(p.name) != _sha256(p)]


def record_written(paths):
    """Add ``paths`` (files just written) to their folders' :data:`WRITTEN_RECORD`."""
    by_folder = {}
    for p in map(Path, paths):
        by_folder.setdefault(p.parent, []).append(p)
    for folder, files in by_folder.items():
        record = _written_record(folder)
        record.update({p.name: _sha256(p) for p in files if p.is_file()})
        (folder / WRITTEN_RECORD).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
