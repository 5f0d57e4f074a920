"""The paper's electrodes and calculation bases, expressed through the general model.

Li et al., Adv. Mater. 33, 2008723 (2021). Every figure of its calculation model is reproduced by an
:class:`~pybamm_aea.energy.Electrode` with documented arguments; this module only names those arguments
(inputs stated in the paper's text) and builds the electrodes of its Tables S2 and S9 from the shipped CSVs.
Nothing here special-cases an output.

How the paper computed its figures (SI "energy density calculation model"):

- Table S2 (after Berg et al. 2015): solid density = harmonic mean of the constituents' densities by mass;
  liquid cells fill the porosity with 1.2 g/cm3 electrolyte, solid-state cells leave it empty; every fraction is
  of the whole electrode. -> :func:`table_s2_electrode`.
- Table S9: ESC = SC x active mass fraction of the electrode, Wh/kg = ESC x V, Wh/L = Wh/kg x electrode density.
  Its Mo6S8 and TiS2 rows use the *discharged* phases' densities (4.78 = Li4Mo6S8, 3.09 = LiTiS2) and its
  "Li2S-LMS" row is the practical S-LMS result on the discharged basis. -> :func:`table_s9_electrode`.
- Table S8: 32.5 % S8 (1600 mAh/g reversible) + 67.5 % Mo6S8 (90 mAh/g), 2 V, solid volume at the measured
  porosity (empty pores); the S-C/LGPS comparison uses the paper's generic 1.92 g/cm3 sulfide density for LGPS
  (that density reproduces every row; crystalline LGPS is 2.04). -> :data:`TABLE_S8_CAPACITIES`,
  :data:`SCLGPS_COMPOSITION`.
- S-LMS theoretical (a): 0.325 x 1675 + 0.675 x 128 = 630 mAh/g, x 2 V; density 1/(0.325/1.96 + 0.675/5.06);
  Wh/L x (1 - porosity) with the 360 MPa porosity. (b) discharged basis: masses x 8 M(Li2S)/M(S8) and
  M(Li4Mo6S8)/M(Mo6S8) (sum 1.1649 with the paper's rounded 832 and 860 g/mol; 1.1647 with the formula
  masses the library uses), densities of Li2S and Li4Mo6S8, same porosity
  -> ``Electrode.lithiated()``.
- S-LMS practical (c): ESC = 0.6289 mAh / 1.3 mg; Wh/kg = integral of V dQ / mass; Wh/L with porosity 8.15 %.
  (d): divided by the same mass ratio, density of the discharged electrode -> ``Electrode.from_curve``.
"""
import functools

from pybamm_aea.data import load_paper_table
from pybamm_aea.user_input import did_you_mean

from .electrode import Electrode

__all__ = [
    "SLMS_COMPOSITION",
    "LTO_LMS_COMPOSITION",
    "SCLGPS_COMPOSITION",
    "TABLE_S8_CAPACITIES",
    "TABLE_S8_VOLTAGE",
    "THEORETICAL_VOLTAGE",
    "SLMS_PRACTICAL",
    "SLMS_PRACTICAL_MEAN_VOLTAGE",
    "REVERSIBLE_CAPACITY",
    "PAPER_CELL",
    "TABLE_S2_COLUMNS",
    "TABLE_S9_ROWS",
    "LI2S_ASSLB_INACTIVE_SPLIT",
    "table_s2_electrode",
    "table_s9_electrode",
    "slms_electrode",
    "slms_practical_electrode",
]

