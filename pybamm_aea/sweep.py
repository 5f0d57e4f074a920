"""Design sweeps of AEA cells: a grid (or a sample) of designs through the AEA model and the energy model.

``pybamm_aea.sweep.sweep(grid, ...)``, also callable as ``pybamm_aea.sweep(grid, ...)`` (this module is callable).

:func:`sweep` evaluates every point of a grid (names -> lists of values, Cartesian product) or of an explicit
sample (a ``pandas.DataFrame`` or a list of dicts, one design per row) with one ``pybamm.Simulation`` per worker
process: every swept parameter is a PyBaMM input parameter (``"[input]"``), so the model is built and
discretised once per worker and each point is only a solve (about 10 ms for a 0.1C discharge of the paper's LMS
cell on this project's machine). It returns a tidy ``pandas.DataFrame``, one row per point.

Grid names
----------
- any PyBaMM parameter of the set, with its units, e.g. ``"Cathode loading [kg.m-2]"``, ``"Cathode porosity"``,
  ``"Ambient temperature [K]"``, ``"Separator layer 1 thickness [m]"`` (a swept function parameter becomes a
  constant). ``"Ambient temperature [K]"`` is passed through an input of another name, because PyBaMM refuses
  input parameters called like the ones an experiment controls; the effect is the same.
- derived inputs:

  - ``"Stack pressure [MPa]"``: sets ``"Cathode porosity"`` from the compaction law of the cathode under that
    pressure (:func:`pybamm_aea.energy.porosity`, branch ``"loading"``; data set chosen from the parameter set,
    see :data:`COMPACTION_SETS`, or the ``compaction=`` argument). Outside the measured 36-360 MPa the fitted law
    extrapolates, and the point's ``warnings`` column says so.
  - ``"C-rate"``: the discharge (and charge) rate. The experiment's C-rate steps are written at
    ``reference_c_rate`` (0.1C by default, the paper's rate); a point at C-rate ``c`` runs them at
    ``c / reference_c_rate`` times that rate (through the nominal capacity PyBaMM turns C-rates into currents
    with, an input parameter too). With the default experiment that is simply "Discharge at cC until the lower
    cut-off". The rate capability column needs the reference-rate point of each design: if ``reference_c_rate``
    is not among the swept C-rates it is added (those rows are in the table too).
  - ``"S8 mass fraction"``: for the hybrid S8-in-Mo6S8 sets (``"Li2021_S_Mo6S8"``), passed to the set's
    ``"Dispersed material mass fraction"`` when its dispersed material is S8 (or to a parameter of that name); any
    other set is a ``SweepConfigError`` naming it. ``"Dispersed material mass fraction"`` itself can be swept on
    any hybrid set (e.g. the Li4Ti5O12 fraction of ``"Li2021_LTO_Mo6S8"``).
  - ``"Cathode thickness [um]"``: sets the loading from the thickness, host density and porosity of the point.
  - AEA model options (``"anode"``, ``"hysteresis"``, ``"ionic switch"``, ``"electronic conduction"``): one model
    build per distinct value and worker (options cannot be input parameters).

``"Nominal cell capacity [A.h]"`` (the C-rate basis) is scaled with the loading (and with the theoretical
capacity of the composition, :class:`pybamm_aea.energy.Electrode`, when the S8 or dispersed-material fraction is
swept), so 0.1C stays 0.1C of each design.

Output columns
--------------
The inputs (as given), ``"Cathode porosity"`` when derived from the pressure, ``"Cathode loading [kg.m-2]"`` when
derived from the thickness, then ``"ESC [mA.h.g-1]"`` (mAh per g of the whole electrode, last discharge of the
experiment), ``"First discharge ESC [mA.h.g-1]"``, ``"Discharge capacity [mA.h]"``, ``"Average discharge voltage
[V]"``, ``"Electrode energy [W.h.kg-1]"`` and ``"Electrode energy [W.h.L-1]"`` (last discharge; per mass and
volume of the cathode electrode from the model's ``"Cathode electrode mass [g]"`` and ``"Cathode electrode volume
[L]"``), ``"Discharged-basis energy [W.h.kg-1]"`` / ``"[W.h.L-1]"`` (the same energy per mass and volume of the
lithiated electrode, :meth:`pybamm_aea.energy.Electrode.lithiated`, when the set's composition is known, see
:data:`SET_COMPOSITIONS`), ``"Rate capability"`` (capacity at the point's C-rate over the capacity at the reference
rate, same design; only when C-rate is swept), ``"Capacity retention"`` (last discharge over the second one when the
experiment has >= 3 discharges, the paper's "compared with the 2nd cycle"; over the first with 2; absent with 1),
``"Number of discharges"``, ``"Solve time [s]"`` (the integration of this point), ``"Setup time [s]"`` (building and
warming up the worker's simulation, charged to the first point a worker runs for a configuration; 0 for the
others), ``"error"`` (None, or the message: failed points keep their inputs and are never dropped) and
``"warnings"``.

Parallelism
-----------
``workers=1``: serial, in this process. Otherwise a local ``concurrent.futures.ProcessPoolExecutor`` with
``workers`` processes (default: all cores), fed with batches of points; with the ``fork`` start method (default on
Linux) the simulation is built once in this process before the workers start, and they inherit it. ``client=`` a
``dask.distributed.Client``: the same batches go through ``client.map`` (the cluster is Dask's business; there is
no scheduler here). In every case a worker process builds its simulation at most once (a per-process cache) and
reuses it for every later batch, also across ``sweep`` calls with the same set, options, experiment and inputs.
Parameter values and experiments travel to the workers pickled: a ``compaction`` callable must be a module-level
function for parallel runs.

Resuming
--------
``results_file`` (``.csv``, or ``.parquet`` if pyarrow is installed): every finished batch is appended as it
arrives. Called again with the same file, points already in it (same input values) are not run again; their rows
are read back into the returned table. Failed points count as done unless ``retry_failed=True``.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
import difflib
import hashlib
import itertools
import math
import os
from pathlib import Path
import pickle
import sys
import time
import types
import warnings

import numpy as np
import pandas as pd

from pybamm_aea.readout import capacity_retention, discharge_steps  # one definition, re-exported here

__all__ = [
    "sweep",
    "expand_grid",
    "discharge_steps",
    "capacity_retention",
    "DERIVED_INPUTS",
    "OPTION_INPUTS",
    "COMPACTION_SETS",
    "SET_COMPOSITIONS",
    "RESULT_COLUMNS",
    "SweepConfigError",
]

#: Grid names that are not PyBaMM parameters but are turned into parameters (see the module docstring).
DERIVED_INPUTS = ("Stack pressure [MPa]", "C-rate", "S8 mass fraction", "Cathode thickness [um]")
#: Grid names that are AEA model options (one build per distinct value).
OPTION_INPUTS = ("anode", "hysteresis", "ionic switch", "electronic conduction")
#: Parameter set -> compaction data set of :func:`pybamm_aea.energy.porosity` used for "Stack pressure [MPa]".
COMPACTION_SETS = {
    "Li2021_Mo6S8": "Mo6S8",
    "Li2021_S_Mo6S8": "S-LMS",
    "Li2021_LTO_Mo6S8": "Mo6S8",  # no LTO-LMS compaction data: the Mo6S8 network's (assumption)
}
#: Parameter set -> solid composition (mass fractions) of its cathode, for the discharged basis and the scaling of
#: the nominal capacity. A callable takes the point's mass fraction of the dispersed material of a hybrid set
#: (S8 or Li4Ti5O12; None when not swept) and returns the composition.
SET_COMPOSITIONS = {
    "Li2021_Mo6S8": {"Mo6S8": 1.0},
    "Li2021_TiS2": {"TiS2": 1.0},
    "Li2021_S_Mo6S8": lambda w: {"S8": 0.325 if w is None else w, "Mo6S8": 1.0 - (0.325 if w is None else w)},
    "Li2021_LTO_Mo6S8": lambda w: {"Li4Ti5O12": 0.40 if w is None else w, "Mo6S8": 1.0 - (0.40 if w is None else w)},
}
#: Metric columns of the result table, in order (inputs come first).
RESULT_COLUMNS = (
    "ESC [mA.h.g-1]",
    "First discharge ESC [mA.h.g-1]",
    "Discharge capacity [mA.h]",
    "Average discharge voltage [V]",
    "Electrode energy [W.h.kg-1]",
    "Electrode energy [W.h.L-1]",
    "Discharged-basis energy [W.h.kg-1]",
    "Discharged-basis energy [W.h.L-1]",
    "Rate capability",
    "Capacity retention",
    "Number of discharges",
    "Solve time [s]",
    "Setup time [s]",
    "error",
    "warnings",
)

_TEMPERATURE_PARAMS = ("Ambient temperature [K]", "Initial temperature [K]")
_TEMPERATURE_ALIAS = " (sweep input)"
_NOMINAL = "Nominal cell capacity [A.h]"
_S8_NAME = "S8 mass fraction"
_DISPERSED = "Dispersed material mass fraction"


class SweepConfigError(ValueError):
    """A grid, experiment or parameter-set problem found before any point runs."""


# ------------------------------------------------------------------------------------------------ grid handling
def _parse_number(value):
    if isinstance(value, (bool, np.bool_)):
        return value
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    return value


def expand_grid(grid):
    """The list of points (dicts name -> value) of a grid or a sample.

    Parameters
    ----------
    grid : Mapping, pandas.DataFrame or sequence of Mappings
        A mapping name -> list of values gives the Cartesian product, in the order of the mapping (the last name
        varies fastest); a scalar value counts as a one-element list. A DataFrame (one design per row) or a list of
        dicts is taken as an explicit sample of designs.

    Returns
    -------
    (names, points) : (list of str, list of dict)
    """
    if isinstance(grid, pd.DataFrame):
        names = [str(c) for c in grid.columns]
        points = [{n: _parse_number(v) for n, v in zip(names, row)} for row in grid.itertuples(index=False)]
        return names, points
    if isinstance(grid, Mapping):
        names = [str(k) for k in grid]
        values = []
        for name, vals in grid.items():
            if isinstance(vals, (str, bytes)) or not isinstance(vals, (Sequence, np.ndarray, pd.Series, range)):
                vals = [vals]
            vals = [_parse_number(v) for v in vals]
            if not vals:
                raise SweepConfigError(f"grid entry {name!r} has no values")
            values.append(vals)
        points = [dict(zip(names, combo)) for combo in itertools.product(*values)]
        return names, points
    if isinstance(grid, Sequence) and all(isinstance(p, Mapping) for p in grid):
        names = list(dict.fromkeys(str(k) for p in grid for k in p))
        points = []
        for i, p in enumerate(grid):
            missing = [n for n in names if n not in p]
            if missing:
                raise SweepConfigError(f"sample point {i} lacks {missing}; every point must give every name {names}")
            points.append({n: _parse_number(p[n]) for n in names})
        return names, points
    raise SweepConfigError(
        f"grid must be a mapping name -> list of values, a pandas DataFrame or a list of dicts, got {type(grid).__name__}"
    )


def _point_key(point, names):
    """A hashable identity of a point: values rounded to 12 significant digits (CSV round trips are exact anyway)."""
    key = []
    for n in names:
        v = point[n]
        if isinstance(v, (float, int, np.floating, np.integer)) and not isinstance(v, (bool, np.bool_)):
            v = float(v)
            key.append(("f", float(f"{v:.12g}") if math.isfinite(v) else repr(v)))
        else:
            key.append(("s", str(v)))
    return tuple(key)


# ------------------------------------------------------------------------------------------------ configuration
def _experiment_steps(experiment):
    """Picklable description of an experiment: a pybamm.Experiment as given, or a list of str / tuples of str."""
    if experiment is None:
        return None
    if isinstance(experiment, str):
        return [experiment]
    import pybamm

    if isinstance(experiment, pybamm.Experiment):
        return experiment
    out = []
    for item in experiment:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, (tuple, list)) and all(isinstance(s, str) for s in item):
            out.append(tuple(item))
        else:
            raise SweepConfigError(
                f"experiment must be PyBaMM step strings (or tuples of them, one per cycle), got {item!r}"
            )
    return out


def _make_experiment(steps):
    import pybamm

    if isinstance(steps, pybamm.Experiment):
        return steps.copy()
    return pybamm.Experiment(steps)


def _is_sulfur_dispersed(values):
    """True if the set is an S8 hybrid: a dispersed material with the library's S8 capacity, present (mass
    fraction > 0; single-host sets carry an inert placeholder at fraction 0)."""
    from pybamm_aea.energy import get_material

    try:
        capacity = float(values["Dispersed material specific capacity [A.h.kg-1]"])
        fraction = float(values[_DISPERSED])
    except (KeyError, TypeError, ValueError):
        return False
    return fraction > 0 and math.isclose(capacity, get_material("S8").specific_capacity, rel_tol=1e-6)


def _resolve_s8_parameter(values, set_name):
    """The set's parameter standing for the S8 mass fraction, or a SweepConfigError naming the problem."""
    keys = values.keys()
    if _S8_NAME in keys:
        return _S8_NAME
    if _DISPERSED in keys and _is_sulfur_dispersed(values):
        return _DISPERSED
    candidates = [k for k in keys if "s8 mass fraction" in k.lower()]
    if len(candidates) == 1:
        return candidates[0]
    what = ("it is not an S8 hybrid (no S8 dispersed in its host)" if _DISPERSED in keys
            else "it has no S8 mass-fraction parameter")
    raise SweepConfigError(
        f"'S8 mass fraction' is an input of the hybrid S8-Mo6S8 sets (e.g. 'Li2021_S_Mo6S8'); parameter set "
        f"{set_name!r} cannot take it: {what}"
    )


