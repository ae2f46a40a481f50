"""Workbook views (filled in below)."""
from django.http import HttpRequest, HttpResponse


def index(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


printable = reset = index


def exercise(request: HttpRequest, exercise_id: str) -> HttpResponse:
    return HttpResponse("")
