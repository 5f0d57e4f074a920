"""The paper's cell outside the cathode: area, separator, anode, temperature, kinetics.

Li et al., Adv. Mater. 2021, 33, 2008723, Experimental Section: cathode | LGPS | Li3PS4 | Li (In);
100 mg Li10GeP2S12 and 50 mg Li3PS4 pressed in a die of 0.785 cm2; 80 um Li foil, optionally
with a 30 um In foil; cycled at 70 C on a LAND tester.

Values not given by the paper carry their own source; the two interface exchange-current
densities are assumptions (the paper reports no impedance data), stated as such below.
"""
import functools

import numpy as np
import pybamm

from .. import citations
from ..constants import F, R, arrhenius
from ..energy.materials import get_material
from ..energy.paper import PAPER_CELL
from ..paper_protocol import CELL_TEMPERATURE_K

#: area of the 10 mm die [m2], 0.785 cm2 (paper; :data:`pybamm_aea.energy.paper.PAPER_CELL`, the one record of the
#: lab cell, which the energy model reads too)
AREA_M2 = PAPER_CELL["area_cm2"] / 1e4  # cm2 -> m2
#: that area (the paper's 0.785 cm2) as width x height of equal sides [m], a convention of the model's square cell
CELL_SIDE_M = float(np.sqrt(AREA_M2))
#: the paper's standard cathode loading [kg.m-2], 1.5 mg/cm2 (Experimental Section; PAPER_CELL)
STANDARD_LOADING = PAPER_CELL["standard_loading_mg_cm2"] / 1e2  # mg/cm2 -> kg/m2

#: densities of the separator layers [kg.m-3]: the energy model's records, LGPS 2.04 g/cm3 (Kamaya et al., Nat.
#: Mater. 10, 682, 2011, crystallographic) and beta-Li3PS4 1.87 g/cm3 (the lower end of the paper's sulfide
#: electrolytes; the ~1.86 once quoted from Homma et al., Solid State Ionics 182, 53, 2011, is not checked: its
#: public ICSD record gives gamma-Li3PS4's X-ray density, 1.93)
RHO_LGPS = get_material("Li10GeP2S12").density * 1e3
RHO_LI3PS4 = get_material("Li3PS4").density * 1e3
#: masses pressed into the die [kg] (paper; PAPER_CELL)
MASS_LGPS = PAPER_CELL["lgps_mg"] / 1e6
MASS_LI3PS4 = PAPER_CELL["li3ps4_mg"] / 1e6

#: the paper's cell temperature, 70 C [K], the reference of the sets' Arrhenius laws ("Reference temperature [K]"):
#: :data:`pybamm_aea.paper_protocol.CELL_TEMPERATURE_K`
T_REF = CELL_TEMPERATURE_K
#: room temperature [K], taken as 25 C, where the paper measured the LMS-AEA cell too ("This AEA electrode can
#: also work at room temperature", Fig. S5): the lowest temperature the Li2021_Mo6S8 set was measured at
ROOM_TEMPERATURE = 298.15
#: activation energy of the Li | Li3PS4 exchange current [J.mol-1]: an assumption (the paper cycles at 70 C and gives
#: no impedance, so no temperature dependence of the interface's kinetics)
E_A_ANODE_EXCHANGE = 30e3
#: activation energy of the cathode | electrolyte exchange current [J.mol-1] (every AEA host's, the sets' and the
#: materials'): an assumption, as the anode's (:data:`E_A_ANODE_EXCHANGE`), stated separately since it is another
#: interface
E_A_CATHODE_EXCHANGE = 30e3
#: decay rate of the one-state hysteresis of the lever-rule OCP (Wycisk et al. 2022), ``dh/dt = gamma abs(i) / Q
#: (sign(i) - h)`` [-]: the OCP moves to the other branch over ~1/30 of the cathode's capacity after the current
#: reverses, an assumption (the paper shows no partial cycles to fit it on). It acts where the two branches differ
#: (Li2021_Mo6S8, a material record with ``ocp_delithiation``); where they are one OCP (Li2021_TiS2, the AEA_* records)
#: it changes nothing
HYSTERESIS_DECAY_RATE = 30.0


