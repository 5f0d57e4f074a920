"""Pure-Li4Ti5O12 AEA cell on the paper's lab cell (0.785 cm2, LGPS + Li3PS4, Li metal, 70 C, 1.5 mg/cm2).

The cathode's values, each with its citation, are in :mod:`pybamm_aea.materials.li4ti5o12`; they enter
the cell through :mod:`pybamm_aea.parameters.aea_material_cell`; the cell outside the cathode is
:mod:`pybamm_aea.parameters.paper_cell` (Li et al., Adv. Mater. 2021).
"""
from pybamm_aea.materials import li4ti5o12

from . import aea_material_cell


def get_parameter_values():
    """The paper's Fig. S2 failure: pure Li4Ti5O12 as an AEA cathode (Li metal, 70 C, 1.5 mg/cm2), which runs no step.

    By design: Li4Ti5O12 is an insulator, so a 0.1C discharge starts at -13.66 V (0.05C: -6.03 V; cut-off 1.0 V).
    """
    return aea_material_cell.material_cell_parameters(li4ti5o12.MATERIAL)
