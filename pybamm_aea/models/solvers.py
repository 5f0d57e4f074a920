"""The AEA model's solvers: PyBaMM's IDAKLU solver specialised for its models (one module for the package's
subclassing of PyBaMM's solver internals; :meth:`pybamm_aea.AEA.default_solver` chooses among them).

- :class:`ConsistentEventIDAKLUSolver`: a step ended by an event ends on a consistent state; an integration that
  ends outside the model's bounds or short of every event is solved again at a tighter tolerance
  (:class:`StepRefinedWarning`), and so is a charge of the multi-phase host whose Li0 layer formed inside the
  electrode (:class:`pybamm_aea.switch_check.SwitchRefinedWarning`).
- :class:`SharedEventsIDAKLUSolver`: the multi-phase host's default, events joined in one function, a Newton
  matrix per variable, one retry of a failed step (:class:`StepRetriedWarning`).
- :class:`ScalarFunctionsIDAKLUSolver`: the lever-rule host's default, the model's functions as CasADi SX.
- :class:`FlagKeepingIDAKLUSolver`: keeps IDA's return flags (the screen tells a failure and names it).

The first three are :class:`pybamm_aea.models.start_advice.CheckedIDAKLUSolver` (inputs checked against their
physical ranges).
"""
import collections
import re
import warnings

import casadi
import numpy as np

import pybamm

from ..pybamm_adapter.model_internals import (algebraic_size, differential_size, scaled_state_values, slices_tile,
                                              state_scale, state_slices, state_values, step_variable_history)
from ..pybamm_adapter.solver_internals import (event_functions, event_names, failures_ignored, flatten_inputs,
                                               has_sensitivities, idaklu_options,
                                               integrate_again, replace_solver_functions, residual_function,
                                               set_end_state, set_event_functions, set_jacobian_function)
from ..user_frame import users_stacklevel
from .start_advice import CheckedIDAKLUSolver, NonFiniteStatesError

__all__ = ["ConsistentEventIDAKLUSolver", "SharedEventsIDAKLUSolver", "ScalarFunctionsIDAKLUSolver",
           "StepRetriedWarning", "StepRefinedWarning", "NonFiniteStatesError", "downstream_states",
           "event_values", "FlagKeepingIDAKLUSolver", "InputSetWarning", "INPUT_SET"]


class _ScalarFunctions(pybamm.BaseSolver):
    """Solver mixin: the model's CasADi functions in their SX (scalar) form after PyBaMM's set-up.

    PyBaMM converts a discretised model to CasADi MX functions, which IDAKLU runs in CasADi's
    virtual machine. For a model of a few dozen states most of that time is the MX machine's
    work per (vector) operation; ``casadi.Function.expand`` rewrites the same expression as
    scalar operations, with the same result to round-off. On the lever-rule host's C/10
    discharge (36 states) a call of the Jacobian took 118 -> 14 us, the residual 12 -> 6.5 us
    and the voltage events 34 -> 12 us (they are now joined by :class:`_SharedEvents`), and the
    solver's integration time of 100 C/10 cycles fell by ~45 % (benchmarks/bench_model.py). A
    function that cannot be expanded is kept as
    it is. Placed before :class:`pybamm.BaseSolver` in the method order, so its ``set_up`` runs
    inside the IDAKLU solver's, after the functions are made and before IDAKLU takes them.
    """

    def set_up(self, model, inputs=None, t_eval=None, ics_only=False):
        out = super().set_up(model, inputs, t_eval, ics_only)
        if not ics_only:  # (the functions IDAKLU integrates with: the adapter's SOLVER_FUNCTIONS)
            replace_solver_functions(model, _expanded, casadi.Function)
        return out


class _SharedEvents(pybamm.BaseSolver):
    """Solver mixin: the model's termination events as the outputs of one CasADi function.

    PyBaMM makes one function per event, and IDAKLU's root function calls each, so an
    expression several events read is evaluated once per event on every solver step: the
    voltage, which reads the whole cathode, three times in a cycling step (the model's two
    voltage limits and the step's cut-off). Here the events are expanded to SX and joined in
    one function whose common subexpressions are evaluated once (``casadi.cse``); each event
    is its output, and IDAKLU's symbolic calls of the events with the same arguments share
    one call of it. The events' values are unchanged to round-off, so is the solution (the
    same solver steps: tests/test_solver_tolerance.py). On the multi-phase host the root
    function took 29 -> 10 us per call and the solver's integration time of 20 C/10 cycles
    fell by 8-39 % (three runs of each, 2-core Xeon; 100 C/10 cycles: 2.42x -> 2.28x PyBaMM's
    DFN, benchmarks/bench_model.py). Placed, like :class:`_ScalarFunctions`,
    before :class:`pybamm.BaseSolver` in the method order.
    """

    def set_up(self, model, inputs=None, t_eval=None, ics_only=False):
        out = super().set_up(model, inputs, t_eval, ics_only)
        events = event_functions(model)
        if not ics_only and len(events) > 1 and all(isinstance(e, casadi.Function) for e in events):
            joined = _joined(events)
            if joined is not None:
                calls = _LastCall()
                set_event_functions(model, [_EventOutput(joined, i, calls) for i in range(len(events))])
        return out


def _joined(events):
    """One SX function of all ``events`` (same inputs), common subexpressions shared, or None if
    one of them holds an operation SX cannot represent."""
    expanded = [_expanded(event) for event in events]
    if any(event.class_name() != "SXFunction" for event in expanded):
        return None
    first = expanded[0]
    args = [casadi.SX.sym(first.name_in(i), first.sparsity_in(i)) for i in range(first.n_in())]
    outputs = [event(*args) for event in expanded]
    return casadi.Function("termination_events", args, [casadi.cse(casadi.vertcat(*outputs))])


class _LastCall(dict):
    """The last symbolic call of a joined event function, shared by its events, and its maps over several points
    (:func:`_mapped`); not pickled (a CasADi MX node cannot be), so a pickled model's events share an empty one."""

    def __reduce__(self):
        return (_LastCall, ())


class _EventOutput:
    """Output ``index`` of the joined event function, called as PyBaMM calls an event function:
    ``(t, y, inputs)`` with numbers or CasADi MX symbols. Symbolic calls with the arguments of
    the previous one (IDAKLU's root function calls every event with the same symbols) reuse
    its call node, held in ``calls`` (a :class:`_LastCall`), which the events of one model share.
    The arguments are held with the node and compared by identity (an id alone could be reused
    by new symbols once the old ones are freed)."""

    def __init__(self, joined, index, calls):
        self.joined, self.index, self.calls = joined, index, calls

    def __call__(self, t=None, y=None, inputs=None):
        if isinstance(y, casadi.MX):
            last = self.calls.get("arguments", ())
            if len(last) != 3 or any(a is not b for a, b in zip(last, (t, y, inputs))):
                self.calls["arguments"], self.calls["node"] = (t, y, inputs), self.joined(t, y, inputs)
            return self.calls["node"][self.index]
        return self.joined(t, y, inputs)[self.index]


def event_values(model, t, y, p):
    """The values of a set-up ``model``'s termination events at time ``t`` [s], state ``y`` and inputs ``p``, in the
    order of its event functions, as one float array: the joined function's outputs from one call of it when the events
    are its outputs in order (the default solvers' shared events, :class:`SharedEventsIDAKLUSolver`: one call for all,
    where calling each event computes all of them once per event; the same numbers, each event being its output), else
    each event function's values in turn. Read by :class:`ConsistentEventIDAKLUSolver`'s judgements of an event-ended
    step (whether its event was reached by the algebraic states catching up, and the event nearest its end). ``t`` a
    sequence of times and ``y`` a 2-D array of states, one column per time: a 2-D array of values, one column per
    point, from one call of the joined function mapped over the points (:func:`_mapped`; the catch-up's three points.
    With the end's and the point before's Newton solves in one call, the judgements of the 200 event ends of a
    100-cycle C/10 LMS run took 0.195 -> 0.156 s of CPU, medians of 5, session 63), else each point in turn."""
    events = event_functions(model)
    first = events[0] if events else None
    shared = isinstance(first, _EventOutput) and all(
        isinstance(e, _EventOutput) and e.joined is first.joined and e.index == i for i, e in enumerate(events))
    if shared and first.joined.numel_out(0) == len(events):
        if np.ndim(t) > 0:  # (several points: one column of values each)
            return _mapped(first, len(t))(np.reshape(t, (1, -1)), y, p).full()
        return np.ravel(np.asarray(first.joined(t, y, p), dtype=float))
    if np.ndim(t) > 0:
        return np.column_stack([event_values(model, float(one), y[:, k], p) for k, one in enumerate(t)])
    return np.concatenate([np.ravel(np.asarray(f(t, y, p), dtype=float)) for f in events])


def _mapped(event, points):
    """The joined function of the :class:`_EventOutput` ``event`` mapped over ``points`` columns (CasADi's ``map``:
    the function at each column in turn, the same numbers as a call at each), made once per joined function and
    number of points and kept with its events' :class:`_LastCall` (not pickled)."""
    key = ("map", points)
    joined, mapped = event.calls.get(key, (None, None))
    if joined is not event.joined:
        joined, mapped = event.joined, event.joined.map(points)
        event.calls[key] = (joined, mapped)
    return mapped


def _expanded(function):
    """``function`` as SX, or unchanged if it holds an operation SX cannot represent."""
    try:
        return function.expand()
    except RuntimeError:
        return function


