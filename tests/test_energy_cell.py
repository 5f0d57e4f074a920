"""Cell-level (stack) energy density of pybamm_aea.energy (Randau et al., Nat. Energy 5, 259, 2020 practice)."""
import math
import re

import pytest

from pybamm_aea.energy import (
    Cell,
    CompositeAnode,
    CurrentCollector,
    Electrode,
    LiInAnode,
    LiMetalAnode,
    PercolationWarning,
    SeparatorLayer,
    cell_preset,
    get_material,
)
from pybamm_aea.energy import paper
from pybamm_aea.energy.materials import LI_IN_PLATEAU


def test_hand_computed_stack():
    """E_g = Q_A V / sum(m_i), E_v = Q_A V / sum(t_i) on a stack whose numbers are easy to check."""
    cathode = Electrode({"LiCoO2": 1.0}, 0.0, capacities={"LiCoO2": 200.0}, voltages={"LiCoO2": 4.0})
    cell = Cell(
        cathode, loading_mg_cm2=10.0,
        separators=[SeparatorLayer("Sulfide SE", thickness_um=50.0)],
        anode=LiMetalAnode(thickness_um=20.0),
        collectors=[CurrentCollector("Al", 10.0), CurrentCollector("Cu", 10.0)],
    )
    q = 2.0  # mAh/cm2
    masses = 10.0 + 50e-4 * 1.92 * 1e3 + 20e-4 * 0.534 * 1e3 + 10e-4 * 2.70 * 1e3 + 10e-4 * 8.96 * 1e3
    thick = 10.0 / 5.05 * 10 + 50 + 20 + 10 + 10
    ed = cell.energy_density()
    assert cell.areal_capacity == pytest.approx(q)
    assert cell.areal_mass == pytest.approx(masses)
    assert cell.thickness == pytest.approx(thick)
    assert ed.gravimetric == pytest.approx(q * 4.0 / masses * 1000)
    assert ed.volumetric == pytest.approx(q * 4.0 / (thick * 1e-4))
    assert cell.summary()["mass_share"].sum() == pytest.approx(1.0)


def test_li_metal_anode_sizing():
    li = get_material("Li")
    assert 1e4 / (li.specific_capacity * li.density) == pytest.approx(4.85, abs=0.01)  # um per mAh/cm2
    assert LiMetalAnode(np_ratio=1.0).thickness(1.0) == pytest.approx(4.85, abs=0.01)
    assert LiMetalAnode(excess=0.5).thickness(2.0) == pytest.approx(1.5 * 2 * 4.85, rel=1e-3)
    with pytest.raises(ValueError, match="exactly one"):
        LiMetalAnode(thickness_um=20, np_ratio=2)
    with pytest.raises(ValueError, match="exactly one"):
        LiMetalAnode()


def test_paper_lab_cell():
    cell = cell_preset("paper lab cell")
    layers = {layer.name: layer for layer in cell.layers}
    # 100 mg LGPS and 50 mg Li3PS4 on the 0.785 cm2 die, dense
    lab = paper.PAPER_CELL
    assert layers["Li10GeP2S12"].areal_mass_mg_cm2 == pytest.approx(lab["lgps_mg"] / lab["area_cm2"])
    assert layers["Li10GeP2S12"].thickness_um == pytest.approx(624, abs=2)
    assert layers["Li3PS4"].thickness_um == pytest.approx(341, abs=2)
    assert layers["Li"].thickness_um == lab["li_um"] and layers["In"].thickness_um == lab["in_um"]
    # the practical cathode: 0.6289 mAh on 0.785 cm2 = 0.8 mAh/cm2 (text)
    assert cell.areal_capacity == pytest.approx(0.8, abs=0.01)
    assert cell.voltage == pytest.approx(paper.SLMS_PRACTICAL_MEAN_VOLTAGE - LI_IN_PLATEAU)
    ed = cell.energy_density()
    # a thick-pellet lab cell: the separator is > 85 % of the mass, the stack gives a few Wh/kg
    assert cell.summary().set_index("role").loc["separator", "mass_share"].sum() > 0.85
    assert 1 < ed.gravimetric < 20 and 1 < ed.volumetric < 50


