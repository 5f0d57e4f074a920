"""Where the ionic switch stops the charge of cells the paper never built: thickness, rate and temperature.

The paper cycles a thin LMS electrode (1.5 mg/cm2, 3.3 um) at 0.1C and 70 C. On the AEA model's default
multi-phase host the end of charge is not an input: Li0 forms where the electrode empties first, at the
separator, and blocks (:mod:`pybamm_aea.models.submodels.host_phase_field`). So the stop moves with anything
that changes how fast Li crosses the electrode. Each cell here is formed by the same 0.1C discharge at 70 C
from pristine Mo6S8 (``Li2021_Mo6S8``), then charged to 2.8 V:

- the thin electrode and the paper's 13.91 mg/cm2 electrode (Fig. S4, a 4.5 g/cm3 compact: 30.9 um,
  ``Li2021_Mo6S8.high_loading_updates``), each charged at 0.1C and at 1C, at 70 C;
- the thick electrode charged at 0.1C at 70, 50 and 25 C (the step's temperature).

Left: the charge curves against the electrode's specific capacity. Right: the Li content across the
electrode at the end of each charge, collector at 0 and separator at 1. On the plot, Li0 is x < 0.1,
Li1 x ~ 1, Li3 x ~ 3.

What it shows (measured 2026-12-01, 20 cells):

- Thin electrode: 101.0 mA.h/g at 0.1C and 100.2 at 1C. The bulk ends Li1 both times.
- Thick electrode at 70 C: 77.0 at 0.1C. At 1C, 20.9: the separator side empties into Li0 while the
  collector half is still Li3.
- Thick electrode at 0.1C: 77.0, 51.2 and 28.4 at 70, 50 and 25 C. Colder, every phase's mobility
  falls (its activation energy), and the cold cell stops in the same way.

These are predictions; none of them is fitted. ``tests/test_host_phase_field.py``
(``test_reversible_capacity_falls_with_rate_and_thickness``, ``test_charge_stop_moves_with_temperature``:
70 and 25 C) asserts them with their reasons on the default 20 cells; on 40 cells the capacities
move by at most 1.6 mA.h/g (docs/known_limits.rst, "Multi-phase host: emergence").

Usage: ``python examples/ionic_switch_predictions.py [OUTDIR]`` (default ``examples/figures/``).
"""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from pybamm_aea import figures  # noqa: E402

SLOW = False


def cells():
    """(label, thick electrode?, charge C-rate, charge temperature [C]) of each run."""
    return [
        ("thin, 0.1C, 70 C", False, 0.1, 70),
        ("thin, 1C, 70 C", False, 1, 70),
        ("thick, 0.1C, 70 C", True, 0.1, 70),
        ("thick, 1C, 70 C", True, 1, 70),
        ("thick, 0.1C, 50 C", True, 0.1, 50),
        ("thick, 0.1C, 25 C", True, 0.1, 25),
    ]


def formed_then_charged(thick, c_rate, temperature_C):
    """Form at 0.1C and 70 C, then charge at ``c_rate`` and ``temperature_C``; returns the charge step.
    ``thick``: the paper's 13.91 mg/cm2 electrode instead of the set's 1.5 mg/cm2."""
    import pybamm

    from pybamm_aea import AEA
    from pybamm_aea.parameters import Li2021_Mo6S8

    values = pybamm.ParameterValues("Li2021_Mo6S8")
    if thick:
        values.update(Li2021_Mo6S8.high_loading_updates())
    steps = [
        pybamm.step.string("Discharge at 0.1C until 1.8 V", temperature=343.15),
        pybamm.step.string(f"Charge at {c_rate:g}C until 2.8 V", temperature=273.15 + temperature_C),
    ]
    solution = pybamm.Simulation(AEA(), parameter_values=values, experiment=pybamm.Experiment([tuple(steps)])).solve()
    return solution.cycles[0].steps[1]


def main(outdir=None):
    """Draw the charge curves and end-of-charge profiles into ``outdir``; return the list of PNG paths."""
    outdir = figures.output_dir(outdir, __file__)
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(11, 4.6))
    colors = plt.cm.viridis(np.linspace(0, 0.9, len(cells())))
    for (label, thick, c_rate, temperature), color in zip(cells(), colors):
        charge = formed_then_charged(thick, c_rate, temperature)
        q = charge["Electrode specific capacity [mA.h.g-1]"].entries
        capacity = np.abs(q - q[0])
        ax.plot(capacity, charge["Voltage [V]"].entries, color=color, label=f"{label}: {capacity[-1]:.1f}")
        x = charge["Cathode Li content"].entries[:, -1]
        depth = charge["Cathode depth [m]"].entries[:, -1] / charge["Cathode thickness [m]"].entries[-1]
        ax2.plot(depth, x, "o-", ms=3, color=color, label=label)
    ax.set(xlabel="charge (mA.h per g of electrode)", ylabel="voltage (V vs Li/Li+)",
           title="charge after a 0.1C, 70 C formation")
    ax.legend(fontsize=8, title="cell: mA.h/g", title_fontsize=8)
    ax.grid(alpha=0.3)
    ax2.set(xlabel="depth (collector 0, separator 1)", ylabel="Li content x in LixMo6S8",
            title="end of charge: Li0 at the separator, behind it Li1 or Li3")
    ax2.grid(alpha=0.3)
    fig.tight_layout()
    return figures.save(fig, outdir / "ionic_switch_predictions.png")


if __name__ == "__main__":
    figures.run(main)
