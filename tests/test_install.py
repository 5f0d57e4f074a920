"""The figure scripts are installed with the package (``pybamm_aea.examples``), so
``pybamm-aea reproduce`` works from an installed wheel, not only from a source checkout."""
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_examples_are_a_subpackage_of_the_installed_package():
    spec = importlib.util.find_spec("pybamm_aea.examples")
    assert spec is not None and spec.submodule_search_locations
    folder = Path(list(spec.submodule_search_locations)[0])
    assert (folder / "reproduce.py").is_file()
    scripts = {p.name for p in folder.glob("fig*.py")}
    assert scripts == {p.name for p in (ROOT / "examples").glob("fig*.py")}


@pytest.mark.slow
def test_reproduce_runs_from_an_installed_wheel(tmp_path):
    """Build a wheel, install it into a bare folder, run ``reproduce`` from another folder."""
    wheels, site, work, source = (tmp_path / name for name in ("wheels", "site", "work", "source"))
    work.mkdir()
    # build from a copy: setuptools writes an .egg-info into the source folder, which would shadow
    # the editable install's metadata (entry points) for anything run from the checkout
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", "*.egg-info", "build", "__pycache__", "_build", "_generated", "*.so", "aea_output", "figures"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + ["wheel", str(source), "--no-build-isolation", "--no-deps", "-w", str(wheels)], check=True,
                   timeout=1200)
    (wheel,) = wheels.glob("pybamm_aea-*.whl")
    subprocess.run(pip + ["install", "--no-deps", "--target", str(site), str(wheel)], check=True, timeout=600)
    env = dict(os.environ, PYTHONPATH=str(site), MPLBACKEND="Agg")
    where = subprocess.run([sys.executable, "-c", "import pybamm_aea.examples as e; print(e.__file__)"], cwd=work,
                           env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(site)
    out = work / "figures"
    result = subprocess.run(
        [sys.executable, "-m", "pybamm_aea", "reproduce", "--fast", "--only", "fig3b", "--out", str(out)],
        cwd=work, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert list(out.glob("fig3b*.png")), result.stdout


@pytest.mark.slow
def test_reproduce_runs_the_installed_scripts_from_any_folder(tmp_path):
    """No ./examples in the working folder: the command finds the installed pybamm_aea.examples."""
    out = tmp_path / "figures"
    env = dict(os.environ, MPLBACKEND="Agg")
    result = subprocess.run(
        [sys.executable, "-m", "pybamm_aea", "reproduce", "--fast", "--only", "fig3b", "--out", str(out)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert list(out.glob("fig3b*.png")), result.stdout


@pytest.mark.slow
def test_the_source_distribution_builds_and_installs(tmp_path):
    """The sdist holds the Cython source the build needs: it shipped only the generated C file, and building a
    wheel from it failed ("'csrc/_kernels.pyx' doesn't match any files"), as did ``pip install`` of it. The
    wheel carries the paper's tables."""
    import tarfile

    source, dist, wheels, site = (tmp_path / name for name in ("source", "dist", "wheels", "site"))
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", "*.egg-info", "build", "__pycache__", "_build", "_generated", "*.so", "aea_output", "figures"))
    subprocess.run([sys.executable, "-c", f"from setuptools import build_meta; build_meta.build_sdist({str(dist)!r})"],
                   cwd=source, check=True, timeout=600, capture_output=True)
    (sdist,) = dist.glob("pybamm_aea-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {Path(n).relative_to(Path(n).parts[0]).as_posix() for n in tar.getnames() if len(Path(n).parts) > 1}
    assert {"csrc/_kernels.pyx", "LICENSE", "CITATION.cff", "docs/conf.py", "tests/conftest.py"} <= names
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + ["wheel", str(sdist), "--no-build-isolation", "--no-deps", "-w", str(wheels)], check=True,
                   timeout=1200, capture_output=True)
    (wheel,) = wheels.glob("pybamm_aea-*.whl")
    subprocess.run(pip + ["install", "--no-deps", "--target", str(site), str(wheel)], check=True, timeout=600)
    check = ("import pybamm_aea.kernels as k, numpy as n; from pybamm_aea.data import PAPER_TABLES, load_paper_table; "
             "[load_paper_table(t) for t in PAPER_TABLES]; print(k.curve_energy(n.array([0., 1.]), n.array([2., 2.]))[0])")
    result = subprocess.run([sys.executable, "-c", check], cwd=tmp_path, env=dict(os.environ, PYTHONPATH=str(site)),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert float(result.stdout) == pytest.approx(2.0)
