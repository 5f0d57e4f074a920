"""The lumped thermal option ("thermal": "lumped", :mod:`pybamm_aea.models.submodels.lumped_thermal`) held to the laws
it must obey: the energy balance of its one temperature, the isothermal model as the limit of a large heat transfer
coefficient, the adiabatic rise over a closed cycle equal to the energy the cycle dissipates over the heat capacity,
the Arrhenius feedback's sign; and its parameters refused when missing, checked, and not warned about as ignored."""
import functools
import re
import warnings

import numpy as np
import pybamm
import pytest

import pybamm_aea
from pybamm_aea.models.checks import (LUMPED_THERMAL, MissingParameterError, TemperatureOutsideMeasuredRangeWarning,
                                      ThermalParametersIgnoredWarning)

#: PyBaMM's Chen2020 set's heat capacity of one electrode pair with its current collectors [J.K-1.m-2] (the sum of its
#: layers' density x specific heat x thickness, computed in test_missing_lumped_parameters_are_refused_naming_them)
CHEN2020_AREAL_HEAT_CAPACITY = 355.0


def _values(set_name, h, C_A=CHEN2020_AREAL_HEAT_CAPACITY, initial=None):
    values = pybamm.ParameterValues(set_name)
    values.update({"Cell heat capacity [J.K-1.m-2]": C_A, "Total heat transfer coefficient [W.m-2.K-1]": h,
                   "Initial temperature [K]": values["Ambient temperature [K]"] if initial is None else initial},
                  check_already_exists=False)
    return values


def _solve(options, values, steps, rtol=None):
    model = pybamm_aea.AEA(options)
    solver = model.default_solver_with(rtol=rtol, atol=rtol / 100) if rtol else None
    steps = [step.format(low=values["Lower voltage cut-off [V]"], high=values["Upper voltage cut-off [V]"])
             for step in steps]
    sim = pybamm.Simulation(model, experiment=pybamm.Experiment(steps), parameter_values=values, solver=solver)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (the formation's and cut-offs' advisory warnings: not under test)
        solution = sim.solve()
    return solution, [step for cycle in solution.cycles for step in cycle.steps]


LUMPED = {"thermal": "lumped"}
LEVER_LUMPED = {"host thermodynamics": "lever rule", "thermal": "lumped"}


def test_isothermal_model_has_no_temperature_state_and_lumped_has_one():
    """The option off adds no state (the isothermal model's equations and speed unchanged): its temperatures are the
    ambient's expression; lumped adds the one state "Cell temperature [K]", which the ambient's names are not."""
    isothermal, lumped = pybamm_aea.AEA(), pybamm_aea.AEA(LUMPED)
    assert len(lumped.rhs) == len(isothermal.rhs) + 1 and len(lumped.algebraic) == len(isothermal.algebraic)
    assert not any(isinstance(key, pybamm.Variable) and key.name == "Cell temperature [K]" for key in isothermal.rhs)
    T = lumped.variables["Cell temperature [K]"]
    assert isinstance(T, pybamm.Variable) and T in lumped.rhs
    assert lumped.variables["Ambient temperature [K]"] is not T
    assert lumped.variables["Volume-averaged cell temperature [K]"] is T
    assert isothermal.variables["Cell temperature [K]"] is isothermal.variables["Ambient temperature [K]"]
    assert "Total heating [W]" not in isothermal.variables


