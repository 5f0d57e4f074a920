"""Names of the stacks of :func:`pybamm_aea.energy.cell_preset` (their layers and sources:
:mod:`pybamm_aea.energy.cell`). The names stand here alone, importing nothing, so that the command line's parser lists
them without importing the energy package."""

#: the presets, in the order :data:`pybamm_aea.energy.CELL_PRESETS` holds them
NAMES = ("paper lab cell", "practical target", "liquid LIB")
