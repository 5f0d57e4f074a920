"""Checks of an experiment's steps before any step runs: what the physical-range table
(:mod:`pybamm_aea.models.checks`) does not see, because PyBaMM puts it into a step's model itself. One concept: the
experiment as written, against the cell's values, before the solver runs it (the starting state is
:mod:`.starting_state`'s, what the solver meets at a step's start :mod:`.start_advice`'s). Without them a bad step ran
the steps before it and then failed in IDA, or ran another step's value without a word, or failed with a bare
``RecursionError`` (the cases measured are in each function's docstring).

:mod:`pybamm_aea.pybamm_adapter.experiment_inputs` calls them from ``pybamm.Simulation.build_for_experiment``:
:func:`check_step_values`, the value each step runs at (a current given as ``pybamm.InputParameter("I2")``, a drive
cycle of numbers, a Python function of the time) against :data:`STEP_VALUE_RANGES` and, for a voltage and a step's
cut-off, the cell's window in an experiment; :func:`check_termination`, the experiment's termination
(:data:`TERMINATION_RANGES`); :func:`check_steps_not_merged`, a step PyBaMM would run with another's value (it keys
steps by their text); :func:`circular_custom_steps` and :func:`constant_custom_currents`, the step whose custom current
failed PyBaMM's build (a circular definition, a constant NaN), named; :func:`nominal_capacity_mismatch`, a C-rate
basis ("Nominal cell capacity [A.h]") far from the cathode's capacity. :func:`step_name` names a step in every
message of the package.
"""
from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import math
import numbers
import re
import warnings
import weakref

import numpy as np

import pybamm

from ..constants import MAX_VOLTAGE_VS_LI
# the inputs PyBaMM itself passes to a solver (an experiment step's start): not the user's
from ..pybamm_adapter.experiment_inputs import (CUSTOM_STEP_FUNCTIONS as _CUSTOM_STEP_FUNCTIONS, PYBAMM_INPUTS,
                                                START_TIME)
from ..pybamm_adapter.model_internals import parameter_values_of
from ..pybamm_adapter.parameter_values import refuse_a_set_of_another_model
from ..pybamm_adapter.solver_internals import initial_state
from .checks import (Range, check_held_voltages_in_tables, check_input_value, host_tables, check_step_until_in_tables,
                     check_value, input_set_key, cut_off_potential, held_voltages_past_tables, of_time, plain_number,
                     varying_values)
from ..ranges import slip_question, slip_reading
from .starting_state import same_value, shown
from ..user_frame import users_stacklevel

__all__ = ["STEP_VALUE_RANGES", "check_step_duration", "check_step_values", "check_at_experiment_times",
           "check_step_at_its_start", "circular_custom_steps",
           "constant_custom_currents", "check_steps_not_merged", "check_termination", "TERMINATION_RANGES",
           "NOMINAL_CAPACITY_FACTOR", "NominalCapacityMismatchWarning", "nominal_capacity_mismatch",
           "c_rate_basis_scaled", "cathode_capacity", "theoretical_cathode_capacity", "rescaled_nominal_capacity",
           "cathode_capacity_as_made", "step_name", "DriveCycleInHoursWarning", "SECONDS_PER_HOUR",
           "SECONDS_PER_MINUTE", "looks_like_minutes", "drive_cycle_charge", "warn_drive_cycle_in_hours",
           "drive_cycle_in_hours_message", "warn_current_function_in_hours", "step_text_advice",
           "experiment_text_advice", "CutOffBelowMeasuredWindowWarning", "HOST_END_TOLERANCE", "host_end_voltage",
           "check_cut_off_in_host_window", "check_lower_cut_off_in_host_window", "HostWindow", "host_window",
           "judge_in_host_window", "check_solve_in_host_window"]


#: an experiment step's own value by the step's class (pybamm.step.current, rest, c_rate, voltage, power,
#: resistance) -> what it sets and its range. The sign of a current, C-rate or power is its direction; a voltage
#: is a cell voltage, (0, 6] V as the command line's step voltages (and checked against the cell's window, see
#: check_step_values); a resistance is a passive external load (0 holds the cell at 0 V)
STEP_VALUE_RANGES = {
    "Current": ("current", Range(why="a finite current [A], its sign the direction")),
    "CRate": ("C-rate", Range(why="a finite C-rate, its sign the direction")),
    "Voltage": ("voltage", Range(0.0, MAX_VOLTAGE_VS_LI, low_open=True,
                                 why=f"a cell voltage [V], at most {MAX_VOLTAGE_VS_LI:g} V")),
    "Power": ("power", Range(why="a finite power [W], its sign the direction")),
    "Resistance": ("resistance", Range(0.0, low_open=True, why="a passive external load [Ohm]")),
}
#: the experiment steps whose value is checked, the class name looked up in STEP_VALUE_RANGES (a rest is a
#: current of 0; a custom step's current is the user's function of the state: not checked)
_STEP_CLASSES = tuple((getattr(pybamm.step, name), name) for name in STEP_VALUE_RANGES
                      if isinstance(getattr(pybamm.step, name, None), type))
#: the parameter an experiment step's ``temperature=`` sets (PyBaMM: BaseStep.process_model)
_AMBIENT = "Ambient temperature [K]"
#: how far PyBaMM moves the model's voltage-window events ("Minimum/Maximum voltage [V]") out in an experiment
#: (pybamm.step.BaseStep.update_voltage_safety_events: the expression + 1 V), so that a step's own cut-off ends
#: it first: a voltage step beyond the cut-offs by more starts past the event, a solver error
EXPERIMENT_WINDOW_MARGIN = 1.0


#: the words of a step string that give its direction, with the sign PyBaMM multiplies its value by
#: (pybamm.step.string: "Charge at 1 A" runs at -1 A)
_DIRECTION_WORDS = {"Discharge": 1.0, "Charge": -1.0}
#: the units a current, C-rate or power step's value is in, for the messages
_STEP_UNITS = {"Current": " A", "CRate": "C", "Power": " W"}
#: a step string whose value is written with a minus sign after its direction word ("Discharge at -0.1C")
_SIGN_AGAINST_WORD = re.compile(rf"\s*({'|'.join(_DIRECTION_WORDS)}) at\s*-")

#: a C-rate written as a fraction of 1C, "1/10C" (PyBaMM reads "C/10" or "0.1C": "units must be 'A', 'V', ...")
_FRACTION_C_RATE = re.compile(r"(?<![\w./])(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*C\b")
#: a temperature written at the end of a step string, "... until 1.8 V at 70 C" (PyBaMM takes it as the step's
#: keyword only, pybamm.step.string(text, temperature="70oC"), and refuses "oC" in the text)
_TEXT_TEMPERATURE = re.compile(r"\s+at\s+(-?\d+(?:\.\d+)?)\s*(oC|°\s*C|deg\s*C|C|K)\s*$")


def step_text_advice(text, temperature_way=None):
    """What is wrong, with the way out, in a step string ``text`` PyBaMM could not read, for the slips its generic
    words do not name (trial WT, session 63), or None: a C-rate as a fraction, "Discharge at 1/10C until 1.8 V"
    (PyBaMM: "units must be 'A', 'V', 'W', 'Ohm', or 'C'", with its 14 examples): write "C/10"; a temperature in
    the text, "Discharge at 0.1C until 1.8 V at 70 C" (PyBaMM: a float error, or for "70oC" that it must be a
    keyword): the step's keyword ``temperature="70oC"`` (or 343.15, a number in K). Called by the package's entry
    points that read experiment strings (the command line's --experiment, :func:`pybamm_aea.sweep`'s experiment,
    :func:`pybamm_aea.cycling.cycle_summary`'s); PyBaMM's own ``pybamm.Experiment`` is not patched.
    ``temperature_way``: the way out of a temperature in the text where there is no keyword (the command line's), a
    format of ``kelvin``."""
    if not isinstance(text, str):
        return None
    fraction = _FRACTION_C_RATE.search(text)
    if fraction:
        top, bottom = float(fraction.group(1)), float(fraction.group(2))
        if bottom:
            way = f"'C/{bottom:g}' (or '{top / bottom:g}C')" if top == 1 else f"'{top / bottom:g}C'"
            return (f"{fraction.group(0)!r} in {text!r} is a C-rate as a fraction, which PyBaMM does not read: write "
                    f"{way}")
    ends = [k for k in (text.find(" until "), text.find(" for ")) if k >= 0]
    degrees = _TEXT_TEMPERATURE.search(text)
    if degrees and ends and degrees.start() > min(ends):
        value, unit = float(degrees.group(1)), degrees.group(2)
        kelvin = value if unit == "K" else value + 273.15
        rest = text[:degrees.start()]
        if temperature_way is not None:
            return (f"{degrees.group(0).strip()!r} in {text!r} is a temperature, which PyBaMM does not read in a "
                    f"step's text: write {rest!r} and " + temperature_way.format(kelvin=kelvin))
        return (f"{degrees.group(0).strip()!r} in {text!r} is a temperature, which PyBaMM takes as the step's keyword, "
                f"not in its text: pybamm.step.string({rest!r}, temperature=\"{kelvin - 273.15:g}oC\") (or "
                f"temperature={kelvin:g}, a number in K)")
    return None


def experiment_text_advice(cycles):
    """:func:`step_text_advice` of the first step string of ``cycles`` (a step string, or a list of them and of
    tuples of them, as ``pybamm.Experiment`` takes) that has one, or None."""
    steps = [cycles] if isinstance(cycles, str) else [
        step for cycle in (cycles if isinstance(cycles, (list, tuple)) else [])
        for step in (cycle if isinstance(cycle, (list, tuple)) else [cycle])]
    return next((said for said in map(step_text_advice, steps) if said), None)


def _check_direction_word(index, step, kind):
    """Refuse a step string whose value has a sign against its word ("Discharge at -0.1C until 1.8 V"): PyBaMM runs
    it the other way (a charge), and a cut-off it then starts beyond skips the step with a logged warning only (an
    experiment of such steps returned an EmptySolution, whose reading raised a TypeError). Read from the text's own
    minus sign: a step object (``pybamm.step.c_rate(0.1, description="Charge at 0.1C")``) keeps the sign given."""
    description = getattr(step, "description", None)
    if kind not in _STEP_UNITS or not isinstance(description, str) or not isinstance(step.value, numbers.Real):
        return
    written = _SIGN_AGAINST_WORD.match(description)
    if written is None:
        return
    word = written.group(1)
    value = step.value * _DIRECTION_WORDS[word]  # the value as the user wrote it (PyBaMM multiplied it by the sign)
    other = next(w for w in _DIRECTION_WORDS if w != word)
    raise ValueError(f"the {STEP_VALUE_RANGES[kind][0]} of the experiment's step {index} ({description}) = "
                     f"{value:g}{_STEP_UNITS[kind]} is negative, so PyBaMM would run this '{word}' step as a "
                     f"{other.lower()}: the word gives the direction, write the value without its sign (or "
                     f"'{other} at {abs(value):g}{_STEP_UNITS[kind]}')")


#: an experiment's termination (``pybamm.Experiment(termination=...)``, PyBaMM's parsed dict) -> its range: PyBaMM
#: stops after the cycle whose "Capacity [A.h]" is at or below the percentage of cycle 1's (so 100 % or more stops
#: after cycle 1 and 0 % or less never), or at or below the capacity in A.h; after the cycle whose lowest voltage is
#: at or below the voltage (Simulation.solve)
TERMINATION_RANGES = {
    ("capacity", "%"): Range(0.0, 100.0, low_open=True, high_open=True,
                             why="a percentage of cycle 1's \"Capacity [A.h]\", checked after each cycle: 100 % or "
                                 "more "
                             "stops after cycle 1, 0 % or less never"),
    ("capacity", "Ah"): Range(0.0, low_open=True, why="a capacity [A.h] (\"Capacity [A.h]\" at or below it stops "
                              "the experiment): 0 or less never stops it"),
    # (a step's voltage range, STEP_VALUE_RANGES["Voltage"], with what the termination does)
    ("voltage", "V"): dataclasses.replace(STEP_VALUE_RANGES["Voltage"][1], why=STEP_VALUE_RANGES["Voltage"][1].why +
                                          " (a cycle's lowest voltage at or below it stops the experiment)"),
}


def check_termination(experiment, parameter_values=None, inputs=None, slip_hints=True, made=None):
    """Refuse an experiment termination PyBaMM would take without a word but that cannot mean what it says
    (:data:`TERMINATION_RANGES`): ``"-80% capacity"`` or ``"0% capacity"`` never stopped a run, ``"150% capacity"``
    stopped it after cycle 1, and so did a voltage at or above the cell's "Upper voltage cut-off [V]" (read from
    ``parameter_values``, a number there or an input of the solve given in ``inputs``: every cycle's lowest voltage is
    below it; LMS "2.9 V"). ValueError naming the termination as written and its value. An A.h capacity termination
    is held to the cathode's capacity as made, ``made()`` (a solve's :func:`solve_capacity_as_made`; None:
    :func:`capacity_as_made_at_start` here), evaluated only for one. ``slip_hints`` False: the termination was
    converted from the unit a refusal's hints would suggest (the CLI's "2 mA.h capacity", read as 0.002 A.h, was asked
    "did you give mA.h? 0.002 mA.h = 2e-06 A.h": review R21), so the refusal offers neither the mA.h nor the
    percentage reading."""
    kinds = _terminations_by_kind(experiment)
    _check_one_of_each_kind(kinds)
    quoted = _written_terminations(experiment, kinds)  # (each as written: one of a list is not quoted as the list)
    for kind, value in (getattr(experiment, "termination", None) or {}).items():
        if not isinstance(value, tuple) or len(value) != 2:
            continue  # (a time: PyBaMM's to check)
        number, unit = value
        written = quoted.get(kind)
        rng = TERMINATION_RANGES.get((kind, unit))
        if rng is not None and rng.outside(np.array([float(number)])).any():
            raise ValueError(f"the experiment's termination {written!r}: its "
                             f"{kind} {float(number):g} {unit} is outside its range {rng.describe()} ({rng.why})")
        if (kind, unit) == ("capacity", "Ah") and parameter_values is not None:
            _check_capacity_termination(written, float(number), made_capacity(made, parameter_values, inputs),
                                        parameter_values, at_step_start(inputs), slip_hints)
        upper = None if parameter_values is None or (kind, unit) != ("voltage", "V") else number_of(
            parameter_values, "Upper voltage cut-off [V]", at_step_start(inputs))
        # (PyBaMM reads a cycle's lowest voltage on the battery's, the cut-off is a cell's)
        cells = cells_in_series(parameter_values, at_step_start(inputs))
        if upper is not None and float(number) >= upper * cells:
            battery = "" if cells == 1 else f" x {cells:g} cells in series = {upper * cells:g} V"
            raise ValueError(f"the experiment's termination {written!r}: its voltage {float(number):g} V is at or "
                             f"above the cell's \"Upper voltage cut-off [V]\" {upper:g} V{battery}, so every cycle's "
                             "lowest voltage is below it and PyBaMM stops the experiment after cycle 1")


class RisingCapacityTerminationWarning(UserWarning):
    """A capacity termination (``"80% capacity"``, ``"0.0004 A.h capacity"``) on an AEA model whose option makes
    "Capacity [A.h]", the summary variable PyBaMM stops on, rise while the capacity a cycle delivers falls
    (:data:`RISING_CAPACITY_OPTIONS`): the termination stops the run late or never. Given once per
    ``pybamm.Simulation``; :func:`rising_capacity_termination_message` words it."""


