"""Figures of merit of one solved point: ESC, electrode and cell Wh/kg and Wh/L, retention (the result columns)."""
from __future__ import annotations

import functools
import math
import re
import warnings

import numpy as np

from pybamm_aea.readout import (  # one definition of each name and of retention, re-exported here
    ANODE_OCP, CELL_GRAVIMETRIC, CELL_VOLUMETRIC, ESC, GRAVIMETRIC, MASS, MEAN_DISCHARGE_VOLTAGE_VS_LI, RETENTION,
    VOLUME, VOLUMETRIC, capacity_retention, delivered, delivered_on_both_bases, discharge_steps, iter_discharges,
)

#: ESC of the experiment's first discharge (the sweep's column; ESC is its last discharge's)
FIRST_ESC = "First discharge electrode specific capacity [mA.h.g-1]"
#: Metric columns of the result table, in order (inputs come first).
RESULT_COLUMNS = (
    ESC,
    FIRST_ESC,
    "Discharge capacity [mA.h]",
    MEAN_DISCHARGE_VOLTAGE_VS_LI,
    GRAVIMETRIC,
    VOLUMETRIC,
    "Discharged-basis energy [W.h.kg-1]",
    "Discharged-basis energy [W.h.L-1]",
    CELL_GRAVIMETRIC,
    CELL_VOLUMETRIC,
    "Rate capability",
    RETENTION,
    "Number of discharges",
    "Solve time [s]",
    "Setup time [s]",
    "error",
    "warnings",
)


def empty_metrics():
    metrics = {c: np.nan for c in RESULT_COLUMNS}
    metrics.update({"error": None, "warnings": None, "Number of discharges": 0, "Setup time [s]": 0.0})
    return metrics


#: the key of a row (as computed and as stored) holding the full text of each warning its ``warnings`` column
#: shortens: a list of [class name, text] (:func:`row_warnings`); the table gathers them in ``attrs["warnings"]``
WARNING_TEXTS = "warning texts"


#: a parenthesis of a warning's first clause longer than this (characters inside it) reads "(...)" in a row's
#: ``warnings`` (:func:`_head`), as the 259 characters of the solver's "no event reached at its consistent end state
#: (the nearest in time, ...)" on a thick LMS row; short ones, "(pristine Mo6S8)", stay
LONG_PARENTHESIS = 40


def _cut(line):
    """``(said, rest)``: the first clause of ``line`` as :func:`_head` gives it, and the text after its delimiter (None
    when the clause is the whole line)."""
    out, depth, start = [], 0, 0
    for k, ch in enumerate(line):
        if ch in "([":
            if depth == 0:
                start = k
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
            if depth == 0:
                inside = line[start + 1:k]
                out.append(f"{line[start]}...{ch}" if len(inside) > LONG_PARENTHESIS else line[start:k + 1])
        elif depth == 0 and ch in ":;." and line[k + 1:k + 2] == " ":
            if ch == "." and "." in line[line.rfind(" ", 0, k) + 1:k]:
                out.append(ch)
                continue  # (an abbreviation, "e.g.", "i.e.": not a sentence's end)
            return "".join(out), line[k + 2:]
        elif depth == 0:
            out.append(ch)
    return "".join(out) + (line[start:] if depth else ""), None


def _head(text):
    """The first clause of a warning's ``text``: up to its first ": ", "; " or sentence end (". ") outside
    parentheses and brackets, else its first line (a clause is never cut inside a word), with each parenthesis of more
    than :data:`LONG_PARENTHESIS` characters as "(...)"."""
    return _cut(text.split("\n")[0])[0]


def _nucleation_said(head, rest):
    """A nucleation warning's row from its first clause ``head`` and the text after it, ``rest``: the head, then the
    rest's first clause up to ", so " (each parenthesis of more than :data:`LONG_PARENTHESIS` characters as "(...)")."""
    return f"{_cut(head)[0]}: {_cut(rest)[0].split(', so ')[0]}"