def _composition_for(set_name, s8_fraction):
    comp = SET_COMPOSITIONS.get(set_name)
    if comp is None:
        return None
    return comp(s8_fraction) if callable(comp) else dict(comp)


def _theoretical_capacity(set_name, s8_fraction):
    """Theoretical ESC (mAh/g) of the set's composition at an S8 fraction (energy model), None if unknown."""
    comp = _composition_for(set_name, s8_fraction)
    if comp is None:
        return None
    from pybamm_aea.energy import Electrode

    return Electrode(comp, 0.0).specific_capacity


def _build_config(names, points, parameter_set, experiment, options, compaction, reference_c_rate):
    """Validate the grid against the parameter set and return the picklable configuration of the workers."""
    import pybamm

    from pybamm_aea.models.aea import AEAOptions

    if not isinstance(parameter_set, str):
        raise SweepConfigError(f"parameter_set must be the name of a registered parameter set, got {parameter_set!r}")
    try:
        values = pybamm.ParameterValues(parameter_set)
    except Exception as exc:  # unknown set
        raise SweepConfigError(f"unknown parameter set {parameter_set!r}: {exc}") from exc
    options = dict(options or {})
    try:
        AEAOptions(options)
    except pybamm.OptionError as exc:
        raise SweepConfigError(str(exc)) from exc

    keys = set(values.keys())
    parameters, derived, option_names = [], [], []
    for n in names:
        if n in OPTION_INPUTS:
            option_names.append(n)
        elif n in DERIVED_INPUTS:
            derived.append(n)
        elif n in keys:
            parameters.append(n)
        else:
            close = difflib.get_close_matches(n, sorted(keys) + list(DERIVED_INPUTS) + list(OPTION_INPUTS), n=3)
            hint = f"; did you mean {close}?" if close else ""
            raise SweepConfigError(
                f"grid name {n!r} is neither a parameter of {parameter_set!r} nor a derived input "
                f"{list(DERIVED_INPUTS)} nor an AEA option {list(OPTION_INPUTS)}{hint}"
            )
    for n in option_names:
        for p in points:
            if p[n] not in AEAOptions.POSSIBLE[n]:
                raise SweepConfigError(f"option {n!r} cannot be {p[n]!r}; possible values: {AEAOptions.POSSIBLE[n]}")
    for n in parameters + [d for d in derived]:
        bad = [p[n] for p in points if not isinstance(p[n], float)]
        if bad:
            raise SweepConfigError(f"grid values of {n!r} must be numbers, got {bad[:3]}")
    conflicts = [
        ("Stack pressure [MPa]", "Cathode porosity"),
        ("Cathode thickness [um]", "Cathode loading [kg.m-2]"),
        ("C-rate", _NOMINAL),
        ("C-rate", "Current function [A]"),
    ]
    for a, b in conflicts:
        if a in names and b in names:
            raise SweepConfigError(f"{a!r} sets {b!r}: sweep one of them, not both")
    if "Current function [A]" in names:
        raise SweepConfigError("the experiment sets the current: sweep 'C-rate' instead of 'Current function [A]'")

    s8_param = _resolve_s8_parameter(values, parameter_set) if _S8_NAME in names else None
    if s8_param is not None and s8_param in names:
        raise SweepConfigError(f"'S8 mass fraction' sets {s8_param!r}: sweep one of them, not both")
    # the grid name that carries the dispersed-material mass fraction (for the nominal capacity and composition)
    fraction_name = _S8_NAME if s8_param is not None else (_DISPERSED if _DISPERSED in names else None)
    fraction_param = s8_param if s8_param is not None else (_DISPERSED if _DISPERSED in names else None)

    compaction_set = None
    if "Stack pressure [MPa]" in names:
        compaction_set = compaction if compaction is not None else COMPACTION_SETS.get(parameter_set)
        if compaction_set is None:
            raise SweepConfigError(
                f"no compaction data known for {parameter_set!r}: pass compaction='Mo6S8', 'S-LMS' or 'S-C-LGPS' "
                "(or a function pressure_MPa -> porosity) to sweep 'Stack pressure [MPa]'"
            )

    # the experiment: default is a discharge at the reference rate to the set's lower cut-off
    if experiment is None:
        try:
            low = float(values["Lower voltage cut-off [V]"])
        except KeyError as exc:
            raise SweepConfigError(f"{parameter_set!r} has no 'Lower voltage cut-off [V]' for the default experiment") from exc
        steps = [f"Discharge at {reference_c_rate:g}C until {low:g} V"]
    else:
        steps = _experiment_steps(experiment)
        if not isinstance(steps, pybamm.Experiment) and not steps:
            raise SweepConfigError("the experiment has no steps")
    try:
        exp = _make_experiment(steps)
    except Exception as exc:
        raise SweepConfigError(f"invalid experiment {steps!r}: {exc}") from exc
    temperature_swept = [n for n in _TEMPERATURE_PARAMS if n in names]
    if temperature_swept and any(getattr(s, "temperature", None) is not None for s in exp.steps):
        raise SweepConfigError(
            f"the experiment sets the temperature in its steps, so {temperature_swept[0]!r} cannot be swept"
        )

    nominal = values[_NOMINAL] if _NOMINAL in keys else None
    if not isinstance(nominal, (int, float)):
        nominal = None
    input_names = set(parameters)
    if "Stack pressure [MPa]" in names:
        input_names.add("Cathode porosity")
    if "Cathode thickness [um]" in names:
        input_names.add("Cathode loading [kg.m-2]")
    if s8_param is not None:
        input_names.add(s8_param)
    if nominal is not None:
        input_names.add(_NOMINAL)
    return {
        "parameter_set": parameter_set,
        "options": options,
        "steps": steps,
        "n_steps": len(exp.steps),
        "input_names": sorted(input_names),
        "names": list(names),
        "parameters": parameters,
        "option_names": option_names,
        "s8_param": s8_param,
        "compaction": compaction_set,
        "reference_c_rate": float(reference_c_rate),
        "nominal": nominal,
        "loading0": float(values["Cathode loading [kg.m-2]"]) if "Cathode loading [kg.m-2]" in keys else None,
        "porosity0": float(values["Cathode porosity"]) if "Cathode porosity" in keys else None,
        "host_density": (float(values["Cathode host density [kg.m-3]"])
                         if "Cathode host density [kg.m-3]" in keys else None),
        "fraction_name": fraction_name,
        "fraction0": (float(values[fraction_param]) if fraction_param is not None
                      and isinstance(values[fraction_param], (int, float)) else None),
    }


