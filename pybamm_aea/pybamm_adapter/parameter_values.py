"""A NaN parameter value of an AEA model named with its range, a missing one with what to set, and every number
of its values checked: a small patch of PyBaMM.

Why: PyBaMM reads a number that is NaN as a parameter with no value (a row of a csv file left empty):
``ParameterSubstitutor._process_parameter`` raises ``ValueError("Parameter 'Cathode porosity' not found")`` for
``values.update({"Cathode porosity": float("nan")})``, though the set has it. The model's range check
(:class:`pybamm_aea.models.checks.PhysicalRange`, which wraps each parameter of
:data:`~pybamm_aea.models.checks.RANGES`) never saw the value: PyBaMM substitutes a node's children before the
node. The same NaN given as an input at solve time, or by ``pybamm-aea simulate --set "Cathode porosity=nan"``,
already said "'Cathode porosity' = nan is outside its physical range [0, 1)".

What: :func:`install` wraps ``ParameterSubstitutor.process_model`` and ``process_symbol``, through which PyBaMM
substitutes every expression (``ParameterValues.process_model``, ``process_symbol``, ``evaluate``, an output
variable processed when read). On PyBaMM's own "Parameter 'NAME' not found" (or "... (possibly a function) not
found") error, when the value of NAME is a NaN number and the model or expression being substituted holds a
:class:`~pybamm_aea.models.checks.PhysicalRange` over ``pybamm.Parameter(NAME)`` or ``FunctionParameter(NAME)``
(as its value or its bound: an AEA model's checked parameter), the wrapper raises the range check's
``ValueError`` naming the parameter, the value nan and its range ("'Cathode porosity' = nan is outside its
physical range [0, 1)"), from PyBaMM's. The model is looked at, not only the expression that failed: PyBaMM may
meet the parameter first where the AEA model reads it unchecked (PyBaMM's own current or capacity;
``process_model`` of an AEA model now names a NaN before, below). Anything else is PyBaMM's, unchanged: a NaN of
a parameter of PyBaMM's own models ("Current function [A]" = nan in ``pybamm.lithium_ion.SPM``) is still "not
found".

A parameter the set lacks is PyBaMM's ``KeyError("Parameter 'NAME' not found. ... Best matches are [...]")`` (its
parameter store's). The same wrappers raise, from it, a
:class:`~pybamm_aea.models.checks.MissingParameterError` (a ``KeyError``) naming NAME and what to set it to when
NAME has such advice in :data:`~pybamm_aea.models.checks.RANGES` (``Range.if_missing``: a parameter the model
reads since a later session than a user's complete set may have been written in, "Cathode host full at maximum Li
content" of session 29), is not in the store, and the model or expression checks it (an AEA model's); no value is
assumed for it. Any other missing name is PyBaMM's error, unchanged.

Every number, read or not, before the model is changed: ``process_model`` of a model whose equations (its parts
but its variables) hold a :class:`~pybamm_aea.models.checks.PhysicalRange` (an AEA model) first checks every number
of the values under a name of :data:`~pybamm_aea.models.checks.RANGES`
(:func:`~pybamm_aea.models.checks.check_parameter_values`; those the options do not read, which PyBaMM never
substitutes, too: before session 30, 29 of the LMS set's 78 passed as NaN) and a parameter with advice that the set
lacks and the model checks, then calls PyBaMM. PyBaMM's ``inplace=True`` (its default) replaces the model's
expressions part by part: with the check after it (session 30), a refused unread value left the user's model
parameterised (a retry with the value fixed re-parameterised it, and PyBaMM then refused ``solution.observe``), a
value first read in the events, or the missing flag, left its rhs .. boundary conditions parameterised; now each of
the LMS set's 78 numbers, NaN or out of range, leaves it as it was. The message is the node's; a NaN's has no cause
here (PyBaMM never read it). A model whose equations hold none is not checked (its equations walked in full:
0.25-0.33 ms on PyBaMM's SPM, 0.50-0.67 ms on its DFN; the AEA model's first equation holds one, 0.013-0.015 ms;
medians of 21, 2026-12-03, session 31): PyBaMM's own models, and a model whose checks sit only in its variables
(none of pybamm_aea's), whose checks run where PyBaMM substitutes a variable (``process_model``, or a
``Simulation``'s solution when the variable is read). Left as they are: PyBaMM's own failure
mid-substitution leaves a model half-parameterised (the SPM with a NaN lower cut-off: its rhs, initial and boundary
conditions replaced); a function's value refused by its node is refused during the substitution (the LMS model's
8 such functions, each given as -1: in its rhs, the model unchanged).

The wrappers read the substitutor's ``_store`` (a private name) and PyBaMM's error texts;
:func:`check` verifies them, in the two methods raising the NaN's and by looking up a name a set lacks, before
anything is wrapped and raises an ImportError naming the PyBaMM version and what is missing.

What upstream would replace this module: PyBaMM telling a NaN value from a missing one (a distinct exception
type, or ``ParameterValues`` refusing a NaN it is given, naming it, instead of reading it as "not found").
"""
import functools
import inspect
import math
import numbers
import re

