"""A catalogue project as an IATI 2.03 activity.

- reporting organisation: the publisher recorded by an IATI import, else the French authority
  the export is made for, else the project's first French authority (by name), typed 11
  (Local Government) with its identifier (``iati_identifiers``);
- identifier: the project's IATI identifier, else ``<reporting org>-<project key>``;
- participating organisations: the French authorities (role 1, funding), the foreign partner
  authorities (role 4, implementing), then the other participants recorded by an import;
- recipient countries: the project's countries and its partners';
- DAC sectors (vocabulary 1): the project's, else its themes' default sectors;
- SDG goals (tag vocabulary 2) and targets (3) from its SDG targets;
- texts in the project's main language (French unless imported otherwise), then every other
  language kept in ``narratives``;
- a contact from the project's contact organisation; budgets per calendar year when the
  budget and both dates are known.
A project without dates takes its partnership's years (1 January, 31 December); with neither,
it cannot be written (IATI requires a date): it is skipped with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from coopdec.catalogue.identifiers import organisation_ref
from coopdec.catalogue.models import ForeignAuthority, FrenchAuthority, Project
from coopdec.formats import iati
from coopdec.formats.iati import model as m
from coopdec.opendata import iati_shapes as shapes
from coopdec.reference.models import SdgTarget, Theme

LOCAL_GOVERNMENT = "11"
FUNDING, IMPLEMENTING = "1", "4"


@dataclass
class ExportContext:
    """What an export is for: an authority (optional, with its own identifier) and a day."""

    today: date
    authority: FrenchAuthority | None = None
    org_ref: str | None = None
    _refs: dict[int, str | None] = field(default_factory=dict)

    def ref(self, authority: FrenchAuthority) -> str | None:
        if self.authority is not None and authority.pk == self.authority.pk and self.org_ref:
            return self.org_ref
        if authority.pk not in self._refs:
            self._refs[authority.pk] = organisation_ref(authority)
        return self._refs[authority.pk]


def export_queryset(projects: QuerySet[Project]) -> QuerySet[Project]:
    """``projects`` with everything the mapping reads, in a stable order."""
    return (
        projects.select_related("iati_record", "contact", "partnership")
        .prefetch_related(
            "french_authorities",
            "partnership__french_authorities",
            Prefetch("foreign_authorities", ForeignAuthority.objects.select_related("country")),
            Prefetch(
                "partnership__foreign_authorities",
                ForeignAuthority.objects.select_related("country"),
            ),
            "countries",
            "dac_sectors",
            Prefetch("themes", Theme.objects.select_related("default_dac_sector")),
            Prefetch("sdg_targets", SdgTarget.objects.select_related("goal")),
        )
        .order_by("pk")
    )


def _by_name(items: Any) -> list[Any]:
    return sorted(items, key=lambda item: (item.name, item.pk))


def french_authorities(project: Project) -> list[FrenchAuthority]:
    """The project's French authorities, else its partnership's (as the catalogue shows them)."""
    own = list(project.french_authorities.all())
    if not own and project.partnership is not None:
        own = list(project.partnership.french_authorities.all())
    return _by_name(own)


def foreign_authorities(project: Project) -> list[ForeignAuthority]:
    own = list(project.foreign_authorities.all())
    if not own and project.partnership is not None:
        own = list(project.partnership.foreign_authorities.all())
    return _by_name(own)


def _reporting(project: Project, ctx: ExportContext) -> m.OrganisationRef | str:
    record = getattr(project, "iati_record", None)
    if record is not None:
        names = tuple(m.Narrative(text=text, lang=lang) for lang, text in record.publisher_names)
        return m.OrganisationRef(
            ref=record.publisher_ref or None, type=record.publisher_type or None, narratives=names
        )
    french = french_authorities(project)
    lead = next((a for a in french if ctx.authority and a.pk == ctx.authority.pk), None)
    lead = lead or (french[0] if french else None)
    if lead is None:
        return _("aucune collectivité française pour déclarer le projet")
    ref = ctx.ref(lead)
    if ref is None:
        return _("%(name)s n'a pas d'identifiant d'organisation IATI") % {"name": lead.name}
    return iati.local_authority(ref, lead.name)


def _participants(project: Project, ctx: ExportContext, lang: str) -> list[m.ParticipatingOrg]:
    orgs = [
        m.ParticipatingOrg(
            role=FUNDING,
            ref=ctx.ref(a),
            type=LOCAL_GOVERNMENT,
            narratives=(m.Narrative(a.name, "fr"),),
        )
        for a in french_authorities(project)
    ]
    orgs += [
        m.ParticipatingOrg(
            role=IMPLEMENTING, type=LOCAL_GOVERNMENT, narratives=(m.Narrative(a.name, lang),)
        )
        for a in foreign_authorities(project)
    ]
    for other in project.other_participants or []:
        if not isinstance(other, dict) or not other.get("role"):
            continue
        orgs.append(
            m.ParticipatingOrg(
                role=str(other["role"]),
                ref=other.get("ref"),
                type=other.get("type"),
                activity_id=other.get("activity_id"),
                narratives=tuple(m.Narrative(text, code) for code, text in other.get("names", [])),
            )
        )
    return orgs


def project_dates(project: Project) -> tuple[date | None, date | None]:
    """The project's dates; without any, its partnership's years as 1 January and
    31 December (a project of the starter catalogue knows its years, not its days)."""
    if project.start_date or project.end_date or project.partnership is None:
        return project.start_date, project.end_date
    first, last = project.partnership.start_year, project.partnership.end_year
    return (
        date(first, 1, 1) if first else None,
        date(last, 12, 31) if last else None,
    )


def _contact(project: Project) -> tuple[m.ContactInfo, ...]:
    contact = project.contact
    if contact is None:
        return ()
    return (
        m.ContactInfo(
            type="1",
            organisation=(m.Narrative(contact.name, "fr"),),
            telephones=(contact.phone,) if contact.phone else (),
            emails=(contact.email,) if contact.email else (),
            websites=(contact.website,) if contact.website else (),
        ),
    )


def project_activity(project: Project, ctx: ExportContext) -> m.Activity | str:
    """The activity of ``project`` (from ``export_queryset``), or why it cannot be written."""
    reporting = _reporting(project, ctx)
    if isinstance(reporting, str):
        return reporting
    start, end = project_dates(project)
    code = shapes.status_code(project.status, start, end, ctx.today)
    dates = shapes.activity_dates(code, start, end)
    if not dates:
        return _("aucune date ni année de début ou de fin : IATI demande au moins une date")
    record = getattr(project, "iati_record", None)
    lang = record.language if record is not None else "fr"
    others = project.narratives if isinstance(project.narratives, dict) else {}
    text = project.description or project.summary or project.title
    identifier = project.iati_identifier or shapes.safe_identifier(f"{reporting.ref}-{project.key}")
    countries = {c.iso2 for c in project.countries.all()}
    countries |= {a.country.iso2 for a in foreign_authorities(project)}
    sectors = sorted(s.code for s in project.dac_sectors.all()) or sorted(
        {t.default_dac_sector.code for t in project.themes.all() if t.default_dac_sector}
    )
    targets = sorted(project.sdg_targets.all(), key=lambda t: (t.goal.number, t.position))
    goals = sorted({t.goal.number for t in targets})
    return m.Activity(
        iati_identifier=identifier,
        reporting_org=reporting,
        title=shapes.narratives(project.title, lang, others, "title"),
        descriptions=(
            m.Description(
                narratives=shapes.narratives(text, lang, others, "description"), type="1"
            ),
        ),
        participating_orgs=tuple(_participants(project, ctx, lang)),
        activity_status=code,
        activity_dates=dates,
        contacts=_contact(project),
        recipient_countries=tuple(m.RecipientCountry(code=c) for c in sorted(countries)),
        sectors=shapes.shared_sectors(sectors),
        tags=iati.sdg_tags(goals=[str(g) for g in goals], targets=[t.code for t in targets]),
        budgets=shapes.yearly_budgets(project.budget, start, end, project.currency),
        default_currency=project.currency or None,
        language=lang,
        last_updated=project.updated_at,
    )