#: Hybrid S-LMS AEA cathode, mass fractions (main text and Experimental Section: 162.5 mg S8 + 337.5 mg Mo6S8).
#: The one record of it: the parameter set :mod:`pybamm_aea.parameters.Li2021_S_Mo6S8` (its "Dispersed material
#: mass fraction") and the sweep (:data:`pybamm_aea.sweep.SET_COMPOSITIONS`) read it from here.
SLMS_COMPOSITION = {"S8": 0.325, "Mo6S8": 0.675}
#: Hybrid LTO-LMS AEA cathode (40 wt% Li4Ti5O12 + 60 wt% Mo6S8; Experimental Section); the one record of it, read
#: by :mod:`pybamm_aea.parameters.Li2021_LTO_Mo6S8`.
LTO_LMS_COMPOSITION = {"Li4Ti5O12": 0.40, "Mo6S8": 0.60}
#: The "typical S-C/LGPS cathode" of Table S8 / Figure 4e (32.5 wt% S, 17.5 wt% C, 50 wt% LGPS: its own
#: composition, which sums to 1; Table S8 compares it with S-LMS at the same sulfur content). LGPS is given the
#: paper's generic sulfide density (``"Sulfide SE"``, 1.92 g/cm3), which is what reproduces Table S8.
SCLGPS_COMPOSITION = {"S8": 0.325, "Carbon": 0.175, "Sulfide SE": 0.50}
#: Reversible capacities of the Table S8 basis (note under Table S8), mAh/g.
TABLE_S8_CAPACITIES = {"S8": 1600.0, "Mo6S8": 90.0}
#: Average voltage of the Table S8 basis, V.
TABLE_S8_VOLTAGE = 2.0
#: Voltage of the theoretical S-LMS figures (SI calculation model a and b: "C . 2V"), V.
THEORETICAL_VOLTAGE = 2.0
#: Practical S-LMS half cell of the SI calculation model (c): capacity, electrode mass, area (the die, 0.785 cm2),
#: porosity of the cathode, and the S8 share of the capacity (1290 mAh per g of S8, main text).
SLMS_PRACTICAL = {
    "capacity_mAh": 0.6289,
    "mass_mg": 1.3,
    "area_cm2": 0.785,
    "porosity": 0.0815,
    "sulfur_capacity_mAh_per_g": 1290.0,
}
#: Mean discharge voltage implied by the paper's practical figures, 905.5 Wh/kg / 483.8 mAh/g (V). The measured
#: curve is not published; this is the voltage its integral corresponds to.
SLMS_PRACTICAL_MEAN_VOLTAGE = 905.5 / 483.8
#: Reversible capacities quoted in the main text, mAh/g of the charged host: LMS 90, LTS "more than 180".
REVERSIBLE_CAPACITY = {"Mo6S8": 90.0, "TiS2": 180.0}
#: The paper's lab cell (Experimental Section and SI): 0.785 cm2 die, 100 mg LGPS + 50 mg Li3PS4 separator,
#: 80 um Li foil with a 30 um In foil, cathode compressed at 360 MPa, standard cathode loading 1.5 mg/cm2.
PAPER_CELL = {
    "area_cm2": 0.785,
    "lgps_mg": 100.0,
    "li3ps4_mg": 50.0,
    "li_um": 80.0,
    "in_um": 30.0,
    "cathode_pressure_MPa": 360.0,
    "separator_pressure_MPa": 216.0,
    "standard_loading_mg_cm2": 1.5,
}

#: Table S2 column -> (active material of the library, pore filler). Liquid Li-ion columns (Li2S included, as the
#: paper lists it with them and fills its 35.15 % porosity with liquid) fill the pores; ASSLB and AEA do not.
TABLE_S2_COLUMNS = {
    "LiFePO4": ("LiFePO4", "1M LiPF6 EC/DMC"),
    "NMC": ("NMC", "1M LiPF6 EC/DMC"),
    "LiMn2O4": ("LiMn2O4", "1M LiPF6 EC/DMC"),
    "LiCoO2": ("LiCoO2", "1M LiPF6 EC/DMC"),
    "Li2S": ("Li2S", "1M LiPF6 EC/DMC"),
    "ASSLB_average": ("ASSLB AM (average)", None),
    "AEA_Li4Mo6S8": ("Li4Mo6S8", None),
}
_S2_SOLID_ROWS = {
    "carbon_wt_of_solid": "Carbon",
    "binder_wt_of_solid": "Binder",
    "solid_electrolyte_wt_of_solid": "Sulfide SE",
}

#: Table S9 row -> active material used to model it.
TABLE_S9_ROWS = {
    "LiFePO4": "LiFePO4",
    "NMC": "NMC",
    "LiMn2O4": "LiMn2O4",
    "LiCoO2": "LiCoO2",
    "Li2S": "Li2S",
    "Mo6S8": "Li4Mo6S8",
    "TiS2": "LiTiS2",
    "Li2S-LMS": None,
}
#: Split of the non-active 40 wt% of the Table S9 "Li2S" electrode (an inference: the paper does not print this
#: composition). A Li2S : sulfide SE : carbon = 60 : 30 : 10 solid at the printed 11 % empty porosity gives
#: 1.584 g/cm3, the printed 1.58, and 1560.0 Wh/L, the printed 1560 (the Li2S column of Table S2 instead gives
#: 50 wt% active material).
LI2S_ASSLB_INACTIVE_SPLIT = {"Sulfide SE": 0.75, "Carbon": 0.25}


@functools.lru_cache(maxsize=None)
def _s2():
    return load_paper_table("tableS2_electrode_composition").set_index("quantity")


@functools.lru_cache(maxsize=None)
def _s9():
    return load_paper_table("tableS9_electrode_energy").set_index("material")


