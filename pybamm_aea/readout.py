"""What a step or a cycle of a PyBaMM solution delivered: steps, discharge capacity, ESC, Wh/kg, Wh/L, retention.

One name per quantity, the model's (and PyBaMM's where PyBaMM has one):

- :data:`ESC` "Electrode specific capacity [mA.h.g-1]": discharge capacity per g of the whole cathode electrode
- :data:`GRAVIMETRIC` "Electrode gravimetric energy [W.h.kg-1]", :data:`VOLUMETRIC` "Electrode volumetric energy
  [W.h.L-1]": discharge energy per kg and per L of the whole cathode electrode (charged state, as made); on the
  discharged basis per the electrode's actual mass and volume at the end of the discharge
  (:func:`electrode_mass_volume` with ``basis="discharged"``). The energy is the cathode's against Li (the
  paper's basis): on the Li-In anode, the cell's voltage plus the anode's OCP (the model's "Discharge energy vs
  Li [W.h]")
- "Discharge capacity [A.h]", "Discharge energy [W.h]": PyBaMM's integrals of I dt and I V dt
- :func:`capacity_retention`: last discharge capacity over that of a reference discharge

Used by the command line, :mod:`pybamm_aea.sweep`, :mod:`pybamm_aea.cycling` and the studies. Sign convention as
PyBaMM's: discharge current > 0.
"""
import math
import warnings

import numpy as np

__all__ = ["ESC", "GRAVIMETRIC", "VOLUMETRIC", "CELL_GRAVIMETRIC", "CELL_VOLUMETRIC", "MEAN_DISCHARGE_VOLTAGE",
           "RETENTION", "MASS", "VOLUME", "MASS_NOW", "VOLUME_NOW", "is_skipped", "iter_steps", "discharge_steps",
           "capacity_retention", "retention_curve", "electrode_figures", "step_descriptions", "step_table", "time_series", "RetentionUndefinedWarning"]

ESC = "Electrode specific capacity [mA.h.g-1]"
GRAVIMETRIC = "Electrode gravimetric energy [W.h.kg-1]"
VOLUMETRIC = "Electrode volumetric energy [W.h.L-1]"
CELL_GRAVIMETRIC = "Cell gravimetric energy [W.h.kg-1]"
CELL_VOLUMETRIC = "Cell volumetric energy [W.h.L-1]"
MEAN_DISCHARGE_VOLTAGE = "Mean discharge voltage [V]"
RETENTION = "Capacity retention [%]"
MASS = "Cathode electrode mass [g]"
VOLUME = "Cathode electrode volume [L]"
MASS_NOW = "Cathode electrode mass, instantaneous [g]"
VOLUME_NOW = "Cathode electrode volume, instantaneous [L]"


def is_skipped(step):
    """True for a step PyBaMM skipped (``None`` or an ``EmptySolution``, e.g. a discharge that starts at its
    cut-off)."""
    import pybamm

    return step is None or isinstance(step, pybamm.EmptySolution)


def iter_steps(solution, include_skipped=False):
    """Yield ``(cycle_number, step_number, step)`` (1-based) over the cycles kept in memory.

    Cycles not kept (``save_at_cycles``) are passed over; steps PyBaMM skipped are passed over unless
    ``include_skipped`` (then ``step`` may be ``None`` or an ``EmptySolution``).
    """
    for ic, cycle in enumerate(solution.cycles):
        if cycle is None:
            continue
        for js, step in enumerate(cycle.steps):
            if include_skipped or not is_skipped(step):
                yield ic + 1, js + 1, step


def _curve_energy(Q, V):
    """Integral of V dQ over one step (W.h for A.h and V), with the compiled kernel when it applies."""
    try:
        from pybamm_aea.kernels import curve_energy

        return float(curve_energy(Q, V)[0])
    except (ImportError, ValueError):  # e.g. a capacity that is not monotonic within solver tolerance
        return float(np.sum(0.5 * (V[1:] + V[:-1]) * np.diff(Q)))


def discharge_steps(solution, arrays=True):
    """Every discharge step of a PyBaMM solution, in order.

    Returns a list of ``(capacity_Ah, energy_Wh, capacity_Ah_array, voltage_V_array)``, one per step that passed
    charge in the discharge direction ("Discharge capacity [A.h]" increases over the step); the arrays start at
    0 Ah at the start of the step (None with ``arrays=False``, which reads fewer variables). The energy is the
    cathode's against Li, the paper's electrode-level basis: the AEA model's "Discharge energy vs Li [W.h]" over
    the step (integrated by the solver; on the Li-In anode the cell's voltage plus the anode's OCP), else the
    model's "Discharge energy [W.h]" (a half cell on Li metal), else the integral of V dQ over the output points
    (compiled ``pybamm_aea.kernels.curve_energy``; PyBaMM's own models compute the discharge energy only on
    request).
    """
    out = []
    for _, _, step in iter_steps(solution):
        Q = np.ascontiguousarray(step["Discharge capacity [A.h]"].entries, dtype=float)
        dq = Q[-1] - Q[0] if Q.size > 1 else 0.0
        # a discharge passes charge: rests and charges do not (1e-9 of the step's own scale: solver noise)
        if not dq > 1e-9 * max(1e-12, float(np.max(np.abs(Q)))):
            continue
        e = 0.0
        for name in ("Discharge energy vs Li [W.h]", "Discharge energy [W.h]"):
            try:  # the model's own integral (exact) when it computes one
                E = step[name].entries
            except KeyError:
                continue
            e = float(E[-1] - E[0])
            break
        V = None
        if arrays or not e > 0:
            V = np.ascontiguousarray(step["Voltage [V]"].entries, dtype=float)
        if not e > 0:  # V dQ over the output points
            e = _curve_energy(Q, V)
        out.append((dq, e, Q - Q[0] if arrays else None, V if arrays else None))
    return out


