"""Thin views: read what a page needs from a service, render a template."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from coopdec import platform
from coopdec.catalogue.queries import figures as catalogue_figures
from coopdec.diagnostic import mandate, priorities


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "catalogue_figures": catalogue_figures.catalogue_figures(),
        "figures": catalogue_figures.key_figures(),
    }
    return render(request, "web/home.html", context)


@require_GET
def why_act(request: HttpRequest) -> HttpResponse:
    """Mandate priorities -> SDG targets, arguments, examples, funding, legal frame; then the
    official's authority (a GET form at each step: it works without JavaScript)."""
    chosen = [code for code in request.GET.getlist("priority") if code][:20]
    zone, country = request.GET.get("zone", "")[:30], request.GET.get("country", "")[:2]
    text = request.GET.get("q", "").strip()[:100]
    error = None
    try:
        view = mandate.view(chosen, zone=zone, country=country)
    except priorities.UnknownPriorityError as exc:
        error, view = str(exc), mandate.view([], zone=zone, country=country)
    selected = {p.value for p in view.chosen}
    zones, countries = mandate.choices()
    context = {
        "view": view,
        "error": error,
        "priorities": [(p.code, p.label, p.code in selected) for p in priorities.PRIORITIES],
        "priority_query": "&".join(f"priority={p.value}" for p in view.chosen),
        "zones": zones,
        "countries": countries,
        "text": text,
        "matches": mandate.search_authorities(text) if text else [],
        "goals": mandate.goals_with_themes(),
    }
    return render(request, "web/why_act.html", context)


@require_GET
def run_project(request: HttpRequest) -> HttpResponse:
    return render(request, "web/run_project.html")


# The index check counts two tables: a load balancer probing every few seconds reuses the
# last answer of this process for this long.
HEALTH_INDEX_SECONDS = 30.0
_index_health: tuple[float, dict[str, Any]] | None = None


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For a load balancer: the app answers and reaches its database (HTTP 200). The search
    index's agreement with the catalogue is reported too (``"status": "degraded"`` when it
    drifts, still 200: the pages work; ``coopdec doctor --repair`` mends it)."""
    global _index_health
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    now = time.monotonic()
    cached = _index_health
    if cached is None or now - cached[0] > HEALTH_INDEX_SECONDS:
        cached = (now, platform.search_index_health().to_dict())
        _index_health = cached
    index = cached[1]
    status = "ok" if index["status"] == "ok" else "degraded"
    return JsonResponse({"status": status, "search_index": index})


@require_GET
def language(request: HttpRequest, code: str) -> HttpResponse:
    """The language switcher: a link, not Django's POST form (``/i18n/setlang/``, still there).

    A form needs a CSRF token on every page, hence a cookie for every visitor and a token to
    make per request; a language is a preference a link may set. ``next`` must stay on this
    site (no open redirect)."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        # Lax: the choice is never needed by a cross-site request (Django's default sets none).
        samesite="Lax",
    )
    add_never_cache_headers(response)
    return response
