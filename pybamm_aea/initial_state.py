"""Initial state of an AEA cell from a state of charge or an open-circuit voltage.

``pybamm.Simulation(pybamm_aea.AEA(), ...).solve(initial_soc=0.5)`` (or ``"2.1 V"``) calls this
function through :mod:`pybamm_aea.pybamm_adapter.initial_states`, and so does
``pybamm.ParameterValues.set_initial_state`` on an AEA parameter set. It also works on its own::

    values = pybamm_aea.set_initial_state(pybamm.ParameterValues("Li2021_Mo6S8"), 0.5)
    values = pybamm_aea.set_initial_state(values, "2.1 V", direction="discharge")

The state of charge is defined as in PyBaMM, on the open-circuit window between the voltage
cut-offs: SOC 1 is the equilibrium state at which the cathode OCP minus the anode OCP equals
the upper cut-off, SOC 0 the one at the lower cut-off, and in between the cathode's Li (host plus
any dispersed material, in equilibrium with the host at one open-circuit voltage) is
interpolated linearly. The dispersed material counts with the domains in reach of the host
(all of them, or those already activated with ``"dispersed material degradation"``).

This SOC is thermodynamic; the charge a hybrid then delivers is not its share of it. The
shrinking-core sulfur (S8/Li2S at 2.20 V, above the host's 2.05 V plateau) is the first to
lithiate at equilibrium, so an equilibrium SOC 0.5 of S-LMS holds mostly lithiated domains
behind thick Li2S shells, which a discharge cannot take much further: at 0.05C it delivers 0.46
of what SOC 1 delivers (the state is set by z, the path decides what is left to draw).
On the lever-rule host ``direction`` picks the OCP branch and sets the initial hysteresis
state: ``"discharge"`` the lithiation branch, ``"charge"`` the delithiation branch. With ``None``
the state is solved on the OCP at the parameter set's "Initial cathode hysteresis state", as
PyBaMM does; with the model option ``"hysteresis": "none"`` always on the mean of the two
branches, which is the model's OCP then. For Mo6S8 this window is thermodynamic: the ionic
switch stops a real charge near Li1, which is below SOC 1.

With the default ``"host thermodynamics": "multi-phase"`` there is no hysteresis state: the state is
solved on the host's equilibrium OCP, its homogeneous OCP with each two-phase region replaced by
its common tangent (the rest state of a phase-separated host; the spinodal loops are metastable).
The SOC is interpolated in Li content, so that an SOC inside a two-phase region is a mixture on its
plateau: the two binodal phases in lever-rule fractions, one from the separator to the step, the
other from the step to the collector ("Initial cathode separator-side / collector-side phase Li
content", :func:`pybamm_aea.models.submodels.host_phase_field.initial_content`; the average is the
content solved for). A uniform content inside the spinodal never separates (nothing perturbs it):
LMS at SOC 0.9 (x = 0.398) rested at 2.250 V, 50 mV below the 2.30 V plateau, and a charge
returned 5e-7 of the 1.5e-5 A.h in the window. ``direction`` picks which phase sits at the
separator, as the path to the state leaves it: ``"discharge"`` (Li enters at the separator) the
Li-rich phase, ``"charge"`` the Li-poor one; ``None`` the Li-rich one, the state a discharge from the
charged end reaches (the paper's cells are discharged first, from the Li-free host). Where no two-phase
state rests at that Li content (the minority phase a layer thinner than the interface: LMS at SOC 0.9825-0.9925,
:func:`two_phases_at_rest`) the start is one uniform phase, a rest state on any mesh.

The cut-offs must lie in the cell's open-circuit range on its anode, that of the host's free energy
(the equilibrium OCP above, on either host: the lever-rule branches' end terms k_end (1/x - ...) take
the OCP to 1e11 V at the window's ends, a barrier, not states the cell rests in) minus the anode's
OCP. A set's cut-offs are vs Li metal: on Li-In, LMS's 1.8-2.8 V is 2.42-3.42 V vs Li, above the
3.12 V its Li0 lattice gas reaches 1e-15 x_max from empty, so it is refused, naming the Li-In window.
"""
import numbers
import re
import warnings

import numpy as np
import pybamm
from scipy.integrate import cumulative_trapezoid
import scipy.sparse
import scipy.sparse.linalg
from scipy.optimize import brentq
from scipy.spatial import ConvexHull
from scipy.special import expit

from .constants import F, R
from .models.aea import AEAOptions
from .models.checks import CutOffsOfAnotherAnodeWarning, check_value, cut_offs_of_another_anode, of_time
from .parameters import host_molar_mass_as_made
from .ranges import PERCENT, VOLTAGE_VS_LI, Range
from .user_input import as_number, did_you_mean

