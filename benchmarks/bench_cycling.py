"""Speed of a 120-cycle AEA cycle-life run against PyBaMM's half-cell DFN with SEI growth.

``python benchmarks/bench_cycling.py [--repeats N] [--cycles N]``. Both models run the same
experiment shape, N cycles of C/10 discharge and C/10 charge, with ``save_at_cycles`` so only the
summaries (and the first and last cycles) are kept:

- AEA: ``Li2021_S_Mo6S8`` on Li-In (0.4-2.4 V), every degradation option on (dispersed
  activation and contact loss driven by the volume submodel, ionic-switch host loss, Li trapping,
  interphase growth outside the SE stability window), on the default multi-phase host and on the
  lever-rule host (``"host thermodynamics": "lever rule"``, the reduced option). The set's Li
  trapping fractions are 0, so Li trapping traps nothing: its trapped-Li field is solved (0
  throughout) as part of the timed model, and the script prints the model's
  ``DegradationWithoutRateWarning`` once, as a note, before the timings;
- PyBaMM: ``DFN({"working electrode": "positive", "SEI": "solvent-diffusion limited"})`` with
  ``Xu2019`` (NMC532 vs Li, 3.5-4.2 V) plus the SEI parameters of ``OKane2022``.

Medians of wall time and of process CPU time (build + solve) over the repeats, and the ratios
AEA / PyBaMM, are printed (CPU time is steadier on a shared machine), one per AEA host.
"""
import argparse
import statistics
import time
import warnings

import pybamm

from pybamm_aea import AEA
from pybamm_aea.models.aea import AEAOptions
from pybamm_aea.models.checks import DegradationWithoutRateWarning, warn_degradation_without_rate

from _machine import machine_line  # a sibling module: the benchmarks run as scripts


AEA_SET = "Li2021_S_Mo6S8"


def aea_options(host="multi-phase"):
    return {
        "host thermodynamics": host,
        "anode": "Li-In",
        "dispersed material degradation": "activation and contact loss",
        "ionic-switch host loss": "persistent Li0",
        "Li trapping": "irreversible",
        "interphase growth": "stability window",
    }


def aea_sim(n, host="multi-phase"):
    experiment = pybamm.Experiment(
        [("Discharge at 0.1C until 0.4 V", "Charge at 0.1C until 2.4 V")] * n
    )
    return pybamm.Simulation(
        AEA(aea_options(host)), parameter_values=pybamm.ParameterValues(AEA_SET), experiment=experiment
    )


def options_doing_nothing(host="multi-phase"):
    """The messages of the ``DegradationWithoutRateWarning`` the AEA model gives on its set: the options on that
    act on nothing (the set gives their rates as 0)."""
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        warn_degradation_without_rate(AEAOptions(aea_options(host)), pybamm.ParameterValues(AEA_SET))
    return [str(w.message) for w in said if issubclass(w.category, DegradationWithoutRateWarning)]


def dfn_sim(n):
    options = {"working electrode": "positive", "SEI": "solvent-diffusion limited"}
    model = pybamm.lithium_ion.DFN(options)
    values = pybamm.ParameterValues("Xu2019")
    sei = pybamm.ParameterValues("OKane2022")
    values.update({k: v for k, v in sei.items() if "SEI" in k}, check_already_exists=False)
    experiment = pybamm.Experiment(
        [("Discharge at 0.1C until 3.5 V", "Charge at 0.1C until 4.2 V")] * n
    )
    return pybamm.Simulation(model, parameter_values=values, experiment=experiment)


def time_run(make, n):
    t0, c0 = time.perf_counter(), time.process_time()
    sim = make(n)
    sol = sim.solve(save_at_cycles=[1, n])
    return time.perf_counter() - t0, time.process_time() - c0, sol


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per model (median reported)")
    parser.add_argument("--cycles", type=int, default=120, help="number of cycles")
    args = parser.parse_args(argv)
    print(machine_line())
    print(f"pybamm {pybamm.__version__}, IDAKLU, {args.cycles} cycles, save_at_cycles=[1, N]")
    notes = {}  # message -> the hosts it is said on
    for host in ("multi-phase", "lever rule"):
        for message in options_doing_nothing(host):
            notes.setdefault(message, []).append(host)
    for message, hosts in notes.items():
        print(f"note ({AEA_SET}, {' and '.join(hosts)} host{'s' if len(hosts) > 1 else ''}): {message}")
    print()
    # said once above, not at each run's parameterisation
    warnings.filterwarnings("ignore", category=DegradationWithoutRateWarning)
    walls, cpus = {}, {}
    print(f"{'model':<44} {'wall [s]':>9} {'CPU [s]':>9}")
    models = {
        "AEA S-LMS / Li-In, degradation on": aea_sim,
        "AEA S-LMS / Li-In, as above, lever rule": lambda n: aea_sim(n, "lever rule"),
        "PyBaMM DFN half cell + SEI": dfn_sim,
    }
    for label, make in models.items():
        runs = [time_run(make, args.cycles) for _ in range(args.repeats)]
        walls[label] = statistics.median(r[0] for r in runs)
        cpus[label] = statistics.median(r[1] for r in runs)
        sol = runs[-1][2]
        kept = sum(c is not None for c in sol.cycles)
        print(
            f"{label:<44} {walls[label]:9.2f} {cpus[label]:9.2f}"
            f"   ({len(sol.cycles)} cycles, {kept} kept in memory)"
        )
    *aea, reference = models
    for label, host in zip(aea, ("multi-phase", "lever rule")):
        ratio = f"ratio AEA ({host}) / PyBaMM"
        print(f"{ratio:<44} {walls[label] / walls[reference]:9.2f} {cpus[label] / cpus[reference]:9.2f}")


if __name__ == "__main__":
    main()
