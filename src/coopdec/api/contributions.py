"""Write API of the catalogue (docs/contributing-data.md), authenticated by a personal token.

Every write is a draft, as on the web forms: ``POST``/``PATCH``/``DELETE`` propose a record, a
change or a removal on behalf of one authority; a manager or a regional moderator publishes or
rejects it. The one service ``coopdec.contributions.services`` decides validation, rights and
moderation; a refusal is a JSON 403 and nothing changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from coopdec.api.accounts import TokenAuth
from coopdec.catalogue.models import FrenchAuthority
from coopdec.contributions import bulk, queries, services
from coopdec.contributions.models import ChangeRequest, RecordVersion
from coopdec.reference.models import Region

router = Router(tags=["contributions"], auth=TokenAuth())

KINDS = {"partnerships": "partnership", "projects": "project", "calls": "call"}
KindPath = Literal["partnerships", "projects", "calls"]
REFUSED = {"detail": "action non autorisée pour ce jeton", "errors": []}


class Error(Schema):
    detail: str
    errors: list[dict[str, str]] = []


class Draft(Schema):
    authority_id: int = Field(description="La collectivité pour le compte de laquelle on déclare.")
    values: dict[str, Any] = Field(
        default_factory=dict,
        description=(
            "Champs de la fiche. Partenariat : title, summary, relation_type, start_year, "
            "end_year, status, funders, open_to_new_members, convention_signed_on, "
            "convention_transmitted_on (AAAA-MM-JJ), contacts. Projet : title, summary, "
            "description, results, lessons, status, budget, currency, funders, start_date, "
            "end_date, open_to_new_members, budget_lines ([{category, year, amount}]), "
            "financing_lines ([{source, name, year, amount}]) — postes et sources du fichier "
            "projet. Appel à partenaires : title, summary, description, call_closes_on "
            "(AAAA-MM-JJ), call_contact."
        ),
    )
    links: dict[str, list[int]] = Field(
        default_factory=dict,
        description=(
            "Liens par identifiants : french_authorities, foreign_authorities, themes, "
            "sdg_targets (partenariats et projets), countries (projets et appels)."
        ),
    )
    why: str = Field("", description="Motif de la contribution, gardé dans l'historique.")
    base_updated_at: dt.datetime | None = Field(
        None,
        description="Date de modification de la fiche lue ; une publication intervenue "
        "depuis fait refuser le brouillon.",
    )


class Offer(Schema):
    region: str = Field(description="Code INSEE de la région du réseau qui saisit l'offre.")
    values: dict[str, Any] = Field(
        default_factory=dict,
        description="Champs de l'appel : title, summary, description, call_closes_on, "
        "call_contact.",
    )
    links: dict[str, list[int]] = Field(
        default_factory=dict,
        description="foreign_authorities (la collectivité étrangère qui fait l'offre, "
        "obligatoire), countries, themes.",
    )
    why: str = ""


class Removal(Schema):
    authority_id: int
    why: str = ""


class ChangeOut(Schema):
    id: int
    kind: str
    action: str
    key: str
    authority_id: int | None = Field(
        description="Aucune pour l'offre d'une collectivité étrangère."
    )
    region: str | None = Field(None, description="Code de la région du réseau qui saisit l'offre.")
    state: str
    imported: bool
    values: dict[str, Any]
    links: dict[str, list[int]]
    reason: str


class DiffOut(Schema):
    field: str
    label: str
    before: Any
    after: Any


class Publication(Schema):
    why: str = ""
    values: dict[str, Any] | None = Field(None, description="Valeurs corrigées avant publication.")
    links: dict[str, list[int]] | None = None


class Rejection(Schema):
    reason: str


class Restoration(Schema):
    why: str = ""


class VersionOut(Schema):
    id: int
    record_kind: str
    key: str
    number: int
    deleted: bool
    declared_by: str
    verified_by: str
    at: dt.datetime
    why: str


def _change(change: ChangeRequest) -> ChangeOut:
    return ChangeOut(**queries.change_fields(change))


def _version(version: RecordVersion) -> VersionOut:
    return VersionOut(
        id=version.pk, record_kind=version.record_kind, key=version.key, number=version.number,
        deleted=version.deleted, declared_by=version.declared_by,
        verified_by=version.verified_by, at=version.at, why=version.why,
    )  # fmt: skip


def _invalid(exc: ValidationError) -> Any:
    errors = [
        {"path": name, "message": message}
        for name, messages in exc.message_dict.items()
        for message in messages
    ]
    return Status(422, {"detail": "données invalides", "errors": errors})


def _propose(request: HttpRequest, kind: str, payload: Draft, key: str | None) -> Any:
    authority = get_object_or_404(FrenchAuthority, pk=payload.authority_id)
    try:
        change = services.propose(
            request.user, authority, kind, payload.values, payload.links, key=key,
            why=payload.why, base_updated_at=payload.base_updated_at,
        )  # fmt: skip
    except PermissionDenied:
        return Status(403, REFUSED)
    except ValidationError as exc:
        return _invalid(exc)
    except LookupError:
        return Status(404, {"detail": "fiche introuvable", "errors": []})
    return Status(201, _change(change))


WRITE = {201: ChangeOut, 401: Error, 403: Error, 404: Error, 422: Error}


@router.post("/contributions/{kind}", response=WRITE, summary="Proposer une nouvelle fiche")
def create(request: HttpRequest, kind: KindPath, payload: Draft) -> Any:
    """Draft a new partnership, project or call for partners (published after moderation)."""
    return _propose(request, KINDS[kind], payload, None)


@router.patch("/contributions/{kind}/{key}", response=WRITE, summary="Proposer une modification")
def change(request: HttpRequest, kind: KindPath, key: str, payload: Draft) -> Any:
    """Draft a change to a published record of the authority (all its fields, as given)."""
    return _propose(request, KINDS[kind], payload, key)


class UploadOut(Schema):
    file: str
    encoding: str
    separator: str
    drafts: list[ChangeOut]


@router.post(
    "/uploads/csv",
    response={201: UploadOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Déposer un CSV de partenariats (brouillons, tout ou rien)",
)
def upload(
    request: HttpRequest,
    authority_id: Form[int],
    file: File[UploadedFile],
    why: Form[str] = "",
) -> Any:
    """Every row of a catalogue CSV (docs/imports.md) as a draft of the authority
    ``authority_id``, or none: 422 lists each problem with its file, line and column. ``why``
    is kept in the history."""
    authority = get_object_or_404(FrenchAuthority, pk=authority_id)
    if file.size is not None and file.size > bulk.MAX_BYTES:
        return Status(422, {"detail": "fichier refusé", "errors": [
            {"path": file.name or "", "message": f"fichier trop volumineux "
             f"({bulk.MAX_BYTES // (1024 * 1024)} Mo au plus)"}]})  # fmt: skip
    try:
        done = bulk.propose_csv(
            request.user, authority, file.read(), filename=file.name or "fichier.csv", why=why
        )
    except PermissionDenied:
        return Status(403, REFUSED)
    except bulk.UploadRefused as exc:
        errors = [
            {"path": p.file, "line": str(p.line or ""), "column": p.column or "",
             "message": p.describe()}
            for p in exc.problems
        ]  # fmt: skip
        return Status(422, {"detail": "fichier refusé : rien n'a été enregistré", "errors": errors})
    return Status(201, UploadOut(file=done.file, encoding=done.encoding,
                                 separator=done.separator,
                                 drafts=[_change(c) for c in done.drafts]))  # fmt: skip


@router.post(
    "/offers",
    response={201: ChangeOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Saisir l'offre d'une collectivité étrangère (réseau régional)",
)
def create_offer(request: HttpRequest, payload: Offer) -> Any:
    """A regional network drafts a foreign authority's call for partners (no French
    authority); the network's moderators publish it."""
    region = get_object_or_404(Region, code=payload.region)
    try:
        change = services.propose_offer(
            request.user, region, payload.values, payload.links, why=payload.why
        )
    except PermissionDenied:
        return Status(403, REFUSED)
    except ValidationError as exc:
        return _invalid(exc)
    return Status(201, _change(change))


