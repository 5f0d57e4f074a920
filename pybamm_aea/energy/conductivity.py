"""Electronic conductivity of compacted powders vs porosity (Table S4 of Li et al., Adv. Mater. 2021, SI).

Table S4 gives 4-probe room-temperature powder conductivities (S/cm) of Mo6S8, TiS2, Super P carbon black,
NCM and carbon-coated LiFePO4 at several porosities (pellets pressed at 6.4-51 MPa). Two laws are fitted to each
material by least squares on log10(sigma):

- Archie-type power law: ``sigma = sigma0 (1 - phi)^m`` (2 parameters; Archie, Trans. AIME 146, 54, 1942).
- Percolation law: ``sigma = sigma0 ((1 - phi - phi_c) / (1 - phi_c))^t`` for a solid fraction ``1 - phi``
  above the threshold ``phi_c`` (critical solid volume fraction), 0 below it (3 parameters; Kirkpatrick,
  Rev. Mod. Phys. 45, 574, 1973). It contains Archie's law as phi_c = 0.

Choice of law: the smaller residual standard error in log10 space, ``sqrt(SSE / (n - p))``, so the percolation law
must earn its extra parameter. With the shipped table: Mo6S8 -> Archie (m = 6.8, RMS 0.017 decades; the
percolation fit collapses onto phi_c = 0); TiS2 -> percolation (phi_c = 0.52, t = 2.3, RMS 0.002 vs 0.024 for
Archie); Super P -> percolation (phi_c = 0.06, t = 1.9, RMS 0.0015 vs 0.0035); NCM -> percolation (phi_c = 0.84,
t = 0.9, RMS 0.006 vs 0.049); C-LiFePO4 -> percolation (phi_c = 0.49, t = 1.2, RMS 0.0013 vs 0.010).

The fits are made from the shipped table on first use and cached. Porosity outside [0, 1) raises ValueError;
porosity outside the measured range is allowed but gives an :class:`~pybamm_aea.energy.ExtrapolationWarning`
(these are pellet data over a narrow porosity window: a dense electrode at 11 % porosity is well outside the
Mo6S8 window 0.41-0.56).
"""
from dataclasses import dataclass, field
import functools
import warnings

import numpy as np
from scipy.optimize import least_squares

from pybamm_aea.data import load_paper_table
from pybamm_aea.user_input import did_you_mean, name_key

from ..ranges import POSITIVE
from ._common import ExtrapolationWarning, check_porosity_array, first_outside, scalar_or_array

__all__ = [
    "ConductivityFit",
    "archie_conductivity",
    "conductivity_data",
    "conductivity_fit",
    "conductivity_materials",
    "electronic_conductivity",
    "fit_conductivity",
    "percolation_conductivity",
]


def archie_conductivity(porosity, sigma0, m):
    """Archie-type law ``sigma0 (1 - phi)^m`` (S/cm)."""
    return sigma0 * (1.0 - np.asarray(porosity, dtype=float)) ** m


def percolation_conductivity(porosity, sigma0, phi_c, t):
    """Percolation law ``sigma0 ((1 - phi - phi_c)/(1 - phi_c))^t`` (S/cm), 0 below the threshold."""
    x = (1.0 - np.asarray(porosity, dtype=float) - phi_c) / (1.0 - phi_c)
    return np.where(x > 0, sigma0 * np.clip(x, 1e-300, None) ** t, 0.0)


_LAWS = {"archie": (archie_conductivity, ("sigma0", "m")),
         "percolation": (percolation_conductivity, ("sigma0", "phi_c", "t"))}


@dataclass(frozen=True)
class ConductivityFit:
    """A conductivity-porosity law fitted to Table S4 (or user) data.

    Attributes
    ----------
    material : str
    law : str
        ``"archie"`` or ``"percolation"``.
    params : dict
        sigma0 [S/cm] and m (Archie) or phi_c, t (percolation).
    rms_log10 : float
        RMS residual of log10(sigma) (decades).
    rse_log10 : float
        Residual standard error sqrt(SSE/(n - p)) in log10 space (the selection criterion).
    n : int
    porosity_range : tuple
        (min, max) measured porosity.
    alternatives : dict
        law -> {"params", "rms_log10", "rse_log10"}.
    """

    material: str
    law: str
    params: dict
    rms_log10: float
    rse_log10: float
    n: int
    porosity_range: tuple
    alternatives: dict = field(repr=False)

    def predict(self, porosity):
        """Conductivity (S/cm) of the fitted law (no range check, no warning)."""
        func, names = _LAWS[self.law]
        return func(porosity, *(self.params[k] for k in names))


