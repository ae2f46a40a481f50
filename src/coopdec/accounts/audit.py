"""Append-only audit log: one function to write a line, one to export them as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from coopdec.accounts.models import AuditEvent
from coopdec.formats.spreadsheets import neutralise

CSV_COLUMNS = ["date", "auteur", "action", "adresse IP", "objet", "détails"]


def client_ip(request: Any) -> str | None:
    """The client's address as the server saw it (the TLS proxy's address behind one)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    action: str,
    *,
    actor: Any = None,
    ip: str | None = None,
    target: object = "",
    **details: Any,
) -> AuditEvent:
    """Append one line to the audit log."""
    signed_in = actor is not None and getattr(actor, "is_authenticated", False)
    label = (actor.get_username() if signed_in else details.pop("actor_label", "")) or ""
    return AuditEvent.objects.create(
        actor=actor if signed_in else None,
        actor_label=label[:254],
        action=action,
        ip=ip,
        target=str(target)[:300],
        details={k: str(v) for k, v in details.items()},
    )


# OWASP CSV injection rule: a cell must not start a spreadsheet formula (formats.spreadsheets).
_neutral = neutralise


def export_csv(events: Iterable[AuditEvent]) -> str:
    """The given lines as CSV (UTF-8), formula-looking cells neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for event in events:
        details = "; ".join(f"{k}={v}" for k, v in sorted(event.details.items()))
        writer.writerow(
            [
                event.at.isoformat(),
                _neutral(event.actor_label),
                event.action,
                event.ip or "",
                _neutral(event.target),
                _neutral(details),
            ]
        )
    return out.getvalue()
