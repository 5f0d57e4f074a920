"""Fitting scalar factors to a measured curve: the model at the data's times with its sensitivities, and the fit's
quality.

- :func:`solve_at`: one solve of a built ``pybamm.Simulation`` returning an output's values at exactly the data's
  times and, for the named input parameters, its sensitivities there (an n x p Jacobian). It passes the data's times
  as both ``t_eval`` and ``t_interp``: ``t_eval`` alone returns every step the solver took (1159-1534 points for a
  126-point 3C discharge of ``Li2021_Mo6S8``: the residual does not broadcast); ``t_interp`` alone lets the solver
  step past the data's times, and on the multi-phase host the fit then does not move D (a 3C discharge from LiMo6S8,
  truth D x 0.5 and j0 x 2: least squares stopped at D x 1.00, j0 x 1.48-1.54; with both, 0.4895 and 2.043).
- :func:`fit_factors`: ``scipy.optimize.least_squares`` on the log-factors with :func:`solve_at`'s sensitivities as
  the Jacobian (one solve per point: the residual and its Jacobian are cached together), returning a
  :class:`FitResult` whose :attr:`FitResult.quality` is :func:`fit_quality`'s readout.
- :func:`check_fit_bounds`: a fit's bounds and start against each parameter's :func:`fit_range`, one
  :class:`~pybamm_aea.ranges.Range`: the narrower of its physical range (:data:`pybamm_aea.models.checks.RANGES`)
  and, for a factor on a measured quantity, the spread of the fitted set's own measurements (:func:`measured_spread`;
  the widest shipped set's when no set is given, :data:`FIT_SPREADS`): the one check of a fit's bounds, which
  :func:`fit_factors` calls before any solve and a PyBOP fit calls before it starts (``examples/fit_pybop.py``).
- :func:`fit_quality`: the residual's rms against the data's noise, the parameters' standard errors and correlation
  from the Jacobian (J^T J at the optimum). A fit that "converged" with a residual well above the noise is a model
  that cannot describe the data (a factor fitted alone while another changed: "ftol satisfied" at 23.6 mV rms
  against 1 mV of noise), and its standard errors do not bound its error; :attr:`FitQuality.consistent` says so.

The factors are those of :func:`pybamm_aea.parameters.paper_cell.fitting_factors`, given as ``"[input]"``; the
tutorial is docs/fitting.rst and ``examples/fit_pybop.py``.
"""
from dataclasses import dataclass, replace
import math
import reprlib

import numpy as np
from scipy import stats
from scipy.optimize import least_squares

from .data import load_paper_table
from .models.checks import RANGES
from .ranges import Range
from .user_input import is_finite_positive, not_a_number, number_refusal

#: a residual is consistent with the noise when its sum of squares is below this quantile of chi-square with n - p
#: degrees of freedom (scaled by the noise's variance): 1 in 1000 fits to a right model with the right noise fail it
CONSISTENCY_QUANTILE = 0.999


#: the paper's measurements of one material's Li diffusivity beside its Table S5 row: Fig. S1's PITT values of LixMo6S8
_MORE_DIFFUSIVITIES = {"Mo6S8": ("figS1_LixMo6S8_diffusion", "D_cm2_per_s", "Fig. S1")}

#: the margin on a set's own material's measured spread of Li diffusivity that a fit's D factor may reach, both
#: ways (a choice): a fit to a voltage identifies the diffusion time R^2/D, not D, so the factor also absorbs the
#: error of the set's particle radius squared; 2 admits a radius off by a factor of 1.41
DIFFUSIVITY_SPREAD_MARGIN = 2.0