def _config_key(config, options):
    blob = pickle.dumps((config["parameter_set"], sorted(options.items()), config["steps"], config["input_names"]))
    return hashlib.sha1(blob).hexdigest()


# ------------------------------------------------------------------------------------------------ worker side
_SIMULATIONS = {}  # per-process cache: config key -> pybamm.Simulation


def _simulation(config, options, inputs=None):
    """This process's simulation for a configuration (built on first use, then reused).

    Returns ``(simulation, setup_seconds)``: on first use the simulation is built and warmed up with one solve at
    ``inputs`` (PyBaMM sets up its experiment models and the solver on the first solve, about 0.5 s), and
    ``setup_seconds`` is the time that took; 0 afterwards.
    """
    key = _config_key(config, options)
    sim = _SIMULATIONS.get(key)
    if sim is not None:
        return sim, 0.0
    t0 = time.perf_counter()
    import pybamm

    from pybamm_aea.models.aea import AEA

    values = pybamm.ParameterValues(config["parameter_set"])
    update = {}
    for name in config["input_names"]:
        if name in _TEMPERATURE_PARAMS:
            # PyBaMM refuses inputs named like the parameters an experiment controls: pass them through
            # an input of another name (same effect, no rebuild)
            update[name] = pybamm.InputParameter(name + _TEMPERATURE_ALIAS)
        else:
            update[name] = "[input]"
    values.update(update, check_already_exists=False)
    model = AEA(options)
    sim = pybamm.Simulation(model, parameter_values=values, experiment=_make_experiment(config["steps"]))
    if inputs is not None:
        try:  # warm-up: the point's own solve then times the integration only
            sim.solve(inputs=inputs)
        except Exception:  # the point's own solve reports it
            pass
    _SIMULATIONS[key] = sim
    return sim, time.perf_counter() - t0