#: an initial state of charge, a fraction typed in percent said so (:data:`~pybamm_aea.ranges.PERCENT`) from 5 (5 %)
#: on: a value just above 1 (1.5, 1 + round-off) is no percent slip and was said as one ("1.5 % = 0.015") in session 53
_STATE_OF_CHARGE = Range(0.0, 1.0, slip=PERCENT + (0.0, 0.05))

#: initial hysteresis state per direction (h = +1 is the lithiation branch, as in the model)
BRANCH_STATE = {"discharge": 1.0, "charge": -1.0}


def start_temperature_name(options):
    """The parameter giving the cell's temperature at the start: "Initial temperature [K]" on the lumped thermal
    option (``options``: :class:`AEAOptions`; the cell temperature is a state starting there), the ambient one on the
    isothermal model (until session 64 the ambient on both: a lumped TiS2 cell at 298.15 K in 343.15 K air started
    at 2.001778 V for initial_soc="2.0 V")."""
    return "Initial temperature [K]" if options["thermal"] == "lumped" else "Ambient temperature [K]"


class _Evaluator:
    """Scalar parameters and functions of ``values``, with the simulation's input parameters.

    Each function is processed once, with its arguments as input parameters, and then only
    evaluated: the root finding below calls the OCPs hundreds of times.
    """

    def __init__(self, values, inputs, time=0.0):
        self.values, self.inputs, self.time = values, dict(inputs or {}), float(time)
        self._functions = {}

    def __getitem__(self, name):
        value = self.values.get(name)
        if isinstance(value, pybamm.InputParameter) and value.name not in self.inputs:
            raise ValueError(f"{name!r} is the input parameter {value.name!r}: give its value as "
                             f"inputs={{{value.name!r}: ...}}")
        if of_time(value):  # (a cut-off written with pybamm.t, 2.5 + 1e-9 * pybamm.t: at the state's time, as below)
            return float(self.values.process_symbol(value).evaluate(t=self.time, inputs=self.inputs))
        if callable(self.values.get(name)):  # the ambient temperature as a function of (y, z, t): at the state's time
            return self.function(name, **{"Distance across electrode width [m]": 0.0,
                                          "Distance across electrode height [m]": 0.0, "Time [s]": self.time})
        return float(self.values.evaluate(pybamm.Parameter(name), inputs=self.inputs))

    def function(self, name, **arguments):
        processed = self._functions.get(name)
        if processed is None:
            symbol = pybamm.FunctionParameter(name, {key: pybamm.InputParameter(key) for key in arguments})
            processed = self._functions[name] = self.values.process_symbol(symbol)
        return float(processed.evaluate(inputs={**self.inputs, **arguments}))


class _BranchOCP:
    """Lever-rule host: OCP [V] at Li content x on the blend of its branches at hysteresis state h."""

    def __init__(self, values, h, T):
        self.values, self.h, self.T = values, h, T
        self.label = f"hysteresis state {h:g}"

    def __call__(self, x):
        arguments = {"Cathode Li content": x, "Temperature [K]": self.T}
        U_lith = self.values.function("Cathode lithiation OCP [V]", **arguments)
        U_delith = self.values.function("Cathode delithiation OCP [V]", **arguments)
        return (1 + self.h) / 2 * U_lith + (1 - self.h) / 2 * U_delith


class _EquilibriumOCP:
    """Multi-phase host: the equilibrium OCP [V], U_h except across each two-phase region, where
    it is the common tangent (Maxwell's construction: the lower convex hull of the homogeneous
    free energy g(x) = -F int U_h dx, built on a grid of 20,001 points). Its spinodal loops are
    metastable states a rest does not end in; a host without loops (one phase) gives back U_h."""

    GRID = 20001

    def __init__(self, values, T, x_max):
        self.values, self.T, self.x_max = values, T, x_max
        self.label = "equilibrium"
        x = np.linspace(0, x_max, self.GRID)[1:-1]
        U = np.asarray(values.values.process_symbol(pybamm.FunctionParameter(
            "Cathode homogeneous OCP [V]", {"Cathode Li content": pybamm.Vector(x), "Temperature [K]": pybamm.Scalar(T)}
        )).evaluate(inputs=values.inputs)).ravel()
        g = -cumulative_trapezoid(U, x, initial=0.0)
        # the lower hull's vertices (Qhull): the facets whose outward normal points down in g
        hull = ConvexHull(np.column_stack([x, g]))
        lower = sorted({k for simplex, (_, n_g, _) in zip(hull.simplices, hull.equations) if n_g < 0 for k in simplex})
        # two-phase regions: hull edges that skip grid points (with their common-tangent potential)
        self.regions = [(x[a], x[b], -(g[b] - g[a]) / (x[b] - x[a]))
                        for a, b in zip(lower[:-1], lower[1:]) if b - a > 2]

    def region(self, x):
        """The two-phase region (binodal Li contents and plateau [V]) that holds Li content ``x``, or None."""
        for lo, hi, U in self.regions:
            if lo < x < hi:
                return lo, hi, U
        return None

    def __call__(self, x):
        region = self.region(x)
        if region is not None:
            return region[2]
        return self.values.function("Cathode homogeneous OCP [V]",
                                    **{"Cathode Li content": x, "Temperature [K]": self.T})


