"""Fig. S2 of Li et al. 2021 as a prediction: pure LiFePO4 and pure Li4Ti5O12 AEA cells fail.

Only cited literature values enter the two cathodes (pybamm_aea.materials.lifepo4 and
.li4ti5o12: the paper's Table S5 diffusivity for LiFePO4, Chung 2002 / Amin 2007 conductivity;
Wilkening 2007 Li transport and Chen 2001 / Young 2013 conductivities for Li4Ti5O12); nothing
was fitted to Fig. S2. The paper's own hosts, run the same way, keep > 85 % of their window.
"""
import pybamm
import pytest

import pybamm_aea
from pybamm_aea.energy.paper import PAPER_CELL
from pybamm_aea.materials import get_material, lifepo4

AREA_CM2 = PAPER_CELL["area_cm2"]  # the paper's die, on which the material cells are built


def first_step_utilisation(values, step, capacity_mAh):
    """Capacity of the first step over the window capacity; 0 if the step is infeasible at t = 0."""
    sim = pybamm.Simulation(pybamm_aea.AEA(), parameter_values=values, experiment=pybamm.Experiment([step]))
    sol = sim.solve()
    if isinstance(sol, pybamm.EmptySolution) or not sol.cycles or sol.cycles[0] is None:
        return 0.0, sim
    s = sol.cycles[0].steps[0]
    q = s["Discharge capacity [A.h]"].entries
    return abs(q[-1] - q[0]) * 1e3 / capacity_mAh, sim


def fig_s2_run(name, loading, current_uA_cm2, updates=None):
    m = get_material(name)
    values = m.parameter_values(loading=loading, temperature=343.15)
    values.update(updates or {})
    current = current_uA_cm2 * 1e-6 * AREA_CM2
    step = (
        f"Charge at {current} A for 100 hours or until {m.upper_voltage} V" if m.charge_first
        else f"Discharge at {current} A for 100 hours or until {m.lower_voltage} V"
    )
    return first_step_utilisation(values, step, m.theoretical_capacity * loading * AREA_CM2 * 1e-3)


@pytest.mark.slow
@pytest.mark.prediction
def test_pure_lifepo4_fails_at_fig_s2_conditions():
    """4.8 mg/cm2, 12.7 uA/cm2, 70 C: < 20 % of 170 mAh/g (the paper: "failed")."""
    u, _ = fig_s2_run("LiFePO4", 4.8, 12.7)
    assert u < 0.20
    # the most favourable end of Table S5's range (1.8e-14 cm2/s) fails as well
    up = get_material("LiFePO4")
    from dataclasses import replace

    up = replace(up, diffusivity=replace(up.diffusivity, value=lifepo4.D_UPPER))
    values = up.parameter_values(loading=4.8)
    u_up, _ = first_step_utilisation(
        values, f"Charge at {12.7e-6 * AREA_CM2} A until 4.0 V", up.theoretical_capacity * 4.8 * AREA_CM2 * 1e-3
    )
    assert u_up < 0.20


@pytest.mark.slow
@pytest.mark.prediction
def test_pure_lto_fails_at_fig_s2_conditions():
    """5.5 mg/cm2, 30 uA/cm2, 70 C: < 20 % of 175 mAh/g (the paper: "failed")."""
    u, _ = fig_s2_run("Li4Ti5O12", 5.5, 30.0)
    assert u < 0.20


#: a Mo6S8-like compact: metallic electrons (1e5 S/m, Table S4 order) and Li at 1e-8 cm2/s (Fig. S1)
METALLIC = {"Cathode electronic conductivity [S.m-1]": 1e5, "Cathode electronic conductivity Li-content factor": 1.0}
FAST_LI = {"Cathode Li diffusivity [m2.s-1]": 1e-12}


@pytest.mark.prediction
@pytest.mark.slow
@pytest.mark.parametrize("name, loading, current", [("LiFePO4", 4.8, 12.7), ("Li4Ti5O12", 5.5, 30.0)])
def test_the_failures_need_both_carriers(name, loading, current, readme_figure):
    """The paper's criterion: fast Li *and* fast electrons. Both Mo6S8-like values give most of the
    window (model: 99.4 % LiFePO4, 99.5-99.6 % Li4Ti5O12, either host; LiFePO4 99.4465 % since session 47, 99.44 on
    the as-made layer: its charge shrinks the host, the stack holds the layer at its as-made porosity, stretch down
    to 0.935, and the host's Li crosses the thinner layer), so nothing else (separator,
    interface, OCP, cut-offs) limits these cells; either literature value alone keeps the electrode
    below a quarter of that (multi-phase host, the default: metallic sigma_e with the literature D
    1.3 % / 1.1 %; Mo6S8's D with the literature sigma_e 13 % for LiFePO4 and 0 % for Li4Ti5O12,
    whose first step is infeasible at t = 0). The single-carrier failures are a layer one surface cell
    thick running out: they shrink on refining the mesh (metallic sigma_e, 20 / 40 / 80 cells:
    1.27 / 0.72 / 0.49 % for LiFePO4), so the quarter bound holds on any mesh; the lever-rule
    host's Mo6S8-D case for LiFePO4 does not (23 / 19 / 39 % on its 10 / 40 / 80 cells; its ionic
    conductivity is Nernst-Einstein on the chemical diffusivity, not on the mobility), so this
    assertion is kept on the default host only."""
    both = fig_s2_run(name, loading, current, {**METALLIC, **FAST_LI})[0]
    assert both > 0.85
    # the README's figures, read from it to their stated digits [% of the window]
    if name == "LiFePO4":
        assert 100 * both == readme_figure("both they deliver {} % and {_} % (2026-12-05)").approx()
    else:
        assert 100 * both == readme_figure("both they deliver {_} % and {} % (2026-12-05)").approx()
    assert fig_s2_run(name, loading, current, METALLIC)[0] < 0.25 * both
    assert fig_s2_run(name, loading, current, FAST_LI)[0] < 0.25 * both


@pytest.mark.prediction
@pytest.mark.slow
@pytest.mark.parametrize("name, lower", [("Li2021_Mo6S8", 1.8), ("Li2021_TiS2", 1.0)])
def test_paper_hosts_keep_their_capacity_at_the_papers_conditions(name, lower, readme_figure):
    """LMS and LTS: 1.5 mg/cm2, 0.1C, 70 C, first discharge > 85 % of the host's window."""
    values = pybamm.ParameterValues(name)
    capacity_mAh = values["Nominal cell capacity [A.h]"] * 1e3
    u, _ = first_step_utilisation(values, f"Discharge at 0.1C until {lower} V", capacity_mAh)
    assert u > 0.85
    # the README's figures, read from it to their stated digits [% of the window]
    if name == "Li2021_Mo6S8":
        assert 100 * u == readme_figure("at the paper's conditions {} % and {_} %").approx()
    else:
        assert 100 * u == readme_figure("at the paper's conditions {_} % and {} %").approx()