def piecewise_linear(x, x_data, y_data):
    """Linear interpolation of (x_data, y_data) at symbol ``x``, constant beyond the ends.

    Written as a sum of clipped ramps, y_0 + sum_k s_k (clip(x, x_k, x_k+1) - x_k), so that it
    compiles to plain arithmetic (min/max) rather than a lookup table, which is cheaper for the
    solver to evaluate and differentiate at every node and step.
    """
    x_data = np.asarray(x_data, dtype=float)
    y_data = np.asarray(y_data, dtype=float)
    if x_data.ndim != 1 or x_data.shape != y_data.shape or x_data.size < 2:
        raise ValueError(f"x_data and y_data must be 1-D of equal length >= 2, got {x_data.shape}, {y_data.shape}")
    if np.any(np.diff(x_data) <= 0):
        raise ValueError(f"x_data must be strictly increasing, got {x_data.tolist()}")
    out = pybamm.Scalar(float(y_data[0]))
    for k in range(x_data.size - 1):
        slope = (y_data[k + 1] - y_data[k]) / (x_data[k + 1] - x_data[k])
        clipped = pybamm.minimum(pybamm.maximum(x, float(x_data[k])), float(x_data[k + 1]))
        out = out + float(slope) * (clipped - float(x_data[k]))
    return out


#: ionic conductivity of Li10GeP2S12 [S.m-1] at :data:`LGPS_CONDUCTIVITY_T` [K]: 12 mS/cm at room temperature
#: (Kamaya et al., Nat. Mater. 10, 682, 2011: its abstract, read on a public copy of the first page in session 45),
#: room temperature taken as 27 C
LGPS_CONDUCTIVITY = 1.2
LGPS_CONDUCTIVITY_T = 300.15
#: activation energy of the LGPS layer's conductivity [J.mol-1], 24 kJ/mol (0.249 eV): assumed, because the place in
#: Kamaya et al. (2011) it was attributed to was not found (only the paper's first page is public; session 45's
#: search found the value in no public record). It is near the one LGPS value a public record gives, 0.22 eV for Li
#: hopping in the bulk (Kuhn, Duppel & Lotsch, Energy Environ. Sci. 6, 3548, 2013, abstract); 0.22 eV would take
#: the layer's 70 C conductivity from 4.00 to 3.48 S/m and its resistance from 1.56 to 1.79 Ohm cm2, against the
#: Li3PS4 layer's 33.7 (:func:`li3ps4_conductivity`)
E_A_LGPS = 24e3
#: ionic conductivity of nanoporous beta-Li3PS4 [S.m-1] at :data:`LI3PS4_CONDUCTIVITY_T` [K], 0.164 mS/cm at 25 C
#: (Liu et al., J. Am. Chem. Soc. 135, 975, 2013; not read there in session 45: its 1.64e-4 S/cm at room temperature
#: as a later public abstract quotes it, Yang et al., ACS Appl. Mater. Interfaces, "Elastic Properties, Defect
#: Thermodynamics, Electrochemical Window, Phase Stability, and Li+ Mobility of Li3PS4")
LI3PS4_CONDUCTIVITY = 0.0164
LI3PS4_CONDUCTIVITY_T = 298.15
#: activation energy of the Li3PS4 layer's conductivity [eV], 0.356 eV: assumed, because the place in Liu et al.
#: (2013) it was attributed to was not found (the paper's text is not public here; no public record found quotes
#: it). A public abstract on solvent-made beta-Li3PS4 (Dalton Trans., rsc.org d4dt02636e) gives 0.40 eV for
#: long-range transport; with 0.40 eV the layer's 70 C conductivity would be 0.126 S/m, not 0.101, and its
#: resistance 27.0 Ohm cm2, not 33.7 (the cell's largest ohmic term). At 25 C (the reference) neither moves
E_A_LI3PS4_EV = 0.356


def lgps_conductivity(T):
    """Ionic conductivity of Li10GeP2S12 [S.m-1]: 12 mS/cm at 27 C (Kamaya et al., Nat. Mater. 10, 682, 2011),
    activated by :data:`E_A_LGPS`, 24 kJ/mol, assumed, because Kamaya et al.'s text could not be checked for it (0.22
    eV, Kuhn et al. 2013, is the public value it is near)."""
    return LGPS_CONDUCTIVITY * arrhenius(T, E_A_LGPS, LGPS_CONDUCTIVITY_T)


