"""Every existing account's e-mail becomes one of its addresses on allauth's e-mail page (primary, not yet
verified); new ones are kept in step by accounts.apps.keep_email_address."""

from django.db import migrations


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    taken = {e.lower() for e in EmailAddress.objects.values_list("email", flat=True)}
    with_address = set(EmailAddress.objects.values_list("user_id", flat=True))
    for user in User.objects.exclude(email="").only("pk", "email"):
        email = user.email.lower()
        if user.pk in with_address or email in taken:
            continue
        EmailAddress.objects.create(user_id=user.pk, email=email, primary=True, verified=False)
        taken.add(email)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_invitations_security"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
