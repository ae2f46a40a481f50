"""Fixtures of the exchange tests: the real IATI samples and a small, realistic catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.opendata.helpers import SAMPLES, make_catalogue


@pytest.fixture(scope="session")
def samples() -> Path:
    """The real IATI files of ../shared (not shipped with the package)."""
    if not SAMPLES.is_dir():
        pytest.skip(f"exemples IATI absents : {SAMPLES}")
    return SAMPLES


@pytest.fixture
def catalogue(db: Any) -> dict[str, Any]:
    """Two partnerships and three projects of real authorities (see ``make_catalogue``)."""
    return make_catalogue()
