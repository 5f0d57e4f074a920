"""What a step or a cycle of a PyBaMM solution delivered: steps, discharge capacity, ESC, Wh/kg, Wh/L, retention.

One name per quantity, the model's (and PyBaMM's where PyBaMM has one):

- :data:`ESC` "Electrode specific capacity [mA.h.g-1]": discharge capacity per g of the whole cathode electrode, a
  running total from the solution's start as "Discharge capacity [A.h]" (a step's ``[ESC].entries[-1]`` is not
  what the step delivered: Li2021_Mo6S8 at 3x loading, 25 C, a 0.5C discharge after a 0.05C cycle reads 29.47 where
  the step delivered 0.56); a step's own is :func:`step_table`'s "capacity [mA.h.g-1]" (``mass_g=``), a cycle's
  :func:`pybamm_aea.cycling.cycle_summary`'s
- :data:`GRAVIMETRIC` "Electrode gravimetric energy [W.h.kg-1]", :data:`VOLUMETRIC` "Electrode volumetric energy
  [W.h.L-1]": discharge energy per kg and per L of the whole cathode electrode (charged state, as made); per the
  electrode's actual mass and volume at the end of the discharge with :func:`electrode_mass_volume`'s
  ``basis="end of discharge"`` (the "discharged basis" of :mod:`pybamm_aea.cycling` and the sweep is the paper's:
  every host fully lithiated, :meth:`pybamm_aea.energy.Electrode.lithiated`). The energy is the cathode's against Li
  (the paper's basis): on the Li-In anode, the cell's voltage plus the anode's OCP (the model's "Discharge energy vs
  Li [W.h]")
- "Discharge capacity [A.h]", "Discharge energy [W.h]": PyBaMM's integrals of I dt and I V dt; what one discharge
  delivered, by the trapezoid over its returned points or by these states: :func:`delivered` (the one definition)
- :data:`MEAN_DISCHARGE_VOLTAGE` "Mean discharge voltage [V]": the cell's (discharge energy / capacity);
  :data:`MEAN_DISCHARGE_VOLTAGE_VS_LI` "Mean discharge voltage vs Li [V]": the cathode's against Li (the
  electrode's energy / capacity), the same on Li metal and 0.62 V above on Li-In; none for PyBaMM's full cell
  (:func:`vs_li_undefined`)
- :func:`capacity_retention`: last discharge capacity over that of a reference discharge
- a mass given for the per-mass columns (``mass_g=`` of :func:`step_table` and
  :func:`pybamm_aea.cycling.cycle_summary`) is compared with the solution's own electrode mass by :func:`given_mass`
- :func:`time_series`: a run's time series as a table (default columns :data:`TIME_SERIES_COLUMNS`)

Used by the command line, :mod:`pybamm_aea.sweep`, :mod:`pybamm_aea.cycling` and the studies. Sign convention as
PyBaMM's: discharge current > 0.
"""
from collections.abc import Mapping
import functools
import math
import re
import warnings
import weakref

import numpy as np

from .user_input import did_you_mean, finite_positive, is_finite_positive, whole_at_least

__all__ = ["ESC", "GRAVIMETRIC", "VOLUMETRIC", "CELL_GRAVIMETRIC", "CELL_VOLUMETRIC", "MEAN_DISCHARGE_VOLTAGE",
           "MEAN_DISCHARGE_VOLTAGE_VS_LI", "DISCHARGE_ENERGY_VS_LI", "THROUGHPUT_ENERGY_VS_LI", "ANODE_OCP",
           "TOTAL_OVERPOTENTIAL",
           "RETENTION", "MASS", "VOLUME", "MASS_NOW", "VOLUME_NOW", "ROUTES", "DEFAULT_ROUTE", "is_skipped",
           "iter_steps", "iter_discharges", "discharge_capacity", "delivered", "delivered_charge",
           "delivered_on_both_bases", "step_times",
           "discharge_steps", "voltage_vs_li", "vs_li_undefined",
           "space_average", "capacity_retention", "retention_curve", "electrode_figures", "step_descriptions",
           "record_descriptions", "solved_descriptions",
           "step_table", "experiment_cycle_numbers", "time_series", "RetentionUndefinedWarning", "CyclesNotKeptWarning",
           "CoarseDischargeWarning", "COARSE_TOLERANCE"]

ESC = "Electrode specific capacity [mA.h.g-1]"
GRAVIMETRIC = "Electrode gravimetric energy [W.h.kg-1]"
VOLUMETRIC = "Electrode volumetric energy [W.h.L-1]"
CELL_GRAVIMETRIC = "Cell gravimetric energy [W.h.kg-1]"
CELL_VOLUMETRIC = "Cell volumetric energy [W.h.L-1]"
MEAN_DISCHARGE_VOLTAGE = "Mean discharge voltage [V]"
#: the cathode's mean discharge voltage against Li (electrode energy / capacity; the cell's plus the Li-In OCP)
MEAN_DISCHARGE_VOLTAGE_VS_LI = "Mean discharge voltage vs Li [V]"
#: the AEA model's energies against Li (:class:`pybamm_aea.models.submodels.throughput.ScaledDischargeThroughput`):
#: with the anode's OCP added to the voltage, the cathode's against a Li reference; on Li metal PyBaMM's
#: "Discharge energy [W.h]" and "Throughput energy [W.h]" themselves
DISCHARGE_ENERGY_VS_LI = "Discharge energy vs Li [W.h]"
THROUGHPUT_ENERGY_VS_LI = "Throughput energy vs Li [W.h]"
#: The model variable of a Li-In anode's OCP [V] (0 on Li metal): the cell's voltage plus it is the cathode's against
#: Li (:func:`voltage_vs_li`, the electrode energies' basis); ``pybamm-aea simulate`` writes it in a Li-In time series
ANODE_OCP = "Anode OCP [V]"
#: The AEA model's polarisation [V]: the sum of its overpotentials, the cathode's surface OCP less the anode's OCP and
#: the cell's voltage (V = U_c - U_a - eta, :mod:`pybamm_aea.models.submodels.cell_voltage`), so the cathode's surface
#: OCP less its voltage against Li on either anode; read by :func:`pybamm_aea.cycling.cycle_summary`'s "overpotential"
#: resistance and the formed cells' nucleation judgement (:mod:`pybamm_aea.convergence`)
TOTAL_OVERPOTENTIAL = "Total overpotential [V]"
RETENTION = "Capacity retention [%]"
MASS = "Cathode electrode mass [g]"
VOLUME = "Cathode electrode volume [L]"
MASS_NOW = "Cathode electrode mass, instantaneous [g]"
VOLUME_NOW = "Cathode electrode volume, instantaneous [L]"


def is_skipped(step):
    """True for a step PyBaMM skipped (``None`` or an ``EmptySolution``, e.g. a discharge that starts at its
    cut-off)."""
    import pybamm

    return step is None or isinstance(step, pybamm.EmptySolution)


