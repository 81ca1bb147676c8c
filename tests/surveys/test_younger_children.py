"""Issue #17.4, "from age 8": younger children's texts, face scales, and the area from the class code."""

import copy
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from wagtail import blocks

from cms.vocabulary import AgeBand
from surveys.blocks import ChoiceItemBlock, CodeBlock, QuestionBlock, SectionBlock, definition_value
from surveys.definition import SCALE_TYPES, Definition, QuestionType
from surveys.models import Response
from surveys.question_bank import get_module
from surveys.readability import definition_warnings
from tests.surveys.conftest import DEFINITION

pytestmark = pytest.mark.django_db

TEXT_BLOCKS = (SectionBlock, QuestionBlock, ChoiceItemBlock)


def text_fields(block_class) -> list[str]:
    """Every field of a block that a child reads: text blocks that are not codes and not themselves a younger text."""
    return [
        name
        for name, child in block_class.base_blocks.items()
        if isinstance(child, blocks.CharBlock | blocks.TextBlock)
        and not isinstance(child, CodeBlock)
        and not name.endswith("_young")
    ]


def test_every_text_a_child_reads_has_an_optional_younger_version():
    found = {block_class.__name__: text_fields(block_class) for block_class in TEXT_BLOCKS}
    assert found == {
        "SectionBlock": ["title", "intro"],
        "QuestionBlock": ["label", "help_text"],
        "ChoiceItemBlock": ["label"],
    }, "a new text field needs a younger version (and a place in this test)"
    for block_class in TEXT_BLOCKS:
        for name in text_fields(block_class):
            young = block_class.base_blocks.get(f"{name}_young")
            assert young is not None, f"{block_class.__name__}.{name} has no younger version"
            assert not young.required, "the younger version is optional"


def with_two_versions(definition: list) -> list:
    """The test survey with every text written twice: "Biasa …" for everyone, "Kecil …" for younger children."""
    raw = copy.deepcopy(definition)
    for number, section in enumerate(raw):
        value = section["value"]
        for name in text_fields(SectionBlock):
            value[name], value[f"{name}_young"] = f"Biasa bagian{number} {name}", f"Kecil bagian{number} {name}"
        for question in value["questions"]:
            for name in text_fields(QuestionBlock):
                question[name] = f"Biasa {question['code']} {name}"
                question[f"{name}_young"] = f"Kecil {question['code']} {name}"
            for choice in question["choices"]:
                choice["label"], choice["label_young"] = f"Biasa {choice['code']}", f"Kecil {choice['code']}"
    return raw


def every_screen(client, survey, *, about: dict, code: str = "") -> str:
    """Answer the whole survey without JavaScript (plain posts) so that every section and follow-up shows; the
    HTML of every question screen, joined."""
    response = client.post(survey.url, {"choice": "agree", "kode": code})
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    client.post(survey.url + "tentang-kamu/", about)
    screens = [client.get(survey.url + "bagian/1/")]
    client.post(survey.url + "bagian/1/", {"safe_school": "3", "bullied": "yes"})
    screens.append(client.get(survey.url + "bagian/1/"))  # the follow-up screen
    client.post(survey.url + "bagian/1/", {"safe_school": "3", "bullied": "yes", "bullied_where": ["online"]})
    screens.append(client.get(survey.url + "bagian/2/"))
    client.post(survey.url + "bagian/2/", {"told_someone": "no"})
    screens.append(client.get(survey.url + "bagian/3/"))
    assert all(screen.status_code == HTTPStatus.OK for screen in screens)
    return "\n".join(screen.content.decode() for screen in screens)


def expected_texts(survey, prefix: str) -> set[str]:
    raw = with_two_versions(DEFINITION)
    texts = set()
    for number, section in enumerate(raw):
        texts |= {f"{prefix} bagian{number} {name}" for name in text_fields(SectionBlock)}
        for question in section["value"]["questions"]:
            texts |= {f"{prefix} {question['code']} {name}" for name in text_fields(QuestionBlock)}
            texts |= {f"{prefix} {choice['code']}" for choice in question["choices"]}
    return texts


@pytest.fixture
def two_version_survey(make_survey):
    return make_survey(definition=definition_value(with_two_versions(DEFINITION)))


@pytest.mark.parametrize(
    ("about", "young"),
    [
        ({"age_band": AgeBand.UP_TO_9}, True),
        ({"age_band": AgeBand.FROM_10_TO_12}, False),
        ({"age_band": AgeBand.FROM_13_TO_15}, False),
        ({"age_band": AgeBand.FROM_16_TO_17}, False),
        ({}, False),
    ],
)
def test_the_age_band_chooses_the_version_for_the_whole_survey(client, two_version_survey, about, young):
    html = every_screen(client, two_version_survey, about=about)
    shown, other = ("Kecil", "Biasa") if young else ("Biasa", "Kecil")
    missing = {text for text in expected_texts(two_version_survey, shown) if text not in html}
    assert not missing, f"not shown: {sorted(missing)}"
    assert f"{other} " not in html, "never a mix of the two versions"


