"""The built-in comparison (the command line's main job): AEA cells and conventional electrodes through the same
kind of PyBaMM experiment, a formation discharge and charge/discharge cycles at 0.1C.

Rows (:data:`CELL_SPECS`): the paper's AEA Mo6S8 (LMS), TiS2 (LTS) and hybrid S8-Mo6S8 (S-LMS) cells, the
conventional S-C/LGPS composite cathode (PyBaMM DFN, :mod:`pybamm_aea.conventional`) and a liquid NMC532 half
cell (PyBaMM's DFN with the Xu2019 set). :func:`run_comparison` returns, per row, ESC (mAh per g of the whole
electrode), electrode- and cell-level Wh/kg and Wh/L next to the paper's figures (Table S9, SI calculation model),
and the solutions; :func:`plot_comparison` draws them. Nothing here prints: the command line does.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
import math
from pathlib import Path
import time
import warnings

from .. import figures
from ..constants import celsius
from ..paper_protocol import c_rate_text
from ..readout import (CELL_GRAVIMETRIC, CELL_VOLUMETRIC, ESC, GRAVIMETRIC, MEAN_DISCHARGE_VOLTAGE, RETENTION,
                       VOLUMETRIC, RetentionUndefinedWarning, capacity_retention, discharge_steps, electrode_figures,
                       iter_steps)

__all__ = ["CellSpec", "CELL_SPECS", "CELL_AREAL_CAPACITY", "Comparison", "formation_experiment",
           "run_comparison", "plot_comparison", "xu2019_electrode", "slms_practical_figures"]


def formation_experiment(low, high, cycles=3, c_rate=None):
    """PyBaMM experiment: a formation discharge, then ``cycles`` x (charge, discharge), all at ``c_rate`` [1/h]
    (None: the paper's, :data:`pybamm_aea.paper_protocol.C_RATE`, read at the call as the command line's help reads it).

    ``low``/``high`` are the voltage cut-offs (V). The AEA cathodes are assembled Li-free (charged), as is the
    Xu2019 NMC half cell (initial stoichiometry 0.1), so every cell starts with a discharge.
    """
    import pybamm

    rate = c_rate_text(c_rate)
    dis, cha = f"Discharge at {rate} until {low:g} V", f"Charge at {rate} until {high:g} V"
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
        AEA model options (when ``simulation`` is a set name); default: the degradation options the set
        calibrates (:data:`pybamm_aea.parameters.SET_FACTS`), so that its capacity retention is a prediction.
    electrode : callable, optional
        ``(solution, parameter_values) -> (mass_g, volume_L, Electrode)``: mass (g) and volume (L) of the whole
        cathode electrode and its make-up (:class:`pybamm_aea.energy.Electrode`) for the cell-level figures.
        Default (:func:`aea_electrode`): the AEA model's "Cathode electrode mass [g]" / "Cathode electrode volume
        [L]" and the set's composition (:func:`pybamm_aea.parameters.composition`) at its porosity.
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
    options: dict | None = None
    electrode: Callable | None = None
    stack: str = "practical target"
    paper_row: str | Callable | None = None
    note: str = ""

    def parameter_values(self):
        import pybamm

        if isinstance(self.simulation, str):
            return pybamm.ParameterValues(self.simulation)
        return None

    def model_options(self):
        """AEA options of the row: ``options``, else the set's calibrated degradation options (None if not AEA)."""
        if not isinstance(self.simulation, str):
            return None
        if self.options is not None:
            return dict(self.options)
        from pybamm_aea.parameters import SET_FACTS

        facts = SET_FACTS.get(self.simulation)
        return dict(facts.degradation) if facts else {}

    @property
    def degrades(self):
        """True if a degradation mechanism is on: only then is capacity retention a prediction."""
        from pybamm_aea.models.aea import AEAOptions

        options = self.model_options() or {}
        return any(options.get(k, "none") != "none" for k in AEAOptions.DEGRADATION)

    def electrode_of(self, solution, values):
        """(mass_g, volume_L, Electrode or None) of the row's cathode electrode (see ``electrode``)."""
        if self.electrode is not None:
            return self.electrode(solution, values)
        return aea_electrode(solution, values, self.simulation)

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

            return pybamm.Simulation(AEA(self.model_options()), parameter_values=values, experiment=experiment)
        return self.simulation(experiment)


#: cell-level comparison at this areal capacity (mAh/cm2), the same for every cathode
CELL_AREAL_CAPACITY = 3.0


