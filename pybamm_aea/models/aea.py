"""The AEA cell model: a dense all-electrochem-active cathode | solid electrolyte | Li or Li-In.

Li et al., "Dense All-Electrochem-Active Electrodes for All-Solid-State Lithium Batteries",
Adv. Mater. 2021, 33, 2008723. The model is assembled from submodels (one mechanism each) the
way PyBaMM's lithium-ion models are, and runs in ``pybamm.Simulation`` and
``pybamm.Experiment`` like them.
"""
import collections.abc
import inspect
import numbers

import numpy as np
import pybamm

from .. import aea_option_values, citations, pybamm_adapter
from ..aea_mesh_cells import LEVER_RULE_POINTS, MULTI_PHASE_POINTS
from ..user_input import did_you_mean, whole_at_least
from . import submodels
from .parameters import AEAParameters
from .solvers import ScalarFunctionsIDAKLUSolver, SharedEventsIDAKLUSolver
from .submodels.cell_voltage import electrode_level_variables
from .submodels.heat import irreversible_heat_variables, pybamm_heat_name_answer
from .submodels.lumped_thermal import lumped_thermal
from .summary import STANDARD_SUMMARY_VARIABLES, standard_summary_variables


#: default mesh of the multi-phase host: its cells (MULTI_PHASE_POINTS, with the lever rule's in
#: :mod:`pybamm_aea.aea_mesh_cells`) and exponential stretch toward the separator
MULTI_PHASE_STRETCH = 2.0
#: PyBaMM's lithium-ion names for AEA variables that are the same quantity (definition, units, shape) as in its
#: half-cell models (``lithium_ion.DFN({"working electrode": "positive"})``, ``BasicDFNHalfCell``): {PyBaMM's name:
#: the AEA variable published under it too}. PyBaMM's "Positive electrode stoichiometry" is the electrode's
#: volume-averaged stoichiometry (one number; ``particle.TotalConcentration``), not a profile (in a hybrid the host's,
#: PyBaMM's primary phase's: the dispersed material is not in it); its porosity is the
#: electrode's non-solid volume fraction, local and x-averaged (in the AEA cathode the pores hold no electrolyte);
#: its x-averaged open-circuit potential is the average over the reacting surfaces, here the one at the separator.
#: PyBaMM names the AEA model does not publish, and why: docs/pybamm_tools.rst, "PyBaMM's variable names"
PYBAMM_NAMES = {
    "Positive electrode stoichiometry": "Average cathode stoichiometry",
    "Positive electrode porosity": "Cathode local porosity",
    "X-averaged positive electrode porosity": "Average cathode porosity",
    "X-averaged positive electrode open-circuit potential [V]": "Cathode surface OCP [V]",
    "Current density [A.m-2]": "Total current density [A.m-2]",
    # the cathode's surface OCP less the anode's (PyBaMM's "Bulk open-circuit voltage [V]" is the AEA's too)
    "Surface open-circuit voltage [V]": "Open-circuit voltage [V]",
    "X-averaged negative electrode open-circuit potential [V]": "Anode OCP [V]",
    # PyBaMM's short names of its summary quantities (base_lithium_ion_model: "LLI [%]" is its "Loss of lithium
    # inventory [%]", "LAM_pe [%]" its "Loss of active material in positive electrode [%]", one symbol each); not
    # the AEA's "Loss of active material [%]" (the capacity isolated or cut off, over the set's nominal: it does not
    # count the dispersed material's activation, which lowers LAM_pe below 0)
    "LLI [%]": "Loss of lithium inventory [%]",
    "LAM_pe [%]": "Loss of active material in positive electrode [%]",
    # a summary variable whose "Change in ..." reads well (PyBaMM lowercases a summary name's first letter:
    # "Change in li0 film thickness [m]")
    "Cathode Li0 film thickness [m]": "Li0 film thickness [m]",
}
#: the variables to plot an AEA solution beside a PyBaMM lithium-ion half cell's (``DFN({"working electrode":
#: "positive"})``) in one ``pybamm.QuickPlot([aea, dfn], COMPARISON_PLOT_VARIABLES)``: both models have each, one number
#: per time. QuickPlot's default, the first model's ``default_quick_plot_variables``, raised ``KeyError "'Cathode Li
#: content' not found"`` on the DFN, and ``"Cell temperature [C]"`` (the AEA's one number, PyBaMM's a profile across the
#: cell) a shape ``ValueError``; docs/pybamm_tools.rst, "An AEA cell beside PyBaMM's DFN in one QuickPlot"
COMPARISON_PLOT_VARIABLES = (
    "Voltage [V]",
    "Current [A]",
    "Discharge capacity [A.h]",
    "Positive electrode stoichiometry",
    "X-averaged positive electrode open-circuit potential [V]",
    "X-averaged cell temperature [C]",
)
#: what ``pybamm.plot_summary_variables(solution)`` plots of an AEA solution when given no ``output_variables``
#: (:mod:`pybamm_aea.pybamm_adapter.summary_plots`): PyBaMM's default list without the negative electrode's and the
#: stoichiometries a Li half cell does not define (its KeyError "'Loss of active material in negative electrode [%]'
#: is not a summary variable"), with the electrode capacity and throughput; all are summary variables under every
#: option (host, anode Li or Li-In, hybrid or not: :data:`pybamm_aea.models.summary.STANDARD_SUMMARY_VARIABLES`)
SUMMARY_PLOT_VARIABLES = (
    "Capacity [A.h]",
    "Loss of lithium inventory [%]",
    "Total capacity lost to side reactions [A.h]",
    "Loss of active material in positive electrode [%]",
    "Positive electrode capacity [A.h]",
    "Throughput capacity [A.h]",
)
#: the model's temperatures, each in K and in degrees C, under PyBaMM's names: all the ambient one (isothermal), or the
#: cell's but the two ambient ones (lumped)
_TEMPERATURES = ("Ambient temperature", "Cell temperature", "X-averaged cell temperature",
                 "Volume-averaged cell temperature", "Volume-averaged ambient temperature",
                 "X-averaged positive electrode temperature", "X-averaged separator temperature")