def _is_processed_variable(value):
    """True if ``value`` is a processed variable: a ``pybamm.ProcessedVariable`` (or ``ProcessedVariableComputed``),
    or an object whose ``entries`` is a numpy array (a test's stand-in for one, as convergence's tests pass)."""
    import pybamm

    if isinstance(value, (pybamm.ProcessedVariable, pybamm.ProcessedVariableComputed)):
        return True
    return not isinstance(value, (pybamm.Solution, pybamm.EmptySolution)) and isinstance(
        getattr(value, "entries", None), np.ndarray)


def _refuse_series(solution, where):
    """A TypeError naming what was given to ``where`` (a function's name) for a PyBaMM solution or a step's stand-in.
    A step's stand-in is a mapping of variable names to processed variables (:func:`_is_processed_variable`), as
    convergence's tests pass one for a step. Refused: a time series (a DataFrame, a mapping of arrays: it has no
    steps and no model, "AttributeError: 'dict' object has no attribute 'all_models'" until session 58;
    :func:`pybamm_aea.cycling.cycle_summary` reads one), a mapping of PyBaMM solutions (one is wanted), and one
    processed variable (a solution's variable, not the solution)."""
    import pandas as pd
    import pybamm

    if isinstance(solution, Mapping) and not isinstance(solution, pd.DataFrame):
        for name in solution:
            value = solution[name]
            if isinstance(value, (pybamm.Solution, pybamm.EmptySolution)):
                raise TypeError(f"{where} takes one PyBaMM solution, got a {type(solution).__name__} of solutions "
                                f"({name!r}: {type(value).__name__}): pass one of them, {where}(solutions[{name!r}])")
        if all(_is_processed_variable(solution[name]) for name in solution):
            return
    elif not isinstance(solution, pd.DataFrame):
        if _is_processed_variable(solution):
            raise TypeError(f"{where} takes a PyBaMM solution, got one processed variable "
                            f"({type(solution).__name__}), a solution's variable: pass the solution itself")
        return
    raise TypeError(f"{where} takes a PyBaMM solution, got a time series ({type(solution).__name__}), which has "
                    "no steps nor model: pybamm_aea.cycling.cycle_summary(series, series_voltage=...) reads one")


def iter_steps(solution, include_skipped=False):
    """Yield ``(cycle_number, step_number, step)`` (1-based) over the cycles kept in memory.

    Cycles not kept (``save_at_cycles``) are passed over; steps PyBaMM skipped are passed over unless
    ``include_skipped`` (then ``step`` may be ``None`` or an ``EmptySolution``). A solution without experiment
    (``solve([t0, t1])``) is one step of one cycle: ``(1, 1, solution)``. A time series (dict, DataFrame) is a
    TypeError (:func:`_refuse_series`).
    """
    _refuse_series(solution, "iter_steps")
    if not getattr(solution, "cycles", None):
        if include_skipped or not is_skipped(solution):
            yield 1, 1, solution
        return
    for ic, cycle in enumerate(solution.cycles):
        if cycle is None:
            continue
        for js, step in enumerate(cycle.steps):
            if include_skipped or not is_skipped(step):
                yield ic + 1, js + 1, step


#: the energy of a discharge on each basis of :func:`delivered`: the voltage it integrates ("vs Li": the cathode's
#: against Li, the cell's plus :data:`ANODE_OCP`; "cell": the cell's) and the model variables of the states route,
#: tried in order
_ENERGY_BASES = {"vs Li": (DISCHARGE_ENERGY_VS_LI, "Discharge energy [W.h]"), "cell": ("Discharge energy [W.h]",)}
#: why a model's energy states say nothing (:func:`integrates_energy` False)
NO_ENERGY = ('this model does not integrate "Discharge energy [W.h]" (a PyBaMM model without its option "calculate '
             'discharge energy": "true", whose energy states are the constant 0)')
#: the routes to what a discharge delivered (:func:`delivered`), named as :func:`pybamm_aea.cycling.cycle_summary`'s
#: ``energy_source``
ROUTES = ("kernel", "states")
#: the route of a discharge whose time series is in memory (docs/known_limits.rst has the measurement)
DEFAULT_ROUTE = "kernel"


#: the package of PyBaMM's battery models (its families: lithium_ion, sodium_ion, lead_acid, equivalent_circuit)
_PYBAMMS_BATTERY_MODELS = "pybamm.models.full_battery_models."


def vs_li_undefined(model):
    """Why the cathode's voltage against Li (the "vs Li" basis of :func:`delivered`, the electrode figures) cannot be
    read from a solution of ``model``, or "" where it can (the AEA model's: its cell's voltage on Li metal, plus
    :data:`ANODE_OCP` on Li-In; PyBaMM's half cell, ``{"working electrode": "positive"}``, whose counter electrode is
    Li metal; None, a time series without a model). PyBaMM's lithium-ion full cell (a graphite or other negative
    electrode) is not against Li: its "Voltage [V]" taken for the cathode's against Li read Chen2020's DFN 3.691 V at
    0.1C, where the positive electrode's OCP averages 3.896 V and the negative's 0.184 V. PyBaMM's other battery models
    (lead-acid, an equivalent circuit: review R37 found Thevenin's 3.524 V read as a cathode's against Li) are no
    cathode against Li either; a model of the user's own (no battery model of PyBaMM's) is read as documented."""
    family = next((kind.__module__.split(".")[3] for kind in type(model).__mro__
                   if kind.__module__.startswith(_PYBAMMS_BATTERY_MODELS)), None)  # (a user's subclass too: R38)
    if model is None or family is None:
        return ""
    if family != "lithium_ion":
        said = ("a battery model on PyBaMM's BaseBatteryModel, not known to be" if family == "base_battery_model"
                else f"PyBaMM's {family.replace('_', ' ')} model, no")
        return (f"{type(model).__name__} is {said} lithium cathode against Li metal, so its voltage is not read as a "
                "cathode's against Li; the cell's figures stand (\"Mean discharge voltage [V]\", energy=\"cell\")")
    if model.options["working electrode"] == "positive":
        return ""
    return (f"{type(model).__name__} is a full cell (its negative electrode is not Li metal: PyBaMM's option "
            f"\"working electrode\": {model.options['working electrode']!r}), so its voltage is the cathode's against "
            "that electrode, not against Li (the cathode's against a Li reference is PyBaMM's \"Positive electrode 3E "
            "potential [V]\" after model.insert_reference_electrode(), not read here); the cell's figures stand "
            "(\"Mean discharge voltage [V]\", energy=\"cell\"); PyBaMM's half cell, "
            "{\"working electrode\": \"positive\"}, is against Li")


def voltage_vs_li(voltage, anode_ocp):
    """The cathode's voltage against Li [V] from the cell's ``voltage`` and the anode's OCP ``anode_ocp`` [V] (None:
    none known): their sum on a Li-In anode, the cell's voltage itself where the anode is Li (OCP 0 or None)."""
    return voltage + anode_ocp if anode_ocp is not None and np.any(anode_ocp) else voltage