#: the AEA options under which "Capacity [A.h]" (the cathode's equilibrium accessible capacity, models/summary.py)
#: rises while the delivered capacity falls, with the figures measured (session 55's trial, /tmp/nd/life200.py: S-LMS,
#: Li2021_S_Mo6S8 at 70 C, with "ionic-switch host loss", 0.2C 1-3 V, 3 V hold to C/50, 10 min rests). Not listed:
#: "ionic-switch host loss" (LMS 0.5C CCCV 1.8-2.8 V, cycles 2-5: "Capacity [A.h]" -0.66 %, delivered -0.68 %),
#: "Li trapping" (counted in it: y_100), "interphase growth" (resistance only; LMS 1C, 20 cycles: neither moved)
RISING_CAPACITY_OPTIONS = {
    ("dispersed material degradation", "activation and contact loss"):
        "the dispersed material's activation adds to it (S-LMS over 200 cycles: 0.578 mA.h at cycle 1, 0.650 at "
        "cycle 50, 0.470 at cycle 200 = 81.3 % of cycle 1, while the capacity delivered fell 0.306 -> 0.169 mA.h, "
        "55 %)",
}


def rising_capacity_termination_message(experiment, options):
    """The :class:`RisingCapacityTerminationWarning` text for ``experiment`` on an AEA model of ``options``, or None
    (no capacity termination, or no option of :data:`RISING_CAPACITY_OPTIONS`). Names the termination as written,
    the option, what "Capacity [A.h]" is, and how to stop on the delivered capacity (PyBaMM 26.10's experiment reads
    "Capacity [A.h]" alone: ``Experiment.read_termination`` takes capacity, voltage and time only)."""
    termination = getattr(experiment, "termination", None) or {}
    if "capacity" not in termination or not options:
        return None
    rising = [(key, value, why) for (key, value), why in RISING_CAPACITY_OPTIONS.items() if options.get(key) == value]
    if not rising:
        return None
    written = _written_terminations(experiment, _terminations_by_kind(experiment)).get("capacity")
    said = "; ".join(f"{key!r}: {value!r}: {why}" for key, value, why in rising)
    return (f"the experiment's termination {written!r} stops on the summary variable \"Capacity [A.h]\", the "
            "cathode's equilibrium capacity (host sites less trapped Li, plus the accessible dispersed material), not "
            f"the capacity a cycle delivers; {said}. PyBaMM's termination reads no other summary variable: to stop on "
            "the delivered capacity, solve in blocks of cycles (sim.solve(starting_solution=solution)) and stop when "
            "pybamm_aea.cycling.cycle_summary(solution)[\"Discharge capacity in cycle [A.h]\"] falls below your "
            "share of cycle 1's, or give a voltage termination")


