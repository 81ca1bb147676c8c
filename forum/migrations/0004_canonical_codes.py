"""Recode Forum Anak's own encodings onto the canonical ones of ``cms.vocabulary``.

- a member's sex: ``perempuan`` becomes ``female``, ``laki-laki`` becomes ``male``;
- an activity's eight head-count columns (``girls_up_to_9`` … ``boys_from_16_to_17``) become one
  :class:`~forum.models.ActivityHeadCount` row per sex and age band with at least one child.

Both directions keep every count: going back, the rows are summed into the columns again.
"""

from django.db import migrations, models

SEX_CODES = {"perempuan": "female", "laki-laki": "male"}
BAND_CODES = {"up_to_9": "0-9", "from_10_to_12": "10-12", "from_13_to_15": "13-15", "from_16_to_17": "16-17"}
SEX_PREFIXES = {"girls": "female", "boys": "male"}
#: The old column for each canonical (sex, age band).
COLUMNS = {
    (sex, band): f"{prefix}_{old_band}" for prefix, sex in SEX_PREFIXES.items() for old_band, band in BAND_CODES.items()
}


def recode_member_sex(apps, codes: dict[str, str]) -> None:
    Member = apps.get_model("forum", "Member")
    for old, new in codes.items():
        Member.objects.filter(sex=old).update(sex=new)


def columns_to_rows(apps, schema_editor) -> None:
    recode_member_sex(apps, SEX_CODES)
    Activity = apps.get_model("forum", "Activity")
    ActivityHeadCount = apps.get_model("forum", "ActivityHeadCount")
    rows = [
        ActivityHeadCount(activity_id=values["pk"], sex=sex, age_band=band, children=values[column])
        for values in Activity.objects.values("pk", *COLUMNS.values())
        for (sex, band), column in COLUMNS.items()
        if values[column]
    ]
    ActivityHeadCount.objects.bulk_create(rows, batch_size=1000)


def rows_to_columns(apps, schema_editor) -> None:
    recode_member_sex(apps, {new: old for old, new in SEX_CODES.items()})
    Activity = apps.get_model("forum", "Activity")
    ActivityHeadCount = apps.get_model("forum", "ActivityHeadCount")
    by_activity: dict[int, dict[str, int]] = {}
    for row in ActivityHeadCount.objects.values("activity_id", "sex", "age_band", "children"):
        column = COLUMNS[(row["sex"], row["age_band"])]
        by_activity.setdefault(row["activity_id"], {})[column] = row["children"]
    for activity_id, columns in by_activity.items():
        Activity.objects.filter(pk=activity_id).update(**columns)
    ActivityHeadCount.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0003_activity_head_counts"),
    ]

    operations = [
        migrations.RunPython(columns_to_rows, rows_to_columns),
        migrations.AlterField(
            model_name="member",
            name="sex",
            field=models.CharField(
                choices=[("female", "Perempuan"), ("male", "Laki-laki")], max_length=10, verbose_name="jenis kelamin"
            ),
        ),
    ]
