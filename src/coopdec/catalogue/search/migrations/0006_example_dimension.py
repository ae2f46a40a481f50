from django.db import migrations


def ask_for_a_rebuild(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Documents encoded before the "example" dimension hold one dimension fewer than the
    index now reads (``fields.ENCODED``): drop them and journal a full rebuild, which
    ``coopdec init``, the server's start-up and ``/healthz`` apply (``consistency``). A new
    database has no document and gets no journal row."""
    document = apps.get_model("catalogue_search", "SearchDocument")
    pending = apps.get_model("catalogue_search", "SearchPending")
    if not document.objects.exists():
        return
    document.objects.all().delete()
    pending.objects.create(full=True)


class Migration(migrations.Migration):
    """Search documents gain the "example" (good practice) dimension."""

    dependencies = [
        ("catalogue_search", "0005_word_generation"),
    ]

    operations = [migrations.RunPython(ask_for_a_rebuild, migrations.RunPython.noop)]