def _nucleation_short(text, warning=None):
    """A :class:`~pybamm_aea.convergence.MeshDependentNucleationWarning`'s first clause (the step, its current density
    and temperature) and its verdict, the second clause up to ", so " ("above the 1.5 A/m2 up to which 20, 40 and 80
    cells answer as 160-320 cells do", or "not judged, ..."): the row's threshold, which the first clause alone
    dropped. Read from the ``warning``'s :class:`~pybamm_aea.convergence.NucleationJudgement` (its text's ``head``
    and ``verdict``, :class:`~pybamm_aea.convergence.NucleationText`, since session 50: a reworded text keeps its row's
    verdict); a text alone (a stored one) by its words."""
    said = getattr(getattr(warning, "judgement", None), "text", None)
    if getattr(said, "verdict", None) is not None:
        return _nucleation_said(said.head, said.verdict)
    head, rest = _cut(text.split("\n")[0])
    return _nucleation_said(head, rest) if rest else head


#: the figures a stored :class:`~pybamm_aea.switch_check.SwitchRefinedWarning` text gives (:func:`_switch_short`): a
#: text alone, without the warning's :class:`~pybamm_aea.switch_check.SwitchResolve` (a results file's)
_SWITCH_CHARGE = re.compile(r"its charge (.+?) against the first integration's (.+?), ([+-]?[0-9.e+-]+ %)")
_SWITCH_RTOL = re.compile(r"solved again from its start at rtol ([0-9.e+-]+)")


def _switch_outcome(outcome, rtol):
    """A re-solve's ``outcome`` (:attr:`~pybamm_aea.switch_check.SwitchResolve.outcome`) at ``rtol`` (its words, or
    None: not read) as a row says it."""
    from pybamm_aea.switch_check import NOW_AT_THE_SEPARATOR, RESOLVE_FAILED, STILL_INSIDE

    at = f" at rtol {rtol}" if rtol else ""
    return {RESOLVE_FAILED: f"solved again{at}, where IDA failed: the first integration kept",
            STILL_INSIDE: f"solved again{at}, still inside: SolverSteppedSwitchWarning too",
            NOW_AT_THE_SEPARATOR: f"solved again{at}: now at the separator, kept"}[outcome]


def _switch_said(head, outcome, rtol, charges):
    """A switch warning's row: its first clause ``head``, its outcome at ``rtol`` (:func:`_switch_outcome`) and its
    ``charges`` (after, before, change; None: not said)."""
    return f"{head}: {_switch_outcome(outcome, rtol)}" + ("" if charges is None else
                                                          "; charge {} against {}, {}".format(*charges))


def _switch_short(text, warning=None):
    """A :class:`~pybamm_aea.switch_check.SwitchRefinedWarning`'s first clause (the integration, where its layer
    formed), its outcome (now at the separator; still inside, a SolverSteppedSwitchWarning too; IDA failed on the
    re-solve, the first integration kept) and the charge change ("charge 0.1014 mA.h (101.4 mA.h/g) against 0.1158
    (115.8), -12.4 %"): the first clause alone read the same for all three and dropped the charge. Read from the
    ``warning``'s :class:`~pybamm_aea.switch_check.SwitchResolve` (since session 50: a reworded text keeps its
    row's outcome and charges); a text alone (a stored one, or a warning built from a text) by its words."""
    from pybamm_aea.switch_check import NOW_AT_THE_SEPARATOR, RESOLVE_FAILED, STILL_INSIDE

    head = _head(text)
    resolve = getattr(warning, "resolve", None)
    if resolve is not None:
        return _switch_said(head, resolve.outcome, f"{resolve.rtol:g}", resolve.charges())
    rtol = _SWITCH_RTOL.search(text)
    if "where IDA failed" in text:
        outcome = RESOLVE_FAILED
    elif "still formed its Li0 layer inside" in text:
        outcome = STILL_INSIDE
    elif "now forms at the separator" in text or "now at the separator" in text:
        outcome = NOW_AT_THE_SEPARATOR
    else:
        return head
    charge = _SWITCH_CHARGE.search(text)
    return _switch_said(head, outcome, rtol.group(1) if rtol else None, charge.groups() if charge else None)


def _first_clause(text, warning=None):
    """:func:`_head` of ``text`` (a ``warning`` of a class without a short form of its own: read by its text)."""
    return _head(text)


#: warning class name -> its row's short form (a function of the warning's text and the warning, None for a stored
#: text) where the first clause alone drops the verdict or the figures a user needs; other classes: the first clause
#: (:func:`_head`)
SHORT_FORMS = {
    "MeshDependentNucleationWarning": _nucleation_short,
    "SwitchRefinedWarning": _switch_short,
}


