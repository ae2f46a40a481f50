"""The IATI import: activities of an IATI 2.0x file into catalogue projects (docs/imports.md).

``reading`` (pure: one streaming pass, XSD check in place, projection), ``pipeline`` (that
pass in a child process), ``rows`` (activity -> project values), ``lookups`` / ``upsert`` /
``sql`` (bulk writes), ``importer`` (the all-or-nothing service and its summary). The
publisher of each activity is kept in ``coopdec.catalogue.models.IatiRecord`` for re-export.
"""
