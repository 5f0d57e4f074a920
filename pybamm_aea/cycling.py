"""Per-cycle summaries of cycling solutions: capacity, ESC, efficiencies, energy density, retention,
resistance, lost Li and lost active material (issue 6, "Per-cycle summaries").

- :func:`cycle_summary` - one row per cycle (a :class:`pandas.DataFrame` indexed by "Cycle number",
  starting at 1), built on the compiled :func:`pybamm_aea.kernels.cycle_summaries` kernel over the
  solution's time series, with PyBaMM's per-cycle first/last states for the cycles whose time series
  was not kept (``sim.solve(save_at_cycles=...)``).
- :func:`pybamm_summary` - PyBaMM's own summary variables (``solution.summary_variables``) as a
  DataFrame with the same index, when the solution has them.
- :func:`plot_cycle_life` - capacity retention and energy density vs cycle for several cells on one
  figure (two panels).

Units are in the column names, PyBaMM style (``[A.h]``, ``[W.h.kg-1]``, ...). Sign convention as in
PyBaMM: discharge current > 0.

Where each number comes from
----------------------------
*Cycles.* With a ``pybamm.Experiment`` solution, a row is an experiment cycle (``solution.cycles[k]``,
``solution.all_summary_variables[k]``). The solution's whole time series (``"Time [s]"``,
``"Current [A]"``, ``"Voltage [V]"`` entries) is cut at the experiment's cycle boundaries and each
cycle's piece goes through the compiled kernel (capacities and energies of every discharge and charge
interval, trapezoidal rule; rests carry no charge); a cycle that the kernel splits further (e.g. a
cycle of several discharge/charge pulses) is summed back into its experiment cycle. Without an
experiment (``solution.cycles`` empty) the kernel's own cycles are the rows: a cycle opens at the first
discharge after a charge (``cycle_start="auto"``: with the phase of the first non-rest current).

*Cycles whose time series was not kept* (``save_at_cycles``; ``solution.cycles[k] is None``): PyBaMM
still keeps the first and last state of every cycle (``solution.all_summary_variables[k].first_state``
/ ``.last_state``). From them, with the integrated "Discharge capacity [A.h]" (= integral of I dt),
"Throughput capacity [A.h]" (integral of abs(I) dt), "Discharge energy [W.h]" (integral of I V dt) and
"Throughput energy [W.h]" (integral of abs(I V) dt):
discharge capacity = (dThroughput + dDischarge) / 2, charge capacity = (dThroughput - dDischarge) / 2,
and the same for the energies (exact when V > 0). Everything else follows, except the resistance when
the cycle does not open with its discharge step (then NaN; see below). The "Time series saved" column
says which rows came from the kernel.

*Accuracy.* Capacities agree between the two routes to round-off (constant-current steps). Energies
need not: PyBaMM integrates "Discharge energy [W.h]" and "Throughput energy [W.h]" as ODE states under
the solver's tolerance, and the kernel's trapezoid is as good as the returned points are dense: the two
differ by 0.03-0.1 % at the model's default tolerances (measured: docs/known_limits.rst, "Discharge energy
from the model's state"). Hence ``energy_source`` (see
:func:`cycle_summary`): by default a table with unsaved cycles takes every cycle's energy from the states,
so that its rows are consistent with each other; tighten the solver's tolerances when energies matter.
"""

from collections.abc import Mapping
import math
import warnings

import numpy as np
import pandas as pd

from ._summaries import summary_dict
from .constants import F
from .cycle_table import CYCLE_INTEGRALS, CycleTable
from .energy.electrode import NoDischargedState
from .ranges import check_loading_mg_cm2
from .readout import (ANODE_OCP, CELL_GRAVIMETRIC, CELL_VOLUMETRIC, DISCHARGE_ENERGY_VS_LI, ESC, GRAVIMETRIC, MASS,
                      MEAN_DISCHARGE_VOLTAGE, MEAN_DISCHARGE_VOLTAGE_VS_LI, NO_ENERGY, RETENTION, ROUTES,
                      THROUGHPUT_ENERGY_VS_LI, TOTAL_OVERPOTENTIAL, VOLUME, VOLUMETRIC, RetentionUndefinedWarning,
                      given_mass, number_runs,
                      check_reference, experiment_cycle_numbers, gives, integrates_energy, is_skipped, iter_steps,
                      retention_curve, solved_descriptions, step_descriptions, voltage_vs_li,
                      vs_li_undefined)
from .user_input import did_you_mean, finite_positive, is_finite_positive, real_number

__all__ = [
    "SUMMARY_COLUMNS",
    "CYCLE_INTEGRALS",
    "CycleTable",
    "LOST_LITHIUM_VARIABLES",
    "LOST_ACTIVE_MATERIAL_VARIABLES",
    "ANODE_OCP",
    "DISPERSED_LITHIATION",
    "LITHIATION_AFTER_CHARGE",
    "CYCLE_STEPS",
    "SERIES_VOLTAGES",
    "SERIES_VOLTAGE_UNSAID",
    "HALF_CELL_LITHIUM_LOSS",
    "STRANDED_LITHIATION_LIMIT",
    "StrandedDispersedMaterialWarning",
    "DISCHARGED_BASIS_COLUMNS",
    "cycle_summary",
    "pybamm_summary",
    "plot_cycle_life",
    "is_skipped",
    "iter_steps",
]

#: Model variables taken, in this order, as the cumulative lost Li inventory [mol]: the AEA model's, then
#: PyBaMM's lithium-ion models' Li lost to side reactions (SEI, plating). PyBaMM's "Total lithium lost [mol]"
#: is not used: in a half cell it counts the Li the counter electrode supplies.
LOST_LITHIUM_VARIABLES = ("Lost lithium inventory [mol]", "Total lithium lost to side reactions [mol]")
#: Model variables taken, in this order, as the lost active material [%]: the AEA model's, then PyBaMM's for
#: its positive electrode (the cathode of a half cell).
LOST_ACTIVE_MATERIAL_VARIABLES = (
    "Loss of active material [%]",
    "Loss of active material in positive electrode [%]",
)
_DISCHARGED = " (discharged basis) "
#: The model variable of the dispersed material's (a hybrid's sulfur, Li4Ti5O12) lithiated fraction, 0 charged to 1
#: discharged, averaged over the electrode; "Dispersed material capacity [A.h]" 0: the cathode has none
DISPERSED_LITHIATION = "Average dispersed material lithiation"
_DISPERSED_CAPACITY = "Dispersed material capacity [A.h]"
#: The column of :func:`cycle_summary` holding :data:`DISPERSED_LITHIATION` at the end of each cycle's last charge
LITHIATION_AFTER_CHARGE = "Dispersed material lithiation at end of charge"
#: A charge that leaves more of the dispersed material lithiated than this fraction of it (a tenth of its Li sites,
#: a tenth of its capacity the next discharge finds already spent) is warned about
#: (:class:`StrandedDispersedMaterialWarning`). Measured at 0.1C to 3 V, 20 cells (docs/known_limits.rst, "Hybrids
#: charged to 3 V: sulfur left lithiated"): the paper's S-LMS at 60 C 0.0000 and 25 C 0.0819 (0.080 on the as-made
#: layer, before session 47) are below it, 48.75 wt%
#: S8 at 60 C (0.271; 0.295 on the as-made layer, before session 47) and twice the paper's loading (0.320, as-made
#: layer) above
STRANDED_LITHIATION_LIMIT = 0.1

#: The column :func:`cycle_summary` adds with ``experiment=``: each cycle's steps as the experiment wrote them
CYCLE_STEPS = "Cycle steps"

#: The columns of :func:`cycle_summary`, in order (with ``experiment=``, :data:`CYCLE_STEPS` after them).
SUMMARY_COLUMNS = [
    "Cycle start time [s]",
    *CYCLE_INTEGRALS.values(),
    ESC,
    ESC.replace(" [", _DISCHARGED + "["),
    "Coulombic efficiency",
    "Energy efficiency",
    MEAN_DISCHARGE_VOLTAGE,
    MEAN_DISCHARGE_VOLTAGE_VS_LI,
    "Mean charge voltage [V]",
    GRAVIMETRIC,
    VOLUMETRIC,
    GRAVIMETRIC.replace(" [", _DISCHARGED + "["),
    VOLUMETRIC.replace(" [", _DISCHARGED + "["),
    CELL_GRAVIMETRIC,
    CELL_VOLUMETRIC,
    RETENTION,
    "Resistance [Ohm]",
    "Lost lithium [mol]",
    "Lost lithium in cycle [mol]",
    "Lost active material [%]",
    LITHIATION_AFTER_CHARGE,
    "Time series saved",
]

#: The columns of :func:`cycle_summary` on the discharged (lithiated) electrode's mass and volume: NaN without
#: ``electrode=`` (the make-up the lithiated mass and volume follow from; the solution does not hold it) or with an
#: electrode that has no discharged state (graphite), said in ``DataFrame.attrs["Undefined"]`` with the reason (no
#: warning: the README's first call, ``cycle_summary(solution)``, is the ordinary one; session 47)
DISCHARGED_BASIS_COLUMNS = tuple(c for c in SUMMARY_COLUMNS if _DISCHARGED in c)
#: why :data:`DISCHARGED_BASIS_COLUMNS` are NaN without ``electrode=``
_NO_ELECTRODE = ("the discharged basis needs the electrode's make-up, cycle_summary(..., electrode="
                 "pybamm_aea.energy.Electrode(...)): the lithiated electrode's mass and volume follow from its "
                 "materials, which the solution does not hold")

_ROLE_CATHODE = "cathode"


class StrandedDispersedMaterialWarning(UserWarning):
    """A cycle's charge ended with more than :data:`STRANDED_LITHIATION_LIMIT` of the dispersed material lithiated."""


# ---------------------------------------------------------------------------------------------------
# access to the solution
# ---------------------------------------------------------------------------------------------------

class _SeriesSolution:
    """A mapping of name -> 1-D array (or a DataFrame) dressed as a solution without cycles. Each numeric column read
    is a series of "Time [s]"'s length or one value (a constant, such as "Cathode electrode mass [g]"); another length
    is a ValueError naming the column and both lengths (a dict whose time had a point fewer than its current was
    summarised on the current cut to the time's length). A column the summary does not read is not checked (a
    temperature logged at another rate does not refuse the call)."""

    def __init__(self, data):
        self._data = {}
        for key in data.keys():
            arr = np.asarray(data[key])
            if arr.dtype.kind in "biuf":
                self._data[str(key)] = np.asarray(arr, dtype=float).reshape(-1)
        missing = [k for k in ("Time [s]", "Current [A]", "Voltage [V]") if k not in self._data]
        if missing:
            raise ValueError(f"the time series lacks {missing} (numeric columns needed: "
                             "\"Time [s]\", \"Current [A]\", \"Voltage [V]\")")
        for key in ("Current [A]", "Voltage [V]"):
            self.entries(key)
        self.cycles = []

    def has(self, name):
        return name in self._data

    def entries(self, name):
        arr, n = self._data[name], self._data["Time [s]"].size
        if arr.size != n and (arr.size != 1 or name in ("Current [A]", "Voltage [V]")):
            raise ValueError(f"the time series' columns differ in length: \"{name}\" has {arr.size} values and "
                             f"\"Time [s]\" {n} (each column is a value per time point, or one value for a "
                             "constant)")
        return arr


def _as_source(solution):
    if isinstance(solution, (Mapping, pd.DataFrame)):
        return _SeriesSolution(solution)
    return solution


def _model_variables(solution):
    try:
        return solution.all_models[0].variables
    except (AttributeError, IndexError, TypeError):
        return {}


def _has(solution, name):
    """Whether ``solution`` gives the variable ``name`` (:func:`pybamm_aea.readout.gives`: not one a solve of the
    solver's ``output_variables`` did not return; the optional columns then go by it as by a variable the model
    lacks)."""
    if isinstance(solution, _SeriesSolution):
        return solution.has(name)
    return gives(solution, name)


