"""Figures of merit of one solved point: ESC, electrode Wh/kg and Wh/L, retention (the result columns)."""
from __future__ import annotations

import numpy as np

#: Metric columns of the result table, in order (inputs come first).
RESULT_COLUMNS = (
    "ESC [mA.h.g-1]",
    "First discharge ESC [mA.h.g-1]",
    "Discharge capacity [mA.h]",
    "Average discharge voltage [V]",
    "Electrode energy [W.h.kg-1]",
    "Electrode energy [W.h.L-1]",
    "Discharged-basis energy [W.h.kg-1]",
    "Discharged-basis energy [W.h.L-1]",
    "Rate capability",
    "Capacity retention",
    "Number of discharges",
    "Solve time [s]",
    "Setup time [s]",
    "error",
    "warnings",
)


def empty_metrics():
    metrics = {c: np.nan for c in RESULT_COLUMNS}
    metrics.update({"error": None, "warnings": None, "Number of discharges": 0, "Setup time [s]": 0.0})
    return metrics


def discharge_steps(solution, arrays=True):
    """Every discharge step of a PyBaMM solution, in order.

    Returns a list of ``(capacity_Ah, energy_Wh, capacity_Ah_array, voltage_V_array)``, one per step that passed
    charge in the discharge direction (``"Discharge capacity [A.h]"`` increases over the step); the arrays start at
    0 Ah at the start of the step (None with ``arrays=False``, which reads fewer variables).
    The energy is the model's ``"Discharge energy [W.h]"`` over the step (integrated by the solver) when the model
    computes it, else the integral of V dQ over the output points (compiled ``pybamm_aea.kernels.curve_energy``;
    PyBaMM's own models compute the discharge energy only on request).
    """
    from pybamm_aea.cycling import iter_steps

    out = []
    for _, _, step in iter_steps(solution):
        Q = np.ascontiguousarray(step["Discharge capacity [A.h]"].entries, dtype=float)
        dq = Q[-1] - Q[0] if Q.size > 1 else 0.0
        # a discharge passes charge: rests and charges do not (1e-9 of the step's own scale: solver noise)
        if not dq > 1e-9 * max(1e-12, float(np.max(np.abs(Q)))):
            continue
        try:  # the model's own integral (exact) when it computes one
            E = step["Discharge energy [W.h]"].entries
            e = float(E[-1] - E[0])
        except KeyError:
            e = 0.0
        V = None
        if arrays or not e > 0:
            V = np.ascontiguousarray(step["Voltage [V]"].entries, dtype=float)
        if not e > 0:  # V dQ over the output points
            e = _energy(Q, V)
        out.append((dq, e, Q - Q[0] if arrays else None, V if arrays else None))
    return out


def _energy(Q, V):
    """Integral of V dQ over one step (W.h for A.h and V), with the compiled kernel when it applies."""
    try:
        from pybamm_aea.kernels import curve_energy

        return float(curve_energy(Q, V)[0])
    except (ImportError, ValueError):  # e.g. a capacity that is not monotonic within solver tolerance
        return float(np.sum(0.5 * (V[1:] + V[:-1]) * np.diff(Q)))


def capacity_retention(capacities):
    """Last discharge capacity over the second one (>= 3 discharges: the paper's "compared with the 2nd cycle",
    which leaves out the formation discharge), over the first one (2 discharges), NaN (fewer)."""
    if len(capacities) >= 3:
        return capacities[-1] / capacities[1]
    if len(capacities) == 2:
        return capacities[-1] / capacities[0]
    return float("nan")


def fill_from_discharges(metrics, config, discharges, mass_g, volume_L, porosity, fraction):
    """The result columns from the (capacity A.h, energy W.h) of each discharge and the electrode's mass and
    volume."""
    from .config import composition_for

    metrics["Number of discharges"] = len(discharges)
    if not discharges:
        return
    q_first = discharges[0][0]
    q, e = discharges[-1][0], discharges[-1][1]
    metrics["First discharge ESC [mA.h.g-1]"] = q_first * 1e3 / mass_g
    metrics["ESC [mA.h.g-1]"] = q * 1e3 / mass_g
    metrics["Discharge capacity [mA.h]"] = q * 1e3
    metrics["Average discharge voltage [V]"] = e / q
    metrics["Electrode energy [W.h.kg-1]"] = e * 1e3 / mass_g
    metrics["Electrode energy [W.h.L-1]"] = e / volume_L
    comp = composition_for(config.parameter_set, fraction)
    if comp is not None and porosity is not None:
        from pybamm_aea.energy import Electrode

        electrode = Electrode(comp, porosity)
        metrics["Discharged-basis energy [W.h.kg-1]"] = e * 1e3 / (mass_g * electrode.lithiation_mass_ratio())
        metrics["Discharged-basis energy [W.h.L-1]"] = e / (volume_L * electrode.lithiation_volume_ratio())
    metrics["Capacity retention"] = capacity_retention([d[0] for d in discharges])


def fill_from_experiment(metrics, config, solution, porosity, fraction):
    """The result columns of an experiment's solution (per-point path)."""
    steps_done = sum(len(c.steps) for c in solution.cycles if c is not None)
    mass_g = float(solution["Cathode electrode mass [g]"].entries[0])
    volume_L = float(solution["Cathode electrode volume [L]"].entries[0])
    discharges = discharge_steps(solution, arrays=False)
    fill_from_discharges(metrics, config, discharges, mass_g, volume_L, porosity, fraction)
    if steps_done < config.n_steps:
        metrics["error"] = (f"experiment stopped after {steps_done} of {config.n_steps} steps "
                            f"({solution.termination}); figures are from the steps that ran")
    elif not discharges:
        metrics["error"] = "the experiment has no discharge step"


#: variables the batched path asks the solver for (IDAKLU output variables: nothing else is computed)
BATCH_VARIABLES = ["Discharge capacity [A.h]", "Discharge energy [W.h]", "Voltage [V]", "Cathode electrode mass [g]",
                   "Cathode electrode volume [L]"]


def fill_from_discharge_solution(metrics, config, solution, porosity, fraction):
    """The result columns of one batched constant-current discharge (a solution without experiment)."""
    Q = solution["Discharge capacity [A.h]"].entries
    E = solution["Discharge energy [W.h]"].entries
    mass_g = float(solution["Cathode electrode mass [g]"].entries[0])
    volume_L = float(solution["Cathode electrode volume [L]"].entries[0])
    dq, de = float(Q[-1] - Q[0]), float(E[-1] - E[0])
    discharges = [(dq, de)] if dq > 0 and de > 0 else []
    fill_from_discharges(metrics, config, discharges, mass_g, volume_L, porosity, fraction)
    if solution.termination == "failure" or not discharges:
        metrics["error"] = f"the discharge did not run ({solution.termination})"
