"""The configuration of a sweep (validated once, before any point runs) and the PyBaMM inputs of each point."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
import functools
import hashlib
import json
import math
import pickle
import warnings

from pybamm_aea import compaction_data_sets
from pybamm_aea.models.checks import SWEEP_ONLY_INPUTS, check_value, factor_of
from pybamm_aea.parameters import SET_FACTS, composition, registered_values
from pybamm_aea.parameters.paper_cell import CUT_OFF_NAMES
from pybamm_aea.user_input import ANY, EachCaller, Said, close_names, did_you_mean, whole_at_least

from .api import SweepConfigError

#: The pressure the cathode was pressed at, a parameter of the sets: as a grid name it also sets the point's
#: "Cathode porosity", the compaction law's under that pressure (the model's as-made porosity, anchored there).
FABRICATION = "Cathode fabrication pressure [MPa]"
#: The pressure the cell is held at ("Stack pressure [MPa]"), a parameter of the sets: as a grid name it is that alone.
STACK = "Stack pressure [MPa]"
#: A grid name, no parameter: a cathode pressed at P and held at P (the paper's protocol at 360 MPa), both pressures
#: set to P and the porosity from the compaction law at P.
PRESSED_AND_HELD = "Pressing and stack pressure [MPa]"
#: The grid names that set the porosity from a compaction law (one a grid; :func:`pressure_axis`).
PRESSURE_AXES = (FABRICATION, PRESSED_AND_HELD)
#: Grid names that are not PyBaMM parameters but are turned into parameters (see :mod:`pybamm_aea.sweep`), and the
#: fabrication pressure, a parameter that also sets the porosity.
DERIVED_INPUTS = (FABRICATION,) + SWEEP_ONLY_INPUTS


def pressure_axis(names):
    """The grid name of ``names`` that sets the porosity from a compaction law (:data:`PRESSURE_AXES`), or None."""
    return next((n for n in PRESSURE_AXES if n in names), None)


def stack_pressure_refusal(values):
    """Why a grid sweeping "Stack pressure [MPa]" at ``values`` with nothing else setting the porosity is refused, and
    the two axes to sweep instead, at those values (the history, a pressure counted twice until session 60, is
    docs/sweeps.rst's; its ~650 characters were here until session 61)."""
    said = "[" + ", ".join(f"{v:g}" for v in values) + "]"
    return (f"{STACK!r} = {said} alone sets no porosity (the held pressure only): sweep {PRESSED_AND_HELD!r} = "
            f"{said} for a cathode pressed and held at P, or {FABRICATION!r} = {said} for one pressed at P and held "
            f"at the set's (docs/sweeps.rst)")


#: Grid names that are AEA model options (one build per distinct value).
OPTION_INPUTS = ("anode", "hysteresis", "ionic switch", "electronic conduction")
#: Parameter set -> compaction data set of :func:`pybamm_aea.energy.porosity` used for "Stack pressure [MPa]": a view
#: of :data:`pybamm_aea.parameters.SET_FACTS` (its ``compaction``), the one record of each set's law.
COMPACTION_SETS = {name: f.compaction for name, f in SET_FACTS.items() if f.compaction is not None}


#: Parameter set -> solid composition (mass fractions) of its cathode, for the discharged basis and the scaling of
#: the nominal capacity. A callable (:func:`pybamm_aea.parameters.composition` of the set, values None: the set's own)
#: takes the point's mass fraction of the dispersed material of a hybrid set (S8 or Li4Ti5O12; None when not swept:
#: the set's own) and returns the composition. A view of the paper's sets
#: (``Li2021_*``) in :data:`pybamm_aea.parameters.SET_FACTS` and :func:`pybamm_aea.parameters.composition` (the
#: fractions: the set's values, from :mod:`pybamm_aea.energy.paper`); the AEA_<material> sets keep their nominal
#: capacity and have no discharged basis in the sweep.
SET_COMPOSITIONS = {
    name: functools.partial(composition, name, None) if f.dispersed is not None else {f.host: 1.0}
    for name, f in SET_FACTS.items() if name.startswith("Li2021_")
}

TEMPERATURE_PARAMS = ("Ambient temperature [K]", "Initial temperature [K]")
#: PyBaMM refuses input parameters named like the ones an experiment controls: temperatures go through this alias
TEMPERATURE_ALIAS = " (sweep input)"
NOMINAL = "Nominal cell capacity [A.h]"
S8_NAME = "S8 mass fraction"
#: the voltage cut-offs of the default experiment's steps (lower: its discharge; upper: a charge first)
CUT_OFFS = CUT_OFF_NAMES  # (paper_cell's one record of the names, lower then upper)
DISPERSED = "Dispersed material mass fraction"


@dataclass
class SweepConfig:
    """Everything a worker needs to evaluate points (picklable)."""

    parameter_set: str
    options: dict
    steps: object  # list of step strings / tuples, or a pybamm.Experiment
    n_steps: int
    names: list
    parameters: list  # grid names that are parameters of the set
    option_names: list
    input_names: list  # PyBaMM input parameters of the simulation
    reference_c_rate: float
    s8_param: str | None = None
    compaction: object = None
    #: the compaction law is the set's (not the user's ``compaction=``): a point whose composition is that of another
    #: data set of :func:`pybamm_aea.energy.porosity` uses that one (:func:`compaction_for`)
    compaction_auto: bool = False
    nominal: float | None = None
    loading0: float | None = None
    porosity0: float | None = None
    fraction_name: str | None = None
    fraction0: float | None = None
    #: a single constant-current (or C-rate) discharge to a voltage cut-off: points are solved in batches through
    #: PyBaMM's list of inputs; (kind "C-rate" or "current", value, cut-off [V], duration [s])
    single_discharge: tuple | None = None
    record: dict = field(default_factory=dict)  # what the results store keeps and checks on resume
    threads: int = 1  # IDAKLU threads of a batched solve (its "num_threads" option); results do not depend on it
    cathode_cells: int | None = None  # finite-volume cells across the cathode (None: the model's default mesh)
    #: the default experiment of a set lithiated as made: a charge to the upper cut-off, then the discharge
    default_charge_first: bool = False
    #: the :class:`~pybamm_aea.materials.AEAMaterial` swept on the paper's lab cell (``parameter_set`` is then its
    #: name, a label only); None for a registered set
    material: object = None
    #: dispersed-material fraction of a point (None: not swept) -> (its compaction data set, the note when that law
    #: was measured on another composition, or None): decided once per composition (:func:`compaction_choice`),
    #: for the grid's points by :func:`build_config`, so that the workers' copies carry the decisions
    compaction_choices: dict = field(default_factory=dict)
    #: the single discharge is a C-rate step of PyBaMM's default duration (2 h over its rate) and 'C-rate' is swept:
    #: a point at a rate c below the reference gets that duration at its own rate, x reference / c
    #: (:meth:`discharge_time`); the step's 20 h at 0.1C had cut a 0.02C discharge at 40 % of its capacity
    rate_scaled_duration: bool = False
    #: the stack of the cell columns (:func:`.metrics.fill_cell`): a :func:`pybamm_aea.energy.cell_preset` name or a
    #: :class:`pybamm_aea.energy.Cell`, built around each point's cathode; None: no such columns
    cell: object = None
    #: the default experiment's (lower, upper or None) cut-offs [V] (None: the user's experiment) and the swept ones
    #: its steps take from each point (:meth:`at_point`): a swept cut-off ends that point's discharge (charge)
    default_window: tuple | None = None
    step_cut_offs: tuple = ()
    #: {name: the C-rate's magnitude} of the experiment's C-rate steps (:func:`c_rate_steps`), by the name an error
    #: gives them: what a failed row's error names with the rate the row runs them at (it built a ``pybamm.Experiment``
    #: per failed row)
    c_rate_steps: dict = field(default_factory=dict)
    #: (reference C-rate, lower, upper or None cut-offs [V]) -> (the default steps ending there, their
    #: :func:`_single_discharge`, their :func:`c_rate_steps`), built by :meth:`at_point` once per distinct value in
    #: this process (it built a ``pybamm.Experiment`` per point); keyed by the rate too, as a copy
    #: (``dataclasses.replace``) shares the dict
    point_steps: dict = field(default_factory=dict, repr=False, compare=False)

    def at_point(self, point):
        """This config with the default experiment's steps ending at ``point``'s swept cut-offs (one experiment, and
        simulation, per distinct value); itself when no cut-off is swept into the steps."""
        if not self.step_cut_offs:
            return self
        window = tuple(float(point[name]) if name in self.step_cut_offs else value
                       for name, value in zip(CUT_OFFS, self.default_window))
        key = (self.reference_c_rate, *window)
        made = self.point_steps.get(key)
        if made is None:
            steps = default_steps(self.reference_c_rate, *window)
            exp = make_experiment(steps)
            made = self.point_steps[key] = (steps, _single_discharge(exp), c_rate_steps(exp))
        return dataclasses.replace(self, steps=made[0], single_discharge=made[1], c_rate_steps=made[2])

    def duration_stretch(self, point):
        """reference C-rate / the point's swept C-rate when below the reference, else 1: the factor on PyBaMM's
        default duration of a C-rate step (:mod:`pybamm_aea.sweep.rate_steps`)."""
        if "C-rate" in self.names and "C-rate" in point:
            return max(1.0, self.reference_c_rate / float(point["C-rate"]))
        return 1.0

    def c_rate_basis_scale(self, point):
        """The factor the sweep sets "Nominal cell capacity [A.h]" (the C-rate basis) to off the point's electrode
        capacity (the set's nominal capacity rescaled to its loading and composition) on purpose: the point's swept
        C-rate / the reference rate, so that the experiment's steps written at the reference run at the point's rate
        (:func:`derive_inputs`); 1 for a point without a swept C-rate, a nominal capacity the user sweeps (the user's
        basis) or a set without one. The per-point solve runs inside
        :func:`pybamm_aea.models.step_checks.c_rate_basis_scaled` with it."""
        if "C-rate" in point and NOMINAL not in self.parameters and self.nominal is not None:
            return float(point["C-rate"]) / self.reference_c_rate
        return 1.0

    def discharge_time(self, point):
        """[s] the single discharge of ``point`` may last: the step's duration, at a swept C-rate below the
        reference stretched to the default duration of the point's own rate (:attr:`rate_scaled_duration`)."""
        duration = self.single_discharge[3]
        return duration * self.duration_stretch(point) if self.rate_scaled_duration else duration

    def cache_key(self, options):
        blob = pickle.dumps((self.parameter_set, self.material_json(), sorted(options.items()), repr(self.steps),
                             self.input_names, self.single_discharge, self.threads, self.cathode_cells))
        return hashlib.sha1(blob).hexdigest()

    def material_json(self):
        """The material's identity by content (its JSON), None for a registered set."""
        return None if self.material is None else self.material.to_json()

    def values(self):
        """The set's (or the material's) ``pybamm.ParameterValues`` (a copy of the one cache,
        :func:`pybamm_aea.parameters.registered_values`)."""
        return registered_values(self.material if self.material is not None else self.parameter_set)

    def composition_key(self):
        """What :func:`composition_for` takes: the registered set's name, or the material's energy record."""
        if self.material is None:
            return self.parameter_set
        from pybamm_aea.energy.materials import from_aea_material

        return from_aea_material(self.material)

    def var_pts(self):
        """The ``var_pts`` of the points' simulations: None (the model's) or the cathode's cells."""
        if self.cathode_cells is None:
            return None
        from pybamm_aea.models.submodels import xi

        return {xi: self.cathode_cells}


def _experiment_steps(experiment):
    """Picklable description of an experiment: a pybamm.Experiment as given, or a list of str / tuples of str."""
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
            raise SweepConfigError(f"experiment must be PyBaMM step strings (or tuples of them, one per cycle), "
                                   f"got {item!r}", "experiment")
    return out


def make_experiment(steps, stretch=1.0):
    """The ``pybamm.Experiment`` of ``steps``; ``stretch`` (a swept C-rate's :meth:`SweepConfig.duration_stretch`)
    multiplies the default duration of its C-rate steps, never a duration the user wrote."""
    import pybamm

    exp = steps.copy() if isinstance(steps, pybamm.Experiment) else pybamm.Experiment(steps)
    if stretch == 1.0:
        return exp
    from .rate_steps import stretch as stretched

    return stretched(exp, stretch)


def default_steps(rate, low, high=None):
    """The default experiment's steps: a discharge at ``rate`` [C] until ``low`` [V], after a charge until ``high``
    [V] (one cycle) unless None."""
    discharge = f"Discharge at {rate:g}C until {low:g} V"
    return [discharge] if high is None else [(f"Charge at {rate:g}C until {high:g} V", discharge)]


def _voltage_ends(exp):
    """The voltages [V] the steps of ``exp`` end at (their "until ... V" terminations), sorted."""
    return sorted({float(t.value) for s in exp.steps for t in getattr(s, "termination", None) or []
                   if type(t).__name__ == "VoltageTermination"})


def _single_discharge(exp):
    """(kind, value, cut-off, duration) when the experiment is one constant-current discharge to a lower voltage."""
    import pybamm

    if len(exp.steps) != 1:
        return None
    step = exp.steps[0]
    kinds = {pybamm.step.CRate: "C-rate", pybamm.step.Current: "current"}
    kind = kinds.get(type(step))
    if kind is None or step.is_drive_cycle or step.is_python_function or step.temperature is not None:
        return None
    terms = step.termination
    if len(terms) != 1 or type(terms[0]).__name__ != "VoltageTermination" or not float(step.value) > 0:
        return None
    return kind, float(step.value), float(terms[0].value), float(step.duration)


def c_rate_steps(exp):
    """{name: the C-rate's magnitude} of the C-rate steps of ``exp`` (a ``pybamm.Experiment``), by the name an
    error gives them (:func:`pybamm_aea.models.step_checks.step_name`); drive cycles and functions of time left out."""
    import numbers

    import pybamm

    from pybamm_aea.models.step_checks import step_name

    return {step_name(s, str): abs(float(s.value)) for s in exp.steps if isinstance(s, pybamm.step.CRate)
            and isinstance(s.value, numbers.Real) and not s.is_drive_cycle and not s.is_python_function}


def _default_c_rate_discharge(exp):
    """True when ``exp`` is a single C-rate discharge (:func:`_single_discharge`) of PyBaMM's default duration."""
    single = _single_discharge(exp)
    return single is not None and single[0] == "C-rate" and bool(getattr(exp.steps[0], "uses_default_duration", False))


def _check_reference_rate(exp, reference_c_rate):
    """A swept 'C-rate' scales the experiment's C-rate steps by C-rate / reference: at least one of them must be
    written at the reference rate, or every point would run at rates other than its label."""
    import pybamm

    rates = sorted({abs(float(s.value)) for s in exp.steps if isinstance(s, pybamm.step.CRate)
                    and not s.is_drive_cycle and not s.is_python_function})
    if not rates:
        raise SweepConfigError("'C-rate' is swept but the experiment has no C-rate step to scale", "experiment")
    if not any(math.isclose(r, reference_c_rate, rel_tol=1e-9) for r in rates):
        raise SweepConfigError(Said(
            f"'C-rate' is swept relative to the reference rate {reference_c_rate:g}C, but the experiment's C-rate "
            f"steps are at {', '.join(f'{r:g}C' for r in rates)}: write its rates at {reference_c_rate:g}C (the other "
            "steps scale with it), or set the reference rate (", ("reference_c_rate", ANY), ")"),
            "experiment",
        )


def _is_sulfur_dispersed(values):
    """True for an S8 hybrid: a dispersed material with the library's S8 capacity at a mass fraction > 0."""
    from pybamm_aea.energy import get_material

    try:
        capacity = float(values["Dispersed material specific capacity [A.h.kg-1]"])
        fraction = float(values[DISPERSED])
    except (KeyError, TypeError, ValueError):
        return False
    return fraction > 0 and math.isclose(capacity, get_material("S8").specific_capacity, rel_tol=1e-6)


def _resolve_s8_parameter(values, set_name):
    keys = values.keys()
    if S8_NAME in keys:
        return S8_NAME
    if DISPERSED in keys and _is_sulfur_dispersed(values):
        return DISPERSED
    candidates = [k for k in keys if "s8 mass fraction" in k.lower()]
    if len(candidates) == 1:
        return candidates[0]
    what = ("it is not an S8 hybrid (no S8 dispersed in its host)" if DISPERSED in keys
            else "it has no S8 mass-fraction parameter")
    raise SweepConfigError(f"'S8 mass fraction' is an input of the hybrid S8-Mo6S8 sets (e.g. 'Li2021_S_Mo6S8'); "
                           f"parameter set {set_name!r} cannot take it: {what}", "grid")


def composition_for(set_name, fraction):
    """Mass fractions of a set's cathode solid at a dispersed-material ``fraction``; ``set_name`` may also be an
    energy :class:`~pybamm_aea.energy.Material` (a swept AEAMaterial's record: the pure material)."""
    from pybamm_aea.energy import Material

    if isinstance(set_name, Material):
        return {set_name: 1.0}
    comp = SET_COMPOSITIONS.get(set_name)
    if comp is None:
        return None
    return comp(fraction) if callable(comp) else dict(comp)


def rescaled_nominal(set_name, nominal, loading0=None, loading=None, fraction0=None, fraction=None, changes=None,
                     inputs=None):
    """The set's C-rate basis ``nominal`` ("Nominal cell capacity [A.h]": its electrode's capacity as made) for
    another loading [kg.m-2] (from ``loading0``), dispersed-material mass fraction (from ``fraction0``) and other
    parameter ``changes`` (name -> value), so that 1C keeps meaning one hour on the electrode simulated: the CLI's
    rule, :func:`pybamm_aea.models.step_checks.rescaled_nominal_capacity` (the model's capacity; the energy
    package's paper figures, 128 mA.h/g of Mo6S8 against the model's 128.825, had run the two 0.14 % apart).
    ``set_name``: a registered set's name, an :class:`~pybamm_aea.materials.AEAMaterial` or its
    ``pybamm.ParameterValues``; ``inputs`` (name -> value) the point's, for values holding inputs. ``ValueError``
    naming why where the capacity cannot be known (it had kept ``nominal`` without a word)."""
    import pybamm

    from pybamm_aea.models.step_checks import rescaled_nominal_capacity

    values = set_name if isinstance(set_name, pybamm.ParameterValues) else registered_values(set_name)
    before, after = {}, dict(changes or {})
    if loading0 and loading is not None:
        before["Cathode loading [kg.m-2]"], after["Cathode loading [kg.m-2]"] = loading0, loading
    if fraction0 is not None and fraction is not None:
        before[DISPERSED], after[DISPERSED] = fraction0, fraction
    after = {name: v for name, v in after.items() if name in values.keys() and name != NOMINAL}
    return rescaled_nominal_capacity(nominal, values, after, before={k: before[k] for k in before if k in after},
                                     inputs=inputs)


def _describe_value(v):
    """A stable text (same in every process) of a parameter value: numbers as floats, functions by module and
    qualified name, ``functools.partial`` with its arguments, arrays by a hash of their bytes."""
    import functools

    import numpy as np

    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float, np.integer, np.floating)):
        return float(v)
    if isinstance(v, np.ndarray):
        return f"array{v.shape}:{hashlib.sha1(np.ascontiguousarray(v).tobytes()).hexdigest()[:16]}"
    if isinstance(v, functools.partial):
        args = [_describe_value(a) for a in v.args]
        kwargs = {k: _describe_value(x) for k, x in sorted(v.keywords.items())}
        return f"{_describe_value(v.func)}(*{args}, **{kwargs})"
    if isinstance(v, (list, tuple)):
        return [_describe_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _describe_value(x) for k, x in sorted(v.items(), key=lambda kv: str(kv[0]))}
    if callable(v):
        return f"{getattr(v, '__module__', '?')}.{getattr(v, '__qualname__', type(v).__name__)}"
    return repr(v)


