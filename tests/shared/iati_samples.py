"""The real IATI files of ../shared (not shipped with the package), used by the IATI import
tests (catalogue) and the IATI export and round-trip tests (opendata). Registered for the
whole suite as a pytest plugin by ``tests/conftest.py``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLES = SHARED / "data" / "iati" / "samples"
VALID_SAMPLES = (
    "acfspain/acfspain-bf.xml",
    "acfspain/acfspain-fr.xml",
    "acfspain/acfspain-ml.xml",
    "acfspain/acfspain-ne.xml",
    "acfspain/acfspain-sn.xml",
    "iati-flattener-fixtures/fcdo-activity.xml",
    "iati-flattener-fixtures/usaid-activity.xml",
    "reference_examples/activity-standard-example-annotated.xml",
)


def stream(data: bytes, name: str = "upload.xml") -> io.BytesIO:
    """``data`` as an uploaded file object named ``name``."""
    out = io.BytesIO(data)
    out.name = name
    return out


@pytest.fixture(scope="session")
def samples() -> Path:
    """The real IATI files of ../shared (not shipped with the package)."""
    if not SAMPLES.is_dir():
        pytest.skip(f"exemples IATI absents : {SAMPLES}")
    return SAMPLES
