"""Honest progress: every screen after the assent says "step X of Y", and as a child answers without JavaScript X
never goes back, Y never grows, and the last screen is "Y of Y". A follow-up question is never on a screen before
the answer that calls for it; when the answer calls for it, it comes on the next screen."""

import itertools
import re
from http import HTTPStatus

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.definition import PREFER_NOT_TO_SAY, Definition, Question
from surveys.demo import seed_surveys
from surveys.models import AccessRule, SurveyPage

PROGRESS = re.compile(r"(?:Langkah|Step) (\d+) (?:dari|of) (\d+)")
ON_SCREEN = re.compile(r'id="q-([\w-]+)"')


def progress_of(html: str) -> tuple[int, int]:
    found = PROGRESS.findall(html)
    assert len(found) == 1, "one progress line on the screen"
    return int(found[0][0]), int(found[0][1])


def an_answer(question: Question) -> st.SearchStrategy:
    """Any answer the child may give to ``question``, as the form posts it; a required question is always answered."""
    blank = [] if question.required else [st.just("")]
    if question.is_choice:
        codes = sorted(question.choice_codes())
        if question.is_multiple:
            plain = [code for code in codes if code != PREFER_NOT_TO_SAY]
            lists = st.lists(st.sampled_from(plain), min_size=0 if not question.required else 1, unique=True)
            return st.one_of(lists, st.just([PREFER_NOT_TO_SAY])) if PREFER_NOT_TO_SAY in codes else lists
        return st.one_of(st.sampled_from(codes), *blank)
    if question.is_number:
        low = question.min_value if question.min_value is not None else 0
        high = question.max_value if question.max_value is not None else low + 20
        return st.one_of(st.integers(low, high).map(str), *blank)
    return st.one_of(st.just("Lebih banyak taman"), *blank)


def follow_ups(definition: Definition) -> list[Question]:
    return [q for s in definition.sections for q in s.questions if definition.follow_up_level(s, q) > 0]


def walk(client: Client, page: SurveyPage, draw) -> None:
    """One child, without JavaScript, from the assent to the thank-you page."""
    definition = page.get_definition()
    response = client.post(page.url, {"choice": "agree"})
    assert response["Location"].endswith("/tentang-kamu/")
    steps = [progress_of(client.get(response["Location"]).content.decode())]
    assert steps[0][0] == 1, "about you is the first step"
    response = client.post(response["Location"], {})
    given_answers: dict = {}
    called_for: set[str] = set()  # follow-ups the last post called for that no screen showed yet
    seen: set[str] = set()
    for _ in range(3 * len(definition.sections) + 3):
        assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
        if response["Location"].endswith("/terima-kasih/"):
            break
        url = response["Location"]
        html = client.get(url).content.decode()
        steps.append(progress_of(html))
        codes = set(ON_SCREEN.findall(html))
        seen |= codes
        for question in follow_ups(definition):
            if question.code in codes:
                assert definition.is_question_shown(question, given_answers), (question.code, given_answers)
        assert called_for <= codes, f"the follow-ups {called_for - codes} come on the next screen"
        for question in definition.questions():
            if question.code in codes and question.code not in given_answers:
                given_answers[question.code] = draw(an_answer(question), label=question.code)
        posted = {code: value for code, value in given_answers.items() if code in codes}
        called_for = {
            q.code
            for q in follow_ups(definition)
            if q.code not in seen and definition.is_question_shown(q, given_answers)
        }
        response = client.post(url, posted)
    else:
        pytest.fail("the walk never reached the thank-you page")
    for (x, y), (next_x, next_y) in itertools.pairwise(steps):
        assert next_x >= x and next_y <= y, steps
    assert all(x <= y for x, y in steps), steps
    assert steps[-1][0] == steps[-1][1], f"the last screen is the last step: {steps}"


@pytest.fixture
def children_surveys(home, survey) -> list[SurveyPage]:
    """Every children's demo survey in every language, taking answers without a class code; and the test survey."""
    pages = [survey]
    for source in seed_surveys(home).values():
        for page in source.get_translations(inclusive=True).live():
            SurveyPage.objects.filter(pk=page.pk).update(access=AccessRule.OPEN_LINK)
            page = SurveyPage.objects.get(pk=page.pk)
            if page.is_for_children:
                pages.append(page)
    return pages


@pytest.mark.django_db
def test_progress_never_goes_back_and_follow_ups_come_only_when_called_for(children_surveys):
    assert len(children_surveys) >= 3, "the test survey and the children's demo survey in two languages"
    addresses = (f"10.3.{n // 250}.{n % 250}" for n in itertools.count())

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=st.data(), which=st.sampled_from(range(len(children_surveys))))
    def child(data, which):
        walk(Client(REMOTE_ADDR=next(addresses)), children_surveys[which], data.draw)

    child()


@pytest.mark.django_db
def test_no_bullying_follow_up_after_never(client, children_surveys):
    """The demo survey's four follow-ups: not on the screen after "Tidak pernah", on the next one after "weekly"."""
    page = next(page for page in children_surveys if page.get_definition().question("bullied_30d"))
    follow_up_codes = {"bullied_verbal", "bullied_physical", "bullied_excluded", "bullied_online"}
    for how_often, expected in (("never", set()), ("weekly", follow_up_codes)):
        client = Client(REMOTE_ADDR=f"10.4.0.{len(expected)}")
        client.post(page.url, {"choice": "agree"})
        client.post(page.url + "tentang-kamu/", {})
        first = client.get(page.url + "bagian/2/").content.decode()
        assert not follow_up_codes & set(ON_SCREEN.findall(first)), "not before the answer that calls for them"
        response = client.post(page.url + "bagian/2/", {"bullied_30d": how_often})
        next_screen = client.get(response["Location"]).content.decode()
        assert follow_up_codes & set(ON_SCREEN.findall(next_screen)) == expected, how_often
        assert "bullied_30d" in ON_SCREEN.findall(next_screen) or not expected
