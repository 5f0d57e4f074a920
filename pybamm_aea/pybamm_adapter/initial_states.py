"""PyBaMM's own initial-state entry points, for AEA models and parameter sets: a small patch of PyBaMM.

PyBaMM 26 sets an initial SOC or voltage in two places, and both only know its lithium-ion
electrode-SOH code:

- ``BaseSimulation.set_initial_state``, behind ``Simulation.solve(initial_soc=..., direction=...)``,
  ``build(initial_soc=...)``, experiments and ``pybamm.BatchStudy``, sends every model there;
- ``ParameterValues.set_initial_state`` dispatches on the parameter set's ``"chemistry"``, which
  knows lithium-ion and ECM only.

PyBaMM has no hook for another model family at either place, so :func:`install` wraps both,
once (it runs when :mod:`pybamm_aea.models.aea` or :mod:`pybamm_aea.parameters` is imported,
which ``pybamm.Model("AEA")`` and ``pybamm.ParameterValues("Li2021_...")`` do):

- a simulation whose model class defines ``initial_state_parameter_values(parameter_values,
  initial_value, direction, inputs)`` gets the parameter values that method returns (with ``time=``, the state's
  time [s], where a plain solve starts after 0: :data:`STATE_TIME`), cached on (initial value, direction,
  parameter values, inputs, time) as PyBaMM caches its eSOH result; a built
  simulation then only recomputes its initial conditions; a list of several input sets shares one state, read with
  the inputs they give alike, and is refused where the state reads an input that differs between them, one set's
  list read as that set (:func:`_one_input_set`: one model is built, so one state for every set);
- parameter values of an AEA set (those holding ``"Cathode maximum Li content"``) go to
  :func:`pybamm_aea.set_initial_state`;
- everything else goes to PyBaMM's own methods, called unchanged.

PyBaMM's deprecated names of ``ParameterValues.set_initial_state`` (:data:`DEPRECATED_ALIASES`) call its
lithium-ion code past that method; :func:`install` wraps them too, so that an AEA set goes to
``set_initial_state`` (with a ``DeprecationWarning``) instead of failing with ``KeyError: "Parameter 'Positive
electrode OCP [V]' not found ..."``; their lithium-ion eSOH arguments ``known_value`` and ``tol`` are refused by
name when given other than PyBaMM's defaults.

The simulation wrapper uses private ``BaseSimulation`` names (:data:`SIMULATION_PRIVATE_NAMES`), which
changed between PyBaMM 25.12, 26.3 and 26.4; :func:`check` verifies them (and both methods' signatures)
before anything is wrapped and raises an ImportError naming the PyBaMM version and what is missing.

What upstream would replace this module: a model-level hook in ``BaseSimulation.set_initial_state``
(e.g. "if the model defines ``set_initial_state(parameter_values, initial_value, direction, inputs)``,
call it instead of the lithium-ion eSOH"), and a registry of initial-state functions per parameter-set
``"chemistry"`` in ``ParameterValues.set_initial_state``.
"""
import contextvars
import functools
import inspect
import warnings

import numpy as np
import pybamm
from pybamm.simulation.base_simulation import BaseSimulation

#: the model-class method a simulation calls to set its initial state
MODEL_HOOK = "initial_state_parameter_values"
#: the time [s] of the state the ``Simulation.solve`` running sets: its ``t_eval``'s start (a solve from 3600 s starts
#: there), set by :mod:`pybamm_aea.pybamm_adapter.experiment_errors` around a plain solve; 0 otherwise (an experiment
#: starts at 0; PyBaMM refuses ``initial_soc`` with a starting solution). Passed to :data:`MODEL_HOOK` as ``time``
#: where not 0 (a cut-off of PyBaMM's time is read there: session 63)
STATE_TIME = contextvars.ContextVar("pybamm_aea_state_time", default=0.0)
#: a parameter only AEA parameter sets hold
AEA_PARAMETER = "Cathode maximum Li content"
#: PyBaMM's deprecated names of ``ParameterValues.set_initial_state`` (PyBaMM 26.10), wrapped where they exist
DEPRECATED_ALIASES = ("set_initial_stoichiometry_half_cell", "set_initial_stoichiometries", "set_initial_ocps")
#: private BaseSimulation methods and attributes the simulation wrapper calls or sets
SIMULATION_PRIVATE_NAMES = ("_unprocessed_model", "_unprocessed_parameter_values", "_pv_fingerprint",
                            "_normalize_inputs", "_esoh_fingerprint", "_parameter_values", "_needs_ic_rebuild",
                            "_built_initial_soc")
