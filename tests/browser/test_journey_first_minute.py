"""A child's first minute with the children's demo survey on a 320 px phone (issue #17, point 8): the class code as
the teacher wrote it on the board, typed in lower case with a space; "Tidak pernah" to the bullying question, so no
follow-ups come; the "Dengarkan" button where JavaScript runs (the phone's speech engine is stubbed, see
test_read_aloud); the thank-you page's link to the results. Once with JavaScript off, once with it on."""

import datetime

import pytest
from django.utils import timezone

from surveys.models import Answer, ClassCode, Response, SurveyPage
from surveys.services import generate_codes
from tests.browser.test_read_aloud import DEVICE_VOICES, phone_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BULLIED = "Dalam 30 hari terakhir, seberapa sering kamu dirundung"
# The class code is a primary school's (SD), so the child reads the survey's texts for younger children (#17.4).
BULLIED_YOUNG = "Sebulan ini, berapa kali kamu dirundung?"


@pytest.fixture
def survey_with_results(demo, answer_survey) -> SurveyPage:
    """The Indonesian children's demo survey, answered by twenty classmates, its bullying question published."""
    page = next(page for page in demo if page.is_for_children and page.locale.language_code == "id")
    answer_survey(page, 14, {"bullied_30d": "never"})
    answer_survey(page, 6, {"bullied_30d": "once_or_twice"})
    page.published_results = ["bullied_30d"]
    page.save_revision().publish()
    return SurveyPage.objects.get(pk=page.pk)


def listen(phone, box) -> list[dict]:
    box.get_by_role("button", name="Dengarkan").click()
    return phone.evaluate("window.__spoken")


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_a_child_types_the_board_code_answers_never_and_sees_the_results(
    live_server, browser, survey_with_results, school, javascript
):
    from playwright.sync_api import expect

    page = survey_with_results
    code = generate_codes(
        page.survey, school, count=1, max_uses=40, expires_at=timezone.now() + datetime.timedelta(days=7)
    )[0].code
    on_the_board = f"{code[:3]} {code[3:]}"
    phone = phone_with(browser, DEVICE_VOICES, javascript=javascript)
    listen_buttons = phone.get_by_role("button", name="Dengarkan")

    phone.goto(live_server.url + page.url)
    phone.get_by_label("Kode kelas (kalau ada)").fill(on_the_board.lower())
    phone.get_by_role("button", name="Saya setuju, mulai").click()

    expect(phone.get_by_role("heading", name="Tentang kamu", level=1)).to_be_visible()
    expect(phone.get_by_text("Kamu sekolah di jenjang apa?"), "the class code already says the school").to_have_count(0)
    age = phone.get_by_role("group", name="Berapa umurmu?")
    if javascript:
        spoken = listen(phone, age)
        assert spoken[0]["text"] == "Berapa umurmu?" and len(spoken) > 2
        assert {said["lang"] for said in spoken} == {"id_ID"}, "in Indonesian, with the phone's own voice"
    else:
        expect(listen_buttons).to_have_count(0)
    age.get_by_label("10–12 tahun").check()
    phone.get_by_role("button", name="Lanjut").click()

    expect(phone.get_by_role("heading", name="Merasa aman", level=1)).to_be_visible()
    expect(phone.locator(".progress")).to_contain_text("Langkah 2 dari")
    phone.locator("#q-safe_school").get_by_role("radio", name="Selalu", exact=True).check()
    phone.get_by_role("button", name="Lanjut").click()

    expect(phone.get_by_role("heading", name="Dirundung", level=1)).to_be_visible()
    bullied = phone.locator("#q-bullied_30d")
    expect(bullied).to_contain_text(BULLIED_YOUNG)
    choices = bullied.locator("label").all_inner_texts()
    assert "Tidak pernah" in [" ".join(text.split()) for text in choices]
    if javascript:
        spoken = [said["text"] for said in listen(phone, bullied)]
        assert spoken[0].startswith(BULLIED_YOUNG)
        assert spoken[1:] == [" ".join(text.split()) for text in choices], "every choice, in order"
    else:
        expect(listen_buttons).to_have_count(0)
    expect(phone.locator("#q-bullied_verbal"), "no follow-up before the answer").to_have_count(0)
    bullied.get_by_label("Tidak pernah", exact=True).check()
    phone.locator("#q-seen_bullying").get_by_label("Tidak pernah", exact=True).check()
    phone.get_by_role("button", name="Lanjut").click()

    expect(phone.get_by_role("heading", name="Mencari bantuan", level=1)).to_be_visible()
    assert phone.url.endswith("/bagian/4/"), "no follow-up screen and no 'where and to whom' section after 'never'"
    phone.get_by_role("button", name="Lanjut").click()
    expect(phone.get_by_role("heading", name="Asap rokok dan tempat main", level=1)).to_be_visible()
    phone.get_by_role("button", name="Kirim jawaban").click()

    expect(phone.get_by_role("heading", name="Terima kasih!", level=1)).to_be_visible()
    phone.get_by_role("link", name="Suaramu sudah dihitung: lihat hasilnya").click()
    expect(phone.get_by_role("heading", name="Suaramu sudah dihitung!", level=1)).to_be_visible()
    chart = phone.locator("figure.chart").filter(has_text=BULLIED).first
    expect(chart).to_be_visible()
    expect(chart.locator("table")).to_contain_text("Tidak pernah")

    response = Response.objects.get(survey=page, school__isnull=False)
    assert response.school == school and response.age_band == "10-12", "the code from the board said the school"
    assert ClassCode.objects.get(code=code).uses == 1
    answers = dict(Answer.objects.filter(response=response).values_list("question_code", "choice_code"))
    assert answers["bullied_30d"] == "never" and answers["seen_bullying"] == "never"
    assert not {"bullied_verbal", "bullied_physical", "bullied_excluded", "bullied_online"} & set(answers)
    phone.context.close()
