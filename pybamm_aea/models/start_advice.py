"""What the solver meets at an experiment step's start, and the advice it gives: one concept, a step that cannot run
from where the cell is (its voltage window, its cut-off, its termination met, nothing left to pass), or that failed
in the solver. The steps as written are checked before by :mod:`.step_checks`, the starting state by
:mod:`.starting_state`.

- at each solve and step: :class:`CheckedIDAKLUSolver` (the AEA model's default solver) checks the inputs
  (:func:`~pybamm_aea.models.checks.check_inputs`) and their names, explains a start outside the voltage window
  (:func:`starts_outside_window`, :class:`StartOutsideWindowWarning`; a later step's, :class:`LaterStepSkippedWarning`)
  and a custom step's failure (its current at the step's start and where the solver stopped:
  :data:`CUSTOM_STEP_MODELS`);
- after the solve (:mod:`pybamm_aea.pybamm_adapter.experiment_errors` calls them): the first step's messages
  (:func:`first_step_warning`: :func:`first_step_window_message`, :func:`first_step_losses_message`), an experiment
  none of whose steps ran (:func:`not_started_message`), and :class:`ExperimentStepFailedWarning`, given when a step
  after the first failed in the solver.
"""
from __future__ import annotations

import math
import re
import warnings
import weakref

import numpy as np

import pybamm

from ..constants import MAX_VOLTAGE_VS_LI
from .submodels.cell_voltage import OVERPOTENTIALS
from ..pybamm_adapter.experiment_inputs import COMBINED_TERMINATION, step_terminations
from ..pybamm_adapter.model_internals import parameter_values_of, state_slices
from ..pybamm_adapter.solver_internals import failures_ignored, has_sensitivities, initial_state
from ..user_frame import users_stacklevel
from .checks import (check_inputs, refuse_misspelt_inputs, warn_cut_offs_of_another_anode,
                     refuse_above_melting_points, warn_outside_measured_temperatures, warn_unknown_inputs,
                     warn_unknown_parameters)
from .step_checks import (EXPERIMENT_WINDOW_MARGIN, at_step_start, c_rate_basis_note, cells_in_series,
                          check_solve_in_host_window, check_step_at_its_start, digits_apart, made_capacity, number_of,
                          step_name, variable_at)

__all__ = ["CheckedIDAKLUSolver", "NonFiniteStatesError", "starts_outside_window", "StartOutsideWindowWarning",
           "LaterStepSkippedWarning", "TerminationMetAtStartWarning", "StepSkippedError", "StepSkippedAttributeError",
           "ExperimentStepFailedWarning", "CUSTOM_STEP_MODELS", "POWER_STEP_MODELS", "FIRST_STEP_SHARE",
           "LOSSES_AHEAD_SHARE", "first_step_window_message", "FirstStepLossesWarning", "first_step_losses_message",
           "first_step_warning", "carries_no_current", "WARNINGS_SAY", "skip_gap"]


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


def _outside_window(exc, model, inputs, y0, window_margin=0.0, step=None, made=False, found=None, t=0.0):
    """How far outside its window the cell starts at the state ``y0`` the events were evaluated on (after the
    consistent initialisation: under the step's current, i.e. with its losses) and what to change, or on the
    Li-In anode why (a set's window is vs Li metal), followed by PyBaMM's "Events [...] are non-positive at
    initial conditions" (``exc``, for a voltage cut-off; None for any other error). The explanation comes first:
    PyBaMM's text ends with every input, and the sweep keeps a warning's first 200 characters.
    ``window_margin``: how far out PyBaMM moved the window events (:data:`.step_checks.EXPERIMENT_WINDOW_MARGIN` in an
    experiment's step models, 0 otherwise), added back so that the distance said is from the set's cut-off. ``step``:
    the experiment step ``model`` runs (None: not known), whose cut-offs are read off it where the model does not hold
    them (:func:`_cut_off_values`) and which says what sets the losses (:func:`_what_sets`). ``made``: ``y0`` is the
    initial state (an experiment's step from it, :func:`_made_end_reached`). ``found``: a dict (None: none) given
    the cell's voltage at ``y0`` [V] as "start" (None: not evaluated), read by a power step's note. ``t``: the time [s]
    of ``y0``, where PyBaMM checked the events (its ``t_eval[0]``): a cut-off of ``pybamm.t`` is read there."""
    text = str(exc)
    # (a voltage event's name, or PyBaMM's unified model's one event, whose cut-offs are read below; any other event
    # met at the start, a current's, is not the window's: reading the cut-offs cost it 14 ms a cycle, review R22)
    if not (starts_outside_window(exc) or (COMBINED_TERMINATION is not None and COMBINED_TERMINATION in text)):
        return None
    try:
        y0 = y0.full() if hasattr(y0, "full") else np.asarray(y0, dtype=float)
        y0 = y0.reshape(-1, 1)
        gaps = _cut_off_values(model, inputs, y0, step, t)
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
        start = variable_at(model, "Voltage [V]", t, y0, inputs)
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
        value = variable_at(model, variable, 0.0, y0, inputs)
    except Exception:  # noqa: BLE001 - undecided
        return None
    return value if math.isfinite(value) else None


