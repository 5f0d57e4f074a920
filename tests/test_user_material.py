"""A user-defined AEAMaterial (or its JSON file) goes through the design sweep and the energy model as it goes
through the screen: defined once (review_mat item 7).

The materials are the package's own TiS2 (made Li-free: a discharge first, the sweep's batched path) and LiCoO2
(made lithiated: a charge first, the experiment path), taken through their AEAMaterial objects as if user-defined.
"""
import dataclasses
import math
import re

import pybamm
import pytest

import pybamm_aea
from pybamm_aea.constants import F, M_LI
from pybamm_aea.energy import Electrode, get_material as energy_material
from pybamm_aea.materials import get_material, save_material
from pybamm_aea.models.aea import AEA
from pybamm_aea.sweep import SweepConfigError

ESC = "Electrode specific capacity [mA.h.g-1]"
LOADINGS = [0.015, 0.03]  # kg/m2: 1.5 and 3 mg/cm2


def _sweep(material, **kwargs):
    return pybamm_aea.sweep({"Cathode loading [kg.m-2]": LOADINGS}, parameter_set=material, workers=1,
                            progress=False, **kwargs)


def _direct_esc(material, loading):
    """ESC [mAh/g] of ``material.parameter_values(loading=...)`` solved on its own: 0.1C to the cut-off (charged
    at 0.1C first when made lithiated). Its loading and nominal capacity are inputs at their own values, as in a
    sweep (with them constant the solver's steps differ: 2.6e-5 relative for LiCoO2 at 3 mg/cm2, within its rtol)."""
    pv = material.parameter_values(loading=loading * 1e2)
    inputs = {k: pv[k] for k in ("Cathode loading [kg.m-2]", "Nominal cell capacity [A.h]")}
    pv.update({k: "[input]" for k in inputs})
    steps = [f"Discharge at 0.1C until {pv['Lower voltage cut-off [V]']:g} V"]
    if material.charge_first:
        steps = [(f"Charge at 0.1C until {pv['Upper voltage cut-off [V]']:g} V", steps[0])]
    sol = pybamm.Simulation(AEA(), parameter_values=pv, experiment=pybamm.Experiment(steps)).solve(inputs=inputs)
    q = sol.cycles[-1].steps[-1]["Discharge capacity [A.h]"].entries
    area = pv["Electrode width [m]"] * pv["Electrode height [m]"]
    return (q[-1] - q[0]) * 1e3 / (loading * area * 1e3)


@pytest.mark.parametrize("name", ["TiS2", "LiCoO2"])
def test_sweep_of_a_material_is_its_parameter_values_solved(name):
    material = get_material(name)
    df = _sweep(material)
    assert df["error"].isna().all(), df["error"].tolist()
    for loading, esc in zip(LOADINGS, df[ESC]):
        assert esc == pytest.approx(_direct_esc(material, loading), rel=1e-6)
    assert df[ESC].iloc[0] > 50  # delivered something (LiCoO2 was charged first: from full it gives ~0)


def test_sweep_of_a_material_json_gives_the_same_rows(tmp_path):
    material = get_material("TiS2")
    path = save_material(material, tmp_path / "mine.json")
    a, b = _sweep(material), _sweep(str(path))
    cols = [c for c in a.columns if "time [s]" not in c]
    assert a[cols].equals(b[cols])


def test_a_store_of_one_material_refuses_another(tmp_path):
    material = get_material("TiS2")
    store = tmp_path / "s.sqlite"
    _sweep(material, results_file=store)
    # the same name and cell, another j0 (a function object in the cell's values): only the material's content
    # tells them apart
    other = dataclasses.replace(material, exchange_current_density=2 * material.exchange_current_density)
    assert other.name == material.name
    with pytest.raises(SweepConfigError, match="another configuration.*material"):
        _sweep(other, results_file=store)
    _sweep(material, results_file=store)  # the same one resumes