def _derive_inputs(config, point):
    """PyBaMM inputs of one point, and the derived columns to report. Raises ValueError on bad values."""
    inputs = {}
    derived = {}
    for name in config["parameters"]:
        inputs[name] = float(point[name])
    for name, low, label in (("Cathode loading [kg.m-2]", 0.0, "> 0"), ("Ambient temperature [K]", 0.0, "> 0 K"),
                             ("Cathode thickness [um]", 0.0, "> 0"), ("C-rate", 0.0, "> 0"),
                             ("Stack pressure [MPa]", None, ">= 0")):
        if name in point:
            v = float(point[name])
            if not math.isfinite(v) or (low is not None and v <= low) or (low is None and v < 0):
                raise ValueError(f"{name} must be finite and {label}, got {point[name]!r}")
    if "Cathode porosity" in point:
        v = float(point["Cathode porosity"])
        if not 0.0 <= v < 1.0:
            raise ValueError(f"Cathode porosity must be in [0, 1), got {point['Cathode porosity']!r}")
    porosity = inputs.get("Cathode porosity", config["porosity0"])
    if "Stack pressure [MPa]" in point:
        comp = config["compaction"]
        if callable(comp):
            porosity = float(comp(float(point["Stack pressure [MPa]"])))
        else:
            from pybamm_aea.energy import porosity as porosity_of

            porosity = float(porosity_of(comp, float(point["Stack pressure [MPa]"])))
        inputs["Cathode porosity"] = porosity
        derived["Cathode porosity"] = porosity
    loading = inputs.get("Cathode loading [kg.m-2]", config["loading0"])
    if "Cathode thickness [um]" in point:
        from pybamm_aea.parameters import loading_for_thickness  # the model's solid density: host + dispersed

        fraction = point.get(config["fraction_name"]) if config["fraction_name"] else None
        loading = loading_for_thickness(config["parameter_set"], float(point["Cathode thickness [um]"]) * 1e-6,
                                        porosity, None if fraction is None else float(fraction))
        inputs["Cathode loading [kg.m-2]"] = loading
        derived["Cathode loading [kg.m-2]"] = loading
    s8 = None  # mass fraction of the dispersed material (hybrid sets), when swept
    if config["fraction_name"] is not None:
        s8 = float(point[config["fraction_name"]])
        if not 0.0 <= s8 <= 1.0:
            raise ValueError(f"{config['fraction_name']} must be in [0, 1], got {point[config['fraction_name']]!r}")
    if config["s8_param"] is not None:
        inputs[config["s8_param"]] = s8
    for name in _TEMPERATURE_PARAMS:
        if name in inputs:
            inputs[name + _TEMPERATURE_ALIAS] = inputs.pop(name)
    if config["nominal"] is not None:
        q = config["nominal"]
        if config["loading0"]:
            q *= loading / config["loading0"]
        if s8 is not None:
            q0 = _theoretical_capacity(config["parameter_set"], config["fraction0"])
            q1 = _theoretical_capacity(config["parameter_set"], s8)
            if q0 and q1:
                q *= q1 / q0
        if "C-rate" in point:
            q *= float(point["C-rate"]) / config["reference_c_rate"]
        inputs[_NOMINAL] = q
    return inputs, derived, porosity, s8


