"""Everything pybamm-aea takes from PyBaMM beyond its public API: the one place to look when PyBaMM changes.

pybamm-aea is a PyBaMM plugin (an ``AEA`` model, parameter sets, solvers). Where PyBaMM has no public way to do
what the model needs, the package patches or reads PyBaMM internals, and all of that is listed here. Checked
against PyBaMM 26.10.1.1 (the version installed when this list was made; pyproject.toml admits ``>=26.1,<27``).

**Patches** (modules of this package; each wraps PyBaMM functions or methods, checks with ``inspect`` that the
PyBaMM names it relies on are there and raises an ImportError naming the PyBaMM version and what is missing if
not; :func:`install` installs them, idempotently, in this order; a check's ``inspect.getsource`` is
:func:`.initial_states.source_of`'s, the same text read once per process without parsing the module):

- :mod:`.initial_states`: wraps ``BaseSimulation.set_initial_state`` and ``ParameterValues.set_initial_state``
  (an AEA model's or parameter set's initial SOC/voltage); reads and sets private ``BaseSimulation`` names
  (``_unprocessed_model``, ``_unprocessed_parameter_values``, ``_pv_fingerprint``, ``_normalize_inputs``,
  ``_esoh_fingerprint``, ``_parameter_values``, ``_needs_ic_rebuild``, ``_built_initial_soc``: they changed
  between PyBaMM 25.12, 26.3 and 26.4) and imports ``pybamm.simulation.base_simulation.BaseSimulation``.
  Retired by: a model-level initial-state hook in ``BaseSimulation.set_initial_state`` and a registry of
  initial-state functions per parameter-set ``"chemistry"``.
- :mod:`.cycle_states`: wraps ``pybamm.make_cycle_solution``; sets private ``Solution`` slots (``_all_ts``,
  ``_all_ys``, ``_all_yps``, ``_all_t_evals``, ``_all_ys_and_sens``, ``_t_event``, ``_y_event``, ``_t``, ``_y``,
  ``_yp``, ``_sub_solutions``) and reads ``inspect.getsource(pybamm.Solution)``. Retired by: ``first_state`` /
  ``last_state`` built from copies of their point, without ``sub_solutions``.
- :mod:`.experiment_inputs`: wraps ``Simulation.build_for_experiment``; reads ``inspect.getsource`` of
  ``Simulation``'s classes, the private class attributes ``Simulation._INTERNAL_EXPERIMENT_INPUTS`` (optional,
  PyBaMM 26.10) and ``Simulation._START_TIME_INPUT`` (:data:`PYBAMM_INPUTS`, its ``START_TIME``, which
  :mod:`pybamm_aea.models.checks` and :mod:`pybamm_aea.models.step_checks` read from here; "start time" when
  PyBaMM does not name it); passes the check of the steps the experiment's time its solve starts at (its
  ``EXPERIMENT_START``, which :mod:`.experiment_errors` sets around ``Simulation.solve`` from its
  ``starting_solution``, read there by its public ``solve`` signature). Retired by: the
  simulation telling the solver all its step models before the first step (or PyBaMM checking input names
  itself), and public names for the inputs PyBaMM gives each step.
- :mod:`.experiment_builds`: wraps ``Simulation.build_for_experiment`` (outside :mod:`.experiment_inputs`' wrapper):
  where ``build()`` left the private ``_model`` the parameterised copy (``_model_with_set_params``) of the model given
  (``_unprocessed_model``), puts the model given back before the step models are made from it (PyBaMM parameterised
  the copy again, which disabled the step models' ``symbol_processor``: every variable read after ``build()`` then
  ``solve()`` raised "Cannot process variable ... without a `symbol_processor`"). Retired by:
  ``build_for_experiment`` parameterising ``_unprocessed_model``, or a ``SymbolProcessor`` taking the same values twice.
- :mod:`.parameter_values`: wraps ``ParameterSubstitutor.process_symbol`` and ``process_model``
  (``pybamm.parameters.parameter_substitutor``, not exported at ``pybamm.``); reads the private
  ``ParameterSubstitutor._store`` and the
  source of ``_process_parameter`` and ``_process_callable_function_parameter`` (PyBaMM's "Parameter '...' not
  found" text for a NaN); checks every number of an AEA model's values before ``process_model`` substitutes it. Retired
  by: PyBaMM telling a NaN value from a missing one, and a model-level hook called with the parameter values at
  ``process_model`` (to check the values a model does not read).
- :mod:`.experiment_errors`: wraps ``Simulation.solve`` (adds a callback, checks ``save_at_cycles`` first); reads
  ``inspect.getsource`` of ``Simulation.solve`` for the keys of the callback ``logs`` at ``on_experiment_error``; an
  experiment that ran no step returns an ``EmptySolution`` subclass that says why when read, also set as the private
  ``Simulation._solution`` (``sim.solution``), a step skipped at its start is one in its cycle's ``steps`` (the reason
  its AEA step solver gave, read at ``on_step_end``, kept per cycle at ``on_cycle_end``), and PyBaMM's SolverError when
  a cycle's steps all start past their cut-offs is matched by its text ("are infeasible due to exceeded bounds at
  initial conditions") to add the C-rate's basis (its ``check`` verifies both, the text among the string literals of the
  ``Simulation`` classes' source, with the rest it reads). A ``starting_solution`` that ended on a model event is given
  PyBaMM's "final time" termination while the solve runs from it and its own back after (``BaseSolver.step`` returns any
  other old solution unchanged, and the simulation joined it to itself: a ``ValueError`` about ``all_ts``; ``check``
  reads the texts in ``BaseSolver.step``'s source); a plain ``solve`` sets its state at its start (``t_eval``'s first
  time, or a drive cycle's data's, read as ``BaseSimulation.solve`` does: ``operating_mode``, ``MODE_DRIVE_CYCLE`` and
  the ``"Current function [A]"`` Interpolant's ``x``); at each ``on_step_start`` the callback sets the AEA step solvers'
  ``experiment_step`` (in ``Simulation.steps_to_built_solvers``), which their warnings name. Retired by: the solution
  saying the experiment stopped on an error, or PyBaMM warning as it returns; ``BaseSolver.step`` going on from a
  solution a model event ended when a new experiment starts from it; the step's position given to the solver.
- :mod:`.power_steps`: wraps ``pybamm.step.Power.set_up``: on a model whose class sets ``power_step_current_from_power``
  (the AEA model's), the current's initial guess, PyBaMM's 1C, is the power over the voltage's guess (a 0 W step on a
  cell whose 1C losses pass its open circuit was solved on I V = 0's short-circuit root, V = 0); reads the public
  ``model.param`` cut-offs and the names "Current variable [A]" and "Power function [W]" of PyBaMM's power control.
  Retired by: PyBaMM's power control guessing its current from the power.

- :mod:`.spatial_variables`: sets the attribute ``xi_c`` of ``pybamm.standard_spatial_vars`` (the module PyBaMM's
  ``Mesh`` reads a text ``var_pts`` key from) to the model's cathode depth variable, so ``var_pts={"xi_c": N}`` works
  as ``{"x_p": N}`` does on PyBaMM's models; wraps ``BaseSimulation.__init__`` to call a model's
  ``check_var_pts(var_pts, geometry)`` (reads the public ``model``, ``var_pts``, ``geometry``), and ``Mesh.__init__``
  to check the ``var_pts`` of a geometry holding ``xi_c`` (an AEA model's) before PyBaMM meshes it. Retired by: PyBaMM
  reading a text key against the geometry's variables and naming the keys given.
- :mod:`.summary_plots`: replaces ``pybamm.plot_summary_variables`` with a wrapper that, given no
  ``output_variables``, passes the list of the solutions' model class (``default_summary_plot_variables``: the AEA
  model's :data:`~pybamm_aea.models.aea.SUMMARY_PLOT_VARIABLES`) when all share one; PyBaMM's default list raised a
  KeyError on the negative electrode's loss of active material. Retired by: PyBaMM reading a model's default list.
- :mod:`.variable_names`: the AEA model class's ``variables`` property (its one line,
  ``variable_names.answered_variables(...)``: PyBaMM's ``BaseModel.variables``, reading and setting the private
  ``_variables``) makes the model's variables' dict an :class:`~.variable_names.AnsweredVariables`, a
  ``pybamm.FuzzyDict`` whose KeyError for one of PyBaMM's heat names says the model is isothermal and names its heat:
  ``model.variables[name]``, ``sim.built_model.variables[name]`` and ``solution[name]``
  (``BaseModel.get_processed_variable_or_event``'s last resort, ``variables_and_events``, a copy of the dict) alike;
  its ``copy`` keeps the class (``new_copy`` copies the dict). Retired by: a model-level hook for the message of an
  unknown variable name.

**Solver internals read or set outside an override** (:mod:`.solver_internals`, used by
:mod:`pybamm_aea.models.solvers`, :mod:`pybamm_aea.models.step_checks` and :mod:`pybamm_aea.models.start_advice`):
``pybamm.solvers.base_solver.flatten_inputs``, the private ``Solution._y_event`` (set with the solution's end state)
and ``IDAKLUSolver._options`` (read); ``BaseSolver.on_failure`` (set to "ignore" around an integration whose partial
solution is kept, and set back: ``failures_ignored``); ``IDAKLUSolver._integrate`` called on a second solver set up
for the same model, with the model's ``y0_list``, ``y0S_list``, ``y0full`` and ``ydot0full`` (an integration's
initial states) read and restored around it (``integrate_again``); what ``BaseSolver.set_up`` attaches to a model:
``rhs_algebraic_eval``, ``jac_rhs_algebraic_eval`` and ``terminate_events_eval`` (read and replaced), the other
CasADi functions IDAKLU takes (replaced by their SX form), ``calculate_sensitivities`` and ``y0`` (read). Retired
by: those made public, or IDAKLU ending an event-terminated step on a consistent state itself.

**Undocumented attributes of models, solutions and processed variables read** (:mod:`.model_internals`, used by
:mod:`pybamm_aea.models.solvers`, :mod:`pybamm_aea.models.starting_state`, :mod:`pybamm_aea.models.start_advice`,
:mod:`pybamm_aea.readout`,
:mod:`pybamm_aea.cycling`, :mod:`pybamm_aea.phases`, :mod:`pybamm_aea.switch_check`, :mod:`pybamm_aea.convergence`
and :mod:`pybamm_aea.phase_layer_limit`): a discretised model's ``y_slices``, ``len_rhs``, ``len_alg``
and ``len_rhs_and_alg`` (of a model ``pybamm.load_model`` read, which has no ``y_slices``: its ``StateVector`` nodes'
``y_slices``); an experiment solution's ``all_first_states`` and ``all_summary_variables``; a processed
variable's ``mesh`` (its ``edges`` and ``d_edges``); a step's variables at its first or last state alone, its
discretised expression evaluated on those state vectors (``step_variable_history``, ``step_variable_at``: the one
way the judgements of convergence and phase_layer_limit read a step's end states), and whether a variable's
discretised expression is a constant (``step_constant_value``: a rest's or constant-current step's current); the
parameter values a processed model keeps in its
``symbol_processor`` (``parameter_values``: checked by :func:`install`, read by :mod:`pybamm_aea.models.checks`).
Retired by: a documented state layout, per-cycle states and mesh, and the model's parameter values. (Read as PyBaMM's
public API, elsewhere: ``Solution.all_models``, ``all_ts``, ``all_ys``, ``all_yps``, ``all_inputs``,
``first_state``, ``last_state``, ``termination``, ``variables_returned``, ``y_event``, ``cycles``;
``BaseModel.variables``, ``events``, ``algebraic``, ``options``, ``input_parameters``, ``get_processed_variable``;
``Simulation.built_model``; the CasADi library's own API.)

**Private methods and attributes overridden in subclasses** (left where the subclass is: an override is its
class's business, and moving it here would only add an indirection; not checked at import, a PyBaMM that drops
one fails the tests that run the solvers and the model):

- ``pybamm.IDAKLUSolver._post_process_solution(sol, model, integration_time, inputs_dict, t_eval)``:
  :class:`~pybamm_aea.models.start_advice.CheckedIDAKLUSolver` (non-finite states refused),
  :class:`~pybamm_aea.models.solvers.ConsistentEventIDAKLUSolver` (the event point made consistent) and
  :class:`~pybamm_aea.models.solvers.FlagKeepingIDAKLUSolver` (IDA's return flags kept). Retired by: a public
  post-processing hook, IDA's flag on the Solution, and the consistent event state upstream.
- ``pybamm.IDAKLUSolver._integrate(model, t_eval, inputs_list, t_interp, nproc)`` (the one method ``solve`` and
  ``step`` both integrate through, one solution per input set):
  :class:`~pybamm_aea.models.solvers.ConsistentEventIDAKLUSolver` (an input set that ends outside the model's bounds or
  short of every event integrated again at a tighter tolerance). Retired by: a public post-integration hook per input
  set.
- ``pybamm.BaseSolver._check_event_violation(t_eval, model, y0, inputs_dict)``:
  :class:`~pybamm_aea.models.start_advice.CheckedIDAKLUSolver` (PyBaMM's "non-positive at initial conditions"
  explained). Retired by: PyBaMM's error naming the event, its value and the state it was evaluated on.
- PyBaMM's JSON hooks (``pybamm.expression_tree.operations.serialise_kernel``: ``to_json``, the classmethod
  ``_from_json`` and the class attribute ``_serialise_derived_params``, which PyBaMM's symbols and submeshes define):
  :class:`~pybamm_aea.models.aea.CathodeSubMesh` (``_from_json``, which PyBaMM's ``Exponential1DSubMesh`` lacks:
  ``sim.save_model(mesh=True)`` raised a ``SerialisationError``), :class:`~pybamm_aea.models.checks.PhysicalRange`
  and :class:`~pybamm_aea.models.checks.LithiationMassCheck` (the parameter's name and range as fields, the value
  and bound as children: ``model.to_config()`` raised one). Retired by: PyBaMM's ``Exponential1DSubMesh._from_json``
  (for the submesh); the range checks' hooks are theirs to keep.
- ``pybamm.ElectricalParameters._set_parameters()``: :class:`~pybamm_aea.models.parameters.AEAParameters`
  extends it (as PyBaMM's own parameter classes do). Retired by: a public way to add parameters to a subclass.
- ``pybamm.BaseModel``: :class:`~pybamm_aea.models.aea.AEA` calls ``_build_model()`` and sets ``_built`` (PyBaMM's
  ``build_model`` is those two; the AEA model adds its cell-level variables between them), sets ``_calc_esoh``
  (False, as PyBaMM's ``BaseModel.__init__`` does; ``calc_esoh`` has no setter) and stores
  ``summary_variables`` in ``_summary_variables`` (its setter checks each name is a variable). Retired by: a
  post-build hook in ``BaseModel.build_model`` and a checked public ``summary_variables`` setter.

- ``pybamm.Interpolant`` (:mod:`.linear_table`): :class:`~pybamm_aea.pybamm_adapter.linear_table.LinearTable` (a
  material's table OCP or conductivity as one node of its argument) overrides ``create_copy`` (PyBaMM's makes a
  plain Interpolant), ``_function_diff`` (PyBaMM's linear one calls ``interp1d.derivative``, which does not exist) and
  ``_function_evaluate`` (through its own ``_column``), and for its slope ``_to_casadi``; inherits ``_from_json``
  (the same signature); reads ``_children_for_copying``, ``_children_to_casadi`` and ``entries_string``. Retired
  by: a differentiable linear Interpolant whose copies keep their class.

**Other non-exported PyBaMM modules read** (public functions, module paths PyBaMM does not promise):
``pybamm.input.parameters.lithium_ion.Marquis2019`` (:mod:`pybamm_aea.materials.licoo2`, the LiCoO2 OCP) and
``...Mohtat2020`` (:mod:`pybamm_aea.materials.nmc532`, the NMC OCP); ``pybammsolvers.idaklu.sundials_error_message``
(PyBaMM's compiled solver package, :meth:`~pybamm_aea.models.solvers.FlagKeepingIDAKLUSolver.failure_message`).

Where the patches are installed: :func:`install` when :mod:`pybamm_aea.models.aea` is imported (which
``pybamm.Model("AEA")`` does); :func:`install_initial_state` alone when :mod:`pybamm_aea.parameters` is imported
(which ``pybamm.ParameterValues("Li2021_...")`` does).
"""
from . import (cycle_states, experiment_builds, experiment_errors, experiment_inputs, initial_states, model_internals,
               parameter_values, power_steps, solver_internals, spatial_variables, summary_plots, variable_names)
from .experiment_inputs import PYBAMM_INPUTS
from .initial_states import patch_mismatch

__all__ = ["install", "install_initial_state", "PYBAMM_INPUTS", "patch_mismatch", "cycle_states",
           "experiment_builds", "experiment_errors", "experiment_inputs", "initial_states", "model_internals",
           "parameter_values", "power_steps", "solver_internals", "spatial_variables", "summary_plots",
           "variable_names"]


def install_initial_state():
    """Install the initial-state patch only (:mod:`.initial_states`): what an AEA parameter set needs without the
    model (``pybamm.ParameterValues("Li2021_...").set_initial_state(...)``)."""
    initial_states.install()


def install():
    """Check and install every patch of PyBaMM the AEA model relies on (each idempotent)."""
    initial_states.install()
    cycle_states.install()
    experiment_inputs.install()
    experiment_builds.install()  # (after: its wrapper outermost, the model given back before the checks read it)
    parameter_values.install()
    experiment_errors.install()
    power_steps.install()
    spatial_variables.install()
    summary_plots.install()
    model_internals.check()  # (nothing to install: the model attributes read are there)