def measured_diffusivity_spread(material):
    """(the ratio of the highest to the lowest Li diffusivity the paper measured for ``material``, its source), read
    from its Table S5 row (with Fig. S1's PITT values for Mo6S8); None for a material the table does not list
    (Li4Ti5O12, S8, a user's own)."""
    table = load_paper_table("tableS5_li_diffusion").set_index("material")
    if material not in table.index:
        return None
    measured = [float(table.loc[material, "D_lower_cm2_per_s"]), float(table.loc[material, "D_upper_cm2_per_s"])]
    source = "Table S5"
    if material in _MORE_DIFFUSIVITIES:
        name, column, label = _MORE_DIFFUSIVITIES[material]
        measured += [float(d) for d in load_paper_table(name)[column]]
        source += f" and {label}"
    return max(measured) / min(measured), f"{material} {min(measured):g} to {max(measured):g} cm2/s, {source}"


def own_material_diffusivity_spreads():
    """Material -> :func:`measured_diffusivity_spread` for each shipped set's host
    (:data:`~pybamm_aea.parameters.SET_FACTS`: the material whose D the cathode's D factor multiplies) with a
    measurement, all read from the paper's tables."""
    from .parameters import SET_FACTS  # (the sets import the fit's module's neighbours)
    hosts = sorted({facts.host for facts in SET_FACTS.values()})
    return {host: spread for host in hosts if (spread := measured_diffusivity_spread(host)) is not None}


def _set_material(parameter_set):
    """(the material whose D a set's D factor multiplies, how the set is said) for ``parameter_set``: a registered
    set's name (its host, :func:`~pybamm_aea.parameters.facts`, which refuses a misspelt ``"AEA_<material>"`` set
    with :func:`pybamm_aea.materials.get_material`'s did-you-mean) or an :class:`~pybamm_aea.materials.AEAMaterial`
    (itself); ValueError naming anything else and the way out."""
    from .materials import AEAMaterial
    from .parameters import facts
    if isinstance(parameter_set, str):
        try:
            host = facts(parameter_set).host
        except KeyError as exc:
            raise ValueError(f"check_fit_bounds: parameter_set={parameter_set!r} is no parameter set: "
                             f"{exc.args[0]}; give a set's name, an AEAMaterial, or None (the widest shipped set's "
                             "bounds)") from None
        return host, f"{parameter_set}'s host {host}"
    if isinstance(parameter_set, AEAMaterial):
        return parameter_set.name, f"the material {parameter_set.name}"
    name = getattr(parameter_set, "name", None)
    shown = f"<{type(parameter_set).__name__} {name!r}>" if isinstance(name, str) else reprlib.repr(parameter_set)
    raise ValueError(f"check_fit_bounds: parameter_set={shown} is neither a parameter set's name nor an AEAMaterial; "
                     "give a set's name, "
                     + (f"pybamm_aea.materials.get_material({name!r})" if isinstance(name, str) else "an AEAMaterial")
                     + ", or None (the widest shipped set's bounds)")


def _diffusivity_factor_spread(parameter_set=None):
    """(k, why): the factor a fit's D factor is held to, 1/k to k, and its reason: the margin
    (:data:`DIFFUSIVITY_SPREAD_MARGIN`, both ways: a fit of R^2/D also absorbs the particle radius) times the
    measured spread of ``parameter_set``'s own material (:func:`_set_material`) where the paper measured it, else
    (no set given, or its material not measured) the largest spread of a shipped set's host, the fallback said in
    ``why``."""
    if parameter_set is not None:
        material, said = _set_material(parameter_set)
        own = measured_diffusivity_spread(material)
        if own is not None:
            ratio, source = own
            return DIFFUSIVITY_SPREAD_MARGIN * ratio, (
                f"{DIFFUSIVITY_SPREAD_MARGIN:g} x the measured spread of {said} "
                f"({source.removeprefix(material + ' ')})")
        fallback = f"{said} has none"
    else:
        fallback = "no parameter_set= was given"
    spreads = own_material_diffusivity_spreads()
    widest = max(spreads, key=lambda material: spreads[material][0])
    ratio, source = spreads[widest]
    return DIFFUSIVITY_SPREAD_MARGIN * ratio, (
        f"{DIFFUSIVITY_SPREAD_MARGIN:g} x the widest measured spread of a host, {widest} "
        f"({source.removeprefix(widest + ' ')}), as {fallback}")


