"""Speed of the AEA model against PyBaMM's own half-cell DFN, side by side in one process.

Runs ``python benchmarks/bench_model.py [--repeats N] [--cycles N]``. Two experiments on each
model: a 1C discharge, and N cycles (default 100) of C/10 discharge / rest / C/10 charge / rest.
The PyBaMM reference is ``pybamm.lithium_ion.DFN({"working electrode": "positive"})`` with the
Xu2019 half-cell parameter set (NMC532 vs Li metal), the nearest built-in analogue of the AEA
half cell. Both use PyBaMM's IDAKLU solver and their default meshes. Setup = building the
``Simulation`` and the experiment models (parameterise + discretise); solve = integration.
Medians over the repeats are printed, with the ratio AEA / DFN (below 1 means AEA is faster), for
the multi-phase host (``"host thermodynamics": "multi-phase"``: Cahn-Hilliard, 20 cells) and for
the lever-rule host (the current default: Fickian, 10 cells), both on ``Li2021_Mo6S8``.
"""
import argparse
import statistics
import time

import pybamm

from pybamm_aea import AEA

from _machine import machine_line  # a sibling module: the benchmarks run as scripts


def cases(n_cycles):
    aea_cycle = ["Discharge at 0.1C until 1.8 V", "Rest for 10 minutes",
                 "Charge at 0.1C until 2.8 V", "Rest for 10 minutes"]
    dfn_cycle = ["Discharge at 0.1C until 3.5 V", "Rest for 10 minutes",
                 "Charge at 0.1C until 4.2 V", "Rest for 10 minutes"]
    return {
        "1C discharge": (
            pybamm.Experiment(["Discharge at 1C until 1.8 V"]),
            pybamm.Experiment(["Discharge at 1C until 3.5 V"]),
        ),
        f"{n_cycles} cycles C/10 with rests": (
            pybamm.Experiment([tuple(aea_cycle)] * n_cycles),
            pybamm.Experiment([tuple(dfn_cycle)] * n_cycles),
        ),
    }


def time_one(make_sim, save_at_cycles=None):
    t0 = time.perf_counter()
    sim = make_sim()
    sim.build_for_experiment()
    t1 = time.perf_counter()
    sol = sim.solve(save_at_cycles=save_at_cycles)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, sol


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per case (median reported)")
    parser.add_argument("--cycles", type=int, default=100, help="cycles in the cycling case")
    args = parser.parse_args(argv)

    print(machine_line())
    print(f"pybamm {pybamm.__version__}, solver IDAKLU\n")
    print(f"{'case':<30}{'model':<22}{'setup [s]':>10}{'solve [s]':>10}{'total [s]':>10}")
    for name, (exp_aea, exp_dfn) in cases(args.cycles).items():
        results = {}
        models = {
            "AEA multi-phase": lambda e=exp_aea: pybamm.Simulation(
                AEA({"host thermodynamics": "multi-phase"}), experiment=e
            ),
            "AEA lever rule": lambda e=exp_aea: pybamm.Simulation(
                AEA({"host thermodynamics": "lever rule"}), experiment=e
            ),
            "DFN half cell (Xu2019)": lambda e=exp_dfn: pybamm.Simulation(
                pybamm.lithium_ion.DFN({"working electrode": "positive"}),
                parameter_values=pybamm.ParameterValues("Xu2019"),
                experiment=e,
            ),
        }
        for label, make in models.items():
            setups, solves = [], []
            for _ in range(args.repeats):
                setup, solve, sol = time_one(make)
                setups.append(setup)
                solves.append(solve)
            s, v = statistics.median(setups), statistics.median(solves)
            results[label] = s + v
            n_cyc = len(sol.cycles)
            print(f"{name:<30}{label:<22}{s:>10.3f}{v:>10.3f}{s + v:>10.3f}   ({n_cyc} cycles run)")
        a, r, d = results.values()
        print(f"{'':<30}{'ratio multi-phase / DFN':<22}{'':>10}{'':>10}{a / d:>10.2f}")
        print(f"{'':<30}{'ratio lever rule / DFN':<22}{'':>10}{'':>10}{r / d:>10.2f}\n")


if __name__ == "__main__":
    main()
