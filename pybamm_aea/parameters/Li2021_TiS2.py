"""Parameters of the paper's LixTiS2 (LTS) AEA cathode cell.

Li et al., Adv. Mater. 2021, 33, 2008723: 100 % TiS2 cathode, 1.5 mg/cm2 on 0.785 cm2, 11 %
porosity (Table S9), | LGPS | Li3PS4 | Li, 1-3 V, 70 C. TiS2 is a solid-solution host
(0 <= x <= 1 in LixTiS2) without an ionically blocking phase.
"""
import pybamm

from pybamm_aea.constants import arrhenius
from pybamm_aea.data import load_paper_table
from pybamm_aea.energy.materials import get_material

from pybamm_aea import thermodynamics
from pybamm_aea import citations

from . import Li2021_Mo6S8, dispersed_materials, paper_cell

#: TiS2 molar mass [kg/mol]: 47.867 + 2 x 32.06 g/mol, IUPAC standard atomic weights (the energy model's record of it)
M_TIS2 = get_material("TiS2").molar_mass / 1e3
#: TiS2 density [kg/m3]: the energy model's record of it (3.22 g/cm3; its source names the CRC Handbook)
RHO_TIS2 = get_material("TiS2").density * 1e3
X_MAX = 1.0
#: activation energy of Li hops between sites in LixTiS2 [J.mol-1], 0.41 eV: measured on hexagonal Li0.7TiS2 by 7Li
#: spin-alignment echo NMR and spin-lattice relaxation, one Arrhenius law of the jump rates from 148 to 510 K (so
#: over the model's 25-70 C), 0.41(1) eV, prefactor 6.3e12 s-1 (Wilkening & Heitjans, Phys. Rev. B 77, 024311, 2008,
#: abstract). Read by the diffusivity and by the trapping rate, whose traps are reached by the same hops. The same
#: group's SAE NMR on LixTiS2 at x ~ 1 gave 0.26(1) eV between 185 and 293 K (Wilkening & Heitjans, Defect Diffus.
#: Forum, 1182-1187, 2005, abstract), which it calls similar to relaxation results at higher temperatures: the
#: composition dependence (0.26-0.41 eV) is not modelled, a range on figures away from 70 C (docs/known_limits.rst).
#: Until session 43 this was an assumption, 30 kJ/mol (0.31 eV), the value assumed for Mo6S8
#: (:data:`pybamm_aea.parameters.Li2021_Mo6S8.E_A_LI_HOPS`)
E_A_LI_HOPS = 0.41 * paper_cell.F
#: the works of the host's own properties (its structure, OCP form and range, the Li hops' activation energy and its
#: spread), cited by this set and by the TiS2 material record (:data:`pybamm_aea.materials.paper_hosts.TIS2`):
#: Chianelli et al. 1975 for the TiS2 structure only (no value is taken from it; the density is the CRC Handbook's),
#: Thompson 1978 for LixTiS2's measured voltage (the OCP's form is assumed: :func:`tis2_ocp`)
HOST_CITATIONS = (citations.CHIANELLI1975, citations.THOMPSON1978, citations.WHITTINGHAM2004, citations.WILKENING2008,
                  citations.WILKENING2005)


def tis2_diffusivity(x, T):
    """Chemical diffusivity of Li in LixTiS2 [m2.s-1], vacancy limited.

    The paper (Table S5) gives 5e-10 to 8e-9 cm2/s and explains the fading of LTS by the
    dependence of D on the vacancy concentration (1 - x). D falls linearly from the upper bound
    (empty host) to the lower bound (full host), both read from ``tableS5_li_diffusion.csv``.
    Arrhenius with :data:`E_A_LI_HOPS` (0.41 eV, Wilkening & Heitjans 2008) about 70 C.
    """
    row = load_paper_table("tableS5_li_diffusion").set_index("material").loc["TiS2"]
    D_low = float(row["D_lower_cm2_per_s"]) * 1e-4
    D_high = float(row["D_upper_cm2_per_s"]) * 1e-4
    return (D_high * (1 - x) + D_low * x) * arrhenius(T, E_A_LI_HOPS, paper_cell.T_REF)