class _DownstreamJacobian(pybamm.BaseSolver):
    """Solver mixin: the Newton matrix built one variable's rows at a time, the rows of
    downstream states reduced to their own block.

    A differential state is downstream when no other state's equation reads it, or only other
    downstream states do (:func:`downstream_states` peels them off the Jacobian's sparsity). On
    the multi-phase host's LMS cycling they are the capacity and energy integrals, the absent
    dispersed material and the stretch (read by the host's transport across the swollen layer in
    sessions 46-47; since session 48 a set whose stretch cannot leave 1 from a fresh start, LMS, has the transport
    read the constant 1: ``volume.ConstrainedSwelling.stretch_can_move``). The rest of the system never
    sees them, so their rows' entries in the other states' columns can go: the Newton iteration of
    everything else stays exact, and each downstream state is updated one iteration behind, still inside IDA's error
    test (IDAS's quadrature variables, for the same reason, are kept out of the Newton system
    altogether). Residuals, error test and events are PyBaMM's: what IDA converges to is the
    same (20 C/10 LMS cycles at rtol 1e-7: capacities and energies within 5e-7 of the exact
    matrix's; at the default rtol 1e-4 both are within 5e-4 of that). Algebraic states keep
    their full rows: IDA leaves them out of its error test, and a one-iteration lag there
    showed (the voltage as a state 2 mV off its expression). Taking the rows per variable also
    spares CasADi colouring the whole matrix at once, where the energy rows, which read every
    state the voltage reads, cost most: a Jacobian call on LMS 55 -> 43 us; CPU time of 100 C/10
    LMS cycles -4.5 %, of the S-LMS 120-cycle run with every degradation option -40 % (2-core
    EPYC, benchmarks/bench_model.py and bench_cycling.py; measured with the stretch downstream,
    as it is on LMS again since session 48). PyBaMM's matrix is kept
    when the model has sensitivities (IDAS corrects them with this matrix). Placed, like
    :class:`_SharedEvents`, before :class:`pybamm.BaseSolver` in the method order.

    An infinite entry is returned as NaN. IDA's predictor can step past the model's range (AEA_NMC532
    charged to 4.3 V at 0.2C: a 3332 s step from t = 15927 s extrapolated the Li content variable to
    y = -0.07, where x = e ln(1 + exp(y / e)) rounds to 0 and the OCP's end term k / x is inf); the
    OCP rows' entries in their Li content columns are then +inf here, where PyBaMM's matrix has NaN.
    SUNDIALS' KLU set-up, finding the condition estimate inf, factorises afresh, KLU finds the matrix
    singular, and the failure is unrecoverable (IDA_LSETUP_FAIL ends the solve); with NaN the estimate
    is NaN, the set-up passes, the Newton iteration fails and IDA retries with a smaller step, as it
    does with PyBaMM's matrix (AEA_NMC532 charged, discharged and charged at 20 rates from 0.05C to
    1C: 3 such failures, at 0.1C, 0.15C and 0.4C, none now; CPU time unchanged).
    """

    def set_up(self, model, inputs=None, t_eval=None, ics_only=False):
        out = super().set_up(model, inputs, t_eval, ics_only)
        if not ics_only and not has_sensitivities(model) and isinstance(residual_function(model), casadi.Function):
            jacobian = _downstream_jacobian(model)
            if jacobian is not None:
                set_jacobian_function(model, jacobian)
        return out


def downstream_states(model):
    """The differential state variables (keys of the adapter's ``state_slices``) that no state outside them reads,
    from the sparsity of the residual's Jacobian (see :class:`_DownstreamJacobian`); ``model`` is a discretised
    model after a solver's set-up."""
    f = residual_function(model)
    t, p = casadi.MX.sym("t"), casadi.MX.sym("p", f.sparsity_in(2))
    y = casadi.MX.sym("y", f.sparsity_in(1))
    (residual,) = f.call([t, y, p], True, False)  # inlined
    sparsity = casadi.jacobian_sparsity(residual, y)
    layout = state_slices(model)
    variables = [var for var, slices in layout.items() for _ in slices]
    bounds = [(s.start, s.stop) for slices in layout.values() for s in slices]
    owner = {}
    for k, (a, b) in enumerate(bounds):
        owner.update({i: k for i in range(a, b)})
    readers = [set() for _ in bounds]  # readers[k]: the other entries whose rows read entry k
    for row, col in zip(*sparsity.get_triplet()):
        if owner[row] != owner[col]:
            readers[owner[col]].add(owner[row])
    down = set()
    while True:
        new = {k for k, (a, _) in enumerate(bounds)
               if k not in down and a < differential_size(model) and readers[k] <= down}
        if not new:
            return [variables[k] for k in sorted(down)]
        down |= new


def _downstream_jacobian(model):
    """The Jacobian function of :class:`_DownstreamJacobian`, or None to keep PyBaMM's."""
    f = residual_function(model)
    n = f.sparsity_in(1).size1()
    layout = state_slices(model)
    if not slices_tile([s for slices in layout.values() for s in slices], n):
        return None  # the slices do not tile the state vector: leave PyBaMM's
    bounds = sorted((s.start, s.stop) for slices in layout.values() for s in slices)
    down = {(s.start, s.stop) for var in downstream_states(model) for s in layout[var]}
    if not down:
        return None
    t, p = casadi.MX.sym("t"), casadi.MX.sym("p", f.sparsity_in(2))
    pieces = [casadi.MX.sym(f"y{a}", b - a) for a, b in bounds]
    y = casadi.vertcat(*pieces)
    (residual,) = f.call([t, y, p], True, False)  # inlined: each block differentiates its own rows
    rows = []
    for k, (a, b) in enumerate(bounds):
        if (a, b) in down:
            own = [casadi.jacobian(residual[a:b], piece) if m == k else casadi.MX(b - a, piece.size1())
                   for m, piece in enumerate(pieces)]
            rows.append(casadi.horzcat(*own))
        else:
            rows.append(casadi.jacobian(residual[a:b], y))
    jacobian = casadi.vertcat(*rows)
    # an infinite entry as NaN, every finite one unchanged (J + 0 J), the pattern kept (see
    # :class:`_DownstreamJacobian`); the zero is symbolic, 0 for every finite t, so that CasADi
    # does not fold 0 * J away
    zero = casadi.fmin(t, -t) + casadi.fabs(t)
    return casadi.Function("jac_rhs_algebraic_downstream", [t, y, p], [jacobian + zero * jacobian])