def test_practical_target_and_liquid_reference():
    slms = paper.slms_practical_electrode()
    target = cell_preset("practical target", slms, areal_capacity_mAh_cm2=3.0)
    lab = cell_preset("paper lab cell", slms, areal_capacity_mAh_cm2=3.0)
    assert target.energy_density().gravimetric > 10 * lab.energy_density().gravimetric
    assert 150 < target.energy_density().gravimetric < 400
    lco, v = paper.table_s9_electrode("LiCoO2")
    lib = cell_preset("liquid LIB", lco, areal_capacity_mAh_cm2=3.0, cathode_voltage=v)
    ed = lib.energy_density()
    assert 180 < ed.gravimetric < 320 and 500 < ed.volumetric < 900  # a commercial-like liquid cell
    assert lib.voltage == pytest.approx(3.8 - 0.1)
    with pytest.raises(ValueError, match="needs a cathode"):
        cell_preset("practical target")
    with pytest.raises(ValueError, match="unknown cell preset"):
        cell_preset("coin cell", slms, loading_mg_cm2=1.0)


def test_anode_limits_a_cathode_that_needs_lithium():
    slms = paper.slms_practical_electrode()  # Li-free hosts: its Li comes from the anode
    with pytest.warns(UserWarning, match="anode limits"):
        cell = Cell(slms, areal_capacity_mAh_cm2=5.0, anode=LiMetalAnode(thickness_um=10.0))
        q = cell.areal_capacity
    assert q == pytest.approx(10.0 / 4.85, rel=0.01)
    with pytest.raises(ValueError, match="anode-free"):
        Cell(slms, loading_mg_cm2=1.0, anode=None)
    # a lithiated cathode can be anode-free
    lco = Electrode({"LiCoO2": 1.0}, 0.1)
    assert Cell(lco, loading_mg_cm2=10.0).areal_capacity == pytest.approx(1.5)


def test_li_in_and_composite_anodes():
    li_in = LiInAnode(80, 30)
    assert li_in.voltage_vs_li == LI_IN_PLATEAU
    assert li_in.lithium_capacity(1.0) == pytest.approx(80 / 4.85, rel=0.01)
    graphite = Electrode({"Graphite": 0.94, "Carbon": 0.03, "Binder": 0.03}, 0.3, pore_filler="1M LiPF6 EC/DMC")
    anode = CompositeAnode(graphite, np_ratio=1.1)
    (layer,) = anode.layers(3.0)
    assert graphite.areal_capacity(layer.areal_mass_mg_cm2) == pytest.approx(3.3)


def test_bad_cell_input():
    lco = Electrode({"LiCoO2": 1.0}, 0.1)
    with pytest.raises(ValueError, match="exactly one"):
        Cell(lco, loading_mg_cm2=1.0, thickness_um=10.0)
    with pytest.raises(ValueError, match="loading_mg_cm2"):
        Cell(lco, loading_mg_cm2=-1.0)
    with pytest.raises(ValueError, match="exactly one"):
        SeparatorLayer("LGPS")
    with pytest.raises(ValueError, match="porosity"):
        SeparatorLayer("LGPS", thickness_um=30, porosity=1.0)
    with pytest.raises(TypeError):
        Cell({"LiCoO2": 1.0}, loading_mg_cm2=1.0)


def test_an_anode_above_the_cathode_is_refused():
    """A Li-In anode given 2.5 V vs Li under S-LMS (1.87 V) was a cell of -0.49 V and -13.8 Wh/kg."""
    cathode = Electrode(paper.SLMS_COMPOSITION, 0.082)
    with pytest.raises(ValueError, match=r"the anode \(2.5 V vs Li\) is not below the cathode"):
        Cell(cathode, loading_mg_cm2=1.5, anode=LiInAnode(voltage_vs_li=2.5))


@pytest.mark.parametrize("typed", ["Paper lab cell", "paper lab cel"])
def test_an_unknown_cell_preset_suggests_the_close_names(typed):
    """cell_preset() listed the presets but suggested none for a wrong case or a misspelling."""
    with pytest.raises(ValueError, match=r"did you mean \['paper lab cell'\]"):
        cell_preset(typed)


def test_an_anode_limited_cells_energy_density_warns_once():
    """energy_density() of an anode-limited cell says "the anode limits the cell" once: it read the areal capacity
    twice and warned twice, from two lines (session 43's trial: S-LMS at 10 mg/cm2 on 20 um Li + 10 um In)."""
    import warnings

    slms = Electrode(paper.SLMS_COMPOSITION, 0.082)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cell = cell_preset("practical target", slms, loading_mg_cm2=10.0, anode=LiInAnode(20.0, 10.0))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        e = cell.energy_density()
    assert [str(w.message) for w in caught] == [
        "the anode limits the cell: 4.124 mAh/cm2 available for a cathode of 6.308 mAh/cm2"]
    assert e.specific_capacity == pytest.approx(cell.areal_capacity / cell.areal_mass * 1000.0)


