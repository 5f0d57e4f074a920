"""Cycle-life summary of the paper's AEA cells: 20 cycles at 0.1C and 70 C, one table per cell and one figure.

- LMS: dense Mo6S8 (1.5 mg/cm2, 11 % porosity) | LGPS | Li3PS4 | Li, 1.8-2.8 V (``Li2021_Mo6S8``);
- LTS: dense TiS2, same cell, 1-3 V (``Li2021_TiS2``).

Each cell runs one ``pybamm.Experiment`` of 20 x (discharge at 0.1C, rest 10 min, charge at 0.1C, rest 10 min),
keeping the time series of only every 5th cycle (``save_at_cycles=5``; the others come from PyBaMM's stored
first/last states, see ``pybamm_aea.cycling``). ``pybamm_aea.cycling.cycle_summary`` gives per cycle the
capacities, ESC, efficiencies, electrode-level Wh/kg and Wh/L on the charged basis (electrode as made) and the
discharged basis (``Electrode.lithiated()``), the same in the "practical target" stack (30 um sulfide separator,
20 um Li, Al and Cu foils), retention vs cycle 2 (the paper's reference for LMS), the resistance at discharge
onset and the lost Li. The figure (``plot_cycle_life``) shows retention and electrode-level Wh/kg vs cycle.

The retention only fades once the degradation options of the AEA model are on (issue 6); without them the cells
hold their second-cycle capacity and the first cycle stands out (it starts from the Li-free host, so it
discharges more than the charge returns: CE > 1).

Usage: ``python examples/cycle_life_summary.py [OUTDIR]`` (default ``examples/figures/``).
"""
import sys
import time

import pandas as pd
import pybamm

import pybamm_aea  # noqa: F401  (registers "AEA" and the parameter sets)
from pybamm_aea.cycling import cycle_summary, plot_cycle_life
from pybamm_aea.energy import Electrode
from pybamm_aea import figures

N_CYCLES = 20

#: label -> (parameter set, host material of the energy model, cut-offs [V])
CELLS = {
    "LMS (Mo6S8)": ("Li2021_Mo6S8", "Mo6S8", (1.8, 2.8)),
    "LTS (TiS2)": ("Li2021_TiS2", "TiS2", (1.0, 3.0)),
}

COLUMNS = [
    "Discharge capacity in cycle [A.h]",
    "Electrode specific capacity [mA.h.g-1]",
    "Coulombic efficiency",
    "Energy efficiency",
    "Mean discharge voltage [V]",
    "Electrode gravimetric energy [W.h.kg-1]",
    "Electrode volumetric energy [W.h.L-1]",
    "Electrode gravimetric energy (discharged basis) [W.h.kg-1]",
    "Cell gravimetric energy [W.h.kg-1]",
    "Capacity retention [%]",
    "Resistance [Ohm]",
    "Lost lithium [mol]",
    "Time series saved",
]


def run_cell(parameter_set, material, cutoffs, n_cycles=N_CYCLES):
    """Solve ``n_cycles`` cycles at 0.1C of one parameter set; return (solution, cycle_summary table)."""
    values = pybamm.ParameterValues(parameter_set)
    low, high = cutoffs
    experiment = pybamm.Experiment(
        [(f"Discharge at 0.1C until {low} V", "Rest for 10 minutes",
          f"Charge at 0.1C until {high} V", "Rest for 10 minutes")] * n_cycles
    )
    sim = pybamm.Simulation(pybamm.Model("AEA"), parameter_values=values, experiment=experiment)
    solution = sim.solve(save_at_cycles=5)
    electrode = Electrode({material: 1.0}, float(values["Cathode porosity"]), name=f"{material} AEA")
    table = cycle_summary(solution, reference_cycle=2, electrode=electrode, cell="practical target")
    return solution, table


def main(outdir=None):
    """Run both cells, print their per-cycle tables and save ``cycle_life_summary.png`` in ``outdir``.

    Returns dict label -> pandas.DataFrame (the :func:`pybamm_aea.cycling.cycle_summary` tables).
    """
    outdir = figures.output_dir(outdir, __file__)
    tables = {}
    for label, (parameter_set, material, cutoffs) in CELLS.items():
        start = time.perf_counter()
        _, table = run_cell(parameter_set, material, cutoffs)
        elapsed = time.perf_counter() - start
        tables[label] = table
        with pd.option_context("display.width", 250, "display.max_columns", 30, "display.precision", 4):
            print(f"\n{label}: {N_CYCLES} cycles at 0.1C, 70 C ({elapsed:.1f} s incl. summary)")
            print(table[COLUMNS].to_string())
    fig = plot_cycle_life(tables, title="AEA cells, 0.1C, 70 C: retention vs cycle 2 and electrode energy")
    (path,) = figures.save(fig, outdir / "cycle_life_summary.png")
    print(f"\nsaved {path}")
    return tables


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
