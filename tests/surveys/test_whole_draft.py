"""The final submit checks the whole draft against the definition, whichever section was posted last: a missing
required answer sends the child to the first screen that lacks it, says why, keeps every answer, and stores nothing.
"""

import dataclasses
import io
import itertools
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.blocks import definition_from_stream, definition_value
from surveys.definition import PREFER_NOT_TO_SAY, Definition, Question
from surveys.forms import REQUIRED_MESSAGE, SectionForm
from surveys.models import Answer, Audience, Response, SurveyPage
from surveys.question_bank import modules
from surveys.views import draft_data
from tests.surveys.conftest import DEFINITION

SENT_BACK = "Jawabanmu belum terkirim"
REQUIRED = str(REQUIRED_MESSAGE)[:30]


def every_question_required(definition: Definition) -> Definition:
    return Definition(
        tuple(
            dataclasses.replace(
                section, questions=tuple(dataclasses.replace(q, required=True) for q in section.questions)
            )
            for section in definition.sections
        )
    )


def definitions() -> dict[str, Definition]:
    """The test survey as it is, and every bank module (the demo's surveys come from them) with every question
    required, so that something is missing whenever a screen is skipped."""
    found = {"test-survey": definition_from_stream(definition_value(DEFINITION))}
    for slug, module in modules().items():
        bank = definition_from_stream(definition_value(module.stream_data("id")))
        found[f"{slug}-all-required"] = every_question_required(bank)
    return found


DEFINITIONS = definitions()


def answer_strategy(question: Question):
    """What a draft may hold for one question: nothing, a value its form takes, or one it no longer takes."""
    missing = st.sampled_from([None, "", []] if question.is_multiple else [None, ""])
    if question.is_choice:
        codes = sorted(question.choice_codes())
        if question.is_multiple:
            given_ = st.lists(st.sampled_from([*codes, "bogus"]), min_size=1, max_size=3, unique=True)
        else:
            given_ = st.sampled_from([*codes, "bogus"])
    elif question.is_number:
        low = (question.min_value or 0) - 3
        high = (question.max_value if question.max_value is not None else 60) + 3
        given_ = st.integers(low, high)
    else:
        given_ = st.text(alphabet="abc xyz", min_size=1, max_size=20).map(lambda text: "k" + text.strip())
    return st.one_of(missing, given_)


def drafts(definition: Definition):
    return st.fixed_dictionaries({}, optional={q.code: answer_strategy(q) for q in definition.questions()})


def first_refused_screen(definition: Definition, answers: dict) -> int | None:
    """The oracle: the first shown screen whose own form, posted with the draft's answers, refuses them."""
    for index in definition.shown_sections(answers):
        section = definition.sections[index]
        codes = {question.code for question in section.questions}
        earlier = {code: value for code, value in answers.items() if code not in codes}
        form = SectionForm(
            draft_data(section, answers), definition=definition, section=section, earlier_answers=earlier
        )
        if not form.is_valid():
            return index
    return None


@pytest.mark.parametrize("name", sorted(DEFINITIONS))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_the_whole_draft_is_judged_as_each_screen_would_judge_it(name, data):
    definition = DEFINITIONS[name]
    answers = data.draw(drafts(definition))
    assert definition.first_incomplete_section(answers) == first_refused_screen(definition, answers)


def test_a_required_question_left_blank_is_refused_and_skip_logic_is_followed():
    definition = DEFINITIONS["test-survey"]
    assert definition.first_incomplete_section({}) == 0
    assert definition.first_incomplete_section({"safe_school": "3", "bullied": "no"}) is None
    assert definition.first_incomplete_section({"safe_school": "3", "bullied": "yes"}) == 0, "bullied_where"
    where = {"safe_school": "3", "bullied": "yes", "bullied_where": [PREFER_NOT_TO_SAY]}
    assert definition.first_incomplete_section(where) is None
    assert definition.first_incomplete_section(where | {"friends": 51}) == 2, "out of the range a form takes"


# Through the child's screens -------------------------------------------------------------------------------------


def answer_url(page: SurveyPage, number: int) -> str:
    return reverse("survey_answer", args=[page.pk, number])


