"""Reproduction of the paper's energy-density figures with pybamm_aea.energy (Li et al., Adv. Mater. 2021, SI).

Expected values come from the shipped CSV tables (never retyped) or, for figures that only appear in the text
(the S-LMS "calculation model" a-d), from the constants in PAPER_TEXT below, each with its place in the paper.

Tolerances: Table S2 fractions within 0.005 absolute (0.5 %), its densities within 0.5 % or half a unit of the
printed last digit (0.005 g/cm3), whichever is larger; Table S8, Table S9 and the text figures within 1 %
(relative).
"""
import dataclasses
import re

import numpy as np
import pytest

from pybamm_aea.data import load_paper_table
from pybamm_aea.energy import Electrode, get_material, porosity
from pybamm_aea.energy import paper

S2 = load_paper_table("tableS2_electrode_composition").set_index("quantity")
S8 = load_paper_table("tableS8_energy_vs_pressure")
S9 = load_paper_table("tableS9_electrode_energy").set_index("material")

#: Figures quoted in the paper's text (main text p. 6 and the SI "energy density calculation model").
PAPER_TEXT = {
    # (a) theoretical, charged basis
    "theoretical_esc": 630.0,  # mAh/g
    "theoretical_wh_kg": 1260.0,
    "theoretical_density": 3.34,  # g/cm3 of the pore-free S8/Mo6S8 solid
    "theoretical_wh_l": 3865.0,
    # (b) theoretical, discharged basis (Li2S + Li4Mo6S8 = 0.40 : 0.60)
    "discharged_li2s_fraction": 0.40,
    "discharged_mass_ratio": 1.1649,  # "905.5/1.1649"
    "mo6s8_molar_mass": 832.0,  # the calculation model's rounded molar masses (the library's are the formulas')
    "li4mo6s8_molar_mass": 860.0,
    "discharged_esc": 541.0,
    "discharged_wh_kg": 1082.0,
    "discharged_density": 2.7257,
    "discharged_wh_l": 2708.0,
    # (c) practical, charged basis
    "practical_esc": 483.8,
    "practical_wh_kg": 905.5,
    "practical_wh_l": 2778.0,
    # (d) practical, discharged basis
    "practical_discharged_wh_kg": 777.0,
    "practical_discharged_wh_l": 1945.0,
}

REL = 0.01


def rel_err(model, printed):
    return abs(model - printed) / abs(printed)


# ---------------------------------------------------------------------------------------------------- Table S2
def _s2_model(column, row):
    e = paper.table_s2_electrode(column)
    active = paper.TABLE_S2_COLUMNS[column][0]
    liquid_or_se = e.pore_filler.name if e.pore_filler is not None else "Sulfide SE"
    pdens, mf, vf = e.partial_densities, e.mass_fractions, e.volume_fractions
    cb = ("Carbon", "Binder")
    values = {
        "AM_density_g_per_cm3": get_material(active).density,
        "composite_solid_density_g_per_cm3": e.solid_density,
        "porosity": e.porosity,
        "total_electrode_density_g_per_cm3": e.density,
        "AM_density_in_electrode_g_per_cm3": pdens[active],
        "carbon_binder_density_in_electrode_g_per_cm3": sum(pdens.get(k, 0.0) for k in cb),
        "electrolyte_density_in_electrode_g_per_cm3": pdens.get(liquid_or_se, 0.0),
        "AM_wt_of_electrode": mf[active],
        "electrolyte_wt_of_electrode": mf.get(liquid_or_se, 0.0),
        "carbon_binder_wt_of_electrode": sum(mf.get(k, 0.0) for k in cb),
        "AM_vol_of_electrode": vf[active],
        "electrolyte_vol_of_electrode": vf.get(liquid_or_se, 0.0),
        "carbon_binder_vol_of_electrode": sum(vf.get(k, 0.0) for k in cb),
    }
    return values[row]


S2_OUTPUT_ROWS = [
    "AM_density_g_per_cm3",
    "composite_solid_density_g_per_cm3",
    "total_electrode_density_g_per_cm3",
    "AM_density_in_electrode_g_per_cm3",
    "carbon_binder_density_in_electrode_g_per_cm3",
    "electrolyte_density_in_electrode_g_per_cm3",
    "AM_wt_of_electrode",
    "electrolyte_wt_of_electrode",
    "carbon_binder_wt_of_electrode",
    "AM_vol_of_electrode",
    "electrolyte_vol_of_electrode",
    "carbon_binder_vol_of_electrode",
]