#: the parameters each wrapped method must take (the wrappers pass them on)
SIGNATURES = {
    BaseSimulation: ("initial_soc", "direction", "inputs"),
    pybamm.ParameterValues: ("initial_value", "direction", "param", "inplace", "options", "inputs"),
}


def check(simulation_class=BaseSimulation, signatures=None):
    """ImportError naming the PyBaMM version unless the names and signatures this patch relies on are there.

    A private name counts as there if the class defines it or its source sets ``self.<name>``.
    """
    source = source_of(simulation_class)
    missing = [name for name in SIMULATION_PRIVATE_NAMES
               if not hasattr(simulation_class, name) and f"self.{name}" not in source]
    for cls, expected in (signatures or SIGNATURES).items():
        method = getattr(cls, "set_initial_state", None)
        method = getattr(method, "__wrapped__", method)
        taken = inspect.signature(method).parameters if method is not None else {}
        missing += [f"{cls.__name__}.set_initial_state({name}=...)" for name in expected if name not in taken]
    if missing:
        raise patch_mismatch("initial-state", __name__, missing)


#: a top-level class's ``class`` line (the name filled in): where :func:`source_of` starts its block
_CLASS_LINE = r"class\s+{}\b"


@functools.lru_cache(maxsize=None)
def source_of(obj):
    """``inspect.getsource(obj)``, read once per process, which the patches' checks read PyBaMM's classes and
    methods with. Python 3.11's ``inspect`` finds a class by parsing its whole module (``ast.parse``) on every call:
    the checks' 18 reads cost 0.22-0.42 s of each process's import of the package (10 parses, of 5 PyBaMM files),
    which every spawned or Dask sweep worker paid again (session 63). Here a top-level, undecorated class whose
    ``class`` line is the only one of its name in its file starts its block there (the line ``inspect`` finds), read
    to its end with ``inspect.getblock`` as ``inspect`` does: the same text without the parse; anything else
    (a nested or decorated class, a name on two lines, a function) is ``inspect.getsource``'s. A cache around
    ``inspect.getsource`` alone keeps none of the saving (session 64, re-read of session 63): of the checks' 20 reads,
    15 are of different objects, 11 of them classes, each parsing its module; the reads took 0.214 against 0.064 CPU
    s, a cold worker's import and first sweep point 1.17 against 1.03 CPU s (medians of 7 and 9, load 8-9)."""
    import linecache
    import re

    if not inspect.isclass(obj) or "." in obj.__qualname__:
        return inspect.getsource(obj)
    filename = inspect.getsourcefile(obj)
    lines = linecache.getlines(filename) if filename else []
    pattern = re.compile(_CLASS_LINE.format(re.escape(obj.__name__)))
    starts = [i for i, line in enumerate(lines) if pattern.match(line)]
    if len(starts) != 1 or (starts[0] > 0 and lines[starts[0] - 1].lstrip().startswith("@")):
        return inspect.getsource(obj)
    return "".join(inspect.getblock(lines[starts[0]:]))


def patch_mismatch(patch, module, missing):
    """The ImportError of a PyBaMM patch of this package (``patch`` its name, ``module`` its module) whose
    PyBaMM names are ``missing`` in the installed PyBaMM."""
    return ImportError(
        f"pybamm-aea's {patch} patch ({module}) does not fit PyBaMM {pybamm.__version__}: it lacks {missing}. "
        "pybamm-aea supports the PyBaMM versions of its pyproject.toml; install one of them, or update the patch."
    )


def wrap_once(owner, name, marker, wrap, check):
    """Wrap ``owner``'s attribute ``name`` (a PyBaMM class's method, or a function of a PyBaMM module) by
    ``wrap(original)``, once: where the attribute already carries ``marker`` (set here on the wrapper), nothing;
    else ``check()`` first (the patch's ImportError, :func:`patch_mismatch`, before anything is wrapped), then the
    attribute set to the wrapper, which reaches the original as its ``__wrapped__`` (``functools.wraps``). Whether
    it wrapped."""
    if getattr(getattr(owner, name), marker, False):
        return False
    check()
    wrapper = wrap(getattr(owner, name))
    setattr(wrapper, marker, True)
    setattr(owner, name, wrapper)
    return True


