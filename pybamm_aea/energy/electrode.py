"""Electrode-level make-up and energy density (the calculation model of Li et al., Adv. Mater. 2021, SI).

The model is the one of the paper's supporting information (after Berg et al., J. Electrochem. Soc. 162, A2468,
2015): an electrode is a solid mixture given by the *mass* fractions of its solid constituents, with a porosity
that is either empty (solid-state electrodes) or filled with a liquid electrolyte (liquid Li-ion electrodes).

- solid density            rho_s = 1 / sum_i (w_i / rho_i)                                   [g/cm^3]
- electrode density        rho   = (1 - phi) rho_s + phi rho_liquid  (rho_liquid = 0 for empty pores)
- partial density of i     (1 - phi) rho_s w_i  ("AM density in electrode" of Table S2), liquid: phi rho_liquid
- equivalent specific capacity  ESC = sum_i C_i m_i / m_electrode                           [mAh/g]
- gravimetric energy       E_g = sum_i C_i V_i m_i / m_electrode = ESC * V_average           [Wh/kg = mWh/g]
- volumetric energy        E_v = E_g * rho                                                   [Wh/L = mWh/cm^3]

Everything is per unit mass or volume of the *whole* electrode (liquid included, empty pores included in the
volume), as the paper's ESC definition demands.

The figures count every capacity as delivered in full (:attr:`EnergyDensity.basis` says so): no rate, loading or
conduction limit. An electrode whose dispersed insulators (S8, Li2S, Li4Ti5O12) lack, as made or discharged, a
path for their electrons (a mixed-conducting host, :data:`CONDUCTING_HOSTS`, filling :data:`PERCOLATION_THRESHOLD` of
its volume, or a conductive additive filling :func:`additive_percolation_threshold` of it) or one for their Li ions
(such hosts and a solid or liquid electrolyte, together where Li crosses between them,
:data:`LI_EXCHANGING_ELECTROLYTES`, filling :data:`PERCOLATION_THRESHOLD`) is warned
(:class:`~pybamm_aea.energy.PercolationWarning`, naming the path missing).
"""
from collections.abc import Mapping
from dataclasses import dataclass
import functools
import math
from typing import NamedTuple
import warnings

import numpy as np
import pandas as pd

from ..user_frame import users_stacklevel
from ..ranges import NON_NEGATIVE, POSITIVE, composition_percent_hint
from ._common import (ExtrapolationWarning, PercolationWarning, check_porosity, check_real, check_stack_pressure_array,
                      check_voltage_vs_li)
from .materials import FARADAY_TOLERANCE, Material, check_faraday, check_typed_capacity, get_material

__all__ = ["CONDUCTING_HOSTS", "DISPERSED_INSULATORS", "Electrode", "EnergyDensity", "LI_EXCHANGING_ELECTROLYTES",
           "NetworkFractions", "NoDischargedState", "PERCOLATION_THRESHOLD", "PracticalEnergy",
           "additive_percolation_threshold"]

#: Critical volume fraction of a conducting phase for percolation in three dimensions, the Scher-Zallen invariant:
#: about 0.16 of the whole volume, the same within ~10 % on the 3D lattices of equal spheres, regular or not (Scher &
#: Zallen, J. Chem. Phys. 53, 3759, 1970; Zallen's "sixteen-percent solution"; Kirkpatrick, Rev. Mod. Phys. 45, 574,
#: 1973). Below it a random mixture's conducting phase forms no spanning network. A segregated mixture
#: (small host particles coating large insulating ones) can percolate lower, so an electrode below it is warned
#: (:class:`~pybamm_aea.energy.PercolationWarning`), not refused. Pores count as non-conducting volume. It is the
#: threshold of both paths of :class:`Electrode`'s check: the hosts' (electrons and ions) and a solid electrolyte's
#: (ions: its particles, the paper's 2-5 um Li10GeP2S12 and Li3PS4 of its Methods, mixed at random as the hosts').
PERCOLATION_THRESHOLD = 0.16

#: The library's active materials that are electronic and ionic insulators, the dispersed phases of the AEA hybrids
#: (:mod:`pybamm_aea.parameters.dispersed_materials`): S8 and its Li2S (Li2S's ionic conductivity 8e-14 S/cm at 70 C
#: there), Li-free Li4Ti5O12 (1e-13 S/cm, :data:`pybamm_aea.materials.li4ti5o12.SIGMA_E_LI4TI5O12`). In an AEA
#: electrode the host network (Mo6S8) carries their electrons and ions; without it they deliver nothing.
DISPERSED_INSULATORS = ("S8", "Li2S", "Li4Ti5O12")

#: The library's active materials that conduct electrons well enough to be the network of the dispersed insulators
#: (:attr:`Electrode.conducting_volume_fraction`); any other active material (LiFePO4, 1e-9 S/cm: Chung, Bloking &
#: Chiang, Nat. Mater. 1, 123, 2002; LiCoO2, 1e-4 S/cm made lithiated; a record of your own) counts as
#: non-conducting. Mo6S8 and TiS2: Table S4's powder conductivities (:mod:`pybamm_aea.energy.conductivity`), the host
#: of the AEA model at every Li content (:mod:`pybamm_aea.materials.paper_hosts`), so also Li4Mo6S8 and LiTiS2
#: (LixTiS2 metallic for 0 <= x <= 1: Whittingham, Science 192, 1126, 1976); Li7Ti5O12 2.46 S/cm (Young et al.,
#: Adv. Energy Mater. 3, 1125, 2013; :mod:`pybamm_aea.materials.li4ti5o12`). Each also carries Li ions (the paper's
#: "mixed electronic-ionic-conducting cathodes"): Li diffusivity 1e-8 to 2e-8 cm2/s in Mo6S8 and 5e-10 to 8e-9 in
#: TiS2 (Table S5, LGPS's 8.8e-8), and Li diffuses readily in lithiated Li4+xTi5O12 (Wagemaker et al., J. Phys.
#: Chem. B 113, 224, 2009); so a host is both paths, a carbon additive the electrons' only.
CONDUCTING_HOSTS = ("Mo6S8", "Li4Mo6S8", "TiS2", "LiTiS2", "Li7Ti5O12")

