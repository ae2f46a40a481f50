"""Fixtures of the open-data tests: a small, realistic catalogue (IATI samples: tests/shared)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.opendata.helpers import make_catalogue


@pytest.fixture
def catalogue(db: Any) -> dict[str, Any]:
    """Two partnerships and three projects of real authorities (see ``make_catalogue``)."""
    return make_catalogue()
