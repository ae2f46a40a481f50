"""Rules from the CGCT chapter on external action: partners, conventions, acts, prefect."""

from __future__ import annotations

from datetime import date
from typing import Any

from coopdec.i18n import N_, _
from coopdec.projectfile.model import ProjectFile

from .. import reference
from ..restrictions import PROHIBITED, partner_restrictions
from .base import Context, rule

_L1115_1 = (
    "CGCT art. L1115-1",
    "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006389099",
)
_L1115_5 = (
    "CGCT art. L1115-5",
    "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006389107",
)
_CIRCULAR_2018 = (
    "Circulaire conjointe Intérieur / MEAE du 24 mai 2018 (NOR INTB1809792C)",
    "https://www.diplomatie.gouv.fr/fr/politique-etrangere-de-la-france/action-exterieure-des-collectivites-territoriales/actualites-de-l-aect/actualites-de-l-aect/article/nouvelle-circulaire-conjointe-du-ministere-de-l-interieur-et-du-ministere-de-l",
)
_ATD31 = (
    "ATD 31, procédure de jumelage d'une commune avec une ville étrangère (2024)",
    "https://atd31.fr/fr/publications/info-lettre/il-2024/info-lettre-363/vos-questions-nos-reponses-quelle-est-la-procedure-a-suivre-pour-le-jumelage-d-une-commune-avec-une-ville-etrangere.html",
)
_LOCAL_KINDS = ("local_authority", "federated_entity", "grouping")


@rule(
    "l1115_1.partner",
    title=N_("Nature du partenaire étranger"),
    description=N_(
        "Le partenaire d'une coopération décentralisée est une autorité locale étrangère, un "
        "groupement d'autorités locales ou une entité fédérée ; une ONG peut être opérateur "
        "mais pas cosignataire d'une convention L1115-1."
    ),
    sources=[_L1115_1, _CIRCULAR_2018],
    valid_from=date(2007, 2, 2),
)
def partner_nature(project: ProjectFile, on: date, ctx: Context) -> None:
    if not project.partners:
        ctx.unknown(_("Aucun partenaire : renseigner partners (nom, pays, type)."))
        return
    for index, partner in enumerate(project.partners):
        if partner.kind is None:
            ctx.unknown(_("Type de partenaire manquant : renseigner partners[%d].kind.") % index)
        if partner.country is None:
            ctx.unknown(_("Pays du partenaire manquant : renseigner partners[%d].country.") % index)
        elif partner.country == "FR":
            ctx.warn(
                _(
                    "Le partenaire partners[%d] est en France : l'action extérieure suppose un "
                    "partenaire étranger."
                )
                % index
            )
    kinds = {p.kind for p in project.partners}
    if kinds & set(_LOCAL_KINDS):
        ctx.ok(
            _(
                "Au moins un partenaire est une autorité locale étrangère (ou un groupement, une "
                "entité fédérée)."
            )
        )
        return
    if None in kinds:
        return
    convention = project.instruments.convention if project.instruments else None
    if convention is not None and convention.signed:
        ctx.block(
            _(
                "La convention est signée mais aucun partenaire n'est une autorité locale "
                "étrangère : une convention L1115-1 ne peut lier qu'une autorité locale "
                "étrangère (ou un groupement, une entité fédérée)."
            )
        )
    else:
        ctx.warn(
            _(
                "Aucun partenaire n'est une autorité locale étrangère : le soutien à une ONG "
                "reste possible (L1115-1), mais pas une convention de coopération décentralisée."
            )
        )


