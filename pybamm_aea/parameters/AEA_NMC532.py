"""Pure-NMC532 AEA cell on the paper's lab cell (0.785 cm2, LGPS + Li3PS4, Li metal, 70 C, 1.5 mg/cm2).

The cathode's values, each with its citation, are in :mod:`pybamm_aea.materials.nmc532`; the cell
outside the cathode is :mod:`pybamm_aea.parameters.paper_cell` (Li et al., Adv. Mater. 2021).
"""
from pybamm_aea.materials import nmc532


def get_parameter_values():
    """Parameter values of a pure-NMC532 AEA cathode cell (Li metal anode, 70 C, 1.5 mg/cm2)."""
    return nmc532.MATERIAL.parameter_dict()
