"""Shared fixtures: one test database per session, loaded once with the reference data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Rolled-back test transactions change the search index under the process: check it before
# every search and rebuild at once (servers check at most every 0.2 s and build in a thread).
os.environ.setdefault("COOPDEC_SEARCH_REFRESH", "sync")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# Fixtures more than one test package uses (see tests/shared).
pytest_plugins = ["tests.shared.contract_fixtures", "tests.shared.iati_samples"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Load the shipped reference data once, as ``coopdec init`` does."""
    from coopdec.platform import initialise

    with django_db_blocker.unblock():
        initialise()
    yield


@pytest.fixture(scope="session")
def shipped_data() -> Path:
    from django.conf import settings

    return Path(settings.SHIPPED_DATA_DIR)


@pytest.fixture
def shared_data() -> Path:
    """The non-shipped fixtures of ../shared/data (tests only)."""
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip(f"dossier partagé absent : {path}")
    return path


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the default language: a page requested in English leaves English
    active in the thread (LocaleMiddleware does not switch back), which would leak into the
    next test's CLI output or labels."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_rate_limits(settings: Any) -> None:
    """Every test client speaks from 127.0.0.1: the per-address rate limits would count the
    whole suite as one visitor. ``tests/web/test_abuse_limits.py`` sets its own."""
    settings.COOPDEC_RATE_LIMITS = {}


@pytest.fixture(autouse=True)
def _plain_http_test_client(settings: Any) -> None:
    """The test client speaks plain HTTP; in production the TLS proxy does (see README)."""
    settings.SECURE_SSL_REDIRECT = False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL pass (``make test``'s second run) only needs the database tests."""
    import os

    if os.environ.get("COOPDEC_TEST_DATABASE_ONLY") != "1":
        return
    selected = [item for item in items if item.get_closest_marker("django_db")]
    deselected = [item for item in items if not item.get_closest_marker("django_db")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected
