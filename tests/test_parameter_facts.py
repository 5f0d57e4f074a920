"""Facts beside the parameter sets: one thickness <-> loading conversion, used by model and sweep."""
import re

import pybamm
import pytest

from pybamm_aea import parameters
from pybamm_aea.constants import M_LI, formula_mass
from pybamm_aea.energy import Electrode, get_material
from pybamm_aea.energy.materials import from_aea_material
from pybamm_aea.energy.paper import LTO_LMS_COMPOSITION, SLMS_COMPOSITION
from pybamm_aea.materials import paper_hosts
from pybamm_aea.models.aea import AEA


@pytest.mark.parametrize("set_name", ["Li2021_Mo6S8", "Li2021_S_Mo6S8", "Li2021_LTO_Mo6S8", "Li2021_TiS2"])
def test_requested_thickness_is_the_models_thickness(set_name):
    """A 10 um electrode asked for by thickness is 10 um in the model (the sweep used the host density alone:
    S-LMS came out 15.1 um, LTO-LMS x1.18)."""
    values = pybamm.ParameterValues(set_name)
    values["Cathode loading [kg.m-2]"] = parameters.loading_for_thickness(set_name, 10e-6)
    param = AEA(build=False).param
    thickness = values.evaluate(param.L_c)
    assert thickness == pytest.approx(10e-6, rel=1e-12)


def test_solid_density_of_the_hybrids_is_below_the_host_density():
    """S8 (1.96 g/cm3) and Li4Ti5O12 (3.48) in Mo6S8 (5.06): the solid is lighter than its host, so a thickness
    needs less mass than the host density says (the factor the sweep's bug had)."""
    for set_name, factor in (("Li2021_S_Mo6S8", 1.51), ("Li2021_LTO_Mo6S8", 1.18)):
        values = pybamm.ParameterValues(set_name)
        host_only = parameters.cathode_loading(10e-6, values["Cathode porosity"], values["Cathode host density [kg.m-3]"])
        assert host_only / parameters.loading_for_thickness(values, 10e-6) == pytest.approx(factor, abs=0.01)


@pytest.mark.parametrize("set_name, host", [("Li2021_Mo6S8", "Mo6S8"), ("Li2021_TiS2", "TiS2")])
def test_a_hosts_molar_mass_is_one_fact(set_name, host):
    """The cell model's host molar mass is the energy library's record of it, the formula's IUPAC mass (the
    Mo6S8 set typed 832.2 g/mol beside the library's 832.0)."""
    values = pybamm.ParameterValues(set_name)
    assert values["Cathode host molar mass [kg.mol-1]"] * 1e3 == get_material(host).molar_mass == formula_mass(host)


def test_tis2_energy_density_is_one_number_on_both_paths():
    """TiS2 through the energy library's record and through the material API's record (Faraday capacity of its
    molar mass) gives one Wh/L: the record's typed 239.3 mAh/g gave 1435.5 against 1435.6 at 10 % porosity."""
    library = Electrode({"TiS2": 1.0}, 0.1).energy_density(2.07).volumetric
    material = Electrode({from_aea_material(paper_hosts.TIS2): 1.0}, 0.1).energy_density(2.07).volumetric
    assert library == pytest.approx(material, rel=1e-12)


def test_formula_mass_is_the_sum_of_its_atoms():
    """Li4Mo6S8 is Mo6S8 and 4 Li; a formula the atomic-weight table cannot read is named, not guessed."""
    assert formula_mass("Li4Mo6S8") - formula_mass("Mo6S8") == pytest.approx(4 * M_LI * 1e3, rel=1e-12)
    assert formula_mass("LiTiS2") - formula_mass("TiS2") == pytest.approx(M_LI * 1e3, rel=1e-12)
    with pytest.raises(ValueError, match="'NaClO4': no standard atomic weight for Cl, Na"):
        formula_mass("NaClO4")
    with pytest.raises(ValueError, match="'Mo6 S8' is not element symbols and counts"):
        formula_mass("Mo6 S8")


@pytest.mark.parametrize("name, formula, typed", [
    ("LiCoO2", "LiCoO2", "97.87"), ("NMC", "LiNi0.5Mn0.3Co0.2O2", "96.55"), ("NMC532", "LiNi0.5Mn0.3Co0.2O2", "96.55"),
    ("NMC811", "LiNi0.8Mn0.1Co0.1O2", "97.28"), ("LiFePO4", "LiFePO4", "157.75"), ("LiMn2O4", "LiMn2O4", "180.81"),
    ("Li4Ti5O12", "Li4Ti5O12", "459.08"), ("Li7Ti5O12", "Li7Ti5O12", "479.90"), ("LGPS", "Li10GeP2S12", "588.7"),
    ("Li3PS4", "Li3PS4", "180.03"), ("In", "In", "114.82"), ("Li-In alloy", "LiIn", "121.76"),
    ("Graphite", "C6", "72.07"), ("Al", "Al", "26.98"), ("Cu", "Cu", "63.55")])
def test_a_materials_molar_mass_is_its_formulas(name, formula, typed):
    """A record's molar mass is its formula's IUPAC 2013 mass (formula_mass), which the record typed before (g/mol,
    rounded: the typed value here, to its digits): the literature materials (AEA_LiCoO2, AEA_NMC532, AEA_LiFePO4,
    AEA_Li4Ti5O12) take it from the record, the Li-In anode of the sets its indium amount (In, Li-In alloy and
    graphite typed theirs until session 41, and the current collectors)."""
    material = get_material(name)
    assert material.molar_mass == formula_mass(formula)
    assert material.molar_mass == pytest.approx(float(typed), abs=0.5 * 10.0 ** -len(typed.partition(".")[2]))


def test_graphites_372_mah_per_g_is_the_conventional_value_its_faraday_capacity_rounded():
    """Graphite's record types 372 mAh/g beside its formula's molar mass (C6, 72.066 g/mol), whose Faraday
    capacity (one Li per C6) is 371.90 mAh/g: 372 is the literature's rounded LiC6 value, within 0.03 % of it, and the
    record says so (it gave 372 without a word beside the computed molar mass, session 41's review)."""
    graphite = get_material("Graphite")
    assert graphite.specific_capacity == 372.0
    assert graphite.theoretical_capacity == pytest.approx(371.90, abs=0.005)
    assert abs(graphite.specific_capacity / graphite.theoretical_capacity - 1) < 3e-4
    assert "372 mAh/g (LiC6), the conventional rounded value (Faraday on C6's 72.07 g/mol: 371.9)" in graphite.source


@pytest.mark.parametrize("name", ["NMC532", "NMC811"])
def test_a_layered_oxides_density_is_its_lattices_and_says_the_lattice_is_unverified(name):
    """The energy library's NMC532 and NMC811 densities are their R-3m cells' (Z = 3 formula units of the record's
    molar mass in a^2 c sqrt(3) / 2, to the density's digits), whose lattice parameters cite no diffraction work:
    each record says so (NMC811's did not until session 41)."""
    from scipy.constants import N_A

    material = get_material(name)
    a, c = map(float, re.search(r"a = ([0-9.]+), c = ([0-9.]+) A", material.source).groups())
    volume_cm3 = 3 ** 0.5 / 2 * a**2 * c * 1e-24
    assert material.density == pytest.approx(3 * material.molar_mass / N_A / volume_cm3, abs=0.005)
    assert "not verified: no diffraction work cited or found" in material.source


