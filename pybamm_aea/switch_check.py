"""The ionic switch and the solver's time step: a charge of the multi-phase host whose Li0 layer formed inside the
electrode, not at the separator.

On charge the multi-phase host (Mo6S8) climbs the Li0/Li1 spinodal loop homogeneously; resolved, its separator cell
decomposes first at the loop's peak and the Li0 layer it grows there blocks (the ionic switch). IDA's BDF steps at the
multi-phase default rtol 1e-4 can pass the onset of that decomposition, and the charge, and the reversible capacity
after it, is then the solver's, on any mesh (docs/known_limits.rst, "Multi-phase host: the ionic switch and the
solver's time step"). The AEA solver judges each integration it makes (:func:`stepped_integration`) and solves a
flagged charge again from its start at :data:`SOLVER_RTOL_FOR_THE_SWITCH`, with a :class:`SwitchRefinedWarning`
(:class:`pybamm_aea.models.solvers.ConsistentEventIDAKLUSolver`); :func:`interior_li0_charge_warning` judges a solved
run's charges after the solve, and :class:`SolverSteppedSwitchWarning` is the warning a solve gives for one still
flagged. The check's names were in :mod:`pybamm_aea.convergence` (the mesh check, which reads them) until session 48
and are still importable from there.
"""
import weakref
from typing import NamedTuple, Optional

from .convergence import MeshDependentNucleationWarning, value_as_float
from .models.solvers import ConsistentEventIDAKLUSolver, StepRefinedWarning
from .readout import step_times

__all__ = ["interior_li0_charge_warning", "interior_li0_charge", "SteppedCharge", "SOLVER_RTOL_FOR_THE_SWITCH",
           "SolverSteppedSwitchWarning", "SwitchRefinedWarning", "SwitchResolve", "stepped_integration",
           "advised_rtol", "InteriorLayer"]


class SolverSteppedSwitchWarning(MeshDependentNucleationWarning):
    """A charge of the multi-phase host whose Li0 layer formed inside the electrode, not at the separator
    (:func:`interior_li0_charge_warning`), in the solution a solve returned: the solver's time step, not the mesh,
    decided it, on any mesh, so a finer mesh does not answer it (:func:`~pybamm_aea.convergence.mesh_check` lets the
    fine run's through, records both meshes' in ``attrs["solver switch"]`` and its
    :func:`~pybamm_aea.convergence.verdict` says the rtol to solve at, :func:`advised_rtol`). Since session 48 the AEA
    solver solves such a charge again at :data:`SOLVER_RTOL_FOR_THE_SWITCH` as it integrates it
    (:class:`SwitchRefinedWarning`), so with it this warning says that the charge formed its layer inside at that rtol
    too (none measured), or that the solver does not solve it again (one of your own, or ``output_variables`` only: not
    judged then). A subclass of :class:`~pybamm_aea.convergence.MeshDependentNucleationWarning`, so a filter on that
    one takes it too. Given a :class:`SteppedCharge` (as the solve warns it), its text is that judgement's
    (:meth:`SteppedCharge.text`) and the judgement is its ``judgement`` (the step number, where the layer formed, the
    rtol advised: read there, not in the wording); given a text, ``judgement`` is None."""

    def __init__(self, message, *args, **kwargs):
        judged = message if isinstance(message, SteppedCharge) else None
        super().__init__(message.text() if judged is not None else message, *args, **kwargs)  # (its input_set)
        self.judgement = judged


class SwitchRefinedWarning(StepRefinedWarning):
    """An integration of the multi-phase host (an experiment step's, a solve's input set) that charged the host and
    formed its Li0 layer inside the electrode (:func:`stepped_integration`) was solved again by the AEA solver from
    its start at :data:`SOLVER_RTOL_FOR_THE_SWITCH`: it names the step, the cell the layer formed in, the charge the
    integration passed before and after (mA.h and mA.h/g), and whether the layer now forms at the separator (if not,
    the solve warns :class:`SolverSteppedSwitchWarning` too); after an experiment solve's first, which says why, the
    later ones are short (the step, the cell, their count, the charges). A
    :class:`~pybamm_aea.models.solvers.StepRefinedWarning`, so a filter on
    that one takes it too, and ``pybamm_aea.sweep`` solves the input set it names alone. Given a
    :class:`SwitchResolve` (as the AEA solver warns it), its text is that record's (:meth:`SwitchResolve.text`) and the
    record is its ``resolve`` (the outcome, the rtols, the charges: what a sweep's row reads, not the wording); given a
    text, ``resolve`` is None."""

    def __init__(self, message, *args, **kwargs):
        resolve = message if isinstance(message, SwitchResolve) else None
        super().__init__(message.text() if resolve is not None else message, *args, **kwargs)  # (its input_set)
        self.resolve = resolve