class ConsistentEventIDAKLUSolver(CheckedIDAKLUSolver):
    """:class:`.start_advice.CheckedIDAKLUSolver` whose step ended by an event ends on a consistent state: the
    algebraic states of its last point solved (Newton) for its differential states at the event time, where
    IDA's are off by more than the tolerances (:meth:`_off_by_more_than_tolerance`).

    IDA locates an event on its interpolating polynomial between two steps and returns the polynomial's
    state there. On the multi-phase host the algebraic states are left out of IDA's error test
    (:attr:`AEA.MULTI_PHASE_SOLVER_OPTIONS`), so nothing bounds that polynomial's error in them: where a
    step crosses a steep end of the curve, they are off at the event point, while the differential states
    are within the tolerances. A constant-power discharge of LMS to 1.8 V ended with the current, an
    algebraic state, high: I V = 1.0012 / 1.00075 / 1.0003 P at 1x / 3x / 10x the 0.1C power, where the
    consistent state has I V = P at 1.800006 / 1.800010 / 1.800014 V (tests/test_solver_tolerance.py).
    Inside a step every solver point is a converged one (I V within 2e-4 of P, Newton's tolerance), and
    the next step starts from the consistent state anyway (IDA's initial-condition calculation), so the
    end point is the only one that changes; the capacity does not. A constant-current step keeps IDA's end
    point where its algebraic states are within the tolerances (the main comparison, ``python -m
    pybamm_aea``, gives the same figures to the last digit); where they are not, its consistent state may
    lie past the cut-off by up to the tolerance (LMS charged at 1C to 2.8 V with compiled functions:
    2.80025 V, where IDA's interpolant put 2.80000 V). PyBaMM's SPM, whose solver keeps the
    algebraic states in the error test, ends a constant-power step within 4e-5 of P. A state the Newton
    iteration does not converge for is left as IDA returned it.

    An integration (a solve's, a step's: every path passes :meth:`_integrate`, one check per input set) that ends
    with a state outside the range the model's equations keep it in (:attr:`BOUNDED_STATES`) by more than the
    solver's tolerance on it has an integration error above the tolerances: that input set is integrated once more
    from the same state at a tenth of the relative tolerance (:attr:`REFINED_RTOL`), with a
    :class:`StepRefinedWarning` (another if the refined integration ends outside too); the other sets are kept as
    they are. The case: the dispersed material's lithiation z, which its rate law keeps in [0, 1] (the rate vanishes
    with the reacting area at each end). On the steep end of the Li4Ti5O12 plateau, LTO-LMS vs Li-In at 0.1C
    (activation and contact loss, persistent Li0), the 8th discharge's last two IDA steps (85 s, 26 s) left z at
    1.0091; charge 8 returned the overfill to the host at its Li4 end within 2.5 s, faster than the current takes
    Li out, and its voltage fell through the model's minimum-voltage event ("Experiment is infeasible" after 8 of
    120 cycles). Refined, the step ends within the tolerance and all 120 cycles run (9 of 240 steps refined;
    tests/test_degradation.py). Nothing changes where no integration ends outside.

    So is an integration an event ended whose consistent end state reaches none of the termination events
    (:meth:`_event_short`): each event's value there, in its own unit, over the rate it fell at in the last solver
    interval, times that interval's mean current, is a charge more than rtol times the integration's charge ahead
    (at a constant current, rtol times the duration ahead; a hold whose current falls 10-fold in 3 ms, 1.0e-15 A.h
    short against 1.25e-15, was judged by time, 6.8e-7 s against 3.3e-7 s, and solved again). IDA located the event
    on its interpolant of
    algebraic states. A 33 nm LMS electrode (1 % of the set's loading) at 1C stopped on its 1.8 V cut-off at
    2.0346 V, 127.971 against the equilibrium's 128.199 mA.h/g, in an experiment and in a plain ``solve``;
    refined, at 1.8000 V with 128.198 (tests/test_solver_tolerance.py). The main comparison's figures do not move.

    So, first, is an integration that charged the multi-phase host and formed its Li0 layer inside the electrode, not
    at the separator (:func:`pybamm_aea.switch_check.stepped_integration`): IDA's time step passed the ionic switch
    (docs/known_limits.rst, "Multi-phase host: the ionic switch and the solver's time step"). It is solved again from
    its start at :data:`~pybamm_aea.switch_check.SOLVER_RTOL_FOR_THE_SWITCH` (1e-6; a tenth of the default rtol, 1e-5,
    still missed one measured charge), by a solver that checks its own end as above, with a
    :class:`~pybamm_aea.switch_check.SwitchRefinedWarning`; only flagged integrations pay (0.75 mg/cm2 LMS at 70 C and
    0.05C on 20 cells: 108.76 -> 101.42 mA.h/g of charge, the rtol 1e-6 solve's; 100 C/10 LMS cycles: none, session
    48). Not at rtol 1e-6 or tighter, nor with :attr:`SOLVE_STEPPED_SWITCH_AGAIN` False. Since session 49 a charge
    whose separator cell decomposed first but late, the bulk then at once, is flagged too (0.375 mg/cm2 at 0.02C, 20
    cycles: 10 of 20 charges were 112.0-125.04 mA.h/g unflagged against 108.99 at rtol 1e-6; now all 108.98-108.99).
    """

    #: Newton iterations and the residual (of PyBaMM's scaled equations) it must reach
    NEWTON = {"max_iter": 20, "abstol": 1e-10}

    def set_up(self, model, inputs=None, t_eval=None, ics_only=False):
        # With sensitivities the algebraic states stay in IDA's error test: with them left out
        # (the multi-phase host's "suppress_algebraic_error") IDAS missed the cut-off and ran into NaN
        # (TiS2 at 1C to 1.0 V: "Experiment is infeasible: default duration (7200.0 seconds) was reached",
        # the voltage NaN from 3497 s; with them in: the cut-off at 3459 s, the solve without sensitivities's.
        # LMS ran into NaN near its Li4 end with them in until session 40: ``CathodeCahnHilliard.content_slope``)
        options = idaklu_options(self)
        suppress = options.get("suppress_algebraic_error", False)
        if suppress and has_sensitivities(model):
            options["suppress_algebraic_error"] = False  # (for the IDAKLU solver made in this set-up only)
        try:
            return super().set_up(model, inputs, t_eval, ics_only)
        finally:
            options["suppress_algebraic_error"] = suppress

    def _post_process_solution(self, sol, model, integration_time, inputs_dict, t_eval):
        self.__dict__.setdefault("_flags", []).append(int(sol.flag))  # (IDA's, for :meth:`_end_failures_at_events`)
        solution = super()._post_process_solution(sol, model, integration_time, inputs_dict, t_eval)
        short = caught_up = None
        ts = np.asarray(solution.all_ts[-1], dtype=float)
        if solution.termination == "event" and algebraic_size(model) > 0 and len(ts) > 1:
            p = flatten_inputs(inputs_dict) if inputs_dict else np.zeros(0)
            n = differential_size(model)
            if not solution.variables_returned:
                # (the three states judged, copied: the whole array, every point's states, only where its end is
                # replaced; until session 62 copied at every event-ended integration, a sweep batch's 200 at once)
                ys = solution.all_ys[-1]
                start, last, end = (np.array(ys[:, k], dtype=float) for k in (0, -2, -1))
                # (the end and the point before it solved in one call: the same numbers as one call each)
                z, z_before = self._consistent_algebraic_states(model, ts[[-1, -2]], np.column_stack([end, last]), p)
                before = self._consistent_point(model, last, z_before)
                if z is not None and self._off_by_more_than_tolerance(model, end[n:], z):
                    end[n:] = z
                    if not has_sensitivities(model):  # (with them judged, not replaced: IDAS's sensitivities are
                        y = np.array(ys, dtype=float)  # of its own end state)
                        y[:, -1] = end
                        set_end_state(solution, y)
                    short = self._event_short(model, (ts[0], start), (ts[-2], before), (ts[-1], end), p)
                caught_up = self._event_caught_up(model, (ts[-2], last), before, (ts[-1], end), p)
            else:  # (only output variables kept, computed by IDA at its end state: that is judged, not replaced)
                end = np.array(solution.y_event, dtype=float).ravel()
                z = self._consistent_algebraic_states(model, float(ts[-1]), end, p)
                if z is not None and self._off_by_more_than_tolerance(model, end[n:], z):
                    end[n:] = z
                    start = np.asarray(solution.first_state.all_ys[0], dtype=float)[:, 0]
                    short = self._event_short(model, (ts[0], start), (ts[0], start), (ts[-1], end), p)
                # (no state before the end to solve: its catch-up not judged. The sweep's batched discharges, judged
                # here by the voltage's fall until session 61, keep their states since: :meth:`_event_caught_up`)
        # (one per input set, in their order; a Solution takes no new attribute: :meth:`_integrate` reads them)
        self.__dict__.setdefault("_ends_short", []).append(short)
        self.__dict__.setdefault("_ends_caught_up", []).append(caught_up)
        return solution

    #: the least share of an event-ended integration's last fall toward its event that IDA's last point before the end
    #: makes up once its algebraic states are solved for its differential ones, for the event to count as reached by
    #: that catch-up rather than by the states' motion (:meth:`_event_caught_up`): more than half
    CATCH_UP_SHARE = 0.5

    def _event_caught_up(self, model, before, consistent, end, p):
        """How the event an integration ended on was reached by its algebraic states catching up, as a phrase, or None.
        ``before`` is (time [s], state) of IDA's last point before the end, ``consistent`` that state with its algebraic
        states solved for its differential ones (:meth:`_consistent_point`), ``end`` (time, state) the end; ``p`` the
        inputs. The event is the one nearest zero (or past it) at the end; it counts as caught up when its value at the
        consistent point lies nearer zero than at IDA's point by more than :attr:`CATCH_UP_SHARE` of its fall from IDA's
        point to the end and by more than the solver's tolerance on it (rtol times its value plus atol).

        The case (session 60, user trial UT): LMS from Li1 at 500 MPa's porosity, 5 mg/cm2, 0.1C to 1.8 V at 70 C, on
        the multi-phase host, whose host potentials are algebraic states out of IDA's error test
        (``suppress_algebraic_error``). The separator cell's content crossed 3.98, where the host's OCP U_h kinks from
        the Li3/Li4 plateau (0 V per Li) to the Li4 window's -51.75 V per Li; IDA's Newton iteration, on a matrix with
        the plateau's slope, accepted points whose surface potential stayed on the plateau, 2.035 V, where its equation
        gave 1.864 V (a residual of 0.17 V), and the Li the cell's true potential would have passed on stayed in it (x
        3.9833). The next step, 0.3 ms, solved the potential: the voltage fell 2.0215 -> 1.7846 V through the cut-off,
        at x = 3.20 of 4 (5.50 h of 7.46), 70.89 mA.h/g against the 96.10 of the same cell's other float inputs. The
        consistent point 3e-4 s before the end lay 0.251 V below IDA's, 106 % of the last fall (0.237 V). At rtol 1e-5
        the step ends on the Li4 window at 96.0957 mA.h/g, as at rtol 1e-6 (96.0957); on a 1.0 V cut-off the dip is a
        30 ms transient (1.7855 V, back to 2.0168 V within 0.2 s).

        Not the algebraic residual at IDA's point alone: over IDA's tolerance on each algebraic state (rtol |z| + atol;
        each equation is its state less an expression, so its residual is the state's error), the trial's point was
        38058 times off (0.17 V), but a row of its 30-row table whose solved point does not move toward the event
        (5 mg/cm2, 360 MPa, 1C) 3826 times (0.0105 V) and the others up to 44 times (session 61): how far the point
        is off says little; whether solving it moves the event is what is judged."""
        (t_before, y_before), (t_end, y_end) = before, end
        if consistent is None or not t_end > t_before or not event_functions(model):
            return None
        values = event_values(model, [float(t_before), float(t_before), float(t_end)],
                              np.column_stack([y_before, consistent, y_end]), p).T  # (one row per point)
        if not values.size or not np.isfinite(values).all():
            return None
        event = int(np.argmin(values[2]))
        raw, caught, last = (float(v[event]) for v in values)
        fell, catch = raw - last, raw - caught
        noise = self.rtol * abs(raw) + float(np.min(self.atol))
        if not (fell > 0 and catch > self.CATCH_UP_SHARE * fell and catch > noise):
            return None
        names = event_names(model)
        named = f"'{names[event]}'" if len(names) == values[0].size else "the event"
        return (f"{named} reached by its algebraic states catching up: IDA's last point before the end (t = "
                f"{t_before:.6g} s) lay {catch:.4g} nearer it (in its own unit) once its algebraic states were solved "
                f"for its differential ones, {100 * catch / fell:.0f} % of the last fall, {fell:.4g}: "
                + self.CAUGHT_UP)

    #: what :meth:`_event_caught_up`'s phrase ends with
    CAUGHT_UP = ("points accepted off their algebraic equations (docs/known_limits.rst, 'An event reached by the "
                 "algebraic states catching up')")

    def _consistent_point(self, model, y, z):
        """The state ``y`` with its algebraic states ``z``, solved for its differential ones at its time
        (:meth:`_consistent_algebraic_states`; ``y`` itself where the Newton iteration did not converge, None): the
        point before an event-ended integration's end, made a state of the model as that end is, for
        :meth:`_event_short`. PyBaMM's output point there is IDA's interpolant (an experiment step's output times),
        whose algebraic states are off by the error the end was corrected for: in a hold at 2.8 V (LMS, 25 C, until
        C/50, 20 cells) its voltage was 2.80106 V against the consistent end's 2.8 V exactly, which read as the voltage
        falling toward the 1.8 V "Minimum voltage [V]" event, 1 V away, and made that the nearest event, 6.99 of the
        hold's charge short; between two states of the model the held voltage does not move and the nearest event is
        the C/50 cut-off (session 45)."""
        if z is None:
            return y
        y = np.array(y, dtype=float)
        y[differential_size(model):] = z
        return y

    def _event_short(self, model, start, before, end, p):
        """The termination event nearest in time at the consistent end state of an integration an event ended, as
        :class:`EventShort` (its value in its own unit: V, Li content, A; the charge still to pass to reach it as a
        fraction of the charge the integration passed, and rtol), if that is more than rtol, else None. ``start``,
        ``before`` and ``end`` are (time [s], state): the integration's start, the solution's point before the
        consistent end state, made consistent too (:meth:`_consistent_point`; the start when only output variables are
        kept) and that end state; ``p`` the inputs.
        Each event's value is made a time by the rate it fell at from ``before`` to ``end``; an event at or past zero
        or not finite counts as reached; one not falling is never the nearest (going on does not reach it), and an end
        where none falls counts as reached (solving again would not move it). The time ahead is made a charge by the
        mean current magnitude of that interval (the model's "Throughput capacity [A.h]" state) and judged against rtol
        times the charge the integration passed (the step's capacity to the solver's relative tolerance; at a constant
        current the time ahead against rtol times the duration, as before session 44). A model without that state, or an
        integration that passed no charge, is judged in time: the time ahead against rtol times the duration. An end
        where going on changes no cathode cell's Li content by more than IDA's tolerance on it counts as reached
        (:meth:`_host_settled`)."""
        found = self._nearest_event(model, start, before, end, p)
        if found is None:
            return None
        nearest, value, short, basis, fraction, size = found
        if not short > self.rtol or self._host_settled(model, before[1], end[1], fraction):
            return None
        names = event_names(model)
        name = names[nearest] if len(names) == size else None  # (one value per event: its name)
        return EventShort(value, short, self.rtol, basis, name)

    def _nearest_event(self, model, start, before, end, p):
        """(index, value, short, basis, fraction, size) of the termination event nearest in time at ``end``, as
        :meth:`_event_short` judges it (its arguments): its value in its own unit, the charge (or duration) still to
        pass to reach it as a fraction of the integration's (``basis`` "charge" or "duration"), the time ahead as a
        fraction of the last interval, and the number of event values; None if the end has no later time than
        ``before``, an event value is not finite or at or past zero (one counts as reached), or none falls."""
        (t_start, y_start), (t_before, y_before), (t_end, y_end) = start, before, end
        if not t_end > t_before:
            return None
        values = [event_values(model, t, y, p) for t, y in ((float(t_before), y_before), (float(t_end), y_end))]
        if not values[1].size or not np.isfinite(values).all() or (values[1] <= 0).any():
            return None
        fell = values[0] - values[1]
        if not (fell > 0).any():
            return None
        ahead = np.where(fell > 0, values[1] * (t_end - t_before) / np.where(fell > 0, fell, 1.0), np.inf)
        nearest = int(np.argmin(ahead))
        q_start, q_before, q_end = (self._throughput(model, y) for y in (y_start, y_before, y_end))
        if None in (q_start, q_before, q_end) or q_end == q_start:  # (no charge state, or no charge passed)
            short, basis = ahead[nearest] / (t_end - t_start), "duration"
        else:
            short, basis = abs(q_end - q_before) / (t_end - t_before) * ahead[nearest] / abs(q_end - q_start), "charge"
        return (nearest, float(values[1][nearest]), float(short), basis, float(ahead[nearest] / (t_end - t_before)),
                values[1].size)

    #: the host's Li content states (scaled, per cathode cell), the multi-phase host's and the lever rule's
    HOST_CONTENT = ("Cathode Li content variable", "Cathode Li content")

    def _host_settled(self, model, y_before, y_end, fraction):
        """True if going on to the event, ``fraction`` of the last interval again at its rate, changes no cathode
        cell's Li content state (scaled, as IDA's error weights) by more than IDA's tolerance on it, rtol |x| + atol
        (the inverse of its error weight): what is left is below what the integration resolves of the host's Li, so
        solving again cannot move the step's capacity (a CCCV hold whose current falls 10x in 3 ms on the multi-phase
        host: ~1e-11 against 1e-6). Against atol alone, the 20 ms holds of LMS at 70 C with "ionic-switch host loss":
        "persistent Li0" (0.5C CCCV until C/20, cycles 24 to 32 of 50) had 1.008e-6 left at x = 0.160 (1.7e-5
        resolved) and were solved again at rtol 1e-5, 11 StepRefinedWarnings, two still short (the refined ends at
        1.0000 to 1.0069 C/20): the end current 1.0092 C/20, as the first cycle's hold (1.0088, accepted by atol),
        and the refined hold's charge (1.9e-10 A.h, 1.3e-6 of the cycle's) moved 0.5-1.3 %, more than the 1e-3 it was
        judged short (session 45). None of the host's states (a PyBaMM model): False."""
        for name in self.HOST_CONTENT:
            x = [scaled_state_values(model, y, name) for y in (y_before, y_end)]
            if x[0] is not None and x[1] is not None and x[0].size > 1:
                resolved = self.rtol * np.abs(x[1]) + float(np.min(self.atol))  # (IDA's error weight's inverse)
                return bool(np.all(np.abs(x[1] - x[0]) * fraction <= resolved))
        return False

    #: the state whose change is the charge an integration passed (the integral of the current's magnitude; PyBaMM's
    #: lithium-ion models' too)
    THROUGHPUT = "Throughput capacity [A.h]"

    def _throughput(self, model, y):
        """The model's :attr:`THROUGHPUT` state at the state vector ``y``, scaled (in its scale: only differences
        are read), or None if it has no such state: the one reader of it (:meth:`_event_short`, :meth:`_charge_passed`,
        which gives a difference its scale)."""
        values = scaled_state_values(model, y, self.THROUGHPUT)
        return None if values is None or values.size != 1 else float(values[0])

    def _consistent_algebraic_states(self, model, t, y, p):
        """The algebraic states solving the model's algebraic equations at time ``t`` [s] with the
        differential states of ``y`` (``y``'s own as the first guess), or None if the Newton iteration
        does not reach its :attr:`NEWTON` tolerance. ``t`` a sequence of times and ``y`` a 2-D array of states, one
        column per time: a list of those, one per point, from one call of the solve mapped over the points (CasADi's
        ``map``, the same numbers as a call at each)."""
        cached = getattr(self, "_consistent_newton", None)
        if cached is None or cached[0] is not model or cached[1] is not residual_function(model):
            f = residual_function(model)
            n = differential_size(model)
            z, x = casadi.MX.sym("z", algebraic_size(model)), casadi.MX.sym("x", n)
            ts, ps = casadi.MX.sym("t"), casadi.MX.sym("p", f.sparsity_in(2))
            residual = f(ts, casadi.vertcat(x, z), ps)[n:]
            g = casadi.Function("algebraic", [z, ts, x, ps], [residual])
            newton = casadi.rootfinder("consistent_state", "newton", g, {**self.NEWTON, "error_on_fail": False})
            # (the solve and its residual in one call, mapped over points: the same numbers as calling each on each;
            # an event-ended step's end and the point before it, 200 of a 100-cycle C/10 LMS run, four calls until
            # session 63)
            solved = newton(z, ts, x, ps)
            consistent = casadi.Function("consistent_state", [z, ts, x, ps], [solved, g(solved, ts, x, ps)])
            cached = self._consistent_newton = (model, f, {1: consistent})
        _, _, maps = cached
        n, points = differential_size(model), np.size(t)
        if points not in maps:
            maps[points] = maps[1].map(points)
        y = np.asarray(y, dtype=float).reshape(len(y), -1)  # (one column per point)
        z, residual = (out.full() for out in maps[points](y[n:], np.reshape(t, (1, -1)), y[:n], p))
        # (NaN: not converged)
        found = [z[:, k] if np.max(np.abs(residual[:, k])) <= self.NEWTON["abstol"] else None for k in range(points)]
        return found if np.ndim(t) else found[0]

    def _off_by_more_than_tolerance(self, model, z_ida, z):
        """True if an algebraic state IDA returned, ``z_ida``, is off its consistent value ``z`` by more than the
        solver's tolerance, rtol |z| + atol (on PyBaMM's scaled states, as IDA's error weights). Only such an end
        point is replaced: where the interpolated states are within the tolerances (a constant-current step,
        whose algebraic states are the host potential and the ohmic drop: residuals <= 1e-6, as at IDA's own
        points) the step ends as IDA returned it, and the next step starts from the same guess as before."""
        return bool(np.max(np.abs(z_ida - z) / self._state_tolerance(model, z, differential_size(model))) > 1)

    def _state_tolerance(self, model, y, first=0):
        """IDA's tolerance on each of the states ``y`` (PyBaMM's scaled states from index ``first`` of a set-up
        ``model``'s state vector), rtol times its magnitude plus atol: the inverse of its error weight on each, with
        the model's atol if it has one, as PyBaMM's IDAKLU solver reads it (a number or one per state), else the
        solver's."""
        atol = np.asarray(getattr(model, "atol", self.atol), dtype=float)
        atol = atol.ravel()[first:first + np.size(y)] if atol.ndim else atol
        return self.rtol * np.abs(y) + atol

    #: state variables (by name) and the closed range their equations keep them in
    BOUNDED_STATES = {"Dispersed material lithiation": (0.0, 1.0)}
    #: the relative tolerance of a refined integration, as a fraction of the solver's
    REFINED_RTOL = 0.1
    #: whether a charge of the multi-phase host whose Li0 layer formed inside the electrode is solved again at
    #: :data:`~pybamm_aea.switch_check.SOLVER_RTOL_FOR_THE_SWITCH` (:meth:`_switch_solved_again`); False on a solver
    #: (``solver.SOLVE_STEPPED_SWITCH_AGAIN = False``) keeps the charge as integrated, warned after the solve only
    SOLVE_STEPPED_SWITCH_AGAIN = True

    def _integrate(self, model, t_eval, inputs_list=None, t_interp=None, nproc=None):
        # (every solve and step integrates here, one solution per input set; see the class's refinement)
        self._ends_short, self._ends_caught_up, self._flags = [], [], []  # (one per input set, from
        # _post_process_solution)
        # (a solver that raises on failure made to keep IDA's partial solution: one that failed at an event ends on
        # it, :meth:`_failed_at_event`; the rest raise after)
        with failures_ignored(self, when="error") as on_failure:
            solutions = super()._integrate(model, t_eval, inputs_list, t_interp, nproc)
        if on_failure == "error":
            self._end_failures_at_events(model, solutions, inputs_list or [{}])
        if getattr(self, "_refined", False):  # (the solver that refined the integration checks its end, once)
            return solutions
        for index, solution in enumerate(solutions):
            if solution.termination == "failure":  # (IDA failed: a failure stands as one, or is retried)
                continue
            stepped = self._switch_stepped(model, solution)
            if stepped is not None:  # (solved again at an rtol that also checks its own end: not the bounds here)
                solutions[index] = self._switch_solved_again(model, t_eval, inputs_list or [{}], index, t_interp,
                                                             stepped, solution)
                continue
            past = self._past_full_end(model, solution)
            if past is not None:  # (solved again at an rtol that also checks its own end: not the bounds here)
                again = self._full_end_solved_again(model, t_eval, inputs_list or [{}], index, t_interp, past, solution)
                if again is not solution:
                    solutions[index] = again
                    continue
                # (IDA failed on the re-solve: the first integration, kept, has its end checked and refined below)
            outside = self._outside_bounds(model, solution, self.rtol, self._end_short(index))
            if outside is None:
                outside = self._end_caught_up(index)
            if outside is not None:
                solutions[index] = self._solved_again(model, t_eval, inputs_list or [{}], index, t_interp, outside,
                                                      solution)
        return solutions

    def _end_failures_at_events(self, model, solutions, inputs_list):
        """``solutions`` (one per input set, IDA's partial solution where it failed) with each failure that stopped at a
        termination event (:meth:`_failed_at_event`) ended on that event, as PyBaMM ends a step on one (its termination
        "event", the event's index kept for PyBaMM's name of it, the last point the event's); PyBaMM's SolverError,
        naming IDA's flag of each input set that failed otherwise, if any did (as ``on_failure="error"`` raised)."""
        failed = []
        for index, solution in enumerate(solutions):
            if solution.termination != "failure":
                continue
            inputs = inputs_list[index] if index < len(inputs_list) else {}
            self._not_approached = None
            event = self._failed_at_event(model, solution, flatten_inputs(inputs) if inputs else np.zeros(0))
            if event is None:
                failed.append((index, self._not_approached))
                continue
            solution.termination, solution.closest_event_idx = "event", event
        if failed:
            from pybammsolvers import idaklu

            flags = getattr(self, "_flags", [])
            raise pybamm.SolverError("; ".join(
                self._failed_when(solutions[index], inputs_list, index,
                                  (idaklu.sundials_error_message(flags[index]) if index < len(flags)
                                   else "termination: failure") + (f"; {why}" if why else ""))
                for index, why in failed) + self._what_to_try(model))

    def _failed_when(self, solution, inputs_list, index, why):
        """One failure of :meth:`_end_failures_at_events`'s error, the step named once: when in which integration IDA
        failed, read off its partial ``solution`` (input set ``index`` of ``inputs_list``), and IDA's ``why``, e.g.
        "IDA failed 0.000646994 s into step 1 of 1 in cycle 1 of 1, 'Hold at 3.5 V for 10 minutes', which started at
        t = 0 s (IDA_ERR_FAIL: Error test failures ...)"; without the time if it holds none."""
        ts = np.asarray(solution.all_ts[-1], dtype=float) if getattr(solution, "all_ts", None) else np.zeros(0)
        what = self.experiment_step or ("a step" if self.experiment_inputs is not None else "the integration")
        if len(inputs_list) > 1:
            what += f" of input set {index} of {len(inputs_list)}"
        if not ts.size:
            return f"IDA failed in {what} ({why})"
        return f"IDA failed {ts[-1] - ts[0]:.6g} s into {what}, which started at t = {ts[0]:.6g} s ({why})"

    #: what :meth:`_what_to_try` says after IDA's failure of a voltage hold (the case of docs/known_limits.rst) on a
    #: model whose host is not the lever rule
    HOLD_ADVICE = (". The lever-rule host ({\"host thermodynamics\": \"lever rule\"}) ran pristine LMS's "
                   "3.5 V hold, which this host fails on 0.64 ms in; see docs/known_limits.rst, 'An experiment step "
                   "that fails after the first'")
    #: what :meth:`_what_to_try` says after IDA's failure of any other integration
    OTHER_ADVICE = (". See docs/known_limits.rst, 'An experiment step that fails after the first', for the failures "
                    "known")

    def _what_to_try(self, model):
        """The last sentence of :meth:`_end_failures_at_events`'s error: :attr:`HOLD_ADVICE` for a voltage hold (a
        step "Hold at ..." or ``pybamm.step.voltage``) of a ``model`` whose host is not already the lever rule (this
        solver run on a lever-rule model was told to take the lever-rule host, review R18), else
        :attr:`OTHER_ADVICE`."""
        step = self.experiment_step or ""
        hold = ", 'Hold at " in step or ", 'Voltage(" in step
        lever_rule = (getattr(model, "options", None) or {}).get("host thermodynamics") == "lever rule"
        return self.HOLD_ADVICE if hold and not lever_rule else self.OTHER_ADVICE

    #: the last interval of a failed integration, in units in the last place of its end time, at or below which IDA
    #: could no longer advance the time (:meth:`_failed_at_event`): 1-2 where the voltage diverged (below)
    STALLED_ULPS = 64

    def _failed_at_event(self, model, solution, p):
        """The index of the termination event an integration IDA failed on (``solution``, its partial solution;
        ``p`` the inputs) had reached when it failed, or None. IDA must have stalled in time, its last interval at most
        :attr:`STALLED_ULPS` units in the last place of the time (the states diverging faster than the time resolves),
        and its last two points and its start are judged as an event-ended integration's end is
        (:meth:`_nearest_event`): the nearest event in time at its last point, at its last interval's rate, short of it
        by at most rtol of its charge (or duration). A constant-power step past the most the cell delivers fails at the
        fold of its voltage (TiS2, 0.02 W until 1 V: IDA_CONV_FAIL at 1.009 V, its last interval 2.5e-6 to 2.7e-4 s,
        6e9 to 6e11 units of its 2.2 s): no divergence, the 1 V cut-off never reached, its failure stands.

        The case: a charge with no voltage cut-off past the multi-phase host's ionic switch (session 48). The Li0 layer
        at the separator cuts the surface cell off from the electrode's Li, the current empties it, and its content
        reaches zero at a finite time t*: the voltage climbs as kT/e ln(1 / (t* - t)) (LMS, "Discharge at 0.1C for 2
        hours", rest 30 min, "Charge at 0.1C for 2 hours": 2.6 V 0.1 s before t*, 6716.4 s into the charge, 3.3 V
        1e-11 s before), and the model's 3.8 V "Maximum voltage [V]" lies within the round-off of the time (1.8e-12 s
        at t = 15716 s): IDA's steps shrank to it and it failed (IDA_ERR_FAIL) at 3.64 V, the retry too, and PyBaMM
        dropped the step. Past t* the model has no solution; the event is reached to the time's round-off, so the step
        ends on it, at the last state IDA reached (3.64 V there, 2.9e-11 s short of 3.8 V at its last rate), as
        PyBaMM's models end on theirs; its voltage is that state's, not the event's 3.8 V.

        The event must also be ahead by at most rtol of the integration's duration at the last interval's rate: an
        event physically at hand, as the charge's divergence (1.3e-5 s ahead, 66 s into the charge: 1.9e-7). A
        potentiostatic hold IDA failed on holds its voltage events still: their values fall by round-off only, a few
        units in the last place over the last interval, and no charge passes in a 1e-19 s interval (so "short" by 0
        of the charge); at that rate an event is ahead by about the time so far, times its value over the voltage
        (LMS, pristine, 70 C, "Hold at 3.5 V for 10 minutes": IDA failed 0.6377 ms in, its last interval 1.1e-19 s,
        "Minimum voltage [V]" 2.7 V away and 0.33 ms ahead, 0.52 of the duration; until session 51 the step ended "on"
        that event, at 3.500 V). Such a failure stands, raised as IDA's (the multi-phase host's solver retries it). The
        event must have been approached, not just be ahead at a stalled interval's noise (:meth:`_event_not_approached`,
        its reason kept as ``_not_approached`` for the error; session 59)."""
        ts = np.asarray(solution.all_ts[-1], dtype=float)
        if getattr(solution, "variables_returned", False) or ts.size < 2 or not event_functions(model):
            return None
        ys = np.asarray(solution.all_ys[-1], dtype=float)
        if ys.ndim != 2 or ys.shape[1] != ts.size or not np.isfinite(ys[:, -2:]).all():
            return None
        if not ts[-1] - ts[-2] <= self.STALLED_ULPS * np.spacing(ts[-1]):  # (IDA still advanced the time: a failure
            return None                                                    # of its own, not a divergence)
        nearest = self._nearest_event(model, (ts[0], ys[:, 0]), (ts[-2], ys[:, -2]), (ts[-1], ys[:, -1]), p)
        if nearest is None or not nearest[2] <= self.rtol or nearest[5] != len(event_names(model)):
            return None  # (none falling, one further than the tolerance, or no event's index to name it by)
        if not nearest[4] * (ts[-1] - ts[-2]) <= self.rtol * (ts[-1] - ts[0]):  # (its time ahead: a held voltage's
            return None                                                           # round-off, not at the event)
        self._not_approached = self._event_not_approached(model, ts, ys, p, nearest[0])
        return None if self._not_approached else nearest[0]

    #: the least fraction of an event's value at a failure that it must have fallen by since an earlier point for the
    #: failure to count as reaching it (:meth:`_event_not_approached`): the event then ahead by at most 100 times
    #: that stretch at its rate (LMS's diverging charges: 4.7 and 8.1 times; the stall of a host with no gradient
    #: energy: 9e-7 of its value in its last 7.6e-12 s)
    APPROACH_FRACTION = 0.01

    def _event_not_approached(self, model, ts, ys, p, event):
        """Why IDA's partial solution (times ``ts`` [s], states ``ys``) did not approach the termination event of index
        ``event`` (its value in its own unit, :func:`event_unit`), or None if it did: at some earlier point its value
        was higher by more than :attr:`APPROACH_FRACTION` of its value at the failure and than the solver's noise on it
        (:meth:`_event_noise`), at a rate that reaches it within rtol of the duration. LMS's diverging charge (above):
        0.1586 V from 3.8 V, 0.0197 V above that 4.3e-12 s before, 3.5e-11 s ahead. A host with no gradient energy
        (uphill diffusion) stalled 70.75 s into 0.1C at 2.2604 V, its voltage down 1.1e-7 V in the last 1.4e-14 s
        (noise 9.9e-6 V): "Minimum voltage [V]" 0.46 V away fell 0.0079 V in the last 52.5 s, 3.1e3 s ahead at that
        rate. Only that event is evaluated, at all points in one call (:meth:`_event_alone`): that stall's reading
        (88 points) took 2.2-2.8 ms, 1.2-1.7 of it making the event's functions, against 13.2-14.9 ms when each point
        evaluated the 4 events, each one call of the joined events (:class:`_SharedEvents`), 38 us a call."""
        value_of, gradient = self._event_alone(model, event)
        p = np.asarray(p, dtype=float).reshape(-1, 1)
        values = np.asarray(value_of.map(ts.size)(np.asarray(ts, dtype=float).reshape(1, -1), ys,
                                                  np.repeat(p, ts.size, axis=1)), dtype=float).ravel()
        name, end = event_names(model)[event], float(values[-1])
        least = max(self.APPROACH_FRACTION * end, self._event_noise(model, gradient, ts[-1], ys[:, -1], p))
        latest = None  # (the latest point above by the least: its fall, stretch and time ahead)
        for k in range(ts.size - 2, -1, -1):
            fell = float(values[k]) - end
            if fell > least:
                stretch = ts[-1] - ts[k]
                ahead = end * stretch / fell
                if ahead <= self.rtol * (ts[-1] - ts[0]):
                    return None
                latest = latest or (fell, stretch, ahead)
        unit = event_unit(name)
        said = f" {unit}" if unit else ""
        away = f"'{name}' {end:.6g}{said} away (its value{'' if unit else '; its name gives no unit'})"
        if latest is None:
            return f"not at an event: {away}, never {least:.3g}{said} higher before"
        fell, stretch, ahead = latest
        return (f"not at an event: {away}, down {fell:.3g}{said} in the last {stretch:.3g} s, {ahead:.3g} s ahead at "
                "that rate")

    #: how many events (of a model, by index) :meth:`_event_alone` keeps the functions of: the oldest dropped first
    EVENTS_KEPT = 8

    def _event_alone(self, model, event):
        """CasADi functions of ``(t, y, inputs)``: the value of a set-up ``model``'s termination event of index
        ``event`` alone (the events joined in one function, :class:`_SharedEvents`, each call of one evaluated them
        all) and its gradient in the states (PyBaMM's scaled states, as IDA's); kept for the event's next failure, for
        :attr:`EVENTS_KEPT` events (until session 61 one: two events failing in turn made them anew each time)."""
        function = event_functions(model)[event]
        kept = self.__dict__.setdefault("_events_kept", {})  # (id of the model, event): model, function, both
        cached = kept.get((id(model), event))  # (the model held there: its id not reused while kept)
        if cached is None or cached[0] is not model or cached[1] is not function:
            joined = function.joined if isinstance(function, _EventOutput) else function
            t, y, p = (casadi.MX.sym(joined.name_in(i), joined.sparsity_in(i)) for i in range(3))
            g = joined(t, y, p)[function.index] if isinstance(function, _EventOutput) else function(t, y, p)
            cached = (model, function, _expanded(casadi.Function("event", [t, y, p], [g])),
                      _expanded(casadi.Function("event_gradient", [t, y, p], [casadi.jacobian(g, y)])))
            kept.pop((id(model), event), None)
            while len(kept) >= self.EVENTS_KEPT:
                kept.pop(next(iter(kept)))  # (the oldest)
            kept[(id(model), event)] = cached
        return cached[2], cached[3]

    def _event_noise(self, model, gradient, t, y, p):
        """The solver's noise on a termination event at the state ``y`` (time ``t`` [s], inputs ``p``), in the event's
        own unit: IDA's tolerance on each state (:meth:`_state_tolerance`) carried to the event by its ``gradient``
        there (:meth:`_event_alone`), the sum over the states of the gradient's magnitude times that tolerance: what
        the states IDA kept within its tolerance leave the event uncertain by, to first order. A current event reads
        PyBaMM's "Current variable [A]" state, scaled by the nominal capacity: its noise is rtol of the current plus
        atol times that scale (LMS, 0.15 mA.h, a hold at 1 uA: 1.5e-4 (1e-4 x 0.0067 + 1e-6) = 2.5e-10 A), where rtol
        times the event's magnitude plus atol, the rule until session 60, took atol's 1e-6 (on scaled states) as 1e-6
        A, 4000 times more. The voltage's noise follows the states it reads: 9.9e-6 V in the stall of a host with no
        gradient energy (2.26 V; that rule's 4.7e-5 V), 1.9e-4 V at LMS's diverging charge (3.64 V, its surface near
        empty; 1.7e-5 V), both below 1 % of the event's value (:attr:`APPROACH_FRACTION`), which decides there."""
        dg = np.abs(np.asarray(gradient(float(t), y, p), dtype=float)).ravel()
        return float(dg @ self._state_tolerance(model, y))

    def _end_short(self, index):
        """Input set ``index``'s :meth:`_event_short` of the last integration (None if it has none)."""
        shorts = getattr(self, "_ends_short", [])
        return shorts[index] if index < len(shorts) else None

    def _end_caught_up(self, index):
        """Input set ``index``'s :meth:`_event_caught_up` of the last integration (None if it has none)."""
        caught_up = getattr(self, "_ends_caught_up", [])
        return caught_up[index] if index < len(caught_up) else None

    def _again_at(self, rtol):
        """A solver of this class, tolerances and options at ``rtol``, told the step this one runs (its warnings name
        it), to integrate an input set again (:func:`~pybamm_aea.pybamm_adapter.solver_internals.integrate_again`)."""
        again = type(self)(rtol=rtol, atol=self.atol, options=dict(idaklu_options(self)),
                           output_variables=self.output_variables)
        again.experiment_inputs, again.experiment_step = self.experiment_inputs, self.experiment_step
        again.running_step = self.running_step
        return again

    def _integration_named(self, t_eval, inputs_list, index):
        """Input set ``index``'s integration over ``t_eval`` as the warnings name it: "a step from t = 0 s (step 2 of 4
        in cycle 37 of 50, 'Charge at 0.5C until 2.8 V')" (a 50-cycle run has hundreds), "of input set 1 (of 3)"."""
        what = f"{'a step' if self.experiment_inputs is not None else 'the integration'} from t = {t_eval[0]:.6g} s"
        if self.experiment_step is not None:
            what += f" ({self.experiment_step})"
        if len(inputs_list) > 1:
            what += f" of input set {index} (of {len(inputs_list)})"
        return what

    def _switch_stepped(self, model, solution):
        """:func:`pybamm_aea.switch_check.stepped_integration` of an integration (where its charge formed the
        multi-phase host's Li0 layer inside the electrode), or None; not judged (None) at an rtol of
        :data:`~pybamm_aea.switch_check.SOLVER_RTOL_FOR_THE_SWITCH` or tighter, where it would not be solved again, nor
        with :attr:`SOLVE_STEPPED_SWITCH_AGAIN` False, nor by the solver of that re-solve."""
        from ..switch_check import SOLVER_RTOL_FOR_THE_SWITCH, stepped_integration

        if not (self.SOLVE_STEPPED_SWITCH_AGAIN and self.rtol > SOLVER_RTOL_FOR_THE_SWITCH) or \
                getattr(self, "_switch_again", False):  # (the re-solve's own solver: once)
            return None
        return stepped_integration(model, solution)  # (looser than the switch's rtol: its bulk judged too)

    def _switch_solved_again(self, model, t_eval, inputs_list, index, t_interp, stepped, first):
        """Input set ``index``'s integration ``first``, a charge whose Li0 layer formed inside the electrode at
        ``stepped`` (:class:`~pybamm_aea.switch_check.InteriorLayer`), solved again from its start at
        :data:`~pybamm_aea.switch_check.SOLVER_RTOL_FOR_THE_SWITCH` by a solver that checks its own end (its bounds
        and events, :meth:`_solved_again`), with a :class:`~pybamm_aea.switch_check.SwitchRefinedWarning` naming
        the step, the cell and the charge passed before and after; the refined integration is kept, unless IDA fails
        on it (the first is then kept, said so). Still flagged, the solve warns
        :class:`~pybamm_aea.switch_check.SolverSteppedSwitchWarning` after it, as before session 48."""
        from ..switch_check import SOLVER_RTOL_FOR_THE_SWITCH, SwitchRefinedWarning, SwitchResolve, stepped_integration

        again = self._again_at(SOLVER_RTOL_FOR_THE_SWITCH)
        again._switch_again = True  # (it checks its own end, not its switch again: judged below)
        resolve = SwitchResolve(self._integration_named(t_eval, inputs_list, index), stepped, self.rtol, again.rtol,
                                self._switches_before())  # (its words: SwitchResolve.text, one place)
        solution, failed = self._integrated_again(again, model, t_eval, inputs_list, index, t_interp)
        if failed is not None:
            warnings.warn(SwitchRefinedWarning(resolve._replace(failed=failed), index), stacklevel=users_stacklevel())
            return first
        before, after = self._charge_passed(model, first), self._charge_passed(model, solution)
        if before and after is not None:
            resolve = resolve._replace(charge=(after, before), per_gram=self._per_gram(first, solution))
        still = stepped_integration(model, solution, rtol=again.rtol)  # (at that rtol its bulk is not judged)
        warnings.warn(SwitchRefinedWarning(resolve._replace(still=still), index), stacklevel=users_stacklevel())
        return solution

    @staticmethod
    def _integrated_again(again, model, t_eval, inputs_list, index, t_interp):
        """(input set ``index``'s integration solved again by the solver ``again``, or None; None, or why IDA failed
        on it: its SolverError's text, or "termination: failure"): the one re-solve of the switch's and the past-full
        end's (:meth:`_switch_solved_again`, :meth:`_full_end_solved_again`), each keeping its first on a failure."""
        try:
            solution = integrate_again(again, model, t_eval, inputs_list, index, t_interp)
        except pybamm.SolverError as exc:
            return None, str(exc)
        return solution, (None if solution.termination != "failure" else "termination: failure")

    def _switches_before(self):
        """How many charges this experiment solve (its :attr:`experiment_inputs`, one per solve) solved again before
        this one at the switch's rtol (:meth:`_switch_solved_again`), this one counted; 0 outside an experiment."""
        solve = self.experiment_inputs
        if solve is None:
            return 0
        seen, count = getattr(self, "_switches_seen", (None, 0))
        count = count if seen is solve else 0
        self._switches_seen = (solve, count + 1)
        return count

    @staticmethod
    def _per_gram(first, solution):
        """(X, Y) [mA.h/g]: the charge the re-solve ``solution`` and the ``first`` integration passed per gram of host
        (the "Electrode specific capacity [mA.h.g-1]" the docs quote, on their states), or None (not read)."""
        from ..pybamm_adapter.model_internals import step_variable_history
        from ..readout import ESC

        passed = []
        for integration in (solution, first):
            try:
                q = step_variable_history(integration, ESC)
            except Exception:  # (a variable that does not evaluate on these states: the mA.h are said)
                q = None
            if q is None or not q.size:
                return None
            passed.append(abs(float(q[0, -1] - q[0, 0])))
        return tuple(passed)

    def _solved_again(self, model, t_eval, inputs_list, index, t_interp, outside, first=None):
        """Input set ``index``'s integration over ``t_eval`` [s], ``first``, which ended with ``outside``, solved again
        from its start at :attr:`REFINED_RTOL` times rtol, with a :class:`StepRefinedWarning` (another if its end is
        still outside). Of two integrations both short of their events the nearer (:meth:`_event_short`'s shortfall) is
        kept if it is within :attr:`BOUNDED_STATES`, with one warning saying which: a solve at a tighter rtol can end
        further off (a hold's current falling 10-fold in 3 ms)."""
        refined = self._again_at(self.rtol * self.REFINED_RTOL)
        refined._refined = True
        what = self._integration_named(t_eval, inputs_list, index)
        solution = integrate_again(refined, model, t_eval, inputs_list, index, t_interp)
        short, still_short = self._end_short(index), refined._end_short(0)
        said = f"{what} ended with {outside}; solved again at rtol {refined.rtol:g}"
        if (first is not None and short is not None and still_short is not None and still_short.short > short.short
                and self._outside_bounds(model, first, self.rtol) is None):  # (the first within the model's bounds)
            warnings.warn(StepRefinedWarning(f"{said}: it ended further from its event ({still_short.short:.3g} of its "
                                             f"{still_short.basis} short): the first integration is kept", index),
                          stacklevel=users_stacklevel())
            return first
        still = refined._outside_bounds(model, solution, refined.rtol, still_short) or refined._end_caught_up(0)
        if short is not None and still is None:  # (the event reached at the tighter rtol: what the re-solve changed)
            said += self._refined_note(model, first, solution, short, refined.rtol)
        warnings.warn(StepRefinedWarning(said, index), stacklevel=users_stacklevel())
        if still is not None:
            warnings.warn(StepRefinedWarning(f"{what} solved again at rtol {refined.rtol:g} still ended with {still}",
                                             index), stacklevel=users_stacklevel())
        return solution

    #: the dispersed material's lithiation state, whose full end :meth:`_past_full_end` judges, and the rtol an
    #: integration that passed that end is solved again at (:meth:`_full_end_solved_again`): at 1e-6 the measured
    #: case (LTO-LMS, 3 mg/cm2, 0.5C to 1 V) passes it nowhere and gives the rtol 1e-7 capacity, 136.663 mA.h/g
    FULL_END_STATE = "Dispersed material lithiation"
    FULL_END_RTOL = 1e-6
    #: the variables :meth:`_past_full_end` reads: a solver with ``output_variables`` (a solution keeping no states)
    #: judges the integration if they are among them (:meth:`pybamm_aea.models.aea.AEA.default_solver_with` adds them)
    FULL_END_VARIABLES = (FULL_END_STATE, "Dispersed material driving force")

    def _past_full_end(self, model, solution):
        """Where an integration held a dispersed material's domain past its full end while giving Li back to the host,
        as a phrase, or None; not judged (None) at :attr:`FULL_END_RTOL` or tighter, nor by the solver of the re-solve,
        nor for a model without the :attr:`FULL_END_STATE`, nor a solve whose ``output_variables`` (its solution keeping
        no states) leave out :attr:`FULL_END_VARIABLES`.

        The rate law keeps the lithiation z <= 1 (the core's area vanishes at 1), and U_D's log term falls steeply past
        it (:class:`~pybamm_aea.models.submodels.dispersed_material.DispersedConversion`; LTO at 70 C: 0.26 V below
        U0 at z = 1 + 1e-6). IDA's error test allows z an error of rtol |z| ~ rtol near full, far more than the 1e-9 ..
        1e-6 of 1 - z on which a full domain's equilibrium with the host lies: a step past 1 drops U_D below the host's
        potential and the full domain gives Li back, at the whole product's area, faster than the shell lets it return.
        Where the host is at its Li4 end that Li fills it and its OCP, and the voltage, collapse (LTO-LMS, 3 mg/cm2,
        0.5C to 1 V: 1.0487 -> 1.000 V in 0.1 s at 6410.5 s at rtol 3e-5, 131.147 against 136.663 mA.h/g). Flagged: a
        point with z above 1 by more than the solver's atol on it, and above its own start, with the driving force
        negative (delithiating), which the exact solution never has."""
        if not self.rtol > self.FULL_END_RTOL or getattr(self, "_full_end_again", False):
            return None
        scale = state_scale(model, self.FULL_END_STATE)
        if scale is None:
            return None
        returned = getattr(solution, "variables_returned", False)  # (output variables only: judged if ours are)
        if returned and not set(self.FULL_END_VARIABLES) <= set(self.output_variables or ()):
            return None
        z = (np.asarray(solution[self.FULL_END_STATE].entries, dtype=float) if returned else
             state_values(model, np.asarray(solution.y, dtype=float), self.FULL_END_STATE))
        if z is None or not z.size:
            return None
        # (the states first: most integrations stop here; a domain the integration started past full, a charge after
        # an overfilled discharge's end, is not its own step's: IDA returns that overfill, and a re-solve would start
        # there)
        above = (z > 1 + float(np.min(self.atol)) * abs(scale)) & (z > z[:, :1])
        if not above.any():
            return None
        name = self.FULL_END_VARIABLES[1]
        phi = np.asarray(solution[name].entries, dtype=float) if returned else step_variable_history(solution, name)
        if phi is None or phi.shape != z.shape:
            return None
        past = above & (phi < 0)
        if not past.any():
            return None
        k = int(np.argmax(past.any(axis=0)))
        i = int(np.argmax(past[:, k]))
        t = float(np.asarray(solution.t, dtype=float)[k])
        return (f"a dispersed material domain past its full end, giving Li back to the host ({self.FULL_END_STATE} "
                f"{z[i, k]:.9g} in cell {i + 1} of {z.shape[0]} at t = {t:.6g} s, driving force {phi[i, k]:.3g})")

    def _full_end_solved_again(self, model, t_eval, inputs_list, index, t_interp, past, first):
        """Input set ``index``'s integration ``first``, which held a domain past its full end (``past``,
        :meth:`_past_full_end`), solved again from its start at :attr:`FULL_END_RTOL` by a solver that checks its own
        end (its bounds and events), with a :class:`StepRefinedWarning` naming the step and the charge passed before
        and after; ``first`` itself, said so, if IDA fails on the re-solve (its end then checked as any other's
        by :meth:`_integrate`: its bounds, refined at :attr:`REFINED_RTOL`)."""
        from ..switch_check import charges_in_words

        again = self._again_at(self.FULL_END_RTOL)
        again._full_end_again = True
        said = (f"{self._integration_named(t_eval, inputs_list, index)} held {past}: IDA's error test at rtol "
                f"{self.rtol:g} does not resolve a domain's equilibrium near full (docs/known_limits.rst); solved "
                f"again from its start at rtol {again.rtol:g}")
        solution, failed = self._integrated_again(again, model, t_eval, inputs_list, index, t_interp)
        if failed is not None:
            warnings.warn(StepRefinedWarning(f"{said}, where IDA failed ({failed}): the first integration is kept",
                                             index), stacklevel=users_stacklevel())
            return first
        before, after = self._charge_passed(model, first), self._charge_passed(model, solution)
        if before and after is not None:  # (the words of the switch's re-solve: switch_check.charges_in_words)
            words = charges_in_words(after, before, self._per_gram(first, solution))
            said += f": its charge {words[0]} against the first integration's {words[1]}, {words[2]}"
        warnings.warn(StepRefinedWarning(said + "; the refined integration is kept", index),
                      stacklevel=users_stacklevel())
        return solution

    def _charge_passed(self, model, solution):
        """The charge [A.h] an integration's solution passed (its :attr:`THROUGHPUT` state from its first point to its
        last), or None (no such state, or only output variables kept)."""
        if solution is None or getattr(solution, "variables_returned", False) or not len(solution.all_ys[-1]):
            return None
        ys = np.asarray(solution.all_ys[-1], dtype=float)
        first, last = (self._throughput(model, ys[:, k]) for k in (0, -1))
        if first is None:
            return None
        try:
            scale = state_scale(model, self.THROUGHPUT)
        except Exception:  # (a scale that is an input: not a number here)
            return None
        return scale * (last - first)

    def _refined_note(self, model, first, solution, short, rtol):
        """What solving again changed for the user (the charge the first integration passed and the refined one's, or
        that they agree within the solver's atol on the :attr:`THROUGHPUT` state) and what to do, for
        :meth:`_solved_again`'s warning on an end short of its event (``short``) that the integration at ``rtol``
        reached."""
        before, after = self._charge_passed(model, first), self._charge_passed(model, solution)
        atol = float(np.min(self.atol))  # (a number, or one per state)
        changed = ""
        if before and after is not None:
            scale = state_scale(model, self.THROUGHPUT)
            within = scale is not None and abs(after - before) <= atol * abs(scale)
            changed = (f" (its charge {after:.4g} A.h against the first integration's {before:.4g}, "
                       f"{100 * (after / before - 1):+.2g} %" + (", within the solver's atol on the throughput state, "
                       f"{atol * abs(scale):.2g} A.h" if within else "") + ")")
        event = f"'{short.name}'" if short.name else "the event"
        return (f", which reaches it{changed}; the refined integration is kept. The first end was short of {event} "
                f"by more than the solver's tolerance on its {short.basis}, so its end state (a hold's end current, a "
                f"discharge's end voltage) was not yet the event's; solving at rtol {rtol:g} from the start "
                f"(model.default_solver_with(rtol={rtol:g}, atol={atol:g})) ended such steps on their events "
                "without the re-solve where measured (docs/known_limits.rst)")

    def _outside_bounds(self, model, solution, rtol, short=None):
        """What an integration's end state holds outside :attr:`BOUNDED_STATES` by more than the tolerance (``rtol``
        times the bound plus the solver's atol times the state's scale), or, given ``short`` (:meth:`_event_short`), the
        event it ended on not reached at its consistent end state, as a phrase, or None."""
        if short is not None:
            named = f", '{short.name}'," if short.name else ""
            return (f"no event reached at its consistent end state (the nearest in time{named} still {short.value:.4g} "
                    f"from zero in its own unit, an estimated {short.short:.3g} of the integration's {short.basis} "
                    f"short of it at its last interval's rate, "
                    f"against rtol {short.tolerance:g}: an event located on IDA's interpolant of the algebraic states)")
        if getattr(solution, "variables_returned", False) or not len(solution.all_ys[-1]):
            return None
        y = np.asarray(solution.all_ys[-1], dtype=float)[:, -1]
        for name, (low, high) in self.BOUNDED_STATES.items():
            values = state_values(model, y, name)
            if values is None or not values.size:
                continue
            atol = self.atol * abs(state_scale(model, name))
            top, bottom = values.max(), values.min()
            if top > high + rtol * abs(high) + atol:
                return f"{name} {top:.6g}, above its {high:g}"
            if bottom < low - rtol * abs(low) - atol:
                return f"{name} {bottom:.6g}, below its {low:g}"
        return None

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_consistent_newton", None)  # (rebuilt for the model of the next solve)
        return state


