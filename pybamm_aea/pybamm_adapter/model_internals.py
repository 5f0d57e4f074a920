"""The undocumented attributes of PyBaMM's discretised models, solutions and processed variables the package reads.

PyBaMM's discretisation, ``pybamm.Simulation`` and ``pybamm.make_cycle_solution`` attach these to the objects they
make; PyBaMM's API documentation names none of them (or names them with another type), so each is read here only.
Checked against PyBaMM 26.10.1.1:

- :func:`state_slices`: ``BaseModel.y_slices``, set by ``Discretisation.process_model`` (its class docstring says
  "None or list"; it is a dict of state variable -> list of slices of the state vector); on a model
  ``pybamm.load_model`` read (PyBaMM's JSON keeps no ``y_slices``), the ``y_slices`` of the ``pybamm.StateVector``
  nodes of its ``concatenated_rhs``, ``concatenated_algebraic``, events and processed variables;
- :func:`state_values`, :func:`state_change`, :func:`state_changes`, :func:`state_scale`: a state variable's
  ``scale`` and ``reference`` (``pybamm.Variable``'s constructor arguments, kept as attributes the API documentation
  does not name);
- :func:`differential_size`, :func:`algebraic_size`, :func:`state_size`: ``BaseModel.len_rhs``, ``len_alg`` and
  ``len_rhs_and_alg``, set by ``Discretisation.process_model``;
- :func:`cycle_first_states`, :func:`cycle_summaries`: the ``Solution`` slots ``all_first_states`` and
  ``all_summary_variables``, set by ``pybamm.Simulation`` on an experiment's solution (one per cycle);
- :func:`summary_has_capacity`: whether ``pybamm.SummaryVariables`` (which a capacity termination reads) will have
  "Capacity [A.h]": the model's ``summary_variables``, or the eSOH variables ``SummaryVariables`` adds when
  ``model.calc_esoh`` (``Simulation.solve``'s default) and its own test (``SummaryVariables.__init__``: a lithium-ion
  model, ``options.electrode_types["negative"] == "porous"``, both electrodes' "... capacity [A.h]" variables) hold;
- :func:`step_variable_history`: a step solution's ``all_models``, ``y``, ``t`` and ``all_inputs`` and the model's
  discretised variable (``BaseModel.get_processed_variable``), evaluated as ``step[name]`` evaluates it;
- :func:`mesh_edges`, :func:`cell_widths`: ``ProcessedVariable.mesh`` and its ``SubMesh1D.edges`` and ``d_edges``;
  :func:`variable_cell_widths`: the ``mesh`` ``Discretisation`` sets on a discretised variable, and its ``d_edges``;
- :func:`parameter_values_of`: the ``pybamm.ParameterValues`` a model was parameterised with, which
  ``ParameterValues.process_model`` attaches to the model's ``symbol_processor`` (``SymbolProcessor.parameter_values``,
  copied with the model; neither documented as part of the model's API). :func:`check` verifies it on a small model
  (:func:`pybamm_aea.pybamm_adapter.install` calls it) and raises an ImportError naming the PyBaMM version if PyBaMM
  renames either: read with ``getattr(..., None)`` alone, a rename made every model "not parameterised" and the
  unread-input and parameter-typo warnings (:mod:`pybamm_aea.models.checks`) silently wrong or gone.

What upstream would replace this module: a documented state layout of a discretised model (names, sizes, the
differential / algebraic split), kept by PyBaMM's JSON export, per-cycle first states and summaries as documented
``Solution`` properties, a processed variable's mesh as a documented property, and a documented model property for
the parameter values it was processed with.
"""
import numpy as np
import pybamm

from .initial_states import patch_mismatch

#: the model attribute ``ParameterValues.process_model`` attaches the values to, and its attribute holding them
SYMBOL_PROCESSOR = "symbol_processor"
PROCESSOR_VALUES = "parameter_values"


def parameter_values_of(model):
    """The ``pybamm.ParameterValues`` ``model`` was processed with (PyBaMM 26.10's
    ``model.symbol_processor.parameter_values``), or None for a model not parameterised (or None)."""
    return getattr(getattr(model, SYMBOL_PROCESSOR, None), PROCESSOR_VALUES, None)


def check():
    """ImportError naming the PyBaMM version unless a ``pybamm.BaseModel``
    processed by ``ParameterValues.process_model`` gives back those values (PyBaMM keeps a copy) through
    :func:`parameter_values_of`."""
    model = pybamm.BaseModel()
    a = pybamm.Variable("a")
    model.rhs = {a: -pybamm.Parameter("pybamm-aea probe rate") * a}
    model.initial_conditions = {a: pybamm.Scalar(1)}
    values = pybamm.ParameterValues({"pybamm-aea probe rate": 1.0})
    processed = values.process_model(model, inplace=False)
    kept = parameter_values_of(processed)
    if not isinstance(kept, pybamm.ParameterValues) or kept.get("pybamm-aea probe rate") != 1.0:
        raise patch_mismatch("parameter-values reading", __name__, [
            f"the parameter values ParameterValues.process_model attaches to the model as "
            f"model.{SYMBOL_PROCESSOR}.{PROCESSOR_VALUES}"])


