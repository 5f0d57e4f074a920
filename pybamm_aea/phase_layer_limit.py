"""A discharge of the multi-phase LixMo6S8 host stopped by its Li4 layer, not by the host being full.

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

:func:`phase_layer_limit` judges the steps of a solve from the solution alone; the solve wrapper
(:mod:`pybamm_aea.pybamm_adapter.experiment_errors`) warns :class:`PhaseLayerLimitWarning` with its text, so a
``pybamm.Simulation`` solve and a ``pybamm_aea.sweep`` row (its ``warnings`` column) say so.
"""
import numpy as np

from .models.solvers import InputSetWarning
from .phases import MO6S8_PHASE_FIELD_WINDOWS
from .pybamm_adapter.model_internals import cell_widths

__all__ = ["PhaseLayerLimitWarning", "phase_layer_limit", "STRANDED_SHARE", "SECTION"]

#: the section of docs/known_limits.rst the warning points to (the mechanism, its numbers and the way out)
SECTION = "Phase layers limit thick or fast discharges"

#: the share of a discharge's way to the Li4 window (from the step's start content) left untaken above which a
#: stop with the separator cell in Li4 is said to be the layer's (LMS from Li1, 70 C, 0.1C: none at 5 mg/cm2,
#: 3.984 Li at the end, where both hosts give 96.1-96.4 mA.h/g; 12 % at 10 mg/cm2, 84.9 against 96.4)
STRANDED_SHARE = 0.05


class PhaseLayerLimitWarning(InputSetWarning):
    """A discharge of the multi-phase host ended at its voltage cut-off with the separator side in the Li4 window
    and the electrode short of it by more than :data:`STRANDED_SHARE` of the step's way (:func:`phase_layer_limit`):
    the narrow Li4 and Li3 windows of the free energy's construction, not a measured limit of the material. Its
    ``input_set`` is the solution's index in a solve of a list of inputs (a sweep's batch re-solves that row only)."""


#: what :func:`phase_layer_limit` reads of a step (the sweep's batched solves keep their states, so a sweep row
#: reads them too); "Cathode Li content", where kept, adds the layer's depth
READ = ("Current [A]", "Cathode host has the LixMo6S8 phases", "Average cathode Li content",
        "Cathode surface Li content")


def _judge(step, number):
    """The warning's text for one step solution (its number in the run), or None."""
    termination = str(getattr(step, "termination", "") or "")
    if "voltage" not in termination.lower():
        return None  # (a rest, or a step its time or capacity ended: nothing read)
    try:  # (read in order of need: a variable's first read costs ~0.7 ms a step, ~1 s per 100 full cycles)
        if step.all_models[0].options["host thermodynamics"] != "multi-phase":
            return None
        current = np.asarray(step[READ[0]].entries, dtype=float)
        if not (current.size and np.mean(current) > 0):
            return None  # (a charge)
        phases, average, surface = (np.asarray(step[name].entries, dtype=float) for name in READ[1:])
    except (KeyError, AttributeError, IndexError):  # (another model, or a solve that kept none of them)
        return None
    if not phases.ravel()[0]:
        return None  # (another host)
    li4 = MO6S8_PHASE_FIELD_WINDOWS[-1][0]
    start, end = float(average[0]), float(average[-1])
    if float(surface[-1]) < li4 or li4 - start <= 0:
        return None
    short = (li4 - end) / (li4 - start)
    if short <= STRANDED_SHARE:
        return None
    where = ""
    try:  # (the layer's depth and the collector side's content, where the profile was kept)
        content = step["Cathode Li content"]
        x = np.asarray(content.entries, dtype=float)[:, -1]  # collector .. separator, at the step's end
        widths = cell_widths(content)
        thickness = float(np.asarray(step["Cathode thickness [m]"].entries, dtype=float).ravel()[-1])
        where = (f" ({thickness * 1e6 * float(widths[x >= li4].sum() / widths.sum()):.2g} of "
                 f"{thickness * 1e6:.3g} um; collector side at x = {x[0]:.2f})")
    except (KeyError, AttributeError, IndexError, ValueError):
        pass
    return (f"step {number}, a discharge, ended at its voltage cut-off at x = {end:.3f} (from "
            f"{start:.3f}), {short:.0%} short of the Li4 window ({li4:g} Li): the Li4 layer at the separator{where} "
            f"limits it (thick electrode or high rate; window widths assumed; the lever-rule host fills it; "
            f"docs/known_limits.rst, '{SECTION}')")


def phase_layer_limit(steps, first_number=1):
    """The texts of :class:`PhaseLayerLimitWarning` for the step solutions ``steps`` (in order; the first is step
    ``first_number`` of the run): each discharge of the multi-phase LixMo6S8 host that ended at a voltage cut-off
    with its separator cell in the Li4 window and its average Li content short of that window by more than
    :data:`STRANDED_SHARE` of the step's way. Other hosts, the lever-rule host and other steps give none."""
    said = (_judge(step, first_number + i) for i, step in enumerate(steps))
    return [text for text in said if text is not None]
