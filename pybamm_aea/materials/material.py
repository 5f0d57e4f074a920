"""What the AEA model needs of an active material, as one documented object, and its JSON form.

An :class:`AEAMaterial` holds the molar mass and densities, the Li window, the OCP, the chemical
diffusivity and both carriers' conductivities (functions of Li content and temperature) and the
cell-level defaults a user of the material expects (voltage window, which way the first step
goes). :meth:`AEAMaterial.parameter_values` turns it into ``pybamm.ParameterValues`` for an AEA
cell on a named cell build (the paper's lab cell by default). :func:`save_material` /
:func:`load_material` round-trip it through JSON (in the spirit of the BPX schema: plain numbers
with their units in the documentation of each field); a missing, unknown or out-of-range field
raises :class:`MaterialError` naming it.

Units (the field's usual ones): g/mol, g/cm3, V, cm2/s, S/cm, kJ/mol, K, A/m2.
"""
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
import json
import math

import numpy as np

from ..constants import F, M_LI, MAH_PER_MOL, R
from ..ranges import ACTIVATION_ENERGY_KJ, DENSITY_G_CM3, FRACTION, MOLAR_MASS_G_MOL, PERCENT, VOLTAGE_ABOVE_ZERO, Range
from ..user_input import as_number, did_you_mean, json_default, not_a_number, number_refusal, zero_d_number
from . import functions as fn

SCHEMA = "pybamm_aea.material/1"

#: activation energy of Li diffusion in the layered oxides LiCoO2 and NMC532 (Li hopping in their Li layers)
#: [kJ.mol-1], the unit of :attr:`TransportProperty.activation_energy`: an assumption, the 30 kJ/mol the paper's
#: Mo6S8 set assumes for its Li hops (:data:`pybamm_aea.parameters.Li2021_Mo6S8.E_A_LI_HOPS`, 30e3 J/mol, a sulfide:
#: another host, so its own constant; LixTiS2's is measured, 0.41 eV), read by both records (:mod:`.licoo2`,
#: :mod:`.nmc532`) and by the Nernst-Einstein ionic conductivity built on their diffusivity. No measurement of these
#: compositions' Li diffusivity against temperature is at hand. PyBaMM's sets are no better source: 18.55 kJ/mol for
#: LiCoO2 (``Marquis2019.lico2_diffusivity_Dualfoil1998``, "taken from Dualfoil", no measurement named) and the same
#: number for NMC532 (``Mohtat2020.NMC_diffusivity_PeymanMPM``, Dualfoil's LiCoO2 value carried over); 25 kJ/mol
#: for NMC811 (``OKane2022``, after Cabanero et al. 2018). The records' reference is 25 C (Table S5's room
#: temperature), so this value moves their 70 C figures: with 18.55 kJ/mol AEA_LiCoO2's first 0.1C discharge at
#: 70 C falls from 116.83 to 99.12 mA.h/g, AEA_NMC532's from 166.27 to 164.24 (measured 2026-12-04, pybammsolvers
#: 0.11.1)
E_A_LI_HOPS_LAYERED_OXIDE_KJ = 30.0
#: Li content as made of a material pressed lithiated (LiFePO4, NMC532; LiCoO2 is made at its OCP table's end), as
#: a fraction of its window x_max: a numerical choice, not a measurement. Its OCP's end term diverges at theta = 1
#: (:class:`.functions.PlateauOCP`, :class:`.functions.TableOCP`), so the host starts 0.5 % short of full, inside its
#: voltage window (LiFePO4: 3.37 V)
FILLED_AS_MADE = 0.995
#: the source of :data:`FILLED_AS_MADE` as a record's ``references`` entry (docs/parameters.rst's tables show it)
FILLED_AS_MADE_SOURCE = ("0.995 of x_max (materials.material.FILLED_AS_MADE): a numerical choice, not a measurement: "
                         "the OCP's end term diverges where the host is full")


class MaterialError(ValueError):
    """A material definition is incomplete or out of physical range; the message names the field."""


def material_number(value, where, rng):
    """``value`` as a float; MaterialError naming ``where`` and the value unless a finite number inside the
    :class:`~pybamm_aea.ranges.Range` ``rng``, in :meth:`~pybamm_aea.ranges.Range.refusal`'s words ("... 'density'
    [g/cm3] must be > 0.5, got -1"; until session 54 "... = -1 is out of range: must be > 0.5", words of its own)."""
    if number_refusal(value) is not None:
        raise MaterialError(f"{where} must be a finite number, got {value!r}{not_a_number(value)}")
    if not rng.contains(float(value)):
        raise MaterialError(rng.refusal(where, value))
    return float(value)