#: The library's electrolytes that Li crosses into from the :data:`CONDUCTING_HOSTS` (and back), so that hosts and
#: electrolyte in contact form one ion network, judged by their summed volume fraction (:attr:`NetworkFractions.ion`;
#: until session 62 each was judged alone: 0.10 host + 0.10 sulfide SE was warned "no ion path"). The pairs, with their
#: sources: Li10GeP2S12 and the generic "Sulfide SE" (Table S2's average sulfide) against Mo6S8, TiS2 and the LTO-LMS
#: hybrid's Li4Ti5O12/Li7Ti5O12 are the paper's own cells (AEA cathode / LGPS / Li3PS4 / Li(In), its Methods; the AEA /
#: LGPS interface of Figure S9f); the liquid against LixTiS2 (Whittingham, Science 192, 1126, 1976), LixMo6S8 (Levi,
#: Lancry, Gizbar, Lu, Levi, Gofer & Aurbach, Mg2+ and Li+ insertion into the Chevrel phase, J. Electrochem. Soc. 151,
#: A1044, 2004) and Li4Ti5O12 (Ohzuku, Ueda & Yamamoto, J. Electrochem. Soc. 142, 1431, 1995), each in an organic liquid
#: electrolyte (LiClO4-based in Whittingham's and Ohzuku's; the library's 1 M LiPF6 EC/DMC is one too). Li3PS4 is not in
#: the list (session 62): in the paper's stack it touches LGPS and Li(In), not the cathode, and no source here puts it
#: against a host; it is summed with the other electrolytes, not with the hosts. Only the library's own records count (a
#: record equal to the library's). A solid electrolyte of your own (a registered record, or one named as a library's) is
#: not summed with the hosts: nothing is known here of its interface (an oxide against a sulfide host may grow a
#: blocking interphase). The electrolytes among themselves are summed as before (a sulfide against the liquid: Li
#: crosses through a resistive interphase, Busche et al., Nat. Chem. 8, 426, 2016). So :attr:`NetworkFractions.ion` is
#: the larger of two sums, each of phases every two of which exchange Li: the hosts and the library's electrolytes
#: above, or all the electrolytes. Hosts + a library sulfide + your own SE are not summed into one: their host / own
#: contacts may block, so the three are not one random phase and the 0.16 of equal spheres is not known to hold for them
#: (warned, as neither sum alone vouches for a path).
LI_EXCHANGING_ELECTROLYTES = ("Li10GeP2S12", "Sulfide SE", "1M LiPF6 EC/DMC")


def _exchanges_li(record):
    """Whether Li crosses between the :data:`CONDUCTING_HOSTS` and the electrolyte ``record``: one of
    :data:`LI_EXCHANGING_ELECTROLYTES`, the library's own record (equal to it: a record of your own of the same name,
    ``Material("Li10GeP2S12", "my oxide", ...)``, is not one and is judged without the hosts)."""
    return record == _LI_EXCHANGING_RECORDS.get(record.name)


#: the library's records of :data:`LI_EXCHANGING_ELECTROLYTES`, as registered at import (before any record of yours)
_LI_EXCHANGING_RECORDS = {name: get_material(name) for name in LI_EXCHANGING_ELECTROLYTES}


def _up(value):
    """``value`` > 0 rounded up at its third significant digit (an amount said that reaches a threshold)."""
    step = 10.0 ** (math.floor(math.log10(value)) - 2)
    return math.ceil(value / step - 1e-9) * step


class NetworkFractions(NamedTuple):
    """Volume fractions of the whole electrode (pores included) of the phases that can carry its dispersed
    insulators' electrons and ions (:attr:`Electrode.network_fractions`): ``hosts`` (:data:`CONDUCTING_HOSTS`:
    electrons and Li ions), ``additive`` (conductive additives: electrons only), ``electrolyte`` (solid electrolytes,
    and a liquid filling the pores: Li ions only) and ``ion``, the ion network's: the hosts and the electrolytes Li
    crosses into from them (:data:`LI_EXCHANGING_ELECTROLYTES`) summed, or the electrolytes alone if more (one of
    your own, not summed with the hosts)."""

    hosts: float
    additive: float
    electrolyte: float
    ion: float

    def missing_paths(self, additive_threshold):
        """The paths this state lacks, among ``"electron"`` (hosts below :data:`PERCOLATION_THRESHOLD` and additive
        below ``additive_threshold``) and ``"ion"`` (:attr:`ion`, hosts and electrolyte together, below
        :data:`PERCOLATION_THRESHOLD`): {"S8": 0.7, "Super P": 0.3} at 30 % porosity, its carbon 0.25, lacks the ion
        path (until session 61 carbon was taken as carrying both); 0.10 of Mo6S8 and 0.10 of sulfide SE, 0.20
        together, carry the ions (until session 62 each was judged alone)."""
        if self.hosts >= PERCOLATION_THRESHOLD:
            return ()
        return tuple(path for path, carried in (("electron", self.additive >= additive_threshold),
                                                ("ion", self.ion >= PERCOLATION_THRESHOLD)) if not carried)


@functools.lru_cache(maxsize=1)
def additive_percolation_threshold():
    """Volume fraction at which a conductive additive's own network percolates: the critical solid fraction phi_c of
    Table S4's Super P carbon black, from its percolation fit (:func:`pybamm_aea.energy.conductivity.conductivity_fit`:
    0.060). An electrode whose hosts fill less than :data:`PERCOLATION_THRESHOLD` is carried by its additive if the
    additive fills at least this (carbon black's aggregates percolate far below equal spheres)."""
    from .conductivity import conductivity_fit

    return float(conductivity_fit("Super P").params["phi_c"])

#: what :meth:`Electrode.from_curve`'s figures are
_MEASURED = "measured: the discharge curve given"

#: what :meth:`Electrode.energy_density` figures are (:attr:`EnergyDensity.basis`)
_FULL_UTILISATION = ("each delivered in full (full utilisation), whatever the rate, the loading or the conducting "
                     "network: a simulation or a measured curve (Electrode.from_curve) gives what a cell delivers")


class NoDischargedState(ValueError):
    """An electrode whose discharged (lithiated) state is unknown: a host made Li-free with a capacity and no
    lithiated counterpart (:meth:`Electrode.lithiated`). Its charged-basis figures stand; its discharged ones do not."""


@dataclass(frozen=True)
class EnergyDensity:
    """Energy density of an electrode (or a cell) on one mass/volume basis.

    Attributes
    ----------
    gravimetric : float
        Wh per kg of electrode (= mWh/g).
    volumetric : float
        Wh per L of electrode (= mWh/cm^3).
    specific_capacity : float
        mAh per g of electrode (the paper's ESC).
    average_voltage : float
        Capacity-weighted average voltage, V (vs Li/Li+ for an electrode).
    density : float
        g/cm^3 of electrode used for the volumetric figure.
    basis : str
        What the figures are: ``"theoretical (Faraday capacities: ...)..."`` (each capacity its material's Faraday
        one, fully used), ``"stated capacities (...)..."`` (a capacity given, derived or the library's practical one,
        fully used) or ``"measured: ..."`` (:meth:`Electrode.from_curve`); :attr:`Electrode.basis`.
    """

    gravimetric: float
    volumetric: float
    specific_capacity: float
    average_voltage: float
    density: float
    basis: str