def measured_spread(name, parameter_set=None):
    """The measured spread a fit's bounds of the factor ``name`` are held to (a :class:`~pybamm_aea.ranges.Range`
    of kind "measured"), beside its physical range (a factor is any number > 0), or None: a forward solve is not
    held to it (a factor of 1e3 as a fast-transport limit is a model study, not a claim about the material). Only
    the cathode's Li diffusivity has measured spreads: the factor multiplies a set's D, which lies inside its own
    material's measurements, so a factor beyond their spread (either way) moves it past every measurement of that
    material. The spread is ``parameter_set``'s own material's (a set's name, its host; or an AEAMaterial) times
    :data:`DIFFUSIVITY_SPREAD_MARGIN` (docs/fitting.rst lists each set's), or where the set is not given or its
    material not measured the widest shipped set's, said in its reason. The
    other factors have no stated spread (the exchange-current densities, conductivities and rate constants: the
    paper gives one value each, Table S4 and the fits of the sets; the product layer's D, a fit of the set,
    D_LI2S_REF; the Li0 film's, an assumption of the sets, 1e-12 cm2/s)."""
    if name != "Cathode Li diffusivity factor":
        return None
    k, why = _diffusivity_factor_spread(parameter_set)
    return Range(1 / k, k, soft_high=True, kind="measured", why=why, low_why=why)


#: :func:`measured_spread` without a set (the widest shipped set's): factor name -> its Range
FIT_SPREADS = {"Cathode Li diffusivity factor": measured_spread("Cathode Li diffusivity factor")}


def _tighter(ends, low):
    """Of (end, open, reason, soft, kind) tuples (end None: unbounded), the one bounding the most tightly: the
    highest low end or the lowest high end, an open end before a closed one at the same value."""
    bounded = [end for end in ends if end[0] is not None]
    if not bounded:
        return None, False, "", False, None
    return max(bounded, key=lambda end: ((end[0] if low else -end[0]), end[1]))


def _fit_ends(name, parameter_set=None):
    """(the physical or measured Range whose fields the fit range keeps, the low end, the high end), each end an
    (end, open, reason, soft, kind) tuple, kind the Range's it comes from ("physical", "measured"); None for a name
    in neither."""
    physical = RANGES.get(name)
    if physical is not None and isinstance(physical.high, str):
        physical = replace(physical, high=None, high_open=False)
    measured = measured_spread(name, parameter_set)
    if physical is None and measured is None:
        return None
    lows, highs = [], []
    for rng in (physical, measured):
        if rng is not None:
            said = "" if rng.kind == "measured" else f"from its {rng.kind} range {rng.describe()}"
            lows.append((rng.low, rng.low_open, ": ".join(filter(None, (said, rng.low_why))), False, rng.kind))
            highs.append((rng.high, rng.high_open, ": ".join(filter(None, (said, rng.why))), rng.soft_high, rng.kind))
    return physical or measured, _tighter(lows, True), _tighter(highs, False)


def fit_range(name, parameter_set=None):
    """The one :class:`~pybamm_aea.ranges.Range` (kind "fit") a fit's bounds and start of ``name`` are held to: on
    each side the narrower of its physical range (:data:`~pybamm_aea.models.checks.RANGES`; an upper end naming
    another parameter left open) and its :func:`measured_spread` for ``parameter_set``, each side's reason
    (:attr:`~pybamm_aea.ranges.Range.low_why`, :attr:`~pybamm_aea.ranges.Range.why`) saying where it comes from.
    None for a name in neither (a user's own parameter)."""
    ends = _fit_ends(name, parameter_set)
    if ends is None:
        return None
    base, (low, low_open, low_why, _, _), (high, high_open, why, soft_high, _) = ends
    return replace(base, low=low, high=high, low_open=low_open, high_open=high_open, why=why, low_why=low_why,
                   kind="fit", soft_high=soft_high)


