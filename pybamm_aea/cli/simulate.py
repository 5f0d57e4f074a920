"""``pybamm-aea simulate``: a parameter set + PyBaMM experiment strings -> time series, step table, plot."""
import decimal
import math
from pathlib import Path
import re
import sys
import time
import warnings

from pybamm_aea.paper_protocol import c_rate_text

from . import _args

#: columns of every time series, and of AEA runs
COLUMNS = (
    "Time [s]", "Time [h]", "Current [A]", "Voltage [V]", "Discharge capacity [A.h]", "Discharge energy [W.h]",
    "Throughput capacity [A.h]",
)
AEA_COLUMNS = (
    "Electrode specific capacity [mA.h.g-1]", "Average cathode Li content", "Li0 film thickness [m]",
    "Average cathode Li0 phase fraction", "Average cathode Li1 phase fraction", "Average cathode Li3 phase fraction",
    "Average cathode Li4 phase fraction",
)
OUTPUT_FORMATS = (".csv", ".parquet")


def register(subparsers):
    p = _args.add_parser(
        subparsers, "simulate",
        "run a parameter set through a PyBaMM experiment; time series CSV/Parquet, step summary and plot",
        "Run one cell through a PyBaMM experiment and write its time series (CSV, or Parquet when FILE ends in "
        ".parquet and pyarrow is installed; an AEA cell's also carries 'Anode OCP [V]' (0 on Li metal), which "
        "cycle_summary adds to the voltage), a per-step summary CSV (FILE stem + '_steps.csv': duration h, "
        "capacity mAh and mAh/g, energy mWh, end voltage V, termination), a voltage plot PNG and, with --cycles "
        "> 1, a per-cycle table (FILE stem + '_cycles.csv': pybamm_aea.cycling.cycle_summary's capacity, energy, "
        "efficiency, retention and loss columns; its '(discharged basis)' columns are empty: they need the "
        "electrode's make-up, cycle_summary(..., electrode=...)).",
        "Example:\n  pybamm-aea simulate --parameter-set Li2021_Mo6S8 --experiment \"Discharge at 0.1C until "
        "1.8 V\" \\\n      --experiment \"Charge at 0.1C until 2.8 V\" --cycles 3 --output lms.csv",
    )
    p.add_argument("--parameter-set", default="Li2021_Mo6S8", metavar="NAME",
                   help="registered PyBaMM parameter set (Li2021_Mo6S8, Li2021_TiS2, ...; Xu2019 etc. with "
                        "--model DFN) (default: %(default)s)")
    p.add_argument("--model", default="AEA", choices=["AEA", "DFN", "SPMe", "SPM"],
                   help="AEA: pybamm_aea.AEA; DFN/SPMe/SPM: PyBaMM's lithium-ion models (e.g. with "
                        "--option 'working electrode=positive' for a half cell; Li2021_S_C_LGPS takes the options "
                        "of pybamm_aea.conventional.s_c_lgps_model(), a half cell, unless --option gives them)"
                        " (default: %(default)s)")
    p.add_argument("--experiment", action="append", default=None, metavar="STEP",
                   help="a PyBaMM experiment step, e.g. 'Discharge at 0.1C until 1.8 V' (repeat for several steps; "
                        "default: a formation discharge of the pristine cell, then --cycles cycles of charge and "
                        f"discharge, at {c_rate_text()} (the paper's) between the set's voltage cut-offs (a formation "
                        "charge, then discharge and charge, for a set lithiated as made, e.g. AEA_LiCoO2), on the "
                        "Li-In anode moved down by its plateau as the model's defaults)")
    p.add_argument("--cycles", type=_args.int_at_least("--cycles", 1), default=1, metavar="N",
                   help=f"repeat the --experiment steps N times, as N cycles; without --experiment, N cycles "
                        f"after the formation step, which is cycle 1 of FILE stem + '_cycles.csv': a discharge, then "
                        f"cycles of charge and discharge (a charge, then cycles of discharge and charge, for a set "
                        f"lithiated as made, e.g. AEA_LiCoO2), one discharge per cycle, as in the built-in "
                        f"comparison (pybamm-aea without a subcommand). "
                        f"The retention printed is that table's 'Capacity retention [%%]' of the last cycle, "
                        f"relative to cycle 2, the first after the formation ({_args.CYCLES_CHECK})"
                        " (default: %(default)s)")
    p.add_argument("--termination", default=None, metavar="TEXT",
                   help="stop the cycles early, as PyBaMM's Experiment(termination=...): '80%% capacity', "
                        "'0.0001 A.h capacity' (PyBaMM's \"Capacity [A.h]\", below the cell's; '0.1 mA.h capacity' "
                        "is converted to it, and said), or '2.5 V' (a minimum voltage)")
    p.add_argument("--save-at-cycles", type=_save_at_cycles, default=None, metavar="N or LIST",
                   help="keep the time series of these cycles only, as PyBaMM's solve(save_at_cycles=...): N keeps "
                        "every Nth cycle (and the first), '1,500' the cycles listed; the others are in FILE stem + "
                        "'_cycles.csv' (from their first and last states) but not in FILE or the plot")
    p.add_argument("--option", action="append", type=_args.key_value, default=[], metavar="KEY=VALUE",
                   help="model option, e.g. anode=Li-In (repeatable)")
    p.add_argument("--set", dest="set_values", action="append", type=_args.key_value, default=[],
                   metavar="'NAME=VALUE'",
                   help="override a parameter in its own units, e.g. 'Cathode loading [kg.m-2]=0.03' or "
                        "'Ambient temperature [K]=298.15' (repeatable)")
    p.add_argument("--variable", action="append", default=[], metavar="NAME",
                   help="extra model variable to add to the time series (repeatable)")
    p.add_argument("--output", default="aea_simulation.csv", metavar="FILE",
                   help="time-series file: .csv, or .parquet (needs pyarrow) (default: %(default)s)")
    p.add_argument("--plot", default=None, metavar="PNG",
                   help="voltage plot file (default: FILE with .png; .pdf, .svg, ... by its suffix)")
    p.add_argument("--force", action="store_true",
                   help="overwrite existing output files (FILE, its _steps.csv and _mesh.csv, the plot)")
    _args.add_cathode_cells(p)
    _args.add_no_progress(p)
    p.add_argument("--mesh-check", action="store_true",
                   help="solve again on a finer mesh (twice the cells; 8x, 160 at least, for a run the solve warns "
                        "the mesh "
                        "decides: pybamm_aea.mesh_check) and compare step by step (capacity within 1 %% "
                        "of the largest step's, end voltage within 10 mV, same termination); writes FILE stem + "
                        "'_mesh.csv' and says which steps moved")
    p.set_defaults(func=run, parser=p)
    return p