@router.delete("/contributions/{kind}/{key}", response=WRITE, summary="Proposer un retrait")
def remove(request: HttpRequest, kind: KindPath, key: str, payload: Removal) -> Any:
    """Draft the removal of a published record (its history stays)."""
    authority = get_object_or_404(FrenchAuthority, pk=payload.authority_id)
    try:
        change = services.propose_removal(
            request.user, authority, KINDS[kind], key, why=payload.why
        )
    except PermissionDenied:
        return Status(403, REFUSED)
    except LookupError:
        return Status(404, {"detail": "fiche introuvable", "errors": []})
    return Status(201, _change(change))


@router.get(
    "/moderation/queue",
    response={200: list[ChangeOut], 401: Error},
    summary="File de modération",
)
def moderation_queue(
    request: HttpRequest,
    region: str | None = None,
    kind: Literal["partnership", "project", "call"] | None = None,
    older_than_days: int | None = None,
) -> Any:
    """The pending drafts the token's owner may publish (région code, kind, minimum age)."""
    rows = queries.queue(request.user, region=region, kind=kind, older_than_days=older_than_days)
    return [_change(c) for c in rows]


@router.get(
    "/moderation/{change_id}/diff",
    response={200: list[DiffOut], 401: Error, 403: Error, 404: Error},
    summary="Différences avec la fiche publiée",
)
def change_diff(request: HttpRequest, change_id: int) -> Any:
    change = get_object_or_404(ChangeRequest, pk=change_id)
    if not services.may_publish(request.user, change) and change.author_id != request.user.pk:
        return Status(403, REFUSED)
    return [DiffOut(**row.__dict__) for row in queries.diff(change)]


