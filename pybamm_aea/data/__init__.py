"""The paper's tables (Li et al., Adv. Mater. 2021, 33, 2008723, supporting information) as shipped CSV.

The files in ``paper/`` are byte-for-byte copies of ``shared/paper/data/`` (a test checks this), so that
an installed package carries them. Each file's ``#`` header says what was mended from the extracted text.
"""
from functools import lru_cache
from importlib import resources

import pandas as pd

PAPER_TABLES = (
    "figS1_LixMo6S8_diffusion",
    "tableS2_electrode_composition",
    "tableS4_conductivity_vs_porosity",
    "tableS5_li_diffusion",
    "tableS6_S7_porosity_vs_pressure",
    "tableS8_energy_vs_pressure",
    "tableS9_electrode_energy",
)


def paper_table_path(name):
    """Path of the shipped CSV of one of the paper's tables (``name`` without ``.csv``)."""
    if name not in PAPER_TABLES:
        raise ValueError(f"unknown paper table {name!r}; known tables: {', '.join(PAPER_TABLES)}")
    return resources.files(__name__).joinpath("paper", f"{name}.csv")


def load_paper_table(name):
    """The paper's table ``name`` as a pandas DataFrame (``#`` header lines skipped).

    Each file is parsed once per process; every call returns a fresh copy, so callers may
    modify what they get.
    """
    return _parsed_table(name).copy()


@lru_cache(maxsize=None)
def _parsed_table(name):
    with paper_table_path(name).open("r") as f:
        return pd.read_csv(f, comment="#")
