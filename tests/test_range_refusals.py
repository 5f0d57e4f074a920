"""Session 54 (review: range refusals worded by hand): a number refused against its bounds by the energy model
(energy/_common.py's checks), a material record (materials/material.py's ``material_number``), a compaction or
conductivity fit, the S-C-LGPS cell, the composite, a Host and an initial state of charge is refused in the words of
:meth:`pybamm_aea.ranges.Range.refusal`, the command line's: "porosity must be < 1, got 1.2 (1.2 = 120 %); did you
give %? 1.2 % = 0.012". Each had words of its own ("porosity must be < 1.0, got 1.2", "... = -1 is out of range:
must be > 0.5", "porosities must be in (0, 1), got [...]", "T_ref [K] = -343.15 must be positive", "must be in [0, 1]");
a voltage typed in mV in a material record and a temperature typed in degrees C were not said so."""
import dataclasses

import pytest

from pybamm_aea import ranges


def _electrode(*args, **kwargs):
    from pybamm_aea.energy import Electrode

    return Electrode(*args, **kwargs)


def _material(**changes):
    from pybamm_aea.materials import get_material

    return dataclasses.replace(get_material("TiS2"), **changes)


def _ocp(**changes):
    from pybamm_aea.materials import get_material

    m = get_material("LiFePO4")  # (a plateau OCP: its potential a number)
    return dataclasses.replace(m, ocp=dataclasses.replace(m.ocp, **changes))


def _fit_compaction(pressures, porosities):
    from pybamm_aea.energy import fit_compaction

    return fit_compaction(pressures, porosities)


def _fit_conductivity(conductivities):
    from pybamm_aea.energy.conductivity import fit_conductivity

    return fit_conductivity([0.1, 0.2, 0.3, 0.4], conductivities)


def _host(**changes):
    from pybamm_aea.parameters import Li2021_Mo6S8

    return dataclasses.replace(Li2021_Mo6S8.MO6S8_HOST, **changes)


def _soc(value):
    import pybamm

    import pybamm_aea

    return pybamm_aea.set_initial_state(pybamm.ParameterValues("Li2021_Mo6S8"), value)


def _s_c_lgps(**kwargs):
    from pybamm_aea import conventional

    return conventional.s_c_lgps_parameter_values(**kwargs)


def _make_up(porosity):
    from pybamm_aea import composite
    from pybamm_aea.materials import get_material

    return composite.make_up(get_material("TiS2"), porosity=porosity)


def _at_pressure(law):
    from pybamm_aea.energy import Electrode

    return Electrode.at_pressure({"Mo6S8": 1.0}, 360.0, law)


def _ranges():
    from pybamm_aea.energy.compaction import FITTED_POROSITY
    from pybamm_aea.materials.material import SCALAR_FIELDS, VOLTAGE_ABOVE_ZERO
    from pybamm_aea.models.checks import RANGES

    return {"FITTED_POROSITY": FITTED_POROSITY, "density": SCALAR_FIELDS["density"][1],
            "VOLTAGE_ABOVE_ZERO": VOLTAGE_ABOVE_ZERO, "T": RANGES["Ambient temperature [K]"]}


