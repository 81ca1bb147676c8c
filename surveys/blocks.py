"""The blocks a facilitator builds a survey from: sections holding questions, each with a stable code.

Codes, question types and skip logic are structure, not text: ``CodeBlock`` and ``CodeListBlock`` offer no
segment to wagtail-localize, and the other structural blocks are ones it ignores (choices, numbers, booleans), so
a translation keeps them exactly as in the Indonesian source while labels and help texts are translated.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from surveys.definition import CHOICE_TYPES, SCALE_TYPES, Definition, QuestionType

CODE_PATTERN = r"^[a-z0-9_]+$"
code_validator = RegexValidator(CODE_PATTERN, _("Kode hanya boleh huruf kecil, angka dan garis bawah (_)."))


def split_codes(value: str) -> list[str]:
    return [code.strip() for code in (value or "").split(",") if code.strip()]


class CodeBlock(blocks.CharBlock):
    """A stable identifier used in storage and summaries; never offered for translation."""

    def __init__(self, **kwargs):
        super().__init__(max_length=40, validators=[code_validator], **kwargs)

    def get_translatable_segments(self, value: Any) -> list:
        return []

    def restore_translated_segments(self, value: Any, segments: list) -> Any:
        return value

    class Meta:
        icon = "tag"


class CodeListBlock(CodeBlock):
    """Several codes separated by commas (the answers that make a question or section appear)."""

    def __init__(self, **kwargs):
        blocks.CharBlock.__init__(self, max_length=200, **kwargs)

    def clean(self, value: str) -> str:
        value = super().clean(value)
        for code in split_codes(value):
            code_validator(code)
        return ", ".join(split_codes(value))


YOUNG_HELP = _(
    "Untuk anak yang lebih kecil (9 tahun ke bawah, atau kode kelas SD): kata pendek, satu gagasan per kalimat. "
    "Kosongkan bila sama."
)


class ChoiceItemBlock(blocks.StructBlock):
    code = CodeBlock(label=_("kode"))
    label = blocks.CharBlock(label=_("teks pilihan"), max_length=200)
    label_young = blocks.CharBlock(
        label=_("teks pilihan untuk anak kecil"), max_length=200, required=False, default="", help_text=YOUNG_HELP
    )

    class Meta:
        icon = "list-ul"
        label = _("Pilihan")


class ShowIfBlock(blocks.StructBlock):
    question = CodeBlock(
        label=_("kode pertanyaan sebelumnya"),
        required=False,
        help_text=_("Kosongkan bila selalu ditampilkan."),
    )
    values = CodeListBlock(
        label=_("kode jawaban yang menampilkan"),
        required=False,
        help_text=_("Pisahkan dengan koma, misalnya: yes, sometimes"),
    )

    class Meta:
        icon = "redirect"
        label = _("Tampilkan hanya bila")
        collapsed = True


class QuestionBlock(blocks.StructBlock):
    type = blocks.ChoiceBlock(label=_("jenis"), choices=QuestionType.choices, default=QuestionType.SINGLE)
    code = CodeBlock(label=_("kode"), help_text=_("Tetap, tidak diterjemahkan; dipakai di data dan ringkasan."))
    label = blocks.CharBlock(label=_("pertanyaan"), max_length=300)
    label_young = blocks.CharBlock(
        label=_("pertanyaan untuk anak kecil"), max_length=300, required=False, default="", help_text=YOUNG_HELP
    )
    help_text = blocks.CharBlock(label=_("teks bantuan"), required=False, max_length=300)
    help_text_young = blocks.CharBlock(
        label=_("teks bantuan untuk anak kecil"), required=False, default="", max_length=300, help_text=YOUNG_HELP
    )
    required = blocks.BooleanBlock(label=_("wajib dijawab"), required=False)
    allow_prefer_not_to_say = blocks.BooleanBlock(
        label=_("tawarkan “Saya tidak ingin menjawab”"), required=False, default=True
    )
    faces = blocks.BooleanBlock(
        label=_("tampilkan wajah (skala)"),
        required=False,
        help_text=_(
            "Untuk skala 4 atau 5 titik: wajah 😟🙁🙂😀 di samping kata-katanya. Anak kecil selalu melihatnya."
        ),
    )
    choices = blocks.ListBlock(ChoiceItemBlock(), label=_("pilihan"), default=[])
    min_value = blocks.IntegerBlock(label=_("angka terkecil"), required=False)
    max_value = blocks.IntegerBlock(label=_("angka terbesar"), required=False)
    show_if = ShowIfBlock()
    recording = DocumentChooserBlock(
        label=_("rekaman suara"),
        required=False,
        help_text=_(
            "Berkas suara (mp3, m4a, ogg) yang membacakan pertanyaan dan pilihannya. Diputar oleh tombol "
            "“Dengarkan”; tanpa rekaman, tombol itu memakai suara bawaan perangkat anak bila ada."
        ),
    )

    class Meta:
        icon = "help"
        label = _("Pertanyaan")
        form_classname = "struct-block survey-question"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value.get("faces") and value["type"] not in SCALE_TYPES:
            errors["faces"] = ValidationError(_("Wajah hanya untuk pertanyaan skala (4 atau 5 titik)."))
        if value["type"] in CHOICE_TYPES and not value["choices"]:
            errors["choices"] = ValidationError(_("Pertanyaan pilihan perlu setidaknya satu pilihan."))
        codes = [choice["code"] for choice in value["choices"]]
        if len(codes) != len(set(codes)):
            errors["choices"] = ValidationError(_("Kode pilihan harus berbeda satu sama lain."))
        low, high = value.get("min_value"), value.get("max_value")
        if low is not None and high is not None and low > high:
            errors["max_value"] = ValidationError(_("Angka terbesar harus lebih besar dari angka terkecil."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class SectionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("judul bagian"), max_length=200)
    title_young = blocks.CharBlock(
        label=_("judul bagian untuk anak kecil"), max_length=200, required=False, default="", help_text=YOUNG_HELP
    )
    intro = blocks.TextBlock(label=_("pengantar bagian"), required=False)
    intro_young = blocks.TextBlock(
        label=_("pengantar bagian untuk anak kecil"), required=False, default="", help_text=YOUNG_HELP
    )
    show_if = ShowIfBlock()
    questions = blocks.ListBlock(QuestionBlock(), label=_("pertanyaan"))

    class Meta:
        icon = "form"
        label = _("Bagian")


class SurveyDefinitionBlock(blocks.StreamBlock):
    """The whole questionnaire. Checks what no single block can: codes unique, skip logic pointing backwards."""

    section = SectionBlock()

    class Meta:
        block_counts = {"section": {"min_num": 1}}

    def clean(self, value):
        value = super().clean(value)
        problems = definition_problems(definition_from_stream(value))
        if problems:
            raise blocks.StreamBlockValidationError(non_block_errors=ValidationError(problems))
        return value


def definition_value(raw: list[dict]) -> blocks.StreamValue:
    """Raw definition data (as in the question bank) as a value that saves like the admin does, with block ids.

    wagtail-localize only extracts list items stored with ids, so raw lists must pass through here.
    """
    value = SurveyDefinitionBlock().to_python(raw)
    for _section in value:
        pass
    return value


def show_if_json(value) -> dict | None:
    if not value or not value.get("question"):
        return None
    return {"question": value["question"], "values": split_codes(value.get("values"))}


def definition_from_stream(stream) -> Definition:
    """Turn the edited StreamField value into a ``Definition`` (labels in the page's own language)."""
    sections = []
    for child in stream:
        section = child.value
        sections.append(
            {
                "title": section["title"],
                "title_young": section.get("title_young") or "",
                "intro": section.get("intro") or "",
                "intro_young": section.get("intro_young") or "",
                "show_if": show_if_json(section.get("show_if")),
                "questions": [
                    {
                        "code": question["code"],
                        "type": question["type"],
                        "label": question["label"],
                        "label_young": question.get("label_young") or "",
                        "help_text": question.get("help_text") or "",
                        "help_text_young": question.get("help_text_young") or "",
                        "required": bool(question.get("required")),
                        "allow_prefer_not_to_say": bool(question.get("allow_prefer_not_to_say")),
                        "faces": bool(question.get("faces")),
                        "choices": [
                            {"code": c["code"], "label": c["label"], "label_young": c.get("label_young") or ""}
                            for c in question.get("choices") or []
                        ],
                        "min_value": question.get("min_value"),
                        "max_value": question.get("max_value"),
                        "show_if": show_if_json(question.get("show_if")),
                        "recording_url": question["recording"].url if question.get("recording") else "",
                    }
                    for question in section["questions"]
                ],
            }
        )
    return Definition.from_json(sections)


def definition_problems(definition: Definition) -> list[str]:
    """Everything wrong across questions, in Indonesian, naming the code at fault."""
    problems: list[str] = []
    seen: dict[str, set[str]] = {}
    for section in definition.sections:
        rules = [(section.show_if, section.title)]
        for question in section.questions:
            if question.code in seen:
                problems.append(_("Kode pertanyaan “%(code)s” dipakai lebih dari sekali.") % {"code": question.code})
            rules_here = rules + [(question.show_if, question.code)]
            for rule, where in rules_here:
                if rule is None:
                    continue
                if rule.question not in seen:
                    problems.append(
                        _("“%(where)s” bergantung pada “%(code)s”, yang bukan pertanyaan sebelumnya.")
                        % {"where": where, "code": rule.question}
                    )
                elif not rule.values:
                    problems.append(_("“%(where)s”: sebutkan kode jawaban yang menampilkannya.") % {"where": where})
                elif seen[rule.question] and not set(rule.values) <= seen[rule.question]:
                    problems.append(
                        _("“%(where)s” memakai kode jawaban yang tidak ada pada “%(code)s”.")
                        % {"where": where, "code": rule.question}
                    )
            seen.setdefault(question.code, question.choice_codes() if question.is_choice else set())
        if not section.questions and section.show_if and section.show_if.question not in seen:
            problems.append(
                _("“%(where)s” bergantung pada “%(code)s”, yang bukan pertanyaan sebelumnya.")
                % {"where": section.title, "code": section.show_if.question}
            )
    return list(dict.fromkeys(str(problem) for problem in problems))