MODERATE = {200: VersionOut, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


@router.post("/moderation/{change_id}/publish", response=MODERATE, summary="Publier")
def publish(request: HttpRequest, change_id: int, payload: Publication) -> Any:
    """Publish a draft, possibly corrected first; 409 when the record changed meanwhile."""
    change = get_object_or_404(ChangeRequest.objects.select_related("authority"), pk=change_id)
    try:
        version = services.publish(
            request.user, change, why=payload.why, values=payload.values, links=payload.links
        )
    except PermissionDenied:
        return Status(403, REFUSED)
    except ValidationError as exc:
        return _invalid(exc)
    except (services.StaleDraft, services.WrongState) as exc:
        return Status(409, {"detail": str(exc), "errors": []})
    return _version(version)


@router.post(
    "/moderation/{change_id}/reject",
    response={200: ChangeOut, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Refuser (raison envoyée à l'auteur)",
)
def reject(request: HttpRequest, change_id: int, payload: Rejection) -> Any:
    change = get_object_or_404(ChangeRequest.objects.select_related("authority"), pk=change_id)
    try:
        services.reject(request.user, change, payload.reason)
    except PermissionDenied:
        return Status(403, REFUSED)
    except ValidationError as exc:
        return _invalid(exc)
    except services.WrongState as exc:
        return Status(409, {"detail": str(exc), "errors": []})
    return _change(change)


@router.get(
    "/records/{record_kind}/{key}/versions",
    response={200: list[VersionOut], 401: Error},
    summary="Historique d'une fiche",
)
def versions(request: HttpRequest, record_kind: Literal["partnership", "project"], key: str) -> Any:
    return [_version(v) for v in queries.history(record_kind, key)]


@router.post(
    "/versions/{version_id}/restore",
    response=MODERATE,
    summary="Rétablir une version (modérateurs)",
)
def restore(request: HttpRequest, version_id: int, payload: Restoration) -> Any:
    """Publish an earlier version again (a new version; moderators of the record's région)."""
    version = get_object_or_404(RecordVersion, pk=version_id)
    try:
        restored = services.restore(request.user, version, why=payload.why)
    except PermissionDenied:
        return Status(403, REFUSED)
    except services.WrongState as exc:
        return Status(409, {"detail": str(exc), "errors": []})
    return _version(restored)


class ExampleFlag(Schema):
    why: str = Field(description="Pourquoi ce projet est un exemple (une phrase, 500 signes).")


class ExampleOut(Schema):
    key: str
    example: bool
    why: str


@router.put(
    "/examples/{key}",
    response={200: ExampleOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Signaler un projet comme exemple (modérateurs)",
)
def flag_example(request: HttpRequest, key: str, payload: ExampleFlag) -> Any:
    """Flag a published project as an example (good practice) with why; moderators only."""
    try:
        example = services.flag_example(request.user, key, payload.why)
    except LookupError:
        return Status(404, {"detail": "fiche introuvable", "errors": []})
    except PermissionDenied:
        return Status(403, REFUSED)
    except ValidationError as exc:
        return _invalid(exc)
    return ExampleOut(key=key, example=True, why=example.why)


@router.delete(
    "/examples/{key}",
    response={200: ExampleOut, 401: Error, 403: Error, 404: Error},
    summary="Retirer le signalement d'exemple (modérateurs)",
)
def unflag_example(request: HttpRequest, key: str) -> Any:
    try:
        services.unflag_example(request.user, key)
    except LookupError:
        return Status(404, {"detail": "fiche introuvable", "errors": []})
    except PermissionDenied:
        return Status(403, REFUSED)
    return ExampleOut(key=key, example=False, why="")
