"""Cell-level (stack) energy density, after the benchmarking practice of Randau et al., Nat. Energy 5, 259 (2020).

A single-sided unit stack per cm^2: cathode layer + separator layer(s) + anode + current collectors.

- ``E_g [Wh/kg] = Q_A V / sum(areal masses)`` and ``E_v [Wh/L] = Q_A V / sum(thicknesses)``, with the areal
  capacity Q_A (mAh/cm^2) and the cell voltage V = V_cathode(vs Li) - V_anode(vs Li).
- Q_A is the cathode's areal capacity, limited by the anode: by its Li inventory when the cathode holds Li-free
  hosts (S8, Mo6S8, TiS2: their Li must come from the anode), by its host capacity otherwise (graphite).
- Thicknesses are those of the stack as built (cathode at its porosity and loading, Li foil as laminated); the
  mass is state-independent (Li moves, it is not created), so the cell-level figures need no charged/discharged
  basis. Packaging, tabs and the stack's external pressure device are not included (as in Randau et al.), unless
  the user gives a packaging (below).
- ``double_sided=True`` counts a multi-layer stack as a cell designer does: each collector is coated on both faces
  and shared by two cells (cathode | separator | anode units). ``layers=None`` gives the repeat unit (half of each
  of the two collector foils per unit); ``layers=n`` an n-layer stack with its end foils counted whole: n + 1 foils
  alternating from the ``outer`` electrode's (default the cathode's, an assumption: the Al-ended best case; pouch
  cells often end on anode sheets, ``outer="anode"``) at one end, i.e. n // 2 + 1 outer-side and (n + 1) // 2
  other-side foils per n units (n = 1: the single-sided unit); each collector names its electrode
  (:class:`CurrentCollector`'s ``electrode``). Its collectors' excess over the repeat unit goes as 1 / n: (cathode
  foil + anode foil) / (2 n) for n odd, the outer foil / n for n even.
- ``packaging_mg_cm2`` and ``packaging_um``: the user's packaging (pouch foil, tabs) per cm^2 of the cell's
  footprint for the whole cell (e.g. a pouch foil's areal mass and thickness times its area over the electrodes'
  area), shared by its ``layers``; no default: without them the packaging is "not included" (:attr:`Cell.counted`).

Presets (:func:`cell_preset`):

- ``"paper lab cell"`` - the paper's cell (Experimental Section and SI): 0.785 cm^2 die, separator of 100 mg LGPS
  + 50 mg Li3PS4 (127.4 + 63.7 mg/cm^2, dense: 624 um + 341 um), anode 80 um Li + 30 um In foil (Li-In,
  0.62 V vs Li), no current-collector foils (the die's stainless-steel plungers are not counted). Default cathode:
  the practical S-LMS electrode, 1.3 mg on 0.785 cm^2 at 8.15 % porosity.
- ``"practical target"`` - a thin-layer target of the kind Randau et al. discuss: 30 um dense sulfide separator
  (the paper's generic 1.92 g/cm^3 sulfide), 20 um Li metal (4.1 mAh/cm^2), 10 um Al and 10 um Cu foils. These are
  this project's assumptions, not measured values. ``anode_collector="Ni"`` (or ``"Stainless steel"``) puts that
  10 um foil in place of the Cu (sulfide electrolytes and Li react with Cu).
- ``"liquid LIB"`` - a conventional liquid Li-ion reference: 12 um PE separator at 40 % porosity filled with
  1.2 g/cm^3 electrolyte, graphite anode (94 % graphite, 3 % carbon, 3 % binder, 30 % porosity, liquid-filled,
  N:P 1.1, 0.1 V vs Li), 12 um Al and 8 um Cu foils: typical commercial values (assumptions).
"""
from collections.abc import Mapping
from dataclasses import dataclass
import math
import numbers

import numpy as np
import warnings

import pandas as pd

from pybamm_aea import cell_preset_names
from pybamm_aea.ranges import (COLLECTOR_THICKNESS_UM, NON_NEGATIVE, PACKAGING_MG_CM2, PACKAGING_UM, POSITIVE,
                               SEPARATOR_THICKNESS_UM, check_loading_mg_cm2)
from pybamm_aea.user_input import did_you_mean

from ._common import check_porosity, check_real, check_voltage_vs_li
from .electrode import Electrode, EnergyDensity
from .materials import get_material, list_materials

__all__ = [
    "Layer",
    "SeparatorLayer",
    "CurrentCollector",
    "LiMetalAnode",
    "LiInAnode",
    "CompositeAnode",
    "Cell",
    "cell_preset",
    "check_preset_name",
    "check_stack",
    "stack_around",
    "stack_label",
    "CELL_PRESETS",
    "ELECTRODES",
]


@dataclass(frozen=True)
class Layer:
    """One layer of a stack, per cm^2: name, role, thickness (um) and areal mass (mg/cm^2)."""

    name: str
    role: str
    thickness_um: float
    areal_mass_mg_cm2: float