def _free_energy_ocp(values, T, x_max, fallback):
    """The equilibrium OCP of the host's free energy (:class:`_EquilibriumOCP`), or ``fallback`` for a set that gives
    OCP branches and no free energy (a material's :class:`~pybamm_aea.materials.functions.MissingFreeEnergy`)."""
    from .materials.material import MaterialError

    try:
        return _EquilibriumOCP(values, T, x_max)
    except MaterialError:
        return fallback


def _anode_ocp(values, anode, T):
    if anode == "lithium metal":
        return 0.0
    y = values["Initial Li-In anode Li:In ratio"]
    return values.function("Li-In anode OCP [V]", **{"Li-In anode Li:In ratio": y, "Temperature [K]": T})


def _dispersed_reach(values, degradation):
    """Fraction of the dispersed domains that exchange Li with the host at the start.

    With ``"dispersed material degradation": "activation and contact loss"`` only the domains
    already in contact ("Initial dispersed material accessible fraction") hold or take Li; the
    rest join later, charged. Otherwise all of them: the shrinking core has no accessible-fraction
    parameter (at equilibrium every domain reacts; what a discharge draws of it is kinetics).
    """
    if degradation == "activation and contact loss":
        return values["Initial dispersed material accessible fraction"]
    return 1.0


def _host_capacity_share(values, reach):
    """Share of the host in the cathode's Li capacity (the dispersed domains in reach included)."""
    w_D = values["Dispersed material mass fraction"]
    molar_mass = host_molar_mass_as_made(values["Cathode host molar mass [kg.mol-1]"],
                                         values["Cathode host Li content as made"])
    q_host = (1 - w_D) * F * values["Cathode maximum Li content"] / molar_mass  # per kg as made
    q_D = w_D * values["Dispersed material specific capacity [A.h.kg-1]"] * 3600 * reach
    return q_host / (q_host + q_D)


def _cathode_lithium(values, degradation, ocp, T, x_max):
    """The cathode's Li that the state of charge is linear in (module docstring), as a function of the host's Li
    content x and its dispersed material's lithiation z (None: in equilibrium with the host at x): the host's share of
    the Li capacity in reach times x / x_max, plus the dispersed material's share (its domains in reach) times z."""
    host_share = _host_capacity_share(values, _dispersed_reach(values, degradation))

    def lithium(x, z=None):
        z = _dispersed_lithiation(values, x, ocp, T) if z is None else z
        return host_share * x / x_max + (1 - host_share) * z
    return lithium


def _dispersed_lithiation(values, x, ocp, T):
    """Lithiation of the dispersed material in equilibrium with the host at Li content ``x``."""
    U_host = ocp(x)
    U0 = values.function("Dispersed material standard potential [V]", **{"Temperature [K]": T})
    w = values["Dispersed material ideality factor"]
    a = F * (U0 - U_host) / (w * R * T)
    return float(expit(a))


def _window(x_max):
    """The host's window of Li content [Li per formula unit] a state is solved in: 1e-15 x_max to x_max (1 - 1e-9).

    x_max (1 - 1e-9) is the fullest state a cathode is held at: a lattice-gas or tabulated OCP (LiCoO2,
    NMC532, TiS2, ...) has its end term k_end (1/theta - 1/(1 - theta)) (:mod:`pybamm_aea.materials.functions`),
    which falls to -inf at x_max and comes back from +inf beyond it (LiCoO2 3.508 V at 1.001 x_max, NMC532
    2.919 V), so a bracket across x_max missed a cut-off inside the window or found the pole. A lattice-gas
    end reaches a cut-off only within ~1e-12 Li of empty (the Li0 of Mo6S8 at 3.0 V), hence 1e-15 x_max.
    """
    return 1e-15 * x_max, x_max * (1 - 1e-9)


def _at_full_end(ocp, target, x_max):
    """Whether the cathode OCP ``target`` [V] is the host's full end: within 1e-6 V below ``ocp`` at the end of
    :func:`_window` and reached by ``ocp`` at x_max itself (S-LMS's 1.0 V, the electron-limited Mo6S8 host's
    U_full, which evaluates to 1.0 + 4e-16 V at x_max)."""
    return 0 < ocp(_window(x_max)[1]) - target <= 1e-6 and ocp(x_max) - target <= 1e-12


