"""A facilitator's journey: signs in with a password and an authenticator code, builds a small survey in the
Wagtail admin's StreamField editor, publishes it, and a child answers it on a phone."""

import re

import pytest

from cms.roles import Role
from surveys.models import Answer, Response, SurveyPage
from tests.browser.journeys import axe_violations, new_page, report_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(scope, name: str, role: str = "textbox"):
    """The admin field labelled exactly ``name`` (a required one's label ends with an asterisk)."""
    return scope.get_by_role(role, name=re.compile(rf"^{re.escape(name)}\*?$"))


def fill_question(question, *, kind: str, code: str, label: str, required: bool = False) -> None:
    field(question, "jenis", "combobox").select_option(label=kind)
    field(question, "kode").first.fill(code)
    field(question, "pertanyaan").fill(label)
    field(question, "wajib dijawab", "checkbox").set_checked(required)


def test_facilitator_builds_and_publishes_a_survey_that_a_child_then_answers(
    live_server, browser, make_user, survey_index
):
    from playwright.sync_api import expect

    facilitator = make_user(Role.FACILITATOR)
    assert facilitator.authenticator_set.exists(), "a facilitator must use MFA"
    admin = new_page(browser)
    found: list[str] = []
    sign_in(admin, live_server, facilitator, next_path="/admin/", found=found)
    dashboard_critical = axe_violations(admin, impacts={"critical"})

    admin.goto(f"{live_server.url}/admin/pages/{survey_index.pk}/add_subpage/")
    field(admin, "Judul").fill("Survei Ruang Bermain")
    field(admin, "Pengantar").fill("Kami ingin tahu di mana kamu suka bermain.")
    field(admin, "Teks persetujuan").fill("Tanpa nama. Boleh berhenti kapan saja.")

    admin.get_by_title("Insert a block").first.click()
    field(admin, "judul bagian").fill("Bermain")
    questions = admin.locator(".survey-question")
    expect(questions).to_have_count(1)
    fill_question(
        questions.nth(0), kind="Ya / tidak", code="punya_taman", label="Apakah ada taman bermain di dekat rumahmu?"
    )
    admin.locator("[data-contentpath=questions]").get_by_role("button", name="Tambah").last.click()
    expect(questions).to_have_count(2)
    second = questions.nth(1)
    fill_question(
        second, kind="Pilihan tunggal", code="tempat", label="Di mana kamu paling sering bermain?", required=True
    )
    second.get_by_role("button", name="Tambah").first.click()
    field(second, "kode").nth(1).fill("taman")
    field(second, "teks pilihan").nth(0).fill("Di taman")
    second.get_by_role("button", name="Tambah").last.click()
    field(second, "kode").nth(2).fill("rumah")
    field(second, "teks pilihan").nth(1).fill("Di rumah")

    report_violations(admin, "wagtail survey editor")
    admin.locator("footer .w-dropdown__toggle").click()
    admin.get_by_role("button", name="Publikasi").click()
    expect(admin.locator(".messages .success")).to_contain_text("Survei Ruang Bermain")
    admin.context.close()

    survey = SurveyPage.objects.get(title="Survei Ruang Bermain")
    assert survey.live
    assert [question.code for question in survey.get_definition().questions()] == ["punya_taman", "tempat"]

    phone = new_page(browser, width=360, height=740, mobile=True)
    phone.goto(live_server.url + "/")
    phone.get_by_role("link", name="Survei Ruang Bermain").click()
    found += axe_violations(phone)
    phone.get_by_role("button", name="Saya setuju, mulai").click()
    phone.get_by_role("button", name="Lanjut").click()
    expect(phone.get_by_role("heading", name="Bermain")).to_be_visible()
    found += axe_violations(phone)
    phone.get_by_role("group", name="Apakah ada taman bermain di dekat rumahmu?").get_by_label("Ya", exact=True).check()
    phone.get_by_label("Di taman").check()
    phone.get_by_role("button", name="Kirim jawaban").click()
    expect(phone.get_by_role("heading", name="Terima kasih!")).to_be_visible()
    phone.context.close()

    response = Response.objects.get(survey=survey)
    assert dict(Answer.objects.filter(response=response).values_list("question_code", "choice_code")) == {
        "punya_taman": "yes",
        "tempat": "taman",
    }
    assert dashboard_critical == [], "the admin dashboard carries our own results panel"
    assert found == []
