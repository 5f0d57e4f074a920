""":func:`pybamm_aea.cycling.cycle_summary`'s table, :class:`CycleTable`: a pandas DataFrame that also takes the
per-cycle integrals by their names of before session 59 (:data:`CYCLE_INTEGRALS`: "Discharge capacity [A.h]" is
"Discharge capacity in cycle [A.h]" since), with a DeprecationWarning naming the new one, at the line that used the old
one (:func:`pybamm_aea.user_frame.users_stacklevel`: pandas' frames skipped too, as ``.get``, ``.xs`` and ``.plot``
read ``[]``); pandas' own warnings raised through these wrappers at that line too, as a plain DataFrame's
(:func:`pybamm_aea.user_frame.warnings_at_users_line`).

The old names read and write in ``[]`` (a name or a list), ``.loc`` (also ``.loc(axis=1)``), ``.at``, ``in``,
``pop``, ``del``, ``sort_values(by=...)``, ``groupby(...)`` and a groupby's ``[]``, and in what pandas reads through
them (``.get``, ``.xs(name, axis=1)``, ``.plot(y=name)``); ``insert`` by an old name is a ValueError naming the new
column. A table cut from a CycleTable (a mask, ``.iloc``, ``.copy()``, ``pd.concat``, a pickle) is one.
docs/known_limits.rst lists what does not take them. Also importable as ``pybamm_aea.cycling.CycleTable`` (its home
until session 60, which pickles of before name).
"""
import warnings

import pandas as pd
from pandas.api.typing import DataFrameGroupBy

from .user_frame import users_stacklevel, warnings_at_users_line

__all__ = ["CYCLE_INTEGRALS", "CycleTable"]

#: The columns of :func:`pybamm_aea.cycling.cycle_summary` holding what each cycle's discharges and charges passed,
#: {name until session 59: name since} (PyBaMM's "Discharge capacity [A.h]" and "Discharge energy [W.h]" are running
#: totals from the solution's start, the same script reading both; the summary variable "Capacity [A.h]" is what the
#: cell holds, not what a cycle delivered: PyBaMM's eSOH capacity, the AEA model's cathode equilibrium capacity). The
#: old names still read, with a DeprecationWarning naming the new one
CYCLE_INTEGRALS = {
    "Discharge capacity [A.h]": "Discharge capacity in cycle [A.h]",
    "Charge capacity [A.h]": "Charge capacity in cycle [A.h]",
    "Discharge energy [W.h]": "Discharge energy in cycle [W.h]",
    "Charge energy [W.h]": "Charge energy in cycle [W.h]",
}


def _renamed(key, columns):
    """``key`` with a column name of before session 59 (:data:`CYCLE_INTEGRALS`) replaced by its new one, warned."""
    if isinstance(key, (tuple, list)):
        return type(key)(_renamed(k, columns) for k in key)
    if isinstance(key, str) and key in CYCLE_INTEGRALS and key not in columns:
        warnings.warn(f'cycle_summary\'s column "{key}" is named "{CYCLE_INTEGRALS[key]}" since session 59 (PyBaMM\'s '
                      f'"{key}" is a running total from the solution\'s start); read it by that name',
                      DeprecationWarning, stacklevel=users_stacklevel())
        return CYCLE_INTEGRALS[key]
    return key


class _RenamedIndexer:
    """``CycleTable.loc`` and ``.at``: pandas' indexer reading and writing an old column name (:func:`_renamed`) as its
    new one."""

    def __init__(self, indexer, columns):
        self._indexer, self._columns = indexer, columns

    def _key(self, key):
        """``key`` with its column part renamed: all of it under ``.loc(axis=1)``, else a (rows, columns) pair's."""
        if getattr(self._indexer, "axis", None) == 1:
            return _renamed(key, self._columns)
        if isinstance(key, tuple) and len(key) == 2:
            return key[0], _renamed(key[1], self._columns)
        return key

    @warnings_at_users_line
    def __call__(self, axis=None):
        return _RenamedIndexer(self._indexer(axis=axis), self._columns)

    @warnings_at_users_line
    def __getitem__(self, key):
        return self._indexer[self._key(key)]

    @warnings_at_users_line
    def __setitem__(self, key, value):
        self._indexer[self._key(key)] = value

    @warnings_at_users_line
    def __getattr__(self, name):
        return getattr(self._indexer, name)