#: the attribute of an :class:`InputSetWarning`: the index of the input set it is about in the solve's list of inputs
INPUT_SET = "input_set"


#: what :class:`InputSetWarning` is given when no input set was: refused (a missing index was taken as set 0)
_NO_INPUT_SET = object()


class InputSetWarning(UserWarning):
    """A warning about one input set of a solve (its :data:`INPUT_SET`, the set's index in the solve's list of inputs;
    0 for one set): ``pybamm_aea.sweep`` solves only that row of a batch again, alone, for its figures and warnings.
    The index is required: ``warnings.warn(text, Cls)`` (the category built from the text alone) is refused by a
    TypeError naming the way out, ``warnings.warn(Cls(text, index))``; until session 62 it named set 0 silently. None,
    given, says the warning is about no one input set (a screen's material over its several solves): a sweep batch
    catching it solves every row again."""

    def __init__(self, message, input_set=_NO_INPUT_SET):
        name = type(self).__name__
        if input_set is _NO_INPUT_SET:
            raise TypeError(f"{name} needs the index of the input set it is about (input_set: its place in the "
                            f"solve's list of inputs, 0 for a solve of one; None for none): warn it as "
                            f"warnings.warn({name}(text, index)), not warnings.warn(text, {name}), which gives none")
        if input_set is not None and not (isinstance(input_set, (int, np.integer)) and not isinstance(input_set, bool)
                                          and input_set >= 0):
            raise TypeError(f"{name}'s input_set is {input_set!r}: the index of an input set in the solve's list of "
                            f"inputs, an integer >= 0 (or None for none)")
        super().__init__(message)
        setattr(self, INPUT_SET, None if input_set is None else int(input_set))

    def __reduce__(self):  # (pickled with its index: BaseException's rebuilds from the text alone, now refused)
        return type(self), (self.args[0] if self.args else "", getattr(self, INPUT_SET)), self.__dict__


