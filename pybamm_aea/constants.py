"""Physical constants as floats, SI units: F and R from :mod:`scipy.constants` (exact in the
2019 SI), standard atomic weights from IUPAC and the formula masses made of them (the one place a host's molar
mass is computed); and the Arrhenius factor that R enters, the one temperature law of the parameter sets' rates,
diffusivities and conductivities."""
import numbers
import re

from scipy.constants import N_A, R, e

from .celsius import ZERO_CELSIUS, celsius  # noqa: F401 (re-exported: the one conversion, light for the CLI)

#: Faraday constant [C.mol-1]: elementary charge x Avogadro constant
F = e * N_A
#: Charge of one mole of electrons in mA.h (F / 3.6 C per mA.h): over a molar mass in g/mol, a specific capacity in
#: mA.h/g (= A.h/kg); a molar mass in g/mol over it, the mass per mA.h (kg per A.h)
MAH_PER_MOL = F / 3.6

#: Standard atomic weights [g.mol-1] of the elements the library's computed formula masses use: IUPAC CIAAW 2013
#: (Meija et al., Pure Appl. Chem. 88, 265 (2016)); Li, C, O and S, whose weights are intervals, at their
#: conventional values 6.94, 12.011, 15.999 and 32.06.
STANDARD_ATOMIC_WEIGHTS = {"Li": 6.94, "C": 12.011, "O": 15.999, "Al": 26.9815385, "P": 30.973761998, "S": 32.06,
                           "Ti": 47.867, "Mn": 54.938044, "Fe": 55.845, "Co": 58.933194, "Ni": 58.6934, "Cu": 63.546,
                           "Ge": 72.630, "Mo": 95.95, "In": 114.818}

_ELEMENT_COUNT = re.compile(r"([A-Z][a-z]?)(\d*\.?\d*)")


def formula_mass(formula):
    """Molar mass [g.mol-1] of a formula such as ``"Li4Mo6S8"`` from :data:`STANDARD_ATOMIC_WEIGHTS`.

    An element the table lacks, or text that is not element symbols and counts, raises ``ValueError`` naming it.
    """
    parts = _ELEMENT_COUNT.findall(formula)
    if not parts or "".join(e + n for e, n in parts) != formula:
        raise ValueError(f"formula {formula!r} is not element symbols and counts (e.g. 'Li4Mo6S8')")
    missing = sorted({e for e, _ in parts} - STANDARD_ATOMIC_WEIGHTS.keys())
    if missing:
        raise ValueError(f"formula {formula!r}: no standard atomic weight for {', '.join(missing)} in "
                         f"pybamm_aea.constants.STANDARD_ATOMIC_WEIGHTS ({', '.join(STANDARD_ATOMIC_WEIGHTS)})")
    return sum(STANDARD_ATOMIC_WEIGHTS[e] * (float(n) if n else 1.0) for e, n in parts)


#: molar mass of Li [kg.mol-1]: its IUPAC standard atomic weight (conventional value 6.94 g/mol)
M_LI = STANDARD_ATOMIC_WEIGHTS["Li"] / 1e3

#: Highest potential vs Li/Li+ [V] a material of an electrode is given, and the widest window of a Li cell: above
#: every Li insertion cathode (the highest, the ~5 V spinels and phosphates; Goodenough & Kim, Chem. Mater. 22
#: (2010) 587). Li metal is 0.
MAX_VOLTAGE_VS_LI = 6.0


def arrhenius(T, E_a, T_ref):
    """The Arrhenius factor exp(-E_a / R (1 / T - 1 / T_ref)) [-], 1 at ``T_ref``.

    ``T`` [K] a PyBaMM expression, ``E_a`` [J.mol-1] and ``T_ref`` [K] numbers or PyBaMM expressions; returns a
    PyBaMM expression. A zero ``E_a`` (a number: no temperature dependence, the default of a material's property)
    is exactly ``pybamm.Scalar(1)``, no exponential in the expression. Module level, so the parameter functions and
    partials that call it pickle.
    """
    import pybamm  # (here: the constants, and the energy model that reads them, do not import PyBaMM)

    if isinstance(E_a, numbers.Real) and E_a == 0:
        return pybamm.Scalar(1.0)
    return pybamm.exp(-E_a / R * (1 / T - 1 / T_ref))


__all__ = ["F", "MAH_PER_MOL", "R", "M_LI", "STANDARD_ATOMIC_WEIGHTS", "formula_mass", "MAX_VOLTAGE_VS_LI", "arrhenius"]
