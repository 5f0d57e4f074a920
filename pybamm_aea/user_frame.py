"""The user's frame: the first frame of the call stack outside the library code (this package's, PyBaMM's and
pandas'), the line a warning about the user's call points at (``warnings.warn(..., stacklevel=users_stacklevel())``):
a solve's warnings at the user's ``sim.solve``, not PyBaMM's Simulation line (Python's default filters show a
DeprecationWarning only when it points at ``__main__``, and say a warning once per line it points at). One reading of
the stack for every such warning (until session 60 cycling had its own, which skipped pandas but not PyBaMM and did
not take a notebook cell's frame as the user's). :func:`warnings_at_users_line` moves pandas' own warnings, stopped at a
wrapper of this package (pandas' stack level skips pandas' frames only), to that line too.
"""
import functools
import importlib.util
import os
from pathlib import Path
import re
import sys
import threading
import warnings

__all__ = ["LIBRARY_FOLDERS", "users_stacklevel", "warnings_at_users_line"]

#: the folders of the library code a warning is pointed past: this package's, PyBaMM's (a solve's warnings rise through
#: its Simulation) and pandas' (a :class:`pybamm_aea.cycle_table.CycleTable`'s old-name warning rises through pandas'
#: ``.get``, ``.xs``, ``.plot``, which read ``[]``). Found without importing PyBaMM (cycling does not need it)
LIBRARY_FOLDERS = tuple(os.path.join(str(Path(folder).resolve()), "") for folder in (
    Path(__file__).parent, *(importlib.util.find_spec(library).submodule_search_locations[0]
                             for library in ("pybamm", "pandas"))))


def _in_library(filename):
    """Whether code of ``filename`` (a frame's) is library code (:data:`LIBRARY_FOLDERS`): a pseudo-file ("<string>", a
    notebook's "<ipython-input-1-...>") is the user's, wherever the process runs (review R36: resolved against the
    working directory, a cell run inside the package folder counted as the library's)."""
    return not filename.startswith("<") and _resolved(filename).startswith(LIBRARY_FOLDERS)


def _resolved(filename):
    """``filename`` with its links resolved, an absolute one remembered (each wrapper of a CycleTable reads the stack:
    resolving it twice a frame was 0.05 ms of a ``.at`` read's 0.12); a relative one read against today's folder."""
    return _resolved_absolute(filename) if os.path.isabs(filename) else os.path.realpath(filename)


@functools.lru_cache(maxsize=4096)
def _resolved_absolute(filename):
    """:func:`_resolved` of an absolute ``filename``."""
    return os.path.realpath(filename)


def _users_frame(frame):
    """The first frame from ``frame`` outward outside the library code (:data:`LIBRARY_FOLDERS`), with its level
    (1 for ``frame``); the outermost frame if every frame is the library's."""
    level = 1
    while frame.f_back is not None and _in_library(frame.f_code.co_filename):
        frame, level = frame.f_back, level + 1
    return frame, level


def users_stacklevel():
    """The ``stacklevel`` (:func:`warnings.warn`'s, counted from the function that calls this) of the first frame
    outside the library code (:data:`LIBRARY_FOLDERS`): the user's ``sim.solve``, ``solver.solve`` or
    ``table["Discharge capacity [A.h]"]``; the outermost frame if every frame is the library's."""
    return _users_frame(sys._getframe(1))[1]


#: the warnings filter letting through every warning of this package's modules: where pandas' warnings raised through
#: a wrapper of this package stop (a plain DataFrame's stop at the user's line)
_PACKAGE_WARNINGS_SHOWN = ("always", None, Warning, re.compile(re.escape(__name__.rpartition(".")[0]) + r"\."), 0)


