"""A second active material dispersed in the host network (hybrid AEA cathodes).

Li et al. 2021: S8 (32.5 wt%) or Li4Ti5O12 (40 wt%) dispersed as 10-30 nm domains in a Mo6S8
(LMS) network that carries both electrons and Li ions to them. At every depth of the electrode
the dispersed material exchanges Li with the surrounding host, driven by the difference between
its equilibrium potential and the local host OCP (the host's Li chemical potential). Its
equilibrium is one MSMR-type reaction (Baker & Verbrugge, J. Electrochem. Soc. 165, A3952,
2018), U_D(z) = U0 + w (R T / F) ln((1 - z) / z), and the matching first-order kinetics

    dz/dt = kappa(T) [ (1 - z) exp(beta a) - z exp(-(1 - beta) a) ],
    a = F (U0 - U_host(x)) / (w R T),

vanish exactly where U_host = U_D(z) (thermodynamically consistent) and are linear in z, so a
fully charged material can start to react; the amounts (1 - z, z) are floored at zero so that
solver round-off past an end cannot drive the reaction on. beta is the transfer coefficient of
lithiation: beta < 1/2 makes lithiation the slower direction, as for the insulating S/Li2S
couple, whose discharge polarisation exceeds its charge polarisation. z is the lithiation of the
accessible dispersed material (0: S8 / Li4Ti5O12; 1: Li2S / Li7Ti5O12); kappa [s-1] lumps the
domains' unknown interfacial area and exchange current. Far from equilibrium the driving force
is bounded smoothly, a -> A tanh(a / A) with A = 40, which caps the stiffness without moving
the equilibrium. Li reaches the domains only through the host, so a host that cannot move Li
(D -> 0) or is cut off by the Li0 film cannot use them.

The volume change of lithiation (S8 -> Li2S about +80 %) is tracked: with the electrode
thickness held by the stack, the local porosity falls as the solids swell; a negative value
means the pores are used up and the electrode must thicken.
"""
import pybamm

from .base import AEASubModel
from .cathode_diffusion import xi


class DispersedConversion(AEASubModel):
    """Li exchange between the host and a dispersed active material, with volume change."""

    #: bound of the scaled driving force a (see module docstring)
    A_MAX = 40.0

    def get_fundamental_variables(self):
        z = pybamm.Variable("Dispersed material lithiation", domain="positive electrode")
        return {"Dispersed material lithiation": z}

    def get_coupled_variables(self, variables):
        p = self.param
        z = variables["Dispersed material lithiation"]
        x = variables["Cathode Li content"]
        U_h = variables["Cathode host OCP [V]"]
        T = p.T
        U0 = p.U0_D(T)
        w = p.w_ideal_D
        beta = p.beta_D
        a = p.F * (U0 - U_h) / (w * p.R * T)
        a = self.A_MAX * pybamm.tanh(a / self.A_MAX)
        dzdt = p.kappa_D(T) * (
            pybamm.maximum(1 - z, 0) * pybamm.exp(beta * a)
            - pybamm.maximum(z, 0) * pybamm.exp(-(1 - beta) * a)
        )
        # equilibrium potential, for output (bounded at the two ends by 1e-9)
        z_b = pybamm.minimum(pybamm.maximum(z, 0), 1)
        U_D = U0 + w * p.R * T / p.F * pybamm.log((1 - z_b + 1e-9) / (z_b + 1e-9))
        f_acc = variables["Dispersed material accessible fraction"]
        c_D = f_acc * p.c_D_full
        # Li taken up from the host by the reaction
        r = c_D * dzdt
        # fresh domains joining (activation) enter charged, z = 0, and dilute z (no Li moves)
        dzdt = dzdt - variables["Dispersed material activation rate [s-1]"] / f_acc * z
        n_D = c_D * p.L_c * p.A_cc * pybamm.Integral(z, xi)

        # solid volume per kg of charged electrode solid [m3.kg-1], now and at assembly
        theta = x / p.x_max
        host_mass_ratio = 1 + p.x_max * 6.94e-3 / p.M_host
        v_host = p.w_host * ((1 - theta) / p.rho_host + theta * host_mass_ratio / p.rho_host_lith)
        v_disp = p.w_D * ((1 - f_acc * z) / p.rho_D + f_acc * z * p.mass_ratio_D / p.rho_D_lith)
        solid_fraction = (1 - p.eps_c) * p.rho_solid * (v_host + v_disp)
        local_porosity = 1 - solid_fraction

        variables.update(
            {
                "Dispersed material OCP [V]": U_D,
                "Dispersed material lithiation rate [s-1]": dzdt,
                "Dispersed material Li uptake rate [mol.m-3.s-1]": r,
                "Average dispersed material lithiation": pybamm.Integral(z, xi),
                "Total lithium in dispersed material [mol]": n_D,
                "Total lithium in cathode [mol]": variables["Total lithium in cathode host [mol]"] + n_D,
                "Dispersed material capacity [A.h]": p.F * c_D * p.L_c * p.A_cc / 3600,
                "Cathode local porosity": local_porosity,
                "Average cathode porosity": pybamm.Integral(local_porosity, xi),
            }
        )
        return variables

    def set_rhs(self, variables):
        z = variables["Dispersed material lithiation"]
        self.rhs = {z: variables["Dispersed material lithiation rate [s-1]"]}

    def set_initial_conditions(self, variables):
        z = variables["Dispersed material lithiation"]
        self.initial_conditions = {z: self.param.z_init}
