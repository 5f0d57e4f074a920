"""Throughput of the AEA screen: six materials x five C-rates x five loadings (150 points).

``python benchmarks/bench_screen.py [--repeats 1]``

Materials: the paper's hosts (``Li2021_Mo6S8``, ``Li2021_TiS2``) and the four literature AEA sets
(``AEA_LiFePO4``, ``AEA_Li4Ti5O12``, ``AEA_LiCoO2``, ``AEA_NMC532``); C-rates 0.1-5; loadings 1.5-15
mg/cm2; 70 C, the paper's lab cell. One process, cold start (every model built and discretised inside
the timed call: ``pybamm_aea.screening._CACHE`` is cleared before each run). Reports the wall time and points
per second. Side by side, PyBaMM's own SPMe (Chen2020) is timed on
the same number of 1C discharges with one built simulation and the current as an input, the cheapest
like-for-like PyBaMM loop (one build against the screen's six), so the ratio says what an AEA screen point costs against a PyBaMM point.
"""
import argparse
import time

from _machine import machine_line  # a sibling module: the benchmarks run as scripts
from pybamm_aea.screening_grid import C_RATES, LOADINGS_MG_CM2 as LOADINGS  # (the screen's own grid; imports nothing)

MATERIALS = ["Li2021_Mo6S8", "Li2021_TiS2", "AEA_LiFePO4", "AEA_Li4Ti5O12", "AEA_LiCoO2", "AEA_NMC532"]


def run_screen(options=None):
    import pybamm_aea
    from pybamm_aea import screening

    screening._CACHE.clear()
    start = time.perf_counter()
    df = pybamm_aea.screen(MATERIALS, c_rates=C_RATES, loadings=LOADINGS, options=options)
    return time.perf_counter() - start, df


def run_pybamm_spme(n_points):
    import numpy as np
    import pybamm

    start = time.perf_counter()
    model = pybamm.lithium_ion.SPMe()
    values = pybamm.ParameterValues("Chen2020")
    values["Current function [A]"] = "[input]"
    sim = pybamm.Simulation(model, parameter_values=values, solver=pybamm.IDAKLUSolver())
    currents = np.linspace(0.5, 10.0, n_points)
    for current in currents:
        sim.solve([0, 3600 * 5.0 / current], inputs={"Current function [A]": float(current)})
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    import pybamm

    print(f"{machine_line()}, PyBaMM {pybamm.__version__}")
    n = len(MATERIALS) * len(C_RATES) * len(LOADINGS)
    # the model's default host (multi-phase) and the lever-rule option, side by side
    best, df = min((run_screen() for _ in range(args.repeats)), key=lambda r: r[0])
    lever = min(run_screen({"host thermodynamics": "lever rule"})[0] for _ in range(args.repeats))
    print(f"AEA screen: {len(MATERIALS)} materials x {len(C_RATES)} C-rates x {len(LOADINGS)} loadings = {n} points "
          f"in {best:.1f} s -> {n / best:.1f} points/s (multi-phase host, the default); lever-rule host {lever:.1f} s")
    t_spme = run_pybamm_spme(n)
    print(f"PyBaMM SPMe (Chen2020), {n} 1C-ish discharges on one built simulation: {t_spme:.1f} s -> "
          f"{n / t_spme:.1f} points/s; AEA screen / SPMe time ratio {best / t_spme:.2f} (lever rule {lever / t_spme:.2f})")
    from pybamm_aea.screening import suitability

    print(suitability(df).round(3).to_string())


if __name__ == "__main__":
    main()