#: the units of the termination events whose names give none, by a phrase of the name: the host's Li content (the
#: lever-rule host's "Minimum cathode Li content" and the lattice gas's "Cathode lattice gas full ... (Li content x_max,
#: theta = 1)": x, Li per formula unit), the Li-In anode's Li:In ratio ("Li-In anode depleted of Li"), and PyBaMM's
#: "C-rate cut-off [experiment]" (the C-rate's magnitude less the step's, PyBaMM's "C-rate" the current over the
#: nominal capacity: per hour, the C of "C/50"); :func:`event_unit`
EVENT_UNITS = {"Li content": "Li per formula unit", "Li-In anode": "Li per In",
               pybamm.step.CRateTermination(1).get_event_name(None): "C"}


def event_unit(name):
    """The unit of the value of the termination event ``name``: the last in square brackets but PyBaMM's
    "[experiment]" ("Minimum voltage [V]": V; PyBaMM's experiment events name theirs, "Voltage < 2.5 [V]
    [experiment]", "abs(Current [A]) < 0.001 [A] [experiment]"), else that of :data:`EVENT_UNITS` whose phrase the
    name holds, else None (a ``pybamm.step.CustomTermination``'s, PyBaMM's "Combined termination [experiment]" of a
    unified experiment model, the minimum of a step's terminations in their several units)."""
    units = [unit for unit in re.findall(r"\[([^\[\]]+)\]", name) if unit != "experiment"]
    if units:
        return units[-1]
    return next((unit for phrase, unit in EVENT_UNITS.items() if phrase in name), None)


