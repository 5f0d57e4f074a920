"""Command line of pybamm-aea: ``pybamm-aea`` / ``python -m pybamm_aea``.

Without a subcommand it runs the built-in comparison (:func:`run_comparison`): AEA cells and a conventional
liquid Li-ion half cell through the same kind of PyBaMM experiment (a formation discharge and charge/discharge
cycles at 0.1C), with electrode-level ESC, Wh/kg, Wh/L, cell-level Wh/kg and Wh/L, capacity retention, and
figures in a folder. Subcommands:

- ``energy``    composition + porosity (or stack pressure) -> theoretical energy table (charged and discharged basis)
- ``simulate``  a parameter set + PyBaMM experiment strings -> time series (CSV or Parquet), step summary, plot
- ``reproduce`` every figure script of ``examples/`` into a folder
- ``sweep``     a design grid through :func:`pybamm_aea.sweep.sweep` (local processes or Dask)

Every argument is explained, with its unit, by ``--help`` at each level.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field
import json
import math
import os
from pathlib import Path
import sys
import time

from . import figures

__all__ = [
    "CellSpec",
    "CELL_SPECS",
    "build_parser",
    "formation_experiment",
    "main",
    "run_comparison",
    "parse_composition",
    "parse_grid_entry",
]

DEFAULT_OUT = "aea_output"


# ============================================================================================ the built-in comparison
def formation_experiment(low, high, cycles=3, c_rate=0.1):
    """PyBaMM experiment: a formation discharge, then ``cycles`` x (charge, discharge), all at ``c_rate``.

    ``low``/``high`` are the voltage cut-offs (V). The AEA cathodes are assembled Li-free (charged), as is the
    Xu2019 NMC half cell (initial stoichiometry 0.1), so every cell starts with a discharge.
    """
    import pybamm

    dis = f"Discharge at {c_rate:g}C until {low:g} V"
    cha = f"Charge at {c_rate:g}C until {high:g} V"
    return pybamm.Experiment([dis] + [(cha, dis)] * int(cycles))


@dataclass
class CellSpec:
    """One row of the built-in comparison.

    Attributes
    ----------
    label : str
        Row label.
    simulation : str or callable
        A registered parameter set name (run with :class:`pybamm_aea.AEA` and ``options``), or a callable
        ``experiment -> pybamm.Simulation`` for any other model.
    experiment : pybamm.Experiment or callable, optional
        The experiment, or a callable ``(low_V, high_V, cycles) -> pybamm.Experiment``. Default:
        :func:`formation_experiment` with ``cutoffs``.
    cutoffs : (float, float) or callable, optional
        Lower and upper voltage cut-offs (V), or a callable returning them; default: the set's
        ``"Lower/Upper voltage cut-off [V]"``.
    options : dict, optional
        AEA model options (when ``simulation`` is a set name).
    electrode : callable, optional
        ``(solution, parameter_values) -> (mass_g, volume_L, Electrode)``: mass (g) and volume (L) of the whole
        cathode electrode and its make-up (:class:`pybamm_aea.energy.Electrode`) for the cell-level figures.
        Default: the AEA model's ``"Cathode electrode mass [g]"`` / ``"Cathode electrode volume [L]"`` variables
        and the set's composition (:data:`pybamm_aea.sweep.SET_COMPOSITIONS`) at its porosity.
    stack : str
        :func:`pybamm_aea.energy.cell_preset` stack for the cell-level figures (at :data:`CELL_AREAL_CAPACITY`).
    paper_row : str or callable, optional
        The paper's figures shown beside the model: a row of Table S9 (ESC, Wh/kg, Wh/L, read from the shipped
        CSV), or a callable returning ``(ESC mAh/g, Wh/kg, Wh/L)``.
    note : str
        Free text printed under the table.
    """

    label: str
    simulation: str | Callable
    experiment: object = None
    cutoffs: tuple | Callable | None = None
    options: dict = field(default_factory=dict)
    electrode: Callable | None = None
    stack: str = "practical target"
    paper_row: str | Callable | None = None
    note: str = ""

    def parameter_values(self):
        import pybamm

        if isinstance(self.simulation, str):
            return pybamm.ParameterValues(self.simulation)
        return None

    def build(self, cycles):
        """The ``pybamm.Simulation`` of this row with its experiment."""
        import pybamm

        values = self.parameter_values()
        if callable(self.cutoffs):
            low, high = self.cutoffs()
        elif self.cutoffs is not None:
            low, high = self.cutoffs
        else:
            low, high = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
        if self.experiment is None:
            experiment = formation_experiment(low, high, cycles)
        elif callable(self.experiment):
            experiment = self.experiment(low, high, cycles)
        else:
            experiment = self.experiment
        if isinstance(self.simulation, str):
            from pybamm_aea import AEA

            return pybamm.Simulation(AEA(self.options), parameter_values=values, experiment=experiment)
        return self.simulation(experiment)


#: cell-level comparison at this areal capacity (mAh/cm2), the same for every cathode
CELL_AREAL_CAPACITY = 3.0


def _aea_electrode(set_name):
    def electrode(solution, values):
        from pybamm_aea.energy import Electrode
        from pybamm_aea.sweep import SET_COMPOSITIONS

        mass_g = float(solution["Cathode electrode mass [g]"].entries[0])
        volume_L = float(solution["Cathode electrode volume [L]"].entries[0])
        comp = SET_COMPOSITIONS.get(set_name)
        comp = comp(None) if callable(comp) else comp
        make_up = Electrode(comp, float(values["Cathode porosity"]), name=set_name) if comp else None
        return mass_g, volume_L, make_up

    return electrode


def _xu2019_simulation(experiment):
    """PyBaMM's DFN half cell (NMC532 | liquid electrolyte | Li) with the Xu2019 set."""
    import pybamm

    model = pybamm.lithium_ion.DFN({"working electrode": "positive"})
    return pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("Xu2019"), experiment=experiment)


def _xu2019_cutoffs():
    import pybamm

    values = pybamm.ParameterValues("Xu2019")
    return float(values["Lower voltage cut-off [V]"]), float(values["Upper voltage cut-off [V]"])


def xu2019_electrode(solution, values=None):
    """Mass (g) and volume (L) of the whole Xu2019 NMC electrode with the Table S2 liquid make-up.

    The DFN holds ``c_max * eps_AM * L * A`` mol of NMC formula units (Xu2019 has no density): the active mass is
    that times the NMC molar mass of the materials library (96.55 g/mol, NMC532). Table S2's liquid NMC electrode
    (93 % NMC, 4 % carbon, 3 % binder, 30 % porosity filled with 1.2 g/cm3 electrolyte; :func:`pybamm_aea.energy.
    paper.table_s2_electrode`) turns it into the whole electrode: mass = active mass / active mass fraction (81.1 %),
    volume = mass / electrode density (2.81 g/cm3).
    """
    import pybamm

    from pybamm_aea.energy import get_material
    from pybamm_aea.energy.paper import table_s2_electrode

    values = values if values is not None else pybamm.ParameterValues("Xu2019")
    c_max = float(values["Maximum concentration in positive electrode [mol.m-3]"])
    eps = float(values["Positive electrode active material volume fraction"])
    thickness = float(values["Positive electrode thickness [m]"])
    area = float(values["Electrode width [m]"]) * float(values["Electrode height [m]"])
    active_g = c_max * eps * thickness * area * get_material("NMC").molar_mass
    make_up = table_s2_electrode("NMC")
    mass_g = active_g / make_up.mass_fractions["NMC"]
    volume_L = mass_g / make_up.density / 1000.0
    return mass_g, volume_L, make_up


