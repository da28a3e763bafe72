"""The key-information questions are guide content: the model moves here from the factsheets app.

Only Django's idea of where the model lives changes (SeparateDatabaseAndState): the table keeps its name
(factsheets_keyquestion), so every row stays where it is and nothing is copied. The model's content type
follows it, so admin permissions and log entries keep pointing at it.
"""

from django.db import migrations, models


def move_content_type(apps, schema_editor, source="factsheets", target="guide"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label=target, model="keyquestion").exists():
        return
    ContentType.objects.filter(app_label=source, model="keyquestion").update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="guide", target="factsheets")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("guide", "0002_guide_content"),
        ("factsheets", "0005_input_limits"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="KeyQuestion",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("number", models.PositiveSmallIntegerField(unique=True, verbose_name="number")),
                        ("question", models.CharField(max_length=300, verbose_name="question")),
                        (
                            "answer",
                            models.TextField(
                                help_text="The guide's answer as HTML; placeholders stay in brackets.",
                                verbose_name="answer",
                            ),
                        ),
                        ("links", models.JSONField(blank=True, default=list, verbose_name="links")),
                        (
                            "placeholders",
                            models.JSONField(
                                blank=True,
                                default=list,
                                help_text="Each: token as it appears in the answer, key and label; a country fills them in.",
                                verbose_name="placeholders",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "key-information question",
                        "verbose_name_plural": "key-information questions",
                        "db_table": "factsheets_keyquestion",
                        "ordering": ["number"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
