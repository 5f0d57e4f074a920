"""LiCoO2 (layered) as a dense AEA cathode: literature values, each cited.

- Molar mass and density: the energy model's record (Table S9 of the paper: 5.05 g/cm3; IUPAC).
- Li0.5CoO2 density: the c-axis grows ~2 % on delithiation to x = 0.5 while a shrinks slightly
  (Reimers & Dahn, J. Electrochem. Soc. 139, 2091, 1992); taken as a 2 % smaller density at x = 0
  of the window (assumption within that range; only the reported volume change uses it).
- Window: the practical 150 mAh/g of the paper's Table S9, i.e. x_max = 0.548 Li per LiCoO2, from
  Li1CoO2 down to Li0.452CoO2 (theta = (x_LiCoO2 - 0.452) / 0.548).
- OCP: PyBaMM's LiCoO2 OCP of the Dualfoil/Marquis set (``lico2_ocp_Dualfoil1998``, Doyle & Newman
  data, a function of x in LixCoO2), tabulated at x = 0.46-0.96 where it is monotone.
- Chemical diffusivity: Table S5 of the paper, 1e-12 to 1e-11 cm2/s; default the geometric mean,
  activation energy :data:`~pybamm_aea.materials.material.E_A_LI_HOPS_LAYERED_OXIDE_KJ` (30 kJ/mol,
  assumption, shared with NMC532; PyBaMM's Marquis2019 18.55 kJ/mol has no measurement behind it).
- Electronic conductivity: the insulator-metal transition of LixCoO2: stoichiometric LiCoO2 is a
  semiconductor, Li extraction makes it metallic (Milewska et al., Solid State Ionics 263, 110,
  2014; Menetrier et al., J. Mater. Chem. 9, 1135, 1999: metallic below x ~ 0.94; single crystals
  insulating at x = 0.90-0.99, metallic at 0.25-0.71: Miyoshi et al., arXiv:1005.4253). Table:
  1e-4 S/cm at x = 1 (the upper end of the paper's 1e-4-1e-10 S/cm for cathodes), 1e-2 at
  x = 0.95 and 1 S/cm from x = 0.75 down (order of magnitude of the metallic phase; assumption).
- Ionic conductivity: Nernst-Einstein from the diffusivity.
- Window 3.0-4.2 V; lithiated as made: the first step is a charge.
"""
import numpy as np
import pybamm
from pybamm.input.parameters.lithium_ion import Marquis2019

from .. import citations
from ..constants import F
from ..energy.materials import get_material
from .material import E_A_LI_HOPS_LAYERED_OXIDE_KJ, FILLED_AS_MADE, OCP, AEAMaterial, TransportProperty

_LCO = get_material("LiCoO2")
#: the window: Table S9's practical capacity as Li per formula unit, down from Li1CoO2
X_MAX = _LCO.specific_capacity * _LCO.molar_mass / (F / 3.6)
X_LOW = 1 - X_MAX
_X = np.round(np.linspace(0.46, 0.96, 26), 4)
_THETA = ((_X - X_LOW) / X_MAX).tolist()
_U = [float(Marquis2019.lico2_ocp_Dualfoil1998(pybamm.Scalar(x)).evaluate()) for x in _X]


def _theta(x_licoo2):
    return (x_licoo2 - X_LOW) / X_MAX


MATERIAL = AEAMaterial(
    name="LiCoO2",
    formula="LiCoO2",
    molar_mass=_LCO.molar_mass,
    density=_LCO.density,
    delithiated_density=_LCO.density * 0.98,
    lithiated_density=_LCO.density,
    x_max=X_MAX,
    initial_li_content=FILLED_AS_MADE * X_MAX,
    ocp=OCP("table", theta=_THETA, values=_U, source="PyBaMM Marquis2019 lico2_ocp_Dualfoil1998"),
    diffusivity=TransportProperty(
        value=(1e-12 * 1e-11) ** 0.5, activation_energy=E_A_LI_HOPS_LAYERED_OXIDE_KJ, reference_temperature=298.15,
        source="paper Table S5 (geometric mean of its range); Ea assumption (E_A_LI_HOPS_LAYERED_OXIDE_KJ)",
    ),
    electronic_conductivity=TransportProperty(
        theta=[_theta(0.75), _theta(0.95), 1.0], values=[1.0, 1e-2, 1e-4], reference_temperature=298.15,
        source="Milewska et al. (2014); Menetrier et al. (1999); orders of magnitude",
    ),
    lower_voltage=3.0,
    upper_voltage=4.2,
    charge_first=True,
    references={
        "molar_mass, density": _LCO.source,
        "porosity": "the paper's dense compact at 360 MPa (11 %, Mo6S8); assumption for LiCoO2",
        "exchange_current_density": "assumption, as the paper's sets (15 A/m2 at 70 C)",
    },
    citations=[citations.REIMERS1992, citations.MARQUIS2019, citations.MILEWSKA2014, citations.MENETRIER1999,
               citations.MIYOSHI2010],
)