def _simulation_dispatch(pybamm_method):
    @functools.wraps(pybamm_method)
    def set_initial_state(self, initial_soc, direction=None, inputs=None):
        if not hasattr(type(self._unprocessed_model), MODEL_HOOK):
            try:
                return pybamm_method(self, initial_soc, direction=direction, inputs=inputs)
            except ValueError as exc:
                timed = _timed_cut_offs(self._unprocessed_parameter_values)
                if not timed:
                    raise
                raise ValueError(_timed_cut_offs_refusal(initial_soc, timed, type(self._unprocessed_model))) from exc
        unprocessed = self._unprocessed_parameter_values
        hook = getattr(self._unprocessed_model, MODEL_HOOK)

        time = STATE_TIME.get()

        def state(given):
            at = {"time": time} if time else {}  # (a hook of another model class: the four arguments as before)
            return hook(unprocessed, initial_soc, direction=direction, inputs=given, **at)

        sets, inputs = inputs, _one_input_set(inputs)
        several = isinstance(sets, (list, tuple)) and len(sets) > 1
        fingerprint = (
            initial_soc,
            direction,
            self._pv_fingerprint(unprocessed),
            self._normalize_inputs(inputs) if inputs else (),
            # (every set's inputs: the state of several is read with each, review R18; those they give alike only
            # took a list whose sets differ in an input the state reads for the list before, unchecked)
            tuple(self._normalize_inputs(dict(one)) for one in sets) if several else (),
            time,  # (a solve from 3600 s after one from 0: its own state, where a cut-off of the time moved)
        )
        if fingerprint == self._esoh_fingerprint:
            return
        try:
            self._parameter_values = state(inputs)
        except Exception as exc:
            if not several:
                raise
            differs = []  # (the first state two sets give apart, said in the refusal)
            self._parameter_values = _one_state_of_all(sets, state, differs)
            if self._parameter_values is None:
                raise _several_sets_refusal(sets, inputs, initial_soc, state, differs) from exc
        self._needs_ic_rebuild = True
        self._built_initial_soc = initial_soc
        self._esoh_fingerprint = fingerprint

    set_initial_state._pybamm_aea_dispatch = True
    return set_initial_state


def _timed_cut_offs(parameter_values):
    """{name: expression} of the voltage cut-offs of ``parameter_values`` written with PyBaMM's time (``2.5 + 1e-9 *
    pybamm.t``, which the model's events read at each time)."""
    from ..models.checks import of_time
    from ..parameters.paper_cell import CUT_OFF_NAMES

    return {name: parameter_values.get(name) for name in CUT_OFF_NAMES if of_time(parameter_values.get(name))}


def _timed_cut_offs_refusal(initial_soc, timed, model_class):
    """The refusal of ``initial_soc`` on a model of PyBaMM's own initial-state code (``model_class``), which failed
    reading the cut-offs ``timed`` (of :func:`_timed_cut_offs`) as numbers ("symbol must evaluate to a constant scalar
    or array"): Li2021_S_C_LGPS's DFN half cell from "2.0 V" with a lower cut-off 1.0 + 1e-9 t, session 61 (a state
    of charge there reads the electrode's stoichiometry limits, not the cut-offs, and is set)."""
    said = " and ".join(f"{name!r} = {value}" for name, value in timed.items())
    way = ("give initial_soc as a state of charge (a number in [0, 1]), or the cut-off as a number"
           if isinstance(initial_soc, str) else "give the cut-off as a number")
    return (f"initial_soc={initial_soc!r}, the initial state set before the solve's first time or the experiment's "
            f"first step: PyBaMM's initial-state code for {model_class.__name__} reads the voltage cut-offs as "
            f"numbers, and {said} {'is an expression' if len(timed) == 1 else 'are expressions'} of PyBaMM's time: "
            f"{way}")


def _one_input_set(inputs):
    """The input set an initial state from an SOC or voltage is read with, for a solve or build given ``inputs``: a
    set, or a list of one set: that set; a list of several: the inputs every set gives alike (by
    :func:`pybamm_aea.models.starting_state.same_value`), the others left out. PyBaMM builds one model from one
    set of values, so its solve of a list of inputs starts every set from one initial state: right where the state
    reads none of the inputs that differ (a list of currents, or of rates of degradation: each set starts from the
    state it would have alone), which reading it without them shows (it fails on an input not given), or where it
    reads them but every set gives one state (:func:`_one_state_of_all`); else it is refused by
    :func:`_several_sets_refusal`. A list of several had been refused whatever the state read
    (session 50; PyBaMM failed in ``_normalize_inputs``, "AttributeError: 'list' object has no attribute 'keys'")."""
    if not isinstance(inputs, (list, tuple)):
        return inputs
    if len(inputs) == 1:
        return inputs[0]
    from ..models.starting_state import same_value

    first = dict(inputs[0])
    return {name: value for name, value in first.items()
            if all(same_value(first, dict(other), name) for other in inputs[1:])}