def _outside_range(values, voltage, ocp, anode, T, x_max):
    """Why an open-circuit voltage ``voltage`` [V] is outside the cell's OCV range on ``anode``, or "" if inside.

    The range is ``ocp`` at the ends of :func:`_window` minus the anode's OCP, and the full end itself
    (:func:`_at_full_end`).
    """
    target = voltage + _anode_ocp(values, anode, T)
    lo, hi = _window(x_max)
    f_lo, f_hi = ocp(lo) - target, ocp(hi) - target
    if f_lo * f_hi <= 0 or _at_full_end(ocp, target, x_max):
        return ""
    return (f"an open-circuit voltage of {voltage!r} V is outside the cell's OCV range "
            f"[{f_hi + voltage:.4g}, {f_lo + voltage:.4g}] V over the cathode's Li content "
            f"[{lo:.3g}, {hi:.10g}] (x_max = {x_max:.6g}; {anode} anode, {ocp.label} OCP)")


def _check_cutoffs(values, range_ocp, anode, T, x_max):
    """Raise if a voltage cut-off [V] lies outside the cell's OCV range on ``anode`` (:func:`_outside_range` on
    ``range_ocp``, the host's free energy's); on Li-In the error names the window to set instead."""
    V_low, V_high = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
    why = "; ".join(filter(None, (_outside_range(values, V, range_ocp, anode, T, x_max) for V in (V_low, V_high))))
    if not why:
        return
    if anode != "Li-In":
        raise ValueError(f"the voltage cut-offs [{V_low:g}, {V_high:g}] V do not fit the cell: {why}")
    from .parameters.paper_cell import li_in_window

    low, high = li_in_window(V_low, V_high)
    raise ValueError(
        f"the voltage cut-offs [{V_low:g}, {V_high:g}] V, the SOC window, do not fit the Li-In cell ({why}): "
        f"a set's window is vs Li metal; on the Li-In anode move them to [{low:g}, {high:g}] V with "
        "values.update(pybamm_aea.parameters.paper_cell.li_in_cut_offs(values)), which also declares them against "
        "Li-In, as AEA({'anode': 'Li-In'}).default_parameter_values does")


def _content_at(values, voltage, ocp, anode, T, x_max):
    """Cathode Li content at which the open-circuit voltage equals ``voltage`` [V], inside :func:`_window`."""
    target = voltage + _anode_ocp(values, anode, T)
    lo, hi = _window(x_max)
    why = _outside_range(values, voltage, ocp, anode, T, x_max)
    if why:
        raise ValueError(why)
    if _at_full_end(ocp, target, x_max):
        # the full host, held 1e-9 x_max inside it (its OCV 2e-7 V above the cut-off; a hold more than 1e-6 V
        # off is refused by _outside_range)
        return hi
    # xtol well below the content a lattice-gas end has at a cut-off (S-LMS at 3.0 V: 1e-12 Li;
    # with xtol 4e-12 it rested at 2.962 V)
    return brentq(lambda x: ocp(x) - target, lo, hi, xtol=1e-16 * x_max)


