"""The lumped thermal option (``"thermal": "lumped"``): one cell temperature T, a state, heated by the cell's heat and
cooled to the ambient,

    C_A dT/dt = q_irr + q_rev - h (T - T_amb)

per electrode area [W.m-2], as PyBaMM's lumped model (its balance per cell volume, here per electrode area: the cell is
one stack of layers on one electrode area, cooled through that area). T is the temperature every law of the model
reads (:meth:`pybamm_aea.models.parameters.AEAParameters.lumped_temperature`): the Arrhenius mobilities and
diffusivities, the exchange currents and Butler-Volmer's F / (R T), the separator's conductivities, the OCPs' T.

- q_irr: the heat the cell dissipates, "Irreversible heat [W.m-2]" (:mod:`.heat`), the electrical power in less the
  rate of change of the free energy G its Li stores, at the cell temperature.
- q_rev: the reversible (entropic) heat, -T dS/dt with S = -dG/dT the entropy of the Li the cell stores (the heat
  released as that entropy falls): at the rates of :mod:`.heat`'s dG/dt, each potential U replaced by its dU/dT,

      q_rev = T (i dU_a/dT - F c_h a_h L_c int (dU/dT) (dx/dt) dxi - F c_D L_c int (dU_D/dT) (dz/dt) dxi),

  so that q_irr + q_rev is the electrical power in less the rate of change of the cell's enthalpy H = G + T S (i > 0 on
  discharge: with dU/dT > 0 a discharge cools, q_rev = -i T dU/dT for one electrode). dU/dT is the derivative of the
  set's own OCP function in T (PyBaMM's symbolic differentiation; no "entropic change" parameter): it is 0 where the
  free energy does not depend on T, which is every Mo6S8 plateau and window, the lever-rule host's fitted branches and
  the Li-In plateau (their OCP functions have no T), so q_rev = 0 on those sets; it is not 0 where a lattice gas's
  configurational term (R T / F) ln((x_max - x) / x) stands: LixTiS2's whole curve (Li2021_TiS2; +0.6 mV/K at
  x = 0.001, -0.56 mV/K at x = 0.96), Mo6S8's Li0 end, the AEA_* materials' lattice gases, a dispersed material's
  ideality term.

Not counted: the heat capacities' own change with T (C_A is a constant), a temperature profile across the cell (one T),
the heat of mixing of a Li profile at rest beyond what the free energy's G counts (:mod:`.heat`: the host's transport
dissipation is in q_irr), the elastic energy of swelling. Checked against the cell temperature reached: nothing at
parameterisation beyond the initial and ambient temperatures (the range warnings and the melting-point refusal read
both: :func:`pybamm_aea.models.checks.refuse_above_melting_points`); the temperature reached is a variable, "Cell
temperature [K]".
"""
import pybamm

from .cathode_diffusion import host_li_balance, xi
from .heat import IRREVERSIBLE_HEAT

#: the variables this module adds, under PyBaMM's lumped model's names where the meaning is its own
TOTAL_HEATING = "Total heating per unit electrode-pair area [W.m-2]"
REVERSIBLE_HEATING = "Reversible heating per unit electrode-pair area [W.m-2]"
COOLING = "Cooling per unit electrode-pair area [W.m-2]"


def reversible_heat(param, options, variables):
    """q_rev [W.m-2] (module docstring): -T times the rate of change of the entropy of the Li the cell stores."""
    p = param
    T = p.T
    i = variables["Total current density [A.m-2]"]
    ((_, x_rate),) = host_li_balance(p, variables).items()
    x_free = variables["Cathode free Li content"]
    if options["host thermodynamics"] == "lever rule":  # (the free energy of heat.py's: the branches' mean)
        U = (p.U_lith(x_free, T) + p.U_delith(x_free, T)) / 2
    else:  # the homogeneous free energy's; the gradient energy's kappa has no T
        U = p.U_h(x_free, T)
    a_h = variables["Cathode host active fraction"]
    host = -p.F * p.c_h * p.L_c * pybamm.Integral(a_h * U.diff(T) * x_rate, xi)
    r = variables["Dispersed material Li uptake rate [mol.m-3.s-1]"]
    dispersed = -p.F * p.L_c * pybamm.Integral(variables["Dispersed material OCP [V]"].diff(T) * r, xi)
    anode = i * variables["Anode OCP [V]"].diff(T)
    return T * (anode + host + dispersed)


def lumped_thermal(param, options, variables):
    """The cell temperature's equation, its initial condition and the heat variables: ``(rhs, initial_conditions,
    variables)`` (module docstring). ``variables`` must hold the heat of :mod:`.heat`."""
    p = param
    T = p.T
    q_irr = variables[IRREVERSIBLE_HEAT]
    q_rev = reversible_heat(p, options, variables)
    q = q_irr + q_rev
    cooling = p.h_A * (T - p.T_amb)
    return ({T: (q - cooling) / p.C_A}, {T: p.T_initial}, {
        **dict.fromkeys((TOTAL_HEATING, "Total heating [W.m-2]"), q),
        "Total heating [W]": q * p.A_cc,
        REVERSIBLE_HEATING: q_rev,
        "Reversible heating [W]": q_rev * p.A_cc,
        COOLING: cooling,
        "Cooling [W]": cooling * p.A_cc,
    })
