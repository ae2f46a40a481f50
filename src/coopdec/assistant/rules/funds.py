"""AFD's FICOL and the MEAE joint (bilateral) funds: the conditions the data documents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from coopdec.i18n import N_, _
from coopdec.projectfile.model import ProjectFile

from .. import programs as progs
from .. import reference
from ..countries import is_oda_eligible
from .base import Context, rule

_FICOL = (
    "AFD, la FICOL, un tremplin pour l'action extérieure des territoires français",
    "http://www.afd.fr/fr/la-ficol-un-tremplin-pour-laction-exterieure-des-territoires-francais",
)
_FICOL_2024 = (
    "Occitanie Coopération, FICOL 2024",
    "https://www.oc-cooperation.org/appel-projet/financements-des-collectivites-territoriales-francaises-ficol-2024-2/",
)
_LOCAL_KINDS = ("local_authority", "federated_entity", "grouping")


@rule(
    "ficol.eligibility",
    title=N_("Éligibilité de base à la FICOL (AFD)"),
    description=N_(
        "La collectivité française est directement impliquée (jamais simple bailleur), dans un "
        "pays où l'AFD intervient (liste CAD de l'APD), de préférence avec une seule collectivité "
        "partenaire, dans un secteur des stratégies de l'AFD ; dépôt avant la date limite annuelle."
    ),
    sources=[_FICOL, _FICOL_2024],
    valid_from=date(2014, 1, 1),
    parameters=("ficol_themes",),
)
def ficol(project: ProjectFile, on: date, ctx: Context) -> None:
    if not any(line.program == "afd-ficol" for line in project.financing):
        ctx.not_applicable(_("Sans objet : la FICOL n'est pas sollicitée."))
        return
    if on < date(2014, 1, 1):
        ctx.block(_("La FICOL n'existait pas avant 2014."))
        return
    lead = project.lead_authority
    if lead is None or lead.project_owner is None:
        ctx.unknown(
            _("Indiquer si la collectivité est maître d'ouvrage : lead_authority.project_owner.")
        )
    elif not lead.project_owner:
        ctx.block(_("FICOL : un projet où la collectivité n'est que bailleur est rejeté."))
    countries = progs.partner_countries(project)
    if not countries:
        ctx.unknown(_("Renseigner partners[].country."))
    for country in countries:
        ctx.doubt("medium")
        if not is_oda_eligible(country):
            ctx.block(
                _(
                    "FICOL : %s n'est pas sur la liste CAD de l'APD (pays d'intervention de "
                    "l'AFD) — classement à confirmer."
                )
                % reference.country_name(country)
            )
    locals_ = [p for p in project.foreign_partners() if p.kind in _LOCAL_KINDS]
    if len(locals_) > 1:
        ctx.warn(
            _(
                "FICOL : projet de préférence sur le territoire d'une seule collectivité "
                "partenaire (%d ici)."
            )
            % len(locals_)
        )
    themes = ctx.param("ficol_themes")
    if not project.themes:
        ctx.unknown(_("Renseigner themes pour vérifier la cohérence avec les secteurs de l'AFD."))
    elif themes is not None and not set(themes.value) & set(project.themes):
        ctx.warn(_("FICOL : aucun thème du projet ne figure parmi les secteurs cités par l'AFD."))
    upcoming = [d for d in progs.deadlines("afd-ficol") if d.day.year == on.year and d.day >= on]
    if upcoming:
        ctx.ok(_("FICOL : date limite %s.") % upcoming[0].day.isoformat())
    elif any(d.day.year == on.year for d in progs.deadlines("afd-ficol")):
        ctx.block(_("FICOL : date limite %d dépassée.") % on.year)
    else:
        ctx.unknown(_("FICOL : calendrier %d inconnu ; vérifier auprès de l'AFD.") % on.year)
    ctx.ok(_("Conditions de base de la FICOL remplies."))


def _joint_fund_lines(project: ProjectFile) -> list[str]:
    ids = [
        line.program
        for line in project.financing
        if line.program and progs.program(line.program).get("kind") == "joint_fund"
    ]
    return list(dict.fromkeys(ids))


@rule(
    "joint_funds.conditions",
    title=N_("Conditions des dispositifs conjoints"),
    description=N_(
        "Dépôt conjoint par au moins une collectivité française et une collectivité du pays du "
        "dispositif ; Sénégal 2024 : collectivité française ≥ 20 %, sénégalaise ≥ 10 % ; Québec "
        "(FFQCD) : les partenaires financent au moins autant que la subvention ; dispositifs clos "
        "exclus."
    ),
    sources=[
        (
            "France Diplomatie, appels à projets géographiques",
            "https://www.diplomatie.gouv.fr/fr/politique-etrangere-de-la-france/action-exterieure-des-collectivites-territoriales/appels-a-projets-et-fonds-en-soutien-a-la-cooperation-decentralisee/appel-a-projets-franco-marocain/",
        )
    ],
    parameters=("joint_fund_senegal_shares", "joint_fund_quebec_matching"),
)
def joint_funds(project: ProjectFile, on: date, ctx: Context) -> None:
    fund_ids = _joint_fund_lines(project)
    if not fund_ids:
        ctx.not_applicable(_("Sans objet : aucun dispositif conjoint sollicité."))
        return
    total = project.budget.total if project.budget else None
    for fund_id in fund_ids:
        data: dict[str, Any] = progs.program(fund_id)
        name = progs.program_name(fund_id)
        for source in progs.program_sources(fund_id, 1):
            ctx.add_source(source)
        ctx.doubt(str(data.get("confidence", "medium")))
        if data.get("status") in {"closed", "historical"}:
            ctx.block(_("%s : dispositif clos.") % name)
            continue
        codes = [str(c) for c in data.get("eligible_countries") or []]
        partners = [p for p in project.partners if any(progs.partner_matches(p, c) for c in codes)]
        if not project.partners:
            ctx.unknown(_("Renseigner partners (collectivité du pays du dispositif)."))
        elif not partners:
            ctx.block(
                _("%s : aucun partenaire dans le territoire du dispositif (%s).")
                % (name, ", ".join(codes))
            )
        elif not any(p.kind in _LOCAL_KINDS for p in partners):
            ctx.block(
                _(
                    "%s : le dossier est déposé conjointement avec une collectivité du pays "
                    "partenaire."
                )
                % name
            )
        if fund_id == "joint-fund-senegal":
            _senegal(project, ctx, total)
        if fund_id == "joint-fund-quebec-ffqcd":
            _quebec(project, ctx, total, fund_id)
        ctx.ok(_("%s : conditions connues remplies.") % name)


def _senegal(project: ProjectFile, ctx: Context, total: Decimal | None) -> None:
    shares = ctx.param("joint_fund_senegal_shares")
    if shares is None:
        ctx.ok(
            _(
                "Sénégal : pas de part minimale spécifique connue à cette date (règles générales "
                "de l'année)."
            )
        )
        return
    if not total:
        ctx.unknown(
            _("Renseigner budget.total pour vérifier les parts du dispositif franco-sénégalais.")
        )
        return
    cash, in_kind = progs.own_contribution(project)
    partner = sum((f.amount for f in project.lines("partner") if f.amount is not None), Decimal(0))
    french_min = Decimal(str(shares.value["french_min"]))
    partner_min = Decimal(str(shares.value["partner_min"]))
    if (cash + in_kind) / total < french_min:
        ctx.block(
            _("Sénégal : la collectivité française doit apporter au moins %s du budget (%s).")
            % (progs.percent(french_min), progs.percent((cash + in_kind) / total))
        )
    if partner / total < partner_min:
        ctx.block(
            _("Sénégal : la collectivité sénégalaise doit apporter au moins %s du budget (%s).")
            % (progs.percent(partner_min), progs.percent(partner / total))
        )


def _quebec(project: ProjectFile, ctx: Context, total: Decimal | None, fund_id: str) -> None:
    ratio = ctx.param("joint_fund_quebec_matching")
    if ratio is None:
        return
    grant = progs.program_total(project, fund_id)
    others = sum(
        (f.amount for f in project.financing if f.amount is not None and f.program != fund_id),
        Decimal(0),
    )
    if others < grant * Decimal(str(ratio.value)):
        ctx.block(
            _(
                "FFQCD : les partenaires doivent financer au moins autant que la subvention "
                "demandée (%s € contre %s €)."
            )
            % (others, grant)
        )
