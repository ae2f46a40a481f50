"""A project file (``coopdec.assistant``) as an IATI 2.03 activity.

Same building blocks as the catalogue export (``iati_shapes``), plus what only a project file
knows: its financing plan becomes transactions dated on the start date — a programme, a
partner's share or another source is an incoming commitment (type 11) from that funder, the
authority's own cash and 1 % funds an outgoing commitment (type 2). Valuations in kind are
not money flows and are left out. Partners are typed from their kind: local authority,
federated entity or grouping 11, State 10, NGO 24 (partner-country NGO), other 90.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django.utils.translation import gettext as _

from coopdec.assistant import Project as ProjectFile
from coopdec.assistant.model import AuthorityRef, FinancingLine
from coopdec.assistant.reference import country_name, programs_by_id
from coopdec.catalogue.models import FrenchAuthority
from coopdec.formats import iati
from coopdec.formats.iati import model as m
from coopdec.opendata import iati_shapes as shapes
from coopdec.opendata.iati_activity import FUNDING, IMPLEMENTING, LOCAL_GOVERNMENT, ExportContext
from coopdec.reference.models import Theme

PARTNER_TYPES = {
    "local_authority": "11",
    "federated_entity": "11",
    "grouping": "11",
    "state": "10",
    "ngo": "24",
    "other": "90",
}
INCOMING_COMMITMENT, OUTGOING_COMMITMENT = "11", "2"


def slug(text: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()[:limit].strip("-")


def _authority(ref: AuthorityRef) -> FrenchAuthority | None:
    if not ref.kind or not ref.code:
        return None
    return FrenchAuthority.objects.filter(kind=ref.kind, code=ref.code).first()


def _org(ref: AuthorityRef, ctx: ExportContext) -> tuple[str | None, str]:
    found = _authority(ref)
    name = ref.name or (found.name if found else None) or f"{ref.kind} {ref.code}"
    return (ctx.ref(found) if found else None), name


def _status(project: ProjectFile, today: date) -> str:
    if project.end_date is not None and project.end_date < today:
        return "ended"
    if project.start_date is not None and project.start_date > today:
        return "planned"
    return "active"


def _transaction(
    line: FinancingLine, project: ProjectFile, lead: tuple[str | None, str], currency: str
) -> m.Transaction | None:
    if line.amount is None or project.start_date is None or line.source == "own_in_kind":
        return None
    money = m.Money(value=line.amount, value_date=project.start_date, currency=currency)
    if line.source in ("own_cash", "one_percent"):
        if line.source == "own_cash":
            label = _("Fonds propres")
        else:
            label = _("1 %% %(service)s") % {"service": line.service or ""}
        provider = m.TransactionOrg(
            ref=lead[0], type=LOCAL_GOVERNMENT, narratives=((m.Narrative(lead[1], "fr")),)
        )
        return m.Transaction(
            type=OUTGOING_COMMITMENT,
            date=project.start_date,
            value=money,
            description=(m.Narrative(label.strip(), "fr"),),
            provider=provider,
        )
    if line.source == "program" and line.program:
        program = programs_by_id().get(line.program, {})
        funder, label = str(program.get("funder") or line.program), str(program.get("name") or "")
    elif line.source == "partner":
        funder, label = _("Partenaires du projet"), _("Apport des partenaires")
    else:
        funder, label = line.name or _("Autre financeur"), line.name or _("Autre financement")
    return m.Transaction(
        type=INCOMING_COMMITMENT,
        date=project.start_date,
        value=money,
        description=(m.Narrative(label or funder, "fr"),),
        provider=m.TransactionOrg(narratives=(m.Narrative(funder, "fr"),)),
    )


def project_file_activity(
    project: ProjectFile, ctx: ExportContext, identifier: str | None = None
) -> m.Activity | str:
    """The activity of a project file, or why it cannot be written."""
    if project.lead_authority is None:
        return _("collectivité chef de file (lead_authority) absente")
    if not project.title:
        return _("titre (title) absent")
    lead = _org(project.lead_authority, ctx)
    if lead[0] is None:
        return _("collectivité chef de file introuvable dans l'annuaire : pas d'identifiant IATI")
    status = _status(project, ctx.today)
    code = shapes.status_code(status, project.start_date, project.end_date, ctx.today)
    dates = shapes.activity_dates(code, project.start_date, project.end_date)
    if not dates:
        return _("aucune date de début ni de fin : IATI en demande au moins une")
    currency = (project.budget.currency if project.budget else None) or "EUR"
    partners = project.foreign_partners()
    countries = sorted({p.country for p in partners if p.country})
    themes = Theme.objects.filter(code__in=project.themes).select_related("default_dac_sector")
    sectors = sorted({t.default_dac_sector.code for t in themes if t.default_dac_sector})
    french = [lead] + [_org(a, ctx) for a in project.co_authorities]
    description = _(
        "Projet de coopération décentralisée de %(lead)s avec %(partners)s (%(where)s)."
    ) % {
        "lead": lead[1],
        "partners": ", ".join(p.name or "?" for p in partners) or _("ses partenaires"),
        "where": ", ".join(country_name(c) for c in countries) or _("pays non précisé"),
    }
    goals = sorted({int(t.split(".")[0]) for t in project.sdg_targets})
    transactions = [_transaction(line, project, lead, currency) for line in project.financing]
    return m.Activity(
        iati_identifier=identifier or shapes.safe_identifier(f"{lead[0]}-{slug(project.title)}"),
        reporting_org=iati.local_authority(lead[0], lead[1]),
        title=(m.Narrative(project.title, "fr"),),
        descriptions=(m.Description(narratives=(m.Narrative(description, "fr"),), type="1"),),
        participating_orgs=tuple(
            [
                m.ParticipatingOrg(
                    role=FUNDING,
                    ref=ref,
                    type=LOCAL_GOVERNMENT,
                    narratives=(m.Narrative(name, "fr"),),
                )
                for ref, name in french
            ]
            + [
                m.ParticipatingOrg(
                    role=IMPLEMENTING,
                    type=PARTNER_TYPES.get(p.kind or "other", "90"),
                    narratives=(m.Narrative(p.name or "?", "fr"),),
                )
                for p in partners
            ]
        ),
        activity_status=code,
        activity_dates=dates,
        recipient_countries=tuple(m.RecipientCountry(code=c) for c in countries),
        sectors=shapes.shared_sectors(sectors),
        tags=iati.sdg_tags(goals=[str(g) for g in goals], targets=list(project.sdg_targets)),
        budgets=shapes.yearly_budgets(
            project.budget.total if project.budget else None,
            project.start_date,
            project.end_date,
            currency,
        ),
        transactions=tuple(t for t in transactions if t is not None),
        default_currency=currency,
        language="fr",
    )
