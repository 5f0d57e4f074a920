"""The per-cycle result dict of ``cycle_summaries``, shared by the kernel wrapper and the numpy
reference: unit conversion and ratios only (A.s -> A.h, J -> W.h, energies / capacities)."""
import numpy as np

from .readout import DISCHARGE_ENERGY_VS_LI, MEAN_DISCHARGE_VOLTAGE


#: a half-cycle passing less than this fraction of the cycle's other half is round-off, not a half-cycle (a charge
#: step that ends at its cut-off at once passes ~1e-16 A.h): the cycle's efficiencies are then NaN, not 1e12
ROUND_OFF_FRACTION = 1e-9


def summary_dict(start, q_dis, q_chg, e_dis, e_chg, e_dis_li=None):
    """The result dict of cycle_summaries from per-cycle start [s], capacities [A.s], energies [J] (and, with
    ``e_dis_li``, the discharge energy [J] against Li)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        floor = ROUND_OFF_FRACTION * np.maximum(q_dis, q_chg)
        both = (q_dis > floor) & (q_chg > floor)  # (so both > 0: the floor is >= 0 unless both are negative)
        out = {
            "Discharge capacity [A.h]": q_dis / 3600.0,
            "Charge capacity [A.h]": q_chg / 3600.0,
            "Discharge energy [W.h]": e_dis / 3600.0,
            "Charge energy [W.h]": e_chg / 3600.0,
            MEAN_DISCHARGE_VOLTAGE: np.where(q_dis > 0, e_dis / q_dis, np.nan),
            "Mean charge voltage [V]": np.where(q_chg > 0, e_chg / q_chg, np.nan),
            "Coulombic efficiency": np.where(both, q_dis / q_chg, np.nan),
            "Energy efficiency": np.where(both, e_dis / e_chg, np.nan),
            "Cycle start time [s]": np.asarray(start, dtype=np.float64),
        }
    if e_dis_li is not None:
        out[DISCHARGE_ENERGY_VS_LI] = e_dis_li / 3600.0
    return out
