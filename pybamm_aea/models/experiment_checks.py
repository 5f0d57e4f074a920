"""Checks of an experiment's steps, and the checked solver that runs them: what the physical-range table
(:mod:`pybamm_aea.models.checks`) does not see, because PyBaMM puts it into a step's model itself, or because it
goes wrong only once the solver runs. Without them a bad step ran the steps before it and then failed in IDA
(PyBaMM logs the error and returns the earlier steps as a run that ended), or ran another step's value without a
word, or failed with a bare ``RecursionError`` (the cases measured are in each function's docstring).

- before any step runs (:mod:`pybamm_aea.pybamm_adapter.experiment_inputs` calls them from
  ``pybamm.Simulation.build_for_experiment``): :func:`check_step_values`, the value each step runs at (a current
  given as ``pybamm.InputParameter("I2")``, a drive cycle of numbers, a Python function of the time) against
  :data:`STEP_VALUE_RANGES` and, for a voltage and a step's cut-off, the cell's window in an experiment;
  :func:`check_termination`, the experiment's termination (:data:`TERMINATION_RANGES`); :func:`check_steps_not_merged`,
  a step PyBaMM would run with another's value (it keys steps by their text); :func:`circular_custom_steps` and
  :func:`constant_custom_currents`, the step whose custom current failed PyBaMM's build (a circular definition, a
  constant NaN), named;
- at ``Simulation.solve``, before any step (:mod:`pybamm_aea.pybamm_adapter.experiment_errors` calls them):
  :func:`check_save_at_cycles`, :func:`check_starting_state` (an ``initial_soc`` PyBaMM would ignore),
  :func:`carried_stretch_values` (the values a carried stretch off 1 runs on: the host's transport reading it),
  :func:`check_carried_states` (a starting solution whose model carries other states, by name),
  :func:`check_carried_lithium` (one whose last state the simulation's values give another lithium inventory);
- at each solve and step: :class:`CheckedIDAKLUSolver` (the AEA model's default solver) checks the inputs
  (:func:`~pybamm_aea.models.checks.check_inputs`) and their names, explains a start outside the voltage window
  (:func:`starts_outside_window`, :class:`StartOutsideWindowWarning`; a later step's, :class:`LaterStepSkippedWarning`)
  and a custom step's failure (its current at the step's start and where the solver stopped:
  :data:`CUSTOM_STEP_MODELS`);
- after the solve: :class:`ExperimentStepFailedWarning`, which
  :mod:`pybamm_aea.pybamm_adapter.experiment_errors` gives when a step after the first failed in the solver.
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
from .submodels.cell_voltage import OVERPOTENTIALS
# the inputs PyBaMM itself passes to a solver (an experiment step's start): not the user's
from ..pybamm_adapter.experiment_inputs import CUSTOM_STEP_FUNCTIONS as _CUSTOM_STEP_FUNCTIONS, PYBAMM_INPUTS
from ..pybamm_adapter.experiment_inputs import COMBINED_TERMINATION, step_terminations
from ..pybamm_adapter.parameter_values import refuse_a_set_of_another_model
from ..pybamm_adapter.model_internals import parameter_values_of, state_names, state_size, state_slices
from ..pybamm_adapter.solver_internals import failures_ignored, has_sensitivities, initial_state
# a solve's save_at_cycles, checked by the solve (pybamm_adapter.experiment_errors): written in user_input, which the
# command line imports without PyBaMM
from ..user_input import check_save_at_cycles
from .checks import (Range, _input_value, check_inputs, check_value, refuse_misspelt_inputs,
                     warn_cut_offs_of_another_anode, warn_outside_measured_temperatures, warn_unknown_inputs,
                     warn_unknown_parameters)

__all__ = ["CheckedIDAKLUSolver", "NonFiniteStatesError", "starts_outside_window", "StartOutsideWindowWarning",
           "LaterStepSkippedWarning", "TerminationMetAtStartWarning", "StepSkippedError", "StepSkippedAttributeError",
           "ExperimentStepFailedWarning", "STEP_VALUE_RANGES", "check_step_duration", "check_step_values",
           "CUSTOM_STEP_MODELS", "POWER_STEP_MODELS", "circular_custom_steps", "constant_custom_currents",
           "check_steps_not_merged", "check_termination", "TERMINATION_RANGES", "check_save_at_cycles",
           "check_starting_state", "carried_stretch_values", "check_carried_states", "starting_state_mismatch",
           "carried_state_misfit", "check_carried_lithium", "CARRIED_LITHIUM",
           "NOMINAL_CAPACITY_FACTOR", "NominalCapacityMismatchWarning", "nominal_capacity_mismatch",
           "c_rate_basis_scaled", "cathode_capacity", "theoretical_cathode_capacity", "rescaled_nominal_capacity",
           "cathode_capacity_as_made", "FIRST_STEP_SHARE", "LOSSES_AHEAD_SHARE", "first_step_window_message",
           "FirstStepLossesWarning",
           "first_step_losses_message", "first_step_warning", "carries_no_current"]


def starts_outside_window(exc):
    """True if ``exc`` is PyBaMM's "Events [...] are non-positive at initial conditions" for a voltage cut-off:
    the cell starts outside its voltage window (nothing to integrate), as opposed to a solver that failed."""
    text = str(exc)
    return "non-positive at initial conditions" in text and "voltage" in text.lower()


#: the model's voltage-window events, and where a cell that violates one starts
_WINDOW_EVENTS = {"Minimum voltage [V]": "below its lower cut-off", "Maximum voltage [V]": "above its upper cut-off"}


#: an experiment step's voltage cut-off event as PyBaMM names it (a battery's voltage; "until 2800 mV" is named in V):
#: its side and its value as written ("Voltage > 3.0 [V] [experiment]": "3.0"; a symbol's name, spaces and all, for a
#: cut-off given as an input: "Voltage < Lower step cut-off [V] [V] [experiment]", review R16), also as a step's
#: termination ("event: " before it)
_STEP_CUT_OFF_NAME = re.compile(r"(?:event: )?Voltage ([<>]) (.+?) \[V\] \[experiment\]$")


def _is_step_cut_off(name):
    """Whether the event ``name`` is an experiment step's voltage cut-off (:data:`_STEP_CUT_OFF_NAME`). A custom
    termination (PyBaMM names it "<its name> [experiment]") is not, unless its name reads as a cut-off's does."""
    return _STEP_CUT_OFF_NAME.match(name) is not None


def _cut_off_volts(match):
    """The value [V] of a step cut-off's name matched by :data:`_STEP_CUT_OFF_NAME`, or None where it is not a number
    (an input parameter's name, an expression: "Voltage < -0.1 + V [V] [experiment]")."""
    try:
        return float(match[2])
    except ValueError:
        return None


def _outside_window(exc, model, inputs, y0, window_margin=0.0, step=None, made=False, found=None):
    """How far outside its window the cell starts at the state ``y0`` the events were evaluated on (after the
    consistent initialisation: under the step's current, i.e. with its losses) and what to change, or on the
    Li-In anode why (a set's window is vs Li metal), followed by PyBaMM's "Events [...] are non-positive at
    initial conditions" (``exc``, for a voltage cut-off; None for any other error). The explanation comes first:
    PyBaMM's text ends with every input, and the sweep keeps a warning's first 200 characters.
    ``window_margin``: how far out PyBaMM moved the window events (:data:`EXPERIMENT_WINDOW_MARGIN` in an experiment's
    step models, 0 otherwise), added back so that the distance said is from the set's cut-off. ``step``: the
    experiment step ``model`` runs (None: not known), whose cut-offs are read off it where the model does not hold
    them (:func:`_cut_off_values`) and which says what sets the losses (:func:`_what_sets`). ``made``: ``y0`` is the
    initial state (an experiment's step from it, :func:`_made_end_reached`). ``found``: a dict (None: none) given
    the cell's voltage at ``y0`` [V] as "start" (None: not evaluated), read by a power step's note."""
    text = str(exc)
    # (a voltage event's name, or PyBaMM's unified model's one event, whose cut-offs are read below; any other event
    # met at the start, a current's, is not the window's: reading the cut-offs cost it 14 ms a cycle, review R22)
    if not (starts_outside_window(exc) or (COMBINED_TERMINATION is not None and COMBINED_TERMINATION in text)):
        return None
    try:
        y0 = y0.full() if hasattr(y0, "full") else np.asarray(y0, dtype=float)
        y0 = y0.reshape(-1, 1)
        gaps = _cut_off_values(model, inputs, y0, step)
    except Exception:  # noqa: BLE001 - PyBaMM's own message stands
        return None
    past = {name: gap for name, gap in gaps.items() if gap <= 0}
    if not past:  # (no cut-off past: not the voltage's to say, and its reading below need not be made)
        return None
    window_past = any(name in _WINDOW_EVENTS for name in past)
    step_cut_off = any(_is_step_cut_off(name) for name in past)
    window = {name: gap for name, gap in past.items() if name in _WINDOW_EVENTS}
    if step_cut_off:  # (in an experiment PyBaMM moves the window events out)
        past = {name: gap for name, gap in past.items() if _is_step_cut_off(name)}
    try:  # the cell's voltage at y0, read once for all that follows
        start = _evaluated(model, "Voltage [V]", 0.0, y0, inputs)
    except Exception:  # noqa: BLE001 - undecided
        start = None
    if found is not None:
        found["start"] = start
    cells = _cells_at(model, inputs, y0, start)
    battery = "" if cells in (None, 1.0) else f" of the battery's voltage ({cells:.4g} cells in series)"
    where = [f"{-gap + window_margin:.4g} V {_WINDOW_EVENTS[name]}" if name in _WINDOW_EVENTS
             else f"{-gap:.4g} V{battery} past its step's cut-off ({name.replace(' [experiment]', '')})"
             for name, gap in past.items()]
    if not where:
        return None
    message = f"the cell starts {' and '.join(where)}"
    sets = _what_sets(model, step)  # (a constant-power step's power sets where it starts, a resistance's resistance)
    li_in = (getattr(model, "options", None) or {}).get("anode") == "Li-In"
    at_open_circuit = _window_at_open_circuit(model, inputs, y0, past, cells, start)
    # (moving the cut-off would pass next to nothing, session 54; a smaller current too where the losses put the cell
    # past it: AEA_LiFePO4 "Discharge at 0.1C until 2.5 V" was told to move its cut-off, and "until 2.4 V" that there
    # was nothing to discharge, review R25)
    nothing = _made_end_reached(model, inputs, y0, past) if made and step_cut_off else None
    if nothing is None and made and step_cut_off:  # (or at its window's end, review R27)
        nothing = _window_end_reached(model, inputs, y0, past, any(name.startswith("Voltage <") for name in past))
    if nothing is not None:
        message += f"{_UNDER_ITS[sets]} {_OPEN_CIRCUIT_SAID[at_open_circuit].format(_LESS_LOSS[sets][1])}: {nothing}"
    elif step_cut_off and window_margin and (runs := _step_past_window(
            model, inputs, y0, window, _window_at_open_circuit(model, inputs, y0, window, cells, start), step,
            also=", with the step's own cut-off (its \"until\" voltage),")) is not None:
        message += f"{_UNDER_ITS[sets]} {runs}"
    elif step_cut_off:
        message += _past_step_cut_off(at_open_circuit, li_in, window_past, start, sets)
    elif li_in and at_open_circuit is not False and not _cut_offs_declared_for_li_in(model):
        from ..parameters.paper_cell import LI_IN_PLATEAU

        message += (f". On the Li-In anode the cut-offs are cell voltages, {LI_IN_PLATEAU:g} V below the cathode's "
                    "vs Li, and a parameter set's window is vs Li metal: take AEA({'anode': 'Li-In'})."
                    "default_parameter_values, whose window is moved down by the plateau, or set the cut-offs")
    elif _beyond_cut_offs(start, window_margin):
        message += _out_of_reach(start, window_margin, "a wider window (\"Lower/Upper voltage cut-off [V]\") around "
                                 "the open-circuit voltage, which is outside it too" if at_open_circuit else None,
                                 sets=sets)
    elif (runs := _plain_solve_past_window(model, inputs, y0, past, at_open_circuit) if step is None and
          sets == "current" and not window_margin else None) is not None:
        message += f"{_UNDER_ITS[sets]} {runs}"
    elif window_margin and (runs := _step_past_window(model, inputs, y0, past, at_open_circuit, step)) is not None:
        message += f"{_UNDER_ITS[sets]} {runs}"
    else:
        message += (f"{_UNDER_ITS[sets]} {_LESS_LOSS[sets][0]}, a lower loading or a wider window "
                    f"(\"Lower/Upper voltage cut-off [V]\") lets the cell start; {_OTHER_SIGN[sets]}")
    return f"{message} (PyBaMM: {text})"


def _cut_offs_declared_for_li_in(model):
    """Whether the values ``model`` was parameterised with declare their cut-offs against Li-In (their "Anode potential
    of the voltage cut-offs [V]" the plateau, within 1e-9 V): then "a set's window is vs Li metal" is not why the cell
    starts past one (review R35: a material's parameter_values(anode="Li-In") was told so); read by
    :func:`~pybamm_aea.parameters.paper_cell.cut_off_anode_potential`."""
    from ..parameters.paper_cell import LI_IN_PLATEAU, cut_off_anode_potential

    try:
        return cut_off_anode_potential(parameter_values_of(model)) == LI_IN_PLATEAU
    except ValueError:  # (an input: not known to be Li-In's)
        return False


#: by the window event a cell starts past: the current's sign that runs it back toward the window (PyBaMM's: > 0 a
#: discharge), the step's word and the cut-off it would run to
_TOWARD_WINDOW = {"Minimum voltage [V]": (-1.0, "charge", "Charge", "Upper voltage cut-off [V]"),
                  "Maximum voltage [V]": (1.0, "discharge", "Discharge", "Lower voltage cut-off [V]")}


#: the window's cut-off behind each window event
_WINDOW_CUT_OFF = {"Minimum voltage [V]": "Lower voltage cut-off [V]",
                   "Maximum voltage [V]": "Upper voltage cut-off [V]"}
#: what starts a cell past its window by more than an experiment's window events are moved out
_START_INSIDE = "start the cell inside the window (solve(initial_soc=...) or pybamm_aea.set_initial_state)"


def _one_window_event(past):
    """The window event (a name of :data:`_TOWARD_WINDOW`) ``past`` (event name -> gap) holds alone, else None."""
    (name,) = list(past) if len(past) == 1 else [None]
    return name if name in _TOWARD_WINDOW else None


def _finite_at_start(model, variable, y0, inputs):
    """``variable`` of ``model`` at ``y0`` (t = 0) as a finite float; None if undecided (not evaluable, not finite):
    the window's own advice stands then."""
    try:
        value = _evaluated(model, variable, 0.0, y0, inputs)
    except Exception:  # noqa: BLE001 - undecided
        return None
    return value if math.isfinite(value) else None


def _step_past_window(model, inputs, y0, past, at_open_circuit, step=None, also=""):
    """For an experiment ``step`` (None: not known) that starts past one window event of ``past`` (event name -> gap,
    the event :data:`EXPERIMENT_WINDOW_MARGIN` out) with its open circuit past it too (``at_open_circuit`` True, as a
    rest's always is): where the cell rests [V], its cut-off [V], and that no step starts it. None
    otherwise (the losses at its current put it there: a smaller one starts it) or if undecided. A Rest, a charge
    and a 0.01 mW charge of AEA_LiCoO2 (2.717 V) below a 3.8 V cut-off were told that a smaller current or power
    lets the cell start and that one of the other sign runs the other way (review R35); "Discharge ... until 3.9 V"
    that its cut-off moved and a wider window start it, or a current of the other sign. ``also``: what moves with the
    window's cut-off (the step's own, past too)."""
    name = _one_window_event(past)
    if name is None or at_open_circuit is not True:  # (a rest's is: at 0 A it is where the cell rests)
        return None
    rests = _finite_at_start(model, "Open-circuit voltage [V]", y0, inputs)
    if rests is None:
        return None
    values = parameter_values_of(model)
    cut_off = None if values is None else _cut_off(values, _WINDOW_CUT_OFF[name], inputs or {})
    if cut_off is None:
        return None
    side = "below" if name == "Minimum voltage [V]" else "above"
    which = "The step" if step is None else f"The step {step}"
    return (f"{which} finds the cell resting at {rests:.4g} V, {abs(rests - cut_off):.4g} V {side} its {cut_off:g} V "
            f"cut-off, more than the {EXPERIMENT_WINDOW_MARGIN:g} V PyBaMM moves an experiment's window events out: "
            f"they stop every step there, toward the window or not. {_START_INSIDE[0].upper()}{_START_INSIDE[1:]}, "
            f"or move \"{_WINDOW_CUT_OFF[name]}\"{also} {side} {rests:.4g} V")


def _plain_solve_past_window(model, inputs, y0, past, at_open_circuit):
    """For a plain solve (no experiment step) past one window event of ``past`` (event name -> gap): what runs the
    cell where its "Current [A]" at ``y0`` already runs it back toward the window (a charge below the lower cut-off),
    or where its open circuit is past that cut-off too (``at_open_circuit`` True, :func:`_window_at_open_circuit`):
    a plain solve carries both cut-offs as events, so neither a smaller current nor one of the other sign starts it.
    None otherwise or if undecided. AEA_LiCoO2 as made (2.72 V, below its 3.0 V cut-off since session 56) was told
    "a current of the other sign runs the other way" at its set's charging current (a discharge, further below), and
    at a discharging one that a smaller current lets it start."""
    name = _one_window_event(past)
    if name is None:
        return None
    sign, word, step_word, other = _TOWARD_WINDOW[name]
    inside = _START_INSIDE
    if -past[name] > EXPERIMENT_WINDOW_MARGIN:  # (an experiment's events, moved 1 V out, stop it too: review R35)
        step_word = None
    current = _finite_at_start(model, "Current [A]", y0, inputs)
    if current is None:
        return None
    rate = f"{abs(current):.4g} A"
    if current == 0:  # (AEA_LiCoO2 as made at 0 A was told a smaller current or one of the other sign lets it start)
        said, rate = "Its current is 0 A: it rests at its open-circuit voltage, which is past that cut-off", "0.1C"
    elif current * sign > 0:
        said = (f"Its current, {current:.4g} A, is already a {word}, which runs toward the window, but a plain solve "
                "carries both cut-offs as events and ends where the cell starts past one")
    elif at_open_circuit is True:
        said = ("Its open-circuit voltage is past that cut-off too, so no smaller current or loading lets it start, "
                f"nor a plain solve's {word}: it carries both cut-offs as events")
    else:
        return None
    if step_word is None:
        return (f"{said}. It starts {-past[name]:.4g} V past it, more than the {EXPERIMENT_WINDOW_MARGIN:g} V PyBaMM "
                f"moves an experiment's window events out, so no experiment step starts it either: {inside}, or "
                "widen the window (\"Lower/Upper voltage cut-off [V]\") past its open-circuit voltage")
    values = parameter_values_of(model)
    volts = None if values is None else _cut_off(values, other, inputs or {})
    until = f" until {volts:g} V" if volts is not None else ""
    return (f"{said}. Run the {word} as an experiment step, pybamm.Experiment([\"{step_word} at {rate}{until}\"]), "
            "which ends on its own cut-off (PyBaMM moves the window's events "
            f"{EXPERIMENT_WINDOW_MARGIN:g} V out), or {inside}")


