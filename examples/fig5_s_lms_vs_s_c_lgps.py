"""S-LMS (AEA) vs the conventional S-C-LGPS composite cathode in one ``pybamm.Experiment``.

Li et al., Adv. Mater. 2021, 33, 2008723 (Figure 4e, Table S8) compare the dense hybrid S-LMS AEA cathode
(32.5 wt% S8 in Mo6S8, 8.2 % porosity at 360 MPa) with "a typical S-C/LGPS cathode" (32.5 wt% S, 17.5 wt% C,
50 wt% LGPS, 16.7 % porosity at 360 MPa) on theoretical Wh/L. Here both are *cells* run through the same
experiment (3 cycles at 0.1C between 1 and 3 V, 70 C, Li metal, the paper's LGPS | Li3PS4 separator pellet, the
same 0.538 mg S/cm2):

- S-LMS: the AEA model, ``pybamm_aea.AEA()`` with ``pybamm.ParameterValues("Li2021_S_Mo6S8")``;
- S-C-LGPS: PyBaMM's DFN half cell with :func:`pybamm_aea.conventional.s_c_lgps_parameter_values` (sulfur
  particles of 0.1 um in LGPS + carbon; the same sulfur OCP, capacity, accessible fraction and interface kinetics
  per area as the S-LMS set), plus three variants that bracket its assumptions: 10 nm particles (sulfur as finely
  divided as in S-LMS), 1 um particles, and 10 nm with *all* sulfur accessible (its best case).

Reported per cell, from the third discharge through :meth:`pybamm_aea.energy.Electrode.from_curve` (the compiled
``curve_energy`` kernel): ESC in mAh per g of the WHOLE electrode, electrode-level Wh/kg and Wh/L on the charged
basis (electrode as made) and on the discharged basis (S8 -> Li2S, Mo6S8 -> Li4Mo6S8, same porosity). Printed as a
table and drawn as ``fig5_s_lms_vs_s_c_lgps.png`` (voltage vs ESC; bars of Wh/kg and Wh/L).

Usage: ``python examples/fig5_s_lms_vs_s_c_lgps.py [OUTDIR]`` (default ``examples/figures/``).
"""
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
import numpy as np  # noqa: E402
import pybamm  # noqa: E402

import pybamm_aea  # noqa: E402
from pybamm_aea import conventional  # noqa: E402
from pybamm_aea.data import load_paper_table  # noqa: E402
from pybamm_aea.energy import paper  # noqa: E402
from pybamm_aea import figures  # noqa: E402

#: The one experiment both cells run (the paper: 0.1C, 1-3 V for S-LMS; ESC "after three cycles").
EXPERIMENT_STEPS = ["Discharge at 0.1C until 1 V", "Charge at 0.1C until 3 V"] * 3
#: S-C-LGPS variants: label -> keyword arguments of ``conventional.s_c_lgps_parameter_values``.
VARIANTS = {
    "S-C-LGPS, R = 10 nm": {"particle_radius_m": 10e-9},
    "S-C-LGPS, R = 1 um": {"particle_radius_m": 1e-6},
    "S-C-LGPS, R = 10 nm, all S accessible": {"particle_radius_m": 10e-9, "accessible_fraction": 1.0},
}
PRESSURE_MPA = 360.0


@dataclass
class CellResult:
    """One cell through the experiment.

    ``steps``: (kind, capacity_mAh from the step start, voltage_V) per step; ``practical``: the
    :class:`pybamm_aea.energy.PracticalEnergy` of the last discharge; ``sulfur_mAh_per_g``: what the sulfur
    delivered in it, per g of S8 in the electrode; ``solution``: the PyBaMM solution.
    """

    name: str
    electrode: object
    mass_g: float
    thickness_um: float
    steps: list
    practical: object
    sulfur_mAh_per_g: float
    discharge_capacities_mAh: list = field(default_factory=list)
    solution: object = None