#: The Li2S column of Table S2 mixes two sets of numbers that do not agree with each other. Its densities
#: (2.19 / 1.84 / 0.97 / 0.45 / 0.42 g/cm3) agree among themselves, but 2.19 is not the density of its own solid
#: (68 % Li2S at 1.66, 24 % carbon at 2.26, 8 % binder at 1.8 -> 1.785 g/cm3, the rule every other column follows);
#: its weight shares 50 / 32.22 / 17.7 % add to 99.9 % but neither follow from those densities (0.97/1.84 = 52.7 %)
#: nor all from the model; its volume shares are off by ~1 point. The model reproduces the rows not listed here
#: (AM 50 wt%, liquid 0.42 g/cm3 and 35.15 vol%); the rows listed are marked xfail(strict) with the model value.
LI2S_S2_INCONSISTENT = {
    "composite_solid_density_g_per_cm3": "printed 2.19; the column's own solid (68/24/8 wt% at 1.66/2.26/1.8) is 1.785",
    "total_electrode_density_g_per_cm3": "printed 1.84 follows from 2.19; the model gives 1.579 (= Table S9's 1.58)",
    "AM_density_in_electrode_g_per_cm3": "printed 0.97 follows from 2.19; model 0.787",
    "carbon_binder_density_in_electrode_g_per_cm3": "printed 0.45 follows from 2.19; model 0.370",
    "electrolyte_wt_of_electrode": "printed 32.22 % matches neither 0.42/1.84 (22.9 %) nor the model (26.7 %)",
    "carbon_binder_wt_of_electrode": "printed 17.7 % matches neither 0.45/1.84 (24.5 %) nor the model (23.5 %)",
    "AM_vol_of_electrode": "printed 48.37 % vs model 47.41 % (0.96 points)",
    "carbon_binder_vol_of_electrode": "printed 16.38 % vs model 17.44 % (1.06 points)",
}


def _s2_cases():
    for column in paper.TABLE_S2_COLUMNS:
        for row in S2_OUTPUT_ROWS:
            marks = ()
            if column == "Li2S" and row in LI2S_S2_INCONSISTENT:
                marks = pytest.mark.xfail(strict=True, reason="Table S2 Li2S column is inconsistent: " + LI2S_S2_INCONSISTENT[row])
            yield pytest.param(column, row, marks=marks, id=f"{column}-{row}")


@pytest.mark.parametrize("column,row", list(_s2_cases()))
def test_table_s2_makeup(column, row):
    printed = float(S2.loc[row, column])
    model = _s2_model(column, row)
    if "density" in row:
        tol = max(0.005 * abs(printed), 0.005)
    else:
        tol = 0.005
    assert abs(model - printed) <= tol, f"{column} {row}: model {model:.4f} vs printed {printed}"


def test_table_s2_li2s_column_is_inconsistent_with_itself():
    """The printed Li2S densities add up among themselves but not to the printed weight shares."""
    col = S2["Li2S"]
    parts = col["AM_density_in_electrode_g_per_cm3"] + col["carbon_binder_density_in_electrode_g_per_cm3"] + col[
        "electrolyte_density_in_electrode_g_per_cm3"]
    assert parts == pytest.approx(col["total_electrode_density_g_per_cm3"], abs=0.01)
    implied_am_wt = col["AM_density_in_electrode_g_per_cm3"] / col["total_electrode_density_g_per_cm3"]
    assert abs(implied_am_wt - col["AM_wt_of_electrode"]) > 0.02  # 0.527 vs the printed 0.50
    own_solid = paper.table_s2_electrode("Li2S").solid_density
    assert abs(own_solid - col["composite_solid_density_g_per_cm3"]) > 0.3  # 1.785 vs the printed 2.19


def test_table_s2_every_column_sums_to_one():
    for column in paper.TABLE_S2_COLUMNS:
        e = paper.table_s2_electrode(column)
        assert sum(e.mass_fractions.values()) == pytest.approx(1.0, abs=1e-12)
        assert sum(e.volume_fractions.values()) == pytest.approx(1.0, abs=1e-12)


