"""Figure 4d of Li et al., Adv. Mater. 2021: electronic conductivity and porosity vs pressure, S-LMS vs S-C/LGPS.

The paper compares the electronic conductivity of the hybrid S-LMS AEA cathode (32.5 wt% S8 + 67.5 wt% Mo6S8) with
that of a typical S-C/LGPS cathode (32.5 wt% S, 17.5 wt% carbon, 50 wt% LGPS) as the pressure rises; its
conductivity data are not tabulated, only the porosities (Table S8). What is drawn here is therefore a model, built
from the tabulated data only:

1. porosity(pressure): the measured porosities of Table S8 (markers) and :func:`pybamm_aea.energy.porosity`
   (interpolation of the measured points, fitted compaction law outside 36-360 MPa; left panel);
2. volume fraction of the electronic conductor at that porosity: Mo6S8 in S-LMS, carbon in S-C/LGPS, from the
   electrode make-up (:class:`pybamm_aea.energy.Electrode`, densities of the materials library: S8 1.96, Mo6S8 5.06,
   carbon 2.26, sulfide SE 1.92 g/cm3), ``f = (1 - porosity) x (solid volume share of the conductor)``;
3. conductivity of the electrode = the conductor's own Table S4 law (Mo6S8: Archie; Super P carbon: percolation;
   :func:`pybamm_aea.energy.electronic_conductivity`) evaluated at an "effective porosity" ``1 - f``: all the
   non-conducting volume (pores, S8, LGPS) is treated as the pores of the Table S4 pellets. This is the simplest
   effective-medium assumption (insulating particles block electrons like pores do); it neglects contact
   resistances between unlike particles and the better particle-particle contact under pressure, so it gives the
   trend and the ratio rather than the measured values.

Both electrodes lie outside the measured porosity windows of Table S4 (Mo6S8 41-56 %, Super P 55-74 %) at most
pressures (with the shipped tables: at all of them); the extrapolated parts of the curves are dashed. The result:
above ~50 MPa S-LMS conducts better than S-C/LGPS, about 5 times at 360 MPa (6.7 vs 1.4 S/cm: its conductor is
41 vol% of the electrode vs 13 vol% carbon), and its conductivity rises faster with pressure because its porosity
falls faster (8.2 % vs 16.7 % at 360 MPa).

Usage: ``python examples/fig4d_conductivity_vs_pressure.py [OUTDIR]`` (default ``examples/figures/``).
"""
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from pybamm_aea.energy import (  # noqa: E402
    Electrode,
    ExtrapolationWarning,
    compaction_data,
    conductivity_fit,
    electronic_conductivity,
    porosity,
)
from pybamm_aea.energy.paper import SCLGPS_COMPOSITION, SLMS_COMPOSITION  # noqa: E402
from pybamm_aea import figures  # noqa: E402

SLOW = False
#: electrode -> (composition, compaction data set, conducting constituent, Table S4 material, colour)
ELECTRODES = {
    "S-LMS (AEA)": (SLMS_COMPOSITION, "S-LMS", "Mo6S8", "Mo6S8", "#2ca02c"),
    "S-C/LGPS": (SCLGPS_COMPOSITION, "S-C-LGPS", "Carbon", "SuperP", "#7f7f7f"),
}


def electrode_conductivity(composition, compaction, conductor, table_s4_material, pressure_MPa):
    """Model of the module docstring: (porosity, conductor volume fraction, S/cm, extrapolated?) at a pressure."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExtrapolationWarning)
        phi = float(porosity(compaction, pressure_MPa))
        f = Electrode(composition, phi).volume_fractions[conductor]
        sigma = float(electronic_conductivity(table_s4_material, 1.0 - f))
    lo, hi = conductivity_fit(table_s4_material).porosity_range
    return phi, f, sigma, not (lo <= 1.0 - f <= hi)


def main(outdir=None):
    """Draw the Figure 4d model into ``outdir``; return the list of PNG paths."""
    outdir = figures.output_dir(outdir, __file__)
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(12.5, 4.8))
    pressures = np.linspace(20, 400, 150)
    for label, (comp, compaction, conductor, s4, color) in ELECTRODES.items():
        p_data, phi_data = compaction_data(compaction)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ExtrapolationWarning)
            ax.plot(pressures, 100 * np.asarray(porosity(compaction, pressures)), color=color, lw=1.8,
                    label=f"{label}: porosity(pressure), pybamm_aea.energy.porosity")
        ax.plot(p_data, 100 * phi_data, "o", color=color, mfc="white", mew=1.8, label=f"{label}: Table S8")

        rows = [electrode_conductivity(comp, compaction, conductor, s4, p) for p in pressures]
        sigma = np.array([r[2] for r in rows])
        extrap = np.array([r[3] for r in rows])
        # solid where the effective porosity is inside the Table S4 window, dashed where the fit extrapolates
        ax2.semilogy(pressures, np.where(extrap, np.nan, sigma), color=color, lw=2.4)
        ax2.semilogy(pressures, np.where(extrap, sigma, np.nan), color=color, lw=1.6, ls="--",
                     label=f"{label}: {conductor} network, Table S4 law of {s4}")
        at_data = [electrode_conductivity(comp, compaction, conductor, s4, p) for p in p_data]
        ax2.semilogy(p_data, [r[2] for r in at_data], "o", color=color, mfc="white", mew=1.8,
                     label=f"{label}: at the Table S8 porosities")
        phi360, f360, s360, _ = electrode_conductivity(comp, compaction, conductor, s4, 360.0)
        ax2.annotate(f"{s360:.2g} S/cm at 360 MPa\n({100 * f360:.0f} vol% {conductor}, {100 * phi360:.1f} % pores)",
                     (360, s360), (110, 2.3) if "LMS" in label else (215, 0.22), textcoords="data", fontsize=8,
                     arrowprops=dict(arrowstyle="->", color=color))
    ax.set(xlabel="pressure (MPa)", ylabel="porosity (%)", ylim=(0, 60),
           title="(4d) porosity under pressure (Table S8)")
    ax.legend(fontsize=7.5)
    ax.grid(alpha=0.3)
    ax2.set(xlabel="pressure (MPa)", ylabel="electronic conductivity (S/cm)",
            title="model: conductor network at the compacted porosity")
    ax2.legend(fontsize=7.5, loc="lower right")
    ax2.grid(alpha=0.3, which="both")
    ax2.text(0.02, 0.97, "dashed: effective porosity outside the measured Table S4 window\n"
             "(the conductor's fitted law extrapolated)", transform=ax2.transAxes, fontsize=7.5, va="top")
    fig.tight_layout()
    return figures.save(fig, outdir / "fig4d_conductivity_vs_pressure.png")


if __name__ == "__main__":
    figures.run(main)