def _first_present(solution, names):
    return next((name for name in names if _has(solution, name)), None)


def _entries(solution, name):
    if isinstance(solution, _SeriesSolution):
        return solution.entries(name)
    return np.asarray(solution[name].entries, dtype=float).reshape(-1)


def _state_value(state, name):
    """Value of a scalar variable in a one-point Solution (a first or last state)."""
    return float(np.asarray(state[name].data, dtype=float).reshape(-1)[0])


#: what a time series' "Voltage [V]" is against (:func:`cycle_summary`'s ``series_voltage``): "vs Li", the cathode's
#: against Li (a Li-metal anode, a Li reference); "cell", a cell's against another anode (graphite, Li-In)
SERIES_VOLTAGES = ("vs Li", "cell")
#: why a time series without "Anode OCP [V]" is refused unless ``series_voltage`` says what its voltage is: until
#: session 58 it was read as the cathode's against Li, so a graphite | LiCoO2 cell's or a Li-In cell's (0.62 V below
#: the cathode's) was quoted as vs-Li electrode energy
SERIES_VOLTAGE_UNSAID = (
    'a time series has no model to say what its "Voltage [V]" is against: give cycle_summary(..., '
    'series_voltage="vs Li") where it is the cathode\'s against Li (a Li-metal anode, a Li reference electrode), '
    'series_voltage="cell" where it is a cell\'s against another anode (graphite, Li-In: the vs-Li columns are then '
    f'NaN, the cell\'s figures stand), or a column "{ANODE_OCP}" (the anode\'s OCP against Li, added to the voltage; '
    "pybamm-aea simulate writes it for an AEA cell, 0 on Li metal, and not for PyBaMM's models)")
#: why the vs-Li columns of a time series given as series_voltage="cell" (without "Anode OCP [V]") are NaN
SERIES_CELL_VOLTAGE = (
    f'series_voltage="cell": the time series\' "Voltage [V]" is a cell\'s against an anode it does not name (no '
    f'"{ANODE_OCP}" column), so the cathode\'s voltage against Li is unknown; the cell\'s figures stand ("Mean '
    'discharge voltage [V]", "Discharge energy [W.h]")')


def _series_vs_li(said, anode):
    """Why a time series' "Voltage [V]" gives no cathode voltage against Li, "" where it does: by its "Anode OCP
    [V]" column (``anode``, None without one: the voltage is the cell's, plus it the cathode's against Li) or else by
    what the user said of it (``said``, :data:`SERIES_VOLTAGES`; None: a ValueError, :data:`SERIES_VOLTAGE_UNSAID`)."""
    if said is not None:
        _check_choice("series_voltage", said, SERIES_VOLTAGES)
    if anode is not None:
        if said == "vs Li" and np.any(anode):
            raise ValueError(f'series_voltage="vs Li" says the series\' "Voltage [V]" is the cathode\'s against Li, '
                             f'but its "{ANODE_OCP}" column is not 0 (up to {float(np.max(np.abs(anode))):.4g} V): '
                             'the voltage is then the cell\'s against that anode; give series_voltage="cell" or none')
        return ""
    if said is None:
        raise ValueError(SERIES_VOLTAGE_UNSAID)
    return "" if said == "vs Li" else SERIES_CELL_VOLTAGE


def _check_choice(name, value, choices):
    if value not in choices:
        raise ValueError(f"{name} must be {', '.join(map(repr, choices[:-1]))} or {choices[-1]!r}, got {value!r}"
                         + did_you_mean(value, choices))


class _Series:
    """The solution's whole time series and the choices made from it: rest tolerance, resistance method,
    energy source, the variables behind lost Li and lost active material."""

    def __init__(self, solution, rest_tol, resistance, energy_source, series_voltage=None):
        self.solution = _as_source(solution)
        is_series = isinstance(self.solution, _SeriesSolution)
        if series_voltage is not None and not is_series:
            raise ValueError(f"series_voltage={series_voltage!r} is for a time series (a dict or DataFrame); a "
                             f"solution's model says what its voltage is against (readout.vs_li_undefined)")
        self.cycles = list(getattr(self.solution, "cycles", None) or [])
        from .pybamm_adapter.model_internals import cycle_summaries  # (a solution's: PyBaMM is loaded)

        sums = cycle_summaries(self.solution)
        self.sums = [] if self.cycles and sums and len(sums) != len(self.cycles) else sums  # else: not paired
        self.t, self.i, self.v = (_entries(self.solution, n) for n in ("Time [s]", "Current [A]", "Voltage [V]"))
        # the cathode's voltage against Li, the electrode columns' basis: + the anode's OCP (Li-In), if any; a model
        # with one needs it (a solve that did not return it raises PyBaMM's KeyError naming it, rather than the
        # cell's voltage taken for the cathode's); a series has no model: its column, or what the user said of it
        has_anode = _has(self.solution, ANODE_OCP) or ANODE_OCP in _model_variables(self.solution)
        anode = _entries(self.solution, ANODE_OCP) if has_anode else None
        self.v_li = voltage_vs_li(self.v, anode)
        # why there is no voltage against Li (a PyBaMM full cell: readout.vs_li_undefined), or ""
        models = getattr(self.solution, "all_models", None)
        self.vs_li_why = (_series_vs_li(series_voltage, anode) if is_series
                          else vs_li_undefined(models[0]) if models else "")
        if self.vs_li_why:
            self.v_li = np.full_like(self.v, np.nan)
        self.rest_tol = rest_tol
        self.tol = _rest_tolerance(self.i, rest_tol)
        self.r_method = resistance
        if resistance == "auto":
            self.r_method = "overpotential" if _has(self.solution, TOTAL_OVERPOTENTIAL) else "jump"
        elif resistance == "overpotential" and not _has(self.solution, TOTAL_OVERPOTENTIAL):
            raise ValueError(f'resistance="overpotential" needs a "{TOTAL_OVERPOTENTIAL}" variable')
        self.eta = _entries(self.solution, TOTAL_OVERPOTENTIAL) if self.r_method == "overpotential" else None
        self.e_source = energy_source
        # PyBaMM's own models integrate no energy without their option (both states the constant 0)
        self.energy_states = not isinstance(self.solution, _SeriesSolution) and integrates_energy(self.solution)
        if energy_source == "auto":
            self.e_source = ("states" if self.cycles and self.sums and None in self.cycles and self.energy_states
                             else "kernel")
        elif energy_source == "states" and not (self.cycles and self.sums):
            raise ValueError("energy_source='states' needs an experiment solution with PyBaMM's per-cycle states "
                             "(solution.all_summary_variables)")
        elif energy_source == "states" and not self.energy_states:
            raise ValueError(f"energy_source='states' needs a model that integrates the energy: {NO_ENERGY}")
        self.lli_var = _first_present(self.solution, LOST_LITHIUM_VARIABLES)
        self.lam_var = _first_present(self.solution, LOST_ACTIVE_MATERIAL_VARIABLES)
        self.balance_vars = []
        if self.lli_var is None and _has(self.solution, "Total lithium in cathode [mol]"):
            anode = ("Total lithium in anode [mol]" if _has(self.solution, "Total lithium in anode [mol]")
                     else "Discharge capacity [A.h]")
            self.balance_vars = ["Total lithium in cathode [mol]", anode]
        self.state_vars = [v for v in [self.lli_var, *self.balance_vars, self.lam_var] if v]
        self.series = {name: _entries(self.solution, name) for name in self.state_vars}
        # the dispersed material's lithiation where the cathode has some (the AEA model without one, LMS, has the
        # variable at a capacity of 0: not read, ~0.03 s a variable on a fresh 4-cycle LMS solution, 6050 points,
        # whose table takes 0.25 s; a time series or PyBaMM's models without it: NaN)
        self.z = None
        if _has(self.solution, DISPERSED_LITHIATION):
            cap = _entries(self.solution, _DISPERSED_CAPACITY) if _has(self.solution, _DISPERSED_CAPACITY) else None
            held = None if cap is None else _holds_dispersed(cap)
            if held is None or held.any():
                z = _entries(self.solution, DISPERSED_LITHIATION)
                self.z = z if held is None else np.where(held, z, np.nan)

    def scalar(self, name):
        """A constant model variable (e.g. the electrode mass), from the series or a stored state."""
        if not _has(self.solution, name):
            return math.nan
        try:
            vals = _entries(self.solution, name)
            if vals.size:
                return float(vals[0])
        except Exception:  # noqa: BLE001 - fall back to a stored state
            pass
        return _state_value(self.sums[0].first_state, name) if self.sums else math.nan

    def state(self, summary, which):
        """{state variable: value} at the first or last state of a cycle's PyBaMM summary (NaN without one)."""
        if summary is None:
            return {n: math.nan for n in self.state_vars}
        return {n: _state_value(getattr(summary, which + "_state"), n) for n in self.state_vars}

    def state_at(self, index):
        """{state variable: value} at a point of the series."""
        return {n: float(self.series[n][index]) for n in self.state_vars}

    def resistance(self, lo, hi, before):
        """DC resistance [Ohm] at the first discharge onset in [lo, hi) (see cycle_summary's Notes). ``before``:
        (voltage [V], current [A]) of the point just before ``lo``, or None when there is none (the series' own
        point ``lo - 1`` is not it after a cycle whose time series was not kept)."""
        k = _onset_index(self.i, lo, hi, self.tol)
        if k < 0:
            return math.nan
        if self.r_method == "overpotential":
            return float(self.eta[k] / self.i[k])
        if k > lo:
            before = self.v[k - 1], self.i[k - 1]
        return _jump(before, self.v[k], self.i[k], self.tol)

    def after_charge(self, lo, hi):
        """(:data:`DISPERSED_LITHIATION`, the cell's voltage [V], the cathode's against Li [V]) at the last point of
        [lo, hi) carrying a charge current (NaN without one, or without dispersed material): what the charge left
        lithiated and the voltage it ended at (the step's cut-off as the experiment wrote it, on the cell's basis)."""
        nz = np.flatnonzero(self.i[lo:hi] < -self.tol)
        if self.z is None or not nz.size:
            return math.nan, math.nan, math.nan
        k = lo + nz[-1]
        return float(self.z[k]), float(self.v[k]), float(self.v_li[k])

    def after_charge_state(self, summary):
        """:meth:`after_charge`'s three at the last state of a cycle whose time series was not kept, when that state
        is the end of a charge (its current a charge current); else NaN (the cycle's last charge is not there)."""
        nan = math.nan, math.nan, math.nan
        if summary is None or DISPERSED_LITHIATION not in _model_variables(summary.last_state):
            return nan
        last = summary.last_state
        if not _state_value(last, "Current [A]") < -self.tol:
            return nan
        if _DISPERSED_CAPACITY in _model_variables(last) and not _holds_dispersed(
                _state_value(last, _DISPERSED_CAPACITY)):
            return nan
        v = _state_value(last, "Voltage [V]")
        anode = _state_value(last, ANODE_OCP) if ANODE_OCP in _model_variables(last) else None
        return _state_value(last, DISPERSED_LITHIATION), v, float(voltage_vs_li(v, anode))

    def before(self, c):
        """(voltage [V], current [A]) of the point just before experiment cycle ``c`` (0-based): the previous
        cycle's last state, which PyBaMM keeps whether or not that cycle's time series was; None for the first
        cycle, or without PyBaMM's states."""
        if c == 0 or not self.sums or self.sums[c - 1] is None:
            return None
        last = self.sums[c - 1].last_state
        return _state_value(last, "Voltage [V]"), _state_value(last, "Current [A]")


def _holds_dispersed(capacity):
    """Whether the cathode holds dispersed material (a bool, or a bool array for an array): its "Dispersed material
    capacity [A.h]" ``capacity`` > 0; not at 0 (a single host, LMS, or every domain cut off) or NaN (unknown). The
    one statement of that fact, for the time series and for a cycle's last state alike."""
    return np.asarray(capacity, dtype=float) > 0


