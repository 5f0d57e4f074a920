"""Names of the compaction (porosity vs stack pressure) data sets of Li et al., Adv. Mater. 2021, SI: Mo6S8 (Tables
S6/S7), the S-LMS and S-C-LGPS cathodes (Table S8). Their data and fits are :mod:`pybamm_aea.energy.compaction`'s;
the names stand here alone, importing nothing, so that the command line's parser lists them without importing the
energy package."""

#: the data sets, as :func:`pybamm_aea.energy.compaction.compaction_sets` lists them
NAMES = ("Mo6S8", "S-LMS", "S-C-LGPS")