def slms_practical_figures():
    """The paper's practical S-LMS electrode, charged basis: (483.8 mAh/g, 905.5 Wh/kg, 2778 Wh/L).

    From :func:`pybamm_aea.energy.paper.slms_practical_electrode` (0.6289 mAh from 1.3 mg at 8.15 % porosity, the
    SI calculation model (c)); Table S9's "Li2S-LMS" row is the same electrode on the discharged basis.
    """
    from pybamm_aea.energy.paper import slms_practical_electrode

    ed = slms_practical_electrode().energy_density()
    return ed.specific_capacity, ed.gravimetric, ed.volumetric


def _s_c_lgps_simulation(experiment):
    """The conventional S-C/LGPS composite cathode (PyBaMM DFN half cell, :mod:`pybamm_aea.conventional`)."""
    from pybamm_aea import conventional

    return conventional.s_c_lgps_simulation(experiment)


def _s_c_lgps_electrode(solution, values=None):
    """Mass (g), volume (L) and make-up of the S-C/LGPS electrode of :mod:`pybamm_aea.conventional`."""
    from pybamm_aea import conventional

    make_up = conventional.s_c_lgps_electrode()
    mass_g = conventional.electrode_mass_g()
    return mass_g, mass_g / make_up.density / 1000.0, make_up


#: Rows of the built-in comparison. Add rows (e.g. hybrid S-LMS, S-C/LGPS) by appending CellSpec objects.
CELL_SPECS = [
    CellSpec("AEA LMS (Mo6S8)", "Li2021_Mo6S8", electrode=_aea_electrode("Li2021_Mo6S8"), paper_row="Mo6S8",
             note="paper (text): 130 mAh/g first discharge, 90 reversible, 89 % after 50 cycles vs the 2nd"),
    CellSpec("AEA LTS (TiS2)", "Li2021_TiS2", electrode=_aea_electrode("Li2021_TiS2"), paper_row="TiS2",
             note="paper (text): 213 mAh/g first discharge, >180 reversible"),
    CellSpec("AEA S-LMS (32.5 % S8 + Mo6S8)", "Li2021_S_Mo6S8", electrode=_aea_electrode("Li2021_S_Mo6S8"),
             paper_row=slms_practical_figures,
             note="paper: ESC 483 mAh/g after three cycles, 905.5 Wh/kg and 2778 Wh/L of electrode (charged basis, "
                  "SI calculation model (c)); 1-3 V"),
    CellSpec("S-C/LGPS composite (DFN)", _s_c_lgps_simulation, cutoffs=(1.0, 3.0), electrode=_s_c_lgps_electrode,
             note="conventional all-solid-state S cathode, 32.5 % S / 17.5 % C / 50 % LGPS at 360 MPa (16.7 % "
                  "pores), PyBaMM DFN half cell of pybamm_aea.conventional, 70 C, 1-3 V; no measured counterpart "
                  "in the paper"),
    CellSpec("Liquid NMC532 half cell (DFN, Xu2019)", _xu2019_simulation, cutoffs=_xu2019_cutoffs,
             electrode=xu2019_electrode, stack="liquid LIB", paper_row="NMC",
             note="PyBaMM DFN {'working electrode': 'positive'} + ParameterValues('Xu2019'), 25 C, 3.5-4.2 V; per "
                  "g of the whole electrode with Table S2's liquid NMC make-up (carbon, binder, electrolyte-filled "
                  "pores). Xu2019's NMC cycles ~0.87 Li per formula unit (~240 mAh/g of NMC), more than the 170 "
                  "mAh/g behind Table S9's row"),
]


def _temperature_C(solution):
    import numpy as np

    try:
        return float(np.mean(solution["Ambient temperature [K]"].entries)) - 273.15
    except KeyError:
        return float("nan")


def _row_metrics(spec, solution, values, wall):
    """Figures of merit of one comparison row."""
    from pybamm_aea.energy import Electrode, cell_preset
    from pybamm_aea.sweep import discharge_steps

    electrode = spec.electrode or _aea_electrode(spec.simulation)
    mass_g, volume_L, make_up = electrode(solution, values)
    dis = discharge_steps(solution)
    q = [d[0] for d in dis]
    e_last = dis[-1][1]
    esc = q[-1] * 1e3 / mass_g
    v_mean = e_last / q[-1]
    row = {
        "cell": spec.label,
        "T [C]": _temperature_C(solution),
        "first discharge ESC [mA.h.g-1]": q[0] * 1e3 / mass_g,
        "ESC [mA.h.g-1]": esc,
        "average voltage [V]": v_mean,
        "electrode [W.h.kg-1]": e_last * 1e3 / mass_g,
        "electrode [W.h.L-1]": e_last / volume_L,
        "cell [W.h.kg-1]": float("nan"),
        "cell [W.h.L-1]": float("nan"),
        # vs the first discharge after formation (the paper's "compared with the 2nd cycle")
        "capacity retention": q[-1] / q[1] if len(q) >= 2 else float("nan"),
        "discharges": len(q),
        "solve [s]": wall,
    }
    if make_up is not None:
        # the electrode with the simulated capacity and voltage, in a stack at CELL_AREAL_CAPACITY
        factor = esc / make_up.specific_capacity
        active = [m for m in make_up.composition if make_up.capacity_of(m) > 0]
        cathode = Electrode({make_up.materials[m]: w for m, w in make_up.composition.items()}, make_up.porosity,
                            pore_filler=make_up.pore_filler,
                            capacities={m: make_up.capacity_of(m) * factor for m in active},
                            voltages={m: v_mean for m in active}, name=spec.label)
        cell = cell_preset(spec.stack, cathode=cathode, areal_capacity_mAh_cm2=CELL_AREAL_CAPACITY)
        ed = cell.energy_density()
        row["cell [W.h.kg-1]"] = ed.gravimetric
        row["cell [W.h.L-1]"] = ed.volumetric
    if callable(spec.paper_row):
        row["paper ESC [mA.h.g-1]"], row["paper [W.h.kg-1]"], row["paper [W.h.L-1]"] = spec.paper_row()
    elif spec.paper_row is not None:
        from pybamm_aea.data import load_paper_table

        s9 = load_paper_table("tableS9_electrode_energy").set_index("material")
        row["paper ESC [mA.h.g-1]"] = float(s9.loc[spec.paper_row, "ESC_mAh_per_g"])
        row["paper [W.h.kg-1]"] = float(s9.loc[spec.paper_row, "EG_Wh_per_kg"])
        row["paper [W.h.L-1]"] = float(s9.loc[spec.paper_row, "EG_Wh_per_L"])
    return row



