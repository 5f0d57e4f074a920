"""Li4Ti5O12 (spinel) as a dense AEA cathode vs Li: literature values, each cited, and one stated assumption.

- Molar mass, densities: the energy model's records of Li4Ti5O12 and Li7Ti5O12 (3.48 g/cm3 from the spinel's
  a = 8.36 A, the literature value Teshima et al. 2011 quote; 3.646 g/cm3 from a = 8.353 A, assumed, because the
  place in Ohzuku, Ueda & Yamamoto, J. Electrochem. Soc. 142, 1431, 1995, it was attributed to could not be
  checked; 175 mAh/g for 3 Li).
- OCP: the Li4Ti5O12/Li7Ti5O12 two-phase plateau at 1.55 V (as in the public abstract of Julien & Mauger,
  Micromachines 15, 310, 2024; once attributed to Ohzuku et al. 1995, whose text could not be checked).
- Electronic conductivity vs Li content: insulating Li4Ti5O12, 1e-13 S/cm (:data:`SIGMA_E_LI4TI5O12`: the
  "low electrical conductivity (10-13 S cm-1)" of Julien & Mauger 2024's public abstract; once attributed to Chen
  et al., J. Electrochem. Soc. 148, A102, 2001, whose text could not be checked for it), metallic once lithiated:
  Li7Ti5O12 2.46 S/cm at 300 K,
  weakly activated, and high already from x ~ 0.04 of the Li4/3Ti5/3O4 -> Li7/3Ti5/3O4 range
  (Young et al., Adv. Energy Mater. 3, 1125, 2013). Table: theta 0 -> 1e-13, 0.04 -> 2.46 S/cm,
  log-linear in between.
- Li transport in the Li4Ti5O12 host: "ultraslow" (Wilkening et al., Phys. Chem. Chem. Phys. 9,
  1239, 2007, on non-intercalated, microcrystalline Li4Ti5O12): 7Li spin-alignment-echo jump rates
  1 s-1 at 295 K to 2200 s-1 at 400 K, activation energy 0.86 eV (:data:`E_A_LI_HOPS_LI4TI5O12_KJ`).
  The record's 343 K rate is the line through those two end points, 61 s-1 (``_JUMP_RATE``); its temperature
  dependence is the stated 0.86 eV. The two disagree: the end points imply 0.745 eV, and 0.86 eV through 61 s-1 at
  343 K gives 0.53 s-1 at 295 K and 3818 s-1 at 400 K, ~1.9x below and ~1.7x above the quoted end points (the
  abstract gives both the end points, "about 2200 s-1", and "about 0.86 eV"; the values are kept, not re-fitted).
  With the 8a-8a jump length of the
  spinel (sqrt(3)/4 a = 3.62 A, a = 8.36 A) D = l^2 / (6 tau) = 1.3e-14 cm2/s. Ionic conductivity
  by Nernst-Einstein over the 3 mobile 8a Li per formula unit (22.7 mol/L): 1.0e-9 S/cm at 343 K,
  the same 0.86 eV (their impedance gives 0.94 eV). The inserted Li are not the only carriers,
  so the Nernst-Einstein default (which counts only inserted Li) does not apply here.
  The record takes these values of the Li-poor end over its whole window: in lithiated Li4+xTi5O12
  Li diffuses readily (NMR: Wagemaker et al., J. Phys. Chem. B 113, 224, 2009, through its nm-sized
  8a/16c domains), so they bound its transport from below. The Li7Ti5O12 product layer of the LTO-Mo6S8 hybrid is that
  other phase, with its own assumed activation energy
  (:data:`pybamm_aea.parameters.dispersed_materials.E_A_LTO_DIFFUSION`, 30 kJ/mol).
- Window 1.0-2.5 V; Li-free as made (as in the paper's LTO), so the first step is a discharge.
"""
from .. import citations
from ..constants import F, R
from ..energy.materials import get_material
from ..parameters.paper_cell import T_REF
from .material import OCP, AEAMaterial, TransportProperty

