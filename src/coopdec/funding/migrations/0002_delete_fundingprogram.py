# The funding programmes table is removed: the funding finder, the rules and the parser read
# reference/funding_programs.yaml (pure, no database: the CLI runs without one), and nothing
# read the table. See docs/design.md, "Names of the project-file concepts".

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.DeleteModel(name="FundingProgram")]