def state_slices(model):
    """A discretised ``model``'s state vector by variable: a dict of state variable -> list of slices of the vector
    (PyBaMM 26.10's ``model.y_slices``); empty for a model not discretised. A model ``pybamm.load_model`` read from
    PyBaMM's JSON has no ``y_slices`` (the file does not keep them): its layout is that of the ``pybamm.StateVector``
    nodes of its equations, events and variables (:func:`_loaded_state_slices`)."""
    return getattr(model, "y_slices", None) or _loaded_state_slices(model)


def state_names(model):
    """The names of a discretised ``model``'s state variables (its ``y_slices``' keys), or None where they cannot be
    read: a model ``pybamm.load_model`` read from PyBaMM's JSON keeps no ``y_slices``, and its states, read off its
    equations (:func:`_loaded_state_slices`), are named by slice ("y[0:40]"), no state's name."""
    slices = getattr(model, "y_slices", None)
    return {var.name for var in slices} if slices else None


def _loaded_state_slices(model):
    """The state layout of a discretised model that has no ``y_slices`` (read from PyBaMM's JSON): a dict of one
    ``pybamm.StateVector`` (named ``y[a:b]``, with no ``scale`` or ``reference``) -> its slices, for each distinct
    list of slices among the state vectors of its equations, events and processed variables (each state variable of
    a discretised model is one); empty if the model is not discretised or its states do not tile the vector."""
    if not getattr(model, "is_discretised", False):
        return {}
    roots = [model.concatenated_rhs, model.concatenated_algebraic, *(e.expression for e in model.events),
             *model.get_processed_variables_dict().values()]
    layout = {}
    for root in roots:
        for node in root.pre_order() if isinstance(root, pybamm.Symbol) else ():
            if isinstance(node, pybamm.StateVector):
                layout.setdefault(tuple((s.start, s.stop) for s in node.y_slices), node)
    tiles = slices_tile([slice(a, b) for key in layout for a, b in key], model.len_rhs_and_alg)
    if not model.__dict__.get("_aea_loaded_layout_said"):  # (once per model: the solver reads this every solve)
        model.__dict__["_aea_loaded_layout_said"] = True
        import warnings

        warnings.warn(
            "a model read back from PyBaMM's JSON keeps no y_slices: " + (
                "its states are named by slice, so the default solver's check that a run ends inside the states' "
                "bounds (a dispersed material's lithiation in [0, 1]) is not run" if tiles else
                "its state vectors do not tile the state vector, so the default solver solves it without its "
                "per-variable Jacobian and may end elsewhere than the model that was saved"
            ) + "; pickle the simulation to keep them (docs/pybamm_tools.rst)", UserWarning, stacklevel=2)
    return {node: list(node.y_slices) for node in layout.values()} if tiles else {}


def slices_tile(slices, n):
    """Whether ``slices`` (of a state vector of ``n`` entries) cover it once each, end to end, without a gap."""
    bounds = sorted((s.start, s.stop) for s in slices)
    return bool(bounds) and [a for a, _ in bounds] == [0] + [b for _, b in bounds[:-1]] and bounds[-1][1] == n


def differential_size(model):
    """Number of differential states of a discretised ``model`` (the first of its state vector; PyBaMM 26.10's
    ``model.len_rhs``)."""
    return model.len_rhs


def algebraic_size(model):
    """Number of algebraic states of a discretised ``model`` (the last of its state vector; PyBaMM 26.10's
    ``model.len_alg``)."""
    return model.len_alg


def _state_variable(model, name):
    """The state variable called ``name`` of a discretised ``model`` and its slices of the state vector, or
    (None, None)."""
    return next(((var, slices) for var, slices in state_slices(model).items() if var.name == name), (None, None))


def state_values(model, y, name):
    """The values of the state variable called ``name`` in a discretised ``model``'s state vector ``y`` (one
    point, PyBaMM's scaled states), in the variable's own units (``reference + scale * y``, PyBaMM 26.10's
    ``Variable.scale`` and ``reference``, both ``pybamm.Scalar`` here); None if the model has no such state."""
    var, slices = _state_variable(model, name)
    if var is None:
        return None
    y = np.asarray(y, dtype=float)
    scaled = np.concatenate([y[s] for s in slices])
    return float(var.reference.evaluate()) + float(var.scale.evaluate()) * scaled


