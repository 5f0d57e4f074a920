"""The material API: the dataclass, its JSON form, clear errors, and runs in pybamm.Simulation."""
import dataclasses
import json
import re
import pickle
import warnings

import numpy as np
import pybamm
import pytest

import pybamm_aea
from pybamm_aea.constants import F, M_LI, R
from pybamm_aea.energy.materials import get_material as energy_material
from pybamm_aea.energy.paper import PAPER_CELL
from pybamm_aea.materials import AEAMaterial, MaterialError, get_material, load_material, save_material

#: a material a user writes by hand: a TiS2-like solid solution at 2.2 V, metallic
USER_MATERIAL = {
    "schema": "pybamm_aea.material/1",
    "name": "MyLayeredSulfide",
    "formula": "LixMS2",
    "molar_mass": 120.0,
    "density": 3.3,
    "delithiated_density": 3.3,
    "lithiated_density": 3.15,
    "x_max": 1.0,
    "initial_li_content": 0.002,
    "ocp": {"kind": "regular solution", "potential": 2.2, "slope": 0.4},
    "diffusivity": {"value": 1e-9, "activation_energy": 30.0},
    "electronic_conductivity": {"value": 10.0},
    "lower_voltage": 1.5,
    "upper_voltage": 3.0,
}


def test_literature_sets_take_their_facts_from_the_energy_library():
    """Molar masses and densities are the energy model's records, not retyped numbers."""
    for name, record in (("LiFePO4", "LiFePO4"), ("Li4Ti5O12", "Li4Ti5O12"), ("LiCoO2", "LiCoO2"), ("NMC532", "NMC532")):
        m, e = get_material(name), energy_material(record)
        assert m.molar_mass == e.molar_mass and m.density == e.density
    # window capacities: Faraday for LiFePO4 (1 Li) and LTO (3 Li); Table S9's practical for LCO/NMC
    assert get_material("LiFePO4").theoretical_capacity == pytest.approx(169.9, abs=0.2)
    assert get_material("Li4Ti5O12").theoretical_capacity == pytest.approx(175.1, abs=0.2)
    assert get_material("LiCoO2").theoretical_capacity == pytest.approx(150.0, rel=1e-6)
    # LiFePO4 -> FePO4 shrinks 6.5 % (Padhi 1997 cell volumes); LTO is "zero strain"-like (< 1 %)
    assert get_material("LiFePO4").molar_volume_change == pytest.approx(291.4 / 272.4 - 1, rel=0.01)
    assert abs(get_material("Li4Ti5O12").molar_volume_change) < 0.05
    # NMC532 (Ni 0.5) contracts on charge by an amount between the measured NCM111 (Ni 1/3) and NCM811 (Ni 0.8)
    # unit-cell contractions over the same 3.0-4.3 V window (the record's KONDRAKOV_VOLUME_CONTRACTION)
    from pybamm_aea.materials import nmc532

    shrink = 1 - 1 / (1 + get_material("NMC532").molar_volume_change)
    assert nmc532.KONDRAKOV_VOLUME_CONTRACTION["NCM111"] < shrink < nmc532.KONDRAKOV_VOLUME_CONTRACTION["NCM811"]


def test_licoo2_grows_on_charge_by_its_cell_volumes():
    """LiCoO2's host grows on charge (c +2.4 %, a -0.25 % to Li0.5CoO2): its molar volume at the charged end of the
    window is 1.88 % above the lithiated one (the cell volumes of LiCoO2 and Li0.5CoO2 in materials.licoo2), where
    until session 38 a density 2 % below the lithiated one had it shrink 1.92 %. Cross-check from another source:
    PyBaMM's Ai2020 LiCoO2 partial molar volume (-7.28e-7 m3/mol, c_max 49943 mol/m3) over the window, +1.99 %."""
    lco = get_material("LiCoO2")
    growth = 1 / (1 + lco.molar_volume_change) - 1
    assert growth == pytest.approx(0.0188, abs=2e-4)
    ai = pybamm.ParameterValues("Ai2020")
    ai_growth = (-ai["Positive electrode partial molar volume [m3.mol-1]"]
                 * ai["Maximum concentration in positive electrode [mol.m-3]"] * lco.x_max)
    assert ai_growth == pytest.approx(0.0199, abs=1e-4) and abs(growth - ai_growth) < 0.002


@pytest.mark.parametrize("name", ["AEA_LiFePO4", "AEA_Li4Ti5O12", "AEA_LiCoO2", "AEA_NMC532"])
def test_registered_sets_pickle_and_start_as_a_user_expects(name):
    values = pybamm.ParameterValues(name)
    again = pickle.loads(pickle.dumps(values))
    assert again["Cathode loading [kg.m-2]"] == values["Cathode loading [kg.m-2]"]
    x0, x_max = values["Initial cathode Li content"], values["Cathode maximum Li content"]
    charge_first = name != "AEA_Li4Ti5O12"
    # lithiated as made -> the first step (the default current) is a charge
    assert (x0 / x_max > 0.9) == charge_first
    assert (values["Current function [A]"] < 0) == charge_first
    assert values["Lower voltage cut-off [V]"] < values["Upper voltage cut-off [V]"]


@pytest.mark.parametrize("name, material", [("AEA_LiCoO2", "LiCoO2"), ("AEA_NMC532", "NMC532")])
def test_an_electrode_starts_as_pressed_and_its_mass_counts_its_li_once(name, material):
    """The model's host is Li-free with the material's Li content as pressed (the loading's basis). A lithiated
    material's Li was counted twice (LiCoO2's electrode 3.9 % heavier at t = 0, NMC532 4.4 %) and its porosity
    started at 0.076 / 0.071 instead of the pressed 0.11. After a charge the electrode is lighter by the Li it
    gave up. The charge is an experiment's step: LiCoO2 as made is at 2.72 V, below its 3.0 V cut-off (since
    session 56, its OCP table run past it; made at the table's end, x = 0.97), which stops a solve's charge at its
    start (an experiment moves it out). Its thickness is 0.32 % above the loading at Table S9's density, that of x = 1
    (Vegard's law at x = 0.97)."""
    values = pybamm.ParameterValues(name)
    m = get_material(material)
    assert values["Current function [A]"] < 0  # lithiated as pressed: half an hour of the default 0.1C charge
    sol = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                            experiment=pybamm.Experiment(["Charge at 0.1C for 30 minutes"])).solve()
    assert sol["Average cathode porosity"].entries[0] == pytest.approx(m.porosity, abs=1e-9)
    mass, mass_now = sol["Cathode electrode mass [g]"].entries, sol["Cathode electrode mass, instantaneous [g]"].entries
    assert mass_now[0] == pytest.approx(mass[0], rel=1e-9)
    # the thickness of the loading at the pressed density (the material's, against the model's Vegard volume)
    thickness = values["Cathode loading [kg.m-2]"] / (m.density * 1e3 * (1 - m.porosity))
    assert sol["Cathode thickness [m]"].entries[0] == pytest.approx(thickness, rel=2e-3 if material == "NMC532" else 4e-3)
    li_moved = (sol["Total lithium in cathode [mol]"].entries[-1] - sol["Total lithium in cathode [mol]"].entries[0])
    assert abs(li_moved) > 0
    assert mass_now[-1] - mass_now[0] == pytest.approx(li_moved * M_LI * 1e3, rel=1e-6)


def test_a_charge_first_material_starts_its_charge_on_the_delithiation_branch():
    """h = -1 is the delithiation branch (h = 0 the branches' mean was set: the charge began ~50 mV low, with
    h still -0.49 after 0.23 h)."""
    import dataclasses

    from pybamm_aea.materials import OCP

    lfp = get_material("LiFePO4")  # a metallic, fast LiFePO4-like material with 3.40 / 3.50 V branches
    m = dataclasses.replace(lfp, name="BranchTest", ocp=OCP("plateau", potential=3.40, width=0.005),
                            ocp_delithiation=OCP("plateau", potential=3.50, width=0.005),
                            electronic_conductivity=dataclasses.replace(lfp.electronic_conductivity, value=10.0),
                            diffusivity=dataclasses.replace(lfp.diffusivity, value=1e-9))
    values = m.parameter_values()
    sim = pybamm.Simulation(pybamm_aea.AEA({"host thermodynamics": "lever rule"}), parameter_values=values,
                            experiment=pybamm.Experiment(["Charge at 0.1C for 1 hour"]))
    sol = sim.solve()
    assert sol["Cathode hysteresis state"].entries[0] == -1.0
    # after 6 minutes on the 3.50 V branch's edge (3.476 V; from the 3.45 V mean it was 3.439, and 3.476 came
    # after 0.5 h), and it stays there: 3.491 V after an hour
    v = np.interp([0.1, 1.0], sol["Time [h]"].entries, sol["Voltage [V]"].entries)
    assert v[0] > 3.47 and v[1] - v[0] < 0.02


def test_json_round_trip(tmp_path):
    lfp = get_material("LiFePO4")
    path = save_material(lfp, tmp_path / "lfp.json")
    back = load_material(path)
    assert back.to_dict() == lfp.to_dict()
    a, b = lfp.parameter_dict(), back.parameter_dict()
    T, x = pybamm.Scalar(343.15), pybamm.Scalar(0.5)
    for key in ("Cathode Li diffusivity [m2.s-1]", "Cathode lithiation OCP [V]"):
        assert a[key](x, T).evaluate() == pytest.approx(b[key](x, T).evaluate(), rel=1e-12)
    with pytest.raises(FileExistsError):  # nothing a user wrote is overwritten
        save_material(lfp, path)


def test_material_holding_numpy_numbers_saves_and_hashes(tmp_path):
    """A field computed with NumPy (x_max = np.int64(1), a np.float32 in an OCP table) passes the checks as a
    number; saving, hashing (an energy Electrode's key) and the content identity of a sweep store must take it too
    (json.dumps raised 'Object of type int64 is not JSON serializable')."""
    tis2 = get_material("TiS2")
    mine = dataclasses.replace(tis2, name="TiS2 numpy", x_max=np.int64(1),
                               diffusivity=dataclasses.replace(tis2.diffusivity, activation_energy=np.float32(30.0)))
    back = load_material(save_material(mine, tmp_path / "mine.json"))
    assert back == mine and type(back.x_max) is int and back.diffusivity.activation_energy == 30.0
    assert hash(back) == hash(mine)


def test_to_dict_is_the_materials_json_document():
    """to_dict is what a user gets back from the material's JSON: only JSON types (a NumPy number a field holds
    is the Python number, a tuple a list), equal to json.loads of its own JSON text, and from_dict of it is the
    material again; for a library record and one holding NumPy numbers in a field and in a nested property."""
    tis2 = get_material("TiS2")
    mine = dataclasses.replace(tis2, name="TiS2 numpy", x_max=np.int64(1),
                               diffusivity=dataclasses.replace(tis2.diffusivity, activation_energy=np.float32(30.0)))

    def json_types_only(value, where="to_dict()"):
        if isinstance(value, dict):
            for k, v in value.items():
                assert isinstance(k, str), (where, k)
                json_types_only(v, f"{where}[{k!r}]")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                json_types_only(v, f"{where}[{i}]")
        else:
            assert value is None or type(value) in (str, int, float, bool), (where, type(value), value)

    for material in (get_material("LiFePO4"), mine):
        d = material.to_dict()
        json_types_only(d)
        assert d == json.loads(json.dumps(d)) == json.loads(material.to_json())
        assert AEAMaterial.from_dict(d) == material
    assert type(mine.to_dict()["x_max"]) is int and mine.to_dict()["diffusivity"]["activation_energy"] == 30.0


@pytest.mark.parametrize("held, shown", [(pybamm_aea.__file__, None), (np.array([1.0, 2.0]), "array([1., 2.])")],
                         ids=["path", "array"])  # (an id of the path changed with the checkout: mutation.py's verify)
def test_material_holding_what_json_cannot_write_names_the_field(tmp_path, held, shown):
    """A value JSON cannot write in a field no check reads (a Path, an array of two numbers as a reference) is a
    TypeError naming the material, the field, the type and the value, from save_material, hash and to_json alike
    (before the shared JSON default: 'Object of type PosixPath is not JSON serializable', no field); the file is
    not written."""
    from pathlib import Path

    held = Path(held) if isinstance(held, str) else held
    mine = dataclasses.replace(get_material("LiFePO4"), references={"density": held})
    message = (rf"material 'LiFePO4': field 'references': Object of type {type(held).__name__} is not JSON "
               rf"serializable: {re.escape(shown or repr(held))}")
    for call in (lambda: save_material(mine, tmp_path / "mine.json"), lambda: hash(mine), mine.to_json):
        with pytest.raises(TypeError, match=message):
            call()
    assert not (tmp_path / "mine.json").exists()