def _jump(before, v, i, tol):
    """R = (V_before - V) / (I - I_before) [Ohm] across a step into discharge; NaN without the point before
    (``before`` None) or without a current step up."""
    if before is None:
        return math.nan
    v_before, i_before = before
    return float((v_before - v) / (i - i_before)) if i - i_before > tol else math.nan


# ---------------------------------------------------------------------------------------------------
# per-cycle capacity and energy
# ---------------------------------------------------------------------------------------------------

def _summaries(s, lo, hi, cycle_start):
    """The kernel's cycles of the series' points [lo, hi), in one pass: with the cathode's voltage against Li
    too when it is not the cell's (Li-In), whose discharge energy is then "Discharge energy vs Li [W.h]"."""
    from .kernels import cycle_summaries

    v_li = None if s.v_li is s.v or s.vs_li_why else s.v_li[lo:hi]
    res = cycle_summaries(s.t[lo:hi], s.i[lo:hi], s.v[lo:hi], rest_tol=s.rest_tol, cycle_start=cycle_start,
                          voltage_vs_li=v_li)
    res.setdefault(DISCHARGE_ENERGY_VS_LI, res["Discharge energy [W.h]"] * (np.nan if s.vs_li_why else 1.0))
    return res


def _kernel_totals(s, lo, hi):
    """Discharge/charge capacity [A.h] and energy [W.h], and the discharge energy against Li [W.h], of the
    series' points [lo, hi), summed over their cycles."""
    if hi - lo < 2:
        return 0.0, 0.0, 0.0, 0.0, 0.0
    res = _summaries(s, lo, hi, "discharge")
    return tuple(
        float(np.sum(res[k])) for k in ("Discharge capacity [A.h]", "Charge capacity [A.h]",
                                         "Discharge energy [W.h]", "Charge energy [W.h]", DISCHARGE_ENERGY_VS_LI)
    )


def _auto_cycle_start(current, tol):
    nz = np.flatnonzero(np.abs(current) > tol)
    if nz.size and current[nz[0]] < 0:
        return "charge"
    return "discharge"


def _rest_tolerance(current, rest_tol):
    if rest_tol is not None:
        return real_number("rest_tol", rest_tol)  # (the kernel names a negative or non-finite one)
    peak = float(np.max(np.abs(current))) if current.size else 0.0
    return 1e-12 + 1e-9 * peak  # the kernel's default


def _onset_index(current, lo, hi, tol):
    """First index in [lo, hi) carrying a discharge current (> tol), or -1."""
    nz = np.flatnonzero(current[lo:hi] > tol)
    return lo + int(nz[0]) if nz.size else -1


#: the cycle the capacity retention is relative to by default: the first after a formation discharge (the paper
#: quotes the LMS retention vs the 2nd cycle)
DEFAULT_REFERENCE_CYCLE = 2