#: the rtol the AEA solver solves a charge :func:`stepped_integration` flags again at, from its start
#: (:class:`~pybamm_aea.models.solvers.ConsistentEventIDAKLUSolver`), and that :func:`advised_rtol` advises for a
#: solver that does not: measured 2026-12-05 (session 47, docs/known_limits.rst "Multi-phase host: the ionic switch
#: and the solver's time step"), every flagged run of LMS 0.375-1.125 mg/cm2 at 0.02-0.07C at 70 C then forms its Li0
#: layer at the separator and returns what 20 and 160 cells return at 1e-6 (0.75 mg/cm2 at 0.05C: 101.42 / 101.36
#: mA.h/g against 115.82 / 118.19 at the default 1e-4), where 1e-5 still missed one (0.375 mg/cm2 at 0.02C, 20 cells:
#: 110.55 against 108.99). Not the solver's other re-solve's factor (its REFINED_RTOL, a tenth: 1e-5 from the
#: multi-phase default), for that miss
SOLVER_RTOL_FOR_THE_SWITCH = 1e-6


def advised_rtol(solver=None):
    """The rtol to solve again at a charge that :func:`interior_li0_charge_warning` flags in a solution ``solver``
    returned: :data:`SOLVER_RTOL_FOR_THE_SWITCH`, or a tenth of the rtol the charge was last solved at when that was
    it or tighter (the AEA solver, :class:`~pybamm_aea.models.solvers.ConsistentEventIDAKLUSolver`, solved a flagged
    charge again at :data:`SOLVER_RTOL_FOR_THE_SWITCH` already, unless its ``SOLVE_STEPPED_SWITCH_AGAIN`` is False; a
    solver of its own rtol at or below it). ``solver`` None: not known, :data:`SOLVER_RTOL_FOR_THE_SWITCH`."""
    rtol = getattr(solver, "rtol", None)
    try:
        rtol = float(rtol)
    except (TypeError, ValueError):
        return SOLVER_RTOL_FOR_THE_SWITCH
    if isinstance(solver, ConsistentEventIDAKLUSolver) and solver.SOLVE_STEPPED_SWITCH_AGAIN:
        rtol = min(rtol, SOLVER_RTOL_FOR_THE_SWITCH)
    return SOLVER_RTOL_FOR_THE_SWITCH if rtol > SOLVER_RTOL_FOR_THE_SWITCH else rtol / 10


def interior_li0_charge_warning(model, values, steps, inputs=None, rtol=None):
    """The text of a :class:`SolverSteppedSwitchWarning` (:meth:`SteppedCharge.text`) of :func:`interior_li0_charge`
    (the arguments are its), or None."""
    found = interior_li0_charge(model, values, steps, inputs, rtol)
    return None if found is None else found.text()


