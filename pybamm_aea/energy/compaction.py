"""Porosity of compacted powders vs pressure (Tables S6, S7 and S8 of Li et al., Adv. Mater. 2021, SI).

Data sets (read from the shipped tables, porosity as a fraction):

- ``"Mo6S8"``: 200 mg Mo6S8 in a 0.785 cm^2 die, branch ``"loading"`` (under pressure, Table S6) and
  ``"released"`` (after the pressure is released, Table S7): the spring-back hysteresis of Figure 3b.
- ``"S-LMS"``: the hybrid 32.5 wt% S8 + 67.5 wt% Mo6S8 AEA cathode under pressure (Table S8), 8.2 % at 360 MPa.
- ``"S-C-LGPS"``: a typical 32.5 wt% S / 17.5 wt% C / 50 wt% LGPS cathode under pressure (Table S8).

Two standard powder-compaction laws are fitted to each set by non-linear least squares on the porosity itself:

- Heckel (Heckel, Trans. Metall. Soc. AIME 221, 671, 1961): ``ln(1/phi) = K P + A``, i.e.
  ``phi = exp(-(K P + A))``; 1/K is the mean yield pressure.
- Kawakita (Kawakita & Luedde, Powder Technol. 4, 61, 1971): ``P/C = 1/(a b) + P/a`` with the volumetric
  reduction ``C = (V0 - V)/V0 = a b P / (1 + b P)``; with V = V_solid / (1 - phi) and V0 = V_solid / (1 - phi0),
  ``phi = 1 - (1 - phi0)/(1 - C)``. Three parameters (a, b, phi0) with the physical constraint ``a <= phi0``
  (porosity stays >= 0 as P -> infinity) and ``phi0 >= max(measured phi)``.

Choice of law. The law with the smaller residual standard error in porosity, ``sqrt(SSE / (n - p))``
(p = number of parameters, so the three-parameter Kawakita is not favoured for its extra freedom), wins. With the
shipped tables Heckel wins for all four sets: RMS residuals (percentage points of porosity) Heckel / constrained
Kawakita are 1.56 / 2.82 (Mo6S8 loading), 1.64 / 2.40 (Mo6S8 released), 3.53 / 4.04 (S-LMS) and 2.66 / 2.96
(S-C-LGPS). An unconstrained Kawakita fit has a smaller RMS for Mo6S8 (1.08 points) but only with a > phi0, i.e. a
porosity that turns negative at a finite pressure, so it is not admissible. Neither law follows the sharp final
densification of the S-LMS set (8.2 % at 360 MPa, 'creep' of S8 and Mo6S8 in the paper's words): the Heckel fit
gives 17 % there.

Evaluation (:func:`porosity`). ``method="auto"`` (default) interpolates the measured points linearly inside the
measured pressure range (so tabulated pressures give the paper's porosity exactly, e.g. 8.2 % for S-LMS at
360 MPa) and uses the fitted law outside it, scaled to meet the first/last measured point (continuous), with an
:class:`~pybamm_aea.energy.ExtrapolationWarning`. ``method="fit"`` uses the fitted law everywhere (warning outside
the measured range); ``method="interpolate"`` refuses (ValueError) outside the measured range. Negative or
non-finite pressures raise ValueError, as do pressures above 1000 MPa, the model's "Stack pressure [MPa]" range
(:data:`pybamm_aea.ranges.STACK_PRESSURE`, its stack-held porosity nears the swelling's floor there), in the words of
``pybamm-aea energy --pressure`` and a sweep's range (warned only until session 53: docs/checks.rst, "Parameter
values and inputs"). Within it, at 1000 MPa, the shipped laws give 0.010 (Mo6S8) to 0.038 (S-C-LGPS) by
``method="auto"`` on the loading branch, up to 0.051 (S-C-LGPS) by ``"fit"`` and 0.052-0.054 on Mo6S8's released
branch: extrapolations warned about, not refused; a law's porosity outside (0, 1) is refused naming the pressure
(none of the shipped sets' within the range).
"""
from dataclasses import dataclass, field, replace
import functools
import warnings

import numpy as np
from scipy.optimize import least_squares

