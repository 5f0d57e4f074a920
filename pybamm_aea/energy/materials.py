"""Materials library of the energy-density model: densities, molar masses, capacities and voltages.

Each record is a :class:`Material` with the citation of its numbers (``source``). Conventions:

- ``density`` (g/cm^3) and ``molar_mass`` (g/mol) are those of the phase named by the record.
- Cathode *hosts that are made Li-free* (Mo6S8, S8, TiS2, Li4Ti5O12, In) have ``state="charged"``; their
  ``specific_capacity`` is per gram of the charged (delithiated) material and ``lithiated_name`` names their
  discharged counterpart (Li4Mo6S8, Li2S, LiTiS2, Li7Ti5O12, LiIn).
- Cathodes that are made lithiated (LiCoO2, NMC, LiFePO4, LiMn2O4) and discharged counterparts have
  ``state="discharged"``; their capacity is per gram of the lithiated material (the usual convention).
- Inactive components (carbon, binder, electrolytes, current collectors) have ``state="inactive"`` and zero capacity.
- ``specific_capacity`` is the default capacity the model uses (mAh/g). Where the paper (Li et al., Adv. Mater. 33,
  2008723, 2021) used a value, that value is the default (it is the practical reversible capacity for the
  commercial cathodes of its Tables S2/S9, e.g. LiCoO2 150 mAh/g), and the Faraday capacity of the full
  ``li_per_formula_unit`` is available as :attr:`Material.theoretical_capacity`.

Numbers that the paper's tables give (Tables S2 and S9) are read from the shipped CSV copies of those tables
(:func:`pybamm_aea.data.load_paper_table`) rather than typed here. Unknown names raise
:class:`UnknownMaterialError` (a ``KeyError`` and a ``ValueError``) listing the known materials; users can add
their own records with :func:`register_material` or pass :class:`Material` objects directly to
:class:`pybamm_aea.energy.Electrode`. An :class:`pybamm_aea.materials.AEAMaterial` (the AEA model's material,
or its JSON file) is accepted wherever a name is: :func:`from_aea_material` is its one mapping onto a record.
"""
from dataclasses import dataclass, field, fields

import pandas as pd

from pybamm_aea.constants import M_LI, MAH_PER_MOL, N_A, formula_mass
from pybamm_aea.data import load_paper_table
from pybamm_aea.ranges import DENSITY_G_CM3, NON_NEGATIVE, POSITIVE, slip_question
from pybamm_aea.user_input import did_you_mean, name_key

from ._common import check_real, check_voltage_vs_li

__all__ = [
    "Material",
    "UnknownMaterialError",
    "get_material",
    "register_material",
    "list_materials",
    "materials_table",
    "from_aea_material",
    "PAPER",
]

#: Citation of the seed paper (values used by its supporting information).
PAPER = "Li et al., Adv. Mater. 33, 2008723 (2021), supporting information"
_PAPER_S2 = PAPER + ", Table S2"
_PAPER_S9 = PAPER + ", Table S9"
_FORMULA = ("molar mass computed from the formula (pybamm_aea.constants.formula_mass, IUPAC 2013 standard atomic "
            "weights)")
_CRC = "CRC Handbook of Chemistry and Physics, 97th ed. (2016)"
#: The In/LiIn two-phase plateau [V vs Li/Li+], the voltage of the In and Li-In alloy records and of the cell model's
#: Li-In anode (:data:`pybamm_aea.parameters.paper_cell.LI_IN_PLATEAU` reads it)
LI_IN_PLATEAU = 0.62
_LI_IN_SOURCE = f"{LI_IN_PLATEAU:g} V vs Li: Santhosha et al., Batteries & Supercaps 2, 524 (2019)"


#: lattice parameter of LiIn's cubic NaTl-type cell (Fd-3m, 8 formula units) [A]: as first written, after Pearson's
#: Handbook of Crystallographic Data (not checked: no copy found in session 43)
LIIN_CELL_A = 6.79


def liin_density():
    """X-ray density of LiIn [g/cm3]: 8 LiIn in the cubic cell of :data:`LIIN_CELL_A`, 5.167 g/cm3 (the record said
    5.14 g/cm3 from the same cell until session 43: 8 x 121.76 g/mol over N_A (6.79 A)^3 is 5.167; 5.14 needs 6.80
    A)."""
    return 8 * formula_mass("LiIn") / (N_A * (LIIN_CELL_A * 1e-8) ** 3)


def _uncited_lattice(name, a, c):
    """A layered oxide's density source whose R-3m lattice parameters [A] cite no diffraction work (none found)."""
    return (f"crystallographic density of the R-3m cell (a = {a}, c = {c} A, Z = 3; lattice parameters of pristine "
            f"{name} not verified: no diffraction work cited or found for them)")

ROLES = (
    "active",
    "conductive additive",
    "binder",
    "solid electrolyte",
    "liquid electrolyte",
    "separator",
    "anode",
    "current collector",
)
STATES = ("charged", "discharged", "inactive")


