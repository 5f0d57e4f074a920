"""The AEA cell model: a dense all-electrochem-active cathode | solid electrolyte | Li or Li-In.

Li et al., "Dense All-Electrochem-Active Electrodes for All-Solid-State Lithium Batteries",
Adv. Mater. 2021, 33, 2008723. The model is assembled from submodels (one mechanism each) the
way PyBaMM's lithium-ion models are, and runs in ``pybamm.Simulation`` and
``pybamm.Experiment`` like them.
"""
import collections.abc
import numbers
import warnings

import casadi
import numpy as np

import pybamm
from pybamm.solvers.base_solver import flatten_inputs

from .. import cycle_state_hooks, initial_state_hooks
from . import submodels
from .checks import CheckedIDAKLUSolver
from .parameters import AEAParameters
from .submodels.cell_voltage import electrode_level_variables
from .summary import STANDARD_SUMMARY_VARIABLES, standard_summary_variables


#: default mesh of the multi-phase host: cells and exponential stretch toward the separator
#: (mesh convergence in tests/test_host_phase_field.py)
MULTI_PHASE_POINTS = 20
MULTI_PHASE_STRETCH = 2.0
#: fewest cells across the cathode a mesh may have: PyBaMM's finite-volume extrapolation to the
#: boundaries (the surface Li content, the fluxes at the faces) takes the two cells next to each face
MIN_CATHODE_CELLS = 3


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
    """

    POSSIBLE = {
        "anode": ("lithium metal", "Li-In"),
        "host thermodynamics": ("multi-phase", "lever rule"),
        "hysteresis": ("one-state", "none"),
        "ionic switch": ("Li0 surface film", "none"),
        "electronic conduction": ("ohmic", "infinite"),
        "Li trapping": ("none", "irreversible"),
        "ionic-switch host loss": ("none", "persistent Li0"),
        "dispersed material degradation": ("none", "activation and contact loss"),
        "interphase growth": ("none", "parabolic", "stability window"),
        "voltage as a state": ("false", "true"),
    }
    #: the options that switch on a degradation mechanism ("none": off)
    DEGRADATION = ("Li trapping", "ionic-switch host loss", "dispersed material degradation", "interphase growth")
    # keys PyBaMM's own external-circuit and experiment code reads from a model's options
    _PYBAMM_KEYS = {
        "calculate discharge energy": "true",
        # half cell: the cathode is the working electrode, the anode a foil counter electrode;
        # one reacting phase at the cathode|electrolyte interface (the host). Read by
        # pybamm.plot_voltage_components.
        "working electrode": "positive",
        "particle phases": "1",
        "operating mode": "current",
    }

    def __init__(self, options=None):
        if isinstance(options, AEAOptions):  # a model's options: its own, less the keys for PyBaMM
            options = {key: value for key, value in options.items() if key in self.POSSIBLE}
        if options is not None and not isinstance(options, collections.abc.Mapping):
            raise pybamm.OptionError(f"AEA options must be a dict of option names to values, got {options!r}; "
                                     f"known options: {sorted(self.POSSIBLE)}")
        options = dict(options or {})
        for key, value in options.items():
            if key not in self.POSSIBLE:
                raise pybamm.OptionError(
                    f"Unknown AEA option {key!r}; known options: {sorted(self.POSSIBLE)}"
                )
            if value not in self.POSSIBLE[key]:
                raise pybamm.OptionError(
                    f"Option {key!r} cannot be {value!r}; possible values: {self.POSSIBLE[key]}"
                )
        full = {key: values[0] for key, values in self.POSSIBLE.items()}
        full.update(options)
        if full["host thermodynamics"] == "multi-phase" and full["hysteresis"] != self.POSSIBLE["hysteresis"][0]:
            raise pybamm.OptionError(
                f"Option 'hysteresis': {full['hysteresis']!r} is an option of the lever-rule host (\"host "
                "thermodynamics\": \"lever rule\"); the multi-phase host's hysteresis follows from its free energy"
            )
        full.update(self._PYBAMM_KEYS)
        super().__init__(full)


class AEA(pybamm.BaseModel):
    """Dense mixed-conducting (all-electrochem-active) cathode cell, isothermal.

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
    #: without the steps they were cut from (:mod:`pybamm_aea.cycle_state_hooks`: ~600 points a C/10 step
    #: on the multi-phase host, 1.6 MB per cycle, against 2 points)
    light_unsaved_cycle_states = True

    def __init__(self, options=None, name="AEA model", build=True):
        super().__init__(name=name)
        self.options = AEAOptions(options)
        self.param = AEAParameters()
        self._calc_esoh = False
        self.set_submodels()
        if build:
            self.build_model()

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
        variables.update(standard_summary_variables(self.param, self.options, variables))
        variables.update({
            "Time [s]": pybamm.t,
            "Time [min]": pybamm.t / 60,
            "Time [h]": pybamm.t / 3600,
            "Ambient temperature [K]": self.param.T,
            "Ambient temperature [C]": self.param.T - 273.15,
            # isothermal: the cell is at the ambient temperature (PyBaMM's isothermal model's names)
            **{name: self.param.T for name in ("Cell temperature [K]", "X-averaged cell temperature [K]",
                                               "Volume-averaged cell temperature [K]")},
            # (PyBaMM's two names for one quantity)
            **dict.fromkeys(("Power [W]", "Terminal power [W]"), variables["Voltage [V]"] * variables["Current [A]"]),
            # as PyBaMM's battery models: V / |I|, 0 at zero current (where it is not defined)
            "Resistance [Ohm]": _resistance(variables["Voltage [V]"], variables["Current [A]"]),
        })
        variables.update(self._phase_variables(variables))
        self.summary_variables = [
            "Average cathode Li content",
            "Total lithium in cathode [mol]",
            "Li0 film thickness [m]",
            "Throughput capacity [A.h]",
            "Lost lithium inventory [mol]",
            "Loss of active material [%]",
            "Cathode host active fraction",
            "Dispersed material accessible fraction",
            "Cathode trapped Li content",
            *STANDARD_SUMMARY_VARIABLES,
        ]
        self._built = True

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
        return {
            "Total lithium in cathode [mol]": variables["Total lithium in connected cathode [mol]"] + isolated,
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
        """
        from ..phases import MO6S8_PHASE_FIELD_WINDOWS, MO6S8_PHASES, MO6S8_WINDOWS, lever_rule_symbols

        multi_phase = self.options["host thermodynamics"] == "multi-phase"
        windows = MO6S8_PHASE_FIELD_WINDOWS if multi_phase else MO6S8_WINDOWS
        x = variables["Cathode Li content"]
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
                raise KeyError(f"No variable {var!r} for summary variable")
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
        # mesh-converged: 10 and 40 cells agree within 0.1 % on capacity for the paper's cells,
        # the 31 um high-loading electrode and 5C at 25 C (tests/test_model.py)
        return {submodels.xi: 10}

    @property
    def default_submesh_types(self):
        # cells clustered toward the separator interface, where the gradients are (and where
        # the Li0 layer of the multi-phase host forms)
        stretch = MULTI_PHASE_STRETCH if self.options["host thermodynamics"] == "multi-phase" else 2.0
        return {
            "positive electrode": pybamm.MeshGenerator(
                pybamm.Exponential1DSubMesh, submesh_params={"side": "right", "stretch": stretch}
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

    def default_solver_with(self, rtol=None, atol=None, **options):
        """The model's default solver with other tolerances and IDAKLU ``options`` set over its own.

        An IDAKLU solver that checks input parameters against their physical ranges before each
        solve or step. ``rtol``/``atol`` (default: the host's, :attr:`MULTI_PHASE_SOLVER_TOLERANCES`
        or :attr:`SOLVER_TOLERANCES`) replace the tolerances only: the solver class and the host's
        own options stay. ``options``, for example ``compile=True`` (PyBaMM's ahead-of-time
        compilation of the model's functions with the system C compiler, cached on disk under
        ``$PYBAMM_CASADI_AOT_CACHE``) for long runs of the multi-phase host:
        ``benchmarks/bench_model.py`` gives its cold (compiling) and cached times.
        """
        multi_phase = self.options["host thermodynamics"] == "multi-phase"
        tolerances = dict(self.MULTI_PHASE_SOLVER_TOLERANCES if multi_phase else self.SOLVER_TOLERANCES)
        for name, value in (("rtol", rtol), ("atol", atol)):
            if value is not None:
                if isinstance(value, bool) or not isinstance(value, numbers.Real) or not value > 0:
                    raise ValueError(f"{name} must be a positive number, got {value!r}")
                tolerances[name] = value
        if multi_phase:
            return SharedEventsIDAKLUSolver(**tolerances, options={**self.MULTI_PHASE_SOLVER_OPTIONS, **options})
        return ScalarFunctionsIDAKLUSolver(**tolerances, options=options)

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
    def initial_state_parameter_values(self, parameter_values, initial_value, direction=None, inputs=None):
        """Parameter values at an initial SOC in [0, 1] or open-circuit voltage (``"2.1 V"``).

        Called by ``pybamm.Simulation`` for ``solve(initial_soc=..., direction=...)`` (see
        :mod:`pybamm_aea.initial_state_hooks`); the SOC window and the branches are those of
        :func:`pybamm_aea.set_initial_state`. Returns a new ``pybamm.ParameterValues``.
        """
        from ..initial_state import set_initial_state

        return set_initial_state(
            parameter_values, initial_value, direction=direction, options=self.options, inputs=inputs
        )

    def new_copy(self):
        new = super().new_copy()
        new.submodels = dict(self.submodels)
        return new


class _ScalarFunctions(pybamm.BaseSolver):
    """Solver mixin: the model's CasADi functions in their SX (scalar) form after PyBaMM's set-up.

    PyBaMM converts a discretised model to CasADi MX functions, which IDAKLU runs in CasADi's
    virtual machine. For a model of a few dozen states most of that time is the MX machine's
    work per (vector) operation; ``casadi.Function.expand`` rewrites the same expression as
    scalar operations, with the same result to round-off. On the lever-rule host's C/10
    discharge (36 states) a call of the Jacobian took 118 -> 14 us, the residual 12 -> 6.5 us
    and the voltage events 34 -> 12 us (they are now joined by :class:`_SharedEvents`), and the
    solver's integration time of 100 C/10 cycles fell by ~45 % (benchmarks/bench_model.py). A
    function that cannot be expanded is kept as
    it is. Placed before :class:`pybamm.BaseSolver` in the method order, so its ``set_up`` runs
    inside the IDAKLU solver's, after the functions are made and before IDAKLU takes them.
    """

    #: the model attributes that hold the functions IDAKLU integrates with
    FUNCTIONS = ("rhs_algebraic_eval", "jac_rhs_algebraic_eval", "jac_rhs_algebraic_action_eval",
                 "algebraic_eval", "jac_algebraic_eval")

    def set_up(self, model, inputs=None, t_eval=None, ics_only=False):
        out = super().set_up(model, inputs, t_eval, ics_only)
        if not ics_only:
            for name in self.FUNCTIONS:
                function = getattr(model, name, None)
                if isinstance(function, casadi.Function):
                    setattr(model, name, _expanded(function))
        return out


def _resistance(V, I):
    """V / |I| [Ohm] with the current's sign, 0 at zero current (PyBaMM's "Resistance [Ohm]")."""
    nonzero = (I > 0) + (I < 0)
    return pybamm.sign(I) * V / (nonzero * I + (1 - nonzero))


class _SharedEvents(pybamm.BaseSolver):
    """Solver mixin: the model's termination events as the outputs of one CasADi function.

    PyBaMM makes one function per event, and IDAKLU's root function calls each, so an
    expression several events read is evaluated once per event on every solver step: the
    voltage, which reads the whole cathode, three times in a cycling step (the model's two
    voltage limits and the step's cut-off). Here the events are expanded to SX and joined in
    one function whose common subexpressions are evaluated once (``casadi.cse``); each event
    is its output, and IDAKLU's symbolic calls of the events with the same arguments share
    one call of it. The events' values are unchanged to round-off, so is the solution (the
    same solver steps: tests/test_solver_tolerance.py). On the multi-phase host the root
    function took 29 -> 10 us per call and the solver's integration time of 20 C/10 cycles
    fell by 8-39 % (three runs of each, 2-core Xeon; 100 C/10 cycles: 2.42x -> 2.28x PyBaMM's
    DFN, benchmarks/bench_model.py). Placed, like :class:`_ScalarFunctions`,
    before :class:`pybamm.BaseSolver` in the method order.
    """

    def set_up(self, model, inputs=None, t_eval=None, ics_only=False):
        out = super().set_up(model, inputs, t_eval, ics_only)
        events = model.terminate_events_eval
        if not ics_only and len(events) > 1 and all(isinstance(e, casadi.Function) for e in events):
            joined = _joined(events)
            if joined is not None:
                calls = _LastCall()
                model.terminate_events_eval = [_EventOutput(joined, i, calls) for i in range(len(events))]
        return out


def _joined(events):
    """One SX function of all ``events`` (same inputs), common subexpressions shared, or None if
    one of them holds an operation SX cannot represent."""
    expanded = [_expanded(event) for event in events]
    if any(event.class_name() != "SXFunction" for event in expanded):
        return None
    first = expanded[0]
    args = [casadi.SX.sym(first.name_in(i), first.sparsity_in(i)) for i in range(first.n_in())]
    outputs = [event(*args) for event in expanded]
    return casadi.Function("termination_events", args, [casadi.cse(casadi.vertcat(*outputs))])


class _LastCall(dict):
    """The last symbolic call of a joined event function, shared by its events; not pickled (a
    CasADi MX node cannot be), so a pickled model's events share an empty one."""

    def __reduce__(self):
        return (_LastCall, ())


