"""pybamm_aea.screen and the AEA-suitability map."""
import importlib.util
from pathlib import Path
import re
import warnings

import numpy as np
import pandas as pd
import pybamm
import pytest

import pybamm_aea
from pybamm_aea.energy import get_material as energy_material
from pybamm_aea.energy.paper import PAPER_CELL
from pybamm_aea.materials import MaterialError
from pybamm_aea.screening import suitability

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def small():
    return pybamm_aea.screen(["Li2021_TiS2", "LiFePO4"], c_rates=(0.2, 2.0), loadings=(1.5, 6.0, 15.0))


@pytest.mark.slow
def test_screen_table(small):
    assert isinstance(small, pd.DataFrame) and len(small) == 2 * 2 * 3
    for col in ("utilisation", "Electrode specific capacity [mA.h.g-1]", "electrode energy [W.h.kg-1]", "electrode energy [W.h.L-1]",
                "limiting mechanism", "max areal capacity at 80% [mA.h.cm-2]", "max thickness at 80% [um]"):
        assert col in small.columns
    assert set(small["limiting mechanism"]) <= {"ionic", "electronic", "interface", "separator", "none"}
    tis2 = small[small["material"] == "Li2021_TiS2"].set_index(["C-rate", "loading [mg.cm-2]"])["utilisation"]
    # more rate or more thickness never delivers more
    assert tis2[(2.0, 15.0)] < tis2[(2.0, 1.5)] and tis2[(2.0, 6.0)] < tis2[(0.2, 6.0)]
    assert tis2[(0.2, 1.5)] > 0.9
    # a pure cathode: ESC = utilisation x window capacity; Wh/L = Wh/kg x electrode density
    row = small[small["material"] == "Li2021_TiS2"].iloc[0]
    window = energy_material("TiS2").specific_capacity  # the host's Faraday capacity, 239.3 mAh/g
    assert row["Electrode specific capacity [mA.h.g-1]"] == pytest.approx(row["utilisation"] * window, rel=0.01)
    density = row["loading [mg.cm-2]"] * 1e-3 / (row["thickness [um]"] * 1e-4)  # g/cm3 = kg/L
    assert row["electrode energy [W.h.L-1]"] == pytest.approx(row["electrode energy [W.h.kg-1]"] * density, rel=1e-6)
    lfp = small[small["material"] == "LiFePO4"]
    assert (lfp["utilisation"] < 0.2).all() and (lfp["limiting mechanism"] == "electronic").all()


@pytest.mark.slow
def test_largest_loading_at_80_percent_brackets_the_grid(small):
    tis2 = small[small["material"] == "Li2021_TiS2"]
    for c, block in tis2.groupby("C-rate"):
        best = block["max loading at 80% [mg.cm-2]"].iloc[0]
        u = block.set_index("loading [mg.cm-2]")["utilisation"]
        passing = u[u >= 0.8].index
        assert passing.max() <= best
        failing = u[u < 0.8].index
        assert len(failing) == 0 or best < failing.min()
    assert np.isnan(suitability(small).loc["LiFePO4"]).all()


def test_thicknesses_are_converted_with_the_material_density():
    df = pybamm_aea.screen(["Li2021_TiS2"], c_rates=(1.0,), thicknesses=(5.0, 10.0))
    assert df["thickness [um]"].to_numpy() == pytest.approx([5.0, 10.0], rel=1e-6)


def test_a_hybrids_thickness_and_wh_per_litre_are_the_models_as_made_ones():
    # S-LMS: the solid is host and sulfur (a host-only density built a 7.6 um electrode for 5 um and
    # reported 9.3 um, its swollen end-of-discharge thickness, with a Wh/L 19 % below the sweep's)
    row = pybamm_aea.screen(["Li2021_S_Mo6S8"], c_rates=(0.1,), thicknesses=(5.0,)).iloc[0]
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    values["Cathode loading [kg.m-2]"] = row["loading [mg.cm-2]"] * 1e-2
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    as_made = sim.solve([0, 1])["Cathode thickness [m]"].entries[0]
    assert as_made * 1e6 == pytest.approx(5.0, rel=1e-9)
    assert row["thickness [um]"] == pytest.approx(5.0, rel=1e-9)
    density = row["loading [mg.cm-2]"] * 1e-3 / (as_made * 1e2)  # g/cm3 = kg/L of the as-made electrode
    assert row["electrode energy [W.h.L-1]"] == pytest.approx(row["electrode energy [W.h.kg-1]"] * density, rel=1e-9)


@pytest.mark.parametrize(
    "kwargs, match",
    [({"loadings": (1.5,), "thicknesses": (5.0,)}, "not both"), ({"loadings": (-1.0,)}, "loadings"),
     ({"loadings": (float("inf"),)}, r"loadings must be finite.*inf"), ({"c_rates": (0,)}, "c_rates"),
     ({"c_rates": (0.5, 0.5)}, "c_rates repeat 0.5"), ({"thicknesses": (5.0, 5.0)}, "thicknesses repeat 5"),
     ({"temperature": 70}, r"'Ambient temperature \[K\]' = 70.0 is outside"),
     ({"temperature": 500}, r"'Ambient temperature \[K\]' = 500.0 is outside"),
     # text and bools are no numbers: "0.5" was read letter by letter ("could not convert string to float: '.'"),
     # ["0.5"] and "343.15" taken as numbers, True as 1
     ({"c_rates": "0.5"}, r"c_rates must be a number or a sequence of numbers, got '0.5'"),
     ({"c_rates": ["0.5"]}, r"c_rates must be numbers, got '0.5' in \['0.5'\]"),
     ({"loadings": (1.5, True)}, r"loadings must be numbers, got True"),
     ({"temperature": "343.15"}, r"temperature \[K\] must be a real number, got '343.15', a str, not a number"),
     # a 0-d numpy array of a number (PyBaMM's solution gives one) is that number here (test_checks.py::
     # test_a_zero_d_array_is_the_number_it_holds_at_the_packages_own_entry_points): its value is checked, and one of
     # a truth value or of text is no number
     ({"thicknesses": np.array(-5.0)}, r"thicknesses must be > 0, got -5$"),
     ({"c_rates": np.array(True)}, r"c_rates must be numbers, got array\(True\) in \[array\(True\)\], a truth "
                                   "value, not a number"),
     ({"c_rates": [np.array("0.5")]}, r"c_rates must be numbers, got array\('0.5', dtype='<U3'\) in .*, a numpy "
                                      "array of 0 dimensions of <U3, not a number"),
     ({"temperature": np.array(500.0)}, r"'Ambient temperature \[K\]' = 500.0 is outside"),
     ({"temperature": np.array("343.15")}, r"temperature \[K\] must be a real number, got array\('343.15', "
                                           r"dtype='<U6'\), a numpy array of 0 dimensions of <U6, not a number"),
     ({"threshold": np.array(1.5)}, r"threshold must be <= 1, got 1.5$"),
     ({"threshold": np.array(True)}, r"threshold must be a real number, got array\(True\), a truth "
                                     "value"),
     ({"temperature": True}, r"temperature \[K\] must be a real number, got True, a truth value, not a number")],
)
def test_screen_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        pybamm_aea.screen(["Li2021_TiS2"], **kwargs)