def scaled_state_values(model, y, name):
    """The values of the state variable called ``name`` in a discretised ``model``'s state vector ``y`` (one point) as
    PyBaMM keeps them, scaled (no ``reference`` or ``scale`` applied: those may be inputs); None if no such state."""
    var, slices = _state_variable(model, name)
    if var is None:
        return None
    y = np.asarray(y, dtype=float)
    return np.concatenate([y[s] for s in slices])


def state_change(model, first, last, name, inputs=None):
    """The change from state vector ``first`` to ``last`` (one point each, PyBaMM's scaled states, the whole state
    vector of a discretised ``model``) of the state variable called ``name``, in its own units (``scale * (last -
    first)``: the ``reference`` cancels; the scale evaluated with ``inputs``, the solve's, where it holds inputs), a
    float array; None if the model's variable of that name is no state (PyBaMM 26.10 keeps a discretised model's
    ``variables`` as built, a state there a ``pybamm.Variable``, maybe under a second name; an expression of the
    states is not one) or the vectors are not its whole state."""
    variable = model.variables.get(name)
    if not isinstance(variable, pybamm.Variable):
        return None
    var, slices = _state_variable(model, variable.name)  # (a state may be published under a second name)
    first, last = (np.asarray(y, dtype=float).ravel() for y in (first, last))
    if var is None or first.size != state_size(model) or last.size != first.size:
        return None
    scale = float(np.asarray(var.scale.evaluate(inputs=inputs or {})).item())
    return scale * (np.concatenate([last[s] for s in slices]) - np.concatenate([first[s] for s in slices]))


def state_changes(model, ys, name, inputs=None):
    """:func:`state_change` from the first column of ``ys`` (a discretised ``model``'s whole scaled state vectors, one
    column per time) to each column, one row per entry of the state called ``name``, or None as there."""
    variable = model.variables.get(name)
    if not isinstance(variable, pybamm.Variable):
        return None
    var, slices = _state_variable(model, variable.name)
    ys = np.asarray(ys, dtype=float)
    if var is None or ys.ndim != 2 or ys.shape[0] != state_size(model):
        return None
    scale = float(np.asarray(var.scale.evaluate(inputs=inputs or {})).item())
    values = np.concatenate([ys[s] for s in slices], axis=0)
    return scale * (values - values[:, :1])


def state_scale(model, name):
    """The scale of the state variable called ``name`` of a discretised ``model`` (PyBaMM 26.10's
    ``Variable.scale``); None if the model has no such state."""
    var, _ = _state_variable(model, name)
    return None if var is None else float(var.scale.evaluate())


def step_variable_history(step, name, columns=None):
    """The values of the model's variable called ``name`` over a step solution ``step``, one row per entry of the
    variable (a cathode variable: one per cell), one column per time, a dense float array: its discretised expression
    (PyBaMM 26.10's ``model.get_processed_variable``, the one ``step[name]`` evaluates) evaluated on each of the
    step's dense state vectors (``step.y``, one column per time) with the step's inputs, as PyBaMM evaluates its own
    variables, without a ``pybamm.ProcessedVariable`` built over the step. None if the step keeps no states (a solve
    with ``output_variables``) or its model has no such variable. ``columns``: the indices of the times to evaluate at
    only (``(0, -1)``: the step's first and last state, ~0.03 ms a variable against ~1.2 ms for a ``step[name]``
    over a 0.1C discharge's 1771 times), every time if None."""
    try:
        model, t, y = step.all_models[0], np.asarray(step.t, dtype=float), np.asarray(step.y, dtype=float)
    except (AttributeError, IndexError, TypeError, ValueError):
        return None
    if y.ndim != 2 or y.shape[0] != state_size(model) or y.shape[1] != t.size or not t.size:
        return None
    if columns is not None:
        t, y = t[list(columns)], y[:, list(columns)]
    try:
        expression = model.get_processed_variable(name)
    except KeyError:
        return None
    inputs = (getattr(step, "all_inputs", None) or [{}])[0]
    try:  # every time at once (the states as columns): the same values to the bit, ~40x faster on a charge
        values = np.asarray(expression.evaluate(t=t, y=y, inputs=inputs), dtype=float)
    except (NotImplementedError, TypeError, ValueError):  # (an expression that takes one state vector at a time)
        values = None
    if values is not None and values.ndim == 2 and values.shape[1] == t.size:
        return values
    columns = [np.asarray(expression.evaluate(t=t[k], y=y[:, k], inputs=inputs), dtype=float).reshape(-1)
               for k in range(t.size)]
    return np.stack(columns, axis=1)