def short_warning(category, text, warning=None):
    """A warning as a row's ``warnings`` column gives it: its class name and its short form (:data:`SHORT_FORMS`, else
    the first clause of its text, :func:`_head`; the whole text is the table's ``attrs["warnings"]``), read from the
    ``warning`` itself where it carries what the short form says (since session 50), else from its ``text`` (a stored
    one). A nucleation
    warning of 542 characters reads "MeshDependentNucleationWarning: step 1, the first discharge of a host starting in
    its Li0 phase (pristine Mo6S8), runs at 0.515 A/m2 and 25 C, as 2.52 A/m2 would at 70 C (the host's 30 kJ/mol):
    above the 1.5 A/m2 up to which 20, 40 and 80 cells answer as 160-320 cells do"."""
    return f"{category}: {SHORT_FORMS.get(category, _first_clause)(text, warning)}"


def row_warnings(caught, notes=None):
    """``(column, texts)`` of a point's warnings (``caught``: ``warnings.WarningMessage``s, each once by class and
    text) and the figures' own ``notes`` (a str, or None: said whole, they are short): the ``warnings`` column (each
    warning's :func:`short_warning`, then the notes, "; "-joined; None when there are none) and the
    :data:`WARNING_TEXTS` of the row."""
    said, texts = {}, {}
    for w in caught:  # (each class and text once: the first warning of them read for its short form)
        key = (w.category.__name__, str(w.message))
        if key not in texts:
            texts[key] = list(key)
            said.setdefault(short_warning(*key, w.message), None)
    said, texts = list(said) + ([notes] if notes else []), list(texts.values())
    return ("; ".join(said) if said else None), texts


def warning_texts(rows, labels):
    """``attrs["warnings"]`` of a table whose rows (in order; ``labels``, their index labels) hold ``rows``'
    :data:`WARNING_TEXTS`: each distinct warning once, ``{"warning": class name, "text": its full text, "rows": [the
    index labels of the rows it is in]}``, in the order first met. Labels, not positions: pandas keeps a table's attrs
    through a filter or a sort, where positions point at other rows (``table.loc[table.index.isin(rows)]`` finds
    them)."""
    out = {}
    for i, texts in zip(labels, rows):
        for category, text in texts:
            out.setdefault((category, text), {"warning": category, "text": text, "rows": []})["rows"].append(i)
    return list(out.values())


#: the cell-level columns, only in the table of a sweep given ``cell=``
CELL_COLUMNS = (CELL_GRAVIMETRIC, CELL_VOLUMETRIC)


@functools.lru_cache(maxsize=256)
def electrode(parameter_set, fraction, porosity):
    """The point's cathode (:class:`pybamm_aea.energy.Electrode`), None when the set's composition or the porosity
    is unknown (``parameter_set``: :meth:`.config.SweepConfig.composition_key`); cached (a sweep repeats a few
    compositions and porosities)."""
    from .config import composition_for

    comp = composition_for(parameter_set, fraction)
    if comp is None or porosity is None:
        return None
    from pybamm_aea.energy import Electrode, PercolationWarning

    with warnings.catch_warnings():  # (the rows are simulated, not energy_density's full-utilisation figures it
        warnings.simplefilter("ignore", PercolationWarning)  # judges; a sweep's one leaked to the user's line)
        return Electrode(comp, porosity)


@functools.lru_cache(maxsize=256)
def _lithiation_ratios(parameter_set, fraction, porosity):
    """(mass, volume) of the lithiated electrode over the charged one, None when :func:`electrode` is."""
    made = electrode(parameter_set, fraction, porosity)
    return None if made is None else made.lithiation_ratios()


