"""The main job, ``pybamm-aea`` without a subcommand: runs :func:`pybamm_aea.studies.comparison.run_comparison`,
prints its table and writes the CSV and figures."""
import math
from pathlib import Path
import sys

from pybamm_aea import paper_protocol
from pybamm_aea.celsius import celsius
from pybamm_aea.paper_protocol import c_rate_text

from . import _args

#: the comparison's table in --out
COMPARISON_CSV = "comparison.csv"


def description():
    """The main job's description (the paper's temperature and C-rate from :mod:`pybamm_aea.paper_protocol`)."""
    return (
        "Without a subcommand: the built-in comparison. The AEA Mo6S8 (LMS), TiS2 (LTS) and hybrid S8-Mo6S8 "
        "(S-LMS) cells and the conventional S-C/LGPS composite cathode (PyBaMM DFN; all "
        f"{celsius(paper_protocol.CELL_TEMPERATURE_K):g} C), and a "
        "conventional liquid NMC532 half cell (PyBaMM DFN, Xu2019 set, 25 C) run a "
        f"formation discharge and CYCLES charge/discharge cycles at {c_rate_text()}; prints ESC (mAh per g of the "
        "whole electrode), electrode- and cell-level Wh/kg and Wh/L and capacity retention next to the paper's "
        "figures (Table S9, SI calculation model), and writes the figures (voltage profiles, energy "
        "comparison) and a CSV into OUT."
    )


def _columns():
    """(column, header, format, width) of the printed table."""
    from pybamm_aea.readout import (CELL_GRAVIMETRIC, CELL_VOLUMETRIC, ESC, GRAVIMETRIC, RETENTION,
                                    VOLUMETRIC)
    from pybamm_aea.studies.comparison import FIRST_ESC, PAPER, SOLVE_TIME, TEMPERATURE

    return (
        ("cell", "cell", "{}", 40), (TEMPERATURE, "T [C]", "{:.0f}", 6), (FIRST_ESC, "1st ESC", "{:.1f}", 8),
        (ESC, "ESC", "{:.1f}", 7), (GRAVIMETRIC, "Wh/kg", "{:.0f}", 7), (VOLUMETRIC, "Wh/L", "{:.0f}", 7),
        (CELL_GRAVIMETRIC, "Wh/kg", "{:.0f}", 7), (CELL_VOLUMETRIC, "Wh/L", "{:.0f}", 7),
        (RETENTION, "retention", "{:.1f} %", 10), (PAPER[ESC], "ESC", "{:.1f}", 7),
        (PAPER[GRAVIMETRIC], "Wh/kg", "{:.0f}", 7), (PAPER[VOLUMETRIC], "Wh/L", "{:.0f}", 7),
        (SOLVE_TIME, "solve [s]", "{:.2f}", 10),
    )


def configure(parser):
    """The main job's arguments, on the top-level parser."""
    parser.add_argument("--out", default=_args.DEFAULT_OUT, metavar="DIR",
                        help="folder for the comparison's CSV and PNG figures (created if missing) "
                             "(default: %(default)s)")
    parser.add_argument("--cycles", type=_args.int_at_least("--cycles", 1), default=3, metavar="N",
                        help="charge/discharge cycles after the formation discharge, each at "
                             f"{c_rate_text()} (the paper's) "
                             f"({_args.CYCLES_CHECK}) (default: %(default)s)")
    parser.add_argument("--no-figures", action="store_true", help="do not write the PNG figures")
    _args.add_no_progress(parser)
    parser.add_argument("--force", action="store_true",
                        help="overwrite files in --out that pybamm-aea did not write there, or that were edited since "
                             "(its own files of an earlier run are replaced without it)")
    parser.set_defaults(func=run, parser=parser)


def format_table(df):
    """The comparison table as aligned text (NaN and missing values as "-")."""
    groups = (
        f"{'':<40}{'':>6}{'-- electrode, mAh/g and last discharge --':>43}{'- cell -':>14}{'':>10}"
        f"{'------ paper ------':>21}"
    )
    columns = _columns()
    header = "".join(f"{h:<{w}}" if k == "cell" else f"{h:>{w}}" for k, h, _, w in columns)
    lines = [groups, header]
    for rec in df.to_dict("records"):
        cells = []
        for k, _, fmt, w in columns:
            v = rec.get(k)
            s = "-" if v is None or (isinstance(v, float) and math.isnan(v)) else fmt.format(v)
            cells.append(f"{s:<{w}}" if k == "cell" else f"{s:>{w}}")
        lines.append("".join(cells))
    return "\n".join(lines)