def _cut_off_values(model, inputs, y0, step=None):
    """{name: value} of ``model``'s window events and step cut-offs at the state ``y0`` (a column): the voltage still
    to go to each, in V; at or below 0, past it. The cut-offs of the experiment ``step`` ``model`` runs too (None: not
    known; :func:`~pybamm_aea.pybamm_adapter.experiment_inputs.step_terminations`): PyBaMM's unified model
    (``experiment_model_mode="unified"``) holds them joined in one event, whose start past it was not explained."""
    events = {e.name: e for e in model.events if e.name in _WINDOW_EVENTS or _is_step_cut_off(e.name)}
    if step is not None:
        events.update({e.name: e for _, e in step_terminations(model, step) if _is_step_cut_off(e.name)})
    return {name: float(np.asarray(e.expression.evaluate(0.0, y0, inputs=dict(inputs or {}))).item())
            for name, e in events.items()}


def _what_sets(model, step=None):
    """What the experiment ``step`` (None: not known; then the step whose own model ``model`` is, if a constant-power
    one, :data:`POWER_STEP_MODELS`) sets, by its class: "power" (``pybamm.step.Power``), "resistance"
    (``pybamm.step.Resistance``: a 1 Ohm load's start 1.76 V past 1.8 V was said as under its current, review R16)
    or "current" (any other), a key of :data:`_UNDER_ITS`. By the step: PyBaMM's unified model is no one step's."""
    step = step if step is not None else (POWER_STEP_MODELS.get(model) or (None,))[0]
    return "power" if isinstance(step, pybamm.step.Power) else \
        "resistance" if isinstance(step, pybamm.step.Resistance) else "current"


#: by what the step sets (:func:`_what_sets`): where a cell past a cut-off under it starts, and a step of the other
#: sign. Each kind has its own sentences, so a power step's cannot fall back to a current's ("Charge at 0.1 W until
#: 2.8 V" was told "under its current" and a current of the other sign, review R14; its text was then made by
#: replacing a current's, which an edited sentence would have silently undone, session 52), nor a resistance step's
#: (a passive load: it has no other sign; told as a current until session 53, review R16).
_UNDER_ITS = {
    "current": (" under its current at the start (the voltage after the consistent initialisation: the "
                "open-circuit voltage and the losses at that current): nothing to integrate."),
    "power": (" under its power at the start (the voltage after the consistent initialisation: the "
              "open-circuit voltage and the losses at the current that power draws): nothing to integrate."),
    "resistance": (" under its resistance at the start (the voltage after the consistent initialisation: the "
                   "open-circuit voltage and the losses at the current the resistance draws, the voltage over it): "
                   "nothing to integrate."),
}
_OTHER_SIGN = {
    "current": ("a current of the other sign runs the other way (pybamm.Simulation(...).solve([0, 600]) at \"Current "
                "function [A]\" = 0 gives the open-circuit voltage)"),
    "power": ("a power of the other sign runs the other way (the open-circuit voltage: "
              "pybamm.Simulation(...).solve([0, 600]) of the model without the step, at \"Current function "
              "[A]\" = 0)"),
    "resistance": ("a resistance only discharges the cell, at the current its voltage drives through it (a charge is a "
                   "current or power step; the open-circuit voltage: pybamm.Simulation(...).solve([0, 600]) of the "
                   "model without the step, at \"Current function [A]\" = 0)"),
}
#: where a step toward the end the cell starts at (:func:`_made_end_reached`) starts past its cut-off, by whether its
#: open circuit is past it too (True), inside it (False: the losses at its current, Fig. S2's ohmic drop) or undecided
_OPEN_CIRCUIT_SAID = {True: "Its open-circuit voltage is past that cut-off too",
                      False: ("Its open-circuit voltage is inside that cut-off (the losses at the step's current put "
                              "the cell past it), but a {} or loading, or another cut-off, passes next to "
                              "nothing"),
                      None: "Moving the cut-off passes next to nothing"}
#: by what the step sets: the change that lowers its losses, as a sentence's start and within one
_LESS_LOSS = {"current": ("A smaller current or power", "smaller current"),
              "power": ("A smaller current or power", "smaller current"),
              "resistance": ("A larger resistance (a smaller current)", "larger resistance")}


def _beyond_cut_offs(start, window_margin=0.0):
    """Whether a cell's voltage ``start`` [V] (None: not evaluated) lies where no cut-off can be set: 0 V or below
    (a step's cut-off is above 0 V, :func:`_check_cut_offs`), or above a window's upper end,
    :data:`~pybamm_aea.constants.MAX_VOLTAGE_VS_LI`, moved ``window_margin`` out (in an experiment, where the window's
    events reach as far; a step's own cut-off does not, :func:`_check_cut_offs`)."""
    return start is not None and not 0 < start <= MAX_VOLTAGE_VS_LI + window_margin


def _out_of_reach(start, window_margin=0.0, also=None, step=False, *, sets):
    """What to change for a cell whose losses take its voltage ``start`` [V] where no window nor cut-off lies
    (:func:`_beyond_cut_offs`) or, past its ``step``'s own cut-off, where no step's cut-off lies (at most
    :data:`~pybamm_aea.constants.MAX_VOLTAGE_VS_LI`; a window's event, moved out in an experiment, may lie above it):
    the current or loading, and ``also`` (None: nothing) where its open circuit is past the cut-off too.
    (AEA_Li4Ti5O12 at 0.1C, -13.66 V, was told a wider window; discharged "until 2.0 V", its open circuit at 1.608
    V, that a smaller current alone lets it start; AEA_LiFePO4 charged at 1C, 12.42 V, to move its step's cut-off
    and widen its window past it; at 0.35C, 6.54 V past its step's cut-off, that no window nor cut-off lies there,
    where the window's event, 1 V out in an experiment, may.) ``sets``: what the step sets, a key of
    :data:`_UNDER_ITS`."""
    if step:
        where = f"where no step's cut-off lies: a step's is above 0 V and at most {MAX_VOLTAGE_VS_LI:g} V"
    else:
        moved = f", the window's {MAX_VOLTAGE_VS_LI:g} V moved {window_margin:g} V out in an experiment" \
            if window_margin else ""
        where = (f"where no window nor cut-off lies: a cell's are above 0 V and at most "
                 f"{MAX_VOLTAGE_VS_LI + window_margin:g} V{moved}")
    said = (f"{_UNDER_ITS[sets]} {_LESS_LOSS[sets][0]}, a lower loading (the losses take the cell to "
            f"{start:.4g} V, {where})")
    said += f", and {also}, let the cell start together" if also else " lets the cell start"
    return f"{said}; {_OTHER_SIGN[sets]}"


def _past_step_cut_off(at_open_circuit, li_in, window_past, start, sets):
    """What to change for a cell that starts past its step's own cut-off ("Discharge ... until 2.4 V"), which no
    window ("Lower/Upper voltage cut-off [V]") moves: the step's cut-off, with a wider window where the cell starts
    past the window's event too (``window_past``); the current or loading only if the losses put it there
    (``at_open_circuit`` False; True: its open circuit is past the cut-off; None: undecided), and first they if
    they take the cell's voltage ``start`` [V] (None: not evaluated) where no step's cut-off lies
    (:func:`_out_of_reach`: a step's cut-off is at most :data:`~pybamm_aea.constants.MAX_VOLTAGE_VS_LI`,
    :func:`_check_cut_offs`, whatever the window's margin). On the Li-In anode (``li_in``), unless
    the losses put it there, a step's cut-off is said to be a cell voltage. (The advice was the window's, which
    does not end the step: pristine Mo6S8 discharged "until 2.4 V" was told a smaller current or a wider window.)
    ``sets``: what the step sets, a key of :data:`_UNDER_ITS`."""
    if _beyond_cut_offs(start):
        return _out_of_reach(start, also="the step's cut-off (its \"until\" voltage) moved past the "
                             "open-circuit voltage, which is past it too" if at_open_circuit else None, step=True,
                             sets=sets)
    move = "the step's cut-off (its \"until\" voltage) moved past the voltage the cell starts at"
    if window_past:
        move += (", and a wider window (\"Lower/Upper voltage cut-off [V]\"), whose event "
                 f"({EXPERIMENT_WINDOW_MARGIN:g} V out in an experiment) it starts past as well,")
    tail = "" if window_past else "; the window (\"Lower/Upper voltage cut-off [V]\") does not end this step"
    if at_open_circuit:
        said = (f"{_UNDER_ITS[sets]} Its open-circuit voltage is past that cut-off too, so no {_LESS_LOSS[sets][1]} "
                f"or loading lets the step start: {move} does{tail}; {_OTHER_SIGN[sets]}")
    else:
        said = (f"{_UNDER_ITS[sets]} {_LESS_LOSS[sets][0]}, a lower loading or {move} lets the cell "
                f"start{tail}; {_OTHER_SIGN[sets]}")
    if li_in and at_open_circuit is not False:
        from ..parameters.paper_cell import LI_IN_PLATEAU

        said += (f". On the Li-In anode a step's cut-off is a cell voltage, {LI_IN_PLATEAU:g} V below the "
                 "cathode's vs Li")
    return said


def _cells_at(model, inputs, y0, voltage):
    """The battery's cells in series at the state ``y0``: its "Battery voltage [V]", on which PyBaMM ends a step
    (:func:`_cells`), over a cell's "Voltage [V]" there, ``voltage`` [V]; None if either is not evaluated (``voltage``
    None) or a cell's is 0 V."""
    if voltage is None:
        return None
    try:
        cells = _evaluated(model, "Battery voltage [V]", 0.0, y0, inputs) / voltage
    except Exception:  # noqa: BLE001 - undecided
        return None
    return cells if math.isfinite(cells) and cells > 0 else None


def _window_at_open_circuit(model, inputs, y0, past, cells, voltage):
    """Whether the cell's open-circuit voltage at ``y0`` ("Open-circuit voltage [V]": the surface OCP less the
    anode's; ``voltage`` [V] the cell's there, None if not evaluated) is itself past a cut-off of ``past`` (event name
    -> its value at ``y0``, <= 0): True if so (the window is the cause), False if it lies inside them all (the losses at
    the step's current are: a TiS2 cell of 20 mg/cm2 at 25 C on Li-In at 2C, its cut-offs moved to the cell's, started
    0.96 V past its 0.38 V cut-off from an open circuit of 1.66 V and was told to move its window to the Li-In plateau),
    None if it cannot be evaluated. A step's cut-off is the battery's voltage, ``cells`` cells in series
    (:func:`_cells_at`), its gap taken per cell (two such cells "until 3.0 V", 4.16 V past it, were told the window:
    4.16 V is more than one cell's 2.24 V of losses)."""
    if voltage is None or (cells is None and any(_is_step_cut_off(name) for name in past)):
        return None
    try:
        loss = _evaluated(model, "Open-circuit voltage [V]", 0.0, y0, inputs) - voltage
    except Exception:  # noqa: BLE001 - undecided: the caller keeps its note
        return None
    if not math.isfinite(loss):
        return None
    # (an event is V - lower cut-off or upper cut-off - V: at open circuit V is larger by the loss)
    lower = ("Minimum voltage [V]", "Voltage <")
    per_cell = {name: gap / cells if _is_step_cut_off(name) else gap for name, gap in past.items()}
    return any((gap + loss if name.startswith(lower) else gap - loss) <= 0 for name, gap in per_cell.items())


def _made_end_reached(model, inputs, y0, past):
    """:func:`_nothing_to_pass` for a cell at its initial state ``y0`` that starts past its step's cut-offs of
    ``past`` (event name -> gap) on one side, toward the end of the host's window it is within
    :data:`FIRST_STEP_SHARE` of ("Average cathode free Li content" of x_max, the model's "Average cathode Li content"
    over its "Average cathode stoichiometry"); None otherwise or if undecided. The skip said to move the cut-off past
    the voltage the cell starts at: AEA({"anode": "Li-In", "host thermodynamics": "lever rule"}), "Charge at 0.1C
    until 1.9 V" from pristine Mo6S8 (x = 0.004 of 4), 0.07127 V past it, where no cut-off passes more (session 54)."""
    sides = {_STEP_CUT_OFF_NAME.match(name)[1] for name in past if _is_step_cut_off(name)}
    if len(sides) != 1:
        return None
    discharge = sides == {"<"}  # (a lower cut-off ends a discharge)
    try:
        start = _evaluated(model, "Average cathode free Li content", 0.0, y0, inputs)
        x_max = (_evaluated(model, "Average cathode Li content", 0.0, y0, inputs)
                 / _evaluated(model, "Average cathode stoichiometry", 0.0, y0, inputs))
    except Exception:  # noqa: BLE001 - undecided: the skip's own advice
        return None
    if not (math.isfinite(start) and math.isfinite(x_max) and x_max > 0):
        return None
    if (x_max - start if discharge else start) > FIRST_STEP_SHARE * x_max:
        return None
    try:
        dispersed = _dispersed_at(_evaluated(model, DISPERSED_LITHIATION, 0.0, y0, inputs),
                                  _evaluated(model, DISPERSED_CAPACITY, 0.0, y0, inputs), discharge)
    except KeyError:  # (a model without a dispersed material)
        dispersed = None
    except Exception:  # noqa: BLE001 - undecided: the skip's own advice
        return None
    try:
        made = _evaluated(model, "Cathode host Li content as made", 0.0, y0, inputs)
    except Exception:  # noqa: BLE001 - not known: "starts at", not "made at"
        made = None
    return None if dispersed is False else _nothing_to_pass(start, x_max, discharge, dispersed, made)


def _window_end_reached(model, inputs, y0, past, discharge):
    """:func:`_nothing_in_window` for a cell at its initial state ``y0`` that starts past its step's cut-off of ``past``
    (event name -> gap; a ``discharge`` step's lower one) within :data:`FIRST_STEP_SHARE` of the step's window at
    rest, on either side of its end (:func:`_window_ahead`); None otherwise or if undecided. AEA_LiCoO2 at
    initial_soc=1, "Charge at 0.1C until 4.2 V" (open circuit 1e-9 V inside 4.2 V, Li content 0.04236 of 0.5478), was
    skipped 0.002289 V past with the advice that a smaller current lets the cell start (review R27)."""
    (name,) = [name for name in past if _is_step_cut_off(name)] or [None]
    match = None if name is None else _STEP_CUT_OFF_NAME.match(name)
    volts = None if match is None else _cut_off_volts(match)
    values = parameter_values_of(model)
    if volts is None or values is None:
        return None
    try:
        start = _evaluated(model, "Average cathode free Li content", 0.0, y0, inputs)
        try:
            lithiation = _evaluated(model, DISPERSED_LITHIATION, 0.0, y0, inputs)
        except KeyError:  # (a model without a dispersed material)
            lithiation = None
        volts /= _cells(values, inputs)
    except Exception:  # noqa: BLE001 - undecided: the skip's own advice
        return None
    where = _window_ahead(values, getattr(model, "options", None), inputs, start, lithiation, volts, discharge)
    if where is None or abs(where[0]) > FIRST_STEP_SHARE:
        return None
    return _nothing_in_window(where[0], volts, where[2], discharge)


def _window_ahead(parameter_values, options, inputs, content, lithiation, volts, discharge, at_rest=None):
    """(the share of a step's window still ahead at rest of a cathode at Li content ``content``, its dispersed material
    at ``lithiation`` (None: none), at or below 0 past the step's cut-off ``volts`` [V, a cell's]; the window's Li, a
    fraction of the cathode's Li capacity in reach; the window's other end [V]) for a ``discharge`` (else a charge)
    step. The window: from the cell's other cut-off ("Upper voltage cut-off [V]" for a discharge, "Lower ..." for a
    charge) to the step's, in the state of charge it defines as initial_soc's does
    (:func:`~pybamm_aea.initial_state.window_state_of_charge`, on the step's branch). None if undecided: a cut-off not
    a number or outside the cell's OCV range, the step's not inside the other. ``at_rest``: the cell at rest on the
    step's branch, if evaluated already (:class:`~pybamm_aea.initial_state.CellAtRest`)."""
    from ..initial_state import CellAtRest

    inputs = dict(inputs or {})
    other = _cut_off(parameter_values, "Upper voltage cut-off [V]" if discharge else "Lower voltage cut-off [V]",
                     inputs)
    if other is None or (volts >= other if discharge else volts <= other):
        return None
    try:
        if at_rest is None:
            at_rest = CellAtRest(parameter_values, "discharge" if discharge else "charge", options, inputs)
        soc, span = at_rest.window_state_of_charge(float(content), lithiation,
                                                   (volts, other) if discharge else (other, volts))
    except Exception:  # noqa: BLE001 - undecided
        return None
    ahead = soc if discharge else 1 - soc
    return (ahead, span, other) if math.isfinite(ahead) and math.isfinite(span) and span > 0 else None


def _nothing_in_window(ahead, volts, other, discharge):
    """Why a step has nothing to pass that starts within :data:`FIRST_STEP_SHARE` of its window's end at rest:
    ``ahead`` (:func:`_window_ahead`; below 0 past it) of the window from ``other`` [V], the cell's other cut-off, to
    the step's ``volts`` [V, a cell's], toward which a ``discharge`` (else a charge) runs."""
    word, _, fix = _NOTHING_TO[discharge]
    side = "inside" if ahead >= 0 else "past"
    return (f"at rest the cell starts {abs(ahead):.2%} of its window {side} the step's cut-off (the window from "
            f"{other:g} V, its \"{'Upper' if discharge else 'Lower'} voltage cut-off [V]\", to the step's {volts:g} V, "
            f"in the state of charge it defines as initial_soc does), so there is nothing to {word} in it. {fix}")


#: the model's dispersed material's lithiation (0 to 1) and capacity [A.h] (0: none), read by :func:`_dispersed_at`
DISPERSED_LITHIATION, DISPERSED_CAPACITY = "Average dispersed material lithiation", "Dispersed material capacity [A.h]"