#: the porosity of a material's pressed compact, its record's ``porosity`` and a cell's ``porosity=`` argument (one
#: range: the record's was (0, 0.9] and the argument's [0, 0.9] until session 54). 0 included: a dense electrode
#: (sintered, or a sputtered thin film, which :data:`pybamm_aea.ranges.THINNEST_CATHODE_UM` admits) is a physical
#: limit, and the model takes it ("Cathode porosity" [0, 1), the void-closure switch then closed from the start);
#: at most 0.9, a compact of 10 vol% solid: a judgement, no measured limit (the paper's fitted compacts: 0.0104-0.5742
#: over 0-1000 MPa; cohesive powders are looser still, fumed silica ~3 vol% solid, so no powder bounds it: review R28,
#: session 55). 11 typed for 11 % is said so; a reading below 5 % (1.5 for 0.015) is not
COMPACT_POROSITY = Range(0.0, 0.9, slip=PERCENT + (0.0, 0.05), why="a pressed compact of at least 10 vol% solid")
#: the bounds of a transport property's fields: its activation energy [kJ/mol] (the paper's Li hops: 30 kJ/mol; 0 or
#: 2-300, :data:`pybamm_aea.ranges.ACTIVATION_ENERGY_KJ`: one in eV said so) and reference temperature [K]; the OCP's
#: plateau width [V] and regular-solution slope [V]
REFERENCE_TEMPERATURE_K = Range(0.0, 2000.0, low_open=True)
OCP_WIDTH_V = Range(0.0, 1.0, low_open=True)
OCP_SLOPE_V = Range(-5.0, 5.0, low_open=True)
#: a Cahn-Hilliard gradient energy coefficient [V.m2] (:attr:`AEAMaterial.gradient_energy`)
GRADIENT_ENERGY = Range(0.0, 1e-10)


def _numbers_as_held(part):
    """``part`` (a material's OCP or transport property) with its fields given as a numpy array of 0 dimensions
    holding a number (a value read from a PyBaMM solution) as that number (:func:`~pybamm_aea.user_input.as_number`;
    PyBaMM's parameter values refuse the array), on a copy (``dataclasses.replace``): the user's own object is not
    changed. ``part`` itself when it has none (or is None)."""
    if not is_dataclass(part):
        return part
    held = {f.name: as_number(getattr(part, f.name)) for f in fields(part) if zero_d_number(getattr(part, f.name))}
    return replace(part, **held) if held else part


def _check_lists(where, **tables):
    """MaterialError naming a table field (``theta``, ``values``) given but not a JSON list (e.g. a number)."""
    for name, value in tables.items():
        if value is not None and not isinstance(value, (list, tuple)):
            raise MaterialError(f"{where}.{name} must be a list of numbers, got {value!r}")


@dataclass
class TransportProperty:
    """A transport coefficient as a function of Li content and temperature.

    Give either ``value`` (a constant at ``reference_temperature``) or ``theta`` and ``values``
    (a table over theta = x / x_max in [0, 1], interpolated linearly in log10, constant beyond its
    ends), or ``function`` (``"module:name"``, a PyBaMM function f(x, T) in SI units; for the
    electronic conductivity f(porosity, T) of the compact). Units: cm2/s for diffusivities, S/cm
    for conductivities. Arrhenius factor exp(-Ea/R (1/T - 1/T_ref)) with ``activation_energy``
    in kJ/mol.
    """

    value: float = None
    theta: list = None
    values: list = None
    activation_energy: float = 0.0
    reference_temperature: float = 298.15
    function: str = None
    source: str = ""

    def validate(self, where, low=1e-30, high=1e4):
        given = [self.value is not None, self.theta is not None or self.values is not None, self.function is not None]
        if sum(given) != 1:
            raise MaterialError(f"{where}: give exactly one of 'value', 'theta'+'values' or 'function'")
        if self.function is not None:
            try:
                fn.import_function(self.function)
            except ValueError as exc:
                raise MaterialError(f"{where}.function: {exc}") from None
        elif self.value is not None:
            material_number(self.value, f"{where}.value", Range(low, high))
        else:
            _check_lists(where, theta=self.theta, values=self.values)
            if self.theta is None or self.values is None or len(self.theta) != len(self.values) or len(self.theta) < 1:
                raise MaterialError(f"{where}: 'theta' and 'values' must be lists of equal length >= 1")
            for k, (t, v) in enumerate(zip(self.theta, self.values)):
                material_number(t, f"{where}.theta[{k}]", FRACTION)
                material_number(v, f"{where}.values[{k}]", Range(low, high))
            if np.any(np.diff(np.asarray(self.theta, float)) <= 0):
                raise MaterialError(f"{where}.theta must be strictly increasing, got {self.theta}")
        material_number(self.activation_energy, f"{where}.activation_energy [kJ/mol]", ACTIVATION_ENERGY_KJ)
        material_number(self.reference_temperature, f"{where}.reference_temperature [K]", REFERENCE_TEMPERATURE_K)

    def function_of_content(self, x_max, si_factor):
        """A picklable f(x, T) in SI units (``si_factor`` converts the field's unit to SI)."""
        if self.function is not None:
            return fn.FunctionOfContentAndTemperature(self.function)
        theta = [0.0] if self.value is not None else self.theta
        values = [self.value] if self.value is not None else self.values
        return fn.ArrheniusTable(
            theta, [math.log10(v * si_factor) for v in values], x_max,
            self.activation_energy * 1e3, self.reference_temperature,
        )

    def at(self, theta, T, x_max, si_factor=1.0):
        """Numerical value at stoichiometry ``theta`` and temperature ``T`` [K], in the field's unit."""
        import pybamm

        f = self.function_of_content(x_max, si_factor)
        return float(f(pybamm.Scalar(theta * x_max), pybamm.Scalar(T)).evaluate()) / si_factor


