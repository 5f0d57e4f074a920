"""``pybamm-aea energy``: composition + porosity (or stack pressure) -> theoretical electrode energy table."""
import json
from pathlib import Path
import warnings

from pybamm_aea import cell_preset_names, compaction_data_sets

from . import _args


def register(subparsers):
    p = _args.add_parser(
        subparsers, "energy", "theoretical electrode energy density from composition and porosity or stack pressure",
        "Electrode-level energy density of a composition (pybamm_aea.energy.Electrode, the paper's calculation "
        "model): equivalent specific capacity ESC (mAh per g of the whole electrode), Wh/kg and Wh/L, on the "
        "basis the paper calls charged (the electrode as made: charged only for hosts made Li-free; LiCoO2, NMC, "
        "LiFePO4 are made lithiated, i.e. discharged) and on the discharged basis (every Li-free host lithiated: "
        "S8 -> Li2S, Mo6S8 -> Li4Mo6S8, TiS2 -> LiTiS2; same porosity), which a Li-free host without a lithiated "
        "counterpart (Graphite) has not: then the charged row alone, and why.",
        "Example (the paper's theoretical S-LMS at 360 MPa, 2 V):\n"
        "  pybamm-aea energy --composition S8=0.325,Mo6S8=0.675 --pressure 360 --compaction S-LMS --voltage 2",
    )
    p.add_argument("--composition", type=_args.parse_composition, default=None,
                   metavar="MAT=FRAC,...",
                   help="mass fractions of the solid (sum 1), material names of pybamm_aea.energy.list_materials() "
                        "or the path of a material's .json (pybamm_aea.materials.save_material, as screen and sweep "
                        "take it); default: the paper's S-LMS hybrid")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--porosity", type=_args.float_in("--porosity", rng="FRACTION_BELOW_ONE"), metavar="FRACTION",
                   help="pore volume fraction of the electrode, 0 <= porosity < 1 (e.g. 0.082)")
    g.add_argument("--pressure", type=_args.float_in("--pressure", rng="STACK_PRESSURE"), metavar="MPA",
                   help="stack (compaction) pressure in MPa, within a sweep's range "
                        "(pybamm_aea.ranges.STACK_PRESSURE); "
                        "the porosity comes from the --compaction data set")
    p.add_argument("--compaction", type=_args.compaction_set, default=None, metavar="SET",
                   help=_args.compaction_help("porosity-vs-pressure data set for --pressure (Tables S6-S8); required "
                                              "with --pressure"))
    p.add_argument("--branch", choices=["loading", "released"], default=None,
                   help="with --pressure: porosity under pressure (loading, the default) or after release (released, "
                        "Mo6S8 "
                        "only)")
    p.add_argument("--voltage", type=_args.float_in("--voltage", rng="VOLTAGE_ABOVE_ZERO"), default=None,
                   metavar="V",
                   help="average voltage vs Li/Li+ in V for the whole electrode (default: each active material's "
                        "library voltage)")
    p.add_argument("--capacity", type=_args.material_values("capacity", library=False), default=None,
                   metavar="MAT=MAH_PER_G,...",
                   help="capacity overrides in mAh per g of that material, e.g. S8=1600,Mo6S8=90 (the Table S8 "
                        "reversible basis; a material of --composition given by its .json: by its path or the "
                        "name inside it); default: the library's capacities, pybamm_aea.energy.get_material(NAME)."
                        "specific_capacity (the paper's values: practical for the commercial cathodes made "
                        "lithiated, e.g. LiCoO2 and NMC, not their theoretical_capacity; the output lists those "
                        "used)")
    p.add_argument("--pore-filler", default=None, metavar="LIQUID",
                   help="liquid electrolyte filling the pores (e.g. '1M LiPF6 EC/DMC'); default: empty pores")
    p.add_argument("--cell", choices=cell_preset_names.NAMES, default=None, metavar="PRESET",
                   help="also the cell-level Wh/kg and Wh/L of a stack of pybamm_aea.energy.cell_preset ("
                        f"{', '.join(map(repr, cell_preset_names.NAMES))}) around this electrode as made, at "
                        "--loading; the output says what is counted (table and JSON)")
    p.add_argument("--loading", type=_args.float_in("--loading", low=0.0, low_open=True), default=None,
                   metavar="MG_PER_CM2", help="with --cell: the cathode's loading, mg per cm2 (required with --cell)")
    p.add_argument("--double-sided", action="store_true",
                   help="with --cell: double-sided electrodes, each collector shared by two cells (Cell("
                        "double_sided=True)): the repeat unit, half of each foil, unless --layers")
    p.add_argument("--layers", type=_args.int_at_least("--layers", 1), default=None, metavar="N",
                   help="with --double-sided: a stack of N cathode | separator | anode layers, its two end foils "
                        "counted whole (N + 1 foils; 1: the single-sided unit)")
    p.add_argument("--outer", choices=("cathode", "anode"), default=None,
                   help="with --layers: the electrode whose foils end the stack (Cell(outer=...)); default cathode, "
                        "an assumption (Al ends, the best case); pouch cells often end on anode sheets")
    p.add_argument("--anode-collector", default=None, metavar="MATERIAL",
                   help="with --cell 'practical target': its anode's 10 um foil, e.g. Ni or 'Stainless steel' "
                        "(default Cu)")
    p.add_argument("--packaging-mass", type=_args.float_in("--packaging-mass", low=0.0), default=None,
                   metavar="MG_PER_CM2",
                   help="with --cell: your packaging's mass per cm2 of the cell's footprint for the whole cell "
                        "(e.g. a pouch foil's areal mass times its area over the electrodes'), with "
                        "--packaging-thickness; no default: not given, packaging is not included")
    p.add_argument("--packaging-thickness", type=_args.float_in("--packaging-thickness", low=0.0), default=None,
                   metavar="UM", help="with --cell: your packaging's thickness (um) for the whole cell, with "
                                      "--packaging-mass")
    p.add_argument("--format", choices=["table", "json", "csv"], default=None,
                   help=f"output format: an aligned table, JSON (one object: {json_shape_said()}) or CSV (one row per "
                        "basis); default: "
                        "from the --output file's suffix (.json, .csv, .txt: the table), else the table; one that "
                        "contradicts that suffix is refused")
    p.add_argument("--output", default=None, metavar="FILE",
                   help="write to FILE (.json, .csv or .txt) instead of stdout")
    p.add_argument("--force", action="store_true", help="overwrite an existing --output")
    p.set_defaults(func=run, parser=p)
    return p


