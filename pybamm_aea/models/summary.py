"""PyBaMM's standard summary variables, as they apply to an AEA half cell.

``pybamm.plot_summary_variables`` and experiment terminations such as ``"80% capacity"`` read
these names from each cycle's last state. For a cathode | solid electrolyte | Li (or Li-In)
half cell, the anode is a Li reservoir many times the cathode's capacity (80 um of Li foil,
about 16 mAh/cm2 against the cathode's 0.2-0.8), so the cathode sets the capacity and the Li
that matters is the Li the cathode can cycle. PyBaMM's negative-electrode quantities (x_0,
x_100, loss of negative active material) have no meaning for a foil and are not defined.

- "Positive electrode capacity [A.h]": the Li sites of the active cathode: host still
  connected (``Cathode host active fraction``) up to x_max, and the accessible dispersed
  material.
- "Loss of active material in positive electrode [%]": 100 (1 - Q_p / Q_p(t=0)), PyBaMM's
  definition; negative while the dispersed material activates (sulfur of S-LMS).
- "y_100", "y_0": the host's stoichiometry x / x_max at full charge and full discharge at
  equilibrium. Li trapped in the host cannot leave, so y_100 = x_trap / x_max; the OCPs'
  steep ends put the equilibrium at the cut-offs within 1e-3 of 0 and 1 for the Li2021 sets
  (tested), so y_0 = 1; a material whose window stops short of its host's ends (AEA_LiCoO2: 7.7 %
  of the sites filled at 4.2 V) has a "Capacity [A.h]" above its equilibrium window (README: known
  limits).
  They are model variables (``solution["y_100"]``) but not summary variables: PyBaMM 26's
  ``SummaryVariables`` capitalises the first letter of a name that is not an eSOH output
  (``"y_100"`` -> ``"Y_100"``) and then fails to find it.
- "Capacity [A.h]": Q_host (y_0 - y_100) plus the accessible dispersed material, the equilibrium
  capacity between the cut-offs where the host's OCP reaches its ends there (PyBaMM's eSOH Q; the
  capacity delivered at a rate, lower behind the ionic switch of Mo6S8, is each cycle's "Discharge
  capacity [A.h]"). The cut-offs are not read: narrowed by hand, the window is smaller than this
  (docs/known_limits.rst, "Capacity of a material whose window stops short").
- "Total capacity lost to side reactions [A.h]": the charge of the Li lost to cycling
  (``Lost lithium inventory [mol]``: trapped in the host, held in isolated host or dispersed
  material), which "Total lithium lost to side reactions [mol]" gives in mol, as PyBaMM's half cells give both.
  The interphase model grows resistance only and consumes no Li.
- "Loss of lithium inventory [%]": that lost Li as a share of the cathode's initial capacity
  Q_p(t=0). PyBaMM divides by the Li initially in the particles, which for a cathode
  assembled empty (pristine Mo6S8, TiS2) is about zero.
"""
import pybamm


def _to_Ah(p):
    """mol.m-3 of electrode -> A.h (the cathode's volume, ``p`` the model's parameters)."""
    return p.F * p.L_c * p.A_cc / 3600


def theoretical_capacity(param):
    """The cathode's capacity as made with all its material in contact [A.h]: the host's Li sites up to x_max and all
    the dispersed material; the capacity each registered set's "Nominal cell capacity [A.h]" gives (the basis of its
    C-rates), "Positive electrode capacity [A.h]" at the start without "dispersed material degradation" (with it, the
    sulfur of S-LMS not yet activated is out of it: 0.573 of 0.821 mA.h). A parameter expression: it needs no state,
    so it is known before a solver's set-up (:func:`pybamm_aea.models.step_checks.nominal_capacity_mismatch`).
    Loading x area x the solid's specific capacity [A.h.kg-1] (the host's x_max F / (3600 M) as made by mass fraction,
    the dispersed material's its own): the porosity and densities, which relate the loading to the thickness, cancel
    (the form by volume, thickness x (host + dispersed) Li sites per m3, read them: a capacity termination's refusal
    named an input porosity, 0.1 or 0.5 giving 0.0001516919130412458 A.h to 1 ulp, as what the capacity was computed
    from, review R19)."""
    p = param
    return p.m_c * p.A_cc * (p.w_host * p.x_max * p.F / (3600 * p.M_host_made) + p.w_D * p.Q_D)


def standard_summary_variables(param, variables):
    """PyBaMM's summary names for the AEA half cell, from the model's degradation variables."""
    p = param
    to_Ah = _to_Ah(p)  # mol.m-3 of electrode -> A.h
    a_h = variables["Cathode host active fraction"]
    f_D = variables["Dispersed material accessible fraction"]
    # every domain in contact without "dispersed material degradation", the set's initial fraction with it
    f_D_init = variables["Initial dispersed material accessible fraction"]
    Q_host = to_Ah * a_h * p.c_h * p.x_max
    Q_p = Q_host + to_Ah * f_D * p.c_D_full
    Q_p_init = to_Ah * (p.c_h * p.x_max + f_D_init * p.c_D_full)
    y_100 = variables["Cathode trapped Li content"] / p.x_max
    y_0 = pybamm.Scalar(1)
    lost_Ah = variables["Lost lithium inventory [mol]"] * p.F / 3600
    return {
        "Positive electrode capacity [A.h]": Q_p,
        "Loss of active material in positive electrode [%]": 100 * (1 - Q_p / Q_p_init),
        "y_100": y_100,
        "y_0": y_0,
        "Capacity [A.h]": Q_host * (y_0 - y_100) + to_Ah * f_D * p.c_D_full,
        "Total lithium lost [mol]": variables["Lost lithium inventory [mol]"],
        "Total lithium lost to side reactions [mol]": variables["Lost lithium inventory [mol]"],
        "Total capacity lost to side reactions [A.h]": lost_Ah,
        "Loss of lithium inventory [%]": 100 * lost_Ah / Q_p_init,
    }


#: the names above, for the model's summary_variables list
STANDARD_SUMMARY_VARIABLES = [
    "Capacity [A.h]",
    "Positive electrode capacity [A.h]",
    "Loss of lithium inventory [%]",
    "Total lithium lost [mol]",
    "Total lithium lost to side reactions [mol]",
    "Total capacity lost to side reactions [A.h]",
    "Loss of active material in positive electrode [%]",
]