@pytest.mark.slow
def test_user_json_material_runs_in_a_pybamm_experiment(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(USER_MATERIAL))
    material = load_material(path)
    values = material.parameter_values(loading=2.0)
    sim = pybamm.Simulation(
        pybamm_aea.AEA(), parameter_values=values,
        experiment=pybamm.Experiment(["Discharge at 0.5C until 1.5 V", "Charge at 0.5C until 3.0 V"]),
    )
    sol = sim.solve()
    q = sol.cycles[0].steps[0]["Discharge capacity [A.h]"].entries[-1]
    q_window = material.theoretical_capacity * 2.0e-3 * PAPER_CELL["area_cm2"] * 1e-3  # A.h
    # a thin metallic solid solution with D = 1e-9 cm2/s: most of its window at 0.5C
    assert 0.8 < q / q_window <= 1.0
    assert material.theoretical_capacity == pytest.approx(F / 3.6 / 120.0)


@pytest.mark.parametrize(
    "change, field",
    [
        ({"density": -1.0}, "density"),
        ({"x_max": None}, "x_max"),
        ({"initial_li_content": 2.0}, "initial_li_content"),
        ({"colour": "blue"}, "colour"),
        ({"ocp": {"kind": "table", "theta": [0, 0.5, 1], "values": [3.0, 3.5, 3.2]}}, "ocp"),
        ({"diffusivity": {"value": 1e-9, "function": "math:exp"}}, "diffusivity"),
        ({"electronic_conductivity": {"value": -5.0}}, "electronic_conductivity"),
        ({"lower_voltage": 3.5}, "lower_voltage"),
        ({"ocp": {"kind": "function", "function": "nowhere.at_all:U"}}, "ocp.function"),
        ({"charge_first": "false"}, "charge_first"),  # a string was taken as true: the first step a charge
        ({"charge_first": 0}, "charge_first"),
    ],
)
def test_malformed_material_names_the_field(tmp_path, change, field):
    data = dict(USER_MATERIAL)
    for key, value in change.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(MaterialError, match=field.replace(".", r"\.")):
        load_material(path)


def test_not_json_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{'name': 'single quotes'}")
    with pytest.raises(MaterialError, match="not valid JSON"):
        load_material(path)


def test_a_material_file_of_no_object_is_named(tmp_path):
    """A JSON file holding a list (or an object missing fields) is refused naming the file, as invalid JSON is
    (energy --composition list.json=1 said 'a material must be a JSON object, got list': which file?)."""
    path = tmp_path / "list.json"
    path.write_text("[1, 2]")
    with pytest.raises(MaterialError, match=re.escape(f"{path}: a material must be a JSON object, got list")):
        load_material(path)


def test_li_content_dependent_conductivity_of_lto():
    """Insulating Li4Ti5O12 (1e-13 S/cm), metallic once lithiated (2.46 S/cm, Young et al. 2013)."""
    lto = get_material("Li4Ti5O12")
    assert lto.transport_at(0.0, 300.0)["sigma_e_S_per_cm"] == pytest.approx(1e-13, rel=1e-6)
    assert lto.transport_at(0.5, 300.0)["sigma_e_S_per_cm"] == pytest.approx(2.46, rel=1e-6)
    # LixCoO2: insulator-metal transition on delithiation
    lco = get_material("LiCoO2")
    assert lco.transport_at(1.0, 298.15)["sigma_e_S_per_cm"] < 1e-3 < lco.transport_at(0.3, 298.15)["sigma_e_S_per_cm"]


def test_a_property_without_activation_energy_has_no_temperature_law():
    """A material's property with no activation energy (the default; LiCoO2's electronic conductivity) goes
    through the one Arrhenius law, :func:`pybamm_aea.constants.arrhenius`, whose zero activation energy is exactly
    1: no exponential in the expression, the same number at every temperature."""
    from pybamm_aea.constants import arrhenius

    T = pybamm.Variable("T")
    for E_a in (0, 0.0, np.float64(0.0)):
        one = arrhenius(T, E_a, 298.15)
        assert isinstance(one, pybamm.Scalar) and one.value == 1.0
    lco = get_material("LiCoO2")
    assert lco.electronic_conductivity.activation_energy == 0
    sigma = lco.electronic_conductivity.function_of_content(lco.x_max, 100.0)
    expression = sigma(pybamm.Scalar(0.9 * lco.x_max), T)
    assert T.id not in {node.id for node in expression.pre_order()}  # no temperature in it
    values = {float(sigma(pybamm.Scalar(0.9 * lco.x_max), pybamm.Scalar(t)).evaluate()) for t in (250.0, 343.15)}
    assert len(values) == 1


def test_a_materials_exchange_current_is_the_paper_sets_law():
    """A material's j0 is the paper's sets' law, written once (``paper_cell.cathode_exchange_current_density_law``):
    the Li2021_Mo6S8 set's at theta 0-1 for every built-in material (scaled by its j0_ref), at 25 and 70 C. Beyond
    x_max it is clamped at its floor (0.3 A/m2 at 70 C) on a host that holds Li there, the Mo6S8 record's
    electron-limited host (it reaches x = 4.0035 at 0.8 V: its j0 was the square root of a negative number,
    NaN), and not on a material's lattice gas (LiCoO2: full at x_max, no vacancies; its set's content event, not
    this NaN, ends a solve there: test_a_full_lattice_gas_ends_the_solve_on_its_named_event)."""
    from pybamm_aea.materials import list_materials

    paper = pybamm.ParameterValues("Li2021_Mo6S8")
    paper_j0, paper_x_max = paper["Cathode exchange-current density [A.m-2]"], paper["Cathode maximum Li content"]
    for name in list_materials():
        material = get_material(name)
        j0 = material.parameter_values()["Cathode exchange-current density [A.m-2]"]
        scale = material.exchange_current_density / 15.0
        for T in (298.15, 343.15):
            for theta in (0.0, 0.3, 0.5, 0.9, 1.0):
                mine = float(j0(pybamm.Scalar(theta * material.x_max), pybamm.Scalar(T)).evaluate())
                theirs = float(paper_j0(pybamm.Scalar(theta * paper_x_max), pybamm.Scalar(T)).evaluate())
                assert mine == pytest.approx(scale * theirs, rel=1e-12), (name, theta, T)
        with np.errstate(invalid="ignore"):
            beyond = float(j0(pybamm.Scalar(1.001 * material.x_max), pybamm.Scalar(343.15)).evaluate())
        if name == "Mo6S8":
            assert beyond == pytest.approx(0.3 * scale, rel=1e-12)
        else:
            assert np.isnan(beyond), name


def test_the_paper_sets_and_their_material_records_have_one_j0_beyond_x_max_too():
    """The paper's hosts as material records (``paper_hosts``) and as sets agree on j0 everywhere, beyond x_max too:
    LixTiS2 is a lattice gas (its OCP's logarithm has its pole at x = 1), so Li2021_TiS2's j0 is unclamped as its
    record's, NaN past theta = 1.0001 (no vacancies), and both are flagged full at x = 1; the Mo6S8 host takes Li
    past its Li4 end, so set and record both clamp j0 at its floor there and neither is flagged. Catches
    Li2021_TiS2's law clamped beyond x = 1 (the session-29 state: a full lattice gas given vacancies)."""
    flag = "Cathode host full at maximum Li content"
    for record, set_name, full in (("TiS2", "Li2021_TiS2", 1.0), ("Mo6S8", "Li2021_Mo6S8", 0.0)):
        mine, theirs = get_material(record).parameter_values(), pybamm.ParameterValues(set_name)
        assert mine[flag] == theirs[flag] == full, record
        x_max = theirs["Cathode maximum Li content"]
        assert get_material(record).x_max == x_max
        for T in (298.15, 343.15):
            for theta in (0.0, 0.5, 0.9999, 1.0, 1.00005, 1.001, 1.5):
                x_s, temperature = pybamm.Scalar(theta * x_max), pybamm.Scalar(T)
                with np.errstate(invalid="ignore"):
                    a, b = (float(v["Cathode exchange-current density [A.m-2]"](x_s, temperature).evaluate())
                            for v in (mine, theirs))
                if theta > 1.0001 and full:
                    assert np.isnan(a) and np.isnan(b), (record, theta, T)
                else:
                    assert a == b and np.isfinite(a), (record, theta, T, a, b)


def _licoo2_above_its_cut_off_to_theta_1(full):
    """AEA_LiCoO2 with a table OCP 4.1 -> 3.5 V and no end term (above its 3.0 V cut-off up to theta = 1), its
    lattice gas flagged full at x_max or not (``full``), discharged at 0.1C from theta = 0.9 for up to 20 h on the
    multi-phase host: the solution and x_max."""
    from pybamm_aea.materials import functions as fn

    values = pybamm.ParameterValues("AEA_LiCoO2")
    x_max = values["Cathode maximum Li content"]
    above_cut_off = fn.TableOCP((0.0, 1.0), (4.1, 3.5), x_max, k_end=0.0)
    for name in ("Cathode lithiation OCP [V]", "Cathode delithiation OCP [V]", "Cathode homogeneous OCP [V]"):
        values[name] = above_cut_off
    values.update({"Initial cathode Li content": 0.9 * x_max, "Cathode host full at maximum Li content": full,
                   "Current function [A]": abs(values["Current function [A]"])})  # 0.1C discharge
    return pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 20 * 3600]), x_max


def test_a_full_lattice_gas_ends_the_solve_on_its_named_event():
    """A lattice gas holds no Li beyond x_max: a material whose OCP stays above the cut-off to theta = 1 (a table OCP
    4.1 -> 3.5 V with no end term, on AEA_LiCoO2, discharged at 0.1C from theta = 0.9 to 3.0 V) stops on the
    multi-phase host's event at theta_s = 1 - 1e-9, named, after 0.3675 h (0.006491 mA.h; 0.3695 h, 0.00653, with
    LiCoO2 made at theta 0.995 before session 56). Without the event it runs on past x_max to theta_s = 1.0001, where
    j0's radicand theta (1 - theta) + 1e-4 reaches 0, and stops on the voltage cut-off there (0.3683 h, 0.006504 mA.h; test_a_host_not_flagged_full_fills_past_x_max_until_its_j0_vanishes):
    a lattice gas filled past full, stopped by its kinetics. Every material's set is flagged so but the Mo6S8 record's (its
    electron-limited end takes Li past x_max); of the paper's sets, Li2021_TiS2's lattice gas (its OCP's logarithm
    has its pole at x = 1) is flagged too, and the Mo6S8-based sets state 0, no event. Li2021_TiS2's
    flag is asserted as a value, not by a run its event ends: none was found (session 29): discharged at 0.1C and
    70 C to 1.0 (its cut-off), 0.5 and 0.2 V it ends on the voltage cut-off at a surface content of 0.99982,
    0.99990 and 0.99992, the same with the flag 0 or 1, its kinetics (j0 to 0 at the full end) taking the voltage
    down long before x = 1 - 1e-9, where the logarithm's RT/F ln(1e-9) is only -0.613 V."""
    from pybamm_aea.materials import list_materials
    from pybamm_aea.models.submodels.host_phase_field import LATTICE_GAS_FULL_AT_SURFACE

    flag = "Cathode host full at maximum Li content"
    assert {name: get_material(name).parameter_values()[flag] for name in list_materials()} == {
        name: 0.0 if name == "Mo6S8" else 1.0 for name in list_materials()}
    assert pybamm.ParameterValues("Li2021_Mo6S8")[flag] == 0.0
    assert pybamm.ParameterValues("Li2021_TiS2")[flag] == 1.0

    assert pybamm.ParameterValues("AEA_LiCoO2")[flag] == 1.0
    solution, x_max = _licoo2_above_its_cut_off_to_theta_1(full=1.0)
    assert solution.termination == f"event: {LATTICE_GAS_FULL_AT_SURFACE}"
    assert "lattice gas full" in LATTICE_GAS_FULL_AT_SURFACE and "theta = 1" in LATTICE_GAS_FULL_AT_SURFACE
    assert solution["Cathode surface Li content"].entries[-1] / x_max == pytest.approx(1 - 1e-9, abs=1e-12)
    assert solution.t[-1] / 3600 == pytest.approx(0.3675, rel=1e-3)
    assert solution["Voltage [V]"].entries[-1] > 3.4


