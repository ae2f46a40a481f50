"""Arguments for the territory, each one sourced: what acting abroad brings to the authority,
its agents, its inhabitants and its firms.

Every sentence paraphrases a fact of the project's domain brief (the section is named in
``section``) and cites the page it was read on, with that page's date. Where the brief has no
sourced argument for an audience, none is written: the page says so rather than invent one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

AUTHORITY, AGENTS, INHABITANTS, FIRMS = "authority", "agents", "inhabitants", "firms"
AUDIENCES: dict[str, Promise] = {
    AUTHORITY: _("Pour la collectivité"),
    AGENTS: _("Pour ses agents"),
    INHABITANTS: _("Pour ses habitants"),
    FIRMS: _("Pour ses entreprises"),
}


@dataclass(frozen=True)
class Source:
    label: str
    url: str
    date: str  # of the source, as precise as it is known


@dataclass(frozen=True)
class Argument:
    audience: str
    text: Promise
    source: Source
    section: str  # of the domain brief (docs/diagnostic.md)
    priorities: tuple[str, ...] = ()  # shown only for these priorities; () for all


MAIRE_INFO_2020 = Source(
    "Maire-info, « Coopération décentralisée : comment les collectivités peuvent s'engager à "
    "l'international »",
    "https://maire-info.com/cooperation-decentralisee-comment-les-collectivites-peuvent-s'engager"
    "--l'international--article2-24545",
    "2020-09-28",
)
LOI_2021 = Source(
    "Banque des Territoires, « La loi de programmation développement solidaire enfin publiée »",
    "https://banquedesterritoires.fr/la-loi-de-programmation-developpement-solidaire-enfin-publiee",
    "2021-08",
)
L1115_1 = Source(
    "CGCT, article L1115-1 (version en vigueur depuis le 6 août 2021)",
    "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006389099",
    "2021-08-06",
)
DCTCIV_2025 = Source(
    "Jumelages & Partenariats, note DCTCIV du 8 janvier 2025",
    "https://jumelages-partenariats.com/en/actualites.php?n=22673",
    "2025-01-08",
)
AAP_RULES = Source(
    "France Diplomatie, appel à projets triennal (règles des appels à projets)",
    "http://www.diplomatie.gouv.fr/fr/politique-etrangere-de-la-france/action-exterieure-des/"
    "appels-a-projets-et-fonds-en/appel-a-projets-triennaux/article/appel-a-projets-2013-2015",
    "2013",
)
RRMA = Source(
    "GESCOD, « CIRRMA, RRMA et GESCOD »",
    "https://www.gescod.org/cirrma-rrma-et-gescod/",
    "2018",
)
VSI = Source(
    "France Volontaires, « Le VSI fête ses vingt ans »",
    "https://france-volontaires.org/actualite/le-dispositif-du-volontariat-de-solidarite-"
    "internationale-vsi-fete-ses-vingt-ans",
    "2025",
)
PSEAU = Source("pS-Eau, le 1 % eau", "https://www.pseau.org/fr/1pourcent", "")
# The brief reads the 1 % déchets (loi du 7 juillet 2014) in Coalition Eau's account (A.1).
DECHETS_1PC = Source(
    "Coalition Eau, « La loi sur le développement crée un 1 % déchets »",
    "https://www.coalition-eau.org/actualite/la-loi-sur-le-developpement-cree-un-1-dechets/",
    "2014",
)
MOBILITE_1PC = Source(
    "CGCT, article L1115-3 (loi n° 2021-1031 du 4 août 2021, art. 6)",
    "https://legal.tricoteuses.fr/articles/LEGIARTI000043904023",
    "2021-08-04",
)
AAP_2024 = Source(
    "AIMF, « Découvrez les appels à projets 2024 de la DAECT »",
    "https://www.aimf.asso.fr/actualite/decouvrez-les-appels-a-projets-2024-de-la-daect-en-"
    "soutien-a-la-cooperation-decentralisee/",
    "2024",
)

ARGUMENTS: tuple[Argument, ...] = (
    Argument(
        AUTHORITY,
        _(
            "L'action internationale fait partie du mandat des élus : c'est une compétence "
            "reconnue des collectivités, qui repose sur une délibération du conseil ou sur une "
            "convention."
        ),
        MAIRE_INFO_2020,
        "E.1",
    ),
    Argument(
        AUTHORITY,
        _(
            "Toute collectivité peut mener ou soutenir une action internationale de "
            "coopération, d'aide au développement ou humanitaire ; elle tient compte de "
            "l'Agenda 2030 des Nations unies (les objectifs de développement durable)."
        ),
        L1115_1,
        "A.1",
    ),
    Argument(
        AUTHORITY,
        _(
            "Elle n'agit pas seule : 10 440 partenariats et jumelages étaient menés par "
            "environ 4 700 collectivités en 2020 ; les domaines les plus représentés étaient "
            "« éducation, social et recherche » (28 %) et « économie durable » (24 %)."
        ),
        MAIRE_INFO_2020,
        "E.1",
    ),
    Argument(
        AUTHORITY,
        _(
            "Une collectivité sans service international peut rejoindre un programme « clés "
            "en main » préparé par une association de collectivités : l'association porte le "
            "projet et en assume la responsabilité juridique et financière."
        ),
        MAIRE_INFO_2020,
        "E.1",
    ),
    Argument(
        AUTHORITY,
        _(
            "Les dépenses de solidarité internationale des collectivités sont exclues de tout "
            "plafonnement national de leurs dépenses de fonctionnement, et l'État s'est engagé "
            "à doubler en 2022 ses financements de l'action extérieure des collectivités par "
            "rapport à 2017 (loi du 4 août 2021)."
        ),
        LOI_2021,
        "A.2",
    ),
    Argument(
        AGENTS,
        _(
            "Le temps des agents compte dans le projet : en 2025, la valorisation (dont les "
            "salaires des agents) est admise jusqu'à 50 % de la contribution de la collectivité "
            "aux projets cofinancés par le ministère."
        ),
        DCTCIV_2025,
        "B.1",
    ),
    Argument(
        AGENTS,
        _(
            "Les agents ne partent pas de rien : les réseaux régionaux multi-acteurs informent, "
            "forment et conseillent les porteurs de projets et organisent les échanges entre "
            "acteurs de la région."
        ),
        RRMA,
        "C.1",
    ),
    Argument(
        INHABITANTS,
        _(
            "Les jeunes du territoire peuvent s'engager en volontariat de solidarité "
            "internationale : 1 763 missions en 2024, dont 147 en France au titre de la "
            "réciprocité."
        ),
        VSI,
        "B.5, F",
        ("jeunesse", "solidarite"),
    ),
    Argument(
        FIRMS,
        _(
            "La maîtrise d'œuvre d'un projet cofinancé par le ministère peut être confiée à une "
            "association, une entreprise ou un organisme public : la collectivité reste maître "
            "d'ouvrage."
        ),
        AAP_RULES,
        "B.1",
    ),
    Argument(
        AUTHORITY,
        _(
            "Le « 1 % eau » permet à une collectivité chargée de l'eau ou de l'assainissement "
            "d'y consacrer jusqu'à 1 % des ressources du budget de ce service, sans peser sur "
            "son budget général."
        ),
        PSEAU,
        "B.4",
        ("eau",),
    ),
    Argument(
        AUTHORITY,
        _(
            "Le « 1 % déchets » permet à une collectivité compétente pour les déchets ménagers "
            "d'y consacrer jusqu'à 1 % des ressources du budget de ce service (loi du 7 juillet "
            "2014)."
        ),
        DECHETS_1PC,
        "A.1, B.4",
        ("dechets",),
    ),
    Argument(
        AUTHORITY,
        _(
            "Le « 1 % mobilité » permet à une autorité organisatrice de la mobilité d'y "
            "consacrer jusqu'à 1 % des ressources de ses budgets de mobilité, versement "
            "mobilité exclu (loi du 4 août 2021)."
        ),
        MOBILITE_1PC,
        "A.1",
        ("mobilite",),
    ),
    Argument(
        AUTHORITY,
        _(
            "Le ministère ouvre des appels à projets thématiques : jeunesse, sport, égalité "
            "femmes-hommes, numérique, sécurité alimentaire, patrimoine (liste 2024)."
        ),
        AAP_2024,
        "B.1",
        ("jeunesse", "sport", "egalite", "services_publics", "alimentation", "culture"),
    ),
)


def for_priorities(codes: frozenset[str]) -> list[Argument]:
    """The general arguments, then those of the chosen priorities."""
    return [a for a in ARGUMENTS if not a.priorities or codes & set(a.priorities)]


# The catalogue's coverage is stated against the guide's own count (Maire-info, Sept. 2020).
HEADLINE_PARTNERSHIPS = 10_440
HEADLINE_AUTHORITIES = 4_700
HEADLINE_SOURCE = MAIRE_INFO_2020
