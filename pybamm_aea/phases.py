"""Phase fractions of a host with line-compound phases, by the lever rule.

LixMo6S8 has four phases, Li0 (Mo6S8), Li1, Li3 and Li4 (Li et al. 2021, in-situ XRD, Fig. 3c),
with two-phase coexistence between neighbours. The same phase diagram serves the symbolic
PyBaMM variables (:func:`lever_rule_symbols`) and the compiled kernel
(:func:`pybamm_aea.kernels.phase_fractions`), through :data:`MO6S8_WINDOWS`.
"""
import numpy as np
import pybamm

from .parameters import Li2021_Mo6S8
from .pybamm_adapter.model_internals import cell_widths

#: names of the LixMo6S8 phases, in order of Li content
MO6S8_PHASES = ("Li0", "Li1", "Li3", "Li4")
#: relative distance beyond the phase diagram that solver tolerance can put x (see below)
SOLVER_SLACK = 1e-6
#: their single-phase windows (x_low, x_high) in Li per formula unit: line compounds (the
#: lever-rule host, whose Li content is a solid-solution field)
MO6S8_WINDOWS = ((0.0, 0.0), (1.0, 1.0), (3.0, 3.0), (4.0, 4.0))
#: the binodals of the multi-phase host's free energy
#: (:data:`pybamm_aea.parameters.Li2021_Mo6S8.MO6S8_HOST`): there the local Li content is the
#: resolved phase state, so a cell inside a window is that phase and a cell between windows
#: lies in a diffuse phase boundary (split by the lever rule across it)
MO6S8_PHASE_FIELD_WINDOWS = Li2021_Mo6S8.MO6S8_HOST.windows


def lever_rule_symbols(x, windows=MO6S8_WINDOWS):
    """Phase fractions of Li content ``x`` (a PyBaMM symbol) as piecewise-linear symbols.

    Returns one symbol per window: 1 inside the window, falling linearly to 0 at the
    neighbouring windows (the lever rule), 0 beyond.
    """
    out = []
    n = len(windows)
    for k, (low, high) in enumerate(windows):
        terms = []
        if k > 0:
            prev_high = windows[k - 1][1]
            terms.append((x - prev_high) / (low - prev_high))
        if k < n - 1:
            next_low = windows[k + 1][0]
            terms.append((next_low - x) / (next_low - high))
        f = pybamm.Scalar(1)
        for term in terms:
            f = pybamm.minimum(f, term)
        out.append(pybamm.maximum(f, 0))
    return out


def average_phase_fractions(solution, windows=None):
    """Electrode-averaged phase fractions vs time from an AEA solution (the in-situ XRD map).

    Uses the compiled :func:`pybamm_aea.kernels.average_phase_fractions` with the mesh cell
    widths as weights. ``windows`` defaults to those of the solution's host
    (:data:`MO6S8_PHASE_FIELD_WINDOWS` on the multi-phase host, :data:`MO6S8_WINDOWS` on the
    lever rule), as the model's own phase-fraction variables; a host without the LixMo6S8
    phases (TiS2, LiCoO2, ...) has no default and needs ``windows`` given. The content read is
    "Cathode free Li content", the content in the free window [x_trap, x_max] with "Li trapping"
    on (the model's phase fractions' and the free energy's; the Li content itself without
    trapping). On the multi-phase host a content past x_max (its electron-limited Li4 end, below 1.0 V vs Li)
    is the Li4 phase. Returns ``(time_s, fractions)`` with ``fractions`` of shape ``(n_times, n_phases)``.
    """
    from . import kernels

    open_end = False
    if windows is None:
        if not solution["Cathode host has the LixMo6S8 phases"].entries[0]:
            raise ValueError(
                "the solution's host has no LixMo6S8 phases (its set has no Li0/Li1 region), so there "
                "are no default phase windows: give windows=((lo, hi), ...) of its own phases"
            )
        host = solution.all_models[0].options["host thermodynamics"]
        windows = MO6S8_PHASE_FIELD_WINDOWS if host == "multi-phase" else MO6S8_WINDOWS
        # the multi-phase host's Li4 end is electron-limited (thermodynamics.Host.U_full): its content goes on
        # past x_max below U_full (1.0 V), still the Li4 phase, as the model's own fractions count it
        open_end = host == "multi-phase" and Li2021_Mo6S8.MO6S8_HOST.U_full is not None

    lo, hi = kernels.check_windows(windows)  # a malformed windows named before it is indexed (the kernel's check)
    var = solution["Cathode free Li content"]
    x = np.ascontiguousarray(var.entries)  # (n_points, n_times)
    if open_end and x.size and np.nanmax(x) > hi[-1]:
        windows = tuple(windows[:-1]) + ((windows[-1][0], float(np.nanmax(x))),)
        lo, hi = kernels.check_windows(windows)
    # the solver keeps x within its tolerances of the window ends; values beyond them by less
    # than SOLVER_SLACK are put back on the ends, anything further is a real error (kernel)
    low, high = lo[0], hi[-1]
    slack = SOLVER_SLACK * (high - low)
    near = ((x < low) & (x > low - slack)) | ((x > high) & (x < high + slack))
    x = np.where(near, np.clip(x, low, high), x)
    weights = cell_widths(var)
    time_s = solution["Time [s]"].entries
    return time_s, kernels.average_phase_fractions(x, weights, windows)