def test_a_host_not_flagged_full_fills_past_x_max_until_its_j0_vanishes():
    """The same cell as test_a_full_lattice_gas_ends_the_solve_on_its_named_event with the flag 0 (a host that takes
    Li past x_max, the Mo6S8 sets' value): no content event, so the discharge runs on past x_max
    (nothing in the table OCP stops it) until j0's radicand theta (1 - theta) + 1e-4 reaches 0, at theta_s =
    (1 + sqrt(1.0004)) / 2 = 1.0000999900, where the voltage falls to its 3.0 V cut-off (0.3683 h, 0.006504 mA.h,
    measured; 0.3675 h with the flag 1; 0.3702 / 0.3695 h with LiCoO2 made at theta 0.995 before session 56). It does
    not fail: the stop is PyBaMM's minimum-voltage event. Catches the flag ignored with the events always on, and
    the events' off-switch offset of the wrong sign (negative at the start: no solve at all)."""
    from pybamm_aea.models.submodels.host_phase_field import LATTICE_GAS_FULL, LATTICE_GAS_FULL_AT_SURFACE

    solution, x_max = _licoo2_above_its_cut_off_to_theta_1(full=0.0)
    assert solution.termination == "event: Minimum voltage [V]"
    assert LATTICE_GAS_FULL_AT_SURFACE not in solution.termination and LATTICE_GAS_FULL not in solution.termination
    theta_s = solution["Cathode surface Li content"].entries / x_max
    assert theta_s[-1] == pytest.approx((1 + np.sqrt(1.0004)) / 2, abs=1e-9)  # past x_max, where j0 reaches 0
    assert solution["Voltage [V]"].entries[-1] == pytest.approx(3.0, abs=1e-4)
    assert solution.t[-1] / 3600 == pytest.approx(0.3683, rel=1e-3)


def test_licoo2_with_j0_clamped_past_x_max_ends_its_discharge_at_a_cut_off_on_its_table():
    """AEA_LiCoO2 at 0.1C and 70 C with its j0 clamped at its floor beyond x_max (``past_x_max=True``, no NaN) ends
    its first discharge at its cut-off on its OCP table's data: to 2.75 V (inside the table, which ends at theta
    0.9452, 2.718 V) at theta_s 0.94448, 0.127663 mA.h. Until session 57 it widened the cut-off to 2.5 V and ran to
    2.6 V, theta_s 0.99909, 0.137318 mA.h: 0.0096 mA.h of it past the table's end, on the held 2.718 V (now refused,
    test_a_cut_off_widened_on_the_values_past_a_table_ocp_is_refused_when_the_model_is_parameterised). Neither run
    reaches the full lattice gas's event (its flag 0 gives the same figures, session 57): the event is
    test_a_full_lattice_gas_ends_the_solve_on_its_named_event's. Session 28: with j0 clamped and no event, the
    solver stepped over the pole (theta = 1) and ran 20 h at 3.385 V to theta = 2.10, 0.35325 mA.h."""
    from pybamm_aea.materials import functions as fn

    values = pybamm.ParameterValues("AEA_LiCoO2")
    j0 = values["Cathode exchange-current density [A.m-2]"]
    values["Cathode exchange-current density [A.m-2]"] = fn.ExchangeCurrentDensity(j0.x_max, j0.j0_ref, True)
    values["Lower voltage cut-off [V]"] = 2.75
    experiment = pybamm.Experiment(["Charge at 0.1C until 4.2 V", "Discharge at 0.1C until 2.75 V"])
    solution = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment).solve()
    discharge = solution.cycles[-1].steps[-1]
    assert discharge.termination == "event: Voltage < 2.75 [V] [experiment]"
    capacity = discharge["Discharge capacity [A.h]"].entries
    assert (capacity[-1] - capacity[0]) * 1e3 == pytest.approx(0.127663, rel=1e-4)
    theta_s = discharge["Cathode surface Li content"].entries / values["Cathode maximum Li content"]
    table_end = values["Cathode lithiation OCP [V]"].theta[-1]
    assert theta_s[-1] == pytest.approx(0.94448, abs=1e-4) and theta_s.max() < table_end


def test_an_update_of_the_diffusivity_or_ocp_reaches_the_multi_phase_host():
    """A single-phase material's mobility on the multi-phase host (the default) is B = D / |dU_h/dx|
    of the set's own diffusivity and homogeneous-OCP parameters, by name: a user's update of either
    moves it (D 100x -> ln B + ln 100; a homogeneous OCP twice as steep -> ln B - ln 2), where a copy
    frozen when the set was made would silently ignore the update."""
    values = get_material("LiCoO2").parameter_values()
    x, T = pybamm.Scalar(0.6), pybamm.Scalar(343.15)
    log_b = pybamm.FunctionParameter("Cathode Li log-mobility", {"Cathode Li content": x, "Temperature [K]": T})

    def evaluate(v):
        return float(v.process_symbol(log_b).evaluate())

    base = evaluate(values)
    D, U = values["Cathode Li diffusivity [m2.s-1]"], values["Cathode homogeneous OCP [V]"]
    faster = values.copy()
    faster.update({"Cathode Li diffusivity [m2.s-1]": lambda x, T: 100 * D(x, T)})
    steeper = values.copy()
    steeper.update({"Cathode homogeneous OCP [V]": lambda x, T: 2 * U(x, T)})
    assert evaluate(faster) - base == pytest.approx(np.log(100), abs=1e-6)
    assert evaluate(steeper) - base == pytest.approx(-np.log(2), abs=1e-4)


# ------------------------------------------------------------------ a regular solution below its critical temperature
def test_a_regular_solution_two_phase_at_every_accepted_temperature_is_refused():
    """U = U0 - s (theta - 1/2) + (RT/F) ln((1-theta)/theta) falls with theta everywhere only if s > -4RT/F, i.e.
    T > T_c = -s F/(4R). s = -0.3 V: T_c = 870 K, above the model's highest ambient temperature (453.65 K, Li
    melts): the review's MyMat, whose screen then failed part-way, is refused naming the slope and T_c."""
    data = dict(USER_MATERIAL, ocp={"kind": "regular solution", "potential": 2.5, "slope": -0.3})
    with pytest.raises(MaterialError, match=r"ocp.slope = -0.3 V.*T_c = -slope F/\(4R\) = 870.3 K.*453.65 K.*"
                                            r"two phases.*'plateau' or 'table'"):
        AEAMaterial.from_dict(data)
    AEAMaterial.from_dict(dict(data, ocp=dict(data["ocp"], slope=-0.1)))  # T_c 290 K: single phase at 70 C


_USER_OCPS = """
import pybamm

R_F = 8.314462618 / 96485.33212


def spinodal(x, T):
    # a regular solution with slope -0.3 V written as a function: two-phase below T_c = 870 K
    return 2.5 + 0.3 * (x - 0.5) + R_F * T * pybamm.log((1 - x) / x)


def rises_when_hot(x, T):
    # falls at 200 K (-0.2 V per Li), rises at 453.65 K (+0.054 V per Li)
    return 3.0 + (T - 400.0) / 1000.0 * x


def flat_plateau(x, T):
    # exactly flat at 3.4 V between x = 0.1 and 0.9: a two-phase plateau
    return 3.4 + 0.5 * pybamm.maximum(0.1 - x, 0) - 0.5 * pybamm.maximum(x - 0.9, 0)


def vacancies(x, T):
    # the OCP written against the vacancy content 1 - x: rises as the host fills
    return 2.0 + 0.5 * x


def narrow_rise(x, T):
    # falls 0.5 V per Li, with a step up of 2 x 1.19e-4 V over ~1e-4 Li half way between two of the 2001 samples
    # (0.49980, 0.50030): rises over 0.49995-0.50015 only, by 0.09 mV, less than it falls over the rest of their
    # interval
    return 3.0 - 0.5 * x + 1.19e-4 * pybamm.tanh((x - 0.5000505) / 1e-4)
"""


@pytest.fixture
def user_ocp_module(tmp_path, monkeypatch):
    (tmp_path / "my_user_ocps.py").write_text(_USER_OCPS)
    monkeypatch.syspath_prepend(str(tmp_path))
    return "my_user_ocps"


@pytest.mark.parametrize("name, where", [
    # the spinodal at 200 K: dU/dx = 0.3 - (RT/F) / (x (1 - x)) > 0 for 0.0614 < x < 0.9386
    ("spinodal", r"at T = 200 K: from 2.41542 V at x = 0.061379 \(theta = 0.0614\) to 2.58458 V at x = 0.938621"),
    ("rises_when_hot", r"at T = 453.65 K: from 3.00005 V at x = 0.001 \(theta = 0.0010\) to 3.0536 V at x = 0.999"),
    ("vacancies", r"at T = 200 K: from 2.0005 V at x = 0.001"),
    # 2e-4 Li wide between two samples, taken until session 60 (a rise between neighbouring samples only): the zoom
    ("narrow_rise", r"at T = 200 K: from 2.74993 V at x = 0.499953 \(theta = 0.5000\) to 2.75002 V at x = 0.500153 "
                    r"\(theta = 0.5002\)"),
])
def test_a_function_ocp_that_rises_with_li_content_is_refused_naming_where(user_ocp_module, name, where):
    """A regular solution below T_c was refused, the same OCP written as a "function" was not (its screen failed
    part-way); a "function" OCP is sampled over its window at the model's lowest and highest temperatures."""
    data = dict(USER_MATERIAL, ocp={"kind": "function", "function": f"{user_ocp_module}:{name}"})
    with pytest.raises(MaterialError, match=r"ocp.function '" + user_ocp_module + ":" + name + "' rises with Li "
                                            r"content " + where + r".*flat plateau"):
        AEAMaterial.from_dict(data)
    with pytest.raises(MaterialError, match=r"ocp_delithiation.function .* rises"):
        AEAMaterial.from_dict(dict(USER_MATERIAL, ocp_delithiation=data["ocp"]))


def test_a_function_ocp_is_zoomed_once_and_a_new_function_of_the_same_name_is_read_anew(user_ocp_module, tmp_path,
                                                                                          monkeypatch):
    """The zoom of a "function" OCP (5-25 ms: Mo6S8's validation 24 ms, all but 1 ms of it the zoom) ran at every
    validation of the material, a screen's each cell (session 61: kept, thermodynamics.kept_rising_stretch). The second
    validation zooms nowhere; the module edited so that the same name is another function (one that rises) and
    imported again, the material is refused: the answer is kept by the samples too, not by the name alone."""
    import importlib
    import sys

    from pybamm_aea import thermodynamics

    zoomed = []
    rising_stretch = thermodynamics.rising_stretch
    monkeypatch.setattr(thermodynamics, "rising_stretch",
                        lambda x, U, resample=None: zoomed.append(resample) or rising_stretch(x, U, resample))
    data = dict(USER_MATERIAL, ocp={"kind": "function", "function": f"{user_ocp_module}:flat_plateau"})
    AEAMaterial.from_dict(data)
    assert len(zoomed) == 2  # (its lowest and highest temperature)
    AEAMaterial.from_dict(data)
    assert len(zoomed) == 2  # (kept)
    module = tmp_path / f"{user_ocp_module}.py"
    module.write_text(module.read_text().replace("def flat_plateau(", "def _flat(").replace(
        "def narrow_rise(", "def flat_plateau("))
    sys.modules.pop(user_ocp_module, None)
    importlib.invalidate_caches()
    with pytest.raises(MaterialError, match=rf"ocp.function '{user_ocp_module}:flat_plateau' rises with Li content at "
                                            r"T = 200 K: from 2.74993 V at x = 0.499953"):
        AEAMaterial.from_dict(data)
    sys.modules.pop(user_ocp_module, None)  # (the next test's own module)
    tis2 = get_material("TiS2").to_dict()  # (loaded before counting: the registry's first load validates it too)
    monkeypatch.setattr(thermodynamics, "_rises_kept", {})
    monkeypatch.setattr(thermodynamics, "RISES_KEPT", 1)  # bounded: dropped when full
    before = len(zoomed)
    AEAMaterial.from_dict(tis2)  # (two temperatures: two answers, one kept)
    assert len(thermodynamics._rises_kept) == 1 and len(zoomed) - before == 2


