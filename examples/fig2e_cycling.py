"""Figure 2e of Li et al. 2021: cycling of the LTS and LMS AEA cathodes at 0.1C, 70 C.

Model only (the paper's Fig. 2e is not tabulated; its text gives LMS 89 % retention after 50
cycles vs the 2nd, and LTS fading faster). Degradation options: "ionic-switch host loss" for
LMS, "Li trapping" for LTS, with the calibrated rates of the parameter sets.

Run: ``python examples/fig2e_cycling.py [OUTDIR]``.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pybamm  # noqa: E402

from pybamm_aea import AEA, figures  # noqa: E402
from pybamm_aea.cycling import cycle_summary  # noqa: E402

N_CYCLES = 50
SLOW = True  # 12 s on 2 cores (2026-12-02)
CELLS = {
    "LMS (Mo6S8)": ("Li2021_Mo6S8", 1.8, 2.8, {"ionic-switch host loss": "persistent Li0"}),
    "LTS (TiS2)": ("Li2021_TiS2", 1.0, 3.0, {"Li trapping": "irreversible"}),
}


def run(parameter_set, low, high, options, n=N_CYCLES):
    """Per-cycle summary (pandas) of ``n`` cycles at 0.1C."""
    experiment = pybamm.Experiment(
        [(f"Discharge at 0.1C until {low} V", f"Charge at 0.1C until {high} V")] * n
    )
    sim = pybamm.Simulation(
        AEA(options), parameter_values=pybamm.ParameterValues(parameter_set), experiment=experiment
    )
    return cycle_summary(sim.solve(save_at_cycles=[1, n]), reference_cycle=2)


def main(outdir=None):
    outdir = figures.output_dir(outdir, __file__)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for label, (pset, low, high, options) in CELLS.items():
        summary = run(pset, low, high, options)
        n = summary.index.to_numpy()
        ax1.plot(n, summary["Electrode specific capacity [mA.h.g-1]"], "o-", ms=3, label=label)
        ax2.plot(n, summary["Capacity retention [%]"], "o-", ms=3, label=label)
        print(f"{label}: cycle 2 {summary.iloc[1, :].get('Electrode specific capacity [mA.h.g-1]'):.1f} mAh/g, "
              f"retention after {N_CYCLES} cycles {summary['Capacity retention [%]'].iloc[-1]:.1f} %")
    ax2.axhline(89, color="k", ls=":", label="paper: LMS 89 % at cycle 50")
    ax1.set(xlabel="cycle", ylabel="discharge ESC [mAh g$^{-1}$ of electrode]", title="0.1C, 70 °C")
    ax2.set(xlabel="cycle", ylabel="retention vs cycle 2 [%]", ylim=(60, 140))
    ax1.legend(), ax2.legend()
    fig.tight_layout()
    return figures.save(fig, outdir / "fig2e_cycling.png", dpi=120)


if __name__ == "__main__":
    figures.run(main)