def _signature(f):
    """'f(x, T)' of a parameter function (its name and arguments; 'a function' when they cannot be read)."""
    import inspect

    try:
        return f"{getattr(f, '__name__', type(f).__name__)}{inspect.signature(f)}"
    except (TypeError, ValueError):
        return "a function"


def _check_swept_cut_offs(values, points, swept, anode):
    """Refuse a point whose swept cut-offs ``swept`` (that cell's voltages [V]) leave the lower cut-off at or above the
    upper one (the set's other cut-off, or both swept), by the model's range of "Lower voltage cut-off [V]"
    (:func:`pybamm_aea.models.checks.check_value`; session 58: AEA_LiCoO2 swept to an upper 2.5 V below its lower
    3 V passed, its row failing at solve), or reach past a host OCP table's end, by
    :func:`pybamm_aea.models.checks.check_tables_cover_cut_offs` (a solve runs it only on numbers, not on inputs);
    on the Li-In ``anode`` the set's numeric cut-offs moved to it first (review R37: AEA_LiCoO2 swept to 4.5 V gave
    119.39 mA.h/g on its table held at 4.2535 V, a plain solve refusing it)."""
    from pybamm_aea.models.checks import check_tables_cover_cut_offs
    from pybamm_aea.parameters.paper_cell import li_in_cut_offs

    if not swept:
        return
    base = {k: values[k] for k in values.keys()}
    if anode == "Li-In":
        base.update(li_in_cut_offs(base))
    for cut_offs in dict.fromkeys(tuple(float(p[n]) for n in swept) for p in points):
        if not all(math.isfinite(v) and v > 0 for v in cut_offs):  # (no cell voltage: its row's range check names
            continue                                                # it; review R38 found -1 V told of the table)
        said = ", ".join(f"{n!r} {v:g} V" for n, v in zip(swept, cut_offs))
        point = {**base, **dict(zip(swept, cut_offs))}
        low, high = (point.get(n) for n in CUT_OFFS)
        if all(isinstance(v, (int, float)) for v in (low, high)):
            other = [n for n in CUT_OFFS if n not in swept]
            # (the set's cut-off the swept one is compared with, said as the solve reads it)
            with_other = "".join(f" (with the set's {n!r} {float(point[n]):g} V"
                                 + (" moved to Li-In)" if anode == "Li-In" else ")") for n in other)
            try:
                check_value(CUT_OFFS[0], low, bound_value=high)
            except ValueError as exc:
                raise SweepConfigError(f"the swept {said}{with_other}: {exc}", "grid") from None
        try:
            check_tables_cover_cut_offs(point, anode)
        except ValueError as exc:
            raise SweepConfigError(f"the swept {said}: {exc}", "grid") from None