def _one_state_of_all(sets, state, differs=None):
    """The initial state (``state``: read with one set of inputs) every one of several input ``sets`` gives alike, or
    None: read with each set, stopped at the first that differs (by
    :func:`pybamm_aea.models.starting_state.same_value`, an input kept as one the same) or fails; the first
    value that differs is appended to the list ``differs`` (None: not kept), as :func:`_state_apart` says it. A state
    that reads an input it does not change with was refused: S-LMS at "2.3 V" reads the S8 fraction and the lower
    cut-off (0.1 and 0.3, 1.7 and 1.8 V give one state; review R11; 0.45 s a set on S-LMS, 2026-12-06)."""
    from ..models.starting_state import same_value

    def same(first, other, name):
        if same_value(first, other, name, {"one": True}):
            return True
        try:  # (a number or array within round-off: S-LMS at "1.9 V" at 25 and 70 C, Li content 1 ulp apart, R18)
            return bool(np.allclose(np.asarray(first[name], dtype=float), np.asarray(other[name], dtype=float),
                                    rtol=STATE_ROUND_OFF, atol=0.0))
        except (TypeError, ValueError, KeyError):  # (a function, a symbol, a name the other lacks: not the same)
            return False

    try:
        first = state(dict(sets[0]))
        for number, one in enumerate(sets[1:], start=2):
            other = state(dict(one))
            apart = next((name for name in first.keys() if not same(first, other, name)), None)
            if apart is not None:
                if differs is not None:
                    differs.append(_state_apart(apart, first, other, number))
                return None
    except Exception:  # noqa: BLE001 - a set the state cannot be read with: the refusal says why
        return None
    return first


#: the relative difference within which two input sets' initial states are one (:func:`_one_state_of_all`): round-off,
#: 1e-12 = 4500 times double precision's 2.2e-16 (the states R18 found refused differed by 1-9 of it). Relative near 0
#: too, with no absolute floor: a host's Li content there sets its voltage by its logarithm, so S-LMS at initial_soc=1
#: at 25 and 70 C, with 2.941e-14 and 1.048e-12 Li (both far below the solver's atol, 1e-6, and the 4 Li of the
#: inventory), starts at 2.819 and 2.915 V alone, and the 70 C set from the 25 C state 0.0207 V above its cut-off,
#: which fails (review R19)
STATE_ROUND_OFF = 1e-12


def _state_apart(name, first, other, number):
    """The state ``name`` as it differs between the first input set's state ``first`` and set ``number``'s (1-based)
    ``other``, for :func:`_several_sets_refusal`: both values, and for numbers their difference, absolute and relative
    (S-LMS at initial_soc=1 at 25 and 70 C: "'Initial cathode Li content' 2.941393642669741e-14 with set 1 and
    1.0478081900635613e-12 with set 2, 1.018e-12 apart, 0.972 of the larger"; review R19: the refusal said no value)."""
    a, b = first[name], other[name]
    said = f"{name!r} {a!r} with set 1 and {b!r} with set {number}"
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):  # (a function, a symbol, an array: as they are)
        return said
    larger = max(abs(a), abs(b))
    relative = "" if not larger else f", {abs(a - b) / larger:.3g} of the larger"
    return f"{said}, {abs(a - b):.4g} apart{relative}"


