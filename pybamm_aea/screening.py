"""AEA screening: would a material work as a dense all-electrochem-active electrode, up to which
loading (thickness) and rate?

:func:`screen` runs, for each material, one constant-current step from the state a user starts a
rate test in (the material's first step: a discharge from the pristine state for Li-free hosts,
a discharge after a full slow charge for materials lithiated as made), at each C-rate and loading,
on the paper's lab cell at the given temperature, on the AEA model with the given options (its
defaults: the multi-phase host). The model is built and discretised once per material; loading
and current are input parameters, so the grid costs one solve per point.

Per point: utilisation (delivered / window capacity), ESC (mA.h per g of electrode, = specific
capacity for a pure cathode), electrode Wh/kg and Wh/L (per as-made mass and volume, the paper's charged
basis, as the model's and the sweep's), the as-made thickness, and the limiting mechanism:
the largest loss at the end of the step among ionic (the Li content at the separator reaches the
window while the bulk does not: the cathode's bulk-surface OCP difference, and the Li0 film),
electronic (the electrons' ohmic drop in the compact, which for a mixed conductor carries
i / (sigma_e + sigma_ion) where the host is an electronic insulator), interface (cathode and
anode charge transfer, interphase) and separator (the electrolyte pellet); "none" when the step
used at least 95 % of the window. A point whose cell starts outside its voltage window (the losses
at t = 0 exceed it) delivers nothing: utilisation 0, limited by the largest loss at t = 0. A point the
solver fails on after the start is no physical result: its "error" column says what failed, when, and
how much of the window the incomplete step had delivered, and its utilisation, capacities, energies,
losses and limiting mechanism are NaN ("error" is None on every other row). Per material and C-rate:
the largest loading, thickness and areal capacity still reaching ``threshold`` utilisation
(log-interpolated between grid points), flagged as a lower bound when the grid (or a failed point)
cut it off.

With ``composite=True``, each point of a material that has a conventional composite alternative
(:data:`pybamm_aea.composite.MATERIALS`) also runs PyBaMM's DFN of that composite
(:mod:`pybamm_aea.composite`) carrying the same active material per cm2 (the same theoretical areal
capacity) at the same current density from the same initial Li content, and per (material, C-rate) the
crossover areal capacity below which the dense AEA electrode stores more W.h per litre of electrode.
"""
from collections.abc import Iterable
import math
import numbers
import os
import time
import warnings

import numpy as np
import pandas as pd
import pybamm

from .convergence import (MeshDependentNucleationWarning, NucleationText, nucleation_host, nucleation_mesh_judgement,
                          pristine_reference_cells, refined_var_pts, refinement, within_tolerances)
from .materials import AEAMaterial, MaterialError
from .models.aea import AEA
from .models.submodels import xi
from .models.solvers import FlagKeepingIDAKLUSolver
from .models.start_advice import starts_outside_window
from .parameters import loading_for_thickness
from .parameters.paper_cell import li_in_cut_offs
from .ranges import POSITIVE, UTILISATION, check_loading_mg_cm2, check_thickness_um
from .readout import ANODE_OCP, ENERGY_OPTIONS, ESC, delivered
from .screening_grid import C_RATES, LOADINGS_MG_CM2
from .screening_options import UNSCREENED, refusal
from .user_input import close_names, did_you_mean, first_repeat, not_a_number, number_refusal, real_number

MECHANISMS = {
    "ionic": ("Cathode diffusion overpotential [V]", "Li0 film overpotential [V]"),
    "electronic": ("Cathode electronic ohmic overpotential [V]",),
    "interface": (
        "Cathode interface overpotential [V]", "Anode interface overpotential [V]", "Interphase overpotential [V]",
    ),
    "separator": ("Separator ohmic overpotential [V]",),
}
_INPUTS = ("Cathode loading [kg.m-2]", "Current function [A]")
#: the column True where the mesh decides the point's discharge (:meth:`_Prepared.mesh_judgement`), and the row's key
#: of its judgement, which :func:`screen` warns once per material and C-rate
MESH_DECIDES = "mesh decides"
_JUDGEMENT = "_nucleation judgement"