#: fewest cells across the cathode a mesh may have: PyBaMM's finite-volume extrapolation to the
#: boundaries (the surface Li content, the fluxes at the faces) takes the two cells next to each face
MIN_CATHODE_CELLS = 3


class CathodeSubMesh(pybamm.Exponential1DSubMesh):
    """PyBaMM's exponentially stretched 1-D submesh of the cathode, refusing a mesh of fewer than
    :data:`MIN_CATHODE_CELLS` cells by name (``var_pts={xi: 2}`` was an IndexError from deep inside PyBaMM's
    finite-volume boundary extrapolation)."""

    def __init__(self, lims, npts, side="symmetric", stretch=None):
        for name, cells in npts.items():
            if not whole_at_least(cells, MIN_CATHODE_CELLS):
                raise ValueError(f"var_pts: {cells!r} cells for {name!r} across the cathode; the AEA model needs an "
                                 f"integer >= {MIN_CATHODE_CELLS} (PyBaMM's extrapolation to each face of the "
                                 f"electrode takes the two cells next to it)")
        super().__init__(lims, npts, side=side, stretch=stretch)

    @classmethod
    def _from_json(cls, snippet):
        """The submesh PyBaMM's JSON export wrote (``SubMesh1D.to_json``: its edges, coordinate system, tabs), for
        ``pybamm.load_model`` (PyBaMM's ``Exponential1DSubMesh`` has no ``_from_json``: ``sim.save_model(mesh=True)``
        raised ``SerialisationError: ...CathodeSubMesh is registered as serialisable but is missing _from_json``)."""
        submesh = cls.__new__(cls)
        pybamm.SubMesh1D.__init__(submesh, np.asarray(snippet["edges"], dtype=float), snippet["coord_sys"],
                                  tabs=snippet.get("tabs"))
        return submesh


class AEAOptionError(pybamm.OptionError):
    """An AEA option's value refused (a ``pybamm.OptionError``): ``option`` and ``value`` as given, ``allowed`` the
    values it may take beside ``given`` (the other options, name -> value, that refuse it; {} if none), ``needs`` the
    options, name -> value, that would take it ({} if none), ``reason`` why (the message if not given), so that a
    command line can say them as its user wrote them (``pybamm-aea screen --hysteresis none``: "Option 'hysteresis'"
    named no flag, until session 59)."""

    def __init__(self, message, option, value, allowed, given=None, needs=None, reason=None):
        super().__init__(message)
        self.option, self.value, self.allowed = option, value, tuple(allowed)
        self.given, self.needs, self.reason = dict(given or {}), dict(needs or {}), reason or message

    def __reduce__(self):  # (a sweep's worker sends it back pickled)
        return type(self), (str(self), self.option, self.value, self.allowed, self.given, self.needs, self.reason)


