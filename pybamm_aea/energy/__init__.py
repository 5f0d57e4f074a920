"""Electrode- and cell-level energy density of AEA and conventional electrodes (issue 3).

Implements the calculation model of Li et al., "Dense All-Electrochem-Active Electrodes for All-Solid-State
Lithium Batteries", Adv. Mater. 33, 2008723 (2021), supporting information, in general form:

- :mod:`~pybamm_aea.energy.materials` - materials library (:class:`Material`, :func:`get_material`,
  :func:`register_material`).
- :class:`Electrode` - make-up (densities, mass and volume fractions), ESC, Wh/kg and Wh/L, the discharged
  (lithiated) electrode, practical energy from a discharge curve (compiled ``curve_energy`` kernel).
- :func:`porosity` - porosity vs pressure (Heckel/Kawakita fits of Tables S6-S8), :func:`electronic_conductivity`
  (Archie/percolation fits of Table S4).
- :class:`Cell` and :func:`cell_preset` - stack-level Wh/kg and Wh/L (Randau et al., Nat. Energy 2020).
- :mod:`~pybamm_aea.energy.paper` - the paper's electrodes and calculation bases built with this API.

Units: capacities mAh/g, densities g/cm^3, voltages V vs Li/Li+, Wh/kg, Wh/L, pressures MPa, thicknesses um,
areal loadings mg/cm^2.
"""
from ._common import ExtrapolationWarning, PercolationWarning
from .materials import (
    Material,
    UnknownMaterialError,
    from_aea_material,
    get_material,
    list_materials,
    materials_table,
    register_material,
)
from .electrode import Electrode, EnergyDensity, NoDischargedState, PracticalEnergy
from .compaction import CompactionFit, compaction_data, compaction_fit, fit_compaction, porosity
from .conductivity import (ConductivityFit, conductivity_data, conductivity_fit, electronic_conductivity,
                           fit_conductivity)
from .cell import (
    CELL_PRESETS,
    Cell,
    CompositeAnode,
    CurrentCollector,
    Layer,
    LiInAnode,
    LiMetalAnode,
    SeparatorLayer,
    cell_preset,
)
from . import paper

__all__ = [
    "ExtrapolationWarning",
    "PercolationWarning",
    "Material",
    "UnknownMaterialError",
    "from_aea_material",
    "get_material",
    "list_materials",
    "materials_table",
    "register_material",
    "Electrode",
    "EnergyDensity",
    "NoDischargedState",
    "PracticalEnergy",
    "CompactionFit",
    "compaction_data",
    "compaction_fit",
    "fit_compaction",
    "porosity",
    "ConductivityFit",
    "conductivity_data",
    "conductivity_fit",
    "electronic_conductivity",
    "fit_conductivity",
    "CELL_PRESETS",
    "Cell",
    "CompositeAnode",
    "CurrentCollector",
    "Layer",
    "LiInAnode",
    "LiMetalAnode",
    "SeparatorLayer",
    "cell_preset",
    "paper",
]
