"""Read the ``financing`` lines of a project file into formatted :class:`FinancingLine`.

Each line says who pays, under which heading, and its share of the total budget, which is
what a convention's "engagements financiers prévisionnels" and a funder's financing-plan
table both show.
"""

from __future__ import annotations

from decimal import Decimal

from coopdec.documents.formatting import format_money, format_percent
from coopdec.documents.labels import (
    FINANCING_SOURCE_LABELS,
    ONE_PERCENT_BUDGETS,
    ONE_PERCENT_SERVICES,
)
from coopdec.documents.model import FinancingLine, Money
from coopdec.documents.names import NameResolver
from coopdec.i18n import _
from coopdec.projectfile import FieldError, ProjectFile
from coopdec.projectfile import model as pf


def _name(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value is not None else None


def read_financing(
    problems: list[FieldError],
    project: ProjectFile,
    *,
    names: NameResolver,
    currency: str,
    total: Decimal | None,
    lead_name: str | None,
    partner_name: str | None,
) -> tuple[FinancingLine, ...]:
    """Every usable line; unusable ones are added to ``problems`` and skipped."""
    lines = []
    for i, raw in enumerate(project.financing):
        path = f"financing[{i}]"
        amount = raw.amount
        if amount is None:
            problems.append(FieldError(f"{path}.amount", _("montant manquant")))
        source = raw.source
        if source is None:
            problems.append(FieldError(f"{path}.source", _("origine du financement manquante")))
            continue
        described = _describe(problems, raw, path, source, names, lead_name, partner_name)
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
                year=raw.year,
            )
        )
    return tuple(lines)


_Description = tuple[str, str, str | None, str | None, str | None]


def _describe(
    problems: list[FieldError],
    raw: pf.FinancingLine,
    path: str,
    source: str,
    names: NameResolver,
    lead_name: str | None,
    partner_name: str | None,
) -> _Description | None:
    """(nature, funder, detail, service, legal_key) for one line, or ``None`` if unusable."""
    nature = _(FINANCING_SOURCE_LABELS[source])
    name = _name(raw.name)
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
            problems.append(FieldError(f"{path}.name", _("nom du financeur manquant")))
            return None
        return nature, name, None, None, None
    if source == "one_percent":
        service = raw.service
        if service is None:  # the parser requires it; kept so the line stays typed
            problems.append(
                FieldError(
                    f"{path}.service",
                    _("service manquant : eau_assainissement, energie, dechets ou mobilite"),
                )
            )
            return None
        label, legal_key = ONE_PERCENT_SERVICES[service]
        return _(label), name or lead, _(ONE_PERCENT_BUDGETS[service]), service, legal_key
    # source == "program"
    program_id = raw.program
    if program_id is None:
        problems.append(FieldError(f"{path}.program", _("identifiant du programme manquant")))
        return None
    program = names.program(program_id)
    if program is None and name is None:
        problems.append(
            FieldError(
                f"{path}.program",
                _("programme inconnu des données de financement ; indiquez son nom dans « name »"),
            )
        )
        return None
    if program is None:
        return nature, name or "", None, None, None
    return nature, program.funder or program.name, program.name, None, None