def _resolve(material, temperature, cell):
    """(name, pybamm.ParameterValues, charge_first) of a set name, literature name, AEAMaterial or its JSON path;
    a name that is none of them, or a set of another model, a :class:`~pybamm_aea.materials.MaterialError` (session
    59: a ValueError, which the screen prefixed with the name again, "material 'nope': unknown material 'nope'")."""
    from . import materials as mat
    from .parameters import PYBAMM_MODEL_SETS, is_aea_set, starts_with_charge, unknown_set_message

    m = mat.as_material(material)
    if m is not None:
        return m.name, m.parameter_values(cell=cell, temperature=temperature), m.charge_first
    if isinstance(material, str):
        try:
            values = pybamm.ParameterValues(material)
        except Exception as exc:
            # (not prefixed with the name again by _prepared_named; the CLI's --materials')
            aea_sets = [name for name in list(pybamm.parameter_sets) if name not in PYBAMM_MODEL_SETS]
            raise MaterialError(unknown_set_message(material, aea_sets, mat.LITERATURE)) from exc
        if not is_aea_set(values):
            model = PYBAMM_MODEL_SETS.get(material, "PyBaMM's own models")
            raise MaterialError(f"material {material!r} is not a parameter set of the AEA model (it is for {model})")
        if temperature is not None:
            values["Ambient temperature [K]"] = float(temperature)
        return material, values, starts_with_charge(values)
    raise TypeError(f"materials must be parameter-set names, literature names, AEAMaterial or paths of their .json "
                    f"files, got {material!r}")


def _charged_content(values):
    """Li content at which the delithiation OCP reaches the upper cut-off (a full slow charge)."""
    from scipy.optimize import brentq

    x_max = values["Cathode maximum Li content"]
    T = values["Ambient temperature [K]"]
    U = values["Cathode delithiation OCP [V]"]
    V = values["Upper voltage cut-off [V]"] - 0.005

    def f(x):
        return float(U(pybamm.Scalar(x), pybamm.Scalar(T)).evaluate()) - V

    lo, hi = 1e-6 * x_max, (1 - 1e-6) * x_max
    if f(lo) < 0:  # the OCP never reaches the cut-off: the host empties first
        return lo
    return brentq(f, lo, hi, xtol=1e-9 * x_max)


