from django.db import migrations


def load(apps, schema_editor):
    from guide.loading import load_factsheet_content

    load_factsheet_content(apps)


class Migration(migrations.Migration):
    dependencies = [("factsheets", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
