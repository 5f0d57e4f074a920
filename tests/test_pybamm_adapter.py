"""pybamm_aea.pybamm_adapter: the one place the package reaches into PyBaMM's internals."""
import functools
import pathlib
import re
import warnings

import numpy as np
import pybamm
import pytest

import pybamm_aea
from pybamm_aea import pybamm_adapter
from pybamm_aea.pybamm_adapter.solver_internals import idaklu_options, set_end_state

PACKAGE = pathlib.Path(pybamm_aea.__file__).parent
ADAPTER = PACKAGE / "pybamm_adapter"
#: what a module outside the adapter may still import from a PyBaMM submodule (listed in the adapter's docstring
#: as public functions at a module path PyBaMM does not export)
ALLOWED_OUTSIDE = {"pybamm.input.parameters.lithium_ion"}


def test_every_adapter_module_is_listed_in_its_docstring():
    """A module added to the adapter without a line in its list of PyBaMM internals is caught."""
    doc = pybamm_adapter.__doc__
    modules = sorted(p.stem for p in ADAPTER.glob("*.py") if p.stem != "__init__")
    assert modules, ADAPTER
    assert [m for m in modules if f":mod:`.{m}`" not in doc] == []


def test_no_module_outside_the_adapter_reads_pybamm_internals():
    """Outside ``pybamm_aea/pybamm_adapter/``: no private attribute of a ``pybamm.`` name, no ``inspect.getsource``
    and no import from a PyBaMM submodule but those listed (overrides of private methods in subclasses are listed
    in the adapter's docstring and not looked for here)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if ADAPTER in path.parents:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            where = f"{path.relative_to(PACKAGE.parent)}:{number}"
            if re.search(r"\bpybamm\.[A-Za-z_.]*\._[A-Za-z]", line) or "inspect.getsource" in line:
                found.append(where)
            imported = re.match(r"\s*from (pybamm\.[\w.]+) import", line)
            if imported and imported[1] not in ALLOWED_OUTSIDE:
                found.append(where)
    assert found == []


#: the undocumented PyBaMM attributes the adapter reads or sets for the package (``model_internals``,
#: ``solver_internals``): no module outside it names one, as an attribute or as a string (``getattr(x, "...")``)
ADAPTER_ONLY_NAMES = {
    "y_slices", "len_rhs", "len_alg", "len_rhs_and_alg",  # a discretised model's state layout
    "rhs_algebraic_eval", "jac_rhs_algebraic_eval", "jac_rhs_algebraic_action_eval", "algebraic_eval",
    "jac_algebraic_eval", "terminate_events_eval", "calculate_sensitivities", "y0", "y0_list",  # a solver's set-up
    "y0S_list", "y0full", "ydot0full",  # an integration's initial states
    "all_first_states", "all_summary_variables",  # an experiment solution's per-cycle slots
    "mesh", "d_edges",  # a processed variable's mesh
    "symbol_processor",  # the parameter values a processed model keeps
    "_options", "_y_event",  # IDAKLUSolver's options, the Solution's state at the event
    "on_failure",  # what a solver does where IDA fails, set around an integration whose partial solution is kept
}


def _adapter_only_names_outside(package):
    """``path:line name`` of each use of :data:`ADAPTER_ONLY_NAMES` in the modules of ``package`` (a directory holding
    ``pybamm_aea/``) outside ``pybamm_aea/pybamm_adapter/``."""
    import ast

    root = pathlib.Path(package) / "pybamm_aea"
    found = []
    for path in sorted(root.rglob("*.py")):
        if "pybamm_adapter" in path.relative_to(root).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            name = node.attr if isinstance(node, ast.Attribute) else \
                node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
            if name in ADAPTER_ONLY_NAMES:
                found.append(f"{path.relative_to(root.parent)}:{node.lineno} {name}")
    return found


def test_no_module_outside_the_adapter_names_the_attributes_it_reads():
    """The state layout, set-up functions, initial state, per-cycle slots and mesh of PyBaMM's models, solutions and
    processed variables are read through the adapter only (before: ``models/solvers.py`` read ``model.y_slices``,
    ``len_rhs`` and ``rhs_algebraic_eval``, ``models/experiment_checks.py`` ``y_slices``, ``len_rhs_and_alg`` and
    ``model.y0``, ``readout.py`` ``all_first_states`` and ``variable.mesh.d_edges``, ``cycling.py``
    ``all_summary_variables``, ``phases.py`` the mesh: 38 uses)."""
    assert _adapter_only_names_outside(PACKAGE.parent) == []
    adapter = "".join(p.read_text() for p in ADAPTER.glob("*.py"))
    assert sorted(n for n in ADAPTER_ONLY_NAMES if n not in adapter) == []  # (each is one the adapter reads)


def test_failures_ignored_sets_on_failure_and_sets_it_back():
    """``solver_internals.failures_ignored``, the one place a solver's ``on_failure`` is flipped (before: in
    ``models/solvers.py``'s ``_integrate`` and ``models/experiment_checks.py``'s ``_failed_state``, each its own
    try/finally): "ignore" inside the block, the solver's own value after (also when the block raises); with
    ``when``, changed only from that value; a solver without the attribute raises on entry, nothing set."""
    from pybamm_aea.pybamm_adapter.solver_internals import failures_ignored

    solver = pybamm.IDAKLUSolver(on_failure="error")
    with failures_ignored(solver) as was:
        assert (was, solver.on_failure) == ("error", "ignore")
    assert solver.on_failure == "error"
    with pytest.raises(RuntimeError), failures_ignored(solver, when="error"):
        assert solver.on_failure == "ignore"
        raise RuntimeError("the integration failed otherwise")
    assert solver.on_failure == "error"
    solver = pybamm.IDAKLUSolver(on_failure="warn")
    with failures_ignored(solver, when="error") as was:
        assert (was, solver.on_failure) == ("warn", "warn")  # (a solver that warns is left to warn)
    assert solver.on_failure == "warn"

    class Bare:  # (a PyBaMM solver without on_failure)
        pass

    bare = Bare()
    with pytest.raises(AttributeError), failures_ignored(bare):
        pass
    assert not hasattr(bare, "on_failure")


def test_the_scan_finds_a_read_of_an_adapter_only_name(tmp_path):
    """The scan sees an attribute and a ``getattr`` string, not a name in a docstring or comment."""
    module = tmp_path / "pybamm_aea" / "models" / "m.py"
    module.parent.mkdir(parents=True)
    module.write_text('"""model.y_slices in a docstring"""\n'
                      "n = model.len_rhs  # y0 in a comment\n"
                      "s = getattr(model, 'y_slices', None)\n")
    (tmp_path / "pybamm_aea" / "pybamm_adapter").mkdir()
    (tmp_path / "pybamm_aea" / "pybamm_adapter" / "a.py").write_text("n = model.len_rhs\n")
    assert _adapter_only_names_outside(tmp_path) == ["pybamm_aea/models/m.py:2 len_rhs",
                                                     "pybamm_aea/models/m.py:3 y_slices"]


def test_the_start_time_input_is_pybamms():
    """The input PyBaMM gives each experiment step (its start time) is the one the checks leave out: the checks
    take PyBaMM's own inputs from the adapter (one set, read from PyBaMM), so the start time is no unknown input
    of the user's while another name is."""
    from pybamm_aea.models import checks

    start = getattr(pybamm.Simulation, "_START_TIME_INPUT", "start time")
    assert start in pybamm_adapter.PYBAMM_INPUTS
    assert checks.PYBAMM_INPUTS is pybamm_adapter.PYBAMM_INPUTS
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        checks.warn_unknown_inputs(None, {start: 0.0}, known={"Cathode porosity"})
    with pytest.warns(UserWarning, match="Cathode porsity"):
        checks.warn_unknown_inputs(None, {"Cathode porsity": 0.3}, known={"Cathode porosity"})