def test_s8_and_li2s_keep_the_papers_molar_masses():
    """S8 and Li2S keep the paper's calculation-model 256 and 46 g/mol (the formulas give 256.48 and 45.94): the
    paper's Table S8 energies and its 8 Li2S : S8 = 368 : 256 are computed with them."""
    assert (get_material("S8").molar_mass, get_material("Li2S").molar_mass) == (256.0, 46.0)
    assert formula_mass("S8") == pytest.approx(256.48) and formula_mass("Li2S") == pytest.approx(45.94)


def test_thickness_and_loading_are_inverse():
    assert parameters.cathode_thickness(parameters.cathode_loading(7e-6, 0.2, 4000.0), 0.2, 4000.0) == pytest.approx(7e-6)


def test_composition_from_the_set_values():
    assert parameters.composition("Li2021_Mo6S8") == {"Mo6S8": 1.0}
    assert parameters.composition("Li2021_S_Mo6S8") == pytest.approx(SLMS_COMPOSITION)
    assert parameters.composition("Li2021_LTO_Mo6S8", dispersed_fraction=0.3) == pytest.approx(
        {"Li4Ti5O12": 0.3, "Mo6S8": 0.7})
    with pytest.raises(KeyError, match="Xu2019"):
        parameters.facts("Xu2019")


def test_missing_density_is_named():
    with pytest.raises(ValueError, match="Cathode host density"):
        parameters.loading_for_thickness({"Cathode porosity": 0.1, "Dispersed material mass fraction": 0.0}, 1e-5)


@pytest.mark.slow
@pytest.mark.parametrize("set_name", ["Li2021_S_Mo6S8", "Li2021_LTO_Mo6S8"])
def test_sweep_simulates_the_requested_thickness(set_name):
    """pybamm_aea.sweep with 'Cathode thickness [um]' = 10: the loading it derives is a 10 um electrode of the
    model (before the fix: 15.1 um for S-LMS, 11.8 um for LTO-LMS). On the multi-phase default (its IDA
    failure on this discharge was fixed in main bceb77e)."""
    from pybamm_aea.sweep import sweep

    df = sweep({"Cathode thickness [um]": [10.0]}, parameter_set=set_name, workers=1, progress=False)
    assert df["error"].isna().all(), df["error"].tolist()
    values = pybamm.ParameterValues(set_name)
    values["Cathode loading [kg.m-2]"] = float(df["Cathode loading [kg.m-2]"].iloc[0])
    assert values.evaluate(AEA(build=False).param.L_c) == pytest.approx(10e-6, rel=1e-9)


def test_the_hybrid_compositions_and_compaction_laws_are_read_from_one_record(monkeypatch):
    """The S-LMS sulfur fraction is written once (:data:`pybamm_aea.energy.paper.SLMS_COMPOSITION`) and each set's
    compaction law once (:data:`pybamm_aea.parameters.SET_FACTS`): the parameter set, its nominal capacity, the
    sweep's compositions and its default law read them (the set and the sweep each retyped 0.325, and the sweep kept
    its own table of laws)."""
    import dataclasses

    from pybamm_aea.energy import paper
    from pybamm_aea.parameters import Li2021_Mo6S8, Li2021_S_Mo6S8
    from pybamm_aea.sweep import config

    monkeypatch.setitem(paper.SLMS_COMPOSITION, "S8", 0.30)
    monkeypatch.setitem(paper.SLMS_COMPOSITION, "Mo6S8", 0.70)
    values = pybamm.ParameterValues(Li2021_S_Mo6S8.get_parameter_values())
    assert values["Dispersed material mass fraction"] == 0.30
    q_theory = 0.30 * 1675.0 + 0.70 * Li2021_Mo6S8.theoretical_capacity()  # A.h/kg
    assert values["Nominal cell capacity [A.h]"] == pytest.approx(q_theory * Li2021_S_Mo6S8.ELECTRODE_MASS, rel=1e-12)
    monkeypatch.setattr(parameters, "registered_values", lambda name: values)  # the set as registered, re-read
    assert config.SET_COMPOSITIONS["Li2021_S_Mo6S8"](None) == pytest.approx({"S8": 0.30, "Mo6S8": 0.70})
    assert config.composition_for("Li2021_S_Mo6S8", None) == pytest.approx({"S8": 0.30, "Mo6S8": 0.70})

    lto = parameters.SET_FACTS["Li2021_LTO_Mo6S8"]
    monkeypatch.setitem(parameters.SET_FACTS, "Li2021_LTO_Mo6S8", dataclasses.replace(lto, compaction="S-LMS"))
    name = "Pressing and stack pressure [MPa]"
    built = config.build_config([name], [{name: 360.0}], "Li2021_LTO_Mo6S8",
                                None, None, None, 0.1)
    assert built.compaction == built.record["compaction"] == "S-LMS"


def test_the_sweeps_tables_of_the_sets_are_views_of_their_facts():
    """``pybamm_aea.sweep.COMPACTION_SETS`` and ``SET_COMPOSITIONS`` keep their names and contents (derived); a hybrid
    set's composition is :func:`pybamm_aea.parameters.composition` itself (it went through a wrapper that only
    forwarded)."""
    from pybamm_aea.sweep import COMPACTION_SETS, SET_COMPOSITIONS

    assert COMPACTION_SETS == {"Li2021_Mo6S8": "Mo6S8", "Li2021_S_Mo6S8": "S-LMS", "Li2021_LTO_Mo6S8": "Mo6S8"}
    assert sorted(SET_COMPOSITIONS) == ["Li2021_LTO_Mo6S8", "Li2021_Mo6S8", "Li2021_S_Mo6S8", "Li2021_TiS2"]
    assert SET_COMPOSITIONS["Li2021_TiS2"] == {"TiS2": 1.0}
    assert SET_COMPOSITIONS["Li2021_S_Mo6S8"](None) == SLMS_COMPOSITION
    assert SET_COMPOSITIONS["Li2021_LTO_Mo6S8"](None) == LTO_LMS_COMPOSITION
    assert SET_COMPOSITIONS["Li2021_S_Mo6S8"](0.1) == pytest.approx({"S8": 0.1, "Mo6S8": 0.9})
    assert SET_COMPOSITIONS["Li2021_S_Mo6S8"].func is parameters.composition


@pytest.mark.parametrize("set_name, host, lithiated", [("Li2021_Mo6S8", "Mo6S8", "Li4Mo6S8"),
                                                       ("Li2021_TiS2", "TiS2", "LiTiS2")])