#: each row's figures in ``--format json``'s "bases" (and the CSV's columns after "basis" and "porosity")
BASIS_KEYS = ("specific_capacity_mAh_per_g", "gravimetric_Wh_per_kg", "volumetric_Wh_per_L", "average_voltage_V",
              "density_g_per_cm3")
#: the cell's figures in ``--format json``'s "cell_figures" (with --cell)
CELL_KEYS = ("areal_capacity_mAh_per_cm2", "average_voltage_V", "gravimetric_Wh_per_kg", "volumetric_Wh_per_L")
#: ``--format json``'s one object: (key, its JSON, what it is), in its order; ``basis`` is "charged" and, unless
#: "no_discharged_basis" says why not, "discharged". Said in --format's help (:func:`json_shape_said`); a test
#: checks an output against it. Session 60 made "figures" a per-row object (it was one string, the charged row's)
JSON_SHAPE = (
    ("composition", "{material: number}", "mass fractions of the solid"),
    ("porosity", "number", ""),
    ("pressure_MPa", "number or null", "--pressure"),
    ("compaction", "string or null", "--compaction"),
    ("branch", "string or null", "--branch, with --pressure"),
    ("voltage_V", "number or null", "--voltage"),
    ("capacities_mAh_per_g", "{material: number}", "the capacities used"),
    ("made_lithiated", "[material]", "active materials made lithiated"),
    ("made_li_free", "[material]", "active materials made Li-free"),
    ("no_discharged_basis", "string or null", "why there is no discharged row"),
    ("figures", "{basis: string}", "what each row's figures are: theoretical, or at --capacity"),
    ("bases", "{basis: {" + ", ".join(f"{key}: number" for key in BASIS_KEYS) + "}}", "each row's figures"),
    ("cell", "string or null", "--cell"),
    ("cell_counted", "string or null", "what the cell's figures count"),
    ("cell_figures", "{figure: number} or null", "the cell's " + ", ".join(CELL_KEYS)),
)


