"""Figure 1d,e of Li et al., Adv. Mater. 2021: weight and volume make-up of liquid LIB, ASSLB and AEA cathodes.

Stacked bars from the electrode model (``pybamm_aea.energy.paper.table_s2_electrode``: the solid composition and
porosity of each Table S2 column), with the percentages the paper printed in Table S2 as markers at the segment
tops. The Li2S column of Table S2 is internally inconsistent (see tests/test_energy_paper.py); the bars show the
model, the markers what was printed.

Usage: ``python examples/fig1de_electrode_makeup.py [OUTDIR]`` (default ``examples/figures/``).
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from pybamm_aea.data import load_paper_table  # noqa: E402
from pybamm_aea.energy import paper  # noqa: E402
from pybamm_aea import figures  # noqa: E402

LABELS = {
    "LiFePO4": "LiFePO4\n(liquid)", "NMC": "NMC\n(liquid)", "LiMn2O4": "LiMn2O4\n(liquid)",
    "LiCoO2": "LiCoO2\n(liquid)", "Li2S": "Li2S\n(liquid)", "ASSLB_average": "ASSLB\n(80 wt% AM)",
    "AEA_Li4Mo6S8": "AEA\n(Li4Mo6S8)",
}
PARTS = ["active material", "electrolyte", "carbon + binder", "empty pores"]
COLORS = ["#d95f02", "#7570b3", "#444444", "#dddddd"]


def makeup(column, basis):
    """Model shares (percent) of the four parts of one Table S2 electrode, by 'weight' or 'volume'."""
    e = paper.table_s2_electrode(column)
    active = paper.TABLE_S2_COLUMNS[column][0]
    f = e.mass_fractions if basis == "weight" else e.volume_fractions
    electrolyte = e.pore_filler.name if e.pore_filler is not None else "Sulfide SE"
    return 100 * np.array([
        f.get(active, 0.0), f.get(electrolyte, 0.0), f.get("Carbon", 0.0) + f.get("Binder", 0.0),
        f.get("pores", 0.0),
    ])


def main(outdir=None):
    """Draw Figure 1d (weight) and 1e (volume) into ``outdir``; return the list of PNG paths."""
    outdir = figures.output_dir(outdir, __file__)
    s2 = load_paper_table("tableS2_electrode_composition").set_index("quantity")
    columns = list(paper.TABLE_S2_COLUMNS)
    printed_rows = {
        "weight": ["AM_wt_of_electrode", "electrolyte_wt_of_electrode", "carbon_binder_wt_of_electrode"],
        "volume": ["AM_vol_of_electrode", "electrolyte_vol_of_electrode", "carbon_binder_vol_of_electrode"],
    }
    fig, axes = plt.subplots(1, 2, figsize=(13, 5.2), sharey=True)
    x = np.arange(len(columns))
    for ax, basis, tag in zip(axes, ("weight", "volume"), ("d", "e")):
        shares = np.array([makeup(c, basis) for c in columns])  # (n_columns, 4)
        bottom = np.zeros(len(columns))
        for k, (part, color) in enumerate(zip(PARTS, COLORS)):
            ax.bar(x, shares[:, k], 0.62, bottom=bottom, color=color, edgecolor="white", label=f"{part} (model)")
            for i, val in enumerate(shares[:, k]):
                if val > 4:
                    ax.text(x[i], bottom[i] + val / 2, f"{val:.1f}", ha="center", va="center", fontsize=8,
                            color="white" if k < 3 else "black")
            bottom += shares[:, k]
        printed = 100 * s2.loc[printed_rows[basis], columns].to_numpy(float).T  # (n_columns, 3)
        tops = np.cumsum(printed, axis=1)
        for k in range(3):
            ax.plot(x + 0.36, tops[:, k], ls="none", marker="<", ms=7, mfc="white", mec="black",
                    label="Table S2, printed (segment tops)" if k == 0 else None)
        ax.axvspan(-0.5, 4.5, color="#f2f2f2", zorder=-1)
        ax.text(2.0, 103, "liquid Li-ion cathodes", ha="center", fontsize=9)
        ax.text(5.5, 103, "solid state", ha="center", fontsize=9)
        ax.set_xticks(x, [LABELS[c] for c in columns], fontsize=8)
        ax.set_xlim(-0.5, len(columns) - 0.5)
        ax.set_ylim(0, 108)
        ax.set_title(f"({tag}) share of the electrode by {basis}")
    axes[0].set_ylabel("percent of electrode")
    handles, labels = axes[1].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=5, fontsize=8, frameon=False)
    fig.suptitle("Electrode make-up (Li et al., Adv. Mater. 2021, Fig. 1d,e / Table S2): model bars, printed markers")
    fig.tight_layout(rect=(0, 0.07, 1, 0.95))
    return figures.save(fig, outdir / "fig1de_electrode_makeup.png")


if __name__ == "__main__":
    figures.run(main)
