"""A child's whole journey on a 360×740 phone: from the home page to the thank-you page, with axe-core on every
screen. (The survey flow's own details — skip logic, tap sizes — are in test_survey_on_a_phone.)"""

import pytest

from surveys.models import AccessRule, Answer, Response
from tests.browser.journeys import axe_violations, new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_child_finds_the_survey_from_the_home_page_and_answers_with_a_class_code(
    live_server, browser, make_survey, make_code, school
):
    from playwright.sync_api import expect

    survey = make_survey(title="Survei Keamanan Sekolah", access=AccessRule.CODE_REQUIRED)
    code = make_code(survey)
    phone = new_page(browser, width=360, height=740, mobile=True)
    found = []

    phone.goto(live_server.url + "/")
    found += axe_violations(phone)
    participation = phone.get_by_role("region", name="Ikut bersuara")
    participation.get_by_role("link", name="Survei Keamanan Sekolah").click()

    expect(phone.get_by_role("heading", name="Survei Keamanan Sekolah", level=1)).to_be_visible()
    expect(phone.locator(".help-strip")).to_contain_text("SAPA 129")
    found += axe_violations(phone)
    phone.get_by_label("Kode kelas").fill(code.code.lower())
    phone.get_by_role("button", name="Saya setuju, mulai").click()

    expect(phone.get_by_text("Berapa umurmu?")).to_be_visible()
    expect(phone.get_by_text("Kamu sekolah di jenjang apa?"), "the class code already says the school").to_have_count(0)
    found += axe_violations(phone)
    phone.get_by_label("13–15 tahun").check()
    phone.get_by_role("button", name="Lanjut").click()

    expect(phone.get_by_role("heading", name="Merasa aman")).to_be_visible()
    phone.locator("#q-safe_school").get_by_role("radio", name="Setuju", exact=True).check()
    phone.get_by_role("button", name="Lanjut").click()
    bullied = phone.get_by_role("group", name="Apakah kamu dirundung bulan ini?")
    expect(bullied.get_by_role("alert")).to_contain_text("Pertanyaan ini perlu dijawab")
    expect(
        phone.locator("#q-safe_school").get_by_role("radio", name="Setuju", exact=True),
        "the error keeps what was answered",
    ).to_be_checked()
    found += axe_violations(phone)
    bullied.get_by_label("Tidak", exact=True).check()
    phone.get_by_role("button", name="Lanjut").click()

    expect(phone.get_by_role("heading", name="Lainnya")).to_be_visible()
    found += axe_violations(phone)
    phone.get_by_label("Berapa teman dekatmu?").fill("4")
    expect(phone.get_by_label("Satu harapanmu?"), "the child skips this one").to_be_empty()
    phone.get_by_role("button", name="Kirim jawaban").click()

    expect(phone.get_by_role("heading", name="Terima kasih!")).to_be_visible()
    help_lines = phone.get_by_role("region", name="Kalau kamu butuh bantuan atau ingin bercerita")
    expect(help_lines).to_contain_text("SAPA 129")
    expect(help_lines).to_contain_text("129")
    expect(help_lines).to_contain_text("1500-771")
    expect(phone.locator(".help-strip")).to_be_visible()
    found += axe_violations(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.context.close()

    response = Response.objects.get()
    assert (response.survey_id, response.school, response.age_band) == (survey.pk, school, "13-15")
    answers = dict(Answer.objects.filter(response=response).values_list("question_code", "choice_code"))
    assert answers.keys() == {"safe_school", "bullied", "friends"}, "the skipped questions are not stored"
    assert (answers["safe_school"], answers["bullied"]) == ("3", "no")
    assert found == []
