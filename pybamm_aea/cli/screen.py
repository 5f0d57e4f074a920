"""``pybamm-aea screen``: materials x C-rates x loadings (or thicknesses) -> AEA screening table."""
import argparse
import shlex
import sys
import warnings

from pybamm_aea.aea_option_values import POSSIBLE
from pybamm_aea import paper_protocol
from pybamm_aea.celsius import celsius
from pybamm_aea.screening_grid import C_RATES, LOADINGS_MG_CM2, as_text
from pybamm_aea.screening_options import SCREENED, UNSCREENED, refusal

from . import _args

#: what each screened option does to a screen (said in its help, after the model's values)
_EFFECT = {
    "anode": "the cell's anode; on Li-In each material's window (vs Li) is moved down by the Li-In plateau and the "
             "energies are against Li",
    "host thermodynamics": "the cathode host's description: the multi-phase free energy, or the lever rule's fitted "
                           "OCP branches (faster)",
    "hysteresis": "the lever rule's OCP hysteresis (the multi-phase host's follows from its free energy)",
    "ionic switch": "the Li0 surface film of the lever rule (on the multi-phase host it only reports the Li0 layer)",
    "electronic conduction": "the electrons' ohmic drop in the compact, or none",
}


def flag(name):
    """The command's option for the model's option ``name``: "host thermodynamics" -> "--host-thermodynamics"."""
    return "--" + name.lower().replace(" ", "-")


def _typed(name, value):
    """The model's option ``name`` set to ``value`` as this command writes it: "--host-thermodynamics 'lever rule'"."""
    return f"{flag(name)} {shlex.quote(value)}"


def _flag_of_option_named(args, message):
    """``message`` (the model's or the set's error), led by "argument --flag: --flag VALUE: " where it names a model
    option the user set off its default as the model does ('the option "NAME"'): '--dispersed-material-degradation
    ...' on a single host said only 'the option "dispersed material degradation" needs a dispersed material', the
    model's name, not the flag typed (until session 59)."""
    named = [name for name in SCREENED
             if f'the option "{name}"' in message and getattr(args, name) != POSSIBLE[name][0]]
    if not named:
        return message
    return f"argument {flag(named[0])}: {_typed(named[0], getattr(args, named[0]))}: {message}"


class _Given(argparse.Action):
    """Store a model option's value and record its name in ``given_options``: the options the user typed, which an
    option refusal does not call "(the default)" (:func:`~pybamm_aea.cli._args.option_refusal`)."""

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, values)
        namespace.given_options = (*getattr(namespace, "given_options", ()), self.dest)


def _refused(name):
    """An argparse type that refuses the model's option ``name`` (one of :data:`UNSCREENED`), naming it and why, in
    the API's words (:func:`pybamm_aea.screening_options.refusal`)."""
    def refuse(text):
        raise argparse.ArgumentTypeError(refusal(name))
    return refuse


