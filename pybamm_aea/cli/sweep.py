"""``pybamm-aea sweep``: a design grid through :func:`pybamm_aea.sweep.sweep` (local processes or Dask).

Exit status: 0 when every point ran, 1 when points failed (their count on stderr; the table still has every
row), 2 for a usage error found before any solve (a bad grid, an unwritable or foreign output path, an existing
--output without --force, a --results store of another configuration).
"""
import os
import shlex
import sys
import time
import warnings


from pybamm_aea import cell_preset_names
from pybamm_aea import paper_protocol
from pybamm_aea.user_input import ANY, Said, keyword_said

from . import _args

#: columns of the sweep table not shown on the terminal (they are in --output)
HIDDEN_COLUMNS = ("warnings", "First discharge electrode specific capacity [mA.h.g-1]",
                  "Discharged-basis energy [W.h.kg-1]",
                  "Discharged-basis energy [W.h.L-1]", "Discharge capacity [mA.h]")
#: the line before the reference-rate points --rate-capability solved, printed after the table (not its rows)
REFERENCE_POINTS_SAID = "reference points (solved for the rows' 'Rate capability', not rows of the table):"
OUTPUT_FORMATS = (".csv", ".json", ".parquet")
#: exit status when points failed
EXIT_POINTS_FAILED = 1
#: the parser's default that holds :func:`option_of`'s table
OPTION_TABLE = "sweep_options"
#: the options that set no keyword of :func:`pybamm_aea.sweep.sweep` of their own, so not in :func:`option_of`'s
#: table: --cycles repeats the --experiment steps ("experiment" is --experiment's), --dask-address says where
#: --scheduler dask's client connects ("client" is --scheduler's, the option that makes one at all)
NO_KEYWORD = ("--cycles", "--dask-address")


def option_of(parser):
    """Keyword of :func:`pybamm_aea.sweep.sweep` -> the parser's option for it (``"results_file"`` ->
    ``"--results"``), for the ``argument`` a ``SweepConfigError`` names: the table :func:`register` kept of the
    options as it added them (argparse's public ``add_argument`` return and ``get_default``), so a renamed option
    cannot leave a stale name in it."""
    return dict(parser.get_default(OPTION_TABLE))


def _typed(options):
    """How this command writes a keyword of :func:`pybamm_aea.sweep.sweep` set to a value, for the API's words that
    name one (a :class:`~pybamm_aea.user_input.Said`): its option (``options``: :func:`option_of`) alone for a switch
    or a keyword named without a value ("force=True" -> "--force", "(export=)" -> "(--output)"), with the value as
    typed otherwise ("compaction='Mo6S8'" -> "--compaction Mo6S8"); a keyword the command has no option for as the
    API says it."""
    def typed(keyword, value):
        flag = options.get(keyword)
        if flag is None:
            return keyword_said(keyword, value)
        return flag if value is ANY or value is True else f"{flag} {shlex.quote(str(value))}"
    return typed


def _as_typed(message, args, options, keywords=None):
    """The API's ``message`` (a ``SweepConfigError``'s, a note's, a warning's) said as the user typed it: the keywords
    its words name by their options (:func:`_typed`; until session 60 the API's words named a keyword beside its
    option, "(export=, --output)", and this command cut the keyword out of that text), and its lead, one of
    ``keywords`` (default: every keyword with an option) and the value ("cell='nope': ...", "results_file 'r.txt'
    must ..."), as the option and the value typed ("--cell nope: ..."): until session 59 'sweep --cell nope' said
    "argument --cell: cell='nope': ...", a keyword the user did not type."""
    said = getattr(message, "said", None)  # (a Said's, a SweepConfigError's)
    text = said(_typed(options)) if said else str(message)
    for keyword in keywords or options:
        option = options.get(keyword)
        value = getattr(args, option.lstrip("-").replace("-", "_"), None) if option else None
        if isinstance(value, str):
            for lead in (f"{keyword}={value!r}", f"{keyword} {value!r}"):
                if text.startswith(lead):
                    return f"{option} {shlex.quote(value)}{text[len(lead):]}"
    return text


def _warning_words(args, options):
    """The words of a warning the sweep gave outside its points (``caught``'s, for
    :func:`~pybamm_aea.cli._args.say_warnings`): one of the API's words that name its keywords (a
    :class:`~pybamm_aea.user_input.Said`: a results store replaced) as the user typed them, "--results r.sqlite:
    replaced ... (--replace-results)" (until session 60 Python's own line, "UserWarning: results_file 'r.sqlite':
    ... (replace_results=True (--replace-results))"); None (its class and text) for any other."""
    def words(caught):
        said = caught.message.args[0] if caught.message.args else None
        return _as_typed(said, args, options) if isinstance(said, Said) else None
    return words


