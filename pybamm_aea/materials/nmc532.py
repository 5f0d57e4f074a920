"""LiNi0.5Mn0.3Co0.2O2 (NMC532) as a dense AEA cathode: literature values, each cited.

- Molar mass and density: the energy model's NMC532 record (96.55 g/mol, the formula's IUPAC mass; 4.74 g/cm3,
  crystallographic R-3m cell).
- Delithiated density: NCM unit cells shrink on charge from 3.0 to 4.3 V vs Li, the more the
  richer in Ni (NCM111 and NCM811 by in-situ XRD, :data:`KONDRAKOV_VOLUME_CONTRACTION`: Kondrakov et al.,
  J. Phys. Chem. C 121, 3286, 2017; Koerver et al., Energy Environ. Sci. 11, 2142, 2018). No NCM532
  measurement is cited: its density at the delithiated end of the window is taken 2 % below the
  lithiated one (assumption, :data:`DELITHIATED_DENSITY_RATIO`), which makes the host's molar volume
  2.45 % smaller there than at x_max, inside that bracket (checked by tests/test_materials.py).
- Window: the practical 170 mAh/g of the paper's Table S9 (NMC), x_max = 0.612 Li per formula unit.
- OCP: PyBaMM's NMC OCP of the Mohtat2020 set (``NMC_ocp_PeymanMPM``, an NMC532 cell), tabulated
  at its stoichiometries 0.05-1, taken to span that window (theta = (sto - 0.05) / 0.95: an
  assumption; Mohtat's stoichiometry is normalised to their own cell's window).
- Chemical diffusivity: Table S5 of the paper, 3.0e-11 to 4.2e-11 cm2/s (NMC532); geometric
  mean, activation energy :data:`~pybamm_aea.materials.material.E_A_LI_HOPS_LAYERED_OXIDE_KJ`
  (30 kJ/mol, assumption, shared with LiCoO2; PyBaMM's Mohtat2020 18.55 kJ/mol is Dualfoil's LiCoO2 value).
- Electronic conductivity: Table S4 of the paper (NCM, ~1e-5 S/cm, 4-probe on compacts vs
  porosity; its fit in :mod:`pybamm_aea.energy.conductivity`), independent of Li content here
  (NMC does become more conductive on delithiation; not in the paper's tables).
- Ionic conductivity: Nernst-Einstein from the diffusivity.
- Window 3.0-4.3 V; lithiated as made: the first step is a charge.
"""
import numpy as np
from pybamm.input.parameters.lithium_ion import Mohtat2020

from .. import citations
from ..constants import MAH_PER_MOL
from ..energy.materials import get_material
from ..parameters import paper_cell
from .material import (E_A_LI_HOPS_LAYERED_OXIDE_KJ, FILLED_AS_MADE, FILLED_AS_MADE_SOURCE, OCP, AEAMaterial,
                       TransportProperty)

_NMC = get_material("NMC532")
_THETA = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 1.0]
_U = [float(Mohtat2020.NMC_ocp_PeymanMPM(np.float64(t))) for t in _THETA]
_THETA = [round((t - 0.05) / 0.95, 6) for t in _THETA]
#: Table S9's practical capacity of NMC as Li per formula unit
X_MAX = get_material("NMC").specific_capacity * _NMC.molar_mass / MAH_PER_MOL
#: unit-cell volume contraction on charge over 3.0-4.3 V vs Li by in-situ XRD [-], of the NCMs poorer and richer
#: in Ni than NCM532: Kondrakov et al., J. Phys. Chem. C 121, 3286 (2017), abstract (~1.2 % and ~5.1 %)
KONDRAKOV_VOLUME_CONTRACTION = {"NCM111": 0.012, "NCM811": 0.051}
#: density at the delithiated end of the window over the lithiated density: an assumption (no NCM532 measurement
#: cited), the host's molar volume 2.45 % smaller at x = 0 than at x_max, inside the bracket of
#: :data:`KONDRAKOV_VOLUME_CONTRACTION` over the same 3.0-4.3 V window
DELITHIATED_DENSITY_RATIO = 0.98


def ncm_compact_conductivity(eps, T):
    """Electronic conductivity of an NCM compact [S.m-1] at porosity eps: the paper's Table S4 fit."""
    return paper_cell.conductivity_vs_porosity("NCM")(eps, T)


MATERIAL = AEAMaterial(
    name="NMC532",
    formula="LiNi0.5Mn0.3Co0.2O2",
    molar_mass=_NMC.molar_mass,
    density=_NMC.density,
    delithiated_density=_NMC.density * DELITHIATED_DENSITY_RATIO,
    lithiated_density=_NMC.density,
    x_max=X_MAX,
    initial_li_content=FILLED_AS_MADE * X_MAX,
    ocp=OCP("table", theta=_THETA, values=_U, source="PyBaMM Mohtat2020 NMC_ocp_PeymanMPM"),
    diffusivity=TransportProperty(
        value=(3.0e-11 * 4.2e-11) ** 0.5, activation_energy=E_A_LI_HOPS_LAYERED_OXIDE_KJ, reference_temperature=298.15,
        source="paper Table S5 (NMC532, geometric mean); Ea assumption (E_A_LI_HOPS_LAYERED_OXIDE_KJ)",
    ),
    electronic_conductivity=TransportProperty(
        function="pybamm_aea.materials.nmc532:ncm_compact_conductivity",
        source="paper Table S4 (NCM), fit vs porosity",
    ),
    lower_voltage=3.0,
    upper_voltage=4.3,
    charge_first=True,
    references={
        "molar_mass, density, lithiated_density": _NMC.source,
        "x_max": "Table S9's practical capacity of NMC (the paper's supporting information, 170 mAh/g) as Li per "
                 "formula unit",
        "initial_li_content": FILLED_AS_MADE_SOURCE,
        "lower_voltage, upper_voltage": "assumption: a usual cycling window of NMC vs Li (3.0-4.3 V), not in the "
                                        "paper's tables",
        "delithiated_density": "assumption within the NCM111-NCM811 bracket of Kondrakov et al., J. Phys. Chem. C 121, "
                               "3286 (2017)",
        "porosity": "the paper's dense compact at 360 MPa (11 %, Mo6S8); assumption for NMC532",
        "exchange_current_density": "assumption, as the paper's sets (15 A/m2 at 70 C)",
    },
    citations=[citations.NOH2013, citations.KOERVER2018, citations.KONDRAKOV2017, citations.MOHTAT2020],
)
