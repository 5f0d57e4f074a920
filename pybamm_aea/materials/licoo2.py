"""LiCoO2 (layered) as a dense AEA cathode: literature values, each cited.

- Molar mass and density: the energy model's record (Table S9 of the paper: 5.05 g/cm3; the formula's IUPAC mass,
  97.87 g/mol).
- Density at the charged end of the window: the host grows on charge (c grows, a shrinks slightly: Reimers &
  Dahn, J. Electrochem. Soc. 139, 2091, 1992), by the cell volumes of :data:`CHARGED_VOLUME_RATIO` (+1.88 % per
  CoO2 from LiCoO2 to Li0.5CoO2, taken for the window's Li0.452CoO2: an assumption); read by the volume model only.
- Window: the practical 150 mAh/g of the paper's Table S9, i.e. x_max = 0.548 Li per LiCoO2, from
  Li1CoO2 down to Li0.452CoO2 (theta = (x_LiCoO2 - 0.452) / 0.548).
- OCP: PyBaMM's LiCoO2 OCP of the Dualfoil/Marquis set (``lico2_ocp_Dualfoil1998``, Doyle & Newman
  data, a function of x in LixCoO2; Dualfoil's data span 0.5 < x < 0.99), tabulated at :data:`OCP_X`: x = 0.46
  (4.254 V, above the 4.2 V cut-off) to 0.97 (2.718 V, below the 3.0 V one, which it crosses at x = 0.9667), monotone
  there (checked on 200001 points), every 0.002 from 0.922 where it falls steeply. Until session 56 the table ended at
  x = 0.96 (3.408 V, above the cut-off), so every discharge ran theta 0.927-1 at a constant 3.408 V (10.2 mAh/g with
  no data behind it); the table must now end beyond the cut-offs (:meth:`.material.OCP.check_covers_window`).
- Chemical diffusivity: Table S5 of the paper, 1e-12 to 1e-11 cm2/s; default the geometric mean,
  activation energy :data:`~pybamm_aea.materials.material.E_A_LI_HOPS_LAYERED_OXIDE_KJ` (30 kJ/mol,
  assumption, shared with NMC532; PyBaMM's Marquis2019 18.55 kJ/mol has no measurement behind it).
- Electronic conductivity: the insulator-metal transition of LixCoO2: stoichiometric LiCoO2 is a
  semiconductor, Li extraction makes it metallic (Milewska et al., Solid State Ionics 263, 110,
  2014; Menetrier et al., J. Mater. Chem. 9, 1135, 1999: metallic below x ~ 0.94; single crystals
  insulating at x = 0.90-0.99, metallic at 0.25-0.71: Miyoshi et al., arXiv:1005.4253). Table:
  1e-4 S/cm at x = 1 (the upper end of the paper's 1e-4-1e-10 S/cm for cathodes), 1e-2 at
  x = 0.95 and 1 S/cm from x = 0.75 down (orders of magnitude of the metallic phase, assumed, because Milewska et
  al.'s public abstract, read in session 46, states the transition without a conductivity).
- Ionic conductivity: Nernst-Einstein from the diffusivity.
- Window 3.0-4.2 V; lithiated as made: the first step is a charge. Made at the table's end, x = 0.97 (theta
  0.9452, 2.718 V, below the 3.0 V cut-off: :data:`X_MADE`): pristine LiCoO2, x = 1, has no OCP data in the source
  (the function falls on past x = 0.97 to 0.128 V at x = 0.9973, a fit artefact), and the table's end is the nearest
  state with data. Until session 56 it was made at theta 0.995 (x = 0.9973, the library's FILLED_AS_MADE), on the
  held 2.718 V: its first charge ran theta 0.995-0.945 (7.47 mAh/g) on no data; the state as made must now lie on
  the table (:meth:`.material.OCP.check_covers_window`).
"""
import numpy as np
import pybamm
from pybamm.input.parameters.lithium_ion import Marquis2019

from .. import citations
from ..constants import M_LI, MAH_PER_MOL
from ..energy.materials import get_material
from .material import E_A_LI_HOPS_LAYERED_OXIDE_KJ, OCP, AEAMaterial, TransportProperty

