"""The diagnostic page of a French authority and its note d'opportunité.

Thin: the query string names the mandate priorities; the views call
``coopdec.diagnostic`` (the service the API and the CLI call) and render a template. Every
part of the page works without JavaScript (plain links and GET forms).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_GET

from coopdec.diagnostic import note, priorities, service


def _chosen(request: HttpRequest) -> list[str]:
    return [code for code in request.GET.getlist("priority") if code][:20]


@require_GET
def diagnostic(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    chosen, error, status = _chosen(request), None, 200
    try:
        try:
            report = service.diagnose(kind, code, chosen)
        except priorities.UnknownPriorityError as exc:
            # The page still answers, without the priorities, and says which one is unknown.
            error, status = str(exc), 400
            report = service.diagnose(kind, code)
    except service.AuthorityNotFoundError as exc:
        raise Http404(str(exc)) from exc
    selected = {p.value for p in report.priorities}
    context = {
        "report": report,
        "priorities": [(p.code, p.label, p.code in selected) for p in priorities.PRIORITIES],
        "priority_query": "&".join(f"priority={p.value}" for p in report.priorities),
        "error": error,
    }
    return render(request, "diagnostic/diagnostic.html", context, status=status)


@require_GET
def opportunity_note(request: HttpRequest, kind: str, code: str, fmt: str) -> HttpResponse:
    if fmt not in note.FORMATS:
        raise Http404
    try:
        rendered = note.render(kind, code, _chosen(request), fmt)
    except service.AuthorityNotFoundError as exc:
        raise Http404(str(exc)) from exc
    except priorities.UnknownPriorityError as exc:
        return HttpResponseBadRequest(str(exc))
    response = HttpResponse(rendered.content, content_type=rendered.media_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response