@rule(
    "l1115_1.convention_content",
    title=N_("Contenu de la convention"),
    description=N_(
        "Une convention L1115-1 précise l'objet des actions envisagées et le montant "
        "prévisionnel des engagements financiers. Avant la loi du 7 juillet 2014, la "
        "convention était requise ; elle est facultative depuis."
    ),
    sources=[_L1115_1],
    valid_from=date(1992, 2, 6),
    parameters=("convention_content", "convention_mandatory"),
)
def convention_content(project: ProjectFile, on: date, ctx: Context) -> None:
    convention = project.instruments.convention if project.instruments else None
    mandatory = ctx.param("convention_mandatory")
    if convention is None or convention.signed is None:
        ctx.unknown(_("Indiquer si une convention est signée : instruments.convention.signed."))
        return
    if not convention.signed:
        if mandatory is not None and mandatory.value:
            ctx.block(
                _(
                    "À cette date, une convention avec l'autorité locale étrangère est requise "
                    "(L1115-1 avant la loi n° 2014-773)."
                )
            )
        else:
            ctx.ok(
                _(
                    "Pas de convention : elle est facultative depuis la loi n° 2014-773 (« le cas "
                    "échéant »)."
                )
            )
        return
    ctx.param("convention_content")
    labels = {
        "states_purpose": _("l'objet des actions"),
        "states_financial_commitment": _("le montant prévisionnel des engagements financiers"),
    }
    for key, label in labels.items():
        value = getattr(convention, key)
        if value is None:
            ctx.unknown(
                _("Indiquer si la convention précise %s : instruments.convention.%s.")
                % (label, key)
            )
        elif not value:
            ctx.block(_("La convention doit préciser %s (L1115-1).") % label)
    ctx.ok(
        _(
            "La convention précise l'objet des actions et le montant prévisionnel des engagements "
            "financiers."
        )
    )


@rule(
    "l1115_1.prefect_transmission",
    title=N_("Transmission de la convention au préfet"),
    description=N_(
        "La convention n'entre en vigueur qu'une fois transmise au représentant de l'État "
        "(contrôle de légalité)."
    ),
    sources=[_L1115_1, _CIRCULAR_2018],
    valid_from=date(1992, 2, 6),
)
def prefect_transmission(project: ProjectFile, on: date, ctx: Context) -> None:
    convention = project.instruments.convention if project.instruments else None
    if convention is None or convention.signed is None:
        ctx.unknown(_("Indiquer si une convention est signée : instruments.convention.signed."))
    elif not convention.signed:
        ctx.not_applicable(_("Sans objet : aucune convention signée."))
    elif convention.transmitted_to_prefect is None:
        ctx.unknown(
            _(
                "Indiquer si la convention a été transmise au préfet : "
                "instruments.convention.transmitted_to_prefect."
            )
        )
    elif not convention.transmitted_to_prefect:
        ctx.block(
            _("La convention n'est pas en vigueur tant qu'elle n'a pas été transmise au préfet.")
        )
    else:
        ctx.ok(_("La convention a été transmise au préfet : elle est en vigueur."))


_L1115_4 = (
    "CGCT art. L1115-4",
    "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006389105",
)
_L1115_4_2 = (
    "CGCT art. L1115-4-2",
    "https://codes-et-lois.fr/code-general-des-collectivites-territoriales/article-l1115-4-2",
)
_OVERSEAS_REGION_NAMES = {"01", "02", "03", "04", "06"}


def _is_overseas(project: ProjectFile, territories: dict[str, Any]) -> bool | None:
    lead = project.lead_authority
    if lead is None or lead.kind is None or lead.code is None:
        return None
    departement = reference.departement_of_authority(lead.kind, lead.code)
    if departement is not None:
        return departement.startswith(str(territories["overseas_departement_prefix"]))
    region = reference.region_of_authority(lead.kind, lead.code)
    if region is not None:
        return region in territories["overseas_regions"]
    return None


