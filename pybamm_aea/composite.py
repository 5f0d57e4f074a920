"""A conventional all-solid-state composite of an AEA material, as PyBaMM's DFN half cell.

The user's alternative to a dense all-electrochem-active (AEA) cathode of a material is the usual
composite of the same material with carbon and sulfide solid electrolyte. This module builds it in the
paper's lab cell with the machinery of the S-C/LGPS comparison (:mod:`pybamm_aea.conventional`: PyBaMM's
``DFN({"working electrode": "positive", "surface form": "differential"})``, LGPS as a single-ion electrolyte,
the LGPS | Li3PS4 pellet, Li foil, :func:`~pybamm_aea.conventional.half_cell_parameter_values`), with the
material's own OCP, chemical diffusivity and exchange current from :mod:`pybamm_aea.materials`.

Make-up (:data:`COMPOSITION`, :data:`POROSITY`): 60 : 30 : 10 wt% active material : sulfide SE : carbon with
11 % empty pores. The porosity is the paper's for its typical all-solid-state cathode (Table S2, "ASSLB"
column). The mass split is an assumption (a common lab-scale composite): the paper's own ASSLB split
(80 : 15 : 5, Table S2) puts the carbon at 5.9 vol% of the electrode for LiFePO4, below the 6 vol% percolation
threshold of the Table S4 Super P fit (:func:`~pybamm_aea.conventional.carbon_network_conductivity`), so in this
model that electrode would conduct no electrons; 10 wt% carbon percolates (10-12 vol%, 56-130 S/m).

Particle radii (:data:`PARTICLE_RADIUS`) are assumptions, stated per material there. The DFN sees the
particle's Li diffusivity only; the ambipolar coupling of the dense AEA model is not applied inside a particle
(the material's chemical diffusivity, as measured, already is the ambipolar one).
"""

import pybamm

from .conventional import MODEL_OPTIONS, carbon_network_conductivity, half_cell_parameter_values
from .energy import get_material as _energy_material
from .materials import functions as fn
from .models.checks import check_value
from .parameters import paper_cell
from .ranges import FRACTION_BELOW_ONE, POSITIVE, check_loading_mg_cm2
from .user_input import did_you_mean, is_finite_positive, not_a_number, real_number

#: Mass fractions of the composite's solid (assumption, see the module docstring); "active" is the material.
COMPOSITION = {"active": 0.60, "Sulfide SE": 0.30, "Carbon": 0.10}
#: Empty porosity of the pressed composite: the paper's typical all-solid-state cathode, Table S2 (ASSLB).
POROSITY = 0.11
#: Bruggeman exponent of the SE in the composite (Bruggeman 1935), as the S-C/LGPS set.
BRUGGEMAN = 1.5
#: Particle radius [m] per material, assumptions: nano carbon-coated LiFePO4 as used commercially (100-300 nm
#: primary particles, radius 0.1 um); LiCoO2 and NMC532 powders of ~5 um diameter; Li4Ti5O12 ~1 um diameter.
PARTICLE_RADIUS = {"LiFePO4": 0.1e-6, "LiCoO2": 2.5e-6, "NMC532": 2.5e-6, "Li4Ti5O12": 0.5e-6}
#: The DFN starts at least this far (in stoichiometry) inside the window: PyBaMM adds OCP asymptotes at its ends
#: (``pybamm.parameters.lithium_ion_parameters.U_asymptotes``: 1 mV at sto = 1e-3, 1000 mV at sto = 0), so a
#: start closer to an end sees an OCP that is not the material's. A user's content there is refused
#: (:func:`composite_parameter_values`); a content the code derives is moved to the margin
#: (:func:`derived_initial_content`, costs <= 0.1 % of the window's capacity).
STO_MARGIN = 1e-3
#: Materials whose conventional composite is the user's alternative (Mo6S8, TiS2 are used as AEA hosts).
MATERIALS = tuple(PARTICLE_RADIUS)