def li3ps4_conductivity(T):
    """Ionic conductivity of beta-Li3PS4 [S.m-1]: 0.164 mS/cm at 25 C (Liu et al., J. Am. Chem. Soc. 135, 975,
    2013), activated by :data:`E_A_LI3PS4_EV`, 0.356 eV, assumed, because Liu et al.'s text could not be checked for
    it (0.40 eV, a public value for solvent-made beta-Li3PS4, would lower the layer's 70 C resistance by 20 %).
    """
    return LI3PS4_CONDUCTIVITY * arrhenius(T, E_A_LI3PS4_EV * F, LI3PS4_CONDUCTIVITY_T)


def anode_exchange_current_density(T):
    """Exchange-current density of the Li|Li3PS4 interface [A.m-2]: assumed, because the paper reports no impedance.

    10 A/m2 at 70 C, i.e. a charge-transfer
    resistance RT/(F j0) = 29.6 Ohm cm2, tens of Ohm cm2 being the order of Li|sulfide
    interfaces; activation energy :data:`E_A_ANODE_EXCHANGE` (assumed), reference :data:`T_REF`.
    """
    return 10.0 * arrhenius(T, E_A_ANODE_EXCHANGE, T_REF)


#: the In/LiIn two-phase plateau [V vs Li/Li+] (Santhosha et al., Batteries & Supercaps 2, 524, 2019): the energy
#: model's record of it, one number for both models
LI_IN_PLATEAU = get_material("In").average_voltage


#: the decimal places [V] a window moved by the plateau keeps (:func:`li_in_window`): a pV, the float noise of the
#: subtraction (1.8 - 0.62 = 1.1800000000000002) rounded off, a million times below any voltage the model resolves
LI_IN_WINDOW_DECIMALS = 12


#: why a voltage cut-off given as an input is not moved to the Li-In anode, and what to do
INPUT_NOT_MOVED = ("a cut-off given as an input cannot be moved to the Li-In anode when the values are built; give "
                   "it as a number, or pass the Li-In cell's voltage as the input (vs Li metal minus the plateau "
                   f"{LI_IN_PLATEAU:g} V)")


def li_in_window(low, high):
    """A cell-voltage window vs Li metal (V) as the same cathode window vs the Li-In anode's plateau, to
    :data:`LI_IN_WINDOW_DECIMALS` places: LMS's 1.8-2.8 V is 1.18-2.18 V (the bare differences, 1.1800000000000002
    and 2.1799999999999997, were printed so where the cut-off is told, and refused ``initial_soc="1.18 V"`` as
    outside "[1.18, 2.18] V")."""
    numbers_given = [_real(v) for v in (low, high)]
    for v, number in zip((low, high), numbers_given):
        if number is None:  # ("type Addition doesn't define __round__" for an input, session 57)
            raise ValueError(f"li_in_window takes cell voltages vs Li metal as numbers, got {type(v).__name__} "
                             f"{str(v)!r}: {INPUT_NOT_MOVED}")
    return tuple(round(v - LI_IN_PLATEAU, LI_IN_WINDOW_DECIMALS) for v in numbers_given)


#: the parameter a set declares the anode its voltage cut-offs are cell voltages against with: that anode's potential
#: [V vs Li/Li+] (0 for Li metal, :data:`LI_IN_PLATEAU` for Li-In). The sets' cut-offs are vs Li metal
#: (:func:`cell_parameters`), :func:`li_in_cut_offs` moves them to Li-In; a solve on another anode is warned about
#: (:func:`pybamm_aea.models.checks.warn_cut_offs_of_another_anode`); values without it are not looked at
CUT_OFF_ANODE_POTENTIAL = "Anode potential of the voltage cut-offs [V]"
#: the potential [V vs Li/Li+] of each anode of the model's option "anode": Li metal by definition 0, Li-In its plateau
ANODE_POTENTIALS = {"lithium metal": 0.0, "Li-In": LI_IN_PLATEAU}
#: the materials (:func:`pybamm_aea.energy.get_material` names) of each anode of the model's option "anode": Li metal;
#: the Li-In alloy on its Li foil (models.submodels.anode), the In it is made of melting first. Their records'
#: melting points bound the cell's temperature (:func:`pybamm_aea.models.checks.refuse_above_melting_points`)
ANODE_MATERIALS = {"lithium metal": ("Li",), "Li-In": ("In", "Li")}


