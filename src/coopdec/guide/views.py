"""Thin views of the guide reader: one service call, one template."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from coopdec.guide import publications, services

MAX_QUERY = 200


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    guide = services.guide()
    context = {
        "guide": guide,
        "parts": services.table_of_contents(guide.lang),
        "editions": publications.editions(),
    }
    return render(request, "guide/index.html", context)


@require_GET
def page(request: HttpRequest, page_id: str) -> HttpResponse:
    found = services.read_page(page_id)
    if found is None:
        raise Http404
    return render(request, "guide/page.html", {"guide": services.guide(), **found})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:MAX_QUERY]
    hits = services.search(query)
    return render(
        request, "guide/search.html", {"guide": services.guide(), "query": query, "hits": hits}
    )


@require_GET
def references(request: HttpRequest) -> HttpResponse:
    context = {
        "guide": services.guide(),
        "rules": services.rules_reference(),
        "programmes": services.programmes_reference(),
    }
    return render(request, "guide/references.html", context)


@require_GET
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in publications.FORMATS:
        raise Http404
    edition = publications.build_cached(fmt, services.language())
    response = HttpResponse(edition.content, content_type=edition.media_type)
    response["Content-Disposition"] = f'attachment; filename="{edition.filename}"'
    return response