# ---------------------------------------------------------------------------------------------------- Table S9
def _s9_model(row, column, voltage=None):
    e, printed_v = paper.table_s9_electrode(row)
    v = printed_v if voltage is None else voltage
    ed = e.energy_density(v)
    pdens, vf = e.partial_densities, e.volume_fractions
    active = [n for n in e.composition if e.capacity_of(n) > 0]
    values = {
        "active_density_g_per_cm3": sum(pdens[n] for n in active) / sum(vf[n] for n in active),
        "total_electrode_density_g_per_cm3": e.density,
        "porosity": e.porosity,
        "active_density_in_electrode_g_per_cm3": sum(pdens[n] for n in active),
        "specific_capacity_mAh_per_g": sum(e.capacity_of(n) * e.composition[n] for n in active) / sum(e.composition[n] for n in active),
        "active_mass_fraction": e.active_mass_fraction,
        "ESC_mAh_per_g": ed.specific_capacity,
        "average_voltage_V": ed.average_voltage,
        "EG_Wh_per_kg": ed.gravimetric,
        "EG_Wh_per_L": ed.volumetric,
    }
    return values[column]


S9_COLUMNS = [
    "active_density_g_per_cm3",
    "total_electrode_density_g_per_cm3",
    "active_density_in_electrode_g_per_cm3",
    "active_mass_fraction",
    "ESC_mAh_per_g",
    "EG_Wh_per_kg",
    "EG_Wh_per_L",
]
#: Li2S-LMS: the printed average voltage 1.96 V does not reproduce the printed 777 Wh/kg (415 x 1.96 = 813) nor,
#: therefore, 1945 Wh/L; the paper's own practical figures imply 905.5 / 483.8 = 1.872 V (CSV header).
S9_INCONSISTENT = {
    ("Li2S-LMS", "EG_Wh_per_kg"): "printed 1.96 V x 415 mAh/g = 813 Wh/kg, not the printed 777",
    ("Li2S-LMS", "EG_Wh_per_L"): "printed 1.96 V gives 2038 Wh/L, not the printed 1945",
}


def _s9_cases():
    for row in paper.TABLE_S9_ROWS:
        for column in S9_COLUMNS:
            marks = ()
            if (row, column) in S9_INCONSISTENT:
                marks = pytest.mark.xfail(strict=True, reason="Table S9 inconsistent: " + S9_INCONSISTENT[(row, column)])
            yield pytest.param(row, column, marks=marks, id=f"{row}-{column}")


@pytest.mark.parametrize("row,column", list(_s9_cases()))
def test_table_s9_row(row, column):
    printed = float(S9.loc[row, column])
    model = _s9_model(row, column)
    assert rel_err(model, printed) <= REL, f"{row} {column}: model {model:.4f} vs printed {printed}"


@pytest.mark.parametrize("column", ["EG_Wh_per_kg", "EG_Wh_per_L"])
def test_table_s9_li2s_lms_with_the_papers_own_voltage(column):
    """With the mean voltage of the paper's practical figures (905.5 / 483.8 V) the printed 777 and 1945 follow."""
    v = PAPER_TEXT["practical_wh_kg"] / PAPER_TEXT["practical_esc"]
    model = _s9_model("Li2S-LMS", column, voltage=v)
    assert rel_err(model, float(S9.loc["Li2S-LMS", column])) <= REL


def test_table_s9_inputs_match_the_library():
    """Active densities of Table S9 are the library's (read from the same tables)."""
    for row, material in paper.TABLE_S9_ROWS.items():
        if material is not None:
            assert get_material(material).density == pytest.approx(float(S9.loc[row, "active_density_g_per_cm3"]))


