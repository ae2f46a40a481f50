"""Abuse limits for every page and endpoint: per-address request rates, request body size.

- **Rates** (``settings.COOPDEC_RATE_LIMITS``, from ``COOPDEC_RATELIMIT_*``): search,
  suggestions, exports, document generation and sign-in each allow so many requests per
  window and per client address (fixed windows, counted in the ``ratelimit`` cache: memory of
  each process, or the database shared by every app server). Past it: HTTP 429 with
  ``Retry-After``, the API's JSON error shape under ``/api/``, a French/English page elsewhere.
- **Body size**: a request declaring a body larger than ``COOPDEC_MAX_BODY_BYTES`` is refused
  unread with HTTP 413 (same two forms), instead of Django's bare 400.

The client address is ``REMOTE_ADDR``; behind a reverse proxy listed in
``COOPDEC_TRUSTED_PROXIES``, the last address of ``X-Forwarded-For`` (the one that proxy saw).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from coopdec.config.limits import LARGE_BODY_PATHS

# (scope, methods, path pattern): the requests that cost the server most.
RULES: tuple[tuple[str, frozenset[str], re.Pattern[str]], ...] = tuple(
    (scope, frozenset(methods.split()), re.compile(pattern))
    for scope, methods, pattern in (
        ("search", "GET", r"^/api/v1/search$|^/catalogue/$|^/api/v1/guide/search$"),
        ("suggestions", "GET", r"^/catalogue/suggestions/$"),
        ("exports", "GET POST", r"^/api/v1/exports/|^/catalogue/export\.|^/projet/fichier\."),
        ("documents", "GET POST", r"^/api/v1/documents/|^/projet/documents/[^/]+\.[^/]+$"),
        (
            "signin",
            "POST",
            r"^/compte/connexion/$|^/admin/login/$|^/compte/mot-de-passe/$|^/compte/inscription/$",
        ),
    )
)


def client_address(request: HttpRequest) -> str:
    """The client's address: the proxy's view of it when the proxy is trusted."""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    if forwarded and remote in settings.COOPDEC_TRUSTED_PROXIES:
        return forwarded.split(",")[-1].strip() or remote
    return remote


def scope_of(request: HttpRequest) -> str | None:
    for scope, methods, pattern in RULES:
        if request.method in methods and pattern.search(request.path):
            return scope
    return None


def over_limit(scope: str, address: str) -> int | None:
    """Count this request; the seconds until the window ends when it is one too many."""
    limit = settings.COOPDEC_RATE_LIMITS.get(scope)
    if limit is None:
        return None
    allowed, seconds = limit
    now = time.time()
    window = int(now // seconds)
    key = f"rl:{scope}:{address}:{window}"
    cache = caches["ratelimit"]
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds + 1)
        count = 1
    if count <= allowed:
        return None
    return max(1, int((window + 1) * seconds - now) + 1)


def _language(request: HttpRequest) -> str:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def refusal(request: HttpRequest, status: int, detail: str, title: str) -> HttpResponse:
    """The API's JSON error under /api/, the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail, "errors": []}, status=status)
    return render(request, "web/refused.html", {"title": title, "detail": detail}, status=status)


class AbuseLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        refused = self.refuse(request)
        return refused if refused is not None else self.get_response(request)

    def refuse(self, request: HttpRequest) -> HttpResponse | None:
        declared = str(request.META.get("CONTENT_LENGTH") or "")
        limit = next(
            (size for prefix, size in LARGE_BODY_PATHS.items() if request.path.startswith(prefix)),
            settings.COOPDEC_MAX_BODY_BYTES,
        )
        if declared.isdigit() and int(declared) > limit:
            with translation.override(_language(request)):
                detail = _(
                    "corps de la requête trop volumineux : %(size)s octets (%(limit)s au plus)"
                ) % {"size": declared, "limit": limit}
                response = refusal(request, 413, detail, _("Envoi trop volumineux"))
            response["Connection"] = "close"  # the body was not read
            return response
        scope = scope_of(request)
        if scope is None:
            return None
        retry = over_limit(scope, client_address(request))
        if retry is None:
            return None
        with translation.override(_language(request)):
            detail = _("trop de requêtes depuis votre adresse : réessayez dans %(seconds)d s") % {
                "seconds": retry
            }
            response = refusal(request, 429, detail, _("Trop de requêtes"))
        response["Retry-After"] = str(retry)
        return response