def _format_table(df):
    cols = [
        ("cell", "cell", "{}", 40), ("T [C]", "T [C]", "{:.0f}", 6),
        ("first discharge ESC [mA.h.g-1]", "1st ESC", "{:.1f}", 8), ("ESC [mA.h.g-1]", "ESC", "{:.1f}", 7),
        ("electrode [W.h.kg-1]", "Wh/kg", "{:.0f}", 7), ("electrode [W.h.L-1]", "Wh/L", "{:.0f}", 7),
        ("cell [W.h.kg-1]", "Wh/kg", "{:.0f}", 7), ("cell [W.h.L-1]", "Wh/L", "{:.0f}", 7),
        ("capacity retention", "retention", "{:.1%}", 10), ("paper ESC [mA.h.g-1]", "ESC", "{:.1f}", 7),
        ("paper [W.h.kg-1]", "Wh/kg", "{:.0f}", 7), ("paper [W.h.L-1]", "Wh/L", "{:.0f}", 7),
        ("solve [s]", "solve [s]", "{:.2f}", 10),
    ]
    groups = (
        f"{'':<40}{'':>6}{'-- electrode, mAh/g and last discharge --':>43}{'- cell -':>14}{'':>10}"
        f"{'------ paper ------':>21}"
    )
    header = "".join(f"{h:<{w}}" if k == "cell" else f"{h:>{w}}" for k, h, _, w in cols)
    lines = [groups, header]
    for rec in df.to_dict("records"):
        cells = []
        for k, _, fmt, w in cols:
            v = rec.get(k)
            if v is None or (isinstance(v, float) and math.isnan(v)):
                s = "-"
            else:
                s = fmt.format(v)
            cells.append(f"{s:<{w}}" if k == "cell" else f"{s:>{w}}")
        lines.append("".join(cells))
    return "\n".join(lines)


