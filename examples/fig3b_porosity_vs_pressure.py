"""Figure 3b of Li et al., Adv. Mater. 2021: porosity of the Mo6S8 AEA electrode vs pressure, with spring-back.

Left: Tables S6 (under pressure, "loading") and S7 (after release) with the fitted compaction law of each branch
(``pybamm_aea.energy.compaction_fit``; Heckel wins over Kawakita on both, see the module docstring); the shaded
band between the fitted branches is the elastic spring-back. Right: the same for the S-LMS hybrid and the S-C/LGPS
cathode of Table S8 (under pressure only). Dashed parts of the fitted lines are extrapolations.

Usage: ``python examples/fig3b_porosity_vs_pressure.py [OUTDIR]`` (default ``examples/figures/``).
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from pybamm_aea.energy import compaction_data, compaction_fit  # noqa: E402
from pybamm_aea import figures  # noqa: E402



def _fit_line(ax, fit, color, label):
    lo, hi = fit.pressure_range
    inside = np.linspace(lo, hi, 200)
    ax.plot(inside, 100 * fit.predict(inside), color=color, lw=2, label=label)
    for seg in (np.linspace(0, lo, 30), np.linspace(hi, 420, 30)):
        ax.plot(seg, 100 * fit.predict(seg), color=color, lw=1.2, ls="--")


def main(outdir=None):
    """Draw Figure 3b (and the Table S8 porosities) into ``outdir``; return the list of PNG paths."""
    outdir = figures.output_dir(outdir, __file__)
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(12, 4.8))

    fits = {}
    for branch, color, marker in (("loading", "#d62728", "o"), ("released", "#1f77b4", "s")):
        p, phi = compaction_data("Mo6S8", branch)
        fit = compaction_fit("Mo6S8", branch)
        fits[branch] = fit
        ax.plot(p, 100 * phi, marker, color=color, mfc="white", mew=1.8, ms=7,
                label=f"{'Table S6, under pressure' if branch == 'loading' else 'Table S7, after release'}")
        if fit.law == "heckel":
            par = f"1/K = {1 / fit.params['K']:.0f} MPa, A = {fit.params['A']:.3f}"
        else:
            par = ", ".join(f"{k} = {v:.3g}" for k, v in fit.params.items())
        _fit_line(ax, fit, color, f"{fit.law.capitalize()} fit ({par}; RMS {100 * fit.rms:.1f} pts)")
    grid = np.linspace(*fits["loading"].pressure_range, 200)
    ax.fill_between(grid, 100 * fits["loading"].predict(grid), 100 * fits["released"].predict(grid),
                    color="#9467bd", alpha=0.15, label="spring-back (released - loaded)")
    p, phi_l = compaction_data("Mo6S8", "loading")
    _, phi_r = compaction_data("Mo6S8", "released")
    ax.annotate(f"{100 * phi_l[-1]:.1f} % under 360 MPa", (p[-1], 100 * phi_l[-1]), (200, 5),
                arrowprops=dict(arrowstyle="->"), fontsize=9)
    ax.annotate(f"{100 * phi_r[-1]:.1f} % after release", (p[-1], 100 * phi_r[-1]), (190, 40),
                arrowprops=dict(arrowstyle="->"), fontsize=9)
    ax.set(xlabel="pressure (MPa)", ylabel="porosity (%)", xlim=(0, 420), ylim=(0, 65),
           title="(3b) Mo6S8 AEA electrode: porosity vs pressure")
    ax.legend(fontsize=7.5, loc="upper right")

    for name, color, marker in (("S-LMS", "#2ca02c", "o"), ("S-C-LGPS", "#7f7f7f", "D")):
        p, phi = compaction_data(name)
        fit = compaction_fit(name)
        ax2.plot(p, 100 * phi, marker, color=color, mfc="white", mew=1.8, ms=7, label=f"{name}, Table S8")
        _fit_line(ax2, fit, color, f"{name} {fit.law.capitalize()} fit (RMS {100 * fit.rms:.1f} pts)")
    ax2.annotate("8.2 % at 360 MPa\n(91.8 % filling)", (360, 8.2), (230, 3), arrowprops=dict(arrowstyle="->"),
                 fontsize=9)
    ax2.set(xlabel="pressure (MPa)", ylabel="porosity (%)", xlim=(0, 420), ylim=(0, 65),
            title="Hybrid S-LMS vs S-C/LGPS cathode (under pressure)")
    ax2.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    return figures.save(fig, outdir / "fig3b_porosity_vs_pressure.png")


if __name__ == "__main__":
    figures.run(main)
