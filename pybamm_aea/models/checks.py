"""Physical ranges of parameter values: one table, checked when PyBaMM substitutes a value and, for input
parameters, when a solver is called with their values.

:data:`RANGES` maps a parameter name to its :class:`Range`; adding a range is one line. It is read by

- the model: :func:`checked_parameter` (what :class:`pybamm_aea.models.parameters.AEAParameters` uses instead of
  ``pybamm.Parameter``) wraps every parameter of the table in a :class:`PhysicalRange` node. When
  ``pybamm.ParameterValues.process_model`` replaces the parameter by a number, the node checks the number and
  disappears (the processed model is unchanged); a ``ValueError`` names the parameter, its value and the range.
  A NaN, which PyBaMM reads as a value left out ("Parameter ... not found") before the node sees it, is named
  the same way by :mod:`pybamm_aea.pybamm_adapter.parameter_values`.
  When the value is an input parameter (``"[input]"``), the node stays in the processed model as an identity (no
  cost in the compiled CasADi functions) and is checked at solve time;
- the values, read or not: before PyBaMM's ``process_model`` substitutes a model whose equations hold these
  nodes (an AEA model: what ``pybamm.Simulation`` builds), so that a refused value leaves the model as it was,
  :mod:`pybamm_aea.pybamm_adapter.parameter_values` calls :func:`check_parameter_values` on the
  ``ParameterValues`` (after it only for a model holding them in its variables alone): every number there under a name
  of the table, those the model's options do not read too (a degradation parameter with the degradation off, the Li-In
  anode's on a Li-metal cell), is checked, with the error the node gives the same value (a parameter bounded by another
  reads that one's number from the same values; a bound absent, an input or a function: the low end only). An input is
  not a number here (checked at solve time: by its node where read, by its name in :func:`check_inputs` where
  not); nor is a function, an interpolant's data or an expression (a function the model reads is checked through
  :func:`checked_function` below). PyBaMM's own models are left alone. Cost: 1.5-1.9 ms for the LMS set's 93
  values, each through :meth:`Range.contains` (``process_model`` of the LMS model: 2.9 ms with its values'
  substitutions cached on a quiet machine, 78-155 ms without; docs/known_limits.rst);
- solve time: :class:`~pybamm_aea.models.start_advice.CheckedIDAKLUSolver` (the AEA model's default solver)
  checks every input-dependent node of the model against the ``inputs`` of ``solve`` (a dict or PyBaMM's batched
  list of dicts) and of ``step`` (what ``pybamm.Simulation`` calls for each step of an experiment) before
  integrating; :func:`check_inputs` does the same for any discretised model. So
  ``pybamm.Simulation(...).solve(inputs=...)``, ``pybamm.BatchStudy`` and :func:`pybamm_aea.sweep` are all checked.
  The value each step of an experiment runs at (a current given as ``pybamm.InputParameter("I2")``, which is no
  parameter of the model) is checked at the solve's start, before any step, by
  :func:`~pybamm_aea.models.step_checks.check_step_values` against
  :data:`~pybamm_aea.models.step_checks.STEP_VALUE_RANGES` (called by
  :mod:`pybamm_aea.pybamm_adapter.experiment_inputs`);
- the sweep and the command line: :func:`check_value` for the values a user types.

Two values bound by a law rather than a range, the dispersed material's lithiation mass ratio and specific
capacity (Faraday, :func:`check_lithiation_mass`), are checked against each other on the same paths: in
:func:`check_parameter_values` and by a :class:`LithiationMassCheck` node of the model (parameterisation, solve
time).

A parameter the sets give as a function (a diffusivity, an exchange-current density, an OCP) is checked through
:func:`checked_function` when a user replaces it by a number or an input; a function of the state (of the Li
content) is the set's own and is not checked: its node is dropped at parameterisation, as for a number.

The names a user gives are checked here too: an input the model has not (:func:`warn_unknown_inputs`, over all the
step models of an experiment :class:`ExperimentInputNames`) and a parameter no AEA model reads whose name is close
to one of the table (:func:`warn_unknown_parameters`), each a ``UserWarning`` with the close names. The checks of
an experiment's steps and the solver that applies these checks at each solve and step are
:mod:`pybamm_aea.models.step_checks`' and :mod:`pybamm_aea.models.start_advice`'s. A degradation option on values
that give each of its rates as 0, which makes it do nothing, is warned about when the model is parameterised
(:func:`warn_degradation_without_rate`). An
ambient temperature in range but outside those the paper measured the set's cell at (each set's
:data:`LOWEST_MEASURED` .. :data:`HIGHEST_MEASURED`) is warned about at each solve and step, never refused
(:func:`warn_outside_measured_temperatures`).

Limits: a solver passed by the user (``pybamm.Simulation(..., solver=pybamm.IDAKLUSolver())``) does not check inputs
at solve time (call :func:`check_inputs` on ``sim.built_model``, or use
:class:`~pybamm_aea.models.start_advice.CheckedIDAKLUSolver`); a value the model does not read whose bound is
an input (``"Li0 film onset Li content"`` under an input maximum Li content) is checked against its low end only; an
expression processed alone (``ParameterValues.evaluate``, ``process_symbol``) is checked where it holds
:func:`checked_parameter` or :func:`checked_function`, not against the rest of the values. A fit through PyBOP solves
with PyBOP's solver, unchecked: :func:`pybamm_aea.fitting.check_fit_bounds` checks its bounds and initial values before
it starts (and :func:`pybamm_aea.fitting.fit_factors` calls it).
"""
from __future__ import annotations

import dataclasses
import functools
import inspect
import math
import numbers
import warnings
import weakref

import casadi
import numpy as np
from scipy.constants import zero_Celsius

import pybamm

from ..constants import M_LI, MAH_PER_MOL, MAX_VOLTAGE_VS_LI
from ..energy.materials import get_material, list_materials
# the inputs PyBaMM itself passes to a solver (an experiment step's start): not the user's
from ..pybamm_adapter.experiment_inputs import PYBAMM_INPUTS, START_TIME
from ..pybamm_adapter.model_internals import parameter_values_of
# (the Range class and the loading's range are PyBaMM-free, read by the energy model too: pybamm_aea.ranges)
from ..ranges import (ACTIVATION_ENERGY_J, CATHODE_LOADING, CATHODE_THICKNESS_UM, FABRICATION_PRESSURE, FRACTION,
                      FRACTION_BELOW_ONE, MOLAR_MASS_KG_MOL, PERCENT, SEPARATOR_THICKNESS_M, SOLID_DENSITY_KG_M3,
                      STACK_PRESSURE, Range)
from ..thermodynamics import kept_rising_stretch
from ..user_frame import users_stacklevel
from ..user_input import ZERO_D_INPUT, close_names, zero_d_number

__all__ = ["cut_off_potential", "input_set_key", "Range", "RANGES", "check_value", "checked_parameter", "checked_value",
           "checked_function", "checked_above", "in_range", "PhysicalRange", "check_inputs", "ExperimentInputNames",
           "MissingParameterError",
           "missing_parameter_error", "check_parameter_values", "FARADAY_MASS_TOLERANCE", "check_lithiation_mass",
           "LithiationMassCheck", "GradientEnergyCheck", "SampledLiContent", "BinodalCheck", "check_maximum_content",
           "DegradationWithoutRateWarning",
           "DEGRADATION_RATES",
           "warn_degradation_without_rate", "TemperatureOutsideMeasuredRangeWarning", "LOWEST_MEASURED",
           "CutOffsOfAnotherAnodeWarning", "warn_cut_offs_of_another_anode", "cut_offs_of_another_anode",
           "HIGHEST_MEASURED", "warn_outside_measured_temperatures", "ThermalParametersIgnoredWarning",
           "LUMPED_THERMAL",
           "refuse_above_melting_points", "melting_points", "DISPERSED_MELTING_POINT",
           "ambient_extremes", "AMBIENT_SAMPLES",
           "pybamm_thermal_parameter_names", "refuse_misspelt_inputs",
           "HOST_OCP_PARAMETERS", "check_tables_cover_cut_offs", "tables_past_cut_offs", "check_step_until_in_tables",
           "check_held_voltages_in_tables", "held_voltages_past_tables", "first_past_table_ends", "step_said",
           "of_time", "varying_values",
           "STEP_UNTIL_SAID", "STEP_HELD_SAID"]


_POSITIVE = Range(0.0, None, low_open=True)
_NON_NEGATIVE = Range(0.0)
# a fraction typed in percent, a pressure in Pa: said so (the one statement, pybamm_aea.ranges, which the energy
# model's checks read too)
_PERCENT = PERCENT
_FRACTION = FRACTION
_FRACTION_BELOW_ONE = FRACTION_BELOW_ONE
_STACK_PRESSURE = STACK_PRESSURE
# a true density and a molar mass, the bounds of an active material's (pybamm_aea.ranges): 3.5 (g/cm3 typed) ran
_SOLID_DENSITY = SOLID_DENSITY_KG_M3
_POTENTIAL = Range(0.0, MAX_VOLTAGE_VS_LI, why=f"a potential vs Li/Li+, at most {MAX_VOLTAGE_VS_LI:g} V")
# the Li metal of every anode (Li metal; the Li-In alloy's Li foil) melts at 453.65 K (180.5 C, its record's CRC
# Handbook value): the bound of every cell; a cell's components that melt first (S8, In) are refused at solve time
# (refuse_above_melting_points). Below 200 K the Arrhenius laws of the set (fitted at 298-353 K) are extrapolated by
# orders of magnitude and underflow to 0 near 5 K (a division by zero). A temperature typed in degrees C (70 for the
# paper's 70 C) is said so: it was refused naming the range only
_LI_MELTS = get_material("Li").melting_point
_TEMPERATURE = Range(200.0, _LI_MELTS, why=f"200 K to the melting point of Li, {_LI_MELTS:g} K",
                     slip=("K", "degrees C", 1.0, zero_Celsius))

# a layer of the cell (a solid-electrolyte pellet, a film, an interphase), in m: thinner than the cell is wide (the
# paper's 0.62 and 0.34 mm pellets on its 8.86 mm wide cell, paper_cell). A thickness in um or mm typed as m (640 for
# 640 um) is a layer metres thick: it ran, a cell that could not start said to lower the current or the loading, and
# a 0.64 m separator (mm typed as m) solved at 0.1C as if right
_LAYER = Range(0.0, "Electrode width [m]", why="a layer of the cell, thinner than the cell is wide; in m: 640 um is "
               "0.00064 m")

#: the parameters of a set giving the lowest and highest temperature [K] its parameters were measured at (the paper's
#: cells: paper_cell.MEASURED_AT_70C, LMS 25-70 C; a cell around a material the paper did not measure: the span of
#: its sources, aea_material_cell): outside them its temperature dependences are extrapolated
#: (:func:`warn_outside_measured_temperatures`)
LOWEST_MEASURED = "Lowest measured temperature [K]"
HIGHEST_MEASURED = "Highest measured temperature [K]"

