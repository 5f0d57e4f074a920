"""Anodes: Li metal (OCP 0 V by definition) and a Li-In alloy with a finite Li inventory.

Li-In: In/LiIn two-phase plateau at about 0.62 V vs Li (Santhosha et al., Batteries &
Supercaps 2, 524, 2019). Its Li content y = Li/In changes by dy/dt = -i / (F n_In) (discharge
removes Li from the anode); the parameter set's OCP function of y gives the plateau and the
rise as the alloy runs out of Li.
"""
import pybamm

from .base import AEASubModel


class LithiumMetalAnode(AEASubModel):
    """Li metal counter electrode: an unlimited Li reservoir at 0 V vs Li/Li+."""

    def get_coupled_variables(self, variables):
        variables.update({"Anode OCP [V]": pybamm.Scalar(0)})
        return variables


class LithiumIndiumAnode(AEASubModel):
    """Li-In alloy anode with a tracked Li:In ratio."""

    def get_fundamental_variables(self):
        y = pybamm.Variable("Li-In anode Li:In ratio")
        return {"Li-In anode Li:In ratio": y}

    def get_coupled_variables(self, variables):
        p = self.param
        y = variables["Li-In anode Li:In ratio"]
        variables.update(
            {
                "Anode OCP [V]": p.U_LiIn(y, p.T),
                "Total lithium in anode [mol]": y * p.n_In * p.A_cc,
            }
        )
        return variables

    def set_rhs(self, variables):
        p = self.param
        y = variables["Li-In anode Li:In ratio"]
        i = variables["Total current density [A.m-2]"]
        self.rhs = {y: -i / (p.F * p.n_In)}

    def set_initial_conditions(self, variables):
        y = variables["Li-In anode Li:In ratio"]
        self.initial_conditions = {y: self.param.y_init}

    def add_events_from(self, variables):
        y = variables["Li-In anode Li:In ratio"]
        self.events += [pybamm.Event("Li-In anode depleted of Li", y - 1e-6)]
