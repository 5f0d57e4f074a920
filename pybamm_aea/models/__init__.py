"""PyBaMM models of all-electrochem-active cells."""
from .aea import AEA, AEAOptions
from .parameters import AEAParameters

__all__ = ["AEA", "AEAOptions", "AEAParameters"]