@dataclass
class OCP:
    """Open-circuit potential vs Li/Li+ [V] as a function of theta = x / x_max.

    ``kind``: ``"plateau"`` (a two-phase plateau at ``potential``, sharpness ``width`` [V]),
    ``"regular solution"`` (``potential`` at theta = 1/2, U = potential - ``slope`` (theta - 1/2) [V] plus the
    ideal entropy term: a ``slope`` > 0 falls with Li content, as the TiS2 set's assumed lattice gas), ``"table"``
    (``theta``, ``values``; linear), or ``"function"`` (``function``: ``"module:name"`` with signature U(x, T), x in Li
    per formula unit). A regular solution with s < 0 is a single phase only above T_c = -s F/(4R)
    (:func:`.functions.critical_temperature`): refused here when T_c exceeds every temperature the model accepts, and
    checked against the cell's temperature at parameterisation or solve time otherwise.
    """

    kind: str
    potential: float = None
    width: float = 0.005
    slope: float = 0.0
    theta: list = None
    values: list = None
    function: str = None
    source: str = ""

    KINDS = ("plateau", "regular solution", "table", "function")

    def validate(self, where):
        if self.kind not in self.KINDS:
            raise MaterialError(f"{where}.kind = {self.kind!r}; must be one of {self.KINDS}"
                                + did_you_mean(self.kind, self.KINDS))
        if self.kind in ("plateau", "regular solution"):
            if self.potential is None:
                raise MaterialError(f"{where}: kind {self.kind!r} needs 'potential' [V]")
            material_number(self.potential, f"{where}.potential [V]", VOLTAGE_ABOVE_ZERO)
            material_number(self.width, f"{where}.width [V]", OCP_WIDTH_V)
            material_number(self.slope, f"{where}.slope [V]", OCP_SLOPE_V)
            if self.kind == "regular solution":
                self._check_single_phase(where)
        elif self.kind == "table":
            _check_lists(where, theta=self.theta, values=self.values)
            if self.theta is None or self.values is None or len(self.theta) != len(self.values) or len(self.theta) < 2:
                raise MaterialError(f"{where}: kind 'table' needs 'theta' and 'values' of equal length >= 2")
            for k, (t, v) in enumerate(zip(self.theta, self.values)):
                material_number(t, f"{where}.theta[{k}]", FRACTION)
                material_number(v, f"{where}.values[{k}] [V]", VOLTAGE_ABOVE_ZERO)
            if np.any(np.diff(np.asarray(self.theta, float)) <= 0):
                raise MaterialError(f"{where}.theta must be strictly increasing")
            if np.any(np.diff(np.asarray(self.values, float)) > 0):
                raise MaterialError(f"{where}.values must not increase with Li content (an OCP falls on lithiation)")
        else:
            try:
                fn.import_function(self.function)
            except ValueError as exc:
                raise MaterialError(f"{where}.function: {exc}") from None

    def check_covers_window(self, where, lower_voltage, upper_voltage, capacity, made_theta=None):
        """A ``"table"`` OCP is held at its end value beyond its first and last theta (:class:`.functions.TableOCP`):
        refused unless each end reaches the window's end (theta 0 or 1) or lies at or beyond the cut-off a step
        towards it stops at (the first value >= ``upper_voltage``, the last <= ``lower_voltage`` [V]), and unless the
        state as made, ``made_theta`` (``initial_li_content / x_max``), lies on the table, so that no step inside the
        cut-offs, nor the first from the state as made, runs on the held, guessed value. ``capacity``: the window's
        [mAh/g], to name what an uncovered part holds. One refusal names every gap (until session 56 the first only:
        the second showed once it was mended). Until session 56 a partial table was extended silently (AEA_LiCoO2's
        to theta 0.927-1 at 3.408 V: 10.2 of its 150 mAh/g), and LiCoO2 was made at theta 0.995, on its held 2.718 V
        (its first charge ran 7.47 mAh/g there)."""
        if self.kind != "table":
            return
        theta, values = [float(t) for t in self.theta], [float(v) for v in self.values]
        gaps = table_end_gaps(theta, values, lower_voltage, upper_voltage, capacity)
        if made_theta is not None and not theta[0] - 1e-12 <= made_theta <= theta[-1] + 1e-12:
            held = values[0] if made_theta < theta[0] else values[-1]
            gaps.append((f"the material is made at theta {made_theta:.4g} ('initial_li_content' / 'x_max'), off the "
                         f"table, on its held {held:g} V with no data, so its first step would start there",
                         f"the state as made, or give an 'initial_li_content' within theta {theta[0]:.4g}-"
                         f"{theta[-1]:.4g} of 'x_max'"))
        if gaps:
            raise MaterialError(table_gaps_said(where, theta, gaps))

    def _check_single_phase(self, where):
        """A regular-solution slope that is a single phase at some temperature the model accepts (at most the
        ambient temperature's upper bound, :data:`pybamm_aea.models.checks.RANGES`): T_c below it. Whether it is
        one at the temperature of a cell is checked where that is known (:class:`.functions.RegularSolutionOCP`)."""
        from ..models.checks import RANGES

        T_max = RANGES["Ambient temperature [K]"].high
        T_c = fn.critical_temperature(self.slope)
        if T_c >= T_max:
            raise MaterialError(
                f"{where}.slope = {self.slope!r} V: a regular-solution OCP with this slope is a single phase only "
                f"above its critical temperature T_c = -slope F/(4R) = {T_c:.1f} K, and the model accepts at most "
                f"{T_max:g} K; below T_c the OCP rises with Li content around theta = 1/2 (spinodal) and the material "
                f"separates into two phases. Give a slope > {-4 * R * T_max / F:.4f} V, or describe a two-phase "
                "material with kind 'plateau' or 'table'")

    #: samples of theta = x / x_max over (0, 1), ends excluded (an OCP may diverge there), on which a "function" OCP
    #: is checked to fall with Li content (:meth:`check_falls`); zoomed into where they show no rise. The package's
    #: own OCPs fall by >= 9.5e-6 V from one sample to the next (LiCoO2's table; Mo6S8's two function branches
    #: 1.1e-5 V, TiS2's 2.8e-4 V) at 200, 343.15 and 453.65 K, above the round-off a flat two-phase plateau has
    #: (:data:`pybamm_aea.thermodynamics.RISE_TOLERANCE`)
    FALL_SAMPLES = np.linspace(1e-3, 1 - 1e-3, 2001)

    def check_falls(self, where, x_max):
        """A ``"function"`` OCP U(x, T) must fall (or stay flat) as the host fills: sampled at :data:`FALL_SAMPLES`
        of its window 0 < x < ``x_max`` at the lowest and highest temperature the model accepts
        (:data:`pybamm_aea.models.checks.RANGES`), and zoomed into where they show no rise
        (:func:`pybamm_aea.thermodynamics.rising_stretch`, kept for the function, window, temperature and samples:
        :func:`~pybamm_aea.thermodynamics.kept_rising_stretch`), a rise or a value that is not finite raises
        :class:`MaterialError` naming where (x, theta, the voltages, T). The other kinds are checked by their form
        (:meth:`validate`)."""
        if self.kind != "function":
            return
        import pybamm
        from ..models.checks import RANGES
        from ..thermodynamics import kept_rising_stretch

        f = self.function_of_content(x_max)
        x = self.FALL_SAMPLES * x_max
        T_range = RANGES["Ambient temperature [K]"]
        for T in (T_range.low, T_range.high):
            def U_at(x, T=T):
                U = np.asarray(f(pybamm.Vector(x), pybamm.Scalar(T)).evaluate(), dtype=float).ravel()
                if U.size != x.size:  # a function that does not act elementwise: one point at a time
                    U = np.array([float(f(pybamm.Scalar(xi), pybamm.Scalar(T)).evaluate()) for xi in x])
                return U
            try:
                U = U_at(x)
            except Exception as exc:  # noqa: BLE001 - named in the error
                raise MaterialError(f"{where}.function {self.function!r} cannot be evaluated as U(x, T) with numbers "
                                    f"(x in Li per formula unit, T [K]), so whether it falls with Li content cannot "
                                    f"be checked: {type(exc).__name__}: {exc}") from None
            bad = np.flatnonzero(~np.isfinite(U))
            if bad.size:
                k = bad[0]
                raise MaterialError(f"{where}.function {self.function!r} is {U[k]!r} at x = {x[k]:.6g} "
                                    f"(theta = {self.FALL_SAMPLES[k]:.4f}) and T = {T:g} K: an OCP must be finite "
                                    "inside its window")
            rise = kept_rising_stretch((self.function, x_max, T), x, U, U_at)  # (a cell of a screen: once)
            if rise is not None:
                (x_lo, x_hi), (theta_lo, theta_hi) = rise.ends_said(6), rise.ends_said(4, x_max, "f")
                raise MaterialError(
                    f"{where}.function {self.function!r} rises with Li content at T = {T:g} K: from {rise.U_lo:.6g} V "
                    f"at x = {x_lo} (theta = {theta_lo}) to {rise.U_hi:.6g} V at x = {x_hi} (theta = {theta_hi}). An "
                    "OCP vs Li falls as the host fills (the model takes x as Li per formula unit from the delithiated "
                    "end); a rise is a spinodal, unstable as one phase: describe a two-phase region by a flat plateau "
                    "(kind 'plateau' or a 'table' with equal values), and check the function's sign and its argument "
                    "(x, not the Li vacancy content)")

    def function_of_content(self, x_max):
        if self.kind == "plateau":
            return fn.PlateauOCP(self.potential, self.width, x_max)
        if self.kind == "regular solution":
            return fn.RegularSolutionOCP(self.potential, self.slope, x_max)
        if self.kind == "table":
            return fn.TableOCP(self.theta, self.values, x_max)
        return fn.FunctionOfContentAndTemperature(self.function)