@dataclass(frozen=True)
class PracticalEnergy:
    """Practical energy of an electrode from a measured discharge curve (:meth:`Electrode.from_curve`).

    ``charged`` uses the mass and density of the electrode as made (charged for hosts made Li-free; a material made
    lithiated, e.g. LiCoO2, is discharged as made and on both bases); ``discharged`` uses the mass
    and density of the same electrode after lithiation (:meth:`Electrode.lithiated`), as the paper's
    "Li2S-Li4Mo6S8" figures do.

    Attributes
    ----------
    capacity_mAh : float
        Capacity passed (mAh).
    energy_mWh : float
        Integral of V dQ (mWh), from the compiled ``pybamm_aea.kernels.curve_energy``.
    average_voltage : float
        energy / capacity (V).
    mass_g, discharged_mass_g : float
        Electrode mass in the charged and in the discharged state (g); ``discharged_mass_g`` None when the
        discharged state is unknown (:class:`NoDischargedState`).
    charged, discharged : EnergyDensity
        ESC (mAh/g), Wh/kg and Wh/L on each basis; ``discharged`` None when the discharged state is unknown.
    """

    capacity_mAh: float
    energy_mWh: float
    average_voltage: float
    mass_g: float
    discharged_mass_g: float
    charged: EnergyDensity
    discharged: EnergyDensity

    @property
    def specific_capacity(self):
        """ESC on the charged basis, mAh/g."""
        return self.charged.specific_capacity

    @property
    def gravimetric(self):
        """Wh/kg on the charged basis."""
        return self.charged.gravimetric

    @property
    def volumetric(self):
        """Wh/L on the charged basis."""
        return self.charged.volumetric


def _check_curve(capacity, voltage):
    """Validate a discharge curve; return float arrays ordered by increasing capacity."""
    q = np.asarray(capacity, dtype=float)
    v = np.asarray(voltage, dtype=float)
    for arr, label in ((q, "capacity_mAh"), (v, "voltage_V")):
        if arr.ndim != 1:
            raise ValueError(f"{label} must be a 1-D array, got shape {arr.shape}")
        bad = np.flatnonzero(~np.isfinite(arr))
        if bad.size:
            raise ValueError(
                f"{label} contains non-finite values (NaN/inf) at index {bad.tolist()[:5]}: "
                f"{arr[bad[:5]].tolist()}"
            )
    if q.shape != v.shape:
        raise ValueError(f"capacity_mAh and voltage_V must have the same length, got {q.size} and {v.size}")
    if q.size < 2:
        raise ValueError(f"a curve needs at least 2 points, got {q.size}")
    dq = np.diff(q)
    if np.any(dq > 0) and np.any(dq < 0):
        first_up = int(np.flatnonzero(dq > 0)[0])
        first_down = int(np.flatnonzero(dq < 0)[0])
        i = max(first_up, first_down) + 1
        raise ValueError(
            "capacity_mAh must be monotonic within a curve (one discharge); it reverses at index "
            f"{i} (value {q[i]!r} after {q[i - 1]!r})"
        )
    if not np.any(dq != 0):
        raise ValueError(f"capacity_mAh is constant ({q[0]!r}): the curve passes no charge")
    if np.any(dq < 0):
        q, v = q[::-1].copy(), v[::-1].copy()
    return q, v