class AEAOptions(dict):
    """Model options, validated. Unknown keys or values raise ``pybamm.OptionError``.

    - ``"anode"``: ``"lithium metal"`` (default) or ``"Li-In"``.
    - ``"host thermodynamics"``: ``"multi-phase"`` (default: the host's free energy with its
      phases and Cahn-Hilliard transport, see :mod:`.submodels.host_phase_field`; every
      parameter set runs on it) or ``"lever rule"`` (the reduced option for speed, 5-8x faster
      on 100 C/10 cycles, benchmarks/bench_model.py: Fickian diffusion, fitted OCP branches with
      one-state hysteresis, a Li0 surface film as the ionic switch; validated against the
      multi-phase default where both apply, tests/test_host_phase_field.py).
    - ``"hysteresis"`` (lever rule only): ``"one-state"`` (default) or ``"none"`` (mean of the
      two OCP branches).
    - ``"ionic switch"``: ``"Li0 surface film"`` (default; Mo6S8) or ``"none"`` (e.g. TiS2). With
      the multi-phase host the switch is the Li0 phase itself (its mobility, in the transport):
      ``"Li0 surface film"`` then reports the Li0 layer from the phase state (thickness, the
      current that forms it, which feeds ``"ionic-switch host loss"``) and ``"none"`` does not.
    - ``"electronic conduction"``: ``"ohmic"`` (default) or ``"infinite"``. On the multi-phase
      host the ohmic drop is an algebraic state equal to its expression (read once by the
      cut-off events and the energy integrals: :class:`.submodels.DenseElectrodeOhmicAsState`).
    - Degradation (all off by default; see :mod:`.submodels.degradation`): ``"Li trapping"``:
      ``"none"`` / ``"irreversible"``; ``"ionic-switch host loss"``: ``"none"`` /
      ``"persistent Li0"`` (on a host without a Li0 phase, TiS2 and the AEA_* materials, no Li0
      forms and it isolates nothing, on either host); ``"dispersed material degradation"``: ``"none"`` /
      ``"activation and contact loss"``; ``"interphase growth"``: ``"none"`` / ``"parabolic"`` /
      ``"stability window"``.
    - ``"voltage as a state"`` (PyBaMM's option): ``"false"`` (default: an expression, evaluated
      by each reader) or ``"true"`` (an algebraic state, evaluated once per residual: faster on
      the multi-phase host, less exact on a steep cut-off; measured in
      :class:`.submodels.cell_voltage.CellVoltageAsState`; on the lever rule an algebraic voltage
      in the error test of its tight tolerances took 828 instead of 352 solver steps per C/10 cycle).
    - ``"thermal"`` (PyBaMM's option): ``"isothermal"`` (default: the cell at ``"Ambient temperature [K]"``) or
      ``"lumped"`` (one cell temperature, a state: :mod:`.submodels.lumped_thermal`).
    """

    #: option -> its values, the first the default (written once, light: :data:`pybamm_aea.aea_option_values.POSSIBLE`)
    POSSIBLE = aea_option_values.POSSIBLE
    #: the options that switch on a degradation mechanism ("none": off)
    DEGRADATION = ("Li trapping", "ionic-switch host loss", "dispersed material degradation", "interphase growth")
    # keys PyBaMM's own external-circuit and experiment code reads from a model's options: (its one value on this
    # model, which a user may give, ``dict(model.options)`` back to ``AEA``, and no other; why it has only that one)
    _PYBAMM_KEYS = {
        "calculate discharge energy": ("true", "the model's energy variables (Electrode gravimetric and volumetric "
                                               "energy, Discharge energy [W.h]) integrate the power"),
        # read by pybamm.plot_voltage_components
        "working electrode": ("positive", "the AEA cell is a half cell whose cathode is the working electrode and "
                                          "whose Li or Li-In anode is a foil counter electrode"),
        "particle phases": ("1", "the cathode's host is one reacting phase (a dispersed material is a submodel of its "
                                 "own)"),
        "operating mode": ("current", "the model is current-driven; hold a voltage, power or resistance with an "
                                      "experiment's steps (pybamm.step.voltage, pybamm.step.power, "
                                      "pybamm.step.resistance)"),
        # PyBaMM's values the model has, its default first ("x-full" was an OptionError naming only the AEA options:
        # trial WG): "isothermal", the cell at "Ambient temperature [K]" throughout; "lumped", one cell temperature
        # (:mod:`.submodels.lumped_thermal`)
        "thermal": (("isothermal", "lumped"), "\"isothermal\": at \"Ambient temperature [K]\", its heat "
                    "\"Irreversible heat [W]\"; \"lumped\": one cell temperature, cooled to the ambient "
                    "(docs/known_limits.rst, \"Temperature: the OCPs' entropy and the heat\")"),
    }

    def __init__(self, options=None):
        if isinstance(options, AEAOptions):  # a model's options: its own, less the keys of one value for PyBaMM
            options = {key: value for key, value in options.items() if len(self.possible(key)) > 1}
        if options is not None and not isinstance(options, collections.abc.Mapping):
            raise pybamm.OptionError(f"AEA options must be a dict of option names to values, got {options!r}; "
                                     f"known options: {sorted(self.POSSIBLE)}")
        options = dict(options or {})
        for key, value in list(options.items()):
            if key in self._PYBAMM_KEYS:
                allowed, why = self.possible(key), self._PYBAMM_KEYS[key][1]
                if value not in allowed:
                    values = (f"its only value is {allowed[0]!r}" if len(allowed) == 1 else
                              f"its values are {', '.join(repr(v) for v in allowed)}")
                    raise pybamm.OptionError(f"Option {key!r} cannot be {value!r} on the AEA model; {values}: {why}")
                if len(allowed) == 1:
                    del options[key]  # set below with the others
                continue
            if key not in self.POSSIBLE:
                raise pybamm.OptionError(
                    f"Unknown AEA option {key!r}; known options: {sorted(self.POSSIBLE)}"
                    + did_you_mean(key, self.POSSIBLE)
                )
            if value not in self.POSSIBLE[key]:
                raise AEAOptionError(
                    f"Option {key!r} cannot be {value!r}; possible values: {self.POSSIBLE[key]}"
                    + did_you_mean(value, self.POSSIBLE[key]), key, value, self.POSSIBLE[key]
                )
        full = {key: values[0] for key, values in self.POSSIBLE.items()}
        full.update(options)
        if full["host thermodynamics"] == "multi-phase" and full["hysteresis"] != self.POSSIBLE["hysteresis"][0]:
            raise AEAOptionError(
                f"Option 'hysteresis': {full['hysteresis']!r} is an option of the lever-rule host (\"host "
                "thermodynamics\": \"lever rule\"); the multi-phase host's hysteresis follows from its free energy",
                "hysteresis", full["hysteresis"], self.POSSIBLE["hysteresis"][:1],
                given={"host thermodynamics": "multi-phase"}, needs={"host thermodynamics": "lever rule"},
                reason=f"{full['hysteresis']!r} is an option of the lever-rule host; the multi-phase host's hysteresis "
                       "follows from its free energy")
        full.update({key: options.get(key, self.possible(key)[0]) for key in self._PYBAMM_KEYS})
        super().__init__(full)

    def possible(self, key):
        """The values option ``key`` may take: :attr:`POSSIBLE`'s, or those of a key PyBaMM reads (its default
        first)."""
        if key in self.POSSIBLE:
            return list(self.POSSIBLE[key])
        values = self._PYBAMM_KEYS[key][0]
        return list(values) if isinstance(values, tuple) else [values]

    def print_options(self):
        """Print each option, its value and its possible values, one a line (PyBaMM's
        ``BatteryModelOptions.print_options``)."""
        for key, value in self.items():
            print(f"{key!r}: {value!r} (possible: {self.possible(key)!r})")

    def print_detailed_options(self):
        """Print the options (:meth:`print_options`), what each means (this class's docstring) and why each key PyBaMM
        reads has its one value (PyBaMM's ``print_detailed_options`` prints its options' docstring)."""
        self.print_options()
        print()
        print(inspect.cleandoc(type(self).__doc__))
        print()
        print("Keys PyBaMM's own code reads, with their values on the AEA model:")
        for key, (_, why) in self._PYBAMM_KEYS.items():
            print(f"- {key!r}: {' or '.join(repr(v) for v in self.possible(key))}: {why}")


