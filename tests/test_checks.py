"""Physical-range checks: one table (pybamm_aea.models.checks.RANGES), applied to parameter values, to input
parameters at solve time (pybamm.Simulation.solve, pybamm.BatchStudy, batched inputs) and to sweep grids."""
import math
import re
import types
import warnings

import numpy as np
import pybamm
import pytest

import pybamm_aea
import pybamm_aea.conventional
import pybamm_aea.energy
from pybamm_aea.composite import composite_parameter_values
from pybamm_aea.cycling import cycle_summary
from pybamm_aea.energy.paper import SLMS_COMPOSITION
from pybamm_aea.models.checks import RANGES, check_inputs, check_value
from pybamm_aea.models.experiment_checks import STEP_VALUE_RANGES, CheckedIDAKLUSolver
from pybamm_aea.sweep.grid import expand_grid
from pybamm_aea.models.step_checks import CutOffBelowMeasuredWindowWarning
from pybamm_aea.parameters.paper_cell import li_in_cut_offs

# each value reached the solver unchecked before (issue 16): a voltage of 2.8e9 V, a "discharge" up to 2.8 V,
# IDA_BAD_K, successful points with negative energy, NaN voltages, a charge instead of a discharge, or a bare
# ZeroDivisionError
BAD = [
    ("Ambient temperature [K]", -50.0),
    ("Ambient temperature [K]", 1.0),
    ("Cathode loading [kg.m-2]", -0.01),
    ("Cathode porosity", 1.2),
    ("Cathode Bruggeman coefficient", -3.0),
    ("Separator layer 1 thickness [m]", -1e-4),
    ("Cathode host density [kg.m-3]", -5060.0),
    ("Initial cathode Li content", 5.0),  # beyond Li4Mo6S8, the host's maximum
    ("Nominal cell capacity [A.h]", -1e-4),
    ("Nominal cell capacity [A.h]", 0.0),
    ("Li-In anode indium amount [mol.m-2]", 0.0),
    ("Cathode loading [kg.m-2]", math.inf),
    # a NaN lower cut-off ran to -206 V and x = 8 in a 4-Li host, -5 V to x = 4.1; a NaN current was IDA_BAD_K
    ("Lower voltage cut-off [V]", math.nan),
    ("Lower voltage cut-off [V]", -5.0),
    ("Lower voltage cut-off [V]", 3.0),  # above the upper one
    ("Upper voltage cut-off [V]", math.nan),
    ("Upper voltage cut-off [V]", 7.0),
    ("Current function [A]", math.nan),
    ("Cathode porosity", math.nan),
]
NAMES = sorted({n for n, _ in BAD})
OPTIONS = {"anode": "Li-In"}  # so that the indium amount is in the model


def _message(name, value):
    return re.escape(f"'{name}' = {value!r} is outside its physical range")


@pytest.fixture(scope="module")
def defaults():
    """The LMS set on the Li-In anode of OPTIONS: its Li-metal cut-offs moved down by the Li-In
    plateau (the pristine Mo6S8 OCV, 2.35 V vs Li on the multi-phase host, is 1.73 V vs Li-In)."""
    from pybamm_aea.parameters.paper_cell import li_in_ocp

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    plateau = float(li_in_ocp(pybamm.Scalar(0.5), pybamm.Scalar(values["Ambient temperature [K]"])).evaluate())
    for cut_off in ("Lower voltage cut-off [V]", "Upper voltage cut-off [V]"):
        values[cut_off] -= plateau
    return values


@pytest.fixture(scope="module")
def input_sim(defaults):
    """One simulation with every parameter of the cases as an input parameter."""
    values = defaults.copy()
    values.update({n: "[input]" for n in NAMES})
    sim = pybamm.Simulation(pybamm_aea.AEA(OPTIONS), parameter_values=values)
    sim.build()
    return sim


@pytest.mark.parametrize("name, value", BAD)
def test_solve_time_input_is_checked(input_sim, defaults, name, value):
    inputs = {n: defaults[n] for n in NAMES}
    inputs[name] = value
    with pytest.raises(ValueError, match=_message(name, value)):
        input_sim.solve([0, 3600], inputs=inputs)


DEGRADATION = {"dispersed material degradation": "activation and contact loss"}
INTERPHASE = {"interphase growth": "stability window"}


@pytest.mark.parametrize("set_name, name, value, options", [
    # 1.5 delivered 1.016 mAh from an S-LMS electrode that holds 0.821 mAh
    ("Li2021_S_Mo6S8", "Initial dispersed material accessible fraction", 1.5, DEGRADATION),
    ("Li2021_S_Mo6S8", "Maximum dispersed material accessible fraction", -0.5, DEGRADATION),
    # above the maximum (0.97) the pool not yet activated started negative and its "activation" took domains out
    # of reach (0.99 for one 0.1C cycle: the pool -0.0200 -> -0.0188, the accessible fraction 0.9844 with 0.0044
    # cut off)
    ("Li2021_S_Mo6S8", "Initial dispersed material accessible fraction", 0.99, DEGRADATION),
    # below 1 lithiation made the sulfur lighter: S-LMS shrank by 17.5 % on discharge instead of swelling by 23 %,
    # its pores stayed open and it delivered 0.789 mAh at 0.1C to 1 V instead of 0.663
    ("Li2021_S_Mo6S8", "Dispersed material lithiation mass ratio", 0.5, {}),
    ("Li2021_LTO_Mo6S8", "Dispersed material ideality factor", -0.3, {}),
    ("Li2021_S_Mo6S8", "Interphase ionic conductivity [S.m-1]", 0.0, INTERPHASE),  # was a bare ZeroDivisionError
    ("Li2021_S_Mo6S8", "Initial interphase thickness [m]", -1e-9, INTERPHASE),
    # PyBaMM's geometric parameters, as the current density's area: a negative height was IDA_ERR_FAIL
    ("Li2021_Mo6S8", "Electrode height [m]", -0.00886, {}),
    ("Li2021_Mo6S8", "Electrode width [m]", 0.0, {}),
    ("Li2021_Mo6S8", "Number of electrodes connected in parallel to make a cell", 0.0, {}),
])
def test_dispersed_interphase_and_area_parameters_are_checked(set_name, name, value, options):
    values = pybamm.ParameterValues(set_name)
    values[name] = value
    with pytest.raises(ValueError, match=_message(name, value)):
        pybamm.Simulation(pybamm_aea.AEA(options), parameter_values=values).solve([0, 60])
    values[name] = "[input]"  # and as an input at solve time
    with pytest.raises(ValueError, match=_message(name, value)):
        pybamm.Simulation(pybamm_aea.AEA(options), parameter_values=values).solve([0, 60], inputs={name: value})


@pytest.mark.parametrize("capacity", [0.0, 3000.0])
def test_dispersed_mass_ratio_and_capacity_are_checked_against_each_other(capacity):
    """S-LMS's specific capacity 0 or 3000 A.h/kg with its mass ratio 1.4375 ran (trial of session 41): the Li that
    entered no longer weighed what the material gained. Faraday, ratio = 1 + q M_Li / F within 2 %: refused naming
    both values and the ratio the capacity implies, as a number and as an input at solve time; the shipped sets
    (0.86 % and 0.06 % apart) and a capacity within 2 % (1700 A.h/kg) run."""
    from pybamm_aea.constants import F, M_LI

    ratio_name, name = "Dispersed material lithiation mass ratio", "Dispersed material specific capacity [A.h.kg-1]"
    said = re.escape(f"'{ratio_name}' = 1.4375 and '{name}' = {capacity!r} disagree: the capacity puts "
                     f"{capacity * 3600 * M_LI / F:.4g} kg of Li into each kg of the material, a mass ratio of "
                     f"{1 + capacity * 3600 * M_LI / F:.5g}; the mass ratio gains 0.4375 kg, a capacity of 1689.6 A.h/kg")
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    values[name] = capacity
    with pytest.raises(ValueError, match=said):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 60])
    values[name] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    with pytest.raises(ValueError, match=said):
        sim.solve([0, 60], inputs={name: capacity})
    assert sim.solve([0, 60], inputs={name: 1700.0})["Voltage [V]"].entries[-1] > 2
    for set_name in ("Li2021_S_Mo6S8", "Li2021_LTO_Mo6S8"):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues(set_name)).solve([0, 60])


def _refused_as_a_number_and_an_input(values, name, refused, taken, said):
    """``values`` with ``name`` = ``refused``: the multi-phase host refuses it when built (``said``, a pattern), the
    lever-rule host builds; with ``name`` an input, the multi-phase host's solve refuses ``refused`` and runs
    ``taken`` (to above 2 V after 10 s)."""
    values[name] = refused
    with pytest.raises(ValueError, match=said):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()
    pybamm.Simulation(pybamm_aea.AEA({"host thermodynamics": "lever rule"}), parameter_values=values).build()
    values[name] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    with pytest.raises(ValueError, match=said):
        sim.solve([0, 10], inputs={name: refused})
    assert sim.solve([0, 10], inputs={name: taken})["Voltage [V]"].entries[-1] > 2


def test_a_zero_gradient_energy_is_refused_where_the_host_has_a_spinodal():
    """Li2021_Mo6S8 with "Cathode gradient energy coefficient [V.m2]" 0 ran (trial TR, session 59): its flux was then
    Fickian with D = -B dU_h/dx, negative inside the Li0/Li1 loop (uphill diffusion, ill-posed), and the 0.1C
    discharge stopped after 71 s at 2.26 V with 0.0003 mA.h, labelled "Maximum voltage [V]". Now refused naming the
    value and where the host's OCP rises (x = 0.3765-0.8515, 200 mV), as a number and as an input at solve time; a
    small kappa (1e-18 V.m2) is taken, and kappa 0 stays legal on TiS2 (no spinodal), as a number and as an input,
    and on the lever-rule host (which reads no gradient energy)."""
    from pybamm_aea.thermodynamics import rising_stretch

    name = "Cathode gradient energy coefficient [V.m2]"
    said = re.escape(f"'{name}' = 0.0 is refused for this host: its free energy has a spinodal, its homogeneous OCP "
                     "'Cathode homogeneous OCP [V]' rising with Li content from x = 0.3765 to 0.8515 (by 200 mV)")
    _refused_as_a_number_and_an_input(pybamm.ParameterValues("Li2021_Mo6S8"), name, 0.0, 1e-18, said)
    tis2 = pybamm.ParameterValues("Li2021_TiS2")
    assert tis2[name] == 0.0
    pybamm.Simulation(pybamm_aea.AEA(), parameter_values=tis2).build()
    tis2[name] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=tis2)
    assert sim.solve([0, 10], inputs={name: 0.0})["Voltage [V]"].entries[-1] > 2
    # with the temperature an input the sampled OCP stays in the model (discretised, checked at solve time)
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Ambient temperature [K]"] = "[input]"
    assert pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve(
        [0, 10], inputs={"Ambient temperature [K]": 320.0})["Voltage [V]"].entries[-1] > 2
    values[name] = 0.0
    with pytest.raises(ValueError, match=said):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve(
            [0, 10], inputs={"Ambient temperature [K]": 320.0})
    # the sampling: a falling or flat OCP has none, a rising stretch is found with its ends
    x = np.linspace(0, 1, 11)
    assert rising_stretch(x, 3 - x) is None and rising_stretch(x, np.full(11, 2.0)) is None
    assert rising_stretch(x, 3 - x + 2 * np.clip(x - 0.4, 0, 0.3)) == pytest.approx((0.4, 0.7, 2.6, 2.9))


def test_the_spinodal_zoom_of_a_temperature_varying_in_time_is_kept_for_the_next_simulation(monkeypatch):
    """TiS2 with kappa 0 an input and the ambient temperature a function of time: the gradient-energy check zooms into
    U_h at each temperature the solve checks (101 zooms, 76-111 ms, in a solve of 11 output times). Until session 61
    the zooms were kept by the check node, which each new simulation of the set makes anew: the next simulation
    zoomed them all again. Now kept by U_h's expression (PyBaMM's id: its structure and numbers) and the samples
    (thermodynamics.kept_rising_stretch): the next simulation of the set zooms nowhere, and solves alike."""
    from pybamm_aea import thermodynamics

    zoomed = []
    rising_stretch = thermodynamics.rising_stretch
    def counted(x, U, resample=None):
        zoomed.append(resample is not None)
        return rising_stretch(x, U, resample)

    monkeypatch.setattr(thermodynamics, "rising_stretch", counted)
    monkeypatch.setattr(pybamm_aea.models.checks, "rising_stretch", counted, raising=False)  # (its name until then)
    name = "Cathode gradient energy coefficient [V.m2]"
    values = pybamm.ParameterValues("Li2021_TiS2")
    values.update({name: "[input]", "Ambient temperature [K]": lambda y, z, t: 298.15 + 10 * pybamm.sin(t / 100)})
    voltages = []
    for _ in range(2):
        zoomed.clear()
        sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
        voltages.append(sim.solve(np.linspace(0, 600, 11), inputs={name: 0.0})["Voltage [V]"].entries)
        if not voltages[1:]:
            assert zoomed.count(True) >= 11
    assert zoomed.count(True) == 0
    np.testing.assert_array_equal(voltages[0], voltages[1])


def _a_loop_between_two_samples(x, T):
    """A host's OCP falling 0.1 V per Li over Mo6S8's 0 .. 4 Li with a step up of 2 x 2.38e-5 V over ~1e-4 Li at
    x = 2, half way between two of the gradient-energy check's samples (1.9995 and 2.0005): dU/dx > 0 over
    1.9999-2.0001 only (2e-4 Li), where it rises by 0.016 mV, less than it falls over the rest of the interval."""
    return 2.6 - 0.1 * x + 2.38e-5 * pybamm.tanh((x - 2.0) / 1e-4)


def test_a_spinodal_narrower_than_the_sampling_is_refused_with_a_zero_gradient_energy():
    """A host OCP rising over 2e-4 Li between two of the check's 4000 samples (0.001 Li apart on 4 Li), by less than it
    falls over the rest of their interval, was taken with kappa 0 (session 59's check saw a rise between neighbouring
    samples only): the build ran and the solve failed at t = 0, "IDA_BAD_K". The check now zooms into each local
    maximum of the sampled slope: refused naming the stretch, 1.9999-2.0001, as a number, as an input, and with the
    temperature an input (the OCP kept in the model, zoomed into at solve time)."""
    from pybamm_aea.thermodynamics import li0_phase_parameters

    name, T = "Cathode gradient energy coefficient [V.m2]", "Ambient temperature [K]"
    said = re.escape(f"'{name}' = 0.0 is refused for this host: its free energy has a spinodal, its homogeneous OCP "
                     "'Cathode homogeneous OCP [V]' rising with Li content from x = 1.9999 to 2.0001 (by 0.01625 mV)")
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update(li0_phase_parameters(None))  # (an OCP without Mo6S8's Li0/Li1 region: no binodals to compare)
    values.update({"Cathode homogeneous OCP [V]": _a_loop_between_two_samples, name: 0.0})
    with pytest.raises(ValueError, match=said):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()
    for given, inputs in ((name, {name: 0.0}), (T, {T: 320.0})):
        values.update({name: 0.0, given: "[input]"})
        with pytest.raises(ValueError, match=said):
            pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 10], inputs=inputs)


def test_the_zoom_finds_a_loop_barely_open():
    """:func:`pybamm_aea.thermodynamics.rising_stretch` on Mo6S8's 4000 samples of 0 .. 4 Li: a slope of -2 V per Li
    with a peak 0.01 Li wide that tops 0 by 2e-4 V per Li (a loop barely open) rises over 2e-4 Li by 2.7e-8 V, less
    than it falls over a sample interval: the samples alone do not see it, the zoom finds it (to 1e-7 Li, from one
    more reading of the OCP); an OCP that falls everywhere is read again once a round at most."""
    from scipy.special import erf

    from pybamm_aea.thermodynamics import ZOOM_ROUNDS, rising_stretch

    x = (np.arange(4000) + 0.5) / 1000

    def barely_open(x):
        return 3.0 - 2.0 * x + 2.0 * np.exp(1e-4) * 0.01 * np.sqrt(np.pi) / 2 * erf((x - 1.23456) / 0.01)

    reads = []

    def read(at):
        reads.append(at.size)
        return barely_open(at)

    assert rising_stretch(x, barely_open(x)) is None
    found = rising_stretch(x, barely_open(x), read)
    assert (found.x_lo, found.x_hi, found.rise) == pytest.approx((1.23446, 1.23466, 2.667e-8), abs=1e-7, rel=1e-3)
    assert len(reads) == 1
    reads.clear()
    assert rising_stretch(x, 3 - 2 * x + 0.01 * np.sin(x), read) is None and len(reads) <= ZOOM_ROUNDS


def test_binodals_off_the_free_energys_common_tangent_are_refused():
    """Li2021_Mo6S8 with "Li1 phase binodal Li content" 0.5 (its free energy's 0.97) ran without a word (trial TR,
    session 59): the Li0 layer, the Li0 mobility factor's window and the switch checks read it while the OCP kept
    its region at 0.02-0.97. Now refused naming both binodals and the OCP there (2.3000 and 2.2573 V, mean 2.2641 V),
    as a number and as an input at solve time; 0.96 (20 mV off) too; within 1 mV (0.9695) and the set's pair run, and
    a host without a Li0 region (TiS2, Li1 at -1) is not compared."""
    name = "Li1 phase binodal Li content"
    said = re.escape("'Li0 phase binodal Li content' = 0.02 and 'Li1 phase binodal Li content' = 0.5 are not the "
                     "common tangent of the host's free energy: its homogeneous OCP 'Cathode homogeneous OCP [V]' is "
                     "2.3000 V at the one and 2.2573 V at the other, and averages 2.2641 V between them")
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values[name] = 0.5
    with pytest.raises(ValueError, match=said):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()
    values[name] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    with pytest.raises(ValueError, match=said):
        sim.solve([0, 10], inputs={name: 0.5})
    with pytest.raises(ValueError, match=re.escape("is 2.3000 V at the one and 2.3198 V at the other")):
        sim.solve([0, 10], inputs={name: 0.96})
    for x_li1 in (0.97, 0.9695):
        assert sim.solve([0, 10], inputs={name: x_li1})["Voltage [V]"].entries[-1] > 2
    tis2 = pybamm.ParameterValues("Li2021_TiS2")
    assert tis2[name] == -1.0
    pybamm.Simulation(pybamm_aea.AEA(), parameter_values=tis2).build()


@pytest.mark.parametrize("name, given, value, factor", [("Li1 phase binodal Li content", "x1", 0.5, 1.0),
                                                        ("Li0 phase binodal Li content", "x0", 0.3, 1.0),
                                                        ("Li0 phase binodal Li content", "x0", 0.3, 2.0)])
def test_a_binodal_given_as_an_input_of_another_name_is_compared(name, given, value, factor):
    """Li2021_Mo6S8 with "Li1 phase binodal Li content" given as ``pybamm.InputParameter("x1")`` solved at x1 = 0.5
    without a word (session 59's solve-time comparison read the binodals' own names only: the model reads them in its
    output variables, which the solve-time checks do not walk); so did Li0 as "x0" = 0.3. Now refused naming the
    input; the set's value runs. With a Li0 mobility factor (2) the model reads them in its equations, where the
    refusal did not name an input the check's bound read (Li0's)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    taken = values[name]
    values.update({name: pybamm.InputParameter(given), "Li0 film Li diffusivity factor": factor})
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    with pytest.raises(ValueError, match=r"are not the common tangent of the host's free energy: .*"
                                         + re.escape(f"; from the input {given!r} = {value!r}") + "$"):
        sim.solve([0, 10], inputs={given: value})
    assert sim.solve([0, 10], inputs={given: taken})["Voltage [V]"].entries[-1] > 2


def test_a_maximum_li_content_other_than_the_free_energys_is_refused_on_the_multi_phase_host():
    """Li2021_Mo6S8 with "Cathode maximum Li content" 2 ran on the multi-phase host, whose free energy keeps 0..4: Li
    went on to x = 3.98 (0.15095 mA.h against a 'Cathode capacity' of 0.07585; trial TR, session 59); TiS2 with 0.5
    stopped at 0.5 on "Cathode lattice gas full at its surface", a lattice gas half full. Now both refused naming the
    value, the free energy's function and its window, as a number and as an input; the lever-rule host (whose events
    end a step at the maximum) still takes it, and the sets' own maxima build."""
    name = "Cathode maximum Li content"
    for set_name, x_max, window, function in (("Li2021_Mo6S8", 2.0, 4, "mo6s8_homogeneous_ocp"),
                                              ("Li2021_TiS2", 0.5, 1, "tis2_ocp")):
        said = re.escape(f"'{name}' = {x_max!r} is not the multi-phase host's: its free energy ('Cathode homogeneous "
                         f"OCP [V]' = {function}) fixes the host's window at 0 .. {window} Li per formula unit")
        values = pybamm.ParameterValues(set_name)
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()
        _refused_as_a_number_and_an_input(values, name, x_max, float(window), said)


def test_a_dispersed_material_left_out_by_its_mass_fraction_is_not_weighed():
    """LMS (mass fraction 0, with S8's entries) given a dispersed specific capacity of 0 to switch the material off
    was refused by the Faraday check (session 42): "'Dispersed material lithiation mass ratio' = 1.4375 and
    'Dispersed material specific capacity [A.h.kg-1]' = 0.0 disagree: ... give the two of one material", though
    without the material the two enter nothing. It now runs as LMS does; with the fraction an input, a fraction of 0
    runs and 0.1 is refused at solve time; on S-LMS (0.325) a capacity of 0 is refused, the error naming the mass
    fraction as what leaves the material out."""
    name, fraction = "Dispersed material specific capacity [A.h.kg-1]", "Dispersed material mass fraction"
    lms = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8")).solve([0, 600])
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values[name] = 0.0
    off = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 600])
    np.testing.assert_allclose(off["Voltage [V]"].entries, lms["Voltage [V]"].entries, rtol=1e-9)
    leave_out = re.escape(f"give the two of one material; to leave the dispersed material out, set '{fraction}' to 0 "
                          "(then these two enter nothing and are not compared)")
    values[fraction] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    assert sim.solve([0, 600], inputs={fraction: 0.0})["Voltage [V]"].entries[-1] == pytest.approx(
        lms["Voltage [V]"].entries[-1], rel=1e-9)
    with pytest.raises(ValueError, match=re.escape(f"'{name}' = 0.0 disagree: ") + ".*" + leave_out):
        sim.solve([0, 600], inputs={fraction: 0.1})
    s_lms = pybamm.ParameterValues("Li2021_S_Mo6S8")
    s_lms[name] = 0.0
    with pytest.raises(ValueError, match=re.escape(f"'{name}' = 0.0 disagree: ") + ".*" + leave_out):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=s_lms).solve([0, 60])


def test_the_faraday_mass_check_weighs_li_with_the_projects_constants():
    """The check weighs the Li a capacity takes with Li's standard atomic weight over the mA.h of a mole of
    electrons (:data:`pybamm_aea.constants.MAH_PER_MOL`; it formed 3600 M_Li / F itself): S8's mass ratio 1.4375 is
    a capacity of 0.4375 x 26801.5 / 6.94 = 1689.6 A.h/kg, and the check's edge lies at 2 % of the Li taken (a
    Li weight typed 6.941, the pre-2009 value, moves it by 0.014 %)."""
    from pybamm_aea.constants import MAH_PER_MOL, STANDARD_ATOMIC_WEIGHTS
    from pybamm_aea.models.checks import FARADAY_MASS_TOLERANCE, check_lithiation_mass

    capacity, per_capacity = 1000.0, STANDARD_ATOMIC_WEIGHTS["Li"] / MAH_PER_MOL
    check_lithiation_mass(1 + capacity * per_capacity * (1 - 0.995 * FARADAY_MASS_TOLERANCE), capacity)
    check_lithiation_mass(1 + capacity * per_capacity / (1 - 0.995 * FARADAY_MASS_TOLERANCE), capacity)
    for off in (1 - 1.005 * FARADAY_MASS_TOLERANCE, 1 / (1 - 1.005 * FARADAY_MASS_TOLERANCE)):
        with pytest.raises(ValueError, match="disagree"):
            check_lithiation_mass(1 + capacity * per_capacity * off, capacity)
    with pytest.raises(ValueError, match=re.escape(f"a capacity of {0.4375 / per_capacity:.5g} A.h/kg")):
        check_lithiation_mass(1.4375, 3000.0)
    assert f"{0.4375 / per_capacity:.5g}" == "1689.6"


@pytest.mark.parametrize("cells", [2, 1, 20.0])
def test_a_cathode_mesh_of_too_few_cells_is_named(cells):
    """var_pts of 2 cells across the cathode was an IndexError from PyBaMM's boundary extrapolation (and 20.0 a
    TypeError from numpy): a ValueError naming the value and the fewest cells (3) the model takes; 3 cells solve."""
    from pybamm_aea.models.submodels import xi

    model = pybamm_aea.AEA()
    said = f"var_pts: {cells!r} cells for {xi.name!r} across the cathode; the AEA model needs an integer >= 3"
    with pytest.raises(ValueError, match=re.escape(said)):
        pybamm.Simulation(model, var_pts={xi: cells}).solve([0, 60])
    assert pybamm.Simulation(pybamm_aea.AEA(), var_pts={xi: 3}).solve([0, 60])["Voltage [V]"].entries[-1] > 1


@pytest.mark.parametrize("set_name", ["Li2021_Mo6S8", "AEA_NMC532"])
def test_dispersed_material_degradation_on_a_single_host_is_named(set_name):
    """"dispersed material degradation" on a set without a dispersed material (mass fraction 0: LMS, LTS, the
    materials' sets) was a bare ZeroDivisionError from PyBaMM's parameter processing (the isolated domains' share of
    the dispersed Li sites); it is a ValueError saying what the option needs. On a hybrid, and with the fraction as
    an input, it runs; a fraction of 0 given as an input is refused at solve time."""
    option = {"dispersed material degradation": "activation and contact loss"}
    said = re.escape("'Dispersed material Li sites [mol.m-3]' = 0.0 is outside its physical range (0, inf) (the "
                     "option \"dispersed material degradation\" needs a dispersed material")
    with pytest.raises(ValueError, match=said):
        pybamm.Simulation(pybamm_aea.AEA(option), parameter_values=pybamm.ParameterValues(set_name)).solve([0, 60])
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    share = "Isolated dispersed material lithiated share"
    given = pybamm.Simulation(pybamm_aea.AEA(option), parameter_values=values).solve([0, 600])[share].entries[-1]
    fraction = values["Dispersed material mass fraction"]
    values["Dispersed material mass fraction"] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(option), parameter_values=values)
    solution = sim.solve([0, 600], inputs={"Dispersed material mass fraction": fraction})
    # (the solver's rtol 1e-4 on a share of 6e-8: the two solves differ by 3.1e-3 on session 60's processor, by less
    # than 1e-3 on sessions 45-59's; a fraction the input leaves unread gives 0 or a factor apart)
    assert solution[share].entries[-1] == pytest.approx(given, rel=1e-2) and given > 0
    with pytest.raises(ValueError, match=said):
        sim.solve([0, 60], inputs={"Dispersed material mass fraction": 0.0})


def test_valid_inputs_solve_and_batched_lists_name_the_bad_set(input_sim, defaults):
    good = {n: defaults[n] for n in NAMES}
    sol = input_sim.solve([0, 36000], inputs=good)
    assert sol["Voltage [V]"].entries[-1] == pytest.approx(defaults["Lower voltage cut-off [V]"], abs=1e-3)
    bad = dict(good, **{"Cathode porosity": 1.2})
    with pytest.raises(ValueError, match=re.escape("input set 1: 'Cathode porosity' = 1.2")):
        input_sim.solve([0, 3600], inputs=[good, bad])


def _porosity_input_refused(value, said):
    """Solve the LMS cell with the porosity an input given as ``value``: refused with ``said`` for a plain solve, the
    second set of a batch and an experiment's steps; the experiment's simulation is returned."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Cathode porosity"] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    with pytest.raises(ValueError, match=said):
        sim.solve([0, 60], inputs={"Cathode porosity": value})
    with pytest.raises(ValueError, match="input set 1: " + said):
        sim.solve([0, 60], inputs=[{"Cathode porosity": 0.11}, {"Cathode porosity": value}])
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                            experiment=pybamm.Experiment(["Discharge at 1C for 1 minute"]))
    with pytest.raises(ValueError, match=said):
        sim.solve(inputs={"Cathode porosity": value})
    return sim


@pytest.mark.parametrize("value", ["0.1", None, 0.1j, [0.1], (0.1,), np.array(["0.1"]), np.array(0.1)])
def test_an_input_that_is_not_a_real_number_or_array_is_named(value):
    """An input given as a string, None, a complex number, a 0-d array or a list was an AttributeError or an
    IndexError from deep inside PyBaMM's evaluation ('str' object has no attribute 'shape'; a list: PyBaMM splits
    it into "NAME (0)" and says no value was given): a ValueError naming the input and its value, for a plain
    solve, each set of a batch and an experiment's steps."""
    said = re.escape(f"input 'Cathode porosity' must be a real number or a numpy array of them, got {value!r}")
    sim = _porosity_input_refused(value, said)
    # numbers and numpy arrays of numbers of every kind still solve (a column too, which PyBaMM takes), and a key the
    # model does not read is warned about as before, its value not checked
    for good in (0.11, np.float32(0.11), np.float64(0.11), np.array([0.11]), np.array([[0.11]])):
        assert sim.solve(inputs={"Cathode porosity": good})["Voltage [V]"].entries[-1] > 1.8
    with pytest.warns(UserWarning, match="input 'label' is not an input parameter"):
        assert sim.solve(inputs={"Cathode porosity": 0.11, "label": "run1"})["Voltage [V]"].entries[-1] > 1.8


@pytest.mark.parametrize("value", [True, False, np.True_, np.False_, np.array([True])])
def test_a_bool_input_is_refused_as_not_a_number(value):
    """inputs={"Cathode porosity": False} solved as a porosity of 0 without a word, and True as 1 (refused by its
    range only as "= 1.0", a value the user never wrote); numpy.True_ was PyBaMM's bare "IndexError: tuple index out
    of range". PyBaMM's own models read a bool input as 1 or 0. Refused before the solve, naming the input, its
    value and that a truth value is no number, for a solve, a batch and an experiment's steps."""
    said = re.escape(f"input 'Cathode porosity' must be a real number or a numpy array of them, got {value!r}, a "
                     "truth value, not a number")
    _porosity_input_refused(value, said)


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_a_non_finite_temperature_input_is_named_as_itself(value):
    """inputs={"Ambient temperature [K]": nan} was refused as "'Cathode homogeneous OCP [V]' = nan is outside its
    physical range [0, 6] ...; from the input 'Ambient temperature [K]' = nan": the OCP the NaN ran into, checked
    before the temperature's own range. An input with a range of its own is now checked first, by its name."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Ambient temperature [K]"] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    with pytest.raises(ValueError, match=re.escape(f"'Ambient temperature [K]' = {value!r} is outside its physical "
                                                   "range [200, 453.65]")):
        sim.solve([0, 60], inputs={"Ambient temperature [K]": value})


@pytest.mark.parametrize("value, kind", [(np.True_, "a truth value, not a number"), ("1e-4", "a str"),
                                         (np.array(1e-4), "a numpy array of 0 dimensions")])
def test_a_step_value_input_of_a_refused_type_is_named(value, kind):
    """pybamm.step.current(pybamm.InputParameter("I")) run with inputs={"I": numpy.True_}, "1e-4" or numpy.array(1e-4):
    the check of the step's value evaluated it with PyBaMM, whose bare "IndexError: tuple index out of range" (or
    "'str' object has no attribute 'shape'") came out naming nothing. Now the input is refused by name, with its
    value and the step, before any step runs; the number itself runs."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
        [pybamm.step.current(pybamm.InputParameter("I"), duration=60)]))
    with pytest.raises(ValueError, match=re.escape(f"input 'I' must be a real number or a numpy array of them, got "
                                                   f"{value!r}, {kind}") + ".*" + re.escape(
                                                       "the value of the experiment's step 1 (Current(I, duration=60))")):
        sim.solve(inputs={"I": value})
    assert sim.solve(inputs={"I": 1e-4})["Current [A]"].entries[-1] == pytest.approx(1e-4)


def test_a_zero_d_array_input_is_refused_saying_why():
    """numpy.array(343.15) as an input was refused as "must be a real number or a numpy array of them, got
    array(343.15), a numpy.ndarray", which it is: the message says it has no dimension (PyBaMM's solver sizes an
    input by its length, an IndexError from inside on a 0-d array) and what to give."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Ambient temperature [K]"] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    with pytest.raises(ValueError, match=re.escape("got array(343.15), a numpy array of 0 dimensions") + ".*"
                       + re.escape("give float(value) or numpy.array([value])")):
        sim.solve([0, 60], inputs={"Ambient temperature [K]": np.array(343.15)})


def _series():
    """Two minutes of a 1 mA discharge: a time series cycle_summary takes."""
    t = np.linspace(0.0, 120.0, 13)
    return {"Time [s]": t, "Current [A]": np.full(t.size, 1e-3), "Voltage [V]": np.linspace(2.2, 2.0, t.size)}


def _screened(**kwargs):
    """The utilisation of one screened point of Li2021_TiS2 (1C, 1.5 mg/cm2 unless given)."""
    kwargs = {"c_rates": 1.0, "loadings": 1.5, **kwargs}
    return float(pybamm_aea.screen(["Li2021_TiS2"], **kwargs)["utilisation"].iloc[0])


#: the package's own entry points of a number: (call, a value it takes, the argument's name in its error)
NUMBER_ENTRY_POINTS = [
    (lambda z: _screened(c_rates=z), 1.0, "c_rates"),
    (lambda z: _screened(loadings=None, thicknesses=z), 5.0, "thicknesses"),
    (lambda z: _screened(temperature=z), 343.15, "temperature"),
    (lambda z: _screened(threshold=z), 0.8, "threshold"),
    (lambda z: composite_parameter_values("LiFePO4", z)[0]["Nominal cell capacity [A.h]"], 3.0,
     "active_loading_mg_cm2"),
    (lambda z: composite_parameter_values("LiFePO4", 3.0, temperature_K=z)[0]["Ambient temperature [K]"], 343.15,
     "temperature_K"),
    (lambda z: cycle_summary(_series(), mass_g=z, series_voltage="vs Li").iloc[0].to_json(), 1e-3, "mass_g"),
    (lambda z: cycle_summary(_series(), rest_tol=z, series_voltage="vs Li").iloc[0].to_json(), 1e-9, "rest_tol"),
    (lambda z: expand_grid({"C-rate": z}), 1.0, "grid entry 'C-rate'"),
    (lambda z: expand_grid({"C-rate": [z, 2.0]}), 1.0, "grid entry 'C-rate'"),
    (lambda z: pybamm_aea.energy.Electrode({"LiFePO4": 1.0}, porosity=z).porosity, 0.1, "porosity"),
    (lambda z: pybamm_aea.energy.Electrode({"LiFePO4": 1.0}, porosity=0.1).energy_density(z), 3.4, "voltage"),
    (lambda z: pybamm_aea.energy.Electrode.at_pressure(SLMS_COMPOSITION, z, "S-LMS").porosity, 360.0,
     "pressure_MPa"),
    (lambda z: _material_porosity(z), 0.2, "'porosity'"),
]


def _material_porosity(z):
    """The cathode porosity the parameter values of TiS2 given ``porosity=z`` hold (as given: a float)."""
    import dataclasses

    from pybamm_aea.materials import get_material

    value = dataclasses.replace(get_material("TiS2"), porosity=z).parameter_values()["Cathode porosity"]
    assert not isinstance(value, np.ndarray), value
    return value


@pytest.mark.parametrize("call, value, name", NUMBER_ENTRY_POINTS)
def test_a_zero_d_array_is_the_number_it_holds_at_the_packages_own_entry_points(call, value, name):
    """numpy.array(343.15), which PyBaMM's own solution gives (sol["X-averaged cell temperature [K]"](t=...)), was
    refused at every entry point of a number with "a numpy array of 0 dimensions, taken as no number (PyBaMM's
    solver cannot take one as an input): give float(value)", false there: none of these hands it to the solver
    (screen(temperature=...) took it before, energy.porosity("S-LMS", numpy.array(100.0)) still did). It is the
    number it holds (user_input.as_number), with the same result as the float."""
    assert call(np.array(value)) == call(value)


@pytest.mark.parametrize("z, why", [(np.array(True), "a truth value, not a number"),
                                    (np.array("1.0"), "a numpy array of 0 dimensions of <U3, not a number")])
@pytest.mark.parametrize("call, value, name", NUMBER_ENTRY_POINTS + [
    (lambda z: cycle_summary(_series(), volume_L=z, series_voltage="vs Li"), 1e-3, "volume_L"),
    (lambda z: pybamm_aea.sweep({"C-rate": [1.0]}, parameter_set="Li2021_Mo6S8", reference_c_rate=z), 1.0,
     "reference_c_rate"),
    (lambda z: pybamm_aea.sweep({"C-rate": z}, parameter_set="Li2021_Mo6S8"), 1.0, "grid entry 'C-rate'"),
])
def test_a_zero_d_array_of_a_truth_value_or_text_is_refused_everywhere(call, value, name, z, why):
    """numpy.array(True) and numpy.array("1.0") are no numbers (float() reads them as 1.0): refused at every entry
    point, naming the argument and why."""
    with pytest.raises(ValueError, match=re.escape(name) + ".*" + re.escape(repr(z)) + ".*" + re.escape(why)):
        call(z)


def test_a_value_of_a_pybamm_solution_is_a_number_to_the_package_and_refused_as_an_input():
    """PyBaMM's solution gives a value at a time as a numpy array of 0 dimensions: screen and an energy Electrode
    take it as its number; as a solve-time input it is refused, as PyBaMM's solver sizes an input by its shape[0]
    (an IndexError from inside it)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    sol = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 60])
    T, V = sol["X-averaged cell temperature [K]"](t=30.0), sol["Voltage [V]"](t=30.0)
    assert isinstance(T, np.ndarray) and T.shape == () and V.shape == ()
    assert _screened(temperature=T) == _screened(temperature=float(T))
    electrode = pybamm_aea.energy.Electrode({"Mo6S8": 1.0}, porosity=0.1)
    assert electrode.energy_density(V) == electrode.energy_density(float(V))
    values["Ambient temperature [K]"] = "[input]"
    with pytest.raises(ValueError, match=re.escape(f"input 'Ambient temperature [K]' must be a real number or a "
                                                   f"numpy array of them, got {T!r}, a numpy array of 0 dimensions "
                                                   "(PyBaMM's solver cannot take one as an input): give float(value) "
                                                   "or numpy.array([value])")):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 60], inputs={
            "Ambient temperature [K]": T})


def test_a_casadi_dm_input_is_refused_naming_its_type():
    """inputs={"Cathode porosity": casadi.DM(0.1)}: PyBaMM 26.10 solves with it, then fails to read any variable
    of the solution ("unsupported operand type(s) for +: 'int' and 'method'": its Solution sums the inputs'
    ``size``, a method of a DM), for a solve and an experiment alike (measured on PyBaMM's SPM and the AEA model):
    refused before the solve, naming the input, its value and its type. The number it holds solves."""
    import casadi

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Cathode porosity"] = "[input]"
    said = re.escape("input 'Cathode porosity' must be a real number or a numpy array of them, got DM(0.1), a "
                     "casadi.DM")
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    with pytest.raises(ValueError, match=said):
        sim.solve([0, 60], inputs={"Cathode porosity": casadi.DM(0.1)})
    experiment = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                                   experiment=pybamm.Experiment(["Discharge at 1C for 1 minute"]))
    with pytest.raises(ValueError, match=said):
        experiment.solve(inputs={"Cathode porosity": casadi.DM(0.1)})
    assert sim.solve([0, 60], inputs={"Cathode porosity": float(casadi.DM(0.1))})["Voltage [V]"].entries[-1] > 1.8


def test_an_input_not_given_to_an_experiment_is_not_retried_as_a_failed_step():
    """An experiment on a model with an input not given in ``inputs``: PyBaMM's "No value provided for input" before
    IDA integrates anything. The default solver's retry of a failed step (StepRetriedWarning, "IDA failed on a
    step ... solved again") set up a second solver for it and warned of an IDA failure that never happened; the
    error now stands at once."""
    from pybamm_aea.models.solvers import StepRetriedWarning

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode porosity": "[input]", "Cathode loading [kg.m-2]": "[input]"})
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                            experiment=pybamm.Experiment(["Discharge at 1C for 1 minute"]))
    with warnings.catch_warnings():
        warnings.simplefilter("error", StepRetriedWarning)
        with pytest.raises(pybamm.SolverError, match=re.escape("No value provided for input: ['Cathode loading")):
            sim.solve(inputs={"Cathode porosity": 0.11})

def test_experiment_steps_check_inputs(defaults):
    # with an experiment, pybamm.Simulation calls the solver's step() for each step
    values = defaults.copy()
    values.update({"Ambient temperature [K]": pybamm.InputParameter("T")})  # any input name: checked by meaning
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                            experiment=pybamm.Experiment(["Discharge at 1C for 1 minute"]))
    assert sim.solve(inputs={"T": 343.15}).termination
    with pytest.raises(ValueError, match=_message("Ambient temperature [K]", 1.0)):
        sim.solve(inputs={"T": 1.0})


def test_batch_study_checks_inputs(defaults):
    values = defaults.copy()
    values.update({"Cathode Bruggeman coefficient": "[input]"})
    study = pybamm.BatchStudy({"AEA": pybamm_aea.AEA()}, parameter_values={"LMS": values})
    with pytest.raises(ValueError, match=_message("Cathode Bruggeman coefficient", -3.0)):
        study.solve([0, 3600], inputs={"Cathode Bruggeman coefficient": -3.0})


@pytest.mark.parametrize("name, value", [  # the bare ZeroDivisionErrors and the NaN voltages, and two more
    ("Ambient temperature [K]", 1.0), ("Nominal cell capacity [A.h]", 0.0), ("Initial cathode Li content", 5.0),
    ("Li-In anode indium amount [mol.m-2]", 0.0), ("Cathode Bruggeman coefficient", -3.0),
    ("Nominal cell capacity [A.h]", -1e-4), ("Lower voltage cut-off [V]", -1.0),
    ("Lower voltage cut-off [V]", 3.0), ("Upper voltage cut-off [V]", 7.0),
    # PyBaMM reads a NaN number as no value: "Parameter 'Cathode porosity' not found" (session 26)
    ("Cathode porosity", math.nan), ("Lower voltage cut-off [V]", math.nan), ("Current function [A]", math.nan),
    ("Li-In anode indium amount [mol.m-2]", math.nan), ("Cathode maximum Li content", math.nan)])
def test_parameter_value_is_checked_at_processing(defaults, name, value):
    values = defaults.copy()
    values[name] = value
    with pytest.raises(ValueError, match=_message(name, value)):
        values.process_model(pybamm_aea.AEA(OPTIONS))


def test_li0_region_is_checked_against_the_li1_binodal(defaults):
    """A Li0 binodal past the Li1 window's start (0.97) turns the Li0/Li1 region over: named as a
    value and as an input at solve time, where it enters the model's equations (host loss on) and
    where it shapes only the reported Li0 layer (host loss off: checked by name, with its bound
    when that is an input too)."""
    name, value = "Li0 phase binodal Li content", 0.98
    options = {**OPTIONS, "ionic-switch host loss": "persistent Li0"}
    values = defaults.copy()
    values[name] = value
    with pytest.raises(ValueError, match=_message(name, value) + r" \(-inf, 'Li1 phase binodal Li content' = 0.97\)"):
        values.process_model(pybamm_aea.AEA(options))
    values[name] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(options), parameter_values=values)
    with pytest.raises(ValueError, match=_message(name, value)):
        sim.solve([0, 3600], inputs={name: value})
    values["Li1 phase binodal Li content"] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(OPTIONS), parameter_values=values)
    with pytest.raises(ValueError, match=_message(name, value)):
        sim.solve([0, 3600], inputs={name: value, "Li1 phase binodal Li content": 0.97})


@pytest.mark.slow
def test_sweep_reports_each_bad_value_on_its_row(defaults):
    cases = [("Ambient temperature [K]", -50.0), ("Ambient temperature [K]", 1.0),
             ("Cathode Bruggeman coefficient", -3.0), ("Separator layer 1 thickness [m]", -1e-4),
             ("Cathode host density [kg.m-3]", -5060.0), ("Initial cathode Li content", 5.0),
             ("Li-In anode indium amount [mol.m-2]", 0.0)]
    base = {n: defaults[n] for n, _ in cases}
    sample = [base] + [dict(base, **{n: v}) for n, v in cases]
    # (the set's cut-offs moved to Li-In by the sweep itself; as row columns they are swept cut-offs, refused with an
    # experiment of the user's since session 57: its steps end at their own voltages)
    experiment = f"Discharge at 0.1C until {defaults['Lower voltage cut-off [V]']} V"
    df = pybamm_aea.sweep(sample, parameter_set="Li2021_Mo6S8", experiment=experiment, options=OPTIONS, workers=1)
    assert df["error"].iloc[0] is None and df["Electrode specific capacity [mA.h.g-1]"].iloc[0] > 0
    for (name, value), err in zip(cases, df["error"].iloc[1:]):
        assert err is not None and f"'{name}' = {value!r}" in err, (name, err)
    assert df.attrs["failed"] == len(cases)
    for name in ("C-rate", "Cathode thickness [um]"):  # sweep inputs that are not model parameters
        df = pybamm_aea.sweep({name: [-1.0]}, parameter_set="Li2021_Mo6S8", workers=1)
        assert f"'{name}' = -1.0 is outside its physical range" in df["error"].iloc[0]


LOADING = "Cathode loading [kg.m-2]"
#: what a loading typed in mg/cm2 (the paper's 13.91 mg/cm2 electrode) into the kg/m2 parameter is told
#: the loading range's reason, both ends (the thinnest since session 52)
LOADING_WHY = ("at most 300 mg/cm2: a dense electrode of about 5 g/cm3 (Mo6S8, LiCoO2) 600 um thick, the thickest "
               "all-solid-state cathode reported, and at least 0.02 mg/cm2: 0.1 um (one layer of the particles a dense "
               "cathode is pressed from) at 2 g/cm3, the lightest solid's (S8, 1.96 g/cm3)")
LOADING_SLIP = (f"'Cathode loading [kg.m-2]' = 13.91 is outside its physical range [0.0002, 3] ({LOADING_WHY}) (13.91 "
                "kg/m2 = 1391 mg/cm2); did you give mg/cm2? 13.91 mg/cm2 = 0.1391 kg/m2")


def _loading_as_value():
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values[LOADING] = 13.91
    pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 60])


def _loading_as_input():
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values[LOADING] = "[input]"
    pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 60], inputs={LOADING: 13.91})


def _cli(argv):
    """The usage error of the command line for ``argv``."""
    import contextlib
    import io

    from pybamm_aea.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(SystemExit):
        main(argv)
    raise ValueError(err.getvalue())


def _sweep_thickness():
    from pybamm_aea.sweep.config import build_config, derive_inputs

    point = {"Cathode thickness [um]": 3000.0}
    derive_inputs(build_config(list(point), [point], "Li2021_Mo6S8", None, None, None, 0.1), point)


@pytest.mark.parametrize("call, said", [
    (_loading_as_value, LOADING_SLIP),
    (_loading_as_input, LOADING_SLIP),
    (lambda: _cli(["simulate", "--set", f"{LOADING}=13.91", "--output", "x.csv"]), "argument --set: " + LOADING_SLIP),
    (lambda: _cli(["sweep", "--parameter-set", "Li2021_Mo6S8", "--grid", f"{LOADING}=0.1391,13.91"]),
     "argument --grid: " + LOADING_SLIP),
    # a sweep's thickness: said in the user's unit (the entry points in mg/cm2 or um: the test below)
    (_sweep_thickness, "'Cathode thickness [um]' = 3000.0 gives 'Cathode loading [kg.m-2]' = 13.5"),
])
def test_a_loading_typed_in_mg_per_cm2_is_named_at_every_entry_point(call, said):
    """The paper's 13.91 mg/cm2 typed into "Cathode loading [kg.m-2]" was taken as 13.91 kg/m2 (1391 mg/cm2, a 3.1
    mm electrode) and solved: the range had no upper end. Now at most 300 mg/cm2 (Kato et al. 2018's 600 um
    cathode, dense), said with the conversion, as a parameter value, an input at solve time, on the command line
    and in a sweep's grid; a sweep's thickness is said in what the user gave."""
    with pytest.raises(ValueError, match=re.escape(said)):
        call()


def test_the_papers_loadings_and_the_thickest_electrode_are_in_range():
    from pybamm_aea.parameters import Li2021_Mo6S8, paper_cell

    # the sets' loadings, the paper's 1.5 and 13.91 mg/cm2 (read from them: a set's loading written in another unit
    # fails here), and the upper end itself
    for kg_m2 in (paper_cell.STANDARD_LOADING, Li2021_Mo6S8.HIGH_LOADING, 3.0):
        check_value(LOADING, kg_m2)
    with pytest.raises(ValueError, match=re.escape("did you give mg/cm2? 3.01 mg/cm2 = 0.0301 kg/m2")):
        check_value(LOADING, 3.01)
    with pytest.raises(ValueError, match=re.escape(f"[0.0002, 3] ({LOADING_WHY})") + "$"):
        check_value(LOADING, 400.0)  # (400 mg/cm2 is out of range too: no unit to suggest)
    # just above the end: the conversion does not round the value back into range ("3 kg/m2 = 300 mg/cm2")
    with pytest.raises(ValueError, match=re.escape("(3.0000001 kg/m2 = 300.00001 mg/cm2); did you give mg/cm2?")):
        check_value(LOADING, 3.0000001)


def _temperature_as_input(value):
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Ambient temperature [K]"] = pybamm.InputParameter("T")
    pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 60], inputs={"T": value})


def _layer_as_value(name, value):
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values[name] = value
    pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 60])


#: the range of a layer's thickness as said for the paper's cell (its electrode width, 8.86 mm)
_LAYER = ("is outside its physical range [0, 'Electrode width [m]' = 0.00886002] (a layer of the cell, thinner than "
          "the cell is wide; in m: 640 um is 0.00064 m)")


@pytest.mark.parametrize("call, said", [
    # the paper's 70 C typed as K: refused (below 200 K) naming the range only, now with the conversion
    (lambda: check_value("Ambient temperature [K]", 70.0),
     "'Ambient temperature [K]' = 70.0 is outside its physical range [200, 453.65] (200 K to the melting point of "
     "Li, 453.65 K) (70 K = -203.15 degrees C); did you give degrees C? 70 degrees C = 343.15 K"),
    (lambda: check_value("Reference temperature [K]", -20.0), "did you give degrees C? -20 degrees C = 253.15 K"),
    (lambda: _temperature_as_input(25.0), "did you give degrees C? 25 degrees C = 298.15 K; from the input 'T' = 25.0"),
    # a separator layer's (or a film's) thickness in um or mm typed as m: a layer metres thick ran (640 m: "a smaller
    # current or a lower loading lets the cell start"; 0.64 m: a 0.1C discharge to 1.8 V as if right)
    # (a separator's range is its own since session 60, 1-2000 um: test_a_separator_layer_1000x_thin_is_refused)
    (lambda: _layer_as_value("Separator layer 1 thickness [m]", 640.0), "'Separator layer 1 thickness [m]' = 640.0 "
     "is outside its physical range [1e-06, 0.002]"),
    (lambda: _layer_as_value("Separator layer 2 thickness [m]", 0.34), "did you give mm? 0.34 mm = 0.00034 m"),
    (lambda: _layer_as_value("Initial interphase thickness [m]", 1.0), "'Initial interphase thickness [m]' = 1.0 "
     + _LAYER),
    (lambda: _layer_as_value("Initial Li0 film thickness [m]", 5.0), "'Initial Li0 film thickness [m]' = 5.0 " + _LAYER),
])
def test_a_temperature_in_degrees_c_and_a_layer_in_um_or_mm_are_named(call, said):
    """Two unit slips a fitting user makes in an input: a temperature in degrees C (its error named the range only) and
    a layer's thickness in um or mm (no upper end: the cell ran with a separator metres thick). Each error now says
    what was meant (session 44)."""
    with pytest.raises(ValueError, match=re.escape(said)):
        call()


def test_the_papers_layers_and_temperatures_are_in_range():
    from pybamm_aea.parameters import paper_cell

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    width = values["Electrode width [m]"]
    for name in ("Initial interphase thickness [m]", "Initial Li0 film thickness [m]"):
        check_value(name, values[name], width)
        check_value(name, width, width)  # (the end itself)
    for name in ("Separator layer 1 thickness [m]", "Separator layer 2 thickness [m]"):  # (1-2000 um: session 60)
        for thickness in (values[name], 1e-6, 2e-3):
            check_value(name, thickness)
    for kelvin in (paper_cell.T_REF, 298.15, 200.0, 453.65):
        check_value("Ambient temperature [K]", kelvin)
    with pytest.raises(ValueError, match=re.escape("[200, 453.65] (200 K to the melting point of Li, 453.65 K)") + "$"):
        check_value("Ambient temperature [K]", 500.0)  # (500 degrees C is out of range too: no unit to suggest)


_LOADING_RANGE = "outside a cathode loading's physical range [0.02, 300] mg/cm2 (at most 300 mg/cm2: a dense electrode"


def _slms_cell(**loading):
    from pybamm_aea.energy import Cell, Electrode, LiMetalAnode

    return Cell(Electrode(SLMS_COMPOSITION, 0.082), anode=LiMetalAnode(excess=0.0), **loading)


@pytest.mark.parametrize("call, said", [
    (lambda: _slms_cell(loading_mg_cm2=1391.0),
     f"loading_mg_cm2 = 1391 mg/cm2 is {_LOADING_RANGE}"),
    (lambda: _slms_cell(thickness_um=7000.0), "thickness_um = 7000 um (a cathode of "),
    (lambda: _slms_cell(areal_capacity_mAh_cm2=300.0), "areal_capacity_mAh_cm2 = 300 mAh/cm2 (a cathode of "),
    (lambda: pybamm_aea.energy.cell_preset("paper lab cell", loading_mg_cm2=500.0),
     "did you give g/m2? 500 g/m2 = 50 mg/cm2"),
    (lambda: pybamm_aea.conventional.s_c_lgps_parameter_values(loading_mg_cm2=1391.0),
     f"loading_mg_cm2 = 1391 mg/cm2 is {_LOADING_RANGE}"),
    (lambda: pybamm_aea.conventional.electrode_mass_g(500.0), "did you give g/m2? 500 g/m2 = 50 mg/cm2"),
    # the composite's electrode, its active loading over the active mass fraction (60 wt%): 200 -> 333.3 mg/cm2
    (lambda: pybamm_aea.composite.composite_parameter_values("LiFePO4", 200.0),
     f"active_loading_mg_cm2 = 200 mg/cm2 (a cathode of 333.333 mg/cm2) is {_LOADING_RANGE}"),
    # a material's loading= and the screen's loadings, in mg/cm2 too: the same path (they had no g/m2 hint)
    (lambda: pybamm_aea.materials.get_material("LiFePO4").parameter_values(loading=1391),
     f"loading = 1391 mg/cm2 is {_LOADING_RANGE}"),
    (lambda: pybamm_aea.materials.get_material("LiFePO4").parameter_values(loading=500),
     "did you give g/m2? 500 g/m2 = 50 mg/cm2"),
    (lambda: pybamm_aea.screen(["Li2021_Mo6S8"], c_rates=0.1, loadings=[1.5, 500]),
     f"loadings: 500 mg/cm2 is {_LOADING_RANGE}"),
    (lambda: pybamm_aea.screen(["Li2021_Mo6S8"], c_rates=0.1, loadings=[1.5, 500]),
     "did you give g/m2? 500 g/m2 = 50 mg/cm2"),
    (lambda: pybamm_aea.screen(["Li2021_Mo6S8"], c_rates=0.1, loadings=None, thicknesses=[3000]),
     f"thicknesses: 3000 um of Li2021_Mo6S8 (a cathode of 1351.02 mg/cm2) is {_LOADING_RANGE}"),
])
def test_an_areal_mass_in_mg_per_cm2_is_bounded_at_every_entry_point(call, said):
    """composite_parameter_values, the S-C-LGPS set's loading_mg_cm2 and energy.Cell took any areal mass: 1391
    mg/cm2 (a 2.8 mm S-LMS layer) gave a Cell and a parameter set without a word. Now the model's range (one fact,
    pybamm_aea.ranges.CATHODE_LOADING) in mg/cm2, the value named, with the g/m2 slip (a coating weight) where it
    fits; a Cell's thickness or areal capacity and the screen's thicknesses are said with the loading they give. A
    material's loading= and the screen's loadings went through the model's kg/m2 table instead, without the g/m2
    slip ("loading = 500 mg/cm2 gives 'Cathode loading [kg.m-2]' = 5.0, outside ..."): one path now."""
    with pytest.raises(ValueError, match=re.escape(said)):
        call()


def test_the_screens_loadings_are_refused_before_a_model_is_built(monkeypatch):
    """screen(..., loadings=[1.5, 500]) built each material's model (~0.3 s a material) before checking loadings that
    no material changes; now refused first."""
    import pybamm_aea.screening as screening

    def built(*args, **kwargs):
        raise AssertionError("a model was built before the loadings were checked")

    monkeypatch.setattr(screening, "_prepared", built)
    with pytest.raises(ValueError, match=re.escape("loadings: 500 mg/cm2 is outside")):
        screening.screen(["Li2021_Mo6S8"], c_rates=0.1, loadings=[1.5, 500])


def _sweep_thickness_of(um):
    from pybamm_aea.sweep.config import build_config, derive_inputs

    point = {"Cathode thickness [um]": um}
    derive_inputs(build_config(list(point), [point], "Li2021_Mo6S8", None, None, None, 0.1), point)


_THICKNESS_SLIP = "(5e-05 um = 5e-11 m); did you give m? 5e-05 m = 50 um"


@pytest.mark.parametrize("call, said", [
    (lambda: check_value(LOADING, 1e-5), f"'Cathode loading [kg.m-2]' = 1e-05 is outside its physical range [0.0002, 3]"
                                         f" ({LOADING_WHY})"),
    (lambda: pybamm_aea.screen(["Li2021_Mo6S8"], c_rates=1.0, loadings=[0.015]),
     "loadings: 0.015 mg/cm2 is outside a cathode loading's physical range [0.02, 300] mg/cm2"),
    (lambda: pybamm_aea.screen(["Li2021_Mo6S8"], c_rates=1.0, loadings=[0.015]),
     "(0.015 mg/cm2 = 0.00015 kg/m2); did you give kg/m2? 0.015 kg/m2 = 1.5 mg/cm2"),
    (lambda: _cli(["screen", "--materials", "Li2021_Mo6S8", "--c-rates", "1", "--loadings", "0.015"]),
     "did you give kg/m2? 0.015 kg/m2 = 1.5 mg/cm2"),
    (lambda: _slms_cell(loading_mg_cm2=0.015), "did you give kg/m2? 0.015 kg/m2 = 1.5 mg/cm2"),
    (lambda: pybamm_aea.screen(["Li2021_Mo6S8"], c_rates=1.0, loadings=None, thicknesses=[5e-5]),
     "thicknesses: 5e-05 um is outside a cathode thickness's physical range [0.1, inf) um (at least 0.1 um, one layer "
     "of the particles a dense cathode is pressed from) " + _THICKNESS_SLIP),
    (lambda: _sweep_thickness_of(5e-5), "'Cathode thickness [um]' = 5e-05 is outside its physical range [0.1, inf) "
                                        "(at least 0.1 um, one layer of the particles a dense cathode is pressed from) "
                                        + _THICKNESS_SLIP),
    (lambda: _cli(["sweep", "--parameter-set", "Li2021_Mo6S8", "--grid", "Cathode thickness [um]=0.00005,50"]),
     "argument --grid: 'Cathode thickness [um]' = 5e-05 is outside its physical range [0.1, inf)"),
])
def test_a_loading_or_thickness_thinner_than_a_particle_layer_is_refused_with_its_slip(call, said):
    """KF, session 52: no lower end: the paper's 1.5 mg/cm2 typed in kg/m2 into the screen's loadings (0.015) ran a
    33 nm Mo6S8 electrode, and 50 um typed in m into a sweep's thickness (0.00005) a 0.05 nm one, 128.2 mA.h/g, no word.
    Now a cathode is at least one layer of the particles it is pressed from, 0.1 um (0.02 mg/cm2 at 2 g/cm3, below
    every set's solid), at every entry point, with the slip of a value too small."""
    with pytest.raises(ValueError, match=re.escape(said)):
        call()


def test_the_thinnest_cathodes_in_range_are_taken():
    """The loading range's least (0.02 mg/cm2), a 0.1 um thickness and a thin film's 0.1391 mg/cm2 (13.91 typed in
    kg/m2: 0.3 um of Mo6S8, not told from a real thin film) pass."""
    from pybamm_aea.ranges import check_loading_mg_cm2, check_thickness_um

    check_value(LOADING, 2e-4)
    check_value("Cathode thickness [um]", 0.1)
    assert check_loading_mg_cm2("loadings", 0.02) == 0.02 and check_loading_mg_cm2("loadings", 0.1391) == 0.1391
    assert check_thickness_um("thicknesses", 0.1) == 0.1


def test_the_loading_arguments_take_the_papers_loadings_and_the_range_end():
    from pybamm_aea.ranges import check_loading_mg_cm2

    for mg_cm2 in (1.5, 13.91, 300.0):
        assert _slms_cell(loading_mg_cm2=mg_cm2).cathode_loading == mg_cm2
        assert check_loading_mg_cm2("loading_mg_cm2", mg_cm2) == mg_cm2
    assert pybamm_aea.conventional.electrode_mass_g(13.91) == pytest.approx(13.91e-3 * 0.785, rel=1e-3)
    with pytest.raises(ValueError, match=re.escape(_LOADING_RANGE) + r"[^;]*$"):  # no unit to suggest
        check_loading_mg_cm2("loading_mg_cm2", 5000.0)


def test_table_semantics():
    # open and closed ends, a bound given by another parameter, NaN and infinities
    check_value("Cathode porosity", 0.0)
    for bad in (1.0, -1e-12, math.nan, math.inf):
        with pytest.raises(ValueError, match="Cathode porosity"):
            check_value("Cathode porosity", bad)
    check_value("Initial cathode Li content", 3.9, bound_value=4.0)
    with pytest.raises(ValueError, match="'Cathode maximum Li content' = 4"):
        check_value("Initial cathode Li content", 4.0, bound_value=4.0)
    with pytest.raises(ValueError, match="must be a number"):
        check_value("Cathode loading [kg.m-2]", "heavy")
    check_value("not a parameter with a range", -1.0)  # names outside the table pass
    # an unbounded range is still finite: an infinite loading or factor reached the solver (IDA_BAD_K)
    for name in ("Cathode loading [kg.m-2]", "Cathode Li diffusivity factor"):
        with pytest.raises(ValueError, match=re.escape(f"'{name}' = inf is outside")):
            check_value(name, math.inf)
    assert all(isinstance(r.low, (float, type(None))) for r in RANGES.values())


def test_default_solver_checks_and_a_plain_one_can_be_checked_by_hand(defaults):
    assert isinstance(pybamm_aea.AEA().default_solver, CheckedIDAKLUSolver)
    values = defaults.copy()
    values["Cathode porosity"] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, solver=pybamm.IDAKLUSolver())
    sim.build()
    with pytest.raises(ValueError, match=_message("Cathode porosity", 1.2)):
        check_inputs(sim.built_model, {"Cathode porosity": 1.2})
    check_inputs(sim.built_model, {"Cathode porosity": np.float64(0.3)})


def test_the_input_set_passed_last_passes_again_and_a_changed_one_is_checked_and_named(input_sim, defaults,
                                                                                       monkeypatch):
    """``check_inputs`` remembers the input set it passed last for each model (session 63: an experiment's 400 steps
    of a 100-cycle C/10 LMS run each checked the same inputs): the same set again is not checked (its checks
    counted), PyBaMM's start time, new at each step, by its type alone (no check of this model reads its number,
    where no check zooms into the host's OCP at the inputs). A changed value, a value of another type (numpy's True
    where 1 passed: equal to 1 in a dict), and the same set on another model are checked, and named. Fails on a key
    without the values, without their types, or not per model; and (the count) on no remembering, or PyBaMM's start
    time keyed by its number."""
    from pybamm_aea.models import checks

    model, ran = input_sim.built_model, []
    real = checks._check_input_cut_offs
    monkeypatch.setattr(checks, "_check_input_cut_offs", lambda *args: (ran.append(args[1]), real(*args))[1])
    good = {n: defaults[n] for n in NAMES}
    check_inputs(model, dict(good, **{"Cathode Bruggeman coefficient": 1.6}))  # (another set first: the fixture's
    ran.clear()  # model may have passed good in an earlier test)
    check_inputs(model, good)
    check_inputs(model, dict(good), times=[36000.0, 39600.0])
    assert len(ran) == 1  # (the same set at the next step: not checked again)
    with pytest.raises(ValueError, match=_message("Cathode porosity", 1.2)):
        check_inputs(model, dict(good, **{"Cathode porosity": 1.2}))
    one = dict(good, **{"Cathode Bruggeman coefficient": 1})
    check_inputs(model, one)
    with pytest.raises(ValueError, match=re.escape("input 'Cathode Bruggeman coefficient' must be a real number "
                                                   f"or a numpy array of them, got {np.True_!r}, a truth value")):
        check_inputs(model, dict(one, **{"Cathode Bruggeman coefficient": np.True_}))  # (== 1, its hash 1's)
    values = defaults.copy()
    values.update({"Ambient temperature [K]": pybamm.InputParameter("T")})
    other = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    other.build()
    check_inputs(model, {"T": 1.0})  # (no input of this model: not checked)
    with pytest.raises(ValueError, match=_message("Ambient temperature [K]", 1.0)):
        check_inputs(other.built_model, {"T": 1.0})
    # an experiment's steps: each given PyBaMM's start time, a numpy number new at each step (the first an int, 0)
    ran.clear()
    sim = pybamm.Simulation(pybamm_aea.AEA(), experiment=pybamm.Experiment(
        [("Discharge at 1C for 10 seconds", "Rest for 10 seconds")] * 3))
    sim.solve()
    assert len(ran) == 3 and all(set(one) == {"start time"} for one in ran)  # (of 6 steps: each step model's first,
    # and the discharge's at the int's float)


def test_the_compacts_conductivity_follows_its_fit_at_every_porosity():
    """Table S4's fits, tabulated over every porosity: the table ended at 0.6 and was extrapolated linearly, so
    Mo6S8 at porosity 0.7 was -483 S/m and its ohmic drop negative. Beyond a compact's percolation threshold
    (TiS2's fit: 0 above ~0.4) the cell is refused, fixed or input, naming the conductivity."""
    from pybamm_aea.energy import ExtrapolationWarning, electronic_conductivity

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Cathode porosity"] = 0.7
    sol = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 600])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExtrapolationWarning)
        fit = 100 * electronic_conductivity("Mo6S8", 0.7)  # S/m
    assert sol["Cathode electronic conductivity [S.m-1]"].entries.ravel()[0] == pytest.approx(fit, rel=0.02)
    assert sol["Cathode electronic ohmic overpotential [V]"].entries[-1] > 0
    values = pybamm.ParameterValues("Li2021_TiS2")
    values["Cathode porosity"] = 0.5
    message = _message("Cathode electronic conductivity [S.m-1]", 0.0) + ".*percolation threshold"
    with pytest.raises(ValueError, match=message):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 600])
    values["Cathode porosity"] = "[input]"
    with pytest.raises(ValueError, match=message):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 600], inputs={"Cathode porosity": 0.5})


# ------------------------------------------------------------------ parameters the sets give as functions
#: a function parameter given as a number, and a value outside its range; the model options that read it
LEVER, MULTI = {"host thermodynamics": "lever rule", "anode": "Li-In"}, {"anode": "Li-In"}
FUNCTIONS = [
    # a negative separator conductivity was a negative resistance (0.68 -> 0.41 mV), a negative j0 an interface
    # that made energy, a negative D on the lever-rule host 1e-5 mAh; zero j0 or conductivity a bare
    # ZeroDivisionError
    ("Separator layer 1 ionic conductivity [S.m-1]", -0.5, MULTI),
    ("Separator layer 2 ionic conductivity [S.m-1]", 0.0, MULTI),
    ("Cathode exchange-current density [A.m-2]", -10.0, MULTI),
    ("Anode exchange-current density [A.m-2]", 0.0, MULTI),
    ("Cathode Li diffusivity [m2.s-1]", -1e-14, LEVER),
    ("Cathode ionic conductivity [S.m-1]", -0.06, LEVER),  # (0: the electrons-only limit, allowed)
    ("Cathode electronic conductivity [S.m-1]", -1.0, MULTI),
    ("Cathode electronic conductivity Li-content factor", 0.0, MULTI),
    ("Cathode lithiation OCP [V]", 7.0, LEVER),
    ("Cathode delithiation OCP [V]", -1.0, LEVER),
    ("Cathode homogeneous OCP [V]", math.inf, MULTI),  # (NaN: PyBaMM's "not found")
    ("Cathode Li log-mobility", math.inf, MULTI),
    ("Li-In anode OCP [V]", -0.62, MULTI),
    ("Dispersed material standard potential [V]", -2.2, MULTI),
    ("Dispersed material interfacial rate constant [s-1]", -1e-2, MULTI),
    ("Dispersed material product-layer Li diffusivity [m2.s-1]", 0.0, MULTI),
]


@pytest.mark.parametrize("name, value, options", FUNCTIONS)
def test_a_number_for_a_function_parameter_is_checked(defaults, name, value, options):
    """A number (checked with every value before PyBaMM's substitution, session 31) and a function giving it
    whatever its arguments (a constant once substituted: the model's node)."""
    values = defaults.copy()
    values[name] = value
    with pytest.raises(ValueError, match=_message(name, value)):
        values.process_model(pybamm_aea.AEA(options))
    values[name] = lambda *arguments: value
    with pytest.raises(ValueError, match=_message(name, value)):
        values.process_model(pybamm_aea.AEA(options))
    with pytest.raises(ValueError, match=_message(name, value)):
        check_value(name, value)


@pytest.fixture(scope="module", params=[LEVER, MULTI], ids=["lever rule", "multi-phase"])
def function_input_sim(request, defaults):
    """Every function parameter of FUNCTIONS the model reads with these options, as an input parameter."""
    names = [n for n, _, options in FUNCTIONS if options == request.param]
    values = defaults.copy()
    values.update({n: "[input]" for n in names})
    sim = pybamm.Simulation(pybamm_aea.AEA(request.param), parameter_values=values)
    sim.build()
    return sim, names


def test_an_input_for_a_function_parameter_is_checked_at_solve_time(function_input_sim):
    sim, names = function_input_sim
    good = {n: 1.0 for n in names}  # in range for every one of them (not solved)
    for name, value, _ in (case for case in FUNCTIONS if case[0] in names):
        with pytest.raises(ValueError, match=_message(name, value)):
            sim.solve([0, 60], inputs=dict(good, **{name: value}))


def test_a_function_of_the_state_is_not_checked_and_a_good_number_solves(defaults):
    """The sets' functions run as before (the node is dropped at parameterisation); a valid number solves."""
    values = defaults.copy()
    values["Separator layer 1 ionic conductivity [S.m-1]"] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(MULTI), parameter_values=values)
    sim.build()
    names = {node.parameter_name for node in pybamm_aea.models.checks._input_checks(sim.built_model)}
    assert names == {"Separator layer 1 ionic conductivity [S.m-1]"}  # no function of the state kept
    assert sim.solve([0, 60], inputs={"Separator layer 1 ionic conductivity [S.m-1]": 0.5}).termination


# ------------------------------------------------------------------ scalar parameters, and the table's coverage
TRAP, SWITCH = {"Li trapping": "irreversible"}, {"ionic-switch host loss": "persistent Li0"}
LEVER_LI = {"host thermodynamics": "lever rule"}


@pytest.mark.parametrize("name, value, options", [
    # LAM -16.6 % and -3.55 %: material regained
    ("Dispersed material contact-loss coefficient", -0.5, DEGRADATION),
    ("Dispersed material activation coefficient", -0.5, DEGRADATION),
    ("Ionic-switch host loss coefficient", -50.0, dict(LEVER_LI, **SWITCH)),
    # a SolverError naming nothing
    ("Li metal anode interphase growth constant [m2.s-1]", -3.5e-19, {"interphase growth": "parabolic"}),
    ("Cathode interphase window growth constant [m2.s-1]", -1e-23, INTERPHASE),
    ("Li0 film onset Li content", 10.0, LEVER_LI),  # above x_max = 4; below 0 is the sets' "no film"
    ("Saturated initially trapped Li content", -1.0, dict(LEVER_LI, **TRAP)),
    # trapping faster when colder (session 26)
    ("Li trapping activation energy [J.mol-1]", -30e3, dict(LEVER_LI, **TRAP)),
    # 10 eV: a trap that a few kelvin above the reference makes 2e4 times faster (the review's 1e6 J/mol at 80 C
    # stopped the first discharge on its maximum-voltage event)
    ("Li trapping activation energy [J.mol-1]", 1e6, dict(LEVER_LI, **TRAP)),
    ("Solid electrolyte reduction limit [V]", 3.0, INTERPHASE),  # above the oxidation limit, 2.14 V
    ("Number of cells connected in series to make a battery", 0.0, {}),
])
def test_scalar_parameters_are_checked(name, value, options):
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    values[name] = value
    with pytest.raises(ValueError, match=_message(name, value)):
        values.process_model(pybamm_aea.AEA(options))


def test_the_stability_window_is_checked_in_order_as_inputs_too():
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    limits = ("Solid electrolyte reduction limit [V]", "Solid electrolyte oxidation limit [V]")
    values.update({name: "[input]" for name in limits})
    sim = pybamm.Simulation(pybamm_aea.AEA(INTERPHASE), parameter_values=values)
    with pytest.raises(ValueError, match=_message(limits[0], 3.0) + re.escape(f" [0, {limits[1]!r} = 1)")):
        sim.solve([0, 60], inputs={limits[0]: 3.0, limits[1]: 1.0})


#: parameters of the registered AEA sets without a range, each with why
UNRANGED = {
    "citations": "not a parameter",
}


def test_every_parameter_of_every_set_has_a_range():
    """Every number- or function-valued parameter of every registered AEA set is in RANGES or UNRANGED (the
    conventional S-C/LGPS set is PyBaMM's DFN's, whose parameters PyBaMM checks)."""
    import importlib.metadata

    from pybamm_aea.parameters import PYBAMM_MODEL_SETS

    sets = sorted(ep.name for ep in importlib.metadata.entry_points(group="pybamm_parameter_sets")
                  if ep.value.split(".")[0] == "pybamm_aea" and ep.name not in PYBAMM_MODEL_SETS)
    assert len(sets) == 8
    missing = {name: set_name for set_name in sets for name in pybamm.ParameterValues(set_name).keys()
               if name not in RANGES and name not in UNRANGED}
    assert not missing


def test_an_input_the_model_has_not_is_warned_about_with_close_names():
    """{"Cathode porsity": ...} next to the real input was ignored silently (PyBaMM's behaviour); an experiment's own
    input ("start time") is no warning."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Cathode porosity"] = "[input]"
    with pytest.warns(UserWarning) as record:
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve(
            [0, 600], inputs={"Cathode porosity": 0.2, "Cathode porsity": 0.3, "CATHODE POROSITY": 0.3})
    # the wrong case was "... no effect (its inputs: ['Cathode porosity'])": a case-sensitive match suggested nothing
    assert sorted(str(w.message) for w in _input_warnings(record)) == [
        f"input {name!r} is not an input parameter of the model, so it has no effect; did you mean "
        "['Cathode porosity']?" for name in ("CATHODE POROSITY", "Cathode porsity")]
    experiment = pybamm.Experiment(["Discharge at 1C for 5 minutes", "Rest for 1 minute"])
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="input .* is not an input parameter")
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment).solve(
            inputs={"Cathode porosity": 0.2})


def test_a_misspelt_input_of_a_parameter_that_is_no_input_gets_its_close_name():
    """inputs={"Cathode Li diffusivity factor": 0.4, "Cathode porsity": 0.2}, the porosity not an input, warned "not
    an input parameter ... (its inputs: ['Cathode Li diffusivity factor'])" with no close name, though the README
    says one is suggested (user trial, session 61): the close names are now also looked for among the model's
    parameters, which are to be given as "[input]" to vary, in a plain solve and in an experiment's."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Cathode Li diffusivity factor"] = "[input]"
    inputs = {"Cathode Li diffusivity factor": 0.4, "Cathode porsity": 0.2}
    said = ("input 'Cathode porsity' is not an input parameter of {}, so it has no effect; did you mean ['Cathode "
            "porosity']? (a parameter, not an input: give it the value \"[input]\" in the parameter values to vary it "
            "at solve time; its inputs: ['Cathode Li diffusivity factor'])")
    with pytest.warns(UserWarning) as record:
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 60], inputs=inputs)
    assert [str(w.message) for w in _input_warnings(record)] == [said.format("the model")]
    with pytest.warns(UserWarning) as record:
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                          experiment=pybamm.Experiment(["Rest for 1 minute"])).solve(inputs=inputs)
    assert [str(w.message) for w in _input_warnings(record)] == [said.format("the experiment's step model")]
    with pytest.warns(UserWarning) as record:  # (a name like no parameter: the inputs listed, no guess)
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve(
            [0, 60], inputs={"Cathode Li diffusivity factor": 0.4, "my fudge": 1.0})
    assert [str(w.message) for w in _input_warnings(record)] == [
        "input 'my fudge' is not an input parameter of the model, so it has no effect (its inputs: ['Cathode Li "
        "diffusivity factor'])"]


@pytest.mark.parametrize("parameters, initial, said", [
    ({"Cathode exchange-current density factor": (-1.0, 10.0)}, None,
     "the fit's lower bound of 'Cathode exchange-current density factor' is -1, outside its fit range (0, inf): the "
     "lower end 0 is from its physical range (0, inf); give a lower bound inside it"),
    ({"Cathode exchange-current density factor": (0.0, 10.0)}, None,
     "the fit's lower bound of 'Cathode exchange-current density factor' is 0, outside its fit range (0, inf): the "
     "lower end 0 is from its physical range (0, inf); give a lower bound inside it (an open end: the optimiser "
     "evaluates the model at its bounds)"),
    ({"Cathode exchange-current density factor": (None, 10.0)}, None,
     "the fit's lower bound of 'Cathode exchange-current density factor' is unbounded, outside its fit range (0, "
     "inf): the lower end 0 is from its physical range (0, inf); give a lower bound inside it"),
    ({"Cathode porosity": (0.1, 1.5)}, None,
     "the fit's upper bound of 'Cathode porosity' is 1.5, outside its fit range [0, 1): the upper end 1 is from its "
     "physical range [0, 1) (1.5 = 150 %); did you give %?"),
    ({"Cathode exchange-current density factor": (0.1, 10.0)}, {"Cathode exchange-current density factor": -0.5},
     "the fit's initial value of 'Cathode exchange-current density factor' is -0.5, outside its fit range (0, inf): "
     "the lower end 0 is from its physical range (0, inf); give an initial value inside it"),
    ({"Cathode Li diffusivity factor": types.SimpleNamespace(bounds=(0.1, 10.0), initial_value=0.0)}, None,
     "the fit's initial value of 'Cathode Li diffusivity factor' is 0, outside its fit range [0.0188056, 53.1758]: "
     "2 x the widest measured spread of a host, LiFePO4"),
    ({"Cathode Li diffusivity factor": (5.0, 1.0)}, None,
     "the fit's lower bound of 'Cathode Li diffusivity factor', 5, is above its upper bound, 1"),
])
def test_a_fits_bounds_outside_the_physical_range_are_refused_before_it_starts(parameters, initial, said):
    """PyBOP solves with its own solver, not the model's range-checked one: the D factor at 0 gave a finite cost of
    3.8e9 and at -0.5 IDA errors and an infinite cost, with no word (user trial, session 61, PyBOP 26.3; given the
    checked solver PyBOP turns its ValueError into inf). check_fit_bounds names the bound before the fit (PyBOP not
    needed: a pybop.Parameter is read by its bounds and initial_value, here a stand-in)."""
    from pybamm_aea.fitting import check_fit_bounds

    with pytest.raises(ValueError, match=re.escape(said)):
        check_fit_bounds(parameters, initial)


def test_a_fits_bounds_inside_the_physical_range_pass():
    """The example's bounds (0.1, 10) and start 1, an unbounded upper side of a factor without a measured spread (the
    exchange-current density's: pybamm_aea.fitting.FIT_SPREADS), and a name outside the table (a user's own
    parameter) pass."""
    from pybamm_aea.fitting import check_fit_bounds

    factors = ("Cathode Li diffusivity factor", "Cathode exchange-current density factor")
    check_fit_bounds({name: (0.1, 10.0) for name in factors}, dict.fromkeys(factors, 1.0))
    check_fit_bounds({"Cathode exchange-current density factor": (0.1, math.inf), "my own parameter": (-5.0, 5.0)})


def test_a_misspelt_input_the_model_then_lacks_is_refused_before_the_solve():
    """sim.solve(inputs={"Cathode porsity": 0.11}) with "Cathode porosity" an input raised PyBaMM's SolverError "No
    value provided for input: ['Cathode porosity']", naming neither the key nor its likeness (session 53); now our
    ValueError names both, in a plain solve and in an experiment's."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Cathode porosity"] = "[input]"
    said = ("input 'Cathode porsity' (did you mean 'Cathode porosity'?) is not an input parameter of the model, and "
            "its input 'Cathode porosity' is given no value")
    with pytest.raises(ValueError, match=re.escape(said)):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 60], inputs={"Cathode porsity": 0.11})
    with pytest.raises(ValueError, match=re.escape(said)):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                          experiment=pybamm.Experiment(["Rest for 1 minute"])).solve(inputs={"Cathode porsity": 0.11})
    # (review R23: a key unlike the missing input is not told to be it)
    with pytest.raises(ValueError, match=re.escape("input 'Ambient temperature [K]' is not an input parameter of the "
                                                   "model, and its input 'Cathode porosity' is given no value: give "
                                                   "it one")):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 60],
                                                                           inputs={"Ambient temperature [K]": 300})
    with pytest.raises(ValueError, match=re.escape("is given no value: give it under its name")):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 60], inputs={"Cathode porsity": 0.11})


def test_an_input_of_the_values_the_model_does_not_read_is_warned_about():
    """PyBaMM 26 counts every input of the parameter values as the model's (``model.input_parameters``), read or not:
    the lever-rule host's "Cathode Li diffusivity [m2.s-1]" made an input on the default multi-phase host, or PyBaMM's
    "Positive electrode thickness [m]", solved at any value as the set's, without a word (a fit of it returned its
    start; user trial, session 44). An input read only by output variables (the Li0 binodal with the host loss off)
    is no warning."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    unread = ["Cathode Li diffusivity [m2.s-1]", "Positive electrode thickness [m]"]
    for name in unread + ["Li0 phase binodal Li content", "Cathode porosity"]:
        values[name] = "[input]"
    inputs = {"Cathode Li diffusivity [m2.s-1]": 1e-9, "Positive electrode thickness [m]": 1e-5,
              "Li0 phase binodal Li content": 0.02, "Cathode porosity": 0.11}
    with pytest.warns(UserWarning) as record:
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 600], inputs=inputs)
    said = sorted(str(w.message) for w in record if "no effect" in str(w.message))
    assert said == [
        "input 'Cathode Li diffusivity [m2.s-1]' is an input of the parameter values, but no equation or variable of "
        "the model reads it, so it has no effect (another host's: this one's 'Cathode Li diffusivity factor' scales the "
        "same transport; vary that instead)",
        "input 'Positive electrode thickness [m]' is an input of the parameter values, but no equation or variable of "
        "the model reads it, so it has no effect"]
    # an experiment's steps: each name once, over all its step models, said as a plain solve's (until session 61 the
    # experiment's said "... is not an input parameter of the experiment's step model ... (its inputs: none)", not
    # naming the factor that sets the multi-phase host's transport)
    experiment = pybamm.Experiment(["Discharge at 1C for 1 minute", "Rest for 1 minute"])
    with pytest.warns(UserWarning) as record:
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment).solve(inputs=inputs)
    assert sorted(str(w.message) for w in record if "no effect" in str(w.message)) == [
        m.replace("the model reads", "any of the experiment's 2 step models reads") for m in said]


@pytest.mark.parametrize("set_name, options, advised", [
    ("Li2021_Mo6S8", {}, True),  # the Li0 phase's window, 0-0.97 Li: the factor multiplies its mobility
    ("Li2021_TiS2", {}, False),  # one phase: the window is put at -2..-1 Li
    ("AEA_LiCoO2", {"host thermodynamics": "lever rule"}, False),  # its film's onset is -1 Li: it never forms
])
def test_the_unread_input_advice_names_only_a_factor_that_acts(set_name, options, advised):
    """The warning about an unread input of the values advised the factor of its name whenever the AEA sets have
    one: "Li0 film Li diffusivity [m2.s-1]" given as an input on TiS2 (or LiCoO2, any host of one phase) was told
    "vary 'Li0 film Li diffusivity factor' instead", which multiplies the mobility of a Li0 window below zero Li (or
    a film that never forms) there: no effect either. The advice now names a factor only where the model's build
    read it and its condition of acting holds with the model's values (checks.acting_factors)."""
    from pybamm_aea.models import checks

    values = pybamm.ParameterValues(set_name)
    if set_name == "AEA_LiCoO2":  # made full its open circuit, 2.72 V, is below its 3.0 V cut-off (session 56)
        values = pybamm_aea.set_initial_state(values, 0.5, options=options)
    unread = ("Cathode Li log-mobility" if options else "Li0 film Li diffusivity [m2.s-1]")
    values[unread] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(options), parameter_values=values)
    with pytest.warns(UserWarning) as record:
        sim.solve([0, 60], inputs={unread: 1e-15})
    said = [str(w.message) for w in record if "no effect" in str(w.message)]
    assert len(said) == 1 and said[0].startswith(f"input {unread!r} is an input of the parameter values"), said
    assert ("'Li0 film Li diffusivity factor'" in said[0]) is (advised and not options)
    assert ("Li0 film Li diffusivity factor" in checks.acting_factors(sim.built_model)) is advised
    assert "Cathode Li diffusivity factor" in checks.acting_factors(sim.built_model)  # (on every host)


def _three_step_experiment():
    """A 3-step experiment whose second step's current is the input "I2" (PyBaMM builds one model per distinct
    step: only that step's model has the input)."""
    return pybamm.Experiment([pybamm.step.current(1e-5, duration=60),
                              pybamm.step.current(pybamm.InputParameter("I2"), duration=60),
                              pybamm.step.rest(duration=30)])


def _input_warnings(record):
    return [w for w in record if "is not an input parameter" in str(w.message)]


def test_an_input_only_a_later_experiment_step_reads_is_no_warning_and_sets_its_current():
    """A step's current given as pybamm.InputParameter("I2"): the input was named at the earlier steps as "not an
    input parameter of the model, so it has no effect", though it set the later step's current. Checked over all
    the experiment's step models it is no warning, and the step runs at 2e-5 A (the first at 1e-5 A)."""
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=_three_step_experiment())
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        solution = sim.solve(inputs={"I2": 2e-5})
    assert not _input_warnings(record), [str(w.message) for w in _input_warnings(record)]
    currents = [cycle["Current [A]"].entries for cycle in solution.cycles]
    np.testing.assert_allclose(currents[0], 1e-5, rtol=1e-9)
    np.testing.assert_allclose(currents[1], 2e-5, rtol=1e-9)
    np.testing.assert_allclose(currents[2], 0.0, atol=1e-15)


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_a_step_current_given_as_an_input_is_refused_before_any_step_runs(value, monkeypatch):
    """A step's current given as pybamm.InputParameter("I2") is no parameter of its step's model (PyBaMM's build
    puts it in place of "Current function [A]"), so the solve-time check by name did not see it: I2 = nan (or inf)
    on LMS ran the first step, then IDA failed (IDA_BAD_K, retried once) and PyBaMM returned the first step's
    solution with the error logged. Now sim.solve raises a ValueError naming the step, the value and the input
    before any step has run (the model's own check of its current would only refuse it at step 2)."""
    original, steps = CheckedIDAKLUSolver.step, []

    def counted(self, *args, **kwargs):
        steps.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(CheckedIDAKLUSolver, "step", counted)
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=_three_step_experiment())
    with pytest.raises(ValueError, match=re.escape(
            f"the current of the experiment's step 2 (Current(I2, duration=60)) = {value!r} is outside its physical "
            f"range (-inf, inf) (a finite current [A], its sign the direction); from the input 'I2' = {value!r}")):
        sim.solve(inputs={"I2": value})
    assert steps == [] and sim.solution is None


@pytest.mark.parametrize("text", ["Rest for 0 minutes", "Discharge at 0.1C for 0 seconds", "Rest for -10 minutes"])
def test_a_step_of_no_time_is_refused_naming_it_before_any_step_runs(text):
    """"Rest for 0 minutes" in the Python API ran into PyBaMM's "Step time must be >0" at the step, which the
    default solver took for an IDA failure: a StepRetriedWarning ("IDA failed on a step ... solved again with
    PyBaMM's Newton matrix") then a SolverError (session 48's user trial). The command line refused it before any
    solve; now the Python path does too, with the same check (check_step_duration), naming the step."""
    from pybamm_aea.models.solvers import StepRetriedWarning

    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment(["Discharge at 0.1C for 1 minute", text]))
    with warnings.catch_warnings():
        warnings.simplefilter("error", StepRetriedWarning)
        with pytest.raises(ValueError, match=re.escape(f"the experiment's step 2 ({text}): a step lasts a positive "
                                                       "time, got ")):
            sim.solve()
    assert sim.solution is None


def test_a_step_temperature_out_of_range_names_the_step():
    """A step's temperature= of 600 K was refused as "'Ambient temperature [K]' = 600.0 is outside its physical
    range [200, 453.65] (...)", the step not named; now the step that set it is, before any step runs (an
    Experiment's temperature= is every step's without its own: the first such step is named)."""
    values = pybamm.ParameterValues("Li2021_TiS2")
    range_text = re.escape("is outside its physical range [200, 453.65] (200 K to the melting point of Li, 453.65 K)")
    steps = ["Rest for 1 minute", pybamm.step.string("Discharge at 0.1C until 1.0 V", temperature="600 K")]
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(steps))
    with pytest.raises(ValueError, match=r"'Ambient temperature \[K\]' = 600.0 " + range_text + re.escape(
            ": the temperature of the experiment's step 2 (Discharge at 0.1C until 1.0 V), its own temperature= or "
            "the Experiment's")):
        sim.solve()
    assert sim.solution is None
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                            experiment=pybamm.Experiment(["Rest for 1 minute"], temperature=100.0))
    with pytest.raises(ValueError, match=r"= 100.0 " + range_text + re.escape(  # (the degrees C slip, session 44)
            " (100 K = -173.15 degrees C); did you give degrees C? 100 degrees C = 373.15 K") +
            ": the temperature of the experiment's step 1 "):
        sim.solve()


def test_an_input_current_in_a_plain_solve_is_checked_whatever_its_name():
    """values["Current function [A]"] = pybamm.InputParameter("I2") without an experiment: I2 = nan was IDA_BAD_K
    (a SolverError); the model's current is checked whatever input it is made of. 2e-5 A runs at 2e-5 A, and the
    input named as the parameter is refused as before."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Current function [A]"] = pybamm.InputParameter("I2")
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    with pytest.raises(ValueError, match=_message("Current function [A]", math.nan)
                       + re.escape(" (-inf, inf) (a finite current); from the input 'I2' = nan")):
        sim.solve([0, 60], inputs={"I2": math.nan})
    np.testing.assert_allclose(sim.solve([0, 60], inputs={"I2": 2e-5})["Current [A]"].entries, 2e-5, rtol=1e-9)
    values["Current function [A]"] = "[input]"
    with pytest.raises(ValueError, match=_message("Current function [A]", math.inf)
                       + re.escape(" (-inf, inf) (a finite current)") + "$"):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve(
            [0, 60], inputs={"Current function [A]": math.inf})


_I = pybamm.InputParameter


@pytest.mark.parametrize("step, inputs, message", [
    (pybamm.step.c_rate(_I("C2"), duration=60), {"C2": math.nan},
     "the C-rate of the experiment's step 1 (CRate(C2, duration=60)) = nan is outside its physical range (-inf, inf)"),
    (pybamm.step.power(_I("P2"), duration=60), {"P2": -math.inf},
     "the power of the experiment's step 1 (Power(P2, duration=60)) = -inf is outside its physical range (-inf, inf)"),
    (pybamm.step.voltage(_I("V2"), duration=60), {"V2": 7.0}, "= 7.0 is outside its physical range (0, 6]"),
    (pybamm.step.voltage(_I("V2"), duration=60), {"V2": 0.0}, "= 0.0 is outside its physical range (0, 6]"),
    # LMS's cut-offs 1.8 and 2.8 V, which PyBaMM moves 1 V out: 0.7 and 5.0 V failed in a later step (logged, the
    # earlier steps returned), 0.9 and 3.5 V run
    (pybamm.step.voltage(_I("V2"), duration=60), {"V2": 0.7}, "= 0.7 is outside its range (0.8, 3.8) (the cell's "
                                                              "window in an experiment: its voltage cut-offs 1.8 and "
                                                              "2.8 V, which PyBaMM moves 1 V out;"),
    (pybamm.step.voltage(_I("V2"), duration=60), {"V2": 5.0}, "= 5.0 is outside its range (0.8, 3.8)"),
    (pybamm.step.resistance(_I("R2"), duration=60), {"R2": 0.0}, "(Resistance(R2, duration=60)) = 0.0 is outside its "
                                                                 "physical range (0, inf) (a passive external load"),
    (pybamm.step.resistance(_I("R2"), duration=60), {"R2": -1e5}, "= -100000.0 is outside its physical range (0, inf)"),
    (pybamm.step.current(2 * _I("I2") * pybamm.t, duration=60), {"I2": math.inf},
     "(Current(2.0 * I2 * time, duration=60)) = nan at t = 0 s into the step is outside"),
    (pybamm.step.current(math.nan, duration=60), {},
     "(Current(nan, duration=60)) = nan is outside its physical range (-inf, inf) (a finite current [A], its sign "
     "the direction)$"),
])
def test_each_kind_of_step_value_is_checked(step, inputs, message):
    """The value of a C-rate, power, voltage or resistance step, an input or a number, non-finite or outside its
    range (each ran the first step and returned it, the failure of the second logged), named with its step and
    input; a voltage step also against the cell's window as PyBaMM runs it."""
    from pybamm_aea.models.experiment_checks import check_step_values

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    with pytest.raises(ValueError, match=re.escape(message.rstrip("$")) + ("$" if message.endswith("$") else "")):
        check_step_values([step], inputs, values)
    name = next(iter(inputs), None)
    if name is not None:  # the input named with its value; not given, the step is left to PyBaMM
        with pytest.raises(ValueError, match=re.escape(f"; from the input {name!r} = {inputs[name]!r}") + "$"):
            check_step_values([step], inputs, values)
        check_step_values([step], {}, values)


@pytest.mark.parametrize("text, message", [
    ("Discharge at -0.1C until 1.8 V", "the C-rate of the experiment's step 1 (Discharge at -0.1C until 1.8 V) = -0.1C is "
                                        "negative, so PyBaMM would run this 'Discharge' step as a charge"),
    ("Charge at -1 mA until 2.8 V", "= -0.001 A is negative, so PyBaMM would run this 'Charge' step as a discharge"),
    ("Discharge at -1 mW until 1.8 V", "the power of the experiment's step 1 (Discharge at -1 mW until 1.8 V) = -0.001 W"),
])
def test_a_step_string_with_a_sign_against_its_word_is_refused(text, message):
    """"Discharge at -0.1C until 1.8 V" (a sign typed by mistake): PyBaMM ran it as a charge, which starts beyond its
    1.8 V cut-off, skipped it with a logged warning and returned an EmptySolution, whose reading raised "TypeError:
    'EmptySolution' object is not subscriptable". Now refused before the solve, naming the step and the value."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment([text]))
    with pytest.raises(ValueError, match=re.escape(message)):
        sim.solve()


@pytest.mark.parametrize("termination, message", [
    ("-80% capacity", "the experiment's termination '-80% capacity': its capacity -80 % is outside its range (0, 100)"),
    ("0% capacity", "its capacity 0 % is outside its range (0, 100)"),
    ("150% capacity", "its capacity 150 % is outside its range (0, 100)"),
    ("0 A.h capacity", "its capacity 0 Ah is outside its range (0, inf)"),
    (["80% capacity", "-1 V"], "its voltage -1 V is outside its range (0, 6]"),
    ("2.9 V", "its voltage 2.9 V is at or above the cell's \"Upper voltage cut-off [V]\" 2.8 V"),
])
def test_an_experiment_termination_out_of_range_is_refused(termination, message):
    """A capacity termination of -80 % or 0 % never stopped a long run, 150 % (a typo of 15.0 %?) stopped it after
    cycle 1 ("experiment capacity limit reached"), all without a word, and so did a voltage at or above the upper
    cut-off (2.9 V on LMS, 2.8 V): refused before the solve, naming the termination as written; 80 % and 1.8 V pass."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")

    def sim(term):
        experiment = pybamm.Experiment([("Discharge at 0.1C for 1 minute",)], termination=term)
        return pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment)

    with pytest.raises(ValueError, match=re.escape(message)):
        sim(termination).solve()
    sim(["80% capacity", "1.8 V"]).build_for_experiment()


@pytest.mark.parametrize("termination, message", [
    ("0.8 A.h capacity", "its capacity 0.8 A.h is at or above the cell's capacity, the cathode's capacity as made "
                         "0.0001517 A.h (0.1517 mA.h, from its \"Cathode loading [kg.m-2]\" 0.015 kg/m2 (1.5 mg/cm2); "
                         "its \"Nominal cell capacity [A.h]\" 0.0001517 A.h)"),
    ("0.8 A.h capacity", "; did you give mA.h? 0.8 mA.h = 0.0008 A.h, still 5.27 times the cell's capacity; for 80 % "
                         "of cycle 1's capacity write '80% capacity'"),
    # (659 times the cell's capacity: a unit slip's sign, LOADING_SLIP_FACTOR or more; 0.0008, 5.27 times, is none)
    ("0.1 A.h capacity", "(0.1 A.h = 100 mA.h); did you give mA.h? 0.1 mA.h = 0.0001 A.h"),
    ("0.0001517 A.h capacity", "its capacity 0.0001517 A.h is at or above the cell's capacity"),
])
def test_a_termination_capacity_at_or_above_the_cells_is_refused(termination, message):
    """termination="0.8 A.h capacity" (meant as 0.8 mA.h, or 80 %) on the 0.1517 mA.h Mo6S8 cell ran 1 cycle of 3 and
    stopped without a word: no cycle's "Capacity [A.h]" reaches the cathode's capacity as made. Refused before the
    solve, naming the value, the cell's capacity and the slip; 0.1 mA.h (0.0001 A.h) passes."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")

    def sim(term):
        experiment = pybamm.Experiment([("Discharge at 0.5C until 1.8 V", "Charge at 0.5C until 2.8 V")] * 3,
                                       termination=term)
        return pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment)

    with pytest.raises(ValueError, match=re.escape(f"the experiment's termination {termination!r}: ")) as error:
        sim(termination).build_for_experiment()
    assert message in str(error.value)
    sim("0.0001 A.h capacity").build_for_experiment()


def test_a_termination_capacitys_mah_reading_names_the_value_as_typed():
    """The mA.h slip of a capacity termination still above the cell's capacity read in mA.h (0.8 A.h on the 0.1517
    mA.h Mo6S8 cell, 5.27 times it) was worded by step_checks itself at 6 digits: "0.8000001 A.h capacity" was asked
    "did you give mA.h? 0.8 mA.h = 0.0008 A.h", a value not typed. Session 63: worded by ranges.slip_question, the
    words of every unit slip (readout.given_mass's mg, energy's A.h/g), to the value's 10 digits."""
    experiment = pybamm.Experiment([("Discharge at 0.5C until 1.8 V", "Charge at 0.5C until 2.8 V")] * 3,
                                   termination="0.8000001 A.h capacity")
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=experiment)
    with pytest.raises(ValueError, match=re.escape(
            "; did you give mA.h? 0.8000001 mA.h = 0.0008000001 A.h, still 5.27 times the cell's capacity")):
        sim.build_for_experiment()


@pytest.mark.parametrize("name, termination, said", [
    ("Li2021_S_Mo6S8", "0.00082074 A.h capacity", "its capacity 0.00082074 A.h is at or above the cell's capacity, "
                                                  "the cathode's capacity as made 0.00082073 A.h (0.82073 mA.h, "),
    ("Li2021_S_Mo6S8", f"{0.0008207317918842404!r} A.h capacity", "the cathode's capacity as made 0.0008207 A.h"),
    ("Li2021_Mo6S8", "0.0002 A.h capacity", "the cathode's capacity as made 0.0001517 A.h (0.1517 mA.h, "),
    ("Li2021_Mo6S8", "0.0008 A.h capacity", "the cathode's capacity as made 0.0001517 A.h (0.1517 mA.h, "),
])
def test_a_termination_capacity_near_the_cells_is_refused_with_the_digits_apart_and_no_unit_hint(name, termination,
                                                                                                  said):
    """Review R19: S-LMS (0.8207318 mA.h as made) with "0.00082074 A.h capacity" was refused as at or above "the
    cathode's capacity as made 0.0008207 A.h", which reads below it (4 digits); and a value equal to the capacity as
    made was asked "did you give mA.h? ... still 0.001 times the cell's capacity", one 1.32 or 5.27 times it (on the
    0.1517 mA.h Mo6S8 cell) "did you give mA.h? 0.0002 mA.h = 2e-07 A.h": no unit slip explains those. Now the two
    figures are printed apart, and the unit hint is offered from LOADING_SLIP_FACTOR (10) times the cell's capacity
    (test_a_termination_capacity_at_or_above_the_cells_is_refused: 0.1 A.h)."""
    from pybamm_aea.models.experiment_checks import check_termination

    experiment = pybamm.Experiment([("Rest for 1 minute",)] * 2, termination=termination)
    with pytest.raises(ValueError, match=re.escape(f"the experiment's termination {termination!r}: ")) as error:
        check_termination(experiment, pybamm.ParameterValues(name))
    assert said in str(error.value) and "did you give" not in str(error.value), str(error.value)


def test_a_termination_capacity_is_checked_against_the_cathode_the_inputs_make():
    """With the loading an input of the solve, the cell's capacity is the inputs': 0.0002 A.h is refused on the
    0.1517 mA.h cell and passes on one of twice the loading."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    loading = values["Cathode loading [kg.m-2]"]
    values.update({"Cathode loading [kg.m-2]": "[input]"})

    def sim():
        experiment = pybamm.Experiment([("Discharge at 0.01 mA for 1 minute",)] * 2, termination="0.0002 A.h capacity")
        return pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment)

    with pytest.raises(ValueError, match=re.escape("its capacity 0.0002 A.h is at or above the cell's capacity, "
                                                   "the cathode's capacity as made 0.0001517 A.h")):
        sim().build_for_experiment(inputs={"Cathode loading [kg.m-2]": loading})
    sim().build_for_experiment(inputs={"Cathode loading [kg.m-2]": 2 * loading})


@pytest.mark.parametrize("loading, inputs, source", [
    ("[input]", {"Cathode loading [kg.m-2]": 3e-4}, ", the input 'Cathode loading [kg.m-2]'"),
    (pybamm.InputParameter("L"), {"L": 3e-4}, ", the input 'L'"),
    (3e-4, {}, ""),
    # a loading computed from another parameter: its value and what it is computed from (review R17)
    (pybamm.Parameter("Cathode density [kg.m-3]") * 2e-7, {}, ", computed as "),
    (pybamm.InputParameter("t") * 1500, {"t": 2e-7}, ", computed as "),
])
def test_a_termination_refused_on_a_loading_slip_names_the_loading_it_was_computed_from(loading, inputs, source):
    """The loading given 1000 times too small (0.015 g/m2 for 0.015 kg/m2: inside its range (0, 3] kg/m2 until
    session 52, so no input check named it; here 50 times, 0.03 mg/cm2, inside the range now) with "0.0001 A.h
    capacity": the refusal blamed the termination ("did you give mA.h?") and
    said nothing of the loading its bound of 1.517e-07 A.h came from (review R13); then it led with "did you give
    mA.h? 0.0001 mA.h = 1e-07 A.h", a termination that passes and runs the wrong cell, and a loading computed from
    another parameter or an input was not named with its value (review R17). Now the loading slip's sign leads, alone:
    the capacity as made is 1/1000 of the cell's "Nominal cell capacity [A.h]", the loading named with its value
    whatever it is computed from."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    if isinstance(loading, pybamm.Symbol) and "Cathode density [kg.m-3]" in str(loading):
        values.update({"Cathode density [kg.m-3]": 1500.0}, check_already_exists=False)
    values.update({"Cathode loading [kg.m-2]": loading})
    experiment = pybamm.Experiment([("Discharge at 0.01 mA for 1 minute",)] * 2, termination="0.0001 A.h capacity")
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment)
    with pytest.raises(ValueError) as error:
        sim.build_for_experiment(inputs=inputs)
    text = str(error.value)
    assert text.startswith(
        "the experiment's termination '0.0001 A.h capacity': the cathode's capacity as made 3.034e-06 A.h (0.003034 "
        f"mA.h, from its \"Cathode loading [kg.m-2]\" 0.0003 kg/m2 (0.03 mg/cm2){source}"), text
    assert "is 1/50 of the cell's \"Nominal cell capacity [A.h]\" 0.0001517 A.h: check what that capacity is computed " \
        "from" in text, text
    assert "did you give mA.h" not in text  # (0.0001 mA.h = 1e-07 A.h would pass and run the wrong cell)
    if "Cathode density" in str(loading):
        assert "\"Cathode density [kg.m-3]\" 1500" in text
    if inputs.get("t"):
        assert "the input 't' = 2e-07" in text


def test_the_capacity_as_made_reads_no_porosity_unless_the_loading_does():
    """Review R19: the capacity as made, loading x area x specific capacity, was computed by volume (thickness from
    the loading and porosity, times the Li sites per m3), so with the porosity an input the capacity-termination
    refusal named "the input 'Cathode porosity' = 0.2" as what the capacity was computed from, though 0.1 and 0.5 gave
    0.0001516919130412458 A.h to 1 ulp, and without the input's value the capacity could not be evaluated and the
    check was skipped. Now the porosity is not read; a loading computed from the porosity still names it."""
    from pybamm_aea.models.experiment_checks import check_termination, theoretical_cathode_capacity

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode porosity": "[input]"})
    made = [theoretical_cathode_capacity(None, values, {"Cathode porosity": eps}) for eps in (0.1, 0.5)]
    assert made[0] == made[1] == pytest.approx(1.516919130412458e-4, rel=1e-14)
    assert theoretical_cathode_capacity(None, values) == made[0]  # (the porosity not given: not needed)
    experiment = pybamm.Experiment([("Rest for 1 minute",)] * 2, termination="0.0002 A.h capacity")
    with pytest.raises(ValueError, match="at or above the cell's capacity") as error:
        check_termination(experiment, values, {"Cathode porosity": 0.2})
    assert "porosity" not in str(error.value), str(error.value)
    # a loading computed from a thickness and the porosity: the porosity enters, and is named
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode porosity": pybamm.InputParameter("eps"),
                   "Cathode loading [kg.m-2]": 2e-5 * 2400 * (1 - pybamm.Parameter("Cathode porosity"))})
    experiment = pybamm.Experiment([("Rest for 1 minute",)] * 2, termination="0.0003 A.h capacity")  # (0.2427 mA.h)
    with pytest.raises(ValueError, match="at or above the cell's capacity") as error:
        check_termination(experiment, values, {"eps": 0.5})
    assert "\"Cathode loading [kg.m-2]\" 0.024 kg/m2" in str(error.value)
    assert "the input 'eps' = 0.5" in str(error.value), str(error.value)


@pytest.mark.parametrize("termination, said", [
    (["-80% capacity", "2.5 V"], "the experiment's termination '-80% capacity': its capacity -80 %"),
    (["0.8 A.h capacity", "2.5 V"], "the experiment's termination '0.8 A.h capacity': its capacity 0.8 A.h"),
    (["80% capacity", "2.9 V"], "the experiment's termination '2.9 V': its voltage 2.9 V"),
])
def test_a_termination_of_a_list_is_refused_quoting_itself(termination, said):
    """A termination given in a list (["-80% capacity", "2.5 V"]) was refused quoting the whole list
    ("the experiment's termination ['-80% capacity', '2.5 V']: its capacity ..."; review R17); now the one refused,
    as written."""
    from pybamm_aea.models.experiment_checks import check_termination

    experiment = pybamm.Experiment([("Rest for 1 minute",)] * 2, termination=termination)
    with pytest.raises(ValueError, match=re.escape(said)):
        check_termination(experiment, pybamm.ParameterValues("Li2021_Mo6S8"))


#: a cell whose cycle 1 ends below its capacity as made, the experiment's cycle and its termination between the two
_FIRST_CYCLE_SHORT = {
    # S-LMS: its sulfur activates as charge passes (0.70 of the 0.8207 mA.h as made at cycle 1's end)
    "activation": ("Li2021_S_Mo6S8", {"host thermodynamics": "lever rule",
                                      "dispersed material degradation": "activation and contact loss"},
                   ("Discharge at 1C for 1 minute",), "0.0007 A.h capacity",
                   "A.h of its material out of contact at its end (dispersed material not yet activated"),
    # TiS2 with Li trapping: cycle 1 0.2720, cycle 2 0.2669 of 0.2818 mA.h as made
    "trapping": ("Li2021_TiS2", {"Li trapping": "irreversible", "host thermodynamics": "lever rule"},
                 ("Discharge at 1C for 5 minutes", "Charge at 1C until 2.9 V"), "0.00028 A.h capacity",
                 "A.h in Li trapped in the host"),
}


def _first_cycle_short(case, termination=None, cycles=3):
    name, options, cycle, written, _ = _FIRST_CYCLE_SHORT[case]
    experiment = pybamm.Experiment([cycle] * cycles, termination=termination or written)
    return pybamm.Simulation(pybamm_aea.AEA(options=options), parameter_values=pybamm.ParameterValues(name),
                             experiment=experiment)


@pytest.mark.parametrize("case", sorted(_FIRST_CYCLE_SHORT))
def test_an_experiment_its_capacity_termination_stops_after_cycle_1_is_warned(case):
    """S-LMS with "activation and contact loss" ends cycle 1 at 0.70 of its capacity as made (its sulfur not yet
    activated), so "0.0007 A.h capacity", below the capacity as made and passed by the check, stopped a 3-cycle run
    after cycle 1 with PyBaMM's log line only (review R13); so did TiS2 with Li trapping, whose cycle 1 keeps Li in
    its host. Now FirstCycleCapacityTerminationWarning names the termination, cycle 1's "Capacity [A.h]", the
    capacity as made and what cycle 1 lacks of it, each part its own figure (S-LMS: material out of contact only,
    TiS2: Li trapped only; they sum to the gap, review R17: a trapped part read as made minus cycle 1's passed); the
    capacity it advises is one check_termination takes; the solution is PyBaMM's (1 cycle)."""
    from pybamm_aea.models.experiment_checks import check_termination, theoretical_cathode_capacity

    name, written, part = _FIRST_CYCLE_SHORT[case][0], *_FIRST_CYCLE_SHORT[case][3:]
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        solution = _first_cycle_short(case).solve()
    assert len(solution.cycles) == 1 and solution.termination == "experiment capacity limit reached"
    record = [w for w in record if "after its first cycle" in str(w.message)]
    assert [w.category.__name__ for w in record] == ["FirstCycleCapacityTerminationWarning"]
    text = str(record[0].message)
    first = float(solution.summary_variables["Capacity [A.h]"][0])
    electrode = float(solution.summary_variables["Positive electrode capacity [A.h]"][0])
    made = theoretical_cathode_capacity(None, pybamm.ParameterValues(name))
    assert f"the experiment stopped at its termination {written!r} after its first cycle, 1 of its 3 cycles" in text
    said = float(re.search(r"cycle 1's \"Capacity \[A\.h\]\" (\S+) A\.h", text)[1])
    assert said == pytest.approx(first, rel=1e-3)
    assert float(re.search(r"The cathode's capacity as made is (\S+) A\.h", text)[1]) == pytest.approx(made, rel=1e-3)
    out = re.search(r"(\S+) A\.h of its material out of contact", text)
    trapped = re.search(r"(\S+) A\.h in Li trapped in the host", text)
    assert (out is not None, trapped is not None) == ((True, False) if case == "activation" else (False, True))
    if out:
        assert float(out[1]) == pytest.approx(made - electrode, rel=1e-3)
    if trapped:
        assert float(trapped[1]) == pytest.approx(electrode - first, rel=1e-3)
    parts = sum(float(m[1]) for m in (out, trapped) if m)
    assert parts == pytest.approx(made - first, rel=2e-3)
    assert part in text and record[0].filename == __file__
    assert ("not yet activated at cycle 1's end" in text) == (case == "activation")
    advised = re.search(r"give a capacity below (\S+) A\.h", text)[1]
    check_termination(pybamm.Experiment([("Rest for 1 minute",)] * 2, termination=f"{advised} A.h capacity"),
                      pybamm.ParameterValues(name))
    assert "starting_solution" not in text  # (a continuation's first cycle is not warned about, nor said in the CLI)


def test_the_first_cycle_warning_prints_figures_apart_and_advises_a_capacity_the_check_takes():
    """LMS with "persistent Li0" at 1C: cycle 1 0.00015165 A.h, "0.00015167 A.h capacity", 0.00015169 A.h as made.
    At 4 digits the warning said cycle 1's "0.0001517 A.h ... is at or below 0.0001517 A.h", ended "at 1 of" the
    capacity as made and advised "a capacity below 0.0001517 A.h", which check_termination refuses (review R17).
    Now each figure is printed apart from the others and the capacity advised is taken."""
    from pybamm_aea.models.experiment_checks import check_termination

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    experiment = pybamm.Experiment([("Discharge at 1C until 1.8 V", "Charge at 1C until 2.8 V")] * 3,
                                   termination="0.00015167 A.h capacity")
    model = pybamm_aea.AEA(options={"host thermodynamics": "lever rule", "ionic-switch host loss": "persistent Li0"})
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        solution = pybamm.Simulation(model, parameter_values=values, experiment=experiment).solve()
    assert len(solution.cycles) == 1
    text = next(str(w.message) for w in record if w.category.__name__ == "FirstCycleCapacityTerminationWarning")
    first = re.search(r"cycle 1's \"Capacity \[A\.h\]\" (\S+) A\.h", text)[1]
    limit = re.search(r"is at or below (\S+) A\.h", text)[1]
    made = re.search(r"The cathode's capacity as made is (\S+) A\.h", text)[1]
    assert len({first, limit, made}) == 3 and float(first) < float(limit) < float(made)
    assert not re.search(r"cycle 1 ended at 1 of it", text)
    advised = re.search(r"give a capacity below (\S+) A\.h", text)[1]
    check_termination(pybamm.Experiment([("Rest for 1 minute",)] * 2, termination=f"{advised} A.h capacity"), values)
    assert "(host isolated behind the Li0 film)" in text and "dispersed" not in text



def test_the_first_cycle_warning_gives_each_figure_its_own_digits():
    """Review R19: S-LMS with activation and a termination 1e-10 A.h above cycle 1's capacity: cycle 1's and the
    termination's figures need 7 significant digits apart, and every figure got them: the capacity as made 0.0008207318 A.h, cycle
    1 ended "at 0.6983915 of it", 0.0002475397 A.h out of contact, most of it noise. Now each figure has the digits
    that tell it from the ones it is said with: 4 for the capacity as made and the parts, those that tell cycle 1's
    share from 1 for it (0.99999 is not "1")."""
    from pybamm_aea.models.step_checks import digits_apart

    assert digits_apart(0.99999, 1.0) == 5 and digits_apart(0.6983915, 1.0) == 4
    name, options, cycle = _FIRST_CYCLE_SHORT["activation"][:3]
    values = pybamm.ParameterValues(name)
    alone = pybamm.Simulation(pybamm_aea.AEA(options=options), parameter_values=values,
                              experiment=pybamm.Experiment([cycle])).solve()
    first = float(alone.summary_variables["Capacity [A.h]"][0])
    experiment = pybamm.Experiment([cycle] * 3, termination=f"{first + 1e-10!r} A.h capacity")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        pybamm.Simulation(pybamm_aea.AEA(options=options), parameter_values=values, experiment=experiment).solve()
    text = next(str(w.message) for w in record if w.category.__name__ == "FirstCycleCapacityTerminationWarning")
    said = re.search(r"cycle 1's \"Capacity \[A\.h\]\" (\S+) A\.h \((\S+) mA\.h\) is at or below (\S+) A\.h", text)
    assert said[1] != said[3] and float(said[1]) < float(said[3]) and len(said[1]) == len("0.0005731921"), text
    assert "The cathode's capacity as made is 0.0008207 A.h; cycle 1 ended at 0.6984 of it: 0.0002475 A.h of its " \
        "material out of contact" in text, text


def test_two_terminations_of_one_kind_are_refused_naming_both():
    """["80% capacity", "0.0007 A.h capacity"]: PyBaMM keeps the last of one kind and drops the other without a word
    (S-LMS with activation stopped after cycle 1, or reversed ran all cycles: review R19). Refused naming both; one of
    each kind is taken."""
    from pybamm_aea.models.experiment_checks import check_termination

    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    for given in (["80% capacity", "0.0007 A.h capacity"], ["0.0007 A.h capacity", "80% capacity"]):
        with pytest.raises(ValueError, match=re.escape(f"terminations {given[0]!r}, {given[1]!r}: 2 capacity "
                                                       f"terminations, of which PyBaMM keeps only the last "
                                                       f"({given[1]!r})")):
            check_termination(pybamm.Experiment([("Rest for 1 minute",)] * 2, termination=given), values)
    check_termination(pybamm.Experiment([("Rest for 1 minute",)] * 2, termination=["80% capacity", "2.5 V"]), values)

def test_the_advised_capacity_is_below_cycle_1s_and_a_thinner_cathode_is_no_loading_slip():
    """Review R19: (1) the advice's capacity was cycle 1's rounded to nearest: S-LMS with activation, cycle 1
    0.0005731920897 A.h, "0.0007 A.h capacity", advised "below 0.0005732" (above cycle 1: that termination stops
    there too); now rounded down, also where a termination close to cycle 1's takes more digits. (2) S-LMS at 75 % of its loading (its "Nominal cell capacity [A.h]" 1.325 times
    the capacity as made) with "0.0007 A.h capacity" was refused as a loading slip ("check what that capacity is
    computed from"), dropping the termination's own hints; a slip's sign is a factor of 10 or more."""
    from pybamm_aea.models.step_checks import _down

    assert _down(0.0005731920897, 7) == "0.000573192" and _down(0.0005731920897, 4) == "0.0005731"
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    model = pybamm_aea.AEA(options={"host thermodynamics": "lever rule",
                                    "dispersed material degradation": "activation and contact loss"})
    cycle = ("Discharge at 1C for 1 minute",)
    first = float(pybamm.Simulation(model, parameter_values=values, experiment=pybamm.Experiment([cycle])).solve()
                  .summary_variables["Capacity [A.h]"][0])
    for termination in ("0.0007 A.h capacity", f"{first * (1 + 1e-6)!r} A.h capacity"):  # (4 digits, more)
        experiment = pybamm.Experiment([cycle] * 3, termination=termination)
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            pybamm.Simulation(model, parameter_values=values, experiment=experiment).solve()
        text = next(str(w.message) for w in record if w.category.__name__ == "FirstCycleCapacityTerminationWarning")
        assert float(re.search(r"give a capacity below (\S+) A\.h", text)[1]) < first, text
    values.update({"Cathode loading [kg.m-2]": 0.75 * values["Cathode loading [kg.m-2]"]})
    experiment = pybamm.Experiment([cycle] * 3, termination="0.0007 A.h capacity")
    with pytest.raises(ValueError) as error:
        pybamm.Simulation(model, parameter_values=values, experiment=experiment).build_for_experiment()
    assert "is at or above the cell's capacity" in str(error.value), str(error.value)
    assert "check what that capacity is computed from" not in str(error.value)

@pytest.mark.parametrize("cycle, termination", [
    (("Discharge at 1C for 10 hours",), "0.0007 A.h capacity"),  # its "Minimum voltage [V]" event ends cycle 1
    (("Discharge at 1C for 1 minute", "Rest for 1 minute"), ["0.0007 A.h capacity", "30 seconds"]),  # 1 step of 2
])
def test_a_cycle_1_a_step_or_a_time_cut_short_is_not_told_as_the_capacity_termination(cycle, termination):
    """S-LMS with activation: a step of cycle 1 ending on the model's "Minimum voltage [V]" event (PyBaMM: "only
    contains up to step 1 of cycle 1") got the ExperimentStepFailedWarning and also FirstCycleCapacityTerminationWarning
    saying the run stopped at its capacity termination after its first cycle (PyBaMM checks the capacity first and
    labels the stop its; review R17); a time termination met within cycle 1's first step likewise. Now the step's
    warning alone, and nothing for a cycle 1 cut short by the time."""
    name, options = _FIRST_CYCLE_SHORT["activation"][:2]
    experiment = pybamm.Experiment([cycle] * 3, termination=termination)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        solution = pybamm.Simulation(pybamm_aea.AEA(options=options), parameter_values=pybamm.ParameterValues(name),
                                     experiment=experiment).solve()
    assert len(solution.cycles) == 1 and solution.termination == "experiment capacity limit reached"
    names = [w.category.__name__ for w in record if "Capacity" in w.category.__name__ or "Step" in w.category.__name__]
    # (the capacity termination on a rising "Capacity [A.h]" is told at the build, before any step: session 55)
    assert names == ["RisingCapacityTerminationWarning"] + (["ExperimentStepFailedWarning"] if len(cycle) == 1 else [])


@pytest.mark.parametrize("termination", ["80% capacity", "0.0004 A.h capacity"])
def test_a_capacity_termination_on_an_activating_cell_says_capacity_rises_and_how_to_stop_on_the_delivered(
        termination):
    """Session 55's trial: S-LMS with "activation and contact loss", 200 cycles, "Capacity [A.h]" 0.578 -> 0.650
    (cycle 50) -> 0.470 mA.h (81.3 % of cycle 1) while the capacity delivered fell 0.306 -> 0.169 mA.h (55 %): an
    "80% capacity" termination never stopped the run, without a word. Now the build warns once per simulation, naming
    the termination, the option and how to stop on the delivered capacity; not without the option, nor for a voltage
    termination."""
    from pybamm_aea.models.experiment_checks import RisingCapacityTerminationWarning

    name, options = _FIRST_CYCLE_SHORT["activation"][:2]
    cycle = ("Discharge at 1C for 1 minute",)
    sim = pybamm.Simulation(pybamm_aea.AEA(options=options), parameter_values=pybamm.ParameterValues(name),
                            experiment=pybamm.Experiment([cycle] * 2, termination=termination))
    with pytest.warns(RisingCapacityTerminationWarning) as record:
        sim.build_for_experiment()
    text = str([w for w in record if w.category is RisingCapacityTerminationWarning][0].message)
    for said in (f"termination {termination!r} stops on the summary variable \"Capacity [A.h]\"",
                 "'dispersed material degradation': 'activation and contact loss'", "0.650 at cycle 50",
                 "cycle_summary(solution)[\"Discharge capacity in cycle [A.h]\"]", "starting_solution"):
        assert said in text, (said, text)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RisingCapacityTerminationWarning)
        sim.build_for_experiment()  # (told once)
        for model, kept in ((pybamm_aea.AEA(options={"host thermodynamics": "lever rule",
                                                     "ionic-switch host loss": "persistent Li0"}), termination),
                            (pybamm_aea.AEA(options=options), "2.5 V")):
            pybamm.Simulation(model, parameter_values=pybamm.ParameterValues(name),
                              experiment=pybamm.Experiment([cycle] * 2, termination=kept)).build_for_experiment()


@pytest.mark.parametrize("other, said", [
    ("2.5 V", "its termination '2.5 V' (cycle 1's lowest voltage 2."),  # its lowest 2.20 V
    ("30 seconds", "its termination '30 seconds' (cycle 1 took 30 s)"),
])
def test_another_termination_cycle_1_met_is_named_with_the_capacity_one(other, said):
    """S-LMS with activation, termination=["0.0007 A.h capacity", "2.5 V"]: cycle 1's lowest voltage 2.20 V meets the
    voltage termination too, but PyBaMM labels the stop the capacity's, and the warning blamed the capacity alone,
    quoting the list (review R17); a "30 seconds" termination likewise. Now the capacity termination is quoted as
    written and the other one cycle 1 met is named: a lower capacity alone would still stop the run there."""
    name, options, cycle = _FIRST_CYCLE_SHORT["activation"][:3]
    experiment = pybamm.Experiment([cycle] * 3, termination=["0.0007 A.h capacity", other])
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        pybamm.Simulation(pybamm_aea.AEA(options=options), parameter_values=pybamm.ParameterValues(name),
                          experiment=experiment).solve()
    text = next(str(w.message) for w in record if w.category.__name__ == "FirstCycleCapacityTerminationWarning")
    assert "the experiment stopped at its termination '0.0007 A.h capacity' after its first cycle" in text
    assert said in text and "was also met by cycle 1, so a lower capacity alone would still stop it there" in text


def test_a_continuation_its_first_cycle_stops_is_not_told_as_cycle_1():
    """The first cycle of a solve continuing a starting_solution is not warned about (its cycles count on from the
    starting solution's; docs/checks.rst); PyBaMM stops it there (S-LMS with activation, "0.0007 A.h capacity")."""
    name, options, cycle, written = _FIRST_CYCLE_SHORT["activation"][:4]
    values = pybamm.ParameterValues(name)
    start = pybamm.Simulation(pybamm_aea.AEA(options=options), parameter_values=values,
                              experiment=pybamm.Experiment([cycle])).solve()
    experiment = pybamm.Experiment([cycle] * 3, termination=written)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*after its first cycle")
        solution = pybamm.Simulation(pybamm_aea.AEA(options=options), parameter_values=values,
                                     experiment=experiment).solve(starting_solution=start)
    assert len(solution.cycles) == 2 and solution.termination == "experiment capacity limit reached"


@pytest.mark.parametrize("termination, cycles, ran", [
    ("0.00027 A.h capacity", 3, 2),  # between cycle 2's 0.2669 and cycle 1's 0.2720 mA.h: a fade run's
    ("99% capacity", 3, 2),  # cycle 2 at 98.1 % of cycle 1's
    ("0.00028 A.h capacity", 1, 1),  # an experiment of one cycle: it ran all it was asked
])
def test_a_capacity_termination_met_after_a_later_cycle_or_on_a_one_cycle_run_is_not_warned(termination, cycles,
                                                                                             ran):
    """The FirstCycleCapacityTerminationWarning is for a run stopped after cycle 1 of several: a termination a fade
    meets at cycle 2 (TiS2 with Li trapping) and a one-cycle experiment are not warned about."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*after its first cycle")
        solution = _first_cycle_short("trapping", termination, cycles).solve()
    assert len(solution.cycles) == ran


def test_a_termination_voltage_at_or_above_an_input_upper_cut_off_is_refused():
    """With "Upper voltage cut-off [V]" an input of the solve, termination="2.9 V" at an upper cut-off of 2.8 V ran
    cycle 1 and stopped there ("experiment voltage limit reached"), without a word: the check read the cut-off
    without the solve's inputs and was skipped. Refused with the input's value before any step; 3.0 V passes."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Upper voltage cut-off [V]": "[input]"})

    def sim():
        experiment = pybamm.Experiment([("Discharge at 0.1C for 1 minute",)] * 2, termination="2.9 V")
        return pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment)

    with pytest.raises(ValueError, match=re.escape(
            "the experiment's termination '2.9 V': its voltage 2.9 V is at or above the cell's \"Upper voltage "
            "cut-off [V]\" 2.8 V")):
        sim().solve(inputs={"Upper voltage cut-off [V]": 2.8})
    sim().build_for_experiment(inputs={"Upper voltage cut-off [V]": 3.0})


@pytest.mark.parametrize("text, message", [
    ("Discharge at 0.1C until 0.3 V", "the voltage cut-off of the experiment's step 2 (Discharge at 0.1C until 0.3 V) "
                                      "= 0.3 V is outside its range (0.8, 3.8) (the cell's voltage cut-offs 1.8 and "
                                      "2.8 V moved 1 V out"),
    ("Charge at 0.1C until 5.5 V", "= 5.5 V is outside its range (0.8, 3.8)"),
    ("Discharge at 0.1C for 1 hour or until 0.5 V", "= 0.5 V is outside its range (0.8, 3.8)"),
])
def test_a_step_cut_off_outside_the_window_is_refused(text, message):
    """A cut-off beyond the LMS cell's window moved 1 V out can never end its step: "until 0.3 V" ran to the model's
    0.8 V "Minimum voltage [V]" event, where PyBaMM stopped the whole experiment (a 300-cycle run in cycle 1) with a
    logged warning only; "until 5.5 V" failed in IDA (IDA_ERR_FAIL). Refused before any step, naming the step, the
    value and the window; a cut-off inside it (1.0 V; 0.85 V until session 63, now below the host's free energy's end,
    test_a_cut_off_below_the_hosts_free_energy_is_refused_and_below_the_sets_window_warned) passes."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")

    def sim(step):
        experiment = pybamm.Experiment([("Rest for 1 minute", step)] * 300)
        return pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment)

    with pytest.raises(ValueError, match=re.escape(message)):
        sim(text).solve()
    with pytest.warns(CutOffBelowMeasuredWindowWarning):
        sim("Discharge at 0.1C until 1.0 V").build_for_experiment()


@pytest.mark.parametrize("set_name, anode, step, said", [
    ("Li2021_Mo6S8", "lithium metal", "Discharge at 0.1C until 0.85 V", "error"),
    ("Li2021_Mo6S8", "lithium metal", "Discharge at 0.1C until 1.0 V", "warning"),
    ("Li2021_Mo6S8", "lithium metal", "Discharge at 0.1C until 1.8 V", None),
    ("Li2021_S_Mo6S8", "lithium metal", "Discharge at 0.1C until 1.0 V", None),
    ("Li2021_S_Mo6S8", "Li-In", "Discharge at 0.1C until 0.3 V", "error"),
    ("Li2021_S_Mo6S8", "Li-In", "Discharge at 0.1C until 0.38 V", None),
    ("Li2021_TiS2", "lithium metal", "Discharge at 0.1C until 0.5 V", None),
])
def test_a_cut_off_below_the_hosts_free_energy_is_refused_and_below_the_sets_window_warned(set_name, anode, step,
                                                                                           said):
    """Trial WT (session 63): LMS run to 1.0 V (TiS2's window) was accepted without a word. Judged against the host's
    modelled window: below its free energy's end (Mo6S8: the OCP at 4 Li, U_full = 1.0 V; on Li-In a cell's 0.3 V is
    0.92 V vs Li) the model fills the host past its maximum Li, refused; below the set's own lower cut-off (LMS
    1.8 V; S-LMS 1.0 V) but above that end, the OCP is the model's assumption: warned. TiS2's host is full at its
    maximum (an event ends the step): not judged."""
    values = pybamm.ParameterValues(set_name)
    if anode == "Li-In":
        values.update(li_in_cut_offs(values))
    sim = pybamm.Simulation(pybamm_aea.AEA({"anode": anode}), parameter_values=values,
                            experiment=pybamm.Experiment([step]))
    if said == "error":
        with pytest.raises(ValueError, match=r"is below 1 V vs Li, where the host's free energy ends: .* end the step "
                                             r"at (1|0\.38) V or above"):
            sim.build_for_experiment()
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sim.build_for_experiment()
    warned = [w for w in caught if w.category is CutOffBelowMeasuredWindowWarning]
    assert len(warned) == (said == "warning"), [str(w.message) for w in caught]
    if warned:
        assert ("= 1 V is below the set's \"Lower voltage cut-off [V]\" 1.8 V" in str(warned[0].message)
                and "but not the host's end, 1 V vs Li" in str(warned[0].message)
                and len(str(warned[0].message)) <= 300)


def test_a_held_voltage_or_the_sets_lower_cut_off_below_the_hosts_end_is_refused_with_a_way_out_per_cell():
    """Review R51: only a step's voltage termination was judged against the host's end (Mo6S8: 1.0 V vs Li):
    "Hold at 0.9 V for 10 minutes" solved to 4.0019 Li, and the set's own "Lower voltage cut-off [V]" at 0.5 V
    discharged at 0.5C to -0.50 V and 4.027 Li, with no word. Both are now refused before any step, naming the value
    and the way out. A 2-cell battery's "until 1.6 V" (0.8 V a cell) was told "end the step at 1 V or above" (0.5 V
    a cell): the way out is now 2 V (1 V a cell). Each message <= 300 characters (the host-end error was 328)."""
    from pybamm_aea.models.step_checks import check_cut_off_in_host_window, check_step_values

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    with pytest.raises(ValueError, match=re.escape("the held voltage of the experiment's step 2 (Hold at 0.9 V for 10 "
                                                   "minutes) = 0.9 V is below 1 V vs Li") + ".* hold at 1 V or above"):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
            ["Discharge at 0.5C until 1.8 V", "Hold at 0.9 V for 10 minutes"])).solve()
    check_step_values([pybamm.step.string("Hold at 1.0 V for 10 minutes")], None, values)  # (at the end: kept)
    with pytest.raises(ValueError, match=re.escape("(0.8 V a cell of 2) is below 1 V vs Li") + ".*"
                       + re.escape("end the step at 2 V (1 V a cell) or above")) as refused:
        check_cut_off_in_host_window(1, pybamm.step.string("Discharge at 0.5C until 1.6 V"), values, cells=2.0)
    assert len(str(refused.value)) <= 300, len(str(refused.value))
    values["Lower voltage cut-off [V]"] = 0.5
    with pytest.raises(ValueError, match=re.escape("'Lower voltage cut-off [V]' = 0.5 V (0.5 V vs Li) is below 1 V vs "
                                                   "Li") + ".* set it to 1 V or above"):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
            ["Discharge at 0.5C for 3 hours"])).solve()
    values["Lower voltage cut-off [V]"] = 1.0
    check_step_values([pybamm.step.string("Discharge at 0.5C until 1.0 V")], None, values)  # (at the end: kept)


def test_a_hold_below_the_measured_window_is_warned_as_a_cut_off_is():
    """Session 63 left it: "Hold at 1.5 V for 10 minutes" on LMS (below the 1.8 V window its cell was measured in,
    above the host's 1.0 V end) ran without a word, where "until 1.5 V" warned. The one judgement
    (step_checks.judge_in_host_window) now warns for a hold in the cut-off's words; at 1.8 V it is silent. On a
    2-cell battery the hold is a cell's voltage, as PyBaMM holds it (session 63 refused it as 0.75 V a cell)."""
    from pybamm_aea.models.step_checks import check_step_values

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    with pytest.warns(CutOffBelowMeasuredWindowWarning, match=re.escape(
            "the held voltage of the experiment's step 1 (Hold at 1.5 V for 10 minutes) = 1.5 V is below the set's "
            "\"Lower voltage cut-off [V]\" 1.8 V but not the host's end, 1 V vs Li: the OCP between them is measured "
            "on no cell of this set, a prediction (docs/known_limits.rst)") + "$"):
        check_step_values([pybamm.step.string("Hold at 1.5 V for 10 minutes")], None, values)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CutOffBelowMeasuredWindowWarning)
        check_step_values([pybamm.step.string("Hold at 1.8 V for 10 minutes")], None, values)
    # a held voltage is a cell's (PyBaMM holds "Voltage [V]"; test_a_voltage_steps_termination_point_is_the_batterys_
    # on_cells_in_series): session 63 divided it by the cells in series and refused a 2-cell "Hold at 1.5 V" as
    # 0.75 V a cell, below the host's end; it is warned as on one cell
    values["Number of cells connected in series to make a battery"] = 2
    with pytest.warns(CutOffBelowMeasuredWindowWarning, match=re.escape("(Hold at 1.5 V for 10 minutes) = 1.5 V is "
                                                                        "below the set's")):
        check_step_values([pybamm.step.string("Hold at 1.5 V for 10 minutes")], None, values)


@pytest.mark.parametrize("step, inputs, message", [
    (pybamm.step.voltage(_I("V_hold"), duration=600), {"V_hold": 0.9},
     "the held voltage of the experiment's step 1 (Voltage(V_hold, duration=600)) = 0.9 V, from the input 'V_hold' = "
     "0.9 is below 1 V vs Li"),
    (pybamm.step.c_rate(0.1, termination=pybamm.step.VoltageTermination(_I("V_cut"))), {"V_cut": 0.9},
     "the voltage cut-off of the experiment's step 1 (CRate(0.1, duration=72000.0, termination=VoltageTermination("
     "V_cut))) = 0.9 V, from the input 'V_cut' = 0.9 is below 1 V vs Li"),
    (pybamm.step.voltage(lambda t: 1.8 - 1e-3 * t, duration=900), None,
     "= 0.990909 V at t = 809.091 s into the step is below 1 V vs Li"),
    (pybamm.step.voltage(np.array([[0.0, 1.8], [600.0, 1.2], [1200.0, 0.9]]), duration=1200), None,
     "(Voltage(a drive cycle of 3 samples over 1200 s, 0.9 to 1.8 V)) = 0.9 V at t = 1200 s of its drive cycle "
     "(sample 3 of 3) is below 1 V vs Li"),
], ids=["held input", "cut-off input", "held function of time", "held drive cycle"])
def test_a_held_voltage_of_an_input_or_of_the_time_is_judged_against_the_hosts_end(step, inputs, message):
    """Session 63 judged only numbers against the host's end (Mo6S8: 1.0 V vs Li): a hold given as an input
    (pybamm.step.voltage(pybamm.InputParameter("V_hold")) at 0.9 V), an input cut-off, a held function of the time
    and a held drive cycle all ran past the host's maximum Li without a word (the held input at 0.9 V for 60 s held
    the cell at 0.9 V, test_valid_step_values_pass_and_a_voltage_hold_inside_the_moved_window_runs until session 64).
    Each is now judged where the solve knows it, by the one judgement: refused with the way out. A function of the
    time is judged at the times the step certainly runs at (here all: no termination), a drive cycle at every sample
    it reaches. Above the end and below 1.8 V it is warned, the input's value named."""
    from pybamm_aea.models.step_checks import check_step_values

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    with pytest.raises(ValueError, match=re.escape(message) + ", where the host's free energy ends: the model would "
                       "fill the host past its maximum Li; (hold at|end the step at) 1 V or above$"):
        check_step_values([step], inputs, values)
    if inputs:
        name = next(iter(inputs))
        with pytest.warns(CutOffBelowMeasuredWindowWarning, match=re.escape(
                f"= 1.5 V, from the input {name!r} = 1.5 is below the set's \"Lower voltage cut-off [V]\" 1.8 V")):
            check_step_values([step], {name: 1.5}, values)


def test_a_plain_solve_judges_its_lower_cut_off_against_the_hosts_end_once_per_model(monkeypatch):
    """Session 63 left it: sim.solve([0, 3600]) with no experiment and LMS's "Lower voltage cut-off [V]" set to 0.5 V
    was not judged and filled Mo6S8 past its 4 Li. A plain solve now judges the values' lower cut-off (a number or
    an input's, at the solve) by the one judgement the experiment uses; the host's window is computed once per model
    and input set (step_checks.host_window): a second solve of the same model and inputs does not compute it again.
    TiS2's host, full at its maximum, is not judged (its event ends the solve)."""
    from pybamm_aea.models import step_checks

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Lower voltage cut-off [V]"] = 0.5
    with pytest.raises(ValueError, match=re.escape(
            "'Lower voltage cut-off [V]' = 0.5 V (0.5 V vs Li) is below 1 V vs Li, where the host's free energy ends: "
            "the model would fill the host past its maximum Li; set it to 1 V or above") + "$"):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 3600])
    values["Lower voltage cut-off [V]"] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    with pytest.raises(ValueError, match=re.escape("'Lower voltage cut-off [V]' = 0.6 V (0.6 V vs Li) is below")):
        sim.solve([0, 60], inputs={"Lower voltage cut-off [V]": 0.6})
    computed = []
    real = step_checks.host_end_voltage
    monkeypatch.setattr(step_checks, "host_end_voltage", lambda *args: computed.append(args) or real(*args))
    for _ in range(2):
        sim.solve([0, 60], inputs={"Lower voltage cut-off [V]": 1.8})
    assert len(computed) == 1
    tis2 = pybamm.ParameterValues("Li2021_TiS2")
    tis2["Lower voltage cut-off [V]"] = 0.5
    pybamm.Simulation(pybamm_aea.AEA(), parameter_values=tis2).solve([0, 60])


@pytest.mark.parametrize("step, message", [
    ("Discharge at 0.1C until 0 V", "(Discharge at 0.1C until 0 V) = 0.0 V is outside its range (0, 3.38) (the cell's "
                                    "voltage cut-offs 0.38 and 2.38 V moved 1 V out, above 0 V"),
    (pybamm.step.c_rate(0.1, termination="< -0.3 V"), "= -0.3 V is outside its range (0, 3.38)"),
    ("Hold at 3.5 V for 1 hour", "= 3.5 is outside its range (0, 3.38) (the cell's window in an experiment: its "
                                 "voltage cut-offs 0.38 and 2.38 V, which PyBaMM moves 1 V out, above 0 V;"),
])
def test_a_li_in_cells_window_in_an_experiment_stays_above_0_v(step, message):
    """Session 40's user trial: on Li-In a TiS2 cell's cut-offs are 0.38-2.38 V, which PyBaMM's 1 V margin takes to
    -0.62 V. A step cut-off at or below 0 V passed the window check ("until -0.3 V" drove the cell to -0.3 V,
    x = 0.995, where a termination of -1 V is refused as outside (0, 6]), and a hold at 3.5 V was told its range
    was (-0.62, 3.38). The window is now above 0 V, as every cell voltage a step gives; 0.1 V passes. A cut-off at
    or below 0 V was told to widen "Lower/Upper voltage cut-off [V]" to run past the window, which no cut-off
    does: it is told a cell's voltage is above 0 V."""
    values = pybamm.ParameterValues("Li2021_TiS2")
    values.update({"Lower voltage cut-off [V]": 0.38, "Upper voltage cut-off [V]": 2.38})

    def sim(step):
        return pybamm.Simulation(pybamm_aea.AEA({"anode": "Li-In"}), parameter_values=values,
                                 experiment=pybamm.Experiment([step]))

    with pytest.raises(ValueError, match=re.escape(message)) as error:
        sim(step).solve()
    # a cut-off at or below 0 V: no window admits it, so the advice to widen the cut-offs is not given
    if step != "Hold at 3.5 V for 1 hour":
        assert "widen" not in str(error.value)
        assert "a cell's voltage is above 0 V, whatever its cut-offs)" in str(error.value)
    sim("Discharge at 0.1C until 0.1 V").build_for_experiment()


def test_a_step_cut_off_above_the_most_a_cell_voltage_may_be_is_refused_whatever_the_window():
    """A voltage step is at most MAX_VOLTAGE_VS_LI (6 V) and so is the "Upper voltage cut-off [V]", but a step's
    cut-off was refused only outside the window moved 1 V out: with the window at 6 V, "Charge at 0.01C until
    6.5 V" was accepted (session 41's review). Refused, naming the value and the limit; 6 V itself builds; a
    battery's cut-off is read per cell (2 cells: 12 V builds, 12.2 V is refused)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Upper voltage cut-off [V]": 6.0})

    def sim(step, cells=1):
        values.update({"Number of cells connected in series to make a battery": cells})
        return pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment([step]))

    with pytest.raises(ValueError, match=re.escape(
            "the voltage cut-off of the experiment's step 1 (Charge at 0.01C until 6.5 V) = 6.5 V is above 6 V, the "
            "most a cell voltage may be")):
        sim("Charge at 0.01C until 6.5 V").solve()
    with pytest.raises(ValueError, match=re.escape("= 12.2 V, a battery voltage: 6.1 V a cell of the 2 in series is "
                                                   "above 6 V")):
        sim("Charge at 0.01C until 12.2 V", cells=2).solve()
    sim("Charge at 0.01C until 6 V").build_for_experiment()
    sim("Charge at 0.01C until 12 V", cells=2).build_for_experiment()


def test_a_batterys_step_and_experiment_cut_offs_are_read_per_cell():
    """PyBaMM ends a step and an experiment on the battery's voltage ("Battery voltage [V]"), the cut-offs and the
    window events are a cell's. With 2 LMS cells in series (cut-offs 1.8-2.8 V a cell), "Discharge at 0.1C until
    4.0 V" (2.0 V a cell, well inside) was refused as outside (0.8, 3.8), and termination="5.0 V" as at or above
    the upper cut-off 2.8 V; "until 1.0 V" (0.5 V a cell) is refused, as is termination="5.7 V" (at or above 5.6 V);
    the first two now build (4.0 V ran to 2.0 V a cell, measured)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Number of cells connected in series to make a battery": 2})

    def sim(step, termination=None):
        experiment = pybamm.Experiment([step], termination=termination)
        return pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment)

    sim("Discharge at 0.1C until 4.0 V").build_for_experiment()
    sim("Discharge at 0.1C for 1 minute", "5.0 V").build_for_experiment()
    with pytest.raises(ValueError, match=re.escape("(Discharge at 0.1C until 1.0 V) = 1.0 V, a battery voltage: 0.5 V "
                                                   "a cell of the 2 in series is outside its range (0.8, 3.8)")):
        sim("Discharge at 0.1C until 1.0 V").solve()
    with pytest.raises(ValueError, match=re.escape("its voltage 5.7 V is at or above the cell's \"Upper voltage "
                                                   "cut-off [V]\" 2.8 V x 2 cells in series = 5.6 V")):
        sim("Discharge at 0.1C for 1 minute", "5.7 V").solve()


def test_whole_at_least_takes_integers_not_bools_floats_or_text():
    """The one whole-number check (sweep's workers, refined_var_pts, cathode_cells, a reference discharge,
    save_at_cycles): a Python or NumPy integer >= low; a bool (True was 1), 2.0, "2" and None are none."""
    from pybamm_aea.user_input import check_save_at_cycles, whole_at_least

    assert all(whole_at_least(v, 2) for v in (2, 3, np.int64(2), np.int32(7)))
    assert not any(whole_at_least(v, 2) for v in (1, np.int64(1), 2.0, np.float64(3.0), "2", None, np.array(2)))
    assert not whole_at_least(True, 1) and not whole_at_least(np.bool_(True), 1) and whole_at_least(-5, -math.inf)
    # PyBaMM reads an N by isinstance(N, int): a numpy integer only in a list, a bool nowhere
    check_save_at_cycles(2), check_save_at_cycles([np.int64(1), 3])
    for bad in (True, [True], np.int64(2), [2.0]):
        with pytest.raises(ValueError, match=re.escape(f"save_at_cycles = {bad!r}: ") + ".* is no cycle number"):
            check_save_at_cycles(bad)


def test_close_names_match_without_case_and_give_one_spelling_per_name():
    """The one "did you mean" match: 'VOLTAGE [V]' finds 'Voltage [V]' (a case-sensitive match scored it too low to
    suggest); two known names that differ only by case are one suggestion, spelled as the one closer to what was
    typed (it was the first of ``known``); ``cutoff`` as difflib's."""
    from pybamm_aea.user_input import close_names

    assert close_names("VOLTAGE [V]", ["Current [A]", "Voltage [V]"]) == ["Voltage [V]"]
    assert close_names("Voltag [V]", ["Current [A]", "Voltage [V]"]) == ["Voltage [V]"]
    assert close_names("Voltage [v]", ["VOLTAGE [V]", "Voltage [V]", "voltage [V]"]) == ["Voltage [V]"]
    assert close_names("VOLTAGE [v]", ["Voltage [V]", "VOLTAGE [V]"]) == ["VOLTAGE [V]"]
    assert close_names("Cathode porsity", ["Cathode porosity"], cutoff=0.99) == []
    assert close_names("Cathode porsity", ["Cathode porosity"], cutoff=0.9) == ["Cathode porosity"]


def test_close_names_suggest_no_other_quantity():
    """A typo is a few letters of the name meant; another quantity of a long name shares most of it. Case-blind
    difflib at cutoff 0.8 offered 'Li trapping activation energy [J.mol-1]' for PyBaMM's 'SEI growth activation
    energy [J.mol-1]' (14 letters differ), the cathode's exchange-current density beside the anode's for a typo of
    the anode's, layer 2 beside layer 1; the names fewest edits away only (benchmarks/bench_close_names.py: another
    name was listed for 86 % of the AEA names' typos, now 0.4 %)."""
    from pybamm_aea.models.checks import RANGES
    from pybamm_aea.user_input import close_names

    known = sorted(RANGES)
    assert close_names("SEI growth activation energy [J.mol-1]", known, cutoff=0.8) == []
    assert close_names("Anode exchane-current density [A.m-2]", known) == ["Anode exchange-current density [A.m-2]"]
    assert close_names("Separator layer 1 thickness [um]", known) == ["Separator layer 1 thickness [m]"]
    assert close_names("Cathode ionic conductivity factr", known) == ["Cathode ionic conductivity factor"]
    assert close_names("Separator layer thickness [m]", known) == ["Separator layer 1 thickness [m]",
                                                                   "Separator layer 2 thickness [m]"]
    assert close_names("cathode porosity", known) == close_names("Cathode porsity", known) == ["Cathode porosity"]
    assert close_names("Voltage", ["Current [A]", "Voltage [V]"]) == ["Voltage [V]"]  # the unit left out


def test_close_names_compare_with_each_known_name_once(monkeypatch):
    """close_names compares a misspelt name with each known name once: one difflib matcher gives both the edits and
    the ratio (it built two per known name, matching each pair twice), and one more picks the spelling of the name
    found. The answers are the same (benchmarks/bench_close_names.py gives the same figures)."""
    import difflib

    from pybamm_aea.models.checks import RANGES
    from pybamm_aea.user_input import close_names

    made = []

    class Counted(difflib.SequenceMatcher):
        def __init__(self, *args, **kwargs):
            made.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(difflib, "SequenceMatcher", Counted)
    known = sorted(RANGES)
    assert close_names("Cathode porsity", known) == ["Cathode porosity"]
    assert len(made) == len({k.lower() for k in known}) + 1


@pytest.mark.parametrize("save_at_cycles", [0, -1, 2.5, [0, 3], (1, 3), [], np.int64(2)])
def test_save_at_cycles_that_is_no_cycle_number_is_refused(save_at_cycles):
    """save_at_cycles=0 raised "ZeroDivisionError: integer modulo by zero" after cycle 2 had run; -1 kept every cycle,
    2.5, [0, 3], (1, 3) and numpy's int64(2) (PyBaMM reads an N by isinstance(N, int)) only the first and the last,
    without a word. Refused before any step, naming the value; [1, 3] and [int64(1), int64(3)] run."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    experiment = pybamm.Experiment([("Discharge at 0.1C for 1 minute", "Rest for 1 minute")] * 4)

    def solve(value):
        return pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment).solve(
            save_at_cycles=value)

    with pytest.raises(ValueError, match=re.escape(f"save_at_cycles = {save_at_cycles!r}: ") + ".* is no cycle number"):
        solve(save_at_cycles)
    assert [c is not None for c in solve([1, 3]).cycles] == [True, False, True, True]
    assert [c is not None for c in solve([np.int64(1), np.int64(3)]).cycles] == [True, False, True, True]


def test_save_at_cycles_naming_only_the_starting_solutions_cycles_is_refused():
    """Continuing a solution of 4 cycles with ``save_at_cycles=[3]`` (this solve's third cycle meant) kept only the
    solve's first and last cycles, 5 and 8, without a word: PyBaMM numbers the cycles on from the starting
    solution's. Refused before any step, naming the numbers to give; [7] keeps cycle 7, and an integer N or a list
    with a cycle of this solve runs as before."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    experiment = pybamm.Experiment([("Discharge at 0.1C for 1 minute", "Rest for 1 minute")] * 4)
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment)
    first = sim.solve()
    with pytest.raises(ValueError, match=re.escape(
            "save_at_cycles = [3] names only cycles of the starting solution, which has 4: PyBaMM numbers this "
            "solve's cycles on from there (5, 6, ...)") + ".* give \\[7\\]"):
        sim.solve(starting_solution=first, save_at_cycles=[3])
    assert [c is not None for c in sim.solve(starting_solution=first, save_at_cycles=[7]).cycles[4:]] == [
        True, False, True, True]
    assert [c is not None for c in sim.solve(starting_solution=first, save_at_cycles=[1, 7]).cycles[4:]] == [
        True, False, True, True]


def test_a_step_object_keeps_its_sign_whatever_its_description_and_a_drive_cycle_is_named_short():
    """The direction-word check reads the step string's own minus sign: a step object keeps the sign it was given
    (``c_rate(0.1, description="Charge at 0.1C")`` is a discharge, as PyBaMM runs it, not refused as "-0.1C"); a
    drive cycle's cut-off out of the window is named by its samples' count, not numpy's print of 2000 rows."""
    from pybamm_aea.models.experiment_checks import check_step_values

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    check_step_values([pybamm.step.c_rate(0.1, description="Charge at 0.1C", duration=60)], None, values)
    cycle = pybamm.step.current(np.c_[np.arange(2000.0), np.full(2000, 1e-5)], termination="< 0.5 V")
    with pytest.raises(ValueError, match=re.escape("step 1 (Current(a drive cycle of 2000 samples over 1999 s, 1e-05 A, "
                                                   "until V < 0.5 V)) = 0.5 V is outside its range (0.8, 3.8)")) as caught:
        check_step_values([cycle], None, values)
    assert "\n" not in str(caught.value)


def test_valid_step_values_pass_and_a_voltage_hold_inside_the_moved_window_runs():
    """Valid values pass, a current's sign (the direction) is no error; a voltage hold at 1.2 V, inside the window
    PyBaMM runs an LMS experiment in (its 1.8 V cut-off moved 1 V out), runs and holds the cell at 1.2 V, warned as
    below the set's measured window. (0.9 V until session 64, when a held input below the host's 1.0 V end came to
    be refused: test_a_held_voltage_of_an_input_or_of_the_time_is_judged_against_the_hosts_end.)"""
    from pybamm_aea.models.experiment_checks import check_step_values

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    check_step_values([pybamm.step.current(_I("I2"), duration=60), pybamm.step.c_rate(_I("C2"), duration=60),
                       pybamm.step.power(_I("P2"), duration=60), pybamm.step.resistance(_I("R2"), duration=60),
                       pybamm.step.voltage(_I("V2"), duration=60), pybamm.step.rest(duration=30)],
                      {"I2": -2e-5, "C2": -0.1, "P2": 2e-5, "R2": 1e5, "V2": 3.5}, values)
    experiment = pybamm.Experiment([pybamm.step.current(1e-5, duration=60),
                                    pybamm.step.voltage(_I("V2"), duration=60), pybamm.step.rest(duration=30)])
    with pytest.warns(CutOffBelowMeasuredWindowWarning):
        solution = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment).solve(
            inputs={"V2": 1.2})
    assert len(solution.cycles) == 3
    np.testing.assert_allclose(solution.cycles[1]["Voltage [V]"].entries, 1.2, atol=1e-3)


def _cycle(times, values):
    return np.column_stack([np.asarray(times, dtype=float), np.asarray(values, dtype=float)])


def test_a_drive_cycle_moving_less_than_one_second_at_1c_is_warned_as_times_likely_in_hours():
    """Session 61's user trial: a 0.17 h drive cycle at 3C (4.55e-4 A on LMS, 1C 1.517e-4 A) with its times in hours
    read as seconds solved 0.17 s and delivered 2e-5 mA.h without a word. A drive cycle of currents or C-rates whose
    step moves less charge than one second at 1C (1/3600 of the nominal capacity: read as hours it would move at
    most one capacity) is now warned, naming the charge, the share and the way out (times x 3600: 612 s, 0.51 of the
    capacity). The same cycle in seconds, a C-rate cycle of 2 s at 1C and a cycle of zeros are silent."""
    from pybamm_aea.models.step_checks import DriveCycleInHoursWarning, check_step_values

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Initial cathode Li content"] = 1.0
    t_h = np.linspace(0.0, 0.17, 50)
    hours = _cycle(t_h, np.full(50, 4.55e-4))
    with pytest.warns(DriveCycleInHoursWarning, match=re.escape(
            "the drive cycle of the experiment's step 1 (Current(a drive cycle of 50 samples over 0.17 s, 0.000455 A)) "
            "moves 7.73e-05 A.s (2.15e-05 mA.h) over its 0.17 s, 0.00014 of the cell's nominal capacity 0.000151692 "
            "A.h, under a second at 1C. If its times are hours, give seconds (data[:, 0] * 3600: 612 s, 0.51 of the "
            "capacity)")):
        solution = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
            [pybamm.step.current(hours)])).solve()
    assert solution.t[-1] == pytest.approx(0.17)
    seconds = _cycle(t_h * 3600, np.full(50, 4.55e-4))
    with warnings.catch_warnings():
        warnings.simplefilter("error", DriveCycleInHoursWarning)
        solution = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
            [pybamm.step.current(seconds, termination="< 1.8 V")])).solve()
        assert solution["Discharge capacity [A.h]"].entries[-1] > 0.5 * 1.517e-4 * 0.9
        check_step_values([pybamm.step.c_rate(_cycle([0.0, 2.0], [1.0, 1.0]))], None, values)  # 2 s at 1C
        check_step_values([pybamm.step.current(_cycle([0.0, 0.1], [0.0, 0.0]))], None, values)  # a rest
    with pytest.warns(DriveCycleInHoursWarning, match=re.escape("moves 0.5 C.s over its 0.5 s, 0.00014 of a capacity")):
        check_step_values([pybamm.step.c_rate(_cycle([0.0, 0.5], [1.0, 1.0]))], None, values)


def test_a_short_pulse_in_seconds_is_not_warned_as_a_drive_cycle_in_hours():
    """The R49 review: a correct 10 s pulse at C/20 (11 samples a second apart, 0.5 C.s, under one second at 1C) was
    warned as times in hours and told to become 36000 s. The warning now also needs the signature of hours: a span
    of at most 24 and samples under a second apart (median). The pulse is silent; the trial's 0.17 h cycle (50
    samples 0.0035 apart) and a 0.5 s cycle at 1C still warn."""
    from pybamm_aea.models.step_checks import DriveCycleInHoursWarning, check_step_values

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Initial cathode Li content"] = 1.0
    pulse = _cycle(np.linspace(0.0, 10.0, 11), np.full(11, 0.05))
    with warnings.catch_warnings():
        warnings.simplefilter("error", DriveCycleInHoursWarning)
        check_step_values([pybamm.step.c_rate(pulse)], None, values)
    hours = _cycle(np.linspace(0.0, 0.17, 50), np.full(50, 3.0))
    with pytest.warns(DriveCycleInHoursWarning, match=re.escape("(data[:, 0] * 3600: 612 s, 0.51 of")):
        check_step_values([pybamm.step.c_rate(hours)], None, values)
    with pytest.warns(DriveCycleInHoursWarning, match=re.escape("moves 0.5 C.s over its 0.5 s")):
        check_step_values([pybamm.step.c_rate(_cycle([0.0, 0.5], [1.0, 1.0]))], None, values)


def test_a_drive_cycle_with_its_times_in_minutes_is_warned_as_one_in_hours_is():
    """Session 64's user trial (finding 3a): a 600 s drive cycle of C-rates (each second, 0.39C mean) given with its
    times in minutes (0..10) ran as a 10 s step without a word; hours were caught. A cycle moving under a minute at 1C
    (read as minutes it moves at most one capacity) whose samples fall on whole seconds once x 60 and lie 1/20 s apart
    or closer (looks_like_minutes) is now warned in the hours' words, times x 60: here 0.2 x 600 s = 120 C.s, read as
    10 s 2 C.s. The same cycle in seconds, a 10 s pulse at 1C logged at 10 Hz and at 100 Hz are silent; hours still
    read as hours."""
    from pybamm_aea.models.step_checks import DriveCycleInHoursWarning, check_step_values

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Initial cathode Li content"] = 1.0
    t_s = np.arange(601.0)
    minutes = _cycle(t_s / 60, np.full(601, 0.2))
    with pytest.warns(DriveCycleInHoursWarning, match=re.escape(
            "(CRate(a drive cycle of 601 samples over 10 s, 0.2 C)) moves 2 C.s over its 10 s, 0.00056 of a capacity, "
            "under a minute at 1C. If its times are minutes, give seconds (data[:, 0] * 60: 600 s, 0.0333 of the "
            "capacity)")):
        check_step_values([pybamm.step.c_rate(minutes)], None, values)
    with pytest.warns(DriveCycleInHoursWarning, match=re.escape("(its times x 60: 600 s, 0.0333 of the capacity)")):
        current = values.copy()
        current["Current function [A]"] = pybamm.Interpolant(t_s / 60, np.full(601, 0.2 * 1.51692e-4), pybamm.t)
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=current).build()
    with warnings.catch_warnings():
        warnings.simplefilter("error", DriveCycleInHoursWarning)
        check_step_values([pybamm.step.c_rate(_cycle(t_s, np.full(601, 0.2)))], None, values)
        for step in (0.1, 0.01):  # a 10 s pulse at 1C logged at 10 and 100 Hz
            pulse = np.arange(0.0, 10.0 + step / 2, step)
            check_step_values([pybamm.step.c_rate(_cycle(pulse, np.ones_like(pulse)))], None, values)
    with pytest.warns(DriveCycleInHoursWarning, match=re.escape("under a second at 1C. If its times are hours")):
        check_step_values([pybamm.step.c_rate(_cycle(t_s / 3600, np.full(601, 0.2)))], None, values)


def test_a_current_function_interpolant_in_hours_is_warned_as_an_experiments_drive_cycle_is():
    """Session 62 judged an experiment's drive cycle only: the trial's 0.17 h cycle at 3C (4.55e-4 A on LMS, 50
    samples) given as "Current function [A]" = pybamm.Interpolant(t, I, pybamm.t), PyBaMM's drive-cycle mode without
    an experiment, solved 0.17 s without a word. It is now warned where the values are parameterised, by the same
    rule and words (over the data's span, on the values' nominal capacity), with the way out (times x 3600: 612 s).
    The same data in seconds and a 10 s pulse at C/20 sampled each second are silent."""
    from pybamm_aea.models.step_checks import DriveCycleInHoursWarning

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Initial cathode Li content"] = 1.0
    t_h = np.linspace(0.0, 0.17, 50)
    values["Current function [A]"] = pybamm.Interpolant(t_h, np.full(50, 4.55e-4), pybamm.t)
    with pytest.warns(DriveCycleInHoursWarning, match=re.escape(
            "\"Current function [A]\" (an Interpolant of 50 samples over 0.17 s, 0.000455 A) "
            "moves 7.73e-05 A.s (2.15e-05 mA.h) over its 0.17 s, 0.00014 of the cell's nominal capacity 0.000151692 "
            "A.h, under a second at 1C. If its times are hours, give seconds (its times x 3600: 612 s, 0.51 of the "
            "capacity)")) as warned:
        solution = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve()
    assert solution.t[-1] == pytest.approx(0.17)
    assert len(str(warned[0].message)) <= 300, len(str(warned[0].message))  # (review R51: 386 characters)
    capacity = values["Nominal cell capacity [A.h]"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", DriveCycleInHoursWarning)
        for times, current in ((t_h * 3600, np.full(50, 4.55e-4)), (np.linspace(0.0, 10.0, 11),
                                                                     np.full(11, 0.05 * capacity))):
            values["Current function [A]"] = pybamm.Interpolant(times, current, pybamm.t)
            pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()


def test_a_drive_cycle_of_numbers_is_checked_at_every_sample_before_any_step_runs(monkeypatch):
    """A drive cycle of numbers (pybamm.step.current(np.array([[t, I], ...]))) was checked only as the model's
    current at solve time, at 100 times over the step: 1000 samples 1 s apart, one NaN at t = 500 s between two of
    those times, ran the first step, then IDA failed (IDA_BAD_K) and PyBaMM returned the first step with the error
    logged. Now sim.solve raises a ValueError naming the step, the value, its sample and its time before any step
    has run."""
    original, steps = CheckedIDAKLUSolver.step, []

    def counted(self, *args, **kwargs):
        steps.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(CheckedIDAKLUSolver, "step", counted)
    times = np.arange(1000.0)
    current = np.full_like(times, 1e-5)
    current[500] = math.nan
    experiment = pybamm.Experiment([pybamm.step.current(1e-5, duration=20),
                                    pybamm.step.current(_cycle(times, current))])
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=experiment)
    with pytest.raises(ValueError, match=re.escape(
            "the current of the experiment's step 2 (Current(a drive cycle of 1000 samples over 999 s)) = nan at "
            "t = 500 s of its drive cycle (sample 501 of 1000) is outside its physical range (-inf, inf) (a finite "
            "current [A], its sign the direction)") + "$"):
        sim.solve()
    assert steps == [] and sim.solution is None


def test_a_python_function_step_is_checked_at_100_times_before_any_step_runs(monkeypatch):
    """A step's current given as a Python function of the time since the step's start (pybamm.step.current(lambda t:
    ...)), NaN after 30 s: PyBaMM checks its value at t = 0 only, and the model's check of its current refused it at
    step 2, after step 1 had run, without naming the step ("'Current function [A]' = nan ... at t = 50.303 s; from
    the input 'start time' = 20.0"). Now sim.solve raises naming the step and the time into it before any step."""
    original, steps = CheckedIDAKLUSolver.step, []

    def counted(self, *args, **kwargs):
        steps.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(CheckedIDAKLUSolver, "step", counted)
    experiment = pybamm.Experiment([pybamm.step.current(1e-5, duration=20),
                                    pybamm.step.current(lambda t: 1e-5 * np.sqrt(30 - t), duration=60)])
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=experiment)
    with pytest.raises(ValueError, match=re.escape("the current of the experiment's step 2 (Current(") + ".*"
                       + re.escape(", duration=60)) = nan at t = 30.303 s into the step is outside its physical range "
                                   "(-inf, inf) (a finite current [A], its sign the direction)") + "$"):
        sim.solve()
    assert steps == [] and sim.solution is None


@pytest.mark.parametrize("kind, cycle, message", [
    ("current", _cycle([0, 10, 20, 30], [1e-5, 2e-5, -math.inf, 1e-5]),
     "the current of the experiment's step 1 (Current(a drive cycle of 4 samples over 30 s)) = -inf at t = 20 s of "
     "its drive cycle (sample 3 of 4) is outside its physical range (-inf, inf)"),
    ("c_rate", _cycle([0, 10, 20], [0.1, math.nan, 0.1]),
     "the C-rate of the experiment's step 1 (CRate(a drive cycle of 3 samples over 20 s)) = nan at t = 10 s"),
    ("power", _cycle([0, 10, 20], [2e-5, 2e-5, math.inf]), "(Power(a drive cycle of 3 samples over 20 s)) = inf at "
                                                           "t = 20 s of its drive cycle (sample 3 of 3)"),
    ("resistance", _cycle([0, 10, 20], [1e5, 0.0, 1e5]), "= 0.0 at t = 10 s of its drive cycle (sample 2 of 3) is "
                                                         "outside its physical range (0, inf) (a passive external"),
    ("voltage", _cycle([0, 10, 20], [2.5, 7.0, 2.5]), "= 7.0 at t = 10 s of its drive cycle (sample 2 of 3) is "
                                                      "outside its physical range (0, 6]"),
    # LMS's cut-offs 1.8 and 2.8 V, which PyBaMM moves 1 V out
    ("voltage", _cycle([0, 10, 20], [2.5, 2.5, 0.7]), "= 0.7 at t = 20 s of its drive cycle (sample 3 of 3) is "
                                                      "outside its range (0.8, 3.8) (the cell's window in an "
                                                      "experiment: its voltage cut-offs 1.8 and 2.8 V"),
    # a repeated time (two currents at t = 10 s; PyBaMM's Interpolant takes it) and a NaN time (which passes its
    # check of increasing times); decreasing times PyBaMM refuses when the step is made
    ("current", _cycle([0, 10, 10, 30], [1e-5, 1e-5, 2e-5, 2e-5]),
     "the time of sample 3 (of 4) of the drive cycle of the experiment's step 1 (Current(a drive cycle of 4 samples "
     "over 30 s, 1e-05 to 2e-05 A)) = 10.0 s is not after sample 2's t = 10 s (a drive cycle's times [s] are finite and increase "
     "strictly: PyBaMM interpolates its current linearly between them)"),
    ("current", _cycle([0, 10, math.nan, 30], [1e-5, 1e-5, 2e-5, 2e-5]),
     "the time of sample 3 (of 4) of the drive cycle of the experiment's step 1 (Current(a drive cycle of 4 samples "
     "over 30 s, 1e-05 to 2e-05 A)) = nan s is not finite"),
], ids=["current -inf", "C-rate NaN", "power inf", "resistance 0", "voltage 7 V", "voltage below the window",
        "repeated time", "NaN time"])
def test_each_kind_of_drive_cycle_is_checked_at_every_sample(kind, cycle, message):
    """Every sample of a drive cycle of numbers, of each kind of step, against the step's range (a voltage also
    against the cell's window), and its times: finite and increasing strictly. Valid cycles pass, a current's sign
    being its direction; a cycle the step's duration loops is its samples repeated."""
    from pybamm_aea.models.experiment_checks import check_step_values

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    with pytest.raises(ValueError, match=re.escape(message)):
        check_step_values([getattr(pybamm.step, kind)(cycle)], None, values)
    valid = {"current": [1e-5, -2e-5, 0.0], "c_rate": [0.1, -0.1, 0.0], "power": [2e-5, -2e-5, 0.0],
             "resistance": [1e5, 1.0, 1e5], "voltage": [1.8, 3.7, 2.5]}[kind]  # (0.9 V: below the host's end)
    check_step_values([getattr(pybamm.step, kind)(_cycle([0, 10, 20], valid), duration=45)], None, values)


def test_a_drive_cycle_is_checked_up_to_the_end_of_its_step():
    """A step shorter than its drive cycle: PyBaMM cuts the cycle at the step's end, so a NaN sample after it never
    runs (duration=15 on samples at 0, 10, 20 and 30 s ran to 15 s at 1.5e-5 A), but the whole cycle was refused,
    labelled with the step's duration as the cycle's span ("a drive cycle of 4 samples over 15 s"). Now only the
    samples up to the one after the step's end are checked; a step ending on a sample reads the next (at 20 s
    PyBaMM's solution held the NaN of the 30 s sample) and a longer step loops the whole cycle: both refused, the
    label the cycle's span and the step's duration."""
    from pybamm_aea.models.experiment_checks import check_step_values

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    cycle = _cycle([0, 10, 20, 30], [1e-5, 2e-5, 1e-5, math.nan])
    check_step_values([pybamm.step.current(cycle, duration=15)], None, values)
    for duration in (20, 45):
        with pytest.raises(ValueError, match=re.escape(
                f"the current of the experiment's step 1 (Current(a drive cycle of 4 samples over 30 s, a step of "
                f"{duration} s)) = nan at t = 30 s of its drive cycle (sample 4 of 4) is outside")):
            check_step_values([pybamm.step.current(cycle, duration=duration)], None, values)
    with pytest.raises(ValueError, match=re.escape("(Current(a drive cycle of 4 samples over 30 s)) = nan at t = 30 s")):
        check_step_values([pybamm.step.current(cycle)], None, values)
    solution = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
        [pybamm.step.current(cycle, duration=15)])).solve()
    assert solution["Time [s]"].entries[-1] == pytest.approx(15.0)
    np.testing.assert_allclose(solution["Current [A]"].entries[-1], 1.5e-5, rtol=1e-6)



def test_a_voltage_drive_cycle_cut_short_is_checked_in_the_window_at_its_end():
    """Review R43 (session 59): the sample after a step's end was checked against the cell's window, though the step
    never reaches it: Li2021_Mo6S8 (window 0.8-3.8 V) driven 2.5 V at 0 s to 4.5 V at 600 s for 300 s (3.5 V at its
    end) was refused as 4.5 V at t = 600 s. It passes now; to 5.5 V (4.0 V at 300 s) is refused at the step's end."""
    from pybamm_aea.models.experiment_checks import check_step_values

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    check_step_values([pybamm.step.voltage(_cycle([0, 600], [2.5, 4.5]), duration=300)], None, values)
    with pytest.raises(ValueError, match=re.escape(
            "= 4.0 at t = 300 s, the step's end (interpolated between samples 1 and 2 of 2 of its drive cycle) is "
            "outside its range (0.8, 3.8)")):
        check_step_values([pybamm.step.voltage(_cycle([0, 600], [2.5, 5.5]), duration=300)], None, values)

def test_a_python_function_step_with_a_termination_is_warned_about_past_its_start():
    """A Python function of the time is checked at 100 times over its duration (24 h by default): a resistance ramp
    1e5 - 1e3 t to a voltage cut-off was refused for its value at t = 873 s, though the cut-off may end it before.
    With a termination a finite value out of range after the start is now a UserWarning naming the first time; a
    non-finite value anywhere, or one out of range at the start, is refused; without a termination, refused."""
    from pybamm_aea.models.experiment_checks import check_step_values

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        check_step_values([pybamm.step.resistance(lambda t: 1e5 - 1e3 * t, termination="< 1.8 V")], None, values)
    said = [str(w.message) for w in record if issubclass(w.category, UserWarning)]
    assert len(said) == 1 and re.search(
        re.escape("the resistance of the experiment's step 1 (Resistance(") + ".*" + re.escape(
            "termination=< 1.8 V)) = -772727.2727272727 at t = 872.727 s into the step is outside its physical "
            "range (0, inf) (a passive external load [Ohm]): the step runs only if its termination "
            "(VoltageTermination(1.8 <)) ends it before"), said[0]), said
    with warnings.catch_warnings(record=True) as record:  # a repeated cycle (its steps copies): warned once
        warnings.simplefilter("always")
        check_step_values(pybamm.Experiment([(pybamm.step.resistance(lambda t: 1e5 - 1e3 * t, termination="< 1.8 V"),
                                              pybamm.step.rest(duration=60))] * 3).steps, None, values)
    assert len(record) == 1 and "experiment's step 1 (" in str(record[0].message), [str(w.message) for w in record]
    with pytest.raises(ValueError, match=re.escape("= -772727.2727272727 at t = 872.727 s into the step is outside")):
        check_step_values([pybamm.step.resistance(lambda t: 1e5 - 1e3 * t)], None, values)
    with pytest.raises(ValueError, match=re.escape("= nan at t = 3490.91 s into the step is outside")):
        check_step_values([pybamm.step.current(lambda t: 1e-5 * np.sqrt(3000 - t), termination="< 1.8 V")], None,
                          values)
    with pytest.raises(ValueError, match=re.escape("= -100000.0 at t = 0 s into the step is outside")):
        check_step_values([pybamm.step.resistance(lambda t: -1e5 - t, termination="< 1.8 V")], None, values)
    # a voltage function leaving the cell's window (LMS: 0.8-3.8 V in an experiment) after its start: warned
    with pytest.warns(UserWarning, match=re.escape("= 0.7545454545454544 at t = 1745.45 s into the step is outside its range (0.8, ")):
        check_step_values([pybamm.step.voltage(lambda t: 2.5 - 1e-3 * t, termination="< 1e-8 A")], None, values)


def test_a_voltage_steps_range_is_judged_only_at_the_times_before_its_voltage_termination_ends_it():
    """Session 60: a voltage step's Python function with a voltage termination was judged against the cell's
    window (LMS: 0.8-3.8 V in an experiment) over its whole duration: 2.5 - 1 mV/s "until < 1.9 V" was warned about
    at 0.791 V (1709 s), though its termination ends it at 600 s (measured: the solve from SOC 0.5 stops there at
    1.9 V on "Voltage < 1.9 [V] [experiment]"). Judged now only at the times before the termination is met (the
    table check's reach, :func:`~pybamm_aea.models.step_checks._table_reach`): no warning; and a rise 2.5 + 2 mV/s
    that never meets "< 1.9 V" certainly runs past 3.8 V (650 s), refused at 654.5 s where it was warned about."""
    from pybamm_aea.models.experiment_checks import check_step_values

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        check_step_values([pybamm.step.voltage(lambda t: 2.5 - 1e-3 * t, duration=3600, termination="< 1.9 V")],
                          None, values)
    assert not record, [str(w.message) for w in record]
    with pytest.raises(ValueError, match=re.escape("= 3.8090909090909095 at t = 654.545 s into the step is outside "
                                                   "its range (0.8, 3.8)")):
        check_step_values([pybamm.step.voltage(lambda t: 2.5 + 2e-3 * t, duration=3600, termination="< 1.9 V")],
                          None, values)


def test_a_voltage_steps_termination_point_is_the_batterys_on_cells_in_series():
    """Session 61's left item (checked in 62): the range verdict above reuses the point a voltage step's termination
    is met at, comparing its held voltage times the cells in series with the termination. That is PyBaMM's
    reading, measured: a voltage step holds the cell's "Voltage [V]" (pybamm.step.Voltage's residual) and a
    VoltageTermination ends it on "Battery voltage [V]". 2 LMS cells held at 2.5 + 2 mV/s "until > 6.0 V" end at
    250 s, 3.0 V a cell, 6.0 V the battery (the solve), before the window's 3.8 V (650 s): not refused; per cell
    (6.0 V never met by the cell) it was refused at 3.809 V at 654.5 s. One cell "until > 3.0 V" the same."""
    from pybamm_aea.models.experiment_checks import check_step_values

    for cells, until in ((2, "> 6.0 V"), (1, "> 3.0 V")):
        values = pybamm.ParameterValues("Li2021_Mo6S8")
        values["Number of cells connected in series to make a battery"] = cells
        step = pybamm.step.voltage(lambda t: 2.5 + 2e-3 * t, duration=3600, termination=until)
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            check_step_values([step], None, values)
        assert not record, [str(w.message) for w in record]
    values["Number of cells connected in series to make a battery"] = 2
    step = pybamm.step.voltage(lambda t: 2.5 + 2e-3 * t, duration=3600, termination="> 6.0 V")
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment([step]))
    solution = sim.solve(initial_soc=0.5)
    assert solution.t[-1] == pytest.approx(250.0, abs=1e-3)
    assert solution["Voltage [V]"].entries[-1] == pytest.approx(3.0, abs=1e-6)
    assert solution["Battery voltage [V]"].entries[-1] == pytest.approx(6.0, abs=1e-6)


def test_the_cells_in_series_given_by_an_input_are_read_at_solve_time_or_refused_when_not_given():
    """Session 62's left item: the battery's cells in series given by an input expression (2 x
    pybamm.InputParameter("n"), n = 1: 2 cells) were taken as 1, so LMS "until 1.4 V" (0.7 V a cell, below the
    window's 0.8 V) was judged as 1.4 V a cell and accepted, and an input cell count not given to the check (a
    build_for_experiment() without inputs) was 1 too; an input of 0 cells was 1. The expression is now read at solve
    time (the solve refuses the cut-off before any step, naming 0.7 V a cell of the 2); an input not given is
    refused naming it and the way out; 0 cells is the range check's refusal naming 0 and the input."""
    from pybamm_aea.models.experiment_checks import check_step_values

    cells = "Number of cells connected in series to make a battery"
    experiment = pybamm.Experiment(["Discharge at 0.1C until 1.4 V"])
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values[cells] = 2 * pybamm.InputParameter("n")
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment)
    with pytest.raises(ValueError, match=re.escape("= 1.4 V, a battery voltage: 0.7 V a cell of the 2 in series is "
                                                   "outside its range (0.8, 3.8)")):
        sim.solve(inputs={"n": 1})
    check_step_values(experiment.steps, {"n": 0.5}, values)  # (1 cell: 1.4 V is inside the window)
    values[cells] = "[input]"
    with pytest.raises(ValueError, match=re.escape(
            f"{cells!r} is an input, not given: give it in the inputs of the solve "
            f"(sim.solve(inputs={{{cells!r}: 2}}))")) as refused:
        check_step_values(experiment.steps, None, values)
    assert len(str(refused.value)) <= 300, len(str(refused.value))  # (review R51: 316 characters)
    values[cells] = 2 * pybamm.InputParameter("n")
    with pytest.raises(ValueError, match=re.escape(f"{cells!r} = 1.5 is not a whole number of cells; from the input "
                                                   "'n' = 0.75")):  # (review R51: 1.5 cells were run)
        check_step_values(experiment.steps, {"n": 0.75}, values)
    values[cells] = 2 * pybamm.InputParameter("n")
    with pytest.raises(ValueError, match=re.escape(f"{cells!r} = 0.0 is outside") + ".*"
                       + re.escape("; from the input 'n' = 0")):
        check_step_values(experiment.steps, {"n": 0}, values)


def test_a_repeated_cycle_checks_each_distinct_step_once(monkeypatch):
    """PyBaMM's Experiment gives each step of a repeated cycle as its own copy, so a check de-duplicating by
    id(step) evaluated a 500-cycle experiment's 2 steps 1000 times (a Python function of the time 100 times each:
    958 ms, measured). Each distinct step is checked once, by what it is; two steps that differ only in their drive
    cycle's samples (beyond what numpy prints of them), their Python function (the same text) or their duration
    are each checked."""
    from pybamm_aea.models import checks
    from pybamm_aea.models.experiment_checks import check_step_values

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    calls = []
    outside = checks.Range.outside
    monkeypatch.setattr(checks.Range, "outside", lambda self, *args, **kwargs: calls.append(self) or outside(
        self, *args, **kwargs))
    one = lambda t: 1e-5 * (1 + t / 1e4)  # noqa: E731 - a Python function of the step's time
    experiment = pybamm.Experiment([("Discharge at 0.1C until 1.8 V", "Charge at 0.1C until 2.8 V",
                                     pybamm.step.current(one, duration=60))] * 500)
    assert len({id(step) for step in experiment.steps}) == 1500  # (PyBaMM's copies)
    check_step_values(experiment.steps, None, values)
    # the two C-rates once, their two cut-offs once, the function at its 100 times once
    assert len(calls) == 1 + 1 + 2 + 100, len(calls)
    # not merged: drive cycles of 2000 samples that numpy prints the same, a NaN in the middle of the second
    times = np.arange(2000.0)
    good, bad = np.c_[times, np.full(2000, 1e-5)], np.c_[times, np.full(2000, 1e-5)]
    bad[1000, 1] = math.nan
    first, second = pybamm.step.current(good), pybamm.step.current(bad)
    assert first.basic_repr() == second.basic_repr() and repr(first) == repr(second)  # (PyBaMM's text merges them)
    with pytest.raises(ValueError, match=re.escape("the current of the experiment's step 2 (Current(a drive cycle of "
                                                   "2000 samples over 1999 s)) = nan at t = 1000 s")):
        check_step_values([first, second], None, values)
    # nor two functions of the same code (NaN past 100 s and past 30 s), nor one function over two durations
    def root(end):
        return lambda t: 1e-5 * np.sqrt(end - t)

    fine, fails = root(100.0), root(30.0)
    with pytest.raises(ValueError, match=re.escape("the current of the experiment's step 2 (")):
        check_step_values([pybamm.step.current(fine, duration=60), pybamm.step.current(fails, duration=60)],
                          None, values)
    with pytest.raises(ValueError, match=re.escape("the current of the experiment's step 2 (")):
        check_step_values([pybamm.step.current(fails, duration=20), pybamm.step.current(fails, duration=60)],
                          None, values)


def test_a_drive_cycle_step_is_named_by_its_samples_range_and_cut_off():
    """Review R14: a drive-cycle step (601 samples of 0 and 1.5 mA over 600 s, until 1.8 V) was named in the solve's
    messages by PyBaMM's text of it, numpy's print of its samples: a LaterStepSkippedWarning of 1202 characters on
    seven lines. Every message now names it by ``step_name`` (its samples, span, range and terminations): LMS, 0.1C
    to 1.85 V, then the cycle, which starts past its 1.8 V cut-off under its current."""
    from pybamm_aea.models.experiment_checks import LaterStepSkippedWarning, step_name

    t = np.linspace(0, 600, 601)
    drive = pybamm.step.current(np.column_stack([t, np.where(t % 20 < 10, 1.5e-3, 0.0)]), termination="< 1.8 V")
    name = "Current(a drive cycle of 601 samples over 600 s, 0 to 0.0015 A, until V < 1.8 V)"
    assert step_name(drive, str) == step_name(drive) == name
    short = pybamm.step.c_rate(np.c_[[0.0, 10.0], [0.1, 0.1]], duration=5)
    assert step_name(short) == "CRate(a drive cycle of 2 samples over 10 s, a step of 5 s, 0.1 C)"
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment([("Discharge at 0.1C until 1.85 V", drive,
                                                           "Charge at 0.1C until 2.4 V")]))
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        sim.solve()
    (said,) = [str(w.message) for w in record if issubclass(w.category, LaterStepSkippedWarning)]
    assert said.startswith(f"step 2 of 3 in cycle 1 of 1, '{name}' is skipped: "), said
    assert "\n" not in said and "e-03" not in said and "[[" not in said, said


def test_two_drive_cycles_described_alike_keep_their_own_names():
    """Review R18: the messages' name of a drive-cycle step was looked up by PyBaMM's text of it (``str(step)``, its
    description if it has one), so two cycles of 1001 samples differing only at sample 501 (1e-5 A, one 2e-5 A),
    both described "US06" and made inside ``numpy.printoptions(threshold=sys.maxsize)`` (so that PyBaMM runs each
    with its own samples), were both named as the second, "1e-05 to 2e-05 A", in the callbacks' logs the warnings and
    the progress bar read. Now each step is found by its cycle and number: the first is "1e-05 A"."""
    import sys

    from pybamm_aea.progress import STEP_NAME

    class Names(pybamm.callbacks.Callback):
        def __init__(self):
            self.names = []

        def on_step_start(self, logs):
            self.names.append(logs[STEP_NAME])

    times = np.arange(1001.0)
    first = np.c_[times, np.full(1001, 1e-5)]
    second = first.copy()
    second[500, 1] = 2e-5
    names = Names()
    with np.printoptions(threshold=sys.maxsize), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        experiment = pybamm.Experiment([(pybamm.step.current(first, description="US06"),
                                         pybamm.step.current(second, description="US06"))])
        assert str(experiment.steps[0]) == str(experiment.steps[1])  # (one text: the description)
        pybamm.Simulation(pybamm_aea.AEA({"host thermodynamics": "lever rule"}),
                          parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                          experiment=experiment).solve(callbacks=[names])
    assert names.names == ["Current(a drive cycle of 1001 samples over 1000 s, 1e-05 A)",
                           "Current(a drive cycle of 1001 samples over 1000 s, 1e-05 to 2e-05 A)"], names.names


def test_pybamms_padding_rest_is_not_named_as_the_step_before_it():
    """The step a callback's logs name is found by its cycle and number (review R18), which PyBaMM's padding rest
    (a step's start time after the step before ended) shares with the step before it: it keeps its own description,
    "Rest for padding", not that step's."""
    import datetime

    from pybamm_aea.progress import STEP_NAME

    class Names(pybamm.callbacks.Callback):
        def __init__(self):
            self.names = []

        def on_step_start(self, logs):
            self.names.append(logs[STEP_NAME])

    names, start = Names(), datetime.datetime(2024, 1, 1)
    experiment = pybamm.Experiment([
        pybamm.step.string("Discharge at 0.1C for 1 minute", start_time=start),
        pybamm.step.string("Rest for 1 minute", start_time=start + datetime.timedelta(minutes=5))])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pybamm.Simulation(pybamm_aea.AEA({"host thermodynamics": "lever rule"}),
                          parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                          experiment=experiment).solve(callbacks=[names])
    assert names.names == ["Discharge at 0.1C for 1 minute", "Rest for padding", "Rest for 1 minute"], names.names


def test_two_drive_cycles_pybamm_would_merge_are_refused():
    """PyBaMM keys an experiment's steps by their text, in which numpy prints a drive cycle of more than 1000
    numbers in part: two 600-sample current cycles differing from t = 100 to 499 s (1e-5 and 2e-5 A) were one step
    to it, and the second ran the first's samples (1e-05 A at 300 s into step 2, measured), silently, with or
    without descriptions (PyBaMM's Simulation builds one model per step.basic_repr(), which holds none). Refused
    before the build, naming both steps; made inside numpy.printoptions(threshold=sys.maxsize) each runs its own,
    and a cycle repeated as the same array passes. So is one cycle run by two steps of different durations, which
    PyBaMM loops differently and builds one model for, made from the first, when the second runs past the end of
    the first's interpolant (9 then 27 s; 36 then 40 s, past its 4 loops' 39 s); a second step within it (27 then
    9 s, 36 then 27 s, 27 s then the cycle's own 9 s) ran its own current (the first's loops hold it) and passes."""
    import sys

    from pybamm_aea.models.experiment_checks import check_steps_not_merged

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    times = np.arange(600.0)
    first, second = np.c_[times, np.full(600, 1e-5)], np.c_[times, np.full(600, 1e-5)]
    second[100:500, 1] = 2e-5
    merged = pybamm.Experiment([pybamm.step.current(first), pybamm.step.current(second)])
    assert merged.steps[1].input_value[300, 1] == 1e-5  # (PyBaMM's Experiment merges them)
    described = pybamm.Experiment([pybamm.step.current(first, description="one"),
                                   pybamm.step.current(second, description="two")])
    assert described.steps[1].input_value[300, 1] == 2e-5 and len(described.unique_steps) == 1  # (its Simulation)
    for experiment in (merged, described):
        with pytest.raises(ValueError, match=re.escape(
                "the experiment's step 2 (Current(a drive cycle of 600 samples over 599 s, 1e-05 to 2e-05 A)) would "
                "run step 1's value: PyBaMM "
                "keys an experiment's steps by their text, in which the two print the same")):
            pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment).solve()
    check_steps_not_merged(pybamm.Experiment([(pybamm.step.current(first), pybamm.step.rest(duration=10))] * 3))
    with np.printoptions(threshold=sys.maxsize):
        sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
            [pybamm.step.current(first), pybamm.step.current(second)]))
    step = sim.solve().cycles[1]
    assert step["Current [A]"](step["Time [s]"].entries[0] + 300) == pytest.approx(2e-5, rel=1e-6)
    # one cycle over 9 then 27 s (looped): one model, made from the first; the second ran past the cycle's end
    # extrapolated (2.2e-5, 2.5e-5 and 3.5e-5 A at 12, 15 and 25 s). Refused; given the cycle tiled, it loops
    ramp = 1e-5 * (1 + np.arange(10.0) / 10)
    cycle = np.c_[np.arange(10.0), ramp]
    with pytest.raises(ValueError, match=re.escape(
            "the experiment's step 2 (Current(a drive cycle of 10 samples over 9 s, a step of 27 s, 1e-05 to 1.9e-05 "
            "A)) would run its drive cycle as PyBaMM made it for step 1 (9 s): PyBaMM builds one model per step.basic_repr(), which "
            "holds no duration, and loops a drive cycle over a step longer than it, so step 2 would run past the 9 s "
            "that step 1's interpolant holds")):
        check_steps_not_merged(pybamm.Experiment([pybamm.step.current(cycle, duration=9),
                                                  pybamm.step.current(cycle, duration=27)]))
    with pytest.raises(ValueError, match=re.escape("so step 2 would run past the 39 s that step 1's interpolant")):
        check_steps_not_merged(pybamm.Experiment([pybamm.step.current(cycle, duration=36),
                                                  pybamm.step.current(cycle, duration=40)]))
    for durations in ((5, 9), (27, 9), (36, 27), (27, None)):  # (within the first's interpolant: its own current)
        check_steps_not_merged(pybamm.Experiment([
            pybamm.step.current(cycle, **({} if duration is None else {"duration": duration}))
            for duration in durations]))
    step = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
        [pybamm.step.current(cycle, duration=36), pybamm.step.current(cycle, duration=27)])).solve().cycles[1]
    np.testing.assert_allclose([step["Current [A]"](step["Time [s]"].entries[0] + t) for t in (3, 8.5, 12, 25)],
                               [1.3e-5, 1.85e-5, 1.2e-5, 1.5e-5], rtol=1e-9)
    solution = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
        [pybamm.step.current(cycle, duration=9),
         pybamm.step.current(np.c_[np.arange(30.0), np.tile(ramp, 3)], duration=27)])).solve()
    step = solution.cycles[1]
    np.testing.assert_allclose([step["Current [A]"](step["Time [s]"].entries[0] + t) for t in (12, 15, 25)],
                               [1.2e-5, 1.5e-5, 1.5e-5], rtol=1e-6)


#: values around and at the bounds of every range, and the non-finite ones
_GRID = sorted({-math.inf, math.inf, -1e300, -1.0, -1e-12, 0.0, 1e-12, 0.5, 1.0, 1.5, 2.0, 5.0, 6.0, 6.000001, 199.9,
                200.0, 453.65, 453.66, 1e300} | {b for r in list(RANGES.values()) + [r for _, r in STEP_VALUE_RANGES.values()]
                for b in (r.low, r.high) if isinstance(b, float)}) + [math.nan]


@pytest.mark.parametrize("name", sorted(RANGES) + [f"step {kind}" for kind in STEP_VALUE_RANGES])
def test_a_ranges_contains_and_outside_agree(name):
    """Range.contains (one value) and Range.outside (numpy's mask, a drive cycle's samples at once) are the same
    rules, open and closed bounds and non-finite values, for every range of the table and of the steps; a range
    bounded by another parameter with and without its bound's value."""
    rng = STEP_VALUE_RANGES[name[5:]][1] if name.startswith("step ") else RANGES[name]
    grid = np.array(_GRID)
    for bound in ((None, 1.0, 4.0) if isinstance(rng.high, str) else (None,)):
        mask = rng.outside(grid, bound)
        assert mask.shape == grid.shape and mask.dtype == bool
        assert [not rng.contains(float(v), bound) for v in grid] == mask.tolist()
        assert mask[-1] and mask[grid == math.inf].all() and mask[grid == -math.inf].all()  # nan, +-inf
        if rng.low is not None and (bound is None or bound >= rng.low):  # the bound itself: in a closed range, out
            assert rng.contains(rng.low, bound) is (not rng.low_open)       # of an open one (a bound above the low)
        high = bound if isinstance(rng.high, str) else rng.high
        if high is not None and (rng.low is None or high > rng.low):
            assert rng.contains(high, bound) is (not rng.high_open)
        if bound is not None:  # a bound given as an array (an input set holding np.array([4.0])): the same rules
            assert [not rng.contains(float(v), np.array([bound])) for v in grid] == mask.tolist()
            assert [not rng.contains(float(v), [bound]) for v in grid] == mask.tolist()
    assert not rng.contains(True) and not rng.contains("1.0") and not rng.contains(None)


def test_an_unread_input_bounded_by_an_input_given_as_an_array_is_checked_against_it():
    """A value given at solve time whose bound is another input given as a one-element array (as a user's batched
    code may hold it): checked against the bound's value, not a TypeError (the first session-30 version of
    Range.contains took float() of the bound)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode maximum Li content": "[input]", "Li0 film onset Li content": "[input]"})
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    sol = sim.solve([0, 60], inputs={"Cathode maximum Li content": np.array([4.0]), "Li0 film onset Li content": 1.0})
    assert sol["Voltage [V]"].entries[-1] > 1.8
    with pytest.raises(ValueError, match=r"'Li0 film onset Li content' = 5(\.0)? is outside its physical range "
                                         r"\(-inf, 'Cathode maximum Li content' = 4\]"):
        sim.solve([0, 60], inputs={"Cathode maximum Li content": np.array([4.0]), "Li0 film onset Li content": 5.0})


def test_a_switch_parameter_takes_only_its_values_in_the_set_and_as_an_input():
    """"Cathode host full at maximum Li content" is a switch (1: a lattice gas full at x_max, whose content events
    end the solve; 0: Mo6S8's electron-limited end): 0.5 would give the events an offset of 5e29, never reached, a
    switch half on that is silently off. Refused by name in a set, as a solve-time input, and in the range test's
    grid; 0 and 1 pass."""
    name = "Cathode host full at maximum Li content"
    for ok in (0.0, 1.0, 1):
        check_value(name, ok)
    with pytest.raises(ValueError, match=r"'Cathode host full at maximum Li content' = 0.5 is outside its physical "
                                         r"range \{0, 1\}"):
        check_value(name, 0.5)
    # (inside its window: as made, x = 0.97 LiCoO2 rests at 2.72 V, below its 3.0 V cut-off since session 56's table)
    values = pybamm_aea.set_initial_state(pybamm.ParameterValues("AEA_LiCoO2"), 0.5)
    values.update({name: "[input]", "Current function [A]": 0.0})
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    with pytest.raises(ValueError, match=r"= 0.5 is outside its physical range \{0, 1\}"):
        sim.solve([0, 10], inputs={name: 0.5})
    assert sim.solve([0, 10], inputs={name: 1.0})["Voltage [V]"].entries[-1] > 3.0


def test_a_custom_step_current_of_the_voltage_is_refused_naming_the_step_and_the_variable(monkeypatch):
    """PyBaMM's own example of an explicit custom step, a power P / V, reads "Voltage [V]", which on the AEA model is
    an explicit function of the current: PyBaMM's parameter substitution recursed without end, a bare RecursionError
    at the solve's start. Now a ValueError naming the step and the variable before any step runs; the implicit step
    the message points to (I V - P = 0) runs at I V = P."""
    original, steps = CheckedIDAKLUSolver.step, []

    def counted(self, *args, **kwargs):
        steps.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(CheckedIDAKLUSolver, "step", counted)
    power = 2e-5 * 2.3  # [W]: 2e-5 A at LMS's 2.3 V plateau
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    explicit = pybamm.Experiment([pybamm.step.current(1e-5, duration=20), pybamm.step.CustomStepExplicit(
        lambda variables: power / variables["Voltage [V]"], duration=60)])
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=explicit)
    with pytest.raises(ValueError, match=re.escape(
            "the current of the experiment's step 2 (CustomStepExplicit(None, duration=60)) reads 'Voltage [V]', "
            "which depends on the current itself: a circular definition, on which PyBaMM's parameter substitution "
            "recursed without end (RecursionError).")):
        sim.solve()
    assert steps == []
    implicit = pybamm.Experiment([pybamm.step.current(1e-5, duration=20), pybamm.step.CustomStepImplicit(
        lambda variables: variables["Current [A]"] * variables["Voltage [V]"] - power, duration=60)])
    step = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=implicit).solve().cycles[1]
    np.testing.assert_allclose(step["Current [A]"].entries * step["Voltage [V]"].entries, power, rtol=1e-4)  # (IDA's)



def test_a_circular_custom_step_read_with_get_is_named_once_with_all_its_copies():
    """An explicit custom step reading the voltage with variables.get("Voltage [V]") was not found circular (only
    variables[...] was recorded): the bare RecursionError. And a cycle repeated (Experiment([(s1, s2)] * 3), whose
    steps are copies) named each copy in the same words, "step 2 ...; step 4 ...; step 6 ...": now once, with
    its indices."""
    from pybamm_aea.models.experiment_checks import circular_custom_steps

    power = 2e-5 * 2.3  # [W]
    step = pybamm.step.CustomStepExplicit(lambda variables: power / variables.get("Voltage [V]"), duration=60)
    steps = pybamm.Experiment([(pybamm.step.current(1e-5, duration=20), step)] * 3).steps
    said = circular_custom_steps(steps, pybamm_aea.AEA())
    assert said.startswith("the current of the experiment's steps 2, 4 and 6 (CustomStepExplicit(None, duration=60)) "
                           "reads 'Voltage [V]', which depends on the current itself: a circular definition"), said
    assert said.count("CustomStepExplicit") == 1
    one = circular_custom_steps(steps[:2], pybamm_aea.AEA())
    assert one.startswith("the current of the experiment's step 2 (CustomStepExplicit(None, duration=60)) reads "), one
    with pytest.raises(ValueError, match=re.escape("the current of the experiment's step 2 (CustomStepExplicit(None, "
                                                   "duration=60)) reads 'Voltage [V]'")):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                          experiment=pybamm.Experiment(steps[:2])).solve()



_Q = "Discharge capacity [A.h]"


def test_a_custom_current_folded_to_a_constant_nan_names_its_step():
    """An explicit custom current that PyBaMM folds to the number nan as the user's function builds it
    (0 * variables[...] + nan) replaces "Current function [A]" in the step's model and was refused at the build by
    the model's check of that parameter, "'Current function [A]' = nan is outside its physical range", no step
    named. The error now names the step (its index in the experiment, each copy of a repeated cycle's, and its
    repr) and its value; a finite constant custom current runs."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    step = pybamm.step.CustomStepExplicit(lambda variables: 0 * variables[_Q] + math.nan, duration=60)
    for cycles, where in (([pybamm.step.current(1e-5, duration=20), step], "step 2"),
                          ([(pybamm.step.current(1e-5, duration=20), step)] * 3, "steps 2, 4 and 6")):
        sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(cycles))
        with pytest.raises(ValueError) as err:
            sim.solve()
        assert str(err.value) == (
            "'Current function [A]' = nan is outside its physical range (-inf, inf) (a finite current): the current "
            f"of the experiment's {where} (CustomStepExplicit(None, duration=60)) is the constant nan: a custom "
            "step's function of the state that PyBaMM folds to a number as it builds it (0 * variables[...] + nan "
            "is nan)")
    finite = pybamm.step.CustomStepExplicit(lambda variables: 0 * variables[_Q] + 1e-5, duration=60)
    solution = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
        [pybamm.step.current(1e-5, duration=20), finite])).solve()
    np.testing.assert_allclose(solution.cycles[1]["Current [A]"].entries, 1e-5, rtol=1e-9)


def test_steps_of_one_number_are_not_refused_as_merged_and_a_nan_is_named_as_such():
    """Steps of one number given as a float and as a numpy scalar (1e-5 and numpy.float64(1e-5) A for 10 and 20 s,
    a C-rate of 1 and numpy.int64(1)) were refused as two values PyBaMM would merge (their values keyed by their type's
    name): they are one value and pass; a current of NaN in two steps was refused as a merge blaming numpy's print of
    arrays (two NaN objects are not equal) and is now the NaN-value error."""
    from pybamm_aea.models.experiment_checks import check_steps_not_merged

    check_steps_not_merged(pybamm.Experiment([pybamm.step.current(1e-5, duration=10),
                                              pybamm.step.current(np.float64(1e-5), duration=20)]))
    check_steps_not_merged(pybamm.Experiment([pybamm.step.c_rate(1, duration=10),
                                              pybamm.step.c_rate(np.int64(1), duration=10, tags="x")]))
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment([pybamm.step.current(float("nan"), duration=10),
                                                          pybamm.step.current(np.float64("nan"), duration=20)]))
    with pytest.raises(ValueError, match=re.escape(
            "the current of the experiment's step 1 (Current(nan, duration=10, direction=charge)) = nan is outside its "
            "physical range")):
        sim.solve()


def test_two_custom_steps_pybamm_would_merge_are_refused():
    """Two custom steps of different functions of the state (1e-5 and 2e-5 A) whose texts are the same, or differ
    only in their durations or descriptions, are one step to PyBaMM (the text holds the function as None; its
    Simulation builds one model per step.basic_repr(), which holds neither duration nor description), made from
    the first: both ran 1e-5 A, silently (measured). Refused, naming both steps and what parts them; with
    different terminations (or directions) each runs its own current."""
    from pybamm_aea.models.experiment_checks import check_steps_not_merged

    one, two = (lambda variables: 0 * variables[_Q] + 1e-5), (lambda variables: 0 * variables[_Q] + 2e-5)
    for second in ({"duration": 60}, {"duration": 30}, {"duration": 60, "description": "b"}):
        steps = [pybamm.step.CustomStepExplicit(one, duration=60), pybamm.step.CustomStepExplicit(two, **second)]
        with pytest.raises(ValueError, match=re.escape(
                f"the experiment's step 2 ({steps[1]!r}) would run step 1's function of the state: PyBaMM keys an "
                "experiment's steps by their text, in which a custom step's function is None, and builds one model "
                "per step.basic_repr() ('CustomStepExplicit(None)'), which holds neither the duration nor the "
                "description; give the two steps different terminations, temperatures or directions")):
            check_steps_not_merged(pybamm.Experiment(steps))
    check_steps_not_merged(pybamm.Experiment([pybamm.step.CustomStepExplicit(one, duration=60)] * 2))  # one function
    solution = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                                 experiment=pybamm.Experiment([
                                     pybamm.step.CustomStepExplicit(one, duration=60),
                                     pybamm.step.CustomStepExplicit(two, duration=60, termination="< 1.0 V")])).solve()
    np.testing.assert_allclose([cycle["Current [A]"].entries[-1] for cycle in solution.cycles], [1e-5, 2e-5],
                               rtol=1e-9)


@pytest.mark.parametrize("step, said", [
    # a current of the state that is NaN: IDA_BAD_K, the value not said
    (pybamm.step.CustomStepExplicit(lambda variables: pybamm.sqrt(-1 - variables[_Q]), duration=60),
     "the custom step CustomStepExplicit(None, duration=60)'s current, a function of the state, is nan A at the "
     "step's start (t = 20 s)"),
    # 1e6 A: the cell starts 4.5e7 V below its cut-off, the current not said
    (pybamm.step.CustomStepExplicit(lambda variables: 1e6 * (1 + variables[_Q]), duration=60),
     "the custom step CustomStepExplicit(None, duration=60)'s current, a function of the state, is 1000000.0555"),
    (pybamm.step.CustomStepImplicit(lambda variables: variables["Current [A]"] - math.nan * (1 + variables[_Q]),
                                    duration=60),
     "the equation of the custom step CustomStepImplicit(None, duration=60)'s current, a function of the state, is "
     "nan at the step's start (t = 20 s), with the current at 1e-05 A"),
], ids=["explicit NaN", "explicit 1e6 A", "implicit NaN"])
def test_a_custom_step_the_solver_fails_on_names_its_current_at_the_start(step, said):
    """A custom step's current is the user's function of the state, so it is not checked before the solve (nor at
    each time step, which would cost every step). When the solver fails on such a step, its error (warned as the
    experiment's failed step, or raised in the first) says the current at the step's start, or for an implicit
    step its equation's non-finite residual; a step that runs costs nothing more."""
    from pybamm_aea.models.experiment_checks import ExperimentStepFailedWarning
    from pybamm_aea.models.solvers import StepRetriedWarning

    experiment = pybamm.Experiment([pybamm.step.current(1e-5, duration=20), step])
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=experiment)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        solution = sim.solve()
    failed = [w for w in record if issubclass(w.category, ExperimentStepFailedWarning)]
    assert len(failed) == 1 and said in str(failed[0].message)
    # nothing else warned but the default solver's retry of the failed step, without the note (made once, for the
    # failure that stands: the retry's)
    assert all(issubclass(w.category, StepRetriedWarning) and said not in str(w.message)
               for w in record if w not in failed)
    assert len(solution.cycles) == 1


@pytest.mark.parametrize("mode", ["legacy", "unified"])
def test_a_failing_custom_step_after_another_is_not_told_as_the_first(mode):
    """Two custom steps of different functions and texts, the second's current NaN (sqrt(-1 - Q)). With
    experiment_model_mode="unified" PyBaMM builds one model for both; it was recorded as the first custom step's
    own, so the second's failure said "the equation of the custom step CustomStepExplicit(None, duration=20,
    termination=< 1.0 V)'s current ... is nan" (the first's text, and an equation the explicit step has not). A
    model is a step's own only when it runs that one step's text (pybamm_aea.pybamm_adapter.experiment_inputs.
    owned_models, for the custom and the power steps alike): the unified failure is named by the step PyBaMM ran,
    the second, and the first is not named; the second step's current is said in both modes (its own model's in
    legacy mode; on the unified model, the step its solver runs: no note until session 55)."""
    from pybamm_aea.models.experiment_checks import ExperimentStepFailedWarning

    first = pybamm.step.CustomStepExplicit(lambda variables: 0 * variables[_Q] + 1e-5, duration=20,
                                           termination="< 1.0 V")
    second = pybamm.step.CustomStepExplicit(lambda variables: pybamm.sqrt(-1 - variables[_Q]), duration=60)
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment([first, second]), experiment_model_mode=mode)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        solution = sim.solve()
    assert sim._experiment_uses_unified_model is (mode == "unified")  # (the mode this test is about)
    (failed,) = [str(w.message) for w in record if issubclass(w.category, ExperimentStepFailedWarning)]
    assert "the solver failed in 'CustomStepExplicit(None, duration=60)'" in failed, failed
    assert "termination=< 1.0 V" not in failed, failed
    own = ("the custom step CustomStepExplicit(None, duration=60)'s current, a function of the state, is nan A at "
           "the step's start (t = 20 s)")
    assert own in failed, failed
    assert len(solution.cycles) == 1
    # the rule: a model running one step's text (a repeated step too) is that step's, a model of two texts no step's
    from pybamm_aea.pybamm_adapter.experiment_inputs import owned_models

    models = sim.steps_to_built_models
    owned = owned_models([first, second, second], models)
    if mode == "legacy":
        assert owned == {models[first.basic_repr()]: first, models[second.basic_repr()]: second}
    else:
        assert owned == {}
        assert owned_models([second, second], models) == {models[second.basic_repr()]: second}


@pytest.mark.parametrize("mode", ["legacy", "unified"])
def test_a_custom_step_on_pybamms_unified_model_says_its_functions_current(mode):
    """On the unified model (one model for every step) an explicit custom step's current is the model's algebraic
    state, its equation (current - f(state)) / the state's scale (the nominal capacity): the note gives f, the
    step's function, at the step's start, as the legacy mode's own model does (1.0003399346342396e-05 A; read off the
    residual unscaled it was 3.24e-05 A), and where the solver stopped; an implicit step's equation is said as
    in legacy mode."""
    from pybamm_aea.models.experiment_checks import ExperimentStepFailedWarning

    first = pybamm.step.CustomStepExplicit(lambda variables: 0 * variables[_Q] + 1e-5, duration=20,
                                           termination="< 1.0 V")
    turning = pybamm.step.CustomStepExplicit(
        lambda variables: 1e-5 * (1 + pybamm.sqrt(6e-8 - variables[_Q] + 2e-5 / 3600 * 20)), duration=60)
    implicit = pybamm.step.CustomStepImplicit(lambda variables: variables["Current [A]"]
                                              - pybamm.sqrt(-1 - variables[_Q]), duration=60)
    said = []
    for second in (turning, implicit):
        sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                                experiment=pybamm.Experiment([first, second]), experiment_model_mode=mode)
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            sim.solve()
        assert sim._experiment_uses_unified_model is (mode == "unified")  # (the mode this test is about)
        said += [str(w.message) for w in record if issubclass(w.category, ExperimentStepFailedWarning)]
    assert len(said) == 2, said
    start = re.search(r"'s current, a function of the state, is (\S+) A at the step's start \(t = 20 s\); at the last "
                      r"state the solver reached, t = 61\.59\d* s .* it turns non-finite there", said[0])
    assert start, said[0]
    assert float(start.group(1)) == pytest.approx(1.0003399346342396e-05, rel=1e-9)
    assert ("the equation of the custom step CustomStepImplicit(None, duration=60)'s current, a function of the state, "
            "is nan at the step's start (t = 20 s), with the current at 1e-05 A") in said[1], said[1]


def test_a_power_step_above_what_the_cell_can_deliver_says_the_current_it_needs():
    """0.1 W from the TiS2 cell (0.28 mA.h; about 0.024 W at most from the pristine compact, whose voltage is
    1.20 V at 0.02 A and 0.31 V at 0.038 A) has no current to run at: IDA's consistent initialisation fails and the
    error was a bare "IDAGetDky: IDA_BAD_K". It now says the power, the current it needs at least at the open-circuit
    voltage of the step's start (0.1 / 2.624 V = 0.0381 A, 135C) and what runs. A power step that runs is
    unchanged. With ``experiment_model_mode="unified"`` (one model for every step) the power step running is named
    as in the legacy mode (no note until session 54)."""
    def sim(steps):
        return pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_TiS2"),
                                 experiment=pybamm.Experiment(steps))

    from pybamm_aea.models.experiment_checks import ExperimentStepFailedWarning

    capacity = pybamm.ParameterValues("Li2021_TiS2")["Nominal cell capacity [A.h]"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (the default solver's retry of the failed step)
        # above the most the cell delivers, IDA's initial-condition calculation either fails (then the note) or
        # converges to a state below the cut-off, which PyBaMM skips as infeasible at its start (an EmptySolution and
        # its logged warning). Which one is chaotic in the power and the parameters' last digits (0.1 W did the
        # first, then, with TiS2's molar mass read from its record, 1e-16 apart, the second): each power of a range
        # is checked, and at least one must fail with the note
        noted = []
        for watts in (0.05, 0.08, 0.1, 0.2, 0.5, 1.0):
            try:
                skipped = sim([f"Discharge at {watts:g} W until 1 V"]).solve()
            except pybamm.SolverError as exc:
                start = re.search(rf"asks {watts:g} W: at least (\S+) A, (\S+)C of the set's \"Nominal cell capacity "
                                  r"\[A.h\]\" at the open-circuit voltage it starts from \((\S+) V\), and more as its "
                                  r"losses move the voltage.*leaves the solver no current to run at", str(exc))
                assert start, str(exc)
                current, c_rate, ocv = (float(v) for v in start.groups())
                assert 2.5 < ocv < 2.7  # [V] the pristine TiS2 compact's open circuit
                assert current == pytest.approx(watts / ocv, rel=6e-3)  # (printed to 3 digits)
                assert c_rate == pytest.approx(watts / ocv / capacity, rel=6e-3)
                noted.append(watts)
            else:
                assert isinstance(skipped, pybamm.EmptySolution) and "initial conditions" in skipped.termination
        assert noted, "no power above the cell's most failed with the note"
        # 0.02 W, below the start's most, runs about a second as the voltage falls (1.60 -> 1.24 V) and then fails:
        # said so, not that it had no current to start at
        with pytest.raises(pybamm.SolverError, match=r"asks 0\.02 W: at least 0\.00762 A.*; it ran \d[.\d]* s, to "
                                                     r"1\.\d+ V at 0\.01\d+ A, where the solver failed") as failed:
            sim(["Discharge at 0.02 W until 1 V"]).solve()
        assert "no current to run at" not in str(failed.value)
        # one model for every step (PyBaMM's unified mode): the note of the power step running, as the legacy mode's,
        # not another's (it had none until session 54). (0.02 W, failing after it ran; with 0.1 W, PyBaMM 26.10 with
        # casadi 3.8.1 / pybammsolvers 0.11.1 finds the unified model's start below 1 V and skips the step)
        note = (r"the constant-power step Discharge at 0\.02 W until 1 V asks 0\.02 W: at least 0\.00762 A.*; it ran "
                r"\d[.\d]* s, to 1\.\d+ V at 0\.01\d+ A, where the solver failed")
        unified = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_TiS2"),
                                    experiment=pybamm.Experiment(["Discharge at 0.02 W until 1 V",
                                                                  "Discharge at 1 mW until 1 V"]),
                                    experiment_model_mode="unified")
        with pytest.raises(pybamm.SolverError, match=note) as failed:
            unified.solve()
        assert "1 mW" not in str(failed.value)
        # the power step after a rest, a later step: the ExperimentStepFailedWarning's note, in both modes
        for mode in ("legacy", "unified"):
            later = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_TiS2"),
                                      experiment=pybamm.Experiment([("Rest for 1 minute",
                                                                     "Discharge at 0.02 W until 1 V")]),
                                      experiment_model_mode=mode)
            with pytest.warns(ExperimentStepFailedWarning, match=note):
                later.solve()
    solution = sim(["Discharge at 1 mW until 1 V"]).solve()
    assert "Voltage < 1.0" in solution.termination


def test_a_custom_current_turning_nan_within_the_step_is_named_where_the_solver_stopped():
    """A custom current finite at the step's start that turns NaN later: 1e-5 (1 + sqrt(6e-8 - Q)) A, NaN once the
    discharge capacity Q passes 6e-8 A.h, 1.6 s into the step. IDA fails its error test there (IDA_ERR_FAIL) and the
    error said only the current at the start (1.0000666666666667e-05 A, finite). The step is solved again after the
    failure with PyBaMM's on_failure="ignore" for the partial solution PyBaMM drops as it raises: the error now
    says the current at the last state IDA reached and that it turns NaN just past it (on the state carried on by
    its time derivative). A solver that returns no state is said to have hidden it."""
    from pybamm_aea.models import experiment_checks, start_advice
    from pybamm_aea.models.experiment_checks import ExperimentStepFailedWarning

    step = pybamm.step.CustomStepExplicit(lambda variables: 1e-5 * (1 + pybamm.sqrt(6e-8 - variables[_Q])),
                                          duration=60)
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment([pybamm.step.current(1e-5, duration=20), step]))
    resolves = []  # (the note's re-solve of the failed step: once, after the default solver's retry failed too;
    # it was made for the first failure, then for the retry's: twice, 16 and 31 ms CPU)
    failed_state = experiment_checks.CheckedIDAKLUSolver._failed_state
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(experiment_checks.CheckedIDAKLUSolver, "_failed_state",
                      lambda self, *args, **kwargs: resolves.append(self) or failed_state(self, *args, **kwargs))
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            solution = sim.solve()
    assert len(resolves) == 1, resolves
    (failed,) = [str(w.message) for w in record if issubclass(w.category, ExperimentStepFailedWarning)]
    assert "IDA_ERR_FAIL" in failed
    assert re.search(re.escape("the custom step CustomStepExplicit(None, duration=60)'s current, a function of the "
                               "state, is 1.0000666666666667e-05 A at the step's start (t = 20 s); at the last state "
                               "the solver reached, t = 21.5999 s (1.59993 s into the step), it is 1.0000000000") +
                     r"\d*e-05 A, and nan A on that state carried on by its time derivative for 1e-09 s: it turns "
                     "non-finite there", failed), failed
    assert len(solution.cycles) == 1
    # no state returned (another solver): said honestly
    model = sim.steps_to_built_models[sim.experiment.steps[1].basic_repr()]
    assert model in experiment_checks.CUSTOM_STEP_MODELS
    assert start_advice._custom_step_note(model, 20.0, {}, None).endswith(
        "is 1.0000666666666667e-05 A at the step's start (t = 20 s); finite there, it may have turned non-finite "
        "later in the step (the state the solver failed at was not returned)")
    # the re-solve failing otherwise (a renamed PyBaMM attribute): the same, not that error in place of the solver's
    def renamed():
        raise AttributeError("'IDAKLUSolver' object has no attribute 'on_failure'")

    assert start_advice._custom_step_note(model, 20.0, {}, renamed).endswith(
        "(the state the solver failed at was not returned)")
    # an implicit step's equation: its residual named where it turns NaN
    implicit = pybamm.step.CustomStepImplicit(
        lambda variables: variables["Current [A]"] - 1e-5 * (1 + pybamm.sqrt(6e-8 - variables[_Q])), duration=60)
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment([pybamm.step.current(1e-5, duration=20), implicit]))
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        sim.solve()
    (failed,) = [str(w.message) for w in record if issubclass(w.category, ExperimentStepFailedWarning)]
    assert re.search(re.escape("(1.59993 s into the step), it is 1.0000000000") + r"\d*e-05 A, and the residual of "
                     r"its equation nan \(the current 9\.99\d*e-06 A\) on that state carried on by its time "
                     "derivative for 1e-09 s: it turns non-finite there", failed), failed


def test_a_custom_step_the_retry_solves_pays_no_failure_note(monkeypatch):
    """The failure note of a custom step re-solves the step (CheckedIDAKLUSolver._failed_state): it was made for
    IDA's first failure, before the default solver's retry, so a step the retry solved paid a re-solve for a note
    thrown away (1 for one injected failure, measured). It is made only for the failure that stands: none here."""
    from pybamm_aea.models import experiment_checks, solvers

    resolves, failed = [], []
    failed_state = experiment_checks.CheckedIDAKLUSolver._failed_state
    monkeypatch.setattr(experiment_checks.CheckedIDAKLUSolver, "_failed_state",
                        lambda self, *args, **kwargs: resolves.append(self) or failed_state(self, *args, **kwargs))
    pybamm_step = pybamm.IDAKLUSolver.step

    def fails_once(self, old_solution, model, *args, **kwargs):  # (IDA failing once on the default solver)
        if type(self) is solvers.SharedEventsIDAKLUSolver and model in experiment_checks.CUSTOM_STEP_MODELS and not failed:
            failed.append(model)
            raise pybamm.SolverError("IDA_ERR_FAIL (injected)")
        return pybamm_step(self, old_solution, model, *args, **kwargs)

    monkeypatch.setattr(pybamm.IDAKLUSolver, "step", fails_once)
    step = pybamm.step.CustomStepExplicit(lambda variables: 0 * variables[_Q] + 1e-5, duration=60)
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment([pybamm.step.current(1e-5, duration=20), step]))
    with pytest.warns(solvers.StepRetriedWarning, match="IDA_ERR_FAIL"):
        solution = sim.solve()
    assert len(failed) == 1 and len(solution.cycles) == 2 and resolves == []


def test_a_typo_in_an_experiment_is_warned_once_per_solve_with_close_names():
    """A typo'd input in a 3-step experiment was warned about at every step (3 UserWarnings, each with the close
    names of that step's model alone); now once per Simulation.solve, with the close names among all the steps'
    inputs (or, none close, all of them). A parameter typo (values["Cathode Bruggman coefficient"]) is named
    once too (it was once per step model)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Cathode porosity"] = "[input]"
    values.update({"Cathode Bruggman coefficient": 1.5}, check_already_exists=False)
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=_three_step_experiment())
    inputs = {"I2": 2e-5, "Cathode porosity": 0.2, "Cathode porsity": 0.3, "I3": 1e-5}
    for solve in range(2):
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            sim.solve(inputs=inputs)
        named = sorted(str(w.message) for w in _input_warnings(record))
        assert named == [
            "input 'Cathode porsity' is not an input parameter of any of the experiment's 3 step models, so it has "
            "no effect; did you mean ['Cathode porosity']?",
            "input 'I3' is not an input parameter of any of the experiment's 3 step models, so it has no effect "
            "(their inputs: ['Cathode porosity', 'I2'])"], solve
        parameters = [w for w in record if "'Cathode Bruggman coefficient' = 1.5 is not a parameter" in str(w.message)]
        assert len(parameters) == (1 if solve == 0 else 0)  # (a model's parameters are looked at once)


def test_only_an_experiment_on_a_checked_solver_is_checked_over_its_steps():
    """The wrapped pybamm.Simulation.build_for_experiment gives the step solvers one record of all the step models
    only when they are CheckedIDAKLUSolvers (the AEA model's default), a new one per solve: PyBaMM's SPM, or the AEA
    model on PyBaMM's own solver, is left as PyBaMM built it (a typo no warning, as before), and the simulation's
    own solver, which a plain solve uses, gets none."""
    from pybamm_aea.pybamm_adapter import experiment_inputs
    from pybamm_aea.models.checks import ExperimentInputNames

    experiment_inputs.check()
    assert pybamm.Simulation.build_for_experiment._pybamm_aea_experiment_inputs
    experiment = pybamm.Experiment([pybamm.step.current(1e-5, duration=60), pybamm.step.rest(duration=30)])
    aea_values = pybamm.ParameterValues("Li2021_Mo6S8")
    for model, values, solver, checked in [
        (pybamm_aea.AEA(), aea_values, None, True),
        (pybamm_aea.AEA(), aea_values, pybamm.IDAKLUSolver(), False),
        (pybamm.lithium_ion.SPM(), None, None, False),
    ]:
        sim = pybamm.Simulation(model, parameter_values=values, experiment=experiment, solver=solver)
        records = []
        for solve in range(2):
            with warnings.catch_warnings(record=True) as record:
                warnings.simplefilter("always")
                sim.solve(inputs={"Cathode porsity": 0.3})
            assert len(_input_warnings(record)) == (1 if checked else 0)
            records.append({id(getattr(s, "experiment_inputs", None)) for s in sim.steps_to_built_solvers.values()})
            if checked:
                assert all(isinstance(s.experiment_inputs, ExperimentInputNames)
                           for s in sim.steps_to_built_solvers.values())
        assert len(records[0]) == 1  # one record shared by the steps
        assert (records[0] != records[1]) if checked else records[0] == records[1] == {id(None)}
        assert getattr(sim.solver, "experiment_inputs", None) is None


def test_the_experiment_hook_fails_on_a_pybamm_without_its_names():
    from pybamm_aea.pybamm_adapter import experiment_inputs

    class OlderSimulation:  # no step solvers kept, no build_for_experiment
        def __init__(self):
            self.steps_to_built_models = {}

    with pytest.raises(ImportError) as err:
        experiment_inputs.check(OlderSimulation)
    message = str(err.value)
    assert f"PyBaMM {pybamm.__version__}" in message
    assert "Simulation.build_for_experiment" in message and "Simulation.steps_to_built_solvers" in message
    assert "steps_to_built_models" not in message
    # the names a custom step's failure note and the check of merged steps read (a PyBaMM without them left the
    # solver's error without its note, or every step unchecked, unnoticed)
    class OlderExperiment:
        def __init__(self):
            self.steps = []

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pybamm, "Experiment", OlderExperiment)
        with pytest.raises(ImportError, match=r"lacks \['pybamm\.Experiment\.cycles'\]"):
            experiment_inputs.check()


def test_a_parameter_no_aea_model_reads_is_warned_about_with_close_names():
    """values["Cathode porsity"] = 0.2 (a typo PyBaMM accepts and ignores) ran the set's 11 % porosity without a word;
    it is warned about by name and value, with the close AEA name. A user's own parameter far from every AEA name
    (read by a function of theirs) is no warning, nor are the sets' own names; an input of the sweep set as a
    parameter (values["S8 mass fraction"] = 0.45 ran S-LMS at its 32.5 wt% without a word) is warned about as one."""
    experiment = pybamm.Experiment(["Discharge at 1C for 5 minutes"])
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Cathode porsity"] = 0.2
    values["CATHODE POROSITY"] = 0.25  # (was no warning: a case-sensitive match scored it below the 0.8 cut-off)
    with pytest.warns(UserWarning) as record:
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment).solve()
    assert sorted(str(w.message) for w in record if "is not a parameter of the AEA model" in str(w.message)) == [
        f"parameter {name!r} = {value} is not a parameter of the AEA model, so it has no effect; did you mean "
        "['Cathode porosity']?" for name, value in (("CATHODE POROSITY", 0.25), ("Cathode porsity", 0.2))]
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    values.update({"S8 mass fraction": 0.45}, check_already_exists=False)
    with pytest.warns(UserWarning, match=r"parameter 'S8 mass fraction' = 0.45 is not a parameter of the AEA model, "
                                         r"so it has no effect; it is an input of pybamm_aea.sweep"):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 60])
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"My OCP shift [V]": 0.01}, check_already_exists=False)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="parameter .* is not a parameter of the AEA model")
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 60])


@pytest.mark.parametrize("set_name, options, celsius, melts, source", [
    ("Li2021_S_Mo6S8", {}, 130, "S8, a component of this cell, 388.36 K (115.2 C", "sulfur (alpha/beta S8) melts"),
    ("Li2021_Mo6S8", {"anode": "Li-In"}, 165, "In, a component of this cell, 429.75 K (156.6 C", "indium melts")])
def test_a_solve_above_a_components_melting_point_is_refused_naming_it(set_name, options, celsius, melts, source):
    """Trial WG (finding 3): the hard limit was Li's melting point for every set: S-LMS at 130 C (S8 melts at 115.2 C)
    gave 630 mA.h/g and Li-In at 165 C (In melts at 156.6 C) 128.2, each with only the range warning. Refused now,
    naming the temperature, the component, its melting point and its source (the CRC Handbook, its material record),
    for a number, a step's temperature=, an input and a function of time (at the solve's times); below it, or on the
    component-free cell (Mo6S8 on Li metal at 165 C, LTO-LMS at 130 C), it solves."""
    def solve(edit=None, step=None, inputs=None, t_eval=None, name=set_name, opts=options):
        values = pybamm.ParameterValues(name)
        values.update(edit or {"Ambient temperature [K]": 273.15 + celsius})
        experiment = None if t_eval else pybamm.Experiment([step or "Discharge at 0.1C for 1 minute"])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pybamm.Simulation(pybamm_aea.AEA(opts), parameter_values=values, experiment=experiment).solve(
                t_eval, inputs=inputs)

    said = f"'Ambient temperature [K]' = {273.15 + celsius:g} K ({celsius} C) is above the melting point of {melts}"
    with pytest.raises(ValueError, match=re.escape(said) + ".*CRC Handbook.*" + re.escape(source)):
        solve()
    with pytest.raises(ValueError, match=re.escape(said)):
        solve(edit={}, step=pybamm.step.string("Discharge at 0.1C for 1 minute", temperature=f"{celsius}oC"))
    with pytest.raises(ValueError, match=re.escape(said)):
        solve(edit={"Ambient temperature [K]": pybamm.InputParameter("T")}, inputs={"T": 273.15 + celsius})
    ramp = {"Ambient temperature [K]": lambda y, z, t: 343.15 + (celsius - 70) * t / 600}  # (70 C, then up)
    with pytest.raises(ValueError, match=re.escape(said.replace(" C) is", " C) at t = 600 s is"))):
        solve(edit=ramp, t_eval=[0, 600])
    solve(edit={"Ambient temperature [K]": 273.15 + 110})  # below both S8's and In's
    solve(name="Li2021_Mo6S8", opts={})  # (no S8 nor In: Li's 180.5 C bounds it)


def _solve_quietly(sim, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sim.solve(*args, **kwargs)


def test_the_dispersed_material_is_named_only_when_one_record_melts_there(monkeypatch):
    """Session 63 named the dispersed material by the first library record melting at the set's "Dispersed material
    melting point [K]"; two records melting at one temperature would have been confused. It is named only when one
    record melts there (S8 in S-LMS, with the CRC's source); a second record at that temperature, or a user's number
    no record has, gives "the dispersed material". The set carries the number, not a record: PyBaMM's ParameterValues
    keeps numbers, and a record broke ``to_json`` (a session-64 helper's first try)."""
    import dataclasses

    from pybamm_aea.energy import materials
    from pybamm_aea.models import checks

    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    assert values.to_json()["Dispersed material melting point [K]"] == materials.get_material("S8").melting_point
    named = {name: source for _, name, source in checks.melting_points(values, "lithium metal")}
    assert named["S8"] == materials.get_material("S8").melting_point_source and "Li" in named
    twin = dataclasses.replace(materials.get_material("S8"), name="S8 twin")
    real_get, real_list = materials.get_material, materials.list_materials
    monkeypatch.setattr(checks, "list_materials", lambda: [*real_list(), "S8 twin"])
    monkeypatch.setattr(checks, "get_material", lambda name: twin if name == "S8 twin" else real_get(name))
    named = [name for _, name, _ in checks.melting_points(values, "lithium metal")]
    assert "the dispersed material" in named and "S8" not in named and "S8 twin" not in named
    monkeypatch.undo()
    values.update({"Dispersed material melting point [K]": 400.0})
    found = {name: T for T, name, _ in checks.melting_points(values, "lithium metal")}
    assert found["the dispersed material"] == 400.0 and "S8" not in found


def test_the_melting_judgement_is_made_once_per_model_not_per_step(monkeypatch):
    """refuse_above_melting_points ran at each experiment step, re-processing the ambient temperature and reading
    the melting points each time (400 times in a 100-cycle run; 0.054 -> 0.006 CPU s with the judgement kept per
    model, bench_model's lever-rule LMS case, medians of 5, session 64): now once per step model (2 here, for 6
    steps), and an input set that passed is not judged again."""
    from pybamm_aea.models import checks

    read, processed = [], []
    real_melting, real_process = checks.melting_points, pybamm.ParameterValues.process_symbol

    def counted_process(self, symbol):
        if isinstance(symbol, pybamm.FunctionParameter) and symbol.name == "Ambient temperature [K]":
            processed.append(symbol)
        return real_process(self, symbol)

    monkeypatch.setattr(checks, "melting_points", lambda *a: read.append(a) or real_melting(*a))
    sim = pybamm.Simulation(pybamm_aea.AEA({"host thermodynamics": "lever rule"}),
                            parameter_values=pybamm.ParameterValues("Li2021_S_Mo6S8"),
                            experiment=pybamm.Experiment([("Discharge at 0.1C for 2 minutes", "Rest for 1 minute")] * 3))
    sim.build_for_experiment()
    monkeypatch.setattr(pybamm.ParameterValues, "process_symbol", counted_process)
    solution = _solve_quietly(sim)
    assert len(solution.cycles) == 3
    assert len(read) == len(processed) == 2


@pytest.mark.parametrize("set_name", ["Li2021_Mo6S8", "Li2021_S_Mo6S8"])
@pytest.mark.parametrize("host", ["multi-phase", "lever rule"])
def test_no_check_of_a_solve_reads_an_absent_parameter_through_pybamms_did_you_mean(set_name, host, monkeypatch):
    """PyBaMM's ParameterValues.get / [] of an absent name ranks every parameter name by difflib in its KeyError path
    (pybamm.util.FuzzyDict.get_best_matches, 12 ms a call): session 63's melting judgement read the absent
    "Dispersed material melting point [K]" so at each step, 2.2 s per 100 cycles of the lever-rule LMS case, found
    by bench_model, not by a test. No call of it in a multi-cycle experiment of LMS and S-LMS on either host."""
    from pybamm.util import FuzzyDict

    asked = []
    real = FuzzyDict.get_best_matches
    sim = pybamm.Simulation(pybamm_aea.AEA({"host thermodynamics": host}),
                            parameter_values=pybamm.ParameterValues(set_name),
                            experiment=pybamm.Experiment([("Discharge at 0.1C for 2 minutes", "Rest for 1 minute")] * 3))
    monkeypatch.setattr(FuzzyDict, "get_best_matches", lambda self, key: asked.append(key) or real(self, key))
    solution = _solve_quietly(sim)
    assert len(solution.cycles) == 3
    assert asked == []


def _bump(celsius_at_peak, peak=300.0, width=300.0):
    """An ambient temperature [K] of time: 70 C, rising to ``celsius_at_peak`` at t = ``peak`` s and back (a sine
    bump ``width`` s either side): 70 C at 0 and 600 s, the times a t_eval of [0, 600] gives."""
    rise = celsius_at_peak - 70
    return lambda y, z, t: 343.15 + rise * pybamm.maximum(pybamm.cos((t - peak) / width * np.pi / 2), 0)


def test_a_time_varying_ambient_is_judged_against_melting_points_over_its_whole_span():
    """A function of time or an Interpolant was judged at the sampled times only (t_eval, each step's ends): an S-LMS
    ambient of 70 C at 0 and 600 s peaking at 130 C (S8 melts at 115.2 C) at 300 s solved. Refused now at its
    highest over the span, named with its time; an Interpolant's spike between the 1001 times sampled is found at
    its knot; below the melting point it solves."""
    def solve(ambient, t_eval=(0, 600), experiment=None):
        values = pybamm.ParameterValues("Li2021_S_Mo6S8")
        values["Ambient temperature [K]"] = ambient
        sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment)
        return _solve_quietly(sim, None if experiment else list(t_eval))

    melts = "is above the melting point of S8, a component of this cell, 388.36 K (115.2 C"
    with pytest.raises(ValueError, match=re.escape(f"'Ambient temperature [K]' = 403.15 K (130 C) at t = 300 s {melts}")):
        solve(_bump(130))
    with pytest.raises(ValueError, match=re.escape(f"= 403.15 K (130 C) at t = 300 s {melts}")):
        solve(_bump(130), experiment=pybamm.Experiment(["Rest for 10 minutes"]))
    spike = lambda y, z, t: pybamm.Interpolant(np.array([0, 300.2, 300.25, 300.3, 599]),  # noqa: E731
                                               np.array([343.15, 343.15, 393.15, 343.15, 343.15]), t)
    with pytest.raises(ValueError, match=re.escape(f"= 393.15 K (120 C) at t = 300.25 s {melts}")):
        solve(spike, t_eval=(0, 599))
    solve(_bump(110))


def test_a_time_varying_ambient_is_judged_against_the_measured_window_over_its_whole_span():
    """A time-varying ambient was never judged against the set's measured temperatures (a constant is warned about,
    TemperatureOutsideMeasuredRangeWarning): S-LMS, measured at 70 C only, dipping to 45 C at 300 s ran without a
    word. Warned now with its lowest (or highest) over the span and its time, once in an experiment's solve."""
    from pybamm_aea.models.checks import TemperatureOutsideMeasuredRangeWarning

    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    values["Ambient temperature [K]"] = _bump(45)
    for experiment in (None, pybamm.Experiment(["Rest for 5 minutes", "Rest for 5 minutes"])):
        sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment)
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            sim.solve(None if experiment else [0, 600])
        said = [w.message for w in record if isinstance(w.message, TemperatureOutsideMeasuredRangeWarning)]
        span = "0-600 s" if experiment is None else "0-300 s"  # (the first step's span: warned once)
        assert [str(w) for w in said] == [
            f"the ambient temperature 318.15 K (45 C) at t = 300 s (its lowest over t = {span}) is outside the "
            "temperatures this set's parameters were measured at, 343.15 K (70 C) (its 'Lowest measured temperature "
            "[K]' and 'Highest measured temperature [K]', from its sources): its temperature dependences "
            "extrapolated: a prediction beyond the data (docs/known_limits.rst)"], experiment
        assert (said[0].temperature, said[0].time) == pytest.approx((318.15, 300))


def test_pybamms_thermal_parameters_on_an_aea_set_are_warned_about_as_ignored():
    """Trial WG (finding 2): "Initial temperature [K]" = 298.15 with the set's 70 C ambient ran at 70 C, and a heat
    transfer coefficient, an entropic change or a heat capacity changed nothing (V_end 2.2858 V each), without a
    word. One warning names each such parameter given (the names read from PyBaMM's ThermalParameters, 38 with PyBaMM
    26.10), its value, and the ambient temperature the isothermal model runs at; once per solve of an experiment."""
    from pybamm_aea.models.checks import ThermalParametersIgnoredWarning, pybamm_thermal_parameter_names

    names = pybamm_thermal_parameter_names()
    assert {"Initial temperature [K]", "Total heat transfer coefficient [W.m-2.K-1]", "Cell heat capacity [J.K-1.m-3]",
            "Positive electrode OCP entropic change [V.K-1]", "Positive electrode density [kg.m-3]",
            "Positive electrode specific heat capacity [J.kg-1.K-1]"} <= names
    assert not names & {"Ambient temperature [K]", "Reference temperature [K]", "Positive electrode thickness [m]"}
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Initial temperature [K]": 298.15, "Total heat transfer coefficient [W.m-2.K-1]": 0.001,
                   "Positive electrode OCP entropic change [V.K-1]": lambda sto: 1e-4}, check_already_exists=False)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                          experiment=pybamm.Experiment(["Discharge at 1C for 2 minutes"] * 2)).solve()
    said = [str(w.message) for w in record if isinstance(w.message, ThermalParametersIgnoredWarning)]
    assert said == ["'Initial temperature [K]' = 298.15, 'Positive electrode OCP entropic change [V.K-1]', "
                    "'Total heat transfer coefficient [W.m-2.K-1]' = 0.001: PyBaMM thermal parameters, which the AEA "
                    "model does not read: it is isothermal at its 'Ambient temperature [K]' = 343.15 K (70 C), so they "
                    "have no effect; its dissipated heat is \"Irreversible heat [W]\" (docs/known_limits.rst, \"Temperature: the "
                    "OCPs' entropy and the heat\")"]
    assert not [str(w.message) for w in record if "is not a parameter of the AEA model" in str(w.message)]


def test_pybamms_own_model_and_values_on_the_aea_solver_are_no_typo_of_an_aea_parameter():
    """PyBaMM's SPM with Chen2020 on the AEA solver (with or without an experiment) was told "parameter 'Negative
    electrode conductivity [S.m-1]' = 215.0 is not a parameter of the AEA model, so it has no effect" (review R25):
    values that are not an AEA set are another model's, not checked against the AEA parameters."""
    from pybamm_aea.models.solvers import CheckedIDAKLUSolver

    for experiment in (None, pybamm.Experiment(["Discharge at 1C for 2 minutes"])):
        sim = pybamm.Simulation(pybamm.lithium_ion.SPM(), parameter_values=pybamm.ParameterValues("Chen2020"),
                                solver=CheckedIDAKLUSolver(), experiment=experiment)
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            sim.solve([0, 120] if experiment is None else None)
        assert not [str(w.message) for w in record if "AEA model" in str(w.message)], experiment


def test_pybamms_own_experiment_inputs_are_not_shown_as_the_step_models_inputs():
    """With experiment_model_mode="unified" PyBaMM builds one model for all the steps, which reads the inputs it
    gives each step itself (pybamm.Simulation._INTERNAL_EXPERIMENT_INPUTS: "Experiment step index", "Experiment
    step value", "Ambient temperature [K]"); the warning for a typo listed them as "its inputs" (session 26):
    now only the user's, and none of PyBaMM's is offered as a close name."""
    from pybamm_aea.pybamm_adapter import experiment_inputs

    internal = experiment_inputs.internal_inputs()
    assert {"Experiment step index", "Experiment step value", "start time"} <= internal  # PyBaMM 26.10's names
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Cathode porosity"] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment_model_mode="unified",
                            experiment=pybamm.Experiment(["Discharge at 1C for 1 minute", "Rest for 1 minute"]))
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        solution = sim.solve(inputs={"Cathode porosity": 0.2, "I3": 1e-5, "Experiment step indx": 1.0})
    assert sim._experiment_uses_unified_model  # (the mode this test is about)
    assert internal & {p.name for p in sim.steps_to_built_models["Rest(0)"].input_parameters}
    assert len(solution.cycles) == 2
    assert sorted(str(w.message) for w in _input_warnings(record)) == [
        "input 'Experiment step indx' is not an input parameter of the experiment's step model, so it has no "
        "effect (its inputs: ['Cathode porosity'])",
        "input 'I3' is not an input parameter of the experiment's step model, so it has no effect (its inputs: "
        "['Cathode porosity'])"]


def test_a_porosity_input_of_one_is_named_without_numpys_runtime_warning_first():
    """A porosity of 1.0 given as an input printed "RuntimeWarning: invalid value encountered in scalar divide" (the
    stretch decision read the built model's processed initial stretch as set by hand and divided by the solid fraction,
    before any check) ahead of the package's clear ValueError: now the ValueError alone (the decision reads the
    unprocessed model since session 50, where the set's own stretch is its submodel's: nothing evaluated). In an
    experiment ("Discharge at 0.1C for 1 minute") the nominal-capacity check evaluated the cathode's capacity with
    the porosity 1.0 ("divide by zero encountered in scalar divide", "invalid value ... scalar multiply") before any
    range check: now the inputs are checked first there too (session 50); and so did an absolute capacity termination's
    check, before the build (session 51)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode loading [kg.m-2]": pybamm.InputParameter("L"),
                   "Cathode porosity": pybamm.InputParameter("eps")})
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    sim.solve([0, 60], inputs={"L": 0.02, "eps": 0.15})
    experiment = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                                   experiment=pybamm.Experiment(["Discharge at 0.1C for 1 minute"]))
    # (an absolute capacity termination evaluates the cathode's capacity before the build: session 51, review R13)
    terminated = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
        ["Discharge at 0.1C for 1 minute"], termination="0.0001 A.h capacity"))
    for solve in (lambda inputs: sim.solve([0, 60], inputs=inputs), lambda inputs: experiment.solve(inputs=inputs),
                  lambda inputs: terminated.solve(inputs=inputs)):
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            with pytest.raises(ValueError, match=re.escape("'Cathode porosity' = 1.0 is outside its physical range "
                                                           "[0, 1); from the input 'eps' = 1.0")):
                solve({"L": 0.02, "eps": 1.0})


def test_a_molar_mass_input_of_zero_with_a_capacity_termination_is_named_without_numpys_warning_first():
    """The capacity termination's check evaluates the cathode's capacity as made before the build's input check; since
    session 53 (review R19) that reads the porosity no more (loading x area x specific capacity), but the host's molar
    mass it divides by: an input of 0 gave numpy's "divide by zero encountered in scalar divide" first if not
    silenced. The input check's ValueError alone."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode host molar mass [kg.mol-1]": pybamm.InputParameter("M")})
    terminated = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
        ["Discharge at 0.1C for 1 minute"], termination="0.0001 A.h capacity"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(ValueError, match=re.escape("'Cathode host molar mass [kg.mol-1]' = 0.0 is outside its "
                                                       "physical range (0.001, 5]; from the input 'M' = 0.0")):
            terminated.solve(inputs={"M": 0.0})


def test_a_nan_parameter_value_is_named_with_its_range_and_pybamms_models_keep_their_error():
    """values.update({"Cathode porosity": nan}) was PyBaMM's "Parameter 'Cathode porosity' not found" (PyBaMM reads
    a NaN number as a value left out, before the model's range check sees it); now the range check's error, from
    Simulation.solve as from process_model (checked before PyBaMM's substitution, session 31: no cause), and from an
    expression processed on its own with PyBaMM's error as its cause. A NaN of the same name in PyBaMM's own model is
    PyBaMM's error, unchanged (pybamm_aea.pybamm_adapter.parameter_values)."""
    from pybamm_aea.pybamm_adapter import parameter_values

    parameter_values.check()
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode porosity": float("nan")})
    with pytest.raises(ValueError, match=re.escape("'Cathode porosity' = nan is outside its physical range [0, 1)")) as err:
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 60])
    assert err.value.__cause__ is None  # refused before PyBaMM's substitution
    # a function parameter given as a NaN number ("(possibly a function) not found")
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Ambient temperature [K]": math.nan})
    with pytest.raises(ValueError, match=_message("Ambient temperature [K]", math.nan)):
        values.process_model(pybamm_aea.AEA())
    with pytest.raises(ValueError, match=_message("Ambient temperature [K]", math.nan)) as err:  # (its node)
        values.process_symbol(2 * pybamm_aea.models.checks.checked_function("Ambient temperature [K]",
                                                                             {"Time [s]": pybamm.Scalar(0.0)}))
    assert str(err.value.__cause__) == "Parameter 'Ambient temperature [K]' (possibly a function) not found"
    # an expression processed on its own: the checked parameter named, a plain one PyBaMM's
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode porosity": math.nan})
    with pytest.raises(ValueError, match=_message("Cathode porosity", math.nan)) as err:
        values.evaluate(2 * pybamm_aea.models.checks.checked_parameter("Cathode porosity"))
    assert str(err.value.__cause__) == "Parameter 'Cathode porosity' not found"
    with pytest.raises(ValueError, match=re.escape("Parameter 'Cathode porosity' not found")):
        values.evaluate(2 * pybamm.Parameter("Cathode porosity"))
    for name, message in [("Current function [A]", "Parameter 'Current function [A]' (possibly a function) not found"),
                          ("Lower voltage cut-off [V]", "Parameter 'Lower voltage cut-off [V]' not found")]:
        spm_values = pybamm.ParameterValues("Chen2020")
        spm_values.update({name: math.nan})
        with pytest.raises(ValueError, match=re.escape(message)):
            pybamm.Simulation(pybamm.lithium_ion.SPM(), parameter_values=spm_values).solve([0, 60])


HOST_FULL = "Cathode host full at maximum Li content"


@pytest.mark.parametrize("set_name", ["Li2021_TiS2", "Li2021_Mo6S8"])
def test_a_complete_set_written_before_the_host_full_flag_is_told_what_to_set(set_name):
    """A user's complete set written before session 29 lacks "Cathode host full at maximum Li content": PyBaMM's
    bare "Parameter ... not found. Best matches are [...]" (a KeyError) is now a MissingParameterError (a KeyError)
    naming the parameter and both values, 1 for a lattice gas full at x_max, 0 for a host that takes Li beyond it,
    with PyBaMM's as its cause, from a plain solve, an experiment, process_model (refused before PyBaMM's
    substitution since session 31) and an expression processed on its own (each of the two values then solves).
    No value is assumed. Another parameter the set lacks is PyBaMM's error, unchanged; the lever-rule host does not
    read the flag (pybamm_aea.pybamm_adapter.parameter_values)."""
    from pybamm_aea.models.checks import MissingParameterError

    old = {name: value for name, value in pybamm.ParameterValues(set_name).items() if name != HOST_FULL}
    told = [re.escape(f"Parameter '{HOST_FULL}' not found: "), "Set it to 1 for a lattice gas that holds no Li beyond",
            r"TiS2", "Set it to 0 for a host that takes Li beyond x_max", r"Mo6S8", "No value is assumed"]
    experiment = pybamm.Experiment(["Discharge at 0.1C for 60 s"])
    for run in (lambda v: pybamm.Simulation(pybamm_aea.AEA(), parameter_values=v).solve([0, 60]),
                lambda v: pybamm.Simulation(pybamm_aea.AEA(), parameter_values=v, experiment=experiment).solve(),
                lambda v: v.process_model(pybamm_aea.AEA())):
        with pytest.raises(KeyError) as err:
            run(pybamm.ParameterValues(old))
        assert isinstance(err.value, MissingParameterError)
        assert str(err.value).startswith(f"Parameter '{HOST_FULL}'")  # its message, not a KeyError's quoted repr
        for part in told:
            assert re.search(part, str(err.value)), (part, str(err.value))
        assert str(err.value.__cause__.args[0]).startswith(f"Parameter '{HOST_FULL}' not found. ")
    with pytest.raises(MissingParameterError, match=told[0]):  # an expression processed on its own
        pybamm.ParameterValues(old).process_symbol(2 * pybamm_aea.models.checks.checked_parameter(HOST_FULL))
    for value in (0.0, 1.0):  # what it says to do: either value solves
        given = pybamm.ParameterValues(old)
        given[HOST_FULL] = value
        assert pybamm.Simulation(pybamm_aea.AEA(), parameter_values=given).solve([0, 60]).t[-1] == 60
    pybamm.Simulation(pybamm_aea.AEA({"host thermodynamics": "lever rule"}),
                      parameter_values=pybamm.ParameterValues(old)).solve([0, 60])
    other = {name: value for name, value in pybamm.ParameterValues(set_name).items() if name != "Cathode porosity"}
    with pytest.raises(KeyError, match="Parameter 'Cathode porosity' not found. ") as err:
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues(other)).solve([0, 60])
    assert not isinstance(err.value, MissingParameterError)


@pytest.mark.parametrize("set_name", ["Li2021_S_C_LGPS", "Chen2020"])
@pytest.mark.parametrize("host", ["multi-phase", "lever rule"])
def test_a_set_of_another_model_is_named_as_such(set_name, host):
    """The registered Li2021_S_C_LGPS (for PyBaMM's DFN) or one of PyBaMM's sets given to the AEA model got the advice
    for an AEA set of one's own written before session 29 ("Parameter 'Cathode host full at maximum Li content' not
    found: the multi-phase host reads it since session 29, ...") or, on the lever rule, PyBaMM's bare "Parameter
    'Cathode maximum Li content' not found"; now it is told the values are not an AEA cell's and the AEA sets."""
    from pybamm_aea.models.checks import MissingParameterError

    sim = pybamm.Simulation(pybamm_aea.AEA({"host thermodynamics": host}),
                            parameter_values=pybamm.ParameterValues(set_name))
    with pytest.raises(MissingParameterError, match=r"these parameter values are not an AEA cell's .*"
                                                    r"Li2021_S_C_LGPS is for pybamm_aea.conventional.s_c_lgps_model"
                                                    r".*'Li2021_Mo6S8', 'Li2021_TiS2'"):
        sim.solve([0, 60])


def test_an_aea_set_with_its_loading_misspelt_is_told_so():
    """A user's own AEA set whose loading's name is misspelt was told its values are not an AEA cell's: it is named
    as the likely misspelling."""
    from pybamm_aea.models.checks import MissingParameterError

    values = pybamm.ParameterValues("Li2021_Mo6S8").copy()
    loading = values["Cathode loading [kg.m-2]"]
    del values["Cathode loading [kg.m-2]"]
    values.update({"Cathode loadng [kg.m-2]": loading}, check_already_exists=False)
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    with pytest.raises(MissingParameterError, match=re.escape("these values give ['Cathode loadng [kg.m-2]']: a "
                                                              "misspelling of it?")):
        sim.solve([0, 60])


@pytest.mark.parametrize("set_name, options", [
    ("Li2021_Mo6S8", {}),
    ("Li2021_S_Mo6S8", {"anode": "Li-In", "Li trapping": "irreversible", "ionic-switch host loss": "persistent Li0",
                        "dispersed material degradation": "activation and contact loss",
                        "interphase growth": "stability window"})])
def test_every_number_of_the_set_set_to_nan_is_named(set_name, options):
    """Each number of the set set to NaN in turn: every one is named with its range, those the model reads (PyBaMM
    said "not found" for every one) and those its options do not read, which passed as NaN (session 26: 48 named
    and 28 passing on LMS; 49 and 29 of 78 before session 30, when every number of the values is checked)."""
    import numbers

    base = pybamm.ParameterValues(set_name)
    model = pybamm_aea.AEA(options)
    named, passed = [], []
    for name in base.keys():
        if name not in RANGES or not isinstance(base[name], numbers.Number):
            continue
        values = base.copy()
        values[name] = math.nan
        try:
            values.process_model(model, inplace=False)
        except ValueError as exc:
            assert str(exc).startswith(f"'{name}' = nan is outside its {RANGES[name].kind} range"), str(exc)
            named.append(name)
        else:
            passed.append(name)
    assert not passed
    assert len(named) >= 75
    assert {"Cathode porosity", "Cathode maximum Li content", "Nominal cell capacity [A.h]",
            "Ambient temperature [K]", "Current function [A]", "Li trapping fraction"} <= set(named)


#: parameters read under some options and not under others: (set, name, the options that read it)
_READ_UNDER = [
    ("Li2021_Mo6S8", "Li trapping fraction", {"Li trapping": "irreversible"}),  # a degradation parameter
    ("Li2021_Mo6S8", "Li-In anode indium amount [mol.m-2]", {"anode": "Li-In"}),  # on a Li-metal cell
    # bounded by another parameter: TiS2's maximum Li content, 1 (the LMS set's 4 would take 1.5)
    ("Li2021_TiS2", "Li0 film onset Li content", {"host thermodynamics": "lever rule"}),
]


@pytest.mark.parametrize("set_name, name, read_under", _READ_UNDER, ids=[c[1] for c in _READ_UNDER])
@pytest.mark.parametrize("value", [math.nan, "out"], ids=["nan", "out of range"])
def test_a_value_the_model_does_not_read_is_refused_with_the_message_of_a_read_one(set_name, name, read_under, value):
    """A NaN or out-of-range value of a parameter the model's options do not read passed parameterisation (only
    --set and inputs checked it): it is refused by name at pybamm.Simulation(...).solve and at build, with the text
    the model's check gives the same value where it is read (its node, the parameter processed as an expression; a
    NaN: PyBaMM's "not found" its cause), as where the options read it (both checked before PyBaMM's substitution
    since session 31)."""
    from pybamm_aea.models.checks import checked_parameter

    value = {"Li trapping fraction": 1.5, "Li-In anode indium amount [mol.m-2]": 0.0,
             "Li0 film onset Li content": 1.5}[name] if value == "out" else value
    values = pybamm.ParameterValues(set_name)
    values[name] = value
    with pytest.raises(ValueError, match=_message(name, value)) as node:
        values.process_symbol(checked_parameter(name))
    assert isinstance(node.value.__cause__, ValueError) is (value != value)  # a NaN: PyBaMM's "not found" first
    with pytest.raises(ValueError) as read:
        values.process_model(pybamm_aea.AEA(read_under), inplace=False)
    assert str(read.value) == str(node.value)
    with pytest.raises(ValueError) as unread:
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 60])
    assert str(unread.value) == str(read.value)
    with pytest.raises(ValueError) as built:
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()
    assert str(built.value) == str(read.value)
    if name == "Li0 film onset Li content" and value == value:  # the bound read from the same values
        assert str(read.value).endswith("(-inf, 'Cathode maximum Li content' = 1] (a Li content within the host, below "
                                        "0 for a host that forms no film)")


def _solved_voltage(model, values, seconds=60):
    """The voltage after ``seconds`` of the set's 0.1C discharge of the parameterised ``model``, and its solution."""
    geometry = model.default_geometry
    values.process_geometry(geometry)
    mesh = pybamm.Mesh(geometry, model.default_submesh_types, model.default_var_pts)
    pybamm.Discretisation(mesh, model.default_spatial_methods).process_model(model)
    solution = model.default_solver.solve(model, [0, seconds])
    return solution["Voltage [V]"].entries[-1], solution


#: refused values, and what PyBaMM's substitution had done to the model (inplace=True, its default) before session 31
_REFUSED = [
    ("Li trapping fraction", math.nan),  # unread with the default options: substituted in full, then refused
    ("Li trapping fraction", -1.0),
    ("Lower voltage cut-off [V]", -1.0),  # read, first in the events: rhs .. boundary conditions replaced
    ("Lower voltage cut-off [V]", math.nan),
    ("Cathode porosity", math.nan),  # read in the first equation: untouched then too
    (HOST_FULL, None),  # absent (a set written before session 29): rhs .. boundary conditions replaced
]


@pytest.mark.parametrize("name, bad", _REFUSED, ids=[f"{n} = {v}" for n, v in _REFUSED])
def test_a_refused_value_leaves_the_model_as_it_was(name, bad):
    """A value refused by process_model (inplace=True, PyBaMM's default: it replaces the model's expressions as it
    substitutes them) leaves the user's model as it was, and the model, given the fixed value, parameterises and
    solves as a fresh one. Before session 31 the check of every value ran after PyBaMM's substitution: an unread
    value's refusal left the model parameterised (the retry then re-parameterised it, so that its solutions were
    not observable, "Solution is not observable: the model was re-parameterised"), a value first read in the events
    left its equations parameterised and its events not (pybamm_aea.pybamm_adapter.parameter_values)."""
    from pybamm_aea.models.checks import MissingParameterError

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    good = values[name]
    if bad is None:
        del values[name]
    else:
        values[name] = bad
    model = pybamm_aea.AEA()
    parts = ("rhs", "algebraic", "initial_conditions", "boundary_conditions", "variables")
    before = {part: dict(getattr(model, part)) for part in parts}
    events = list(model.events)
    for inplace in (False, True):
        with pytest.raises(MissingParameterError if bad is None else ValueError,
                           match=re.escape(f"Parameter '{name}' not found: ") if bad is None else _message(name, bad)):
            values.process_model(model, inplace=inplace)
        assert not model.is_parameterised
        for part in parts:
            now = getattr(model, part)
            assert now.keys() == before[part].keys() and all(now[k] is v for k, v in before[part].items()), part
        assert len(model.events) == len(events) and all(a is b for a, b in zip(model.events, events))
        assert not model.fixed_input_parameters
    values.update({name: good}, check_already_exists=False)
    assert values.process_model(model) is model
    fresh = values.process_model(pybamm_aea.AEA(), inplace=False)
    for part in ("rhs", "algebraic", "initial_conditions"):  # the same expressions, with the fixed value
        assert [e.id for e in getattr(model, part).values()] == [e.id for e in getattr(fresh, part).values()], part
    assert [e.expression.id for e in model.events] == [e.expression.id for e in fresh.events]
    assert model.solution_observable_status == pybamm.ModelSolutionObservability.ENABLED
    voltage, solution = _solved_voltage(model, values)
    assert voltage == _solved_voltage(fresh, values)[0]
    assert solution.observe(2 * pybamm.t).entries[-1] == pytest.approx(120.0)  # (refused on a re-parameterised model)


def test_an_unread_value_against_a_bound_outside_its_own_range_names_the_bound():
    """The solid electrolyte's window, unread without interphase growth: a reduction limit above an oxidation limit
    of -1 V (itself outside (0, 6]) names the oxidation limit, the value to fix; an oxidation limit of NaN leaves the
    reduction limit unbounded above and is named itself; an absent bound or one given as an input bounds nothing
    (the low end is still checked)."""
    def refused(update, delete=()):
        values = pybamm.ParameterValues("Li2021_Mo6S8")
        for name in delete:
            del values[name]
        for name, value in update.items():  # (each put last: the oxidation limit after the reduction limit)
            if name in values.keys():
                del values[name]
            values.update({name: value}, check_already_exists=False)
        with pytest.raises(ValueError) as err:
            pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()
        return str(err.value)

    reduction, oxidation = "Solid electrolyte reduction limit [V]", "Solid electrolyte oxidation limit [V]"
    assert refused({oxidation: -1.0}).startswith(f"'{oxidation}' = -1.0 is outside its physical range (0, 6]")
    assert refused({oxidation: math.nan}).startswith(f"'{oxidation}' = nan is outside")
    assert refused({reduction: 2.5}).startswith(
        f"'{reduction}' = 2.5 is outside its physical range [0, '{oxidation}' = 2.14)")
    for bound in ("[input]", None):  # the high end unknown here: the low end checked
        update = {reduction: -0.5} if bound is None else {reduction: -0.5, oxidation: bound}
        assert refused(update, delete=[oxidation] if bound is None else []).startswith(
            f"'{reduction}' = -0.5 is outside its physical range [0, '{oxidation}')")
        values = pybamm.ParameterValues("Li2021_Mo6S8")
        values.update({reduction: 2.5} if bound is None else {reduction: 2.5, oxidation: bound})
        if bound is None:
            del values[oxidation]
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()


def test_an_unread_input_is_checked_at_solve_time_and_a_function_is_not_a_number():
    """An "[input]" value the model does not read passes parameterisation and is checked by its name when solved
    with its value (check_inputs); a function is no number: a set's value given as one passes where it is not
    read."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Li trapping fraction"] = "[input]"
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    sim.build()
    with pytest.raises(ValueError, match=_message("Li trapping fraction", 1.5)):
        sim.solve([0, 60], inputs={"Li trapping fraction": 1.5})
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Li trapping fraction"] = lambda T: -1.0 * T  # not a number: not this check's
    pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Li trapping fraction"] = pybamm.Scalar(2.0)  # a number as PyBaMM's Scalar
    with pytest.raises(ValueError, match=_message("Li trapping fraction", 2.0)):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()
    for given in (np.float64(1.5), 2, np.float32(-0.5)):  # numbers of numpy's and Python's other types
        values = pybamm.ParameterValues("Li2021_Mo6S8")
        values["Li trapping fraction"] = given
        with pytest.raises(ValueError, match=_message("Li trapping fraction", float(given))):
            pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()


def _every_registered_set():
    import importlib.metadata

    from pybamm_aea.materials import LITERATURE
    from pybamm_aea.parameters import PYBAMM_MODEL_SETS

    names = sorted(ep.name for ep in importlib.metadata.entry_points(group="pybamm_parameter_sets")
                   if ep.value.split(".")[0] == "pybamm_aea" and ep.name not in PYBAMM_MODEL_SETS)
    return [(name, {}) for name in names] + [(f"material {name}", {}) for name in LITERATURE] + [
        ("Li-In default", {"anode": "Li-In"}),
        ("Li2021_S_Mo6S8", {"anode": "Li-In", "Li trapping": "irreversible", "ionic-switch host loss": "persistent Li0",
                            "dispersed material degradation": "activation and contact loss",
                            "interphase growth": "stability window"})]


@pytest.mark.parametrize("source, options", _every_registered_set(),
                         ids=lambda c: c if isinstance(c, str) else "every mechanism" if c else "defaults")
def test_every_registered_set_still_builds_with_every_value_checked(source, options):
    """Every registered AEA set and every set the materials API builds (and the Li-In anode's defaults) passes the
    check of every number, read or not: no set holds a value outside its range on purpose (the "never" sentinels,
    -1 for TiS2's Li0 film onset and the binodals below zero Li of a host without Li0, lie inside their ranges,
    which say so)."""
    from pybamm_aea.materials import get_material
    from pybamm_aea.models.checks import check_parameter_values

    if source.startswith("material "):
        values = get_material(source.split()[1]).parameter_values()
    elif source == "Li-In default":
        values = pybamm_aea.AEA(options).default_parameter_values
    else:
        values = pybamm.ParameterValues(source)
    check_parameter_values(values)
    values.process_model(pybamm_aea.AEA(options), inplace=False)


def test_pybamms_own_models_are_not_checked_for_values_they_do_not_read():
    """Only an AEA model (one holding range checks) is: PyBaMM's SPM takes Chen2020 with a NaN porosity of the AEA
    table's and an ambient temperature outside the table's range, as it did, and its own NaN is PyBaMM's "not
    found"; the conventional S-C-LGPS DFN (pybamm_aea.conventional, PyBaMM's model) as well."""
    from pybamm_aea import conventional

    values = pybamm.ParameterValues("Chen2020")
    values.update({"Cathode porosity": math.nan, "Ambient temperature [K]": 500.0}, check_already_exists=False)
    pybamm.Simulation(pybamm.lithium_ion.SPM(), parameter_values=values).build()
    values["Negative electrode thickness [m]"] = math.nan
    with pytest.raises(ValueError, match=re.escape("Parameter 'Negative electrode thickness [m]' not found")):
        pybamm.Simulation(pybamm.lithium_ion.SPM(), parameter_values=values).build()
    values = pybamm.ParameterValues("Li2021_S_C_LGPS")
    values.update({"Cathode porosity": math.nan, "Li trapping fraction": 1.5}, check_already_exists=False)
    values.process_model(conventional.s_c_lgps_model(), inplace=False)


def _checks_only_in_its_variables():
    """A model whose one equation reads 'Cathode porosity' unchecked and whose variable 'Porosity' checks it."""
    from pybamm_aea.models.checks import checked_parameter

    model = pybamm.BaseModel()
    x = pybamm.Variable("x")
    model.rhs = {x: -pybamm.Parameter("Cathode porosity") * x}
    model.initial_conditions = {x: pybamm.Scalar(1.0)}
    model.variables = {"x": x, "Porosity": 2 * checked_parameter("Cathode porosity")}
    return model


def test_a_model_with_range_checks_only_in_its_variables_is_checked_where_they_are_read():
    """Every value is checked at parameterisation only for a model whose equations hold a range check (every AEA
    model's first equation does; PyBaMM's hold none). A model whose checks sit only in its variables (none of
    pybamm_aea's) is treated as PyBaMM's own: an unread value of the AEA table, NaN or out of range, passes
    (session 32 dropped the scan after the substitution that refused it); the value its variable checks is refused
    where the variable is substituted (process_model; a Simulation when the variable is read from the solution),
    a NaN one named with its range (pybamm_aea.pybamm_adapter.parameter_values)."""
    for unread in (math.nan, 1.5):
        values = pybamm.ParameterValues("Li2021_Mo6S8")
        values.update({"Li trapping fraction": unread})
        assert values.process_model(_checks_only_in_its_variables(), inplace=False).is_parameterised
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode porosity": 1.5})
    with pytest.raises(ValueError, match=_message("Cathode porosity", 1.5)):
        values.process_model(_checks_only_in_its_variables(), inplace=False)
    solution = pybamm.Simulation(_checks_only_in_its_variables(), parameter_values=values).solve([0, 1])
    assert solution["x"].entries[-1] == pytest.approx(math.exp(-1.5), rel=1e-3)  # (the equation reads it unchecked)
    with pytest.raises(ValueError, match=_message("Cathode porosity", 1.5)):
        solution["Porosity"].entries
    values.update({"Cathode porosity": math.nan})
    with pytest.raises(ValueError, match=_message("Cathode porosity", math.nan)) as err:
        values.process_model(_checks_only_in_its_variables(), inplace=False)
    assert str(err.value.__cause__) == "Parameter 'Cathode porosity' not found"


def test_the_nan_hook_fails_on_a_pybamm_without_its_names():
    """pybamm_aea.pybamm_adapter.parameter_values.check names what another PyBaMM lacks: the wrapped methods, or a
    NaN read as "not found" in the methods whose error it reads."""
    from pybamm_aea.pybamm_adapter import parameter_values

    class OlderSubstitutor:  # a NaN parameter its own error; no function parameters
        def process_symbol(self, symbol):
            return symbol

        def process_model(self, model):
            return model

        def _process_parameter(self, symbol):
            value = self._store[symbol.name]
            if value != value:
                raise ValueError(f"Parameter '{symbol.name}' is NaN")

    with pytest.raises(ImportError) as err:
        parameter_values.check(OlderSubstitutor)
    message = str(err.value)
    assert f"PyBaMM {pybamm.__version__}" in message
    assert "ParameterSubstitutor._process_callable_function_parameter" in message
    assert "ParameterSubstitutor._process_parameter raising" in message
    assert "ParameterSubstitutor.process_symbol" not in message


def test_the_missing_parameter_hook_fails_on_a_pybamm_whose_missing_parameter_error_differs(monkeypatch):
    """check() probes PyBaMM's error for a parameter a set lacks (a KeyError "Parameter '...' not found. ..."), the
    error the missing-parameter advice replaces: another text or another type is named as a mismatch, so the advice
    is never silently lost."""
    from pybamm.parameters.parameter_store import ParameterStore

    from pybamm_aea.pybamm_adapter import parameter_values

    original = ParameterStore.__getitem__

    def other_text(self, key):
        if key not in self:
            raise KeyError(f"no parameter {key!r}")
        return original(self, key)

    monkeypatch.setattr(ParameterStore, "__getitem__", other_text)
    with pytest.raises(ImportError, match=r"ParameterValues.process_symbol raising KeyError.* for a parameter the set "
                                          r"lacks \(it raised KeyError.*no parameter"):
        parameter_values.check()


# --- a later experiment step the solver fails on (pybamm_aea.pybamm_adapter.experiment_errors) -------------------------------

#: LMS on the lever-rule host (0.7 s a solve): a 1000C discharge after 30 s at 0.1C starts 6.902 V below the lower
#: cut-off under its current (6.932 V after 60 s), which the AEA solver refuses with a SolverError from the state
#: the earlier steps left (the step's value is a finite current, which check_step_values passes)
_FAILING_STEP = "Discharge at 1000C for 10 s"


def _failing_sim(cycles):
    return pybamm.Simulation(pybamm_aea.AEA({"host thermodynamics": "lever rule"}),
                             parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                             experiment=pybamm.Experiment(cycles))


def _step_failures(record):
    from pybamm_aea.models.experiment_checks import ExperimentStepFailedWarning

    return [w for w in record if issubclass(w.category, ExperimentStepFailedWarning)]


def _solve_with_one_step_failure(solve):
    """``solve()`` with warnings recorded: (its solution, the one ExperimentStepFailedWarning's text)."""
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        solution = solve()
    (failure,) = _step_failures(record)
    return solution, str(failure.message)


@pytest.mark.parametrize("cycles, where, below, returned, kept", [
    # step 2 of cycle 1 of 2: the cycle cut short after its first step
    ([("Discharge at 0.1C for 30 s", _FAILING_STEP)] * 2,
     "stopped in step 2 of cycle 1 (of 2)", 6.902,
     "It is step 2 of the experiment's 4: the returned solution holds the 1 step before it, in 1 of the "
     "experiment's 2 cycles (the last cut short after its 1 step); ", [2 - 1]),
    # step 1 of cycle 3 of 3 after two whole cycles: no cycle cut short
    ([("Discharge at 0.1C for 30 s", "Rest for 10 s")] * 2 + [(_FAILING_STEP, "Rest for 10 s")],
     "stopped in step 1 of cycle 3 (of 3)", 6.932,  # 60 s at 0.1C before it: further down
     "It is step 5 of the experiment's 6: the returned solution holds the 4 steps before it, in 2 of the "
     "experiment's 3 cycles; ", [2, 2]),
], ids=["step 2 of cycle 1", "step 1 of cycle 3"])
def test_a_later_experiment_step_the_solver_fails_on_warns_naming_it_and_what_was_returned(cycles, where, below,
                                                                                           returned, kept):
    """PyBaMM raises a step's SolverError only in the first step; a later one it logs and returns the steps before
    it, with nothing in the solution to say so (termination "final time", as a run that finished). On an AEA model
    the solve now warns once (ExperimentStepFailedWarning, at the caller's line), naming the step, its cycle and
    description, the solver's error, and the steps and cycles returned of the experiment's; the partial solution is
    still returned as PyBaMM made it. The same stop text as the command line's (ExperimentProgress.stopped)."""
    from pybamm_aea.progress import ExperimentProgress

    progress = ExperimentProgress(show=False)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        solution = _failing_sim(cycles).solve(callbacks=[progress])
    failures = _step_failures(record)
    assert len(failures) == 1, [str(w.message) for w in record]
    message = str(failures[0].message)
    assert failures[0].filename == __file__
    assert message.startswith(f"the experiment {where}: the solver failed in '{_FAILING_STEP}': the cell starts "
                              f"{below} V below its lower cut-off under its current at the start"), message
    assert message.endswith(returned + "PyBaMM logs the error and returns the steps that ran"), message
    assert message.startswith(f"the experiment {progress.stopped}. It is step")  # the user's callback still runs
    assert [len(cycle.steps) for cycle in solution.cycles] == kept  # the partial solution, as PyBaMM returns it
    assert solution.termination == "final time"


def test_a_step_failure_after_a_starting_solution_counts_the_experiments_own_steps_and_cycles():
    """Solved on from a one-cycle solution (``starting_solution``): PyBaMM numbers the cycles on from it (cycle 2 of
    3, as its callbacks log them), and the counts are of this experiment's steps and cycles, the solution's first
    cycle (the starting solution's) not among them."""
    sim = _failing_sim([("Discharge at 0.1C for 30 s", "Rest for 10 s")])
    start = sim.solve()
    solution, message = _solve_with_one_step_failure(
        lambda: _failing_sim([("Discharge at 0.1C for 30 s", _FAILING_STEP)] * 2).solve(starting_solution=start))
    assert message.startswith(f"the experiment stopped in step 2 of cycle 2 (of 3): the solver failed in "
                              f"'{_FAILING_STEP}'"), message
    assert ("It is step 2 of the experiment's 4: the returned solution holds the 1 step before it, in 1 of the "
            "experiment's 2 cycles (the last cut short after its 1 step); ") in message, message
    assert [len(cycle.steps) for cycle in solution.cycles] == [2, 1]


def test_a_failed_first_step_still_raises_and_other_models_are_left_to_pybamm(monkeypatch):
    """A failure in the first step raises PyBaMM's SolverError (no warning: nothing is returned); a model class
    without the flag (any model but the AEA model) gets PyBaMM's logged error and its partial solution only."""
    from pybamm_aea.pybamm_adapter.experiment_errors import MODEL_FLAG

    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        with pytest.raises(pybamm.SolverError, match="starts .* V below its lower cut-off"):
            _failing_sim([(_FAILING_STEP, "Rest for 10 s")]).solve()
    assert not _step_failures(record)
    monkeypatch.setattr(pybamm_aea.AEA, MODEL_FLAG, False)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        solution = _failing_sim([("Discharge at 0.1C for 30 s", _FAILING_STEP)]).solve()
    assert not _step_failures(record)
    assert [len(cycle.steps) for cycle in solution.cycles] == [1]


def test_the_step_error_hook_fails_on_a_pybamm_without_its_names():
    from pybamm_aea.pybamm_adapter import experiment_errors

    experiment_errors.check()
    assert pybamm.Simulation.solve._pybamm_aea_step_error

    class OlderSimulation:  # a solve without callbacks, no error callback
        experiment = None

        def solve(self, t_eval=None):
            logs = {}
            logs["cycle number"] = (1, 1)
            return logs

    with pytest.raises(ImportError) as err:
        experiment_errors.check(OlderSimulation)
    message = str(err.value)
    assert f"PyBaMM {pybamm.__version__}" in message
    assert "Simulation.solve(callbacks=...)" in message and "callbacks.on_experiment_error" in message
    assert 'logs["step number"]' in message and 'logs["cycle number"]' not in message
    assert "Simulation.model" in message and "Simulation.experiment" not in message


def test_the_step_checks_moved_in_session_31_still_import_from_checks_with_a_warning():
    """Session 31 moved the experiment-step checks out of ``models.checks`` into ``models.experiment_checks``; a
    user's ``from pybamm_aea.models.checks import CheckedIDAKLUSolver`` (the README's advice until then) or a
    warnings filter on ``checks.ExperimentStepFailedWarning`` must keep working: each name of the old ``__all__``
    that moved is the new module's object, read with a DeprecationWarning naming where it is now.

    Catches: a moved name left out (an ImportError in a user's script), the object not the new module's."""
    import ast
    import pathlib

    from pybamm_aea.models import checks, experiment_checks, start_advice, step_checks

    # (split by concept in session 58: experiment_checks re-exports each name from where it is defined now)
    body = [n for module in (step_checks, start_advice)
            for n in ast.parse(pathlib.Path(module.__file__).read_text()).body]
    moved = sorted(set(checks.MOVED_TO_EXPERIMENT_CHECKS))
    # the session-30 checks.__all__ minus what stayed: every public name the split moved
    assert moved == sorted({"CUSTOM_STEP_MODELS", "CheckedIDAKLUSolver", "ExperimentStepFailedWarning",
                            "STEP_VALUE_RANGES", "StartOutsideWindowWarning", "check_step_values",
                            "check_steps_not_merged", "circular_custom_steps", "constant_custom_currents",
                            "starts_outside_window"})
    defined = {n.name for n in body if isinstance(n, (ast.FunctionDef, ast.ClassDef))} | {
        t.id for n in body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    for name in moved:
        assert name in defined and name not in vars(checks), name
        with pytest.warns(DeprecationWarning, match=re.escape(f"pybamm_aea.models.experiment_checks.{name}")):
            assert getattr(checks, name) is getattr(experiment_checks, name)
    # (session 62: the fit's bounds check moved to the module owning fitting, pybamm_aea.fitting)
    from pybamm_aea import fitting

    assert checks.MOVED_TO_FITTING == ("check_fit_bounds",) and "check_fit_bounds" not in vars(checks)
    with pytest.warns(DeprecationWarning, match=re.escape("pybamm_aea.fitting.check_fit_bounds")):
        assert checks.check_fit_bounds is fitting.check_fit_bounds
    with pytest.raises(AttributeError, match="no attribute 'CheckedIDAKLUSolve'"):
        checks.CheckedIDAKLUSolve


def test_every_value_out_of_range_is_named_in_the_one_error():
    """A set with several values out of range is refused with all of them named, the first in the set's order said
    as alone and the others after it, so that a user mends them in one pass rather than one per run; a bound that
    several values are checked against (the host's maximum Li content: the initial content, the phases' binodals,
    the Li0 film onset...) is named once. A single bad value's error is as before.

    Catches: only the first bad value named (a fix, a re-run, the next one), a bad bound named once per value it
    bounds."""
    from pybamm_aea.models.aea import AEA

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode porosity": math.nan, "Li trapping fraction": 1.5, "Cathode maximum Li content": -1.0})
    with pytest.raises(ValueError) as info:
        values.process_model(AEA())
    said = str(info.value)
    for part in ("'Cathode porosity' = nan is outside its physical range [0, 1)",
                 "'Li trapping fraction' = 1.5 is outside its physical range [0, 1]",
                 "'Cathode maximum Li content' = -1.0 is outside its physical range (0, inf)"):
        assert said.count(part) == 1, said
    assert said.count("; also out of range: ") == 2, said
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Li trapping fraction": 1.5})
    with pytest.raises(ValueError) as info:
        values.process_model(AEA())
    assert str(info.value).startswith("'Li trapping fraction' = 1.5 is outside its physical range [0, 1]")
    assert "also out of range" not in str(info.value)


@pytest.mark.parametrize("value", [None, np.array([0.1, 0.2]), 1 + 0j], ids=["None", "array", "complex"])
def test_a_value_pybamm_cannot_substitute_is_refused_by_name(value):
    """None (a value left empty in a user's configuration), an array or a complex number for a parameter: PyBaMM's
    own error, "Cannot process parameter 'None'", did not say which parameter; the check names it."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Cathode porosity"] = value
    with pytest.raises(ValueError, match=r"'Cathode porosity' = .* is not a value PyBaMM can substitute"):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).build()


@pytest.mark.parametrize("options", [{}, {"host thermodynamics": "lever rule"}], ids=["multi-phase", "lever rule"])
def test_a_charge_with_no_voltage_cut_off_is_told_what_it_met_and_what_to_type(options):
    """A pristine LMS cell, "Discharge at 0.1C for 2 minutes" then "Charge at 0.1C for 2 minutes" (no voltage cut-off;
    user trial, session 44): the charge gives back the little Li put in and its voltage climbs past 2.8 V within 66 s
    (11 s on the lever rule). The multi-phase host warned IDA_ERR_FAIL only, the lever rule's "Maximum voltage [V]"
    event at 3.80 V was PyBaMM's logged "Experiment is infeasible" only. Now both warn naming the step, what it met
    and what to type ('... or until 2.8 V', the set's upper cut-off), with the host's Li content at its start. Since
    session 48 both stop on the model's "Maximum voltage [V]" event with the charge's data kept: the multi-phase host's
    IDA failed within the round-off of the time of it (ConsistentEventIDAKLUSolver._failed_at_event)."""
    from pybamm_aea.models.experiment_checks import ExperimentStepFailedWarning
    from pybamm_aea.models.solvers import StepRetriedWarning

    experiment = pybamm.Experiment([("Discharge at 0.1C for 2 minutes", "Charge at 0.1C for 2 minutes")])
    sim = pybamm.Simulation(pybamm_aea.AEA(options), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=experiment)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        solution = sim.solve()
    assert not [w for w in record if issubclass(w.category, StepRetriedWarning)]  # (no failure, no retry)
    (failed,) = [str(w.message) for w in record if issubclass(w.category, ExperimentStepFailedWarning)]
    assert "the model's event 'event: Maximum voltage [V]' during 'Charge at 0.1C for 2 minutes'" in failed, failed
    charge = solution.cycles[0].steps[1]  # (the charge's data kept)
    assert charge.termination == solution.termination == "event: Maximum voltage [V]"
    assert charge["Voltage [V]"].entries[-1] > 3.5 and 30 < charge.t[-1] - charge.t[0] < 120
    assert "'Charge at 0.1C for 2 minutes' has no voltage cut-off" in failed, failed
    assert "(x = 0.01733 Li per formula unit at its start)" in failed, failed
    assert failed.endswith("add a voltage cut-off: 'Charge at 0.1C for 2 minutes or until 2.8 V'"), failed


@pytest.mark.parametrize("step, voltage", [("Rest for 10 minutes", 2.4096),
                                           ("Discharge at 0.1C for 2 minutes", 2.3630)], ids=["rest", "discharge"])
def test_a_solution_stopped_on_the_maximum_voltage_event_can_be_continued(step, voltage):
    """The lever rule's charge of the test above, stopped on the model's "Maximum voltage [V]" at 3.80 V, given as the
    ``starting_solution`` of a new experiment: PyBaMM's ``BaseSolver.step`` returns a solution that ended on a model
    event unchanged as each step's, and the simulation joined it to itself: ``ValueError: The `all_ts` time vector
    must be strictly increasing across all segments of the sub-solutions`` (a rest, a discharge, any step; user
    trial, session 46). It now continues from the state at the event: a 10-minute rest relaxes to 2.4096 V, a
    2-minute discharge ends at 2.3630 V, and the starting solution keeps its termination."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    model = pybamm_aea.AEA({"host thermodynamics": "lever rule"})
    first = pybamm.Simulation(model, parameter_values=values, experiment=pybamm.Experiment(
        [("Discharge at 0.1C for 2 minutes", "Charge at 0.1C for 2 minutes")]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (the ExperimentStepFailedWarning of the test above)
        stopped = first.solve()
    assert stopped.termination == "event: Maximum voltage [V]"
    sim = pybamm.Simulation(pybamm_aea.AEA({"host thermodynamics": "lever rule"}), parameter_values=values,
                            experiment=pybamm.Experiment([step]))
    cycle = stopped.cycles[-1]
    solution = sim.solve(starting_solution=stopped)
    assert stopped.termination == "event: Maximum voltage [V]"  # (the user's solution as it was)
    assert solution.cycles[0] is cycle and cycle.termination == "event: Maximum voltage [V]"  # (its cycle, unchanged)
    assert len(solution.cycles) == 2 and solution.termination == "final time", solution.termination
    assert solution.t[-1] == pytest.approx(stopped.t[-1] + pybamm.step.string(step).duration)
    assert solution["Voltage [V]"].entries[-1] == pytest.approx(voltage, abs=1e-3)


@pytest.mark.slow
@pytest.mark.parametrize("host", ["multi-phase", "lever rule"])
def test_a_solve_ended_on_its_cut_off_can_start_an_experiment(host):
    """A plain ``sim.solve([0, 72000])`` of LMS at 1C, ended by the model's "Minimum voltage [V]" event at its 1.8 V
    cut-off (3581 s multi-phase, 3590 s lever rule), as an experiment's ``starting_solution``: on both hosts
    PyBaMM's ``ValueError`` about ``all_ts`` (the solution returned unchanged by the step, above). Now a 10-minute
    rest from it relaxes to 1.867 V (multi-phase) / 1.868 V (lever rule)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Current function [A]"] = values["Nominal cell capacity [A.h]"]  # 1C
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (the mesh's nucleation warning)
        discharged = pybamm.Simulation(pybamm_aea.AEA({"host thermodynamics": host}),
                                       parameter_values=values).solve([0, 72000])
    assert discharged.termination == "event: Minimum voltage [V]"
    sim = pybamm.Simulation(pybamm_aea.AEA({"host thermodynamics": host}),
                            parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment(["Rest for 10 minutes"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        solution = sim.solve(starting_solution=discharged)
    assert solution.termination == "final time" and solution.t[-1] == pytest.approx(discharged.t[-1] + 600)
    assert 1.85 < solution["Voltage [V]"].entries[-1] < 1.88
    assert solution.cycles[0].termination == discharged.termination == "event: Minimum voltage [V]"


def test_a_solution_continued_from_its_event_is_never_relabelled_and_its_cycle_keeps_the_event():
    """LMS on the lever-rule host discharged at 1C by a plain ``solve([0, 72000])`` to a 2.3 V cut-off (the model's
    "Minimum voltage [V]" event at 132 s), then a 10-minute rest from it (review of fix_FB, session 46). The patch
    relabelled the user's solution "final time" while PyBaMM's solve ran (another thread, or a second solve from it,
    read "final time"), and PyBaMM's copy of it, the new solution's first cycle, kept that label: ``cycles[0].
    termination`` was "final time". Now PyBaMM is given a shallow copy: the user's solution reads its event at every
    step of the solve, and the first cycle says the event too."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Current function [A]"] = values["Nominal cell capacity [A.h]"]  # 1C
    values["Lower voltage cut-off [V]"] = 2.3
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (the mesh's nucleation warning)
        discharged = pybamm.Simulation(pybamm_aea.AEA({"host thermodynamics": "lever rule"}),
                                       parameter_values=values).solve([0, 72000])
    event = "event: Minimum voltage [V]"
    assert discharged.termination == event
    seen = []

    class ReadsTheUsersSolution(pybamm.callbacks.Callback):
        def on_step_start(self, logs):
            seen.append(discharged.termination)

    sim = pybamm.Simulation(pybamm_aea.AEA({"host thermodynamics": "lever rule"}),
                            parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment(["Rest for 10 minutes"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        solution = sim.solve(starting_solution=discharged, callbacks=[ReadsTheUsersSolution()])
    assert seen == [event] and discharged.termination == event
    assert len(solution.cycles) == 2 and solution.cycles[0].termination == event
    assert solution.termination == "final time" and solution.t[-1] == pytest.approx(discharged.t[-1] + 600)


@pytest.mark.parametrize("formed, held", [(False, "0.004"), (True, "0.01733")], ids=["pristine", "after a discharge"])
def test_a_first_step_charge_with_no_voltage_cut_off_stops_on_the_maximum_voltage_event(formed, held):
    """The charge of the test above as the experiment's FIRST step, on the multi-phase host: of a pristine LMS cell
    (x 0.004) and of one after "Discharge at 0.1C for 2 minutes" given as the starting solution (x 0.01733). PyBaMM
    raises a first step's failure, and it was IDA's bare "IDA_ERR_FAIL: Error test failures occurred too many times
    ..." (review, session 45), then that error with what the step met and what to type. Since session 48 the step
    ends on the model's "Maximum voltage [V]" event (IDA failed within the round-off of the time of it), returned with
    the warning and what to type."""
    from pybamm_aea.models.experiment_checks import ExperimentStepFailedWarning

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    starting = None
    if formed:
        starting = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                                     experiment=pybamm.Experiment(["Discharge at 0.1C for 2 minutes"])).solve()
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                            experiment=pybamm.Experiment(["Charge at 0.1C for 20 hours"]))
    with pytest.warns(ExperimentStepFailedWarning) as record:
        solution = sim.solve(starting_solution=starting)
    (said,) = [str(w.message) for w in record if issubclass(w.category, ExperimentStepFailedWarning)]
    assert "'Charge at 0.1C for 20 hours' has no voltage cut-off and took out" in said, said
    assert f"(x = {held} Li per formula unit at its start)" in said, said
    assert said.endswith("add a voltage cut-off: 'Charge at 0.1C for 20 hours or until 2.8 V'"), said
    assert solution.termination == "event: Maximum voltage [V]" and solution["Voltage [V]"].entries[-1] > 3.5


@pytest.mark.parametrize("name, charge_mah", [("Li2021_Mo6S8", 0.0283), ("Li2021_S_Mo6S8", 0.1388)])
def test_the_trials_time_based_charge_ends_on_the_maximum_voltage_event_with_its_data(name, charge_mah):
    """User trial, session 48: "Discharge at 0.1C for 2 hours", "Rest for 30 minutes", "Charge at 0.1C for 2 hours"
    (PyBaMM's Chen2020 SPM/DFN and Xu2019 half cell run it) on LMS and S-LMS. The charge empties the surface cell
    behind the Li0 layer (the ionic switch) 6716 s (LMS) into the step and its voltage climbs as kT/e ln(1 / (t* - t)),
    the 3.8 V event within the round-off of the time: IDA failed (IDA_ERR_FAIL), the retry too, and the solution kept
    the first two steps only. Now the charge ends on "Maximum voltage [V]", its data kept (0.0283 / 0.1388 mA.h
    charged, at 3.64 / 3.61 V), as the lever-rule host's and PyBaMM's models' end on theirs."""
    from pybamm_aea.models.experiment_checks import ExperimentStepFailedWarning

    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues(name),
                            experiment=pybamm.Experiment(["Discharge at 0.1C for 2 hours", "Rest for 30 minutes",
                                                          "Charge at 0.1C for 2 hours"]))
    with pytest.warns(ExperimentStepFailedWarning, match=re.escape("'Charge at 0.1C for 2 hours' has no voltage "
                                                                   "cut-off and took out")):
        solution = sim.solve()
    steps = [cycle.steps[0] for cycle in solution.cycles]
    assert len(steps) == 3 and steps[2].termination == "event: Maximum voltage [V]"
    q = steps[2]["Discharge capacity [A.h]"].entries
    assert (q[0] - q[-1]) * 1e3 == pytest.approx(charge_mah, rel=0.02)
    assert steps[2]["Voltage [V]"].entries[-1] > 3.5


def test_a_failure_short_of_every_event_still_raises():
    """A failure not at an event is IDA's error as before: the multi-phase solver's failure judged at the last two
    points of IDA's partial solution (``_failed_at_event``), here an integration stopped 10 s into a 0.1C discharge,
    1.5 V short of its events, and the same stalled in time: no event; raised with IDA's message."""
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"))
    sim.build()
    solver = sim.solver
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        partial = solver.solve(sim.built_model, [0, 10])
    assert solver._failed_at_event(sim.built_model, partial, np.zeros(0)) is None
    # stalled in time (its last interval 2 units in the last place) but far from every event: the voltage fell at its
    # rate per charge of the discharge, 1.5 V from "Minimum voltage [V]": no event either
    ts, ys = partial.all_ts[-1], partial.all_ys[-1]
    end, middle = ys[:, -1], ys[:, len(ts) // 2]
    stalled = types.SimpleNamespace(all_ts=[np.array([ts[0], ts[-1] - 2 * np.spacing(ts[-1]), ts[-1]])],
                                    all_ys=[np.column_stack([ys[:, 0], end + 1e-12 * (middle - end), end])],
                                    variables_returned=False)
    assert solver._failed_at_event(sim.built_model, stalled, np.zeros(0)) is None
    solver._flags, partial.termination = [-3], "failure"  # (IDA's flag -3: IDA_ERR_FAIL)
    with pytest.raises(pybamm.SolverError, match=re.escape("IDA failed 10 s into the integration, which started at t = 0 s "
                                                           "(IDA_ERR_FAIL")):
        solver._end_failures_at_events(sim.built_model, [partial], [{}])


def test_a_stall_whose_event_was_not_approached_is_a_failure_not_the_event():
    """Trial TR, session 59: Li2021_Mo6S8 with no gradient energy stalled 70.75 s into 0.1C at 2.2604 V (IDA's last
    interval 1.4e-14 s, the voltage down 1.1e-7 V in it) and ``_failed_at_event`` ended it on "Minimum voltage [V]",
    0.46 V away: at the last interval's rate within rtol of the duration. Here a 10 s 0.1C discharge stalled at
    2.2063 V (last interval 2 units in the last place), its voltage down 1.3e-10 V in it (1e-9 of the discharge's fall,
    below the solver's noise on the event's 0.406 V, 4.2e-5): ahead 1.1e-5 s at that rate, within 1e-4 x 10 s, so the
    old rule took the event; the event fell beyond the noise only over the whole 10 s (0.134 V), 30 s ahead at that
    rate. Now IDA's failure, naming the event, its value and that rate."""
    from pybamm_aea.pybamm_adapter.model_internals import state_slices

    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"))
    sim.build()
    solver = sim.solver
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        partial = solver.solve(sim.built_model, [0, 10])
    ts, ys = partial.all_ts[-1], partial.all_ys[-1]
    start, end = ys[:, 0], ys[:, -1]
    before = end + 1e-9 * (start - end)
    for var, slices in state_slices(sim.built_model).items():  # (no charge passed in the stalled interval)
        if var.name == "Throughput capacity [A.h]":
            for piece in slices:
                before[piece] = end[piece]
    stalled = types.SimpleNamespace(all_ts=[np.array([ts[0], ts[-1] - 2 * np.spacing(ts[-1]), ts[-1]])],
                                    all_ys=[np.column_stack([start, before, end])],
                                    variables_returned=False, termination="failure")
    nearest = solver._nearest_event(sim.built_model, *((t, y) for t, y in zip(stalled.all_ts[0], stalled.all_ys[0].T)),
                                    np.zeros(0))
    assert nearest[0] == 2 and nearest[2] <= solver.rtol and nearest[4] * 2 * np.spacing(ts[-1]) <= solver.rtol * 10
    assert solver._failed_at_event(sim.built_model, stalled, np.zeros(0)) is None
    solver._flags = [-3]
    with pytest.raises(pybamm.SolverError, match=r"IDA failed 10 s into the integration, .*\(IDA_ERR_FAIL.*; not at an "
                                                 r"event: 'Minimum voltage \[V\]' 0\.\d+ V away \(its value\), down "):
        solver._end_failures_at_events(sim.built_model, [stalled], [{}])
    # the same stall after a climb to the event (as LMS's diverging charge: 0.0197 V in its last 4.3e-12 s): the
    # start's state 10 units in the last place before the end, 0.134 V above it, 3x that stretch ahead: the event
    times = [ts[0], ts[-1] - 10 * np.spacing(ts[-1]), *stalled.all_ts[0][1:]]
    approached = types.SimpleNamespace(all_ts=[np.array(times)],
                                       all_ys=[np.column_stack([start, start, before, end])],
                                       variables_returned=False, termination="failure")
    solver._end_failures_at_events(sim.built_model, [approached], [{}])
    assert approached.termination == "event" and approached.closest_event_idx == 2
    # ... with its last interval's fall 1e-12 of the discharge's (1.3e-13 V): ahead 1.1e-2 s at that rate, more than
    # 1e-4 x 10 s: a held voltage's round-off (the hold below), refused before the approach is read
    approached.all_ys[0][:, 2] = end + 1e-3 * (before - end)  # (no charge passed in it still)
    approached.termination = "failure"
    assert solver._failed_at_event(sim.built_model, approached, np.zeros(0)) is None
    approached.all_ys[0][:, 2] = before
    # ... but a rise of 4e-4 V only there (0.003 of the start's, 1e-3 of the event's value: less than 1e-2 of it)
    approached.all_ys[0][:, 1] = end + 0.003 * (start - end)
    approached.termination = "failure"
    with pytest.raises(pybamm.SolverError, match=r"'Minimum voltage \[V\]' 0\.406261 V away \(its value\), "
                                                 r"down 0\.134 V in the last 10 s, 30\.2 s ahead at that rate"):
        solver._end_failures_at_events(sim.built_model, [approached], [{}])


def test_a_stall_at_a_current_cut_off_is_judged_against_the_noise_on_the_current_in_amperes():
    """Review R44 (session 60): whether a stall approached its event was judged against a noise of rtol |value| + atol,
    the solver's atol (1e-6, on PyBaMM's scaled states) taken in the event's unit: 1e-6 A on a current event, as much as
    LMS's (0.15 mA.h) whole C/150 (a hold "until 0.001 mA" ends 0.4 uA below its start current). Now the noise is IDA's
    tolerance on each state carried to the event by its gradient: the hold's current is PyBaMM's "Current variable
    [A]", scaled by the nominal capacity, so 1.5e-4 x (1e-4 x 0.0067 + 1e-6) = 2.5e-10 A. A hold's real states (its
    start, 0.395 uA above "until 0.001 mA", and its end, the event's value put at 5e-9 A) in a stall shaped as the
    voltage's above (the event approached in the last 10 units in the last place of the time, by 3.9e-7 A): the old
    rule refused it ("never 1e-06 higher before"); it ends on the event. Approached by 1.2e-10 A only (more than 1 % of
    5e-9 A, below the noise), it is IDA's failure, in amperes."""
    from pybamm_aea.pybamm_adapter.model_internals import state_slices
    from pybamm_aea.pybamm_adapter.solver_internals import event_functions, event_names

    experiment = pybamm.Experiment([("Discharge at 0.1C for 10 minutes", "Hold at 2.4 V for 8 minutes",
                                     "Hold at 2.4 V until 0.001 mA")])
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=experiment)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hold = sim.solve().cycles[0].steps[2]
    name = "abs(Current [A]) < 1e-06 [A] [experiment]"
    assert hold.termination == f"event: {name}"
    key = sim.experiment.steps[2].basic_repr()
    model, solver = sim.steps_to_built_models[key], sim.steps_to_built_solvers[key]
    event = event_names(model).index(name)

    def value(y):
        return float(event_functions(model)[event](0.0, y, np.zeros(0)))

    ts, ys = hold.all_ts[-1], hold.all_ys[-1]
    start, above, below = ys[:, 0], ys[:, -2], ys[:, -1]  # (the last two points straddle the event's root)
    assert value(start) == pytest.approx(3.95e-7, rel=1e-2) and value(above) > 0 > value(below)
    end = below + (5e-9 - value(below)) / (value(above) - value(below)) * (above - below)
    assert value(end) == pytest.approx(5e-9, rel=1e-6)

    def stall(first):
        before = end + 1e-9 * (first - end)
        for var, slices in state_slices(model).items():  # (no charge passed in the stalled interval)
            if var.name == "Throughput capacity [A.h]":
                for piece in slices:
                    before[piece] = end[piece]
        times = [ts[0], ts[-1] - 10 * np.spacing(ts[-1]), ts[-1] - 2 * np.spacing(ts[-1]), ts[-1]]
        return types.SimpleNamespace(all_ts=[np.array(times)], all_ys=[np.column_stack([first, first, before, end])],
                                     variables_returned=False, termination="failure")

    approached = stall(start)
    assert solver._failed_at_event(model, approached, np.zeros(0)) == event
    solver._end_failures_at_events(model, [approached], [{}])
    assert approached.termination == "event" and approached.closest_event_idx == event
    near = end + 1.2e-10 / (value(start) - value(end)) * (start - end)
    with pytest.raises(pybamm.SolverError, match=re.escape(f"not at an event: '{name}' 5e-09 A away (its value), never "
                                                           "2.52e-10 A higher before")):
        solver._end_failures_at_events(model, [stall(near)], [{}])


@pytest.mark.parametrize("name, unit", [
    ("Minimum voltage [V]", "V"), ("Voltage < 2.5 [V] [experiment]", "V"),
    ("abs(Current [A]) < 0.001 [A] [experiment]", "A"), ("C-rate cut-off [experiment]", "C"),
    ("Minimum cathode surface Li content", "Li per formula unit"),
    ("Cathode lattice gas full inside the electrode (Li content x_max, theta = 1)", "Li per formula unit"),
    ("Li-In anode depleted of Li", "Li per In"), ("Negative stoichiometry cut-off [experiment]", None),
    ("Combined termination [experiment]", None)])
def test_an_events_unit_is_read_from_its_name(name, unit):
    """Review R44 (session 60): the error of a stall not at its event quoted the event's value without a unit. Its
    unit is the name's last in brackets (PyBaMM's and the model's voltage and current events), else the package's
    events' (the host's Li content, the Li-In anode's Li:In ratio) and PyBaMM's C-rate cut-off's; a custom
    termination's and PyBaMM's combined termination of a unified experiment model (several units) have none."""
    from pybamm_aea.models.solvers import event_unit

    assert event_unit(name) == unit


@pytest.mark.parametrize("options", [{}, {"host thermodynamics": "lever rule"}, {"anode": "Li-In"}],
                         ids=["multi-phase", "lever rule", "Li-In"])
def test_every_event_of_the_model_has_a_unit(options):
    """Each termination event of the model's hosts and anodes has a unit (:func:`event_unit`), so the error of a stall
    not at it says its value's unit."""
    from pybamm_aea.models.solvers import event_unit

    names = [event.name for event in pybamm_aea.AEA(options).events if event.event_type == pybamm.EventType.TERMINATION]
    assert names and all(event_unit(name) for name in names), names


@pytest.mark.parametrize("host, advice", [("lever rule", "OTHER_ADVICE"), ("multi-phase", "HOLD_ADVICE")])
def test_the_hold_advice_is_given_only_where_the_lever_rule_would_change_something(host, advice):
    """Review R18: IDA's failure of a voltage hold advised the lever-rule host whatever the model's host, so a
    lever-rule model run on the multi-phase host's solver (``SharedEventsIDAKLUSolver``) was told "The lever-rule host
    ... ran pristine LMS's 3.5 V hold, which this host fails on". Now the hold advice is the multi-phase model's only;
    the lever-rule model's failure points to the failures known. The failure: IDA's flag -3 given to a 10 s solve, as
    :func:`test_a_failure_short_of_every_event_still_raises` gives it."""
    from pybamm_aea.models.solvers import SharedEventsIDAKLUSolver

    sim = pybamm.Simulation(pybamm_aea.AEA({"host thermodynamics": host}),
                            parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"), solver=SharedEventsIDAKLUSolver())
    sim.build()
    solver = sim.solver
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        partial = solver.solve(sim.built_model, [0, 10])
    solver.experiment_step = "step 1 of 1 in cycle 1 of 1, 'Hold at 3.5 V for 10 minutes'"
    solver._flags, partial.termination = [-3], "failure"  # (IDA's flag -3: IDA_ERR_FAIL)
    with pytest.raises(pybamm.SolverError) as raised:
        solver._end_failures_at_events(sim.built_model, [partial], [{}])
    said = str(raised.value)
    assert said.endswith(getattr(SharedEventsIDAKLUSolver, advice)), said
    assert ("lever-rule host" in said) == (host == "multi-phase"), said


def test_a_hold_ida_failed_on_is_a_failure_not_its_voltage_event():
    """LMS, pristine, 70 C, "Hold at 3.5 V for 10 minutes" on the multi-phase host (user trial, session 51): IDA fails
    0.64 ms in (the separator's cell emptied by the hold's first current, -98 A), its last interval 1.1e-19 s, and the
    held voltage's events fell by round-off only ("Minimum voltage [V]" 2.7 V away, 0.33 ms ahead at that rate, 0.52 of
    the step's time; no charge in the interval, so 0 of it). The step ended "on" that event at 3.500 V, t = 0.6377 ms,
    124 points at one time. Now the failure stands: the first step's raises IDA's error (the retry's too), naming the
    step and when in it IDA failed."""
    from pybamm_aea.models.solvers import StepRetriedWarning

    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment(["Hold at 3.5 V for 10 minutes"]))
    with warnings.catch_warnings(record=True) as record, pytest.raises(pybamm.SolverError) as raised:
        warnings.simplefilter("always")
        sim.solve()
    assert [w for w in record if issubclass(w.category, StepRetriedWarning)]  # (solved again, failed again)
    said = str(raised.value)
    assert "IDA_" in said and "step 1 of 1 in cycle 1 of 1, 'Hold at 3.5 V for 10 minutes'" in said, said
    into = float(re.search(r"IDA failed (\S+) s into step 1 of 1 in cycle 1 of 1, 'Hold at 3.5 V for 10 minutes', "
                           r"which started at t = 0 s", said).group(1))
    assert 0 < into < 0.01, said  # (0.647 ms on the retry)


def test_an_ida_failure_names_its_step_once_in_one_sentence():
    """Review R14: the failure's text nested brackets and named the step twice, three times in PyBaMM's warning of a
    later step ("the solver failed in 'Hold at 3.7 V for 10 minutes': input set 0: IDA_ERR_FAIL: ... (IDA failed
    36.5405 s into a step from t = 120 s (step 2 of 3 in cycle 1 of 2, 'Hold at 3.7 V for 10 minutes'))"), the retry's
    warning twice in "(...(...(...)))". Now each names the step once (number, cycle, text), when IDA failed, IDA's
    flag, and (the error) what to try: LMS, pristine, the 3.5 V hold first (IDA fails 0.65 ms in) and the 3.7 V hold
    after 2 minutes at 0.1C (36.5 s in)."""
    from pybamm_aea.models.experiment_checks import ExperimentStepFailedWarning
    from pybamm_aea.models.solvers import StepRetriedWarning

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    hold = "'Hold at 3.5 V for 10 minutes'"
    with warnings.catch_warnings(record=True) as record, pytest.raises(pybamm.SolverError) as raised:
        warnings.simplefilter("always")
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                          experiment=pybamm.Experiment([hold[1:-1]])).solve()
    (retried,) = [str(w.message) for w in record if issubclass(w.category, StepRetriedWarning)]
    said = str(raised.value)
    for text in (said, retried):
        assert text.count(hold) == 1 and text.count("step 1 of 1 in cycle 1 of 1") == 1, text
        assert "((" not in text and "))" not in text and "input set" not in text, text
        assert re.match(r"IDA failed \S+ s into step 1 of 1 in cycle 1 of 1, 'Hold at 3.5 V for 10 minutes', which "
                        r"started at t = 0 s \(IDA_ERR_FAIL: [^()]*\)", text), text
    assert '{"host thermodynamics": "lever rule"}' in said and "lever rule" not in retried, (said, retried)

    hold = "'Hold at 3.7 V for 10 minutes'"
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(
            [("Discharge at 0.1C for 2 minutes", hold[1:-1], "Rest for 10 minutes")] * 2)).solve()
    (failed,) = [str(w.message) for w in record if issubclass(w.category, ExperimentStepFailedWarning)]
    assert failed.count(hold) == 1 and failed.count("step 2 of 3 in cycle 1 of 2") == 1, failed
    assert "((" not in failed and "))" not in failed and "the solver failed in" not in failed, failed
    assert re.match(r"the experiment stopped: IDA failed \S+ s into step 2 of 3 in cycle 1 of 2, 'Hold at 3.7 V for "
                    r"10 minutes', which started at t = 120 s \(IDA_ERR_FAIL: [^()]*\)\. The lever-rule host", failed), \
        failed


@pytest.mark.parametrize("step, inputs, advice", [
    ("Charge at 0.1C for 20 hours", None, "'Charge at 0.1C for 20 hours or until 2.8 V'"),
    (pybamm.step.c_rate(-0.1, duration=72000), None,
     'termination="2.8 V" in the step\'s call ({})'),
    (pybamm.step.c_rate(pybamm.InputParameter("C"), duration=72000), {"C": -0.1},
     'termination="> 2.8 V" in the step\'s call ({})'),
    (pybamm.step.current(pybamm.InputParameter("I"), duration=600), {"I": 1e-5},
     'termination="< 1.8 V" in the step\'s call ({})'),
    (pybamm.step.c_rate(-0.1, duration=72000, description="my charge"), None,
     'termination="2.8 V" in the step\'s call (my charge)'),
], ids=["string", "step object", "input C-rate", "input current", "described step object"])
def test_the_no_cut_off_note_advises_what_the_user_can_type(step, inputs, advice):
    """User trial, session 48: a C-rate given as an input lost the note (PyBaMM gives its step no direction: IDA's
    bare IDA_ERR_FAIL), and a step object was told to add "'CRate(-0.1, duration=72000, direction=charge) or until
    2.8 V'", which no user can type. Now the direction is read off the inputs and a step object is advised a
    termination (with the operator PyBaMM asks for on an input's step)."""
    from pybamm_aea.models.experiment_checks import uncut_step_note

    step = pybamm.step.string(step) if isinstance(step, str) else step
    note = uncut_step_note(step, pybamm.ParameterValues("Li2021_Mo6S8"), inputs=inputs)
    assert note is not None and note.endswith(f"add a voltage cut-off: {advice.format(step)}"), note
    assert uncut_step_note(pybamm.step.c_rate(pybamm.InputParameter("C"), duration=60),
                           pybamm.ParameterValues("Li2021_Mo6S8")) is None  # (no inputs: no direction to tell)


def test_a_charge_at_an_input_c_rate_with_no_cut_off_gets_the_note():
    """The trial's script: pybamm.step.c_rate(pybamm.InputParameter("C"), duration=72000) with inputs={"C": -0.1} on a
    pristine LMS cell raised IDA's bare IDA_ERR_FAIL where "Charge at 0.1C for 20 hours" had the note; now it stops on
    "Maximum voltage [V]" as that does, with the note and a termination to type, which runs (2.8 V after 0.59 s)."""
    from pybamm_aea.models.experiment_checks import ExperimentStepFailedWarning

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    step = pybamm.step.c_rate(pybamm.InputParameter("C"), duration=72000)
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment([step]))
    with pytest.warns(ExperimentStepFailedWarning, match=re.escape(
            "'CRate(C, duration=72000)' has no voltage cut-off and took out the Li the host gives back (x = 0.004 Li "
            "per formula unit at its start)") + ".*" + re.escape(
            'add a voltage cut-off: termination="> 2.8 V" in the step\'s call (CRate(C, duration=72000))')):
        solution = sim.solve(inputs={"C": -0.1})
    assert solution.termination == "event: Maximum voltage [V]"
    typed = pybamm.step.c_rate(pybamm.InputParameter("C"), duration=72000, termination="> 2.8 V")
    solution = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                                 experiment=pybamm.Experiment([typed])).solve(inputs={"C": -0.1})
    assert solution["Voltage [V]"].entries[-1] == pytest.approx(2.8, abs=1e-6)


def test_a_step_with_a_voltage_cut_off_or_at_rest_gets_no_note():
    """:func:`~pybamm_aea.models.experiment_checks.uncut_step_note` is for a charge or discharge with no voltage
    cut-off only."""
    from pybamm_aea.models.experiment_checks import uncut_step_note

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    for text in ("Charge at 0.1C for 2 minutes or until 2.8 V", "Rest for 1 hour", "Hold at 2.8 V for 1 hour"):
        assert uncut_step_note(pybamm.step.string(text), values) is None, text
    note = uncut_step_note(pybamm.step.string("Discharge at 0.1C for 2 minutes"), values)
    assert note.endswith("'Discharge at 0.1C for 2 minutes or until 1.8 V'") and "(x =" not in note


# ------------------------------------------------------------------------------------------- session 47 (user trial)
@pytest.mark.parametrize("name, value, said", [
    # a fraction typed in percent: refused naming the range only (the degrees-C slip had its hint, these had none)
    ("Cathode porosity", 11.0, "(11 = 1100 %); did you give %? 11 % = 0.11"),
    ("Dispersed material mass fraction", 27.5, "(27.5 = 2750 %); did you give %? 27.5 % = 0.275"),
    ("S8 mass fraction", 45.0, "did you give %? 45 % = 0.45"),
    ("Persistent Li0 fraction", 2.0, "did you give %? 2 % = 0.02"),
    # a stack pressure typed in Pa ran without a word (3.6e8: S-LMS +17 % at cycle 40)
    ("Stack pressure [MPa]", 3.6e8, "is outside its modelled range [0, 1000] (at most 1000 MPa, the model's bound, "
     "not the material's: above ~1100 MPa its stack-held porosity (S-LMS 0.0073 at 1000 MPa) comes within 0.005 of "
     "the swelling's floor"),
    ("Stack pressure [MPa]", 3.6e8, "did you give Pa? 360000000 Pa = 360 MPa"),
])
def test_a_fraction_in_percent_and_a_pressure_in_pa_are_named(name, value, said):
    with pytest.raises(ValueError, match=re.escape(f"'{name}' = {value!r} ") + ".*" + re.escape(said)):
        check_value(name, value)


def test_stack_pressures_the_package_predicts_at_are_in_range():
    """The paper's 36-360 MPa and the README's prediction at 720 MPa stay in range; 1000 MPa is the end."""
    for pressure in (0.0, 36.0, 180.0, 360.0, 720.0, 1000.0):
        check_value("Stack pressure [MPa]", pressure)
    with pytest.raises(ValueError, match=re.escape("[0, 1000]")):
        check_value("Stack pressure [MPa]", 1000.5)


def test_a_stack_pressure_in_pa_is_refused_by_the_model():
    """The trial's script: "Stack pressure [MPa]" = 3.6e8 (360 MPa typed in Pa) on S-LMS ran; now refused when the model
    is parameterised, with the hint."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    values["Stack pressure [MPa]"] = 3.6e8
    sim = pybamm.Simulation(pybamm_aea.AEA({"dispersed material degradation": "activation and contact loss"}),
                            parameter_values=values)
    with pytest.raises(ValueError, match=re.escape("did you give Pa? 360000000 Pa = 360 MPa")):
        sim.solve([0, 60])


def test_a_c_rate_on_a_nominal_capacity_far_from_the_cathodes_is_warned_once():
    """The trial's script: the loading set to 3x by hand, "Discharge at 1C" ran at 0.333C of the electrode (the
    README's convention: a C-rate of "Nominal cell capacity [A.h]"), cut by PyBaMM's 2 h default duration, with only
    PyBaMM's logged "Experiment is infeasible". A NominalCapacityMismatchWarning now names both capacities and how to
    set the nominal one, once per simulation; the convention is unchanged (the current is still 1C of the nominal)."""
    from pybamm_aea.models.experiment_checks import NominalCapacityMismatchWarning

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    nominal = values["Nominal cell capacity [A.h]"]
    values["Cathode loading [kg.m-2]"] = 3 * values["Cathode loading [kg.m-2]"]
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                            experiment=pybamm.Experiment(["Discharge at 1C for 1 minute"]))
    said = (re.escape('"Nominal cell capacity [A.h]" = 0.0001517 A.h (PyBaMM\'s convention), 0.333 times the '
                      'cathode\'s capacity (0.0004551 A.h, its host and all its dispersed material; more than 1.25x '
                      'apart)')
            + ".*" + re.escape("0.333C of this electrode") + ".*"
            + re.escape('set values["Nominal cell capacity [A.h]"] = 0.0004551'))
    with pytest.warns(NominalCapacityMismatchWarning, match=said):
        sol = sim.solve()
    assert sol["Current [A]"].entries[0] == pytest.approx(nominal, rel=1e-9)  # the convention kept
    with warnings.catch_warnings():
        warnings.simplefilter("error", NominalCapacityMismatchWarning)
        sim.solve()  # once per simulation
        values["Nominal cell capacity [A.h]"] = 3 * nominal  # the nominal scaled: nothing to say
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                          experiment=pybamm.Experiment(["Discharge at 1C for 1 minute"])).solve()


# ------------------------------------------------------------------------------------------- session 47 (review R2)
@pytest.mark.parametrize("name, value", [
    ("Stack pressure [MPa]", 1500.0),  # 1500 Pa = 0.0015 MPa: no stack pressure (it said "did you give Pa?")
    ("Stack pressure [MPa]", 3600.0),  # 3600 bar meant: 3600 Pa = 0.0036 MPa is none either
    ("Cathode porosity", 1.0),  # the open bound itself: "did you give %? 1 % = 0.01" was said
    ("Dispersed material mass fraction", 1.0),
    ("S8 mass fraction", 1.0),
])
def test_a_slip_hint_only_where_the_reading_is_plausible(name, value):
    with pytest.raises(ValueError) as err:
        check_value(name, value)
    if name == "Stack pressure [MPa]":  # (read in kPa, 1.5 and 3.6 MPa, a held cell's: said since session 60)
        assert " Pa = " not in str(err.value) and "or Pa?" not in str(err.value), str(err.value)
        assert f"did you give kPa? {value:g} kPa = {value / 1e3:g} MPa" in str(err.value)
    else:
        assert "did you give" not in str(err.value)


def test_a_stack_pressure_reading_in_pa_of_a_stack_pressure_keeps_its_hint():
    """360000 read as Pa is 0.36 MPa, a stack pressure (>= 0.1 MPa): hinted, after kPa (360 MPa; named since session
    60); 1.2 as a porosity is 1.2 %: hinted."""
    with pytest.raises(ValueError, match=re.escape("360000 Pa = 0.36 MPa")):
        check_value("Stack pressure [MPa]", 3.6e5)
    with pytest.raises(ValueError, match=re.escape("did you give %? 1.2 % = 0.012")):
        check_value("Cathode porosity", 1.2)


def test_the_stack_pressure_bound_is_where_the_models_stack_porosity_nears_the_swelling_floor():
    """The bound's stated reason, checked in numbers: at 1000 MPa every registered set's stack-held porosity is above
    EPS_FLOOR + 2 EPS_SMOOTH (where the void-closure switch still turns off), and S-LMS's falls below it at ~1100
    MPa; the error calls the range modelled, not physical."""
    from pybamm_aea.models.submodels.volume import ConstrainedSwelling
    from pybamm_aea.parameters import SET_FACTS

    limit = ConstrainedSwelling.EPS_FLOOR + 2 * ConstrainedSwelling.EPS_SMOOTH
    p = pybamm_aea.AEA().param
    stack = p.eps_c * pybamm.exp(-p.K_heckel * (p.P_stack - p.P_fab))
    for name in SET_FACTS:
        values = pybamm.ParameterValues(name)
        if "Stack pressure [MPa]" not in values.keys():
            continue
        values["Stack pressure [MPa]"] = 1000.0
        assert values.evaluate(stack) > limit, name
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    values["Stack pressure [MPa]"] = 1000.0
    at_1000 = values.evaluate(stack)
    k = float(values.evaluate(p.K_heckel))
    assert 1000.0 + math.log(at_1000 / limit) / k == pytest.approx(1100.0, abs=5.0)  # (1099.9 MPa)
    with pytest.raises(ValueError, match=re.escape("is outside its modelled range [0, 1000]")):
        check_value("Stack pressure [MPa]", 1000.5)


def _nominal_sim(name, options, update, step="Discharge at 1C for 1 minute"):
    values = pybamm.ParameterValues(name)
    values.update(update(values))
    return pybamm.Simulation(pybamm_aea.AEA(options), parameter_values=values, experiment=pybamm.Experiment([step]))


@pytest.mark.parametrize("options", [{"dispersed material degradation": "activation and contact loss"},
                                     {"ionic-switch host loss": "persistent Li0"}])
def test_the_nominal_capacity_check_runs_for_a_state_dependent_capacity(options):
    """The check read "Positive electrode capacity [A.h]" at the initial state, which the build has not made yet for
    a model whose capacity depends on its state: S-LMS with activation at 3x its loading ran its "1C" at 0.333C
    without the warning (session 47's review). Now from the parameter values (the cathode's capacity as made); the
    set as shipped, activation on, is said nothing (its sulfur not yet activated is not a mismatch)."""
    from pybamm_aea.models.experiment_checks import NominalCapacityMismatchWarning

    name = "Li2021_S_Mo6S8" if "dispersed material degradation" in options else "Li2021_Mo6S8"
    sim = _nominal_sim(name, options, lambda v: {"Cathode loading [kg.m-2]": 3 * v["Cathode loading [kg.m-2]"]})
    with pytest.warns(NominalCapacityMismatchWarning, match=re.escape("0.333 times the cathode's capacity")):
        sim.build_for_experiment()
    with warnings.catch_warnings():
        warnings.simplefilter("error", NominalCapacityMismatchWarning)
        _nominal_sim(name, options, lambda v: {}).build_for_experiment()


def test_a_nominal_capacity_in_mah_typed_as_ah_is_warned():
    """The other direction: "Nominal cell capacity [A.h]" 1000x the cathode's (0.1517 for LMS's 0.1517 mA.h):
    "0.1C" would run at 100C of the electrode."""
    from pybamm_aea.models.experiment_checks import NominalCapacityMismatchWarning

    sim = _nominal_sim("Li2021_Mo6S8", {},
                       lambda v: {"Nominal cell capacity [A.h]": 1000 * v["Nominal cell capacity [A.h]"]},
                       step="Discharge at 0.1C for 1 second")
    with pytest.warns(NominalCapacityMismatchWarning, match=re.escape("= 0.1517 A.h (PyBaMM's convention), 1e+03 "
                                                                      "times the cathode's capacity") + ".*"
                      + re.escape("runs at 0.0152 A, 100C of this electrode")):
        sim.build_for_experiment()


def test_the_nominal_warning_points_at_the_users_call():
    """It pointed at pybamm_adapter/experiment_errors.py (stacklevel 3 inside sim.solve): now at this file."""
    from pybamm_aea.models.experiment_checks import NominalCapacityMismatchWarning

    sim = _nominal_sim("Li2021_Mo6S8", {}, lambda v: {"Cathode loading [kg.m-2]": 3 * v["Cathode loading [kg.m-2]"]},
                       step="Discharge at 1C for 1 second")
    with pytest.warns(NominalCapacityMismatchWarning) as caught:
        sim.solve()
    assert [w.filename for w in caught if w.category is NominalCapacityMismatchWarning] == [__file__]


def test_the_nominal_capacity_check_takes_out_the_c_rate_basis_the_package_set():
    """The sweep runs a swept C-rate c on an experiment written at its reference rate r by scaling the C-rate basis
    ("Nominal cell capacity [A.h]") by c / r: its 0.02C row on a 0.1C experiment (basis 0.2x the cathode's) was warned
    "the experiment's C-rates are of ... 0.2 times the cathode's capacity" though the package set it so on purpose
    (session 47). Inside c_rate_basis_scaled(c / r) the basis is compared after taking the scale out: the sweep's
    row says nothing, a loading changed by hand (3x, its nominal left) is still warned, and outside it a basis 0.2x
    the cathode's is."""
    from pybamm_aea.models.experiment_checks import NominalCapacityMismatchWarning, c_rate_basis_scaled

    def swept(loading=1.0, scale=0.2):  # the set at `loading` x its loading, its basis `scale` x the set's nominal
        return _nominal_sim("Li2021_Mo6S8", {}, lambda v: {
            "Cathode loading [kg.m-2]": loading * v["Cathode loading [kg.m-2]"],
            "Nominal cell capacity [A.h]": scale * v["Nominal cell capacity [A.h]"]})

    with warnings.catch_warnings():
        warnings.simplefilter("error", NominalCapacityMismatchWarning)
        with c_rate_basis_scaled(0.2):
            swept().build_for_experiment()
    with c_rate_basis_scaled(0.2), pytest.warns(NominalCapacityMismatchWarning,
                                                match=re.escape("0.333 times with the sweep's C-rate scale 0.2")):
        swept(loading=3.0).build_for_experiment()
    with pytest.warns(NominalCapacityMismatchWarning, match=re.escape("0.2 times the cathode's capacity")):
        swept().build_for_experiment()
    with pytest.raises(ValueError, match="scale must be a finite number > 0, got 0.0"):
        with c_rate_basis_scaled(0.0):
            pass


# ------------------------------------------------------------------------------- temperature beyond the data
def _temperature_warnings(values, inputs=None, experiment=None):
    """The TemperatureOutsideMeasuredRangeWarning texts of a short solve (60 s at the set's current) of ``values``."""
    from pybamm_aea.models.checks import TemperatureOutsideMeasuredRangeWarning

    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        sim.solve([0, 60], inputs=inputs) if experiment is None else sim.solve()
    return [str(w.message) for w in record if issubclass(w.category, TemperatureOutsideMeasuredRangeWarning)]


@pytest.mark.slow
def test_a_temperature_outside_the_sets_measured_ones_is_warned_not_refused():
    """A user trial ran S-LMS at 0 C (71.7 mA.h/g) and 90 C (601.7) with the activation energies extrapolated, without
    a word. The paper measured its cells at 70 C (Experimental Section) and the LMS cell at room temperature too (Fig.
    S5): each set gives those temperatures ("Lowest/Highest measured temperature [K]": LMS 25-70 C, S-LMS 70 C), and a
    solve outside them is warned about (a value, an input at solve time, an experiment step's temperature), never
    refused; 25 and 70 C on LMS are not, nor a set without them (a user's own)."""
    from pybamm_aea.models.checks import HIGHEST_MEASURED, LOWEST_MEASURED

    lms = pybamm.ParameterValues("Li2021_Mo6S8")
    assert (lms[LOWEST_MEASURED], lms[HIGHEST_MEASURED]) == (298.15, 343.15)
    for kelvin in (298.15, 343.15):  # (25 and 70 C)
        at = lms.copy()
        at["Ambient temperature [K]"] = kelvin
        assert _temperature_warnings(at) == [], kelvin
    cold = lms.copy()
    cold["Ambient temperature [K]"] = 273.15
    (said,) = _temperature_warnings(cold)
    assert said.startswith("the ambient temperature 273.15 K (0 C) is outside the temperatures this set's "
                           "parameters were measured at, 298.15-343.15 K (25-70 C)"), said
    given = lms.copy()
    given["Ambient temperature [K]"] = pybamm.InputParameter("T")
    assert _temperature_warnings(given, inputs={"T": 343.15}) == []
    assert "273.15 K (0 C)" in _temperature_warnings(given, inputs={"T": 273.15})[0]
    step = pybamm.Experiment([pybamm.step.c_rate(0.1, duration=60, temperature="0oC")])
    assert "273.15 K (0 C)" in _temperature_warnings(lms.copy(), experiment=step)[0]
    slms = pybamm.ParameterValues("Li2021_S_Mo6S8")
    assert (slms[LOWEST_MEASURED], slms[HIGHEST_MEASURED]) == (343.15, 343.15)
    hot = slms.copy()
    hot["Ambient temperature [K]"] = 363.15
    (said,) = _temperature_warnings(hot)
    assert "363.15 K (90 C) is outside the temperatures this set's parameters were measured at, 343.15 K (70 C)" in said
    assert _temperature_warnings(slms.copy()) == []
    own = cold.copy()
    del own[LOWEST_MEASURED], own[HIGHEST_MEASURED]
    assert _temperature_warnings(own) == []


def test_the_temperature_warning_says_the_set_temperature_range_and_source_in_one_line():
    """Trial ND: TiS2 (measured at 70 C) solved at 25 C warned 455 characters, on every solve and each sweep row
    (what is extrapolated, each set's sources: docs/known_limits.rst). Now the set, the temperature, the measured
    range, where it is written and that the figure is a prediction beyond the data, 319 characters (260 in session
    55's first cut, whose 'Lowest/Highest measured temperature [K]' no user could look up); the warning's temperature
    and set name are attributes too (the sweep keeps one per temperature on a row)."""
    from pybamm_aea.models.checks import TemperatureOutsideMeasuredRangeWarning, warn_outside_measured_temperatures

    values = pybamm.ParameterValues("Li2021_TiS2")
    values["Ambient temperature [K]"] = 298.15
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        warn_outside_measured_temperatures(values, name="Li2021_TiS2")
    (said,) = [w.message for w in record if issubclass(w.category, TemperatureOutsideMeasuredRangeWarning)]
    assert str(said) == ("the ambient temperature 298.15 K (25 C) is outside the temperatures Li2021_TiS2's "
                         "parameters were measured at, 343.15 K (70 C) (its 'Lowest measured temperature [K]' and "
                         "'Highest measured temperature [K]', from its sources): its temperature dependences "
                         "extrapolated: a prediction beyond the data (docs/known_limits.rst)")
    assert (said.temperature, said.set_name) == (298.15, "Li2021_TiS2")


def test_a_temperature_outside_the_measured_ones_is_warned_once_per_experiment_solve():
    """LTO-LMS cycled at 25 C (a value or an input) gave the same TemperatureOutsideMeasuredRangeWarning twice per
    solve, once per step model pybamm.Simulation built (discharge, charge): now once, however many step models."""
    steps = pybamm.Experiment([("Discharge at 0.1C for 1 minute", "Charge at 0.1C for 30 seconds")] * 2)
    cold = pybamm.ParameterValues("Li2021_Mo6S8")
    cold["Ambient temperature [K]"] = 273.15
    said = _temperature_warnings(cold, experiment=steps)
    assert len(said) == 1 and "273.15 K (0 C)" in said[0], said
    given = pybamm.ParameterValues("Li2021_Mo6S8")
    given["Ambient temperature [K]"] = pybamm.InputParameter("T")
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=given, experiment=steps)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        sim.solve(inputs={"T": 273.15})
    said = [str(w.message) for w in record if "273.15 K (0 C)" in str(w.message)]
    assert len(said) == 1, said


def test_a_temperature_input_given_as_an_array_is_judged_too():
    """``inputs={"T": np.array([273.15])}`` (the form the package's input error advises) was not looked at: only a
    plain number was. Each of an array's values is judged; ``once=False`` warns at each call (the sweep's rows)."""
    from pybamm_aea.models.checks import TemperatureOutsideMeasuredRangeWarning, warn_outside_measured_temperatures

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values["Ambient temperature [K]"] = pybamm.InputParameter("T")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        warn_outside_measured_temperatures(values, {"T": np.array([273.15])})
        warn_outside_measured_temperatures(values, [{"T": np.array([298.15, 263.15])}, {"T": 343.15}])
        warn_outside_measured_temperatures(values, {"T": np.array([298.15, 343.15])})
    said = [str(w.message) for w in record if issubclass(w.category, TemperatureOutsideMeasuredRangeWarning)]
    assert [s.split(" is outside")[0] for s in said] == ["the ambient temperature 273.15 K (0 C)",
                                                          "the ambient temperature 263.15 K (-10 C)"], said


def test_each_sets_measured_temperatures_say_what_is_true():
    """A review: AEA_LiCoO2 and AEA_NMC532 (cells the paper never measured: Fig. S2 has LiFePO4 and Li4Ti5O12 at 70 C)
    and a user's material carried 343.15-343.15 K, and their warning said "the paper measured this set's cell at 70
    C"; the literature "Mo6S8" material had 70 C only, though Li2021_Mo6S8 has 25-70 C (Fig. S5). A cell around a
    material spans its sources (the paper's cell 70 C, each property's reference temperature or its set's), the
    warning says "this set's parameters were measured at", and a lowest above the highest is an error naming both."""
    from pybamm_aea.materials import get_material
    from pybamm_aea.models.checks import (HIGHEST_MEASURED, LOWEST_MEASURED, TemperatureOutsideMeasuredRangeWarning,
                                          warn_outside_measured_temperatures)

    def span(values):
        return values[LOWEST_MEASURED], values[HIGHEST_MEASURED]

    for name in ("AEA_LiCoO2", "AEA_NMC532", "AEA_LiFePO4"):  # (their properties at 25 C, the cell at 70 C)
        assert span(pybamm.ParameterValues(name)) == (298.15, 343.15), name
    assert span(pybamm.ParameterValues("AEA_Li4Ti5O12")) == (300.0, 343.15)  # (its electronic conductivity at 300 K)
    assert span(get_material("Mo6S8").parameter_values()) == (298.15, 343.15)  # (as Li2021_Mo6S8)
    assert span(get_material("TiS2").parameter_values()) == (343.15, 343.15)  # (as Li2021_TiS2)
    for name in ("Li2021_S_Mo6S8", "Li2021_LTO_Mo6S8", "Li2021_TiS2"):
        assert span(pybamm.ParameterValues(name)) == (343.15, 343.15), name
    values = pybamm.ParameterValues("AEA_LiCoO2")
    values["Ambient temperature [K]"] = 273.15
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        warn_outside_measured_temperatures(values)
    (said,) = [str(w.message) for w in record if issubclass(w.category, TemperatureOutsideMeasuredRangeWarning)]
    assert "this set's parameters were measured at, 298.15-343.15 K (25-70 C)" in said and "paper" not in \
        said.split(":")[0], said
    values[LOWEST_MEASURED] = 350.0
    with pytest.raises(ValueError, match=re.escape("'Lowest measured temperature [K]' = 350.0 is outside its physical "
                                                   "range [200, 'Highest measured temperature [K]' = 343.15]")):
        warn_outside_measured_temperatures(values)


def test_a_range_given_lists_is_hashable_and_read_by_the_checks(monkeypatch):
    """A Range with a list field (``slip``, ``only``) was accepted, and then every check keyed on
    checks.ranges_now() raised "TypeError: unhashable type: 'list'" (the capacity as made, the sweep's simulation):
    its lists are tuples from construction."""
    import dataclasses

    from pybamm_aea.models.checks import ranges_now
    from pybamm_aea.models.experiment_checks import theoretical_cathode_capacity
    from pybamm_aea.ranges import Range

    assert Range(0.0, 1.0, only=[0.0, 1.0], slip=["", "%", 100.0]) == Range(0.0, 1.0, only=(0.0, 1.0),
                                                                            slip=("", "%", 100.0))
    name = "Cathode loading [kg.m-2]"
    monkeypatch.setitem(RANGES, name, dataclasses.replace(RANGES[name], slip=list(RANGES[name].slip)))
    assert isinstance(RANGES[name].slip, tuple)
    hash(ranges_now())
    capacity = theoretical_cathode_capacity(None, pybamm.ParameterValues("Li2021_Mo6S8"))
    assert capacity > 0


def test_a_refused_value_a_round_off_above_its_bound_is_not_said_as_the_bound():
    """1000.0000000000001 MPa was refused as "must be <= 1000, got 1000": to 10 digits it is the bound. It is said
    with all its digits there; 5000 as typed."""
    from pybamm_aea.ranges import STACK_PRESSURE

    said = STACK_PRESSURE.refusal("pressure_MPa", 1000.0000000000001)
    assert said.startswith("pressure_MPa must be <= 1000, got 1000.0000000000001 (at most 1000 MPa"), said
    assert STACK_PRESSURE.refusal("pressure_MPa", -1e-17).startswith("pressure_MPa must be >= 0, got -1e-17")
    assert STACK_PRESSURE.refusal("pressure_MPa", 5000.0).startswith("pressure_MPa must be <= 1000, got 5000 (")


def test_the_first_cycle_warning_states_the_capacity_as_made_of_its_own_solve():
    """The capacity as made a solve's termination check evaluated is kept for that solve's first-cycle warning and
    dropped before the next solve: one whose check does not run (the simulation's solver swapped for a plain
    IDAKLUSolver) at 0.9 of the loading states its own 0.0007387 A.h, not the first solve's 0.0008207 A.h."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    loading = values["Cathode loading [kg.m-2]"]
    values.update({"Cathode loading [kg.m-2]": "[input]"})
    model = pybamm_aea.AEA(options={"host thermodynamics": "lever rule",
                                    "dispersed material degradation": "activation and contact loss"})
    experiment = pybamm.Experiment([("Discharge at 1C for 1 minute",)] * 3, termination="0.0007 A.h capacity")
    sim = pybamm.Simulation(model, parameter_values=values, experiment=experiment)
    said = []
    for share in (1.0, 0.9):
        if share != 1.0:
            sim._solver = pybamm.IDAKLUSolver()  # (no CheckedIDAKLUSolver: the termination check does not run)
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            sim.solve(inputs={"Cathode loading [kg.m-2]": share * loading})
        text = next(str(w.message) for w in record if w.category.__name__ == "FirstCycleCapacityTerminationWarning")
        said.append(re.search(r"The cathode's capacity as made is (\S+) A\.h", text)[1])
    assert said == ["0.0008207", "0.0007387"]


def test_a_solve_evaluates_the_capacity_as_made_once(monkeypatch):
    """The cathode's capacity as made is evaluated once a solve and read by its termination check, nominal-capacity
    check and first-step window (Li2021_Mo6S8): "Discharge at 0.1C until 1.8 V" evaluated it 2 times a solve, 2 cycles
    with "0.0001 A.h capacity" 3 (session 54). With the loading an input, each solve evaluates its own: two solves at
    1 and 2 times the loading each evaluate once, with their own loading."""
    import pybamm_aea.models.step_checks as checks

    seen = []
    evaluate = checks.theoretical_cathode_capacity

    def counted(model, parameter_values, inputs=None):
        seen.append(dict(inputs or {}).get("Cathode loading [kg.m-2]"))
        return evaluate(model, parameter_values, inputs)

    monkeypatch.setattr(checks, "theoretical_cathode_capacity", counted)
    cycle = ("Discharge at 0.1C until 1.8 V", "Charge at 0.1C until 2.8 V")
    for experiment in (pybamm.Experiment(["Discharge at 0.1C until 1.8 V"]),
                       pybamm.Experiment([cycle] * 2, termination="0.0001 A.h capacity")):
        sim = pybamm.Simulation(pybamm_aea.AEA(), experiment=experiment)
        for _ in range(2):
            seen.clear()
            sim.solve()
            assert len(seen) == 1, (experiment.termination, seen)
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    loading = values["Cathode loading [kg.m-2]"]
    values.update({"Cathode loading [kg.m-2]": "[input]"})
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                            experiment=pybamm.Experiment(["Discharge at 0.1C until 1.8 V"]))
    for share in (1.0, 2.0):
        seen.clear()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # (the nominal capacity of the loading 1x at 2x: warned, not the point)
            sim.solve(inputs={"Cathode loading [kg.m-2]": share * loading})
        assert seen == [share * loading]


def _first_step_said(options, steps, **solve):
    """The StartOutsideWindowWarning texts of the AEA model with ``options`` on its default values, solved through
    the experiment of ``steps`` (``solve``: initial_soc), and the last step's termination."""
    from pybamm_aea.models.experiment_checks import StartOutsideWindowWarning

    model = pybamm_aea.AEA(options)
    sim = pybamm.Simulation(model, parameter_values=model.default_parameter_values,
                            experiment=pybamm.Experiment(steps))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        solution = sim.solve(**solve)
    return ([str(w.message) for w in caught if w.category is StartOutsideWindowWarning],
            solution.cycles[0].steps[-1].termination)


_LI_IN_LEVER = {"anode": "Li-In", "host thermodynamics": "lever rule"}


@pytest.mark.parametrize("period", ["", " (1 second period)"])
def test_a_first_step_its_window_ends_at_once_is_warned(period):
    """Li2021_Mo6S8 on Li-In (lever rule), "Discharge at 0.1C until 1.8 V": 1.8 V is 2.42 V vs Li, above the LMS
    plateau; the step ended 56 s in having passed 0.000236 of 0.1517 mA.h, without a word (session 53). Its open
    circuit at rest 1% in is 1.725 V, below the cut-off: warned, naming the step, the charges, the cut-off vs Li;
    whatever the output period (R23 (d): the rule reverted read it)."""
    said, termination = _first_step_said(_LI_IN_LEVER, [f"Discharge at 0.1C until 1.8 V{period}"])
    assert termination == "event: Voltage < 1.8 [V] [experiment]"
    assert len(said) == 1, said
    for part in (f"step 1, 'Discharge at 0.1C until 1.8 V{period}', ended on its cut-off (1.8 V) 56.1 s in",
                 "passed 0.000236 mA.h of the cathode's 0.1517 mA.h as made (under 1% of it)",
                 "open-circuit voltage is 1.807 V where it ended and 1.725 V at rest 1% in",
                 "not a dip under load. Move the cut-off below 1.725 V", "1.8 V is 2.42 V vs Li"):
        assert part in said[0], (part, said[0])


def _said_on(model, values, steps):
    """The StartOutsideWindowWarning texts of ``model`` on ``values`` through the experiment of ``steps``."""
    from pybamm_aea.models.experiment_checks import StartOutsideWindowWarning

    sim = pybamm.Simulation(model, parameter_values=values, experiment=pybamm.Experiment(steps))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sim.solve()
    return [str(w.message) for w in caught if w.category is StartOutsideWindowWarning]


def test_the_first_step_window_rule_reads_the_made_end_the_cells_in_series_and_the_steps_name():
    """Review R24 on the rule above: a cell made nearly empty in its parameter values (set_initial_state at 0.01,
    not solve's initial_soc) was warned "move the cut-off below 1.792 V"; on 2 Li-In cells in series "until 3.6 V"
    was said "3.6 V is 4.22 V vs Li" (per cell 1.8 V is 2.42 V); without hysteresis the open circuit at rest 1.79997
    V was said "1.8 V", the cut-off itself; a drive cycle was named by its whole array (1807 characters)."""
    model = pybamm_aea.AEA()
    values = pybamm_aea.set_initial_state(model.default_parameter_values, 0.01, options=model.options)
    assert _said_on(model, values, ["Discharge at 0.1C until 1.8 V"]) == []
    model = pybamm_aea.AEA(_LI_IN_LEVER)
    values = model.default_parameter_values
    values["Number of cells connected in series to make a battery"] = 2
    (said,) = _said_on(model, values, ["Discharge at 0.1C until 3.6 V"])
    assert "1.8 V (3.6 V over 2 cells in series) is 2.42 V vs Li" in said, said
    model = pybamm_aea.AEA(dict(_LI_IN_LEVER, hysteresis="none"))
    (said,) = _said_on(model, model.default_parameter_values, ["Discharge at 0.1C until 1.8 V"])
    assert "Move the cut-off below 1.79997 V" in said, said
    model = pybamm_aea.AEA(_LI_IN_LEVER)
    cycle = np.column_stack([np.linspace(0, 600, 61), np.full(61, 1.5e-5)])
    (said,) = _said_on(model, model.default_parameter_values, [pybamm.step.current(cycle, termination="< 1.8 V")])
    assert said.startswith("the experiment's step 1, 'Current(a drive cycle of 61 samples over 600 s, 1.5e-05 A, "
                           "until V < 1.8 V)', ended on its cut-off"), said


@pytest.mark.parametrize("set_name, options, step, said", [
    # pristine Mo6S8 (x = 0.004 of 4) on Li-In: ended 0.58 s in at 2.46e-6 mA.h, without a word (session 54)
    (None, {"anode": "Li-In"}, "Charge at 0.1C until 2.0 V",
     "ended on its cut-off (2 V) 0.584 s in, having passed 2.46e-06 mA.h of the cathode's 0.1517 mA.h as made: the "
     "cathode starts at Li content 0.004 of its maximum 4 (\"Initial cathode Li content\", 0.10% of it: made at its "
     "Li-free end), so there is nothing to charge. Discharge it first"),
    # LiFePO4 made full (0.995 of x_max) on the lever-rule host: ended 4.33 s in at 2.4e-5 of 0.2 mA.h (LiCoO2 made
    # full, 3.66 s, 1.8e-5 mA.h, until session 56, when its OCP table was held at 3.408 V from theta 0.927; now its
    # open circuit as made, 2.72 V, is past the 3.0 V cut-off: skipped, the test below)
    ("AEA_LiFePO4", {"host thermodynamics": "lever rule"}, "Discharge at 0.1C until 2.5 V",
     "ended on its cut-off (2.5 V) 4.33 s in, having passed 2.4e-05 mA.h of the cathode's 0.2 mA.h as made: the "
     "cathode starts at Li content 0.995 of its maximum 1 (\"Initial cathode Li content\", 99.50% of it: made "
     "at its full end), so there is nothing to discharge. Charge it first"),
], ids=["Li-In charge of pristine Mo6S8", "discharge of LiFePO4 made full"])
def test_a_first_step_toward_the_end_the_cell_was_made_at_is_told_it_has_nothing_to_pass(set_name, options, step,
                                                                                          said):
    """A first charge of a cathode made Li-free (a discharge of one made full) ends on its cut-off at once whatever
    the cut-off: 1% further its content is past the host's window, so the window rule was undecided and said nothing
    (session 54). Warned now, naming the step and the content as made."""
    model = pybamm_aea.AEA(options)
    values = model.default_parameter_values if set_name is None else pybamm.ParameterValues(set_name)
    (text,) = _said_on(model, values, [step])
    assert text.startswith(f"the experiment's step 1, '{step}', ") and said in text, text


def test_a_first_step_from_an_initial_soc_is_judged_by_the_end_it_starts_at():
    """solve(initial_soc=...) was never judged by the first-step window rule (the wrapper's own condition), though the
    rule reads the end of the host the step starts at (review R24): Li2021_Mo6S8 on Li-In (lever rule), "Discharge at
    0.1C until 1.8 V" at initial_soc=1.0 (Li content 0.00216, the end it was made at) ended 72.6 s in at 0.000306 of
    0.1517 mA.h, 1.726 V at rest 1% in, without a word (session 54); now warned as from the made state. At 0.01 the
    step starts 0.4177 V past its cut-off and is skipped: the start's warning only."""
    said, termination = _first_step_said(_LI_IN_LEVER, ["Discharge at 0.1C until 1.8 V"], initial_soc=1.0)
    assert termination == "event: Voltage < 1.8 [V] [experiment]"
    assert len(said) == 1, said
    for part in ("step 1, 'Discharge at 0.1C until 1.8 V', ended on its cut-off (1.8 V) 72.6 s in",
                 "passed 0.000306 mA.h of the cathode's 0.1517 mA.h as made", "Move the cut-off below 1.726 V"):
        assert part in said[0], (part, said[0])
    model = pybamm_aea.AEA(_LI_IN_LEVER)
    sim = pybamm.Simulation(model, parameter_values=model.default_parameter_values,
                            experiment=pybamm.Experiment(["Discharge at 0.1C until 1.8 V"]))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sim.solve(initial_soc=0.01)
    said = [str(w.message) for w in caught if type(w.message).__name__ == "StartOutsideWindowWarning"]
    assert len(said) == 1 and said[0].startswith("an experiment step is skipped: the cell starts 0.4177 V past"), said


_NOTHING_TO_CHARGE = ("the cathode starts at Li content 0.004 of its maximum 4 (\"Initial cathode Li content\", 0.10% "
                      "of it: made at its Li-free end), so there is nothing to charge. Discharge it first (a discharge "
                      "step before the charge) to give it Li")
_SKIPPED = "an experiment step is skipped: the cell starts "
_LEVER = {"host thermodynamics": "lever rule"}
_OPEN_CIRCUIT_PAST = "nothing to integrate. Its open-circuit voltage is past that cut-off too"


@pytest.mark.parametrize("options, set_name, soc, step, said", [
    # skipped 0.07127 V past 1.9 V: told to move the cut-off past the voltage it starts at, passing next to nothing
    (_LI_IN_LEVER, None, None, "Charge at 0.1C until 1.9 V", f"{_OPEN_CIRCUIT_PAST}: {_NOTHING_TO_CHARGE} (PyBaMM: "),
    # LiCoO2, skipped 1.186 V past 3.9 V: made at its OCP table's end since session 56 (x = 0.97, 94.5 % of its
    # window's Li, no longer "made at its full end"), it is told the cut-off's advice as a cell made mid-window is
    (_LEVER, "AEA_LiCoO2", None, "Discharge at 0.1C until 3.9 V", f"{_OPEN_CIRCUIT_PAST}, so no smaller current or "
     "loading lets the step start: the step's cut-off (its \"until\" voltage) moved past the voltage the cell starts at "
     "does"),
    # "until 3.0 V" it ran (5.47 s, 2.68e-5 mA.h) until session 56 (its OCP table held at 3.408 V from theta 0.927):
    # its open circuit as made, 2.72 V, is now past that cut-off too, 0.72 % of its window
    (_LEVER, "AEA_LiCoO2", None, "Discharge at 0.1C until 3.0 V", f"{_OPEN_CIRCUIT_PAST}: at rest the cell starts "
     "0.72% of its window past the step's cut-off (the window from 4.2 V, its \"Upper voltage cut-off [V]\", to the "
     "step's 3 V, in the state of charge it defines as initial_soc does), so there is nothing to discharge in it. Charge "
     "it first (a charge step before the discharge) to make room for Li (PyBaMM: "),
    # made mid-window (x = 1.999 of 4), its open circuit 0.47 V past 1.9 V: the cut-off is the one to move
    (_LI_IN_LEVER, None, 0.5, "Discharge at 0.1C until 1.9 V", f"{_OPEN_CIRCUIT_PAST}, so no smaller current or loading lets the "
     "step start: the step's cut-off (its \"until\" voltage) moved past the voltage the cell starts at does"),
    # LiFePO4 made full (0.995 of 1) on its default host, 0.03067 V past 2.5 V by the losses at 0.1C (Fig. S2), its
    # open circuit inside: told to move its cut-off, which "until 2.4 V" passed 8.36e-6 mA.h (review R25); now
    # nothing to discharge, the losses kept (on the lever-rule host it runs, 4.33 s: told so after the run)
    ({}, "AEA_LiFePO4", None, "Discharge at 0.1C until 2.5 V", "nothing to integrate. Its open-circuit voltage is "
     "inside that cut-off (the losses at the step's current put the cell past it), but a smaller current or loading, "
     "or another cut-off, passes next to nothing: the cathode starts at Li content 0.995 of its maximum 1 "
     "(\"Initial cathode Li content\", 99.50% of it: made at its full end), so there is nothing to discharge. "
     "Charge it first (a charge step before the discharge) to make room for Li (PyBaMM: "),
], ids=["Li-In Mo6S8 charge skipped", "LiCoO2 discharge skipped", "LiCoO2 discharge to 3.0 V", "made mid-window",
        "LiFePO4 skipped by its losses"])
def test_a_first_step_skipped_toward_the_end_the_cell_was_made_at_is_told_it_has_nothing_to_pass(options, set_name,
                                                                                                 soc, step, said):
    """On the lever-rule host a first step toward the end the cell was made at is skipped at its start, its open
    circuit past the cut-off: it was told to move the cut-off past the voltage it starts at, which passes next to
    nothing (pristine Mo6S8 on Li-In, "until 2.0 V", 0.584 s, 2.46e-6 mA.h, session 54). Told now that there is
    nothing to charge (discharge), in the words of the step that ran, also one its losses at the step's current put
    past (AEA_LiFePO4, Fig. S2: the losses said too, review R25); a cell made mid-window keeps the advice."""
    model = pybamm_aea.AEA(options)
    values = model.default_parameter_values if set_name is None else pybamm.ParameterValues(set_name)
    if soc is not None:
        values = pybamm_aea.set_initial_state(values, soc, options=model.options)
    (text,) = _said_on(model, values, [step])
    assert said in text, text
    if "(PyBaMM: " in said:
        assert text.startswith(_SKIPPED) and "moved past" not in text and "On the Li-In anode" not in text, text


@pytest.mark.parametrize("options, lithiation, step, said", [
    # a Li2S cathode (S-LMS, its sulfur fully lithiated): at 5C a dip under load, 9.2e-6 mA.h; at 0.1C it charges
    # 0.6823 mA.h. Was told "nothing to charge" by its host's Li content, 0.004 of 4 (review R25)
    ({}, 1.0, "Charge at 5C until 3.0 V", None),
    # skipped on the Li-In lever-rule host 0.1009 V past 1.9 V: the cut-off's advice, not "nothing to charge"
    (_LI_IN_LEVER, 1.0, "Charge at 0.1C until 1.9 V", "the step's cut-off (its \"until\" voltage) moved past"),
    # S-LMS as made, its sulfur unlithiated: no Li anywhere in the cathode, 1.81e-6 mA.h: nothing to charge
    ({}, None, "Charge at 0.1C until 2.8 V", "made at its Li-free end) and its dispersed material at lithiation 0 "
     "(\"Initial dispersed material lithiation\"), so there is nothing to charge. Discharge it first"),
    (_LI_IN_LEVER, None, "Charge at 0.1C until 1.9 V", "and its dispersed material at lithiation 0 (\"Initial "
     "dispersed material lithiation\"), so there is nothing to charge"),
], ids=["Li2S charged at 5C", "Li2S skipped on Li-In", "S-LMS as made", "S-LMS as made skipped on Li-In"])
def test_nothing_to_pass_reads_the_dispersed_materials_lithium_too(options, lithiation, step, said):
    """The "nothing to pass" rule read only the host's Li content: Li2021_S_Mo6S8 with "Initial dispersed material
    lithiation" 1.0 charged "at 5C until 3.0 V" (a dip under load) was told there was nothing to charge (review R25).
    It reads the dispersed material's lithiation too: 0 for a charge (1 for a discharge) or none held."""
    model = pybamm_aea.AEA(options)
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    if lithiation is not None:
        values["Initial dispersed material lithiation"] = lithiation
    texts = _said_on(model, values, [step])
    assert not [text for text in texts if "nothing to charge" in text] or lithiation is None, texts
    if said is not None:
        (text,) = texts
        assert said in text, text


@pytest.mark.parametrize("options, state, step, said", [
    # Li2021_Mo6S8 is made Li-free: at initial_soc 0 it starts full (3.985 of 4) and was said "made at its full end"
    ({}, {"initial_soc": 0}, "Discharge at 0.1C until 1.5 V", "99.61% of it: it starts at its full end), so there"),
    ({}, {"set_initial_state": 0.0}, "Discharge at 0.1C until 1.5 V", "99.61% of it: it starts at its full end), so"),
    # skipped 0.7266 V past its cut-off on the Li-In lever-rule host
    (_LI_IN_LEVER, {"initial_soc": 0}, "Discharge at 0.1C until 1.9 V", "99.88% of it: it starts at its full end), so"),
    # as made: "made at"
    (_LI_IN_LEVER, {}, "Charge at 0.1C until 1.9 V", "0.10% of it: made at its Li-free end), so"),
], ids=["initial_soc 0 ran", "set_initial_state 0 ran", "initial_soc 0 skipped", "as made skipped"])
def test_nothing_to_pass_says_made_at_only_from_the_state_as_made(options, state, step, said):
    """"Made at its full end" was said of a cell initial_soc or set_initial_state put there (review R25): said now
    only within 1% of x_max of "Cathode host Li content as made", else "it starts at its ... end"."""
    model = pybamm_aea.AEA(options)
    values = model.default_parameter_values
    if "set_initial_state" in state:
        values = pybamm_aea.set_initial_state(values, state["set_initial_state"], options=model.options)
    sim = pybamm.Simulation(model, parameter_values=values, experiment=pybamm.Experiment([step]))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sim.solve(**{key: value for key, value in state.items() if key == "initial_soc"})
    (text,) = [str(w.message) for w in caught if type(w.message).__name__ == "StartOutsideWindowWarning"]
    assert said in text, text


@pytest.mark.parametrize("set_name, steps, said", [
    # 1.8e-05 mA.h, silent: the rest was read as the first step (review R25); skipped since session 56 (its open
    # circuit as made, 2.72 V, past the 3.0 V cut-off)
    ("AEA_LiCoO2", ["Rest for 1 minute", "Discharge at 0.1C until 3 V"],
     "an experiment step is skipped: the cell starts 0.2859 V past its step's cut-off (Voltage < 3.0 [V])"),
    ("Li2021_Mo6S8", ["Rest for 1 minute", "Charge at 0.1C until 2.8 V"],
     "the experiment's step 2, 'Charge at 0.1C until 2.8 V', ended on its cut-off (2.8 V) 0.586 s in, having passed "
     "2.47e-06 mA.h"),
    # a power of 0 solves to 3.57e-28 A: read as current, silent (review R30)
    ("Li2021_Mo6S8", ["Discharge at 0 W for 1 minute", "Charge at 0.1C until 2.8 V"],
     "the experiment's step 2, 'Charge at 0.1C until 2.8 V', ended on its cut-off (2.8 V) 0.586 s in, having passed "
     "2.47e-06 mA.h"),
    # a normal discharge after a rest (0.136 mA.h): not warned
    ("Li2021_Mo6S8", ["Rest for 1 minute", "Discharge at 0.1C until 1.8 V"], None),
], ids=["LiCoO2 discharge", "Mo6S8 charge", "Mo6S8 charge after 0 W", "Mo6S8 discharge"])
def test_a_first_step_after_rests_alone_is_judged_from_the_initial_state(set_name, steps, said):
    """A rest first hid the first-step rules (review R25): the first step that carries current, with only rests
    before it, is judged, named by its own number."""
    texts = _said_on(pybamm_aea.AEA(), pybamm.ParameterValues(set_name), steps)
    if said is None:
        assert texts == [], texts
        return
    (text,) = texts
    assert text.startswith(said) and "so there is nothing to" in text, text


@pytest.mark.parametrize("steps", [["Rest for 1 minute", "Discharge at 0.1C until 2.5 V"],
                                   [("Rest for 1 minute",), ("Discharge at 0.1C until 2.5 V",)]],
                         ids=["a rest before it", "a cycle of a rest before it"])
def test_a_step_skipped_after_rests_alone_is_judged_as_the_first(steps):
    """AEA_LiFePO4's "Discharge at 0.1C until 2.5 V" alone is skipped with "nothing to discharge" (made full, its
    losses naming why it cannot start); after "Rest for 1 minute" (in its cycle or one before) it was told as a
    later step (LaterStepSkippedWarning: "a smaller current ... or the step's cut-off moved past the voltage the cell
    starts at", review R27): rests alone leave the cell as it started, so it is judged as the first. A step after one
    with current stays a later step's."""
    from pybamm_aea.models.experiment_checks import LaterStepSkippedWarning

    values = pybamm.ParameterValues("AEA_LiFePO4")
    (alone,) = _said_on(pybamm_aea.AEA(), values, ["Discharge at 0.1C until 2.5 V"])
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment(steps))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sim.solve()
    said = [str(w.message) for w in caught if w.category.__name__ == "StartOutsideWindowWarning"]
    assert said == [alone] and "so there is nothing to discharge" in alone, said
    assert not [w for w in caught if w.category is LaterStepSkippedWarning]


def test_a_first_step_skipped_at_its_windows_end_is_told_it_has_nothing_to_pass():
    """AEA_LiCoO2 at initial_soc=1 (its open circuit 1e-9 V inside 4.2 V, Li content 0.04236 of 0.5478: not within 1%
    of x_max), "Charge at 0.1C until 4.2 V", skipped 0.002289 V past by its losses, was told that a smaller current
    lets the cell start (review R27). Judged by where it starts in the step's window: nothing to charge in it."""
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("AEA_LiCoO2"),
                            experiment=pybamm.Experiment(["Charge at 0.1C until 4.2 V"]))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sim.solve(initial_soc=1)
    (text,) = [str(w.message) for w in caught if type(w.message).__name__ == "StartOutsideWindowWarning"]
    assert text.startswith(f"{_SKIPPED}0.002289 V past its step's cut-off (Voltage > 4.2 [V])"), text
    assert ("passes next to nothing: at rest the cell starts 0.00% of its window inside the step's cut-off (the "
            "window from 3 V, its \"Lower voltage cut-off [V]\", to the step's 4.2 V, in the state of charge it "
            "defines as initial_soc does), so there is nothing to charge in it. Discharge it first") in text, text
    assert "lets the cell start" not in text, text


@pytest.mark.parametrize("options, set_name, soc, steps, parts", [
    # the lever-rule S-LMS host: 55.3 s, 0.001262 mA.h (the multi-phase host passes 0.3849 mA.h)
    ({"host thermodynamics": "lever rule"}, "Li2021_S_Mo6S8", 0.5, ["Charge at 0.1C until 3.0 V"],
     ["step 1, 'Charge at 0.1C until 3.0 V' (at up to 8.21e-05 A), ended on its cut-off (3 V) 55.3 s in, having passed "
      "0.00126 mA.h of "
      "the 0.4103 mA.h between its start and its cut-off at rest (0.31% of it, under 10%; 50.00% of its window from "
      "1 V)",
      "voltage under load was 2.208 V against an open circuit of 2.199 V (0.00917 V of losses)",
      "3 V against 2.199 V (0.801 V), of which 0.789 V Li0 film. ",  # (the Li0 layer's, session 56)
      "A lower rate (a smaller current), a lower loading or a cut-off farther out (above 3 V) lets it run"]),
    # 0.92 V of losses at the full end of LiFePO4, after a rest too
    ({}, "AEA_LiFePO4", 0, ["Charge at 0.1C until 4.0 V"],
     ["step 1, 'Charge at 0.1C until 4.0 V' (at up to 2e-05 A), ended on its cut-off (4 V) 0.0909 s in, having passed "
      "5.05e-07 mA.h "
      "of the 0.2 mA.h", "3.419 V against an open circuit of 2.5 V (0.919 V of losses)"]),
    ({}, "AEA_LiFePO4", 0, ["Rest for 1 minute", "Charge at 0.1C until 4.0 V"], ["step 2, 'Charge at 0.1C"]),
    # R23 (a): a dip under load, 2.3 s, 0.000193 mA.h (no window warning: test below)
    ({}, "Li2021_Mo6S8", None, ["Discharge at 2C until 1.8 V"],
     ["2.3 s in, having passed 0.000193 mA.h of the 0.151 mA.h", "cut-off farther out (below 1.8 V)"]),
    # from mid-window: 0.82 % of the 0.2 mA.h as made, 1.65 % of the 0.1 ahead, silent (review R30)
    ({}, "AEA_LiFePO4", 0.5, ["Discharge at 0.1C until 2.5 V"],
     ["step 1, 'Discharge at 0.1C until 2.5 V' (at up to 2e-05 A), ended on its cut-off (2.5 V) 297 s in, having passed "
      "0.00165 mA.h of "
      "the 0.09999 mA.h between its start and its cut-off at rest (1.65% of it, under 10%; 50.00% of its window from "
      "4 V)", "2.732 V against an open circuit of 3.42 V (0.688 V of losses)",
      # its losses where it ended named (session 56: said "0.92 V" only, read as a mid-window defect): the electrons'
      # i L / sigma_e ~ 0.25 A/m2 x 5 um / 1.9e-6 S/m ~ 0.67 V, and Li piled up at the separator (D_eff 4e-18 m2/s
      # fills the surface in Sand's pi D (c dx)^2 / (4 N^2) ~ 40 s), a uniform x = 0.5 its equilibrium (no gap)
      "(0.92 V), of which 0.684 V cathode electronic ohmic, 0.224 V cathode diffusion (the host's Li transport behind "
      "the current: Li content 0.9995 at the separator, 0.5083 on average). A lower rate"]),
    # Li4Ti5O12 from mid-window: its electrons conduct (206 S/m at x = 1.5), its Li does not follow (Sand ~ 14 s: the
    # separator side full, Li content x_max = 3), 1.15 % of the 0.1031 mA.h ahead (session 56)
    ({}, "AEA_Li4Ti5O12", 0.5, ["Discharge at 0.1C until 1.0 V"],
     ["ended on its cut-off (1 V) 206 s in, having passed 0.00118 mA.h of the 0.1031 mA.h",
      "1 V against 1.55 V (0.55 V), of which 0.533 V cathode diffusion (the host's Li transport behind the current: "
      "Li content 2.999 at the separator, 1.517 on average). A lower rate"]),
    # a power step: its current at the start named, "a lower power" advised, not current-only advice (review R30)
    ({}, "AEA_LiFePO4", 0.5, ["Discharge at 0.00005 W until 2.5 V"],
     ["step 1, 'Discharge at 0.00005 W until 2.5 V' (at up to 2e-05 A), ended on its cut-off (2.5 V) 336 s in",
      "A lower power, a lower loading or a cut-off farther out (below 2.5 V) lets it run"]),
    # R23 (b): a nearly empty cell the user asked for, 1% of its window inside its cut-off (0.997 of it passed): silent
    ({}, "Li2021_Mo6S8", 0.01, ["Discharge at 0.1C until 1.8 V"], None),
    # over 1 % of the capacity as made, as loss-bound, silent until session 57: LiFePO4 full, 1.75 % of its window
    ({}, "AEA_LiFePO4", 1, ["Discharge at 0.1C until 2.5 V"],
     ["ended on its cut-off (2.5 V) 631 s in, having passed 0.00351 mA.h of the 0.2 mA.h between its start and its "
      "cut-off at rest (1.75% of it, under 10%; 100.00% of its window from 4 V)"]),
    # Li4Ti5O12 empty, charged: 1.17 % of its window
    ({}, "AEA_Li4Ti5O12", 0, ["Charge at 0.1C until 2.5 V"],
     ["ended on its cut-off (2.5 V) 423 s in, having passed 0.00242 mA.h of the 0.2062 mA.h between its start and its "
      "cut-off at rest (1.17% of it, under 10%; 100.00% of its window from 1 V)"]),
    # lever-rule LiFePO4 from mid-window: 2.91 % of the 0.1 mA.h ahead (1.45 % of the capacity as made)
    ({"host thermodynamics": "lever rule"}, "AEA_LiFePO4", 0.5, ["Discharge at 0.1C until 2.5 V"],
     ["ended on its cut-off (2.5 V) 523 s in, having passed 0.00291 mA.h of the 0.09999 mA.h between its start and "
      "its cut-off at rest (2.91% of it, under 10%; 50.00% of its window from 4 V)"]),
], ids=["lever-rule S-LMS", "LiFePO4 at SOC 0", "LiFePO4 after a rest", "Mo6S8 at 2C", "LiFePO4 at SOC 0.5",
                        "Li4Ti5O12 at SOC 0.5", "LiFePO4 power step", "Mo6S8 at SOC 0.01", "LiFePO4 at SOC 1",
                        "Li4Ti5O12 at SOC 0 charged", "lever-rule LiFePO4 at SOC 0.5"])
def test_a_first_step_its_losses_end_at_once_is_warned(options, set_name, soc, steps, parts):
    """A first step ended by its losses, not its window, having passed under 10% of what its window holds ahead of
    it at rest, was silent (a "finished" experiment that did nothing, review R27): FirstStepLossesWarning. Until
    session 57 only under 1% of the capacity as made: LiFePO4 at SOC 1 (1.75 %), Li4Ti5O12 at 0 (1.17 %) silent."""
    from pybamm_aea.models.experiment_checks import FirstStepLossesWarning

    sim = pybamm.Simulation(pybamm_aea.AEA(options), parameter_values=pybamm.ParameterValues(set_name),
                            experiment=pybamm.Experiment(steps))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sim.solve(**({} if soc is None else {"initial_soc": soc}))
    said = [str(w.message) for w in caught if w.category is FirstStepLossesWarning]
    if parts is None:
        assert said == [], said
        return
    (text,) = said
    assert text.startswith("the experiment's step ") and "the losses at its current ended it" in text, text
    for part in parts:
        assert part in text, (part, text)


@pytest.mark.parametrize("set_name, kelvin", [("Li2021_Mo6S8", 298.15), ("Li2021_S_Mo6S8", 298.15),
                                               ("Li2021_TiS2", 298.15), ("Li2021_LTO_Mo6S8", 298.15),
                                               ("AEA_LiCoO2", None), ("AEA_NMC532", None)])
def test_the_sets_first_steps_at_their_protocols_are_not_told_of_losses(set_name, kelvin):
    """The losses rule judges first steps under 10% of the capacity as made (session 57; 1% before): the sets'
    first 0.1C steps pass far more and stay silent. At 25 C: LMS 0.1509 of 0.1517 mA.h as made, S-LMS 0.1902 of
    0.8207 (23 %, the least), TiS2 0.2724 of 0.2818, LTO-LMS 0.1733 of 0.1734; at their 70 C LiCoO2 charged 0.1404 of
    0.1766, NMC532 0.1972 of 0.2002 (the 70 C paper sets: tests/test_model.py's default-experiment test)."""
    from pybamm_aea.cli.simulate import _default_steps
    from pybamm_aea.models.experiment_checks import FirstStepLossesWarning, capacity_as_made_at_start

    values = pybamm.ParameterValues(set_name)
    if kelvin is not None:
        values.update({"Ambient temperature [K]": kelvin, "Initial temperature [K]": kelvin})
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                            experiment=pybamm.Experiment(_default_steps(values)[:1]))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        solution = sim.solve()
    assert not [w for w in caught if w.category is FirstStepLossesWarning]
    charge = solution.cycles[0].steps[0]["Discharge capacity [A.h]"].entries
    assert abs(charge[-1] - charge[0]) > 0.2 * capacity_as_made_at_start(values)


def test_the_two_first_step_rules_evaluate_the_cell_at_rest_once(monkeypatch):
    """The window rule (StartOutsideWindowWarning) and the losses rule (FirstStepLossesWarning) each built the host's
    OCP at rest: AEA_LiFePO4 at initial_soc=0, "Charge at 0.1C until 4.0 V", judged by both, built its multi-phase
    OCP (20,001-point common tangents) twice, 157 ms; once now (67 ms), the warning unchanged."""
    from pybamm_aea import initial_state
    from pybamm_aea.models.experiment_checks import FirstStepLossesWarning

    built = []
    host_ocp = initial_state._host_ocp
    monkeypatch.setattr(initial_state, "_host_ocp", lambda *args: built.append(args[2]) or host_ocp(*args))
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=pybamm.ParameterValues("AEA_LiFePO4"),
                            experiment=pybamm.Experiment(["Charge at 0.1C until 4.0 V"]))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sim.solve(initial_soc=0)
    assert [w.category for w in caught if w.category is FirstStepLossesWarning] == [FirstStepLossesWarning]
    assert built.count("charge") == 1, built


def test_a_first_step_run_to_its_cut_off_builds_no_cell_at_rest_and_fits_nothing(monkeypatch):
    """A first step that ran to its cut-off over more than the rules' shares (the sweep's every normal point: a
    Li2021_Mo6S8 0.1C discharge to 1.0 V passes 0.1515 of 0.1517 mA.h) is judged by the charge it passed alone:
    :func:`first_step_warning` builds no cell at rest (its OCP) and runs no least-squares fit. Session 58 (task QK):
    the 34 least_squares calls of a sweep point's profile are the Table S4 conductivity (24) and compaction (10) fits,
    once a process (lru_cache), not first_step_warning's (its own 1.5-26 ms a point, 20-160 cells)."""
    import scipy.optimize
    from pybamm_aea import initial_state
    from pybamm_aea.models import start_advice

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values,
                            experiment=pybamm.Experiment(["Discharge at 0.1C until 1.0 V"]))
    judged, at_rest, fitted = [], [], []
    warning, cell_at_rest, least_squares = (start_advice.first_step_warning, initial_state.CellAtRest,
                                            scipy.optimize.least_squares)
    monkeypatch.setattr(start_advice, "first_step_warning",
                        lambda *args, **kwargs: judged.append(1) or warning(*args, **kwargs))
    monkeypatch.setattr(initial_state, "CellAtRest", lambda *args, **kwargs: at_rest.append(args[1])
                        or cell_at_rest(*args, **kwargs))
    monkeypatch.setattr(scipy.optimize, "least_squares", lambda *args, **kwargs: fitted.append(1)
                        or least_squares(*args, **kwargs))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        solution = sim.solve()
    assert judged == [1]  # (the rules ran, on the solve's first step)
    assert solution.cycles[0].steps[0].termination == "event: Voltage < 1.0 [V] [experiment]"
    assert not [w for w in caught if issubclass(w.category, (start_advice.StartOutsideWindowWarning,
                                                            start_advice.FirstStepLossesWarning))]
    assert (at_rest, fitted) == ([], [])


@pytest.mark.parametrize("options, steps, solve, ended", [
    # R23 (a): Li metal, a dip under load to the cut-off 2.3 s in (0.000193 mA.h), the open circuit on the plateau
    ({}, ["Discharge at 2C until 1.8 V"], {}, "event: Voltage < 1.8 [V] [experiment]"),
    # R23 (b): a nearly empty cell the user asked for (0.99% of the capacity passed, 1.792 V at rest 1% in)
    ({}, ["Discharge at 0.1C until 1.8 V"], {"initial_soc": 0.01}, "event: Voltage < 1.8 [V] [experiment]"),
    # R23 (c): step 1 skipped, step 2 (the Li-In case) not step 1: its figures are not said under step 1's name
    (_LI_IN_LEVER, [("Charge at 0.1C until 1.9 V", "Discharge at 0.1C until 1.8 V")], {},
     "event: Voltage < 1.8 [V] [experiment]"),
    (_LI_IN_LEVER, ["Charge at 0.1C until 1.9 V", "Discharge at 0.1C until 1.8 V"], {},
     "event: Voltage < 1.8 [V] [experiment]"),
    # a GITT pulse: ended on its duration
    ({}, ["Discharge at 1C for 10 seconds or until 1.8 V (1 second period)"], {}, "final time"),
    # the Li-In case's cut-off below the plateau: the whole capacity (0.1513 mA.h)
    (_LI_IN_LEVER, ["Discharge at 0.1C until 1.2 V"], {}, "event: Voltage < 1.2 [V] [experiment]"),
    # on the plateau, over more than the 1% share (its open circuit at rest 50% in is below 2.33 V)
    ({"host thermodynamics": "lever rule"}, ["Discharge at 0.1C until 2.33 V"], {},
     "event: Voltage < 2.33 [V] [experiment]"),
])
def test_a_first_step_not_ended_by_its_window_is_not_warned(options, steps, solve, ended):
    """A first step that ended on a dip under load, ran from a state the user set, or is not the experiment's first,
    or ended otherwise, or passed more than 1% of the capacity: not warned (review R23 found all but the last two
    warned, the rule then was "ended within its first output interval", session 53)."""
    said, termination = _first_step_said(options, steps, **solve)
    assert termination == ended
    assert not [text for text in said if not text.startswith("an experiment step is skipped")], said


def test_the_trapping_activation_energy_given_in_ev_is_refused_with_its_hint():
    """'Li trapping activation energy [J.mol-1]' took 0.3 (0.3 eV meant, 28946 J/mol) as 0.3 J/mol, no temperature
    dependence to speak of (session 55): below 2000 J/mol it is refused with the eV reading, 0 (none) and 2000 taken;
    the range is the materials' activation energy's, in J/mol (ranges.ACTIVATION_ENERGY_J)."""
    from pybamm_aea.models.checks import check_value

    name = "Li trapping activation energy [J.mol-1]"
    with pytest.raises(ValueError, match=re.escape(f"'{name}' = 0.3 is outside its physical range {{0}} or [2000, "
                                                   "300000] (0, no temperature dependence")) as exc:
        check_value(name, 0.3)
    assert str(exc.value).endswith("did you give eV? 0.3 eV = 28945.59964 J/mol")
    with pytest.raises(ValueError, match="outside its physical range"):
        check_value(name, 30.0)  # (kJ/mol typed: refused too, its eV reading 2.9e6 J/mol said of nothing)
    for value in (0.0, 2000.0, 39.6e3):
        check_value(name, value)


# ------------------------------------------------------------------------------------------- session 55 (trial NJ)
@pytest.mark.parametrize("name, value, said", [
    # a density typed in g/cm3 ran: a 4.77 mm cathode whose 0.1C discharge ended at 397 s with 1.95e-6 A.h
    ("Cathode host density [kg.m-3]", 3.5, "(500, 15000] (Li metal, 0.534 g/cm3, is the lightest electrode solid; the "
     "densest element, osmium, is 22.6) (3.5 kg/m3 = 0.0035 g/cm3); did you give g/cm3? 3.5 g/cm3 = 3500 kg/m3"),
    ("Lithiated cathode host density [kg.m-3]", 3.4, "did you give g/cm3? 3.4 g/cm3 = 3400 kg/m3"),
    ("Dispersed material density [kg.m-3]", 1.96, "did you give g/cm3? 1.96 g/cm3 = 1960 kg/m3"),
    ("Lithiated dispersed material density [kg.m-3]", 1.66, "did you give g/cm3? 1.66 g/cm3 = 1660 kg/m3"),
    # a molar mass typed in g/mol was warned about only as a nominal capacity 1e+03 times the cathode's
    ("Cathode host molar mass [kg.mol-1]", 178.7, "(0.001, 5] (178.7 kg/mol = 178700 g/mol); did you give g/mol? "
     "178.7 g/mol = 0.1787 kg/mol"),
])
def test_a_density_in_g_cm3_and_a_molar_mass_in_g_mol_are_named(name, value, said):
    with pytest.raises(ValueError, match=re.escape(f"'{name}' = {value!r} is outside its physical range ") + ".*"
                       + re.escape(said)):
        check_value(name, value)


def test_the_model_and_the_material_share_the_density_and_molar_mass_bounds():
    """The model's kg/m3 and kg/mol ranges are AEAMaterial's g/cm3 and g/mol ones; every registered set is inside
    them."""
    from pybamm_aea.materials.material import SCALAR_FIELDS

    density, molar_mass = SCALAR_FIELDS["density"][1], SCALAR_FIELDS["molar_mass"][1]
    for name in ("Cathode host density [kg.m-3]", "Dispersed material density [kg.m-3]"):
        assert (RANGES[name].low, RANGES[name].high) == (density.low * 1e3, density.high * 1e3)
    rng = RANGES["Cathode host molar mass [kg.mol-1]"]
    assert (rng.low, rng.high) == (molar_mass.low * 1e-3, molar_mass.high * 1e-3)
    for set_name in pybamm.parameter_sets.keys():
        if set_name.startswith(("Li2021_", "AEA_")):
            values = pybamm.ParameterValues(set_name)
            for name in ("Cathode host density [kg.m-3]", "Lithiated cathode host density [kg.m-3]",
                         "Cathode host molar mass [kg.mol-1]", "Dispersed material density [kg.m-3]",
                         "Lithiated dispersed material density [kg.m-3]"):
                if name in values.keys():
                    check_value(name, values[name])


def test_a_host_density_in_g_cm3_is_refused_at_build_and_as_an_input_at_solve():
    """The trial's AEAMaterial set with "Cathode host density [kg.m-3]" = 3.5 ran silently; now refused both ways."""
    values = pybamm_aea.materials.get_material("LiFePO4").parameter_values()
    values["Cathode host density [kg.m-3]"] = 3.5
    with pytest.raises(ValueError, match=re.escape("did you give g/cm3? 3.5 g/cm3 = 3500 kg/m3")):
        pybamm.Simulation(pybamm.Model("AEA"), parameter_values=values).build()
    values["Cathode host density [kg.m-3]"] = "[input]"
    sim = pybamm.Simulation(pybamm.Model("AEA"), parameter_values=values)
    with pytest.raises(ValueError, match=re.escape("did you give g/cm3? 3.5 g/cm3 = 3500 kg/m3")):
        sim.solve([0, 100], inputs={"Cathode host density [kg.m-3]": 3.5})


def test_a_rest_is_read_on_the_cathodes_own_capacity_not_the_nominal_one_the_user_gave():
    """carries_no_current read PyBaMM's "C-rate" (of the nominal capacity the user gives): with 1 A.h given for a
    0.1517 mA.h cathode, "Discharge at 1e-6 A for 10 hours" (6.6 % of the cathode passed) read as a rest at C-rate 1e-6
    (review R32). Now the current over the cathode's "Positive electrode capacity [A.h]"; PyBaMM's models, which give
    none, keep the C-rate; a 0 W step's 3.6e-28 A stays a rest."""
    from types import SimpleNamespace

    from pybamm_aea.models.experiment_checks import carries_no_current

    class Step(dict):
        def __getitem__(self, name):
            return SimpleNamespace(entries=dict.__getitem__(self, name))

    nominal, cathode = 1.0, 1.517e-4
    small = {"Current [A]": np.full(3, 1e-6), "C-rate": np.full(3, 1e-6 / nominal)}
    assert not carries_no_current(Step(small, **{"Positive electrode capacity [A.h]": np.full(3, cathode)}))
    assert carries_no_current(Step(small))  # (no cathode capacity: the C-rate's reading, 1e-6)
    zero_watts = {"Current [A]": np.full(3, 3.57e-28), "C-rate": np.full(3, 2.4e-24),
                  "Positive electrode capacity [A.h]": np.full(3, cathode)}
    assert carries_no_current(Step(zero_watts))


def test_a_molar_mass_read_lighter_than_li_gets_no_g_mol_hint_and_an_activation_energy_in_j_mol_gets_one():
    """Review R32: "Cathode host molar mass [kg.mol-1]" = 5.1 was asked "did you give g/mol? 5.1 g/mol = 0.0051
    kg/mol", lighter than Li (6.94 g/mol): no hint below Li's molar mass; an activation energy typed in J/mol where
    kJ/mol is asked (30000) got none: "did you give J/mol? 30000 J/mol = 30 kJ/mol"."""
    from pybamm_aea import ranges

    assert ranges.MOLAR_MASS_KG_MOL.refusal("M", 5.1) == "M must be <= 5, got 5.1"
    assert ranges.MOLAR_MASS_KG_MOL.refusal("M", 178.7).endswith("did you give g/mol? 178.7 g/mol = 0.1787 kg/mol")
    assert ranges.ACTIVATION_ENERGY_KJ.refusal("Ea", 30000).endswith("did you give J/mol? 30000 J/mol = 30 kJ/mol")


#: the numbers the model reads that a user may think temperature-dependent: a function given for one was PyBaMM's
#: "Cannot process parameter '<function <lambda> at 0x...>'" mid-substitution, without the name (session 56)
_NUMBERS_GIVEN_FUNCTIONS = ["Cathode host density [kg.m-3]", "Lithiated cathode host density [kg.m-3]",
                            "Cathode host molar mass [kg.mol-1]", "Dispersed material density [kg.m-3]",
                            "Lithiated dispersed material density [kg.m-3]", "Cathode porosity"]


@pytest.mark.parametrize("name", _NUMBERS_GIVEN_FUNCTIONS)
def test_a_function_for_a_number_is_refused_naming_it(name):
    """A function (of temperature, as PyBaMM's parameter functions) given for a parameter the model reads as one
    number is refused before PyBaMM substitutes anything, naming the parameter, what it got and the form it needs;
    the model is left as it was and parameterises with the number."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    good = values[name]
    values.update({name: lambda T: good + 0 * T})
    model = pybamm_aea.AEA()
    rhs = dict(model.rhs)
    with pytest.raises(TypeError, match=re.escape(f"'{name}' = <function ") + r".*: a function, but the AEA model "
                       r"reads it as one number, fixed for the whole solve.*Give a number .* or an input"):
        values.process_model(model)
    assert not model.is_parameterised and all(model.rhs[k] is v for k, v in rhs.items())
    values.update({name: good})
    assert values.process_model(model).is_parameterised


def test_a_function_for_a_number_is_refused_by_simulation_solve():
    """Simulation.solve says the same (the user's path of the review's report)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values.update({"Cathode host density [kg.m-3]": lambda T: 5060.0 + 0 * T})
    with pytest.raises(TypeError, match=re.escape("'Cathode host density [kg.m-3]' = <function")):
        pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values).solve([0, 60])


def test_the_nominal_capacity_warning_survives_a_pickle():
    """NominalCapacityMismatchWarning (two arguments) pickled, as a sweep's worker returns its warnings, came back as
    "TypeError: __init__() missing 1 required positional argument: 'capacity'" (review R40); now its own facts,
    capacity and message."""
    import pickle

    from pybamm_aea.models.experiment_checks import NominalCapacityMismatchWarning

    warning = NominalCapacityMismatchWarning("the facts", 1.5e-4)
    back = pickle.loads(pickle.dumps(warning))
    assert (type(back), back.facts, back.capacity, str(back)) == (type(warning), "the facts", 1.5e-4, str(warning))


# ------------------------------------------------------------------------------- session 60 (trial UT, findings 2, 8)
_FABRICATION = "Cathode fabrication pressure [MPa]"


@pytest.mark.parametrize("as_input", [False, True])
def test_a_fabrication_pressure_in_kpa_is_refused_naming_kpa(as_input):
    """"Cathode fabrication pressure [MPa]" = 360000 (360 MPa typed in kPa) ran with only numpy's "overflow
    encountered in exp" (the stack-held porosity eps0 exp(K (P_fab - P_stack))); now refused at parameterisation and
    as an input at solve time, the kPa reading said first, then Pa's."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    values[_FABRICATION] = "[input]" if as_input else 360000.0
    said = re.escape(f"'{_FABRICATION}' = 360000.0 is outside its modelled range (0, 1000] (a pressed compact") + ".*" \
        + re.escape("(360000 MPa = 360000000 kPa = 3.6e+11 Pa); did you give kPa or Pa? 360000 kPa = 360 MPa, "
                    "360000 Pa = 0.36 MPa")
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values)
    with pytest.raises(ValueError, match=said):
        sim.solve([0, 60], inputs={_FABRICATION: 360000.0} if as_input else None)


@pytest.mark.parametrize("name, value, said", [
    (_FABRICATION, 3.6e8, "did you give Pa? 360000000 Pa = 360 MPa"),  # (kPa's reading, 360000 MPa, is out)
    (_FABRICATION, 0.0, "'Cathode fabrication pressure [MPa]' = 0.0 is outside its modelled range (0, 1000]"),
    (_FABRICATION, 1000.5, "is outside its modelled range (0, 1000]"),
    ("Stack pressure [MPa]", 3.6e5, "did you give kPa or Pa? 360000 kPa = 360 MPa, 360000 Pa = 0.36 MPa"),
    # the paper's 624 um separator layer typed 1000x thin ran (6.24e-7 m: [0, the cell's width] until session 60)
    ("Separator layer 1 thickness [m]", 6.24e-7, "'Separator layer 1 thickness [m]' = 6.24e-07 is outside its physical "
     "range [1e-06, 0.002] (at least 1 um, a sputtered LiPON film"),
    ("Separator layer 1 thickness [m]", 624.0, "did you give um? 624 um = 0.000624 m"),
    ("Separator layer 2 thickness [m]", 0.341, "did you give mm? 0.341 mm = 0.000341 m = 341 um"),
    # review R46-3 (session 61): 6.24e-7 m (0.624 mm converted with um's 1e-6) had no hint; 0.003 m, a 3 mm pellet
    # 1.5x the highest, was hinted only as mm (3e-06 m)
    ("Separator layer 1 thickness [m]", 6.24e-7, "(6.24e-07 m = 0.624 um); did you convert mm with um's 1e-6 (or um "
     "with nm's 1e-9)? 1000 times it, 0.000624 m = 624 um"),
    ("Separator layer 1 thickness [m]", 0.003, "(0.003 m = 3 mm, 1.5 times its highest: likelier a value above it "
     "than a unit slip); did you give mm? 0.003 mm = 3e-06 m = 3 um"),
])
def test_a_fabrication_pressure_and_a_separator_layer_out_of_range_are_named(name, value, said):
    with pytest.raises(ValueError, match=re.escape(said)):
        check_value(name, value)


def test_the_fabrication_pressures_the_package_uses_are_in_range():
    """The paper's 360 MPa, the compaction data's 36 MPa and the README's 720 MPa stay in range, 1000 MPa the end."""
    for pressure in (36.0, 360.0, 720.0, 1000.0):
        check_value(_FABRICATION, pressure)