def _steps(solution):
    out = []
    for step in [s for c in solution.cycles for s in c.steps]:
        Q = step["Discharge capacity [A.h]"].entries * 1e3
        V = step["Voltage [V]"].entries
        kind = "discharge" if Q[-1] > Q[0] else "charge"
        out.append((kind, np.abs(Q - Q[0]), V, step))
    return out


def run_s_lms(experiment):
    """The S-LMS AEA cell (``Li2021_S_Mo6S8``) through ``experiment``."""
    values = pybamm.ParameterValues("Li2021_S_Mo6S8")
    sol = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=experiment).solve()
    steps = _steps(sol)
    last = [s for s in steps if s[0] == "discharge"][-1]
    step = last[3]
    mass_g = float(step["Cathode electrode mass [g]"].entries[0])
    electrode = paper.slms_electrode(values["Cathode porosity"])
    practical = electrode.from_curve(last[1], last[2], mass_g)
    z = step["Average dispersed material lithiation"].entries
    q_D = step["Dispersed material capacity [A.h]"].entries[0] * 1e3
    sulfur = (z[-1] - z[0]) * q_D / (paper.SLMS_COMPOSITION["S8"] * mass_g)
    return CellResult(
        name="S-LMS (AEA)", electrode=electrode, mass_g=mass_g,
        thickness_um=mass_g / (electrode.density * paper.SLMS_PRACTICAL["area_cm2"]) * 1e4,
        steps=[s[:3] for s in steps], practical=practical, sulfur_mAh_per_g=float(sulfur),
        discharge_capacities_mAh=[float(s[1][-1]) for s in steps if s[0] == "discharge"], solution=sol,
    )


def run_s_c_lgps(experiment, name="S-C-LGPS", **kwargs):
    """The S-C-LGPS DFN half cell through ``experiment`` (``kwargs`` to ``s_c_lgps_parameter_values``)."""
    sol = conventional.s_c_lgps_simulation(experiment, pressure_MPa=PRESSURE_MPA, **kwargs).solve()
    steps = _steps(sol)
    last = [s for s in steps if s[0] == "discharge"][-1]
    mass_g = conventional.electrode_mass_g(kwargs.get("loading_mg_cm2"))
    electrode = conventional.s_c_lgps_electrode(PRESSURE_MPA)
    practical = electrode.from_curve(last[1], last[2], mass_g)
    # all of this electrode's capacity is sulfur's
    sulfur = practical.capacity_mAh / (conventional.COMPOSITION["S8"] * mass_g)
    return CellResult(
        name=name, electrode=electrode, mass_g=mass_g,
        thickness_um=mass_g / (electrode.density * paper.SLMS_PRACTICAL["area_cm2"]) * 1e4,
        steps=[s[:3] for s in steps], practical=practical, sulfur_mAh_per_g=float(sulfur),
        discharge_capacities_mAh=[float(s[1][-1]) for s in steps if s[0] == "discharge"], solution=sol,
    )


def compare(steps=EXPERIMENT_STEPS, variants=True):
    """Run the experiment on S-LMS, S-C-LGPS and (``variants``) the S-C-LGPS variants; dict name -> CellResult."""
    experiment = pybamm.Experiment(list(steps))
    results = {"S-LMS": run_s_lms(experiment), "S-C-LGPS": run_s_c_lgps(experiment, name="S-C-LGPS, R = 0.1 um")}
    if variants:
        for label, kwargs in VARIANTS.items():
            results[label] = run_s_c_lgps(experiment, name=label, **kwargs)
    return results


def table_s8_ratio(pressure_MPa=PRESSURE_MPA):
    """Theoretical Wh/L of S-LMS and S-C-LGPS at a pressure of Table S8 (shipped CSV) and their ratio."""
    t = load_paper_table("tableS8_energy_vs_pressure").set_index("pressure_MPa").loc[pressure_MPa]
    lms, sc = float(t["S_LMS_energy_Wh_per_L"]), float(t["S_C_LGPS_energy_Wh_per_L"])
    return lms, sc, sc / lms