class UnknownMaterialError(KeyError, ValueError):
    """Raised for a material name that is not in the library; the message lists the known names."""

    def __str__(self):  # KeyError would print the repr of its argument
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Material:
    """One material of the library.

    Attributes
    ----------
    name : str
        Name used in compositions (unique in the registry).
    formula : str
        Chemical formula or description.
    density : float
        Density of this phase, g/cm^3 (true/skeletal density, not tap density).
    role : str
        One of ``"active"``, ``"conductive additive"``, ``"binder"``, ``"solid electrolyte"``,
        ``"liquid electrolyte"``, ``"separator"``, ``"anode"``, ``"current collector"``.
    molar_mass : float or None
        g/mol of one formula unit as written in ``formula``.
    specific_capacity : float or None
        Default capacity used by the model, mAh per g of *this* phase; 0 for inactive materials; None if unknown
        (an :class:`~pybamm_aea.energy.Electrode` then needs ``capacities=``).
    li_per_formula_unit : float
        Li exchanged per formula unit between the charged and the discharged state (Faraday capacity basis).
    average_voltage : float or None
        Typical average discharge voltage vs Li/Li+, V.
    state : str
        ``"charged"`` (Li-free host; capacity per g of the charged phase), ``"discharged"`` (lithiated phase) or
        ``"inactive"``.
    lithiated_name : str or None
        For charged materials: name of the discharged counterpart (e.g. ``"Li4Mo6S8"`` for ``"Mo6S8"``).
    lithiated_units : float
        Formula units of the lithiated counterpart formed per formula unit (8 for S8 -> 8 Li2S, else 1).
    delithiated_name : str or None
        For discharged counterparts: name of the charged material.
    lithiated_record, delithiated_record : Material or None
        The counterpart itself, for a record outside the library (:func:`from_aea_material`); it takes
        precedence over ``lithiated_name`` / ``delithiated_name``.
    source : str
        Citation of the numbers.
    melting_point : float or None
        The temperature [K] at which this phase melts or decomposes, the highest a cell holding it may be modelled at
        (:func:`pybamm_aea.models.checks.refuse_above_melting_points`); None: no value cited (not: none exists).
    melting_point_source : str
        Citation of ``melting_point``.
    aliases : tuple of str
        Other accepted names (matched case-insensitively, ignoring spaces, '-' and '_').
    """

    name: str
    formula: str
    density: float
    role: str
    molar_mass: float = None
    specific_capacity: float = 0.0
    li_per_formula_unit: float = 0.0
    average_voltage: float = None
    state: str = "inactive"
    lithiated_name: str = None
    lithiated_units: float = 1.0
    delithiated_name: str = None
    source: str = ""
    melting_point: float = None
    melting_point_source: str = ""
    aliases: tuple = field(default=(), compare=False)
    lithiated_record: "Material" = field(default=None, compare=False, repr=False)
    delithiated_record: "Material" = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.strip():  # (the library's key and an Electrode's label)
            raise ValueError(f"material: name must be a non-empty string, got {self.name!r}")
        where = f"material {self.name!r}:"
        # (the AEA material's density range: one typed in kg/m3 said so, as there; a polymer host's molar mass may
        # be above that record's 5000 g/mol)
        for name, unit, optional, rng in (("density", " [g/cm^3]", False, DENSITY_G_CM3),
                                          ("molar_mass", " [g/mol]", True, POSITIVE),
                                          ("lithiated_units", "", False, POSITIVE)):
            value = getattr(self, name)
            if not (optional and value is None):
                check_real(value, f"{where} {name}{unit}", rng)
        if self.specific_capacity is not None:
            check_real(self.specific_capacity, f"{where} specific_capacity [mAh/g]", NON_NEGATIVE)
        check_real(self.li_per_formula_unit, f"{where} li_per_formula_unit", NON_NEGATIVE)
        if self.specific_capacity is not None:
            check_faraday(self.specific_capacity, self, f"{where} specific_capacity [mAh/g]")
            if self.theoretical_capacity is not None or "Li" in _REGISTRY:  # (the library's own Li comes first)
                check_typed_capacity(self.specific_capacity, self, f"{where} specific_capacity")
        if self.average_voltage is not None:
            check_voltage_vs_li(self.average_voltage, f"{where} average_voltage [V vs Li]")
        if self.melting_point is not None:
            check_real(self.melting_point, f"{where} melting_point [K]", POSITIVE)
            if not self.melting_point_source:
                raise ValueError(f"material {self.name!r}: melting_point = {self.melting_point!r} K needs its "
                                 "melting_point_source")
        if self.role not in ROLES:
            raise ValueError(f"material {self.name!r}: role must be one of {ROLES}, got {self.role!r}"
                             + did_you_mean(self.role, ROLES))
        if self.state not in STATES:
            raise ValueError(f"material {self.name!r}: state must be one of {STATES}, got {self.state!r}"
                             + did_you_mean(self.state, STATES))

    @property
    def is_active(self):
        """True if the material stores Li (state ``"charged"`` or ``"discharged"``)."""
        return self.state != "inactive"

    @property
    def theoretical_capacity(self):
        """Faraday capacity n F / (3.6 M) of ``li_per_formula_unit`` Li, mAh per g of this phase (None if unknown)."""
        if not self.molar_mass or not self.li_per_formula_unit:
            return None
        return self.li_per_formula_unit * MAH_PER_MOL / self.molar_mass

    @property
    def lithiated(self):
        """The discharged-counterpart :class:`Material` (None if this material is not a charged host)."""
        if self.lithiated_record is not None:
            return self.lithiated_record
        return get_material(self.lithiated_name) if self.lithiated_name else None

    @property
    def lithiated_density(self):
        """Density of the lithiated (discharged) state, g/cm^3 (this density if it has no counterpart)."""
        lith = self.lithiated
        return lith.density if lith is not None else self.density

    @property
    def charged_density(self):
        """Density of the charged (delithiated) state, g/cm^3 (this density if it has no counterpart)."""
        if self.delithiated_record is not None:
            return self.delithiated_record.density
        return get_material(self.delithiated_name).density if self.delithiated_name else self.density

    @property
    def lithiation_mass_ratio(self):
        """Mass of the lithiated counterpart formed per mass of this material (1 if none).

        ``lithiated_units * M(lithiated) / M(this)``, e.g. 8 * 46 / 256 = 1.4375 for S8 -> Li2S with the paper's
        molar masses.
        """
        lith = self.lithiated
        if lith is None:
            return 1.0
        if not (self.molar_mass and lith.molar_mass):
            raise ValueError(f"material {self.name!r} or its counterpart {lith.name!r} has no molar mass")
        return self.lithiated_units * lith.molar_mass / self.molar_mass