def _dispersed_at(lithiation, capacity, discharge):
    """The dispersed material's ``lithiation`` at the start if it too is within :data:`FIRST_STEP_SHARE` of the end
    a step runs toward (0 for a charge, 1 for a ``discharge``), None if the cathode holds none (``capacity`` [A.h]
    not > 0), False if it has Li to give or room for Li: then the step has something to pass. Li2021_S_Mo6S8 with
    "Initial dispersed material lithiation" 1.0 (a Li2S cathode) charged at 5C until 3.0 V was told nothing to
    charge by its host's 0.004 of 4; at 0.1C it charges 0.6823 mA.h (review R25)."""
    lithiation, capacity = float(lithiation), float(capacity)
    if not (math.isfinite(capacity) and capacity > 0):
        return None
    return lithiation if (1 - lithiation if discharge else lithiation) <= FIRST_STEP_SHARE else False


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


def check_starting_state(starting_solution, initial_soc):
    """Raise ``ValueError`` for ``Simulation.solve(starting_solution=..., initial_soc=...)``: the experiment
    continues from the solution's last state, and PyBaMM ignores the initial SOC or voltage then, without a word
    (LMS: a 1C charge after a 1C discharge ran from 1.882 V for 2798.2 s to 2.8 V with ``initial_soc`` None, 0.5
    and 1.0 alike; measured session 37). Either alone is left to PyBaMM."""
    if starting_solution is None or initial_soc is None:
        return
    raise ValueError(f"initial_soc={initial_soc!r} with a starting_solution: the experiment continues from the "
                     "solution's last state, which PyBaMM takes in place of any initial state (the initial_soc would "
                     "be ignored); give starting_solution to continue a run, or initial_soc to start a new one")


def carried_stretch_values(starting_solution, model, parameter_values, inputs=None):
    """The parameter values a simulation continuing ``starting_solution`` must run on, or None for its own: a copy of
    ``parameter_values`` with :attr:`~.volume.ConstrainedSwelling.STARTS_OFF_ONE` ("Initial cathode stretch off 1")
    1 when the solution's last "Cathode local stretch" (without a ``starting_solution``: the ``model``'s initial
    condition of it set by hand, :func:`_hand_set_stretch`: ``model.set_initial_conditions_from(solution)``'s, a
    broadcast number, a parameter, or an expression with no numbers before the solve, one varying with position) is
    off 1 (by more than :attr:`~.volume.ConstrainedSwelling.CARRIED_WITHIN`) and, on ``parameter_values`` (with the
    solve's ``inputs``), the host's transport would read the constant 1
    (:meth:`~.volume.ConstrainedSwelling.transport_reads_stretch` 0: a stretch that cannot leave 1 from a fresh
    start). With the copy it reads the carried stretch. LMS rested 60 s at
    720 MPa (stretch 0.916), then "Discharge at 1C until 1.8 V" on LMS at 360 MPa from it (multi-phase host): the
    transport reading 1 ran 2.2402 V at 600 s against 2.2519 V reading the stretch (11.7 mV low, 73 mV at 30 s),
    without a word (session 48, which refused it; re-decided since session 49). A carried stretch of 1 (one parameter
    set's steps, bench_model's LMS cycling), values whose transport reads the stretch already, a model without the
    swelling submodel: None. A decision that needs an input the solve was not given (PyBaMM's error names it): the
    copy (reading the stretch is right at any value). ``parameter_values`` itself is never changed. ``model`` is the
    model the simulation puts the values into (``Simulation.solve`` gives its unprocessed model: once built, its
    ``model`` is the processed one, whose initial stretch, the submodel's own put through PyBaMM's processing, varies
    with position after an ``initial_soc`` and is no user's). A hand-set stretch on other domains than the stretch's
    own: ValueError naming it (:func:`_hand_set_stretch`)."""
    from .submodels.volume import ConstrainedSwelling

    swelling = next((s for s in (getattr(model, "submodels", None) or {}).values()
                     if isinstance(s, ConstrainedSwelling)), None)
    if swelling is None or getattr(model, "is_discretised", False):
        return None
    if starting_solution is None:  # initial conditions set by hand (a fresh start's, the submodel's own, is
        # transport_reads_stretch's); its ValueError, an expression on other domains, is raised
        lam = _hand_set_stretch(model, swelling, parameter_values, inputs)
        if lam is None:
            return None
    else:
        try:
            lam = np.asarray(starting_solution.last_state["Cathode local stretch"].entries, dtype=float)
        except (KeyError, AttributeError, IndexError, TypeError, ValueError, pybamm.ModelError):
            return None
    off = float(np.max(np.abs(lam - 1))) if lam.size else 0.0
    if not off > ConstrainedSwelling.CARRIED_WITHIN:
        return None
    decision = parameter_values.process_symbol(swelling.transport_reads_stretch())
    try:
        reads = float(decision.evaluate(inputs=inputs if isinstance(inputs, dict) else {}))
    except (KeyError, TypeError, ValueError):  # an input the solve was not given
        reads = 0.0
    if reads != 0.0:
        return None
    values = parameter_values.copy()
    values.update({ConstrainedSwelling.STARTS_OFF_ONE: 1.0}, check_already_exists=False)
    return values


#: what :func:`_hand_set_stretch` returns for a hand-set stretch that does not come to numbers before the solve: one
#: reading an input the solve gives no single value of (one input of a list of inputs, or none), or one of a place's
#: or a state's (``0.95 + 1e-6 * x``, x a ``pybamm.SpatialVariable``, since session 50): off 1 as far as the decision
#: goes (the full expressions are right at any value)
_NO_NUMBERS = np.array([np.inf])


def _hand_set_stretch(model, swelling, parameter_values, inputs):
    """The numbers of ``model``'s initial "Cathode local stretch" set by hand, or None: the submodel's own (a fresh
    start's, ``swelling``'s, :meth:`~.volume.ConstrainedSwelling.transport_reads_stretch` decides on it, the cheap
    path; ``model`` unprocessed, so the own one is the submodel's expression itself). Any expression of numbers is
    read once PyBaMM puts the values in, a broadcast's child: ``pybamm.Scalar(0.95)``,
    ``model.set_initial_conditions_from(solution)``'s Array, ``pybamm.PrimaryBroadcast(0.95, "positive electrode")``
    or a ``pybamm.Parameter`` (those two were left at the constant 1 until session 49: 5.8 mV low at 30 s of a 1C
    discharge, without a word); with the solve's ``inputs`` where it reads an input. :data:`_NO_NUMBERS` (the full
    expressions, right at any value) where it reads an input the solve does not give it one value of, or a place or a
    state: ``0.95 + 1e-6 * x``, x a ``pybamm.SpatialVariable``, was read as not hand-set and left at the constant 1
    until session 50, 2.1720 V at 30 s of a 1C discharge on LMS at 360 MPa against 2.1778 V, 5.8 mV low, without a
    word. ValueError for one on other auxiliary domains than the stretch's (``pybamm.FullBroadcast(0.95, "positive
    electrode", {"secondary": "current collector"})``: the model has no "current collector", and PyBaMM's mesh
    looked the domain up without end, a RecursionError; PyBaMM's own DomainError names a primary domain that
    differs)."""
    variable, lam = next(((variable, value) for variable, value in model.initial_conditions.items()
                          if getattr(variable, "name", None) == "Cathode local stretch"), (None, None))
    own = (getattr(swelling, "initial_conditions", None) or {}).get(variable)
    if lam is None or lam is own:
        return None
    theirs, ours = ({level: domain for level, domain in getattr(symbol, "domains", {}).items()
                     if level != "primary" and domain} for symbol in (lam, variable))
    if theirs != ours:  # (PyBaMM checks the primary domain only)
        instead = (f"on {variable.domain} with the auxiliary domains {ours}" if ours else f"on {variable.domain} "
                   f"alone: a number, or e.g. pybamm.PrimaryBroadcast(0.95, {variable.domain[0]!r})")
        raise ValueError(f"the initial \"Cathode local stretch\" set by hand, {lam!r}, has the auxiliary domains "
                         f"{theirs}, the model's stretch {ours or 'none'}: give it {instead}")
    if isinstance(lam, (pybamm.Array, pybamm.Scalar)):
        return np.asarray(lam.evaluate(), dtype=float)
    try:
        processed = parameter_values.process_symbol(lam)
    except (KeyError, AttributeError, IndexError, TypeError, ValueError, pybamm.ModelError):
        return None  # (PyBaMM's build names what it lacks)
    while isinstance(processed, pybamm.Broadcast):
        processed = processed.orphans[0]
    if processed.has_symbol_of_classes((pybamm.Variable, pybamm.StateVector, pybamm.SpatialVariable,
                                        pybamm.VariableDot, pybamm.StateVectorDot, pybamm.Time)):
        return _NO_NUMBERS  # (a place's, a state's: no numbers before the solve; session 50)
    if processed.has_symbol_of_classes(pybamm.InputParameter) and not isinstance(inputs, dict):
        return _NO_NUMBERS
    try:
        return np.asarray(processed.evaluate(inputs=inputs if isinstance(inputs, dict) else {}), dtype=float)
    except (KeyError, NotImplementedError, TypeError, ValueError):  # (an input not given; no numbers here)
        return _NO_NUMBERS


def carried_state_misfit(starting_solution, model=None, step_models=()):
    """Why ``starting_solution`` does not carry the states of the simulation that continues it, or None (it does, or
    none given): the one decision on a continuation's state layout (session 50), at the solve before any step
    (:func:`check_carried_states`, ``model``) and after PyBaMM's solve failed (:func:`starting_state_mismatch`,
    ``step_models``). A solution with no state to carry (PyBaMM's ``EmptySolution``, the
    :class:`~pybamm_aea.pybamm_adapter.experiment_errors.NotStartedSolution` of an experiment that ran no step:
    PyBaMM's bare "AttributeError: 'NotStartedSolution' object has no attribute 'all_models'", session 50); with
    ``model`` (the unbuilt model), a state carried or needed by name (:func:`_misnamed_states`); with ``step_models``
    (PyBaMM's built models of its steps, known only once its solve built them), a state of another number of values
    (:func:`_resized_states`)."""
    if starting_solution is None:
        return None
    if isinstance(starting_solution, pybamm.EmptySolution):
        why = getattr(starting_solution, "why", None)
        # (a user's own pybamm.EmptySolution() was "a EmptySolution, a solve none of whose experiment's steps ran")
        what = (f"a {type(starting_solution).__name__}, a solve none of whose experiment's steps ran ({why}): it "
                "holds no state to continue from" if why
                else f"an empty solution (pybamm.{type(starting_solution).__name__}): no state to continue")
        return (f"the starting_solution is {what}. Solve this experiment "
                "from the set's state (no starting_solution) or with an initial_soc, or continue the solution of a "
                "run that ran a step")
    return ((None if model is None else _misnamed_states(starting_solution, model))
            or (_resized_states(starting_solution, step_models) if step_models else None))


def check_carried_states(starting_solution, model):
    """Raise ``ValueError`` for a ``starting_solution`` that does not carry the states of ``model`` (the unbuilt
    model of the simulation that continues it), checked by name before the solve: :func:`carried_state_misfit`'s text
    (a solution with no state, :func:`_misnamed_states`)."""
    why = carried_state_misfit(starting_solution, model)
    if why is not None:
        raise ValueError(why)


#: the AEA model's lithium bookkeeping [mol] a continuation conserves across its join (:func:`check_carried_lithium`):
#: the cathode's, connected and cut off, whose lost Li ("Lost lithium inventory [mol]": trapped, isolated) it counts
#: once (``AEA._degradation_summary_variables``), and a Li-In anode's; a Li metal anode is a reservoir with no such
#: variable (no charge passes at the join, so the cathode's alone is conserved there)
CARRIED_LITHIUM = ("Total lithium in cathode [mol]", "Total lithium in anode [mol]")


def check_carried_lithium(starting_solution, model, parameter_values, inputs=None, rtol=None, mesh=None):
    """Raise ``ValueError`` for a continuation that would not conserve the lithium of ``starting_solution``: its last
    state, carried over by the states' names (a content per host site, a fraction: no amount), read on
    ``parameter_values`` (the simulation's, with the solve's ``inputs``) by ``model`` (its unbuilt model) holds
    another inventory (:data:`CARRIED_LITHIUM`, each part by itself: no charge passes at the join) than the
    solution's own last figure, by more than ``rtol``
    (the solver's relative tolerance, None: ``model``'s default solver's, 1e-4; the inventory the solver carries is
    known to no better, and the same cell's values give it to round-off: a stack pressure that moves the porosity
    cancels in the host's amount). LMS at 1.5 mg/cm2 continued on 3 mg/cm2: 1.207e-6 -> 2.414e-6 mol in the cathode
    at the join, the next discharge twice as large, without a word; the LMS end state (x 1.0 of 4) continued on
    Li2021_TiS2 (x_max 1): SUNDIALS' bare "SolverError: IDAGetDky: IDA_BAD_K" (user trial, session 50). The error
    names both inventories and the parameters the inventory reads that differ from those the solution was solved on;
    one given as an input ("[input]") is judged by its inputs, the solution's own (its last step's) against ``inputs``
    (:func:`_same_value`: the same values object held the same input, and twice the loading given ran on unseen).
    Values whose inventory parameters all equal those are not built (temperature, current, cut-offs, rates of
    degradation, stack pressure: continued as before); else ``model`` is built on ``parameter_values`` and ``mesh``
    (``pybamm.Simulation`` keyword arguments: the simulation's ``var_pts``, ``submesh_types``, ``spatial_methods``),
    0.08-0.15 s on LMS (0.2 ms not built; 2026-12-06). Not judged, left to the existing behaviour
    (:func:`carried_state_misfit`; PyBaMM's own): no
    ``starting_solution`` or one with no state, a solution of a model ``pybamm.load_model`` read (its states named
    by slice), a ``model`` built already or without the variables, a solution without them, and values the build or
    the state's mapping fails on (another mesh, an input the solve does not give, a value out of its range: the
    solve's own checks name it). A cathode holding no lithium continues on any loading (none to conserve); a Li-In
    anode's foil amount only sets its initial state, which the carried one replaces: it continues on another."""
    if starting_solution is None or isinstance(starting_solution, pybamm.EmptySolution) \
            or getattr(model, "is_discretised", False):
        return
    try:
        previous = starting_solution.all_models[-1]
        variables = model.variables
        names = [name for name in CARRIED_LITHIUM if name in variables]
    except (AttributeError, IndexError, TypeError):
        return
    if state_names(previous) is None or CARRIED_LITHIUM[0] not in names:
        return
    read = sorted({symbol.name for name in names for symbol in variables[name].pre_order()
                   if isinstance(symbol, (pybamm.Parameter, pybamm.FunctionParameter, pybamm.InputParameter))})
    solved_on = parameter_values_of(previous)
    # (a value given as an input is judged by the inputs: the starting solution's own, those of this solve)
    given = {"old": _solved_inputs(starting_solution), "new": inputs if isinstance(inputs, dict) else {}}
    differ = None if solved_on is None else [name for name in read
                                             if not _same_value(solved_on, parameter_values, name, given)]
    if differ == []:  # (the same cell's inventory: nothing to build)
        return
    try:
        last = starting_solution.last_state
        held = [float(np.asarray(last[name].entries, dtype=float).reshape(-1)[-1]) for name in names]
    except Exception:  # noqa: BLE001 - a solution without the variables: not judged
        return
    after = _carried_inventory(starting_solution, model, parameter_values, names, inputs, mesh)
    rtol = float(model.default_solver.rtol if rtol is None else rtol)
    # (each part by itself: no charge passes at the join, and in the sum a Li-In anode's lithium, ~2900 times the
    # LMS cathode's after 2 minutes at 1C, hid a cathode of 1.2 times its loading: 6.9e-5 of it)
    moved = [] if after is None else [(name.split(" [")[0].replace("Total lithium in ", ""), old, new)
                                      for name, old, new in zip(names, held, after)
                                      if abs(new - old) > rtol * max(abs(old), abs(new))]
    if not moved:
        return
    change = ", ".join(f"{part} {100 * (new - old) / old:+.3g} %" if old else f"{part} from none"
                       for part, old, new in moved)
    said = ("the values the starting solution was solved on are not kept with its model" if differ is None else
            "parameters the inventory reads that differ: " + ", ".join(
                _changed(name, solved_on.get(name), parameter_values.get(name), given) for name in differ))
    if differ and any(_is_input(parameter_values.get(name)) for name in differ):
        said += " (the cause: the solve's inputs, other than those the starting solution was solved with)"
    raise ValueError(
        f"continuing the starting_solution on this simulation's parameter values would not conserve its lithium: its "
        f"last state holds {sum(held):.4g} mol ({_parts(names, held)}) on the values it was solved on, and "
        f"{sum(after):.4g} mol ({_parts(names, after)}) on these "
        f"({change}, beyond the solver's rtol {rtol:g}): PyBaMM carries the state over by the states' names, contents "
        f"per host site and fractions, so other values make another cell of it; {said}. Start a new run on these "
        "values (no starting_solution: the set's state, or an initial_soc), or continue with the values of the "
        "starting solution's cell (a change of temperature, current, cut-offs, rates of degradation or stack "
        "pressure continues)")


def _parts(names, values):
    """The parts of a lithium inventory, "cathode 1.207e-06 mol, anode ..." (:func:`check_carried_lithium`)."""
    return ", ".join(f"{name.split(' [')[0].replace('Total lithium in ', '')} {value:.4g} mol"
                     for name, value in zip(names, values))


def _same_value(before, after, name, given=None):
    """Whether parameter ``name`` has the same value in two ``pybamm.ParameterValues``, ``before`` and ``after``: the
    one rule of :func:`check_carried_lithium` (the values a starting solution was solved on, this solve's) and
    :func:`rescaled_nominal_capacity` (the values, the same changed). False where either lacks it. A value given as an
    input (``pybamm.InputParameter``, "[input]") is the number ``given`` to its side ({"old": inputs of ``before``,
    "new": of ``after``}; a number on the other side is itself), and False where not given: the same InputParameter
    held by both said nothing of the loading a continuation ran on (session 50, R8: 0.015 -> 0.03 given as inputs
    doubled the cathode's lithium at the join without a word); in the rescale, where both sides read the caller's
    one ``inputs`` (``given["one"]``), a change to "[input]" given the value held is no change (it had been
    evaluated, the ratio 1), "[input]" on both sides is none, given or not (whatever number it is given, the same on
    both: a loading held as "[input]" and set to "[input]" again, no inputs given, was refused as not evaluable until
    session 52), and an input on one side only, not given, is evaluated to the error naming it. The same object (a
    function, a symbol) is the same value; numbers and arrays are compared with numpy, value for value and shape for
    shape (one number however held: a float, a numpy float, a one-value array alike; the continuation check had
    called an array different from its equal number or list and built the model to judge an unchanged cell, 0.08-0.15
    s on LMS); anything else, or what cannot be compared, differs."""
    try:
        old, new = before[name], after[name]
    except KeyError:
        return False
    if _is_input(old) or _is_input(new):
        given = given or {}
        if given.get("one") and _is_input(old) and _is_input(new):  # (one inputs read by both: one number)
            return True
        old, new = (_given_number(value, name, given.get(side)) for value, side in ((old, "old"), (new, "new")))
        return old is not None and new is not None and old == new
    if old is new:
        return True
    try:
        old, new = np.asarray(old, dtype=float), np.asarray(new, dtype=float)
    except (TypeError, ValueError):  # a function, a symbol, data: not the same object, so not known to be equal
        return False
    if old.size == new.size == 1:  # (one number, as an input's: a float, a numpy float, a one-value array alike)
        old, new = old.reshape(()), new.reshape(())
    return old.shape == new.shape and bool(np.array_equal(old, new))