def test_the_model_parameter_values_check_catches_a_renaming(monkeypatch):
    """``models/checks.py`` read the parameter values of a processed model from PyBaMM's ``model.symbol_processor``
    itself, with ``getattr(..., None)``: a PyBaMM renaming it made every model look unparameterised, and the
    parameter-typo warning and the unread-input advice went silent. The read is the adapter's
    (``model_internals.parameter_values_of``), checked at install by ``model_internals.check``."""
    from pybamm_aea.pybamm_adapter import model_internals
    from pybamm_aea.models import checks

    model_internals.check()  # the installed PyBaMM's
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    model = values.process_model(pybamm_aea.AEA(), inplace=False)
    assert model_internals.parameter_values_of(model)["Cathode porosity"] == values["Cathode porosity"]
    assert checks.parameter_values_of is model_internals.parameter_values_of

    for name, renamed in (("SYMBOL_PROCESSOR", "processor"), ("PROCESSOR_VALUES", "values")):
        with monkeypatch.context() as m:  # (a PyBaMM that names the model's processor, or its values, otherwise)
            m.setattr(model_internals, name, renamed)
            with pytest.raises(ImportError, match=r"PyBaMM .*model\.\w+\.\w+") as err:
                model_internals.check()
            assert renamed in str(err.value)


