"""pybamm_aea.readout: one name per quantity, the one retention function."""
import math
import warnings

import numpy as np
import pytest

from pybamm_aea import readout
from pybamm_aea.cycling import SUMMARY_COLUMNS
from pybamm_aea.models.aea import AEA


def test_names_are_the_models_and_the_cycle_tables():
    model = AEA()
    for name in (readout.ESC, readout.GRAVIMETRIC, readout.VOLUMETRIC, readout.MASS, readout.VOLUME):
        assert name in model.variables, name
    for name in (readout.ESC, readout.GRAVIMETRIC, readout.VOLUMETRIC, readout.CELL_GRAVIMETRIC,
                 readout.CELL_VOLUMETRIC, readout.MEAN_DISCHARGE_VOLTAGE, readout.RETENTION):
        assert name in SUMMARY_COLUMNS, name


def test_retention_is_last_over_the_second_discharge():
    # formation 130, then 90, 88, 85 mAh: 85 / 90 (not / 130, not / 88)
    assert readout.capacity_retention([130.0, 90.0, 88.0, 85.0]) == pytest.approx(85 / 90)
    assert readout.capacity_retention([130.0, 90.0, 88.0], reference=1) == pytest.approx(88 / 130)
    np.testing.assert_allclose(readout.retention_curve([130.0, 90.0, 81.0]), [130 / 90, 1.0, 0.9])


@pytest.mark.parametrize("capacities", [[], [130.0], [130.0, 90.0]])
def test_retention_without_a_discharge_after_the_reference_is_undefined(capacities):
    """A formation discharge and one cycle: the last discharge is the reference; 100 % would say nothing."""
    with pytest.warns(readout.RetentionUndefinedWarning, match=f"{len(capacities)} discharge"):
        assert math.isnan(readout.capacity_retention(capacities))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        readout.capacity_retention([130.0, 90.0, 89.0])  # defined: no warning


def test_electrode_figures_per_gram_and_litre():
    # 1 mAh and 2 mWh from 10 mg in 2.5 uL: 100 mAh/g, 200 Wh/kg, 800 Wh/L
    got = readout.electrode_figures(1e-3, 2e-3, 10e-3, 2.5e-6)
    assert got == pytest.approx({readout.ESC: 100.0, readout.GRAVIMETRIC: 200.0, readout.VOLUMETRIC: 800.0})