#: the lumped thermal option and its docs section, as its missing-parameter errors name them (<= 300 characters each;
#: 665 until session 64)
_LUMPED = "\"thermal\": \"lumped\""
_LUMPED_DOCS = "docs/known_limits.rst, \"Temperature: the OCPs' entropy and the heat\""
#: Parameter (or sweep input) name -> physical range. One line per parameter.
RANGES = {
    "Ambient temperature [K]": _TEMPERATURE,
    "Reference temperature [K]": _TEMPERATURE,
    # the temperatures a set's cell was measured at (its own values, with the source; not read by the model: the
    # ambient temperature outside them is warned about at solve time, warn_outside_measured_temperatures)
    LOWEST_MEASURED: Range(_TEMPERATURE.low, HIGHEST_MEASURED, why="the lowest temperature measured, at most the "
                           "highest", slip=_TEMPERATURE.slip),
    HIGHEST_MEASURED: _TEMPERATURE,
    # the lumped thermal option's ("thermal": "lumped", pybamm_aea.models.submodels.lumped_thermal; LUMPED_THERMAL),
    # PyBaMM's names where the meaning is its lumped model's; no value is assumed for any
    "Initial temperature [K]": dataclasses.replace(_TEMPERATURE, if_missing=(
        f"{_LUMPED} starts the cell at it, e.g. the ambient temperature (PyBaMM's lumped model's parameter; "
        f"{_LUMPED_DOCS}).")),
    "Cell heat capacity [J.K-1.m-2]": Range(0.0, None, low_open=True, why="a heat capacity per electrode area",
                                            if_missing=(
        f"{_LUMPED} reads the cell's heat capacity per electrode area, e.g. 355 J.K-1.m-2 (PyBaMM's Chen2020 "
        f"cell's layers; {_LUMPED_DOCS}).")),
    "Total heat transfer coefficient [W.m-2.K-1]": Range(0.0, None, why="a heat transfer coefficient (0: adiabatic)",
                                                         if_missing=(
        f"{_LUMPED} cools the cell through its electrode area at it (0: adiabatic), e.g. 10 W.m-2.K-1 "
        f"(PyBaMM's Chen2020; {_LUMPED_DOCS}).")),
    "Nominal cell capacity [A.h]": _POSITIVE,
    # cell voltages (on Li-In 0.62 V below the cathode's vs Li); NaN ran to -206 V and x = 8 in a 4-Li host
    "Lower voltage cut-off [V]": Range(0.0, "Upper voltage cut-off [V]", high_open=True,
                                       why="a cell voltage, below the upper cut-off"),
    "Upper voltage cut-off [V]": Range(0.0, MAX_VOLTAGE_VS_LI, low_open=True,
                                       why=f"a cell voltage, at most {MAX_VOLTAGE_VS_LI:g} V"),
    # an input current (NaN was IDA_BAD_K); a fixed one or a function of time is PyBaMM's to evaluate
    "Current function [A]": Range(why="a finite current"),
    "Electrode width [m]": _POSITIVE,
    "Electrode height [m]": _POSITIVE,
    "Number of electrodes connected in parallel to make a cell": Range(1.0, why="at least one electrode"),
    # the thickest all-solid-state cathode reported, at the hosts' density (pybamm_aea.ranges.CATHODE_LOADING)
    "Cathode loading [kg.m-2]": CATHODE_LOADING,
    "Cathode porosity": _FRACTION_BELOW_ONE,
    "Cathode host density [kg.m-3]": _SOLID_DENSITY,
    "Lithiated cathode host density [kg.m-3]": _SOLID_DENSITY,
    "Cathode host molar mass [kg.mol-1]": MOLAR_MASS_KG_MOL,
    "Cathode maximum Li content": _POSITIVE,
    # the host OCPs are singular at 0 and at the maximum Li content (ln((x_max - x)/x) terms)
    "Initial cathode Li content": Range(0.0, "Cathode maximum Li content", low_open=True, high_open=True,
                                        why="between an empty and a full host"),
    # a binodal of the two-phase region a phase-separated initial state lies in; 0 for both: uniform
    "Initial cathode separator-side phase Li content": Range(0.0, "Cathode maximum Li content", high_open=True,
                                                            why="a phase's Li content within the host, 0: none"),
    "Initial cathode collector-side phase Li content": Range(0.0, "Cathode maximum Li content", high_open=True,
                                                            why="a phase's Li content within the host, 0: none"),
    "Cathode host Li content as made": Range(0.0, "Cathode maximum Li content", why="within the host's window"),
    "Cathode Bruggeman coefficient": _NON_NEGATIVE,
    # the compact's, a function of its porosity: 0 beyond the percolation threshold of the Table S4 fits (TiS2 ~0.4)
    "Cathode electronic conductivity [S.m-1]": Range(
        0.0, None, low_open=True, why="the compact conducts no electrons at this porosity, beyond its percolation "
        "threshold: it cannot be cycled"),
    "Initial cathode hysteresis state": Range(-1.0, 1.0, why="-1 delithiation to +1 lithiation branch"),
    "Cathode hysteresis decay rate": _NON_NEGATIVE,
    "Dispersed material mass fraction": _FRACTION_BELOW_ONE,
    "Dispersed material density [kg.m-3]": _SOLID_DENSITY,
    "Lithiated dispersed material density [kg.m-3]": _SOLID_DENSITY,
    # lithiated over delithiated mass: Li is added, nothing leaves (S8 -> 8 Li2S: 1.4375); 0.5 shrank S-LMS by 17.5 %
    # on discharge instead of swelling it by 23 % and kept its pores open (+19 % capacity)
    "Dispersed material lithiation mass ratio": Range(
        1.0, None, why="lithiation adds Li to the material: the product weighs at least what it was made from"),
    "Dispersed material specific capacity [A.h.kg-1]": _NON_NEGATIVE,
    "Dispersed material accessible fraction": _FRACTION,
    # the pool not yet activated starts at max - initial (degradation.DispersedActivationAndContactLoss): above the
    # maximum it is negative and "activation" takes domains out of reach
    "Initial dispersed material accessible fraction": Range(
        0.0, "Maximum dispersed material accessible fraction",
        why="the domains in reach at the start are among those that can ever be reached"),
    "Maximum dispersed material accessible fraction": _FRACTION,
    "Dispersed material ideality factor": _POSITIVE,
    # its record's (S8: 388.36 K), not read by the model: the solve is refused above it (refuse_above_melting_points)
    "Dispersed material melting point [K]": Range(_TEMPERATURE.low, None, why="a solid at the lowest temperature the "
                                                  "model takes", slip=_TEMPERATURE.slip),
    "Dispersed material standard potential [V]": _POTENTIAL,
    "Initial dispersed material lithiation": _FRACTION,
    "Li0 film Li diffusivity [m2.s-1]": _POSITIVE,
    # below 0 (the sets' -1): a host without a blocking phase forms no film; above the maximum content the film
    # would form at any content
    "Li0 film onset Li content": Range(None, "Cathode maximum Li content",
                                       why="a Li content within the host, below 0 for a host that forms no film"),
    "Initial Li0 film thickness [m]": _LAYER,
    "Initial interphase thickness [m]": _LAYER,
    "Interphase ionic conductivity [S.m-1]": _POSITIVE,
    "Separator layer 1 thickness [m]": SEPARATOR_THICKNESS_M,  # (1-2000 um; [0, the cell's width] until session 60)
    "Separator layer 2 thickness [m]": SEPARATOR_THICKNESS_M,
    "Li-In anode indium amount [mol.m-2]": _POSITIVE,
    "Li-In anode Li foil amount [mol.m-2]": _NON_NEGATIVE,
    "Initial Li-In anode Li:In ratio": Range(0.0, 1.0, low_open=True, high_open=True),
    "Li trapping fraction": _FRACTION,
    "Initial Li trapping fraction": _FRACTION,
    "Saturated initially trapped Li content": Range(0.0, "Cathode maximum Li content", why="within the host"),
    # thermally activated (0: no temperature dependence); a negative one traps faster when colder
    "Li trapping activation energy [J.mol-1]": ACTIVATION_ENERGY_J,  # (0 or 2-300 kJ/mol: 0.3 eV typed said so)
    # degradation rates (0: off; a negative one reverses the mechanism: Li made, material regained)
    "Ionic-switch host loss coefficient": _NON_NEGATIVE,
    "Dispersed material activation coefficient": _NON_NEGATIVE,
    "Dispersed material contact-loss coefficient": _NON_NEGATIVE,
    "Cathode interphase growth constant [m2.s-1]": _NON_NEGATIVE,
    "Cathode interphase window growth constant [m2.s-1]": _NON_NEGATIVE,
    "Li metal anode interphase growth constant [m2.s-1]": _NON_NEGATIVE,
    "Li-In anode interphase growth constant [m2.s-1]": _NON_NEGATIVE,
    # the solid electrolyte's stability window vs Li, checked in order as the voltage cut-offs are
    "Solid electrolyte reduction limit [V]": Range(0.0, "Solid electrolyte oxidation limit [V]", high_open=True,
                                                   why="a potential vs Li/Li+, below the oxidation limit"),
    "Solid electrolyte oxidation limit [V]": Range(0.0, MAX_VOLTAGE_VS_LI, low_open=True,
                                                   why=f"a potential vs Li/Li+, at most {MAX_VOLTAGE_VS_LI:g} V"),
    "Number of cells connected in series to make a battery": Range(1.0, why="at least one cell"),
    "Stack pressure [MPa]": _STACK_PRESSURE,
    # 0: no phase-boundary energy, a single phase only (refused where the host's OCP has a spinodal,
    # GradientEnergyCheck)
    "Cathode gradient energy coefficient [V.m2]": _NON_NEGATIVE,
    "Persistent Li0 fraction": _FRACTION,
    "Cathode host full at maximum Li content": Range(0.0, 1.0, only=(0.0, 1.0), why=(
        "1: the host's OCP ends in a lattice gas's pole at x_max (full there); 0: an electron-limited end that "
        "takes Li past x_max (Mo6S8)"), if_missing=(
        "the multi-phase host reads it since session 29, so a complete parameter set written before then lacks it. "
        "Set it to 1 for a lattice gas that holds no Li beyond its maximum Li content x_max (its OCP has a pole "
        "there: TiS2, as in Li2021_TiS2, and the sets of the material API, pybamm_aea.materials): a solve ends where "
        "the lattice gas is full, on the event 'Cathode lattice gas full at its surface (Li content x_max, theta = "
        "1)'. Set it to 0 for a host that takes Li beyond x_max (the Mo6S8 sets, whose electron-limited Li4 end "
        "goes on below 1.0 V): no such event.")),
    # the multi-phase host's Li0/Li1 region (below zero Li for a host without Li0,
    # thermodynamics.li0_phase_parameters)
    "Li0 phase binodal Li content": Range(None, "Li1 phase binodal Li content", high_open=True,
                                          why="the Li0 window ends where the Li0/Li1 region begins, below the Li1 "
                                              "window"),
    "Li1 phase binodal Li content": Range(None, "Cathode maximum Li content", why="within the host"),
    "Cathode fabrication pressure [MPa]": FABRICATION_PRESSURE,  # (any positive number until session 60)
    "Initial cathode stretch off 1": Range(0.0, 1.0, only=(0.0, 1.0), why=(
        "0: a fresh start (the stretch from its as-made value); 1: a starting stretch off 1 (a starting solution's, "
        "set by Simulation.solve), which the host's transport then reads"), if_missing=(
        "the model reads it since session 49 (1 has the host's transport read the cathode's stretch where a "
        "starting state carries it off 1), so a complete parameter set written before then lacks it. Set it to 0 "
        "(a fresh start; Simulation.solve sets 1 on its own copy for a starting solution that needs it).")),
    "Cathode Heckel compaction coefficient [MPa-1]": _POSITIVE,
    "Dispersed material domain radius [m]": _POSITIVE,
    # fitting factors on the functions of state (1 in the parameter sets)
    "Cathode Li diffusivity factor": _POSITIVE,
    "Cathode exchange-current density factor": _POSITIVE,
    "Cathode electronic conductivity factor": _POSITIVE,
    "Cathode electronic conductivity Li-content factor": _POSITIVE,
    "Cathode ionic conductivity factor": _POSITIVE,
    "Anode exchange-current density factor": _POSITIVE,
    "Separator layer 1 ionic conductivity factor": _POSITIVE,
    "Separator layer 2 ionic conductivity factor": _POSITIVE,
    "Dispersed material reaction rate constant factor": _POSITIVE,
    "Dispersed material product-layer Li diffusivity factor": _POSITIVE,
    "Li0 film Li diffusivity factor": Range(0.0, None, low_open=True, if_missing=(
        "the model reads it since session 44 (it multiplies Li's transport through Li0: the lever-rule host's film "
        "diffusivity, the multi-phase host's Li0 phase mobility), so a complete parameter set written before then "
        "lacks it. Set it to 1 for Li0 as the set gives it.")),
    # parameters the sets give as functions, checked when a user gives a number or an input
    # (checked_function); a zero conductivity or exchange current was a bare ZeroDivisionError, a negative one a
    # negative resistance or an interface that made energy
    "Cathode Li diffusivity [m2.s-1]": _POSITIVE,
    "Cathode Li log-mobility": Range(why="the natural log of a mobility [m2.V-1.s-1], finite"),
    "Cathode homogeneous OCP [V]": _POTENTIAL,
    "Cathode lithiation OCP [V]": _POTENTIAL,
    "Cathode delithiation OCP [V]": _POTENTIAL,
    "Cathode exchange-current density [A.m-2]": _POSITIVE,
    "Cathode ionic conductivity [S.m-1]": _NON_NEGATIVE,  # 0: electrons alone carry the ohmic drop (a limit)
    "Anode exchange-current density [A.m-2]": _POSITIVE,
    "Li-In anode OCP [V]": _POTENTIAL,
    # the anode the set's cut-offs are cell voltages against (not read by the model: a solve on another anode is
    # warned about, warn_cut_offs_of_another_anode)
    "Anode potential of the voltage cut-offs [V]": _POTENTIAL,
    "Separator layer 1 ionic conductivity [S.m-1]": _POSITIVE,
    "Separator layer 2 ionic conductivity [S.m-1]": _POSITIVE,
    "Dispersed material product-layer Li diffusivity [m2.s-1]": _POSITIVE,
    "Dispersed material interfacial rate constant [s-1]": _NON_NEGATIVE,  # 0: no exchange (no dispersed material)
    # the conventional S-C-LGPS model's sulfur kinetics (pybamm_aea.conventional); the AEA model does not read them
    "Dispersed material reaction rate constant [s-1]": _POSITIVE,
    "Dispersed material lithiation transfer coefficient": Range(0.0, 1.0, low_open=True, high_open=True),
}

#: Inputs of :func:`pybamm_aea.sweep.sweep` that are not parameters the AEA model reads (the sweep derives the
#: model's parameters from them) -> physical range; they are in :data:`RANGES` too
_SWEEP_ONLY_RANGES = {
    "C-rate": _POSITIVE,
    "S8 mass fraction": _FRACTION_BELOW_ONE,
    "Cathode thickness [um]": CATHODE_THICKNESS_UM,  # (one particle layer at least; its loading checked as such)
    # a cathode pressed and held at one pressure (the sweep sets both, and the porosity of pressing there)
    "Pressing and stack pressure [MPa]": FABRICATION_PRESSURE,
}
RANGES.update(_SWEEP_ONLY_RANGES)
#: their names
SWEEP_ONLY_INPUTS = tuple(_SWEEP_ONLY_RANGES)


def ranges_now():
    """:data:`RANGES`'s items as they are now, hashable: the key of a cache of what is built on them (a parameter's
    check holds the range it was built with; a range changed after the build is not read by it)."""
    return tuple(RANGES.items())


def _message(name, value, rng, bound_value=None, said_as=None):
    """The error for ``value`` of ``name`` outside ``rng``; ``said_as``: what the user gave, when the value was
    derived from it (a sweep's thickness), said first instead (no unit-slip hint)."""
    why = f" ({rng.why})" if rng.why else ""
    if said_as is not None:
        return f"{said_as} gives '{name}' = {value!r}, outside its {rng.kind} range {rng.describe(bound_value)}{why}"
    return (f"'{name}' = {value!r} is outside its {rng.kind} range {rng.describe(bound_value)}{why}"
            f"{rng.slip_hint(value)}")


class MissingParameterError(KeyError):
    """A parameter an AEA model reads is not in the parameter set (PyBaMM's "Parameter ... not found", a
    ``KeyError``), with what to set it to (:attr:`Range.if_missing`). Its text is its message (a ``KeyError``'s is
    the message's repr)."""

    def __str__(self):
        return str(self.args[0]) if self.args else ""


def missing_parameter_error(name):
    """The :class:`MissingParameterError` for a parameter set that lacks ``name``, naming it and what to set it to
    (``RANGES[name].if_missing``), or None for a parameter without such advice (PyBaMM's own error stands)."""
    rng = RANGES.get(name)
    if rng is None or not rng.if_missing:
        return None
    return MissingParameterError(
        f"Parameter '{name}' not found: {rng.if_missing} No value is assumed: add it to the set.")


def check_value(name, value, bound_value=None, said_as=None):
    """Raise ``ValueError`` naming ``name`` and ``value`` if the value is outside ``RANGES[name]``.

    Names not in the table pass. ``bound_value``: the value of the parameter that bounds this one, if any (a
    range bounded by another parameter is checked against it only when given). ``said_as``: what the user gave
    when ``value`` is derived from it (a sweep's "'Cathode thickness [um]' = 3000.0"), said first in the error.
    """
    rng = RANGES.get(name)
    if rng is None:
        return
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"'{name}' must be a number, got {value!r}") from None
    if isinstance(rng.high, str) and bound_value is None:
        rng = Range(rng.low, None, rng.low_open, False, rng.why)
    if not rng.contains(v, bound_value):
        raise ValueError(_message(name, value, RANGES[name], bound_value, said_as))


#: the symbols of a parameter not yet given its value
_UNPROCESSED = (pybamm.Parameter, pybamm.FunctionParameter)


class PhysicalRange(pybamm.BinaryOperator):
    """A parameter (left child) that must lie in its :class:`Range`; the right child is the parameter bounding it
    (``Scalar(nan)`` when the bound is a number). Evaluates to the left child."""

    def __init__(self, value, bound, parameter_name, rng):
        self.parameter_name, self.range = parameter_name, rng
        super().__init__(f"physical range of '{parameter_name}' {rng.describe()}", value, bound)

    def create_copy(self, new_children=None, perform_simplifications=True):
        value, bound = new_children if new_children else self.children
        if any(isinstance(s, _UNPROCESSED) for c in (value, bound) for s in c.pre_order()):
            return self._with(value, bound)  # not yet parameterised
        if not (_checkable(value) and _checkable(bound)):
            return value  # a function of the state (a set's function of the Li content): not checked
        if value.is_constant() and bound.is_constant():
            self.check(_constant(value), _constant(bound))
            return value  # checked: the node disappears
        return self._with(value, bound)  # checked at solve time

    def _with(self, value, bound):
        """This check over new children."""
        return PhysicalRange(value, bound, self.parameter_name, self.range)

    def check_at(self, value, bound, t=None, inputs=None):
        """:meth:`check` of the children's values at time ``t`` with ``inputs`` (solve time, :func:`check_inputs`): a
        check that reads more than its children (:class:`GradientEnergyCheck`'s zoom) reads it there."""
        self.check(value, bound)

    def check(self, value, bound=None):
        # a number, or the same number broadcast over a domain (a function parameter given as a number)
        values = np.unique(np.asarray(value, dtype=float).ravel())
        if bound is not None:
            bound = float(bound.item() if hasattr(bound, "item") else bound)
        for v in values:
            if not self.range.contains(float(v), bound if isinstance(self.range.high, str) else None):
                raise ValueError(_message(self.parameter_name, float(v), self.range, bound))

    # PyBaMM's JSON hooks (``model.to_config()``, ``sim.save_model`` of a model with input parameters): the value and
    # the bound travel as the two children, the name and the range as fields
    _serialise_derived_params = frozenset({"value", "bound"})

    def to_json(self):
        return {"name": self.name, "domains": self.domains, "parameter_name": self.parameter_name,
                "rng": self.range.to_json()}

    @classmethod
    def _from_json(cls, snippet):
        value, bound = snippet["children"]
        return PhysicalRange(value, bound, snippet["parameter_name"], Range.from_json(snippet["rng"]))

    def _binary_evaluate(self, left, right):
        return left

    def _binary_jac(self, left_jac, right_jac):
        return left_jac

    def _diff(self, variable):
        return self.left.diff(variable)

    def _sympy_operator(self, left, right):
        return left


#: what a checked value may be made of: numbers, input parameters and time (not the model's state)
_CHECKABLE_LEAVES = (pybamm.Scalar, pybamm.Array, pybamm.InputParameter, pybamm.Time)


def _checkable(symbol):
    return all(isinstance(s, _CHECKABLE_LEAVES) for s in symbol.pre_order() if not s.children)


def _constant(symbol):
    """The value of a constant symbol; a function parameter given as a number is broadcast onto its domain
    before discretisation (``number * ones_like(x)``): the broadcast is evaluated as its child."""
    if isinstance(symbol, pybamm.Broadcast):
        return _constant(symbol.orphans[0])
    if any(isinstance(s, pybamm.Broadcast) for s in symbol.pre_order()):
        values = [np.asarray(_constant(c), dtype=float) for c in symbol.children]
        return _constant(symbol.create_copy([pybamm.Scalar(v.item()) if v.size == 1 else pybamm.Array(v)
                                             for v in values]))
    return symbol.evaluate()


_MASS_RATIO = "Dispersed material lithiation mass ratio"
_CAPACITY = "Dispersed material specific capacity [A.h.kg-1]"
_MASS_FRACTION = "Dispersed material mass fraction"
#: the Li a specific capacity takes [kg of Li per A.h]: M_Li [kg/mol] over the A.h of a mole
_LI_PER_CAPACITY = M_LI / (MAH_PER_MOL / 1e3)
#: how far apart the Li mass a dispersed material gains on lithiation (its mass ratio - 1) and the Li its specific
#: capacity takes (q M_Li / F) may be, relative to the larger: 2 %, above the shipped sets' rounding (S8: 0.86 %,
#: the paper's molar masses 256 and 46 g/mol against its 1675 mAh/g; Li4Ti5O12: 0.06 %)
FARADAY_MASS_TOLERANCE = 0.02


def check_lithiation_mass(ratio, capacity):
    """Raise ``ValueError`` naming both values if a dispersed material's lithiation mass ratio [-] and specific
    capacity [A.h.kg-1] disagree by Faraday's law, ratio = 1 + q M_Li / F (q in C/kg), beyond
    :data:`FARADAY_MASS_TOLERANCE` of the Li mass gained (capacity 0 or 3000 A.h/kg with S8's ratio 1.4375: the
    Li that entered no longer matched the mass gained). Checked only where the cathode holds the material (its
    mass fraction above 0); a capacity of 0 or a ratio of 1 is told that the mass fraction leaves it out."""
    ratio, capacity = float(ratio), float(capacity)
    li_taken, li_gained = capacity * _LI_PER_CAPACITY, ratio - 1
    if abs(li_gained - li_taken) <= FARADAY_MASS_TOLERANCE * max(li_gained, li_taken):
        return
    # (a material that takes no Li: the user's way of leaving it out, which is the mass fraction's)
    out = (f"; to leave the dispersed material out, set '{_MASS_FRACTION}' to 0 (then these two enter nothing and "
           "are not compared)" if capacity == 0 or ratio == 1 else "")
    raise ValueError(
        f"'{_MASS_RATIO}' = {ratio!r} and '{_CAPACITY}' = {capacity!r} disagree: the capacity puts "
        f"{li_taken:.4g} kg of Li into each kg of the material, a mass ratio of {1 + li_taken:.5g}; the mass ratio "
        f"gains {li_gained:.4g} kg, a capacity of {li_gained / _LI_PER_CAPACITY:.5g} A.h/kg (Faraday: ratio = 1 + "
        f"q M_Li / F, M_Li = {M_LI:g} kg/mol; allowed {FARADAY_MASS_TOLERANCE:.0%} apart, the rounding of the "
        f"sets' molar masses): give the two of one material{out}")


class PairCheck(PhysicalRange):
    """A check of its two children alone (the value checked and what it is checked against), built as ``cls(value,
    bound)``: its copies and PyBaMM's JSON hooks need no more (:class:`LithiationMassCheck`,
    :class:`GradientEnergyCheck`, :class:`BinodalCheck`)."""

    def _with(self, value, bound):
        return type(self)(value, bound)

    def to_json(self):
        return {"name": self.name, "domains": self.domains}

    @classmethod
    def _from_json(cls, snippet):
        return cls(*snippet["children"])


