"""Every child's screen of every demo survey, as a class would meet it: on a 320×640 phone, with and without
JavaScript, in both languages, for every audience (``Audience``): the class code from the board, honest progress,
follow-ups only when called for."""

import datetime
import itertools
import re
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from surveys.definition import Definition
from surveys.models import AccessRule, SurveyPage
from surveys.services import generate_codes
from tests.browser.journeys import new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 320, 640
PROGRESS = re.compile(r"(?:Langkah|Step) (\d+) (?:dari|of) (\d+)")
JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])


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


@dataclass
class Screen:
    url: str
    codes: list[str]
    progress: tuple[int, int] | None
    facts: dict = field(default_factory=dict)


FACTS = """() => {
  const main = document.querySelector('main');
  const shown = e => e.getClientRects().length > 0;
  const header = document.querySelector('body > header');
  const parts = [...header.children].filter(shown);
  const targets = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')]
    .filter(shown)
    .map(e => ['radio', 'checkbox'].includes(e.type) && e.closest('label') ? e.closest('label') : e)
    .map(e => ({what: e.tagName + ' ' + (e.innerText || e.name || e.id).trim().slice(0, 40), box: e.getBoundingClientRect()}));
  return {
    progress: [...main.querySelectorAll('.progress')].map(e => e.innerText),
    codes: [...main.querySelectorAll('.question[data-code]')].filter(shown).map(e => e.dataset.code),
    height: document.documentElement.scrollHeight,
    header: {
      height: header.getBoundingClientRect().height,
      rows: new Set(parts.map(e => Math.round(e.getBoundingClientRect().top))).size,
      overflows: header.scrollWidth > header.clientWidth,
      links: [...header.querySelectorAll('a')].filter(shown).map(e => e.innerText.trim()),
    },
    small: targets.filter(t => t.box.width < 44 || t.box.height < 44)
      .map(t => `${t.what} ${Math.round(t.box.width)}x${Math.round(t.box.height)}`),
  };
}"""


def triggers(definition: Definition) -> dict[str, set[str]]:
    """For each question some rule looks at, the answers that show something more."""
    found: dict[str, set[str]] = {}
    rules = [s.show_if for s in definition.sections] + [q.show_if for q in definition.questions()]
    for rule in filter(None, rules):
        found.setdefault(rule.question, set()).update(rule.values)
    return found


def answer_screen(phone, definition: Definition, answered: dict, calls_for_more: bool) -> None:
    """Answer every question on the screen not answered yet: with an answer that shows more (``calls_for_more``) or
    with one that shows nothing more; numbers and texts get a plain answer."""
    shows_more = triggers(definition)
    for code in phone.evaluate(FACTS)["codes"]:
        if code in answered:
            continue
        box = phone.locator(f"#q-{code}")
        inputs = box.locator("input:not([type=hidden]), textarea, select")
        kind = inputs.first.evaluate("e => e.type")
        if kind in ("radio", "checkbox"):
            values = [
                value for value in inputs.evaluate_all("es => es.map(e => e.value)") if value != "prefer_not_to_say"
            ]
            more = [value for value in values if value in shows_more.get(code, set())]
            less = [value for value in values if value not in shows_more.get(code, set())]
            value = (more or less)[0] if calls_for_more else (less or more)[0]
            box.locator(f"input[value='{value}']").check()
        elif kind == "number":
            value = "3"
            inputs.first.fill(value)
        elif kind == "select-one":
            value = ""
        else:
            value = "Lebih banyak taman bermain"
            inputs.first.fill(value)
        answered[code] = value


def walk(phone, live_server, page: SurveyPage, *, calls_for_more: bool) -> list[Screen]:
    """One child through every screen of ``page``: the first screen, about you, each section's screens, thank you."""
    from playwright.sync_api import expect

    definition = page.get_definition()
    answered: dict = {}
    phone.goto(live_server.url + page.url)
    screens = [Screen(phone.url, [], None, phone.evaluate(FACTS))]
    go_on(phone, phone.locator("button[name=choice][value=agree]"))
    for _ in range(3 * len(definition.sections) + 3):
        facts = phone.evaluate(FACTS)
        done = phone.locator("main h1").inner_text() in ("Terima kasih!", "Thank you!")
        found = [PROGRESS.search(text) for text in facts["progress"]]
        assert all(found) and len(found) == (0 if done else 1), (phone.url, facts["progress"])
        progress = (int(found[0][1]), int(found[0][2])) if found else None
        screens.append(Screen(phone.url, facts["codes"], progress, facts))
        if done:
            return screens
        called_for = {
            q.code
            for s in definition.sections
            for q in s.questions
            if definition.follow_up_level(s, q) and q.code not in answered and definition.is_question_shown(q, answered)
        }
        for question in filter(None, map(definition.question, screens[-1].codes)):
            assert definition.is_question_shown(question, answered), f"{question.code} on {phone.url}: not called for"
        answer_screen(phone, definition, answered, calls_for_more)
        assert called_for <= set(screens[-1].codes), f"{called_for} called for, not on {phone.url}"
        expect(phone.locator("button[name=action][value=next]")).to_be_visible()
        go_on(phone, phone.locator("button[name=action][value=next]"))
    pytest.fail(f"never reached the thank-you page from {phone.url}")


