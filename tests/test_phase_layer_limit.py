"""A thick multi-phase LMS electrode's discharge stopped by its Li4 layer says so (user trial of session 60, finding 2:
LMS from Li1, 70 C, 0.1C, 96.1 / 84.9 / 69.9 / 53.8 mA.h/g at 5 / 10 / 20 / 30 mg/cm2 against the lever rule's
96.4-95.7, no row warned). docs/known_limits.rst, "Thick electrodes lose capacity at 0.1C on the multi-phase host"."""
import re
import warnings

import pybamm
import pytest

import pybamm_aea
from pybamm_aea.phase_layer_limit import PhaseLayerLimitWarning

#: the porosity of the trial's rows (Mo6S8 compacted at 360 MPa)
POROSITY = 0.11709


def _formed_lms(loading, host="multi-phase"):
    """LMS started at Li1, at ``loading`` [kg.m-2], its C-rate basis scaled to it, on ``host``."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode loading [kg.m-2]": loading, "Initial cathode Li content": 1.0,
                   "Cathode porosity": POROSITY,
                   "Nominal cell capacity [A.h]": values["Nominal cell capacity [A.h]"] * loading / 0.015})
    model = pybamm.Model("AEA", options={"host thermodynamics": host})
    return pybamm.Simulation(model, parameter_values=values,
                             experiment=pybamm.Experiment(["Discharge at 0.1C until 1.8 V"]))


def _reached(text):
    """(the content reached, the content started from, the share short [%]) a warning's text gives."""
    found = re.search(r"at (\d\.\d+) per formula unit \(from (\d\.\d+)\), (\d+)% of its way short", text)
    return tuple(float(v) for v in found.groups())


def _solve(sim):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        solution = sim.solve()
    return solution, [w for w in caught if issubclass(w.category, PhaseLayerLimitWarning)]


def test_a_thick_multi_phase_discharge_stopped_by_its_li4_layer_warns_with_the_content_reached():
    """10 mg/cm2 at 0.1C: 84.9 mA.h/g, the average Li content 3.635 from 1.000, 12 % of its way short of the Li4
    window (3.98), the collector side left below Li4 (measured 2026-12-07, session 61); old code: no warning."""
    solution, said = _solve(_formed_lms(0.10))
    assert solution["Electrode specific capacity [mA.h.g-1]"].entries[-1] == pytest.approx(84.9, abs=1.0)
    assert len(said) == 1, [str(w.message) for w in said]
    text = str(said[0].message)
    assert "step 1, a discharge" in text and "short of the Li4 window (3.98 Li)" in text
    assert _reached(text) == pytest.approx((3.635, 1.0, 12), abs=0.02)
    assert "lever rule" in text and "Thick electrodes lose capacity at 0.1C" in text


def test_a_thin_multi_phase_discharge_and_the_lever_rule_host_do_not_warn():
    """5 mg/cm2 at 0.1C fills (96.1 mA.h/g, 3.984 Li at the end: 0 % short); the lever-rule host at 10 mg/cm2 fills
    (96.4): neither is the layer's stop."""
    for loading, host in ((0.05, "multi-phase"), (0.10, "lever rule")):
        solution, said = _solve(_formed_lms(loading, host))
        assert solution["Electrode specific capacity [mA.h.g-1]"].entries[-1] > 95.5, (loading, host)
        assert said == [], (loading, host)


def test_a_sweep_row_stopped_by_the_li4_layer_says_so_in_its_warnings_column():
    """The trial's reproducer's row (30 mg/cm2 at 0.1C, 53.8 mA.h/g, 2.672 Li from 1.000, 44 % short); old code:
    its ``warnings`` column empty."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = pybamm_aea.sweep({"Cathode loading [kg.m-2]": [0.05, 0.30], "C-rate": [0.1],
                                  "Initial cathode Li content": [1.0], "Cathode porosity": [POROSITY]},
                                 parameter_set="Li2021_Mo6S8", workers=1, progress=False)
    thin, thick = (table.iloc[i] for i in range(2))
    assert thin["warnings"] is None or "PhaseLayerLimitWarning" not in thin["warnings"]
    assert thick["Electrode specific capacity [mA.h.g-1]"] == pytest.approx(53.8, abs=1.5)
    assert thick["warnings"].startswith("PhaseLayerLimitWarning: step 1, a discharge")
    assert _reached(thick["warnings"]) == pytest.approx((2.672, 1.0, 44), abs=0.05)
