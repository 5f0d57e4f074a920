"""Figure 4e of Li et al., Adv. Mater. 2021: theoretical volumetric energy density vs stack pressure.

S-LMS (32.5 wt% S8 + 67.5 wt% Mo6S8) vs S-C/LGPS (32.5/17.5/50 wt%) on the basis of Table S8 (1600 mAh/g S8,
90 mAh/g Mo6S8, 2 V, solid volume at the porosity under pressure). Lines: the electrode model with the porosity of
the fitted compaction law (``porosity(..., method="fit")``); thin lines: the model at the measured porosity
(``method="auto"``, the paper's way); markers: the values printed in Table S8.

Usage: ``python examples/fig4e_energy_vs_pressure.py [OUTDIR]`` (default ``examples/figures/``).
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from pybamm_aea.data import load_paper_table  # noqa: E402
from pybamm_aea.energy import Electrode, porosity  # noqa: E402
from pybamm_aea.energy import paper  # noqa: E402
from pybamm_aea import figures  # noqa: E402

CASES = {
    "S-LMS": (paper.SLMS_COMPOSITION, paper.TABLE_S8_CAPACITIES, "S_LMS_energy_Wh_per_L", "#2ca02c", "o"),
    "S-C-LGPS": (paper.SCLGPS_COMPOSITION, {"S8": paper.TABLE_S8_CAPACITIES["S8"]}, "S_C_LGPS_energy_Wh_per_L",
                 "#7f7f7f", "D"),
}


def energy_vs_pressure(name, pressures, method):
    """Table S8-basis volumetric energy (Wh/L) of ``name`` at each pressure (MPa)."""
    comp, caps, _, _, _ = CASES[name]
    phi = porosity(name, pressures, method=method)
    return np.array([Electrode(comp, f, capacities=caps).energy_density(paper.TABLE_S8_VOLTAGE).volumetric
                     for f in np.atleast_1d(phi)])


def main(outdir=None):
    """Draw Figure 4e into ``outdir``; return the list of PNG paths."""
    outdir = figures.output_dir(outdir, __file__)
    s8 = load_paper_table("tableS8_energy_vs_pressure")
    grid = np.linspace(36, 360, 200)
    fig, ax = plt.subplots(figsize=(7, 6.2))
    for name, (_, _, column, color, marker) in CASES.items():
        ax.plot(grid, energy_vs_pressure(name, grid, "fit"), color=color, lw=2, label=f"{name} model, Heckel porosity")
        ax.plot(grid, energy_vs_pressure(name, grid, "auto"), color=color, lw=0.8,
                label=f"{name} model, measured porosity")
        ax.plot(s8["pressure_MPa"], s8[column], marker, color=color, mfc="white", mew=1.8, ms=7,
                label=f"{name}, Table S8 (printed)")
    dense = Electrode(paper.SLMS_COMPOSITION, 0.0, capacities=paper.TABLE_S8_CAPACITIES)
    ax.axhline(dense.energy_density(paper.TABLE_S8_VOLTAGE).volumetric, color="#2ca02c", ls=":", lw=1)
    ax.text(40, dense.energy_density(paper.TABLE_S8_VOLTAGE).volumetric + 40, "S-LMS at zero porosity", fontsize=8,
            color="#2ca02c")
    ax.annotate("3565 Wh/L at 8.2 % porosity", (360, float(s8["S_LMS_energy_Wh_per_L"].iloc[-1])), (170, 3500),
                arrowprops=dict(arrowstyle="->"), fontsize=9)
    ax.set(xlabel="pressure (MPa)", ylabel="theoretical energy density (Wh/L of electrode)", xlim=(0, 380),
           ylim=(800, 4200), title="(4e) Volumetric energy density vs pressure (Table S8 basis)")
    ax.legend(fontsize=7.5, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    fig.tight_layout()
    return figures.save(fig, outdir / "fig4e_energy_vs_pressure.png")


if __name__ == "__main__":
    figures.run(main)
