"""C-rate steps of a swept C-rate: PyBaMM's default duration of the point's own rate (imports PyBaMM).

A swept 'C-rate' keeps the experiment's C-rate steps as written (at the reference rate) and scales the C-rate
basis ("Nominal cell capacity [A.h]") by C-rate / reference (:func:`pybamm_aea.sweep.config.derive_inputs`), so
PyBaMM's default duration of a step (2 h over its written rate) is that of the reference rate: a point below it
was cut at it ("time ran out (final time)": 0.02C for the 20 h of 0.1C). :func:`stretch` gives each C-rate step
without a written duration its default x reference / swept rate; a duration the user wrote stays as written.
"""
import pybamm


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