def build_config(names, points, parameter_set, experiment, options, compaction, reference_c_rate,
                 cathode_cells=None, cell=None):
    """Validate the grid against the parameter set; the :class:`SweepConfig` of the workers."""
    import pybamm

    from pybamm_aea.models.aea import MIN_CATHODE_CELLS, AEAOptions

    from pybamm_aea.materials import MaterialError
    from pybamm_aea.materials import as_material

    material = None
    if not isinstance(parameter_set, str) or parameter_set.lower().endswith(".json"):
        try:
            material = as_material(parameter_set)
        except MaterialError as exc:
            raise SweepConfigError(f"parameter_set {parameter_set!r}: {exc}", "parameter_set") from exc
        if material is None:
            raise SweepConfigError(f"parameter_set must be the name of a registered parameter set, an AEAMaterial or "
                                   f"the path of its .json file, got {parameter_set!r}", "parameter_set")
        try:
            values = registered_values(material)
        except (MaterialError, ValueError) as exc:
            raise SweepConfigError(f"material {material.name!r}: {exc}", "parameter_set") from exc
        parameter_set = material.name
    else:
        try:
            values = registered_values(parameter_set)
        except Exception as exc:  # unknown set (PyBaMM's message lists all the sets; ours names the closest)
            known = parameter_set in list(pybamm.parameter_sets)
            raise SweepConfigError(f"parameter set {parameter_set!r}: {exc}" if known else str(exc),
                                   "parameter_set") from exc
    options = dict(options or {})
    if cathode_cells is not None and not whole_at_least(cathode_cells, MIN_CATHODE_CELLS):
        raise SweepConfigError(f"cathode_cells must be an integer >= {MIN_CATHODE_CELLS} (cells across the cathode), "
                               f"got {cathode_cells!r}", "cathode_cells")
    try:
        AEAOptions(options)
    except pybamm.OptionError as exc:
        raise SweepConfigError(str(exc), "options") from exc

    keys = set(values.keys())
    parameters, option_names = [], []
    for n in names:
        if n in OPTION_INPUTS:
            option_names.append(n)
        elif n in keys:
            parameters.append(n)
        elif n not in DERIVED_INPUTS:
            close = close_names(n, sorted(keys) + list(DERIVED_INPUTS) + list(OPTION_INPUTS))
            hint = f"; did you mean {close}?" if close else ""
            raise SweepConfigError(
                f"grid name {n!r} is neither a parameter of {parameter_set!r} nor a derived input "
                f"{list(DERIVED_INPUTS)} nor an AEA option {list(OPTION_INPUTS)}{hint}",
                "grid",
            )
    for n in parameters:  # a grid value replaces the set's value: a function's dependences would be dropped
        if callable(values[n]):
            factor = factor_of(n)  # the model's scalar on it (paper_cell.fitting_factors)
            instead = (f"sweep {factor!r} (a number multiplying it, its shape kept) instead" if factor in keys else
                       "sweep a parameter that is a number, or a material (parameter_set=AEAMaterial) with the "
                       "function you mean")
            raise SweepConfigError(
                f"grid name {n!r} is a function in {parameter_set!r} ({_signature(values[n])}): a grid of numbers "
                f"would replace it by a constant, dropping its dependence on those arguments; {instead}", "grid")
    for n in option_names:
        for p in points:
            if p[n] not in AEAOptions.POSSIBLE[n]:
                raise SweepConfigError(f"option {n!r} cannot be {p[n]!r}; possible values: {AEAOptions.POSSIBLE[n]}"
                                       + did_you_mean(p[n], AEAOptions.POSSIBLE[n]), "grid")
    # each point's options with the fixed ones, by the model's rules of two options (its hysteresis on the multi-phase
    # host): 'hysteresis=none' swept on the default host ran and failed at every point (until session 59)
    for combination in dict.fromkeys(tuple(p[n] for n in option_names) for p in points):
        try:
            AEAOptions({**options, **dict(zip(option_names, combination))})
        except pybamm.OptionError as exc:
            raise SweepConfigError(f"grid point {dict(zip(option_names, combination))}: {exc}", "grid") from exc
    for n in names:
        if n in option_names:
            continue
        bad = [p[n] for p in points if not isinstance(p[n], float)]
        if bad:
            raise SweepConfigError(f"grid values of {n!r} must be numbers, got {bad[:3]}", "grid")
        # (until R42 a NaN cut-off ended the whole sweep in "could not convert string to float: ''", PyBaMM reading
        # "until nan V")
        bad = list(dict.fromkeys(p[n] for p in points if not math.isfinite(p[n])))
        if bad:
            raise SweepConfigError(f"grid values of {n!r} must be finite numbers, got {', '.join(map(repr, bad))}",
                                   "grid")
    for a, b in [(FABRICATION, "Cathode porosity"), (PRESSED_AND_HELD, "Cathode porosity"),
                 (PRESSED_AND_HELD, FABRICATION), (PRESSED_AND_HELD, STACK),
                 ("Cathode thickness [um]", "Cathode loading [kg.m-2]"),
                 ("C-rate", NOMINAL), ("C-rate", "Current function [A]")]:
        if a in names and b in names:
            raise SweepConfigError(f"{a!r} sets {b!r}: sweep one of them, not both", "grid")
    if "Current function [A]" in names:
        raise SweepConfigError("the experiment sets the current: sweep 'C-rate' instead of 'Current function [A]'",
                               "grid")

    s8_param = _resolve_s8_parameter(values, parameter_set) if S8_NAME in names else None
    if s8_param is not None and s8_param in names:
        raise SweepConfigError(f"'S8 mass fraction' sets {s8_param!r}: sweep one of them, not both", "grid")
    fraction_name = S8_NAME if s8_param is not None else (DISPERSED if DISPERSED in names else None)
    fraction_param = s8_param if s8_param is not None else (DISPERSED if DISPERSED in names else None)

    compaction_set = None
    if compaction is not None and not callable(compaction):  # a data set's name: known before any solve
        from pybamm_aea.energy.compaction import compaction_set_name

        try:
            compaction_set_name(compaction)
        except ValueError as exc:
            raise SweepConfigError(f"compaction={compaction!r}: {exc}", "compaction") from None
    if STACK in names and pressure_axis(names) is None and "Cathode porosity" not in names:
        raise SweepConfigError(stack_pressure_refusal(sorted({float(point[STACK]) for point in points})), "grid")
    axis = pressure_axis(names)
    if compaction is not None and axis is None:
        raise SweepConfigError(Said(("compaction", compaction), f" sets the porosity of a swept {FABRICATION!r} or "
                                    f"{PRESSED_AND_HELD!r}, which the grid does not have"), "compaction")
    if axis is not None:
        facts = None if material is not None else SET_FACTS.get(parameter_set)
        compaction_set = compaction if compaction is not None else (facts.compaction if facts else None)
        if compaction_set is None:
            raise SweepConfigError(Said(
                f"no compaction data known for {parameter_set!r}: pass ", ("compaction", ANY),
                f" one of {', '.join(map(repr, compaction_data_sets.NAMES))}",
                EachCaller(" (or a function pressure_MPa -> porosity)", ""), f" to sweep {axis!r}",
                EachCaller("", " (or sweep 'Cathode porosity' in its place)")), "compaction")

    charge_first = False
    if experiment is None:  # a discharge from the set's initial state; a set made lithiated is charged first
        from pybamm_aea.parameters import starts_with_charge

        charge_first = starts_with_charge(values)
        cut_offs = ["Lower voltage cut-off [V]"] + (["Upper voltage cut-off [V]"] if charge_first else [])
        try:
            low, *high = (float(values[name]) for name in cut_offs)
        except KeyError as exc:
            raise SweepConfigError(f"{parameter_set!r} has no {exc.args[0]!r} for the default experiment",
                                   "parameter_set") from exc
        anodes = {p["anode"] for p in points} if "anode" in option_names else {options.get("anode")}
        if "Li-In" in anodes:  # the set's window is vs Li metal: the model's own defaults on Li-In move it
            from pybamm_aea.parameters.paper_cell import li_in_cut_offs, mixed_anodes_message

            if len(anodes) > 1:
                swept = next(((n, points[0][n]) for n in cut_offs if n in parameters), None)
                raise SweepConfigError(mixed_anodes_message(low, swept), "grid")
            moved = li_in_cut_offs(values)
            low, *high = (float(moved[name]) for name in cut_offs)
        # (a charge first: one cycle, its metrics the discharge's; a discharge of a full cathode gave ~0); a swept
        # cut-off ends each point's step at its own value, as given (on Li-In: that cell's voltage, li_in_cut_offs)
        default_window = (low, high[0] if charge_first else None)
        if "Upper voltage cut-off [V]" in parameters and not charge_first:
            raise SweepConfigError(
                f"'Upper voltage cut-off [V]' is swept, but the default experiment of {parameter_set!r} is a "
                f"discharge only (the set is not charged first): the upper cut-off never acts, every row would run "
                f"the same; sweep the lower cut-off, or run one experiment per upper cut-off", "grid")
        step_cut_offs = tuple(n for n in cut_offs if n in parameters)
        _check_swept_cut_offs(values, points, step_cut_offs, "Li-In" if "Li-In" in anodes else next(iter(anodes)))
        steps = default_steps(reference_c_rate, *default_window)
    else:
        default_window, step_cut_offs = None, ()
        steps = _experiment_steps(experiment)
        if not isinstance(steps, pybamm.Experiment) and not steps:
            raise SweepConfigError("the experiment has no steps", "experiment")
    try:
        exp = make_experiment(steps)
    except Exception as exc:
        from pybamm_aea.models.step_checks import experiment_text_advice

        advice = None if isinstance(steps, pybamm.Experiment) else experiment_text_advice(steps)
        raise SweepConfigError(f"invalid experiment: {advice}" if advice else f"invalid experiment {steps!r}: {exc}",
                               "experiment") from exc
    swept_cut_offs = [n for n in CUT_OFFS if n in parameters]
    # (review R37: "Discharge at 0.1C for 15 hours" with a swept 2.1 V gave 128.63 mA.h/g, the default one 32.5)
    if experiment is not None and swept_cut_offs:
        ends = _voltage_ends(exp)
        raise SweepConfigError(
            f"{swept_cut_offs[0]!r} is swept with an experiment of your own, whose steps "
            + (f"end at their own voltages (until {', '.join(f'{v:g}' for v in ends)} V)" if ends else
               "end at no voltage of their own")
            + ": steps ending at their own voltages end whatever the parameter (every row the same), and steps "
            "without one stop at PyBaMM's voltage events, which it moves 1 V out of an experiment's cut-offs (each "
            "row 1 V past its value); sweep it with the default experiment (its steps end at each point's cut-off), "
            "or run one experiment per cut-off", "grid")
    if "C-rate" in names:
        _check_reference_rate(exp, reference_c_rate)
    temperature_swept = [n for n in TEMPERATURE_PARAMS if n in names]
    if temperature_swept and any(getattr(s, "temperature", None) is not None for s in exp.steps):
        raise SweepConfigError(
            f"the experiment sets the temperature in its steps, so {temperature_swept[0]!r} cannot be swept",
            "grid",
        )

    nominal = values[NOMINAL] if NOMINAL in keys else None
    if not isinstance(nominal, (int, float)):
        nominal = None
    input_names = set(parameters)
    if axis is not None:
        input_names.add("Cathode porosity")
    if axis == PRESSED_AND_HELD:  # (both pressures: the point's P)
        input_names.update((FABRICATION, STACK))
    if "Cathode thickness [um]" in names:
        input_names.add("Cathode loading [kg.m-2]")
    if s8_param is not None:
        input_names.add(s8_param)
    if nominal is not None:
        input_names.add(NOMINAL)

    def number(name):
        v = values[name] if name in keys else None
        return float(v) if isinstance(v, (int, float)) else None

    swept = set(parameters) | input_names
    record = {
        "parameter set": parameter_set,
        # a material by its content (absent for registered sets: their stores still resume)
        **({"material": material.to_dict()} if material is not None else {}),
        "options": {k: options[k] for k in sorted(options)},
        "experiment": [str(s) for s in exp.steps],
        "inputs": sorted(names),
        "reference C-rate": float(reference_c_rate),
        "compaction": _describe_value(compaction_set) if compaction_set is not None else None,
        "fixed values": {k: _describe_value(values[k]) for k in sorted(keys - swept)},
    }
    if cathode_cells is not None:  # absent on the default mesh: stores written before the option still resume
        record["cathode cells"] = int(cathode_cells)
    if cell is not None:  # absent without cell columns: stores written before the option still resume
        cell = _checked_stack(cell)
        record["cell"] = cell if isinstance(cell, str) else cell.stack_record()  # (a Cell: its stack, not its cathode)
    if compaction is None and compaction_set is not None and fraction_name is not None:
        # the law follows each point's composition (compaction_for): a store whose points all took the set's law
        # (written before) is not resumed with it; a grid of one composition keeps its record
        record["compaction by composition"] = True
    if "C-rate" in names and any(float(p["C-rate"]) < reference_c_rate for p in points):
        from .rate_steps import stretchable

        if any(stretchable(s) for s in exp.steps):
            # a point below the reference takes its own rate's default duration (duration_stretch): a store whose
            # slow points were cut at the reference's (written before) is not resumed with its stale rows
            record["default duration by rate"] = True
    if step_cut_offs:  # a store whose rows all ran to the set's cut-off (written before) is not resumed with them
        record["default experiment to each point's cut-off"] = list(step_cut_offs)
    json.dumps(record)  # the store keeps it as JSON
    config = SweepConfig(
        parameter_set=parameter_set, options=options, steps=steps, n_steps=len(exp.steps), names=list(names),
        parameters=parameters, option_names=option_names, input_names=sorted(input_names),
        reference_c_rate=float(reference_c_rate), s8_param=s8_param, compaction=compaction_set,
        compaction_auto=compaction is None and compaction_set is not None, nominal=nominal,
        loading0=number("Cathode loading [kg.m-2]"), porosity0=number("Cathode porosity"),
        fraction_name=fraction_name,
        fraction0=number(fraction_param) if fraction_param is not None else None,
        single_discharge=_single_discharge(exp), c_rate_steps=c_rate_steps(exp), record=record,
        cathode_cells=None if cathode_cells is None else int(cathode_cells), default_charge_first=charge_first,
        material=material,
        rate_scaled_duration="C-rate" in names and _default_c_rate_discharge(exp),
        cell=cell, default_window=default_window, step_cut_offs=step_cut_offs,
    )
    if cell is not None:
        _check_cell(config, points)
    if pressure_axis(config.names) is not None and not callable(config.compaction):
        for point in points:
            compaction_choice(config, point_fraction(config, point))
    return config


