"""The conventional composite all-solid-state sulfur cathode S-C-LGPS as a PyBaMM DFN half cell.

Li et al., Adv. Mater. 2021, 33, 2008723 compare their dense hybrid S-LMS AEA cathode (32.5 wt% S8 in a
Mo6S8 network) with "a typical S-C/LGPS cathode": 32.5 wt% S, 17.5 wt% carbon, 50 wt% Li10GeP2S12 (main
text, Figure 4d,e and Table S8, whose porosity at 360 MPa is 16.7 %). The paper gives that electrode's porosity
and theoretical Wh/L, not a cell. This module builds it as PyBaMM's own Doyle-Fuller-Newman model,
``pybamm.lithium_ion.DFN({"working electrode": "positive", ...})`` (a half cell against Li metal), in the paper's
lab cell (0.785 cm2 die, LGPS + Li3PS4 separator pellet, Li foil, 70 C), so that it runs in the same
``pybamm.Experiment`` as the S-LMS AEA cell (``pybamm.ParameterValues("Li2021_S_Mo6S8")``)::

    import pybamm
    from pybamm_aea import conventional

    experiment = pybamm.Experiment([("Discharge at 0.1C until 1 V", "Charge at 0.1C until 3 V")] * 3)
    sol = conventional.s_c_lgps_simulation(experiment).solve()   # DFN + parameter values
    step = sol.cycles[-1].steps[0]                               # the third discharge
    Q_mAh = (step["Discharge capacity [A.h]"].entries - step["Discharge capacity [A.h]"].entries[0]) * 1e3
    practical = conventional.s_c_lgps_electrode().from_curve(
        Q_mAh, step["Voltage [V]"].entries, conventional.electrode_mass_g())
    practical.charged.specific_capacity   # ESC, mAh per g of the whole electrode (419)
    practical.charged.volumetric          # Wh/L of electrode (1250); .discharged: the Li2S basis

A worked comparison with S-LMS: ``examples/fig5_s_lms_vs_s_c_lgps.py``.

How the composite maps onto the DFN (the DFN's "electrolyte" is the LGPS):

=======================================  ===============================================================
DFN quantity                             S-C-LGPS composite
=======================================  ===============================================================
positive electrode porosity              LGPS volume fraction of the electrode (the ionic conductor)
active material volume fraction          volume fraction of the *accessible* S8 (see below)
inert rest (1 - the two above)           carbon + inaccessible S8 + the 16.7 % empty pores (Table S8)
electrolyte                              LGPS, a single-ion conductor: transference number 1, so no
                                         concentration gradient forms; Arrhenius conductivity
positive electrode conductivity          carbon network, Table S4 Super P percolation fit
separator                                the LGPS | Li3PS4 pellet as one equivalent LGPS layer
negative electrode                       Li foil, the same Li | Li3PS4 kinetics as the AEA sets
=======================================  ===============================================================

Volume fractions come from :func:`s_c_lgps_electrode` (a :class:`pybamm_aea.energy.Electrode`), so the DFN and
the electrode-level energy bookkeeping (ESC per gram of the *whole* electrode, Wh/kg, Wh/L) share one make-up.

Sulfur is the S-LMS set's sulfur (:func:`pybamm_aea.parameters.dispersed_materials.sulfur`, imported, not
copied): the same OCP function (one MSMR-type plateau, U0 = 2.10 V, w = 0.3), the same 1675 mAh/g and 1.96
g/cm3, the same accessible fraction 1290/1675 (the paper's sulfur utilisation in S-LMS; the rest of the sulfur
is dead weight in both electrodes, so the comparison does not credit either electrode with a better sulfur) and
the same interface kinetics per unit area of sulfur (:func:`sulfur_exchange_current_density`). What differs is
where the sulfur sits: in S-LMS, 10-30 nm domains inside a mixed-conducting host that adds its own capacity; here
particles of radius ``particle_radius_m`` that reach Li through LGPS and electrons through carbon, neither of
which stores charge.
"""
import warnings

import pybamm

from pybamm_aea import citations
from pybamm_aea.constants import F, R, arrhenius
from pybamm_aea.energy import Electrode, get_material
from pybamm_aea.energy import paper as _paper
from pybamm_aea.energy import porosity as _table_porosity
from pybamm_aea.energy._common import ExtrapolationWarning
from pybamm_aea.energy.conductivity import electronic_conductivity
from pybamm_aea.parameters import Li2021_S_Mo6S8, dispersed_materials, paper_cell
from pybamm_aea.ranges import POSITIVE, UTILISATION, check_loading_mg_cm2
from pybamm_aea.user_input import real_number
from pybamm_aea.readout import ENERGY_OPTIONS