def json_shape_said():
    """:data:`JSON_SHAPE` in words, for --format's help: "composition {material: number} (mass fractions of the
    solid), porosity number, ...; basis: charged, discharged"."""
    return ", ".join(f"{key} {shape}" + (f" ({what})" if what else "") for key, shape, what in JSON_SHAPE) + (
        "; basis: charged, and discharged unless no_discharged_basis says why not")


def _branch(args):
    """--branch with its default, "loading" (None in the parser, so that --branch alone can be refused)."""
    return args.branch or "loading"


def _porosity(args):
    from pybamm_aea.energy import compaction_data, porosity

    if args.pressure is None:
        for name, value in (("--compaction", args.compaction), ("--branch", args.branch)):
            if value is not None:
                raise _args.error(args.parser, f"argument {name}: only with --pressure")
        return args.porosity
    if args.compaction is None:
        raise _args.error(args.parser, f"argument --compaction: required with --pressure (one of "
                                       f"{', '.join(compaction_data_sets.NAMES)})")
    try:
        compaction_data(args.compaction, branch=_branch(args))
    except ValueError as exc:
        raise _args.error(args.parser, f"argument --branch: {exc}")
    try:
        return float(porosity(args.compaction, args.pressure, branch=_branch(args)))
    except ValueError as exc:  # (a porosity the fitted law cannot give)
        raise _args.error(args.parser, f"argument --pressure: {exc}")


#: the options of an electrode's build, by Electrode's keyword
_BUILD_OPTIONS = {"pore_filler": "--pore-filler", "capacities": "--capacity"}


def _blamed(electrode, composition, phi, given, voltage):
    """The option an electrode that failed to build is named by: the first given one without which it builds, else
    --composition. (Built argument by argument, a capacity the library lacks was blamed on --composition although
    --capacity gave it.)"""
    for key in given:
        try:
            electrode(composition, phi, **{k: v for k, v in given.items() if k != key}).energy_density(voltage)
        except ValueError:
            continue
        return _BUILD_OPTIONS[key]
    return "--composition"


def _check_capacity_names(args, composition):
    """Each --capacity name a library material's or a --composition material's (the name inside its .json: "MyS2"
    for /tmp/mys2.json, as ``Electrode(capacities={"MyS2": 140})``); else the library's refusal, naming those too.
    (Until session 55 the parser held it to the library's names: "unknown material 'MyS2'".)"""
    from pybamm_aea.energy import get_material
    from pybamm_aea.energy.materials import UnknownMaterialError
    from pybamm_aea.user_input import did_you_mean

    constituents = [get_material(key).name for key in composition]
    for name in args.capacity or {}:
        if name in constituents:
            continue
        try:
            get_material(name)
        except (UnknownMaterialError, KeyError, ValueError) as exc:
            raise _args.error(args.parser, f"argument --capacity: {str(exc).strip(chr(34))}; materials of "
                                           f"--composition: {', '.join(constituents)}"
                                           f"{did_you_mean(name, constituents)}") from None


#: the options that only --cell uses, by their args' attribute
_CELL_OPTIONS = {"loading": "--loading", "double_sided": "--double-sided", "layers": "--layers",
                 "anode_collector": "--anode-collector", "outer": "--outer", "packaging_mass": "--packaging-mass",
                 "packaging_thickness": "--packaging-thickness"}
#: the options of a Cell's stacking, by the keyword its refusal names
_STACKING_OPTIONS = {"layers": "--layers", "double_sided": "--double-sided", "packaging_mg_cm2": "--packaging-mass",
                     "packaging_um": "--packaging-thickness", "outer": "--outer", "loading_mg_cm2": "--loading"}


