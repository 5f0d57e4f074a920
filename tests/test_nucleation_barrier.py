"""A formed multi-phase LMS discharge in which Li1 never nucleates at the separator says so (user trial of session 62,
finding 1: LMS formed at 0.1C, then 5C, 0.18 mA.h/g with no warning at all, every mesh agreeing; from LiMo6S8 the
same electrode gives 74.9). docs/known_limits.rst, "Multi-phase host: nucleation and the mesh"."""
import re
import warnings

import pybamm
import pytest

from pybamm_aea.convergence import (NEGLIGIBLE_DELIVERED_SHARE, MeshDependentNucleationWarning,
                                    NucleationBarrierWarning, unnucleated_discharges)
from pybamm_aea.readout import iter_steps
from pybamm_aea.studies.comparison import CELL_SPECS


#: the paper's electrode mass [g]: 1.5 mg/cm2 on its 0.785 cm2
MASS_G = 1.5e-3 * 0.785


def _last_step_mah_per_g(solution):
    """The last step's delivered capacity [mA.h/g]."""
    q = solution.cycles[-1].steps[0]["Discharge capacity [A.h]"].entries
    return (q[-1] - q[0]) * 1e3 / MASS_G


def _formed_then(c_rate, cut_off=1.8, temperature=None):
    """LMS (the paper's 1.5 mg/cm2, 70 C, multi-phase host) discharged and charged at 0.1C, then discharged at
    ``c_rate`` to ``cut_off`` [V] (at the experiment step's own ``temperature``, as "40oC", if given): (the solution,
    the texts of NucleationBarrierWarning, the categories warned)."""
    last = pybamm.step.string(f"Discharge at {c_rate}C until {cut_off} V", temperature=temperature)
    sim = pybamm.Simulation(pybamm.Model("AEA"), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"),
                            experiment=pybamm.Experiment(["Discharge at 0.1C until 1.8 V", "Charge at 0.1C until 2.8 V",
                                                          last]))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        solution = sim.solve()
    return (solution, [str(w.message) for w in caught if issubclass(w.category, NucleationBarrierWarning)],
            {w.category for w in caught})


def test_a_formed_discharge_in_which_li1_never_nucleates_warns_with_delivered_and_available():
    """5C after a 0.1C formation: 0.000214 mA.h (0.18 mA.h/g), 0.18 % of the 0.119 mA.h the host could take from its
    0.848 Li, the separator cell at 0.33 Li (measured 2026-12-07, session 62, 20 cells; 160 cells take 5e-7 mA.h:
    mesh_check calls it converged, and no MeshDependentNucleationWarning is given). Old code: no warning at all."""
    solution, said, categories = _formed_then(5)
    assert _last_step_mah_per_g(solution) == pytest.approx(0.18, abs=0.05)
    assert MeshDependentNucleationWarning not in categories
    assert len(said) == 1, said
    text = said[0]
    assert text.startswith("step 3, a discharge from a formed state (Li1 in the host) at 9.66 A/m2"), text
    share = float(re.search(r"mA\.h, ([0-9.]+)% of the ([0-9.]+) mA\.h the host could take", text).group(1))
    available = float(re.search(r"% of the ([0-9.]+) mA\.h the host could take", text).group(1))
    assert share == pytest.approx(0.18, abs=0.05) and share < 100 * NEGLIGIBLE_DELIVERED_SHARE
    assert available == pytest.approx(0.119, abs=0.002)
    assert "Li1 never nucleated in the Li0 layer at the separator" in text and "Fig. S3" in text
    assert "'host thermodynamics': 'lever rule'" in text and 'initial_soc="2.2 V"' in text
    assert "Multi-phase host: nucleation and the mesh" in text


