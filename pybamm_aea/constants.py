"""Physical constants as floats, SI units, from :mod:`scipy.constants` (exact in the 2019 SI)."""
from scipy.constants import N_A, R, e

#: Faraday constant [C.mol-1]: elementary charge x Avogadro constant
F = e * N_A

__all__ = ["F", "R"]