import pybamm
from pybamm.parameters.parameter_substitutor import ParameterSubstitutor

from .initial_states import patch_mismatch, source_of

#: the ``ParameterSubstitutor`` methods wrapped, and those whose NaN error they read (a parameter given as a
#: number, and a function parameter given as one)
METHODS = ("process_symbol", "process_model")
RAISERS = ("_process_parameter", "_process_callable_function_parameter")
#: the substitutor's attribute holding the parameter values (a ``ParameterStore``, read by name and by ``items()``)
STORE = "_store"
#: PyBaMM's error for a parameter without value (a NaN number is one)
NOT_FOUND = re.compile(r"Parameter '(?P<name>.+)'(?: \(possibly a function\))? not found")
#: PyBaMM's error for a parameter the set lacks (a ``KeyError`` of its parameter store: "Parameter 'NAME' not found.
#: 'NAME' not found. Best matches are [...]")
MISSING = re.compile(r"Parameter '(?P<name>[^']+)' not found\.")
#: the model attributes whose expressions PyBaMM substitutes in ``process_model`` (each replaced, not changed in
#: place, as it goes: read before)
MODEL_PARTS = ("rhs", "algebraic", "initial_conditions", "boundary_conditions", "variables", "events")
#: those of its equations (an AEA model's hold its range checks)
EQUATION_PARTS = tuple(name for name in MODEL_PARTS if name != "variables")


def check(substitutor_class=None):
    """ImportError naming the PyBaMM version unless the names this patch relies on are there."""
    substitutor_class = substitutor_class or ParameterSubstitutor
    missing = [f"ParameterSubstitutor.{name}" for name in METHODS + RAISERS
               if not callable(getattr(substitutor_class, name, None))]
    missing += [f"ParameterSubstitutor.{name}(self, subject, ...)" for name in METHODS
                if callable(getattr(substitutor_class, name, None))
                and len(inspect.signature(getattr(substitutor_class, name)).parameters) < 2]
    for name in RAISERS:
        if callable(getattr(substitutor_class, name, None)):
            source = source_of(getattr(substitutor_class, name))
            if "not found" not in source or f"self.{STORE}[" not in source or "isnan" not in source:
                missing.append(f"ParameterSubstitutor.{name} raising \"Parameter '...' not found\" for a NaN of "
                               f"self.{STORE}")
    if substitutor_class is ParameterSubstitutor:  # a name the set lacks: the store's KeyError and its text
        probe = "pybamm-aea probe of a missing parameter"
        try:
            pybamm.ParameterValues({}).process_symbol(pybamm.Parameter(probe))
        except KeyError as exc:
            if not (exc.args and MISSING.match(str(exc.args[0]))):
                missing.append(f"ParameterValues.process_symbol raising KeyError(\"Parameter '...' not found. ...\") "
                               f"for a parameter the set lacks (it raised {exc!r})")
        except Exception as exc:  # (another type: the advice for a missing parameter would never be given)
            missing.append(f"ParameterValues.process_symbol raising KeyError for a parameter the set lacks (it raised "
                           f"{type(exc).__name__}: {exc})")
    if missing:
        raise patch_mismatch("NaN parameter value", __name__, missing)


def _roots(model):
    """The expressions of ``model`` that ``process_model`` substitutes (the objects, taken before it runs)."""
    parts = [getattr(model, name, None) for name in MODEL_PARTS] if model is not None else []
    return [part for part in parts if part is not None]


def _expressions(roots):
    """Every ``pybamm.Symbol`` in ``roots`` (symbols, dicts of them, boundary conditions' (symbol, type) pairs,
    events)."""
    stack = list(roots)
    while stack:
        item = stack.pop()
        if isinstance(item, pybamm.Symbol):
            yield item
        elif isinstance(item, pybamm.Event):
            stack.append(item.expression)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def _nodes(roots):
    """Every node of the expressions ``roots``, each once (a shared subtree not walked again)."""
    seen = set()
    for expression in _expressions(roots):
        stack = [expression]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            yield node
            stack.extend(node.children)


def _range_checks(roots):
    """Every :class:`~pybamm_aea.models.checks.PhysicalRange` node in the expressions ``roots`` (each once)."""
    from ..models.checks import PhysicalRange  # (pybamm_aea.models installs this hook on import)

    return (node for node in _nodes(roots) if isinstance(node, PhysicalRange))


