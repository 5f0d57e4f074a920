"""Parameters of the materials dispersed in a Mo6S8 network (hybrid AEA cathodes).

Each function returns the "Dispersed material ..." entries of a parameter set. Sources are
given per value; the paper is Li et al., Adv. Mater. 2021, 33, 2008723.
"""
from pybamm_aea.constants import arrhenius
from pybamm_aea.energy.materials import get_material
from pybamm_aea.energy.paper import LTO_LMS_COMPOSITION, SLMS_COMPOSITION, SLMS_PRACTICAL

from . import paper_cell


#: activation energy of the S8 -> Li2S reaction's rate [J.mol-1], the AEA model's S8 | Li2S front
#: (:func:`interfacial_rate_S`) and the conventional S-C-LGPS model's rate constant
#: (:func:`conventional_reaction_rate_S`) alike, one reaction: an assumption (the paper cycles at 70 C only)
E_A_SULFUR_REACTION = 30e3
#: Li2S product-layer diffusivity at 70 C [m2.s-1] (fit, see :func:`sulfur`). Fit protocol: tests/test_hybrids.py's
#: (S-LMS, Li metal, three 0.1C cycles 1-3 V, multi-phase host; the sulfur's mA.h/g of S on the 3rd discharge, to
#: 1290, two digits): 3.4e-23 -> 1292.80 (3.35e-23 1286.52, 3.3e-23 1280.28, 3.6e-23 1317.04), 2026-12-05, refitted
#: with the host's transport across the swollen layer (3.3e-23 -> 1302.7 on the as-made layer before, session 45)
D_LI2S_REF = 3.4e-23
#: activation energy of Li transport through Li2S [J.mol-1], one process read by both sulfur models: the S-LMS
#: model's Li2S product layer (:func:`product_layer_diffusivity_S`) and the conventional S-C-LGPS model's sulfur
#: particles (:func:`pybamm_aea.conventional.sulfur_diffusivity`; Li crosses the S8/Li2S solid through its Li2S).
#: An assumption: no measurement for Li2S at hand. First-principles migration barriers in Li2S, 0.27 eV (Li
#: vacancy) and 0.45 eV (interstitial Li) with defect formation energies of ~1 eV (Moradabadi & Kaghazchi, Appl.
#: Phys. Lett. 108, 213906, 2016), put the transport's activation energy at 26 kJ/mol or more; 50 kJ/mol (0.52
#: eV) lies above both barriers, as for carriers partly formed thermally
E_A_LI2S = 50e3
#: activation energy of the Li4Ti5O12 | Li7Ti5O12 front's rate [J.mol-1]: an assumption (the paper gives no rate
#: data for LTO-LMS)
E_A_LTO_REACTION = 30e3
#: activation energy of Li diffusion through the Li7Ti5O12 product layer [J.mol-1] (the lithiated shell the Li
#: crosses to the front): an assumption (as its 70 C value, see :func:`lithium_titanate`). Not the 0.86 eV
#: (83 kJ/mol) of the Li4Ti5O12 material record (:data:`pybamm_aea.materials.li4ti5o12.E_A_LI_HOPS_LI4TI5O12_KJ`):
#: Wilkening et al. (PCCP 9, 1239, 2007) measured the Li jumps of non-intercalated Li4Ti5O12, the core here, whose
#: Li is "ultraslow"; in lithiated Li4+xTi5O12 Li diffuses readily (NMR: Wagemaker et al., J. Phys. Chem. B 113,
#: 224, 2009, through its nm-sized 8a/16c domains), and no activation energy of Li7Ti5O12 is at hand. Another
#: phase, another process, another constant
E_A_LTO_DIFFUSION = 30e3


def conventional_reaction_rate_S(T):
    """Sulfur rate constant of the conventional S-C-LGPS model [s-1]: 4e-7 at 70 C, :data:`E_A_SULFUR_REACTION`."""
    return 4e-7 * arrhenius(T, E_A_SULFUR_REACTION, paper_cell.T_REF)


def product_layer_diffusivity_S(T):
    """Li diffusivity of the Li2S product layer [m2.s-1] (fit, see :func:`sulfur`), Arrhenius with :data:`E_A_LI2S`."""
    return D_LI2S_REF * arrhenius(T, E_A_LI2S, paper_cell.T_REF)


def interfacial_rate_S(T):
    """Interfacial rate constant of the S8 | Li2S front [s-1] (assumption, see :func:`sulfur`)."""
    return 1e-2 * arrhenius(T, E_A_SULFUR_REACTION, paper_cell.T_REF)


