"""A primary-school (SD) class and a junior-high (SMP) class open the demo survey from their class-code slips on a
320 px phone (issue #17, point 4): the SD child reads the page's younger title, introduction and assent from the
first screen on, the SMP child the usual ones; with JavaScript on and off."""

import datetime

import pytest
from django.utils import timezone

from cms.models import School
from cms.vocabulary import SchoolLevel
from surveys.models import SurveyPage
from surveys.services import generate_codes
from tests.browser.journeys import new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 320, 640


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
@pytest.mark.parametrize("level", [SchoolLevel.SD, SchoolLevel.SMP])
def test_an_sd_child_reads_the_younger_first_screen_and_an_smp_child_the_usual_one(
    live_server, browser, demo, school, level, javascript
):
    from playwright.sync_api import expect

    survey = next(p for p in demo if p.is_for_children and p.locale.language_code == "id")
    survey = SurveyPage.objects.get(pk=survey.pk)
    young = level == SchoolLevel.SD
    target = school
    if not young:
        target = School.objects.create(name="SMP Uji", level=level, status=school.status, kelurahan=school.kelurahan)
    expires_at = timezone.now() + datetime.timedelta(days=7)
    code = generate_codes(survey, target, count=1, max_uses=40, expires_at=expires_at)[0]
    shown = survey.texts_for(younger=young)
    other = survey.texts_for(younger=not young)
    for usual, _young in SurveyPage.younger_text_fields():
        assert getattr(shown, usual) != getattr(other, usual), f"the demo survey has a younger {usual}"

    phone = new_page(browser, width=WIDTH, height=HEIGHT, mobile=True, javascript=javascript)
    phone.goto(f"{live_server.url}{survey.url}?{code.link_query()}")  # the slip's QR link
    expect(phone.get_by_role("heading", name=shown.title, level=1)).to_be_visible()
    expect(phone).to_have_title(f"{shown.title} · Suara Anak")
    expect(phone.locator("p.lead")).to_have_text(shown.introduction)
    expect(phone.locator("section.assent > p")).to_have_text(shown.assent_text)
    for text in (other.title, other.introduction, other.assent_text):
        expect(phone.get_by_text(text, exact=True)).to_have_count(0)
    lead = phone.locator("p.lead").bounding_box()
    assert lead["x"] >= 0 and lead["x"] + lead["width"] <= WIDTH, "the introduction fits the screen"
    expect(phone.get_by_label("Kode kelas")).to_have_value(code.code)

    phone.get_by_role("button", name="Saya setuju, mulai").click()
    expect(phone.get_by_role("heading", name="Tentang kamu", level=1)).to_be_visible()
    expect(phone).to_have_title(f"{shown.title} · Suara Anak")
    phone.get_by_role("button", name="Lanjut").click()
    expect(phone.locator("h1")).to_have_count(1)
    expect(phone).to_have_title(f"{shown.title} · Suara Anak")  # every screen's window title
    phone.context.close()