from pybamm_aea import compaction_data_sets
from pybamm_aea.data import load_paper_table
from pybamm_aea.ranges import FRACTION_BELOW_ONE, STACK_PRESSURE, Range
from pybamm_aea.user_input import did_you_mean, name_key

from ._common import (ExtrapolationWarning, check_pressure_array, check_stack_pressure_array, first_outside,
                      scalar_or_array)

__all__ = [
    "CompactionFit",
    "compaction_data",
    "compaction_fit",
    "compaction_sets",
    "fit_compaction",
    "heckel_porosity",
    "kawakita_porosity",
    "measured_composition",
    "porosity",
]

BRANCHES = ("loading", "released")
#: a measured porosity a law is fitted to: in (0, 1), above 0 as the Heckel law's ln(1/porosity) needs (one typed in
#: percent said so, :data:`~pybamm_aea.ranges.PERCENT`)
FITTED_POROSITY = replace(FRACTION_BELOW_ONE, low_open=True)


def heckel_porosity(pressure_MPa, K, A):
    """Heckel law: porosity ``exp(-(K P + A))`` (K in 1/MPa, A dimensionless)."""
    return np.exp(-(K * np.asarray(pressure_MPa, dtype=float) + A))


def kawakita_porosity(pressure_MPa, a, b, phi0):
    """Kawakita law as a porosity: ``1 - (1 - phi0)/(1 - a b P/(1 + b P))`` (b in 1/MPa, a and phi0 fractions)."""
    p = np.asarray(pressure_MPa, dtype=float)
    c = a * b * p / (1.0 + b * p)
    return 1.0 - (1.0 - phi0) / (1.0 - c)


_LAWS = {"heckel": (heckel_porosity, ("K", "A")), "kawakita": (kawakita_porosity, ("a", "b", "phi0"))}


@dataclass(frozen=True)
class CompactionFit:
    """A compaction law fitted to porosity-vs-pressure data.

    Attributes
    ----------
    material, branch : str
        Data set and branch (``"loading"`` or ``"released"``).
    law : str
        The chosen law, ``"heckel"`` or ``"kawakita"``.
    params : dict
        Its parameters (Heckel: K [1/MPa], A; Kawakita: a, b [1/MPa], phi0).
    rms : float
        RMS residual of porosity (fraction; multiply by 100 for percentage points).
    rse : float
        Residual standard error sqrt(SSE / (n - p)), the selection criterion.
    n : int
        Number of data points.
    pressure_range : tuple
        (min, max) measured pressure, MPa.
    alternatives : dict
        law -> {"params", "rms", "rse"} for every law fitted (the chosen one included).
    """

    material: str
    branch: str
    law: str
    params: dict
    rms: float
    rse: float
    n: int
    pressure_range: tuple
    alternatives: dict = field(repr=False)

    def predict(self, pressure_MPa):
        """Porosity (fraction) of the fitted law at ``pressure_MPa`` (no range check, no warning)."""
        func, names = _LAWS[self.law]
        return func(pressure_MPa, *(self.params[k] for k in names))


