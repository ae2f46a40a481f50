"""The APD declaration campaign for a token's owner (docs/apd.md): the same service and the
same permissions as ``/compte/collectivites/<id>/apd/<année>/``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from coopdec.accounts import audit
from coopdec.api.accounts import TokenAuth
from coopdec.api.errors import ErrorOut
from coopdec.catalogue.models import FrenchAuthority
from coopdec.declarations import services
from coopdec.declarations.models import ApdDeclaration

router = Router(tags=["déclaration APD"], auth=TokenAuth())
FORBIDDEN = {"detail": "action non autorisée pour ce jeton"}


class RowOut(Schema):
    project: str
    reference: str
    origin: str
    country: str
    country_name: str
    oda_eligibility: str
    dac_sector: str
    channel: str
    aid_type: str
    amount: str | None
    to_complete: list[str]


class DeclarationOut(Schema):
    authority_id: int
    campaign_year: int
    status: str
    window_known: bool
    opens: str | None
    closes: str | None
    receipt: str
    fingerprint: str
    total: str
    missing: list[int]
    rows: list[RowOut]


class AmountsIn(Schema):
    # Row number (from 1) -> amount actually paid in euros ("1200.50").
    amounts: dict[int, str] = Field(default_factory=dict, max_length=2000)
    removed: list[int] = Field(default_factory=list, max_length=2000)


class ReopenIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


def _out(view: services.DeclarationView) -> DeclarationOut:
    record = view.record
    return DeclarationOut(
        authority_id=view.authority.pk,
        campaign_year=view.campaign.year,
        status=view.status,
        window_known=view.campaign.known,
        opens=view.campaign.opens.isoformat() if view.campaign.opens else None,
        closes=view.campaign.closes.isoformat() if view.campaign.closes else None,
        receipt=record.receipt if record and view.locked else "",
        fingerprint=record.fingerprint if record and view.locked else "",
        total=str(view.total),
        missing=view.missing,
        rows=[_row(row) for row in view.rows],
    )


def _row(row: dict[str, Any]) -> RowOut:
    text = {
        k: str(row.get(k) or "") for k in RowOut.model_fields if k not in ("amount", "to_complete")
    }
    return RowOut.model_validate(
        {**text, "amount": row.get("amount"), "to_complete": list(row.get("to_complete") or [])}
    )


def _refused(exc: services.DeclarationError) -> Any:
    error = {"path": exc.field or "body", "message": exc.message}
    return Status(422, {"detail": exc.message, "errors": [error]})


PATH = "/authorities/{authority_id}/apd/{year}"
ANSWERS = {200: DeclarationOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get(PATH, response=ANSWERS, summary="La déclaration d'APD d'une collectivité")
def get_declaration(request: HttpRequest, authority_id: int, year: int) -> Any:
    authority = get_object_or_404(FrenchAuthority, pk=authority_id)
    try:
        return _out(services.view(request.user, authority, year))
    except PermissionDenied:
        return Status(403, FORBIDDEN)
    except services.DeclarationError as exc:
        return _refused(exc)


@router.put(PATH, response=ANSWERS, summary="Saisir les montants versés (brouillon)")
def save_declaration(request: HttpRequest, authority_id: int, year: int, payload: AmountsIn) -> Any:
    authority = get_object_or_404(FrenchAuthority, pk=authority_id)
    try:
        view = services.save(request.user, authority, year, payload.amounts,
                             set(payload.removed), audit.client_ip(request))  # fmt: skip
    except PermissionDenied:
        return Status(403, FORBIDDEN)
    except services.DeclarationError as exc:
        return _refused(exc)
    return _out(view)


@router.post(PATH + "/submit", response=ANSWERS, summary="Transmettre la déclaration")
def submit_declaration(request: HttpRequest, authority_id: int, year: int) -> Any:
    authority = get_object_or_404(FrenchAuthority, pk=authority_id)
    try:
        services.submit(request.user, authority, year, audit.client_ip(request))
        return _out(services.view(request.user, authority, year))
    except PermissionDenied:
        return Status(403, FORBIDDEN)
    except services.DeclarationError as exc:
        return _refused(exc)


@router.post(PATH + "/reopen", response=ANSWERS, summary="Rouvrir une déclaration (administrateur)")
def reopen_declaration(
    request: HttpRequest, authority_id: int, year: int, payload: ReopenIn
) -> Any:
    record = get_object_or_404(ApdDeclaration, authority_id=authority_id, campaign_year=year)
    try:
        services.reopen(request.user, record, payload.reason, audit.client_ip(request))
        return _out(services.view(request.user, record.authority, year))
    except PermissionDenied:
        return Status(403, FORBIDDEN)
    except services.DeclarationError as exc:
        return _refused(exc)


@router.get(
    PATH + "/receipt.pdf",
    response={401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    openapi_extra={"responses": {"200": {"description": "Récépissé PDF", "content": {
        "application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}},
    summary="Récépissé PDF d'une déclaration transmise",
)  # fmt: skip
def declaration_receipt(request: HttpRequest, authority_id: int, year: int) -> Any:
    record = get_object_or_404(ApdDeclaration, authority_id=authority_id, campaign_year=year)
    try:
        pdf = services.receipt_pdf(request.user, record)
    except PermissionDenied:
        return Status(403, FORBIDDEN)
    except services.DeclarationError as exc:
        return _refused(exc)
    answer = HttpResponse(pdf, content_type="application/pdf")
    answer["Content-Disposition"] = f'attachment; filename="recepisse-{record.receipt}.pdf"'
    return answer