def test_the_cells_model_and_the_energy_model_read_the_same_cell(set_name, host, lithiated):
    """The electrochemical sets and the energy model describe the same lab cell and materials: densities of the
    host in both states, the die's area, the separator's masses, the foils and the standard loading. The sets retyped each of these beside
    :mod:`pybamm_aea.energy` (a slip in one of the two copies, e.g. 4.87 for Li4Mo6S8's 4.78 g/cm3, would have made
    the volume change of the model disagree with the Wh/L of the energy model)."""
    from pybamm_aea.energy.materials import get_material
    from pybamm_aea.energy.paper import PAPER_CELL
    from pybamm_aea.parameters import paper_cell

    v = pybamm.ParameterValues(set_name)
    assert v["Cathode host density [kg.m-3]"] == pytest.approx(get_material(host).density * 1e3, rel=1e-12)
    assert v["Lithiated cathode host density [kg.m-3]"] == pytest.approx(get_material(lithiated).density * 1e3,
                                                                         rel=1e-12)
    area_cm2 = v["Electrode width [m]"] * v["Electrode height [m]"] * 1e4
    assert area_cm2 == pytest.approx(PAPER_CELL["area_cm2"], rel=1e-12)
    assert v["Cathode loading [kg.m-2]"] * 1e2 == pytest.approx(PAPER_CELL["standard_loading_mg_cm2"], rel=1e-12)
    for layer, name in ((1, "lgps_mg"), (2, "li3ps4_mg")):
        rho = (paper_cell.RHO_LGPS, paper_cell.RHO_LI3PS4)[layer - 1]
        mass_mg = v[f"Separator layer {layer} thickness [m]"] * rho * area_cm2 * 1e-4 * 1e6
        assert mass_mg == pytest.approx(PAPER_CELL[name], rel=1e-12)
    li, indium = get_material("Li"), get_material("In")
    li_um = v["Li-In anode Li foil amount [mol.m-2]"] * li.molar_mass * 1e-3 / (li.density * 1e3) * 1e6
    in_um = v["Li-In anode indium amount [mol.m-2]"] * indium.molar_mass * 1e-3 / (indium.density * 1e3) * 1e6
    assert (li_um, in_um) == pytest.approx((PAPER_CELL["li_um"], PAPER_CELL["in_um"]), rel=1e-12)



def test_the_s_lms_sets_sulfur_is_the_energy_models():
    """S-LMS's sulfur in the cell's model is the energy model's: S8 and Li2S densities, S8's capacity, the 8 Li2S :
    S8 mass ratio, the 1290 mA.h/g utilised and the 1.3 mg electrode of the SI's practical cell."""
    from pybamm_aea.energy.materials import get_material
    from pybamm_aea.energy.paper import SLMS_PRACTICAL

    s = pybamm.ParameterValues("Li2021_S_Mo6S8")
    area_cm2 = s["Electrode width [m]"] * s["Electrode height [m]"] * 1e4
    s8, li2s = get_material("S8"), get_material("Li2S")
    assert s["Dispersed material density [kg.m-3]"] == pytest.approx(s8.density * 1e3, rel=1e-12)
    assert s["Lithiated dispersed material density [kg.m-3]"] == pytest.approx(li2s.density * 1e3, rel=1e-12)
    assert s["Dispersed material specific capacity [A.h.kg-1]"] == pytest.approx(s8.specific_capacity, rel=1e-12)
    assert s["Dispersed material lithiation mass ratio"] == pytest.approx(8 * li2s.molar_mass / s8.molar_mass)
    assert (s["Dispersed material accessible fraction"] * s8.specific_capacity
            == pytest.approx(SLMS_PRACTICAL["sulfur_capacity_mAh_per_g"], rel=1e-12))
    electrode_mg = s["Cathode loading [kg.m-2]"] * area_cm2 * 1e-4 * 1e6
    assert electrode_mg == pytest.approx(SLMS_PRACTICAL["mass_mg"], rel=1e-12)



def test_the_lto_lms_sets_li4ti5o12_is_the_energy_models():
    """LTO-LMS's Li4Ti5O12 in the cell's model is the energy model's and the dense material record's: densities of
    Li4Ti5O12 and Li7Ti5O12 and the Li7Ti5O12 : Li4Ti5O12 mass ratio, each written once (until session 38 the
    dispersed material typed 3646 kg/m3 and 459.1 g/mol where the energy model had 3.65 g/cm3 and 459.08 g/mol)."""
    from pybamm_aea.energy.materials import get_material
    from pybamm_aea.materials import get_material as aea_material

    s = pybamm.ParameterValues("Li2021_LTO_Mo6S8")
    lto, lto7, dense = get_material("Li4Ti5O12"), get_material("Li7Ti5O12"), aea_material("Li4Ti5O12")
    assert s["Dispersed material density [kg.m-3]"] == pytest.approx(lto.density * 1e3, rel=1e-12)
    assert s["Lithiated dispersed material density [kg.m-3]"] == pytest.approx(lto7.density * 1e3, rel=1e-12)
    assert s["Dispersed material lithiation mass ratio"] == pytest.approx(lto7.molar_mass / lto.molar_mass, rel=1e-12)
    assert (dense.delithiated_density, dense.lithiated_density, dense.molar_mass) == (
        lto.density, lto7.density, lto.molar_mass)



def test_the_separator_densities_and_tis2s_molar_mass_are_the_energy_models(monkeypatch):
    """The pellet's LGPS and beta-Li3PS4 densities and TiS2's molar mass are read from the energy model's records,
    not typed again (paper_cell typed 2040 / 1870 kg/m3 and Li2021_TiS2 0.11199 kg/mol until session 38): a change
    of the record (here 1 % off) reaches them."""
    import dataclasses
    import importlib

    from pybamm_aea.energy import materials as energy_materials
    from pybamm_aea.parameters import Li2021_TiS2, paper_cell

    real = energy_materials.get_material

    def changed(name, *args, **kwargs):
        m = real(name, *args, **kwargs)
        if m.name in ("Li10GeP2S12", "Li3PS4"):
            return dataclasses.replace(m, density=m.density * 1.01)
        return dataclasses.replace(m, molar_mass=m.molar_mass * 0.99) if m.name == "TiS2" else m

    monkeypatch.setattr(energy_materials, "get_material", changed)
    try:
        importlib.reload(paper_cell)
        importlib.reload(Li2021_TiS2)
        assert paper_cell.RHO_LGPS == pytest.approx(real("LGPS").density * 1.01e3, rel=1e-12)
        assert paper_cell.RHO_LI3PS4 == pytest.approx(real("Li3PS4").density * 1.01e3, rel=1e-12)
        assert Li2021_TiS2.M_TIS2 == pytest.approx(real("TiS2").molar_mass * 0.99e-3, rel=1e-12)
    finally:
        monkeypatch.undo()
        importlib.reload(paper_cell)
        importlib.reload(Li2021_TiS2)
    assert paper_cell.RHO_LGPS == real("LGPS").density * 1e3


#: the rate and transport laws of the sets: each thermally activated (an Arrhenius law about its reference)
ACTIVATED = ("Anode exchange-current density [A.m-2]", "Cathode exchange-current density [A.m-2]",
             "Cathode Li diffusivity [m2.s-1]", "Separator layer 1 ionic conductivity [S.m-1]",
             "Separator layer 2 ionic conductivity [S.m-1]", "Dispersed material interfacial rate constant [s-1]",
             "Dispersed material reaction rate constant [s-1]", "Dispersed material product-layer Li diffusivity [m2.s-1]",
             "Li0 film Li diffusivity [m2.s-1]")