def test_one_material_given_alone_is_screened_as_one():
    # a name alone was read letter by letter: "unknown material 'L'"
    df = pybamm_aea.screen("Li2021_TiS2", c_rates=1.0, loadings=1.5)
    assert list(df["material"]) == ["Li2021_TiS2"] and df["utilisation"].iloc[0] > 0.9


@pytest.mark.parametrize("materials, match", [
    ([], "at least one material"),
    (["Xu2019"], "'Xu2019' is not a parameter set of the AEA model"),
    (["Li2021_S_C_LGPS"], r"'Li2021_S_C_LGPS' is not a parameter set of the AEA model.*s_c_lgps_model"),
    (["Li2021_TiS2", "Li2021_TiS2"], "two materials are named 'Li2021_TiS2'"),
])
def test_screen_materials_are_aea_sets_each_named_once(materials, match):
    with pytest.raises(ValueError, match=match):
        pybamm_aea.screen(materials, c_rates=(1.0,), loadings=(1.5,))


def test_a_point_whose_losses_exceed_the_window_at_once_delivers_nothing_and_names_its_loss():
    """At 1e6C the separator alone drops thousands of volts (6823 V on Mo6S8, 12675 V on TiS2): both paper hosts deliver nothing, limited by the separator, from
    the losses of the first instant. (Until Li2021_TiS2 was flagged a lattice gas full at x = 1, its first instant
    did not solve at 1e6C and the point was an error.)"""
    for name in ("Li2021_Mo6S8", "Li2021_TiS2"):
        row = pybamm_aea.screen([name], c_rates=(1e6,), loadings=(1.5,)).iloc[0]
        assert row["utilisation"] == 0.0 and row["limiting mechanism"] == "separator", name
        assert row["separator loss [V]"] > 1e3 and row["error"] is None, name


def test_a_point_the_solver_cannot_start_is_named(monkeypatch):
    """A point whose first instant does not solve either (the solver's error, forced here) is a ValueError naming
    the material, the rate and the loading."""
    from pybamm_aea import screening

    def fails(self, inputs):
        raise pybamm.SolverError("forced: the first instant does not solve")

    monkeypatch.setattr(screening._Prepared, "losses_at_start", fails)
    with pytest.raises(ValueError, match=r"Li2021_TiS2 at 1e\+06C and 1.5 mg/cm2: the solver failed"):
        pybamm_aea.screen(["Li2021_TiS2"], c_rates=(1e6,), loadings=(1.5,))


def test_unknown_material_is_named():
    with pytest.raises(ValueError, match="Unobtainium"):
        pybamm_aea.screen(["Unobtainium"], c_rates=(1.0,), loadings=(1.5,))