# ---------------------------------------------------------------------------------------------------- Table S8
@pytest.mark.parametrize("i", range(len(S8)), ids=[f"{p:g}MPa" for p in S8["pressure_MPa"]])
def test_table_s8_energy_vs_pressure(i):
    row = S8.iloc[i]
    basis = dict(capacities=paper.TABLE_S8_CAPACITIES)
    slms = Electrode(paper.SLMS_COMPOSITION, row["S_LMS_porosity_percent"] / 100, **basis)
    sclgps = Electrode(paper.SCLGPS_COMPOSITION, row["S_C_LGPS_porosity_percent"] / 100,
                       capacities={"S8": paper.TABLE_S8_CAPACITIES["S8"]})
    assert rel_err(slms.energy_density(paper.TABLE_S8_VOLTAGE).volumetric, row["S_LMS_energy_Wh_per_L"]) <= REL
    assert rel_err(sclgps.energy_density(paper.TABLE_S8_VOLTAGE).volumetric, row["S_C_LGPS_energy_Wh_per_L"]) <= REL
    # The same through the stack-pressure API (porosity from the Table S8 compaction data).
    at_p = Electrode.at_pressure(paper.SLMS_COMPOSITION, row["pressure_MPa"], "S-LMS", **basis)
    assert rel_err(at_p.energy_density(paper.TABLE_S8_VOLTAGE).volumetric, row["S_LMS_energy_Wh_per_L"]) <= REL
    at_p = Electrode.at_pressure(paper.SCLGPS_COMPOSITION, row["pressure_MPa"], "S-C-LGPS",
                                 capacities={"S8": paper.TABLE_S8_CAPACITIES["S8"]})
    assert rel_err(at_p.energy_density(paper.TABLE_S8_VOLTAGE).volumetric, row["S_C_LGPS_energy_Wh_per_L"]) <= REL


def test_slms_filling_rate_at_360_mpa():
    """91.8 % compacted filling (8.2 % porosity) at 360 MPa."""
    assert porosity("S-LMS", 360) == pytest.approx(0.082, abs=1e-12)


# ------------------------------------------------------------------------------------ S-LMS text figures (a)-(d)
@pytest.fixture(scope="module")
def slms_360():
    return Electrode.at_pressure(paper.SLMS_COMPOSITION, 360, "S-LMS")


def test_slms_theoretical_charged_basis(slms_360):
    ed = slms_360.energy_density(paper.THEORETICAL_VOLTAGE)
    assert rel_err(ed.specific_capacity, PAPER_TEXT["theoretical_esc"]) <= REL
    assert rel_err(ed.gravimetric, PAPER_TEXT["theoretical_wh_kg"]) <= REL
    assert rel_err(slms_360.solid_density, PAPER_TEXT["theoretical_density"]) <= REL
    assert rel_err(ed.volumetric, PAPER_TEXT["theoretical_wh_l"]) <= REL


def test_slms_theoretical_discharged_basis(slms_360):
    lith = slms_360.lithiated()  # same porosity: the paper's assumption
    assert lith.porosity == slms_360.porosity
    assert set(lith.composition) == {"Li2S", "Li4Mo6S8"}
    assert lith.composition["Li2S"] == pytest.approx(PAPER_TEXT["discharged_li2s_fraction"], abs=0.005)
    # the paper's 1.1649 is of its rounded molar masses (Mo6S8 832, Li4Mo6S8 860 g/mol), which give it to its printed
    # digits; the library's IUPAC formula masses (832.18, 859.94) give 1.16470, 1.7e-4 below, outside that 1e-4
    ms = get_material("Mo6S8")
    rounded = dataclasses.replace(ms, molar_mass=PAPER_TEXT["mo6s8_molar_mass"], lithiated_record=dataclasses.replace(
        ms.lithiated, molar_mass=PAPER_TEXT["li4mo6s8_molar_mass"]))
    as_paper = Electrode({"S8": paper.SLMS_COMPOSITION["S8"], rounded: paper.SLMS_COMPOSITION["Mo6S8"]},
                         slms_360.porosity)
    assert rel_err(as_paper.lithiation_mass_ratio(), PAPER_TEXT["discharged_mass_ratio"]) <= 1e-4
    ed = lith.energy_density(paper.THEORETICAL_VOLTAGE)
    assert rel_err(ed.specific_capacity, PAPER_TEXT["discharged_esc"]) <= REL
    assert rel_err(ed.gravimetric, PAPER_TEXT["discharged_wh_kg"]) <= REL
    assert rel_err(lith.solid_density, PAPER_TEXT["discharged_density"]) <= REL
    assert rel_err(ed.volumetric, PAPER_TEXT["discharged_wh_l"]) <= REL
    # capacity (mAh) is conserved by lithiation
    assert ed.specific_capacity * slms_360.lithiation_mass_ratio() == pytest.approx(slms_360.specific_capacity)


