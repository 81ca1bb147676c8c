"""A 9-year-old on a 320 px phone (issue #17, point 4): after "9 tahun atau kurang" every screen of the children's
demo survey is in its younger words, each Likert question is a face scale whose words are the labels, every option
is a 44 px target; with JavaScript on and off."""

import pytest

from surveys.models import SurveyPage
from tests.browser.journeys import new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 320, 640


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_a_nine_year_old_reads_the_younger_texts_and_answers_on_faces(live_server, browser, demo, javascript):
    from playwright.sync_api import expect

    page = next(p for p in demo if p.is_for_children and p.locale.language_code == "id")
    definition = SurveyPage.objects.get(pk=page.pk).get_definition()
    young = definition.younger()
    phone = new_page(browser, width=WIDTH, height=HEIGHT, mobile=True, javascript=javascript)
    phone.goto(live_server.url + page.url)
    phone.get_by_role("button", name="Saya setuju, mulai").click()
    phone.get_by_role("group", name="Berapa umurmu?").get_by_label("9 tahun atau kurang").check()
    phone.get_by_role("button", name="Lanjut").click()

    # "Merasa aman": four Likert questions, each as faces beside the words.
    expect(phone.get_by_role("heading", name=young.sections[0].title, level=1)).to_be_visible()
    for question in young.sections[0].questions:
        assert question.label != definition.question(question.code).label, "a younger version was written"
        box = phone.get_by_role("group", name=question.label)
        expect(box).to_be_visible()
        expect(phone.get_by_text(definition.question(question.code).label, exact=True)).to_have_count(0)
        for choice in question.answer_choices():
            option = box.get_by_role("radio", name=choice.label, exact=True)
            expect(option, "the words alone are the option's name").to_have_count(1)
            label = box.locator("label").filter(has=phone.locator(f"input[value='{choice.code}']"))
            if choice.face:
                face = label.locator(".face")
                expect(face).to_have_text(choice.face)
                expect(face).to_have_attribute("aria-hidden", "true")
            height = label.bounding_box()["height"]
            assert height >= 44, f"{question.code}/{choice.code}: {height} px tall"
        box.get_by_role("radio", name=question.answer_choices()[2].label, exact=True).check()
    assert phone.evaluate("document.documentElement.scrollHeight") <= 2.5 * HEIGHT
    phone.get_by_role("button", name="Lanjut").click()

    # "Perundungan": the definition and the questions in the younger words, kept after the follow-up screen.
    bullying = young.sections[1]
    expect(phone.get_by_role("heading", name=bullying.title, level=1)).to_be_visible()
    expect(phone.locator(".section-intro")).to_have_text(bullying.intro)
    expect(phone.get_by_text(definition.sections[1].intro)).to_have_count(0)
    bullied = phone.get_by_role("group", name=young.question("bullied_30d").label)
    bullied.get_by_label("Sekali seminggu", exact=True).check()
    phone.get_by_role("group", name=young.question("seen_bullying").label).get_by_label("Sering", exact=True).check()
    phone.get_by_role("button", name="Lanjut").click()
    # The follow-ups come on the next screen, still in the younger words.
    expect(phone.get_by_role("group", name=young.question("bullied_verbal").label)).to_be_visible()
    phone.get_by_role("button", name="Lanjut").click()
    expect(phone.get_by_role("heading", name=young.sections[2].title, level=1)).to_be_visible()
    expect(phone.get_by_role("group", name=young.question("bullied_where").label)).to_be_visible()
    expect(phone.get_by_text(young.question("bullied_where").help_text, exact=True)).to_be_visible()
    phone.context.close()