def _comparison_figures(results, out):
    from pybamm_aea.cycling import iter_steps
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np


    paths = []
    n = len(results)
    ncols = min(n, 2)
    nrows = -(-n // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(6.2 * ncols, 4.4 * nrows), squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    for ax, (spec, solution, values, row) in zip(axes.flat, results):
        electrode = spec.electrode or _aea_electrode(spec.simulation)
        mass_g = electrode(solution, values)[0]
        colors = plt.cm.viridis(np.linspace(0, 0.85, max(1, len(solution.cycles))))
        for cycle_number, _, step in iter_steps(solution):
            ic = cycle_number - 1
            Q = step["Discharge capacity [A.h]"].entries
            V = step["Voltage [V]"].entries
            q = np.abs(Q - Q[0]) * 1e3 / mass_g
            charge = np.nanmean(step["Current [A]"].entries) < 0
            label = None
            if ic in (0, 1, len(solution.cycles) - 1):
                label = ("formation discharge" if ic == 0 else f"cycle {ic} {'charge' if charge else 'discharge'}")
            ax.plot(q, V, color=colors[ic], ls="--" if charge else "-", lw=1.6, label=label)
        ax.set(xlabel="capacity (mAh per g of electrode)", ylabel="voltage (V vs Li/Li+)",
               title=f"{spec.label}\nESC {row['ESC [mA.h.g-1]']:.0f} mAh/g, {row['T [C]']:.0f} C, 0.1C")
        ax.legend(fontsize=7)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    paths += figures.save(fig, out / "comparison_voltage_profiles.png", dpi=130)

    fig, axes = plt.subplots(1, 3, figsize=(15, 4.6))
    labels = [row["cell"] for *_, row in results]
    x = np.arange(len(labels))
    panels = (
        ("ESC [mA.h.g-1]", None, "paper ESC [mA.h.g-1]", "ESC (mAh per g of electrode)"),
        ("electrode [W.h.kg-1]", "cell [W.h.kg-1]", "paper [W.h.kg-1]", "gravimetric energy (Wh/kg)"),
        ("electrode [W.h.L-1]", "cell [W.h.L-1]", "paper [W.h.L-1]", "volumetric energy (Wh/L)"),
    )
    for ax, (key, cell_key, paper_key, ylabel) in zip(axes, panels):
        model = [row.get(key, np.nan) for *_, row in results]
        paper = [row.get(paper_key, np.nan) for *_, row in results]
        w = 0.27
        ax.bar(x - w, model, w, label="model, electrode", color="#1f77b4")
        if cell_key is not None:
            cell = [row.get(cell_key, np.nan) for *_, row in results]
            ax.bar(x, cell, w, label=f"model, cell ({CELL_AREAL_CAPACITY:g} mAh/cm2 stack)", color="#ff7f0e")
        ax.bar(x + w, paper, w, label="paper (electrode; Table S9, S-LMS: SI model (c))", color="#7f7f7f")
        ax.set_xticks(x, [lab.replace(" (", "\n(") for lab in labels], fontsize=7, rotation=25, ha="right")
        ax.set_ylabel(ylabel)
        ax.grid(axis="y", alpha=0.3)
        top = np.nanmax(np.r_[model, paper, [0.0]])
        if np.isfinite(top) and top > 0:
            ax.set_ylim(0, 1.3 * top)  # room for the legend above the bars
        ax.legend(fontsize=7, loc="upper left")
    axes[0].set_title("0.1C, last discharge of the experiment")
    fig.tight_layout()
    paths += figures.save(fig, out / "comparison_energy.png", dpi=130)
    return paths


def run_comparison(out=DEFAULT_OUT, cycles=3, specs=None, figures=True, progress=True, stream=None):
    """Run the built-in comparison; print its table to ``stream`` and write CSV and figures into ``out``.

    Parameters
    ----------
    out : str or Path
        Output folder (created): ``comparison.csv``, ``comparison_voltage_profiles.png``,
        ``comparison_energy.png``.
    cycles : int
        Charge/discharge cycles after the formation discharge (0.1C each).
    specs : list of CellSpec, optional
        Rows (default :data:`CELL_SPECS`).
    figures : bool
        Write the PNG figures.
    progress : bool
        tqdm progress bar on stderr.
    stream : file, optional
        Where the report goes (default ``sys.stdout``).

    Returns
    -------
    pandas.DataFrame
        One row per cell: ESC (mAh/g of electrode; first and last discharge), electrode and cell Wh/kg and
        Wh/L, capacity retention, the paper's figures (Table S9 or the callable of the row), solve time.
    """
    import pandas as pd

    stream = stream or sys.stdout
    specs = CELL_SPECS if specs is None else specs
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    from tqdm.auto import tqdm

    results, failed = [], []
    bar = tqdm(specs, desc="pybamm-aea comparison", unit="cell", disable=not progress, file=sys.stderr)
    for spec in bar:
        bar.set_postfix_str(spec.label[:30])
        try:  # a row that fails is reported under the table; the others still run
            sim = spec.build(cycles)
            t0 = time.perf_counter()
            solution = sim.solve()
            wall = time.perf_counter() - t0
            values = sim.parameter_values
            results.append((spec, solution, values, _row_metrics(spec, solution, values, wall)))
        except Exception as exc:
            failed.append((spec.label, f"{type(exc).__name__}: {exc}"))
    df = pd.DataFrame([r[-1] for r in results] + [{"cell": label, "error": msg} for label, msg in failed])
    df.to_csv(out / "comparison.csv", index=False)

    print("pybamm-aea: all-electrochem-active (AEA) cathodes vs conventional solid-state and liquid Li-ion electrodes",
          file=stream)
    print("(Li et al., Adv. Mater. 2021, 33, 2008723), formation discharge + "
          f"{cycles} cycles at 0.1C\n", file=stream)
    print(_format_table(df), file=stream)
    print(
        "\nESC = mAh per g of the whole cathode electrode (AEA: 100 % active, empty pores; composites: active + "
        "carbon + binder or solid electrolyte, liquid electrolyte in the pores).\nElectrode Wh/kg, Wh/L: last "
        "discharge, charged-state mass and volume. Cell: single-sided stack at "
        f"{CELL_AREAL_CAPACITY:g} mAh/cm2 (solid: 'practical target', 30 um sulfide separator, 20 um Li; liquid: "
        "'liquid LIB',\ngraphite N:P 1.1), pybamm_aea.energy.cell_preset. Retention: last "
        "discharge over the 2nd one.\nPaper: Table S9 (LMS, LTS, NMC rows), SI calculation model (c) (S-LMS).",
        file=stream,
    )
    for spec in specs:
        if spec.note:
            print(f"  {spec.label}: {spec.note}", file=stream)
    for label, msg in failed:
        print(f"  FAILED {label}: {msg}", file=stream)

    # the compiled lever-rule kernel on the Mo6S8 run: the in-situ XRD picture
    lms = [r for r in results if r[0].simulation == "Li2021_Mo6S8"]
    if lms:
        from pybamm_aea.phases import MO6S8_PHASES, average_phase_fractions

        t, fractions = average_phase_fractions(lms[0][1])
        print("\nLixMo6S8 phase fractions by the lever rule (compiled kernel), LMS cell:", file=stream)
        print(f"{'time [h]':>9}  " + "".join(f"{p:>7}" for p in MO6S8_PHASES), file=stream)
        for k in [0, len(t) // 8, len(t) // 4, 3 * len(t) // 8, len(t) // 2, len(t) - 1]:
            print(f"{t[k] / 3600:>9.2f}  " + "".join(f"{f:>7.2f}" for f in fractions[k]), file=stream)

    import pybamm

    print("\nRegistered with PyBaMM:", file=stream)
    print("  models:         ", ", ".join(k for k in pybamm.dispatch.models if k == "AEA"), file=stream)
    ours = [k for k in pybamm.parameter_sets if k.startswith("Li2021_")]
    print("  parameter sets: ", ", ".join(sorted(ours)), file=stream)

    written = [out / "comparison.csv"]
    if figures and results:
        written += _comparison_figures(results, out)
    print(f"\nWrote {', '.join(str(p) for p in written)}", file=stream)
    return df


# ============================================================================================ argument types
def _float_in(name, low=None, high=None, low_open=False, high_open=False):
    def convert(text):
        try:
            v = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a number, got {text!r}") from None
        if not math.isfinite(v):
            raise argparse.ArgumentTypeError(f"{name} must be finite, got {text!r}")
        if low is not None and (v < low or (low_open and v == low)):
            raise argparse.ArgumentTypeError(f"{name} must be {'>' if low_open else '>='} {low:g}, got {text}")
        if high is not None and (v > high or (high_open and v == high)):
            raise argparse.ArgumentTypeError(f"{name} must be {'<' if high_open else '<='} {high:g}, got {text}")
        return v

    return convert


def _int_at_least(name, low):
    def convert(text):
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be an integer, got {text!r}") from None
        if v < low:
            raise argparse.ArgumentTypeError(f"{name} must be >= {low}, got {v}")
        return v

    return convert


def _number_or_text(text):
    text = text.strip()
    try:
        return float(text)
    except ValueError:
        return text


def parse_composition(text):
    """``"S8=0.325,Mo6S8=0.675"`` -> ``{"S8": 0.325, "Mo6S8": 0.675}`` (mass fractions of the solid).

    Materials are names of :func:`pybamm_aea.energy.list_materials`; fractions must be numbers summing to 1.
    Raises ``argparse.ArgumentTypeError`` with the reason.
    """
    from pybamm_aea.energy import get_material
    from pybamm_aea.energy.materials import UnknownMaterialError

    out = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = part.partition("=")
        if not sep or not name.strip():
            raise argparse.ArgumentTypeError(f"expected MATERIAL=FRACTION pairs separated by commas, got {part!r}")
        try:
            get_material(name.strip())
        except (UnknownMaterialError, KeyError, ValueError) as exc:
            raise argparse.ArgumentTypeError(str(exc).strip('"')) from None
        try:
            out[name.strip()] = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"mass fraction of {name.strip()!r} must be a number, got {value!r}") from None
    if not out:
        raise argparse.ArgumentTypeError("empty composition")
    total = sum(out.values())
    if abs(total - 1.0) > 1e-6:
        raise argparse.ArgumentTypeError(f"mass fractions must sum to 1, got {total:g} from {out}")
    # remove the rounding of the command line so that Electrode's 1e-9 check passes
    return {k: v / total for k, v in out.items()}


def _material_values(label):
    def convert(text):
        from pybamm_aea.energy import get_material
        from pybamm_aea.energy.materials import UnknownMaterialError

        out = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            name, sep, value = part.partition("=")
            if not sep:
                raise argparse.ArgumentTypeError(f"expected MATERIAL=VALUE pairs, got {part!r}")
            try:
                get_material(name.strip())
                out[name.strip()] = float(value)
            except (UnknownMaterialError, KeyError) as exc:
                raise argparse.ArgumentTypeError(str(exc).strip('"')) from None
            except ValueError:
                raise argparse.ArgumentTypeError(f"{label} of {name.strip()!r} must be a number, got {value!r}") from None
        return out

    return convert


def _key_value(text):
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), _number_or_text(value)


