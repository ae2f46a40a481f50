"""Detail pages of the catalogue: a partnership, a project, a French authority, a country,
and the contacts directory. Each view calls one read service and renders it."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from coopdec.catalogue.queries import authorities, countries, partnerships, projects
from coopdec.catalogue.queries import contacts as contact_queries
from coopdec.web import figures
from coopdec.web.cards import partnership_cards
from coopdec.web.labels import contact_kind_label
from coopdec.web.paging import paginate
from coopdec.web.templatetags.coopdec_web import route


def back_to_catalogue(request: HttpRequest) -> str:
    """The catalogue with the filters the visitor came from: the page that linked here, when
    it is this site's catalogue (a same-origin ``Referer``), else the whole catalogue."""
    catalogue = route("web:catalogue")
    came_from = urlsplit(request.headers.get("referer", ""))
    if came_from.netloc == request.get_host() and came_from.path == catalogue:
        return catalogue + (f"?{came_from.query}" if came_from.query else "")
    return catalogue


@require_GET
def partnership(request: HttpRequest, pk: int) -> HttpResponse:
    detail = partnerships.partnership_detail(pk)
    if detail is None:
        raise Http404
    context = {
        "detail": detail,
        "nav": "catalogue",
        "back_to_catalogue": back_to_catalogue(request),
    }
    return render(request, "web/partnership.html", context)


@require_GET
def project(request: HttpRequest, pk: int) -> HttpResponse:
    detail = projects.project_detail(pk)
    if detail is None:
        raise Http404
    return render(request, "web/project.html", {"detail": detail, "nav": "catalogue"})


@require_GET
def authority(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    detail = authorities.authority_detail(kind, code)
    if detail is None:
        raise Http404
    paged = paginate(request, detail.partnerships)
    context = {
        "detail": detail,
        "cards": partnership_cards(list(paged.items)),
        "paged": paged,
        "nav": "catalogue",
    }
    return render(request, "web/authority.html", context)


@require_GET
def country(request: HttpRequest, iso2: str) -> HttpResponse:
    detail = countries.country_detail(iso2)
    if detail is None:
        raise Http404
    paged = paginate(request, detail.partnerships)
    context = {
        "detail": detail,
        "cards": partnership_cards(list(paged.items)),
        "paged": paged,
        "chart": figures.theme_chart(detail.themes, chart_id="themes-pays"),
        "nav": "catalogue",
    }
    return render(request, "web/country.html", context)


@require_GET
def contacts(request: HttpRequest) -> HttpResponse:
    filters = contact_queries.ContactFilters(
        region=request.GET.get("region", "")[:3],
        country=request.GET.get("country", "")[:2],
        theme=request.GET.get("theme", "")[:40],
        kind=request.GET.get("kind", "")[:40],
    )
    directory = contact_queries.directory(filters)
    kinds = [(kind, contact_kind_label(kind)) for kind in directory.kinds]
    context = {
        "directory": directory,
        "filters": filters,
        "kinds": kinds,
        # Two groups only when a région, country or theme was chosen.
        "grouped": bool(filters.region or filters.country or filters.theme),
    }
    return render(request, "web/contacts.html", context)