def _checked_stack(cell):
    """``cell`` if it is a preset name of :func:`pybamm_aea.energy.cell_preset` or a :class:`pybamm_aea.energy.Cell`
    (:func:`pybamm_aea.energy.cell.check_stack`), else a SweepConfigError naming it (the presets and the close
    names)."""
    from pybamm_aea.energy.cell import check_stack

    try:
        return check_stack(cell)
    except ValueError as exc:
        raise SweepConfigError(f"cell={cell!r}: {exc}" if isinstance(cell, str) else str(exc), "cell") from None


def _check_cell(config, points):
    """``config.cell`` (checked by :func:`_checked_stack`) can be built around every point's cathode: its
    composition and porosity are known and a Cell's anode suits each composition (below it in voltage, or a
    lithiated cathode for an anode-free stack), before any solve."""
    from pybamm_aea.energy import Electrode
    from pybamm_aea.energy.cell import stack_around, stack_label

    label = stack_label(config.cell)
    swept = set(config.names)
    porosity = config.porosity0 is not None or bool({*PRESSURE_AXES, "Cathode porosity"} & swept)
    loading = config.loading0 is not None or bool({"Cathode loading [kg.m-2]", "Cathode thickness [um]"} & swept)
    if not (porosity and loading):
        missing = " and ".join(name for name, given in (('"Cathode porosity"', porosity),
                                                         ('"Cathode loading [kg.m-2]"', loading)) if not given)
        raise SweepConfigError(f"cell={label} builds the stack around each point's cathode, whose {missing} "
                               f"{config.parameter_set!r} does not give (sweep it, or a set that has it)", "cell")
    fractions = {point_fraction(config, p) for p in points}
    if any(composition_for(config.composition_key(), f) is None for f in fractions):
        raise SweepConfigError(
            f"cell={label} builds the stack around each point's cathode, whose make-up the sweep knows only "
            f"for the paper's sets ({', '.join(SET_COMPOSITIONS)}) and a material given as parameter_set, not "
            f"{config.parameter_set!r}", "cell")
    for f in sorted(fractions, key=lambda f: -1.0 if f is None else f):
        try:  # (whether the anode suits the cathode is the composition's: any porosity and loading)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # (placeholder loading: fill_cell judges the discharge)
                stack_around(config.cell, Electrode(composition_for(config.composition_key(), f), 0.0), 1.0)
        except ValueError as exc:
            at = "" if f is None else f" at {config.fraction_name!r} = {f:g}"
            raise SweepConfigError(f"cell={label} cannot be built around the sweep's cathode{at}: {exc}",
                                   "cell") from None