#: how close [V] a declared :data:`CUT_OFF_ANODE_POTENTIAL` must be to an anode's of :data:`ANODE_POTENTIALS` to be it
CUT_OFF_ANODE_TOLERANCE = 1e-9
#: the voltage cut-offs' names in a set's values, lower then upper
CUT_OFF_NAMES = ("Lower voltage cut-off [V]", "Upper voltage cut-off [V]")


def _real(given):
    """``given`` as a float if it is a number (a real, a bool, a ``pybamm.Scalar``), else None (an input, ...): the
    checks' one reading of a number (:func:`pybamm_aea.models.checks.plain_number`; R36: it was written twice)."""
    from ..models.checks import plain_number

    return plain_number(given)


def cut_off_anode_potential(values):
    """The potential [V vs Li] of the anode ``values`` declare their voltage cut-offs against (their
    :data:`CUT_OFF_ANODE_POTENTIAL`), as the anode's of :data:`ANODE_POTENTIALS` it is within
    :data:`CUT_OFF_ANODE_TOLERANCE` of: a float (a real, a ``pybamm.Scalar``); None if ``values`` (or None)
    declare none; ValueError naming the entry if it is not a number (an input, a function): the one reading of it."""
    if values is None or CUT_OFF_ANODE_POTENTIAL not in values.keys():
        return None
    given = values[CUT_OFF_ANODE_POTENTIAL]
    declared = None if isinstance(given, bool) else _real(given)  # (True read as 1 V: review R36)
    if declared is None:  # (review R34: an input printed as "InputParameter(-0x18c1...)")
        raise ValueError(f"{CUT_OFF_ANODE_POTENTIAL!r} is {type(given).__name__} {str(given)!r}, not a number: "
                         "which anode the cut-offs are against must be known; give it as a number")
    return next((own for own in ANODE_POTENTIALS.values() if abs(declared - own) <= CUT_OFF_ANODE_TOLERANCE),
                declared)


def li_in_cut_offs(values, inputs_as_given=False):
    """The voltage cut-offs of ``values`` (a set's, vs Li metal) moved to the same cathode window on the Li-In
    anode (:func:`li_in_window`), with their :data:`CUT_OFF_ANODE_POTENTIAL` the plateau: a dict to update ``values``
    with. Values whose cut-offs are declared against Li-In already keep them (they were moved twice, 1.18-2.18 V to
    0.56-1.56 V); ValueError for values declared against any other anode than Li metal or Li-In, and for a cut-off
    that is no number (an input cannot be moved when the values are built) unless ``inputs_as_given``: then it is
    kept, read as the Li-In cell's voltage its input gives (a sweep's swept cut-off), and only the numbers move."""
    declared = cut_off_anode_potential(values)
    if declared == LI_IN_PLATEAU:
        return {**{name: values[name] for name in CUT_OFF_NAMES}, CUT_OFF_ANODE_POTENTIAL: LI_IN_PLATEAU}
    if declared not in (None, 0.0):
        raise ValueError(f"the voltage cut-offs are cell voltages against an anode at {declared!r} V vs Li (their "
                         f"{CUT_OFF_ANODE_POTENTIAL!r}), neither Li metal's 0 V nor Li-In's {LI_IN_PLATEAU:g} V: "
                         "moving them to Li-In is not defined")
    moved = {CUT_OFF_ANODE_POTENTIAL: LI_IN_PLATEAU}
    for name in CUT_OFF_NAMES:
        given = values[name]
        if _real(given) is not None:
            moved[name] = li_in_window(given, given)[0]
        elif not inputs_as_given:  # (li_in_window's "type Addition doesn't define __round__", session 57)
            raise ValueError(f"{name!r} is {type(given).__name__} {str(given)!r}, not a number: {INPUT_NOT_MOVED}")
    return moved