def table_end_limits(theta, values):
    """The cut-offs [V vs Li] past which a step runs on a table OCP's held end (``theta`` increasing, ``values``
    [V vs Li]): (the lowest lower cut-off, its last value; the highest upper, its first value); -inf (inf) where the
    table reaches theta 1 (0). The one rule of which end a cut-off may not pass: :func:`table_end_gaps` (a material's
    window, the values' cut-offs, an experiment step's voltage) and the solve's check of an input cut-off
    (:func:`pybamm_aea.models.checks._input_cut_offs`), two writings of it until session 59."""
    return (float(values[-1]) if theta[-1] < 1 else -math.inf, float(values[0]) if theta[0] > 0 else math.inf)


def table_end_gaps(theta, values, lower_voltage, upper_voltage, capacity, cut_offs=None):
    """The ends of a table OCP (``theta`` increasing, ``values`` [V vs Li]) held beyond its data inside the window
    ``lower_voltage``-``upper_voltage`` [V vs Li]: a list of (what, mend), empty if none. An end is covered when it
    reaches theta 0 (1) or its first (last) value is >= the upper (<= the lower) cut-off, where a step towards it
    stops. ``capacity`` [mAh/g]: the window's, to name what an uncovered part holds (None: not said).
    ``cut_offs``: (lower, upper, anode potential [V vs Li]) when the cut-offs are a cell's (its parameter values, an
    input's, an experiment step's "until" voltage), said as cell voltages named as given (the parameters' names
    repr'd) with a mend that keeps them inside the table; None: a material's own window (vs Li). The one text of
    :meth:`OCP.check_covers_window` and :func:`pybamm_aea.models.checks.tables_past_cut_offs`, on the rule of
    :func:`table_end_limits`."""
    names = (None, None, 0.0) if cut_offs is None else cut_offs
    anode = names[2]
    lowest, highest = table_end_limits(theta, values)
    gaps = []
    for uncovered, span, width, held, step, side, cut, name, reach, keep in (
            (upper_voltage > highest, f"0-{theta[0]:.4g}", theta[0], values[0], "charge", "upper",
             upper_voltage, names[1], "theta 0 or a first value >= the upper cut-off", "at or below"),
            (lower_voltage < lowest, f"{theta[-1]:.4g}-1", 1 - theta[-1], values[-1],
             "discharge", "lower", lower_voltage, names[0], "theta 1 or a last value <= the lower cut-off",
             "at or above")):
        if not uncovered:
            continue
        holds = "" if capacity is None else f" ({width * capacity:.3g} mAh/g of the window's {capacity:.4g})"
        if name is None:
            cut_off, mend = f"{side} cut-off {cut:g} V", reach
        else:
            vs_li = "" if anode == 0 else f", {cut:.4g} V vs Li on an anode at {anode:g} V vs Li"
            cut_off = f"{name} {cut - anode:g} V{vs_li}"
            mend = f"{reach}, or keep the {name} {keep} {held - anode:.6g} V (the held value as a cell voltage)"
        gaps.append((f"at theta {span}{holds} it would be held at {held:g} V, inside the {cut_off}, so a {step} "
                     f"would run there on a guessed constant OCP", mend))
    return gaps