def fill_cell(metrics, config, capacity_Ah, cell_energy_Wh, mass_g, porosity, fraction, loading):
    """The cell columns (``config.cell``, a preset name or a :class:`pybamm_aea.energy.Cell`; nothing without one)
    of a discharge that delivered ``capacity_Ah`` [A.h] and ``cell_energy_Wh`` [W.h] (the cell's own, as
    :func:`pybamm_aea.cycling.cycle_summary`'s) from an electrode of ``mass_g`` [g] at ``loading`` [kg.m-2]:
    :func:`pybamm_aea.cycling.cell_energy` of that stack built around the point's cathode at that loading; NaN, said
    in the ``warnings`` column, for a discharge the stack's anode cannot give (:func:`pybamm_aea.cycling.anode_limited`:
    S-LMS 32.5 wt% S8 at 15 mg/cm2 in the "practical target", 4.96 mAh/cm2 of its 4.124, was 276.0 Wh/kg)."""
    if config.cell is None:
        return
    from pybamm_aea.cycling import anode_limited, cell_energy

    made = electrode(config.composition_key(), fraction, porosity)
    gravimetric, volumetric, stack = cell_energy(
        config.cell, cell_energy_Wh * 1e3 / mass_g, made, loading * 100.0)  # kg/m2 -> mg/cm2
    _, limited = anode_limited(stack, capacity_Ah * 1e3 / mass_g)
    if limited:
        gravimetric = volumetric = math.nan
        metrics["warnings"] = limited if not metrics["warnings"] else f"{metrics['warnings']}; {limited}"
    metrics[CELL_GRAVIMETRIC], metrics[CELL_VOLUMETRIC] = gravimetric, volumetric


#: a discharge that delivered less than this fraction of the point's window (the set's nominal capacity at its
#: loading and composition, :func:`pybamm_aea.sweep.config.derive_inputs`; the screen's utilisation basis) is
#: noted in the row's ``warnings`` (a full cathode discharged, a loss above the window at once)
NEGLIGIBLE_DELIVERY = 0.01


#: the end of a step's termination that is a cut-off: its own voltage condition, the cell's window
_CUT_OFF_ENDS = ("[experiment]", "Minimum voltage [V]", "Maximum voltage [V]")


def _how_it_ended(termination):
    """How a negligible discharge ended, said from its step's ``termination`` (None: not known). "Discharge at 0.1C
    for 2 minutes" (0.333 % of the window) was said to have "ended at its cut-off almost at once": it ended on its
    duration (session 50)."""
    if termination is None:
        return "it ended almost at once"
    if termination == "final time":
        return "it ended on its duration (final time), not at a cut-off"
    if termination.endswith(_CUT_OFF_ENDS):
        return "it ended at its cut-off almost at once"
    return f"it ended on {termination.removeprefix('event: ')}"


def note_negligible_discharges(metrics, discharges, mass_g, window_Ah, ends=None, left_out=()):
    """Say in the ``warnings`` column which discharges (A.h, first of each pair) delivered less than
    :data:`NEGLIGIBLE_DELIVERY` of the window ``window_Ah`` [A.h] (None: not known, nothing said); per g of the
    electrode's ``mass_g`` [g], or in mA.h when it is None; and how each ended (:func:`_how_it_ended`): ``ends`` a
    function giving each discharge's step termination, in order (called only when one is negligible; None: not
    known). ``left_out``: the numbers (1-based) of discharges said elsewhere (the command line's first, warned)."""
    if not window_Ah or not window_Ah > 0:
        return
    small = [(k, q) for k, (q, *_) in enumerate(discharges, 1)
             if q < NEGLIGIBLE_DELIVERY * window_Ah and k not in left_out]
    if not small:
        return
    terminations = list(ends()) if ends is not None else []
    scale, unit = (1e3 / mass_g, "mA.h.g-1") if mass_g else (1e3, "mA.h")
    notes = [f"discharge {k} delivered {100 * q / window_Ah:.3g} % of the window ({q * scale:.4g} of "
             f"{window_Ah * scale:.4g} {unit}, < {100 * NEGLIGIBLE_DELIVERY:g} %): "
             f"{_how_it_ended(terminations[k - 1] if k <= len(terminations) else None)}" for k, q in small]
    if notes:
        note = "; ".join(notes[:3]) + (f"; {len(notes) - 3} more such discharges" if len(notes) > 3 else "")
        metrics["warnings"] = note if not metrics["warnings"] else f"{metrics['warnings']}; {note}"


