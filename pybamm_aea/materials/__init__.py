"""Active materials for AEA cells: a user-writable definition, its JSON form, and literature sets.

>>> from pybamm_aea.materials import get_material
>>> lfp = get_material("LiFePO4")
>>> values = lfp.parameter_values(loading=4.8)          # pybamm.ParameterValues, paper's lab cell

:class:`AEAMaterial` (see :mod:`.material`) is what a user writes; :func:`load_material` /
:func:`save_material` read and write it as JSON. The literature sets (one module each, every value
cited there) are registered as PyBaMM parameter sets ``"AEA_<name>"`` on the paper's lab cell with a
Li anode. Static facts (molar masses, densities) come from :mod:`pybamm_aea.energy.materials`.
"""
import copy
import importlib

from ..user_input import did_you_mean, name_key

from .material import (
    CELL_BUILDS,
    OCP,
    SCALAR_FIELDS,
    AEAMaterial,
    MaterialError,
    TransportProperty,
    load_material,
    save_material,
)

#: literature material -> module holding its ``MATERIAL``
LITERATURE = {
    "LiFePO4": "pybamm_aea.materials.lifepo4",
    "Li4Ti5O12": "pybamm_aea.materials.li4ti5o12",
    "LiCoO2": "pybamm_aea.materials.licoo2",
    "NMC532": "pybamm_aea.materials.nmc532",
    "Mo6S8": "pybamm_aea.materials.paper_hosts:MO6S8",
    "TiS2": "pybamm_aea.materials.paper_hosts:TIS2",
}


def list_materials():
    """Names of the literature materials."""
    return list(LITERATURE)


def literature_name(name):
    """The :data:`LITERATURE` material ``name`` names, read as :func:`pybamm_aea.energy.get_material` reads a name
    (:func:`~pybamm_aea.user_input.name_key`: 'lifepo4' is 'LiFePO4'), or None."""
    return next((k for k in LITERATURE if name_key(k) == name_key(name)), None) if isinstance(name, str) else None


def get_material(name):
    """A copy of the literature :class:`AEAMaterial` called ``name`` (case, spaces, '-' and '_' ignored, as
    :func:`pybamm_aea.energy.get_material`; an AEAMaterial passes through): a change made to it
    (``m.porosity = 0.3``) stays in that copy, not in the library record the parameter sets and every later call
    read."""
    if isinstance(name, AEAMaterial):
        return name
    known = literature_name(name)
    if known is None:
        raise MaterialError(f"unknown material {name!r}; literature materials: {list(LITERATURE)}"
                            + did_you_mean(name, LITERATURE))
    module, _, attr = LITERATURE[known].partition(":")
    return copy.deepcopy(getattr(importlib.import_module(module), attr or "MATERIAL"))


def as_material(material):
    """The :class:`~pybamm_aea.materials.AEAMaterial` that ``material`` names: an AEAMaterial as given, a
    literature name (:data:`pybamm_aea.materials.LITERATURE`), or the path (str or ``os.PathLike``, ending in
    ``.json``) of a file written by :func:`~pybamm_aea.materials.save_material`; None for anything else (e.g. a
    parameter-set name). A JSON file that cannot be read raises :class:`~pybamm_aea.materials.MaterialError`
    naming it. The one resolver of the screen, the sweep and the energy model."""
    import os

    if isinstance(material, AEAMaterial):
        return material
    if literature_name(material) is not None:
        return get_material(material)
    if isinstance(material, os.PathLike) or (isinstance(material, str) and material.lower().endswith(".json")):
        try:
            return load_material(material)
        except OSError as exc:
            raise MaterialError(f"material file {os.fspath(material)!r} cannot be read: {exc}") from None
    return None


__all__ = [
    "AEAMaterial", "OCP", "TransportProperty", "MaterialError", "SCALAR_FIELDS", "CELL_BUILDS",
    "load_material", "save_material", "get_material", "list_materials", "as_material", "LITERATURE",
]