def parse_grid_entry(text):
    """``"NAME=v1,v2,..."`` or ``"NAME=start:stop:num"`` (``num`` evenly spaced values, ends included).

    Returns ``(name, list_of_values)``; numbers become floats, other values stay text (e.g. ``anode=Li-In``).
    """
    import numpy as np

    name, sep, values = text.rpartition("=") if text.count("=") > 1 and "[" not in text else text.partition("=")
    name = name.strip()
    if not sep or not name or not values.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=v1,v2,... or NAME=start:stop:num, got {text!r}")
    values = values.strip()
    if values.count(":") == 2 and "," not in values:
        try:
            a, b, n = values.split(":")
            a, b, n = float(a), float(b), int(n)
        except ValueError:
            raise argparse.ArgumentTypeError(f"range of {name!r} must be start:stop:num (num an integer), got {values!r}") from None
        if n < 1:
            raise argparse.ArgumentTypeError(f"range of {name!r} needs num >= 1, got {n}")
        return name, [float(v) for v in np.linspace(a, b, n)]
    return name, [_number_or_text(v) for v in values.split(",") if v.strip()]


# ============================================================================================ parser
class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the description's layout; adds "(default: X)" when there is a default worth showing."""

    def _get_help_string(self, action):
        text = action.help or ""
        default = action.default
        if ("default" in text or default is None or default is False or default == [] or default is argparse.SUPPRESS
                or action.option_strings == []):
            return text
        return f"{text} (default: {default})"


def _desc(*paragraphs):
    """Description text: prose paragraphs wrapped at 100 columns; lines starting with two spaces kept verbatim."""
    import textwrap

    out = []
    for para in paragraphs:
        if para.startswith("  ") or "\n  " in para:
            out.append(para)
        else:
            out.append(textwrap.fill(para, 100))
    return "\n\n".join(out)