def _check_basis(energy):
    if energy not in _ENERGY_BASES:
        raise ValueError(f"energy must be one of {list(_ENERGY_BASES)}, got {energy!r}"
                         + did_you_mean(str(energy), _ENERGY_BASES))


def _check_route(route):
    if route not in ROUTES:
        raise ValueError(f"route must be one of {list(ROUTES)}, got {route!r}" + did_you_mean(str(route), ROUTES))


def delivered(step, energy="vs Li", route=DEFAULT_ROUTE):
    """(capacity [A.h], energy [W.h]) that one step of a PyBaMM solution (or a solution without experiment)
    delivered in the discharge direction: the one definition the sweep, the command line, the studies, the screen
    and :func:`pybamm_aea.cycling.cycle_summary` read.

    ``energy``: "vs Li" (default), the cathode's against Li, the paper's electrode basis (on Li-In the cell's voltage
    plus :data:`ANODE_OCP`); "cell", the cell's own. "vs Li" of a PyBaMM full cell (a graphite negative electrode)
    is a ValueError saying why (:func:`vs_li_undefined`): its voltage is not against Li. ``route``:

    - "kernel" (default): the compiled :func:`pybamm_aea.kernels.cycle_summaries` over the step's returned points,
      trapezoidal rule (capacity dt (I_k + I_k+1) / 2, energy dt (I_k V_k + I_k+1 V_k+1) / 2, summed over the
      intervals of discharge current): what ``cycle_summary`` computes of a kept cycle, so the two agree to
      round-off. Needs "Current [A]" and "Voltage [V]" (and on Li-In :data:`ANODE_OCP`) in the solution.
    - "states": the change over the step of the model's integrated states, "Discharge capacity [A.h]" and
      :data:`DISCHARGE_ENERGY_VS_LI` (on a model without it, PyBaMM's, "Discharge energy [W.h]"), as
      ``cycle_summary`` reads a cycle not kept. A ValueError for a model that does not integrate the energy
      (PyBaMM's models without their option ``"calculate discharge energy": "true"``, :func:`integrates_energy`) and
      for a solve that did not return the variables (the solver's ``output_variables``), naming them.

    Why "kernel" is the default, its accuracy against the states and the solver's points (measured):
    docs/known_limits.rst, "Discharge energy from the model's state". Its error grows as the returned points thin out (a
    1-hour period, a short ``t_interp``): where the model's energy state is returned, the two routes are compared (one
    subtraction; the state's change read from the step's first and last state vectors, :func:`_state_change`) and a
    :class:`CoarseDischargeWarning` names the points past :data:`COARSE_TOLERANCE`.
    """
    q, energies, coarse = _delivered(step, (energy,), route)
    _warn_coarse(coarse)
    return q, energies[energy]


def delivered_charge(step):
    """The capacity [A.h] alone that one step delivered in the discharge direction, :func:`delivered`'s kernel route
    (the trapezoid over its returned points, discharge intervals only) from its "Time [s]" and "Current [A]": no
    energy, so no voltage read and no :class:`CoarseDischargeWarning`. The nucleation warning's charges
    (:mod:`pybamm_aea.convergence`, which reads no voltage: a solve's kept outputs may lack it)."""
    from .kernels import cycle_summaries

    _refuse_series(step, "delivered_charge")
    t, i = step_times(step), np.asarray(step["Current [A]"].entries, dtype=float)
    return float(np.sum(cycle_summaries(t, i, np.zeros_like(i))["Discharge capacity [A.h]"]))


def delivered_on_both_bases(step, route=DEFAULT_ROUTE):
    """(capacity [A.h], energy vs Li [W.h], the cell's energy [W.h]) of one step: :func:`delivered` on both its
    ``energy`` bases from one pass of the compiled kernel over the step's points (two calls of :func:`delivered`
    ran it twice), each energy bit for bit :func:`delivered`'s, each basis' :class:`CoarseDischargeWarning` as it
    gives it (the sweep's cell columns read the cell's basis beside the electrode's)."""
    q, energies, coarse = _delivered(step, ("vs Li", "cell"), route)
    _warn_coarse(coarse)
    return q, energies["vs Li"], energies["cell"]


def _warn_coarse(notes):
    """A :class:`CoarseDischargeWarning` for each of ``notes`` (:func:`_delivered`'s), at the line that called the
    public function calling this."""
    for note in notes:
        warnings.warn(note, CoarseDischargeWarning, stacklevel=3)


#: the relative difference of :func:`delivered`'s routes past which the kernel's trapezoid is too coarse
#: (:class:`CoarseDischargeWarning`). Measured 2026-12-05 (0.1C to 1.8 V, rtol 1e-8 reference): the routes differ
#: 9e-4 on S-LMS with the solver's adaptive points and 7e-4 on LMS at a 10-minute period (both routes within 5e-4 of
#: the reference there), 4e-3 on LMS at a 1-hour period (11 points: kernel -4.4e-3, states -2.7e-4)
COARSE_TOLERANCE = 2e-3


def _states(step, energy):
    """The states route's (capacity, energy) of one step on the ``energy`` basis (see :func:`delivered`)."""
    model = step.all_models[0]
    if not _model_integrates_energy(model):
        raise ValueError(f'route="states" needs a model that integrates the energy: {NO_ENERGY}; use route="kernel"')
    # the first of the basis' variables the model has: a later one only where the model lacks the first
    name = next(n for n in _ENERGY_BASES[energy] if n in model.variables)
    missing = [n for n in ("Discharge capacity [A.h]", name) if not gives(step, n)]
    if missing:
        raise ValueError(f'route="states" reads {missing}, which the solve did not return (the solver\'s '
                         'output_variables): add them to output_variables, or use route="kernel"')
    Q, E = step["Discharge capacity [A.h]"].entries, step[name].entries
    return float(Q[-1] - Q[0]), float(E[-1] - E[0])


def _state_change(step, name):
    """The change over ``step`` of the model variable ``name`` when it is one of the model's states and the step kept
    its full state vectors: from the state vectors of its first and last points alone
    (:func:`pybamm_aea.pybamm_adapter.model_internals.state_change`), without PyBaMM's processing of the variable
    over every point (what :func:`_states` reads; the two costs: docs/known_limits.rst, "Discharge energy from the
    model's state"); None where
    it is not (an expression of the states, a solve of ``output_variables``, a step of several models): read as
    :func:`_states` reads it."""
    from .pybamm_adapter.model_internals import state_change

    models = step.all_models
    if getattr(step, "variables_returned", False) or any(m is not models[0] for m in models):
        return None
    change = state_change(models[0], step.all_ys[0][:, 0], step.all_ys[-1][:, -1], name,
                          step.all_inputs[0] if step.all_inputs else None)
    return None if change is None or change.size != 1 else float(change[0])


