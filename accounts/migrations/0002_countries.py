from django.db import migrations


def load_countries(apps, schema_editor):
    from accounts.countries import COUNTRIES

    Country = apps.get_model("accounts", "Country")
    for code, name, languages in COUNTRIES:
        Country.objects.get_or_create(code=code, defaults={"name": name, "languages": languages})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(load_countries, migrations.RunPython.noop)]