class _OfStoichiometry(fn.NamedFunction):
    """f(sto) or f(sto, T) of a material function f(x, T) of Li content: x = sto x_max (picklable)."""

    def __init__(self, f, x_max, T=None):
        self.f, self.x_max, self.T = f, float(x_max), T

    def __call__(self, sto, T=None):
        return self.f(sto * self.x_max, pybamm.Scalar(self.T) if T is None else T)


class _ExchangeCurrent(fn.NamedFunction):
    """DFN j0(c_e, c_s_surf, c_s_max, T) [A.m-2] from the material's j0(x_s, T) per unit interface area."""

    def __init__(self, j0):
        self.j0 = j0

    def __call__(self, c_e, c_s_surf, c_s_max, T):
        return self.j0(c_s_surf / c_s_max * self.j0.x_max, T)


def derived_initial_content(x, x_max):
    """A Li content [per formula unit] derived by the code (not written by a user: the screen's full-charge
    content of a charge-first material, :func:`pybamm_aea.screening._charged_content`), moved at least
    :data:`STO_MARGIN` of ``x_max`` inside the window, where PyBaMM's OCP asymptotes are below 1 mV."""
    return min(max(float(x), STO_MARGIN * x_max), (1 - STO_MARGIN) * x_max)


def make_up(material, composition=None, porosity=POROSITY):
    """Mass fractions, volume fractions (of the electrode) and density [g/cm3] of the composite."""
    w = dict(COMPOSITION if composition is None else composition)
    # not (... <= ...): a nan fraction fails each test (nan < 0 and |nan - 1| > 1e-9 are both False)
    if (set(w) != {"active", "Sulfide SE", "Carbon"} or not abs(sum(w.values()) - 1) <= 1e-9
            or not all(0 <= v <= 1 for v in w.values())):
        raise ValueError(f"composition must be mass fractions of 'active', 'Sulfide SE', 'Carbon' summing to 1, got {w}"
                         + "".join(did_you_mean(k, COMPOSITION, named=True) for k in w if k not in COMPOSITION))
    porosity = real_number("porosity", porosity, TypeError)  # (a 0-d array or NumPy scalar is its number)
    if not FRACTION_BELOW_ONE.contains(porosity):
        raise ValueError(FRACTION_BELOW_ONE.refusal("porosity", porosity))
    rho = {"active": material.density, "Sulfide SE": _energy_material("Sulfide SE").density,
           "Carbon": _energy_material("Carbon").density}
    v = {k: w[k] / rho[k] for k in w}  # cm3 per g of solid
    total = sum(v.values())
    vf = {k: (1 - porosity) * v[k] / total for k in w}
    return w, vf, (1 - porosity) / total


