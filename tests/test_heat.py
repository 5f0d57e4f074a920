"""The heat the cell dissipates, "Irreversible heat [W]" (:mod:`pybamm_aea.models.submodels.heat`), held to the laws
it must obey, not to numbers of its own: the first law over a closed cycle (its time integral is the electrical
energy in less the energy out) and over an open stretch (less the change of the stored free energy, from the end
states), the second law at each output time, zero at rest in equilibrium, and I^2 at small
currents on a single-phase host."""
import functools
import warnings

import numpy as np
import pybamm
import pytest

import pybamm_aea  # noqa: F401  (registers the AEA model and sets)
from pybamm_aea.constants import F



def _solve(set_name, options, steps, rtol=None, initial_soc=None):
    """A solve of the AEA model on ``set_name`` (None: the model's default values, on Li-In with its cut-offs)."""
    model = pybamm.Model("AEA", options)
    solver = model.default_solver_with(rtol=rtol, atol=rtol / 100) if rtol else None
    values = model.default_parameter_values if set_name is None else pybamm.ParameterValues(set_name)
    steps = [step.format(low=values["Lower voltage cut-off [V]"], high=values["Upper voltage cut-off [V]"])
             for step in steps]
    sim = pybamm.Simulation(model, experiment=pybamm.Experiment(steps), parameter_values=values, solver=solver)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (the formation's and cut-offs' advisory warnings: not under test)
        solution = sim.solve(initial_soc=initial_soc)
    return sim, solution, [step for cycle in solution.cycles for step in cycle.steps]


#: the cells of the closed-cycle tests: (set, options), each at its set's temperature (70 C)
CELLS = {
    "LMS multi-phase": ("Li2021_Mo6S8", {}),
    "LMS lever rule": ("Li2021_Mo6S8", {"host thermodynamics": "lever rule"}),
    "LMS on Li-In": (None, {"anode": "Li-In"}),
    "LTO-LMS": ("Li2021_LTO_Mo6S8", {}),
}
#: the cells of the second law's test: those and S-LMS on the lever rule (R52), whose last cycle does not return to
#: its state (its S8's; E_in - E_out measured -2.26e-2 J), so the first law's closed cycle does not hold it
SECOND_LAW_CELLS = {**CELLS, "S-LMS lever rule": ("Li2021_S_Mo6S8", {"host thermodynamics": "lever rule"})}


@functools.cache
def _closed_cycle(cell):
    """Formed at 0.2C, then two 0.5C cycles between the set's cut-offs at rtol 1e-8: the last cycle's (E_in - E_out,
    the stored free energy's change over it, the time integral of the heat) [J], and its times [s] and heat [W]. The
    last cycle returns to its state within 6e-8 Li per formula unit (measured); the change of free energy that
    remains is taken cell by cell, -F n_cell dx (U_start + U_end) / 2 (the dispersed material's lithiation returns
    to 5e-19)."""
    set_name, options = SECOND_LAW_CELLS[cell]
    formation = ["Discharge at 0.2C until {low} V", "Charge at 0.2C until {high} V"]
    cycle = ["Discharge at 0.5C until {low} V", "Charge at 0.5C until {high} V"]
    sim, _, steps = _solve(set_name, options, formation + cycle * 2, rtol=1e-8)
    discharge, charge = steps[-2:]
    electrical = heat = 0.0
    for step in (discharge, charge):
        t = step["Time [s]"].entries
        electrical += np.trapezoid(-step["Current [A]"].entries * step["Voltage [V]"].entries, t)
        heat += np.trapezoid(step["Irreversible heat [W]"].entries, t)
    p = sim.model.param
    per_cell = sim.parameter_values.evaluate(p.c_h * p.L_c * p.A_cc) * sim.mesh["positive electrode"].d_edges
    x0, x1 = discharge["Cathode Li content"].entries[:, 0], charge["Cathode Li content"].entries[:, -1]
    U0, U1 = discharge["Cathode host OCP [V]"].entries[:, 0], charge["Cathode host OCP [V]"].entries[:, -1]
    free_energy_change = -F * np.sum(per_cell * (x1 - x0) * (U0 + U1) / 2)
    # the lever-rule host's hysteresis state's stored energy, the model's (:func:`.heat.hysteresis_energy`; not
    # published on the multi-phase host): on LMS it returns to 4e-7 of itself (5.2e-4 J)
    if options.get("host thermodynamics") == "lever rule":
        free_energy_change += (charge["Cathode hysteresis stored energy [J]"].entries[-1]
                               - discharge["Cathode hysteresis stored energy [J]"].entries[0])
    t = np.concatenate([step["Time [s]"].entries for step in (discharge, charge)])
    q = np.concatenate([step["Irreversible heat [W]"].entries for step in (discharge, charge)])
    return electrical, free_energy_change, heat, t, q


