"""A project's record: its partnership, authorities, partners, countries, themes, SDG targets,
DAC sectors, budget, contact and sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.catalogue.imports.atlas_projects import SHEETS_FILE as ATLAS_SHEETS
from coopdec.catalogue.models import Example, Project
from coopdec.catalogue.queries.refs import (
    AUTHORITIES,
    CONTACTS,
    PARTNERS,
    THEMES,
    AuthorityRef,
    ContactRef,
    PartnerRef,
    Ref,
    ThemeRef,
    authority_ref,
    contact_ref,
    partner_ref,
    split_list,
    theme_ref,
)
from coopdec.documents.labels import EXPENSE_LABELS, FINANCING_SOURCE_LABELS


@dataclass(frozen=True)
class ProjectDetail:
    id: int
    title: str
    summary: str
    description: str
    status: Ref
    open_to_new_members: bool
    partnership: Ref | None
    authorities: list[AuthorityRef]
    partners: list[PartnerRef]
    countries: list[Ref]
    themes: list[ThemeRef]
    sdg_targets: list[Ref]
    dac_sectors: list[Ref]
    budget: Decimal | None
    currency: str
    funders: list[str]
    start_date: dt.date | None
    end_date: dt.date | None
    contact: ContactRef | None
    sources: list[str]
    source_date: str
    updated: dt.date
    # An Atlas project sheet (``coopdec init``): its status is the one its page showed when
    # it was stored (date unknown), and its page may name no French authority.
    status_as_shown_by_source: bool = False
    french_authority_unspecified: bool = False
    results: str = ""
    lessons: str = ""
    budget_lines: list[Line] = field(default_factory=list)
    financing_lines: list[Line] = field(default_factory=list)
    example: ExampleRef | None = None


@dataclass(frozen=True)
class Line:
    """One budget or financing line of a project, labelled (project file vocabulary)."""

    code: Ref  # expense category or financing source
    name: str  # the funder or programme (financing lines)
    year: int | None
    amount: Decimal | None


@dataclass(frozen=True)
class ExampleRef:
    """A project a moderator flagged as an example (good practice)."""

    why: str
    flagged_at: dt.date


def project_detail(pk: int) -> ProjectDetail | None:
    found = (
        Project.objects.filter(pk=pk)
        .select_related("partnership", "import_batch")
        .prefetch_related(AUTHORITIES, PARTNERS, THEMES, "countries", "sdg_targets", "dac_sectors")
    )
    p = found.first()
    if p is None:
        return None
    contact = CONTACTS.filter(pk=p.contact_id).first() if p.contact_id else None
    sheet = p.import_batch is not None and p.import_batch.source_name == ATLAS_SHEETS
    return ProjectDetail(
        id=p.pk,
        title=p.title,
        summary=p.summary,
        description=p.description,
        status=Ref(p.status, p.get_status_display()),
        open_to_new_members=p.open_on(timezone.localdate()),
        partnership=Ref(str(p.partnership.pk), p.partnership.title) if p.partnership else None,
        authorities=[authority_ref(a) for a in p.french_authorities.all()],
        partners=[partner_ref(f) for f in p.foreign_authorities.all()],
        countries=[Ref(c.iso2, c.name) for c in p.countries.all()],
        themes=[theme_ref(t) for t in p.themes.all()],
        sdg_targets=[Ref(t.code, t.label) for t in p.sdg_targets.all()],
        dac_sectors=[Ref(s.code, s.label) for s in p.dac_sectors.all()],
        budget=p.budget,
        currency=p.currency,
        funders=split_list(p.funders),
        start_date=p.start_date,
        end_date=p.end_date,
        contact=contact_ref(contact) if contact else None,
        sources=p.source_urls,
        source_date=p.source_date,
        updated=p.updated_at.date(),
        status_as_shown_by_source=sheet,
        french_authority_unspecified=sheet and not p.french_authorities.all(),
        results=p.results,
        lessons=p.lessons,
        budget_lines=_lines(p.budget_lines, "category", EXPENSE_LABELS),
        financing_lines=_lines(p.financing_lines, "source", FINANCING_SOURCE_LABELS),
        example=_example(p),
    )


def _lines(rows: object, code: str, labels: dict[str, str]) -> list[Line]:
    """Stored lines (``contributions.lines``) as labelled rows; a malformed row is skipped."""
    out = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict) or row.get(code) not in labels:
            continue
        try:
            amount = Decimal(str(row["amount"])) if row.get("amount") is not None else None
        except ArithmeticError:
            amount = None
        year = row.get("year")
        out.append(
            Line(
                code=Ref(row[code], _(labels[row[code]])),
                name=str(row.get("name") or ""),
                year=year if isinstance(year, int) else None,
                amount=amount,
            )
        )
    return out


def _example(project: Project) -> ExampleRef | None:
    example = Example.objects.filter(project=project, published=True).first()
    return ExampleRef(example.why, example.updated_at.date()) if example else None