__all__ = [
    "COMPOSITION",
    "MODEL_OPTIONS",
    "DEFAULT_PARTICLE_RADIUS",
    "DEFAULT_SULFUR_DIFFUSIVITY",
    "LGPS_DIFFUSIVITY",
    "SULFUR_DIFFUSIVITY_PARAMETER",
    "SULFUR_DOMAIN_RADIUS_SLMS",
    "carbon_network_conductivity",
    "default_loading_mg_cm2",
    "half_cell_parameter_values",
    "electrode_mass_g",
    "lgps_conductivity",
    "s_c_lgps_electrode",
    "s_c_lgps_model",
    "s_c_lgps_parameter_values",
    "s_c_lgps_simulation",
    "separator_equivalent",
    "separator_transport_efficiency",
    "sulfur_diffusivity",
    "sulfur_exchange_current_density",
    "sulfur_ocp",
    "sulfur_ocp_entropic_change",
]


#: Solid composition of the paper's S-C-LGPS electrode, mass fractions (main text, Table S8), with the densities
#: the paper used for it: S8 1.96, carbon 2.26, sulfide SE 1.92 g/cm3 (SI calculation model and the note under
#: Table S9; crystalline LGPS is 2.04). Those densities are the basis of the paper's 16.7 % porosity (porosity =
#: 1 - measured density / solid density), so they must go with it. Same dict as
#: :data:`pybamm_aea.energy.paper.SCLGPS_COMPOSITION`.
COMPOSITION = dict(_paper.SCLGPS_COMPOSITION)

#: Radius of the sulfur domains of the paper's S-LMS [m]: 10-30 nm domains (TEM, Figure 4a), radius 10 nm taken
#: (the middle of 5-15 nm). It turns the S-LMS set's lumped rate constant [s-1] into a current per unit area of
#: sulfur (:func:`sulfur_exchange_current_density`).
SULFUR_DOMAIN_RADIUS_SLMS = 10e-9

#: Default sulfur particle radius of the S-C-LGPS composite [m] (assumption; see :func:`s_c_lgps_parameter_values`).
DEFAULT_PARTICLE_RADIUS = 0.1e-6

#: Default Li diffusivity in the sulfur particles at 70 C [m2.s-1] (assumption; see
#: :func:`s_c_lgps_parameter_values`).
DEFAULT_SULFUR_DIFFUSIVITY = 1e-16

#: Li diffusivity in LGPS [m2.s-1], 8.8e-8 to 9.0e-8 cm2/s (the paper's Table S5): the DFN's "electrolyte
#: diffusivity". With a transference number of 1 it multiplies a concentration gradient that never forms.
LGPS_DIFFUSIVITY = 8.9e-12
#: the fraction of the dispersed sulfur that takes part, (0, 1]: none taking part is no cathode. A share as a screen's
#: utilisation is, the one range (80 typed for 80 % said so; 1.2, a reading of 1.2 %, is no such slip)
_ACCESSIBLE_FRACTION = UTILISATION

#: Initial lithiation of the accessible sulfur (S8 as made; the AEA set starts at 0). 1e-4 puts the OCP's
#: logarithm at a finite 2.18 V; it costs 0.01 % of the first discharge.
INITIAL_LITHIATION = 1e-4

#: Double-layer capacity of the sulfur | LGPS interface [F.m-2]: 2 uF/cm2, assumption (the order of the
#: interfacial capacitances of solid-electrolyte interfaces, 1-10 uF/cm2). Needed only by the solver
#: (:data:`MODEL_OPTIONS`); it stores <= 0.1 % of the capacity over 1-3 V even with 10 nm particles.
DOUBLE_LAYER_CAPACITY = 0.02

#: Floor of the lithiation inside the exchange-current prefactor (numerical: j0 stays > 0 where a step ends, so
#: the solver can reverse the current; the OCP's divergence, not j0, ends a step, so capacities move < 0.1 %).
Z_FLOOR = 1e-3


def _sulfur():
    """The S-LMS set's sulfur entries: the one source of U0, w, capacity, density, kinetics, accessibility."""
    return dispersed_materials.sulfur()