def _fit_refusal(name, what, value, rng, kinds=(None, None)):
    """The one wording of a fit's bound or start (``what``: "lower bound", "upper bound", "initial value") of
    ``name`` outside its :func:`fit_range` ``rng``, or None inside it: the value, the range, which end it crosses and
    where that end comes from, and the way out. ``value`` None: unbounded (refused on a side the range bounds).
    ``kinds``: the kind of the low and the high end (:func:`_fit_ends`); a measured end is said by its reason alone
    (the margin, the set, its host, the measured range and its source), its way out a set's own D."""
    if value is None:
        side = what.split()[0]
        given = "unbounded"
    elif not math.isfinite(value):
        return f"the fit's {what} of {name!r} is {value!r}: give a finite number inside {rng.describe()}"
    elif rng.contains(value):
        return None
    else:
        below = rng.low is not None and (value < rng.low or (rng.low_open and value == rng.low))
        side = "lower" if below else "upper"
        given = f"{value:g}"
    end, open_end, why = (rng.low, rng.low_open, rng.low_why) if side == "lower" else (rng.high, rng.high_open, rng.why)
    if end is None:
        return None
    kind = kinds[0] if side == "lower" else kinds[1]
    way_out = f"give {'an' if what[0] in 'aeiou' else 'a'} {what} inside it"
    if value is not None and value == end and open_end:
        way_out += " (an open end: the optimiser evaluates the model at its bounds)"
    elif kind == "measured":
        way_out += ", or the set its own D first"
    slip = rng.slip_hint(value) if value is not None else ""
    said = f"{why}{slip}" if kind == "measured" else f"the {side} end {end:g} is {why}{slip}"
    return f"the fit's {what} of {name!r} is {given}, outside its fit range {rng.describe()}: {said}; {way_out}"


def check_fit_bounds(parameters, initial=None, parameter_set=None):
    """Raise ``ValueError`` before a fit starts where a bound or initial value of a fitted parameter is outside its
    :func:`fit_range` (the narrower of its physical range and measured spread), naming the parameter, which bound,
    its value, the range's end it crosses and where that end comes from. ``parameters``: a mapping of each fitted
    parameter's name to its (lower, upper) bounds (None or an infinity: unbounded on that side) or to a
    ``pybop.Parameter`` (its ``bounds`` and ``initial_value`` read); ``initial``: a mapping of names to initial values
    (a ``pybop.Parameter``'s own is checked too); ``parameter_set``: the set fitted (its name, or an
    :class:`~pybamm_aea.materials.AEAMaterial`), whose own material's measured spread holds the D factor
    (:func:`measured_spread`; None, or a material not measured: the widest shipped set's, said so in the error). A
    bound must lie inside the range, an open end excluded (the optimiser evaluates the model at its bounds: L-BFGS-B
    starts its line searches there), and a side the range bounds must be bounded. Names outside the tables pass; a
    range whose upper end is another parameter is checked at its low end only. The one check of a fit's bounds:
    :func:`fit_factors` calls it (session 62: it checked its bounds as log-variables only, so a porosity fitted up to
    1.5 ran), and so does a PyBOP fit (``examples/fit_pybop.py``).

    Why: PyBOP solves with its own solver (``pybop.pybamm.Simulator``'s ``RecommendedSolver``), not the model's
    :class:`~pybamm_aea.models.start_advice.CheckedIDAKLUSolver`, so the solve-time range checks never ran (session
    61: the D factor at 0 gave a finite cost of 3.8e9, at -0.5 IDA errors and an infinite cost, without a word), and
    given the checked solver PyBOP turns its ``ValueError`` into an infinite cost."""
    if parameter_set is not None:
        _set_material(parameter_set)  # (a set not known is refused whatever is fitted)
    initial = dict(initial or {})
    box = {}
    for name, given in parameters.items():
        bounds = getattr(given, "bounds", given)
        if getattr(given, "initial_value", None) is not None:
            initial.setdefault(name, given.initial_value)
        low, high = (None, None) if bounds is None else bounds
        low = None if low is None or _number(name, "lower bound", low) == -math.inf else float(low)
        high = None if high is None or _number(name, "upper bound", high) == math.inf else float(high)
        rng, kinds = fit_range(name, parameter_set), _end_kinds(name, parameter_set)
        if rng is not None:
            for what, bound in (("lower bound", low), ("upper bound", high)):
                said = _fit_refusal(name, what, bound, rng, kinds)
                if said is not None:
                    raise ValueError(said)
        if low is not None and high is not None and low > high:
            raise ValueError(f"the fit's lower bound of {name!r}, {low:g}, is above its upper bound, {high:g}")
        box[name] = (low, high)
    for name, value in initial.items():
        start = _number(name, "initial value", value)
        rng = fit_range(name, parameter_set)
        if rng is not None:
            said = _fit_refusal(name, "initial value", start, rng, _end_kinds(name, parameter_set))
            if said is not None:
                raise ValueError(said)
        low, high = box.get(name, (None, None))
        if math.isfinite(start) and ((low is not None and start < low) or (high is not None and start > high)):
            raise ValueError(f"the fit's initial value of {name!r} is {start:g}, outside its own bounds "
                             f"[{'-inf' if low is None else f'{low:g}'}, {'inf' if high is None else f'{high:g}'}]"
                             ": give a start inside its bounds (an optimiser starts there)")