def tis2_ocp(x, T):
    """OCP of LixTiS2 [V vs Li/Li+]: a lattice gas with a mean-field interaction.

    U = U_mid - s (x - 1/2) + (R T / F) ln((1 - x)/x): the form is assumed, because the place in Thompson's
    LixTiS2 study (Phys. Rev. Lett. 40, 1511, 1978) it was attributed to as his fit could not be checked (no public
    copy or abstract found in session 46; a public thesis abstract, UBC 1.0085282, says only that LixTiS2's measured
    voltage agrees with Thompson's). U_mid = 2.07 V is the paper's average voltage of TiS2
    (Table S9, read from the CSV); s = 0.5 V spreads the curve over the 2.5 -> 1.9 V range of
    LixTiS2 (Whittingham, Chem. Rev. 104, 4271, 2004). The same curve serves charge and
    discharge: the paper's TiS2 profile is a smooth slope without a hysteresis loop. The
    term 1e-4 V (1/x - 1/(1 - x)) only steepens the two ends (as for Mo6S8), so the cut-offs
    are reached before the host is exactly empty or full.
    """
    table = load_paper_table("tableS9_electrode_energy").set_index("material")
    U_mid = float(table.loc["TiS2", "average_voltage_V"])
    return (
        U_mid
        - 0.5 * (x - 0.5)
        + paper_cell.R * T / paper_cell.F * pybamm.log((1 - x) / x)
        + 1e-4 * (1 / x - 1 / (1 - x))
    )


#: the Li content its lattice gas is full at, the pole of ln((1 - x) / x) (the multi-phase host refuses another
#: "Cathode maximum Li content": :func:`pybamm_aea.models.checks.check_maximum_content`)
tis2_ocp.x_max = X_MAX


def tis2_log_mobility(x, T):
    """ln of the Li mobility in LixTiS2 per formula unit, B in [m2.V-1.s-1] (multi-phase option).

    The lattice gas of :func:`tis2_ocp` has one phase: its mean-field term -0.5 V (x - 1/2) is a
    repulsion (U falls monotonically, dU/dx = -0.5 - kT / (x (1 - x)) < 0, no miscibility
    gap). ``B = D / |dU/dx|`` makes its chemical diffusivity exactly the vacancy-limited
    :func:`tis2_diffusivity` (the paper's Table S5 range); the mobility itself vanishes as x (1 - x) at the ends (site
    blocking of a lattice gas) while the thermodynamic factor diverges.
    """
    kT = paper_cell.R * T / paper_cell.F
    slope = 0.5 + kT / (x * (1 - x)) + 1e-4 * (1 / x**2 + 1 / (1 - x) ** 2)
    return pybamm.log(tis2_diffusivity(x, T)) - pybamm.log(slope)


def tis2_exchange_current_density(x_s, T):
    """Cathode exchange-current density [A.m-2]: assumption, as for Mo6S8, 15 A/m2 at half
    lithiation, 70 C (:func:`paper_cell.cathode_exchange_current_density`).

    Not clamped beyond x_max (``past_x_max=False``, as the material API's TiS2 record): LixTiS2 is a lattice gas
    that holds no Li beyond x = 1 (its OCP's logarithm has its pole there), so theta (1 - theta) < 0 is no state of
    it; the set flags it full at x = 1 (``"Cathode host full at maximum Li content"`` 1) and the multi-phase host's
    content events end a solve there, before j0 turns NaN at theta = 1.0001.
    """
    return paper_cell.cathode_exchange_current_density(X_MAX, 15.0, past_x_max=False)(x_s, T)


def tis2_conductivity(eps, T):
    """Electronic conductivity of the TiS2 compact [S.m-1] (Table S4 fit, paper_cell)."""
    return paper_cell.conductivity_vs_porosity("TiS2")(eps, T)


