"""Every child's screen of every demo survey, as a class would meet it: on a 320×640 phone, with and without
JavaScript, in both languages, for every audience (``Audience``): the class code from the board, honest progress,
follow-ups only when called for."""

import datetime
import re

import pytest
from django.utils import timezone

from cms.demo import seed_sections
from surveys.demo import seed_surveys
from surveys.models import AccessRule, Audience, SurveyPage
from surveys.services import generate_codes
from tests.browser.journeys import new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 320, 640
PROGRESS = re.compile(r"(?:Langkah|Step) (\d+) (?:dari|of) (\d+)")
JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])


@pytest.fixture
def demo(home) -> list[SurveyPage]:
    """The demo site's sections (so the header has its whole menu) and every demo survey in every language."""
    seed_sections(home)
    sources = seed_surveys(home).values()
    pages = [page.specific for source in sources for page in source.get_translations(inclusive=True).live()]
    assert {page.audience for page in pages} == set(Audience.values), "every audience"
    assert {page.locale.language_code for page in pages} == {"id", "en"}
    return pages


def phone_for(browser, javascript: bool):
    return new_page(browser, width=WIDTH, height=HEIGHT, mobile=True, javascript=javascript)


def go_on(phone, button) -> None:
    """Press a form's button and wait for the next screen (a POST, then a redirect or the page itself)."""
    with phone.expect_navigation():
        button.click()


@pytest.mark.parametrize("access", AccessRule.values)
@JAVASCRIPT
def test_the_code_from_the_board_works_on_every_survey_that_takes_codes(
    live_server, browser, demo, school, access, javascript
):
    """A box on the first screen (optional where codes are), any case, spaces, hyphens; a wrong code keeps the child
    there with a kind message. A survey that takes no class code from a child (a school questionnaire) has no box."""
    from playwright.sync_api import expect

    phone = phone_for(browser, javascript)
    checked = 0
    for page in demo:
        SurveyPage.objects.filter(pk=page.pk).update(access=access)
        page.refresh_from_db()
        phone.goto(live_server.url + page.url)
        box = phone.locator("input[name=kode]")
        if not page.accepts_class_codes:
            expect(box).to_have_count(0)
            continue
        checked += 1
        english = page.locale.language_code == "en"
        label = {(False, True): "Kode kelas", (False, False): "Kode kelas (kalau ada)"}.get(
            (english, access == AccessRule.CODE_REQUIRED)
        ) or ("Class code" if access == AccessRule.CODE_REQUIRED else "Class code (if you have one)")
        named = phone.get_by_role("textbox", name=re.compile(rf"^{re.escape(label)}:?$"))
        expect(named).to_be_visible()

        named.fill("zz9 99x")
        go_on(phone, phone.locator("button[name=choice][value=agree]"))
        expect(phone.locator("#id_kode_error")).to_contain_text(
            "Periksa lagi huruf dan angkanya" if not english else "Check the letters and digits"
        )
        expect(phone.locator("input[name=kode]"), "what the child typed stays in the box").to_have_value("zz9 99x")
        assert phone.url.rstrip("/").endswith(page.url.rstrip("/")), "the child stays on the first screen"

        code = generate_codes(
            page.survey, school, count=1, max_uses=40, expires_at=timezone.now() + datetime.timedelta(days=9)
        )[0].code
        typed = f" {code[:3].lower()} - {code[3:].lower()} "
        phone.locator("input[name=kode]").fill(typed)
        go_on(phone, phone.locator("button[name=choice][value=agree]"))
        phone.wait_for_url("**/tentang-kamu/")
        phone.context.clear_cookies()
    assert checked == 2, "the children's demo survey in both languages"
    phone.context.close()
