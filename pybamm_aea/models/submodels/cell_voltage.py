"""Terminal voltage as the cathode surface OCP less the anode OCP and every overpotential.

V = U_c(x_surface) - U_a - eta_cathode_interface - eta_Li0_film - eta_electronic
    - eta_separator - eta_anode_interface,

each eta the voltage lost, positive on discharge (PyBaMM's reaction overpotentials of a positive electrode, which
the model publishes too, are negative there). "Total overpotential [V]" is their sum: it leaves out the cathode's
diffusion term, "Cathode diffusion overpotential [V]" (bulk less surface OCP), so that bulk OCV - V = total +
diffusion (docs/model.rst). Also the electrode-level figures of merit of Li et al. 2021:
ESC (mA.h per g of the whole electrode) and delivered energy per kg and per litre of electrode.
"""
import pybamm

from .base import AEASubModel
from ...constants import M_LI
from ...readout import DISCHARGE_ENERGY_VS_LI, ESC, GRAVIMETRIC, MASS, MASS_NOW, VOLUME, VOLUME_NOW, VOLUMETRIC

OVERPOTENTIALS = (
    "Cathode interface overpotential [V]",
    "Li0 film overpotential [V]",
    "Cathode electronic ohmic overpotential [V]",
    "Separator ohmic overpotential [V]",
    "Anode interface overpotential [V]",
    "Interphase overpotential [V]",
)


class CellVoltage(AEASubModel):
    """Voltage, its breakdown, voltage events and electrode-level capacity/energy variables.

    "Voltage [V]" is the expression (option "voltage as a state": "false", the default); every
    reader (the cut-off events, the energy integrals, a voltage-controlled step) evaluates it
    again.
    """

    def voltage(self, variables, V_expr):
        """The "Voltage [V]" the model publishes, given the expression of the terminal voltage."""
        return V_expr

    def get_coupled_variables(self, variables):
        p = self.param
        U_c = variables["Cathode surface OCP [V]"]
        U_a = variables["Anode OCP [V]"]
        eta = sum(variables[name] for name in OVERPOTENTIALS)
        V_expr = U_c - U_a - eta
        V = self.voltage(variables, V_expr)
        ocv_bulk = variables["Cathode bulk OCP [V]"] - U_a
        mass_kg = p.m_c * p.A_cc
        volume_L = p.L_c * p.A_cc * 1e3
        variables.update(
            {
                "Voltage [V]": V,
                "Voltage expression [V]": V_expr,
                "Battery voltage [V]": V * p.n_cells,
                "Terminal voltage [V]": V,
                "Open-circuit voltage [V]": U_c - U_a,
                "Bulk open-circuit voltage [V]": ocv_bulk,
                "Total overpotential [V]": eta,
                MASS: mass_kg * 1e3,
                VOLUME: volume_L,
            }
        )
        variables.update(pybamm_voltage_components(p, variables))
        return variables

    def add_events_from(self, variables):
        p = self.param
        V = variables["Voltage [V]"]
        self.events += [
            pybamm.Event("Minimum voltage [V]", V - p.voltage_low_cut),
            pybamm.Event("Maximum voltage [V]", p.voltage_high_cut - V),
        ]