SITES = [
    (lambda: _electrode({"Mo6S8": 1.0}, 1.2), ranges.FRACTION_BELOW_ONE, "porosity", 1.2, "did you give %"),
    (lambda: _electrode({"Mo6S8": 1.0}, 0.1).energy_density(2050), "VOLTAGE_ABOVE_ZERO", "voltage", 2050,
     "did you give mV? 2050 mV = 2.05 V"),
    (lambda: _electrode({"Mo6S8": 1.0}, 0.1).energy_density(0), "VOLTAGE_ABOVE_ZERO", "voltage", 0, "> 0, got 0"),
    (lambda: _electrode({"Mo6S8": -0.5, "S8": 1.5}, 0.1), ranges.NON_NEGATIVE, "mass fraction of 'Mo6S8'", -0.5,
     ">= 0, got -0.5"),
    (lambda: _electrode({"Mo6S8": 1.0}, 0.1).thickness_um(-1), ranges.NON_NEGATIVE, "loading_mg_cm2", -1, ">= 0"),
    (lambda: _fit_compaction([0, 50, 100, 200], [40, 30, 20, 10]), "FITTED_POROSITY", "porosity_fraction[0]", 40,
     "did you give %? 40 % = 0.4"),
    (lambda: _fit_compaction([0, 50, 100, 200], [0.4, 0.3, 0.2, 0.0]), "FITTED_POROSITY", "porosity_fraction[3]", 0.0,
     "> 0, got 0"),
    (lambda: _fit_compaction([-1, 50, 100, 200], [0.4, 0.3, 0.2, 0.1]), ranges.NON_NEGATIVE, "pressure_MPa[0]", -1,
     ">= 0, got -1"),
    (lambda: _fit_conductivity([1e-3, 1e-4, 0.0, 1e-6]), ranges.POSITIVE, "conductivity_S_per_cm[2]", 0.0, "> 0, got 0"),
    (lambda: _material(density=-1), "density", "material 'TiS2': 'density' [g/cm3]", -1, "> 0.5, got -1"),
    (lambda: _material(lower_voltage=1800.0), "VOLTAGE_ABOVE_ZERO", "material 'TiS2': 'lower_voltage' [V]", 1800.0,
     "did you give mV? 1800 mV = 1.8 V"),
    (lambda: _ocp(potential=2100.0), "VOLTAGE_ABOVE_ZERO", "material 'LiFePO4': ocp.potential [V]", 2100.0,
     "did you give mV?"),
    (lambda: _s_c_lgps(accessible_fraction=1.2), ranges.UTILISATION, "accessible_fraction", 1.2, "<= 1, got 1.2"),
    (lambda: _s_c_lgps(accessible_fraction=80), ranges.UTILISATION, "accessible_fraction", 80,
     "did you give %? 80 % = 0.8"),
    (lambda: _s_c_lgps(particle_radius_m=-1e-6), ranges.POSITIVE, "particle_radius_m", -1e-6, "> 0, got -1e-06"),
    (lambda: _make_up(8.2), ranges.FRACTION_BELOW_ONE, "porosity", 8.2, "did you give %? 8.2 % = 0.082"),
    (lambda: _make_up(1.0), ranges.FRACTION_BELOW_ONE, "porosity", 1.0, "< 1, got 1"),
    (lambda: _host(T_ref=-343.15), ranges.POSITIVE, "T_ref [K]", -343.15, "> 0, got -343.15"),
    (lambda: _soc(1.5), "SOC", "initial_value (state of charge)", 1.5, "<= 1, got 1.5"),
    (lambda: _at_pressure(lambda p: 8.2), ranges.FRACTION_BELOW_ONE, "porosity of the law at 360 MPa", 8.2,
     "did you give %? 8.2 % = 0.082"),
]


@pytest.mark.parametrize("call, rng, name, value, words", SITES)
def test_a_value_outside_its_range_is_refused_in_the_shared_words(call, rng, name, value, words):
    if isinstance(rng, str):
        from pybamm_aea.initial_state import _STATE_OF_CHARGE

        rng = _STATE_OF_CHARGE if rng == "SOC" else _ranges()[rng]
    with pytest.raises(ValueError) as refused:
        call()
    said = str(refused.value)
    assert said == rng.refusal(name, value), said
    assert words in said, said


@pytest.mark.parametrize("T", [70.0, 199.0, 500.0])
def test_a_material_cells_temperature_is_refused_in_the_models_words(T):
    """``parameter_values(temperature=70)``, degrees C typed for K: "temperature [K] (200 K to ...) = 70.0 is out of
    range: must be >= 200.0" until session 54, then "temperature [K] must be >= 200, got 70 ..." (Range.refusal's, not
    the model's) -> the model's own check's words, as the composite's (``temperature_K: 'Ambient temperature [K]' =
    199.0 is outside its physical range [200, 453.65] (...)``), with the slip said ("did you give degrees C? 70
    degrees C = 343.15 K")."""
    from pybamm_aea.composite import composite_parameter_values
    from pybamm_aea.materials import MaterialError, get_material
    from pybamm_aea.models.checks import check_value

    with pytest.raises(MaterialError) as refused:
        get_material("TiS2").parameter_values(temperature=T)
    with pytest.raises(ValueError) as model:
        check_value("Ambient temperature [K]", T)
    with pytest.raises(ValueError) as composite:
        composite_parameter_values("NMC532", 10.0, temperature_K=T)
    assert str(refused.value) == f"temperature: {model.value}"
    assert str(composite.value) == f"temperature_K: {model.value}"
    assert f"'Ambient temperature [K]' = {T!r} is outside its physical range [200, 453.65]" in str(refused.value)
    assert ("did you give degrees C? 70 degrees C = 343.15 K" in str(refused.value)) == (T == 70.0)


def _cycle_summaries(rest_tol):
    import numpy as np

    from pybamm_aea import kernels

    t = np.linspace(0.0, 10.0, 11)
    return kernels.cycle_summaries(t, -np.ones_like(t), np.full_like(t, 2.0), rest_tol=rest_tol)


