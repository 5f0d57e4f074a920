"""A second active material dispersed in the host network (hybrid AEA cathodes): shrinking core.

Li et al. 2021: S8 (32.5 wt%) or Li4Ti5O12 (40 wt%) dispersed as 10-30 nm domains (TEM, Fig. 4a)
in a Mo6S8 (LMS) network that carries both electrons and Li ions to them. At every depth of the
electrode each domain (radius R) exchanges Li with the surrounding host. The host is the only
source of Li and electrons, so the reaction is driven by the host's local equilibrium potential
U_h ("Cathode host OCP [V]") against the domain's two-phase equilibrium U_D:

- S8 + 16 Li -> 8 Li2S is one solid-solid two-phase step (no polysulfides in a solid cell): the
  product Li2S grows as a shell around a shrinking S8 core (Levenspiel's shrinking core; as for
  LiFePO4 in Srinivasan & Newman, J. Electrochem. Soc. 151, A1517, 2004). Li2S is an ionic and
  electronic insulator (Li2S ~1e-13 S/cm at room temperature), so Li must cross the shell to reach
  the core.
- Lithiation (Phi > 0): with s = (1 - z)^(1/3) the core radius over R (z the lithiated
  fraction), the rate is the driving force over two resistances in series, the core's surface
  (area s^2) and the shell (thickness R (1 - s)), linear in the driving force (near-equilibrium
  transport in a mixed conductor):

      dz/dt = Phi s^2 / (tau_int + tau_shell s (1 - s)),   Phi = F (U_D - U_h) / (R T),
      tau_shell = (c_core / c_shell) R^2 / (3 D_shell),      tau_int = 1 / k_int,

  c_core / c_shell the volume expansion of lithiation (Li per volume of S8 over Li per volume
  of Li2S).
- Delithiation (Phi < 0; the area factor passes to it from the lithiation law's over a
  driving force of :attr:`DispersedConversion.SWITCH_WIDTH`, so the rate is smooth through
  equilibrium): Li2S is oxidised where it touches the host, which takes both the Li
  and the electrons; the S8 formed is 41 % smaller (the sets' 256 g of S8 at 1.96 g/cm3 against 368 g of Li2S at 1.66) and shrinks away, and the stack presses the
  host back onto the remaining Li2S where it can compact the electrode (:mod:`.volume`; where
  it cannot, the domain loses contact, :mod:`.degradation`). So charge is interface-limited,
  dz/dt = Phi z^(2/3) / tau_int (product surface ~ z^(2/3)); each direction stops at its end.
- U_D = U0 + w (R T / F) ln((1 - z) / z) with a small ideality w, for a two-phase reaction a
  nearly flat plateau at U0.

Both ends are ends of the reaction, not of the numbers: a full domain (z = 1) has no core left
to take Li and an empty one (z = 0) no product left to give it. The rate vanishes there with the
area the reaction runs on: the core's s^2 = (1 - z)^(2/3) at the full end as the product's
z^(2/3) at the empty end, each regularised over the same END_REG into a linear end,
(1 - z) / ((1 - z)^2 + END_REG)^(1/6), so that it is 0 at the end itself and of finite slope.

The solver's state is the logit u = ln(z / (1 - z)), not z: z = 1 / (1 + exp(-u)) lies in (0, 1) for every
finite u, so no solver step can take the lithiation outside its range, and du/dt = (dz/dt) / (z (1 - z)) carries
the rate law (z and 1 - z cancelled by hand, 1 / z written 1 + exp(-u) and 1 / (1 - z) 1 + exp(u), nothing 0 / 0).
U_D's logarithm is then exact, -u: a domain at rest settles where U_D meets the host, u = F (U0 - U_h) / (w R T)
(|u| up to ~190 for a host between 1.0 and 3.0 V vs Li at 25 C, w = 0.3; e^190 ~ 1e82, inside the double range,
which ends at e^709). Within ONE_LI (1e-7) of an end, below one Li per domain (a 10 nm S8 domain holds 3.1e5
Li, a 50 nm Li4Ti5O12 one 7.2e6), a continuum rate law describes nothing, and there the lithiation law
(leaving the empty end) carries z / (z + ONE_LI) and the delithiation law (leaving the full end)
(1 - z) / (1 - z + ONE_LI): near the rest points at z ~ 1e-39 the two laws otherwise differed by ~1 / z
(e^84 against 10 for LTO at the charged 2.35 V), their switch (SWITCH_WIDTH) was a corner in u(t), and IDA's
error test failed on it (LTO-LMS at rest, 70-80 s in; with the factors they differ by at most 1e6 there).
Elsewhere the factors change the rate by less than ONE_LI / z. A charged (z = 0) or full (z = 1) start, which no
finite u represents, starts at u = -+36.7, 1.1e-16 from its end (:meth:`DispersedConversion.initial_logit`),
and relaxes from there to the host's rest point, moving Li below every tolerance. (With z as the state, the
solver's steps could carry z past full: 1.0049 at the end of a 0.05C LTO-LMS discharge, 0.19 mAh/g above the
electrode's Faraday capacity; 1.0091 on the 8th of 120 LTO-LMS cycles vs Li-In, which the next charge returned
to the host at its Li4 end until the voltage event stopped the experiment.)

Nothing caps the utilisation: it ends where the host runs out of Li to give at the cut-off while
the shell has grown too thick to take more, so it follows from R^2 / D_shell (the domain size and
the product-layer transport), the rate and the temperature. The host loses the Li the domains
take (:mod:`.cathode_diffusion` reads "Dispersed material Li uptake rate [mol.m-3.s-1]"), so a
host that cannot move Li (D -> 0) cannot use them.
"""
import numpy as np
import pybamm

