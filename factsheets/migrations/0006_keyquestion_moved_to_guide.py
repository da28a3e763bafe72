"""KeyQuestion now lives in the guide app (guide 0003 took it over with its table): forget it here without
touching the database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("factsheets", "0005_input_limits"),
        ("guide", "0003_keyquestion"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="KeyQuestion")],
            database_operations=[],
        ),
    ]
