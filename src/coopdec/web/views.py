"""Thin views: read what a page needs from a service, render a template."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from coopdec.web import page_data


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "catalogue_figures": page_data.catalogue_figures(),
        "figures": page_data.key_figures(),
    }
    return render(request, "web/home.html", context)


@require_GET
def why_act(request: HttpRequest) -> HttpResponse:
    return render(request, "web/why_act.html", {"goals": page_data.sdg_goals_with_themes()})


@require_GET
def run_project(request: HttpRequest) -> HttpResponse:
    return render(request, "web/run_project.html")


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For a load balancer: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
