"""``/compte/alertes/``: the signed-in user's saved searches (docs/alerts.md).

A catalogue page links here with its own parameters: the page shows the criteria in words and
a button to save them (no JavaScript needed). Funding alerts pick programmes from a list.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopdec.alerts import services
from coopdec.alerts.models import SavedSearch
from coopdec.assistant.reference import programs_by_id
from coopdec.catalogue.search import QueryError, SearchQuery, search
from coopdec.web.labels import DIMENSIONS


def _criteria(params: dict[str, list[str]]) -> list[tuple[str, str]]:
    """A catalogue search's criteria as (dimension, values) in words, never as codes."""
    query = SearchQuery.from_params({**params, "page_size": ["1"]})
    result = search(query)
    rows = []
    if query.text.strip():
        rows.append((_("Mots"), query.text.strip()))
    for name, values in result.facets.items():
        chosen = [value.label for value in values if value.selected]
        if chosen:
            rows.append((str(DIMENSIONS.get(name, name)), ", ".join(chosen)))
    if query.open_to_new_members is not None:
        rows.append(
            (
                str(DIMENSIONS["open"]),
                _("ouvert à de nouvelles collectivités")
                if query.open_to_new_members
                else _("non ouvert"),
            )
        )
    if query.example is not None:
        rows.append(
            (
                str(DIMENSIONS["example"]),
                _("exemples de bonnes pratiques") if query.example else _("non signalés"),
            )
        )
    if query.year_from is not None or query.year_to is not None:
        rows.append((str(DIMENSIONS["year"]), f"{query.year_from or '…'} – {query.year_to or '…'}"))
    return rows


def _catalogue_params(request: HttpRequest) -> dict[str, list[str]]:
    return {
        key: request.GET.getlist(key)
        for key in request.GET
        if key not in ("page", "page_size", "sort") and any(request.GET.getlist(key))
    }


@login_required
def alerts(request: HttpRequest) -> HttpResponse:
    """The list of alerts, and the form that saves the catalogue search given in the URL."""
    today = timezone.localdate()
    status = 200
    proposed: list[tuple[str, str]] | None = None
    params = _catalogue_params(request)
    error = ""
    if params:
        try:
            proposed = _criteria(params)
        except QueryError as exc:
            error, status = exc.message, 400
    rows: list[dict[str, Any]] = []
    for alert in services.alerts_of(request.user):
        row: dict[str, Any] = {"alert": alert, "link": services.search_path(alert)}
        if alert.kind == SavedSearch.Kind.CATALOGUE:
            try:
                row["criteria"] = _criteria(services.params_of(alert))
            except QueryError:
                row["criteria"] = [(_("Critères"), _("plus valables : supprimez cette alerte"))]
            row["pending"] = len(services.pending_items(alert, today))
        else:
            row["outlook"] = services.funding_outlook(alert, today)
        rows.append(row)
    programmes = sorted(
        ((pid, str(p["name"])) for pid, p in programs_by_id().items()), key=lambda x: x[1]
    )
    return render(
        request,
        "alerts/alerts.html",
        {
            "rows": rows,
            "proposed": proposed,
            "params": sorted((k, v) for k, values in params.items() for v in values),
            "error": error,
            "programmes": programmes,
            "horizon": services.DEADLINE_HORIZON_DAYS,
        },
        status=status,
    )


@login_required
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")
    if kind == SavedSearch.Kind.FUNDING:
        params = {"program": request.POST.getlist("program")}
    else:
        params = {
            key: request.POST.getlist(key)
            for key in request.POST
            if key not in ("csrfmiddlewaretoken", "kind", "name")
        }
    try:
        services.save_search(
            request.user, kind, params, request.POST.get("name", ""), get_language() or "fr"
        )
    except services.AlertError as exc:
        messages.error(request, _("Alerte non enregistrée : %s") % exc.message)
        return redirect("web:alerts")
    messages.success(request, _("Alerte enregistrée."))
    return redirect("web:alerts")


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    if services.delete_alert(request.user, pk):
        messages.success(request, _("Alerte supprimée."))
    return redirect("web:alerts")