class LithiationMassCheck(PairCheck):
    """The dispersed material's lithiation mass ratio (left child) checked against its specific capacity (right
    child) by :func:`check_lithiation_mass`, when parameterised or, for inputs, at solve time. Evaluates to the
    ratio. :meth:`of` builds it with the mass fraction: without the material (fraction 0) nothing is compared."""

    def __init__(self, ratio, capacity):
        super().__init__(ratio, capacity, _MASS_RATIO, RANGES[_MASS_RATIO])

    @classmethod
    def of(cls, ratio, capacity, fraction):
        """The check of ``ratio`` against ``capacity`` where the ``fraction`` (the material's mass fraction, pybamm
        expressions all) is above 0; at 0 (LMS, LTS: the set's dispersed entries enter nothing) against the
        capacity the ratio itself implies, so each is checked in its own range only."""
        return cls(ratio, capacity * (fraction > 0) + (ratio - 1) / _LI_PER_CAPACITY * (fraction <= 0))

    _serialise_derived_params = frozenset({"ratio", "capacity"})  # the two children

    def check(self, value, bound=None):
        for ratio, capacity in np.broadcast(np.asarray(value, dtype=float), np.asarray(bound, dtype=float)):
            ratio, capacity = float(ratio), float(capacity)
            check_value(_MASS_RATIO, ratio)  # each in its own range first (the nodes within are not walked at
            check_value(_CAPACITY, capacity)  # solve time, check_inputs)
            check_lithiation_mass(ratio, capacity)  # (each set of a batch)


_KAPPA = "Cathode gradient energy coefficient [V.m2]"
_U_H = "Cathode homogeneous OCP [V]"
#: the host's homogeneous OCP is sampled at theta = (i + 1/2) / n, i = 0 .. n - 1, of its window 0 .. x_max for a
#: spinodal (:class:`GradientEnergyCheck`): 0.001 Li apart on Mo6S8's 4 Li, whose Li0/Li1 loop rises over 0.475 Li;
#: where they show no rise, zoomed into (:func:`pybamm_aea.thermodynamics.rising_stretch`)
SPINODAL_SAMPLES = 4000
_THETA = (np.arange(SPINODAL_SAMPLES) + 0.5) / SPINODAL_SAMPLES
#: the name under which the Li contents the host's OCP is read at are passed to :class:`SampledLiContent`
_SAMPLED = "Li content the cathode homogeneous OCP is sampled at"


def _below(n, k):
    """The matrix that puts a vector of ``n`` values below ``k`` zeros (or, for k = 0, below ``n`` zeros): the
    samples of a check's bound stacked in one vector (a ``pybamm.NumpyConcatenation`` without a domain fails PyBaMM's
    discretisation where it stays in the model, its bound holding an input)."""
    import scipy.sparse

    top = k if k else n
    return pybamm.Matrix(scipy.sparse.vstack([scipy.sparse.csr_matrix((top, n)), scipy.sparse.eye(n)]).tocsr())


def _per_sample(U_h, n):
    """``U_h`` (the function parameter sampled at ``n`` contents) as ``n`` values also where the set gives a number or
    an input for it, which PyBaMM substitutes as one value (a product with ones PyBaMM drops at construction, its
    shape already ``n``; the maximum with -inf it keeps)."""
    return pybamm.maximum(U_h, pybamm.Vector(np.full(n, -np.inf)))


class SampledLiContent(pybamm.Symbol):
    """The Li content the host's homogeneous OCP is a function of in :class:`GradientEnergyCheck` before it is
    sampled: a leaf that PyBaMM's parameter substitution leaves as it is (no number, so nothing is folded into it),
    so that the substituted OCP stays a function of it, read at any contents, evaluated to ``inputs[_SAMPLED]``.
    It never reaches a discretised model: the check replaces it by the samples' contents when it stays there."""

    def __init__(self):
        super().__init__(_SAMPLED)

    def create_copy(self, new_children=None, perform_simplifications=True):
        return SampledLiContent()

    def _base_evaluate(self, t=None, y=None, y_dot=None, inputs=None):
        if not isinstance(inputs, dict):  # (PyBaMM's "shape test")
            return np.nan
        return np.asarray(inputs[_SAMPLED], dtype=float).reshape(-1, 1)

    def _evaluate_for_shape(self):
        return np.nan

    def to_json(self):
        return {"name": self.name, "domains": self.domains}

    @classmethod
    def _from_json(cls, snippet):
        return cls()


def _leaves(symbol):
    return [s for s in symbol.pre_order() if not s.children]


class _HostOCP:
    """The host's homogeneous OCP ``U_h`` (substituted: of :class:`SampledLiContent`, numbers, inputs, time) over its
    window 0 .. ``x_max``, read where :class:`GradientEnergyCheck` samples and zooms."""

    def __init__(self, x_max, U_h):
        self.x_max, self.U_h = x_max, U_h

    def checkable(self):
        """Whether it is made of numbers, inputs and time (not the model's state) besides the sampled content."""
        return _checkable(self.x_max) and all(isinstance(s, _CHECKABLE_LEAVES + (SampledLiContent,))
                                              for s in _leaves(self.U_h))

    def is_constant(self):
        return all(isinstance(s, (pybamm.Scalar, pybamm.Array, SampledLiContent))
                   for s in _leaves(self.x_max) + _leaves(self.U_h))

    def at(self, t=None, inputs=None):
        """U_h [V] as a function of an array of Li contents, at time ``t`` with ``inputs``; its ``owner``, what its
        zoom is kept by (:func:`pybamm_aea.thermodynamics.kept_rising_stretch`, with the samples): the expressions'
        ids (PyBaMM's, of their structure and numbers: the same set's U_h in another simulation alike)."""
        def U_h(x):
            x = np.asarray(x, dtype=float).ravel()
            value = self.U_h.evaluate(t=t, inputs={**(inputs or {}), _SAMPLED: x})
            return np.broadcast_to(np.asarray(value, dtype=float).ravel(), x.shape)
        U_h.owner = (_U_H, self.U_h.id, self.x_max.id)
        return U_h

    def samples(self, t=None, inputs=None):
        """The sampled Li contents, then U_h at them (numbers): what the bound of the check holds."""
        x = float(np.asarray(self.x_max.evaluate(t=t, inputs=inputs), dtype=float).item()) * _THETA
        return np.concatenate([x, self.at(t, inputs)(x)])

    def sampled(self):
        """:meth:`samples` as a PyBaMM expression, the bound a model keeps where the check is made at solve time."""
        x = self.x_max * pybamm.Vector(_THETA)
        U_h = _per_sample(pybamm.replace(self.U_h, {SampledLiContent(): x}), SPINODAL_SAMPLES)
        return (self.x_max * pybamm.Vector(np.concatenate([_THETA, 0 * _THETA]))
                + _below(SPINODAL_SAMPLES, 0) @ U_h)


class GradientEnergyCheck(PairCheck):
    """The multi-phase host's gradient energy coefficient kappa [V.m2] (left child) in its range, and above 0 where the
    host's homogeneous OCP U_h has a spinodal (right child: the maximum Li content and U_h of the content
    (:class:`SampledLiContent`), at the model's temperature; once substituted, U_h sampled at
    :data:`SPINODAL_SAMPLES` contents and zoomed into where they show no rise,
    :func:`pybamm_aea.thermodynamics.rising_stretch`). Evaluates to kappa. Checked when parameterised or, for inputs
    (kappa, the ambient temperature, the maximum Li content), at solve time, where the model keeps the samples as the
    right child (and, as :attr:`sampler`, U_h to zoom into: a model read back from PyBaMM's JSON has the samples only).

    Why: without a gradient energy the host's flux is Fickian with D = -B dU_h/dx
    (:mod:`.submodels.host_phase_field`), negative where U_h rises with Li content: uphill diffusion, an ill-posed
    problem whose short waves grow the faster the finer the mesh. Li2021_Mo6S8 with kappa 0 (its Li0/Li1 loop rises
    over x = 0.376-0.851) at 0.1C stopped after 71 s at 2.26 V with 0.0003 mA.h, IDA stalled in time; 1e-18 V.m2 (a
    0.001 nm interface) gave 0.151 mA.h as the set's 2.5e-15 does. A host whose U_h falls everywhere (a single
    phase: TiS2, the materials of :mod:`pybamm_aea.materials`) keeps kappa 0 (its flux then Fickian and well-posed)."""

    #: the host's OCP the samples were read from, to zoom into at solve time (None: the samples only)
    sampler = None

    def __init__(self, kappa, sampled):
        super().__init__(kappa, sampled, _KAPPA, RANGES[_KAPPA])

    @classmethod
    def of(cls, kappa, x_max, T):
        """The check of ``kappa`` against the host's U_h (``FunctionParameter`` "Cathode homogeneous OCP [V]",
        unchecked: a sample may lie outside the range a state's potential has) over 0 .. ``x_max`` at ``T``."""
        U_h = pybamm.FunctionParameter(_U_H, {"Cathode Li content": SampledLiContent(), "Temperature [K]": T})
        return cls(kappa, pybamm.numpy_concatenation(x_max, U_h))

    _serialise_derived_params = frozenset({"kappa", "sampled"})  # the two children

    def _with(self, value, bound):
        copy = super()._with(value, bound)
        copy.sampler = self.sampler
        return copy

    def create_copy(self, new_children=None, perform_simplifications=True):
        kappa, bound = new_children if new_children else self.children
        if any(isinstance(s, _UNPROCESSED) for c in (kappa, bound) for s in c.pre_order()) or bound.size != 2:
            return super().create_copy(new_children, perform_simplifications)  # (not yet substituted, or sampled)
        # just substituted: the maximum Li content and U_h of the sampled content (both numbers: one vector)
        host = _HostOCP(*(bound.orphans if isinstance(bound, pybamm.NumpyConcatenation)
                          else [pybamm.Scalar(v) for v in np.asarray(bound.evaluate(), dtype=float).ravel()]))
        if not (_checkable(kappa) and host.checkable()):
            return kappa  # a function of the state: not checked
        if kappa.is_constant() and host.is_constant():
            value = _constant(kappa)
            sampled = None if np.all(np.asarray(value, dtype=float) > 0) else host.samples()  # (read for a kappa <= 0)
            self.check(value, sampled, host.at())
            return kappa  # checked: the node disappears
        checked = GradientEnergyCheck(kappa, host.sampled())  # checked at solve time
        checked.sampler = host
        return checked

    def check_at(self, value, bound, t=None, inputs=None):
        """:meth:`check`, zooming into the host's OCP at time ``t`` with ``inputs`` (:attr:`sampler`)."""
        self.check(value, bound, None if self.sampler is None else self.sampler.at(t, inputs))

    def spinodal(self, bound, resample=None):
        """:func:`pybamm_aea.thermodynamics.rising_stretch` of the samples ``bound`` (zoomed by ``resample``, U_h at
        any contents, :meth:`_HostOCP.at`), kept for U_h and the samples
        (:func:`pybamm_aea.thermodynamics.kept_rising_stretch`: a kappa input checked at each step of an experiment
        zooms once, a temperature that varies in time once a temperature, in this simulation and the next of the
        set)."""
        sampled = np.asarray(bound, dtype=float).ravel()
        return kept_rising_stretch(None if resample is None else getattr(resample, "owner", resample),
                                   sampled[:SPINODAL_SAMPLES], sampled[SPINODAL_SAMPLES:], resample)

    def check(self, value, bound=None, resample=None):
        """Refuse a kappa of 0 where U_h, sampled in ``bound`` (the contents, then U_h at them; not read where every
        kappa is above 0) and read by ``resample`` (U_h at any contents: the zoom) where given, rises with Li
        content."""
        kappas = [float(kappa) for kappa in np.unique(np.asarray(value, dtype=float).ravel())]
        for kappa in kappas:
            check_value(_KAPPA, kappa)  # (its range first: a negative kappa, a NaN)
        found = self.spinodal(bound, resample) if any(not kappa > 0 for kappa in kappas) else None
        for kappa in kappas:
            if found is not None and not kappa > 0:
                lo, hi = found.ends_said(4)
                raise ValueError(
                    f"'{_KAPPA}' = {kappa!r} is refused for this host: its free energy has a spinodal, its "
                    f"homogeneous OCP '{_U_H}' rising with Li content from x = {lo} to {hi} (by "
                    f"{found.rise * 1e3:.4g} mV), where a homogeneous host is unstable and separates into two phases. "
                    "Without a gradient energy the multi-phase host's flux is Fickian with the diffusivity -B dU_h/dx, "
                    "negative there: uphill diffusion, an ill-posed problem (Li2021_Mo6S8 at 0.1C stopped after 71 s "
                    "with 0.0003 mA.h). Give it above 0 (Li2021_Mo6S8: 2.5e-15 V.m2, an interface ~50 nm wide, "
                    "sqrt(kappa / |dU_h/dx|)), or take the lever-rule host ({'host thermodynamics': 'lever rule'}), "
                    "which reads no gradient energy")


_LI0 = "Li0 phase binodal Li content"
_LI1 = "Li1 phase binodal Li content"
#: midpoints over the Li0/Li1 region at which the host's OCP is averaged for the equal-area rule (:class:`BinodalCheck`)
BINODAL_SAMPLES = 2000
#: how far apart [V] the host's OCP at the two binodals, and its mean between them and their potential, may be: 1 mV,
#: 0.0005 Li off Mo6S8's Li1 binodal (its OCP falls 2 V per Li there); the sets' own agree to round-off
BINODAL_TOLERANCE = 1e-3


class BinodalCheck(PairCheck):
    """"Li1 phase binodal Li content" (left child) checked with "Li0 phase binodal Li content" against the host's free
    energy (right child: [1 if the host has a Li0/Li1 region (Li1 above 0) else 0, the Li0 binodal, then the host's
    OCP U_h at the two binodals and at :data:`BINODAL_SAMPLES` midpoints between them]). Evaluates to the Li1 binodal.

    The two are the ends of the free energy's first two-phase region, its common tangent: U_h is one potential U* at
    both and its mean between them is U* (equal areas, Maxwell). The model reads them (the Li0 layer and its current,
    the Li0 mobility factor's window, the isolated host's content, the switch checks' gap middle) beside U_h, which
    has them in its construction (:func:`pybamm_aea.thermodynamics.li0_phase_parameters`): one fact in two places.
    Li2021_Mo6S8 with the Li1 binodal 0.5 (its free energy's 0.97) ran without a word (trial TR, session 59); a pair off
    the common tangent by more than :data:`BINODAL_TOLERANCE` is refused naming both values and the potentials. A host
    without the region (Li1 at or below 0: TiS2, the materials) is not compared."""

    def __init__(self, x_li1, sampled):
        super().__init__(x_li1, sampled, _LI1, RANGES[_LI1])

    @classmethod
    def of(cls, x_li0, x_li1, x_max, T):
        """The check of the binodals ``x_li0`` and ``x_li1`` against the host's U_h (``FunctionParameter`` "Cathode
        homogeneous OCP [V]", unchecked) at ``T``; where Li1 is at or below 0, U_h is sampled inside 0 .. ``x_max``
        instead (not compared: no NaN of a logarithm at -1 Li)."""
        has = x_li1 > 0
        lo = x_li0 * has + (1 - has) * x_max / 4
        hi = x_li1 * has + (1 - has) * x_max * 3 / 4
        s = np.concatenate([[0.0, 1.0], (np.arange(BINODAL_SAMPLES) + 0.5) / BINODAL_SAMPLES])  # (the two, between)
        x = lo * pybamm.Vector(1 - s) + hi * pybamm.Vector(s)
        U_h = pybamm.FunctionParameter(_U_H, {"Cathode Li content": x, "Temperature [K]": T})
        U_h = _per_sample(U_h, s.size)
        head = np.zeros(s.size + 2)
        return cls(x_li1, has * pybamm.Vector(np.eye(1, head.size, 0).ravel()) + x_li0 * pybamm.Vector(
            np.eye(1, head.size, 1).ravel()) + _below(s.size, 2) @ U_h)

    _serialise_derived_params = frozenset({"x_li1", "sampled"})  # the two children

    def check(self, value, bound=None):
        sampled = np.asarray(bound, dtype=float).ravel()
        has, x_li0, U_lo, U_hi, U_mean = sampled[0], sampled[1], sampled[2], sampled[3], float(np.mean(sampled[4:]))
        for x_li1 in np.unique(np.asarray(value, dtype=float).ravel()):
            check_value(_LI1, float(x_li1))  # (the ranges first: a NaN; Li0 past Li1, the region turned over)
            check_value(_LI0, float(x_li0), float(x_li1))
            tangent = (U_lo + U_hi) / 2
            if has > 0 and not (abs(U_hi - U_lo) <= BINODAL_TOLERANCE
                                and abs(U_mean - tangent) <= BINODAL_TOLERANCE):
                raise ValueError(
                    f"'{_LI0}' = {float(x_li0)!r} and '{_LI1}' = {float(x_li1)!r} are not the common tangent of the "
                    f"host's free energy: its homogeneous OCP '{_U_H}' is {U_lo:.4f} V at the one and {U_hi:.4f} V at "
                    f"the other, and averages {U_mean:.4f} V between them, where the binodals of a two-phase region "
                    f"have one potential and the OCP averages it between them (equal areas; allowed "
                    f"{BINODAL_TOLERANCE * 1e3:g} mV). They are the ends of the OCP's Li0/Li1 region, which the OCP "
                    "fixes: give them as pybamm_aea.thermodynamics.li0_phase_parameters(host) does for the host the "
                    "OCP is built on (Li2021_Mo6S8: 0.02 and 0.97), or give an OCP whose region ends there")


_X_MAX = "Cathode maximum Li content"


