"""The conventional composite S-C/LGPS cathode | LGPS | Li3PS4 | Li half cell, a parameter set of PyBaMM's DFN.

32.5 wt% S8, 17.5 wt% carbon, 50 wt% Li10GeP2S12 at 360 MPa (16.7 % pores, Table S8), 70 C, 1-3 V: the
"typical S-C/LGPS cathode" Li et al., Adv. Mater. 2021, 33, 2008723 compare their S-LMS AEA cathode with.
For ``pybamm.lithium_ion.DFN({"working electrode": "positive", "surface form": "differential"})``
(:func:`pybamm_aea.conventional.s_c_lgps_model`)::

    model = pybamm_aea.conventional.s_c_lgps_model()
    sim = pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("Li2021_S_C_LGPS"))

Every value, its source and the mapping of the composite onto the DFN: :mod:`pybamm_aea.conventional`
(:func:`~pybamm_aea.conventional.s_c_lgps_parameter_values` with its defaults builds this set; its functions
are module-level, so the set pickles).
"""


def get_parameter_values():
    """Parameter values of the paper's S-C/LGPS half cell (defaults of ``s_c_lgps_parameter_values``)."""
    from pybamm_aea.conventional import s_c_lgps_parameter_values

    values = s_c_lgps_parameter_values()
    out = {key: values[key] for key in values.keys()}
    return out
