"""The AEA model's options and the values each takes, its default first (:class:`pybamm_aea.models.aea.AEAOptions`
validates against them; what each means: its docstring). They stand here alone, importing nothing, so that the command
line's parser lists them (``pybamm-aea screen --anode``) without importing PyBaMM."""

#: option -> its values, the first the default
POSSIBLE = {
    "anode": ("lithium metal", "Li-In"),
    "host thermodynamics": ("multi-phase", "lever rule"),
    "hysteresis": ("one-state", "none"),
    "ionic switch": ("Li0 surface film", "none"),
    "electronic conduction": ("ohmic", "infinite"),
    "Li trapping": ("none", "irreversible"),
    "ionic-switch host loss": ("none", "persistent Li0"),
    "dispersed material degradation": ("none", "activation and contact loss"),
    "interphase growth": ("none", "parabolic", "stability window"),
    "voltage as a state": ("false", "true"),
}
