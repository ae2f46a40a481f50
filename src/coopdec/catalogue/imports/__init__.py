"""Imports into the catalogue: the project's CSV, the ministry's Atlas exports, Wikidata twinnings.

One module per importer (``catalogue_csv``, ``atlas``, ``wikidata``, ``atlas_projects``, and the
``iati`` package) turns a file into resolved records; ``resolution`` resolves names and codes
without guessing, ``keys`` computes the stable keys, ``report`` describes what happened, and
``services`` holds the use cases (one transaction per file) shared by ``coopdec import`` and
``coopdec init``. Every write goes through ``coopdec.catalogue.writer.CatalogueWriter``, whose
bulk engines are ``upsert`` (``CURATED``) and ``iati/upsert`` (``SOURCE_OWNED``).
See docs/imports.md.
"""