@pytest.mark.slow
@pytest.mark.parametrize("cell", CELLS)
def test_the_heat_of_a_closed_cycle_is_the_electrical_energy_in_less_the_energy_out(cell):
    """First law: over a cycle that returns to its state, the heat is E_in - E_out (less the free energy's change that
    remains, < 1e-5 uW.h). Measured relative misfit at rtol 1e-8: 2.7e-5 (LMS multi-phase), 6.8e-5 (lever rule), 2.3e-5
    (Li-In), 3.6e-6 (LTO-LMS); it shrinks with the tolerance (LMS 7.1e-4 and 2.5e-2 at rtol 1e-4); the cycle's heat and
    the old recipe's are in docs/known_limits.rst, "Temperature: the OCPs' entropy and the heat". What this balance
    cannot see: each term of the stored free energy's rate integrates to ~0 over a cycle that returns to its state, so a
    dropped anode, dispersed-material or host term, or a flipped sign, keeps it (misfit 2.4e-5 with the anode's dropped
    on Li-In, 2.7e-5 with the sign flipped; review R51). Those are held by the open stretch's balance below and by the
    second law."""
    electrical, free_energy_change, heat, _, _ = _closed_cycle(cell)
    assert electrical > 0
    assert heat == pytest.approx(electrical - free_energy_change, rel=3e-4)


@pytest.mark.slow
@pytest.mark.parametrize("cell", [pytest.param(cell, marks=pytest.mark.xfail(strict=True, reason=(
    "S-LMS lever rule: the hysteresis dissipation's gap-slope term at the branch edge (heat.py's module docstring;"
    " docs/known_limits.rst): -10.21 uW on the last 0.5C charge")) if cell == "S-LMS lever rule" else ())
    for cell in SECOND_LAW_CELLS])
def test_the_heat_is_non_negative_at_every_output_time(cell):
    """Second law on both hosts (the multi-phase host a gradient flow of its free energy, gradient energy included; the
    lever-rule host with its hysteresis state's stored energy, :func:`.heat.hysteresis_energy_rate`): the heat is
    >= 0 at every output time of a 0.5C cycle (measured minimum +0.64 uW on LMS, on Li and on Li-In; the old recipe
    went to -24.7 uW). One exception, stated: for the first 9 ms after a reversal from an empty Li0 surface (LTO-LMS,
    0.9 % of the output times) the heat is down to -4.4 uW, 1.4e-6 uW.h in all (8e-8 of the cycle's): the voltage
    reads the host potential extrapolated to the surface (2.912 V) where the Li enters the last cell at its own
    (2.687 V), a discretisation of the steep lattice gas; the test bounds that part at 1e-6 of the cycle's heat. The
    lever-rule host (session 64) too, its hysteresis state's stored energy counted: measured minimum +0.675 uW at
    0.5C (at the discharge's end); it was -3.54 uW in the ~0.05 Li after a reversal, where the state's stored energy
    was counted as heat. S-LMS on the lever rule (R52) is not: -10.21 uW on the last 0.5C charge (19 of 1963 output
    times), the stated exception (xfail, strict); with the stored energy counted as heat (before) it was -3.89 uW after
    the reversal (85 of 1963)."""
    _, _, heat, t, q = _closed_cycle(cell)
    negative = -np.trapezoid(np.minimum(q, 0), t)
    assert negative <= 1e-6 * heat, f"heat down to {q.min() * 1e6:+.3f} uW, {negative / heat:.1e} of the cycle's"
    if cell != "LTO-LMS":
        assert q.min() >= 0, f"heat {q.min() * 1e6:+.3f} uW < 0"


