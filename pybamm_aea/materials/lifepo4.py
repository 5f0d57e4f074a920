"""LiFePO4 (olivine) as a dense AEA cathode: literature values, each cited, and one stated assumption (Ea).

- Molar mass and density: the energy model's record (:mod:`pybamm_aea.energy.materials`): 157.75
  g/mol (the formula's IUPAC mass), 3.4 g/cm3 as used by the paper (Tables S2/S9).
- FePO4 density: the LiFePO4 -> FePO4 cell volumes 291.4 -> 272.4 A^3 (Padhi, Nanjundaswamy &
  Goodenough, J. Electrochem. Soc. 144, 1188, 1997) on the paper's LiFePO4 density.
- OCP: a two-phase plateau at 3.42 V vs Li (Srinivasan & Newman, J. Electrochem. Soc. 151, A1517,
  2004; Padhi et al. 1997: 3.4-3.5 V), a few mV wide at its ends.
- Chemical diffusivity: Table S5 of the paper (6.77e-16 to 1.8e-14 cm2/s, room temperature);
  the default is the geometric mean 3.5e-15 cm2/s (the range spans 1.4 decades; both ends are
  run in tests/test_materials_figS2.py). Arrhenius with 0.55 eV (:data:`E_A_LIFEPO4_KJ`), assumed.
- Electronic conductivity: 1e-9 S/cm at room temperature for undoped, uncoated LiFePO4 (Chung,
  Bloking & Chiang, Nat. Mater. 1, 123, 2002; physics notes), FePO4 of the same order; 0.55 eV
  (assumed, as the diffusivity's). The paper's Table S4 lists only carbon-coated C-LiFePO4 (5e-3 S/cm, a
  composite), not the pure material pressed in Fig. S2.
- Ionic conductivity: Nernst-Einstein from the diffusivity (the paper-cell default).
- Window 2.5-4.0 V; lithiated as made, so the first step is a charge.

On the multi-phase host (the model's default) it is a single-phase Fickian host of this OCP (no free
energy with the LiFePO4/FePO4 miscibility gap, no gradient energy): the plateau makes its mobility
D / ``|dU/dx|`` large and its ions' conductivity F c B Nernst-Einstein on that mobility. Its Fig. S2
failure is the electrons' and the Li transport's (tests/test_materials_figS2.py), which a two-phase
description would not lift, so the gap is not modelled.
"""
from .. import citations
from ..constants import F, M_LI
from ..energy.materials import get_material
from .material import FILLED_AS_MADE, FILLED_AS_MADE_SOURCE, OCP, AEAMaterial, TransportProperty

_LFP = get_material("LiFePO4")
#: activation energy of Li transport and electronic conduction in LiFePO4 [kJ.mol-1] (the unit of the material
#: records), 0.55 eV: assumed, because no public record of a measured value was found (session 45). It was attributed
#: to Amin, Balaya & Maier's single-crystal study (Electrochem. Solid-State Lett. 10, A13), whose text and abstract
#: could not be read, so the value is not theirs here. It makes the record's diffusivity and electronic conductivity
#: (both read it) 16.6 times their 25 C values at the paper's 70 C
E_A_LIFEPO4_KJ = 0.55 * F / 1e3
_EA = E_A_LIFEPO4_KJ
#: Table S5 range of the paper [cm2/s]
D_LOWER, D_UPPER = 6.77e-16, 1.8e-14

MATERIAL = AEAMaterial(
    name="LiFePO4",
    formula="LiFePO4",
    molar_mass=_LFP.molar_mass,
    density=_LFP.density,
    delithiated_density=_LFP.density * (_LFP.molar_mass - M_LI * 1e3) / _LFP.molar_mass * 291.4 / 272.4,
    lithiated_density=_LFP.density,
    x_max=1.0,
    initial_li_content=FILLED_AS_MADE,
    ocp=OCP("plateau", potential=3.42, width=0.005, source="Srinivasan & Newman, JES 151, A1517 (2004)"),
    diffusivity=TransportProperty(
        value=(D_LOWER * D_UPPER) ** 0.5, activation_energy=_EA, reference_temperature=298.15,
        source="paper Table S5 (geometric mean of its range); Ea 0.55 eV assumed (no measured value checked)",
    ),
    electronic_conductivity=TransportProperty(
        value=1e-9, activation_energy=_EA, reference_temperature=298.15,
        source="Chung, Bloking & Chiang, Nat. Mater. 1, 123 (2002); Ea 0.55 eV assumed (no measured value checked)",
    ),
    lower_voltage=2.5,
    upper_voltage=4.0,
    charge_first=True,
    references={
        "molar_mass, density": _LFP.source,
        "x_max": "by definition: one Li per LiFePO4, the olivine's full lithiation",
        "initial_li_content": FILLED_AS_MADE_SOURCE,
        "lower_voltage, upper_voltage": "assumption: a usual cycling window of LiFePO4 vs Li (2.5-4.0 V), not in the "
                                        "paper's tables",
        "delithiated_density": "Padhi, Nanjundaswamy & Goodenough, J. Electrochem. Soc. 144, 1188 (1997)",
        "porosity": "the paper's dense compact at 360 MPa (11 %, Mo6S8); assumption for LiFePO4",
        "exchange_current_density": "assumption, as the paper's sets (15 A/m2 at 70 C)",
    },
    citations=[citations.SRINIVASAN2004, citations.PADHI1997, citations.CHUNG2002],
)