def _compaction_choice(config, fraction):
    """(the compaction data set of a point, the note when its law was measured on another composition, or None)."""
    from pybamm_aea.energy.compaction import compaction_sets, composition_note, measured_composition, same_composition

    chosen = config.compaction
    try:
        point = ({config.material.name: 1.0} if config.material is not None
                 else composition(config.parameter_set, dispersed_fraction=fraction))
    except KeyError:  # a set without facts: its composition is not known
        return chosen, None
    if config.compaction_auto:
        for name in compaction_sets():
            if same_composition(point, measured_composition(name)):
                return name, None
    return chosen, composition_note(point, chosen)


def point_fraction(config, point):
    """The point's mass fraction of the dispersed material (hybrid sets), None when the grid does not sweep it."""
    return None if config.fraction_name is None else float(point[config.fraction_name])


def compaction_choice(config, fraction):
    """(the compaction data set of a point, the note when its law was measured on another composition, or None),
    decided once per composition: kept in ``config.compaction_choices``, which both the porosity of every point
    (:func:`derive_inputs`) and the sweep's notes (:func:`compaction_notes`) read."""
    choice = config.compaction_choices.get(fraction)
    if choice is None:
        choice = config.compaction_choices[fraction] = _compaction_choice(config, fraction)
    return choice