def table_gaps_said(where, theta, gaps):
    """One refusal naming every gap of :func:`table_end_gaps` (and the state as made) of the table at ``where``."""
    return (f"{where}: the table covers theta {theta[0]:.4g}-{theta[-1]:.4g} of the window 0-1; "
            + "; and ".join(text for text, _ in gaps) + ". Extend the table with measured points to "
            + " and to ".join(give for _, give in gaps))


_DENSITY = DENSITY_G_CM3
#: field -> (unit, range, description): the physical ranges (:class:`~pybamm_aea.ranges.Range`) of the scalar fields;
#: that of ``initial_li_content``, (0, x_max), is the material's own (None here). (unit, low, high, description)
#: until session 54 (docs/checks.rst)
SCALAR_FIELDS = {
    "molar_mass": ("g/mol", MOLAR_MASS_G_MOL, "molar mass of one formula unit as pressed"),
    "density": ("g/cm3", _DENSITY, "true density as pressed"),
    "delithiated_density": ("g/cm3", _DENSITY, "true density at x = 0"),
    "lithiated_density": ("g/cm3", _DENSITY, "true density at x = x_max"),
    "x_max": ("Li per formula unit", Range(0.0, 20.0, low_open=True), "Li exchanged across the window"),
    "initial_li_content": ("Li per formula unit", None, "Li content as pressed, 0 < x < x_max"),
    "lower_voltage": ("V", VOLTAGE_ABOVE_ZERO, "lower voltage cut-off vs Li"),
    "upper_voltage": ("V", VOLTAGE_ABOVE_ZERO, "upper voltage cut-off vs Li"),
    "porosity": ("-", COMPACT_POROSITY, "porosity of the pressed compact"),
    "bruggeman": ("-", Range(0.0, 5.0, low_open=True),
                  "Bruggeman exponent of both carriers in the compact (default 1.5, Bruggeman 1935)"),
    "exchange_current_density": ("A/m2", Range(0.0, 1e5, low_open=True),
                                 "cathode|electrolyte j0 at half lithiation, 70 C"),
}