def test_a_kept_rising_stretch_is_returned_even_when_another_thread_empties_the_cache(monkeypatch):
    """kept_rising_stretch stored its answer, then read it back from the shared dict: another thread emptying the cache
    (full at RISES_KEPT) in between raised KeyError (review R47). Here the dict empties itself right after each store.
    A single phase's answer (None) is kept too: the second call reads nothing anew."""
    from pybamm_aea import thermodynamics

    class EmptiedAfterEachStore(dict):
        def __setitem__(self, key, value):
            super().__setitem__(key, value)
            self.clear()

    x = np.linspace(0.0, 1.0, 201)
    U = 3.0 - 0.5 * x + 0.05 * np.sin(12 * x)  # (dU/dx = -0.5 + 0.6 cos(12 x) > 0 near x = 0: a rising stretch)
    expected = thermodynamics.rising_stretch(x, U)
    assert expected is not None
    monkeypatch.setattr(thermodynamics, "_rises_kept", EmptiedAfterEachStore())
    assert thermodynamics.kept_rising_stretch(None, x, U) == expected
    calls = []
    rising_stretch = thermodynamics.rising_stretch
    monkeypatch.setattr(thermodynamics, "rising_stretch", lambda *a: calls.append(a) or rising_stretch(*a))
    monkeypatch.setattr(thermodynamics, "_rises_kept", {})
    falling = 3.0 - 0.5 * x
    assert thermodynamics.kept_rising_stretch(None, x, falling) is None
    assert thermodynamics.kept_rising_stretch(None, x, falling) is None
    assert len(calls) == 1


@pytest.mark.parametrize("field, value, kind", [("ocp", 5, "an OCP"), ("diffusivity", "1e-10", "a TransportProperty"),
                                               ("electronic_conductivity", [1e-3], "a TransportProperty")])
def test_an_ocp_or_transport_field_of_the_wrong_type_is_named_with_its_value(field, value, kind):
    # was "'ocp' is missing (an OCP or its dict)" for a field the file gives
    with pytest.raises(MaterialError, match=rf"'{field}' must be {kind} or its dict, got {re.escape(repr(value))}"):
        AEAMaterial.from_dict(dict(USER_MATERIAL, **{field: value}))


def test_a_flat_two_phase_function_ocp_and_every_built_in_material_pass_the_check(user_ocp_module):
    data = dict(USER_MATERIAL, ocp={"kind": "function", "function": f"{user_ocp_module}:flat_plateau"})
    AEAMaterial.from_dict(data).parameter_values()
    for name in pybamm_aea.materials.list_materials():  # Mo6S8's two branches and TiS2 are functions
        material = get_material(name)
        AEAMaterial.from_dict(material.to_dict())


def test_a_regular_solution_below_its_critical_temperature_is_refused_at_the_cells_temperature():
    """s = -0.14 V: T_c = 406.2 K, so the material is accepted (a single phase above it) but a cell at 70 C is
    refused when the temperature is set, and at solve time when it is an input; at 420 K it runs."""
    from pybamm_aea.materials.functions import RegularSolutionOCP, critical_temperature

    T_c = critical_temperature(-0.14)
    assert T_c == pytest.approx(0.14 * F / (4 * R), rel=1e-6)
    # the bound is tight and its sign right: just above T_c the OCP is flat at theta = 1/2 and falls everywhere
    U = RegularSolutionOCP(2.5, -0.14, 1.0)
    theta = np.linspace(0.01, 0.99, 981)
    u = np.array([float(U(pybamm.Scalar(t), pybamm.Scalar(1.001 * T_c)).evaluate()) for t in theta])
    assert np.all(np.diff(u) < 0) and (u[491] - u[489]) / (theta[491] - theta[489]) > -2e-3
    with pytest.raises(ValueError, match=r"'Ambient temperature \[K\]' = 403.59.* \(406.158, inf\).*slope -0.14 V"):
        U(pybamm.Scalar(0.5), pybamm.Scalar(0.9937 * T_c))
    material = AEAMaterial.from_dict(dict(USER_MATERIAL, ocp={"kind": "regular solution", "potential": 2.2,
                                                              "slope": -0.14}))
    with pytest.raises(ValueError, match=r"'Ambient temperature \[K\]' = 343.15 is outside.*406.2 K"):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=material.parameter_values()).solve([0, 10])
    values = material.parameter_values()
    values["Ambient temperature [K]"] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    assert sim.solve([0, 10], inputs={"Ambient temperature [K]": 420.0}).t[-1] == 10
    with pytest.raises(ValueError, match=r"'Ambient temperature \[K\]' = 343.0 is outside.*406.2 K"):
        sim.solve([0, 10], inputs={"Ambient temperature [K]": 343.0})


#: the brief's partial table (session 56), theta 0.1-0.9 at 2.28-2.12 V, inside USER_MATERIAL's 1.5-3.0 V cut-offs
PARTIAL_TABLE = {"kind": "table", "theta": [0.1, 0.3, 0.5, 0.7, 0.9], "values": [2.28, 2.22, 2.20, 2.18, 2.12]}


@pytest.mark.parametrize("name, table, span, step", [
    ("ocp", PARTIAL_TABLE, "0-0.1", "charge"),
    ("ocp", dict(PARTIAL_TABLE, theta=[0.0, 0.3, 0.5, 0.7, 0.9]), "0.9-1", "discharge"),
    ("ocp", dict(PARTIAL_TABLE, values=[3.1, 2.22, 2.20, 2.18, 2.12]), "0.9-1", "discharge"),
    ("ocp_delithiation", PARTIAL_TABLE, "0-0.1", "charge"),
])
def test_a_table_ocp_short_of_the_window_inside_the_cut_offs_is_refused_naming_the_gap(name, table, span, step):
    """A table OCP is held at its end values beyond its theta (functions.TableOCP): a table of theta 0.1-0.9
    inside the cut-offs was accepted and ran 0.1 of the window (22.3 of USER_MATERIAL's 223.3 mAh/g) at each end
    on a guessed constant OCP, without a word (as AEA_LiCoO2's did, theta 0.927-1 at 3.408 V, until session 56)."""
    with pytest.raises(MaterialError, match=rf"{name}: the table covers theta .* at theta {span} \(22.3 mAh/g of "
                                            rf"the window's 223.3\) it would be held .* so a {step} would run"):
        AEAMaterial.from_dict(dict(USER_MATERIAL, **{name: table}))


def _made_at(x, **changes):
    """USER_MATERIAL made at ``x`` Li per formula unit, its as-pressed density the one Vegard's law gives there."""
    from pybamm_aea.constants import M_LI
    from pybamm_aea.parameters import host_as_made

    d = dict(USER_MATERIAL, initial_li_content=x, **changes)
    d["density"] = host_as_made(d["delithiated_density"] * 1e3, d["lithiated_density"] * 1e3,
                                d["molar_mass"] * 1e-3 - x * M_LI, d["x_max"], x)[0] / 1e3
    return d


def test_a_table_ocp_short_at_both_ends_is_refused_naming_both_gaps():
    """A table of theta 0.1-0.9 at 2.9 -> 1.6 V inside 1.5-3.0 V was refused for theta 0-0.1 only; theta 0.9-1 showed
    only once the user had mended the first (session 56). One refusal now names both gaps and what mends each."""
    table = dict(PARTIAL_TABLE, values=[2.9, 2.22, 2.20, 2.18, 1.6])
    with pytest.raises(MaterialError) as refusal:
        AEAMaterial.from_dict(_made_at(0.5, ocp=table))
    assert re.search(r"at theta 0-0.1 \(22.3 mAh/g of .* held at 2.9 V, inside the upper cut-off 3 V, so a charge would run "
                     r"there .*; and at theta 0.9-1 \(22.3 mAh/g of .* held at 1.6 V, inside the lower cut-off 1.5 V, so a "
                     r"discharge would run there", str(refusal.value))
    assert str(refusal.value).endswith("to theta 0 or a first value >= the upper cut-off and to theta 1 or a last "
                                       "value <= the lower cut-off")


def test_a_table_ocp_whose_ends_lie_beyond_the_cut_offs_is_accepted():
    """The held ends are never reached inside the cut-offs: first value >= the upper, last <= the lower (and the
    material made on the table: theta 0.5)."""
    table = dict(PARTIAL_TABLE, values=[3.0, 2.22, 2.20, 2.18, 1.5])
    assert AEAMaterial.from_dict(_made_at(0.5, ocp=table)).ocp.theta == table["theta"]


@pytest.mark.parametrize("name", ["ocp", "ocp_delithiation"])
@pytest.mark.parametrize("made, held", [(0.002, "3.1"), (0.95, "1.4")])
def test_a_material_made_off_its_table_ocp_is_refused_naming_where(name, made, held):
    """The first step starts from the state as made: a table whose ends lie past the cut-offs (theta 0.1-0.9 at
    3.1 -> 1.4 V, 1.5-3.0 V) on a material made at theta 0.002 or 0.95 was accepted, its first step running on the
    held end value (as AEA_LiCoO2, made at theta 0.995 on its held 2.718 V, charged 7.47 mAh/g on it until session
    56). The refusal names the theta as made, the held value and the table's span."""
    table = dict(PARTIAL_TABLE, values=[3.1, 2.22, 2.20, 2.18, 1.4])
    with pytest.raises(MaterialError, match=rf"{name}: the table covers theta 0.1-0.9 of the window 0-1; the material "
                                            rf"is made at theta {made:g} \('initial_li_content' / 'x_max'\), off the "
                                            rf"table, on its held {held} V with no data.*give an 'initial_li_content' "
                                            rf"within theta 0.1-0.9 of 'x_max'"):
        AEAMaterial.from_dict(_made_at(made, **{name: table}))
    assert AEAMaterial.from_dict(_made_at(0.9, **{name: table})).initial_li_content == 0.9


def test_licoo2_is_made_at_its_ocp_tables_end():
    """AEA_LiCoO2 was made at theta 0.995 (x = 0.9973), past its table's end (x = 0.97, theta 0.9452), on the held
    2.718 V: its first 0.1C charge at 70 C ran theta 0.995 -> 0.945, 7.47 mA.h/g, on no data (149.25 uA.h against
    the discharge's 126.84). It is now made at the table's end, x = 0.97, 2.718 V: 140.39 / 126.69 uA.h."""
    from pybamm_aea.materials.licoo2 import X_LOW

    m = get_material("LiCoO2")
    assert m.initial_li_content / m.x_max == m.ocp.theta[-1]
    assert X_LOW + m.initial_li_content == pytest.approx(0.97, abs=1e-12)
    values = pybamm.ParameterValues("AEA_LiCoO2")
    assert values["Initial cathode Li content"] / values["Cathode maximum Li content"] == pytest.approx(m.ocp.theta[-1],
                                                                                                        abs=1e-12)


@pytest.mark.parametrize("name", pybamm_aea.materials.list_materials())
def test_every_registered_materials_table_ocp_reaches_the_window_or_past_its_cut_offs(name):
    """LiCoO2's table (PyBaMM's lico2_ocp_Dualfoil1998) ended at x = 0.96, 3.408 V, above the 3.0 V cut-off: every
    discharge ran theta 0.927-1 at 3.408 V. It now runs to x = 0.97, 2.718 V, and is the function at its points."""
    material = get_material(name)
    for ocp in (material.ocp, material.ocp_delithiation):
        if ocp is not None and ocp.kind == "table":
            assert ocp.theta[0] == 0 or ocp.values[0] >= material.upper_voltage
            assert ocp.theta[-1] == 1 or ocp.values[-1] <= material.lower_voltage
    if name == "LiCoO2":
        from pybamm.input.parameters.lithium_ion import Marquis2019

        from pybamm_aea.materials.licoo2 import X_LOW, OCP_X

        x = X_LOW + np.asarray(material.ocp.theta) * material.x_max
        assert x == pytest.approx(OCP_X) and x[-1] == pytest.approx(0.97)
        assert material.ocp.values == pytest.approx(Marquis2019.lico2_ocp_Dualfoil1998(x), abs=1e-12)
        assert material.ocp.values[-1] == pytest.approx(2.7182, abs=1e-4)


def _partial_table_values(anode="lithium metal"):
    """The brief's partial table (:data:`PARTIAL_TABLE`, 2.28-2.12 V) on a material whose own window, 2.12-2.28 V,
    lies inside it (accepted), as an AEA cell on ``anode``."""
    return AEAMaterial.from_dict(_made_at(0.5, ocp=PARTIAL_TABLE, lower_voltage=2.12, upper_voltage=2.28)
                                 ).parameter_values(anode=anode)


