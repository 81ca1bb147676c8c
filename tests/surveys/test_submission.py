import datetime
import threading
import uuid
from http import HTTPStatus

import pytest
from django.db import connection
from django.utils import timezone

from surveys.models import Answer, Response, SurveyVersion
from surveys.services import submit_response

pytestmark = pytest.mark.django_db

RESPONSE_FIELDS = {
    "id",
    "survey",
    "version",
    "school",
    "school_level",
    "kecamatan",
    "age_band",
    "sex",
    "submitted_on",
    "submission_token",
}
ANSWER_FIELDS = {"id", "response", "question_code", "choice_code", "number_value", "text_value"}


def answer_to_the_last_screen(client, survey):
    client.post(survey.url, {"choice": "agree"})
    client.post(survey.url + "bagian/1/", {"safe_school": "4", "bullied": "no"})


def test_double_submit_stores_one_response(client, survey):
    answer_to_the_last_screen(client, survey)
    first = client.post(survey.url + "bagian/3/", {"friends": "2"})
    second = client.post(survey.url + "bagian/3/", {"friends": "2"})
    assert first["Location"] == second["Location"] == survey.url + "terima-kasih/"
    assert Response.objects.count() == 1
    assert Answer.objects.filter(question_code="friends").count() == 1


def test_replayed_token_stores_one_response(survey):
    token = uuid.uuid4()
    first, created = submit_response(survey, token=token, answers={"safe_school": "2", "bullied": "no"})
    again, created_again = submit_response(survey, token=token, answers={"safe_school": "1", "bullied": "no"})
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert Response.objects.count() == 1
    assert set(Answer.objects.values_list("choice_code", flat=True)) == {"2", "no"}


def test_submission_saves_response_and_answers_together_or_not_at_all(survey):
    with pytest.raises(ValueError):
        submit_response(survey, token=uuid.uuid4(), answers={"friends": "not a number"})
    assert Response.objects.count() == 0


def test_a_new_draft_gets_a_new_token(client, survey):
    answer_to_the_last_screen(client, survey)
    client.post(survey.url + "bagian/3/", {})
    answer_to_the_last_screen(client, survey)
    client.post(survey.url + "bagian/3/", {})
    assert Response.objects.count() == 2


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(-10, -1), (1, 10)],
    ids=["closed", "not-yet-open"],
)
def test_survey_outside_its_dates_refuses_answers_with_a_clear_page(client, make_survey, opens, closes):
    now = timezone.now()
    survey = make_survey(opens_at=now + datetime.timedelta(days=opens), closes_at=now + datetime.timedelta(days=closes))
    page = client.get(survey.url)
    assert page.status_code == HTTPStatus.OK
    assert "belum dibuka" in page.content.decode() or "sudah ditutup" in page.content.decode()
    assert "Saya setuju" not in page.content.decode()
    refused = client.post(survey.url, {"choice": "agree"})
    assert refused.status_code == HTTPStatus.FORBIDDEN
    assert client.post(survey.url + "bagian/3/", {}).status_code == HTTPStatus.FORBIDDEN
    assert Response.objects.count() == 0


def test_survey_closing_while_a_child_answers_refuses_the_submission(client, survey):
    answer_to_the_last_screen(client, survey)
    survey.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    survey.save_revision().publish()
    response = client.post(survey.url + "bagian/3/", {})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "sudah ditutup" in response.content.decode()
    assert Response.objects.count() == 0


def test_unpublished_survey_refuses_answers(client, survey):
    answer_to_the_last_screen(client, survey)
    survey.unpublish()
    response = client.post(survey.url + "bagian/3/", {})
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "tidak ditemukan" in response.content.decode()
    assert Response.objects.count() == 0


def test_only_the_listed_fields_are_stored(client, survey, regions):
    assert {field.name for field in Response._meta.concrete_fields} == RESPONSE_FIELDS
    assert {field.name for field in Answer._meta.concrete_fields} == ANSWER_FIELDS
    answer_to_the_last_screen(client, survey)
    client.post(
        survey.url + "bagian/3/",
        {"wish": "aman"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 10) Tes",
    )
    row = Response.objects.values().get()
    assert set(row) == {
        f"{name}_id" if name in {"survey", "version", "school", "kecamatan"} else name for name in RESPONSE_FIELDS
    }
    assert isinstance(row["submitted_on"], datetime.date) and not isinstance(row["submitted_on"], datetime.datetime)
    stored_text = " ".join(str(value) for value in row.values()) + " ".join(
        str(value) for answer in Answer.objects.values() for value in answer.values()
    )
    assert "203.0.113" not in stored_text and "Mozilla" not in stored_text
    assert client.session.session_key not in stored_text


def test_version_is_frozen_on_publish_only_when_the_questions_change(survey):
    assert SurveyVersion.objects.filter(survey=survey).count() == 1
    survey.title = "Judul baru"
    survey.save_revision().publish()
    assert SurveyVersion.objects.filter(survey=survey).count() == 1
    definition = survey.definition.raw_data
    definition[0]["value"]["questions"][0]["value"]["label"] = "Apakah kamu merasa aman di sekolahmu?"
    survey.definition = definition
    survey.save_revision().publish()
    assert list(SurveyVersion.objects.filter(survey=survey).values_list("number", flat=True)) == [1, 2]


def test_version_change_keeps_old_answers_readable(survey):
    old, _ = submit_response(survey, token=uuid.uuid4(), answers={"safe_school": "2", "bullied": "no"})
    definition = list(survey.definition.raw_data)
    definition[0]["value"]["questions"] = definition[0]["value"]["questions"][:1]
    survey.definition = definition
    survey.save_revision().publish()
    new, _ = submit_response(survey, token=uuid.uuid4(), answers={"safe_school": "3", "bullied": "yes"})

    assert (old.version.number, new.version.number) == (1, 2)
    old_definition = old.version.get_definition()
    assert old_definition.question("bullied").label == "Apakah kamu dirundung bulan ini?"
    assert [a.question_code for a in old.answers.order_by("question_code")] == ["bullied", "safe_school"]
    assert [a.question_code for a in new.answers.all()] == ["safe_school"]
    assert new.version.get_definition().question("bullied") is None
    assert Answer.objects.filter(question_code="safe_school").count() == 2, "summaries join versions on codes"


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="the in-memory SQLite test database locks instead of waiting for writers"
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_with_one_token_store_one_response(survey):
    """Two requests racing with the same draft (a double tap on a slow network): one row, both see it."""
    token = uuid.uuid4()
    barrier = threading.Barrier(2)
    results = []

    def send():
        try:
            barrier.wait(timeout=10)
            response, _ = submit_response(survey, token=token, answers={"safe_school": "2", "bullied": "no"})
            results.append(response.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == 2 and results[0] == results[1]
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 2


def test_frozen_version_keeps_a_zero_minimum(make_survey):
    from surveys.models import SurveyVersion

    survey = make_survey()
    version = SurveyVersion.objects.get(survey=survey)
    assert version.get_definition().question("friends").min_value == 0