def check_maximum_content(values, options, inputs=None):
    """Raise ``ValueError`` when ``values`` (a mapping: a ``ParameterValues``' store) give the multi-phase host (the
    model's ``options``) a "Cathode maximum Li content" other than the window 0 .. x_max its free energy fixes: the
    "Cathode homogeneous OCP [V]" function's attribute ``x_max`` (the sets' and the materials' functions hold it;
    a user's function without it is not compared). ``inputs``: an input's value of the maximum (at solve time).

    Why refused, not honoured: the maximum is the host's Li per formula unit, a property of its free energy, which
    holds its own (Mo6S8's electron-limited Li4 end at 4, TiS2's lattice gas's pole at 1); a different number is a
    different material. Li2021_Mo6S8 with 2 took Li to x = 3.98 past it unseen (0.15095 mA.h against a 'Cathode
    capacity' of 0.07585, trial TR, session 59); TiS2 with 0.5 stopped at 0.5 on the event 'Cathode lattice gas full
    at its surface', a lattice gas half full. To use part of the window: a voltage cut-off, or the lever-rule host."""
    if (options or {}).get("host thermodynamics", "multi-phase") != "multi-phase":
        return
    given = (inputs or {}).get(_X_MAX, values.get(_X_MAX))
    U_h = values.get(_U_H)
    window = getattr(U_h, "x_max", None)
    number = plain_number(given) if np.ndim(given) == 0 else None
    if window is None or number is None or math.isclose(number, float(window), rel_tol=1e-9):
        return
    name = getattr(U_h, "__name__", repr(U_h))
    raise ValueError(
        f"'{_X_MAX}' = {number!r} is not the multi-phase host's: its free energy ('{_U_H}' = {name}) fixes the "
        f"host's window at 0 .. {float(window):g} Li per formula unit, which the host keeps whatever this says (Li "
        f"past {number:g} is taken unseen, or a lattice gas is called full where it is not). The maximum Li content "
        f"is the host's, not a window of use: give {float(window):g}, and stop at less Li with a voltage cut-off; "
        "or take the lever-rule host ({'host thermodynamics': 'lever rule'}), whose events end a step at the "
        "maximum Li content")


def checked_parameter(name):
    """``pybamm.Parameter(name)``, wrapped in a :class:`PhysicalRange` when :data:`RANGES` has the name."""
    symbol = pybamm.Parameter(name)
    rng = RANGES.get(name)
    if rng is None:
        return symbol
    bound = pybamm.Parameter(rng.high) if isinstance(rng.high, str) else pybamm.Scalar(math.nan)
    return PhysicalRange(symbol, bound, name, rng)


def checked_value(symbol, name):
    """``symbol`` (the value of a function parameter, say) wrapped in the check of ``RANGES[name]``: checked when
    it is a constant after parameterisation, and at solve time when it depends on input parameters only."""
    return PhysicalRange(symbol, pybamm.Scalar(math.nan), name, RANGES[name])


def checked_above(symbol, name, low, why):
    """``symbol`` (called ``name`` in the error) wrapped in the check ``symbol > low``, for a bound that only the
    function using the symbol knows (a material's critical temperature): checked at once when ``symbol`` is a
    constant, else when PyBaMM substitutes its value, or at solve time when it is an input, as the table's are."""
    node = PhysicalRange(symbol, pybamm.Scalar(math.nan), name, Range(float(low), None, low_open=True, why=why))
    return node.create_copy()


def checked_function(name, arguments):
    """``pybamm.FunctionParameter(name, arguments)``, its value checked against ``RANGES[name]`` (when the table
    has the name) if a user gives a number or an input for it; a function of the state is not checked."""
    symbol = pybamm.FunctionParameter(name, arguments)
    return checked_value(symbol, name) if name in RANGES else symbol


def plain_number(given):
    """``given`` as a float if it is a number (a real, a bool as PyBaMM reads it, or a ``pybamm.Scalar``), else
    None (an input, a function, an interpolant's data, an expression: not a number)."""
    if type(given) is float:  # (most values: faster than the ABC's check, which a function fails slowly)
        return given
    if callable(given):
        return None
    if isinstance(given, numbers.Real):
        return float(given)
    if isinstance(given, pybamm.Scalar):
        return float(given.value)
    return None


def _substitutable(given):
    """Whether PyBaMM's substitution takes ``given`` that is not a real number: a function, a ``pybamm.Symbol``
    (an input, an expression), a tuple (an interpolant's data) or a string; not None, a complex number, a NumPy
    array or a list, which it refuses as "Cannot process parameter '...'" without the parameter's name."""
    return callable(given) or isinstance(given, (pybamm.Symbol, tuple, str))


def _check_number(name, value, rng, values, depth=0):
    """Raise the model's check's ``ValueError`` if the number ``value`` of ``name`` is outside ``rng``; a ``high``
    naming another parameter is read from ``values`` when it is a number there (absent, an input or a function:
    the low end only). A value refused against a bound that is itself outside its own range names the bound."""
    bound = plain_number(values.get(rng.high)) if isinstance(rng.high, str) else None
    if rng.contains(value, bound):
        return
    if bound is not None and rng.high in RANGES and depth < len(RANGES):  # (the depth: a cycle of bounds)
        _check_number(rng.high, bound, RANGES[rng.high], values, depth + 1)
    # a NaN is said as the model's check of a read parameter says it (pybamm_aea.pybamm_adapter.parameter_values:
    # without the bound's value)
    raise ValueError(_message(name, value, rng, None if math.isnan(value) else bound))


def check_parameter_values(values):
    """Check every number of ``values`` (a mapping of parameter names to values: a ``pybamm.ParameterValues``'
    entries) whose name :data:`RANGES` holds, whether or not a model reads it; raise the ``ValueError`` the model's
    check of a read parameter raises ("'NAME' = value is outside its physical range ..."). With several values out
    of range, the first in the set's order is said so and the others follow in the same error ("...; also out of
    range: ..."), each said as alone, so that a user mends them in one pass.

    What :mod:`pybamm_aea.pybamm_adapter.parameter_values` calls before ``ParameterValues.process_model`` of an
    AEA model substitutes it. A number: a real or a ``pybamm.Scalar``. Not checked here: an input (``"[input]"``),
    checked at solve time
    (by the model's check where the model reads it, by its name in :func:`check_inputs` where it does not), and a
    function, an interpolant's data or an expression, which are not numbers (a function the model reads through
    :func:`checked_function` is checked where its value is a constant or made of inputs). A ``high`` naming another
    parameter is that parameter's number in ``values``; when it is absent, an input or a function, only the low end
    (and finiteness) is checked here (a read parameter's node checks its high end at solve time against an input)."""
    said = []
    for name, value in values.items():
        rng = RANGES.get(name)
        number = None if rng is None else plain_number(value)
        if number is None:
            if rng is not None and not _substitutable(value):
                said.append(f"'{name}' = {value!r} is not a value PyBaMM can substitute: give a real number, a "
                            "function, an input ('[input]') or a pybamm expression")
            continue
        try:
            _check_number(name, number, rng, values)
        except ValueError as exc:
            if str(exc) not in said:  # (two values bounded by one bad value name it once)
                said.append(str(exc))
    ratio, capacity, fraction = (plain_number(values.get(name)) for name in (_MASS_RATIO, _CAPACITY, _MASS_FRACTION))
    # numbers, each in its range, before PyBaMM substitutes them, where the cathode holds the material (a fraction
    # given as an input: the model's check, LithiationMassCheck.of, at solve time)
    if not said and None not in (ratio, capacity, fraction) and fraction != 0:
        check_lithiation_mass(ratio, capacity)
    if said:
        raise ValueError(said[0] + "".join(f"; also out of range: {more}" for more in said[1:]))


# ------------------------------------------------------------------------------------ degradation without rates
class DegradationWithoutRateWarning(UserWarning):
    """A degradation option is on but the parameter values give every rate it reads 0: it does nothing."""


def _dispersed_accessible_from_start(values):
    # the option starts the dispersed material at its "Initial dispersed material accessible fraction" (off: 1), so
    # below 1 it acts with both coefficients 0; a cathode without the material is refused by the model, with why
    # (:func:`.submodels.degradation._dispersed_li_sites`), not warned about first
    return (plain_number(values.get("Initial dispersed material accessible fraction")) == 1.0
            and plain_number(values.get("Dispersed material mass fraction")) != 0.0)


#: each degradation option's value that is on -> the rate parameters it reads (per "host thermodynamics" where they
#: differ): with every one a number 0 (and the condition beside it true) the option changes nothing
#: (:mod:`.submodels.degradation`), which :func:`warn_degradation_without_rate` says. Not "interphase growth": with
#: its growth constants 0 its films keep their "Initial interphase thickness [m]", a resistance in series, so it
#: still acts (session 46)
DEGRADATION_RATES = {
    ("Li trapping", "irreversible"): (("Li trapping fraction", "Initial Li trapping fraction"), None),
    ("ionic-switch host loss", "persistent Li0"): ({"multi-phase": ("Persistent Li0 fraction",),
                                                   "lever rule": ("Ionic-switch host loss coefficient",)}, None),
    ("dispersed material degradation", "activation and contact loss"): (
        ("Dispersed material activation coefficient", "Dispersed material contact-loss coefficient"),
        _dispersed_accessible_from_start),
}
# a model's options (id: PyBaMM's copies of a model for an experiment's steps share the object) -> (a weak reference to
# them, the options said of)
_RATES_WARNED = {}
_SETS_GIVING = {}  # rate parameter names -> the registered AEA sets whose values give one of them not 0


def _rate_names(options, option):
    names, _ = DEGRADATION_RATES[option, options[option]]
    if isinstance(names, dict):
        names = names[options["host thermodynamics"]]
    return names


def _rate_said(given):
    """A rate parameter's value as a warning says it: its number (``:g``), else what it is."""
    number = plain_number(given)
    if number is not None:
        return f"{number:g}"
    if given is None:
        return "not given"
    if isinstance(given, pybamm.InputParameter):
        return "an input"
    if isinstance(given, tuple):
        return "an interpolant's data"
    return "a function" if callable(given) else "an expression"


def _sets_giving(names):
    """The registered AEA sets (:data:`pybamm_aea.parameters.SET_FACTS`) whose values give one of ``names`` a number
    not 0 or a function, input or expression, each with those values (read once per process)."""
    if names not in _SETS_GIVING:
        from ..parameters import SET_FACTS, registered_values

        found = []
        for set_name in SET_FACTS:
            values = registered_values(set_name)
            given = [values.get(name) for name in names]
            if any(value is not None and plain_number(value) != 0.0 for value in given):
                found.append(f"{set_name} ({', '.join(_rate_said(value) for value in given)})")
        _SETS_GIVING[names] = found
    return _SETS_GIVING[names]


def _said_of(options):
    """The set of the options already warned about for the model whose options are ``options`` (a new one, held as
    long as they are, for options that take a weak reference; else a new one each time)."""
    key = id(options)
    held = _RATES_WARNED.get(key)
    if held is None or held[0]() is not options:
        try:
            ref = weakref.ref(options, lambda _, key=key: _RATES_WARNED.pop(key, None))
        except TypeError:  # (a plain dict: looked at each time)
            return set()
        held = _RATES_WARNED[key] = (ref, set())
    return held[1]


def warn_degradation_without_rate(options, values):
    """A :class:`DegradationWithoutRateWarning` for each degradation option on in ``options`` (a model's) whose rate
    parameters (:data:`DEGRADATION_RATES`) ``values`` (a mapping: a ``pybamm.ParameterValues``' store) all give as the
    number 0: the option changes nothing, a model that runs as with it off. The warning names the option, the
    parameters at 0 and the registered sets that give them (their values: what to set). Once per model (PyBaMM's
    copies of it for an experiment's steps, each parameterised with a copy of the values, share its options). A rate
    given as an input is not warned about: its value is not known here, and a user who makes a rate an input varies it
    on purpose (0 the baseline of a comparison, as a sweep's row); nor one given as a function. Called before an AEA
    model is parameterised (:mod:`pybamm_aea.pybamm_adapter.parameter_values`)."""
    said = _said_of(options)
    for option, value in options.items():
        if (option, value) not in DEGRADATION_RATES or (option, value) in said:
            continue
        names = _rate_names(options, option)
        given = [plain_number(values.get(name)) for name in names]
        condition = DEGRADATION_RATES[option, value][1]
        if any(number != 0.0 for number in given) or (condition is not None and not condition(values)):
            continue  # (None, an input or a function, is no number 0)
        said.add((option, value))
        sets = _sets_giving(names)
        gives = (f"; the registered sets that give them: {', '.join(sets)}" if sets else
                 "; no registered set gives them")
        zero = " and ".join(f"{name!r}" for name in names)
        warnings.warn(DegradationWithoutRateWarning(
            f"option {option!r}: {value!r} does nothing with these parameter values: they give {zero} 0, so the model "
            f"runs as with the option off. Set {'them' if len(names) > 1 else 'it'} above 0 to model the mechanism"
            f"{gives}"), stacklevel=users_stacklevel())


def in_range(symbol, *_ignored, **_ignored_kw):
    """Wrap a parameter symbol in its check from :data:`RANGES` (the bounds come from the table: arguments after
    the symbol are accepted for compatibility and ignored)."""
    return checked_parameter(symbol.name) if isinstance(symbol, pybamm.Parameter) else symbol


# ------------------------------------------------------------------------------------------------ solve time
_MODEL_CHECKS = weakref.WeakKeyDictionary()  # discretised model -> its input-dependent PhysicalRange nodes


def _input_checks(model):
    """The distinct input-dependent :class:`PhysicalRange` nodes of a model (found once per model)."""
    try:
        return _MODEL_CHECKS[model]
    except (KeyError, TypeError):
        pass
    roots = []
    for attr in ("concatenated_rhs", "concatenated_algebraic", "concatenated_initial_conditions"):
        expr = getattr(model, attr, None)
        if isinstance(expr, pybamm.Symbol):
            roots.append(expr)
    roots += [e.expression for e in getattr(model, "events", [])]
    for attr in ("rhs", "algebraic", "initial_conditions"):
        roots += list(getattr(model, attr, {}).values())
    roots += [v for v in getattr(model, "variables", {}).values() if isinstance(v, pybamm.Symbol)]
    seen, found = set(), {}
    stack = list(roots)
    while stack:
        s = stack.pop()
        if id(s) in seen:
            continue
        seen.add(id(s))
        if isinstance(s, PhysicalRange):
            if not any(isinstance(c, _UNPROCESSED) for c in s.pre_order()):  # skip unprocessed variables
                found.setdefault((s.parameter_name, s.left, s.right), s)
            continue
        stack.extend(s.children)
    # the smallest expressions first, so that an input is named by its own range (a NaN temperature was named as the
    # NaN OCP it gave, checked before the temperature) rather than by a parameter it runs into
    # (the checks of the host's sampled OCP last: a temperature below a regular solution's critical one is named by
    # that bound, not as the spinodal the OCP then has, GradientEnergyCheck)
    checks = tuple(sorted(found.values(), key=lambda node: (isinstance(node, (GradientEnergyCheck, BinodalCheck)),
                                                            sum(1 for _ in node.left.pre_order()))))
    try:
        _MODEL_CHECKS[model] = checks
    except TypeError:
        pass
    return checks


def _varies_in_time(node):
    # (the bound too: a host's OCP sampled at an ambient temperature that varies in time, GradientEnergyCheck)
    return any(isinstance(s, pybamm.Time) for child in node.children for s in child.pre_order())


#: what an input's value may not be: None, text, a complex number (PyBaMM's evaluation fails deep inside on them, an
#: AttributeError or IndexError), a list or tuple (PyBaMM's solver splits it into one input per element, "NAME (0)",
#: ..., then says no value was given for NAME), a ``casadi.DM`` (PyBaMM 26.10 solves with it, then fails to read any
#: variable of the solution, "unsupported operand type(s) for +: 'int' and 'method'" from ``Solution``'s
#: ``sum(v.size ...)``, for a solve and an experiment alike; measured session 34). A real number, which
#: ``numbers.Complex`` also holds, is not refused
_REFUSED_INPUT_TYPES = (type(None), str, bytes, list, tuple, numbers.Complex, casadi.DM)


def check_input_value(name, value):
    """Raise ``ValueError`` naming an input of the model whose value is of a refused type
    (:data:`_REFUSED_INPUT_TYPES`), a truth value (a bool, ``numpy.bool_`` or an array of them: PyBaMM reads True as
    1 and False as 0, so ``"Cathode porosity": False`` solved a porosity of 0 without a word; ``numpy.True_`` was
    an IndexError from inside PyBaMM), or a numpy array that is 0-d or not of numbers (PyBaMM's evaluation fails on
    them deep inside). A real number and a numeric array of one or more dimensions pass; any other type is left to
    PyBaMM."""
    prefix = f"input {name!r} must be a real number or a numpy array of them, got {value!r}"
    if isinstance(value, (bool, np.bool_)) or (isinstance(value, np.ndarray) and value.dtype.kind == "b"):
        raise ValueError(f"{prefix}, a truth value, not a number (PyBaMM would read True as 1 and False as 0): give "
                         "the number you mean")
    if isinstance(value, np.ndarray):
        if zero_d_number(value):  # (the number it holds everywhere else, but PyBaMM sizes an input by its shape[0])
            raise ValueError(f"{prefix}, {ZERO_D_INPUT}")
        refused = value.dtype.kind not in "iuf"
    else:
        refused = isinstance(value, _REFUSED_INPUT_TYPES) and not isinstance(value, numbers.Real)
    if refused:
        package = type(value).__module__.partition(".")[0]  # (casadi.casadi.DM is casadi.DM to a user)
        kind = type(value).__qualname__ if package == "builtins" else f"{package}.{type(value).__qualname__}"
        raise ValueError(f"{prefix}, a {kind}")


