"""The paper's test protocol as the package runs it: the cell temperature (Li et al., Adv. Mater. 2021, Experimental
Section: "conducted on a LAND battery test station at 70 C") and the C-rate of its cycling, which the sets are
calibrated at. They stand here alone, importing nothing, so that the command line's helps say them without importing
PyBaMM or numpy (until session 59 screen's help typed "343.15 K, 70 C" and compare's, simulate's and sweep's "0.1C")."""

#: the paper's cell temperature [K] (70 C): every set's "Ambient temperature [K]" and "Reference temperature [K]"
CELL_TEMPERATURE_K = 343.15
#: the paper's C-rate [1/h]: the sets' calibration, the built-in comparison's cycles, simulate's default steps and the
#: sweep's reference rate
C_RATE = 0.1


def c_rate_text(c_rate=None):
    """A C-rate [1/h] as a PyBaMM step writes it, 0.1 -> "0.1C"; None: :data:`C_RATE`'s, read at the call."""
    return f"{C_RATE if c_rate is None else c_rate:g}C"
