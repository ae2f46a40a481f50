"""Legal references the documents cite, with their source and how sure we are of them.

Facts come from the project's domain brief (sections A.1-A.4), which gives a URL for each.
The council-competence articles (L2121-29 and the like) are not in the brief; they are the
standard first visa of any deliberation and are marked ``medium`` until a jurist checks them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from coopdec.documents.model import DocumentContext
from coopdec.i18n import N_

CGCT_URL = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070633/"


@dataclass(frozen=True)
class LegalReference:
    key: str
    citation: str  # how an act cites it
    summary: str  # what it says, paraphrased
    url: str
    confidence: str  # high | medium | low, as in the reference data


def _ref(key: str, citation: str, summary: str, url: str, confidence: str) -> LegalReference:
    return LegalReference(key, citation, summary, url, confidence)


REFERENCES: dict[str, LegalReference] = {
    r.key: r
    for r in (
        _ref(
            "cgct_l1115_1",
            "Code général des collectivités territoriales, article L1115-1",
            N_(
                "Les collectivités territoriales et leurs groupements peuvent mener ou soutenir "
                "toute action internationale de coopération, d'aide au développement ou à "
                "caractère humanitaire, dans le respect des engagements internationaux de la "
                "France et en tenant compte de l'Agenda 2030 ; les conventions conclues avec des "
                "autorités locales étrangères précisent l'objet des actions et le montant "
                "prévisionnel des engagements financiers, et entrent en vigueur dès leur "
                "transmission au représentant de l'État."
            ),
            "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006389099",
            "high",
        ),
        _ref(
            "cgct_l1115_1_1",
            "Code général des collectivités territoriales, article L1115-1-1",
            N_(
                "Les services publics d'eau potable et d'assainissement, et de distribution "
                "d'électricité et de gaz, peuvent consacrer jusqu'à 1 % des ressources affectées "
                "à leurs budgets à des actions de coopération et de solidarité internationale "
                "dans ces domaines."
            ),
            "https://www.legifrance.gouv.fr/affichCode.do?idSectionTA=LEGISCTA000006164470&cidTexte=LEGITEXT000006070633&dateTexte=20080222",
            "high",
        ),
        _ref(
            "cgct_l1115_2",
            "Code général des collectivités territoriales, article L1115-2",
            N_(
                "Les collectivités compétentes en matière de collecte et de traitement des "
                "déchets ménagers peuvent consacrer jusqu'à 1 % des ressources affectées à ces "
                "services à des actions de coopération dans ce domaine."
            ),
            "https://www.coalition-eau.org/actualite/la-loi-sur-le-developpement-cree-un-1-dechets/",
            # Some sources number it L1115-1-2; see the domain brief, A.1.
            "medium",
        ),
        _ref(
            "cgct_l1115_3",
            "Code général des collectivités territoriales, article L1115-3",
            N_(
                "Les autorités organisatrices de la mobilité peuvent consacrer jusqu'à 1 % des "
                "ressources affectées aux budgets des services de mobilité, hors versement "
                "mobilité, à des actions de coopération dans ce domaine."
            ),
            "https://legal.tricoteuses.fr/articles/LEGIARTI000043904023",
            "high",
        ),
        _ref(
            "cgct_l1115_5",
            "Code général des collectivités territoriales, article L1115-5",
            N_(
                "Une collectivité territoriale ne peut conclure de convention avec un État "
                "étranger, sauf dans les cas prévus par la loi."
            ),
            "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006389107",
            "high",
        ),
        _ref(
            "loi_2021_1031",
            "Loi n° 2021-1031 du 4 août 2021 de programmation relative au développement "
            "solidaire et à la lutte contre les inégalités mondiales",
            N_("Inscrit l'Agenda 2030 à l'article L1115-1 et crée le 1 % mobilité."),
            "https://banquedesterritoires.fr/la-loi-de-programmation-developpement-solidaire-enfin-publiee",
            "high",
        ),
        _ref(
            "circulaire_2018",
            "Circulaire NOR/INTB1809792C du 24 mai 2018 relative à l'action extérieure des "
            "collectivités territoriales",
            N_(
                "Tout acte de coopération avec une autorité locale étrangère est transmis au "
                "préfet au titre du contrôle de légalité ; respect des engagements "
                "internationaux de la France, de la neutralité du service public et de la laïcité."
            ),
            "https://www.diplomatie.gouv.fr/fr/politique-etrangere-de-la-france/action-exterieure-des-collectivites-territoriales/actualites-de-l-aect/actualites-de-l-aect/article/nouvelle-circulaire-conjointe-du-ministere-de-l-interieur-et-du-ministere-de-l",
            "high",
        ),
        _ref(
            "loi_2000_321_art10",
            "Loi n° 2000-321 du 12 avril 2000 relative aux droits des citoyens dans leurs "
            "relations avec les administrations, article 10, et décret n° 2001-495 du 6 juin "
            "2001",
            N_(
                "L'autorité administrative qui attribue une subvention dépassant 23 000 € conclut "
                "une convention avec l'organisme bénéficiaire, définissant l'objet, le montant et "
                "les conditions d'utilisation de la subvention (portée exacte pour un partenaire "
                "public étranger à confirmer)."
            ),
            "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000215117",
            "medium",
        ),
        _ref(
            "cgct_l2131_1",
            "Code général des collectivités territoriales, articles L2131-1, L3131-1 et L4141-1",
            N_(
                "Les actes des collectivités sont exécutoires de plein droit dès leur publication "
                "(sous forme électronique depuis le 1er juillet 2022, ordonnance n° 2021-1310 du "
                "7 octobre 2021) ou leur notification et leur transmission au représentant de "
                "l'État."
            ),
            "https://www.collectivites-locales.gouv.fr/institutions/la-publicite-des-actes-des-collectivites-territoriales",
            "high",
        ),
        _ref(
            "cja_r421_1",
            "Code de justice administrative, article R421-1",
            N_(
                "Le recours contentieux contre une décision est formé dans les deux mois à compter "
                "de sa publication ou de sa notification."
            ),
            "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006070933/LEGISCTA000006150409/",
            "high",
        ),
        _ref(
            "council_commune",
            "Code général des collectivités territoriales, article L2121-29",
            N_("Le conseil municipal règle par ses délibérations les affaires de la commune."),
            CGCT_URL,
            "medium",
        ),
        _ref(
            "council_departement",
            "Code général des collectivités territoriales, article L3211-1",
            N_("Le conseil départemental règle par ses délibérations les affaires du département."),
            CGCT_URL,
            "medium",
        ),
        _ref(
            "council_region",
            "Code général des collectivités territoriales, article L4221-1",
            N_("Le conseil régional règle par ses délibérations les affaires de la région."),
            CGCT_URL,
            "medium",
        ),
        _ref(
            "council_epci",
            "Code général des collectivités territoriales, article L5211-1",
            N_(
                "Les règles de fonctionnement du conseil municipal s'appliquent à l'organe "
                "délibérant des établissements publics de coopération intercommunale."
            ),
            CGCT_URL,
            "medium",
        ),
    )
}

_COUNCIL_KEYS = {
    "commune": "council_commune",
    "departement": "council_departement",
    "region": "council_region",
    "epci": "council_epci",
    "syndicat": "council_epci",
}


SUBSIDY_CONVENTION_THRESHOLD = Decimal(23000)
"""Loi n° 2000-321, art. 10, and décret n° 2001-495: above it, a subsidy needs a convention."""


def needs_subsidy_convention(context: DocumentContext) -> bool:
    """Whether the French authorities' cash contribution passes the 23,000 € threshold."""
    cash = sum(
        (ln.amount.amount for ln in context.financing if ln.source in ("own_cash", "one_percent")),
        Decimal(0),
    )
    return cash > SUBSIDY_CONVENTION_THRESHOLD


def one_percent_keys(context: DocumentContext) -> list[str]:
    """The 1 % articles the financing plan relies on, each once, in article order."""
    keys = {line.legal_key for line in context.one_percent_lines if line.legal_key}
    return sorted(keys)


def council_key(context: DocumentContext) -> str | None:
    """The article giving the lead authority's council its power to decide."""
    return _COUNCIL_KEYS.get(context.lead.kind) if context.lead else None


def references_for(kind: str, context: DocumentContext) -> tuple[LegalReference, ...]:
    """The references a document of ``kind`` cites, in the order an act lists them."""
    keys = ["cgct_l1115_1", *one_percent_keys(context)]
    if kind == "deliberation" and (council := council_key(context)):
        keys.insert(0, council)
    if kind in ("convention", "candidature"):
        keys.append("cgct_l1115_5")
    keys += ["loi_2021_1031", "circulaire_2018"]
    if kind in ("convention", "deliberation") and needs_subsidy_convention(context):
        keys.append("loi_2000_321_art10")
    if kind == "deliberation":
        keys += ["cgct_l2131_1", "cja_r421_1"]
    return tuple(REFERENCES[key] for key in keys)
