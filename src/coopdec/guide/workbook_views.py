"""Thin views of the workbook: server-rendered forms, the score kept in the visit's session."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coopdec.guide import workbook_service as service

SESSION_KEY = "workbook"


def _answers(request: HttpRequest) -> dict[str, dict[str, Any]]:
    stored = request.session.get(SESSION_KEY)
    return stored if isinstance(stored, dict) else {}


def _score(answers: dict[str, dict[str, Any]]) -> dict[str, int]:
    return {
        "answered": len(answers),
        "correct": sum(1 for a in answers.values() if a.get("correct")),
        "total": len(service.exercises()),
    }


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    rows = [
        {
            "number": number,
            "id": exercise.id,
            "kind": exercise.kind,
            "case": exercise.case,
            "question": service.question(exercise),
            "answer": answers.get(exercise.id),
        }
        for number, exercise in enumerate(service.exercises(), start=1)
    ]
    groups = [
        (_("Situations à juger"), [r for r in rows if r["kind"] == "situation" and not r["case"]]),
        (_("Quiz sur les financements"),
         [r for r in rows if r["kind"] == "funding" and not r["case"]]),
        (_("Le cas : Carmaux et Koudougou, pas à pas"), [r for r in rows if r["case"]]),
        (_("Quiz sur le cycle de projet et les acteurs"), [r for r in rows if r["kind"] == "quiz"]),
    ]  # fmt: skip
    return render(request, "workbook/index.html", {"groups": groups, "score": _score(answers)})


@require_http_methods(["GET", "POST"])
def exercise(request: HttpRequest, exercise_id: str) -> HttpResponse:
    try:
        current = service.find(exercise_id)
    except service.UnknownExerciseError as exc:
        raise Http404 from exc
    all_exercises = service.exercises()
    position = all_exercises.index(current)
    choices = service.choices(current)
    error = ""
    if request.method == "POST":
        chosen = request.POST.get("answer", "")
        if chosen in choices:
            outcome = service.answer(current.id, chosen)
            answers = _answers(request)
            answers[current.id] = {"chosen": chosen, "correct": outcome.correct}
            request.session[SESSION_KEY] = answers
            url = reverse("workbook:exercise", args=[current.id]) + "#resultat"
            return HttpResponseRedirect(url)
        error = _("Choisissez une réponse.")
    answers = _answers(request)
    stored = answers.get(current.id)
    shown = service.answer(current.id, stored["chosen"]) if stored else None
    following = all_exercises[position + 1] if position + 1 < len(all_exercises) else None
    context = {
        "exercise": current,
        "number": position + 1,
        "total": len(all_exercises),
        "question": service.question(current),
        "choices": choices,
        "chosen": stored["chosen"] if stored else "",
        "outcome": shown,
        "error": error,
        "next": following,
        "score": _score(answers),
    }
    return render(request, "workbook/exercise.html", context, status=400 if error else 200)


@require_GET
def printable(request: HttpRequest) -> HttpResponse:
    items = [
        {
            "number": number,
            "exercise": exercise,
            "question": service.question(exercise),
            "choices": service.choices(exercise),
            "solution": service.solve(exercise),
        }
        for number, exercise in enumerate(service.exercises(), start=1)
    ]
    return render(request, "workbook/print.html", {"items": items})


@require_POST
def reset(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return HttpResponseRedirect(reverse("workbook:index"))