@pytest.mark.parametrize("set_name", ["Li2021_TiS2", "Li2021_Mo6S8"])
def test_the_heat_is_zero_at_rest_in_equilibrium_and_positive_while_the_host_relaxes(set_name):
    """A rest from the set's uniform initial state dissipates nothing (measured 0 and 1e-35 W; the bound 1e-20 W is
    ten orders below a C/200 pulse's 2.4e-10 W); a C/20 minute's gradients relax with heat >= 0 (-7e-32 W at worst,
    round-off)."""
    _, _, (rest, pulse, relaxation) = _solve(
        set_name, {}, ["Rest for 10 minutes", "Discharge at 0.05C for 60 seconds", "Rest for 30 minutes"])
    assert np.abs(rest["Irreversible heat [W]"].entries).max() < 1e-20
    assert pulse["Irreversible heat [W]"].entries.min() > 1e-9
    assert relaxation["Irreversible heat [W]"].entries.min() > -1e-20


def test_the_heat_scales_as_the_current_squared_at_small_currents():
    """TiS2 (single-phase, Li2021_TiS2) at half charge: halving the current quarters the heat of a 60 s pulse, as
    the interface's i eta and the transport's flux times gradient do in the linear regime. Measured q(C/100) /
    q(C/200) = 4.00007 (4.0038 from C/25 to C/50); a heat linear in I (the old recipe's hysteresis or a sign slip)
    gives 2."""
    heats = []
    for rate in (0.01, 0.005):
        _, _, (pulse,) = _solve("Li2021_TiS2", {}, [f"Discharge at {rate}C for 60 seconds"], initial_soc=0.5)
        heats.append((pulse["Irreversible heat [W]"].entries[-1], pulse["Current [A]"].entries[-1]))
    (q1, i1), (q2, i2) = heats
    assert q2 > 0
    assert q1 / q2 == pytest.approx((i1 / i2) ** 2, rel=1e-3)


