"""Sphinx configuration of the pybamm-aea docs (built with warnings as errors by tests/test_docs.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

import pybamm_aea  # noqa: E402

project = "pybamm-aea"
author = "pybamm-aea developers"
copyright = "pybamm-aea developers"
release = version = pybamm_aea.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "aea_docs",
]
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": False}
# PyBaMM base classes document themselves on pybamm.org; this site documents pybamm-aea only
autodoc_inherit_docstrings = False
napoleon_numpy_docstring = True
napoleon_google_docstring = False
# parameters as a definition list: their types ("array_like, shape (n,)") are text, not cross-references
napoleon_use_param = False
# (_generated: the generated pages' folder of builds before the aea-generated directive, if a checkout still has one)
exclude_patterns = ["_build", "_generated"]
html_theme = "alabaster"
html_static_path = ["_static"]
html_title = "pybamm-aea"