def _check_bound(rng, bound):
    """Raise the ``ValueError`` of the parameter bounding ``rng`` (its ``high``, a name) if its value ``bound`` is
    outside that parameter's own range, as :func:`_check_number` does for parameter values: an input maximum of -0.5
    is named, not the initial value it bounds."""
    if isinstance(rng.high, str) and rng.high in RANGES and bound is not None and np.size(bound) == 1:
        value = float(np.asarray(bound, dtype=float).item())
        if not math.isnan(value):
            check_value(rng.high, value)


def check_inputs(model, inputs, times=None):
    """Check the input parameters ``inputs`` (a dict, or a list of dicts) against the ranges of ``model``.

    Raises ``ValueError`` naming the parameter and its value (and, for a list, the index of the input set).
    An input the model's equations do not hold (one that shapes only output variables, which PyBaMM
    processes when they are read) is checked against :data:`RANGES` by its name, with its bound when
    the bound is an input too. A value that is a function of time (an ambient temperature profile) is
    checked at ``times`` [s] (what the solver integrates over: its start, end and 100 points between).
    """
    checks = _input_checks(model)
    if inputs is None and not checks and not _input_cut_offs(model):  # (a solve without inputs: nothing to do)
        return
    given_times = times  # (a cut-off that is an expression of the time: at 100 times across them)
    in_equations = {node.parameter_name for node in checks}  # each checked where it is used
    # the times a profile is checked at, sampled only when a checked value varies in time
    timed = {id(node) for node in checks if _varies_in_time(node)}
    # (the input set passed last for this model, checked at no time, passes again: the checks read only the model and
    # the set, PyBaMM's own start time by its type where no check reads its number)
    by_type = key = None
    if not timed and not _cut_offs_of_time(model):
        try:
            by_type, passed = _INPUTS_PASSED.get(model, (None, None))
        except TypeError:  # (a model that takes no weak reference: checked each time)
            by_type, passed = None, None
        by_type = _read_by_type(model, checks) if by_type is None else by_type
        key = input_set_key(inputs, by_type)
        if key is not None and key == passed:
            return
    if timed and times is not None:
        times = np.asarray(times, dtype=float).ravel()
        times = np.linspace(times.min(), times.max(), 100) if times.size else times
    batch = isinstance(inputs, (list, tuple))
    read = {p.name for p in model.input_parameters} if inputs else ()  # (PyBaMM caches them on the model)
    for i, one in enumerate(inputs if batch else [inputs]):
        one = dict(one or {})
        try:
            for name in read & one.keys():  # (a key the model does not read is warned about, not checked)
                check_input_value(name, one[name])
            for node in checks:
                at = [None] if id(node) not in timed else [] if times is None else times
                for t in at:
                    try:
                        value = node.left.evaluate(t=t, inputs=one)
                        bound = node.right.evaluate(t=t, inputs=one)
                    except KeyError:  # an input not given: PyBaMM reports it
                        break
                    try:
                        node.check_at(value, bound, t, one)
                    except ValueError as exc:
                        _check_bound(node.range, bound)  # a bound outside its own range is named itself
                        where = _from_inputs(exc, _inputs_of(*node.children) - {node.parameter_name}, one)
                        raise ValueError(f"{exc}{'' if t is None else f' at t = {t:g} s'}{where}") from None
            for name, value in one.items():
                rng = RANGES.get(name)
                if rng is not None and name not in in_equations and np.ndim(value) == 0:
                    bound = one.get(rng.high) if isinstance(rng.high, str) else None
                    if bound is not None and np.size(bound) == 1:  # (an input given as a one-element array)
                        bound = float(np.asarray(bound, dtype=float).item())
                    check_value(name, value, bound)
            if _X_MAX in one and parameter_values_of(model) is not None:  # (the free energy's window, by name)
                check_maximum_content(parameter_values_of(model), getattr(model, "options", None), one)
            binodal_inputs = _binodal_inputs(model)
            if binodal_inputs & one.keys() and not {_LI0, _LI1} & in_equations:  # (read in output variables only)
                _check_binodal_inputs(model, one, binodal_inputs)
            _check_input_cut_offs(model, one, given_times)  # (past an OCP table's end: after their ranges)
        except ValueError as exc:
            raise ValueError(f"input set {i}: {exc}" if batch else str(exc)) from None
    if key is not None:
        try:
            _INPUTS_PASSED[model] = (by_type, key)
        except TypeError:  # (a model that takes no weak reference: checked each time)
            pass


#: discretised model -> (the names :func:`_read_by_type`, the :func:`input_set_key` of the last input set
#: :func:`check_inputs` passed for it): checked again, the same set passes without its checks (an experiment's steps,
#: each given the user's inputs and PyBaMM's start time: 400 checks of a 100-cycle C/10 LMS run; with
#: :data:`_MEASURED_RANGES`, the per-step checks took 0.060 -> 0.044 s of CPU, medians of 5, session 63); another set,
#: or another model, is checked
_INPUTS_PASSED = weakref.WeakKeyDictionary()


def _read_by_type(model, checks):
    """The inputs PyBaMM gives a solver itself (:data:`PYBAMM_INPUTS`: an experiment step's start time, new at each
    step) whose number no check of ``model`` (its input ``checks``, :func:`_input_checks`) reads: only their type is
    (:func:`check_input_value`). None of them where a check zooms into the host's OCP at the inputs
    (:class:`GradientEnergyCheck`, which may read any)."""
    if any(isinstance(node, GradientEnergyCheck) for node in checks):
        return frozenset()
    read = _inputs_of(*(child for node in checks for child in node.children)) | _binodal_inputs(model)
    read |= {given for _, given, *_ in _input_cut_offs(model)} | {_X_MAX}
    return frozenset(PYBAMM_INPUTS - read)


def input_set_key(inputs, by_type=frozenset()):
    """A hashable record of the input set ``inputs`` (a dict, or None), equal for two sets only if every check of them
    gives the same outcome: each name with its value's type and number (1 and 1.0 and True apart), or a numpy array's
    type, dtype, shape and bytes; a name of ``by_type`` given no array with its type alone (:func:`_read_by_type`:
    PyBaMM's start time, a numpy float); None (not recorded) for a list of sets or a value of another kind."""
    if inputs is not None and not isinstance(inputs, dict):
        return None
    key = []
    for name, value in (inputs or {}).items():
        if name in by_type and not isinstance(value, np.ndarray):  # (check_input_value reads its type alone)
            key.append((name, type(value)))
        elif type(value) in (int, float) or isinstance(value, np.generic):
            key.append((name, type(value), value.item() if isinstance(value, np.generic) else value))
        elif type(value) is np.ndarray:
            key.append((name, type(value), value.dtype.str, value.shape, value.tobytes()))
        else:
            return None
    return tuple(sorted(key, key=lambda entry: repr(entry[0])))


def _cut_offs_of_time(model):
    """True if a voltage cut-off of ``model``'s values is an expression of the time (:func:`_input_cut_offs`):
    checked at a solve's times, which its input set alone does not give."""
    return any(isinstance(given, pybamm.Symbol) for _, given, *_ in _input_cut_offs(model))


def _inputs_of(*symbols):
    """The names of the input parameters in ``symbols``."""
    return {s.name for symbol in symbols for s in symbol.pre_order() if isinstance(s, pybamm.InputParameter)}


def _from_inputs(said, names, inputs):
    """"; from the input 'NAME' = VALUE" for each of ``names`` given in ``inputs`` that the error ``said`` does not
    name: the input a refused value came from (a binodal given as ``pybamm.InputParameter("x1")``)."""
    return "".join(f"; from the input {name!r} = {inputs[name]!r}" for name in sorted(names)
                   if name in inputs and f"'{name}'" not in str(said))


def _binodal_inputs(model):
    """The names of the inputs the values ``model`` was processed with give the Li0 and Li1 binodals by (their own
    names for "[input]", another's for ``pybamm.InputParameter("x1")`` or an expression of it); none where the
    values are not known (a model read back from PyBaMM's JSON)."""
    values = parameter_values_of(model)
    if values is None:
        return set()
    return _inputs_of(*(values[name] for name in (_LI0, _LI1)
                        if name in values.keys() and isinstance(values[name], pybamm.Symbol)))


def _check_binodal_inputs(model, inputs, names=frozenset()):
    """:class:`BinodalCheck` of the Li0 and Li1 binodals where one is given by an input (``inputs``; ``names``: those
    that give them, :func:`_binodal_inputs`, named in the error) that the model reads only in output variables (the
    Li0 layer's, with the Li0 mobility factor 1 and no persistent Li0), which PyBaMM processes when they are read:
    built on the values ``model`` was processed with and evaluated at t = 0."""
    values = parameter_values_of(model)
    if values is None or _U_H not in values.keys():
        return
    T = pybamm.FunctionParameter("Ambient temperature [K]", {
        "Distance across electrode width [m]": pybamm.Scalar(0),
        "Distance across electrode height [m]": pybamm.Scalar(0), "Time [s]": pybamm.t})
    node = values.process_symbol(BinodalCheck.of(pybamm.Parameter(_LI0), pybamm.Parameter(_LI1),
                                                 pybamm.Parameter("Cathode maximum Li content"), T))
    if isinstance(node, BinodalCheck):  # (else checked, all numbers, as it was processed)
        try:
            node.check(node.left.evaluate(t=0.0, inputs=inputs), node.right.evaluate(t=0.0, inputs=inputs))
        except ValueError as exc:
            raise ValueError(f"{exc}{_from_inputs(exc, names, inputs)}") from None


def factor_of(name):
    """The name of the scalar factor that multiplies the parameter ``name`` where the model evaluates it
    (:func:`pybamm_aea.parameters.paper_cell.fitting_factors`: "Cathode Li diffusivity [m2.s-1]" -> "Cathode Li
    diffusivity factor"), whether or not a set has one."""
    return name.rsplit(" [", 1)[0] + " factor"


_READ_INPUTS = weakref.WeakKeyDictionary()  # discretised model -> the names of the inputs it reads


def read_input_names(model):
    """The names of the input parameters ``model`` (discretised) reads: those of its equations, boundary conditions
    and events (PyBaMM's ``required_input_parameters``), and those its variables read, which PyBaMM processes only
    when a solution reads them (a parameter named there whose value is or holds the input). PyBaMM 26 counts every
    input of the parameter values as an input of the model (``model.input_parameters``), read or not: the multi-phase
    host given ``"Cathode Li diffusivity [m2.s-1]": "[input]"`` (the lever-rule host's) listed it, and a solve at any
    value of it ran as the set's, without a word. Found once per model (5 ms for the LMS model's 173 variables)."""
    try:
        return _READ_INPUTS[model]
    except (KeyError, TypeError):
        pass
    names = {p.name for p in model.required_input_parameters}
    values = parameter_values_of(model)
    kinds = (pybamm.InputParameter, pybamm.Parameter, pybamm.FunctionParameter)
    for symbol in pybamm.SymbolUnpacker(kinds).unpack_list_of_symbols(
            v for v in model.variables.values() if isinstance(v, pybamm.Symbol)):
        names.add(symbol.name)  # (an input, or a parameter given as one under its own name)
        given = None if values is None or isinstance(symbol, pybamm.InputParameter) else values.get(symbol.name)
        if isinstance(given, pybamm.Symbol):  # (an input under another name: values[T] = pybamm.InputParameter("T"))
            names |= {s.name for s in given.pre_order() if isinstance(s, pybamm.InputParameter)}
    names = frozenset(names & {p.name for p in model.input_parameters})  # (the inputs among the names)
    try:
        _READ_INPUTS[model] = names
    except TypeError:
        pass
    return names


_ACTING_FACTORS = weakref.WeakKeyDictionary()  # parameterised model -> the factors that act on it


def acting_factors(model):
    """The names of the scalar factors (:meth:`pybamm_aea.models.parameters.AEAParameters._factor`) that act on
    ``model`` (an AEA model, parameterised): each one a function of state its build called reads, where a condition
    of its acting holds with the model's parameter values (one that reads an input may hold: kept). The Li0 factor
    acts on a host with a Li0 window above zero Li or a Li0 film that forms; on TiS2, LiCoO2 or any host of one phase
    it multiplies the mobility of a window below zero Li, or a film that never forms: not listed. Empty for a model
    without that record (PyBaMM's, or one read back from PyBaMM's JSON) or not parameterised."""
    try:
        return _ACTING_FACTORS[model]
    except (KeyError, TypeError):
        pass
    conditions = getattr(getattr(model, "param", None), "factor_conditions", None) or {}
    values = parameter_values_of(model)
    acting = set()
    for name, whens in conditions.items() if values is not None else ():
        for when in whens:
            try:
                holds = bool(when) if not isinstance(when, pybamm.Symbol) else bool(
                    values.process_symbol(when).evaluate())
            except Exception:  # (an input among its parameters: it may hold)
                holds = True
            if holds:
                acting.add(name)
                break
    acting = frozenset(acting)
    try:
        _ACTING_FACTORS[model] = acting
    except TypeError:
        pass
    return acting


def _input_names(inputs):
    """The keys of ``inputs`` (a dict, a list of dicts or None)."""
    return {k for one in (inputs if isinstance(inputs, (list, tuple)) else [inputs or {}]) for k in (one or {})}


def warn_unknown_inputs(model, inputs, known=None, of="the model", whose="its", hidden=frozenset(), stacklevel=None,
                        declared=frozenset(), acting=frozenset(), parameters=()):
    """UserWarning naming each key of ``inputs`` (a dict or a list of dicts) that is no input parameter of
    ``model`` (a typo such as "Cathode porsity" PyBaMM ignores), with close names among the model's inputs, else
    among its parameters (``parameters``; the model's values' names when ``model`` is given): "did you mean
    'Cathode porosity'?", a parameter to give as "[input]" to vary it (until session 61 the typo was said with the
    model's inputs only, none of them close). An input of the parameter values that no equation reads says so; the
    lever-rule host's "Cathode Li diffusivity [m2.s-1]" on the multi-phase host names the factor that scales that
    host's transport. ``known``: the input names to compare with instead of the model's (``of`` and ``whose`` say
    whose), as :meth:`ExperimentInputNames.warn` does for all the step models of an experiment, with their
    ``declared`` inputs (of the values, read by none), ``acting`` factors (:func:`acting_factors`) and
    ``parameters``. ``hidden``: names among ``known`` that are no warning but are not shown to the user (the inputs
    PyBaMM gives an experiment's steps itself)."""
    if not inputs:
        return
    keys = _input_names(inputs)
    if known is None:
        known = read_input_names(model)
        declared = {p.name for p in model.input_parameters} - known  # (PyBaMM caches them on the model)
        acting = acting_factors(model)
        values = parameter_values_of(model)
        parameters = values.keys() if values is not None else ()
    shown = sorted(set(known) - set(hidden), key=str)
    for name in sorted(keys - known - PYBAMM_INPUTS, key=str):
        if name in declared:
            factor = factor_of(name)
            why = (f" (another host's: this one's {factor!r} scales the same transport; vary that instead)"
                   if factor in acting else " (a parameter of the AEA model that its options do not use)"
                   if name in RANGES else "")
            warnings.warn(f"input {name!r} is an input of the parameter values, but no equation or variable of {of} "
                          f"reads it, so it has no effect{why}", UserWarning, stacklevel=_at_user(stacklevel))
            continue
        close = close_names(name, shown)
        if not close:
            close = close_names(name, sorted(set(parameters) - set(known), key=str), cutoff=0.8)
            hint = (f"; did you mean {close}? (a parameter, not an input: give it the value \"[input]\" in the "
                    f"parameter values to vary it at solve time; {whose} inputs: {shown or 'none'})" if close
                    else f" ({whose} inputs: {shown or 'none'})")
            warnings.warn(f"input {name!r} is not an input parameter of {of}, so it has no effect{hint}", UserWarning,
                          stacklevel=_at_user(stacklevel))
            continue
        warnings.warn(f"input {name!r} is not an input parameter of {of}, so it has no effect; did you mean {close}?",
                      UserWarning, stacklevel=_at_user(stacklevel))


def refuse_misspelt_inputs(model, inputs, known=None, internal=frozenset()):
    """``ValueError`` before a solve of ``model`` that would fail on an input it needs and ``inputs`` (a dict or a list
    of dicts) lack while they give a key no model reads: the key, the close names (:func:`close_names`) and the input
    given no value. PyBaMM's "No value provided for input: ['Cathode porosity']" named neither the key
    "Cathode porsity" nor its likeness (session 53). ``known``: the inputs of all the experiment's step models
    (:class:`ExperimentInputNames`), else ``model``'s; ``internal``: the inputs PyBaMM gives the steps itself."""
    if not inputs:
        return
    internal = frozenset(internal) | PYBAMM_INPUTS
    known = set(read_input_names(model) if known is None else known) - internal
    needed = {p.name for p in model.required_input_parameters} - internal
    batch = isinstance(inputs, (list, tuple))
    for i, one in enumerate(inputs if batch else [inputs]):
        one = dict(one or {})
        missing, unknown = sorted(needed - one.keys()), sorted(one.keys() - known - internal, key=str)
        if not (missing and unknown):
            continue
        closes = {name: close_names(name, sorted(known)) for name in unknown}
        typed = "; ".join(f"{name!r}" + (f" (did you mean {' or '.join(map(repr, close))}?)" if close else "")
                          for name, close in closes.items())
        # (under its name only where a key given is like it: 'Ambient temperature [K]' is no 'Cathode porosity', R23)
        like = any(set(close) & set(missing) for close in closes.values())
        raise ValueError(f"{'input set ' + str(i) + ': ' if batch else ''}input {typed} is not an input parameter "
                         f"of the model, and its input {', '.join(map(repr, missing))} is given no value: "
                         + ("give it under its name" if like else "give it one"))