def test_set_end_state_moves_the_state_at_the_event_too():
    """The end state replaced in the states and in the state at the event, which ``last_state`` (the next
    experiment step's start) is built from; the event state a copy, not a view of the new states."""
    y = np.array([[1.0, 2.0], [3.0, 4.0]])
    solution = pybamm.Solution(np.array([0.0, 1.0]), y, pybamm.BaseModel(), {}, np.array([1.0]), y[:, -1:], "event")
    consistent = y.copy()
    consistent[1, -1] = 5.0
    set_end_state(solution, consistent)
    assert solution.all_ys[-1] is consistent
    np.testing.assert_array_equal(solution.last_state.y, [[2.0], [5.0]])
    consistent[1, -1] = 6.0
    assert solution.y_event[1, 0] == 5.0


def test_idaklu_options_are_the_users_over_pybamms_defaults():
    options = idaklu_options(pybamm.IDAKLUSolver(options={"dt_init": 0.5}))
    assert options["dt_init"] == 0.5
    assert options["max_num_steps"] == idaklu_options(pybamm.IDAKLUSolver())["max_num_steps"]


@pytest.mark.parametrize("name", ["install", "install_initial_state"])
def test_install_is_idempotent(name):
    """Installing twice wraps nothing twice (``pybamm_aea.models`` and ``pybamm_aea.parameters`` both install)."""
    import pybamm_aea.models  # noqa: F401  (installs everything)

    before = (pybamm.Simulation.solve, pybamm.Simulation.build_for_experiment, pybamm.make_cycle_solution,
              pybamm.ParameterValues.set_initial_state, pybamm.plot_summary_variables)
    getattr(pybamm_adapter, name)()
    assert (pybamm.Simulation.solve, pybamm.Simulation.build_for_experiment, pybamm.make_cycle_solution,
            pybamm.ParameterValues.set_initial_state, pybamm.plot_summary_variables) == before


def test_wrap_once_wraps_once_and_keeps_the_original():
    """``pybamm_adapter.initial_states.wrap_once``, the one install of a PyBaMM method's wrapper (session 61: the
    marker, check and setattr were written in five modules): installed twice, the method is wrapped once and checked
    once, and the original is the wrapper's ``__wrapped__``; each real patch's wrapper reaches PyBaMM's own method."""
    import functools
    import inspect

    from pybamm_aea.pybamm_adapter import cycle_states, experiment_builds, experiment_errors, experiment_inputs
    from pybamm_aea.pybamm_adapter import power_steps
    from pybamm_aea.pybamm_adapter.initial_states import wrap_once

    class Owner:
        def method(self):
            return "PyBaMM's"

    original, checked = Owner.method, []

    def wrap(method):
        @functools.wraps(method)
        def wrapped(self):
            return "wrapped " + method(self)
        return wrapped

    assert wrap_once(Owner, "method", "_wrapped_here", wrap, lambda: checked.append(1)) is True
    assert wrap_once(Owner, "method", "_wrapped_here", wrap, lambda: checked.append(1)) is False
    assert Owner().method() == "wrapped PyBaMM's" and checked == [1]
    assert Owner.method.__wrapped__ is original

    import pybamm_aea.models  # noqa: F401  (installs everything)
    patched = [(pybamm.Simulation, "build_for_experiment", "_pybamm_aea_experiment_builds", experiment_builds),
               (pybamm.Simulation, "solve", "_pybamm_aea_step_error", experiment_errors),
               (pybamm.Simulation, "build_for_experiment", "_pybamm_aea_experiment_inputs", experiment_inputs),
               (pybamm.step.Power, "set_up", "_pybamm_aea_power_guess", power_steps),
               (pybamm, "make_cycle_solution", "_pybamm_aea_light_states", cycle_states)]
    before = [getattr(owner, name) for owner, name, _, _ in patched]
    for owner, name, marker, module in patched:
        module.install()  # (again)
        chain = [getattr(owner, name)]
        while hasattr(chain[-1], "__wrapped__"):
            chain.append(chain[-1].__wrapped__)
        # (build_for_experiment: experiment_builds' wrapper of experiment_inputs' of PyBaMM's; the others one each)
        assert len(chain) == (3 if name == "build_for_experiment" else 2), (name, marker)
        assert getattr(chain[0], marker) and chain[-1] is inspect.unwrap(chain[0])
        assert not any(getattr(chain[-1], m, False) for _, _, m, _ in patched)  # PyBaMM's own method
    assert [getattr(owner, name) for owner, name, _, _ in patched] == before


