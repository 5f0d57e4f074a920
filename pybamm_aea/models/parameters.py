"""Symbolic parameters of the AEA cell model (``pybamm.Parameter`` objects, SI units).

One object, :class:`AEAParameters`, gathers every parameter the submodels read, in the way
:class:`pybamm.LithiumIonParameters` does for PyBaMM's own models. It also provides the few
attributes PyBaMM's external-circuit submodels and experiment machinery expect (``Q``,
``A_cc``, ``current_with_time``, ``current_density_with_time``, ``n_cells``,
``voltage_low_cut``, ``voltage_high_cut``).
"""
import pybamm

from ..parameters import cathode_thickness, host_as_made, solid_density
from .checks import (BinodalCheck, GradientEnergyCheck, LithiationMassCheck, PhysicalRange, Range, checked_function,
                     checked_parameter, checked_value)


class AEAParameters(pybamm.ElectricalParameters):
    """Parameters of a dense all-electrochem-active cathode | solid electrolyte | anode cell."""

    def __init__(self):
        self.geo = pybamm.geometric_parameters
        self._set_parameters()

    def _set_parameters(self):
        super()._set_parameters()
        # every parameter with a range in pybamm_aea.models.checks.RANGES is checked (at parameterisation, and
        # at solve time when it is an input parameter); a function parameter through checked_function, when it
        # is given as a number or an input
        P = checked_parameter
        self.F = pybamm.constants.F
        self.R = pybamm.constants.R
        self.Q = checked_parameter("Nominal cell capacity [A.h]")  # C-rate basis, checked > 0
        self.n_cells = P("Number of cells connected in series to make a battery")  # the battery's, checked >= 1
        self.voltage_low_cut = P("Lower voltage cut-off [V]")  # checked: 0 <= low < high
        self.voltage_high_cut = P("Upper voltage cut-off [V]")
        # electrode area [m2], PyBaMM's geometric parameters checked (a negative height was a negative current
        # density); the current density is the checked area's
        self.A_cc = (P("Electrode width [m]") * P("Electrode height [m]")
                     * P("Number of electrodes connected in parallel to make a cell"))
        # PyBaMM's current (a function of time) checked finite when it depends on inputs: an input given in its
        # place (values["Current function [A]"] = pybamm.InputParameter("I2"), as PyBaMM's build of an experiment
        # step pybamm.step.current(pybamm.InputParameter("I2")) does) was checked by its own name, which has no
        # range: I2 = nan was IDA_BAD_K; a number is checked at parameterisation, a state (a voltage step's) not
        self.current_with_time = checked_value(self.current_with_time, "Current function [A]")
        self.current_density_with_time = self.current_with_time / self.A_cc
        # isothermal at the ambient temperature, which may vary in time as in PyBaMM's isothermal model (a
        # function of (y, z, t); the cell is one point in y and z: both are 0)
        self.T = checked_value(pybamm.FunctionParameter("Ambient temperature [K]", {
            "Distance across electrode width [m]": pybamm.Scalar(0),
            "Distance across electrode height [m]": pybamm.Scalar(0),
            "Time [s]": pybamm.t}), "Ambient temperature [K]")
        self.T_ref = P("Reference temperature [K]")
        #: the temperature at the start (an initial condition's): the ambient one's while the cell is isothermal
        self.T_initial = self.T

        # Cathode (dense, 100 % active mixed ionic-electronic conductor)
        self.m_c = P("Cathode loading [kg.m-2]")
        self.eps_c = P("Cathode porosity")
        self.rho_host = P("Cathode host density [kg.m-3]")  # Li-free
        self.M_host = P("Cathode host molar mass [kg.mol-1]")  # Li-free
        self.x_max = P("Cathode maximum Li content")
        self.x_init = P("Initial cathode Li content")  # the average over the depth
        # the multi-phase host's two phases of a phase-separated initial state (0 and 0: uniform;
        # .submodels.host_phase_field)
        self.x_init_sep = P("Initial cathode separator-side phase Li content")
        self.x_init_col = P("Initial cathode collector-side phase Li content")
        self.b_c = P("Cathode Bruggeman coefficient")
        self.rho_host_lith = P("Lithiated cathode host density [kg.m-3]")
        # the host as made (pressed): its Li content, density and formula mass, the basis of the loading
        self.x_made = P("Cathode host Li content as made")
        self.rho_host_made, self.M_host_made = host_as_made(
            self.rho_host, self.rho_host_lith, self.M_host, self.x_max, self.x_made)

        # Dispersed active material inside the host network (S8, Li4Ti5O12; 0 for none)
        self.w_D = P("Dispersed material mass fraction")
        self.rho_D = P("Dispersed material density [kg.m-3]")
        self.rho_D_lith = P("Lithiated dispersed material density [kg.m-3]")
        self.Q_D = P("Dispersed material specific capacity [A.h.kg-1]")
        # checked against the capacity by Faraday's law (the Li that enters is the mass gained), with the material
        self.mass_ratio_D = LithiationMassCheck.of(P("Dispersed material lithiation mass ratio"), self.Q_D, self.w_D)
        self.z_init = P("Initial dispersed material lithiation")
        self.w_ideal_D = P("Dispersed material ideality factor")

        self.w_host = 1 - self.w_D
        # density of the solid mixture as made [kg.m-3]
        self.rho_solid = solid_density(self.rho_host_made, self.w_D, self.rho_D)
        # thickness from loading, solid density and porosity [m]
        self.L_c = cathode_thickness(self.m_c, self.eps_c, self.rho_solid)
        # a domain fits in the electrode: its diameter at most the thickness (no bound without dispersed material,
        # whose radius then enters nothing)
        name = "Dispersed material domain radius [m]"
        self.R_D = PhysicalRange(pybamm.Parameter(name), self.L_c / 2 + 1e30 * (self.w_D <= 0), name,
                                 Range(0.0, "half the cathode thickness [m]", low_open=True,
                                       why="a domain's diameter cannot exceed the electrode's thickness"))
        # host formula units per m3 of host [mol.m-3]
        self.c_host = self.rho_host_made / self.M_host_made
        # volume fraction of the host in the electrode; for a pure host 1 - eps
        self.phi_host = (1 - self.eps_c) * self.rho_solid * self.w_host / self.rho_host_made
        # host formula units per m3 of electrode [mol.m-3]
        self.c_h = self.phi_host * self.c_host
        # Li sites of all the dispersed material per m3 of electrode [mol.m-3]
        self.c_D_full = (1 - self.eps_c) * self.rho_solid * self.w_D * self.Q_D * 3600 / self.F
        self.c_D = self.c_D_full
        # geometric capacity per area [C.m-2]: host window 0 <= x <= x_max plus dispersed
        self.q_c = self.F * self.L_c * (self.c_h * self.x_max + self.c_D)

        # multi-phase host ("host thermodynamics": "multi-phase"): gradient-energy coefficient
        # (above 0 where the host's homogeneous OCP has a spinodal: GradientEnergyCheck)
        self.kappa_c = GradientEnergyCheck.of(P("Cathode gradient energy coefficient [V.m2]"), self.x_max, self.T)
        # 1: the host's OCP ends in a lattice gas's pole at x_max, it holds no Li beyond (the multi-phase host's
        # content events end a solve there, .submodels.host_phase_field); 0: an electron-limited end that takes Li
        # past x_max (Mo6S8's U_full)
        self.full_at_x_max = P("Cathode host full at maximum Li content")

        # Li0 surface film ("ionic switch")
        self.delta_film_init = P("Initial Li0 film thickness [m]")
        self.x_film_onset = P("Li0 film onset Li content")
        # the multi-phase host's Li0/Li1 two-phase region (thermodynamics.li0_phase_parameters)
        self.x_li0 = P("Li0 phase binodal Li content")
        # (the common tangent of the host's OCP: BinodalCheck)
        self.x_li1 = BinodalCheck.of(self.x_li0, P("Li1 phase binodal Li content"), self.x_max, self.T)

        # Hysteresis
        self.gamma_hyst = P("Cathode hysteresis decay rate")
        self.h_init = P("Initial cathode hysteresis state")

        # Separator: two solid-electrolyte layers in series
        self.L_s1 = P("Separator layer 1 thickness [m]")
        self.L_s2 = P("Separator layer 2 thickness [m]")

        # Li-In anode
        self.n_In = P("Li-In anode indium amount [mol.m-2]")
        self.y_init = P("Initial Li-In anode Li:In ratio")
        self.n_Li_foil = P("Li-In anode Li foil amount [mol.m-2]")

        # Degradation (used only when the matching option is on)
        self.f_trap_slow = P("Li trapping fraction")
        self.f_trap_fast = P("Initial Li trapping fraction")
        self.x_trap_sat = P("Saturated initially trapped Li content")
        self.E_trap = P("Li trapping activation energy [J.mol-1]")  # at "Reference temperature [K]"
        self.k_switch_loss = P("Ionic-switch host loss coefficient")
        self.f_li0_persist = P("Persistent Li0 fraction")
        self.f_acc_D_init = P("Initial dispersed material accessible fraction")
        self.f_acc_D_max = P("Maximum dispersed material accessible fraction")
        self.k_activation = P("Dispersed material activation coefficient")
        self.k_contact_loss = P("Dispersed material contact-loss coefficient")
        self.P_stack = P("Stack pressure [MPa]")
        self.P_fab = P("Cathode fabrication pressure [MPa]")
        self.K_heckel = P("Cathode Heckel compaction coefficient [MPa-1]")
        # 1: the run starts from a stretch off 1 (a starting solution's, .submodels.volume), 0: a fresh start
        self.stretch_starts_off_one = P("Initial cathode stretch off 1")
        self.k_int_c = P("Cathode interphase growth constant [m2.s-1]")
        self.k_int_a = P("Li metal anode interphase growth constant [m2.s-1]")
        self.k_int_a_LiIn = P("Li-In anode interphase growth constant [m2.s-1]")
        self.L_int_init = P("Initial interphase thickness [m]")
        self.sigma_int = P("Interphase ionic conductivity [S.m-1]")
        self.U_ox_SE = P("Solid electrolyte oxidation limit [V]")
        self.k_int_c_window = P("Cathode interphase window growth constant [m2.s-1]")
        self.U_red_SE = P("Solid electrolyte reduction limit [V]")

        # Scalar factors on the functions of state below (1 in the parameter sets): each is an
        # ordinary parameter, so it can be a PyBaMM input parameter or a PyBOP fitting parameter
        # while the function keeps its shape (its dependence on Li content and temperature)
        factor = {
            name: P(name)  # each > 0 (pybamm_aea.models.checks.RANGES)
            for name in (
                "Cathode Li diffusivity factor",
                "Cathode exchange-current density factor",
                "Cathode electronic conductivity factor",
                "Cathode ionic conductivity factor",
                "Anode exchange-current density factor",
                "Separator layer 1 ionic conductivity factor",
                "Separator layer 2 ionic conductivity factor",
                "Dispersed material reaction rate constant factor",
                "Dispersed material product-layer Li diffusivity factor",
                "Li0 film Li diffusivity factor",
            )
        }
        #: factor name -> the conditions (expressions of parameters) under which it acts, one per function of state
        #: the model's build called that reads it (:meth:`_factor`): a factor absent here is read by no equation
        #: or variable of the model (its option off), one whose conditions are all false is read where it
        #: changes nothing (the Li0 factor on a host without Li0); read by the unread-input warning
        #: (:func:`pybamm_aea.models.checks.acting_factors`) to advise only a factor that acts
        self.factor_conditions = {}
        self._factors = factor  # (read only through :meth:`_factor`, which records each read)

    def lumped_temperature(self):
        """Make the temperature every law of the model reads (:attr:`T`) the cell temperature, a state of the lumped
        thermal option (:mod:`.submodels.lumped_thermal`), and add its parameters: :attr:`T_amb` the ambient
        temperature (the isothermal model's :attr:`T`), :attr:`T_initial` PyBaMM's "Initial temperature [K]",
        :attr:`C_A` the cell's heat capacity per electrode area, :attr:`h_A` PyBaMM's "Total heat transfer coefficient
        [W.m-2.K-1]" (per m2 of cooling surface, which is here the electrode area). Each is checked and refused if
        missing (:data:`pybamm_aea.models.checks.RANGES`). The parameterisation-time checks that read a temperature
        (the gradient energy, the binodal) keep the ambient one."""
        P = checked_parameter
        self.T_amb = self.T
        self.T_initial = P("Initial temperature [K]")
        self.C_A = P("Cell heat capacity [J.K-1.m-2]")
        self.h_A = P("Total heat transfer coefficient [W.m-2.K-1]")
        # (scale: the state is of order 300 K, resolved to the solver's atol times it)
        self.T = pybamm.Variable("Cell temperature [K]", scale=self.T_ref)

    def _factor(self, name, acts_where=True):
        """The factor ``name`` for a function of state being built, its condition of acting (``acts_where``: True, or
        an expression of parameters, true where the factor changes the function) recorded in
        :attr:`factor_conditions`."""
        self.factor_conditions.setdefault(name, []).append(acts_where)
        return self._factors[name]

    # --- functions of state ------------------------------------------------------------
    def D_c(self, x, T):
        """Chemical diffusivity of Li in the cathode host [m2.s-1] at Li content ``x``, times its factor: the
        lever-rule host's (the multi-phase host reads :meth:`logB_c` instead, README "The multi-phase host")."""
        return self._factor("Cathode Li diffusivity factor") * checked_function(
            "Cathode Li diffusivity [m2.s-1]",
            {"Cathode Li content": x, "Temperature [K]": T},
        )

    def U_h(self, x, T):
        """Homogeneous OCP of the multi-phase host, -mu_h / F [V vs Li/Li+]."""
        return checked_function(
            "Cathode homogeneous OCP [V]",
            {"Cathode Li content": x, "Temperature [K]": T},
        )

    def logB_c(self, x, T):
        """Natural log of the Li mobility per formula unit of the multi-phase host, B in
        [m2.V-1.s-1] (log so that it can be averaged onto cell faces as a geometric mean).

        The "Cathode Li diffusivity factor" multiplies B (the chemical diffusivity is
        ``B |dU_h/dx|``); the "Li0 film Li diffusivity factor" multiplies it in the Li0 phase's window (up to "Li0
        phase binodal Li content"), as if that phase's diffusivity were multiplied: log B's linear blend across the
        Li0/Li1 region (:func:`pybamm_aea.thermodynamics.log_mobility`) carries its log down to 0 at "Li1 phase
        binodal Li content" (a host without Li0 puts the region below zero Li: no effect)."""
        li0_share = (self.x_li1 - pybamm.maximum(pybamm.minimum(x, self.x_li1), self.x_li0)) / (self.x_li1 - self.x_li0)
        return checked_function(
            "Cathode Li log-mobility",
            {"Cathode Li content": x, "Temperature [K]": T},
        ) + pybamm.log(self._factor("Cathode Li diffusivity factor")) + pybamm.log(
            # li0_share is 0 at every content from x_li1 up: the Li0 factor acts if the window starts above zero Li
            self._factor("Li0 film Li diffusivity factor", self.x_li1 > 0)) * li0_share

    def U_lith(self, x, T):
        """Cathode OCP on lithiation (discharge) [V vs Li/Li+]."""
        return checked_function(
            "Cathode lithiation OCP [V]",
            {"Cathode Li content": x, "Temperature [K]": T},
        )

    def U_delith(self, x, T):
        """Cathode OCP on delithiation (charge) [V vs Li/Li+]."""
        return checked_function(
            "Cathode delithiation OCP [V]",
            {"Cathode Li content": x, "Temperature [K]": T},
        )

    def U0_D(self, T):
        """Standard potential of the dispersed material's reaction [V vs Li/Li+]."""
        return checked_function(
            "Dispersed material standard potential [V]", {"Temperature [K]": T}
        )

    def kappa_D(self, T):
        """Interfacial rate constant of the dispersed material's reaction front [s-1], times its factor."""
        return self._factor("Dispersed material reaction rate constant factor") * checked_function(
            "Dispersed material interfacial rate constant [s-1]", {"Temperature [K]": T}
        )

    def D_shell_D(self, T):
        """Li diffusivity of the dispersed material's product layer (Li2S) [m2.s-1], times its factor."""
        return self._factor("Dispersed material product-layer Li diffusivity factor") * checked_function(
            "Dispersed material product-layer Li diffusivity [m2.s-1]", {"Temperature [K]": T}
        )

    def tau_shell_D(self, T):
        """Time constant of transport across the product shell, (c_core/c_shell) R^2 / (3 D) [s]."""
        expansion = self.rho_D * self.mass_ratio_D / self.rho_D_lith
        return expansion * self.R_D**2 / (3 * self.D_shell_D(T))

    def j0_c(self, x_surf, T):
        """Exchange-current density at the separator|cathode interface [A.m-2]."""
        return self._factor("Cathode exchange-current density factor") * checked_function(
            "Cathode exchange-current density [A.m-2]",
            {"Cathode surface Li content": x_surf, "Temperature [K]": T},
        )

    def sigma_c(self, eps, T):
        """Electronic conductivity of the dense cathode [S.m-1] at porosity ``eps`` (checked > 0)."""
        name = "Cathode electronic conductivity [S.m-1]"
        return self._factor("Cathode electronic conductivity factor") * checked_function(
            name, {"Cathode porosity": eps, "Temperature [K]": T})

    def sigma_e_local(self, x, eps, T):
        """Electronic conductivity of the cathode compact [S.m-1] at Li content ``x``: the compact's
        conductivity (:meth:`sigma_c`, with its factor) times ``"Cathode electronic conductivity
        Li-content factor"`` (x, T), 1 for a host whose conductivity does not change with x."""
        return self.sigma_c(eps, T) * checked_function(
            "Cathode electronic conductivity Li-content factor",
            {"Cathode Li content": x, "Temperature [K]": T},
        )

    def sigma_ion_c(self, x, T, D=None):
        """Li-ion conductivity of the dense cathode material [S.m-1] (before the Bruggeman factor).

        The function also receives a Li diffusivity ``D`` (default: the chemical diffusivity
        :meth:`D_c`, with its factor; the multi-phase host passes the one of its mobility) and the
        inserted Li per m3 of host, so that the Nernst-Einstein default
        (:func:`pybamm_aea.parameters.paper_cell.nernst_einstein_ionic_conductivity`) is a plain
        function of its arguments.
        """
        return self._factor("Cathode ionic conductivity factor") * checked_function(
            "Cathode ionic conductivity [S.m-1]",
            {
                "Cathode Li content": x,
                "Temperature [K]": T,
                "Cathode Li diffusivity [m2.s-1]": self.D_c(x, T) if D is None else D,
                "Cathode Li concentration [mol.m-3]": self.c_host * x,
            },
        )

    def D_film(self, T):
        """Li diffusivity of the lever-rule host's Li0 surface film [m2.s-1] at temperature ``T`` (a number, or a
        function of T: a set's Arrhenius law), times its factor (which on the multi-phase host multiplies the Li0
        phase's mobility, :meth:`logB_c`)."""
        # the film grows below its onset content (never from an onset below zero Li) or is there from the start
        forms = (self.x_film_onset > 0) + (self.delta_film_init > 0) > 0
        return self._factor("Li0 film Li diffusivity factor", forms) * checked_function(
            "Li0 film Li diffusivity [m2.s-1]", {"Temperature [K]": T})

    def sigma_s1(self, T):
        """Ionic conductivity of separator layer 1 [S.m-1]."""
        return self._factor("Separator layer 1 ionic conductivity factor") * checked_function(
            "Separator layer 1 ionic conductivity [S.m-1]", {"Temperature [K]": T}
        )

    def sigma_s2(self, T):
        """Ionic conductivity of separator layer 2 [S.m-1]."""
        return self._factor("Separator layer 2 ionic conductivity factor") * checked_function(
            "Separator layer 2 ionic conductivity [S.m-1]", {"Temperature [K]": T}
        )

    def j0_a(self, T):
        """Exchange-current density at the anode|separator interface [A.m-2]."""
        return self._factor("Anode exchange-current density factor") * checked_function(
            "Anode exchange-current density [A.m-2]", {"Temperature [K]": T}
        )

    def U_LiIn(self, y, T):
        """OCP of the Li-In alloy anode [V vs Li/Li+] at Li:In ratio ``y``."""
        return checked_function(
            "Li-In anode OCP [V]", {"Li-In anode Li:In ratio": y, "Temperature [K]": T}
        )