def interior_li0_charge(model, values, steps, inputs=None, rtol=None):
    """The :class:`SteppedCharge` (since session 50: until then only its text, :func:`interior_li0_charge_warning`,
    whose step number a continuation re-read from the wording) of a :class:`SolverSteppedSwitchWarning` for the first
    of the step solutions ``steps`` that is a
    charge of the multi-phase host (a step whose current is negative at any time, a drive cycle's too, since session
    48; with a Li0 phase: "Li0 phase binodal Li content" >= 0) in which the Li0 layer
    formed inside the electrode and not at the separator, or None; ``rtol``: the rtol it advises to solve again at
    (:func:`advised_rtol` of the solver that solved ``steps``: below :data:`SOLVER_RTOL_FOR_THE_SWITCH`, the text says
    the charge was solved at ten times it; None, the default since session 49: the rtol the steps were solved at is not
    known, a PyBaMM Solution not recording its solver, so the text advises :data:`SOLVER_RTOL_FOR_THE_SWITCH` and the
    bulk criterion is not judged). Such a charge climbs the Li0/Li1 spinodal loop
    homogeneously; resolved, its separator cell, the poorest in Li, decomposes first and the Li0 layer it grows there
    blocks (the ionic switch: LMS stops near x = 0.84). IDA's BDF steps at the default rtol (1e-4; up to 440 s at
    0.05C on the thin cells) can pass that onset: an implicit step much longer than the instability's growth time
    damps it and flips its sign, so the electrode goes on past the loop's peak homogeneous and then decomposes where
    the flipped profile put the least Li, in the bulk; the separator cell stays Li1, Li keeps leaving through it and
    the charge runs on (0.75 mg/cm2 at 70 C and 0.05C: 115.82 / 118.19 mA.h/g on 20 / 160 cells to x = 0.39 / 0.32,
    against 101.42 / 101.36 to x = 0.84 at rtol 1e-6). Judged on the solved states
    (:func:`_content_history`: a charge is read by its time and current, its host's free Li content evaluated on its
    states, no processed variable built): the first time a cell's free Li content falls below the middle of the
    Li0/Li1 gap (the set's binodals' mean: :func:`pybamm_aea.convergence._li0_limit` says where they and the host's
    free energy can part), that cell is not the separator's and the separator cell is still above it; or (since
    session 49) cells spanning :data:`_BULK` of the electrode's thickness or more fall below it together (the
    separator cell first, but late: the bulk, homogeneous past the spinodal peak, decomposed at once; 0.375 mg/cm2 at
    0.02C, 20 cycles: 10 charges of 112.0-125.04 mA.h/g against 108.99 the first test passed), judged only when
    ``rtol`` is :data:`SOLVER_RTOL_FOR_THE_SWITCH` or looser (a charge solved looser than it: a thin electrode's bulk
    decomposing together at 1e-6 is not warned, nor advised 1e-7, 1e-8, ... without end), not when ``rtol`` is None
    (not known: 0.045 mg/cm2 at 0.05C solved at 1e-7, its bulk really decomposing together, was told to solve at 1e-6
    by :func:`~pybamm_aea.convergence.mesh_check` given its solution, until session 49). A charge that
    starts with a cell below it (a Li0 layer already there) is not judged, nor a solve that kept no states.
    Measured 2026-12-05 (session 47; 72 runs, LMS 0.375-3 mg/cm2 at 70 C, 0.02-0.2C, 20 and 160 cells): it flags the
    10 runs whose charge the solver's step decided (0.375-1.125 mg/cm2, 0.02-0.07C; up to 17.5 % more charge than at
    rtol 1e-6) and none of the 62 others, in which the separator cell was the first
    (:data:`SOLVER_RTOL_FOR_THE_SWITCH`). The AEA solver now judges each integration the same way as it makes it
    (:func:`stepped_integration`) and solves a flagged one again, so this flags only a charge still so; on a step that
    is the integration the solver judged, its verdict is read, not judged again (:func:`_recalled`, since session 49:
    0.011 s of 2.7 s, a 30-cycle run of the paper's cell at 0.1C), a step no solver of ours judged is judged here."""
    import numpy as np

    layer = _gap_middle(model, values, inputs)
    if layer is None or not steps:
        return None
    for number, step in enumerate(steps, start=1):
        try:
            t, current = step_times(step), step["Current [A]"].entries
        except KeyError:
            return None
        if not (t[-1] > t[0] and np.min(current) < 0):
            continue  # (a discharge or a rest throughout; a step that charges for a time is judged)
        found = _recalled(step, t)  # (the AEA solver's verdict on it, if it judged this very integration)
        if found is _NOT_RECALLED:  # (solved at the switch's rtol or tighter, or not known: bulk not judged)
            widths = (_cell_widths((getattr(step, "all_models", None) or [None])[0])
                      if rtol is not None and rtol >= SOLVER_RTOL_FOR_THE_SWITCH else None)
            charging = -(current[1:] + current[:-1]) / 2 * np.diff(t)  # (the charge per interval, > 0 charging)
            found = _interior_layer(t, _content_history(step), layer, widths, _charging_time(t, charging))
        if found is None:
            continue
        try:  # (read only for the step warned about)
            end = float(step['Average cathode Li content'].entries[-1])
        except KeyError:
            end = None
        if rtol is None:  # (the rtol solved at not known: the switch's advised, as for a solver looser than it)
            rtol = SOLVER_RTOL_FOR_THE_SWITCH
        return SteppedCharge(number, found, end, rtol)
    return None


def _gap_middle(model, values, inputs):
    """The middle of the Li0/Li1 gap of the multi-phase host ``model`` with ``values`` (``inputs``: the run's input
    parameters), the mean of the set's "Li0 phase binodal Li content" and "Li1 phase binodal Li content" [Li per
    formula unit], or None: another host, or one without a Li0 phase (TiS2, the materials), or a binodal not known.
    The set's binodals, which the model's Li0 layer reads too, are its host's phase windows
    (:func:`pybamm_aea.thermodynamics.li0_phase_parameters`); the common tangent of the set's homogeneous OCP (equal
    areas, :func:`pybamm_aea.convergence._li0_limit`'s U_h) gives 0.02 + 1.69e-12 and 0.97 + 1.88e-13 on the
    shipped sets with a Li0 phase (LMS, S-LMS, LTO-LMS, at 298.15 and 343.15 K; 2026-12-06), the numerical
    construction's precision, not round-off: so the middle is not read from the free energy (it would move by 9.4e-13
    and cost a construction per set)."""
    if getattr(model, "options", {}).get("host thermodynamics") != "multi-phase" or values is None:
        return None
    try:
        x_li0, x_li1 = (value_as_float(values, n, inputs) for n in ("Li0 phase binodal Li content",
                                                              "Li1 phase binodal Li content"))
    except KeyError:  # (absent: a host without the phases)
        return None
    if x_li0 is None or x_li1 is None or not 0 <= x_li0 < x_li1:  # (no Li0 phase: TiS2, the materials)
        return None
    return (x_li0 + x_li1) / 2