def test_a_cut_off_widened_on_the_values_past_a_table_ocp_is_refused_when_the_model_is_parameterised():
    """Review R35: the material's check reads its own cut-offs, so "Lower voltage cut-off [V]" set to 1.0 V on its
    values afterwards ran a discharge to theta 0.9993 on the held 2.12 V, without a word. Parameterising refuses it
    now, naming the gap, the held value, the capacity it holds, the cut-off and both mends; both ends widened:
    one refusal names both."""
    values = _partial_table_values()
    pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()  # (its own window: accepted)
    values["Lower voltage cut-off [V]"] = 1.0
    with pytest.raises(ValueError) as refusal:
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()
    said = str(refusal.value)
    assert re.match(r"'Cathode lithiation OCP \[V\]' and .*\(a table OCP\): the table covers theta 0.1-0.9 of the "
                    r"window 0-1; at theta 0.9-1 \(22.3 mAh/g of the window's 223.3\) it would be held at 2.12 V, "
                    r"inside the 'Lower voltage cut-off \[V\]' 1 V, so a discharge would run there", said), said
    assert said.endswith("to theta 1 or a last value <= the lower cut-off, or keep the 'Lower voltage cut-off [V]' at "
                         "or above 2.12 V (the held value as a cell voltage)")
    values["Upper voltage cut-off [V]"] = 3.0
    with pytest.raises(ValueError, match=r"at theta 0-0.1 \(22.3 .* held at 2.28 V, inside the 'Upper voltage "
                                         r"cut-off \[V\]' 3 V, so a charge .*; and at theta 0.9-1 .* at or below 2.28 "
                                         r"V .* at or above 2.12 V"):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()


def test_a_li_metal_sets_cut_offs_refused_on_li_in_for_a_table_say_the_anode_is_why():
    """Review R36: AEA_LiCoO2's own values (cut-offs 3.0-4.2 V vs Li metal) on AEA({"anode": "Li-In"}) were refused
    for its OCP table (4.2 V is 4.82 V vs Li on Li-In, past the table's 4.2535 V), the cause, values made for Li metal,
    unsaid (CutOffsOfAnotherAnodeWarning never reached): the refusal says it and the move. A table whose theta
    decreases is left to its own error ("x_data must be strictly increasing"), not said as "theta 0.9452-0.01416"."""
    from pybamm_aea.materials.functions import TableOCP
    from pybamm_aea.models.checks import check_tables_cover_cut_offs

    values = pybamm.ParameterValues("AEA_LiCoO2")
    with pytest.raises(ValueError) as refused:
        pybamm.Simulation(pybamm_aea.AEA({"anode": "Li-In"}), parameter_values=values).build()
    said = str(refused.value)
    assert "inside the 'Upper voltage cut-off [V]' 4.2 V, 4.82 V vs Li on an anode at 0.62 V vs Li" in said, said
    assert ("Note: the voltage cut-offs 3-4.2 V are cell voltages against lithium metal" in said
            and "move them to 2.38-3.58 V with values.update(pybamm_aea.parameters.paper_cell.li_in_cut_offs(values))"
            in said), said
    ocp = values["Cathode homogeneous OCP [V]"]
    reversed_table = TableOCP(ocp.theta[::-1], ocp.values[::-1], ocp.x_max)
    for name in ("Cathode lithiation OCP [V]", "Cathode delithiation OCP [V]", "Cathode homogeneous OCP [V]"):
        values[name] = reversed_table
    check_tables_cover_cut_offs(values, "lithium metal")  # (not this check's to say)
    with pytest.raises(ValueError, match="x_data must be strictly increasing"):
        reversed_table(0.5 * ocp.x_max, 298.15)


def test_a_cut_off_on_li_in_is_compared_with_a_table_ocp_as_the_cathodes_potential():
    """On Li-In a cut-off is a cell voltage 0.62 V below the cathode's potential vs Li: the material's 2.12 V (vs Li)
    window end is 1.5 V there, accepted on Li-In and refused on Li metal (where 1.5 V is 1.5 V vs Li); widened to
    1.0 V on Li-In (1.62 V vs Li) it is refused, the mend said as a Li-In cell voltage."""
    values = _partial_table_values("Li-In")
    assert values["Lower voltage cut-off [V]"] == pytest.approx(1.5)
    pybamm.Simulation(pybamm_aea.AEA({"anode": "Li-In"}), parameter_values=values).build()
    with pytest.raises(ValueError, match=r"inside the 'Lower voltage cut-off \[V\]' 1.5 V, so a discharge"):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()
    values["Lower voltage cut-off [V]"] = 1.0
    with pytest.raises(ValueError, match=r"inside the 'Lower voltage cut-off \[V\]' 1 V, 1.62 V vs Li on an anode at "
                                         r"0.62 V vs Li, .* at or above 1.5 V \(the held"):
        pybamm.Simulation(pybamm_aea.AEA({"anode": "Li-In"}), parameter_values=values).build()


_LICOO2_END = ("'Cathode lithiation OCP [V]' and 'Cathode delithiation OCP [V]' and 'Cathode homogeneous OCP [V]' "
               "(a table OCP): the table covers theta 0.01416-0.9452 of the window 0-1; at theta 0.9452-1 (8.22 mAh/g "
               "of the window's 150) it would be held at 2.71823 V, inside the ")


def test_an_input_cut_off_past_a_table_ocp_is_refused_at_the_solve_in_the_parameterisations_words():
    """Session 58: AEA_LiCoO2 (its table ends at 2.718 V) with "Lower voltage cut-off [V]" an input ran a 0.1C
    discharge from SOC 1 to 2.5 V on the held end (0.1503 mA.h), without a word: the table is gone from the built
    model. The solve refuses it now, naming the input, its value, the anode and the table's end, in the words the
    parameterisation refuses the number 2.5 with; 2.72 V runs."""
    values = pybamm.ParameterValues("AEA_LiCoO2")
    values.update({"Current function [A]": 0.1 * values["Nominal cell capacity [A.h]"],
                   "Lower voltage cut-off [V]": 2.5})
    with pytest.raises(ValueError) as as_number:
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()
    values["Lower voltage cut-off [V]"] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    with pytest.raises(ValueError) as refused:
        sim.solve([0, 36000], inputs={"Lower voltage cut-off [V]": 2.5}, initial_soc=1)
    said = str(refused.value)
    assert said == ("input 'Lower voltage cut-off [V]' = 2.5 V, a cell voltage on the model's anode, lithium metal: "
                    + str(as_number.value)), said
    assert str(as_number.value).startswith(_LICOO2_END + "'Lower voltage cut-off [V]' 2.5 V, so a discharge would run")
    assert said.endswith("or keep the 'Lower voltage cut-off [V]' at or above 2.71823 V (the held value as a cell "
                         "voltage)")
    solution = sim.solve([0, 36000], inputs={"Lower voltage cut-off [V]": 2.72}, initial_soc=1)
    assert solution["Voltage [V]"].entries[-1] == pytest.approx(2.72, abs=1e-6)


def test_an_input_cut_off_and_a_number_meet_one_rule_of_a_tables_end():
    """Session 59: the solve's check of an input cut-off re-derived the table's ends (its last value where theta
    stops short of 1, its first where it starts past 0) beside the rule the number is refused by; both read
    :func:`~pybamm_aea.materials.material.table_end_limits` now. AEA_LiCoO2's table: a cut-off on its end runs, one
    1e-9 V past it is refused, as a number and as an input alike, in one text."""
    from pybamm_aea.materials.material import table_end_limits
    from pybamm_aea.models.checks import check_inputs, check_tables_cover_cut_offs

    values = pybamm.ParameterValues("AEA_LiCoO2")
    ocp = values["Cathode lithiation OCP [V]"]
    lowest, highest = table_end_limits(ocp.theta, ocp.values)
    assert (lowest, highest) == (float(ocp.values[-1]), float(ocp.values[0])) == pytest.approx((2.71823, 4.25352))
    for name, end, past in (("Lower voltage cut-off [V]", lowest, lowest - 1e-9),
                            ("Upper voltage cut-off [V]", highest, highest + 1e-9)):
        given = values.copy()
        given[name] = "[input]"
        sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=given)
        sim.build()
        for cut in (end, past):
            given[name] = cut
            try:
                check_tables_cover_cut_offs(given)
                as_number = None
            except ValueError as exc:
                as_number = str(exc)
            try:
                check_inputs(sim.built_model, {name: cut})
                as_input = None
            except ValueError as exc:
                as_input = str(exc)
            assert (as_number is None) == (as_input is None) == (cut == end), (name, cut, as_number, as_input)
            if as_input is not None:
                assert as_input == (f"input {name!r} = {cut:g} V, a cell voltage on the model's anode, lithium metal: "
                                    + as_number)


def test_an_input_cut_off_on_li_in_is_compared_as_the_cathodes_potential_and_its_upper_end_too():
    """On Li-In an input cut-off is the cathode's potential less 0.62 V: 2.1 V (2.72 V vs Li) is on the table, 2.0 V
    (2.62 V vs Li) past its 2.718 V end; an upper input past its first value (4.2535 V vs Li at theta 0.01416) is
    refused too, one refusal naming both, a batch's set by its index. The other cut-off, a number, is checked at the
    parameterisation (both were skipped when one was an input, until session 58)."""
    from pybamm_aea.models.checks import check_inputs

    values = get_material("LiCoO2").parameter_values(anode="Li-In")
    values.update({"Lower voltage cut-off [V]": "[input]", "Upper voltage cut-off [V]": "[input]"})
    sim = pybamm.Simulation(pybamm_aea.AEA({"anode": "Li-In"}), parameter_values=values)
    sim.build()
    model = sim.built_model
    check_inputs(model, {"Lower voltage cut-off [V]": 2.1, "Upper voltage cut-off [V]": 3.6})
    with pytest.raises(ValueError) as refused:
        check_inputs(model, [{"Lower voltage cut-off [V]": 2.1, "Upper voltage cut-off [V]": 3.6},
                             {"Lower voltage cut-off [V]": 2.0, "Upper voltage cut-off [V]": 3.7}])
    said = str(refused.value)
    assert said.startswith("input set 1: input 'Lower voltage cut-off [V]' = 2 V and input 'Upper voltage cut-off "
                           "[V]' = 3.7 V, cell voltages on the model's anode, Li-In: 'Cathode lithiation OCP "
                           "[V]'"), said
    assert ("held at 4.25352 V, inside the 'Upper voltage cut-off [V]' 3.7 V, 4.32 V vs Li on an anode at 0.62 V vs "
            "Li, so a charge" in said and "inside the 'Lower voltage cut-off [V]' 2 V, 2.62 V vs Li on an anode at "
            "0.62 V vs Li, so a discharge" in said and "at or above 2.09823 V (the held" in said), said
    values["Upper voltage cut-off [V]"] = 3.7
    with pytest.raises(ValueError, match=r"inside the 'Upper voltage cut-off \[V\]' 3.7 V, 4.32 V vs Li"):
        pybamm.Simulation(pybamm_aea.AEA({"anode": "Li-In"}), parameter_values=values).build()


def _table_end_refusal(values, steps, run):
    """The ValueError's text of ``run(sim)`` for the AEA model of ``values`` in an experiment of ``steps``."""
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment([steps]))
    with pytest.raises(ValueError) as refused:
        run(sim)
    return str(refused.value)


def test_an_experiment_steps_until_voltage_past_a_table_ocp_is_refused_before_any_step_runs():
    """Session 58: "Discharge at 0.1C until 2.5 V" on AEA_LiCoO2 from SOC 1 ended at 2.5 V on the table's held 2.718 V
    (0.1503 mA.h), without a word: the step's own cut-off, which the values' check does not see. Refused now before
    any step runs, naming the step, its voltage and the table's end in the parameterisation's words; a charge until
    4.3 V past the table's first value (4.2535 V) too. On Li-In a step's voltage is the cathode's less 0.62 V, the
    model's anode, whatever the values declare: 2.1 V (2.72 V vs Li) runs on the table, 2.0 V is refused."""
    from pybamm_aea.parameters.paper_cell import CUT_OFF_ANODE_POTENTIAL

    values = pybamm.ParameterValues("AEA_LiCoO2")
    for step, side in (("Discharge at 0.1C until 2.5 V", "2.5 V, so a discharge would run"),
                       ("Charge at 0.1C until 4.3 V", "4.3 V, so a charge would run")):
        said = _table_end_refusal(values, step, lambda sim: sim.solve(initial_soc=1))
        assert said.startswith(f"the experiment's step 1 ({step}) ends at its own voltage {side.split(',')[0]}, a cell "
                               "voltage on the model's anode, lithium metal: 'Cathode lithiation OCP [V]'"), said
        assert f"inside the step's \"until\" voltage {side}" in said, said
    assert said.endswith("or keep the step's \"until\" voltage at or below 4.25352 V (the held value as a cell "
                         "voltage)"), said
    li_in = get_material("LiCoO2").parameter_values(anode="Li-In")
    # (values that do not declare their cut-offs' anode: the step's voltage is the model's anode's cell voltage)
    li_in = pybamm.ParameterValues({k: v for k, v in li_in.items() if k != CUT_OFF_ANODE_POTENTIAL})
    model = pybamm_aea.AEA({"anode": "Li-In"})
    pybamm.Simulation(model, parameter_values=li_in,
                      experiment=pybamm.Experiment(["Discharge at 0.1C until 2.1 V"])).build_for_experiment()
    with pytest.raises(ValueError, match=r"voltage 2 V, a cell voltage on the model's anode, Li-In: .* inside the "
                                         r"step's \"until\" voltage 2 V, 2.62 V vs Li on an anode at 0.62 V vs Li"):
        pybamm.Simulation(model, parameter_values=li_in,
                          experiment=pybamm.Experiment(["Discharge at 0.1C until 2.0 V"])).build_for_experiment()