@pytest.mark.parametrize("set_name", ["Li2021_Mo6S8", "Li2021_S_Mo6S8", "Li2021_LTO_Mo6S8", "Li2021_TiS2"])
def test_rates_and_transport_are_thermally_activated(set_name):
    """Every rate and transport law of the sets rises from 25 to 70 C with an apparent activation energy
    R ln(f(70 C) / f(25 C)) / (1/298.15 - 1/343.15) of a solid-state Li process, 0.1-0.6 eV (10-60 kJ/mol; the
    laws' sources: 24-50 kJ/mol). At the paper's 70 C a law's sign or unit slip is invisible: it shows at any
    other temperature (the anode j0's Arrhenius sign: 49 instead of 2.0 A/m2 at 25 C)."""
    import inspect
    import math

    values = pybamm.ParameterValues(set_name)
    x = 0.5 * values["Cathode maximum Li content"]  # (x, T) laws at half the host's window
    checked = 0
    for name in ACTIVATED:
        law = values.get(name) if name in values.keys() else None
        if not callable(law):
            continue
        args = (pybamm.Scalar(x),) if len(inspect.signature(law).parameters) == 2 else ()
        f25, f70 = (float(law(*args, pybamm.Scalar(T)).evaluate()) for T in (298.15, 343.15))
        assert 0 < f25 < f70, name
        e_a = pybamm.constants.R.value * math.log(f70 / f25) / (1 / 298.15 - 1 / 343.15)
        assert 10e3 < e_a < 60e3, f"{name}: {e_a / 1e3:.3g} kJ/mol"
        checked += 1
    assert checked >= 7


def test_each_rate_law_is_activated_with_the_energy_it_names():
    """Each rate and transport law's apparent activation energy R ln(f(70 C) / f(25 C)) / (1/298.15 - 1/343.15),
    at a fixed Li content, is the named constant of its physical meaning (most of them 30 kJ/mol, assumed, so equal
    in value: a law wired to another's constant is invisible in its value at 70 C and in the 10-60 kJ/mol band of
    the test above). Catches e.g. the Li7Ti5O12 product layer's diffusion read with the Li2S layer's 50 kJ/mol."""
    import math

    from pybamm_aea.parameters import Li2021_Mo6S8, Li2021_TiS2, dispersed_materials as dm, paper_cell as pc

    laws = {
        ("Li2021_Mo6S8", "Anode exchange-current density [A.m-2]"): pc.E_A_ANODE_EXCHANGE,
        ("Li2021_Mo6S8", "Cathode exchange-current density [A.m-2]"): pc.E_A_CATHODE_EXCHANGE,
        ("AEA_LiCoO2", "Cathode exchange-current density [A.m-2]"): pc.E_A_CATHODE_EXCHANGE,  # a material's
        ("Li2021_Mo6S8", "Cathode Li diffusivity [m2.s-1]"): Li2021_Mo6S8.E_A_LI_HOPS,
        # the lever-rule host's Li0 film: the same phase as the multi-phase host's Li0, the same hops
        ("Li2021_Mo6S8", "Li0 film Li diffusivity [m2.s-1]"): Li2021_Mo6S8.E_A_LI_HOPS,
        ("Li2021_TiS2", "Cathode Li diffusivity [m2.s-1]"): Li2021_TiS2.E_A_LI_HOPS,
        ("Li2021_S_Mo6S8", "Dispersed material interfacial rate constant [s-1]"): dm.E_A_SULFUR_REACTION,
        ("Li2021_S_Mo6S8", "Dispersed material reaction rate constant [s-1]"): dm.E_A_SULFUR_REACTION,
        ("Li2021_S_Mo6S8", "Dispersed material product-layer Li diffusivity [m2.s-1]"): dm.E_A_LI2S,
        ("Li2021_LTO_Mo6S8", "Dispersed material interfacial rate constant [s-1]"): dm.E_A_LTO_REACTION,
        ("Li2021_LTO_Mo6S8", "Dispersed material product-layer Li diffusivity [m2.s-1]"): dm.E_A_LTO_DIFFUSION,
    }
    for (set_name, name), e_a in laws.items():
        values = pybamm.ParameterValues(set_name)
        law = values[name]
        x = (pybamm.Scalar(0.5 * values["Cathode maximum Li content"]),) if "Cathode" in name else ()
        f25, f70 = (float(law(*x, pybamm.Scalar(T)).evaluate()) for T in (298.15, 343.15))
        apparent = pybamm.constants.R.value * math.log(f70 / f25) / (1 / 298.15 - 1 / 343.15)
        assert apparent == pytest.approx(e_a, rel=1e-9), (set_name, name, apparent)
    # the trapping rate reaches its traps by the hops of the diffusivity (Li2021_TiS2's stated reason)
    assert pybamm.ParameterValues("Li2021_TiS2")["Li trapping activation energy [J.mol-1]"] == Li2021_TiS2.E_A_LI_HOPS


def _apparent_activation_energy(f):
    """R ln(f(70 C) / f(25 C)) / (1/298.15 - 1/343.15) [J.mol-1] of a function of temperature f(T) -> float."""
    import math

    return pybamm.constants.R.value * math.log(f(343.15) / f(298.15)) / (1 / 298.15 - 1 / 343.15)


def test_one_physical_process_has_one_activation_energy_across_models():
    """Each thermally activated process is written once and every model of it reads that constant (session 28:
    the same process was typed with two values in two places).

    - Li through Li2S: the S-LMS shrinking core's product layer and the conventional S-C-LGPS DFN's sulfur
      particles (Li crosses the S8/Li2S solid through its Li2S) read ``E_A_LI2S`` (the DFN had its own 30 kJ/mol:
      at 70 C the same figures, at 25 C 1C 538.5 against 526.5 uA.h); the S/Li2S reaction's rate, another
      process, ``E_A_SULFUR_REACTION`` in both models.
    - Li in the Li4Ti5O12 spinel: the material record's diffusivity and ionic conductivity read Wilkening's 0.86
      eV of non-intercalated Li4Ti5O12 (kJ/mol in the record, J/mol in the set); the hybrid's Li7Ti5O12 product
      layer, another phase, its own assumed ``E_A_LTO_DIFFUSION``.
    - Li in the layered oxides: LiCoO2 and NMC532 read the one ``E_A_LI_HOPS_LAYERED_OXIDE_KJ`` (kJ/mol).
    - Li in LiFePO4: the record's diffusivity and electronic conductivity read the assumed 0.55 eV (session 45: not found in
      the work it was attributed to) on the package's F (``E_A_LIFEPO4_KJ``; session 28 typed 0.55 * 96.485, 53.06675 against 53.06693 kJ/mol)."""
    from pybamm_aea.materials import get_material, li4ti5o12, lifepo4
    from pybamm_aea.materials.material import E_A_LI_HOPS_LAYERED_OXIDE_KJ
    from pybamm_aea.parameters import dispersed_materials as dm

    def law_of_T(values, name, *args):
        law = values[name]
        return lambda T: float(values.process_symbol(law(*args, pybamm.Scalar(T))).evaluate())

    sc = pybamm.ParameterValues("Li2021_S_C_LGPS")
    slms = pybamm.ParameterValues("Li2021_S_Mo6S8")
    c_max = sc["Maximum concentration in positive electrode [mol.m-3]"]
    li2s_dfn = _apparent_activation_energy(law_of_T(sc, "Positive particle diffusivity [m2.s-1]", pybamm.Scalar(0.5)))
    li2s_aea = _apparent_activation_energy(law_of_T(slms, "Dispersed material product-layer Li diffusivity [m2.s-1]"))
    assert li2s_dfn == pytest.approx(dm.E_A_LI2S, rel=1e-9)
    assert li2s_aea == pytest.approx(dm.E_A_LI2S, rel=1e-9)
    j0_args = (pybamm.Scalar(1000.0), pybamm.Scalar(0.5 * c_max), pybamm.Scalar(c_max))
    reaction_dfn = _apparent_activation_energy(law_of_T(sc, "Positive electrode exchange-current density [A.m-2]",
                                                        *j0_args))
    assert reaction_dfn == pytest.approx(dm.E_A_SULFUR_REACTION, rel=1e-9)

    lto = get_material("Li4Ti5O12")
    assert lto.diffusivity.activation_energy == lto.ionic_conductivity.activation_energy \
        == li4ti5o12.E_A_LI_HOPS_LI4TI5O12_KJ == pytest.approx(0.86 * pybamm.constants.F.value / 1e3)  # 0.86 eV
    lfp = get_material("LiFePO4")
    assert lfp.diffusivity.activation_energy == lfp.electronic_conductivity.activation_energy \
        == lifepo4.E_A_LIFEPO4_KJ == pytest.approx(0.55 * pybamm.constants.F.value / 1e3, rel=1e-12)  # 0.55 eV
    for set_name, kj in (("AEA_Li4Ti5O12", li4ti5o12.E_A_LI_HOPS_LI4TI5O12_KJ), ("AEA_LiFePO4", lifepo4.E_A_LIFEPO4_KJ),
                         ("AEA_LiCoO2", E_A_LI_HOPS_LAYERED_OXIDE_KJ), ("AEA_NMC532", E_A_LI_HOPS_LAYERED_OXIDE_KJ)):
        values = pybamm.ParameterValues(set_name)
        x = pybamm.Scalar(0.5 * values["Cathode maximum Li content"])
        apparent = _apparent_activation_energy(law_of_T(values, "Cathode Li diffusivity [m2.s-1]", x))
        assert apparent == pytest.approx(kj * 1e3, rel=1e-9), set_name  # kJ/mol in the record, J/mol in the set


