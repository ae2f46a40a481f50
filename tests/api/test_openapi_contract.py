"""Every API operation answers as the published OpenAPI document says (schemathesis).

Schemathesis reads /api/v1/openapi.json and sends generated requests (valid and invalid) to
every operation through the WSGI application, then checks each response: no server error, a
status code the document declares, a body that matches the declared schema, and the declared
content type. A bounded number of examples per operation keeps this in ``make test``; the
longer run is ``benchmarks/fuzz_api.py``.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from coopdec.api.app import api

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

EXAMPLES_PER_OPERATION = 25
STREAMED_FILES = {
    ("GET", "/api/v1/exports/iati/activities.xml"),
    ("POST", "/api/v1/exports/iati/project-files.xml"),
}


# The very document /api/v1/openapi.json serves (built without a request or a table), sent to
# the WSGI application the servers run.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.location = "/api/v1/openapi.json"


class _Application:
    """The WSGI application, built anew for each test once its settings apply (middleware
    reads them when it is instantiated, e.g. the test client's plain-HTTP setting)."""

    handler: WSGIHandler | None = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if self.handler is None:
            self.handler = WSGIHandler()
        return self.handler(environ, start_response)


APPLICATION = _Application()
schema.app = APPLICATION


@pytest.fixture(autouse=True)
def _fresh_application(_plain_http_test_client: None) -> Any:
    """As Django's test client does: a request must not close the test's connection (on
    PostgreSQL that ends the test transaction)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    APPLICATION.handler = None
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_operation_matches_its_documentation(case: Any) -> None:
    if (case.method, case.path) in STREAMED_FILES:
        # Streamed from a temporary file that the WSGI test transport may read after the
        # response is closed ("I/O operation on closed file", seen on a fresh clone only);
        # their answers are checked by tests/exchange. To fix in the transport, not here.
        pytest.skip("réponse fichier en flux : vérifiée par tests/exchange")
    # Every check but "a request valid for the schema is accepted": a JSON Schema cannot say
    # which country, theme or authority codes exist, nor the project file's cross-field rules,
    # so a generated "valid" request may rightly get a documented 400/422 naming the field.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
