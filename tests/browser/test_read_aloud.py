"""The "Dengarkan" button (issue #17, point 5) in Chromium, on every screen of the children's demo survey in both
languages. The device's speech engine is outside the system, so ``window.speechSynthesis`` is replaced by a stub that
announces its voices late (as Chrome does, through ``voiceschanged``) and records what it is asked to say."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from surveys.models import SurveyPage
from tests.browser.test_survey_screens import FACTS, HEIGHT, answer_screen, go_on, phone_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SPEECH_STUB = """(voices) => {
  window.__spoken = [];
  class Utterance { constructor(text) { this.text = text; this.lang = ""; this.voice = null; } }
  const synth = new EventTarget();
  let ready = [];
  synth.getVoices = () => ready;
  synth.speak = (u) => window.__spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name});
  synth.cancel = () => { window.__spoken = []; };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  Object.defineProperty(window, "SpeechSynthesisUtterance", {value: Utterance, configurable: true});
  setTimeout(() => { ready = voices; synth.dispatchEvent(new Event("voiceschanged")); }, 50);
}"""
PLAY_STUB = """() => {
  window.__played = [];
  HTMLMediaElement.prototype.play = function () { window.__played.push(this.getAttribute("src")); return Promise.resolve(); };
}"""
DEVICE_VOICES = [
    {"name": "Server Indonesian", "lang": "id-ID", "localService": False},
    {"name": "Phone Indonesian", "lang": "id_ID", "localService": True},
    {"name": "Server English", "lang": "en-US", "localService": False},
    {"name": "Phone English", "lang": "en-GB", "localService": True},
]
ONLY_SERVER_VOICES = [voice for voice in DEVICE_VOICES if not voice["localService"]]


def phone_with(browser, voices: list[dict] | None, *, javascript: bool = True):
    phone = phone_for(browser, javascript)
    if voices is not None:
        phone.add_init_script(script=f"({SPEECH_STUB})({voices!r})".replace("True", "true").replace("False", "false"))
    phone.add_init_script(script=f"({PLAY_STUB})()")
    return phone


def children_pages(demo) -> list[SurveyPage]:
    pages = [page for page in demo if page.is_for_children]
    assert {page.locale.language_code for page in pages} == {"id", "en"}
    return pages


def screens_of(phone, live_server, page: SurveyPage):
    """Yield on about-you, every section screen (every follow-up called for) and stop at the thank-you page."""
    definition = page.get_definition()
    answered: dict = {}
    phone.goto(live_server.url + page.url)
    go_on(phone, phone.locator("button[name=choice][value=agree]"))
    for _ in range(3 * len(definition.sections) + 3):
        if phone.locator("main h1").inner_text() in ("Terima kasih!", "Thank you!"):
            return
        yield phone
        answer_screen(phone, definition, answered, calls_for_more=True)
        go_on(phone, phone.locator("button[name=action][value=next]"))
    pytest.fail(f"never reached the thank-you page from {phone.url}")


def what_a_child_reads(box) -> list[str]:
    """The question and each of its choices, as the screen shows them."""
    head = box.locator(".question-text, .question-head > label").first.inner_text()
    choices = box.locator("label:has(input[type=radio]), label:has(input[type=checkbox])").evaluate_all(
        "labels => labels.map(label => { const copy = label.cloneNode(true);"
        " copy.querySelectorAll('[aria-hidden=true]').forEach(node => node.remove()); return copy.textContent; })"
    )  # what shows, less a face scale's faces: decoration, hidden from screen readers and never read aloud
    options = box.locator("select option:not([value=''])").all_inner_texts()
    return [" ".join(text.split()).removesuffix(":").strip() for text in [head, *choices, *options]]


def test_listen_reads_every_question_and_its_choices_in_the_page_language_with_a_voice_on_the_phone(
    live_server, browser, demo
):
    """Every question on every screen: the button shows once a voice on the device speaks the page's language, and
    reads the question and every choice, in that language, never with a voice that sends the text to a server. With
    the buttons shown every screen still fits: targets 44×44, no screen taller than 2.5 screens."""
    from playwright.sync_api import expect

    phone = phone_with(browser, DEVICE_VOICES)
    read = 0
    for page in children_pages(demo):
        language = page.locale.language_code
        voice = {"id": "Phone Indonesian", "en": "Phone English"}[language]
        for screen in screens_of(phone, live_server, page):
            boxes = [box for box in screen.locator("form .question").all() if box.is_visible()]
            assert boxes, screen.url
            for box in boxes:
                button = box.locator("button.read-aloud")
                expect(button).to_be_visible()
                expect(button).to_have_text({"id": "Dengarkan", "en": "Listen"}[language])
                button.click()
                spoken = screen.evaluate("window.__spoken")
                assert [said["text"] for said in spoken] == what_a_child_reads(box), box.get_attribute("data-code")
                assert len(spoken) >= 2 or box.locator("input[type=radio], input[type=checkbox]").count() == 0
                assert {said["lang"].replace("_", "-").split("-")[0] for said in spoken} == {language}
                assert {said["voice"] for said in spoken} == {voice}, "a voice that runs on the phone"
                read += 1
            facts = screen.evaluate(FACTS)
            print(f"{screen.url.removeprefix(live_server.url)}: {facts['height']} px tall with the buttons shown")
            assert facts["small"] == [], f"{screen.url}: {facts['small']}"
            assert facts["height"] <= 2.5 * HEIGHT, f"{screen.url}: {facts['height']} px"
        phone.context.clear_cookies()
    assert read >= 2 * 10, read
    phone.context.close()


@pytest.mark.parametrize(
    "voices, javascript",
    [(ONLY_SERVER_VOICES, True), ([], True), (None, True), (DEVICE_VOICES, False)],
    ids=["only-server-voices", "no-voices", "no-speech-engine", "no-javascript"],
)
def test_without_a_voice_on_the_phone_or_javascript_there_is_no_button(live_server, browser, demo, voices, javascript):
    phone = phone_with(browser, voices, javascript=javascript)
    if voices is None:
        phone.add_init_script(script="delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
        phone.add_init_script(
            script='Object.defineProperty(window, "speechSynthesis", {value: undefined, configurable: true});'
        )
    for page in children_pages(demo):
        screen = next(screens_of(phone, live_server, page))
        screen.wait_for_timeout(200)
        assert screen.locator("button.read-aloud").count() > 0
        assert [b for b in screen.locator("button.read-aloud").all() if b.is_visible()] == []
        phone.context.clear_cookies()
    phone.context.close()


def test_a_recording_plays_where_the_facilitator_attached_one_even_without_a_voice(live_server, browser, demo):
    page = next(page for page in children_pages(demo) if page.locale.language_code == "id")
    recording = get_document_model().objects.create(
        title="Pertanyaan dibacakan", file=ContentFile(b"ID3 not really audio", name="pertanyaan.mp3")
    )
    page.definition[0].value["questions"][0]["recording"] = recording
    page.save_revision().publish()
    page = SurveyPage.objects.get(pk=page.pk)
    first = page.get_definition().sections[0].questions[0].code

    phone = phone_with(browser, [])
    for screen in screens_of(phone, live_server, page):
        if screen.locator(f"#q-{first}").count():
            break
    screen.wait_for_timeout(200)
    shown = [b.evaluate("b => b.closest('.question').dataset.code") for b in screen.locator("button.read-aloud").all()]
    shown = [code for code, b in zip(shown, screen.locator("button.read-aloud").all(), strict=True) if b.is_visible()]
    assert shown == [first], "only the question with a recording has a button when the phone has no voice"
    screen.locator(f"#q-{first} button.read-aloud").click()
    assert screen.evaluate("window.__played") == [recording.url]
    assert screen.evaluate("window.__spoken") == [], "the recording, not the speech engine"
    phone.context.close()


def test_the_button_runs_under_the_sites_content_security_policy(live_server, browser, demo):
    """The script is a static file the strict policy allows (the other tests bypass the policy to stub the engine)."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, bypass_csp=False)
    phone = context.new_page()
    problems = []
    phone.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    phone.on("pageerror", lambda error: problems.append(str(error)))
    phone.add_init_script(
        script=f"({SPEECH_STUB})({DEVICE_VOICES!r})".replace("True", "true").replace("False", "false")
    )
    page = children_pages(demo)[0]
    screen = next(screens_of(phone, live_server, page))
    policy = context.request.get(screen.url).headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    expect(screen.locator("button.read-aloud").first).to_be_visible()
    screen.locator("button.read-aloud").first.click()
    assert screen.evaluate("window.__spoken"), "the button read the question"
    assert problems == []
    context.close()
