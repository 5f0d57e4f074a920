"""Progress bars (tqdm) for long runs, and rounding of tabulated output to meaningful digits.

- :func:`progress_bar` - a tqdm bar, shown by default only when stderr is a terminal (so logs, CI
  and pipes stay clean); ``sweep()`` and the command line use it for their points.
- :class:`ExperimentProgress` - a ``pybamm.callbacks.Callback`` that advances a bar by one per
  cycle of a ``pybamm.Experiment`` and shows the step being solved, for long cycling::

      sim.solve(callbacks=[ExperimentProgress()])

- :func:`round_significant` / :func:`round_table` - values rounded to a number of significant
  digits (default 6: far below any model or measurement uncertainty here, far above float noise),
  so CSV output reads 70.0 rather than 70.00000000000006.
"""
import sys

import numpy as np
import pybamm

#: significant digits kept by :func:`round_table` (model and paper values agree to < 1 %: six
#: digits keep solver-tolerance-level differences visible and drop float round-off)
SIGNIFICANT_DIGITS = 6


def interactive(stream=None):
    """True when ``stream`` (default stderr) is a terminal: the default for showing a bar."""
    stream = sys.stderr if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def progress_bar(iterable=None, total=None, desc=None, unit="it", show=None, **kwargs):
    """A ``tqdm`` progress bar; ``show`` None (default) shows it only when stderr is a terminal.

    Extra keyword arguments go to ``tqdm.tqdm``. Use as an iterator wrapper or, with ``total``,
    call ``update(n)``; close it (or use it as a context manager) when done.
    """
    from tqdm.auto import tqdm

    show = interactive() if show is None else bool(show)
    return tqdm(iterable, total=total, desc=desc, unit=unit, disable=not show, **kwargs)


def stopped_text(cycle, step, why):
    """Where an experiment stopped before its end and why: ``cycle`` and ``step`` as PyBaMM's callbacks log them
    (``logs["cycle number"]``: (cycle, cycles); ``logs["step number"]``: (step, steps in the cycle))."""
    return f"stopped in step {step[0]} of cycle {cycle[0]} (of {cycle[1]}): {why}"


#: PyBaMM's callback logs' key of a step's description (``str(step)``: a drive cycle's holds numpy's print of its
#: samples)
DESCRIPTION = "step operating conditions"
#: the key of a step's name in the callback logs, set at each step's start by the AEA models' solve (its
#: :class:`~pybamm_aea.pybamm_adapter.experiment_errors.StepErrorRecorder`, the first callback)
STEP_NAME = "pybamm_aea step name"


def step_description(logs):
    """The step of PyBaMM's callback ``logs`` as the messages name it: the AEA solve's name of it (a drive cycle's
    samples, span, range and terminations), else PyBaMM's description."""
    return logs.get(STEP_NAME) or logs[DESCRIPTION]


def step_text(cycle, step, description):
    """Which step of an experiment: ``cycle`` and ``step`` as PyBaMM's callbacks log them (1-based; see
    :func:`stopped_text`) and the step's text, "step 2 of 4 in cycle 37 of 50, 'Charge at 0.5C until 2.8 V'"."""
    return f"step {step[0]} of {step[1]} in cycle {cycle[0]} of {cycle[1]}, '{description}'"


def solver_failed_text(logs):
    """Why, for a step the solver failed on (the ``logs`` of PyBaMM's ``on_experiment_error``): the step and the
    solver's error; the error alone where it names the step already (the AEA solvers' "IDA failed 36.54 s into step 2
    of 3 in cycle 1 of 2, 'Hold at 3.7 V for 10 minutes', ...")."""
    error, description = str(logs["error"]), step_description(logs)
    if error.startswith("IDA failed ") and f"'{description}'" in error:
        return error
    return f"the solver failed in '{description}': {error}"


def termination_text(logs):
    """Which termination of the experiment a cycle met (the ``logs`` of PyBaMM's ``on_cycle_end``), or "": PyBaMM
    then stops before the experiment's last cycle, telling it only at its NOTICE log level."""
    stop = logs.get("stopping conditions") or {}
    capacity, voltage, time = stop.get("capacity"), stop.get("voltage"), stop.get("time")
    if capacity is not None:
        now = logs["summary variables"]["Capacity [A.h]"]
        if not np.isnan(now) and now <= capacity:
            start = logs.get("start capacity", np.nan)
            return (f'"Capacity [A.h]" {now:.6g} A.h ({100 * now / start:.4g} % of the first cycle\'s), at or below '
                    'the '
                    f"termination's {capacity:.6g} A.h")
    if voltage is not None and logs.get("Minimum voltage [V]", np.inf) <= voltage[0]:
        return f"minimum voltage {logs['Minimum voltage [V]']:.6g} V at or below the termination's {voltage[0]:.6g} V"
    if time is not None and logs.get("experiment time", -np.inf) >= time:
        return f"experiment time {logs['experiment time']:.6g} s at the termination's {time:.6g} s"
    return ""


