"""Symbolic parameters of the AEA cell model (``pybamm.Parameter`` objects, SI units).

One object, :class:`AEAParameters`, gathers every parameter the submodels read, in the way
:class:`pybamm.LithiumIonParameters` does for PyBaMM's own models. It also provides the few
attributes PyBaMM's external-circuit submodels and experiment machinery expect (``Q``,
``A_cc``, ``current_with_time``, ``current_density_with_time``, ``n_cells``,
``voltage_low_cut``, ``voltage_high_cut``).
"""
import pybamm


class AEAParameters(pybamm.ElectricalParameters):
    """Parameters of a dense all-electrochem-active cathode | solid electrolyte | anode cell."""

    def __init__(self):
        self.geo = pybamm.geometric_parameters
        self._set_parameters()

    def _set_parameters(self):
        super()._set_parameters()
        P = pybamm.Parameter
        self.F = pybamm.constants.F
        self.R = pybamm.constants.R
        self.A_cc = self.geo.A_cc  # electrode area [m2]
        self.T = P("Ambient temperature [K]")
        self.T_ref = P("Reference temperature [K]")

        # Cathode (dense, 100 % active mixed ionic-electronic conductor)
        self.m_c = P("Cathode loading [kg.m-2]")
        self.eps_c = P("Cathode porosity")
        self.rho_host = P("Cathode host density [kg.m-3]")
        self.M_host = P("Cathode host molar mass [kg.mol-1]")
        self.x_max = P("Cathode maximum Li content")
        self.x_init = P("Initial cathode Li content")
        self.b_c = P("Cathode Bruggeman coefficient")
        # host formula units per m3 of solid [mol.m-3]
        self.c_host = self.rho_host / self.M_host
        # thickness from loading, density and porosity [m]
        self.L_c = self.m_c / (self.rho_host * (1 - self.eps_c))
        # geometric capacity per area [C.m-2] of the full window 0 <= x <= x_max
        self.q_c = self.F * self.c_host * (1 - self.eps_c) * self.L_c * self.x_max

        # Li0 surface film ("ionic switch")
        self.D_film = P("Li0 film Li diffusivity [m2.s-1]")
        self.delta_film_init = P("Initial Li0 film thickness [m]")
        self.x_film_onset = P("Li0 film onset Li content")

        # Hysteresis
        self.gamma_hyst = P("Cathode hysteresis decay rate")
        self.h_init = P("Initial cathode hysteresis state")

        # Separator: two solid-electrolyte layers in series
        self.L_s1 = P("Separator layer 1 thickness [m]")
        self.L_s2 = P("Separator layer 2 thickness [m]")

        # Li-In anode
        self.n_In = P("Li-In anode indium amount [mol.m-2]")
        self.y_init = P("Initial Li-In anode Li:In ratio")

    # --- functions of state ------------------------------------------------------------
    def D_c(self, x, T):
        """Chemical diffusivity of Li in the cathode host [m2.s-1] at Li content ``x``."""
        return pybamm.FunctionParameter(
            "Cathode Li diffusivity [m2.s-1]",
            {"Cathode Li content": x, "Temperature [K]": T},
        )

    def U_lith(self, x, T):
        """Cathode OCP on lithiation (discharge) [V vs Li/Li+]."""
        return pybamm.FunctionParameter(
            "Cathode lithiation OCP [V]",
            {"Cathode Li content": x, "Temperature [K]": T},
        )

    def U_delith(self, x, T):
        """Cathode OCP on delithiation (charge) [V vs Li/Li+]."""
        return pybamm.FunctionParameter(
            "Cathode delithiation OCP [V]",
            {"Cathode Li content": x, "Temperature [K]": T},
        )

    def j0_c(self, x_surf, T):
        """Exchange-current density at the separator|cathode interface [A.m-2]."""
        return pybamm.FunctionParameter(
            "Cathode exchange-current density [A.m-2]",
            {"Cathode surface Li content": x_surf, "Temperature [K]": T},
        )

    def sigma_c(self, eps, T):
        """Electronic conductivity of the dense cathode [S.m-1] at porosity ``eps``."""
        return pybamm.FunctionParameter(
            "Cathode electronic conductivity [S.m-1]",
            {"Cathode porosity": eps, "Temperature [K]": T},
        )

    def sigma_s1(self, T):
        """Ionic conductivity of separator layer 1 [S.m-1]."""
        return pybamm.FunctionParameter(
            "Separator layer 1 ionic conductivity [S.m-1]", {"Temperature [K]": T}
        )

    def sigma_s2(self, T):
        """Ionic conductivity of separator layer 2 [S.m-1]."""
        return pybamm.FunctionParameter(
            "Separator layer 2 ionic conductivity [S.m-1]", {"Temperature [K]": T}
        )

    def j0_a(self, T):
        """Exchange-current density at the anode|separator interface [A.m-2]."""
        return pybamm.FunctionParameter(
            "Anode exchange-current density [A.m-2]", {"Temperature [K]": T}
        )

    def U_LiIn(self, y, T):
        """OCP of the Li-In alloy anode [V vs Li/Li+] at Li:In ratio ``y``."""
        return pybamm.FunctionParameter(
            "Li-In anode OCP [V]", {"Li-In anode Li:In ratio": y, "Temperature [K]": T}
        )
