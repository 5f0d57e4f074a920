"""Figure 3a of Li et al., Adv. Mater. 2021: Li diffusion coefficient of LixMo6S8 vs Li content x.

Points: the paper's PITT values of Fig. S1 / Fig. 3a (``figS1_LixMo6S8_diffusion``: x = 1, 3, 4). Thick
segments: the model's default, the multi-phase host (``Li2021_Mo6S8.MO6S8_HOST``): its chemical diffusivity
``B |dU_h/dx|`` from the mobility and the free energy, shown inside the single-phase windows (between them the
homogeneous host is unstable and separates into phases; there is no single-phase D), at 70 C and 25 C (each
phase's Arrhenius factor); the Li0 phase (Mo6S8) is the near-blocking one, the "ionic switch". Lines: the
lever-rule host's ``"Cathode Li diffusivity [m2.s-1]"`` D(x, T) (the option ``"host thermodynamics": "lever
rule"``), which puts the blocking in the Li0 surface film (``"Li0 film Li diffusivity [m2.s-1]"``, the marker at
x = 0) and keeps the Li1 value below x = 1 in the bulk. The shaded band
is the LMS range stated in the text for Fig. 3a (1.8e-8 to 1.7e-7 cm2/s).

Usage: ``python examples/fig3a_diffusivity_vs_x.py [OUTDIR]`` (default ``examples/figures/``).
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from pybamm_aea.data import load_paper_table  # noqa: E402
from pybamm_aea import figures  # noqa: E402

SLOW = False
#: LMS diffusivity range stated in the main text for Figure 3a, cm2/s
PAPER_RANGE = (1.8e-8, 1.7e-7)


def _evaluate(value):
    import pybamm

    if isinstance(value, pybamm.Symbol):
        value = value.evaluate()
    return float(np.squeeze(value))


def model_curve(T, parameter_set="Li2021_Mo6S8", n=161):
    """(x, D in cm2/s) of the set's D(x, T) over 0 < x < x_max (ends excluded: OCP-derived factors are singular)."""
    import pybamm

    values = pybamm.ParameterValues(parameter_set)
    x_max = float(values["Cathode maximum Li content"])
    func = values["Cathode Li diffusivity [m2.s-1]"]
    x = np.linspace(0.02, x_max - 0.02, n)
    D = np.array([_evaluate(func(pybamm.Scalar(xi), pybamm.Scalar(T))) for xi in x])
    film = values["Li0 film Li diffusivity [m2.s-1]"]
    return x, D * 1e4, _evaluate(film(pybamm.Scalar(T)) if callable(film) else film) * 1e4


def multi_phase_curves(T, n=41):
    """[(x, D in cm2/s)] of the multi-phase host inside each single-phase window, B |dU_h/dx| at T [K]."""
    from pybamm_aea import thermodynamics as th
    from pybamm_aea.parameters.Li2021_Mo6S8 import MO6S8_HOST

    out = []
    for lo, hi in MO6S8_HOST.windows:
        x = np.linspace(lo + 1e-3 * (hi - lo) + 1e-9, hi - 1e-3 * (hi - lo), n)
        h = 1e-7
        dU = (th.evaluate(th.homogeneous_ocp, MO6S8_HOST, x + h, T) - th.evaluate(th.homogeneous_ocp, MO6S8_HOST, x - h, T)) / (2 * h)
        D = np.exp(th.evaluate(th.log_mobility, MO6S8_HOST, x, T)) * np.abs(dU)
        out.append((x, D * 1e4))
    return out


def main(outdir=None):
    """Draw Figure 3a into ``outdir``; return the list of PNG paths."""
    outdir = figures.output_dir(outdir, __file__)
    data = load_paper_table("figS1_LixMo6S8_diffusion")
    fig, ax = plt.subplots(figsize=(7.5, 5.2))
    ax.axhspan(*PAPER_RANGE, color="#d62728", alpha=0.08, label="paper (text): LMS range 1.8e-8 to 1.7e-7")
    films = {}
    for T, color, ls in ((343.15, "#d62728", "-"), (298.15, "#1f77b4", "--")):
        x, D, films[T] = model_curve(T)
        ax.semilogy(x, D, color=color, ls=ls, lw=1.2, label=f"lever-rule host D(x), {T - 273.15:.0f} C")
    for T, color in ((343.15, "#8c1515"), (298.15, "#0b3d91")):
        for k, (x, D) in enumerate(multi_phase_curves(T)):
            ax.semilogy(x, D, color=color, lw=7, solid_capstyle="butt", alpha=0.8,
                        label=f"model (default, multi-phase host): B |dU_h/dx| in each phase, {T - 273.15:.0f} C" if k == 0 else None)
    ax.semilogy(data["x_in_LixMo6S8"], data["D_cm2_per_s"], "o", color="black", mfc="#ffdd57", ms=9, mew=1.5,
                label="paper, Fig. S1 (PITT, 70 C)", zorder=5)
    for _, row in data.iterrows():
        ax.annotate(f"{row['potential_V_vs_Li']:g} V", (row["x_in_LixMo6S8"], row["D_cm2_per_s"]), (6, 6),
                    textcoords="offset points", fontsize=8)
    for T, marker in zip(films, ("X", "x")):
        ax.semilogy([0], [films[T]], marker, color="#9467bd", ms=11, clip_on=False,
                    label=f"lever-rule host's Li0 film (ionic switch), {T - 273.15:.0f} C: {films[T]:.0e}")
    ax.set(xlabel="x in LixMo6S8", ylabel="Li diffusion coefficient (cm2/s)", xlim=(-0.1, 4.1), ylim=(1e-16, 1e-5),
           title="(3a) Li diffusivity of LixMo6S8: Fig. S1 and the model's D(x)")
    ax.set_xticks([0, 1, 2, 3, 4], ["0\nLi0", "1\nLi1", "2", "3\nLi3", "4\nLi4"])
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=8, loc="center right")
    fig.tight_layout()
    return figures.save(fig, outdir / "fig3a_diffusivity_vs_x.png")


if __name__ == "__main__":
    figures.run(main)