def _cell(args, electrode):
    """The --cell stack around ``electrode`` (None without --cell), its options checked: each only with --cell,
    --loading required, a refusal of Cell's named by the option."""
    from pybamm_aea.energy import cell_preset

    if args.cell is None:
        for key, option in _CELL_OPTIONS.items():
            if getattr(args, key) not in (None, False):
                raise _args.error(args.parser, f"argument {option}: only with --cell")
        return None
    if args.loading is None:
        raise _args.error(args.parser, "argument --loading: required with --cell (the cathode's mg per cm2)")
    if args.format == "csv" or (args.output or "").lower().endswith(".csv"):
        raise _args.error(args.parser, "argument --cell: its figures are in the table and JSON (a CSV has one row per "
                                       "basis): give --format table or json")
    kwargs = {"double_sided": args.double_sided, "layers": args.layers, "packaging_mg_cm2": args.packaging_mass,
              "packaging_um": args.packaging_thickness}
    if args.outer is not None:
        kwargs["outer"] = args.outer
    if args.anode_collector is not None:
        if args.cell != "practical target":
            raise _args.error(args.parser, f"argument --anode-collector: only with --cell 'practical target', got "
                                           f"--cell {args.cell!r}")
        kwargs["anode_collector"] = args.anode_collector
    try:
        return cell_preset(args.cell, electrode, loading_mg_cm2=args.loading, **kwargs)
    except ValueError as exc:
        text = str(exc).strip(chr(34))
        option = next((o for k, o in _STACKING_OPTIONS.items() if text.startswith(k)), None)
        if option is None:
            option = "--anode-collector" if args.anode_collector is not None and "material" in text else "--cell"
        if option == "--loading":  # (its range's reason said in full was ~450 characters; the API's error keeps it)
            from pybamm_aea.ranges import LOADING_MG_CM2

            text = text.replace(f" ({LOADING_MG_CM2.why})", "").replace("loading_mg_cm2 = ", "")
        raise _args.error(args.parser, f"argument {option}: {text}") from None


def report(args):
    """The energy report of the arguments: porosity, capacities and, per basis, ESC, Wh/kg, Wh/L, V, density."""
    from pybamm_aea.energy import Electrode, ExtrapolationWarning, NoDischargedState, compaction, paper

    composition = dict(paper.SLMS_COMPOSITION) if args.composition is None else args.composition
    phi = _porosity(args)
    _check_capacity_names(args, composition)
    given = {key: value for key, value in (("pore_filler", args.pore_filler), ("capacities", args.capacity))
             if value is not None}
    try:
        e = Electrode(composition, phi, **given)
        bases = {"charged": e.energy_density(args.voltage)}
    except ValueError as exc:
        name = _blamed(Electrode, composition, phi, given, args.voltage)
        raise _args.error(args.parser, f"argument {name}: {str(exc).strip(chr(34))}") from None
    try:
        bases["discharged"] = e.lithiated().energy_density(args.voltage)
        no_discharged = None
    except NoDischargedState as exc:  # a Li-free host without a lithiated phase (Graphite): no discharged row, and why
        no_discharged = str(exc)
    cell = _cell(args, e)
    cell_figures = counted = None
    if cell is not None:
        ed = cell.energy_density()
        cell_figures = dict(zip(CELL_KEYS, (ed.specific_capacity * cell.areal_mass / 1000.0, ed.average_voltage,
                                            ed.gravimetric, ed.volumetric)))
        counted = f"{cell.counted}; {ed.basis}"
    note = None if args.pressure is None else compaction.composition_note(e.composition, args.compaction)
    if note is not None:  # as Electrode.at_pressure warns
        warnings.warn(note, ExtrapolationWarning, stacklevel=1)
    return {
        "composition": e.composition,  # by each material's name: a material .json's "name", not its path
        "porosity": phi,
        "pressure_MPa": args.pressure,
        "compaction": args.compaction,
        "branch": _branch(args) if args.pressure is not None else None,
        "voltage_V": args.voltage,
        "capacities_mAh_per_g": e.capacities,
        # the active materials made lithiated (discharged as made) and made Li-free (charged as made)
        "made_lithiated": [n for n, m in e.materials.items() if m.state == "discharged" and e.capacity_of(n) > 0],
        "made_li_free": [n for n, m in e.materials.items() if m.state == "charged" and e.capacity_of(n) > 0],
        "no_discharged_basis": no_discharged,  # why the discharged row is missing (None when it is there)
        # theoretical (full utilisation) or at the --capacity given: each row's own (the discharged row's Li2S 1165,
        # Li4Mo6S8 123.9 mAh/g; until session 60 one string, the charged row's, under both)
        "figures": {name: ed.basis for name, ed in bases.items()},
        "bases": {
            name: dict(zip(BASIS_KEYS, (ed.specific_capacity, ed.gravimetric, ed.volumetric, ed.average_voltage,
                                        ed.density)))
            for name, ed in bases.items()
        },
        "cell": args.cell,
        "cell_counted": counted,
        "cell_figures": cell_figures,
    }


def _rounded(value):
    """Floats of a JSON-able report to :data:`pybamm_aea.progress.SIGNIFICANT_DIGITS` digits, as every table the
    command line writes (3883.72, not 3883.717655405559)."""
    from pybamm_aea.progress import round_significant

    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, float):
        return float(round_significant(value))
    return value


