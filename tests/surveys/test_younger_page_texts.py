"""Issue #17.4, "from age 8": the survey page's own texts (title, introduction, assent) for younger children."""

import re
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.db import models
from django.urls import reverse
from django.utils.text import capfirst
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from cms.models import School
from cms.vocabulary import AgeBand, SchoolLevel
from surveys.definition import in_younger_words
from surveys.models import SurveyPage
from surveys.question_bank import get_module
from surveys.readability import page_warnings, survey_warnings
from tests.surveys.conftest import answer_whole_survey

pytestmark = pytest.mark.django_db

SHARED = "?perangkat=bersama"
HARD = "Partisipasi anak dalam pembangunan berkelanjutan merupakan keniscayaan konstitusional."


def usual_and_young(name: str) -> dict[str, str]:
    return {name: f"Biasa {name}", f"{name}_young": f"Kecil {name}"}


@pytest.fixture
def two_version_page(make_survey) -> SurveyPage:
    """A survey whose every page text is written twice: "Biasa …" for everyone, "Kecil …" for younger children."""
    texts = {}
    for usual, _young in SurveyPage.younger_text_fields():
        texts |= usual_and_young(usual)
    return make_survey(**texts)


def school_of(level: str, near: School) -> School:
    return School.objects.create(name=f"{level} Uji", level=level, status=near.status, kelurahan=near.kelurahan)


def read(html: bytes | str) -> dict[str, str]:
    """What a screen shows of the page's texts: the window title, and the heading, lead and assent when present."""
    soup = BeautifulSoup(html, "html.parser")
    found = {"window": soup.title.get_text().split(" · ")[0].strip()}
    for name, selector in (("heading", "h1"), ("introduction", "p.lead"), ("assent_text", "section.assent > p")):
        if (node := soup.select_one(selector)) is not None:
            found[name] = node.get_text().strip()
    return found


def which(texts: dict[str, str]) -> set[str]:
    """Which version each shown text is: {"Biasa"}, {"Kecil"} or (never) both."""
    return {text.split()[0] for text in texts.values() if text.split()[0] in {"Biasa", "Kecil"}}


# The fields ----------------------------------------------------------------------------------------------------


def test_every_page_text_a_child_reads_has_an_optional_younger_version_in_the_editor():
    own = [field for field in SurveyPage._meta.get_fields() if field.model is SurveyPage]
    texts = {
        field.name
        for field in own
        if isinstance(field, models.CharField | models.TextField) and field.editable and not field.choices
    } - {young for _usual, young in SurveyPage.younger_text_fields()}
    pairs = dict(SurveyPage.younger_text_fields())
    assert set(pairs) == texts | {"title"}, "a new text field a child reads needs a younger version here"
    panels = {
        name
        for panel in SurveyPage.content_panels
        for name in [getattr(panel, "field_name", None)]
        + [getattr(child, "field_name", None) for child in getattr(panel, "children", [])]
    }
    for usual, young in pairs.items():
        field = SurveyPage._meta.get_field(young)
        assert field.blank, f"{young} is optional: blank means the usual text"
        assert type(field) is type(SurveyPage._meta.get_field(usual)), "written in the same kind of box"
        assert young in panels, f"{young} is in the editor"


def test_the_page_and_the_questions_choose_by_the_one_rule(two_version_page):
    for younger in (False, True):
        texts = two_version_page.texts_for(younger=younger)
        for usual, young in SurveyPage.younger_text_fields():
            expected = in_younger_words(getattr(two_version_page, usual), getattr(two_version_page, young))
            assert getattr(texts, usual) == (expected if younger else getattr(two_version_page, usual))


# Who reads the younger texts -----------------------------------------------------------------------------------


def through_the_survey(client, page, *, start: str = "", code: str = "", about: dict | None = None) -> list[dict]:
    """Every screen a child sees in order (first screen, about you, each section, back to the first screen, the
    thank-you page), each as :func:`read` sees it."""
    screens = [read(client.get(page.url + start).content)]
    response = client.post(page.url + start, {"choice": "agree", "kode": code})
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:1500]
    screens.append(read(client.get(page.url + "tentang-kamu/").content))
    client.post(page.url + "tentang-kamu/", about or {})
    screens.append(read(client.get(page.url + "bagian/1/").content))
    client.post(page.url + "bagian/1/", {"safe_school": "3", "bullied": "no"})
    screens.append(read(client.get(page.url + "bagian/3/").content))
    screens.append(read(client.get(page.url).content))  # back to the first screen, with the draft
    screens.append(read(client.get(page.url + "bantuan/").content))
    thanks = client.post(page.url + "bagian/3/", {"friends": "2"}, follow=True)
    screens.append(read(thanks.content))
    return screens


