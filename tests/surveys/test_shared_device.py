from http import HTTPStatus

import pytest

from surveys.models import AccessRule, Response
from tests.surveys.conftest import answer_whole_survey

pytestmark = pytest.mark.django_db

SHARED = "?perangkat=bersama"


@pytest.fixture
def coded_survey(make_survey):
    return make_survey(access=AccessRule.CODE_REQUIRED, slug="survei-tablet")


def session_keys_about_answers(client, survey) -> dict:
    return {key: value for key, value in client.session.items() if key.startswith(survey.session_key())}


def test_after_a_child_submits_only_the_class_code_stays_in_the_session(client, coded_survey, make_code, school):
    code = make_code(coded_survey)
    client.get(coded_survey.url + SHARED)
    answer_whole_survey(client, coded_survey, code=code.code, wish="Taman bermain")
    stored = session_keys_about_answers(client, coded_survey)
    assert coded_survey.session_key() not in stored, "the draft (answers, about, token) is gone"
    facts = {"id": school.pk, "level": code.school_level, "kecamatan": school.kelurahan.parent_id}
    assert stored[f"{coded_survey.session_key()}-shared"] == {"class_code": code.pk, "school": facts}
    flat = repr(dict(client.session.items()))
    for trace in ("Taman bermain", "13-15", "female", "safe_school", "token"):
        assert trace not in flat


def test_the_next_child_starts_fresh_at_the_assent_screen_with_the_class_code(client, coded_survey, make_code, school):
    code = make_code(coded_survey)
    client.get(coded_survey.url + SHARED)
    answer_whole_survey(client, coded_survey, code=code.code)
    thanks = client.get(coded_survey.url + "terima-kasih/").content.decode()
    assert "Giliran teman berikutnya" in thanks
    start = client.get(coded_survey.url).content.decode()
    assert "Kode kelas sudah terpasang" in start
    assert client.post(coded_survey.url, {"choice": "agree"}).status_code == HTTPStatus.FOUND
    about = client.get(coded_survey.url + "tentang-kamu/").content.decode()
    assert 'value="13-15" checked' not in about and "checked" not in about
    answer_whole_survey(client, coded_survey)
    assert Response.objects.filter(school=school).count() == 2
    code.refresh_from_db()
    assert code.uses == 2


def test_going_back_after_submitting_cannot_show_the_previous_answers(client, coded_survey, make_code):
    code = make_code(coded_survey)
    client.get(coded_survey.url + SHARED)
    answer_whole_survey(client, coded_survey, code=code.code, wish="Rahasiaku")
    for screen in ("tentang-kamu/", "bagian/1/", "bagian/3/"):
        response = client.get(coded_survey.url + screen)
        assert response.status_code == HTTPStatus.FOUND and response["Location"].endswith(coded_survey.url)
    assert "Rahasiaku" not in client.get(coded_survey.url).content.decode()


def test_survey_screens_are_never_stored_by_the_browser(client, survey):
    client.get(survey.url + SHARED)
    client.post(survey.url, {"choice": "agree"})
    for screen in ("", "tentang-kamu/", "bagian/1/", "terima-kasih/", "bantuan/"):
        assert "no-store" in client.get(survey.url + screen)["Cache-Control"]


def test_opening_the_shared_link_again_forgets_an_unfinished_draft(client, survey):
    client.get(survey.url + SHARED)
    client.post(survey.url, {"choice": "agree"})
    client.post(survey.url + "tentang-kamu/", {"age_band": "10-12"})
    client.get(survey.url + SHARED)
    assert survey.session_key() not in client.session
