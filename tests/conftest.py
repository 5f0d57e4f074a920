"""Shared fixtures: the paper's tables straight from shared/paper/data when present; the README's figures as the
tests that pin them read them (:func:`readme_figure`)."""
from dataclasses import dataclass
from pathlib import Path
import re

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "paper" / "data"
README = Path(__file__).resolve().parents[1] / "README.md"

#: a figure as the README writes it: digits, a decimal point and digits
_NUMBER = r"\d+(?:\.\d+)?"


@pytest.fixture(scope="session")
def shared_data_dir():
    if not SHARED_DATA.is_dir():
        pytest.skip("shared/paper/data is not beside the checkout")
    return SHARED_DATA


#: the relative spread, between two processors, of a figure of a multi-cycle run (nucleations decided by round-off):
#: the S-LMS formation + 3 cycles' ESC 487.42 mA.h/g on the AMD EPYC of sessions 45-59, 487.59 on session 60's
#: (3.5e-4); LMS's retention after 50 cycles 88.12 and 88.18 % (6.8e-4); 1e-3 keeps a factor 2, a swapped term or a
#: figure 0.2 % off failing
PROCESSOR_SPREAD = 1e-3


@dataclass(frozen=True)
class ReadmeFigure:
    """A figure of the README: its value and the decimals it is stated to."""

    value: float
    decimals: int

    def approx(self, tolerance=0.0, across_processors=False):
        """``pytest.approx`` of the figure to its own rounding: half a unit of its last digit, plus ``tolerance`` (a
        solver's stated tolerance, in the figure's unit) and, ``across_processors``, :data:`PROCESSOR_SPREAD` of
        the figure (a run whose round-off differs between processors)."""
        spread = PROCESSOR_SPREAD * abs(self.value) if across_processors else 0.0
        return pytest.approx(self.value, abs=0.5 * 10.0 ** -self.decimals + tolerance + spread)



def _anchored(anchor, text):
    """The figure at ``{}`` in ``anchor``, text that occurs once in ``text`` (any white space a space), as written;
    ``{_}`` stands for any other figure."""
    anchor, text = (re.sub(r"\s+", " ", t) for t in (anchor, text))  # (a line break is a space: the README wraps)
    if anchor.count("{}") != 1:
        raise ValueError(f"anchor {anchor!r}: mark the figure with one '{{}}' (other figures '{{_}}')")
    head, tail = (re.escape(part).replace(re.escape("{_}"), _NUMBER) for part in anchor.split("{}"))
    found = re.findall(head + rf"(?<![\d.])({_NUMBER})(?![\d])" + tail, text)
    if len(found) != 1:
        raise ValueError(f"README.md holds the anchor {anchor!r} {len(found)} times, not once "
                         f"(figures there: {found}): mend the anchor or the README")
    return found[0]


def readme_figure(anchor, *also, text=None):
    """The README's figure at ``{}`` in ``anchor``, a text that occurs once in README.md (``{_}``: any other figure
    in it), as a :class:`ReadmeFigure`; ``also``: anchors of the same figure elsewhere in the README, which must
    state it alike (else ValueError naming both). ``text``: the README's text (the file's when None)."""
    text = README.read_text() if text is None else text
    written = [_anchored(a, text) for a in (anchor, *also)]
    for a, w in zip(also, written[1:]):
        if w != written[0]:
            raise ValueError(f"README.md states {written[0]} at {anchor!r} but {w} at {a!r}")
    return ReadmeFigure(float(written[0]), len(written[0].partition(".")[2]))


@pytest.fixture(name="readme_figure", scope="session")
def readme_figure_fixture():
    """:func:`readme_figure`: a test compares the model's figure to the README's, ``figure.approx()``."""
    return readme_figure


@pytest.fixture
def thin_electrode_below_range(monkeypatch):
    """The loading range without its lower end (:data:`pybamm_aea.ranges.THINNEST_CATHODE_UM`, since session 52) for
    the thin electrode, 33 nm, thinner than a particle layer: the solver's probe here (the end short of its cut-off
    it shows, measured at this loading: at 1.34 %, 1.5 %, 2 %, 2.5 %, 3 % and 5 % of the set's the tests of
    tests/test_solver_tolerance.py see other ends; the sweep's refined-point test in tests/test_sweep.py), not a cell a
    user can build."""
    from dataclasses import replace

    from pybamm_aea.models import checks
    from pybamm_aea.ranges import CATHODE_LOADING

    monkeypatch.setitem(checks.RANGES, "Cathode loading [kg.m-2]", replace(CATHODE_LOADING, low=0.0, low_open=True))