def compaction_for(config, fraction):
    """The compaction data set of a point (:func:`pybamm_aea.energy.porosity`) at its dispersed-material
    ``fraction``.

    With the set's own law (``config.compaction_auto``) a point whose composition is the one another data set was
    measured on uses that one (S-LMS at 0 wt% S8: the Mo6S8 law of Table S6); no law is interpolated between
    compositions. A data set the user named is used as given. A law measured on another composition than the
    point's cathode is said once per sweep, by :func:`compaction_notes`.
    """
    return compaction_choice(config, fraction)[0]


def compaction_notes(config, points):
    """One message per cathode composition whose porosity comes from a law measured on another composition
    (:func:`pybamm_aea.energy.compaction.measured_composition` against :func:`pybamm_aea.parameters.composition`),
    naming the points it concerns: a fact of the sweep's composition, said once (it was in the ``warnings`` of
    every row: each point of an LTO-LMS pressure sweep on the Mo6S8 law)."""
    if pressure_axis(config.names) is None or callable(config.compaction):
        return []
    concerned = {}
    for p in points:
        fraction = point_fraction(config, p)
        note = compaction_choice(config, fraction)[1]
        if note is not None:
            concerned.setdefault(note, []).append(fraction)
    out = []
    for note, fractions in concerned.items():
        if len(fractions) == len(points):
            which = f"all {len(points)} points of the sweep" if len(points) > 1 else "the one point of the sweep"
        else:
            which = (f"{len(fractions)} of {len(points)} points, at {config.fraction_name!r} = "
                     f"{', '.join(f'{f:g}' for f in sorted(set(fractions)))}")
        out.append(f"{note}: {which}")
    return out