def test_energy_balance_of_the_cell_temperature():
    """The heat in (q_irr + q_rev, TiS2's entropic term not 0) is the heat stored plus the heat given to the ambient:
    int q dt = C_A (T_end - T_0) + int h (T - T_amb) dt, on the multi-phase TiS2 cell at 1C, h = 0.5 W.m-2.K-1.
    Measured: 2.7e-4 of the heat (the trapezoid rule on the solver's output times across the steep start, rtol 1e-8)."""
    values = _values("Li2021_TiS2", 0.5)
    _, (step,) = _solve(LUMPED, values, ["Discharge at 1C until {low} V"], rtol=1e-8)
    t = step["Time [s]"].entries
    q_rev = step["Reversible heating per unit electrode-pair area [W.m-2]"].entries
    q = step["Irreversible heat [W.m-2]"].entries + q_rev
    cooling = step["Cooling per unit electrode-pair area [W.m-2]"].entries
    T = step["Cell temperature [K]"].entries
    stored = CHEN2020_AREAL_HEAT_CAPACITY * (T[-1] - T[0])
    assert abs(np.trapezoid(q_rev, t)) > 0.1 * abs(np.trapezoid(q, t))  # (the entropic term is in the balance)
    np.testing.assert_allclose(np.trapezoid(q, t), stored + np.trapezoid(cooling, t), rtol=1e-3)
    np.testing.assert_allclose(cooling, 0.5 * (T - values["Ambient temperature [K]"]), rtol=1e-12)


def test_reversible_heat_is_bernardis_on_a_near_uniform_host():
    """q_rev on a host whose Li is near uniform (TiS2 at 0.1C, multi-phase host, held at its 70 C ambient by h = 1e6)
    is Bernardi's -i T dU/dT at its average content, dU/dT taken here by a central difference of the set's OCP
    function over +-0.5 K (not the model's symbolic derivative): measured within 1e-7 (at x = 0.30, -8.94 mW.m-2:
    the lattice gas's dU/dT +0.073 mV/K, a discharge cools)."""
    values = _values("Li2021_TiS2", 1e6)
    _, (step,) = _solve(LUMPED, values, ["Discharge at 0.1C for 3 hours"])
    i = step["Total current density [A.m-2]"].entries[-1]
    x = step["Average cathode Li content"].entries[-1]
    T = step["Cell temperature [K]"].entries[-1]

    def U(T):
        return values.evaluate(pybamm.FunctionParameter("Cathode homogeneous OCP [V]", {
            "Cathode Li content": pybamm.Scalar(x), "Temperature [K]": pybamm.Scalar(T)}))

    dU_dT = U(T + 0.5) - U(T - 0.5)
    q_rev = step["Reversible heating per unit electrode-pair area [W.m-2]"].entries[-1]
    assert dU_dT > 0 and q_rev < 0
    np.testing.assert_allclose(q_rev, -i * T * dU_dT, rtol=1e-5)