class EventShort(collections.namedtuple("EventShort", "value short tolerance basis name", defaults=(None,))):
    """An integration's end short of its termination events (:meth:`ConsistentEventIDAKLUSolver._event_short`): the
    nearest event's value in its own unit, how far short of it the end is as a fraction of the integration's
    ``basis`` ("charge" or "duration"), the tolerance (rtol) that is judged against and the event's name (None if
    not known)."""


class StepRetriedWarning(UserWarning):
    """An experiment step was solved again after IDA failed on it (:class:`SharedEventsIDAKLUSolver`)."""


class StepRefinedWarning(InputSetWarning):
    """An integration (an experiment step's, a solve's input set) was solved again at a tighter tolerance because it
    ended with a state outside the range the model keeps it in or short of every event
    (:class:`ConsistentEventIDAKLUSolver`)."""


class SharedEventsIDAKLUSolver(ConsistentEventIDAKLUSolver, _SharedEvents, _DownstreamJacobian):
    """The multi-phase host's default solver: :class:`ConsistentEventIDAKLUSolver` with the
    termination events joined in one function (:class:`_SharedEvents`) and the Newton Jacobian
    built per variable, downstream states reduced to their own block (:class:`_DownstreamJacobian`).

    An experiment step IDA fails on is solved once more from the same state by a
    :class:`ConsistentEventIDAKLUSolver` with PyBaMM's own Newton matrix and a first step of
    :attr:`RETRY_FIRST_STEP`, with a warning; its error is raised if it fails too. The failure it
    mends, in a shipped literature set on this host (tests/test_solver_tolerance.py):
    IDA's error test failing at the first steps after the current reverses (IDA sizes the first
    step from the step's whole span, and the charge's derivatives are the wrong guess for the
    discharge: AEA_LiCoO2 charged and discharged at 0.4C, with either Newton matrix). Of 20 rates
    from 0.05C to 1C, charge-discharge-charge, that one failed, none after the retry (NMC532, LMS and
    TiS2: none; NMC532's KLU failures late in a charge to 4.3 V were the per-variable matrix's
    infinite entries, see :class:`_DownstreamJacobian`). Since LiCoO2's volume grows on charge and with
    pybammsolvers 0.11.1 (session 38) none of AEA_LiCoO2 / AEA_NMC532 at 0.1, 0.4 and 1C, 25 C, fails, with
    or without the full-lattice-gas events; the test injects the failure. Nothing changes where no step fails.
    The retry's integration, like any, is solved again if it ends outside the model's bounds or short of every event
    (:class:`ConsistentEventIDAKLUSolver`).
    """

    #: the retry's first step [s]: a thousandth of a second, below every time constant of the cells
    RETRY_FIRST_STEP = 1e-3

    def _checked_step(self, old_solution, model, dt, t_eval=None, npts=None, inputs=None, *args, **kwargs):
        # (CheckedIDAKLUSolver.step's note on a custom step's failure, which solves the step again, is made after
        # this, once, only if the retry fails too)
        try:
            return super()._checked_step(old_solution, model, dt, t_eval, npts, inputs, *args, **kwargs)
        except pybamm.SolverError as exc:
            # an infeasible step, or an input not given: failures before IDA integrates, the same on any solver
            if "at initial conditions" in str(exc) or "No value provided for input" in str(exc):
                raise
            # a new solver each time (one is set up for one model; failures are rare, its set-up 0.1-0.5 s)
            retry = ConsistentEventIDAKLUSolver(rtol=self.rtol, atol=self.atol,
                                        options={**idaklu_options(self), "dt_init": self.RETRY_FIRST_STEP},
                                        output_variables=self.output_variables)
            retry.experiment_inputs = self.experiment_inputs  # (its input names looked at once per solve too)
            retry.experiment_step = self.experiment_step  # (its warnings name the step too)
            retry.running_step = self.running_step  # (and read its terminations)
            retry.SOLVE_STEPPED_SWITCH_AGAIN = self.SOLVE_STEPPED_SWITCH_AGAIN  # (a solver's opt-out holds in it)
            t0 = float(old_solution.t[-1]) if old_solution is not None else 0.0
            said = str(exc)
            for advice in (self.HOLD_ADVICE, self.OTHER_ADVICE):  # (what to try is said if the retry fails too)
                said = said.replace(advice, "")
            if not said.startswith("IDA failed "):  # (another error than ours, which names the step and its start)
                where = "" if self.experiment_step is None else f", {self.experiment_step}"
                said = f"IDA failed on the step from t = {t0:.6g} s{where} ({said})"  # (its start, not the failure's)
            warnings.warn(f"{said}; solved again with PyBaMM's Newton matrix and a {self.RETRY_FIRST_STEP:g} s first "
                          "step", StepRetriedWarning, stacklevel=users_stacklevel())
            return retry._checked_step(old_solution, model, dt, t_eval, npts, inputs, *args, **kwargs)