#: how far above its Faraday capacity a material's capacity may be (the paper's rounded capacities; the library's are
#: at most 0.03 % above theirs): :func:`check_faraday`, and the largest capacity :func:`check_typed_capacity` reads
FARADAY_TOLERANCE = 1.01

#: mA.h per A.h: a capacity typed in A.h/g where mA.h/g is meant is read this many times too small
MAH_PER_AH = 1000.0
#: that slip (:attr:`pybamm_aea.ranges.Range.slip`'s format, worded by :func:`pybamm_aea.ranges.slip_question`): a
#: capacity in mA.h/g typed in A.h/g, 1 / :data:`MAH_PER_AH` of which make one mA.h/g
_AH_PER_G_SLIP = ("mA.h/g", "A.h/g", 1.0 / MAH_PER_AH)


def check_faraday(capacity, material, where):
    """ValueError naming ``where`` if ``capacity`` [mAh/g] exceeds the Faraday capacity of ``material`` (its
    ``li_per_formula_unit`` Li per ``molar_mass``) by more than 1 % (the paper's rounded capacities; the library's
    are at most 0.03 % above theirs); nothing to check without a molar mass or a Li count."""
    faraday = material.theoretical_capacity
    if faraday is not None and capacity > FARADAY_TOLERANCE * faraday:
        raise ValueError(f"{where} = {capacity!r} exceeds the Faraday capacity of li_per_formula_unit = "
                         f"{material.li_per_formula_unit!r} Li per molar_mass = {material.molar_mass!r} g/mol, "
                         f"{faraday:.4g} mAh/g")


def check_typed_capacity(capacity, material, where):
    """ValueError naming ``where`` if ``capacity`` [mA.h/g], a user's (>= 0, checked), is above 0 and read in A.h/g
    is a capacity ``material`` can have: :data:`MAH_PER_AH` ``capacity`` within its Faraday capacity as
    :func:`check_faraday` takes it (:data:`FARADAY_TOLERANCE` times it), i.e. ``capacity`` at most
    100 FARADAY_TOLERANCE / MAH_PER_AH % of it, which the error states ("... did you give A.h/g? 0.128 A.h/g =
    128 mA.h/g";
    ``energy --capacity Mo6S8=0.128`` ran and gave an ESC of 0.1 mA.h/g, session 51). Any other capacity up to the
    Faraday capacity is taken (a cell's delivered few mA.h/g: LiFePO4 5, Mo6S8 10), and 0 (inert). A material with no
    Faraday capacity (no molar mass or Li count: "ASSLB AM (average)", a user's record) is held to Li metal's, the
    most any material stores per gram (review R15: "ASSLB AM (average)=0.128" ran, an ESC of 64.1 mA.h/g)."""
    faraday = material.theoretical_capacity
    whose = f"{material.name}'s Faraday capacity"
    if faraday is None:
        faraday = get_material("Li").theoretical_capacity
        whose = f"Li metal's Faraday capacity, the most any material stores ({material.name} has none known)"
    if capacity == 0.0 or MAH_PER_AH * capacity > FARADAY_TOLERANCE * faraday:
        return
    raise ValueError(f"{where} = {capacity:.10g} mA.h/g is at most "
                     f"{100.0 * FARADAY_TOLERANCE / MAH_PER_AH:.4g} % of {whose}, {faraday:.4g} mA.h/g: in A.h/g "
                     f"a capacity it can have, within {FARADAY_TOLERANCE:g} times that Faraday capacity (0 is taken: "
                     f"an inert material's); {slip_question(capacity, _AH_PER_G_SLIP)}")