@rule(
    "l1115_5.foreign_state",
    title=N_("Pas de convention avec un État étranger"),
    description=N_(
        "Une collectivité ne peut conclure de convention avec un État étranger, sauf dans les "
        "cas prévus par une loi particulière (surtout outre-mer), pour créer un GECT, un GLCT "
        "(2008) ou un GEC (29 janvier 2014), ou (depuis le 7 décembre 2016) dans trois cas de "
        "coopération régionale ; l'autorisation préalable du préfet est requise pour les "
        "groupements et les cas de 2016, pas pour les cas prévus par la loi."
    ),
    sources=[_L1115_5],
    valid_from=date(1995, 2, 5),
    parameters=("state_convention_exceptions", "state_convention_law_territories"),
)
def foreign_state(project: ProjectFile, on: date, ctx: Context) -> None:
    if not project.partners:
        ctx.unknown(_("Aucun partenaire : renseigner partners (nom, pays, type)."))
        return
    states = [p for p in project.partners if p.kind == "state"]
    if not states:
        if any(p.kind is None for p in project.partners):
            ctx.unknown(_("Type d'un partenaire manquant : renseigner partners[].kind."))
        else:
            ctx.ok(_("Aucun État étranger parmi les partenaires."))
        return
    who = ", ".join(p.name or reference.country_name(p.country) for p in states)
    allowed = ctx.param("state_convention_exceptions")
    exception = project.instruments.state_convention_exception if project.instruments else None
    if exception is None or exception.case is None:
        ctx.block(
            _(
                "%s est un État étranger : convention interdite hors exceptions de L1115-5 "
                "(indiquer l'exception invoquée si l'une s'applique)."
            )
            % who
        )
        return
    cases: dict[str, Any] = dict(allowed.value) if allowed else {}
    if exception.case not in cases:
        ctx.block(_("L'exception « %s » n'existe pas à cette date dans L1115-5.") % exception.case)
        return
    if exception.case == "law":
        _law_case(project, on, ctx)
        return
    if exception.prefect_authorised is None:
        ctx.unknown(
            _(
                "Indiquer l'autorisation préalable du préfet : "
                "instruments.state_convention_exception.prefect_authorised."
            )
        )
    elif not exception.prefect_authorised:
        ctx.block(_("Cette exception de L1115-5 exige l'autorisation préalable du préfet."))
    else:
        ctx.ok(
            _(
                "Convention avec un État étranger admise au titre de L1115-5 (cas « %s », "
                "autorisée par le préfet)."
            )
            % exception.case
        )


def _law_case(project: ProjectFile, on: date, ctx: Context) -> None:
    """« Sauf si la loi le prévoit »: specific statutes, mostly for overseas authorities."""
    territories = ctx.param("state_convention_law_territories")
    overseas = _is_overseas(project, territories.value) if territories else None
    if overseas is False:
        ctx.doubt("medium")
        ctx.block(
            _(
                "Les « cas prévus par la loi » de L1115-5 sont des textes particuliers (pour "
                "l'essentiel ceux des collectivités d'outre-mer) : aucune loi connue ne permet à "
                "une collectivité de métropole de conclure une convention avec un État étranger "
                "hors groupements et cas de 2016 ; à vérifier avec la préfecture."
            )
        )
        return
    ctx.doubt("medium")
    ctx.unknown(
        _(
            "Cas prévu par la loi : citer le texte particulier (coopération régionale des "
            "outre-mer notamment) et le faire confirmer par la préfecture ; une case cochée ne "
            "suffit pas."
        )
    )


@rule(
    "l1115_4.foreign_body",
    title=N_("Organismes étrangers, GLCT et GECT"),
    description=N_(
        "Adhérer à un organisme public de droit étranger ou entrer au capital d'une personne "
        "morale de droit étranger (L1115-4), créer un GLCT (L1115-4-1) ou un GECT (L1115-4-2) "
        "demande un arrêté ou l'autorisation préalable du préfet de région ; les collectivités "
        "françaises ne détiennent pas ensemble plus de 50 % d'un organisme étranger."
    ),
    sources=[_L1115_4, _L1115_4_2],
    valid_from=date(2008, 4, 18),
    parameters=("foreign_body_rules",),
)
def foreign_body(project: ProjectFile, on: date, ctx: Context) -> None:
    body = project.instruments.foreign_body if project.instruments else None
    if body is None or body.kind is None:
        ctx.not_applicable(_("Sans objet : ni organisme étranger, ni GLCT, ni GECT."))
        return
    rules = ctx.param("foreign_body_rules")
    if rules is None:
        ctx.unknown(_("Règles de L1115-4 inconnues à cette date."))
        return
    if body.kind in rules.value["prefect_order"]:
        if body.prefect_order is None:
            ctx.unknown(
                _(
                    "Indiquer si l'arrêté ou l'autorisation du préfet de région est obtenu : "
                    "instruments.foreign_body.prefect_order."
                )
            )
        elif not body.prefect_order:
            ctx.block(_("Un arrêté ou une autorisation préalable du préfet de région est requis."))
    if body.kind == "foreign_entity":
        if body.french_majority is None:
            ctx.unknown(
                _(
                    "Indiquer si les collectivités françaises détiendraient ensemble plus de la "
                    "moitié de l'organisme : instruments.foreign_body.french_majority."
                )
            )
        elif body.french_majority:
            ctx.block(
                _(
                    "Les collectivités françaises ne peuvent détenir ensemble plus de 50 % du "
                    "capital ou des charges d'un organisme de droit étranger (L1115-4)."
                )
            )
    ctx.ok(_("Conditions connues de L1115-4 remplies."))