def test_sweep_refuses_what_is_not_a_material(tmp_path):
    with pytest.raises(SweepConfigError, match=r"nothere\.json"):
        _sweep(str(tmp_path / "nothere.json"))
    with pytest.raises(SweepConfigError, match="AEAMaterial"):
        _sweep(3.0)


def test_energy_of_a_material_changed_after_it_was_made_names_the_field():
    """TiS2 with ``lower_voltage`` set to 5.0 V afterwards (above its 3.0 V upper cut-off) gave an electrode of
    191.5 mAh/g at an average voltage of 3.0 V (its OCP clipped to an empty window), without a word; the energy
    record now checks the material again, as its cell does."""
    from pybamm_aea.materials import MaterialError

    mine = get_material("TiS2")
    mine.lower_voltage = 5.0
    with pytest.raises(MaterialError, match=r"'lower_voltage' \(5\.0 V\) must be below 'upper_voltage' \(3\.0 V\)"):
        Electrode({mine: 0.8, "Sulfide SE": 0.2}, 0.11)


@pytest.mark.parametrize("name", ["TiS2", "LiCoO2"])
def test_energy_electrode_of_a_material(name, tmp_path):
    """ESC = theoretical capacity x_max F / (3.6 M) x mass fraction, from the material's own numbers."""
    material = get_material(name)
    q = material.x_max * F / 3.6 / material.molar_mass  # mAh/g
    e = Electrode({material: 0.8, "Sulfide SE": 0.2}, 0.11)
    assert e.specific_capacity == pytest.approx(0.8 * q, rel=1e-12)
    record = energy_material(material)
    assert record.density == material.density and record.molar_mass == material.molar_mass
    assert record.state == ("discharged" if material.charge_first else "charged")
    assert record.lithiated_density == material.lithiated_density
    assert record.charged_density == (material.delithiated_density if material.charge_first else material.density)
    if not material.charge_first:  # the discharged electrode gains the window's Li
        mass_ratio = 1 + (material.x_max - material.initial_li_content) * M_LI * 1e3 / material.molar_mass
        assert Electrode({material: 1.0}, 0.11).lithiation_mass_ratio() == pytest.approx(mass_ratio, rel=1e-12)
    # its JSON path, and registered under its name: the same record
    path = save_material(material, tmp_path / "m.json")
    assert Electrode({str(path): 1.0}, 0.11).specific_capacity == pytest.approx(q, rel=1e-12)
    assert math.isclose(energy_material(str(path)).average_voltage, record.average_voltage)


@pytest.mark.parametrize("field", ["diffusivity", "electronic_conductivity"])
def test_an_activation_energy_given_in_ev_is_refused_with_its_hint(field):
    """An activation energy typed in eV (0.3 for 28.9 kJ/mol, the paper's unit) was taken as 0.3 kJ/mol: the range was
    0-300 and a 70 C screen then gave 31 Wh/kg for 140 (session 55). Below 2 kJ/mol (RT at 25 C is 2.48; the least Li
    hop cited, LGPS's 0.22 eV, is 21 kJ/mol) it is refused, with the eV reading; 0 (no temperature dependence) and 2
    are taken."""
    from pybamm_aea.materials import TransportProperty

    material = get_material("LiFePO4")
    part = getattr(material, field)
    with pytest.raises(ValueError, match=re.escape(
            "activation_energy [kJ/mol] must be 0 or >= 2, got 0.3 (0, no temperature dependence, or a thermally "
            "activated one of at least 2 kJ/mol")) as exc:
        dataclasses.replace(material, **{field: dataclasses.replace(part, activation_energy=0.3)})
    assert str(exc.value).endswith("did you give eV? 0.3 eV = 28.94559964 kJ/mol")
    with pytest.raises(ValueError, match="did you give eV"):
        dataclasses.replace(material, **{field: dataclasses.replace(part, activation_energy=1.999)})
    for ea in (0.0, 2.0, 28.9):
        kept = dataclasses.replace(material, **{field: dataclasses.replace(part, activation_energy=ea)})
        assert getattr(kept, field).activation_energy == ea
    assert isinstance(part, TransportProperty)