#: the unit of each of Cell's ways to give the cathode's loading
_UNITS = {"loading_mg_cm2": "mg/cm2", "thickness_um": "um", "areal_capacity_mAh_cm2": "mAh/cm2"}


def _one_of(**kwargs):
    given = {k: v for k, v in kwargs.items() if v is not None}
    if len(given) != 1:
        raise ValueError(f"give exactly one of {', '.join(kwargs)}; got {given or 'none'}")
    return next(iter(given.items()))


class SeparatorLayer:
    """A separator layer (solid electrolyte pellet/film or a porous polymer film).

    Parameters
    ----------
    material : str or Material
        Its solid (e.g. ``"Li10GeP2S12"``, ``"Li3PS4"``, ``"Sulfide SE"``, ``"PE separator"``).
    thickness_um, areal_mass_mg_cm2 : float
        Exactly one of them; the other follows from the density.
    porosity : float
        Volume fraction of pores (default 0: a dense layer).
    pore_filler : str or Material, optional
        Liquid filling the pores (a liquid-cell separator); None leaves them empty.
    """

    def __init__(self, material, thickness_um=None, areal_mass_mg_cm2=None, porosity=0.0, pore_filler=None):
        self.material = get_material(material)
        self.porosity = check_porosity(porosity, "separator porosity")
        self.pore_filler = get_material(pore_filler) if pore_filler is not None else None
        key, value = _one_of(thickness_um=thickness_um, areal_mass_mg_cm2=areal_mass_mg_cm2)
        filler = self.pore_filler.density if self.pore_filler is not None else 0.0
        self.density = (1.0 - self.porosity) * self.material.density + self.porosity * filler
        if key == "thickness_um":  # (1-2000 um, a unit slip said so: any non-negative number until session 60)
            self.thickness_um = value = check_real(value, "separator thickness_um", SEPARATOR_THICKNESS_UM)
            self.areal_mass_mg_cm2 = value * self.density / 10.0
        else:
            self.areal_mass_mg_cm2 = value = check_real(value, key, POSITIVE)
            self.thickness_um = value / self.density * 10.0
            if not SEPARATOR_THICKNESS_UM.contains(self.thickness_um):
                rng = SEPARATOR_THICKNESS_UM
                raise ValueError(f"separator areal_mass_mg_cm2 = {value:.10g} gives a {self.material.name} layer "
                                 f"{self.thickness_um:.4g} um thick, outside a separator's range {rng.describe()} um "
                                 f"({rng.why})")

    def layers(self):
        """The stack layer(s) of this separator."""
        return [Layer(self.material.name, "separator", self.thickness_um, self.areal_mass_mg_cm2)]

    def record(self):
        """What sizes this layer, as JSON (:meth:`Cell.stack_record`)."""
        return {"separator": self.material.name, "thickness_um": self.thickness_um,
                "areal_mass_mg_cm2": self.areal_mass_mg_cm2}


#: the electrodes a collector foil may carry (:class:`CurrentCollector`'s ``electrode``)
ELECTRODES = ("cathode", "anode")


class CurrentCollector:
    """A current-collector foil: ``material`` (a material of role ``"current collector"``: ``"Al"``, ``"Cu"``,
    ``"Ni"``, ``"Stainless steel"``), thickness (um) and ``electrode``, the one it carries (``"cathode"`` or
    ``"anode"``; None: unsaid, enough for a single-sided unit; a double-sided stack needs one of each)."""

    def __init__(self, material="Al", thickness_um=10.0, electrode=None):
        self.material = get_material(material)
        if self.material.role != "current collector":  # (S8 and Li2S were taken as foils until session 64)
            foils = [m for m in list_materials() if get_material(m).role == "current collector"]
            raise ValueError(f"material {self.material.name!r} (role {self.material.role!r}) is not a current "
                             f"collector; collectors: {', '.join(foils)}")
        if electrode is not None and electrode not in ELECTRODES:
            raise ValueError(f"collector electrode = {electrode!r}: give 'cathode' or 'anode' (or None)")
        self.electrode = electrode
        # (1-200 um, a unit slip said so: any non-negative number until session 60)
        self.thickness_um = check_real(thickness_um, "collector thickness_um", COLLECTOR_THICKNESS_UM)

    def layers(self):
        """The stack layer of this foil."""
        return [
            Layer(f"{self.material.name} collector", "current collector", self.thickness_um,
                  self.thickness_um * self.material.density / 10.0)
        ]

    def record(self):
        """What sizes this foil, as JSON (:meth:`Cell.stack_record`)."""
        (layer,) = self.layers()
        record = {"collector": self.material.name, "thickness_um": layer.thickness_um,
                  "areal_mass_mg_cm2": layer.areal_mass_mg_cm2}
        if self.electrode is not None:
            record["electrode"] = self.electrode
        return record


def _li_volumetric_capacity():
    li = get_material("Li")
    return li.specific_capacity * li.density  # mAh/cm3 (2062)


