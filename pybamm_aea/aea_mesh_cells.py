"""The AEA model's default finite-volume cells across the cathode, per host description (its option "host
thermodynamics"; :attr:`pybamm_aea.models.aea.AEA.default_var_pts` reads them). They stand here alone, importing
nothing, so that the command line's ``--cathode-cells`` help says them without importing PyBaMM (until session 58 it
typed "20 on the multi-phase host, 10 on the lever rule")."""

#: default cells of the multi-phase host (mesh convergence in tests/test_host_phase_field.py)
MULTI_PHASE_POINTS = 20
#: default cells of the lever-rule host: mesh-converged, 10 and 40 cells agree within 0.1 % on capacity for the
#: paper's cells, the 31 um high-loading electrode and 5C at 25 C (tests/test_model.py)
LEVER_RULE_POINTS = 10
