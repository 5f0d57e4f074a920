"""AEA-suitability map (materials x C-rate), the screening behind Fig. S2 of Li et al., Adv. Mater. 2021.

Runs :func:`pybamm_aea.screen` for the paper's two hosts (Mo6S8, TiS2: the sets ``Li2021_Mo6S8``,
``Li2021_TiS2``) and four literature cathodes pressed as dense AEA electrodes (``AEA_LiFePO4``,
``AEA_Li4Ti5O12``, ``AEA_LiCoO2``, ``AEA_NMC532``; every value cited in ``pybamm_aea.materials``) on
the paper's lab cell at 70 C, at five C-rates and five loadings (1.5-15 mg/cm2). Each cell of the map
is the largest areal capacity [mA.h/cm2] that still delivers 80 % of the window, with the limiting
mechanism of the thickest electrode at that rate; grey "x" = fails already at 1.5 mg/cm2 (the paper's
Fig. S2 verdict for LiFePO4 and Li4Ti5O12; on the default multi-phase host also pristine Mo6S8 at 2C and 5C,
where Li1 does not nucleate before 1.8 V: README, known limits). Every point is solved again on a finer mesh
(``screen(..., mesh_check=True)``: 160 cells for Mo6S8, twice the cells for the others, as ``pybamm_aea.mesh_check``
refines); "?" marks a rate at which some loading's utilisation moves by more
than 1 % of the window: pristine Mo6S8 at 0.5-2C, where whether Li1 nucleates before 1.8 V is decided cell by
cell. Also writes the full table as CSV.

Usage: ``python examples/fig_s2_aea_suitability_map.py [OUTDIR]`` (default ``examples/figures/``).
"""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import pybamm_aea  # noqa: E402
from pybamm_aea import figures  # noqa: E402
from pybamm_aea.screening import mesh_converged, suitability  # noqa: E402
from pybamm_aea.screening_grid import C_RATES, LOADINGS_MG_CM2 as LOADINGS  # noqa: E402  (the screen's own grid)

SLOW = True  # 16 s on 2 cores (2026-12-02)
MATERIALS = ["Li2021_Mo6S8", "Li2021_TiS2", "AEA_LiFePO4", "AEA_Li4Ti5O12", "AEA_LiCoO2", "AEA_NMC532"]
ABBREV = {"ionic": "ion", "electronic": "e-", "interface": "int", "separator": "sep", "none": "-"}
#: the small text of a thickest point that did not solve (its limiting mechanism is None; the reason: its 'error')
FAILED = "fail"
#: the files written into the folder: the map and the screen's table (read by reproduce.py before it runs us)
OUTPUTS = ("fig_s2_aea_suitability_map.png", "fig_s2_aea_screen.csv")


def main(outdir=None, materials=MATERIALS, c_rates=C_RATES, loadings=LOADINGS):
    """Screen, draw the map and write the table into ``outdir``; return the paths written."""
    outdir = figures.output_dir(outdir, __file__)
    df = pybamm_aea.screen(materials, c_rates=c_rates, loadings=loadings, mesh_check=True)
    table = suitability(df)
    converged = mesh_converged(df)
    png, csv = (outdir / name for name in OUTPUTS)
    df.to_csv(csv, index=False)
    # limiting mechanism of the thickest electrode at each rate
    thick = df[df["loading [mg.cm-2]"] == df["loading [mg.cm-2]"].max()]
    mech = thick.set_index(["material", "C-rate"])["limiting mechanism"]

    values = table.to_numpy(float)
    fig, ax = plt.subplots(figsize=(1.3 * len(c_rates) + 3, 0.7 * len(materials) + 1.5))
    shown = np.where(np.isnan(values), np.nan, np.log10(np.maximum(values, 1e-3)))
    im = ax.imshow(shown, cmap="viridis", aspect="auto", vmin=-1, vmax=np.log10(max(loadings) * 0.25))
    for i, m in enumerate(table.index):
        for j, c in enumerate(table.columns):
            v = values[i, j]
            text = ("x" if np.isnan(v) else f"{v:.2g}") + ("" if converged.loc[m, c] else "?")
            ax.text(j, i - 0.12, text, ha="center", va="center", color="white" if np.isnan(v) or v < 1 else "black")
            mechanism = mech.loc[(m, c)]
            ax.text(j, i + 0.22, FAILED if pd.isna(mechanism) else ABBREV[mechanism], ha="center", va="center",
                    fontsize=7,
                    color="white" if np.isnan(v) or v < 1 else "black")
    ax.set_facecolor("0.6")
    ax.set_xticks(range(len(table.columns)), [f"{c:g}C" for c in table.columns])
    ax.set_yticks(range(len(table.index)), [m.replace("Li2021_", "").replace("AEA_", "") for m in table.index])
    ax.set_xlabel("C-rate (70 C, paper's lab cell, Li anode)")
    ax.set_title("Largest AEA areal capacity at 80 % utilisation [mA.h/cm2]\n"
                 f"(x: < 80 % at {min(loadings):g} mg/cm2; ?: moves on doubling the mesh; small text: limiting "
                 f"mechanism at {max(loadings):g} mg/cm2, {FAILED!r}: not solved)", fontsize=9)
    fig.colorbar(im, ax=ax, label="log10 areal capacity [mA.h/cm2]")
    fig.tight_layout()
    return figures.save(fig, png) + [csv]


if __name__ == "__main__":
    figures.run(main)