class _Prepared:
    """One material's discretised model with loading and current as inputs."""

    def __init__(self, name, values, charge_first, options=None, refinement=1):
        self.name = name
        #: the set's "Initial cathode Li content" is derived here (the full-charge content), not the user's
        self.charge_first = charge_first
        self.options = dict(options or {})
        #: the model's default mesh, every entry times ``refinement`` (1: the default itself)
        self.refinement = refinement
        values = values.copy()
        if charge_first:
            values["Initial cathode Li content"] = _charged_content(values)  # its OCP vs Li: before the shift
            values["Initial cathode hysteresis state"] = 1.0
        if self.options.get("anode") == "Li-In":  # the material's window is vs Li metal (it gave 0 delivered)
            values.update(li_in_cut_offs(values))
        self.values = values
        area = values["Electrode width [m]"] * values["Electrode height [m]"]
        self.area = area
        # window capacity per mass [A.h/kg] from the set's nominal capacity at its own loading
        self.q_ref = values["Nominal cell capacity [A.h]"] / (values["Cathode loading [kg.m-2]"] * area)
        # loading [kg.m-2] per metre of as-made electrode (host and dispersed material at their densities)
        self.loading_per_thickness = loading_for_thickness(values, 1.0)
        for key in _INPUTS:
            values[key] = "[input]"
        # the losses, and what a step delivered (against Li on either anode: the variables readout.delivered reads)
        self.losses = [v for vs in MECHANISMS.values() for v in vs]
        self.names = ["Current [A]", "Voltage [V]", ANODE_OCP, *self.losses]
        self.model = self._discretised(values, voltage_events=True)
        # the solver computes only these variables (PyBaMM's fast output path)
        self.solver = self._solver(on_failure="ignore")
        self._no_events = None

    def _solver(self, on_failure="error"):
        """IDAKLU with the model's own tolerances and IDA options (those of its default solver,
        which differ between the host descriptions), computing only :attr:`names`. ``on_failure="ignore"``:
        a failure part-way returns the partial solution, termination "failure", its IDA flag kept
        (:class:`pybamm_aea.models.solvers.FlagKeepingIDAKLUSolver`)."""
        default = AEA(self.options, build=False).default_solver
        return FlagKeepingIDAKLUSolver(rtol=default.rtol, atol=default.atol, options=dict(default.options),
                                       output_variables=self.names, on_failure=on_failure)

    def _discretised(self, values, voltage_events):
        model = AEA(self.options)
        model = values.process_model(model, inplace=False)
        if not voltage_events:
            model.events = [e for e in model.events if "voltage" not in e.name.lower()]
        geometry = model.default_geometry
        values.process_geometry(geometry)
        var_pts = model.default_var_pts if self.refinement == 1 else refined_var_pts(model.default_var_pts,
                                                                                      self.refinement)
        #: the cathode's cells, which the nucleation check reads (:meth:`mesh_judgement`)
        self.cells = {getattr(k, "name", k): n for k, n in var_pts.items()}.get(xi.name)
        mesh = pybamm.Mesh(geometry, model.default_submesh_types, var_pts)
        disc = pybamm.Discretisation(mesh, model.default_spatial_methods)
        return disc.process_model(model)

    def losses_at_start(self, inputs):
        """The variables at t = 0, for a step whose losses already exceed the window."""
        if self._no_events is None:
            self._no_events = self._discretised(self.values, voltage_events=False)
            self._start_solver = self._solver()
        sol = self._start_solver.solve(self._no_events, np.array([0.0, 1e-3]), inputs=inputs)
        return {n: float(sol[n].entries[0]) for n in self.losses}

    def _solve(self, inputs, t_end):
        """(solution, None), or (partial solution, what failed) when IDA fails after the start: PyBaMM's
        termination "failure" (IDAKLU's for a negative IDA flag), with IDA's message for the flag."""
        # the solver's own steps (no forced output times: those cost more than the physics)
        sol = self.solver.solve(self.model, [0.0, t_end], inputs=inputs)
        if sol.termination == "failure":
            return sol, f"the solver failed ({self.solver.failure_message()})"
        return sol, None

    def mesh_judgement(self, sol, inputs):
        """The :class:`~pybamm_aea.convergence.NucleationJudgement` of a point's solution when the mesh decides its
        discharge (a simulation's or a sweep's rule, :func:`~pybamm_aea.convergence.nucleation_mesh_judgement`), else
        None: a pristine Mo6S8 compact at 1C and 1.5 mg/cm2 gave 128.16 mA.h/g on the default 20 cells, 9e-7 mA.h
        on 160, without a word until session 52."""
        said = nucleation_mesh_judgement(self.model, self.values, [sol], inputs, self.cells)
        return said if said.text is not None else None

    def run(self, c_rate, loading_kg_m2):
        current = c_rate * self.q_ref * loading_kg_m2 * self.area
        inputs = {"Cathode loading [kg.m-2]": loading_kg_m2, "Current function [A]": current}
        t_end = 1.05 * 3600 / c_rate
        point = f"{self.name} at {c_rate:g}C and {loading_kg_m2 * 1e2:g} mg/cm2"
        mass = loading_kg_m2 * self.area  # kg
        error, judgement = None, None
        try:
            sol, failure = self._solve(inputs, t_end)
        except pybamm.SolverError as exc:
            if not starts_outside_window(exc):  # e.g. the initial conditions: no physical result
                sol, failure = None, f"the solver failed before the first step ({exc})"
            else:  # a loss larger than the voltage window at t = 0: nothing is delivered
                sol, failure = None, None
                try:
                    end = self.losses_at_start(inputs)
                except pybamm.SolverError:  # not even the first instant solves (e.g. 1e6C)
                    raise ValueError(f"{point}: the solver failed ({exc})") from exc
        if failure is not None:  # no physical result: what failed, when, and what the incomplete step gave
            t_fail = 0.0 if sol is None else float(sol.t[-1])
            error = (f"{point}: {failure} at t = {t_fail:.4g} s of the {t_end:.4g} s step, having delivered "
                     f"{current * t_fail / 3600 / (self.q_ref * mass):.3g} of the window (incomplete)")
            Q, E, end = math.nan, math.nan, {n: math.nan for n in self.losses}
        elif sol is not None:
            end = {n: float(sol[n].entries[-1]) for n in self.losses}
            Q, E = delivered(sol)  # A.h, W.h against Li
            judgement = self.mesh_judgement(sol, inputs)
        else:  # the losses at t = 0 exceed the window: nothing delivered
            Q, E = 0.0, 0.0
        L = loading_kg_m2 / self.loading_per_thickness  # as-made thickness [m]: the charged basis of the Wh/L
        utilisation = Q / (self.q_ref * mass)
        loss = {k: sum(abs(end[v]) for v in vs) for k, vs in MECHANISMS.items()}
        limiting = None if error else "none" if utilisation >= 0.95 else max(loss, key=loss.get)
        return {
            "material": self.name,
            "C-rate": c_rate,
            "loading [mg.cm-2]": loading_kg_m2 * 1e2,
            "thickness [um]": L * 1e6,
            "current density [mA.cm-2]": current / (self.area * 1e4) * 1e3,
            "utilisation": utilisation,
            ESC: Q * 1e3 / (mass * 1e3),
            "areal capacity [mA.h.cm-2]": Q * 1e3 / (self.area * 1e4),
            "electrode energy [W.h.kg-1]": E / mass,
            "electrode energy [W.h.L-1]": E / (L * self.area * 1e3),
            "limiting mechanism": limiting,
            **{f"{k} loss [V]": v for k, v in loss.items()},
            "error": error,
            MESH_DECIDES: judgement is not None,
            _JUDGEMENT: judgement,  # (taken out of the row by screen: the warning's)
        }


_CACHE = {}