def set_initial_state(parameter_values, initial_value, direction=None, options=None, inplace=False, inputs=None,
                      time=0.0):
    """Set "Initial cathode Li content" (the average; the two phases of a two-phase state, the hysteresis state)
    from an SOC or a voltage.

    Parameters
    ----------
    parameter_values : pybamm.ParameterValues
        An AEA parameter set (e.g. ``pybamm.ParameterValues("Li2021_S_Mo6S8")``).
    initial_value : float or str
        State of charge in [0, 1], or an open-circuit voltage such as ``"2.1 V"`` [V].
    direction : {"discharge", "charge", None}
        The path the state is reached by: the lever-rule host's OCP branch, the multi-phase host's phase at the
        separator inside a two-phase region (see the module docstring).
    options : dict, optional
        The AEA model's options, checked as ``AEA(options)`` checks them (``pybamm.OptionError`` for an unknown
        name or value); ``"anode"`` (the Li-In plateau shifts the window),
        ``"dispersed material degradation"`` (the domains in reach) and
        ``"hysteresis"`` matter here.
    inplace : bool
        Change ``parameter_values`` itself rather than a copy.
    inputs : dict, optional
        Values of any input parameters (``"[input]"``) among those read here, e.g. a swept
        ``"Ambient temperature [K]"``.
    time : float
        The time [s] of the state (PyBaMM's ``pybamm.t``): 0 for an experiment and a ``t_eval`` from 0; a
        ``solve(t_eval)`` starting later sets its state at its start (``t_eval[0]``, passed by
        :mod:`pybamm_aea.pybamm_adapter.initial_states`). A cut-off or an ambient temperature of the time is read
        there.

    Returns
    -------
    pybamm.ParameterValues

    A voltage cut-off written with PyBaMM's time (``2.5 + 1e-9 * pybamm.t``, which the model's events read at each
    time) is read at ``time``, the time of the state, as the ambient temperature's function is (session 60:
    ``solve(initial_soc=...)`` failed inside PyBaMM, "symbol must evaluate to a constant scalar or array"): the
    window and its fit to the OCV range are the state's, judged there only. PyBaMM's solve calls this before and
    without its times; the package passes the solve's start (until session 63 it was read at t = 0 for a
    ``t_eval`` starting later: ``solve([3600, 7200], initial_soc=1)`` on an upper cut-off 2.8 - 1e-5 t set its state
    at 2.8 V and started past the 2.764 V it is at 3600 s). The cut-off's later values are the events', judged over
    the solve's times (its range, an OCP table's end: :func:`pybamm_aea.models.checks.check_inputs`);
    docs/known_limits.rst.
    """
    initial_value = as_number(initial_value)  # (a 0-d array of a number, as PyBaMM's solution gives: that number)
    if isinstance(initial_value, bool) or not isinstance(initial_value, (str, numbers.Real)):
        raise TypeError(f"initial_value must be a state of charge in [0, 1] or a voltage such as '2.1 V', "
                        f"got {initial_value!r}")
    if direction not in (None, "discharge", "charge"):
        raise ValueError(f"direction must be 'discharge', 'charge' or None, got {direction!r}"
                         + did_you_mean(direction, ("discharge", "charge")))
    # checked as AEA() checks them (pybamm.OptionError naming an unknown option or value), with the model's defaults
    options = AEAOptions(options)
    anode, degradation, host = (
        options[key] for key in ("anode", "dispersed material degradation", "host thermodynamics")
    )
    values = parameter_values if inplace else parameter_values.copy()
    if not isinstance(initial_value, str):  # an SOC: its window is the cut-offs, read as this anode's cell voltages
        said = cut_offs_of_another_anode(values, anode)
        if said is not None:
            warnings.warn(CutOffsOfAnotherAnodeWarning(f"initial_soc {initial_value!r}: {said}"), stacklevel=2)
    evaluator = _Evaluator(values, inputs, time)
    hysteresis, h = _branch_state(evaluator, options, direction)
    temperature = start_temperature_name(options)
    T = evaluator[temperature]
    x_max = evaluator["Cathode maximum Li content"]
    V_low = evaluator["Lower voltage cut-off [V]"]
    V_high = evaluator["Upper voltage cut-off [V]"]
    # the model's own ranges: a nan T failed deep in the OCP's interpolation, a negative one as cut-offs misfit, and
    # swapped cut-offs gave an SOC on the reversed window, silently
    check_value(temperature, T)
    check_value("Lower voltage cut-off [V]", V_low, V_high)
    ocp = _host_ocp(evaluator, options, direction, T, x_max)
    # the window checked on the host's free energy on either host (module docstring), before any state is solved
    _check_cutoffs(evaluator, ocp if host == "multi-phase" else _free_energy_ocp(evaluator, T, x_max, ocp), anode, T,
                   x_max)
    if isinstance(initial_value, str):
        text = initial_value.strip()
        if text.endswith("%"):  # (a percentage is a state of charge, given as a fraction: session 64's trial)
            try:
                percent = float(text[:-1])
            except ValueError:
                percent = None
            if percent is not None:
                raise ValueError(f"initial_value {initial_value!r}: a state of charge is a fraction from 0 to 1, not "
                                 f"a percentage string: write {percent / 100:g}")
        if not text.endswith("V"):
            raise ValueError(f"initial_value {initial_value!r}: a voltage must be written like '2.1 V'")
        try:
            voltage = float(text[:-1])
        except ValueError:
            raise ValueError(f"initial_value {initial_value!r}: a voltage must be written like '2.1 V'"
                             f"{_millivolt_hint(text)}") from None
        if not V_low <= voltage <= V_high:
            raise ValueError(
                f"initial_value {initial_value!r} is outside the voltage cut-offs [{V_low:g}, {V_high:g}] V"
            )
        x0 = _content_at(evaluator, voltage, ocp, anode, T, x_max)
    else:
        soc = float(initial_value)
        if not _STATE_OF_CHARGE.contains(soc):
            raise ValueError(_STATE_OF_CHARGE.refusal("initial_value (state of charge)", soc))

        lithium = _cathode_lithium(evaluator, degradation, ocp, T, x_max)
        # solved for the Li content, not the voltage: on a two-phase plateau one voltage holds a
        # whole range of Li contents
        x_low = _content_at(evaluator, V_low, ocp, anode, T, x_max)
        x_high = _content_at(evaluator, V_high, ocp, anode, T, x_max)
        target = lithium(x_low) + soc * (lithium(x_high) - lithium(x_low))
        # SOC 0 and 1 held 1e-9 V inside the cut-offs: on the cut-off itself the model's own OCV (a few 1e-13 V
        # off this one) started TiS2 at SOC 0 and the lever-rule Mo6S8 at SOC 1 past the cut-off, refused at rest
        x0 = brentq(lambda x: lithium(x) - target, x_high, x_low, xtol=1e-12 * x_max) if 0 < soc < 1 else (
            _content_at(evaluator, V_low + 1e-9, ocp, anode, T, x_max) if soc == 0
            else _content_at(evaluator, V_high - 1e-9, ocp, anode, T, x_max)
        )
    values["Initial cathode Li content"] = x0
    # inside a two-phase region of the multi-phase host: its binodal phases, the Li-rich one at the separator
    # unless the state was reached by charge (module docstring); otherwise one uniform phase (0 and 0)
    region = ocp.region(x0) if host == "multi-phase" else None
    if region is not None and not two_phases_at_rest(evaluator, T, x0, region):
        region = None  # a uniform film: the rest state of the free energy with its gradient energy (module docstring)
    lo, hi = region[:2] if region is not None else (0.0, 0.0)
    values["Initial cathode separator-side phase Li content"] = lo if direction == "charge" else hi
    values["Initial cathode collector-side phase Li content"] = hi if direction == "charge" else lo
    if evaluator["Dispersed material mass fraction"] > 0:
        values["Initial dispersed material lithiation"] = _dispersed_lithiation(evaluator, x0, ocp, T)
    if direction is not None and hysteresis:
        values["Initial cathode hysteresis state"] = h
    return values