def _parameter_values(args):
    import pybamm

    from pybamm_aea.parameters import PYBAMM_MODEL_SETS, is_aea_set, unknown_set_message
    from pybamm_aea.user_input import close_names, first_repeat

    try:
        values = pybamm.ParameterValues(args.parameter_set)
    except Exception as exc:
        if args.parameter_set in list(pybamm.parameter_sets):  # (a set that fails to load: PyBaMM's words)
            raise _args.error(args.parser, f"argument --parameter-set: {args.parameter_set!r}: {exc}")
        raise _args.error(args.parser, "argument --parameter-set: "
                          + unknown_set_message(args.parameter_set, pybamm.parameter_sets))

    if args.model == "AEA" and not is_aea_set(values):
        model = PYBAMM_MODEL_SETS.get(args.parameter_set, "PyBaMM's models (--model DFN, SPMe or SPM)")
        raise _args.error(args.parser, f"argument --parameter-set: {args.parameter_set!r} is not a set of the AEA "
                                       "model; it is "
                                       f"for {model}")
    if args.model != "AEA" and is_aea_set(values):
        raise _args.error(args.parser, f"argument --model: {args.parameter_set!r} is a set of the AEA model (--model "
                                       "AEA); "
                                       f"PyBaMM's {args.model} needs one of PyBaMM's sets, e.g. Xu2019")
    repeated = first_repeat([name for name, _ in args.set_values])
    if repeated is not None:
        raise _args.error(args.parser, f"argument --set: {repeated!r} is set twice (the last value would win silently)")
    from pybamm_aea.models.checks import check_value

    for name, value in args.set_values:
        if name not in values.keys():
            close = close_names(name, values.keys())
            raise _args.error(args.parser, f"argument --set: {args.parameter_set} has no parameter {name!r}"
                                           + (f"; did you mean {close}?" if close else ""))
        if not isinstance(value, float):
            raise _args.error(args.parser, f"argument --set: value of {name!r} must be a number, got {value!r}")
        try:  # the model's physical ranges (pybamm_aea.models.checks.RANGES), before any build
            check_value(name, value)
        except ValueError as exc:
            raise _args.error(args.parser, f"argument --set: {exc}")
    return values


