"""The code from the board: every survey that takes class codes has a box for one on its first screen, and a code is
read the way a child may type it."""

import string
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Locale

from surveys.demo import seed_surveys
from surveys.models import CODE_ALPHABET, CODE_LENGTH, CODE_LOOK_ALIKES, AccessRule, SurveyPage
from surveys.services import normalise_code

codes = st.text(alphabet=CODE_ALPHABET, min_size=CODE_LENGTH, max_size=CODE_LENGTH)
READINGS = {member: group[0] for group in CODE_LOOK_ALIKES for member in group}


def code_box(html: str):
    return BeautifulSoup(html, "html.parser").find("input", attrs={"name": "kode"})


def label_of(html: str, box) -> str:
    return (
        BeautifulSoup(html, "html.parser").find("label", attrs={"for": box["id"]}).get_text(" ", strip=True).rstrip(":")
    )


@pytest.fixture
def demo_surveys(home) -> list[SurveyPage]:
    """Every demo survey in every language it is published in."""
    sources = seed_surveys(home).values()
    return [translation for source in sources for translation in source.get_translations(inclusive=True).live()]


@pytest.mark.django_db
@pytest.mark.parametrize("access", AccessRule.values)
def test_every_demo_survey_that_takes_class_codes_shows_the_box_on_its_first_screen(client, demo_surveys, access):
    assert len(demo_surveys) >= 4
    taking_codes = 0
    for page in demo_surveys:
        SurveyPage.objects.filter(translation_key=page.translation_key).update(access=access)
        page = SurveyPage.objects.get(pk=page.pk)
        html = client.get(page.url).content.decode()
        box = code_box(html)
        if not page.accepts_class_codes:
            assert box is None, page.url
            continue
        taking_codes += 1
        assert box is not None, page.url
        label = label_of(html, box)
        if access == AccessRule.CODE_REQUIRED:
            assert label in {"Kode kelas", "Class code"}, label
        else:
            assert label in {"Kode kelas (kalau ada)", "Class code (if you have one)"}, label
        described = box["aria-describedby"]
        assert BeautifulSoup(html, "html.parser").find(id=described).get_text(strip=True), page.url
    assert taking_codes >= 2, "the children's demo survey, in both languages"


@pytest.mark.django_db
@pytest.mark.parametrize("access", AccessRule.values)
def test_the_code_from_the_board_starts_the_survey_however_it_was_typed(client, make_survey, make_code, access):
    survey = make_survey(access=access)
    code = make_code(survey)
    typed = " ".join(code.code.lower()[:3]) + " - " + code.code[3:].lower()
    response = client.post(survey.url, {"choice": "agree", "kode": typed})
    assert response.status_code == HTTPStatus.FOUND
    assert client.session[survey.session_key()]["class_code"] == code.pk


@pytest.mark.django_db
@pytest.mark.parametrize("access", AccessRule.values)
def test_a_wrong_code_keeps_the_child_on_the_first_screen_with_a_kind_message_and_their_answers(
    client, make_survey, access
):
    survey = make_survey(access=access)
    client.post(survey.url, {"choice": "agree"} | ({"kode": ""} if access == AccessRule.OPEN_LINK else {}))
    if access == AccessRule.OPEN_LINK:  # a child who started without a code comes back to add the one on the board
        client.post(survey.url + "tentang-kamu/", {"age_band": "10-12", "sex": "female"})
        client.post(survey.url + "bagian/1/", {"safe_school": "3", "bullied": "no"})
        draft_before = client.session[survey.session_key()]
    response = client.post(survey.url, {"choice": "agree", "kode": "kx7-99"})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    error = soup.find(id="id_kode_error")
    assert error is not None and "Kode ini tidak dikenal. Periksa lagi huruf dan angkanya" in error.get_text()
    assert code_box(html)["value"] == "kx7-99", "what the child typed is kept"
    assert code_box(html)["aria-describedby"] == "id_kode_helptext id_kode_error"
    if access == AccessRule.OPEN_LINK:
        assert "kosongkan kotaknya" in error.get_text()
        assert client.session[survey.session_key()] == draft_before, "the answers already given are kept"
    else:
        assert survey.session_key() not in client.session


@given(code=codes, data=st.data())
def test_a_code_reads_the_same_in_any_case_with_spaces_hyphens_and_look_alikes(code, data):
    typed = []
    for character in code:
        character = data.draw(st.sampled_from([character.lower(), character.upper()]))
        typed.append(data.draw(st.sampled_from(["", " ", "-", "  ", " - ", "\t"])) + character)
    typed = "".join(typed) + data.draw(st.sampled_from(["", " ", "-"]))
    assert normalise_code(typed) == code


@given(
    data=st.data(),
    text=st.text(alphabet=string.ascii_uppercase + string.digits, min_size=1, max_size=CODE_LENGTH),
)
def test_look_alikes_read_as_one_character(data, text):
    swapped = "".join(
        data.draw(st.sampled_from(next((group for group in CODE_LOOK_ALIKES if ch in group), ch))) for ch in text
    )
    assert normalise_code(swapped) == normalise_code(text)
    assert normalise_code(swapped.lower()) == normalise_code(text)


def test_the_code_alphabet_never_holds_two_characters_that_read_as_one():
    readings = [READINGS.get(character, character) for character in CODE_ALPHABET]
    assert len(set(readings)) == len(CODE_ALPHABET)
    for group in CODE_LOOK_ALIKES:
        assert len(set(group) & set(CODE_ALPHABET)) <= 1, group
    assert normalise_code(CODE_ALPHABET) == CODE_ALPHABET, "a generated code is stored as a typed one is read"


@given(wide=codes)
def test_a_code_typed_on_a_wide_character_keyboard_reads_as_the_code(wide):
    full_width = wide.translate({ord(c): ord(c) + 0xFEE0 for c in string.ascii_uppercase + string.digits})
    assert normalise_code(full_width) == wide


@pytest.mark.django_db
def test_the_english_first_screen_names_the_box_in_english(client, make_survey):
    survey = make_survey()
    english = survey.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.save_revision().publish()
    html = client.get(english.url).content.decode()
    assert label_of(html, code_box(html)) == "Class code (if you have one)"
