from django.db import migrations


def load(apps, schema_editor):
    from factsheets.loading import load_factsheet_content
    from guide.loading import load_key_questions

    # At this point of history the key-information questions lived in this app (moved to guide in 0006).
    load_key_questions(apps.get_model("factsheets", "KeyQuestion"))
    load_factsheet_content(apps)


class Migration(migrations.Migration):
    dependencies = [("factsheets", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
