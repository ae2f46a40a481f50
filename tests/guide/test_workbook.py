"""The workbook: every exercise answered right and wrong, explanations that cite an existing
rule or guide section, answers computed by the engines, the session score, the print view."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.test import Client

from coopdec import assistant
from coopdec.guide import workbook_service as service
from coopdec.guide.content import load_guide
from coopdec.guide.workbook.exercises import load_exercises

EXERCISES = load_exercises()
RULES = {rule.id for rule in assistant.list_rules()}


def test_there_are_at_least_thirty_exercises_of_every_kind() -> None:
    assert len(EXERCISES) >= 30
    kinds = {e.kind for e in EXERCISES}
    assert kinds == {"situation", "funding", "quiz"}
    assert sum(e.case for e in EXERCISES) >= 3
    assert sum(e.computed for e in EXERCISES) >= 25


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.id for e in EXERCISES])
def test_each_exercise_answered_right_and_wrong(exercise: object) -> None:
    assert isinstance(exercise, type(EXERCISES[0]))
    choices = service.choices(exercise)
    solution = service.solve(exercise)
    assert solution.expected in choices, "the computed answer must be one of the choices"
    right = service.answer(exercise.id, solution.expected)
    assert right.correct
    wrong = next(key for key in choices if key != solution.expected)
    assert not service.answer(exercise.id, wrong).correct
    assert solution.explanation
    assert solution.citations
    for citation in solution.citations:
        if citation.kind == "rule":
            assert citation.id in RULES
            assert citation.url.startswith("/guide/")
        else:
            page_id, _, anchor = citation.id.partition("#")
            page = load_guide("fr").page(page_id)
            assert page is not None and anchor in {s.anchor for s in page.sections}
    if exercise.kind == "situation":
        assert exercise.rule in RULES
        assert solution.engine_message  # the verdict's own words


def test_a_legal_answer_follows_the_date_of_the_law() -> None:
    """The same convention with a State: refused in 2015, admitted after the 2016 law."""
    before = service.find("etat-accord-2015")
    after = dataclasses.replace(before, date=dt.date(2017, 6, 1))
    assert service.solve(before).expected == "no"
    assert service.solve(after).expected == "yes"


def test_the_funding_answers_come_from_the_finder() -> None:
    assert service.solve(service.find("taux-pma-2025")).expected == "0.7"
    assert service.solve(service.find("taux-pma-2024")).expected == "0.9"
    assert service.solve(service.find("plafond-un-pour-cent-montant")).expected == "12500.00"


@pytest.mark.django_db  # the score lives in the visit's session, kept in the database
def test_answering_keeps_the_score_for_the_visit(client: Client) -> None:
    page = client.get("/cahier/ministere-eau-burkina/").content.decode()
    assert 'type="radio"' in page and "<legend" in page
    answered = client.post("/cahier/ministere-eau-burkina/", {"answer": "no"})
    assert answered.status_code == 302
    result = client.get("/cahier/ministere-eau-burkina/").content.decode()
    assert 'data-correct="true"' in result
    assert "l1115_5.foreign_state" in result
    assert 'href="/guide/cadre-juridique/#etat-etranger"' in result
    client.post("/cahier/commune-koudougou/", {"answer": "no"})
    index = client.get("/cahier/").content.decode()
    assert "1 bonne(s) réponse(s) sur 2 exercice(s) fait(s)" in index
    client.post("/cahier/recommencer/")
    assert "0 bonne(s) réponse(s) sur 0" in client.get("/cahier/").content.decode()


def test_a_missing_answer_is_an_error_on_the_form(client: Client) -> None:
    answer = client.post("/cahier/ministere-eau-burkina/", {})
    assert answer.status_code == 400
    assert "Choisissez une réponse." in answer.content.decode()
    assert client.get("/cahier/nulle-part/").status_code == 404


def test_the_printable_version_has_every_question_and_its_answer(client: Client) -> None:
    html = client.get("/cahier/imprimer/").content.decode()
    for exercise in EXERCISES:
        assert f'data-exercise="{exercise.id}"' in html
        assert f'data-solution="{exercise.id}"' in html


def test_the_workbook_in_english(client: Client) -> None:
    client.cookies["django_language"] = "en"
    html = client.get("/cahier/ministere-eau-burkina/").content.decode()
    assert "Ministry of Water" in html
    assert "Yes, it is possible" in html


def test_the_case_opens_in_the_workspace(client: Client) -> None:
    html = client.get("/cahier/").content.decode()
    assert 'action="/projet/exemple/"' in html and "data-case-workspace" in html