def mixed_anodes_message(low, swept=None):
    """Why one default experiment (a set's lower cut-off ``low`` [V]) cannot serve both anodes: its voltage is vs Li
    metal. ``swept``: (name, a row's value [V]) of a cut-off the grid sweeps, each row's step ending at its value as
    that row's cell voltage: one value is then two cathode potentials (session 57; the message said "one voltage")."""
    if swept is not None:
        name, value = swept
        return (f"the grid has both anodes and sweeps {name!r}: each row's step ends at its value as that cell's "
                f"voltage, so one value stops the cathode at two potentials ({value:g} V is {value:g} V vs Li on Li "
                f"metal, {value + LI_IN_PLATEAU:g} V vs Li on Li-In, its plateau {LI_IN_PLATEAU:g} V vs Li); sweep "
                "each anode with its own grid")
    return (f"the default experiment discharges to one voltage and the grid has both anodes: the set's {low:g} V "
            f"vs Li metal is {low - LI_IN_PLATEAU:g} V on the Li-In anode (its plateau {LI_IN_PLATEAU:g} V vs "
            "Li); sweep each anode with its own experiment")


def li_in_ocp(y, T):
    """OCP of the Li-In alloy [V vs Li/Li+] vs Li:In ratio y.

    The In/LiIn two-phase plateau at 0.62 V (Santhosha et al., Batteries & Supercaps 2, 524,
    2019), written as one MSMR-type reaction of width w = 0.1 (Baker & Verbrugge, JES 165,
    A3952, 2018) so the plateau is flat over 0 < y < 1 and rises as the alloy runs out of Li.
    """
    return LI_IN_PLATEAU + 0.1 * R * T / F * pybamm.log((1 - y) / y)


def foil_amount(material, thickness):
    """Moles per m2 of a dense foil of ``material`` (a name of :mod:`pybamm_aea.energy.materials`)
    ``thickness`` [m] thick: 80 um Li 6.16 mol/m2 (16.5 mA.h/cm2), 30 um In 1.91 mol/m2."""
    m = get_material(material)
    return thickness * m.density * 1e3 / (m.molar_mass * 1e-3)  # g/cm3 -> kg/m3, g/mol -> kg/mol


#: the temperatures [K] the paper measured its cells at: 70 C ("The electrochemistry was conducted on a LAND battery
#: test station at 70 C", Experimental Section), for every cell but LMS's (Li2021_Mo6S8, also at room temperature:
#: Fig. S5, :data:`ROOM_TEMPERATURE`); each set's "Lowest/Highest measured temperature [K]", outside which a solve is
#: warned about (models.checks.warn_outside_measured_temperatures). The one statement of "70 C only"
MEASURED_AT_70C = {"Lowest measured temperature [K]": T_REF, "Highest measured temperature [K]": T_REF}


def cell_parameters():
    """Parameters of the paper's cell outside the cathode (Li metal anode), measured at 70 C
    (:data:`MEASURED_AT_70C`)."""
    values = {
        "chemistry": "lithium_ion",
        "Electrode width [m]": CELL_SIDE_M,
        "Electrode height [m]": CELL_SIDE_M,
        "Number of electrodes connected in parallel to make a cell": 1.0,
        "Number of cells connected in series to make a battery": 1.0,
        "Ambient temperature [K]": T_REF,
        "Reference temperature [K]": T_REF,
        **MEASURED_AT_70C,
        "Separator layer 1 thickness [m]": MASS_LGPS / (RHO_LGPS * AREA_M2),
        "Separator layer 1 ionic conductivity [S.m-1]": lgps_conductivity,
        "Separator layer 2 thickness [m]": MASS_LI3PS4 / (RHO_LI3PS4 * AREA_M2),
        "Separator layer 2 ionic conductivity [S.m-1]": li3ps4_conductivity,
        "Anode exchange-current density [A.m-2]": anode_exchange_current_density,
        # Li-In entries are present so the Li-In option needs only the option switch; the OCP: li_in_ocp (the
        # In/LiIn plateau of the energy model's records, the paper's 0.62 V)
        "Li-In anode OCP [V]": li_in_ocp,
        # 30 um In foil on the 80 um Li foil (paper); densities and molar masses of pybamm_aea.energy
        "Li-In anode indium amount [mol.m-2]": foil_amount("In", PAPER_CELL["in_um"] / 1e6),
        "Li-In anode Li foil amount [mol.m-2]": foil_amount("Li", PAPER_CELL["li_um"] / 1e6),
        # the In/LiIn plateau half-way (assumption; the foil keeps the alloy there while it lasts)
        "Initial Li-In anode Li:In ratio": 0.5,
        # by definition: the voltage cut-offs of every set built on this cell are vs Li metal, 0 V
        # (CUT_OFF_ANODE_POTENTIAL; li_in_cut_offs moves them to Li-In)
        "Anode potential of the voltage cut-offs [V]": ANODE_POTENTIALS["lithium metal"],
    }
    values["citations"] = list(citations.PAPER_CELL)
    values.update(degradation_parameters())
    values.update(fitting_factors())
    values.update(
        {
            # coupled ion-electron transport (Jamnik & Maier, PCCP 5, 5215, 2003): a host whose
            # electronic conductivity does not change with its Li content (the paper's Mo6S8, TiS2)
            "Cathode electronic conductivity Li-content factor": 1.0,
            # Nernst-Einstein from the set's chemical diffusivity, thermodynamic factor 1 (default; an assumption,
            # :func:`nernst_einstein_ionic_conductivity`)
            "Cathode ionic conductivity [S.m-1]": nernst_einstein_ionic_conductivity,
            # the host as assembled is one phase (an assumption: no second phase before the first step), uniform at
            # "Initial cathode Li content"; pybamm_aea.set_initial_state sets two phases for a state inside a
            # two-phase region
            "Initial cathode separator-side phase Li content": 0.0,
            "Initial cathode collector-side phase Li content": 0.0,
        }
    )
    return values