@pytest.mark.parametrize(("level", "young"), [("SD", True), ("SMP", False), ("SMA", False), ("SMK", False)])
def test_the_class_codes_level_chooses_the_version(client, two_version_survey, make_code, school, level, young):
    from cms.models import School

    target = School.objects.create(name=f"{level} Kode", level=level, status=school.status, kelurahan=school.kelurahan)
    code = make_code(two_version_survey, target=target)
    html = every_screen(client, two_version_survey, about={"age_band": AgeBand.FROM_13_TO_15}, code=code.code)
    shown, other = ("Kecil", "Biasa") if young else ("Biasa", "Kecil")
    missing = {text for text in expected_texts(two_version_survey, shown) if text not in html}
    assert not missing, f"not shown: {sorted(missing)}"
    assert f"{other} " not in html


def test_a_younger_childs_answers_are_stored_by_the_same_codes(client, two_version_survey):
    every_screen(client, two_version_survey, about={"age_band": AgeBand.UP_TO_9})
    client.post(two_version_survey.url + "bagian/3/", {"friends": "2"})
    response = Response.objects.get(survey=two_version_survey)
    assert response.age_band == AgeBand.UP_TO_9
    assert {a.question_code: a.choice_code for a in response.answers.all() if a.choice_code} == {
        "safe_school": "3",
        "bullied": "yes",
        "bullied_where": "online",
        "told_someone": "no",
    }


def test_the_demo_survey_has_simple_younger_texts_for_every_question(regions):
    module = get_module("keamanan-perundungan")
    for language in ("id", "en"):
        questions = [q for s in module.data["sections"] for q in s["questions"]]
        assert all(q.get("label_young", {}).get(language) for q in questions), language
        bullying = next(s for s in module.data["sections"] if s["title"]["id"] == "Perundungan")
        assert bullying["intro_young"][language], "the bullying definition has a younger version"
    from surveys.blocks import definition_from_stream

    definition = definition_from_stream(definition_value(module.stream_data("id")))
    assert definition_warnings(definition) == [], "the younger texts pass the project's own readability check"
    usual = Definition(tuple(s for s in definition.sections))
    assert usual.sections[1].intro != definition.younger().sections[1].intro
    assert len(definition.younger().sections[1].intro.split()) < len(usual.sections[1].intro.split())


# Face scales ---------------------------------------------------------------------------------------------------


def scale_question(kind: str, choices: list | None = None, faces: bool = True) -> dict:
    return {
        "type": kind,
        "code": "scale",
        "label": "Seberapa senang kamu?",
        "help_text": "",
        "required": False,
        "allow_prefer_not_to_say": True,
        "faces": faces,
        "choices": choices or [],
        "min_value": None,
        "max_value": None,
        "show_if": {"question": "", "values": ""},
    }


CUSTOM = {
    QuestionType.LIKERT4: ["never", "sometimes", "often", "always"],
    QuestionType.LIKERT5: ["a", "b", "c", "d", "e"],
}


@pytest.mark.parametrize("kind", sorted(SCALE_TYPES))
@pytest.mark.parametrize("own_choices", [False, True], ids=["default scale", "own choices"])
def test_every_likert_question_can_be_shown_as_faces_with_the_words_as_labels(client, make_survey, kind, own_choices):
    choices = [{"code": code, "label": f"Kata {code}"} for code in CUSTOM[kind]] if own_choices else []
    raw = [
        {
            "type": "section",
            "value": {
                "title": "Skala",
                "intro": "",
                "show_if": {"question": "", "values": ""},
                "questions": [scale_question(kind, choices)],
            },
        }
    ]
    survey = make_survey(definition=definition_value(raw))
    client.post(survey.url, {"choice": "agree"})
    client.post(survey.url + "tentang-kamu/", {})
    soup = BeautifulSoup(client.get(survey.url + "bagian/1/").content, "html.parser")
    options = soup.select("#q-scale input[type=radio]")
    question = survey.get_definition().question("scale")
    expected = question.answer_choices()
    assert len(options) == len(expected) == len(CUSTOM[kind]) + 1
    for option, choice in zip(options, expected, strict=True):
        label = option.find_parent("label")
        face = label.select_one(".face")
        words = label.select_one(".face-words")
        assert words.get_text() == choice.label, "the words are the label"
        if choice.code == "prefer_not_to_say":
            assert face is None
            continue
        assert face is not None and face["aria-hidden"] == "true", "the face is hidden from screen readers"
        assert face.get_text() in "😟🙁😐🙂😀"
    faces = [
        label.select_one(".face").get_text() for label in soup.select("#q-scale label") if label.select_one(".face")
    ]
    assert faces[0] == "😟" and faces[-1] == "😀", "worst to best"