def fit_conductivity(porosity, conductivity_S_per_cm, material="user data"):
    """Fit the Archie and percolation laws in log10 space and choose by residual standard error.

    Parameters
    ----------
    porosity : array_like
        Porosities (fractions in [0, 1); >= 3 distinct).
    conductivity_S_per_cm : array_like
        Conductivities (S/cm, > 0), falling with porosity (ValueError otherwise).

    Returns
    -------
    ConductivityFit
    """
    phi = check_porosity_array(porosity)
    sigma = np.asarray(conductivity_S_per_cm, dtype=float)
    if phi.shape != sigma.shape or phi.ndim != 1 or phi.size < 4:
        raise ValueError(f"need matching 1-D porosity and conductivity arrays of >= 4 points, got {phi.shape}, "
                         f"{sigma.shape}")
    first_outside(POSITIVE, sigma, "conductivity_S_per_cm")
    if np.unique(phi).size < 3:
        raise ValueError(f"need >= 3 distinct porosities (the percolation law has 3 parameters), got "
                         f"{np.unique(phi).tolist()}")
    n = phi.size
    solid = 1.0 - phi
    log_s = np.log10(sigma)
    alternatives = {}

    m, log_s0 = np.polyfit(np.log10(solid), log_s, 1)
    if not m > 0:  # a compact conducts less the more pores it has: Archie's m and percolation's t are > 0
        raise ValueError(f"conductivity must fall with porosity, but the data's Archie exponent is m = {m:.3g} "
                         f"(porosities {phi.tolist()}, conductivities {sigma.tolist()} S/cm): check the columns")
    r = log_s0 + m * np.log10(solid) - log_s
    sse = float(np.sum(r**2))
    alternatives["archie"] = {
        "params": {"sigma0": float(10**log_s0), "m": float(m)}, "rms_log10": np.sqrt(sse / n),
        "rse_log10": np.sqrt(sse / (n - 2)),
    }

    f_max = float(solid.min()) - 1e-9

    def resid(x):
        ls0, fc, t = x
        return ls0 + t * np.log10(np.clip((solid - fc) / (1.0 - fc), 1e-300, None)) - log_s

    best = None
    for fc0 in np.linspace(0.0, f_max - 1e-3, 8):
        for t0 in (1.0, 2.0, 4.0):
            res = least_squares(resid, [log_s.max(), fc0, t0], bounds=([-np.inf, 0.0, 0.1], [np.inf, f_max, 20.0]))
            if best is None or res.cost < best.cost:
                best = res
    ls0, fc, t = map(float, best.x)
    sse = float(np.sum(best.fun**2))
    alternatives["percolation"] = {
        "params": {"sigma0": 10**ls0, "phi_c": fc, "t": t}, "rms_log10": np.sqrt(sse / n),
        "rse_log10": np.sqrt(sse / (n - 3)),
    }
    law = min(alternatives, key=lambda k: alternatives[k]["rse_log10"])
    chosen = alternatives[law]
    return ConductivityFit(
        material=material, law=law, params=dict(chosen["params"]), rms_log10=float(chosen["rms_log10"]),
        rse_log10=float(chosen["rse_log10"]), n=n, porosity_range=(float(phi.min()), float(phi.max())),
        alternatives=alternatives,
    )


_NAMES = {
    "mo6s8": "Mo6S8", "ms": "Mo6S8", "lms": "Mo6S8",
    "tis2": "TiS2", "ts": "TiS2",
    "superp": "SuperP", "superpcarbon": "SuperP", "carbonblack": "SuperP",
    "ncm": "NCM", "nmc": "NCM", "nmc532": "NCM", "ncm532": "NCM",
    "clifepo4": "C-LiFePO4", "lifepo4": "C-LiFePO4", "clfpo": "C-LiFePO4", "lfp": "C-LiFePO4",
}


@functools.lru_cache(maxsize=None)
def _table():
    return load_paper_table("tableS4_conductivity_vs_porosity")


def conductivity_materials():
    """Material names of Table S4 (as in the CSV): Mo6S8, TiS2, SuperP, NCM, C-LiFePO4."""
    return list(dict.fromkeys(_table()["material"]))


def _canonical(material):
    name = _NAMES.get(name_key(material))
    if name is None:
        raise ValueError(
            f"no conductivity data for {material!r}; known materials: {', '.join(conductivity_materials())}"
            + did_you_mean(material, conductivity_materials())
        )
    return name


def conductivity_data(material):
    """Measured (porosity_fraction, conductivity_S_per_cm) arrays of one material of Table S4."""
    t = _table()
    t = t[t["material"] == _canonical(material)]
    return t["porosity"].to_numpy(float), t["conductivity_S_per_cm"].to_numpy(float)


@functools.lru_cache(maxsize=None)
def _fit(name):
    phi, sigma = conductivity_data(name)
    return fit_conductivity(phi, sigma, material=name)


def conductivity_fit(material):
    """The fitted conductivity law (:class:`ConductivityFit`) of a Table S4 material (cached)."""
    return _fit(_canonical(material))


def electronic_conductivity(material, porosity):
    """Electronic conductivity (S/cm) of a compacted powder at a porosity, from the Table S4 fit.

    Parameters
    ----------
    material : str
        ``"Mo6S8"``, ``"TiS2"``, ``"SuperP"`` (``"Super P"``), ``"NCM"`` (``"NMC"``) or ``"C-LiFePO4"``.
    porosity : float or array_like
        Porosity fraction in [0, 1) (ValueError otherwise). Outside the measured range: ExtrapolationWarning.

    Returns
    -------
    float or numpy.ndarray
        Conductivity, S/cm (0 below the percolation threshold).
    """
    fit = conductivity_fit(material)
    phi = check_porosity_array(porosity)
    lo, hi = fit.porosity_range
    outside = (phi < lo) | (phi > hi)
    if np.any(outside):
        warnings.warn(
            f"conductivity of {fit.material!r} extrapolated with the fitted {fit.law} law to porosity "
            f"{phi[outside].tolist()}, outside the measured range [{lo:g}, {hi:g}]",
            ExtrapolationWarning,
            stacklevel=2,
        )
    return scalar_or_array(fit.predict(phi), porosity)
