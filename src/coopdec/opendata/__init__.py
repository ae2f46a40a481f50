"""Catalogue data going out: open-data exports, IATI export, the APD declaration helper and the
funding deadlines calendar (docs/opendata.md, docs/apd.md).

Services over the pure ``coopdec.formats`` packages (IATI, Table Schema, iCalendar, CSV text);
the API (``coopdec.api.opendata``) and the CLI (``coopdec.cli.opendata_commands``) call them.
The IATI *import* is a catalogue import (``coopdec.catalogue.imports.iati``); this app keeps
its Django label ``exchange`` (tables, migrations) and ``models.IatiRecord``, the publisher of
an imported activity, which the re-export names.

- IATI export: ``iati_shapes`` (shared blocks), ``iati_activity`` (catalogue project),
  ``iati_project_files`` (project file), ``iati_export`` (activity and organisation files);
  organisation identifiers of French authorities are in ``coopdec.catalogue.identifiers``;
- open data: ``selection`` (filters), ``records`` (rows, Table Schema), ``meta`` (licence,
  sources), ``writers`` (CSV, JSON, GeoJSON, XLSX), ``centroids`` (country points),
  ``exports`` (the service);
- ``apd`` / ``apd_files``: the APD declaration; ``deadlines``: the iCalendar feed;
- ``downloads``: every export as a file to serve.
"""
