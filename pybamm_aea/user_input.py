"""Checks of what a user gives that are not physics (the physical ranges are
:data:`pybamm_aea.models.checks.RANGES`): each value of a list once, and an output that replaces no folder and
no existing file unless asked. Each returns what is wrong (or None), so the command line raises it as a usage
error and the Python API as its own exception type."""

import os
from pathlib import Path
import uuid


def first_repeat(values):
    """The first value of ``values`` equal to an earlier one, or None when each value appears once."""
    seen = []
    for value in values:
        if value in seen:
            return value
        seen.append(value)
    return None


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
    false (nothing a user wrote is replaced unasked; ``how_to_force`` names the switch in the message), or its
    folder cannot take it (:func:`folder_refusal`)."""
    path = Path(path)
    if path.is_dir():
        return "is a folder"
    if path.exists() and not force:
        return f"exists: not overwritten without {how_to_force}"
    return folder_refusal(path)
