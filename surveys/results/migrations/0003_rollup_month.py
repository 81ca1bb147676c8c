"""The rollup counts per month of submission, so a dashboard filtered by whole months is summed, not counted live;
and the sums over every group (``AnswerTotal``) are kept beside it, so a view's whole survey is a few rows.

The rollup is a cache of counts: rows counted without a month cannot be split by month, so they are thrown away
with their watermarks, and the next ``refresh_results`` (or a dashboard, a chunk at a time) counts them again.
Until then the dashboards count live, exactly as before.
"""

import datetime

import django.db.models.deletion
from django.db import migrations, models


def forget_rollups(apps, schema_editor):
    db = schema_editor.connection.alias
    apps.get_model("results", "AnswerRollup").objects.using(db).all().delete()
    apps.get_model("results", "RollupWatermark").objects.using(db).all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("results", "0002_region_boundary"),
        ("surveys", "0009_results_models_left_for_results_app"),
    ]

    operations = [
        migrations.AddField(
            model_name="answerrollup",
            name="month",
            field=models.DateField(
                default=datetime.date(2000, 1, 1), help_text="Hari pertama bulan itu.", verbose_name="bulan dikirim"
            ),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="AnswerTotal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("question_code", models.CharField(blank=True, max_length=40, verbose_name="kode pertanyaan")),
                ("choice_code", models.CharField(blank=True, max_length=40, null=True, verbose_name="kode pilihan")),
                ("month", models.DateField(help_text="Hari pertama bulan itu.", verbose_name="bulan dikirim")),
                ("n", models.PositiveIntegerField(verbose_name="jumlah responden")),
                (
                    "survey",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="surveys.surveypage",
                        verbose_name="survei",
                    ),
                ),
            ],
            options={
                "verbose_name": "jumlah jawaban per bulan",
                "verbose_name_plural": "jumlah jawaban per bulan",
                "indexes": [
                    models.Index(fields=["survey", "question_code", "choice_code"], name="total_survey_question")
                ],
            },
        ),
        migrations.RunPython(forget_rollups, migrations.RunPython.noop),
    ]
