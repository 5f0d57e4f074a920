"""A physical range of a value (:class:`Range`: its bounds, the reason for them, the unit slip its error names), and
the cathode's loading range (:data:`CATHODE_LOADING`), read by every entry point that takes a loading
(:func:`check_loading_mg_cm2`). Without PyBaMM, so that the energy model (:mod:`pybamm_aea.energy`) checks a loading
without importing it. The model's table of ranges is :data:`pybamm_aea.models.checks.RANGES`."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
import math
import numbers

import numpy as np
from scipy.constants import atm

from .constants import F, M_LI, MAX_VOLTAGE_VS_LI
from .user_input import number_refusal

__all__ = ["Range", "CATHODE_LOADING", "THINNEST_CATHODE_UM", "CATHODE_THICKNESS_UM", "check_loading_mg_cm2",
           "check_thickness_um", "PERCENT", "FRACTION", "FRACTION_BELOW_ONE",
           "STACK_PRESSURE", "FABRICATION_PRESSURE", "SEPARATOR_THICKNESS_UM", "SEPARATOR_THICKNESS_M",
           "COLLECTOR_THICKNESS_UM", "LOADING_MG_CM2", "PACKAGING_UM", "PACKAGING_MG_CM2",
           "composition_percent_hint", "VOLTAGE_VS_LI", "voltage_hint", "NON_NEGATIVE", "POSITIVE",
           "UTILISATION", "VOLTAGE_ABOVE_ZERO", "ATMOSPHERE_MPA", "LEAST_PRESSED_MPA", "DENSITY_G_CM3",
           "LEAST_ACTIVATION_ENERGY_KJ", "ACTIVATION_ENERGY_KJ", "ACTIVATION_ENERGY_J", "MOLAR_MASS_G_MOL",
           "SOLID_DENSITY_KG_M3", "MOLAR_MASS_KG_MOL", "slip_reading", "slip_question"]


def slip_reading(value, slip):
    """``value`` typed in ``slip``'s other unit, said in its own (:attr:`Range.slip`'s format: (the unit, the other,
    how many of the other make one of the unit[, the other's zero in the unit, ...]): 70 for ("K", "degrees C", 1.0,
    273.15) is 343.15; 1.1775 for ("g", "mg", 1e3) is 0.0011775."""
    return value / slip[2] + (slip[3] if len(slip) > 3 else 0.0)


def slip_question(value, *slips, readable=None):
    """The one wording of a unit slip: ``value`` (a number as given, in each slip's own unit ``slips[i][0]``) read in
    each of ``slips``' other units (:attr:`Range.slip`'s format), the unit guessed and the value it would be
    (:func:`slip_reading`): "did you give mg? 1.1775 mg = 0.0011775 g"; "did you give kPa or Pa? 360000 kPa = 360 MPa,
    360000 Pa = 0.36 MPa". ``readable``: ``(x, sep) -> str``, a reading's words in a readable unit
    (:meth:`Range.slip_hint`'s "3e-06 m = 3 um"), or None. Which readings are slips is the caller's rule
    (:meth:`Range.slip_readings` for a range's; a capacity termination's mA.h, :mod:`pybamm_aea.models.step_checks`;
    a capacity in A.h/g, :func:`pybamm_aea.energy.materials.check_typed_capacity`); the words are this one's."""
    v = float(value)
    unit = f" {slips[0][0]}" if slips[0][0] else ""  # (a fraction has no unit: "did you give %? 11 % = 0.11")
    readings = [f"{v:.10g} {slip[1]} = {slip_reading(v, slip):.10g}{unit}"
                f"{readable(slip_reading(v, slip), ' = ') if readable else ''}" for slip in slips]
    return f"did you give {' or '.join(slip[1] for slip in slips)}? {', '.join(readings)}"


#: One standard atmosphere [MPa] (101325 Pa, scipy.constants.atm): a stack pressure at or below it is a cell held
#: unpressed, at ambient (0.1 MPa, 1 bar), never a unit slip: neither Pa (:data:`STACK_PRESSURE`'s slip) nor GPa
#: (:func:`pybamm_aea.energy.compaction._gpa_hint`), both by :meth:`Range.implausible` (session 55: the Pa rule's
#: own 0.1 MPa, compared with "<", and the GPa rule's atmosphere, with "<=", were two constants for this one idea)
ATMOSPHERE_MPA = atm / 1e6
#: the least stack pressure [MPa] that is a pressed cell's: the float just above :data:`ATMOSPHERE_MPA` (1 atm itself
#: is an unpressed cell's), the fifth of :data:`STACK_PRESSURE`'s slip
LEAST_PRESSED_MPA = math.nextafter(ATMOSPHERE_MPA, math.inf)


@dataclass(frozen=True)
class Range:
    """Allowed values ``low .. high`` (None: unbounded); ``high`` may name another parameter (e.g. a maximum
    content). ``why``: the physical reason or source, shown in the error. ``only``: the values allowed, if the
    parameter is a switch (e.g. ``(0.0, 1.0)``), which then must also lie within ``low .. high``. ``if_missing``:
    for a parameter the model reads since a later session than a user's complete set may have been written in, what
    to set it to, shown when a set lacks it (:func:`missing_parameter_error`); no value is assumed for it.
    ``slip``: (the parameter's unit, a unit its values are often typed in by mistake, how many of that unit make one
    of the parameter's[, that unit's zero in the parameter's unit]), e.g. ``("kg/m2", "mg/cm2", 100.0)`` or ``("K",
    "degrees C", 1.0, 273.15)``, ``("", "%", 100.0)`` for a fraction (no unit) typed in percent, ``("MPa", "Pa", 1e6,
    0.0, LEAST_PRESSED_MPA)``: a value outside the range that would be in it read in that unit is said so
    (:meth:`slip_hint`); the optional fifth, the least plausible reading (in the parameter's unit): one below it gets no
    hint (:meth:`implausible`; 1500 read as Pa is 0.0015 MPa, no stack pressure). Further slips: ``more_slips``.
    ``kind``: what the
    range is, said in the error ("physical"; "modelled" for a bound of the model's own, not the material's).
    ``low_slip``: as ``slip``, for a value below the range (a loading in mg/cm2 typed in kg/m2, ``("mg/cm2", "kg/m2",
    0.01)``; a thickness in um typed in m). ``also``: values taken outside ``low .. high`` (an activation energy's 0,
    no temperature dependence, below its least non-zero value). ``more_slips``: further slips (each as ``slip``) a
    value above the range is read in after ``slip``; every reading that fits is said, "did you give kPa or Pa?
    360000 kPa = 360 MPa, 360000 Pa = 0.36 MPa" (session 60: 360000 typed in kPa, the paper's 360 MPa, was asked only
    "did you give Pa?", whose 0.36 MPa is no pressing). ``low_why``: the reason for ``low``, shown below it (``why``
    is shown above ``high``; most ranges' ``why`` is about their upper bound). ``soft_high``: ``high`` is a choice
    (twice the largest known), not a physical limit, so a value within 2x above it is said likelier meant as typed
    than a unit slip (0.003 m, a 3 mm separator pellet, before its 3 um read in mm); a porosity of 1.2 is not."""

    low: float | None = None
    high: float | str | None = None
    low_open: bool = False
    high_open: bool = False
    why: str = ""
    only: tuple = ()
    if_missing: str = ""
    slip: tuple = ()
    kind: str = "physical"
    low_slip: tuple = ()
    also: tuple = ()
    more_slips: tuple = ()
    low_why: str = ""
    soft_high: bool = False

    def __post_init__(self):
        """A list given as a field (``slip``, ``only``, ``low_slip``, ``also``; JSON's) kept as a tuple: the range is
        hashable, a key of what is built on :data:`~pybamm_aea.models.checks.RANGES` (``slip=[...]`` raised
        ``TypeError: unhashable type: 'list'`` from every parameter check and sweep until session 53)."""
        for field in fields(self):
            if isinstance(getattr(self, field.name), list):
                object.__setattr__(self, field.name, tuple(getattr(self, field.name)))
        if any(isinstance(slip, list) for slip in self.more_slips):  # (JSON's lists of lists)
            object.__setattr__(self, "more_slips", tuple(tuple(slip) for slip in self.more_slips))

    def to_json(self):
        """The range as a JSON-native dict (its fields; tuples as lists)."""
        return {name: list(value) if isinstance(value, tuple) else value for name, value in asdict(self).items()}

    @classmethod
    def from_json(cls, fields):
        """The range :meth:`to_json` gave (its lists tuples again, :meth:`__post_init__`)."""
        return cls(**fields)

    def slip_readings(self, value, bounded=None):
        """The unit slips (each as :attr:`slip`) that explain ``value`` outside the range (with a numeric ``high``):
        those of :attr:`slip` and :attr:`more_slips` (:attr:`low_slip` for a value below the range) whose reading of
        it (:func:`slip_reading`) is inside the range and plausible (:meth:`implausible`); [] for a value inside the
        range or at its own (open) bound (a porosity of 1 is not 1 %). The rule of :meth:`slip_hint`, and of a caller
        with its own words around :func:`slip_question` (:func:`pybamm_aea.readout.given_mass`). ``bounded``: the
        value the range bounds, if derived from ``value`` in proportion (a composite's electrode loading from its
        active loading; a given mass over the solution's); ``value`` if None."""
        if number_refusal(value) is not None:
            return []
        b = float(value) if bounded is None else float(bounded)
        below = self.low is not None and b < self.low  # (a value below the range: its own slip, :attr:`low_slip`)
        slips = (self.low_slip,) if below and self.low_slip else (self.slip,) + self.more_slips
        if not slips[0] or isinstance(self.high, str):
            return []
        if self.contains(b) or b in (self.low, self.high):  # the range's own (open) bound typed, no slip: a porosity
            return []  # of 1 is not 1 %
        readings = [(slip, slip_reading(b, slip)) for slip in slips]
        # (a reading outside the range, or in it but of no plausible value: no slip)
        return [slip for slip, r in readings if self.contains(r) and not self.implausible(r, slip)]

    def slip_hint(self, value, bounded=None):
        """The end of an error refusing ``value`` when it is outside the range (with a numeric ``high``) and inside it
        read in :attr:`slip`'s unit (13.91 meant as mg/cm2 given as kg/m2): " (13.91 kg/m2 = 1391 mg/cm2); did you
        give mg/cm2? 13.91 mg/cm2 = 0.1391 kg/m2" (70 meant as degrees C given as K: "... did you give degrees C? 70
        degrees C = 343.15 K"); else "". The slips are :meth:`slip_readings`' (``bounded`` as there), the question
        :func:`slip_question`'s."""
        fit = self.slip_readings(value, bounded)
        if not fit:
            return ""
        v = float(value)
        unit = f" {fit[0][0]}" if fit[0][0] else ""  # (a fraction has no unit: " (11 = 1100 %); did you give %? ...")
        converted = [f for f in fit if " with " in f[1]]  # (a conversion slip: the number right, its factor not)
        fit = [f for f in fit if f not in converted]
        said = " = ".join(f"{(v - (f[3] if len(f) > 3 else 0.0)) * f[2]:.10g} {f[1]}" for f in fit) or self._readable(v)
        if self.soft_high and self.high < v < 2 * self.high:  # (just above a chosen bound: likelier meant as typed)
            said += f", {v / self.high:.2g} times its highest: likelier a value above it than a unit slip"
        asked = [slip_question(v, *fit, readable=self._readable)] if fit else []
        asked += [f"did you convert {other}? {1 / per:.10g} times it, {v / per:.10g}{unit}"
                  f"{self._readable(v / per, ' = ')}" for _, other, per, *_ in converted]
        return f" ({v:.10g}{unit}{' = ' + said if said else ''}); {'; '.join(asked)}"

    def _readable(self, x, sep=""):
        """``x`` (in the parameter's unit) said in a unit of the range's slips when its own number is unreadable
        (below 1e-3: "3e-06 m" as "3 um", "6.24e-07 m" as "0.624 um"; a unit of a decimal prefix), after ``sep``; ""
        otherwise."""
        if x == 0 or abs(x) >= 1e-3:
            return ""
        units = [slip for slip in (self.slip, *self.more_slips, self.low_slip)
                 if slip and len(slip) == 3 and " " not in slip[1] and math.log10(slip[2]).is_integer()]
        for least in (1.0, 0.1):  # (624 um before 0.624 mm)
            for _, other, per in units:
                if least <= abs(x * per) < 1000:
                    return f"{sep}{x * per:.10g} {other}"
        return ""

    def implausible(self, reading, slip=None):
        """Whether ``reading`` (in the parameter's unit) is below the fifth of ``slip`` (:attr:`slip` if None), the
        least plausible reading (5 % of a fraction, 10 mV of a voltage, :data:`LEAST_PRESSED_MPA` of a stack pressure:
        one atmosphere is an unpressed cell's); False for a slip without one. (Session 55 made it "at or below the
        greatest implausible reading" for a while, which silenced the hint at exactly 5 %: review R29.)"""
        slip = self.slip if slip is None else slip
        return len(slip) > 4 and reading < slip[4]

    def refusal(self, name, value, shown=None):
        """The error refusing the number ``value``, given as ``name``, outside the range (numeric bounds): "--pressure
        must be <= 1000, got 5000 (at most 1000 MPa, ...)" above it, with :attr:`why` and the unit slip
        (:meth:`slip_hint`); "... must be >= 0, got -1" below it, with :attr:`low_why` if given ("... must be >= 1,
        got 0.5 (at least 1 um, ...)": a separator's below its 1 um gave no reason until session 61); "... must be
        finite, got nan". ``shown``: the value
        as the user typed it (the command line's text), else ``value`` to 10 digits, or all its digits where those are a
        bound's. A value the bounds do not refuse (a switch's not among :attr:`only`) is said with the whole range,
        "... must be in {0, 1}, got 0.5". The words of the command line's bounded numbers and of the Python API's
        stack pressure (:func:`pybamm_aea.energy.porosity`)."""
        v = float(value)
        if shown is None:
            shown = f"{v:.10g}"
            if float(shown) != v and float(shown) in (self.low, self.high):  # (1000.0000000000001 not said as 1000)
                shown = repr(v)
        if not math.isfinite(v):
            return f"{name} must be finite, got {shown}"
        why = f" ({self.why})" if self.why else ""
        if self.low is not None and (v < self.low or (self.low_open and v == self.low)):
            if self.also:  # (0.3 for an activation energy of 0.3 eV: "must be 0 or >= 2, got 0.3 (why) ...")
                return (f"{name} must be {' or '.join(f'{a:g}' for a in self.also)} or "
                        f"{'>' if self.low_open else '>='} {self.low:g}, got {shown}{why}" + self.slip_hint(v))
            low_why = f" ({self.low_why})" if self.low_why else ""
            return (f"{name} must be {'>' if self.low_open else '>='} {self.low:g}, got {shown}{low_why}"
                    + self.slip_hint(v))
        if isinstance(self.high, (int, float)) and (v > self.high or (self.high_open and v == self.high)):
            below = "<" if self.high_open else "<="
            return f"{name} must be {below} {self.high:g}, got {shown}{why}{self.slip_hint(v)}"
        # (a switch's value not among :attr:`only`, a bound naming another parameter, or a value inside the range:
        # the range said whole; "must be <= None" raised TypeError from a format until session 54)
        return f"{name} must be in {self.describe()}, got {shown}{why}"

    def describe(self, bound_value=None):
        if self.only:
            return "{" + ", ".join(f"{v:g}" for v in self.only) + "}"
        lo = "-inf" if self.low is None else f"{self.low:g}"
        if isinstance(self.high, str):
            hi = f"{self.high!r}" + ("" if bound_value is None else f" = {bound_value:g}")
        else:
            hi = "inf" if self.high is None else f"{self.high:g}"
        left = "(" if self.low_open or self.low is None else "["
        right = ")" if self.high_open or self.high is None else "]"
        also = "".join(f"{{{a:g}}} or " for a in self.also)
        return f"{also}{left}{lo}, {hi}{right}"

    def outside(self, values, bound_value=None):
        """The mask (a numpy array of bools, the shape of ``values``) of the numbers ``values`` outside the range:
        a NaN or infinite value, or one beyond a bound, open or closed. A ``high`` naming another parameter is
        ``bound_value`` (None: unbounded above). The one statement of the range's rules; :meth:`contains` is it
        for one value."""
        values = np.asarray(values, dtype=float)
        high = bound_value if isinstance(self.high, str) else self.high
        with np.errstate(invalid="ignore"):  # (NaN compares False: refused as not finite)
            bad = ~np.isfinite(values)
            if self.low is not None:
                bad |= values <= self.low if self.low_open else values < self.low
            if high is not None:
                bad |= values >= high if self.high_open else values > high
            if self.only:
                bad |= ~np.isin(values, self.only)
            if self.also:
                bad &= ~np.isin(values, self.also)
        return bad

    def contains(self, value, bound_value=None):
        """True if the real number ``value`` (not a bool) is inside the range (:meth:`outside`; a bound given as an
        array, an input's value, is taken as there)."""
        if not isinstance(value, numbers.Real) or isinstance(value, bool):
            return False
        return not bool(np.any(self.outside(float(value), bound_value)))


#: a size, mass or amount that cannot be negative (a thickness, a loading, a capacity, an N/P ratio) and one that must
#: be above zero (a density, a molar mass, a mass a quantity is divided by): the energy model's bounds of such values,
#: refused in :meth:`Range.refusal`'s words ("thickness_um must be >= 0, got -1")
NON_NEGATIVE = Range(0.0)
POSITIVE = Range(0.0, low_open=True)
#: the least non-zero activation energy [kJ/mol] of a thermally activated property (Li diffusion, a conductivity, Li
#: trapping): RT at 25 C is 2.48 kJ/mol, and the least Li hop this package cites is 0.22 eV, 21 kJ/mol (bulk LGPS,
#: citations.KUHN2013; Li hops in solids cost ~0.1-1 eV, 10-100 kJ/mol). An activation energy given in eV where kJ/mol
#: or J/mol are asked (0.3 for 28.9 kJ/mol, the paper's quoting unit) lies below it and is said so (session 55: it was
#: taken as 0.3 kJ/mol, a 70 C screen then giving 31 Wh/kg for 140); 0 stays: no temperature dependence
LEAST_ACTIVATION_ENERGY_KJ = 2.0
_ACTIVATION_WHY = (f"0, no temperature dependence, or a thermally activated one of at least "
                   f"{LEAST_ACTIVATION_ENERGY_KJ:g} kJ/mol (RT at 25 C is 2.48 kJ/mol); Li hops in solids cost "
                   "0.1-1 eV (10-100 kJ/mol): 300 kJ/mol is 3.1 eV")
#: a material's activation energy [kJ/mol] (:class:`pybamm_aea.materials.TransportProperty`) and the model's [J/mol]
#: ("Li trapping activation energy [J.mol-1]", :data:`pybamm_aea.models.checks.RANGES`)
ACTIVATION_ENERGY_KJ = Range(LEAST_ACTIVATION_ENERGY_KJ, 300.0, also=(0.0,), why=_ACTIVATION_WHY,
                             low_slip=("kJ/mol", "eV", 1e3 / F), slip=("kJ/mol", "J/mol", 1000.0))
ACTIVATION_ENERGY_J = Range(LEAST_ACTIVATION_ENERGY_KJ * 1e3, 300e3, also=(0.0,), why=_ACTIVATION_WHY,
                            low_slip=("J/mol", "eV", 1.0 / F))
#: a material's true density [g/cm3], for both material records (:class:`pybamm_aea.materials.AEAMaterial`,
#: :class:`pybamm_aea.energy.Material`: the latter took any positive value until session 55, a density of 3500 typed
#: in kg/m3 giving 1,027,950 Wh/L). Li metal, 0.534 g/cm3, is the lightest electrode solid; 15 bounds any battery
#: material (the densest element, osmium, is 22.6). One typed in kg/m3 (3500 for 3.5) is said so
DENSITY_G_CM3 = Range(0.5, 15.0, low_open=True, slip=("g/cm3", "kg/m3", 1000.0), why=(
    "Li metal, 0.534 g/cm3, is the lightest electrode solid; the densest element, osmium, is 22.6"))

#: a formula unit's molar mass [g/mol], as an active material's (:data:`pybamm_aea.materials.material.SCALAR_FIELDS`);
#: the model's parameters give it and the density (:data:`DENSITY_G_CM3`) in kg/mol and kg/m3
#: (:data:`MOLAR_MASS_KG_MOL`, :data:`SOLID_DENSITY_KG_M3`: the same bounds)
MOLAR_MASS_G_MOL = Range(1.0, 5000.0, low_open=True)


def _in_unit(rng, per, slip=(), low_slip=()):
    """``rng`` with its bounds in a unit ``per`` times smaller (g/cm3 -> kg/m3: 1000; kg/m2 -> mg/cm2: 100), a value
    typed in another unit said so by ``slip`` above the range and ``low_slip`` below it (:attr:`Range.slip`,
    :attr:`Range.low_slip`; ``rng``'s own, in its unit, dropped). The one restating of a range in another unit."""
    return replace(rng, low=rng.low * per, high=rng.high * per, slip=slip, low_slip=low_slip)


#: "Cathode host density [kg.m-3]" and the model's other densities: a density typed in g/cm3 (3.5 for 3500 kg/m3) ran
#: silently, a 4.77 mm cathode whose 0.1C discharge ended at 397 s with 1e-2 % of its capacity (until session 55)
SOLID_DENSITY_KG_M3 = _in_unit(DENSITY_G_CM3, 1000.0, ("kg/m3", "g/cm3", 1e-3))
#: "Cathode host molar mass [kg.mol-1]": one typed in g/mol (178.7) was warned about only as a capacity 1e+03 times
#: the cathode's (NominalCapacityMismatchWarning), not named (until session 55)
MOLAR_MASS_KG_MOL = _in_unit(MOLAR_MASS_G_MOL, 1e-3, ("kg/mol", "g/mol", 1000.0, 0.0, M_LI))  # (no reading below Li's)

#: a fraction typed in percent (11 for the paper's 11 % porosity, 32.5 for its 32.5 wt% S8) is said so, as a
#: temperature in degrees C: it was refused naming the range only. The model's checks
#: (:data:`pybamm_aea.models.checks.RANGES`) and the energy model's (:mod:`pybamm_aea.energy`: a porosity, a
#: composition, a pressure) read these, so both say a slip in the same words (session 50: the energy model's named
#: the range only)
PERCENT = ("", "%", 100.0)
FRACTION = Range(0.0, 1.0, slip=PERCENT)
#: a mass or pore fraction below 1 (1: no host left, or no solid)
FRACTION_BELOW_ONE = Range(0.0, 1.0, high_open=True, slip=PERCENT)
#: a screen's utilisation threshold (``screen(threshold=...)``, ``screen --threshold``): a share of the capacity, above
#: 0 (80 typed for 80 % said so; 1.5, a reading of 1.5 %, is no such slip, as :data:`pybamm_aea.initial_state`'s SOC);
#: the S-C-LGPS cell's accessible sulfur fraction (:func:`pybamm_aea.conventional.s_c_lgps_parameter_values`) too
UTILISATION = Range(0.0, 1.0, low_open=True, slip=PERCENT + (0.0, 0.05))
#: "Stack pressure [MPa]": at most 1000 MPa, a bound of the model, not of the material. The paper's compaction data
#: span 36-360 MPa (Tables S6-S8), its cells are pressed and cycled at 360 MPa, and this package's furthest prediction
#: is at 720 MPa (README, "retention vs stack pressure"). The model's stack-held porosity (Heckel's law,
#: models/submodels/volume.py) falls with the pressure onto the swelling's floor: its void-closure switch turns off
#: only where that porosity is above EPS_FLOOR + 2 EPS_SMOOTH = 0.005 (1e-3 + 2 x 2e-3), which S-LMS passes at
#: ~1100 MPa and the Mo6S8, TiS2 and oxide sets at ~1180 MPa (0.0073 and 0.0098 at 1000 MPa; S-LMS at the floor itself,
#: 1e-3, at ~1530 MPa): 1000 MPa is the round pressure below both. The energy command's --pressure is held to this
#: range, as a sweep's (energy --pressure 5000 printed a porosity of 2.8e-9 and exited 0 until session 52), and so is
#: the Python API's (pybamm_aea.energy.porosity, Electrode.at_pressure: the fitted law alone, with no swelling floor;
#: warned only until session 53, docs/checks.rst), in the same words (:meth:`Range.refusal`). A value typed in Pa
#: (3.6e8 for 360 MPa) ran without a word: the voids closed at once and S-LMS kept +17 % capacity at cycle 40; a reading
#: in Pa at or below :data:`ATMOSPHERE_MPA` (1500 -> 0.0015 MPa) is no stack pressure and gets no hint (session 47;
#: below 0.1 MPa until session 55: 100000 and 101325, one atmosphere, were asked "did you give Pa?")
#: 360000 typed in kPa (360 MPa) is said as kPa and as Pa, the two readings in the range (session 60: Pa only)
_PRESSURE_SLIPS = dict(slip=("MPa", "kPa", 1e3, 0.0, LEAST_PRESSED_MPA),
                       more_slips=(("MPa", "Pa", 1e6, 0.0, LEAST_PRESSED_MPA),))
STACK_PRESSURE = Range(0.0, 1000.0, **_PRESSURE_SLIPS, kind="modelled", why=(
    "at most 1000 MPa, the model's bound, not the material's: above ~1100 MPa its stack-held porosity (S-LMS 0.0073 "
    "at 1000 MPa) comes within 0.005 of the swelling's floor, where its void-closure switch no longer turns off; the "
    "paper's cells are pressed and cycled at 360 MPa"))
#: "Cathode fabrication pressure [MPa]", the pressure the cathode was pressed at, where its as-made porosity
#: ("Cathode porosity") is the compaction law's under load (Tables S6-S8, pybamm_aea.energy.compaction; the model's
#: Heckel law is anchored there, models/submodels/volume.py). Above 0 (a pressed compact) and at most 1000 MPa, the
#: compaction law's bound in this package (:data:`STACK_PRESSURE`: the laws are fitted to 36-360 MPa, and the paper
#: presses at 360 MPa). It was any positive number until session 60: 360000 (360 MPa typed in kPa) ran with only
#: numpy's "overflow encountered in exp" (the stack-held porosity eps0 exp(K (P_fab - P_stack)) at K 0.00378 MPa-1)
FABRICATION_PRESSURE = Range(0.0, 1000.0, low_open=True, **_PRESSURE_SLIPS, kind="modelled", why=(
    "a pressed compact, at most 1000 MPa: the compaction laws (Tables S6-S8, measured at 36-360 MPa) are used up to "
    "there, as the stack pressure's; the paper presses its electrodes at 360 MPa"))

#: a separator layer's thickness [um]: the energy model's (:class:`pybamm_aea.energy.SeparatorLayer`) and, in m, the
#: model's ("Separator layer 1/2 thickness [m]", :data:`SEPARATOR_THICKNESS_M`). At least 1 um, a sputtered LiPON
#: film, the thinnest solid electrolyte separating a cell (thin-film batteries: Bates et al., Solid State Ionics
#: 53-56, 647, 1992, films ~1 um); at most 2000 um, twice the paper's pressed two-layer pellet (Li10GeP2S12 624 um +
#: Li3PS4 341 um, from their masses, parameters/paper_cell.py). A 30 um separator typed in mm (0.03) or nm (30000)
#: was taken without a word until session 60 (1285 and 2.1 Wh/L for 799), as the model's 624 um layer typed as
#: 6.24e-7 m; each is said so
_THINNEST_SEPARATOR = "at least 1 um, a sputtered LiPON film, the thinnest solid electrolyte separating a cell"
SEPARATOR_THICKNESS_UM = Range(1.0, 2000.0, slip=("um", "nm", 1e3), low_slip=("um", "mm", 1e-3), why=(
    f"{_THINNEST_SEPARATOR}; at most 2000 um, twice the paper's pressed Li10GeP2S12 + Li3PS4 pellet (965 um)"),
    low_why=_THINNEST_SEPARATOR, soft_high=True)
#: :data:`SEPARATOR_THICKNESS_UM` in m, the model's "Separator layer 1/2 thickness [m]": their range was [0, the
#: electrode's width] until session 60, so 6.24e-7 m (the paper's 624 um layer 1000x thin) ran; one typed in mm
#: (0.624) or um (624) is said so
SEPARATOR_THICKNESS_M = replace(_in_unit(SEPARATOR_THICKNESS_UM, 1e-6, slip=("m", "mm", 1e3), low_slip=(
    "m", "mm with um's 1e-6 (or um with nm's 1e-9)", 1e-3)),
                                more_slips=(("m", "um", 1e6),), why=SEPARATOR_THICKNESS_UM.why + (
                                    "; in m: 624 um is 0.000624 m"))
#: a current-collector foil's thickness [um] (:class:`pybamm_aea.energy.CurrentCollector`): at least 1 um (rolled Cu
#: and Al collector foils are 4.5-20 um; the README's stacks take 10 um), at most 200 um, a 0.2 mm metal plate (a lab
#: cell's mm-thick steel plungers are its housing, outside the unit stack the energy model counts). A 10 um foil typed
#: in mm (0.01) or a 10 mm plate (10000) was taken until session 60 (6.3 Wh/L for 799)
_THINNEST_COLLECTOR = "at least 1 um (rolled Cu and Al collector foils are 4.5-20 um)"
COLLECTOR_THICKNESS_UM = Range(1.0, 200.0, slip=("um", "nm", 1e3), low_slip=("um", "mm", 1e-3), why=(
    f"{_THINNEST_COLLECTOR}, at most 200 um, a 0.2 mm metal plate; a lab cell's mm-thick plungers are its housing, "
    "outside the unit stack"), low_why=_THINNEST_COLLECTOR, soft_high=True)

#: a cell's packaging per cm^2 of its footprint, the whole cell's (:class:`pybamm_aea.energy.Cell`'s packaging_um and
#: packaging_mg_cm2): at most 2 mm, the two walls of a steel can about 1 mm each (a pouch's Al laminate is about
#: 0.1-0.15 mm a face), and at most that of steel (7.9 g/cm3, the Stainless steel record): 1580 mg/cm2. Bounds of
#: this project's choosing (soft_high). 20 g/cm2 and 150000 um (150 um typed in nm) gave 0.28 Wh/kg until session 64
_PACKAGING_WHY = "at most 2 mm, a steel can's two ~1 mm walls (a pouch's laminate is ~0.1-0.15 mm a face)"
PACKAGING_UM = Range(0.0, 2000.0, slip=("um", "nm", 1e3), why=_PACKAGING_WHY, soft_high=True)
PACKAGING_MG_CM2 = Range(0.0, 1580.0, slip=("mg/cm2", "g/m2", 10.0), more_slips=(("mg/cm2", "ug/cm2", 1e3),),
                         why="at most 2 mm of steel (7.9 g/cm3), a steel can's two ~1 mm walls", soft_high=True)

#: a dense layer as thick as the thickest all-solid-state cathode reported, 600 um (Kato et al. 2018,
#: citations.KATO2018: 115.4 mg/cm2 of LiCoO2 in a composite with the electrolyte), at the density of Mo6S8 or
#: LiCoO2 (5.06, 5.05 g/cm3): 304 mg/cm2, 3 kg/m2 rounded. The paper's electrodes: 1.5 and 13.91 mg/cm2
#: (0.015, 0.1391 kg/m2). Loadings are said in mg/cm2, so a value typed in them is 100x too large here (13.91: a
#: 3.1 mm LMS electrode)
#: The thinnest: :data:`THINNEST_CATHODE_UM`, a layer of the particles such an electrode is pressed from; as a loading
#: at 2 g/cm3, about the lightest solid a set holds (the paper's S8, 1.96 g/cm3), 0.02 mg/cm2, which a thickness at
#: that bound never falls below. A loading typed in kg/m2 where mg/cm2 are asked (the paper's 1.5 mg/cm2 as 0.015: a
#: 33 nm Mo6S8 electrode, 128.2 mA.h/g at 1C) ran without a word until session 52; 0.1391 for 13.91 mg/cm2 (0.3 um
#: of Mo6S8) is a thin film's loading and passes
#: the thinnest electrode [um] the model is for: one layer of the largest domains an AEA set holds (LTO-LMS's
#: Li4Ti5O12, 50 nm radius: parameters/dispersed_materials.py), a few of the paper's 10-30 nm S8 nanodomains across;
#: the paper's thinnest electrode is 3.3 um (1.5 mg/cm2 at 4.5 g/cm3), and sputtered thin-film cathodes of 0.1 um and
#: more are accepted. A thickness typed in m (50 um as 0.00005: a 0.05 nm electrode, 128.2 mA.h/g) is said so
THINNEST_CATHODE_UM = 0.1
_THINNEST_WHY = "one layer of the particles a dense cathode is pressed from"
#: the loading range's ends [kg/m2]: that layer at 2 g/cm3, and the 600 um electrode above
_LIGHTEST_KG_M2 = round(THINNEST_CATHODE_UM * 1e-6 * 2000.0, 12)
_HEAVIEST_KG_M2 = 3.0
CATHODE_LOADING = Range(_LIGHTEST_KG_M2, _HEAVIEST_KG_M2, slip=("kg/m2", "mg/cm2", 100.0), why=(
    f"at most {_HEAVIEST_KG_M2 * 100.0:g} mg/cm2: a dense electrode of about 5 g/cm3 (Mo6S8, LiCoO2) 600 um thick, "
    f"the thickest all-solid-state cathode reported, and at least {_LIGHTEST_KG_M2 * 100.0:g} mg/cm2: "
    f"{THINNEST_CATHODE_UM:g} um ({_THINNEST_WHY}) at 2 g/cm3, the lightest solid's (S8, 1.96 g/cm3)"))
#: a dense cathode's thickness [um] (a sweep's "Cathode thickness [um]", the screen's ``thicknesses``), at least
#: :data:`THINNEST_CATHODE_UM`; the thickest is the loading's (:data:`CATHODE_LOADING`), by the material's density
CATHODE_THICKNESS_UM = Range(THINNEST_CATHODE_UM, low_slip=("um", "m", 1e-6), why=(
    f"at least {THINNEST_CATHODE_UM:g} um, {_THINNEST_WHY}"))

#: :data:`CATHODE_LOADING` in mg/cm2, the unit of the Python API's loading arguments; a value below it is said as
#: given in kg/m2 (0.015 for 1.5 mg/cm2)
LOADING_MG_CM2 = _in_unit(CATHODE_LOADING, CATHODE_LOADING.slip[2],
                          low_slip=("mg/cm2", "kg/m2", 1 / CATHODE_LOADING.slip[2]))
#: the unit slip (:attr:`Range.slip`) the error of :func:`check_loading_mg_cm2` names for an argument in each unit: g/m2
#: for a loading in mg/cm2 (an electrode's coating weight is often quoted in it, 10 g/m2 = 1 mg/cm2), mg for an
#: electrode's mass in g (the paper's 1.3 mg S-LMS electrode given as 1.3 g)
_SLIPS = {"mg/cm2": ("mg/cm2", "g/m2", 10.0), "g": ("g", "mg", 1000.0)}


def check_loading_mg_cm2(name, value, loading=None, unit="mg/cm2", said=None):
    """``value``, the finite number a user gave as the argument ``name`` (in ``unit``), as a float; a ValueError
    naming it unless the cathode's loading it gives [mg/cm2] (``loading``: derived from it, a composite's active
    loading over its active mass fraction, a thickness times the density, a mass over an area; None: ``value``
    itself) is inside :data:`CATHODE_LOADING`. ``said``: what the user gave, when more than ``name = value unit``
    ("mass_g = 0.5 g over area_cm2 = 1 cm2"); the loading it gives is said after it.

    The slip the error names (:data:`_SLIPS`, :meth:`Range.slip_hint`): for an argument in mg/cm2 g/m2, for a mass in
    g mg: a value above the range that is in it read in that unit is said so; for an argument in mg/cm2 below the
    range (thinner than a particle layer, :data:`THINNEST_CATHODE_UM`), kg/m2 (0.015 for 1.5 mg/cm2). A value typed in
    kg/m2 above the least (0.1391 for 13.91 mg/cm2) is inside the range and not caught, as a thin film's would be."""
    v = float(value)
    loading = v if loading is None else float(loading)
    rng = LOADING_MG_CM2
    if rng.contains(loading):
        return v
    said = f"{name} = {v:.10g} {unit}" if said is None else said
    if unit != "mg/cm2" or loading != v:
        said += f" (a cathode of {loading:.6g} mg/cm2)"
    if loading < rng.low:  # (the slip of a value too small: a loading's kg/m2; a thickness is checked as such first)
        hint = rng.slip_hint(v, loading) if unit == "mg/cm2" else ""
    else:
        hint = replace(rng, slip=_SLIPS[unit]).slip_hint(v, loading) if unit in _SLIPS else ""
    raise ValueError(f"{said} is outside a cathode loading's physical range {rng.describe()} mg/cm2 ({rng.why}){hint}")


def check_thickness_um(name, value, said=None):
    """``value``, the finite number a user gave as the cathode thickness ``name`` [um], as a float; a ValueError naming
    it (``said``: what the user gave, else ``name = value um``) when below :data:`CATHODE_THICKNESS_UM`, with the
    slip of a thickness typed in m ("did you give m? 5e-05 m = 50 um"). Its loading is checked as a loading."""
    v = float(value)
    if CATHODE_THICKNESS_UM.contains(v):
        return v
    said = f"{name} = {v:.10g} um" if said is None else said
    rng = CATHODE_THICKNESS_UM
    raise ValueError(f"{said} is outside a cathode thickness's physical range {rng.describe()} um ({rng.why})"
                     f"{rng.slip_hint(v)}")


def composition_percent_hint(fractions):
    """The end of an error refusing mass ``fractions`` (name -> number) that do not sum to 1 when they were typed in
    percent (they sum to 100 within 1e-6): the first fraction above 1 said as the model's checks say one
    (:data:`FRACTION`'s slip), e.g. "; 'Li4Ti5O12' = 40 (40 = 4000 %); did you give %? 40 % = 0.4"; else ""."""
    total = math.fsum(float(v) for v in fractions.values())
    if not abs(total - 100.0) <= 1e-4:
        return ""
    name, value = next(((k, v) for k, v in fractions.items() if float(v) > 1.0), (None, None))
    return "" if name is None else f"; {name!r} = {float(value):g}{FRACTION.slip_hint(float(value))}"


#: a potential vs Li/Li+ or a Li cell's voltage [V], :data:`pybamm_aea.constants.MAX_VOLTAGE_VS_LI` at most (the energy
#: model's material and electrode voltages, ``energy --voltage``). One typed in mV (2050 for 2.05 V) was refused
#: naming the bound only ("must be <= 6"); 10 V and above read in mV is said so: a reading below 10 mV (6-10 V, a
#: mistyped volt more likely than mV) is no electrode's average voltage (session 51)
VOLTAGE_VS_LI = Range(0.0, MAX_VOLTAGE_VS_LI, slip=("V", "mV", 1000.0, 0.0, 0.01), why=(
    "above every Li insertion cathode's potential (the ~5 V spinels and phosphates)"))

#: a voltage that must be above 0 (a cathode's, an electrode's or one material's voltage in the energy model, ``energy
#: --voltage``, a material record's OCP and cut-offs): 0 V gives 0 Wh/kg, no potential of a cathode. The one statement
#: of it (it was built three times until session 54: materials, energy/_common and the command line)
VOLTAGE_ABOVE_ZERO = replace(VOLTAGE_VS_LI, low_open=True)


def voltage_hint(value):
    """The end of an error refusing the voltage ``value`` [V] typed in mV (:data:`VOLTAGE_VS_LI`'s slip): " (2050 V =
    2050000 mV); did you give mV? 2050 mV = 2.05 V"; else ""."""
    return VOLTAGE_VS_LI.slip_hint(value)