class InteriorLayer(NamedTuple):
    """Where a charge formed its Li0 layer inside the electrode (:func:`_interior_layer`): the cell first below the
    gap's middle (counted from the collector, from 0), the cathode cells, the time from the charge's start [s], the
    separator cell's content then and the gap's middle [Li per formula unit]; or, since session 49, where its bulk
    decomposed at once (``span`` > 0): the collector-most cell of the cells that fell below the gap's middle together
    (within :data:`_TOGETHER` of the time it charged), the time the first of them did, the separator cell's content
    then, and the fraction of the electrode's thickness they span (at least :data:`_BULK`); ``last``: the
    separator-most of them (from 0); ``groups``: their runs of adjacent cells, (first, last) each, from 0."""
    cell: int
    cells: int
    time: float
    separator: float
    layer: float
    span: float = 0.0
    last: int = -1
    groups: tuple = ()

    def named(self):
        """The cells in words, counted from 1: "cell 4", or the groups of adjacent cells that fell together
        ("cells 1-5, 9, 12-20": since session 49, not "cells 1-20" over a gap; one cell alone "cell 2", not "cells 2";
        past :data:`_GROUPS_SAID` groups the first of them and "and N more groups": alternate cells of 160 made a
        349-character list)."""
        if self.span <= 0:
            return f"cell {self.cell + 1}"
        groups = self.groups or ((self.cell, self.last),)
        said = ", ".join(f"{a + 1}" if a == b else f"{a + 1}-{b + 1}" for a, b in groups[:_GROUPS_SAID])
        if len(groups) > _GROUPS_SAID:
            said += f" and {len(groups) - _GROUPS_SAID} more groups"
        return ("cell " if len(groups) == 1 and groups[0][0] == groups[0][1] else "cells ") + said

    def where(self):
        """The words the warnings say it in."""
        if self.span > 0:
            return (f"{self.named()} of {self.cells} (counted from the collector, "
                    f"{self.span:.2f} of the electrode's thickness) fell below x = {self.layer:.3g} together, "
                    f"{self.time / 3600:.3g} h in (the separator cell then at {self.separator:.3f}): the electrode "
                    "passed the spinodal peak homogeneous and its bulk decomposed at once, where in the charges "
                    f"measured resolved the layer grew from the separator (at most {_RESOLVED_TOGETHER:g} of the "
                    "thickness together)")
        return (f"cell {self.cell + 1} of {self.cells} (counted from the collector) fell below x = {self.layer:.3g} "
                f"{self.time / 3600:.3g} h in, with the separator cell still at {self.separator:.3f}")


class SteppedCharge(NamedTuple):
    """A charge :func:`interior_li0_charge` flags after a solve, what a :class:`SolverSteppedSwitchWarning` says
    (:meth:`text`, the one place its words are built): its ``step`` number (in the run: :meth:`renumbered`), where its
    Li0 layer formed (:class:`InteriorLayer`), the host's mean Li content at its end (None: not known) and the rtol
    advised (:func:`advised_rtol`; below :data:`SOLVER_RTOL_FOR_THE_SWITCH`, the charge was solved at ten times it)."""
    step: int
    layer: InteriorLayer
    end: Optional[float]
    rtol: float

    def renumbered(self, earlier):
        """The same judgement with its step numbered after ``earlier`` steps (a continuation's, of its starting
        solution: its solve's step 1 is the run's ``earlier + 1``)."""
        return self._replace(step=self.step + earlier)

    def text(self):
        """The warning's words."""
        rtol = self.rtol
        end = "" if self.end is None else f" at x = {self.end:.3g} on average"
        advice = (f"solve again with model.default_solver_with(rtol={rtol:g})" if rtol >= SOLVER_RTOL_FOR_THE_SWITCH
                  else f"it was solved at rtol {10 * rtol:g} (by your solver, or by the AEA solver's re-solve of "
                       f"such a charge at rtol {SOLVER_RTOL_FOR_THE_SWITCH:g}, a SwitchRefinedWarning; if that "
                       "warning says IDA failed on the re-solve, the charge kept is the solver's own rtol's): solve "
                       f"again with model.default_solver_with(rtol={rtol:g})")
        return (f"step {self.step}, a charge, formed its Li0 layer inside the electrode, not at the separator: "
                f"{self.layer.where()}, so Li kept "
                f"leaving through it and the charge ended with the host{end}, past where the Li0 layer at the "
                "separator stops it (the ionic switch). IDA's time step passed the onset of the spinodal "
                "decomposition at the separator (an implicit step longer than its growth time damps it), so the "
                "charge, and the reversible capacity after it, is the solver's, on any mesh (0.75 mg/cm2 at 70 C and "
                "0.05C: 115.8 / 118.2 mA.h/g on 20 / 160 cells, 101.4 on both at rtol 1e-6); "
                f"{advice} (docs/known_limits.rst)")