def step_variable_at(step, name, columns):
    """The values of the variable called ``name`` of a step solution ``step`` at the times of index ``columns`` only
    (``(0,)``: its first state, ``(-1,)``: its last, ``(0, -1)``: both), a float array of one column per index (a
    cathode variable's (cells, len(columns))): :func:`step_variable_history` at those columns where the step keeps its
    states (~0.03 ms a variable); else (a solve that kept only its ``output_variables``, or a step that is no PyBaMM
    solution) those columns of ``step[name]``, its KeyError where it has none (a step of no times: its empty entries).
    The one way :mod:`pybamm_aea.convergence` and :mod:`pybamm_aea.phase_layer_limit` read a step's end states."""
    values = step_variable_history(step, name, columns)
    if values is not None:
        return values
    values = np.asarray(step[name].entries, dtype=float)
    return values[..., list(columns)] if values.size else values


def step_constant_value(step, name):
    """The value of the variable called ``name`` of a step solution ``step`` where its model's discretised expression
    is a constant (PyBaMM 26.10's ``model.get_processed_variable(name).is_constant()``: the "Current [A]" of a rest,
    0.0, or of a constant-current step), a float, read without the step's states; None where it varies over the step
    (a CV, power or drive-cycle step's current) or the model has no such variable."""
    try:
        expression = step.all_models[0].get_processed_variable(name)
    except (AttributeError, IndexError, KeyError, TypeError):
        return None
    if not getattr(expression, "is_constant", lambda: False)():
        return None
    values = np.ravel(np.asarray(expression.evaluate(), dtype=float))
    return float(values[0]) if values.size == 1 else None


def state_size(model):
    """Number of values of a discretised ``model``'s state vector (PyBaMM 26.10's ``model.len_rhs_and_alg``)."""
    return model.len_rhs_and_alg


#: the summary variable a capacity termination reads (PyBaMM 26.10's ``Simulation.solve``)
CAPACITY_SUMMARY = "Capacity [A.h]"


def summary_has_capacity(model):
    """True if ``pybamm.Simulation(model, experiment=...).solve()`` gives each cycle the summary variable
    "Capacity [A.h]" a capacity termination reads: ``model.summary_variables`` has it (the AEA model's), or PyBaMM's
    eSOH adds it (``SummaryVariables.calc_esoh`` of PyBaMM 26.10: ``model.calc_esoh``, False for a half cell, with a
    porous negative electrode and both electrodes' capacities among the variables). Any other model has not (a half
    cell of PyBaMM's, a full cell of two particle phases): its capacity termination raised KeyError "Variable
    'Capacity [A.h]' is not a summary variable." after cycle 1."""
    if CAPACITY_SUMMARY in (getattr(model, "summary_variables", None) or []):
        return True
    return bool(isinstance(model, pybamm.lithium_ion.BaseModel) and model.calc_esoh
                and model.options.electrode_types["negative"] == "porous"
                and "Negative electrode capacity [A.h]" in model.variables
                and "Positive electrode capacity [A.h]" in model.variables)


def cycle_first_states(solution):
    """An experiment ``solution``'s first state of each cycle (one-point ``pybamm.Solution``), also of a cycle
    ``save_at_cycles`` did not keep (PyBaMM 26.10's ``solution.all_first_states``); an empty list if it has none."""
    return list(getattr(solution, "all_first_states", None) or [])


def cycle_summaries(solution):
    """An experiment ``solution``'s summary variables of each cycle (``pybamm.SummaryVariables``, each with its
    cycle's ``first_state`` and ``last_state``; PyBaMM 26.10's ``solution.all_summary_variables``); an empty list if
    it has none."""
    try:
        sums = solution.all_summary_variables
    except AttributeError:
        return []
    return list(sums) if sums else []


def mesh_edges(variable):
    """The edges of the one-dimensional mesh a processed ``variable`` is on (in the mesh's units), a float array
    (PyBaMM 26.10's ``variable.mesh.edges``)."""
    return np.asarray(variable.mesh.edges, dtype=float)


def variable_cell_widths(model, name):
    """The widths of the cells of the mesh the discretised ``model``'s variable ``name`` is on (in the mesh's units,
    one per entry), a float array (PyBaMM 26.10's discretised variable's ``mesh.d_edges``), without a
    ``pybamm.ProcessedVariable`` built; None if the model has no such variable or it is on no mesh."""
    try:
        mesh = getattr(model.get_processed_variable(name), "mesh", None)
    except (AttributeError, KeyError):
        return None
    widths = getattr(mesh, "d_edges", None)
    return None if widths is None else np.asarray(widths, dtype=float)


def cell_widths(variable):
    """The widths of the cells of the one-dimensional mesh a processed ``variable`` is on (the differences of
    :func:`mesh_edges`), a float array (PyBaMM 26.10's ``variable.mesh.d_edges``)."""
    return np.asarray(variable.mesh.d_edges, dtype=float)