def _free_energy_change(sim, solution):
    """The free energy the cell stores in its Li at the solution's last time less at its first [J], from the two
    states alone and the sets' OCP functions (not from the model's rate "Stored free energy rate [W.m-2]"): moving
    Li into a reservoir at potential U vs Li changes it by -F U per mol, so each host cell's homogeneous part is
    -F n_cell int_{x0}^{x1} U_h(x) dx, the multi-phase host's gradient energy F n kappa / (2 L^2) sum over the inner
    faces of (x_{j+1} - x_j)^2 / dxi_{j+1/2} (the finite volumes' own functional, whose variation is the model's
    kappa d2x/dX2; 0 at the faces, its natural boundary condition), the dispersed material's -F c_D L A int_{z0}^{z1}
    U_D(z) dz a cell (its lattice-gas OCP, written here from its parameters), the Li-In anode's
    -F n_In A int_{Y0}^{Y1} U_LiIn(y(Y)) dY. Gauss-Legendre, 8 points per interval."""
    p, values = sim.model.param, sim.parameter_values
    assert np.all(solution["Cathode host active fraction"].entries == 1)
    T = values.evaluate(p.T)
    mesh = sim.mesh["positive electrode"]

    nodes, weights = np.polynomial.legendre.leggauss(8)
    pieces = np.linspace(0, 1, 1001)
    points = ((pieces[:-1] + pieces[1:])[:, None] + np.diff(pieces)[:, None] * nodes).ravel() / 2  # on [0, 1]

    def integral(ocp, start, end):  # int_start^end ocp(s) ds, element by element
        s = start[:, None] + (end - start)[:, None] * points
        return (end - start) * (ocp(s.ravel()).reshape(s.shape) @ np.tile(weights / 2000, 1000))

    x = solution["Cathode Li content"].entries
    n_host = values.evaluate(p.c_h * p.L_c * p.A_cc)
    lever_rule = sim.model.options["host thermodynamics"] == "lever rule"
    if lever_rule:  # the free energy whose potential is the mean of the branches, and the hysteresis state's
        branches = values["Cathode lithiation OCP [V]"], values["Cathode delithiation OCP [V]"]

        def U_h(s, T):
            return (branches[0](s, T) + branches[1](s, T)) / 2
    else:
        U_h = values["Cathode homogeneous OCP [V]"]
    change = -F * np.sum(n_host * mesh.d_edges * integral(
        lambda s: U_h(pybamm.Vector(s), pybamm.Scalar(T)).evaluate().ravel(), x[:, 0], x[:, -1]))
    if lever_rule:
        stored = solution["Cathode hysteresis stored energy [J]"].entries
        change += stored[-1] - stored[0]
    kappa = values["Cathode gradient energy coefficient [V.m2]"]
    if kappa > 0 and not lever_rule:
        assert np.all(solution["Cathode transport stretch"].entries == 1)  # (no swelling: dX = L dxi)

        def gradient_energy(profile):
            return F * n_host * kappa / (2 * values.evaluate(p.L_c) ** 2) * np.sum(
                np.diff(profile) ** 2 / np.diff(mesh.nodes))
        change += gradient_energy(x[:, -1]) - gradient_energy(x[:, 0])
    if "Dispersed material lithiation" in solution.all_models[0].variables:
        z = solution["Dispersed material lithiation"].entries
        assert np.all(solution["Dispersed material accessible fraction"].entries == 1)  # (no domain joins)
        d = pybamm_aea.models.submodels.dispersed_material.DispersedConversion.OCP_REG
        U0, w, RT_F = (values.evaluate(v) for v in (p.U0_D(p.T), p.w_ideal_D, p.R * p.T / p.F))

        def U_D(zs):
            return U0 + w * RT_F * (np.arcsinh((1 - zs) / d) - np.arcsinh(zs / d))
        n_D = values.evaluate(p.c_D_full * p.L_c * p.A_cc)
        change += -F * np.sum(n_D * mesh.d_edges * integral(U_D, z[:, 0], z[:, -1]))
    if "Li-In anode Li per In" in solution.all_models[0].variables:
        Y = solution["Li-In anode Li per In"].entries[[0, -1]]
        y_init, n_In, area = (values.evaluate(v) for v in (p.y_init, p.n_In, p.A_cc))
        k = pybamm_aea.models.submodels.anode.LithiumIndiumAnode.SOFTMIN_K

        def U_a(Ys):
            y = pybamm.softminus(pybamm.Vector(Ys), pybamm.Scalar(y_init), k)
            return values.evaluate(p.U_LiIn(y, p.T)).ravel()
        change += -F * n_In * area * integral(U_a, Y[:1], Y[1:])[0]
    return change