@pytest.mark.slow
def test_suitability_map_script(tmp_path):
    spec = importlib.util.spec_from_file_location("_fig_s2", EXAMPLES / "fig_s2_aea_suitability_map.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    paths = module.main(tmp_path, materials=["Li2021_TiS2", "LiFePO4"], c_rates=(0.5, 5.0), loadings=(1.5, 10.0))
    png, csv = map(Path, paths)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    table = pd.read_csv(csv)
    assert set(table["material"]) == {"Li2021_TiS2", "LiFePO4"} and len(table) == 8


def test_suitability_map_names_a_failed_thickest_point_and_the_loadings_it_was_given(tmp_path, monkeypatch):
    """The map raised KeyError (ABBREV[None]) when its thickest point failed to solve, and its title said 1.5 and
    15 mg/cm2 whatever loadings it was given."""
    spec = importlib.util.spec_from_file_location("_fig_s2", EXAMPLES / "fig_s2_aea_suitability_map.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    real_screen, real_save, drawn = module.pybamm_aea.screen, module.figures.save, []

    def thickest_fails(*args, **kwargs):  # as screen reports a point whose solver failed
        df = real_screen(*args, **kwargs)
        thick = df["loading [mg.cm-2]"] == df["loading [mg.cm-2]"].max()
        df.loc[thick, ["limiting mechanism", "error"]] = [None, "the solver failed (test)"]
        return df

    monkeypatch.setattr(module.pybamm_aea, "screen", thickest_fails)
    monkeypatch.setattr(module.figures, "save", lambda fig, path: drawn.append(fig) or real_save(fig, path))
    module.main(tmp_path, materials=["Li2021_TiS2"], c_rates=(1.0,), loadings=(2.0, 4.0))
    ax = drawn[0].axes[0]
    assert "x: < 80 % at 2 mg/cm2" in ax.get_title() and "mechanism at 4 mg/cm2" in ax.get_title()
    assert "1.5" not in ax.get_title() and "15 mg" not in ax.get_title()
    assert module.FAILED in [t.get_text() for t in ax.texts]


def test_cli_screen(tmp_path, capsys):
    from pybamm_aea.cli import main

    out = tmp_path / "screen.csv"
    assert main(["screen", "--materials", "Li2021_TiS2", "--c-rates", "1", "--loadings", "1.5,6",
                 "--output", str(out)]) == 0
    table = pd.read_csv(out)
    assert len(table) == 2 and table["utilisation"].iloc[0] > table["utilisation"].iloc[1]
    assert "largest areal capacity" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["screen", "--c-rates", "0,1"])
    assert "--c-rates" in capsys.readouterr().err


def test_mesh_check_flags_the_pristine_mo6s8_nucleation_threshold(capsys):
    """A pristine 1.5 mg/cm2 Mo6S8 compact fills at 1C on the default 20 cells and takes no Li on 40
    (README, known limits); at 0.1C it fills on both. Without the option there are no such columns."""
    from pybamm_aea.convergence import MeshDependentNucleationWarning

    with warnings.catch_warnings():  # (the fine mesh's columns answer it: not warned as well)
        warnings.simplefilter("error", MeshDependentNucleationWarning)
        df = pybamm_aea.screen(["Li2021_Mo6S8"], c_rates=(0.1, 1.0), loadings=(1.5,), mesh_check=True)
    df = df.set_index("C-rate")
    assert df.loc[0.1, "mesh converged"] and df.loc[0.1, "mesh converged at this C-rate"]
    assert df.loc[0.1, "fine-mesh utilisation"] == pytest.approx(df.loc[0.1, "utilisation"], abs=1e-3)
    assert df.loc[1.0, "utilisation"] > 0.99 and df.loc[1.0, "fine-mesh utilisation"] < 0.01
    assert not df.loc[1.0, "mesh converged"] and not df.loc[1.0, "mesh converged at this C-rate"]
    with pytest.warns(MeshDependentNucleationWarning):
        plain = pybamm_aea.screen(["Li2021_Mo6S8"], c_rates=(1.0,), loadings=(1.5,))
    assert "mesh converged" not in plain.columns and plain["utilisation"].iloc[0] == df.loc[1.0, "utilisation"]
    from pybamm_aea.cli import main

    assert main(["screen", "--materials", "Li2021_Mo6S8", "--c-rates", "0.1,1", "--loadings", "1.5", "--mesh-check"]) == 0
    out = capsys.readouterr().out
    assert "?: moves on the finer mesh" in out and out.count("?") == 2  # the legend and the 1C entry


def test_the_screen_warns_where_the_mesh_decides_a_point_as_a_simulation_does(capsys):
    """KF, session 52: a pristine 1.5 mg/cm2 Mo6S8 compact at 1C was 99.5 % used (128.16 mA.h/g) on the screen's 20
    cells without a word, where 160 cells give ~0 and simulate / sweep warn MeshDependentNucleationWarning (the
    screen's solve skipped the check). Now the same judgement: one warning per material and rate naming its loadings,
    the column "mesh decides", and the map's "?" with its legend; the slow rate (0.19 A/m2) is not flagged."""
    from pybamm_aea.cli import main
    from pybamm_aea.convergence import MeshDependentNucleationWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = pybamm_aea.screen(["Li2021_Mo6S8"], c_rates=(0.1, 1.0), loadings=(1.5, 10.0))
    said = [w.message for w in caught if isinstance(w.message, MeshDependentNucleationWarning)]
    assert len(said) == 1, [str(w.message) for w in caught]
    assert str(said[0]).startswith("Li2021_Mo6S8 at 1C, the mesh decides the discharge at 1.5, 10 mg/cm2; at 1.5 "
                                   "mg/cm2, step 1, the first discharge of a host starting in its Li0 phase")
    assert "pybamm-aea screen --mesh-check" in str(said[0]) and said[0].judgement.reference_cells == 160
    decided = df.set_index(["C-rate", "loading [mg.cm-2]"])["mesh decides"]
    assert decided[(1.0, 1.5)] and decided[(1.0, 10.0)] and not decided[(0.1, 1.5)] and not decided[(0.1, 10.0)]
    from pybamm_aea.screening import mesh_decided

    assert mesh_decided(df).loc["Li2021_Mo6S8"].to_dict() == {0.1: False, 1.0: True}
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        assert main(["screen", "--materials", "Li2021_Mo6S8", "--c-rates", "0.1,1", "--loadings", "1.5,10"]) == 0
    out = capsys.readouterr().out
    assert "?: the mesh decides a loading (MeshDependentNucleationWarning; --mesh-check answers)" in out
    row = out.strip().splitlines()[-1].split()
    assert row[0] == "Li2021_Mo6S8" and not row[1].endswith("?") and row[2].endswith("?")


def test_the_cli_screen_says_its_warnings_as_its_own_lines(capsys):
    """Session 53: 'pybamm-aea screen --temperature 253.15' printed Python's warning format, the package's path and
    source line ("/.../pybamm_aea/cli/screen.py:110: TemperatureOutsideMeasuredRangeWarning: ...", then "  df =
    pybamm_aea.screen(materials, c_rates=..."), where energy and simulate say theirs as lines of their own. Now
    "pybamm-aea screen: warning: <class>: <text>", each text once, the class the map's legend names kept."""
    from pybamm_aea.cli import main

    with warnings.catch_warnings():
        warnings.simplefilter("default")
        assert main(["screen", "--materials", "Li2021_Mo6S8", "--c-rates", "0.1", "--loadings", "1.5",
                     "--temperature", "253.15"]) == 0
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert lines[0].startswith("pybamm-aea screen: warning: TemperatureOutsideMeasuredRangeWarning: the ambient "
                               "temperature 253.15 K (-20 C) is outside"), err
    assert all(line.startswith("pybamm-aea screen: warning: ") for line in lines), err
    assert len(set(lines)) == len(lines) and "screen.py" not in err and "pybamm_aea.screen(" not in err, err


def test_crossover_is_the_sign_change_of_the_wh_per_litre_difference():
    from pybamm_aea.screening import _crossover

    x = [0.1, 1.0, 10.0]
    # AEA 3x better at 0.1, equal half-way (log) between 1 and 10: crossover at sqrt(10)
    value, reason = _crossover(x, [300.0, 200.0, 0.0], [100.0, 100.0, 100.0])
    assert value == pytest.approx(10**0.5, rel=1e-9) and reason == "AEA wins below"
    assert np.isnan(_crossover(x, [1.0, 1.0, 1.0], [2.0, 2.0, 2.0])[0])
    assert "composite wins" in _crossover(x, [1.0, 1.0, 1.0], [2.0, 2.0, 2.0])[1]
    assert "AEA wins at every" in _crossover(x, [3.0, 3.0, 3.0], [2.0, 2.0, 2.0])[1]


def test_composite_make_up_keeps_mass_and_volume():
    from pybamm_aea import composite
    from pybamm_aea.materials import get_material

    lfp = get_material("LiFePO4")
    w, vf, density = composite.make_up(lfp)
    assert sum(vf.values()) == pytest.approx(1 - composite.POROSITY, rel=1e-12)
    # mass of each phase per litre of electrode = its volume fraction x its density, and sums to the density
    rho = {"active": lfp.density, "Sulfide SE": 1.92, "Carbon": 2.26}
    assert sum(vf[k] * rho[k] for k in vf) == pytest.approx(density, rel=1e-12)
    assert vf["active"] * lfp.density / density == pytest.approx(w["active"], rel=1e-12)
    values, _ = composite.composite_parameter_values(lfp, 6.0)
    # 6 mg/cm2 of LiFePO4 at 60 wt% in a 2.36 g/cm3 composite: 10 mg/cm2 of electrode, 42.4 um
    assert values["Positive electrode thickness [m]"] == pytest.approx(10e-3 / density * 1e-2, rel=1e-12)
    assert values["Nominal cell capacity [A.h]"] == pytest.approx(
        lfp.theoretical_capacity * 6e-3 * PAPER_CELL["area_cm2"] * 1e-3, rel=0.01)
    with pytest.raises(ValueError, match="composition"):
        composite.make_up(lfp, {"active": 0.7, "Carbon": 0.2})


@pytest.mark.slow
def test_composite_beside_aea_crossover():
    """NMC532 (a mixed conductor once delithiated): the dense AEA electrode stores more Wh/L at low areal
    capacity, where the composite's carbon and SE only take volume, and less when thick; LiFePO4: the dense
    electrode cannot deliver, so the composite wins at every loading."""
    df = pybamm_aea.screen(["NMC532", "LiFePO4", "Li2021_TiS2"], c_rates=(0.1,), loadings=(1.5, 15.0),
                           composite=True)
    nmc = df[df["material"] == "NMC532"].set_index("loading [mg.cm-2]")
    assert nmc.loc[1.5, "electrode energy [W.h.L-1]"] > 2 * nmc.loc[1.5, "composite electrode energy [W.h.L-1]"]
    assert nmc.loc[15.0, "electrode energy [W.h.L-1]"] < nmc.loc[15.0, "composite electrode energy [W.h.L-1]"]
    assert nmc["composite utilisation"].min() > 0.95  # 2.5 um NMC particles at 0.1C: the composite delivers
    x = nmc["crossover areal capacity [mA.h.cm-2]"].iloc[0]
    assert 0.255 < x < 2.55 and (nmc["crossover"] == "AEA wins below").all()  # inside the grid
    lfp = df[df["material"] == "LiFePO4"]
    assert lfp["crossover areal capacity [mA.h.cm-2]"].isna().all()
    assert (lfp["crossover"] == "composite wins at every areal capacity of the grid").all()
    assert (lfp["composite utilisation"] > 0.9).all() and (lfp["utilisation"] < 0.2).all()
    tis2 = df[df["material"] == "Li2021_TiS2"]
    assert tis2["composite utilisation"].isna().all() and (tis2["crossover"] == "no conventional composite alternative").all()


def test_composite_set_pickles_and_rejects_bad_input():
    import pickle

    from pybamm_aea import composite
    from pybamm_aea.materials import get_material

    values, _ = composite.composite_parameter_values("NMC532", 3.0)
    back = pickle.loads(pickle.dumps(values))
    U, U_back = values["Positive electrode OCP [V]"], back["Positive electrode OCP [V]"]
    for sto in (0.3, 0.9):
        assert float(U_back(pybamm.Scalar(sto)).evaluate()) == pytest.approx(float(U(pybamm.Scalar(sto)).evaluate()))
    with pytest.raises(ValueError, match="particle_radius_m"):
        composite.composite_parameter_values(get_material("TiS2"), 3.0)
    with pytest.raises(ValueError, match="active_loading_mg_cm2"):
        composite.composite_parameter_values("NMC532", -1.0)
    # nan and inf passed the sign checks (nan > 0, nan < 0 both False): a nan composite, an infinite electrode
    for kwargs, message in [({"temperature_K": -10.0}, r"temperature_K: 'Ambient temperature \[K\]' = -10.0 is outside"),
                            ({"temperature_K": float("nan")}, r"temperature_K: 'Ambient temperature \[K\]' = nan is outside"),
                            ({"temperature_K": 5.0}, r"temperature_K: 'Ambient temperature \[K\]' = 5.0 is outside"),
                            ({"particle_radius_m": float("inf")}, "particle_radius_m needed .* got inf"),
                            ({"active_loading_mg_cm2": float("inf")}, "active_loading_mg_cm2 must be finite, got inf"),
                            ({"composition": {"active": float("nan"), "Sulfide SE": 0.3, "Carbon": 0.1}}, "composition")]:
        with pytest.raises(ValueError, match=message):
            composite.composite_parameter_values("NMC532", **{"active_loading_mg_cm2": 3.0, **kwargs})



@pytest.mark.parametrize("value", [True, np.bool_(True), "1", np.array(True), np.array("1")])
def test_a_composites_radius_and_loading_must_be_numbers(value):
    """particle_radius_m=True was a 1 m particle and active_loading_mg_cm2=True or "1" 1 mg/cm2 (float() read
    them), without a word; now the ValueError naming the argument and the value."""
    from pybamm_aea import composite

    with pytest.raises(ValueError, match=r"particle_radius_m needed \(finite, > 0\) for 'NMC532', got "):
        composite.composite_parameter_values("NMC532", 3.0, particle_radius_m=value)
    with pytest.raises(ValueError, match=r"active_loading_mg_cm2 must be a real number, got "):
        composite.composite_parameter_values("NMC532", value)

def test_a_users_initial_content_near_an_end_is_refused_not_clipped():
    """A user's 1e-6 Li became 28.3 mol/m3 (the 1e-3 STO_MARGIN) without notice; now an error naming the value.
    A content the code derives (the screen's full-charge content of LiFePO4, 1.9e-4) still goes to the margin."""
    from pybamm_aea import composite, screening
    from pybamm_aea.materials import get_material

    lfp = get_material("LiFePO4")
    for x in (1e-6, 0.9999, float("nan")):
        with pytest.raises(ValueError, match=rf"initial_li_content {x!r} of 'LiFePO4' must be in \[0.001, 0.999\]"):
            composite.composite_parameter_values(lfp, 6.0, initial_li_content=x)
    values, _ = composite.composite_parameter_values(lfp, 6.0, initial_li_content=0.001)  # the margin itself
    c_max = values["Maximum concentration in positive electrode [mol.m-3]"]
    assert values["Initial concentration in positive electrode [mol.m-3]"] == pytest.approx(1e-3 * c_max, rel=1e-12)
    # the screen's derived start of a charge-first material: below the margin, moved to it for the composite
    prepared = screening._prepared("LiFePO4", None, "paper")
    assert prepared.charge_first and prepared.values["Initial cathode Li content"] < 1e-3
    values = screening._Composite(lfp, prepared)._sim(1.5e-2)[0].parameter_values
    assert values["Initial concentration in positive electrode [mol.m-3]"] == pytest.approx(1e-3 * c_max, rel=1e-12)


@pytest.mark.slow
def test_screen_runs_each_host_and_single_phase_hosts_agree():
    """``options`` reaches the screened model (one cached build per host) and TiS2, a single-phase host,
    gives the same utilisation on both hosts (measured: 0.96087 multi-phase vs 0.96082 lever rule at 1C,
    1.5 mg/cm2, where the ions' conductivity, the one difference between the hosts, does not matter;
    up to 0.008 apart for the screen's thicker TiS2 electrodes). 1e-3 catches the single-phase host's
    Fickian form on the multi-phase host going wrong, and the cache check a screen that ignores
    ``options`` (both runs would then be one host)."""
    u = {}
    for host in ("multi-phase", "lever rule"):
        df = pybamm_aea.screen(["Li2021_TiS2"], c_rates=(1.0,), loadings=(1.5,), options={"host thermodynamics": host})
        u[host] = df["utilisation"].iloc[0]
    from pybamm_aea.screening import _CACHE

    hosts = {dict(key[3]).get("host thermodynamics") for key in _CACHE if key[0] == "Li2021_TiS2"}
    assert {"multi-phase", "lever rule"} <= hosts
    assert u["multi-phase"] == pytest.approx(u["lever rule"], abs=1e-3)


def test_the_li_in_anode_is_screened_in_its_own_window_and_against_li():
    """On the Li-In anode the screen kept the material's Li-metal window (0 delivered, silently); it now moves
    the window down by the plateau and reports the electrode's energy against Li, as the model does."""
    rows = [pybamm_aea.screen(["Li2021_Mo6S8"], c_rates=[0.1], loadings=[1.5], options=options).iloc[0]
            for options in ({}, {"anode": "Li-In"})]
    assert rows[1]["utilisation"] == pytest.approx(rows[0]["utilisation"], rel=1e-3)
    assert rows[1]["electrode energy [W.h.kg-1]"] == pytest.approx(rows[0]["electrode energy [W.h.kg-1]"], rel=1e-3)


def test_a_points_energy_is_the_models_own_discharge_energy():
    """The screen's Wh/kg is what the step delivered (readout.delivered: the trapezoid over its returned points,
    against Li), per gram of the electrode as made: the model's own "Discharge energy vs Li [W.h]" state of the
    same cell through pybamm.Simulation agrees within the multi-phase host's tolerance (the routes differ by
    3-4e-4 at rtol 1e-4; the capacity, I t, by 3e-10). Catches the screen dividing by another mass, converting another unit or integrating another
    voltage (the Li-In anode's basis: the test above)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    loading = values["Cathode loading [kg.m-2]"]
    row = pybamm_aea.screen(["Li2021_Mo6S8"], c_rates=[0.1], loadings=[loading * 1e2]).iloc[0]
    values["Current function [A]"] = 0.1 * values["Nominal cell capacity [A.h]"]
    sol = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 1.05 * 36000])
    mass_kg = loading * values["Electrode width [m]"] * values["Electrode height [m]"]
    energy = sol["Discharge energy vs Li [W.h]"].entries[-1] / mass_kg
    assert 0.5 < row["utilisation"] < 1.0  # a step that ends on its cut-off, not on the 1.05 h time-out
    assert row["electrode energy [W.h.kg-1]"] == pytest.approx(energy, rel=1e-3)
    # and its capacities the step's: A.h per kg is mA.h per g; per cm2 of the paper's 0.785 cm2 die
    q_Ah = sol["Discharge capacity [A.h]"].entries[-1]
    assert row["Electrode specific capacity [mA.h.g-1]"] == pytest.approx(q_Ah / mass_kg, rel=1e-3)
    assert row["areal capacity [mA.h.cm-2]"] == pytest.approx(q_Ah * 1e3 / PAPER_CELL["area_cm2"], rel=1e-3)


# ------------------------------------------------------------------ solver failures, the grid's edge, set names
def two_phase_ocp(x, T):
    """A regular-solution OCP (2.5 V, slope -0.3 V, x_max 1) given as a function: at 70 C it rises with Li content
    around x = 1/2 (the review's MyMat), and the single-phase host's solver fails part-way. The material check
    refuses it (:meth:`pybamm_aea.materials.OCP.check_falls`), and so does the model's check of a zero gradient energy
    on a spinodal (:class:`pybamm_aea.models.checks.GradientEnergyCheck`, session 59); :func:`_failing_material` turns
    both off to reach the solver's failure."""
    return 2.5 + 0.3 * (x - 0.5) + pybamm.constants.R * T / pybamm.constants.F * pybamm.log((1 - x) / x) \
        + 1e-4 * (1 / x - 1 / (1 - x))


def _failing_material(monkeypatch):
    from pybamm_aea.materials import OCP, AEAMaterial
    from pybamm_aea.models.checks import GradientEnergyCheck

    monkeypatch.setattr(OCP, "check_falls", lambda self, where, x_max: None)
    monkeypatch.setattr(GradientEnergyCheck, "check", lambda self, value, bound=None, resample=None: None)
    return AEAMaterial.from_dict({
        "name": "TwoPhaseAsFunction", "formula": "LiX", "molar_mass": 100.0, "density": 4.0,
        "delithiated_density": 4.0, "lithiated_density": 3.9, "x_max": 1.0, "initial_li_content": 0.01,
        "ocp": {"kind": "function", "function": f"{__name__}:two_phase_ocp"},
        "diffusivity": {"value": 1e-9, "activation_energy": 30.0}, "electronic_conductivity": {"value": 1.0},
        "lower_voltage": 1.5, "upper_voltage": 3.5})


def test_a_solver_failure_after_the_start_is_an_error_not_a_utilisation(monkeypatch):
    """The screen read every SolverError as "the losses exceed the window at t = 0": utilisation 0.0 blamed on
    "interface" (5 mV), while IDA had run to t = 3743 s, 10.4 % of the window, before failing. Now the row names
    what failed and when, its results are NaN, and the largest loading is not read through it."""
    df = pybamm_aea.screen([_failing_material(monkeypatch)], c_rates=(0.1,), loadings=(15.0,))
    row = df.iloc[0]
    assert "IDA_ERR_FAIL" in row["error"] and "incomplete" in row["error"]
    t_fail = float(row["error"].split("at t = ")[1].split(" s")[0])
    assert 1000 < t_fail < 1.05 * 36000
    for col in ("utilisation", "Electrode specific capacity [mA.h.g-1]", "electrode energy [W.h.kg-1]",
                "interface loss [V]", "max loading at 80% [mg.cm-2]"):
        assert np.isnan(row[col]), col
    assert row["limiting mechanism"] is None


def test_a_solver_failure_is_told_by_the_solutions_termination_not_by_the_warnings_words(monkeypatch):
    """The screen told a part-way IDA failure, and took IDA's message, from the words of PyBaMM's warning
    (", returning a partial solution."): reworded, the row lost IDA's flag ("termination: failure") and the
    warning went on to the user. Now the solver runs with on_failure="ignore" (no warning) and the failure is
    its termination "failure", IDA's message that of the flag the solver kept."""
    import warnings

    warn = warnings.warn

    def reworded(message, *args, **kwargs):
        if isinstance(message, str) and message.endswith(", returning a partial solution."):
            message = message.replace(", returning a partial solution.", "; the partial solution is returned")
        return warn(message, *args, **kwargs)

    monkeypatch.setattr(warnings, "warn", reworded)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        row = pybamm_aea.screen([_failing_material(monkeypatch)], c_rates=(0.1,), loadings=(15.0,)).iloc[0]
    assert "IDA_ERR_FAIL: Error test failures" in row["error"] and "incomplete" in row["error"]
    assert not [w for w in caught if "partial solution" in str(w.message)]


def test_a_point_that_fails_on_the_fine_mesh_says_what_failed(monkeypatch, capsys):
    """screen(mesh_check=True): a point IDA failed on with twice the cells showed only as "mesh converged" False,
    without the error text its failure on the model's mesh gets; now "fine-mesh error" holds it (and the command
    line prints it)."""
    from pybamm_aea.screening import _add_mesh_check, _prepared

    material = _failing_material(monkeypatch)
    fine = _prepared(material, None, "paper", refinement=2)
    block = [{"utilisation": 0.5}]  # a point the model's mesh solved
    _add_mesh_check(block, fine, 0.1, [0.15])
    row = block[0]
    assert row["fine-mesh error"].startswith("on 2x the cells: TwoPhaseAsFunction at 0.1C and 15 mg/cm2: the solver "
                                             "failed (IDA_ERR_FAIL")
    assert "incomplete" in row["fine-mesh error"] and np.isnan(row["fine-mesh utilisation"])
    assert row["mesh converged"] is False


def test_cli_screen_prints_a_fine_mesh_failure(monkeypatch, capsys):
    """The command line's --mesh-check prints a point's "fine-mesh error" as it prints "error" (the table of a screen
    whose 15 mg/cm2 point failed on twice the cells, without solving)."""
    import pandas as pd

    from pybamm_aea.cli import main

    def screen(materials, **kwargs):
        rows = [{"material": "X", "C-rate": 0.1, "loading [mg.cm-2]": m, "utilisation": 0.9, "error": None,
                 "max loading at 80% [mg.cm-2]": 15.0, "max areal capacity at 80% [mA.h.cm-2]": 1.0,
                 "max at 80% is a lower bound": True, "fine-mesh utilisation": u, "mesh converged": u == u,
                 "mesh converged at this C-rate": False, "fine-mesh error": e}
                for m, u, e in ((1.5, 0.9, None), (15.0, float("nan"), "on 2x the cells: X at 0.1C: IDA_ERR_FAIL"))]
        df = pd.DataFrame(rows)
        df.attrs["seconds"] = 0.0
        return df

    monkeypatch.setattr(pybamm_aea, "screen", screen)
    assert main(["screen", "--materials", "Li2021_TiS2", "--c-rates", "0.1", "--loadings", "1.5,15",
                 "--mesh-check"]) == 0
    out = capsys.readouterr()
    assert "1 on the fine mesh (fine-mesh error)" in out.out
    assert "failed: on 2x the cells: X at 0.1C: IDA_ERR_FAIL" in out.err


def test_cli_screen_marks_a_nan_entry_that_moves_on_the_fine_mesh(monkeypatch, capsys):
    """Pristine Mo6S8 at 2C (1.5 and 3 mg/cm2): no loading reaches 80 % on the map (NaN), while the coarse mesh's
    3 mg/cm2 point reached 0.81 and the fine one 0.0004; the map printed "NaN" without its "?" (pandas 3's
    astype(str) keeps NaN missing, and NaN + "?" is NaN). The table of such a screen, without solving."""
    import pandas as pd

    from pybamm_aea.cli import main

    def screen(materials, **kwargs):
        rows = [{"material": name, "C-rate": 2.0, "loading [mg.cm-2]": m, "utilisation": u, "error": None,
                 "max loading at 80% [mg.cm-2]": best, "max areal capacity at 80% [mA.h.cm-2]": best,
                 "max at 80% is a lower bound": False, "fine-mesh utilisation": f, "mesh converged": abs(u - f) < 0.01,
                 "mesh converged at this C-rate": name == "Y", "fine-mesh error": None}
                for name, best, points in (("X", float("nan"), ((1.5, 0.0013, 0.0001), (3.0, 0.81, 0.0004))),
                                           ("Y", 0.5, ((1.5, 0.9, 0.9), (3.0, 0.7, 0.7))))
                for m, u, f in points]
        df = pd.DataFrame(rows)
        df.attrs["seconds"] = 0.0
        return df

    monkeypatch.setattr(pybamm_aea, "screen", screen)
    assert main(["screen", "--materials", "Li2021_TiS2", "--c-rates", "2", "--loadings", "1.5,3", "--mesh-check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[1:] for line in lines if line.split()[:1] in (["X"], ["Y"])] == [["NaN?"], ["0.5"]]


@pytest.mark.slow
def test_a_cell_that_starts_below_its_cut_off_delivers_nothing_and_is_no_error():
    """Pristine Mo6S8 at 25 C, 2C and 5 mg/cm2 starts below 1.8 V (the review's item 10): utilisation 0, limited by
    the largest loss at t = 0, with no error; the solver-failure path does not take this case."""
    row = pybamm_aea.screen(["Li2021_Mo6S8"], c_rates=(2.0,), loadings=(5.0,), temperature=298.15).iloc[0]
    assert row["utilisation"] == 0.0 and row["error"] is None
    assert row["limiting mechanism"] in {"ionic", "electronic", "interface", "separator"}


def test_largest_loading_is_flagged_when_the_grid_or_a_failure_cuts_it_off():
    from pybamm_aea.screening import _largest_passing

    x = [1.5, 5.0, 15.0]
    assert _largest_passing(x, [0.99, 0.97, 0.95], 0.8) == (15.0, True)  # the grid's end: a lower bound
    assert _largest_passing(x, [0.99, 0.97, np.nan], 0.8) == (5.0, True)  # the next point failed
    value, bound = _largest_passing(x, [0.99, 0.9, 0.7], 0.8)
    assert 5.0 < value < 15.0 and not bound
    value, bound = _largest_passing(x, [np.nan, 0.97, 0.95], 0.8)
    assert np.isnan(value) and not bound


def test_cli_screen_marks_a_limit_the_grid_cut_off(capsys):
    """TiS2 at 0.1C passes 80 % at both loadings: the map says ">=" (it said the grid's last value, unmarked)."""
    from pybamm_aea.cli import main
    from pybamm_aea.screening import lower_bounds

    df = pybamm_aea.screen(["Li2021_TiS2"], c_rates=(0.1,), loadings=(1.5, 3.0))
    assert (df["utilisation"] >= 0.8).all() and df["max at 80% is a lower bound"].all()
    assert lower_bounds(df).loc["Li2021_TiS2", 0.1]
    assert main(["screen", "--materials", "Li2021_TiS2", "--c-rates", "0.1", "--loadings", "1.5,3"]) == 0
    out = capsys.readouterr().out
    best = df["max areal capacity at 80% [mA.h.cm-2]"].iloc[0]
    assert f">={best:.3f}".rstrip("0") in out and ">=: the grid's largest loading" in out


def test_a_literature_set_name_has_its_materials_composite():
    """"AEA_LiCoO2" (the README's name) gave NaN composite columns; the LiCoO2 name worked. A set with something
    dispersed in its host, or a host without a composite, has none."""
    from pybamm_aea.screening import _composite_of

    for name in ("AEA_LiCoO2", "LiCoO2"):
        assert _composite_of(name, None).material.name == "LiCoO2"
    assert _composite_of("AEA_NMC532", None).material.name == "NMC532"
    for name in ("Li2021_TiS2", "Li2021_S_Mo6S8", "Li2021_LTO_Mo6S8"):
        assert _composite_of(name, None) is None


def test_the_screen_takes_its_materials_through_the_resolver_where_it_lives(monkeypatch):
    """The screen resolves a material with pybamm_aea.materials.as_material, read where it lives; screening no longer
    re-exports it (screening.as_material, kept after the resolver moved down to pybamm_aea.materials)."""
    from pybamm_aea import materials, screening

    assert not hasattr(screening, "as_material")
    seen = []
    monkeypatch.setattr(materials, "as_material", lambda m: seen.append(m))  # None: taken as a set name
    assert screening._resolve("Li2021_TiS2", None, "paper")[0] == "Li2021_TiS2" and seen == ["Li2021_TiS2"]


@pytest.mark.slow
def test_a_set_name_and_its_literature_name_reach_the_same_composite():
    """AEA_LiCoO2 and LiCoO2 screen to the same composite: at 1.5 mg/cm2 and 0.1C its utilisation 0.8504, nearly its
    equilibrium window (theta 0.0773-0.9390 between 4.2 and 3.0 V, 0.862 of the theoretical capacity, since session
    56's OCP table runs past 3.0 V; 0.911 when it was held at 3.408 V to theta 1)."""
    a, b = (pybamm_aea.screen([name], c_rates=(0.1,), loadings=(1.5,), composite=True).iloc[0]
            for name in ("AEA_LiCoO2", "LiCoO2"))
    assert a["composite utilisation"] == pytest.approx(b["composite utilisation"], rel=1e-9)
    assert a["composite utilisation"] > 0.84 and a["crossover"] == b["crossover"]


@pytest.mark.parametrize("threshold", [0, 1.5, -0.2, True, float("nan")])
def test_a_threshold_outside_0_1_is_refused_as_the_cli_does(threshold):
    """threshold=0 and 1.5 were accepted (the CLI's --threshold is (0, 1]); suitability(df, 2.0) then raised a bare
    KeyError on its column."""
    with pytest.raises(ValueError, match=r"threshold must be (> 0|<= 1|a real number|finite), got"):
        pybamm_aea.screen(["Li2021_TiS2"], c_rates=(1.0,), loadings=(1.5,), threshold=threshold)


def test_suitability_names_a_threshold_the_table_was_not_screened_at():
    df = pd.DataFrame({"material": ["a"], "C-rate": [0.1], "max areal capacity at 80% [mA.h.cm-2]": [1.0],
                       "max at 80% is a lower bound": [False]})
    assert suitability(df, 0.8).loc["a", 0.1] == 1.0
    with pytest.raises(ValueError, match=r"threshold must be <= 1, got 2$"):
        suitability(df, 2.0)
    with pytest.raises(ValueError, match=r"threshold=0.5: the table was screened at 80%"):
        pybamm_aea.screening.lower_bounds(df, 0.5)


def test_a_threshold_is_labelled_to_its_own_precision_not_rounded_to_whole_percent():
    """threshold=0.995 was labelled "100%" (columns, the CLI's map), and suitability(df, 0.804) of a table screened
    at 0.8 returned its 80 % column as if screened at 0.804."""
    df = pybamm_aea.screen(["Li2021_TiS2"], c_rates=(0.1,), loadings=(1.5, 3.0), threshold=0.995)
    assert "max loading at 99.5% [mg.cm-2]" in df.columns and not any("100%" in c for c in df.columns)
    assert suitability(df, 0.995).shape == (1, 1)
    with pytest.raises(ValueError, match=r"threshold=1: the table was screened at 99.5%"):
        suitability(df, 1)
    at_80 = pd.DataFrame({"material": ["a"], "C-rate": [0.1], "max areal capacity at 80% [mA.h.cm-2]": [1.0],
                          "max at 80% is a lower bound": [False]})
    with pytest.raises(ValueError, match=r"threshold=0.804: the table was screened at 80%"):
        suitability(at_80, 0.804)


def test_the_cli_map_names_the_threshold_it_was_screened_at(capsys):
    from pybamm_aea.cli import main
    assert main(["screen", "--materials", "Li2021_TiS2", "--c-rates", "0.1", "--loadings", "1.5",
                 "--threshold", "0.995"]) == 0
    assert "at 99.5% utilisation" in capsys.readouterr().out


def test_an_unknown_cell_build_is_refused_for_a_set_name_as_for_a_material():
    """screen(["Li2021_TiS2"], cell="practical target") ran on the paper's lab cell without a word, where the same
    call with the literature name "TiS2" raised MaterialError."""
    for name in ("Li2021_TiS2", "TiS2"):
        with pytest.raises(ValueError, match=r"unknown cell build 'practical target'; known: \['paper'\]"):
            pybamm_aea.screen([name], c_rates=(1.0,), loadings=(1.5,), cell="practical target")


def test_a_scalar_rate_is_one_rate_as_a_sweep_axis():
    """screen(c_rates=0.1) raised "TypeError: 'float' object is not iterable"; a sweep takes a scalar as one value."""
    from pybamm_aea.screening import _axis

    assert _axis("c_rates", 0.1) == [0.1] and _axis("loadings", 3) == [3.0]
    with pytest.raises(ValueError, match=r"c_rates must be > 0, got 0$"):
        pybamm_aea.screen(["Li2021_TiS2"], c_rates=0.0, loadings=1.5)


def test_a_misspelt_material_gets_close_set_names():
    # (a MaterialError since review R43, said once: "material 'Li2021_TiS3': unknown material 'Li2021_TiS3'" before)
    with pytest.raises(MaterialError, match=r"^unknown material 'Li2021_TiS3'.*did you mean \['Li2021_TiS2'"):
        pybamm_aea.screen(["Li2021_TiS3"], c_rates=1.0, loadings=1.5)
    # a wrong case: a case-sensitive match scored it too low and suggested nothing ('lifepo4', a literature
    # material, is LiFePO4 since session 39: material names are read case-blind; a set's name is PyBaMM's, as spelled)
    with pytest.raises(ValueError, match=r"unknown material 'li2021_tis2'.*did you mean \['Li2021_TiS2'"):
        pybamm_aea.screen(["li2021_tis2"], c_rates=1.0, loadings=1.5)


@pytest.mark.parametrize("typed, meant", [("LMS", "Li2021_Mo6S8"), ("Li2021_LMS", "Li2021_Mo6S8"),
                                          ("S-LMS", "Li2021_S_Mo6S8"), ("LTS", "Li2021_TiS2"),
                                          ("LTO-LMS", "Li2021_LTO_Mo6S8")])
def test_a_paper_cell_name_is_told_its_set(typed, meant):
    """The screen matched close names of its own (session 63): the paper's cell names got no hint ("LMS", "S-LMS",
    "LTS") or the wrong one ("Li2021_LMS": Li2021_TiS2). Its refusal is parameters.unknown_set_message's, with the
    literature materials among the names it suggests and lists; the conventional S-C-LGPS set, which the screen
    refuses, is not listed."""
    with pytest.raises(MaterialError, match=rf"^unknown material '{typed}': not a parameter set nor a literature "
                                            rf"material; did you mean \['{meant}'\]\? \(the paper's "):
        pybamm_aea.screen([typed], c_rates=1.0, loadings=1.5)
    with pytest.raises(MaterialError, match=r"did you mean \['LiFePO4'\]"):
        pybamm_aea.screen(["LiFePO5"], c_rates=1.0, loadings=1.5)
    with pytest.raises(MaterialError) as refused:
        pybamm_aea.screen(["nope"], c_rates=1.0, loadings=1.5)
    said = str(refused.value)
    assert "'Li2021_Mo6S8'" in said and "'LiFePO4'" in said and "Li2021_S_C_LGPS" not in said, said


def _composite_with(electrolyte):
    """The LiFePO4 composite's parameters with its solid electrolyte's mass fraction named ``electrolyte``."""
    from pybamm_aea.composite import composite_parameter_values

    return composite_parameter_values("LiFePO4", 1.5, composition={"active": 0.6, electrolyte: 0.3, "Carbon": 0.1})


@pytest.mark.parametrize("call, suggested", [
    (lambda: pybamm_aea.screen(["AEA_LiFePO4"], c_rates=(1.0,), loadings=(1.5,), cell="Paper"), "paper"),
    (lambda: pybamm_aea.screen(["AEA_LiFePO4"], c_rates=(1.0,), loadings=(1.5,), cell="papr"), "paper"),
    (lambda: _composite_with("sulfide SE"), "Sulfide SE"),
    (lambda: _composite_with("Sulfde SE"), "Sulfide SE"),
], ids=['cell Paper', 'cell papr', 'composition sulfide SE', 'composition Sulfde SE'])
def test_a_refused_cell_build_or_composition_name_gets_the_close_names(call, suggested):
    """screen(cell=) and the composite's composition listed the known names but suggested none."""
    with pytest.raises(ValueError, match=re.escape(f"did you mean [{suggested!r}")):
        call()


def test_the_screens_mesh_check_refines_as_mesh_check_does():
    """screen(mesh_check=True) solved every point again on 2x the cells, where mesh_check compares a run the mesh
    decides with 8x (20 and 40 cells can agree and both be wrong: the pristine thin compact at 25 C and 0.2C takes
    0.1509 mA.h on both and 1.6e-5 on 80); now Mo6S8's multi-phase host is refined 8x (160 cells), a host the mesh
    does not decide (TiS2) still 2x."""
    from pybamm_aea.screening import _check_refinement, _prepared

    assert _check_refinement(_prepared("Li2021_Mo6S8", None, "paper")) == 8
    assert _check_refinement(_prepared("Li2021_TiS2", None, "paper")) == 2


def test_the_screens_mesh_check_refines_a_pristine_hybrid_to_its_own_reference():
    """screen(mesh_check=True) refined the hybrids 8x (160 cells) as Mo6S8 alone, but a pristine hybrid's 160 and 320
    cells fill above its threshold (S-LMS at 70 C and 0.24C: 344.1 mA.h/g on 20 and 160 cells, 0.004 on 640 on the as-made layer, 337.45 / 0.0041 since; session
    46): now to its own reference as mesh_check, S-LMS 640 cells (32x), LTO-LMS 1280 (64x)."""
    from pybamm_aea.screening import _check_refinement, _prepared

    assert _check_refinement(_prepared("Li2021_S_Mo6S8", None, "paper")) == 32
    assert _check_refinement(_prepared("Li2021_LTO_Mo6S8", None, "paper")) == 64


def test_a_screens_temperature_warning_names_each_set():
    """screen(["Li2021_Mo6S8", "LiFePO4"], temperature=253.15) gave two identical texts, "this set's parameters were
    measured at 298.15-343.15 K", naming neither set (session 53): each names its own, both measured at 25-70 C
    (LMS's Fig. S5; LiFePO4's 25 C diffusivity, Table S5, and its cell at 70 C)."""
    import warnings

    from pybamm_aea.models.checks import TemperatureOutsideMeasuredRangeWarning

    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        pybamm_aea.screen(["Li2021_Mo6S8", "LiFePO4"], c_rates=(0.1,), loadings=(1.5,), temperature=253.15)
    said = sorted(str(w.message) for w in record if issubclass(w.category, TemperatureOutsideMeasuredRangeWarning))
    assert len(said) == 2, said
    for text, name in zip(said, ("Li2021_Mo6S8", "LiFePO4")):
        assert f"the temperatures {name}'s parameters were measured at, 298.15-343.15 K (25-70 C)" in text, said


def test_a_screen_outside_a_sets_measured_temperatures_warns():
    """screen(["AEA_LiFePO4"], ..., temperature=273.15) said nothing (its solver checks no temperature), where a
    solve of the same set at 0 C warns TemperatureOutsideMeasuredRangeWarning: the screen warns it too, at each call
    (its models are cached), and not at the set's own 70 C."""
    import warnings

    from pybamm_aea.models.checks import TemperatureOutsideMeasuredRangeWarning

    for kelvin, expected in ((273.15, 1), (273.15, 1), (343.15, 0)):
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            pybamm_aea.screen(["AEA_LiFePO4"], c_rates=(0.1,), loadings=(1.5,), temperature=kelvin)
        said = [str(w.message) for w in record if issubclass(w.category, TemperatureOutsideMeasuredRangeWarning)]
        assert len(said) == expected, (kelvin, said)
        assert all("273.15 K (0 C)" in s for s in said), said


def test_a_screens_error_of_one_materials_values_names_the_material():
    """A material of several whose values or model refuse the screen's options is named (review R39: a hybrid's
    option on Li2021_TiS2 said only "'Dispersed material Li sites [mol.m-3]' = 0.0 is outside ..."); its own
    error follows, and a screen of the hybrid alone builds."""
    options = {"host thermodynamics": "lever rule", "dispersed material degradation": "activation and contact loss"}
    with pytest.raises(ValueError) as caught:
        pybamm_aea.screen(["Li2021_S_Mo6S8", "Li2021_TiS2"], c_rates=[1], loadings=[5], options=options, progress=False)
    assert str(caught.value).startswith("material 'Li2021_TiS2': 'Dispersed material Li sites [mol.m-3]' = 0.0 is "
                                        "outside its physical range"), str(caught.value)
