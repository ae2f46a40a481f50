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


def contact_kind_label(kind: str) -> str:
    return str(CONTACT_KINDS.get(kind, kind.replace("_", " ")))