def build_parser():
    """The ``pybamm-aea`` argument parser (subcommands ``energy``, ``simulate``, ``reproduce``, ``sweep``)."""
    parser = argparse.ArgumentParser(
        prog="pybamm-aea",
        formatter_class=_Formatter,
        description=_desc(
            "PyBaMM plugin for all-electrochem-active (AEA) all-solid-state Li cells (Li et al., Adv. Mater. 2021, "
            "33, 2008723).",
            "Without a subcommand: the built-in comparison. The AEA Mo6S8 (LMS), TiS2 (LTS) and hybrid S8-Mo6S8 "
            "(S-LMS) cells and the conventional S-C/LGPS composite cathode (PyBaMM DFN; all 70 C), and a "
            "conventional liquid NMC532 half cell (PyBaMM DFN, Xu2019 set, 25 C) run a "
            "formation discharge and CYCLES charge/discharge cycles at 0.1C; prints ESC (mAh per g of the whole "
            "electrode), electrode- and cell-level Wh/kg and Wh/L and capacity retention next to the paper's "
            "figures (Table S9, SI calculation model), and writes the figures (voltage profiles, energy "
            "comparison) and a CSV into OUT.",
        ),
        epilog="Run 'pybamm-aea SUBCOMMAND --help' for the arguments of each subcommand.",
    )
    parser.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                        help="folder for the comparison's CSV and PNG figures (created if missing)")
    parser.add_argument("--cycles", type=_int_at_least("--cycles", 1), default=3, metavar="N",
                        help="charge/discharge cycles after the formation discharge, each at 0.1C")
    parser.add_argument("--no-figures", action="store_true", help="do not write the PNG figures")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", title="subcommands")

    # ---------------------------------------------------------------- energy
    p = sub.add_parser(
        "energy", formatter_class=_Formatter,
        help="theoretical electrode energy density from composition and porosity or stack pressure",
        description=_desc(
            "Electrode-level energy density of a composition (pybamm_aea.energy.Electrode, the paper's calculation "
            "model): equivalent specific capacity ESC (mAh per g of the whole electrode), Wh/kg and Wh/L, on the "
            "charged basis (electrode as made) and on the discharged basis (every Li-free host lithiated: S8 -> "
            "Li2S, Mo6S8 -> Li4Mo6S8, TiS2 -> LiTiS2; same porosity).",
            "Example (the paper's theoretical S-LMS at 360 MPa, 2 V):\n"
            "  pybamm-aea energy --composition S8=0.325,Mo6S8=0.675 --pressure 360 --compaction S-LMS --voltage 2",
        ),
    )
    p.add_argument("--composition", type=parse_composition, default="S8=0.325,Mo6S8=0.675",
                   metavar="MAT=FRAC,...",
                   help="mass fractions of the solid (sum 1), material names of pybamm_aea.energy.list_materials(); "
                        "default: the paper's S-LMS hybrid")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--porosity", type=_float_in("--porosity", 0.0, 1.0, high_open=True), metavar="FRACTION",
                   help="pore volume fraction of the electrode, 0 <= porosity < 1 (e.g. 0.082)")
    g.add_argument("--pressure", type=_float_in("--pressure", 0.0), metavar="MPA",
                   help="stack (compaction) pressure in MPa; the porosity comes from the --compaction data set")
    p.add_argument("--compaction", choices=["S-LMS", "Mo6S8", "S-C-LGPS"], default=None,
                   help="porosity-vs-pressure data set for --pressure (Tables S6-S8); required with --pressure")
    p.add_argument("--branch", choices=["loading", "released"], default="loading",
                   help="with --pressure: porosity under pressure (loading) or after release (released, Mo6S8 only)")
    p.add_argument("--voltage", type=_float_in("--voltage", 0.0, low_open=True), default=None, metavar="V",
                   help="average voltage vs Li/Li+ in V for the whole electrode (default: each active material's "
                        "library voltage)")
    p.add_argument("--capacity", type=_material_values("capacity"), default=None, metavar="MAT=MAH_PER_G,...",
                   help="capacity overrides in mAh per g of that material, e.g. S8=1600,Mo6S8=90 (the Table S8 "
                        "reversible basis); default: theoretical library capacities")
    p.add_argument("--pore-filler", default=None, metavar="LIQUID",
                   help="liquid electrolyte filling the pores (e.g. '1M LiPF6 EC/DMC'); default: empty pores")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table",
                   help="output format: an aligned table, JSON (one object) or CSV (one row per basis)")
    p.add_argument("--output", default=None, metavar="FILE", help="write to FILE instead of stdout")

    # ---------------------------------------------------------------- simulate
    p = sub.add_parser(
        "simulate", formatter_class=_Formatter,
        help="run a parameter set through a PyBaMM experiment; time series CSV/Parquet, step summary and plot",
        description=_desc(
            "Run one cell through a PyBaMM experiment and write its time series (CSV, or Parquet when FILE ends in "
            ".parquet and pyarrow is installed), a per-step summary CSV (FILE stem + '_steps.csv': duration h, "
            "capacity mAh and mAh/g, energy mWh, end voltage V, termination) and a voltage plot PNG.",
            "Example:\n  pybamm-aea simulate --parameter-set Li2021_Mo6S8 --experiment \"Discharge at 0.1C until "
            "1.8 V\" \\\n      --experiment \"Charge at 0.1C until 2.8 V\" --cycles 3 --output lms.csv",
        ),
    )
    p.add_argument("--parameter-set", default="Li2021_Mo6S8", metavar="NAME",
                   help="registered PyBaMM parameter set (Li2021_Mo6S8, Li2021_TiS2, ...; Xu2019 etc. with "
                        "--model DFN)")
    p.add_argument("--model", default="AEA", choices=["AEA", "DFN", "SPMe", "SPM"],
                   help="AEA: pybamm_aea.AEA; DFN/SPMe/SPM: PyBaMM's lithium-ion models (e.g. with "
                        "--option 'working electrode=positive' for a half cell)")
    p.add_argument("--experiment", action="append", default=None, metavar="STEP",
                   help="a PyBaMM experiment step, e.g. 'Discharge at 0.1C until 1.8 V' (repeat for several steps; "
                        "default: discharge, charge, discharge at 0.1C between the set's voltage cut-offs)")
    p.add_argument("--cycles", type=_int_at_least("--cycles", 1), default=1, metavar="N",
                   help="repeat the --experiment steps N times, as N cycles")
    p.add_argument("--option", action="append", type=_key_value, default=[], metavar="KEY=VALUE",
                   help="model option, e.g. anode=Li-In (repeatable)")
    p.add_argument("--set", dest="set_values", action="append", type=_key_value, default=[],
                   metavar="'NAME=VALUE'",
                   help="override a parameter in its own units, e.g. 'Cathode loading [kg.m-2]=0.03' or "
                        "'Ambient temperature [K]=298.15' (repeatable)")
    p.add_argument("--variable", action="append", default=[], metavar="NAME",
                   help="extra model variable to add to the time series (repeatable)")
    p.add_argument("--output", default="aea_simulation.csv", metavar="FILE",
                   help="time-series file: .csv, or .parquet (needs pyarrow)")
    p.add_argument("--plot", default=None, metavar="PNG",
                   help="voltage plot file (default: FILE with .png)")

    # ---------------------------------------------------------------- reproduce
    p = sub.add_parser(
        "reproduce", formatter_class=_Formatter, help="regenerate every figure of the paper into a folder",
        description=_desc("Run every figure script of examples/ (each has main(outdir)) and write its PNGs into "
                          "OUT; a script that fails is reported and the others still run. Exit status 1 if any "
                          "failed."),
    )
    p.add_argument("--out", default=os.path.join(DEFAULT_OUT, "figures"), metavar="DIR",
                   help="folder for the figures (created if missing)")
    p.add_argument("--fast", action="store_true", help="skip the slow scripts (those with SLOW = True)")
    p.add_argument("--only", action="append", default=None, metavar="NAME",
                   help="run only the scripts whose file name contains NAME (repeatable), e.g. fig3")
    p.add_argument("--examples", default=None, metavar="DIR",
                   help="folder of the figure scripts (default: ./examples, else the source checkout's examples/)")

    # ---------------------------------------------------------------- sweep
    p = sub.add_parser(
        "sweep", formatter_class=_Formatter, help="evaluate a design grid (ESC, Wh/kg, Wh/L, rate, retention)",
        description=_desc(
            "Evaluate a grid of designs through the AEA model (pybamm_aea.sweep.sweep): one row per point with ESC "
            "(mAh per g of electrode), electrode Wh/kg and Wh/L, rate capability (when C-rate is swept), capacity "
            "retention (several cycles), solve time and error (failed points are kept, with their message).",
            "Grid names: PyBaMM parameters of the set with their units ('Cathode loading [kg.m-2]', 'Ambient "
            "temperature [K]', 'Cathode porosity', ...); derived inputs 'Stack pressure [MPa]' (-> porosity from "
            "the compaction data), 'C-rate' (in 1/h; the 0.1C reference of each design is added for the rate "
            "capability), 'S8 mass fraction' (hybrid S8-Mo6S8 sets), 'Cathode thickness [um]'; and AEA options "
            "('anode', 'hysteresis', 'ionic switch', 'electronic conduction').",
            "Example:\n  pybamm-aea sweep --parameter-set Li2021_Mo6S8 --grid 'Cathode loading [kg.m-2]=0.01,0.02' "
            "\\\n      --grid 'Ambient temperature [K]=298.15:343.15:4' --results lms_sweep.csv",
        ),
    )
    p.add_argument("--grid", action="append", type=parse_grid_entry, required=True, metavar="'NAME=V1,V2,...'",
                   help="one grid axis: NAME=v1,v2,... or NAME=start:stop:num, values in NAME's units (repeatable; "
                        "the grid is the Cartesian product)")
    p.add_argument("--parameter-set", default="Li2021_S_Mo6S8", metavar="NAME", help="registered parameter set")
    p.add_argument("--experiment", action="append", default=None, metavar="STEP",
                   help="PyBaMM experiment step (repeatable); default: a 0.1C discharge to the set's lower cut-off")
    p.add_argument("--cycles", type=_int_at_least("--cycles", 1), default=1, metavar="N",
                   help="repeat the --experiment steps N times (retention needs >= 2 discharges)")
    p.add_argument("--option", action="append", type=_key_value, default=[], metavar="KEY=VALUE",
                   help="AEA model option for every point, e.g. anode=Li-In (repeatable)")
    p.add_argument("--compaction", choices=["S-LMS", "Mo6S8", "S-C-LGPS"], default=None,
                   help="compaction data for 'Stack pressure [MPa]' (default: from the parameter set)")
    p.add_argument("--workers", type=_int_at_least("--workers", 1), default=None, metavar="N",
                   help="local worker processes (default: all cores; 1 = serial); with --scheduler dask and no "
                        "--dask-address: workers of the LocalCluster")
    p.add_argument("--scheduler", choices=["local", "dask"], default="local",
                   help="local processes, or Dask distributed (a LocalCluster, or --dask-address)")
    p.add_argument("--dask-address", default=None, metavar="ADDRESS",
                   help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--results", default=None, metavar="FILE",
                   help="partial-results file (.csv or .parquet): finished points are appended; a re-run with the "
                        "same file skips the points already in it")
    p.add_argument("--retry-failed", action="store_true", help="with --results: run failed points again")
    p.add_argument("--output", default=None, metavar="FILE",
                   help="write the final table to FILE (.csv, .json or .parquet)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    return parser


# ============================================================================================ subcommands
def _energy_report(args, parser):
    from pybamm_aea.energy import Electrode, porosity as porosity_of

    if args.pressure is not None:
        if args.compaction is None:
            parser.error("argument --compaction: required with --pressure (S-LMS, Mo6S8 or S-C-LGPS)")
        try:
            phi = float(porosity_of(args.compaction, args.pressure, branch=args.branch))
        except ValueError as exc:
            parser.error(f"argument --branch: {exc}")
    else:
        if args.compaction is not None:
            parser.error("argument --compaction: only with --pressure")
        phi = args.porosity
    try:
        e = Electrode(args.composition, phi, pore_filler=args.pore_filler, capacities=args.capacity)
        bases = {"charged": e.energy_density(args.voltage), "discharged": e.lithiated().energy_density(args.voltage)}
    except ValueError as exc:
        parser.error(f"argument --composition/--capacity/--pore-filler: {str(exc).strip(chr(34))}")
    report = {
        "composition": args.composition,
        "porosity": phi,
        "pressure_MPa": args.pressure,
        "compaction": args.compaction,
        "branch": args.branch if args.pressure is not None else None,
        "voltage_V": args.voltage,
        "capacities_mAh_per_g": e.capacities,
        "bases": {
            name: {
                "specific_capacity_mAh_per_g": ed.specific_capacity,
                "gravimetric_Wh_per_kg": ed.gravimetric,
                "volumetric_Wh_per_L": ed.volumetric,
                "average_voltage_V": ed.average_voltage,
                "density_g_per_cm3": ed.density,
            }
            for name, ed in bases.items()
        },
    }
    return report


def _render_energy(report, fmt):
    if fmt == "json":
        return json.dumps(report, indent=2) + "\n"
    rows = [dict(basis=k, porosity=report["porosity"], **v) for k, v in report["bases"].items()]
    if fmt == "csv":
        import pandas as pd

        return pd.DataFrame(rows).to_csv(index=False)
    comp = ", ".join(f"{k} {v:.4g}" for k, v in report["composition"].items())
    head = f"electrode: {comp} (mass fractions of the solid); porosity {report['porosity']:.4f}"
    if report["pressure_MPa"] is not None:
        head += f" ({report['compaction']}, {report['pressure_MPa']:g} MPa, {report['branch']})"
    lines = [head, "",
             f"{'basis':<12}{'ESC [mAh/g]':>13}{'[Wh/kg]':>10}{'[Wh/L]':>10}{'V avg':>8}{'[g/cm3]':>9}"]
    for r in rows:
        lines.append(f"{r['basis']:<12}{r['specific_capacity_mAh_per_g']:>13.1f}{r['gravimetric_Wh_per_kg']:>10.1f}"
                     f"{r['volumetric_Wh_per_L']:>10.1f}{r['average_voltage_V']:>8.3f}{r['density_g_per_cm3']:>9.4f}")
    lines.append("\ncharged: electrode as made; discharged: Li-free hosts lithiated (mass and density of the "
                 "discharged electrode, same porosity).")
    return "\n".join(lines) + "\n"


def _write_text(text, output):
    if output is None:
        sys.stdout.write(text)
    else:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text)
        print(f"wrote {output}", file=sys.stderr)


