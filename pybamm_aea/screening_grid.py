"""The default grid of :func:`pybamm_aea.screen` (C-rates on the window capacity, cathode loadings in mg/cm2: 1.5 is
the paper's). They stand here alone, importing nothing, so that ``pybamm-aea screen --help`` says them without
importing PyBaMM (until session 58 the command typed the loadings in its help, "default 1.5,3,5,10,15", beside a None
default)."""

#: C-rates [1/h] on the window capacity
C_RATES = (0.1, 0.5, 1.0, 2.0, 5.0)
#: cathode loadings [mg/cm2]
LOADINGS_MG_CM2 = (1.5, 3.0, 5.0, 10.0, 15.0)


def as_text(values):
    """``values`` as the command line writes them: comma-separated, each in its shortest form ("0.1,0.5,1,2,5")."""
    return ",".join(f"{v:g}" for v in values)