def _end_kinds(name, parameter_set):
    """(the low end's kind, the high end's) of :func:`fit_range` (:func:`_fit_ends`); (None, None) for a name in
    no table."""
    ends = _fit_ends(name, parameter_set)
    return (None, None) if ends is None else (ends[1][4], ends[2][4])


def _number(name, what, value):
    """``value`` as a float, or ValueError naming the fit's ``what`` of ``name`` that is not a number."""
    refused = number_refusal(value)
    if refused is not None:
        raise ValueError(f"the fit's {what} of {name!r} must be a number, got {value!r} ({refused})")
    return float(value)


def solve_at(sim, t, inputs, names=(), output="Voltage [V]"):
    """``output`` of ``sim`` at the times ``t`` [s] with ``inputs``, and its sensitivities to ``names`` there.

    ``sim`` is a ``pybamm.Simulation`` whose parameter values give ``names`` as ``"[input]"``. Solves once over
    ``[t[0], t[-1]]`` stopping at each of ``t`` (``t_eval=t, t_interp=t``). Returns ``(values, jacobian)``:
    ``values`` of shape ``t.shape``, ``jacobian`` of shape (t.size, len(names)), d output / d input (None when
    ``names`` is empty).
    """
    t = np.asarray(t, dtype=float)
    if not np.all(np.isfinite(t)):
        index = int(np.argmin(np.isfinite(t.ravel())))
        raise ValueError(f"solve_at: the data's times must be finite [s]; got {t.ravel()[index]} at index {index} "
                         "(drop the rows with no time, or a time read as inf, before fitting)")
    if t.ndim != 1 or t.size < 2 or np.any(np.diff(t) <= 0):
        raise ValueError(
            f"solve_at: the data's times must be a 1-D array of at least 2 strictly increasing values [s]; got shape "
            f"{t.shape}" + (f", first non-increasing pair at index {int(np.argmax(np.diff(t) <= 0))}"
                            if t.ndim == 1 and t.size >= 2 else "")
            + " (drop repeated times, e.g. a step's end and the next one's start, before fitting)"
        )
    names = tuple(names)
    sol = sim.solve(t, t_interp=t, inputs=dict(inputs), calculate_sensitivities=bool(names))
    variable = sol[output]
    values = np.asarray(variable.entries, dtype=float)
    if values.shape != t.shape:
        raise ValueError(
            f"solve_at: {output!r} has {values.size} values for {t.size} data times; the solve stopped early "
            f"(at {sol.t[-1]:g} s of {t[-1]:g} s): remove the model's voltage cut-off events before fitting "
            "(model.events = [e for e in model.events if '[V]' not in e.name]) or cut the data where the model stops"
        )
    if not names:
        return values, None
    jacobian = np.column_stack([np.asarray(variable.sensitivities[name], dtype=float).reshape(-1) for name in names])
    return values, jacobian