@dataclass
class AEAMaterial:
    """An active material as the AEA model needs it. Units in :data:`SCALAR_FIELDS`.

    ``x`` counts Li per formula unit from the delithiated end (0 <= x <= ``x_max``); the molar
    mass and ``density`` are those of the material as pressed (LiFePO4, not FePO4), which is the
    basis of loading, capacity (mAh/g) and ESC. ``diffusivity`` is the chemical diffusivity of
    the electron-rich limit (what PITT/GITT on a carbon-wired electrode measures when electrons
    are not limiting); ``electronic_conductivity`` and ``ionic_conductivity`` are those of the
    dense material (S/cm; the compact gets (1 - porosity)^bruggeman); ``ionic_conductivity``
    None means Nernst-Einstein from the diffusivity. ``charge_first``: the first step a user of
    the material runs is a charge (lithiated as made). ``host``: for the multi-phase host option,
    ``"module:NAME"`` of a :class:`~pybamm_aea.thermodynamics.Host` (its free energy and mobility)
    with ``gradient_energy`` [V.m2] its Cahn-Hilliard coefficient; None for a single-phase
    material, whose multi-phase description follows from ``ocp`` and ``diffusivity``.
    ``references``: field -> citation. ``citations``: the works the values come from, each a BibTeX entry or a
    key of PyBaMM's bibliography (as :mod:`pybamm_aea.citations`), put in the cell's ``values["citations"]``
    so that ``pybamm.print_citations()`` lists them.
    """

    name: str
    formula: str
    molar_mass: float
    density: float
    delithiated_density: float
    lithiated_density: float
    x_max: float
    initial_li_content: float
    ocp: OCP
    diffusivity: TransportProperty
    electronic_conductivity: TransportProperty
    lower_voltage: float
    upper_voltage: float
    charge_first: bool = False
    ionic_conductivity: TransportProperty = None
    ocp_delithiation: OCP = None
    porosity: float = 0.11
    bruggeman: float = 1.5
    exchange_current_density: float = 15.0
    host: str = None
    gradient_energy: float = 0.0
    references: dict = field(default_factory=dict)
    citations: list = field(default_factory=list)

    def __post_init__(self):
        for name in ("ocp", "ocp_delithiation"):
            if isinstance(getattr(self, name), dict):
                setattr(self, name, _build(OCP, getattr(self, name), f"material {self.name!r}: {name}"))
        for name in ("diffusivity", "electronic_conductivity", "ionic_conductivity"):
            if isinstance(getattr(self, name), dict):
                setattr(self, name, _build(TransportProperty, getattr(self, name), f"material {self.name!r}: {name}"))
        for f in fields(self):  # (this material's own fields, as it is made; its parts are the user's objects)
            setattr(self, f.name, _numbers_as_held(as_number(getattr(self, f.name))))
        self.validate()

    def __hash__(self):
        """Hash of the content (its JSON), consistent with ``==``: a material can key a dict, e.g. the composition
        of :class:`pybamm_aea.energy.Electrode` (do not change a material while it keys one)."""
        return hash(self.to_json())

    def to_json(self):
        """The JSON text of :meth:`to_dict` (keys sorted): the material's identity by content."""
        return json.dumps(self.to_dict(), sort_keys=True)

    # --- checks ---------------------------------------------------------------------------
    def _check_initial_li_content(self, where):
        """``initial_li_content`` strictly inside (0, x_max), a refusal saying why and what to give: every OCP kind's
        end term k_end (1/theta - 1/(1 - theta)) (:func:`.functions._end_term`) diverges at an empty or a full host, so
        one made Li-free or full starts just off the end (until session 55 "must be > 0, got 0" alone)."""
        label = f"{where}: 'initial_li_content' [Li per formula unit]"
        x = material_number(self.initial_li_content, label, Range(None, None))
        if 0.0 < x < self.x_max:
            return
        if x not in (0.0, self.x_max):  # (beyond an end: no content at all, nothing to advise; review R32)
            raise MaterialError(Range(0.0, self.x_max, low_open=True, high_open=True).refusal(label, x))
        end, give, like = ("an empty", min(0.01, 0.01 * self.x_max), "AEA_Li4Ti5O12's Li-free Li4Ti5O12: 0.01") \
            if x <= 0 else ("a full", FILLED_AS_MADE * self.x_max, f"the library's lithiated materials: "
                                                                    f"{FILLED_AS_MADE:g} x_max")
        raise MaterialError(
            f"{Range(0.0, self.x_max, low_open=True, high_open=True).refusal(label, x)}: the OCP diverges at {end} "
            f"host (the end term k_end (1/theta - 1/(1 - theta)), theta = x/x_max), so a material made so starts "
            f"just off it: give e.g. {give:g} (as {like}; a numerical choice, not a measurement)")

    def validate(self):
        """Raise :class:`MaterialError` naming the first missing or out-of-range field."""
        where = f"material {self.name!r}"
        if not isinstance(self.name, str) or not self.name:
            raise MaterialError("material: 'name' must be a non-empty string")
        for name, (unit, rng, _) in SCALAR_FIELDS.items():
            if rng is not None:
                material_number(getattr(self, name), f"{where}: '{name}' [{unit}]", rng)
        self._check_initial_li_content(where)
        self._check_density_as_pressed(where)
        if not isinstance(self.charge_first, bool):
            raise MaterialError(f"{where}: 'charge_first' must be true or false, got {self.charge_first!r}")
        if not isinstance(self.citations, list) or not all(isinstance(c, str) and c.strip() for c in self.citations):
            raise MaterialError(f"{where}: 'citations' must be a list of BibTeX entries or PyBaMM citation keys "
                                f"(non-empty strings), got {self.citations!r}")
        if self.lower_voltage >= self.upper_voltage:
            raise MaterialError(
                f"{where}: 'lower_voltage' ({self.lower_voltage} V) must be below 'upper_voltage' "
                f"({self.upper_voltage} V)"
            )
        if not isinstance(self.ocp, OCP):
            raise MaterialError(f"{where}: 'ocp' must be an OCP or its dict, got {self.ocp!r}")
        self.ocp.validate(f"{where}: ocp")
        if self.ocp_delithiation is not None:
            self.ocp_delithiation.validate(f"{where}: ocp_delithiation")
        self.ocp.check_falls(f"{where}: ocp", self.x_max)
        for name in ("ocp", "ocp_delithiation"):
            if getattr(self, name) is not None:
                getattr(self, name).check_covers_window(f"{where}: {name}", self.lower_voltage, self.upper_voltage,
                                                        self.theoretical_capacity, self.initial_li_content / self.x_max)
        if self.ocp_delithiation is not None:
            self.ocp_delithiation.check_falls(f"{where}: ocp_delithiation", self.x_max)
        for name in ("diffusivity", "electronic_conductivity"):
            if not isinstance(getattr(self, name), TransportProperty):
                raise MaterialError(f"{where}: '{name}' must be a TransportProperty or its dict, got "
                                    f"{getattr(self, name)!r}")
        self.diffusivity.validate(f"{where}: diffusivity [cm2/s]", 1e-25, 1e-1)
        self.electronic_conductivity.validate(f"{where}: electronic_conductivity [S/cm]", 1e-25, 1e6)
        if self.ionic_conductivity is not None:
            self.ionic_conductivity.validate(f"{where}: ionic_conductivity [S/cm]", 1e-25, 1e2)
        if self.host is not None:
            from .functions import import_function
            from ..thermodynamics import Host

            try:
                host = import_function(self.host)
            except ValueError as exc:
                raise MaterialError(f"{where}: 'host': {exc}") from exc
            if not isinstance(host, Host):
                raise MaterialError(f"{where}: 'host' {self.host!r} is a {type(host).__name__}, not a "
                                    "thermodynamics.Host")
        material_number(self.gradient_energy, f"{where}: 'gradient_energy' [V.m2]", GRADIENT_ENERGY)
        if self.electronic_conductivity.function is not None and self.electronic_conductivity.activation_energy:
            raise MaterialError(f"{where}: electronic_conductivity.function carries its own temperature dependence")

    def _check_density_as_pressed(self, where, tolerance=0.01):
        """``density`` must be the one the cell model derives (:func:`pybamm_aea.parameters.host_as_made`, Vegard's
        law between ``delithiated_density`` and ``lithiated_density`` at ``initial_li_content``) within 1 %: the
        energy model and the composites read ``density``, the AEA cell the two limits."""
        from ..parameters import host_as_made

        implied = host_as_made(self.delithiated_density * 1e3, self.lithiated_density * 1e3,  # SI: kg.m-3, kg.mol-1
                               self.molar_mass * 1e-3 - self.initial_li_content * M_LI, self.x_max,
                               self.initial_li_content)[0] / 1e3
        if abs(self.density / implied - 1) > tolerance:
            raise MaterialError(
                f"{where}: 'density' {self.density} g/cm3 (as pressed) disagrees with the {implied:.4g} g/cm3 that "
                f"'delithiated_density' ({self.delithiated_density}) and 'lithiated_density' "
                f"({self.lithiated_density}) "
                f"give at 'initial_li_content' {self.initial_li_content} of 'x_max' {self.x_max} (Vegard's law, which "
                f"the cell model uses) by more than {tolerance:.0%}; make them agree")

    # --- derived quantities ---------------------------------------------------------------
    @property
    def theoretical_capacity(self):
        """Faraday capacity of the window, mAh per g as pressed: x_max F / (3.6 M)."""
        return self.x_max * MAH_PER_MOL / self.molar_mass

    @property
    def molar_volume_change(self):
        """Relative volume change from x = 0 to x = x_max (per formula unit of host)."""
        m_li = M_LI * 1e3  # g/mol
        m0 = self.molar_mass - self.initial_li_content * m_li
        v0 = m0 / self.delithiated_density
        v1 = (m0 + self.x_max * m_li) / self.lithiated_density
        return v1 / v0 - 1

    def transport_at(self, theta, T):
        """D [cm2/s], sigma_e and sigma_ion [S/cm] of the dense material at stoichiometry theta, T [K]."""
        D = self.diffusivity.at(theta, T, self.x_max, 1e-4)
        sig_e = (
            None if self.electronic_conductivity.function is not None
            else self.electronic_conductivity.at(theta, T, self.x_max, 100.0)
        )
        if self.ionic_conductivity is not None:
            sig_i = self.ionic_conductivity.at(theta, T, self.x_max, 100.0)
        else:
            c_li = theta * self.x_max * self.density * 1e3 / (self.molar_mass * 1e-3)
            sig_i = F**2 * c_li * D * 1e-4 / (R * T) / 100.0
        return {"D_cm2_per_s": D, "sigma_e_S_per_cm": sig_e, "sigma_ion_S_per_cm": sig_i}

    # --- PyBaMM ---------------------------------------------------------------------------
    def parameter_dict(self, cell="paper", loading=None, temperature=None, porosity=None, anode="lithium metal"):
        """The parameter dict of an AEA cell with this cathode (module-level, picklable functions).

        ``cell``: a name in :data:`CELL_BUILDS` (``"paper"``: the paper's lab cell, 0.785 cm2,
        LGPS + Li3PS4 pellet, Li metal, 70 C). ``loading`` mg/cm2 (default 1.5, the paper's),
        ``temperature`` K (default the build's), ``porosity`` (default the material's). ``anode``: the model's option
        "anode" the cell is for; on ``"Li-In"`` the material's window (vs Li) is moved down by the Li-In plateau, as
        the paper's sets' (:func:`pybamm_aea.parameters.paper_cell.li_in_cut_offs`). Built by
        :func:`pybamm_aea.parameters.aea_material_cell.material_cell_parameters`.
        """
        from ..parameters.aea_material_cell import material_cell_parameters

        return material_cell_parameters(self, cell, loading, temperature, porosity, anode=anode)

    def parameter_values(self, cell="paper", loading=None, temperature=None, porosity=None, anode="lithium metal"):
        """``pybamm.ParameterValues`` of an AEA cell with this cathode (see :meth:`parameter_dict`)."""
        import pybamm

        return pybamm.ParameterValues(self.parameter_dict(cell, loading, temperature, porosity, anode=anode))

    # --- JSON -----------------------------------------------------------------------------
    def to_dict(self):
        """The material as a dict of JSON types (what :func:`json.loads` reads back from its JSON); a NumPy number a
        field holds (``x_max=np.int64(1)``, which the checks take as a number) is written as the Python number of
        the same value (:func:`pybamm_aea.user_input.json_default`). A value JSON cannot hold is a TypeError naming
        the field."""
        d = {"schema": SCHEMA}
        for f in fields(self):
            v = getattr(self, f.name)
            d[f.name] = asdict(v) if isinstance(v, (OCP, TransportProperty)) else v
        try:
            return json.loads(json.dumps(d, default=json_default))
        except TypeError:  # the field is looked for, one by one, only to name it
            for name, v in d.items():
                try:
                    json.dumps(v, default=json_default)
                except TypeError as exc:
                    raise TypeError(f"material {self.name!r}: field {name!r}: {exc}") from None
            raise

    @classmethod
    def from_dict(cls, data):
        if not isinstance(data, dict):
            raise MaterialError(f"a material must be a JSON object, got {type(data).__name__}")
        data = dict(data)
        schema = data.pop("schema", SCHEMA)
        if schema != SCHEMA:
            raise MaterialError(f"field 'schema' = {schema!r}; this version reads {SCHEMA!r}")
        return _build(cls, data, f"material {data.get('name', '?')!r}")


