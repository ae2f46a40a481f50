"""Exchange of catalogue data with the outside: IATI import and export, open-data exports,
the APD declaration helper and the funding deadlines calendar (docs/opendata.md, docs/apd.md).

Services over the pure ``coopdec.interop`` packages (IATI, Table Schema, iCalendar); the API
(``coopdec.api.exchange``) and the CLI (``coopdec.cli.exchange_commands``) call them.

- IATI import: ``iati_reading`` (pure: one streaming pass, XSD check in place, projection),
  ``iati_pipeline`` (that pass in a child process), ``iati_rows`` (activity -> project values),
  ``iati_lookups`` / ``iati_upsert`` / ``iati_sql`` (bulk writes), ``iati_import`` (the
  all-or-nothing service and its summary); ``models.IatiRecord`` keeps the publisher;
- IATI export: ``iati_identifiers`` (organisation identifiers of French authorities),
  ``iati_shapes`` (shared blocks), ``iati_activity`` (catalogue project), ``iati_project_files``
  (project file), ``iati_export`` (activity and organisation files);
- open data: ``selection`` (filters), ``opendata_records`` (rows, Table Schema),
  ``opendata_meta`` (licence, sources), ``opendata_writers`` (CSV, JSON, GeoJSON, XLSX),
  ``centroids`` (country points), ``opendata`` (the service);
- ``apd`` / ``apd_files``: the APD declaration; ``deadlines``: the iCalendar feed;
- ``downloads``: every export as a file to serve; ``bench`` / ``bench_data``: the benchmark.
"""
