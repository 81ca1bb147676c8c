import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from surveys.blocks import definition_value
from surveys.models import Answer, Response, SurveyIndexPage, SurveyPage
from tests.surveys.conftest import DEFINITION

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_survey(home) -> SurveyPage:
    index = home.add_child(instance=SurveyIndexPage(title="Survei", slug="survei"))
    index.save_revision().publish()
    survey = index.add_child(
        instance=SurveyPage(
            title="Survei Keamanan",
            slug="keamanan",
            introduction="Kami ingin tahu apakah kamu merasa aman.",
            assent_text="Tanpa nama.",
            opens_at=timezone.now() - datetime.timedelta(days=1),
            definition=definition_value(DEFINITION),
            locale=Locale.get_default(),
        )
    )
    survey.save_revision().publish()
    return survey


def test_child_answers_a_survey_on_a_small_phone(live_server, open_survey, phone):
    from playwright.sync_api import expect

    phone.goto(live_server.url + "/survei/")
    phone.get_by_role("link", name="Survei Keamanan").click()
    phone.wait_for_url("**/survei/keamanan/")
    expect(phone.locator(".help-strip"), "help is on the survey's first screen").to_be_visible()
    phone.get_by_role("button", name="Saya setuju, mulai").click()
    phone.get_by_label("13–15 tahun").check()
    phone.get_by_role("button", name="Lanjut").click()

    assert "Langkah 2 dari 5" in phone.locator(".progress").inner_text()
    where = phone.locator("#q-bullied_where")
    expect(where, "the follow-up waits for the answer that calls for it").to_have_count(0)
    phone.get_by_label("Setuju", exact=False).first.check()
    phone.locator("#q-bullied").get_by_label("Ya", exact=True).check()
    phone.get_by_role("button", name="Lanjut").click()
    assert "Langkah 3 dari 5" in phone.locator(".progress").inner_text(), "the follow-up is the next step"
    expect(where).to_be_visible()
    where.get_by_label("Di kelas").check()
    box = phone.get_by_role("button", name="Lanjut").bounding_box()
    assert box["height"] >= 44, "tap targets are large"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_role("button", name="Lanjut").click()

    expect(phone.locator("#q-told_someone"), "the next screen has loaded").to_be_visible()
    expect(phone.locator(".help-strip"), "help stays on every survey screen").to_be_visible()
    phone.locator("#q-told_someone").get_by_label("Tidak", exact=True).check()
    phone.get_by_role("button", name="Lanjut").click()
    phone.get_by_label("Berapa teman dekatmu?").fill("3")
    phone.get_by_role("button", name="Kirim jawaban").click()

    phone.get_by_role("heading", name="Terima kasih!").wait_for()
    assert "SAPA 129" in phone.content()
    response = Response.objects.get()
    assert response.age_band == "13-15"
    assert set(Answer.objects.values_list("question_code", flat=True)) == {
        "safe_school",
        "bullied",
        "bullied_where",
        "told_someone",
        "friends",
    }
