"""Grids and samples of designs: expansion into points, and the identity of a point (its inputs by name)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
import itertools
import json
import math

import numpy as np
import pandas as pd

from ..user_input import as_number, first_repeat, number_refusal
from .api import SweepConfigError


def _parse_number(value, name):
    """A grid value as stored: a number (a NumPy one, or a numpy array of 0 dimensions holding one:
    :func:`~pybamm_aea.user_input.as_number`) as a float, a truth value as a bool; any other 0-d numpy array (text)
    refused naming the entry ``name``; anything else as given (an option's value)."""
    value = as_number(value)
    if isinstance(value, np.ndarray) and value.ndim == 0:  # (its iteration failed, "iteration over a 0-d array")
        raise SweepConfigError(f"grid entry {name!r}: {value!r} is {number_refusal(value)}", "grid")
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    return value


def expand_grid(grid):
    """The list of points (dicts name -> value) of a grid or a sample.

    Parameters
    ----------
    grid : Mapping, pandas.DataFrame or sequence of Mappings
        A mapping name -> list of values gives the Cartesian product, in the order of the mapping (the last name
        varies fastest); a scalar value counts as a one-element list. A DataFrame (one design per row) or a list of
        dicts is taken as an explicit sample of designs.

    Returns
    -------
    (names, points) : (list of str, list of dict)
    """
    if isinstance(grid, pd.DataFrame):
        names = [str(c) for c in grid.columns]
        points = [{n: _parse_number(v, n) for n, v in zip(names, row)} for row in grid.itertuples(index=False)]
        return names, points
    if isinstance(grid, Mapping):
        names = [str(k) for k in grid]
        values = []
        for name, vals in grid.items():
            if isinstance(vals, (str, bytes)) or not isinstance(vals, (Sequence, np.ndarray, pd.Series, range)) or (
                    isinstance(vals, np.ndarray) and vals.ndim == 0):
                vals = [vals]
            vals = [_parse_number(v, name) for v in vals]
            if not vals:
                raise SweepConfigError(f"grid entry {name!r} has no values", "grid")
            repeated = first_repeat(vals)
            if repeated is not None:
                raise SweepConfigError(f"grid entry {name!r} repeats {repeated!r}: each value once", "grid")
            values.append(vals)
        return names, [dict(zip(names, combo)) for combo in itertools.product(*values)]
    if isinstance(grid, Sequence) and all(isinstance(p, Mapping) for p in grid):
        names = list(dict.fromkeys(str(k) for p in grid for k in p))
        points = []
        for i, p in enumerate(grid):
            missing = [n for n in names if n not in p]
            if missing:
                raise SweepConfigError(f"sample point {i} lacks {missing}; every point must give every name {names}",
                                       "grid")
            points.append({n: _parse_number(p[n], n) for n in names})
        return names, points
    raise SweepConfigError(
        "grid must be a mapping name -> list of values, a pandas DataFrame or a list of dicts, got "
        f"{type(grid).__name__}",
        "grid",
    )


#: significant digits of a float in a point's key (and of the swept inputs in an export: :func:`key_float`)
KEY_DIGITS = 12


def key_float(v):
    """A finite float to :data:`KEY_DIGITS` significant digits (exact through CSV and JSON); others unchanged."""
    return float(f"{v:.{KEY_DIGITS}g}") if math.isfinite(v) else v


def canonical_value(v):
    """A value as stored in a point's key: floats to :data:`KEY_DIGITS` significant digits (:func:`key_float`)."""
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (float, int, np.floating, np.integer)):
        v = float(v)
        return key_float(v) if math.isfinite(v) else repr(v)
    return str(v)


def point_key(point, names):
    """The identity of a point: JSON of its inputs sorted by name (the order of the grid's axes is irrelevant)."""
    return json.dumps({n: canonical_value(point[n]) for n in sorted(names)}, sort_keys=True)


def unique_points(points, names):
    """Points in order, each design once (a sample may repeat a design)."""
    seen, out = set(), []
    for p in points:
        k = point_key(p, names)
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out


#: relative tolerance of :func:`is_reference_rate`: a float32 grid's 0.1 (0.100000001490116) is the 0.1C reference
REFERENCE_RATE_RTOL = 1e-6


def is_reference_rate(c_rate, reference_c_rate):
    """True if a point's ``c_rate`` is ``reference_c_rate``, within :data:`REFERENCE_RATE_RTOL`: the one rule of the
    sweep's reference-rate points (:func:`reference_points`, the "Rate capability" column, its note). Until session
    49 the note compared the keys' 12 digits and the column ``np.isclose``: a float32 grid of 0.1 and 0.2 got a note
    saying the column is NaN while it was filled."""
    return math.isclose(float(c_rate), float(reference_c_rate), rel_tol=REFERENCE_RATE_RTOL)


def reference_points(points, names, reference_c_rate):
    """The reference-rate point of each design of ``points`` (``"C-rate"`` swept) that ``points`` lack (none of its
    points at :func:`is_reference_rate`), in order, each once: what :func:`pybamm_aea.sweep.sweep` solves beside the
    grid for ``rate_capability=True`` (the denominator of each design's "Rate capability"); none when "C-rate" is not
    swept."""
    if "C-rate" not in names:
        return []
    others = [n for n in names if n != "C-rate"]
    seen = {point_key(p, others) for p in points if is_reference_rate(p["C-rate"], reference_c_rate)}
    extra = []
    for p in points:
        design = point_key(p, others)
        if design not in seen:
            seen.add(design)
            extra.append(dict(p, **{"C-rate": reference_c_rate}))
    return extra


def batches(points, size, workers=1):
    """``points`` in consecutive lists of at most ``size``.

    With several ``workers`` the lists shrink towards the end (guided scheduling): each takes at most a
    ``1 / (2 workers)`` share of the points left, down to ``size // 8``, so the workers run out of work together
    instead of one solving the last full-size batch while the others idle.
    """
    if workers <= 1:
        return [points[i:i + size] for i in range(0, len(points), size)]
    floor = max(1, size // 8)
    out, i = [], 0
    while i < len(points):
        k = min(size, max(floor, math.ceil((len(points) - i) / (2 * workers))))
        out.append(points[i:i + k])
        i += k
    return out
