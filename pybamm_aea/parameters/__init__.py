"""Parameter sets of pybamm-aea, registered with PyBaMM as ``pybamm_parameter_sets``.

Each module has a ``get_parameter_values()`` returning a dict with a ``"citations"`` entry, as
PyBaMM's own sets do.
"""
from .. import initial_state_hooks

# ``pybamm.ParameterValues("Li2021_...")`` imports this package: from then on PyBaMM's
# ``set_initial_state`` methods dispatch AEA sets and models to pybamm_aea.set_initial_state
initial_state_hooks.install()
