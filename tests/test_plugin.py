"""The package registers its model and parameter sets with PyBaMM through entry points."""
import filecmp
import re
import subprocess
import sys
from pathlib import Path

import pybamm
import pytest

from pybamm_aea.data import PAPER_TABLES, load_paper_table, paper_table_path
from pybamm_aea.parameters.paper_cell import STANDARD_LOADING, T_REF


@pytest.mark.parametrize("name", ["Li2021_Mo6S8", "Li2021_TiS2"])
def test_parameter_sets_resolve_through_pybamm(name):
    """PyBaMM finds the set by its name: the paper's standard cathode (1.5 mg/cm2) at its 70 C."""
    values = pybamm.ParameterValues(name)
    assert values["Cathode loading [kg.m-2]"] == pytest.approx(STANDARD_LOADING)
    assert values["Ambient temperature [K]"] == pytest.approx(T_REF)


def test_model_resolves_through_pybamm():
    model = pybamm.Model("AEA")
    assert type(model).__module__ == "pybamm_aea.models.aea"
    assert "Voltage [V]" in model.variables


@pytest.mark.slow
def test_entry_points_need_no_import_of_the_package():
    """A fresh interpreter that imports only pybamm finds the AEA model and sets."""
    code = (
        "import sys, pybamm;"
        "pybamm.ParameterValues('Li2021_Mo6S8');"
        "m = pybamm.Model('AEA');"
        "print(type(m).__name__, 'pybamm_aea' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split()[0] == "AEA"


def test_shipped_tables_are_the_shared_ones(shared_data_dir):
    for name in PAPER_TABLES:
        shipped = paper_table_path(name)
        assert filecmp.cmp(str(shipped), shared_data_dir / f"{name}.csv", shallow=False), name


def test_a_table_without_a_column_the_package_reads_is_refused_naming_the_file_and_the_column(tmp_path,
                                                                                               monkeypatch):
    """A shipped table whose column the package reads is gone (an edit of the CSV) was a bare KeyError where the
    column was read (KeyError: 'D_upper_cm2_per_s' from the TiS2 set's diffusivity); now a ValueError at load
    naming the table, its file and the column. The shipped tables have every listed column, and each listed column
    is a quoted string of the package's source outside pybamm_aea/data (so the list names columns the package
    reads, not merely the CSV's header)."""
    import pybamm_aea.data as data

    package = Path(data.__file__).parents[1]
    source = "\n".join(p.read_text() for p in sorted(package.rglob("*.py")) if p.parent.name != "data")
    for name in PAPER_TABLES:
        with paper_table_path(name).open() as f:
            header = next(line for line in f if not line.startswith("#")).strip().split(",")
        listed = data.PAPER_TABLE_COLUMNS[name]
        assert set(listed) <= set(header), (name, sorted(set(listed) - set(header)))
        unread = [c for c in listed if f'"{c}"' not in source and f"'{c}'" not in source]
        assert not unread, (name, unread)
    edited = tmp_path / "tableS5_li_diffusion.csv"
    edited.write_text("material,D_lower_cm2_per_s\nTiS2,1e-9\n")
    monkeypatch.setattr(data, "paper_table_path", lambda name: edited)
    data._parsed_table.cache_clear()
    try:
        with pytest.raises(ValueError, match=re.escape(
                f"the paper table 'tableS5_li_diffusion' ({edited}) lacks the column 'D_upper_cm2_per_s' the package "
                "reads; its columns: ['material', 'D_lower_cm2_per_s']")):
            load_paper_table("tableS5_li_diffusion")
    finally:
        data._parsed_table.cache_clear()


def test_unknown_table_is_named():
    with pytest.raises(ValueError, match="'tableS99'"):
        load_paper_table("tableS99")


def test_every_entry_point_set_resolves_and_every_aea_set_has_facts():
    """Each parameter set of pyproject's entry points resolves through PyBaMM; each AEA set (one with a
    "Cathode host density [kg.m-3]") has its facts in pybamm_aea.parameters.SET_FACTS, whose materials are the
    energy library's."""
    from importlib.metadata import entry_points

    from pybamm_aea.energy import get_material
    from pybamm_aea.parameters import PYBAMM_MODEL_SETS, SET_FACTS, facts

    ours = [ep.name for ep in entry_points(group="pybamm_parameter_sets") if ep.value.startswith("pybamm_aea.")]
    assert "Li2021_S_C_LGPS" in ours
    for name in ours:
        values = pybamm.ParameterValues(name)
        assert ("Cathode host density [kg.m-3]" in values.keys()) == (name not in PYBAMM_MODEL_SETS), name
        if name not in PYBAMM_MODEL_SETS:
            for material in filter(None, (facts(name).host, facts(name).dispersed)):
                get_material(material)
    assert set(SET_FACTS) <= set(ours)


@pytest.mark.parametrize("typed", ["TableS5_li_diffusion", "tableS5_li_diffusoin"])
def test_an_unknown_paper_table_suggests_the_close_names(typed):
    """paper_table_path listed the tables but suggested none for a wrong case or a misspelling."""
    with pytest.raises(ValueError, match=r"did you mean \['tableS5_li_diffusion'"):
        paper_table_path(typed)


@pytest.mark.parametrize("typed, meant", [("Li2021_LMS", "Li2021_Mo6S8"), ("Li2021_S-LMS", "Li2021_S_Mo6S8"),
                                          ("LTO-LMS", "Li2021_LTO_Mo6S8"), ("Li2021_LTS", "Li2021_TiS2"),
                                          ("Li2021_Mo6S", "Li2021_Mo6S8")])
def test_a_wrong_set_name_is_told_the_set_it_means(typed, meant):
    """Trial WT (session 63): a set name the package reads got PyBaMM's list of its 28 sets and no hint; the paper's
    own cell names ("LMS", "S-LMS", "LTO-LMS", "LTS") now name their set (difflib alone offered Li2021_TiS2 for
    "Li2021_LMS"), a misspelling its closest names."""
    from pybamm_aea.parameters import registered_values
    from pybamm_aea.sweep import SweepConfigError, sweep

    with pytest.raises(ValueError, match=rf"unknown parameter set '{typed}'; did you mean \['{meant}'\]") as info:
        registered_values(typed)
    assert "Ai2020" not in str(info.value)  # (not PyBaMM's list)
    with pytest.raises(SweepConfigError, match=rf"did you mean \['{meant}'\]"):
        sweep({"Cathode porosity": [0.2]}, parameter_set=typed, workers=1)


def test_a_set_name_near_no_set_is_told_the_package_sets():
    from pybamm_aea.parameters import SET_FACTS, registered_values

    with pytest.raises(ValueError, match="this package's sets are") as info:
        registered_values("Xyzzy")
    assert all(name in str(info.value) for name in SET_FACTS) and "Ai2020" not in str(info.value)