def _model(args, values):
    """The model of --model with --option; for AEA, 0.1C keeps meaning 0.1C of the electrode when --set changes its
    capacity (the loading, the dispersed-material fraction, the electrode's area: the nominal capacity is rescaled by
    the cathode's capacity as made, :func:`pybamm_aea.models.step_checks.theoretical_cathode_capacity`)."""
    import pybamm

    from pybamm_aea.models.aea import AEAOptionError

    options = dict(args.option)
    if args.model != "AEA":
        from pybamm_aea.readout import ENERGY_OPTIONS

        options = {**ENERGY_OPTIONS, **options}
        if args.parameter_set == "Li2021_S_C_LGPS":  # its half cell's options, unless --option gives them
            from pybamm_aea.conventional import MODEL_OPTIONS

            options = {**MODEL_OPTIONS, **options}
    try:
        if args.model == "AEA":
            from pybamm_aea import AEA

            model = AEA(options)
        else:
            model = getattr(pybamm.lithium_ion, args.model)(options)
    except AEAOptionError as exc:  # (the model's, e.g. its hysteresis: said as --option was typed)
        raise _args.error(args.parser, _args.option_refusal(exc, _args.typed_option, "--option",
                                                        dict(args.option)))
    except Exception as exc:
        # (PyBaMM's OptionError opens with a newline)
        raise _args.error(args.parser, f"argument --option: {str(exc).strip()}")
    if args.model == "AEA" and model.options["anode"] == "Li-In":  # the set's window is vs Li metal: moved down
        from pybamm_aea.parameters.paper_cell import li_in_cut_offs  # by the plateau, as the model's defaults

        values.update(li_in_cut_offs(values))
    overrides = dict(args.set_values)
    if args.model == "AEA" and "Nominal cell capacity [A.h]" not in overrides:
        # the C-rate basis follows the cathode's capacity as made (pybamm_aea.models.summary.theoretical_capacity):
        # every parameter --set changes it by (loading, dispersed-material fraction, electrode width and height,
        # ...), at the set's ratio of the two (1 for each registered set); an electrode twice as wide ran its "0.1C"
        # at 0.05C (session 47); the sweep's rule (rescaled_nominal_capacity)
        from pybamm_aea.models.step_checks import rescaled_nominal_capacity

        values["Nominal cell capacity [A.h]"] = rescaled_nominal_capacity(
            values["Nominal cell capacity [A.h]"], values, overrides, model=model)
    values.update(overrides)
    return model


def _default_steps(values):
    """Discharge, charge, discharge at 0.1C between the set's cut-offs; charge, discharge, charge for an AEA set
    lithiated as made (:func:`pybamm_aea.parameters.starts_with_charge`: its default current is a charge; a
    discharge first delivered 0.01 % of AEA_LiCoO2's window). The first is the formation step, a cycle of its own;
    the other two are the cycle --cycles repeats (:func:`run`): repeating all three made each cycle after the first
    hold two discharges, the first of them skipped at its cut-off (TiS2 --cycles 2: cycle 1 475.76 mA.h/g, CE
    2.00; session 47)."""
    from pybamm_aea.parameters import is_aea_set, starts_with_charge

    low, high = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
    rate = c_rate_text()  # (the paper's, pybamm_aea.paper_protocol: the help says it from there too)
    discharge, charge = f"Discharge at {rate} until {low:g} V", f"Charge at {rate} until {high:g} V"
    if is_aea_set(values) and starts_with_charge(values):
        return [charge, discharge, charge]
    return [discharge, charge, discharge]