def aea_electrode(solution, values, set_name):
    """(mass_g, volume_L, Electrode) of an AEA set's cathode: the model's mass and volume, the set's composition
    (:func:`pybamm_aea.parameters.composition`) at its porosity (make-up None for a set without facts)."""
    from pybamm_aea import parameters, readout
    from pybamm_aea.energy import Electrode

    mass_g, volume_L = readout.electrode_mass_volume(solution)
    if set_name not in parameters.SET_FACTS:
        return mass_g, volume_L, None
    comp = parameters.composition(set_name, values)
    return mass_g, volume_L, Electrode(comp, float(values["Cathode porosity"]), name=set_name)


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
    """The paper's practical S-LMS electrode, charged basis: (483.8 mAh/g, 905.5 Wh/kg, 2779 Wh/L), recomputed
    from the paper's inputs (it prints 2778 Wh/L: 0.05 % apart, its rounding).

    From :func:`pybamm_aea.energy.paper.slms_practical_electrode` (0.6289 mAh from 1.3 mg at 8.15 % porosity, the
    SI calculation model (c)); Table S9's "Li2S-LMS" row is the same electrode on the discharged basis.
    """
    from pybamm_aea.energy.paper import slms_practical_electrode

    ed = slms_practical_electrode().energy_density()
    return ed.specific_capacity, ed.gravimetric, ed.volumetric


def _s_c_lgps_simulation(experiment):
    """The conventional S-C/LGPS composite cathode: PyBaMM's DFN half cell with the registered set
    "Li2021_S_C_LGPS" (:mod:`pybamm_aea.conventional`)."""
    import pybamm

    from pybamm_aea import conventional

    values = pybamm.ParameterValues("Li2021_S_C_LGPS")
    return pybamm.Simulation(conventional.s_c_lgps_model(), parameter_values=values, experiment=experiment)


def _s_c_lgps_electrode(solution, values=None):
    """Mass (g), volume (L) and make-up of the S-C/LGPS electrode of :mod:`pybamm_aea.conventional`."""
    from pybamm_aea import conventional

    make_up = conventional.s_c_lgps_electrode()
    mass_g = conventional.electrode_mass_g()
    return mass_g, mass_g / make_up.density / 1000.0, make_up