class ExperimentProgress(pybamm.callbacks.Callback):
    """Cycle-by-cycle progress of a ``pybamm.Experiment`` as a tqdm bar (a PyBaMM callback).

    The bar advances at the end of each cycle; its description names the cycle and step being
    solved, and, when the experiment's termination ("80% capacity", a voltage or a time) ends it before its
    last cycle, the termination met (also :attr:`terminated`). ``show`` None shows it only when stderr is a terminal.
    Pass it to ``Simulation.solve(callbacks=[...])``; it sits beside PyBaMM's logging callback.
    """

    def __init__(self, desc="cycles", show=None, **tqdm_kwargs):
        self.desc, self.show, self.tqdm_kwargs = desc, show, tqdm_kwargs
        self.bar = None
        #: cycles finished in the last solve
        self.completed = 0
        #: (cycle, total cycles) of the last cycle started, (step, steps in the cycle) of the last step
        self.cycle = self.step = None
        #: why the last solve stopped before its experiment's end (a solver error or an infeasible step), or None
        self.stopped = None
        #: the experiment's termination the last solve met (:func:`termination_text`), or None
        self.terminated = None

    def on_experiment_start(self, logs):
        self.stopped = self.terminated = None

    def on_cycle_start(self, logs):
        self.cycle = tuple(logs["cycle number"])
        if self.bar is None:
            self.completed = 0
            self.bar = progress_bar(total=self.cycle[1], desc=self.desc, unit="cycle", show=self.show,
                                    **self.tqdm_kwargs)
            self.bar.update(self.cycle[0] - 1)  # a solve that resumes from an earlier solution

    def on_step_start(self, logs):
        self.step = tuple(logs["step number"])
        if self.bar is not None:
            self.bar.set_postfix_str(f"step {self.step[0]}/{self.step[1]}: {step_description(logs)}",
                                     refresh=False)

    def on_cycle_end(self, logs):
        self.completed += 1
        self.terminated = termination_text(logs) or None
        if self.bar is not None:
            if self.terminated:  # the bar stops short of its total: say why
                self.bar.set_postfix_str(f"stopped after cycle {self.cycle[0]}: {self.terminated}", refresh=False)
            self.bar.update(1)

    def _close(self, logs=None):
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def _stop(self, why):
        self.stopped = stopped_text(self.cycle, self.step, why)
        self._close()

    def on_experiment_error(self, logs):
        self._stop(solver_failed_text(logs))

    def on_experiment_infeasible_time(self, logs):
        self._stop(f"the experiment's time ran out ({logs['termination']})")

    def on_experiment_infeasible_event(self, logs):
        self._stop(f"the model's event '{logs['termination']}' during '{step_description(logs)}'")

    on_experiment_end = _close


def round_significant(values, digits=SIGNIFICANT_DIGITS):
    """``values`` (scalar or array) rounded to ``digits`` significant digits; nan, inf and 0 kept."""
    if not isinstance(digits, (int, np.integer)) or digits < 1:
        raise ValueError(f"digits must be a positive integer, got {digits!r}")
    x = np.asarray(values, dtype=float)
    finite = np.isfinite(x) & (x != 0)
    out = x.copy()
    magnitude = np.floor(np.log10(np.abs(x[finite])))
    scale = 10.0 ** (digits - 1 - magnitude)
    out[finite] = np.round(x[finite] * scale) / scale
    return out if out.ndim else float(out)


def round_table(table, digits=SIGNIFICANT_DIGITS):
    """A copy of a pandas DataFrame with its float columns rounded to ``digits`` significant digits.

    Integer, text and boolean columns are unchanged; use it on any table written to CSV.
    """
    out = table.copy()
    for column in out.columns:
        if out[column].dtype.kind == "f":
            out[column] = round_significant(out[column].to_numpy(), digits)
    return out