def test_lixtis2_li_hops_take_the_measured_activation_energy():
    """LixTiS2's Li hops are thermally activated with the 0.41(1) eV Wilkening & Heitjans measured on h-Li0.7TiS2 by
    7Li NMR, one Arrhenius law from 148 to 510 K (Phys. Rev. B 77, 024311, 2008, abstract): the set's diffusivity at
    the measured composition, x = 0.7, between 25 and 70 C, and its Li-trapping rate (reached by the same hops).
    Catches the 30 kJ/mol (0.31 eV) assumed, the Mo6S8 value, until session 43."""
    from pybamm_aea import citations
    from pybamm_aea.parameters import Li2021_TiS2

    values = pybamm.ParameterValues("Li2021_TiS2")
    law = values["Cathode Li diffusivity [m2.s-1]"]
    apparent = _apparent_activation_energy(lambda T: float(law(pybamm.Scalar(0.7), pybamm.Scalar(T)).evaluate()))
    ev = pybamm.constants.F.value  # J/mol per eV
    assert apparent / ev == pytest.approx(0.41, rel=1e-9)
    assert values["Li trapping activation energy [J.mol-1]"] == Li2021_TiS2.E_A_LI_HOPS == pytest.approx(0.41 * ev)
    assert citations.WILKENING2008 in values["citations"]


def _typed_activation_energies(source, filename):
    """``filename:line`` of each ``activation_energy=`` keyword in ``source`` whose value is not a name (``E_A``)
    or an attribute (``constants.E_A``): a number, a sign, a product (``0.86 * 96.485``), a call ..."""
    import ast

    return [f"{filename}:{node.value.lineno}" for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.keyword) and node.arg == "activation_energy"
            and not isinstance(node.value, (ast.Name, ast.Attribute))]


def test_material_records_name_their_activation_energies():
    """A literature material record passes each activation energy as a named constant with its source, never a
    value typed in place, a number or an expression (LiCoO2 and NMC532 each typed 30.0 for one assumption; a value
    retyped in one record drifts from the other's unseen)."""
    import pathlib

    import pybamm_aea.materials as materials

    typed = [hit for path in sorted(pathlib.Path(materials.__file__).parent.glob("*.py"))
             for hit in _typed_activation_energies(path.read_text(), path.name)]
    assert not typed, typed
    snippets = ("f(activation_energy=30.0)", "f(activation_energy=-30.0)", "f(activation_energy=0.86 * 96.485)",
                "f(activation_energy=30e3 / 1e3)", "f(activation_energy=kj(0.86))")
    assert all(_typed_activation_energies(s, "x.py") == ["x.py:1"] for s in snippets)
    assert _typed_activation_energies("f(activation_energy=E_A)\nf(activation_energy=c.E_A)", "x.py") == []


def test_the_package_types_no_faraday_constant_of_its_own():
    """Every module of the package reads F from :mod:`pybamm_aea.constants` (e N_A, scipy), none types a copy:
    LiFePO4's 0.55 eV was converted on 96.485 (rel 3.4e-6 off), LiCoO2's and NMC532's windows on 96485.33212
    (session 28). A literal 96485..., 96.485... or 9.6485e4 in any source file is one; in a test's code too (the
    tests read the package's F, or SciPy's CODATA value where they check the package's)."""
    import pathlib
    import re

    import pybamm_aea

    typed = re.compile(r"(?<![\d.])(96485|96\.485|9\.6485)")
    root = pathlib.Path(pybamm_aea.__file__).parent
    hits = [f"{path.relative_to(root)}:{n}" for path in sorted(root.rglob("*.py"))
            for n, line in enumerate(path.read_text().splitlines(), 1) if typed.search(line)]
    assert not hits, hits
    assert all(typed.search(s) for s in ("x / (96485.33212 / 3.6)", "0.55 * 96.485", "9.6485e4"))
    assert not typed.search("1196485 and 0.96485")
    # nor does a test (a test that re-types the code's constant proves nothing): its code, not its text
    assert not _typed_numbers_in_tests(lambda number: typed.match(number))


def test_the_package_types_no_molar_mass_of_li_of_its_own():
    """Every module reads Li's molar mass from :data:`pybamm_aea.constants.M_LI`, none types a copy (the energy
    model's Li record and the LiFePO4 record typed 6.94 g/mol, LTO-LMS's dispersed Li4Ti5O12 3 x 6.94, until
    session 38): no number 6.94, 6.94e-3 or 0.00694 in the code of any module but constants.py nor of any test
    (comments and docstrings may quote it)."""
    import io
    import pathlib
    import tokenize

    import pybamm_aea

    root = pathlib.Path(pybamm_aea.__file__).parent
    hits = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "constants.py" and path.parent == root:
            continue
        for tok in tokenize.generate_tokens(io.StringIO(path.read_text()).readline):
            if tok.type != tokenize.NUMBER:
                continue
            try:
                value = float(tok.string.replace("_", ""))
            except ValueError:  # hexadecimal, imaginary
                continue
            if _is_li_molar_mass(value):
                hits.append(f"{path.relative_to(root)}:{tok.start[0]}")
    assert not hits, hits
    assert not _typed_numbers_in_tests(lambda number: _is_li_molar_mass(float(number.replace("_", ""))))
    assert [_is_li_molar_mass(float(text)) for text in ("6.94", "6.94e-3", "0.00694", "6.941")] == [True] * 3 + [False]


