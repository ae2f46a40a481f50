"""The guide and the workbook over HTTP: the same services as the reader and the CLI."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import Query, Router, Schema, Status

from coopdec.guide import publications, services
from coopdec.guide import workbook_service as workbook

router = Router(tags=["guide"])


class ErrorOut(Schema):
    detail: str


class LangQuery(Schema):
    lang: str = "fr"


class SearchQuery(Schema):
    q: str
    lang: str = "fr"


class AnswerIn(Schema):
    answer: str


@router.get("/guide/pages", summary="Sommaire du guide (parties, pages, sections)")
def pages(request: HttpRequest, query: Query[LangQuery]) -> list[dict[str, Any]]:
    with translation.override(services.language(query.lang)):
        return [
            {**part, "pages": [{**p, "reviewed": p["reviewed"].isoformat()} for p in part["pages"]]}
            for part in services.table_of_contents(query.lang)
        ]


@router.get(
    "/guide/pages/{page_id}", summary="Une page du guide", response={200: dict, 404: ErrorOut}
)
def page(request: HttpRequest, page_id: str, query: Query[LangQuery]) -> Any:
    found = services.guide(query.lang).page(page_id)
    if found is None:
        return Status(404, {"detail": f"page inconnue : {page_id}"})
    return services.page_json(found)


@router.get("/guide/search", summary="Rechercher dans le guide")
def search(request: HttpRequest, query: Query[SearchQuery]) -> list[dict[str, Any]]:
    return [
        {
            "page": hit.page_id,
            "anchor": hit.anchor,
            "section": hit.section_title,
            "url": services.page_url(hit.page_id, hit.anchor),
            "snippet": hit.snippet,
        }
        for hit in services.search(query.q[:200], query.lang)
    ]


@router.get(
    "/guide/rules/{rule_id}",
    summary="La section du guide qui explique une règle du moteur",
    response={200: dict, 404: ErrorOut},
)
def rule(request: HttpRequest, rule_id: str) -> Any:
    url = services.rule_guide_url(rule_id)
    if url is None:
        return Status(404, {"detail": f"règle inconnue ou non expliquée : {rule_id}"})
    return {"rule": rule_id, "guide_url": url}


@router.get(
    "/guide/editions/{fmt}",
    summary="Le guide en PDF, EPUB ou synthèse (pdf, epub, synthesis)",
    response={404: ErrorOut},
)
def edition(request: HttpRequest, fmt: str, query: Query[LangQuery]) -> Any:
    if fmt not in publications.FORMATS:
        return Status(404, {"detail": f"format inconnu : {fmt}"})
    built = publications.build_cached(fmt, services.language(query.lang))
    response = HttpResponse(built.content, content_type=built.media_type)
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    return response


@router.get("/workbook/exercises", summary="Les exercices du cahier")
def exercises(request: HttpRequest, query: Query[LangQuery]) -> list[dict[str, Any]]:
    with translation.override(services.language(query.lang)):
        return [workbook.exercise_json(e) for e in workbook.exercises()]


@router.post(
    "/workbook/exercises/{exercise_id}/answer",
    summary="Répondre à un exercice : réponse juste, explication et règle ou section citée",
    response={200: dict, 404: ErrorOut, 422: ErrorOut},
)
def answer(request: HttpRequest, exercise_id: str, body: AnswerIn, query: Query[LangQuery]) -> Any:
    with translation.override(services.language(query.lang)):
        try:
            current = workbook.find(exercise_id)
        except workbook.UnknownExerciseError:
            return Status(404, {"detail": f"exercice inconnu : {exercise_id}"})
        if body.answer not in workbook.choices(current):
            return Status(422, {"detail": f"réponse inconnue : {body.answer}"})
        return workbook.outcome_json(workbook.answer(exercise_id, body.answer))