def register(subparsers):
    p = subparsers.add_parser(
        "screen", formatter_class=_args.Formatter,
        help="screen materials as dense AEA cathodes: utilisation, energy, limiting mechanism vs rate and loading",
        description=_args.describe(
            "Runs pybamm_aea.screen: one constant-current step per material, C-rate and loading on the paper's lab "
            f"cell build (0.785 cm2, its separator, {celsius(paper_protocol.CELL_TEMPERATURE_K):g} C) against a "
            "lithium metal anode, or --anode Li-In (the paper's: "
            "the window moved down by its plateau, energies against Li): utilisation of the window, ESC, electrode "
            "Wh/kg and Wh/L, the limiting mechanism "
            "(ionic, electronic, interface, separator) and the largest loading / thickness / areal capacity still "
            "reaching --threshold. Materials: parameter-set names (Li2021_Mo6S8, AEA_LiFePO4, ...), literature "
            "material names (LiFePO4, Li4Ti5O12, LiCoO2, NMC532, Mo6S8, TiS2) or JSON material files. The AEA "
            "model's options a screen honours are options here, with the model's values and defaults (--anode, "
            "--host-thermodynamics, ...); its 'voltage as a state', a solver formulation, is not.",
            "Example (Fig. S2 of the paper as a screen):\n"
            "  pybamm-aea screen --materials Li2021_Mo6S8,AEA_LiFePO4,AEA_Li4Ti5O12 --c-rates 0.1,1 "
            "--loadings 1.5,5",
        ),
    )
    p.add_argument("--materials", default="Li2021_Mo6S8,Li2021_TiS2,AEA_LiFePO4,AEA_Li4Ti5O12,AEA_LiCoO2,AEA_NMC532",
                   metavar="NAME,...", help="comma-separated set names, literature names or paths of .json materials "
                                            "(a material's "
                        "'function' fields are imported: use only files you trust) (default: %(default)s)")
    p.add_argument("--c-rates", default=as_text(C_RATES), metavar="C,...",
                   help="comma-separated C-rates on the window capacity (1C empties it in an hour) "
                        "(default: %(default)s)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--loadings", default=as_text(LOADINGS_MG_CM2), metavar="MG_PER_CM2,...",
                   help="comma-separated cathode loadings in mg/cm2 (default: %(default)s)")
    g.add_argument("--thicknesses", default=None, metavar="UM,...",
                   help="comma-separated dense-cathode thicknesses in um (instead of loadings)")
    p.add_argument("--temperature", type=_args.in_physical_range("--temperature", "Ambient temperature [K]"),
                   default=None, metavar="K",
                   help="ambient temperature in kelvin (default: the paper's cell build's, "
                        f"{paper_protocol.CELL_TEMPERATURE_K:g} K, {celsius(paper_protocol.CELL_TEMPERATURE_K):g} C)")
    for name in SCREENED:
        p.add_argument(flag(name), dest=name, choices=POSSIBLE[name], default=POSSIBLE[name][0], action=_Given,
                       help=f"the AEA model's option {name!r} (pybamm_aea.screen(options={{{name!r}: ...}})): "
                            f"{_EFFECT.get(name, 'a degradation mechanism, over the one step')}; the model's default "
                            "(default: %(default)s)")
    for name in UNSCREENED:
        p.add_argument(flag(name), dest=name, type=_refused(name), help=argparse.SUPPRESS)
    p.add_argument("--threshold", type=_args.float_in("--threshold", rng="UTILISATION"), default=0.8,
                   metavar="FRACTION", help="utilisation the 'largest loading' columns refer to (default: %(default)s)")
    p.add_argument("--output", default=None, metavar="FILE",
                   help="write the full table to FILE (.csv, .json or .parquet); stdout gets the suitability map")
    p.add_argument("--force", action="store_true", help="overwrite an existing --output")
    p.add_argument("--mesh-check", action="store_true",
                   help="solve every point again on a finer mesh (as pybamm_aea.mesh_check refines a run the mesh may "
                        "decide: 8x the cells, 160 at least, for Mo6S8's multi-phase host; else twice); the table "
                        "gets 'mesh converged' columns and "
                        "the map marks with '?' a rate at which some loading moved by more than 1 %% of the window")
    _args.add_no_progress(p)
    p.set_defaults(func=run, parser=p, given_options=())
    return p


def _items(parser, name, text):
    """The items of ``text``, a comma-separated list (:func:`~pybamm_aea.cli._args.comma_items`); a usage error
    naming ``name`` if one is empty."""
    try:
        return _args.comma_items(text, repr(text))
    except argparse.ArgumentTypeError as exc:
        raise _args.error(parser, f"argument {name}: {exc}")


def _numbers(parser, name, text):
    """A grid axis: comma-separated numbers, each finite and > 0, the Python API's rule (``screen``'s
    :data:`pybamm_aea.ranges.POSITIVE`) in its words: "--c-rates must be > 0, got -2" (until session 54 "positive
    numbers expected, got '1,-2'", and inf taken)."""
    from pybamm_aea.ranges import POSITIVE

    items = _items(parser, name, text)
    try:
        values = [float(v) for v in items]
    except ValueError:
        raise _args.error(parser, f"argument {name}: comma-separated numbers expected, got {text!r}")
    if not values:
        raise _args.error(parser, f"argument {name}: positive numbers expected, got {text!r}")
    bad = next((k for k, v in enumerate(values) if not POSITIVE.contains(v)), None)
    if bad is not None:
        raise _args.error(parser, f"argument {name}: {POSITIVE.refusal(name, values[bad], items[bad].strip())}")
    return values


def _material(parser, name):
    """A .json material file read by the one resolver (:func:`pybamm_aea.materials.as_material`, as energy and sweep
    read it: a missing file said "material file '...' cannot be read", not a bare "[Errno 2] ..."); a name as given."""
    if name.lower().endswith(".json"):
        from pybamm_aea.materials import MaterialError, as_material

        try:
            return as_material(name)
        except MaterialError as exc:
            raise _args.error(parser, f"argument --materials: {exc}")
    return name


