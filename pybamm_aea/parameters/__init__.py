"""Parameter sets of pybamm-aea, registered with PyBaMM as ``pybamm_parameter_sets``, and the facts beside them.

Each set module has a ``get_parameter_values()`` returning a dict with a ``"citations"`` entry, as PyBaMM's own
sets do. What the set's values do not say but the studies need is written here once, per set
(:data:`SET_FACTS`): the cathode's materials (names of :mod:`pybamm_aea.energy`), the compaction data of its
porosity vs pressure, and the degradation options whose parameters the set calibrates. The densities stay in the
values ("Cathode host density [kg.m-3]", of the Li-free host, "Dispersed material density [kg.m-3]");
:func:`host_as_made`, :func:`solid_density`, :func:`cathode_thickness` and :func:`cathode_loading` are the one
conversion between thickness and loading, used
by the model (:class:`pybamm_aea.models.parameters.AEAParameters`), the sweeps and the studies.
"""
from dataclasses import dataclass, field

from .. import pybamm_adapter
from ..constants import M_LI
from ..user_input import close_names, did_you_mean

__all__ = ["PYBAMM_MODEL_SETS", "PAPER_CELL_NAMES", "unknown_set_message", "is_aea_set", "starts_with_charge",
           "registered_values", "SetFacts", "SET_FACTS",
           "facts", "composition", "host_specific_volume", "host_as_made", "solid_density", "cathode_thickness",
           "cathode_loading", "loading_for_thickness"]


#: registered sets that are for PyBaMM's own lithium-ion models, not for the AEA model: name -> model
PYBAMM_MODEL_SETS = {"Li2021_S_C_LGPS": "pybamm_aea.conventional.s_c_lgps_model() (PyBaMM's DFN half cell)"}


#: the paper's names of its cells (Li et al. 2021, main text and SI: "LMS", "LTS", "S-LMS", "LTO-LMS" and the
#: conventional "S-C-LGPS" cathode) -> this package's set of each; a user typing "Li2021_LMS" means Li2021_Mo6S8
PAPER_CELL_NAMES = {"LMS": "Li2021_Mo6S8", "LTS": "Li2021_TiS2", "S-LMS": "Li2021_S_Mo6S8",
                    "LTO-LMS": "Li2021_LTO_Mo6S8", "S-C-LGPS": "Li2021_S_C_LGPS"}


def _cell_key(text):
    """A paper cell's name as compared: case, "Li2021", spaces, dashes and underscores ignored."""
    return "".join(c for c in str(text).lower().removeprefix("li2021") if c.isalnum())


def unknown_set_message(name, known, materials=None):
    """What refuses ``name``, a parameter set not among ``known`` (the registered sets' names,
    ``pybamm.parameter_sets``): the set of the paper's cell it names (:data:`PAPER_CELL_NAMES`: "Li2021_LMS" is
    Li2021_Mo6S8), else the closest names (:func:`~pybamm_aea.user_input.close_names`), else this package's sets;
    never PyBaMM's list of all 28 sets without a hint (trial WT, session 63). ``materials``: the literature
    materials' names a caller takes as well as a set's (the screen's, :data:`pybamm_aea.materials.LITERATURE`):
    ``name`` is then an unknown material, the materials are suggested beside the sets and listed when none is
    close (session 63: the screen matched close names of its own, without the paper's cell names)."""
    known = list(known)
    if materials is None:
        head, sep, names, listed = f"unknown parameter set {name!r}", ":", known, ""
    else:
        materials = list(materials)
        head, sep = f"unknown material {name!r}: not a parameter set nor a literature material", ";"
        names, listed = known + materials, f", its literature materials {materials}"
    paper = {_cell_key(cell): (cell, set_name) for cell, set_name in PAPER_CELL_NAMES.items() if set_name in known}
    if _cell_key(name) in paper:
        cell, set_name = paper[_cell_key(name)]
        return f"{head}; did you mean [{set_name!r}]? (the paper's {cell} cell)"
    close = close_names(name, names)
    if close:
        return f"{head}; did you mean {close}?"
    own = [k for k in known if k in SET_FACTS or k in PYBAMM_MODEL_SETS]
    return f"{head}{sep} this package's sets are {own}{listed}; PyBaMM's, list(pybamm.parameter_sets)"


def is_aea_set(values):
    """True if parameter values (a ParameterValues or dict) are the AEA model's: they give the cathode's loading,
    "Cathode loading [kg.m-2]", which none of PyBaMM's sets (nor :data:`PYBAMM_MODEL_SETS`) has."""
    return "Cathode loading [kg.m-2]" in values.keys()


