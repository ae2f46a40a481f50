"""Words the pages show for codes that the data files keep in English (contact kinds) and
for the search dimensions; French first, English through gettext."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coopdec.catalogue import fields

CONTACT_KINDS: dict[str, Promise] = {
    "rrma": _("réseau régional multi-acteurs"),
    "association_of_local_authorities": _("association de collectivités"),
    "consultative_body": _("instance consultative"),
    "european_network": _("réseau européen"),
    "network_of_networks": _("réseau de réseaux"),
    "portal": _("portail"),
    "professional_network": _("réseau professionnel"),
    "public_agency": _("agence publique"),
    "public_operator": _("opérateur public"),
    "state_administration": _("administration de l'État"),
    "state_network": _("réseau de l'État"),
    "thematic_network": _("réseau thématique"),
    "training_research": _("formation et recherche"),
    "world_network": _("réseau mondial"),
}

# The search dimensions' legends, declared with the filters (``catalogue/fields.py``).
DIMENSIONS: dict[str, Promise] = {name: _(legend) for name, legend in fields.LEGENDS.items()}

SORTS: dict[str, Promise] = {
    "relevance": _("Pertinence (titre sans mots-clés)"),
    "title": _("Titre (A → Z)"),
    "-title": _("Titre (Z → A)"),
    "-start_year": _("Début (récent d'abord)"),
    "start_year": _("Début (ancien d'abord)"),
}


# A contact's coverage as the loader words it (``catalogue/loaders/contacts.py``, from the
# data file's shapes); région names are proper nouns and stay as they are.
CONTACT_COVERAGE: dict[str, Promise] = {
    "France entière": _("France entière"),
    "international": _("international"),
    "monde": _("monde"),
    "Union européenne": _("Union européenne"),
    "Europe": _("Europe"),
    "francophonie": _("francophonie"),
    "region": _("dans chaque région"),
    "country (réseau diplomatique)": _("dans chaque pays (réseau diplomatique)"),
    "national + réseau d'Espaces Volontariats (Afrique, Asie, Amérique latine)": _(
        "France entière et réseau d'Espaces Volontariats (Afrique, Asie, Amérique latine)"
    ),
    "eau, assainissement, hygiène (France entière)": _(
        "eau, assainissement, hygiène (France entière)"
    ),
    "déchets, énergie (France entière)": _("déchets, énergie (France entière)"),
    "évaluation, capitalisation, qualité (France entière)": _(
        "évaluation, capitalisation, qualité (France entière)"
    ),
    "bassins Rhône-Méditerranée et Corse": _("bassins Rhône-Méditerranée et Corse"),
    "bassin Adour-Garonne": _("bassin Adour-Garonne"),
    "bassin Artois-Picardie": _("bassin Artois-Picardie"),
    "bassin Loire-Bretagne": _("bassin Loire-Bretagne"),
    "bassin Rhin-Meuse": _("bassin Rhin-Meuse"),
    "bassin Seine-Normandie": _("bassin Seine-Normandie"),
}


def contact_coverage_label(coverage: str) -> str:
    """A contact's coverage in the reader's language (a région's name as it is)."""
    return str(CONTACT_COVERAGE.get(coverage, coverage))


def contact_kind_label(kind: str) -> str:
    return str(CONTACT_KINDS.get(kind, kind.replace("_", " ")))
