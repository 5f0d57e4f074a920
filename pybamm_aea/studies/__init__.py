"""Studies built on the model and the energy calculation; each returns data (tables, solutions), never prints.

- :mod:`pybamm_aea.studies.comparison`  the built-in comparison (the command line's main job)
"""