def starts_with_charge(values):
    """True if a set's cathode is lithiated as made (LiCoO2, NMC532, LiFePO4), so its first step is a charge: its
    default "Current function [A]" is negative, written so from the material's ``charge_first``
    (:func:`pybamm_aea.parameters.aea_material_cell.material_cell_parameters`). ``values``: a set name or values."""
    return float(_values(values)["Current function [A]"]) < 0


@dataclass(frozen=True)
class SetFacts:
    """What a parameter set's cathode is made of, beyond its values.

    Attributes
    ----------
    host : str
        Host material (a :func:`pybamm_aea.energy.get_material` name).
    dispersed : str or None
        Material dispersed in the host (hybrids), its mass fraction the set's "Dispersed material mass fraction".
    compaction : str or None
        Porosity-vs-pressure data of :func:`pybamm_aea.energy.porosity` ("Mo6S8", "S-LMS"), None if the paper
        has none.
    degradation : dict
        AEA options whose parameters the set calibrates for its own cell (the paper's anode, window and 0.1C):
        with them on, its capacity retention is the model's prediction.
    """

    host: str
    dispersed: str | None = None
    compaction: str | None = None
    degradation: dict = field(default_factory=dict)


SET_FACTS = {
    "Li2021_Mo6S8": SetFacts("Mo6S8", compaction="Mo6S8",
                             degradation={"ionic-switch host loss": "persistent Li0"}),
    "Li2021_TiS2": SetFacts("TiS2", degradation={"Li trapping": "irreversible"}),
    # its activation and contact-loss fit is of the Li-In cell at 0.4-2.4 V (Fig. 5d), not of this Li-metal cell
    "Li2021_S_Mo6S8": SetFacts("Mo6S8", "S8", compaction="S-LMS"),
    # no LTO-LMS compaction data: the Mo6S8 network's (assumption)
    "Li2021_LTO_Mo6S8": SetFacts("Mo6S8", "Li4Ti5O12", compaction="Mo6S8"),
    # the pure literature AEA cells (pybamm_aea.materials); no compaction data for these materials
    "AEA_LiFePO4": SetFacts("LiFePO4"),
    "AEA_Li4Ti5O12": SetFacts("Li4Ti5O12"),
    "AEA_LiCoO2": SetFacts("LiCoO2"),
    "AEA_NMC532": SetFacts("NMC532"),
}


def facts(set_name):
    """The :class:`SetFacts` of a registered AEA set; KeyError naming the value and the sets that have facts.

    The materials' literature sets ``"AEA_<material>"`` (:mod:`pybamm_aea.materials`) are one host each, with
    no compaction data and no calibrated degradation. An ``"AEA_<x>"`` name is answered only if it is a registered
    set (``pybamm.parameter_sets``) of a literature material: one whose ``x`` is no material is refused with
    :func:`pybamm_aea.materials.get_material`'s did-you-mean (``"AEA_NMC523"``: NMC532; it got SetFacts("NMC523")
    until session 63), one of a material without a registered set with the ``AEA_`` sets.
    """
    if set_name in SET_FACTS:
        return SET_FACTS[set_name]
    if isinstance(set_name, str) and set_name.startswith("AEA_"):
        import pybamm

        from ..materials import MaterialError, get_material

        try:
            host = get_material(set_name[len("AEA_"):]).name
        except MaterialError as exc:
            raise KeyError(f"no facts for parameter set {set_name!r}: {exc}") from None
        registered = sorted(name for name in list(pybamm.parameter_sets) if name.startswith("AEA_"))
        if set_name not in registered:
            raise KeyError(f"no facts for parameter set {set_name!r}: no such set of {host}; the AEA_ sets are "
                           f"{registered}" + did_you_mean(set_name, registered))
        return SetFacts(host)
    raise KeyError(f"no facts for parameter set {set_name!r}; known: {sorted(SET_FACTS)} and the AEA_<material> "
                   "sets" + did_you_mean(set_name, SET_FACTS))


#: the one cache of parameter values: a registered set's name, or ("material", an AEAMaterial's JSON) -> values
_VALUES = {}


def registered_values(source):
    """``pybamm.ParameterValues`` of a registered set's name, or of an
    :class:`~pybamm_aea.materials.AEAMaterial` on the paper's lab cell (its default build), read once per process.

    A material is keyed by its content (its JSON), so one changed since is read again. Each call returns a copy:
    a change made to it reaches neither the cache nor the next caller (it did: a porosity of 0.5 set in the
    returned values ran a later sweep of the set by name, 681 Wh/L instead of 1217).
    """
    key = source if isinstance(source, str) else ("material", source.to_json())
    if key not in _VALUES:
        import pybamm

        if isinstance(source, str) and source not in list(pybamm.parameter_sets):  # (keys: no set loaded)
            raise ValueError(unknown_set_message(source, pybamm.parameter_sets))
        _VALUES[key] = pybamm.ParameterValues(source) if isinstance(source, str) else source.parameter_values()
    return _VALUES[key].copy()


