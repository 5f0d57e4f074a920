"""The worker side: this process's simulations (a bounded LRU cache) and the evaluation of a batch of points.

A batch whose experiment is one constant-current discharge to a voltage cut-off is solved in one call through
PyBaMM's list of inputs (``sim.solve(t_eval, inputs=[...])``, IDAKLU: each input set stops at its own cut-off
event); any other experiment runs point by point through ``pybamm.Simulation`` with the experiment. Both never
raise for a bad point: its error goes into the row's ``error`` column.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
import math
import re
import time
import warnings

from ..parameters.paper_cell import li_in_cut_offs
from .config import NOMINAL, TEMPERATURE_ALIAS, TEMPERATURE_PARAMS, derive_inputs, make_experiment, point_loading
from .metrics import WARNING_TEXTS, empty_metrics, fill_from_discharge_solution, fill_from_experiment, row_warnings

#: simulations kept per process (a few configurations, each ~3 MB); the least recently used one is dropped
CACHE_SIZE = 4
_SIMULATIONS: OrderedDict = OrderedDict()


@dataclass
class _WarmUp:
    """The warm-up solve of a simulation on the per-point path: the first point's own solve, which
    :func:`simulation` returns to that point (:func:`evaluate_point`), so that no point's experiment is solved twice
    (a failing one was: its solver error logged twice)."""

    #: the solution, or the exception the solve raised
    outcome: object
    #: the warnings the solve emitted (the point's: replayed into its row)
    caught: list
    #: ExperimentProgress.stopped of the solve: why it stopped before the experiment's end, or None
    stopped: object
    #: its time less the one-off set-up (the point's "Solve time [s]")
    solve_seconds: float


def _warm_up(sim, inputs):
    """Solve the experiment once at ``inputs`` (PyBaMM sets up its solver on the first solve) and keep all of it.

    The :class:`_WarmUp`'s ``solve_seconds`` leaves out the one-off set-up: the experiment's build (its step models,
    timed here) and PyBaMM's own timer of the solver's set-up (the solution's ``set_up_time``: the step models'
    set-up and consistent initial states); of a solve that raised, all but the build is solve time.
    """
    from pybamm_aea.progress import ExperimentProgress

    progress = ExperimentProgress(show=False)
    built = 0.0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t0 = time.perf_counter()
        try:
            sim.build_for_experiment(inputs=inputs)  # (Simulation.solve's first call builds the same)
            built = time.perf_counter() - t0
            outcome = sim.solve(inputs=inputs, callbacks=[progress])
        except Exception as exc:  # the point's row reports it
            outcome = exc
        wall = time.perf_counter() - t0
    solver_set_up = getattr(outcome, "set_up_time", None)  # a pybamm.TimerTime (None: not timed, or raised)
    set_up = built + float(getattr(solver_set_up, "value", solver_set_up) or 0.0)
    return _WarmUp(outcome, list(caught), progress.stopped, wall - set_up)


def _input_values(config):
    import pybamm

    values = config.values()
    update = {}
    for name in config.input_names:
        if name in TEMPERATURE_PARAMS:
            update[name] = pybamm.InputParameter(name + TEMPERATURE_ALIAS)
        else:
            update[name] = "[input]"
    values.update(update, check_already_exists=False)
    return values


#: whether the batched path's solver keeps PyBaMM's Hermite interpolation data (IDAKLU's "hermite_interpolation"): not
#: read by a batched row, which reads its solve at the solver's points (:func:`simulation`)
BATCH_HERMITE = False


def simulation(config, options, warm_inputs=None, batched=False, stretch=1.0):
    """This process's simulation for a configuration (built on first use, then reused; LRU of :data:`CACHE_SIZE`).

    Returns ``(simulation, setup_seconds, warm_up)``: on first use the simulation is built and warmed up with one
    solve at ``warm_inputs`` (PyBaMM sets up its solver on the first solve), and ``setup_seconds`` is the time that
    took. On the per-point path (an experiment) that solve is the point's own: ``warm_up`` is it (a
    :class:`_WarmUp`, its integration the point's solve time, not set-up), for the caller to use instead of solving
    the point again; None when the simulation was cached, on the batched path (which warms up on its first point's
    discharge and solves it again with the batch) and without ``warm_inputs``. ``stretch``: the experiment's
    C-rate steps of default duration last that many times their default (a swept C-rate below the reference,
    :meth:`~pybamm_aea.sweep.config.SweepConfig.duration_stretch`; the batched path times its solve itself).
    """
    from pybamm_aea.models.checks import ranges_now

    # (the model's checks hold the ranges it was built on: a range changed since is a simulation of its own)
    key = (config.cache_key(options), batched, stretch, ranges_now())
    sim = _SIMULATIONS.get(key)
    if sim is not None:
        _SIMULATIONS.move_to_end(key)
        return sim, 0.0, None
    t0 = time.perf_counter()
    import pybamm

    from pybamm_aea.models.aea import AEA

    values = _input_values(config)
    model = AEA(options)
    if batched:
        kind, value, cutoff, duration = config.single_discharge
        if model.options["anode"] == "Li-In":
            # the step's cut-off is this Li-In cell's voltage: the set's window moved to Li-In first, so that the
            # upper cut-off and the declared anode agree with it (review R34: each row warned the cut-offs vs Li);
            # swept cut-offs (inputs) are the user's, this cell's voltages as the step's is: only declared so
            values.update(li_in_cut_offs(values, inputs_as_given=True), check_already_exists=False)
        values.update({"Current function [A]": "[input]"})
        if "Lower voltage cut-off [V]" not in config.step_cut_offs:  # (swept: each input set's own, its event's)
            values.update({"Lower voltage cut-off [V]": cutoff})
        # the model's default solver (its class, tolerances and IDA options), which the per-point path uses (the
        # multi-phase host's rtol 1e-4 and its options; the lever rule's rtol 1e-6): the same numbers; one IDA
        # solver per thread (PyBaMM's num_solvers follows num_threads), so the input sets run in parallel. The states
        # kept (no output_variables: until session 61 BATCH_VARIABLES only), so that the solver judges each end by
        # the model's equations as on the per-point path (ConsistentEventIDAKLUSolver._event_caught_up: IDA's point
        # before the event with its algebraic states solved), not by the voltage's fall alone. Without PyBaMM's Hermite
        # data (each point's state derivatives, as many numbers as its states): the rows read the states at the
        # solver's own points only, where the Hermite interpolant is those states; kept, it was half the batch's
        # memory (BATCH_HERMITE: a 200-point batch of LMS 0.1C discharges, 920 -> 663 MB peak, session 62)
        solver = model.default_solver_with(num_threads=config.threads, hermite_interpolation=BATCH_HERMITE)
        sim = pybamm.Simulation(model, parameter_values=values, solver=solver, var_pts=config.var_pts())
        sim.build()
    else:
        sim = pybamm.Simulation(model, parameter_values=values, experiment=make_experiment(config.steps, stretch),
                                var_pts=config.var_pts())
    solved, warm = 0.0, None
    if warm_inputs is not None and batched:
        try:  # warm-up: the points' own solves then time the integration only
            sim.solve([0, config.single_discharge[3]], inputs=[warm_inputs])
        except Exception:  # the point's own solve reports it
            pass
    elif warm_inputs is not None:  # the point's own solve, returned to it
        warm = _warm_up(sim, warm_inputs)
        solved = warm.solve_seconds
    _SIMULATIONS[key] = sim
    while len(_SIMULATIONS) > CACHE_SIZE:
        _SIMULATIONS.popitem(last=False)
    return sim, time.perf_counter() - t0 - solved, warm


def options_of(config, point):
    """The model options of the sweep's ``point`` (a dict): the sweep's options with the point's option columns."""
    options = dict(config.options)
    options.update({n: point[n] for n in config.option_names})
    return options


