"""Coupled ion-electron transport (Jamnik & Maier 2003) in the dense cathode."""
import numpy as np
import pybamm
import pytest

import pybamm_aea
from pybamm_aea.constants import F, R
from pybamm_aea.parameters import Li2021_Mo6S8

T70 = 343.15


#: both host descriptions carry the coupled transport (the lever-rule host's Fickian flux law in
#: :mod:`pybamm_aea.models.submodels.cathode_diffusion`, the multi-phase host's mobility in
#: :mod:`pybamm_aea.models.submodels.host_phase_field`)
HOSTS = [{"host thermodynamics": "lever rule"}, {"host thermodynamics": "multi-phase"}]


def solve(name, steps, updates=None, options=None):
    values = pybamm.ParameterValues(name)
    values.update(updates or {})
    sim = pybamm.Simulation(pybamm_aea.AEA(options), parameter_values=values, experiment=pybamm.Experiment(steps))
    return sim.solve(), values


def compact_sigma(values):
    """The set's compact electronic conductivity [S.m-1] at its porosity and 70 C."""
    f = values["Cathode electronic conductivity [S.m-1]"]
    return float(np.asarray(f(pybamm.Scalar(values["Cathode porosity"]), pybamm.Scalar(T70)).evaluate()).ravel()[0])


def test_ambipolar_diffusivity_is_jamnik_maier():
    # lever-rule host: its diffusivity is the set's PITT function (the multi-phase host's
    # Nernst-Einstein conductivity follows from its mobility: test_multi_phase_ionic_conductivity_is_its_mobility)
    """D~ = D s_e / (s_e + s_ion), s_ion from Nernst-Einstein, computed here independently.

    Mo6S8 at x = 2 with its electronic conductivity lowered 1e8-fold (1364 S/cm -> ~1e-3 S/m,
    below its ~1e-3 S/m ionic conductivity): the chemical diffusivity the model reports falls by
    the electronic transference number; unlowered it is the PITT value."""
    base = {"Initial cathode Li content": 2.0}
    sol, values = solve("Li2021_Mo6S8", ["Rest for 1 minute"], base, HOSTS[0])
    sigma = compact_sigma(values)
    low, _ = solve("Li2021_Mo6S8", ["Rest for 1 minute"],
                   {**base, "Cathode electronic conductivity [S.m-1]": sigma * 1e-8}, HOSTS[0])
    D = sol["Cathode Li diffusivity [m2.s-1]"].entries[:, 0]
    D_chem = sol["Cathode chemical diffusivity [m2.s-1]"].entries[:, 0]
    D_low = low["Cathode chemical diffusivity [m2.s-1]"].entries[:, 0]
    phi = 1 - values["Cathode porosity"]
    c_li = 2.0 * values["Cathode host density [kg.m-3]"] / values["Cathode host molar mass [kg.mol-1]"]
    s_ion = F**2 * c_li * D / (R * T70) * phi ** values["Cathode Bruggeman coefficient"]
    s_e = sigma * 1e-8
    print(f"s_e = {s_e:.3g} S/m, s_ion = {s_ion.mean():.3g} S/m, D~/D = {np.mean(D_low / D):.3g}")
    assert np.all(s_e < 3 * s_ion)  # the electrons are now the slower carrier (or close)
    np.testing.assert_allclose(D_low, D * s_e / (s_e + s_ion), rtol=1e-6)
    np.testing.assert_allclose(D_chem, D, rtol=1e-5)  # metallic (s_ion / s_e ~ 1e-6): no change
    assert np.all(D_low < 0.5 * D_chem)