def _prepared(material, temperature, cell, options=None, refinement=1):
    """The discretised model of a material (on the default mesh refined ``refinement`` times); set and literature
    names are built once per process."""
    if not isinstance(material, str) or material.lower().endswith(".json"):  # a file's content may change
        return _Prepared(*_resolve(material, temperature, cell), options, refinement)
    key = (material, None if temperature is None else float(temperature), cell, tuple(sorted((options or {}).items())),
           refinement)
    if key not in _CACHE:
        _CACHE[key] = _Prepared(*_resolve(material, temperature, cell), options, refinement)
    return _CACHE[key]


def _prepared_named(material, temperature, cell, options):
    """:func:`_prepared`, a plain ValueError of the material's values or model (an option its set cannot take, a value
    out of range) prefixed with the material's name: a screen of several named none (review R39)."""
    try:
        return _prepared(material, temperature, cell, options)
    except ValueError as exc:
        if type(exc) is not ValueError:
            raise
        name = material if isinstance(material, (str, os.PathLike)) else getattr(material, "name", material)
        raise ValueError(f"material {str(name)!r}: {exc}") from exc


class _Composite:
    """The DFN composite alternative of one material on the lab cell: one build per loading, current an input."""

    def __init__(self, material, prepared):
        from . import composite

        self.material, self.prepared, self.composite = material, prepared, composite
        self._sims = {}

    def _sim(self, loading_kg_m2):
        if loading_kg_m2 not in self._sims:
            v = self.prepared.values
            x0 = v["Initial cathode Li content"]
            if self.prepared.charge_first:  # derived by the screen (e.g. LiFePO4's 1.9e-4): to the DFN's margin
                x0 = self.composite.derived_initial_content(x0, self.material.x_max)
            values, make_up = self.composite.composite_parameter_values(
                self.material, loading_kg_m2 * 1e2, temperature_K=v["Ambient temperature [K]"],
                initial_li_content=x0,
            )
            values["Current function [A]"] = "[input]"
            model = self.composite.composite_model(dict(ENERGY_OPTIONS))
            sim = pybamm.Simulation(model, parameter_values=values,
                                    solver=pybamm.IDAKLUSolver(rtol=1e-6, atol=1e-8))
            self._sims[loading_kg_m2] = (sim, values["Positive electrode thickness [m]"], make_up)
        return self._sims[loading_kg_m2]

    def run(self, c_rate, loading_kg_m2, current):
        """Composite utilisation, Wh/kg and Wh/L of electrode, thickness [um] at the AEA point's current [A]."""
        sim, L, make_up = self._sim(loading_kg_m2)
        error = None
        try:
            sol = sim.solve([0.0, 1.05 * 3600 / c_rate], inputs={"Current function [A]": current})
            Q, E = delivered(sol)  # A.h, W.h (a half cell: against Li)
        except pybamm.SolverError as exc:
            if not starts_outside_window(exc):  # no physical result
                Q, E, error = math.nan, math.nan, f"the composite's solver failed ({exc})"
            else:  # the losses exceed the window at t = 0: nothing is delivered
                Q, E = 0.0, 0.0
        area = self.prepared.area
        active_kg = loading_kg_m2 * area
        return {
            "composite utilisation": Q / (self.prepared.q_ref * active_kg),
            "composite electrode energy [W.h.kg-1]": E / (active_kg / make_up["mass fractions"]["active"]),
            "composite electrode energy [W.h.L-1]": E / (L * area * 1e3),
            "composite thickness [um]": L * 1e6,
            "composite error": error,
        }


def _crossover(x, aea, comp):
    """(areal capacity where the AEA electrode's Wh/L stops exceeding the composite's, reason); NaN if none.

    Log-interpolated between the grid points at the first sign change of (AEA - composite) Wh/L."""
    x, d = np.asarray(x, float), np.asarray(aea, float) - np.asarray(comp, float)
    if np.any(np.isnan(d)):
        return math.nan, "a point failed to solve (its 'error' or 'composite error')"
    if np.all(d > 0):
        return math.nan, f"AEA wins at every areal capacity of the grid (up to {x[-1]:.3g} mA.h.cm-2)"
    if np.all(d <= 0):
        return math.nan, "composite wins at every areal capacity of the grid"
    k = int(np.nonzero(np.sign(d[1:]) != np.sign(d[:-1]))[0][0]) + 1
    f = d[k - 1] / (d[k - 1] - d[k])
    value = float(np.exp(np.log(x[k - 1]) + f * (np.log(x[k]) - np.log(x[k - 1]))))
    return value, ("AEA wins below" if d[k - 1] > 0 else "AEA wins above")


