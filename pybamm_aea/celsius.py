"""Degrees C from kelvin: the one conversion of a temperature for a message or a table. It stands here alone,
importing nothing, so that the command line's helps say a temperature in degrees C without importing PyBaMM or numpy
(:mod:`pybamm_aea.constants` re-exports it)."""

#: 0 degrees C in kelvin [K]
ZERO_CELSIUS = 273.15


def celsius(T):
    """The temperature ``T`` [K] in degrees C, as a float without the round-off of the subtraction: rounded to 1e-9
    K, -0.0 made 0.0 (a mean of 273.15 K over a step's times is 273.15 - 5.7e-14, which printed as "-5.684e-14 C").
    The one conversion of a temperature to degrees C for a message or a table."""
    return round(float(T) - ZERO_CELSIUS, 9) + 0.0
