"""Every survey's rollup is counted again: a submission without an answer is no longer a respondent, and the rollup
now counts those submissions apart (question "", choice ""). Rollups made before lack those rows, so they are
dropped; dashboards count live until ``refresh_results`` (or a dashboard finding a long tail) rebuilds them."""

from django.db import migrations


def drop_rollups(apps, schema_editor):
    db = schema_editor.connection.alias
    apps.get_model("results", "AnswerRollup").objects.using(db).all().delete()
    apps.get_model("results", "AnswerTotal").objects.using(db).all().delete()
    apps.get_model("results", "RollupWatermark").objects.using(db).all().delete()


class Migration(migrations.Migration):
    dependencies = [("results", "0003_rollup_month")]

    operations = [migrations.RunPython(drop_rollups, migrations.RunPython.noop)]