def cell_notes(config, points):
    """With ``cell=``, one message per simulated anode the stack (a preset's or a Cell's) does not have
    (:func:`pybamm_aea.cycling.cell_anode_mismatch`), naming the points it concerns: said once, before any solve."""
    if config.cell is None:
        return []
    from pybamm_aea.cycling import cell_anode_mismatch
    from pybamm_aea.energy import Cell, cell_preset
    from pybamm_aea.energy.cell import stack_label
    from pybamm_aea.energy.paper import slms_practical_electrode

    if isinstance(config.cell, Cell):
        stack = config.cell
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # (its anode only: a discharge vs it is fill_cell's)
            stack = cell_preset(config.cell, cathode=slms_practical_electrode(), loading_mg_cm2=1.0)  # (its anode only)
    from pybamm_aea.models.aea import AEA

    anodes = ([p["anode"] for p in points] if "anode" in config.option_names
              else [AEA(config.options, build=False).options["anode"]] * len(points))  # (each point's)
    out = []
    for anode in dict.fromkeys(anodes):
        mismatch = cell_anode_mismatch(stack, anode)
        if mismatch:
            n = anodes.count(anode)
            which = (f"{n} of {len(anodes)} points" if n < len(anodes)
                     else f"all {n} points of the sweep" if n > 1 else "the one point of the sweep")
            out.append(f"cell={stack_label(config.cell)}: {mismatch}: {which}")
    return out