def report(comparison, stream):
    """Print the comparison: table, notes, failures, the LMS phase fractions and what PyBaMM registered."""
    from importlib.metadata import entry_points

    import pybamm

    from pybamm_aea.phases import MO6S8_PHASES
    from pybamm_aea.studies.comparison import CELL_AREAL_CAPACITY

    def say(*text):
        print(*text, file=stream)

    say("pybamm-aea: all-electrochem-active (AEA) cathodes vs conventional solid-state and liquid Li-ion electrodes")
    say(f"(Li et al., Adv. Mater. 2021, 33, 2008723), formation discharge + {comparison.cycles} cycles at "
        f"{c_rate_text()}\n")
    say(format_table(comparison.table))
    say("\nESC = mAh per g of the whole cathode electrode (AEA: 100 % active, empty pores; composites: active + "
        "carbon + binder or solid electrolyte, liquid electrolyte in the pores).\nElectrode Wh/kg, Wh/L: last "
        f"discharge, charged-state mass and volume. Cell: single-sided stack at {CELL_AREAL_CAPACITY:g} mAh/cm2 "
        "(solid: 'practical target', 30 um sulfide separator, 20 um Li; liquid: 'liquid LIB',\ngraphite N:P 1.1), "
        "pybamm_aea.energy.cell_preset. Retention: last discharge over the 2nd one, with the degradation options\n"
        "the set calibrates on (LMS: ionic-switch host loss, LTS: Li trapping); '-' where none is calibrated for "
        "the cell (100 % by construction) or\nwith fewer than 3 discharges (undefined).\nPaper: Table S9 (LMS, LTS, "
        "NMC rows), SI calculation model (c) (S-LMS).")
    for spec, *_ in comparison.runs:
        if spec.note:
            say(f"  {spec.label}: {spec.note}")
    for label, msg in comparison.failed:
        say(f"  FAILED {label}: {msg}")
    phases = comparison.phase_fractions()
    if phases is not None:
        t, fractions = phases
        say("\nLixMo6S8 phase fractions on the host's phase windows (compiled kernel), LMS cell:")
        say(f"{'time [h]':>9}  " + "".join(f"{p:>7}" for p in MO6S8_PHASES))
        for k in [0, len(t) // 8, len(t) // 4, 3 * len(t) // 8, len(t) // 2, len(t) - 1]:
            say(f"{t[k] / 3600:>9.2f}  " + "".join(f"{f:>7.2f}" for f in fractions[k]))
    say("\nRegistered with PyBaMM:")
    say("  models:         ", ", ".join(k for k in pybamm.dispatch.models if k == "AEA"))
    say("  parameter sets: ", ", ".join(sorted(
        ep.name for ep in entry_points(group="pybamm_parameter_sets")
        if ep.value.startswith("pybamm_aea.") and ep.name in pybamm.parameter_sets)))


def run(args, stream=None):
    from pybamm_aea.progress import progress_bar
    from pybamm_aea.studies.comparison import plot_comparison, run_comparison

    stream = stream or sys.stdout
    from pybamm_aea.studies.comparison import FIGURE_FILES
    from pybamm_aea.user_input import record_written

    from pybamm_aea.studies.comparison import formation_experiment

    _args.check_out_dir(args.parser, args.out)
    _args.check_out_files(args.parser, args.out, (COMPARISON_CSV,) + (() if args.no_figures else FIGURE_FILES),
                          args.force)
    # (each cell builds its own: one MemoryError of --cycles 99999999999 was each cell's 'FAILED MemoryError: ')
    _args.cycles_in_memory(args.parser, args.cycles, lambda: formation_experiment(1.0, 2.0, args.cycles))

    def bar(specs):
        return progress_bar(specs, desc="pybamm-aea comparison", unit="cell", show=_args.progress_shown(args),
                            file=sys.stderr)

    comparison = run_comparison(cycles=args.cycles, progress=bar)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written = [_args.write_table(comparison.table, out / COMPARISON_CSV)]
    report(comparison, stream)
    if not args.no_figures and comparison.runs:
        written += plot_comparison(comparison, out)
    record_written(written)
    print(f"\nWrote {', '.join(str(p) for p in written)}", file=stream)
    return 1 if comparison.failed else 0