class _EventOutput:
    """Output ``index`` of the joined event function, called as PyBaMM calls an event function:
    ``(t, y, inputs)`` with numbers or CasADi MX symbols. Symbolic calls with the arguments of
    the previous one (IDAKLU's root function calls every event with the same symbols) reuse
    its call node, held in ``calls`` (a :class:`_LastCall`), which the events of one model share.
    The arguments are held with the node and compared by identity (an id alone could be reused
    by new symbols once the old ones are freed)."""

    def __init__(self, joined, index, calls):
        self.joined, self.index, self.calls = joined, index, calls

    def __call__(self, t=None, y=None, inputs=None):
        if isinstance(y, casadi.MX):
            last = self.calls.get("arguments", ())
            if len(last) != 3 or any(a is not b for a, b in zip(last, (t, y, inputs))):
                self.calls["arguments"], self.calls["node"] = (t, y, inputs), self.joined(t, y, inputs)
            return self.calls["node"][self.index]
        return self.joined(t, y, inputs)[self.index]


def _expanded(function):
    """``function`` as SX, or unchanged if it holds an operation SX cannot represent."""
    try:
        return function.expand()
    except RuntimeError:
        return function


class _DownstreamJacobian(pybamm.BaseSolver):
    """Solver mixin: the Newton matrix built one variable's rows at a time, the rows of
    downstream states reduced to their own block.

    A differential state is downstream when no other state's equation reads it, or only other
    downstream states do (:func:`downstream_states` peels them off the Jacobian's sparsity). On
    the multi-phase host's LMS cycling they are the capacity and energy integrals, the stretch
    and the absent dispersed material. The rest of the system never sees them, so their rows'
    entries in the other states' columns can go: the Newton iteration of everything else stays
    exact, and each downstream state is updated one iteration behind, still inside IDA's error
    test (IDAS's quadrature variables, for the same reason, are kept out of the Newton system
    altogether). Residuals, error test and events are PyBaMM's: what IDA converges to is the
    same (20 C/10 LMS cycles at rtol 1e-7: capacities and energies within 5e-7 of the exact
    matrix's; at the default rtol 1e-4 both are within 5e-4 of that). Algebraic states keep
    their full rows: IDA leaves them out of its error test, and a one-iteration lag there
    showed (the voltage as a state 2 mV off its expression). Taking the rows per variable also
    spares CasADi colouring the whole matrix at once, where the energy rows, which read every
    state the voltage reads, cost most: a Jacobian call on LMS 55 -> 43 us; CPU time of 100 C/10
    LMS cycles -4.5 %, of the S-LMS 120-cycle run with every degradation option -40 % (2-core
    EPYC, benchmarks/bench_model.py and bench_cycling.py). PyBaMM's matrix is kept
    when the model has sensitivities (IDAS corrects them with this matrix). Placed, like
    :class:`_SharedEvents`, before :class:`pybamm.BaseSolver` in the method order.

    An infinite entry is returned as NaN. IDA's predictor can step past the model's range (AEA_NMC532
    charged to 4.3 V at 0.2C: a 3332 s step from t = 15927 s extrapolated the Li content variable to
    y = -0.07, where x = e ln(1 + exp(y / e)) rounds to 0 and the OCP's end term k / x is inf); the
    OCP rows' entries in their Li content columns are then +inf here, where PyBaMM's matrix has NaN.
    SUNDIALS' KLU set-up, finding the condition estimate inf, factorises afresh, KLU finds the matrix
    singular, and the failure is unrecoverable (IDA_LSETUP_FAIL ends the solve); with NaN the estimate
    is NaN, the set-up passes, the Newton iteration fails and IDA retries with a smaller step, as it
    does with PyBaMM's matrix (AEA_NMC532 charged, discharged and charged at 20 rates from 0.05C to
    1C: 3 such failures, at 0.1C, 0.15C and 0.4C, none now; CPU time unchanged).
    """

    def set_up(self, model, inputs=None, t_eval=None, ics_only=False):
        out = super().set_up(model, inputs, t_eval, ics_only)
        if not ics_only and not model.calculate_sensitivities and isinstance(model.rhs_algebraic_eval, casadi.Function):
            jacobian = _downstream_jacobian(model)
            if jacobian is not None:
                model.jac_rhs_algebraic_eval = jacobian
        return out