def test_an_experiment_steps_held_voltage_past_a_table_ocp_is_refused_before_any_step_runs():
    """Session 58 (review R39): AEA_LiCoO2 (cut-offs 3.0-4.2 V, its table 2.718-4.2535 V, the experiment's window
    2.0-5.2 V) "Hold at 2.5 V until C/50" after "Discharge at 0.1C until 3.0 V" from SOC 1 delivered 0.0096 mA.h more
    on the held 2.718 V (local theta 0.9992, the table ends at 0.9452), without a word; a hold at 4.3 V after a charge
    to 4.2 V ran to theta 0.00256 below the table's 0.01416. Refused now before any step runs, in the words of the
    step's "until" voltage (:func:`~pybamm_aea.models.checks.check_step_until_in_tables`); a hold on the table
    builds."""
    values = pybamm.ParameterValues("AEA_LiCoO2")
    for first, hold, side in (("Discharge at 0.1C until 3.0 V", "Hold at 2.5 V until C/50",
                               "2.5 V, so a discharge would run"),
                              ("Charge at 0.1C until 4.2 V", "Hold at 4.3 V until C/50",
                               "4.3 V, so a charge would run")):
        said = _table_end_refusal(values, (first, hold), lambda sim: sim.build_for_experiment())
        assert said.startswith(f"the experiment's step 2 ({hold}) runs at its held voltage {side.split(',')[0]}, a "
                               "cell voltage on the model's anode, lithium metal: 'Cathode lithiation OCP [V]'"), said
        assert f"inside the step's held voltage {side} there on a guessed constant OCP" in said, said
    assert said.endswith("or keep the step's held voltage at or below 4.25352 V (the held value as a cell "
                         "voltage)"), said
    for first, hold in (("Discharge at 0.1C until 3.0 V", "Hold at 2.72 V until C/50"),
                        ("Charge at 0.1C until 4.2 V", "Hold at 4.25 V until C/50")):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                          experiment=pybamm.Experiment([(first, hold)])).build_for_experiment()
    # (two cells in series: a held voltage is the cell's, as PyBaMM holds "Voltage [V]"; an "until" voltage is the
    # battery's. Review R41: "Hold at 4.1 V" was halved to 2.05 V and refused)
    values["Number of cells connected in series to make a battery"] = 2.0
    pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
        [("Charge at 0.1C until 8.4 V", "Hold at 4.2 V until C/50")])).build_for_experiment()
    said = _table_end_refusal(values, ("Charge at 0.1C until 8.4 V", "Hold at 4.3 V until C/50"),
                              lambda sim: sim.build_for_experiment())
    assert said.startswith("the experiment's step 2 (Hold at 4.3 V until C/50) runs at its held voltage 4.3 V, a cell "
                           "voltage on the model's anode"), said


_HELD_END = ("inside the step's held voltage 2.5 V, so a discharge would run there on a guessed constant OCP. Extend "
             "the table with measured points to theta 1 or a last value <= the lower cut-off, or keep the step's held "
             "voltage at or above 2.71823 V (the held value as a cell voltage)")


def test_a_voltage_steps_held_value_of_an_input_past_a_table_ocp_is_refused_at_the_solve():
    """Session 59: AEA_LiCoO2 (its table ends at 2.718 V) held at ``pybamm.step.voltage(pybamm.InputParameter("V"))``
    with V = 2.5 after "Discharge at 0.1C until 3.0 V" from SOC 1 ran on the held 2.718 V (0.00045 mA.h more, to
    0.1 mA), without a word: the number 2.5 was refused, the input not read. Refused now at the solve, before any
    step runs, naming the input and its value in the held number's words; V on the table's end builds."""
    values = pybamm.ParameterValues("AEA_LiCoO2")
    hold = pybamm.step.voltage(pybamm.InputParameter("V"), duration=3600, termination="< 0.0001 A")
    said = _table_end_refusal(values, ("Discharge at 0.1C until 3.0 V", hold),
                              lambda sim: sim.solve(initial_soc=1, inputs={"V": 2.5}))
    assert said.startswith("the experiment's step 2 (Voltage(V, duration=3600, "), said
    assert (") runs at its held voltage 2.5 V, from the input 'V' = 2.5, a cell voltage on the model's anode, lithium "
            "metal: " + _LICOO2_END) in said, said
    assert said.endswith(_HELD_END), said
    end = float(values["Cathode lithiation OCP [V]"].values[-1])  # (2.71823 V: a hold there stops on the data)
    pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
        [("Discharge at 0.1C until 3.0 V", hold)])).build_for_experiment(inputs={"V": end})


def test_an_experiment_steps_until_voltage_of_an_input_past_a_table_ocp_is_refused_at_the_solve():
    """Session 59: AEA_LiCoO2 (its table ends at 2.718 V) discharged at 0.1C from SOC 1 until
    ``VoltageTermination(pybamm.InputParameter("Vc"))``, Vc = 2.5, ran to 2.5 V on the held end (0.1503 mA.h),
    without a word: the number 2.5 was refused, the input not read. Refused now at the solve, naming the input and
    its value in the number's words; Vc = 2.72 builds."""
    values = pybamm.ParameterValues("AEA_LiCoO2")
    step = pybamm.step.c_rate(0.1, termination=pybamm.step.VoltageTermination(pybamm.InputParameter("Vc")),
                              duration=36000)
    said = _table_end_refusal(values, step, lambda sim: sim.solve(initial_soc=1, inputs={"Vc": 2.5}))
    assert (") ends at its own voltage 2.5 V, from the input 'Vc' = 2.5, a cell voltage on the model's anode, lithium "
            "metal: " + _LICOO2_END + "step's \"until\" voltage 2.5 V, so a discharge would run") in said, said
    pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
        [step])).build_for_experiment(initial_soc=1, inputs={"Vc": 2.72})


def test_a_voltage_drive_cycle_past_a_table_ocp_is_refused_before_any_step_runs():
    """Session 59: AEA_LiCoO2 driven by ``pybamm.step.voltage(np.column_stack([t, V]))``, V 3.0 -> 2.5 V over 600 s
    then held to 1200 s, after "Discharge at 0.1C until 3.0 V" from SOC 1, ran 0.0082 mA.h on the held 2.718 V,
    without a word (its samples were checked against the experiment's window, 2.0-5.2 V, only). Refused now before
    any step runs, naming the first sample past the table's end; a sample past it after the step's end (PyBaMM cuts
    the cycle there) and a cycle on the table (2.72-4.25 V) build."""
    values = pybamm.ParameterValues("AEA_LiCoO2")
    cycle = pybamm.step.voltage(np.column_stack([[0.0, 600.0, 1200.0], [3.0, 2.5, 2.5]]))
    said = _table_end_refusal(values, ("Discharge at 0.1C until 3.0 V", cycle), lambda sim: sim.solve(initial_soc=1))
    assert said.startswith("the experiment's step 2 (Voltage(a drive cycle of 3 samples over 1200 s, 2.5 to 3 V)) "
                           "runs at its held voltage 2.5 V at t = 600 s of its drive cycle (sample 2 of 3), a cell "
                           "voltage on the model's anode, lithium metal: " + _LICOO2_END), said
    assert said.endswith(_HELD_END), said
    rise = pybamm.step.voltage(np.column_stack([[0.0, 600.0, 1200.0], [4.0, 4.25, 4.3]]))
    said = _table_end_refusal(values, ("Charge at 0.1C until 4.0 V", rise), lambda sim: sim.build_for_experiment())
    assert "runs at its held voltage 4.3 V at t = 1200 s of its drive cycle (sample 3 of 3)" in said, said
    assert "inside the step's held voltage 4.3 V, so a charge would run" in said, said
    for first, steps in (("Charge at 0.1C until 4.0 V", pybamm.step.voltage(
            np.column_stack([[0.0, 600.0, 1200.0], [4.0, 4.25, 4.3]]), duration=500)),
                         ("Discharge at 0.1C until 3.0 V", pybamm.step.voltage(
                             np.column_stack([[0.0, 600.0], [3.0, 2.72]])))):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                          experiment=pybamm.Experiment([(first, steps)])).build_for_experiment()


def test_a_voltage_drive_cycle_cut_short_is_checked_at_its_end_not_at_the_sample_after():
    """Review R43: a cycle 4.0 V at 0 s, 4.3 V at 600 s in a step of 300 s on AEA_LiCoO2 was refused as held at
    4.3 V (its sample at 600 s, after the step's end) past the cathode table's first value 4.2535 V, though the step
    ends at 300 s at 4.15 V (solved: 4.15 V at its end, -0.082 mA). The samples inside the step and the value
    interpolated at its end are checked now: it builds; a cycle to 4.6 V, 4.3 V at 300 s, is refused there."""
    values = pybamm.ParameterValues("AEA_LiCoO2")
    cut = pybamm.step.voltage(np.column_stack([[0.0, 600.0], [4.0, 4.3]]), duration=300)
    pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
        [("Charge at 0.1C until 4.0 V", cut)])).build_for_experiment()
    past = pybamm.step.voltage(np.column_stack([[0.0, 600.0], [4.0, 4.6]]), duration=300)
    said = _table_end_refusal(values, ("Charge at 0.1C until 4.0 V", past), lambda sim: sim.build_for_experiment())
    assert ("runs at its held voltage 4.3 V at t = 300 s, the step's end (interpolated between samples 1 and 2 of 2 "
            "of its drive cycle), a cell voltage on the model's anode") in said, said


def test_a_voltage_steps_held_function_of_time_past_a_table_ocp_is_refused_at_its_first_time_past():
    """Session 59: a voltage step's Python function of the time, checked at 100 times over its duration against its
    range and window, is checked against the table's ends at those times too: AEA_LiCoO2 ramped 3.0 V - 1 mV/s over
    1000 s passes the table's 2.71823 V end at 281.8 s, refused at 282.828 s; with a current termination (which may
    end it before) at its start, as its range is, and warned about after (session 60; a voltage termination and an
    expression of ``pybamm.t``: the tests after this one)."""
    from pybamm_aea.models.step_checks import check_step_values

    values = pybamm.ParameterValues("AEA_LiCoO2")
    with pytest.raises(ValueError, match=r"step 1 \(Voltage\(<function .*, duration=1000\)\) runs at its held voltage "
                                         r"2.71717 V at t = 282.828 s into the step, a cell voltage on the anode the "
                                         r"values declare, else Li metal: .* inside the step's held voltage 2.71717 V"):
        check_step_values([pybamm.step.voltage(lambda t: 3.0 - 1e-3 * t, duration=1000)], None, values)
    with pytest.raises(ValueError, match=r"runs at its held voltage 2.5 V, a cell voltage"):
        check_step_values([pybamm.step.voltage(lambda t: 2.5 + 0 * t, duration=1000, termination="< 1e-4 A")], None,
                          values)
    with pytest.warns(UserWarning) as told:
        check_step_values([pybamm.step.voltage(lambda t: 3.0 - 1e-3 * t, duration=1000, termination="< 1e-4 A")],
                          None, values)
    told = [str(w.message) for w in told]
    assert any("the step runs only if its termination" in said for said in told), told  # (the window's, at 1000 s)
    assert any("runs at its held voltage 2.71717 V at t = 282.828 s into the step" in said for said in told), told


_TOP_END = ("it would be held at 4.25352 V, inside the step's held voltage 4.25455 V, so a charge would run there on "
            "a guessed constant OCP")