@dataclass(frozen=True)
class FitQuality:
    """A least-squares fit's readout: residual against noise, standard errors and correlation (J^T J).

    ``standard_errors`` are of the factors (the log-factors' times the factor: the relative error is
    ``standard_errors / values``), from the stated ``noise`` when one was given, else from the residual's own
    variance; ``correlation`` is the p x p matrix of the estimates' correlation.
    """

    names: tuple
    values: np.ndarray
    n_points: int
    rms: float
    noise: float
    noise_stated: bool
    standard_errors: np.ndarray
    correlation: np.ndarray
    chi2_p_value: float
    #: the factors the optimiser left on a bound of their search range (their standard errors mean nothing there)
    at_bound: tuple = ()

    @property
    def rms_over_noise(self):
        """The residual's rms over the noise (about 1 for a right model and the right noise)."""
        return self.rms / self.noise

    @property
    def consistent(self):
        """False when the residual is larger than the stated noise explains (the model misses the data: the
        standard errors do not bound the error); None when no noise was stated (then nothing to test against)."""
        if not self.noise_stated:
            return None
        return bool(self.chi2_p_value > 1 - CONSISTENCY_QUANTILE)

    def summary(self):
        """Lines a modeller reads: each factor with its standard error, the correlations, the residual vs noise."""
        lines = [f"{name}: {value:.4g} +/- {se:.2g} (1 sigma, {100 * se / value:.2g} %)"
                 for name, value, se in zip(self.names, self.values, self.standard_errors)]
        for i in range(len(self.names)):
            for j in range(i + 1, len(self.names)):
                lines.append(f"correlation({self.names[i]}, {self.names[j]}): {self.correlation[i, j]:+.3f}")
        source = "stated" if self.noise_stated else "estimated from the residual"
        lines.append(f"residual rms {self.rms:.3g} over {self.n_points} points, noise {self.noise:.3g} ({source}; "
                     f"the residual's unit): ratio {self.rms_over_noise:.2f}")
        if self.at_bound:
            lines.append(f"AT A BOUND of the search range: {list(self.at_bound)}")
        if self.consistent is False:
            lines.append(f"MODEL DOES NOT FIT THE DATA: the residual is {self.rms_over_noise:.1f} times the noise "
                         f"(chi-square p = {self.chi2_p_value:.1e}); the standard errors above do not bound the error: "
                         "free another factor or check the model's options")
        return "\n".join(lines)


def fit_quality(residual, jacobian, names, values, noise=None, log=True):
    """The readout of a least-squares fit at its optimum (:class:`FitQuality`).

    ``residual`` (n,) model minus data; ``jacobian`` (n, p) of the residual with respect to the fitted variables
    (the log-factors when ``log``, as :func:`fit_factors` fits); ``values`` the fitted factors. ``noise``: the data's
    standard deviation (same unit as the residual); None estimates it from the residual (then nothing is tested).
    """
    residual = np.asarray(residual, dtype=float).reshape(-1)
    jacobian = np.asarray(jacobian, dtype=float)
    values = np.asarray(values, dtype=float).reshape(-1)
    expected = (residual.size, len(names))
    if jacobian.shape == expected[:1] and len(names) == 1:
        jacobian = jacobian.reshape(expected)
    if jacobian.shape != expected:
        raise ValueError(f"fit_quality: a Jacobian of shape {jacobian.shape} for {residual.size} residuals and "
                         f"{len(names)} names; expected {expected} (one row per residual, one column per parameter: "
                         "a transposed one is jacobian.T)")
    n, p = jacobian.shape
    if len(names) != p or values.size != p:
        raise ValueError(f"fit_quality: {len(names)} names and {values.size} values for a Jacobian of {p} columns")
    if n <= p:
        raise ValueError(f"fit_quality: {n} points for {p} parameters; a readout needs more points than parameters")
    if noise is not None and not is_finite_positive(noise):
        raise ValueError(f"fit_quality: noise = {noise!r}{not_a_number(noise)}; give the data's standard deviation (a "
                         "finite number > 0, the residual's unit, e.g. 1e-3 for 1 mV) or None to estimate it from the "
                         "residual")
    ssr = float(residual @ residual)
    sigma = float(noise) if noise is not None else float(np.sqrt(ssr / (n - p)))
    jtj = jacobian.T @ jacobian
    if np.linalg.matrix_rank(jtj) < p:
        raise ValueError(f"fit_quality: J^T J is singular (rank {np.linalg.matrix_rank(jtj)} of {p}): the data do "
                         f"not identify {names} together; fit fewer factors or add a protocol that separates them")
    covariance = sigma ** 2 * np.linalg.inv(jtj)
    sd = np.sqrt(np.diag(covariance))
    correlation = covariance / np.outer(sd, sd)
    standard_errors = sd * values if log else sd
    return FitQuality(
        names=tuple(names), values=values, n_points=n, rms=float(np.sqrt(ssr / n)), noise=sigma,
        noise_stated=noise is not None, standard_errors=standard_errors, correlation=correlation,
        chi2_p_value=float(stats.chi2.sf(ssr / sigma ** 2, n - p)),
    )


