"""Activities count their participants in rows keyed by the canonical sex and age band (``cms.vocabulary``);
``0004`` moves the counts there."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0002_role_permissions"),
    ]

    operations = [
        migrations.CreateModel(
            name="ActivityHeadCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "sex",
                    models.CharField(
                        choices=[("female", "Perempuan"), ("male", "Laki-laki")],
                        max_length=10,
                        verbose_name="jenis kelamin",
                    ),
                ),
                (
                    "age_band",
                    models.CharField(
                        choices=[
                            ("0-9", "9 tahun atau kurang"),
                            ("10-12", "10–12 tahun"),
                            ("13-15", "13–15 tahun"),
                            ("16-17", "16–17 tahun"),
                        ],
                        max_length=5,
                        verbose_name="kelompok umur",
                    ),
                ),
                ("children", models.PositiveSmallIntegerField(verbose_name="jumlah anak")),
                (
                    "activity",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="head_counts",
                        to="forum.activity",
                        verbose_name="kegiatan",
                    ),
                ),
            ],
            options={
                "verbose_name": "jumlah peserta",
                "verbose_name_plural": "jumlah peserta",
                "ordering": ["sex", "age_band"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("activity", "sex", "age_band"), name="activity_head_count_once_per_group"
                    )
                ],
            },
        ),
        migrations.AlterField(
            model_name="consultationinput",
            name="age_band",
            field=models.CharField(
                blank=True,
                choices=[
                    ("0-9", "9 tahun atau kurang"),
                    ("10-12", "10–12 tahun"),
                    ("13-15", "13–15 tahun"),
                    ("16-17", "16–17 tahun"),
                ],
                max_length=5,
                verbose_name="kelompok umur",
            ),
        ),
    ]