def _largest_passing(x, u, threshold):
    """(largest x with u >= threshold, whether that is only a lower bound).

    Log-interpolated at the first crossing (not a bound). NaN, False if the first point misses the threshold
    or failed to solve (NaN u). A lower bound (True) when every point passes up to the grid's last, or up to the
    last before a point that failed to solve: the limit lies beyond the grid's reach."""
    x, u = np.asarray(x, float), np.asarray(u, float)
    if not u[0] >= threshold:
        return math.nan, False
    for k in range(1, len(x)):
        if math.isnan(u[k]):
            return float(x[k - 1]), True
        if u[k] < threshold:
            f = (u[k - 1] - threshold) / (u[k - 1] - u[k])
            return float(np.exp(np.log(x[k - 1]) + f * (np.log(x[k]) - np.log(x[k - 1])))), False
    return float(x[-1]), True


def _axis(name, values):
    """A grid axis as a list of floats: finite, > 0, each value once; ValueError naming ``name`` otherwise. A single
    number is a one-value axis (as a scalar of a :func:`pybamm_aea.sweep` grid)."""
    if isinstance(values, (numbers.Real, np.ndarray)) and np.ndim(values) == 0:  # (a 0-d array: iterating it failed)
        values = [values]
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):  # (a str was read letter by letter)
        raise ValueError(f"{name} must be a number or a sequence of numbers, got {values!r}")
    values = list(values)
    text = [v for v in values if number_refusal(v) is not None]
    if text:  # (float("0.5") took a string as a number, float(True) a bool as 1)
        raise ValueError(f"{name} must be numbers, got {text[0]!r} in {values!r}{not_a_number(text[0])}")
    values = [float(v) for v in values]  # (a 0-d array of a number: the number it holds)
    if not values:
        raise ValueError(f"{name} must be finite numbers > 0, got {values}")
    bad = next((v for v in values if not POSITIVE.contains(v)), None)
    if bad is not None:
        raise ValueError(POSITIVE.refusal(name, bad))
    repeated = first_repeat(values)
    if repeated is not None:
        raise ValueError(f"{name} repeat {repeated:g}: each value once")
    return values


def _check_threshold(threshold):
    """``threshold`` as a float: a utilisation in (0, 1] (as ``--threshold``); ValueError naming it otherwise."""
    if not UTILISATION.contains(real_number("threshold", threshold)):
        raise ValueError(UTILISATION.refusal("threshold", threshold))
    return float(threshold)


def threshold_label(threshold):
    """``threshold`` (a utilisation, 0.8) as the percentage the columns and the map name it ("80%", "99.5%"): to
    6 significant digits, so that two thresholds a grid can tell apart (0.8 and 0.804, 0.995 and 1) never share a
    label, as they did rounded to whole percent."""
    return f"{100 * threshold:g}%"


#: the threshold columns of a screening table, each formatted with :func:`threshold_label`
AREAL_CAPACITY_COLUMN = "max areal capacity at {} [mA.h.cm-2]"
LOWER_BOUND_COLUMN = "max at {} is a lower bound"


def _threshold_column(df, threshold, template):
    """The column ``template.format(threshold_label(threshold))`` of a screening table; ValueError naming
    ``threshold`` and the thresholds the table was screened at when it has none of that threshold."""
    col = template.format(threshold_label(_check_threshold(threshold)))
    if col not in df.columns:
        head = template.split("{", 1)[0]
        have = sorted({c[len(head):].split("%", 1)[0] + "%" for c in df.columns if c.startswith(head)})
        raise ValueError(f"threshold={threshold!r}: the table was screened at {', '.join(have) or 'no threshold'} "
                         "(screen(..., threshold=...))")
    return col