def downstream_states(model):
    """The differential ``model.y_slices`` variables that no state outside them reads, from the
    sparsity of the residual's Jacobian (see :class:`_DownstreamJacobian`); ``model`` is a
    discretised model after a solver's set-up."""
    f = model.rhs_algebraic_eval
    t, p = casadi.MX.sym("t"), casadi.MX.sym("p", f.sparsity_in(2))
    y = casadi.MX.sym("y", f.sparsity_in(1))
    (residual,) = f.call([t, y, p], True, False)  # inlined
    sparsity = casadi.jacobian_sparsity(residual, y)
    variables = [var for var, slices in model.y_slices.items() for _ in slices]
    bounds = [(s.start, s.stop) for slices in model.y_slices.values() for s in slices]
    owner = {}
    for k, (a, b) in enumerate(bounds):
        owner.update({i: k for i in range(a, b)})
    readers = [set() for _ in bounds]  # readers[k]: the other entries whose rows read entry k
    for row, col in zip(*sparsity.get_triplet()):
        if owner[row] != owner[col]:
            readers[owner[col]].add(owner[row])
    down = set()
    while True:
        new = {k for k, (a, _) in enumerate(bounds)
               if k not in down and a < model.len_rhs and readers[k] <= down}
        if not new:
            return [variables[k] for k in sorted(down)]
        down |= new


