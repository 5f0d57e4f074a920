"""A discharge of the multi-phase LixMo6S8 host stopped by its Li4 or Li3 layer, not by the host being full.

On the multi-phase host (:data:`pybamm_aea.parameters.Li2021_Mo6S8.MO6S8_HOST`) a thick electrode fills from the
separator. Li reaches the collector side through the layers of the phases the front leaves behind, and each layer
carries Li with its mobility B times the potential difference its single-phase window spans (Wagner's integrated
diffusion coefficient of a growing intermediate phase, not its D alone). The Li4 window (3.98-4 Li) falls
51.75 V per Li, so B = D_Li4 / 51.75 = 1.7e-13 m2/(V s) at 70 C from Fig. S1's 8.8e-8 cm2/s; the Li3 layer
spans the 30 mV between the two plateaus the paper's one 2.05 V plateau was split into. Both widths are
assumptions of the free energy's construction; Fig. S1 measures the diffusivities only. So where the Li4 layer
grown at the separator takes the surface to the cut-off, the step ends with the collector side at Li3 or Li1,
while the lever-rule host fills (LMS from Li1 at 70 C and 0.1C, mA.h/g at 5 / 10 / 20 / 30 mg/cm2: 96.1 / 84.9 /
69.9 / 53.8 against 96.4 / 96.4 / 96.1 / 95.7). A high rate stops a thin electrode so too, the same mechanism: the
paper's 1.5 mg/cm2 cell at 3C from LiMo6S8, 86.4 against 96.25 mA.h/g on the lever rule. docs/known_limits.rst
(:data:`SECTION`) gives the mechanism with its numbers.

The Li3 layer stops a thick electrode at a high rate before any Li4 forms (20 mg/cm2 at 1C from Li1: its surface
at the Li3/Li4 boundary, the electrode short of Li3; its warning measures the way to the Li3 window, 2.97 Li). The
same section gives its measured numbers (session 62): its capacity, the profile, the overpotentials, the layer's
widths and what it carries.

:func:`phase_layer_limit` judges the steps of a solve from the solution alone; the solve wrapper
(:mod:`pybamm_aea.pybamm_adapter.experiment_errors`) warns :class:`PhaseLayerLimitWarning` with its text, so a
``pybamm.Simulation`` solve and a ``pybamm_aea.sweep`` row (its ``warnings`` column) say so.
"""
import numpy as np

from .models.solvers import InputSetWarning
from .phases import MO6S8_PHASE_FIELD_WINDOWS
from .pybamm_adapter.model_internals import cell_widths, step_variable_at

__all__ = ["PhaseLayerLimitWarning", "phase_layer_limit", "phase_layer_limit_once", "STRANDED_SHARE", "SECTION"]

#: the section of docs/known_limits.rst the warning points to (the mechanism, its numbers and the way out)
SECTION = "Phase layers limit thick or fast discharges"

#: the share of a discharge's way to the layer's window (Li4's 3.98, or Li3's 2.97 with the surface past Li3; from
#: the step's start content) left untaken above which a voltage stop is said to be the layer's. A threshold of the
#: judgement, not a measured figure: the stops it separates lie far on either side. None short where the host
#: fills: 5 mg/cm2 at 0.1C from Li1 and the paper's LMS, S-LMS and LTO-LMS cells at 0.1C end inside Li4 (x =
#: 3.984-3.999: -0.1 to -0.5 %); 9.98 % the least of the warned (the paper's cell at 3C, 86.4 against 96.25 mA.h/g),
#: then 12 % (10 mg/cm2 at 0.1C), 16, 27, 44, 53, 68, 83 %. The mesh moves a share by 3 points at most (3C 10 / 10 /
#: 10 % on 20 / 40 / 80 cells; 10 mg/cm2 at 0.1C 12 / 12 / 12; 20 mg/cm2 at 1C 83 / 81 / 80). So any value from 0 to
#: 0.0997 gives these cases the same warnings (tests/test_phase_layer_limit.py judges at 0.03 / 0.05 / 0.08; session
#: 62); 0.05 sits in the middle of that gap
STRANDED_SHARE = 0.05


class PhaseLayerLimitWarning(InputSetWarning):
    """A discharge of the multi-phase host ended at its voltage cut-off with the separator side in the Li4 window
    and the electrode short of it by more than :data:`STRANDED_SHARE` of the step's way, or with the separator side
    past the Li3 window and the electrode short of Li3 so (:func:`phase_layer_limit`):
    the narrow Li4 and Li3 windows of the free energy's construction, not a measured limit of the material. Its
    ``input_set`` is the solution's index in a solve of a list of inputs (a sweep's batch re-solves that row only)."""


#: what :func:`phase_layer_limit` reads of a step, at its first and last state only (the sweep's batched solves keep
#: their states, so a sweep row reads them too); "Cathode Li content", where kept, adds the layer's depth
READ = ("Current [A]", "Cathode host has the LixMo6S8 phases", "Average cathode Li content",
        "Cathode surface Li content")