def _coarse_note(step, energy, e):
    """The :class:`CoarseDischargeWarning`'s message for the kernel route's energy ``e`` [W.h] of a one-signed
    discharge ``step`` on the ``energy`` basis, where the model's integrated state differs past
    :data:`COARSE_TOLERANCE` (else None; None too where there is no state to compare with: not integrated, not
    returned). The state's change is read from the step's end states where it is one (:func:`_state_change`)."""
    if not _model_integrates_energy(step.all_models[0]):
        return None
    name = [n for n in _ENERGY_BASES[energy] if n in step.all_models[0].variables][0]  # (as _states reads it)
    if not gives(step, name):
        return None
    e_states = _state_change(step, name)
    if e_states is None:
        try:
            e_states = _states(step, energy)[1]
        except ValueError:
            return None
    if not abs(e - e_states) > COARSE_TOLERANCE * abs(e_states):
        return None
    return (f"the discharge's energy by the trapezoid over its {len(step.t)} returned points, {e:.6g} W.h, "
            f"differs by {(e - e_states) / e_states:+.1e} from the model's integrated state ({e_states:.6g} "
            f"W.h), past {COARSE_TOLERANCE:g}: the points are too few; ask for route=\"states\", or solve "
            "with a finer period (or t_interp)")


def _delivered(step, energies, route):
    """:func:`delivered`'s capacity, its energy on each basis of ``energies`` (a dict basis -> W.h) and, on the
    kernel route, the :class:`CoarseDischargeWarning`'s message of each basis whose state disagrees past
    :data:`COARSE_TOLERANCE` (a list). One pass of the kernel gives every basis (the cell's voltage and the
    cathode's against Li in the same pass)."""
    _refuse_series(step, "delivered")
    for energy in energies:
        _check_basis(energy)
    _check_route(route)
    why = vs_li_undefined(step.all_models[0]) if "vs Li" in energies else ""
    if why:
        raise ValueError(f'energy="vs Li" is undefined here: {why}')
    if route == "states":
        results = {energy: _states(step, energy) for energy in energies}
        return next(iter(results.values()))[0], {energy: r[1] for energy, r in results.items()}, []
    from .kernels import cycle_summaries

    # a model with an anode OCP needs it (a solve that did not return it is refused, not taken as Li metal)
    with_anode = "vs Li" in energies and ANODE_OCP in step.all_models[0].variables
    needed = ["Current [A]", "Voltage [V]"] + ([ANODE_OCP] if with_anode else [])
    try:
        i, v, *anode = (np.asarray(step[n].entries, dtype=float) for n in needed)
    except KeyError as exc:  # a solve of the solver's output_variables without them
        raise ValueError(f'route="kernel" integrates the returned points of {needed}: the solution has not them '
                         f'all ({exc}); ask the solver for them, or use route="states"') from exc
    v_li = voltage_vs_li(v, anode[0]) if anode else v
    res = cycle_summaries(np.asarray(step.t, dtype=float), i, v, voltage_vs_li=None if v_li is v else v_li)
    q = float(np.sum(res["Discharge capacity [A.h]"]))
    keys = {"vs Li": DISCHARGE_ENERGY_VS_LI if v_li is not v else "Discharge energy [W.h]",
            "cell": "Discharge energy [W.h]"}
    out = {energy: float(np.sum(res[keys[energy]])) for energy in energies}
    if not (i >= 0).all():  # (a charge, or a current of both signs: the kernel's discharge intervals only, the
        return q, out, []   # states the net: not the same quantity, so nothing to compare)
    notes = (_coarse_note(step, energy, e) for energy, e in out.items())
    return q, out, [note for note in notes if note]


def discharge_steps(solution, arrays=True, energy="vs Li", route=DEFAULT_ROUTE):
    """Every discharge step of a PyBaMM solution, in order.

    Returns a list of ``(capacity_Ah, energy_Wh, capacity_Ah_array, voltage_V_array)``, one per step that passed
    charge in the discharge direction (:func:`discharge_capacity` increases over the step: "Discharge capacity
    [A.h]", or on a model without it, PyBaMM's Thevenin, the integral of its current); the arrays start at
    0 Ah at the start of the step (None with ``arrays=False``, which reads fewer variables). The capacity and
    energy are :func:`delivered`'s on its ``energy`` basis ("vs Li", the default: the cathode's against Li, the
    paper's electrode-level basis; "cell": the cell's own, the basis of the cell-level figures) by its ``route``
    ("kernel", the default: the trapezoid over the returned points, as :func:`pybamm_aea.cycling.cycle_summary`;
    "states": the model's integrated states).

    Only the cycles kept in memory have steps: with ``save_at_cycles`` the others' discharges are missing (a
    :class:`CyclesNotKeptWarning` says so), so a retention from this list is not relative to the 2nd discharge;
    :func:`pybamm_aea.cycling.cycle_summary` reads the missing cycles from PyBaMM's stored states.
    """
    _refuse_series(solution, "discharge_steps")
    _check_basis(energy)
    _check_route(route)
    missing = [i + 1 for i, cycle in enumerate(getattr(solution, "cycles", None) or []) if cycle is None]
    if missing:
        warnings.warn(f"cycles {number_runs(missing)} were not kept (save_at_cycles): their discharges are not listed; "
                      "pybamm_aea.cycling.cycle_summary reads them from PyBaMM's stored states",
                      CyclesNotKeptWarning, stacklevel=2)
    out, coarse = [], []
    for step, Q in iter_discharges(solution):
        q, energies, notes = _delivered(step, (energy,), route)
        e = energies[energy]
        coarse += notes
        V = np.ascontiguousarray(step["Voltage [V]"].entries, dtype=float) if arrays else None
        out.append((q, e, Q - Q[0] if arrays else None, V))
    if coarse:  # once per call (long cycling has many steps)
        more = f"{len(coarse)} of the {len(out)} discharges are so coarse; the first: " if len(coarse) > 1 else ""
        warnings.warn(more + coarse[0], CoarseDischargeWarning, stacklevel=2)
    return out


def iter_discharges(solution):
    """(step solution, its :func:`discharge_capacity` [A.h]) of each step of a PyBaMM solution that passed charge
    in the discharge direction, in order: the steps :func:`discharge_steps` lists (rests and charges pass none)."""
    for _, _, step in iter_steps(solution):
        Q = discharge_capacity(step)
        dq = Q[-1] - Q[0] if Q.size > 1 else 0.0
        if dq > 1e-9 * max(1e-12, float(np.max(np.abs(Q)))):  # (1e-9 of the step's own scale: solver noise)
            yield step, Q