def test_large_heat_transfer_recovers_the_isothermal_voltage():
    """h -> infinity pins the cell to the ambient: at h = 1e6 W.m-2.K-1 the lumped LMS cell's 1C discharge is the
    isothermal one's (capacity within 1e-5, voltage within 1e-5 V at the same output times, every 10 s, but the
    last tenth, where the steps end at the cut-off at different times), while adiabatic it is not."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    steps = ["Discharge at 1C until {low} V (10 second period)"]
    _, (iso,) = _solve({"host thermodynamics": "lever rule"}, values, steps)
    _, (pinned,) = _solve(LEVER_LUMPED, _values("Li2021_Mo6S8", 1e6, C_A=10.0), steps)
    _, (adiabatic,) = _solve(LEVER_LUMPED, _values("Li2021_Mo6S8", 0.0, C_A=10.0), steps)
    capacity = {name: step["Discharge capacity [A.h]"].entries[-1] for name, step in
                (("iso", iso), ("pinned", pinned), ("adiabatic", adiabatic))}
    np.testing.assert_allclose(capacity["pinned"], capacity["iso"], rtol=1e-5)
    t = iso["Time [s]"].entries
    t = t[t < 0.9 * t[-1]]
    np.testing.assert_allclose(pinned["Time [s]"].entries[:len(t)], t)
    assert np.max(np.abs(pinned["Voltage [V]"].entries[:len(t)] - iso["Voltage [V]"].entries[:len(t)])) < 1e-5
    assert abs(capacity["adiabatic"] / capacity["iso"] - 1) > 2e-4


@functools.cache
def _adiabatic_cycle():
    """A lever-rule LMS cell, adiabatic (h = 0), formed at 0.2C, then two 0.5C cycles at rtol 1e-8: the last cycle's
    electrical energy in less out, the change of its stored free energy [J.m-2] and its temperature rise [K]."""
    values = _values("Li2021_Mo6S8", 0.0)
    cycle = ["Discharge at 0.5C until {low} V", "Charge at 0.5C until {high} V"]
    _, steps = _solve(LEVER_LUMPED, values, ["Discharge at 0.2C until {low} V", "Charge at 0.2C until {high} V"]
                      + cycle * 2, rtol=1e-8)
    discharge, charge = steps[-2:]
    area = values["Electrode width [m]"] * values["Electrode height [m]"]
    electrical = sum(np.trapezoid(-s["Current [A]"].entries * s["Voltage [V]"].entries, s["Time [s]"].entries)
                     for s in (discharge, charge)) / area
    stored = sum(np.trapezoid(s["Stored free energy rate [W.m-2]"].entries, s["Time [s]"].entries)
                 for s in (discharge, charge))
    rise = charge["Cell temperature [K]"].entries[-1] - discharge["Cell temperature [K]"].entries[0]
    return electrical, stored, rise


def test_adiabatic_rise_over_a_closed_cycle_is_the_dissipated_energy_over_the_heat_capacity():
    """h = 0: over a cycle the rise of the cell temperature is the energy it dissipates, the electrical energy in less
    out less the change of its stored free energy, over C_A (Mo6S8: no entropic term, its free energy has no T).
    The lever-rule LMS cell's second 0.5C cycle nearly returns to its state (measured: 1e-4 Li per formula unit,
    the free energy's change 0.13 % of the 328 J.m-2 dissipated, the cell warming 0.92 K between the charges' ends);
    the rise is measured within 4e-5 of the energy over C_A (the trapezoid rule)."""
    electrical, stored, rise = _adiabatic_cycle()
    assert electrical > 0 and rise > 0 and abs(stored) < 0.005 * electrical
    np.testing.assert_allclose(rise, (electrical - stored) / CHEN2020_AREAL_HEAT_CAPACITY, rtol=2e-4)


def test_a_self_heating_cell_delivers_more_at_high_rate():
    """The Arrhenius feedback's sign: a lumped LMS cell heating itself at 2C (adiabatic, a small heat capacity, 10
    J.K-1.m-2) ends hotter than its ambient and delivers more than the isothermal cell at that ambient (measured
    +7e-4); one started 10 K below its ambient (adiabatic at 355 J.K-1.m-2: it warms 1.7 K) delivers less."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    steps = ["Discharge at 2C until {low} V"]
    _, (iso,) = _solve({"host thermodynamics": "lever rule"}, values, steps)
    _, (hot,) = _solve(LEVER_LUMPED, _values("Li2021_Mo6S8", 0.0, C_A=10.0), steps)
    cold_start = values["Ambient temperature [K]"] - 10
    _, (cold,) = _solve(LEVER_LUMPED, _values("Li2021_Mo6S8", 0.0, initial=cold_start,
                                              C_A=CHEN2020_AREAL_HEAT_CAPACITY), steps)
    Q = {name: step["Discharge capacity [A.h]"].entries[-1] for name, step in
         (("iso", iso), ("hot", hot), ("cold", cold))}
    assert hot["Cell temperature [K]"].entries[-1] > values["Ambient temperature [K]"] + 1
    assert Q["hot"] > (1 + 2e-4) * Q["iso"]
    assert cold["Cell temperature [K]"].entries[-1] < values["Ambient temperature [K]"] - 8
    assert Q["cold"] < (1 - 2e-4) * Q["iso"], Q