def _cmd_energy(args, parser):
    _write_text(_render_energy(_energy_report(args, parser), args.format), args.output)
    return 0


def _experiment_from_args(args, values, parser, default_steps):
    import pybamm

    steps = args.experiment or default_steps(values)
    try:
        pybamm.Experiment(steps)  # validate the strings
    except Exception as exc:
        parser.error(f"argument --experiment: {exc}")
    if args.cycles > 1:
        return [tuple(steps)] * args.cycles
    return steps


def _simulate_default_steps(values):
    low, high = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
    return [f"Discharge at 0.1C until {low:g} V", f"Charge at 0.1C until {high:g} V",
            f"Discharge at 0.1C until {low:g} V"]


SIMULATE_COLUMNS = (
    "Time [s]", "Time [h]", "Current [A]", "Voltage [V]", "Discharge capacity [A.h]", "Discharge energy [W.h]",
    "Throughput capacity [A.h]",
)
SIMULATE_AEA_COLUMNS = (
    "Electrode specific capacity [mA.h.g-1]", "Average cathode Li content", "Li0 film thickness [m]",
    "Average cathode Li0 phase fraction", "Average cathode Li1 phase fraction", "Average cathode Li3 phase fraction",
    "Average cathode Li4 phase fraction",
)


def _cmd_simulate(args, parser):
    from pybamm_aea.cycling import is_skipped, iter_steps
    import numpy as np
    import pandas as pd
    import pybamm

    output = Path(args.output)
    if output.suffix.lower() not in (".csv", ".parquet"):
        parser.error(f"argument --output: must end in .csv or .parquet, got {args.output!r}")
    if output.suffix.lower() == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            parser.error("argument --output: Parquet output needs pyarrow (pip install pyarrow); use a .csv file")
    try:
        values = pybamm.ParameterValues(args.parameter_set)
    except Exception as exc:
        parser.error(f"argument --parameter-set: unknown parameter set {args.parameter_set!r} ({exc})")
    for name, value in args.set_values:
        if name not in values.keys():
            import difflib

            close = difflib.get_close_matches(name, list(values.keys()), n=3)
            parser.error(f"argument --set: {args.parameter_set} has no parameter {name!r}"
                         + (f"; did you mean {close}?" if close else ""))
        if not isinstance(value, float):
            parser.error(f"argument --set: value of {name!r} must be a number, got {value!r}")
    options = dict(args.option)
    if args.model == "AEA":
        from pybamm_aea import AEA

        try:
            model = AEA(options)
        except pybamm.OptionError as exc:
            parser.error(f"argument --option: {exc}")
        # keep 0.1C meaning 0.1C when the loading changes
        loading = dict(args.set_values).get("Cathode loading [kg.m-2]")
        if loading is not None and "Nominal cell capacity [A.h]" not in dict(args.set_values):
            values["Nominal cell capacity [A.h]"] *= loading / values["Cathode loading [kg.m-2]"]
    else:
        options.setdefault("calculate discharge energy", "true")
        try:
            model = getattr(pybamm.lithium_ion, args.model)(options)
        except Exception as exc:
            parser.error(f"argument --option: {exc}")
    values.update(dict(args.set_values))
    steps = _experiment_from_args(args, values, parser, _simulate_default_steps)
    experiment = pybamm.Experiment(steps)
    descriptions = [[str(s) for s in cycle] for cycle in experiment.cycles]
    sim = pybamm.Simulation(model, parameter_values=values, experiment=experiment)
    t0 = time.perf_counter()
    solution = sim.solve()
    wall = time.perf_counter() - t0

    columns = list(SIMULATE_COLUMNS)
    if args.model == "AEA":
        columns += list(SIMULATE_AEA_COLUMNS)
    for v in args.variable:
        if v not in model.variables:
            parser.error(f"argument --variable: the model has no variable {v!r}")
        columns.append(v)
    data = {}
    cyc, stp = [], []
    for cycle_number, step_number, step in iter_steps(solution):
        n = step["Time [s]"].entries.size
        cyc += [cycle_number] * n
        stp += [step_number] * n
    data["Cycle"] = cyc
    data["Step"] = stp
    for c in columns:
        if c not in model.variables:
            continue
        parts = []
        for _, _, step in iter_steps(solution):
            entries = step[c].entries
            parts.append(entries if entries.ndim == 1 else entries.mean(axis=0))
        data[c] = np.concatenate(parts)
    df = pd.DataFrame(data)
    output.parent.mkdir(parents=True, exist_ok=True)
    if output.suffix.lower() == ".parquet":
        df.to_parquet(output, index=False)
    else:
        df.to_csv(output, index=False)

    # per-step summary
    summary = []
    mass_g = float(solution["Cathode electrode mass [g]"].entries[0]) if args.model == "AEA" else None
    for cycle_number, step_number, step in iter_steps(solution, include_skipped=True):
        ic, js = cycle_number - 1, step_number - 1
        description = descriptions[ic][js] if ic < len(descriptions) and js < len(descriptions[ic]) else ""
        if is_skipped(step):
            summary.append({"cycle": cycle_number, "step": step_number, "description": description,
                            "termination": "skipped (already at its cut-off)"})
            continue
        Q = step["Discharge capacity [A.h]"].entries
        E = step["Discharge energy [W.h]"].entries if "Discharge energy [W.h]" in model.variables else None
        rec = {
            "cycle": cycle_number, "step": step_number, "description": description,
            "duration [h]": (step["Time [s]"].entries[-1] - step["Time [s]"].entries[0]) / 3600,
            "capacity [mA.h]": (Q[-1] - Q[0]) * 1e3,
            "energy [mW.h]": (E[-1] - E[0]) * 1e3 if E is not None else float("nan"),
            "end voltage [V]": step["Voltage [V]"].entries[-1],
            "termination": step.termination,
        }
        if mass_g:
            rec["capacity [mA.h.g-1]"] = rec["capacity [mA.h]"] / mass_g
        summary.append(rec)
    steps_path = output.with_name(output.stem + "_steps.csv")
    pd.DataFrame(summary).to_csv(steps_path, index=False)

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plot = Path(args.plot) if args.plot else output.with_suffix(".png")
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    ax1.plot(df["Time [h]"], df["Voltage [V]"], lw=1.3)
    ax1.set(xlabel="time (h)", ylabel="voltage (V)", title=f"{args.parameter_set} ({args.model})")
    xcol = "Electrode specific capacity [mA.h.g-1]" if "Electrode specific capacity [mA.h.g-1]" in df else None
    for (ic, js), part in df.groupby(["Cycle", "Step"]):
        q = part[xcol] if xcol else part["Discharge capacity [A.h]"] * 1e3
        ax2.plot((q - q.iloc[0]).abs(), part["Voltage [V]"], lw=1.2, label=f"cycle {ic}, step {js}")
    ax2.set(xlabel="capacity (mAh per g of electrode)" if xcol else "capacity (mAh)", ylabel="voltage (V)")
    if df.groupby(["Cycle", "Step"]).ngroups <= 12:
        ax2.legend(fontsize=7)
    for ax in (ax1, ax2):
        ax.grid(alpha=0.3)
    fig.tight_layout()
    figures.save(fig, plot, dpi=130)
    print(f"{args.parameter_set}: {len(summary)} steps solved in {wall:.2f} s ({solution.termination})")
    print(f"wrote {output} ({len(df)} rows), {steps_path}, {plot}")
    return 0