def capacity_as_made_at_start(parameter_values, inputs=None):
    """The cathode's capacity as made [A.h] (:func:`theoretical_cathode_capacity` of the AEA model) on
    ``parameter_values`` with a solve's ``inputs`` at a step's start (:func:`at_step_start`), or None (cannot be
    evaluated); numpy's warnings of an input out of range silenced (the input check names it after). The bound of
    an A.h capacity termination (:func:`check_termination`), the nominal capacity's match
    (:func:`nominal_capacity_mismatch`), the first step's share (:func:`.start_advice.first_step_window_message`) and
    what :func:`first_cycle_termination_message` compares cycle 1 with; a solve's is :func:`solve_capacity_as_made`."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return theoretical_cathode_capacity(None, parameter_values, at_step_start(inputs))


#: a ``pybamm.Simulation`` -> the capacity as made (A.h or None) of its build or solve under way, the first evaluation
#: of :func:`solve_capacity_as_made` there. Internal. A build drops the one before's as it starts (each solve builds
#: first, :mod:`pybamm_aea.pybamm_adapter.experiment_inputs`): a solve with other inputs or values evaluates its own
CAPACITY_AS_MADE = weakref.WeakKeyDictionary()


def solve_capacity_as_made(simulation, inputs=None):
    """The cathode's capacity as made [A.h] of ``simulation``'s solve (or build) under way with its ``inputs``, or None
    (cannot be evaluated): :func:`capacity_as_made_at_start` on its parameter values at the solve's first call, kept
    (:data:`CAPACITY_AS_MADE`) and read by the others: its termination check, nominal-capacity warning, first-step
    window and first-cycle warnings. One evaluation a solve: Li2021_Mo6S8 with a capacity termination and C-rate
    steps had 3 (the check, the nominal capacity's match, the first step's window; session 54)."""
    if simulation not in CAPACITY_AS_MADE:
        CAPACITY_AS_MADE[simulation] = capacity_as_made_at_start(simulation.parameter_values, inputs)
    return CAPACITY_AS_MADE[simulation]


def made_capacity(made, parameter_values, inputs):
    """The cathode's capacity as made ``made()`` gives (a solve's, :func:`solve_capacity_as_made`), or, ``made``
    None, :func:`capacity_as_made_at_start` on ``parameter_values`` with ``inputs`` [A.h]; None: cannot be evaluated."""
    return capacity_as_made_at_start(parameter_values, inputs) if made is None else made()


#: a unit slip's sign in a capacity termination's refusal: "Nominal cell capacity [A.h]" this many times the capacity
#: as made leads it as a loading slip's (a unit's: mg/cm2 for kg/m2 is 100x, g/m2 1000x); a thinner electrode than its
#: set's (S-LMS at 75 % of its loading, 1.325x: review R19) keeps the termination's own hints; and a termination this
#: many times the capacity as made is told "did you give mA.h?", one nearer it (0.00082074 A.h on the 0.8207318 mA.h
#: S-LMS cell, or equal to it) is no unit slip (it was asked, "still 0.001 times the cell's capacity": review R19)
LOADING_SLIP_FACTOR = 10.0


#: a capacity termination's unit slip (:attr:`~pybamm_aea.ranges.Range.slip`, its question
#: :func:`~pybamm_aea.ranges.slip_question`'s, that of every unit slip): PyBaMM reads it in A.h, a cell's
#: capacity is said in mA.h ("0.8 A.h capacity" meant as 0.8 mA.h on a 0.1517 mA.h Mo6S8 cell)
_CAPACITY_SLIP = ("A.h", "mA.h", 1000.0)


def _down(value, digits):
    """``value`` (> 0) rounded down to ``digits`` significant digits, as text: an advised bound "below" a capacity
    that rounding to nearest put above it (0.0005731920897 said "below 0.0005732", which stopped there too: R19)."""
    scale = 10.0 ** (math.floor(math.log10(value)) - digits + 1)
    return f"{math.floor(value / scale) * scale:.{digits}g}"


def _check_capacity_termination(written, capacity, made, parameter_values, inputs, slip_hints=True):
    """Refuse an absolute capacity termination (``"0.8 A.h capacity"``, ``capacity`` in A.h) at or above the cathode's
    capacity as made ``made`` (:func:`capacity_as_made_at_start` on ``parameter_values`` with ``inputs``, those at a
    step's start; skipped where it cannot be evaluated, None: another model's values, an input not given, an input out
    of range, which the input check names after without numpy's RuntimeWarning first): no cycle's "Capacity [A.h]"
    exceeds it (:func:`pybamm_aea.models.summary.standard_summary_variables`), so PyBaMM stops the experiment after
    cycle 1 without a word (session 51: 1 of 3 cycles ran on a 0.1517 mA.h Mo6S8 cell). ValueError naming the
    termination as written, its value, the cell's capacity and "Nominal cell capacity [A.h]" (the C-rate basis), and
    a unit slip (:meth:`~pybamm_aea.ranges.Range.slip_hint`), and a percentage where the value reads as a retention
    (neither with ``slip_hints`` False: :func:`check_termination`).
    """
    if made is None:
        return
    bound = dataclasses.replace(TERMINATION_RANGES[("capacity", "Ah")], high=made, high_open=True,
                                slip=_CAPACITY_SLIP)
    if bound.contains(capacity):
        return
    nominal = number_of(parameter_values, "Nominal cell capacity [A.h]", inputs)
    basis = "" if nominal is None else f"; its \"Nominal cell capacity [A.h]\" {nominal:.4g} A.h"
    _, other, per = _CAPACITY_SLIP
    made_from = _capacity_made_from(parameter_values, inputs)
    # (each at the digits that tell it from the other: at 4, 0.00082074 A.h was refused as above 0.0008207, R19)
    p = digits_apart(made, capacity)
    said, as_made = f"{capacity:.{digits_apart(capacity, made)}g}", f"{made:.{p}g} A.h ({made * per:.{p}g} {other}"
    if nominal is not None and nominal / made > LOADING_SLIP_FACTOR:  # (the C-rate basis of another cathode)
        # the sign of a loading slip, said first and alone: a termination mended to the capacity it made (a unit
        # hint's 0.0001 mA.h under a 1.517e-07 A.h bound) would pass and run the wrong cell (review R17)
        raise ValueError(f"the experiment's termination {written!r}: the cathode's capacity as made {as_made}, "
                         f"{made_from}) is 1/{nominal / made:.4g} of the cell's \"Nominal "
                         f"cell capacity [A.h]\" {nominal:.4g} A.h: check what that capacity is computed from (a "
                         f"loading in the wrong unit?); the termination's {said} A.h is at or above it, the most "
                         "a cycle's \"Capacity [A.h]\" can be, so PyBaMM would stop the experiment after cycle 1")
    hint = "" if not slip_hints or capacity < LOADING_SLIP_FACTOR * made else bound.slip_hint(capacity) or (
        f"; {slip_question(capacity, _CAPACITY_SLIP)}, still {slip_reading(capacity, _CAPACITY_SLIP) / made:.3g} "
        "times the cell's capacity")
    if slip_hints and 0.5 <= capacity < 1:  # (a retention typed as a fraction: 0.8 for 80 %)
        hint += f"; for {100 * capacity:g} % of cycle 1's capacity write '{100 * capacity:g}% capacity'"
    raise ValueError(f"the experiment's termination {written!r}: its capacity {said} A.h is at or above the "
                     f"cell's capacity, the cathode's capacity as made {as_made}, "
                     f"{made_from}{basis}), the most a cycle's \"Capacity [A.h]\" "
                     f"can be, so PyBaMM stops the experiment after cycle 1{hint}")


#: the parameter the cathode's capacity as made scales with, named in :func:`_check_capacity_termination`'s refusal
#: (a loading given 1000 times too small is inside its range, ``CATHODE_LOADING``: the capacity it makes is seen there)
_LOADING = "Cathode loading [kg.m-2]"


def _capacity_made_from(parameter_values, inputs):
    """What the cathode's capacity as made (:func:`theoretical_cathode_capacity`) is computed from, as
    :func:`_check_capacity_termination` names it: "from its \"Cathode loading [kg.m-2]\" 0.015 kg/m2 (1.5 mg/cm2)",
    ", the input 'L'" where the loading is one, and the other inputs of the solve it reads ("the input 'X' = 2.0"): a
    loading given 1000 times too small (in its range) made the termination the one refused, nothing pointing at the
    loading (review R13)."""
    from ..ranges import CATHODE_LOADING
    from .summary import theoretical_capacity

    unit, other, per = CATHODE_LOADING.slip
    value = parameter_values.get(_LOADING)
    as_input = (_LOADING if isinstance(value, str) and value == "[input]"
                else value.name if isinstance(value, pybamm.InputParameter) else None)
    try:  # (a number, an input, or an expression of other parameters and inputs: its value all the same)
        loading = float(np.asarray(parameter_values.process_symbol(pybamm.Parameter(_LOADING)).evaluate(
            inputs=dict(inputs or {})), dtype=float).item())
    except _NOT_EVALUATED:
        loading = None
    source = ("" if as_input is not None or isinstance(value, numbers.Real) or not isinstance(value, pybamm.Symbol)
              else f", computed as {value}")
    if source:  # (the parameters it reads, with their values; its inputs are said below)
        given = {p.name: number_of(parameter_values, p.name, inputs) for p in value.pre_order()
                 if isinstance(p, pybamm.Parameter)}
        source += "".join(f", \"{name}\" {number:g}" for name, number in sorted(given.items()) if number is not None)
    said = [] if loading is None else [f"its \"{_LOADING}\" {loading:.4g} {unit} ({loading * per:.4g} {other})"
                                       + ("" if as_input is None else f", the input {as_input!r}") + source]
    try:
        expression = parameter_values.process_symbol(theoretical_capacity(_model_param()))
        read = {s.name for s in expression.pre_order() if isinstance(s, pybamm.InputParameter)}
    except _NOT_EVALUATED:  # (evaluated just before, so not met)
        read = set()
    said += [f"the input {name!r} = {inputs[name]!r}" for name in sorted(read & inputs.keys() - {as_input})]
    return "from " + " and ".join(said) if said else "from the parameter values"


class FirstCycleCapacityTerminationWarning(UserWarning):
    """An experiment of more than one cycle stopped at its absolute capacity termination (``"0.0008 A.h capacity"``)
    after its first cycle, which PyBaMM logs only ("Stopping experiment since capacity ... is below stopping
    capacity"): S-LMS with "dispersed material degradation": "activation and contact loss" ends cycle 1 at 0.70 of
    its capacity as made (its sulfur not yet activated), so a termination between the two, which
    :func:`check_termination` passes, ran 1 of 3 cycles without a word (review R13). Not a refusal: a cell already
    below the value stops there rightly. Names the termination, cycle 1's "Capacity [A.h]", the capacity as made and
    what cycle 1 lacks of it (:func:`first_cycle_termination_message`). A termination met at a later cycle is a fade
    run's and is not warned about; nor one met at the first cycle of a solve continuing a ``starting_solution``."""


#: :func:`first_cycle_termination_message`'s ``made`` not given: evaluated there


def first_cycle_termination_message(experiment, solution, parameter_values, options=None, inputs=None,
                                    made=None):
    """The text of :class:`FirstCycleCapacityTerminationWarning` for ``solution``, the one a ``pybamm.Simulation``
    of ``experiment`` on ``parameter_values`` (with ``inputs``; the AEA model's ``options``) returned from the
    initial state, stopped at its capacity termination (PyBaMM's termination text, told by the caller; a step that
    failed or was stopped by a model event is the caller's ExperimentStepFailedWarning alone); or None: the
    termination is not an absolute capacity, the experiment has one cycle, the solution holds more than one or a
    cycle 1 of fewer steps than the experiment's (a step stopped it), or cycle 1's "Capacity [A.h]" cannot be read.
    Another termination cycle 1 also met (a voltage at or above its lowest, a time it reached: PyBaMM labels the stop
    the capacity's all the same) is named with it: a lower capacity alone would still stop the run there. What cycle
    1 lacks of the capacity as made is read off its summary variables
    (:func:`pybamm_aea.models.summary.standard_summary_variables`): the material out of contact at its end (as made
    minus "Positive electrode capacity [A.h]") and the Li trapped in the host ("Positive electrode capacity [A.h]"
    minus "Capacity [A.h]"), each named where it is not nil (at 4 digits). Cycle 1's, the termination's and the
    capacity as made each have the digits that tell it from the other two, cycle 1's share of it those that tell it
    from 1 (:func:`digits_apart`), so the capacity advised is below the capacity as made (:func:`check_termination`
    takes it). ``made``: what gives the capacity as made, as :func:`check_termination` takes it."""
    termination = getattr(experiment, "termination", None) or {}
    value = termination.get("capacity")
    lengths = list(getattr(experiment, "cycle_lengths", ()))
    if not (isinstance(value, tuple) and len(value) == 2 and value[1] == "Ah") or len(lengths) < 2:
        return None
    cycles = getattr(solution, "cycles", None) or []
    if len(cycles) != 1 or len(getattr(cycles[0], "steps", None) or []) < lengths[0]:
        return None
    try:
        summary = solution.summary_variables
        first = float(np.asarray(summary["Capacity [A.h]"], dtype=float).ravel()[0])
        electrode = float(np.asarray(summary["Positive electrode capacity [A.h]"], dtype=float).ravel()[0])
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return None
    written = _written_terminations(experiment, _terminations_by_kind(experiment))
    limit = float(value[0])
    made = made_capacity(made, parameter_values, inputs)
    figures = [first, limit] + ([] if made is None else [made])
    p = digits_apart(first, *figures)  # (each figure its own digits: review R19)
    said = (f"the experiment stopped at its termination {written.get('capacity')!r} after its first cycle, 1 of its "
            f"{len(lengths)} cycles: cycle 1's \"Capacity [A.h]\" {first:.{p}g} A.h ({first * 1e3:.{p}g} mA.h) is "
            f"at or below {limit:.{digits_apart(limit, *figures)}g} A.h, and PyBaMM stops after the first cycle whose "
            "capacity is, logging a line only")
    also = _other_terminations_met(termination, written, cycles[0])
    if also:
        said += (f"; its termination{'s' if len(also) > 1 else ''} {' and '.join(also)} "
                 f"{'were' if len(also) > 1 else 'was'} also met by cycle 1, so a lower capacity alone would still "
                 "stop it there")
    options = dict(options or {})
    if made is not None:
        activation = options.get("dispersed material degradation") == "activation and contact loss"
        what = [why for why, applies in (("dispersed material not yet activated or cut off", activation),
                                         ("host isolated behind the Li0 film",
                                          options.get("ionic-switch host loss") == "persistent Li0")) if applies]
        parts = [f"{made - electrode:.4g} A.h of its material out of contact at its end"
                 + (f" ({', '.join(what)})" if what else "") if made - electrode > 1e-4 * made else None,
                 f"{electrode - first:.4g} A.h in Li trapped in the host"
                 if electrode - first > 1e-4 * made else None]
        parts = [part for part in parts if part]
        said += (f". The cathode's capacity as made is {made:.{digits_apart(made, *figures)}g} A.h; cycle 1 ended at "
                 f"{first / made:.{digits_apart(first / made, 1.0)}g} of it"
                 + (f": {' and '.join(parts)}" if parts else ""))
    if options.get("dispersed material degradation") == "activation and contact loss":
        pool = _last_value(solution, "Dispersed material fraction not yet activated")
        share = "" if pool is None else f" ({pool:.3g} of it not yet activated at cycle 1's end)"
        said += (f"; with \"dispersed material degradation\": \"activation and contact loss\" the dispersed material "
                 f"activates as charge passes{share}, so a later cycle's capacity can be above cycle 1's")
    return (f"{said}. \"Capacity [A.h]\" is the capacity between the host's ends at the cycle's end state, not the "
            "charge a discharge delivers at its rate and cut-offs (\"Discharge capacity [A.h]\"). If the cell is meant "
            f"to stop there, nothing is wrong; for a fade from cycle 1 give a capacity below {_down(first, p)} A.h "
            "or a "
            "percentage of cycle 1's ('80% capacity')")


def digits_apart(value, *others):
    """The significant digits (at least 4) that print ``value`` apart from each of ``others`` (the figures it is said
    with) it differs from: at 4, LMS's cycle 1 0.00015165 A.h, termination 0.00015167 A.h and 0.00015169 A.h as made
    were all "0.0001517" (review R17), and a bound advised below cycle 1's read as the capacity as made, refused. Each
    figure its own: with one count for all, a termination 1e-10 A.h above S-LMS's cycle 1 printed the capacity as made
    (0.0008207318 A.h), cycle 1's share of it (0.6983915) and the parts (0.0002475397 A.h) at 7 significant digits
    (review R19)."""
    for p in range(4, 17):
        if all(f"{value:.{p}g}" != f"{other:.{p}g}" for other in others if other != value):
            return p
    return 17


def _terminations_by_kind(experiment):
    """{kind: [the terminations of that kind as the user wrote them, in order]}, kind as PyBaMM reads it
    ("capacity", "voltage", "time"): the one string or the items of the list given (PyBaMM keeps it in
    ``termination_string``); an item PyBaMM cannot read is left out (PyBaMM's to refuse)."""
    given = getattr(experiment, "termination_string", None)
    kinds = {}
    for item in [given] if isinstance(given, str) else list(given or []):
        try:
            for kind in pybamm.Experiment.read_termination([item]):
                kinds.setdefault(kind, []).append(item)
        except (ValueError, TypeError, IndexError, AttributeError):
            continue
    return kinds


def _check_one_of_each_kind(kinds):
    """Refuse terminations (``kinds``, :func:`_terminations_by_kind`) with two of one kind (["80% capacity",
    "0.0007 A.h capacity"]): PyBaMM reads them into one dict by kind, keeping the last and dropping the others
    without a word (the first stopped S-LMS with activation after cycle 1 or never, by their order: review R19).
    ValueError naming the items of that kind."""
    for kind, items in kinds.items():
        if len(items) > 1:
            raise ValueError(f"the experiment's terminations {', '.join(map(repr, items))}: {len(items)} {kind} "
                             f"terminations, of which PyBaMM keeps only the last ({items[-1]!r}) and drops the "
                             "others without a word; give one")


def _written_terminations(experiment, kinds):
    """{kind: the termination as the user wrote it} of ``experiment`` (``kinds``, :func:`_terminations_by_kind`;
    of several of a kind the last, PyBaMM's); one PyBaMM's ``termination`` holds and ``kinds`` lacks as PyBaMM
    reads it."""
    written = {kind: items[-1] for kind, items in kinds.items()}
    for kind, value in (getattr(experiment, "termination", None) or {}).items():
        written.setdefault(kind, f"{float(value[0]):g} {value[1]}" if isinstance(value, tuple) else f"{value:g} s")
    return written


def _other_terminations_met(termination, written, cycle):
    """The experiment's voltage and time terminations that its first cycle ``cycle`` met too, as written with what
    met them: PyBaMM checks the capacity first and labels the stop "experiment capacity limit reached" either way."""
    met = []
    voltage = termination.get("voltage")
    try:
        lowest = float(np.min(np.asarray(cycle["Battery voltage [V]"].entries, dtype=float)))
    except (KeyError, TypeError, ValueError, AttributeError):
        lowest = None
    if isinstance(voltage, tuple) and lowest is not None and lowest <= float(voltage[0]):
        met.append(f"{written.get('voltage')!r} (cycle 1's lowest voltage {lowest:.4g} V)")
    stop = termination.get("time")
    try:
        span = float(cycle.t[-1] - cycle.t[0])
    except (TypeError, IndexError, AttributeError):
        span = None
    if isinstance(stop, numbers.Real) and span is not None and span >= float(stop) * (1 - 1e-9):
        met.append(f"{written.get('time')!r} (cycle 1 took {span:.4g} s)")
    return met


def _last_value(solution, name):
    """``name``'s value at the end of ``solution``'s first cycle (a scalar variable), or None (not a variable)."""
    try:
        return float(np.asarray(solution.cycles[0][name].entries, dtype=float).ravel()[-1])
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return None


def _check_cut_offs(index, step, cut_offs, cells=1.0):
    """Refuse a step's voltage cut-off (``"... until 0.5 V"``) outside the cell's window in an experiment
    (:func:`_step_window`): the model's "Minimum/Maximum voltage [V]" event ends the step before it, and PyBaMM stops
    the whole experiment there with a logged warning only (a 300-cycle run ended in cycle 1, LMS "until 0.5 V" at its
    0.8 V event), or the solver fails on the way (LMS "Charge ... until 5.5 V": IDA_ERR_FAIL). PyBaMM ends a step on
    the battery's voltage, ``cells`` cells in series (:func:`cells_in_series`), and puts the window events on a cell's.
    A cut-off above :data:`~pybamm_aea.constants.MAX_VOLTAGE_VS_LI` is refused whatever the window, as a voltage step's
    value (:data:`STEP_VALUE_RANGES`): with the window at 6 V, "Charge at 0.01C until 6.5 V" was accepted."""
    window = _step_window("Voltage", cut_offs)
    for term in getattr(step, "termination", None) or ():
        value = getattr(term, "value", None)
        if not (isinstance(term, pybamm.step.VoltageTermination) and isinstance(value, numbers.Real)):
            continue
        name = step_name(step, str)
        per_cell = "" if cells == 1 else (f", a battery voltage: {float(value) / cells:g} V a cell of the {cells:g} "
                                          "in series")
        if float(value) / cells > MAX_VOLTAGE_VS_LI:  # (as a voltage step's value, STEP_VALUE_RANGES)
            raise ValueError(f"the voltage cut-off of the experiment's step {index} ({name}) = {float(value)!r} V"
                             f"{per_cell} is above {MAX_VOLTAGE_VS_LI:g} V, the most a cell voltage may be (a "
                             "voltage step's value and the cell's \"Upper voltage cut-off [V]\" are at most as much)")
        if window is not None and window.outside(np.array([float(value) / cells])).any():
            # (at or below 0 V no window admits it: widening the cut-offs, the advice past a window event, cannot)
            why = ("a cell's voltage is above 0 V, whatever its cut-offs" if float(value) / cells <= 0 else
                   "PyBaMM puts the model's \"Minimum voltage [V]\" and \"Maximum voltage [V]\" events there in an "
                   "experiment: one ends the step before its cut-off and PyBaMM stops the experiment there with a "
                   "logged warning only; widen \"Lower/Upper voltage cut-off [V]\" to run past them")
            raise ValueError(f"the voltage cut-off of the experiment's step {index} ({name}) = {float(value)!r} V"
                             f"{per_cell} is "
                             f"outside its range {window.describe()} (the cell's voltage cut-offs {cut_offs[0]:g} and "
                             f"{cut_offs[1]:g} V moved {EXPERIMENT_WINDOW_MARGIN:g} V out{_above_zero(cut_offs)}; "
                             f"{why})")


class CutOffBelowMeasuredWindowWarning(UserWarning):
    """An experiment step's voltage cut-off or held voltage (a hold since session 64) lies below the set's own lower
    cut-off (the window the paper cycled that cell in: LMS 1.8 V) but not below the end of its host's free energy
    (:func:`host_end_voltage`): the host's OCP there is the model's assumption (Mo6S8: the Li4 window's linear fall
    from the 2.035 V plateau to U_full = 1.0 V, written so that the hybrids' 1-3 V window is covered), measured on
    no cell of this set. Warned, not refused: the
    model is defined there (the host holds at most its maximum Li), only not validated; below the end it is refused
    (:func:`judge_in_host_window`)."""


#: how far [V] a cut-off may lie below the host's free-energy end and be at it (the OCP at x_max is 1.0 + 2e-15 V)
HOST_END_TOLERANCE = 1e-6


def host_end_voltage(values, inputs=None):
    """The potential [V vs Li] of a host that takes Li past its maximum content (values' "Cathode host full at maximum
    Li content" 0: Mo6S8's electron-limited Li4 end) at that maximum: its free energy's "Cathode homogeneous OCP [V]"
    at "Cathode maximum Li content" and the ambient temperature (Li2021_Mo6S8: U_full = 1.0 V). Below it the model
    fills the host past its maximum Li (4.01 Li per Mo6S8 at 0.48 V), which its free energy's end was not written
    for. None for a host full at its maximum (TiS2, the materials' sets: an event ends the step there), values
    without the function, or a number not known here (an input)."""
    if values is None:
        return None
    one = at_step_start(inputs)
    full, x_max = (number_of(values, name, one) for name in ("Cathode host full at maximum Li content",
                                                              "Cathode maximum Li content"))
    T = number_of(values, _AMBIENT, one)
    ocp = values.get("Cathode homogeneous OCP [V]") if hasattr(values, "get") else None
    if full != 0.0 or x_max is None or T is None or not callable(ocp):
        return None
    try:
        with np.errstate(all="ignore"):
            end = ocp(np.array([x_max]), T)  # (a PyBaMM vector of the number: the set's function builds symbols)
            end = float(np.asarray(end.evaluate() if isinstance(end, pybamm.Symbol) else end, dtype=float).ravel()[0])
    except (TypeError, ValueError, AttributeError, IndexError):
        return None
    return end if math.isfinite(end) else None


@dataclasses.dataclass(frozen=True)
class HostWindow:
    """The host's modelled window a voltage is judged against (:func:`judge_in_host_window`): ``end``, its
    free energy's end [V vs Li] (:func:`host_end_voltage`); ``potential``, the model's anode's [V vs Li]
    (:func:`~pybamm_aea.models.checks.cut_off_potential`), which moves a cell voltage to the cathode's; ``lower``,
    the values' own "Lower voltage cut-off [V]" (a cell voltage; None: not a number known here) and ``lower_vs_li``,
    it on the anode the values declare their cut-offs against (the window the paper cycled the set's cell in)."""

    end: float
    potential: float
    lower: float | None
    lower_vs_li: float | None


#: model -> (the inputs its host window read, the :class:`HostWindow` or None): the plain solve's judgement
#: (:func:`check_solve_in_host_window`) computes the window once per model and input set, as check_inputs remembers
#: the input set that passed (session 63)
_HOST_WINDOWS = weakref.WeakKeyDictionary()

#: the parameters a :class:`HostWindow` reads (:func:`host_window`)
_HOST_WINDOW_NAMES = ("Cathode host full at maximum Li content", "Cathode maximum Li content",
                      "Ambient temperature [K]", "Lower voltage cut-off [V]")


def host_window(values, anode=None, inputs=None, model=None):
    """The :class:`HostWindow` of ``values`` on the model's ``anode`` with the solve's ``inputs``, or None (a host
    full at its maximum, values without its free energy: :func:`host_end_voltage`). With ``model`` it is computed
    once per model and the values of the inputs it reads (:data:`_HOST_WINDOWS`)."""
    if values is None:
        return None
    key = None
    if model is not None:
        named = {name: values[name] for name in _HOST_WINDOW_NAMES if name in values}
        given = sorted({v.name for v in named.values() if isinstance(v, pybamm.InputParameter)}
                       | {name for name, v in named.items() if isinstance(v, str) and v == "[input]"})
        # (the inputs' values as check_inputs records them: type, number, an array's bytes; None, a value of another
        # kind or one not given: not remembered)
        key = input_set_key({name: (inputs or {}).get(name) for name in given})
        try:
            known = _HOST_WINDOWS.get(model) if key is not None else None
        except TypeError:  # (a model that takes no weak reference: computed each time)
            known, model = None, None
        if key is None:
            model = None
        if known is not None and known[0] == key:
            return known[1]
    window = None
    end = host_end_voltage(values, inputs)
    if end is not None:
        from ..parameters.paper_cell import cut_off_anode_potential

        potential = cut_off_potential(values, anode)
        lower = number_of(values, "Lower voltage cut-off [V]", at_step_start(inputs)) if (
            "Lower voltage cut-off [V]" in values) else None
        declared = cut_off_anode_potential(values)
        window = HostWindow(end, potential, lower,
                            None if lower is None else lower + (potential if declared is None else declared))
    if model is not None:
        _HOST_WINDOWS[model] = (key, window)
    return window


def judge_in_host_window(said, vs_li, window, way_out, measured=True):
    """The one judgement of a voltage against the host's modelled window (``window``, a :class:`HostWindow`):
    ``said`` is what the voltage is ("the held voltage of the experiment's step 2 (...) = 0.9 V"), ``vs_li`` it
    on the model's anode [V vs Li], ``way_out`` the end said as the user writes it ("hold at 1 V"):

    - below ``window.end``: ``ValueError`` naming the value, the end and the way out. The model is meaningless there:
      it would fill the host past its maximum Li content, a composition its free energy gives no physics for (Mo6S8
      beyond Li4Mo6S8; review R51: "Hold at 0.9 V for 10 minutes" solved to 4.0019 Li);
    - ``measured``, below the set's own "Lower voltage cut-off [V]" (``window.lower_vs_li``, the window the paper
      cycled the cell in) but not the end: :class:`CutOffBelowMeasuredWindowWarning`, the model being defined there
      but not validated (trial WT, session 63: LMS run to 1.0 V was accepted without a word; a hold there too, until
      session 64);
    - otherwise it passes."""
    if vs_li < window.end - HOST_END_TOLERANCE:
        raise ValueError(f"{said} is below {window.end:g} V vs Li, where the host's free energy ends: the model would "
                         f"fill the host past its maximum Li; {way_out} or above")
    if measured and window.lower_vs_li is not None and vs_li < window.lower_vs_li - HOST_END_TOLERANCE:
        warnings.warn(CutOffBelowMeasuredWindowWarning(
            f"{said} is below the set's \"Lower voltage cut-off [V]\" {window.lower:g} V but not the host's end, "
            f"{window.end:g} V vs Li: the OCP between them is measured on no cell of this set, a prediction "
            "(docs/known_limits.rst)"), stacklevel=users_stacklevel())


def _judge_step_voltages(index, step, what, verb, held, window, cells=1.0, where=lambda k: ""):
    """Judge the voltages ``held`` (a sequence: a step's value or values over its times, ``where(k)`` the text
    after value ``k``: its time, its inputs) of the experiment's step ``index``, its ``what`` ("held voltage",
    "voltage cut-off"), a battery's of ``cells`` in series (a cut-off; a held voltage is a cell's: 1), by
    :func:`judge_in_host_window`: the first below the host's end is refused, else the first below the measured
    window warned about (once a step)."""
    held = np.asarray(held, dtype=float).ravel()
    vs_li = held / cells + window.potential
    with np.errstate(invalid="ignore"):
        below = np.flatnonzero(vs_li < window.end - HOST_END_TOLERANCE)
        if not below.size and window.lower_vs_li is not None:
            below = np.flatnonzero(vs_li < window.lower_vs_li - HOST_END_TOLERANCE)
    if not below.size:
        return
    k = int(below[0])
    value = float(held[k])
    per = [] if cells == 1 else [f"{value / cells:g} V a cell of {cells:g}"]
    on = "; ".join(per + ([] if window.potential == 0 else [f"{vs_li[k]:g} V vs Li on the anode's "
                                                            f"{window.potential:g} V"]))
    on = f" ({on})" if on else ""
    a_cell = "" if cells == 1 else f" ({window.end - window.potential:g} V a cell)"
    judge_in_host_window(f"the {what} of the experiment's step {index} ({step_name(step, str)}) = {value:g} V{on}"
                         f"{where(k)}", float(vs_li[k]), window,
                         f"{verb} {(window.end - window.potential) * cells:g} V{a_cell}")


def check_cut_off_in_host_window(index, step, values, anode=None, cells=1.0, inputs=None, window=None):
    """Judge step ``index``'s own voltage cut-offs (numbers, or expressions of the solve's ``inputs``, session 64)
    and a voltage step's held value (a number), a cut-off the battery's of ``cells`` in series taken per cell, a held
    value the cell's (PyBaMM holds "Voltage [V]"), each as the cathode's potential on the model's ``anode``, against
    the host's modelled window (``window``, when the caller has it: :func:`host_window`), by
    :func:`judge_in_host_window`: below its end refused, below the set's measured window warned about (a hold too
    since session 64). A held value of inputs or of the time is judged where
    :func:`check_step_values` evaluates it, after its range.

    Sets whose host is full at its maximum (TiS2 and the materials') are not looked at: their event ends a step
    there, whatever its cut-off."""
    window = host_window(values, anode, inputs) if window is None else window
    if window is None:
        return
    one = at_step_start(inputs)
    judged = [("voltage cut-off", "end the step at", getattr(term, "value", None))
              for term in getattr(step, "termination", None) or () if isinstance(term, pybamm.step.VoltageTermination)]
    if isinstance(step, pybamm.step.Voltage):  # (a held voltage: session 63, "Hold at 0.9 V" filled Mo6S8 to 4.0019)
        judged.insert(0, ("held voltage", "hold at", getattr(step, "value", None)))
    for what, verb, value in judged:
        where = ""
        if what == "voltage cut-off" and isinstance(value, pybamm.Symbol) and not of_time(value):  # (an input's)
            names = sorted({s.name for s in value.pre_order() if isinstance(s, pybamm.InputParameter)})
            value = varying_values(value, [0.0], one)
            value = None if value is None else float(value[0])
            where = "".join(f", from the input {name!r} = {one[name]!r}" for name in names if name in one)
        if not isinstance(value, numbers.Real):
            continue
        # (a held voltage is the cell's, PyBaMM's "Voltage [V]"; a cut-off the battery's: session 63 took a held
        # value as the battery's, refusing a 2-cell "Hold at 1.5 V" as 0.75 V a cell)
        _judge_step_voltages(index, step, what, verb, [value], window, cells if what == "voltage cut-off" else 1.0,
                             lambda k: where)


def check_lower_cut_off_in_host_window(values, anode=None, inputs=None, window=None):
    """Refuse ``values`` whose own "Lower voltage cut-off [V]" (a number or an input's, a cell voltage on the anode
    the values declare their cut-offs against, else the model's ``anode``) lies below the host's end (``window``,
    when the caller has it: :func:`host_window`), by :func:`judge_in_host_window`, for an experiment
    (:func:`check_step_values`) and a plain solve (:func:`check_solve_in_host_window`, session 64: LMS set to 0.5 V
    ran ``solve([0, 3600])`` to 4.03 Li without a word). Until session 63 not judged: Li2021_Mo6S8's set to 0.5 V
    discharged at 0.5C to -0.50 V and 4.027 Li with only PyBaMM's failed-step warning."""
    window = host_window(values, anode, inputs) if window is None else window
    if window is None or window.lower_vs_li is None:
        return
    moved = window.lower_vs_li - window.lower
    judge_in_host_window(f"'Lower voltage cut-off [V]' = {window.lower:g} V ({window.lower_vs_li:g} V vs Li)",
                         window.lower_vs_li, window, f"set it to {window.end - moved:g} V", measured=False)


def check_solve_in_host_window(model, inputs=None):
    """A plain solve's judgement (``sim.solve([t0, t1])``, no experiment: the values' "Lower voltage cut-off [V]"
    ends it) of ``model``'s values' lower cut-off against the host's end (:func:`check_lower_cut_off_in_host_window`),
    with the solve's ``inputs`` (a dict, or a list of them: each judged); the window computed once per model and
    input set (:func:`host_window`)."""
    values = parameter_values_of(model)
    if values is None:
        return
    anode = (getattr(model, "options", None) or {}).get("anode")
    for one in inputs if isinstance(inputs, (list, tuple)) else [inputs]:  # (a list of input sets: the sweep's)
        check_lower_cut_off_in_host_window(values, anode, one, host_window(values, anode, one, model))


def at_step_start(inputs):
    """The solve's ``inputs`` (a dict or None) with the inputs PyBaMM gives each step itself
    (:data:`PYBAMM_INPUTS`) at 0, as at the start of a step: what the checks before any step evaluate with."""
    return {**dict(inputs or {}), **dict.fromkeys(PYBAMM_INPUTS, 0.0)}


def number_of(parameter_values, name, inputs):
    """The number ``parameter_values[name]`` is, or its input's value; None if neither (a function)."""
    try:
        value = parameter_values[name]
    except (KeyError, TypeError):
        return None
    if isinstance(value, str) and value == "[input]":
        value = inputs.get(name)
    elif isinstance(value, pybamm.InputParameter):
        value = inputs.get(value.name)
    elif isinstance(value, pybamm.Scalar):
        value = value.value
    return float(value) if isinstance(value, numbers.Real) and math.isfinite(value) else None


#: the battery's number of cells in series, PyBaMM's name (:func:`cells_in_series`)
CELLS_IN_SERIES = "Number of cells connected in series to make a battery"


def cells_in_series(parameter_values, inputs):
    """The battery's "Number of cells connected in series to make a battery": PyBaMM ends an experiment's step, and
    the experiment, on the battery's voltage ("Battery voltage [V]", pybamm.step.VoltageTermination and
    Simulation.solve), the cut-offs and window events are a cell's. A number, or the value of the inputs it is given
    by (``"[input]"``, ``pybamm.InputParameter("n")``, an expression of them) in the solve's ``inputs``; 1 where the
    values do not hold it (None: no values). Until session 63 an input's expression, or an input the check was not
    given, was taken as 1 (2 x pybamm.InputParameter("n") with n = 1: "until 1.4 V" was judged as 1.4 V a cell, not
    0.7 V of 2, and accepted). ``ValueError`` naming the input and the way out where an input it reads is not in
    ``inputs`` (a ``build_for_experiment()`` without them: its checks read the number), and the range check's error
    where an input's number is not at least 1 (an input of 0 was taken as 1). A number of cells that is not whole
    (an input of 1.5, run until review R51) is refused naming it."""
    if parameter_values is None:
        return 1.0
    inputs = dict(inputs or {})
    try:
        given = parameter_values[CELLS_IN_SERIES]
    except (KeyError, TypeError):
        return 1.0
    cells = number_of(parameter_values, CELLS_IN_SERIES, inputs)
    where = ""
    if cells is None and (isinstance(given, pybamm.Symbol) or given == "[input]"):
        symbol = parameter_values.process_symbol(pybamm.Parameter(CELLS_IN_SERIES))
        read = sorted({s.name for s in symbol.pre_order() if isinstance(s, pybamm.InputParameter)})
        missing = [name for name in read if name not in inputs]
        if missing:
            raise ValueError(
                f"{CELLS_IN_SERIES!r} " + ("is an input" if missing[0] == CELLS_IN_SERIES else f"reads the input "
                f"{missing[0]!r}{'' if isinstance(given, pybamm.InputParameter) else f' ({given})'}") + ", not "
                "given: give it in the "
                f"inputs of the solve (sim.solve(inputs={{{missing[0]!r}: 2}})) or of build_for_experiment, or a "
                "number in the parameter values")
        cells = float(np.asarray(symbol.evaluate(inputs=inputs), dtype=float).item())
        where = "".join(f"; from the input {name!r} = {inputs[name]!r}" for name in read)
    if cells is None:
        return 1.0
    if cells >= 1 and not float(cells).is_integer():  # (session 63: an input of 1.5 was run as 1.5 cells)
        raise ValueError(f"{CELLS_IN_SERIES!r} = {cells:g} is not a whole number of cells{where}: give 1, 2, ...")
    if not isinstance(given, pybamm.Symbol):  # a number of the values: their own check refuses one below 1 at the
        return cells if cells > 0 else 1.0  # build (check_parameter_values), after this check's judgement on 1
    try:
        check_value(CELLS_IN_SERIES, cells)  # (an input's value: the range check's refusal, naming it)
    except ValueError as exc:
        raise ValueError(f"{exc}{where}") from None
    return cells


def _above_zero(cut_offs):
    """", above 0 V" where the lower cut-off moved out is not above 0 V (:func:`_step_window`), else ""."""
    return ", above 0 V" if cut_offs[0] - EXPERIMENT_WINDOW_MARGIN < 0 else ""


def _step_window(kind, cut_offs):
    """The range of a voltage step in an experiment (the cell's ``cut_offs``, lower and upper, moved
    :data:`EXPERIMENT_WINDOW_MARGIN` out, and above 0 V, as every cell voltage a step or a termination gives:
    a Li-In cell's 0.38 V cut-off moved out is -0.62 V, and "until -0.3 V" drove TiS2 to a cell voltage of
    -0.3 V), or None (another kind of step, or a cut-off not a number)."""
    if kind != "Voltage" or None in cut_offs:
        return None
    low, high = max(cut_offs[0] - EXPERIMENT_WINDOW_MARGIN, 0.0), cut_offs[1] + EXPERIMENT_WINDOW_MARGIN
    return Range(low, high, low_open=True, high_open=True,
                 why=f"the cell's window in an experiment: its voltage cut-offs {cut_offs[0]:g} and "
                 f"{cut_offs[1]:g} V, which PyBaMM moves {EXPERIMENT_WINDOW_MARGIN:g} V out{_above_zero(cut_offs)}; "
                 "beyond, the step starts past them, a solver error PyBaMM logs and stops the experiment at")


def _check_drive_cycle(index, step, kind, cut_offs, parameter_values=None, anode=None, tables=None, window=None,
                      cells=1.0):
    """Check every sample of the drive cycle of numbers ``step`` (PyBaMM's ``input_value``: rows of a time [s]
    from the step's start and the step's value) is step ``index`` of the experiment: times finite and strictly
    increasing, values in :data:`STEP_VALUE_RANGES` (a voltage also in the cell's window, :func:`_step_window`).
    PyBaMM interpolates a drive cycle linearly between its samples (and loops it when the step is longer), and
    each range is an interval, so the samples in range are the whole cycle in range: exact, every sample the step
    reaches. A step shorter than its cycle (``duration=15`` on samples at 0, 10, 20 and 30 s) ends in a segment
    (10-20 s): the samples after it never run and are not checked, its value at 15 s is (interpolated,
    :func:`_drive_cycle_reached`); its times are all checked (they say where the step ends in the cycle); a value
    not finite is refused in the sample after the end too, and one ending on a sample (``duration=20``) reads the
    next (PyBaMM's interpolant there gave the NaN of sample 30 s as the solution's current at 20 s, measured). Raises
    ``ValueError`` naming the step, the value, its sample and its time. PyBaMM itself refuses decreasing times
    when the step is made (its ``Interpolant``: "x should be monotonically increasing"), but not a NaN time, nor a
    repeated one (two values at one time, of which the interpolation picks one). A voltage's samples reached are
    checked against the ends of the OCP tables of ``parameter_values`` (``tables``, read once per experiment) on the
    model's ``anode`` too (:func:`~pybamm_aea.models.checks.check_held_voltages_in_tables`, session 59), and against
    the host's modelled ``window`` (:func:`judge_in_host_window`, a battery of ``cells``; session 64)."""
    data = step.input_value
    n = len(data)
    duration = float(step.duration)
    what, rng = STEP_VALUE_RANGES[kind]
    name = _drive_cycle_name(step)
    try:
        times, values = np.asarray(data[:, 0], dtype=float), np.asarray(data[:, 1], dtype=float)
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"the drive cycle of the experiment's step {index} ({name}) is not a 2-column array of "
                         "numbers (time [s], value)") from None
    with np.errstate(invalid="ignore"):  # (NaN compares False: refused)
        bad = ~np.isfinite(times) | np.r_[False, ~(times[1:] > times[:-1])]
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        t = times[k]
        why = "is not finite" if not math.isfinite(t) else f"is not after sample {k}'s t = {times[k - 1]:g} s"
        raise ValueError(f"the time of sample {k + 1} (of {n}) of the drive cycle of the experiment's step "
                         f"{index} ({name}) = {float(t)!r} s {why} (a drive cycle's times [s] are finite and "
                         f"increase strictly: PyBaMM interpolates its {what} linearly between them)")
    # the samples the step reaches: a step shorter than the cycle ends in the segment up to the first sample after
    # its end, the samples after that never run (PyBaMM cuts the cycle there); one ending on a sample reads the next
    # too (a NaN there was the solution's current at the step's end, measured); a longer one loops the whole cycle
    # (pybamm.step.BaseStep: the cycle repeated until the step's end), every sample
    used = min(int(np.searchsorted(times, duration, side="right")), n - 1) + 1 if duration <= times[-1] else n
    if not np.isfinite(values[:used]).all():  # (a value not finite: every sample read, the one after the end too)
        k = int(np.flatnonzero(~np.isfinite(values[:used]))[0])
        raise ValueError(f"the {what} of the experiment's step {index} ({name}) = {float(values[k])!r} at "
                         f"t = {times[k]:g} s of its drive cycle (sample {k + 1} of {n}) is outside its "
                         f"physical range {rng.describe()} ({rng.why})")
    held, at = _drive_cycle_reached(times, values, duration)
    for check in (rng, _step_window(kind, cut_offs)):
        if check is None:
            continue
        bad = check.outside(held)
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise ValueError(f"the {what} of the experiment's step {index} ({name}) = {float(held[k])!r}{at(k)} is "
                             f"outside its {'physical range' if check is rng else 'range'} {check.describe()} "
                             f"({check.why})")
    if kind == "Voltage":
        check_held_voltages_in_tables(index, name, held, parameter_values, anode, at, tables)
        if window is not None:  # (its samples reached against the host's window, session 64)
            _judge_step_voltages(index, step, "held voltage", "hold at", held, window, 1.0, at)  # (a cell's)


def _drive_cycle_reached(times, values, duration):
    """The values a drive cycle (its samples' ``times`` [s], from 0 and increasing, and ``values``) runs at in a
    step of ``duration`` [s], and ``at(k)``, where value ``k`` is, in words: every sample of a step as long as its
    cycle or longer (looped); the samples up to the end of a shorter one, and the value interpolated linearly at its
    end (PyBaMM's interpolant) where that is between two samples. The sample after the end is never reached: until
    session 59 it was checked, and a cycle 4.0 V at 0 s, 4.3 V at 600 s cut to 300 s (4.15 V at its end) was refused
    on AEA_LiCoO2 as held at 4.3 V past its cathode table's end 4.2535 V (review R43)."""
    n = len(times)

    def sample(k):
        return f" at t = {times[k]:g} s of its drive cycle (sample {k + 1} of {n})"

    if duration >= times[-1]:
        return values, sample
    j = int(np.searchsorted(times, duration, side="right"))  # (times[j - 1] <= duration < times[j]; times[0] = 0)
    if times[j - 1] == duration:
        return values[:j], sample
    end = float(np.interp(duration, times, values))

    def at(k):
        return sample(k) if k < j else (f" at t = {duration:g} s, the step's end (interpolated between samples {j} "
                                        f"and {j + 1} of {n} of its drive cycle)")

    return np.r_[values[:j], end], at


class DriveCycleInHoursWarning(UserWarning):
    """A drive cycle of currents or C-rates whose whole step moves less charge than one second at 1C, its samples
    spanning at most 24 and under a second apart: its times, read as seconds, likely hours
    (:func:`warn_drive_cycle_in_hours`, :func:`looks_like_hours`); or one moving less than a minute at 1C whose samples
    fall on whole seconds read as minutes, 1/20 s apart or closer: its times likely minutes (:func:`looks_like_minutes`,
    session 64)."""


#: hours in seconds: a drive cycle's times written in hours and read as seconds run this many times too fast
SECONDS_PER_HOUR = 3600.0


#: the longest span of a drive cycle's times read as hours: a day (a cycle spanning more is not in hours)
HOURS_IN_A_DAY = 24.0


def looks_like_hours(times):
    """Whether a drive cycle's sample ``times`` bear the signature of hours read as seconds: a span of at most a day's
    24 and samples under a second apart (their median interval). A drive cycle written in hours logs several samples
    an hour (a minute apart: 0.0167), so read as seconds its samples are a fraction of a second apart, while a cycler's
    record of a pulse or a drive cycle in seconds is logged a second or more apart (session 62: a 10 s pulse at C/20,
    0.5 C.s, sampled each second, was warned as hours and told to become 36000 s)."""
    times = np.asarray(times, dtype=float)
    return times[-1] - times[0] <= HOURS_IN_A_DAY and float(np.median(np.diff(times))) < 1.0


#: minutes in seconds: a drive cycle's times written in minutes and read as seconds run this many times too fast
SECONDS_PER_MINUTE = 60.0
#: a day's minutes: the longest span of a drive cycle's times read as minutes
MINUTES_IN_A_DAY = HOURS_IN_A_DAY * 60.0


#: the widest median interval [s] of a drive cycle's times read as seconds that bears the signature of minutes: a
#: cycle logged each second (the 1 Hz of US06, UDDS, WLTP) written in minutes is 1/60 s apart, each 2 s 1/30; a
#: cycler's pulse logged at 10 Hz (0.1 s) is not
MINUTES_INTERVAL = 0.05
#: how far [s] a sample written in minutes may sit from a whole second once x 60 (a CSV's 4 decimals of a minute: 3 ms)
WHOLE_SECOND_TOLERANCE = 0.01


def looks_like_minutes(times):
    """Whether a drive cycle's sample ``times`` bear the signature of minutes read as seconds (session 64's user trial:
    a 600 s cycle given as 0..10 ran as a 10 s step without a word): samples 1/20 s apart or closer (their median
    interval, :data:`MINUTES_INTERVAL`) that, times 60, fall on whole seconds (a cycler's and a drive cycle's clock;
    median distance under :data:`WHOLE_SECOND_TOLERANCE`), over a span of at most a day's 1440 minutes. A pulse in
    seconds logged at 100 Hz (0.01 s apart: x 60 at 0.6 s steps, off whole seconds by 0.4 s at the median) is not."""
    times = np.asarray(times, dtype=float)
    if times[-1] - times[0] > MINUTES_IN_A_DAY or \
            float(np.median(np.diff(times))) > MINUTES_INTERVAL:
        return False
    seconds = times * SECONDS_PER_MINUTE
    return float(np.median(np.abs(seconds - np.round(seconds)))) < WHOLE_SECOND_TOLERANCE


def drive_cycle_charge(times, values, duration):
    """The charge [the values' unit times s] a drive cycle (samples' ``times`` [s] from 0 and ``values``) moves in a
    step of ``duration`` [s]: the integral of the value's magnitude, linearly interpolated as PyBaMM does, over the
    step (a step longer than the cycle loops it: that many cycles' worth)."""
    times, values = np.asarray(times, dtype=float), np.abs(np.asarray(values, dtype=float))
    span = times[-1] - times[0]
    if duration > span > 0:
        return float(np.trapezoid(values, times)) * duration / span
    run = np.r_[times[times < duration], duration]
    return float(np.trapezoid(np.interp(run, times, values), run))


def drive_cycle_in_hours_message(cycle, times, values, duration, kind, capacity, way_out):
    """The :class:`DriveCycleInHoursWarning` text for a drive cycle of currents (``kind`` "Current", [A]) or C-rates
    ("CRate") named ``cycle`` (its samples' ``times`` [s] and ``values``) run for ``duration`` [s] on a cell of
    ``capacity`` [A.h] ("Nominal cell capacity [A.h]"; None: a current's is not judged, a C-rate's needs none), or None.
    The one rule (session 62) for an experiment's step (:func:`warn_drive_cycle_in_hours`) and a ``"Current function
    [A]"`` interpolant (:func:`warn_current_function_in_hours`): warned where the cycle moves less charge than one
    second at 1C (1/3600 of the capacity; read as hours the same numbers move at most one capacity) and its samples
    bear the signature of hours (:func:`looks_like_hours`); a cycle that moves nothing (a rest) is not judged.
    ``way_out``: how its times are multiplied, a template of ``{factor}`` ("data[:, 0] * {factor}"). Session 64: a
    cycle moving under a minute at 1C whose times bear the signature of minutes (:func:`looks_like_minutes`) is warned
    the same way, its times x 60 (read as minutes it moves at most one capacity)."""
    if kind not in ("Current", "CRate") or (kind == "Current" and not capacity):
        return None
    times, values = np.asarray(times, dtype=float), np.asarray(values, dtype=float)
    charge = drive_cycle_charge(times, values, duration)
    # the charge over the capacity's: a C-rate's integral [C.s] is already in seconds at 1C
    seconds_at_1c = charge if kind == "CRate" else charge / capacity  # (A.s over A.h: seconds at 1C)
    moved = (f"{charge:.3g} C.s" if kind == "CRate" else f"{charge:.3g} A.s ({charge / SECONDS_PER_HOUR * 1e3:.3g} "
             f"mA.h)")
    of = "of a capacity" if kind == "CRate" else f"of the cell's nominal capacity {capacity:g} A.h"
    share = seconds_at_1c / SECONDS_PER_HOUR
    hours = seconds_at_1c < 1.0 and looks_like_hours(times)
    if charge and not hours and seconds_at_1c < SECONDS_PER_MINUTE and looks_like_minutes(times):
        # (read as minutes the same numbers move at most one capacity: session 64)
        return (f"{cycle} moves {moved} over its {duration:g} s, {share:.2g} {of}, under a minute at 1C. If its "
                f"times are minutes, give seconds ({way_out.format(factor='60')}: "
                f"{duration * SECONDS_PER_MINUTE:g} s, {share * SECONDS_PER_MINUTE:.3g} of the capacity)")
    if charge == 0 or seconds_at_1c >= 1.0 or not looks_like_hours(times):
        return None
    return (f"{cycle} moves {moved} over its {duration:g} s, {share:.2g} {of}, under a second at 1C. If its times "
            f"are hours, give seconds ({way_out.format(factor='3600')}: {duration * SECONDS_PER_HOUR:g} s, "
            f"{share * SECONDS_PER_HOUR:.3g} of the capacity)")


def warn_drive_cycle_in_hours(index, step, kind, capacity):
    """Warn (:class:`DriveCycleInHoursWarning`) when the drive cycle of numbers of the current or C-rate step ``step``
    (step ``index`` of the experiment) moves, over the step, less charge than one second at 1C: less than
    1/3600 of the cell's ``capacity`` [A.h] ("Nominal cell capacity [A.h]"; None: a current's is not judged, a C-rate's
    needs none). Read as hours, the same numbers would move at most one capacity, a drive cycle's worth; read as
    seconds, they change the electrode's state by less than 1/3600 of its window (0.036 mA.h/g of LMS's 128). So the
    times are likely hours (session 61's user trial: a 0.17 h drive cycle at 3C solved in 0.17 s, 2e-5 mA.h, without
    a word): the warning names the charge, the capacity's share and the way out, times x 3600. Only a cycle whose
    samples bear the signature of hours (:func:`looks_like_hours`) is warned: a 10 s pulse at C/20 sampled each
    second is silent. A cycle that moves nothing (all zero, a rest) is not judged. The paper's protocols hold no
    drive cycle; the tests' drive cycles of 1e-5 A over 30 s and more and a 600 s cycle at 10C move 2 and more
    seconds at 1C. The rule and its words: :func:`drive_cycle_in_hours_message`."""
    data = step.input_value
    said = drive_cycle_in_hours_message(
        f"the drive cycle of the experiment's step {index} ({_drive_cycle_name(step)})", data[:, 0], data[:, 1],
        float(step.duration), kind, capacity, "data[:, 0] * {factor}")
    if said is not None:
        warnings.warn(said, DriveCycleInHoursWarning, stacklevel=users_stacklevel())


def warn_current_function_in_hours(values):
    """Warn (:class:`DriveCycleInHoursWarning`) when the parameter values ``values`` (a mapping, before PyBaMM
    substitutes them) give "Current function [A]" as a drive cycle, a ``pybamm.Interpolant`` of PyBaMM's time
    (PyBaMM's "drive cycle" mode: ``solve()`` runs over the data's times), whose times look like hours: the rule of an
    experiment's drive cycle (:func:`drive_cycle_in_hours_message`), over the data's own span, on the values'
    "Nominal cell capacity [A.h]" (not a number: not judged). Until session 63 only an experiment's drive cycles
    were judged: the trial's 0.17 h cycle at 3C given as the interpolant solved 0.17 s, 2e-5 mA.h, without a word."""
    current = values.get("Current function [A]")
    if not (isinstance(current, pybamm.Interpolant) and len(current.x) == 1 and current.children
            and isinstance(current.children[0], pybamm.Time)):
        return
    times, samples = np.asarray(current.x[0], dtype=float).ravel(), np.asarray(current.y, dtype=float).ravel()
    if times.size < 2 or times.size != samples.size or not (np.isfinite(times).all() and np.isfinite(samples).all()):
        return
    capacity = plain_number(values.get("Nominal cell capacity [A.h]"))
    span = float(times[-1] - times[0])
    range_said = f"{samples.min():g} to {samples.max():g}" if samples.min() != samples.max() else f"{samples[0]:g}"
    said = drive_cycle_in_hours_message(
        f"\"Current function [A]\" (an Interpolant of {times.size} samples over {span:g} s, {range_said} A)",
        times - times[0], samples, span, "Current", capacity, "its times x {factor}")
    if said is not None:
        warnings.warn(said, DriveCycleInHoursWarning, stacklevel=users_stacklevel())


#: the unit of a drive cycle's values by its step's class (PyBaMM's ``pybamm.step`` classes), for
#: :func:`_drive_cycle_name`
DRIVE_CYCLE_UNITS = {"Current": "A", "CRate": "C", "Voltage": "V", "Power": "W", "Resistance": "Ohm"}
#: the quantity and unit of a step's termination by its class, for :func:`_drive_cycle_name`
TERMINATION_QUANTITIES = {"VoltageTermination": ("V", "V"), "CurrentTermination": ("I", "A"),
                          "CRateTermination": ("C-rate", "C")}


def _drive_cycle_name(step):
    """A drive-cycle step's name in an error or warning (numpy's print of its samples is several lines, 1202
    characters in a warning): its class, number of samples, their span, the step's duration where it is not that
    span, the values' range (if all are finite) and the step's terminations, "Current(a drive cycle of 601 samples
    over 600 s, 0 to 0.0015 A, until V < 1.8 V)", "Current(a drive cycle of 10 samples over 9 s, a step of 27 s,
    1e-05 to 2e-05 A)"."""
    data, duration = step.input_value, float(step.duration)
    try:
        span = float(np.asarray(data[-1, 0], dtype=float) - np.asarray(data[0, 0], dtype=float))
    except (TypeError, ValueError, IndexError):
        span = None
    parts = [f"a drive cycle of {len(data)} samples" + ("" if span is None else f" over {span:g} s")]
    if duration != span:
        parts.append(f"a step of {duration:g} s")
    try:
        values = np.asarray(data[:, 1], dtype=float)
    except (TypeError, ValueError, IndexError):
        values = np.zeros(0)
    if values.size and np.isfinite(values).all():  # (a value not finite: the check's error says it)
        unit = DRIVE_CYCLE_UNITS.get(type(step).__name__, "")
        parts.append((f"{values.min():g} to {values.max():g}" if values.min() != values.max() else f"{values[0]:g}")
                     + (f" {unit}" if unit else ""))
    ends = []
    for end in getattr(step, "termination", None) or ():
        quantity = TERMINATION_QUANTITIES.get(type(end).__name__)
        value, operator = getattr(end, "value", None), getattr(end, "operator", None)
        ends.append(f"{quantity[0]} {operator} {value:g} {quantity[1]}"
                    if quantity and isinstance(value, numbers.Real) and operator else str(end))
    if ends:
        parts.append("until " + " or ".join(ends))
    return f"{type(step).__name__}({', '.join(parts)})"


def _value_key(value):
    """What a step's value is, for :func:`_step_key`: a drive cycle of numbers by its content (shape, type and
    bytes: two cycles that differ in one sample are two steps, whatever numpy prints of them), a Python function by
    its identity (two functions are two steps, even of the same text), an expression by PyBaMM's structural
    identity (``Symbol.__eq__`` / ``__hash__``), a real number by its value as a float, whatever its type (1e-5 and
    numpy.float64(1e-5), 1 and numpy.int64(1) are one value; NaN is NaN)."""
    if isinstance(value, numbers.Real):
        value = float(value)
        return ("number", "nan" if math.isnan(value) else value)
    if isinstance(value, np.ndarray):
        return ("array", value.shape, value.dtype.str, value.tobytes())
    if callable(value) and not isinstance(value, pybamm.Symbol):
        return ("function", id(value))  # (the steps hold the function: its id is not reused during the check)
    try:
        hash(value)
    except TypeError:
        return ("object", id(value))
    return (type(value).__name__, value)


def _step_key(step, value_keys):
    """What the step ``step`` is, as far as :func:`check_step_values` reads it: its class, its value as given
    (:func:`_value_key`, made once per value object: ``value_keys``, id -> key, a repeated cycle's copies hold one
    array, whose bytes are then not copied per copy: a 1e5-sample drive cycle and a rest repeated 500 times, 0.28 ->
    0.0028 s), its duration, terminations, period, temperature and direction (not its description, tags or start
    time, which the check does not read). PyBaMM's ``Experiment`` gives each step of a repeated
    cycle as its own (shallow) copy, so a key of ``id(step)`` checked a 500-cycle experiment's two steps 1000
    times; PyBaMM's own ``step.basic_repr()`` (its ``__eq__`` / ``__hash__``) leaves out the duration (which sets
    the times a value of the time is checked at and where a drive cycle is cut) and prints an array as numpy
    summarises it (2000 samples differing in one print the same), so it is not used."""
    value = getattr(step, "input_value", step.value)
    if id(value) not in value_keys:  # (the steps hold their values: no id is reused during the check)
        value_keys[id(value)] = _value_key(value)
    return (type(step), value_keys[id(value)], getattr(step, "duration", None),
            tuple(map(str, getattr(step, "termination", None) or ())), getattr(step, "period", None),
            getattr(step, "temperature", None), getattr(step, "direction", None))


def _is_drive_cycle(step):
    """True if ``step``'s value is a drive cycle of numbers (PyBaMM's ``input_value``, an array of rows of a time [s]
    and the value)."""
    return isinstance(getattr(step, "input_value", None), np.ndarray)


def step_name(step, text=repr):
    """A step's name in an error: ``text`` of it (its repr, or str: its description), a drive cycle's
    :func:`_drive_cycle_name` (numpy's print of its samples is several lines)."""
    return _drive_cycle_name(step) if _is_drive_cycle(step) else text(step)


def _interpolant_end(value):
    """The last time [s] the interpolant PyBaMM made of a drive cycle (a step's ``value``) holds: its samples, or its
    loops of them (pybamm.step.BaseStep repeats the cycle over a step longer than it); -inf for another value."""
    x = getattr(value, "x", None) if isinstance(value, pybamm.Interpolant) else None
    return float(x[0][-1]) if x is not None else -math.inf


#: the attributes of PyBaMM's custom steps (``pybamm.step.CustomStepExplicit`` / ``CustomStepImplicit``, 26.10)
#: holding the user's function of the state, which no text of the step holds (checked at install)
CUSTOM_STEP_ATTRIBUTES = tuple(_CUSTOM_STEP_FUNCTIONS.values())


def _custom_function(step):
    """A custom step's function of the state (:data:`CUSTOM_STEP_ATTRIBUTES`), None for another step."""
    return next((getattr(step, name) for name in CUSTOM_STEP_ATTRIBUTES if hasattr(step, name)), None)


def _same_run(step, other):
    """True if the steps ``step`` and ``other`` run the same, for :func:`check_steps_not_merged`: the same custom
    function (by identity: the step's text holds ``None`` in its place) and the same value as given (the same
    object, as a repeated cycle's copies hold, or :func:`_value_key`'s; a custom step's value is None, the function
    looked up only then)."""
    if step.input_value is not other.input_value and _value_key(step.input_value) != _value_key(other.input_value):
        return False
    return step.input_value is not None or _custom_function(step) is _custom_function(other)


def check_steps_not_merged(experiment):
    """Raise ``ValueError`` if PyBaMM would run a step of ``experiment`` (a ``pybamm.Experiment``) with another
    step's value. PyBaMM keys steps by their text: its ``Experiment`` processes each distinct ``repr`` once, and
    ``Simulation`` builds one model per distinct ``step.basic_repr()`` (its ``unique_steps``, a set of steps equal
    by that text, which holds no description nor duration). In both numpy prints a drive cycle of more than 1000
    numbers in part, so two drive cycles that differ only inside what is printed (600 samples, 400 changed) are one
    step, and the second runs the first's samples, silently (measured, PyBaMM 26.10; descriptions do not part them).
    A drive cycle given to two steps of different durations is one model too, made from the first (looped over
    the first's duration if longer than the cycle): refused only if the later step runs past the end of that
    interpolant (:func:`_interpolant_end`), which PyBaMM extrapolates: 10 samples of 1e-5 (1 + t / 10) A run for 9
    then 27 s gave 2.2e-5, 2.5e-5 and 3.5e-5 A at 12, 15 and 25 s into the second, where the cycle looped gives
    1.2e-5, 1.5e-5 and 1.5e-5 A; run for 27 then 9 s, 36 then 27 s or 27 s then the cycle's own 9 s, the second ran
    its own current (the first's loops hold it; measured, to 1e-15 relative at 3, 8.5, 12 and 25 s). Two custom steps
    (``pybamm.step.CustomStepExplicit`` / ``CustomStepImplicit``) of different functions of the state whose texts
    differ at most in the duration or the description are one model (the text holds the function as None), made
    from the first: two of 1e-5 and 2e-5 A over 60 s both ran 1e-5 A (measured); different terminations or
    directions part them (each ran its own).
    Each step as given (``experiment.cycles``) is compared with the step PyBaMM runs (``experiment.steps``), and
    the steps of one ``basic_repr`` with each other, by their value (:func:`_value_key`: a number by its value, so
    1e-5 and numpy.float64(1e-5) are one) and custom function (:func:`_same_run`): the same objects in the
    usual case (a repeated cycle's copies), so nothing is compared."""
    given = [step for cycle in getattr(experiment, "cycles", ()) for step in cycle]
    steps = list(experiment.steps)
    pairs = []  # (the step as given that PyBaMM runs with another's value, the index of that other)
    if len(given) == len(steps):
        for index, (mine, step) in enumerate(zip(given, steps), start=1):
            if isinstance(mine, pybamm.step.BaseStep) and not _same_run(mine, step):
                pairs.append((index, mine, next(i for i, other in enumerate(given, start=1)
                                                if other is not mine and repr(other) == repr(mine))))
    firsts = {}  # basic_repr -> (index, the step PyBaMM builds its model from: the first of them)
    looped = []  # the same samples made into another value (a drive cycle looped to a longer step)
    for index, step in enumerate(steps, start=1):
        first = firsts.setdefault(step.basic_repr(), (index, step))
        if not _same_run(first[1], step):
            pairs.append((index, step, first[0]))
        elif first[1].value is not step.value and _value_key(first[1].value) != _value_key(step.value) and \
                step.duration > _interpolant_end(first[1].value):
            looped.append((index, step, first))
    if looped and not pairs:
        index, step, (first, made) = looped[0]
        raise ValueError(
            f"the experiment's step {index} ({step_name(step)}) would run its drive "
            f"cycle as PyBaMM made it for step {first} ({made.duration:g} s): PyBaMM builds one model per "
            "step.basic_repr(), which holds no duration, and loops a drive cycle over a step longer than it, so "
            f"step {index} would run past the {_interpolant_end(made.value):g} s that step {first}'s interpolant holds "
            "(extrapolated, not looped); give it the cycle repeated over its duration (its samples numpy.tile'd, "
            "the times shifted), or run the longer step first (its loops hold the shorter's)")
    if not pairs:
        return
    index, step, first = pairs[0]
    other = steps[first - 1]
    if _custom_function(step) is not None:  # a custom step: no text of it holds its function
        raise ValueError(
            f"the experiment's step {index} ({step!r}) would run step {first}'s function of the state: PyBaMM keys an "
            f"experiment's steps by their text, in which a custom step's function is None, and builds one model "
            f"per step.basic_repr() ({step.basic_repr()!r}), which holds neither the duration nor the description; "
            "give the two steps different terminations, temperatures or directions (which it holds)")
    if _is_drive_cycle(step) or _is_drive_cycle(other):
        raise ValueError(
            f"the experiment's step {index} ({step_name(step)}) would run step {first}'s value: PyBaMM keys an "
            "experiment's steps by their text, in which the two print the same (numpy prints an array of more than "
            "1000 numbers in part) though their values differ; make the Experiment and the Simulation inside `with "
            "numpy.printoptions(threshold=sys.maxsize):` so that each step's text holds all its samples")
    raise ValueError(
        f"the experiment's step {index} ({step_name(step)}) would run step {first}'s value "
        f"({other.input_value!r} in place of its {step.input_value!r}): PyBaMM keys an experiment's steps by their "
        "text, in which the two print the same though their values differ; give it a value that prints differently")


def check_step_duration(step, name):
    """Raise ``ValueError`` if the experiment step ``step`` (a ``pybamm.step.BaseStep``) lasts no positive time
    (``"Rest for 0 minutes"``, a negative or NaN duration), naming it as ``name``: PyBaMM's solver refuses such a
    step only when it reaches it ("Step time must be >0"), after the steps before it ran; the one check of a step's
    duration, for the command line's ``--experiment`` and :func:`check_step_values` alike."""
    duration = getattr(step, "duration", None)
    if duration is not None and not duration > 0:
        raise ValueError(f"{name}: a step lasts a positive time, got {duration:g} s")


def check_step_values(steps, inputs, parameter_values=None, anode=None, start=None, stop=None):
    """Check the value each step of an experiment runs at (``steps``: ``pybamm.Experiment.steps``) against
    :data:`STEP_VALUE_RANGES`, with the user's ``inputs`` of ``Simulation.solve`` (a dict or None); a voltage
    step also against the cell's window in an experiment: the voltage cut-offs of ``parameter_values`` (numbers
    or inputs), which PyBaMM moves :data:`EXPERIMENT_WINDOW_MARGIN` out; its "until" voltage also against the ends of
    an OCP table, on the model's ``anode`` (:func:`~pybamm_aea.models.checks.check_step_until_in_tables`).

    A step's value given as an input (``pybamm.step.current(pybamm.InputParameter("I2"))``) is no parameter of
    the model: PyBaMM puts it in that step's model in place of "Current function [A]" (or of its voltage, power
    or resistance), which the solve-time check by name does not see; ``I2 = nan`` ran the earlier steps and then
    failed in IDA (IDA_BAD_K), which PyBaMM logs, returning the earlier steps. Checked here at the solve's start,
    every step before any runs, each distinct step once (:func:`_step_key`: a repeated cycle's steps are PyBaMM's
    copies). Raises ``ValueError`` naming the step, its value and the inputs it is made of. A
    drive cycle of numbers (``pybamm.step.current(np.array([[t, I], ...]))``) is checked at every sample, its times
    too (:func:`_check_drive_cycle`). A value that varies in time (a drive cycle scaled by an input, or a Python
    function of the time, ``pybamm.step.current(lambda t: ...)``) is checked at 100 times over the step's duration
    from its start (PyBaMM makes them functions of the time since the step's start, ``pybamm.t - start time``); a
    value of an input not given is left to PyBaMM, which names it.

    A Python function of the time on a step with a termination (``pybamm.step.resistance(lambda t: 1e5 - 1e3 * t,
    termination="< 1.8 V")``) may be ended by it before the end of its duration (24 h by default): a non-finite
    value at any of the 100 times (a bug of the function) and a value out of range at the step's start are
    refused; a finite value out of range later is a ``UserWarning`` naming the first time it is, since the step
    runs only if its termination ends it before. Without a termination every value over the duration is
    refused. A voltage step whose terminations are voltages known here (a number, an input's) is judged only at
    the times before one is met on its held voltage (:func:`_table_reach`, as the tables' ends are): refused there,
    the times after never run (session 61: LMS held at 2.5 - 1e-3 t "until < 1.9 V", which ends it at 600 s, was
    warned about at 0.791 V at 1709 s; 2.5 + 2e-3 t, never meeting it, is refused at 3.809 V at 654.5 s). A drive
    cycle's samples are data written for the step to run: each it reaches is refused if out of range, whatever its
    termination.

    A voltage step's held value past an OCP table's end (:func:`_table_reach`): with a termination it is refused at
    the times the step certainly runs at, all of them before a voltage termination is met (session 60; its start
    only until then), its start only with another termination, and warned about at its first time past after.

    A voltage step's value or an "until" voltage that is an expression of PyBaMM's time itself (``pybamm.t``, the
    experiment's time, not the step's: ``pybamm.step.voltage(3.0 - 1e-3 * pybamm.t)``) is checked against the
    tables' ends at the experiment's times the step runs at where they are known before any step
    (:func:`_experiment_starts`: ``start``, the experiment's time at its first step, 0 from the initial state, a
    starting solution's last time, None: not known here; ``stop``, the experiment's "time" termination [s], None:
    none), and at the step's start otherwise (:func:`check_step_at_its_start`, from the step's solver); its range
    is PyBaMM's to evaluate."""
    one = at_step_start(inputs)
    cut_offs = [None, None] if parameter_values is None else [
        number_of(parameter_values, f"{side} voltage cut-off [V]", one) for side in ("Lower", "Upper")]
    seen, value_keys = set(), {}
    # the values' OCP tables, read once per experiment (session 59: once per step and per time checked)
    tables = [] if parameter_values is None else host_tables(parameter_values)
    cells = cells_in_series(parameter_values, one)
    host = host_window(parameter_values, anode, inputs)  # (the host's window, once per experiment)
    check_lower_cut_off_in_host_window(parameter_values, anode, inputs, host)
    # (the experiment's time each step starts at, where known: only if a step holds an expression of it)
    experiment_timed = [_of_experiment_time(step) for step in steps] if tables else []
    starts = _experiment_starts(steps, start) if any(experiment_timed) else None
    for index, step in enumerate(steps, start=1):
        check_step_duration(step, f"the experiment's step {index} ({step})")
        if getattr(step, "temperature", None) is not None:  # the step's (or the experiment's) ambient temperature
            try:
                check_value(_AMBIENT, step.temperature)
            except ValueError as exc:  # the build's check of the parameter values names the value, not the step
                raise ValueError(f"{exc}: the temperature of the experiment's step {index} ({step}), its own "
                                 f"temperature= or the Experiment's") from None
        kind = next((name for cls, name in _STEP_CLASSES if isinstance(step, cls)), None)
        if kind is None:
            continue
        key = _step_key(step, value_keys)  # (a repeated cycle's steps are copies: each distinct step checked once)
        first = key not in seen
        if first:
            seen.add(key)
            _check_direction_word(index, step, kind)
            _check_cut_offs(index, step, cut_offs, cells)
            check_cut_off_in_host_window(index, step, parameter_values, anode, cells, inputs, host)
            check_step_until_in_tables(index, step_name(step, str), step, parameter_values, anode, cells, tables,
                                       one)  # (past an OCP table's end)
        if starts is not None and experiment_timed[index - 1] and starts[index - 1] is not None:  # (each copy: its
            check_at_experiment_times(index, step_name(step, str), step, starts[index - 1], inputs,  # own times)
                                      parameter_values, anode, tables, cells, stop)
        if not first:
            continue
        if _is_drive_cycle(step):  # a drive cycle of numbers: every sample
            _check_drive_cycle(index, step, kind, cut_offs, parameter_values, anode, tables, host, cells)
            warn_drive_cycle_in_hours(index, step, kind, None if parameter_values is None else number_of(
                parameter_values, "Nominal cell capacity [A.h]", one))
            continue
        value = step.value
        given = sorted({s.name for s in value.pre_order() if isinstance(s, pybamm.InputParameter)} - PYBAMM_INPUTS)\
            if isinstance(value, pybamm.Symbol) else []
        if (isinstance(value, pybamm.Symbol) and not given and not getattr(step, "is_python_function", False)
                and of_time(value)):  # an expression of pybamm.t (the experiment's time, not the step's): its range
            continue  # PyBaMM's to evaluate, a table's end check_at_experiment_times' (a constant one: checked below)
        if any(name not in one for name in given):
            continue  # PyBaMM reports the input not given
        for name in given:  # (numpy.True_, a string or a 0-d array: PyBaMM's evaluation fails on it, naming nothing)
            try:
                check_input_value(name, one[name])
            except ValueError as exc:
                raise ValueError(f"{exc}: the value of the experiment's step {index} ({step})") from None
        timed = isinstance(value, pybamm.Symbol) and any(
            isinstance(s, pybamm.Time) or (isinstance(s, pybamm.InputParameter) and s.name in PYBAMM_INPUTS)
            for s in value.pre_order())
        times = np.linspace(0.0, float(step.duration), 100) if timed and step.duration else [None]
        what, rng = STEP_VALUE_RANGES[kind]
        window = _step_window(kind, cut_offs)
        where = "".join(f"; from the input {name!r} = {one[name]!r}" for name in given)
        from_inputs = ", from " + " and ".join(f"the input {name!r} = {one[name]!r}" for name in given) if given else ""
        # a Python function of the time with a termination: a finite value out of range after the start may come
        # after the termination ends the step (a resistance ramp to a voltage cut-off), warned about, not refused
        cut_short = getattr(step, "is_python_function", False) and bool(getattr(step, "termination", None))
        leaves = None
        samples = []
        for t in times:
            try:
                with np.errstate(all="ignore"):  # (a non-finite value is the error raised below)
                    v = value.evaluate(t=t, inputs=one) if isinstance(value, pybamm.Symbol) else value
                v = np.asarray(v, dtype=float).ravel()
            except (TypeError, ValueError):
                v = np.array([math.nan])
            samples.append(v)
        # (past an OCP table's end: the times the step certainly runs at, session 60, its start only until then; a
        # value of the experiment's time, pybamm.t, at its times: check_at_experiment_times)
        # (a voltage step's range and window too, session 61: the times after its voltage termination ends it are
        # never run, neither refused nor warned about, those before are certainly run, refused)
        tabled = kind == "Voltage" and bool(tables) and not _held_of_experiment_time(step)
        reach = (_table_reach(step, samples, cells, one, len(times))
                 if kind == "Voltage" and not _held_of_experiment_time(step) else None)
        for k, (t, v) in enumerate(zip(times, samples)):
            at = "" if t is None else f" at t = {t:g} s into the step"
            ended = reach is not None and k >= max(reach, 1)  # (its voltage termination met before: never run)
            for check in (rng, window):
                bad = [] if check is None else [float(x) for x in v[check.outside(v)]]
                finite = all(map(math.isfinite, bad))
                if bad and ended and finite:
                    continue
                if bad and cut_short and t and reach is None and finite:
                    leaves = leaves or (t, bad[0], check)
                elif bad:
                    raise ValueError(f"the {what} of the experiment's step {index} ({step}) = {bad[0]!r}{at} is "
                                     f"outside its {'physical range' if check is rng else 'range'} "
                                     f"{check.describe()} ({check.why}){where}")
            if tabled and k < max(reach or 0, 1):
                check_held_voltages_in_tables(index, step_name(step, str), v, parameter_values, anode,
                                              lambda _: at + from_inputs, tables)
        if kind == "Voltage" and (timed or given) and host is not None and not _held_of_experiment_time(step):
            # (a held voltage of inputs or of the time, session 64: after its range, at the times the step certainly
            # runs at, as the tables' ends above; a number's is check_cut_off_in_host_window's)
            run = samples[:max(reach or 0, 1)]
            _judge_step_voltages(index, step, "held voltage", "hold at", [v[0] if v.size else math.nan for v in run],
                                 host, 1.0, lambda k: ("" if times[k] is None else f" at t = {times[k]:g} s into the "
                                                       "step") + from_inputs)
        if tabled and reach is None:  # (a termination the solve decides: the first past after the start, warned)
            _warn_held_past_tables(index, step_name(step, str), step, samples[1:], times[1:], parameter_values, anode,
                                   tables, lambda k: f" at t = {times[k + 1]:g} s into the step{from_inputs}")
        if leaves is not None:  # (once per distinct step: a repeated cycle's copies are skipped above)
            t, bad, check = leaves
            warnings.warn(f"the {what} of the experiment's step {index} ({step}) = {bad!r} at t = {t:g} s into the "
                          f"step is outside its {'physical range' if check is rng else 'range'} {check.describe()} "
                          f"({check.why}){where}: the step runs only if its termination "
                          f"({', '.join(map(str, step.termination))}) ends it before", UserWarning, stacklevel=2)


def _table_reach(step, held, cells, inputs, n, times=None):
    """How many of the ``n`` times a voltage step ``step`` is checked at (from its start) it certainly runs at,
    ``held`` its cell voltages there (arrays of one number): all without a termination PyBaMM makes an event of (a
    voltage one on a step of no direction and no operator makes none); with voltage terminations only (a number,
    an input's value in ``inputs``, an expression of PyBaMM's time at the experiment's ``times``), those before the
    first at which one is met, as PyBaMM's event meets it on "Battery voltage [V]", ``cells`` times the held cell
    voltage (the step ends there: the times after are not run); None with another termination (a current, C-rate,
    capacity or custom one, met where the solve says) or a voltage one not known here. Sampled: a value that meets
    a termination between two times and leaves it before the next is not seen (100 times over the duration)."""
    ends = [term for term in getattr(step, "termination", None) or () if term.get_event_name(step) is not None]
    if not ends:
        return n
    battery = np.array([v[0] if v.size else math.nan for v in held], dtype=float) * cells
    met = np.zeros(n, dtype=bool)
    for term in ends:
        if not isinstance(term, pybamm.step.VoltageTermination):
            return None
        if isinstance(term.value, numbers.Real):
            cut = float(term.value)
        elif isinstance(term.value, pybamm.Symbol) and (times is not None or not of_time(term.value)):
            cut = varying_values(term.value, np.zeros(n) if times is None else times, inputs)
            if cut is None:
                return None
        else:
            return None
        operator = term.operator or {"charge": ">", "discharge": "<"}.get(step.direction)
        with np.errstate(invalid="ignore"):
            met |= battery <= cut if operator == "<" else battery >= cut
    return int(np.argmax(met)) if met.any() else n


def _warn_held_past_tables(index, name, step, held, times, values, anode, tables, where):
    """A ``UserWarning`` of the first of ``held`` (the held cell voltages of the voltage step ``step`` after its
    start, at ``times``) past an OCP table's end, in the refusal's words (``where(k)``: the text after value ``k``),
    if any: the step runs there only if its termination does not end it before, which the solve decides."""
    if not len(held):
        return
    said = held_voltages_past_tables(index, name, np.concatenate(held), values, anode, where, tables)
    if said is not None:
        warnings.warn(f"{said}; the step runs there only if its termination "
                      f"({', '.join(map(str, step.termination))}) does not end it before", UserWarning, stacklevel=3)


def _held_of_experiment_time(step):
    """True if ``step`` is a voltage step whose value is an expression of PyBaMM's time itself (``pybamm.t``, the
    experiment's time: not a Python function's, which PyBaMM counts from the step's start, nor a drive cycle's)."""
    return (isinstance(step, pybamm.step.Voltage) and not _is_drive_cycle(step)
            and not getattr(step, "is_python_function", False) and of_time(step.value))


def _of_experiment_time(step):
    """True if the experiment step ``step``'s held voltage (:func:`_held_of_experiment_time`) or an "until" voltage
    is an expression of PyBaMM's time itself."""
    return _held_of_experiment_time(step) or any(
        isinstance(term, pybamm.step.VoltageTermination) and of_time(term.value)
        for term in getattr(step, "termination", None) or ())


def _experiment_starts(steps, start):
    """The experiment's time [s] each of ``steps`` starts at (``start``, that of the first; None: not known), where
    known before any step runs, else None: PyBaMM runs a step from where the one before ended, which is the sum of
    the durations before only while none has a termination that may end it first (or skip it), no step has a
    ``start_time`` (PyBaMM pads a rest or cuts the step before it) and none runs to a default duration without a
    termination (PyBaMM stops the experiment there)."""
    starts, t = [], start
    for step in steps:
        if getattr(step, "start_time", None) is not None:
            t = None
        starts.append(t)
        ends = any(term.get_event_name(step) is not None for term in getattr(step, "termination", None) or ())
        if t is not None:
            t = None if ends or getattr(step, "uses_default_duration", False) else t + float(step.duration)
    return starts


def check_at_experiment_times(index, name, step, start, inputs, values, anode=None, tables=None, cells=1.0,
                              stop=None, warn=True):
    """Check the parts of the experiment step ``step`` (its ``index`` from 1, ``name``; ``index`` None: ``name``
    says it in full) that are expressions of PyBaMM's time itself (:func:`_of_experiment_time`) against the ends of
    the OCP tables of ``values`` (``tables``), at 100 of the experiment's times from ``start`` [s], the step's start,
    over its duration (to ``stop``, the experiment's "time" termination, if sooner), with the solve's ``inputs``:
    an "until" voltage at each (:func:`~pybamm_aea.models.checks.check_step_until_in_tables`), a held voltage at
    those the step certainly runs at (:func:`_table_reach`), and, ``warn``, a warning at the first past after them
    where a termination the solve decides may end the step first. AEA_LiCoO2 held at 3.0 - 1e-3 t V (t the
    experiment's time) from its start ran past its table's 2.718 V end at 282 s, without a word, until session 60."""
    duration = float(step.duration) if stop is None else min(float(step.duration), stop - start)
    if not tables or not duration > 0:
        return
    into = np.linspace(0.0, duration, 100)
    times, one = start + into, {**dict(inputs or {}), **dict.fromkeys(PYBAMM_INPUTS, start)}
    check_step_until_in_tables(index, name, step, values, anode, cells, tables, one, times)
    if not _held_of_experiment_time(step):
        return
    held = varying_values(step.value, times, one)
    if held is None:
        return  # (an input not given: PyBaMM's to name)
    samples = [np.array([v]) for v in held]
    reach = _table_reach(step, samples, cells, one, len(times), times)

    def at(k):
        return f" at t = {times[k]:g} s of the experiment ({into[k]:g} s into the step)"

    check_held_voltages_in_tables(index, name, held[:max(reach or 0, 1)], values, anode, at, tables)
    if reach is None and warn:
        _warn_held_past_tables(index, name, step, samples[1:], times[1:], values, anode, tables, lambda k: at(k + 1))


def check_step_at_its_start(step, model, inputs, dt, said):
    """At the start of the experiment step ``step`` (its solver's, on its ``model``, with PyBaMM's ``inputs``, which
    hold the experiment's time it starts at, and ``dt`` [s], how long PyBaMM runs it; ``said``: the step as its
    solver names it, "step 2 of 4 in cycle 1 of 1, '...'"): :func:`check_at_experiment_times` of its expressions of
    PyBaMM's time, on the values ``model`` was parameterised with, at its times now known: what decides them where
    :func:`check_step_values` could not before any step (after a step a termination may end early); where it could,
    the same times again, refused there already. Refusals only (a warning was given before any step where one is).
    Nothing to do (one look at the step) for a step without such an expression."""
    if step is None or not _of_experiment_time(step):
        return
    start = dict(inputs or {}).get(START_TIME)
    values = parameter_values_of(model)
    if start is None or values is None:
        return
    anode = (getattr(model, "options", None) or {}).get("anode")
    tables = host_tables(values)
    cells = cells_in_series(values, inputs)
    check_at_experiment_times(None, said, step, float(start), inputs, values, anode, tables, cells,
                              float(start) + float(dt), warn=False)


def variable_at(model, name, t, y, inputs):
    """The model's variable ``name`` at time ``t`` [s] and state ``y``, a float."""
    y = np.asarray(y.full() if hasattr(y, "full") else y, dtype=float).reshape(-1, 1)
    with np.errstate(all="ignore"):
        return float(np.asarray(model.get_processed_variable(name).evaluate(t, y, inputs=dict(inputs or {}))).item())


def _reads_current(symbol):
    """True if the model expression ``symbol`` holds the model's current ("Current function [A]")."""
    return any(getattr(s, "name", None) == "Current function [A]" for s in symbol.pre_order())


class _ReadNames(dict):
    """A model's variables as a custom step's function sees them, recording the names it reads."""

    def __init__(self, variables):
        super().__init__(variables)
        self.variables, self.read = variables, []

    def __getitem__(self, name):
        self.read.append(name)
        return self.variables[name]  # (PyBaMM's FuzzyDict names close names for one it has not)

    def get(self, name, default=None):  # (dict.get does not call __getitem__)
        if name in self.variables:
            self.read.append(name)
        return self.variables.get(name, default)


def circular_custom_steps(steps, model):
    """The explicit custom steps (``pybamm.step.CustomStepExplicit``) of ``steps`` whose current reads a variable of
    ``model`` that depends on the current itself, e.g. ``"Voltage [V]"``: on the AEA model the cell's voltage is an
    explicit function of its current (the open-circuit voltage less the losses at that current), so PyBaMM's
    parameter substitution of such a current recurses without end (a bare ``RecursionError`` at the solve's start,
    which :mod:`pybamm_aea.pybamm_adapter.experiment_inputs` turns into this text). The text naming each such step
    and the variables, and what to use instead; None if there is none."""
    found = {}  # the text of each distinct step -> its indices (a cycle repeated: the steps are copies)
    for index, step in enumerate(steps, start=1):
        if not isinstance(step, getattr(pybamm.step, "CustomStepExplicit", ())):
            continue
        seen = _ReadNames(model.variables)
        try:
            step.current_value(seen)
        except Exception:  # noqa: BLE001 - not this error's cause
            continue
        names = [name for name in dict.fromkeys(seen.read) if _reads_current(model.variables[name])]
        if names:
            found.setdefault(f"({step}) reads {', '.join(map(repr, names))}, which "
                             f"depend{'s' * (len(names) == 1)} on the current itself", []).append(index)
    if not found:
        return None
    said = [f"the current of the experiment's step {indices[0]} {text}" if len(indices) == 1 else
            f"the current of the experiment's steps {', '.join(map(str, indices[:-1]))} and {indices[-1]} {text}"
            for text, indices in found.items()]
    return ("; ".join(said) + ": a circular definition, on which PyBaMM's parameter substitution recursed without "
            "end (RecursionError). On the AEA model the cell's voltage is an explicit function of its current (the "
            "open-circuit voltage less the losses at that current). An explicit custom step's current may read only "
            "variables that do not depend on it (the states, e.g. 'Discharge capacity [A.h]'); a current set by the "
            "voltage is a pybamm.step.CustomStepImplicit's (its function is zero at the current wanted, e.g. "
            "variables['Current [A]'] * variables['Voltage [V]'] - P), or use pybamm.step.power, voltage or resistance")


def _indices_text(found):
    """``found``: the text of each distinct step -> its indices in the experiment (a repeated cycle's copies):
    "step 2 (...) ..." or "steps 2, 4 and 6 (...) ..." joined by "; "."""
    return "; ".join(f"step {indices[0]} {text}" if len(indices) == 1 else
                     f"steps {', '.join(map(str, indices[:-1]))} and {indices[-1]} {text}"
                     for text, indices in found.items())


def constant_custom_currents(steps, model, parameter_values=None):
    """The explicit custom steps (``pybamm.step.CustomStepExplicit``) of ``steps`` whose current, the user's
    function of ``model``'s variables, is a constant outside the current's range (a NaN): PyBaMM folds
    ``0 * variables[...] + nan`` to the number nan as it builds the expression, which then replaces "Current
    function [A]" in the step's model and is refused by the model's check of that parameter as the step's model is
    parameterised, "'Current function [A]' = nan is outside its physical range", without the step
    (:mod:`pybamm_aea.pybamm_adapter.experiment_inputs` adds this text). A current that folds to a constant only
    with ``parameter_values`` substituted is found too. The text naming each such step (its indices, repr and
    value); None if there is none."""
    what, rng = STEP_VALUE_RANGES["Current"]
    found = {}  # the text of each distinct step -> its indices (a cycle repeated: the steps are copies)
    for index, step in enumerate(steps, start=1):
        if not isinstance(step, getattr(pybamm.step, "CustomStepExplicit", ())):
            continue
        try:
            current = step.current_value(model.variables)
            if isinstance(current, pybamm.Symbol) and not current.is_constant() and parameter_values is not None:
                current = parameter_values.process_symbol(current)
            if isinstance(current, pybamm.Symbol):
                if not current.is_constant():
                    continue
                with np.errstate(all="ignore"):
                    current = current.evaluate()
            value = float(np.asarray(current, dtype=float).item())
        except Exception:  # noqa: BLE001 - not this error's cause
            continue
        if rng.contains(value):
            continue
        found.setdefault(f"({step}) is the constant {value!r}", []).append(index)
    if not found:
        return None
    return (f"the {what} of the experiment's {_indices_text(found)}: a custom step's function of the state that "
            "PyBaMM folds to a number as it builds it (0 * variables[...] + nan is nan)")


def c_rate_basis_note(steps, parameter_values, built_models, inputs=None):
    """"; its 0.1C is ... A on "Nominal cell capacity [A.h]" = ..., ...C of the cathode's capacity" for the C-rate
    ``steps`` (the first rate), or None without one or without a nominal capacity
    (:func:`.start_advice.not_started_message`), or where the basis explains nothing: a nominal capacity within
    :data:`NOMINAL_CAPACITY_FACTOR` of the cathode's, its rate the rate of the cathode (Li2021_Mo6S8 at initial_soc 0,
    "Discharge at 0.1C until 1.8 V": "0.1C is 1.52e-05 A, 0.1C of the cathode's capacity" said until session 55, the
    step skipped at its full end, as its warning says). Inside :func:`c_rate_basis_scaled` the nominal capacity is
    compared after dividing out the package's scale, as :func:`nominal_capacity_mismatch` does (a sweep's 2C row of a
    0.1C experiment was told its nominal capacity was 20 times the cathode's, "a value in mA.h is 1000 times too
    large")."""
    inputs = dict(inputs or {})
    rate = next((float(step.value) for step in steps if isinstance(step, pybamm.step.CRate)
                 and isinstance(step.value, numbers.Real)), None)
    nominal = number_of(parameter_values, "Nominal cell capacity [A.h]", inputs)
    if rate is None or not nominal:
        return None
    note = (f"; a C-rate is of \"Nominal cell capacity [A.h]\" = {nominal:g} A.h: {abs(rate):g}C is "
            f"{abs(rate) * nominal:.3g} A")
    capacity = cathode_capacity(built_models, inputs)
    if capacity is None:
        return note
    scale = _C_RATE_BASIS_SCALE.get()  # (a sweep's basis set off the cathode's on purpose: divided out, review R29)
    ratio = nominal / scale / capacity
    if max(ratio, 1.0 / ratio) <= NOMINAL_CAPACITY_FACTOR:  # (the rate is the cathode's)
        return None
    note += (f", {abs(rate) * nominal / capacity:.3g}C of the cathode's capacity (\"Positive electrode capacity "
             f"[A.h]\" = {capacity:.4g} A.h)")
    if ratio > 10:
        scaled = "" if scale == 1.0 else f" with the sweep's C-rate scale {scale:.3g} taken out"
        note += (f": the nominal capacity is {ratio:.3g} times the cathode's{scaled}; it is in A.h (a value in "
                 "mA.h is 1000 times too large)")
    return note


def cathode_capacity(built_models, inputs=None):
    """The cathode's capacity [A.h], "Positive electrode capacity [A.h]" at the initial state of the first of
    ``built_models`` (an experiment's built step models) that gives it, or None (none gives a finite positive one)."""
    for model in built_models:
        try:
            capacity = variable_at(model, "Positive electrode capacity [A.h]", 0.0, initial_state(model),
                                  dict(inputs or {}))
        except Exception:  # noqa: BLE001 - the next model, or None
            continue
        return capacity if math.isfinite(capacity) and capacity > 0 else None
    return None


#: "Nominal cell capacity [A.h]", the basis of an experiment's C-rates (PyBaMM's convention), and the cathode's
#: capacity further apart than this factor, either way, are warned about (:class:`NominalCapacityMismatchWarning`):
#: every registered AEA set gives its cathode's theoretical capacity (ratio 1 to round-off), so a ratio past 1.25
#: is a loading, a dispersed-material fraction or a material changed by hand (the set's loading x3: "1C" ran at
#: 0.333C of the electrode, cut by PyBaMM's default duration of a 1C step, two hours)
NOMINAL_CAPACITY_FACTOR = 1.25


class NominalCapacityMismatchWarning(UserWarning):
    """An experiment with C-rate steps on a cell whose "Nominal cell capacity [A.h]" (the C-rates' basis) differs from
    the cathode's capacity by more than :data:`NOMINAL_CAPACITY_FACTOR`: both capacities, the rate the step runs at
    on the electrode, and how to set the nominal one. Given once per ``pybamm.Simulation``. ``facts`` the message
    without its advice, ``capacity`` the cathode's capacity [A.h] (the CLI words the advice as its --set)."""

    def __init__(self, facts, capacity):
        super().__init__(f"{facts}. For C-rates of this electrode set values[\"Nominal cell capacity [A.h]\"] = "
                         f"{capacity:.4g} (a set's high_loading_updates(), the CLI's --set, the sweep and the screen "
                         "scale it with the loading themselves), or give the current in A")
        self.facts, self.capacity = facts, capacity

    def __reduce__(self):  # (a warning pickled, e.g. from a sweep's worker: its own arguments, not the message)
        return type(self), (self.facts, self.capacity)


def _model_param():
    """The AEA model's parameters (:class:`~pybamm_aea.models.parameters.AEAParameters`; they take no options) on the
    ranges of :data:`~pybamm_aea.models.checks.RANGES` as they are now: each parameter's check holds the range it was
    built with, and the one built first had been kept for good (a loading range lowered after a first sweep still
    refused 0.00015 kg/m2 at the C-rate basis's rescale, a model built on the new range accepting it; session 53)."""
    from .checks import ranges_now

    return _model_param_on(ranges_now())


@functools.lru_cache(maxsize=1)
def _model_param_on(ranges):
    """:func:`_model_param` for ``ranges`` (:func:`~pybamm_aea.models.checks.ranges_now`: the key; a build takes 2 ms,
    an evaluation 0.3 ms)."""
    from .parameters import AEAParameters

    return AEAParameters()


def theoretical_cathode_capacity(model, parameter_values, inputs=None):
    """The cathode's capacity as made [A.h] (:func:`pybamm_aea.models.summary.theoretical_capacity`, all its material
    in contact) of the AEA ``model`` (None: the AEA model's parameters) on ``parameter_values`` with ``inputs``, or None
    (not an AEA model; values it cannot be evaluated on, :func:`cathode_capacity_as_made` says why: a parameter the
    set lacks is the build's error, said there). From the parameter values alone, so known at the build,
    before the solver's set-up, for every option: the initial state's "Positive electrode capacity [A.h]" could not
    be evaluated there with a state-dependent capacity ("dispersed material degradation", "ionic-switch host loss":
    y0 is not yet made) and the check was skipped without a word (session 47). Only "cannot be evaluated" is None:
    any other exception is raised (a bare ``except Exception`` had hidden every failure, session 50).
    """
    param = _model_param() if model is None else getattr(model, "param", None)
    try:
        return cathode_capacity_as_made(param, parameter_values, inputs)
    except (TypeError, ValueError):
        return None


#: what PyBaMM raises when a parameter expression cannot be evaluated on the values given: a parameter they lack
#: (KeyError), a value outside its range (ValueError, :mod:`pybamm_aea.models.checks`), a function or text where a
#: number is read (TypeError), a zero loading or area divided by (ZeroDivisionError)
_NOT_EVALUATED = (KeyError, ValueError, TypeError, ZeroDivisionError)


def cathode_capacity_as_made(param, parameter_values, inputs=None):
    """The cathode's capacity as made [A.h] of the AEA model's parameters ``param`` on ``parameter_values`` with
    ``inputs`` (name -> value); ``TypeError`` if ``param`` is not the AEA model's, ``ValueError`` naming why it
    cannot be known: an input the values hold and ``inputs`` do not give (named), the parameter PyBaMM could not
    read (its exception kept as the cause), a result not a finite number > 0."""
    from .parameters import AEAParameters
    from .summary import theoretical_capacity

    if not isinstance(param, AEAParameters):
        raise TypeError(f"not the AEA model's parameters ({type(param).__name__}): no cathode capacity as made")
    inputs = dict(inputs or {})
    try:
        expression = parameter_values.process_symbol(theoretical_capacity(param))
        missing = sorted({symbol.name for symbol in expression.pre_order()
                          if isinstance(symbol, pybamm.InputParameter) and symbol.name not in inputs})
        if missing:
            raise ValueError(f"the values hold {', '.join(map(repr, missing))} as an input, not given")
        capacity = float(np.asarray(expression.evaluate(inputs=inputs)).item())
    except _NOT_EVALUATED as exc:
        raise ValueError(f"the cathode's capacity as made cannot be evaluated on these parameter values: "
                         f"{type(exc).__name__}: {str(exc).strip()}") from exc
    if not (math.isfinite(capacity) and capacity > 0):
        raise ValueError(f"the cathode's capacity as made is {capacity!r} A.h on these parameter values, "
                         "not a finite number > 0")
    return capacity


def rescaled_nominal_capacity(nominal, parameter_values, changes, before=None, model=None, inputs=None):
    """``nominal`` ("Nominal cell capacity [A.h]", the C-rate basis) of ``parameter_values`` for the cathode the
    parameter ``changes`` (name -> value) make of them, ``before`` (name -> value) applied to both: ``nominal`` x the
    ratio of the cathode's capacity as made after / before (:func:`cathode_capacity_as_made`, the AEA ``model``'s,
    None: the AEA model), evaluated with ``inputs`` (the caller's: the sweep's point), so that 1C stays one hour on
    the electrode simulated. The one rule of the CLI's --set and the sweep's points. The model's Mo6S8 is 4 F /
    832.18 g/mol = 128.825 mA.h/g (each set's nominal capacity); :mod:`pybamm_aea.energy` keeps the paper's
    calculation-model 128 mA.h/g for its Wh/kg figures, which as the C-rate basis ran the CLI and the sweep 0.14 %
    apart (LTO-LMS at 0.2 Li4Ti5O12, 0.5C: 1.99794 h against 2.00077 h) and 1C at 1.0031 h on LTO-LMS, 1.0055 h on
    S-LMS (session 50).

    A capacity that cannot be known raises ``ValueError`` naming why (the parameter, an input not given, PyBaMM's
    exception as the cause) and what to set; not a warning: it had returned ``nominal`` unchanged without a word,
    a C-rate basis of another cathode (LTO-LMS 0.4 -> 0.2 Li4Ti5O12: 0.1734 mA.h kept, not 0.1626, its "0.5C" 0.53C
    of the electrode), and no case needs it: the caller has the values and the inputs, a user's own basis is a
    "Nominal cell capacity [A.h]" set by hand, which is not rescaled (CLI --set; a sweep's swept one)."""
    base = parameter_values.copy()
    base.update(dict(before or {}))
    changed = base.copy()
    changed.update(dict(changes))
    given = {"old": inputs, "new": inputs, "one": True}  # (both sides read the caller's inputs)
    if all(same_value(base, changed, name, given) for name in dict(changes)):  # nothing to rescale, nothing
        return nominal  # evaluated: the nominal as given
    refuse_a_set_of_another_model(base)  # the build's MissingParameterError, not "cannot be rescaled" (session 50)
    param = _model_param() if model is None else getattr(model, "param", None)
    try:
        q0 = cathode_capacity_as_made(param, base, inputs)
        q1 = cathode_capacity_as_made(param, changed, inputs)
    except ValueError as exc:
        raise ValueError(
            f"the C-rate basis \"Nominal cell capacity [A.h]\" = {nominal:.6g} A.h cannot be rescaled to the cathode "
            f"of {', '.join(f'{name!r} = {shown(value)}' for name, value in dict(changes).items()) or 'these values'}"
            f": {exc}; give the values (or inputs) it reads, or set \"Nominal cell capacity [A.h]\" yourself") from exc
    return nominal * q1 / q0


#: the factor by which the package itself set "Nominal cell capacity [A.h]" off the cathode's capacity on purpose, in
#: the code running now (:func:`c_rate_basis_scaled`); 1.0 elsewhere
_C_RATE_BASIS_SCALE = contextvars.ContextVar("pybamm_aea_c_rate_basis_scale", default=1.0)


@contextlib.contextmanager
def c_rate_basis_scaled(scale):
    """Inside: the C-rate basis ("Nominal cell capacity [A.h]") of the solves was set to ``scale`` (a finite number
    > 0) times the cathode's capacity on purpose by the package: the sweep runs a swept C-rate c with the
    experiment's steps written at its reference rate r and the basis scaled by c / r
    (:meth:`pybamm_aea.sweep.config.SweepConfig.c_rate_basis_scale`). :func:`nominal_capacity_mismatch` then compares
    the basis / ``scale`` with the cathode's capacity: a sweep's 0.02C row on a 0.1C experiment is not warned about,
    a loading changed by hand with its nominal capacity left as it was still is."""
    scale = float(scale)
    if not (math.isfinite(scale) and scale > 0):
        raise ValueError(f"the C-rate basis scale must be a finite number > 0, got {scale!r}")
    token = _C_RATE_BASIS_SCALE.set(scale)
    try:
        yield
    finally:
        _C_RATE_BASIS_SCALE.reset(token)


def nominal_capacity_mismatch(steps, parameter_values, inputs=None, made=None):
    """The :class:`NominalCapacityMismatchWarning` of the C-rate ``steps`` (the first rate) on the AEA model's
    ``parameter_values``, or None: no C-rate step, no nominal or cathode capacity, or the two within
    :data:`NOMINAL_CAPACITY_FACTOR` of each other. The cathode's capacity is its capacity as made, what every
    registered set's nominal capacity is (``made``: what gives it, as :func:`check_termination` takes it). Inside
    :func:`c_rate_basis_scaled` the nominal capacity is compared after dividing out the scale the package set on
    purpose."""
    inputs = dict(inputs or {})
    step = next((step for step in steps if isinstance(step, pybamm.step.CRate)
                 and isinstance(step.value, numbers.Real)), None)
    nominal = number_of(parameter_values, "Nominal cell capacity [A.h]", inputs) if step is not None else None
    if not nominal:
        return None
    capacity = made_capacity(made, parameter_values, inputs)
    scale = _C_RATE_BASIS_SCALE.get()
    if capacity is None or 1.0 / NOMINAL_CAPACITY_FACTOR <= nominal / scale / capacity <= NOMINAL_CAPACITY_FACTOR:
        return None
    rate = abs(float(step.value))
    scaled = "" if scale == 1.0 else (f", {nominal / scale / capacity:.3g} times with the sweep's C-rate scale "
                                      f"{scale:.3g} taken out")
    return NominalCapacityMismatchWarning(
        f"the experiment's C-rates are of \"Nominal cell capacity [A.h]\" = {nominal:.4g} A.h (PyBaMM's convention), "
        f"{nominal / capacity:.3g} times the cathode's capacity ({capacity:.4g} A.h, its host and all its dispersed "
        f"material{scaled}; more than {NOMINAL_CAPACITY_FACTOR:g}x apart): \"{step}\" runs at {rate * nominal:.3g} A, "
        f"{rate * nominal / capacity:.3g}C of this electrode, and a step without a duration is cut at PyBaMM's "
        "default of 2 / C-rate hours", capacity)