def _values(values):
    """ParameterValues of a set name (read once per process), else ``values`` as given."""
    return registered_values(values) if isinstance(values, str) else values


def composition(set_name, values=None, dispersed_fraction=None):
    """Mass fractions of the solid of a set's cathode, ``{material: fraction}``; the dispersed material's
    fraction is ``dispersed_fraction``, else the values' "Dispersed material mass fraction"."""
    f = facts(set_name)
    if f.dispersed is None:
        return {f.host: 1.0}
    if dispersed_fraction is None:
        dispersed_fraction = float(_values(values if values is not None else set_name)[
            "Dispersed material mass fraction"])
    return {f.dispersed: dispersed_fraction, f.host: 1.0 - dispersed_fraction}


def host_specific_volume(free_density, lithiated_density, free_molar_mass, max_content, content):
    """Volume [m3] per kg of Li-free host at ``content`` Li per formula unit: Vegard's law between the Li-free
    host (``free_molar_mass`` [kg.mol-1] at ``free_density`` [kg.m-3]) and the full one (``max_content`` Li
    more, at ``lithiated_density``). Numbers or PyBaMM symbols."""
    theta = content / max_content
    return (1 - theta) / free_density + theta * (1 + max_content * M_LI / free_molar_mass) / lithiated_density


def host_molar_mass_as_made(free_molar_mass, content_as_made):
    """Formula mass [kg.mol-1] of the host as made: the Li-free host's plus the Li it holds per formula unit."""
    return free_molar_mass + content_as_made * M_LI


def host_as_made(free_density, lithiated_density, free_molar_mass, max_content, content_as_made):
    """(density [kg.m-3], molar mass [kg.mol-1]) of the host as made, holding ``content_as_made`` Li per formula
    unit (0 for the paper's Mo6S8 and TiS2, pressed Li-free; LiCoO2 is pressed lithiated), at the volume of
    :func:`host_specific_volume`: the basis of the loading, the thickness and the capacity per gram."""
    molar_mass = host_molar_mass_as_made(free_molar_mass, content_as_made)
    swelling = (host_specific_volume(free_density, lithiated_density, free_molar_mass, max_content, content_as_made)
                / host_specific_volume(free_density, lithiated_density, free_molar_mass, max_content, 0.0))
    # as ratios to the Li-free host, so that a host made Li-free (0) has its density to the last digit
    return free_density * (molar_mass / free_molar_mass) / swelling, molar_mass


def solid_density(host_density, dispersed_fraction=0.0, dispersed_density=1.0):
    """Density of the charged solid mixture [kg.m-3]: host and dispersed material by mass fraction (volumes
    add). Numbers or PyBaMM symbols."""
    return 1 / ((1 - dispersed_fraction) / host_density + dispersed_fraction / dispersed_density)


def cathode_thickness(loading, porosity, density):
    """Cathode thickness [m] of a loading [kg.m-2] at a porosity, ``density`` the solid's [kg.m-3]."""
    return loading / (density * (1 - porosity))


def cathode_loading(thickness, porosity, density):
    """Cathode loading [kg.m-2] of a thickness [m] at a porosity; the inverse of :func:`cathode_thickness`."""
    return thickness * density * (1 - porosity)


def loading_for_thickness(values, thickness, porosity=None, dispersed_fraction=None):
    """Cathode loading [kg.m-2] that makes an electrode of ``thickness`` [m] with a set's solid (host and
    dispersed material at their densities; ``values`` a ParameterValues, dict or set name).

    ``porosity`` and ``dispersed_fraction`` default to the values'. ValueError naming a missing density.
    """
    values = _values(values)
    try:
        rho_host, _ = host_as_made(*(float(values[name]) for name in (
            "Cathode host density [kg.m-3]", "Lithiated cathode host density [kg.m-3]",
            "Cathode host molar mass [kg.mol-1]", "Cathode maximum Li content", "Cathode host Li content as made")))
        w = float(values["Dispersed material mass fraction"] if dispersed_fraction is None else dispersed_fraction)
        rho_d = float(values["Dispersed material density [kg.m-3]"]) if w else 1.0
        porosity = float(values["Cathode porosity"] if porosity is None else porosity)
    except KeyError as exc:
        raise ValueError(f"the parameter values have no {exc.args[0]!r} to turn a thickness into a loading") from None
    return cathode_loading(thickness, porosity, solid_density(rho_host, w, rho_d))


# ``pybamm.ParameterValues("Li2021_...")`` imports this package: from then on PyBaMM's
# ``set_initial_state`` methods dispatch AEA sets and models to pybamm_aea.set_initial_state
pybamm_adapter.install_initial_state()