class Electrode:
    """An electrode (composite or all-electrochem-active) for energy-density bookkeeping.

    Parameters
    ----------
    composition : dict
        Material name (or :class:`~pybamm_aea.energy.materials.Material`, or
        :class:`~pybamm_aea.materials.AEAMaterial` or the path of its ``.json`` file) -> mass fraction of the *solid*.
        Each fraction >= 0; they must sum to 1 within 1e-9.
    porosity : float
        Volume fraction of pores in [0, 1).
    pore_filler : str or Material, optional
        None (default): the pores are empty (solid-state electrode). Otherwise a liquid-electrolyte material that
        fills all the pores (liquid Li-ion electrode; its mass counts in the electrode mass, as in Table S2).
    capacities : dict, optional
        Material -> capacity in mAh per g of that material, overriding the library default
        (e.g. ``{"S8": 1600, "Mo6S8": 90}`` for the reversible basis of the paper's Table S8).
    voltages : dict, optional
        Material -> average voltage (V vs Li) overriding the library default; each > 0 (0 V would give 0 Wh/kg)
        and within :data:`pybamm_aea.ranges.VOLTAGE_VS_LI`, as ``energy_density``'s whole-electrode voltage.
    name : str, optional
        Label used in reprs and plots.

    Notes
    -----
    Source: the calculation model of Li et al., Adv. Mater. 33, 2008723 (2021), supporting information
    (equations 1-4 and Tables S2, S8, S9), which follows Berg et al., J. Electrochem. Soc. 162, A2468 (2015).
    """

    def __init__(self, composition, porosity, pore_filler=None, capacities=None, voltages=None, name=None):
        if not isinstance(composition, Mapping) or len(composition) == 0:
            raise ValueError(f"composition must be a non-empty dict material -> mass fraction, got {composition!r}")
        materials, fractions = {}, {}
        for key, w in composition.items():
            m = get_material(key)
            if m.name in materials:
                raise ValueError(f"material {m.name!r} appears twice in the composition {composition!r}")
            if m.role == "liquid electrolyte":
                raise ValueError(
                    f"{m.name!r} is a liquid electrolyte: pass it as pore_filler=, not in the solid composition"
                )
            materials[m.name] = m
            fractions[m.name] = check_real(w, f"mass fraction of {m.name!r}", NON_NEGATIVE)
        total = math.fsum(fractions.values())
        if abs(total - 1.0) > 1e-9:
            raise ValueError(f"mass fractions of the solid must sum to 1 (within 1e-9); got {fractions} summing to "
                             f"{total!r}"
                             f"{composition_percent_hint(fractions)}")
        self._materials = materials
        self._composition = fractions
        self._porosity = check_porosity(porosity)
        if pore_filler is not None:
            pore_filler = get_material(pore_filler)
            if pore_filler.role != "liquid electrolyte":
                raise ValueError(
                    f"pore_filler must be a liquid electrolyte (or None for empty pores), got {pore_filler.name!r} "
                    f"with role {pore_filler.role!r}"
                )
        self._pore_filler = pore_filler
        self._capacities = self._checked_capacities(capacities)
        self._voltages = self._check_per_material(voltages, "voltages")
        for n in self._voltages:  # refused here, by voltage_of's rule, not first at energy_density
            self.voltage_of(n)
        self.name = name
        self._typed = set(self._capacities)  # the capacities given (:attr:`basis`: stated, not theoretical)
        self._warn_percolation()

    def _warn_percolation(self):
        """A :class:`~pybamm_aea.energy.PercolationWarning` when, as made or discharged (:attr:`network_fractions`),
        its dispersed insulators lack an electron path (hosts below :data:`PERCOLATION_THRESHOLD`, conductive
        additive below :func:`additive_percolation_threshold`) or an ion path (hosts and electrolyte, solid or liquid,
        together below :data:`PERCOLATION_THRESHOLD`: carbon carries no Li ions; :attr:`NetworkFractions.ion`, summed
        since session 62), naming each path missing with the fractions
        found and needed and the state of the lower (Li2S swells: 60 wt% S8 at 8.2 % porosity 0.188 as made, 0.131
        discharged; until session 60 only the made state was judged, until session 61 carbon was an ion path)."""
        states = self.network_fractions
        if states is None:
            return
        additive_threshold = additive_percolation_threshold()
        lacks = {state: f.missing_paths(additive_threshold) for state, f in states.items()}
        missing = {}  # path -> the state lacking it with the lower host fraction, then lacking more (as made on a tie)
        for state, paths in lacks.items():
            for path in paths:
                if path not in missing or ((states[state].hosts, -len(paths))
                                           < (states[missing[path]].hosts, -len(lacks[missing[path]]))):
                    missing[path] = state
        if not missing:
            return
        missing = {path: missing[path] for path in ("electron", "ion") if path in missing}
        insulators = [n for n in self._composition if n in DISPERSED_INSULATORS and self._composition[n] > 0]
        hosts = ", ".join(self._conductors()) or "none"
        label = self.name or "{" + ", ".join(f"{n!r}: {w:.4g}" for n, w in self._composition.items()) + "}"
        said = []
        for state in dict.fromkeys(missing.values()):  # (one clause a state: the paths it lacks)
            f, paths = states[state], [path for path, s in missing.items() if s == state]
            said.append(
                f"{state}, its conducting hosts ({hosts}) fill {f.hosts:.4g} of its volume, below the percolation "
                f"threshold {PERCOLATION_THRESHOLD} of random spheres (Scher & Zallen 1970)"
                + (f", its conductive additive {f.additive:.4g}, below the {additive_threshold:.2g} of carbon black's "
                   "network (Table S4's Super P fit)" if "electron" in paths else "")
                + (f", its electrolyte {f.electrolyte:.4g}"
                   + (f", hosts and electrolyte together {f.ion:.4g}" if f.ion > max(f.hosts, f.electrolyte) else "")
                   + f", below {PERCOLATION_THRESHOLD}"
                   + (" (its carbon carries no Li ions)" if f.additive > 0 else "") if "ion" in paths else "")
                + f": no {' and no '.join(paths)} path")
        electrons = f"a conductive additive {additive_threshold:.2g}"
        ions = self._ion_way_out(states, lacks) if "ion" in missing else ""
        way = " and ".join(way for path, way in (("electron", electrons), ("ion", ions)) if path in missing)
        warnings.warn(
            f"electrode {label}: {'; '.join(said)}; so nothing carries the "
            f"{' and '.join(path + 's' for path in missing)} of its dispersed insulators ({', '.join(insulators)}), "
            f"and energy_density()'s full-utilisation figures cannot be reached; give the hosts "
            f"({', '.join(CONDUCTING_HOSTS)}) at least {PERCOLATION_THRESHOLD} of the volume, or {way}",
            PercolationWarning, stacklevel=users_stacklevel())

    def _ion_way_out(self, states, lacks):
        """The ion path's way out for :meth:`_warn_percolation`, with the amount: in a liquid-filled electrode the
        porosity (the liquid fills every pore, so it is the lever, not a solid electrolyte), else the wt% of the solid
        to give an electrolyte (the solid's rest in proportion) so that every state lacking the ion path reaches
        :data:`PERCOLATION_THRESHOLD`: the library's one it holds (or Li10GeP2S12, the paper's), summed with the hosts,
        and, if it holds one not summed with them (one of your own), that one, summed with the electrolytes only.
        S8 0.58 + Mo6S8 0.30 + carbon 0.12 at 10 % porosity (discharged ion 0.0941, short by 0.0659): 10.2 wt%
        Li10GeP2S12."""
        phi, short = self._porosity, {s: PERCOLATION_THRESHOLD - states[s].ion for s, paths in lacks.items()
                                      if "ion" in paths}
        worst = max(short, key=short.get)
        said = f"{short[worst]:.3g} more of the volume ({worst})"
        if phi >= 1.0 - PERCOLATION_THRESHOLD:
            return (f"a porosity below {1.0 - PERCOLATION_THRESHOLD:.3g} (now {phi:.4g}: its solid cannot fill "
                    f"{PERCOLATION_THRESHOLD} of the volume)")
        if self._pore_filler is not None:  # ion = its solid share a (its hosts' too if Li crosses) (1 - phi) + phi
            joins = _exchanges_li(self._pore_filler)
            need = max((PERCOLATION_THRESHOLD - a) / (1.0 - a) for a in (
                ((states[s].ion if joins else states[s].electrolyte) - phi) / (1.0 - phi) for s in short))
            return (f"{said} for the ions: a porosity of at least {_up(need):.4g} (now {phi:.4g}) "
                    f"filled with {self._pore_filler.name} (it fills every pore: the porosity, not a solid "
                    f"electrolyte, is the lever{'' if joins else '; yours, summed with the electrolytes only'})")
        solids = [self._materials[n] for n, w in self._composition.items()
                  if w > 0 and self._materials[n].role == "solid electrolyte"]
        library = next((m for m in solids if _exchanges_li(m)), _LI_EXCHANGING_RECORDS["Li10GeP2S12"])
        alone = next((m for m in solids if not _exchanges_li(m)), None)
        volumes = {s: math.fsum(v[0].values()) for s, v in self._solid_volumes().items()}
        target = PERCOLATION_THRESHOLD / (1.0 - phi)

        def wt(record, field):  # (its volume share y of the solid from its share s; y -> its mass fraction x)
            x = 0.0
            for state in short:
                share = getattr(states[state], field) / (1.0 - phi)
                y = (target - share) / (1.0 - share)
                x = max(x, y * volumes[state] / ((1.0 - y) / record.density + y * volumes[state]))
            w = self._composition.get(record.name, 0.0)
            return (f"{record.name} {_up(100.0 * (w + (1.0 - w) * x)):.4g} wt% of the solid (now {100.0 * w:.3g} %, "
                    f"the rest in proportion)")

        return (f"{said} for the ions: {wt(library, 'ion')}" + (", summed with the hosts" if self._conductors() else "")
                + (f", or {wt(alone, 'electrolyte')}, summed with the electrolytes only (Li crossing between it and "
                   f"the hosts is not known here)" if alone is not None else ""))

    # ------------------------------------------------------------------ construction helpers
    def _resolve(self, key):
        """The Material for ``key``: a Material, a name of this electrode's constituents, a library name, or an
        AEAMaterial (its record: :func:`~pybamm_aea.energy.materials.from_aea_material`)."""
        if isinstance(key, Material):
            return key
        if isinstance(key, str) and key in self._materials:
            return self._materials[key]
        if self._pore_filler is not None and key == self._pore_filler.name:
            return self._pore_filler
        return get_material(key)

    def _checked_capacities(self, capacities, given=True):
        """``capacities`` by material name, checked: each >= 0 and within its material's Faraday capacity; a ``given``
        one (a user's, not one derived by :meth:`with_derived_capacities`) also not an A.h/g slip
        (:func:`~pybamm_aea.energy.materials.check_typed_capacity`: at most FARADAY_TOLERANCE / MAH_PER_AH of its
        Faraday capacity)."""
        checked = self._check_per_material(capacities, "capacities", NON_NEGATIVE)
        for n, capacity in checked.items():
            if given:
                check_typed_capacity(capacity, self._materials[n], f"capacities[{n!r}]")
            check_faraday(capacity, self._materials[n], f"capacities[{n!r}] [mAh/g]")
        return checked

    def _check_per_material(self, values, label, rng=None):
        if values is None:
            return {}
        if not isinstance(values, Mapping):
            raise ValueError(f"{label} must be a dict material -> value, got {values!r}")
        out = {}
        for key, val in values.items():
            m = self._resolve(key)
            if m.name not in self._materials:
                raise ValueError(
                    f"{label} names {m.name!r}, which is not in the composition {list(self._materials)}"
                )
            if m.name in out:  # two spellings of one material ('s8', 'S8'): one value would be lost
                raise ValueError(f"{label} names {m.name!r} twice in {dict(values)!r}")
            out[m.name] = check_real(val, f"{label}[{m.name!r}]", rng)
        return out

    @classmethod
    def at_pressure(cls, composition, pressure_MPa, compaction, branch="loading", method="auto", **kwargs):
        """An electrode whose porosity is that of a compacted powder at a stack pressure.

        Parameters
        ----------
        composition : dict
            As for :class:`Electrode`.
        pressure_MPa : float
            Applied (``branch="loading"``) or previously applied (``"released"``) pressure, MPa, within 0-1000
            (:data:`pybamm_aea.ranges.STACK_PRESSURE`, as :func:`pybamm_aea.energy.porosity`'s).
        compaction : str or callable
            Name of a compaction data set of :func:`pybamm_aea.energy.porosity` (``"Mo6S8"``, ``"S-LMS"``,
            ``"S-C-LGPS"``) or a function pressure_MPa -> porosity.
        branch, method : str
            Passed to :func:`pybamm_aea.energy.porosity`.
        **kwargs
            Other :class:`Electrode` arguments (``pore_filler``, ``capacities``, ``voltages``, ``name``).

        Example: ``Electrode.at_pressure({"S8": 0.325, "Mo6S8": 0.675}, 360, "S-LMS")`` has the 8.2 % porosity
        of Table S8. A data set measured on another composition than ``composition`` (e.g. TiS2 on the Mo6S8 law)
        gives an :class:`~pybamm_aea.energy.ExtrapolationWarning` saying so, as the sweep's note does.
        """
        from .compaction import composition_note, porosity as _porosity

        pressure = float(check_stack_pressure_array(check_real(pressure_MPa, "pressure_MPa")))  # (a law given too)
        if callable(compaction):  # (a user's law: its porosity refused naming the pressure, as the data sets' laws')
            return cls(composition, check_porosity(compaction(pressure), f"porosity of the law at {pressure:g} MPa"),
                       **kwargs)
        electrode = cls(composition, float(_porosity(compaction, pressure, branch=branch, method=method)), **kwargs)
        note = composition_note(electrode.composition, compaction)
        if note is not None:
            warnings.warn(note, ExtrapolationWarning, stacklevel=2)
        return electrode

    def _copy(self, porosity, voltages=None, capacities=None):
        """A copy of this electrode (its solid, filler and name) at ``porosity``, with ``voltages`` (None: this one's)
        and this one's capacities, typed or derived as they were (checked here), those of ``capacities`` (None: none)
        replaced by derived ones: checked as ``capacities=`` is (>= 0, within its material's Faraday capacity) but not
        as a typed one (``given=False``, :meth:`with_derived_capacities`)."""
        copy = Electrode(
            {self._materials[n]: w for n, w in self._composition.items()}, porosity, pore_filler=self._pore_filler,
            voltages=self._voltages if voltages is None else voltages, name=self.name,
        )
        derived = copy._checked_capacities(capacities, given=False)
        copy._capacities = {**self._capacities, **derived}
        copy._typed = self._typed - set(derived)
        return copy

    def with_porosity(self, porosity):
        """A copy of this electrode with another porosity (same solid, filler, capacities and voltages)."""
        return self._copy(porosity)

    def with_derived_capacities(self, capacities, voltages=None):
        """A copy of this electrode with ``capacities`` (and ``voltages``, if given) derived, not typed: scaled to a
        simulation's ESC, say (:mod:`pybamm_aea.studies.comparison`), or per gram of the discharged phase
        (:meth:`lithiated`); this electrode's capacities of materials not in ``capacities`` are kept, as
        :meth:`with_porosity` keeps them. Each is checked as ``capacities=`` is (>= 0, within its material's Faraday
        capacity) but not as a typed one that may be in A.h/g
        (:func:`~pybamm_aea.energy.materials.check_typed_capacity`): a cell that delivered 0.08 % of its Faraday
        capacity is no slip."""
        return self._copy(self._porosity, voltages, capacities)

    # ------------------------------------------------------------------ make-up
    @property
    def composition(self):
        """Mass fractions of the solid (dict material -> fraction), as given."""
        return dict(self._composition)

    @property
    def materials(self):
        """The :class:`Material` records of the solid constituents (dict name -> Material)."""
        return dict(self._materials)

    @property
    def porosity(self):
        """Volume fraction of pores (empty or liquid-filled), in [0, 1)."""
        return self._porosity

    @property
    def pore_filler(self):
        """The liquid :class:`Material` filling the pores, or None (empty pores)."""
        return self._pore_filler

    @property
    def solid_density(self):
        """Density of the pore-free solid mixture, g/cm^3: 1 / sum(w_i / rho_i)."""
        return 1.0 / math.fsum(w / self._materials[n].density for n, w in self._composition.items())

    @property
    def density(self):
        """Density of the whole electrode (pores and liquid included), g/cm^3."""
        filler = self._pore_filler.density if self._pore_filler is not None else 0.0
        return (1.0 - self._porosity) * self.solid_density + self._porosity * filler

    @property
    def partial_densities(self):
        """Mass of each constituent per volume of electrode, g/cm^3 (liquid included; sums to :attr:`density`)."""
        solid = (1.0 - self._porosity) * self.solid_density
        out = {n: solid * w for n, w in self._composition.items()}
        if self._pore_filler is not None:
            out[self._pore_filler.name] = self._porosity * self._pore_filler.density
        return out

    @property
    def mass_fractions(self):
        """Mass fraction of each constituent in the whole electrode (liquid included); sums to 1."""
        rho = self.density
        return {n: d / rho for n, d in self.partial_densities.items()}

    @property
    def volume_fractions(self):
        """Volume fraction of each constituent in the whole electrode; empty pores appear as ``"pores"``.

        Liquid-filled pores appear under the liquid's name. Sums to 1.
        """
        solid = (1.0 - self._porosity) * self.solid_density
        out = {n: solid * w / self._materials[n].density for n, w in self._composition.items()}
        out[self._pore_filler.name if self._pore_filler is not None else "pores"] = self._porosity
        return out

    def _conductors(self):
        """The solid's constituents (w > 0) named in :data:`CONDUCTING_HOSTS`: its conducting hosts."""
        return [n for n, w in self._composition.items() if w > 0 and n in CONDUCTING_HOSTS]

    def _network(self, fractions, records):
        """The :class:`NetworkFractions` of the whole electrode from the volume ``fractions`` by name."""
        def of_role(role):
            return math.fsum(v for n, v in fractions.items() if n in records and records[n].role == role)

        hosts = math.fsum(v for n, v in fractions.items() if n in CONDUCTING_HOSTS)
        liquid = self._porosity if self._pore_filler is not None else 0.0  # (it fills every pore)
        electrolyte = of_role("solid electrolyte") + liquid
        exchanging = math.fsum(v for n, v in fractions.items() if n in records and _exchanges_li(records[n])
                               and records[n].role == "solid electrolyte")
        if self._pore_filler is not None and _exchanges_li(self._pore_filler):
            exchanging += liquid
        ion = max(hosts + exchanging, electrolyte)  # (one network; a user's own electrolyte alone, if more)
        return NetworkFractions(hosts, of_role("conductive additive"), electrolyte, ion)

    @property
    def network_fractions(self):
        """``{"as made": NetworkFractions, "discharged": NetworkFractions}``: the volume fractions of the whole
        electrode (pores included) filled by its conducting hosts (:data:`CONDUCTING_HOSTS`), by its conductive
        additives and by its electrolytes (:class:`NetworkFractions`), as made and discharged
        (:meth:`lithiated` at the same porosity: Li2S swells, so the hosts' share
        drops); None when it holds no dispersed insulator (:data:`DISPERSED_INSULATORS`: nothing to carry). No
        "discharged" entry when the discharged state is unknown (:class:`NoDischargedState`, :meth:`lithiated`)."""
        if not {n for n, w in self._composition.items() if w > 0} & set(DISPERSED_INSULATORS):
            return None
        return {state: self._network({k: (1.0 - self._porosity) * v / math.fsum(volumes.values())
                                      for k, v in volumes.items()}, records)
                for state, (volumes, records) in self._solid_volumes().items()}

    def _solid_volumes(self):
        """``{state: (volumes, records)}``, as made and discharged (no "discharged" when unknown, as in
        :attr:`network_fractions`): the volume in cm^3 of each constituent of the state from 1 g of the solid as made,
        and the records by name."""
        out = {"as made": ({n: w / self._materials[n].density for n, w in self._composition.items()}, self._materials)}
        try:
            targets = {n: self._lithiation_target(n) for n, w in self._composition.items() if w > 0}
        except ValueError:  # (NoDischargedState, or a counterpart without a molar mass: lithiated() says which)
            return out
        volumes, records = {}, {}
        for n, (record, ratio) in targets.items():
            records[record.name] = record
            volumes[record.name] = volumes.get(record.name, 0.0) + self._composition[n] * ratio / record.density
        out["discharged"] = (volumes, records)
        return out

    @property
    def conducting_volume_fraction(self):
        """Volume fraction of the whole electrode (pores included) filled by its conducting hosts
        (:data:`CONDUCTING_HOSTS`) as made, when it holds a dispersed insulator (:data:`DISPERSED_INSULATORS`); None
        otherwise (nothing to carry). The paper's S-LMS (32.5 wt% S8) at 8.2 % porosity has 0.409, 60 wt% S8 0.188,
        100 % S8 0; discharged (:attr:`network_fractions`) 0.131 at 60 wt% S8, which is warned."""
        states = self.network_fractions
        return None if states is None else states["as made"][0]

    @property
    def basis(self):
        """What :meth:`energy_density`'s figures are: every capacity used (library, given or derived) fully used;
        ``"theoretical"`` when none was given (``capacities=``) and each is its material's Faraday capacity within
        :data:`~pybamm_aea.energy.materials.FARADAY_TOLERANCE` (S8's 1675, Mo6S8's 128 of 128.8 mAh/g, Li2S's 1165
        derived from them), ``"stated capacities"`` otherwise (LiCoO2's library 150 of 274, a ``capacities=``
        {"S8": 1660}); ``"no capacity"`` when every one is 0."""
        used = {n: self.capacity_of(n) for n, w in self._composition.items() if w > 0 and self.capacity_of(n) > 0}
        if not used:
            return "no capacity: every constituent's is 0, so the electrode stores no charge (energy_density refuses)"
        faraday = {n: self._materials[n].theoretical_capacity for n in used}
        theoretical = not self._typed & set(used) and all(
            faraday[n] and faraday[n] / FARADAY_TOLERANCE <= c <= FARADAY_TOLERANCE * faraday[n]
            for n, c in used.items())
        listed = ", ".join(f"{n} {c:.4g}" for n, c in used.items())
        kind = "theoretical (Faraday capacities: " if theoretical else "stated capacities ("
        return f"{kind}{listed} mAh/g): {_FULL_UTILISATION}"

    # ------------------------------------------------------------------ capacity and energy
    def capacity_of(self, material):
        """Capacity used for one constituent, mAh per g of that material (override or library default)."""
        m = self._resolve(material)
        if m.name not in self._materials:
            raise ValueError(f"{m.name!r} is not in the composition {list(self._materials)}")
        if m.name in self._capacities:
            return self._capacities[m.name]
        if m.specific_capacity is None:
            raise ValueError(
                f"the library has no capacity for {m.name!r}; pass capacities={{{m.name!r}: mAh_per_g}}"
            )
        return float(m.specific_capacity)

    @property
    def capacities(self):
        """Capacity used for every solid constituent, mAh per g of that material (dict)."""
        return {n: self.capacity_of(n) for n in self._composition}

    @property
    def specific_capacity(self):
        """Equivalent specific capacity ESC, mAh per g of the whole electrode (liquid included)."""
        mf = self.mass_fractions
        return math.fsum(mf[n] * self.capacity_of(n) for n, w in self._composition.items() if w > 0)

    @property
    def volumetric_capacity(self):
        """Capacity per volume of electrode, mAh/cm^3 (= ESC * density)."""
        return self.specific_capacity * self.density

    @property
    def active_mass_fraction(self):
        """Mass fraction of the whole electrode made of materials with a non-zero capacity."""
        mf = self.mass_fractions
        return math.fsum(mf[n] for n, w in self._composition.items() if w > 0 and self.capacity_of(n) > 0)

    @property
    def needs_lithium(self):
        """True if the electrode holds a Li-free (charged-state) active material, i.e. its Li comes from the anode."""
        return any(
            self._materials[n].state == "charged" and w > 0 and self.capacity_of(n) > 0
            for n, w in self._composition.items()
        )

    @property
    def lithiated_capacity_fraction(self):
        """Share of the ESC in materials made lithiated (state "discharged", e.g. LiCoO2, Li2S): the capacity whose Li
        the cathode brings; the rest (Li-free hosts, :attr:`needs_lithium`) draws its Li from the anode. 0 to 1."""
        mf, total = self.mass_fractions, self.specific_capacity
        lithiated = math.fsum(mf[n] * self.capacity_of(n) for n, w in self._composition.items()
                              if w > 0 and self._materials[n].state == "discharged")
        return lithiated / total if total > 0 else 0.0

    def voltage_of(self, material, voltages=None):
        """Average voltage (V vs Li) of one constituent: ``voltages`` arg, then constructor ``voltages``, then
        library."""
        m = self._resolve(material)
        for source in (voltages or {}, self._voltages):
            for key, val in source.items():
                if self._resolve(key).name == m.name:
                    # > 0 as a whole electrode's (0 V gave 0 Wh/kg without a word until session 52)
                    return check_voltage_vs_li(val, f"voltage of {m.name!r}", above_zero=True)
        if m.average_voltage is None:
            raise ValueError(f"the library has no average voltage for {m.name!r}; pass voltages={{{m.name!r}: V}}")
        return float(m.average_voltage)

    def average_voltage(self, voltage=None):
        """Capacity-weighted average voltage, V (``voltage`` as for :meth:`energy_density`)."""
        return self.energy_density(voltage).average_voltage

    def energy_density(self, voltage=None):
        """Theoretical (or stated-capacity) energy density of the electrode: every capacity fully used, whatever the
        rate, the loading or the conducting network (:attr:`EnergyDensity.basis` says which; an electrode whose host
        cannot percolate is warned at construction, :attr:`conducting_volume_fraction`).

        Parameters
        ----------
        voltage : float or dict, optional
            A single average voltage (V) for the whole electrode, or a dict active material -> V; missing entries
            (and ``None``) use the constructor's ``voltages`` and then the library defaults.

        Returns
        -------
        EnergyDensity
            Wh/kg = ESC [mAh/g] * V; Wh/L = Wh/kg * density [g/cm^3] (paper's equations 1-2 and Table S9).
        """
        esc = self.specific_capacity
        if isinstance(voltage, Mapping):  # the constructor's check: each material in the composition
            voltage = self._check_per_material(voltage, "voltage")
        if esc == 0:
            raise ValueError(f"electrode {self.name or dict(self._composition)!r} stores no charge (no constituent "
                             "has a capacity): it has no energy density and no average voltage")
        if voltage is None or isinstance(voltage, Mapping):
            mf = self.mass_fractions
            terms = [
                mf[n] * self.capacity_of(n) * self.voltage_of(n, voltage)
                for n, w in self._composition.items()
                if w > 0 and self.capacity_of(n) > 0
            ]
            eg = math.fsum(terms)
            v_avg = eg / esc
        else:
            v_avg = check_voltage_vs_li(voltage, "voltage", above_zero=True)
            eg = esc * v_avg
        rho = self.density
        return EnergyDensity(gravimetric=eg, volumetric=eg * rho, specific_capacity=esc, average_voltage=v_avg,
                             density=rho, basis=self.basis)

    # ------------------------------------------------------------------ loading helpers (per unit area)
    def areal_capacity(self, loading_mg_cm2):
        """Areal capacity, mAh/cm^2, of a layer of ``loading_mg_cm2`` mg of electrode per cm^2."""
        return self.specific_capacity * check_real(loading_mg_cm2, "loading_mg_cm2", NON_NEGATIVE) / 1000.0

    def thickness_um(self, loading_mg_cm2):
        """Thickness (um) of a layer of ``loading_mg_cm2`` mg/cm^2 at this electrode's density."""
        return check_real(loading_mg_cm2, "loading_mg_cm2", NON_NEGATIVE) / self.density * 10.0

    def loading_for_thickness(self, thickness_um):
        """Loading (mg/cm^2) of a layer ``thickness_um`` thick."""
        return check_real(thickness_um, "thickness_um", NON_NEGATIVE) * self.density / 10.0

    def loading_for_areal_capacity(self, areal_capacity_mAh_cm2):
        """Loading (mg/cm^2) that gives ``areal_capacity_mAh_cm2``."""
        capacity = check_real(areal_capacity_mAh_cm2, "areal_capacity_mAh_cm2", NON_NEGATIVE)
        return capacity / self.specific_capacity * 1000.0

    # ------------------------------------------------------------------ lithiation
    def lithiated(self, porosity=None):
        """The same electrode in its discharged (lithiated) state.

        Every charged-state host is replaced by its lithiated counterpart (S8 -> Li2S, Mo6S8 -> Li4Mo6S8,
        TiS2 -> LiTiS2, Li4Ti5O12 -> Li7Ti5O12, In -> LiIn) with the mass gain of lithiation
        (``Material.lithiation_mass_ratio``: 8 M(Li2S) / M(S8) = 368/256 with the paper's molar masses);
        materials already lithiated and inactive ones are unchanged; a charged host with a capacity and no
        counterpart (the library's Graphite, a record of your own without ``lithiated_name``) is a
        :class:`NoDischargedState` (a ValueError) naming it (its Li mass was left out: the discharged figures were the
        charged ones). Capacities become per gram of the lithiated phase (C / mass_ratio) so that the electrode's
        capacity (mAh) is conserved: ESC_discharged = ESC_charged / (mass of discharged electrode / mass of charged
        electrode). Full lithiation to the named counterpart is assumed (as the paper does), whatever capacity is used.

        Parameters
        ----------
        porosity : None, float or "constant volume"
            Porosity of the discharged electrode. None (default) keeps the charged porosity: the paper's
            assumption for the "Li2S-Li4Mo6S8" figures (the electrode swells with its solid). A float sets it.
            ``"constant volume"`` keeps the electrode's outer volume, so the pores absorb the expansion
            (ValueError if the lithiated solid does not fit).

        Returns
        -------
        Electrode
        """
        mass, cap_mass, energy, per_lith = {}, {}, {}, {}
        known_cap, known_v, records = {}, {}, {}
        typed = set()
        for n, w in self._composition.items():
            m = self._materials[n]
            cap = self._capacities.get(n, m.specific_capacity)
            record, ratio = self._lithiation_target(n)
            target = record.name
            records[target] = record
            if n in self._typed:
                typed.add(target)
            mass[target] = mass.get(target, 0.0) + w * ratio
            if cap is None:
                known_cap[target] = False
                continue
            known_cap.setdefault(target, True)
            cap_mass[target] = cap_mass.get(target, 0.0) + w * cap
            # (the lithiated phase's mass w * ratio and its capacity per gram C / ratio: a weight of 5e-324 made
            # w * ratio round to w, and cap_mass / mass gave S8's 1675 for Li2S, above its Faraday 1165 mAh/g)
            per_lith.setdefault(target, []).append((w * ratio, cap / ratio))
            if cap > 0:
                try:
                    v = self.voltage_of(n)
                except ValueError:
                    known_v[target] = False
                else:
                    known_v.setdefault(target, True)
                    energy[target] = energy.get(target, 0.0) + w * cap * v
        ratio_solid = math.fsum(mass.values())
        comp = {k: v / ratio_solid for k, v in mass.items()}
        caps = {k: math.fsum(m / mass[k] * c for m, c in per_lith[k]) for k in mass if known_cap.get(k) and mass[k] > 0}
        volts = {k: energy[k] / cap_mass[k] for k in energy if known_v.get(k) and cap_mass.get(k, 0) > 0}

        if porosity is None:
            phi = self._porosity
        elif isinstance(porosity, str):
            if porosity.strip().lower() != "constant volume":
                raise ValueError(f"porosity must be None, a float or 'constant volume', got {porosity!r}")
            lith_solid_density = 1.0 / math.fsum(w / records[k].density for k, w in comp.items())
            v_total = 1.0 / ((1.0 - self._porosity) * self.solid_density)  # cm3 per g of charged solid
            v_solid_lith = ratio_solid / lith_solid_density
            phi = 1.0 - v_solid_lith / v_total
            if phi < 0:
                raise ValueError(
                    f"at constant volume the lithiated solid ({v_solid_lith:.4g} cm3 per g of charged solid) does "
                    f"not fit in the charged electrode ({v_total:.4g} cm3): its expansion exceeds the porosity "
                    f"{self._porosity!r}"
                )
        else:
            phi = check_porosity(porosity, "porosity of the lithiated electrode")
        name = f"{self.name} (discharged)" if self.name else None
        with warnings.catch_warnings():  # (this electrode was judged made and discharged: one PercolationWarning)
            warnings.simplefilter("ignore", PercolationWarning)
            lithiated = Electrode({records[k]: w for k, w in comp.items()}, phi, pore_filler=self._pore_filler,
                                  voltages=volts, name=name).with_derived_capacities(caps)
        lithiated._typed = typed  # (a capacity given stays stated on the discharged basis)
        return lithiated

    def _lithiation_target(self, n):
        """(record, mass ratio) of constituent ``n`` in the discharged electrode (:meth:`lithiated`): its lithiated
        counterpart and ``lithiation_mass_ratio``, or itself and 1; a :class:`NoDischargedState` for a charged host
        with a capacity and no counterpart."""
        m = self._materials[n]
        lith = m.lithiated
        if lith is not None:
            return lith, m.lithiation_mass_ratio
        cap = self._capacities.get(n, m.specific_capacity)
        if m.state == "charged" and cap != 0:  # (kept as it is, its Li mass was left out)
            raise NoDischargedState(
                f"material {n!r} is made Li-free (state 'charged', capacity "
                f"{'unknown' if cap is None else f'{cap!r} mAh/g'}) and names no "
                "lithiated counterpart (lithiated_name or lithiated_record): the discharged electrode's mass and "
                "density are unknown; register its lithiated phase and name it, or give it capacity 0")
        return m, 1.0

    def lithiation_mass_ratio(self, porosity=None):
        """Mass of the discharged electrode per mass of this (charged) electrode (``porosity`` as :meth:`lithiated`).

        For empty pores it is the solid's mass gain (1.1647 for the paper's S-LMS; the paper's 1.1649 is of its
        rounded molar masses); with a liquid filler the
        liquid in the (resized) pores is counted too.
        """
        return self._mass_ratio(self.lithiated(porosity))

    def lithiation_volume_ratio(self, porosity=None):
        """Volume of the discharged electrode per volume of this electrode (``porosity`` as :meth:`lithiated`)."""
        return self._volume_ratio(self.lithiated(porosity))

    def lithiation_ratios(self, porosity=None):
        """(:meth:`lithiation_mass_ratio`, :meth:`lithiation_volume_ratio`) from one :meth:`lithiated` electrode."""
        lith = self.lithiated(porosity)
        return self._mass_ratio(lith), self._volume_ratio(lith)

    def _mass_ratio(self, lith):
        """:meth:`lithiation_mass_ratio` of ``lith``, this electrode's :meth:`lithiated` one (built once)."""
        return self._volume_ratio(lith) * lith.density / self.density

    def _volume_ratio(self, lith):
        """:meth:`lithiation_volume_ratio` of ``lith``, this electrode's :meth:`lithiated` one."""
        ratio_solid = math.fsum(
            w * self._materials[n].lithiation_mass_ratio for n, w in self._composition.items()
        )
        solid_mass = (1.0 - self._porosity) * self.solid_density  # g of charged solid per cm3 of electrode
        return solid_mass * ratio_solid / lith.solid_density / (1.0 - lith.porosity)

    # ------------------------------------------------------------------ practical energy from a curve
    def from_curve(self, capacity_mAh, voltage_V, mass_g, discharged_porosity=None):
        """Practical capacity and energy of this electrode from one measured discharge curve.

        Parameters
        ----------
        capacity_mAh : array_like
            Cumulative discharge capacity (mAh), monotonic (increasing or decreasing), finite.
        voltage_V : array_like
            Cell voltage (V) at each capacity point.
        mass_g : float
            Mass of the electrode as made (the charged basis: its Li-free hosts charged), g.
        discharged_porosity : None, float or "constant volume"
            Porosity of the discharged electrode for the discharged basis (see :meth:`lithiated`).

        Returns
        -------
        PracticalEnergy
            ESC = Q / mass (mAh/g), E = integral V dQ (mWh) from the compiled ``pybamm_aea.kernels.curve_energy``,
            Wh/kg = E / mass, Wh/L = Wh/kg * density, on the charged basis and on the discharged basis (mass and
            density of :meth:`lithiated`), as in the paper's SI calculation model (c) and (d); the discharged basis None
            when the electrode has no known discharged state (a Graphite electrode: :class:`NoDischargedState`).
        """
        q, v = _check_curve(capacity_mAh, voltage_V)
        mass = check_real(mass_g, "mass_g", POSITIVE)
        from pybamm_aea.kernels import curve_energy

        energy, mean_v = curve_energy(q, v)
        energy, mean_v = float(energy), float(mean_v)
        capacity = float(q[-1] - q[0])
        charged = EnergyDensity(
            gravimetric=energy / mass, volumetric=energy / mass * self.density, specific_capacity=capacity / mass,
            average_voltage=mean_v, density=self.density, basis=_MEASURED,
        )
        try:
            lith = self.lithiated(discharged_porosity)
        except NoDischargedState:  # (a Graphite electrode: its charged basis stands)
            mass_d, discharged = None, None
        else:
            mass_d = mass * self._mass_ratio(lith)
            discharged = EnergyDensity(
                gravimetric=energy / mass_d, volumetric=energy / mass_d * lith.density,
                specific_capacity=capacity / mass_d, average_voltage=mean_v, density=lith.density, basis=_MEASURED,
            )
        return PracticalEnergy(
            capacity_mAh=capacity, energy_mWh=energy, average_voltage=mean_v, mass_g=mass, discharged_mass_g=mass_d,
            charged=charged, discharged=discharged,
        )

    # ------------------------------------------------------------------ reporting
    def summary(self):
        """Make-up table (pandas DataFrame): density, mass and volume fractions, partial density, capacity."""
        mf, vf, pd_ = self.mass_fractions, self.volume_fractions, self.partial_densities
        rows = []
        for n in list(self._composition) + [k for k in vf if k not in self._composition]:
            filler = self._pore_filler
            m = self._materials.get(n) or (filler if filler is not None and n == filler.name else None)
            rows.append(
                {
                    "component": n,
                    "density_g_per_cm3": m.density if m is not None else 0.0,
                    "mass_fraction": mf.get(n, 0.0),
                    "volume_fraction": vf.get(n, 0.0),
                    "partial_density_g_per_cm3": pd_.get(n, 0.0),
                    "capacity_mAh_per_g": self.capacity_of(n) if n in self._composition else 0.0,
                }
            )
        return pd.DataFrame(rows).set_index("component")

    def __repr__(self):
        comp = ", ".join(f"{k!r}: {v:g}" for k, v in self._composition.items())
        filler = f", pore_filler={self._pore_filler.name!r}" if self._pore_filler is not None else ""
        label = f"{self.name!r}: " if self.name else ""
        return f"<Electrode {label}{{{comp}}}, porosity={self._porosity:g}{filler}>"