@dataclass(frozen=True)
class FitResult:
    """:func:`fit_factors`'s answer: the fitted factors, the readout, SciPy's result and the number of solves."""

    factors: dict
    quality: FitQuality
    scipy_result: object
    solves: int


def fit_factors(sim, t, data, x0, bounds, output="Voltage [V]", noise=None, parameter_set=None):
    """Least squares of ``output`` of ``sim`` against ``data`` at the times ``t``, on the log of the factors ``x0``.

    ``x0``: dict factor name -> start (each an ``"[input]"`` of ``sim``'s parameter values); ``bounds``: (low, high)
    for every factor, or dict name -> (low, high); ``noise``: the data's standard deviation for
    :func:`fit_quality`; ``parameter_set``: the set ``sim`` is of (its name, or an
    :class:`~pybamm_aea.materials.AEAMaterial`), whose own material's measured spread holds the D factor's bounds
    (None: the widest shipped set's). The Jacobian is :func:`solve_at`'s sensitivities (times the factor: log
    variables). The bounds and starts are checked before any solve (:func:`check_fit_bounds`: each parameter's
    :func:`fit_range`, the narrower of its physical range and measured spread), then as log variables (both bounds
    > 0, the start between them).
    """
    names = tuple(x0)
    data = np.asarray(data, dtype=float)
    if data.shape != np.shape(t):
        raise ValueError(f"fit_factors: data of shape {data.shape} for times of shape {np.shape(t)}")
    box = np.array([bounds[name] if isinstance(bounds, dict) else bounds for name in names], dtype=float)
    start = np.array([x0[name] for name in names], dtype=float)
    check_fit_bounds(dict(zip(names, box.tolist())), dict(zip(names, start.tolist())), parameter_set)
    bad = [name for name, (lo, hi), s in zip(names, box, start) if not 0 < lo < s < hi]
    if bad:
        raise ValueError(f"fit_factors: each factor's start must lie inside its bounds, both > 0 (log variables); "
                         f"not so for {bad}: starts {dict(zip(names, start))}, bounds {box.tolist()}")
    cache = {}
    solves = 0

    def evaluate(log_f):
        nonlocal solves
        key = tuple(log_f)
        if key not in cache:
            solves += 1
            factors = np.exp(log_f)
            values, jacobian = solve_at(sim, t, dict(zip(names, factors)), names, output)
            cache.clear()
            cache[key] = (values - data, jacobian * factors)
        return cache[key]

    result = least_squares(lambda log_f: evaluate(log_f)[0], np.log(start), jac=lambda log_f: evaluate(log_f)[1],
                           bounds=(np.log(box[:, 0]), np.log(box[:, 1])), x_scale=1.0)
    fitted = np.exp(result.x)
    quality = fit_quality(result.fun, result.jac, names, fitted, noise=noise, log=True)
    quality = replace(quality, at_bound=tuple(name for name, active in zip(names, result.active_mask) if active))
    return FitResult(dict(zip(names, (float(f) for f in fitted))), quality, result, solves)
