"""A request id for every request, and one log line per request (``coopdec.request``).

The id comes from the reverse proxy's ``X-Request-ID`` when it sends a well-formed one (so a
line of the proxy's log and of each app server's can be matched), else a new random one; it
is sent back in ``X-Request-ID`` and carried by every log line written during the request
(``coopdec.config.logs``).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from coopdec.config.logs import request_id

logger = logging.getLogger("coopdec.request")
_WELL_FORMED = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        given = str(request.META.get("HTTP_X_REQUEST_ID") or "")
        current = given if _WELL_FORMED.fullmatch(given) else uuid.uuid4().hex
        token = request_id.set(current)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = current
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(token)
