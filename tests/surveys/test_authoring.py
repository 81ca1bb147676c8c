import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.blocks import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import PageLogEntry

from surveys.blocks import QuestionBlock, SurveyDefinitionBlock, definition_value
from surveys.models import SurveyPage
from surveys.question_bank import modules
from tests.surveys.conftest import DEFINITION

pytestmark = pytest.mark.django_db


def question(**fields):
    return {
        "type": "single",
        "code": "q1",
        "label": "Pertanyaan?",
        "help_text": "",
        "required": False,
        "allow_prefer_not_to_say": True,
        "faces": False,
        "choices": [{"code": "a", "label": "A"}],
        "min_value": None,
        "max_value": None,
        "show_if": {"question": "", "values": ""},
    } | fields


def section(*questions, show_if=None):
    return {
        "type": "section",
        "value": {
            "title": "Bagian",
            "intro": "",
            "show_if": show_if or {"question": "", "values": ""},
            "questions": list(questions),
        },
    }


def clean(*sections):
    block = SurveyDefinitionBlock()
    return block.clean(block.to_python(list(sections)))


def error_text(error: ValidationError) -> str:
    return str(error.as_json_data() if hasattr(error, "as_json_data") else error)


def test_valid_definition_passes():
    block = SurveyDefinitionBlock()
    block.clean(definition_value(DEFINITION))


def test_codes_must_be_unique_across_the_survey():
    with pytest.raises(StreamBlockValidationError) as caught:
        clean(section(question(code="q1")), section(question(code="q1")))
    assert "q1" in error_text(caught.value)


def test_show_if_must_refer_to_an_earlier_question():
    with pytest.raises(StreamBlockValidationError) as caught:
        clean(section(question(code="q1", show_if={"question": "q2", "values": "a"}), question(code="q2")))
    assert "bukan pertanyaan sebelumnya" in error_text(caught.value)


def test_show_if_values_must_be_choices_of_that_question():
    with pytest.raises(StreamBlockValidationError) as caught:
        clean(section(question(code="q1")), section(question(code="q2"), show_if={"question": "q1", "values": "zzz"}))
    assert "tidak ada" in error_text(caught.value)


def test_choice_question_needs_choices():
    block = QuestionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python(question(choices=[])))


def test_codes_are_lowercase_identifiers():
    block = QuestionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python(question(code="Merasa Aman")))


def test_min_group_size_is_never_below_three(survey):
    survey.min_group_size = 2
    with pytest.raises(ValidationError):
        survey.full_clean()


@pytest.mark.parametrize("slug", ["keamanan-perundungan", "kuesioner-sekolah"])
def test_bank_modules_are_valid_in_both_languages_with_the_same_codes(slug):
    module = modules()[slug]
    block = SurveyDefinitionBlock()
    codes = {}
    for language in ("id", "en"):
        value = block.clean(module.page_fields(language)["definition"])
        codes[language] = [q.code for q in SurveyPage(definition=value).get_definition().questions()]
    assert codes["id"] == codes["en"]
    if slug == "keamanan-perundungan":
        assert 15 <= len(codes["id"]) <= 20


def test_children_module_starts_bullying_with_a_definition():
    sections = modules()["keamanan-perundungan"].stream_data("id")
    bullying = next(s for s in sections if s["value"]["questions"][0]["code"] == "bullied_30d")
    assert "Perundungan (bullying) terjadi ketika" in bullying["value"]["intro"]


def test_facilitator_starts_a_survey_from_a_bank_module(client, survey_index, make_user):
    admin = make_user(superuser=True, email="admin@example.test")
    client.force_login(admin)
    listing = client.get(reverse("surveys_bank"))
    assert "Keamanan &amp; Perundungan" in listing.content.decode()
    response = client.post(reverse("surveys_bank"), {"module": "keamanan-perundungan"})
    created = SurveyPage.objects.get(locale__language_code="id")
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[created.pk])
    assert not created.live and created.get_parent().pk == survey_index.pk
    english = created.get_translations().get()
    assert english.locale.language_code == "en" and english.title == "Safety and Bullying Survey"
    assert [q.code for q in english.get_definition().questions()] == [
        q.code for q in created.get_definition().questions()
    ]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[created.pk])).status_code == 200
    assert PageLogEntry.objects.filter(page=created, action="suara_anak.survey_from_bank", user=admin).exists()


def test_bank_view_is_refused_without_page_permission(client, survey_index, make_user):
    from cms.roles import Role

    client.force_login(make_user(Role.FORUM_MEMBER))
    response = client.post(reverse("surveys_bank"), {"module": "keamanan-perundungan"})
    assert response.status_code in (302, 403), "Wagtail turns PermissionDenied into a redirect to the dashboard"
    assert response.get("Location") != reverse("wagtailadmin_pages:edit", args=[1])
    assert not SurveyPage.objects.exists()


def test_targets_narrow_the_choices_a_child_is_offered(survey, regions):
    from cms.models import Region
    from surveys.forms import DemographicsForm

    form_class = SurveyPage.get_edit_handler().get_form_class()
    assert set(dict(form_class.base_fields["target_school_levels"].choices)) >= {"SD", "SMP", "SMA", "SMK"}
    kecamatan = Region.objects.kecamatan().first()
    survey.target_school_levels = ["SMP"]
    survey.target_kecamatan.set([kecamatan])
    survey.save_revision().publish()
    survey.refresh_from_db()
    form = DemographicsForm(page=survey)
    assert [value for value, _ in form.fields["school_level"].choices] == ["SMP"]
    assert [value for value, _ in form.fields["kecamatan"].choices] == ["", str(kecamatan.pk), "tidak_tahu"]