from .base import AEASubModel
from .cathode_diffusion import xi


class DispersedConversion(AEASubModel):
    """Shrinking-core Li exchange between the host and a dispersed active material."""

    #: regularisation of the product's area factor near z = 0 and of the core's near z = 1 (see
    #: get_coupled_variables and the module docstring)
    END_REG = 1e-6
    #: lithiation (and 1 - lithiation) below which a domain holds less than one Li (S8 10 nm: 3.2e-6, Li4Ti5O12
    #: 50 nm: 1.4e-7; the sets' densities, molar masses and domain radii), where the rate law leaving that end is
    #: turned off (module docstring)
    ONE_LI = 1e-7
    #: distance from an end at which a charged (z = 0) or full (z = 1) start is placed: the double precision's
    #: epsilon, the closest 1 - z can be told from 1 (:meth:`initial_logit`)
    END_START = 2.220446049250313e-16
    #: driving force (units of R T / F, i.e. 30 uV at 70 C) over which the area factor passes
    #: from the lithiation law's to the delithiation law's on the delithiation side (numerical:
    #: a switch at Phi = 0 left the Jacobian discontinuous at the equilibrium the domains track
    #: while the host is on its Li0/Li1 plateau, 60,000 solver steps for that part of the first
    #: discharge). Placed on the delithiation side, a tenth of the driving force at which 0.1C
    #: delithiation runs (median 1e-2 for S-LMS and LTO-LMS), it moves no result (S-LMS ESC,
    #: utilisation, energy equal to 4 digits); on the lithiation side it would let Li in without
    #: crossing the shell (the utilisation went to 100 %)
    SWITCH_WIDTH = 1e-3

    @classmethod
    def initial_logit(cls, z0):
        """The logit u0 = ln(z0 / (1 - z0)) of an initial lithiation z0 in [0, 1], written
        asinh(z0 / e) - asinh((1 - z0) / e), e = :attr:`END_START`: equal to the logit within (e / z0)^2 (and
        (e / (1 - z0))^2), finite at the ends, -+ln(2 / e) = -+36.7 (z = 1.1e-16 from the end; the ends themselves
        need an infinite u). A pybamm expression or a number."""
        e = cls.END_START
        arcsinh = pybamm.arcsinh if isinstance(z0, pybamm.Symbol) else np.arcsinh
        return arcsinh(z0 / e) - arcsinh((1 - z0) / e)

    def get_fundamental_variables(self):
        u = pybamm.Variable("Dispersed material lithiation logit", domain="positive electrode")
        # z and 1 - z each from u directly (1 - z as 1 - z would lose the Li a nearly full domain still takes)
        z = 1 / (1 + pybamm.exp(-u))
        return {"Dispersed material lithiation logit": u, "Dispersed material lithiation": z,
                "Dispersed material unlithiated fraction": 1 / (1 + pybamm.exp(u))}

    def get_coupled_variables(self, variables):
        p = self.param
        u = variables["Dispersed material lithiation logit"]
        z = variables["Dispersed material lithiation"]
        y = variables["Dispersed material unlithiated fraction"]
        U_h = variables["Cathode host OCP [V]"]
        T = p.T
        # ln((1 - z) / z) = -u, exact (module docstring)
        U_D = p.U0_D(T) - p.w_ideal_D * p.R * T / p.F * u
        Phi = p.F * (U_D - U_h) / (p.R * T)
        # core radius over domain radius s = (1 - z)^(1/3) (1e-12: a finite slope as 1 - z -> 0)
        s = (y + 1e-12) ** (1 / 3)
        # the areas the reaction runs on over z (1 - z), the factor dz/du: the core's y / (y^2 + END_REG)^(1/6) and the
        # product's z / (z^2 + END_REG)^(1/6) (module docstring), each times the factor that turns its law off within
        # ONE_LI of the end it leaves, z / (z + ONE_LI) and y / (y + ONE_LI)
        e, d = self.END_REG, self.ONE_LI
        core_factor = 1 / ((y**2 + e) ** (1 / 6) * (z + d))
        product_factor = 1 / ((z**2 + e) ** (1 / 6) * (y + d))
        tau_shell = p.tau_shell_D(T)
        k_int = p.kappa_D(T)
        # lithiation: across the product shell to the core's surface; delithiation: at the
        # product's surface in contact with the host, interface-limited (written with
        # k_int = 1 / tau_int, so k_int = 0 switches the material off). One rate law through
        # equilibrium: the area factor passes from the lithiation law's to the delithiation
        # law's over -Phi ~ SWITCH_WIDTH on the delithiation side, tanh(q) = (1 - g) / (1 + g) and
        # 1 - tanh(q) = 2 g / (1 + g), g = exp(-2 q), q >= 0 (so that a lithiation area up to 1 / ONE_LI does not
        # cancel against itself where the switch is complete)
        lithiation_factor = core_factor / (1 + k_int * tau_shell * s * (1 - s))
        g = pybamm.exp(-2 * pybamm.maximum(-Phi, 0) / self.SWITCH_WIDTH)
        area = (2 * g * lithiation_factor + (1 - g) * product_factor) / (1 + g)
        # the reaction's own rate, of u and of z: the Li each domain in contact takes up (or gives up), and with it
        # the change of its volume (:mod:`.volume`)
        dudt_reaction = k_int * Phi * area
        dzdt_reaction = z * y * dudt_reaction
        f_acc = variables["Dispersed material accessible fraction"]
        c_D = f_acc * p.c_D_full
        # Li taken up from the host by the reaction
        r = c_D * dzdt_reaction
        # fresh domains joining (activation) enter charged, z = 0, and dilute z: the average falls, no Li moves
        # and no domain changes its volume (f z, the lithiated share of all the sulfur, is unchanged by it):
        # dz/dt = -a z / f, du/dt = -a / (f (1 - z))
        activation = variables["Dispersed material activation rate [s-1]"] / f_acc
        dudt = dudt_reaction - activation * (1 + pybamm.exp(u))
        dzdt = dzdt_reaction - activation * z
        n_D = c_D * p.L_c * p.A_cc * pybamm.Integral(z, xi)
        variables.update(
            {
                "Dispersed material OCP [V]": U_D,
                "Dispersed material driving force": Phi,
                "Dispersed material core radius ratio": s,
                "Dispersed material product-layer time constant [s]": tau_shell,
                "Dispersed material lithiation logit rate [s-1]": dudt,
                "Dispersed material lithiation rate [s-1]": dzdt,
                "Dispersed material reaction lithiation rate [s-1]": dzdt_reaction,
                "Dispersed material Li uptake rate [mol.m-3.s-1]": r,
                "Average dispersed material lithiation": pybamm.Integral(z, xi),
                "Total lithium in dispersed material [mol]": n_D,
                # the host and dispersed material still connected (trapped Li included: it holds host sites);
                # "Total lithium in cathode [mol]" adds the parts cut off (AEA._degradation_summary_variables)
                "Total lithium in connected cathode [mol]": variables["Total lithium in cathode host [mol]"] + n_D,
                "Dispersed material capacity [A.h]": p.F * c_D * p.L_c * p.A_cc / 3600,
            }
        )
        return variables

    def set_rhs(self, variables):
        u = variables["Dispersed material lithiation logit"]
        self.rhs = {u: variables["Dispersed material lithiation logit rate [s-1]"]}

    def set_initial_conditions(self, variables):
        u = variables["Dispersed material lithiation logit"]
        self.initial_conditions = {u: self.initial_logit(self.param.z_init)}