class _RenamedGroupBy(DataFrameGroupBy):
    """``CycleTable.groupby(...)``: pandas' groupby whose ``[]`` takes an old name (:func:`_renamed`), warned once
    (pandas' own ``[]`` read the table's ``in`` and ``[]`` by it: three warnings for one line until session 60, and a
    list of names a KeyError)."""

    @warnings_at_users_line
    def __getitem__(self, key):
        return super().__getitem__(_renamed(key, self.obj.columns))


class CycleTable(pd.DataFrame):
    """:func:`pybamm_aea.cycling.cycle_summary`'s table: a DataFrame whose ``[]``, ``.loc``, ``.at``, ``in``,
    ``sort_values``, ``groupby`` and assignments also take the per-cycle integrals by the names of before session 59
    (:data:`CYCLE_INTEGRALS`), with a DeprecationWarning naming the new one (docs/known_limits.rst lists what does
    not)."""

    @property
    def _constructor(self):
        return CycleTable

    @warnings_at_users_line
    def __getitem__(self, key):
        return super().__getitem__(_renamed(key, self.columns))

    # (``[] =`` is pandas' own ``__setitem__``, called by the interpreter as on a DataFrame: its check of a chained
    # assignment ``t[mask][col] = x``, whose write is lost, counts the references of that direct call and reads the
    # caller's line, so any override hides it (until session 62 an override re-made the check with pandas' private
    # reference count and the caller's bytecode). Old names are renamed in the step it writes each column by,
    # ``_set_item``: a list of names, or a one-column DataFrame, is written through it column by column)
    @warnings_at_users_line
    def _set_item(self, key, value):
        super()._set_item(_renamed(key, self.columns), value)

    @warnings_at_users_line
    def __contains__(self, key):
        return super().__contains__(_renamed(key, self.columns))

    @warnings_at_users_line
    def __delitem__(self, key):
        super().__delitem__(_renamed(key, self.columns))

    @warnings_at_users_line
    def pop(self, item):
        """pandas' ``pop``, renamed once (the warning at the caller's line; pandas' ``pop`` reads and deletes)."""
        return super().pop(_renamed(item, self.columns))

    @warnings_at_users_line
    def insert(self, loc, column, value, *args, **kwargs):
        """pandas' ``insert``; an old name (:data:`CYCLE_INTEGRALS`) refused with a ValueError naming the new column:
        until session 59 (SJ) ``insert(0, old, x)`` added a 26th column of that name, unwarned."""
        if isinstance(column, str) and column in CYCLE_INTEGRALS and column not in self.columns:
            new = CYCLE_INTEGRALS[column]
            held = "the table holds it: write it with" if new in self.columns else "insert it by that name, or write"
            raise ValueError(f'cycle_summary\'s column "{column}" is named "{new}" since session 59: not inserted '
                             f'by its old name ({held} table["{new}"] = ...)')
        super().insert(loc, column, value, *args, **kwargs)

    @warnings_at_users_line
    def sort_values(self, by, *args, **kwargs):
        """pandas' ``sort_values``, ``by`` (a name or a list) renamed; until session 60 an old name was a KeyError."""
        return super().sort_values(_renamed(by, self.columns), *args, **kwargs)

    @warnings_at_users_line
    def groupby(self, by=None, *args, **kwargs):
        """pandas' ``groupby``, ``by`` (a name or a list) renamed, and the groupby's ``[]`` taking old names
        (:class:`_RenamedGroupBy`), each warned once; until session 60 ``groupby(old)`` warned twice and
        ``groupby(...)[[old]]`` was a KeyError."""
        grouped = super().groupby(_renamed(by, self.columns), *args, **kwargs)
        grouped.__class__ = _RenamedGroupBy  # (pandas makes the DataFrameGroupBy; its subclass adds the renaming [])
        return grouped

    @property
    @warnings_at_users_line
    def loc(self):
        return _RenamedIndexer(pd.DataFrame.loc.fget(self), self.columns)

    @property
    @warnings_at_users_line
    def at(self):
        """pandas' ``.at``, an old column name renamed, warned (until session 60 a KeyError)."""
        return _RenamedIndexer(pd.DataFrame.at.fget(self), self.columns)
