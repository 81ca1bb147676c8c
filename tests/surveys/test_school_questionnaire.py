import datetime
from http import HTTPStatus

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from surveys.models import Audience, Response, SchoolSubmission
from surveys.services import save_school_answers

pytestmark = pytest.mark.django_db

ANSWERS = {"safe_school": "3", "bullied": "yes", "bullied_where": ["classroom"], "friends": "10"}


@pytest.fixture
def school_survey(make_survey):
    return make_survey(audience=Audience.SCHOOLS, slug="kuesioner-sekolah")


def questionnaire_url(survey) -> str:
    return f"/staf/survei/{survey.pk}/kuesioner-sekolah/"


def test_coordinator_answers_for_their_own_school(client, school_survey, coordinator, school):
    client.force_login(coordinator)
    assert client.get(questionnaire_url(school_survey)).status_code == HTTPStatus.OK
    response = client.post(questionnaire_url(school_survey), ANSWERS)
    assert response.status_code == HTTPStatus.FOUND
    submission = SchoolSubmission.objects.get()
    assert (submission.school, submission.survey, submission.submitted_by) == (school, school_survey, coordinator)
    assert submission.response.school == school
    codes = set(submission.response.answers.values_list("question_code", "choice_code"))
    assert ("bullied_where", "classroom") in codes


def test_editing_keeps_one_answer_per_school_and_replaces_it(client, school_survey, coordinator):
    client.force_login(coordinator)
    client.post(questionnaire_url(school_survey), ANSWERS)
    page = client.get(questionnaire_url(school_survey)).content.decode()
    assert 'value="classroom"' in page and "checked" in page, "the saved answers are shown for editing"
    client.post(questionnaire_url(school_survey), {"safe_school": "4", "bullied": "no"})
    assert SchoolSubmission.objects.count() == 1
    assert Response.objects.count() == 1
    assert set(Response.objects.get().answers.values_list("question_code", "choice_code")) == {
        ("safe_school", "4"),
        ("bullied", "no"),
    }


def test_the_database_allows_one_submission_per_school_per_round(school_survey, school):
    first = save_school_answers(school_survey, school, ANSWERS)
    with pytest.raises(IntegrityError), transaction.atomic():
        SchoolSubmission.objects.create(
            survey=school_survey,
            school=school,
            response=Response.objects.create(
                survey=school_survey,
                version=first.response.version,
                submitted_on=timezone.localdate(),
                submission_token="00000000-0000-4000-8000-000000000001",
            ),
            updated_on=timezone.localdate(),
        )


def test_no_edits_after_the_round_closes(client, school_survey, coordinator, school):
    save_school_answers(school_survey, school, ANSWERS)
    school_survey.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    school_survey.save_revision().publish()
    client.force_login(coordinator)
    assert "tidak bisa diubah" in client.get(questionnaire_url(school_survey)).content.decode()
    assert client.post(questionnaire_url(school_survey), {"safe_school": "1"}).status_code == HTTPStatus.FORBIDDEN
    assert set(Response.objects.get().answers.values_list("choice_code", flat=True)) >= {"3"}


def test_a_coordinator_cannot_see_another_schools_answers_or_report(client, school_survey, coordinator, other_school):
    save_school_answers(school_survey, other_school, {"safe_school": "1", "bullied": "no", "friends": "42"})
    client.force_login(coordinator)
    page = client.get(questionnaire_url(school_survey)).content.decode()
    assert 'value="42"' not in page
    assert client.get(f"/staf/survei/{school_survey.pk}/sekolah-menjawab/").status_code == HTTPStatus.FORBIDDEN
    assert client.get(f"/staf/survei/{school_survey.pk}/ekspor.csv").status_code == HTTPStatus.FORBIDDEN


def test_facilitators_see_which_schools_answered_and_which_did_not(
    client, school_survey, facilitator, school, other_school
):
    save_school_answers(school_survey, school, ANSWERS)
    client.force_login(facilitator)
    response = client.get(f"/staf/survei/{school_survey.pk}/sekolah-menjawab/")
    page = response.content.decode()
    assert "1 dari 2 sekolah sudah menjawab" in page
    answered = page.split('class="answered"')[1].split("</tr>")[0]
    assert school.name in answered
    not_answered = page.split('class="not-answered"')[1].split("</tr>")[0]
    assert other_school.name in not_answered