@pytest.mark.parametrize("anode", ["Li", "Li-In"])
def test_the_heat_of_an_open_stretch_is_the_work_in_less_the_free_energy_stored(anode):
    """First law where the cell does not return to its state: TiS2 (single-phase) from half charge, 10 minutes at 0.2C
    and an hour's rest, on Li and on Li-In: the heat's time integral is the electrical energy in less the change of the
    stored free energy, the latter from the end states and the OCP functions (:func:`_free_energy_change`). The heat
    (2.325e-4 J) is 0.3 % of the electrical energy (-6.94e-2 J on Li, -4.85e-2 on Li-In) and of the free energy's
    change, so a flipped sign, a dropped anode term (Li-In: F n U_a dY = 2.1e-2 J) or a host term off by 1 % moves it by
    1-300 times itself. Measured relative misfit at the default tolerances: 9.1e-5 on Li, 7.2e-5 on Li-In (trapezoids
    over the output times); the bound is 1e-3. The per-area heat times the electrode area is the cell's (W vs W.m-2)."""
    options = {} if anode == "Li" else {"anode": "Li-In"}
    sim, solution, _ = _solve("Li2021_TiS2", options, ["Discharge at 0.2C for 10 minutes", "Rest for 1 hour"],
                              initial_soc=0.5)
    t = solution["Time [s]"].entries
    q = solution["Irreversible heat [W]"].entries
    electrical = np.trapezoid(-solution["Current [A]"].entries * solution["Voltage [V]"].entries, t)
    free_energy_change = _free_energy_change(sim, solution)
    assert np.trapezoid(q, t) == pytest.approx(electrical - free_energy_change, rel=1e-3)
    area = solution["Electrode area [cm2]"].entries * 1e-4
    np.testing.assert_allclose(q, solution["Irreversible heat [W.m-2]"].entries * area, rtol=0,
                               atol=1e-12 * np.abs(q).max())  # (the rest's tail is round-off, down to 1e-29 W)


def test_pybamms_heat_names_say_the_model_is_isothermal_and_what_its_heat_is():
    """Session 63: ``solution["Total heating [W]"]`` gave PyBaMM's "'Total heating [W]' not found. Best matches are
    ['Total overpotential [V]', 'Irreversible heat [W]', 'Terminal power [W]']". PyBaMM's heat names (here 3 of the
    35) now say the model is isothermal, its dissipated heat's name and what it does not count, pointing to the docs
    section that exists; the model publishes none of them (a total would claim a reversible term no set has), and
    another unknown name keeps PyBaMM's "Best matches". Session 64 (R52): in at most 250 characters less 40 for
    the name (584 before, a paragraph in a KeyError), naming the "thermal": "lumped" option."""
    import pathlib
    import re

    _, solution, _ = _solve("Li2021_TiS2", {}, ["Discharge at 0.1C for 60 seconds"], initial_soc=0.5)
    section = "Temperature: the OCPs' entropy and the heat"
    docs = pathlib.Path(__file__).parents[1] / "docs" / "known_limits.rst"
    assert f"\n{section}\n" in docs.read_text()
    for name in ("Total heating [W]", "Reversible heating [W]", "X-averaged total heating [W.m-3]"):
        assert name not in solution.all_models[0].variables
        with pytest.raises(KeyError) as unpublished:
            solution[name]
        said = unpublished.value.args[0]
        assert said.startswith(f"'{name}' is not published: the model is isothermal unless \"thermal\": "
                               '"lumped"'), said
        for part in ('"Irreversible heat [W]"', "no reversible heat", f'known_limits.rst, "{section}"'):
            assert part in said, (name, part)
        assert len(said) - len(name) <= 250 - 40, (len(said), said)
    with pytest.raises(KeyError, match=re.escape("'Total heat capacity [J]' not found. Best matches are")):
        solution["Total heat capacity [J]"]


