"""Figures 5a-d of Li et al. 2021: hybrid AEA cathodes, profiles and cycling, Li vs Li-In.

- 5a: S-LMS vs Li, 1-3 V, 0.1C, 70 C: first three cycles, voltage vs ESC (mAh per g of the
  whole electrode); the paper's practical ESC 483 mAh/g after three cycles is marked.
- 5b,c: LTO-LMS (40 wt% Li4Ti5O12 in Mo6S8): profiles, with the 1.55 V plateau; paper ESC 130.
- 5d: cycling of S-LMS vs Li-In (calibrated "dispersed material degradation") next to LTO-LMS,
  with the paper's 76 % retention after 120 cycles (vs cycle 30).

Model only, with the paper's numbers as marks (its figures are not tabulated).
Run: ``python examples/fig5abcd_hybrids.py [OUTDIR]``.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pybamm  # noqa: E402

from pybamm_aea import AEA, figures  # noqa: E402
from pybamm_aea.cycling import cycle_summary  # noqa: E402

SLOW = True
N_CYCLES = 120


def profiles(parameter_set, low, high, n=3, options=None):
    experiment = pybamm.Experiment(
        [f"Discharge at 0.1C until {low} V", f"Charge at 0.1C until {high} V"] * n
    )
    sim = pybamm.Simulation(AEA(options), parameter_values=pybamm.ParameterValues(parameter_set), experiment=experiment)
    return [s for c in sim.solve().cycles for s in c.steps]


def plot_profiles(ax, steps, title, mark=None):
    mass_g = steps[0]["Cathode electrode mass [g]"].entries[0]
    for k, step in enumerate(steps):
        Q = step["Discharge capacity [A.h]"].entries
        esc = abs(Q - Q[0]) * 1e3 / mass_g
        ax.plot(esc, step["Voltage [V]"].entries, color=f"C{k // 2}", lw=1.2,
                label=f"cycle {k // 2 + 1}" if k % 2 == 0 else None)
    if mark:
        ax.axvline(mark, color="k", ls=":", label=f"paper: {mark} mAh/g")
    ax.set(xlabel="ESC [mAh g$^{-1}$ of electrode]", ylabel="voltage [V]", title=title)
    ax.legend(fontsize=8)


def cycling(parameter_set, options, n=N_CYCLES):
    experiment = pybamm.Experiment([("Discharge at 0.1C until 0.4 V", "Charge at 0.1C until 2.4 V")] * n)
    sim = pybamm.Simulation(AEA(options), parameter_values=pybamm.ParameterValues(parameter_set), experiment=experiment)
    return cycle_summary(sim.solve(save_at_cycles=[1, n]), reference_cycle=30)


def main(outdir=None):
    outdir = figures.output_dir(outdir, __file__)
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    plot_profiles(axes[0, 0], profiles("Li2021_S_Mo6S8", 1.0, 3.0), "5a: S-LMS vs Li", mark=483)
    plot_profiles(axes[0, 1], profiles("Li2021_LTO_Mo6S8", 1.0, 3.0), "5b,c: LTO-LMS vs Li", mark=130)
    axes[0, 1].axhline(1.55, color="grey", ls="--", lw=0.8)
    li_in = {"anode": "Li-In", "dispersed material degradation": "activation and contact loss"}
    s_lms = cycling("Li2021_S_Mo6S8", li_in)
    lto = cycling("Li2021_LTO_Mo6S8", dict(li_in, **{"ionic-switch host loss": "persistent Li0"}))
    for label, summary in (("S-LMS / Li-In", s_lms), ("LTO-LMS / Li-In", lto)):
        n = summary.index.to_numpy()
        axes[1, 0].plot(n, summary["Electrode specific capacity [mA.h.g-1]"], ".-", label=label)
        axes[1, 1].plot(n, summary["Capacity retention [%]"], ".-", label=label)
    axes[1, 1].plot([120], [76], "k*", ms=12, label="paper: S-LMS 76 % at 120")
    axes[1, 0].set(xlabel="cycle", ylabel="discharge ESC [mAh g$^{-1}$]", title="5d: cycling, 0.1C, 70 °C")
    axes[1, 1].set(xlabel="cycle", ylabel="retention vs cycle 30 [%]")
    axes[1, 0].legend(fontsize=8), axes[1, 1].legend(fontsize=8)
    print(f"S-LMS / Li-In: retention at cycle {N_CYCLES} vs 30: {s_lms['Capacity retention [%]'].iloc[-1]:.1f} % (paper 76 %)")
    fig.tight_layout()
    return figures.save(fig, outdir / "fig5abcd_hybrids.png", dpi=120)


if __name__ == "__main__":
    figures.run(main)