def _is_input(value):
    """Whether a parameter's value is given as an input at the solve ("[input]")."""
    return isinstance(value, pybamm.InputParameter)


def _given_number(value, name, inputs):
    """The number ``value`` stands for: itself (a number), or, an input, ``inputs[name]`` (a number or a one-value
    array); None where not given or not one number."""
    if _is_input(value):
        value = (inputs or {}).get(name)
    try:
        entries = np.asarray(value, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return None
    return float(entries[0]) if entries.size == 1 else None


def _solved_inputs(starting_solution):
    """The inputs ``starting_solution``'s last step was solved with ({} where none are kept)."""
    try:
        inputs = starting_solution.all_inputs[-1]
    except (AttributeError, IndexError, TypeError):
        return {}
    return inputs if isinstance(inputs, dict) else {}


def _changed(name, old, new, given):
    """A parameter's change as the refusal of :func:`check_carried_lithium` names it: "'Cathode loading [kg.m-2]'
    0.015 -> 0.03", or given as inputs to both solves, "... input 0.015 -> 0.03"."""
    if _is_input(old) and _is_input(new):
        return f"{name!r} input {_shown(old, name, given['old'])[6:]} -> {_shown(new, name, given['new'])[6:]}"
    return f"{name!r} {_shown(old, name, given['old'])} -> {_shown(new, name, given['new'])}"


def _shown(value, name=None, inputs=None):
    """A parameter's value as the refusal of :func:`check_carried_lithium` names it (an input: "input 0.03", the
    value ``inputs`` give ``name``)."""
    if isinstance(value, numbers.Real):
        return f"{float(value):.6g}"
    if _is_input(value):
        number = _given_number(value, name, inputs)
        return "input " + ("not given" if number is None else f"{number:.6g}")
    if value is None:
        return "absent"
    return f"{getattr(value, '__name__', type(value).__name__)}"


def _carried_inventory(starting_solution, model, parameter_values, names, inputs, mesh):
    """The lithium [mol] of each of ``names`` in ``starting_solution``'s last state carried onto ``model`` built on
    ``parameter_values`` (``mesh``: ``pybamm.Simulation`` keyword arguments), mapped as PyBaMM maps it
    (``set_initial_conditions_from``, by the states' names); None where the build or the mapping fails."""
    inputs = inputs if isinstance(inputs, dict) else {}
    try:
        with warnings.catch_warnings():  # (the solve's own build warns where its values call for it)
            warnings.simplefilter("ignore")
            simulation = pybamm.Simulation(model, parameter_values=parameter_values, **(mesh or {}))
            simulation.build(inputs=inputs)
            built = simulation.built_model
            _, carried = built.set_initial_conditions_from(starting_solution, inputs=inputs, return_type="ics")
            y = np.asarray(carried.evaluate(0, inputs=inputs), dtype=float).reshape(-1, 1)
            read = pybamm.Solution(np.array([0.0]), y, built, inputs)
            return [float(np.asarray(read[name].entries, dtype=float).reshape(-1)[-1]) for name in names]
    except Exception:  # noqa: BLE001 - not judged: the solve's own build, checks or PyBaMM say what fails
        return None


def _misnamed_states(starting_solution, model):
    """Why ``starting_solution``'s model does not carry the states of ``model`` (the unbuilt model of the simulation
    that continues it), by their names, or None: PyBaMM carries the last state over by name, so a state the solution
    carries that ``model`` lacks is dropped without a word, and one ``model`` needs that the
    solution lacks fails in PyBaMM's build ("ModelError: To update a model from a solution ..."), or is read off a
    variable of the same name that is no state. S-LMS at 0.5C, 3 cycles with "dispersed material degradation":
    "activation and contact loss", then one cycle from it on a plain model: 145.830 uA.h against 120.966 with the
    same options (+20.6 %, its sulfur whole again), the accessible, lost and not yet activated fractions and the
    isolated lithium dropped (measured session 49); a Li-In model on a Li-anode solution: PyBaMM's bare ModelError.
    Refused: a differential state (one with a history: a content, a fraction lost, a capacity counted) dropped or
    missing, and an algebraic one missing that the solution has no variable of (PyBaMM's ModelError); the error names
    them and the options that differ. A continuation across options whose models differ in no more runs, each state
    with a history carried over: an option that adds no state ("ionic switch": "none"), or only algebraic ones, which
    the solver finds again from the others ("electronic conduction": "infinite" drops the electrode's ohmic drop;
    "voltage as a state": "true" takes the voltage from the solution as its first guess). So do the states of PyBaMM's
    own step control (:data:`~pybamm_aea.pybamm_adapter.experiment_errors.CONTROL_STATES`: a voltage hold's current),
    which are no option's. A state both carry with another number of values (another mesh) is
    :func:`_resized_states`'s, read when PyBaMM's solve fails. A solution of a model ``pybamm.load_model`` read
    from JSON is not judged: its model's states are named by slice ("y[0:40]"), not by name
    (:func:`~pybamm_aea.pybamm_adapter.model_internals.state_names`), and each of LMS's 9 looked missing, a false
    "the options are the same" refusal of a continuation PyBaMM runs (2.23685 V after 30 s at 1C, as from the solution
    of the model not saved; session 49)."""
    from ..pybamm_adapter.experiment_errors import CONTROL_STATES

    try:
        previous = starting_solution.all_models[-1]
        carried = state_names(previous)
        if carried is None:  # (a model pybamm.load_model read: its states named by slice, "y[0:40]", so each would look
            return None       # missing, a false error; PyBaMM carries the state over by the solution's variables)
        carried -= set(CONTROL_STATES)
        history = {var.name for var in previous.rhs}
        needed = {var.name for var in model.initial_conditions}
        differential = {var.name for var in model.rhs}
        known = set(previous.variables.keys())
    except (AttributeError, IndexError, TypeError):  # (no model behind it: PyBaMM's to say)
        return None
    dropped = sorted((carried - needed) & history)
    missing = sorted(name for name in needed - carried if name in differential or name not in known)
    if not dropped and not missing:
        return None
    named = "; ".join(f"{what}: {', '.join(map(repr, names))}" for what, names in (
        ("states the starting_solution carries that this simulation's model lacks (they would be dropped)", dropped),
        ("states this simulation's model needs that the starting_solution lacks", missing)) if names)
    return (f"the starting_solution's model ({type(previous).__name__}) does not carry this simulation's "
            f"model's states: {named}. PyBaMM carries a starting solution's last state over by its states' "
            "names: it drops a state the new model lacks without a word (S-LMS continued without its sulfur "
            "degradation: +20.6 % capacity, its lost sulfur back) and fails on one the solution lacks, or "
            f"reads it off a variable of that name; {_options_differ(previous, model)}. Continue with the "
            "starting solution's model options, or start this model from a fresh state (no "
            "starting_solution)")


def _options_differ(previous, model):
    """The words naming the options of ``previous`` (a starting solution's model) that ``model``'s differ in."""
    old, new = dict(getattr(previous, "options", {}) or {}), dict(getattr(model, "options", {}) or {})
    differ = [f"{name!r}: {old.get(name)!r} -> {new.get(name)!r}" for name in sorted(set(old) | set(new), key=str)
              if old.get(name) != new.get(name)]
    return ("options that differ: " + ", ".join(differ)) if differ else "the options are the same"


def starting_state_mismatch(starting_solution, step_models):
    """Why ``starting_solution``'s last state does not fit ``step_models`` (PyBaMM's built models of the steps of the
    simulation that continues it), read after PyBaMM's solve failed, or None: :func:`carried_state_misfit`'s text
    (a solution with no state, :func:`_resized_states`)."""
    return carried_state_misfit(starting_solution, step_models=list(step_models))


def _resized_states(starting_solution, step_models):
    """Why ``starting_solution``'s last state does not fit the step models of the simulation that continues it
    (``step_models``: PyBaMM's built models of its steps), or None: a state both models name has another number of
    values (PyBaMM maps the last state over by the states' names), from other model options or another mesh. Read
    only after PyBaMM's solve failed (a continuation of a multi-phase LMS solution by a lever-rule model, or on a
    finer mesh, failed inside casadi: "Input 1 (i1) has mismatching shape. Got 66-by-1", naming neither; measured
    session 37). A state one model has and the other lacks is no mismatch (a voltage hold's current, 86 values
    against a charge's 85). A solution of a model ``pybamm.load_model`` read (its states named by slice, "y[0:40]",
    :func:`~pybamm_aea.pybamm_adapter.model_internals.state_names` None) is judged by its total number of values
    against each step model's without PyBaMM's step control states (since session 49: a multi-phase LMS solution so
    read, continued by a lever-rule model, failed with casadi's bare "Got 66-by-1 ... 36-by-1")."""
    from ..pybamm_adapter.experiment_errors import CONTROL_STATES

    try:
        previous = starting_solution.all_models[-1]
        n = len(starting_solution.last_state.all_ys[0])
        had = _state_sizes(previous)
        unnamed = state_names(previous) is None
    except (AttributeError, IndexError, TypeError):
        return None
    if unnamed:  # (states named by slice: compare the totals; the options said if the loaded model kept them)
        for mine in step_models:
            own = sum(size for name, size in _state_sizes(mine).items() if name not in CONTROL_STATES)
            if own != n:
                return (f"the starting_solution's state ({n} values, its model {type(previous).__name__}, read by "
                        f"pybamm.load_model: its states not named) does not fit this simulation's model ({own} "
                        "values without PyBaMM's step control): PyBaMM carries a starting solution's last state "
                        "over as it is laid out, so a run continues only a solution of the same model options and "
                        f"mesh; {_options_differ(previous, mine)}")
        return None
    for mine in step_models:
        sizes = _state_sizes(mine)
        resized = [f"{name!r} {had[name]} -> {sizes[name]}" for name in sorted(sizes.keys() & had.keys())
                   if sizes[name] != had[name]]
        if resized:
            break
    else:
        return None
    what = _options_differ(previous, mine)
    what += "" if what.startswith("options") else ": the mesh (var_pts) differs"
    return (f"the starting_solution's state ({n} values, its model {type(previous).__name__}) does not fit this "
            f"simulation's model ({state_size(mine)} values; values per state: {', '.join(resized)}): PyBaMM "
            f"carries a starting solution's last state over by its states' names, so a run continues only a solution "
            f"of the same model options and mesh; {what}")


def _state_sizes(model):
    """Number of values of each state of a built (discretised) model, by the state's name."""
    return {var.name: sum(s.stop - s.start for s in parts) for var, parts in state_slices(model).items()}


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
            _check_capacity_termination(written, float(number), _made(made, parameter_values, inputs),
                                        parameter_values, _at_start(inputs), slip_hints)
        upper = None if parameter_values is None or (kind, unit) != ("voltage", "V") else _cut_off(
            parameter_values, "Upper voltage cut-off [V]", _at_start(inputs))
        # (PyBaMM reads a cycle's lowest voltage on the battery's, the cut-off is a cell's)
        cells = _cells(parameter_values, _at_start(inputs))
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
            "pybamm_aea.cycling.cycle_summary(solution)[\"Discharge capacity [A.h]\"] falls below your share of "
            "cycle 1's, or give a voltage termination")


def capacity_as_made_at_start(parameter_values, inputs=None):
    """The cathode's capacity as made [A.h] (:func:`theoretical_cathode_capacity` of the AEA model) on
    ``parameter_values`` with a solve's ``inputs`` at a step's start (:func:`_at_start`), or None (cannot be
    evaluated); numpy's warnings of an input out of range silenced (the input check names it after). The bound of
    an A.h capacity termination (:func:`check_termination`), the nominal capacity's match
    (:func:`nominal_capacity_mismatch`), the first step's share (:func:`first_step_window_message`) and what
    :func:`first_cycle_termination_message` compares cycle 1 with; a solve's is :func:`solve_capacity_as_made`."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return theoretical_cathode_capacity(None, parameter_values, _at_start(inputs))


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


def _made(made, parameter_values, inputs):
    """The cathode's capacity as made ``made()`` gives (a solve's, :func:`solve_capacity_as_made`), or, ``made``
    None, :func:`capacity_as_made_at_start` on ``parameter_values`` with ``inputs`` [A.h]; None: cannot be evaluated."""
    return capacity_as_made_at_start(parameter_values, inputs) if made is None else made()


#: a unit slip's sign in a capacity termination's refusal: "Nominal cell capacity [A.h]" this many times the capacity
#: as made leads it as a loading slip's (a unit's: mg/cm2 for kg/m2 is 100x, g/m2 1000x); a thinner electrode than its
#: set's (S-LMS at 75 % of its loading, 1.325x: review R19) keeps the termination's own hints; and a termination this
#: many times the capacity as made is told "did you give mA.h?", one nearer it (0.00082074 A.h on the 0.8207318 mA.h
#: S-LMS cell, or equal to it) is no unit slip (it was asked, "still 0.001 times the cell's capacity": review R19)
LOADING_SLIP_FACTOR = 10.0


#: a capacity termination's unit slip (:attr:`~pybamm_aea.ranges.Range.slip`): PyBaMM reads it in A.h, a cell's
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
    nominal = _cut_off(parameter_values, "Nominal cell capacity [A.h]", inputs)
    basis = "" if nominal is None else f"; its \"Nominal cell capacity [A.h]\" {nominal:.4g} A.h"
    unit, other, per = _CAPACITY_SLIP
    made_from = _capacity_made_from(parameter_values, inputs)
    # (each at the digits that tell it from the other: at 4, 0.00082074 A.h was refused as above 0.0008207, R19)
    p = _digits(made, capacity)
    said, as_made = f"{capacity:.{_digits(capacity, made)}g}", f"{made:.{p}g} A.h ({made * per:.{p}g} {other}"
    if nominal is not None and nominal / made > LOADING_SLIP_FACTOR:  # (the C-rate basis of another cathode)
        # the sign of a loading slip, said first and alone: a termination mended to the capacity it made (a unit
        # hint's 0.0001 mA.h under a 1.517e-07 A.h bound) would pass and run the wrong cell (review R17)
        raise ValueError(f"the experiment's termination {written!r}: the cathode's capacity as made {as_made}, "
                         f"{made_from}) is 1/{nominal / made:.4g} of the cell's \"Nominal "
                         f"cell capacity [A.h]\" {nominal:.4g} A.h: check what that capacity is computed from (a "
                         f"loading in the wrong unit?); the termination's {said} A.h is at or above it, the most "
                         "a cycle's \"Capacity [A.h]\" can be, so PyBaMM would stop the experiment after cycle 1")
    hint = "" if not slip_hints or capacity < LOADING_SLIP_FACTOR * made else bound.slip_hint(capacity) or (
        f"; did you give {other}? {capacity:g} {other} = {capacity / per:g} {unit}, still "
        f"{capacity / per / made:.3g} times the cell's capacity")
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
        given = {p.name: _cut_off(parameter_values, p.name, inputs) for p in value.pre_order()
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
    from 1 (:func:`_digits`), so the capacity advised is below the capacity as made (:func:`check_termination` takes
    it). ``made``: what gives the capacity as made, as :func:`check_termination` takes it."""
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
    made = _made(made, parameter_values, inputs)
    figures = [first, limit] + ([] if made is None else [made])
    p = _digits(first, *figures)  # (each figure its own digits: review R19)
    said = (f"the experiment stopped at its termination {written.get('capacity')!r} after its first cycle, 1 of its "
            f"{len(lengths)} cycles: cycle 1's \"Capacity [A.h]\" {first:.{p}g} A.h ({first * 1e3:.{p}g} mA.h) is "
            f"at or below {limit:.{_digits(limit, *figures)}g} A.h, and PyBaMM stops after the first cycle whose "
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
        said += (f". The cathode's capacity as made is {made:.{_digits(made, *figures)}g} A.h; cycle 1 ended at "
                 f"{first / made:.{_digits(first / made, 1.0)}g} of it" + (f": {' and '.join(parts)}" if parts else ""))
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


def _digits(value, *others):
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
    the battery's voltage, ``cells`` cells in series (:func:`_cells`), and puts the window events on a cell's. A cut-off
    above :data:`~pybamm_aea.constants.MAX_VOLTAGE_VS_LI` is refused whatever the window, as a voltage step's value
    (:data:`STEP_VALUE_RANGES`): with the window at 6 V, "Charge at 0.01C until 6.5 V" was accepted."""
    window = _step_window("Voltage", cut_offs)
    for term in getattr(step, "termination", None) or ():
        value = getattr(term, "value", None)
        if not (isinstance(term, pybamm.step.VoltageTermination) and isinstance(value, numbers.Real)):
            continue
        name = _step_name(step, str)
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


def _at_start(inputs):
    """The solve's ``inputs`` (a dict or None) with the inputs PyBaMM gives each step itself
    (:data:`PYBAMM_INPUTS`) at 0, as at the start of a step: what the checks before any step evaluate with."""
    return {**dict(inputs or {}), **dict.fromkeys(PYBAMM_INPUTS, 0.0)}


def _cut_off(parameter_values, name, inputs):
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


def _cells(parameter_values, inputs):
    """The battery's "Number of cells connected in series to make a battery" (a number or an input's value; 1 if
    neither): PyBaMM ends an experiment's step, and the experiment, on the battery's voltage ("Battery voltage [V]",
    pybamm.step.VoltageTermination and Simulation.solve), the cut-offs and window events are a cell's."""
    cells = None if parameter_values is None else _cut_off(
        parameter_values, "Number of cells connected in series to make a battery", inputs)
    return cells if cells is not None and cells > 0 else 1.0


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