def _synthetic_practical_curve():
    """A discharge curve of the practical S-LMS cell: 0.6289 mAh, shaped like Figure 5a (a sloping ~2.2 V
    region, a ~2.0 V plateau, a tail to 1 V) and scaled so that its mean voltage is the one the paper's figures
    imply (905.5 Wh/kg / 483.8 mAh/g); the measured curve itself is not published."""
    q = np.linspace(0.0, paper.SLMS_PRACTICAL["capacity_mAh"], 400)
    x = q / q[-1]
    shape = 2.05 - 0.25 * x - 0.6 * x**12 + 0.2 * np.exp(-x / 0.05)
    target = PAPER_TEXT["practical_wh_kg"] / PAPER_TEXT["practical_esc"]
    v = shape * target / (np.trapezoid(shape, q) / q[-1])
    return q, v


def test_slms_practical_from_curve():
    pytest.importorskip("pybamm_aea._kernels", reason="compiled kernels not built")
    q, v = _synthetic_practical_curve()
    e = paper.slms_practical_electrode()
    res = e.from_curve(q, v, paper.SLMS_PRACTICAL["mass_mg"] / 1000.0)
    assert rel_err(res.specific_capacity, PAPER_TEXT["practical_esc"]) <= REL
    assert rel_err(res.gravimetric, PAPER_TEXT["practical_wh_kg"]) <= REL
    assert rel_err(res.volumetric, PAPER_TEXT["practical_wh_l"]) <= REL
    assert rel_err(res.discharged.gravimetric, PAPER_TEXT["practical_discharged_wh_kg"]) <= REL
    assert rel_err(res.discharged.volumetric, PAPER_TEXT["practical_discharged_wh_l"]) <= REL
    # ESC on the discharged basis: the 415 mAh/g of Table S9's Li2S-LMS row
    assert rel_err(res.discharged.specific_capacity, float(S9.loc["Li2S-LMS", "ESC_mAh_per_g"])) <= REL
    assert res.energy_mWh == pytest.approx(np.trapezoid(v, q), rel=1e-12)


def test_slms_practical_electrode_capacity_split():
    """The practical electrode built from the text (S 1290 mAh/g_S, Mo6S8 the rest) has ESC 483.8 mAh/g and
    the practical energies at the implied mean voltage without any curve."""
    e = paper.slms_practical_electrode()
    assert rel_err(e.specific_capacity, PAPER_TEXT["practical_esc"]) <= 1e-3
    ed = e.energy_density()
    assert rel_err(ed.gravimetric, PAPER_TEXT["practical_wh_kg"]) <= REL
    assert rel_err(ed.volumetric, PAPER_TEXT["practical_wh_l"]) <= REL
    assert 2.8 < e.capacity_of("Mo6S8") / get_material("Mo6S8").specific_capacity * 4 < 3.1  # ~3 Li per Mo6S8


def test_the_energy_model_and_the_constants_do_not_import_pybamm():
    """The paper's energy model (and the constants it reads, which hold the one Arrhenius law of the sets) runs
    without importing PyBaMM: pybamm_aea.energy imported pandas only (the Arrhenius law's PyBaMM import at the
    constants' top made it import PyBaMM, ~1 s more per energy command)."""
    import subprocess
    import sys

    code = "import sys, pybamm_aea.energy, pybamm_aea.constants; print('pybamm' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "False", (out.stdout, out.stderr)


@pytest.mark.parametrize("call, suggested", [
    (lambda: paper.table_s2_electrode("lifepo4"), "LiFePO4"),  # a wrong case
    (lambda: paper.table_s2_electrode("LiFePO5"), "LiFePO4"),  # a misspelling
    (lambda: paper.table_s9_electrode("li2s-lms"), "Li2S-LMS"),
    (lambda: paper.table_s9_electrode("Li2S-LSM"), "Li2S-LMS"),
], ids=['S2 lifepo4', 'S2 LiFePO5', 'S9 li2s-lms', 'S9 Li2S-LSM'])
def test_an_unknown_table_column_or_row_suggests_the_close_names(call, suggested):
    """table_s2_electrode / table_s9_electrode listed the table's columns or rows but suggested none."""
    with pytest.raises(ValueError, match=re.escape(f"did you mean [{suggested!r}")):
        call()