def _one_per_temperature(caught):
    """``caught`` without a TemperatureOutsideMeasuredRangeWarning of the solver's ("this set's": its ``set_name``
    None) at a temperature the point's own (:func:`_warn_temperature`, naming the set) is given at: the first point's
    row carried both, 343 characters of one fact (TiS2 at 25 C, session 55)."""
    from pybamm_aea.models.checks import TemperatureOutsideMeasuredRangeWarning

    def temperature(w):
        is_it = issubclass(w.category, TemperatureOutsideMeasuredRangeWarning)
        return getattr(w.message, "temperature", None) if is_it else None

    named = {temperature(w) for w in caught if getattr(w.message, "set_name", None) is not None} - {None}
    return [w for w in caught if temperature(w) not in named or getattr(w.message, "set_name", None) is not None]


def _finish(row, metrics, caught, config, point):
    # each warning by its class and first clause (the 542-character nucleation warning was on every row whole), its
    # full text in the row's WARNING_TEXTS (the table's attrs["warnings"]), a quoted nominal capacity said whose
    # (_label_nominal) and a C-rate step named with the rate the row runs it at (_said_at_row_rates, as in the error:
    # until R42 the 1C row's FirstStepLossesWarning named 'Discharge at 0.1C until 1.8 V' only); the figures' own notes
    # (metrics.note_model_event_stops, note_negligible_discharges) whole
    steps = _row_c_rate_steps(config, point) or {}
    said, texts = row_warnings(_one_per_temperature(caught), metrics["warnings"])
    metrics["warnings"] = said and _said_at_row_rates(said, steps)[0]
    metrics[WARNING_TEXTS] = [[category, _said_at_row_rates(_label_nominal(text, config, point), steps)[0]]
                              for category, text in texts]
    row.update(metrics)
    return row