def discharge_capacity(step):
    """A step's running discharge capacity [A.h] (the integral of I dt, discharge > 0): its model's "Discharge
    capacity [A.h]" entries (from the solution's start); where the model has none (PyBaMM's equivalent circuit,
    Thevenin: :func:`discharge_steps` ended in PyBaMM's bare KeyError "'Discharge capacity [A.h]' not found" until
    session 58) or the solve did not return it (the solver's ``output_variables``), the trapezoid of "Current [A]"
    over "Time [s]" from 0 at the step's start, as :func:`delivered`'s kernel route integrates it. A ValueError
    naming the model and both variables where the step gives neither."""
    if gives(step, "Discharge capacity [A.h]"):
        return np.ascontiguousarray(step["Discharge capacity [A.h]"].entries, dtype=float)
    if not gives(step, "Current [A]"):
        raise ValueError(f"the {type(step.all_models[0]).__name__} solution gives neither \"Discharge capacity "
                         "[A.h]\" nor \"Current [A]\" (its model has not them, or the solve did not return them: the "
                         "solver's output_variables), so its discharge capacity is unknown; ask the solver for one")
    t, i = step_times(step), np.asarray(step["Current [A]"].entries, dtype=float)
    return np.concatenate([[0.0], np.cumsum(np.diff(t) * (i[1:] + i[:-1]) / 2)]) / 3600.0


class RetentionUndefinedWarning(UserWarning):
    """Capacity retention asked of a run without a discharge after the reference one."""


class CoarseDischargeWarning(UserWarning):
    """A discharge's energy by the trapezoid over its returned points far from the model's integrated state: the
    solve returned too few points (:data:`COARSE_TOLERANCE`)."""


class CyclesNotKeptWarning(UserWarning):
    """Steps asked of a solution whose cycles were not all kept in memory (``save_at_cycles``)."""


def number_runs(numbers):
    """'2, 4-6' for [2, 4, 5, 6]."""
    runs, start = [], numbers[0]
    for a, b in zip(numbers, numbers[1:] + [None]):
        if b != a + 1:
            runs.append(f"{start}" if start == a else f"{start}-{a}")
            start = b
    return ", ".join(runs)


def check_reference(reference, n, name="reference", what="discharge"):
    """``reference``, a 1-based ``what`` number (a discharge's, a cycle's) of ``n`` (None: no upper bound), as an
    int; TypeError unless an integer, ValueError naming ``name`` and the value outside 1..n (0 and -1 were
    Python's indexing: the first and the last)."""
    if not whole_at_least(reference, -math.inf):  # (the range is checked below, as a ValueError)
        raise TypeError(f"{name} must be an integer {what} number (1-based), got {reference!r}")
    ref = int(reference)
    if ref >= 1 and (n is None or ref <= n):
        return ref
    where = (f"{what} numbers start at 1" if n is None else f"{n} {what}{'' if n == 1 else 's'}, numbered 1 to {n}"
             if n else f"no {what}")
    raise ValueError(f"{name}={ref} is out of range: {where}")


def retention_curve(capacities, reference=2, name="reference"):
    """Every discharge capacity over the ``reference``-th one (1-based; default 2, the paper's "compared with the
    2nd cycle", which leaves out the formation discharge of a cell assembled charged), as fractions.

    ValueError naming ``name`` (the argument's name) for a reference outside the discharges or one that
    delivered no charge (a zero capacity gave inf)."""
    capacities = np.asarray(capacities, dtype=float)
    ref = check_reference(reference, capacities.size, name)
    q_ref = capacities[ref - 1]
    if not is_finite_positive(q_ref):
        raise ValueError(f"{name}={ref} has discharge capacity {float(q_ref)!r} A.h: capacity retention needs a "
                         "reference with a positive, known discharge capacity")
    return capacities / q_ref


def capacity_retention(capacities, reference=2):
    """The last discharge capacity over the ``reference``-th one (:func:`retention_curve`'s last value), a
    fraction: the tables' "Capacity retention [%]" is 100 times it.

    Undefined (NaN, with a :class:`RetentionUndefinedWarning` saying why) unless a discharge follows the
    reference one: with a formation discharge and one cycle the last discharge *is* the reference, and its
    ratio to itself (100 %) says nothing.
    """
    n = len(capacities)
    check_reference(reference, None)
    if n <= reference:
        warnings.warn(f"capacity retention is undefined: {n} discharge{'' if n == 1 else 's'}, and it needs one "
                      f"after discharge {reference} (the reference)", RetentionUndefinedWarning, stacklevel=2)
        return math.nan
    return float(retention_curve(capacities, reference)[-1])


def electrode_figures(capacity_Ah, energy_Wh, mass_g, volume_L):
    """ESC [mA.h.g-1], Wh/kg and Wh/L of a discharge over a whole electrode of ``mass_g`` g and ``volume_L`` L
    (each finite and > 0, else a ValueError naming it: 0 gave inf, a negative mass a negative ESC)."""
    mass_g, volume_L = finite_positive("mass_g", mass_g), finite_positive("volume_L", volume_L)
    return {ESC: capacity_Ah * 1e3 / mass_g, GRAVIMETRIC: energy_Wh * 1e3 / mass_g, VOLUMETRIC: energy_Wh / volume_L}


def electrode_mass_volume(solution, basis="charged"):
    """(mass [g], volume [L]) of the AEA cathode electrode, from the model's variables.

    ``basis="charged"`` (default): as made (:data:`MASS`, :data:`VOLUME`), the paper's charged basis.
    ``"end of discharge"``: the electrode's actual mass and volume at the end of ``solution`` (pass the
    discharge step: :data:`MASS_NOW` with the Li it took up, :data:`VOLUME_NOW` with its swelling), what the
    model computes; not the paper's discharged basis (every host fully lithiated, at the charged porosity:
    :meth:`pybamm_aea.energy.Electrode.lithiated`, ``cycle_summary``'s "(discharged basis)" columns).
    A ValueError naming the model and the variables where the solution gives them not: PyBaMM's own models (SPM,
    Thevenin) have no electrode mass (until session 59 PyBaMM's bare KeyError "'Cathode electrode mass [g]' not
    found"), nor does an AEA solve whose solver's ``output_variables`` left them out.
    """
    names = {"charged": (MASS, VOLUME), "end of discharge": (MASS_NOW, VOLUME_NOW)}.get(basis)
    if names is None:
        raise ValueError(f"basis must be 'charged' or 'end of discharge' (the paper's discharged basis, full "
                         f"lithiation, is pybamm_aea.energy.Electrode.lithiated), got {basis!r}")
    missing = [name for name in names if not gives(solution, name)]
    if missing:
        model = type(solution.all_models[0]).__name__
        lacks = (f"gives neither {missing[0]!r} nor {missing[1]!r}" if len(missing) == 2
                 else f"does not give {missing[0]!r}")
        raise ValueError(f"electrode_mass_volume reads an AEA cathode's variables {names[0]!r} and {names[1]!r}; the "
                         f"{model} solution {lacks} (PyBaMM's own models have no "
                         "electrode mass: give the mass yourself, e.g. step_table's or cycle_summary's mass_g=; an AEA "
                         "solve may have left them out of the solver's output_variables)")
    at = 0 if basis == "charged" else -1
    return tuple(float(solution[name].entries[at]) for name in names)