def _is_li_molar_mass(value):
    """``value`` is M_LI in g/mol or kg/mol (6.94, 6.94e-3)."""
    import math

    return any(math.isclose(value, m, rel_tol=1e-12) for m in (M_LI * 1e3, M_LI))


def _typed_numbers_in_tests(is_typed):
    """``file:line`` of each number in the code of the tests (tests/*.py; comments and strings may quote one) for
    which ``is_typed(its text)``."""
    import io
    import pathlib
    import tokenize

    hits = []
    for path in sorted(pathlib.Path(__file__).parent.glob("*.py")):
        for tok in tokenize.generate_tokens(io.StringIO(path.read_text()).readline):
            if tok.type == tokenize.NUMBER and not tok.string.lower().startswith(("0x", "0o", "0b")) \
                    and not tok.string.lower().endswith("j") and is_typed(tok.string):
                hits.append(f"{path.name}:{tok.start[0]}")
    return hits


def _tests_code():
    """(file name, source, AST) of each test module (tests/*.py)."""
    import ast
    import pathlib

    for path in sorted(pathlib.Path(__file__).parent.glob("*.py")):
        text = path.read_text()
        yield path.name, text, ast.parse(text)


def _retyped_compositions(name, tree, records):
    """``name:line`` of each place in ``tree``'s code that types a fraction of the S-LMS record (first of
    ``records``; 0.325 and 0.675, fractions no test has another use for) as a number or inside a string that is not
    a docstring ("S8=0.325,Mo6S8=0.675" as a command line's argument, "{'S8': 0.325" as an expected message), or
    any record of ``records`` as a dict of numbers (LTO-LMS's {"Li4Ti5O12": 0.40, "Mo6S8": 0.60})."""
    import ast
    import math

    fractions = list(records[0].values())
    quoted = re.compile(r"(?<![\d.])(" + "|".join(re.escape(repr(f)) for f in fractions) + r")(?!\d)")
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    hits = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or isinstance(node.value, bool) or id(node) in docstrings:
            continue
        if isinstance(node.value, (int, float)) and any(math.isclose(node.value, f, rel_tol=1e-12) for f in fractions):
            hits.append(f"{name}:{node.lineno}")
        elif isinstance(node.value, str) and quoted.search(node.value):
            hits.append(f"{name}:{node.lineno}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict) and node.keys and all(
                isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys) and all(
                isinstance(v, ast.Constant) and isinstance(v.value, (int, float)) for v in node.values):
            typed = {k.value.lower(): v.value for k, v in zip(node.keys, node.values)}
            if any(typed.keys() == {k.lower() for k in record} and all(
                    math.isclose(typed[k.lower()], v, rel_tol=1e-12) for k, v in record.items()) for record in records):
                hits.append(f"{name}:{node.lineno}")
    return sorted(set(hits))


def _conductivities_compared(name, text, tree, values):
    """``name:line`` of each comparison in ``tree``'s code whose source names a conductivity ("conductiv", kappa,
    sigma) and that holds a number of ``values`` typed in place (alone or in ``pytest.approx``)."""
    import ast
    import math

    named = re.compile(r"conductiv|kappa|sigma", re.IGNORECASE)
    return [f"{name}:{node.lineno}" for node in ast.walk(tree)
            if isinstance(node, ast.Compare) and named.search(ast.get_source_segment(text, node) or "")
            and any(isinstance(c, ast.Constant) and isinstance(c.value, (int, float)) and not isinstance(c.value, bool)
                    and any(math.isclose(c.value, v, rel_tol=1e-12) for v in values) for c in ast.walk(node))]


def test_no_test_retypes_a_composition_or_a_conductivity_of_the_code():
    """A test reads the paper's compositions (:mod:`pybamm_aea.energy.paper`) and Kamaya's LGPS conductivity
    (:data:`pybamm_aea.parameters.paper_cell.LGPS_CONDUCTIVITY`) from the code, never a copy (session 43: the S-LMS
    composition was typed in 11 test modules, Kamaya's 1.2 S/m compared in place): a copy proves only that two
    typings agree, and a composition corrected in its record would have left the tests checking the old one."""
    import ast

    from pybamm_aea.energy import paper
    from pybamm_aea.parameters import paper_cell

    records = [paper.SLMS_COMPOSITION, paper.LTO_LMS_COMPOSITION, paper.SCLGPS_COMPOSITION]
    kappa = paper_cell.LGPS_CONDUCTIVITY
    conductivities = (kappa, kappa * 10, kappa / 100)  # S/m, mS/cm, S/cm
    hits = [hit for name, text, tree in _tests_code()
            for hit in _retyped_compositions(name, tree, records) + _conductivities_compared(name, text, tree,
                                                                                              conductivities)]
    assert not hits, hits
    # what each scan sees, and what it leaves alone (docstrings, other numbers); written from the records, so that
    # this test types none of them either
    s8, mo = paper.SLMS_COMPOSITION.values()
    typed = [f'"""{s8} in a docstring."""\nx = {paper.SLMS_COMPOSITION}', f'argv = ["S8={s8},Mo6S8={mo}"]',
             f'match = "electrode {{\'S8\': {s8}"', f"w = {mo} * q", f"c = {paper.LTO_LMS_COMPOSITION}".lower(),
             f"c = {paper.SCLGPS_COMPOSITION}"]
    assert [bool(_retyped_compositions("x.py", ast.parse(s), records)) for s in typed] == [True] * len(typed)
    untyped = [f'"""S-LMS: {s8} S8."""\nx = {s8}5', 'x = {"S8": 0.4, "Mo6S8": 0.6}', f'x = "S8={s8}0001"']
    assert not any(_retyped_compositions("x.py", ast.parse(s), records) for s in untyped)
    compared = ["assert float(kappa.evaluate()) == pytest.approx(1.2)", "assert sigma_mS_cm == 12",
                "assert conductivity(T) < 0.012"]
    assert all(_conductivities_compared("x.py", s, ast.parse(s), conductivities) for s in compared)
    other = ["assert porosity == 1.2", "assert kappa == pytest.approx(1.3)", "f(conductivity, 1.2)"]
    assert not any(_conductivities_compared("x.py", s, ast.parse(s), conductivities) for s in other)


def test_the_package_types_the_li_in_plateau_once():
    """The In/LiIn plateau, 0.62 V vs Li, is :data:`pybamm_aea.energy.materials.LI_IN_PLATEAU`: the In and Li-In
    alloy records of the energy model and the cell model's Li-In anode (:data:`pybamm_aea.parameters.paper_cell.
    LI_IN_PLATEAU`) read it. It was typed three times (twice in energy/materials.py, once in paper_cell.py): one
    retyped as 0.6 would have moved one model's anode and not the other's. No other number 0.62 in the package's
    code (comments and docstrings may say it)."""
    import io
    import pathlib
    import tokenize

    import pybamm_aea
    from pybamm_aea.energy import materials
    from pybamm_aea.parameters import paper_cell

    assert paper_cell.LI_IN_PLATEAU == materials.LI_IN_PLATEAU
    assert get_material("In").average_voltage == get_material("Li-In alloy").average_voltage == materials.LI_IN_PLATEAU
    root = pathlib.Path(pybamm_aea.__file__).parent
    hits = [f"{path.relative_to(root)}:{tok.start[0]}" for path in sorted(root.rglob("*.py"))
            for tok in tokenize.generate_tokens(io.StringIO(path.read_text()).readline)
            if tok.type == tokenize.NUMBER and tok.string == repr(materials.LI_IN_PLATEAU)]
    assert hits == ["energy/materials.py:" + str(next(
        n for n, line in enumerate((root / "energy" / "materials.py").read_text().splitlines(), 1)
        if line.startswith("LI_IN_PLATEAU = ")))], hits


