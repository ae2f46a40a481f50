"""IatiRecord now belongs to the catalogue (see catalogue 0003): forget it here, keep the table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0001_initial"),
        ("catalogue", "0003_iatirecord"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="IatiRecord")],
            database_operations=[],
        ),
    ]