def test_a_formed_discharge_stopped_by_a_cut_off_above_the_nucleation_dip_says_so_not_the_rate():
    """0.1C to 2.30 V after the formation: 0.03 mA.h/g (20 cells), the cut-off above the 2.250 V the host's
    homogeneous OCP falls to at its lithiation spinodal (a review's finding, session 62: the text advised a rate, "not
    a measured rate limit ... use the lever rule"). Now it names the cut-off and the dip read from the set, and no rate
    advice. Old code: the rate advice, no cut-off named."""
    from pybamm_aea.convergence import _spinodal_voltage

    solution, said, _ = _formed_then(0.1, 2.3)
    assert _last_step_mah_per_g(solution) < 0.1 and len(said) == 1, said
    text = said[0]
    dip = _spinodal_voltage(pybamm.ParameterValues("Li2021_Mo6S8"), {})
    assert 2.2 < dip < 2.3
    assert "The cut-off, 2.3 V, is above the dip" in text and f"{dip:.3f} V at open circuit" in text, text
    assert "lever rule" not in text and "rate limit" not in text and "the cut-off stopped it, not the rate" in text


def _cut_off_text_figures_are_read(solution, text):
    """Every voltage the cut-off text gives is one read: the cut-off, the dip at open circuit (the set's spinodal),
    the step's surface open-circuit voltage at its end; the losses the surface's less the cut-off."""
    from pybamm_aea.convergence import _spinodal_voltage

    step = solution.cycles[-1].steps[0]
    surface, cut_off, anode = (float(step[name].entries[-1]) for name in (
        "Surface open-circuit voltage [V]", "Voltage [V]", "Anode OCP [V]"))
    dip = _spinodal_voltage(pybamm.ParameterValues("Li2021_Mo6S8"), {}) - anode
    assert set(re.findall(r"(\d+\.\d+) V\b", text)) == {f"{cut_off:.3g}", f"{dip:.3f}", f"{surface:.3f}"}, text
    losses = float(re.search(r"\(([0-9.]+) mV of losses at this current", text).group(1))
    assert losses == pytest.approx((surface - cut_off) * 1e3, rel=0.05)


def test_the_cut_off_texts_voltages_are_each_read_not_estimated():
    """The cut-off text gave the dip at current as the OCP's minimum less the losses at the step's end: 2.247 V at
    0.1C, where the formed 0.1C discharge to 1.8 V dips to 2.203 V before Li1 nucleates (session 62's closing note).
    Now every voltage it gives is read: the cut-off (the step's lowest), the dip at open circuit and the surface's
    open-circuit voltage at the step's end (2.303 V, 20 cells). Old code: a 2.247 V figure no step shows."""
    solution, said, _ = _formed_then(0.1, 2.3)
    assert len(said) == 1, said
    _cut_off_text_figures_are_read(solution, said[0])
    assert "2.303 V at open circuit, short of it" in said[0], said[0]


def test_the_cut_off_text_reads_the_dip_at_the_steps_own_temperature():
    """The discharge at 0.1C to 2.30 V at 40 C (the experiment step's own temperature, the set's 70 C for the
    formation): the dip read at 40 C and said so (the homogeneous OCP's spinodal: 2.250 V at 0 to 90 C alike, 0.37625
    Li), the figures read. Old code: read at the set's 70 C, no temperature named."""
    solution, said, _ = _formed_then(0.1, 2.3, temperature="40oC")
    assert len(said) == 1, said
    assert "2.250 V at open circuit at 40 C" in said[0], said[0]
    _cut_off_text_figures_are_read(solution, said[0])


@pytest.mark.parametrize("c_rate", [0.1, 1])
def test_a_formed_discharge_that_fills_does_not_warn(c_rate):
    """0.1C and 1C after the same formation fill (101.0 mA.h/g, 85 % of the host's way): not warned."""
    solution, said, _ = _formed_then(c_rate)
    assert _last_step_mah_per_g(solution) == pytest.approx(101.0, abs=0.5)
    assert said == []


def test_the_judgement_reads_nothing_of_a_step_not_ended_at_a_voltage():
    """A rest or a step its time ended is passed over on its termination, no variable read (the judgement's cost: 25
    C/10 cycles with rests, well under 1 % of the run)."""

    class _Untouchable:
        termination = "final time"

        def __getattr__(self, name):
            raise AssertionError(f"read {name}")

        def __getitem__(self, name):
            raise AssertionError(f"read {name!r}")

    assert unnucleated_discharges([_Untouchable()]) == []