#: :attr:`SwitchResolve.outcome` of a re-solve whose layer now forms at the separator (the re-solve kept) ...
NOW_AT_THE_SEPARATOR = "now at the separator"
#: ... whose layer still formed inside (the re-solve kept; the solve warns :class:`SolverSteppedSwitchWarning`) ...
STILL_INSIDE = "still inside"
#: ... and on whose re-solve IDA failed (the first integration kept)
RESOLVE_FAILED = "IDA failed"


def charges_in_words(after, before, per_gram=None):
    """A re-solve's charge ``after`` and the first integration's ``before`` [A.h], with ``per_gram`` (their mA.h/g, or
    None: not read), and the change, in words: ("0.1014 mA.h (101.42 mA.h/g)", "0.1158 (115.82)", "-12.4 %"). The
    one wording of every re-solve's warning (the switch's and the solver's past-full-end one)."""
    grams = ("", "") if per_gram is None else (f" ({per_gram[0]:.5g} mA.h/g)", f" ({per_gram[1]:.5g})")
    return (f"{1e3 * after:.4g} mA.h{grams[0]}", f"{1e3 * before:.4g}{grams[1]}",
            f"{100 * (after / before - 1):+.3g} %")


class SwitchResolve(NamedTuple):
    """What the AEA solver's re-solve of a flagged charge found, what a :class:`SwitchRefinedWarning` says
    (:meth:`text`, the one place its words are built; since session 50, when a sweep's row re-read the outcome, rtol
    and charges from the wording): ``what`` the integration in words ("the integration from t = 0 s", "a step from
    t = ... s (step 2 of 4 in cycle 37 of 50, ...)"), ``stepped`` where its first integration formed its layer
    (:class:`InteriorLayer`), ``first_rtol`` and ``rtol`` the rtols of the first integration and of the re-solve,
    ``earlier`` the charges this experiment solve solved again before it (after the first the text is short),
    ``failed`` why IDA failed on the re-solve (None: it did not), ``charge`` the charge [A.h] the re-solve and the first
    passed (None: not said), ``per_gram`` the same in mA.h/g of host (None: not read), ``still`` where the re-solve
    still formed its layer inside (None: at the separator, or not judged as IDA failed)."""
    what: str
    stepped: InteriorLayer
    first_rtol: float
    rtol: float
    earlier: int = 0
    failed: Optional[str] = None
    charge: Optional[tuple] = None
    per_gram: Optional[tuple] = None
    still: Optional[InteriorLayer] = None

    @property
    def outcome(self):
        """:data:`RESOLVE_FAILED`, :data:`STILL_INSIDE` or :data:`NOW_AT_THE_SEPARATOR`."""
        if self.failed is not None:
            return RESOLVE_FAILED
        return NOW_AT_THE_SEPARATOR if self.still is None else STILL_INSIDE

    def charges(self):
        """(the re-solve's charge, the first's, the change) in words: ("0.1014 mA.h (101.42 mA.h/g)", "0.1158
        (115.82)", "-12.4 %"), or None (not said)."""
        return None if self.charge is None else charges_in_words(*self.charge, self.per_gram)

    def text(self):
        """The warning's words."""
        stepped = self.stepped
        if self.earlier:  # (a thin cell's 20 cycles had 11 such charges, ~570 characters each: the first says why)
            cells = f"{stepped.named()} of {stepped.cells}" + (" together" if stepped.span > 0 else "")
            said = (f"{self.what}, a charge, formed its Li0 layer inside the electrode too ({cells}, "
                    f"{stepped.time / 3600:.3g} h in), charge {self.earlier + 1} of this solve so (the "
                    f"first's SwitchRefinedWarning says why); solved again from its start at rtol {self.rtol:g}")
        else:
            said = (f"{self.what}, a charge, formed its Li0 layer inside the electrode, not at the separator: "
                    f"{stepped.where()}; IDA's time step at rtol {self.first_rtol:g} passed the ionic switch "
                    f"(docs/known_limits.rst); solved again from its start at rtol {self.rtol:g}")
        if self.failed is not None:
            return f"{said}, where IDA failed ({self.failed}): the first integration is kept"
        charges = self.charges()
        if charges is not None:
            said += ": its charge {} against the first integration's {}, {}".format(*charges)
        if self.still is None and self.earlier:
            return said + "; now at the separator, kept"
        said += ("; its Li0 layer now forms at the separator (the ionic switch)" if self.still is None else
                 f"; it still formed its Li0 layer inside ({self.still.where()}): the solve warns "
                 "SolverSteppedSwitchWarning")
        return said + ". The refined integration is kept"