def _check_drive_cycle(index, step, kind, cut_offs):
    """Check every sample of the drive cycle of numbers ``step`` (PyBaMM's ``input_value``: rows of a time [s]
    from the step's start and the step's value) is step ``index`` of the experiment: times finite and strictly
    increasing, values in :data:`STEP_VALUE_RANGES` (a voltage also in the cell's window, :func:`_step_window`).
    PyBaMM interpolates a drive cycle linearly between its samples (and loops it when the step is longer), and
    each range is an interval, so the samples in range are the whole cycle in range: exact, every sample the step
    reaches. A step shorter than its cycle (``duration=15`` on samples at 0, 10, 20 and 30 s) ends in a segment
    (10-20 s): the samples after it never run and are not checked; its times are all checked (they say where the
    step ends in the cycle); one ending on a sample (``duration=20``) reads the next (PyBaMM's interpolant there
    gave the NaN of sample 30 s as the solution's current at 20 s, measured). Raises
    ``ValueError`` naming the step, the value, its sample and its time. PyBaMM itself refuses decreasing times
    when the step is made (its ``Interpolant``: "x should be monotonically increasing"), but not a NaN time, nor a
    repeated one (two values at one time, of which the interpolation picks one)."""
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
    for check in (rng, _step_window(kind, cut_offs)):
        if check is None:
            continue
        bad = check.outside(values[:used])
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise ValueError(f"the {what} of the experiment's step {index} ({name}) = {float(values[k])!r} at "
                             f"t = {times[k]:g} s of its drive cycle (sample {k + 1} of {n}) is outside its "
                             f"{'physical range' if check is rng else 'range'} {check.describe()} ({check.why})")


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


