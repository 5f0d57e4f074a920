"""The AEA model's assembly: every option combination builds and is well posed; PyBaMM's build machinery (order-free
coupling, errors naming a missing or doubly published variable); option values from one source."""
import itertools
import re

import pybamm
import pytest

from pybamm_aea.models.aea import AEA, AEAOptions


def valid_combinations(possible):
    """Every complete option dict of the product that AEAOptions accepts (some values exclude others, e.g. the
    multi-phase host takes only the 'Li0 phase' ionic switch)."""
    names = list(possible)
    rows = []
    for values in itertools.product(*possible.values()):
        row = dict(zip(names, values))
        try:
            AEAOptions(row)
        except pybamm.OptionError:
            continue
        rows.append(row)
    return rows


def _pairs(row):
    return set(itertools.combinations(sorted(row.items()), 2))


def pairwise_covering(possible):
    """Valid option dicts that together hold every value of every option and every pair of values of two options
    that some valid combination holds (greedy set cover over the valid product, deterministic): with n two-valued
    options about 2 log2(n) + 4 rows instead of 2**n."""
    candidates = valid_combinations(possible)
    uncovered = set().union(*(_pairs(row) for row in candidates))
    rows = []
    while uncovered:
        best = max(candidates, key=lambda row: len(_pairs(row) & uncovered))
        uncovered -= _pairs(best)
        rows.append(best)
    return rows


COVERING = pairwise_covering(AEAOptions.POSSIBLE)

def _case(options):
    return pytest.param(options, id=",".join(options.values()))


def test_covering_set_covers_every_pair_of_option_values():
    """Each value of each option is in the set, and each pair of values of two options unless no valid
    combination has it (then AEAOptions refuses the pair itself)."""
    names = list(AEAOptions.POSSIBLE)
    for a, b in itertools.combinations(names, 2):
        for va, vb in itertools.product(AEAOptions.POSSIBLE[a], AEAOptions.POSSIBLE[b]):
            if not any(row[a] == va and row[b] == vb for row in COVERING):
                with pytest.raises(pybamm.OptionError):
                    AEAOptions({a: va, b: vb})
    for name, values in AEAOptions.POSSIBLE.items():
        assert {row[name] for row in COVERING} == set(values), name
    assert len(COVERING) < 20  # and it stays small as options are added


@pytest.mark.parametrize("options", [_case(o) for o in COVERING])
def test_option_combinations_build_and_are_well_posed(options):
    """Every value of every option, and every pair of values of two options (the pairwise covering set of
    AEAOptions.POSSIBLE, so new options are covered without editing this test)."""
    model = AEA(options)
    model.check_well_posedness()
    assert model.options == AEAOptions(options)


@pytest.mark.slow
def test_every_option_combination_builds_and_is_well_posed():
    """The whole valid product of AEAOptions.POSSIBLE (384 of its 768 combinations with the options of now)."""
    for options in valid_combinations(AEAOptions.POSSIBLE):
        AEA(options).check_well_posedness()


def test_build_does_not_depend_on_the_submodel_order():
    reference = AEA()
    model = AEA(build=False)
    model.submodels = dict(reversed(list(model.submodels.items())))
    model.build_model()
    assert set(model.variables.keys()) == set(reference.variables.keys())
    assert {v.name for v in model.rhs} == {v.name for v in reference.rhs}
    model.check_well_posedness()


def test_missing_variable_is_a_model_error_naming_it():
    model = AEA(build=False)
    del model.submodels["separator"]
    with pytest.raises(pybamm.ModelError, match="Missing variable for submodel"):
        model.build_model()


def test_variable_published_twice_is_a_model_error_naming_it():
    model = AEA(build=False)
    model.submodels["second transport"] = model.submodels["cathode solid transport"]
    with pytest.raises(pybamm.ModelError, match="published by submodels .cathode solid transport. and .second transport."):
        model.build_model()


def test_submodel_table_must_match_the_option_values(monkeypatch):
    monkeypatch.setitem(AEAOptions.POSSIBLE, "anode", ("lithium metal", "Li-In", "graphite"))
    with pytest.raises(pybamm.ModelError, match="'anode' covers"):
        AEA()


def test_unknown_option_and_value_are_named():
    with pytest.raises(pybamm.OptionError, match="Unknown AEA option 'anodes'"):
        AEA({"anodes": "Li-In"})
    with pytest.raises(pybamm.OptionError, match="'anode' cannot be 'graphite'"):
        AEA({"anode": "graphite"})
    # an option the host does not use is an error, not ignored (it gave the default's curve)
    with pytest.raises(pybamm.OptionError, match="'hysteresis': 'none' is an option of the lever-rule host"):
        AEA({"hysteresis": "none"})


def test_options_round_trip_and_pybamm_keys_at_their_one_value():
    """model.options lists PyBaMM's keys ("working electrode": "positive", ...), and giving them back was
    "Unknown AEA option 'calculate discharge energy'": AEA(dict(model.options)) failed, and so did
    {"working electrode": "positive"} written as for PyBaMM's half cells. Their one value is accepted, another
    refused naming it and the value the model has."""
    model = AEA({"anode": "Li-In"}, build=False)
    assert AEA(dict(model.options), build=False).options == model.options
    assert AEAOptions({"working electrode": "positive", "operating mode": "current"}) == AEAOptions()
    with pytest.raises(pybamm.OptionError, match="'operating mode' cannot be 'voltage' on the AEA model; its only "
                                                 "value is 'current'.*pybamm.step.voltage"):
        AEA({"operating mode": "voltage"}, build=False)
    with pytest.raises(pybamm.OptionError, match="'working electrode' cannot be 'both'.*half cell"):
        AEAOptions({"working electrode": "both"})


