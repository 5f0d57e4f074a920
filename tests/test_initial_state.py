"""pybamm_aea.set_initial_state: the initial state from a state of charge or an OCV."""
import pybamm
import pytest

import pybamm_aea
from pybamm_aea import AEA


def rest_voltage(values, options=None):
    sim = pybamm.Simulation(AEA(options), parameter_values=values, experiment=pybamm.Experiment(["Rest for 1 minute"]))
    return sim.solve()["Voltage [V]"].entries[0]


@pytest.mark.parametrize("parameter_set", ["Li2021_Mo6S8", "Li2021_TiS2", "Li2021_S_Mo6S8"])
@pytest.mark.parametrize("soc,cutoff", [(0.0, "Lower voltage cut-off [V]"), (1.0, "Upper voltage cut-off [V]")])
def test_soc_ends_sit_at_the_cutoffs(parameter_set, soc, cutoff):
    values = pybamm_aea.set_initial_state(pybamm.ParameterValues(parameter_set), soc, direction="discharge")
    assert rest_voltage(values) == pytest.approx(values[cutoff], abs=2e-3)


def test_voltage_string_and_li_in_anode():
    options = {"anode": "Li-In"}
    values = pybamm_aea.set_initial_state(pybamm.ParameterValues("Li2021_TiS2"), "1.5 V", "discharge", options)
    assert rest_voltage(values, options) == pytest.approx(1.5, abs=1e-3)


def test_half_charged_hybrid_holds_half_the_capacity():
    def capacity(soc):
        values = pybamm_aea.set_initial_state(pybamm.ParameterValues("Li2021_S_Mo6S8"), soc, direction="discharge")
        sim = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment(["Discharge at 0.05C until 1 V"]))
        return sim.solve()["Discharge capacity [A.h]"].entries[-1]

    assert capacity(0.5) == pytest.approx(0.5 * capacity(1.0), rel=0.05)


@pytest.mark.parametrize(
    "value,kwargs,message",
    [
        (1.5, {}, "must be in \\[0, 1\\], got 1.5"),
        ("2 Volt", {}, "'2 Volt'"),
        (0.5, {"direction": "up"}, "'up'"),
        (0.5, {"options": {"anode": "Li-Sn"}}, "'Li-Sn'"),
    ],
)
def test_bad_input_is_named(value, kwargs, message):
    with pytest.raises(ValueError, match=message):
        pybamm_aea.set_initial_state(pybamm.ParameterValues("Li2021_TiS2"), value, **kwargs)
