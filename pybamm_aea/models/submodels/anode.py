"""Anodes: Li metal (OCP 0 V by definition) and a Li-In alloy on a Li foil, with a finite Li inventory.

Li-In: In/LiIn two-phase plateau at about 0.62 V vs Li (Santhosha et al., Batteries &
Supercaps 2, 524, 2019), an In foil pressed on a Li foil (the paper's cell: 30 um In on 80 um Li).
One state, the anode's Li per In atom Y (alloy and foil together), changes by
dY/dt = -i / (F n_In) (discharge removes Li from the anode). The foil keeps the alloy at its
initial Li:In ratio y_0 while it lasts (Li diffusion through the alloy is taken as fast); once it
is used up the alloy gives its own Li and its ratio falls: y = softmin(Y, y_0), the parameter
set's OCP function of y giving the plateau and the rise as the alloy runs out. Li returned on
charge beyond y_0 is plated on the foil (the alloy stays at y_0).
"""
import pybamm

from ... import citations as c
from .base import AEASubModel


class LithiumMetalAnode(AEASubModel):
    """Li metal counter electrode: an unlimited Li reservoir at 0 V vs Li/Li+."""

    def get_coupled_variables(self, variables):
        variables.update({"Anode OCP [V]": pybamm.Scalar(0)})
        return variables


class LithiumIndiumAnode(AEASubModel):
    """Li-In alloy on a Li foil: the anode's Li per In atom as the state, the alloy's Li:In ratio from it."""

    #: the In/LiIn two-phase plateau (Santhosha et al. 2019) and the MSMR form of the sets' OCP (Baker &
    #: Verbrugge 2018, :func:`pybamm_aea.parameters.paper_cell.li_in_ocp`), cited when the Li-In anode is used
    citations = (c.SANTHOSHA2019, c.BAKER2018)

    #: sharpness [per (Li per In)] of the smooth minimum y = softmin(Y, y_0): the alloy's ratio is
    #: y_0 - ln 2 / k where the foil just runs out (a 1e-5 V change of the plateau's OCP)
    SOFTMIN_K = 1e3

    def get_fundamental_variables(self):
        Y = pybamm.Variable("Li-In anode Li per In")
        return {"Li-In anode Li per In": Y}

    def get_coupled_variables(self, variables):
        p = self.param
        Y = variables["Li-In anode Li per In"]
        y = pybamm.softminus(Y, p.y_init, self.SOFTMIN_K)
        variables.update(
            {
                "Li-In anode Li:In ratio": y,
                "Li-In anode Li foil [mol.m-2]": (Y - y) * p.n_In,
                "Anode OCP [V]": p.U_LiIn(y, p.T),
                "Total lithium in anode [mol]": Y * p.n_In * p.A_cc,
            }
        )
        return variables

    def set_rhs(self, variables):
        p = self.param
        Y = variables["Li-In anode Li per In"]
        i = variables["Total current density [A.m-2]"]
        self.rhs = {Y: -i / (p.F * p.n_In)}

    def set_initial_conditions(self, variables):
        p = self.param
        Y = variables["Li-In anode Li per In"]
        self.initial_conditions = {Y: p.y_init + p.n_Li_foil / p.n_In}

    def add_events_from(self, variables):
        y = variables["Li-In anode Li:In ratio"]
        self.events += [pybamm.Event("Li-In anode depleted of Li", y - 1e-6)]