def test_thermal_option_isothermal_accepted_and_others_refused_pointing_to_known_limits():
    """"thermal": "isothermal" (PyBaMM's default) was "Unknown AEA option 'thermal'", and so was "lumped" with no
    word that the model is isothermal (trial WG, finding 6). "isothermal" and "lumped" (session 64) are accepted and
    kept through a model's options; "x-full" is refused naming the values, what each means and the known-limits
    section."""
    assert AEAOptions({"thermal": "isothermal"}) == AEAOptions()
    assert AEA(build=False).options["thermal"] == "isothermal"
    lumped = AEA({"thermal": "lumped"}, build=False)
    assert lumped.options["thermal"] == "lumped" and AEAOptions(lumped.options)["thermal"] == "lumped"
    assert AEAOptions(lumped.options).possible("thermal") == ["isothermal", "lumped"]
    with pytest.raises(pybamm.OptionError, match="'thermal' cannot be 'x-full' on the AEA model; its values are "
                                                 "'isothermal', 'lumped'.*Ambient temperature.*"
                                                 "Irreversible heat \\[W\\].*lumped.*known_limits"):
        AEA({"thermal": "x-full"}, build=False)


def test_options_assigned_to_a_model_are_validated():
    """``model.options = {"anod": 1}`` was kept as given (PyBaMM's battery models validate an assignment); now it is
    checked as AEA(options) checks them, and a valid one is the full AEAOptions."""
    model = AEA(build=False)
    with pytest.raises(pybamm.OptionError, match="Unknown AEA option 'anod'"):
        model.options = {"anod": 1}
    model.options = {"anode": "Li-In"}
    assert isinstance(model.options, AEAOptions) and model.options == AEAOptions({"anode": "Li-In"})


def test_print_options_lists_each_option_its_value_and_its_possible_values(capsys):
    """Trial QH (session 58): ``model.options.print_options()`` and ``.print_detailed_options()`` raised AttributeError
    ('AEAOptions' object has no attribute 'print_options'; PyBaMM's SPM prints 39 and 211 lines). Now one line per
    option, as PyBaMM's: its value and its possible values from AEAOptions.POSSIBLE (the keys PyBaMM reads: their one
    value); the detailed print adds what each option means (the docstring) and why each PyBaMM key has one value."""
    options = AEA({"anode": "Li-In", "interphase growth": "stability window"}, build=False).options
    options.print_options()
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(options) == len(AEAOptions.POSSIBLE) + 5  # the 5 keys PyBaMM reads
    parsed = {}
    for line in lines:
        match = re.fullmatch(r"'(.+)': '(.+)' \(possible: \[(.+)\]\)", line)
        assert match, line
        parsed[match[1]] = (match[2], [value.strip("'") for value in match[3].split("', '")])
    # (the keys PyBaMM reads: their one value, but "thermal"'s two)
    thermal = {"thermal": ("isothermal", "lumped")}
    assert parsed == {key: (value, list(AEAOptions.POSSIBLE.get(key, thermal.get(key, (value,)))))
                      for key, value in options.items()}
    assert parsed["anode"] == ("Li-In", ["lithium metal", "Li-In"])
    assert parsed["interphase growth"] == ("stability window", ["none", "parabolic", "stability window"])
    assert parsed["working electrode"] == ("positive", ["positive"])
    options.print_detailed_options()
    detailed = capsys.readouterr().out
    assert detailed.splitlines()[:len(lines)] == lines
    assert "``\"host thermodynamics\"``: ``\"multi-phase\"`` (default" in detailed  # the docstring
    assert "- 'operating mode': 'current': the model is current-driven" in detailed


@pytest.mark.parametrize("call, suggested", [
    (lambda: AEAOptions({"Anode": "Li-In"}), "anode"),  # a wrong case (refused: names are case-sensitive)
    (lambda: AEAOptions({"anod": "Li-In"}), "anode"),  # a misspelling
    (lambda: AEAOptions({"anode": "li-in"}), "Li-In"),
    (lambda: AEAOptions({"anode": "Li-Inn"}), "Li-In"),
    (lambda: setattr(AEA(), "summary_variables", ["voltage [V]"]), "Voltage [V]"),
    (lambda: setattr(AEA(), "summary_variables", ["Voltag [V]"]), "Voltage [V]"),
], ids=['option Anode', 'option anod', 'anode li-in', 'anode Li-Inn', 'summary voltage [V]', 'summary Voltag [V]'])
def test_a_refused_option_or_variable_name_gets_the_close_names(call, suggested):
    """An unknown option, option value or summary variable listed the known names (or none) but suggested none."""
    with pytest.raises((pybamm.OptionError, KeyError), match=re.escape(f"did you mean [{suggested!r}")):
        call()