class LiMetalAnode:
    """A Li-metal foil anode, given by thickness or relative to the cathode capacity.

    Parameters
    ----------
    thickness_um : float, optional
        Foil thickness (um; 4.85 um per mAh/cm^2).
    np_ratio : float, optional
        Li capacity / cathode areal capacity (N:P ratio, > 0).
    excess : float, optional
        Li capacity in excess of the cathode's, as a fraction (``np_ratio = 1 + excess``; 0 = no excess).

    Exactly one of them. The anode sits at 0 V vs Li.
    """

    voltage_vs_li = 0.0

    def __init__(self, thickness_um=None, np_ratio=None, excess=None):
        key, value = _one_of(thickness_um=thickness_um, np_ratio=np_ratio, excess=excess)
        if key == "excess":
            key, value = "np_ratio", 1.0 + check_real(value, "excess", NON_NEGATIVE)
        self._key = key
        self._value = check_real(value, key, NON_NEGATIVE)

    def thickness(self, cathode_capacity):
        """Li thickness (um) for a cathode of ``cathode_capacity`` mAh/cm^2."""
        if self._key == "thickness_um":
            return self._value
        return self._value * cathode_capacity / _li_volumetric_capacity() * 1e4

    def lithium_capacity(self, cathode_capacity):
        """Li inventory of the anode, mAh/cm^2."""
        return self.thickness(cathode_capacity) * 1e-4 * _li_volumetric_capacity()

    def host_capacity(self, cathode_capacity):
        """Capacity the anode can take up, mAh/cm^2 (unlimited: Li plates)."""
        return math.inf

    def layers(self, cathode_capacity):
        """The stack layer of the foil."""
        t = self.thickness(cathode_capacity)
        return [Layer("Li", "anode", t, t * get_material("Li").density / 10.0)]

    def record(self):
        """What sizes this anode, as JSON (:meth:`Cell.stack_record`)."""
        return {"anode": "lithium metal", self._key: self._value}


class LiInAnode:
    """A Li-In alloy anode made of a Li foil and an In foil (the paper's anode: 80 um Li + 30 um In).

    Parameters
    ----------
    li_thickness_um, in_thickness_um : float
        Foil thicknesses, um. The stack counts both foils at their metal densities (alloying changes the volume
        little and is ignored).
    voltage_vs_li : float, optional
        Anode potential vs Li (default 0.62 V, the In/LiIn plateau; Santhosha et al., Batteries & Supercaps 2019).
        With the paper's Li-rich foils (Li:In ~ 3.2:1 by mol) a lower value may be closer to reality.

    The Li inventory is that of the Li foil; the In host takes up to 1 Li per In (LiIn) at this potential.
    """

    def __init__(self, li_thickness_um=80.0, in_thickness_um=30.0, voltage_vs_li=None):
        self.li_thickness_um = check_real(li_thickness_um, "li_thickness_um", NON_NEGATIVE)
        self.in_thickness_um = check_real(in_thickness_um, "in_thickness_um", NON_NEGATIVE)
        indium = get_material("In")
        self.voltage_vs_li = (indium.average_voltage if voltage_vs_li is None
                              else check_voltage_vs_li(voltage_vs_li, "voltage_vs_li"))

    def lithium_capacity(self, cathode_capacity):
        """Li inventory (mAh/cm^2) of the Li foil."""
        return self.li_thickness_um * 1e-4 * _li_volumetric_capacity()

    def host_capacity(self, cathode_capacity):
        """Li the anode can still take up, mAh/cm^2: the In foil's uptake up to LiIn less the Li foil's own Li, which
        alloys with it first; unlimited once that Li fills the In (Li plates on the alloy: the paper's 80 um Li + 30
        um In, Li:In ~3.2:1; review R38 found 5.119 counted beside the foil's own Li, and a 5 um foil's 1.031 twice)."""
        indium = get_material("In")
        uptake = self.in_thickness_um * 1e-4 * indium.density * indium.specific_capacity
        own = self.lithium_capacity(cathode_capacity)
        return math.inf if own >= uptake else uptake - own

    def layers(self, cathode_capacity):
        """The Li and In foil layers."""
        li, indium = get_material("Li"), get_material("In")
        return [
            Layer("Li", "anode", self.li_thickness_um, self.li_thickness_um * li.density / 10.0),
            Layer("In", "anode", self.in_thickness_um, self.in_thickness_um * indium.density / 10.0),
        ]

    def record(self):
        """What sizes this anode, as JSON (:meth:`Cell.stack_record`)."""
        return {"anode": "Li-In", "li_thickness_um": self.li_thickness_um, "in_thickness_um": self.in_thickness_um,
                "voltage_vs_li": self.voltage_vs_li}