def test_a_stack_around_another_cathode_keeps_its_layers_and_its_record():
    """Cell.with_cathode puts another cathode at another loading in the same stack (a sweep's point), which
    stack_record describes without its cathode."""
    slms = paper.slms_practical_electrode()
    mine = Cell(slms, loading_mg_cm2=1.0, separators=[SeparatorLayer("Sulfide SE", thickness_um=30.0)],
                anode=LiInAnode(20.0, 10.0), collectors=[CurrentCollector("Stainless steel", 10.0)], name="mine")
    mo6s8 = Electrode({"Mo6S8": 1.0}, 0.11)
    moved = mine.with_cathode(mo6s8, 5.0)
    assert moved.cathode is mo6s8 and moved.cathode_loading == 5.0 and moved.name == "mine"
    assert moved.layers[1:] == mine.layers[1:] and moved.stack_record() == mine.stack_record()
    assert mine.stack_record() == {
        "name": "mine", "separators": [{"separator": "Sulfide SE", "thickness_um": 30.0,
                                        "areal_mass_mg_cm2": pytest.approx(5.76)}],
        "anode": {"anode": "Li-In", "li_thickness_um": 20.0, "in_thickness_um": 10.0, "voltage_vs_li": LI_IN_PLATEAU},
        "collectors": [{"collector": "Stainless steel", "thickness_um": 10.0,
                        "areal_mass_mg_cm2": pytest.approx(get_material("Stainless steel").density)}]}
    lib = cell_preset("liquid LIB", Electrode({"LiCoO2": 1.0}, 0.3), loading_mg_cm2=10.0)
    assert lib.stack_record()["anode"]["np_ratio"] == 1.1


def test_a_practical_target_stack_by_hand_from_the_papers_table_s9():
    """A cell engineer's check of the "practical target" stack (30 um sulfide SE at 1.92 g/cm3, 20 um Li at 0.534,
    10 um Al at 2.70, 10 um Cu at 8.96 g/cm3) around Table S9's Mo6S8 electrode (91.2 mAh/g, 4.78 g/cm3 at 11 %
    porosity, 2.05 V) at 3 mAh/cm2: 32.89 mg/cm2 and 77.32 um of cathode, 51.38 mg/cm2 and 147.32 um of stack,
    6.15 mWh/cm2: 119.69 Wh/kg and 417.45 Wh/L."""
    electrode, voltage = paper.table_s9_electrode("Mo6S8")
    cell = cell_preset("practical target", electrode, areal_capacity_mAh_cm2=3.0, cathode_voltage=voltage)
    loading = 3.0 / 91.2 * 1000.0  # mg/cm2
    cathode_um = loading / (4.78 * (1 - 0.11)) * 10.0
    mass = loading + 30 * 1.92 / 10 + 20 * 0.534 / 10 + 10 * 2.70 / 10 + 10 * 8.96 / 10
    thickness = cathode_um + 30 + 20 + 10 + 10
    cathode = cell.layers[0]  # the cell's own layers against the engineer's
    assert (cathode.areal_mass_mg_cm2, cathode.thickness_um) == pytest.approx((loading, cathode_um), rel=1e-6)
    assert (cell.areal_mass, cell.thickness) == pytest.approx((51.382737, 147.3230), rel=1e-6)
    e = cell.energy_density()
    assert (e.gravimetric, e.volumetric) == pytest.approx((3.0 * 2.05 / mass * 1e3, 3.0 * 2.05 / thickness * 1e4),
                                                          rel=1e-12)
    assert (e.gravimetric, e.volumetric) == pytest.approx((119.690, 417.450), abs=1e-3)


def test_a_stack_without_a_name_is_named_so_in_messages():
    """stack_label of an unnamed Cell printed "Cell(None)" in the sweep's and cycle_summary's errors."""
    from pybamm_aea.energy.cell import stack_label

    def stack(**name):
        return Cell(paper.slms_practical_electrode(), loading_mg_cm2=1.0, anode=LiInAnode(20.0, 10.0), **name)

    assert stack().name is None
    assert stack_label(stack()) == "Cell (no name)"
    assert stack_label(stack(name="mine")) == "Cell('mine')"
    assert stack_label("practical target") == "'practical target'"


