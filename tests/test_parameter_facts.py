"""Facts beside the parameter sets: one thickness <-> loading conversion, used by model and sweep."""
import pybamm
import pytest

from pybamm_aea import parameters
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


def test_thickness_and_loading_are_inverse():
    assert parameters.cathode_thickness(parameters.cathode_loading(7e-6, 0.2, 4000.0), 0.2, 4000.0) == pytest.approx(7e-6)


def test_composition_from_the_set_values():
    assert parameters.composition("Li2021_Mo6S8") == {"Mo6S8": 1.0}
    assert parameters.composition("Li2021_S_Mo6S8") == pytest.approx({"S8": 0.325, "Mo6S8": 0.675})
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
    built = config.build_config(["Stack pressure [MPa]"], [{"Stack pressure [MPa]": 360.0}], "Li2021_LTO_Mo6S8",
                                None, None, None, 0.1)
    assert built.compaction == built.record["compaction"] == "S-LMS"


def test_the_sweeps_tables_of_the_sets_are_views_of_their_facts():
    """``pybamm_aea.sweep.COMPACTION_SETS`` and ``SET_COMPOSITIONS`` keep their names and contents (derived)."""
    from pybamm_aea.sweep import COMPACTION_SETS, SET_COMPOSITIONS

    assert COMPACTION_SETS == {"Li2021_Mo6S8": "Mo6S8", "Li2021_S_Mo6S8": "S-LMS", "Li2021_LTO_Mo6S8": "Mo6S8"}
    assert sorted(SET_COMPOSITIONS) == ["Li2021_LTO_Mo6S8", "Li2021_Mo6S8", "Li2021_S_Mo6S8", "Li2021_TiS2"]
    assert SET_COMPOSITIONS["Li2021_TiS2"] == {"TiS2": 1.0}
    assert SET_COMPOSITIONS["Li2021_S_Mo6S8"](None) == {"S8": 0.325, "Mo6S8": 0.675}
    assert SET_COMPOSITIONS["Li2021_LTO_Mo6S8"](None) == {"Li4Ti5O12": 0.40, "Mo6S8": 0.60}
    assert SET_COMPOSITIONS["Li2021_S_Mo6S8"](0.1) == pytest.approx({"S8": 0.1, "Mo6S8": 0.9})
