"""What a contribution may set, per kind: the catalogue fields and links an authority declares.

The names are the writer's (``catalogue.merge_policy``); everything else of a record
(provenance, IATI texts, curated contacts) is never written by a contribution.
"""

from __future__ import annotations

from coopdec.catalogue.models import Partnership, Project

FIELDS: dict[str, tuple[str, ...]] = {
    "partnership": (
        "title", "summary", "relation_type", "start_year", "end_year", "status", "funders",
        "open_to_new_members", "convention_signed_on", "convention_transmitted_on", "contacts",
    ),
    "project": (
        "title", "summary", "description", "status", "budget", "currency", "funders",
        "start_date", "end_date", "open_to_new_members", "budget_lines", "financing_lines",
        "results", "lessons",
    ),
    "call": ("title", "summary", "description", "call_closes_on", "call_contact"),
}  # fmt: skip
LINKS: dict[str, tuple[str, ...]] = {
    "partnership": ("french_authorities", "foreign_authorities", "themes", "sdg_targets"),
    "project": ("french_authorities", "foreign_authorities", "countries", "themes", "sdg_targets"),
    "call": ("french_authorities", "foreign_authorities", "countries", "themes"),
}
# A call for partners must say until when and whom to contact.
REQUIRED: dict[str, tuple[str, ...]] = {
    "partnership": ("title", "relation_type"),
    "project": ("title",),
    "call": ("title", "call_closes_on", "call_contact"),
}
# Fields holding a list of lines (``contributions.lines``), checked beyond the model's rules.
LINE_FIELDS = ("budget_lines", "financing_lines")
MODELS: dict[str, type[Partnership] | type[Project]] = {
    "partnership": Partnership,
    "project": Project,
    "call": Project,
}
