"""Bounds on one API request's body, checked before django-ninja decodes it.

A project file is a few kilobytes. Past :data:`MAX_BODY_BYTES` the body is refused with a
JSON 413 before it is decoded; a body nested deeper than a project file can be is refused
with a JSON 400 before the (recursive) JSON decoder sees it. Both answers have the API's
error shape ``{"detail": ..., "errors": [{"path", "message"}]}``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse

from coopdec.projectfile import depth_error, json_too_deep
from coopdec.projectfile_service import MAX_UPLOAD_BYTES

MAX_BODY_BYTES = MAX_UPLOAD_BYTES


def _too_large(size: str) -> JsonResponse:
    limit = f"{MAX_BODY_BYTES // 1024} Kio au plus"
    detail = f"corps de la requête trop volumineux : {size} octets ({limit})"
    return JsonResponse({"detail": detail, "errors": []}, status=413)


def bounded_project_body(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap an operation (``decorate_view``) so its body is bounded before it is decoded."""

    @wraps(run)
    def bounded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            return _too_large(declared)  # refused unread
        try:
            body = request.body
        except RequestDataTooBig:  # no or a false Content-Length: Django's own cap
            return _too_large(f"plus de {MAX_BODY_BYTES}")
        if len(body) > MAX_BODY_BYTES:
            return _too_large(str(len(body)))
        # JSON's decoder recurses once per level: count the levels before it runs.
        if json_too_deep(body.decode("utf-8", errors="replace")):
            errors = depth_error().to_json()["errors"]
            return JsonResponse(
                {"detail": "fichier de projet invalide", "errors": errors}, status=400
            )
        return run(request, *args, **kwargs)

    return bounded