@pytest.mark.django_db
def test_posting_the_last_screen_straight_after_assent_stores_nothing_and_sends_the_child_back(client, survey):
    client.post(survey.url, {"choice": "agree"})
    sent_back = client.post(answer_url(survey, 3), {"friends": "7", "wish": "taman"})
    assert sent_back.status_code == HTTPStatus.FOUND
    assert sent_back["Location"] == survey.url + "bagian/1/"
    assert Response.objects.count() == 0
    screen = client.get(sent_back["Location"]).content.decode()
    assert SENT_BACK in screen
    assert screen.count(REQUIRED) == 2, "next to each required question left blank (safe_school, bullied)"
    kept = client.get(survey.url + "bagian/3/").content.decode()
    assert 'value="7"' in kept and 'value="taman"' in kept and SENT_BACK not in kept
    assert client.post(answer_url(survey, 1), {"safe_school": "2", "bullied": "no"})["Location"].endswith("/bagian/3/")
    assert "Terima kasih" in client.post(answer_url(survey, 3), {"friends": "7", "wish": "taman"}).content.decode()
    stored = set(Answer.objects.values_list("question_code", flat=True))
    assert stored == {"safe_school", "bullied", "friends", "wish"}


@pytest.mark.django_db
def test_the_child_is_told_why_in_their_language(client, survey, django_capture_on_commit_callbacks):
    from wagtail.models import Locale
    from wagtail_localize.models import TranslationSource

    english_locale = Locale.objects.get(language_code="en")
    source, _created = TranslationSource.get_or_create_from_instance(survey)
    with django_capture_on_commit_callbacks(execute=True):
        source.create_or_update_translation(english_locale, publish=True, fallback=True, copy_parent_pages=True)
    english = survey.get_translation(english_locale)
    client.post(english.url, {"choice": "agree"})
    sent_back = client.post(answer_url(english, 3), {})
    assert sent_back["Location"] == english.url + "bagian/1/"
    screen = client.get(sent_back["Location"]).content.decode()
    assert "Your answers have not been sent yet" in screen
    assert Response.objects.count() == 0


def valid_answers(section) -> dict:
    """Answers every screen takes: the first offered choice, the lowest number, a short text."""
    answers = {}
    for question in section.questions:
        if question.is_choice:
            first = next(c.code for c in question.answer_choices() if c.code != PREFER_NOT_TO_SAY)
            answers[question.code] = [first] if question.is_multiple else first
        elif question.is_number:
            answers[question.code] = str(question.min_value or 0)
        else:
            answers[question.code] = "taman"
    return answers


def require_everything(page: SurveyPage) -> SurveyPage:
    """The page with every question required, answered by children (a school questionnaire included, to check its
    definition on the children's screens too)."""
    raw = page.definition.raw_data
    for section in raw:
        for question in section["value"]["questions"]:
            question["value"]["required"] = True
    page.definition = raw
    page.audience = Audience.CHILDREN
    page.save_revision().publish()
    return SurveyPage.objects.get(pk=page.pk)


def screen_number(location: str) -> int:
    return int(location.rstrip("/").rsplit("/", 1)[1])


def post_screens_then_the_last(client: Client, page: SurveyPage, posted: list[int]) -> tuple[HttpResponse, dict]:
    """After the assent, post the screens ``posted`` (0-based) with valid answers, then the last screen shown;
    the answer to the last post and every answer posted."""
    definition = page.get_definition()
    client.post(page.url, {"choice": "agree"})
    answers = {}
    for index in posted:
        answers |= valid_answers(definition.sections[index])
        client.post(answer_url(page, index + 1), valid_answers(definition.sections[index]))
    last = definition.shown_sections(answers)[-1]
    answers |= valid_answers(definition.sections[last])
    return client.post(answer_url(page, last + 1), valid_answers(definition.sections[last])), answers


def finish(client: Client, page: SurveyPage, sent_back: HttpResponse, answers: dict) -> HttpResponse:
    """Answer each screen the child is sent back to, then post the last screen again, until it is sent."""
    definition = page.get_definition()
    response = sent_back
    for _attempt in range(len(definition.sections) + 1):
        if response.status_code == HTTPStatus.OK:
            return response
        screen = screen_number(response["Location"])
        answers |= valid_answers(definition.sections[screen - 1])
        client.post(answer_url(page, screen), valid_answers(definition.sections[screen - 1]))
        last = definition.shown_sections(answers)[-1]
        response = client.post(answer_url(page, last + 1), valid_answers(definition.sections[last]))
    raise AssertionError(f"{page.url} was never sent")