def _downstream_jacobian(model):
    """The Jacobian function of :class:`_DownstreamJacobian`, or None to keep PyBaMM's."""
    f = model.rhs_algebraic_eval
    n = f.sparsity_in(1).size1()
    bounds = sorted((s.start, s.stop) for slices in model.y_slices.values() for s in slices)
    if [a for a, _ in bounds] != [0] + [b for _, b in bounds[:-1]] or bounds[-1][1] != n:
        return None  # the slices do not tile the state vector: leave PyBaMM's
    down = {(s.start, s.stop) for var in downstream_states(model) for s in model.y_slices[var]}
    if not down:
        return None
    t, p = casadi.MX.sym("t"), casadi.MX.sym("p", f.sparsity_in(2))
    pieces = [casadi.MX.sym(f"y{a}", b - a) for a, b in bounds]
    y = casadi.vertcat(*pieces)
    (residual,) = f.call([t, y, p], True, False)  # inlined: each block differentiates its own rows
    rows = []
    for k, (a, b) in enumerate(bounds):
        if (a, b) in down:
            own = [casadi.jacobian(residual[a:b], piece) if m == k else casadi.MX(b - a, piece.size1())
                   for m, piece in enumerate(pieces)]
            rows.append(casadi.horzcat(*own))
        else:
            rows.append(casadi.jacobian(residual[a:b], y))
    jacobian = casadi.vertcat(*rows)
    # an infinite entry as NaN, every finite one unchanged (J + 0 J), the pattern kept (see
    # :class:`_DownstreamJacobian`); the zero is symbolic, 0 for every finite t, so that CasADi
    # does not fold 0 * J away
    zero = casadi.fmin(t, -t) + casadi.fabs(t)
    return casadi.Function("jac_rhs_algebraic_downstream", [t, y, p], [jacobian + zero * jacobian])


