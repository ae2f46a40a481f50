"""The steps of the workspace: show a step's form with the panel, save it, pick an authority."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from coopdec import projectfile_service as services
from coopdec.projectfile import ProjectFileError
from coopdec.web.workspace import panel, storage
from coopdec.web.workspace.context import date_query, page_context, step_url
from coopdec.web.workspace.forms.vocabulary import AUTHORITY_KIND_LABELS
from coopdec.web.workspace.steps import STEPS, STEPS_BY_SLUG, Step, StepEditor


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return redirect(step_url(request, STEPS[0]))


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, slug: str) -> HttpResponse:
    current = STEPS_BY_SLUG.get(slug)
    if current is None:
        raise Http404(slug)
    project = storage.current_project(request)
    on, date_error = panel.parse_date(request.GET.get("date"))
    if request.method == "POST":
        editor = StepEditor(current, project, request.POST)
        if editor.is_valid():
            try:
                saved = services.normalise(editor.apply(project))
            except ProjectFileError as exc:
                editor.place(exc.errors)
            else:
                storage.store_project(request, saved)
                messages.success(
                    request,
                    _("Étape « %(step)s » enregistrée ; les vérifications sont à jour.")
                    % {"step": current.title},
                )
                return _after_save(request, current)
        editor.mark_errors()
    else:
        editor = StepEditor(current, project)
    context = page_context(request, project, current=current, on=on, date_error=date_error)
    context["editor"] = editor
    query = request.GET.get("q", "").strip()
    if current.slug == "identification" and query:
        results = [
            {**row, "kind_label": AUTHORITY_KIND_LABELS[row["kind"]]}
            for row in services.search_authorities(query)
        ]
        context["search"] = {"query": query, "results": results}
    return render(request, "workspace/step.html", context)


def _after_save(request: HttpRequest, current: Step) -> HttpResponse:
    """Back to the step (the panel shows the new verdicts), or on to the next one."""
    index = STEPS.index(current)
    if request.POST.get("continue") and index + 1 < len(STEPS):
        url = step_url(request, STEPS[index + 1])
        # htmx would swap the next page into this one under the old address: navigate.
        return (
            HttpResponseClientRedirect(url) if request.headers.get("HX-Request") else redirect(url)
        )
    return redirect(step_url(request, current))


@require_POST
def choose_authority(request: HttpRequest) -> HttpResponse:
    """Take an authority found by the search as lead authority or as a co-authority."""
    kind, code = request.POST.get("kind", ""), request.POST.get("code", "").strip().upper()
    role = request.POST.get("role")
    back = reverse("workspace:step", args=["identification"]) + date_query(request)
    if kind not in AUTHORITY_KIND_LABELS or not code or role not in {"lead", "co"}:
        messages.error(request, _("Collectivité non reconnue : choisir dans la liste."))
        return redirect(back)
    project = storage.current_project(request)
    if role == "lead":
        lead = dict(project.get("lead_authority") or {})
        lead.pop("name", None)  # the name of the previous authority would be wrong
        project["lead_authority"] = {**lead, "kind": kind, "code": code}
    else:
        others = list(project.get("co_authorities") or [])
        if not any(a.get("kind") == kind and a.get("code") == code for a in others):
            others.append({"kind": kind, "code": code})
        project["co_authorities"] = others
    try:
        storage.store_project(request, services.normalise(project))
    except ProjectFileError as exc:
        for error in exc.errors:
            messages.error(request, str(error))
    else:
        messages.success(request, _("Collectivité enregistrée."))
    return redirect(back)


@require_POST
def load_example(request: HttpRequest) -> HttpResponse:
    storage.store_project(request, services.example_project())
    messages.success(request, _("Projet d'exemple chargé (Carmaux – Koudougou, eau potable)."))
    return redirect(step_url(request, STEPS[0]))


@require_http_methods(["GET", "POST"])
def reset(request: HttpRequest) -> HttpResponse:
    """GET asks for confirmation (a page, so it works without JavaScript); POST empties."""
    if request.method == "GET":
        project = storage.current_project(request)
        context = {"project": project, "date_query": date_query(request)}
        return render(request, "workspace/reset_confirm.html", context)
    storage.forget_project(request)
    messages.success(request, _("L'espace projet est vidé."))
    return redirect(step_url(request, STEPS[0]))
