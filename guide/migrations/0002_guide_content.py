from django.db import migrations


def load(apps, schema_editor):
    from guide.loading import load_guide_content

    load_guide_content(apps)


class Migration(migrations.Migration):
    dependencies = [("guide", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