def fit_compaction(pressure_MPa, porosity_fraction, material="user data", branch="loading"):
    """Fit Heckel and Kawakita laws to porosity-vs-pressure data and choose the better one.

    Parameters
    ----------
    pressure_MPa, porosity_fraction : array_like
        Measured pressures (MPa, >= 0; >= 3 distinct) and porosities (fractions in (0, 1)), the porosity falling
        with pressure (ValueError otherwise).
    material, branch : str
        Labels stored on the result.

    Returns
    -------
    CompactionFit
        The law with the smaller residual standard error sqrt(SSE/(n-p)) (see the module docstring).
    """
    p = check_pressure_array(pressure_MPa, "pressure_MPa")
    phi = first_outside(FITTED_POROSITY, porosity_fraction, "porosity_fraction")
    if p.shape != phi.shape or p.ndim != 1 or p.size < 4:
        raise ValueError(f"need matching 1-D pressure and porosity arrays of >= 4 points, got {p.shape} and "
                         f"{phi.shape}")
    if np.unique(p).size < 3:
        raise ValueError(f"need >= 3 distinct pressures (the Kawakita law has 3 parameters), got "
                         f"{np.unique(p).tolist()}")
    n = p.size
    alternatives = {}

    # Heckel: start from the linear regression of ln(1/phi) on P.
    K0, A0 = np.polyfit(p, np.log(1.0 / phi), 1)
    if not K0 > 0:  # a compact densifies under pressure: a law fitted to rising porosity extrapolates above 1
        raise ValueError(f"porosity must fall with pressure, but ln(porosity) rises by {-K0:.3g} per MPa over the "
                         f"data (pressures {p.tolist()} MPa, porosities {phi.tolist()}): check the columns and units")
    res = least_squares(lambda x: heckel_porosity(p, *x) - phi, [K0, A0])
    sse = float(np.sum(res.fun**2))
    alternatives["heckel"] = {
        "params": dict(zip(("K", "A"), map(float, res.x))), "rms": np.sqrt(sse / n), "rse": np.sqrt(sse / (n - 2))
    }

    # Kawakita with a = s * phi0 (0 <= s <= 1 keeps phi >= 0 at any pressure) and phi0 >= max(phi).
    def resid(x):
        phi0, s, b = x
        return kawakita_porosity(p, s * phi0, b, phi0) - phi

    lo, hi = [float(phi.max()), 0.0, 0.0], [0.999, 1.0, np.inf]
    best = None
    for s0 in (0.5, 0.9, 0.999):
        for b0 in (1e-3, 1e-2, 1e-1):
            x0 = [min(0.99, float(phi.max()) + 0.05), s0, b0]
            r = least_squares(resid, x0, bounds=(lo, hi))
            if best is None or r.cost < best.cost:
                best = r
    phi0, s, b = map(float, best.x)
    sse = float(np.sum(best.fun**2))
    alternatives["kawakita"] = {
        "params": {"a": s * phi0, "b": b, "phi0": phi0}, "rms": np.sqrt(sse / n), "rse": np.sqrt(sse / (n - 3))
    }

    law = min(alternatives, key=lambda k: alternatives[k]["rse"])
    chosen = alternatives[law]
    return CompactionFit(
        material=material, branch=branch, law=law, params=dict(chosen["params"]), rms=float(chosen["rms"]),
        rse=float(chosen["rse"]), n=n, pressure_range=(float(p.min()), float(p.max())), alternatives=alternatives,
    )


# ---------------------------------------------------------------------------------------------------------- data
_ALIASES = {
    "mo6s8": "Mo6S8", "lms": "Mo6S8", "ms": "Mo6S8",
    "slms": "S-LMS", "s8mo6s8": "S-LMS", "hybridslms": "S-LMS",
    "sclgps": "S-C-LGPS", "sc/lgps": "S-C-LGPS", "sclgpscathode": "S-C-LGPS",
}


def compaction_set_name(material):
    """The compaction data set ``material`` names (``"Mo6S8"``, ``"S-LMS"``, ``"S-C-LGPS"``; spaces, dashes, case and
    aliases ignored); ValueError naming it and the known sets otherwise."""
    name = _ALIASES.get(name_key(material))
    if name is None:
        raise ValueError(
            f"no compaction data for {material!r}; known data sets: {', '.join(compaction_sets())} "
            "(use fit_compaction for your own data)" + did_you_mean(material, compaction_sets())
        )
    return name


def compaction_sets():
    """Names of the compaction data sets, :data:`pybamm_aea.compaction_data_sets.NAMES`: ``["Mo6S8", "S-LMS",
    "S-C-LGPS"]``."""
    return list(compaction_data_sets.NAMES)


def measured_composition(material):
    """Mass fractions of the solid ``{material: fraction}`` a data set was measured on: pure Mo6S8 (Tables S6/S7),
    the S-LMS and S-C-LGPS cathodes of Table S8 (:data:`pybamm_aea.energy.paper.SLMS_COMPOSITION`,
    :data:`~pybamm_aea.energy.paper.SCLGPS_COMPOSITION`)."""
    from . import paper

    name = compaction_set_name(material)
    return dict({"Mo6S8": {"Mo6S8": 1.0}, "S-LMS": paper.SLMS_COMPOSITION, "S-C-LGPS": paper.SCLGPS_COMPOSITION}[name])