def table_s2_electrode(column):
    """The electrode of one column of Table S2, built from the CSV's solid composition and porosity.

    Parameters
    ----------
    column : str
        ``"LiFePO4"``, ``"NMC"``, ``"LiMn2O4"``, ``"LiCoO2"``, ``"Li2S"``, ``"ASSLB_average"`` or
        ``"AEA_Li4Mo6S8"``.

    Returns
    -------
    Electrode
        Its densities and mass/volume fractions are the model's values of the table's output rows.
    """
    if column not in TABLE_S2_COLUMNS:
        raise ValueError(f"unknown Table S2 column {column!r}; columns: {', '.join(TABLE_S2_COLUMNS)}"
                         + did_you_mean(column, TABLE_S2_COLUMNS))
    active, filler = TABLE_S2_COLUMNS[column]
    s2 = _s2()
    comp = {active: float(s2.loc["AM_wt_of_solid", column])}
    for row, material in _S2_SOLID_ROWS.items():
        w = float(s2.loc[row, column])
        if w > 0:
            comp[material] = w
    total = sum(comp.values())
    comp = {k: v / total for k, v in comp.items()}  # remove the CSV's rounding of the sum (<1e-12)
    return Electrode(comp, float(s2.loc["porosity", column]), pore_filler=filler, name=f"Table S2 {column}")


def slms_electrode(porosity, capacities=None, voltages=None):
    """The hybrid S-LMS AEA cathode (32.5 wt% S8 + 67.5 wt% Mo6S8) with empty pores.

    ``capacities=None`` uses the theoretical 1675 and 128 mAh/g of the paper (630 mAh/g of electrode).
    """
    return Electrode(SLMS_COMPOSITION, porosity, capacities=capacities, voltages=voltages, name="S-LMS")


def slms_practical_electrode(porosity=None):
    """The practical S-LMS cathode: 0.6289 mAh from 1.3 mg (483.8 mAh/g) at 8.15 % porosity.

    The capacity is split as the main text does: S8 delivers 1290 mAh/g of S8, Mo6S8 the rest
    ((483.8 - 0.325 x 1290) / 0.675 = 95.6 mAh/g, about 3 Li per Mo6S8). The mean voltage defaults to
    :data:`SLMS_PRACTICAL_MEAN_VOLTAGE`.
    """
    p = SLMS_PRACTICAL
    esc = p["capacity_mAh"] / p["mass_mg"] * 1000.0
    w_s = SLMS_COMPOSITION["S8"]
    caps = {"S8": p["sulfur_capacity_mAh_per_g"],
            "Mo6S8": (esc - w_s * p["sulfur_capacity_mAh_per_g"]) / SLMS_COMPOSITION["Mo6S8"]}
    v = SLMS_PRACTICAL_MEAN_VOLTAGE
    return Electrode(
        SLMS_COMPOSITION, p["porosity"] if porosity is None else porosity, capacities=caps,
        voltages={"S8": v, "Mo6S8": v}, name="S-LMS practical",
    )


def table_s9_electrode(row):
    """The electrode of one row of Table S9 and the voltage the paper printed for it.

    Recipes (inputs read from the CSVs; see the module docstring):

    - LiFePO4, NMC, LiMn2O4, LiCoO2: the Table S2 liquid electrode with the row's specific capacity.
    - Li2S: Li2S at the row's active fraction (0.60), the rest sulfide SE and carbon 3:1
      (:data:`LI2S_ASSLB_INACTIVE_SPLIT`, inferred), the row's 11 % porosity empty, the row's 912 mAh/g.
    - Mo6S8 / TiS2: 100 % of the discharged phase (Li4Mo6S8 4.78 / LiTiS2 3.09 g/cm3, the row's densities) at the
      row's porosity with the row's specific capacity (per g of that phase).
    - Li2S-LMS: :func:`slms_practical_electrode` at the row's porosity, ``.lithiated()``.

    Returns
    -------
    (Electrode, float)
        The electrode and the row's printed average voltage (V). For Li2S-LMS the printed 1.96 V does not give
        the printed 777 Wh/kg (see the CSV header); :data:`SLMS_PRACTICAL_MEAN_VOLTAGE` does.
    """
    if row not in TABLE_S9_ROWS:
        raise ValueError(f"unknown Table S9 row {row!r}; rows: {', '.join(TABLE_S9_ROWS)}"
                         + did_you_mean(row, TABLE_S9_ROWS))
    r = _s9().loc[row]
    phi = float(r["porosity"])
    sc = float(r["specific_capacity_mAh_per_g"])
    active = TABLE_S9_ROWS[row]
    if row in ("LiFePO4", "NMC", "LiMn2O4", "LiCoO2"):
        e = table_s2_electrode(row)
        e = Electrode(e.composition, e.porosity, pore_filler=e.pore_filler, capacities={active: sc},
                      name=f"Table S9 {row}")
    elif row == "Li2S":
        w = float(r["active_mass_fraction"])
        comp = {"Li2S": w, **{k: (1.0 - w) * f for k, f in LI2S_ASSLB_INACTIVE_SPLIT.items()}}
        e = Electrode(comp, phi, capacities={"Li2S": sc}, name="Table S9 Li2S")
    elif row in ("Mo6S8", "TiS2"):
        e = Electrode({active: 1.0}, phi, capacities={active: sc}, name=f"Table S9 {row}")
    else:
        e = slms_practical_electrode(porosity=phi).lithiated()
        e.name = "Table S9 Li2S-LMS"
    return e, float(r["average_voltage_V"])