class CellVoltageAsState(CellVoltage):
    """:class:`CellVoltage` with the voltage an algebraic state V, V = the expression (option
    "voltage as a state": "true"; PyBaMM's option of the same name).

    The expression reads the whole cathode (its surface state, the interface kinetics, the
    electrons' ohmic drop integrated over the electrode): as a state it is evaluated once per
    residual, and the events, the energy integrals and a voltage-controlled step read one
    number. PyBaMM evaluates each event on its own, so a cycling step (two voltage events of
    the model, two of the experiment) re-evaluated the expression four times per solver step:
    before the multi-phase solver joined the events and the ohmic drop became a state, the
    voltage state took 13-15 % off the CPU time of 20 C/10 cycles for the same steps (100
    cycles: 2.14x instead of 2.36x PyBaMM's half-cell DFN).

    Not the default: the multi-phase host's solver leaves algebraic states out of its error
    test, so a cut-off is located on the state's interpolant between steps, which follows a
    steep OCP end poorly (LiCoO2, 0.1C to 4.2 V and back to 3.0 V: with the ohmic drop an
    expression inside this state's equation the charge stopped at 148.92 instead of 149.26
    uA.h; with the drop its own state, :class:`.electronic_conduction.DenseElectrodeOhmicAsState`,
    the capacities are right but the discharge's last point has this state at 5.2 V against the
    expression's 2.97 V and ends on the maximum-voltage event). With the drop a state, what this
    option still saves is the root function's evaluation of the cathode surface terms: 7 % of
    the solver's time on 10 C/10 LMS cycles.
    """

    def get_fundamental_variables(self):
        return {"Voltage [V]": pybamm.Variable("Voltage [V]", reference=2.0)}

    def voltage(self, variables, V_expr):
        return variables["Voltage [V]"]

    def set_algebraic(self, variables):
        V = variables["Voltage [V]"]
        self.algebraic = {V: V - variables["Voltage expression [V]"]}

    def set_initial_conditions(self, variables):
        # a guess: the solver's consistent initialisation solves V = the expression (linear in V)
        p = self.param
        self.initial_conditions = {variables["Voltage [V]"]: (p.voltage_low_cut + p.voltage_high_cut) / 2}


def pybamm_voltage_components(param, variables):
    """The voltage breakdown under PyBaMM's names, for ``pybamm.plot_voltage_components``.

    PyBaMM's convention: V = bulk OCV + the components, each negative on discharge (the
    negative electrode's ones, positive on discharge, are subtracted). For the AEA half cell:
    particle concentration = the cathode's surface less its bulk OCP (solid diffusion; the
    anode, a foil, has none); reaction = charge transfer at each interface plus the films on it
    (the Li0 film and the interphase at the cathode, the interphase at the anode); electrolyte
    ohmic = the solid-electrolyte separator; solid-phase ohmic = electronic conduction in the
    cathode (none in a foil anode). The solid electrolyte is a single-ion conductor (no
    electrolyte concentration overpotential) and no contact resistance is modelled: both are
    zero. "Battery ..." names are per battery (``n_cells`` cells in series), the others per cell.
    """
    p = param
    n = p.n_cells
    i = variables["Total current density [A.m-2]"]
    eta_int = variables["Interphase overpotential [V]"]
    if "Anode interphase thickness [m]" in variables:
        eta_int_a = i * variables["Anode interphase thickness [m]"] / p.sigma_int
    else:
        eta_int_a = pybamm.Scalar(0)
    zero = pybamm.Scalar(0)
    particle = variables["Cathode surface OCP [V]"] - variables["Cathode bulk OCP [V]"]
    reaction_p = -(
        variables["Cathode interface overpotential [V]"]
        + variables["Li0 film overpotential [V]"]
        + (eta_int - eta_int_a)
    )
    reaction_n = variables["Anode interface overpotential [V]"] + eta_int_a
    electrolyte = -variables["Separator ohmic overpotential [V]"]
    solid_p = -variables["Cathode electronic ohmic overpotential [V]"]
    U_n = variables["Anode OCP [V]"]
    U_p = variables["Cathode bulk OCP [V]"]
    return {
        "Positive electrode bulk open-circuit potential [V]": U_p,
        "Negative electrode bulk open-circuit potential [V]": U_n,
        "Battery open-circuit voltage [V]": (U_p - U_n) * n,
        "Positive particle concentration overpotential [V]": particle,
        "Negative particle concentration overpotential [V]": zero,
        "Battery particle concentration overpotential [V]": particle * n,
        "X-averaged positive electrode reaction overpotential [V]": reaction_p,
        "X-averaged battery negative reaction overpotential [V]": reaction_n * n,
        "X-averaged battery reaction overpotential [V]": (reaction_p - reaction_n) * n,
        "X-averaged battery concentration overpotential [V]": zero,
        "X-averaged battery electrolyte ohmic losses [V]": electrolyte * n,
        "X-averaged battery solid phase ohmic losses [V]": solid_p * n,
        "X-averaged battery positive solid phase ohmic losses [V]": solid_p * n,
        "X-averaged battery negative solid phase ohmic losses [V]": zero,
        "Contact overpotential [V]": zero,
        # per cell and per battery, PyBaMM's other names of the breakdown (base_battery_model.set_voltage_variables)
        "Particle concentration overpotential [V]": particle,
        "X-averaged reaction overpotential [V]": reaction_p - reaction_n,
        "X-averaged concentration overpotential [V]": zero,
        "X-averaged electrolyte ohmic losses [V]": electrolyte,
        "X-averaged solid phase ohmic losses [V]": solid_p,
        "X-averaged positive electrode ohmic losses [V]": solid_p,
        "X-averaged negative electrode ohmic losses [V]": zero,
        "Battery positive electrode bulk open-circuit potential [V]": U_p * n,
        "Battery negative electrode bulk open-circuit potential [V]": U_n * n,
        "Battery positive particle concentration overpotential [V]": particle * n,
        "Battery negative particle concentration overpotential [V]": zero,
        "X-averaged battery positive reaction overpotential [V]": reaction_p * n,
    }