def _checked_in(roots, name):
    """True if an expression of ``roots`` checks the range of parameter ``name`` (a
    :class:`~pybamm_aea.models.checks.PhysicalRange` over it, as its value or its bound): an AEA model's."""
    parameters = (pybamm.Parameter, pybamm.FunctionParameter)
    return any(isinstance(c, parameters) and c.name == name for node in _range_checks(roots) for c in node.children)


def _nan_of_a_checked_parameter(substitutor, roots, exc):
    """The name of the parameter PyBaMM's "not found" ``exc`` is about when its value is a NaN number and an
    expression of ``roots`` checks its range (:func:`_checked_in`); else None."""
    from ..models.checks import RANGES

    found = NOT_FOUND.fullmatch(str(exc))
    name = found and found["name"]
    if name not in RANGES:
        return None
    try:
        value = getattr(substitutor, STORE)[name]
    except (KeyError, AttributeError, TypeError):
        return None
    if not isinstance(value, numbers.Real) or isinstance(value, bool) or not math.isnan(value):
        return None
    return name if _checked_in(roots, name) else None


def _missing_with_advice(substitutor, roots, exc):
    """The :class:`~pybamm_aea.models.checks.MissingParameterError` for PyBaMM's "not found" ``exc`` (a
    ``KeyError``: the store has no such name) about a parameter the set lacks, when the parameter has advice for a
    set without it (``Range.if_missing``, :func:`~pybamm_aea.models.checks.missing_parameter_error`) and an
    expression of ``roots`` checks it (:func:`_checked_in`); else None."""
    from ..models.checks import MissingParameterError, missing_parameter_error

    if isinstance(exc, MissingParameterError) or not exc.args:
        return None
    found = MISSING.match(str(exc.args[0]))
    name = found and found["name"]
    error = name and missing_parameter_error(name)
    if error is None:
        return None
    try:
        if name in getattr(substitutor, STORE):
            return None
    except (AttributeError, TypeError):
        return None
    return error if _checked_in(roots, name) else None


def refuse_a_set_of_another_model(store):
    """A :class:`~pybamm_aea.models.checks.MissingParameterError` when the values given an AEA model are not an AEA
    cell's (:func:`pybamm_aea.parameters.is_aea_set`): PyBaMM's sets and ``Li2021_S_C_LGPS`` got the advice for an AEA
    set of its own written before session 29 ("Parameter 'Cathode host full at maximum Li content' not found: the
    multi-phase host reads it since session 29, ..."), or PyBaMM's bare "not found" on the lever rule. Also the
    sweep's and the CLI's C-rate basis rescaling
    (:func:`~pybamm_aea.models.step_checks.rescaled_nominal_capacity`) raises it, the build's error, not its
    own (session 50)."""
    from ..models.checks import MissingParameterError
    from ..parameters import PYBAMM_MODEL_SETS, SET_FACTS, is_aea_set

    if is_aea_set(store):
        return
    from ..user_input import close_names

    others = ", ".join(f"{name} is for {model}" for name, model in PYBAMM_MODEL_SETS.items())
    typed = close_names("Cathode loading [kg.m-2]", list(store.keys()))
    if typed:  # an AEA set of the user's own with the loading's name misspelt
        raise MissingParameterError(f"Parameter 'Cathode loading [kg.m-2]' not found; these values give {typed}: a "
                                    "misspelling of it?")
    raise MissingParameterError(
        "Parameter 'Cathode loading [kg.m-2]' not found: these parameter values are not an AEA cell's (every AEA set "
        f"gives the cathode's loading; PyBaMM's own sets are for its models, and {others}). Give the AEA model one "
        f"of its sets, pybamm.ParameterValues(name) with name in {list(SET_FACTS)}, or a material's "
        "(pybamm_aea.materials.AEAMaterial.parameter_values).")


def _numbers_read(roots):
    """The names of the ``pybamm.Parameter`` nodes (one number each, not a ``FunctionParameter``) in the expressions
    ``roots`` (each node looked at once: 0.5-0.8 ms on the AEA model's 1143 nodes, session 56)."""
    return {node.name for node in _nodes(roots) if type(node) is pybamm.Parameter}


def refuse_functions_of_numbers(store, roots):
    """``TypeError`` naming the parameter when ``store`` (the values) gives a function for a parameter the
    expressions ``roots`` (an AEA model's) read as one number (``pybamm.Parameter``). PyBaMM refused it mid-
    substitution as "Cannot process parameter '<function <lambda> at 0x...>'", without the name (session 56: each
    density and the molar mass of Li2021_Mo6S8 given as ``lambda T: 4000 + 0 * T``), the model half-replaced."""
    given = {name: value for name, value in store.items() if callable(value)}
    if not given:
        return
    read = sorted(name for name in _numbers_read(roots) if name in given)
    if read:
        said = "; ".join(f"'{name}' = {given[name]!r}" for name in read)
        raise TypeError(
            f"{said}: a function, but the AEA model reads {'it' if len(read) == 1 else 'each'} as one number, fixed "
            "for the whole solve, not a function of temperature or of the state. Give a number (the function's value "
            "at the ambient temperature, say) or an input ('[input]', its value passed to solve)")


