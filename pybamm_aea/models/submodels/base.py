"""Common base of the AEA submodels."""
import pybamm


class AEASubModel(pybamm.BaseSubModel):
    """A :class:`pybamm.BaseSubModel` built from the AEA parameters and options."""

    #: the works the submodel implements (keys of PyBaMM's bibliography or BibTeX strings of
    #: :mod:`pybamm_aea.citations`), registered with ``pybamm.citations`` when it is built
    citations = ()

    def __init__(self, param, options=None):
        super().__init__(param, options=options)
        for citation in self.citations:
            pybamm.citations.register(citation)