#: the relative difference from the solution's electrode mass below which a given mass is the same (rounded); also the
#: margin of :func:`mass_slip_range`'s low for a mass so rounded
MASS_SAME_RTOL = 0.01

#: the most a mass in g of the electrode is over the solution's electrode mass (:func:`mass_slip_range`'s high): an
#: electrode measured up to 2.5x the simulated one at the shipped sets' heaviest discharged basis (the electrode fully
#: lithiated, :meth:`pybamm_aea.energy.Electrode.lithiated`, cycle_summary's "(discharged basis)" columns; the test of
#: :func:`mass_slip_range` computes it and holds this at or above 2.5 times it, 1 % wider). Session 61's band's upper
#: end, kept by the R49 review: a given mass read in mg up to 1000 times this is refused, though none in g is
MASS_SLIP_READING_HIGH = 3.0
#: how much heavier than the shipped sets' heaviest discharged basis a measured electrode given in g may be (the
#: reason of :data:`MASS_SLIP_READING_HIGH`, said in :func:`mass_slip_range`'s refusal with that basis computed)
MASS_MEASURED_OVER_BASIS = 2.5


@functools.cache
def mass_slip_range():
    """The :class:`~pybamm_aea.ranges.Range` of a given mass over the solution's electrode mass that is a mass in g
    of that electrode, with its unit slips (mg and ug above it, kg below it): :func:`given_mass` refuses a ratio
    outside it whose reading in one of them is inside it (:meth:`Range.slip_readings
    <pybamm_aea.ranges.Range.slip_readings>`, the rule of every range's unit slip), "did you give mg?".

    Its low is the least active part of the shipped sets' electrodes (:data:`pybamm_aea.parameters.SET_FACTS`,
    their fractions :func:`pybamm_aea.parameters.composition`, of :mod:`pybamm_aea.energy.paper`'s compositions),
    less :data:`MASS_SAME_RTOL` for a mass typed rounded: the smallest active material's mass fraction (the sulfur of
    S-LMS): normalising by one material only (per g of sulfur) is a user's legitimate choice, and that sulfur typed in
    mg is refused. Its high is :data:`MASS_SLIP_READING_HIGH`. A mass typed in mg is so refused from 1000 times the
    low to 1000 times the high of the electrode's mass (the figures: ``mass_slip_range().low``, ``.high``; the error
    states them), in ug a million times that, in kg a thousandth. A ratio within the range (the active mass only in
    g; a measured electrode heavier than the simulated one) and one outside every reading (30, a mass of the cell in
    g, or 4e3) are no slip: used and warned. A user's
    own hybrid with less of one material than the low is judged by this band too, not by its own (the solution does
    not carry its make-up): that material's mass in mg is warned, not refused. Built once (it reads the hybrid sets'
    values)."""
    from .energy import get_material
    from .parameters import SET_FACTS, composition
    from .ranges import Range

    least = min((w, f"{material} of {name}") for name in SET_FACTS for material, w in composition(name).items())
    basis = max((math.fsum(w * get_material(m).lithiation_mass_ratio for m, w in composition(name).items()), name)
                for name in SET_FACTS)
    return Range(least[0] * (1 - MASS_SAME_RTOL), MASS_SLIP_READING_HIGH,
                 slip=("g", "mg", 1e3), more_slips=(("g", "ug", 1e6),), low_slip=("g", "kg", 1e-3),
                 why=f"measured {MASS_MEASURED_OVER_BASIS:g}x {basis[1]}'s discharged basis {basis[0]:.3g}",
                 low_why=f"{least[1]}, {least[0]:g}, less {MASS_SAME_RTOL:.0%}")


def given_mass(mass_g, solution_mass_g, caller, stacklevel=2):
    """A user's ``mass_g`` [g] for ``caller``'s per-mass columns (``step_table``, ``cycle_summary``) checked against
    the solution's own electrode mass ``solution_mass_g`` [g] (:data:`MASS`; NaN or None: the solution has none).
    ValueError where it is not finite and > 0, and where the ratio of the two read in mg, ug or kg is a mass of the
    electrode in g (:func:`mass_slip_range`: 1.1775 given for the 1.1775 mg electrode gave 0.128 instead of 128.2
    mA.h/g, session 61; the sulfur of S-LMS in mg, 325 times the electrode's, session 62), naming both masses, the
    one reading that fits (:func:`pybamm_aea.ranges.slip_question`: "did you give mg?") and the way out. Any other
    difference beyond :data:`MASS_SAME_RTOL` is a UserWarning saying the given mass is used: the project's ESC is per
    gram of the whole electrode as made (the paper's Table S9; an AEA electrode has no carbon, binder or electrolyte,
    all of it is active), but a user may normalise by another mass on purpose (the sulfur only of S-LMS in g, 0.325
    of it; a measured mass); ``stacklevel`` the warning's, counted from the caller. Returns the mass as a float."""
    from .ranges import slip_question, slip_reading

    mass = finite_positive("mass_g", mass_g)
    if solution_mass_g is None or not is_finite_positive(solution_mass_g):
        return mass
    ratio = mass / solution_mass_g
    band = mass_slip_range()
    fit = band.slip_readings(mass, ratio)
    if fit:  # (one reading at most: the band is narrower than the 1000x between two units)
        raise ValueError(f"{caller}'s mass_g = {mass:.6g} g is {ratio:.4g} times the solution's {MASS!r} "
                         f"{solution_mass_g:.6g} g: {slip_question(mass, *fit)}, {slip_reading(ratio, fit[0]):.4g} "
                         f"times it; in g it is {band.low:.4g} ({band.low_why}) to {band.high:g} "
                         f"({band.why}); give it in g, or leave mass_g out")
    if abs(ratio - 1.0) > MASS_SAME_RTOL:
        said = (f"{caller}'s mass_g = {mass:.6g} g and the solution's {MASS!r} = {solution_mass_g:.6g} g "
                f"(ratio {ratio:.4g})")
        example = "e.g. an active mass only" if ratio < 1 else "more than the electrode: a cell's mass?"
        warnings.warn(f"{said} differ: the per-mass columns are per the given {mass:.6g} g ({example}), not per the "
                      "whole electrode as the project's ESC is; leave mass_g out for that",
                      UserWarning, stacklevel=stacklevel + 1)
    return mass