def test_the_built_model_and_its_copies_answer_pybamms_heat_names_as_the_solution_does():
    """Session 63 left ``sim.built_model.variables["Total heating [W]"]`` giving PyBaMM's "Best matches" (only
    ``solution[...]`` answered, through an override of ``get_processed_variable_or_event``). The model's variables
    are now one answering dict (``pybamm_adapter.variable_names``): the model built, the built (discretised) model,
    a copy and a pickled dict (a sweep worker's) say the model is isothermal and name its heat; another unknown name
    keeps PyBaMM's "Best matches", and a published name its symbol."""
    import pickle
    import re

    sim = pybamm.Simulation(pybamm.Model("AEA"), parameter_values=pybamm.ParameterValues("Li2021_TiS2"))
    sim.build(initial_soc=0.5)
    dicts = {"model": sim.model.variables, "built model": sim.built_model.variables,
             "copy": sim.built_model.new_copy().variables, "pickled": pickle.loads(pickle.dumps(sim.model.variables))}
    for where, variables in dicts.items():
        with pytest.raises(KeyError) as unpublished:
            variables["Total heating [W]"]
        assert unpublished.value.args[0].startswith("'Total heating [W]' is not published: the model is isothermal "
                                                    'unless "thermal": "lumped"'), where
        assert len(unpublished.value.args[0]) <= 250, where
        assert '"Irreversible heat [W]"' in unpublished.value.args[0], where
        with pytest.raises(KeyError, match=re.escape("'Total heat capacity [J]' not found. Best matches are")):
            variables["Total heat capacity [J]"]
        assert variables["Irreversible heat [W]"] is dict.__getitem__(variables, "Irreversible heat [W]"), where


def test_the_heat_of_an_open_stretch_counts_the_hysteresis_states_stored_energy():
    """Session 64 (R52): the first law of an open stretch on the lever-rule host: the heat's time integral is the
    electrical energy in less the change of the free energy of the branches' mean (from the end states) and of the
    model's published
    "Cathode hysteresis stored energy [J]". LMS on the lever rule from the set's start (h = 1), discharged at 0.2C to
    the cut-off, charged for 3 minutes (h crosses toward -1: the stored energy 6.83e-4 -> 5.3e-5 J, 2.7 % of the
    heat) and rested 10 minutes at rtol 1e-8: measured misfit -2.0e-4 (2.8e-2 without the stored energy); the bound
    is 1e-3. Before, the model did not publish it (a KeyError) and the closed cycle's test wrote it again."""
    sim, solution, _ = _solve("Li2021_Mo6S8", {"host thermodynamics": "lever rule"},
                              ["Discharge at 0.2C until {low} V", "Charge at 0.2C for 3 minutes",
                               "Rest for 10 minutes"], rtol=1e-8)
    np.testing.assert_array_equal(solution["Cathode free Li content"].entries, solution["Cathode Li content"].entries)
    t = solution["Time [s]"].entries
    electrical = np.trapezoid(-solution["Current [A]"].entries * solution["Voltage [V]"].entries, t)
    heat = np.trapezoid(solution["Irreversible heat [W]"].entries, t)
    stored = solution["Cathode hysteresis stored energy [J]"].entries
    assert abs(stored[-1] - stored[0]) > 0.02 * heat
    assert heat == pytest.approx(electrical - _free_energy_change(sim, solution), rel=1e-3)


@pytest.mark.parametrize("set_name", ["Li2021_Mo6S8", "Li2021_S_Mo6S8"])
def test_the_heat_of_an_open_stretch_counts_the_gradient_energy_and_the_dispersed_material(set_name):
    """Session 64: the first law of an open stretch on the multi-phase host, where the gradient energy and the
    dispersed material's free energy change, against :func:`_free_energy_change` from the end states (until now those
    two terms of the heat were held only by the second law). From the set's pristine state (x = 0.004, uniform, no
    gradient energy, S8 unlithiated), 30 minutes at 0.2C and 10 minutes' rest at rtol 1e-8:
    LMS makes its first Li1 domain, whose interfaces store 8.81e-5 J of gradient energy, 5.6 % of the stretch's heat
    (1.579e-3 J); S-LMS lithiates its S8 to z = 0.093, whose free energy change is -F c_D L A int U_D dz (S-LMS's
    host stays single-phase: 1e-11 J of gradient energy). Measured relative misfit: 1.2e-4 (LMS), 1.1e-5 (S-LMS); the bound
    1e-3 is below either term's share, so a dropped or doubled one fails (mutations heat_gradient_energy_dropped,
    heat_gradient_energy_doubled, heat_dispersed_term_dropped, heat_dispersed_term_doubled)."""
    sim, solution, _ = _solve(set_name, {}, ["Discharge at 0.2C for 30 minutes", "Rest for 10 minutes"], rtol=1e-8)
    t = solution["Time [s]"].entries
    electrical = np.trapezoid(-solution["Current [A]"].entries * solution["Voltage [V]"].entries, t)
    heat = np.trapezoid(solution["Irreversible heat [W]"].entries, t)
    assert heat > 0
    assert heat == pytest.approx(electrical - _free_energy_change(sim, solution), rel=1e-3)


