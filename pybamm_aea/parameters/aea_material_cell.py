"""An AEA cell around any :class:`~pybamm_aea.materials.AEAMaterial`: the cathode entries a material
gives, on a named cell build (the paper's lab cell by default).

Every cathode value below is a field of the material (its value and citation are in the material's
module, e.g. :mod:`pybamm_aea.materials.lifepo4`); the rest of the cell is
:mod:`pybamm_aea.parameters.paper_cell`.
"""
import importlib

from pybamm_aea import citations, thermodynamics
from pybamm_aea.constants import M_LI
from pybamm_aea.energy.paper import PAPER_CELL
from pybamm_aea.materials import functions as fn
from pybamm_aea.materials.material import CELL_BUILDS, COMPACT_POROSITY, MaterialError, material_number
from pybamm_aea.ranges import POSITIVE, Range, check_loading_mg_cm2
from pybamm_aea.user_input import did_you_mean

from . import Li2021_Mo6S8, dispersed_materials, paper_cell


def material_cell_parameters(material, cell="paper", loading=None, temperature=None, porosity=None,
                             anode="lithium metal"):
    """Parameters of an AEA cell whose cathode is ``material``: the material's own values and
    citations (its module), the cell build's (``paper_cell``), 1.5 mg/cm2 unless ``loading``; on the ``anode``
    ``"Li-In"`` its window (vs Li) moved down by the plateau (:func:`.paper_cell.li_in_cut_offs`). The material is
    checked again first (:meth:`~pybamm_aea.materials.AEAMaterial.validate`, ~3 ms): a field changed after it was
    made (``m.electronic_conductivity = TransportProperty(value=-3.0)``) is a MaterialError naming it."""
    from pybamm_aea.initial_state import BRANCH_STATE

    material.validate()
    if cell not in CELL_BUILDS:
        raise MaterialError(f"unknown cell build {cell!r}; known: {sorted(CELL_BUILDS)}"
                            + did_you_mean(cell, CELL_BUILDS))
    if loading is None:
        loading = PAPER_CELL["standard_loading_mg_cm2"]
    else:
        loading = material_number(loading, "loading [mg/cm2]", POSITIVE)
        try:  # the loading range of every argument in mg/cm2, with its g/m2 slip: one fact
            check_loading_mg_cm2("loading", loading)
        except ValueError as exc:
            raise MaterialError(str(exc)) from None
    porosity = material.porosity if porosity is None else material_number(porosity, "porosity", COMPACT_POROSITY)
    if anode not in paper_cell.ANODE_POTENTIALS:
        raise MaterialError(f"unknown anode {anode!r}; known: {sorted(paper_cell.ANODE_POTENTIALS)} (the model's "
                            "option \"anode\")"
                            + (did_you_mean(anode, paper_cell.ANODE_POTENTIALS) if isinstance(anode, str) else ""))
    values = CELL_BUILDS[cell]()
    if temperature is not None:
        from pybamm_aea.models.checks import check_value

        T = material_number(temperature, "temperature [K]", Range())  # (a finite number; then the model's range, words)
        try:  # the model's own check, as the composite's and the screen's: one fact, one wording
            check_value("Ambient temperature [K]", T)
        except ValueError as exc:
            raise MaterialError(f"temperature: {exc}") from None
        values["Ambient temperature [K]"] = T
    x_max = material.x_max
    area = values["Electrode width [m]"] * values["Electrode height [m]"]
    q = material.theoretical_capacity  # mAh/g = A.h/kg
    m = loading * 1e-2  # kg/m2
    ocp = material.ocp.function_of_content(x_max)
    ocp_del = ocp if material.ocp_delithiation is None else material.ocp_delithiation.function_of_content(x_max)
    D = material.diffusivity.function_of_content(x_max, 1e-4)
    if material.electronic_conductivity.function is not None:
        compact, li_factor = fn.CompactFunction(material.electronic_conductivity.function), 1.0
    else:
        dense = material.electronic_conductivity.function_of_content(x_max, 100.0)
        compact = fn.CompactConductivity(dense, material.bruggeman, material.initial_li_content)
        li_factor = fn.ConductivityRatio(dense, material.initial_li_content)
    sigma_ion = (
        paper_cell.nernst_einstein_ionic_conductivity
        if material.ionic_conductivity is None
        else fn.IonicConductivity(material.ionic_conductivity.function_of_content(x_max, 100.0))
    )
    # the multi-phase host (option "host thermodynamics"): the material's free energy, or for a
    # single-phase material its OCP with the mobility that gives back its diffusivity
    if material.host is not None:
        U_h = fn.HostFunction("homogeneous_ocp", material.host)
        log_B = fn.HostFunction("log_mobility", material.host)
    elif material.ocp_delithiation is not None:
        U_h = log_B = fn.MissingFreeEnergy(material.name)
    else:
        U_h, log_B = ocp, fn.SinglePhaseLogMobility(x_max)
    # a host that takes Li past x_max: an electron-limited end (thermodynamics.Host.U_full, the Mo6S8 record's);
    # any other material's OCP ends in a lattice gas's pole at x_max, where the host is full
    past_x_max = material.host is not None and fn.import_function(material.host).U_full is not None
    values.update(
        {
            "Cathode homogeneous OCP [V]": U_h,
            "Cathode Li log-mobility": log_B,
            # the record's Cahn-Hilliard coefficient of its multi-phase host; 0 (the default) for a single-phase
            # material: no phase boundary, so no gradient energy (by definition)
            "Cathode gradient energy coefficient [V.m2]": material.gradient_energy,
            # the caller's loading, else the paper's standard 1.5 mg/cm2 (Experimental Section,
            # paper_cell.STANDARD_LOADING)
            "Cathode loading [kg.m-2]": m,
            "Cathode porosity": porosity,
            # the model's host is Li-free, with the material's Li content as pressed (its loading's basis: the
            # molar mass and density as pressed follow, host_as_made); a lithiated material's Li was counted
            # twice in the electrode's mass and its porosity started below the pressed one
            "Cathode host density [kg.m-3]": material.delithiated_density * 1e3,
            "Cathode host molar mass [kg.mol-1]": material.molar_mass * 1e-3 - material.initial_li_content * M_LI,
            "Cathode host Li content as made": material.initial_li_content,
            "Cathode maximum Li content": x_max,
            "Lithiated cathode host density [kg.m-3]": material.lithiated_density * 1e3,
            "Initial cathode Li content": material.initial_li_content,
            # the record's exponent of the compact's both carriers, default 1.5: Bruggeman's (1935) for packed spheres
            "Cathode Bruggeman coefficient": material.bruggeman,
            "Cathode Li diffusivity [m2.s-1]": D,
            "Cathode lithiation OCP [V]": ocp,
            "Cathode delithiation OCP [V]": ocp_del,
            "Cathode hysteresis decay rate": paper_cell.HYSTERESIS_DECAY_RATE,
            # the branch of the first step (by definition): delithiation for a charge-first material (h = 0, the
            # branches' mean, was written for it)
            "Initial cathode hysteresis state": BRANCH_STATE["charge" if material.charge_first else "discharge"],
            # clamped beyond x_max as the paper's sets' on a host with an electron-limited end (Li past x_max)
            "Cathode exchange-current density [A.m-2]": fn.ExchangeCurrentDensity(
                x_max, material.exchange_current_density, past_x_max=past_x_max),
            # a lattice gas is full at x_max: the multi-phase host's events end a solve there
            # (pybamm_aea.models.submodels.host_phase_field)
            "Cathode host full at maximum Li content": 0.0 if past_x_max else 1.0,
            # the compact's conductivity as made, and its change with the Li content
            "Cathode electronic conductivity [S.m-1]": compact,
            "Cathode electronic conductivity Li-content factor": li_factor,
            "Cathode ionic conductivity [S.m-1]": sigma_ion,
            # not used: no ionically blocking phase, the Li0 film of Mo6S8 never forms
            "Li0 film onset Li content": -1.0,
            "Li0 film Li diffusivity [m2.s-1]": Li2021_Mo6S8.D_LI0_FILM_REF,  # not used: no film forms
            "Initial Li0 film thickness [m]": 0.0,  # not used: no film forms
            "Lower voltage cut-off [V]": material.lower_voltage,
            "Upper voltage cut-off [V]": material.upper_voltage,
            # by definition: the window's Faraday capacity (the record's x_max and molar mass) at the loading, over
            # the electrode's area
            "Nominal cell capacity [A.h]": q * m * area,
            # 0.1C (a convention), negative (a charge) for a material lithiated as made, so that a plain
            # ``Simulation.solve`` runs the first step a user of the material expects
            "Current function [A]": (-0.1 if material.charge_first else 0.1) * q * m * area,
        }
    )
    lowest, highest = _measured_temperatures(material, values)
    values.update(
        {
            # the span of the temperatures the cell's sources were measured at: the paper's cells at 70 C (Fig. S2,
            # paper_cell.MEASURED_AT_70C) and each transport property's reference temperature or parameter set
            "Lowest measured temperature [K]": lowest,
            # the same span's top (_measured_temperatures): the paper's cells at 70 C (Fig. S2) and the properties'
            # sources
            "Highest measured temperature [K]": highest,
        }
    )
    # the multi-phase host's Li0 layer: the Li-poorest phase of the material's free energy, if it
    # has more than one phase (validated as a thermodynamics.Host by the material)
    host = None if material.host is None else fn.import_function(material.host)
    li0 = thermodynamics.li0_phase_parameters(host)
    values.update(
        {
            # the Li0/Li1 region of the record's multi-phase host (its free energy); a one-phase material has no
            # Li0: by definition the region is put at -2..-1 Li, below any content (thermodynamics.li0_phase_parameters)
            "Li0 phase binodal Li content": li0["Li0 phase binodal Li content"],
            # by definition -1 for a one-phase material (above)
            "Li1 phase binodal Li content": li0["Li1 phase binodal Li content"],
        }
    )
    values.update(dispersed_materials.none())
    if anode == "Li-In":  # (the material's window is vs Li, as the paper's sets': the same cathode window)
        values.update(paper_cell.li_in_cut_offs(values))
    # the cell build's works (paper_cell.cell_parameters: citations.PAPER_CELL), the compact's Bruggeman law, then the
    # material's
    values["citations"] = [*values["citations"], citations.BRUGGEMAN1935, *material.citations]
    return values


