"""Li transport through the thickness of a dense mixed ionic-electronic conducting cathode.

The cathode is 100 % active material that carries Li and electrons itself (no electrolyte, no
carbon). Li moves across the electrode as a chemical-diffusion process in the solid (Jamnik &
Maier, PCCP 5, 5215, 2003: for an electronic conductor the chemical diffusivity is that of Li),
with the porosity entering through a Bruggeman tortuosity on the solid fraction:

    phi dc/dt = d/dX [ phi^b D(x, T) dc/dX ] - r,   0 < X < L,

c = c_host x (c_host formula units per m3 of host, x Li per formula unit), phi the volume
fraction of the host in the electrode (1 - eps for a pure host), r the Li taken up by a
dispersed active material (see :mod:`.dispersed_material`). The current-collector side (X = 0)
blocks ions; Li crosses the separator interface (X = L) at the rate i/F. The
equation is solved on the scaled depth xi = X / L in [0, 1], so thickness, loading and porosity
are ordinary (input-able) parameters and need no re-meshing.
"""
import pybamm

from .base import AEASubModel

#: scaled depth in the cathode, 0 at the current collector and 1 at the separator interface
xi = pybamm.SpatialVariable("xi_c", domain=["positive electrode"], coord_sys="cartesian")


class CathodeSolidDiffusion(AEASubModel):
    """Fickian chemical diffusion of Li across the dense cathode, Li content x as the state."""

    def get_fundamental_variables(self):
        p = self.param
        x = pybamm.Variable(
            "Cathode Li content", domain="positive electrode", scale=p.x_max
        )
        x_av = pybamm.Integral(x, xi)
        x_s = pybamm.boundary_value(x, "right")
        L = p.L_c
        c = p.c_host * x
        variables = {
            "Cathode Li content": x,
            "Average cathode Li content": x_av,
            "Cathode surface Li content": x_s,
            "Cathode stoichiometry": x / p.x_max,
            "Average cathode stoichiometry": x_av / p.x_max,
            "Cathode surface stoichiometry": x_s / p.x_max,
            "Cathode Li concentration [mol.m-3]": c,
            "Cathode thickness [m]": L,
            "Cathode depth [m]": L * xi,
            "Cathode capacity [A.h]": p.q_c * p.A_cc / 3600,
        }
        return variables

    def get_coupled_variables(self, variables):
        p = self.param
        x = variables["Cathode Li content"]
        a_h = variables["Cathode host active fraction"]
        variables["Total lithium in cathode host [mol]"] = (
            a_h * p.c_h * p.L_c * p.A_cc * variables["Average cathode Li content"]
        )
        T = p.T
        D = p.D_c(x, T)
        # phi^b D / phi: diffusivity per unit of host volume
        D_eff = D * p.phi_host ** (p.b_c - 1)
        # rate of change of x from transport alone [s-1]
        transport = pybamm.div(D_eff * pybamm.grad(variables["Cathode Li content"])) / p.L_c**2
        variables.update(
            {
                "Cathode Li transport rate [s-1]": transport,
                # Li stored (host + dispersed) per m3 of electrode and second
                "Cathode Li storage rate [mol.m-3.s-1]": a_h * p.c_h * transport,
                "Cathode Li diffusivity [m2.s-1]": D,
                "Cathode effective Li diffusivity [m2.s-1]": D_eff,
                # diffusion time of the electrode, L^2 / D at the mean Li content
                "Cathode diffusion time [s]": p.L_c**2 / pybamm.Integral(D_eff, xi),
            }
        )
        return variables

    def set_rhs(self, variables):
        p = self.param
        x = variables["Cathode Li content"]
        r = variables["Dispersed material Li uptake rate [mol.m-3.s-1]"]
        a_h = variables["Cathode host active fraction"]
        self.rhs = {x: variables["Cathode Li transport rate [s-1]"] - r / (a_h * p.c_h)}

    def set_boundary_conditions(self, variables):
        p = self.param
        x = variables["Cathode Li content"]
        i = variables["Total current density [A.m-2]"]
        # D at the surface exactly as the finite-volume scheme puts it on the boundary edge
        # (linear extrapolation of the nodal values), so the imposed flux is exactly i / F
        D_s = pybamm.boundary_value(variables["Cathode Li diffusivity [m2.s-1]"], "right")
        D_s = D_s * p.phi_host**p.b_c
        a_h = variables["Cathode host active fraction"]
        # flux into the (active part of the) electrode at xi = 1: a phi^b D c_host dx/dX = i / F
        rbc = p.L_c * i / (p.F * p.c_host * D_s * a_h)
        self.boundary_conditions = {
            x: {"left": (pybamm.Scalar(0), "Neumann"), "right": (rbc, "Neumann")}
        }

    def set_initial_conditions(self, variables):
        x = variables["Cathode Li content"]
        self.initial_conditions = {x: self.param.x_init}

    def add_events_from(self, variables):
        p = self.param
        x_s = variables["Cathode surface Li content"]
        tol = pybamm.Scalar(1e-9)
        self.events += [
            pybamm.Event("Minimum cathode surface Li content", x_s - tol * p.x_max),
            pybamm.Event("Maximum cathode surface Li content", p.x_max * (1 - tol) - x_s),
        ]