def plot(df, path, title):
    """Voltage vs time and vs capacity (mAh/g of electrode when the series has ESC) of a time series."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from pybamm_aea import figures
    from pybamm_aea.readout import ESC

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    ax1.plot(df["Time [h]"], df["Voltage [V]"], lw=1.3)
    ax1.set(xlabel="time (h)", ylabel="voltage (V)", title=title)
    per_g = ESC in df
    for (ic, js), part in df.groupby(["Cycle", "Step"]):
        q = part[ESC] if per_g else part["Discharge capacity [A.h]"] * 1e3
        ax2.plot((q - q.iloc[0]).abs(), part["Voltage [V]"], lw=1.2, label=f"cycle {ic}, step {js}")
    ax2.set(xlabel="capacity (mAh per g of electrode)" if per_g else "capacity (mAh)", ylabel="voltage (V)")
    if df.groupby(["Cycle", "Step"]).ngroups <= 12:
        ax2.legend(fontsize=7)
    for ax in (ax1, ax2):
        ax.grid(alpha=0.3)
    fig.tight_layout()
    return figures.save(fig, path, dpi=130)


def retention_text(discharges, model, summary=None, undefined=None):
    """The run's capacity retention as a sentence; an AEA run without a degradation option says that nothing in it
    fades. With the per-cycle ``summary`` (:func:`pybamm_aea.cycling.cycle_summary`, a run of more than one cycle) it
    is that table's "Capacity retention [%]" of the last cycle, the one definition (what each cycle's discharge
    delivered over the reference cycle's), undefined with ``undefined`` (its RetentionUndefinedWarning's text) or
    while no cycle follows the reference: "last discharge over the 2nd" disagreed with the table for a set lithiated
    as made (AEA_LiCoO2, whose cycle 1 is a charge: undefined on a run the table gave 100.0 %; session 47). Without
    it (one cycle), the last of the kept ``discharges`` (:func:`pybamm_aea.readout.discharge_steps`) over the 2nd."""
    from pybamm_aea.models.aea import AEAOptions
    from pybamm_aea.readout import capacity_retention

    if summary is not None:
        ref, last = summary.attrs.get("Reference cycle"), summary.index[-1]
        retention = summary["Capacity retention [%]"].iloc[-1] / 100
        if undefined:
            return undefined
        if ref is None or last <= ref or not math.isfinite(retention):
            return (f"capacity retention is undefined: it needs a cycle after cycle {ref} (the reference) with a "
                    f"discharge; the last is cycle {last}")
        text = f"capacity retention {retention:.1%} (cycle {last}'s discharge over cycle {ref}'s)"
    else:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            retention = capacity_retention([d[0] for d in discharges])
        if caught:
            return str(caught[0].message)
        text = f"capacity retention {retention:.1%} (last discharge over the 2nd)"
    if isinstance(model.options, AEAOptions) and all(model.options[k] == "none" for k in AEAOptions.DEGRADATION):
        text += "; no degradation option is on (--option 'Li trapping=irreversible', ...)"
    return text


def run(args):
    import pybamm

    from pybamm_aea import readout
    from pybamm_aea.cycling import ANODE_OCP
    from pybamm_aea.models.checks import MissingParameterError
    from pybamm_aea.models.start_advice import ExperimentStepFailedWarning
    from pybamm_aea.models.step_checks import NominalCapacityMismatchWarning, check_step_values, check_termination
    from pybamm_aea.progress import ExperimentProgress
    from pybamm_aea.pybamm_adapter.model_internals import summary_has_capacity
    from pybamm_aea.user_input import close_names

    _args.check_output(args.parser, args.output, OUTPUT_FORMATS)
    output = Path(args.output)
    plot_path = Path(args.plot) if args.plot else output.with_suffix(".png")
    _check_plot_path(args.parser, plot_path)
    written = [output, output.with_name(output.stem + "_steps.csv")]
    cycles_path = output.with_name(output.stem + "_cycles.csv")
    # the experiment's cycles: --cycles, after the default experiment's formation step (a cycle of its own)
    n_cycles = args.cycles + (0 if args.experiment else 1)
    if n_cycles > 1:
        written.append(cycles_path)
    elif args.termination or args.save_at_cycles is not None:
        raise _args.error(args.parser, f"argument {'--termination' if args.termination else '--save-at-cycles'}: needs "
                                       f"--cycles > 1 (a run of one cycle has nothing to stop early or to leave out)")
    if args.mesh_check:
        written.append(output.with_name(output.stem + "_mesh.csv"))
    _args.check_not_overwritten(args.parser, written, args.force)
    _args.check_not_overwritten(args.parser, [plot_path], args.force, "--plot" if args.plot else "--output")
    values = _parameter_values(args)
    model = _model(args, values)
    if args.experiment:
        steps = _args.experiment_steps(args.parser, args.experiment, args.cycles)
    else:  # the formation step, then --cycles cycles of the other two
        formation, *cycle = _default_steps(values)
        steps = _args.experiment_steps(args.parser, cycle, args.cycles, first=formation)
    # The experiment's checks, said as usage errors naming the argument before the solve. They stay here though
    # the AEA model's solve runs them again (pybamm_adapter.experiment_inputs; the second run costs 0.14 ms for 3
    # steps, 4.8 ms for 500 cycles of them): check_termination is the only check on PyBaMM's models (their solver
    # is not the checked one), and a ValueError out of the solve does not say which argument is at fault (the
    # build's checks of the parameter values and PyBaMM's own raise ValueErrors too), so it could not be told as
    # --termination's or --experiment's.
    termination = _termination(args.parser, args.termination)
    if termination != args.termination:
        print(f"{args.parameter_set}: --termination {args.termination!r} read as {termination!r} (PyBaMM's capacity "
              "termination is in A.h)")
    try:
        experiment = pybamm.Experiment(steps, termination=termination)
        # (the library's check, for PyBaMM's models too; a termination converted from mA.h is not asked whether
        # it was given in mA.h)
        check_termination(experiment, values, slip_hints=termination == args.termination)
    except ValueError as exc:
        raise _args.error(args.parser, f"argument --termination: {args.termination!r}: {exc}")
    if "capacity" in experiment.termination and not summary_has_capacity(model):
        # (any model without it, PyBaMM's half cells for one: the solve raised KeyError "Variable 'Capacity [A.h]' is
        # not a summary variable." after cycle 1, the cycles run lost)
        raise _args.error(args.parser, f"argument --termination: {args.termination!r}: the {args.model} model of "
                                       f"{args.parameter_set} has no \"Capacity [A.h]\" summary variable, which a "
                                       f"capacity termination stops on (a model has one of its own, as AEA, or from "
                                       f"PyBaMM's eSOH, which only its full cells of one particle phase get; any "
                                       f"model without one cannot stop on capacity, e.g. a half cell of PyBaMM's); "
                                       f"give a voltage termination instead "
                                       f"('<voltage> V': the run ends after a cycle whose lowest voltage is at "
                                       f"or below it)")
    if args.model == "AEA":  # the checks the AEA model's solve makes of the steps
        try:
            check_step_values(experiment.steps, None, values, model.options["anode"])  # (as the solve's: its anode)
        except ValueError as exc:
            raise _args.error(args.parser, f"argument --experiment: {exc}")
    if args.mesh_check and args.save_at_cycles is not None:
        raise _args.error(args.parser, "argument --mesh-check: compares every step's time series, which "
                                       "--save-at-cycles "
                                       "leaves out")
    columns = list(COLUMNS) + (list(AEA_COLUMNS) if args.model == "AEA" else [])
    if args.model == "AEA":
        # the cathode's voltage vs Li is "Voltage [V]" + it (0 on Li metal): cycle_summary of the file reads it
        # (without, a file was the cell's vs Li-In, 0.62 V low; since session 58 cycle_summary refuses a series that
        # says nothing)
        columns.append(ANODE_OCP)
    for v in args.variable:
        if v not in model.variables:
            close = close_names(v, model.variables.keys())
            raise _args.error(args.parser, f"argument --variable: the model has no variable {v!r}"
                                           + (f"; did you mean {close}?" if close else ""))
        columns.append(v)
    t0 = time.perf_counter()
    # (--no-progress was refused as unknown until session 53, where sweep took it)
    progress = ExperimentProgress(desc=args.parameter_set, show=_args.progress_shown(args))
    var_pts = _var_pts(args, model)
    try:
        with warnings.catch_warnings(record=True) as caught:  # a later step's failure is told once, by
            warnings.simplefilter("ignore", ExperimentStepFailedWarning)  # progress.stopped below (same text)
            warnings.simplefilter("always", NominalCapacityMismatchWarning)
            sim = pybamm.Simulation(model, parameter_values=values.copy(), experiment=experiment, var_pts=var_pts)
            solution = sim.solve(callbacks=[progress], save_at_cycles=args.save_at_cycles)
        # the warnings as this command's lines (Python's showed this file's path and source line, or "<frozen
        # runpy>:88:"), the nominal capacity's advice as this command's option; "pybamm-aea simulate: warning: ..." as
        # screen's and energy's (the set's name, "Li2021_Mo6S8: warning: ...", until session 54)
        _args.say_warnings(args.parser.prog, caught, _nominal_capacity_advice)
    except MissingParameterError as exc:  # a set of the user's written before a parameter the model reads now
        raise _args.error(args.parser, f"argument --parameter-set: {args.parameter_set!r}: {exc}")
    except KeyError as exc:  # PyBaMM's model reads a parameter the set has not: a half-cell set on a full cell, ...
        missing = re.search(r"'(.+?)' not found", str(exc.args[0]) if exc.args else "")
        if args.model == "AEA" or missing is None or missing.group(1) in values.keys():
            raise
        electrode = model.options["working electrode"]
        hint = ("a half-cell set (e.g. Xu2019) needs --option 'working electrode=positive'" if electrode == "both"
                else "a full-cell set (e.g. Chen2020) needs PyBaMM's default 'working electrode=both'")
        raise _args.error(args.parser, f"argument --parameter-set: {args.parameter_set!r} has not every parameter "
                                       "PyBaMM's "
                                       f"{args.model} reads with 'working electrode' = {electrode!r} "
                                       f"({exc.args[0] if exc.args else exc}); {hint}")
    except pybamm.SolverError as exc:  # the first step failed: nothing to write
        print(f"{args.parser.prog}: the solver failed in the first step ({experiment.steps[0]}), nothing "
              f"written: {exc}", file=sys.stderr)
        return 1
    wall = time.perf_counter() - t0
    if not getattr(solution, "cycles", None) or not any(True for _ in readout.iter_steps(solution)):
        raise _args.error(args.parser, f"argument --experiment: no step could run: each starts at or beyond its "
                                       "cut-off "
                                       f"({'; '.join(map(str, experiment.steps))})")
    if args.model == "AEA" and not solution["Cathode host has the LixMo6S8 phases"].entries[0]:
        # the phase map is LixMo6S8's: zero on another host, so left out unless asked for
        columns = [c for c in columns if not c.endswith("phase fraction") or c in args.variable]

    # the default columns the model has not (a PyBaMM model without "Throughput capacity [A.h]", ...) are left out
    columns = [c for c in columns if c in solution.all_models[0].variables]
    df = readout.time_series(solution, columns)
    _args.write_table(df, output, OUTPUT_FORMATS)
    mass_g = readout.electrode_mass_volume(solution)[0] if args.model == "AEA" else None
    steps_table = readout.step_table(solution, readout.step_descriptions(experiment), mass_g)
    steps_path = _args.write_table(steps_table, output.with_name(output.stem + "_steps.csv"))
    png = plot(df, plot_path, f"{args.parameter_set} ({args.model})")[0]
    written, summary = [f"{output} ({len(df)} rows)", steps_path, png], None
    stranded, undefined = [], None
    if n_cycles > 1:
        from pybamm_aea.cycling import cycle_summary
        from pybamm_aea.readout import RetentionUndefinedWarning

        with warnings.catch_warnings(record=True) as caught:  # a retention undefined on a run of one cycle: the
            warnings.simplefilter("always")  # text says so; the others (sulfur a charge stranded, energies not
            summary = cycle_summary(solution)  # kept) are told below
        undefined = next((str(w.message) for w in caught if issubclass(w.category, RetentionUndefinedWarning)), None)
        stranded = [str(w.message) for w in caught
                    if issubclass(w.category, UserWarning) and not issubclass(w.category, RetentionUndefinedWarning)]
        summary_file = _args.write_table(summary.reset_index(), cycles_path)
        written.append(f"{summary_file} ({_args.count(len(summary), 'cycle')})")
    with warnings.catch_warnings():  # cycles not kept: their discharges are not listed (the table has them)
        warnings.simplefilter("ignore")
        # (their capacities are read; a PyBaMM full cell has no energy against Li: the cell's)
        basis = "cell" if readout.vs_li_undefined(solution.all_models[0]) else "vs Li"
        discharges = readout.discharge_steps(solution, arrays=False, energy=basis)
    # a cycle --save-at-cycles dropped ran its steps too (they are not in the steps table): count them all
    solved = sum(len(c.steps) if c is not None else experiment.cycle_lengths[k] for k, c in enumerate(solution.cycles))
    kept = "" if solved == len(steps_table) else f", {len(steps_table)} kept in the time series"
    print(f"{args.parameter_set}: {_args.count(solved, 'step')} in {_args.count(len(solution.cycles), 'cycle')} "
          f"solved in "
          f"{wall:.2f} s{kept} "
          f"({solution.termination}); "
          f"{retention_text(discharges, model, summary, undefined)}")
    print(f"wrote {', '.join(map(str, written))}")
    from pybamm_aea.sweep.metrics import first_discharge_warned

    warned = first_discharge_warned(caught, solution)  # (the window warning's step 1: not said again)
    note = negligible_discharges_note(discharges, values, mass_g, solution, first_warned=warned)
    if note:  # the sweep's own test of a discharge that delivered nothing (a pristine compact at a high rate)
        print(f"{args.parser.prog}: warning: {note}", file=sys.stderr)
    for text in stranded:  # (the table's column holds it per cycle)
        print(f"{args.parser.prog}: warning: {text}", file=sys.stderr)
    if progress.stopped:  # the files hold the steps that ran; the exit status says the experiment did not
        print(f"{args.parser.prog}: {progress.stopped}; the files hold the steps that ran", file=sys.stderr)
        return 1
    if args.mesh_check:
        from pybamm_aea.convergence import mesh_check, verdict

        table = mesh_check(model, values, experiment, var_pts, coarse_solution=solution)  # it solves copies
        mesh_path = _args.write_table(table, output.with_name(output.stem + "_mesh.csv"))
        coarse, fine = table.attrs["var_pts"]["coarse"], table.attrs["var_pts"]["fine"]
        meshes = ", ".join(f"{name} {coarse[name]} -> {n}" for name, n in fine.items())
        print(f"mesh check ({meshes} cells): {verdict(table)}; wrote {mesh_path}")
    return 0


def negligible_discharges_note(discharges, values, mass_g, solution=None, first_warned=False):
    """The sweep's note (:func:`pybamm_aea.sweep.metrics.note_negligible_discharges`) on the kept ``discharges``
    (:func:`pybamm_aea.readout.discharge_steps`) that delivered less than 1 % of the window, the set's "Nominal cell
    capacity [A.h]" (rescaled with --set as the sweep's), or None. ``mass_g`` the electrode's mass [g] (None for
    PyBaMM's models: the note is in mA.h); ``solution`` the one they are of, whose steps' terminations say how each
    ended (None: not said); ``first_warned``: the first discharge left out, a StartOutsideWindowWarning or a
    FirstStepLossesWarning having said it
    (:func:`pybamm_aea.sweep.metrics.first_discharge_warned`)."""
    from pybamm_aea.readout import iter_discharges
    from pybamm_aea.sweep.metrics import note_negligible_discharges

    metrics = {"warnings": None}
    ends = None if solution is None else (lambda: [step.termination for step, _ in iter_discharges(solution)])
    note_negligible_discharges(metrics, discharges, mass_g, float(values["Nominal cell capacity [A.h]"]), ends,
                               left_out=(1,) if first_warned else ())
    return metrics["warnings"]


#: --termination's capacity in mA.h, the unit this command says a cell's capacity in: "0.7 mA.h capacity" (or "0.7
#: mAh capacity"), which PyBaMM's parser failed on ("could not convert string to float: '0.7m'", review R19)
_MILLI_AMP_HOURS = re.compile(r"(?P<number>\S+?)\s*(?:mA\.h|mAh)\s+capacity")
#: a capacity termination PyBaMM's parser takes (its number aside): "<number> A.h capacity", "<number>% capacity"
_CAPACITY_FORMS = re.compile(r"\S+?\s*(?:A\.h|Ah|%)\s+capacity")


def _nominal_capacity_advice(w):
    """A :class:`NominalCapacityMismatchWarning` said as this command's option (``--set 'Nominal cell capacity
    [A.h]=...'``); None for another warning (said as it is, :func:`~pybamm_aea.cli._args.say_warnings`)."""
    from pybamm_aea.models.step_checks import NominalCapacityMismatchWarning

    if not isinstance(w.message, NominalCapacityMismatchWarning):
        return None
    return (f"{w.message.facts}. For C-rates of this electrode give --set 'Nominal cell capacity "
            f"[A.h]={w.message.capacity:.4g}', or the current in A")


