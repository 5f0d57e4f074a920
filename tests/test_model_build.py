"""The AEA model's assembly: every option combination builds and is well posed; PyBaMM's build machinery (order-free
coupling, errors naming a missing or doubly published variable); option values from one source."""
import itertools

import pybamm
import pytest

from pybamm_aea.models.aea import AEA, AEAOptions


def pairwise_covering(possible):
    """Option dicts that together hold every value of every option and every pair of values of two options
    (greedy, deterministic). With n options of two values each this is ~log(n) times 4 rows instead of 2**n."""
    names = list(possible)
    uncovered = {((a, va), (b, vb)) for a, b in itertools.combinations(names, 2)
                 for va in possible[a] for vb in possible[b]}
    rows = []
    while uncovered:
        (a, va), (b, vb) = min(uncovered, key=lambda p: (names.index(p[0][0]), names.index(p[1][0]), str(p)))
        row = {a: va, b: vb}
        for name in names:
            if name in row:
                continue

            def gain(value):
                return sum(((m, row[m]), (name, value)) in uncovered or ((name, value), (m, row[m])) in uncovered
                           for m in row)

            row[name] = max(possible[name], key=gain)
        uncovered -= {((m, row[m]), (k, row[k])) for m, k in itertools.combinations(names, 2)}
        rows.append(row)
    return rows


COVERING = pairwise_covering(AEAOptions.POSSIBLE)


def test_covering_set_covers_every_pair_of_option_values():
    names = list(AEAOptions.POSSIBLE)
    for a, b in itertools.combinations(names, 2):
        for va, vb in itertools.product(AEAOptions.POSSIBLE[a], AEAOptions.POSSIBLE[b]):
            assert any(row[a] == va and row[b] == vb for row in COVERING), (a, va, b, vb)
    assert len(COVERING) < 20  # and it stays small as options are added


@pytest.mark.parametrize("options", COVERING, ids=lambda o: ",".join(v for v in o.values()))
def test_option_combinations_build_and_are_well_posed(options):
    """Every value of every option, and every pair of values of two options (the pairwise covering set of
    AEAOptions.POSSIBLE, so new options are covered without editing this test)."""
    model = AEA(options)
    model.check_well_posedness()
    assert model.options == AEAOptions(options)


@pytest.mark.slow
def test_every_option_combination_builds_and_is_well_posed():
    """The whole product of AEAOptions.POSSIBLE (256 models with 8 two-valued options)."""
    names = list(AEAOptions.POSSIBLE)
    for values in itertools.product(*AEAOptions.POSSIBLE.values()):
        AEA(dict(zip(names, values))).check_well_posedness()


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
