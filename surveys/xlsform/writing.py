"""Write a survey as an XLSForm: both languages, codes, skip rules as ``relevant``, the version, likert faces.

What XLSForm has no column for goes in ``suara_*`` columns (our question type, faces, "prefer not to say", the texts
for younger children), which ``pyxform`` and other tools ignore and ``reading`` reads back, so importing an export
gives the same definition. A question's recording (a Wagtail document) is not written.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook
from wagtail.log_actions import log
from wagtail.models import Locale

from cms.vocabulary import AuditAction
from surveys.definition import DEFAULT_SCALES, SCALE_TYPES, Definition, Question, QuestionType, ShowIf
from surveys.xlsform import DEFAULT_LIST_PREFIX, LANGUAGES

ID, EN = (f"::{LANGUAGES['id']}", f"::{LANGUAGES['en']}")
SURVEY_COLUMNS = [
    "type",
    "name",
    f"label{ID}",
    f"label{EN}",
    f"hint{ID}",
    f"hint{EN}",
    "required",
    "relevant",
    "constraint",
    "appearance",
    "suara_type",
    "suara_faces",
    "suara_prefer_not_to_say",
    "suara_label_young_id",
    "suara_label_young_en",
    "suara_hint_young_id",
    "suara_hint_young_en",
]
CHOICE_COLUMNS = ["list_name", "name", f"label{ID}", f"label{EN}", "suara_label_young_id", "suara_label_young_en"]
XLSFORM_TYPES = {
    QuestionType.MULTIPLE: "select_multiple",
    QuestionType.NUMBER: "integer",
    QuestionType.SHORT_TEXT: "text",
    QuestionType.LONG_TEXT: "text",
}


def relevant(rule: ShowIf | None, definition: Definition) -> str:
    """A skip rule as an XLSForm ``relevant`` expression (``selected()`` for a multiple-choice question)."""
    if rule is None:
        return ""
    target = definition.question(rule.question)
    if target is not None and target.is_multiple:
        return " or ".join(f"selected(${{{rule.question}}}, '{value}')" for value in rule.values)
    return " or ".join(f"${{{rule.question}}} = '{value}'" for value in rule.values)


def constraint(question: Question) -> str:
    bounds = []
    if question.min_value is not None:
        bounds.append(f". >= {question.min_value}")
    if question.max_value is not None:
        bounds.append(f". <= {question.max_value}")
    return " and ".join(bounds)


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def default_scale(question_type: str, language: str) -> list[str]:
    with override(language):
        return [str(label) for _code, label in DEFAULT_SCALES[question_type]]


def workbook(indonesian: Definition, english: Definition, *, title: str, form_id: str, version: str) -> bytes:
    """The XLSForm of a definition in both languages (``english`` has the same codes, its own texts)."""
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(SURVEY_COLUMNS)
    choices = book.create_sheet("choices")
    choices.append(CHOICE_COLUMNS)
    written_lists: set[str] = set()
    names = {question.code for question in indonesian.questions()}

    def free_name(base: str) -> str:
        name, number = base, 1
        while name in names:
            number += 1
            name = f"{base}_{number}"
        names.add(name)
        return name

    for index, (section, section_en) in enumerate(zip(indonesian.sections, english.sections, strict=True), start=1):
        row = dict.fromkeys(SURVEY_COLUMNS, "")
        row |= {
            "type": "begin group",
            "name": free_name(f"bagian_{index}"),
            f"label{ID}": section.title,
            f"label{EN}": section_en.title,
            "relevant": relevant(section.show_if, indonesian),
            "suara_label_young_id": section.title_young,
            "suara_label_young_en": section_en.title_young,
        }
        survey.append(list(row.values()))
        if section.intro or section.intro_young:
            row = dict.fromkeys(SURVEY_COLUMNS, "")
            row |= {
                "type": "note",
                "name": free_name(f"pengantar_{index}"),
                f"label{ID}": section.intro or section.intro_young,
                f"label{EN}": section_en.intro or section_en.intro_young,
                "suara_label_young_id": section.intro_young,
                "suara_label_young_en": section_en.intro_young,
            }
            survey.append(list(row.values()))
        for question, question_en in zip(section.questions, section_en.questions, strict=True):
            xls_type = XLSFORM_TYPES.get(question.type, "select_one")
            if xls_type.startswith("select"):
                if question.choices:
                    list_name = question.code
                    for choice, choice_en in zip(question.choices, question_en.choices, strict=True):
                        choices.append(
                            [list_name, choice.code, choice.label, choice_en.label, choice.label_young]
                            + [choice_en.label_young]
                        )
                else:
                    list_name = f"{DEFAULT_LIST_PREFIX}{question.type}"
                    if list_name not in written_lists:
                        written_lists.add(list_name)
                        labels = zip(
                            default_scale(question.type, "id"), default_scale(question.type, "en"), strict=True
                        )
                        for (code, _label), (label_id, label_en) in zip(
                            DEFAULT_SCALES[question.type], labels, strict=True
                        ):
                            choices.append([list_name, code, label_id, label_en, "", ""])
                xls_type = f"{xls_type} {list_name}"
            appearance = "likert" if question.faces and question.type in SCALE_TYPES else ""
            if question.type == QuestionType.LONG_TEXT:
                appearance = "multiline"
            row = dict.fromkeys(SURVEY_COLUMNS, "")
            row |= {
                "type": xls_type,
                "name": question.code,
                f"label{ID}": question.label,
                f"label{EN}": question_en.label,
                f"hint{ID}": question.help_text,
                f"hint{EN}": question_en.help_text,
                "required": "yes" if question.required else "",
                "relevant": relevant(question.show_if, indonesian),
                "constraint": constraint(question),
                "appearance": appearance,
                "suara_type": question.type,
                "suara_faces": yes_no(question.faces),
                "suara_prefer_not_to_say": yes_no(question.allow_prefer_not_to_say),
                "suara_label_young_id": question.label_young,
                "suara_label_young_en": question_en.label_young,
                "suara_hint_young_id": question.help_text_young,
                "suara_hint_young_en": question_en.help_text_young,
            }
            survey.append(list(row.values()))
        survey.append(["end group"])
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append([title, form_id, version, LANGUAGES["id"]])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def shape(definition: Definition) -> list[list[tuple[str, int]]]:
    """What a translation must share with its source to be written beside it: sections, codes, choices."""
    return [[(q.code, len(q.choices)) for q in section.questions] for section in definition.sections]


def survey_workbook(page) -> bytes:
    """A survey page (either language) as an XLSForm: its source-language definition and the English one, when
    translated with the same codes; the version is the last one published ("draf" before the first)."""
    from surveys.models import SurveyVersion

    survey = page.survey
    indonesian = survey.get_definition()
    english = indonesian
    locale = Locale.objects.filter(language_code="en").first()
    translation = survey.get_translation_or_none(locale) if locale else None
    if translation is not None:
        candidate = translation.specific.get_definition()
        if shape(candidate) == shape(indonesian):
            english = candidate
    latest = SurveyVersion.objects.latest_for(survey)
    version = str(latest.number) if latest else _("draf")
    return workbook(indonesian, english, title=survey.title, form_id=survey.slug.replace("-", "_"), version=version)


def export_xlsform(page, *, user=None) -> bytes:
    """The XLSForm of ``page``, logged in the audit log as an export of the survey."""
    content = survey_workbook(page)
    log(instance=page.survey, action=AuditAction.XLSFORM_EXPORT, user=user)
    return content
