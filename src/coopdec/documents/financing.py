"""Read the ``financing`` lines of a project file into formatted :class:`FinancingLine`.

Each line says who pays, under which heading, and its share of the total budget, which is
what a convention's "engagements financiers prévisionnels" and a funder's financing-plan
table both show.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from coopdec.documents.formatting import format_money, format_percent
from coopdec.documents.i18n import _
from coopdec.documents.labels import (
    FINANCING_SOURCE_LABELS,
    ONE_PERCENT_BUDGETS,
    ONE_PERCENT_SERVICES,
)
from coopdec.documents.model import FinancingLine, Money
from coopdec.documents.names import NameResolver
from coopdec.documents.reader import ProjectReader


def read_financing(
    reader: ProjectReader,
    project: Mapping[str, Any],
    *,
    names: NameResolver,
    currency: str,
    total: Decimal | None,
    lead_name: str | None,
    partner_name: str | None,
) -> tuple[FinancingLine, ...]:
    """Every usable line; unusable ones are reported through ``reader`` and skipped."""
    lines = []
    for i, raw in enumerate(reader.items(project, "financing", "financing")):
        path = f"financing[{i}]"
        if not isinstance(raw, Mapping):
            reader.invalid(path, _("un objet {source, amount} est attendu"))
            continue
        amount = reader.amount(raw, "amount", f"{path}.amount")
        if raw.get("amount") is None:
            reader.invalid(f"{path}.amount", _("montant manquant"))
        source = reader.required_text(
            raw, "source", f"{path}.source", _("origine du financement manquante")
        )
        if source is None:
            continue
        if source not in FINANCING_SOURCE_LABELS:
            reader.invalid(
                f"{path}.source",
                _("origine inconnue : {sources}").format(
                    sources=", ".join(FINANCING_SOURCE_LABELS)
                ),
            )
            continue
        described = _describe(reader, raw, path, source, names, lead_name, partner_name)
        if described is None or amount is None:
            continue
        nature, funder, detail, service, legal_key = described
        lines.append(
            FinancingLine(
                source=source,
                nature=nature,
                funder=funder,
                detail=detail,
                amount=Money(amount, format_money(amount, currency)),
                share=format_percent(amount, total) if total else None,
                service=service,
                legal_key=legal_key,
            )
        )
    return tuple(lines)


_Description = tuple[str, str, str | None, str | None, str | None]


def _describe(
    reader: ProjectReader,
    raw: Mapping[str, Any],
    path: str,
    source: str,
    names: NameResolver,
    lead_name: str | None,
    partner_name: str | None,
) -> _Description | None:
    """(nature, funder, detail, service, legal_key) for one line, or ``None`` if unusable."""
    nature = FINANCING_SOURCE_LABELS[source]
    name = reader.text(raw, "name", f"{path}.name")
    # The lead authority is required by every document, so this fallback is never printed
    # on its own; it only keeps the line typed while the missing lead is reported.
    lead = lead_name or _("la collectivité cheffe de file")
    if source in ("own_cash", "own_in_kind"):
        return nature, name or lead, None, None, None
    if source == "partner":
        funder = name or partner_name or _("Partenaires")
        return nature, funder, None, None, None
    if source == "other":
        if name is None:
            reader.invalid(f"{path}.name", _("nom du financeur manquant"))
            return None
        return nature, name, None, None, None
    if source == "one_percent":
        service = reader.required_text(
            raw,
            "service",
            f"{path}.service",
            _("service manquant : eau_assainissement, energie, dechets ou mobilite"),
        )
        if service is None:
            return None
        if service not in ONE_PERCENT_SERVICES:
            reader.invalid(
                f"{path}.service",
                _("service inconnu : eau_assainissement, energie, dechets ou mobilite"),
            )
            return None
        label, legal_key = ONE_PERCENT_SERVICES[service]
        return label, name or lead, ONE_PERCENT_BUDGETS[service], service, legal_key
    # source == "program"
    program_id = reader.required_text(
        raw, "program", f"{path}.program", _("identifiant du programme manquant")
    )
    if program_id is None:
        return None
    program = names.program(program_id)
    if program is None and name is None:
        reader.invalid(
            f"{path}.program",
            _("programme inconnu des données de financement ; indiquez son nom dans « name »"),
        )
        return None
    if program is None:
        return nature, name or "", None, None, None
    return nature, program.funder or program.name, program.name, None, None
