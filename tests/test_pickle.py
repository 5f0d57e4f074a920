"""Every AEA parameter set and model option pickles, as PyBaMM's own do.

``pickle`` is what ``Simulation.save``, ``pybamm.load_sim``, ``Solution.save``, multiprocessing,
joblib and PyBOP's parallel evaluators use. A closure in a parameter set (a function defined
inside another) breaks all of them; these tests catch one in any set registered now or later:
the sets come from the ``pybamm_parameter_sets`` entry points whose module is in pybamm_aea.
"""
import importlib.metadata
import inspect
import pickle

import numpy as np
import pybamm
import pytest

from pybamm_aea.models.aea import AEAOptions

AEA_SETS = sorted(
    ep.name
    for ep in importlib.metadata.entry_points(group="pybamm_parameter_sets")
    if ep.value.split(":")[0].split(".")[0] == "pybamm_aea"
)

#: the default options, then each non-default value of each option, one at a time
OPTION_SETS = [{}] + [
    {key: value} for key, values in AEAOptions.POSSIBLE.items() for value in values[1:]
]


def _option_id(options):
    return ",".join(f"{k}={v}" for k, v in options.items()) or "default"


def test_the_registered_sets_are_found():
    assert {"Li2021_Mo6S8", "Li2021_TiS2", "Li2021_S_Mo6S8", "Li2021_LTO_Mo6S8"} <= set(AEA_SETS)


@pytest.mark.parametrize("name", AEA_SETS)
def test_parameter_values_pickle(name):
    values = pybamm.ParameterValues(name)
    loaded = pickle.loads(pickle.dumps(values))
    assert set(loaded.keys()) == set(values.keys())
    # every function parameter evaluates to the same number after the round trip
    for key, value in values.items():
        if callable(value):
            n = len(_free_arguments(value))
            args = [pybamm.Scalar(0.5)] * (n - 1) + [pybamm.Scalar(343.15)]
            expected = value(*args).evaluate()
            got = loaded[key](*args).evaluate()
            np.testing.assert_allclose(got, expected, rtol=0, atol=0, err_msg=key)


def _free_arguments(func):
    """The arguments a parameter function still takes (a partial's bound ones excluded)."""
    return [
        p
        for p in inspect.signature(func).parameters.values()
        if p.default is inspect.Parameter.empty
    ]


#: pure Li4Ti5O12 fails as an AEA electrode at any useful current (the paper's Fig. S2; see
#: tests/test_materials_figS2.py): its losses exceed the window at t = 0 of a 0.1C step
CANNOT_RUN_THEIR_DEFAULT_CURRENT = {"AEA_Li4Ti5O12", "AEA_LiFePO4"}


@pytest.mark.parametrize("name", AEA_SETS)
def test_simulation_and_solution_save_and_load(name, tmp_path):
    values = pybamm.ParameterValues(name)
    if name in CANNOT_RUN_THEIR_DEFAULT_CURRENT:
        values["Current function [A]"] *= 1e-3
    sim = pybamm.Simulation(pybamm.Model("AEA"), parameter_values=values)
    sol = sim.solve([0, 600])
    V = sol["Voltage [V]"].entries

    sim.save(tmp_path / "sim.pkl")
    loaded = pybamm.load_sim(tmp_path / "sim.pkl")
    np.testing.assert_allclose(loaded.solve([0, 600])["Voltage [V]"].entries, V, rtol=1e-9)

    sol.save(tmp_path / "sol.pkl")
    np.testing.assert_allclose(pybamm.load(tmp_path / "sol.pkl")["Voltage [V]"].entries, V)


def test_experiment_simulation_saves(tmp_path):
    experiment = pybamm.Experiment(["Discharge at C/10 for 10 minutes", "Rest for 5 minutes"])
    sim = pybamm.Simulation(
        pybamm.Model("AEA"), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
        experiment=experiment,
    )
    sol = sim.solve()
    sim.save(tmp_path / "sim.pkl")
    loaded = pybamm.load_sim(tmp_path / "sim.pkl")
    assert loaded.solve()["Voltage [V]"].entries[-1] == pytest.approx(sol["Voltage [V]"].entries[-1], rel=1e-9)
    sol.save(tmp_path / "sol.pkl")
    assert len(pybamm.load(tmp_path / "sol.pkl").cycles) == len(sol.cycles) == 2


@pytest.mark.parametrize("options", OPTION_SETS, ids=_option_id)
def test_built_model_pickles(options, tmp_path):
    model = pybamm.Model("AEA", options=options)
    loaded = pickle.loads(pickle.dumps(model))
    assert dict(loaded.options) == dict(model.options)
    assert set(loaded.variables.keys()) == set(model.variables.keys())
    # and discretised, inside a simulation (what sim.save stores)
    sim = pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("Li2021_S_Mo6S8"))
    sim.build()
    sim.save(tmp_path / "sim.pkl")
    assert pybamm.load_sim(tmp_path / "sim.pkl").built_model.concatenated_rhs.size == (
        sim.built_model.concatenated_rhs.size
    )
