"""Figure 2b of Li et al., Adv. Mater. 2021: Li diffusion coefficients of AEA hosts, cathodes and electrolytes.

Bars: Table S5 ranges (literature and the paper's PITT; lower to upper value, log scale), grouped as conventional
cathodes, AEA hosts (Mo6S8, TiS2) and solid electrolytes (LGPS, LSPS, LALZO).

Overlaid (hatched bars, "model"): the diffusivity the AEA model uses over each host's working range at 70 C,
evaluated from the parameter sets' ``"Cathode Li diffusivity [m2.s-1]"`` functions (converted to cm2/s):

- ``Li2021_Mo6S8``: D(x) of Fig. S1 interpolated in log D, over the reversible window 1 <= x <= 4 of LixMo6S8;
- ``Li2021_TiS2``: the vacancy-limited D(x) between the Table S5 bounds, over 0.1 <= x <= 1 of LixTiS2;

(the default multi-phase host has the same values in its single-phase windows: its phase diffusivities are Fig.
S1's), and, as a marker, the Li0 (Mo6S8) surface film of the "ionic switch" of the lever-rule host (``"Li0 film Li
diffusivity [m2.s-1]"``), which that option makes ionically blocking: the AEA hosts conduct Li as fast as the solid
electrolytes, the Li0 film 7 orders of magnitude slower (on the default host the blocking phase is Li0 itself,
1e-12 cm2/s at 70 C: examples/fig3a_diffusivity_vs_x.py).

Usage: ``python examples/fig2b_diffusivity.py [OUTDIR]`` (default ``examples/figures/``).
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from pybamm_aea.data import load_paper_table  # noqa: E402
from pybamm_aea import figures  # noqa: E402

SLOW = False
GROUPS = {
    "AEA host": ("Mo6S8", "TiS2"),
    "solid electrolyte": ("LGPS", "LSPS", "LALZO"),
}
GROUP_COLORS = {"conventional cathode": "#1f77b4", "AEA host": "#d62728", "solid electrolyte": "#2ca02c"}
#: model working ranges (Li per formula unit) and temperature
WORKING_RANGE = {"Li2021_Mo6S8": ("Mo6S8", 1.0, 4.0), "Li2021_TiS2": ("TiS2", 0.1, 1.0)}
T_MODEL = 343.15


def _group(material):
    for g, members in GROUPS.items():
        if material in members:
            return g
    return "conventional cathode"


def _evaluate(value):
    import pybamm

    if isinstance(value, pybamm.Symbol):
        value = value.evaluate()
    return float(np.squeeze(value))


def model_diffusivity(parameter_set, x_low, x_high, T=T_MODEL, n=61):
    """(x array, D array in cm2/s) of a parameter set's cathode diffusivity function at temperature ``T`` (K)."""
    import pybamm

    values = pybamm.ParameterValues(parameter_set)
    func = values["Cathode Li diffusivity [m2.s-1]"]
    pad = 0.02  # Li per formula unit: OCP-derived (Darken) factors are singular at the ends of the window
    x = np.linspace(x_low + pad, x_high - pad, n)
    if callable(func):
        D = np.array([_evaluate(func(pybamm.Scalar(xi), pybamm.Scalar(T))) for xi in x])
    else:
        D = np.full_like(x, float(func))
    return x, D * 1e4


def film_diffusivity(parameter_set="Li2021_Mo6S8", T=T_MODEL):
    """Li diffusivity of the Li0 surface film (the ionic switch) of a parameter set at ``T`` [K], cm2/s."""
    import pybamm

    value = pybamm.ParameterValues(parameter_set)["Li0 film Li diffusivity [m2.s-1]"]
    return _evaluate(value(pybamm.Scalar(T)) if callable(value) else value) * 1e4


def main(outdir=None):
    """Draw Figure 2b into ``outdir``; return the list of PNG paths."""
    outdir = figures.output_dir(outdir, __file__)
    t = load_paper_table("tableS5_li_diffusion")
    t["group"] = [_group(m) for m in t["material"]]
    order = ["conventional cathode", "AEA host", "solid electrolyte"]
    t["order"] = [order.index(g) for g in t["group"]]
    t = t.sort_values(["order", "D_upper_cm2_per_s"]).reset_index(drop=True)

    fig, ax = plt.subplots(figsize=(10, 6.2))
    y = np.arange(len(t))
    for k, row in t.iterrows():
        lo, hi = row["D_lower_cm2_per_s"], row["D_upper_cm2_per_s"]
        if np.isclose(lo, hi):
            lo, hi = lo / 1.08, hi * 1.08  # keep a visible bar for a single value
        ax.barh(k, np.log10(hi) - np.log10(lo), left=np.log10(lo), height=0.6, color=GROUP_COLORS[row["group"]],
                alpha=0.8, label=f"Table S5: {row['group']}" if row["group"] not in
                [t["group"][j] for j in range(k)] else None)
    material_row = {m: k for k, m in enumerate(t["material"])}
    for set_name, (material, x0, x1) in WORKING_RANGE.items():
        try:
            x, D = model_diffusivity(set_name, x0, x1)
        except Exception as exc:
            print(f"fig2b: no model diffusivity for {set_name}: {exc}", file=sys.stderr)
            continue
        k = material_row[material]
        ax.barh(k + 0.36, np.log10(D.max()) - np.log10(D.min()), left=np.log10(D.min()), height=0.28,
                color="white", edgecolor="black", hatch="////",
                label="AEA model, 70 C, over its working range" if material == "Mo6S8" else None)
        ax.annotate(f"model {x0:g} <= x <= {x1:g}", (np.log10(D.max()), k + 0.36), (5, -3),
                    textcoords="offset points", fontsize=7.5)
    try:
        d_film = film_diffusivity()
        k = material_row["Mo6S8"]
        ax.plot(np.log10(d_film), k, "X", color="black", ms=10, label="model Li0 film (ionic switch), Mo6S8")
        ax.annotate("Li0 film: blocking", (np.log10(d_film), k), (8, -4), textcoords="offset points", fontsize=8)
    except Exception as exc:
        print(f"fig2b: no Li0 film diffusivity: {exc}", file=sys.stderr)
    ax.set_yticks(y, t["material"])
    ax.invert_yaxis()
    ticks = np.arange(-16, -5)
    ax.set_xticks(ticks, [f"1e{v}" for v in ticks])
    ax.set(xlabel="Li diffusion coefficient (cm2/s)", xlim=(-16.5, -4.6),
           title="(2b) Li diffusivities: Table S5 ranges and the AEA model's D")
    ax.grid(alpha=0.3, axis="x")
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    return figures.save(fig, outdir / "fig2b_diffusivity.png")


if __name__ == "__main__":
    figures.run(main)