# ----------------------------------------------------------------------------------------------- make-up
def s_c_lgps_electrode(pressure_MPa=360.0, name="S-C-LGPS"):
    """The S-C-LGPS electrode for energy bookkeeping: 32.5 % S8, 17.5 % C, 50 % LGPS by mass, empty pores.

    Parameters
    ----------
    pressure_MPa : float
        Stack pressure of the electrode; porosity from Table S8 via ``pybamm_aea.energy.porosity("S-C-LGPS",
        pressure_MPa)`` (16.7 % at 360 MPa, the pressure the paper's cathodes are pressed at).

    Returns
    -------
    pybamm_aea.energy.Electrode
        ``.from_curve(capacity_mAh, voltage_V, mass_g)`` gives the practical ESC (mAh per g of the whole
        electrode), Wh/kg and Wh/L on the charged and the discharged (S8 -> Li2S) basis; ``.volume_fractions``
        the make-up the DFN uses. Densities as the paper's (:data:`COMPOSITION`): 1.654 g/cm3 at 360 MPa.
    """
    phi = float(_table_porosity("S-C-LGPS", pressure_MPa))
    return Electrode(COMPOSITION, phi, name=name)


def default_loading_mg_cm2():
    """Areal mass of electrode [mg/cm2] carrying the S-LMS cell's sulfur per cm2 at 32.5 wt% S.

    S-LMS: 1.3 mg of electrode at 32.5 wt% S8 on 0.785 cm2 (paper; :mod:`pybamm_aea.parameters.Li2021_S_Mo6S8`)
    = 0.538 mg S/cm2; at the same 32.5 wt% S the S-C-LGPS electrode then has the same mass, 1.656 mg/cm2.
    """
    w_S = _sulfur()["Dispersed material mass fraction"]
    sulfur_kg_m2 = w_S * Li2021_S_Mo6S8.ELECTRODE_MASS / Li2021_S_Mo6S8.AREA
    return sulfur_kg_m2 / COMPOSITION["S8"] * 1e2  # kg/m2 -> mg/cm2


def _loading(loading_mg_cm2):
    if loading_mg_cm2 is None:
        return default_loading_mg_cm2()
    return check_loading_mg_cm2("loading_mg_cm2", loading_mg_cm2)  # (the range's open lower end: > 0)


def electrode_mass_g(loading_mg_cm2=None):
    """Mass [g] of the S-C-LGPS electrode on the paper's 0.785 cm2 die (default: :func:`default_loading_mg_cm2`)."""
    return _loading(loading_mg_cm2) * Li2021_S_Mo6S8.AREA * 1e4 * 1e-3


# ----------------------------------------------------------------------------------------------- sulfur
#: Parameter of the set holding the Li diffusivity in the sulfur particles at 70 C (:func:`sulfur_diffusivity`)
SULFUR_DIFFUSIVITY_PARAMETER = "Sulfur diffusivity at 70 C [m2.s-1]"


def _ideal_log_term(sto):
    """w (R / F) ln((1 - z) / z) [V.K-1] of the S-LMS set's sulfur (w its ideality factor)."""
    return _sulfur()["Dispersed material ideality factor"] * R / F * pybamm.log((1 - sto) / sto)


def sulfur_ocp(sto):
    """U(sto) [V vs Li/Li+] of the sulfur particles at the set's "Reference temperature [K]": the S-LMS set's
    S/Li2S OCP.

    U = U0 + w (R T_ref / F) ln((1 - z) / z), the MSMR-type plateau of
    :mod:`pybamm_aea.models.submodels.dispersed_material` (U0 = 2.10 V, w = 0.3, read from
    :func:`pybamm_aea.parameters.dispersed_materials.sulfur`), with z = the DFN's stoichiometry c_s / c_max
    of the accessible sulfur (the AEA set's z is also the lithiation of the accessible sulfur). PyBaMM evaluates
    the OCP at its reference temperature and adds (T - T_ref) dU/dT (:func:`sulfur_ocp_entropic_change`),
    which for this form is exact. PyBaMM clips sto to [1e-10, 1 - 1e-10] and adds its OCP asymptotes.
    """
    U0 = _sulfur()["Dispersed material standard potential [V]"]
    return U0 + pybamm.Parameter("Reference temperature [K]") * _ideal_log_term(sto)


def sulfur_ocp_entropic_change(sto):
    """dU/dT(sto) [V.K-1] = w (R / F) ln((1 - z) / z) of :func:`sulfur_ocp` (U0 taken as T-independent)."""
    return _ideal_log_term(sto)