def electrode_level_variables(param, variables):
    """ESC [mA.h.g-1] and delivered energy [W.h.kg-1, W.h.L-1] per the whole cathode electrode.

    Running totals from the start of the solution, as "Discharge capacity [A.h]" and "Discharge
    energy [W.h]" they are made of (a charge counts negative): a step's or a cycle's figures are the
    differences (:func:`pybamm_aea.readout.step_table`, its "capacity [mA.h.g-1]" with ``mass_g=``;
    :func:`pybamm_aea.cycling.cycle_summary`). A step's last entry is not its own: Li2021_Mo6S8 at 3x loading,
    25 C, a 0.5C discharge after a 0.05C cycle ends at 29.47 mA.h/g where it delivered 0.56.

    The energy is the cathode's against Li (the paper's electrode-level basis: on the Li-In anode the
    cell's voltage plus the anode's OCP), the cell's own is "Discharge energy [W.h]".
    Bases: "Electrode gravimetric energy [W.h.kg-1]" and "Electrode volumetric energy [W.h.L-1]"
    divide by the as-made (charged, assembly) mass and volume, the paper's charged basis;
    "..., instantaneous mass [W.h.kg-1]" and "..., instantaneous volume [W.h.L-1]" by the
    electrode's mass and volume at that moment, so at the end of a discharge they are on the
    discharged electrode's actual mass and volume (the discharged basis): the mass gains the Li
    the electrode holds (in the host, the dispersed material and the parts cut off) beyond what
    the host held as made (its loading's Li: none for Mo6S8 or TiS2, pressed Li-free), the volume
    follows "Cathode thickness [m]", which swells on discharge.
    """
    p = param
    mass_g = p.m_c * p.A_cc * 1e3
    volume_L = p.L_c * p.A_cc * 1e3
    volume_now_L = variables["Cathode thickness [m]"] * p.A_cc * 1e3
    li_held = variables["Total lithium in cathode [mol]"]  # connected and cut off
    li_made = p.x_made * p.c_h * p.L_c * p.A_cc  # the Li of the host as made, in its loading
    mass_now_g = mass_g + M_LI * 1e3 * (li_held - li_made)
    Q = variables["Discharge capacity [A.h]"]
    E = variables[DISCHARGE_ENERGY_VS_LI]  # the cathode's, against Li (on Li-In, + the anode's OCP)
    return {
        ESC: Q * 1e3 / mass_g,
        GRAVIMETRIC: E * 1e3 / mass_g,
        VOLUMETRIC: E / volume_L,
        "Electrode volumetric energy, instantaneous volume [W.h.L-1]": E / volume_now_L,
        "Electrode gravimetric energy, instantaneous mass [W.h.kg-1]": E * 1e3 / mass_now_g,
        MASS_NOW: mass_now_g,
        VOLUME_NOW: volume_now_L,
        "Areal capacity [mA.h.cm-2]": Q * 1e3 / (p.A_cc * 1e4),
    }