def screen(materials, c_rates=C_RATES, loadings=None, thicknesses=None, temperature=None,
           cell="paper", threshold=0.8, composite=False, options=None, mesh_check=False, progress=None):
    """Screen materials as dense AEA cathodes on a cell build; returns a pandas DataFrame.

    Parameters
    ----------
    materials : list, or one material
        Parameter-set names (``"Li2021_Mo6S8"``, ``"AEA_LiFePO4"``), literature material names
        (``"LiFePO4"``, see :data:`pybamm_aea.materials.LITERATURE`),
        :class:`~pybamm_aea.materials.AEAMaterial` objects or paths of their ``.json`` files
        (:func:`pybamm_aea.materials.as_material`).
    c_rates : float or sequence of float
        C-rates on the window capacity (1C empties the window in an hour); a single number is one rate.
    loadings : float or sequence of float, optional
        Cathode loadings [mg/cm2] (the field's unit); default 1.5 (the paper's) to 15. Each within the
        model's range of "Cathode loading [kg.m-2]" (at most 300 mg/cm2, :func:`pybamm_aea.ranges.check_loading_mg_cm2`:
        g/m2 named where it fits), checked before any model is built.
    thicknesses : float or sequence of float, optional
        Dense-cathode thicknesses [um] instead of loadings (converted per material with its
        density and porosity; the loadings they give checked as ``loadings``).
    temperature : float, optional
        [K]; default the cell build's (the paper's 70 C). Outside a material's set's measured temperatures (its
        "Lowest/Highest measured temperature [K]") a ``TemperatureOutsideMeasuredRangeWarning`` names it, at each call.
    cell : str
        The cell build around a material (:data:`pybamm_aea.materials.material.CELL_BUILDS`: ``"paper"``, the
        paper's lab cell, which a parameter set's name already is); another name is refused, for a set name too.
    threshold : float
        Utilisation in (0, 1] the "largest ... at threshold" columns refer to (default 0.8).
    composite : bool
        Also run the conventional composite of the material (60:30:10 wt% active : sulfide SE : carbon,
        PyBaMM's DFN, :mod:`pybamm_aea.composite`) where it is the user's alternative
        (:data:`pybamm_aea.composite.MATERIALS`, by literature name, AEAMaterial or set name such as
        ``"AEA_LiCoO2"``; NaN columns for the others; "composite error" as "error") at the same active mass per cm2
        and current density: columns "composite utilisation", "composite electrode energy [W.h.kg-1]" and
        "[W.h.L-1]", "composite thickness [um]", and per (material, C-rate) "crossover areal capacity
        [mA.h.cm-2]" (theoretical areal capacity, active mass x window capacity, where the AEA electrode's Wh/L
        stops exceeding the composite's) with its "crossover" reason. About 2 s per loading and material.
    options : dict, optional
        AEA model options (default: the model's defaults, the multi-phase host); each is solved
        with the tolerances of the model's own default solver for those options. Those of
        :data:`pybamm_aea.screening_options.UNSCREENED` ("voltage as a state") are refused, with any value.
    mesh_check : bool
        Also solve every point on a finer mesh, the model's refined as :func:`pybamm_aea.mesh_check` refines a run
        the mesh may decide (8x, 160 cells at least, for Mo6S8's multi-phase host; twice for other hosts):
        columns "fine-mesh utilisation", "fine-mesh error" (what failed there, as "error"; None if it solved),
        "mesh converged" (the two utilisations within 1 % of the window; False where the fine mesh failed)
        and, per (material, C-rate), "mesh converged at this C-rate" (every loading of the row). Near a
        nucleation threshold the multi-phase host's outcome can be the mesh's (a pristine Mo6S8 compact
        at >= 0.5C: README, known limits); without it a point the mesh decides (a simulation's and a sweep's
        judgement, :func:`pybamm_aea.convergence.nucleation_mesh_judgement`) is True in the column "mesh decides"
        and warned :class:`~pybamm_aea.convergence.MeshDependentNucleationWarning`, once per material and C-rate
        (:func:`mesh_decided`: the map's "?"); about 2x the time (the six materials of the Fig. S2 map: 13.4
        against 6.1 s, 2026-12-01).
    progress : bool, optional
        Show a tqdm bar of the points on stderr, advanced as each (material, C-rate) row of loadings is done; None
        (default): when stderr is a terminal (:func:`pybamm_aea.progress.progress_bar`, as the sweep's).

    Returns
    -------
    pandas.DataFrame
        One row per (material, C-rate, loading): utilisation, ESC, areal capacity, electrode
        Wh/kg and Wh/L, as-made thickness, limiting mechanism and the four losses at the end of the step,
        and per (material, C-rate) the largest loading [mg.cm-2], thickness [um] and areal capacity
        [mA.h.cm-2] reaching ``threshold`` (the areal capacity is ``threshold`` x the window capacity of that
        loading, what it delivers at exactly the threshold, not what a grid point delivered), with
        "max at 80% is a lower bound" True when the grid's last loading (or the last before a point that
        failed) still reaches it. "error": None, or what failed at a point the solver could not finish
        (its results NaN). ``df.attrs["seconds"]`` is the wall time.
    """
    if loadings is not None and thicknesses is not None:
        raise ValueError("give loadings= or thicknesses=, not both")
    if loadings is None and thicknesses is None:
        loadings = LOADINGS_MG_CM2
    grid = loadings if loadings is not None else thicknesses
    grid = _axis("loadings" if loadings is not None else "thicknesses", grid)
    if loadings is not None:  # in the loading range's own unit (mg/cm2): checked before any model is built
        for v in grid:
            check_loading_mg_cm2("loadings", v, said=f"loadings: {v:g} mg/cm2")
    c_rates = _axis("c_rates", c_rates)
    threshold = _check_threshold(threshold)
    from .materials.material import CELL_BUILDS

    if cell not in CELL_BUILDS:  # a set name took no cell build, and ignored an unknown one
        raise ValueError(f"unknown cell build {cell!r}; known: {sorted(CELL_BUILDS)}" + did_you_mean(cell, CELL_BUILDS))
    from .models.checks import check_value

    if temperature is not None:
        temperature = real_number("temperature [K]", temperature)  # (a 0-d array as the float it holds)
        check_value("Ambient temperature [K]", temperature)
    refused = next((name for name in options or {} if name in UNSCREENED), None)
    if refused is not None:  # (the command line's --voltage-as-a-state says the same)
        raise ValueError(f"options: {refusal(refused)}")
    if isinstance(materials, (str, os.PathLike, AEAMaterial)):  # one material (a str was read letter by letter)
        materials = [materials]
    materials = list(materials)
    if not materials:
        raise ValueError("materials must name at least one material")
    start = time.perf_counter()
    prepared_all = [_prepared_named(material, temperature, cell, options) for material in materials]
    names = [p.name for p in prepared_all]
    repeated = first_repeat(names)
    if repeated is not None:
        raise ValueError(f"two materials are named {repeated!r}: each material once, under its own name")
    from .models.checks import warn_outside_measured_temperatures

    for prepared in prepared_all:  # (its solver checks nothing: a set's measured temperatures said here, each call)
        warn_outside_measured_temperatures(prepared.values, once=False, name=prepared.name)
    # each material's loadings [kg.m-2], within the loading range before any solve (its solver checks no input:
    # 1391 mg/cm2 solved a 3.1 mm LMS electrode, utilisation 0, no error); those a thickness gives, per material
    grids = []
    for prepared in prepared_all:
        if loadings is not None:
            kg_m2 = [v * 1e-2 for v in grid]
        else:
            kg_m2 = [v * 1e-6 * prepared.loading_per_thickness for v in grid]
            for v, m in zip(grid, kg_m2):
                check_thickness_um("thicknesses", v, said=f"thicknesses: {v:g} um")
                check_loading_mg_cm2("thicknesses", v, m * 1e2, "um", said=f"thicknesses: {v:g} um of {prepared.name}")
        grids.append(sorted(kg_m2))
    rows = []
    from .progress import progress_bar

    bar = progress_bar(total=len(c_rates) * sum(len(kg_m2) for kg_m2 in grids), desc="screen", unit="pt",
                       show=progress)
    for material, prepared, kg_m2 in zip(materials, prepared_all, grids):
        fine = _prepared(material, temperature, cell, options, refinement=_check_refinement(prepared)) if mesh_check \
            else None
        alternative = _composite_of(material, prepared) if composite else None
        for c in c_rates:
            block = [prepared.run(c, m) for m in kg_m2]
            u = [r["utilisation"] for r in block]
            best, bound = _largest_passing([r["loading [mg.cm-2]"] for r in block], u, threshold)
            at = threshold_label(threshold)
            for r in block:
                r[f"max loading at {at} [mg.cm-2]"] = best
                r[f"max thickness at {at} [um]"] = best * 1e-2 / prepared.loading_per_thickness * 1e6
                # threshold x window capacity of that loading: what it delivers at exactly the threshold
                r[AREAL_CAPACITY_COLUMN.format(at)] = best * prepared.q_ref * threshold * 1e-3
                r[LOWER_BOUND_COLUMN.format(at)] = bound
            judged = [(r["loading [mg.cm-2]"], r.pop(_JUDGEMENT)) for r in block]
            if fine is not None:  # (its own columns say whether the finer mesh moved the points: not warned)
                _add_mesh_check(block, fine, c, kg_m2)
            else:
                _warn_mesh_decided(prepared.name, c, judged)
            if composite:
                _add_composite(block, alternative, c, kg_m2)
            rows.extend(block)
            bar.update(len(block))
    bar.close()
    df = pd.DataFrame(rows)
    df.attrs["seconds"] = time.perf_counter() - start
    return df