def _step_name(step, text=repr):
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
            f"the experiment's step {index} ({_step_name(step)}) would run its drive "
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
            f"the experiment's step {index} ({_step_name(step)}) would run step {first}'s value: PyBaMM keys an "
            "experiment's steps by their text, in which the two print the same (numpy prints an array of more than "
            "1000 numbers in part) though their values differ; make the Experiment and the Simulation inside `with "
            "numpy.printoptions(threshold=sys.maxsize):` so that each step's text holds all its samples")
    raise ValueError(
        f"the experiment's step {index} ({_step_name(step)}) would run step {first}'s value "
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


def check_step_values(steps, inputs, parameter_values=None, anode=None):
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
    from its start (PyBaMM's step values are functions of the time since the step's start); a value of an input
    not given is left to PyBaMM, which names it.

    A Python function of the time on a step with a termination (``pybamm.step.resistance(lambda t: 1e5 - 1e3 * t,
    termination="< 1.8 V")``) may be ended by it before the end of its duration (24 h by default): a non-finite
    value at any of the 100 times (a bug of the function) and a value out of range at the step's start are
    refused; a finite value out of range later is a ``UserWarning`` naming the first time it is, since the step
    runs only if its termination ends it before. Without a termination every value over the duration is
    refused. A drive cycle's samples are data written for the step to run: each it reaches is refused if out of
    range, whatever its termination."""
    one = _at_start(inputs)
    cut_offs = [None, None] if parameter_values is None else [
        _cut_off(parameter_values, f"{side} voltage cut-off [V]", one) for side in ("Lower", "Upper")]
    seen, value_keys = set(), {}
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
        if key in seen:
            continue
        seen.add(key)
        _check_direction_word(index, step, kind)
        _check_cut_offs(index, step, cut_offs, _cells(parameter_values, one))
        from .checks import check_step_until_in_tables  # (its own "until" voltage past an OCP table's end, session 58)
        check_step_until_in_tables(index, _step_name(step, str), step, parameter_values, anode,
                                   _cells(parameter_values, one))
        if _is_drive_cycle(step):  # a drive cycle of numbers: every sample
            _check_drive_cycle(index, step, kind, cut_offs)
            continue
        value = step.value
        given = sorted({s.name for s in value.pre_order() if isinstance(s, pybamm.InputParameter)} - PYBAMM_INPUTS)\
            if isinstance(value, pybamm.Symbol) else []
        if isinstance(value, pybamm.Symbol) and not given and not getattr(step, "is_python_function", False):
            continue  # an expression of pybamm.t (the solve's time, not the step's): PyBaMM's to evaluate
        if any(name not in one for name in given):
            continue  # PyBaMM reports the input not given
        for name in given:  # (numpy.True_, a string or a 0-d array: PyBaMM's evaluation fails on it, naming nothing)
            try:
                _input_value(name, one[name])
            except ValueError as exc:
                raise ValueError(f"{exc}: the value of the experiment's step {index} ({step})") from None
        timed = isinstance(value, pybamm.Symbol) and any(
            isinstance(s, pybamm.Time) or (isinstance(s, pybamm.InputParameter) and s.name in PYBAMM_INPUTS)
            for s in value.pre_order())
        times = np.linspace(0.0, float(step.duration), 100) if timed and step.duration else [None]
        what, rng = STEP_VALUE_RANGES[kind]
        window = _step_window(kind, cut_offs)
        where = "".join(f"; from the input {name!r} = {one[name]!r}" for name in given)
        # a Python function of the time with a termination: a finite value out of range after the start may come
        # after the termination ends the step (a resistance ramp to a voltage cut-off), warned about, not refused
        cut_short = getattr(step, "is_python_function", False) and bool(getattr(step, "termination", None))
        leaves = None
        for t in times:
            try:
                with np.errstate(all="ignore"):  # (a non-finite value is the error raised below)
                    v = value.evaluate(t=t, inputs=one) if isinstance(value, pybamm.Symbol) else value
                v = np.asarray(v, dtype=float).ravel()
            except (TypeError, ValueError):
                v = np.array([math.nan])
            at = "" if t is None else f" at t = {t:g} s into the step"
            for check in (rng, window):
                bad = [] if check is None else [float(x) for x in v[check.outside(v)]]
                if bad and cut_short and t and all(map(math.isfinite, bad)):
                    leaves = leaves or (t, bad[0], check)
                elif bad:
                    raise ValueError(f"the {what} of the experiment's step {index} ({step}) = {bad[0]!r}{at} is "
                                     f"outside its {'physical range' if check is rng else 'range'} "
                                     f"{check.describe()} ({check.why}){where}")
        if leaves is not None:  # (once per distinct step: a repeated cycle's copies are skipped above)
            t, bad, check = leaves
            warnings.warn(f"the {what} of the experiment's step {index} ({step}) = {bad!r} at t = {t:g} s into the "
                          f"step is outside its {'physical range' if check is rng else 'range'} {check.describe()} "
                          f"({check.why}){where}: the step runs only if its termination "
                          f"({', '.join(map(str, step.termination))}) ends it before", UserWarning, stacklevel=2)


#: the step models of an experiment's custom steps (``pybamm.step.CustomStepExplicit`` / ``CustomStepImplicit``,
#: whose current is the user's function of the state, so not checked before the solve) -> the step; None for a model
#: shared by several steps (``experiment_model_mode="unified"``): the step its solver runs then, if a custom step (no
#: note until session 55). Set by :mod:`pybamm_aea.pybamm_adapter.experiment_inputs` after the build; read only when a
#: step fails
CUSTOM_STEP_MODELS = weakref.WeakKeyDictionary()
#: the variable PyBaMM gives an implicit step's current (its algebraic state; the step's function is its equation)
_IMPLICIT_CURRENT = "Current variable [A]"
#: the step models of an experiment's constant-power steps (``pybamm.step.Power``) -> (the step, the parameter values
#: it was built with); the step None for a model shared by several steps (``experiment_model_mode="unified"``): the
#: step its solver runs then, if a power step (its ``running_step``). Set by
#: :mod:`pybamm_aea.pybamm_adapter.experiment_inputs` after the build; read only when a step fails
#: (:func:`_power_step_note`; the unified model's failure had no note until session 54)
POWER_STEP_MODELS = weakref.WeakKeyDictionary()
#: the model's open-circuit voltage of the cell [V] (:mod:`pybamm_aea.models.submodels.cell_voltage`)
_OCV = "Battery open-circuit voltage [V]"


def _evaluated(model, name, t, y, inputs):
    """The model's variable ``name`` at time ``t`` [s] and state ``y``, a float."""
    y = np.asarray(y.full() if hasattr(y, "full") else y, dtype=float).reshape(-1, 1)
    with np.errstate(all="ignore"):
        return float(np.asarray(model.get_processed_variable(name).evaluate(t, y, inputs=dict(inputs or {}))).item())


def _ended_past_already(ended_on, past):
    """Whether the step before ended on its own voltage cut-off (``ended_on``: its termination, "event: Voltage >
    3.0 [V] [experiment]") on the same side as every cut-off of ``past`` (name -> gap, those a later step starts
    past) and at or beyond each, so that the later step is skipped at the cell the step before left, IDA having
    located that event to its tolerance, not by its own current: a charge "until 3.0 V" after a charge at the same
    current that ended on its 3.0 V event 1.74 mV past it (S-LMS at 0.5C, review R14) was warned. By the events'
    names, which are the battery's voltage as PyBaMM ends a step on it (cells in series, review R15), not a cell's;
    a step before that ended otherwise (on its duration, at a window event) tells nothing (R15: LMS discharged at 5C
    for 20 s to 2.1309 V, then at 1C "until 2.2 V", 2.78 mV past it by its own losses, stays warned)."""
    ended = _STEP_CUT_OFF_NAME.match(ended_on or "")
    if ended is None or not past:
        return False
    side, reached = ended[1], _cut_off_volts(ended)
    for name in past:
        match = _STEP_CUT_OFF_NAME.match(name)
        if match is None or match[1] != side:
            return False
        if match[2] == ended[2]:  # (the same cut-off, a number or an input's name: "until V_min" twice, review R16)
            continue
        cut_off = _cut_off_volts(match)
        if reached is None or cut_off is None:  # (an input's value is not in its name: undecided, so warned)
            return False
        if not (cut_off <= reached if side == ">" else cut_off >= reached):
            return False
    return True


def _power_step(model, running=None):
    """The constant-power step ``model`` runs (:data:`POWER_STEP_MODELS`; a shared model's is ``running`` if a power
    step) and its parameter values, or (None, None)."""
    step, parameter_values = POWER_STEP_MODELS.get(model) or (None, None)
    if step is None and parameter_values is not None:  # (the unified model: the power step running, else none)
        step = running if isinstance(running, pybamm.step.Power) else None
    return (step, parameter_values) if step is not None else (None, None)


def _power_delivered(step, start):
    """Whether the cell delivers the power of the constant-power ``step`` at its start, where the solver found the
    cell's voltage ``start`` [V] (None: not found): a charge (power below 0) always (V I = P has a current at any V);
    a discharge if its voltage there is above 0 V (V I = P with I > 0), not at or below it (no current meets a power
    above the most the cell delivers, V_oc^2 / (4 R): Li2021_Mo6S8 at 1 W, -0.5214 V); None if undecided."""
    try:
        power = float(step.value)
    except (TypeError, ValueError):
        return None
    if power <= 0:
        return True
    return None if start is None or not math.isfinite(start) else start > 0


def _power_step_note(model, t0, inputs, last, running=None, start=None):
    """For a constant-power step's model (:data:`POWER_STEP_MODELS`; a shared model's step is ``running``, the step
    its solver runs, if a power step) the solver failed on: the current its power
    needs at least, at the open-circuit voltage of the state the step started from (``model.y0``, at ``t0`` [s]), in
    A and C; then, from ``last`` (as :func:`_custom_step_note`'s: a function returning the last point IDA reached,
    False if the solver failed at the step's start, None if it returned none), whether the step failed at its start
    or after running, with the voltage and current there. None for another model or a power that is not one number.
    A power above the most the cell delivers (V_oc^2 / (4 R), R its internal resistance) has no current to run at:
    IDA's consistent initialisation fails (0.1 W from a 0.28 mA.h TiS2 cell, about 140C, was a bare "IDAGetDky:
    IDA_BAD_K"); a power the cell delivers at the start can pass that most as its voltage falls. ``start``: the cell's
    voltage [V] where the solver found the step's start (None: not found), which decides whether that most is said
    (:func:`_power_delivered`; a 0.01 mW charge of AEA_LiCoO2 past its cut-off was told it, review R35). Evaluated
    only after a failure."""
    step, parameter_values = _power_step(model, running)
    if step is None:
        return None
    try:
        power = float(step.value)
        ocv = _evaluated(model, _OCV, t0, initial_state(model), inputs)
    except Exception:  # noqa: BLE001 - the solver's own error stands
        return None
    if not (math.isfinite(power) and math.isfinite(ocv) and ocv > 0):
        return None
    current = abs(power) / ocv
    nominal = _cut_off(parameter_values, "Nominal cell capacity [A.h]", dict(inputs or {}))
    rate = f", {current / nominal:.3g}C of the set's \"Nominal cell capacity [A.h]\"" if nominal else ""
    said = (f"the constant-power step {step} asks {power:g} W: at least {current:.3g} A{rate} at the open-circuit "
            f"voltage it starts from ({ocv:.4g} V)")
    runs = "a smaller power, or a current or C-rate step, runs"
    try:
        last = last()
        if last not in (None, False):
            t, y, _ = last
            ran = (f"; it ran {t - t0:.3g} s, to {_evaluated(model, 'Voltage [V]', t, y, inputs):.4g} V at "
                   f"{abs(_evaluated(model, 'Current [A]', t, y, inputs)):.3g} A, where the solver failed: the current "
                   "a constant power needs grows as the voltage falls, and none meets a power above the most the "
                   f"cell delivers (V_oc^2 / (4 R), R its internal resistance); {runs}")
    except Exception:  # noqa: BLE001 - what is known stands
        last = None
    if last is False and _power_delivered(step, start):  # (the cell's start past a cut-off, not the power, stops it)
        return (f"{said}; the cell meets that power at its start ({start:.4g} V): its start past a cut-off, not the "
                "power, stops the step") if start is not None else said
    if last is False:  # (the solver failed at the step's start, before integrating)
        return (f"{said}, and more as its losses move the voltage; a power above the most the cell can deliver from "
                f"that state (V_oc^2 / (4 R), R its internal resistance) leaves the solver no current to run at: "
                f"{runs}")
    if last is None:
        return f"{said} (the state the solver failed at was not returned)"
    return said + ran


def _custom_step_note(model, t, inputs, last=None, running=None):
    """For a custom step's model (:data:`CUSTOM_STEP_MODELS`; a shared model's step is ``running``, the step its
    solver runs, if a custom step) the solver failed on: its current at the step's start
    ``t`` [s] (the state the step started from, ``model.y0``), and for an implicit step the residual of the
    current's equation there if it is not finite; None for another model, or if they cannot be evaluated.
    A current finite at the start is also evaluated where the solver stopped (:func:`_failed_state_note`):
    ``last``, the time, state and time derivative of the last point IDA reached on the step (from
    :meth:`CheckedIDAKLUSolver._failed_state`, or a function returning it, called only for a current finite at
    the start), False if the solver failed at the step's start (nothing more is said), None if it returned no
    state (said so: the current may have turned non-finite later).
    Evaluated only after a failure: no cost to a step that runs."""
    step = CUSTOM_STEP_MODELS.get(model)
    shared = step is None and model in CUSTOM_STEP_MODELS  # (the unified model)
    if shared:
        kinds = (pybamm.step.CustomStepExplicit, pybamm.step.CustomStepImplicit)
        step = running if isinstance(running, kinds) else None
    if step is None:
        return None
    explicit = shared and isinstance(step, pybamm.step.CustomStepExplicit)
    try:
        y0 = initial_state(model)
        current, residual = _custom_current(model, t, y0.full() if hasattr(y0, "full") else y0, inputs, explicit)
    except Exception:  # noqa: BLE001 - the solver's own error stands
        return None
    at = f"at the step's start (t = {t:g} s)"
    if residual is not None and not math.isfinite(residual):
        return (f"the equation of the custom step {step}'s current, a function of the state, is {residual!r} {at}, "
                f"with the current at {current!r} A")
    said = f"the custom step {step}'s current, a function of the state, is {current!r} A {at}"
    if not math.isfinite(current):
        return said
    try:
        if callable(last):  # (inside the try: a failure here leaves the solver's error and what is known standing)
            last = last()
        if last is False:  # (the solver failed at the step's start, before integrating)
            return said
        later = None if last is None else _failed_state_note(model, t, last, inputs, explicit)
    except Exception:  # noqa: BLE001 - what is known stands
        later = None
    if later is None:
        return (f"{said}; finite there, it may have turned non-finite later in the step (the state the solver "
                "failed at was not returned)")
    return said + later


def _custom_current(model, t, y, inputs, explicit=False):
    """A custom step's model's current [A] at time ``t`` [s] and state ``y``, and the residual of an implicit
    step's equation of its current there (None for an explicit step). On a shared model (PyBaMM's unified mode: the
    current its algebraic state, an ``explicit`` step's equation (current - f(state)) / the state's scale, PyBaMM's
    discretisation's) an explicit step's current is its function's, f = current - residual * scale."""
    current = _evaluated(model, "Current [A]", t, y, inputs)
    y = np.asarray(y, dtype=float).reshape(-1, 1)
    one = dict(inputs or {})
    with np.errstate(all="ignore"):
        var, residual = next(((var, float(np.asarray(eq.evaluate(t, y, inputs=one)).item()))
                              for var, eq in model.algebraic.items() if var.name == _IMPLICIT_CURRENT), (None, None))
        if explicit and residual is not None:
            scale = getattr(var, "scale", 1)
            scale = float(np.asarray(scale.evaluate(t, y, inputs=one)).item()) if hasattr(scale, "evaluate") else scale
            return current - residual * scale, None
    return current, residual


#: how far past the last state IDA reached its current is looked at, along the state's time derivative [s]
_PAST_FAILURE = tuple(10.0 ** np.arange(-9, 1))


def _failed_state_note(model, t0, last, inputs, explicit=False):
    """The text after :func:`_custom_step_note`'s for the last state IDA reached on a custom step, ``last`` =
    (time [s], state, its time derivative or None): the current there, and if it is finite the first of
    :data:`_PAST_FAILURE` past it at which the state carried on linearly by its derivative gives a non-finite
    current (or implicit-step residual): where the current turns non-finite (IDA cannot step into it; a current
    1e-5 (1 + sqrt(6e-8 - Q)) A fails IDA's error test where Q reaches 6e-8 A.h, its slope infinite)."""
    t, y, yp = last
    current, residual = _custom_current(model, t, y, inputs, explicit)
    said = (f"; at the last state the solver reached, t = {t:.6g} s ({t - t0:.6g} s into the step), it is "
            f"{current!r} A")
    if residual is not None and not math.isfinite(residual):
        return said + f", the residual of its equation {residual!r}"
    if not math.isfinite(current) or yp is None:
        return said
    y, yp = np.asarray(y, dtype=float).ravel(), np.asarray(yp, dtype=float).ravel()
    for h in _PAST_FAILURE:
        ahead, ahead_residual = _custom_current(model, t + h, y + h * yp, inputs, explicit)
        if not math.isfinite(ahead) or (ahead_residual is not None and not math.isfinite(ahead_residual)):
            what = f"{ahead!r} A" if not math.isfinite(ahead) else \
                f"the residual of its equation {ahead_residual!r} (the current {ahead!r} A)"
            return (f"{said}, and {what} on that state carried on by its time derivative for {h:g} s: it turns "
                    "non-finite there")
    return f"{said}, and finite on that state carried on by its time derivative for up to {_PAST_FAILURE[-1]:g} s"


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


class StartOutsideWindowWarning(UserWarning):
    """An experiment's step from the initial state starts outside the voltage window under its current
    (pybamm.Simulation skips it): how far outside, and what to change (:class:`CheckedIDAKLUSolver`). A later step
    that starts past its cut-off (a discharge to 1.8 V right after one, a hold the charge already reached) is
    PyBaMM's ordinary skip, not warned about: a cycling run would warn every cycle; one past it by more than that is
    :class:`LaterStepSkippedWarning`. The experiment's first step that ran from the initial state and ended on its
    cut-off with the cell's open circuit past it is warned too, after the solve (:func:`first_step_window_message`)."""


#: the share of the cathode's capacity as made under which a first step that ended on its own voltage cut-off is
#: looked at (:func:`first_step_window_message`): the pristine cathode's sloping start before its first plateau
#: (Li2021_Mo6S8 at 0.1C on Li metal: the open-circuit voltage from 2.50 V to 2.34 V in its first 1%, within 0.03 V
#: of the 2.31 V it holds at 10%); a step that passed more has run on the plateau, whatever its cut-off
FIRST_STEP_SHARE = 0.01

#: the share of the charge its window holds ahead of it at rest (:func:`_window_ahead`) under which a first step
#: was ended by its losses (judged if it passed under this share of the capacity as made, the most a window holds;
#: until session 57 under :data:`FIRST_STEP_SHARE`, which left AEA_LiFePO4 at initial_soc=1 "Discharge at 0.1C until
#: 2.5 V", 1.75 % of its 0.2 mA.h window, and AEA_Li4Ti5O12 at 0 charged, 1.17 %, silent)
#: (:func:`first_step_losses_message`): a step its window ends passes what lies ahead less the losses' share of it, so
#: a tenth is a tenfold margin on the at-rest estimate (one branch of the open circuit, no hysteresis). Until session
#: 55 it was FIRST_STEP_SHARE, which missed steps from mid-window (initial_soc=0.5, "Discharge at 0.1C": AEA_LiFePO4
#: until 2.5 V passed 0.00165 mA.h, 1.65 % of the 0.1 mA.h ahead, 2.73 V under load vs 3.42 V open circuit;
#: AEA_Li4Ti5O12 until 1.0 V 1.15 %; review R30); Li2021_Mo6S8 at initial_soc=0.01 "until 1.8 V", left alone, 99.7 %
LOSSES_AHEAD_SHARE = 0.1


def first_step_window_message(experiment, solution, parameter_values, options=None, inputs=None, made=None):
    """Why the experiment's first step, run from the initial state (the caller's to know: no starting solution, step 1
    not skipped), ended on its own voltage cut-off having passed under
    :data:`FIRST_STEP_SHARE` of the cathode's capacity as made with the cut-off on the wrong side of the cell's
    open-circuit voltage, where it ended ("Battery open-circuit voltage [V]") or at rest over that share
    (:func:`~pybamm_aea.initial_state.open_circuit_voltage_at`, on the step's direction's branch, at the Li content
    the step's own charge per content reaches there): the window, not a dip under load, ended it. None otherwise, or
    if undecided (a cut-off given as an input, a content outside the host's window). A step toward the end the cell
    starts within that share of (a charge of a cathode made Li-free, a discharge of one made full) had nothing to pass:
    :func:`_nothing_to_pass_message`, whatever its cut-off. Names the step, the charge [mA.h]
    against the capacity as made, the cut-off, both open-circuit voltages and on the Li-In anode (``options``) the
    cut-off vs Li: Li2021_Mo6S8 on Li-In (lever rule), "Discharge at 0.1C until 1.8 V" (2.42 V vs Li) ended 56 s in at
    0.000236 of 0.1517 mA.h, its open circuit at rest 1% in 1.72 V, without a word (session 53). Judged only from the
    end of the host the cell was made at (within the share of its maximum Li content), which also decides a solve's
    ``initial_soc``: there at 1.0 (Li content 0.00216) the same step ends 72.6 s in at 0.000306 mA.h, 1.726 V at rest
    1% in, and is warned (it was not, session 54); at 0.01 it is skipped, 0.4177 V past its cut-off at its start
    (:class:`StartOutsideWindowWarning`); on Li metal at 0.01 it starts nearly full and is not. ``made``: what gives
    the capacity as made, as :func:`check_termination` takes it. After rests alone the first step with current is
    judged, by its own number (:func:`_first_with_current`)."""
    first = _first_step_short(experiment, solution, parameter_values, inputs, made)
    return None if first is None else _window_message(first, parameter_values, options, inputs,
                                                      _at_rest(first, parameter_values, options, inputs))


def first_step_warning(experiment, solution, parameter_values, options=None, inputs=None, made=None):
    """(the warning's category, its text) for the experiment's first step: :func:`first_step_window_message`'s
    (:class:`StartOutsideWindowWarning`), else :func:`first_step_losses_message`'s (:class:`FirstStepLossesWarning`);
    None if neither. The step (:func:`_first_step_short`) and the cell at rest on its branch
    (:class:`~pybamm_aea.initial_state.CellAtRest`) are evaluated once for both rules: AEA_LiFePO4 at initial_soc=0,
    "Charge at 0.1C until 4.0 V", judged by both, took 157 ms, the multi-phase host's OCP built twice (until session
    56). The arguments as :func:`first_step_window_message`'s."""
    first = _first_step_short(experiment, solution, parameter_values, inputs, made, LOSSES_AHEAD_SHARE)
    if first is None:
        return None
    at_rest = _at_rest(first, parameter_values, options, inputs)
    said = (_window_message(first, parameter_values, options, inputs, at_rest)
            if first[5] < FIRST_STEP_SHARE * first[6] else None)
    if said is not None:
        return StartOutsideWindowWarning, said
    said = _losses_message(first, parameter_values, options, inputs, at_rest)
    return None if said is None else (FirstStepLossesWarning, said)


def _at_rest(first, parameter_values, options, inputs):
    """The cell at rest on the branch of the first step ``first`` (:func:`_first_step_short`), evaluated when asked."""
    from ..initial_state import CellAtRest

    return CellAtRest(parameter_values, "discharge" if first[4] else "charge", options, inputs)


def _window_message(first, parameter_values, options, inputs, at_rest):
    """:func:`first_step_window_message` of the step ``first`` (:func:`_first_step_short`), the cell ``at_rest``
    on its branch (:class:`~pybamm_aea.initial_state.CellAtRest`)."""
    number, step, ran, volts, discharge, passed, capacity = first
    content = ran["Average cathode free Li content"].entries
    x_max = _cut_off(parameter_values, "Cathode maximum Li content", dict(inputs or {}))
    if x_max is not None and (x_max - content[0] if discharge else content[0]) <= FIRST_STEP_SHARE * x_max:
        try:
            dispersed = _dispersed_at(ran[DISPERSED_LITHIATION].entries[0], ran[DISPERSED_CAPACITY].entries[0],
                                      discharge)
        except KeyError:  # (a model without a dispersed material)
            dispersed = None
        if dispersed is not False:
            return _nothing_to_pass_message(number, step, ran, passed, capacity, float(content[0]), x_max, discharge,
                                            dispersed, _cut_off(parameter_values, "Cathode host Li content as made",
                                                                dict(inputs or {})))
    if x_max is None or (content[0] if discharge else x_max - content[0]) > FIRST_STEP_SHARE * x_max:
        return None  # (not from the end it was made at: a cell made nearly empty by set_initial_state, review R24)
    share = content[0] + (content[-1] - content[0]) * FIRST_STEP_SHARE * capacity / passed
    cells = _cells(parameter_values, inputs)
    ended = float(ran[_OCV].entries[-1])
    try:
        at_rest = cells * at_rest.open_circuit_voltage(float(share))
    except ValueError:  # (past the host's window: undecided)
        return None
    if not any(volts >= ocv if discharge else volts <= ocv for ocv in (ended, at_rest)):
        return None  # (at rest the cell is inside its cut-off: the losses at its current ended it)
    rest = f"{at_rest:.{_digits(at_rest, volts)}g}"  # (apart from the cut-off: 1.7996 V is not "1.8", review R24)
    said = (f"the experiment's step {number}, '{_step_name(step, str)}', ended on its cut-off ({volts:g} V) "
            f"{float(np.ptp(ran.t)):.3g} s in, having passed {passed * 1e3:.3g} mA.h of the cathode's "
            f"{capacity * 1e3:.4g} mA.h as made (under {FIRST_STEP_SHARE:.0%} of it); the cell's open-circuit voltage "
            f"is {ended:.4g} V where it ended and {rest} V at rest {FIRST_STEP_SHARE:.0%} in: at rest the cell would "
            f"be past its cut-off, a voltage window the step cannot run in, not a dip under load. Move the cut-off "
            f"{'below' if discharge else 'above'} {rest} V")
    if (options or {}).get("anode") == "Li-In":
        from ..parameters.paper_cell import LI_IN_PLATEAU

        per_cell = "" if cells == 1 else f" ({volts:g} V over {cells:g} cells in series)"
        said += (f". On the Li-In anode a step's cut-off is a cell voltage, {LI_IN_PLATEAU:g} V below the cathode's "
                 f"vs Li: {volts / cells:g} V{per_cell} is {volts / cells + LI_IN_PLATEAU:.4g} V vs Li; "
                 "AEA({'anode': 'Li-In'}).default_parameter_values hold a set's window moved down by the plateau")
    return said



def _first_step_short(experiment, solution, parameter_values, inputs, made, share=FIRST_STEP_SHARE):
    """(number from 1, step, its solution, its cut-off [V], whether a discharge, the charge it passed [A.h], the
    cathode's capacity as made [A.h]) of the experiment's first step with current after rests alone
    (:func:`_first_with_current`) if it ended on its own voltage cut-off having passed under ``share`` of the capacity
    as made (``made``: :func:`check_termination`'s); None otherwise or if undecided. What the first-step rules look
    at: the window's with :data:`FIRST_STEP_SHARE` (:func:`first_step_window_message`), the losses' with
    :data:`LOSSES_AHEAD_SHARE`, the most its window can hold ahead (:func:`first_step_losses_message`)."""
    try:
        number, step, ran = _first_with_current(experiment.steps, [s for c in solution.cycles for s in c.steps])
    except (AttributeError, IndexError, TypeError):
        return None
    match = _STEP_CUT_OFF_NAME.match(str(getattr(ran, "termination", "")))
    volts = None if match is None else _cut_off_volts(match)
    if volts is None or isinstance(ran, pybamm.EmptySolution):
        return None
    capacity = _made(made, parameter_values, inputs)
    if capacity is None:
        return None
    charge = ran["Discharge capacity [A.h]"].entries
    passed = abs(float(charge[-1] - charge[0]))
    if not 0 < passed < share * capacity:
        return None
    return number, step, ran, volts, match[1] == "<", passed, capacity  # (a lower cut-off ends a discharge)


#: by what the step sets (:func:`_what_sets`): what draws less from the cell, the advice of
#: :func:`first_step_losses_message`
_LESS_DRAW = {"current": "A lower rate (a smaller current)", "power": "A lower power",
              "resistance": "A larger resistance (a smaller current)"}


class FirstStepLossesWarning(UserWarning):
    """The experiment's first step with current, from the initial state, ended on its cut-off having passed under
    :data:`LOSSES_AHEAD_SHARE` of what its window holds ahead of it at rest, its open circuit inside the cut-off: the
    losses at its current ended it, and the experiment "finished" having done next to nothing
    (:func:`first_step_losses_message`)."""


def first_step_losses_message(experiment, solution, parameter_values, options=None, inputs=None, made=None):
    """Why the experiment's first step (:func:`_first_step_short`) passed next to nothing though its window had Li to
    pass: it started more than :data:`FIRST_STEP_SHARE` of its window inside its cut-off at rest
    (:func:`_window_ahead`) and passed under :data:`LOSSES_AHEAD_SHARE` of the charge ahead, so the losses at its
    current ended it: the voltage under load against the open circuit at its start and end, the losses where it ended
    (:func:`_losses_at_end`), and what lets it run.
    None otherwise or if undecided. Lever-rule Li2021_S_Mo6S8 at initial_soc=0.5, "Charge at 0.1C until 3.0 V",
    ended 55.3 s in having passed 0.001262 of the 0.41 mA.h ahead (the multi-phase host passes 0.3849 mA.h);
    AEA_LiFePO4 at initial_soc=0 "Charge at 0.1C until 4.0 V" 0.091 s in, 5.05e-07 mA.h, 0.92 V of losses at its
    start: both silent (review R27); AEA_LiFePO4 at 0.5, "Discharge at 0.1C until 2.5 V", 1.65 % of the 0.1 mA.h
    ahead (0.82 % of the capacity), silent until :data:`LOSSES_AHEAD_SHARE` (review R30).
    The arguments as :func:`first_step_window_message`'s, whose warning, given, goes alone
    (:func:`first_step_warning`)."""
    first = _first_step_short(experiment, solution, parameter_values, inputs, made, LOSSES_AHEAD_SHARE)
    return None if first is None else _losses_message(first, parameter_values, options, inputs,
                                                      _at_rest(first, parameter_values, options, inputs))


def _losses_message(first, parameter_values, options, inputs, at_rest):
    """:func:`first_step_losses_message` of the step ``first`` (:func:`_first_step_short`), the cell ``at_rest``
    on its branch (:class:`~pybamm_aea.initial_state.CellAtRest`)."""
    number, step, ran, volts, discharge, passed, _ = first
    cells = _cells(parameter_values, inputs)
    try:
        content = float(ran["Average cathode free Li content"].entries[0])
        try:
            lithiation = float(ran[DISPERSED_LITHIATION].entries[0])
        except KeyError:  # (a model without a dispersed material)
            lithiation = None
        reach = float(ran["Positive electrode capacity [A.h]"].entries[0])
        voltage, ocv = (np.asarray(ran[name].entries, dtype=float) for name in ("Battery voltage [V]", _OCV))
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    where = _window_ahead(parameter_values, options, inputs, content, lithiation, volts / cells, discharge, at_rest)
    if where is None or where[0] <= FIRST_STEP_SHARE:
        return None  # (nothing ahead to pass: the window's end, not the losses)
    ahead = where[0] * where[1] * reach
    if not passed < LOSSES_AHEAD_SHARE * ahead:
        return None
    loss = abs(voltage[0] - ocv[0])
    name = _step_name(step, str)
    try:  # (the current that ran: a sweep's rate, not the step's written one, review R30; its largest, as a drive
        # cycle starting at 0 A was said "(at 0 A)", review R32)
        current = f" (at up to {float(np.max(np.abs(ran['Current [A]'].entries))):.3g} A)"
    except (KeyError, IndexError, TypeError, ValueError):
        current = ""
    return (f"the experiment's step {number}, '{name}'{current}, ended on its cut-off ({volts:g} V) "
            f"{float(np.ptp(ran.t)):.3g} s in, having passed {passed * 1e3:.3g} mA.h of the {ahead * 1e3:.4g} mA.h "
            f"between its start and its "
            f"cut-off at rest ({passed / ahead:.2%} of it, under {LOSSES_AHEAD_SHARE:.0%}; {where[0]:.2%} of its "
            f"window from {where[2] * cells:g} V): the losses at its current ended it, not its window. At its start "
            f"the cell's "
            f"voltage under load was {voltage[0]:.4g} V against an open circuit of {ocv[0]:.4g} V ({loss:.3g} V of "
            f"losses), inside its cut-off; where it ended, {voltage[-1]:.4g} V against {ocv[-1]:.4g} V "
            f"({abs(voltage[-1] - ocv[-1]):.3g} V){_losses_at_end(ran, cells)}. {_LESS_DRAW[_what_sets(None, step)]}, "
            f"a lower loading or a cut-off farther out ({'below' if discharge else 'above'} {volts:g} V) lets it run")


#: the terms of the losses between the cell's open circuit (the bulk's) and its voltage, each positive on discharge
#: (:mod:`.submodels.cell_voltage`), that :func:`_losses_at_end` names
_LOSS_TERMS = ("Cathode diffusion overpotential [V]",) + OVERPOTENTIALS


def _losses_at_end(ran, cells):
    """The losses [V] of the step ``ran`` where it ended, for :func:`first_step_losses_message`: ", of which 0.684 V
    cathode electronic ohmic, 0.224 V cathode diffusion (...)", the terms (:data:`_LOSS_TERMS`) over a tenth of their
    sum, largest first, the diffusion's with the host's surface and mean Li content (Li piled up at, or drawn from, the
    separator side: its transport behind the current), times ``cells``; "" if unread. AEA_LiFePO4 and AEA_Li4Ti5O12
    from ``initial_soc=0.5`` at 0.1C were said to have "0.92 V of losses" only, read as a mid-window defect (session
    56): 0.684 V of them the electrons' (1e-9 S/cm), 0.224 V the Li piled up at the separator (3.5e-15 cm2/s)."""
    try:
        terms = {name: cells * abs(float(np.asarray(ran[name].entries).ravel()[-1])) for name in _LOSS_TERMS}
        surface, mean = (float(np.asarray(ran[name].entries).ravel()[-1])
                         for name in ("Cathode surface Li content", "Average cathode Li content"))
    except (KeyError, IndexError, TypeError, ValueError):
        return ""
    total = sum(terms.values())
    said = []
    for name, loss in sorted(terms.items(), key=lambda item: -item[1]):
        if not loss > 0.1 * total:
            continue
        what = name.replace(" overpotential [V]", "")
        if not any(character.isdigit() for character in what.split()[0]):  # ("Li0 film" kept)
            what = what[0].lower() + what[1:]
        if name == _LOSS_TERMS[0]:
            what += (f" (the host's Li transport behind the current: Li content {surface:.4g} at the separator, "
                     f"{mean:.4g} on average)")
        said.append(f"{loss:.3g} V {what}")
    return f", of which {', '.join(said)}" if said else ""


def _first_with_current(steps, ran):
    """(number from 1, step, its solution) of the first of the experiment's ``steps`` that carries current, with only
    rests run before it (``ran``: each step's solution, in order; a rest read by :func:`carries_no_current`): those
    leave the cell in its initial state. AEA_LiCoO2 ["Rest for 1 minute", "Discharge at 0.1C until 3 V"] passed
    1.8e-05 mA.h without a word, its rest taken for the first step (review R25). ``IndexError`` if none."""
    for number, (step, solved) in enumerate(zip(steps, ran), 1):
        if not carries_no_current(solved):
            return number, step, solved
    raise IndexError("no step with current after rests alone")


def _rests_alone(solution):
    """Whether ``solution``, the one an experiment step starts from, ran from the initial state (its first time 0)
    with zero current throughout (:func:`carries_no_current`): rests alone, which leave the cell as it started, so a
    step skipped at its start after them is judged as the first (:class:`StartOutsideWindowWarning`, "nothing to
    discharge"): AEA_LiFePO4 ["Rest for 1 minute", "Discharge at 0.1C until 2.5 V"] was told as a later step to move
    its cut-off (review R27). False where it cannot be read."""
    try:
        return float(solution.t[0]) == 0.0 and carries_no_current(solution)
    except Exception:  # noqa: BLE001 - undecided (None, an EmptySolution): a later step, as before
        return False


def carries_no_current(solution):
    """Whether ``solution`` (an experiment step's, or the steps' a step starts from) ran at zero "Current [A]"
    throughout, as PyBaMM's step gives it: a rest ("Rest for ...", a current, C-rate or power of 0, a drive cycle of
    zeros), which leaves the cell as it was. The one reading of a rest: the first-step rules' after the solve
    (:func:`_first_with_current`), the solver's at a skipped step (:func:`_rests_alone`) and ``pybamm-aea simulate``'s
    (the step before a first discharge); until session 55 the first read the experiment's step (its value 0), the others
    its solution. Zero is a rate's magnitude <= the model's finest solver rtol (AEA.SOLVER_TOLERANCES, 1e-6: the solver
    resolves the current to that share of its 1C scale; a 100 h step passes under 1e-4 of the capacity): Li2021_Mo6S8
    "Discharge at 0 W for 1 minute" solves to 3.57e-28 A (2.4e-24 C), was read as current (review R30). The rate is of
    the cathode's own capacity ("Positive electrode capacity [A.h]") where the model gives it, PyBaMM's "C-rate" (of the
    nominal capacity the user gives) elsewhere: with a nominal capacity of 1 A.h on a 0.15 mA.h cathode, "Discharge at
    1e-6 A for 10 hours" (6.6 % of it passed) read as a rest (review R32). False where it cannot be read (a skipped
    step's EmptySolution)."""
    from .aea import AEA

    if solution is None or isinstance(solution, pybamm.EmptySolution):
        return False
    try:
        current = np.abs(np.asarray(solution["Current [A]"].entries, dtype=float))
    except Exception:  # noqa: BLE001 - undecided: not a rest
        return False
    try:
        capacity = float(np.ravel(solution["Positive electrode capacity [A.h]"].entries)[0])
        rate = current / capacity if math.isfinite(capacity) and capacity > 0 else None
    except Exception:  # noqa: BLE001 - a model without it (PyBaMM's): the C-rate of its nominal capacity
        rate = None
    if rate is None:
        try:
            rate = np.abs(np.asarray(solution["C-rate"].entries, dtype=float))
        except Exception:  # noqa: BLE001 - undecided: not a rest
            return False
    return bool(np.all(rate <= AEA.SOLVER_TOLERANCES["rtol"]))


def _nothing_to_pass_message(number, step, ran, passed, capacity, start, x_max, discharge, dispersed=None,
                             made=None):
    """Why the experiment's first step (:func:`first_step_window_message`) passed next to nothing: it started within
    :data:`FIRST_STEP_SHARE` of x_max of the end it runs toward, the Li content ``start`` of ``x_max`` (a charge of
    a cathode made Li-free, a discharge of one made full), so there was nothing to charge or discharge.
    AEA({"anode": "Li-In"}), "Charge at 0.1C until 2.0 V" from pristine Mo6S8 (x = 0.004 of 4) ended 0.58 s in
    having passed 2.5e-6 mA.h, without a word (session 54)."""
    volts = _cut_off_volts(_STEP_CUT_OFF_NAME.match(str(ran.termination)))
    return (f"the experiment's step {number}, '{_step_name(step, str)}', ended on its cut-off ({volts:g} V) "
            f"{float(np.ptp(ran.t)):.3g} s in, having passed {passed * 1e3:.3g} mA.h of the cathode's "
            f"{capacity * 1e3:.4g} mA.h as made: {_nothing_to_pass(start, x_max, discharge, dispersed, made)}")


#: by a step's direction (True: a discharge): what it would pass, the host's end it runs toward and what passes first
_NOTHING_TO = {True: ("discharge", "full", "Charge it first (a charge step before the discharge) to make room for Li"),
               False: ("charge", "Li-free", "Discharge it first (a discharge step before the charge) to give it Li")}


def _nothing_to_pass(start, x_max, discharge, dispersed=None, made=None):
    """Why a step from the initial state toward the end of the host's window it was made at has nothing to pass: the
    Li content ``start`` of ``x_max``, made Li-free for a charge (made full for a ``discharge``), and the dispersed
    material's lithiation ``dispersed`` at that end too (None: the cathode holds none, :func:`_dispersed_at`), and
    what to do; said when such a step ran (:func:`_nothing_to_pass_message`) and when it was skipped
    (:func:`_made_end_reached`). "Made at" that end only if ``start`` is within :data:`FIRST_STEP_SHARE` of x_max of
    the host's Li content as made, ``made`` (None: not known); else it "starts at" it (initial_soc or
    set_initial_state put it there: Li2021_Mo6S8, made Li-free, at initial_soc 0 was "made at its full end", R25)."""
    word, end, fix = _NOTHING_TO[discharge]
    made_end = made is not None and abs(start - made) <= FIRST_STEP_SHARE * x_max
    as_made = "made at its" if made_end else "it starts at its"
    return (f"the cathode starts at Li content {start:.4g} of its maximum {x_max:g} (\"Initial cathode Li content\", "
            f"{start / x_max:.2%} of it: {as_made} {end} end)"
            + ("" if dispersed is None else f" and its dispersed material at lithiation {dispersed:.4g} "
               "(\"Initial dispersed material lithiation\")")
            + f", so there is nothing to {word}. {fix}")


class LaterStepSkippedWarning(UserWarning):
    """An experiment step after one has run starts past a cut-off because of the losses at its current (its open
    circuit inside the cut-off), by more than the solver resolves of the voltage (rtol of it: not a cell already at
    the cut-off the step before ended on, 1e-14 V past, nor one past it at open circuit: PyBaMM's ordinary skips),
    and pybamm.Simulation skips it, logging only "Step '...' is infeasible at initial conditions, but skip_ok is True.
    Skipping step." (LMS, a 0.15 mA.h cell: "Charge at 0.1 W until 2.8 V" after "Discharge at 0.1C until 2.0 V"
    starts 0.9224 V past 2.8 V, from an open circuit below it).
    Names the step (its number, cycle and text), the cut-off it starts past and by how much, and what to change, as
    :class:`StartOutsideWindowWarning` does for a first step; once per step of the experiment in a solve (a cycle-life
    run skipping it each cycle warns at its first cycle)."""


class TerminationMetAtStartWarning(UserWarning):
    """An experiment step a termination of which other than a voltage cut-off (a current or C-rate one, "until 1 A",
    or a ``pybamm.step.CustomTermination``) is met as it starts: pybamm.Simulation skips it, without a word in a
    cycle of several steps (a logged line for a cycle of one step), and the solution holds an empty solution for it
    (LMS, "Hold at 2.4 V for 10 minutes or until 1 A" after 2 minutes at 0.1C; review R16). Names the step, the
    termination and its value at the start (:func:`_terminations_met`); once per step of the experiment in a solve. A
    voltage cut-off past at the start is :class:`StartOutsideWindowWarning`'s or :class:`LaterStepSkippedWarning`'s."""


#: what a step's current or C-rate termination reads (PyBaMM's ``CurrentTermination``, ``CRateTermination``), by its
#: class or a subclass (PyBaMM's deprecated ``CrateTermination``, a user's, review R22): the variable, its unit and the
#: condition (a current's is in its event's name, "abs(Current [A]) < 1 [A]")
_TERMINATION_READS = ((pybamm.step.CurrentTermination, ("Current [A]", " A", "")),
                      (pybamm.step.CRateTermination, ("C-rate", "C", " (|C-rate| < {value:g})")))


def _terminations_met(model, t, inputs, y0, step):
    """The terminations of the experiment ``step`` (None: not known) on its built ``model`` other than its voltage
    cut-offs that are met at the state ``y0`` (a column) at time ``t`` [s]: their event at or below 0, as PyBaMM reads
    them (:func:`~pybamm_aea.pybamm_adapter.experiment_inputs.step_terminations`, on its unified model too), each
    said with its value there: "its termination 'abs(Current [A]) < 1 [A]' is met at its start: Current [A] =
    -6.034e-05 A", "its termination 'C-rate cut-off' (|C-rate| < 5) ...: C-rate = -0.3978C", a custom one's by its
    event function's value ("... is -10 there (PyBaMM ends the step where it falls to 0)")."""
    if step is None:
        return []
    y0 = np.asarray(y0.full() if hasattr(y0, "full") else y0, dtype=float).reshape(-1, 1)
    said = []
    for termination, event in step_terminations(model, step):
        if _is_step_cut_off(event.name):
            continue
        value = float(np.asarray(event.expression.evaluate(t, y0, inputs=dict(inputs or {}))).item())
        if value > 0:
            continue
        name = event.name.removesuffix(" [experiment]")
        reads = next((reads for kind, reads in _TERMINATION_READS if isinstance(termination, kind)), None)
        if reads is None:
            said.append(f"its termination '{name}' is met at its start: its event function is {value:.4g} there "
                        "(PyBaMM ends the step where it falls to 0)")
            continue
        variable, unit, condition = reads
        at = _evaluated(model, variable, t, y0, inputs)
        said.append(f"its termination '{name}'{condition.format(value=termination.value)} is met at its start: "
                    f"{variable} = {at:.4g}{unit}")
    return said


def not_started_message(experiment, parameter_values, built_models, inputs=None):
    """Why an AEA experiment ran no step: PyBaMM skipped each of its steps as starting past its cut-off (how far,
    :class:`StartOutsideWindowWarning`) or termination (:class:`TerminationMetAtStartWarning`; until session 53 a
    custom one met was said as a cut-off, by how much in a warning not given), and, for its C-rate steps, the current
    their rate is on "Nominal cell capacity [A.h]" (the value) against the cathode's capacity ("Positive electrode
    capacity [A.h]" at the initial state of ``built_models``, one of the experiment's built step models): 0.1C of a
    nominal 0.15 A.h (0.15 mA.h meant) is 99C of a 0.15 mA.h cathode."""
    steps = list(experiment.steps)
    which = "its step" if len(steps) == 1 else f"each of its {len(steps)} steps"
    said = (f"no step of the experiment ran: PyBaMM skipped {which} "
            f"({'; '.join(dict.fromkeys(_step_name(step, str) for step in steps))}) as starting past its cut-off or "
            "termination (the StartOutsideWindowWarning or TerminationMetAtStartWarning says which and by how much)")
    return said + (c_rate_basis_note(steps, parameter_values, built_models, inputs) or "")


def c_rate_basis_note(steps, parameter_values, built_models, inputs=None):
    """"; its 0.1C is ... A on "Nominal cell capacity [A.h]" = ..., ...C of the cathode's capacity" for the C-rate
    ``steps`` (the first rate), or None without one or without a nominal capacity (:func:`not_started_message`), or
    where the basis explains nothing: a nominal capacity within :data:`NOMINAL_CAPACITY_FACTOR` of the cathode's, its
    rate the rate of the cathode (Li2021_Mo6S8 at initial_soc 0, "Discharge at 0.1C until 1.8 V": "0.1C is 1.52e-05 A,
    0.1C of the cathode's capacity" said until session 55, the step skipped at its full end, as its warning says).
    Inside :func:`c_rate_basis_scaled` the nominal capacity is compared after dividing out the package's scale, as
    :func:`nominal_capacity_mismatch` does (a sweep's 2C row of a 0.1C experiment was told its nominal capacity was 20
    times the cathode's, "a value in mA.h is 1000 times too large")."""
    inputs = dict(inputs or {})
    rate = next((float(step.value) for step in steps if isinstance(step, pybamm.step.CRate)
                 and isinstance(step.value, numbers.Real)), None)
    nominal = _cut_off(parameter_values, "Nominal cell capacity [A.h]", inputs)
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
            capacity = _evaluated(model, "Positive electrode capacity [A.h]", 0.0, initial_state(model),
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
    if all(_same_value(base, changed, name, given) for name in dict(changes)):  # nothing to rescale, nothing
        return nominal  # evaluated: the nominal as given
    refuse_a_set_of_another_model(base)  # the build's MissingParameterError, not "cannot be rescaled" (session 50)
    param = _model_param() if model is None else getattr(model, "param", None)
    try:
        q0 = cathode_capacity_as_made(param, base, inputs)
        q1 = cathode_capacity_as_made(param, changed, inputs)
    except ValueError as exc:
        raise ValueError(
            f"the C-rate basis \"Nominal cell capacity [A.h]\" = {nominal:.6g} A.h cannot be rescaled to the cathode "
            f"of {', '.join(f'{name!r} = {_shown(value)}' for name, value in dict(changes).items()) or 'these values'}"
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
    nominal = _cut_off(parameter_values, "Nominal cell capacity [A.h]", inputs) if step is not None else None
    if not nominal:
        return None
    capacity = _made(made, parameter_values, inputs)
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


def uncut_step_note(step, parameter_values, li_content=None, reached=True, inputs=None):
    """What a charge or discharge at a current with no voltage cut-off met when it ran onto the model's voltage window
    (``reached``: its "Maximum/Minimum voltage [V]" event ended the step; else the solver failed on the step, which
    the window may or may not explain), and what to type; None for any other step. ``li_content`` the host's average
    Li content at the step's start (Li per formula unit), if known; ``inputs`` the solve's, for a step whose value is
    an input (its direction, :func:`_step_direction`). A pristine LMS cell discharged and charged at 0.1C
    for 2 minutes each: the charge gives back the 0.0133 Li the discharge put in (x 0.004 to 0.0173) from the host's
    Li0 phase, whose voltage climbs without bound as its surface empties, and passes 2.8 V after 66 s (multi-phase
    host; 11 s on the lever rule) with x 0.010 (0.016) still in: IDA failed (IDA_ERR_FAIL) on the multi-phase host,
    the lever rule stopped on "Maximum voltage [V]" at 3.80 V (session 44); both stop on it since session 48
    (:meth:`pybamm_aea.models.solvers.ConsistentEventIDAKLUSolver._failed_at_event`). What to type is the string
    form ("'Charge at 0.1C for 2 minutes or until 2.8 V'") for a step given as a string, a ``termination`` for a step
    object (its text, "CRate(-0.1, duration=72000, direction=charge)", is no string PyBaMM reads): "2.8 V", or "> 2.8
    V" for a step whose value is an input (PyBaMM reads no direction from it: "Termination must include an operator
    when using InputParameter")."""
    direction = _step_direction(step, inputs)
    terminations = getattr(step, "termination", None) or ()
    if direction not in ("charge", "discharge") or any(isinstance(term, pybamm.step.VoltageTermination)
                                                       for term in terminations):
        return None
    charge = direction == "charge"
    cut_off = _cut_off(parameter_values, f"{'Upper' if charge else 'Lower'} voltage cut-off [V]", dict(inputs or {}))
    held = "" if li_content is None else f" (x = {li_content:.4g} Li per formula unit at its start)"
    limit = "maximum" if charge else "minimum"
    (did, done), what = ((("took out", "taken out"), "the Li the host gives back") if charge
                         else (("filled", "filled"), "the host"))
    moves = ("its voltage climbs without bound as the host's surface empties" if charge
             else "its voltage falls without bound as the host's surface fills")
    voltage = f"{cut_off:g} V" if cut_off is not None else "<a voltage> V"
    if reached:
        met = (f" and {did} {what}{held}: {moves}, so it ran to the model's {limit} voltage (PyBaMM's "
               f"\"{limit.capitalize()} voltage [V]\" event)")
    else:
        met = (f": once it has {done} {what}{held}, {moves} toward the model's {limit} voltage and the solver can "
               "fail on the way")
    if _typed_as_string(step):
        advice = f"'{step} or until {voltage}'"
    else:  # (a step object: its text is PyBaMM's repr, no string PyBaMM reads)
        operator = "" if step.direction is not None else f"{'>' if charge else '<'} "
        advice = f"termination=\"{operator}{voltage}\" in the step's call ({step})"
    return f"'{step}' has no voltage cut-off{met}; add a voltage cut-off: {advice}"


def _step_direction(step, inputs=None):
    """``step``'s direction ("charge", "discharge", "rest" or None): PyBaMM's, or for a current or C-rate step whose
    value is an expression of inputs (PyBaMM leaves its direction None) the sign of that value at the step's start
    with the solve's ``inputs``, as PyBaMM reads a number's (``BaseStep.value_based_charge_or_discharge``); None if
    the inputs do not give it."""
    direction = getattr(step, "direction", None)
    value = getattr(step, "value", None)
    if direction is not None or not isinstance(step, (pybamm.step.Current, pybamm.step.CRate)) \
            or not isinstance(value, pybamm.Symbol):
        return direction
    try:
        start = float(np.ravel(value.evaluate(t=0, inputs=_at_start(inputs)))[0])
    except Exception:  # noqa: BLE001 - an input not given, a value of the state: no direction to tell
        return None
    if not math.isfinite(start):
        return None
    return "rest" if start == 0 else "discharge" if start > 0 else "charge"


def _typed_as_string(step):
    """True if ``step`` is one PyBaMM read from a string (its description, which PyBaMM reads back to the same step):
    the string form of it, with " or until ..." added, is what a user types."""
    description = getattr(step, "description", None)
    if not isinstance(description, str) or str(step) != description:
        return False
    try:
        return pybamm.step.string(description).basic_repr() == step.basic_repr()
    except Exception:  # noqa: BLE001 - a description PyBaMM does not read ("my charge")
        return False


class ExperimentNotStartedError(pybamm.SolverError):
    """Reading the solution of an AEA experiment none of whose steps ran (:func:`not_started_message`; PyBaMM
    returns an ``EmptySolution``, whose reading was ``TypeError: 'EmptySolution' object is not subscriptable``)."""


class ExperimentNotStartedAttributeError(ExperimentNotStartedError, AttributeError):
    """Reading an attribute a run's solution has (``sol.cycles``, ``sol.steps``) on one none of whose steps ran: an
    AttributeError too, as PyBaMM's ``EmptySolution`` raises (``hasattr`` False), saying why (its bare
    "'NotStartedSolution' object has no attribute 'cycles'" until session 54)."""


def skipped_text(where, why):
    """Why an experiment step was skipped at its start, "step 4 of 4 in cycle 1 of 1, 'Discharge at 2C until 1.8 V'
    is skipped: the cell starts 0.02932 V past ...": ``where`` the step (:attr:`CheckedIDAKLUSolver.experiment_step`),
    ``why`` what its start is past. Its warning's words and its empty solution's when read."""
    return f"{where} is skipped: {why}"


class StepSkippedError(pybamm.SolverError, TypeError):
    """Reading the solution of an experiment step PyBaMM skipped at its start (an empty solution in its cycle's
    ``steps``: ``sol.cycles[0].steps[3]["Voltage [V]"]``): which step and why (:func:`skipped_text`). A TypeError
    too, as PyBaMM's bare "'EmptySolution' object is not subscriptable" was until session 55."""


class StepSkippedAttributeError(StepSkippedError, AttributeError):
    """Reading an attribute a run's solution has (``step.y``, ``step.all_ts``) on a skipped step's: an AttributeError
    too, as PyBaMM's ``EmptySolution`` raises (``hasattr`` False), saying which step and why."""


class ExperimentStepFailedWarning(UserWarning):
    """An experiment step after the first failed in the solver: ``pybamm.Simulation.solve`` returned the steps
    before it (PyBaMM logs the error and returns them). Names the step (its cycle and description), the solver's
    error and how many cycles and steps of the experiment the solution holds
    (:mod:`pybamm_aea.pybamm_adapter.experiment_errors`, for AEA models). Also a charge or discharge with no voltage
    cut-off the model's voltage-window event ended (PyBaMM logs "Experiment is infeasible" only), and for either what it
    met and what to type (:func:`uncut_step_note`)."""


class NonFiniteStatesError(pybamm.SolverError):
    """IDA returned a non-finite state or output variable (:meth:`CheckedIDAKLUSolver._refuse_non_finite`)."""


class CheckedIDAKLUSolver(pybamm.IDAKLUSolver):
    """``pybamm.IDAKLUSolver`` that checks input parameters against :data:`~pybamm_aea.models.checks.RANGES` before
    each solve or step, and warns about an input the model has not
    (:func:`~pybamm_aea.models.checks.warn_unknown_inputs`) and a parameter no AEA model reads whose name is close
    to one it does (:func:`~pybamm_aea.models.checks.warn_unknown_parameters`). The steps of a ``pybamm.Simulation``
    experiment have their input names checked over all the experiment's step models, once per solve
    (:attr:`experiment_inputs`)."""

    #: the :class:`~pybamm_aea.models.checks.ExperimentInputNames` of the experiment solve this solver (a
    #: simulation's copy for its steps) runs the steps of (set by :mod:`pybamm_aea.pybamm_adapter.experiment_inputs`);
    #: None: each solve or step on its own
    experiment_inputs = None
    #: which step of a ``pybamm.Simulation`` experiment this solver (a simulation's copy for its steps) runs,
    #: "step 2 of 4 in cycle 37 of 50, 'Charge at 0.5C until 2.8 V'" (PyBaMM's numbers, 1-based; set at each step's
    #: start by :mod:`pybamm_aea.pybamm_adapter.experiment_errors`); None: a solve, or a step not of an experiment
    experiment_step = None
    #: the ``pybamm.step.BaseStep`` of that experiment this solver runs (set with :attr:`experiment_step`; None: a
    #: solve, PyBaMM's padding rest, or a step not of an experiment): its terminations and what it sets, read when it
    #: starts past one (:func:`_outside_window`, :class:`TerminationMetAtStartWarning`)
    running_step = None
    #: why the step this solver ran last was skipped at its start (:func:`skipped_text`, the words of its warning), or
    #: None; read and cleared at each step's end by :mod:`pybamm_aea.pybamm_adapter.experiment_errors`, whose
    #: ``SkippedStepSolution`` says it when the skipped step's empty solution is read
    skip_reason = None

    #: what to do when IDA returns non-finite states in a solve with sensitivities, by the model's host (its
    #: "host thermodynamics"; the tail of :class:`NonFiniteStatesError`'s message, measured; none for a model of no
    #: host). By the model, not the solver: a lever-rule model on the multi-phase host's solver was told to take the
    #: lever-rule host (TiS2 at 1C, rtol 1e-6, NaN at 3458.94 s on both; session 53)
    SENSITIVITIES_REMEDIES = {
        "lever rule": ("with sensitivities on the lever-rule host at rtol 1e-6 (docs/known_limits.rst); "
                       "a tighter rtol, model.default_solver_with(rtol=1e-7), computes them (TiS2 at 1C)"),
        "multi-phase": ("with sensitivities on the multi-phase host (docs/known_limits.rst); the lever-rule host, "
                        "pybamm.Model(\"AEA\", {\"host thermodynamics\": \"lever rule\"}), computes them "
                        "(LMS at 1C)"),
    }

    def _post_process_solution(self, sol, model, integration_time, inputs_dict, t_eval):
        solution = super()._post_process_solution(sol, model, integration_time, inputs_dict, t_eval)
        self._refuse_non_finite(model, solution)
        return solution

    def _refuse_non_finite(self, model, solution):
        """A :class:`NonFiniteStatesError` if IDA returned a non-finite state (or, in a solve with
        ``output_variables``, a non-finite returned variable or end state), which IDA kept (with sensitivities) and
        ran on to the step's end time, past the cut-offs (LMS at 1C with the sensitivity to an input on the
        multi-phase host before session 40, NaN from t = 3057-3069 s, 0.303 mA.h "discharged" in 7200 s: a NaN
        Newton iterate IDAS took as converged, known limits), or returned at
        its event point: "Discharge energy [W.h]" NaN at TiS2's 1C cut-off (3458.94 s) with sensitivities on the
        lever-rule host at rtol 1e-6, and on the multi-phase host at rtol 1e-4, whose retry of the step mends it
        (:class:`~pybamm_aea.models.solvers.SharedEventsIDAKLUSolver`; the same retry on the lever-rule host does
        not: NaN at the same point)."""
        if solution.variables_returned:
            t = np.asarray(solution.all_ts[-1], dtype=float)
            names, first = [], None
            for name in self.output_variables:
                entries = np.asarray(solution[name].entries, dtype=float)
                bad = np.flatnonzero(~np.isfinite(entries.reshape(-1, entries.shape[-1])).all(axis=0))
                if bad.size:
                    names.append(name)
                    first = bad[0] if first is None else min(first, bad[0])
            end = np.asarray(solution.y_event, dtype=float)
            if first is None and np.isfinite(end).all():
                return
            first_t = float(t[first]) if first is not None else float(t[-1])
            if not np.isfinite(end).all():
                rows = np.flatnonzero(~np.isfinite(end.ravel()))
                names += [n for n in _state_names(model, rows) if n not in names]
        else:
            y = np.asarray(solution.all_ys[-1], dtype=float)
            bad = np.flatnonzero(~np.isfinite(y).all(axis=0))
            if bad.size == 0:
                return
            first_t = float(solution.all_ts[-1][bad[0]])
            names = _state_names(model, np.flatnonzero(~np.isfinite(y[:, bad[0]])))
        remedy = self.SENSITIVITIES_REMEDIES.get((getattr(model, "options", None) or {}).get("host thermodynamics"))
        remedy = f"; {remedy}" if remedy and has_sensitivities(model) else ""
        raise NonFiniteStatesError(
            f"IDA returned non-finite states from t = {first_t:.6g} s "
            f"({', '.join(names) or 'the state vector'}); no solution is returned past them{remedy}")

    def solve(self, model, t_eval=None, inputs=None, *args, **kwargs):
        self._from_initial_state = True  # (a solve starts from the model's initial state; see step)
        refuse_misspelt_inputs(model, inputs)
        check_inputs(model, inputs, times=t_eval)
        warn_unknown_inputs(model, inputs)
        warn_unknown_parameters(model)
        warn_outside_measured_temperatures(model, inputs)
        warn_cut_offs_of_another_anode(model)  # (a plain solve: the values' cut-offs end it)
        return super().solve(model, t_eval, inputs, *args, **kwargs)

    def _check_event_violation(self, t_eval, model, y0, inputs_dict):
        """PyBaMM's check of the events at the start, its error explained (:func:`_outside_window`) on the state
        it was evaluated on: with IDAKLU's own initialisation (its default) that is the state after it, which
        ``model.y0`` (the guess before it) is not, so a start pushed outside the window by the current's losses
        was PyBaMM's bare "Events [...] are non-positive at initial conditions"."""
        try:
            super()._check_event_violation(t_eval, model, y0, inputs_dict)
        except pybamm.SolverError as exc:
            # (an experiment's step solvers carry its input names; PyBaMM moved their window events out)
            margin = 0.0 if self.experiment_inputs is None else EXPERIMENT_WINDOW_MARGIN
            initial = getattr(self, "_from_initial_state", True) or _rests_alone(getattr(self, "_old_solution", None))
            found = {}
            explained = _outside_window(exc, model, inputs_dict, y0, window_margin=margin, step=self.running_step,
                                        made=initial, found=found)
            skipped = "[experiment]" in str(exc)  # (pybamm.Simulation skips the step)
            # (a step's termination other than a voltage cut-off met at its start)
            met = self._warn_termination_met(model, t_eval[0], inputs_dict, y0) if skipped else []
            if skipped:  # (what its empty solution says when read: experiment_errors.SkippedStepSolution)
                self.skip_reason = skipped_text(self.experiment_step or "an experiment step",
                                                explained or "; ".join(met) or f"PyBaMM: {exc}")
            if explained is None:
                raise
            if "[experiment]" in str(exc) and initial:
                # pybamm.Simulation skips the step with its own bare words: say why here
                warnings.warn(skipped_text("an experiment step", explained), StartOutsideWindowWarning, stacklevel=2)
            elif "[experiment]" in str(exc):  # a later step: warned if past by more than the cell already there
                self._warn_later_step_skipped(model, inputs_dict, y0, explained)
            error = pybamm.SolverError(explained)
            error.start_voltage = found.get("start")  # (read by a power step's note: step)
            raise error from exc

    def _warn_later_step_skipped(self, model, inputs, y0, explained):
        """:class:`LaterStepSkippedWarning` for the later experiment step this solver runs (:attr:`experiment_step`),
        which starts at the state ``y0`` past a cut-off (``explained``: :func:`_outside_window`'s text), if the losses
        at its current put it there (its open circuit inside every cut-off it is past, :func:`_window_at_open_circuit`)
        by more than rtol of the cell's voltage; not warned: a cell already past at open circuit (a charge "until" a
        voltage below the one it rests at) or at the cut-off the step before ended on (1e-14 V past, or past it by that
        step's overshoot of its own event: :func:`_ended_past_already`), undecided ones, and a step already
        warned about in this solve (:attr:`experiment_inputs`' ``steps_skipped_warned``, by its
        number in its cycle and text)."""
        try:
            y0 = np.asarray(y0.full() if hasattr(y0, "full") else y0, dtype=float).reshape(-1, 1)
            past = {name: gap for name, gap in _cut_off_values(model, inputs, y0, self.running_step).items()
                    if gap <= 0}
            voltage = _evaluated(model, "Voltage [V]", 0.0, y0, inputs)
            by_losses = _window_at_open_circuit(model, inputs, y0, past, _cells_at(model, inputs, y0, voltage),
                                                voltage) is False
        except Exception:  # noqa: BLE001 - undecided: PyBaMM's skip as before
            return
        if not (by_losses and past and -min(past.values()) > self.rtol * abs(voltage)):
            return
        if _ended_past_already(getattr(self, "_step_before_ended_on", None), past):
            return
        from .solvers import _users_stacklevel

        where = self.experiment_step or "a later experiment step"
        if self._warned_before(LaterStepSkippedWarning, where):
            return
        warnings.warn(LaterStepSkippedWarning(
            f"{skipped_text(where, explained)}. PyBaMM skips a later step so, logging a line only ('infeasible at "
            "initial conditions ... Skipping step'); its entry in the cycle's steps is an empty solution that says "
            "this when read; warned once per step of the experiment (not again in later cycles)"),
            stacklevel=_users_stacklevel())

    def _warned_before(self, category, where):
        """Whether the warning ``category`` was given for the step ``where`` (:attr:`experiment_step`) before in this
        solve (:attr:`experiment_inputs`' ``steps_skipped_warned``, by the step's number in its cycle and text: the
        same step in every cycle), marking it given; False outside an experiment's solve."""
        warned = getattr(self.experiment_inputs, "steps_skipped_warned", None)
        if warned is None:
            return False
        key = (category.__name__, re.sub(r" in cycle \d+ of \d+", "", where))  # (step_text's cycle left out)
        if key in warned:
            return True
        warned.add(key)
        return False

    def _warn_termination_met(self, model, t, inputs, y0):
        """:class:`TerminationMetAtStartWarning` for the experiment step this solver runs (:attr:`running_step`) if a
        termination of it other than a voltage cut-off is met at the state ``y0`` it starts at (time ``t`` [s],
        :func:`_terminations_met`); once per step of the experiment in a solve, undecided ones not warned. Returns
        the terminations met, each said (an empty list: none, or undecided)."""
        try:
            met = _terminations_met(model, t, inputs, y0, self.running_step)
        except Exception:  # noqa: BLE001 - undecided: PyBaMM's skip as before
            return []
        where = self.experiment_step or "an experiment step"
        if not met or self._warned_before(TerminationMetAtStartWarning, where):
            return met
        from .solvers import _users_stacklevel

        warnings.warn(TerminationMetAtStartWarning(
            f"{skipped_text(where, '; '.join(met))}. PyBaMM skips a step whose termination is met as it starts, "
            "without a word in a cycle of several steps (a logged line for a cycle of one), and the solution holds an "
            "empty solution for it; warned once per step of the experiment (not again in later cycles)"),
            stacklevel=_users_stacklevel())
        return met

    def step(self, old_solution, model, dt, t_eval=None, npts=None, inputs=None, *args, **kwargs):
        try:
            return self._checked_step(old_solution, model, dt, t_eval, npts, inputs, *args, **kwargs)
        except pybamm.SolverError as exc:  # a custom step's current, a function of the state: where it failed;
            # a constant-power step's current at its start and where it failed
            if model not in CUSTOM_STEP_MODELS and model not in POWER_STEP_MODELS:
                raise
            # (here, outside _checked_step: a subclass's retry of a failed step (SharedEventsIDAKLUSolver's) runs
            # first, and the note, which solves the step again, is made only for the failure that stands)
            t0 = 0.0 if old_solution is None or not hasattr(old_solution, "t") else float(old_solution.t[-1])
            failed_state = lambda: self._failed_state(  # noqa: E731 - called only by the note that needs it
                old_solution, model, dt, t_eval, npts, inputs, *args, **kwargs)
            # (the unified model may be in both: its note is the running step's kind's)
            start = getattr(exc, "start_voltage", None)  # (where the solver found the step's start: _outside_window)
            note = (_power_step_note(model, t0, inputs, failed_state, self.running_step, start)
                    if model in POWER_STEP_MODELS else None)
            if note is None:
                note = _custom_step_note(model, t0, inputs, failed_state, self.running_step)
            if note is None:
                raise
            said = str(exc)
            step = _power_step(model, self.running_step)[0]
            if step is not None and _power_delivered(step, start) is False:
                # a power the cell cannot deliver: what it asks first, not "a power of the other sign" of a start the
                # solver found at an impossible point (Li2021_Mo6S8 at 1 W: -0.52 V under a discharge; review R33);
                # only there (a 0.01 mW charge 1.1 V past a cut-off at open circuit was told it asked too much: R35)
                raise pybamm.SolverError(f"{note[0].upper()}{note[1:]}. At the step's start the solver found: "
                                         f"{said.replace('; ' + _OTHER_SIGN['power'], '')}") from exc
            raise pybamm.SolverError(f"{said}; {note}") from exc

    def _checked_step(self, old_solution, model, dt, t_eval=None, npts=None, inputs=None, *args, **kwargs):
        """PyBaMM's ``step`` after the checks of the inputs and parameters; a subclass's retry of a failed step
        overrides this (not ``step``, whose note on a custom step's failure is then made once, for the last)."""
        t0 = 0.0 if old_solution is None or not hasattr(old_solution, "t") else float(old_solution.t[-1])
        # (an experiment's steps until one has run step from pybamm.EmptySolution: the initial state)
        self._from_initial_state = old_solution is None or isinstance(old_solution, pybamm.EmptySolution)
        self._old_solution = old_solution  # (read only if the step is skipped at its start, :func:`_rests_alone`)
        self._step_before_ended_on = None if self._from_initial_state else getattr(old_solution, "termination", None)
        experiment = self.experiment_inputs
        refuse_misspelt_inputs(model, inputs, *(() if experiment is None else (experiment.known, experiment.internal)))
        check_inputs(model, inputs, times=[t0, t0 + dt])
        if experiment is None:
            warn_unknown_inputs(model, inputs)
            warn_unknown_parameters(model)
        else:  # a step of pybamm.Simulation's experiment: its input names checked against every step's model
            experiment.warn(inputs)  # (at the user's line, as a plain solve's: review R36 found experiment_checks.py)
            warn_unknown_parameters(model, warned=experiment.parameters_warned)
        # (an experiment step's temperature too; once in the experiment's solve, not once per step model)
        warn_outside_measured_temperatures(model, inputs,
                                           warned=None if experiment is None else experiment.temperatures_warned)
        try:
            return super().step(old_solution, model, dt, t_eval, npts, inputs, *args, **kwargs)
        finally:
            self._old_solution = None  # (not kept with the solver: its pickle, a long run's memory)

    def _failed_state(self, old_solution, model, dt, t_eval=None, npts=None, inputs=None, *args, **kwargs):
        """After the solver failed on a step: the step solved again with ``on_failure="ignore"`` (PyBaMM's option,
        set back after), for the partial solution IDA returns and PyBaMM drops when it raises; (the time [s], the
        state and its time derivative of its last point); False if it raises PyBaMM's SolverError (a failure before IDA
        integrates: the step's start is the state it failed at), None if it fails otherwise or returns no point.
        Called only after a failure (a custom step's, :func:`_custom_step_note`), its cost the failed step's."""
        try:  # (the set-up inside the try: a PyBaMM without on_failure leaves the solver's error standing)
            with failures_ignored(self), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # (the failure's own warnings were given the first time)
                partial = super().step(old_solution, model, dt, t_eval, npts, inputs, *args, **kwargs)
            t, y = np.asarray(partial.all_ts[-1], dtype=float), np.asarray(partial.all_ys[-1], dtype=float)
            yps = getattr(partial, "all_yps", None)
            yp = None if not yps or yps[-1] is None else np.asarray(yps[-1], dtype=float)[:, -1]
        except NonFiniteStatesError:  # (integrated into NaN: no state to tell)
            return None
        except pybamm.SolverError:  # failed again before IDA integrated (e.g. a start outside the window)
            return False
        except Exception:  # noqa: BLE001 - the first failure's error stands
            return None
        if partial.termination != "failure" or t.size == 0 or y.ndim != 2:
            return None
        return float(t[-1]), y[:, -1], yp


def _state_names(model, rows):
    """The names of the state variables holding the state vector's ``rows`` (the adapter's ``state_slices``)."""
    return [var.name for var, slices in state_slices(model).items()
            if any(s.start <= row < s.stop for s in slices for row in rows)]