def point_loading(config, inputs):
    """The cathode loading [kg.m-2] of a point's PyBaMM ``inputs`` (:func:`derive_inputs`): swept or derived, else the
    set's."""
    return inputs.get("Cathode loading [kg.m-2]", config.loading0)


def derive_inputs(config, point):
    """PyBaMM inputs of one point, the derived columns to report, its porosity, dispersed-material fraction and
    window [A.h] (the set's nominal capacity at the point's loading and composition, :func:`rescaled_nominal`; None
    if the set has none); ``ValueError`` naming a bad value.

    Every grid value is checked against :data:`pybamm_aea.models.checks.RANGES` here (the names a user typed, e.g.
    "C-rate"); the parameters they set are checked again by the model's solver at solve time.
    """
    for name in config.names:
        if name not in config.option_names:
            check_value(name, point[name])
    inputs = {name: float(point[name]) for name in config.parameters}
    derived = {}
    porosity = inputs.get("Cathode porosity", config.porosity0)
    fraction = point_fraction(config, point)  # mass fraction of the dispersed material (hybrid sets), when swept
    axis = pressure_axis(point)
    if axis is not None:  # the porosity of pressing at P, the model's as-made porosity (anchored at the fabrication
        comp = config.compaction  # pressure, which is P: one pressure, counted once)
        pressure = float(point[axis])
        if axis == PRESSED_AND_HELD:
            inputs[FABRICATION] = inputs[STACK] = pressure
        if callable(comp):
            porosity = float(comp(pressure))
        else:
            from pybamm_aea.energy import porosity as porosity_of

            porosity = float(porosity_of(compaction_for(config, fraction), pressure))
        inputs["Cathode porosity"] = derived["Cathode porosity"] = porosity
    loading = point_loading(config, inputs)
    if "Cathode thickness [um]" in point:
        from pybamm_aea.parameters import loading_for_thickness  # the model's solid density: host + dispersed

        loading = loading_for_thickness(config.values(), float(point["Cathode thickness [um]"]) * 1e-6,
                                        porosity, fraction)
        check_value("Cathode loading [kg.m-2]", loading,
                    said_as=f"'Cathode thickness [um]' = {point['Cathode thickness [um]']!r}")
        inputs["Cathode loading [kg.m-2]"] = derived["Cathode loading [kg.m-2]"] = loading
    if config.s8_param is not None:
        inputs[config.s8_param] = fraction
    for name in TEMPERATURE_PARAMS:
        if name in inputs:
            inputs[name + TEMPERATURE_ALIAS] = inputs.pop(name)
    window = None
    if config.nominal is not None:  # (the point's other parameters too: the CLI's --set rule)
        window = rescaled_nominal(config.values(), config.nominal, config.loading0, loading, config.fraction0, fraction,
                                  changes=inputs, inputs=inputs)
    if NOMINAL in config.parameters:  # swept as given: the user's C-rate basis
        pass
    elif window is not None:
        inputs[NOMINAL] = window * config.c_rate_basis_scale(point)
    return inputs, derived, porosity, fraction, window