#: a set's "Lowest/Highest measured temperature [K]" (models.checks.LOWEST_MEASURED, HIGHEST_MEASURED)
_MEASURED = ("Lowest measured temperature [K]", "Highest measured temperature [K]")


def _measured_temperatures(material, cell_values):
    """``(lowest, highest)`` [K] the parameters of a cell around ``material`` were measured at, its
    "Lowest/Highest measured temperature [K]": the span of the cell build's (the paper's cells, 70 C:
    paper_cell.MEASURED_AT_70C) and of each of the material's transport properties' sources (a value or a table: its
    reference temperature, LiCoO2's 25 C; a parameter set's function: that set's, Mo6S8's Li2021_Mo6S8 25-70 C; any
    other function: none). The paper measured few of these cells (Fig. S2: LiFePO4, Li4Ti5O12 at 70 C; not LiCoO2 nor
    NMC532): outside this span the cell's temperature dependences are extrapolated beyond every source."""
    temperatures = [cell_values[name] for name in _MEASURED]
    for prop in (material.diffusivity, material.electronic_conductivity, material.ionic_conductivity):
        if prop is None:
            continue
        if prop.function is None:
            temperatures.append(prop.reference_temperature)
            continue
        module = importlib.import_module(prop.function.partition(":")[0])
        if module.__name__.startswith(__package__ + ".") and hasattr(module, "get_parameter_values"):
            set_values = module.get_parameter_values()
            temperatures += [set_values[name] for name in _MEASURED]
    return float(min(temperatures)), float(max(temperatures))