def space_average(variable):
    """A processed variable's values vs time, averaged over its one space dimension with the mesh's weights (the
    finite-volume cell widths for cell values, the trapezoid rule for edge values; the AEA cathode's mesh is
    clustered toward the separator, so a plain mean of the cells leans there: a formed LMS cell's Li content
    0.708 against its average 0.848). ValueError for a variable of two space dimensions."""
    e = variable.entries
    if e.ndim == 1:
        return e
    if e.ndim > 2:
        raise ValueError(f"a variable of {e.ndim - 1} space dimensions has no one electrode average: give its "
                         "averaged variable")
    from .pybamm_adapter.model_internals import cell_widths, mesh_edges  # (a solution's: PyBaMM is loaded)

    if e.shape[0] == len(cell_widths(variable)):
        weights = cell_widths(variable)
    else:  # on the edges
        widths = np.diff(mesh_edges(variable))
        weights = np.concatenate([[0.0], widths]) / 2 + np.concatenate([widths, [0.0]]) / 2
    return weights @ e / weights.sum()


#: :func:`time_series`'s default columns, what a run's export is read for: time, voltage, current, the capacity
#: passed (and per gram of the electrode), the cathode's average Li content (Li per host formula unit: x of
#: LixMo6S8); the last two the AEA model's only
TIME_SERIES_COLUMNS = ("Time [s]", "Time [h]", "Voltage [V]", "Current [A]", "Discharge capacity [A.h]", ESC,
                       "Average cathode Li content")


def time_series(solution, columns=None):
    """DataFrame of the solution's steps: "Cycle", "Step" and each of ``columns`` (distributed variables averaged
    over space, :func:`space_average`); KeyError naming the columns the model has not, with close names (a column
    is never dropped silently: a caller with optional columns filters them first). Default:
    :data:`TIME_SERIES_COLUMNS` (time in s and h, voltage, current, discharge capacity, electrode specific capacity,
    average cathode Li content), those of them the solution's model has (PyBaMM's own models: the first five)."""
    import pandas as pd

    from .user_input import close_names

    _refuse_series(solution, "time_series")
    variables = solution.all_models[0].variables
    if columns is None:
        columns = [c for c in TIME_SERIES_COLUMNS if c in variables]
    missing = [c for c in columns if c not in variables]
    if missing:
        close = {c: close_names(c, variables.keys()) for c in missing}
        hints = "; ".join(f"{c!r}: did you mean {m}?" for c, m in close.items() if m)
        raise KeyError(f"the model has no variable {', '.join(map(repr, missing))}" + (f" ({hints})" if hints else ""))
    steps = list(iter_steps(solution))
    data = {
        "Cycle": np.concatenate([[c] * step["Time [s]"].entries.size for c, _, step in steps]).astype(int),
        "Step": np.concatenate([[s] * step["Time [s]"].entries.size for _, s, step in steps]).astype(int),
    }
    for c in columns:
        data[c] = np.concatenate([space_average(step[c]) for *_, step in steps])
    return pd.DataFrame(data)


def step_descriptions(experiment):
    """The step strings of a ``pybamm.Experiment``, one list per cycle (the ``descriptions`` of :func:`step_table`)."""
    return [[str(step) for step in cycle] for cycle in experiment.cycles]


#: solution -> the step strings of the experiment that made it, one list per cycle (:func:`record_descriptions`)
_SOLVED_DESCRIPTIONS = weakref.WeakKeyDictionary()


def record_descriptions(solution, experiment, starting=None):
    """Keep the step strings of ``experiment`` (:func:`step_descriptions`) for ``solution``, the solution an AEA
    simulation's solve of it returned (:mod:`pybamm_aea.pybamm_adapter.experiment_errors` calls this), so that
    :func:`step_table` and :func:`~pybamm_aea.cycling.cycle_summary` name its steps without being given them (trial
    WT, session 63: the description column was blank). A solve from a ``starting`` solution begins with its cycles:
    kept only if that solution's are known. The solution itself holds no step text (PyBaMM keys its step models by
    the step's value, "CRate(0.1)")."""
    head = [] if starting is None else solved_descriptions(starting)
    if head is None:
        return
    try:
        _SOLVED_DESCRIPTIONS[solution] = head + step_descriptions(experiment)
    except TypeError:  # (not weak-referenceable)
        pass


def solved_descriptions(solution):
    """The step strings of the experiment ``solution`` was solved with (:func:`record_descriptions`), one list per
    cycle, or None (a solution of PyBaMM's models, a copy, a plain solve)."""
    try:
        found = _SOLVED_DESCRIPTIONS.get(solution)
    except TypeError:
        return None
    return None if found is None else [list(cycle) for cycle in found]


#: the current's sign of a step by the first word of its description (PyBaMM's: discharge > 0)
_STEP_SIGNS = {"discharge": 1, "charge": -1, "rest": 0}
_HOLD = re.compile(r"^hold at ([-+0-9.eE]+) ?v\b", re.IGNORECASE)
SKIPPED = "skipped (already at its cut-off)"


def _step_fits(text, current, voltage):
    """Whether a solved step (its current [A] and voltage [V] arrays, or a cycle's first state) can be the step
    described by ``text``: a discharge, charge or rest passing current that way, a hold at its voltage; any
    other step (power, drive cycle) either way."""
    sign = _STEP_SIGNS.get(str(text).strip().split(" ")[0].lower())
    if sign is not None:
        peak = float(np.max(np.abs(current))) if current.size else 0.0
        return int(np.sign(np.mean(current))) * (peak > 1e-12) == sign
    hold = _HOLD.match(str(text).strip())
    if hold and voltage.size:
        return abs(float(voltage[-1]) - float(hold.group(1))) < 1e-3
    return True


def _cycle_fits(texts, cycle, first_state, last):
    """Whether a solution's cycle can be the experiment cycle of these step descriptions. A kept cycle: as many
    steps (fewer for the solution's last cycle, where an experiment that stopped early ends), each solved step
    fitting its description (:func:`_step_fits`); a cycle not kept (``save_at_cycles``): its first state fits
    the first step."""
    if cycle is None:
        if first_state is None:
            return True
        return _step_fits(texts[0], first_state["Current [A]"].entries, first_state["Voltage [V]"].entries)
    steps = cycle.steps
    if len(steps) > len(texts) or (len(steps) < len(texts) and not last):
        return False
    return all(is_skipped(step) or _step_fits(text, step["Current [A]"].entries, step["Voltage [V]"].entries)
               for text, step in zip(texts, steps))


def _experiment_cycles(solution, descriptions):
    """(experiment cycle number, its solved cycle or None, "solved" | "not kept" | "skipped") for the experiment
    cycles up to the solution's last. PyBaMM drops a cycle whose every step it skipped and keeps no trace of
    it, so each of the solution's cycles goes to the next experiment cycle it fits (:func:`_cycle_fits`) and
    those passed over were skipped. Experiment cycles after the solution's last have no entry (skipped, or not
    run after the experiment stopped: the solution does not say)."""
    from .pybamm_adapter.model_internals import cycle_first_states  # (a solution's: PyBaMM is loaded)

    firsts = cycle_first_states(solution)
    if len(firsts) != len(solution.cycles):
        firsts = [None] * len(solution.cycles)
    out, j, last = [], 0, len(solution.cycles) - 1
    for i, cycle in enumerate(solution.cycles):
        while j < len(descriptions) and not _cycle_fits(descriptions[j], cycle, firsts[i], i == last):
            out.append((j + 1, None, "skipped"))
            j += 1
        if j == len(descriptions):
            raise ValueError(f"the solution's cycles do not follow the {len(descriptions)} cycles of the "
                             "descriptions: not this solution's experiment")
        out.append((j + 1, cycle, "not kept" if cycle is None else "solved"))
        j += 1
    return out