def test_the_charge_of_a_mole_of_electrons_in_mah_is_formed_once():
    """F / 3.6, the mA.h of a mole of electrons, was formed in four modules (the energy model's MAH_PER_MOL, the AEA
    material's theoretical capacity, the LiCoO2 and NMC532 windows) and the Faraday mass check of a dispersed
    material formed 3600 M_Li / F itself (session 42): :data:`pybamm_aea.constants.MAH_PER_MOL` is the one, read
    by all; no module but constants.py divides F by 3.6 in its code (comments and docstrings may say it)."""
    import io
    import pathlib
    import tokenize

    import pybamm_aea
    from pybamm_aea import constants
    from pybamm_aea.energy import materials

    assert constants.MAH_PER_MOL == constants.F / 3.6 and materials.MAH_PER_MOL is constants.MAH_PER_MOL
    root = pathlib.Path(pybamm_aea.__file__).parent
    hits = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "constants.py" and path.parent == root:
            continue
        code = [t for t in tokenize.generate_tokens(io.StringIO(path.read_text()).readline)
                if t.type in (tokenize.NAME, tokenize.OP, tokenize.NUMBER)]
        hits += [f"{path.relative_to(root)}:{a.start[0]}" for a, b, c in zip(code, code[1:], code[2:])
                 if (a.string, b.string) == ("F", "/") and c.type == tokenize.NUMBER and float(c.string) == 3.6]
    assert not hits, hits


def test_no_module_imports_inside_a_loop():
    """An import runs once, before the loop that needs it: first_discharge_nucleation_warning imported the gas
    constant, the hops' activation energy and T_REF in its loop over the steps, the command line's --set the range
    check in its loop over the values (session 42)."""
    import ast
    import pathlib

    import pybamm_aea

    root = pathlib.Path(pybamm_aea.__file__).parent
    hits = []
    for path in sorted(root.rglob("*.py")):
        for loop in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(loop, (ast.For, ast.AsyncFor, ast.While)):
                hits += [f"{path.relative_to(root)}:{node.lineno}" for node in ast.walk(loop)
                         if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert not hits, hits


#: the width of the package's docstrings and comments [characters] (its code keeps to it too, but for a few long
#: literals and signatures)
LINE_WIDTH = 120


def test_docstrings_and_comments_keep_to_the_line_width():
    """No docstring or comment line of pybamm_aea/ is longer than LINE_WIDTH: 46 were (up to 202 characters, in 22
    files) until session 47, reflowed then, their words unchanged. A line with a comment after code counts whole."""
    import io
    import pathlib
    import tokenize

    import pybamm_aea

    root = pathlib.Path(pybamm_aea.__file__).parent
    long = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text()
        lines = text.splitlines()
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type != tokenize.NL]
        code = [t for t in tokens if t.type != tokenize.COMMENT]
        rows = {t.start[0] for t in tokens if t.type == tokenize.COMMENT}
        for n, token in enumerate(code):  # a docstring: a string that is a statement of its own
            if token.type == tokenize.STRING and (n == 0 or code[n - 1].type in (
                    tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)) and code[n + 1].type in (
                    tokenize.NEWLINE, tokenize.ENDMARKER):
                rows.update(range(token.start[0], token.end[0] + 1))
        long += [f"{path.relative_to(root)}:{row} ({len(lines[row - 1])})" for row in sorted(rows)
                 if len(lines[row - 1]) > LINE_WIDTH]
    assert long == [], long