def register(subparsers):
    p = _args.add_parser(
        subparsers, "sweep", "evaluate a design grid (ESC, Wh/kg, Wh/L, rate, retention)",
        "Evaluate a grid of designs through the AEA model (pybamm_aea.sweep.sweep): one row per point with ESC "
        "(mAh per g of electrode), electrode Wh/kg and Wh/L, rate capability (when C-rate is swept), capacity "
        "retention (several cycles), solve time and error (failed points are kept, with their message).",
        "Grid names: PyBaMM parameters of the set with their units ('Cathode loading [kg.m-2]', 'Ambient "
        "temperature [K]', 'Cathode porosity', ...); derived inputs 'Cathode fabrication pressure [MPa]' "
        "(the pressure the cathode is pressed at -> its porosity from the compaction data; held at the set's 'Stack "
        "pressure [MPa]'), 'Pressing and stack pressure [MPa]' (pressed and held at P, both pressures P -> porosity "
        "from the compaction data; 'Stack pressure [MPa]' alone is the held pressure, which sets no porosity, and is "
        "refused without one of these or 'Cathode porosity'), 'C-rate' (in 1/h; the rate capability needs each "
        "design's --reference-c-rate point: --rate-capability solves it where the grid lacks it, kept out of the "
        "rows), 'S8 mass fraction' (hybrid S8-Mo6S8 sets), 'Cathode thickness [um]'; and AEA options "
        "('anode', 'hysteresis', 'ionic switch', 'electronic conduction'). "
        "The default experiment starts from the set's initial state: pristine Mo6S8 for Li2021_Mo6S8, whose first "
        "discharge nucleates; for a formed cell's rate capability start it at LiMo6S8 with --grid 'Initial cathode "
        "Li content=1.0' (docs/sweeps.rst).",
        "Example:\n  pybamm-aea sweep --parameter-set Li2021_Mo6S8 --grid 'Cathode loading [kg.m-2]=0.01,0.02' "
        "\\\n      --grid 'Ambient temperature [K]=298.15:343.15:4' --results lms_sweep.sqlite --output lms_sweep.csv",
        "Exit status: 0 all points ran; 1 some points failed (count on stderr); 2 usage error (before any solve).",
    )
    options = {}  # keyword of sweep() -> its option, kept as each option is added (option_of)

    def keep(action, keyword=None):
        """Keep ``action``'s option under ``keyword``, the keyword of :func:`pybamm_aea.sweep.sweep` it sets
        (default: its dest); an option of :data:`NO_KEYWORD` sets none and is not kept."""
        if action.option_strings[0] not in NO_KEYWORD:
            options[keyword or action.dest] = action.option_strings[0]

    def add(*flags, keyword=None, **kwargs):
        keep(p.add_argument(*flags, **kwargs), keyword)

    add("--grid", action="append", type=_args.parse_grid_entry, required=True, metavar="'NAME=V1,V2,...'",
        help="one grid axis: NAME=v1,v2,... or NAME=start:stop:num, values in NAME's units (repeatable; "
             "the grid is the Cartesian product)")
    add("--parameter-set", default="Li2021_S_Mo6S8", metavar="NAME",
        help="registered parameter set, or the path of a material's .json file (save_material)"
             " (default: %(default)s)")
    add("--experiment", action="append", default=None, metavar="STEP",
        help="PyBaMM experiment step (repeatable); default: a discharge at --reference-c-rate to the set's lower "
             "cut-off, "
             "moved down by the plateau on the Li-In anode")
    add("--reference-c-rate", type=_args.float_in("--reference-c-rate", 0, low_open=True),
        default=paper_protocol.C_RATE,
        metavar="C", help="the rate the --experiment's C-rate steps are written at: a swept 'C-rate' c runs "
                          "them at c / C times their rate; the paper's by default (default: %(default)s)")
    add("--rate-capability", action="store_true",
        help="with a swept 'C-rate', also solve each design at --reference-c-rate where the grid lacks that point, "
             "for its 'Rate capability' (not a row of the table; without it the column is NaN for such designs)")
    add("--cycles", type=_args.int_at_least("--cycles", 1), default=1, metavar="N",
        help="repeat the --experiment steps N times (capacity retention, the last discharge over the 2nd, needs "
             f">= 3 discharges; {_args.CYCLES_CHECK}) (default: %(default)s)")
    add("--option", keyword="options", action="append", type=_args.key_value, default=[], metavar="KEY=VALUE",
        help="AEA model option for every point, e.g. anode=Li-In (repeatable)")
    add("--compaction", type=_args.compaction_set, default=None, metavar="SET",
        help=_args.compaction_help("compaction data for 'Cathode fabrication pressure [MPa]' or 'Pressing and stack "
                                    "pressure [MPa]' (default: from the parameter set)"))
    add("--workers", type=_args.int_at_least("--workers", 1), default=None, metavar="N",
        help="local worker processes (default: all cores; 1 = serial); with --scheduler dask and no "
             "--dask-address: workers of the LocalCluster")
    add("--threads", type=_args.int_at_least("--threads", 1), default=1, metavar="N",
        help="threads of each batched solve (IDAKLU num_threads; single-discharge sweeps) (default: %(default)s)")
    add("--scheduler", keyword="client", choices=["local", "dask"], default="local",
        help="local processes, or Dask distributed (a LocalCluster, or --dask-address) (default: %(default)s)")
    add("--dask-address", default=None, metavar="ADDRESS",
        help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786")
    add("--results", keyword="results_file", default=None, metavar="FILE",
        help="SQLite results store (.sqlite, .sqlite3 or .db): each finished batch is committed; a re-run "
             "with the same file resumes (points already in it are not run again); a store of another "
             "configuration (set, options, experiment, grid names, fixed values) is refused")
    add("--retry-failed", action="store_true", help="with --results: run the stored failed points again")
    add("--output", keyword="export", default=None, metavar="FILE",
        help="write the final table to FILE (.csv, .json or .parquet); checked before any solve")
    add("--force", action="store_true", help="overwrite an existing --output (never the --results store)")
    add("--replace-results", action="store_true",
        help="replace a --results file that is not a results store or holds another configuration (its "
             "points are dropped, and the count is printed)")
    keep(_args.add_cathode_cells(p))
    add("--mesh-check", action="store_true",
        help="also run every point on a finer mesh (as pybamm_aea.mesh_check refines a run the mesh may decide: "
             "8x the cells, 160 at least, for Mo6S8's multi-phase host; else twice): columns 'Fine-mesh ...' and "
             "'Mesh converged' (ESC "
             "within 1 %%, mean discharge voltage within 10 mV); with --results the fine rows go to "
             "FILE's stem + '.fine' + its suffix")
    add("--cell", default=None, metavar="PRESET",
        help="also the cell-level Wh/kg and Wh/L of each point on a stack of pybamm_aea.energy.cell_preset: "
             f"{', '.join(map(repr, cell_preset_names.NAMES))}, built around the point's cathode, as "
             "cycle_summary(cell=) computes them (the cell's energy as simulated, not re-referenced to the preset's "
             "anode). Presets only here; a stack of your own (a pybamm_aea.energy.Cell): pybamm_aea.sweep(cell=)")
    keep(_args.add_no_progress(p), "progress")
    p.set_defaults(func=run, parser=p, **{OPTION_TABLE: options})
    return p


def _spans(labels):
    """Row labels as "0-3, 7, 9-10" (consecutive integers joined)."""
    out, run = [], []
    for label in labels:
        if run and isinstance(label, int) and isinstance(run[-1], int) and label == run[-1] + 1:
            run.append(label)
            continue
        if run:
            out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else f"{run[0]}")
        run = [label]
    if run:
        out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else f"{run[0]}")
    return ", ".join(out)


