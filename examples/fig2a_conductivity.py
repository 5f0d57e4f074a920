"""Figure 2a of Li et al., Adv. Mater. 2021: electronic conductivity of the AEA hosts vs carbon and cathodes.

Left: Table S4 (4-probe powder conductivity at room temperature vs pellet porosity) for Mo6S8, TiS2, Super P
carbon black, NCM and carbon-coated LiFePO4, with the law fitted to each material
(``pybamm_aea.energy.conductivity_fit``: Archie ``sigma0 (1 - phi)^m`` or percolation
``sigma0 ((1 - phi - phi_c)/(1 - phi_c))^t``, chosen by residual standard error; dashed = extrapolation).

Right: the paper's comparison as ranges (measured minimum to maximum of each material, Table S4), with the value
the AEA model uses for its dense cathodes: the ``"Cathode electronic conductivity [S.m-1]"`` function of the
``Li2021_Mo6S8`` and ``Li2021_TiS2`` parameter sets at their electrode porosity (11 %), i.e. the Table S4 fit
extrapolated to the dense electrode (hollow diamonds). Mo6S8 and TiS2 sit with Super P, 3-6 orders of magnitude
above NCM and C-LiFePO4, which is why an AEA electrode needs no carbon.

Usage: ``python examples/fig2a_conductivity.py [OUTDIR]`` (default ``examples/figures/``).
"""
import sys
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from pybamm_aea.energy import ExtrapolationWarning, conductivity_data, conductivity_fit  # noqa: E402
from pybamm_aea.energy.conductivity import conductivity_materials  # noqa: E402
from pybamm_aea import figures  # noqa: E402

SLOW = False
COLORS = {"Mo6S8": "#d62728", "TiS2": "#ff7f0e", "SuperP": "#2f2f2f", "NCM": "#1f77b4", "C-LiFePO4": "#2ca02c"}
LABELS = {"Mo6S8": "Mo6S8 (AEA)", "TiS2": "TiS2 (AEA)", "SuperP": "Super P carbon", "NCM": "NCM",
          "C-LiFePO4": "C-coated LiFePO4"}


def model_conductivity(parameter_set):
    """(porosity, S/cm) the AEA model uses for a parameter set's cathode (its conductivity function at 70 C)."""
    import pybamm

    values = pybamm.ParameterValues(parameter_set)
    eps = float(values["Cathode porosity"])
    sigma = values["Cathode electronic conductivity [S.m-1]"]
    if callable(sigma):
        sigma = sigma(pybamm.Scalar(eps), pybamm.Scalar(float(values["Ambient temperature [K]"])))
    if isinstance(sigma, pybamm.Symbol):
        sigma = sigma.evaluate()
    return eps, float(np.squeeze(sigma)) / 100.0  # S/m -> S/cm


def main(outdir=None):
    """Draw Figure 2a into ``outdir``; return the list of PNG paths."""
    outdir = figures.output_dir(outdir, __file__)
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(13, 5.0), gridspec_kw={"width_ratios": [1.15, 1]})
    materials = conductivity_materials()
    for m in materials:
        phi, sigma = conductivity_data(m)
        fit = conductivity_fit(m)
        c = COLORS.get(m, None)
        ax.semilogy(100 * phi, sigma, "o", color=c, mfc="white", mew=1.6, ms=6)
        lo, hi = fit.porosity_range
        inside = np.linspace(lo, hi, 100)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ExtrapolationWarning)
            ax.semilogy(100 * inside, fit.predict(inside), color=c, lw=2,
                        label=f"{LABELS.get(m, m)}: {fit.law} fit (RMS {fit.rms_log10:.3f} dec.)")
            for seg in (np.linspace(0.0, lo, 60), np.linspace(hi, 0.9, 60)):
                y = fit.predict(seg)
                ok = y > 0
                ax.semilogy(100 * seg[ok], y[ok], color=c, lw=1, ls="--")
    ax.set(xlabel="porosity of the pressed powder (%)", ylabel="electronic conductivity (S/cm)", xlim=(0, 90),
           ylim=(1e-7, 1e4), title="(2a) Table S4: 4-probe conductivity vs porosity, with fits")
    ax.legend(fontsize=7.5, loc="lower right")
    ax.grid(alpha=0.3, which="both")

    order = sorted(materials, key=lambda m: -np.max(conductivity_data(m)[1]))
    for k, m in enumerate(order):
        _, sigma = conductivity_data(m)
        ax2.plot([sigma.min(), sigma.max()], [k, k], color=COLORS.get(m), lw=10, solid_capstyle="butt", alpha=0.85,
                 label="Table S4 range (measured)" if k == 0 else None)
    for set_name, m in (("Li2021_Mo6S8", "Mo6S8"), ("Li2021_TiS2", "TiS2")):
        try:
            eps, s_model = model_conductivity(set_name)
        except Exception as exc:  # a parameter set without a conductivity function
            print(f"fig2a: no model conductivity for {set_name}: {exc}", file=sys.stderr)
            continue
        k = order.index(m)
        ax2.plot(s_model, k, "D", color="white", mec=COLORS[m], mew=2, ms=10,
                 label="AEA model, dense electrode (fit at its porosity)" if m == "Mo6S8" else None)
        ax2.annotate(f"{s_model:.0f} S/cm at {100 * eps:.0f} %", (s_model, k), (-40, 12), textcoords="offset points",
                     fontsize=8)
    ax2.set_xscale("log")
    ax2.set_yticks(range(len(order)), [LABELS.get(m, m) for m in order])
    ax2.invert_yaxis()
    ax2.set(xlabel="electronic conductivity (S/cm)", xlim=(1e-6, 1e5),
            title="AEA hosts vs carbon additive and conventional cathodes")
    ax2.grid(alpha=0.3, axis="x", which="both")
    ax2.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return figures.save(fig, outdir / "fig2a_conductivity.png")


if __name__ == "__main__":
    figures.run(main)
