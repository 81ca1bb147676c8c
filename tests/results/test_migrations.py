"""The results' models moved from the ``surveys`` app to ``results`` by state only: a database migrated before the
move keeps every table and row, and the roles keep their permissions on them (content types are relabelled)."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cms.models import Region
from cms.vocabulary import Role
from surveys.results.models import AnswerRollup, ChildPopulation, Indicator, RollupWatermark, SchoolEnrolment

BEFORE = [("surveys", "0008_versions_go_with_an_unanswered_survey"), ("results", None)]
MOVE = [("results", "0001_results_models_from_surveys")]
MONTHS = [("results", "0003_rollup_month")]
MOVED = [AnswerRollup, RollupWatermark, Indicator, ChildPopulation, SchoolEnrolment]


def migrate(targets):
    """Migrate the test database to ``targets`` and return the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return MigrationExecutor(connection).loader.project_state([node for node in targets if node[1]]).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def back_to_latest():
    """Whatever the test does, the database ends fully migrated for the tests after it."""
    yield
    migrate(latest())


def test_every_moved_model_keeps_its_table_from_the_surveys_app():
    assert {model._meta.db_table for model in MOVED} == {f"surveys_{model._meta.model_name}" for model in MOVED}
    assert {model._meta.app_label for model in MOVED} == {"results"}


@pytest.mark.django_db(transaction=True)
def test_rows_and_role_permissions_made_before_the_move_survive_it_and_its_reversal(survey, school, back_to_latest):
    kelurahan = Region.objects.kelurahan().first()
    old = migrate(BEFORE)
    assert not [model for model in old.get_models() if model._meta.app_label == "results"]
    get = lambda name: old.get_model("surveys", name)  # noqa: E731
    get("Indicator").objects.create(name="Indikator lama", cluster="IV", formula="schools", order=99)
    get("ChildPopulation").objects.create(kelurahan_id=kelurahan.pk, year=2025, children=1234)
    get("SchoolEnrolment").objects.create(school_id=school.pk, year=2025, pupils=321)
    get("AnswerRollup").objects.create(survey_id=survey.pk, question_code="bullied", choice_code="no", n=7)
    get("RollupWatermark").objects.create(survey_id=survey.pk, response_id=42, merges=3)
    granted = set(
        Group.objects.get(name=Role.OFFICIAL.value)
        .permissions.filter(content_type__app_label="surveys", content_type__model="indicator")
        .values_list("pk", flat=True)
    )
    assert granted, "the roles held their permissions on indicators before the move"

    moved = migrate(MOVE)

    assert Indicator.objects.filter(name="Indikator lama", formula="schools", order=99).exists()
    assert ChildPopulation.objects.get(kelurahan=kelurahan, year=2025).children == 1234
    assert SchoolEnrolment.objects.get(school=school, year=2025).pupils == 321
    rollup = moved.get_model("results", "AnswerRollup")  # as it was moved, before it counted months
    assert rollup.objects.get(survey_id=survey.pk, question_code="bullied", choice_code="no").n == 7
    assert RollupWatermark.objects.get(survey_id=survey.pk).response_id == 42
    for model in MOVED:
        content_type = ContentType.objects.get_for_model(model)
        assert content_type.app_label == "results", model
        assert not ContentType.objects.filter(app_label="surveys", model=model._meta.model_name).exists(), model
    official = Group.objects.get(name=Role.OFFICIAL.value)
    assert set(official.permissions.filter(pk__in=granted).values_list("pk", flat=True)) == granted
    assert Permission.objects.get(pk=min(granted)).content_type.app_label == "results"

    old = migrate(BEFORE)
    assert old.get_model("surveys", "RollupWatermark").objects.get(survey_id=survey.pk).merges == 3
    assert ContentType.objects.filter(app_label="surveys", model="indicator").exists()


@pytest.mark.django_db(transaction=True)
def test_a_rollup_counted_without_months_is_emptied_to_be_counted_again(survey, back_to_latest):
    """Its rows cannot be split by month, so a filter of months would be wrong from them: the next refresh (or a
    dashboard meanwhile, live) counts every response again."""
    old = migrate(MOVE)
    old.get_model("results", "AnswerRollup").objects.create(
        survey_id=survey.pk, question_code="bullied", choice_code="no", n=7
    )
    old.get_model("results", "RollupWatermark").objects.create(survey_id=survey.pk, response_id=42)
    new = migrate(MONTHS)
    assert not new.get_model("results", "AnswerRollup").objects.exists()
    assert not new.get_model("results", "RollupWatermark").objects.exists()
    assert not new.get_model("results", "AnswerTotal").objects.exists()


@pytest.mark.django_db(transaction=True)
def test_rollups_made_before_blank_submissions_were_counted_apart_are_dropped(survey, back_to_latest):
    """They count a submission without an answer as a respondent and lack the rows counting such submissions."""
    old = migrate(MONTHS)
    old.get_model("results", "AnswerRollup").objects.create(
        survey_id=survey.pk, question_code="", choice_code=None, n=7, month=datetime.date(2026, 8, 1)
    )
    old.get_model("results", "RollupWatermark").objects.create(survey_id=survey.pk, response_id=42)
    migrate(latest())
    assert not AnswerRollup.objects.exists() and not RollupWatermark.objects.exists()