def test_separator_resistance_is_the_pellets():
    """The paper's pellet (100 mg LGPS + 50 mg Li3PS4 on 0.785 cm2) from the set's thicknesses and conductivities:
    ~34 ohm cm2 at 70 C and ~200 at 25 C, the Li3PS4 layer most of it (physics notes: 341 um at 0.164 mS/cm at
    25 C, Ea 0.36 eV; the hand estimate, to 15 %). A conductivity's mS/cm taken as S/m moves it 10x."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    for T, expected in ((343.15, 34.0), (298.15, 200.0)):
        asr = sum(values[f"Separator layer {k} thickness [m]"]
                  / float(values[f"Separator layer {k} ionic conductivity [S.m-1]"](pybamm.Scalar(T)).evaluate())
                  for k in (1, 2)) * 1e4  # ohm m2 -> ohm cm2
        assert asr == pytest.approx(expected, rel=0.15), T


@pytest.mark.parametrize("set_name", ["Li2021_Mo6S8", "Li2021_TiS2"])
def test_charge_transfer_resistances_are_the_stated_assumptions(set_name):
    """The cathode's exchange-current density is an assumption stated as a charge-transfer resistance at 70 C,
    R_ct = R T / (F j0) ~ 20 ohm cm2 at half lithiation (j0's maximum, theta = 1/2). Catches the law's
    normalisation slipped (* 0.5 for / 0.5: 79 ohm cm2) or a j0 at another state of charge. The Li anode's
    10 A/m2 is stated the same way, 29.6 ohm cm2 at 70 C (its docstring said 3, a factor 10 off)."""
    values = pybamm.ParameterValues(set_name)
    T = 343.15
    rt_f = pybamm.constants.R.value * T / pybamm.constants.F.value
    x_half = pybamm.Scalar(0.5 * values["Cathode maximum Li content"])
    j0_c = float(values["Cathode exchange-current density [A.m-2]"](x_half, pybamm.Scalar(T)).evaluate())
    assert rt_f / j0_c * 1e4 == pytest.approx(20.0, rel=0.05)  # ohm m2 -> ohm cm2
    for theta in (0.3, 0.7):  # the symmetric law's maximum is at half lithiation
        x = pybamm.Scalar(theta * values["Cathode maximum Li content"])
        assert float(values["Cathode exchange-current density [A.m-2]"](x, pybamm.Scalar(T)).evaluate()) < j0_c
    j0_a = float(values["Anode exchange-current density [A.m-2]"](pybamm.Scalar(T)).evaluate())
    assert rt_f / j0_a * 1e4 == pytest.approx(29.6, rel=0.01)


def test_the_one_cache_of_parameter_values_serves_neither_a_callers_change_nor_a_stale_material():
    """:func:`pybamm_aea.parameters.registered_values` is the one cache of parameter values (the sweep kept a second
    one for materials). A change made to the values it returned reaches neither the next caller nor a sweep of the
    set (it returned the shared object: a mass fraction of 0.2 set in it made the S-LMS set's composition 20 wt%
    S8); values a user changed and passes are used as given; a material changed between two calls is read again."""
    import dataclasses

    from pybamm_aea.materials import get_material
    from pybamm_aea.sweep import config

    mine = parameters.registered_values("Li2021_S_Mo6S8")
    mine["Dispersed material mass fraction"] = 0.2
    assert parameters.registered_values("Li2021_S_Mo6S8")["Dispersed material mass fraction"] == SLMS_COMPOSITION["S8"]
    assert parameters.composition("Li2021_S_Mo6S8") == pytest.approx(SLMS_COMPOSITION)
    assert parameters.composition("Li2021_S_Mo6S8", mine) == pytest.approx({"S8": 0.2, "Mo6S8": 0.8})
    built = config.build_config(["Cathode loading [kg.m-2]"], [{"Cathode loading [kg.m-2]": 0.01}], "Li2021_S_Mo6S8",
                                None, None, None, 0.1)
    assert built.values()["Dispersed material mass fraction"] == SLMS_COMPOSITION["S8"]

    material = dataclasses.replace(get_material("LiFePO4"))  # the user's own copy of the literature record
    assert parameters.registered_values(material)["Cathode porosity"] == 0.11
    material.porosity = 0.2
    assert parameters.registered_values(material)["Cathode porosity"] == 0.2
    built = config.build_config(["Cathode loading [kg.m-2]"], [{"Cathode loading [kg.m-2]": 0.01}], material,
                                None, None, None, 0.1)
    assert built.values()["Cathode porosity"] == built.porosity0 == 0.2


@pytest.mark.parametrize("typed", ["li2021_mo6s8", "Li2021_Mo6S9"])
def test_facts_of_an_unknown_set_suggest_the_close_names(typed):
    """facts() listed the sets with facts but suggested none for a wrong case or a misspelling."""
    with pytest.raises(KeyError, match=r"did you mean \['Li2021_Mo6S8'"):
        parameters.facts(typed)


def test_lever_rule_li0_film_blocks_more_when_colder():
    """The lever-rule host's ionic switch, its Li0 film's Nernst-Einstein conductivity F^2 D_film c / (R T), falls
    from 70 to 25 C by the Arrhenius factor of the host's Li hops (0.2045 x 343.15 / 298.15 = 0.235), as the
    multi-phase host's Li0 phase slows. With the film's diffusivity a constant the conductivity rose 15 % when
    colder (343.15 / 298.15): the switch conducted better at room temperature while every other transport law of
    the host slowed 4.9x."""
    import math

    from pybamm_aea.constants import R
    from pybamm_aea.parameters import Li2021_Mo6S8

    model = AEA({"host thermodynamics": "lever rule"})
    sigma = {}
    for T in (298.15, 343.15):
        values = pybamm.ParameterValues("Li2021_Mo6S8")
        values.update({"Ambient temperature [K]": T})
        sigma[T] = float(values.process_symbol(model.variables["Li0 film ionic conductivity [S.m-1]"]).evaluate())
    arrhenius = math.exp(-Li2021_Mo6S8.E_A_LI_HOPS / R * (1 / 298.15 - 1 / 343.15))
    assert sigma[298.15] / sigma[343.15] == pytest.approx(arrhenius * 343.15 / 298.15, rel=1e-9)
    assert sigma[298.15] / sigma[343.15] == pytest.approx(0.2354, abs=1e-4)


def test_sulfur_shrinkage_on_delithiation_is_the_one_the_shrinking_core_states():
    """The S8 that oxidised Li2S leaves is 41 % smaller than that Li2S, from Li2021_S_Mo6S8's densities and mass ratio
    (S8 1.96 g/cm3, Li2S 1.66, 368 : 256), the volume :mod:`.volume` books and the voids that cut domains off come
    from; the shrinking core's docstring said 44 % (S8 at 2.07 g/cm3, not the paper's value)."""
    from pybamm_aea.models.submodels import dispersed_material

    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    charged = 1 / values["Dispersed material density [kg.m-3]"]
    lithiated = values["Dispersed material lithiation mass ratio"] / values["Lithiated dispersed material density [kg.m-3]"]
    shrinkage = 1 - charged / lithiated
    assert shrinkage == pytest.approx(0.4108, abs=1e-4)
    assert f"the S8 formed is {100 * shrinkage:.0f} % smaller" in " ".join(dispersed_material.__doc__.split())


@pytest.mark.parametrize("set_name", ["Li2021_TiS2", "AEA_LiCoO2"])
def test_the_film_diffusivity_where_no_film_forms_is_the_lms_fits(set_name, monkeypatch):
    """The Li0 film diffusivity of a set where the film never forms (TiS2, a material's set) was a second and third
    copy of Li2021_Mo6S8's fitted 1e-19 m2/s; it is now read from D_LI0_FILM_REF."""
    from pybamm_aea.parameters import Li2021_Mo6S8

    monkeypatch.setattr(Li2021_Mo6S8, "D_LI0_FILM_REF", 2e-19)
    assert pybamm.ParameterValues(set_name)["Li0 film Li diffusivity [m2.s-1]"] == 2e-19


def test_liin_density_is_its_cells_x_ray_density():
    """The Li-In alloy record's density is the X-ray density of the NaTl-type cell its source names, 8 LiIn in a cube
    of a = 6.79 A: 5.167 g/cm3. It said 5.14 g/cm3 from that cell until session 43 (5.14 needs a = 6.80 A)."""
    from scipy.constants import N_A

    from pybamm_aea.energy.materials import LIIN_CELL_A

    record = get_material("Li-In alloy")
    assert record.density == pytest.approx(8 * formula_mass("LiIn") / (N_A * (LIIN_CELL_A * 1e-8) ** 3), rel=1e-12)
    assert record.density == pytest.approx(5.167, abs=5e-4)
    assert f"a = {LIIN_CELL_A} A" in record.source and f"{record.density:.3f} g/cm3" in record.source
    assert get_material("In").lithiated_density == record.density


@pytest.mark.parametrize("typed, said", [
    ("AEA_NMC523", "unknown material 'NMC523'; literature materials: "),
    ("AEA_NCM532", "did you mean ['NMC532']"),
    ("AEA_Foo", "unknown material 'Foo'"),
    ("AEA_Mo6S8", "no such set of Mo6S8; the AEA_ sets are ['AEA_Li4Ti5O12', 'AEA_LiCoO2', 'AEA_LiFePO4', "
                  "'AEA_NMC532']"),
    ("AEA_lifepo4", "did you mean ['AEA_LiFePO4']"),
])
def test_facts_refuse_an_aea_name_of_no_registered_set_naming_it(typed, said):
    """facts() answered any "AEA_<x>" name with SetFacts(x) (session 63, review of WK): "AEA_NMC523" got a host
    "NMC523" that no library has, "AEA_Mo6S8" a set that is not registered. Each is a KeyError naming the value, with
    pybamm_aea.materials.get_material's did-you-mean for the material or the registered AEA_ sets; every registered
    AEA_ set still has its facts, its host a literature material."""
    from pybamm_aea.materials import LITERATURE

    with pytest.raises(KeyError) as refused:
        parameters.facts(typed)
    assert f"no facts for parameter set {typed!r}: " in refused.value.args[0]
    assert said in refused.value.args[0], refused.value.args[0]
    registered = [name for name in list(pybamm.parameter_sets) if name.startswith("AEA_")]
    assert len(registered) == 4
    for name in registered:
        assert parameters.facts(name).host == name.removeprefix("AEA_") in LITERATURE
