"""The AEA model's spatial variable under its name in PyBaMM's ``pybamm.standard_spatial_vars``, and its ``var_pts``
checked when a simulation is made: a small patch.

Why: PyBaMM's ``Mesh`` turns a ``var_pts`` key given as text into a variable with
``getattr(pybamm.standard_spatial_vars, key)``, so ``var_pts={"xi_c": 40}``, the name PyBaMM's own error for a
missing key gives ("Points not given for variable 'xi_c' in domain 'positive electrode'"), raised ``AttributeError:
module 'pybamm.geometry.standard_spatial_vars' has no attribute 'xi_c'``; only the object
(``pybamm_aea.models.submodels.xi``) was taken, where PyBaMM's own models take ``"x_p"``. And ``var_pts={"x_p": 40}``
(PyBaMM's DFN key) gave that bare ``KeyError`` at the solve, naming neither the key given nor the model's keys.

What: :func:`install` sets that module's attribute ``xi_c`` to the model's variable (the mesh matches variables by
name), idempotently; an attribute of that name that is not a spatial variable of that name is an ImportError. It
wraps ``BaseSimulation.__init__`` (once): a simulation whose model class defines :data:`MODEL_HOOK`
(``check_var_pts(var_pts, geometry)``, :meth:`pybamm_aea.AEA.check_var_pts`) has the model check the simulation's
public ``var_pts`` and ``geometry``; other models are left to PyBaMM. It wraps ``pybamm.Mesh.__init__`` (once) too: a
mesh of a geometry holding the AEA model's ``xi_c`` (an AEA model's: PyBaMM's own models have none) has its
``var_pts`` checked so (:func:`pybamm_aea.models.aea.check_var_pts`) before PyBaMM builds it, where
``pybamm.Mesh(AEA().default_geometry, AEA().default_submesh_types, {"x_p": 40})``, no Simulation, gave the bare
``KeyError``; the check is a pass over the geometry's one variable (a build of the model takes the same time).
Retired by: PyBaMM reading a text key against the geometry's variables, and its Mesh naming the keys given.
"""
import functools

import pybamm
from pybamm.simulation.base_simulation import BaseSimulation

#: the model-class method a simulation calls with its ``var_pts`` and ``geometry``
MODEL_HOOK = "check_var_pts"


def _checked_init(pybamm_init):
    @functools.wraps(pybamm_init)
    def __init__(self, model, *args, **kwargs):
        pybamm_init(self, model, *args, **kwargs)
        if hasattr(type(model), MODEL_HOOK):
            getattr(self.model, MODEL_HOOK)(self.var_pts, self.geometry)

    __init__._pybamm_aea_var_pts = True
    return __init__


def _checked_mesh_init(pybamm_init, xi):
    @functools.wraps(pybamm_init)
    def __init__(self, geometry, submesh_types, var_pts, *args, **kwargs):
        if any(getattr(var, "name", var) == xi.name for variables in geometry.values() for var in variables):
            from ..models.aea import check_var_pts

            check_var_pts(var_pts, geometry)
        pybamm_init(self, geometry, submesh_types, var_pts, *args, **kwargs)

    __init__._pybamm_aea_var_pts = True
    return __init__


def install():
    """Set ``pybamm.standard_spatial_vars.xi_c`` to the model's cathode depth variable, wrap
    ``BaseSimulation.__init__`` to call the model's :data:`MODEL_HOOK` and ``pybamm.Mesh.__init__`` to check the
    var_pts of an AEA geometry (all idempotent)."""
    from ..models.submodels import xi
    from .initial_states import patch_mismatch

    module = pybamm.standard_spatial_vars
    there = getattr(module, xi.name, None)
    if there is None:
        setattr(module, xi.name, xi)
    elif not (isinstance(there, pybamm.SpatialVariable) and there.name == xi.name):
        raise ImportError(f"PyBaMM {pybamm.__version__} has its own pybamm.standard_spatial_vars.{xi.name} "
                          f"({there!r}); pybamm-aea's cathode depth variable of that name cannot be given to var_pts "
                          "by name")
    if not getattr(BaseSimulation.__init__, "_pybamm_aea_var_pts", False):
        missing = [name for name in ("model", "var_pts", "geometry") if not isinstance(
            getattr(BaseSimulation, name, None), property)]
        if missing:
            raise patch_mismatch("var_pts", __name__, [f"BaseSimulation.{name}" for name in missing])
        BaseSimulation.__init__ = _checked_init(BaseSimulation.__init__)
    if not getattr(pybamm.Mesh.__init__, "_pybamm_aea_var_pts", False):
        pybamm.Mesh.__init__ = _checked_mesh_init(pybamm.Mesh.__init__, xi)