class ConsistentEventIDAKLUSolver(CheckedIDAKLUSolver):
    """:class:`.checks.CheckedIDAKLUSolver` whose step ended by an event ends on a consistent state: the
    algebraic states of its last point solved (Newton) for its differential states at the event time, where
    IDA's are off by more than the tolerances (:meth:`_off_by_more_than_tolerance`).

    IDA locates an event on its interpolating polynomial between two steps and returns the polynomial's
    state there. On the multi-phase host the algebraic states are left out of IDA's error test
    (:attr:`AEA.MULTI_PHASE_SOLVER_OPTIONS`), so nothing bounds that polynomial's error in them: where a
    step crosses a steep end of the curve, they are off at the event point, while the differential states
    are within the tolerances. A constant-power discharge of LMS to 1.8 V ended with the current, an
    algebraic state, high: I V = 1.0012 / 1.0007 / 1.0003 P at 1x / 3x / 10x the 0.1C power, where the
    consistent state has I V = P at 1.800006 / 1.800010 / 1.800014 V (tests/test_solver_tolerance.py).
    Inside a step every solver point is a converged one (I V within 2e-4 of P, Newton's tolerance), and
    the next step starts from the consistent state anyway (IDA's initial-condition calculation), so the
    end point is the only one that changes; the capacity does not. Constant-current steps keep IDA's end
    point (their algebraic states there are within the tolerances: the main comparison, ``python -m
    pybamm_aea``, gives the same figures to the last digit). PyBaMM's SPM, whose solver keeps the
    algebraic states in the error test, ends a constant-power step within 4e-5 of P. A state the Newton
    iteration does not converge for is left as IDA returned it.
    """

    #: Newton iterations and the residual (of PyBaMM's scaled equations) it must reach
    NEWTON = {"max_iter": 20, "abstol": 1e-10}

    def _post_process_solution(self, sol, model, integration_time, inputs_dict, t_eval):
        solution = super()._post_process_solution(sol, model, integration_time, inputs_dict, t_eval)
        if (solution.termination == "event" and model.len_alg > 0 and not solution.variables_returned
                and not model.calculate_sensitivities and len(solution.all_ts[-1]) > 1):
            y = np.array(solution.all_ys[-1], dtype=float)
            t = float(solution.all_ts[-1][-1])
            p = flatten_inputs(inputs_dict) if inputs_dict else np.zeros(0)
            z = self._consistent_algebraic_states(model, t, y[:, -1], p)
            if z is not None and self._off_by_more_than_tolerance(model, y[model.len_rhs:, -1], z):
                y[model.len_rhs:, -1] = z
                solution.all_ys[-1] = y  # (the list PyBaMM reads the states from)
                solution._y_event = y[:, -1:].copy()
        return solution

    def _consistent_algebraic_states(self, model, t, y, p):
        """The algebraic states solving the model's algebraic equations at time ``t`` [s] with the
        differential states of ``y`` (``y``'s own as the first guess), or None if the Newton iteration
        does not reach its :attr:`NEWTON` tolerance."""
        cached = getattr(self, "_consistent_newton", None)
        if cached is None or cached[0] is not model:
            f = model.rhs_algebraic_eval
            n = model.len_rhs
            z, x = casadi.MX.sym("z", model.len_alg), casadi.MX.sym("x", n)
            ts, ps = casadi.MX.sym("t"), casadi.MX.sym("p", f.sparsity_in(2))
            residual = f(ts, casadi.vertcat(x, z), ps)[n:]
            g = casadi.Function("algebraic", [z, ts, x, ps], [residual])
            newton = casadi.rootfinder("consistent_state", "newton", g, {**self.NEWTON, "error_on_fail": False})
            cached = self._consistent_newton = (model, g, newton)
        _, g, newton = cached
        n = model.len_rhs
        args = (casadi.DM(t), casadi.DM(y[:n]), casadi.DM(p))
        z = np.asarray(newton(casadi.DM(y[n:]), *args)).ravel()
        residual = np.max(np.abs(np.asarray(g(casadi.DM(z), *args))))
        return z if residual <= self.NEWTON["abstol"] else None  # (NaN: not converged)

    def _off_by_more_than_tolerance(self, model, z_ida, z):
        """True if an algebraic state IDA returned, ``z_ida``, is off its consistent value ``z`` by more than the
        solver's tolerance, rtol |z| + atol (on PyBaMM's scaled states, as IDA's error weights). Only such an end
        point is replaced: where the interpolated states are within the tolerances (a constant-current step,
        whose algebraic states are the host potential and the ohmic drop: residuals <= 1e-6, as at IDA's own
        points) the step ends as IDA returned it, and the next step starts from the same guess as before."""
        atol = np.asarray(getattr(model, "atol", self.atol), dtype=float)  # (PyBaMM's: a number or one per state)
        atol = atol.ravel()[model.len_rhs:] if atol.ndim else atol
        return bool(np.max(np.abs(z_ida - z) / (self.rtol * np.abs(z) + atol)) > 1)

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_consistent_newton", None)  # (rebuilt for the model of the next solve)
        return state


