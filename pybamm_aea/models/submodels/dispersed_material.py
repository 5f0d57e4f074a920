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
  and the electrons; the S8 formed is 41 % smaller (the sets' 256 g of S8 at 1.96 g/cm3 against 368 g of Li2S at 1.66)
  and shrinks away, and the stack presses the host back onto the remaining Li2S where it can compact the electrode
  (:mod:`.volume`; where it cannot, the domain loses contact, :mod:`.degradation`). So charge is interface-limited,
  dz/dt = Phi z^(2/3) / tau_int (product surface ~ z^(2/3)); each direction stops at its end.
- U_D = U0 + w (R T / F) ln((1 - z) / z) with a small ideality w, for a two-phase reaction a
  nearly flat plateau at U0.

Both ends are ends of the reaction, not of the numbers: a full domain (z = 1) has no core left
to take Li and an empty one (z = 0) no product left to give it. The rate vanishes there with the
area the reaction runs on: the core's s^2 = (1 - z)^(2/3) at the full end as the product's
z^(2/3) at the empty end, each regularised over the same END_REG into a linear end,
(1 - z) / ((1 - z)^2 + END_REG)^(1/6), so that it is 0 at the end itself (a full hybrid at rest
at its lower cut-off, initial_soc=0, stays at rest) and of finite slope, and a round-off step
past the end reverses the rate and is driven back. U_D's logarithm is written
asinh((1 - z) / d) - asinh(z / d), d = OCP_REG = 1e-9 (equal to ln((1 - z) / z) within (d / z)^2
on [d, 1 - d]): finite at the ends but, unlike a clipped log, falling on past them, so U_D is
smooth and monotonic in z and a domain pushed past full meets a driving force that grows with
the overshoot instead of the flat clipped value U0 - 20.7 w R T / F (LTO: 1.366 V, which the host
passes through at the end of a discharge; there the solver's steps left z at 1.005-1.03 and a
thin LTO-LMS electrode above its theoretical capacity, by an amount that depended on the mesh).
Before, the core's area was floored at 1e-8 and the clipped U_D stayed above a host at its
1.0 V cut-off, so the host kept pushing Li into full domains at zero current (S-LMS, lever rule:
1.000 -> 1.457 V over a 10 h rest from initial_soc=0, z -> 1.00003).

Nothing caps the utilisation: it ends where the host runs out of Li to give at the cut-off while
the shell has grown too thick to take more, so it follows from R^2 / D_shell (the domain size and
the product-layer transport), the rate and the temperature. The host loses the Li the domains
take (:mod:`.cathode_diffusion` reads "Dispersed material Li uptake rate [mol.m-3.s-1]"), so a
host that cannot move Li (D -> 0) cannot use them.
"""
import pybamm

from .base import AEASubModel
from .cathode_diffusion import xi


class DispersedConversion(AEASubModel):
    """Shrinking-core Li exchange between the host and a dispersed active material."""

    #: regularisation of the product's area factor near z = 0 and of the core's near z = 1 (see
    #: get_coupled_variables and the module docstring)
    END_REG = 1e-6
    #: lithiation (and 1 - lithiation) below which U_D's log term is regularised (numerical: the
    #: former floor of its argument, (1 - z + 1e-9) / (z + 1e-9), by which it is written)
    OCP_REG = 1e-9
    #: driving force (units of R T / F, i.e. 30 uV at 70 C) over which the area factor passes
    #: from the lithiation law's to the delithiation law's on the delithiation side (numerical:
    #: a switch at Phi = 0 left the Jacobian discontinuous at the equilibrium the domains track
    #: while the host is on its Li0/Li1 plateau, 60,000 solver steps for that part of the first
    #: discharge). Placed on the delithiation side, a tenth of the driving force at which 0.1C
    #: delithiation runs (median 1e-2 for S-LMS and LTO-LMS), it moves no result (S-LMS ESC,
    #: utilisation, energy equal to 4 digits); on the lithiation side it would let Li in without
    #: crossing the shell (the utilisation went to 100 %)
    SWITCH_WIDTH = 1e-3

    #: the solver's scale of z: a domain's reaction starts where U_D's log term, w (R T / F)
    #: ln(1 / z), meets the host's potential, at z ~ 1e-9 .. 1e-6, below an absolute tolerance
    #: of 1e-6 on z itself. Unscaled, IDA stepped over the LTO onset on the steep Li4 end of the
    #: multi-phase host (one 26 s step with z held at 1e-9 while the host filled to x = 3.991,
    #: the voltage undershot to 1.26-1.44 V and came back to the 1.6 V plateau at constant charge;
    #: 2026-12-05: a 5 % loading LTO-LMS electrode at 0.1C on 10 and 40 cells met the 1 V cut-off
    #: there and stopped at the host's 77.22 mA.h/g with z = 0);
    #: scaled by 1e-3 (the solver's absolute tolerance on z becomes 1e-9), the first LTO-LMS
    #: discharge stays on the tight-tolerance curve (173.34 uA.h at rtol 1e-4 and 1e-7, and no dip on the
    #: Li4-to-LTO passage at either: tests/test_solver_tolerance.py)
    SCALE = 1e-3

    def get_fundamental_variables(self):
        z = pybamm.Variable("Dispersed material lithiation", domain="positive electrode", scale=self.SCALE)
        return {"Dispersed material lithiation": z}

    def get_coupled_variables(self, variables):
        p = self.param
        z = variables["Dispersed material lithiation"]
        U_h = variables["Cathode host OCP [V]"]
        T = p.T
        # ln((1 - z) / z) as asinh((1 - z) / d) - asinh(z / d), d = OCP_REG: equal to within
        # (d / z)^2 away from the ends, finite at them and falling on past them, so a domain
        # pushed beyond full (empty) is driven back (see the module docstring)
        d = self.OCP_REG
        U_D = p.U0_D(T) + p.w_ideal_D * p.R * T / p.F * (pybamm.arcsinh((1 - z) / d) - pybamm.arcsinh(z / d))
        Phi = p.F * (U_D - U_h) / (p.R * T)
        # core radius over domain radius s = (1 - z)^(1/3) and its area s^2; the product's area
        # z^(2/3) regularised near z = 0 (z / (z^2 + e)^(1/6): a finite slope, and a round-off
        # undershoot below 0 is driven back instead of on)
        # (1 - z clipped to [0, 1]: a round-off undershoot z < 0 is a full core with no shell;
        # unclipped, s > 1 made the shell thickness R (1 - s) negative, the lithiation area's
        # denominator 1 + k_int tau_shell s (1 - s) changed sign when the shell is the slow step,
        # and the undershoot ran away: S-LMS on the multi-phase host failed in IDA at z = -5.5e-3
        # when its sulfur ran out on the 6th-8th charge)
        s = (pybamm.minimum(pybamm.maximum(1 - z, 0), 1) + 1e-12) ** (1 / 3)
        # the core's area s^2 = (1 - z)^(2/3) regularised near z = 1 as the product's is near z = 0
        # (module docstring): it vanishes with the core, a full domain takes no more Li, and an
        # overshoot z > 1 is driven back (s itself, clipped, only sets the shell's thickness)
        y = 1 - z
        core_area = y / (y**2 + self.END_REG) ** (1 / 6)
        product_area = z / (z**2 + self.END_REG) ** (1 / 6)
        tau_shell = p.tau_shell_D(T)
        k_int = p.kappa_D(T)
        # lithiation: across the product shell to the core's surface; delithiation: at the
        # product's surface in contact with the host, interface-limited (written with
        # k_int = 1 / tau_int, so k_int = 0 switches the material off). One rate law through
        # equilibrium: the area factor passes from the lithiation law's to the delithiation
        # law's over -Phi ~ SWITCH_WIDTH on the delithiation side
        lithiation_area = core_area / (1 + k_int * tau_shell * s * (1 - s))
        Phi_neg = pybamm.maximum(-Phi, 0)
        area = lithiation_area + (product_area - lithiation_area) * pybamm.tanh(Phi_neg / self.SWITCH_WIDTH)
        # the reaction's own rate: the Li each domain in contact takes up (or gives up), and with it
        # the change of its volume (:mod:`.volume`)
        dzdt_reaction = k_int * Phi * area
        f_acc = variables["Dispersed material accessible fraction"]
        c_D = f_acc * p.c_D_full
        # Li taken up from the host by the reaction
        r = c_D * dzdt_reaction
        # fresh domains joining (activation) enter charged, z = 0, and dilute z: the average falls, no Li moves
        # and no domain changes its volume (f z, the lithiated share of all the sulfur, is unchanged by it)
        dzdt = dzdt_reaction - variables["Dispersed material activation rate [s-1]"] / f_acc * z
        n_D = c_D * p.L_c * p.A_cc * pybamm.Integral(z, xi)
        variables.update(
            {
                "Dispersed material OCP [V]": U_D,
                "Dispersed material driving force": Phi,
                "Dispersed material core radius ratio": s,
                "Dispersed material product-layer time constant [s]": tau_shell,
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
        z = variables["Dispersed material lithiation"]
        self.rhs = {z: variables["Dispersed material lithiation rate [s-1]"]}

    def set_initial_conditions(self, variables):
        z = variables["Dispersed material lithiation"]
        self.initial_conditions = {z: self.param.z_init}