#: cells of the uniform grid across the electrode's depth that :func:`two_phases_at_rest` solves the rest state on
#: (200: the 372 nm interface of LMS's Li0/Li1 region over 22 cells of its 3.3 um electrode; near the boundary
#: between two-phase and uniform verdicts, x = 0.068-0.078, the verdict moves with the grid and a Newton solve that
#: does not converge is read as uniform: a review's finding, session 64, left open)
REST_GRID = 200


def two_phases_at_rest(evaluator, T, x0, region, cells=REST_GRID):
    """Whether the multi-phase host rests at mean Li content ``x0`` inside the two-phase ``region`` (binodals lo, hi,
    plateau [V]) in two phases, or as one uniform phase, in its electrode of thickness L.

    The rest states are the stationary states of the host's free energy with its gradient energy kappa at that
    amount of Li: U_h(x) - kappa d2x/dX2 = mu, uniform, with dx/dX = 0 at both faces (the model's equations at zero
    current, :mod:`pybamm_aea.models.submodels.host_phase_field`). A uniform film at x0 outside the spinodal is one,
    at U_h(x0), on any mesh; the two-phase one is solved by Newton's method on a uniform grid of ``cells`` from the
    lever-rule step (the Li-rich phase at the separator; at the collector it is the same film mirrored). The start
    is two-phase where that state exists, the layer a path grows from the separator reaches and keeps (metastable:
    in LMS's 3.33 um film the uniform one has the lower free energy up to x0 ~ 0.16, its excess over the common
    tangent under the interface's 1.93e-3 V per formula unit), and uniform where Newton's method ends uniform or
    does not converge in 30 steps. A minority phase thinner than the interface (LMS's Li0/Li1, ~370 nm wide from
    x = 0.07 to 0.92 on kappa 2.5e-15 V.m2) has no two-phase rest state: LMS rests uniform from SOC 0.9825
    (x0 = 0.0697, at 2.2891 V, 10.9 mV under the 2.30 V plateau) to the binodal at SOC 0.995 (0.0 mV); at 0.98
    (x0 = 0.0797) two-phase at 2.2995 V on the grid. Until session 64 every start inside a region was the step: a
    Li1 layer of 69 nm at SOC 0.99, the step inside the cells next to the separator, started at 1.31 V on 20 cells,
    at -1.8 V at SOC 0.9925 on 40, 2.335-2.487 V at 0.9825-0.985 on 20.
    """
    lo, hi, plateau = region

    def slope_sign(x):  # (the scalar OCP the equilibrium OCP has processed already: no symbol built in the spinodal)
        return np.sign(evaluator.function("Cathode homogeneous OCP [V]", **{"Cathode Li content": x + 1e-7,
                                                                            "Temperature [K]": T})
                       - evaluator.function("Cathode homogeneous OCP [V]", **{"Cathode Li content": x - 1e-7,
                                                                              "Temperature [K]": T}))

    if slope_sign(x0) >= 0:
        return True  # inside the spinodal: a uniform film is no rest state
    U_h_x = pybamm.FunctionParameter("Cathode homogeneous OCP [V]", {"Cathode Li content": pybamm.StateVector(
        slice(0, cells)), "Temperature [K]": pybamm.Scalar(T)})
    U_h_x = evaluator.values.process_symbol(U_h_x)

    def U_h(x):
        return np.asarray(U_h_x.evaluate(y=x, inputs=evaluator.inputs)).ravel()

    from .models.parameters import AEAParameters
    param = AEAParameters()
    L, kappa = (float(evaluator.values.evaluate(symbol, inputs=evaluator.inputs)) for symbol in (param.L_c,
                                                                                              param.kappa_c))
    h = 1.0 / cells
    c = kappa / (L * h) ** 2
    # the lever-rule step, spread over 1 % of the depth (Newton's method from the sharp step overshoots to x < 0)
    xi = (np.arange(cells) + 0.5) * h
    x = lo + (hi - lo) * expit((xi - 1 + (x0 - lo) / (hi - lo)) / 0.01)
    x += x0 - x.mean()
    mu = plateau
    # the Laplacian with dx/dX = 0 at both faces, bordered by -1 (mu) and the mean's row: a sparse Newton matrix
    laplacian = scipy.sparse.diags([1.0, -2.0, 1.0], [-1, 0, 1], shape=(cells, cells), format="lil")
    laplacian[0, 0] = laplacian[-1, -1] = -1.0
    laplacian = laplacian.tocsr()
    border = scipy.sparse.csr_matrix(np.full((cells, 1), -1.0)), scipy.sparse.csr_matrix(np.full((1, cells), h))
    for _ in range(30):
        residual = np.r_[U_h(x) + c * laplacian @ x - mu, x.mean() - x0]
        if np.abs(residual).max() < 1e-12:
            break
        step = np.minimum(1e-7, x / 2)
        slope = scipy.sparse.diags((U_h(x + step) - U_h(x - step)) / (2 * step))
        jacobian = scipy.sparse.bmat([[slope + c * laplacian, border[0]], [border[1], None]], format="csc")
        delta = scipy.sparse.linalg.spsolve(jacobian, -residual)
        scale = 1.0
        while np.any(x + scale * delta[:cells] <= 0):
            scale /= 2
        x, mu = x + scale * delta[:cells], mu + scale * delta[cells]
    else:
        return False
    return x.max() - x.min() > 1e-3 * (hi - lo)  # not ended in the uniform film


