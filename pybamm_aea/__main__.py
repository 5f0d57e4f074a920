"""``python -m pybamm_aea`` / ``pybamm-aea``: run the built-in AEA demonstration.

Runs the paper's two single-host AEA cells (Mo6S8 and TiS2, 1.5 mg/cm2, 70 C) through the same
``pybamm.Experiment`` (first discharge, charge, second discharge at 0.1C), prints their
electrode-level figures of merit next to the paper's, shows the compiled lever-rule kernel on
the Mo6S8 run (the in-situ XRD picture) and lists what is registered with PyBaMM.
"""
import argparse
import sys
import time


def _experiment(low, high):
    import pybamm

    return pybamm.Experiment(
        [
            f"Discharge at 0.1C until {low} V",
            f"Charge at 0.1C until {high} V",
            f"Discharge at 0.1C until {low} V",
        ]
    )


def _step_figures(step, mass_g, volume_L):
    Q = step["Discharge capacity [A.h]"].entries
    E = step["Discharge energy [W.h]"].entries
    q = abs(Q[-1] - Q[0])
    e = abs(E[-1] - E[0])
    return q * 1e3 / mass_g, e * 1e3 / mass_g, e / volume_L


def run_demo(out=sys.stdout):
    """Run the demonstration and write its report to ``out``. Returns the result rows."""
    import pybamm

    from pybamm_aea import AEA
    from pybamm_aea.phases import MO6S8_PHASES, average_phase_fractions

    cells = [
        ("AEA Mo6S8 (LMS)", "Li2021_Mo6S8", 1.8, 2.8, "130 / 90 mAh/g"),
        ("AEA TiS2 (LTS)", "Li2021_TiS2", 1.0, 3.0, "213 / >180 mAh/g"),
    ]
    rows = []
    solutions = {}
    for label, pset, low, high, paper in cells:
        values = pybamm.ParameterValues(pset)
        sim = pybamm.Simulation(AEA(), parameter_values=values, experiment=_experiment(low, high))
        t0 = time.perf_counter()
        sol = sim.solve()
        wall = time.perf_counter() - t0
        steps = [s for c in sol.cycles for s in c.steps]
        mass_g = sol["Cathode electrode mass [g]"].entries[0]
        volume_L = sol["Cathode electrode volume [L]"].entries[0]
        first = _step_figures(steps[0], mass_g, volume_L)
        second = _step_figures(steps[2], mass_g, volume_L)
        rows.append((label, first[0], second[0], second[1], second[2], paper, wall))
        solutions[pset] = sol

    print("pybamm-aea: all-electrochem-active cathodes, 0.1C, 70 C, Li metal anode", file=out)
    print("(Li et al., Adv. Mater. 2021, 33, 2008723)\n", file=out)
    header = (
        f"{'cell':<18}{'1st dis.':>10}{'2nd dis.':>10}{'Wh/kg':>9}{'Wh/L':>9}"
        f"  {'paper 1st/rev.':<18}{'solve [s]':>9}"
    )
    print(header, file=out)
    print(f"{'':<18}{'mAh/g':>10}{'mAh/g':>10}{'electrode, 2nd dis.':>18}", file=out)
    for label, q1, q2, eg, ev, paper, wall in rows:
        print(f"{label:<18}{q1:>10.1f}{q2:>10.1f}{eg:>9.0f}{ev:>9.0f}  {paper:<18}{wall:>9.2f}", file=out)

    sol = solutions["Li2021_Mo6S8"]
    t, fractions = average_phase_fractions(sol)
    print("\nLixMo6S8 phase fractions by the lever rule (compiled kernel), Mo6S8 cell:", file=out)
    print(f"{'time [h]':>9}  " + "".join(f"{p:>7}" for p in MO6S8_PHASES), file=out)
    for k in [0, len(t) // 4, len(t) // 2, 3 * len(t) // 4, len(t) - 1]:
        print(f"{t[k] / 3600:>9.2f}  " + "".join(f"{f:>7.2f}" for f in fractions[k]), file=out)

    print("\nRegistered with PyBaMM:", file=out)
    print("  models:         ", ", ".join(k for k in pybamm.dispatch.models if k == "AEA"), file=out)
    ours = [k for k in pybamm.parameter_sets if k.startswith("Li2021_")]
    print("  parameter sets: ", ", ".join(sorted(ours)), file=out)
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="pybamm-aea",
        description=(
            "Run the built-in AEA demonstration: the paper's Mo6S8 and TiS2 all-electrochem-"
            "active cells through one PyBaMM experiment at 0.1C and 70 C, with electrode-level "
            "capacity (mAh per g of electrode) and energy (Wh/kg, Wh/L of electrode)."
        ),
    )
    parser.parse_args(argv)
    run_demo()
    return 0


if __name__ == "__main__":
    sys.exit(main())
