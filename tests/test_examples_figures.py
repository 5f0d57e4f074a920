"""The fast figure scripts run headless and write non-empty PNGs; reproduce.py finds and runs them."""
import importlib.util
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCRIPTS = [
    "fig1de_electrode_makeup.py",
    "fig2a_conductivity.py",
    "fig2b_diffusivity.py",
    "fig2cd_lts_lms_profiles.py",
    "fig3a_diffusivity_vs_x.py",
    "fig3c_phase_map.py",
    "fig3b_porosity_vs_pressure.py",
    "fig4d_conductivity_vs_pressure.py",
    "fig4e_energy_vs_pressure.py",
    "ragone_aea_vs_conventional.py",
    "ionic_switch_predictions.py",
]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _load(script):
    spec = importlib.util.spec_from_file_location(f"_example_{Path(script).stem}", EXAMPLES / script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _check_pngs(paths, folder):
    assert paths, "no figure returned"
    for p in map(Path, paths):
        assert p.parent == Path(folder) and p.suffix == ".png"
        assert p.is_file() and p.stat().st_size > 10_000
        assert p.read_bytes()[:8] == PNG_MAGIC


@pytest.mark.slow
@pytest.mark.parametrize("script", SCRIPTS)
def test_figure_script_writes_png(script, tmp_path):
    module = _load(script)
    assert not getattr(module, "SLOW", False), f"{script} is marked slow but listed as fast"
    _check_pngs(module.main(tmp_path), tmp_path)


def test_reproduce_discovers_every_script():
    reproduce = _load("reproduce.py")
    found = {p.name for p, _ in reproduce.discover(EXAMPLES)}
    assert set(SCRIPTS) <= found
    assert "reproduce.py" not in found
    assert {"fig1de_electrode_makeup.py", "fig3b_porosity_vs_pressure.py"} <= found


def test_every_file_a_script_writes_is_among_its_outputs():
    """reproduce refuses a user's file only of the names :func:`outputs` gives (the script's OUTPUTS, else the names
    its source writes): every PNG or CSV name a script's source writes (:func:`file_literals`) is among them."""
    reproduce = _load("reproduce.py")
    for path, _ in reproduce.discover(EXAMPLES):
        written = set(reproduce.file_literals(path))
        assert written and written <= set(reproduce.outputs(path)), (path.name, written, reproduce.outputs(path))
    # a script that declares its OUTPUTS is read for all of them (the module's own tuple, which it writes by, is the
    # one place the names are written; fig_s2 writes its table by a name built from it, no literal in its source)
    declaring = [path for path, _ in reproduce.discover(EXAMPLES) if "\nOUTPUTS = " in path.read_text()]
    assert declaring, "no script declares OUTPUTS: the check below is vacuous"
    for path in declaring:
        assert reproduce.outputs(path) == tuple(_load(path.name).OUTPUTS), path.name


def test_reproduce_runs_fast_scripts_and_reports_failures(tmp_path):
    reproduce = _load("reproduce.py")
    # a folder with one good, one failing and one slow script
    (tmp_path / "ex").mkdir()
    (tmp_path / "ex" / "good.py").write_text(
        "import matplotlib.pyplot as plt\n"
        "def main(outdir):\n"
        "    fig, ax = plt.subplots(); ax.plot([0, 1], [0, 1]); p = outdir / 'good.png'; fig.savefig(p); return [p]\n"
    )
    (tmp_path / "ex" / "bad.py").write_text("def main(outdir):\n    raise RuntimeError('broken on purpose')\n")
    (tmp_path / "ex" / "slow.py").write_text("SLOW = True\ndef main(outdir):\n    raise AssertionError('ran')\n")
    (tmp_path / "ex" / "helper.py").write_text("X = 1\n")  # no main(): not a figure script
    out = tmp_path / "out"
    results = {r["script"]: r for r in reproduce.run_all(out, fast=True, examples_dir=tmp_path / "ex")}
    assert set(results) == {"bad.py", "good.py", "slow.py"}
    assert results["good.py"]["error"] is None and results["good.py"]["paths"] == [out / "good.png"]
    assert "broken on purpose" in results["bad.py"]["error"]
    assert results["slow.py"]["skipped"] and results["slow.py"]["error"] is None


def test_an_installed_script_writes_its_figures_in_the_working_folder(tmp_path, monkeypatch):
    """Beside the script in a checkout; in the working folder for an installed copy (it wrote into
    site-packages, where the figures outlived ``pip uninstall``)."""
    from pybamm_aea.figures import output_dir

    monkeypatch.chdir(tmp_path)
    installed = tmp_path / "venv" / "lib" / "site-packages" / "pybamm_aea" / "examples" / "fig2a.py"
    assert output_dir(None, installed) == tmp_path / "figures"
    checkout = tmp_path / "repo" / "examples" / "fig2a.py"
    assert output_dir(None, checkout) == checkout.parent / "figures"
    assert output_dir(tmp_path / "mine", checkout) == tmp_path / "mine"