def sulfur_exchange_current_density(c_e, c_s_surf, c_s_max, T):
    """j0(c_e, c_s_surf, c_s_max, T) [A.m-2] of the S/Li2S reaction per unit area of sulfur.

    The S-LMS set gives the sulfur kinetics per volume of (accessible) sulfur, lumping the unknown area of its
    domains into a rate constant kappa [s-1] (:mod:`pybamm_aea.models.submodels.dispersed_material`):

        dz/dt = kappa (1 - z)^(1 - beta) z^beta [exp(-beta F eta / (w R T)) - exp((1 - beta) F eta / (w R T))],

    eta = electrode potential - sulfur OCP, beta = 0.25, w = 0.3, kappa = 4e-7 s-1 at 70 C with 30 kJ/mol
    (fits of that set, imported). PyBaMM's Butler-Volmer has one electron and exponents summing to one, so it
    cannot take the 1/w-scaled exponents; the DFN uses its symmetric Butler-Volmer law with the exchange current
    that gives the *same linear charge-transfer conductance per unit area of sulfur*:

        j0 = F c_max kappa(T) r_D / (3 w) (1 - z)^(1 - beta) z^beta,

    3 / r_D being the surface per volume of the S-LMS sulfur domains (r_D = :data:`SULFUR_DOMAIN_RADIUS_SLMS`,
    10 nm: 10-30 nm domains, paper Figure 4a). Assumption (stated): the S | LGPS (+ carbon) interface of the
    composite reacts per unit area as the S | Mo6S8 interface of S-LMS. A composite with larger particles has
    less sulfur area per volume (3 / R), so the same interface gives a slower electrode. Check of the
    translation: with R = r_D the DFN's sulfur discharges at 0.1C, 70 C with a mean voltage of 1.840 V, the
    S-LMS model's electrode 1.84 V. z is floored at :data:`Z_FLOOR` in the prefactor (numerical, see there).
    """
    s = _sulfur()
    w = s["Dispersed material ideality factor"]
    beta = s["Dispersed material lithiation transfer coefficient"]
    kappa = s["Dispersed material reaction rate constant [s-1]"]
    z = pybamm.minimum(pybamm.maximum(c_s_surf / c_s_max, Z_FLOOR), 1 - Z_FLOOR)
    return F * c_s_max * kappa(T) * SULFUR_DOMAIN_RADIUS_SLMS / (3 * w) * (1 - z) ** (1 - beta) * z**beta


def sulfur_diffusivity(sto, T):
    """D(sto, T) [m2.s-1]: the set's :data:`SULFUR_DIFFUSIVITY_PARAMETER` at 70 C, Arrhenius with
    :data:`pybamm_aea.parameters.dispersed_materials.E_A_LI2S`, the activation energy of Li transport through Li2S
    (assumed): Li crosses the conversion solid through its Li2S (S8 takes up no Li), the process the S-LMS set's
    product layer describes, so both models read the one value."""
    D_ref = pybamm.Parameter(SULFUR_DIFFUSIVITY_PARAMETER)
    return D_ref * arrhenius(T, dispersed_materials.E_A_LI2S, paper_cell.T_REF)


# ----------------------------------------------------------------------------------------------- transport
def lgps_conductivity(c_e, T):
    """Ionic conductivity of LGPS [S.m-1] as the DFN's electrolyte conductivity (independent of c_e).

    12 mS/cm at 27 C, Ea 24 kJ/mol (Kamaya et al., Nat. Mater. 10, 682, 2011): the function
    :func:`pybamm_aea.parameters.paper_cell.lgps_conductivity` of the AEA sets (40 mS/cm at 70 C). LGPS is a
    single-ion conductor: its Li concentration is set by the lattice, not by a salt, hence no c_e dependence.
    """
    return paper_cell.lgps_conductivity(T)


