from surveys.blocks import definition_from_stream, definition_value
from surveys.definition import PREFER_NOT_TO_SAY, Definition
from tests.surveys.conftest import DEFINITION


def definition() -> Definition:
    return definition_from_stream(definition_value(DEFINITION))


def test_a_follow_up_is_shown_only_for_its_answers():
    survey = definition()
    where = survey.question("bullied_where")
    assert survey.is_question_shown(where, {"bullied": "yes"})
    assert not survey.is_question_shown(where, {"bullied": "no"})
    assert not survey.is_question_shown(where, {})


def test_a_hidden_section_hides_its_questions_and_answers_to_them_are_dropped():
    survey = definition()
    assert survey.shown_sections({"bullied": "no"}) == [0, 2]
    answers = {"bullied": "no", "bullied_where": ["online"], "told_someone": "yes", "friends": 3}
    assert survey.shown_answers(answers) == {"bullied": "no", "friends": 3}


def test_scales_get_default_labels_faces_and_prefer_not_to_say():
    choices = definition().question("safe_school").answer_choices()
    assert [choice.code for choice in choices] == ["1", "2", "3", "4", PREFER_NOT_TO_SAY]
    assert choices[0].label == "Sangat tidak setuju" and choices[0].face == "😟", "the face is beside the words"


def test_frozen_json_round_trips():
    survey = definition()
    assert Definition.from_json(survey.to_json()) == survey