def _check_every_value_first(substitutor, model):
    """Before ``process_model``: when the equations of ``model`` (all its parts but its variables) hold a
    :class:`~pybamm_aea.models.checks.PhysicalRange` (every AEA model's first equation holds one), every number of
    the values is checked here (:func:`~pybamm_aea.models.checks.check_parameter_values`), and a parameter with
    advice for a set without it (``Range.if_missing``) that the set lacks and the model checks is refused
    (:func:`_missing_with_advice`, PyBaMM's ``KeyError`` for the name its cause), before PyBaMM replaces the
    model's expressions (``inplace=True``, its default): a refused value leaves the model as it was. A model whose
    equations hold no check (PyBaMM's own: its equations walked, in full) is not checked."""
    if model is None or next(_range_checks([getattr(model, name, None) for name in EQUATION_PARTS]), None) is None:
        return
    from ..models.checks import (RANGES, check_maximum_content, check_parameter_values, check_tables_cover_cut_offs,
                                 warn_degradation_without_rate)
    from ..models.step_checks import warn_current_function_in_hours

    store = getattr(substitutor, STORE)
    refuse_a_set_of_another_model(store)
    check_parameter_values(store)
    check_tables_cover_cut_offs(store, (getattr(model, "options", None) or {}).get("anode"))
    check_maximum_content(store, getattr(model, "options", None))  # (the multi-phase host's free energy's window)
    refuse_functions_of_numbers(store, _roots(model))
    if getattr(model, "options", None) is not None:  # (an AEA model's: a degradation option whose rates are 0)
        warn_degradation_without_rate(model.options, store)
    warn_current_function_in_hours(store)  # (a drive cycle in hours, as an experiment's: the values' own)
    # (the model's range checks read first: PyBaMM's KeyError for an absent name ranks every name by difflib, 3-12
    # ms a name at every step, and the lumped option's parameters are absent from an isothermal cell's values)
    roots = _roots(model)
    for name in (name for name, rng in RANGES.items() if rng.if_missing and name not in store
                 and _checked_in(roots, name)):
        try:
            store[name]
        except KeyError as exc:  # (PyBaMM's error for the name, as its substitution would raise it)
            missing = _missing_with_advice(substitutor, roots, exc)
            if missing is not None:
                raise missing from exc


def _nan_named(pybamm_method, roots_of, before=None):
    """``pybamm_method`` (a ``ParameterSubstitutor`` method), its "not found" for a NaN of a checked parameter
    raised as the range check's error; ``roots_of(subject)``: the expressions the method substitutes (its first
    argument: the symbol, or the model); ``before(substitutor, subject)``: called before the method."""

    first = list(inspect.signature(pybamm_method).parameters)[1]  # (symbol / unprocessed_model, by keyword too)
    @functools.wraps(pybamm_method)
    def wrapper(self, *args, **kwargs):
        # (taken before the call: process_model replaces the model's expressions as it goes)
        subject = args[0] if args else kwargs.get(first)
        roots = roots_of(subject)
        if before is not None:
            before(self, subject)
        try:
            return pybamm_method(self, *args, **kwargs)
        except KeyError as exc:
            missing = _missing_with_advice(self, roots, exc)
            if missing is None:
                raise
            raise missing from exc
        except ValueError as exc:
            name = _nan_of_a_checked_parameter(self, roots, exc)
            if name is None:
                raise
            from ..models.checks import check_value

            try:
                check_value(name, math.nan)  # raises: NaN is in no range
            except ValueError as named:
                raise named from exc
            raise  # (unreachable: a range admits no NaN)

    wrapper._pybamm_aea_nan_named = True
    return wrapper


#: what each wrapped method substitutes
_ROOTS = {"process_symbol": lambda symbol: [symbol], "process_model": _roots}
#: what runs before a wrapped method: parameterising a model whose equations hold a check (an AEA model's) checks
#: every value of the set that has a range, before PyBaMM changes the model
_BEFORE = {"process_model": _check_every_value_first}


def install():
    """Check the PyBaMM names (:func:`check`), then wrap ``ParameterSubstitutor.process_symbol`` and
    ``process_model`` (idempotent)."""
    if all(getattr(getattr(ParameterSubstitutor, name), "_pybamm_aea_nan_named", False) for name in METHODS):
        return
    check()
    for name in METHODS:
        method = getattr(ParameterSubstitutor, name)
        if not getattr(method, "_pybamm_aea_nan_named", False):
            setattr(ParameterSubstitutor, name, _nan_named(method, _ROOTS[name], _BEFORE.get(name)))