def thick_lms_discharge(factor, options=None):
    """The paper's 13.91 mg/cm2 LMS electrode (Fig. S4), first discharge at 0.1C to 1.8 V, with the
    compact's electronic conductivity times ``factor``."""
    values = pybamm.ParameterValues("Li2021_Mo6S8")
    # 0.1C of this electrode: the nominal capacity scales with the loading
    up = Li2021_Mo6S8.high_loading_updates(values)
    if factor != 1.0:
        up["Cathode electronic conductivity [S.m-1]"] = compact_sigma(values) * factor
    sol, _ = solve("Li2021_Mo6S8", ["Discharge at 0.1C for 12 hours or until 1.8 V"], up, options)
    return sol


@pytest.mark.slow
def test_slow_electrons_cut_the_capacity_of_a_thick_electrode_on_the_lever_rule_host():
    """Lever-rule host (the option; its Fickian host fills the whole thickness at 0.1C): with
    sigma_e lowered 1e8-fold (1e-3 S/m, below sigma_ion ~ 0.1 S/m) the capacity falls (model:
    1.40 -> 1.07 mA.h, -23 %): the ions now carry the current to the collector by migration, the
    host fills from there, and the step ends when the collector side is full while D~ = D t_e
    (t_e ~ 0.01) cannot spread the Li back. (At sigma_e ~ sigma_ion, 1e6-fold lower, the capacity
    does not fall: the electrode then fills from both sides.) The multi-phase host's version of
    this mechanism is the next test."""
    caps = []
    for factor in (1.0, 1e-8):
        sol = thick_lms_discharge(factor, HOSTS[0])
        caps.append(0.0 if isinstance(sol, pybamm.EmptySolution) else sol["Discharge capacity [A.h]"].entries[-1])
    assert caps[1] < 0.85 * caps[0]


@pytest.mark.slow
def test_slow_electrons_move_the_li4_phase_to_the_collector_of_a_thick_electrode():
    """Multi-phase host (the default): in the 30 um electrode at 0.1C the Li3/Li4 front starts at
    the separator, where the current enters, and the step ends when Li can no longer cross the
    Li4 layer grown there (model: 1.17 mA.h, the collector half left at Li3). With sigma_e lowered
    1e8-fold (t_ion ~ 1) the ions carry the current to the collector, where the electrons are, so
    Li4 forms at the collector as well (model: 1.40 mA.h, the whole electrode at Li4). The compositions are the free energy's binodals, not typed here: the
    collector side stays inside the Li3 window with metallic electrons and reaches the Li4 window
    with slow ones. Catches the electrons entering at the wrong side or the ions' migration share
    t_ion i dropped (the collector side would then stay at Li3)."""
    from pybamm_aea.parameters.Li2021_Mo6S8 import MO6S8_HOST

    li3_hi, li4_lo = MO6S8_HOST.windows[2][1], MO6S8_HOST.windows[3][0]
    metallic, slow = (thick_lms_discharge(f)["Cathode Li content"].entries[:, -1] for f in (1.0, 1e-8))
    assert metallic[0] <= li3_hi + 1e-3 and metallic[-1] > li3_hi  # filled from the separator only
    assert slow[0] >= li4_lo - 0.01  # Li4 at the collector: the current reached it as ions


def test_multi_phase_ionic_conductivity_is_its_mobility():
    """On the multi-phase host the ions' conductivity is F c_h B phi^b (Nernst-Einstein with the
    self-diffusivity of the mobility B, not the chemical one), and the ambipolar chemical
    diffusivity is B |dU_h/dx| t_e: TiS2 (one phase) at x = 0.5 with sigma_e lowered to 1e-4 S/m."""
    up = {"Initial cathode Li content": 0.5, "Cathode electronic conductivity [S.m-1]": 1e-4}
    sol, values = solve("Li2021_TiS2", ["Rest for 1 minute"], up, HOSTS[1])
    x = sol["Cathode Li content"].entries[:, 0]
    B = sol["Cathode Li mobility [m2.V-1.s-1]"].entries[:, 0]
    c_h = values["Cathode host density [kg.m-3]"] / values["Cathode host molar mass [kg.mol-1]"]
    phi_b = (1 - values["Cathode porosity"]) ** values["Cathode Bruggeman coefficient"]
    np.testing.assert_allclose(sol["Cathode ionic conductivity [S.m-1]"].entries[:, 0], F * c_h * B * phi_b, rtol=1e-9)
    t_e = sol["Cathode electronic transference number"].entries[:, 0]
    s_e = sol["Cathode local electronic conductivity [S.m-1]"].entries[:, 0]
    np.testing.assert_allclose(t_e, s_e / (s_e + F * c_h * B * phi_b), rtol=1e-9)
    assert np.all(t_e < 0.5) and np.allclose(x, 0.5)
    D = sol["Cathode Li diffusivity [m2.s-1]"].entries[:, 0]
    np.testing.assert_allclose(sol["Cathode chemical diffusivity [m2.s-1]"].entries[:, 0], D * t_e, rtol=1e-9)


