"""The text index, which depends on the database: FTS5 on SQLite, tsvector + GIN on PostgreSQL."""

from django.db import migrations


def install(apps, schema_editor):
    from coopdec.catalogue.search.backends import get_backend

    with schema_editor.connection.cursor() as cursor:
        get_backend(schema_editor.connection.vendor).install(cursor)


def uninstall(apps, schema_editor):
    from coopdec.catalogue.search.backends import get_backend

    with schema_editor.connection.cursor() as cursor:
        get_backend(schema_editor.connection.vendor).uninstall(cursor)


class Migration(migrations.Migration):
    dependencies = [("catalogue_search", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