def _warn_rising_capacity(sim, options):
    """The :class:`~pybamm_aea.models.step_checks.RisingCapacityTerminationWarning` of a cached simulation's
    experiment, which PyBaMM's build gives once per simulation: each row that uses it says it, as a row keeps its own
    warnings (docs/checks.rst); until review R30 only the sweep's first row did (S-LMS, "80% capacity", 3 loadings:
    1 row of 3)."""
    from pybamm_aea.models.step_checks import RisingCapacityTerminationWarning, rising_capacity_termination_message

    rising = rising_capacity_termination_message(sim.experiment, options)
    if rising is not None:
        warnings.warn(RisingCapacityTerminationWarning(rising), stacklevel=2)


#: a quoted "Nominal cell capacity [A.h]" and its value in an error's text (PyBaMM's "with inputs {...}": 'k': v)
_QUOTED_NOMINAL = re.compile(r"""(['"]Nominal cell capacity \[A\.h\]['"]\s*[:=]\s*)"""
                             r"([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)")


def _error_text(exc, config, point, inputs=None):
    """A failed row's error from the exception ``exc``, ``Type: text``, as :func:`_row_error` says it."""
    return _row_error(f"{type(exc).__name__}: {exc}".strip(), config, point, inputs)


def _nominal_said(basis, config, point):
    """What a "Nominal cell capacity [A.h]" of ``basis`` [A.h] quoted from the point's PyBaMM inputs is, in words (a
    parenthesis), or None where it is the set's own or the user's (swept): at a swept C-rate the basis the sweep
    scaled by C-rate / reference (:meth:`~pybamm_aea.sweep.config.SweepConfig.c_rate_basis_scale`), else the set's
    nominal capacity rescaled to the point's cathode (:func:`~pybamm_aea.sweep.config.rescaled_nominal`)."""
    if config.nominal is None or NOMINAL in config.parameters:
        return None
    scale = config.c_rate_basis_scale(point)
    if scale != 1.0:
        return (f"(not the cell's: the C-rate basis the sweep sets, the cell's nominal capacity "
                f"{basis / scale * 1e3:.4g} mA.h x the row's C-rate / the reference, {float(point['C-rate']):g}C / "
                f"{config.reference_c_rate:g}C)")
    if math.isclose(basis, config.nominal, rel_tol=1e-9):
        return None
    moved = [repr(name) for name in _rescaled_by(config, point)]
    said = " and ".join([", ".join(moved[:-1]), moved[-1]] if len(moved) > 1 else moved or ["cathode"])
    return (f"(the point's nominal capacity, {basis * 1e3:.4g} mA.h: the set's {config.nominal * 1e3:.4g} mA.h x "
            f"{basis / config.nominal:.4g}, rescaled to the point's {said})")


def _rescaled_by(config, point):
    """The swept names (as the grid has them) whose point values move its nominal capacity off the set's: a swept
    parameter whose value alone rescales it (:func:`~pybamm_aea.sweep.config.rescaled_nominal`), a swept cathode
    thickness (it sets the loading), a swept S8 fraction off the set's. Until R42 any was said "the point's cathode
    loading and composition" (a 2x "Electrode width [m]" too)."""
    from .config import S8_NAME, point_fraction, rescaled_nominal

    moved = []
    for name in config.parameters:
        try:
            alone = rescaled_nominal(config.values(), config.nominal, changes={name: float(point[name])})
        except (TypeError, ValueError):  # (its capacity cannot be known alone: not said to have moved it)
            continue
        if name != NOMINAL and not math.isclose(alone, config.nominal, rel_tol=1e-9):
            moved.append(name)
    if "Cathode thickness [um]" in point:
        moved.append("Cathode thickness [um]")
    if S8_NAME in point and not math.isclose(point_fraction(config, point), config.fraction0 or 0.0, rel_tol=1e-9):
        moved.append(S8_NAME)
    return moved


