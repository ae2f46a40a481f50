"""The annual APD declaration: what an authority declares for year N-1, prepared per project.

Sources (docs/apd.md): the authority's **project files** carry its financing plan, so they give
an amount; its **catalogue projects** give the country, sector and partners but no amount (the
catalogue knows a project's total budget, not what the authority paid in a year). Both are
used; a project file and a catalogue project with the same title are one project.

Per project and beneficiary country (a multi-country project is split equally):
- amount: the authority's own cash and 1 % funds over the whole project, times the share of
  the project's days that fall in year N-1 — an estimate, to be replaced by what was paid;
  valuations in kind and co-financing received are shown apart (they are not the authority's
  own APD: the State's grants are declared by the State);
- ODA eligibility of the country in year N-1 (OECD DAC list, as shipped);
- DAC sector: the project's first sector, else its first theme's default sector;
- channel (CRS channel code): the partner's kind — foreign local authority 12002, State 12001,
  NGO 23000; aid type C01 (project-type intervention).
Each row lists what the officer must still check or complete.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from coopdec.assistant import Project as ProjectFile
from coopdec.catalogue.models import FrenchAuthority, Project
from coopdec.formats.iati import load_codelist
from coopdec.opendata.iati_activity import export_queryset, foreign_authorities
from coopdec.opendata.selection import Selection
from coopdec.reference.models import Country, OdaRecipient, Theme

CENT = Decimal("0.01")
LOCAL_GOVERNMENT, CENTRAL_GOVERNMENT, SOUTH_NGO = "12002", "12001", "23000"
CHANNELS = {
    "local_authority": LOCAL_GOVERNMENT,
    "federated_entity": LOCAL_GOVERNMENT,
    "grouping": LOCAL_GOVERNMENT,
    "state": CENTRAL_GOVERNMENT,
    "ngo": SOUTH_NGO,
}
PROJECT_TYPE = "C01"
GROUPS = {
    "LDC": "PMA",
    "OLIC": "autre pays à faible revenu",
    "LMIC": "revenu intermédiaire (tranche inférieure)",
    "UMIC": "revenu intermédiaire (tranche supérieure)",
}


@dataclass
class ApdRow:
    year: int
    authority: str
    authority_code: str
    project: str
    reference: str
    origin: str  # "fichier de projet" | "catalogue"
    country: str
    country_name: str = ""
    oda_eligibility: str = ""
    dac_sector: str = ""
    dac_sector_label: str = ""
    channel: str = ""
    channel_label: str = ""
    aid_type: str = PROJECT_TYPE
    aid_type_label: str = ""
    amount: Decimal | None = None
    one_percent: Decimal | None = None
    in_kind: Decimal | None = None
    cofinancing_received: Decimal | None = None
    amount_basis: str = ""
    to_complete: list[str] = field(default_factory=list)


def year_share(start: date | None, end: date | None, year: int) -> Decimal | None:
    """The share of a project's days that fall in ``year`` (None if a date is missing)."""
    if start is None or end is None or end < start:
        return None
    first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
    days = (last - first).days + 1
    return Decimal(max(days, 0)) / Decimal((end - start).days + 1)