def assert_one_version(screens: list[dict], version: str) -> None:
    for number, screen in enumerate(screens):
        assert which(screen) == {version}, f"screen {number}: {screen}"
    for first in [screen for screen in screens if "assent_text" in screen]:  # the first screen, each time
        assert first["heading"] == f"{version} title"
        assert first["introduction"] == f"{version} introduction"
        assert first["assent_text"] == f"{version} assent_text"
    assert all(screen["window"] == f"{version} title" for screen in screens), "every screen's window title"


@pytest.mark.parametrize(
    ("about", "young"),
    [
        ({"age_band": AgeBand.UP_TO_9}, True),
        ({"school_level": SchoolLevel.SD}, True),
        ({"age_band": AgeBand.FROM_10_TO_12, "school_level": SchoolLevel.SMP}, False),
        ({"age_band": AgeBand.FROM_13_TO_15}, False),
        ({}, False),
    ],
)
def test_what_the_child_says_about_herself_chooses_the_page_texts_from_then_on(client, two_version_page, about, young):
    screens = through_the_survey(client, two_version_page, about=about)
    assert_one_version(screens[:2], "Biasa")  # before she says it
    assert_one_version(screens[2:], "Kecil" if young else "Biasa")


@pytest.mark.parametrize(("level", "young"), [(level, level == SchoolLevel.SD) for level in SchoolLevel.values])
def test_a_typed_class_code_chooses_by_its_level(client, two_version_page, make_code, school, level, young):
    code = make_code(two_version_page, target=school_of(level, school))
    screens = through_the_survey(client, two_version_page, code=code.code, about={"age_band": AgeBand.FROM_13_TO_15})
    assert_one_version(screens[:1], "Biasa")
    assert_one_version(screens[1:], "Kecil" if young else "Biasa")


@pytest.mark.parametrize(("level", "young"), [(level, level == SchoolLevel.SD) for level in SchoolLevel.values])
def test_the_slips_qr_link_shows_an_sd_class_the_younger_first_screen(
    client, two_version_page, make_code, school, level, young
):
    code = make_code(two_version_page, target=school_of(level, school))
    query = code.link_query()
    assert ("jenjang=SD" in query) is young and f"kode={code.code}" in query
    screens = through_the_survey(client, two_version_page, start=f"?{query}", code=code.code)
    assert_one_version(screens, "Kecil" if young else "Biasa")


def test_the_printed_slip_carries_the_link_with_the_level(client, two_version_page, make_code, make_user, school):
    code = make_code(two_version_page)
    client.force_login(make_user(superuser=True, email="pendamping@example.test"))
    sheet = client.get(reverse("surveys:code_sheet", args=[two_version_page.pk, school.pk])).content.decode()
    assert f"?kode={code.code}&amp;jenjang=SD" in sheet


@pytest.mark.parametrize(("value", "young"), [("SD", True), ("sd", True), (" Sd ", True), ("SMP", False), ("x", False)])
def test_a_link_for_primary_schools_shows_the_younger_texts_throughout(client, two_version_page, value, young):
    screens = through_the_survey(client, two_version_page, start=f"?jenjang={value}")
    assert_one_version(screens, "Kecil" if young else "Biasa")


@pytest.mark.parametrize(("level", "young"), [(SchoolLevel.SD, True), (SchoolLevel.SMP, False)])
def test_on_a_shared_class_tablet_the_next_child_meets_the_codes_version(
    client, two_version_page, make_code, school, level, young
):
    code = make_code(two_version_page, target=school_of(level, school))
    client.get(two_version_page.url + SHARED)
    answer_whole_survey(client, two_version_page, code=code.code)
    next_child = through_the_survey(client, two_version_page, about={"age_band": AgeBand.FROM_13_TO_15})
    assert_one_version(next_child, "Kecil" if young else "Biasa")


