"""``python -m pybamm_aea`` / ``pybamm-aea``: the command line (see :mod:`pybamm_aea.cli`).

Without a subcommand it runs the built-in comparison: the paper's AEA Mo6S8 (LMS), TiS2 (LTS) and hybrid S8-Mo6S8
(S-LMS) cells, the conventional S-C/LGPS composite cathode and a conventional liquid NMC532 half cell (PyBaMM's DFN with the Xu2019 set) through the same kind of PyBaMM experiment
(formation discharge + cycles at 0.1C), with electrode-level ESC, Wh/kg, Wh/L, cell-level Wh/kg and Wh/L and
capacity retention next to the paper's figures, the compiled lever-rule kernel on the Mo6S8 run (the in-situ XRD
picture), and figures in ``./aea_output/``. Subcommands ``energy``, ``simulate``, ``reproduce``, ``sweep``:
``pybamm-aea --help``.
"""
import sys

from pybamm_aea.cli import main, run_comparison  # noqa: F401  (run_comparison: the main job, importable)

if __name__ == "__main__":
    sys.exit(main())