class _Reference:
    """Labels and ODA status, loaded once per declaration."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.countries = dict(Country.objects.values_list("iso2", "name_fr"))
        listed = OdaRecipient.objects.filter(first_year__lte=year, last_year__gte=year)
        self.has_list = listed.exists()
        self.oda = dict(listed.values_list("country__iso2", "group"))
        self.sectors = load_codelist("Sector")
        self.channels = load_codelist("CRSChannelCode")
        self.aid_types = load_codelist("AidType")
        self.theme_sectors = dict(Theme.objects.values_list("code", "default_dac_sector__code"))

    def eligibility(self, iso2: str) -> tuple[str, str | None]:
        if not self.has_list:
            return "?", _("vérifier l'éligibilité APD : liste CAD %(year)d non livrée") % {
                "year": self.year
            }
        if iso2 in self.oda:
            return GROUPS.get(self.oda[iso2], self.oda[iso2]), None
        return _("hors liste CAD"), _("pays hors liste CAD : ne pas déclarer en APD")

    def fill(self, row: ApdRow, sectors: list[str], channel: str | None) -> ApdRow:
        row.country_name = self.countries.get(row.country, row.country)
        row.oda_eligibility, warning = self.eligibility(row.country)
        if warning:
            row.to_complete.append(warning)
        if sectors:
            row.dac_sector = sectors[0]
            row.dac_sector_label = (
                self.sectors.label(sectors[0]) if sectors[0] in self.sectors else ""
            )
            if len(sectors) > 1:
                row.to_complete.append(
                    _("plusieurs secteurs (%(codes)s) : garder le principal ou répartir")
                    % {"codes": ", ".join(sectors)}
                )
        else:
            row.to_complete.append(_("secteur CAD"))
        if channel:
            row.channel, row.channel_label = channel, self.channels.label(channel)
        else:
            row.to_complete.append(_("canal d'acheminement (opérateur)"))
        row.aid_type_label = self.aid_types.label(row.aid_type)
        return row


def _split(amount: Decimal | None, parts: int) -> Decimal | None:
    if amount is None:
        return None
    return (amount / parts).quantize(CENT, rounding=ROUND_HALF_UP)


def _file_rows(
    name: str, project: ProjectFile, authority: FrenchAuthority, ref: _Reference
) -> Iterator[ApdRow]:
    share = year_share(project.start_date, project.end_date, ref.year)
    if share == 0:
        return
    countries = sorted({p.country for p in project.foreign_partners() if p.country}) or ["?"]
    total = {"own_cash": Decimal(0), "one_percent": Decimal(0), "own_in_kind": Decimal(0)}
    received = Decimal(0)
    for line in project.financing:
        if line.amount is None:
            continue
        if line.source in total:
            total[line.source] += line.amount
        elif line.source in ("program", "partner", "other"):
            received += line.amount

    def of_year(value: Decimal) -> Decimal | None:
        return None if share is None else _split(value * share, len(countries))

    sectors = [ref.theme_sectors[t] for t in project.themes if ref.theme_sectors.get(t)]
    kinds = [p.kind for p in project.foreign_partners() if p.kind in CHANNELS]
    for iso2 in countries:
        row = ApdRow(
            year=ref.year,
            authority=authority.name,
            authority_code=f"{authority.kind}:{authority.code}",
            project=project.title or name,
            reference=name,
            origin=_("fichier de projet"),
            country=iso2,
            amount=of_year(total["own_cash"] + total["one_percent"]),
            one_percent=of_year(total["one_percent"]),
            in_kind=of_year(total["own_in_kind"]),
            cofinancing_received=of_year(received),
        )
        if share is None:
            row.amount_basis = _("dates du projet manquantes : montant à calculer")
            row.to_complete.append(_("montant versé en %(year)d") % {"year": ref.year})
        else:
            row.amount_basis = _(
                "estimation : fonds propres et 1 %% du plan de financement × %(share)s %% des "
                "jours du projet en %(year)d"
            ) % {"share": (share * 100).quantize(Decimal("0.1")), "year": ref.year}
            row.to_complete.append(_("remplacer l'estimation par le montant réellement versé"))
        if len(countries) > 1:
            row.to_complete.append(_("projet multi-pays : répartition égale à vérifier"))
        yield ref.fill(row, sectors, CHANNELS[kinds[0]] if kinds else None)


def _catalogue_rows(
    project: Project, authority: FrenchAuthority, ref: _Reference
) -> Iterator[ApdRow]:
    if year_share(project.start_date, project.end_date, ref.year) == 0:
        return
    partners = foreign_authorities(project)
    countries = sorted(
        {c.iso2 for c in project.countries.all()} | {a.country.iso2 for a in partners}
    )
    sectors = sorted(s.code for s in project.dac_sectors.all()) or sorted(
        {t.default_dac_sector.code for t in project.themes.all() if t.default_dac_sector}
    )
    for iso2 in countries or ["?"]:
        row = ApdRow(
            year=ref.year,
            authority=authority.name,
            authority_code=f"{authority.kind}:{authority.code}",
            project=project.title,
            reference=project.key,
            origin=_("catalogue"),
            country=iso2,
            amount_basis=_("le catalogue ne connaît pas les versements de la collectivité"),
        )
        row.to_complete.append(_("montant versé en %(year)d") % {"year": ref.year})
        if project.start_date is None or project.end_date is None:
            row.to_complete.append(
                _("vérifier que le projet était actif en %(year)d") % {"year": ref.year}
            )
        yield ref.fill(row, sectors, LOCAL_GOVERNMENT if partners else None)


def declaration(
    authority: FrenchAuthority,
    campaign_year: int,
    project_files: Iterable[tuple[str, ProjectFile]] = (),
) -> list[ApdRow]:
    """The rows to declare in the campaign of ``campaign_year`` (amounts of the year before).

    Project files whose lead or co-authority is ``authority`` come first; then the
    authority's catalogue projects that overlap the year and are not already given by a file.
    """
    ref = _Reference(campaign_year - 1)
    rows: list[ApdRow] = []
    titles: set[str] = set()
    for name, project_file in project_files:
        members = [project_file.lead_authority, *project_file.co_authorities]
        if any(m and m.kind == authority.kind and m.code == authority.code for m in members):
            rows += _file_rows(name, project_file, authority, ref)
            titles.add((project_file.title or "").casefold())
    projects = export_queryset(Selection(authority=authority).projects())
    for project in projects.iterator(chunk_size=500):
        if project.title.casefold() not in titles:
            rows += _catalogue_rows(project, authority, ref)
    return rows
