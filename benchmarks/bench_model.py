"""Speed of the AEA model against PyBaMM's own half-cell DFN, side by side in one process.

Runs ``python benchmarks/bench_model.py [--repeats N] [--cycles N]``. Two experiments on each
model: a 1C discharge, and N cycles (default 100) of C/10 discharge / rest / C/10 charge / rest.
The PyBaMM reference is ``pybamm.lithium_ion.DFN({"working electrode": "positive"})`` with the
Xu2019 half-cell parameter set (NMC532 vs Li metal), the nearest built-in analogue of the AEA
half cell. Both use PyBaMM's IDAKLU solver and their default meshes. Setup = building the
``Simulation`` and the experiment models (parameterise + discretise); solve = integration.
The models take turns within each repeat (so a change of load on a shared machine hits all
three alike); medians over the repeats are printed, wall-clock and CPU time of this process
(``time.process_time``: what the solve costs, less sensitive to other jobs on the machine than
the wall clock), with the ratios AEA / DFN (below 1 means AEA is faster), for
the multi-phase host (``"host thermodynamics": "multi-phase"``, the default: Cahn-Hilliard, 20
cells) and for the lever-rule host (the reduced option: Fickian, 10 cells), both on
``Li2021_Mo6S8``. A third AEA row runs the multi-phase host with PyBaMM's ahead-of-time compiled
functions (``AEA().default_solver_with(compile=True)``: C code, ``gcc -O3``, cached on disk); the
cache starts empty in each run of this script, so its first repeat compiles (printed as "cold")
and the median is the cached time a second run of the same model and parameters gets.
Below each case, the solver's work (IDA's counters summed over the steps of the experiment, the
last repeat's: the same in each): states, internal steps, Jacobian evaluations (linear-solver
set-ups) and Newton iterations, per cycle, and the seconds IDA itself took (the sum of PyBaMM's
``integration_time`` over the solution's ``sub_solutions``, one per step: the wall clock of each
step's IDAKLU call) and per internal step [us], medians over the repeats as "solve" is (the rest of
"solve" is PyBaMM's set-up of each step's model and its Python work per step). Until session 56
the seconds were the last repeat's, beside the median solve: 7.664 s against a 6.818 s solve.
"""
import argparse
import os
import statistics
import tempfile
import time

import pybamm

from pybamm_aea import AEA

from _machine import machine_line  # a sibling module: the benchmarks run as scripts


#: the row of the multi-phase host with compiled functions
COMPILED = "AEA compiled (cached)"


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
    """(setup wall, solve wall, total CPU) [s] and the solution."""
    c0, t0 = time.process_time(), time.perf_counter()
    sim = make_sim()
    sim.build_for_experiment()
    t1 = time.perf_counter()
    sol = sim.solve(save_at_cycles=save_at_cycles)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, time.process_time() - c0, sol


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per case (median reported)")
    parser.add_argument("--cycles", type=int, default=100, help="cycles in the cycling case")
    args = parser.parse_args(argv)
    # an empty cache of compiled functions, so that the compiled row's first repeat compiles
    # (removed when main returns)
    cache = tempfile.TemporaryDirectory(prefix="pybamm_aea_bench_aot_")
    os.environ["PYBAMM_CASADI_AOT_CACHE"] = cache.name

    print(machine_line())
    print(f"pybamm {pybamm.__version__}, solver IDAKLU\n")
    print(f"{'case':<30}{'model':<24}{'setup [s]':>10}{'solve [s]':>10}{'total [s]':>10}{'CPU [s]':>10}")
    for name, (exp_aea, exp_dfn) in cases(args.cycles).items():
        models = {
            "AEA multi-phase": lambda e=exp_aea: pybamm.Simulation(
                AEA({"host thermodynamics": "multi-phase"}), experiment=e
            ),
            "AEA lever rule": lambda e=exp_aea: pybamm.Simulation(
                AEA({"host thermodynamics": "lever rule"}), experiment=e
            ),
            COMPILED: lambda e=exp_aea: pybamm.Simulation(
                AEA(), experiment=e, solver=AEA().default_solver_with(compile=True)
            ),
            "DFN half cell (Xu2019)": lambda e=exp_dfn: pybamm.Simulation(
                pybamm.lithium_ion.DFN({"working electrode": "positive"}),
                parameter_values=pybamm.ParameterValues("Xu2019"),
                experiment=e,
            ),
        }
        runs = {label: [] for label in models}
        n_cyc, work = {}, {label: [] for label in models}
        for _ in range(args.repeats):
            for label, make in models.items():
                setup, solve, cpu, sol = time_one(make)
                runs[label].append((setup, solve, cpu))
                n_cyc[label] = len(sol.cycles)
                work[label].append(solver_work(sol))
        wall, cpu = {}, {}
        for label, rows in runs.items():
            s, v, c = (statistics.median(col) for col in zip(*rows))
            wall[label], cpu[label] = s + v, c
            print(f"{name:<30}{label:<24}{s:>10.3f}{v:>10.3f}{s + v:>10.3f}{c:>10.3f}   ({n_cyc[label]} cycles run)")
        dfn = "DFN half cell (Xu2019)"
        cold = sum(runs[COMPILED][0][:2])
        print(f"{name:<30}{'AEA compiled, cold':<24}{'':>10}{'':>10}{cold:>10.3f}"
              f"{'':>10}   (first repeat: compiles; CPU omits the compiler's processes)")
        for label, short in (("AEA multi-phase", "multi-phase"), ("AEA lever rule", "lever rule"),
                             (COMPILED, "compiled")):
            print(f"{'':<30}{'ratio ' + short + ' / DFN':<24}{'':>10}{'':>10}"
                  f"{wall[label] / wall[dfn]:>10.2f}{cpu[label] / cpu[dfn]:>10.2f}")
        print(f"{'':<30}{'ratio compiled cold / DFN':<24}{'':>10}{'':>10}{cold / wall[dfn]:>10.2f}")
        print(f"{'  solver work per cycle':<30}{'':<24}{'states':>10}{'steps':>10}{'Jacobians':>10}"
              f"{'Newton':>10}{'IDA [s]':>10}{'IDA/step':>10}")
        for label, repeats in work.items():
            n = n_cyc[label]
            states, steps, jacs, newton, ida, per_step = median_work(repeats)
            print(f"{'':<30}{label:<24}{states:>10}{steps / n:>10.0f}{jacs / n:>10.0f}{newton / n:>10.0f}"
                  f"{ida:>10.3f}{per_step:>8.1f} us")
        print()


def solver_work(solution):
    """(states, steps, Jacobian evaluations, Newton iterations, IDA seconds) summed over the steps."""
    subs = solution.sub_solutions
    stats = [s.solver_statistics for s in subs if s.solver_statistics is not None]
    return (
        subs[0].y.shape[0],
        sum(s.number_of_steps for s in stats),
        sum(s.number_of_linear_solver_setups for s in stats),
        sum(s.number_of_nonlinear_solver_iterations for s in stats),
        sum(s.integration_time.value for s in subs),
    )


def median_work(repeats):
    """(states, steps, Jacobians, Newton iterations, IDA seconds, IDA us per step) of the :func:`solver_work` of
    each repeat: the counters the last repeat's, the IDA time and its per-step figure the medians over the repeats
    (as the solve's wall time: each repeat's IDA time within its solve, so its median within the solve's)."""
    states, steps, jacs, newton, _ = repeats[-1]
    return (states, steps, jacs, newton, statistics.median(r[4] for r in repeats),
            statistics.median(1e6 * r[4] / r[1] for r in repeats))


if __name__ == "__main__":
    main()