def _warn_mesh_decided(name, c_rate, judged):
    """One :class:`~pybamm_aea.convergence.MeshDependentNucleationWarning` for a material's C-rate whose points
    (``judged``: (loading [mg/cm2], judgement or None) pairs) the mesh decides: the first such point's judgement, its
    head naming the material, rate and each such loading, its advice the screen's mesh check."""
    flagged = [(m, j) for m, j in judged if j is not None]
    if not flagged:
        return
    said = flagged[0][1]
    loadings = ", ".join(f"{m:g}" for m, _ in flagged)
    head = f"{name} at {c_rate:g}C, the mesh decides the discharge at {loadings} mg/cm2; at {flagged[0][0]:g} mg/cm2, "
    text = NucleationText(head + said.text.head, said.text.verdict,
                          f"{said.text.rest}; screen(..., mesh_check=True) (pybamm-aea screen --mesh-check) solves "
                          "each point on the finer mesh too")
    # (about a material's rate over several solves, no one input set: None, said)
    warnings.warn(MeshDependentNucleationWarning(said._replace(text=text), None), stacklevel=3)


def _check_refinement(prepared):
    """The mesh check's refinement of a material's default mesh: :func:`pybamm_aea.mesh_check`'s for a run the mesh
    may decide (8x, for Mo6S8's multi-phase host: :func:`pybamm_aea.convergence.nucleation_host`; a shipped hybrid's
    set to its own reference, S-LMS 640 and LTO-LMS 1280 cells:
    :func:`pybamm_aea.convergence.pristine_reference_cells`), else 2."""

    return refinement(AEA(prepared.options, build=False).default_var_pts[xi],
                      nucleation_host(prepared.options, prepared.values), pristine_reference_cells(prepared.values))