def test_missing_lumped_parameters_are_refused_naming_them():
    """The lumped option on a set without its parameters: a MissingParameterError naming each, with an example value
    and its source (PyBaMM's Chen2020: its layers' heat capacity per electrode area, computed here from its values);
    no value assumed."""
    chen = pybamm.ParameterValues("Chen2020")
    layers = ("Negative current collector", "Negative electrode", "Separator", "Positive electrode",
              "Positive current collector")
    per_area = sum(chen[f"{layer} density [kg.m-3]"] * chen[f"{layer} specific heat capacity [J.kg-1.K-1]"]
                   * chen[f"{layer} thickness [m]"] for layer in layers)
    assert round(per_area) == CHEN2020_AREAL_HEAT_CAPACITY
    said = {"Cell heat capacity [J.K-1.m-2]": f"{CHEN2020_AREAL_HEAT_CAPACITY:g} J.K-1.m-2",
            "Total heat transfer coefficient [W.m-2.K-1]": f"{chen['Total heat transfer coefficient [W.m-2.K-1]']:g} "
                                                          "W.m-2.K-1",
            "Initial temperature [K]": "the ambient temperature"}
    assert set(said) == set(LUMPED_THERMAL)
    for name, example in said.items():
        values = _values("Li2021_Mo6S8", 0.5)
        del values[name]
        sim = pybamm.Simulation(pybamm_aea.AEA(LEVER_LUMPED), parameter_values=values)
        with pytest.raises(MissingParameterError, match=re.escape(f"Parameter '{name}' not found") + ".*"
                           + re.escape(example) + ".*No value is assumed"):
            sim.solve([0, 60])


@pytest.mark.parametrize("name, value, said", [
    ("Cell heat capacity [J.K-1.m-2]", 0.0, "outside"),
    ("Total heat transfer coefficient [W.m-2.K-1]", -1.0, "outside"),
    ("Initial temperature [K]", 70.0, "degrees C"),
])
def test_lumped_parameters_are_checked(name, value, said):
    """A heat capacity of 0, a negative heat transfer coefficient, an initial temperature in degrees C: refused naming
    the value."""
    values = _values("Li2021_Mo6S8", 0.5)
    values[name] = value
    with pytest.raises(ValueError, match=re.escape(f"'{name}' = {value:g}") + f".*{said}"):
        pybamm.Simulation(pybamm_aea.AEA(LEVER_LUMPED), parameter_values=values).solve([0, 60])


def test_thermal_parameters_warned_as_ignored_by_option():
    """Isothermal: the lumped option's parameters are ignored, and warned about as such (the heat capacity per area
    too, which is not PyBaMM's); lumped: they are read and not warned about, a PyBaMM thermal parameter it does not
    read is, without saying the model is isothermal."""
    values = _values("Li2021_Mo6S8", 0.5)
    values.update({"Positive electrode specific heat capacity [J.kg-1.K-1]": 700.0}, check_already_exists=False)

    def warned(options):
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            pybamm.Simulation(pybamm_aea.AEA(options), parameter_values=values).solve([0, 60])
        return [str(w.message) for w in record if isinstance(w.message, ThermalParametersIgnoredWarning)]

    (isothermal,) = warned({"host thermodynamics": "lever rule"})
    assert all(repr(name) in isothermal for name in LUMPED_THERMAL) and "it is isothermal" in isothermal
    (lumped,) = warned(LEVER_LUMPED)
    assert lumped.startswith("'Positive electrode specific heat capacity [J.kg-1.K-1]' = 700.0: PyBaMM thermal "
                             "parameters, which the AEA model does not read: its lumped thermal option reads only")
    assert "isothermal" not in lumped