def test_a_held_function_of_time_with_a_voltage_termination_is_refused_where_the_step_certainly_runs():
    """Session 60: a voltage step's Python function of the time with a termination was checked against the table's
    ends at its start only: AEA_LiCoO2 ramped 4.2 V + 0.1 mV/s for 3600 s "until < 3.0 V" after a 0.1C charge to
    4.2 V from SOC 0 charged 0.0184 mA.h more up to 4.56 V, past the table's first value 4.25352 V, without a word.
    A voltage termination on a voltage step is met where PyBaMM's event on "Battery voltage [V]" meets the held
    value, known before the solve: every time before it is run, so the first past the end (545.455 s) is refused
    before any step; a ramp its termination ends first (> 4.25 V at 500 s) builds, and one ended by a current
    termination, which the solve decides, is refused at its start only and warned about at its first time past."""
    from pybamm_aea.models.step_checks import check_step_values

    values = pybamm.ParameterValues("AEA_LiCoO2")
    ramp = pybamm.step.voltage(lambda t: 4.2 + 1e-4 * t, duration=3600, termination="< 3.0 V")
    said = _table_end_refusal(values, ("Charge at 0.1C until 4.2 V", ramp), lambda sim: sim.solve(initial_soc=0))
    assert said.startswith("the experiment's step 2 (Voltage(<function "), said
    assert (", termination=[VoltageTermination(3.0 <)])) runs at its held voltage 4.25455 V at t = 545.455 s into "
            "the step, a cell voltage on the model's anode, lithium metal: ") in said and _TOP_END in said, said
    # (two cells in series: the termination is the battery's, 6.0 V, met when the cell's held value is 3.0 V)
    two = values.copy()
    two["Number of cells connected in series to make a battery"] = 2.0
    with pytest.raises(ValueError, match=r"runs at its held voltage 4.25455 V at t = 545.455 s into the step"):
        check_step_values([pybamm.step.voltage(lambda t: 4.2 + 1e-4 * t, duration=3600, termination="< 6.0 V")],
                          None, two)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # (no warning: the termination ends it at 500 s, 4.25 V)
        check_step_values([pybamm.step.voltage(lambda t: 4.2 + 1e-4 * t, duration=3600, termination="> 4.25 V")],
                          None, values)
    with pytest.warns(UserWarning) as told:
        check_step_values([pybamm.step.voltage(lambda t: 4.2 + 1e-4 * t, duration=3600, termination="< 1e-4 A")],
                          None, values)
    said = [str(w.message) for w in told if "OCP" in str(w.message)]
    assert len(said) == 1 and "runs at its held voltage 4.25455 V at t = 545.455 s into the step" in said[0], said
    assert said[0].endswith("; the step runs there only if its termination (CurrentTermination(0.0001 <)) does not "
                            "end it before"), said


def test_a_held_voltage_of_pybamm_t_past_a_table_ocp_is_refused_at_the_experiments_times():
    """Session 60: a voltage step's value that is an expression of ``pybamm.t`` (the experiment's time, not the
    step's: PyBaMM counts a Python function's from the step's start) was not checked at all: AEA_LiCoO2 held at
    2.5 + 1e-12 t V after "Discharge at 0.1C until 3.0 V" from SOC 1 ran 0.00045 mA.h on the held 2.718 V to
    0.1 mA, without a word. Where the experiment's time the step starts at is known before any step (a first step,
    or after steps that have no termination: the sum of their durations, from a starting solution's last time),
    it is refused then at the first of its times past the end; after a step a termination ends, at its own start
    (PyBaMM's "start time"), before it runs. A ``pybamm.Scalar`` held value, skipped as an expression, is checked
    as its number."""
    values = pybamm.ParameterValues("AEA_LiCoO2")
    first = pybamm.step.voltage(4.2 + 1e-4 * pybamm.t, duration=3600)
    said = _table_end_refusal(values, first, lambda sim: sim.solve(initial_soc=1))
    assert said.startswith("the experiment's step 1 (Voltage(4.2 + 0.0001 * time, duration=3600)) runs at its held "
                           "voltage 4.25455 V at t = 545.455 s of the experiment (545.455 s into the step), a cell "
                           "voltage on the model's anode, lithium metal: "), said
    assert _TOP_END in said, said
    # (after a 600 s rest, no termination: the experiment's time runs on from 600 s)
    later = pybamm.step.voltage(4.14 + 1e-4 * pybamm.t, duration=3600)
    said = _table_end_refusal(values, ("Rest for 600 seconds", later), lambda sim: sim.solve(initial_soc=1))
    assert said.startswith("the experiment's step 2 (Voltage(4.14 + 0.0001 * time, duration=3600)) runs at its held "
                           "voltage 4.25455 V at t = 1145.45 s of the experiment (545.455 s into the step)"), said
    # (after a step its termination ends, at 28452 s of its 36000: refused at its own start, its time then known)
    hold = pybamm.step.voltage(2.5 + 1e-12 * pybamm.t, duration=3600, termination="< 0.0001 A")
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                            experiment=pybamm.Experiment([("Discharge at 0.1C for 10 hours until 3.0 V", hold)]))
    sim.build_for_experiment(initial_soc=1)  # (on its own: the time the hold starts at is not known)
    with pytest.raises(ValueError) as refused:
        sim.solve(initial_soc=1)
    said = str(refused.value)
    assert re.match(r"the experiment's step 2 of 2 in cycle 1 of 1, 'Voltage\(2.5 \+ 1e-12 \* time, duration=3600, "
                    r"termination=\[CurrentTermination\(0.0001 <\)\]\)' runs at its held voltage 2.5 V at t = "
                    r"2\d{4}(\.\d+)? s of the experiment \(0 s into the step\), a cell voltage", said), said
    assert said.endswith(_HELD_END), said
    # (from a starting solution: PyBaMM's time goes on from its last, 100 s: 4.2-4.1 V, on the table)
    rested = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                               experiment=pybamm.Experiment(["Rest for 100 seconds"])).solve(initial_soc=1)
    on = pybamm.step.voltage(4.3 - 1e-3 * pybamm.t, duration=100)
    solution = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
        [on])).solve(starting_solution=rested)
    assert solution["Voltage [V]"].entries[-1] == pytest.approx(4.1, abs=1e-6)
    said = _table_end_refusal(values, on, lambda sim: sim.solve(initial_soc=1))  # (from 0 s: 4.3 V at its start)
    assert "runs at its held voltage 4.3 V at t = 0 s of the experiment (0 s into the step)" in said, said
    said = _table_end_refusal(values, pybamm.step.voltage(pybamm.Scalar(2.5), duration=60),
                              lambda sim: sim.build_for_experiment())
    assert said.startswith("the experiment's step 1 (Voltage(2.5, duration=60)) runs at its held voltage 2.5 V, a "
                           "cell voltage"), said


def test_an_until_voltage_of_pybamm_t_past_a_table_ocp_is_refused_before_any_step_runs():
    """Session 60: a step's "until" voltage that is an expression of ``pybamm.t``
    (``VoltageTermination(2.5 + 1e-9 * pybamm.t)``, PyBaMM's event reads it at each time) was not checked:
    AEA_LiCoO2 from SOC 1 at 0.1C until it ran to 2.5 V on the held 2.718 V (0.1503 mA.h), as the number 2.5 did
    until session 58. Refused now at the first of the step's times it is past the table's end, as a number is
    whether or not the step ends on it; 2.72 + 1e-9 t (2.72-2.72004 V over the 36000 s) builds."""
    values = pybamm.ParameterValues("AEA_LiCoO2")
    step = pybamm.step.c_rate(0.1, termination=pybamm.step.VoltageTermination(2.5 + 1e-9 * pybamm.t), duration=36000)
    said = _table_end_refusal(values, step, lambda sim: sim.solve(initial_soc=1))
    assert said.startswith("the experiment's step 1 (CRate(0.1, duration=36000, termination=[VoltageTermination(2.5 + "
                           "1e-09 * time)], direction=discharge)) ends at its own voltage 2.5 V, its 2.5 + 1e-09 * "
                           "time at t = 0 s of the experiment (0 s into the step), a cell voltage on the model's "
                           "anode, lithium metal: " + _LICOO2_END + "step's \"until\" voltage 2.5 V, so a discharge "
                           "would run"), said
    on = pybamm.step.c_rate(0.1, termination=pybamm.step.VoltageTermination(2.72 + 1e-9 * pybamm.t), duration=36000)
    pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                      experiment=pybamm.Experiment([on])).solve(initial_soc=1)
    # (a rising one, 2.6 + 1e-5 t: past the end until 11823 s, refused at the first of its times)
    rising = pybamm.step.c_rate(0.1, termination=pybamm.step.VoltageTermination(2.6 + 1e-5 * pybamm.t),
                                duration=36000)
    said = _table_end_refusal(values, rising, lambda sim: sim.solve(initial_soc=1))
    assert "ends at its own voltage 2.6 V, its 2.6 + 1e-05 * time at t = 0 s of the experiment" in said, said


def test_a_values_cut_off_of_the_time_past_a_table_ocp_is_refused_at_the_solves_times():
    """Session 60: a voltage cut-off given as an expression of ``pybamm.t`` ("Lower voltage cut-off [V]" = 2.5 +
    1e-9 t; the model's event reads it at each time) was not checked against the table's end (a number is, at the
    parameterisation; a Python function is refused there, the model reading one number): AEA_LiCoO2 discharged at
    its set's current from its state as made ran 0.00192 mA.h to 2.5 V on the held 2.718 V in 391 s, without a
    word. Checked now at the solve's times (a plain solve's t_eval, an experiment step's start to end), refused at
    the first past the end: an upper cut-off 4.2 + 1e-5 t passes 4.25352 V at 5352 s, so a solve to 3600 s is
    not refused and one to 36000 s is, at 5454.55 s."""
    from pybamm_aea.models.checks import check_inputs

    values = pybamm.ParameterValues("AEA_LiCoO2")
    values["Lower voltage cut-off [V]"] = 2.5 + 1e-9 * pybamm.t
    values["Current function [A]"] = abs(values["Current function [A]"])
    with pytest.raises(ValueError) as refused:
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 36000])
    said = str(refused.value)
    assert said.startswith("'Lower voltage cut-off [V]' = 2.5 + 1e-09 * time is 2.5 V at t = 0 s, a cell voltage on "
                           "the model's anode, lithium metal: " + _LICOO2_END + "'Lower voltage cut-off [V]' 2.5 V, "
                           "so a discharge would run"), said
    values = pybamm.ParameterValues("AEA_LiCoO2")
    values["Upper voltage cut-off [V]"] = 4.2 + 1e-5 * pybamm.t
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    sim.build()
    check_inputs(sim.built_model, None, times=[0.0, 3600.0])
    with pytest.raises(ValueError, match=r"^'Upper voltage cut-off \[V\]' = 4.2 \+ 1e-05 \* time is 4.25455 V at "
                                         r"t = 5454.55 s, a cell voltage on the model's anode, lithium metal: "):
        check_inputs(sim.built_model, None, times=[0.0, 36000.0])


def test_an_experiments_table_check_reads_the_values_tables_once(monkeypatch):
    """Session 59: the experiment's check read the values' OCP tables (``host_tables``, 15.7 us for AEA_LiCoO2's)
    once per distinct step and per time a function of the time is checked at: 107 reads for 100 cycles of an
    "until", a ramp held 1000 s (100 times), a charge and a 1000-sample voltage drive cycle (Li2021_Mo6S8, no table:
    5 for 100 cycles of "until 1.3 V", a rest, "until 2.6 V", "Hold at 2.6 V"). Once per experiment now, refusals
    unchanged."""
    from pybamm_aea.models import checks, step_checks

    reads = []

    def counted(values):
        reads.append(values)
        return host_tables(values)

    host_tables = checks.host_tables
    for module in (checks, step_checks):
        monkeypatch.setattr(module, "host_tables", counted, raising=False)  # (step_checks: read from session 59)
    cycle = ("Discharge at 0.1C until 3.0 V", pybamm.step.voltage(lambda t: 3.0 + 1e-3 * t, duration=1000),
             "Charge at 0.1C until 4.2 V",
             pybamm.step.voltage(np.column_stack([np.linspace(0, 1000, 1000), np.linspace(4.2, 3.0, 1000)])))
    lms = ("Discharge at 0.1C until 1.3 V", "Rest for 10 minutes", "Charge at 0.1C until 2.6 V",
           "Hold at 2.6 V until C/50")
    for name, steps in (("AEA_LiCoO2", cycle), ("Li2021_Mo6S8", lms)):
        reads.clear()
        step_checks.check_step_values(pybamm.Experiment([steps] * 100).steps, None, pybamm.ParameterValues(name))
        assert len(reads) == 1, (name, len(reads))
    reads.clear()
    with pytest.raises(ValueError, match=r"step 2 \(Hold at 2.5 V until C/50\) runs at its held voltage 2.5 V"):
        step_checks.check_step_values(pybamm.Experiment([("Discharge at 0.1C until 3.0 V", "Hold at 2.5 V until C/50")]
                                                        * 100).steps, None, pybamm.ParameterValues("AEA_LiCoO2"))
    assert len(reads) == 1