def _find_examples(explicit):
    candidates = [Path(explicit)] if explicit else [Path.cwd() / "examples",
                                                   Path(__file__).resolve().parents[1] / "examples"]
    for c in candidates:
        if (c / "reproduce.py").is_file():
            return c
    return None


def _load_reproduce(examples_dir):
    import importlib.util

    spec = importlib.util.spec_from_file_location("_pybamm_aea_reproduce", examples_dir / "reproduce.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cmd_reproduce(args, parser):
    examples = _find_examples(args.examples)
    if examples is None:
        parser.error("argument --examples: no examples/ folder with reproduce.py found "
                     f"({'in ' + args.examples if args.examples else 'in ./examples or beside the package'}); "
                     "run from the source checkout or pass --examples DIR")
    module = _load_reproduce(examples)
    results = module.run_all(args.out, fast=args.fast, only=args.only, examples_dir=examples)
    failed = [r for r in results if r["error"]]
    return 1 if failed else 0


def _cmd_sweep(args, parser):
    from pybamm_aea.sweep import SweepConfigError, sweep

    grid = {}
    for name, vals in args.grid:
        if name in grid:
            parser.error(f"argument --grid: {name!r} given twice")
        grid[name] = vals
    experiment = None
    if args.experiment:
        import pybamm

        try:
            pybamm.Experiment(args.experiment)
        except Exception as exc:
            parser.error(f"argument --experiment: {exc}")
        experiment = [tuple(args.experiment)] * args.cycles if args.cycles > 1 else list(args.experiment)
    elif args.cycles > 1:
        parser.error("argument --cycles: give the cycle's steps with --experiment")
    if args.output and Path(args.output).suffix.lower() not in (".csv", ".json", ".parquet"):
        parser.error(f"argument --output: must end in .csv, .json or .parquet, got {args.output!r}")
    client = cluster = None
    if args.scheduler == "dask":
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            parser.error("argument --scheduler: dask is not installed (pip install 'dask[distributed]')")
        if args.dask_address:
            client = Client(args.dask_address)
        else:
            cluster = LocalCluster(n_workers=args.workers or os.cpu_count() or 1, threads_per_worker=1,
                                   processes=True, host="127.0.0.1", dashboard_address=None)
            client = Client(cluster)
        print(f"Dask: {client}", file=sys.stderr)
    elif args.dask_address:
        parser.error("argument --dask-address: only with --scheduler dask")
    t0 = time.perf_counter()
    try:
        df = sweep(grid, parameter_set=args.parameter_set, experiment=experiment, client=client,
                   options=dict(args.option) or None, results_file=args.results, workers=args.workers,
                   compaction=args.compaction, retry_failed=args.retry_failed, progress=not args.no_progress)
    except SweepConfigError as exc:
        parser.error(f"argument --grid/--parameter-set/--experiment/--results: {exc}")
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    wall = time.perf_counter() - t0
    import pandas as pd

    show = [c for c in df.columns if c not in ("warnings", "First discharge ESC [mA.h.g-1]",
                                               "Discharged-basis energy [W.h.kg-1]",
                                               "Discharged-basis energy [W.h.L-1]", "Discharge capacity [mA.h]")]
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.max_rows", 60,
                           "display.float_format", "{:.4g}".format, "display.max_colwidth", 60):
        print(df[show].to_string(index=False) if len(df) <= 60 else df[show])
    n_err = int(df["error"].notna().sum())
    print(f"\n{len(df)} points in {wall:.1f} s ({n_err} failed)", file=sys.stderr)
    if args.output:
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.suffix.lower() == ".json":
            out.write_text(df.to_json(orient="records", indent=1))
        elif out.suffix.lower() == ".parquet":
            df.to_parquet(out, index=False)
        else:
            df.to_csv(out, index=False)
        print(f"wrote {out}", file=sys.stderr)
    return 0


def main(argv=None):
    """Entry point of ``pybamm-aea`` and ``python -m pybamm_aea``; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        df = run_comparison(args.out, cycles=args.cycles, figures=not args.no_figures, progress=not args.no_progress)
        return 1 if "error" in df.columns and df["error"].notna().any() else 0
    sub = parser._subparsers._group_actions[0].choices[args.command]
    return {"energy": _cmd_energy, "simulate": _cmd_simulate, "reproduce": _cmd_reproduce,
            "sweep": _cmd_sweep}[args.command](args, sub)