def _composite(active_loading):
    from pybamm_aea import composite

    return composite.composite_parameter_values("NMC532", active_loading)


@pytest.mark.parametrize("call, rng, name, value", [
    (lambda: _cycle_summaries(-1.0), ranges.NON_NEGATIVE, "rest_tol", -1.0),
    (lambda: _composite(-2.0), ranges.POSITIVE, "active_loading_mg_cm2", -2.0),
    (lambda: __import__("pybamm_aea.screening").screening._axis("thicknesses", [5.0, -5.0]), ranges.POSITIVE,
     "thicknesses", -5.0),
    (lambda: __import__("pybamm_aea.screening").screening._check_threshold(80), ranges.UTILISATION, "threshold", 80),
    (lambda: __import__("pybamm_aea.screening").screening._check_threshold(0), ranges.UTILISATION, "threshold", 0),
])
def test_more_values_outside_their_ranges_are_refused_in_the_shared_words(call, rng, name, value):
    """rest_tol "must be finite and >= 0, got -1.0", an active loading "must be finite and > 0", a screen's axis
    "thicknesses must be finite numbers > 0, got [5.0, -5.0]", its threshold "must be a utilisation in (0, 1], got
    80" (the command line's --threshold: "must be <= 1, got 80", no slip said) -> Range.refusal's words."""
    with pytest.raises(ValueError) as refused:
        call()
    assert str(refused.value) == rng.refusal(name, value)


def test_the_threshold_is_refused_as_the_command_line_refuses_it(capsys):
    """One range (ranges.UTILISATION), one message, the Python API's and ``pybamm-aea screen --threshold``'s: 80
    typed for 80 % is said so by both; 1.5 (a reading of 1.5 %) is no such slip."""
    from pybamm_aea.cli import main
    from pybamm_aea.screening import _check_threshold

    for text in ("80", "0", "1.5", "-0.2"):
        with pytest.raises(SystemExit):
            main(["screen", "--threshold", text, "Li2021_TiS2"])
        said = capsys.readouterr().err.strip().splitlines()[-1]
        with pytest.raises(ValueError) as api:
            _check_threshold(float(text))
        assert said.endswith("argument --threshold: " + ranges.UTILISATION.refusal("--threshold", float(text), text))
        assert str(api.value) == ranges.UTILISATION.refusal("threshold", float(text))
        assert ("did you give %? 80 % = 0.8" in said) == (text == "80"), said


def _d_ref(value):
    from pybamm_aea.parameters import Li2021_Mo6S8

    host = Li2021_Mo6S8.MO6S8_HOST
    return _host(phases=(dataclasses.replace(host.phases[0], D_ref=value),) + host.phases[1:])


def _threshold(value):
    from pybamm_aea.screening import _check_threshold

    return _check_threshold(value)


def _numbers(value):
    """``value`` as a Python float, a NumPy float64 and a 0-d array of it."""
    import numpy as np

    return [value, np.float64(value), np.array(value)]


#: (the site, a value at each end of its range it takes): the composite's porosity [0, 1), a Host's T_ref and D_ref
#: (0, inf), a screen's threshold (0, 1], an electrode's porosity [0, 1), rest_tol [0, inf), a screen's axis (0, inf)
#: and an initial state of charge [0, 1]
_ENDS = [(_make_up, 0.0), (_make_up, 1 - 2 ** -52), (lambda v: _host(T_ref=v), 1e-300), (_d_ref, 1e-300),
         (_threshold, 1.0), (_threshold, 5e-324), (lambda v: _electrode({"Mo6S8": 1.0}, v), 0.0),
         (_cycle_summaries, 0.0), (lambda v: __import__("pybamm_aea.screening").screening._axis("c_rates", v), 5e-324),
         (_soc, 0.0), (_soc, 1.0)]


@pytest.mark.parametrize("call, value", [(call, v) for call, end in _ENDS for v in _numbers(end)])
def test_a_moved_site_takes_its_ends_as_any_real_number(call, value):
    """A 0-d array or a NumPy float at a moved site is the number it holds: ``make_up(porosity=np.array(0.2))``
    raised "porosity must be < 1, got 0.2" and ``Host(T_ref=np.array(300.))`` "TypeError: unsupported format string
    passed to NoneType.__format__" in session 54 (Range.contains takes no array; the refusal formatted high=None)."""
    call(value)