def product_layer_diffusivity_LTO(T):
    """Li diffusivity of the Li7Ti5O12 product layer [m2.s-1] (see :func:`lithium_titanate`), Arrhenius with
    :data:`E_A_LTO_DIFFUSION`."""
    return 1e-16 * arrhenius(T, E_A_LTO_DIFFUSION, paper_cell.T_REF)


def interfacial_rate_LTO(T):
    """Interfacial rate constant of the Li4Ti5O12 | Li7Ti5O12 front [s-1] (assumption)."""
    return 1e-2 * arrhenius(T, E_A_LTO_REACTION, paper_cell.T_REF)


#: S8 and its product Li2S in the energy model's library (:mod:`pybamm_aea.energy.materials`, the paper's values),
#: the one record of their densities, molar masses and S8's capacity
S8, LI2S = get_material("S8"), get_material("Li2S")


def sulfur(mass_fraction=SLMS_COMPOSITION["S8"],
           accessible_fraction=SLMS_PRACTICAL["sulfur_capacity_mAh_per_g"] / S8.specific_capacity):
    """S8 -> Li2S, one solid-solid conversion step (no polysulfide shuttle in a solid cell).

    - OCP: one two-phase plateau, U0 = 2.20 V vs Li: the solid-state S/Li2S reaction is one
      solid-solid step at 2.1-2.2 V vs Li in sulfide-electrolyte cells (physics notes). The
      upper end is chosen (a choice, not a fit to a number): at 2.10 V, only 50 mV above the
      host's 2.05 V plateau, the host filled to Li4 before half of the first discharge, while the
      paper has S and LMS reacting simultaneously; both ends lie below the 2.45 V ionic switch.
    - 1675 mAh/g of S8 and 1.96 g/cm3 (paper); Li2S 1.66 g/cm3 (paper); mass ratio of
      8 Li2S : S8 = 368 : 256 (paper's molar masses).
    - AEA model (shrinking core, :mod:`pybamm_aea.models.submodels.dispersed_material`):
      domain radius 10 nm (the paper's 10-30 nm S8 nano-domains, TEM Fig. 4a: 20 nm across);
      Li2S product-layer Li diffusivity D_LI2S_REF at 70 C, **fit** to the paper's 1290 of
      1675 mAh/g of S at 0.1C, 70 C (tests/test_hybrids.py, marked ``fit``); by Nernst-Einstein over
      all the Li of Li2S (72 kmol/m3) an ionic conductivity of 8e-14 S/cm at 70 C, an ionic insulator
      (no measurement of Li2S's at hand; this said "of the order of ~1e-11 S/cm near 70 C", unsourced,
      which is 4.2e-21 m2/s, 128x the fit, until session 43);
      activation energy :data:`E_A_LI2S`, 50 kJ/mol (assumption: no measurement for Li2S at hand;
      the conventional S-C-LGPS model's sulfur particles read the same value);
      interfacial rate constant 1e-2 s-1 (assumption: fast enough not to limit at 0.1C, so
      the product layer does), activation energy :data:`E_A_SULFUR_REACTION` (assumption);
      ideality w = 0.3 (the OCP shared with the S-C-LGPS model). The utilisation is not a
      parameter of the AEA model: it follows from R^2 / D.
    - ``accessible fraction``, ``reaction rate constant`` and ``lithiation transfer
      coefficient`` are the sulfur kinetics of the conventional S-C-LGPS comparison model
      (:mod:`pybamm_aea.conventional`) only; the AEA model does not read them.
    """
    return {
        "Dispersed material mass fraction": mass_fraction,
        "Dispersed material density [kg.m-3]": S8.density * 1e3,  # the paper's 1.96 g/cm3 (energy model's S8 record)
        "Lithiated dispersed material density [kg.m-3]": LI2S.density * 1e3,
        "Dispersed material lithiation mass ratio": 8 * LI2S.molar_mass / S8.molar_mass,  # 8 Li2S : S8, paper's masses
        "Dispersed material specific capacity [A.h.kg-1]": S8.specific_capacity,  # the paper's 1675 mA.h/g of S8
        "Dispersed material accessible fraction": accessible_fraction,
        "Dispersed material standard potential [V]": 2.20,
        "Dispersed material ideality factor": 0.3,
        "Dispersed material domain radius [m]": 10e-9,
        "Dispersed material product-layer Li diffusivity [m2.s-1]": product_layer_diffusivity_S,
        "Dispersed material interfacial rate constant [s-1]": interfacial_rate_S,
        "Initial dispersed material lithiation": 0.0,
        # the material itself, the energy model's S8 record: its melting point (CRC Handbook, 388.36 K) bounds the cell
        "Dispersed material": S8,
        # conventional S-C-LGPS comparison only (see above)
        "Dispersed material lithiation transfer coefficient": 0.25,
        "Dispersed material reaction rate constant [s-1]": conventional_reaction_rate_S,
    }


