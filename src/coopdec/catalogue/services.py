"""Catalogue use cases shared by the web pages, the API and the CLI."""

from __future__ import annotations

from coopdec.catalogue.models import (
    Contact,
    Example,
    ForeignAuthority,
    FrenchAuthority,
    ImportBatch,
    Partnership,
    Project,
)

COUNTED_TABLES = {
    "french_authorities": FrenchAuthority,
    "foreign_authorities": ForeignAuthority,
    "partnerships": Partnership,
    "projects": Project,
    "examples": Example,
    "contacts": Contact,
    "imports": ImportBatch,
}


def catalogue_counts() -> dict[str, int]:
    return {key: model._default_manager.count() for key, model in COUNTED_TABLES.items()}
