from django.db import migrations, models


class Migration(migrations.Migration):
    """The generation that last wrote each word: a process applying a diff reads only those."""

    dependencies = [
        ("catalogue_search", "0004_recent_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchword",
            name="generation",
            field=models.BigIntegerField(db_index=True, default=0),
        ),
    ]
