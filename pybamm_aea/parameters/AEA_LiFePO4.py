"""Pure-LiFePO4 AEA cell on the paper's lab cell (0.785 cm2, LGPS + Li3PS4, Li metal, 70 C, 1.5 mg/cm2).

The cathode's values, each with its citation, are in :mod:`pybamm_aea.materials.lifepo4`; they enter
the cell through :mod:`pybamm_aea.parameters.aea_material_cell`; the cell outside the cathode is
:mod:`pybamm_aea.parameters.paper_cell` (Li et al., Adv. Mater. 2021).

This cell does not cycle, as the paper's Fig. S2 ("failed") predicts: uncoated LiFePO4 conducts electrons at
1e-9 S/cm (25 C), so at its own 0.1C the compact's ohmic drop puts the first charge past its 4.0 V cut-off
(the solver warns how far; PyBaMM then skips the step, or the whole cycle). docs/screening.rst has the numbers.
"""
from pybamm_aea.materials import lifepo4

from . import aea_material_cell


def get_parameter_values():
    """The paper's Fig. S2 failure: pure LiFePO4 as an AEA cathode (Li metal, 70 C, 1.5 mg/cm2), no step at its 0.1C.

    By design: uncoated LiFePO4 conducts electrons at 1e-9 S/cm, so a 0.1C charge starts at 4.278 V (cut-off 4.0 V).
    """
    return aea_material_cell.material_cell_parameters(lifepo4.MATERIAL)
