"""Build the compiled core (csrc/*.pyx -> pybamm_aea._kernels) with Cython and NumPy.

The packages are every ``pybamm_aea*`` package, the paper's tables (``pybamm_aea/data/paper/``, a
folder of CSV without ``__init__.py``, so that it stays a copy of ``shared/paper/data/``), and the
figure scripts of ``examples/``, installed as the subpackage ``pybamm_aea.examples`` so that
``pybamm-aea reproduce`` runs the installed copy.
"""
import numpy
from Cython.Build import cythonize
from setuptools import Extension, find_packages, setup

extensions = [
    Extension(
        "pybamm_aea._kernels",
        sources=["csrc/_kernels.pyx"],
        include_dirs=[numpy.get_include()],
        define_macros=[("NPY_NO_DEPRECATED_API", "NPY_1_7_API_VERSION")],
        extra_compile_args=["-O3"],
    )
]

setup(
    packages=find_packages(include=["pybamm_aea", "pybamm_aea.*"]) + ["pybamm_aea.data.paper", "pybamm_aea.examples"],
    package_dir={"pybamm_aea.examples": "examples"},
    ext_modules=cythonize(
        extensions,
        compiler_directives={"language_level": "3"},
    )
)
