"""pybamm_aea.pybamm_adapter: the one place the package reaches into PyBaMM's internals."""
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
              pybamm.ParameterValues.set_initial_state)
    getattr(pybamm_adapter, name)()
    assert (pybamm.Simulation.solve, pybamm.Simulation.build_for_experiment, pybamm.make_cycle_solution,
            pybamm.ParameterValues.set_initial_state) == before