_REGISTRY = {}
_LOOKUP = {}


def register_material(material, overwrite=False):
    """Add a :class:`Material` to the library so it can be used by name.

    Parameters
    ----------
    material : Material
        The record (its ``name`` and ``aliases`` become look-up keys).
    overwrite : bool
        Replace an existing record of the same name (default False: ValueError).

    Returns
    -------
    Material
    """
    material = _aea_record(material) or material
    if not isinstance(material, Material):
        raise TypeError(f"register_material expects a Material or an AEAMaterial, got {type(material).__name__}")
    keys = [name_key(material.name)] + [name_key(a) for a in material.aliases]
    for k in keys:
        owner = _LOOKUP.get(k)
        if owner is not None and owner != material.name and not overwrite:
            raise ValueError(f"name or alias {k!r} of {material.name!r} is already used by material {owner!r}")
    if material.name in _REGISTRY and not overwrite:
        raise ValueError(f"material {material.name!r} is already registered (pass overwrite=True to replace it)")
    if material.name in _REGISTRY:
        old = _REGISTRY[material.name]
        for k in [name_key(old.name)] + [name_key(a) for a in old.aliases]:
            _LOOKUP.pop(k, None)
    _REGISTRY[material.name] = material
    for k in keys:
        _LOOKUP[k] = material.name
    return material


def get_material(name):
    """The :class:`Material` called ``name`` (or one of its aliases; case, spaces, '-' and '_' ignored).

    A :class:`Material` passed in is returned unchanged; an :class:`~pybamm_aea.materials.AEAMaterial` or the path of
    its ``.json`` file gives its record (:func:`from_aea_material`). Unknown names raise :class:`UnknownMaterialError`
    (subclass of both ``KeyError`` and ``ValueError``) whose message lists the known materials.
    """
    if isinstance(name, Material):
        return name
    record = _aea_record(name)
    if record is not None:
        return record
    canonical = _LOOKUP.get(name_key(name))
    if canonical is None:
        raise UnknownMaterialError(
            f"unknown material {name!r}; known materials: {', '.join(list_materials())} "
            "(register your own with pybamm_aea.energy.register_material)" + did_you_mean(name, list_materials())
        )
    return _REGISTRY[canonical]


def list_materials():
    """Sorted names of the registered materials."""
    return sorted(_REGISTRY, key=str.lower)


_NOT_TABULATED = ("aliases", "lithiated_record", "delithiated_record")


def materials_table():
    """The library as a pandas DataFrame (one row per material, indexed by name), with the Faraday capacity."""
    rows = []
    for name in list_materials():
        m = _REGISTRY[name]
        d = {f.name: getattr(m, f.name) for f in fields(m) if f.name not in _NOT_TABULATED}
        d["aliases"] = ", ".join(m.aliases)
        d["theoretical_capacity"] = m.theoretical_capacity
        rows.append(d)
    return pd.DataFrame(rows).set_index("name")


def _aea_record(material):
    """The record of an AEAMaterial or of its ``.json`` path (:func:`pybamm_aea.materials.as_material`, the one
    resolver of materials); None for anything else."""
    if isinstance(material, (str, Material)) and not str(material).lower().endswith(".json"):
        return None
    from pybamm_aea.materials import as_material

    aea = as_material(material)
    return None if aea is None else from_aea_material(aea)


def _window_average_voltage(aea, temperature):
    """Mean OCP [V vs Li] of an AEAMaterial over its Li window at ``temperature`` [K]: U(theta) (its lithiation
    branch) on 2000 midpoints of theta in (0, 1), each clipped to the material's voltage cut-offs."""
    import numpy as np
    import pybamm

    theta = (np.arange(2000) + 0.5) / 2000
    f = aea.ocp.function_of_content(aea.x_max)
    u = np.asarray(f(pybamm.Vector(theta * aea.x_max), pybamm.Scalar(temperature)).evaluate(), float).ravel()
    return float(np.mean(np.clip(u, aea.lower_voltage, aea.upper_voltage)))


def from_aea_material(aea, temperature=None):
    """The energy model's :class:`Material` of an :class:`~pybamm_aea.materials.AEAMaterial`: every number is the
    AEAMaterial's own, nothing typed again.

    - ``density``, ``molar_mass``: as pressed (g/cm3, g/mol); ``li_per_formula_unit``: ``x_max``;
      ``specific_capacity``: its ``theoretical_capacity`` x_max F / (3.6 M) (mAh per g as pressed, the AEA model's
      window and C-rate basis).
    - ``state``: ``"discharged"`` if made lithiated (``charge_first``), its charged counterpart at
      ``delithiated_density`` holding ``initial_li_content`` Li less; else ``"charged"``, its discharged
      counterpart at ``lithiated_density`` holding ``x_max - initial_li_content`` Li more (g/mol of Li: 6.94).
    - ``average_voltage``: the window average of its OCP (:func:`_window_average_voltage`) at ``temperature`` [K],
      default the ambient temperature of the paper's lab cell (343.15 K, its AEA cells' default build).
    """
    key = (aea.to_json(), temperature)  # by content: a material changed after a call gets a new record
    if key not in _AEA_RECORDS:
        _AEA_RECORDS[key] = _from_aea_material(aea, temperature)
    return _AEA_RECORDS[key]