def experiment_cycle_numbers(solution, descriptions):
    """The experiment cycle number (1-based) of each of the solution's cycles, for ``descriptions`` (one list of step
    strings per experiment cycle, :func:`step_descriptions`), matched as :func:`step_table` matches them (PyBaMM drops
    a cycle whose every step it skipped: :func:`_experiment_cycles`; a ValueError when the solution's cycles do not
    follow them). A match checks each step's count, current direction and held voltage, not its rate or cut-off:
    another experiment of the same shape (0.5C where 1C ran) is not told apart. A time series (dict, DataFrame) is a
    TypeError (:func:`_refuse_series`)."""
    _refuse_series(solution, "experiment_cycle_numbers")
    return [number for number, _, status in _experiment_cycles(solution, descriptions) if status != "skipped"]


def gives(solution, name):
    """Whether a PyBaMM ``solution`` gives the variable ``name``: one of its model's variables, and, for a solve that
    returned only the solver's ``output_variables`` (PyBaMM's ``variables_returned``), one PyBaMM can read from it
    (a variable of the states not asked for raises PyBaMM's KeyError)."""
    if name not in solution.all_models[0].variables:
        return False
    if not getattr(solution, "variables_returned", False):
        return True
    try:
        solution[name]
    except KeyError:
        return False
    return True


#: the variable :func:`step_times` reads
TIME = "Time [s]"


def step_times(step):
    """A step solution's "Time [s]" entries [s] (a new array). Where every model of ``step`` defines that variable as
    ``pybamm.t`` and the solve kept its states (not PyBaMM's ``variables_returned``), they are the solution's own
    times, which PyBaMM observes its variables at (``ProcessedVariable.t_pts``): the same numbers, read without making
    a processed variable of the time (0.21 ms of CPU a step; the post-solve judgements of a 100-cycle run read it
    for each of its 400 steps, session 61). Else the variable as PyBaMM gives it: its KeyError where the model has
    none or the solve did not return it, as a caller that reads it expects."""
    import pybamm  # (a solution's: PyBaMM is loaded)

    models = getattr(step, "all_models", None)
    if models and not getattr(step, "variables_returned", True) and \
            all(isinstance(model.variables.get(TIME), pybamm.Time) for model in models):
        return np.array(step.t, dtype=float)
    return np.asarray(step[TIME].entries, dtype=float)


#: the option under which PyBaMM's own models integrate "Discharge energy [W.h]" (:func:`integrates_energy`), given to
#: them wherever the library builds one (the CLI's --model, the conventional and composite cells)
ENERGY_OPTIONS = {"calculate discharge energy": "true"}


def _model_integrates_energy(model):
    """:func:`integrates_energy` of a model, whatever its solve returned."""
    options = getattr(model, "options", None) or {}
    return "Discharge energy [W.h]" in model.variables and options.get("calculate discharge energy", "true") == "true"


def integrates_energy(solution):
    """Whether a PyBaMM ``solution``'s model integrates "Discharge energy [W.h]" and "Throughput energy [W.h]" as
    states: the AEA model does; PyBaMM's own models only with their option ``"calculate discharge energy": "true"``
    (without it both are the constant 0)."""
    options = getattr(solution.all_models[0], "options", None) or {}
    return gives(solution, "Discharge energy [W.h]") and options.get("calculate discharge energy", "true") == "true"


def step_table(solution, descriptions=None, mass_g=None):
    """One row per experiment step: cycle, step, description, duration [h], capacity [mA.h] (the signed change of
    :func:`discharge_capacity`), energy [mW.h] (NaN if the model does not compute "Discharge energy [W.h]", as
    PyBaMM's Thevenin, whose capacity is its current's integral), end voltage [V], termination, and capacity
    [mA.h.g-1] when ``mass_g`` [g] is given (finite and > 0, else a ValueError naming it: 0 dropped the column
    silently). Skipped steps are rows with termination "skipped (already at its
    cut-off)", also those of a cycle PyBaMM dropped because it skipped all of them (with ``descriptions``, one
    list of step strings per experiment cycle, :func:`step_descriptions`: each solved cycle is matched to its
    own; without them, those of the experiment the solution was solved with, :func:`solved_descriptions`, an AEA
    model's). Cycles not kept (``save_at_cycles``) have no rows. A solution without experiment is one step."""
    import pandas as pd
    import pybamm

    _refuse_series(solution, "step_table")
    if mass_g is not None:
        mass_g = finite_positive("mass_g", mass_g)
    if isinstance(solution, pybamm.EmptySolution):
        raise ValueError("the solution is empty: no step of the experiment could run (each was already at its "
                         "cut-off)")
    if mass_g is not None:
        known = float(solution[MASS].entries[0]) if gives(solution, MASS) else None
        mass_g = given_mass(mass_g, known, "step_table")
    has_energy = integrates_energy(solution)
    if descriptions is None:
        descriptions = solved_descriptions(solution)
    if descriptions and solution.cycles and len(solution.cycles) != len(descriptions):
        # a cycle dropped or not run: match the solved cycles to the experiment's
        listed = []
        for cycle, solved, status in _experiment_cycles(solution, descriptions):
            if status == "skipped":
                listed += [(cycle, k + 1, None) for k in range(len(descriptions[cycle - 1]))]
            elif status == "solved":
                listed += [(cycle, k + 1, step) for k, step in enumerate(solved.steps)]
    else:  # one cycle each, in order (the steps' currents and voltages are not read to match them)
        listed = list(iter_steps(solution, include_skipped=True))
    rows = []
    for cycle, number, step in listed:
        try:
            description = descriptions[cycle - 1][number - 1] if descriptions else ""
        except IndexError:
            description = ""
        row = {"cycle": cycle, "step": number, "description": description}
        if is_skipped(step):
            rows.append({**row, "termination": SKIPPED})
            continue
        Q, t = discharge_capacity(step), step["Time [s]"].entries
        E = step["Discharge energy [W.h]"].entries if has_energy else [math.nan, math.nan]
        row.update({"duration [h]": (t[-1] - t[0]) / 3600, "capacity [mA.h]": (Q[-1] - Q[0]) * 1e3,
                    "energy [mW.h]": (E[-1] - E[0]) * 1e3, "end voltage [V]": step["Voltage [V]"].entries[-1],
                    "termination": step.termination})
        if mass_g:
            row["capacity [mA.h.g-1]"] = row["capacity [mA.h]"] / mass_g
        rows.append(row)
    return pd.DataFrame(rows)