def test_a_shared_tablet_opened_by_a_link_for_primary_schools_keeps_it_for_every_child(client, two_version_page):
    client.get(two_version_page.url + SHARED + "&jenjang=SD")
    answer_whole_survey(client, two_version_page)
    assert_one_version(through_the_survey(client, two_version_page), "Kecil")


# Fallback --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", [usual for usual, _young in SurveyPage.younger_text_fields()])
def test_a_blank_younger_text_falls_back_to_the_usual_one(client, make_survey, written):
    page = make_survey(**{f"{written}_young": f"Kecil {written}"})
    screen = read(client.get(page.url + "?jenjang=SD").content)
    for usual, _young in SurveyPage.younger_text_fields():
        shown = screen["heading" if usual == "title" else usual]
        assert shown == (f"Kecil {usual}" if usual == written else getattr(page, usual))


# English ---------------------------------------------------------------------------------------------------------


def test_the_younger_page_texts_are_translated_and_shown_in_english(
    client, two_version_page, django_capture_on_commit_callbacks
):
    english = Locale.objects.get(language_code="en")
    source, _created = TranslationSource.get_or_create_from_instance(two_version_page)
    with django_capture_on_commit_callbacks(execute=True):
        source.create_or_update_translation(english, publish=True, fallback=True, copy_parent_pages=True)
    translation = Translation.objects.create(source=source, target_locale=english)
    po = translation.export_po()
    offered = {entry.msgid for entry in po}
    for _usual, young in SurveyPage.younger_text_fields():
        assert getattr(two_version_page, young) in offered, f"{young} is offered for translation"
    for entry in po:
        if entry.msgid.startswith(("Biasa ", "Kecil ")):
            entry.msgstr = entry.msgid.replace("Biasa", "Usual").replace("Kecil", "Young")
    translation.import_po(po)
    translation.save_target(publish=True)
    translated = Page.objects.get(pk=two_version_page.get_translation(english).pk).specific
    young = read(client.get(translated.url + "?jenjang=SD").content)
    assert young == {
        "window": "Young title",
        "heading": "Young title",
        "introduction": "Young introduction",
        "assent_text": "Young assent_text",
    }
    usual = read(client.get(translated.url).content)
    assert set(usual.values()) == {"Usual title", "Usual introduction", "Usual assent_text"}


# The readability check -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("usual", "young"), SurveyPage.younger_text_fields())
def test_the_check_warns_about_each_page_text_naming_the_field_read(make_survey, usual, young):
    page = make_survey(**{usual: HARD})
    assert {warning.where for warning in page_warnings(page)} == {
        capfirst(SurveyPage._meta.get_field(usual).verbose_name)
    }
    setattr(page, young, HARD)
    setattr(page, usual, "Kamu aman?")
    assert {warning.where for warning in page_warnings(page)} == {
        capfirst(SurveyPage._meta.get_field(young).verbose_name)
    }
    setattr(page, usual, HARD)
    setattr(page, young, "Kamu aman?")
    assert page_warnings(page) == [], "a simple younger text is what a younger child reads: no warning"


def test_the_editor_lists_the_page_texts_warnings_before_publishing(client, make_user, make_survey):
    page = make_survey(introduction_young=HARD)
    client.force_login(make_user(superuser=True, email="pendamping@example.test"))
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    panel = BeautifulSoup(editor, "html.parser").select_one("[data-readability]").get_text(" ")
    assert "Pengantar untuk anak kecil" in panel and "konstitusional" in panel
    assert [w for w in survey_warnings(page) if w.where == "Pengantar untuk anak kecil"]


def longest_sentence(text: str) -> int:
    return max(len(sentence.split()) for sentence in re.split(r"[.!?:]", text))


# The demo survey -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_demo_survey_has_younger_page_texts(language):
    fields = get_module("keamanan-perundungan").page_fields(language)
    for usual, young in SurveyPage.younger_text_fields():
        assert fields[young] and fields[young] != fields[usual], f"{young} ({language})"
    for usual in ("introduction", "assent_text"):
        assert longest_sentence(fields[f"{usual}_young"]) < longest_sentence(fields[usual]), "shorter sentences"
    if language == "id":
        assert page_warnings(SurveyPage(**fields)) == [], "the project's own check passes them"
