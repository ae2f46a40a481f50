"""The verdicts and funding panel: what the one project service says, shaped for the page.

Nothing is decided here: the statuses, messages, sources and figures are those of
``services.assess`` (check, funding and financing plan of one parsed file) for the same
project and date, so the page says what the CLI and the API say. The file is parsed once per
request, by the page (``context.page_context``), not once per report.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from coopdec import projectfile_service as services
from coopdec.assistant.programs import program_name
from coopdec.documents import format_money
from coopdec.projectfile import FieldError, ProjectFile

STATUS = {
    "blocking": {"label": _("Bloquant"), "badge": "fr-badge--error"},
    "warning": {"label": _("Point d'attention"), "badge": "fr-badge--warning"},
    "unknown": {"label": _("À compléter ou à vérifier"), "badge": "fr-badge--info"},
    "ok": {"label": _("Conforme"), "badge": "fr-badge--success"},
    "not_applicable": {"label": _("Sans objet"), "badge": "fr-badge--new"},
}
ORDER = ("blocking", "warning", "unknown", "ok", "not_applicable")
CONFIDENCE = {
    "high": _("Fiabilité élevée : fait établi par les sources citées."),
    "medium": _(
        "Fiabilité moyenne : une partie des faits est incertaine ; à vérifier auprès du "
        "service compétent."
    ),
    "low": _(
        "Fiabilité faible : fait mal établi ; ne pas s'y fier sans confirmation du service "
        "compétent."
    ),
}
ELIGIBILITY = {
    True: {"label": _("Éligible"), "badge": "fr-badge--success"},
    None: {"label": _("À vérifier"), "badge": "fr-badge--info"},
    False: {"label": _("Non éligible"), "badge": "fr-badge--error"},
}


def parse_date(raw: str | None) -> tuple[dt.date, str | None]:
    """The date of the law to apply: ``?date=AAAA-MM-JJ``, today by default."""
    if not raw:
        return services.today(), None
    try:
        return dt.date.fromisoformat(raw), None
    except ValueError:
        message = _(
            "Date « %(raw)s » illisible (format AAAA-MM-JJ) : le droit du jour est appliqué."
        )
        return services.today(), str(message) % {"raw": raw[:20]}


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _verdict(raw: dict[str, Any], titles: dict[str, str]) -> dict[str, Any]:
    return {
        **raw,
        "message": services.plain(raw["message"]),
        "sources": [{**s, "label": services.plain(s["label"])} for s in raw["sources"]],
        "title": titles.get(raw["rule"], raw["rule"]),
        "status_label": STATUS[raw["status"]]["label"],
        "badge": STATUS[raw["status"]]["badge"],
        "confidence_text": CONFIDENCE.get(raw["confidence"], raw["confidence"]),
        "from": _day(raw.get("valid_from")),
        "to": _day(raw.get("valid_to")),
    }


def _sorted(verdicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(verdicts, key=lambda v: ORDER.index(v["status"]))


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}".replace(".", ",") + "\u00a0%"


def english() -> bool:
    """Whether the page is in English (the active language)."""
    return (get_language() or "fr").startswith("en")


def _program(raw: dict[str, Any]) -> dict[str, Any]:
    rate = Decimal(raw["max_rate"]) if raw["max_rate"] is not None else None
    amount = Decimal(raw["max_amount"]) if raw["max_amount"] is not None else None
    return {
        **raw,
        # English pages name the programme in English (the JSON keeps the French name).
        "name": program_name(raw["id"], english=True) if english() else raw["name"],
        "reasons": [services.plain(reason) for reason in raw["reasons"]],
        "eligibility": ELIGIBILITY[raw["eligible"]],
        "rate_text": _percent(rate) if rate is not None else None,
        "amount_text": format_money(amount) if amount is not None else None,
        "deadline": _day(raw["next_deadline"]),
    }


def _plain_error(error: FieldError) -> dict[str, str]:
    """A parser error as the page shows it: the field's label and a message without paths."""
    return {
        "path": error.path,
        "label": services.field_label(error.path),
        "message": services.plain(error.message),
    }


def build(
    project: ProjectFile | None, on: dt.date, errors: list[FieldError] | None = None
) -> dict[str, Any]:
    """Everything the panel shows for ``project`` on ``on``; an invalid file (``None``, with
    the parser's ``errors``) shows its errors."""
    if project is None:
        return {"date": on, "errors": [_plain_error(e) for e in errors or []]}
    assessment = services.assess(project, on)
    # The page shapes the same JSON the API and the CLI print.
    report = assessment.check.to_json()
    funding = assessment.funding.to_json()
    plan = assessment.plan.to_json()
    titles = services.rule_titles()
    programs = [_program(p) for p in funding["programs"]]
    return {
        "date": on,
        "errors": [],
        # The badges count every verdict the page shows: the rules' and the plan's.
        "summary": [{"status": s, **STATUS[s], "count": assessment.summary[s]} for s in ORDER],
        "verdicts": _sorted([_verdict(v, titles) for v in report["verdicts"]]),
        "eligible": [p for p in programs if p["eligible"] is True],
        "to_check": [p for p in programs if p["eligible"] is None],
        "ineligible": [p for p in programs if p["eligible"] is False],
        "plan": {
            "total": format_money(Decimal(plan["total"])) if plan["total"] else None,
            "sources_total": format_money(Decimal(plan["sources_total"])),
            "checks": _sorted([_verdict(c, titles) for c in plan["checks"]]),
        },
    }