_LCO = get_material("LiCoO2")
#: the window: Table S9's practical capacity as Li per formula unit, down from Li1CoO2
X_MAX = _LCO.specific_capacity * _LCO.molar_mass / MAH_PER_MOL
X_LOW = 1 - X_MAX
#: LiCoO2's hexagonal R-3m cell: a, c [A], 3 CoO2 per cell (the literature values Teshima et al., Cryst. Growth Des.
#: 10, 4471, 2010, quote in their abstract, read in session 46); its X-ray density, 5.052 g/cm3, is Table S9's 5.05
CELL_LICOO2 = (2.816, 14.052)
#: Li0.5CoO2's monoclinic P2/m cell (the Li/vacancy-ordered phase at x = 0.5): a, b, c [A], beta [deg], 2 CoO2 per cell
#: (one layer: c sin(beta) = 4.797 A, a hexagonal c of 14.39 A against LiCoO2's 14.052); Ben Yahia, Shikano &
#: Kobayashi, "Phase Transition Mechanisms in LixCoO2 (0.25 <= x <= 1) Based on Group-Subgroup Transformations",
#: Chem. Mater. (2013), abstract
CELL_LI05COO2 = (4.865, 2.809, 5.063, 108.68)
#: volume per CoO2 of Li0.5CoO2 over LiCoO2's: 32.773 / 32.167 A3 = 1.0188 (the host grows 1.88 % on charge);
#: taken for the window's charged end Li0.452CoO2 (assumption: c is near its maximum from x = 0.5 down, Reimers & Dahn)
CHARGED_VOLUME_RATIO = (
    CELL_LI05COO2[0] * CELL_LI05COO2[1] * CELL_LI05COO2[2] * np.sin(np.radians(CELL_LI05COO2[3])) / 2
) / (np.sqrt(3) / 2 * CELL_LICOO2[0] ** 2 * CELL_LICOO2[1] / 3)
#: the x (Li per LiCoO2) the OCP is tabulated at: every 0.02 to 0.92, then every 0.002 where it falls steeply to 0.97,
#: past the 3.0 V cut-off (linear interpolation within 0.011 V of the function; 0.099 V at x = 0.951 on a 0.02 grid)
OCP_X = np.round(np.r_[np.linspace(0.46, 0.92, 24), np.linspace(0.922, 0.97, 25)], 4)
_THETA = ((OCP_X - X_LOW) / X_MAX).tolist()
#: Li per LiCoO2 as made: the table's last point, the nearest state to pristine LiCoO2 (x = 1) with OCP data
X_MADE = float(OCP_X[-1])
_U = [float(Marquis2019.lico2_ocp_Dualfoil1998(pybamm.Scalar(x)).evaluate()) for x in OCP_X]


def _theta(x_licoo2):
    return (x_licoo2 - X_LOW) / X_MAX


MATERIAL = AEAMaterial(
    name="LiCoO2",
    formula="LiCoO2",
    molar_mass=_LCO.molar_mass,
    density=_LCO.density,
    # the charged end's mass per volume: X_MAX Li less in CHARGED_VOLUME_RATIO times the volume
    delithiated_density=_LCO.density * (1 - X_MAX * M_LI / (_LCO.molar_mass * 1e-3)) / CHARGED_VOLUME_RATIO,
    lithiated_density=_LCO.density,
    x_max=X_MAX,
    initial_li_content=X_MADE - X_LOW,
    ocp=OCP("table", theta=_THETA, values=_U, source="PyBaMM Marquis2019 lico2_ocp_Dualfoil1998"),
    diffusivity=TransportProperty(
        value=(1e-12 * 1e-11) ** 0.5, activation_energy=E_A_LI_HOPS_LAYERED_OXIDE_KJ, reference_temperature=298.15,
        source="paper Table S5 (geometric mean of its range); Ea assumption (E_A_LI_HOPS_LAYERED_OXIDE_KJ)",
    ),
    electronic_conductivity=TransportProperty(
        theta=[_theta(0.75), _theta(0.95), 1.0], values=[1.0, 1e-2, 1e-4], reference_temperature=298.15,
        source="the insulator-metal transition: Milewska et al. (2014; abstract: Li1CoO2 a semiconductor, metallic "
               "on Li extraction), Menetrier et al. (1999); 1e-4 S/cm at x = 1 the upper end of the paper's cathode "
               "range; 1e-2 S/cm at x = 0.95 and 1 S/cm from x = 0.75 assumed (orders of magnitude), because no "
               "public text of either work found gives a number",
    ),
    lower_voltage=3.0,
    upper_voltage=4.2,
    charge_first=True,
    references={
        "molar_mass, density": _LCO.source,
        "x_max": "Table S9's practical capacity (the paper's supporting information, 150 mAh/g) as Li per LiCoO2",
        "initial_li_content": "x = 0.97 Li per LiCoO2, the OCP table's last point (licoo2.X_MADE): the nearest state "
                              "to pristine LiCoO2 (x = 1) with data in PyBaMM's lico2_ocp_Dualfoil1998",
        "lower_voltage, upper_voltage": "assumption: a usual cycling window of LiCoO2 vs Li (3.0-4.2 V), not in the "
                                        "paper's tables",
        "delithiated_density": "cell volumes of LiCoO2 (Teshima et al., Cryst. Growth Des. 10, 4471, 2010) and "
                               "Li0.5CoO2 (Ben Yahia et al., Chem. Mater., 2013): +1.88 % on charge",
        "porosity": "the paper's dense compact at 360 MPa (11 %, Mo6S8); assumption for LiCoO2",
        "exchange_current_density": "assumption, as the paper's sets (15 A/m2 at 70 C)",
    },
    citations=[citations.REIMERS1992, citations.TESHIMA2010, citations.BENYAHIA2013, citations.MARQUIS2019,
               citations.MILEWSKA2014, citations.MENETRIER1999, citations.MIYOSHI2010],
)