@JAVASCRIPT
def test_progress_is_honest_on_every_screen_and_follow_ups_come_only_when_called_for(
    live_server, browser, demo, javascript
):
    """After the assent every screen but the thank-you page says "step X of Y": X never goes back, Y never grows, the
    last screen is Y of Y; a follow-up is on the screen after the answer that calls for it, and never otherwise."""
    phone = phone_for(browser, javascript)
    walked = 0
    for page in (page for page in demo if page.is_for_children):
        for calls_for_more in (True, False):
            screens = walk(phone, live_server, page, calls_for_more=calls_for_more)
            steps = [screen.progress for screen in screens[1:-1]]
            assert steps[0][0] == 1, "about you is the first step"
            for (x, y), (next_x, next_y) in itertools.pairwise(steps):
                assert next_x > x and next_y <= y, steps
            assert steps[-1][0] == steps[-1][1], f"the last screen is the last step: {steps}"
            follow_ups = {"bullied_verbal", "bullied_physical", "bullied_excluded", "bullied_online"}
            seen = {code for screen in screens for code in screen.codes}
            assert bool(follow_ups & seen) == calls_for_more, (calls_for_more, seen)
            phone.context.clear_cookies()
            walked += 1
    assert walked == 4, "the children's demo survey in two languages, two ways through"
    phone.context.close()


def other_screens(phone, live_server, page: SurveyPage) -> list[Screen]:
    """The screens off the main way: a wrong class code, the help page, "I do not agree"; for a survey children do
    not answer, the screen that says so."""
    phone.goto(live_server.url + page.url)
    if not page.is_for_children:
        return [Screen(phone.url, [], None, phone.evaluate(FACTS))]
    phone.locator("input[name=kode]").fill("zz9 99x")
    go_on(phone, phone.locator("button[name=choice][value=agree]"))
    screens = [Screen(phone.url + " (wrong code)", [], None, phone.evaluate(FACTS))]
    phone.goto(live_server.url + page.help_now_url)
    screens.append(Screen(phone.url, [], None, phone.evaluate(FACTS)))
    phone.goto(live_server.url + page.url)
    go_on(phone, phone.locator("button[name=choice][value=disagree]"))
    screens.append(Screen(phone.url + " (declined)", [], None, phone.evaluate(FACTS)))
    return screens


@JAVASCRIPT
def test_survey_mode_fits_a_320_px_phone_on_every_screen(live_server, browser, demo, javascript):
    """Every screen a child meets on every demo survey (each audience, both languages), at 320×640: a one-row header
    with the site's name, the other language and the help button; every link, button and input at least 44×44 CSS px
    (a radio button or checkbox is tapped anywhere on its label, which is what is measured); no screen taller than
    2.5 screens. The way through calls for every follow-up, so the longest screens are among them."""
    phone = phone_for(browser, javascript)
    screens = []
    for page in demo:
        screens += other_screens(phone, live_server, page)
        if page.is_for_children:
            screens += walk(phone, live_server, page, calls_for_more=True)
        phone.context.clear_cookies()
    assert len(screens) >= 2 * 12, "every screen of the children's survey in two languages, and the schools' screens"
    problems = []
    for screen in screens:
        facts, where = screen.facts, screen.url.removeprefix(live_server.url)
        header = facts["header"]
        print(f"{where}: {facts['height']} px tall, header {header['height']:.0f} px {header['links']}")
        if header["rows"] != 1 or header["overflows"] or header["height"] > 64:
            problems.append(f"{where}: the header wraps or is tall: {header}")
        if len(header["links"]) != 3:
            problems.append(f"{where}: the header holds more than the name, the other language and help: {header}")
        if facts["small"]:
            problems.append(f"{where}: targets under 44×44: {facts['small']}")
        if facts["height"] > 2.5 * HEIGHT:
            problems.append(f"{where}: {facts['height']} px tall, more than 2.5 screens")
    assert problems == []
    phone.context.close()