def nernst_einstein_ionic_conductivity(x, T, D, c_li):
    """Li-ion conductivity [S.m-1] from the chemical diffusivity ``D`` [m2.s-1] by Nernst-Einstein.

    sigma_ion = F^2 c_Li D / (R T), ``c_li`` the inserted Li per m3 of dense host [mol.m-3] (the
    model passes both), with the thermodynamic factor taken as 1 (ideal dilute Li). For a host with
    chi > 1 this over-estimates sigma_ion, i.e. it errs toward a larger ambipolar penalty when
    sigma_e is small; for the paper's metallic hosts (sigma_e ~ 1e5 S/m against ~0.1 S/m here) it
    changes nothing. A host whose carriers are not the inserted Li (Li4Ti5O12) gives its own.
    """
    return F**2 * c_li * D / (R * T)


def heckel_coefficient():
    """Heckel K [MPa-1] of the Mo6S8 compact (loading branch, Table S6; fit in energy.compaction)."""
    from pybamm_aea.energy.compaction import compaction_fit

    return float(compaction_fit("Mo6S8", "loading").params["K"])


def fitting_factors():
    """Scalar factors on the parameter sets' functions of state, all 1 (the functions as given).

    Each multiplies one function where the model evaluates it (:class:`AEAParameters`), so a
    fit (PyBOP, ``scipy.optimize``) or a sensitivity study can vary it as an ordinary or input
    parameter without rewriting the function; ``examples/fit_pybop.py`` fits two of them.
    """
    return {
        "Cathode Li diffusivity factor": 1.0,
        "Cathode exchange-current density factor": 1.0,
        "Cathode electronic conductivity factor": 1.0,
        "Cathode ionic conductivity factor": 1.0,
        "Anode exchange-current density factor": 1.0,
        "Separator layer 1 ionic conductivity factor": 1.0,
        "Separator layer 2 ionic conductivity factor": 1.0,
        "Dispersed material reaction rate constant factor": 1.0,
        "Dispersed material product-layer Li diffusivity factor": 1.0,
        # Li's transport through Li0: the lever-rule host's film diffusivity, the multi-phase host's Li0 phase mobility
        # (an assumption of the sets, 1e-12 cm2/s, which only a rebuilt host could change before session 44)
        "Li0 film Li diffusivity factor": 1.0,
    }


