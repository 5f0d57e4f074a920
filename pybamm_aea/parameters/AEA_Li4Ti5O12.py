"""Pure-Li4Ti5O12 AEA cell on the paper's lab cell (0.785 cm2, LGPS + Li3PS4, Li metal, 70 C, 1.5 mg/cm2).

The cathode's values, each with its citation, are in :mod:`pybamm_aea.materials.li4ti5o12`; they enter
the cell through :mod:`pybamm_aea.parameters.aea_material_cell`; the cell outside the cathode is
:mod:`pybamm_aea.parameters.paper_cell` (Li et al., Adv. Mater. 2021).
"""
from pybamm_aea.materials import li4ti5o12

from . import aea_material_cell


def get_parameter_values():
    """Parameter values of a pure-Li4Ti5O12 AEA cathode cell (Li metal anode, 70 C, 1.5 mg/cm2)."""
    return aea_material_cell.material_cell_parameters(li4ti5o12.MATERIAL)