def _step_past_window(model, inputs, y0, past, at_open_circuit, step=None, also=""):
    """For an experiment ``step`` (None: not known) that starts past one window event of ``past`` (event name -> gap,
    the event :data:`.step_checks.EXPERIMENT_WINDOW_MARGIN` out) with its open circuit past it too (``at_open_circuit``
    True, as a rest's always is): where the cell rests [V], its cut-off [V], and that no step starts it. None
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
    cut_off = None if values is None else number_of(values, _WINDOW_CUT_OFF[name], inputs or {})
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
    volts = None if values is None else number_of(values, other, inputs or {})
    until = f" until {volts:g} V" if volts is not None else ""
    return (f"{said}. Run the {word} as an experiment step, pybamm.Experiment([\"{step_word} at {rate}{until}\"]), "
            "which ends on its own cut-off (PyBaMM moves the window's events "
            f"{EXPERIMENT_WINDOW_MARGIN:g} V out), or {inside}")


def _cut_off_values(model, inputs, y0, step=None, t=0.0):
    """{name: value} of ``model``'s window events and step cut-offs at the state ``y0`` (a column): the voltage still
    to go to each, in V; at or below 0, past it. The cut-offs of the experiment ``step`` ``model`` runs too (None: not
    known; :func:`~pybamm_aea.pybamm_adapter.experiment_inputs.step_terminations`): PyBaMM's unified model
    (``experiment_model_mode="unified"``) holds them joined in one event, whose start past it was not explained.
    ``t``: the time [s] of ``y0`` (PyBaMM checks the events at ``t_eval[0]``): LMS with an upper cut-off 2.8 - 1e-5 t
    solved over [3600, 7200] s from 2.770 V was read at t = 0, 0.030 V inside, and left PyBaMM's bare "Events [...]
    are non-positive" where it starts 0.006 V past (session 63)."""
    events = {e.name: e for e in model.events if e.name in _WINDOW_EVENTS or _is_step_cut_off(e.name)}
    if step is not None:
        events.update({e.name: e for _, e in step_terminations(model, step) if _is_step_cut_off(e.name)})
    return {name: float(np.asarray(e.expression.evaluate(t, y0, inputs=dict(inputs or {}))).item())
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
    (a step's cut-off is above 0 V, :func:`.step_checks._check_cut_offs`), or above a window's upper end,
    :data:`~pybamm_aea.constants.MAX_VOLTAGE_VS_LI`, moved ``window_margin`` out (in an experiment, where the window's
    events reach as far; a step's own cut-off does not, :func:`.step_checks._check_cut_offs`)."""
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
    :func:`.step_checks._check_cut_offs`, whatever the window's margin). On the Li-In anode (``li_in``), unless
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
    (:func:`.step_checks.cells_in_series`), over a cell's "Voltage [V]" there, ``voltage`` [V]; None if either is not
    evaluated (``voltage`` None) or a cell's is 0 V."""
    if voltage is None:
        return None
    try:
        cells = variable_at(model, "Battery voltage [V]", 0.0, y0, inputs) / voltage
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
        loss = variable_at(model, "Open-circuit voltage [V]", 0.0, y0, inputs) - voltage
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
        start = variable_at(model, "Average cathode free Li content", 0.0, y0, inputs)
        x_max = (variable_at(model, "Average cathode Li content", 0.0, y0, inputs)
                 / variable_at(model, "Average cathode stoichiometry", 0.0, y0, inputs))
    except Exception:  # noqa: BLE001 - undecided: the skip's own advice
        return None
    if not (math.isfinite(start) and math.isfinite(x_max) and x_max > 0):
        return None
    if (x_max - start if discharge else start) > FIRST_STEP_SHARE * x_max:
        return None
    try:
        dispersed = _dispersed_at(variable_at(model, DISPERSED_LITHIATION, 0.0, y0, inputs),
                                  variable_at(model, DISPERSED_CAPACITY, 0.0, y0, inputs), discharge)
    except KeyError:  # (a model without a dispersed material)
        dispersed = None
    except Exception:  # noqa: BLE001 - undecided: the skip's own advice
        return None
    try:
        made = variable_at(model, "Cathode host Li content as made", 0.0, y0, inputs)
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
        start = variable_at(model, "Average cathode free Li content", 0.0, y0, inputs)
        try:
            lithiation = variable_at(model, DISPERSED_LITHIATION, 0.0, y0, inputs)
        except KeyError:  # (a model without a dispersed material)
            lithiation = None
        volts /= cells_in_series(values, inputs)
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
    other = number_of(parameter_values, "Upper voltage cut-off [V]" if discharge else "Lower voltage cut-off [V]",
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
        ocv = variable_at(model, _OCV, t0, initial_state(model), inputs)
    except Exception:  # noqa: BLE001 - the solver's own error stands
        return None
    if not (math.isfinite(power) and math.isfinite(ocv) and ocv > 0):
        return None
    current = abs(power) / ocv
    nominal = number_of(parameter_values, "Nominal cell capacity [A.h]", dict(inputs or {}))
    rate = f", {current / nominal:.3g}C of the set's \"Nominal cell capacity [A.h]\"" if nominal else ""
    said = (f"the constant-power step {step} asks {power:g} W: at least {current:.3g} A{rate} at the open-circuit "
            f"voltage it starts from ({ocv:.4g} V)")
    runs = "a smaller power, or a current or C-rate step, runs"
    try:
        last = last()
        if last not in (None, False):
            t, y, _ = last
            ran = (f"; it ran {t - t0:.3g} s, to {variable_at(model, 'Voltage [V]', t, y, inputs):.4g} V at "
                   f"{abs(variable_at(model, 'Current [A]', t, y, inputs)):.3g} A, where the solver failed: the "
                   "current a constant power needs grows as the voltage falls, and none meets a power above the most "
                   f"the cell delivers (V_oc^2 / (4 R), R its internal resistance); {runs}")
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
    current = variable_at(model, "Current [A]", t, y, inputs)
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
    the capacity as made, as :func:`.step_checks.check_termination` takes it. After rests alone the first step with
    current is judged, by its own number (:func:`_first_with_current`)."""
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
    x_max = number_of(parameter_values, "Cathode maximum Li content", dict(inputs or {}))
    if x_max is not None and (x_max - content[0] if discharge else content[0]) <= FIRST_STEP_SHARE * x_max:
        try:
            dispersed = _dispersed_at(ran[DISPERSED_LITHIATION].entries[0], ran[DISPERSED_CAPACITY].entries[0],
                                      discharge)
        except KeyError:  # (a model without a dispersed material)
            dispersed = None
        if dispersed is not False:
            return _nothing_to_pass_message(number, step, ran, passed, capacity, float(content[0]), x_max, discharge,
                                            dispersed, number_of(parameter_values, "Cathode host Li content as made",
                                                                dict(inputs or {})))
    if x_max is None or (content[0] if discharge else x_max - content[0]) > FIRST_STEP_SHARE * x_max:
        return None  # (not from the end it was made at: a cell made nearly empty by set_initial_state, review R24)
    share = content[0] + (content[-1] - content[0]) * FIRST_STEP_SHARE * capacity / passed
    cells = cells_in_series(parameter_values, inputs)
    ended = float(ran[_OCV].entries[-1])
    try:
        at_rest = cells * at_rest.open_circuit_voltage(float(share))
    except ValueError:  # (past the host's window: undecided)
        return None
    if not any(volts >= ocv if discharge else volts <= ocv for ocv in (ended, at_rest)):
        return None  # (at rest the cell is inside its cut-off: the losses at its current ended it)
    rest = f"{at_rest:.{digits_apart(at_rest, volts)}g}"  # (apart from the cut-off: 1.7996 V is not "1.8", review R24)
    said = (f"the experiment's step {number}, '{step_name(step, str)}', ended on its cut-off ({volts:g} V) "
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
    as made (``made``: :func:`.step_checks.check_termination`'s); None otherwise or if undecided. What the first-step
    rules look at: the window's with :data:`FIRST_STEP_SHARE` (:func:`first_step_window_message`), the losses' with
    :data:`LOSSES_AHEAD_SHARE`, the most its window can hold ahead (:func:`first_step_losses_message`)."""
    try:
        number, step, ran = _first_with_current(experiment.steps, [s for c in solution.cycles for s in c.steps])
    except (AttributeError, IndexError, TypeError):
        return None
    match = _STEP_CUT_OFF_NAME.match(str(getattr(ran, "termination", "")))
    volts = None if match is None else _cut_off_volts(match)
    if volts is None or isinstance(ran, pybamm.EmptySolution):
        return None
    capacity = made_capacity(made, parameter_values, inputs)
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
    cells = cells_in_series(parameter_values, inputs)
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
    name = step_name(step, str)
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
    return (f"the experiment's step {number}, '{step_name(step, str)}', ended on its cut-off ({volts:g} V) "
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
        at = variable_at(model, variable, t, y0, inputs)
        said.append(f"its termination '{name}'{condition.format(value=termination.value)} is met at its start: "
                    f"{variable} = {at:.4g}{unit}")
    return said


#: what :func:`not_started_message` says of the warnings of its skipped steps; a reader holding them says, in its
#: stead, how far past each step started (:func:`skip_gap`; convergence.empty_run_reason)
WARNINGS_SAY = " (the StartOutsideWindowWarning or TerminationMetAtStartWarning says which and by how much)"


def skip_gap(message):
    """How far past its cut-off or termination a skipped step started, from the ``message`` of its
    :class:`StartOutsideWindowWarning` or :class:`TerminationMetAtStartWarning` (:func:`skipped_text`'s words, without
    where the step is, where its voltage is read, nor the way out): "the cell starts 0.03603 V past its step's
    cut-off (Voltage < 1.8 [V])", "its termination 'abs(Current [A]) < 1 [A]' is met at its start: Current [A] =
    -6.034e-05 A"."""
    said = message.split(" is skipped: ", 1)[-1]
    return re.split(rf" under its (?:{'|'.join(_UNDER_ITS)}) at the start|\. ", said, maxsplit=1)[0]


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
            f"({'; '.join(dict.fromkeys(step_name(step, str) for step in steps))}) as starting past its cut-off or "
            f"termination{WARNINGS_SAY}")
    return said + (c_rate_basis_note(steps, parameter_values, built_models, inputs) or "")


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
    cut_off = number_of(parameter_values, f"{'Upper' if charge else 'Lower'} voltage cut-off [V]", dict(inputs or {}))
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
        start = float(np.ravel(value.evaluate(t=0, inputs=at_step_start(inputs)))[0])
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
        refuse_above_melting_points(model, inputs, times=t_eval)
        warn_outside_measured_temperatures(model, inputs, times=t_eval)
        warn_cut_offs_of_another_anode(model)  # (a plain solve: the values' cut-offs end it)
        check_solve_in_host_window(model, inputs)  # (its lower cut-off against the host's end, session 64)
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
                                        made=initial, found=found, t=float(t_eval[0]))
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
                self._warn_later_step_skipped(model, inputs_dict, y0, explained, float(t_eval[0]))
            error = pybamm.SolverError(explained)
            error.start_voltage = found.get("start")  # (read by a power step's note: step)
            raise error from exc

    def _warn_later_step_skipped(self, model, inputs, y0, explained, t=0.0):
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
            past = {name: gap for name, gap in _cut_off_values(model, inputs, y0, self.running_step, t).items()
                    if gap <= 0}
            voltage = variable_at(model, "Voltage [V]", t, y0, inputs)
            by_losses = _window_at_open_circuit(model, inputs, y0, past, _cells_at(model, inputs, y0, voltage),
                                                voltage) is False
        except Exception:  # noqa: BLE001 - undecided: PyBaMM's skip as before
            return
        if not (by_losses and past and -min(past.values()) > self.rtol * abs(voltage)):
            return
        if _ended_past_already(getattr(self, "_step_before_ended_on", None), past):
            return
        where = self.experiment_step or "a later experiment step"
        if self._warned_before(LaterStepSkippedWarning, where):
            return
        warnings.warn(LaterStepSkippedWarning(
            f"{skipped_text(where, explained)}. PyBaMM skips a later step so, logging a line only ('infeasible at "
            "initial conditions ... Skipping step'); its entry in the cycle's steps is an empty solution that says "
            "this when read; warned once per step of the experiment (not again in later cycles)"),
            stacklevel=users_stacklevel())

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
        warnings.warn(TerminationMetAtStartWarning(
            f"{skipped_text(where, '; '.join(met))}. PyBaMM skips a step whose termination is met as it starts, "
            "without a word in a cycle of several steps (a logged line for a cycle of one), and the solution holds an "
            "empty solution for it; warned once per step of the experiment (not again in later cycles)"),
            stacklevel=users_stacklevel())
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
        # (a step's voltage of pybamm.t past an OCP table's end, at its times: known now if not before any step)
        check_step_at_its_start(self.running_step, model, inputs, dt, self.experiment_step)
        if experiment is None:
            warn_unknown_inputs(model, inputs)
            warn_unknown_parameters(model)
        else:  # a step of pybamm.Simulation's experiment: its input names checked against every step's model
            experiment.warn(inputs)  # (at the user's line, as a plain solve's: review R36 found experiment_checks.py)
            warn_unknown_parameters(model, warned=experiment.parameters_warned)
        refuse_above_melting_points(model, inputs, times=[t0, t0 + dt])
        # (an experiment step's temperature too; once in the experiment's solve, not once per step model)
        warn_outside_measured_temperatures(model, inputs, times=[t0, t0 + dt],
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