def _as_cycles(descriptions):
    """The experiment a flat list of steps meant, in the user's own steps, or "": ``descriptions`` (one list of step
    strings per cycle, :func:`~pybamm_aea.readout.solved_descriptions`) of one step each, more than one cycle: its
    steps as a tuple, one cycle, repeated as often as they repeat ("[('Discharge ...', 'Charge ...')] * 3"): the
    shortest period the steps follow, the last cycle partial where they end inside one (a run cut short: D, C, D, C,
    D is two cycles and one step of a third, not one cycle of five steps)."""
    if not descriptions or len(descriptions) < 2 or any(len(cycle) != 1 for cycle in descriptions):
        return ""
    steps = [cycle[0] for cycle in descriptions]
    period = next(p for p in range(1, len(steps) + 1) if all(step == steps[k % p] for k, step in enumerate(steps)))
    if period == 1:  # (one step repeated: each its own cycle is what it is)
        return ""
    times, ran = -(-len(steps) // period), len(steps) % period
    return (f"pybamm.Experiment([{tuple(steps[:period])!r}]" + (f" * {times})" if times > 1 else ")")
            + (f" (the last cycle partial: {ran} of its {period} steps)" if ran else ""))


def _default_reference_undefined(qd, experiment, descriptions=None):
    """Why the capacity retention vs :data:`DEFAULT_REFERENCE_CYCLE` is undefined for discharge capacities ``qd``
    [A.h] per cycle (``experiment``: the cycles are a ``pybamm.Experiment``'s), or "" when it is defined: the solution
    has one cycle, or cycle 2 delivered no discharge capacity (a rest or a charge: PyBaMM makes each step of a flat
    list its own cycle, so ``["Discharge ...", "Rest ...", "Charge ..."]``'s cycle 2 is the rest; cycle_summary
    raised "reference_cycle=2 has discharge capacity 0.0 A.h" for an argument never given, losing the table).
    ``descriptions``: the experiment's steps per cycle, in which a flat list's fix is written (:func:`_as_cycles`)."""
    ref = DEFAULT_REFERENCE_CYCLE
    if len(qd) < ref:
        return (f"capacity retention is undefined: the solution has {len(qd)} cycle, and it is relative to cycle "
                f"{ref} (reference_cycle)")
    if math.isfinite(qd[ref - 1]) and qd[ref - 1] > 0:
        return ""
    with_discharge = [k + 1 for k, q in enumerate(qd) if math.isfinite(q) and q > 0]
    meant = _as_cycles(descriptions)
    return (f"capacity retention is undefined: cycle {ref} (the default reference_cycle) has no discharge capacity "
            f"({float(qd[ref - 1])!r} A.h)"
            + ("; in a pybamm.Experiment each step of a flat list is a cycle of its own (a tuple of steps is one "
               "cycle)" if experiment else "")
            + (f": for cycles of these steps write {meant}" if experiment and meant else "")
            + (f"; pass reference_cycle={with_discharge[0]} (the cycles with a discharge: {with_discharge})"
               if with_discharge else "; no cycle has a discharge capacity"))


def _check_reference(reference_cycle, n):
    return check_reference(reference_cycle, n, "reference_cycle", "cycle")


def _cycle_block(t_full, t_cycle, number):
    """(lo, hi) of a cycle's time points in the solution's series."""
    lo = int(np.searchsorted(t_full, t_cycle[0], side="left"))
    hi = lo + t_cycle.size
    if hi > t_full.size or t_full[hi - 1] != t_cycle[-1] or t_full[lo] != t_cycle[0]:
        raise RuntimeError(  # pragma: no cover - PyBaMM layout changed
            f"cycle {number}: its time points are not a contiguous block of the solution's"
        )
    return lo, hi


def _charge_end(values):
    """A row's entries of :meth:`_Series.after_charge`'s three: the lithiation "z", the voltage "zv" [V] and the
    cathode's against Li "zv_li" [V] where the charge ended."""
    return dict(zip(("z", "zv", "zv_li"), values))


def _experiment_rows(s):
    """Rows, start state and end states of an experiment solution: one row per experiment cycle; a cycle whose
    time series was not kept comes from PyBaMM's first and last states."""
    rows, end_states, start_state = [], [], {}
    for c, cyc in enumerate(s.cycles):
        summary = s.sums[c] if s.sums else None
        if cyc is None:
            rows.append(dict(_from_states(summary, s.r_method, s.tol, s.before(c)),
                             **_charge_end(s.after_charge_state(summary))))
            end_states.append(s.state(summary, "last"))
            start_state = s.state(summary, "first") if c == 0 else start_state
            continue
        t_c = np.asarray(cyc.t, dtype=float)
        lo, hi = _cycle_block(s.t, t_c, c + 1)
        qd, qc, ed, ec, ed_li = _kernel_totals(s, lo, hi)
        if s.e_source == "states":
            from_states = _from_states(summary, s.r_method, s.tol, None)
            ed, ec, ed_li = from_states["ed"], from_states["ec"], from_states["ed_li"]
        rows.append(dict(start=float(t_c[0]), qd=qd, qc=qc, ed=ed, ec=ec, ed_li=ed_li, saved=True,
                         **_charge_end(s.after_charge(lo, hi)),
                         r=s.resistance(lo, hi, (s.v[lo - 1], s.i[lo - 1]) if c > 0 and s.cycles[c - 1] is not None
                                        else s.before(c))))
        end_states.append(s.state(summary, "last") if summary else s.state_at(hi - 1))
        if c == 0:
            start_state = s.state(summary, "first") if summary else s.state_at(lo)
    return rows, start_state, end_states


def _kernel_rows(s, cycle_start):
    """Rows, start state and end states of a solution without experiment: the kernel's cycles."""
    start_phase = _auto_cycle_start(s.i, s.tol) if cycle_start == "auto" else cycle_start
    res = _summaries(s, 0, s.t.size, start_phase)
    starts = res["Cycle start time [s]"]
    bounds = [int(np.searchsorted(s.t, t0, side="left")) for t0 in starts] + [s.t.size]
    rows, end_states = [], []
    for c in range(starts.size):
        lo, hi = bounds[c], bounds[c + 1]
        rows.append(dict(start=float(starts[c]), qd=float(res["Discharge capacity [A.h]"][c]),
                         qc=float(res["Charge capacity [A.h]"][c]), ed=float(res["Discharge energy [W.h]"][c]),
                         ec=float(res["Charge energy [W.h]"][c]), ed_li=float(res[DISCHARGE_ENERGY_VS_LI][c]),
                         r=s.resistance(lo, hi, (s.v[lo - 1], s.i[lo - 1]) if lo > 0 else None), saved=True,
                         **_charge_end(s.after_charge(lo, hi))))
        # state at the end of the cycle = at the next cycle's first point (continuous states)
        end_states.append(s.state_at(min(hi, s.t.size - 1)))
    return rows, s.state_at(0), end_states


# ---------------------------------------------------------------------------------------------------
# electrode and cell scaling
# ---------------------------------------------------------------------------------------------------

def _cathode_area_cm2(s):
    """Electrode area [cm2] from "Discharge capacity [A.h]" / "Areal capacity [mA.h.cm-2]"."""
    q_name, a_name = "Discharge capacity [A.h]", "Areal capacity [mA.h.cm-2]"
    if not (_has(s.solution, q_name) and _has(s.solution, a_name)):
        return math.nan
    candidates = []
    try:
        candidates.append((_entries(s.solution, q_name), _entries(s.solution, a_name)))
    except Exception:  # noqa: BLE001
        pass
    for summary in s.sums[:3]:
        candidates.append((np.array([_state_value(summary.last_state, q_name)]),
                           np.array([_state_value(summary.last_state, a_name)])))
    for q, a in candidates:
        if q.size:
            k = int(np.argmax(np.abs(q)))
            if abs(q[k]) > 0 and abs(a[k]) > 0:
                return float(q[k] * 1e3 / a[k])
    return math.nan


def _preset_loading(cell, electrode, mass_g, area_cm2, s, mass_given):
    """The simulated cathode loading [mg.cm-2] a preset ``cell`` is built at: mass over area (the solution's, else
    the user's), within the loading range. ``mass_given``: ``mass_g`` is the user's (else the solution's)."""
    if electrode is None:
        raise ValueError(
            f"cell={cell!r} is a preset name: give electrode= (a pybamm_aea.energy.Electrode of the "
            "simulated cathode) so that the preset is built around the simulated cathode"
        )
    area_given = area_cm2 is not None
    area_cm2 = _cathode_area_cm2(s) if area_cm2 is None else finite_positive("area_cm2", area_cm2)
    if not (is_finite_positive(area_cm2) and is_finite_positive(mass_g)):
        raise ValueError(
            f"cell={cell!r}: the simulated cathode loading needs the electrode mass and area; give "
            "mass_g= and area_cm2= (the solution has no usable \"Cathode electrode mass [g]\" / "
            "\"Areal capacity [mA.h.cm-2]\")"
        )
    loading = mass_g * 1e3 / area_cm2  # mg/cm2
    # within the loading range, named by what the user gave (the preset's error named its own loading_mg_cm2)
    said = (f"mass_g = {mass_g:.10g} g" if mass_given else f"the solution's {MASS!r} {mass_g:.6g}") + " over " + (
        f"area_cm2 = {area_cm2:.10g} cm2" if area_given else f"the solution's area {area_cm2:.6g} cm2")
    check_loading_mg_cm2(*(("mass_g", mass_g, loading, "g") if mass_given else ("area_cm2", area_cm2, loading,
                                                                               "cm2")), said=said)
    return loading


def cell_energy(cell, gravimetric, electrode=None, loading_mg_cm2=None):
    """(Cell Wh/kg, Cell Wh/L, the Cell) of a cathode that delivered ``gravimetric`` W.h per kg of the cathode
    electrode as made (NumPy arrays too), in the stack ``cell``: a preset name of
    :func:`~pybamm_aea.energy.cell_preset`, or a :class:`~pybamm_aea.energy.Cell`, built around ``electrode`` at
    ``loading_mg_cm2`` [mg.cm-2] (:func:`~pybamm_aea.energy.cell.stack_around`; a Cell without them is taken as it is,
    its own cathode at its own loading).

    Wh/kg_cell = Wh/kg_electrode * m_cathode / m_stack and Wh/L_cell = Wh/kg_electrode * m_cathode / t_stack, with the
    areal masses and thicknesses of the Cell's layers (:func:`cycle_summary`'s Notes, "Cell level"): the one
    computation of :func:`cycle_summary`'s and :func:`pybamm_aea.sweep.sweep`'s cell columns.
    """
    from .energy.cell import Cell, check_stack, stack_around, stack_label

    try:
        check_stack(cell)
    except ValueError as exc:
        if isinstance(cell, str):
            raise
        raise TypeError(str(exc)) from None
    if not isinstance(cell, Cell) or loading_mg_cm2 is not None:
        if electrode is None or loading_mg_cm2 is None:  # (a preset's own cathode or loading is not the simulated)
            what = "is a preset name" if isinstance(cell, str) else "is rebuilt around the simulated cathode"
            raise ValueError(f"cell={stack_label(cell)} {what}: give the simulated cathode's electrode= and "
                             f"loading_mg_cm2= (got {electrode!r}, {loading_mg_cm2!r})")
        check_loading_mg_cm2("loading_mg_cm2", loading_mg_cm2)
        with warnings.catch_warnings():  # (the theoretical cathode's anode limit: the simulated discharge's is
            warnings.simplefilter("ignore", UserWarning)  # judged by anode_limited, the callers')
            cell = stack_around(cell, electrode, loading_mg_cm2)
    layers = cell.layers
    m_cathode = math.fsum(layer.areal_mass_mg_cm2 for layer in layers if layer.role == _ROLE_CATHODE)
    m_total = math.fsum(layer.areal_mass_mg_cm2 for layer in layers)
    thickness = math.fsum(layer.thickness_um for layer in layers)
    # mWh/g * mg/cm2 * 1e-3 -> mWh/cm2; / (um * 1e-4 cm) -> mWh/cm3 = Wh/L
    return gravimetric * (m_cathode / m_total), gravimetric * (m_cathode / thickness) * 10.0, cell


def anode_limited(cell, specific_capacity):
    """(mask, why) of discharges of ``specific_capacity`` [mA.h.g-1 of cathode electrode as made; NumPy arrays too]
    the stack ``cell`` (a built :class:`~pybamm_aea.energy.Cell`) cannot deliver: more per area (at the Cell's
    cathode loading) than its anode can give (:attr:`~pybamm_aea.energy.Cell.anode_capacity`, the energy API's one
    limit); ``why`` names the largest such discharge and that limit, "" when none exceeds it.

    The stack's anode counts, not the simulated one: the figures are the stack's (its 20 um Li, 4.124 mAh/cm2, under
    a simulation of an unlimited Li metal anode). Such a figure is NaN, not kept with a warning: the stack stops when
    its anode is spent, and the energy over its mass would be that of a discharge it cannot make (S-LMS 32.5 wt% S8,
    10 mg/cm2, 0.02C: 5.26 mAh/cm2 in the "practical target", 371 Wh/kg vs 290.6 for the anode-limited stack of
    ``Cell.energy_density``), which a table read without its warnings would pass on. A stack whose anode holds more
    (excess Li) is not judged."""
    from .energy.cell import stack_label

    delivered = np.asarray(specific_capacity, dtype=float) * cell.cathode_loading * 1e-3  # mAh/g * mg/cm2 -> mAh/cm2
    available = np.broadcast_to(cell.anode_capacity_for(np.maximum(cell.cathode_capacity, delivered)), delivered.shape)
    mask = delivered > available
    if not mask.any():
        return mask, ""
    largest = np.argmax(np.where(mask, delivered, -np.inf))
    gives = ("the Li inventory of its anode, which the Li-free cathode (made charged) draws all its Li from"
             if not cell.cathode.lithiated_capacity_fraction else
             "its anode's own Li and what the first charge moved into it, at most what it takes up as host and the "
             "cathode's lithiated capacity")
    return mask, (f"cell={stack_label(cell.name or cell)}: the simulated discharge delivered "
                  f"{delivered.flat[largest]:.4g} mAh/cm2, more than the stack's anode can give, "
                  f"{available.flat[largest]:.4g} "
                  f"mAh/cm2 ({gives}; the stack's anode counts, not the simulated one): the stack cannot deliver it, "
                  "so its cell figures are NaN (Cell.energy_density gives the anode-limited stack)")


def cell_anode_mismatch(cell, anode):
    """Why the cell figures of the stack ``cell`` (a :class:`~pybamm_aea.energy.Cell`) do not describe the simulated
    cell, whose anode is ``anode`` (the AEA model's option, "lithium metal" or "Li-In"; None: not an AEA model, not
    judged), or "": the figures divide the energy against the simulated anode by the stack's mass and thickness, so
    a stack with another anode (the "paper lab cell"'s Li-In under a Li metal simulation) mixes two cells, and a
    composite anode (the "liquid LIB"'s graphite) is one the model does not simulate at all."""
    from .energy.cell import CompositeAnode, LiInAnode, LiMetalAnode
    from .energy.materials import LI_IN_PLATEAU

    if anode is None or cell.anode is None:
        return ""
    stack = f"the stack {cell.name!r}" if cell.name else "the stack"
    if isinstance(cell.anode, CompositeAnode):
        what = cell.anode.electrode.name or "composite"
        no_li = ("; made Li-free it holds no Li, so with a Li-free cathode (S8, Mo6S8, TiS2: the paper's) that stack "
                 "has none to cycle" if not cell.anode.lithium_capacity(1.0) else "")
        # the simulated anode's potential vs Li (Li metal 0, Li-In its plateau): that stack's cell is off it by
        shift = cell.anode.voltage_vs_li - (LI_IN_PLATEAU if anode == "Li-In" else 0.0)
        return (f"{stack} has a {what} ({cell.anode.voltage_vs_li:.3g} V vs Li), an anode the AEA model does not "
                f"simulate (it simulates lithium metal or Li-In): its cell figures are the energy against the "
                f"simulated {anode} anode over that stack's mass and thickness, not a cell of that anode (whose "
                f"voltage is {abs(shift):.3g} V {'lower' if shift > 0 else 'higher'}{no_li}); for a cell as simulated "
                f"choose a stack of a {anode} anode")
    kind = {LiMetalAnode: "lithium metal", LiInAnode: "Li-In"}.get(type(cell.anode), type(cell.anode).__name__)
    if kind == anode:
        return ""
    return (f"{stack} has a {kind} anode and the simulation a {anode} one: its cell figures are the "
            f"energy against the simulated {anode} anode over the {kind} stack's mass and thickness; choose a stack "
            f"of the simulated anode (or simulate the stack's: options={{'anode': ...}})")


def _masses(s, electrode, mass_g, volume_L, discharged_porosity):
    """Mass [g] and volume [L] of the electrode as made and discharged (NaN without ``electrode`` or without its
    discharged state, :class:`~pybamm_aea.energy.NoDischargedState`), and why the discharged ones are NaN (None when
    they are not)."""
    own = None if s is None else s.scalar(MASS)  # (None: the caller gives both mass_g and volume_L)
    mass = own if mass_g is None else given_mass(mass_g, own, "cycle_summary", stacklevel=3)
    volume = finite_positive("volume_L", volume_L) if volume_L is not None else s.scalar(VOLUME)
    if volume_L is None and not math.isfinite(volume) and electrode is not None and math.isfinite(mass):
        volume = mass / electrode.density / 1000.0  # g / (g/cm3) = cm3 -> L
    if electrode is None:
        return mass, volume, math.nan, math.nan, _NO_ELECTRODE
    try:
        mass_ratio, volume_ratio = electrode.lithiation_ratios(discharged_porosity)
    except NoDischargedState as exc:  # (a Graphite electrode: no discharged basis, its charged one stands)
        return mass, volume, math.nan, math.nan, f"the electrode has no discharged state: {exc}"
    return mass, volume, mass * mass_ratio, volume * volume_ratio, None


def _electrode_columns(col, mass, volume, mass_d, volume_d):
    """Capacities, energies, efficiencies and mean voltages (the cell's) and per-electrode figures (the
    electrode's energy against Li) of every cycle."""
    qd, ed = col["qd"], col["ed_li"]
    out = summary_dict(col["start"], qd * 3600.0, col["qc"] * 3600.0, col["ed"] * 3600.0, col["ec"] * 3600.0)
    out = {CYCLE_INTEGRALS.get(k, k): v for k, v in out.items()}
    with np.errstate(divide="ignore", invalid="ignore"):
        for name, value, basis in ((ESC, qd * 1e3, (mass, mass_d)), (GRAVIMETRIC, ed * 1e3, (mass, mass_d)),
                                   (VOLUMETRIC, ed, (volume, volume_d))):
            out[name] = value / basis[0]
            out[name.replace(" [", _DISCHARGED + "[")] = value / basis[1]
        out[MEAN_DISCHARGE_VOLTAGE_VS_LI] = np.where(qd > 0, ed / qd, np.nan)  # (the electrode energy's voltage)
    return out


def _cell_columns(cell, electrode, mass, area_cm2, s, eg, esc, mass_given):
    """Cell Wh/kg and Wh/L of every cycle from the cell's energy per kg of electrode ``eg`` (:func:`cell_energy`),
    the cell's name and why cycles are NaN (:func:`anode_limited` of the cycles' ESC ``esc`` [mA.h.g-1], "" if none;
    warned, naming them) (``mass_given``: as :func:`_preset_loading`)."""
    if cell is None:
        return {CELL_GRAVIMETRIC: np.full(eg.size, np.nan), CELL_VOLUMETRIC: np.full(eg.size, np.nan)}, None, ""
    loading = _preset_loading(cell, electrode, mass, area_cm2, s, mass_given) if isinstance(cell, str) else None
    gravimetric, volumetric, cell_obj = cell_energy(cell, eg, electrode, loading)
    mismatch = cell_anode_mismatch(cell_obj, getattr(s.solution.all_models[0], "options", {}).get("anode")
                                   if hasattr(s.solution, "all_models") else None)
    if mismatch:
        warnings.warn(f"cell={cell_obj.name!r}: {mismatch}", UserWarning, stacklevel=3)
    over, limited = anode_limited(cell_obj, esc)
    if limited:
        gravimetric, volumetric = np.where(over, np.nan, gravimetric), np.where(over, np.nan, volumetric)
        cycles = np.flatnonzero(over) + 1
        warnings.warn(f"{limited}: cycle{'s' if cycles.size > 1 else ''} {number_runs(cycles.tolist())}", UserWarning,
                      stacklevel=3)
    return {CELL_GRAVIMETRIC: gravimetric, CELL_VOLUMETRIC: volumetric}, cell_obj.name, limited


def _retention_column(qd, ref):
    """Capacity retention [%] of every cycle vs ``ref``; ValueError unless the reference delivered charge."""
    return 100.0 * retention_curve(qd, ref, "reference_cycle")


def _loss_columns(s, start_state, end_states):
    """Lost Li [mol] (cumulative and per cycle) and lost active material [%] at the end of every cycle."""
    n = len(end_states)

    def delta(name):
        s0 = start_state.get(name, math.nan)
        return np.array([e.get(name, math.nan) - s0 for e in end_states], dtype=float)

    if s.lli_var is not None:
        lost = delta(s.lli_var)
    elif s.balance_vars:
        cathode, anode = s.balance_vars
        d_anode = delta(anode) if anode != "Discharge capacity [A.h]" else -delta(anode) * 3600.0 / F
        lost = -(delta(cathode) + d_anode)
    else:
        lost = np.full(n, np.nan)
    return {
        "Lost lithium [mol]": lost,
        "Lost lithium in cycle [mol]": np.diff(np.concatenate([[0.0], lost])) if n else lost,
        "Lost active material [%]": (np.array([e[s.lam_var] for e in end_states], dtype=float) if s.lam_var
                                     else np.full(n, np.nan)),
    }


#: why an electrode column is NaN without the electrode's mass or volume (:func:`_undefined_columns`)
_NO_MASS = f"no electrode mass: the solution has no {MASS!r}; give cycle_summary(..., mass_g=...)"
_NO_VOLUME = (f"no electrode volume: the solution has no {VOLUME!r}; give cycle_summary(..., volume_L=...) (or "
              "electrode=, whose density gives it from the mass)")
_NO_CELL = ("cycle_summary was given no cell= (a pybamm_aea.energy.Cell or a preset's name: the stack whose mass and "
            "thickness the energy is scaled to)")
_ENERGY_COLUMNS = (CYCLE_INTEGRALS["Discharge energy [W.h]"], CYCLE_INTEGRALS["Charge energy [W.h]"], GRAVIMETRIC,
                   VOLUMETRIC, CELL_GRAVIMETRIC,
                   CELL_VOLUMETRIC, "Energy efficiency", MEAN_DISCHARGE_VOLTAGE, MEAN_DISCHARGE_VOLTAGE_VS_LI,
                   "Mean charge voltage [V]")

#: the columns on the energy against Li (the cathode's): NaN for a PyBaMM full cell (readout.vs_li_undefined)
_VS_LI_COLUMNS = (MEAN_DISCHARGE_VOLTAGE_VS_LI, GRAVIMETRIC, VOLUMETRIC, *DISCHARGED_BASIS_COLUMNS[1:])

#: what a column NaN in every cycle is said to be when no reason of its own was foreseen
_NOT_FORESEEN = "NaN in every cycle of this solution (see cycle_summary's Returns for what the column needs)"


def _said_undefined(table, reason, otherwise):
    """{column: why} for every column of ``table`` (a per-cycle table: :func:`cycle_summary`'s,
    :func:`pybamm_summary`'s) that is NaN in every cycle: the one place that decides a column is undefined and has it
    said (``DataFrame.attrs["Undefined"]``). ``reason(column)``: why, or "" if no reason of its own is known; then
    ``otherwise`` (a text, or a function of the column). So no column is NaN without a word."""
    why = {}
    for column in table.columns:
        values = table[column]
        if values.dtype.kind != "f" or not values.isna().all():
            continue
        why[column] = reason(column) or (otherwise(column) if callable(otherwise) else otherwise)
    return why


def _undefined_columns(table, s, no_discharged, retention, anode_limit=""):
    """{column: why} for every column of the cycle summary ``table`` that is NaN in every cycle: the one place that
    says a column is undefined and why (``DataFrame.attrs["Undefined"]``, which :func:`plot_cycle_life`'s warning
    reads). ``s``: the :class:`_Series`; ``no_discharged``: why the discharged basis is undefined (None if it is
    not); ``retention``: the RetentionUndefinedWarning's text ("" if the retention is defined); ``anode_limit``: why
    cycles' cell figures are NaN (:func:`anode_limited`, "" if none). Reads the table's
    attrs (the mass, volume and cell). A column NaN for a reason not foreseen here still gets one
    (:func:`_said_undefined`, with :data:`_NOT_FORESEEN`), so no column is NaN without a word: PyBaMM's own models
    have no electrode mass, volume or dispersed material, a table without cell= no cell figures (session 48: 9 such
    columns on Xu2019's DFN half cell, 3 explained)."""
    mass_ok, volume_ok = is_finite_positive(table.attrs.get(MASS)), is_finite_positive(table.attrs.get(VOLUME))
    qd, qc = (table[CYCLE_INTEGRALS[f"{k} capacity [A.h]"]].to_numpy() for k in ("Discharge", "Charge"))
    energies_kept = np.isfinite(table[CYCLE_INTEGRALS["Discharge energy [W.h]"]].to_numpy()).any()

    def reason(column):
        if column in _VS_LI_COLUMNS and s.vs_li_why:
            return s.vs_li_why
        if column in DISCHARGED_BASIS_COLUMNS and no_discharged:
            return no_discharged
        if column in (CELL_GRAVIMETRIC, CELL_VOLUMETRIC) and table.attrs.get("Cell") is None:
            return _NO_CELL
        if column in (CELL_GRAVIMETRIC, CELL_VOLUMETRIC) and anode_limit:
            return anode_limit
        if column == RETENTION and retention:
            return retention
        if column in _ENERGY_COLUMNS + DISCHARGED_BASIS_COLUMNS[1:] and not energies_kept and len(table):
            return f"the energies of cycles whose time series was not kept (save_at_cycles) are NaN: {NO_ENERGY}"
        if "[W.h.L-1]" in column and "Cell " not in column and not volume_ok:
            return _NO_VOLUME
        if ("g-1]" in column or column == CELL_VOLUMETRIC) and not mass_ok:  # (the cell's: per kg of electrode)
            return _NO_MASS
        if column == LITHIATION_AFTER_CHARGE and s.z is None:
            return ("the cathode holds no dispersed material (a hybrid's sulfur or Li4Ti5O12): "
                    + (f"the solution has no {DISPERSED_LITHIATION!r}" if not _has(s.solution, DISPERSED_LITHIATION)
                       else f"its {_DISPERSED_CAPACITY!r} is 0"))
        if column in ("Lost lithium [mol]", "Lost lithium in cycle [mol]") and not s.lli_var and not s.balance_vars:
            return (f"the solution has no lost-lithium variable ({', '.join(map(repr, LOST_LITHIUM_VARIABLES))}) "
                    "nor 'Total lithium in cathode [mol]' for a lithium balance")
        if column == "Lost active material [%]" and not s.lam_var:
            return (f"the model has no loss-of-active-material variable "
                    f"({', '.join(map(repr, LOST_ACTIVE_MATERIAL_VARIABLES))}): the capacity retention carries all "
                    "the fade")
        if column in ("Coulombic efficiency", "Energy efficiency") and not ((qd > 0) & (qc > 0)).any():
            return "no cycle has both a discharge and a charge"
        if column in (MEAN_DISCHARGE_VOLTAGE, MEAN_DISCHARGE_VOLTAGE_VS_LI, "Resistance [Ohm]",
                      LITHIATION_AFTER_CHARGE) and not (qd > 0).any():
            return "no cycle has a discharge"
        if column in ("Mean charge voltage [V]", LITHIATION_AFTER_CHARGE) and not (qc > 0).any():
            return "no cycle has a charge"
        if column == "Resistance [Ohm]" and s.r_method == "jump":
            return (f"resistance='jump' (the solution has no {TOTAL_OVERPOTENTIAL!r}) needs the point before a "
                    "discharge's onset, which a discharge opening the solution lacks (cycle_summary's Notes)")
        return ""

    return _said_undefined(table, reason, _NOT_FORESEEN)


# ---------------------------------------------------------------------------------------------------
# the table
# ---------------------------------------------------------------------------------------------------

def cycle_summary(solution, reference_cycle=None, electrode=None, cell=None, *, mass_g=None,
                  volume_L=None, area_cm2=None, discharged_porosity=None, resistance="auto",
                  energy_source="auto", rest_tol=None, cycle_start="auto", include_pybamm_summary=False,
                  experiment=None, series_voltage=None):

    """Per-cycle summary of a cycling solution: one row per cycle.

    Parameters
    ----------
    solution : pybamm.Solution, or a mapping / DataFrame of time series
        Any solution with "Time [s]", "Current [A]" (discharge > 0) and "Voltage [V]": normally one
        from ``pybamm.Simulation(..., experiment=...).solve()``, also with ``save_at_cycles`` (the
        cycles whose time series was dropped come from PyBaMM's stored first/last states; see the
        module docstring), or a plain (no-experiment) solution, whose cycles are the kernel's. A dict
        or DataFrame of 1-D arrays of one length with those three keys (e.g. measured data; another column
        may be one value, a constant) is treated like a
        solution without experiment; it may carry the other variables named below ("Total lithium in
        cathode [mol]", "Total overpotential [V]", ...); give ``mass_g`` for the per-mass columns, and
        ``series_voltage`` or an "Anode OCP [V]" column for what its voltage is against.
    reference_cycle : int, optional
        Cycle number (1-based) that "Capacity retention [%]" is relative to (the paper quotes LMS
        retention vs the 2nd cycle). ValueError naming it if it is not a cycle of the solution, or if
        its discharge capacity is zero or unknown. None (default): cycle 2, and on a solution of one
        cycle, or one whose cycle 2 has no discharge capacity (a flat list of experiment steps, each its own
        cycle, whose second step is a rest or a charge), the retention column is NaN with a
        :class:`~pybamm_aea.readout.RetentionUndefinedWarning` saying why (the rest of the table stands).
    electrode : pybamm_aea.energy.Electrode, optional
        The simulated cathode's make-up. Gives the discharged (lithiated) basis: mass and volume of the
        electrode after lithiation, ``electrode.lithiation_mass_ratio()`` and
        ``electrode.lithiation_volume_ratio()`` times the simulated (charged) mass and volume (see
        :meth:`~pybamm_aea.energy.Electrode.lithiated`). Also the cathode of a preset ``cell``, and the
        density used for the volume when the solution has no "Cathode electrode volume [L]".
    cell : pybamm_aea.energy.Cell or str, optional
        A stack for the cell-level columns, or a preset name of :func:`pybamm_aea.energy.cell_preset`
        ("paper lab cell", "practical target", "liquid LIB"); a preset is built around ``electrode``
        (required then) at the simulated loading (mass / area). See Notes.
    mass_g : float, optional
        Cathode electrode mass [g] (whole electrode, charged state, as made). Default: the solution's
        "Cathode electrode mass [g]".
    volume_L : float, optional
        Cathode electrode volume [L]. Default: the solution's "Cathode electrode volume [L]", else
        ``mass_g / electrode.density`` when ``electrode`` is given.
    area_cm2 : float, optional
        Electrode area [cm2], only for a preset ``cell``. Default: "Discharge capacity [A.h]" /
        "Areal capacity [mA.h.cm-2]" of the solution. The loading the mass over it gives is within
        :data:`pybamm_aea.ranges.CATHODE_LOADING` (at most 300 mg/cm2), else a ValueError naming ``mass_g``,
        ``area_cm2`` and that loading (and mg, where a mass in mg would be in range).
    discharged_porosity : None, float or "constant volume"
        Porosity of the discharged electrode for the discharged basis (as in
        :meth:`~pybamm_aea.energy.Electrode.lithiated`; None keeps the charged porosity, the paper's
        assumption).
    resistance : {"auto", "overpotential", "jump"}
        How "Resistance [Ohm]" is estimated (see Notes). "auto": "overpotential" if the model has a
        "Total overpotential [V]" variable, else "jump".
    energy_source : {"auto", "kernel", "states"}
        Where the discharge/charge energies come from (capacities are the same either way): the routes of
        :func:`pybamm_aea.readout.delivered`, the one definition of what a discharge delivered (docs/known_limits.rst
        has the measurement behind "kernel" as the default). "kernel": the compiled kernel on the cycle's time
        series where it was saved (a kept cycle's discharge agrees with ``delivered``'s to round-off), PyBaMM's
        integrated energy states (first/last state of the cycle) elsewhere. "states": the integrated states for
        every cycle (experiment solutions only). "auto": "kernel" when every cycle's time series is there
        (or there is no experiment), else "states", so that one table does not mix the two sources
        (they differ by 0.03-0.1 % at the model's default tolerances: a saw-tooth in Wh/kg vs cycle
        otherwise). See the module
        docstring, "Accuracy". A PyBaMM model without its option ``"calculate discharge energy": "true"``
        integrates no energy: "auto" is then "kernel", the cycles not kept have NaN energies (a UserWarning
        names them) and "states" is a ValueError.
    rest_tol : float, optional
        ``|current|`` [A] at or below which the cell rests (default: the kernel's,
        ``1e-12 A + 1e-9 * max|current|``).
    cycle_start : {"auto", "discharge", "charge"}
        Only for solutions without experiment cycles: the phase that opens a cycle ("auto": the phase
        of the first non-rest current).
    include_pybamm_summary : bool, default False
        Also join PyBaMM's summary variables (:func:`pybamm_summary`) as extra columns (and its
        ``attrs["Undefined"]``, the columns NaN by definition with the reason).
    experiment : pybamm.Experiment or list, optional
        The experiment the solution ran (``sim.experiment``), or the list it was made of: adds the column
        :data:`CYCLE_STEPS` ("Cycle steps"), each row's experiment cycle as its step strings joined by "; " (a cycle
        PyBaMM skipped whole, and so dropped, matched as :func:`pybamm_aea.readout.step_table` does). The retention
        of every cycle is against one reference; this picks out the cycles of one protocol, e.g. periodic C/20
        check-ups among 1C cycles, ``table[table["Cycle steps"].str.contains("C/20")]`` (README, "Cycle life"). A
        ValueError for a solution without experiment cycles or whose cycles do not follow these (their count, each
        step's current direction and held voltage: another experiment of the same shape, 0.5C where 1C ran, is not
        told apart).
    series_voltage : {"vs Li", "cell"}, optional
        Only for a time series (a ValueError for a solution, whose model says it): what its "Voltage [V]" is against.
        "vs Li": the cathode's against Li (a Li-metal anode, a Li reference electrode); "cell": a cell's against
        another anode (graphite, Li-In), whose vs-Li columns are NaN with the reason in ``attrs["Undefined"]`` (the
        cell's figures stand). Needed unless the series has an "Anode OCP [V]" column (the anode's OCP against Li,
        added to the voltage: then "cell" or None; "vs Li" with a non-zero one is a ValueError). A series without
        either is a ValueError naming ``series_voltage`` (:data:`SERIES_VOLTAGE_UNSAID`): until session 58 it was
        read as the cathode's against Li, a graphite | LiCoO2 or a Li-In cell's voltage quoted as vs-Li energy.

    Returns
    -------
    pandas.DataFrame (a :class:`pybamm_aea.cycle_table.CycleTable`)
        Index "Cycle number" (1, 2, ...), columns :data:`SUMMARY_COLUMNS`:

        - "Cycle start time [s]": time of the cycle's first point.
        - "Discharge capacity in cycle [A.h]", "Charge capacity in cycle [A.h]", "Discharge energy in cycle [W.h]",
          "Charge energy in cycle [W.h]": integrals of I dt and I V dt over the discharge and over the charge
          intervals of the cycle (>= 0); not PyBaMM's "Discharge capacity [A.h]" and "Discharge energy [W.h]",
          running totals from the solution's start (net of charges). Named without "in cycle" until session 59: the
          old names (:data:`pybamm_aea.cycle_table.CYCLE_INTEGRALS`) still read and write,
          ``table["Discharge capacity [A.h]"]``, ``.loc``, ``.at``, ``in``, ``sort_values``, ``groupby``, with a
          DeprecationWarning naming the new one (:mod:`pybamm_aea.cycle_table`; docs/known_limits.rst: what does not
          take them).
        - "Electrode specific capacity [mA.h.g-1]": ESC, discharge capacity per g of the whole cathode
          electrode (charged mass); "(discharged basis)": per g of the lithiated electrode. NaN without
          ``electrode``, whose make-up the lithiated mass follows from (the solution does not hold it), or with
          an electrode that has no discharged state (graphite): ``DataFrame.attrs["Undefined"]`` names these columns
          with the reason.
        - "Coulombic efficiency": discharge / charge capacity of the same cycle; "Energy efficiency":
          discharge / charge energy (dimensionless; NaN unless both are > 0 and neither is below
          1e-9 of the other, round-off of a step that ended at once). A cycle is the experiment's, in its order:
          discharge then charge where the experiment discharges first, not the charge-then-discharge efficiency
          of a cell made lithiated. In an AEA cell made charged (Mo6S8, TiS2) the first cycle's CE exceeds 1: its
          first discharge inserts Li the cell was never charged with (the Li anode supplies it), more than the
          charge takes back (Li the ionic switch strands in the host, trapped Li, sulfur left lithiated). Measured
          2026-12-06, ("Discharge at 0.1C until <lower cut-off>", "Charge at 0.1C until <upper cut-off>") x 2,
          the AEA model's default options unless said: cycle 1's CE 1.269 for Li2021_Mo6S8 (0.151 mA.h out,
          0.119 mA.h back), 1.127 Li2021_LTO_Mo6S8, 1.739 Li2021_S_Mo6S8 at 25 C (cycle 2: 1.169), 1.113
          Li2021_TiS2 with "Li trapping" irreversible (1.000 without); from cycle 2, 1.000 except S-LMS at 25 C. The
          retention vs the default reference (cycle 2) of that cycle 1 is the same ratio: 126.9 %, 112.7 %,
          149.1 %, 111.3 %, as the first discharge is. So can its energy efficiency exceed 1, a
          cycle that does not return to its start (S-LMS with 48.75 wt% S8 at 60 C, 0.1C: 1.42, the
          charge to 3 V leaving the sulfur 0.23 lithiated, the column "Dispersed material lithiation at end of
          charge"; docs/known_limits.rst, "Hybrids charged to 3 V: sulfur left lithiated").
        - "Mean discharge voltage [V]", "Mean charge voltage [V]": energy / capacity, the cell's (on the Li-In anode
          0.62 V below the cathode's against Li: TiS2 1.44 V). "Mean discharge voltage vs Li [V]": the cathode's
          against Li, the basis of the electrode energies below (their energy per gram over the ESC), as the sweep's
          column of that name; the same as the cell's on Li metal. NaN for a PyBaMM full cell (a graphite negative
          electrode: its voltage is not against Li), with the electrode energies, the reason in
          ``attrs["Undefined"]`` (:func:`pybamm_aea.readout.vs_li_undefined`); PyBaMM's half cell is against Li.
        - "Electrode gravimetric energy [W.h.kg-1]", "Electrode volumetric energy [W.h.L-1]":
          discharge energy per kg and per L of the whole cathode electrode as made (the charged basis,
          as the model's "Electrode gravimetric energy [W.h.kg-1]"); "(discharged basis)": per kg and
          per L of the lithiated electrode (NaN without ``electrode``). The energy is the cathode's
          against Li, the paper's basis: with an "Anode OCP [V]" in the solution (Li-In, 0.62 V) the
          voltage plus it; "Discharge energy [W.h]" and the mean voltages are the cell's. A time series
          of a Li-In cell gives it by that column (``pybamm-aea simulate`` writes it; a Li-In file read vs Li without
          it gave 0.71 of the electrode energy) or has them NaN with ``series_voltage="cell"``; a series has no model
          to tell, so without the column ``series_voltage`` says what its voltage is.
        - "Cell gravimetric energy [W.h.kg-1]", "Cell volumetric energy [W.h.L-1]": discharge energy
          per kg and per L of the whole stack of ``cell`` (NaN without ``cell``, and in a cycle that delivered more
          per area than the stack's anode can give, warned: :func:`anode_limited`).
        - "Capacity retention [%]": 100 * discharge capacity / that of ``reference_cycle`` (above 100 % where that
          cycle delivered less: cycle 1 of a cell made charged, whose first discharge is the largest, see above).
        - "Resistance [Ohm]": DC resistance at the onset of the cycle's first discharge (see Notes).
        - "Lost lithium [mol]": Li inventory lost from the start of the solution to the end of the
          cycle (cumulative); "Lost lithium in cycle [mol]": its increase during the cycle (these sum
          to the last row's "Lost lithium [mol]"). See Notes.
        - "Lost active material [%]": the model's loss-of-active-material variable at the end of the
          cycle, NaN if the model has none (see Notes).
        - "Dispersed material lithiation at end of charge": :data:`DISPERSED_LITHIATION` (a hybrid's sulfur or
          Li4Ti5O12, 0 charged to 1 discharged) at the last point of the cycle's last charge interval: what the
          charge left lithiated, which the next discharge cannot deliver. NaN for a cycle without a charge, a cell
          without dispersed material, and a cycle whose time series was not kept unless its last state ends a
          charge (``("Discharge ...", "Charge ...")``: then that state). Above
          :data:`STRANDED_LITHIATION_LIMIT` (0.1) on any cycle: a :class:`StrandedDispersedMaterialWarning`
          naming the cycles, the largest fraction and its cycle, and the remedy (a slower charge).
        - "Time series saved": True if the cycle's time series was there (capacities from the kernel),
          False if the row comes from PyBaMM's first/last states of the cycle (``save_at_cycles``).
        - "Cycle steps" (only with ``experiment``): the cycle's steps as the experiment wrote them, joined by "; ".

        ``DataFrame.attrs`` records the mass [g], volume [L], the discharged mass and volume, every column NaN in
        every cycle with the reason ("Undefined", {column: why}: the discharged basis without ``electrode`` or its
        discharged state, the electrode columns without a mass or volume, the cell columns without ``cell``, the
        dispersed material's lithiation without one, ...), the resistance method, the energy source, the reference
        cycle, the variables used for lost Li / active material and the cell's name.

    Raises
    ------
    ValueError
        Bad ``reference_cycle`` (naming it), bad ``resistance``, ``energy_source``, ``cycle_start`` or
        ``series_voltage`` (also a time series without it nor "Anode OCP [V]"), a
        preset ``cell`` without ``electrode`` or without mass and area, or with a mass and area out of the loading
        range.
    TypeError
        ``reference_cycle`` not an integer; ``cell`` neither a Cell nor a string; ``electrode`` not an
        Electrode.

    Notes
    -----
    *Resistance.* The DC resistance seen at the instant the cycle's first discharge step starts, R =
    -dV/dI across the step into discharge. "overpotential": "Total overpotential [V]" / "Current [A]"
    at the first point carrying the discharge current. In the AEA model the total overpotential is
    the sum of the instantaneous drops (interface kinetics, Li0 film, electronic and separator ohmic,
    anode), all zero at rest, so after a rest this equals the rest -> discharge voltage jump divided
    by the current jump; it excludes the slow solid-diffusion polarisation (the OCV is taken at the
    cathode surface). It needs no point before the step, so it is defined for cycle 1 and, when the
    cycle opens with its discharge step, also for cycles without saved time series (from the cycle's
    first state). "jump": (V[k-1] - V[k]) / (I[k] - I[k-1]) across the first transition into
    discharge, with the voltage just before the step (PyBaMM 26 puts the two points of a step boundary
    ~1e-12 s apart, so V[k] is the instantaneous response). After a cycle whose time series was not kept
    the point before is that cycle's last state (PyBaMM keeps it), and a cycle not kept itself has its R from its
    first state when it opens with its discharge step; NaN for the first cycle of the solution (no point before
    the step). Both are NaN for a cycle
    without discharge. Kinetics being Butler-Volmer, R depends on the current: compare cycles at the
    same rate, and after the same step: R follows the surface Li content, the exchange current's, where the
    discharge starts. A cell made charged (Mo6S8, TiS2) starts cycle 1 from the content it was made with; later
    cycles start where the charge left the surface, emptier, so their R is higher (3 cycles to the Li2021
    sets' cut-offs at 70 C: TiS2 surface 0.001 -> 0.00024, R 459 -> 750 Ohm at 0.1C, 366 -> 459 at 1C; Mo6S8 0.004
    -> 6e-6, 461 -> 1309 Ohm at 0.1C, 418 -> 557 at 1C; 2026-12-06).

    *Lost lithium.* If the model has a lost-Li variable (:data:`LOST_LITHIUM_VARIABLES`, e.g. "Lost
    lithium inventory [mol]") its change since the start of the solution is used. Otherwise a Li
    balance: lost = -(dN_cathode + dN_anode) since the start of the solution, with N_cathode = "Total
    lithium in cathode [mol]" and N_anode = "Total lithium in anode [mol]" (Li-In anode); a Li-metal
    anode has no such variable and its change is -(d"Discharge capacity [A.h]") * 3600 / F (the Li it
    gives to the external circuit). Without any loss mechanism this is zero to solver round-off. NaN
    if the model has no "Total lithium in cathode [mol]". Li trapped or cut off inside the cathode is
    still in "Total lithium in cathode [mol]" (the AEA model's counts all of the cathode's Li), so this
    balance does not see it: the model must report it as a lost-Li variable (the AEA model's "Lost
    lithium inventory [mol]") for it to show here.

    *Lost active material.* The value at the end of the cycle of the first model variable of
    :data:`LOST_ACTIVE_MATERIAL_VARIABLES` ("Loss of active material [%]", ...); NaN if the model has
    none (capacity retention then carries all of the fade).

    *Cell level.* With a :class:`~pybamm_aea.energy.Cell`, the simulated discharge energy per g of
    cathode (the charged-basis electrode Wh/kg) is scaled to the stack: Wh/kg_cell = Wh/kg_electrode *
    m_cathode / m_stack, Wh/L_cell = Wh/kg_electrode * m_cathode / t_stack, with the areal masses
    [mg.cm-2] and thicknesses of the Cell's layers (``Cell.layers``; the cathode layer is the Cell's,
    at its loading: a Cell with another loading than the simulation is scaled by specific energy). A
    preset name is built at the simulated loading, so there the stack holds exactly the simulated
    cathode. The delivered energy is the simulation's (vs the simulation's anode), not re-referenced
    to the Cell's anode potential; the stack mass does not change with state of charge. A cycle that delivered more per
    area (ESC x the Cell's cathode loading) than the stack's anode can give (``Cell.anode_capacity``, the stack's
    anode, not the simulated one) has NaN cell figures, with a UserWarning naming the mAh/cm2, the stack and the
    cycles (:func:`anode_limited` says why NaN, not kept).
    """
    _check_choice("energy_source", energy_source, ("auto", *ROUTES))
    _check_choice("resistance", resistance, ("auto", "overpotential", "jump"))
    _check_choice("cycle_start", cycle_start, ("auto", "discharge", "charge"))
    if electrode is not None:
        from .energy import Electrode

        if not isinstance(electrode, Electrode):
            raise TypeError(f"electrode must be a pybamm_aea.energy.Electrode, got {type(electrode).__name__}")

    s = _Series(solution, rest_tol, resistance, energy_source, series_voltage)
    steps = None if experiment is None else _cycle_steps(s, experiment)  # (refused before the summary is computed)
    rows, start_state, end_states = _experiment_rows(s) if s.cycles else _kernel_rows(s, cycle_start)
    col = {key: np.array([r[key] for r in rows], dtype=float)
           for key in ("start", "qd", "qc", "ed", "ec", "ed_li", "r", "z", "zv", "zv_li")}
    if s.vs_li_why:  # (the states' rows too: their energy is the cell's)
        col["ed_li"][:] = np.nan
    unsaved = [k + 1 for k, r in enumerate(rows) if not r["saved"]]
    if unsaved and not s.energy_states:
        warnings.warn(f"the energies of cycles {number_runs(unsaved)}, whose time series was not kept "
                      f"(save_at_cycles), are NaN: {NO_ENERGY}; build the model with that option to have them",
                      UserWarning, stacklevel=2)
    undefined = reference_cycle is None and _default_reference_undefined(col["qd"], bool(s.cycles), (
        solved_descriptions(solution) if experiment is None else _descriptions_of(experiment)))
    ref = DEFAULT_REFERENCE_CYCLE if undefined else _check_reference(
        DEFAULT_REFERENCE_CYCLE if reference_cycle is None else reference_cycle, len(rows))
    mass, volume, mass_d, volume_d, no_discharged = _masses(s, electrode, mass_g, volume_L, discharged_porosity)
    out = _electrode_columns(col, mass, volume, mass_d, volume_d)
    with np.errstate(divide="ignore", invalid="ignore"):
        cell_wh_kg_electrode = col["ed"] * 1e3 / mass  # the cell's energy, per kg of electrode
    cell_columns, cell_name, limited = _cell_columns(cell, electrode, mass, area_cm2, s, cell_wh_kg_electrode,
                                                       out[ESC], mass_g is not None)
    out.update(cell_columns)
    if not undefined:
        out[RETENTION] = _retention_column(col["qd"], ref)
    else:  # the default reference past a one-cycle solution, or a cycle 2 that delivered nothing
        warnings.warn(undefined, RetentionUndefinedWarning, stacklevel=2)
        out[RETENTION] = np.full(len(rows), np.nan)
    out["Resistance [Ohm]"] = col["r"]
    out.update(_loss_columns(s, start_state, end_states))
    out[LITHIATION_AFTER_CHARGE] = col["z"]
    stranded = _stranded(col["z"], col["zv"], col["zv_li"])
    if stranded:
        warnings.warn(stranded, StrandedDispersedMaterialWarning, stacklevel=2)
    out["Time series saved"] = np.array([bool(r["saved"]) for r in rows], dtype=bool)
    columns = SUMMARY_COLUMNS
    if steps is not None:
        out[CYCLE_STEPS], columns = steps, [*SUMMARY_COLUMNS, CYCLE_STEPS]

    df = CycleTable(out, index=pd.RangeIndex(1, len(rows) + 1, name="Cycle number"))[columns]
    df.attrs.update({
        MASS: mass,
        VOLUME: volume,
        "Discharged electrode mass [g]": mass_d,
        "Discharged electrode volume [L]": volume_d,
        "Reference cycle": ref,
        "Resistance method": s.r_method,
        "Energy source": s.e_source,
        "Lost lithium source": s.lli_var or (" + ".join(s.balance_vars) + " balance" if s.balance_vars else None),
        "Lost active material source": s.lam_var,
        "Cell": cell_name,
    })
    # every column NaN in every cycle, with the reason (the discharged basis without electrode=, the cell figures
    # without cell=, ...): said here, not warned
    undefined_columns = _undefined_columns(df, s, no_discharged, undefined or "", limited)
    df.attrs["Undefined"] = undefined_columns
    if include_pybamm_summary:
        extra = pybamm_summary(s.solution)
        if not extra.empty:
            attrs = dict(df.attrs, Undefined={**undefined_columns, **extra.attrs["Undefined"]})
            df = df.join(extra.drop(columns=[c for c in extra.columns if c in df.columns]), how="left")
            df.attrs = attrs
    return df


def _descriptions_of(experiment):
    """The step strings per cycle of ``experiment`` (a ``pybamm.Experiment`` or its list of cycles, already read by
    :func:`_cycle_steps`)."""
    import pybamm

    return step_descriptions(experiment if isinstance(experiment, pybamm.Experiment) else pybamm.Experiment(experiment))


def _cycle_steps(s, experiment):
    """Each of the solution's cycles as its experiment cycle's step strings joined by "; " (``experiment``: a
    ``pybamm.Experiment`` or the list one is made of)."""
    if not s.cycles:
        raise ValueError("experiment= names the cycles of a pybamm.Experiment's solution; this solution has no "
                         "experiment cycles (its rows are the kernel's)")
    import pybamm

    if not isinstance(experiment, pybamm.Experiment):  # the list a pybamm.Experiment is made of
        if isinstance(experiment, str) or not isinstance(experiment, (list, tuple)):
            raise ValueError(f"experiment={experiment!r}: give the pybamm.Experiment the solution ran, or the list "
                             "of cycles (step strings or tuples of them) it was made of")
        try:
            experiment = pybamm.Experiment(experiment)
        except Exception as err:
            from .models.step_checks import experiment_text_advice

            advice = experiment_text_advice(experiment)  # (a C-rate as a fraction, a temperature in the text)
            raise ValueError(f"experiment=: {advice}" if advice else
                             f"experiment={experiment!r} is not a pybamm.Experiment's list of cycles: {err}") from err
    descriptions = step_descriptions(experiment)
    try:
        numbers = experiment_cycle_numbers(s.solution, descriptions)
    except ValueError as err:
        raise ValueError(f"experiment=: {err}") from err
    return np.array(["; ".join(descriptions[n - 1]) for n in numbers], dtype=object)


def _stranded(z, v, v_li):
    """What :class:`StrandedDispersedMaterialWarning` says of the cycles whose charge left more than
    :data:`STRANDED_LITHIATION_LIMIT` of the dispersed material lithiated (``z``: per cycle, NaN unknown), or "";
    ``v``, ``v_li``: the cell's voltage and the cathode's against Li [V] where each cycle's charge ended (the charge
    is named by the cut-off the experiment wrote, the cell's: 2.4 V on Li-In, 3.02 V against Li)."""
    with np.errstate(invalid="ignore"):
        over = np.flatnonzero(z > STRANDED_LITHIATION_LIMIT)
    if not over.size:
        return ""
    worst = int(over[np.argmax(z[over])])
    end = f"{v[worst]:.3g} V"
    if math.isfinite(v_li[worst]) and abs(v_li[worst] - v[worst]) > 1e-9:  # (Li-In: the cathode's too)
        end += f" ({v_li[worst]:.3g} V vs Li)"
    return (f"the charge of cycle{'s' if over.size > 1 else ''} {number_runs([int(c) + 1 for c in over])} left the "
            f"dispersed material up to {z[worst]:.3g} lithiated (cycle {worst + 1}; above {STRANDED_LITHIATION_LIMIT:g}"
            " of it, capacity the next discharge finds spent); in the heavier S-LMS designs the host's ionic switch "
            f"(its Li0 layer at the separator) ends a charge to {end} before the sulfur gave its Li back. A slower "
            "charge empties it (48.75 wt% S8 at 60 C: all of it at 0.02C), a hold at the upper cut-off hardly "
            f"(column {LITHIATION_AFTER_CHARGE!r}; docs/known_limits.rst, \"Hybrids charged to 3 V: sulfur left "
            "lithiated\")")


def _from_states(summary, r_method, tol, before):
    """Capacities, energies, start time and resistance of a cycle from its first and last states (``before``: the
    point just before the cycle, for the "jump" resistance, as :meth:`_Series.before`)."""
    nan = math.nan
    row = dict(start=nan, qd=nan, qc=nan, ed=nan, ec=nan, ed_li=nan, r=nan, saved=False)
    if summary is None:
        return row
    fs, ls = summary.first_state, summary.last_state
    row["start"] = float(np.asarray(fs.t).reshape(-1)[0])
    variables = _model_variables(fs)

    def d(name):
        if name not in variables:
            return nan
        return _state_value(ls, name) - _state_value(fs, name)

    net_q, thr_q = d("Discharge capacity [A.h]"), d("Throughput capacity [A.h]")
    # (0 - 0 = 0 W.h, not the energy, from a model that integrates none)
    net_e, thr_e = (d("Discharge energy [W.h]"), d("Throughput energy [W.h]")) if integrates_energy(fs) else (nan, nan)
    row["qd"], row["qc"] = max(0.5 * (thr_q + net_q), 0.0), max(0.5 * (thr_q - net_q), 0.0)
    row["ed"], row["ec"] = max(0.5 * (thr_e + net_e), 0.0), max(0.5 * (thr_e - net_e), 0.0)
    for key in ("qd", "qc", "ed", "ec"):  # max() drops nan: restore it
        if not math.isfinite(thr_q if key in ("qd", "qc") else thr_e):
            row[key] = nan
    row["ed_li"] = row["ed"]
    if DISCHARGE_ENERGY_VS_LI in variables:  # the cathode's against Li (Li-In: + the anode's OCP)
        net_li, thr_li = d(DISCHARGE_ENERGY_VS_LI), d(THROUGHPUT_ENERGY_VS_LI)
        row["ed_li"] = max(0.5 * (thr_li + net_li), 0.0) if math.isfinite(thr_li) else nan
    i0 = _state_value(fs, "Current [A]")
    if i0 > tol:  # the cycle opens with its discharge step
        if r_method == "overpotential" and TOTAL_OVERPOTENTIAL in variables:
            row["r"] = _state_value(fs, TOTAL_OVERPOTENTIAL) / i0
        elif r_method == "jump":
            row["r"] = _jump(before, _state_value(fs, "Voltage [V]"), i0, tol)
    return row


# ---------------------------------------------------------------------------------------------------
# PyBaMM's summary variables
# ---------------------------------------------------------------------------------------------------

#: PyBaMM's lithium-ion summary variables that, in its half cell ({"working electrode": "positive"}), count the Li
#: its Li-metal counter electrode gives the cathode as Li gained and the Li it takes back as Li lost: NaN in
#: :func:`pybamm_summary` there, with :data:`HALF_CELL_LITHIUM_LOSS_UNDEFINED` as the reason. The AEA model defines
#: these names itself (:mod:`pybamm_aea.models.summary`: its lost Li as a share of the cathode's initial capacity)
HALF_CELL_LITHIUM_LOSS = ("Loss of lithium inventory [%]", "Loss of lithium inventory, including electrolyte [%]",
                          "Total lithium lost [mol]", "Total lithium lost from particles [mol]")
#: why :data:`HALF_CELL_LITHIUM_LOSS` are NaN for PyBaMM's half cell (``DataFrame.attrs["Undefined"]`` says it)
HALF_CELL_LITHIUM_LOSS_UNDEFINED = (
    "PyBaMM's half cell counts the cell's Li without its Li-metal counter electrode, so the Li that electrode gives "
    "the cathode on discharge reads as Li gained (and its \"Loss of lithium inventory [%]\" divides by the cathode's "
    "initial Li, which a cathode made empty hardly has: docs/known_limits.rst); the Li lost to side reactions is "
    "\"Total lithium lost to side reactions [mol]\" (cycle_summary's \"Lost lithium [mol]\")")


def _pybamm_half_cell(solution):
    """Whether ``solution`` is of PyBaMM's lithium-ion half cell (its option "working electrode": "positive")."""
    import pybamm

    model = solution.all_models[0]
    return isinstance(model, pybamm.lithium_ion.BaseModel) and model.options["working electrode"] == "positive"


def pybamm_summary(solution):
    """PyBaMM's own per-cycle summary variables (``solution.summary_variables``) as a DataFrame.

    Parameters
    ----------
    solution : pybamm.Solution
        Normally from a ``pybamm.Experiment`` (PyBaMM computes summary variables only then).

    Returns
    -------
    pandas.DataFrame
        Index "Cycle number" (1-based), one column per summary variable of the model
        (``model.summary_variables``: for the AEA model "Average cathode Li content", "Total lithium in
        cathode [mol]", "Cathode Li0 film thickness [m]", "Throughput capacity [A.h]", each at the end of the
        cycle, in the unit of its name) and its "Change in ..." over the cycle; plus PyBaMM's eSOH
        variables for its lithium-ion models. Available for every cycle, also those whose time series
        was not kept (``save_at_cycles``). An empty DataFrame (same index name) if the solution has no
        per-cycle summary variables. For PyBaMM's half cell (``{"working electrode": "positive"}``, the S-C/LGPS
        cell), :data:`HALF_CELL_LITHIUM_LOSS` ("Loss of lithium inventory [%]", ...) and their "Change in ..." are
        NaN, with the reason in ``DataFrame.attrs["Undefined"]`` ({column: reason}): PyBaMM's numbers there take the
        Li the counter electrode supplies as gained (:data:`HALF_CELL_LITHIUM_LOSS_UNDEFINED`). Any other column NaN
        in every cycle (a variable the model gives no value for the cell) is said there too, with what it is
        (:func:`_said_undefined`, as :func:`cycle_summary`'s columns).
    """
    empty = pd.DataFrame(index=pd.RangeIndex(0, 0, name="Cycle number"))
    empty.attrs["Undefined"] = {}
    sv = getattr(solution, "summary_variables", None)
    if sv is None or not getattr(sv, "cycles", None):
        return empty
    data = {}
    for name in sv.all_variables:
        try:
            values = np.asarray(sv[name], dtype=float).reshape(-1)
        except Exception:  # noqa: BLE001 - a variable PyBaMM cannot evaluate is left out
            continue
        data[name] = values
    undefined = {}
    if _pybamm_half_cell(solution):
        for name in HALF_CELL_LITHIUM_LOSS:
            for column in (name, "Change in " + name[0].lower() + name[1:]):
                if column in data:
                    data[column] = np.full(data[column].shape, np.nan)
                    undefined[column] = HALF_CELL_LITHIUM_LOSS_UNDEFINED
    numbers_ = np.asarray(sv["Cycle number"], dtype=int)
    table = pd.DataFrame(data, index=pd.Index(numbers_, name="Cycle number"))
    # every column NaN in every cycle, with the reason: the half cell's Li loss, else what PyBaMM computed it from
    table.attrs["Undefined"] = _said_undefined(table, undefined.get, lambda column: _summary_nan(table, column))
    return table


def _summary_nan(table, column):
    """Why a column of :func:`pybamm_summary`'s ``table`` is NaN in every cycle when no reason of its own is known:
    PyBaMM's "Change in ..." of a variable NaN throughout is that variable's; a summary variable is the model's
    variable of that name at each cycle's end, NaN there in every cycle."""
    for name in table.columns:
        if column == "Change in " + name[0].lower() + name[1:] and table[name].isna().all():
            return f"the change over each cycle of {name!r}, which is NaN in every cycle too"
    return (f"PyBaMM's summary variable {column!r} is the model's variable of that name at each cycle's end, and it "
            f"is NaN there in every cycle: the model gives it no value for this cell (solution[{column!r}] shows "
            "where it is NaN)")


# ---------------------------------------------------------------------------------------------------
# plot
# ---------------------------------------------------------------------------------------------------

def _why_nan(table, column):
    """Why a cycle_summary ``column`` is NaN throughout, as " (reason)": its ``attrs["Undefined"]``
    (:func:`_undefined_columns`); "" for a table without it (one read back from a file)."""
    why = (table.attrs.get("Undefined") or {}).get(column)
    return f" ({why})" if why else ""


def plot_cycle_life(summaries, labels=None, ax=None, quantity="Electrode gravimetric energy [W.h.kg-1]",
                    title=None):
    """Capacity retention [%] and an energy density vs cycle number for several cells, two panels.

    Parameters
    ----------
    summaries : pandas.DataFrame, list of DataFrames or dict label -> DataFrame
        Tables of :func:`cycle_summary` (index "Cycle number"; columns "Capacity retention [%]" and
        ``quantity``).
    labels : list of str, optional
        One legend label per table (default: the dict keys, else "cell 1", "cell 2", ...).
    ax : pair of matplotlib Axes, optional
        Draw into these (left: retention, right: ``quantity``); default: a new figure.
    quantity : str
        Column for the right panel, default "Electrode gravimetric energy [W.h.kg-1]" (electrode
        level, charged basis); e.g. "Electrode volumetric energy [W.h.L-1]", "Cell gravimetric
        energy [W.h.kg-1]" or "Electrode specific capacity [mA.h.g-1]". A table whose column is NaN on every
        cycle (a PyBaMM solution without "Cathode electrode mass [g]": give ``cycle_summary(..., mass_g=...)``)
        has no line there, with a UserWarning saying which and why.
    title : str, optional
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
        A new figure is made with ``matplotlib.pyplot.figure``, as PyBaMM's plotting functions
        do, so ``plt.savefig(path)`` and ``plt.show()`` see it (as does ``fig.savefig(path)``);
        in a loop, close it with ``plt.close(fig)``.
    """
    if isinstance(summaries, pd.DataFrame):
        tables, default_labels = [summaries], ["cell 1"]
    elif isinstance(summaries, dict):
        tables, default_labels = list(summaries.values()), [str(k) for k in summaries]
    else:
        tables = list(summaries)
        default_labels = [f"cell {k + 1}" for k in range(len(tables))]
    if not tables:
        raise ValueError("summaries is empty: give at least one cycle_summary table")
    if labels is None:
        labels = default_labels
    labels = [str(lb) for lb in labels]
    if len(labels) != len(tables):
        raise ValueError(f"{len(labels)} labels for {len(tables)} tables")
    for k, tab in enumerate(tables):
        if not isinstance(tab, pd.DataFrame):
            raise TypeError(f"summaries[{k}] must be a pandas DataFrame, got {type(tab).__name__}")
        for column in ("Capacity retention [%]", quantity):
            if column not in tab.columns:
                raise ValueError(
                    f"summaries[{k}] ({labels[k]!r}) has no column {column!r}; columns: {list(tab.columns)}"
                    + did_you_mean(column, tab.columns)
                )

    for tab, label in zip(tables, labels):
        for column in ("Capacity retention [%]", quantity):
            if not np.isfinite(tab[column].to_numpy(dtype=float)).any():
                warnings.warn(f"{label!r}: {column!r} is NaN on every cycle, so its panel has no line for it"
                              + _why_nan(tab, column), UserWarning, stacklevel=2)

    if ax is None:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=(10, 4), layout="constrained")
        ax_ret, ax_q = fig.subplots(1, 2)
    else:
        try:
            ax_ret, ax_q = ax
        except (TypeError, ValueError):
            raise ValueError("ax must be a pair of matplotlib Axes (retention, quantity)") from None
        fig = ax_ret.figure

    for tab, label in zip(tables, labels):
        x = np.asarray(tab.index, dtype=float)
        style = dict(marker="o", markersize=3, linewidth=1.2, label=label)
        line, = ax_ret.plot(x, tab["Capacity retention [%]"].to_numpy(dtype=float), **style)
        ax_q.plot(x, tab[quantity].to_numpy(dtype=float), color=line.get_color(), **style)
        ref = tab.attrs.get("Reference cycle")
        if ref is not None and ref in tab.index:
            ax_ret.plot([ref], [100.0], marker="s", markersize=6, markerfacecolor="none",
                        color=line.get_color())
    refs = {tab.attrs.get("Reference cycle") for tab in tables}
    ref_txt = f" (vs cycle {refs.pop()})" if len(refs) == 1 and None not in refs else ""
    ax_ret.set_xlabel("Cycle number")
    ax_ret.set_ylabel(f"Capacity retention [%]{ref_txt}")
    ax_ret.axhline(100.0, color="0.6", linewidth=0.8, linestyle=":")
    ax_q.set_xlabel("Cycle number")
    ax_q.set_ylabel(quantity)
    from matplotlib.ticker import MaxNLocator

    for a in (ax_ret, ax_q):
        a.grid(True, alpha=0.3)
        a.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax_ret.legend(loc="best", fontsize="small")
    if title:
        fig.suptitle(title)
    return fig