def _millivolt_hint(text):
    """The end of the error refusing the initial voltage ``text`` written in mV ("2300 mV", which PyBaMM's
    ``initial_soc`` does not read either): "; 2300 mV in V: '2.3 V'" (:data:`~pybamm_aea.ranges.VOLTAGE_VS_LI`'s
    slip, mV); else "" (session 53: the error named the form only)."""
    unit, other, per = VOLTAGE_VS_LI.slip[:3]
    try:
        value = float(text[:-len(other)]) if text.endswith(other) else None
    except ValueError:
        value = None
    if value is None:
        return ""
    return f"; {value:g} {other} in {unit}: '{value / per:g} {unit}'"


def _branch_state(evaluator, options, direction):
    """Whether the lever-rule host's hysteresis state counts (``options``: :class:`AEAOptions`; the multi-phase host has
    none: its hysteresis is in its free energy) and the state h its OCP is taken at: ``direction``'s branch
    (:data:`BRANCH_STATE`), or the set's "Initial cathode hysteresis state" with None; 0 (the branches' mean)
    without."""
    hysteresis = options["hysteresis"] == "one-state" and options["host thermodynamics"] == "lever rule"
    if not hysteresis:
        return False, 0.0
    return True, BRANCH_STATE[direction] if direction is not None else evaluator["Initial cathode hysteresis state"]


def _host_ocp(evaluator, options, direction, T, x_max):
    """The host's OCP [V] a state is solved on (module docstring): the multi-phase host's equilibrium OCP, the
    lever-rule host's on the branch :func:`_branch_state` gives for ``direction`` (``options``: :class:`AEAOptions`)."""
    if options["host thermodynamics"] == "multi-phase":
        return _EquilibriumOCP(evaluator, T, x_max)
    return _BranchOCP(evaluator, _branch_state(evaluator, options, direction)[1], T)


