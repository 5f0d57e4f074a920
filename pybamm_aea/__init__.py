"""pybamm-aea: PyBaMM models of all-electrochem-active (AEA) all-solid-state lithium cells.

Implements Li et al., "Dense All-Electrochem-Active Electrodes for All-Solid-State Lithium Batteries",
Adv. Mater. 2021, 33, 2008723 (DOI 10.1002/adma.202008723).

Sub-packages are imported lazily so that ``import pybamm_aea`` stays cheap:

- ``pybamm_aea.kernels``  the compiled (Cython) core: lever rule, curve energy, cycle summaries
- ``pybamm_aea.energy``   electrode- and cell-level energy density (the paper's calculation model)
- ``pybamm_aea.AEA``      the PyBaMM model of a dense mixed-conducting cathode cell
- ``pybamm_aea.sweep``    design sweeps: the package, callable as its function ``pybamm_aea.sweep(grid, ...)``
"""
import importlib

__version__ = "0.1.0"

_LAZY = {
    "kernels": "pybamm_aea.kernels",
    "energy": "pybamm_aea.energy",
    "data": "pybamm_aea.data",
    "models": "pybamm_aea.models",
    "parameters": "pybamm_aea.parameters",
    "cli": "pybamm_aea.cli",
    "cycling": "pybamm_aea.cycling",
    "readout": "pybamm_aea.readout",
    "studies": "pybamm_aea.studies",
    "conventional": "pybamm_aea.conventional",
    "phases": "pybamm_aea.phases",
    "materials": "pybamm_aea.materials",
    "screening": "pybamm_aea.screening",
    "convergence": "pybamm_aea.convergence",
}
_LAZY_ATTRS = {
    "AEA": ("pybamm_aea.models.aea", "AEA"),
    "set_initial_state": ("pybamm_aea.initial_state", "set_initial_state"),
    "screen": ("pybamm_aea.screening", "screen"),
    "mesh_check": ("pybamm_aea.convergence", "mesh_check"),
}

# the package pybamm_aea.sweep, which is also callable as the function, pybamm_aea.sweep(grid, ...) (its module class:
# pybamm_aea/sweep/__init__.py); pybamm_aea.sweep.api imports nothing heavy
from . import sweep  # noqa: E402


def __getattr__(name):
    if name in _LAZY:
        return importlib.import_module(_LAZY[name])
    if name in _LAZY_ATTRS:
        module, attr = _LAZY_ATTRS[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'pybamm_aea' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_LAZY) + list(_LAZY_ATTRS))