@pytest.mark.django_db
def test_every_demo_survey_checks_the_whole_draft_whichever_screens_were_skipped():
    """Every page of the demo's surveys (in both languages) with every question required. The last screen is posted
    straight after the assent, or after any one other screen, or after all but one: the child is sent back to the
    first screen not yet answered, nothing is stored, and going through from there stores one response that keeps
    what was posted first."""
    call_command("seed_demo", stdout=io.StringIO())
    pages = [require_everything(page) for page in SurveyPage.objects.live().order_by("pk")]
    assert {page.locale.language_code for page in pages} == {"id", "en"} and len(pages) == 4
    addresses = (f"10.1.{n // 250}.{n % 250}" for n in itertools.count())  # each child behind their own address
    for page in pages:
        definition = page.get_definition()
        before_last = definition.shown_sections({})[:-1]
        orders = [[]] + [[index] for index in before_last]
        orders += [[i for i in before_last if i != left_out] for left_out in before_last]
        orders += [list(reversed(before_last[1:]))]
        for posted in orders:
            client = Client(REMOTE_ADDR=next(addresses))
            before = Response.objects.count()
            sent_back, answers = post_screens_then_the_last(client, page, posted)
            missing = [i for i in definition.shown_sections(answers)[:-1] if i not in posted]
            if not missing:
                assert sent_back.status_code == HTTPStatus.OK, (page.url, posted)
                assert Response.objects.count() == before + 1
                continue
            assert sent_back["Location"] == page.url + f"bagian/{missing[0] + 1}/", (page.url, posted)
            assert Response.objects.count() == before, (page.url, posted)
            screen = client.get(sent_back["Location"]).content.decode()
            assert (SENT_BACK if page.locale.language_code == "id" else "Your answers have not been sent") in screen
            assert finish(client, page, sent_back, dict(answers)).status_code == HTTPStatus.OK
            assert Response.objects.count() == before + 1, (page.url, posted)
            stored = set(Response.objects.order_by("pk").last().answers.values_list("question_code", flat=True))
            assert set(definition.shown_answers(answers)) <= stored, "what was posted before is kept"


# Any order of screens, any answers, on the test survey ------------------------------------------------------------

SCREEN_POSTS = st.lists(
    st.tuples(
        st.integers(1, 3),
        st.fixed_dictionaries(
            {},
            optional={
                "safe_school": st.sampled_from(["1", "4", PREFER_NOT_TO_SAY]),
                "bullied": st.sampled_from(["yes", "no", PREFER_NOT_TO_SAY]),
                "bullied_where": st.lists(st.sampled_from(["classroom", "online"]), min_size=1, unique=True),
                "told_someone": st.sampled_from(["yes", "no"]),
                "friends": st.sampled_from(["0", "3", "99"]),
            },
        ),
    ),
    max_size=5,
)


def is_complete(stored: dict[str, set[str]]) -> bool:
    """The test survey's rule, written out: safe_school and bullied are required; bullied_where too when bullied."""
    required = {"safe_school", "bullied"} | ({"bullied_where"} if stored.get("bullied") == {"yes"} else set())
    return required <= set(stored)


@pytest.mark.django_db
def test_no_order_of_screens_stores_a_response_without_a_required_answer(survey):
    addresses = (f"10.2.{n // 250}.{n % 250}" for n in itertools.count())

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(posts=SCREEN_POSTS, last=st.integers(1, 3))
    def child(posts, last):
        client = Client(REMOTE_ADDR=next(addresses))
        before = set(Response.objects.values_list("pk", flat=True))
        client.post(survey.url, {"choice": "agree"})
        for number, answers in [*posts, (last, {})]:
            response = client.post(answer_url(survey, number), answers)
            assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
            if response.status_code == HTTPStatus.FOUND and "/bagian/" in response["Location"]:
                screen = client.get(response["Location"])
                assert screen.status_code == HTTPStatus.OK
        new = Response.objects.exclude(pk__in=before)
        assert new.count() <= 1
        for stored in new:
            codes: dict[str, set[str]] = {}
            for code, choice in stored.answers.values_list("question_code", "choice_code"):
                codes.setdefault(code, set()).add(choice)
            assert is_complete(codes), codes

    child()