def _build(cls, data, where):
    """cls(**data) with a MaterialError naming a missing or unknown field."""
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise MaterialError(f"{where}: unknown field(s) {unknown}; known fields: {sorted(known)}"
                            + "".join(did_you_mean(u, known, named=True) for u in unknown))
    from dataclasses import MISSING

    missing = [n for n, f in known.items() if f.default is MISSING and f.default_factory is MISSING and n not in data]
    if missing:
        units = {n: SCALAR_FIELDS[n][0] for n in missing if n in SCALAR_FIELDS}
        raise MaterialError(f"{where}: missing field(s) {missing}" + (f" (units: {units})" if units else ""))
    return cls(**data)


def save_material(material, path):
    """Write ``material`` as JSON to ``path`` (refuses to overwrite an existing file)."""
    import pathlib

    path = pathlib.Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists; remove it or choose another name")
    path.write_text(json.dumps(material.to_dict(), indent=2))
    return path


def load_material(path):
    """Read an :class:`AEAMaterial` from a JSON file (MaterialError naming a bad field).

    A ``"function"`` field (``"module:name"``) is imported, which runs that module's code: load only files you
    trust, as you would a pickle."""
    import pathlib

    text = pathlib.Path(path).read_text()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MaterialError(f"{path}: not valid JSON ({exc})") from None
    try:
        return AEAMaterial.from_dict(data)
    except (TypeError, MaterialError) as exc:  # a field of the wrong JSON type, e.g. a string for an object
        raise MaterialError(f"{path}: {exc}") from None  # (of a list: 'a material must be a JSON object', no file)


def _paper_cell():
    from ..parameters import paper_cell

    return paper_cell.cell_parameters()


#: named cell builds: everything outside the cathode (area, separator, anode, temperature)
CELL_BUILDS = {"paper": _paper_cell}