def lithium_titanate(mass_fraction=LTO_LMS_COMPOSITION["Li4Ti5O12"]):
    """Li4Ti5O12 -> Li7Ti5O12, two-phase at 1.55 V vs Li.

    - OCP: 1.55 V plateau (as in the public abstract of Julien & Mauger, Micromachines 15, 310, 2024; once
      attributed to Ohzuku et al., J. Electrochem. Soc. 142, 1431, 1995, whose text could not be checked), MSMR
      ideality w = 0.3 (flat: +-20 mV between 10 and 90 % lithiation).
    - 175 mAh/g (3 Li per Li4Ti5O12; physics notes); molar masses and densities: the energy model's Li4Ti5O12 and
      Li7Ti5O12 records (their formulas' 459.08 and 479.90 g/mol; 3.48 and 3.646 g/cm3 from cubic lattice
      parameters, 8/3 formula units per cell: 8.36 A, a literature value, and 8.353 A, assumed, because the place
      in Ohzuku et al. 1995 it was attributed to could not be checked; see the records' sources), so lithiation
      changes the volume by -0.2 % ("zero strain"; 0 with a = 8.36 A for both).
    - "Dispersed material": the energy model's Li4Ti5O12 record, which cites no melting or decomposition
      temperature, so the Li anode's bounds the cell.
    - fully accessible: the paper's 130 mAh/g of LTO-LMS needs all of it
      ((130 - 0.4 x 175) / 0.6 = 100 mAh/g from Mo6S8, physics notes).
    - shrinking core with a product layer that conducts (Li7Ti5O12 is metallic, the paper's
      Table S4 note): domain radius 50 nm (assumption: the paper gives no LTO domain size),
      Li diffusivity of the Li7Ti5O12 shell 1e-16 m2/s (1e-12 cm2/s, within the 1e-13 to 1e-9
      cm2/s reported for LTO electrodes, Julien & Mauger, Micromachines 15, 310, 2024; assumption
      at 70 C), interfacial rate 1e-2 s-1 (assumption: neither limits 0.1C; the paper gives no
      rate data for LTO-LMS); both Arrhenius about 70 C, with :data:`E_A_LTO_DIFFUSION` and
      :data:`E_A_LTO_REACTION` (assumptions). The dense Li4Ti5O12 material record
      (:mod:`pybamm_aea.materials.li4ti5o12`) has the Li jumps of non-intercalated Li4Ti5O12
      instead (Wilkening et al. 2007: 1.3e-14 cm2/s at 70 C, 0.86 eV), another phase.
    """
    return {
        "Dispersed material mass fraction": mass_fraction,
        "Dispersed material density [kg.m-3]": get_material("Li4Ti5O12").density * 1e3,
        "Lithiated dispersed material density [kg.m-3]": get_material("Li7Ti5O12").density * 1e3,
        "Dispersed material lithiation mass ratio": get_material("Li4Ti5O12").lithiation_mass_ratio,
        "Dispersed material specific capacity [A.h.kg-1]": 175.0,
        "Dispersed material accessible fraction": 1.0,
        "Dispersed material standard potential [V]": 1.55,
        "Dispersed material ideality factor": 0.3,
        "Dispersed material domain radius [m]": 50e-9,
        "Dispersed material product-layer Li diffusivity [m2.s-1]": product_layer_diffusivity_LTO,
        "Dispersed material interfacial rate constant [s-1]": interfacial_rate_LTO,
        "Initial dispersed material lithiation": 0.0,
        "Dispersed material": get_material("Li4Ti5O12"),
    }


def none():
    """No dispersed material: S8 properties at mass fraction 0 and no exchange (no part to play)."""
    values = sulfur(mass_fraction=0.0)
    values["Dispersed material interfacial rate constant [s-1]"] = 0.0
    del values["Dispersed material"]  # (no dispersed material: no record, no melting point of its)
    return values
