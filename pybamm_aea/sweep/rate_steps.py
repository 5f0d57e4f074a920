"""C-rate steps of a swept C-rate: PyBaMM's default duration of the point's own rate (imports PyBaMM).

A swept 'C-rate' keeps the experiment's C-rate steps as written (at the reference rate) and scales the C-rate
basis ("Nominal cell capacity [A.h]") by C-rate / reference (:func:`pybamm_aea.sweep.config.derive_inputs`), so
PyBaMM's default duration of a step (2 h over its written rate) is that of the reference rate: a point below it
was cut at it ("time ran out (final time)": 0.02C for the 20 h of 0.1C). :func:`stretch` gives each C-rate step
without a written duration its default x reference / swept rate; a duration the user wrote stays as written.
"""
import pybamm

from pybamm_aea.user_input import ANY, Said


class StretchedCRate(pybamm.step.CRate):
    """A C-rate step whose duration is the default of the swept rate: still flagged as a default duration, so that
    PyBaMM stops the experiment when it runs out (as it does at its own default), through ``Step.copy()`` too
    (which rebuilds a step from its arguments: a duration set on a step after it was built is dropped)."""

    def __init__(self, value, **kwargs):
        super().__init__(value, **kwargs)
        self.uses_default_duration = True


def stretchable(step):
    """True for a C-rate step of PyBaMM's default duration (not a drive cycle nor a function of time)."""
    return isinstance(step, pybamm.step.CRate) and bool(step.uses_default_duration) and not step.is_drive_cycle \
        and not step.is_python_function


def stretch(experiment, factor):
    """A copy of ``experiment`` (a ``pybamm.Experiment``) with its :func:`stretchable` steps lasting ``factor`` x
    their default duration; the other steps, cycles, period, temperature and termination as they were."""
    def stretched(s):
        return StretchedCRate(s.input_value, duration=s.duration * factor, termination=s.termination,
                              period=s.period, temperature=s.temperature, tags=s.tags, start_time=s.start_time,
                              description=s.description, direction=s.direction, skip_ok=s.skip_ok)

    steps = iter(experiment.steps)
    cycles = [tuple(stretched(s) if stretchable(s) else s for s in (next(steps) for _ in range(n)))
              for n in experiment.cycle_lengths]
    _, period, temperature, termination = experiment.args
    return pybamm.Experiment(cycles, period=period, temperature=temperature, termination=termination)


def scaled_rate_notes(experiment, reference_c_rate, c_rates, nominal=None):
    """The note of a swept 'C-rate' whose ``experiment`` (a ``pybamm.Experiment``) writes C-rate steps or C-rate
    cut-offs ("until C/50") at other rates than ``reference_c_rate``: the sweep scales the C-rate basis, so each of
    them runs at C-rate / reference x its written rate too, which the rows (at ``c_rates``) do not show; each such rate
    with its steps and the rates it runs at in the rows, and how to keep a step fixed (a current, not scaled; its value
    at the set's ``nominal`` capacity [A.h] when known), a list of one; [] when every one is at the reference rate.
    Until session 56 not said: Li2021_TiS2, 3 cycles at 0.1C holding to C/50 then a C/20 RPT, the 1.0C row ran the
    RPT at 0.5C and the hold to C/5 (233.85 mA.h/g against the intended run's 238.58), its warnings None."""
    import math

    from ..models.step_checks import step_name

    rates = sorted({float(c) for c in c_rates})
    if all(math.isclose(c, reference_c_rate, rel_tol=1e-9) for c in rates):
        return []  # (nothing scaled: review R34 found a note naming a C/20 step "run at 0.05C" in a 0.1C-only sweep)
    written = {}  # (written rate [C], a cut-off) -> the steps' descriptions
    for step in experiment.steps:
        said = step_name(step, str)  # (PyBaMM's str: its description, else its repr; a drive cycle's summary)
        if isinstance(step, pybamm.step.CRate) and not step.is_drive_cycle and not step.is_python_function:
            written.setdefault((abs(float(step.value)), False), []).append(said)
        for end in step.termination:
            if isinstance(end, pybamm.step.CRateTermination):
                written.setdefault((abs(float(end.value)), True), []).append(said)
    others = {key: list(dict.fromkeys(said)) for key, said in written.items()
              if not math.isclose(key[0], reference_c_rate, rel_tol=1e-9)}
    if not others:
        return []
    parts = []
    for (rate, cut_off), said in sorted(others.items()):
        runs = ", ".join(f"{rate * c / reference_c_rate:.3g}C" for c in rates)
        verb = ('end' if cut_off else 'run') + ('' if len(said) > 1 else 's')
        parts.append(f"{'the cut-off' if cut_off else 'the step'}{'s' if len(said) > 1 else ''} at {rate:g}C of "
                     f"{', '.join(repr(s) for s in said)} {verb} at {runs}")
    current = ("" if nominal is None else
               f" (at the set's nominal capacity, {nominal:.4g} A.h, 1C is {1e3 * nominal:.4g} mA)")
    return [Said(f"'C-rate' scales every C-rate step and C-rate cut-off of the experiment by C-rate / "
                 f"{reference_c_rate:g} (", ("reference_c_rate", ANY), f"), not only those at {reference_c_rate:g}C: "
                 f"in the rows at C-rate {', '.join(f'{c:g}' for c in rates)}, " + "; ".join(parts) +
                 "; to keep a step at its own rate, write it, or its cut-off, as a current in A, which is not scaled"
                 f"{current}")]
