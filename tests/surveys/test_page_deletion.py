"""A survey page (or a page above it) with children's answers is not deleted: the admin says why, nothing is lost."""

from http import HTTPStatus

import pytest

from cms.roles import Role
from surveys.models import Response, SurveyPage


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(superuser=True, email="admin@example.test"))
    return client


@pytest.mark.parametrize("target", ["survey", "its parent"])
def test_deleting_a_page_with_answers_under_it_is_refused_with_a_reason(admin_client, survey, answer_survey, target):
    answer_survey(survey, 3, {"bullied": "no"})
    page = survey if target == "survey" else survey.get_parent()
    response = admin_client.post(f"/admin/pages/{page.pk}/delete/", follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "tidak bisa dihapus" in response.content.decode()
    assert SurveyPage.objects.filter(pk=survey.pk).exists()
    assert Response.objects.filter(survey=survey).count() == 3


def test_a_survey_nobody_answered_can_still_be_deleted(client, make_user, make_survey):
    unused = make_survey(slug="belum-dijawab")
    client.force_login(make_user(Role.FACILITATOR))
    response = client.post(f"/admin/pages/{unused.pk}/delete/")
    assert response.status_code == HTTPStatus.FOUND
    assert not SurveyPage.objects.filter(pk=unused.pk).exists()


def test_bulk_deleting_a_survey_with_answers_is_refused_too(admin_client, survey, answer_survey):
    answer_survey(survey, 2, {"bullied": "no"})
    url = f"/admin/bulk/wagtailcore/page/delete/?id={survey.pk}"
    response = admin_client.post(url, follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "tidak bisa dihapus" in response.content.decode()
    assert Response.objects.filter(survey=survey).count() == 2