def is_isothermal(model):
    """Whether ``model`` (an :class:`AEA`) is isothermal: its "thermal" option, "isothermal" until its options are
    set (``BaseModel.__init__`` reads ``variables`` before the model's own options exist)."""
    options = getattr(model, "options", None)  # (PyBaMM's property: an AttributeError before they are set)
    return options is None or options["thermal"] == "isothermal"


def name_answer(name):
    """What to read instead of ``name`` where it asks for a state of charge, which the model does not publish
    (:func:`~pybamm_aea.initial_state.state_of_charge_name_answer`, session 64's user trial); None for another name."""
    from ..initial_state import state_of_charge_name_answer  # (initial_state imports this module)

    return state_of_charge_name_answer(name)


def isothermal_name_answer(name):
    """:func:`name_answer`, and for one of PyBaMM's heat names what the isothermal model gives instead
    (:func:`~pybamm_aea.models.submodels.heat.pybamm_heat_name_answer`)."""
    return pybamm_heat_name_answer(name) or name_answer(name)


class AEA(pybamm.BaseModel):
    """Dense mixed-conducting (all-electrochem-active) cathode cell, isothermal or with one lumped temperature.

    Submodels (``model.submodels``, replaceable before ``build_model``):
    cathode solid transport, cathode OCP (with hysteresis), a dispersed second active material
    exchanging Li with the host (hybrids; mass fraction 0 for a pure host), the Li0 "ionic
    switch" film,
    cathode and anode Butler-Volmer kinetics, electronic conduction in the cathode, the
    solid-electrolyte separator, the anode (Li metal or Li-In), the external circuit and the
    cell voltage.

    Parameters
    ----------
    options : dict, optional
        See :class:`AEAOptions`.
    name : str, optional
    build : bool, optional
        Build the model on construction (default True).
    """

    #: a cycle that ``Simulation.solve(save_at_cycles=...)`` does not save keeps its first and last states
    #: without the steps they were cut from (:mod:`pybamm_aea.pybamm_adapter.cycle_states`: ~600 points a C/10 step
    #: on the multi-phase host, 1.6 MB per cycle, against 2 points)
    light_unsaved_cycle_states = True
    #: an experiment step after the first that fails in the solver warns, naming the step, the error and what
    #: the returned solution holds (:mod:`pybamm_aea.pybamm_adapter.experiment_errors`; PyBaMM only logs it)
    warn_failed_experiment_step = True
    #: a constant-power step's current guessed as its power over the voltage's guess, not PyBaMM's 1C
    #: (:mod:`pybamm_aea.pybamm_adapter.power_steps`: lever-rule AEA_LiFePO4's 0 W step landed on V = 0)
    power_step_current_from_power = True
    #: ``pybamm.plot_summary_variables(solution)``'s list for this model's solutions
    default_summary_plot_variables = SUMMARY_PLOT_VARIABLES

    def __init__(self, options=None, name="AEA model", build=True):
        super().__init__(name=name)
        pybamm.citations.register(citations.LI2021)
        self.options = AEAOptions(options)
        self.param = AEAParameters()
        if self.options["thermal"] == "lumped":  # (before the submodels: each reads the temperature)
            self.param.lumped_temperature()
        self._calc_esoh = False
        self.set_submodels()
        if build:
            self.build_model()

    @property
    def options(self):
        """The model's :class:`AEAOptions` (kept by PyBaMM's ``BaseModel.options``)."""
        return pybamm.BaseModel.options.fget(self)

    @options.setter
    def options(self, options):
        # validated as PyBaMM's battery models validate theirs (``model.options = {"anod": ...}`` was kept as given)
        pybamm.BaseModel.options.fset(self, AEAOptions(options))

    # PyBaMM's ``variables``, whose KeyError for one of PyBaMM's heat names (``"Total heating [W]"``, isothermal
    # models only: lumped, PyBaMM's heat names the model has are its variables) or a state of charge ("State of
    # Charge", "SoC") says what the model gives instead (:func:`isothermal_name_answer`, :func:`name_answer`), not
    # PyBaMM's "Best matches": ``model.variables[name]``, ``sim.built_model.variables[name]`` and ``solution[name]``
    # alike (:mod:`pybamm_aea.pybamm_adapter.variable_names`)
    variables = pybamm_adapter.variable_names.answered_variables(isothermal_name_answer, applies=is_isothermal,
                                                                 otherwise=name_answer)

    # --- assembly -------------------------------------------------------------------------
    def set_submodels(self):
        """One submodel per mechanism (any order: PyBaMM's build resolves the coupling).

        Each entry is either a class, an option name with the class for each of its values (the values must be
        exactly :attr:`AEAOptions.POSSIBLE`'s), or ``(option name, {value: class})`` for a submodel named
        otherwise than its option.
        """
        sub, deg = submodels, submodels.degradation
        layout = {
            "external circuit": pybamm.external_circuit.ExplicitCurrentControl,
            "discharge and throughput variables": sub.ScaledDischargeThroughput,
            "ionic-switch host loss": {"persistent Li0": deg.IonicSwitchHostLoss, "none": deg.NoHostLoss},
            "Li trapping": {"irreversible": deg.HostLiTrapping, "none": deg.NoLiTrapping},
            "dispersed material degradation": {
                "activation and contact loss": deg.DispersedActivationAndContactLoss,
                "none": deg.NoDispersedDegradation,
            },
            "cathode solid transport": (
                "host thermodynamics",
                {"multi-phase": sub.CathodeCahnHilliard, "lever rule": sub.CathodeSolidDiffusion},
            ),
            "cathode open-circuit potential": (
                "hysteresis",
                {"one-state": sub.CathodeOneStateHysteresisOCP, "none": sub.CathodeSingleOCP},
            )
            if self.options["host thermodynamics"] == "lever rule"
            else sub.CathodeChemicalPotentialOCP,
            "dispersed active material": sub.DispersedConversion,
            "cathode volume": sub.ConstrainedSwelling,
            "ionic switch": {
                "Li0 surface film": sub.Li0SurfaceFilm
                if self.options["host thermodynamics"] == "lever rule"
                else sub.Li0PhaseLayer,
                "none": sub.NoSurfaceFilm,
            },
            "cathode interface kinetics": sub.CathodeButlerVolmer,
            "electronic conduction": {
                "ohmic": sub.DenseElectrodeOhmic
                if self.options["host thermodynamics"] == "lever rule"
                else sub.DenseElectrodeOhmicAsState,
                "infinite": sub.InfiniteElectronicConductivity,
            },
            "separator": sub.SolidElectrolyteSeparator,
            "anode": {"lithium metal": sub.LithiumMetalAnode, "Li-In": sub.LithiumIndiumAnode},
            "anode interface kinetics": sub.AnodeButlerVolmer,
            # after the OCP: the window-driven growth reads the cathode interface potential
            "interphase growth": {
                "parabolic": deg.ParabolicInterphaseGrowth,
                "stability window": deg.StabilityWindowInterphaseGrowth,
                "none": deg.NoInterphaseGrowth,
            },
            "cell voltage": ("voltage as a state", {"true": sub.CellVoltageAsState, "false": sub.CellVoltage}),
        }
        self.submodels = {name: self._choose(name, choice)(self.param, self.options) for name, choice in
                          layout.items()}

    def _choose(self, name, choice):
        """The submodel class of a layout entry for this model's options."""
        if isinstance(choice, tuple):  # (option name, {value: class})
            name, choice = choice
        if not isinstance(choice, dict):
            return choice
        if set(choice) != set(AEAOptions.POSSIBLE[name]):  # one source for option values: AEAOptions.POSSIBLE
            raise pybamm.ModelError(f"submodel table for option {name!r} covers {sorted(choice)}, the option's "
                                    f"values are {sorted(AEAOptions.POSSIBLE[name])}")
        return choice[self.options[name]]

    def build_fundamental(self):
        """PyBaMM's, plus a check that no two submodels publish the same fundamental variable."""
        owner = {}
        for name, submodel in self.submodels.items():
            for variable in submodel.get_fundamental_variables():
                if variable in owner:
                    raise pybamm.ModelError(f"variable {variable!r} is published by submodels {owner[variable]!r} "
                                            f"and {name!r}")
                owner[variable] = name
        super().build_fundamental()

    def build_model(self):
        """PyBaMM's build (fundamental variables, coupled variables in any order, equations; a missing variable
        or a repeated equation is a ``pybamm.ModelError`` naming it), then the cell-level variables."""
        self._build_model()
        variables = self.variables
        variables.update(self._degradation_summary_variables(variables))
        variables.update(electrode_level_variables(self.param, variables))
        variables.update(irreversible_heat_variables(self.param, self.options, variables))
        if self.options["thermal"] == "lumped":
            rhs, initial_conditions, heat = lumped_thermal(self.param, self.options, variables)
            self.rhs.update(rhs)
            self.initial_conditions.update(initial_conditions)
            variables.update(heat)
        variables.update(standard_summary_variables(self.param, variables))
        variables.update({
            "Time [s]": pybamm.t,
            "Time [min]": pybamm.t / 60,
            "Time [h]": pybamm.t / 3600,
            # PyBaMM's names, in K and degrees C (its "Cell temperature [C]" is its "Cell temperature [K]" - 273.15):
            # isothermal, the cell is at the ambient temperature; lumped, at its one temperature
            **{f"{name} [K]": temperature for name, temperature in self._temperatures().items()},
            **{f"{name} [C]": temperature - 273.15 for name, temperature in self._temperatures().items()},
            # (PyBaMM's two names for one quantity)
            **dict.fromkeys(("Power [W]", "Terminal power [W]"), variables["Voltage [V]"] * variables["Current [A]"]),
            # as PyBaMM's battery models: V / |I|, 0 at zero current (where it is not defined)
            "Resistance [Ohm]": _resistance(variables["Voltage [V]"], variables["Current [A]"]),
            # PyBaMM's OCV-R equivalent-circuit resistance: (bulk OCV - V) / |I|, signed and 0 at zero current as above
            "Local ECM resistance [Ohm]": _resistance(
                variables["Bulk open-circuit voltage [V]"] - variables["Voltage [V]"], variables["Current [A]"]),
        })
        variables.update(self._phase_variables(variables))
        variables.update({pybamm_name: variables[name] for pybamm_name, name in PYBAMM_NAMES.items()})
        self.summary_variables = [
            # PyBaMM's lithium-ion models' that mean something for this half cell, as its DFN half cell gives them
            "Time [s]",
            "Time [h]",
            "Throughput energy [W.h]",
            "Total lithium in positive electrode [mol]",
            "Average cathode Li content",
            "Total lithium in cathode [mol]",
            "Cathode Li0 film thickness [m]",
            "Throughput capacity [A.h]",
            "Lost lithium inventory [mol]",
            "Loss of active material [%]",
            "Cathode host active fraction",
            "Dispersed material accessible fraction",
            "Cathode trapped Li content",
            *STANDARD_SUMMARY_VARIABLES,
        ]
        self._built = True

    def _temperatures(self):
        """{PyBaMM's name of a temperature (:data:`_TEMPERATURES`): the model's temperature under it [K]}."""
        p = self.param
        ambient = getattr(p, "T_amb", p.T)  # (lumped: the ambient, p.T the cell's)
        return {name: ambient if "mbient" in name else p.T for name in _TEMPERATURES}

    def _degradation_summary_variables(self, variables):
        """The cathode's Li inventory [mol], the part of it lost, and the loss of active material [%].

        One inventory: "Total lithium in cathode [mol]" is all the Li in the cathode, connected (trapped Li
        included) or cut off (isolated host, isolated dispersed material), so that it and the anode's (or the
        charge through a Li metal anode) are conserved; "Lost lithium inventory [mol]" is the part of it that
        can no longer cycle (trapped, isolated), counted once in each.

        The loss of active material is the capacity of the host isolated behind the ionic switch
        and of the dispersed material cut off by contact loss, over the electrode's nominal
        capacity (host plus accessible dispersed material).
        """
        p = self.param
        isolated = (variables["Lost lithium in isolated host [mol]"]
                    + variables["Lost lithium in isolated dispersed material [mol]"])
        lost = variables["Lost lithium to trapping [mol]"] + isolated
        a_h = variables["Cathode host active fraction"]
        cut = variables["Dispersed material fraction lost"]
        q_host = p.c_h * p.x_max
        lam = ((1 - a_h) * q_host + cut * p.c_D_full) / (q_host + p.c_D)
        total = variables["Total lithium in connected cathode [mol]"] + isolated
        return {
            # (PyBaMM's lithium-ion models' name for the positive electrode's, which its half cell reports too)
            **dict.fromkeys(("Total lithium in cathode [mol]", "Total lithium in positive electrode [mol]"), total),
            "Lost lithium inventory [mol]": lost,
            "Loss of active material [%]": 100 * lam,
            "Electrode area [cm2]": p.A_cc * 1e4,
            "Cathode loading [mg.cm-2]": p.m_c * 1e2,
        }

    def _phase_variables(self, variables):
        """Phase fractions of Li0, Li1, Li3, Li4 (LixMo6S8), local and averaged.

        Lever rule of the local Li content on the line compounds for the lever-rule host; for the
        multi-phase host the local Li content is the resolved phase state, read against the
        binodal windows of its free energy (:data:`pybamm_aea.phases.MO6S8_PHASE_FIELD_WINDOWS`).
        They are the map of the LixMo6S8 phases, so they are 0 on a host without them (a set
        whose host has no Li0/Li1 region, "Li0 phase binodal Li content" < 0:
        :func:`pybamm_aea.thermodynamics.li0_phase_parameters`; TiS2, LiCoO2, ...), where reading
        its Li content against Mo6S8's windows would give numbers that mean nothing (TiS2 half
        lithiated as half Li0, half Li1). "Cathode host has the LixMo6S8 phases" says which.
        With "Li trapping" the phases are those of the free window [x_trap, x_max] the host's free
        energy and OCP see ("Cathode free Li content", x with no trapped Li): read on the total
        content, LMS resting at Li1 (x_free 0.985) with 0.107 trapped Li read 1.8 % Li3.
        """
        from ..phases import MO6S8_PHASE_FIELD_WINDOWS, MO6S8_PHASES, MO6S8_WINDOWS, lever_rule_symbols

        multi_phase = self.options["host thermodynamics"] == "multi-phase"
        windows = MO6S8_PHASE_FIELD_WINDOWS if multi_phase else MO6S8_WINDOWS
        x = variables["Cathode free Li content"]
        has_phases = self.param.x_li0 >= 0
        out = {"Cathode host has the LixMo6S8 phases": has_phases}
        for name, f in zip(MO6S8_PHASES, lever_rule_symbols(x, windows)):
            out[f"Cathode {name} phase fraction"] = has_phases * f
            out[f"Average cathode {name} phase fraction"] = has_phases * pybamm.Integral(f, submodels.xi)
        return out

    @property
    def summary_variables(self):
        return self._summary_variables

    @summary_variables.setter
    def summary_variables(self, value):
        for var in value:
            if var not in self.variables:
                raise KeyError(f"No variable {var!r} for summary variable" + did_you_mean(var, self.variables.keys()))
        self._summary_variables = value

    # --- defaults ---------------------------------------------------------------------------
    @property
    def default_parameter_values(self):
        """The LMS set (Li2021_Mo6S8); on the Li-In anode its voltage window, which is vs Li metal, moved down by
        the Li-In plateau (the same cathode window: the set's own cut-offs stopped the Li-In cell at once)."""
        from ..parameters import Li2021_Mo6S8, paper_cell

        values = pybamm.ParameterValues(Li2021_Mo6S8.get_parameter_values())
        if self.options["anode"] == "Li-In":
            values.update(paper_cell.li_in_cut_offs(values))
        return values

    @property
    def default_geometry(self):
        return pybamm.Geometry({"positive electrode": {submodels.xi: {"min": 0, "max": 1}}})

    @property
    def default_var_pts(self):
        if self.options["host thermodynamics"] == "multi-phase":
            return {submodels.xi: MULTI_PHASE_POINTS}
        return {submodels.xi: LEVER_RULE_POINTS}

    def check_var_pts(self, var_pts, geometry):
        """ValueError unless ``var_pts`` gives points for each spatial variable of ``geometry`` and for nothing else
        (:func:`check_var_pts`, naming this model's default var_pts). Called by every ``pybamm.Simulation`` of the
        model (:mod:`pybamm_aea.pybamm_adapter.spatial_variables`)."""
        check_var_pts(var_pts, geometry, self.default_var_pts)

    @property
    def default_submesh_types(self):
        # cells clustered toward the separator interface, where the gradients are (and where
        # the Li0 layer of the multi-phase host forms)
        stretch = MULTI_PHASE_STRETCH if self.options["host thermodynamics"] == "multi-phase" else 2.0
        return {
            "positive electrode": pybamm.MeshGenerator(
                CathodeSubMesh, submesh_params={"side": "right", "stretch": stretch}
            )
        }

    @property
    def default_spatial_methods(self):
        return {"positive electrode": pybamm.FiniteVolume()}

    #: default solver tolerances. The OCPs' end terms make U steep where a host is nearly full
    #: or empty (Mo6S8 near Li4: about 250 V per Li), and a hybrid can sit there for hours (the
    #: host of LTO-LMS at 1.55 V): the error on the Li content (scale x_max) must stay below
    #: ~1e-5 for the voltage to be right within millivolts. IDAKLU's default rtol 1e-4 lets the
    #: voltage of the LTO-LMS charge oscillate by 0.6 V; rtol 1e-6 and atol 1e-8 remove it
    #: (tests/test_solver_tolerance.py) for about 1.2-1.8x the solve time. atol applies to each
    #: state over its scale, so a state's absolute tolerance is atol x its scale (the Li0 film:
    #: 1e-13 m, :attr:`.submodels.ionic_switch.Li0SurfaceFilm.SCALE`; the hysteresis state:
    #: 1e-5, :attr:`.submodels.open_circuit_potential.CathodeOneStateHysteresisOCP.SCALE`).
    SOLVER_TOLERANCES = {"rtol": 1e-6, "atol": 1e-8}
    #: ... of the multi-phase host (IDAKLU's defaults): its U_h has no steep fitted end terms
    #: (lattice-gas ends, kT / x), and from rtol 1e-4 to 1e-6 its LMS charge capacity moves by
    #: < 0.1 % and the 2.40-2.50 V step by 1.4 % (1.872 vs 1.846 mA.h/g) while the solve time
    #: grows 5x (100 cycles: 70 -> 368 s, benchmarks/bench_model.py). Its LMS 0.1C cycle lies on
    #: the rtol 1e-7 curve, and so do the LTO-LMS cycles (tests/test_solver_tolerance.py; the
    #: first discharge's passage from the host's Li4 end onto the LTO plateau needed the
    #: dispersed material's lithiation scaled, :attr:`.submodels.dispersed_material.DispersedConversion.SCALE`).
    #: atol 1e-5 would save 14 % of the steps on 100 C/10 cycles but not their time (2.28x
    #: against 2.36x PyBaMM's DFN, one run each of benchmarks/bench_model.py: within the spread)
    MULTI_PHASE_SOLVER_TOLERANCES = {"rtol": 1e-4, "atol": 1e-6}
    #: ... and its IDA options: the host potential U (an algebraic state, a function of the
    #: Li content through the Cahn-Hilliard relation) is left out of the local error test
    #: (IDASetSuppressAlg, the usual choice for an index-1 DAE whose algebraic states follow
    #: from the differential ones), so the step size is set by the Li content alone. Solver
    #: steps per C/10 cycle 2040 -> 1200, solve time -25 %; LMS capacities change < 0.01 %.
    #: At most 4 Newton iterations per attempt (IDA's own default; PyBaMM sets 40): a Newton
    #: iteration still converging slowly on an old Jacobian after 4 is abandoned for a fresh
    #: Jacobian rather than run on, which the per-variable Jacobian (:class:`_DownstreamJacobian`)
    #: makes cheap. The convergence test is unchanged. 100 C/10 LMS cycles: Newton iterations
    #: 3574 -> 2785 and Jacobians 525 -> 555 per cycle, CPU -10 %; the 100th cycle's discharge and
    #: charge within 0.03 % and 0.001 % of the rtol 1e-6 solution's (0.12 % and 0.18 % with 40)
    MULTI_PHASE_SOLVER_OPTIONS = {"suppress_algebraic_error": True, "max_nonlinear_iterations": 4}

    @property
    def default_solver(self):
        return self.default_solver_with()

    def default_solver_with(self, rtol=None, atol=None, output_variables=None, solve_stepped_switch_again=True,
                            **options):
        """The model's default solver with other tolerances and IDAKLU ``options`` set over its own.

        An IDAKLU solver that checks input parameters against their physical ranges before each
        solve or step. ``rtol``/``atol`` (default: the host's, :attr:`MULTI_PHASE_SOLVER_TOLERANCES`
        or :attr:`SOLVER_TOLERANCES`) replace the tolerances only: the solver class and the host's
        own options stay. ``output_variables`` (PyBaMM's IDAKLU argument: the solution then holds
        these variables only, computed while solving) keeps them too, where a
        ``pybamm.IDAKLUSolver(output_variables=...)`` of your own would drop them (the multi-phase host's adds the two
        it judges a dispersed domain's full end by, ``SharedEventsIDAKLUSolver.FULL_END_VARIABLES``). ``options``, for
        example ``compile=True`` (PyBaMM's ahead-of-time
        compilation of the model's functions with the system C compiler, cached on disk under
        ``$PYBAMM_CASADI_AOT_CACHE``) for long runs of the multi-phase host:
        ``benchmarks/bench_model.py`` gives its cold (compiling) and cached times.
        ``solve_stepped_switch_again`` False (the multi-phase host's solver only): a charge whose Li0 layer formed
        inside the electrode is kept as integrated, not solved again at rtol 1e-6 (its ``SOLVE_STEPPED_SWITCH_AGAIN``,
        docs/known_limits.rst "Multi-phase host: the ionic switch and the solver's time step").
        """
        multi_phase = self.options["host thermodynamics"] == "multi-phase"
        if not isinstance(solve_stepped_switch_again, bool):
            raise ValueError(f"solve_stepped_switch_again must be True or False, got {solve_stepped_switch_again!r}")
        if not solve_stepped_switch_again and not multi_phase:
            raise ValueError("solve_stepped_switch_again=False is the multi-phase host's (its ionic switch); this "
                             f"model's host thermodynamics is {self.options['host thermodynamics']!r}")
        tolerances = dict(self.MULTI_PHASE_SOLVER_TOLERANCES if multi_phase else self.SOLVER_TOLERANCES)
        for name, value in (("rtol", rtol), ("atol", atol)):
            if value is not None:
                if isinstance(value, bool) or not isinstance(value, numbers.Real) or not value > 0:
                    raise ValueError(f"{name} must be a positive number, got {value!r}")
                tolerances[name] = value
        if multi_phase:
            if output_variables is not None:  # (and what the solver judges a domain's full end by, if not among them)
                judged = SharedEventsIDAKLUSolver.FULL_END_VARIABLES
                output_variables = list(output_variables) + [name for name in judged if name not in output_variables]
            solver = SharedEventsIDAKLUSolver(**tolerances, options={**self.MULTI_PHASE_SOLVER_OPTIONS, **options},
                                              output_variables=output_variables)
            if not solve_stepped_switch_again:  # (True: the class's, which a test or a user may set)
                solver.SOLVE_STEPPED_SWITCH_AGAIN = False
            return solver
        return ScalarFunctionsIDAKLUSolver(**tolerances, options=options, output_variables=output_variables)

    @property
    def default_quick_plot_variables(self):
        return [
            "Voltage [V]",
            "Current [A]",
            "Cathode Li content",
            "Average cathode Li content",
            "Cathode surface OCP [V]",
            "Li0 film thickness [m]",
        ]

    # --- initial state --------------------------------------------------------------------
    def initial_state_parameter_values(self, parameter_values, initial_value, direction=None, inputs=None,
                                       time=0.0):
        """Parameter values at an initial SOC in [0, 1] or open-circuit voltage (``"2.1 V"``).

        Called by ``pybamm.Simulation`` for ``solve(initial_soc=..., direction=...)`` (see
        :mod:`pybamm_aea.pybamm_adapter.initial_states`, which passes ``time``, the solve's start [s]); the SOC
        window and the branches are those of :func:`pybamm_aea.set_initial_state`. Returns a new
        ``pybamm.ParameterValues``.
        """
        from ..initial_state import set_initial_state

        return set_initial_state(
            parameter_values, initial_value, direction=direction, options=self.options, inputs=inputs, time=time
        )

    def new_copy(self):
        new = super().new_copy()
        new.submodels = dict(self.submodels)
        return new