class CompositeAnode:
    """A composite anode electrode (e.g. graphite) sized by the N:P ratio.

    Parameters
    ----------
    electrode : Electrode
        The anode electrode (its ESC and density give its loading and thickness).
    np_ratio : float
        Anode capacity / cathode capacity (default 1.1).
    voltage_vs_li : float, optional
        Average anode potential vs Li (default: the electrode's capacity-weighted average voltage).
    """

    def __init__(self, electrode, np_ratio=1.1, voltage_vs_li=None):
        if not isinstance(electrode, Electrode):
            raise TypeError(f"electrode must be an Electrode, got {type(electrode).__name__}")
        self.electrode = electrode
        self.np_ratio = check_real(np_ratio, "np_ratio", NON_NEGATIVE)
        self.voltage_vs_li = (electrode.average_voltage() if voltage_vs_li is None
                              else check_voltage_vs_li(voltage_vs_li, "voltage_vs_li"))

    def _loading(self, cathode_capacity):
        return self.np_ratio * cathode_capacity / self.electrode.specific_capacity * 1000.0

    def lithium_capacity(self, cathode_capacity):
        """Li the anode can give (0 for a host anode made Li-free, such as graphite)."""
        return 0.0 if self.electrode.needs_lithium else self.np_ratio * cathode_capacity

    def host_capacity(self, cathode_capacity):
        """Li the anode can still take up, mAh/cm^2: its N:P capacity made Li-free, none made lithiated (full)."""
        return self.np_ratio * cathode_capacity - self.lithium_capacity(cathode_capacity)

    def layers(self, cathode_capacity):
        """The anode electrode layer."""
        m = self._loading(cathode_capacity)
        return [Layer(self.electrode.name or "anode", "anode", self.electrode.thickness_um(m), m)]

    def record(self):
        """What sizes this anode, as JSON (:meth:`Cell.stack_record`): its N:P, its electrode's capacity and density."""
        return {"anode": self.electrode.name or "composite", "np_ratio": self.np_ratio,
                "specific_capacity_mAh_g": self.electrode.specific_capacity,
                "density_g_cm3": self.electrode.density, "voltage_vs_li": self.voltage_vs_li}