def _bases_note(made_lithiated, made_li_free, no_discharged_basis=None):
    """What the two rows are, for this composition: the first is the electrode as made, which is the charged state
    only for its Li-free hosts; ``no_discharged_basis``: why there is no discharged row."""
    if no_discharged_basis is not None:
        return f"charged: the electrode as made; no discharged row: {no_discharged_basis}"
    lithiated = ", ".join(made_lithiated)
    if not made_li_free:
        return (f"charged: the electrode as made, which is discharged ({lithiated or 'no active material'} made "
                "lithiated; no Li-free host to charge), so both rows are the same electrode.")
    note = "charged: the electrode as made, its Li-free hosts charged"
    if made_lithiated:
        note += f" ({lithiated} made lithiated: discharged on both rows)"
    return note + ("; discharged: Li-free hosts lithiated (mass and density of the discharged electrode, same "
                   "porosity).")


def render(report, fmt):
    """The report as an aligned table, JSON or CSV text (numbers to 6 significant digits)."""
    if fmt == "json":
        return json.dumps(_rounded(report), indent=2) + "\n"
    rows = [dict(basis=k, porosity=report["porosity"], **v) for k, v in report["bases"].items()]
    if fmt == "csv":
        import pandas as pd

        from pybamm_aea.progress import round_table

        return round_table(pd.DataFrame(rows)).to_csv(index=False)
    comp = ", ".join(f"{k} {v:.4g}" for k, v in report["composition"].items())
    head = f"electrode: {comp} (mass fractions of the solid); porosity {report['porosity']:.4g}"
    if report["pressure_MPa"] is not None:
        head += f" ({report['compaction']}, {report['pressure_MPa']:g} MPa, {report['branch']})"
    lines = [head, "",
             f"{'basis':<12}{'ESC [mAh/g]':>13}{'[Wh/kg]':>10}{'[Wh/L]':>10}{'V avg':>8}{'[g/cm3]':>9}"]
    for r in rows:
        lines.append(f"{r['basis']:<12}{r['specific_capacity_mAh_per_g']:>13.1f}{r['gravimetric_Wh_per_kg']:>10.1f}"
                     f"{r['volumetric_Wh_per_L']:>10.1f}{r['average_voltage_V']:>8.3f}{r['density_g_per_cm3']:>9.4f}")
    lines.append("\n" + _bases_note(report["made_lithiated"], report["made_li_free"], report["no_discharged_basis"]))
    lines += [f"figures ({name}): {figures}" for name, figures in report["figures"].items()]
    if report["cell"] is not None:
        c = report["cell_figures"]
        lines += ["", f"cell ({report['cell']!r}, the electrode as made): {c['areal_capacity_mAh_per_cm2']:.4g} "
                      f"mAh/cm2 x {c['average_voltage_V']:.4g} V, {c['gravimetric_Wh_per_kg']:.1f} Wh/kg, "
                      f"{c['volumetric_Wh_per_L']:.1f} Wh/L",
                  f"counted: {report['cell_counted']}"]
    return "\n".join(lines) + "\n"


def run(args):
    if args.output is not None:
        _args.check_not_overwritten(args.parser, [args.output], args.force)
    fmt = args.format
    suffix = Path(args.output).suffix.lower() if args.output is not None else ""
    formats = {".json": "json", ".csv": "csv", ".txt": "table", "": "table"}
    if suffix not in formats:  # a table of text in an .xlsx is no spreadsheet
        raise _args.error(args.parser, f"argument --output: must end in .json, .csv or .txt (the table), got "
                                       f"{args.output!r}")
    if fmt is None:
        fmt = formats[suffix]
    elif suffix and fmt != formats[suffix]:  # (nothing the user wrote is overruled: the file would lie)
        raise _args.error(args.parser, f"argument --format: {fmt!r} contradicts --output {args.output!r}, whose "
                                       f"suffix {suffix} "
                                       f"means {formats[suffix]!r}: give one of them, or make them agree")
    # a warning as a line of its own (Python's showed energy.py's path and source line: 'warnings.warn(note, ...')
    with warnings.catch_warnings(record=True) as caught:
        text = render(report(args), fmt)
    _args.say_warnings(args.parser.prog, caught)
    _args.write_text(text, args.output)
    return 0