def test_pybamms_heat_names_under_lumped():
    """Lumped: PyBaMM's total and reversible heating are variables ("Total heating [W]" the cell's, the heat in); a
    PyBaMM heat name it does not publish is PyBaMM's own KeyError, not the isothermal model's answer; a state of
    charge is answered as on an isothermal model."""
    values = _values("Li2021_Mo6S8", 0.5)
    solution = pybamm.Simulation(pybamm_aea.AEA(LEVER_LUMPED), parameter_values=values).solve([0, 600])
    area = values["Electrode width [m]"] * values["Electrode height [m]"]
    np.testing.assert_allclose(solution["Total heating [W]"].entries,
                               solution["Irreversible heat [W]"].entries + solution["Reversible heating [W]"].entries)
    np.testing.assert_allclose(solution["Reversible heating [W]"].entries, 0, atol=1e-15)  # (Mo6S8: no entropy)
    np.testing.assert_allclose(solution["Total heating [W.m-2]"].entries * area, solution["Total heating [W]"].entries)
    with pytest.raises(KeyError) as error:
        solution["Ohmic heating [W]"]
    assert "isothermal" not in str(error.value)
    with pytest.raises(KeyError, match="the AEA model publishes no state of charge"):  # (as isothermal models answer)
        solution["State of Charge"]


def test_lumped_start_state_is_solved_at_the_initial_temperature():
    """A lumped cell's start state (initial_soc "2.0 V") is solved at its "Initial temperature [K]", where it starts:
    TiS2 (dU/dT +0.6 to -0.56 mV/K) at 298.15 K in 343.15 K air started at 2.001778 V until session 64 (the state
    solved at the ambient temperature); now at 2.0 V as the isothermal model at 298.15 K (R53)."""
    values = _values("Li2021_TiS2", 10.0, initial=298.15)
    assert values["Ambient temperature [K]"] == 343.15
    sim = pybamm.Simulation(pybamm_aea.AEA(LUMPED), parameter_values=values,
                            experiment=pybamm.Experiment(["Rest for 1 second"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (the measured-range warning of 298.15 K: not under test)
        solution = sim.solve(initial_soc="2.0 V")
    assert solution["Cell temperature [K]"].entries[0] == pytest.approx(298.15, abs=1e-9)
    assert solution["Voltage [V]"].entries[0] == pytest.approx(2.0, abs=1e-6)


def test_initial_temperature_judged_as_the_ambient_one():
    """S-LMS (S8 melts at 388.36 K; measured at 343.15 K) with "Initial temperature [K]" an input: 380 K solves with the
    measured-range warning naming the initial temperature, 420 K in the same simulation is refused naming it and S8
    (the per-model judgement redone for a changed input); until session 64 only the ambient was judged, and 420 K
    solved with no word (R53)."""
    values = _values("Li2021_S_Mo6S8", 10.0, initial="[input]")
    sim = pybamm.Simulation(pybamm_aea.AEA(LUMPED), parameter_values=values)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        solution = sim.solve([0, 60], inputs={"Initial temperature [K]": 380.0})
    assert solution["Cell temperature [K]"].entries[0] == pytest.approx(380.0)
    said = [str(w.message) for w in caught if isinstance(w.message, TemperatureOutsideMeasuredRangeWarning)]
    assert any(text.startswith("the initial temperature 380 K") for text in said), said
    with pytest.raises(ValueError, match=re.escape("'Initial temperature [K]' = 420 K") + ".*melting point of S8"):
        sim.solve([0, 60], inputs={"Initial temperature [K]": 420.0})


def test_lumped_messages_are_at_most_300_characters():
    """The lumped option's missing-parameter errors were 665, 498 and 367 characters, the "thermal" option error 406
    (R53): each now <= 300, keeping the name, an example value, its source and the docs section."""
    for name in LUMPED_THERMAL:
        values = _values("Li2021_Mo6S8", 0.5)
        del values[name]
        with pytest.raises(MissingParameterError) as error:
            pybamm.Simulation(pybamm_aea.AEA(LEVER_LUMPED), parameter_values=values).solve([0, 60])
        text = str(error.value)
        assert len(text) <= 300 and "e.g." in text and "docs/known_limits.rst" in text, (len(text), text)
    with pytest.raises(pybamm.OptionError) as error:
        pybamm_aea.AEA({"thermal": "x-full"}, build=False)
    assert len(str(error.value)) <= 300, len(str(error.value))