class Cell:
    """A single-sided unit stack for cell-level energy density (Randau et al., Nat. Energy 5, 259, 2020).

    Parameters
    ----------
    cathode : Electrode
        The positive electrode.
    loading_mg_cm2, thickness_um, areal_capacity_mAh_cm2 : float
        Exactly one: cathode mass per area (mg/cm^2, as made), its thickness (um) or its areal capacity
        (mAh/cm^2). The loading given or derived is within :data:`pybamm_aea.ranges.CATHODE_LOADING` (0 to 300
        mg/cm^2), else a ValueError naming the argument.
    cathode_voltage : float or dict, optional
        Cathode average voltage vs Li (V, above 0), or per active material; default: the electrode's.
    separators : list of SeparatorLayer
        In series (several layers allowed, e.g. LGPS + Li3PS4).
    anode : LiMetalAnode, LiInAnode, CompositeAnode or None
        None: anode-free (only valid for a lithiated cathode: it plates its own Li).
    collectors : list of CurrentCollector
    name : str, optional
    double_sided : bool
        Count a multi-layer stack of double-sided electrodes (module docstring): each collector shared by two
        units. Needs two collectors, each naming its electrode (:class:`CurrentCollector`'s ``electrode``: one
        ``"cathode"``, one ``"anode"``, in either order). Default False: the single-sided unit.
    layers : int, optional
        With ``double_sided``: the number of cathode | separator | anode units (>= 1), the two end foils counted
        whole; None: the repeat unit (each foil half), the limit of many layers.
    outer : str
        With ``layers``: the electrode whose foils end the stack, ``"cathode"`` (default) or ``"anode"``; it
        matters for an even ``layers``. The default is an assumption of this project (the lighter ends with Al
        foils, the best case); pouch cells often end on anode sheets (each cathode facing an anode): ``"anode"``.
    packaging_mg_cm2, packaging_um : float, optional
        The user's packaging per cm^2 of the cell's footprint, for the whole cell (both or neither, >= 0): shared
        by its ``layers`` (1 single-sided; a repeat unit has no packaging of its own: give ``layers``). None: not
        included.
    """

    def __init__(self, cathode, *, loading_mg_cm2=None, thickness_um=None, areal_capacity_mAh_cm2=None,
                 cathode_voltage=None, separators=(), anode=None, collectors=(), name=None, double_sided=False,
                 layers=None, packaging_mg_cm2=None, packaging_um=None, outer="cathode"):
        if not isinstance(cathode, Electrode):
            raise TypeError(f"cathode must be an Electrode, got {type(cathode).__name__}")
        self.cathode = cathode
        key, value = _one_of(loading_mg_cm2=loading_mg_cm2, thickness_um=thickness_um,
                             areal_capacity_mAh_cm2=areal_capacity_mAh_cm2)
        value = check_real(value, key, NON_NEGATIVE)
        if key == "loading_mg_cm2":
            self.cathode_loading = value
        elif key == "thickness_um":
            self.cathode_loading = cathode.loading_for_thickness(value)
        else:
            self.cathode_loading = cathode.loading_for_areal_capacity(value)
        # the loading given or derived from a thickness or an areal capacity, within the model's range: one fact
        check_loading_mg_cm2(key, value, self.cathode_loading, _UNITS[key])
        if cathode_voltage is not None and not isinstance(cathode_voltage, Mapping):  # (named as typed, above 0)
            cathode_voltage = check_voltage_vs_li(cathode_voltage, "cathode_voltage", above_zero=True)
        self.cathode_voltage_vs_li = cathode.average_voltage(cathode_voltage)
        self.separators = list(separators)
        self.anode = anode
        self.collectors = list(collectors)
        self.name = name
        self.double_sided, self.layer_count = check_stacking(double_sided, layers, self.collectors)
        if outer not in ELECTRODES:
            raise ValueError(f"outer = {outer!r}: give 'cathode' or 'anode', the electrode whose foils end the stack")
        self.outer = outer
        self.packaging = check_packaging(packaging_mg_cm2, packaging_um, self.double_sided, self.layer_count)
        if anode is None and cathode.needs_lithium:
            raise ValueError("an anode-free cell needs a lithiated cathode; this cathode holds Li-free hosts")
        if anode is not None and anode.voltage_vs_li >= self.cathode_voltage_vs_li:
            raise ValueError(f"the anode ({anode.voltage_vs_li:g} V vs Li) is not below the cathode "
                             f"({self.cathode_voltage_vs_li:.4g} V vs Li): the cell would not discharge")

    @property
    def cathode_capacity(self):
        """Areal capacity of the cathode layer, mAh/cm^2."""
        return self.cathode.areal_capacity(self.cathode_loading)

    @property
    def anode_capacity(self):
        """What the anode can give the cathode's discharge, mAh/cm^2: its own Li inventory plus the Li the first
        charge moved into it, which is at most what it takes up as host and at most the capacity of the cathode's
        lithiated materials (:attr:`Electrode.lithiated_capacity_fraction`; a Li-free share draws on the anode's own
        Li only). LiCoO2 on 80 um Li + 30 um In: 16.50 + min(5.119, q); inf without anode (a lithiated cathode
        plates its own Li). The one limit of :attr:`areal_capacity` and of a simulated discharge's cell figures
        (:func:`pybamm_aea.cycling.anode_limited`)."""
        return self.anode_capacity_for(self.cathode_capacity)

    def anode_capacity_for(self, cycled):
        """:attr:`anode_capacity` [mAh/cm^2] where the cathode's charge moves ``cycled`` mAh/cm^2 (a number or a NumPy
        array; its nominal capacity, or a simulated discharge's, which may pass it: review R38 found LiCoO2's 155 of
        its nominal 150 mAh/g NaN on a graphite stack that takes up 3.3 mAh/cm^2, the cap read at the nominal 3.0)."""
        if self.anode is None:
            return math.inf
        q = self.cathode_capacity
        moved = np.minimum(self.anode.host_capacity(q), np.asarray(cycled, dtype=float)
                           * self.cathode.lithiated_capacity_fraction)
        return self.anode.lithium_capacity(q) + moved

    @property
    def areal_capacity(self):
        """Cell areal capacity Q_A, mAh/cm^2 (cathode capacity limited by the anode, :attr:`anode_capacity`)."""
        q = self.cathode_capacity
        if self.anode is None:
            return q
        limit = self.anode_capacity
        if limit < q:
            warnings.warn(
                f"the anode limits the cell: {limit:.4g} mAh/cm2 available for a cathode of {q:.4g} mAh/cm2",
                UserWarning, stacklevel=2,
            )
        return min(q, limit)

    @property
    def voltage(self):
        """Average cell voltage, V: cathode vs Li minus anode vs Li."""
        anode_v = self.anode.voltage_vs_li if self.anode is not None else 0.0
        return self.cathode_voltage_vs_li - anode_v

    @property
    def layers(self):
        """All layers of the stack (cathode, separators, anode, collectors) as :class:`Layer` records."""
        q = self.cathode_capacity
        out = [Layer(self.cathode.name or "cathode", "cathode", self.cathode.thickness_um(self.cathode_loading),
                     self.cathode_loading)]
        for s in self.separators:
            out += s.layers()
        if self.anode is not None:
            out += self.anode.layers(q)
        if self.double_sided:
            by_electrode = collector_shares(self.layer_count, self.outer)
            shares = [by_electrode[c.electrode] for c in self.collectors]
        else:
            shares = (1.0,) * len(self.collectors)
        for c, share in zip(self.collectors, shares, strict=True):
            for layer in c.layers():
                out.append(layer if share == 1.0 else Layer(f"{layer.name} (share {share:.6g})", layer.role,
                                                            share * layer.thickness_um,
                                                            share * layer.areal_mass_mg_cm2))
        if self.packaging is not None:
            units = self.layer_count or 1
            mass, thickness = self.packaging
            out.append(Layer("packaging" if units == 1 else f"packaging (share 1/{units})", "packaging",
                             thickness / units, mass / units))
        return out

    @property
    def counted(self):
        """What the stack's figures count, in words: the unit (single-sided, a double-sided repeat unit or n
        layers) and the packaging (the user's, or "not included")."""
        if not self.double_sided:
            unit = "single-sided unit stack (cathode, separators, anode, each collector whole)"
        elif self.layer_count is None:
            unit = "double-sided repeat unit (each collector shared by two units: half of each foil)"
        else:
            n = self.layer_count
            ends = {c.electrode: c.material.name for c in self.collectors}
            other = "anode" if self.outer == "cathode" else "cathode"
            pair = (self.outer, other) if n % 2 else (self.outer, self.outer)
            unit = (f"double-sided stack of {n} layer{'s' if n != 1 else ''} ({n + 1} foils, the two at the ends "
                    f"whole: {ends[pair[0]]} ({pair[0]}) and {ends[pair[1]]} ({pair[1]})), per layer")
        if self.packaging is None:
            return unit + "; packaging not included"
        mass, thickness = self.packaging
        return (unit + f"; packaging (the user's): {mass:.6g} mg/cm2 and {thickness:.6g} um per cell, over "
                f"{self.layer_count or 1} layer(s)")

    @property
    def areal_mass(self):
        """Sum of the layers' areal masses, mg/cm^2."""
        return math.fsum(layer.areal_mass_mg_cm2 for layer in self.layers)

    @property
    def thickness(self):
        """Sum of the layers' thicknesses, um."""
        return math.fsum(layer.thickness_um for layer in self.layers)

    def energy_density(self):
        """Cell-level energy density (:class:`EnergyDensity`): Wh/kg, Wh/L, mAh/g of stack, V, stack density; its
        ``basis`` the cathode's (:attr:`Electrode.basis`: theoretical, full utilisation, unless capacities given), or
        "anode-limited" with the capacity the anode gives of the cathode's (LiMetalAnode(np_ratio=0.5) under the
        paper's S-LMS at 5 mg/cm2: 1.577 of 3.154 mAh/cm2)."""
        capacity = self.areal_capacity  # (once: an anode-limited cell's warning was given twice per call)
        cathode = self.cathode_capacity
        basis = f"the cathode's {self.cathode.basis}"
        if capacity < cathode:  # (said the cathode's capacities each delivered in full until session 60)
            basis = (f"anode-limited: {capacity:.4g} mAh/cm2, the anode's (Cell.anode_capacity), of the cathode's "
                     f"{cathode:.4g} mAh/cm2 at {self.cathode.basis}")
        energy = capacity * self.voltage  # mWh/cm2
        mass, thickness = self.areal_mass, self.thickness
        return EnergyDensity(
            gravimetric=energy / mass * 1000.0, volumetric=energy / (thickness * 1e-4),
            specific_capacity=capacity / mass * 1000.0, average_voltage=self.voltage,
            density=mass / thickness * 10.0, basis=basis,
        )

    def summary(self):
        """The layers as a pandas DataFrame with each layer's share of the stack mass and thickness."""
        df = pd.DataFrame([layer.__dict__ for layer in self.layers])
        df["mass_share"] = df["areal_mass_mg_cm2"] / df["areal_mass_mg_cm2"].sum()
        df["thickness_share"] = df["thickness_um"] / df["thickness_um"].sum()
        return df

    def with_cathode(self, cathode, loading_mg_cm2):
        """This stack (its separators, anode, collectors and name) around another ``cathode`` (an
        :class:`Electrode`, at its own average voltage) at ``loading_mg_cm2`` [mg/cm^2]: a sweep's stack around
        each point's cathode."""
        packaging = self.packaging or (None, None)
        return Cell(cathode, loading_mg_cm2=loading_mg_cm2, separators=self.separators, anode=self.anode,
                    collectors=self.collectors, name=self.name, double_sided=self.double_sided,
                    layers=self.layer_count, packaging_mg_cm2=packaging[0], packaging_um=packaging[1],
                    outer=self.outer)

    def stack_record(self):
        """The stack but its cathode (name, separators, anode, collectors: what sizes each) as JSON: what a sweep's
        results store keeps of a Cell, whose cathode is each point's."""
        record = {"name": self.name, "separators": [s.record() for s in self.separators],
                  "anode": None if self.anode is None else self.anode.record(),
                  "collectors": [c.record() for c in self.collectors]}
        if self.double_sided or self.packaging is not None:  # (a single-sided unit's record as before session 64)
            record["counted"] = self.counted
        return record

    def __repr__(self):
        e = self.energy_density()
        return (f"<Cell {self.name or ''}: {self.areal_capacity:.3g} mAh/cm2 x {self.voltage:.3g} V, "
                f"{e.gravimetric:.4g} Wh/kg, {e.volumetric:.4g} Wh/L>")


