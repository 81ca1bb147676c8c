"""Responses as rows for CSV and XLSX: one row per response, every question as its codes and its labels.

Only what is stored goes out (the day, coarse facts, the version, the answers); free text only when the reader may
see it. Labels come from the version each response answered, so old answers keep the words the child read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from cms.vocabulary import AgeBand, Sex
from surveys.definition import Definition, Question
from surveys.models import Answer, SurveyPage, SurveyVersion

FIXED_COLUMNS = [
    "response_id",
    "version",
    "submitted_on",
    "school",
    "school_level",
    "kecamatan_code",
    "kecamatan",
    "age_band",
    "age_band_label",
    "sex",
    "sex_label",
]


def columns_for(survey: SurveyPage, *, free_text: bool) -> list[Question]:
    """Every question of every version, newest order first; text questions only with ``free_text``."""
    questions: dict[str, Question] = {}
    for version in SurveyVersion.objects.filter(survey=survey.survey).order_by("-number"):
        for question in version.get_definition().questions():
            if question.is_text and not free_text:
                continue
            questions.setdefault(question.code, question)
    return list(questions.values())


def answer_cells(question: Question | None, values: list) -> tuple[str, str]:
    codes = [str(value) for value in values]
    if question is None or not question.is_choice:
        return ";".join(codes), ""
    labels = {choice.code: choice.label for choice in question.answer_choices()}
    return ";".join(codes), ";".join(str(labels.get(code, code)) for code in codes)


def export_rows(responses, survey: SurveyPage, *, free_text: bool) -> Iterator[list]:
    """The header, then one row per response of ``responses`` (a queryset of this survey's responses)."""
    questions = columns_for(survey, free_text=free_text)
    yield FIXED_COLUMNS + [name for q in questions for name in (q.code, f"{q.code}_label")]
    definitions: dict[int, Definition] = {}
    responses = responses.select_related("version", "school", "kecamatan").order_by("pk")
    answers: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for response_id, code, choice, number, text in (
        Answer.objects.filter(response__in=responses)
        .order_by("pk")
        .values_list("response_id", "question_code", "choice_code", "number_value", "text_value")
    ):
        value = choice if choice is not None else number if number is not None else text
        answers[response_id][code].append(value)
    age_labels, sex_labels = dict(AgeBand.choices), dict(Sex.choices)
    for response in responses:
        if response.version_id not in definitions:
            definitions[response.version_id] = response.version.get_definition()
        definition = definitions[response.version_id]
        row = [
            response.pk,
            response.version.number,
            response.submitted_on.isoformat(),
            response.school.name if response.school else "",
            response.school_level,
            response.kecamatan.code if response.kecamatan else "",
            response.kecamatan.name if response.kecamatan else "",
            response.age_band,
            str(age_labels.get(response.age_band, "")),
            response.sex,
            str(sex_labels.get(response.sex, "")),
        ]
        for question in questions:
            row.extend(answer_cells(definition.question(question.code), answers[response.pk].get(question.code, [])))
        yield row
