"""Parameter sets of pybamm-aea, registered with PyBaMM as ``pybamm_parameter_sets``.

Each module has a ``get_parameter_values()`` returning a dict with a ``"citations"`` entry, as
PyBaMM's own sets do.
"""