def _label_nominal(text, config, point):
    """``text`` with each "Nominal cell capacity [A.h]" it quotes (PyBaMM's inputs, ``'k': v``) followed by
    :func:`_nominal_said`: a failed row's error and each of its warnings' texts (until session 59 a per-point
    StartOutsideWindowWarning quoted Li2021_Mo6S8's 1C basis, 0.001011 A.h, 10x the 0.1011 mA.h cathode, unsaid)."""
    try:
        scale = config.c_rate_basis_scale(point)
    except (TypeError, ValueError):  # (a C-rate that is no number: the error is its own)
        return text
    if not (math.isfinite(scale) and scale > 0):
        return text

    def said(match):
        words = _nominal_said(float(match.group(2)), config, point)
        return match.group(0) if words is None else f"{match.group(0)} {words}"

    return _QUOTED_NOMINAL.sub(said, text)


#: the quotes a step's name may stand in, in a warning's text
_QUOTES = "'\""


def _row_c_rate_steps(config, point):
    """{name: the C-rate's magnitude the row runs it at} of the point's own C-rate steps (the batched path's config ends
    them at the set's cut-off) where the sweep scales the C-rate basis (:meth:`~pybamm_aea.sweep.config.SweepConfig.
    c_rate_basis_scale`), None where it does not (a C-rate that is no number: the error is its own)."""
    try:
        scale = config.c_rate_basis_scale(point)
    except (TypeError, ValueError):
        return None
    if scale == 1.0 or not (math.isfinite(scale) and scale > 0):
        return None
    return {name: rate * scale for name, rate in config.at_point(point).c_rate_steps.items()}


def _said_at_row_rates(text, steps):
    """(``text`` with each step of ``steps`` (:func:`_row_c_rate_steps`) it names followed by "(run at 1C in this
    row)", after the name's quotes where quoted; whether it named one). The longest name first: none is part of
    another's."""
    names = [name for name in sorted(steps, key=len, reverse=True) if name in text]
    if not names:
        return text, False

    def said(match):
        return f"{match.group(0)} (run at {steps[match.group(0).strip(_QUOTES)]:g}C in this row)"

    return re.sub("|".join(f"'{n}'|\"{n}\"|{n}" for n in map(re.escape, names)), said, text), True


def _row_error(text, config, point, inputs=None):
    """A failed row's error ``text`` (None: none) as the row says it, on both paths (batched and per point, an
    exception's or the sweep's own "no step of the experiment ran"; ``inputs``: the point's PyBaMM inputs, None where
    deriving them failed). Each "Nominal cell capacity [A.h]" the text quotes (PyBaMM's inputs) is said whose
    (:func:`_label_nominal`): at a swept C-rate the sweep scales the C-rate basis on purpose
    (:meth:`~pybamm_aea.sweep.config.SweepConfig.c_rate_basis_scale`), said to be that basis, with the cell's own
    nominal capacity and the rates, not read as the cell's (until session 57 S-LMS 20 wt%, 20 mg/cm2, 1C quoted
    0.06878 A.h for a 6.878 mA.h cathode), and each C-rate step it names is said with the rate the row runs it at; a
    text quoting no nominal (no step) gets the row's basis from ``inputs`` (its one C-rate step) after it (session 58:
    with batched=False the 1C row named "Discharge at 0.1C until 1 V" and quoted no nominal, the batched row the
    scaled basis)."""
    if not text:
        return text
    quoted = _QUOTED_NOMINAL.search(text) is not None
    text = _label_nominal(text, config, point)
    steps = _row_c_rate_steps(config, point)
    if steps is None:
        return text
    text, named = _said_at_row_rates(text, steps)
    if not named and len(steps) == 1:
        (name, rate), = steps.items()
        text += f"; the row's step: {name} (run at {rate:g}C in this row)"
    basis = (inputs or {}).get(NOMINAL)
    if not quoted and basis is not None:
        text += "; its C-rate basis " + _label_nominal(f"'{NOMINAL}': {basis!r}", config, point)
    return text


