"""Saved-search alerts of the token's owner (``Authorization: Bearer cdk_…``), docs/alerts.md.

The same service as ``/compte/alertes/`` and ``coopdec alerts``: an alert's ``params`` are the
catalogue search's parameters (as ``GET /api/v1/search`` takes them), or ``{"program": [...]}``
for funding deadlines (none: every programme).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from coopdec.alerts import services
from coopdec.alerts.models import SavedSearch
from coopdec.api.accounts import TokenAuth
from coopdec.api.errors import ErrorOut

router = Router(tags=["alertes"], auth=TokenAuth())


class AlertIn(Schema):
    kind: Literal["catalogue", "funding"]
    params: dict[str, list[str]] = Field(default_factory=dict, max_length=20)
    name: str = Field("", max_length=120)


class AlertOut(Schema):
    id: int
    kind: Literal["catalogue", "funding"]
    name: str
    params: dict[str, list[str]]
    created_at: dt.datetime
    pending: int  # items the next digest would send


def _out(alert: SavedSearch) -> AlertOut:
    pending = services.pending_items(alert, timezone.localdate())
    return AlertOut(
        id=alert.pk,
        kind=alert.kind,  # type: ignore[arg-type]
        name=alert.name,
        params=services.params_of(alert),
        created_at=alert.created_at,
        pending=len(pending),
    )


@router.get("/alerts", response={200: list[AlertOut], 401: ErrorOut}, summary="Mes alertes")
def list_alerts(request: HttpRequest) -> Any:
    return [_out(alert) for alert in services.alerts_of(request.user)]


@router.post(
    "/alerts",
    response={201: AlertOut, 401: ErrorOut, 422: ErrorOut},
    summary="Enregistrer une alerte (recherche du catalogue ou dates limites de financement)",
)
def create_alert(request: HttpRequest, payload: AlertIn) -> Any:
    try:
        alert = services.save_search(
            request.user, payload.kind, payload.params, payload.name,
            request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else "fr",
        )  # fmt: skip
    except services.AlertError as exc:
        return Status(
            422,
            {
                "detail": exc.message,
                "errors": [{"path": f"params.{exc.field}", "message": exc.message}],
            },
        )
    return Status(201, _out(alert))


@router.delete(
    "/alerts/{alert_id}",
    response={204: None, 401: ErrorOut, 404: ErrorOut},
    summary="Supprimer une de mes alertes",
)
def delete_alert(request: HttpRequest, alert_id: int) -> Any:
    if not services.delete_alert(request.user, alert_id):
        return Status(404, {"detail": "aucune alerte de ce compte à cette adresse"})
    return Status(204, None)