def test_the_judgement_reads_the_content_at_the_steps_ends_not_over_the_step(monkeypatch):
    """The judgement read "Cathode Li content" over the whole step (~1 ms of CPU a C/10 discharge) although the mesh
    judgement, since session 62, reads only the start state and so no longer has it cached. Now the start state and
    the last one only: the 5C discharge's text the same, no variable of the step read over its times but the
    delivered charge's."""
    solution, said, _ = _formed_then(5)
    steps = [step for *_, step in iter_steps(solution)]
    read, getitem = [], pybamm.Solution.__getitem__

    def recorded(self, name):
        read.extend(name for step in steps if step is self)
        return getitem(self, name)

    monkeypatch.setattr(pybamm.Solution, "__getitem__", recorded)
    assert unnucleated_discharges(steps) == said and len(said) == 1
    assert "Cathode Li content" not in read and "Cathode host has the LixMo6S8 phases" not in read, read


AEA_ROWS = [spec for spec in CELL_SPECS if isinstance(spec.simulation, str)]


@pytest.mark.slow
@pytest.mark.parametrize("spec", AEA_ROWS, ids=[spec.simulation for spec in AEA_ROWS])
def test_the_main_jobs_aea_cells_are_not_warned(spec):
    """The main job's AEA rows (formation + 3 cycles at 0.1C, each set's options) fill every discharge."""
    steps = [step for *_, step in iter_steps(spec.build(3).solve())]
    assert unnucleated_discharges(steps) == []


def test_the_judgements_read_only_end_states_and_no_constant_current(monkeypatch):
    """The mesh judgement read "Current [A]" over every step, rests included (~0.17 ms a step, an observer set up:
    0.10 of the judgements' 0.11 CPU s on 100 C/10 LMS cycles with rests), and both read a discharge's start through
    PyBaMM's ``first_state`` (~0.4 ms), the barrier its end through ``last_state``. Now a rest's or constant-current
    step's current is its model's constant and the states are evaluated at the step's ends (session 63: 0.107 ->
    0.012 s): the formed 5C run's texts the same, no variable of PyBaMM's read over a step but the warned discharge's
    (its delivered charge and its trough), none of the formation's discharge nor its charge."""
    from pybamm_aea.convergence import nucleation_mesh_judgement

    solution, said, _ = _formed_then(5)
    steps = [step for *_, step in iter_steps(solution)]
    read, getitem = [], pybamm.Solution.__getitem__

    def recorded(self, name):
        read.append((next((k + 1 for k, step in enumerate(steps) if step is self), None), name))
        return getitem(self, name)

    monkeypatch.setattr(pybamm.Solution, "__getitem__", recorded)
    sim = pybamm.Simulation(pybamm.Model("AEA"), parameter_values=pybamm.ParameterValues("Li2021_Mo6S8"))
    assert nucleation_mesh_judgement(sim.model, sim.parameter_values, steps).text is None
    assert unnucleated_discharges(steps) == said and len(said) == 1
    assert {k for k, _ in read} == {3} and "Cathode Li content" not in {name for _, name in read}, read


def test_mesh_check_says_the_barrier_once_with_both_meshes():
    """mesh_check of the 5C discharge after the formation (20 and 40 cells, converged: no mesh warning) warned the
    barrier once per mesh, each text its own mesh's figures (session 62's closing note). Now once, the coarse run's
    figures, naming both meshes. Old code: two NucleationBarrierWarning."""
    from pybamm_aea.convergence import mesh_check

    experiment = pybamm.Experiment(["Discharge at 0.1C until 1.8 V", "Charge at 0.1C until 2.8 V",
                                    "Discharge at 5C until 1.8 V"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = mesh_check(pybamm.Model("AEA"), pybamm.ParameterValues("Li2021_Mo6S8"), experiment)
    said = [str(w.message) for w in caught if issubclass(w.category, NucleationBarrierWarning)]
    assert table.attrs["var_pts"]["fine"]["xi_c"] == 40 and table.attrs["nucleation"] is None
    assert len(said) == 1, said
    assert said[0].startswith("step 3, a discharge from a formed state (Li1 in the host) at 9.66 A/m2"), said[0]
    assert said[0].endswith("(said of both meshes, 20 and 40 cathode cells; the figures are the 20 cells')"), said[0]
