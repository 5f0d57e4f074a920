"""Submodels of the AEA cell, one mechanism each, assembled by :class:`pybamm_aea.AEA`."""
from .cathode_diffusion import CathodeSolidDiffusion, xi
from .open_circuit_potential import CathodeOneStateHysteresisOCP, CathodeSingleOCP, CathodeChemicalPotentialOCP
from .ionic_switch import Li0SurfaceFilm, NoSurfaceFilm, Li0PhaseLayer
from .host_phase_field import CathodeCahnHilliard
from .interface_kinetics import CathodeButlerVolmer, AnodeButlerVolmer
from .electronic_conduction import DenseElectrodeOhmic, DenseElectrodeOhmicAsState, InfiniteElectronicConductivity
from .separator import SolidElectrolyteSeparator
from .anode import LithiumMetalAnode, LithiumIndiumAnode
from .cell_voltage import CellVoltage, CellVoltageAsState
from .dispersed_material import DispersedConversion
from .volume import ConstrainedSwelling
from .throughput import ScaledDischargeThroughput
from . import degradation

__all__ = [
    "CathodeSolidDiffusion",
    "xi",
    "CathodeOneStateHysteresisOCP",
    "CathodeSingleOCP",
    "CathodeChemicalPotentialOCP",
    "CathodeCahnHilliard",
    "Li0PhaseLayer",
    "Li0SurfaceFilm",
    "NoSurfaceFilm",
    "CathodeButlerVolmer",
    "AnodeButlerVolmer",
    "DenseElectrodeOhmic",
    "DenseElectrodeOhmicAsState",
    "InfiniteElectronicConductivity",
    "SolidElectrolyteSeparator",
    "LithiumMetalAnode",
    "LithiumIndiumAnode",
    "CellVoltage",
    "CellVoltageAsState",
    "DispersedConversion",
    "ConstrainedSwelling",
    "ScaledDischargeThroughput",
    "degradation",
]
