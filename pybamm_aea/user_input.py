"""Checks of what a user gives that are not physics (the physical ranges are
:data:`pybamm_aea.models.checks.RANGES`): each value of a list once, and an output that replaces no folder and
no existing file unless asked. Each returns what is wrong (or None), so the command line raises it as a usage
error and the Python API as its own exception type."""

from pathlib import Path


def first_repeat(values):
    """The first value of ``values`` equal to an earlier one, or None when each value appears once."""
    seen = []
    for value in values:
        if value in seen:
            return value
        seen.append(value)
    return None


def output_refusal(path, force, how_to_force):
    """Why ``path`` may not be written as an output, or None: it is a folder, or an existing file and ``force``
    is false (nothing a user wrote is replaced unasked; ``how_to_force`` names the switch in the message)."""
    path = Path(path)
    if path.is_dir():
        return "is a folder"
    if path.exists() and not force:
        return f"exists: not overwritten without {how_to_force}"
    return None
