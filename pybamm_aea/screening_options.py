"""The AEA model's options a screen does not take, and why: :func:`pybamm_aea.screen` refuses them, and ``pybamm-aea
screen`` by its flag, with the one message. They stand here alone, importing nothing but the model's light option
table, so that the command line's parser refuses them without importing PyBaMM (until session 59 the command refused
'voltage as a state' and the API took it)."""
from .aea_option_values import POSSIBLE

#: option -> why a screen does not take it. 'voltage as a state' measured 2026-12-07 (session 58): Mo6S8, AEA_LiFePO4,
#: TiS2 at 1C, 5 mg/cm2 gave utilisations within 1.1e-4 of the window with it and without; LiCoO2 at 0.1C stops 0.11 /
#: 0.13 % short of its cut-offs with it (docs/known_limits.rst)
UNSCREENED = {
    "voltage as a state": "a solver formulation, not the cell's: no figure of a screen depends on it beyond the "
                          "solver's tolerance, and on a steep OCP end it stops short of the cut-off (LiCoO2 at 0.1C: "
                          "0.11 / 0.13 %)",
}
#: the model's options a screen takes (values: the model's, the default first)
SCREENED = tuple(name for name in POSSIBLE if name not in UNSCREENED)


def refusal(name):
    """Why the model's option ``name`` (one of :data:`UNSCREENED`) is refused, whatever its value."""
    return f"the AEA model's option {name!r} is not a screen's, with any value: {UNSCREENED[name]}"