def first_discharge_warned(caught, solution):
    """Whether the solve's warnings ``caught`` hold a StartOutsideWindowWarning and the first discharge of
    ``solution`` is the step it is of: the experiment's first step with current, after rests alone
    (:func:`~pybamm_aea.models.start_advice.carries_no_current`) in cycle 1. Its "ended on its cut-off ... 56.1 s
    in, having passed 0.000236 mA.h of the cathode's 0.1517 mA.h" says what the negligible-discharge note would
    ("discharge 1 delivered 0.156 % of the window", both until session 54: Li-In, lever rule, 'Discharge at 0.1C until
    1.8 V'; after "Rest for 1 minute" both still, the rule then judging step 2). A FirstStepLossesWarning (a dip under
    load) says it too ("having passed 0.000104 mA.h of the 0.151 mA.h between its start and its cut-off", a pristine
    compact at 2C and 25 C, with "discharge 1 delivered 0.0687 % of the window" after it until session 55). The one
    reading for ``pybamm-aea simulate`` and a sweep's row (:func:`fill_from_experiment`: a 2C Li2021_Mo6S8 row said
    both until review R30)."""
    from pybamm_aea.models.start_advice import FirstStepLossesWarning, StartOutsideWindowWarning, carries_no_current
    from pybamm_aea.readout import is_skipped, iter_discharges, iter_steps

    if not any(issubclass(w.category, (StartOutsideWindowWarning, FirstStepLossesWarning)) for w in caught):
        return False
    first = next(iter_discharges(solution), None)
    if first is None:
        return False
    for cycle, _, step in iter_steps(solution, include_skipped=True):
        if cycle != 1 or is_skipped(step):
            return False
        if step is first[0]:
            return True
        if not carries_no_current(step):  # (a step with current before it: not the one)
            return False
    return False


def fill_from_discharges(metrics, config, discharges, mass_g, volume_L, porosity, fraction, window_Ah=None,
                         ends=None, left_out=()):
    """The result columns from the (capacity A.h, energy W.h) of each discharge and the electrode's mass [g] and
    volume [L]; a note on the discharges below :data:`NEGLIGIBLE_DELIVERY` of the window ``window_Ah`` [A.h]
    (``ends``, ``left_out``: :func:`note_negligible_discharges`)."""
    metrics["Number of discharges"] = len(discharges)
    if not discharges:
        return
    note_negligible_discharges(metrics, discharges, mass_g, window_Ah, ends, left_out)
    q_first = discharges[0][0]
    q, e = discharges[-1][0], discharges[-1][1]
    metrics[FIRST_ESC] = q_first * 1e3 / mass_g
    metrics[ESC] = q * 1e3 / mass_g
    metrics["Discharge capacity [mA.h]"] = q * 1e3
    metrics[MEAN_DISCHARGE_VOLTAGE_VS_LI] = e / q
    metrics[GRAVIMETRIC] = e * 1e3 / mass_g
    metrics[VOLUMETRIC] = e / volume_L
    ratios = _lithiation_ratios(config.composition_key(), fraction, porosity)
    if ratios is not None:
        mass_ratio, volume_ratio = ratios
        metrics["Discharged-basis energy [W.h.kg-1]"] = e * 1e3 / (mass_g * mass_ratio)
        metrics["Discharged-basis energy [W.h.L-1]"] = e / (volume_L * volume_ratio)
    if len(discharges) >= 2:  # (one discharge: no retention, and no warning saying so on every row)
        metrics[RETENTION] = 100 * capacity_retention([d[0] for d in discharges])


#: the terminations that end a step where it was meant to end: its own condition, its duration, the cell's
#: voltage cut-offs
_OWN_ENDS = ("[experiment]", "final time", "Minimum voltage [V]", "Maximum voltage [V]")


def note_model_event_stops(metrics, terminations):
    """Say in the ``warnings`` column which steps a model event stopped before their own end (an anode run
    out of Li, a full host): their figures are that limit's, not the electrode's at its cut-off."""
    events = sorted({t for t in terminations if t.startswith("event:") and not t.endswith(_OWN_ENDS)})
    if events:
        note = "stopped by a model event before its cut-off (" + "; ".join(e[len("event: "):] for e in events) + ")"
        metrics["warnings"] = note if not metrics["warnings"] else f"{metrics['warnings']}; {note}"