def warning_lines(df, prog):
    """The lines printed on stderr for ``df.attrs["warnings"]``, after the command's name ``prog`` ("pybamm-aea
    sweep", as simulate's, screen's and energy's warnings; the set's name until session 54): one per warning class,
    its first full text once, then the rows it is in (the table's index labels, the rows' order in --output) and how
    many texts the class has (a class's texts differ by each row's figures, which the rows' short forms give). Until
    session 49 each distinct text was a line: the nucleation warning of 20 LMS points printed 6 lines of 613
    characters alike but their figures."""
    groups = {}
    for said in df.attrs["warnings"]:
        groups.setdefault(said["warning"], []).append(said)
    lines = []
    for category, group in groups.items():
        rows = sorted({r for said in group for r in said["rows"]})
        texts = (f"; {len(group)} texts alike but their figures, the first here, each row's short form in the "
                 "warnings column of --output" if len(group) > 1 else "")
        lines.append(f"{prog}: warning, {len(rows)} of {len(df)} points (row{'s' if len(rows) > 1 else ''} "
                     f"{_spans(rows)}{texts}): {category}: {group[0]['text']}")
    return lines


def _grid(args):
    """The grid of the --grid entries; a value outside its physical range (the model's table,
    :data:`pybamm_aea.models.checks.RANGES`) is a usage error, before any solve."""
    from pybamm_aea.models.checks import check_value

    grid = {}
    for name, vals in args.grid:
        if name in grid:
            raise _args.error(args.parser, f"argument --grid: {name!r} given twice")
        for v in vals:
            if isinstance(v, float):
                try:
                    check_value(name, v)
                except ValueError as exc:
                    raise _args.error(args.parser, f"argument --grid: {exc}")
        grid[name] = vals
    return grid


