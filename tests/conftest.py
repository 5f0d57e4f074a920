"""Shared fixtures: the paper's tables straight from shared/paper/data when present."""
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "paper" / "data"


@pytest.fixture(scope="session")
def shared_data_dir():
    if not SHARED_DATA.is_dir():
        pytest.skip("shared/paper/data is not beside the checkout")
    return SHARED_DATA
