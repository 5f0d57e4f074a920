"""The user's frame: the first frame of the call stack outside the library code (this package's, PyBaMM's and
pandas'), the line a warning about the user's call points at (``warnings.warn(..., stacklevel=users_stacklevel())``):
a solve's warnings at the user's ``sim.solve``, not PyBaMM's Simulation line (Python's default filters show a
DeprecationWarning only when it points at ``__main__``, and say a warning once per line it points at). One reading of
the stack for every such warning (until session 60 cycling had its own, which skipped pandas but not PyBaMM and did
not take a notebook cell's frame as the user's).
"""
import importlib.util
import os
from pathlib import Path
import sys

__all__ = ["LIBRARY_FOLDERS", "users_stacklevel"]

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
    return not filename.startswith("<") and os.path.realpath(filename).startswith(LIBRARY_FOLDERS)


def users_stacklevel():
    """The ``stacklevel`` (:func:`warnings.warn`'s, counted from the function that calls this) of the first frame
    outside the library code (:data:`LIBRARY_FOLDERS`): the user's ``sim.solve``, ``solver.solve`` or
    ``table["Discharge capacity [A.h]"]``; the outermost frame if every frame is the library's."""
    frame, level = sys._getframe(1), 1
    while frame.f_back is not None and _in_library(frame.f_code.co_filename):
        frame, level = frame.f_back, level + 1
    return level