def _evaluate_point(config, point):
    """Run one point; never raises: errors go into the ``error`` column."""
    row = {name: point[name] for name in config["names"]}
    metrics = {c: np.nan for c in RESULT_COLUMNS}
    metrics.update({"error": None, "warnings": None, "Number of discharges": 0, "Setup time [s]": 0.0})
    t0 = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            options = dict(config["options"])
            options.update({n: point[n] for n in config["option_names"]})
            inputs, derived, porosity, s8 = _derive_inputs(config, point)
            row.update(derived)
            sim, metrics["Setup time [s]"] = _simulation(config, options, inputs)  # first use in this process
            t0 = time.perf_counter()
            solution = sim.solve(inputs=inputs)
            metrics["Solve time [s]"] = time.perf_counter() - t0
            _fill_metrics(metrics, config, solution, porosity, s8)
        except Exception as exc:  # reported, never dropped
            metrics["error"] = f"{type(exc).__name__}: {exc}".strip()
            if isinstance(metrics["Solve time [s]"], float) and math.isnan(metrics["Solve time [s]"]):
                metrics["Solve time [s]"] = time.perf_counter() - t0
    messages = list(dict.fromkeys(str(w.message).split("\n")[0][:200] for w in caught))
    if messages:
        metrics["warnings"] = "; ".join(messages)
    row.update(metrics)
    return row


