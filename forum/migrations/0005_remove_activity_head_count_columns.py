"""The head-count columns, now held by :class:`~forum.models.ActivityHeadCount` (migration ``0004``), go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0004_canonical_codes"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="activity",
            name="boys_from_10_to_12",
        ),
        migrations.RemoveField(
            model_name="activity",
            name="boys_from_13_to_15",
        ),
        migrations.RemoveField(
            model_name="activity",
            name="boys_from_16_to_17",
        ),
        migrations.RemoveField(
            model_name="activity",
            name="boys_up_to_9",
        ),
        migrations.RemoveField(
            model_name="activity",
            name="girls_from_10_to_12",
        ),
        migrations.RemoveField(
            model_name="activity",
            name="girls_from_13_to_15",
        ),
        migrations.RemoveField(
            model_name="activity",
            name="girls_from_16_to_17",
        ),
        migrations.RemoveField(
            model_name="activity",
            name="girls_up_to_9",
        ),
    ]