def carbon_network_conductivity(carbon_volume_fraction):
    """Effective electronic conductivity [S.m-1] of the composite's carbon network.

    The Table S4 Super P fit (``pybamm_aea.energy.electronic_conductivity("SuperP", porosity)``, a percolation
    law sigma0 ((1 - phi - phi_c) / (1 - phi_c))^t with a critical solid fraction phi_c = 0.06) evaluated at the
    carbon's volume fraction in the composite, porosity = 1 - carbon volume fraction: for electrons, S8, LGPS
    and the pores are all insulating "pores" of the carbon network. This scales the carbon conductivity with its
    volume fraction through the fitted law (139 S/m at 12.8 vol%); it extrapolates Table S4 (26-45 vol% carbon),
    so its ExtrapolationWarning is silenced here. The DFN takes it as the effective value (electrode Bruggeman
    exponent 0). Over a 10 um electrode it is never limiting (< 1 uV at 0.1C).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExtrapolationWarning)
        sigma_S_cm = float(electronic_conductivity("SuperP", 1.0 - carbon_volume_fraction))
    return sigma_S_cm * 100.0


def separator_equivalent(T=paper_cell.T_REF):
    """The paper's LGPS | Li3PS4 pellet as one LGPS layer: (thickness [m], transport efficiency).

    Thicknesses from the masses pressed into the 0.785 cm2 die (100 mg LGPS, 50 mg Li3PS4; paper) and the
    densities 2.04 (Kamaya 2011) and 1.87 g/cm3 (Homma 2011): 624 + 341 um, as in the AEA sets
    (:mod:`pybamm_aea.parameters.paper_cell`). The DFN has one separator and one electrolyte conductivity (the
    LGPS's), so the pellet is one layer of the real total thickness L1 + L2 whose transport efficiency B (DFN
    "Separator porosity" B, Bruggeman exponent 1) gives the same series resistance at the cell temperature T:
    (L1 + L2) / (kappa_LGPS B) = L1 / kappa_LGPS + L2 / kappa_Li3PS4 (Li3PS4: 0.164 mS/cm at 25 C, 0.356 eV;
    Liu et al., JACS 135, 975, 2013). The two activation energies differ, so B holds at T only: the parameter
    set's "Separator porosity" is :func:`separator_transport_efficiency`, B at the cell's temperature. At 70 C:
    B = 0.0683, 35 Ohm cm2 in total, as in the AEA sets; at 25 C B = 0.0402, 213 Ohm cm2.
    """
    L1, L2 = _pellet_layers()
    return L1 + L2, float(_transport_efficiency(pybamm.Scalar(T)).evaluate())


def _pellet_layers():
    """Thicknesses [m] of the LGPS and the Li3PS4 layer of the paper's pellet (masses, densities, 0.785 cm2)."""
    side2 = paper_cell.CELL_SIDE_M**2
    return (paper_cell.MASS_LGPS / (paper_cell.RHO_LGPS * side2),
            paper_cell.MASS_LI3PS4 / (paper_cell.RHO_LI3PS4 * side2))


def _transport_efficiency(T):
    """B(T) [-] of :func:`separator_equivalent`, T [K] a number or a PyBaMM expression."""
    L1, L2 = _pellet_layers()
    return (L1 + L2) / (L1 + L2 * paper_cell.lgps_conductivity(T) / paper_cell.li3ps4_conductivity(T))


def separator_transport_efficiency(x, y, z):
    """The DFN's "Separator porosity" [-]: :func:`separator_equivalent`'s B at the cell's ambient temperature
    (PyBaMM's "Ambient temperature [K]" at (y, z, t); the isothermal cell's temperature), so that the equivalent
    LGPS layer keeps the two-layer pellet's resistance at any temperature a user or an experiment step sets (one
    number, B at 70 C, held the Li3PS4 layer at its 70 C share: at 25 C 126 instead of 213 Ohm cm2)."""
    return _transport_efficiency(pybamm.ThermalParameters().T_amb(y, z, pybamm.t))


def _li_metal_exchange_current_density(c_e, c_Li, T):
    """Li | Li3PS4 exchange-current density [A.m-2]: the AEA sets' assumption (10 A/m2 at 70 C, 30 kJ/mol)."""
    return paper_cell.anode_exchange_current_density(T)


def half_cell_parameter_values(temperature_K, lower_V, upper_V, nominal_capacity_Ah):
    """The entries every composite half cell of the paper's lab cell shares, on PyBaMM's "Xu2019" set.

    The paper's 0.785 cm2 die, LGPS as a single-ion DFN electrolyte (:func:`lgps_conductivity`, t+ = 1),
    the LGPS | Li3PS4 pellet as one equivalent layer (:func:`separator_equivalent`), the 80 um Li foil with the
    AEA sets' Li | Li3PS4 kinetics, the double layer :data:`DOUBLE_LAYER_CAPACITY` (solver aid), isothermal at
    ``temperature_K``; cut-offs [V] and nominal capacity [A.h] of the caller's cathode. The caller sets the
    positive electrode (:func:`s_c_lgps_parameter_values`, :func:`pybamm_aea.composite.composite_parameter_values`).
    """
    L_sep = sum(_pellet_layers())
    lgps = get_material("LGPS")
    c_li_lgps = 10 * lgps.density * 1e3 / (lgps.molar_mass * 1e-3)
    values = pybamm.ParameterValues("Xu2019")
    values.update(
        {
            # cell and conditions
            "Electrode width [m]": paper_cell.CELL_SIDE_M,
            "Electrode height [m]": paper_cell.CELL_SIDE_M,
            "Ambient temperature [K]": temperature_K,
            "Initial temperature [K]": temperature_K,
            "Reference temperature [K]": temperature_K,
            "Lower voltage cut-off [V]": lower_V,
            "Upper voltage cut-off [V]": upper_V,
            "Open-circuit voltage at 0% SOC [V]": lower_V,
            "Open-circuit voltage at 100% SOC [V]": upper_V,
            "Nominal cell capacity [A.h]": nominal_capacity_Ah,
            "Current function [A]": 0.1 * nominal_capacity_Ah,
            "Contact resistance [Ohm]": 0.0,
            "Positive electrode double-layer capacity [F.m-2]": DOUBLE_LAYER_CAPACITY,
            # electrolyte: LGPS, single-ion conductor
            "Electrolyte conductivity [S.m-1]": lgps_conductivity,
            "Electrolyte diffusivity [m2.s-1]": LGPS_DIFFUSIVITY,
            "Cation transference number": 1.0,
            "Thermodynamic factor": 1.0,
            "Initial concentration in electrolyte [mol.m-3]": c_li_lgps,
            # separator: the LGPS | Li3PS4 pellet as one equivalent LGPS layer
            "Separator thickness [m]": L_sep,
            "Separator porosity": separator_transport_efficiency,
            "Separator Bruggeman coefficient (electrolyte)": 1.0,
            "Separator Bruggeman coefficient (electrode)": 1.0,
            # Li foil
            "Negative electrode thickness [m]": 80e-6,
            "Exchange-current density for lithium metal electrode [A.m-2]": _li_metal_exchange_current_density,
        }
    )
    return values