def _termination(parser, text):
    """--termination ``text`` as PyBaMM's ``Experiment(termination=...)`` reads it: a capacity in mA.h converted to
    A.h ("0.7 mA.h capacity" -> "0.0007 A.h capacity", by a decimal shift: no binary round-off added), else as given.
    A capacity in another unit ("0.7 kA.h capacity", PyBaMM's "could not convert string to float: '0.7k'") is a usage
    error naming the forms taken. None: no termination."""
    if text is None:
        return None
    match = _MILLI_AMP_HOURS.fullmatch(text.strip())
    if match is not None:
        try:
            number = decimal.Decimal(match["number"])
        except decimal.InvalidOperation:
            number = None
        if number is not None and number.is_finite():
            return f"{number.scaleb(-3).normalize():f} A.h capacity"  # (100 mA.h: '0.1', not '0.100')
    elif not text.strip().endswith("capacity") or _CAPACITY_FORMS.fullmatch(text.strip()) is not None:
        return text
    raise _args.error(parser, f"argument --termination: {text!r}: a capacity termination is '<number> A.h capacity' "
                              f"(PyBaMM's \"Capacity [A.h]\"), '<number> mA.h capacity' (converted to A.h) or "
                              f"'<number>% capacity' (of cycle 1's), the number a decimal one (0.0001, 1e-4)")


