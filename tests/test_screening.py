"""pybamm_aea.screen and the AEA-suitability map."""
import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import pybamm_aea
from pybamm_aea.screening import suitability

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def small():
    return pybamm_aea.screen(["Li2021_TiS2", "LiFePO4"], c_rates=(0.2, 2.0), loadings=(1.5, 6.0, 15.0))


@pytest.mark.slow
def test_screen_table(small):
    assert isinstance(small, pd.DataFrame) and len(small) == 2 * 2 * 3
    for col in ("utilisation", "ESC [mA.h.g-1]", "electrode energy [W.h.kg-1]", "electrode energy [W.h.L-1]",
                "limiting mechanism", "max areal capacity at 80% [mA.h.cm-2]", "max thickness at 80% [um]"):
        assert col in small.columns
    assert set(small["limiting mechanism"]) <= {"ionic", "electronic", "interface", "separator", "none"}
    tis2 = small[small["material"] == "Li2021_TiS2"].set_index(["C-rate", "loading [mg.cm-2]"])["utilisation"]
    # more rate or more thickness never delivers more
    assert tis2[(2.0, 15.0)] < tis2[(2.0, 1.5)] and tis2[(2.0, 6.0)] < tis2[(0.2, 6.0)]
    assert tis2[(0.2, 1.5)] > 0.9
    # a pure cathode: ESC = utilisation x window capacity; Wh/L = Wh/kg x electrode density
    row = small[small["material"] == "Li2021_TiS2"].iloc[0]
    assert row["ESC [mA.h.g-1]"] == pytest.approx(row["utilisation"] * 239.3, rel=0.01)
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


@pytest.mark.parametrize(
    "kwargs, match",
    [({"loadings": (1.5,), "thicknesses": (5.0,)}, "not both"), ({"loadings": (-1.0,)}, "loadings"),
     ({"c_rates": (0,)}, "c_rates"), ({"temperature": 70}, "kelvin")],
)
def test_screen_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        pybamm_aea.screen(["Li2021_TiS2"], **kwargs)


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
