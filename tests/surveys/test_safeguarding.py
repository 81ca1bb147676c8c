import datetime
import uuid
from http import HTTPStatus

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from surveys.models import FlagAction, FlagStatus, SafeguardingFlag, SafeguardingWord
from surveys.services import submit_response
from tests.surveys.conftest import answer_whole_survey

pytestmark = pytest.mark.django_db

HELP_BUTTON = "Aku butuh bantuan sekarang"


def submit_wish(survey, wish: str):
    response, _ = submit_response(survey, token=uuid.uuid4(), answers={"safe_school": "2", "wish": wish})
    return response


@pytest.fixture
def flag(survey):
    submit_wish(survey, "Aku sering dipukul di rumah")
    return SafeguardingFlag.objects.get()


def test_every_survey_screen_has_the_help_now_action(client, survey):
    screens = [client.get(survey.url)]
    client.post(survey.url, {"choice": "agree"})
    screens += [client.get(survey.url + "tentang-kamu/"), client.get(survey.url + "bagian/1/")]
    answer_whole_survey(client, survey)
    screens.append(client.get(survey.url + "terima-kasih/"))
    screens.append(client.post(survey.url, {"choice": "disagree"}))
    for screen in screens:
        page = screen.content.decode()
        assert HELP_BUTTON in page and f'href="{survey.url}bantuan/"' in page


def test_the_closed_screen_has_the_help_now_action_too(client, make_survey):
    closed = make_survey(closes_at=timezone.now() - datetime.timedelta(days=1), slug="tutup")
    assert HELP_BUTTON in client.get(closed.url).content.decode()


def test_the_help_page_shows_the_help_lines_and_asks_for_nothing(client, survey):
    client.post(survey.url, {"choice": "agree"})
    page = client.get(survey.url + "bantuan/").content.decode()
    assert "SAPA 129" in page and "08111-129-129" in page and "112" in page
    assert "<form" not in page.split("<main")[1].split("</main>")[0]
    assert survey.session_key() in client.session, "the child can go back to the survey"


@pytest.mark.parametrize(
    ("wish", "matched"),
    [
        ("Aku sering dipukul di rumah", ["dipukul"]),
        ("Ada pukulan setiap malam", ["pukul"]),
        ("Kadang aku ingin   MATI saja", ["ingin mati"]),
        ("My uncle touched me", ["touched me"]),
    ],
)
def test_free_text_matching_the_word_list_goes_to_the_queue(survey, wish, matched):
    response = submit_wish(survey, wish)
    flag = SafeguardingFlag.objects.get()
    assert flag.answer.response == response and flag.answer.question_code == "wish"
    assert flag.matched_words == matched and flag.status == FlagStatus.NEW


def test_ordinary_answers_are_not_flagged(survey):
    submit_wish(survey, "Lebih banyak taman dan kompor untuk memasak")
    assert not SafeguardingFlag.objects.exists()


def test_facilitators_edit_the_word_list_and_new_words_take_effect(client, survey, facilitator):
    client.force_login(facilitator)
    response = client.post("/admin/snippets/surveys/safeguardingword/add/", {"word": "dikurung", "language": "id"})
    assert response.status_code == HTTPStatus.FOUND
    assert SafeguardingWord.objects.filter(word="dikurung").exists()
    submit_wish(survey, "aku dikurung di kamar")
    assert SafeguardingFlag.objects.get().matched_words == ["dikurung"]


def test_the_queue_is_only_for_readers_with_the_safeguarding_permission(client, flag, facilitator, official):
    client.force_login(facilitator)
    assert client.get("/admin/safeguarding/").status_code == HTTPStatus.OK
    assert "dipukul di rumah" in client.get(f"/admin/safeguarding/inspect/{flag.pk}/").content.decode()
    client.force_login(official)
    for url in (
        "/admin/safeguarding/",
        f"/admin/safeguarding/inspect/{flag.pk}/",
        f"/admin/safeguarding/edit/{flag.pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
        assert "dipukul" not in response.content.decode()


def test_seeing_an_item_is_audit_logged_without_the_childs_words(client, flag, facilitator):
    client.force_login(facilitator)
    client.get(f"/admin/safeguarding/inspect/{flag.pk}/")
    entry = ModelLogEntry.objects.get(action="suara_anak.safeguarding_view")
    assert (entry.user, entry.object_id) == (facilitator, str(flag.pk))
    assert "dipukul" not in entry.label


def test_marking_reviewed_records_who_when_and_the_action_taken(client, flag, facilitator):
    client.force_login(facilitator)
    response = client.post(f"/admin/safeguarding/edit/{flag.pk}/", {"action": FlagAction.UPTD_PPA, "note": "Dirujuk"})
    assert response.status_code == HTTPStatus.FOUND
    flag.refresh_from_db()
    assert (flag.status, flag.action, flag.reviewed_by, flag.reviewed_on) == (
        FlagStatus.REVIEWED,
        FlagAction.UPTD_PPA,
        facilitator,
        timezone.localdate(),
    )
    assert ModelLogEntry.objects.filter(action="wagtail.edit", object_id=str(flag.pk), user=facilitator).exists()