def test_a_cathode_voltage_of_zero_is_refused_naming_cathode_voltage():
    """Cell(cathode_voltage=0) gave 0 Wh/kg without a word while ``energy --voltage 0`` is refused (> 0), and
    Cell(cathode_voltage=-0.62)'s error named "voltage" (session 51): both refused naming cathode_voltage, as is an
    electrode's whole voltage of 0; the bounds are :data:`pybamm_aea.ranges.VOLTAGE_VS_LI`'s."""
    from pybamm_aea.ranges import VOLTAGE_VS_LI

    cathode = paper.slms_electrode(0.082)
    with pytest.raises(ValueError, match=f"^cathode_voltage must be > {VOLTAGE_VS_LI.low:g}, got 0$"):
        Cell(cathode, areal_capacity_mAh_cm2=3.0, cathode_voltage=0, anode=LiInAnode())
    with pytest.raises(ValueError, match=f"^cathode_voltage must be > {VOLTAGE_VS_LI.low:g}, got -0.62$"):
        Cell(cathode, areal_capacity_mAh_cm2=3.0, cathode_voltage=-0.62, anode=LiInAnode())
    with pytest.raises(ValueError, match=f"^cathode_voltage must be <= {VOLTAGE_VS_LI.high:g}, got 2050 "):
        Cell(cathode, areal_capacity_mAh_cm2=3.0, cathode_voltage=2050, anode=LiInAnode())
    with pytest.raises(ValueError, match=f"^voltage must be > {VOLTAGE_VS_LI.low:g}, got 0$"):
        cathode.energy_density(0.0)
    cell = Cell(cathode, areal_capacity_mAh_cm2=3.0, cathode_voltage=2.0, anode=LiInAnode())
    assert cell.cathode_voltage_vs_li == 2.0