@pytest.mark.parametrize("kind", sorted(set(QuestionType.values) - set(SCALE_TYPES)))
def test_faces_are_refused_on_questions_that_are_not_scales(kind):
    from django.core.exceptions import ValidationError

    value = QuestionBlock().to_python(scale_question(kind, [{"code": "a", "label": "A"}]))
    with pytest.raises(ValidationError):
        QuestionBlock().clean(value)


@pytest.mark.parametrize("kind", sorted(SCALE_TYPES))
def test_younger_children_see_every_likert_question_as_faces(kind):
    question = Definition.from_json(
        [{"title": "S", "questions": [{"code": "q", "type": kind, "label": "L", "faces": False}]}]
    ).questions()[0]
    assert not any(choice.face for choice in question.answer_choices())
    young = question.younger().answer_choices()
    assert len(young) == len(question.answer_choices()) and all(choice.face for choice in young)


# The area --------------------------------------------------------------------------------------------------


def test_with_a_class_code_the_area_comes_from_the_code_and_is_not_asked(client, survey, make_code, school):
    code = make_code(survey)
    client.post(survey.url, {"choice": "agree", "kode": code.code})
    about = client.get(survey.url + "tentang-kamu/").content.decode()
    assert 'name="kecamatan"' not in about and "Di kecamatan mana" not in about
    client.post(survey.url + "tentang-kamu/", {"kecamatan": "999999"})  # ignored: the field is not there
    client.post(survey.url + "bagian/1/", {"safe_school": "3", "bullied": "no"})
    client.post(survey.url + "bagian/3/", {})
    response = Response.objects.get(survey=survey)
    assert response.school_id == school.pk
    assert response.kecamatan_id == school.kelurahan.parent_id


def test_without_a_code_a_child_may_say_she_does_not_know_her_kecamatan(client, survey, regions):
    client.post(survey.url, {"choice": "agree"})
    about = BeautifulSoup(client.get(survey.url + "tentang-kamu/").content, "html.parser")
    options = {option["value"]: option.get_text() for option in about.select("select[name=kecamatan] option")}
    assert options["tidak_tahu"] == "Aku tidak tahu"
    response = client.post(survey.url + "tentang-kamu/", {"kecamatan": "tidak_tahu"})
    assert response.status_code == HTTPStatus.FOUND
    again = BeautifulSoup(client.get(survey.url + "tentang-kamu/").content, "html.parser")
    assert again.select_one("select[name=kecamatan] option[selected]")["value"] == "tidak_tahu", "her answer stays"
    client.post(survey.url + "bagian/1/", {"safe_school": "3", "bullied": "no"})
    client.post(survey.url + "bagian/3/", {})
    stored = Response.objects.get(survey=survey)
    assert stored.kecamatan_id is None and stored.school_id is None, "unknown, never a guessed area"


def test_an_unknown_area_is_counted_once_in_the_not_stated_row(client, survey, regions):
    from surveys.results.counting import ALL_KEY, UNKNOWN_KEY, ResultFilter, _submissions, breakdown_rows

    children = survey.min_group_size  # results are published in batches of k: a whole batch, so all are counted
    for _child in range(children):
        client.post(survey.url, {"choice": "agree"})
        client.post(survey.url + "tentang-kamu/", {"kecamatan": "tidak_tahu"})
        client.post(survey.url + "bagian/1/", {"safe_school": "3", "bullied": "no"})
        client.post(survey.url + "bagian/3/", {})
        client.cookies.clear()
    by_kecamatan = _submissions(survey, ResultFilter(), "kecamatan")
    assert by_kecamatan[(False, UNKNOWN_KEY)] == [children, children], "every child in the unknown row"
    assert by_kecamatan.get((True, UNKNOWN_KEY), [0, 0]) == [0, 0], "none in the filtered part: there is no filter"
    assert set(by_kecamatan) <= {(False, UNKNOWN_KEY), (True, UNKNOWN_KEY)}, "no guessed kecamatan"
    for by in ("kecamatan", "kelurahan"):
        rows = breakdown_rows(by)
        assert rows.labels[rows.keys.index(UNKNOWN_KEY)] == "Tidak diketahui", "the unknown area has its own row"
    whole = _submissions(survey, ResultFilter(), None)
    assert whole[(False, ALL_KEY)] == [children, children], "one count: the breakdown adds up to the total"


def test_i_do_not_know_is_offered_in_english_on_english_pages(survey, regions):
    from django.utils import translation

    from surveys.forms import DemographicsForm

    with translation.override("en"):
        form = DemographicsForm(page=survey)
        labels = dict(form.fields["kecamatan"].choices)
        assert str(labels["tidak_tahu"]) == "I don't know"
        assert str(form.fields["kecamatan"].help_text) == "If you do not know, choose “I don't know”."