#: the step's states :func:`phase_layer_limit` evaluates its :data:`READ` at: the first and the last
ENDS = (0, -1)


def _ends(step, name):
    """``name``'s values at the step's first and last state, a float array (an entry per state), or None: its
    expression evaluated on those two state vectors alone (~0.03 ms), not a processed variable over every time the
    step kept (~1.2 ms for the average content of a 0.1C discharge, ~0.2 CPU s per 100 C/10 cycles with rests); a
    solve that kept no states (``output_variables``) is read through its processed variable
    (:func:`~pybamm_aea.pybamm_adapter.model_internals.step_variable_at`)."""
    values = step_variable_at(step, name, ENDS).ravel()
    return values if values.size else None


def _judge(step, number):
    """The warning's text for one step solution (its number in the run), or None."""
    termination = str(getattr(step, "termination", "") or "")
    if "voltage" not in termination.lower():
        return None  # (a rest, or a step its time or capacity ended: nothing read)
    try:  # (its end states only, in order of need)
        if step.all_models[0].options["host thermodynamics"] != "multi-phase":
            return None
        current = _ends(step, READ[0])
        if current is None or not current[-1] > 0:
            return None  # (a charge)
        phases, average, surface = (_ends(step, name) for name in READ[1:])
    except (KeyError, AttributeError, IndexError):  # (another model, or a solve that kept none of them)
        return None
    if not phases.ravel()[0]:
        return None  # (another host)
    (li3, li3_end), (li4, _) = MO6S8_PHASE_FIELD_WINDOWS[-2:]
    surface_end = float(surface[-1])
    if surface_end >= li4:  # (the Li4 layer's stop: the surface in the Li4 window, its edge the way's end)
        layer, edge = "Li4", li4
    elif surface_end >= li3_end:  # (the Li3 layer's: the surface past Li3, at the Li3/Li4 plateau)
        layer, edge = "Li3", li3
    else:
        return None
    start, end = float(average[0]), float(average[-1])
    if edge - start <= 0:
        return None
    short = (edge - end) / (edge - start)
    if short <= STRANDED_SHARE:
        return None
    where = ""
    try:  # (the layer's depth and the collector side's content, where the profile was kept)
        content = step["Cathode Li content"]
        x = np.asarray(content.entries, dtype=float)[:, -1]  # collector .. separator, at the step's end
        widths = cell_widths(content)
        thickness = float(np.asarray(step["Cathode thickness [m]"].entries, dtype=float).ravel()[-1])
        where = (f" ({thickness * 1e6 * float(widths[x >= edge].sum() / widths.sum()):.2g} of "
                 f"{thickness * 1e6:.3g} um; collector side at x = {x[0]:.2f})")
    except (KeyError, AttributeError, IndexError, ValueError):
        pass
    head = (f"step {number}, a discharge, ended at its voltage cut-off at x = {end:.3f} (from {start:.3f}), "
            f"{short:.0%} short of the {layer} window ({edge:g} Li)")
    section = f"docs/known_limits.rst, '{SECTION}'"
    if layer == "Li4":
        return (f"{head}: the Li4 layer at the separator{where} limits it (thick electrode or high rate; window widths "
                f"assumed; the lever-rule host fills it; {section})")
    return (f"{head}, its surface at x = {surface_end:.2f} (Li3/Li4): the Li3 layer at the separator{where} limits "
            f"it (thick electrode or high rate; window widths assumed; {section})")


def phase_layer_limit(steps, first_number=1):
    """The texts of :class:`PhaseLayerLimitWarning` for the step solutions ``steps`` (in order; the first is step
    ``first_number`` of the run): each discharge of the multi-phase LixMo6S8 host that ended at a voltage cut-off
    with its surface content in the Li4 window and its average Li content short of that window by more than
    :data:`STRANDED_SHARE` of the step's way (the Li4 layer's stop), or with its surface past the Li3 window, short of
    Li4, and its average short of Li3 so (the Li3 layer's). Each step is read at its first and last state vectors
    only, and on its termination. Other hosts, the lever-rule host and other steps give none."""
    said = (_judge(step, first_number + i) for i, step in enumerate(steps))
    return [text for text in said if text is not None]


def phase_layer_limit_once(steps, first_number=1):
    """The one :class:`PhaseLayerLimitWarning` text a solve warns for its step solutions ``steps``
    (:func:`phase_layer_limit`), or None: the first stopped discharge's text and, where later ones stopped too, their
    step numbers (:func:`~pybamm_aea.convergence.step_numbers`). Until session 64 each such discharge warned its own
    text: the trial's S-LMS drive cycle, 20 repeats, printed one warning 19 times."""
    from .convergence import step_numbers

    judged = ((first_number + i, _judge(step, first_number + i)) for i, step in enumerate(steps))
    said = [(number, text) for number, text in judged if text is not None]
    if not said:
        return None
    later = [number for number, _ in said[1:]]
    return said[0][1] + (f"; so too step{'s' if len(later) > 1 else ''} {step_numbers(later)}" if later else "")