def _cells(table):
    """The map's numbers as text ("NaN" for none), so that the marks can be added to each: pandas 3's
    ``astype(str)`` keeps NaN a missing value, and ``NaN + "?"`` dropped a non-converged rate's "?"."""
    import pandas as pd

    text = [["NaN" if pd.isna(v) else str(v) for v in row] for row in table.to_numpy()]
    return pd.DataFrame(text, index=table.index, columns=table.columns, dtype=object)


def run(args):
    import pybamm

    import pybamm_aea
    from pybamm_aea.materials import MaterialError
    from pybamm_aea.models.aea import AEAOptionError
    from pybamm_aea.screening import lower_bounds, mesh_converged, mesh_decided, suitability, threshold_label

    parser = args.parser
    if args.output is not None:
        _args.check_output(parser, args.output, (".csv", ".json", ".parquet"))
        _args.check_not_overwritten(parser, [args.output], args.force)
    materials = [_material(parser, m) for m in _items(parser, "--materials", args.materials)]
    if not materials:  # (screen's own ValueError did not name the option: 'materials must name at least one material')
        raise _args.error(parser, f"argument --materials: {args.materials!r} names no material: give at least one, "
                                  "comma-separated")
    c_rates = _numbers(parser, "--c-rates", args.c_rates)
    kwargs = {}
    if args.thicknesses is not None:
        kwargs["thicknesses"] = _numbers(parser, "--thicknesses", args.thicknesses)
    else:
        kwargs["loadings"] = _numbers(parser, "--loadings", args.loadings)
    try:
        with warnings.catch_warnings(record=True) as caught:  # (said below as lines of this command's)
            df = pybamm_aea.screen(materials, c_rates=c_rates, temperature=args.temperature,
                                   threshold=args.threshold, mesh_check=args.mesh_check,
                                   options={name: getattr(args, name) for name in SCREENED},
                                   progress=_args.progress_shown(args), **kwargs)
    except AEAOptionError as exc:  # (the model's, e.g. its hysteresis: said with the flags typed)
        raise _args.error(parser, _args.option_refusal(exc, _typed, flag(exc.option), args.given_options))
    except MaterialError as exc:  # (a name neither a set of the AEA model nor a literature material: the flag leads)
        raise _args.error(parser, f"argument --materials: {exc}")
    except (ValueError, pybamm.OptionError) as exc:
        raise _args.error(parser, _flag_of_option_named(args, str(exc)))
    _args.say_warnings(parser.prog, caught)
    if args.output is not None:
        _args.write_table(df, args.output)
    table = _cells(suitability(df, args.threshold).round(3))
    table = table.mask(lower_bounds(df, args.threshold), ">=" + table)
    if args.mesh_check:  # a NaN entry (no loading reaches the threshold) that moves on the fine mesh gets one too
        table = table.mask(~mesh_converged(df), table + "?")
    else:  # a rate some loading of which the mesh decides (its MeshDependentNucleationWarning above)
        table = table.mask(mesh_decided(df), table + "?")
    decided = not args.mesh_check and bool(mesh_decided(df).to_numpy().any())
    failed = df["error"].notna()
    fine_errors = df["fine-mesh error"].dropna() if "fine-mesh error" in df else df["error"].iloc[:0]
    _args.write_text(
        f"largest areal capacity [mA.h/cm2] at {threshold_label(args.threshold)} utilisation, the threshold x the "
        "window "
        f"capacity of the largest loading reaching it (NaN: none on the grid; >=: the grid's largest loading, or "
        f"the last before a failed point, still reaches it"
        f"{'; ?: moves on the finer mesh' if args.mesh_check else ''}"
        f"{'; ?: the mesh decides a loading (MeshDependentNucleationWarning; --mesh-check answers)' * decided}); "
        f"{_args.count(len(df), 'point')} in {df.attrs['seconds']:.1f} s"
        f"{f', {failed.sum()} failed to solve (the table column error)' if failed.any() else ''}"
        f"{f', {len(fine_errors)} on the fine mesh (fine-mesh error)' if len(fine_errors) else ''}"
        f"\n{table.to_string()}\n", None)
    for message in list(df.loc[failed, "error"]) + list(fine_errors):
        print(f"failed: {message}", file=sys.stderr)
    return 0
