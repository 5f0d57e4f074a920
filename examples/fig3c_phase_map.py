"""Figure 3c of Li et al., Adv. Mater. 2021: phase transformations of the LMS AEA cathode during its first cycle.

The paper follows the Li0 (Mo6S8), Li1, Li3 and Li4 phases by in-situ XRD (normalised intensity of the (21-2)
peaks, Fig. 3c middle) next to the charge-discharge profile (Fig. 3c right). The model's counterpart: the AEA model
(``Li2021_Mo6S8``, 1.5 mg/cm2, 0.1C, 70 C) runs the first cycle from the Li-free Mo6S8 as assembled (discharge to
1.8 V, charge to 2.8 V) on its default multi-phase host; the electrode-averaged phase fractions are the phase state
(each mesh cell's Li content in a window of the free energy's binodals is that phase, a cell inside a diffuse phase
boundary is split by the lever rule across it), integrated over the mesh with the compiled kernel
(:func:`pybamm_aea.phases.average_phase_fractions` with ``MO6S8_PHASE_FIELD_WINDOWS``; the lever-rule host's line
compounds with ``MO6S8_WINDOWS``). Left: stacked areas of the phase
fractions vs time (time running downwards, as the paper draws it); right: the voltage on the same time axis.

The four stages of the paper are marked: I (Li0 -> Li1, 2.3 V plateau), II (Li1 -> Li3 -> Li4, 2.05 V), III (charge,
Li4 -> Li3 -> Li1), IV (end of charge: Li0 nucleates at the separator, the "ionic switch", and Li1 stays in the
bulk; model: 87 % Li1, 13 % Li0 after the charge). On the 2.3 V plateau the voltage oscillates by about
+-50 mV: on the default 20-cell mesh the Li0/Li1 front advances cell by cell, each cell nucleating over the
loop of the free energy (:mod:`pybamm_aea.models.submodels.host_phase_field`; finer with ``var_pts``). Stage boundaries are read from the model's phase fractions (Li0 gone, end of discharge, Li1 back at
its maximum).

Usage: ``python examples/fig3c_phase_map.py [OUTDIR]`` (default ``examples/figures/``).
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from pybamm_aea import figures  # noqa: E402

SLOW = False
PHASE_COLORS = {"Li0": "#7f7f7f", "Li1": "#2ca02c", "Li3": "#ff7f0e", "Li4": "#d62728"}


def simulate_first_cycle(parameter_set="Li2021_Mo6S8", c_rate=0.1, options=None):
    """The first cycle (discharge from Mo6S8, then charge) of an LMS set; returns the PyBaMM solution."""
    import pybamm

    from pybamm_aea import AEA

    values = pybamm.ParameterValues(parameter_set)
    low, high = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
    experiment = pybamm.Experiment(
        [f"Discharge at {c_rate:g}C until {low:g} V", f"Charge at {c_rate:g}C until {high:g} V"], period="1 minute"
    )
    return pybamm.Simulation(AEA(options), parameter_values=values, experiment=experiment).solve()


def stages(t_h, fractions, t_end_discharge_h):
    """Boundaries (h) of stages I-IV from the phase fractions (columns Li0, Li1, Li3, Li4)."""
    li0, li1 = fractions[:, 0], fractions[:, 1]
    dis = t_h <= t_end_discharge_h
    gone = np.flatnonzero(dis & (li0 < 0.02))
    t1 = t_h[gone[0]] if gone.size else t_end_discharge_h / 4
    cha = np.flatnonzero(~dis)
    t3 = t_h[cha[np.argmax(li1[cha])]] if cha.size else t_h[-1]
    return [(0.0, t1, "I"), (t1, t_end_discharge_h, "II"), (t_end_discharge_h, t3, "III"), (t3, t_h[-1], "IV")]


def main(outdir=None):
    """Draw the Figure 3c phase map into ``outdir``; return the list of PNG paths."""
    from pybamm_aea.phases import MO6S8_PHASE_FIELD_WINDOWS, MO6S8_PHASES, MO6S8_WINDOWS, average_phase_fractions

    outdir = figures.output_dir(outdir, __file__)
    solution = simulate_first_cycle()
    multi_phase = solution.all_models[0].options["host thermodynamics"] == "multi-phase"
    t_s, fractions = average_phase_fractions(solution, MO6S8_PHASE_FIELD_WINDOWS if multi_phase else MO6S8_WINDOWS)
    t_h = np.asarray(t_s) / 3600.0
    voltage = solution["Voltage [V]"](t_s)
    t_end_dis = solution.cycles[0].steps[0]["Time [s]"].entries[-1] / 3600.0

    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(10.5, 6.4), sharey=True, gridspec_kw={"width_ratios": [1.3, 1]})
    left = np.zeros_like(t_h)
    for k, name in enumerate(MO6S8_PHASES):
        right = left + fractions[:, k]
        ax.fill_betweenx(t_h, left, right, color=PHASE_COLORS.get(name), alpha=0.85, lw=0,
                         label=f"{name} (Li{name[2:]}Mo6S8)" if name != "Li0" else "Li0 (Mo6S8)")
        left = right
    ax.set(xlim=(0, 1), xlabel="electrode-averaged phase fraction", ylabel="time (h)",
           title=f"(3c) model phase map ({'phase state' if multi_phase else 'lever rule'}, compiled kernel)")
    ax.legend(fontsize=8, loc="lower left", framealpha=0.9)
    ax2.plot(voltage, t_h, color="black", lw=1.8)
    ax2.set(xlabel="voltage (V vs Li/Li+)", title="voltage, 0.1C, 70 C")
    ax2.grid(alpha=0.3)
    for t0, t1, label in stages(t_h, fractions, t_end_dis):
        for a in (ax, ax2):
            a.axhline(t1, color="white" if a is ax else "0.5", lw=1, ls="--")
        ax2.annotate(f"stage {label}", (ax2.get_xlim()[1], 0.5 * (t0 + t1)), (-6, 0), textcoords="offset points",
                     ha="right", va="center", fontsize=9, color="#1f3b73")
    ax2.axhline(t_end_dis, color="#d62728", lw=1)
    ax2.annotate("discharge | charge", (ax2.get_xlim()[0], t_end_dis), (4, 4), textcoords="offset points", fontsize=8,
                 color="#d62728")
    ax.invert_yaxis()  # time runs downwards, as in the paper
    fig.tight_layout()
    return figures.save(fig, outdir / "fig3c_phase_map.png")


if __name__ == "__main__":
    figures.run(main)