def fill_from_experiment(metrics, config, solution, porosity, fraction, window_Ah=None, stopped=None, loading=None,
                         caught=()):
    """The result columns of an experiment's solution (per-point path; ``window_Ah``: :func:`fill_from_discharges`;
    ``caught``: the solve's warnings, the first discharge left out of the note where one said it,
    :func:`first_discharge_warned`; ``stopped``: why the solve stopped before the experiment's end,
    :attr:`pybamm_aea.progress.ExperimentProgress.stopped` of its callback, e.g. a later step's solver error, which the
    solution does not hold; ``loading`` [kg.m-2]: the point's, for :func:`fill_cell`)."""
    if not getattr(solution, "cycles", None):  # PyBaMM's EmptySolution: not even the first step ran
        why = getattr(solution, "why", None)  # the AEA model's says why (pybamm_adapter's NotStartedSolution)
        if why:
            metrics["error"] = why
            return
        from .config import make_experiment

        first = make_experiment(config.steps).steps[0]
        metrics["error"] = (f"the experiment's first step ({first}) cannot start from the initial state "
                            "(e.g. a discharge to a voltage above the cell's open-circuit voltage)")
        return
    steps_done = sum(len(c.steps) for c in solution.cycles if c is not None)
    mass_g = float(solution[MASS].entries[0])
    volume_L = float(solution[VOLUME].entries[0])
    discharges = discharge_steps(solution, arrays=False)
    fill_from_discharges(metrics, config, discharges, mass_g, volume_L, porosity, fraction, window_Ah,
                         ends=lambda: [step.termination for step, _ in iter_discharges(solution)],
                         left_out=(1,) if first_discharge_warned(caught, solution) else ())
    if config.cell is not None and discharges:  # the last discharge's, as the electrode columns' (that one step read)
        *_, (last, _) = iter_discharges(solution)
        fill_cell(metrics, config, *delivered(last, energy="cell"), mass_g, porosity, fraction, loading)
    note_model_event_stops(metrics, [step.termination for c in solution.cycles if c is not None for step in c.steps])
    if stopped:  # its termination is the last solved step's ("final time"): the solver's error is in stopped
        metrics["error"] = (f"the experiment {stopped}; figures are from the {steps_done} of {config.n_steps} "
                            "steps that ran")
    elif steps_done < config.n_steps:
        metrics["error"] = (f"experiment stopped after {steps_done} of {config.n_steps} steps "
                            f"({solution.termination}); figures are from the steps that ran")
    elif not discharges:
        metrics["error"] = "the experiment has no discharge step"


#: the variables :func:`fill_from_discharge_solution` reads: what :func:`pybamm_aea.readout.delivered`'s default route
#: integrates, and the electrode's mass and volume (a solve of these alone, IDAKLU output variables, reads the same;
#: until session 61 the batched path asked the solver for these only, which left its ends no state to judge)
BATCH_VARIABLES = ["Current [A]", "Voltage [V]", ANODE_OCP, MASS, VOLUME]


def fill_from_discharge_solution(metrics, config, solution, porosity, fraction, window_Ah=None, loading=None):
    """The result columns of one batched constant-current discharge (a solution without experiment; ``window_Ah``:
    :func:`fill_from_discharges`; ``loading`` [kg.m-2]: :func:`fill_cell`), what it delivered read as the experiment
    path reads each discharge (:func:`pybamm_aea.readout.delivered`)."""
    mass_g = float(solution[MASS].entries[0])
    volume_L = float(solution[VOLUME].entries[0])
    if config.cell is None:
        dq, de = delivered(solution)  # the electrode's basis, as discharge_steps
    else:  # and the cell's own, as discharge_steps(energy="cell"): both from one pass of the kernel
        dq, de, de_cell = delivered_on_both_bases(solution)
    discharges = [(dq, de)] if dq > 0 and de > 0 else []
    fill_from_discharges(metrics, config, discharges, mass_g, volume_L, porosity, fraction, window_Ah,
                         ends=lambda: [solution.termination])
    if config.cell is not None and discharges:
        fill_cell(metrics, config, dq, de_cell, mass_g, porosity, fraction, loading)
    note_model_event_stops(metrics, [solution.termination])
    if solution.termination == "failure" or not discharges:
        metrics["error"] = f"the discharge did not run ({solution.termination})"
