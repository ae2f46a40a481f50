"""Shared fixtures for the interoperability tests (no database, no Django)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLES = SHARED / "data" / "iati" / "samples"


@pytest.fixture(scope="session")
def samples() -> Path:
    """The real IATI files of /work/shared (not shipped with the package)."""
    if not SAMPLES.is_dir():
        pytest.skip(f"IATI samples absent: {SAMPLES} (shared data folder not mounted)")
    return SAMPLES
