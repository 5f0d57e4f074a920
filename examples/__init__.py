"""The figure scripts, installed as ``pybamm_aea.examples`` (``pybamm-aea reproduce`` runs them)."""
