"""Rules from the CGCT chapter on external action: partners, conventions, acts, prefect."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from coopdec.projectfile.model import ProjectFile

from .. import reference
from ..i18n import _
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
    title=_("Nature du partenaire étranger"),
    description=_(
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
    title=_("Contenu de la convention"),
    description=_(
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
    title=_("Transmission de la convention au préfet"),
    description=_(
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
        ctx.ok(_("Sans objet : aucune convention signée."))
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


@rule(
    "l1115_5.foreign_state",
    title=_("Pas de convention avec un État étranger"),
    description=_(
        "Une collectivité ne peut conclure de convention avec un État étranger, sauf si la loi "
        "le prévoit, pour créer un GECT, un GEC ou un GLCT, ou (depuis le 7 décembre 2016) dans "
        "trois cas de coopération régionale, toujours sur autorisation préalable du préfet."
    ),
    sources=[_L1115_5],
    valid_from=date(1995, 2, 5),
    parameters=("state_convention_exceptions",),
)
def foreign_state(project: ProjectFile, on: date, ctx: Context) -> None:
    states = [i for i, p in enumerate(project.partners) if p.kind == "state"]
    if not states:
        if any(p.kind is None for p in project.partners):
            ctx.unknown(_("Type d'un partenaire manquant : renseigner partners[].kind."))
        else:
            ctx.ok(_("Aucun État étranger parmi les partenaires."))
        return
    where = ", ".join(f"partners[{i}]" for i in states)
    allowed = ctx.param("state_convention_exceptions")
    exception = project.instruments.state_convention_exception if project.instruments else None
    if exception is None or exception.case is None:
        ctx.block(
            _(
                "%s est un État étranger : convention interdite hors exceptions de L1115-5 "
                "(renseigner instruments.state_convention_exception si l'une s'applique)."
            )
            % where
        )
        return
    cases: list[Any] = list(allowed.value) if allowed else []
    if exception.case not in cases:
        ctx.block(_("L'exception « %s » n'existe pas à cette date dans L1115-5.") % exception.case)
    elif exception.prefect_authorised is None:
        ctx.unknown(
            _(
                "Indiquer l'autorisation préalable du préfet : "
                "instruments.state_convention_exception.prefect_authorised."
            )
        )
    elif not exception.prefect_authorised:
        ctx.block(_("L'exception de L1115-5 exige l'autorisation préalable du préfet."))
    else:
        ctx.ok(
            _(
                "Convention avec un État étranger admise au titre de L1115-5 (cas « %s », "
                "autorisée par le préfet)."
            )
            % exception.case
        )


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("-", " ")


@rule(
    "restrictions.unrecognised_territory",
    title=_("Territoires dont la France ne reconnaît pas les autorités"),
    description=_(
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
    entries: list[dict[str, Any]] = list(areas.value) if areas else []
    labels = {
        str(r["id"]): str(r["territory"]) for r in reference.restrictions_data()["restrictions"]
    }
    if not project.partners:
        ctx.unknown(_("Aucun partenaire : renseigner partners (pays et zone)."))
        return
    for index, partner in enumerate(project.partners):
        if partner.country is None:
            ctx.unknown(_("Pays manquant : renseigner partners[%d].country.") % index)
            continue
        area = _normalise(partner.area or "") + " " + _normalise(partner.name or "")
        for entry in entries:
            since = entry.get("since")
            if since is not None and on < since:
                continue
            if partner.country not in entry["countries"]:
                continue
            keywords = [str(k) for k in entry["keywords"]]
            if keywords and not any(k in area for k in keywords):
                continue
            label = labels.get(str(entry["restriction"]), str(entry["restriction"]))
            ctx.doubt(str(entry.get("confidence", "high")))
            if entry["status"] == "prohibited":
                ctx.block(
                    _(
                        "partners[%d] relève de « %s » : la France n'en reconnaît pas les "
                        "autorités, aucun acte de coopération n'est possible."
                    )
                    % (index, label)
                )
            else:
                note = str(
                    entry.get("note") or _("vérifier les régimes de sanctions et le contexte.")
                )
                ctx.warn(_("partners[%d] (%s) : précaution — %s") % (index, label, note))
        if partner.area is None and need_area and partner.country in need_area.value:
            ctx.unknown(
                _(
                    "Une partie de %s est concernée par une restriction : renseigner "
                    "partners[%d].area (région, ville)."
                )
                % (reference.country_name(partner.country), index)
            )
    ctx.ok(_("Aucun partenaire dans un territoire dont la France ne reconnaît pas les autorités."))