@pytest.mark.parametrize("call, value, error", [
    (_make_up, False, TypeError), (_make_up, True, TypeError), (_make_up, "0.3", TypeError),
    (lambda v: _host(T_ref=v), True, TypeError), (lambda v: _host(T_ref=v), "300", TypeError),
    (_d_ref, True, TypeError), (_threshold, True, ValueError), (_threshold, "0.5", ValueError),
    (lambda v: _material(density=v), True, ValueError), (lambda v: _electrode({"Mo6S8": 1.0}, v), False, ValueError),
])
def test_a_moved_site_refuses_a_bool_or_text_by_type(call, value, error):
    """A bool or text is refused as not a number, by the error type the site gave before its move (``porosity=False``
    was "porosity must be < 1, got 0", ``Host(T_ref=True)`` the format's TypeError), naming it."""
    with pytest.raises(error, match="must be a (real|finite) number") as refused:
        call(value)
    assert repr(value) in str(refused.value)


def test_a_refusal_never_fails_on_a_value_its_bounds_do_not_refuse():
    """``POSITIVE.refusal("x", 5)`` (high None) raised TypeError from a format; a switch's value not among its
    ``only`` was said as above the high end."""
    assert ranges.POSITIVE.refusal("x", 5) == "x must be in (0, inf), got 5"
    assert ranges.Range(0.0, 1.0, only=(0.0, 1.0)).refusal("s", 0.5) == "s must be in {0, 1}, got 0.5"
    assert ranges.POSITIVE.refusal("x", -1) == "x must be > 0, got -1"


def test_an_accessible_fraction_of_1_2_is_no_percent_slip():
    """``accessible_fraction=1.2`` said "did you give %? 1.2 % = 0.012" (session 54): a share's range,
    ranges.UTILISATION, as the screen's threshold and the SOC, gives no % reading below 0.05."""
    with pytest.raises(ValueError) as refused:
        _s_c_lgps(accessible_fraction=1.2)
    assert str(refused.value) == "accessible_fraction must be <= 1, got 1.2"


@pytest.mark.parametrize("label, value, words", [
    ("particle_radius_m", True, "must be a real number, got True, a truth value"),
    ("particle_radius_m", "1e-7", "must be a real number, got '1e-7'"),
    ("temperature_K", "343", "must be a real number, got '343'"),
    ("accessible_fraction", True, "must be a real number, got True"),
    ("sulfur_diffusivity_m2_s", float("inf"), "sulfur_diffusivity_m2_s must be finite, got inf"),
    ("temperature_K", float("inf"), "temperature_K must be finite, got inf"),
])
def test_the_s_c_lgps_cell_refuses_what_is_no_finite_number(label, value, words):
    """``particle_radius_m=True`` or "1e-7", ``temperature_K="343"``: float() took them (True as a 1 m particle) until
    session 54; inf, taken until session 54 (MB), is refused as not finite."""
    with pytest.raises(ValueError, match="must be") as refused:
        _s_c_lgps(**{label: value})
    assert words in str(refused.value), str(refused.value)


def test_an_arrays_refusal_names_the_index_of_its_first_value_outside():
    """``fit_compaction([36, 100, 200, 360], [0.3, 0.25, 1.2, 0.15])`` said "porosity_fraction must be < 1, got 1.2"
    (which of the 4?); the % hint judged on that value, 1.2, as before."""
    with pytest.raises(ValueError) as refused:
        _fit_compaction([36, 100, 200, 360], [0.3, 0.25, 1.2, 0.15])
    assert str(refused.value).startswith("porosity_fraction[2] must be < 1, got 1.2 (1.2 = 120 %)"), str(refused.value)
    from pybamm_aea.energy._common import first_outside

    with pytest.raises(ValueError, match=r"^x\[1, 0\] must be >= 0, got -2$"):
        first_outside(ranges.NON_NEGATIVE, [[1.0, 2.0], [-2.0, -3.0]], "x")
    with pytest.raises(ValueError, match=r"^x must be >= 0, got -2$"):  # (a scalar: no index)
        first_outside(ranges.NON_NEGATIVE, -2.0, "x")


@pytest.mark.parametrize("text, item", [("1,-2", "-2"), ("0.5, inf", "inf"), ("0,1", "0")])
def test_a_screens_axis_is_refused_as_the_python_api_refuses_it(capsys, text, item):
    """``screen --c-rates 1,-2`` said "positive numbers expected, got '1,-2'" and took inf (1,inf ran), while
    ``screen(c_rates=[1, -2])`` says "c_rates must be > 0, got -2": one rule, ranges.POSITIVE, in its words."""
    from pybamm_aea.cli import main
    from pybamm_aea.screening import _axis

    with pytest.raises(SystemExit):
        main(["screen", "--materials", "Li2021_TiS2", "--c-rates", text])
    said = capsys.readouterr().err.strip().splitlines()[-1]
    assert said.endswith("argument --c-rates: " + ranges.POSITIVE.refusal("--c-rates", float(item), item)), said
    with pytest.raises(ValueError) as api:
        _axis("c_rates", [float(v) for v in text.split(",")])
    assert str(api.value) == ranges.POSITIVE.refusal("c_rates", float(item))