class StepRetriedWarning(UserWarning):
    """An experiment step was solved again after IDA failed on it (:class:`SharedEventsIDAKLUSolver`)."""


class SharedEventsIDAKLUSolver(ConsistentEventIDAKLUSolver, _SharedEvents, _DownstreamJacobian):
    """The multi-phase host's default solver: :class:`ConsistentEventIDAKLUSolver` with the
    termination events joined in one function (:class:`_SharedEvents`) and the Newton Jacobian
    built per variable, downstream states reduced to their own block (:class:`_DownstreamJacobian`).

    An experiment step IDA fails on is solved once more from the same state by a
    :class:`ConsistentEventIDAKLUSolver` with PyBaMM's own Newton matrix and a first step of
    :attr:`RETRY_FIRST_STEP`, with a warning; its error is raised if it fails too. The failure it
    mends, in a shipped literature set on this host (tests/test_solver_tolerance.py):
    IDA's error test failing at the first steps after the current reverses (IDA sizes the first
    step from the step's whole span, and the charge's derivatives are the wrong guess for the
    discharge: AEA_LiCoO2 charged and discharged at 0.4C, with either Newton matrix). Of 20 rates
    from 0.05C to 1C, charge-discharge-charge, that one failed, none after the retry (NMC532, LMS and
    TiS2: none; NMC532's KLU failures late in a charge to 4.3 V were the per-variable matrix's
    infinite entries, see :class:`_DownstreamJacobian`). Nothing changes where no step fails.
    """

    #: the retry's first step [s]: a thousandth of a second, below every time constant of the cells
    RETRY_FIRST_STEP = 1e-3

    def step(self, old_solution, model, dt, t_eval=None, npts=None, inputs=None, *args, **kwargs):
        try:
            return super().step(old_solution, model, dt, t_eval, npts, inputs, *args, **kwargs)
        except pybamm.SolverError as exc:
            if "at initial conditions" in str(exc):  # an infeasible step: the same on any solver
                raise
            # a new solver each time (one is set up for one model; failures are rare, its set-up 0.1-0.5 s)
            retry = ConsistentEventIDAKLUSolver(rtol=self.rtol, atol=self.atol,
                                        options={**self._options, "dt_init": self.RETRY_FIRST_STEP})
            t0 = float(old_solution.t[-1]) if old_solution is not None else 0.0
            warnings.warn(f"IDA failed on a step at t = {t0:.6g} s ({exc}); solved again with PyBaMM's Newton "
                          f"matrix and a {self.RETRY_FIRST_STEP:g} s first step", StepRetriedWarning,
                          stacklevel=2)
            return retry.step(old_solution, model, dt, t_eval, npts, inputs, *args, **kwargs)


class ScalarFunctionsIDAKLUSolver(CheckedIDAKLUSolver, _ScalarFunctions, _SharedEvents):
    """The lever-rule host's default solver: :class:`.checks.CheckedIDAKLUSolver` running the
    model's functions as SX (:class:`_ScalarFunctions`), its events joined (:class:`_SharedEvents`).
    SX is not used for the multi-phase host: there it did not change the time of 10 C/10 cycles
    (2.3 s CPU either way)."""


initial_state_hooks.install()
cycle_state_hooks.install()