def degradation_parameters():
    """Neutral degradation parameters (every mechanism at rate zero) and the stack pressure.

    Each mechanism is switched on by a model option; a parameter set that calibrates one
    overrides its entries here and documents the fit.
    """
    return {
        "Li trapping fraction": 0.0,
        "Initial Li trapping fraction": 0.0,
        # inert while both trapping fractions are 0; the value of Li2021_TiS2's fit (the paper's "Li0.1TiS2")
        "Saturated initially trapped Li content": 0.1,
        # not used: no trapping, so no temperature dependence of it (0: none); Li2021_TiS2 sets its own
        "Li trapping activation energy [J.mol-1]": 0.0,
        "Ionic-switch host loss coefficient": 0.0,
        # the same mechanism on the multi-phase host (its rate is this fraction of the current that forms
        # the Li0 phase): a host without a Li0 phase (TiS2, the AEA_* materials) forms none, so it isolates
        # nothing on either host; Li2021_Mo6S8 calibrates it
        "Persistent Li0 fraction": 0.0,
        "Initial dispersed material accessible fraction": 1.0,
        "Maximum dispersed material accessible fraction": 1.0,
        "Dispersed material activation coefficient": 0.0,
        "Dispersed material contact-loss coefficient": 0.0,
        # the paper's cells are pressed at 360 MPa (paper, Experimental)
        "Stack pressure [MPa]": 360.0,
        # the cathode is pressed at 360 MPa onto the electrolyte (paper, Experimental); its porosity
        # parameter is the one at that pressure
        "Cathode fabrication pressure [MPa]": 360.0,
        # Heckel's K of the Mo6S8 compact, fitted to Table S6 in pybamm_aea.energy.compaction
        "Cathode Heckel compaction coefficient [MPa-1]": heckel_coefficient(),
        # 0 by definition of a fresh start (the stretch from its as-made value), not a material's: pybamm.Simulation
        # .solve sets 1 on a copy for a starting solution whose stretch is off 1 (models.submodels.volume)
        "Initial cathode stretch off 1": 0.0,
        # sulfide cathode on sulfide electrolyte: chemically compatible (paper, advantage 3)
        "Cathode interphase growth constant [m2.s-1]": 0.0,
        # Li metal reduces thiophosphate electrolytes into an interphase that grows with the square root of
        # time: LGPS into Li2S, Li3P and Li-Ge (Wenzel et al. 2016), argyrodite Li6PS5X (Wenzel et al. 2018);
        # that Li3PS4, the layer at this cell's anode, does so too is an assumption, and so are the constants:
        # ~50 nm after 1000 h on Li (L^2 = 2 k t), a 100x smaller constant on the Li-In alloy, the paper's
        # stabilised interface. Every interphase constant here (growth constants, conductivity) is one number
        # at every temperature: docs/known_limits.rst, "Cathode and LGPS interphase"
        "Li metal anode interphase growth constant [m2.s-1]": 3.5e-22,
        "Li-In anode interphase growth constant [m2.s-1]": 3.5e-24,
        # assumed, because the paper measures no interphase of the assembled cell: 1 nm at each interface, the order
        # of a native film; read only with an "interphase growth" option, where the two layers start at 2e-9 m / 1e-6
        # S/m (the interphase conductivity) = 20 Ohm cm2 in series
        "Initial interphase thickness [m]": 1e-9,
        # Li3PS4-derived interphases (Li2S, Li3P): ~1e-8 S/cm order (assumption; Wenzel et al. 2018
        # report resistive interphases of argyrodite Li6PS5X at Li metal, a related thiophosphate, not Li3PS4)
        "Interphase ionic conductivity [S.m-1]": 1e-6,
        # LGPS stability window vs Li (first principles: Zhu, He & Mo, ACS Appl. Mater.
        # Interfaces 7, 23685, 2015, 1.71-2.14 V; Richards et al., Chem. Mater. 28, 266, 2016)
        "Solid electrolyte oxidation limit [V]": 2.14,
        "Solid electrolyte reduction limit [V]": 1.71,
        # parabolic constant per unit of F (distance outside the window) / RT (assumption: no
        # measured LGPS decomposition rate at hand; gives ~30 nm after 120 cycles at 0.1C, 1-3 V)
        "Cathode interphase window growth constant [m2.s-1]": 1e-23,
    }


