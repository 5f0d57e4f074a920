"""The energy-density example scripts run headless and write non-empty PNGs."""
import importlib.util
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCRIPTS = [
    "fig1de_electrode_makeup.py",
    "fig3b_porosity_vs_pressure.py",
    "fig4e_energy_vs_pressure.py",
    "ragone_aea_vs_conventional.py",
]


def _load(script):
    spec = importlib.util.spec_from_file_location(f"_example_{Path(script).stem}", EXAMPLES / script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("script", SCRIPTS)
def test_example_writes_pngs(script, tmp_path):
    paths = _load(script).main(tmp_path)
    assert paths, f"{script} returned no figure"
    for p in paths:
        p = Path(p)
        assert p.parent == tmp_path and p.suffix == ".png"
        assert p.is_file() and p.stat().st_size > 10_000
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
