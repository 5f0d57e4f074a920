"""The AEA model's spatial variable under its name in PyBaMM's ``pybamm.standard_spatial_vars``: a small patch.

Why: PyBaMM's ``Mesh`` turns a ``var_pts`` key given as text into a variable with
``getattr(pybamm.standard_spatial_vars, key)``, so ``var_pts={"xi_c": 40}``, the name PyBaMM's own error for a
missing key gives ("Points not given for variable 'xi_c' in domain 'positive electrode'"), raised ``AttributeError:
module 'pybamm.geometry.standard_spatial_vars' has no attribute 'xi_c'``; only the object
(``pybamm_aea.models.submodels.xi``) was taken, where PyBaMM's own models take ``"x_p"``.

What: :func:`install` sets that module's attribute ``xi_c`` to the model's variable (the mesh matches variables by
name), idempotently; an attribute of that name that is not a spatial variable of that name is an ImportError.
Retired by: PyBaMM reading a text key against the geometry's variables.
"""
import pybamm


def install():
    """Set ``pybamm.standard_spatial_vars.xi_c`` to the model's cathode depth variable (idempotent)."""
    from ..models.submodels import xi

    module = pybamm.standard_spatial_vars
    there = getattr(module, xi.name, None)
    if there is None:
        setattr(module, xi.name, xi)
    elif not (isinstance(there, pybamm.SpatialVariable) and there.name == xi.name):
        raise ImportError(f"PyBaMM {pybamm.__version__} has its own pybamm.standard_spatial_vars.{xi.name} "
                          f"({there!r}); pybamm-aea's cathode depth variable of that name cannot be given to var_pts "
                          "by name")