#: the most groups of cells :meth:`InteriorLayer.named` lists before "and N more groups"
_GROUPS_SAID = 8


#: the time [fraction of the time a step charged, :func:`_charging_time`; of its duration until session 49] within
#: which cells that fall below the middle of the Li0/Li1 gap fell "together" (:func:`_interior_layer`): 0.5 %, 0.22 h
#: of a 0.02C charge; the separation below was measured for 0.2-2 % on the charges it names, not beyond them
_TOGETHER = 0.005

#: the largest fraction of the electrode's thickness that fell below the gap's middle together (within
#: :data:`_TOGETHER`) in the charges measured resolved or at the default rtol not decided by the solver's step:
#: measured 2026-12-06 (session 49; LMS at 70 C, 0.375-3 mg/cm2, 0.02-0.2C, first discharge to 1.8 V then charge to
#: 2.8 V, 20 and 160 cells, the 64 runs of the 72 not flagged otherwise: 0.159 on 20 cells, 0.167 on 160; 20 cycles of
#: 0.375 mg/cm2 at 0.02C at rtol 1e-6: 0.159, every charge; that cell's CV hold at 2.6 V to C/200 after a 0.02C
#: discharge: 0.192, the same 114.26 mA.h/g at 1e-6 and the default). Only in the warnings' words
_RESOLVED_TOGETHER = 0.192

#: a charge whose cells spanning this fraction of the electrode's thickness or more fell below the gap's middle
#: together is flagged (:func:`_interior_layer`) when it was integrated at an rtol looser than
#: :data:`SOLVER_RTOL_FOR_THE_SWITCH` (a suspicion of the loose step: since session 49 not judged at that rtol or
#: tighter): the separator cell decomposed first but late, the step having delayed the switch, and the bulk,
#: homogeneous past the spinodal peak, decomposed at once. 0.375 mg/cm2 at 0.02C, 20 cycles at the default rtol, the
#: charges the first check missed: 0.337-0.79 (112.0-125.04 mA.h/g against 108.99); the quarter is about the
#: geometric mean of that 0.337 and the resolved :data:`_RESOLVED_TOGETHER`'s 0.192 (0.254). Span alone does not tell
#: a thin electrode (0.045-0.225 mg/cm2 at 0.02-0.1C) whose bulk really decomposes together (spans 0.42-1.0, the same
#: charge at 1e-6 to 1e-8): such a charge is solved again once at the default rtol, not warned after
_BULK = 0.25


def _interior_layer(t, x, layer, widths=None, charged=None):
    """The :class:`InteriorLayer` of a charge at the times ``t`` [s] whose host's free Li content is ``x`` (one row per
    cell, collector to separator, one column per time; None: not known) when the first time a cell falls below
    ``layer`` (the Li0/Li1 gap's middle) that cell is not the separator's and the separator cell is still above it;
    or (since session 49; ``widths``: the cells' widths, None: not judged so) when cells spanning :data:`_BULK` of the
    electrode's thickness or more fell below it together, within :data:`_TOGETHER` of ``charged``, the time the step
    charged (:func:`_charging_time`; None: its duration) (the
    separator cell decomposed first, or with them, but late: the switch delayed, the bulk homogeneous past the
    spinodal peak decomposed at once); else None: no Li0 layer formed, one formed at the separator and grew from it
    (the ionic switch), or one there from the start."""
    import numpy as np

    if x is None or x.ndim != 2 or x.shape[0] < 2 or x.shape[1] != len(t):
        return None
    low = x.min(axis=0) < layer
    if not low.any() or low[0]:
        return None  # (no Li0 layer formed, or one there from the step's start)
    first = int(np.argmax(low))
    if not x[-1, first] >= layer:  # (the separator cell decomposed first: the ionic switch, unless late)
        return _bulk_at_once(np.asarray(t, dtype=float), x, layer, widths, charged)
    return InteriorLayer(int(np.argmin(x[:, first])), x.shape[0], float(t[first] - t[0]), float(x[-1, first]), layer)