def check_stacking(double_sided, layers, collectors):
    """``(double_sided, layers)`` of a :class:`Cell`, checked: ``double_sided`` a bool; ``layers`` None or a whole
    number >= 1, only with ``double_sided``; a double-sided stack's two ``collectors``, one naming the cathode as its
    electrode, one the anode (their list's order tells nothing: until session 64 the first was taken as the
    cathode's, and Cu listed first ended a 2-layer stack on Cu foils, 240.6 for 277.8 Wh/kg). A ValueError naming the
    value and the way out otherwise."""
    if not isinstance(double_sided, (bool, np.bool_)):
        raise ValueError(f"double_sided must be True or False, got {double_sided!r}")
    if layers is not None:
        if isinstance(layers, bool) or not isinstance(layers, numbers.Integral) or layers < 1:
            raise ValueError(f"layers = {layers!r}: give a whole number >= 1 of cathode | separator | anode units "
                             "(or None, with double_sided=True, for the repeat unit)")
        if not double_sided:
            raise ValueError(f"layers = {layers!r} needs double_sided=True (a single-sided unit is one layer)")
        layers = int(layers)
    if double_sided and (len(collectors) != 2 or sorted(str(c.electrode) for c in collectors) != sorted(ELECTRODES)):
        said = ", ".join(f"{c.material.name} (electrode {c.electrode!r})" for c in collectors) or "none"
        raise ValueError(f"double_sided=True needs two collectors, each shared by two units, one the cathode's and "
                         f"one the anode's (CurrentCollector('Al', 10, electrode='cathode'), CurrentCollector('Cu', "
                         f"10, electrode='anode')); this stack has: {said}")
    return bool(double_sided), layers


