"""The catalogue page, its type-ahead and its downloads: parse the URL into a search query,
call the catalogue search service, render.

With htmx, a change of filter asks only for the results region (``HX-Target``) and pushes the
canonical URL; without JavaScript the same URL renders the whole page, so every state can be
shared, bookmarked and reached with the back button.
"""

from __future__ import annotations

from html import escape

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET
from django_htmx.http import push_url
from django_htmx.middleware import HtmxDetails

from coopdec.catalogue.queries import suggestions as type_ahead
from coopdec.catalogue.search import QueryError, SearchQuery
from coopdec.web import catalogue_page, catalogue_templates, exports, layout, urlstate

RESULTS_TARGET = "catalogue-results"


def _query(request: HttpRequest) -> tuple[SearchQuery | None, dict[str, list[str]], str]:
    params = catalogue_page.clean_params(dict(request.GET.lists()))
    params.pop("csrfmiddlewaretoken", None)
    try:
        return SearchQuery.from_params(params), params, ""
    except QueryError as error:
        return None, params, str(error)


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    query, params, error = _query(request)
    canonical = request.path + urlstate.encode(params)
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    # A history restore (back button after a cache miss) needs the whole page.
    partial = bool(htmx and htmx.target == RESULTS_TARGET and not htmx.history_restore_request)
    if not partial and params != dict(request.GET.lists()):
        # A plain form sends its empty fields; the shareable link should not carry them.
        return HttpResponseRedirect(canonical)
    page = None
    if query is not None:
        try:
            page = catalogue_page.build(query, params)
        except QueryError as unknown:  # well-formed, but names nothing (theme=foo, sdg=99…)
            error = str(unknown)
    if page is None:
        context = {"error": error, "q": params.get("q", [""])[0], "nav": "catalogue"}
        return render(request, "web/catalogue.html", context, status=400)
    # The results' own query (``data-query``), canonical like the URL htmx pushes: the
    # script compares them, sorted, to notice a stale page after the back button.
    query_string = canonical[len(request.path) + 1 :]
    if partial:
        response = HttpResponse(catalogue_templates.fragment(page, query_string))
        response = push_url(response, canonical)
    else:
        # The frame (DSFR header and footer, the search form) is rendered once per language;
        # only the search box and the results region change (web/layout.py).
        response = layout.render_framed(
            request,
            "web/catalogue.html",
            fixed={"nav": "catalogue"},
            slots={
                "q": escape(params.get("q", [""])[0]),
                "results": catalogue_templates.results_region(page, query_string),
            },
        )
    # The same URL answers with a fragment or a page depending on this header.
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


@require_GET
def suggestions(request: HttpRequest) -> HttpResponse:
    """Type-ahead: filters whose name starts with what is typed, as links keeping the other
    filters of the page."""
    text = request.GET.get("q", "")[:100]
    params = catalogue_page.clean_params(dict(request.GET.lists()))
    params.pop("q", None)
    items = [
        (s, urlstate.encode({**params, s.parameter: [*params.get(s.parameter, []), s.value]}))
        for s in type_ahead.suggestions(text)
    ]
    return render(request, "web/catalogue/suggestions.html", {"items": items, "text": text})


@require_GET
def export_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    query, _params, error = _query(request)
    if query is None:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(
        exports.csv_lines(query, request.build_absolute_uri), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="coopdec-catalogue.csv"'
    return response


@require_GET
def export_json(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    query, _params, error = _query(request)
    if query is None:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(
        exports.json_chunks(query, request.build_absolute_uri), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="coopdec-catalogue.json"'
    return response