def format_table(results):
    """The side-by-side table (str): S-LMS, S-C-LGPS and their ratio, then the variants' key figures."""
    a, b = results["S-LMS"], results["S-C-LGPS"]
    rows = [
        ("electrode mass (mg)", lambda r: r.mass_g * 1e3, "{:.3f}"),
        ("electrode density (g/cm3)", lambda r: r.electrode.density, "{:.3f}"),
        ("porosity (Table S8, 360 MPa)", lambda r: r.electrode.porosity, "{:.3f}"),
        ("thickness (um)", lambda r: r.thickness_um, "{:.1f}"),
        ("sulfur delivers (mAh/g S8)", lambda r: r.sulfur_mAh_per_g, "{:.0f}"),
        ("capacity, 3rd discharge (mAh)", lambda r: r.practical.capacity_mAh, "{:.4f}"),
        ("mean discharge voltage (V)", lambda r: r.practical.average_voltage, "{:.3f}"),
        ("ESC charged (mAh/g electrode)", lambda r: r.practical.charged.specific_capacity, "{:.1f}"),
        ("Wh/kg charged", lambda r: r.practical.charged.gravimetric, "{:.1f}"),
        ("Wh/L charged", lambda r: r.practical.charged.volumetric, "{:.1f}"),
        ("ESC discharged (mAh/g electrode)", lambda r: r.practical.discharged.specific_capacity, "{:.1f}"),
        ("Wh/kg discharged", lambda r: r.practical.discharged.gravimetric, "{:.1f}"),
        ("Wh/L discharged", lambda r: r.practical.discharged.volumetric, "{:.1f}"),
    ]
    w0 = max(len(r[0]) for r in rows) + 2
    lines = [f"{'':<{w0}}{'S-LMS (AEA)':>14}{'S-C-LGPS':>14}{'ratio':>9}"]
    for label, get, fmt in rows:
        x, y = get(a), get(b)
        ratio = f"{y / x:9.3f}" if x else f"{'':>9}"
        lines.append(f"{label:<{w0}}{fmt.format(x):>14}{fmt.format(y):>14}{ratio}")
    lms, sc, r = table_s8_ratio()
    lines.append(f"{'Table S8 theoretical Wh/L':<{w0}}{lms:>14.1f}{sc:>14.1f}{r:9.3f}")
    lines.append("")
    header = f"{'S-C-LGPS and variants, charged basis':<42}{'ESC':>8}{'V':>7}{'Wh/kg':>8}{'Wh/L':>8}"
    lines.append(header + f"{'Wh/L / S-LMS':>14}")
    for name, res in results.items():
        if name in ("S-LMS",):
            continue
        p = res.practical
        lines.append(
            f"  {res.name:<40}{p.charged.specific_capacity:>8.1f}{p.average_voltage:>7.3f}{p.charged.gravimetric:>8.1f}"
            f"{p.charged.volumetric:>8.1f}{p.charged.volumetric / a.practical.charged.volumetric:>14.3f}"
        )
    return "\n".join(lines)