def _bulk_at_once(t, x, layer, widths, charged=None):
    """The :class:`InteriorLayer` (its ``span`` > 0) of the cells spanning the most of the electrode's thickness that
    fell below ``layer`` together (:func:`_interior_layer`), if they span :data:`_BULK` or more of it, else None."""
    import numpy as np

    if widths is None or len(widths) != x.shape[0]:
        return None
    below = x < layer
    fell = below.any(axis=1)
    crossed = np.where(fell, t[np.argmax(below, axis=1)], np.inf)  # (the time each cell first fell below)
    share = np.asarray(widths, dtype=float) / np.sum(widths)
    window = _TOGETHER * (t[-1] - t[0] if charged is None else charged)
    best, start = 0.0, None
    for when in np.unique(crossed[fell]):
        together = share[(crossed >= when) & (crossed <= when + window)].sum()
        if together > best:
            best, start = float(together), when
    if start is None or best < _BULK:
        return None
    cells = np.flatnonzero((crossed >= start) & (crossed <= start + window))
    column = int(np.searchsorted(t, start))
    breaks = np.flatnonzero(np.diff(cells) > 1)  # (the groups of adjacent cells: "cells 3-20" hid a gap, session 49)
    groups = tuple((int(a), int(b)) for a, b in zip(cells[np.r_[0, breaks + 1]], cells[np.r_[breaks, -1]]))
    return InteriorLayer(int(cells[0]), x.shape[0], float(start - t[0]), float(x[-1, column]), layer, best,
                         int(cells[-1]), groups)


#: the share of a step's charge whose span is the time it charged (:func:`_charging_time`): the central 99 %, a half
#: per cent cut at either end (a rest's round-off before or after, a CV hold's tail past 99.5 % of its charge)
_CENTRAL_CHARGE = 0.99


def _charging_time(t, charge):
    """The time [s] a step at the times ``t`` charged: the span over which the central :data:`_CENTRAL_CHARGE` of its
    charge passed (from when 0.5 % had passed to when 99.5 % had, linear within an interval), ``charge`` the charge
    passed over each interval (one per interval, > 0 charging, a discharge's counted 0; any unit), or None (it never
    charged: the step's duration is used). One definition for both paths since session 49: the solver's passes its
    "Discharge capacity [A.h]" state's fall per interval, the after-solve check its mean current times the interval;
    until then the after-solve check passed the mean current, and both counted the intervals above 1e-3 of the
    step's peak, so a CV hold at 2.6 V from a discharged state (peak 59.7C) charged 0.040 h on one path and 99.33 h
    on the other. By charge, not by a cut on the rate: right for a CC charge (its whole time, less 1 %), a CV hold
    whose long tail carries little charge (not counted past 99.5 %) and a rest inside a step before or after its
    charge (no charge: not counted; a rest between two charges of one step is counted, not met in the charges
    measured). Since session 49 the window of :func:`_bulk_at_once` scales with it, not with the step's duration:
    a 400 h rest before a 0.02C charge in one step (``pybamm.step.current``) made the window 2.2 h instead of 0.21 h
    and flagged a correct charge (0.375 mg/cm2 at 70 C, span 0.314)."""
    import numpy as np

    t, charge = np.asarray(t, dtype=float), np.asarray(charge, dtype=float)
    if charge.size != t.size - 1 or not charge.size:
        return None
    passed = np.r_[0.0, np.cumsum(np.clip(np.nan_to_num(charge), 0.0, None))]
    if not passed[-1] > 0:
        return None
    tail = (1 - _CENTRAL_CHARGE) / 2 * passed[-1]
    times = []
    for level in (tail, passed[-1] - tail):
        i = int(np.searchsorted(passed, level))  # (passed[i - 1] < level <= passed[i], i >= 1)
        times.append(t[i - 1] + (level - passed[i - 1]) / (passed[i] - passed[i - 1]) * (t[i] - t[i - 1]))
    return float(times[1] - times[0])


def _cell_widths(model):
    """The widths of the cathode's cells of the discretised ``model`` (collector to separator), or None."""
    from .pybamm_adapter.model_internals import variable_cell_widths

    return variable_cell_widths(model, "Cathode free Li content")


def _content_history(step):
    """The cathode host's free Li content [Li per formula unit] of a step solution, one row per cell (collector to
    separator), one column per time: "Cathode free Li content", the content in the free window the host's free
    energy and phases read (the total content without "Li trapping"; with it, trapped Li excluded), evaluated on the
    solver's states (:func:`pybamm_aea.pybamm_adapter.model_internals.step_variable_history`), so that judging a
    charge builds no processed variable over the step; None without the states (a solve that kept none) or the
    variable."""
    from .pybamm_adapter.model_internals import step_variable_history

    return step_variable_history(step, "Cathode free Li content")