def same_composition(a, b):
    """Whether two solids' mass fractions ``{material name: fraction}`` are the same (zero fractions ignored)."""
    a, b = ({m: w for m, w in c.items() if w > 0} for c in (a, b))
    return a.keys() == b.keys() and all(abs(a[m] - b[m]) <= 1e-9 for m in a)


def describe_composition(composition):
    """``"32.5 wt% S8 + 67.5 wt% Mo6S8"`` of mass fractions ``{material name: fraction}``."""
    return " + ".join(f"{100 * w:.4g} wt% {m}" for m, w in composition.items() if w > 0)


def composition_note(composition, material):
    """The note when data set ``material``'s law was measured on another solid than ``composition`` (mass fractions
    by material name), else None: its porosity is then carried over to a composition never measured."""
    measured = measured_composition(material)
    if same_composition(composition, measured):
        return None
    return (f"porosity from the {compaction_set_name(material)!r} compaction law, measured on "
            f"{describe_composition(measured)}, for a cathode of {describe_composition(composition)} (no law "
            "measured on this composition)")


@functools.lru_cache(maxsize=None)
def _data(material, branch):
    if material == "Mo6S8":
        t = load_paper_table("tableS6_S7_porosity_vs_pressure")
        t = t[t["state"] == branch].sort_values("pressure_MPa")
        return t["pressure_MPa"].to_numpy(float), t["porosity_percent"].to_numpy(float) / 100.0
    if branch != "loading":
        raise ValueError(f"{material!r} was measured under pressure only (branch='loading'), got branch={branch!r}")
    t = load_paper_table("tableS8_energy_vs_pressure").sort_values("pressure_MPa")
    column = {"S-LMS": "S_LMS_porosity_percent", "S-C-LGPS": "S_C_LGPS_porosity_percent"}[material]
    return t["pressure_MPa"].to_numpy(float), t[column].to_numpy(float) / 100.0


def _check_branch(branch):
    if branch not in BRANCHES:
        raise ValueError(f"branch must be one of {BRANCHES}, got {branch!r}" + did_you_mean(branch, BRANCHES))


def compaction_data(material, branch="loading"):
    """Measured (pressure_MPa, porosity_fraction) arrays of one data set and branch, from the shipped tables."""
    _check_branch(branch)
    p, phi = _data(compaction_set_name(material), branch)
    return p.copy(), phi.copy()


@functools.lru_cache(maxsize=None)
def _fit(material, branch):
    p, phi = _data(material, branch)
    return fit_compaction(p, phi, material=material, branch=branch)


def compaction_fit(material, branch="loading"):
    """The fitted compaction law (:class:`CompactionFit`) of a data set; fitted on first use and cached."""
    _check_branch(branch)
    return _fit(compaction_set_name(material), branch)


def _gpa_hint(below, lo, hi):
    """The unit slip of the first pressure of ``below`` [MPa] (those under a law's measured range ``lo`` .. ``hi``
    [MPa]) that read in GPa lies in that range: " (0.36 MPa = 0.00036 GPa); did you give GPa? 0.36 GPa = 360 MPa"
    (:meth:`pybamm_aea.ranges.Range.slip_hint`), else "". Warned, not refused: a pressure below the measured range is
    one the law extrapolates to (a cell held at a few MPa), and 0.36 MPa is inside :data:`STACK_PRESSURE`; only the
    measured range makes the GPa reading the likelier (the paper's 360 MPa; session 53). A pressure at or below
    :data:`~pybamm_aea.ranges.ATMOSPHERE_MPA` gets none: it is an unpressed cell's (0.1 MPa was asked "did you give
    GPa?" in session 53), by the rule of the Pa slip's (:meth:`~pybamm_aea.ranges.Range.implausible`)."""
    measured = Range(lo, hi, low_slip=("MPa", "GPa", 1e-3))
    pressed = [float(value) for value in np.ravel(below) if not STACK_PRESSURE.implausible(value)]
    return next((hint for value in pressed if (hint := measured.slip_hint(value))), "")


