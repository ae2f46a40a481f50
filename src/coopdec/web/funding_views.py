"""The funding page: every programme with its calendar (the feed's data, as a page)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from coopdec import projectfile_service
from coopdec.opendata import deadlines


@require_GET
def funding(request: HttpRequest) -> HttpResponse:
    today = projectfile_service.today()
    english = (get_language() or "fr").startswith("en")
    programmes = deadlines.programmes_calendar(today, english=english)
    context = {"programmes": programmes, "today": today}
    return render(request, "web/funding.html", context)