_AEA_RECORDS = {}


def _from_aea_material(aea, temperature):
    from pybamm_aea.materials.material import CELL_BUILDS

    aea.validate()  # a field changed after the material was made: MaterialError naming it, not a wrong record
    if temperature is None:
        temperature = CELL_BUILDS["paper"]()["Ambient temperature [K]"]
    v = _window_average_voltage(aea, temperature)
    cited = ', '.join(f'{k}: {r}' for k, r in aea.references.items()) or 'no references'
    source = f"AEAMaterial {aea.name!r} ({cited})"
    m_li = M_LI * 1e3  # g/mol
    q = aea.theoretical_capacity
    if aea.charge_first:  # made lithiated: the counterpart is the delithiated phase
        other_mass = aea.molar_mass - aea.initial_li_content * m_li
        other = Material(f"{aea.name} (delithiated)", f"{aea.formula} less {aea.initial_li_content:g} Li",
                         aea.delithiated_density, "active", molar_mass=other_mass,
                         specific_capacity=q * aea.molar_mass / other_mass, li_per_formula_unit=aea.x_max,
                         average_voltage=v, state="charged", lithiated_name=aea.name, source=source)
        record = Material(aea.name, aea.formula, aea.density, "active", molar_mass=aea.molar_mass,
                          specific_capacity=q, li_per_formula_unit=aea.x_max, average_voltage=v, state="discharged",
                          delithiated_name=other.name, source=source, delithiated_record=other)
        object.__setattr__(other, "lithiated_record", record)  # (frozen records: the link back, set once here)
        return record
    other_mass = aea.molar_mass + (aea.x_max - aea.initial_li_content) * m_li
    other = Material(f"{aea.name} (lithiated)", f"{aea.formula} + {aea.x_max - aea.initial_li_content:g} Li",
                     aea.lithiated_density, "active", molar_mass=other_mass,
                     specific_capacity=q * aea.molar_mass / other_mass, li_per_formula_unit=aea.x_max,
                     average_voltage=v, state="discharged", delithiated_name=aea.name, source=source)
    return Material(aea.name, aea.formula, aea.density, "active", molar_mass=aea.molar_mass, specific_capacity=q,
                    li_per_formula_unit=aea.x_max, average_voltage=v, state="charged", lithiated_name=other.name,
                    source=source, lithiated_record=other)


# ----------------------------------------------------------------------------------------------------------------
# The records. Values the paper tabulates are read from its tables.
_S2 = load_paper_table("tableS2_electrode_composition").set_index("quantity")
_S9 = load_paper_table("tableS9_electrode_energy").set_index("material")


def _s9(row, column):
    return float(_S9.loc[row, column])


def _s2_am_density(column):
    return float(_S2.loc["AM_density_g_per_cm3", column])