@pytest.mark.parametrize("value, words", [
    (0.95, "must be <= 0.9, got 0.95 (a pressed compact of at least 10 vol% solid)"),
    (40, "(40 = 4000 %); did you give %? 40 % = 0.4"), (-0.1, "must be >= 0, got -0.1")])
def test_a_compacts_porosity_is_one_range_for_the_record_and_the_cell(value, words):
    """A record's ``porosity`` was (0, 0.9] and ``parameter_values(porosity=...)`` [0, 0.9], two statements of one
    fact (a dense electrode, 0, refused in the record and taken by the cell); 40 typed for 40 % was not said so.
    One range, material.COMPACT_POROSITY: 0 taken by both, the rest refused by both in one wording."""
    from pybamm_aea.materials import MaterialError, get_material
    from pybamm_aea.materials.material import COMPACT_POROSITY

    assert _material(porosity=0.0).porosity == 0.0
    assert get_material("TiS2").parameter_values(porosity=0.0)["Cathode porosity"] == 0.0
    for call, name in ((lambda: _material(porosity=value), "material 'TiS2': 'porosity' [-]"),
                       (lambda: get_material("TiS2").parameter_values(porosity=value), "porosity")):
        with pytest.raises(MaterialError) as refused:
            call()
        assert str(refused.value) == COMPACT_POROSITY.refusal(name, value)
        assert words in str(refused.value)
    assert "did you give" not in COMPACT_POROSITY.refusal("porosity", 1.5)  # (1.5 %: no compact's porosity)


def test_a_voltage_above_zero_is_one_range():
    """``VOLTAGE_ABOVE_ZERO`` was built three times (materials, the energy model, ``energy --voltage``)."""
    from pybamm_aea.cli import _args
    from pybamm_aea.energy._common import check_voltage_vs_li
    from pybamm_aea.materials import material

    assert material.VOLTAGE_ABOVE_ZERO is ranges.VOLTAGE_ABOVE_ZERO
    with pytest.raises(ValueError) as api:
        check_voltage_vs_li(0.0, "voltage", above_zero=True)
    assert str(api.value) == ranges.VOLTAGE_ABOVE_ZERO.refusal("voltage", 0.0) == "voltage must be > 0, got 0"
    with pytest.raises(__import__("argparse").ArgumentTypeError) as cli:
        _args.float_in("--voltage", rng="VOLTAGE_ABOVE_ZERO")("0")
    assert str(cli.value) == "--voltage must be > 0, got 0"


def test_ten_volts_typed_keeps_its_mv_hint():
    """The slip's fifth is the greatest implausible reading, compared with "<=" (session 55, one rule with the stack
    pressure's atmosphere): the voltage's is the float just below 10 mV, so 10 typed keeps "did you give mV?" (10 mV
    the least plausible reading, as since session 51) and 9.99 gets none."""
    assert ranges.voltage_hint(10).endswith("did you give mV? 10 mV = 0.01 V")
    assert ranges.voltage_hint(9.99) == ""


@pytest.mark.parametrize("where", ["ranges.UTILISATION", "material.COMPACT_POROSITY", "initial_state._STATE_OF_CHARGE"])
def test_a_share_typed_as_exactly_5_is_read_as_percent_and_4_9_is_not(where):
    """Each share's % slip reads from 5 (5 %) on, as its docs say: review R29 found 5 silenced in session 55 (the
    slip's fifth compared with "<=", made to keep one atmosphere quiet, turned the three shares' 0.05 from the least
    plausible reading into the greatest implausible one); the pressure keeps its own bound (LEAST_PRESSED_MPA)."""
    from pybamm_aea import initial_state  # noqa: F401 - the three ranges' modules
    from pybamm_aea.materials import material  # noqa: F401
    module, name = where.split(".")
    rng = getattr({"ranges": ranges, "material": material, "initial_state": initial_state}[module], name)
    assert rng.refusal("x", 5).endswith("(5 = 500 %); did you give %? 5 % = 0.05"), rng.refusal("x", 5)
    assert "did you give %" not in rng.refusal("x", 4.9)