class RetentionUndefinedWarning(UserWarning):
    """Capacity retention asked of a run without a discharge after the reference one."""


def retention_curve(capacities, reference=2):
    """Every discharge capacity over the ``reference``-th one (1-based; default 2, the paper's "compared with the
    2nd cycle", which leaves out the formation discharge of a cell assembled charged), as fractions."""
    capacities = np.asarray(capacities, dtype=float)
    return capacities / capacities[reference - 1]


def capacity_retention(capacities, reference=2):
    """The last discharge capacity over the ``reference``-th one (:func:`retention_curve`'s last value).

    Undefined (NaN, with a :class:`RetentionUndefinedWarning` saying why) unless a discharge follows the
    reference one: with a formation discharge and one cycle the last discharge *is* the reference, and its
    ratio to itself (100 %) says nothing.
    """
    n = len(capacities)
    if n <= reference:
        warnings.warn(f"capacity retention is undefined: {n} discharge{'' if n == 1 else 's'}, and it needs one "
                      f"after discharge {reference} (the reference)", RetentionUndefinedWarning, stacklevel=2)
        return math.nan
    return float(retention_curve(capacities, reference)[-1])


def electrode_figures(capacity_Ah, energy_Wh, mass_g, volume_L):
    """ESC [mA.h.g-1], Wh/kg and Wh/L of a discharge over a whole electrode of ``mass_g`` g and ``volume_L`` L."""
    return {ESC: capacity_Ah * 1e3 / mass_g, GRAVIMETRIC: energy_Wh * 1e3 / mass_g, VOLUMETRIC: energy_Wh / volume_L}


def electrode_mass_volume(solution, basis="charged"):
    """(mass [g], volume [L]) of the AEA cathode electrode, from the model's variables.

    ``basis="charged"`` (default): as made (:data:`MASS`, :data:`VOLUME`), the paper's charged basis.
    ``"discharged"``: the electrode's actual mass and volume at the end of ``solution`` (pass the
    discharge step: :data:`MASS_NOW` with the Li it took up, :data:`VOLUME_NOW` with its swelling),
    the discharged basis on what the model computes rather than on full lithiation.
    """
    if basis == "charged":
        return float(solution[MASS].entries[0]), float(solution[VOLUME].entries[0])
    if basis == "discharged":
        return float(solution[MASS_NOW].entries[-1]), float(solution[VOLUME_NOW].entries[-1])
    raise ValueError(f"basis must be 'charged' or 'discharged', got {basis!r}")


def time_series(solution, columns):
    """DataFrame of the solution's steps: "Cycle", "Step" and each of ``columns`` the model has (distributed
    variables averaged over space)."""
    import pandas as pd

    variables = solution.all_models[0].variables
    steps = list(iter_steps(solution))
    data = {
        "Cycle": np.concatenate([[c] * step["Time [s]"].entries.size for c, _, step in steps]).astype(int),
        "Step": np.concatenate([[s] * step["Time [s]"].entries.size for _, s, step in steps]).astype(int),
    }
    for c in columns:
        if c in variables:
            parts = [step[c].entries for *_, step in steps]
            data[c] = np.concatenate([e if e.ndim == 1 else e.mean(axis=0) for e in parts])
    return pd.DataFrame(data)


def step_descriptions(experiment):
    """The step strings of a ``pybamm.Experiment``, one list per cycle (the ``descriptions`` of :func:`step_table`)."""
    return [[str(step) for step in cycle] for cycle in experiment.cycles]


def step_table(solution, descriptions=None, mass_g=None):
    """One row per experiment step: cycle, step, description, duration [h], capacity [mA.h], energy [mW.h]
    (NaN if the model has no "Discharge energy [W.h]"), end voltage [V], termination, and capacity [mA.h.g-1]
    when ``mass_g`` is given. Skipped steps are rows with termination "skipped (already at its cut-off)"."""
    import pandas as pd

    has_energy = "Discharge energy [W.h]" in solution.all_models[0].variables
    rows = []
    for cycle, number, step in iter_steps(solution, include_skipped=True):
        try:
            description = descriptions[cycle - 1][number - 1] if descriptions else ""
        except IndexError:
            description = ""
        row = {"cycle": cycle, "step": number, "description": description}
        if is_skipped(step):
            rows.append({**row, "termination": "skipped (already at its cut-off)"})
            continue
        Q, t = step["Discharge capacity [A.h]"].entries, step["Time [s]"].entries
        E = step["Discharge energy [W.h]"].entries if has_energy else [math.nan, math.nan]
        row.update({"duration [h]": (t[-1] - t[0]) / 3600, "capacity [mA.h]": (Q[-1] - Q[0]) * 1e3,
                    "energy [mW.h]": (E[-1] - E[0]) * 1e3, "end voltage [V]": step["Voltage [V]"].entries[-1],
                    "termination": step.termination})
        if mass_g:
            row["capacity [mA.h.g-1]"] = row["capacity [mA.h]"] / mass_g
        rows.append(row)
    return pd.DataFrame(rows)