def _fill_metrics(metrics, config, solution, porosity, s8):
    steps_done = sum(len(c.steps) for c in solution.cycles if c is not None)
    mass_g = float(solution["Cathode electrode mass [g]"].entries[0])
    volume_L = float(solution["Cathode electrode volume [L]"].entries[0])
    discharges = discharge_steps(solution, arrays=False)
    metrics["Number of discharges"] = len(discharges)
    if discharges:
        q_first = discharges[0][0]
        q, e = discharges[-1][0], discharges[-1][1]
        metrics["First discharge ESC [mA.h.g-1]"] = q_first * 1e3 / mass_g
        metrics["ESC [mA.h.g-1]"] = q * 1e3 / mass_g
        metrics["Discharge capacity [mA.h]"] = q * 1e3
        metrics["Average discharge voltage [V]"] = e / q
        metrics["Electrode energy [W.h.kg-1]"] = e * 1e3 / mass_g
        metrics["Electrode energy [W.h.L-1]"] = e / volume_L
        comp = _composition_for(config["parameter_set"], s8)
        if comp is not None and porosity is not None:
            from pybamm_aea.energy import Electrode

            electrode = Electrode(comp, porosity)
            ratio = electrode.lithiation_mass_ratio()
            metrics["Discharged-basis energy [W.h.kg-1]"] = e * 1e3 / (mass_g * ratio)
            metrics["Discharged-basis energy [W.h.L-1]"] = e / (volume_L * electrode.lithiation_volume_ratio())
        metrics["Capacity retention"] = capacity_retention([d[0] for d in discharges])
    if steps_done < config["n_steps"]:
        metrics["error"] = (
            f"experiment stopped after {steps_done} of {config['n_steps']} steps "
            f"({solution.termination}); figures are from the steps that ran"
        )
    elif not discharges:
        metrics["error"] = "the experiment has no discharge step"


def _run_batch(config, points):
    """Worker entry point (local pool and Dask): evaluate a batch of points with this process's simulation."""
    import pybamm

    pybamm.set_logging_level("ERROR")  # a worker's log is not read: failures are in the rows' error column
    return [_evaluate_point(config, p) for p in points]


# ------------------------------------------------------------------------------------------------ results file
def _check_results_format(path):
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise SweepConfigError(f"results_file must end in .csv or .parquet, got {str(path)!r}")
    if suffix == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise SweepConfigError(
                f"results_file {str(path)!r} is Parquet, which needs pyarrow (pip install pyarrow); "
                "or use a .csv results file"
            ) from exc
    return suffix


def _read_results(path):
    if not path.exists() or path.stat().st_size == 0:
        return None
    if path.suffix.lower() == ".parquet":
        return pd.read_parquet(path)
    return pd.read_csv(path, keep_default_na=True)


def _append_results(path, rows, columns):
    df = pd.DataFrame(rows, columns=columns)
    if path.suffix.lower() == ".parquet":
        old = _read_results(path)
        if old is not None:
            df = pd.concat([old, df], ignore_index=True)
        tmp = path.with_name(path.name + ".tmp")
        df.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    else:
        new = not path.exists() or path.stat().st_size == 0
        df.to_csv(path, mode="a", header=new, index=False)


def _clean_loaded(df):
    """Rows read back from a results file: NaN -> None in the text columns."""
    for col in ("error", "warnings"):
        if col in df.columns:
            df[col] = df[col].astype(object).where(df[col].notna(), None)
    return df