def porosity(material, pressure_MPa, branch="loading", method="auto"):
    """Porosity (fraction) of a compacted powder at a pressure.

    Parameters
    ----------
    material : str
        ``"Mo6S8"`` (Tables S6/S7), ``"S-LMS"`` or ``"S-C-LGPS"`` (Table S8).
    pressure_MPa : float or array_like
        Pressure, MPa, within 0-1000 (:data:`pybamm_aea.ranges.STACK_PRESSURE`; ValueError naming the first outside).
        For ``branch="released"``: the pressure that was applied and then released.
    branch : str
        ``"loading"`` (under pressure) or ``"released"`` (after release; Mo6S8 only).
    method : str
        ``"auto"``: linear interpolation of the measured points inside the measured range, the fitted law
        (scaled to meet the nearest measured point) outside it with an ExtrapolationWarning; ``"fit"``: the
        fitted law everywhere (ExtrapolationWarning outside the measured range); ``"interpolate"``: measured
        range only (ValueError outside). ValueError naming the pressure where the law's porosity is not in (0, 1).

    Returns
    -------
    float or numpy.ndarray
        Porosity as a fraction (0.082 for S-LMS at 360 MPa).
    """
    _check_branch(branch)
    name = compaction_set_name(material)
    p = check_stack_pressure_array(pressure_MPa)
    p_data, phi_data = _data(name, branch)
    lo, hi = p_data[0], p_data[-1]
    outside = (p < lo) | (p > hi)
    if method == "interpolate":
        if np.any(outside):
            raise ValueError(
                f"pressure {p[outside].tolist()} MPa is outside the measured range [{lo:g}, {hi:g}] MPa of "
                f"{name!r} ({branch}); use method='fit' or 'auto' to extrapolate with the fitted law"
            )
        return scalar_or_array(np.interp(p, p_data, phi_data), pressure_MPa)
    if method not in ("auto", "fit"):
        raise ValueError(f"method must be 'auto', 'fit' or 'interpolate', got {method!r}")
    fit = _fit(name, branch)
    if method == "fit":
        out = fit.predict(p)
    else:
        out = np.interp(p, p_data, phi_data)
        if np.any(outside):
            edge = np.where(p < lo, lo, hi)
            anchor = np.where(p < lo, phi_data[0], phi_data[-1])
            scaled = fit.predict(p) * anchor / fit.predict(edge)
            out = np.where(outside, scaled, out)
    # a porosity is a fraction in (0, 1): either law is > 0 at any finite pressure, so a 0 is the law's exp(-K P)
    # below the smallest float (1e9 MPa gave "porosity 0.0000", a fully dense powder, with only the warning). No
    # shipped law reaches this within STACK_PRESSURE (each a Heckel law, K, A > 0: 0.0104-0.575 over 0-1000 MPa, its
    # 0 past 197 GPa; tests/test_energy_fits.py): a guard for a data set added to compaction_data_sets.NAMES whose
    # Kawakita law (a >= 1) or Heckel law (A < 0) leaves (0, 1), tested on such laws; a user's own law, a function
    # given to Electrode.at_pressure, is refused as a porosity naming the pressure there
    impossible = np.flatnonzero(np.ravel(FITTED_POROSITY.outside(out)))
    if impossible.size:
        k = int(impossible[0])
        value = np.ravel(out)[k]
        why = ("0 is the law's value below the smallest float" if not value > 0.0 else
               "a porosity of 1 or more leaves no solid")
        raise ValueError(
            f"pressure {np.ravel(p)[k]:g} MPa: the {fit.law} law fitted to {name!r} ({branch}, measured "
            f"[{lo:g}, {hi:g}] MPa) extrapolates to a porosity of {value:.4g}, outside "
            f"{FITTED_POROSITY.describe()} where a "
            f"compacted powder's porosity lies at any finite pressure ({why}): give a pressure nearer the "
            "measured range")
    if np.any(outside):  # (a porosity the law gives: a plausible extrapolation, said with its value)
        warnings.warn(
            f"porosity of {name!r} ({branch}) extrapolated with the fitted {fit.law} law to "
            f"{p[outside].tolist()} MPa, outside the measured range [{lo:g}, {hi:g}] MPa: porosity "
            f"{', '.join(f'{v:.4g}' for v in np.ravel(out)[np.ravel(outside)])}{_gpa_hint(p[p < lo], lo, hi)}",
            ExtrapolationWarning,
            stacklevel=2,
        )
    return scalar_or_array(out, pressure_MPa)
