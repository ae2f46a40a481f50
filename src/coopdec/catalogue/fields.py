"""The catalogue's search vocabulary, declared once: each filter's request parameter, facet
dimension, query attribute, value type, CLI option and help texts; and the names one record
field carries from the database to every interface.

Readers derive from it: the query (``search/query.py``: parameters, facets, parsing), the
index documents (``search/documents.py``: the encoded dimensions), the API (the descriptions
of ``SearchParams``), the CLI (``coopdec search``'s option names and help) and the web page
(``web/labels.DIMENSIONS``: the legends; ``web/catalogue_page``: which facets, in which
order, with which widget). Pure module (no Django).
"""

from __future__ import annotations

from dataclasses import dataclass


def gettext_noop(message: str) -> str:
    """Marks a French word for the translation catalogue without translating it: this module
    has no Django; the web page translates the facet legends when it shows them."""
    return message


@dataclass(frozen=True)
class Filter:
    """One filter of the search: OR within its values, AND across filters."""

    name: str  # request parameter (API, web URL), facet dimension, index dimension
    attribute: str  # SearchQuery attribute
    value: str  # "code" | "upper_code" | "integer" | "boolean"
    cli: str  # option of ``coopdec search``
    help: str  # one line for the OpenAPI description and the CLI help (French)
    cli_help: str
    # The web page's facet: its legend (French, translated by the page), its widget
    # ("checkbox" | "select"; "" for a filter without a facet of its own) and its place in
    # the page's list of facets (the most asked first).
    legend: str = ""
    widget: str = ""
    place: int = 0


# Multi-valued filters, in the order the API lists their facets.
MULTI: tuple[Filter, ...] = (
    Filter("type", "types", "code", "--type", "project, partnership", "project ou partnership.",
           gettext_noop("Type de fiche"), "checkbox", 8),
    Filter("theme", "themes", "code", "--theme", "code de thème (voir /themes)",
           "Thème (code), répétable.", gettext_noop("Thèmes"), "checkbox", 4),
    Filter("sdg", "sdgs", "integer", "--sdg", "numéro d'ODD (1 à 17)", "ODD (numéro), répétable.",
           gettext_noop("Objectifs de développement durable"), "checkbox", 12),
    Filter("country", "countries", "upper_code", "--country", "code ISO alpha-2",
           "Pays (ISO alpha-2), répétable.", gettext_noop("Pays"), "select", 1),
    Filter("zone", "zones", "code", "--zone", "code de zone (voir /zones)",
           "Zone (code), répétable.", gettext_noop("Zones géographiques"), "checkbox", 5),
    Filter("authority", "authorities", "integer", "--authority",
           "identifiant de collectivité française", "Collectivité française (identifiant).",
           gettext_noop("Collectivité française"), "select", 13),
    Filter("authority_kind", "authority_kinds", "code", "--authority-kind",
           "commune, epci, departement, region...", "Nature : commune, epci...",
           gettext_noop("Nature de la collectivité"), "checkbox", 9),
    Filter("region", "regions", "code", "--region", "code INSEE de région",
           "Région (code INSEE).", gettext_noop("Région"), "select", 3),
    Filter("departement", "departements", "code", "--departement", "code de département",
           "Département (code).", gettext_noop("Département"), "select", 2),
    Filter("relation_type", "relation_types", "code", "--relation-type",
           "jumelage, cooperation, ...", "jumelage, cooperation...",
           gettext_noop("Type de relation"), "checkbox", 10),
    Filter("status", "statuses", "code", "--status", "active, ended, planned, unknown",
           "active, ended, planned...", gettext_noop("Statut"), "checkbox", 11),
)  # fmt: skip
# "Open to new members": one value, a yes/no; the CLI only asks for "yes".
OPEN = Filter(
    "open", "open_to_new_members", "boolean", "--open",
    "true : ouverts à de nouvelles collectivités",
    "Seulement ceux ouverts à de nouvelles collectivités.",
    gettext_noop("Ouverture"), "checkbox", 6,
)  # fmt: skip
# "Examples of good practice": projects a moderator flagged (``catalogue.models.Example``,
# published); one value, a yes/no, like OPEN; the CLI only asks for "yes".
EXAMPLE = Filter(
    "example", "example", "boolean", "--example",
    "true : exemples de bonnes pratiques (signalés par un modérateur)",
    "Seulement les exemples de bonnes pratiques.",
    gettext_noop("Exemples de bonnes pratiques"), "checkbox", 7,
)  # fmt: skip
# The yes/no filters, in the order the API lists their facets (after the multi-valued ones).
FLAGS: tuple[Filter, ...] = (OPEN, EXAMPLE)
# The "year" facet is filtered by a range of two parameters (the page draws it on its own).
YEAR_FROM = Filter(
    "year_from", "year_from", "integer", "--year-from",
    "année : en cours cette année-là ou après", "Année de début.",
)  # fmt: skip
YEAR_TO = Filter(
    "year_to", "year_to", "integer", "--year-to",
    "année : commencés au plus tard cette année", "Année de fin.",
)  # fmt: skip
YEAR = "year"
YEAR_LEGEND = gettext_noop("Année de début")

BY_NAME: dict[str, Filter] = {f.name: f for f in (*MULTI, *FLAGS, YEAR_FROM, YEAR_TO)}
# Facet dimensions, in the order the API lists them. Each is also a filter.
DIMENSIONS: tuple[str, ...] = (*(f.name for f in MULTI), *(f.name for f in FLAGS), YEAR)
# Dimensions a search document stores as values (the year is computed from its dates).
# Adding one changes how documents are encoded: a search migration then asks for a rebuild
# (``catalogue/search/migrations/0006_example_dimension.py``).
ENCODED: tuple[str, ...] = (*(f.name for f in MULTI), *(f.name for f in FLAGS))
# Parameters that are not filters.
CONTROLS: tuple[str, ...] = ("q", "sort", "page", "page_size")
PARAMETERS: frozenset[str] = frozenset({*CONTROLS, *BY_NAME})
# The web page's facets (year apart), in the page's order; and every dimension's legend.
PAGE_FACETS: tuple[Filter, ...] = tuple(sorted((*MULTI, *FLAGS), key=lambda f: f.place))
LEGENDS: dict[str, str] = {**{f.name: f.legend for f in (*MULTI, *FLAGS)}, YEAR: YEAR_LEGEND}


@dataclass(frozen=True)
class RecordField:
    """The names one catalogue field carries: database column, catalogue CSV header (import
    and export), API key, and the search filter that selects on it."""

    column: str
    csv: str
    api: str
    filter: str | None = None


OPEN_TO_NEW_MEMBERS = RecordField(
    column="open_to_new_members",
    csv="open_to_new_members",
    api="open_to_new_members",
    filter=OPEN.name,
)