def test_the_tis2_entropic_heat_figures_of_known_limits(readme_figure):
    """docs/known_limits.rst's reversible-heat figures of LixTiS2 at 70 C (Li2021_TiS2), from its OCP function and a
    solve: T dU/dT at x = 0.25, 0.5, 0.95 (central difference of 0.01 K; the OCP is analytic, so the figures hold to
    their rounding), I T dU/dT at 0.2C, and the irreversible heat averaged over 10 minutes of 0.2C from each end (to
    its rounding and the processors' spread; it moves by 1e-4 of itself from rtol 1e-6 to 1e-8). Session 64: the docs'
    0.37 and 0.85 uW were no run's (0.385 and 1.282 uW measured); R52: the 0.95 run's heat from its first to its
    last output time, 0.44498 and 2.4714 uW (the docs said 0.45)."""
    from pathlib import Path

    from pybamm_aea.parameters.Li2021_TiS2 import X_MAX, tis2_ocp

    text = (Path(__file__).parents[1] / "docs" / "known_limits.rst").read_text()

    def stated(anchor):
        return readme_figure(anchor, text=text).approx(across_processors=True)
    T = 343.15
    rate_of = {x: T * (tis2_ocp(pybamm.Scalar(x), pybamm.Scalar(T + 0.01)).evaluate()
                       - tis2_ocp(pybamm.Scalar(x), pybamm.Scalar(T - 0.01)).evaluate()).item() / 0.02
               for x in (0.25, 0.5, 0.95)}  # T dU/dT [V]
    assert rate_of[0.25] * 1e3 == stated("is +{} mV at x = 0.25")
    assert rate_of[0.5] == pytest.approx(0, abs=1e-9) and "mV at x = 0.25, 0 at 0.5 and" in " ".join(text.split())
    assert -rate_of[0.95] * 1e3 == stated("and -{} mV at 0.95")
    heats = {}
    for x in (0.25, 0.95):
        _, solution, _ = _solve("Li2021_TiS2", {}, ["Discharge at 0.2C for 10 minutes"], initial_soc=1 - x / X_MAX)
        t, current = solution["Time [s]"].entries, solution["Current [A]"].entries[-1]
        q = solution["Irreversible heat [W]"].entries
        heats[x] = np.trapezoid(q, t) / (t[-1] - t[0])
    assert q[0] * 1e6 == stated("rising from {} to {_} uW as the host fills")  # (from x = 0.95; 0.445 measured)
    assert q[-1] * 1e6 == stated("rising from {_} to {} uW as the host fills")
    assert current * 1e6 == stated("at 0.2C ({} uA)")
    assert current * rate_of[0.25] * 1e6 == stated("I T dU/dT is {} and {_} uW there")
    assert -current * rate_of[0.95] * 1e6 == stated("I T dU/dT is {_} and {} uW there")
    assert heats[0.25] * 1e6 == stated("against {} and {_} uW of irreversible heat averaged")
    assert heats[0.95] * 1e6 == stated("against {_} and {} uW of irreversible heat averaged")
