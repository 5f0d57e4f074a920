"""``python -m pybamm_aea`` / ``pybamm-aea``: the command line (:mod:`pybamm_aea.cli`).

Without a subcommand it runs the built-in comparison (:mod:`pybamm_aea.studies.comparison`); subcommands
``energy``, ``simulate``, ``reproduce``, ``sweep``: ``pybamm-aea --help``.
"""
import sys

from pybamm_aea.cli import main

if __name__ == "__main__":
    sys.exit(main())