def _dask_client(args):
    """(client, cluster) for --scheduler dask, (None, None) otherwise."""
    if args.scheduler != "dask":
        if args.dask_address:
            raise _args.error(args.parser, "argument --dask-address: only with --scheduler dask")
        return None, None
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise _args.error(args.parser, "argument --scheduler: dask is not installed (pip install 'dask[distributed]')")
    if args.dask_address:
        try:
            return Client(args.dask_address), None
        except (OSError, ValueError) as exc:  # Dask's three chained tracebacks said no more than this
            raise _args.error(args.parser, f"argument --dask-address: cannot connect to a Dask scheduler at "
                                           f"{args.dask_address!r}: "
                                           f"{exc} (is the scheduler running, and is the address its tcp://host:port?)")
    cluster = LocalCluster(n_workers=args.workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None)
    return Client(cluster), cluster


def run(args):
    from pybamm_aea.models.aea import AEAOptionError
    from pybamm_aea.sweep import SweepConfigError, SweepNote, sweep
    import pandas as pd

    parser = args.parser
    grid = _grid(args)
    if args.cycles > 1 and not args.experiment:
        raise _args.error(parser, "argument --cycles: give the cycle's steps with --experiment")
    if args.output:
        _args.check_output(parser, args.output, OUTPUT_FORMATS)
    if args.retry_failed and not args.results:
        raise _args.error(parser, "argument --retry-failed: only with --results")
    experiment = _args.experiment_steps(parser, args.experiment, args.cycles) if args.experiment else None
    client, cluster = _dask_client(args)
    if client is not None:
        print(f"Dask: {client}", file=sys.stderr)
    t0 = time.perf_counter()
    options = option_of(parser)
    try:
        with warnings.catch_warnings(record=True) as caught:  # said below as this command's lines; the sweep's
            warnings.simplefilter("ignore", SweepNote)  # notes too, from the table's attrs
            df = sweep(grid, parameter_set=args.parameter_set, experiment=experiment, client=client,
                       options=dict(args.option) or None, results_file=args.results, workers=args.workers,
                       compaction=args.compaction, retry_failed=args.retry_failed, progress=_args.progress_shown(args),
                       export=args.output, force=args.force, replace_results=args.replace_results,
                       threads=args.threads, cathode_cells=args.cathode_cells, mesh_check=args.mesh_check,
                       reference_c_rate=args.reference_c_rate, cell=args.cell,
                       rate_capability=args.rate_capability)
    except SweepConfigError as exc:
        if isinstance(exc.__cause__, AEAOptionError):  # (the model's, e.g. its hysteresis: said as it was typed)
            swept = [name for name, _ in args.grid]

            def typed(name, value):  # (an option swept by --grid, or fixed by --option or the model's default)
                return f"--grid {shlex.quote(f'{name}={value}')}" if name in swept else _args.typed_option(name, value)

            where = "--grid" if exc.__cause__.option in swept else "--option"
            raise _args.error(parser, _args.option_refusal(exc.__cause__, typed, where, dict(args.option), grid))
        option = options.get(exc.argument)
        raise _args.error(parser, f"argument {option}: {_as_typed(exc, args, options, [exc.argument])}" if option
                          else str(exc))
    finally:
        for resource in (client, cluster):
            if resource is not None:
                resource.close()
    wall = time.perf_counter() - t0
    _args.say_warnings(parser.prog, caught, _warning_words(args, options))
    show = [c for c in df.columns if c not in HIDDEN_COLUMNS]
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.max_rows", 60,
                           "display.float_format", "{:.6g}".format, "display.max_colwidth", 60):
        print(df[show].to_string(index=False) if len(df) <= 60 else df[show])
        reference = pd.DataFrame(df.attrs["reference points"])  # (--rate-capability's, kept out of the rows: the
        if len(reference):  # note of a rate not solved says they are printed here; until session 61 never shown)
            print(f"\n{REFERENCE_POINTS_SAID}")
            print(reference[[c for c in show if c in reference.columns]].to_string(index=False))
    for note in df.attrs["notes"]:  # the facts of the whole sweep, said once, as the user typed its options
        print(f"{parser.prog}: warning: {_as_typed(note, args, options)}", file=sys.stderr)
    for line in warning_lines(df, parser.prog):  # each class's full text once, then its rows
        print(line, file=sys.stderr)
    failed = df.attrs["failed"]
    warned = int(df["warnings"].notna().sum())  # e.g. a discharge that delivered nothing: not an error, said
    points = _args.count(len(df), "point")
    print(f"\n{points} in {wall:.1f} s ({failed} failed, {warned} with warnings)", file=sys.stderr)
    if args.output:
        print(f"wrote {args.output}", file=sys.stderr)
    if failed:
        print(f"pybamm-aea sweep: {failed} of {points} failed (see the error column)", file=sys.stderr)
        return EXIT_POINTS_FAILED
    return 0
