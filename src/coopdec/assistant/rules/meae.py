"""The ministry's calls for projects (DAECT, now DCTCIV): prerequisites, rates, deadlines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from coopdec.i18n import N_, _
from coopdec.projectfile.model import ProjectFile

from .. import programs as progs
from .. import reference
from .base import Context, rule

_AAP_2024 = (
    "Banque des Territoires, les appels à projets 2024",
    "https://banquedesterritoires.fr/cooperation-decentralise-les-programme-des-appels-projets-2024",
)
_AAP_2025 = (
    "Jumelages & Partenariats, note DCTCIV du 8 janvier 2025",
    "https://jumelages-partenariats.com/en/actualites.php?n=22673",
)
_AAP_GENERALISTE = (
    "France Diplomatie, appels à projets en soutien à la coopération décentralisée",
    "http://www.diplomatie.gouv.fr/fr/politique-etrangere-de-la-france/action-exterieure-des/appels-a-projets-et-fonds-en/appel-a-projets-triennaux/article/appel-a-projets-2013-2015",
)


def _minimum_share(
    ctx: Context, share: Decimal, needed: Decimal, *, below: str, above: str
) -> None:
    """Blocking below a required share of the budget, ok at or above it."""
    message = below if share < needed else above
    text = message % (progs.percent(share), progs.percent(needed))
    if share < needed:
        ctx.block(text)
    else:
        ctx.ok(text)


def _last_known(name: str, on: date) -> str:
    """« dernière valeur connue : 10 % (2025) » for a parameter the data stop before ``on``."""
    from ..params import parameter

    older = [v for v in parameter(name).values if v.valid_to is not None and v.valid_to < on]
    if not older:
        return ""
    last = max(older, key=lambda v: v.valid_to or on)
    year = last.valid_to.year if last.valid_to else on.year
    shown = progs.percent(Decimal(str(last.value))) if isinstance(last.value, float) else ""
    if not shown:
        return ""
    return _(" À vérifier — dernière valeur connue : %s (édition %d).") % (shown, year)


def _no_call(ctx: Context) -> None:
    ctx.not_applicable(
        _("Sans objet : aucun appel à projets du MEAE (DCTCIV) dans le plan de financement.")
    )


@rule(
    "meae.prerequisites",
    title=N_("Préalables aux cofinancements du MEAE"),
    description=N_(
        "Pour tout cofinancement du MEAE : déclaration de l'APD de l'année précédente, Atlas "
        "de la coopération décentralisée à jour, comptes rendus des projets cofinancés "
        "antérieurement déposés."
    ),
    sources=[_AAP_2024],
    valid_from=date(2015, 1, 1),
    parameters=("apd_prerequisite_for_meae",),
    # Secondary sources only (press reports of the ministry's notes): not "high".
    confidence="medium",
)
def meae_prerequisites(project: ProjectFile, on: date, ctx: Context) -> None:
    if not progs.dctciv_lines(project):
        _no_call(ctx)
        return
    required = ctx.param("apd_prerequisite_for_meae")
    if required is None:
        ctx.ok(_("Pas de préalable connu à cette date."))
        return
    labels = {
        "apd_declared_previous_year": _("déclaration de l'APD de l'année précédente"),
        "atlas_up_to_date": _("Atlas de la coopération décentralisée à jour"),
        "previous_reports_submitted": _("comptes rendus des projets antérieurs déposés"),
    }
    prerequisites = project.prerequisites
    first = prerequisites.first_action if prerequisites else None
    for key in required.value:
        value = getattr(prerequisites, key) if prerequisites else None
        if first and not value:
            ctx.not_applicable(
                _("Sans objet (première action) : %s — rien d'antérieur à déclarer.") % labels[key]
            )
            continue
        if value is None:
            ctx.unknown(_("Renseigner prerequisites.%s (%s).") % (key, labels[key]))
        elif not value:
            ctx.block(
                _("Préalable non rempli : %s ; le dossier n'est pas recevable.") % labels[key]
            )
    ctx.ok(_("Les préalables du MEAE sont remplis."))


@rule(
    "meae.project_owner",
    title=N_("Collectivité française maître d'ouvrage"),
    description=N_(
        "La maîtrise d'ouvrage revient à une ou plusieurs collectivités françaises (la "
        "maîtrise d'œuvre peut être déléguée) ; une collectivité simple bailleur n'est pas "
        "éligible."
    ),
    sources=[_AAP_GENERALISTE],
)
def project_owner(project: ProjectFile, on: date, ctx: Context) -> None:
    if not progs.dctciv_lines(project):
        _no_call(ctx)
        return
    lead = project.lead_authority
    if lead is None or lead.kind is None:
        ctx.unknown(_("Renseigner lead_authority (type et code de la collectivité française)."))
    elif lead.project_owner is None:
        ctx.unknown(
            _("Indiquer si la collectivité est maître d'ouvrage : lead_authority.project_owner.")
        )
    elif not lead.project_owner:
        ctx.block(
            _(
                "Une collectivité simple bailleur n'est pas éligible : elle doit être maître "
                "d'ouvrage."
            )
        )
    else:
        ctx.ok(_("La collectivité française est maître d'ouvrage du projet."))


@rule(
    "meae.own_contribution",
    title=N_("Contribution minimale de la collectivité française"),
    description=N_(
        "En 2025, la ou les collectivités françaises apportent au moins 10 % du budget total "
        "(numéraire et valorisation) ; aucun minimum n'a été retrouvé pour les autres années."
    ),
    sources=[_AAP_2025],
    parameters=("dctciv_min_own_share",),
    # Secondary sources only (press reports of the ministry's notes): not "high".
    confidence="medium",
)
def own_contribution(project: ProjectFile, on: date, ctx: Context) -> None:
    if not progs.dctciv_lines(project):
        _no_call(ctx)
        return
    minimum = ctx.param("dctciv_min_own_share")
    if minimum is None:
        ctx.unknown(
            _(
                "Part minimale de la collectivité française non publiée pour %d dans les sources "
                "lues : vérifier le règlement de l'appel."
            )
            % on.year
            + _last_known("dctciv_min_own_share", on)
        )
        return
    total = project.budget.total if project.budget else None
    if not total:
        ctx.unknown(_("Renseigner budget.total pour vérifier la part minimale de la collectivité."))
        return
    cash, in_kind = progs.own_contribution(project)
    share = (cash + in_kind) / total
    _minimum_share(
        ctx,
        share,
        Decimal(str(minimum.value)),
        below=_("Contribution de la collectivité : %s du budget, en dessous du minimum de %s."),
        above=_("Contribution de la collectivité : %s du budget (minimum %s)."),
    )


@rule(
    "meae.in_kind_limit",
    title=N_("Plafond de la valorisation"),
    description=N_(
        "En 2025, la valorisation (dont les salaires des agents) ne dépasse pas 50 % de la "
        "contribution totale de la collectivité française (numéraire + valorisation)."
    ),
    sources=[_AAP_2025],
    parameters=("dctciv_max_in_kind_share",),
    # Secondary sources only (press reports of the ministry's notes): not "high".
    confidence="medium",
)
def in_kind_limit(project: ProjectFile, on: date, ctx: Context) -> None:
    if not progs.dctciv_lines(project):
        _no_call(ctx)
        return
    limit = ctx.param("dctciv_max_in_kind_share")
    if limit is None:
        ctx.unknown(
            _(
                "Plafond de valorisation non publié pour %d dans les sources lues : vérifier le "
                "règlement de l'appel."
            )
            % on.year
            + _last_known("dctciv_max_in_kind_share", on)
        )
        return
    cash, in_kind = progs.own_contribution(project)
    if cash + in_kind == 0:
        ctx.unknown(
            _("Renseigner la contribution de la collectivité (financing: own_cash, own_in_kind).")
        )
        return
    share = in_kind / (cash + in_kind)
    cap = Decimal(str(limit.value))
    if share > cap:
        ctx.block(
            _("La valorisation représente %s de la contribution de la collectivité (plafond %s).")
            % (progs.percent(share), progs.percent(cap))
        )
    else:
        ctx.ok(
            _("La valorisation représente %s de la contribution de la collectivité (plafond %s).")
            % (progs.percent(share), progs.percent(cap))
        )


@rule(
    "meae.max_rate",
    title=N_("Taux maximal de cofinancement du MEAE"),
    description=N_(
        "Part maximale du coût total apportée par la DCTCIV selon l'année et le pays : 2021-2023 "
        "70 % (19 pays prioritaires) / 50 % / 30 % ; 2024 90 % (PMA) / 70 % ; 2025 70 % (PMA) / "
        "50 % (autres pays APD) / 30 % (hors APD), 60 % forfaitaire en multi-pays."
    ),
    sources=[_AAP_2024, _AAP_2025],
    valid_from=date(2021, 1, 1),
    parameters=("dctciv_max_rate", "joint_fund_liban_max_rate"),
    # Secondary sources only (press reports of the ministry's notes): not "high".
    confidence="medium",
)
def max_rate(project: ProjectFile, on: date, ctx: Context) -> None:
    lines = progs.dctciv_lines(project)
    if not lines:
        _no_call(ctx)
        return
    total = project.budget.total if project.budget else None
    for program_id in dict.fromkeys(line.program for _i, line in lines if line.program):
        answer = progs.dctciv_max_rate(project, program_id, on)
        if answer.value is not None:
            ctx.use(answer.value)
        for group in answer.groups:
            ctx.doubt(group.confidence)
        name = progs.program_name(program_id)
        if answer.rate is None:
            ctx.unknown(_("%s : taux maximal inconnu — %s.") % (name, answer.explanation))
            continue
        if answer.last_known_year is not None:
            ctx.unknown(
                _("%s : %s (%s).")
                % (name, progs.last_edition_note(program_id, answer.rate), answer.explanation)
            )
            continue
        if not total:
            ctx.unknown(_("Renseigner budget.total pour vérifier le taux de cofinancement."))
            continue
        share = progs.program_total(project, program_id) / total
        doubt = ""
        if any(g.confidence != "high" for g in answer.groups):
            doubt = _(
                " Classement du pays sur la liste CAD à confirmer (liste compilée, confiance "
                "moyenne ou faible)."
            )
        if share > answer.rate:
            ctx.block(
                _("%s : %s du coût total, au-delà du maximum de %s (%s).%s")
                % (
                    name,
                    progs.percent(share),
                    progs.percent(answer.rate),
                    answer.explanation,
                    doubt,
                )
            )
        else:
            ctx.ok(
                _("%s : %s du coût total, dans la limite de %s (%s).%s")
                % (
                    name,
                    progs.percent(share),
                    progs.percent(answer.rate),
                    answer.explanation,
                    doubt,
                )
            )


@rule(
    "meae.deadline",
    title=N_("Date limite de l'appel à projets"),
    description=N_(
        "Chaque appel a ses dates par année (calendrier 2025 révisé après le report budgétaire) ; "
        "un dossier déposé après la date limite n'est pas recevable."
    ),
    sources=[_AAP_2025],
    # Secondary sources only (press reports of the ministry's notes): not "high".
    confidence="medium",
)
def deadline(project: ProjectFile, on: date, ctx: Context) -> None:
    lines = progs.dctciv_lines(project)
    if not lines:
        _no_call(ctx)
        return
    for program_id in dict.fromkeys(line.program for _i, line in lines if line.program):
        _deadline_of(ctx, program_id, on)


def _deadline_of(ctx: Context, program_id: str, on: date) -> None:
    name = progs.program_name(program_id)
    known = progs.deadlines(program_id)
    same_year = [d for d in known if d.day.year == on.year]
    upcoming = [d for d in same_year if d.day >= on]
    for item in (upcoming or same_year or known[-1:])[:1]:
        for source in item.sources:
            ctx.add_source(source)
        ctx.doubt(item.confidence)
    if upcoming:
        ctx.ok(
            _("%s : date limite de dépôt le %s (édition %s).")
            % (name, upcoming[0].day.isoformat(), upcoming[0].edition)
        )
    elif same_year:
        ctx.block(
            _("%s : date limite %d dépassée (%s, édition %s).")
            % (name, on.year, same_year[-1].day.isoformat(), same_year[-1].edition)
        )
    else:
        # No calendar for this year is not a refusal: the call may run again.
        ctx.unknown(
            _("%s : aucun calendrier connu pour %d ; %s. Vérifier sur le site du MEAE.")
            % (name, on.year, progs.last_edition_note(program_id))
        )


@rule(
    "meae.monitoring_evaluation",
    title=N_("Part du budget consacrée au suivi-évaluation"),
    description=N_(
        "En 2018, au moins 7 % du budget est consacré au suivi-évaluation (AAP généraliste)."
    ),
    sources=[
        (
            "Jumelages & Partenariats, AAP 2018",
            "https://jumelages-partenariats.com/actualites.php?n=415",
        )
    ],
    confidence="medium",
    parameters=("dctciv_min_monitoring_share",),
)
def monitoring(project: ProjectFile, on: date, ctx: Context) -> None:
    if not progs.dctciv_lines(project):
        _no_call(ctx)
        return
    minimum = ctx.param("dctciv_min_monitoring_share")
    if minimum is None:
        ctx.ok(_("Aucune part minimale de suivi-évaluation connue pour %d.") % on.year)
        return
    budget = project.budget
    if budget is None or not budget.total or budget.monitoring_evaluation is None:
        ctx.unknown(_("Renseigner budget.total et budget.monitoring_evaluation."))
        return
    share = budget.monitoring_evaluation / budget.total
    _minimum_share(
        ctx,
        share,
        Decimal(str(minimum.value)),
        below=_("Suivi-évaluation : %s du budget, en dessous des %s exigés."),
        above=_("Suivi-évaluation : %s du budget (minimum %s)."),
    )


@rule(
    "meae.generalist_exclusion",
    title=N_("Appel généraliste et dispositifs conjoints"),
    description=N_(
        "Un projet relevant d'un dispositif conjoint (Maroc, Liban, Territoires palestiniens, "
        "Sénégal, Mexique, Québec, Arménie, Ukraine…) n'est pas éligible à l'appel généraliste."
    ),
    sources=[_AAP_GENERALISTE],
)
def generalist_exclusion(project: ProjectFile, on: date, ctx: Context) -> None:
    if not any(
        line.program == "dctciv-aap-generaliste" for _i, line in progs.dctciv_lines(project)
    ):
        ctx.not_applicable(_("Sans objet : l'appel généraliste n'est pas sollicité."))
        return
    partners = [p for p in project.foreign_partners() if p.country]
    if not partners:
        ctx.unknown(_("Renseigner partners[].country."))
        return
    for partner in partners:
        who = partner.name or reference.country_name(partner.country)
        for cover in progs.joint_fund_covers(partner, on):
            for source in progs.program_sources(cover.fund_id, 1):
                ctx.add_source(source)
            if cover.state == progs.CURRENT:
                ctx.block(
                    _(
                        "%s relève du dispositif conjoint « %s » : l'appel généraliste ne le "
                        "couvre pas."
                    )
                    % (who, cover.name)
                )
            else:
                # The fund is not known closed: the country stays with it until it is.
                ctx.unknown(
                    _(
                        "%s relevait du dispositif conjoint « %s » (dernière édition connue : "
                        "%s) ; tant que ce dispositif n'est pas connu clos, l'appel généraliste "
                        "ne couvre probablement pas ce pays : à vérifier auprès du MEAE."
                    )
                    % (who, cover.name, cover.last_year)
                )
    ctx.ok(_("Aucun pays partenaire ne relève d'un dispositif conjoint."))