# ------------------------------------------------------------------------------------------------ driver
def _batches(points, size):
    return [points[i:i + size] for i in range(0, len(points), size)]


def _default_batch_size(n_points, n_workers):
    # a few batches per worker for load balance, small enough that the results file grows steadily
    return max(1, min(25, math.ceil(n_points / (4 * max(1, n_workers)))))


def sweep(grid, parameter_set="Li2021_S_Mo6S8", experiment=None, client=None, options=None, results_file=None,
          workers=None, *, compaction=None, reference_c_rate=0.1, retry_failed=False, batch_size=None,
          progress=False, mp_context=None):
    """Evaluate a grid (or a sample) of AEA cell designs; one row per point.

    Parameters
    ----------
    grid : Mapping, pandas.DataFrame or list of dict
        Names -> lists of values (Cartesian product), or explicit designs. Names: PyBaMM parameters of the set
        with units (``"Cathode loading [kg.m-2]"``, ``"Ambient temperature [K]"``, ...), derived inputs
        ``"Stack pressure [MPa]"``, ``"C-rate"``, ``"S8 mass fraction"``, ``"Cathode thickness [um]"``, and AEA
        options (``"anode"``, ...). See the module docstring.
    parameter_set : str
        A registered parameter set (``"Li2021_Mo6S8"``, ``"Li2021_TiS2"``, ``"Li2021_S_Mo6S8"``, ...).
    experiment : None, str, list or pybamm.Experiment
        PyBaMM step strings (tuples of them for cycles). Default: one discharge at ``reference_c_rate`` to the
        set's ``"Lower voltage cut-off [V]"``.
    client : dask.distributed.Client, optional
        Run the batches on this Dask cluster (``client.map``) instead of local processes.
    options : dict, optional
        AEA model options for every point (e.g. ``{"anode": "Li-In"}``).
    results_file : str or Path, optional
        ``.csv`` or ``.parquet`` file that finished points are appended to; points already in it are skipped
        (resume).
    workers : int, optional
        Local processes (default: all cores, ``os.cpu_count()``); 1 runs serially in this process. Ignored with
        ``client``.
    compaction : str or callable, optional
        Compaction data set for ``"Stack pressure [MPa]"`` (default from :data:`COMPACTION_SETS`).
    reference_c_rate : float
        The rate the experiment's C-rate steps are written at and the basis of the rate capability (default 0.1).
    retry_failed : bool
        On resume, run again the points whose stored row has an error (default False: they count as done).
    batch_size : int, optional
        Points per task (default: a few tasks per worker, at most 25 points).
    progress : bool
        Show a tqdm progress bar on stderr.
    mp_context : str, optional
        Start method of the local processes: ``"fork"`` (default on Linux: the workers inherit the imported
        PyBaMM, so they start at once), ``"forkserver"`` or ``"spawn"`` (default elsewhere; each worker then
        imports PyBaMM and builds its simulation, a few seconds).

    Returns
    -------
    pandas.DataFrame
        One row per point, in grid order: the inputs, derived inputs and the columns of :data:`RESULT_COLUMNS`
        (``"Rate capability"`` only when C-rate is swept).

    Raises
    ------
    SweepConfigError (a ValueError)
        For an unknown name, a bad value type, conflicting names, an unknown parameter set or experiment, or a
        results file that does not match the grid. Errors of single points do not raise: they are reported in the
        ``"error"`` column.
    """
    names, points = expand_grid(grid)
    if not points:
        raise SweepConfigError("the grid has no points")
    reference_c_rate = float(reference_c_rate)
    if "C-rate" in names:
        # the reference-rate point of each design, for the rate capability
        seen = {_point_key(p, names) for p in points}
        extra = []
        for p in points:
            ref = dict(p, **{"C-rate": reference_c_rate})
            k = _point_key(ref, names)
            if k not in seen:
                seen.add(k)
                extra.append(ref)
        points = points + extra
    # a point given twice (in a sample) is evaluated once and reported on each of its rows
    unique, seen = [], set()
    for p in points:
        k = _point_key(p, names)
        if k not in seen:
            seen.add(k)
            unique.append(p)
    all_points, points = points, unique

    config = _build_config(names, points, parameter_set, experiment, options, compaction, reference_c_rate)
    derived_cols = []
    if "Stack pressure [MPa]" in names:
        derived_cols.append("Cathode porosity")
    if "Cathode thickness [um]" in names:
        derived_cols.append("Cathode loading [kg.m-2]")
    columns = names + derived_cols + list(RESULT_COLUMNS)

    done = {}
    path = None
    if results_file is not None:
        path = Path(results_file)
        _check_results_format(path)
        old = _read_results(path)
        if old is not None:
            missing = [n for n in names if n not in old.columns]
            if missing:
                raise SweepConfigError(
                    f"results file {str(path)!r} has no column {missing}: it belongs to another grid "
                    f"(its columns: {list(old.columns)[:8]}...)"
                )
            old = _clean_loaded(old)
            for rec in old.to_dict("records"):
                k = _point_key(rec, names)
                if retry_failed and rec.get("error"):
                    continue
                done[k] = rec
    todo = [p for p in points if _point_key(p, names) not in done]

    new_rows = {}
    bar = None
    if progress and todo:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(todo), desc="sweep", unit="pt")

    def collect(rows):
        for r in rows:
            new_rows[_point_key(r, names)] = r
        if path is not None and rows:
            _append_results(path, rows, columns)
        if bar is not None:
            bar.update(len(rows))

    def failed_batch(batch, exc):
        rows = []
        for p in batch:
            r = {n: p[n] for n in names}
            r.update({c: np.nan for c in RESULT_COLUMNS})
            r.update({"error": f"worker failed: {type(exc).__name__}: {exc}", "warnings": None,
                      "Number of discharges": 0})
            rows.append(r)
        return rows

    try:
        if todo:
            if client is not None:
                n_workers = max(1, len(client.scheduler_info().get("workers", {})) or 1)
                batches = _batches(todo, batch_size or _default_batch_size(len(todo), n_workers))
                _run_dask(client, config, batches, collect, failed_batch)
            else:
                n_workers = int(workers) if workers is not None else (os.cpu_count() or 1)
                if n_workers < 1:
                    raise SweepConfigError(f"workers must be >= 1, got {workers!r}")
                if n_workers == 1:
                    for p in todo:
                        collect([_evaluate_point(config, p)])
                else:
                    batches = _batches(todo, batch_size or _default_batch_size(len(todo), n_workers))
                    _run_local(config, batches, min(n_workers, len(batches)), mp_context, collect, failed_batch)
    finally:
        if bar is not None:
            bar.close()

    rows = []
    for p in all_points:
        k = _point_key(p, names)
        rec = new_rows.get(k) or done.get(k)
        rows.append({c: rec.get(c, np.nan) for c in columns})
    df = pd.DataFrame(rows, columns=columns)
    if "C-rate" in names:
        _rate_capability(df, names, reference_c_rate)
    else:
        df = df.drop(columns=["Rate capability"])
    if df["Capacity retention"].isna().all() and config["n_steps"] == 1:
        df = df.drop(columns=["Capacity retention"])
    df["error"] = df["error"].astype(object).where(df["error"].notna(), None)
    df["warnings"] = df["warnings"].astype(object).where(df["warnings"].notna(), None)
    return df


