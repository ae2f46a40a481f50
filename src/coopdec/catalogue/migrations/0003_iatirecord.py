"""IatiRecord moves from the former ``exchange`` app to the catalogue, with the IATI import that
writes it. Its table already exists (``exchange_iatirecord``): only Django's state changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0002_contact_fields"),
        ("exchange", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IatiRecord",
                    fields=[
                        (
                            "project",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="iati_record",
                                serialize=False,
                                to="catalogue.project",
                            ),
                        ),
                        (
                            "publisher_ref",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="identifiant de l'éditeur"
                            ),
                        ),
                        (
                            "publisher_type",
                            models.CharField(
                                max_length=10, verbose_name="type d'organisation de l'éditeur"
                            ),
                        ),
                        (
                            "publisher_names",
                            models.JSONField(default=list, verbose_name="nom de l'éditeur"),
                        ),
                        (
                            "language",
                            models.CharField(
                                default="fr",
                                max_length=10,
                                verbose_name="langue des textes principaux",
                            ),
                        ),
                        ("version", models.CharField(max_length=4, verbose_name="version IATI")),
                        (
                            "last_updated",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="mise à jour selon l'éditeur"
                            ),
                        ),
                        ("fingerprint", models.CharField(max_length=40)),
                    ],
                    options={
                        "verbose_name": "provenance IATI",
                        "verbose_name_plural": "provenances IATI",
                        "db_table": "exchange_iatirecord",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