# ----------------------------------------------------------------------------------------------- parameter set
def s_c_lgps_parameter_values(
    loading_mg_cm2=None,
    pressure_MPa=360.0,
    temperature_K=paper_cell.T_REF,
    particle_radius_m=DEFAULT_PARTICLE_RADIUS,
    sulfur_diffusivity_m2_s=DEFAULT_SULFUR_DIFFUSIVITY,
    accessible_fraction=None,
    bruggeman=1.5,
    nominal_capacity_Ah=None,
):
    """PyBaMM parameter values of the S-C-LGPS | LGPS | Li3PS4 | Li half cell for PyBaMM's DFN.

    For PyBaMM's DFN half cell, ``pybamm.lithium_ion.DFN({"working electrode": "positive", "surface form":
    "differential"})`` (:func:`s_c_lgps_model`; why the surface form: :data:`MODEL_OPTIONS`). Built on PyBaMM's
    "Xu2019" half-cell set (Li metal counter electrode); every entry that describes this cell is replaced, with
    the sources listed below.

    Parameters
    ----------
    loading_mg_cm2 : float, optional
        Areal mass of the whole electrode [mg/cm2], at most 300 (:data:`pybamm_aea.ranges.CATHODE_LOADING`; a
        ValueError naming it above, with the g/m2 slip). Default: the same areal *sulfur* loading as the S-LMS cell,
        0.538 mg S/cm2, which at the same 32.5 wt% S is the same electrode mass, 1.656 mg/cm2 (1.3 mg;
        :func:`default_loading_mg_cm2`). Choice: equal sulfur per cm2 is equal theoretical sulfur capacity per
        cm2, so the per-gram and per-litre figures compare the electrodes, not the loadings.
    pressure_MPa : float
        Stack pressure; porosity from Table S8 (16.7 % at 360 MPa) via ``pybamm_aea.energy.porosity``.
    temperature_K : float
        Cell temperature (ambient = initial = reference) [K]; 343.15 (70 C, paper).
    particle_radius_m : float
        Sulfur particle radius [m]. Default 0.1 um, an assumption: ball milling smears the soft molecular S8
        over the carbon. A perfect coating of Super P's ~40 nm primary particles (Timcal/Imerys data) at this
        S:C volume ratio (2.1 : 1) would be a ~10 nm layer (sphere-equivalent radius 3 x thickness, ~30 nm); the
        paper's own milling of S8 with Mo6S8 (300 rpm, 12 h) gives 10-30 nm domains (Figure 4a): those are lower
        bounds. Milled S/C/solid-electrolyte composites keep sulfur agglomerates from ~0.1 to ~1 um, and 0.1 um
        is taken as representative. R sets the sulfur area per volume (3 / R) and the diffusion length;
        :mod:`examples.fig5_s_lms_vs_s_c_lgps` also runs 10 nm and 1 um.
    sulfur_diffusivity_m2_s : float
        Li diffusivity in the sulfur particles at 70 C [m2.s-1]. Default 1e-16 (1e-12 cm2/s), an assumption:
        S8 and Li2S are poor Li conductors and no bulk diffusivity of the S8/Li2S conversion solid is
        established; 1e-12 cm2/s lies in the (wide, 1e-13 to 1e-9 cm2/s) range of *apparent* Li diffusivities
        that titration, voltammetry and impedance give for sulfur cathodes: an assumption, not a measurement of
        this electrode. With R = 0.1 um, R^2 / D = 100 s, far shorter than a 10 h step
        (not limiting); at R = 1 um (1e4 s) it starts to cut capacity. Arrhenius with the S-LMS set's
        50 kJ/mol for Li transport through Li2S (:data:`~pybamm_aea.parameters.dispersed_materials.E_A_LI2S`,
        assumption).
    accessible_fraction : float, optional
        Fraction of the sulfur that can react. Default: the S-LMS set's 1290/1675 (the paper's sulfur
        utilisation in S-LMS, "S delivers 1290 mAh/g"), so both electrodes use the same sulfur. With 1.0 the
        composite's transport alone limits it. The inaccessible sulfur stays in the electrode's mass and volume
        (in the DFN it is part of the inert volume).
    bruggeman : float
        Bruggeman exponent of the LGPS in the electrode (transport efficiency eps^b; Bruggeman, Ann. Phys. 416,
        636, 1935); 1.5.
    nominal_capacity_Ah : float, optional
        Capacity that "C" refers to in an experiment. Default: the theoretical sulfur capacity, 0.325 x 1675
        mAh/g x electrode mass (0.708 mAh at the default loading), as the S-LMS set takes its theoretical
        630 mAh/g. "Current function [A]" is 0.1 C of it.

    Returns
    -------
    pybamm.ParameterValues

    Notes
    -----
    Values and sources besides the parameters above:

    - make-up (:func:`s_c_lgps_electrode`): volume fractions S8 0.274 / C 0.128 / LGPS 0.431 / pores 0.167 at
      360 MPa, from the mass fractions and the paper's densities; thickness = loading / electrode density
      (1.654 g/cm3): 10.0 um at the default loading.
    - DFN "Positive electrode porosity" = LGPS volume fraction; "active material volume fraction" = accessible S8
      volume fraction (0.211 by default).
    - "Maximum concentration in positive electrode": rho_S8 x 1675 mAh/g x 3.6 / F = 122 490 mol/m3 (1.96 g/cm3
      and 1675 mAh/g, the paper's): Li per volume of *charged* S8. The DFN does not follow the 80 % swelling to
      Li2S (the AEA set tracks it as a porosity change); the energy bookkeeping takes it through
      ``Electrode.lithiated()`` on the discharged basis.
    - OCP :func:`sulfur_ocp` (+ :func:`sulfur_ocp_entropic_change`); kinetics
      :func:`sulfur_exchange_current_density` (PyBaMM's symmetric Butler-Volmer); initial lithiation
      :data:`INITIAL_LITHIATION`; diffusivity :func:`sulfur_diffusivity`.
    - electrolyte: LGPS, :func:`lgps_conductivity`; "Cation transference number" 1 (single-ion conductor),
      thermodynamic factor 1; "Initial concentration in electrolyte" = Li in LGPS (10 Li per Li10GeP2S12, 2.04
      g/cm3, 588.7 g/mol: 34 650 mol/m3; it enters no rate here); "Electrolyte diffusivity" =
      :data:`LGPS_DIFFUSIVITY` (Table S5; no effect at t+ = 1).
    - electrode conductivity: :func:`carbon_network_conductivity`.
    - separator: :func:`separator_equivalent` (thickness 965 um, effective "porosity" 0.0683 at 70 C), its
      "porosity" :func:`separator_transport_efficiency`, at the cell's temperature (a step's too).
    - double-layer capacity :data:`DOUBLE_LAYER_CAPACITY` (solver aid).
    - Li metal: 80 um foil (paper); Li | Li3PS4 exchange current of the AEA sets (their assumption: 10 A/m2 at
      70 C, 30 kJ/mol); Li metal conductivity as Xu2019.
    - geometry: the paper's 0.785 cm2 die as a square; cut-offs 1-3 V (paper: S-LMS and hybrids).
    """
    s = _sulfur()
    electrode = s_c_lgps_electrode(pressure_MPa)
    vf = electrode.volume_fractions
    loading = _loading(loading_mg_cm2)  # mg/cm2
    mass_g = electrode_mass_g(loading)
    thickness = loading * 1e-3 / electrode.density * 1e-2  # (g/cm2) / (g/cm3) = cm -> m
    f = (s["Dispersed material accessible fraction"] if accessible_fraction is None
         else real_number("accessible_fraction", accessible_fraction))  # (float() read True as 1, "0.5" as 0.5)
    if not _ACCESSIBLE_FRACTION.contains(f):
        raise ValueError(_ACCESSIBLE_FRACTION.refusal("accessible_fraction", f))
    for label, val in (("particle_radius_m", particle_radius_m), ("sulfur_diffusivity_m2_s", sulfur_diffusivity_m2_s),
                       ("temperature_K", temperature_K)):  # (inf refused "must be finite" since session 54)
        if not POSITIVE.contains(real_number(label, val)):
            raise ValueError(POSITIVE.refusal(label, val))
    q_S = s["Dispersed material specific capacity [A.h.kg-1]"]  # A.h/kg = mAh/g
    rho_S = s["Dispersed material density [kg.m-3]"]
    c_max = rho_S * q_S * 3600.0 / F
    if nominal_capacity_Ah is None:
        nominal_capacity_Ah = COMPOSITION["S8"] * q_S * mass_g * 1e-3  # (mAh/g x g) -> A.h
    values = half_cell_parameter_values(temperature_K, 1.0, 3.0, nominal_capacity_Ah)
    values.update(
        {
            # positive electrode: S8 | carbon | LGPS | empty pores
            "Positive electrode thickness [m]": thickness,
            "Positive electrode porosity": vf["Sulfide SE"],
            "Positive electrode active material volume fraction": f * vf["S8"],
            "Positive electrode Bruggeman coefficient (electrolyte)": bruggeman,
            "Positive electrode Bruggeman coefficient (electrode)": 0.0,
            "Positive electrode conductivity [S.m-1]": carbon_network_conductivity(vf["Carbon"]),
            "Positive particle radius [m]": particle_radius_m,
            "Positive particle diffusivity [m2.s-1]": sulfur_diffusivity,
            "Maximum concentration in positive electrode [mol.m-3]": c_max,
            "Initial concentration in positive electrode [mol.m-3]": INITIAL_LITHIATION * c_max,
            "Positive electrode OCP [V]": sulfur_ocp,
            "Positive electrode OCP entropic change [V.K-1]": sulfur_ocp_entropic_change,
            "Positive electrode exchange-current density [A.m-2]": sulfur_exchange_current_density,
        }
    )
    # the one entry Xu2019 does not have (read by sulfur_diffusivity)
    values.update({SULFUR_DIFFUSIVITY_PARAMETER: sulfur_diffusivity_m2_s}, check_already_exists=False)
    # the LGPS and Li3PS4 conductivities and densities, the Bruggeman exponent
    values["citations"] = ["Xu2019", citations.LI2021, citations.KAMAYA2011, citations.LIU2013, citations.HOMMA2011,
                           citations.BRUGGEMAN1935]
    return values