def _rate_capability(df, names, reference_c_rate):
    others = [n for n in names if n != "C-rate"]
    ref_rows = df[np.isclose(df["C-rate"].astype(float), reference_c_rate)]
    ref = {_point_key(r, others): r["ESC [mA.h.g-1]"] for r in ref_rows.to_dict("records")}
    df["Rate capability"] = [ref.get(_point_key(r, others), np.nan) for r in df.to_dict("records")]
    df["Rate capability"] = df["ESC [mA.h.g-1]"] / df["Rate capability"]


def _run_local(config, batches, n_workers, mp_context, collect, failed_batch):
    import concurrent.futures as cf
    import multiprocessing as mp

    if mp_context is None:
        mp_context = "fork" if sys.platform.startswith("linux") else "spawn"
    ctx = mp.get_context(mp_context)
    setup = 0.0
    if mp_context == "fork":
        # build (and warm up) the simulation here once: every forked worker inherits it ready to solve, instead of
        # each building its own copy (the same CPU time n_workers times over)
        first = batches[0][0]
        try:
            options = dict(config["options"])
            options.update({n: first[n] for n in config["option_names"]})
            inputs = _derive_inputs(config, first)[0]
            setup = _simulation(config, options, inputs)[1]
        except Exception:  # a bad first point: the workers build their own
            setup = 0.0
    with cf.ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx) as pool:
        futures = {pool.submit(_run_batch, config, b): b for b in batches}
        for fut in cf.as_completed(futures):
            try:
                rows = fut.result()
            except Exception as exc:  # a worker died: report its points, do not drop them
                rows = failed_batch(futures[fut], exc)
            if setup:  # the parent's build, charged to the first point like a worker's
                for r in rows:
                    if _point_key(r, config["names"]) == _point_key(first, config["names"]):
                        r["Setup time [s]"] = (r.get("Setup time [s]") or 0.0) + setup
                        setup = 0.0
            collect(rows)


def _run_dask(client, config, batches, collect, failed_batch):
    from distributed import as_completed

    futures = client.map(_run_batch, [config] * len(batches), batches, pure=False)
    index = {f.key: b for f, b in zip(futures, batches)}
    for fut in as_completed(futures):
        try:
            rows = fut.result()
        except Exception as exc:
            rows = failed_batch(index[fut.key], exc)
        collect(rows)


class _CallableModule(types.ModuleType):
    """This module, callable as :func:`sweep`.

    Importing ``pybamm_aea.sweep`` (the module) sets the package attribute ``pybamm_aea.sweep`` to the module, which
    would shadow a lazily exported function of the same name; making the module callable keeps
    ``pybamm_aea.sweep(grid, ...)`` working whichever of the two the attribute holds.
    """

    def __call__(self, *args, **kwargs):
        return sweep(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
