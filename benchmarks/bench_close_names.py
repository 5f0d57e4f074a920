"""How often :func:`pybamm_aea.user_input.close_names` suggests the name meant, and another name, for plausible
typos of the package's real names.

``python benchmarks/bench_close_names.py [--cutoff 0.6] [--seed 0]``

Names: every key of the package's registered sets (``AEA_*``, ``Li2021_*``) and of
:data:`pybamm_aea.models.checks.RANGES`; the variables of the AEA model under each option value; the AEA option
names, and each option's values. Typos of each name (a fixed random choice): up to 3 letters dropped, 3 adjacent
pairs swapped, 3 letters of the wrong case, and the whole name in lower case (a typo that is another known name is
skipped). Other quantities: PyBaMM's own parameter names (Chen2020, Xu2019, Ecker2015, OKane2022, Marquis2019)
and its half-cell DFN's variables that the AEA lists lack, each looked up among the AEA names (a suggestion there is
mostly another quantity: 'Negative electrode porosity' -> 'Positive electrode porosity').

Measured (2026-12-04, seed 0; 3581 typos): before session 39 (difflib's ratio, case-blind, up to 3 names) the name
meant was first for 99.9 % and another name was listed for 86.4 % at cutoff 0.6 (54.9 % at 0.8, the cutoff of
warn_unknown_parameters), and 76 of 81 PyBaMM parameter names (22 at 0.8) got a suggestion; with the fewest-edits
rule the name meant is first for 99.6 % (99.0 % at 0.8), another name listed for 0.4 % (0.3 %), 11 of 81 (11).
"""
import argparse
import random


def names():
    """{list name: names} of the package, and (PyBaMM's parameter names, its DFN's variables) not among them."""
    import pybamm

    import pybamm_aea
    from pybamm_aea.models.aea import AEAOptions
    from pybamm_aea.models.checks import RANGES

    sets = [s for s in pybamm.parameter_sets if s.startswith(("AEA_", "Li2021_"))]
    params = sorted({k for s in sets for k in pybamm.ParameterValues(s).keys()} | set(RANGES))
    variables = set()
    for key, values in AEAOptions.POSSIBLE.items():
        for value in values:
            options = {key: value, **({"host thermodynamics": "lever rule"} if key == "hysteresis" else {})}
            variables |= set(pybamm_aea.AEA(options).variables.keys())
    lists = {"parameters": params, "variables": sorted(variables), "option names": sorted(AEAOptions.POSSIBLE)}
    lists.update({f"values of {k!r}": list(v) for k, v in AEAOptions.POSSIBLE.items()})
    pybamm_sets = ("Chen2020", "Xu2019", "Ecker2015", "OKane2022", "Marquis2019")
    foreign_p = sorted({k for s in pybamm_sets for k in pybamm.ParameterValues(s).keys()} - set(params))
    dfn = pybamm.lithium_ion.DFN({"working electrode": "positive"})
    return lists, foreign_p, sorted(set(dfn.variables.keys()) - variables)


def typos(name, rng, k=3):
    """Typos of ``name``: up to ``k`` letters dropped, ``k`` adjacent pairs swapped, ``k`` letters' case changed,
    and the name in lower case."""
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    pairs = [i for i in range(len(name) - 1) if name[i] != name[i + 1] and (name[i] + name[i + 1]).strip()]
    return ([name[:i] + name[i + 1:] for i in rng.sample(letters, min(k, len(letters)))]
            + [name[:i] + name[i + 1] + name[i] + name[i + 2:] for i in rng.sample(pairs, min(k, len(pairs)))]
            + [name[:i] + name[i].swapcase() + name[i + 1:] for i in rng.sample(letters, min(k, len(letters)))]
            + ([name.lower()] if name.lower() != name else []))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cutoff", type=float, default=0.6)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    from pybamm_aea.user_input import close_names

    lists, foreign_p, foreign_v = names()
    rng = random.Random(args.seed)
    print("| names | typos | meant first | meant listed | none | another listed |\n| --- | ---: | ---: | ---: | ---: | ---: |")
    total = [0] * 5
    for label, known in lists.items():
        lower = {k.lower() for k in known}
        counts = [0] * 5
        for name in known:
            for typo in typos(name, rng):
                if typo.lower() in lower and typo.lower() != name.lower():
                    continue
                got = close_names(typo, known, cutoff=args.cutoff)
                for i, hit in enumerate((True, got[:1] == [name], name in got, not got, any(g != name for g in got))):
                    counts[i] += hit
        total = [t + c for t, c in zip(total, counts)]
        print(f"| {label} | {counts[0]} | " + " | ".join(f"{c / counts[0]:.1%}" for c in counts[1:]) + " |")
    print(f"| all | {total[0]} | " + " | ".join(f"{c / total[0]:.1%}" for c in total[1:]) + " |")
    for what, others, known in (("PyBaMM parameter names", foreign_p, lists["parameters"]),
                                ("PyBaMM DFN variables", foreign_v, lists["variables"])):
        got = [(o, close_names(o, known, cutoff=args.cutoff)) for o in others]
        got = [g for g in got if g[1]]
        print(f"\n{what} not of the AEA model given a suggestion: {len(got)} of {len(others)}")
        for other, suggested in got:
            print(f"  {other!r} -> {suggested}")


if __name__ == "__main__":
    main()