@pytest.mark.slow
@pytest.mark.parametrize("options", HOSTS, ids=["lever rule", "multi-phase"])
@pytest.mark.parametrize(
    "name, loading, step",
    [
        # 0.1C: a pristine 13.91 mg/cm2 compact on the multi-phase host takes no Li at 1C
        ("Li2021_Mo6S8", Li2021_Mo6S8.HIGH_LOADING, "Discharge at 0.1C until 1.8 V"),
        ("Li2021_TiS2", 1.5e-2, "Discharge at 1C until 1.0 V"),
        ("Li2021_TiS2", 5e-2, "Discharge at 1C until 1.0 V"),
    ],
)
def test_metallic_limit_gives_back_the_uncoupled_model(name, loading, step, options):
    """s_e >> s_ion: the coupled model equals the uncoupled one (s_ion = 0) within 1 %."""
    values = pybamm.ParameterValues(name)
    scale = loading / values["Cathode loading [kg.m-2]"]
    up = {"Cathode loading [kg.m-2]": loading, "Nominal cell capacity [A.h]": values["Nominal cell capacity [A.h]"] * scale}
    coupled, _ = solve(name, [step], up, options)
    plain, _ = solve(name, [step], {**up, "Cathode ionic conductivity [S.m-1]": 0.0}, options)
    q_c = coupled["Discharge capacity [A.h]"].entries[-1]
    q_p = plain["Discharge capacity [A.h]"].entries[-1]
    assert q_c == pytest.approx(q_p, rel=0.01)
    e_c = coupled["Discharge energy [W.h]"].entries[-1]
    e_p = plain["Discharge energy [W.h]"].entries[-1]
    assert e_c == pytest.approx(e_p, rel=0.01)


@pytest.mark.parametrize("options", HOSTS, ids=["lever rule", "multi-phase"])
def test_migration_conserves_lithium_and_fills_from_the_collector(options):
    """A poor electronic conductor (TiS2 with s_e = 1e-4 S/m << s_ion): the ions carry the current
    to the collector, where the electrons are, so the host fills from X = 0; Li is conserved."""
    up = {"Cathode electronic conductivity [S.m-1]": 1e-4, "Initial cathode Li content": 0.3}
    sol, values = solve("Li2021_TiS2", ["Discharge at 0.05C for 1 hour"], up, options)
    n = sol["Total lithium in cathode [mol]"].entries
    q = sol["Discharge capacity [A.h]"].entries[-1] * 3600
    assert n[-1] - n[0] == pytest.approx(q / F, rel=1e-4)
    x = sol["Cathode Li content"].entries[:, -1]
    # collector side fuller than the separator side (lever rule by 0.042, multi-phase by 0.006:
    # its sigma_ion is F c_h B, the self-diffusivity's Nernst-Einstein, 7x below the lever rule's
    # from the chemical diffusivity, so t_e and the ambipolar D~ that spreads the Li are larger)
    assert x[0] > x[-1] + 0.004
    t_ion = sol["Cathode ionic transference number"].entries[:, -1]
    assert np.all(t_ion > 0.9)