def cathode_exchange_current_density_law(x_s, T, x_max, j0_ref, past_x_max=True):
    """Exchange-current density j0(x_s, T) [A.m-2] = j0_ref sqrt(theta (1 - theta) + 1e-4) / 0.5.

    theta = x_s / x_max; Arrhenius with :data:`E_A_CATHODE_EXCHANGE` about :data:`T_REF` (assumption). The
    square-root form is the symmetric Butler-Volmer dependence on the surface Li content (as PyBaMM's sets); the
    1e-4 keeps a pristine (Li-free) surface able to take Li. j0_ref [A.m-2] (at theta = 0.5,
    70 C) is an assumption: the paper gives no impedance. Beyond x_max (the multi-phase Mo6S8
    host's electron-limited Li4 end goes on below U_full, see :mod:`pybamm_aea.thermodynamics`)
    theta (1 - theta) is negative; it is taken as 0 there, so j0 stays at its floor instead of
    the square root of a negative number (S-LMS on Li-In reached x = 4.0002 at its 0.4 V
    cut-off after 45 cycles and its voltage became NaN).

    ``past_x_max=False``: a host that holds no Li beyond x_max (a material's lattice gas, whose OCP's end term
    has its pole at x_max, :class:`pybamm_aea.materials.functions.ExchangeCurrentDensity`; LixTiS2 of
    :mod:`pybamm_aea.parameters.Li2021_TiS2` since session 30: its 0.1C and 1C figures at 25 and 70 C and its
    screen rows were the same to the last digit and step as clamped, its surface ending at theta <= 0.99982): not
    clamped, so the radicand is negative beyond theta = 1.0001 (NaN): a full lattice gas has no vacancies and no
    exchange current. (Below theta = -1e-4 too, where a lattice gas's OCP, its logarithm, is NaN already.)
    What keeps the solver off the pole's far side is not this NaN but the multi-phase host's events on the
    content (``"Cathode host full at maximum Li content"`` 1, :mod:`pybamm_aea.models.submodels.host_phase_field`;
    the lever-rule host's at x_max for every host): session 28 relied on IDA rejecting the NaN, and with this law
    clamped and no event AEA_LiCoO2's first discharge at 0.1C ran on for its 20 h at 3.385 V to theta = 2.10
    instead of ending at its 3.0 V cut-off at theta = 0.9997; with the event it ends there, 0.137581 mA.h,
    clamped or not.
    """
    theta = x_s / x_max
    vacancies = pybamm.maximum(theta * (1 - theta), 0) if past_x_max else theta * (1 - theta)
    return (
        j0_ref
        * (vacancies + 1e-4) ** 0.5
        / 0.5
        * arrhenius(T, E_A_CATHODE_EXCHANGE, T_REF)
    )


def cathode_exchange_current_density(x_max, j0_ref, past_x_max=True):
    """Return j0(x_s, T) [A.m-2] of :func:`cathode_exchange_current_density_law` for one host.

    A ``functools.partial`` of the module-level law, so parameter sets stay picklable. ``past_x_max`` as in the
    law: True (clamped beyond x_max) for a host that takes Li there (Mo6S8's electron-limited Li4 end), False for a
    lattice gas full at x_max (TiS2).
    """
    return functools.partial(cathode_exchange_current_density_law, x_max=x_max, j0_ref=j0_ref, past_x_max=past_x_max)


def conductivity_vs_porosity(material):
    """Return sigma(eps, T) [S.m-1] from the fit of Table S4 in :mod:`pybamm_aea.energy`.

    The fit (a function of porosity in S/cm) is tabulated on a porosity grid and turned into a
    PyBaMM interpolant so that porosity can be an input parameter. The dense electrodes (about
    11 % porosity) lie below the measured porosities (Table S4 pressed at 6-51 MPa), so the value
    there is the fitted law's extrapolation. The table covers every porosity, 0 to 1 (it ended at
    0.6 and was extrapolated linearly beyond: Mo6S8 -483 S/m at 0.7). Table S4 was measured at room
    temperature; metallic hosts (Mo6S8, TiS2) are taken as temperature independent.
    """
    from pybamm_aea.energy.conductivity import conductivity_fit

    grid = np.linspace(0.0, 1.0, 101)
    values = np.asarray(conductivity_fit(material).predict(grid), dtype=float) * 100.0  # S/m
    return functools.partial(
        tabulated_conductivity, grid=grid, values=values, name=f"{material} conductivity"
    )


def tabulated_conductivity(eps, T, grid, values, name):
    """Conductivity [S.m-1] interpolated at porosity ``eps`` in the table (grid, values).

    Module level so that the partials :func:`conductivity_vs_porosity` returns pickle.
    """
    return pybamm.Interpolant(grid, values, eps, name=name)