class ExperimentInputNames:
    """The check of input names over all the step models of one experiment solve.

    ``pybamm.Simulation`` builds one model per distinct step (a step whose current is
    ``pybamm.InputParameter("I2")`` has the input "I2", the others none) and hands each step its own model on its
    own copy of the solver: checked per step, an input only a later step reads was warned about at the earlier steps
    as having no effect, and a typo once per step. :mod:`pybamm_aea.pybamm_adapter.experiment_inputs` gives the step
    solvers of each ``Simulation.solve`` one of these
    (:attr:`~pybamm_aea.models.start_advice.CheckedIDAKLUSolver.experiment_inputs`), made from every step model
    the simulation built (run or not): :meth:`warn` names each input none of them reads, once for the solve, with
    close names among all their inputs. A typo of a parameter (:func:`warn_unknown_parameters`) is likewise named
    once (:attr:`parameters_warned`), and an ambient temperature outside the measured ones
    (:func:`warn_outside_measured_temperatures`, :attr:`temperatures_warned`: it was named once per step model, twice
    for LTO-LMS at 25 C cycled). ``internal``: the inputs ``pybamm.Simulation`` gives each step itself (read
    from PyBaMM by the hook), which the step models may read but the user does not give: not shown among the close
    names or the step models' inputs (with ``experiment_model_mode="unified"`` the warning listed "Experiment step
    index" and "Experiment step value", and "Ambient temperature [K]", which PyBaMM refuses as an input of an
    experiment, as "its inputs")."""

    def __init__(self, step_models, internal=()):
        models = list({id(model): model for model in step_models}.values())  # (a model once, however many steps)
        self.known = {n for m in models for n in read_input_names(m)}  # the inputs some step model reads
        # the inputs of the values none reads, the factors acting on one, the parameters (warn_unknown_inputs)
        self.declared = {p.name for m in models for p in m.input_parameters} - self.known
        self.acting = frozenset().union(*(acting_factors(m) for m in models))
        self.parameters = {n for m in models for n in getattr(parameter_values_of(m), "keys", tuple)()}
        self.internal = frozenset(internal) | PYBAMM_INPUTS  # PyBaMM's own inputs: known, never shown
        self.of, self.whose = (("the experiment's step model", "its") if len(models) == 1 else
                               (f"any of the experiment's {len(models)} step models", "their"))
        self.warned = set()  # the input names looked at (each warned about once)
        self.parameters_warned = set()  # the parameter names warn_unknown_parameters named
        self.temperatures_warned = set()  # the temperatures [K] warn_outside_measured_temperatures named
        self.steps_skipped_warned = set()  # the later steps LaterStepSkippedWarning named (start_advice)

    def warn(self, inputs, stacklevel=None):
        """Warn about each name of ``inputs`` no step model reads, unless already looked at in this solve;
        ``stacklevel`` as :func:`warnings.warn`'s, counted from the caller (None: the user's line, :func:`_at_user`)."""
        names = _input_names(inputs) - self.warned
        self.warned |= names
        warn_unknown_inputs(None, dict.fromkeys(names), known=self.known, of=self.of, whose=self.whose,
                            hidden=self.internal, stacklevel=None if stacklevel is None else stacklevel + 2,
                            declared=self.declared, acting=self.acting, parameters=self.parameters)


_PARAMETERS_CHECKED = weakref.WeakKeyDictionary()  # discretised model -> the parameter names already looked at


#: the parameters of the lumped thermal option ("thermal": "lumped", :mod:`pybamm_aea.models.submodels.lumped_thermal`),
#: which the isothermal model does not read
LUMPED_THERMAL = ("Initial temperature [K]", "Cell heat capacity [J.K-1.m-2]",
                  "Total heat transfer coefficient [W.m-2.K-1]")


class ThermalParametersIgnoredWarning(UserWarning):
    """Parameters of PyBaMM's thermal submodels (:func:`pybamm_thermal_parameter_names`) set on an AEA set: the model
    reads none of them (the isothermal one, at its "Ambient temperature [K]"; the lumped one reads only
    :data:`LUMPED_THERMAL`)."""

    @classmethod
    def of(cls, names, values, thermal="isothermal"):
        """The warning naming each of ``names`` (with its value where a number) and, for the ``thermal`` option
        "isothermal", the values' ambient temperature."""
        given = ", ".join(f"{name!r}" + (f" = {values[name]!r}" if isinstance(values[name], numbers.Number) else "")
                          for name in names)
        if thermal == "lumped":
            return cls(f"{given}: PyBaMM thermal parameters, which the AEA model does not read: its lumped thermal "
                       f"option reads only {', '.join(repr(name) for name in LUMPED_THERMAL)}, so they have no "
                       "effect (docs/known_limits.rst, \"Temperature: the OCPs' entropy and the heat\")")
        ambient = values.get("Ambient temperature [K]")
        at = (f" = {ambient:g} K ({ambient - zero_Celsius:.4g} C)" if isinstance(ambient, numbers.Number) else "")
        return cls(f"{given}: PyBaMM thermal parameters, which the AEA model does not read: it is isothermal at its "
                   f"'Ambient temperature [K]'{at}, so they have no effect; its dissipated heat is "
                   "\"Irreversible heat [W]\" (docs/known_limits.rst, \"Temperature: the OCPs' entropy and the heat\")")


@functools.cache
def pybamm_thermal_parameter_names():
    """The names of the parameters PyBaMM's thermal submodels read, read from PyBaMM, not typed: every
    ``pybamm.Parameter`` and ``pybamm.FunctionParameter`` of ``pybamm.ThermalParameters`` (its attributes and its
    methods of T or position, for the cell and each domain) and each electrode's ``dUdT`` (the OCP entropic change,
    of ``pybamm.LithiumIonParameters``), less those of ``pybamm.GeometricParameters`` (the thicknesses) and those the
    AEA model reads (:data:`RANGES`: the ambient and reference temperatures). Public PyBaMM classes only: 38 names
    with PyBaMM 26.10 (heat transfer coefficients, heat capacities, densities, thermal conductivities, the initial
    temperature, the entropic changes)."""
    def read(obj):
        found = set()
        for attr in dir(obj):
            if attr.startswith("_") or attr in ("main_param", "geo", "domain_params", "options", "domain",
                                                "domain_Domain", "set_phase_name"):
                continue
            value = getattr(obj, attr, None)
            if inspect.ismethod(value):
                value = value(*[pybamm.Scalar(1.0)] * len(inspect.signature(value).parameters))
            if isinstance(value, pybamm.Symbol):
                found |= {node.name for node in value.pre_order()
                          if isinstance(node, (pybamm.Parameter, pybamm.FunctionParameter))}
        return found

    def read_all(params):
        return read(params).union(*(read(params.domain_params[domain]) for domain in params.domain_params))

    thermal = read_all(pybamm.ThermalParameters())
    electrodes = pybamm.LithiumIonParameters()
    for domain in (electrodes.n, electrodes.p):
        thermal |= {node.name for node in domain.prim.dUdT(pybamm.Scalar(0.5)).pre_order()
                    if isinstance(node, pybamm.FunctionParameter)}
    return frozenset(thermal - read_all(pybamm.GeometricParameters()) - (RANGES.keys() - set(LUMPED_THERMAL)))


def warn_unknown_parameters(model, warned=None):
    """UserWarning naming each parameter of the values ``model`` was parameterised with (PyBaMM keeps them on
    ``model.symbol_processor``) that no AEA model reads but whose name is close to one of :data:`RANGES`, which
    holds every parameter of the AEA sets: a typo such as ``values["Cathode porsity"] = 0.2``, which PyBaMM
    accepts and ignores, so the cell ran at the set's porosity. A name far from every AEA parameter (a user's
    own, read by a function of theirs) is not warned about. An input of the sweep (:data:`SWEEP_ONLY_INPUTS`,
    e.g. ``values["S8 mass fraction"] = 0.45``) is warned about as one. Looked at once per model; a name in
    ``warned`` (a set, which gets each name warned about) is not warned about again (an experiment's steps). Values
    that are not an AEA set (:func:`~pybamm_aea.parameters.is_aea_set`: PyBaMM's SPM with Chen2020 on the AEA solver
    was told "'Negative electrode conductivity [S.m-1]' = 215.0 is not a parameter of the AEA model": review R25) are
    another model's, not looked at."""
    from ..parameters import is_aea_set

    values = parameter_values_of(model)
    if values is None or not is_aea_set(values):
        return
    try:
        names = frozenset(values.keys())
        if _PARAMETERS_CHECKED.get(model) == names:
            return
        _PARAMETERS_CHECKED[model] = names
    except TypeError:
        return
    option = (getattr(model, "options", None) or {}).get("thermal", "isothermal")
    # (the lumped option's parameters are read by it only)
    read = RANGES.keys() - set(SWEEP_ONLY_INPUTS) - set(LUMPED_THERMAL if option != "lumped" else ())
    thermal = sorted(names & (pybamm_thermal_parameter_names() | set(LUMPED_THERMAL)) - read - set(warned or ()))
    if thermal:
        if warned is not None:
            warned.update(thermal)
        warnings.warn(ThermalParametersIgnoredWarning.of(thermal, values, option), stacklevel=_at_user(None))
    for name in sorted(names - read - set(thermal) - {"citations"}, key=str):
        close = close_names(name, sorted(read), cutoff=0.8)
        if (close or name in SWEEP_ONLY_INPUTS) and name not in (warned or ()):
            if warned is not None:
                warned.add(name)
            value = values[name]
            shown = f" = {value!r}" if isinstance(value, (numbers.Number, str)) else ""
            why = ("it is an input of pybamm_aea.sweep, which derives the model's parameters from it"
                   if name in SWEEP_ONLY_INPUTS else f"did you mean {close}?")
            warnings.warn(f"parameter {name!r}{shown} is not a parameter of the AEA model, so it has no effect; "
                          + why, UserWarning, stacklevel=_at_user(None))


def _at_user(stacklevel):
    """``stacklevel`` for :func:`warnings.warn` in the function that calls this: the given one, or with None the first
    frame outside the library code (:func:`pybamm_aea.user_frame.users_stacklevel`: the user's ``sim.solve()``, however
    deep PyBaMM calls the solver)."""
    if stacklevel is not None:
        return stacklevel
    return users_stacklevel() - 1  # (counted from this function's frame, one below the warning's caller)


# ------------------------------------------------------------------------------- cut-offs of another anode
class CutOffsOfAnotherAnodeWarning(UserWarning):
    """A solve whose voltage cut-offs are cell voltages against another anode than the model's (the values'
    "Anode potential of the voltage cut-offs [V]", :data:`pybamm_aea.parameters.paper_cell.CUT_OFF_ANODE_POTENTIAL`)."""


def warn_cut_offs_of_another_anode(model, stacklevel=None):
    """:class:`CutOffsOfAnotherAnodeWarning` if the values ``model`` was parameterised with declare their voltage
    cut-offs against an anode at another potential [V vs Li] than the model's option "anode"
    (:data:`~pybamm_aea.parameters.paper_cell.ANODE_POTENTIALS`): a set's 1.8-2.8 V vs Li metal stop a Li-In cell at
    2.42-3.42 V vs Li. Called on a plain solve, where the cut-offs end it (an experiment's steps set their own);
    values that do not declare it (a user's own, PyBaMM's) or given as an input are not looked at. Once per model."""
    if model in _CUT_OFFS_WARNED:
        return
    said = cut_offs_of_another_anode(parameter_values_of(model), (getattr(model, "options", None) or {}).get("anode"))
    if said is not None:
        _CUT_OFFS_WARNED.add(model)
        warnings.warn(CutOffsOfAnotherAnodeWarning(said), stacklevel=_at_user(stacklevel))


def cut_offs_of_another_anode(values, anode):
    """What :func:`warn_cut_offs_of_another_anode` says of ``values`` on the option "anode" ``anode``, or None."""
    from ..parameters.paper_cell import (ANODE_POTENTIALS, CUT_OFF_ANODE_POTENTIAL, CUT_OFF_NAMES,
                                         cut_off_anode_potential)

    if values is None or anode not in ANODE_POTENTIALS:
        return None
    try:
        declared = cut_off_anode_potential(values)
    except ValueError:  # (an input: not looked at)
        return None
    own = ANODE_POTENTIALS[anode]
    if declared is None or declared == own:
        return None
    low, high = (plain_number(values[name]) for name in CUT_OFF_NAMES)
    cut = f"{low:g}-{high:g} V" if None not in (low, high) else "({})".format(", ".join(
        f"{side} {_cut_off_said(values[name], number)}" for side, name, number in zip(("lower", "upper"),
                                                                                    CUT_OFF_NAMES, (low, high))))
    seen = "" if None in (low, high) else (f": they stop this cell at {low + own:.4g}-{high + own:.4g} V vs Li, not "
                                           f"{low + declared:.4g}-{high + declared:.4g}")
    theirs = {v: k for k, v in ANODE_POTENTIALS.items()}.get(declared, "an anode")
    moved = ""
    if anode == "Li-In" and None not in (low, high) and declared == 0.0:
        from ..parameters.paper_cell import li_in_window

        moved = " to {:.4g}-{:.4g} V".format(*li_in_window(low, high))  # (review R34: said, so none moves them twice)
    given = "values, inputs_as_given=True" if None in (low, high) else "values"  # (review R36: refused on an input)
    take = (f"If they are a Li metal cell's, move them{moved} with values.update(pybamm_aea.parameters.paper_cell."
            f"li_in_cut_offs({given})), as AEA({{'anode': 'Li-In'}}).default_parameter_values and a material's "
            "parameter_values(anode='Li-In') do"
            + ("; a cut-off given as an input is not moved: pass the Li-In cell's voltage as its input"
               if None in (low, high) else "")
            if anode == "Li-In" else f"Take values made for the {anode} anode (a set's own, a material's "
            f"parameter_values(anode={anode!r}))")
    return (f"the voltage cut-offs {cut} are cell voltages against {theirs}, at {declared:g} V vs Li (the values' "
            f"{CUT_OFF_ANODE_POTENTIAL!r}), but the model's anode is {anode}, at {own:g} V vs Li{seen}. {take}; or, "
            f"if the cut-offs are meant as this cell's voltages, set {CUT_OFF_ANODE_POTENTIAL!r} to {own:g}")


def _cut_off_said(given, number):
    """A voltage cut-off as the warning says it: its number [V], "an input", or "not a number" (a function, ...)."""
    if number is not None:
        return f"{number:g} V"
    return "an input" if isinstance(given, pybamm.InputParameter) else "not a number"


#: the models :func:`warn_cut_offs_of_another_anode` has warned about (once each)
_CUT_OFFS_WARNED = weakref.WeakSet()


# ------------------------------------------------------------------------------- cut-offs beyond an OCP table
#: the parameters holding the cathode host's OCP [V vs Li] (a function of Li content and temperature): each that is a
#: :class:`~pybamm_aea.materials.functions.TableOCP` is checked against the values' cut-offs
#: (:func:`check_tables_cover_cut_offs`)
HOST_OCP_PARAMETERS = ("Cathode lithiation OCP [V]", "Cathode delithiation OCP [V]", "Cathode homogeneous OCP [V]")


def _window_capacity(values):
    """The cathode's Faraday capacity [mAh/g as pressed] of ``values`` (x_max F / (3.6 M)), None where not numbers."""
    x_max, host, made = (plain_number(values.get(name)) for name in (
        "Cathode maximum Li content", "Cathode host molar mass [kg.mol-1]", "Cathode host Li content as made"))
    if None in (x_max, host, made):
        return None
    return x_max * MAH_PER_MOL / ((host + made * M_LI) * 1e3)


def check_tables_cover_cut_offs(values, anode=None):
    """Refuse ``values`` whose voltage cut-offs (numbers, cell voltages) reach past the end of a host OCP given as a
    table (:data:`HOST_OCP_PARAMETERS`, a :class:`~pybamm_aea.materials.functions.TableOCP`, held at its end value
    beyond its data), by the rule a material's own window is checked with
    (:func:`~pybamm_aea.materials.material.table_end_gaps`): a user's cut-off widened after the material was made
    (a table 2.28-2.12 V at theta 0.1-0.9 with "Lower voltage cut-off [V]" 1.0 ran to theta 0.9993 on 2.12 V). A
    cut-off is compared as the cathode's potential vs Li: the cut-off plus the potential of the model's ``anode``
    (:data:`~pybamm_aea.parameters.paper_cell.ANODE_POTENTIALS`; without it, the values'
    :data:`~pybamm_aea.parameters.paper_cell.CUT_OFF_ANODE_POTENTIAL`, else Li metal's 0). One ``ValueError`` names
    every gap (:func:`tables_past_cut_offs`). A cut-off that is an input is checked at the solve, on its value
    (:func:`check_inputs`, :func:`_check_input_cut_offs`; until session 58 not at all), one that is an expression of
    PyBaMM's time there too, at the solve's times (session 60); one absent is not checked, a Python function is
    refused as the model reads one number (:mod:`pybamm_aea.pybamm_adapter.parameter_values`), nor is a table whose
    theta does not increase (its own error, "x_data must be strictly increasing", names
    it; review R36 found "theta 0.9452-0.01416" said here). The other cut-off, a number, is checked (session 58:
    both were skipped when one was an input)."""
    from ..parameters.paper_cell import CUT_OFF_NAMES

    said = tables_past_cut_offs(values, anode, *(plain_number(values.get(name)) for name in CUT_OFF_NAMES))
    if said is not None:
        raise ValueError(said)


def cut_off_potential(values, anode):
    """The potential [V vs Li] a cell voltage of ``values`` is moved by to the cathode's: the model's ``anode``'s
    (:data:`~pybamm_aea.parameters.paper_cell.ANODE_POTENTIALS`), else the values' declared one, else 0 (Li metal)."""
    from ..parameters.paper_cell import ANODE_POTENTIALS, cut_off_anode_potential

    potential = ANODE_POTENTIALS.get(anode) if isinstance(anode, str) else None
    if potential is None:
        potential = cut_off_anode_potential(values) or 0.0
    return potential