def _several_sets_refusal(sets, common, initial_soc, state, differs=()):
    """The ``ValueError`` of an initial state from ``initial_soc`` that a list of several input sets ``sets`` cannot
    share: read with the inputs they give alike (``common``) it failed, read with the first set it is refused or not
    (that refusal is raised then: the state's own, e.g. an SOC out of [0, 1]); else it names the inputs that differ
    between the sets and that the state reads (``state``: the initial state read with one set of inputs), each found
    by reading the state with the first set without it (the ambient temperature at "1.5 V": another Li content at 25
    and 70 C), and the first state two sets give apart (``differs``: :func:`_one_state_of_all`'s, empty where a set
    failed) against :data:`STATE_ROUND_OFF`."""
    first = dict(sets[0])
    state(first)  # (a failure with every input given is the state's own: raised as it is)
    read = []
    for name in (name for name in first if name not in common):
        try:
            state({key: value for key, value in first.items() if key != name})
        except Exception:  # noqa: BLE001 - the state cannot be read without it: it reads it
            read.append(name)
    differ = sorted({name for one in sets for name in one if name not in common})
    apart = "".join(f" ({said}; one state takes them within {STATE_ROUND_OFF:g} of the larger, round-off)"
                    for said in differs[:1])
    return ValueError(
        f"initial_soc={initial_soc!r} with a list of {len(sets)} input sets (inputs=[{sets[0]!r}, ...]): the "
        "simulation builds one model, so every set would start from one initial state, while the state this SOC or "
        f"voltage gives reads {', '.join(map(repr, read or differ))}, "
        f"which {'differs' if len(read or differ) == 1 else 'differ'} between the sets, and gives them different "
        f"states{apart}; solve each set "
        f"on its own (for one in inputs: sim.solve(t_eval, inputs=one, initial_soc={initial_soc!r})), or give the "
        "sets alike what the state reads (a list of sets that differ only in inputs it does not read, or that give "
        "one state, is solved from that state)")


def _parameter_values_dispatch(pybamm_method):
    @functools.wraps(pybamm_method)
    def set_initial_state(
        self, initial_value, direction=None, param=None, inplace=True, options=None, inputs=None
    ):
        if AEA_PARAMETER not in self:
            return pybamm_method(
                self, initial_value, direction=direction, param=param, inplace=inplace, options=options, inputs=inputs
            )
        from ..initial_state import set_initial_state as aea_set_initial_state

        # ``param`` is PyBaMM's symbolic lithium-ion parameter set; the AEA version reads the values
        return aea_set_initial_state(
            self, initial_value, direction=direction, options=options, inplace=inplace, inputs=inputs
        )

    set_initial_state._pybamm_aea_dispatch = True
    return set_initial_state


def _deprecated_alias_dispatch(name, pybamm_method):
    signature = inspect.signature(pybamm_method)

    @functools.wraps(pybamm_method)
    def alias(self, initial_value, *args, **kwargs):
        if AEA_PARAMETER not in self:
            return pybamm_method(self, initial_value, *args, **kwargs)
        bound = signature.bind(self, initial_value, *args, **kwargs)
        bound.apply_defaults()  # (PyBaMM's defaults, not re-typed here)
        given = bound.arguments
        # ``known_value`` and ``tol`` steer PyBaMM's lithium-ion eSOH solve, which an AEA set does not run: a value
        # other than PyBaMM's default is refused by name, not dropped (``param``, PyBaMM's symbolic parameter set,
        # is not read: the AEA version reads the values, as in set_initial_state)
        for unused in ("known_value", "tol"):
            if unused in given and given[unused] != signature.parameters[unused].default:
                raise ValueError(
                    f"ParameterValues.{name}: {unused}={given[unused]!r} is an argument of PyBaMM's lithium-ion eSOH "
                    f"solve, which the AEA set's initial state (set_initial_state, from the cathode's Li content) "
                    f"does not use; leave it out")
        warnings.warn(f"ParameterValues.{name} is deprecated in PyBaMM; the AEA set is sent to set_initial_state",
                      DeprecationWarning, stacklevel=2)
        return self.set_initial_state(initial_value, direction=given["direction"], inplace=given["inplace"],
                                      options=given["options"], inputs=given["inputs"])

    alias._pybamm_aea_dispatch = True
    return alias


def install():
    """Check the PyBaMM names (:func:`check`), then wrap both ``set_initial_state`` methods (idempotent)."""
    pending = [(cls, dispatch) for cls, dispatch in ((BaseSimulation, _simulation_dispatch),
                                                     (pybamm.ParameterValues, _parameter_values_dispatch))
               if not getattr(cls.set_initial_state, "_pybamm_aea_dispatch", False)]
    if pending:
        check()
    for cls, dispatch in pending:
        cls.set_initial_state = dispatch(cls.set_initial_state)
    for name in DEPRECATED_ALIASES:
        method = getattr(pybamm.ParameterValues, name, None)
        if method is not None and not getattr(method, "_pybamm_aea_dispatch", False):
            setattr(pybamm.ParameterValues, name, _deprecated_alias_dispatch(name, method))