class ScalarFunctionsIDAKLUSolver(CheckedIDAKLUSolver, _ScalarFunctions, _SharedEvents):
    """The lever-rule host's default solver: :class:`.start_advice.CheckedIDAKLUSolver` running the
    model's functions as SX (:class:`_ScalarFunctions`), its events joined (:class:`_SharedEvents`).
    SX is not used for the multi-phase host: there it did not change the time of 10 C/10 cycles
    (2.3 s CPU either way). Non-finite states are refused (the base's ``_refuse_non_finite``) with no retry: the
    multi-phase host's (:class:`SharedEventsIDAKLUSolver`) left TiS2's NaN energy at its 1C cut-off as it was."""


class FlagKeepingIDAKLUSolver(pybamm.IDAKLUSolver):
    """``pybamm.IDAKLUSolver`` that keeps IDA's return flags of its last solve (:attr:`flags`, one per input set):
    PyBaMM sets termination "failure" for a negative flag and names the flag only in the text of its warning or
    error (its Solution takes no new attribute)."""

    def solve(self, *args, **kwargs):
        #: IDA's return flag of each input set's last integration (negative: IDA failed)
        self.flags = []
        return super().solve(*args, **kwargs)

    def _post_process_solution(self, sol, *args, **kwargs):
        self.flags.append(int(sol.flag))
        return super()._post_process_solution(sol, *args, **kwargs)

    def failure_message(self):
        """IDA's message for the last solve's failed flag (``termination: failure`` if none is kept)."""
        failed = [flag for flag in getattr(self, "flags", []) if flag < 0]
        if not failed:
            return "termination: failure"
        from pybammsolvers import idaklu

        return idaklu.sundials_error_message(failed[-1])