@pytest.mark.parametrize("x, said", [
    # "must be > 0, got 0" alone: no reason, no way forward (session 55)
    (0.0, "must be > 0, got 0: the OCP diverges at an empty host (the end term k_end (1/theta - 1/(1 - theta)), theta "
          "= x/x_max), so a material made so starts just off it: give e.g. 0.01 (as AEA_Li4Ti5O12's Li-free"),
    (-0.1, "must be > 0, got -0.1"),  # (beyond an end: no content at all, no divergence to explain: review R32)
    (3.0, "must be < 3, got 3: the OCP diverges at a full host (the end term k_end (1/theta - 1/(1 - theta)), theta = "
          "x/x_max), so a material made so starts just off it: give e.g. 2.985 (as the library's lithiated materials: "
          "0.995 x_max;"),
], ids=["empty", "negative", "full"])
def test_an_initial_li_content_at_an_end_says_why_and_what_to_give(x, said):
    with pytest.raises(pybamm_aea.materials.MaterialError, match=re.escape(said)) as refused:
        dataclasses.replace(get_material("Li4Ti5O12"), initial_li_content=x)
    assert ("diverges" in str(refused.value)) == (x in (0.0, 3.0))  # (-0.1 was told the OCP diverges: review R32)


def test_the_advised_initial_li_contents_are_the_librarys():
    """What the refusal advises is what the library's materials use (LTO 0.01, LiFePO4 0.995 x_max), and 1 % of a
    window below 1 Li."""
    for name, x in (("Li4Ti5O12", 0.0), ("LiFePO4", "x_max")):
        m = get_material(name)
        with pytest.raises(pybamm_aea.materials.MaterialError, match=re.escape(f"give e.g. {m.initial_li_content:g} ")):
            dataclasses.replace(m, initial_li_content=m.x_max if x == "x_max" else x)
    with pytest.raises(pybamm_aea.materials.MaterialError, match=re.escape("give e.g. 0.005 ")):
        dataclasses.replace(get_material("Li4Ti5O12"), x_max=0.5, initial_li_content=0.0)


# --------------------------------------------------------------------------- the anode the cut-offs are against
def _plateau_material():
    """A user's material: a 2.2 V plateau (0.1 V wide), window 1.8-2.8 V vs Li, on Li4Ti5O12's lattice and fast
    transport (so its 0.1C discharge reaches its window's end)."""
    from pybamm_aea.materials.material import OCP, TransportProperty

    return dataclasses.replace(
        get_material("Li4Ti5O12"), name="plateau 2.2 V",
        ocp=OCP("plateau", potential=2.2, width=0.1, source="test"), lower_voltage=1.8, upper_voltage=2.8,
        diffusivity=TransportProperty(value=1e-9, source="test"),
        electronic_conductivity=TransportProperty(value=1.0, source="test"))


def _plain_solve(values, anode, hours=15.0):
    """(the delivered share of the nominal capacity, the CutOffsOfAnotherAnodeWarning messages) of a plain 0.1C
    discharge ``solve([0, hours])`` of ``values`` on the model with ``anode``."""
    import warnings

    from pybamm_aea.models.checks import CutOffsOfAnotherAnodeWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            sol = pybamm.Simulation(AEA({"anode": anode}), parameter_values=values).solve([0, hours * 3600])
        except pybamm.SolverError:  # (started past a cut-off: the warning came before)
            sol = None
    said = [str(w.message) for w in caught if issubclass(w.category, CutOffsOfAnotherAnodeWarning)]
    share = None if sol is None else sol["Discharge capacity [A.h]"].entries[-1] / values["Nominal cell capacity [A.h]"]
    return share, said


