"""Ragone-style comparison (Wh/kg vs Wh/L) of AEA and conventional cathodes, at electrode and at cell level.

Electrode level (``pybamm_aea.energy.Electrode``; filled markers: as-made / charged basis; open markers joined by a
line: the same electrode on the discharged basis, ``Electrode.lithiated()``, for AEA hosts made Li-free):

- liquid Li-ion LiCoO2, NMC, LiFePO4: Table S2 electrodes with the Table S9 capacities and voltages;
- ASSLB composite: NMC811 80 / Li3PS4 15 / Super P 5 wt%, 11 % empty pores (the Table S2 ASSLB recipe);
- LMS: 100 % Mo6S8 at its 360 MPa porosity (Table S6), 90 mAh/g reversible, 2.05 V;
- LTS: 100 % TiS2 at 11 % porosity (the paper's AEA assumption), 180 mAh/g reversible, 2.07 V;
- S-LMS theoretical (1675/128 mAh/g, 2 V, 8.2 % porosity at 360 MPa) and practical (483.8 mAh/g, 1.87 V, 8.15 %).

Cell level (``pybamm_aea.energy.cell_preset``, 3 mAh/cm2 for every cathode): solid-state cathodes in the
"practical target" stack (30 um sulfide separator, 20 um Li, 10 um Al + 10 um Cu), liquid cathodes in the
"liquid LIB" stack (graphite N:P 1.1, 12 um PE separator, 12 um Al + 8 um Cu); and the paper's own lab cell
(S-LMS, 0.8 mAh/cm2, 965 um of separator pellets, Li-In) for scale.

Usage: ``python examples/ragone_aea_vs_conventional.py [OUTDIR]`` (default ``examples/figures/``).
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from pybamm_aea.energy import Electrode, cell_preset, porosity  # noqa: E402
from pybamm_aea.energy import paper  # noqa: E402
from pybamm_aea import figures  # noqa: E402

AREAL_CAPACITY = 3.0  # mAh/cm2 for the cell-level comparison


def electrodes():
    """name -> (Electrode, voltage or None, group, color): the electrodes compared."""
    out = {}
    for row, label, color in (("LiCoO2", "LiCoO2 (liquid)", "#1f77b4"), ("NMC", "NMC (liquid)", "#17becf"),
                              ("LiFePO4", "LiFePO4 (liquid)", "#9467bd")):
        e, v = paper.table_s9_electrode(row)
        out[label] = (e, v, "liquid", color)
    out["NMC811 ASSLB composite"] = (
        Electrode({"NMC811": 0.80, "Li3PS4": 0.15, "Super P": 0.05}, 0.11, name="NMC811 ASSLB"), None, "solid",
        "#8c564b")
    rev = paper.REVERSIBLE_CAPACITY
    out["LMS (Mo6S8)"] = (Electrode({"Mo6S8": 1.0}, porosity("Mo6S8", 360), capacities={"Mo6S8": rev["Mo6S8"]},
                                    name="LMS"), None, "solid", "#ff7f0e")
    out["LTS (TiS2)"] = (Electrode({"TiS2": 1.0}, 0.11, capacities={"TiS2": rev["TiS2"]}, name="LTS"), None, "solid",
                         "#bcbd22")
    out["S-LMS theoretical"] = (
        Electrode.at_pressure(paper.SLMS_COMPOSITION, 360, "S-LMS", name="S-LMS theoretical"),
        paper.THEORETICAL_VOLTAGE, "solid", "#2ca02c")
    out["S-LMS practical"] = (paper.slms_practical_electrode(), None, "solid", "#d62728")
    return out


def main(outdir=None):
    """Draw the electrode- and cell-level Ragone plot into ``outdir``; return the list of PNG paths."""
    outdir = figures.output_dir(outdir, __file__)
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(13, 5.6))
    for label, (e, v, group, color) in electrodes().items():
        ed = e.energy_density(v)
        marker = "o" if group == "liquid" else "s"
        ax.plot(ed.gravimetric, ed.volumetric, marker, color=color, ms=9, label=label, zorder=3)
        if e.needs_lithium:
            lith = e.lithiated().energy_density(v)
            ax.plot(lith.gravimetric, lith.volumetric, marker, color=color, ms=9, mfc="white", mew=1.8, zorder=3)
            ax.plot([ed.gravimetric, lith.gravimetric], [ed.volumetric, lith.volumetric], color=color, lw=0.8,
                    zorder=1)
        preset = "liquid LIB" if group == "liquid" else "practical target"
        cell = cell_preset(preset, e, areal_capacity_mAh_cm2=AREAL_CAPACITY, cathode_voltage=v)
        ce = cell.energy_density()
        ax2.plot(ce.gravimetric, ce.volumetric, marker, color=color, ms=9, label=f"{label}, {preset}")
    lab = cell_preset("paper lab cell")
    le = lab.energy_density()
    ax2.plot(le.gravimetric, le.volumetric, "*", color="#d62728", ms=14,
             label=f"S-LMS, paper lab cell ({lab.areal_capacity:.1f} mAh/cm2, Li-In)")
    ax2.annotate(f"paper lab cell: {le.gravimetric:.1f} Wh/kg, {le.volumetric:.1f} Wh/L\n"
                 f"({lab.thickness - lab.layers[0].thickness_um:.0f} um of separator + anode "
                 f"for a {lab.layers[0].thickness_um:.1f} um cathode)",
                 (le.gravimetric, le.volumetric), (25, 60), textcoords="offset points", fontsize=8,
                 arrowprops=dict(arrowstyle="->"))
    ax.plot([], [], "s", color="gray", mfc="white", mew=1.8, label="open: discharged basis (lithiated)")
    ax.set(xlabel="gravimetric energy density (Wh/kg of electrode)", ylabel="volumetric energy density (Wh/L of electrode)",
           title="Electrode level", xlim=(0, 1400), ylim=(0, 4200))
    ax.legend(fontsize=7.5, loc="upper left")
    ax.grid(alpha=0.3)
    ax2.set(xlabel="gravimetric energy density (Wh/kg of stack)", ylabel="volumetric energy density (Wh/L of stack)",
            title=f"Cell level (unit stack, {AREAL_CAPACITY:g} mAh/cm2; Randau et al. 2020 bookkeeping)",
            xlim=(0, 400), ylim=(0, 1050))
    ax2.legend(fontsize=7, loc="upper left")
    ax2.grid(alpha=0.3)
    fig.tight_layout()
    return figures.save(fig, outdir / "ragone_aea_vs_conventional.png")


if __name__ == "__main__":
    figures.run(main)
