"""Figure 2c,d of Li et al., Adv. Mater. 2021: galvanostatic profiles of the LTS and LMS AEA cathodes.

The AEA model (``pybamm_aea.AEA``) with the ``Li2021_TiS2`` (c) and ``Li2021_Mo6S8`` (d) parameter sets: 1.5 mg/cm2
cathode | LGPS | Li3PS4 | Li, 70 C, 0.1C, two cycles (discharge then charge, from the Li-free host as assembled)
between each set's cut-offs (1-3 V for TiS2, 1.8-2.8 V for Mo6S8). Voltage vs capacity in mAh per g of electrode
(100 % active material, so also per g of host).

The paper gives these profiles as pictures only; the numbers it states in the text are drawn beside the model
(dotted lines): first discharge 213 mAh/g (LTS) and 130 mAh/g (LMS), reversible capacity >180 mAh/g (LTS) and
90 mAh/g (LMS), LMS plateaus at 2.3 V (Li0 -> Li1) and 2.05 V (Li1 -> Li3/Li4), and the 2.45 V "ionic switch"
plateau at the end of the LMS charge.

Usage: ``python examples/fig2cd_lts_lms_profiles.py [OUTDIR]`` (default ``examples/figures/``).
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from pybamm_aea import figures  # noqa: E402

SLOW = False
#: numbers stated in the paper's text (main text, Figure 2c,d discussion), mAh/g and V
PAPER = {
    "Li2021_TiS2": {"first discharge": 213.0, "reversible": 180.0, "plateaus": ()},
    "Li2021_Mo6S8": {"first discharge": 130.0, "reversible": 90.0, "plateaus": (2.3, 2.05), "switch": 2.45},
}
TITLES = {"Li2021_TiS2": "(2c) TiS2 (LTS) AEA cathode", "Li2021_Mo6S8": "(2d) LiMo6S8 (LMS) AEA cathode"}


def simulate(parameter_set, cycles=2, c_rate=0.1):
    """Solve ``cycles`` x (discharge, charge) at ``c_rate`` between the set's cut-offs; return the solution."""
    import pybamm

    from pybamm_aea import AEA

    values = pybamm.ParameterValues(parameter_set)
    low, high = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
    experiment = pybamm.Experiment(
        [f"Discharge at {c_rate:g}C until {low:g} V", f"Charge at {c_rate:g}C until {high:g} V"] * cycles,
        period="2 minutes",
    )
    return pybamm.Simulation(AEA(), parameter_values=values, experiment=experiment).solve()


def steps_of(solution):
    """[(kind, capacity mAh/g array, voltage array)] of each step, capacity from 0 at the start of the step."""
    mass_g = float(solution["Cathode electrode mass [g]"].entries[0])
    out = []
    for cycle in solution.cycles:
        for step in cycle.steps:
            Q = step["Discharge capacity [A.h]"].entries
            kind = "charge" if np.mean(step["Current [A]"].entries) < 0 else "discharge"
            out.append((kind, np.abs(Q - Q[0]) * 1e3 / mass_g, step["Voltage [V]"].entries))
    return out


def main(outdir=None):
    """Draw Figure 2c,d into ``outdir``; return the list of PNG paths."""
    outdir = figures.output_dir(outdir, __file__)
    fig, axes = plt.subplots(1, 2, figsize=(12.5, 4.8))
    colors = {0: "#d62728", 1: "#1f77b4"}
    for ax, set_name in zip(axes, ("Li2021_TiS2", "Li2021_Mo6S8")):
        steps = steps_of(simulate(set_name))
        for k, (kind, q, v) in enumerate(steps):
            cycle = k // 2
            # cycle 1 wide and light, cycle 2 narrow on top: both visible where they coincide
            ax.plot(q, v, color=colors.get(cycle, "k"), lw=3.2 if cycle == 0 else 1.4, alpha=0.55 if cycle == 0 else 1,
                    ls="-" if kind == "discharge" else "--", label=f"model, cycle {cycle + 1} {kind}")
        paper = PAPER[set_name]
        first = steps[0][1][-1]
        rev = steps[2][1][-1] if len(steps) > 2 else float("nan")
        ax.axvline(paper["first discharge"], color="#d62728", ls=":", lw=1.2,
                   label=f"paper: 1st discharge {paper['first discharge']:g} mAh/g (model {first:.0f})")
        ax.axvline(paper["reversible"], color="#1f77b4", ls=":", lw=1.2,
                   label=f"paper: reversible {'>' if set_name == 'Li2021_TiS2' else ''}{paper['reversible']:g} mAh/g "
                         f"(model {rev:.0f})")
        for v in paper["plateaus"]:
            ax.axhline(v, color="0.4", ls=":", lw=1)
            ax.annotate(f"paper plateau {v:g} V", (0.42, v), (0, 3), xycoords=("axes fraction", "data"),
                        textcoords="offset points", fontsize=8, color="0.3")
        if "switch" in paper:
            ax.axhline(paper["switch"], color="#9467bd", ls=":", lw=1)
            ax.annotate(f"ionic switch {paper['switch']:g} V (paper)", (0.42, paper["switch"]), (0, 3),
                        xycoords=("axes fraction", "data"), textcoords="offset points", fontsize=8,
                        color="#9467bd")
        ax.set(xlabel="capacity (mAh per g of electrode)", ylabel="voltage (V vs Li/Li+)", title=TITLES[set_name]
               + ", 0.1C, 70 C")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="lower left" if set_name == "Li2021_TiS2" else "upper right")
    fig.tight_layout()
    return figures.save(fig, outdir / "fig2cd_lts_lms_profiles.png")


if __name__ == "__main__":
    figures.run(main)