#: the model's state whose change over an integration says a charge (it falls) from a discharge
_DISCHARGE_CAPACITY = "Discharge capacity [A.h]"

#: how far [A.h] that state must fall below its start, at any time in the integration, for it to have charged: a
#: millionth of a uA.h, above the state's round-off in a rest (1e-16 of its ~1e-4 A.h) and far below any charge
#: (0.375 mg/cm2 LMS: ~3e-5 A.h); a drive cycle's step that charges for a time and nets a discharge is judged
_CHARGED = 1e-12


def stepped_integration(model, solution, rtol=None):
    """The :class:`InteriorLayer` of one integration the AEA solver made (``solution``, PyBaMM's of one input set,
    before the solver's checks; ``model`` the discretised model it integrated), or None: when it charged the
    multi-phase host (its "Discharge capacity [A.h]" state fell below its start by :data:`_CHARGED` at any time: a
    drive cycle's step that charges for a time is judged, since session 48, though its net is a discharge) and formed
    the host's Li0 layer inside the electrode,
    judged as :func:`interior_li0_charge_warning` judges a step, on the integration's states, with the parameter values
    the model was processed with and the integration's inputs; ``rtol``: the rtol it was integrated at (None: not
    known), at :data:`SOLVER_RTOL_FOR_THE_SWITCH` or tighter its bulk (:data:`_BULK`) is not judged. Not judged
    (None): another host, a model not
    parameterised here, or an integration that kept no states (``output_variables`` only: the sweep's batched rows,
    which are discharges). A discharge or rest costs its state's history; a charge the evaluation of its content over
    its states (0.002 s for the charges of 10 LMS C/10 cycles, session 47)."""
    import numpy as np

    from .pybamm_adapter.model_internals import parameter_values_of, state_changes

    if getattr(model, "options", {}).get("host thermodynamics") != "multi-phase":
        return None
    if getattr(solution, "variables_returned", False) or not len(solution.all_ys[-1]):
        return None
    inputs = (getattr(solution, "all_inputs", None) or [{}])[0]
    y = np.asarray(solution.all_ys[-1], dtype=float)
    if y.ndim != 2 or y.shape[1] < 2:
        return None
    fell = state_changes(model, y, _DISCHARGE_CAPACITY, inputs)
    if fell is None or not fell.size or not fell[0].min() < -_CHARGED:
        return None  # (a discharge or a rest throughout, or no such state)
    layer = _gap_middle(model, parameter_values_of(model), inputs)
    if layer is None:
        return None
    t = np.asarray(solution.t, dtype=float)
    bulk = rtol is None or rtol > SOLVER_RTOL_FOR_THE_SWITCH  # (the bulk: the loose step's suspicion, session 49)
    found = _interior_layer(t, _content_history(solution), layer, _cell_widths(model) if bulk else None,
                            _charging_time(t, -np.diff(fell[0])))
    _remember(solution, t, found)
    return found


#: the verdicts of :func:`stepped_integration` (the AEA solver's, as it integrates) by the integration judged, each
#: with its time points' count and last time: :func:`interior_li0_charge_warning` reads the verdict on a step that is
#: that very integration (an experiment's step, a solve's one input set, kept as PyBaMM returned it) instead of
#: evaluating the host's free content over its states again (since session 49); held weakly, dropped with the solution
_VERDICTS = weakref.WeakKeyDictionary()

#: :func:`_recalled`'s "no verdict kept for that step": judge it
_NOT_RECALLED = object()


def _remember(solution, t, found):
    """Keep :func:`stepped_integration`'s verdict ``found`` (None: not flagged) on ``solution`` at the times ``t``."""
    try:
        _VERDICTS[solution] = (t.size, float(t[-1]), found)
    except TypeError:  # (an object that takes no weak reference: judged again after the solve)
        pass


def _recalled(step, t):
    """The verdict :func:`stepped_integration` kept on the step solution ``step`` whose times are ``t``, or
    :data:`_NOT_RECALLED`: not judged by it (another solver, a re-solve's own check off, a stub step), or the step is
    no longer the integration it judged (its times' count or end differ). Keyed on the solution object alone, not the
    values or inputs: an integration's object keeps its inputs and model for life, another input set, re-solve, join
    or event appended is a new object (session 50, :func:`stepped_integration` judged it on its own)."""
    try:
        kept = _VERDICTS.get(step)
    except TypeError:  # (not weakly referable, or unhashable: a dict standing for a step)
        return _NOT_RECALLED
    if kept is None or kept[0] != len(t) or not kept[1] == float(t[-1]):
        return _NOT_RECALLED
    return kept[2]