def composite_parameter_values(material, active_loading_mg_cm2, temperature_K=paper_cell.T_REF, initial_li_content=None,
                               particle_radius_m=None, composition=None, porosity=POROSITY):
    """PyBaMM parameter values of the composite | LGPS | Li3PS4 | Li half cell for PyBaMM's DFN.

    ``material``: an :class:`~pybamm_aea.materials.AEAMaterial`; ``active_loading_mg_cm2``: mass of
    *active material* per cm2 (the same theoretical areal capacity as a dense AEA electrode of that loading; the
    electrode's, this over the active mass fraction, within :data:`pybamm_aea.ranges.CATHODE_LOADING`, at most 300
    mg/cm2, else a ValueError naming it);
    ``initial_li_content`` Li per formula unit (default the material's as made), at least :data:`STO_MARGIN` of
    x_max inside the window (else ValueError naming it: PyBaMM's OCP asymptotes; a content the code derives
    goes through :func:`derived_initial_content` first). Thickness = electrode mass per
    area / composite density. Electronic conductivity of the electrode: the carbon network
    (:func:`~pybamm_aea.conventional.carbon_network_conductivity`). c_max = x_max rho / M of the active material.
    Returns (``pybamm.ParameterValues``, dict of the make-up: mass fractions, volume fractions, density g/cm3).
    """
    from .materials import get_material

    m = get_material(material)
    R = PARTICLE_RADIUS.get(m.name) if particle_radius_m is None else particle_radius_m
    if R is None or not is_finite_positive(R):
        raise ValueError(f"particle_radius_m needed (finite, > 0) for {m.name!r}, got {particle_radius_m!r}"
                         f"{not_a_number(R) if R is not None else ''}; defaults exist for {list(PARTICLE_RADIUS)}")
    R = float(R)
    if not POSITIVE.contains(real_number("active_loading_mg_cm2", active_loading_mg_cm2)):
        raise ValueError(POSITIVE.refusal("active_loading_mg_cm2", active_loading_mg_cm2))
    temperature_K = real_number("temperature_K", temperature_K)
    try:  # the model's range, named by this argument
        check_value("Ambient temperature [K]", temperature_K)
    except ValueError as exc:
        raise ValueError(f"temperature_K: {exc}") from None
    w, vf, density = make_up(m, composition, porosity)
    electrode_mg_cm2 = float(active_loading_mg_cm2) / w["active"]
    # the electrode's loading (active material and the rest) within the model's range: one fact
    check_loading_mg_cm2("active_loading_mg_cm2", active_loading_mg_cm2, electrode_mg_cm2)
    thickness = electrode_mg_cm2 * 1e-3 / density * 1e-2  # m
    area = paper_cell.CELL_SIDE_M**2
    nominal = m.theoretical_capacity * float(active_loading_mg_cm2) * 1e-3 * area * 1e4 * 1e-3  # A.h
    c_max = m.x_max * m.density * 1e3 / (m.molar_mass * 1e-3)  # mol/m3
    x0 = m.initial_li_content if initial_li_content is None else real_number("initial_li_content", initial_li_content)
    lo, hi = STO_MARGIN * m.x_max, (1 - STO_MARGIN) * m.x_max
    # not (lo <= x0 <= hi): a nan content fails it
    if not lo <= x0 <= hi:
        which = "the material's 'initial_li_content'" if initial_li_content is None else "initial_li_content"
        raise ValueError(
            f"{which} {x0!r} of {m.name!r} must be in [{lo:.6g}, {hi:.6g}] Li per formula unit (at least "
            f"{STO_MARGIN} of x_max = {m.x_max:.6g} inside the window): closer to an end, PyBaMM's OCP asymptotes "
            f"add more than 1 mV to the composite's OCP")
    T = float(temperature_K)
    values = half_cell_parameter_values(T, m.lower_voltage, m.upper_voltage, nominal)
    values.update({
        "Positive electrode thickness [m]": thickness,
        "Positive electrode porosity": vf["Sulfide SE"],
        "Positive electrode active material volume fraction": vf["active"],
        "Positive electrode Bruggeman coefficient (electrolyte)": BRUGGEMAN,
        "Positive electrode Bruggeman coefficient (electrode)": 0.0,
        "Positive electrode conductivity [S.m-1]": carbon_network_conductivity(vf["Carbon"]),
        "Positive particle radius [m]": R,
        "Positive particle diffusivity [m2.s-1]": _OfStoichiometry(
            m.diffusivity.function_of_content(m.x_max, 1e-4), m.x_max),
        "Maximum concentration in positive electrode [mol.m-3]": c_max,
        "Initial concentration in positive electrode [mol.m-3]": x0 / m.x_max * c_max,
        "Positive electrode OCP [V]": _OfStoichiometry(m.ocp.function_of_content(m.x_max), m.x_max, T),
        "Positive electrode OCP entropic change [V.K-1]": 0.0,
        "Positive electrode exchange-current density [A.m-2]": _ExchangeCurrent(
            fn.ExchangeCurrentDensity(m.x_max, m.exchange_current_density)),
    })
    return values, {"mass fractions": w, "volume fractions": vf, "density [g.cm-3]": density,
                    "electrode loading [mg.cm-2]": electrode_mg_cm2}


def composite_model(options=None):
    """PyBaMM's DFN half cell with the options of :data:`pybamm_aea.conventional.MODEL_OPTIONS` (``options``
    update them)."""
    return pybamm.lithium_ion.DFN({**MODEL_OPTIONS, **(options or {})}, name="composite DFN")