def get_parameter_values():
    """Parameter values of the paper's TiS2 AEA cell (Li metal anode, 70 C)."""
    loading = paper_cell.STANDARD_LOADING  # 1.5 mg/cm2 (paper, Experimental) in kg/m2
    area = paper_cell.AREA_M2
    q_theory = paper_cell.F * X_MAX / M_TIS2 / 3600  # theoretical capacity [A.h/kg]
    values = paper_cell.cell_parameters()
    values.update(
        {
            "Cathode loading [kg.m-2]": loading,
            "Cathode porosity": 0.11,  # Table S9, TiS2 row
            "Cathode host density [kg.m-3]": RHO_TIS2,
            "Cathode host molar mass [kg.mol-1]": M_TIS2,
            "Cathode maximum Li content": X_MAX,
            # LiTiS2 3.09 g/cm3 (paper, Table S9 "TiS2" discharged-state density)
            "Lithiated cathode host density [kg.m-3]": get_material("LiTiS2").density * 1e3,
            # pressed as Li-free TiS2 (paper), the basis of the loading
            "Cathode host Li content as made": 0.0,
            # pristine TiS2 as assembled (paper: 213 mAh/g first discharge from TiS2); 1e-3
            # because the OCP of a Li-free host is singular at exactly zero Li
            "Initial cathode Li content": 1e-3,
            "Cathode Bruggeman coefficient": 1.5,  # Bruggeman (1935), solid network
            "Cathode Li diffusivity [m2.s-1]": tis2_diffusivity,
            "Cathode lithiation OCP [V]": tis2_ocp,
            "Cathode delithiation OCP [V]": tis2_ocp,
            "Cathode hysteresis decay rate": paper_cell.HYSTERESIS_DECAY_RATE,
            "Initial cathode hysteresis state": 1.0,
            # assumption, as for Mo6S8: 15 A/m2 at half lithiation, 70 C
            "Cathode exchange-current density [A.m-2]": tis2_exchange_current_density,
            "Cathode electronic conductivity [S.m-1]": tis2_conductivity,
            # multi-phase option: the same lattice gas as its free energy, one phase (:func:`tis2_ocp`)
            "Cathode homogeneous OCP [V]": tis2_ocp,
            "Cathode Li log-mobility": tis2_log_mobility,
            # one phase, no interface: no gradient energy (0 by definition)
            "Cathode gradient energy coefficient [V.m2]": 0.0,
            # a lattice gas full at LiTiS2 (by definition: its OCP's logarithm has its pole at x = 1): the multi-phase
            # host's content events end a solve there (host_phase_field), as for every material's set
            "Cathode host full at maximum Li content": 1.0,
            # not used: no ionically blocking phase in LixTiS2, the film never forms
            "Li0 film onset Li content": -1.0,
            "Li0 film Li diffusivity [m2.s-1]": Li2021_Mo6S8.D_LI0_FILM_REF,  # no film forms: no effect
            "Initial Li0 film thickness [m]": 0.0,
            # cycle life (option "Li trapping": "irreversible"), the paper's explanation of the
            # LTS fade. Each fraction multiplies the free share of the host's Li, 1 - x_trap / x
            # (degradation.HostLiTrapping). The fast part saturates at 0.1 Li, the paper's "Li0.1TiS2"
            # whose 25 mAh/g "roughly correlates" with the first-to-second discharge gap. Fit: its
            # fraction is fitted to that gap, which rises with it to the limit the 0.1 Li sets
            # (multi-phase host, 3 cycles: 19.0 mAh/g at 0.165, 23.3 at 0.4, 23.9 at 0.6, 24.1 at 0.9,
            # 24.2 at 1.0); 0.9 is within 0.1 mAh/g of that limit: on the paper's reading the first
            # Li inserted into pristine TiS2 fills the traps. The slow part has only a one-sided
            # basis: LTS fades faster than LMS (the paper's Fig. 2e is not tabulated); 0.0064 gives
            # 82.7 % after 50 cycles vs the 2nd (LMS 88.1 %)
            "Initial Li trapping fraction": 0.9,
            "Saturated initially trapped Li content": 0.1,
            "Li trapping fraction": 0.0064,
            # no measurement of the trapping rate's temperature dependence at hand: the activation energy of the
            # set's Li hops in LixTiS2 (E_A_LI_HOPS, 0.41 eV measured by NMR), since a trap is reached by the same
            # hops of Li between sites; at the reference 343.15 K (70 C, the paper's cells, where the fractions
            # above are fitted) the factor is 1. At 25 C it is 0.12 (0.20 with the 30 kJ/mol assumed until session 43)
            "Li trapping activation energy [J.mol-1]": E_A_LI_HOPS,
            "Lower voltage cut-off [V]": 1.0,
            "Upper voltage cut-off [V]": 3.0,
            "Nominal cell capacity [A.h]": q_theory * loading * area,
            "Current function [A]": 0.1 * q_theory * loading * area,
        }
    )
    # one phase: no Li0 layer on the multi-phase host either
    values.update(thermodynamics.li0_phase_parameters(None))
    values.update(dispersed_materials.none())
    values["citations"] = [*values["citations"], *HOST_CITATIONS, citations.BRUGGEMAN1935]  # (+ Bruggeman exponent)
    return values
