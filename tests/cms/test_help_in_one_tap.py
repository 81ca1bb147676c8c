"""Help in one tap: every help line and emergency number a page shows is a ``tel:`` link, in the page's language."""

import re
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from wagtail.models import Locale, Page, Site

from cms.models import EMERGENCY_NUMBERS, HelpLine, HelpLineSettings
from surveys.models import SurveyPage
from tests.forum.conftest import consultation_index, make_consultation  # noqa: F401
from tests.surveys.conftest import make_survey, survey_index  # noqa: F401

EMERGENCY_TEXT = re.compile(r"(?<![\d-])(112|110)(?![\d-])")
DANGER_SCREENS = ("bantuan/", "terima-kasih/", "/help/")  # the survey's help-now and thank-you, the help page


@pytest.fixture
def site_with_everything(request, sections):
    """The demo sections in both languages, a survey and a consultation (each also in English), and a help line a
    facilitator added."""
    english = Locale.objects.get(language_code="en")
    survey = request.getfixturevalue("make_survey")()
    survey.copy_for_translation(english, copy_parents=True).save_revision().publish()
    consultation = request.getfixturevalue("make_consultation")("ktr")
    consultation.copy_for_translation(english, copy_parents=True).save_revision().publish()
    setting = HelpLineSettings.for_site(Site.objects.get(is_default_site=True))
    HelpLine.objects.create(setting=setting, name="UPTD PPA Balikpapan", phone="(0542) 123-456", sort_order=9)
    return survey


def tel_links(soup: BeautifulSoup) -> set[str]:
    return {link["href"] for link in soup.select('a[href^="tel:"]')}


def every_path(survey: SurveyPage) -> list[str]:
    """Every live page in both languages, each survey screen a child may see, and the site's other public pages."""
    pages = [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]
    screens = [
        translation.url + screen
        for translation in survey.get_translations(inclusive=True)
        for screen in ("", "tentang-kamu/", "bagian/1/", "bantuan/", "terima-kasih/")
    ]
    others = ["/cari/?q=rokok", "/hasil/", "/en/hasil/", "/forum-anak/", "/halaman-yang-tidak-ada/", "/akun/login/"]
    return pages + screens + others


@pytest.mark.django_db
def test_every_page_type_offers_every_help_line_as_a_tel_link(client, site_with_everything):
    survey = site_with_everything
    expected = {line.tel_url for line in HelpLine.objects.exclude(phone="")}
    assert {"tel:129", "tel:1500771", "tel:0542123456"} <= expected
    client.post(survey.url, {"choice": "agree"})
    paths = every_path(survey)
    kinds = {type(page) for page in Page.objects.live().filter(depth__gt=1).specific()}
    assert len(kinds) >= 8 and len(paths) > 30
    for path in paths:
        response = client.get(path, follow=True)
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND), path
        soup = BeautifulSoup(response.content, "html.parser")
        assert expected <= tel_links(soup), path
        if path.endswith(DANGER_SCREENS):
            assert {number.tel_url for number in EMERGENCY_NUMBERS} <= tel_links(soup), path


@pytest.mark.django_db
def test_an_emergency_number_is_never_shown_without_its_link(client, site_with_everything):
    survey = site_with_everything
    client.post(survey.url, {"choice": "agree"})
    for path in every_path(survey):
        soup = BeautifulSoup(client.get(path, follow=True).content, "html.parser")
        for script in soup(["script", "style"]):
            script.decompose()
        for text in soup.find_all(string=EMERGENCY_TEXT):
            link = text.find_parent("a")
            assert link is not None and link["href"].startswith("tel:11"), f"{path}: {text!r}"


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_the_fault_pages_offer_help_as_tel_links(template):
    soup = BeautifulSoup(render_to_string(template), "html.parser")
    assert {"tel:129", "tel:112"} <= tel_links(soup)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "results"), [("id", "/hasil/"), ("en", "/en/hasil/")])
def test_the_thank_you_page_links_to_the_public_results(client, site_with_everything, language, results):
    survey = site_with_everything.get_translation(Locale.objects.get(language_code=language))
    soup = BeautifulSoup(client.get(survey.url + "terima-kasih/").content, "html.parser")
    link = soup.find("main").find("a", href=results)  # the menu links there too
    assert link is not None
    assert link.get_text(strip=True) in {
        "Suaramu sudah dihitung: lihat hasilnya",
        "Your voice has been counted: see the results",
    }
    assert client.get(results).status_code == HTTPStatus.OK


@pytest.mark.django_db
def test_english_pages_describe_the_help_lines_in_english(client, site_with_everything):
    survey = site_with_everything.get_translation(Locale.objects.get(language_code="en"))
    for path in ("/en/", "/en/help/", survey.url + "bantuan/", survey.url + "terima-kasih/"):
        body = client.get(path).content.decode()
        assert "Violence against children and women (KemenPPPA)" in body, path
        assert "Children's social services line (Ministry of Social Affairs)" in body.replace("&#x27;", "'"), path
        assert "24 hours" in body, path
        assert "Kekerasan terhadap anak dan perempuan" not in body, path
    indonesian = client.get("/").content.decode()
    assert "Kekerasan terhadap anak dan perempuan (KemenPPPA)" in indonesian
    assert "Violence against children" not in indonesian


@pytest.mark.django_db
def test_a_help_line_without_an_english_description_shows_the_indonesian_one(client, site_with_everything):
    HelpLine.objects.filter(name="UPTD PPA Balikpapan").update(helps_with="Pengaduan kekerasan di kota")
    assert "Pengaduan kekerasan di kota" in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_the_english_home_page_lists_the_open_consultations_in_english(client, site_with_everything):
    english = site_with_everything.get_translation(Locale.objects.get(language_code="en"))
    consultation = Page.objects.get(slug="ktr", locale__language_code="id").specific
    translation = consultation.get_translation(Locale.objects.get(language_code="en"))
    translation.title = "Smoke-free areas consultation"
    translation.save_revision().publish()
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    titles = {link.get_text(strip=True): link["href"] for link in soup.select(".card__title a")}
    assert titles.get("Smoke-free areas consultation") == translation.url
    assert titles.get(english.title) == english.url


@pytest.mark.django_db
def test_an_untranslated_consultation_is_still_listed_on_the_english_home_page_marked_as_indonesian(
    client, home, request
):
    request.getfixturevalue("make_consultation")("ktr", title="Konsultasi Kawasan Tanpa Rokok")
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    link = soup.find("a", string="Konsultasi Kawasan Tanpa Rokok")
    assert link is not None
    assert link.find_parent("article")["lang"] == "id"
