"""The catalogue's fields, declared once: each search filter (request parameter, facet
dimension, query attribute, value type, CLI option, help texts, web facet) and each record
field (label, database column, catalogue CSV column, open-data column, API key, filter).

Readers derive from it: the query (``search/query.py``: parameters, facets, parsing), the
index documents (``search/documents.py``: the encoded dimensions), the API (``SearchParams``
is built from the filters), the CLI (``coopdec search`` has one option per filter), the web
page (``web/labels.DIMENSIONS``: the legends; ``web/catalogue_page``: which facets, in which
order, with which widget), the open-data exports (``opendata/records.FIELDS``: columns, XLSX
headers, Table Schema) and the catalogue CSV's Table Schema (``catalogue/schemas/tables.py``,
``scripts/build_catalogue_schema.py``). Pure module (no Django).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


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


# The catalogue's record fields ------------------------------------------------------------
# Each field a record shows outside is declared once below: its label, the database column,
# its column in the catalogue CSV (the import format, ``catalogue.schema.json``, generated
# from this declaration by ``scripts/build_catalogue_schema.py``) and in the open-data export
# (``opendata/records.py``: CSV, JSON, GeoJSON and XLSX columns, XLSX headers, Table Schema),
# the key of the search API's hits and the filter that selects on it.


@dataclass(frozen=True)
class Column:
    """A field's column in one of the catalogue's tables, as its Table Schema describes it."""

    name: str  # CSV header, JSON key
    title: str = ""  # "": the field's label
    type: str = "string"  # Table Schema type: string, number, year, date, boolean
    description: str = ""
    constraints: dict[str, Any] | None = None
    # The allowed codes are those of the model's choices of this name ("status",
    # "relation_type"): the schema's writer adds them as the last constraint, "enum". Named
    # here rather than listed because this module has no Django.
    choices: str = ""
    many: bool = False  # open data: a list (" | " in CSV and XLSX, an array in JSON)


@dataclass(frozen=True)
class RecordField:
    """One catalogue field and the names it carries from the database to every interface;
    None where the field is not shown. The label is French (English through the translation
    catalogue) and is the title of a column that has none of its own."""

    name: str
    label: str
    column: str | None = None  # database column (Partnership or Project)
    csv: Column | None = None  # the catalogue CSV (import)
    opendata: Column | None = None  # the open-data export
    api: str | None = None  # key of a search hit (``GET /api/v1/search``)
    filter: str | None = None  # the search filter that selects on it

    def titled(self, column: Column) -> Column:
        """``column`` with its title, the field's label when it has none of its own."""
        return column if column.title else replace(column, title=self.label)


_YEARS = {"minimum": 1900, "maximum": 2100}
_LIST = "séparés par « | »"