@pytest.mark.parametrize("anode", ["lithium metal", "Li-In"])
def test_every_registered_set_and_material_passes_the_table_check_with_its_own_cut_offs(anode):
    """Each registered material and set (the paper's and the AEA materials'), with its own cut-offs on each anode,
    passes :func:`~pybamm_aea.models.checks.check_tables_cover_cut_offs` (AEA_LiCoO2's table, the one registered,
    ends at 2.718 V, below its 3.0 V cut-off: 2.38 V on Li-In); AEA_LiCoO2 is parameterised in full on each."""
    from pybamm_aea.models.checks import check_tables_cover_cut_offs
    from pybamm_aea.parameters import PYBAMM_MODEL_SETS, SET_FACTS, paper_cell

    checked = 0
    for name in [n for n in SET_FACTS if n not in PYBAMM_MODEL_SETS] + pybamm_aea.materials.list_materials():
        values = (get_material(name).parameter_values(anode=anode) if name in pybamm_aea.materials.list_materials()
                  else pybamm.ParameterValues(name))
        if anode == "Li-In" and name in SET_FACTS:
            values.update(paper_cell.li_in_cut_offs(values))
        check_tables_cover_cut_offs(values, anode)
        checked += 1
    assert checked >= 13
    values = get_material("LiCoO2").parameter_values(anode=anode)
    pybamm.Simulation(pybamm_aea.AEA({"anode": anode}), parameter_values=values).build()


@pytest.mark.parametrize("change, where", [
    ({"diffusivity": {"theta": 0.5, "values": 1e-10}}, "diffusivity [cm2/s].theta"),
    ({"diffusivity": {"theta": [0.0, 1.0], "values": 1e-10}}, "diffusivity [cm2/s].values"),
    ({"ocp": {"kind": "table", "theta": [0.0, 1.0], "values": 3.0}}, "ocp.values"),
])
def test_a_number_for_a_table_names_the_field(tmp_path, change, where):
    """A number where a table's list belongs gave "MaterialError: <file>: object of type 'float' has no len()"."""
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(dict(USER_MATERIAL, **change)))
    with pytest.raises(MaterialError, match=re.escape(where) + " must be a list of numbers, got"):
        load_material(path)


def test_a_change_to_a_library_material_stays_in_the_users_copy():
    """``get_material`` hands out a copy: a porosity a user sets on it (0.3) reaches neither a later
    ``get_material`` (the library's 0.11 stays) nor the registered ``AEA_LiFePO4`` set built from the record."""
    before = pybamm.ParameterValues("AEA_LiFePO4")["Cathode porosity"]
    mine = get_material("LiFePO4")
    library = mine.porosity
    mine.porosity = 0.3
    assert get_material("LiFePO4").porosity == library != 0.3
    assert pybamm.ParameterValues("AEA_LiFePO4")["Cathode porosity"] == before
    assert mine.parameter_values()["Cathode porosity"] == 0.3


def test_density_as_pressed_must_agree_with_its_limits(tmp_path):
    """A 'density' of 6.0 g/cm3 beside TiS2-like limits of 3.3 / 3.15 was accepted: the energy model and the
    screen's composites read it (Wh/L x 1.8), the AEA cell the two limits (its thickness). Now refused by name."""
    data = dict(USER_MATERIAL, density=6.0)
    path = tmp_path / "dense.json"
    path.write_text(json.dumps(data))
    with pytest.raises(MaterialError, match=r"'density' 6.0 g/cm3 .* disagrees with the 3.3 g/cm3"):
        load_material(path)
    ok = AEAMaterial.from_dict(dict(USER_MATERIAL, density=3.3 * 1.005))  # within 1 %: kept as given
    assert ok.density == pytest.approx(3.3165)


@pytest.mark.parametrize("field, value, named", [
    ("electronic_conductivity", {"value": -3.0}, r"electronic_conductivity \[S/cm\]\.value must be >= 1e-25, got -3$"),
    ("diffusivity", {"value": 0.0}, r"diffusivity \[cm2/s\]\.value must be >= 1e-25, got 0$"),
    ("x_max", -1.0, r"'x_max' \[Li per formula unit\] must be > 0, got -1$"),
    ("lower_voltage", 5.0, r"'lower_voltage' \(5\.0 V\)"),
])
def test_a_field_changed_after_the_material_was_made_is_named_when_its_cell_is_built(field, value, named):
    """A field set on a made material (``get_material`` invites ``m.porosity = 0.3``) was not checked again:
    a negative or zero conductivity or diffusivity gave a bare 'ValueError: math domain error' (its log10),
    other fields an error on a model parameter the user never wrote ('Cathode maximum Li content'). The cell's
    parameters now check the material again and name its field with the value."""
    from pybamm_aea.materials import TransportProperty

    mine = get_material("TiS2")
    setattr(mine, field, TransportProperty(**value) if isinstance(value, dict) else value)
    with pytest.raises(MaterialError, match=named):
        mine.parameter_values()


@pytest.mark.parametrize("T", [150.0, 199.0, 500.0, 1000.0])
def test_a_cells_temperature_outside_the_models_range_is_refused_with_that_range(T):
    """``material.parameter_values(temperature=...)`` had a range of its own, (150, 700] K: 1000 K was refused as
    'must be <= 700' and 500 K passed, though the model accepts 200 K to Li's melting point, 453.65 K (then refused
    at the build). Now one range, the model's, named in the message."""
    with pytest.raises(MaterialError) as refused:
        get_material("TiS2").parameter_values(temperature=T)
    said = str(refused.value)  # (the model's check's words; with the degrees C slip of 150 K since session 54)
    assert said.startswith(f"temperature: 'Ambient temperature [K]' = {T!r} is outside its physical range "
                           "[200, 453.65] (200 K to the melting point of Li, 453.65 K)"), said
    assert get_material("TiS2").parameter_values(temperature=453.65)["Ambient temperature [K]"] == 453.65


def _renamed(data, old, new):
    """``data`` (a material's JSON dict) with the field ``old`` spelled ``new``."""
    return {new if k == old else k: v for k, v in data.items()}


@pytest.mark.parametrize("call, suggested", [
    (lambda: get_material("LiFeP04"), "LiFePO4"),  # names are read case-blind (session 39): a misspelling only
    (lambda: get_material("LiFePO5"), "LiFePO4"),
    (lambda: AEAMaterial.from_dict(_renamed(get_material("LiFePO4").to_dict(), "density", "Density")), "density"),
    (lambda: AEAMaterial.from_dict(_renamed(get_material("LiFePO4").to_dict(), "density", "densty")), "density"),
    (lambda: AEAMaterial.from_dict({**get_material("LiFePO4").to_dict(), "ocp": {"kind": "Plateau", "potential": 3.4}}),
     "plateau"),
    (lambda: AEAMaterial.from_dict({**get_material("LiFePO4").to_dict(), "ocp": {"kind": "platau", "potential": 3.4}}),
     "plateau"),
    (lambda: get_material("LiFePO4").parameter_values(cell="Paper"), "paper"),
    (lambda: get_material("LiFePO4").parameter_values(cell="papr"), "paper"),
], ids=['material LiFeP04', 'material LiFePO5', 'field Density', 'field densty', 'kind Plateau', 'kind platau',
        'cell Paper', 'cell papr'])
def test_a_refused_name_gets_the_close_names(call, suggested):
    """An unknown literature material, a material file's unknown field or OCP kind and an unknown cell build listed
    the known names but suggested none: a wrong case or a misspelling now gets the name meant (still refused)."""
    with pytest.raises(MaterialError, match=re.escape(f"did you mean [{suggested!r}")):
        call()


def test_both_get_materials_read_a_name_by_one_rule():
    """pybamm_aea.energy.get_material read 'lifepo4' as LiFePO4 (case, spaces, '-' and '_' ignored) but
    pybamm_aea.materials.get_material refused it: two rules for one kind of look-up. Both read a name by
    user_input.name_key now (the screen and the sweep too, through as_material); a misspelling is refused by both,
    naming the close name."""
    from pybamm_aea import energy
    from pybamm_aea.materials import LITERATURE, as_material

    for name in LITERATURE:
        for typed in (name, name.lower(), name.upper(), " ".join(name)):
            assert get_material(typed).name == as_material(typed).name == energy.get_material(typed).name == name
    with pytest.raises(MaterialError, match=re.escape("unknown material 'LiFePO5'") + ".*did you mean \\['LiFePO4'\\]"):
        get_material("LiFePO5")
    with pytest.raises(ValueError, match=re.escape("unknown material 'LiFePO5'") + ".*did you mean \\['LiFePO4'\\]"):
        energy.get_material("LiFePO5")
    assert as_material("Li2021_TiS2") is None  # a parameter set's name is no material


def test_a_material_made_from_the_users_parts_leaves_them_as_given():
    """A material's OCP or transport property given a field as numpy.array(x) (a value read from a PyBaMM solution)
    is read as the number x; that was done by setattr on the user's own OCP and TransportProperty objects (the
    OCP's width became a float in the user's object). The material holds converted copies; the user's objects are
    untouched after a cell is built from it."""
    m = get_material("LiFePO4")
    width, energy = np.array(m.ocp.width), np.array(m.diffusivity.activation_energy)
    ocp = dataclasses.replace(m.ocp, width=width)
    diffusivity = dataclasses.replace(m.diffusivity, activation_energy=energy)
    mine = dataclasses.replace(m, ocp=ocp, diffusivity=diffusivity, porosity=np.array(0.2))
    assert mine.parameter_values()["Cathode porosity"] == 0.2
    assert ocp.width is width and diffusivity.activation_energy is energy
    assert type(mine.ocp.width) is type(mine.diffusivity.activation_energy) is float
    assert (mine.ocp.width, mine.diffusivity.activation_energy) == (width.item(), energy.item())
    assert mine.ocp is not ocp and m.ocp.width == width.item()  # (the library's record as it was)


def _equation_nodes(set_name):
    """Nodes of the built AEA model's rhs and algebraic equations on ``set_name`` (its tree: PyBaMM walks it so)."""
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues(set_name))
    sim.build()
    equations = list(sim.built_model.rhs.values()) + list(sim.built_model.algebraic.values())
    return sum(1 for eq in equations for _ in eq.pre_order())


def test_a_table_ocp_holds_its_li_content_once_and_the_licoo2_model_stays_near_mo6s8s_size():
    """A table OCP written as a sum of clipped ramps held its argument once per segment: AEA_LiCoO2's 49-point OCP
    took 3079 nodes on the multi-phase host, its mobility (two of them) appeared 26 times in the electronic ohmic drop,
    and the built equations held 151,194 nodes against Mo6S8's 3,439 (44x; build 4.1 s, first solve 2.0 s, session
    58). As one node of its argument (pybamm_adapter.linear_table): 10,620 (3.1x). Values and slopes are the ramps'."""
    from pybamm_aea.materials import licoo2
    from pybamm_aea.parameters.paper_cell import piecewise_linear

    ocp = licoo2.MATERIAL.ocp.function_of_content(licoo2.X_MAX)
    x = pybamm.StateVector(slice(0, 7))
    u = ocp(x, pybamm.Scalar(298.15))
    assert sum(1 for node in u.pre_order() if node == x) <= 3  # (the table once, the end term twice)
    y = np.linspace(-0.01, licoo2.X_MAX + 0.01, 7)[:, None] + 1e-7  # (no state on a knot)
    ramps = piecewise_linear(x / ocp.x_max, ocp.theta, ocp.values)
    end = ocp.k_end * (1 / (x / ocp.x_max) - 1 / (1 - x / ocp.x_max))
    np.testing.assert_allclose(u.evaluate(y=y), (ramps + end).evaluate(y=y), rtol=1e-14, atol=1e-14)
    np.testing.assert_allclose(u.diff(x).evaluate(y=y), (ramps + end).diff(x).evaluate(y=y), rtol=1e-12)
    import casadi  # (the solver's form: the table and its slope as CasADi evaluates them)

    ys = casadi.MX.sym("y", 7)
    in_casadi = casadi.Function("u", [ys], [u.to_casadi(y=ys), u.diff(x).to_casadi(y=ys)])(y.ravel())
    np.testing.assert_allclose(in_casadi[0].full(), (ramps + end).evaluate(y=y), rtol=1e-14, atol=1e-14)
    np.testing.assert_allclose(in_casadi[1].full(), (ramps + end).diff(x).evaluate(y=y), rtol=1e-12)
    assert _equation_nodes("AEA_LiCoO2") < 5 * _equation_nodes("Li2021_Mo6S8")
