import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from surveys.models import Response, SurveyPage

pytestmark = pytest.mark.django_db

STRUCTURE = ("code", "type", "show_if", "question", "values", "min_value", "max_value", "faces")


def structure(page: SurveyPage) -> list:
    definition = page.get_definition()
    return [
        (q.code, q.type, q.show_if, [c.code for c in q.choices], q.min_value, q.max_value)
        for q in definition.questions()
    ] + [section.show_if for section in definition.sections]


def test_codes_types_and_skip_logic_are_not_offered_for_translation(survey):
    segments = [segment for segment in extract_segments(survey) if isinstance(segment, StringSegmentValue)]
    paths = [segment.path.split(".") for segment in segments]
    assert ["label"] in [path[-1:] for path in paths], "labels are translatable"
    assert not [path for path in paths if set(path) & set(STRUCTURE)]
    codes = {question.code for question in survey.get_definition().questions()}
    assert not codes & {segment.render_text() for segment in segments}


def test_english_translation_keeps_every_code(survey):
    english = Locale.objects.get(language_code="en")
    source, _ = TranslationSource.get_or_create_from_instance(survey)
    translation = Translation.objects.create(source=source, target_locale=english)
    po = translation.export_po()
    for entry in po:
        if entry.msgid == "Apakah kamu dirundung bulan ini?":
            entry.msgstr = "Were you bullied this month?"
    translation.import_po(po)
    translation.save_target(publish=True)

    translated = survey.get_translation(english)
    assert translated.get_definition().question("bullied").label == "Were you bullied this month?"
    assert structure(translated) == structure(survey)
    assert translated.survey.pk == survey.pk, "answers in English count in the Indonesian survey"


@pytest.fixture
def english_survey(survey, django_capture_on_commit_callbacks) -> SurveyPage:
    """The English translation made and published the way wagtail-localize does it (publishing waits for commit)."""
    english = Locale.objects.get(language_code="en")
    source, _ = TranslationSource.get_or_create_from_instance(survey)
    with django_capture_on_commit_callbacks(execute=True):
        source.create_or_update_translation(english, publish=True, fallback=True, copy_parent_pages=True)
    return survey.get_translation(english)


def test_answers_in_english_count_in_the_indonesian_survey_and_switching_language_keeps_the_draft(
    client, survey, english_survey
):
    assert english_survey.url.startswith("/en/")
    client.post(english_survey.url, {"choice": "agree"})
    client.post(english_survey.url + "bagian/1/", {"safe_school": "3", "bullied": "no"})
    screen = client.get(english_survey.url + "bagian/3/").content.decode()
    assert "Step 3 of 3" in screen and "Send answers" in screen
    indonesian = client.get(survey.url + "bagian/1/").content.decode()
    assert 'value="3"' in indonesian and "checked" in indonesian.split('value="3"')[1][:40]
    client.post(survey.url + "bagian/3/", {})
    response = Response.objects.get()
    assert response.survey_id == survey.pk
    assert set(response.answers.values_list("question_code", "choice_code")) == {
        ("safe_school", "3"),
        ("bullied", "no"),
    }
