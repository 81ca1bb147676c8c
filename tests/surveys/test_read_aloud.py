"""The "Dengarkan" button (issue #17, point 5): on every question a child answers, rendered hidden (JavaScript
reveals it, see tests/browser/test_read_aloud.py), with the facilitator's recording beside it when there is one."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model

from surveys.definition import Definition
from surveys.demo import seed_surveys
from surveys.models import SurveyPage

LISTEN = {"id": "Dengarkan", "en": "Listen"}


@pytest.fixture
def demo_surveys(home) -> list[SurveyPage]:
    sources = seed_surveys(home).values()
    return [page.specific for source in sources for page in source.get_translations(inclusive=True).live()]


def answers_that_show_everything(definition: Definition) -> dict:
    """An answer to every question, picking for each question a rule looks at an answer that shows more."""
    shows_more: dict[str, list[str]] = {}
    rules = [s.show_if for s in definition.sections] + [q.show_if for q in definition.questions()]
    for rule in filter(None, rules):
        shows_more.setdefault(rule.question, []).extend(rule.values)
    answers = {}
    for question in definition.questions():
        if question.is_choice:
            codes = shows_more.get(question.code) or [choice.code for choice in question.answer_choices()]
            answers[question.code] = [codes[0]] if question.is_multiple else codes[0]
        else:
            answers[question.code] = 3 if question.is_number else "Taman bermain"
    return answers


def screens(page: SurveyPage) -> list[BeautifulSoup]:
    """About you and every section of ``page`` for a child whose answers show every question."""
    client = Client()
    client.post(page.url, {"choice": "agree"})
    definition = page.get_definition()
    session = client.session
    draft = session[page.session_key()]
    draft["answers"] = answers_that_show_everything(definition)
    session[page.session_key()] = draft
    session.save()
    paths = [page.url + "tentang-kamu/"] + [page.url + f"bagian/{n}/" for n in range(1, len(definition.sections) + 1)]
    found = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        found.append(BeautifulSoup(response.content, "html.parser"))
    return found


@pytest.mark.django_db
def test_every_question_of_every_childrens_demo_survey_has_a_hidden_listen_button(demo_surveys):
    children = [page for page in demo_surveys if page.is_for_children]
    assert {page.locale.language_code for page in children} == {"id", "en"}
    for page in children:
        language = page.locale.language_code
        seen = set()
        for soup in screens(page):
            assert soup.select("script[src$='js/read-aloud.js']"), "the script that reveals the button"
            for box in soup.select("form .question"):
                buttons = box.select("button.read-aloud")
                assert len(buttons) == 1, box["data-code"]
                assert buttons[0].has_attr("hidden"), "shown only by JavaScript"
                assert buttons[0]["type"] == "button", "never submits the form"
                assert buttons[0].get_text(strip=True) == LISTEN[language]
                head = box.select_one("legend") or box.select_one(".question-head")
                assert buttons[0] in head.find_all("button"), "inline with the question, not on a row of its own"
                if box.name == "fieldset":
                    name = box.select_one(f"#{box['aria-labelledby']}").get_text(strip=True)
                    assert LISTEN[language] not in name, "the group's name is the question alone"
                assert box.select("audio") == [], "the demo surveys have no recordings"
                seen.add(box["data-code"])
        assert {q.code for q in page.get_definition().questions()} <= seen, f"every question of {page.url}"
        assert {"age_band", "sex"} <= seen, "the questions about the child too"


@pytest.mark.django_db
def test_a_question_with_a_recording_plays_it_from_the_same_site(demo_surveys):
    page = next(page for page in demo_surveys if page.is_for_children and page.locale.language_code == "id")
    recording = get_document_model().objects.create(
        title="Pertanyaan pertama dibacakan", file=ContentFile(b"ID3 not really audio", name="pertanyaan.mp3")
    )
    stream = page.definition
    question = stream[0].value["questions"][0]
    question["recording"] = recording
    page.save_revision().publish()
    page = SurveyPage.objects.get(pk=page.pk)

    first = page.get_definition().sections[0].questions[0]
    assert first.recording_url == recording.url
    assert Definition.from_json(page.get_definition().to_json()).sections[0].questions[0].recording_url == recording.url
    assert all(not q.recording_url for q in page.get_definition().questions()[1:])

    soup = next(s for s in screens(page) if s.select_one(f"#q-{first.code}"))
    box = soup.select_one(f"#q-{first.code}")
    audio = box.select_one("audio.read-aloud__recording")
    assert audio["src"] == recording.url and audio["src"].startswith("/")
    assert not audio.has_attr("controls") and audio["preload"] == "none", "nothing loads until the child asks"
    assert box.select_one("button.read-aloud").has_attr("hidden")
    others = [b for b in soup.select("form .question") if b is not box]
    assert others and all(not other.select("audio") for other in others)
