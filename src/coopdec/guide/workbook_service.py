"""The workbook for every interface: exercises, their computed answers and explanations.

A legal exercise's answer is the verdict of the rules engine (``coopdec.projectfile_service``
``check``, what ``coopdec check`` runs) on the exercise's project file and date; a funding
exercise's answer is what the funding finder (``funding``) computes. Only the method quizzes
carry a written answer, and each cites the guide section that explains it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from coopdec import projectfile_service as project_services
from coopdec.guide import links, services
from coopdec.guide.content import load_guide
from coopdec.guide.workbook.exercises import Exercise, load_exercises

# "Sans objet" answers yes: nothing in the law stands in the way.
STATUS_ANSWER = {
    "ok": "yes",
    "not_applicable": "yes",
    "warning": "caution",
    "blocking": "no",
    "unknown": "check",
}
ELIGIBLE_ANSWER = {True: "yes", False: "no", None: "check"}


class UnknownExerciseError(LookupError):
    pass


@dataclass(frozen=True)
class Citation:
    """What an explanation rests on: a rule of the engine or a section of the guide."""

    kind: str  # rule | section
    id: str  # rule id, or "page#anchor"
    title: str
    url: str


@dataclass(frozen=True)
class Solution:
    expected: str  # the key of the right choice
    explanation: str
    engine_message: str = ""  # as the engine wrote it (French)
    citations: tuple[Citation, ...] = ()
    sources: tuple[dict[str, str], ...] = ()


@dataclass(frozen=True)
class Outcome:
    exercise_id: str
    chosen: str
    correct: bool
    solution: Solution
    choices: dict[str, str] = field(default_factory=dict)

    @property
    def expected_label(self) -> str:
        return self.choices.get(self.solution.expected, self.solution.expected)


def exercises() -> tuple[Exercise, ...]:
    return load_exercises()


def find(exercise_id: str) -> Exercise:
    for exercise in load_exercises():
        if exercise.id == exercise_id:
            return exercise
    raise UnknownExerciseError(exercise_id)


def question(exercise: Exercise) -> str:
    return exercise.question[services.language()]


def _value_label(exercise: Exercise, value: str) -> str:
    if exercise.measure == "max_rate":
        return f"{number_format(Decimal(value) * 100, decimal_pos=0)} %"
    return f"{number_format(Decimal(value), decimal_pos=0, force_grouping=True)} €"


def choices(exercise: Exercise) -> dict[str, str]:
    """The proposed answers of an exercise: key -> label in the reader's language."""
    if exercise.kind == "situation":
        return {
            "yes": _("Oui, c'est possible"),
            "caution": _("Oui, mais avec une réserve"),
            "no": _("Non"),
            "check": _("On ne peut pas conclure sans information supplémentaire"),
        }
    if exercise.kind == "funding" and exercise.measure == "eligible":
        return {"yes": _("Oui, éligible"), "no": _("Non"), "check": _("À vérifier")}
    if exercise.kind == "funding":
        return {value: _value_label(exercise, value) for value in exercise.values}
    lang = services.language()
    return {choice.key: choice.labels[lang] for choice in exercise.choices}


def _rule_citation(rule_id: str) -> Citation:
    title = links.rule_titles().get(rule_id, rule_id)
    return Citation("rule", rule_id, title, services.rule_guide_url(rule_id) or "")


def _section_citation(target: str) -> Citation:
    page_id, _sep, anchor = target.partition("#")
    page = load_guide(services.language()).page(page_id)
    section = next((s for s in page.sections if s.anchor == anchor), None) if page else None
    title = f"{page.title} — {section.title}" if page and section else target
    return Citation("section", target, title, services.page_url(page_id, anchor))


def _situation(exercise: Exercise) -> Solution:
    report = project_services.check(
        project_services.parse(exercise.project), exercise.date
    ).to_json()
    verdict = next(v for v in report["verdicts"] if v["rule"] == exercise.rule)
    explanation = _(
        "Le moteur de règles, appliquant le droit du %(date)s, répond « %(answer)s »."
    ) % {
        "date": date_format(exercise.date or "", "j F Y"),
        "answer": choices(exercise)[STATUS_ANSWER[verdict["status"]]],
    }
    return Solution(
        STATUS_ANSWER[verdict["status"]],
        explanation,
        verdict["message"],
        (_rule_citation(exercise.rule),),
        tuple(verdict["sources"]),
    )


def _funding(exercise: Exercise) -> Solution:
    report = project_services.funding(
        project_services.parse(exercise.project), exercise.date
    ).to_json()
    match = next(p for p in report["programs"] if p["id"] == exercise.programme)
    if exercise.measure == "eligible":
        expected = ELIGIBLE_ANSWER[match["eligible"]]
    else:
        value = match[exercise.measure]
        expected = next(
            (v for v in exercise.values if value is not None and Decimal(v) == Decimal(value)),
            str(value),
        )
    explanation = _(
        "La recherche de financements, appliquant les règles du %(date)s au programme "
        "« %(programme)s », répond « %(answer)s »."
    ) % {
        "date": date_format(exercise.date or "", "j F Y"),
        "programme": match["name"],
        "answer": choices(exercise).get(expected, expected),
    }
    citations = (_rule_citation(exercise.rule),) if exercise.rule else ()
    return Solution(expected, explanation, " ".join(match["reasons"]), citations)


def solve(exercise: Exercise) -> Solution:
    """The right answer and its explanation, computed by the engines for legal exercises."""
    if exercise.kind == "situation":
        return _situation(exercise)
    if exercise.kind == "funding":
        return _funding(exercise)
    citation = _section_citation(exercise.section)
    explanation = _("Réponse : « %(answer)s ». Le guide l'explique dans « %(section)s ».") % {
        "answer": choices(exercise)[exercise.answer],
        "section": citation.title,
    }
    return Solution(exercise.answer, explanation, citations=(citation,))


def answer(exercise_id: str, chosen: str) -> Outcome:
    """Judge one answer; raises :class:`UnknownExerciseError` for an unknown exercise."""
    exercise = find(exercise_id)
    solution = solve(exercise)
    return Outcome(exercise.id, chosen, chosen == solution.expected, solution, choices(exercise))


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    """An answer for the API."""
    solution = outcome.solution
    return {
        "exercise": outcome.exercise_id,
        "chosen": outcome.chosen,
        "correct": outcome.correct,
        "expected": solution.expected,
        "expected_label": outcome.expected_label,
        "explanation": solution.explanation,
        "engine_message": solution.engine_message,
        "citations": [
            {"kind": c.kind, "id": c.id, "title": c.title, "url": c.url} for c in solution.citations
        ],
        "sources": list(solution.sources),
    }


def exercise_json(exercise: Exercise) -> dict[str, Any]:
    return {
        "id": exercise.id,
        "kind": exercise.kind,
        "case": exercise.case,
        "question": question(exercise),
        "date": exercise.date.isoformat() if exercise.date else None,
        "choices": [{"key": k, "label": v} for k, v in choices(exercise).items()],
    }