def collector_shares(layers, outer="cathode"):
    """Foils per unit of a double-sided stack's collectors, by electrode (``{"cathode": ., "anode": .}``): 1/2 each
    for the repeat unit (``layers`` None); for n layers, n + 1 foils alternating from the ``outer`` electrode's at
    one end, (n // 2 + 1) / n of the outer's and ((n + 1) // 2) / n of the other's: 1 each for one layer, 1 and 1/2
    for two, 2/3 each for three."""
    if layers is None:
        return {"cathode": 0.5, "anode": 0.5}
    other = "anode" if outer == "cathode" else "cathode"
    return {outer: (layers // 2 + 1) / layers, other: ((layers + 1) // 2) / layers}


def check_packaging(mass_mg_cm2, thickness_um, double_sided, layers):
    """The user's packaging ``(mg/cm2, um)`` per cm^2 of a cell's footprint, or None (not included): both values or
    neither, each within :data:`~pybamm_aea.ranges.PACKAGING_MG_CM2` and :data:`~pybamm_aea.ranges.PACKAGING_UM`;
    refused on a repeat unit, which has no packaging of its own."""
    if mass_mg_cm2 is None and thickness_um is None:
        return None
    if mass_mg_cm2 is None or thickness_um is None:
        given, missing = (("packaging_mg_cm2", "packaging_um") if thickness_um is None
                          else ("packaging_um", "packaging_mg_cm2"))
        raise ValueError(f"{given} needs {missing} too (packaging adds both mass and volume; give 0 for none)")
    mass = check_real(mass_mg_cm2, "packaging_mg_cm2", PACKAGING_MG_CM2)  # (ranges with slips since session 64)
    thickness = check_real(thickness_um, "packaging_um", PACKAGING_UM)
    if double_sided and layers is None:
        raise ValueError(f"packaging_mg_cm2 = {mass:.6g} and packaging_um = {thickness:.6g}: packaging is per cell, "
                         "shared by its layers, and a repeat unit (layers=None) has none of its own; give layers")
    return (mass, thickness)


# ----------------------------------------------------------------------------------------------------- presets
def _no_anode_collector(name, stacking):
    """``stacking`` (a preset's Cell keywords) without an ``anode_collector``, which only the practical target has
    (a bare TypeError until session 64)."""
    if "anode_collector" in stacking:
        raise ValueError(f"anode_collector = {stacking['anode_collector']!r} is for the 'practical target' preset "
                         f"only; {name!r} has its own collectors (or build a Cell with yours)")
    return stacking


def _paper_lab_cell(cathode=None, loading_mg_cm2=None, thickness_um=None, areal_capacity_mAh_cm2=None,
                    cathode_voltage=None, anode=None, **stacking):
    stacking = _no_anode_collector("paper lab cell", stacking)
    from .paper import PAPER_CELL, SLMS_PRACTICAL, slms_practical_electrode

    area = PAPER_CELL["area_cm2"]
    if cathode is None:
        cathode = slms_practical_electrode()
    if loading_mg_cm2 is None and thickness_um is None and areal_capacity_mAh_cm2 is None:
        loading_mg_cm2 = SLMS_PRACTICAL["mass_mg"] / SLMS_PRACTICAL["area_cm2"]
    return Cell(
        cathode, loading_mg_cm2=loading_mg_cm2, thickness_um=thickness_um,
        areal_capacity_mAh_cm2=areal_capacity_mAh_cm2, cathode_voltage=cathode_voltage,
        separators=[
            SeparatorLayer("Li10GeP2S12", areal_mass_mg_cm2=PAPER_CELL["lgps_mg"] / area),
            SeparatorLayer("Li3PS4", areal_mass_mg_cm2=PAPER_CELL["li3ps4_mg"] / area),
        ],
        anode=anode if anode is not None else LiInAnode(PAPER_CELL["li_um"], PAPER_CELL["in_um"]),
        collectors=[], name="paper lab cell", **stacking,
    )


def _practical_target(cathode, loading_mg_cm2=None, thickness_um=None, areal_capacity_mAh_cm2=None,
                      cathode_voltage=None, anode=None, anode_collector="Cu", **stacking):
    return Cell(
        cathode, loading_mg_cm2=loading_mg_cm2, thickness_um=thickness_um,
        areal_capacity_mAh_cm2=areal_capacity_mAh_cm2, cathode_voltage=cathode_voltage,
        separators=[SeparatorLayer("Sulfide SE", thickness_um=30.0)],
        anode=anode if anode is not None else LiMetalAnode(thickness_um=20.0),
        collectors=[CurrentCollector("Al", 10.0, "cathode"), CurrentCollector(anode_collector, 10.0, "anode")],
        name="practical target",
        **stacking,
    )


def _liquid_lib(cathode, loading_mg_cm2=None, thickness_um=None, areal_capacity_mAh_cm2=None,
                cathode_voltage=None, anode=None, **stacking):
    stacking = _no_anode_collector("liquid LIB", stacking)
    if anode is None:
        graphite = Electrode({"Graphite": 0.94, "Carbon": 0.03, "Binder": 0.03}, 0.30, pore_filler="1M LiPF6 EC/DMC",
                             name="graphite anode")
        anode = CompositeAnode(graphite, np_ratio=1.1)
    return Cell(
        cathode, loading_mg_cm2=loading_mg_cm2, thickness_um=thickness_um,
        areal_capacity_mAh_cm2=areal_capacity_mAh_cm2, cathode_voltage=cathode_voltage,
        separators=[SeparatorLayer("PE separator", thickness_um=12.0, porosity=0.40, pore_filler="1M LiPF6 EC/DMC")],
        anode=anode, collectors=[CurrentCollector("Al", 12.0, "cathode"), CurrentCollector("Cu", 8.0, "anode")],
        name="liquid LIB",
        **stacking,
    )


#: preset name (:data:`pybamm_aea.cell_preset_names.NAMES`, the one list of them) -> the function building it
CELL_PRESETS = dict(zip(cell_preset_names.NAMES, (_paper_lab_cell, _practical_target, _liquid_lib), strict=True))


def check_preset_name(name):
    """``name`` if it is a key of :data:`CELL_PRESETS`, else a ValueError listing them and the close names."""
    if not isinstance(name, str) or name not in CELL_PRESETS:
        raise ValueError(f"unknown cell preset {name!r}; presets: {', '.join(CELL_PRESETS)}"
                         + did_you_mean(str(name), CELL_PRESETS))
    return name


def check_stack(cell, argument="cell"):
    """``cell`` if it is a preset name (:func:`check_preset_name`) or a :class:`Cell`, else a ValueError naming
    ``argument``, the value and what it may be."""
    if isinstance(cell, Cell):
        return cell
    if isinstance(cell, str):
        return check_preset_name(cell)
    raise ValueError(f"{argument} must be a preset name ({', '.join(map(repr, CELL_PRESETS))}) or a "
                     f"pybamm_aea.energy.Cell, got {cell!r} ({type(cell).__name__})")


def stack_label(cell):
    """How messages name a stack: a preset's name, "Cell('its name')", or "Cell (no name)"."""
    if isinstance(cell, str):
        return repr(cell)
    return "Cell (no name)" if getattr(cell, "name", None) is None else f"Cell({cell.name!r})"


def stack_around(cell, cathode, loading_mg_cm2):
    """The stack ``cell`` (a preset name or a :class:`Cell`) around ``cathode`` at ``loading_mg_cm2`` [mg/cm^2]:
    :func:`cell_preset`, or :meth:`Cell.with_cathode`."""
    if isinstance(check_stack(cell), Cell):
        return cell.with_cathode(cathode, loading_mg_cm2)
    return cell_preset(cell, cathode=cathode, loading_mg_cm2=loading_mg_cm2)


def cell_preset(name, cathode=None, **kwargs):
    """A :class:`Cell` from a named stack (see the module docstring for the numbers and their sources).

    Parameters
    ----------
    name : str
        ``"paper lab cell"``, ``"practical target"`` or ``"liquid LIB"``.
    cathode : Electrode
        Required except for ``"paper lab cell"`` (default: the practical S-LMS cathode, 1.3 mg on 0.785 cm^2).
    **kwargs
        ``loading_mg_cm2`` / ``thickness_um`` / ``areal_capacity_mAh_cm2`` (one), ``cathode_voltage``, ``anode``;
        :class:`Cell`'s ``double_sided``, ``layers``, ``packaging_mg_cm2``, ``packaging_um``; ``anode_collector``
        (``"practical target"`` only: the anode's 10 um foil, default ``"Cu"``).
    """
    check_preset_name(name)
    if cathode is None and name != "paper lab cell":
        raise ValueError(f"cell preset {name!r} needs a cathode Electrode")
    return CELL_PRESETS[name](cathode, **kwargs)
