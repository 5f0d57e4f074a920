"""Parameters of the materials dispersed in a Mo6S8 network (hybrid AEA cathodes).

Each function returns the "Dispersed material ..." entries of a parameter set. Sources are
given per value; the paper is Li et al., Adv. Mater. 2021, 33, 2008723.
"""
import functools

import pybamm

from . import paper_cell


def arrhenius_rate_constant(T, kappa_ref):
    """kappa(T) [s-1] with an assumed 30 kJ/mol activation energy, ``kappa_ref`` at 70 C."""
    return kappa_ref * pybamm.exp(-30e3 / paper_cell.R * (1 / T - 1 / 343.15))


def _rate_constant(kappa_ref):
    """kappa(T) [s-1] of :func:`arrhenius_rate_constant` (a picklable partial)."""
    return functools.partial(arrhenius_rate_constant, kappa_ref=kappa_ref)


def sulfur(mass_fraction=0.325, accessible_fraction=1290 / 1675):
    """S8 -> Li2S, one solid-solid conversion step (no polysulfide shuttle in a solid cell).

    - OCP: one MSMR-type plateau, U0 = 2.10 V vs Li, the solid-state S/Li2S reaction (one
      solid-solid step at 2.1-2.2 V vs Li in sulfide-electrolyte cells, physics notes; the lower
      end of that range lets the Mo6S8 host oxidise Li2S below its 2.45 V ionic switch, as the
      paper's reversible S-LMS requires), ideality w = 0.3 (fit: a gently sloping plateau).
    - 1675 mAh/g of S8 and 1.96 g/cm3 (paper); Li2S 1.66 g/cm3 (paper); mass ratio of
      8 Li2S : S8 = 368 : 256 (paper's molar masses).
    - accessible fraction 1290/1675 (fit: the paper's S delivers 1290 mAh/g of S).
    - kinetics (fit): rate constant 4e-7 s-1 and lithiation transfer coefficient 0.25, fitted so
      that at 0.1C the electrode's mean discharge voltage is near the paper's 1.87 V
      (905.5 Wh/kg / 483.8 mAh/g) while the charge stays below the 2.45 V ionic switch: the
      insulating S/Li2S couple polarises about 0.15 V on discharge and 0.05 V on charge (model:
      482.6 mAh/g and 888 Wh/kg of electrode on the second discharge, paper 483.8 and 905.5).
    """
    return {
        "Dispersed material mass fraction": mass_fraction,
        "Dispersed material density [kg.m-3]": 1960.0,
        "Lithiated dispersed material density [kg.m-3]": 1660.0,
        "Dispersed material lithiation mass ratio": 368.0 / 256.0,
        "Dispersed material specific capacity [A.h.kg-1]": 1675.0,
        "Dispersed material accessible fraction": accessible_fraction,
        "Dispersed material standard potential [V]": 2.10,
        "Dispersed material ideality factor": 0.3,
        "Dispersed material lithiation transfer coefficient": 0.25,
        "Dispersed material reaction rate constant [s-1]": _rate_constant(4e-7),
        "Initial dispersed material lithiation": 0.0,
    }


def lithium_titanate(mass_fraction=0.40):
    """Li4Ti5O12 -> Li7Ti5O12, two-phase at 1.55 V vs Li.

    - OCP: 1.55 V plateau (Ohzuku et al., J. Electrochem. Soc. 142, 1431, 1995), MSMR ideality
      w = 0.3 (flat: +-20 mV between 10 and 90 % lithiation).
    - 175 mAh/g (3 Li per Li4Ti5O12, 459.1 g/mol; physics notes); densities 3.48 g/cm3
      (Li4Ti5O12, ICSD spinel) and 3.50 g/cm3 for Li7Ti5O12 (zero-strain, Ohzuku 1995);
      mass ratio (459.1 + 3 x 6.94) / 459.1.
    - fully accessible: the paper's 130 mAh/g of LTO-LMS needs all of it
      ((130 - 0.4 x 175) / 0.6 = 100 mAh/g from Mo6S8, physics notes).
    - exchange rate constant 1e-5 s-1, transfer coefficient 1/2 (assumption: fast enough not
      to limit 0.1C; the paper gives no rate data for LTO-LMS).
    """
    return {
        "Dispersed material mass fraction": mass_fraction,
        "Dispersed material density [kg.m-3]": 3480.0,
        "Lithiated dispersed material density [kg.m-3]": 3500.0,
        "Dispersed material lithiation mass ratio": (459.1 + 3 * 6.94) / 459.1,
        "Dispersed material specific capacity [A.h.kg-1]": 175.0,
        "Dispersed material accessible fraction": 1.0,
        "Dispersed material standard potential [V]": 1.55,
        "Dispersed material ideality factor": 0.3,
        "Dispersed material lithiation transfer coefficient": 0.5,
        "Dispersed material reaction rate constant [s-1]": _rate_constant(1e-5),
        "Initial dispersed material lithiation": 0.0,
    }


def none():
    """No dispersed material: S8 properties at mass fraction 0 and no exchange (no part to play)."""
    values = sulfur(mass_fraction=0.0)
    values["Dispersed material reaction rate constant [s-1]"] = 0.0
    return values
