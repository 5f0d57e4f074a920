"""Parameters of the paper's hybrid LTO-LMS AEA cathode: 40 wt% Li4Ti5O12 in Mo6S8.

Li et al., Adv. Mater. 2021, 33, 2008723: Li4Ti5O12 and Mo6S8 ball-milled 40 : 60 wt%; cut-offs
1-3 V, 70 C; ESC 130 mAh/g of electrode. The paper gives neither the loading nor the porosity of
this electrode: the standard 1.5 mg/cm2 and the Mo6S8 compact's 11 % at 360 MPa are used
(assumptions).
"""
from pybamm_aea import citations
from pybamm_aea.energy.paper import LTO_LMS_COMPOSITION

from . import Li2021_Mo6S8, dispersed_materials, paper_cell


def get_parameter_values():
    """Parameter values of the paper's LTO-LMS cell (Li metal anode, 70 C)."""
    values = Li2021_Mo6S8.get_parameter_values()
    values.update(dispersed_materials.lithium_titanate(mass_fraction=LTO_LMS_COMPOSITION["Li4Ti5O12"]))
    loading = paper_cell.STANDARD_LOADING  # assumption: the standard 1.5 mg/cm2 (module docstring)
    area = paper_cell.AREA_M2
    q_theory = (LTO_LMS_COMPOSITION["Li4Ti5O12"] * values["Dispersed material specific capacity [A.h.kg-1]"]
                + LTO_LMS_COMPOSITION["Mo6S8"] * Li2021_Mo6S8.theoretical_capacity())  # A.h/kg
    values.update(
        {
            "Cathode loading [kg.m-2]": loading,
            "Cathode porosity": 0.11,
            **paper_cell.MEASURED_AT_70C,  # (not at the LMS cell's room temperature)
            "Lower voltage cut-off [V]": 1.0,
            "Upper voltage cut-off [V]": 3.0,
            "Nominal cell capacity [A.h]": q_theory * loading * area,
            "Current function [A]": 0.1 * q_theory * loading * area,
        }
    )
    # Li4Ti5O12's 1.55 V plateau and 175 mAh/g (Julien & Mauger 2024's abstract) and its a = 8.36 A (the literature
    # value Teshima et al. 2011 quote; Li7Ti5O12's 8.353 A is assumed: no public record found, session 46's audit);
    # Li transport in lithiated Li4+xTi5O12 and the range its shell's diffusivity is taken in, against the ultraslow
    # Li of non-intercalated Li4Ti5O12 (dispersed_materials); the dispersed material's shrinking core (as in
    # Srinivasan & Newman); Ohzuku et al. 1995, listed as the work the plateau and lattice were once attributed to
    # (its text not checked; the records say so), the source of no value
    values["citations"] = [*values["citations"], citations.JULIEN2024, citations.TESHIMA2011, citations.WAGEMAKER2009,
                           citations.WILKENING2007, citations.SRINIVASAN2004, citations.OHZUKU1995]
    return values