def test_var_pts_takes_the_cathode_variable_by_name():
    """``var_pts={"xi_c": N}``, the name of PyBaMM's own "Points not given for variable 'xi_c'", raised
    "AttributeError: module 'pybamm.geometry.standard_spatial_vars' has no attribute 'xi_c'" (PyBaMM's Mesh reads a
    text key there); it now meshes as the object does (pybamm_adapter.spatial_variables)."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    solution = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, var_pts={"xi_c": 24}).solve([0, 30])
    assert solution["Cathode Li content"].entries.shape[0] == 24
    pybamm_adapter.spatial_variables.install()  # idempotent
    assert pybamm.standard_spatial_vars.xi_c is pybamm_aea.models.submodels.xi


@pytest.mark.parametrize("var_pts, said", [
    ({"x_p": 40}, "var_pts keys ['x_p']: no points for 'xi_c'; 'x_p' is no spatial variable of this model"),
    ({"xi_c": 40, "r_p": 5}, "var_pts keys ['xi_c', 'r_p']: 'r_p' is no spatial variable of this model"),
])
def test_var_pts_without_the_cathode_key_or_with_an_unknown_one_is_named(var_pts, said):
    """``pybamm.Simulation(AEA(), var_pts={"x_p": 40})`` (PyBaMM's DFN key) raised PyBaMM's bare ``KeyError "Points
    not given for variable 'xi_c' in domain 'positive electrode'"`` at the solve, and ``{"xi_c": 40, "r_p": 5}`` was
    taken with "r_p" ignored: a ValueError at the Simulation naming the keys given, the missing and unknown ones and
    the model's own with its default; the model's own key still meshes (AEA.check_var_pts); PyBaMM's models untouched."""
    with pytest.raises(ValueError, match=re.escape(said)) as raised:
        pybamm.Simulation(pybamm_aea.AEA(), var_pts=var_pts)
    assert "The model's spatial variables: 'xi_c' (positive electrode)" in str(raised.value)
    assert "its default var_pts {'xi_c': 20}" in str(raised.value)
    sim = pybamm.Simulation(pybamm_aea.AEA(), var_pts={pybamm_aea.models.submodels.xi: 12})
    sim.build()
    assert sim.mesh["positive electrode"].npts == 12
    pybamm.Simulation(pybamm.lithium_ion.SPM(), var_pts={"x_p": 5, "r_p": 5})  # (PyBaMM's own: no check added)


def test_a_mesh_of_an_aea_geometry_names_a_missing_or_unknown_var_pts_key():
    """``pybamm.Mesh(AEA().default_geometry, AEA().default_submesh_types, {"x_p": 40})``, no Simulation, was PyBaMM's
    bare ``KeyError "Points not given for variable 'xi_c' in domain 'positive electrode'"`` (the var_pts check ran only
    at a Simulation): the adapter's wrap of ``pybamm.Mesh.__init__`` names the keys as the Simulation does, with both
    hosts' default cells; the model's own key meshes, and a PyBaMM model's geometry keeps PyBaMM's KeyError."""
    model = pybamm_aea.AEA()
    for var_pts, said in (({"x_p": 40}, "var_pts keys ['x_p']: no points for 'xi_c'; 'x_p' is no spatial variable"),
                          ({"xi_c": 8, "r_p": 5}, "var_pts keys ['xi_c', 'r_p']: 'r_p' is no spatial variable")):
        with pytest.raises(ValueError, match=re.escape(said)) as raised:
            pybamm.Mesh(model.default_geometry, model.default_submesh_types, var_pts)
        assert "its default var_pts {'xi_c': 20} ({'xi_c': 10} on the lever rule)" in str(raised.value)
    assert pybamm.Mesh(model.default_geometry, model.default_submesh_types, {"xi_c": 8})["positive electrode"].npts == 8
    spm = pybamm.lithium_ion.SPM()
    geometry = spm.default_geometry
    spm.default_parameter_values.process_geometry(geometry)
    with pytest.raises(KeyError, match="Points not given for variable 'x_s'"):
        pybamm.Mesh(geometry, spm.default_submesh_types, {"x_n": 5})


def test_the_step_error_check_covers_the_solution_slot_and_the_infeasible_text(monkeypatch):
    """:func:`pybamm_adapter.experiment_errors.check` probed ``Simulation.solve``'s parameters and logs only; the
    patch also reads the private ``Simulation._solution`` (set to the NotStartedSolution that explains an experiment
    none of whose steps ran, as ``sim.solution``) and matches the text of PyBaMM's SolverError for steps that all start
    past their cut-offs (to add the C-rate's basis): a PyBaMM that renamed either lost the explanation silently. Each
    is now named in the check's ImportError, as the simulation's other attributes the patch reads are."""
    from pybamm_aea.pybamm_adapter import experiment_errors

    experiment_errors.check()  # the installed PyBaMM's

    class RenamedSolution(pybamm.Simulation):
        @property
        def solution(self):
            return self._last_solution

    with pytest.raises(ImportError) as err:
        experiment_errors.check(RenamedSolution)
    assert "Simulation._solution (set by solve, returned by the solution property)" in str(err.value)
    assert "SolverError" not in str(err.value) and "step_models" not in str(err.value)
    monkeypatch.setattr(experiment_errors, "ALL_STEPS_INFEASIBLE", "infeasible as bounds were exceeded initially")
    with pytest.raises(ImportError) as err:
        experiment_errors.check()
    assert 'the SolverError "... infeasible as bounds were exceeded initially"' in str(err.value)
    assert "_solution" not in str(err.value)
    monkeypatch.undo()
    # (the termination of a run stopped at its capacity termination: FirstCycleCapacityTerminationWarning's, session 52)
    monkeypatch.setattr(experiment_errors, "CAPACITY_LIMIT", "capacity termination reached")
    with pytest.raises(ImportError, match=re.escape('the termination "capacity termination reached"')):
        experiment_errors.check()

    class Bare:  # a simulation class without any of the names
        def solve(self, t_eval=None):
            return t_eval

    with pytest.raises(ImportError) as err:
        experiment_errors.check(Bare)
    for name in ("solve(inputs=...)", "Simulation.parameter_values", "Simulation.var_pts",
                 "Simulation.steps_to_built_models", "Simulation._solution", "the SolverError",
                 'logs["termination"]', "callbacks.on_experiment_infeasible_event"):  # (the window-event note's, review)
        assert name in str(err.value), name


def test_the_step_error_check_covers_the_terminations_a_step_goes_on_from(monkeypatch):
    """The patch gives a ``starting_solution`` that ended on a model event PyBaMM's "final time" while the solve runs
    from it (:func:`~pybamm_aea.pybamm_adapter.experiment_errors._continued_from`), which relies on
    ``BaseSolver.step`` stepping on from "final time" and returning any other old solution unchanged; and it tells the
    step solvers, ``Simulation.steps_to_built_solvers``, which step they run, at PyBaMM's ``callbacks.on_step_start``
    (not checked until session 46: a PyBaMM that renamed it lost the step in the refined/retried step's warning
    silently). A PyBaMM without any of them is named in the check's ImportError."""
    from pybamm_aea.pybamm_adapter import experiment_errors

    monkeypatch.setattr(experiment_errors, "STEPS_ON_FROM", ("end time", "[experiment]"))
    with pytest.raises(ImportError, match=r"BaseSolver.step stepping on from a termination of \('end time'"):
        experiment_errors.check()
    monkeypatch.undo()
    experiment_errors.check()
    monkeypatch.setattr(experiment_errors, "STEP_START", "on_step_begin")  # (as a PyBaMM that renamed it)
    with pytest.raises(ImportError, match=r"callbacks\.on_step_begin"):
        experiment_errors.check()
    monkeypatch.undo()
    # (the calls at which a skipped step's reason is read and kept: session 55)
    for name, renamed in (("STEP_END", "on_step_finish"), ("CYCLE_START", "on_cycle_begin"),
                          ("CYCLE_END", "on_cycle_finish")):
        monkeypatch.setattr(experiment_errors, name, renamed)
        with pytest.raises(ImportError, match=rf"callbacks\.{renamed}"):
            experiment_errors.check()
        monkeypatch.undo()

    class Bare:  # a simulation class without any of the names
        def solve(self, t_eval=None):
            return t_eval

    with pytest.raises(ImportError, match="Simulation.steps_to_built_solvers"):
        experiment_errors.check(Bare)


def test_a_cycle_whose_first_step_failed_keeps_no_skip_reasons_of_its_own():
    """PyBaMM keeps no cycle whose first step failed, yet calls ``on_cycle_end`` for it: the recorder appended an empty
    {} for it, so with a later cycle (after a starting solution) every reason shifted one cycle ("cycle 3 of 4" named
    for cycle 2), and without one the reasons outnumbered the kept cycles and no skipped step was explained (review
    R31: a solver failure at cycle 3's first step, Mo6S8 at 3x loading). Only a cycle in which a step ended counts."""
    from types import SimpleNamespace

    from pybamm_aea.pybamm_adapter.experiment_errors import SKIP_REASON, STEP_SOLVERS, StepErrorRecorder

    solver = SimpleNamespace(**{SKIP_REASON: None})
    recorder = StepErrorRecorder(SimpleNamespace(**{STEP_SOLVERS: {"step": solver}}))
    for reasons in ({}, {2: "starts past its cut-off"}):  # two kept cycles, the second with its step 2 skipped
        recorder.on_cycle_start({})
        for number in (1, 2):
            setattr(solver, SKIP_REASON, reasons.get(number))
            recorder.on_step_end({"step number": (number, 2)})
        recorder.on_cycle_end({})
    recorder.on_cycle_start({})  # cycle 3: its first step fails, no step ends
    recorder.on_cycle_end({})
    assert recorder.skipped == [{}, {2: "starts past its cut-off"}]


def test_print_parameters_takes_the_aea_models_symbols_as_a_dict():
    """docs/pybamm_tools.rst's route: ``print_parameters(model.param)`` raises AttributeError ('n'), a dict of the
    model's scalar symbols evaluates all but the two OCP-at-SOC ones (76 of 78 on Li2021_Mo6S8, session 55)."""
    import pybamm

    param = pybamm.Model("AEA").param
    symbols = {name: s for name, s in vars(param).items() if isinstance(s, pybamm.Symbol)}
    evaluated = pybamm.ParameterValues("Li2021_Mo6S8").print_parameters(symbols)
    assert set(symbols) - set(evaluated) == {"ocp_soc_0", "ocp_soc_100"}
    assert float(evaluated["voltage_low_cut"]) == 1.8


def test_the_power_step_guess_check_catches_a_changed_set_up():
    """The power-step guess (pybamm_adapter.power_steps, session 56) wraps ``pybamm.step.Power.set_up(new_model,
    new_parameter_values)``: a set_up of another signature is an ImportError naming it, before anything is wrapped."""
    from pybamm_aea.pybamm_adapter import power_steps

    power_steps.check()  # (the installed PyBaMM's)

    class Renamed:
        def set_up(self, model, parameter_values):
            return model, parameter_values

    with pytest.raises(ImportError, match=re.escape("Power.set_up(new_model, new_parameter_values)")):
        power_steps.check(Renamed)


#: the ways a user builds a simulation of an experiment before solving it (session 60's trial UT, finding 3: each
#: raised "Cannot process variable 'Cathode Li content' without a `symbol_processor`" inside the package's nucleation
#: check, pybamm_adapter.experiment_builds), each -> the solve after ``sim.build()``
BUILT_FIRST = {
    "solve": lambda sim: sim.solve(),
    "solve twice": lambda sim: (sim.solve(), sim.solve())[1],
    "save_at_cycles": lambda sim: sim.solve(save_at_cycles=[1, 3]),
    "t_eval": lambda sim: sim.solve(t_eval=[0, 3600]),
}


def _three_short_cycles(build, solve):
    """(simulation, solution, the texts of the warnings the solve gave) of three cycles of a 1C discharge of LMS for
    3 minutes and a 2 minute rest (discharges of the multi-phase host, which the nucleation check reads),
    ``sim.build()`` first if ``build``, solved by ``solve(sim)``."""
    experiment = pybamm.Experiment([("Discharge at 1C for 3 minutes", "Rest for 2 minutes")] * 3)
    sim = pybamm.Simulation(pybamm.Model("AEA"), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=experiment)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if build:
            sim.build()
        solution = solve(sim)
    return sim, solution, sorted({str(w.message) for w in caught})


@pytest.mark.parametrize("path", list(BUILT_FIRST))
def test_an_experiment_solved_after_build_reads_as_one_solved_without(path):
    """``sim.build()`` then ``sim.solve()`` of an experiment raised "ValueError: Cannot process variable 'Cathode Li
    content' without a `symbol_processor`" from the nucleation check (PyBaMM parameterised the parameterised model
    ``build()`` left, which disabled the step models' symbol processor; the same solve without ``build()`` gave
    128.19 mA.h/g), and so did solving twice, with ``save_at_cycles`` or with ``t_eval`` after ``build()``: each now
    gives the state, capacity and warnings of the same solve without ``build()``, its variables readable."""
    _, plain, plain_warned = _three_short_cycles(False, BUILT_FIRST[path])
    sim, built, warned = _three_short_cycles(True, BUILT_FIRST[path])
    assert any("step 1, the first discharge" in text for text in plain_warned)  # (the nucleation check ran)
    assert warned == plain_warned
    assert len(built.cycles) == len(plain.cycles) == 3
    for name in ("Cathode Li content", "Electrode specific capacity [mA.h.g-1]"):
        np.testing.assert_allclose(built.cycles[-1][name].entries[..., -1], plain.cycles[-1][name].entries[..., -1],
                                   rtol=1e-9)
    assert sim.model is sim._unprocessed_model  # (the model given, as after a solve without build())
    assert sim.built_model is not None  # (what build() built is kept)


def test_a_pybamm_model_solved_after_build_reads_its_variables_too():
    """PyBaMM's own models had the same fault (``SPM``: "Cannot process variable 'X-averaged negative particle
    concentration [mol.m-3]' ..." on the first read after ``build()`` then ``solve()``); the patch gives them the
    solve without ``build()`` too."""
    name = "X-averaged negative particle concentration [mol.m-3]"
    ends = []
    for build in (False, True):
        experiment = pybamm.Experiment(["Discharge at 1C for 10 minutes"])
        sim = pybamm.Simulation(pybamm.lithium_ion.SPM(), experiment=experiment)
        if build:
            sim.build()
        ends.append(sim.solve()[name].entries[:, -1])
    np.testing.assert_allclose(ends[1], ends[0], rtol=1e-9)


def test_the_experiment_build_check_catches_a_renamed_model_attribute():
    """The experiment-build patch (pybamm_adapter.experiment_builds, session 60) sets the private ``_model`` of a
    simulation back to ``_unprocessed_model`` where ``build()`` made it ``_model_with_set_params``: a PyBaMM that
    renamed one is an ImportError naming it, before anything is wrapped."""
    from pybamm_aea.pybamm_adapter import experiment_builds

    experiment_builds.check()  # (the installed PyBaMM's)

    class Renamed:
        def __init__(self, model):
            self._model = self._unprocessed_model = model
            self._parameterised_model = None

        def build_for_experiment(self, inputs=None):
            return inputs

    with pytest.raises(ImportError, match=re.escape("Simulation._model_with_set_params")):
        experiment_builds.check(Renamed)


def test_the_checks_read_pybamms_classes_without_parsing_their_modules(monkeypatch):
    """The patches' checks read PyBaMM's source at each process's import of the package, which every spawned or
    Dask sweep worker pays again: Python 3.11's ``inspect.getsource`` of a class parses its whole module
    (``inspect.findsource``'s ``ast.parse``) on every call, 10 parses of 5 files, 0.26 CPU s of the checks' reads.
    ``initial_states.source_of`` reads the same text from the class's one ``class`` line: checked equal to
    ``inspect.getsource`` for every class and function the checks read, with no ``findsource`` of a top-level class
    (session 63: 0.26 -> 0.17 CPU s; a cold worker's import of ``pybamm_aea.sweep.worker`` 0.41 -> 0.32 CPU s)."""
    import inspect

    from pybamm.parameters.parameter_substitutor import ParameterSubstitutor
    from pybamm.simulation.base_simulation import BaseSimulation

    from pybamm_aea.pybamm_adapter.initial_states import source_of

    read = [BaseSimulation, pybamm.Simulation, pybamm.Solution, pybamm.BaseSolver, pybamm.Experiment,
            pybamm.step.BaseStep, pybamm.step.BaseTermination, pybamm.external_circuit.FunctionControl,
            pybamm.external_circuit.PowerFunctionControl, pybamm.Simulation.solve, pybamm.BaseSolver.step,
            ParameterSubstitutor._process_parameter, ParameterSubstitutor._process_callable_function_parameter]
    read += [getattr(pybamm.step, kind) for kind in ("CustomStepExplicit", "CustomStepImplicit")
             if hasattr(pybamm.step, kind)]
    expected = {obj: inspect.getsource(obj) for obj in read}
    found = []
    findsource = inspect.findsource

    def recorded(obj):
        found.append(obj)
        return findsource(obj)

    monkeypatch.setattr(inspect, "findsource", recorded)
    source_of.cache_clear()
    try:
        got = {obj: source_of(obj) for obj in read}
    finally:
        source_of.cache_clear()
    assert [obj for obj in read if got[obj] != expected[obj]] == []
    assert [obj for obj in found if inspect.isclass(obj)] == []

    class Nested:  # (a class in a function: inspect's own reading)
        pass

    for cls in (Nested, DecoratedProbe):  # (a decorated class: from its decorator's line, as inspect reads it)
        assert source_of(cls) == inspect.getsource(cls)


@functools.total_ordering
class DecoratedProbe:
    """A top-level decorated class, for the test above."""

    def __lt__(self, other):
        return False


def test_the_drive_cycle_start_check_names_a_solve_without_the_data_times(monkeypatch):
    """Session 64: a plain solve's state is set at a drive cycle's data's first time when ``t_eval`` is None, as
    PyBaMM's ``BaseSimulation.solve`` then solves at the "Current function [A]" Interpolant's data times. A PyBaMM
    that read other data, or named the mode otherwise, would move the solve's start silently: the check names it."""
    from pybamm_aea.pybamm_adapter import experiment_errors

    experiment_errors.check()  # the installed PyBaMM's
    monkeypatch.setattr(experiment_errors, "DRIVE_CYCLE_DATA", "Drive cycle current [A]")
    with pytest.raises(ImportError, match=re.escape('Simulation.solve solving a drive cycle at its "Drive cycle '
                                                    'current [A]" data times')):
        experiment_errors.check()


def test_the_variable_name_answer_check_names_a_changed_model_or_dict():
    """``pybamm_adapter.variable_names`` (session 64) relies on PyBaMM's ``BaseModel.variables`` being a property with
    a setter, its ``FuzzyDict`` a dict answering in its own ``__getitem__``, and ``new_copy`` and
    ``variables_and_events`` copying the dict with ``copy()`` (else a copy is a plain FuzzyDict, PyBaMM's "Best
    matches" again): each is named in the check's ImportError."""
    import copy

    from pybamm_aea.pybamm_adapter import variable_names

    variable_names.check()  # the installed PyBaMM's

    class NoSetter(pybamm.BaseModel):
        variables = property(pybamm.BaseModel.variables.fget)

        def new_copy(self):
            return copy.copy(self)

    class PlainDict(dict):  # (dict's own lookup: no answer of its own to wrap)
        pass

    with pytest.raises(ImportError) as err:
        variable_names.check(NoSetter, fuzzy_dict=PlainDict)
    for name in ("BaseModel.variables (a property with a setter)", "FuzzyDict (a dict with its own __getitem__",
                 "BaseModel.new_copy copying self.variables"):
        assert name in str(err.value), name
    assert "variables_and_events" not in str(err.value)
