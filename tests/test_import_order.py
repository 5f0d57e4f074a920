"""Import order: each module of the package imported first, in a fresh interpreter. Kept apart from the tests that
import the package at their top, so that an import cycle fails these tests rather than the collection of a file
(which the mutation check counts as an error, not a catch)."""
import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["pybamm_adapter", "pybamm_adapter.experiment_inputs",
                                    "pybamm_adapter.experiment_errors", "pybamm_adapter.cycle_states",
                                    "pybamm_adapter.initial_states", "pybamm_adapter.parameter_values"])
def test_a_pybamm_hook_module_imports_first(module):
    """``pybamm_aea.models`` installs the hooks while it is being imported, so a hook module that imports the
    models at its top failed when imported first ("partially initialized module ... has no attribute
    'install'", the experiment input hook before session 25's mend)."""
    result = subprocess.run([sys.executable, "-c", f"import pybamm_aea.{module} as m; m.install()"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize("module", ["parameters.paper_cell", "data", "models.experiment_checks", "models.step_checks",
                                    "models.starting_state", "models.start_advice", "sweep", "cli"])
def test_a_module_users_import_first_imports(module):
    """A module imported first (``from pybamm_aea.parameters.paper_cell import T_REF`` at a script's top) imports: a
    hook module importing the models at its top broke it ("cannot import name 'host_specific_volume' from
    partially initialized module 'pybamm_aea.parameters'", session 58's mutation check)."""
    result = subprocess.run([sys.executable, "-c", f"import pybamm_aea.{module}"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
