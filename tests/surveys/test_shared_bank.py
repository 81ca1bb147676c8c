"""A shared question bank: a survey started from a module keeps the module's questions under its codes, so its
figures compare with every other city's survey of the module; a city rewords and adds questions of its own."""

import copy
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from surveys.blocks import SurveyDefinitionBlock, definition_from_stream, definition_value
from surveys.models import SurveyPage
from surveys.question_bank import BankMeaning, bank_meanings, bank_problems, get_module, modules
from surveys.services import create_survey_from_bank

MODULE = "keamanan-perundungan"


def block_form_data(block: blocks.Block, value, prefix: str) -> dict:
    """``value`` as the admin's form posts it for ``block`` (the inverse of ``value_from_datadict``)."""
    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": len(value)}
        for number, child in enumerate(value):
            data |= {
                f"{prefix}-{number}-deleted": "",
                f"{prefix}-{number}-order": number,
                f"{prefix}-{number}-type": child.block_type,
                f"{prefix}-{number}-id": child.id or "",
            }
            data |= block_form_data(child.block, child.value, f"{prefix}-{number}-value")
        return data
    if isinstance(block, blocks.ListBlock):
        data = {f"{prefix}-count": len(value)}
        for number, child in enumerate(value.bound_blocks):
            data |= {
                f"{prefix}-{number}-deleted": "",
                f"{prefix}-{number}-order": number,
                f"{prefix}-{number}-id": child.id or "",
            }
            data |= block_form_data(block.child_block, child.value, f"{prefix}-{number}-value")
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child_block in block.child_blocks.items():
            data |= block_form_data(child_block, value.get(name), f"{prefix}-{name}")
        return data
    if isinstance(block, blocks.BooleanBlock):
        return {prefix: "on"} if value else {}
    if isinstance(block, DocumentChooserBlock):
        return {prefix: value.pk if value else ""}
    return {prefix: "" if value is None else value}


def edit(client, page: SurveyPage, raw_definition: list[dict]):
    """Post the page's edit form in the admin with ``raw_definition`` as its questions."""
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "audience": page.audience,
            "access": page.access,
            "introduction": page.introduction,
            "assent_text": page.assent_text,
            "min_group_size": page.min_group_size,
            "comments": inline_formset([]),
        }
    )
    data |= block_form_data(SurveyDefinitionBlock(), definition_value(raw_definition), "definition")
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def latest_definition(page: SurveyPage):
    page.refresh_from_db()
    return page.get_latest_revision_as_object().get_definition()


@pytest.fixture
def bank_survey(survey_index) -> SurveyPage:
    return create_survey_from_bank(get_module(MODULE), survey_index)


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(superuser=True, email="admin@example.test"))
    return client


@pytest.fixture
def raw() -> list[dict]:
    return copy.deepcopy(get_module(MODULE).stream_data("id"))


def own_question(code: str, **fields) -> dict:
    return {
        "type": "single",
        "code": code,
        "label": "Apakah ada taman bermain di dekat rumahmu?",
        "required": False,
        "allow_prefer_not_to_say": True,
        "choices": [{"code": "yes", "label": "Ya"}, {"code": "no", "label": "Tidak"}],
        "show_if": {"question": "", "values": ""},
    } | fields


def test_a_survey_from_a_module_names_it_in_both_languages(bank_survey):
    english = bank_survey.get_translations().get()
    assert bank_survey.bank_module == english.bank_module == MODULE
    assert set(SurveyPage.objects.from_bank_module(MODULE)) == {bank_survey, english}


def test_every_module_agrees_with_the_bank_and_no_two_modules_give_a_code_two_meanings():
    for slug, module in modules().items():
        assert bank_problems(module.definition(), slug) == []
        for question in module.definition().questions():
            assert bank_meanings()[question.code].type == question.type


def test_a_city_rewords_a_bank_question_and_adds_its_own(admin_client, bank_survey, raw):
    raw[0]["value"]["questions"][0]["label"] = "Apakah kamu merasa aman di sekolahmu, di Samarinda?"
    raw[-1]["value"]["questions"].append(own_question("kota_taman_dekat_rumah"))
    response = edit(admin_client, bank_survey, raw)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[bank_survey.pk])
    definition = latest_definition(bank_survey)
    assert definition.question("safe_school").label.endswith("di Samarinda?")
    assert definition.question("kota_taman_dekat_rumah") is not None


def test_removing_a_module_question_is_refused_by_code(admin_client, bank_survey, raw):
    removed = raw[0]["value"]["questions"].pop(0)["code"]
    response = edit(admin_client, bank_survey, raw)
    assert response.status_code == HTTPStatus.OK
    assert "pertanyaan modul tidak boleh dihapus" in response.content.decode()
    assert removed in response.content.decode()
    assert latest_definition(bank_survey).question(removed) is not None


def with_choices(question: dict) -> dict:
    """The question with its answer codes spelled out (a scale question's come from its type otherwise)."""
    if not question["choices"]:
        codes = sorted(bank_meanings()[question["code"]].answer_codes)
        question["choices"] = [{"code": code, "label": code} for code in codes]
    return question


@pytest.mark.parametrize(
    ("code", "change"),
    [
        pytest.param("safe_school", lambda q: q.update(type="likert5", choices=[], faces=False), id="another-scale"),
        pytest.param("bullied_where", lambda q: q.update(type="single"), id="single-for-multiple"),
        pytest.param("safe_home", lambda q: with_choices(q)["choices"].append({"code": "x", "label": "X"}), id="added"),
        pytest.param("knows_help", lambda q: with_choices(q)["choices"][0].update(code="recoded"), id="recoded"),
    ],
)
def test_a_bank_code_with_another_meaning_is_refused_and_not_saved(admin_client, bank_survey, raw, code, change):
    change(next(q for section in raw for q in section["value"]["questions"] if q["code"] == code))
    response = edit(admin_client, bank_survey, raw)
    assert response.status_code == HTTPStatus.OK
    assert "milik bank pertanyaan (modul Keamanan &amp; Perundungan (anak))" in response.content.decode()
    assert BankMeaning.of(MODULE, latest_definition(bank_survey).question(code)) == bank_meanings()[code]


def test_a_citys_own_question_may_not_borrow_a_code_from_another_module(bank_survey, raw):
    school_code = next(code for code, meaning in bank_meanings().items() if meaning.module == "kuesioner-sekolah")
    raw[-1]["value"]["questions"].append(own_question(school_code, type="text", choices=[]))
    problems = bank_problems(definition_from_stream(definition_value(raw)), MODULE)
    assert problems == [
        f"Kode “{school_code}” milik bank pertanyaan (modul {modules()['kuesioner-sekolah'].name('id')}): pakai jenis "
        "dan kode jawaban yang sama dengan bank, atau beri pertanyaan ini kode lain."
    ]


def test_the_refusal_reads_in_english_for_an_english_editor(raw):
    raw[0]["value"]["questions"].pop(0)
    with translation.override("en"):
        problems = bank_problems(definition_from_stream(definition_value(raw)), MODULE)
    assert problems == [
        "This survey uses the module Safety & Bullying (children); the module's questions may not be removed: safe_school."
    ]


def test_a_survey_not_from_the_bank_is_free_to_use_any_code(admin_client, survey):
    assert survey.bank_module == ""
    raw = survey.definition.get_prep_value()
    response = edit(admin_client, survey, raw)
    assert response.status_code == HTTPStatus.FOUND