_RECORDS = [
    # --- AEA hosts and their lithiated counterparts ------------------------------------------------------------
    Material(
        "Mo6S8", "Mo6S8", 5.06, "active", molar_mass=formula_mass("Mo6S8"), specific_capacity=128.0,
        li_per_formula_unit=4, average_voltage=_s9("Mo6S8", "average_voltage_V"), state="charged",
        lithiated_name="Li4Mo6S8",
        source=f"{PAPER}: 5.06 g/cm3, 128 mAh/g (calculation model, Tables S6/S7); 2.05 V from Table S9; {_FORMULA} "
        "(832.18 g/mol; the paper's calculation model rounds it to 832)",
        aliases=("chevrel", "MS"),
    ),
    Material(
        "Li4Mo6S8", "Li4Mo6S8", _s2_am_density("AEA_Li4Mo6S8"), "active",
        molar_mass=formula_mass("Li4Mo6S8"), specific_capacity=128.0 * formula_mass("Mo6S8") / formula_mass("Li4Mo6S8"),
        li_per_formula_unit=4, average_voltage=_s9("Mo6S8", "average_voltage_V"), state="discharged",
        delithiated_name="Mo6S8",
        source=f"{_PAPER_S2} (4.78 g/cm3); {_FORMULA} (859.94 g/mol; the paper's calculation model: 860); capacity = "
        "128 mAh/g of Mo6S8 expressed per g of Li4Mo6S8",
    ),
    # S8 and Li2S keep the paper's calculation-model molar masses, 256 and 46 g/mol (the formulas give 256.48 and
    # 45.94): Table S8's energies and the paper's 8 Li2S : S8 = 368 : 256 mass ratio are computed with them
    Material(
        "S8", "S8", 1.96, "active", molar_mass=256.0, specific_capacity=1675.0, li_per_formula_unit=16,
        average_voltage=2.0, state="charged", lithiated_name="Li2S", lithiated_units=8,
        source=f"{PAPER}: 1.96 g/cm3, 1675 mAh/g, M = 256 g/mol (calculation model); 2 V average as in Table S8 "
        "(IUPAC M = 256.5; alpha-S8 crystallographic density 2.07 g/cm3, CRC)",
        melting_point=388.36, melting_point_source=f"{_CRC}: sulfur (alpha/beta S8) melts at 115.21 C",
        aliases=("S", "sulfur", "sulphur"),
    ),
    Material(
        "Li2S", "Li2S", _s2_am_density("Li2S"), "active", molar_mass=46.0,
        specific_capacity=1675.0 * 256.0 / (8 * 46.0), li_per_formula_unit=2, average_voltage=2.0,
        state="discharged", delithiated_name="S8",
        source=f"{_PAPER_S2} (1.66 g/cm3) and calculation model (M = 46 g/mol); capacity = 1675 mAh/g of S "
        "per g of Li2S (Faraday: 1166 mAh/g)",
    ),
    Material(
        "TiS2", "TiS2", 3.22, "active", molar_mass=formula_mass("TiS2"),
        specific_capacity=MAH_PER_MOL / formula_mass("TiS2"), li_per_formula_unit=1,
        average_voltage=_s9("TiS2", "average_voltage_V"), state="charged", lithiated_name="LiTiS2",
        source=f"density {_CRC}; {_FORMULA}; Faraday capacity of 1 Li; 2.07 V from {_PAPER_S9}",
        aliases=("TS",),
    ),
    Material(
        "LiTiS2", "LiTiS2", _s9("TiS2", "active_density_g_per_cm3"), "active",
        molar_mass=formula_mass("LiTiS2"), specific_capacity=MAH_PER_MOL / formula_mass("LiTiS2"),
        li_per_formula_unit=1,
        average_voltage=_s9("TiS2", "average_voltage_V"), state="discharged", delithiated_name="TiS2",
        source=f"density 3.09 g/cm3 is the 'TiS2' active density of {_PAPER_S9} (the discharged phase: LiTiS2 cell "
        "a = 3.46, c = 6.19 A gives 3.08 g/cm3, cf. TiS2 3.22); Faraday capacity of 1 Li; " + _FORMULA,
    ),
    Material(
        "Li4Ti5O12", "Li4Ti5O12", 3.48, "active", molar_mass=formula_mass("Li4Ti5O12"), specific_capacity=175.0,
        li_per_formula_unit=3, average_voltage=1.55, state="charged", lithiated_name="Li7Ti5O12",
        source="spinel a = 8.36 A (the literature value the public abstract of Teshima et al., Cryst. Growth Des., "
        "4401 (2011) quotes) -> 3.48 g/cm3; 175 mAh/g (3 Li, Faraday) and 1.55 V as in the public abstract of Julien "
        "& Mauger, Micromachines 15, 310 (2024); once attributed to Ohzuku, Ueda, Yamamoto, J. Electrochem. Soc. 142, "
        "1431 (1995), whose text could not be checked (session 46); " + _FORMULA + " (459.08 g/mol)",
        aliases=("LTO",),
    ),
    Material(
        "Li7Ti5O12", "Li7Ti5O12", 3.646, "active", molar_mass=formula_mass("Li7Ti5O12"),
        specific_capacity=175.0 * formula_mass("Li4Ti5O12") / formula_mass("Li7Ti5O12"),
        li_per_formula_unit=3, average_voltage=1.55, state="discharged", delithiated_name="Li4Ti5O12",
        source="lattice a = 8.353 A, 8/3 formula units per cell -> 3.646 g/cm3: a = 8.353 A assumed, because the place "
        "in Ohzuku et al., J. Electrochem. Soc. 142, 1431 (1995) it was attributed to could not be checked (its text "
        "is not public here; no public record found in session 46 gives it); a 'zero-strain' lattice equal to "
        "Li4Ti5O12's 8.36 A would give 3.637 g/cm3 and no volume change on lithiation instead of -0.2 %; "
        + _FORMULA + " (479.90 g/mol)",
    ),
    # --- Conventional cathodes (the paper's Table S9 values are the defaults) ------------------------------------
    Material(
        "LiCoO2", "LiCoO2", _s9("LiCoO2", "active_density_g_per_cm3"), "active", molar_mass=formula_mass("LiCoO2"),
        specific_capacity=_s9("LiCoO2", "specific_capacity_mAh_per_g"), li_per_formula_unit=1,
        average_voltage=_s9("LiCoO2", "average_voltage_V"), state="discharged",
        source=f"{_PAPER_S9} (density, practical capacity, voltage); {_FORMULA} (97.87 g/mol)", aliases=("LCO",),
    ),
    Material(
        "NMC", "LiNi0.5Mn0.3Co0.2O2 (the paper's generic NMC)", _s9("NMC", "active_density_g_per_cm3"), "active",
        molar_mass=formula_mass("LiNi0.5Mn0.3Co0.2O2"), specific_capacity=_s9("NMC", "specific_capacity_mAh_per_g"),
        li_per_formula_unit=1,
        average_voltage=_s9("NMC", "average_voltage_V"), state="discharged",
        source=f"{_PAPER_S9} (density 3.7 as used by the paper, capacity, voltage); {_FORMULA} (NMC532's, 96.55 "
        "g/mol)",
        aliases=("NCM",),
    ),
    Material(
        "NMC811", "LiNi0.8Mn0.1Co0.1O2", 4.78, "active", molar_mass=formula_mass("LiNi0.8Mn0.1Co0.1O2"),
        specific_capacity=200.0,
        li_per_formula_unit=1, average_voltage=3.8, state="discharged",
        source=_uncited_lattice("NCM811", "2.87", "14.20") + "; capacity and voltage (3.0-4.3 V, 0.1C) from Noh et "
        "al., J. Power Sources 233, 121 (2013); " + _FORMULA + " (97.28 g/mol)",
        aliases=("NCM811",),
    ),
    Material(
        "NMC532", "LiNi0.5Mn0.3Co0.2O2", 4.74, "active", molar_mass=formula_mass("LiNi0.5Mn0.3Co0.2O2"),
        specific_capacity=170.0,
        li_per_formula_unit=1, average_voltage=3.7, state="discharged",
        source=_uncited_lattice("NCM532", "2.868", "14.24") + "; capacity and voltage from Noh et al., J. Power "
        "Sources 233, 121 (2013); " + _FORMULA + " (96.55 g/mol)",
        aliases=("NCM532",),
    ),
    Material(
        "LiFePO4", "LiFePO4", _s9("LiFePO4", "active_density_g_per_cm3"), "active",
        molar_mass=formula_mass("LiFePO4"),
        specific_capacity=_s9("LiFePO4", "specific_capacity_mAh_per_g"), li_per_formula_unit=1,
        average_voltage=_s9("LiFePO4", "average_voltage_V"), state="discharged",
        source=f"{_PAPER_S9} (density 3.4 as used by the paper; olivine crystallographic 3.60), {_FORMULA} "
        "(157.75 g/mol)",
        aliases=("LFP", "C-LiFePO4"),
    ),
    Material(
        "LiMn2O4", "LiMn2O4", _s9("LiMn2O4", "active_density_g_per_cm3"), "active",
        molar_mass=formula_mass("LiMn2O4"),
        specific_capacity=_s9("LiMn2O4", "specific_capacity_mAh_per_g"), li_per_formula_unit=1,
        average_voltage=_s9("LiMn2O4", "average_voltage_V"), state="discharged",
        source=f"{_PAPER_S9} (density 4.05 as used by the paper; spinel crystallographic 4.28), {_FORMULA} "
        "(180.81 g/mol)",
        aliases=("LMO",),
    ),
    Material(
        "ASSLB AM (average)", "average cathode active material of the paper's ASSLB column",
        _s2_am_density("ASSLB_average"), "active", specific_capacity=None, state="discharged",
        source=f"{_PAPER_S2}, ASSLB column (4 g/cm3 average active-material density; no capacity given)",
    ),
    # --- Anodes --------------------------------------------------------------------------------------------------
    Material(
        "Li", "Li", 0.534, "anode", molar_mass=M_LI * 1e3, specific_capacity=MAH_PER_MOL / (M_LI * 1e3),
        li_per_formula_unit=1,
        average_voltage=0.0, state="discharged",
        source=f"density {_CRC}; Faraday capacity 3861 mAh/g (1 mAh/cm2 = 4.85 um)",
        melting_point=453.65, melting_point_source=f"{_CRC}: lithium melts at 180.5 C",
        aliases=("Li metal", "lithium"),
    ),
    Material(
        "In", "In", 7.31, "anode", molar_mass=formula_mass("In"), specific_capacity=MAH_PER_MOL / formula_mass("In"),
        li_per_formula_unit=1, average_voltage=LI_IN_PLATEAU, state="charged", lithiated_name="Li-In alloy",
        source=f"density {_CRC}; In/LiIn plateau {_LI_IN_SOURCE}; " + _FORMULA + " (114.82 g/mol)",
        melting_point=429.75, melting_point_source=f"{_CRC}: indium melts at 156.60 C",
        aliases=("indium",),
    ),
    Material(
        "Li-In alloy", "LiIn", liin_density(), "anode", molar_mass=formula_mass("LiIn"),
        specific_capacity=MAH_PER_MOL / formula_mass("LiIn"),
        li_per_formula_unit=1, average_voltage=LI_IN_PLATEAU, state="discharged", delithiated_name="In",
        source=f"NaTl-type LiIn, a = {LIIN_CELL_A} A, Z = 8 -> {liin_density():.3f} g/cm3 (the lattice parameter as "
        "first written, after Pearson's Handbook of Crystallographic Data: not checked, no copy found); "
        f"{_LI_IN_SOURCE}; " + _FORMULA + " (121.76 g/mol)",
        aliases=("LiIn", "Li-In"),
    ),
    Material(  # 372 mAh/g: the literature's rounded LiC6 value, not Faraday's on C6 (371.9, 0.03 % below)
        "Graphite", "C6 (LiC6 on lithiation)", 2.26, "anode", molar_mass=formula_mass("C6"), specific_capacity=372.0,
        li_per_formula_unit=1, average_voltage=0.1, state="charged",
        source=f"density {_CRC}; 372 mAh/g (LiC6), the conventional rounded value (Faraday on C6's 72.07 g/mol: "
        "371.9); ~0.1 V average vs Li (Winter et al., Adv. Mater. 10, 725 "
        "(1998)); " + _FORMULA + " (C6, 72.07 g/mol)",
    ),
    # --- Electrolytes ----------------------------------------------------------------------------------------------
    Material(
        "Li10GeP2S12", "Li10GeP2S12", 2.04, "solid electrolyte", molar_mass=formula_mass("Li10GeP2S12"),
        source="Kamaya et al., Nat. Mater. 10, 682 (2011): tetragonal a = 8.718, c = 12.636 A, Z = 2 -> 2.04 g/cm3; "
        + _FORMULA + " (588.70 g/mol)",
        aliases=("LGPS",),
    ),
    Material(
        "Li3PS4", "beta-Li3PS4", 1.87, "solid electrolyte", molar_mass=formula_mass("Li3PS4"),
        source="lower end of the sulfide-electrolyte densities quoted by the paper (1.87-1.97 g/cm3, main text); "
        "not checked against Homma et al., Solid State Ionics 182, 53 (2011), once quoted for a beta-Li3PS4 density of "
        "~1.86 g/cm3 (session 45: the public ICSD record of that work gives gamma-Li3PS4's X-ray density, 1.93); "
        + _FORMULA + " (180.03 g/mol)",
        aliases=("LPS",),
    ),
    Material(
        "Sulfide SE", "generic sulfide solid electrolyte", 1.92, "solid electrolyte",
        source=f"{_PAPER_S2} note: 1.92 g/cm3, the average of sulfide electrolytes (1.87-1.97)",
        aliases=("SSE", "solid electrolyte"),
    ),
    Material(
        "1M LiPF6 EC/DMC", "1 M LiPF6 in EC/DMC", 1.2, "liquid electrolyte",
        source=f"{_PAPER_S2} note: 1 M liquid electrolyte 1.2 g/cm3",
        aliases=("liquid electrolyte", "LiPF6", "1 M LiPF6 EC/DMC"),
    ),
    # --- Carbon and binder ------------------------------------------------------------------------------------------
    Material(
        "Carbon", "carbon additive (graphitic density)", 2.26, "conductive additive",
        source=f"{_PAPER_S2} note: carbon 2.26 g/cm3",
    ),
    Material(
        "Binder", "polymer binder (generic)", 1.8, "binder", source=f"{_PAPER_S2} note: binder 1.8 g/cm3",
    ),
    Material(
        "Super P", "carbon black", 1.9, "conductive additive",
        source="skeletal (He-pycnometry) density of conductive carbon black, 1.8-2.1 g/cm3 (Spahr et al., J. Power "
        "Sources 196, 3404 (2011))",
        aliases=("SuperP", "Super P carbon", "carbon black"),
    ),
    Material(
        "PVDF", "poly(vinylidene fluoride)", 1.78, "binder",
        source="PVDF homopolymer 1.75-1.80 g/cm3 (Solvay Solef PVDF technical data)",
        aliases=("PVDF binder",),
    ),
    # --- Separator and current collectors ---------------------------------------------------------------------------
    Material(
        "PE separator", "polyethylene separator film (skeleton)", 0.95, "separator",
        source=f"polyethylene density 0.94-0.97 g/cm3 ({_CRC})", aliases=("PE", "polyethylene"),
    ),
    Material("Al", "aluminium foil", 2.70, "current collector", molar_mass=formula_mass("Al"),
             source=f"density {_CRC}; {_FORMULA}", aliases=("aluminium", "aluminum")),
    Material("Cu", "copper foil", 8.96, "current collector", molar_mass=formula_mass("Cu"),
             source=f"density {_CRC}; {_FORMULA}", aliases=("copper",)),
    Material("Ni", "nickel foil", 8.90, "current collector", molar_mass=formula_mass("Ni"),
             source=f"density {_CRC}; {_FORMULA}", aliases=("nickel",)),
    Material("Stainless steel", "304 stainless steel", 7.9, "current collector",
             source="AISI 304 stainless steel 7.9-8.0 g/cm3 (" + _CRC + ")", aliases=("SS", "steel")),
]

for _m in _RECORDS:
    register_material(_m)
del _m
