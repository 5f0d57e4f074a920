"""Common base of the AEA submodels."""
import pybamm


class AEASubModel(pybamm.BaseSubModel):
    """A :class:`pybamm.BaseSubModel` built from the AEA parameters and options."""

    def __init__(self, param, options=None):
        super().__init__(param, options=options)