def _add_mesh_check(block, fine, c_rate, kg_m2):
    """Fine-mesh utilisation and the verdicts of one (material, C-rate) block of rows; "fine-mesh error" what
    failed on the fine mesh, as "error" for the model's mesh (None if it solved; not converged then)."""
    for r, m in zip(block, kg_m2):
        on_fine = fine.run(c_rate, m)
        r["fine-mesh utilisation"] = on_fine["utilisation"]
        r["fine-mesh error"] = (None if on_fine["error"] is None
                                else f"on {fine.refinement}x the cells: {on_fine['error']}")
        # scale 1.0: the utilisations are fractions of the window
        r["mesh converged"] = bool(within_tolerances(r["fine-mesh utilisation"] - r["utilisation"], 1.0))
    every = all(r["mesh converged"] for r in block)
    for r in block:
        r["mesh converged at this C-rate"] = every


def _composite_of(material, prepared):
    """The composite alternative of an AEAMaterial, a literature name, or a registered set of one literature
    host and nothing dispersed in it (``"AEA_LiCoO2"``: the LiCoO2 composite); None if it has none."""
    from . import composite
    from . import materials as mat
    from .parameters import facts

    if isinstance(material, str) and material not in mat.LITERATURE:
        try:
            made_of = facts(material)
        except KeyError:  # a set without facts: no known host
            return None
        if made_of.dispersed is not None or made_of.host not in mat.LITERATURE:
            return None
        material = made_of.host
    m = mat.get_material(material)
    if m.name in composite.MATERIALS:
        return _Composite(m, prepared)
    return None


def _add_composite(block, alternative, c_rate, kg_m2):
    """Composite columns and the crossover of one (material, C-rate) block of rows."""
    keys = ("composite utilisation", "composite electrode energy [W.h.kg-1]",
            "composite electrode energy [W.h.L-1]", "composite thickness [um]")
    if alternative is None:
        for r in block:
            r.update({k: math.nan for k in keys})
            r["composite error"] = None
            r["crossover areal capacity [mA.h.cm-2]"] = math.nan
            r["crossover"] = "no conventional composite alternative"
        return
    area_cm2 = alternative.prepared.area * 1e4
    for r, m in zip(block, kg_m2):
        r.update(alternative.run(c_rate, m, r["current density [mA.cm-2]"] * 1e-3 * area_cm2))
    x = [m * alternative.prepared.q_ref * 0.1 for m in kg_m2]  # (kg/m2)(A.h/kg) = A.h/m2 -> mA.h/cm2
    value, reason = _crossover(x, [r["electrode energy [W.h.L-1]"] for r in block],
                               [r["composite electrode energy [W.h.L-1]"] for r in block])
    for r in block:
        r["crossover areal capacity [mA.h.cm-2]"] = value
        r["crossover"] = reason


def suitability(df, threshold=0.8):
    """Materials x C-rate table of the largest areal capacity [mA.h.cm-2] reaching ``threshold``."""
    col = _threshold_column(df, threshold, AREAL_CAPACITY_COLUMN)
    return df.groupby(["material", "C-rate"], sort=False)[col].first().unstack("C-rate")


def lower_bounds(df, threshold=0.8):
    """Materials x C-rate table: True where :func:`suitability`'s value is only a lower bound (the grid's last
    loading, or the last before a failed point, still reaches ``threshold``)."""
    col = _threshold_column(df, threshold, LOWER_BOUND_COLUMN)
    return df.groupby(["material", "C-rate"], sort=False)[col].first().unstack("C-rate").astype(bool)


def mesh_decided(df):
    """Materials x C-rate table: True where the mesh decides some loading's discharge (the column "mesh decides", as
    :func:`screen` warns :class:`~pybamm_aea.convergence.MeshDependentNucleationWarning`; the map's "?" where True)."""
    return df.groupby(["material", "C-rate"], sort=False)[MESH_DECIDES].any().unstack("C-rate").astype(bool)


def mesh_converged(df):
    """Materials x C-rate table of a ``screen(..., mesh_check=True)``: True where every loading's
    utilisation stayed within 1 % of the window on doubling the mesh (the map's "?" where False)."""
    table = df.groupby(["material", "C-rate"], sort=False)["mesh converged at this C-rate"].first().unstack("C-rate")
    return table.astype(bool)