#: Options of PyBaMM's DFN for this cell: a half cell with a Li metal counter electrode, with the interface
#: potential difference as a differential variable (a double layer, :data:`DOUBLE_LAYER_CAPACITY`). Without it
#: ("surface form" false, PyBaMM's default, the same equations otherwise) the solve fails at once (IDA_BAD_K at t = 0;
#: IDA_CONV_FAIL at 0 A, 0.25 s in; 2026-12-06), and with "algebraic" IDAKLU's consistent-initialisation step fails
#: at many current reversals and rests after a full discharge, where the sulfur's Butler-Volmer law is far from linear;
#: with it every tested experiment solves with PyBaMM's default solver (0.02C, 0.1C and 1C with rests,
#: R = 10 nm to 3 um, 25-70 C, 36-360 MPa, 1.7-5 mg/cm2, accessible fraction 0.77 and 1). "calculate discharge
#: energy": the energy states the AEA model integrates too (without it PyBaMM's "Discharge energy [W.h]" and
#: "Throughput energy [W.h]" are the constant 0: the summary variable read 0.0 W.h beside the AEA cell's).
MODEL_OPTIONS = {"working electrode": "positive", "surface form": "differential", **ENERGY_OPTIONS}


def s_c_lgps_model(options=None):
    """PyBaMM's DFN half cell, ``pybamm.lithium_ion.DFN(MODEL_OPTIONS)`` (``options`` update them)."""
    return pybamm.lithium_ion.DFN({**MODEL_OPTIONS, **(options or {})}, name="S-C-LGPS DFN")


def s_c_lgps_simulation(experiment=None, options=None, **kwargs):
    """A ``pybamm.Simulation`` of the S-C-LGPS cell: :func:`s_c_lgps_model` (``options``) and
    :func:`s_c_lgps_parameter_values` (``kwargs``), PyBaMM's default solver."""
    return pybamm.Simulation(
        s_c_lgps_model(options), parameter_values=s_c_lgps_parameter_values(**kwargs), experiment=experiment
    )
