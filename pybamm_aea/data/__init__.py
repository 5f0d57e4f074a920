"""The paper's tables (Li et al., Adv. Mater. 2021, 33, 2008723, supporting information) as shipped CSV.

The files in ``paper/`` are byte-for-byte copies of ``shared/paper/data/`` (a test checks this), so that
an installed package carries them. Each file's ``#`` header says what was mended from the extracted text.
"""
from functools import lru_cache
from importlib import resources

import pandas as pd

from ..user_input import did_you_mean

#: the columns of each table that the package (``pybamm_aea``) reads: a file without one is refused naming it and the
#: column (it was a bare KeyError where the column was read: ``KeyError: 'D_upper_cm2_per_s'`` from the TiS2 set's
#: diffusivity). Columns only the examples or tests read (e.g. Table S8's energies, Fig. S1's potentials) or that
#: nothing reads (e.g. Table S6/S7's sample heights) are not listed; a test checks each listed column is a string
#: of the package's source.
PAPER_TABLE_COLUMNS = {
    "figS1_LixMo6S8_diffusion": ("x_in_LixMo6S8", "D_cm2_per_s"),
    "tableS2_electrode_composition": ("quantity", "LiFePO4", "NMC", "LiMn2O4", "LiCoO2", "Li2S", "ASSLB_average",
                                      "AEA_Li4Mo6S8"),
    "tableS4_conductivity_vs_porosity": ("material", "porosity", "conductivity_S_per_cm"),
    "tableS5_li_diffusion": ("material", "D_lower_cm2_per_s", "D_upper_cm2_per_s"),
    "tableS6_S7_porosity_vs_pressure": ("state", "pressure_MPa", "porosity_percent"),
    "tableS8_energy_vs_pressure": ("pressure_MPa", "S_LMS_porosity_percent", "S_C_LGPS_porosity_percent"),
    "tableS9_electrode_energy": ("material", "active_density_g_per_cm3", "porosity", "specific_capacity_mAh_per_g",
                                 "active_mass_fraction", "ESC_mAh_per_g", "average_voltage_V", "EG_Wh_per_kg",
                                 "EG_Wh_per_L"),
}
PAPER_TABLES = tuple(PAPER_TABLE_COLUMNS)


def paper_table_path(name):
    """Path of the shipped CSV of one of the paper's tables (``name`` without ``.csv``)."""
    if name not in PAPER_TABLES:
        raise ValueError(f"unknown paper table {name!r}; known tables: {', '.join(PAPER_TABLES)}"
                         + did_you_mean(name, PAPER_TABLES))
    return resources.files(__name__).joinpath("paper", f"{name}.csv")


def load_paper_table(name):
    """The paper's table ``name`` as a pandas DataFrame (``#`` header lines skipped).

    Each file is parsed once per process; every call returns a fresh copy, so callers may
    modify what they get.
    """
    return _parsed_table(name).copy()


@lru_cache(maxsize=None)
def _parsed_table(name):
    path = paper_table_path(name)
    with path.open("r") as f:
        table = pd.read_csv(f, comment="#")
    missing = [column for column in PAPER_TABLE_COLUMNS[name] if column not in table.columns]
    if missing:
        raise ValueError(f"the paper table {name!r} ({path}) lacks the column{'s' * (len(missing) > 1)} "
                         f"{', '.join(map(repr, missing))} the package reads; its columns: {list(table.columns)}")
    return table