def _plot(results, path):
    a = results["S-LMS"]
    fig, (ax, axb) = plt.subplots(1, 2, figsize=(13, 5.4))
    colors = {"S-LMS": "#d62728", "S-C-LGPS": "#1f77b4"}
    variant_styles = [(":", "#17becf"), ("--", "#7f7f7f"), ("-.", "#9467bd")]
    for name, res in results.items():
        mass = res.mass_g
        n_dis = sum(1 for k, _, _ in res.steps if k == "discharge")
        i_dis = 0
        main_cell = name in colors
        style = ("-", colors[name]) if main_cell else variant_styles[(list(results).index(name) - 2) % 3]
        for kind, Q, V in res.steps:
            if kind == "discharge":
                i_dis += 1
            last_cycle = i_dis == n_dis
            if not last_cycle:
                continue
            if not main_cell and kind == "charge":
                continue
            if kind == "discharge":
                ax.plot(Q / mass, V, style[0], color=style[1], lw=2.0 if main_cell else 1.2,
                        label=f"{res.name}, cycle {n_dis}")
            else:
                ax.plot(Q / mass, V, "-", color=style[1], lw=1.0, alpha=0.55)
    ax.set(xlabel="capacity (mAh per g of the whole electrode)", ylabel="voltage vs Li (V)", ylim=(0.9, 3.1),
           title="Same experiment: 0.1C, 1-3 V, 70 C (3rd cycle; faint: charge)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower left")

    # bars: Wh/kg and Wh/L, charged and discharged basis
    b = results["S-C-LGPS"]
    variants = [r for n, r in results.items() if n not in ("S-LMS", "S-C-LGPS")]
    groups = [("Wh/kg", "gravimetric"), ("Wh/L", "volumetric")]
    width = 0.18
    for gi, (glabel, attr) in enumerate(groups):
        for ci, (res, color) in enumerate(((a, colors["S-LMS"]), (b, colors["S-C-LGPS"]))):
            for bi, basis in enumerate(("charged", "discharged")):
                x = gi + (ci * 2 + bi - 1.5) * width
                val = getattr(getattr(res.practical, basis), attr)
                axb.bar(x, val, width * 0.92, color=color, alpha=1.0 if basis == "charged" else 0.55,
                        hatch=None if basis == "charged" else "//", edgecolor="white")
                axb.text(x, 30, f"{val:.0f}", ha="center", fontsize=8, rotation=90, va="bottom", color="white",
                         fontweight="bold")
                if res is b and variants:
                    vals = [getattr(getattr(v.practical, basis), attr) for v in variants]
                    axb.errorbar(x, val, yerr=[[max(val - min(vals), 0)], [max(max(vals) - val, 0)]], fmt="none",
                                 ecolor="black", capsize=3, lw=1)
    lms_th, sc_th, _ = table_s8_ratio()
    axb.plot([1 - 1.5 * width, 1 + 0.5 * width], [lms_th, sc_th], "k*", ms=10,
             label="Table S8 theoretical Wh/L (360 MPa)")
    pr = paper.slms_practical_electrode()
    pr_c = pr.energy_density()
    s9 = load_paper_table("tableS9_electrode_energy").set_index("material").loc["Li2S-LMS"]
    axb.plot([0 - 1.5 * width, 0 - 0.5 * width, 1 - 1.5 * width, 1 - 0.5 * width],
             [pr_c.gravimetric, float(s9["EG_Wh_per_kg"]), pr_c.volumetric, float(s9["EG_Wh_per_L"])], "kD", ms=6,
             mfc="white", label="paper, S-LMS practical (charged 905.5 / 2778; discharged 777 / 1945)")
    handles, _ = axb.get_legend_handles_labels()
    handles += [
        Patch(color=colors["S-LMS"], label="S-LMS (AEA model)"),
        Patch(color=colors["S-C-LGPS"], label="S-C-LGPS (PyBaMM DFN, R = 0.1 um)"),
        Patch(facecolor="gray", alpha=0.55, hatch="//", edgecolor="white", label="hatched: discharged basis"),
        Line2D([], [], color="black", marker="_", ms=8, lw=1,
               label="whiskers: S-C-LGPS variants (R 10 nm - 1 um; all S accessible)"),
    ]
    r_model = b.practical.charged.volumetric / a.practical.charged.volumetric
    axb.set_xticks([0, 1], [f"{g} of electrode" for g, _ in groups])
    axb.set(ylabel="electrode-level energy density", ylim=(0, 6000),
            title="Electrode-level energy, 3rd discharge (charged / discharged basis)\n"
                  f"Wh/L S-C-LGPS / S-LMS: model {r_model:.2f} (charged basis), Table S8 {sc_th / lms_th:.2f}")
    axb.legend(handles=handles, fontsize=7.5, loc="upper left")
    axb.grid(alpha=0.3, axis="y")
    fig.tight_layout()
    return figures.save(fig, path)


def main(outdir=None, results=None):
    """Run (or reuse ``results`` of :func:`compare`), print the table, write the PNG; return [PNG path]."""
    outdir = figures.output_dir(outdir, __file__)
    if results is None:
        results = compare()
    print(format_table(results))
    return _plot(results, outdir / "fig5_s_lms_vs_s_c_lgps.png")


if __name__ == "__main__":
    figures.run(main)