def evaluate_point(config, point):
    """Run one point through the experiment; never raises: errors go into the ``error`` column (a later step's
    solver error too, told there once: not its ExperimentStepFailedWarning in ``warnings``)."""
    from pybamm_aea.models.start_advice import ExperimentStepFailedWarning
    from pybamm_aea.models.step_checks import c_rate_basis_scaled
    from pybamm_aea.progress import ExperimentProgress

    config = config.at_point(point)  # (the default experiment to its swept cut-offs)
    row = {name: point[name] for name in config.names}
    metrics = empty_metrics()
    progress = ExperimentProgress(show=False)  # its stopped: why a solve stopped before the experiment's end
    inputs = None  # (the point's PyBaMM inputs, once derived: a failed row's error quotes its C-rate basis)
    t0 = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.simplefilter("ignore", ExperimentStepFailedWarning)  # the error column has its text (stopped)
        try:
            inputs, derived, porosity, fraction, window = derive_inputs(config, point)
            row.update(derived)
            options = options_of(config, point)
            stretch = config.duration_stretch(point)  # a swept C-rate below the reference: its own default time
            with c_rate_basis_scaled(config.c_rate_basis_scale(point)):  # (its C-rate basis the sweep's, on purpose)
                sim, metrics["Setup time [s]"], warm = simulation(config, options, inputs, stretch=stretch)
                _warn_temperature(sim, inputs, config.parameter_set)
                if warm is None:
                    _warn_rising_capacity(sim, options)
                    t0 = time.perf_counter()
                    solution = sim.solve(inputs=inputs, callbacks=[progress])
                    metrics["Solve time [s]"] = time.perf_counter() - t0
                else:  # this point's solve was the simulation's warm-up: not solved again
                    for w in warm.caught:
                        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
                    progress.stopped, metrics["Solve time [s]"] = warm.stopped, warm.solve_seconds
                    if isinstance(warm.outcome, Exception):
                        raise warm.outcome
                    solution = warm.outcome
                # (inside: a not-started solution's message, read here, compares the basis with the scale out)
                fill_from_experiment(metrics, config, solution, porosity, fraction, window, progress.stopped,
                                     point_loading(config, inputs), caught)
            metrics["error"] = _row_error(metrics["error"], config, point, inputs)
        except Exception as exc:  # reported, never dropped
            metrics["error"] = _error_text(exc, config, point, inputs)
            if isinstance(metrics["Solve time [s]"], float) and math.isnan(metrics["Solve time [s]"]):
                metrics["Solve time [s]"] = time.perf_counter() - t0
    return _finish(row, metrics, caught, config, point)