# In the open-data export's order (the catalogue CSV's order is ``CSV_ORDER``).
RECORD_FIELDS: tuple[RecordField, ...] = (
    RecordField(
        "record_id", gettext_noop("Identifiant"),
        opendata=Column("id", description="« partnership:<clé> » ou « project:<clé> »",
                        constraints={"required": True, "unique": True}),
    ),
    RecordField(
        "row_id", gettext_noop("Identifiant de la ligne"),
        csv=Column("id", description="Identifiant propre au fichier (P0001…). Facultatif ; "
                   "unique s'il est donné. N'est pas la clé : la clé d'un partenariat est "
                   "calculée (collectivité française + pays + partenaire).",
                   constraints={"unique": True, "maxLength": 40}),
    ),
    RecordField(
        "record_type", gettext_noop("Type"),
        opendata=Column("record_type", description="partnership (partenariat) ou project (projet)",
                        constraints={"required": True, "enum": ["partnership", "project"]}),
        api="type", filter=MULTI[0].name,
    ),
    RecordField(
        "key", gettext_noop("Clé"), column="key",
        opendata=Column("key", description="Clé stable de l'enregistrement dans coopdec",
                        constraints={"required": True}),
    ),
    RecordField(
        "title", gettext_noop("Titre"), column="title",
        csv=Column("title", description="Facultatif : « Collectivité – Partenaire : type de "
                   "relation » sinon.", constraints={"maxLength": 500}),
        opendata=Column("title", description="Titre", constraints={"required": True}),
        api="title",
    ),
    RecordField(
        "summary", gettext_noop("Résumé"), column="summary",
        csv=Column("summary"), opendata=Column("summary", description="Résumé"), api="summary",
    ),
    RecordField(
        "relation_type", gettext_noop("Type de relation"), column="relation_type",
        csv=Column("relation_type", constraints={"required": True}, choices="relation_type"),
        opendata=Column("relation_type", description="Nature de la relation",
                        choices="relation_type"),
        api="relation_type", filter="relation_type",
    ),
    RecordField(
        "status", gettext_noop("Statut"), column="status",
        csv=Column("status", choices="status"),
        opendata=Column("status", description="En cours, terminé, en préparation, non précisé",
                        constraints={"required": True}, choices="status"),
        api="status", filter="status",
    ),
    RecordField(
        "start_year", gettext_noop("Année de début"), column="start_year",
        csv=Column("start_year", type="year", constraints=_YEARS),
        opendata=Column("start_year", type="year", description="Année de début"),
        api="start_year",
    ),
    RecordField(
        "end_year", gettext_noop("Année de fin"), column="end_year",
        csv=Column("end_year", type="year", constraints=_YEARS),
        opendata=Column("end_year", type="year", description="Année de fin"),
        api="end_year",
    ),
    RecordField(
        "start_date", gettext_noop("Date de début"), column="start_date",
        opendata=Column("start_date", type="date", description="Date de début (projets)"),
    ),
    RecordField(
        "end_date", gettext_noop("Date de fin"), column="end_date",
        opendata=Column("end_date", type="date", description="Date de fin (projets)"),
    ),
    RecordField(
        "french_authorities", gettext_noop("Collectivités françaises"),
        column="french_authorities",
        csv=Column("french_authority_name", title="Collectivité française",
                   description="Nom de la collectivité française, p. ex. « Métropole de "
                   "Lyon », « Région Bretagne ».",
                   constraints={"required": True, "maxLength": 300}),
        opendata=Column("french_authorities", description=f"Noms, {_LIST}", many=True),
        api="french_authorities", filter="authority",
    ),
    RecordField(
        "french_authority_kind", gettext_noop("Nature de la collectivité française"),
        csv=Column("french_authority_kind", constraints={"required": True, "enum": [
            "commune", "epci", "ept", "departement", "region", "collectivite_particuliere",
            "syndicat", "groupement"]}),
        filter="authority_kind",
    ),
    RecordField(
        "french_authority_codes", gettext_noop("Codes des collectivités françaises"),
        csv=Column("french_authority_code", title="Code officiel",
                   description="Code INSEE (commune), SIREN (EPCI, EPT), code du département "
                   "ou de la région (COG 2026). Vide : la collectivité est cherchée par son nom "
                   "exact dans sa nature.",
                   constraints={"pattern": "[0-9]{1,3}|2[ABab]|[0-9]{4,5}|2[ABab][0-9]{3}|"
                                           "[0-9]{9}"}),
        opendata=Column("french_authority_codes",
                        description=f"NATURE:CODE officiel (COG 2026), {_LIST}",
                        constraints={"pattern": r"([a-z_]+:[0-9A-Z]*( \| [a-z_]+:[0-9A-Z]*)*)?"},
                        many=True),
    ),
    RecordField(
        "french_authority_official", gettext_noop("Collectivité du COG"),
        csv=Column("french_authority_official", type="boolean",
                   description="« non » pour un organisme hors du COG (ancienne région, "
                   "ancienne intercommunalité) : il est enregistré tel que nommé, sans code. "
                   "Vide = oui (sauf syndicat et groupement, toujours hors COG)."),
    ),
    RecordField(
        "foreign_partners", gettext_noop("Partenaires étrangers"), column="foreign_authorities",
        csv=Column("partner_name", title="Collectivité partenaire",
                   description="La collectivité étrangère, telle que la source la nomme.",
                   constraints={"required": True, "maxLength": 300}),
        opendata=Column("foreign_partners", description=f"Noms, {_LIST}", many=True),
        api="foreign_authorities",
    ),
    RecordField(
        "partner_level", gettext_noop("Niveau du partenaire"),
        csv=Column("partner_level",
                   description="Facultatif ; déduit du nom sinon (« Province de… » : "
                   "intermediate).",
                   constraints={"enum": ["municipality", "intermediate", "region", "grouping",
                                         "other"]}),
    ),
    RecordField(
        "partner_latitude", gettext_noop("Latitude du partenaire"),
        csv=Column("partner_latitude", type="number",
                   constraints={"minimum": -90, "maximum": 90}),
    ),
    RecordField(
        "partner_longitude", gettext_noop("Longitude du partenaire"),
        csv=Column("partner_longitude", type="number",
                   constraints={"minimum": -180, "maximum": 180}),
    ),
    RecordField(
        "countries", gettext_noop("Pays"), column="countries",
        csv=Column("partner_country_iso2", title="Pays du partenaire",
                   description="Code ISO 3166-1 alpha-2 en majuscules (SN, MA, PS, EH…).",
                   constraints={"required": True, "pattern": "[A-Z]{2}"}),
        opendata=Column("countries", description=f"Codes ISO 3166-1 alpha-2, {_LIST}",
                        constraints={"pattern": r"([A-Z]{2}( \| [A-Z]{2})*)?"}, many=True),
        api="countries", filter="country",
    ),
    RecordField(
        "themes", gettext_noop("Thèmes"), column="themes",
        csv=Column("themes", description="Identifiants de thèmes séparés par des "
                   "points-virgules (eau_assainissement;sante).",
                   constraints={"pattern": "[a-z_]+( *; *[a-z_]+)*"}),
        opendata=Column("themes", description=f"Codes des thèmes coopdec, {_LIST}", many=True),
        api="themes", filter="theme",
    ),
    RecordField(
        "sdg_targets", gettext_noop("Cibles ODD"), column="sdg_targets",
        opendata=Column("sdg_targets", description=f"Codes des cibles (« 6.1 »), {_LIST}",
                        many=True),
    ),
    RecordField(
        "dac_sectors", gettext_noop("Secteurs CAD"), column="dac_sectors",
        opendata=Column("dac_sectors", description=f"Codes CAD à 5 chiffres, {_LIST}",
                        constraints={"pattern": r"([0-9]{5}( \| [0-9]{5})*)?"}, many=True),
    ),
    RecordField(
        "budget", gettext_noop("Budget"), column="budget",
        opendata=Column("budget", type="number", description="Budget total annoncé du projet",
                        constraints={"minimum": -1e14}),
    ),
    RecordField(
        "currency", gettext_noop("Devise"), column="currency",
        opendata=Column("currency", description="Code ISO 4217",
                        constraints={"pattern": "[A-Z]{3}"}),
    ),
    RecordField(
        "funders", gettext_noop("Financeurs"), column="funders",
        csv=Column("funders"),
        opendata=Column("funders", description="Financeurs cités par la source"),
    ),
    RecordField(
        "open_to_new_members", gettext_noop("Ouvert"), column="open_to_new_members",
        csv=Column("open_to_new_members", title="Ouvert à d'autres collectivités",
                   type="boolean"),
        opendata=Column("open_to_new_members", type="boolean",
                        description="Ouvert à de nouvelles collectivités"),
        api="open_to_new_members", filter=OPEN.name,
    ),
    RecordField(
        "iati_identifier", gettext_noop("Identifiant IATI"), column="iati_identifier",
        opendata=Column("iati_identifier", description="Identifiant IATI de l'activité"),
    ),
    RecordField(
        "partnership", gettext_noop("Partenariat"), column="partnership",
        opendata=Column("partnership", description="Clé du partenariat dont relève le projet"),
    ),
    RecordField(
        "source_url", gettext_noop("Source(s)"), column="source_url",
        csv=Column("source_url", description="Adresse de la source ; plusieurs adresses "
                   "séparées par « | ».",
                   constraints={"pattern": "https?://\\S+( \\| https?://\\S+)*"}),
        opendata=Column("source_url", description="Adresses des sources, séparées par « | »",
                        many=True),
    ),
    RecordField(
        "source_date", gettext_noop("Date de la source"), column="source_date",
        csv=Column("source_date", description="AAAA, AAAA-MM ou AAAA-MM-JJ.",
                   constraints={"pattern": "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"}),
        opendata=Column("source_date", description="AAAA, AAAA-MM ou AAAA-MM-JJ"),
    ),
    RecordField(
        "updated_at", gettext_noop("Mis à jour le"), column="updated_at",
        opendata=Column("updated_at", type="date", description="Dernière modification dans "
                        "coopdec", constraints={"required": True}),
    ),
)  # fmt: skip
RECORD_FIELDS_BY_NAME: dict[str, RecordField] = {f.name: f for f in RECORD_FIELDS}
# The catalogue CSV's columns in the file's order (the starter catalogue's columns, then the
# optional ones), by field name.
CSV_ORDER: tuple[str, ...] = (
    "row_id", "french_authorities", "french_authority_kind", "french_authority_codes",
    "french_authority_official", "foreign_partners", "countries", "partner_level",
    "partner_latitude", "partner_longitude", "relation_type", "status", "themes", "start_year",
    "end_year", "title", "summary", "open_to_new_members", "funders", "source_url",
    "source_date",
)  # fmt: skip
CSV_COLUMNS: tuple[Column, ...] = tuple(
    field.titled(field.csv)
    for field in map(RECORD_FIELDS_BY_NAME.__getitem__, CSV_ORDER)
    if field.csv is not None
)
OPENDATA_COLUMNS: tuple[Column, ...] = tuple(
    field.titled(field.opendata) for field in RECORD_FIELDS if field.opendata is not None
)
OPEN_TO_NEW_MEMBERS = RECORD_FIELDS_BY_NAME["open_to_new_members"]
