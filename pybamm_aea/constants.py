"""Physical constants as floats, SI units: F and R from :mod:`scipy.constants` (exact in the
2019 SI), the molar mass of Li from IUPAC; and the Arrhenius factor that R enters, the one
temperature law of the parameter sets' rates, diffusivities and conductivities."""
import numbers

from scipy.constants import N_A, R, e

#: Faraday constant [C.mol-1]: elementary charge x Avogadro constant
F = e * N_A

#: molar mass of Li [kg.mol-1]: IUPAC standard atomic weight 6.94 g/mol (the paper's molar masses)
M_LI = 6.94e-3

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


__all__ = ["F", "R", "M_LI", "MAX_VOLTAGE_VS_LI", "arrhenius"]