def test_a_material_on_the_li_in_anode_keeps_its_window_vs_li():
    """``parameter_values(anode="Li-In")`` moves the material's window (vs Li) down by the Li-In plateau, as the
    paper's sets' (paper_cell.li_in_cut_offs), and says so in the cut-offs' anode potential: the 2.2 V plateau
    material's 0.1C discharge on Li-In delivers 97.5 % of its window (170.7 of 175.1 mA.h/g). With the Li-metal
    values it delivered 9.3 % (16.2 mA.h/g, stopped at 1.8 V cell, 2.42 V vs Li), with no warning; now warned, naming
    the anode, the cut-offs and the anode's potential. (Before: no ``anode=``, a TypeError.)"""
    mine = _plateau_material()
    values = mine.parameter_values(anode="Li-In")
    assert (values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]) == (1.18, 2.18)
    assert values["Anode potential of the voltage cut-offs [V]"] == pytest.approx(0.62)
    share, said = _plain_solve(values, "Li-In")
    assert share > 0.95 and not said
    share, said = _plain_solve(mine.parameter_values(), "Li-In")
    assert share < 0.2
    assert len(said) == 1 and all(s in said[0] for s in ("1.8-2.8 V", "Li-In, at 0.62 V vs Li", "lithium metal",
                                                         "2.42-3.42 V vs Li", "parameter_values(anode='Li-In')"))


def test_cut_offs_for_li_in_on_li_metal_are_warned_and_declared_ones_are_not():
    """The reverse (values moved to Li-In, solved on Li metal) is warned too; values that declare the anode the
    model has, or that declare none (a user's own set), are not; a window moved to Li-In is not moved again."""
    from pybamm_aea.parameters.paper_cell import li_in_cut_offs

    values = _plateau_material().parameter_values(anode="Li-In")
    _, said = _plain_solve(values, "lithium metal", hours=0.05)
    assert len(said) == 1 and "lithium metal, at 0 V vs Li" in said[0] and "Li-In, at 0.62 V vs Li" in said[0]
    moved_again = li_in_cut_offs(values)  # (values for Li-In already: kept, not moved to 0.56-1.56 V)
    assert (moved_again["Lower voltage cut-off [V]"], moved_again["Upper voltage cut-off [V]"]) == (1.18, 2.18)
    with pytest.raises(ValueError, match="0.3 V vs Li .*neither Li metal's 0 V nor Li-In's 0.62 V"):
        li_in_cut_offs({**values, "Anode potential of the voltage cut-offs [V]": 0.3})
    values["Anode potential of the voltage cut-offs [V]"] = 0.0  # (declared: 1.18-2.18 V meant on Li metal)
    assert not _plain_solve(values, "lithium metal", hours=0.05)[1]
    del values["Anode potential of the voltage cut-offs [V]"]
    assert not _plain_solve(values, "Li-In", hours=0.05)[1]
    with pytest.raises(pybamm_aea.materials.MaterialError, match="unknown anode 'li-in'.*did you mean"):
        _plateau_material().parameter_values(anode="li-in")


def test_an_soc_on_cut_offs_of_another_anode_is_warned():
    """``set_initial_state(0.5, options={"anode": "Li-In"})`` on values whose cut-offs are vs Li metal reads its
    SOC window as the Li-In cell's voltages: warned; on the material's Li-In values it is not (nor on a voltage)."""
    import warnings

    from pybamm_aea.models.checks import CutOffsOfAnotherAnodeWarning

    mine = _plateau_material()
    with pytest.warns(CutOffsOfAnotherAnodeWarning, match="initial_soc 0.5: the voltage cut-offs 1.8-2.8 V"):
        mine.parameter_values().set_initial_state(0.5, options={"anode": "Li-In"})
    with warnings.catch_warnings():
        warnings.simplefilter("error", CutOffsOfAnotherAnodeWarning)
        mine.parameter_values(anode="Li-In").set_initial_state(0.5, options={"anode": "Li-In"})
        mine.parameter_values().set_initial_state("2.0 V", options={"anode": "Li-In"})
