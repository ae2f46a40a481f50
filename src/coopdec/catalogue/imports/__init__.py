"""Imports into the catalogue: the project's CSV, the ministry's Atlas exports, Wikidata twinnings.

One module per importer (``catalogue_csv``, ``atlas``, ``wikidata``) turns a file into resolved
records; ``resolution`` resolves names and codes without guessing, ``keys`` computes the stable
keys, ``upsert`` writes in bulk, ``report`` describes what happened, and ``services`` holds the
use cases (one transaction per file) shared by ``coopdec import`` and ``coopdec init``.
See docs/imports.md.
"""
