"""Survey mode: every screen a child meets on a survey has the compact header (the site's name, the other language,
the help button) instead of the site's menu; a follow-up screen folds away the answers that called for it. Sizes on
a phone are measured in tests/browser/test_survey_screens.py."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from surveys.demo import seed_surveys
from surveys.models import SurveyPage

HELP_NOW = {"id": "Aku butuh bantuan sekarang", "en": "I need help now"}
FOLLOW_UPS = {"bullied_verbal", "bullied_physical", "bullied_excluded", "bullied_online"}


@pytest.fixture
def demo_surveys(home) -> list[SurveyPage]:
    sources = seed_surveys(home).values()
    return [page.specific for source in sources for page in source.get_translations(inclusive=True).live()]


def screen_paths(page: SurveyPage) -> list[str]:
    """Every route of the survey page (``SurveyPage.get_subpage_urls``), a section route as its first section."""
    paths = []
    for pattern in SurveyPage.get_subpage_urls():
        if pattern.name == "index_route":
            continue
        args = [1] if "<int:number>" in str(pattern.pattern) else []
        paths.append(page.url + page.reverse_subpage(pattern.name, args=args))
    return paths


@pytest.mark.django_db
def test_every_survey_screen_of_every_audience_has_the_compact_header(demo_surveys):
    assert {page.audience for page in demo_surveys} == {"children", "schools"}
    seen = 0
    for page in demo_surveys:
        client = Client()
        if page.is_for_children:
            client.post(page.url, {"choice": "agree"})
        for path in screen_paths(page):
            response = client.get(path, follow=True)
            assert response.status_code in (HTTPStatus.OK, HTTPStatus.FORBIDDEN), path
            soup = BeautifulSoup(response.content, "html.parser")
            header = soup.select_one("body > header")
            assert "survey-header" in header["class"], path
            assert soup.select(".site-nav") == [], f"{path}: no site menu on a survey screen"
            help_button = header.select_one(".help-now-button")
            assert help_button["href"] == page.help_now_url, path
            assert help_button["aria-label"] == HELP_NOW[page.locale.language_code], path
            other_languages = [link["hreflang"] for link in header.select("nav a")]
            assert other_languages == [{"id": "en", "en": "id"}[page.locale.language_code]], path
            seen += 1
    assert seen == 4 * len(screen_paths(demo_surveys[0]))


@pytest.mark.django_db
def test_a_follow_up_screen_folds_away_the_answers_that_called_for_it(client, demo_surveys):
    page = next(page for page in demo_surveys if page.is_for_children and page.locale.language_code == "id")
    client.post(page.url, {"choice": "agree"})
    client.post(page.url + "tentang-kamu/", {})
    first = BeautifulSoup(client.get(page.url + "bagian/2/").content, "html.parser")
    assert first.select("details.earlier-answers") == [] and first.select(".section-intro")

    client.post(page.url + "bagian/2/", {"bullied_30d": "weekly", "seen_bullying": "never"})
    follow_up = BeautifulSoup(client.get(page.url + "bagian/2/").content, "html.parser")
    folded = follow_up.select_one("details.earlier-answers")
    assert not folded.has_attr("open")
    assert {box["data-code"] for box in folded.select(".question")} == {"bullied_30d", "seen_bullying"}
    assert folded.select_one("input[name=bullied_30d][value=weekly]").has_attr("checked"), "the answer is kept"
    asked = {box["data-code"] for box in follow_up.select("form > .question")}
    assert asked == FOLLOW_UPS
    assert follow_up.select(".section-intro") == [], "read on the screen before"

    response = client.post(page.url + "bagian/2/", {"bullied_30d": "never", "seen_bullying": "never"})
    after = client.get(response["Location"]).content.decode()
    assert response["Location"].endswith("/bagian/4/"), "changed in the fold, the follow-ups no longer apply"
    answers = client.session[page.session_key()]["answers"]
    assert all(answers.get(code) in (None, "") for code in FOLLOW_UPS), answers
    assert 'id="q-bullied_verbal"' not in after


@pytest.mark.django_db
def test_an_error_in_the_folded_answers_opens_the_fold(client, demo_surveys):
    page = next(page for page in demo_surveys if page.is_for_children and page.locale.language_code == "id")
    client.post(page.url, {"choice": "agree"})
    client.post(page.url + "tentang-kamu/", {})
    client.post(page.url + "bagian/2/", {"bullied_30d": "weekly"})
    response = client.post(page.url + "bagian/2/", {"bullied_30d": "not-a-choice", "bullied_verbal": "yes"})
    assert response.status_code == HTTPStatus.OK
    soup = BeautifulSoup(response.content, "html.parser")
    folded = soup.select_one("details.earlier-answers")
    assert folded.has_attr("open") and folded.select_one("#q-bullied_30d.has-error")