def host_tables(values):
    """The host OCPs of ``values`` given as tables with increasing theta: a list of (table, the names giving it, each
    repr'd), one table under several names said once."""
    from ..materials.functions import TableOCP

    tables = {}
    for name in HOST_OCP_PARAMETERS:
        ocp = values.get(name)
        if isinstance(ocp, TableOCP) and all(a < b for a, b in zip(ocp.theta, ocp.theta[1:])):
            tables.setdefault(id(ocp), (ocp, []))[1].append(repr(name))
    return list(tables.values())


def tables_past_cut_offs(values, anode, low, high, names=None, tables=None):
    """What :func:`check_tables_cover_cut_offs` says of ``values`` with the cell voltages ``low`` and ``high`` [V]
    (None: that side not checked) as their cut-offs, or None if every table covers them: the one text of the
    parameterisation's refusal, the solve's of an input cut-off and an experiment step's "until" voltage.
    ``names``: (lower, upper) as said (default the cut-offs' parameter names, repr'd). ``tables``: those of
    :func:`host_tables` of ``values``, when the caller has them (an experiment's check: once, not per step)."""
    from ..materials.material import table_end_gaps, table_gaps_said
    from ..parameters.paper_cell import CUT_OFF_NAMES

    potential = cut_off_potential(values, anode)
    lower = math.inf if low is None else low + potential  # (inf / -inf: no end is short of them)
    upper = -math.inf if high is None else high + potential
    capacity, said = _window_capacity(values), []
    for ocp, names_of in host_tables(values) if tables is None else tables:
        gaps = table_end_gaps(ocp.theta, ocp.values, lower, upper, capacity,
                              (*(names or [repr(name) for name in CUT_OFF_NAMES]), potential))
        if gaps:
            said.append(table_gaps_said(" and ".join(names_of) + " (a table OCP)", ocp.theta, gaps))
    if not said:
        return None
    another = cut_offs_of_another_anode(values, anode)
    return "; also ".join(said) + ("" if another is None else f". Note: {another}")


#: discretised model -> its cut-offs given as inputs or as expressions of the time and the table ends they may not
#: pass (:func:`_input_cut_offs`)
_INPUT_CUT_OFFS = weakref.WeakKeyDictionary()


def _input_cut_offs(model):
    """The voltage cut-offs of the values ``model`` was parameterised with that are inputs or vary in time, each
    with the end of its host OCP tables it may not pass (:func:`~pybamm_aea.materials.material.table_end_limits`,
    the tightest of the tables): a tuple of (cut-off name, its input's name or its expression of the time, 0 lower /
    1 upper, the end [V vs Li], the anode's potential [V vs Li]), found once per model (the solve's check then costs
    one comparison each, or one evaluation at the solve's times)."""
    try:
        return _INPUT_CUT_OFFS[model]
    except (KeyError, TypeError):
        pass
    from ..materials.material import table_end_limits
    from ..parameters.paper_cell import CUT_OFF_NAMES

    values, found = parameter_values_of(model), []
    given = {} if values is None else {name: values.get(name) for name in CUT_OFF_NAMES}
    inputs = {name: value.name for name, value in given.items() if isinstance(value, pybamm.InputParameter)}
    inputs.update({name: values.process_symbol(value) for name, value in given.items() if of_time(value)})
    tables = host_tables(values) if inputs else []
    if tables:
        anode = (getattr(model, "options", None) or {}).get("anode")
        try:
            potential = cut_off_potential(values, anode)
        except ValueError:  # (an input anode potential: refused at the parameterisation, not here)
            potential = None
        limits = [table_end_limits(ocp.theta, ocp.values) for ocp, _ in tables]
        ends = (max(lowest for lowest, _ in limits), min(highest for _, highest in limits))  # (the tightest)
        for side, name in enumerate(CUT_OFF_NAMES):
            if name in inputs and math.isfinite(ends[side]) and potential is not None:
                found.append((name, inputs[name], side, ends[side], potential))
    found = tuple(found)
    try:
        _INPUT_CUT_OFFS[model] = found
    except TypeError:
        pass
    return found


def _check_input_cut_offs(model, inputs, times=None):
    """Refuse a voltage cut-off given as an input (``"Lower voltage cut-off [V]": "[input]"``) whose value in
    ``inputs`` reaches past the end of a host OCP table of the values ``model`` was parameterised with: the rule of
    :func:`check_tables_cover_cut_offs`, in its words, on the model's anode. AEA_LiCoO2 (its table ends at 2.718 V)
    with a lower cut-off input 2.5 V discharged to 2.5 V on the held end (0.1503 mA.h at 0.1C), until session 58.
    A cut-off given as an expression of PyBaMM's time (``2.5 + 1e-9 * pybamm.t``, which the model's event reads at
    each time) is checked at ``times`` [s] (a solve's ``t_eval``, an experiment step's start and end: 100 times from
    the first to the last; None: not checked), refused at the first past an end (session 60: AEA_LiCoO2 with that
    lower cut-off, no initial_soc, discharged at 0.1C to 2.5 V on the held end, without a word)."""
    past = {}
    for name, given, side, end, potential in _input_cut_offs(model):
        if isinstance(given, pybamm.Symbol):
            _check_cut_off_of_time(model, name, given, side, end - potential, inputs, times)
            continue
        if given not in inputs:
            continue  # (PyBaMM names an input not given)
        cuts = _numbers(inputs[given])
        if cuts and (min(cuts) + potential < end if side == 0 else max(cuts) + potential > end):
            past[side] = (given, min(cuts) if side == 0 else max(cuts))
    if past:
        values, anode = parameter_values_of(model), (getattr(model, "options", None) or {}).get("anode")
        said = tables_past_cut_offs(values, anode, *(past[side][1] if side in past else None for side in (0, 1)))
        given = " and ".join(f"input {name!r} = {value:g} V" for name, value in past.values())
        raise ValueError(f"{given}, {'a cell voltage' if len(past) == 1 else 'cell voltages'} on {_anode_said(anode)}: "
                         f"{said}")


def _check_cut_off_of_time(model, name, expression, side, end, inputs, times):
    """Refuse the cut-off ``name`` (0 lower / 1 upper: ``side``) of ``model``'s values given as the ``expression`` of
    PyBaMM's time at the first of 100 times across ``times`` [s] it is past the table's ``end`` (a cell voltage
    [V]), in :func:`_check_input_cut_offs`'s words; None ``times``: not checked."""
    times = None if times is None else np.asarray(times, dtype=float).ravel()
    if times is None or not times.size:
        return
    times = np.linspace(times.min(), times.max(), 100)
    cuts = varying_values(expression, times, dict(inputs or {}))
    if cuts is None:
        return
    with np.errstate(invalid="ignore"):  # (NaN: the range's to name)
        past = np.flatnonzero(cuts < end if side == 0 else cuts > end)
    if past.size:
        k = int(past[0])
        values, anode = parameter_values_of(model), (getattr(model, "options", None) or {}).get("anode")
        said = tables_past_cut_offs(values, anode, *((cuts[k], None) if side == 0 else (None, cuts[k])))
        raise ValueError(f"{name!r} = {expression} is {cuts[k]:g} V at t = {times[k]:g} s, a cell voltage on "
                         f"{_anode_said(anode)}: {said}")


def _anode_said(anode):
    """The anode a cut-off is a cell voltage on, as the refusals of :func:`tables_past_cut_offs` say it."""
    return f"the model's anode, {anode}" if anode else "the anode the values declare, else Li metal"


#: how a step's own voltage is said by :func:`check_step_until_in_tables` (as the lower and the upper cut-off both)
STEP_UNTIL_SAID = "step's \"until\" voltage"
#: how a voltage step's held value is said by :func:`check_step_until_in_tables` (as either cut-off)
STEP_HELD_SAID = "step's held voltage"


def check_step_until_in_tables(index, name, step, values, anode=None, cells=1.0, tables=None, inputs=None,
                               times=None):
    """Refuse the experiment's step ``step`` (its ``index`` from 1, ``name`` as said) whose own voltage cut-off
    ("Discharge at 0.1C until 2.5 V", a ``pybamm.step.VoltageTermination`` of a number: the battery's of ``cells``
    cells in series, taken per cell) reaches past the end of a host OCP table of ``values``: the rule and words of
    :func:`check_tables_cover_cut_offs` (:func:`tables_past_cut_offs`), the voltage compared as the cathode's
    potential on the model's ``anode``, as either cut-off (reached from either side, it is past an end either way).
    AEA_LiCoO2 (its table ends at 2.718 V) discharged from SOC 1 at 0.1C until 2.5 V ran to 2.5 V on the held end
    (0.1503 mA.h), without a word, until session 58. A voltage step's held value (a number, an input's, a drive
    cycle's samples, a function of the time) is checked where check_step_values reads it
    (:func:`check_held_voltages_in_tables`, session 59; here, a number only, in session 58). Called by
    :func:`~pybamm_aea.models.step_checks.check_step_values`, before any step runs, with the ``tables`` of
    :func:`host_tables` it reads once per experiment (session 59: once per step, 107 reads for a 100-cycle
    experiment's 4 distinct steps of which one is a function of the time; None: read here). An "until" voltage
    given as an input (``VoltageTermination(pybamm.InputParameter("Vc"))``) is read from the solve's ``inputs`` (one
    dict; session 59: AEA_LiCoO2 from SOC 1 at 0.1C until Vc = 2.5 ran to 2.5 V on the held end, 0.1503 mA.h, as the
    number did until session 58); one not given is PyBaMM's to name.

    An "until" voltage that is an expression of PyBaMM's time (``VoltageTermination(2.5 + 1e-9 * pybamm.t)``: the
    experiment's time, which PyBaMM's event reads) is checked only with ``times``, the experiment's times [s] the
    step runs at (``inputs`` then hold PyBaMM's "start time", the step's first), and is refused at the first of
    them it is past an end, as a number is refused whether or not the step ends on it (session 60: AEA_LiCoO2 from
    SOC 1 at 0.1C until 2.5 + 1e-9 t ran to 2.5 V on the held end, 0.1503 mA.h); with ``times`` only those are
    checked (the numbers and inputs were, by the call without)."""
    tables = None if values is None else host_tables(values) if tables is None else tables
    if not tables:
        return
    # an "until" voltage is the battery's (PyBaMM ends a step on "Battery voltage [V]"), a held one the cell's
    for term in getattr(step, "termination", None) or ():
        timed = isinstance(term, pybamm.step.VoltageTermination) and of_time(term.value)
        if timed != (times is not None):
            continue
        values_at, source = (_until_voltage(term, inputs) if times is None else
                             (varying_values(term.value, times, inputs), ""))
        if values_at is None:
            continue
        k = 0 if times is None else first_past_table_ends(values, anode, tables, np.asarray(values_at) / cells)
        if k is None:  # (of the time: its first time past an end, found at once, then said as a number is)
            continue
        value = float(np.atleast_1d(values_at)[k])
        voltage = value / cells
        try:
            said = tables_past_cut_offs(values, anode, voltage, voltage, (STEP_UNTIL_SAID, STEP_UNTIL_SAID), tables)
        except ValueError:  # (values whose anode potential is not a number: refused at the parameterisation)
            return
        if said is None:
            continue
        battery = "" if cells == 1 else f" ({value:g} V the battery's of {cells:g} cells in series)"
        if times is not None:
            into = times[k] - float(inputs[START_TIME])
            source = f", its {term.value} at t = {times[k]:g} s of the experiment ({into:g} s into the step)"
        raise ValueError(f"{step_said(index, name)} ends at its own voltage {voltage:g} V{battery}{source}, a "
                         f"cell voltage on {_anode_said(anode)}: {said}")


def of_time(value):
    """True if ``value`` is a PyBaMM expression holding PyBaMM's time (``pybamm.t``)."""
    return isinstance(value, pybamm.Symbol) and any(isinstance(s, pybamm.Time) for s in value.pre_order())


def varying_values(expression, times, inputs):
    """``expression`` (PyBaMM's, of its time and inputs) at each of ``times`` [s], a float array of their number;
    None if it cannot be evaluated (an input not given: PyBaMM's to name; another parameter). Evaluated once on the
    times' array, each time on its own only where the expression does not take one (100 evaluations of 20 us)."""
    times = np.asarray(times, dtype=float).ravel()
    try:
        with np.errstate(all="ignore"):  # (a non-finite value is the check's to name)
            value = np.asarray(expression.evaluate(t=times, inputs=inputs), dtype=float).ravel()
            if value.size not in (1, times.size):
                value = np.array([np.asarray(expression.evaluate(t=t, inputs=inputs), dtype=float).item()
                                  for t in times])
    except (KeyError, TypeError, ValueError, NotImplementedError):
        return None
    return np.broadcast_to(value, times.shape).copy()


def _until_voltage(term, inputs):
    """(the voltage [V], the text naming its inputs) of the step termination ``term`` if it is a voltage: a number,
    or an expression of input parameters evaluated with ``inputs``; (None, "") otherwise or if one is not given."""
    if not isinstance(term, pybamm.step.VoltageTermination):
        return None, ""
    if isinstance(term.value, numbers.Real):
        return float(term.value), ""
    if not isinstance(term.value, pybamm.Symbol):
        return None, ""
    names = sorted({s.name for s in term.value.pre_order() if isinstance(s, pybamm.InputParameter)})
    inputs = dict(inputs or {})
    try:
        value = np.asarray(term.value.evaluate(inputs=inputs), dtype=float).ravel()
    except (KeyError, TypeError, ValueError):  # (an input not given, a function of the time: PyBaMM's)
        return None, ""
    if value.size != 1 or not names:
        return None, ""
    return float(value[0]), ", from " + " and ".join(f"the input {name!r} = {inputs[name]!r}" for name in names)


def check_held_voltages_in_tables(index, name, held, values, anode=None, where=None, tables=None):
    """Refuse the experiment's voltage step ``name`` (its ``index`` from 1) whose held cell voltages ``held`` [V]
    (the cell's, as PyBaMM holds "Voltage [V]": its number, "Hold at 2.5 V" after "until 3.0 V" ran 0.0096 mA.h on
    AEA_LiCoO2's held end until session 58; the samples of its drive cycle it reaches; its value evaluated from the
    solve's inputs or at the step's times, :func:`~pybamm_aea.models.step_checks.check_step_values`) reach past
    the end of a host OCP table of ``values`` (:func:`~pybamm_aea.materials.material.table_end_limits`, the
    tightest of the tables, on the model's ``anode``), naming the first such value (``where(k)``: the text after
    value ``k``, its time or input) in the words of :func:`tables_past_cut_offs`. Until session 59 a held voltage
    given as an input or a drive cycle was not checked: AEA_LiCoO2 held at the input "V" = 2.5 V after "Discharge at
    0.1C until 3.0 V" from SOC 1 ran on the held 2.718 V (0.00045 mA.h to 0.1 mA), and a drive cycle 3.0-2.5 V over
    1200 s 0.0082 mA.h there. ``tables``: as :func:`check_step_until_in_tables`'s. ``index`` None: ``name`` says
    the step in full (a step solver's "step 2 of 4 in cycle 1 of 1, '...'", at the step's start)."""
    said = held_voltages_past_tables(index, name, held, values, anode, where, tables)
    if said is not None:
        raise ValueError(said)


def held_voltages_past_tables(index, name, held, values, anode=None, where=None, tables=None):
    """The text of :func:`check_held_voltages_in_tables`'s refusal of the first of ``held`` past an OCP table's
    end, or None if none is (or ``values`` hold no table): what a warning of a value the step may not reach says
    too (:func:`~pybamm_aea.models.step_checks.check_step_values`, a held voltage after its start on a step whose
    termination may end it first)."""
    tables = None if values is None else host_tables(values) if tables is None else tables
    held = np.asarray(held, dtype=float).ravel()
    k = first_past_table_ends(values, anode, tables, held)
    if k is None:
        return None
    voltage = float(held[k])
    said = tables_past_cut_offs(values, anode, voltage, voltage, (STEP_HELD_SAID, STEP_HELD_SAID), tables)
    return (f"{step_said(index, name)} runs at its held voltage {voltage:g} V{'' if where is None else where(k)}, a "
            f"cell voltage on {_anode_said(anode)}: {said}")


def first_past_table_ends(values, anode, tables, voltages):
    """The index of the first of the cell ``voltages`` [V] past an end of the OCP ``tables`` of ``values`` (those of
    :func:`host_tables`; :func:`~pybamm_aea.materials.material.table_end_limits`, the tightest of them, moved by the
    model's ``anode``'s potential), or None: none is (NaN: no end is short of it, the step's range check names it),
    no table, or values whose anode potential is not a number (refused at the parameterisation). The rule of
    :func:`tables_past_cut_offs` for a voltage taken as either cut-off, at once on an array (100 of a step's times)."""
    from ..materials.material import table_end_limits

    if not tables:
        return None
    try:
        potential = cut_off_potential(values, anode)
    except ValueError:
        return None
    limits = [table_end_limits(ocp.theta, ocp.values) for ocp, _ in tables]
    lowest, highest = max(low for low, _ in limits) - potential, min(high for _, high in limits) - potential
    voltages = np.asarray(voltages, dtype=float).ravel()
    with np.errstate(invalid="ignore"):
        past = np.flatnonzero((voltages < lowest) | (voltages > highest))
    return int(past[0]) if past.size else None


def step_said(index, name):
    """The experiment's step as the refusals of a step's voltage past an OCP table's end say it: "the experiment's
    step 2 (Hold at 2.5 V until C/50)" (``index`` from 1, ``name``), or, ``index`` None, "the experiment's step 2 of
    4 in cycle 3 of 100, 'Hold at 2.5 V until C/50'" (``name``: a step solver's text of the step it runs)."""
    return f"the experiment's {name}" if index is None else f"the experiment's step {index} ({name})"