def _resistance(V, I):
    """V / |I| [Ohm] with the current's sign, 0 at zero current (PyBaMM's "Resistance [Ohm]")."""
    nonzero = (I > 0) + (I < 0)
    return pybamm.sign(I) * V / (nonzero * I + (1 - nonzero))


# the PyBaMM patches the model relies on (pybamm_aea.pybamm_adapter lists them and what each reads of PyBaMM)
pybamm_adapter.install()


def check_var_pts(var_pts, geometry, default_var_pts=None):
    """ValueError unless ``var_pts`` gives points for each spatial variable of ``geometry`` and for nothing else,
    naming the keys given, those missing, those unknown and the model's own (``xi_c``, the cathode depth: key
    ``"xi_c"`` or :data:`.submodels.xi`). PyBaMM's keys of its DFN (``"x_p"``, ``"r_p"``) are no variable of this
    model: ``var_pts={"x_p": 40}`` was PyBaMM's bare ``KeyError "Points not given for variable 'xi_c' in domain
    'positive electrode'"``. ``default_var_pts``: the model's, said in the error (None, a mesh built with no model:
    ``pybamm.Mesh`` of an AEA geometry, both options' defaults)."""
    names = {getattr(key, "name", key): key for key in var_pts}
    needed = {getattr(var, "name", var): domain for domain, variables in geometry.items() for var in variables
              if var != "tabs"}
    missing = [name for name in needed if name not in names]
    unknown = [name for name in names if name not in needed]
    if missing or unknown:
        said = [f"no points for {', '.join(repr(n) for n in missing)}"] if missing else []
        said += [f"{', '.join(repr(n) for n in unknown)} {'is' if len(unknown) == 1 else 'are'} no spatial "
                 "variable of this model (one dense cathode: no particle or separator mesh)"
                 ] if unknown else []
        own = ", ".join(f"{name!r} ({domain})" for name, domain in needed.items())
        if default_var_pts is None:
            default = (f"{{{submodels.xi.name!r}: {MULTI_PHASE_POINTS}}} ({{{submodels.xi.name!r}: "
                       f"{LEVER_RULE_POINTS}}} on the lever rule)")
        else:
            default = {getattr(var, "name", var): n for var, n in default_var_pts.items()}
        raise ValueError(f"var_pts keys {list(names)}: {'; '.join(said)}. The model's spatial variables: {own}, "
                         f"keyed by name or by the variable (pybamm_aea.models.submodels.xi for 'xi_c'); its "
                         f"default var_pts {default}")