class CellAtRest:
    """The cell at rest on ``direction``'s branch ("discharge", "charge": the lever-rule host's; None: as
    :func:`set_initial_state`'s), its parameters and host OCP evaluated once, on first use, and kept for each question
    asked of it (:meth:`open_circuit_voltage`, :meth:`window_state_of_charge`): the two first-step rules of an
    experiment ask both (:func:`pybamm_aea.models.start_advice.first_step_warning`), and the multi-phase host's
    OCP costs 68 ms to build (AEA_LiFePO4's common tangents; a lever-rule set's branches 3 ms)."""

    def __init__(self, parameter_values, direction=None, options=None, inputs=None):
        self.options = AEAOptions(options)
        self.evaluator = _Evaluator(parameter_values, inputs)
        self.direction = direction
        self._ocp = None

    @property
    def ocp(self):
        """The host's OCP [V] as a function of its Li content (:func:`_host_ocp`), built on first use."""
        if self._ocp is None:
            self._ocp = _host_ocp(self.evaluator, self.options, self.direction, *self.window)
        return self._ocp

    @property
    def window(self):
        """(the start temperature [K] (:func:`start_temperature_name`), the cathode's maximum Li content)."""
        return self.evaluator[start_temperature_name(self.options)], self.evaluator["Cathode maximum Li content"]

    def open_circuit_voltage(self, x):
        """:func:`open_circuit_voltage_at` the cathode's Li content ``x``."""
        T, x_max = self.window
        if not 0 < x < x_max:
            raise ValueError(f"a cathode Li content of {x!r} is outside the host's window (0, {x_max:g})")
        return self.ocp(x) - _anode_ocp(self.evaluator, self.options["anode"], T)

    def window_state_of_charge(self, x, z, cut_offs):
        """:func:`window_state_of_charge` of the cathode at Li content ``x``, its dispersed material at ``z``."""
        T, x_max = self.window
        lithium = _cathode_lithium(self.evaluator, self.options["dispersed material degradation"], self.ocp, T, x_max)
        low, high = (lithium(_content_at(self.evaluator, voltage, self.ocp, self.options["anode"], T, x_max))
                     for voltage in cut_offs)
        return (lithium(x, z) - low) / (high - low), low - high


def open_circuit_voltage_at(parameter_values, x, direction=None, options=None, inputs=None):
    """The cell's open-circuit voltage [V] at rest at the cathode's Li content ``x`` [Li per formula unit]: the host's
    OCP :func:`set_initial_state` solves on (the multi-phase host's equilibrium OCP; the lever-rule host's on the
    branch of ``direction``, "discharge" or "charge") less the anode's at its initial state. ``ValueError`` for an
    ``x`` outside the host's window (0, "Cathode maximum Li content")."""
    return CellAtRest(parameter_values, direction, options, inputs).open_circuit_voltage(x)


#: the names a user asks a state of charge by ("State of charge", "State of Charge", "SoC", "SOC [%]"), which the AEA
#: model does not publish (:func:`state_of_charge_name_answer`)
STATE_OF_CHARGE_NAMES = re.compile(r"state[ _-]*of[ _-]*charge|\bsoc\b", re.IGNORECASE)


def state_of_charge_name_answer(name):
    """What to read instead of ``name`` where it asks for a state of charge (:data:`STATE_OF_CHARGE_NAMES`), which the
    model does not publish; None for any other name. Session 64's user trial: "State of Charge", "SoC" and "State of
    charge" gave PyBaMM's KeyError with no suggestion. The SOC ``initial_soc`` sets is its window's (this module's
    docstring): a solved state's is :func:`window_state_of_charge` of its Li contents."""
    if not isinstance(name, str) or not STATE_OF_CHARGE_NAMES.search(name):
        return None
    return (f"'{name}': the AEA model publishes no state of charge. initial_soc's is the cell's place at rest in the "
            "window between its voltage cut-offs (0 at the lower, 1 at the upper, linear in the cathode's Li): a "
            "solved state's is pybamm_aea.initial_state.window_state_of_charge(values, x, z, (lower, upper), "
            "direction), x its \"Average cathode Li content\" (z a hybrid's dispersed lithiation, else None); the "
            "charge moved is \"Discharge capacity [A.h]\"")


def window_state_of_charge(parameter_values, x, z, cut_offs, direction, options=None, inputs=None):
    """Where a cathode at Li content ``x`` [Li per formula unit], its dispersed material at lithiation ``z`` (None:
    none held, or in equilibrium with the host), sits at rest in the window between the cell voltages ``cut_offs``
    (lower, upper) [V]: (its state of charge there as :func:`set_initial_state` defines it on that window, 0 at the
    lower and 1 at the upper cut-off, linear in the cathode's Li, below 0 or above 1 past them; the window's Li, a
    fraction of the cathode's Li capacity in reach). On the OCP of ``direction``'s branch ("discharge", "charge":
    the lever-rule host's, as a step that way runs). ``ValueError`` for a cut-off outside the cell's OCV range."""
    return CellAtRest(parameter_values, direction, options, inputs).window_state_of_charge(x, z, cut_offs)
