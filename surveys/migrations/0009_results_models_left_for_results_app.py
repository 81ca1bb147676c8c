"""The results' models (rollup, indicators, denominators) now belong to the ``results`` app.

State only: their tables keep their names (``surveys_*``, see each model's ``db_table``) and their rows; the
``results`` app's first migration takes them over in its state and renames their content types.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0008_versions_go_with_an_unanswered_survey"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="answerrollup",
                    name="kecamatan",
                ),
                migrations.RemoveField(
                    model_name="answerrollup",
                    name="school",
                ),
                migrations.RemoveField(
                    model_name="answerrollup",
                    name="survey",
                ),
                migrations.RemoveField(
                    model_name="childpopulation",
                    name="kelurahan",
                ),
                migrations.DeleteModel(
                    name="Indicator",
                ),
                migrations.RemoveField(
                    model_name="rollupwatermark",
                    name="survey",
                ),
                migrations.RemoveField(
                    model_name="schoolenrolment",
                    name="school",
                ),
                migrations.DeleteModel(
                    name="AnswerRollup",
                ),
                migrations.DeleteModel(
                    name="ChildPopulation",
                ),
                migrations.DeleteModel(
                    name="RollupWatermark",
                ),
                migrations.DeleteModel(
                    name="SchoolEnrolment",
                ),
            ],
            database_operations=[],
        ),
    ]