class _WarningsAtUsersLine:
    """:func:`warnings_at_users_line`'s context: a warning stopping at this package's frames is let through (not
    dropped as this module's DeprecationWarning nor said once per its line) and said again at the user's line when
    raised, where the user's filters take it as on a plain DataFrame ("error" raises inside pandas, before it sorts
    or enlarges; Python's registry of the user's module says it once per line); others untouched. Not
    :class:`warnings.catch_warnings`, whose exit resets those registries (``sort_values(..., inplace=True)`` in a
    loop then said its Pandas4Warning each time under the default filters, a plain DataFrame once).

    Thread-safe: the filter and ``showwarning`` are process-wide, so one of each (:func:`_show_at_users_line`) is
    installed by the first context entered and removed by the last one left if still there (a user's ``showwarning``
    or filters set meanwhile stay), under ``_LOCK`` held only while the count changes; each thread's user line is its
    own (:data:`_USERS`). Until session 61 two threads inside wrappers at once each saved the other's ``showwarning``
    (one left installed for good); then, after review R47, a lock held for the whole method deadlocked a user
    callback (``sort_values(key=...)``) waiting on another thread's CycleTable."""

    def __enter__(self):
        user = _users_frame(sys._getframe(1))[0]
        stack = _USERS.__dict__.setdefault("stack", [])
        with _LOCK:
            if _INSTALLED["count"] == 0:
                # (Python's warn reads the module's list at each warning; a filter added inside stays, as on a plain
                # DataFrame)
                warnings.filters.insert(0, _PACKAGE_WARNINGS_SHOWN)
                _INSTALLED["show"] = warnings.showwarning
                warnings.showwarning = _show_at_users_line
            _INSTALLED["count"] += 1
        stack.append((user.f_globals, user.f_code.co_filename, user.f_lineno))
        return self

    def __exit__(self, *exception):
        _USERS.stack.pop()
        with _LOCK:
            _INSTALLED["count"] -= 1
            if _INSTALLED["count"] == 0:
                # (only what is still this context's: a user's showwarning or resetwarnings made meanwhile, in a
                # callback or another thread, stays; until session 62 the first was overwritten, the second a
                # ValueError at the close)
                if _PACKAGE_WARNINGS_SHOWN in warnings.filters:
                    warnings.filters.remove(_PACKAGE_WARNINGS_SHOWN)
                if warnings.showwarning is _show_at_users_line:
                    warnings.showwarning = _INSTALLED["show"]  # (kept: a warning already on its way may read it)
        return False


def _show_at_users_line(message, category, filename, lineno, *file_and_text):
    """The ``showwarning`` installed while a :class:`_WarningsAtUsersLine` context is open: a warning of this package's
    files said in a thread inside such a context is said again at that thread's innermost user line; any other
    passed to the ``showwarning`` found installed."""
    stack = getattr(_USERS, "stack", None)
    if stack and _in_package(filename) and (filename, lineno) != stack[-1][1:]:
        user_globals, file, line = stack[-1]
        warnings.warn_explicit(message, category, file, line, user_globals.get("__name__", "<string>"),
                               user_globals.setdefault("__warningregistry__", {}), user_globals)  # (warn's registry)
    else:
        _INSTALLED["show"](message, category, filename, lineno, *file_and_text)


#: each thread's user lines (globals, file, line) of its open :class:`_WarningsAtUsersLine` contexts, innermost last
_USERS = threading.local()
#: how many :class:`_WarningsAtUsersLine` contexts are open in the process, and the ``showwarning`` the first replaced
_INSTALLED = {"count": 0}
#: held by a :class:`_WarningsAtUsersLine` context while it changes the count (never while the wrapped method runs: a
#: user callback inside it may wait on another thread's CycleTable)
_LOCK = threading.RLock()


def _in_package(filename):
    """Whether ``filename`` (a warning's) is a file of this package (:data:`LIBRARY_FOLDERS`' first)."""
    return not filename.startswith("<") and _resolved(filename).startswith(LIBRARY_FOLDERS[0])


def warnings_at_users_line(method):
    """``method`` (a wrapper of a pandas method) with the warnings pandas raises through it at the user's line, of
    their category and text, as on a plain DataFrame (until R45 a CycleTable's ``sort_values(..., inplace=True)`` and
    ``.at[new_row, column] = x`` Pandas4Warnings pointed at cycle_table.py, hidden by Python's default filters, and
    a chained ``.at``/``.loc`` assignment's ChainedAssignmentError named cycle_table.py)."""
    @functools.wraps(method)
    def at_users_line(*args, **kwargs):
        with _WarningsAtUsersLine():
            return method(*args, **kwargs)
    return at_users_line