def _recorded(func, *args, **kwargs):
    """``(func(*args, **kwargs) or the exception it raised, the warnings it emitted)``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = func(*args, **kwargs)
        except Exception as exc:
            out = exc
    return out, list(caught)


def _evaluate_discharges(config, options, points):
    """One batched solve of single-discharge points with the same options; rows in the order of ``points``.

    Each row carries its own warnings, as on the per-point path: those of deriving its inputs and checking them,
    the model build's on the first point (which is charged its setup time), and its solve's: the input set a warning
    names (:func:`_solved_alone`) is solved again alone, so that a warning is not stamped on the points that did not
    raise it; a batch that fails, or warns without naming the set, point by point.
    """
    from pybamm_aea.models.checks import check_inputs

    kind, value, cutoff, _ = config.single_discharge  # its duration: config.discharge_time
    rows, good = [None] * len(points), []

    def failed(i, row, exc, caught, inputs=None):
        metrics = empty_metrics()
        metrics["error"] = _error_text(exc, config, points[i], inputs)
        rows[i] = _finish(row, metrics, caught, config, points[i])

    for i, point in enumerate(points):
        row = {name: point[name] for name in config.names}
        derived, caught = _recorded(derive_inputs, config, point)
        if isinstance(derived, Exception):
            failed(i, row, derived, caught)
            continue
        inputs, columns, porosity, fraction, window = derived
        row.update(columns)
        inputs["Current function [A]"] = value * inputs["Nominal cell capacity [A.h]"] if kind == "C-rate" \
            else value
        good.append([i, row, inputs, porosity, fraction, window, caught, config.discharge_time(point)])
    if not good:
        return rows
    built, caught = _recorded(simulation, config, options, good[0][2], batched=True)
    if isinstance(built, Exception):  # the model cannot be built: every point says why
        for i, row, inputs, *_ in good:
            failed(i, row, built, caught, inputs)
        return rows
    sim, setup, _ = built
    good[0][6] += caught
    checked = []
    for item in good:  # a point out of range gets its own error, the rest of the batch still runs
        out, caught = _recorded(check_inputs, sim.built_model, item[2])
        item[6] += caught
        if isinstance(out, ValueError):
            failed(item[0], item[1], out, item[6], item[2])
        elif isinstance(out, Exception):
            raise out
        else:
            checked.append(item)
    good = checked
    if not good:
        return rows
    for item in good:
        item[6] += _recorded(_warn_temperature, sim, item[2], config.parameter_set)[1]
    t0 = time.perf_counter()
    solutions, caught = _recorded(sim.solve, [0, max(g[7] for g in good)], inputs=[g[2] for g in good])
    times = [(time.perf_counter() - t0) / len(good)] * len(good)
    alone = _solved_alone(solutions, caught, len(good))
    if not isinstance(solutions, list):
        solutions = [solutions] * len(good)  # (one input set's solution, or the batch's exception: replaced)
    for n in alone:  # each alone, so that only it fails or says so (its own solve's figures and warnings)
        t1 = time.perf_counter()
        solutions[n], said = _recorded(sim.solve, [0, good[n][7]], inputs=[good[n][2]])
        times[n] = time.perf_counter() - t1
        good[n][6] += said
    if len(good) == 1 and not alone:  # (one point's batch: the warnings are its own)
        good[0][6] += caught
    for n, ((i, row, inputs, porosity, fraction, window, caught, _), solution) in enumerate(zip(good, solutions)):
        metrics = empty_metrics()
        metrics["Solve time [s]"] = times[n]
        metrics["Setup time [s]"] = setup if n == 0 else 0.0
        try:
            if isinstance(solution, Exception):
                raise solution
            fill_from_discharge_solution(metrics, config, solution, porosity, fraction, window,
                                         point_loading(config, inputs))
            metrics["error"] = _row_error(metrics["error"], config, points[i], inputs)
        except Exception as exc:
            metrics["error"] = _error_text(exc, config, points[i], inputs)
        rows[i] = _finish(row, metrics, caught, config, points[i])
    return rows


def _solved_alone(solutions, caught, n):
    """The input sets (indices) of a batched solve of ``n`` points to solve again each alone: ``solutions`` the solve's
    result (or its exception), ``caught`` its warnings. A warning naming its input set (``input_set``,
    :data:`pybamm_aea.models.solvers.INPUT_SET`: an integration refined, a mesh-decided discharge) is that set's:
    only it is solved again, the others keep the batch's solutions. A failure or another warning: every set, as
    nothing tells whose it is. A one-point batch keeps its solution and warnings (its solve alone is the same)."""
    from pybamm_aea.models.checks import TemperatureOutsideMeasuredRangeWarning
    from pybamm_aea.models.solvers import INPUT_SET

    if isinstance(solutions, Exception):
        return list(range(n))
    if n == 1:
        return []
    # (a temperature outside the measured ones is each point's own, judged by _warn_temperature: no set's failure)
    sets = {getattr(w.message, INPUT_SET, None) for w in caught
            if not issubclass(w.category, TemperatureOutsideMeasuredRangeWarning)}
    if None in sets or not sets <= set(range(n)):
        return list(range(n))
    return sorted(sets)


def _warn_temperature(sim, inputs, name):
    """The point's TemperatureOutsideMeasuredRangeWarning, at each point (not once per model: the simulation is
    shared by the points and a forked worker inherits what its parent's warm-up was warned of), for its row; ``name``
    the set's (the sweep config's ``parameter_set``)."""
    from pybamm_aea.models.checks import warn_outside_measured_temperatures

    warn_outside_measured_temperatures(sim.parameter_values, inputs, once=False, name=name)


def run_batch(config, points, batched=True):
    """Worker entry point (serial, local pool and Dask): rows of a batch of points, in order."""
    import pybamm

    pybamm.set_logging_level("ERROR")  # a worker's log is not read: failures are in the rows' error column
    if not (batched and config.single_discharge is not None):
        return [evaluate_point(config, p) for p in points]
    groups = {}
    for i, p in enumerate(points):  # one batched solve per distinct set of options
        groups.setdefault(tuple(sorted(options_of(config, p).items())), []).append(i)
    rows = [None] * len(points)
    for options, idx in groups.items():
        for i, row in zip(idx, _evaluate_discharges(config, dict(options), [points[i] for i in idx])):
            rows[i] = row
    return rows