# ------------------------------------------------------------------------------- temperature beyond the data
class TemperatureOutsideMeasuredRangeWarning(UserWarning):
    """A solve's ambient temperature lies outside the temperatures the paper measured the set's cell at (its values'
    :data:`LOWEST_MEASURED` .. :data:`HIGHEST_MEASURED`): the set's temperature dependences (activation energies,
    most of them assumed) are extrapolated there. Warned, never refused: the run is a prediction beyond the data.
    Its ``temperature`` [K], ``set_name`` (the set's name it says, None: "this set's") and ``time`` [s] (of a
    time-varying ambient temperature's worst point; None: a constant) are attributes too."""

    temperature = set_name = time = None


_AMBIENT = "Ambient temperature [K]"
#: the lumped thermal option's start temperature, judged as the ambient one (the cell is there at t = 0)
_INITIAL = "Initial temperature [K]"
_TEMPERATURES_WARNED = weakref.WeakKeyDictionary()  # discretised model -> the temperatures [K] warned about
#: parameterised model -> its values' measured temperatures [K], lowest and highest (checked), and ambient temperature,
#: read once per model (each step of an experiment read and checked them: 400 of a 100-cycle C/10 LMS run, session 63)
_MEASURED_RANGES = weakref.WeakKeyDictionary()


def warn_outside_measured_temperatures(model, inputs=None, stacklevel=None, once=True, warned=None, name=None,
                                       times=None):
    """:class:`TemperatureOutsideMeasuredRangeWarning` if the ambient temperature ``model`` solves at (its parameter
    values': a number, or an input parameter's value in ``inputs``, a dict or PyBaMM's list of dicts, a number or a
    numpy array of them; an experiment step's ``temperature=``, which PyBaMM sets in the step model's values) lies
    outside the values' :data:`LOWEST_MEASURED` .. :data:`HIGHEST_MEASURED`. ``model``: a parameterised model, or the
    ``pybamm.ParameterValues`` themselves. A function of time (a Python function, an Interpolant) of a model's values
    is judged over the whole span of ``times`` [s] (the solve's ``t_eval``, an experiment step's start and end;
    :func:`ambient_extremes`), its highest and lowest named with their times, once per model (an experiment: once in
    its solve) and side. Values without a measured range (a user's own set, PyBaMM's), an ambient temperature of
    space, and a function of time without ``times`` or of values given themselves are not looked at. Once per model
    and temperature; ``once=False``: at each
    call (what :mod:`pybamm_aea.sweep` does for each point, whose row carries its own temperature's warning), as for
    values given themselves. ``warned``: a set of the temperatures already named elsewhere in the same solve (an
    experiment's other step models, :attr:`ExperimentInputNames.temperatures_warned`), each named once. ``name``: the
    set's or material's name, said (the screen's and the sweep's: two sets' warnings read the same without it)."""
    values = model if isinstance(model, pybamm.ParameterValues) else parameter_values_of(model)
    if values is None:
        return
    read = None if values is model else _MEASURED_RANGES.get(model)
    if read is None:
        try:
            low, high = float(values[LOWEST_MEASURED]), float(values[HIGHEST_MEASURED])
            given = values[_AMBIENT]
        except (KeyError, TypeError, ValueError):
            return
        check_value(LOWEST_MEASURED, low, bound_value=high)  # (a range upside down: an error naming both)
        # (the lumped cell starts at its initial temperature: judged as the ambient one)
        lumped = (getattr(model, "options", None) or {}).get("thermal") == "lumped" and _INITIAL in values
        initial = values[_INITIAL] if lumped else None
        if values is not model:
            _MEASURED_RANGES[model] = (low, high, given, initial)
    else:
        low, high, given, initial = read
    temperatures = _given_temperatures(model, values, given, inputs, times)
    if initial is not None:
        temperatures += [(T, None, "initial") for T, _, _ in _given_temperatures(model, values, initial, inputs, None)]
    seen = _TEMPERATURES_WARNED.setdefault(model, set()) if once and values is not model else set()
    for T, t, which in temperatures:
        if T is None or not math.isfinite(T) or low <= T <= high:
            continue
        # (a time-varying one: once per side, its worst point changing with each step's span)
        said_of = T if t is None else ("above" if T > high else "below")
        said_of = said_of if which == "ambient" else (which, said_of)
        if said_of in seen:
            continue
        seen.add(said_of)
        if warned is not None:
            if said_of in warned:
                continue
            warned.add(said_of)
        span = "" if t is None else f"{float(np.min(times)):g}-{float(np.max(times)):g} s"
        at = "" if t is None else f" at t = {t:g} s (its {'highest' if T > high else 'lowest'} over t = {span})"
        said = TemperatureOutsideMeasuredRangeWarning(f"the {which} temperature {T:g} K ({T - zero_Celsius:.4g} C){at} "
                                                      f"is outside {_measured(values, name)}: {BEYOND_THE_DATA}")
        said.temperature, said.set_name, said.time = T, name, t
        warnings.warn(said, stacklevel=_at_user(stacklevel))


def _given_temperatures(model, values, given, inputs, times):
    """[(T [K], t [s] or None, "ambient"), ...] of the ambient temperature ``given`` (a value of ``values``; an input
    parameter's value in ``inputs``, a number, a function of time over ``times``' span)."""
    if isinstance(given, pybamm.InputParameter):
        sets = inputs if isinstance(inputs, list) else [inputs or {}]
        found = [(T, None) for one in sets if isinstance(one, dict) for T in _numbers(dict(one).get(given.name))]
    elif plain_number(given) is not None:
        found = [(plain_number(given), None)]
    else:  # (a function of time: its extremes over the span; one of space or the state: not looked at)
        symbol = None if values is model or times is None else _ambient_symbol(model, values)
        found = [] if symbol is None or not _of_time(symbol) else ambient_extremes(symbol, inputs, times)
    return [(T, t, "ambient") for T, t in found]


#: the values' dispersed material's melting point [K], a number (PyBaMM's ParameterValues holds numbers, functions
#: and symbols: a name or a record would not survive ``to_json``): S8's record's in S-LMS
DISPERSED_MELTING_POINT = "Dispersed material melting point [K]"


def melting_points(values, anode):
    """The cell's components with a melting point, ``[(T [K], name, source), ...]``: the anode's materials of the
    model's option ``anode`` (:data:`pybamm_aea.parameters.paper_cell.ANODE_MATERIALS`, their records') and the
    dispersed material's, the values' :data:`DISPERSED_MELTING_POINT` when the mass fraction is not 0: named as the
    library's record melting there when exactly one does (S8), else "the dispersed material" (a user's material, or
    two records melting at one temperature: no guess). A record that cites none (Mo6S8, TiS2, the oxides,
    Li4Ti5O12, LGPS, Li3PS4) bounds nothing."""
    from ..parameters.paper_cell import ANODE_MATERIALS

    found = [(m.melting_point, m.name, m.melting_point_source)
             for m in map(get_material, ANODE_MATERIALS.get(anode, ANODE_MATERIALS["lithium metal"]))
             if m.melting_point is not None]
    # (``in`` first: PyBaMM's get of an absent name ranks every name by difflib, 12 ms a call)
    T = plain_number(values[DISPERSED_MELTING_POINT]) if DISPERSED_MELTING_POINT in values else None
    fraction = plain_number(values[_MASS_FRACTION]) if _MASS_FRACTION in values else None
    if T is not None and fraction != 0:
        records = [m for m in map(get_material, list_materials()) if m.melting_point == T]
        found.append((T, records[0].name, records[0].melting_point_source) if len(records) == 1 else
                     (T, "the dispersed material", f"its {DISPERSED_MELTING_POINT!r}"))
    return found


#: parameterised model -> its processed "Ambient temperature [K]" (None: one of the state or of space, not judged),
#: read once per model (:func:`refuse_above_melting_points` processed it at each step: 400 of a 100-cycle run)
_AMBIENT_SYMBOLS = weakref.WeakKeyDictionary()
#: how many times across a span a time-varying ambient temperature is first read at (:func:`ambient_extremes`)
AMBIENT_SAMPLES = 1001


def _ambient_symbol(model, values):
    """``values``' "Ambient temperature [K]" processed (at the cell's middle, of the time), once per ``model``; None
    for one of the state or of space."""
    try:
        return _AMBIENT_SYMBOLS[model]
    except (KeyError, TypeError):
        pass
    T = values.process_symbol(pybamm.FunctionParameter(_AMBIENT, {
        "Distance across electrode width [m]": pybamm.Scalar(0),
        "Distance across electrode height [m]": pybamm.Scalar(0), "Time [s]": pybamm.t}))
    T = T if _checkable(T) else None
    try:
        _AMBIENT_SYMBOLS[model] = T
    except TypeError:  # (a model that takes no weak reference: processed each time)
        pass
    return T


def _of_time(symbol):
    return any(isinstance(node, pybamm.Time) for node in symbol.pre_order())


def ambient_extremes(symbol, inputs, times):
    """The ambient temperature ``symbol`` (processed, :func:`_ambient_symbol`) at its extremes, ``[(T [K], t [s] or
    None), ...]`` with ``inputs`` (a dict or PyBaMM's list of them; an input not given: skipped, check_inputs names
    it). A constant or an input's value: its value, t None. A function of time (a Python function, an Interpolant)
    over the whole span of ``times`` (None: at t = 0): its highest and its lowest, first at :data:`AMBIENT_SAMPLES`
    times across the span and the knots of an Interpolant of the time within it, then refined about each by a
    bounded Brent search (scipy); each with the time it is at."""
    sets = [one for one in (inputs if isinstance(inputs, list) else [inputs or {}]) if isinstance(one, dict)] or [{}]
    of_time = times is not None and _of_time(symbol)
    found = []
    for one in sets:
        try:
            if not of_time:
                found.extend((float(v), None) for v in np.ravel(symbol.evaluate(t=0.0, inputs=one)))
                continue
            found.extend(_extremes_in_time(symbol, one, np.ravel(np.asarray(times, dtype=float))))
        except (KeyError, TypeError, ValueError):  # (an input not given: check_inputs names it)
            continue
    return found


def _extremes_in_time(symbol, one, times):
    """[(highest T, its t), (lowest T, its t)] of ``symbol`` with the inputs ``one`` over ``times``' span."""
    from scipy.optimize import minimize_scalar

    t0, t1 = float(times.min()), float(times.max())
    knots = [x for node in symbol.pre_order() if isinstance(node, pybamm.Interpolant)
             and len(node.children) == 1 and isinstance(node.children[0], pybamm.Time) for x in np.ravel(node.x[0])]
    grid = np.unique(np.concatenate([np.linspace(t0, t1, AMBIENT_SAMPLES), times,
                                     [x for x in knots if t0 <= x <= t1]]))

    def at(t):
        return float(np.ravel(symbol.evaluate(t=float(t), inputs=one))[0])

    values = np.ravel(symbol.evaluate(t=grid, inputs=one)) if grid.size > 1 else np.array([])
    if values.size != grid.size:  # (a symbol that does not take an array of times: one time at a time)
        values = np.array([at(t) for t in grid])
    found = []
    for sign in (1.0, -1.0):  # (the highest, then the lowest)
        i = int(np.argmax(sign * values))
        T, t = values[i], grid[i]
        lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]
        if hi > lo:
            refined = minimize_scalar(lambda x: -sign * at(x), bounds=(lo, hi), method="bounded",
                                      options={"xatol": 1e-9 * max(abs(t1), 1.0)})
            if -refined.fun > sign * T:
                T, t = -sign * refined.fun, float(refined.x)
        found.append((float(T), float(t)))
    return found


#: parameterised model -> [the lowest melting point of its cell ``(T, name, source)`` or None (not an AEA set, or no
#: component that melts), its ambient symbol, the inputs no judgement reads (by type), the key of the last input set
#: passed]: judged once per model and input set (each step of a 100-cycle run re-processed the ambient temperature
#: and searched the melting points: session 63)
_MELTING_JUDGED = weakref.WeakKeyDictionary()


def _melting_judgement(model):
    """The per-model part of :func:`refuse_above_melting_points` (see :data:`_MELTING_JUDGED`)."""
    from ..parameters import is_aea_set

    values = parameter_values_of(model)
    if not (values is not None and is_aea_set(values)):  # (another model's values: not looked at)
        return [None, None, None, None]
    options = getattr(model, "options", None) or {}
    limits = melting_points(values, options.get("anode", "lithium metal"))
    symbols = [(_AMBIENT, _ambient_symbol(model, values))]
    if options.get("thermal") == "lumped" and _INITIAL in values:  # (the cell starts there: judged as the ambient)
        initial = values.process_symbol(pybamm.Parameter(_INITIAL))
        symbols.append((_INITIAL, initial if _checkable(initial) else None))
    symbols = [(name, symbol) for name, symbol in symbols if symbol is not None]
    read = {p.name for _, symbol in symbols for p in symbol.pre_order() if isinstance(p, pybamm.InputParameter)}
    return [min(limits) if limits else None, symbols, frozenset(PYBAMM_INPUTS - read), None]


def refuse_above_melting_points(model, inputs=None, times=None):
    """ValueError if ``model`` (an AEA model's parameterised step or solve model) would solve above the lowest melting
    point of its cell's components (:func:`melting_points`: S8 in S-LMS at 388.36 K, In in the Li-In anode at 429.75
    K; every cell's Li at 453.65 K is the ambient temperature's physical range), naming the temperature, the component,
    its melting point and the source. Temperatures of :func:`ambient_extremes`: a time-varying one at its highest over
    the span of ``times``, named with its time. Judged once per model and input set (a function of time: at each call,
    its span is the call's). Values that are not an AEA set: not looked at."""
    try:
        judged = _MELTING_JUDGED.get(model)
    except TypeError:  # (a model that takes no weak reference: judged each time)
        judged = None
    if judged is None:
        judged = _melting_judgement(model)
        try:
            _MELTING_JUDGED[model] = judged
        except TypeError:
            pass
    limit, symbols, by_type, passed = judged
    if limit is None or not symbols:
        return
    of_time = times is not None and any(_of_time(symbol) for _, symbol in symbols)
    key = None if of_time else input_set_key(inputs, by_type)
    if key is not None and key == passed:
        return
    melts, name, source = limit
    for given, symbol in symbols:
        for T, t in ambient_extremes(symbol, inputs, times):
            if T > melts:
                at = "" if t is None else f" at t = {t:g} s"
                raise ValueError(f"{given!r} = {T:g} K ({T - zero_Celsius:.4g} C){at} is above the melting point of "
                                 f"{name}, a component of this cell, {melts:g} K ({melts - zero_Celsius:.4g} C; "
                                 f"{source}): the model's solid cell does not exist there; give a temperature below "
                                 f"it")
    judged[3] = key


#: what :class:`TemperatureOutsideMeasuredRangeWarning` says of a result outside the measured temperatures, the rest
#: (what is extrapolated, each set's range and sources) in docs/known_limits.rst (its text was 455 characters until
#: session 55, given on every solve of TiS2 at 25 or 60 C and on each row of a sweep)
BEYOND_THE_DATA = "its temperature dependences extrapolated: a prediction beyond the data (docs/known_limits.rst)"


def _measured(values, name=None):
    """What the range of ``values``' :data:`LOWEST_MEASURED` .. :data:`HIGHEST_MEASURED` is, in words; ``name``: the
    set's (None: "this set")."""
    low, high = float(values[LOWEST_MEASURED]), float(values[HIGHEST_MEASURED])
    measured = (f"{low:g} K ({low - zero_Celsius:g} C)" if low == high else
                f"{low:g}-{high:g} K ({low - zero_Celsius:g}-{high - zero_Celsius:g} C)")
    whose = "this set's" if name is None else f"{name}'s"
    return (f"the temperatures {whose} parameters were measured at, {measured} (its {LOWEST_MEASURED!r} and "
            f"{HIGHEST_MEASURED!r}, from its sources)")  # (two names a user can look up: review R31)


def _numbers(value):
    """The floats an input's ``value`` holds: a number's, or each of a numpy array's (the form PyBaMM's inputs take,
    ``{"T": np.array([273.15])}``); none for anything else (PyBaMM's to refuse)."""
    number = plain_number(value)
    if number is not None:
        return [number]
    if isinstance(value, np.ndarray) and value.dtype.kind in "iuf":
        return [float(v) for v in np.unique(value.ravel())]
    return []


#: the names of an experiment's step checks, here until session 31 (``__all__`` then), now in
#: :mod:`pybamm_aea.models.experiment_checks`: still importable from here, with a DeprecationWarning
MOVED_TO_EXPERIMENT_CHECKS = ("CUSTOM_STEP_MODELS", "CheckedIDAKLUSolver", "ExperimentStepFailedWarning",
                              "STEP_VALUE_RANGES", "StartOutsideWindowWarning", "check_step_values",
                              "check_steps_not_merged", "circular_custom_steps", "constant_custom_currents",
                              "starts_outside_window")


#: the names of a fit's checks, here in session 61, now in :mod:`pybamm_aea.fitting` (the module owning fitting):
#: still importable from here, with a DeprecationWarning
MOVED_TO_FITTING = ("check_fit_bounds",)


def __getattr__(name):
    """A name of :data:`MOVED_TO_EXPERIMENT_CHECKS` or :data:`MOVED_TO_FITTING` read from its new module (imported
    here lazily: that module imports this one), with a DeprecationWarning naming it; any other unknown name an
    AttributeError."""
    if name in MOVED_TO_EXPERIMENT_CHECKS or name in MOVED_TO_FITTING:
        from .. import fitting
        from . import experiment_checks

        owner = fitting if name in MOVED_TO_FITTING else experiment_checks
        warnings.warn(f"pybamm_aea.models.checks.{name} is now {owner.__name__}.{name}",
                      DeprecationWarning, stacklevel=2)
        return getattr(owner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
