"""Funding finder: every programme of the funding data, judged criterion by criterion."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from coopdec.i18n import _
from coopdec.i18n import english as reader_is_english
from coopdec.projectfile.model import ProjectFile

from .. import programs as progs
from .. import reference
from ..countries import is_oda_eligible
from ..restrictions import PROHIBITED, is_blocked, partner_restrictions
from ..rules.one_percent import mechanism, one_percent_cap
from . import criteria

Criterion = tuple[bool | None, str]


@dataclass(frozen=True)
class ProgramMatch:
    id: str
    name: str
    funder: str
    eligible: bool | None
    reasons: tuple[str, ...]
    max_rate: Decimal | None
    max_amount: Decimal | None
    next_deadline: date | None
    # The reasons of the criteria that failed (a subset of ``reasons``), for the plan check.
    failed: tuple[str, ...] = ()
    # Dated, sourced points of attention (crisis countries…): shown, never hidden, and not
    # a refusal by themselves.
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "funder": self.funder,
            "eligible": self.eligible,
            "reasons": list(self.reasons),
            "max_rate": str(self.max_rate) if self.max_rate is not None else None,
            "max_amount": str(self.max_amount) if self.max_amount is not None else None,
            "next_deadline": self.next_deadline.isoformat() if self.next_deadline else None,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class FundingReport:
    date: date
    programs: tuple[ProgramMatch, ...]

    def get(self, program_id: str) -> ProgramMatch:
        return next(p for p in self.programs if p.id == program_id)

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "programs": [p.to_json() for p in self.programs]}


def funder_name(data: dict[str, Any], *, english: bool | None = None) -> str:
    """Who funds the programme, in the reader's language (``funder_en`` for an English
    reader, default: the language messages are built in). DAECT and DCTCIV are one funder:
    a single canonical name for both."""
    if english is None:
        english = reader_is_english()
    if reference.is_dctciv(data):
        return reference.CANONICAL_DCTCIV_EN if english else reference.CANONICAL_DCTCIV
    name = data.get("funder_en") if english else None
    return str(name or data.get("funder") or "")


def _period(pid: str, data: dict[str, Any], on: date, rate: Decimal | None) -> Criterion:
    state = progs.edition_state(pid, on)
    if state.state == progs.CLOSED:
        return False, _("Période : programme clos.")
    if state.state == progs.NOT_YET:
        return False, _("Période : programme ouvert à partir de %s.") % data["valid_from"]
    if state.state == progs.DATA_ENDED:
        # The data stop, the programme does not: never "non éligible" for that reason.
        return None, _("Période : aucune édition connue pour %d — %s.") % (
            on.year,
            progs.last_edition_note(pid, rate),
        )
    if data.get("status") == "probably_historical":
        return None, _("Période : programme probablement clos (à vérifier).")
    known = progs.deadlines(pid)
    if known and not any(d.day.year >= on.year for d in known):
        # The programme runs but its calendar for this year is not in the data.
        return None, _("Calendrier : aucune date limite connue pour %d — %s.") % (
            on.year,
            progs.last_edition_note(pid, rate),
        )
    return True, _("Période : programme en cours en %d.") % on.year


def _applicant(project: ProjectFile, pid: str, data: dict[str, Any], on: date) -> Criterion:
    if pid in criteria.NOT_FOR_AUTHORITIES:
        return False, _("Porteur : %s.") % criteria.NOT_FOR_AUTHORITIES[pid]
    lead = project.lead_authority
    if lead is None or lead.kind is None:
        return None, _("Porteur : renseigner lead_authority (type et code).")
    if pid in criteria.ONE_PERCENT_SERVICE:
        service = criteria.ONE_PERCENT_SERVICE[pid]
        value = mechanism(service, on)
        if value is None:
            return False, _("Porteur : ce « 1 % » n'existait pas à cette date.")
        if lead.kind not in value.value["authority_kinds"]:
            return False, _("Porteur : réservé à %s.") % ", ".join(value.value["authority_kinds"])
        # The kind is necessary, not sufficient: the authority must run the service itself
        # (for energy: public electricity and gas distribution). A service budget says so.
        budgets = project.service_budgets
        if budgets is None or budgets.get(service) is None:
            return None, _(
                "Porteur : compétence à confirmer — la collectivité doit gérer %s ; renseigner "
                "les ressources du budget de ce service."
            ) % value.value["label"]
        return True, _("Porteur : la collectivité a un budget pour %s.") % value.value["label"]
    kinds = criteria.APPLICANT_KINDS.get(pid)
    if kinds is not None and lead.kind not in kinds:
        return False, _("Porteur : réservé à %s.") % ", ".join(kinds)
    own = criteria.OWN_SCHEMES.get(pid)
    if own is not None and (lead.kind, lead.code) == own:
        return False, _("Porteur : c'est le dispositif de la collectivité elle-même.")
    region = criteria.PROGRAM_REGION.get(pid)
    if region is not None:
        actual = reference.region_of_authority(lead.kind, lead.code)
        if actual is None:
            return None, _(
                "Territoire : région de la collectivité introuvable (vérifier lead_authority.code)."
            )
        if actual != region:
            return False, _("Territoire : dispositif réservé aux acteurs de la région %s.") % region
        return True, _("Territoire : la collectivité est dans la région du dispositif.")
    departement = criteria.PROGRAM_DEPARTEMENT.get(pid)
    if departement is not None:
        if reference.departement_of_authority(lead.kind, lead.code) != departement:
            return False, _("Territoire : dispositif réservé au département %s.") % departement
        return True, _("Territoire : la collectivité est dans le département du dispositif.")
    if pid in criteria.WATER_AGENCIES:
        return _water_basin(pid, lead.kind, lead.code)
    if reference.is_dctciv(data) or pid == "afd-ficol":
        if lead.project_owner is False:
            return False, _("Porteur : une collectivité simple bailleur n'est pas éligible.")
        if lead.project_owner is None:
            return None, _("Porteur : indiquer lead_authority.project_owner (maîtrise d'ouvrage).")
    return True, _("Porteur : collectivité française (%s).") % lead.kind


def _water_basin(pid: str, kind: str | None, code: str | None) -> Criterion:
    """The commune's département settles its basin, except in départements split between
    basins (table ``water_basins.yaml``), where only the commune does: "à vérifier"."""
    departement = reference.departement_of_authority(kind, code)
    if departement is None:
        if kind == "region":
            return None, _("Territoire : une région peut couvrir plusieurs bassins (à vérifier).")
        return None, _(
            "Territoire : département de la collectivité introuvable (vérifier le code)."
        )
    agencies = reference.water_agencies_of(departement)
    name = progs.program_name(pid)
    if not agencies:
        return False, _(
            "Territoire : le département %s ne relève d'aucune des six agences de l'eau "
            "métropolitaines (office de l'eau en outre-mer)."
        ) % departement
    if pid not in agencies:
        return False, _("Territoire : le département %s n'est pas dans le bassin de %s.") % (
            departement,
            name,
        )
    if len(agencies) > 1:
        return None, _(
            "Territoire : le département %s est partagé entre plusieurs bassins ; la commune "
            "décide (à vérifier auprès de %s)."
        ) % (departement, name)
    return True, _(
        "Territoire : le département %s est dans le bassin de %s (table des bassins, confiance "
        "moyenne)."
    ) % (departement, name)


def _countries(project: ProjectFile, pid: str, data: dict[str, Any], on: date) -> Criterion:
    spec = data.get("eligible_countries")
    if pid in criteria.COUNTRY_RULE_OVERRIDES:
        spec = {"rule": criteria.COUNTRY_RULE_OVERRIDES[pid]}
    partners = [p for p in project.foreign_partners() if p.country]
    if spec is None or (isinstance(spec, dict) and spec.get("rule") in {"not_specified", None}):
        return True, _("Pays : pas de restriction géographique connue.")
    if not partners:
        return None, _("Pays : renseigner partners[].country.")
    codes = [p.country for p in partners if p.country]
    if isinstance(spec, list):
        if any(progs.partner_matches(p, str(c)) for p in partners for c in spec):
            return True, _("Pays : partenaire dans le territoire du dispositif (%s).") % ", ".join(
                map(str, spec)
            )
        return False, _("Pays : dispositif réservé à %s.") % ", ".join(map(str, spec))
    rule = spec.get("rule")
    if rule in {"oda_eligible", "oda_eligible_afd_intervention_countries", "developing_countries"}:
        if all(is_oda_eligible(c) for c in codes):
            return True, _(
                "Pays : sur la liste CAD de l'APD (classement compilé, confiance moyenne)."
            )
        return False, _("Pays : hors liste CAD de l'APD (classement compilé, à confirmer).")
    if rule == "list":
        allowed = {str(c) for c in spec.get("iso2") or []}
        ok = any(c in allowed for c in codes)
        return ok, _("Pays : liste du dispositif %s.") % ", ".join(sorted(allowed))
    if rule == "region":
        ok = any(c in criteria.LATIN_AMERICA_CARIBBEAN for c in codes)
        return ok, _("Pays : réservé à l'Amérique latine et aux Caraïbes.")
    if rule == "eu_member_states_and_associated":
        ok = all(c in criteria.EU_AND_ASSOCIATED for c in codes)
        return ok, _("Pays : coopération entre villes de l'UE et des pays associés.")
    if rule == "all_countries_except_joint_fund_countries":
        # The same answer as the rule meae.generalist_exclusion (programs.joint_fund_covers).
        covers = [c for p in partners for c in progs.joint_fund_covers(p, on)]
        current = [c for c in covers if c.state == progs.CURRENT]
        if current:
            return False, _("Pays : relève du dispositif conjoint « %s ».") % current[0].name
        if covers:
            return None, _(
                "Pays : relevait du dispositif conjoint « %s » (dernière édition connue : %s) ; "
                "exclu de l'appel généraliste tant que ce dispositif n'est pas connu clos — à "
                "vérifier."
            ) % (covers[0].name, covers[0].last_year)
        return True, _("Pays : tous pays hors dispositifs conjoints.")
    if rule == "all_countries":
        return True, _("Pays : tous pays.")
    return None, _("Pays : règle géographique à vérifier (%s).") % (spec.get("note") or rule)


def _themes(project: ProjectFile, pid: str) -> Criterion | None:
    wanted = criteria.PROGRAM_THEMES.get(pid)
    if not wanted:
        return None
    if not project.themes:
        return None, _("Thème : renseigner themes (attendu : %s).") % ", ".join(wanted)
    if set(wanted) & set(project.themes):
        return True, _("Thème : le projet relève du secteur du programme.")
    return False, _("Thème : programme réservé à %s.") % ", ".join(wanted)


def _partner_kind(project: ProjectFile, on: date) -> Criterion:
    """A foreign local authority (or grouping, federated entity) the rules do not block."""
    partners = project.foreign_partners()
    if not partners or any(p.kind is None for p in partners):
        return None, _("Partenaire : indiquer le type de chaque partenaire étranger.")
    local = [p for p in partners if p.kind in criteria.LOCAL_PARTNER_KINDS]
    if not local:
        return False, _(
            "Partenaire : une autorité locale étrangère (ou un groupement, une entité fédérée) "
            "est requise — jamais un État seul ni une ONG seule."
        )
    if all(is_blocked(p, on) for p in local):
        return False, _(
            "Partenaire : la France ne reconnaît pas les autorités du territoire du partenaire."
        )
    return True, _("Partenaire : autorité locale étrangère.")


def _prerequisites(project: ProjectFile) -> Criterion:
    values = project.prerequisites
    fields = ("apd_declared_previous_year", "atlas_up_to_date", "previous_reports_submitted")
    found = [getattr(values, f) if values else None for f in fields]
    if values is not None and values.first_action:
        # A first action has nothing earlier to declare, update or report on.
        found = [True if v is not True else v for v in found]
    if any(v is False for v in found):
        return False, _(
            "Préalables MEAE : APD déclarée, Atlas à jour, comptes rendus déposés — non remplis."
        )
    if any(v is None for v in found):
        return None, _("Préalables MEAE : renseigner prerequisites (APD, Atlas, comptes rendus).")
    return True, _("Préalables MEAE remplis.")


def _years(project: ProjectFile) -> int:
    if project.start_date and project.end_date:
        months = (
            (project.end_date.year - project.start_date.year) * 12
            + (project.end_date.month - project.start_date.month)
            + 1
        )
        return max(1, math.ceil(months / 12))
    return 1


def _ceiling(cofinancing: dict[str, Any], years: int) -> tuple[Decimal | None, str | None]:
    """The euro ceiling a programme states, scaled to the project length where it is yearly."""
    if cofinancing.get("aid_ceiling_EUR") is not None:
        return Decimal(str(cofinancing["aid_ceiling_EUR"])), _("plafond d'aide")
    if cofinancing.get("ceiling_EUR") is not None:
        return Decimal(str(cofinancing["ceiling_EUR"])), _("plafond")
    if cofinancing.get("ceiling_EUR_per_year") is not None:
        by_duration = cofinancing.get("ceiling_by_duration_EUR") or {}
        capped_years = min(years, 3) if by_duration else years
        return Decimal(str(cofinancing["ceiling_EUR_per_year"])) * capped_years, _(
            "plafond annuel × %d an(s)"
        ) % capped_years
    if isinstance(cofinancing.get("aid_ceiling"), str) and "par an" in cofinancing["aid_ceiling"]:
        digits = "".join(ch for ch in cofinancing["aid_ceiling"].split("€")[0] if ch.isdigit())
        return Decimal(digits) * years, _("plafond annuel × %d an(s)") % years
    if cofinancing.get("indicative_ceiling_EUR") is not None:
        return Decimal(str(cofinancing["indicative_ceiling_EUR"])), _("plafond indicatif")
    typical = cofinancing.get("typical_max_grant")
    if isinstance(typical, dict) and typical.get("EUR_per_year") is not None:
        return Decimal(str(typical["EUR_per_year"])) * years, _(
            "montant habituel maximal × %d an(s)"
        ) % years
    return None, None


def _rate(
    project: ProjectFile, pid: str, data: dict[str, Any], on: date
) -> tuple[Decimal | None, str, bool]:
    """(rate, why, known): ``known`` is False when the rate is the last edition's, given only
    for information because no rule set covers the date."""
    cofinancing = data.get("cofinancing") or {}
    if reference.is_dctciv(data) and "general_rules_by_year" in cofinancing:
        answer = progs.dctciv_max_rate(project, pid, on)
        return answer.rate, answer.explanation, answer.last_known_year is None
    raw = cofinancing.get("max_rate")
    if isinstance(raw, dict):
        raw = raw.get("collectivites")
    if raw is None:
        return (
            None,
            str(cofinancing.get("note") or _("taux maximal non publié dans les sources lues")),
            True,
        )
    return Decimal(str(raw)), _("taux maximal du programme"), True


def evaluate_program(project: ProjectFile, pid: str, on: date) -> ProgramMatch:
    """Judge one programme for this project on this date."""
    data = progs.program(pid)
    rate, why, rate_known = _rate(project, pid, data, on)
    checks: list[Criterion] = [
        _period(pid, data, on, rate),
        _applicant(project, pid, data, on),
        _countries(project, pid, data, on),
    ]
    theme = _themes(project, pid)
    if theme is not None:
        checks.append(theme)
    if reference.is_dctciv(data):
        checks.append(_prerequisites(project))
    if reference.is_dctciv(data) or pid in criteria.LOCAL_PARTNER_REQUIRED:
        checks.append(_partner_kind(project, on))
    if not rate_known:
        checks.append((None, _("Taux : %s — à vérifier.") % why))
    total = project.budget.total if project.budget else None
    max_amount: Decimal | None = None
    reasons = [reason for _ok, reason in checks]
    if pid in criteria.ONE_PERCENT_SERVICE:
        max_amount = one_percent_cap(project, criteria.ONE_PERCENT_SERVICE[pid], on)
        reasons.append(
            _("Montant : 1 %% des ressources du budget du service, soit %s €.") % max_amount
            if max_amount is not None
            else _("Montant : renseigner service_budgets.%s.") % criteria.ONE_PERCENT_SERVICE[pid]
        )
    else:
        if rate is not None and total:
            max_amount = progs.cents(total * rate)
        ceiling, label = _ceiling(data.get("cofinancing") or {}, _years(project))
        if ceiling is not None:
            reasons.append(_("Montant : %s de %s €.") % (label, ceiling))
            # A grant never exceeds its ceiling nor the project's total cost.
            max_amount = min(c for c in (max_amount, ceiling, total) if c is not None)
        rate_text = progs.percent(rate) if rate is not None else _("inconnu")
        reasons.append(_("Taux maximal : %s (%s).") % (rate_text, why))
    deadline = progs.next_deadline(pid, on)
    warnings = _cautions(project, on)
    eligible: bool | None = True
    if any(ok is False for ok, _r in checks):
        eligible = False
    elif any(ok is None for ok, _r in checks):
        eligible = None
    return ProgramMatch(
        id=pid,
        name=progs.program_name(pid),
        funder=funder_name(data),
        eligible=eligible,
        reasons=(*warnings, *reasons),
        max_rate=rate,
        max_amount=max_amount,
        next_deadline=deadline.day if deadline else None,
        failed=tuple(reason for ok, reason in checks if ok is False),
        warnings=warnings,
    )


def _cautions(project: ProjectFile, on: date) -> tuple[str, ...]:
    """The partners' restrictions on ``on`` (same source as restrictions.unrecognised_territory)."""
    out: list[str] = []
    for partner in project.foreign_partners():
        for found in partner_restrictions(partner, on):
            who = partner.name or reference.country_name(partner.country)
            if found.status == PROHIBITED:
                text = _("Attention : %s relève de « %s » — aucun acte de coopération possible.")
                out.append(text % (who, found.label))
            else:
                out.append(_("Attention : %s — %s") % (who, found.note))
    return tuple(dict.fromkeys(out))


def _rank(match: ProgramMatch) -> tuple[int, Decimal, str]:
    order = {True: 0, None: 1, False: 2}[match.eligible]
    return order, -(match.max_amount or Decimal(0)), match.id


def find_funding(project: ProjectFile, on: date) -> FundingReport:
    """Every programme in the funding data for this project: eligible ones first, by amount."""
    matches = [evaluate_program(project, pid, on) for pid in reference.programs_by_id()]
    return FundingReport(date=on, programs=tuple(sorted(matches, key=_rank)))