@rule(
    "l1115_1.agenda_2030",
    title=N_("Prise en compte de l'Agenda 2030"),
    description=N_(
        "Depuis le 6 août 2021, l'action extérieure des collectivités prend en compte le "
        "Programme de développement durable à l'horizon 2030 (L1115-1, loi n° 2021-1031) : "
        "le projet dit à quelles cibles des objectifs de développement durable il contribue."
    ),
    sources=[_L1115_1],
    valid_from=date(2021, 8, 6),
    parameters=("agenda_2030_duty",),
)
def agenda_2030(project: ProjectFile, on: date, ctx: Context) -> None:
    duty = ctx.param("agenda_2030_duty")
    if duty is None:
        ctx.not_applicable(_("Sans objet : l'obligation date du 6 août 2021."))
        return
    if not project.sdg_targets:
        ctx.unknown(
            _(
                "Indiquer les cibles des objectifs de développement durable auxquelles le projet "
                "contribue : L1115-1 impose de prendre en compte l'Agenda 2030."
            )
        )
        return
    ctx.ok(
        _("Le projet indique %d cible(s) des objectifs de développement durable (Agenda 2030).")
        % len(project.sdg_targets)
    )


@rule(
    "restrictions.unrecognised_territory",
    title=N_("Territoires dont la France ne reconnaît pas les autorités"),
    description=N_(
        "Aucun acte de coopération (convention, charte, jumelage) avec des autorités se "
        "réclamant d'une entité non reconnue par la France (Haut-Karabakh, Crimée, zones "
        "occupées d'Ukraine, « RTCN », Abkhazie, Ossétie du Sud, Transnistrie) ; précautions "
        "pour les pays sous sanctions et certaines zones."
    ),
    sources=[_L1115_1, _CIRCULAR_2018],
    parameters=("restricted_areas", "partner_area_required"),
)
def unrecognised_territory(project: ProjectFile, on: date, ctx: Context) -> None:
    areas = ctx.param("restricted_areas")
    need_area = ctx.param("partner_area_required")
    if not project.partners:
        ctx.unknown(_("Aucun partenaire : renseigner partners (pays et zone)."))
        return
    for index, partner in enumerate(project.partners):
        if partner.country is None:
            ctx.unknown(_("Pays manquant : renseigner partners[%d].country.") % index)
            continue
        who = partner.name or reference.country_name(partner.country)
        for found in partner_restrictions(partner, on, areas):
            ctx.doubt(found.confidence)
            for source in found.sources:
                ctx.add_source(source)
            if found.status == PROHIBITED:
                ctx.block(
                    _(
                        "%s relève de « %s » : la France n'en reconnaît pas les autorités, "
                        "aucun acte de coopération n'est possible."
                    )
                    % (who, found.label)
                )
            else:
                ctx.warn(_("%s (%s) : précaution — %s") % (who, found.label, found.note))
        if partner.area is None and need_area and partner.country in need_area.value:
            ctx.unknown(
                _(
                    "Une partie de %s est concernée par une restriction : renseigner "
                    "partners[%d].area (région, ville)."
                )
                % (reference.country_name(partner.country), index)
            )
    ctx.ok(_("Aucun partenaire dans un territoire dont la France ne reconnaît pas les autorités."))