_LTO = get_material("Li4Ti5O12")
_LTO7 = get_material("Li7Ti5O12")
#: activation energy of Li jumps in non-intercalated Li4Ti5O12 [kJ.mol-1] (the unit of the material records),
#: 0.86 eV: Wilkening et al. (2007), 7Li SAE NMR; the record's diffusivity and ionic conductivity read it
E_A_LI_HOPS_LI4TI5O12_KJ = 0.86 * F / 1e3
_EA = E_A_LI_HOPS_LI4TI5O12_KJ
_T = T_REF  # the paper's cells' 70 C, where the sets' Arrhenius laws have their reference
#: jump rate at 343 K from Wilkening's two end points (1 s-1 at 295 K, 2200 s-1 at 400 K)
_JUMP_RATE = 2200.0 ** ((1 / 295 - 1 / _T) / (1 / 295 - 1 / 400))
_JUMP_LENGTH_CM = 3 ** 0.5 / 4 * 8.36e-8
D_343K = _JUMP_LENGTH_CM**2 * _JUMP_RATE / 6  # cm2/s
#: electronic conductivity of Li-free Li4Ti5O12 [S/cm], the table's theta = 0 end: 1e-13 S/cm, the "low electrical
#: conductivity (10-13 S cm-1)" the public abstract of Julien & Mauger (Micromachines 15, 310, 2024) gives (read in
#: session 46; it was attributed to Chen et al., J. Electrochem. Soc. 148, A102, 2001, whose text is not public here
#: and is no longer cited for it). It is the insulating end of what is reported: a public report measured ~1e-9 S/cm
#: (DC) on Li4Ti5O12
#: fired in an oxidizing atmosphere (Wolfenstine et al., US Army Research Laboratory report ARL-TR-4641, abstract);
#: with 1e-9 the record's conductivity at its initial content (x = 0.01, theta = 0.0033, log-linear to 2.46 S/cm at
#: 0.04) would be 6.1e-9 S/cm, not 1.3e-12
SIGMA_E_LI4TI5O12 = 1e-13
#: 3 mobile Li (8a) per formula unit [mol/cm3]
_C_MOBILE = 3 * _LTO.density / _LTO.molar_mass
SIGMA_ION_343K = F**2 * _C_MOBILE * D_343K / (R * _T)  # S/cm

MATERIAL = AEAMaterial(
    name="Li4Ti5O12",
    formula="Li4Ti5O12",
    molar_mass=_LTO.molar_mass,
    density=_LTO.density,
    delithiated_density=_LTO.density,
    lithiated_density=_LTO7.density,
    x_max=3.0,
    initial_li_content=0.01,
    ocp=OCP("plateau", potential=1.55, width=0.005,
            source="1.55 V: Julien & Mauger, Micromachines 15, 310 (2024), abstract (Ohzuku et al., JES 142, 1431 "
                   "(1995), once cited for it, not checked)"),
    diffusivity=TransportProperty(
        value=D_343K, activation_energy=_EA, reference_temperature=_T,
        source="Wilkening et al., PCCP 9, 1239 (2007), 7Li SAE NMR jump rates",
    ),
    electronic_conductivity=TransportProperty(
        theta=[0.0, 0.04, 1.0], values=[SIGMA_E_LI4TI5O12, 2.46, 2.46], reference_temperature=300.0,
        source="Li4Ti5O12 end 1e-13 S/cm: Julien & Mauger, Micromachines 15, 310 (2024), abstract (see "
               "SIGMA_E_LI4TI5O12); Young et al., Adv. Energy Mater. 3, 1125 "
               "(2013)",
    ),
    ionic_conductivity=TransportProperty(
        value=SIGMA_ION_343K, activation_energy=_EA, reference_temperature=_T,
        source="Nernst-Einstein on Wilkening et al. (2007), 3 mobile Li per formula unit",
    ),
    lower_voltage=1.0,
    upper_voltage=2.5,
    charge_first=False,
    references={
        "molar_mass, density, lithiated_density": _LTO.source + "; " + _LTO7.source,
        "x_max": "by definition: the 3 Li from Li4Ti5O12 to Li7Ti5O12 (175 mAh/g, Julien & Mauger 2024's abstract)",
        "initial_li_content": "Li-free as made, as the paper's LTO, kept 0.01 off x = 0: a numerical choice, not a "
                              "measurement",
        "lower_voltage, upper_voltage": "assumption: a usual cycling window of Li4Ti5O12 vs Li (1.0-2.5 V), not in "
                                        "the paper's tables",
        "porosity": "the paper's dense compact at 360 MPa (11 %, Mo6S8); assumption for Li4Ti5O12",
        "exchange_current_density": "assumption, as the paper's sets (15 A/m2 at 70 C)",
    },
    citations=[citations.OHZUKU1995, citations.WILKENING2007, citations.CHEN2001, citations.YOUNG2013,
               citations.WAGEMAKER2009, citations.JULIEN2024, citations.TESHIMA2011],
)