def _save_at_cycles(text):
    """Type: ``"N"`` -> N (every Nth cycle, PyBaMM's meaning), ``"1,500"`` -> [1, 500]; cycle numbers >= 1 (the
    library's check, :func:`pybamm_aea.user_input.check_save_at_cycles`, its message)."""
    import argparse

    parts = [p.strip() for p in text.split(",")]
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be an integer or integers separated by commas, "
                                         f"got {text!r}") from None
    value = numbers[0] if len(parts) == 1 else numbers
    from pybamm_aea.user_input import check_save_at_cycles  # (without PyBaMM: a usage error at once)

    try:
        check_save_at_cycles(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def _check_plot_path(parser, path):
    """An argparse error naming --plot unless matplotlib writes ``path``'s format and it is not a folder."""
    from matplotlib.backend_bases import FigureCanvasBase

    formats = FigureCanvasBase.get_supported_filetypes()
    if path.suffix.lower().lstrip(".") not in formats:
        raise _args.error(parser, f"argument --plot: must end in one of .{', .'.join(sorted(formats))}, got "
                                  f"{str(path)!r}")
    if path.is_dir():
        raise _args.error(parser, f"argument --plot: {str(path)!r} is a folder")


def _var_pts(args, model):
    """The model's mesh, with --cathode-cells across the AEA cathode."""
    var_pts = dict(model.default_var_pts)
    if args.cathode_cells is not None:
        if args.model != "AEA":
            raise _args.error(args.parser, "argument --cathode-cells: only for --model AEA (PyBaMM's models keep "
                                           "their meshes)")
        from pybamm_aea.models.submodels import xi

        var_pts[xi] = args.cathode_cells
    return var_pts
