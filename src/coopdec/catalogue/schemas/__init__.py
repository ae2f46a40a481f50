"""Shipped descriptors of the import formats: the catalogue CSV's Table Schema and the default
column mapping of the ministry's Atlas exports."""

from __future__ import annotations

from pathlib import Path

SCHEMAS_DIR = Path(__file__).resolve().parent
CATALOGUE_SCHEMA = SCHEMAS_DIR / "catalogue.schema.json"
ATLAS_MAPPING = SCHEMAS_DIR / "atlas-mapping.yaml"