def test_the_anode_gives_a_lithiated_cathode_its_own_li_and_what_the_charge_moved():
    """Cell.anode_capacity was the host's uptake alone for a lithiated cathode and the Li foil's alone for any cathode
    with a Li-free share (until session 57, review R37): LiCoO2 on the "paper lab cell" (80 um Li + 30 um In) was
    limited to the In's 5.119 of 6 mAh/cm2 (63.27 Wh/kg, "the anode limits the cell"), an S8 : Li2S 1 : 6 mixture on
    the "practical target" to the 20 um foil's 4.124 of 8.666 mAh/cm2 though only its S8 share (1.675) needs the
    anode's Li. Now: own Li + min(host uptake, lithiated capacity)."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # neither is anode-limited
        lab = cell_preset("paper lab cell", Electrode({"LiCoO2": 1.0}, 0.1), loading_mg_cm2=40.0)
        # (review R38: the foil's own Li fills the In first, Li:In 3.2 : 1, so Li plates: its 16.50 + the charge's 6)
        assert lab.anode.host_capacity(6.0) == math.inf
        assert lab.anode_capacity == pytest.approx(80 / 4.85 + 6.0, rel=0.01)
        assert lab.areal_capacity == pytest.approx(6.0)
        assert lab.energy_density().gravimetric == pytest.approx(74.16, abs=0.01)
        with pytest.warns(PercolationWarning, match="no ion path"):  # (carbon carries no Li ions: session 61)
            mixture = Electrode({"S8": 0.1, "Li2S": 0.6, "Carbon": 0.3}, 0.1)
        target = cell_preset("practical target", mixture, loading_mg_cm2=10.0)
        q = target.cathode_capacity
        assert q == pytest.approx(8.666, abs=1e-3)
        assert q * (1 - mixture.lithiated_capacity_fraction) == pytest.approx(1.675, abs=1e-3)  # the S8 share
        assert target.anode_capacity == pytest.approx(4.1245 + q * mixture.lithiated_capacity_fraction, abs=1e-3)
        assert target.areal_capacity == pytest.approx(q)
        # a graphite stack: the charge moves the LiCoO2's Li (3 of its 3.3 mAh/cm2 of host), the cell unchanged
        lib = cell_preset("liquid LIB", Electrode({"LiCoO2": 1.0}, 0.3), loading_mg_cm2=20.0)
        assert lib.anode_capacity == pytest.approx(3.0) and lib.areal_capacity == pytest.approx(3.0)
        assert lib.energy_density().gravimetric == pytest.approx(256.53, abs=0.01)
    # a bare In foil (no Li of its own) takes up 1.706 of a LiCoO2's 3 mAh/cm2: a discharge beyond it is said so
    from pybamm_aea.cycling import anode_limited
    from pybamm_aea.energy import LiInAnode

    bare = Cell(Electrode({"LiCoO2": 1.0}, 0.1), loading_mg_cm2=20.0, anode=LiInAnode(0.0, 10.0))
    assert bare.anode_capacity == pytest.approx(1.706, abs=1e-3)
    mask, why = anode_limited(bare, [50.0, 100.0])
    assert mask.tolist() == [False, True]
    assert ("delivered 2 mAh/cm2, more than the stack's anode can give, 1.706 mAh/cm2 (its anode's own Li and what "
            "the first charge moved into it, at most what it takes up as host and the cathode's lithiated "
            "capacity;") in why
    # review R38: a Li-poor foil's own Li fills part of the In first: 5 um Li (1.031) + 30 um In (5.119) takes back
    # 5.119 in all, under a LiCoO2 of 6 mAh/cm2 (it counted 1.031 + 5.119 = 6.15, not limited)
    poor = Cell(Electrode({"LiCoO2": 1.0}, 0.1), loading_mg_cm2=40.0, anode=LiInAnode(5.0, 30.0))
    assert poor.anode_capacity == pytest.approx(5.119, abs=1e-3) and poor.anode_capacity < poor.cathode_capacity
    # a Li-free cathode: the foil's Li alone, unchanged
    with pytest.warns(UserWarning, match=r"the anode limits the cell: 4.124 mAh/cm2 available for a cathode of 11.72"):
        free = cell_preset("practical target", Electrode({"S8": 0.7, "Carbon": 0.3}, 0.1), loading_mg_cm2=10.0)
        assert free.areal_capacity == pytest.approx(4.1245, abs=1e-4)
    assert free.anode_capacity == free.anode.lithium_capacity(free.cathode_capacity)


def test_a_composite_anode_made_lithiated_takes_up_nothing_more():
    """CompositeAnode.host_capacity was its whole N:P capacity, made lithiated too (full of Li): Li7Ti5O12 at N:P 1.1
    under LiCoO2 (3 mAh/cm2) gave the charge 3.3 mAh/cm2 of room on top of its 3.3 of Li (anode_capacity 6.3, session
    57). Now none: 3.3. A Li-free graphite takes up all its 3.3."""
    lto = Electrode({"Li7Ti5O12": 0.9, "Carbon": 0.1}, 0.3)
    anode = CompositeAnode(lto, np_ratio=1.1)
    assert anode.lithium_capacity(3.0) == pytest.approx(3.3) and anode.host_capacity(3.0) == 0.0
    cell = Cell(Electrode({"LiCoO2": 1.0}, 0.1), loading_mg_cm2=20.0, anode=anode)
    assert cell.anode_capacity == pytest.approx(3.3) and cell.areal_capacity == pytest.approx(3.0)
    graphite = CompositeAnode(Electrode({"Graphite": 0.94, "Carbon": 0.03, "Binder": 0.03}, 0.3), np_ratio=1.1)
    assert graphite.lithium_capacity(3.0) == 0.0 and graphite.host_capacity(3.0) == pytest.approx(3.3)


# ------------------------------------------------------------------------------------ session 60 (trial UT, finding 7)
@pytest.mark.parametrize("make, said", [
    # a 30 um separator typed in mm: 1285 Wh/L for 799; in nm: 2.1 Wh/L
    (lambda: SeparatorLayer("Li3PS4", thickness_um=0.03),
     "separator thickness_um must be >= 1, got 0.03 (at least 1 um, a sputtered LiPON film, the thinnest solid "
     "electrolyte separating a cell) (0.03 um = 3e-05 mm); did you give mm? 0.03 mm = 30 um"),
    (lambda: SeparatorLayer("Li3PS4", thickness_um=30000),
     "separator thickness_um must be <= 2000, got 30000 (at least 1 um, a sputtered LiPON film"),
    (lambda: SeparatorLayer("Li3PS4", thickness_um=30000), "separator thickness_um must be <= 2000, got 30000 (at "
     "least 1 um, a sputtered LiPON film, the thinnest solid electrolyte separating a cell; at most 2000 um, twice "
     "the paper's pressed Li10GeP2S12 + Li3PS4 pellet (965 um)) (30000 um = 30000000 nm); did you give nm? 30000 nm = "
     "30 um"),
    (lambda: SeparatorLayer("Li3PS4", thickness_um=0), "separator thickness_um must be >= 1, got 0"),
    # an areal mass giving a layer outside the range (0.001 mg/cm2 of Li3PS4: 5 nm)
    (lambda: SeparatorLayer("Li3PS4", areal_mass_mg_cm2=0.001),
     "separator areal_mass_mg_cm2 = 0.001 gives a Li3PS4 layer 0.005348 um thick, outside a separator's range "
     "[1, 2000] um"),
    # a 10 um foil typed in mm, a 10 mm plate: 6.3 Wh/L for 799
    (lambda: CurrentCollector("Al", 0.01), "collector thickness_um must be >= 1, got 0.01 (at least 1 um (rolled "
                                           "Cu and Al collector foils are 4.5-20 um)) (0.01 um = 1e-05 mm); "
                                           "did you give mm? 0.01 mm = 10 um"),
    # below the range with no slip that fits: the reason, as above it (review R46-2, session 61: none until then)
    (lambda: CurrentCollector("Al", 0.5), "collector thickness_um must be >= 1, got 0.5 (at least 1 um (rolled Cu "
                                          "and Al collector foils are 4.5-20 um))"),
    (lambda: SeparatorLayer("Li3PS4", thickness_um=0), "separator thickness_um must be >= 1, got 0 (at least 1 um, a "
                                                       "sputtered LiPON film, the thinnest solid electrolyte "
                                                       "separating a cell)"),
    (lambda: CurrentCollector("Al", 10000), "collector thickness_um must be <= 200, got 10000 (at least 1 um"),
])
def test_a_stack_layer_outside_its_range_is_refused_naming_the_unit_slip(make, said):
    """SeparatorLayer and CurrentCollector took any non-negative thickness (the trial's 0.03 and 30000 um separators,
    a 10000 um collector); each is refused naming the value and the unit it fits."""
    with pytest.raises(ValueError, match="^" + re.escape(said)):
        make()


def test_the_stacks_layers_of_the_papers_and_the_presets_are_in_range():
    """The ends of the ranges and the layers the package ships (the paper's pellet, 624 + 341 um; the presets' 10 um
    foils and 30 um separator) stay in range."""
    for thickness in (1.0, 30.0, 624.0, 2000.0):
        assert SeparatorLayer("Li3PS4", thickness_um=thickness).thickness_um == thickness
    for thickness in (1.0, 10.0, 200.0):
        assert CurrentCollector("Al", thickness).thickness_um == thickness
    assert cell_preset("paper lab cell").layers
    assert cell_preset("practical target", cathode=paper.slms_practical_electrode(), loading_mg_cm2=5.0).layers


# ------------------------------------------------------------------- double-sided stacks, Ni, packaging (session 64)
def _target(**stacking):
    return cell_preset("practical target", paper.slms_practical_electrode(), areal_capacity_mAh_cm2=3.0, **stacking)


def test_an_n_layer_stack_approaches_the_repeat_unit_as_one_over_n():
    """n double-sided layers hold n + 1 foils from the Al at one end: per layer the collectors exceed the repeat
    unit's half foils by (Al + Cu) / (2 n) for n odd and Al / n for n even (exact algebra); one layer is the
    single-sided unit."""
    al, cu = (CurrentCollector(m, 10.0).layers()[0].areal_mass_mg_cm2 for m in ("Al", "Cu"))
    unit = _target(double_sided=True)
    assert unit.areal_mass == pytest.approx(_target().areal_mass - (al + cu) / 2, rel=1e-13)
    assert _target(double_sided=True, layers=1).energy_density() == _target().energy_density()
    for n in (1, 2, 3, 4, 7, 10, 101, 1000):
        excess = _target(double_sided=True, layers=n).areal_mass - unit.areal_mass
        assert excess == pytest.approx((al + cu) / (2 * n) if n % 2 else al / n, rel=1e-9), n
    gravimetric = [_target(double_sided=True, layers=n).energy_density().gravimetric for n in (1, 3, 11, 101)]
    assert gravimetric == sorted(gravimetric) and gravimetric[-1] < unit.energy_density().gravimetric


def test_the_double_sided_repeat_unit_beats_the_single_sided_unit_by_its_half_foils():
    """The practical target at 3 mAh/cm2 of the S-LMS practical cathode: 227.42 Wh/kg single-sided, 297.73 as a
    double-sided repeat unit (the 10 um Al and Cu halved: 13.66 of 52.44 mg/cm2); Wh/L 622.5 -> 700.1."""
    single, double = _target().energy_density(), _target(double_sided=True).energy_density()
    assert single.gravimetric == pytest.approx(227.42, abs=0.01)
    assert double.gravimetric == pytest.approx(297.73, abs=0.01)
    assert double.volumetric == pytest.approx(700.1, abs=0.1) and single.volumetric == pytest.approx(622.5, abs=0.1)
    assert _target(double_sided=True).counted.startswith("double-sided repeat unit")
    assert _target().counted.endswith("packaging not included")


def test_a_ni_collector_is_heavier_than_al_by_the_density_ratio():
    ni, al = CurrentCollector("Ni", 10.0).layers()[0], CurrentCollector("Al", 10.0).layers()[0]
    assert get_material("nickel").density == 8.90 and "CRC" in get_material("Ni").source
    assert ni.areal_mass_mg_cm2 / al.areal_mass_mg_cm2 == pytest.approx(8.90 / 2.70, rel=1e-12)
    cu = _target()
    with_ni = _target(anode_collector="Ni")
    assert cu.areal_mass - with_ni.areal_mass == pytest.approx(10e-4 * (8.96 - 8.90) * 1e3, rel=1e-9)
    assert [layer.name for layer in with_ni.layers][-1] == "Ni collector"


def test_the_users_packaging_is_counted_once_per_cell_and_said():
    """20 mg/cm2 and 150 um of packaging on a 10-layer stack: 2 mg/cm2 and 15 um per layer; the output says it."""
    bare = _target(double_sided=True, layers=10)
    packed = _target(double_sided=True, layers=10, packaging_mg_cm2=20.0, packaging_um=150.0)
    assert packed.areal_mass - bare.areal_mass == pytest.approx(2.0, rel=1e-12)
    assert packed.thickness - bare.thickness == pytest.approx(15.0, rel=1e-12)
    assert "packaging (the user's): 20 mg/cm2 and 150 um per cell" in packed.counted
    single = _target(packaging_mg_cm2=20.0, packaging_um=150.0)
    assert single.areal_mass - _target().areal_mass == pytest.approx(20.0, rel=1e-12)
    assert packed.stack_record()["counted"] == packed.counted and "counted" not in _target().stack_record()
    again = packed.with_cathode(paper.slms_practical_electrode(), packed.cathode_loading)
    assert again.areal_mass == pytest.approx(packed.areal_mass, rel=1e-12)


@pytest.mark.parametrize("stacking, said", [
    (dict(double_sided=True, layers=0), "layers = 0: give a whole number >= 1"),
    (dict(double_sided=True, layers=-3), "layers = -3: give a whole number >= 1"),
    (dict(double_sided=True, layers=2.5), "layers = 2.5: give a whole number"),
    (dict(layers=3), "layers = 3 needs double_sided=True"),
    (dict(packaging_mg_cm2=-1.0, packaging_um=10.0), "packaging_mg_cm2 must be >= 0, got -1"),
    (dict(packaging_mg_cm2=1.0, packaging_um=-10.0), "packaging_um must be >= 0, got -10"),
    (dict(packaging_mg_cm2=1.0), "packaging_mg_cm2 needs packaging_um too"),
    (dict(double_sided=True, packaging_mg_cm2=1.0, packaging_um=10.0), "a repeat unit .* give layers"),
])
def test_bad_stacking_is_refused_naming_the_value(stacking, said):
    with pytest.raises(ValueError, match=said):
        _target(**stacking)


def test_a_double_sided_stack_needs_its_two_collectors():
    with pytest.raises(ValueError, match="double_sided=True needs two collectors.*this stack has: none"):
        cell_preset("paper lab cell", double_sided=True)


def _docs_figure(readme_figure, anchor):
    from pathlib import Path

    return readme_figure(anchor, text=(Path(__file__).parents[1] / "docs" / "sweeps.rst").read_text())


def test_the_end_foils_follow_each_collectors_electrode_and_outer_not_the_list_order(readme_figure):
    """Session 64 (review R52): a 2-layer stack of the practical target at 3 mAh/cm2 ends on its cathode's Al foils,
    277.8 Wh/kg (docs/sweeps.rst), whichever collector is listed first (Cu first gave Cu ends, 240.6 Wh/kg);
    ``outer="anode"`` ends it on Cu, 240.6; ten layers 293.5; Cell.counted names the end foils."""
    two = _target(double_sided=True, layers=2)
    assert two.energy_density().gravimetric == _docs_figure(readme_figure, "{} on 2 layers, {_} on 10").approx()
    assert _target(double_sided=True, layers=10).energy_density().gravimetric == _docs_figure(
        readme_figure, "{_} on 2 layers, {} on 10").approx()
    reversed_list = Cell(paper.slms_practical_electrode(), areal_capacity_mAh_cm2=3.0, separators=two.separators,
                         anode=two.anode, collectors=two.collectors[::-1], double_sided=True, layers=2)
    assert reversed_list.areal_mass == pytest.approx(two.areal_mass, rel=1e-13)
    cu_ends = _target(double_sided=True, layers=2, outer="anode")
    assert cu_ends.energy_density().gravimetric == _docs_figure(readme_figure, 'outer="anode"``) {} on 2').approx()
    assert "the two at the ends whole: Al (cathode) and Al (cathode)" in two.counted
    assert "the two at the ends whole: Cu (anode) and Cu (anode)" in cu_ends.counted
    assert "Al (cathode) and Cu (anode)" in _target(double_sided=True, layers=3).counted
    assert cu_ends.with_cathode(paper.slms_practical_electrode(), cu_ends.cathode_loading).areal_mass == pytest.approx(
        cu_ends.areal_mass, rel=1e-13)
    with pytest.raises(ValueError, match="outer = 'top': give 'cathode' or 'anode'"):
        _target(double_sided=True, layers=2, outer="top")
    unsaid = [CurrentCollector("Cu", 10.0), CurrentCollector("Al", 10.0)]
    with pytest.raises(ValueError, match=r"one the cathode's and one the anode's .*this stack has: Cu \(electrode "
                                         r"None\), Al \(electrode None\)"):
        Cell(paper.slms_practical_electrode(), areal_capacity_mAh_cm2=3.0, collectors=unsaid, double_sided=True,
             anode=LiMetalAnode(thickness_um=20.0))


@pytest.mark.parametrize("material", ["S8", "Li2S", "Sulfide SE"])
def test_a_collector_of_a_material_that_is_no_collector_is_refused(material):
    """Session 64 (review R52): ``anode_collector="S8"`` was taken as a 10 um S8 foil (326.9 Wh/kg)."""
    role = get_material(material).role
    with pytest.raises(ValueError, match=rf"material '{get_material(material).name}' \(role '{role}'\) is not a "
                                         r"current collector; collectors: Al, Cu, Ni, Stainless steel"):
        _target(anode_collector=material)


@pytest.mark.parametrize("preset, cathode", [("paper lab cell", None), ("liquid LIB", "slms")])
def test_anode_collector_is_refused_on_a_preset_other_than_the_practical_target(preset, cathode):
    """Session 64 (review R52): a bare TypeError (an unexpected keyword of Cell) until then."""
    electrode = None if cathode is None else paper.slms_practical_electrode()
    with pytest.raises(ValueError, match=f"anode_collector = 'Ni' is for the 'practical target' preset only; "
                                         f"'{preset}' has its own collectors"):
        cell_preset(preset, electrode, loading_mg_cm2=4.0, anode_collector="Ni")


@pytest.mark.parametrize("stacking, said", [
    (dict(packaging_mg_cm2=2e4, packaging_um=150.0), r"packaging_mg_cm2 must be <= 1580, got 20000 .*did you give "
                                                     r"ug/cm2\? 20000 ug/cm2 = 20 mg/cm2"),
    (dict(packaging_mg_cm2=20.0, packaging_um=1.5e5), r"packaging_um must be <= 2000, got 150000 .*did you give nm\? "
                                                      r"150000 nm = 150 um"),
])
def test_packaging_outside_its_range_is_refused_with_the_unit_slip(stacking, said):
    """Session 64 (review R52): 20 g/cm2 and 150000 um of packaging gave 0.28 Wh/kg without a word."""
    with pytest.raises(ValueError, match=said):
        _target(double_sided=True, layers=10, **stacking)