#: Rows of the built-in comparison. Add rows (e.g. hybrid S-LMS, S-C/LGPS) by appending CellSpec objects.
CELL_SPECS = [
    CellSpec("AEA LMS (Mo6S8)", "Li2021_Mo6S8", paper_row="Mo6S8",
             note="paper (text): 130 mAh/g first discharge, 90 reversible, 89 % after 50 cycles vs the 2nd"),
    CellSpec("AEA LTS (TiS2)", "Li2021_TiS2", paper_row="TiS2",
             note="paper (text): 213 mAh/g first discharge, >180 reversible"),
    CellSpec("AEA S-LMS (32.5 % S8 + Mo6S8)", "Li2021_S_Mo6S8", paper_row=slms_practical_figures,
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
        return celsius(np.mean(solution["Ambient temperature [K]"].entries))
    except KeyError:
        return float("nan")


#: the comparison's columns beyond the readout's names: formation discharge, the paper's figures, solve time
FIRST_ESC = "First discharge " + ESC[0].lower() + ESC[1:]
PAPER = {name: "Paper " + name[0].lower() + name[1:] for name in (ESC, GRAVIMETRIC, VOLUMETRIC)}
TEMPERATURE = "Ambient temperature [C]"
SOLVE_TIME = "Solve time [s]"


def _cell_figures(spec, make_up, esc, v_mean):
    """Cell Wh/kg and Wh/L of the simulated electrode (its ESC and mean voltage) in the row's stack at
    :data:`CELL_AREAL_CAPACITY`."""
    from pybamm_aea.energy import Electrode, cell_preset

    factor = esc / make_up.specific_capacity
    active = [m for m in make_up.composition if make_up.capacity_of(m) > 0]
    cathode = Electrode({make_up.materials[m]: w for m, w in make_up.composition.items()}, make_up.porosity,
                        pore_filler=make_up.pore_filler, name=spec.label).with_derived_capacities(
        {m: make_up.capacity_of(m) * factor for m in active}, voltages={m: v_mean for m in active})
    ed = cell_preset(spec.stack, cathode=cathode, areal_capacity_mAh_cm2=CELL_AREAL_CAPACITY).energy_density()
    return {CELL_GRAVIMETRIC: ed.gravimetric, CELL_VOLUMETRIC: ed.volumetric}


def _paper_figures(paper_row):
    """The paper's (ESC, Wh/kg, Wh/L) of a row: a callable's, or Table S9's row of that name."""
    if callable(paper_row):
        figures_ = paper_row()
    else:
        from pybamm_aea.data import load_paper_table

        s9 = load_paper_table("tableS9_electrode_energy").set_index("material").loc[paper_row]
        figures_ = (s9["ESC_mAh_per_g"], s9["EG_Wh_per_kg"], s9["EG_Wh_per_L"])
    return {PAPER[k]: float(v) for k, v in zip((ESC, GRAVIMETRIC, VOLUMETRIC), figures_)}


def _row_metrics(spec, solution, values, wall):
    """Figures of merit of one comparison row, named as in :mod:`pybamm_aea.readout`. Capacity retention (last
    discharge over the 2nd) only for a row with its calibrated degradation on: without, it is 100 % by
    construction and says nothing."""
    mass_g, volume_L, make_up = spec.electrode_of(solution, values)
    discharges = discharge_steps(solution, arrays=False)
    q = [d[0] for d in discharges]
    q_last, e_last = discharges[-1][:2]
    row = {"cell": spec.label, TEMPERATURE: _temperature_C(solution),
           FIRST_ESC: electrode_figures(q[0], 0.0, mass_g, volume_L)[ESC],
           **electrode_figures(q_last, e_last, mass_g, volume_L),
           MEAN_DISCHARGE_VOLTAGE: e_last / q_last, CELL_GRAVIMETRIC: math.nan, CELL_VOLUMETRIC: math.nan,
           RETENTION: math.nan, "Number of discharges": len(q), SOLVE_TIME: wall}
    if spec.degrades:
        with warnings.catch_warnings():  # undefined (NaN) with fewer than 3 discharges: the table shows "-"
            warnings.simplefilter("ignore", RetentionUndefinedWarning)
            row[RETENTION] = 100 * capacity_retention(q)
    if make_up is not None:
        row.update(_cell_figures(spec, make_up, row[ESC], row[MEAN_DISCHARGE_VOLTAGE]))
    if spec.paper_row is not None:
        row.update(_paper_figures(spec.paper_row))
    return row


@dataclass
class Comparison:
    """What :func:`run_comparison` returns.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per cell (see :func:`run_comparison`); rows that failed have only "cell" and "error".
    runs : list of (CellSpec, pybamm.Solution, pybamm.ParameterValues, dict)
        Each solved row with its solution, parameter values and metrics.
    failed : list of (str, str)
        (label, "ExceptionType: message") of the rows that raised.
    cycles : int
        Charge/discharge cycles after the formation discharge.
    """

    table: object
    runs: list
    failed: list
    cycles: int

    def phase_fractions(self, set_name="Li2021_Mo6S8"):
        """(time [s], fractions [n, 4]) of the LixMo6S8 phases by the compiled lever rule over the run of
        ``set_name`` (the in-situ XRD picture), or None if that set was not run."""
        from pybamm_aea.phases import average_phase_fractions

        for spec, solution, _, _ in self.runs:
            if spec.simulation == set_name:
                return average_phase_fractions(solution)
        return None


def run_comparison(cycles=3, specs=None, progress=None):
    """Solve every row of the comparison; a row that raises is recorded in ``failed``, the others still run.

    Parameters
    ----------
    cycles : int
        Charge/discharge cycles after the formation discharge (0.1C each).
    specs : list of CellSpec, optional
        Rows (default :data:`CELL_SPECS`).
    progress : callable, optional
        Wraps the iterable of rows (e.g. ``tqdm``), for a progress bar.

    Returns
    -------
    Comparison
        ``table``: one row per cell: ESC (mAh/g of electrode; first and last discharge), electrode and cell Wh/kg
        and Wh/L, the paper's figures (Table S9 or the row's callable), solve time [s].
    """
    import pandas as pd

    specs = CELL_SPECS if specs is None else specs
    runs, failed = [], []
    for spec in (progress(specs) if progress else specs):
        try:
            sim = spec.build(cycles)
            t0 = time.perf_counter()
            solution = sim.solve()
            wall = time.perf_counter() - t0
            values = sim.parameter_values
            runs.append((spec, solution, values, _row_metrics(spec, solution, values, wall)))
        except Exception as exc:  # reported in the table's error column
            failed.append((spec.label, f"{type(exc).__name__}: {exc}"))
    table = pd.DataFrame([r[-1] for r in runs] + [{"cell": label, "error": msg} for label, msg in failed])
    return Comparison(table, runs, failed, cycles)


#: the figures :func:`plot_comparison` writes, by file name
FIGURE_FILES = ("comparison_voltage_profiles.png", "comparison_energy.png")


def plot_comparison(comparison, out):
    """Voltage profiles and the energy bar chart of a :class:`Comparison` as PNGs in ``out``; returns the paths."""
    results = comparison.runs
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
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
        mass_g = spec.electrode_of(solution, values)[0]
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
               title=f"{spec.label}\nESC {row[ESC]:.0f} mAh/g, {row[TEMPERATURE]:.0f} C, {c_rate_text()}")
        ax.legend(fontsize=7)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    paths += figures.save(fig, out / FIGURE_FILES[0], dpi=130)

    fig, axes = plt.subplots(1, 3, figsize=(15, 4.6))
    labels = [row["cell"] for *_, row in results]
    x = np.arange(len(labels))
    panels = (
        (ESC, None, PAPER[ESC], "ESC (mAh per g of electrode)"),
        (GRAVIMETRIC, CELL_GRAVIMETRIC, PAPER[GRAVIMETRIC], "gravimetric energy (Wh/kg)"),
        (VOLUMETRIC, CELL_VOLUMETRIC, PAPER[VOLUMETRIC], "volumetric energy (Wh/L)"),
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
    axes[0].set_title(f"{c_rate_text()}, last discharge of the experiment")
    fig.tight_layout()
    paths += figures.save(fig, out / FIGURE_FILES[1], dpi=130)
    return paths
