"""Read an XLSForm into a survey definition, refusing row by row what our surveys cannot express.

The workbook is first converted by ``pyxform`` (a file it cannot convert is not an XLSForm), then read row by row
through pyxform's own spreadsheet reader, so row numbers match the sheet a facilitator has open. The result is a
question-bank module (both languages, codes, skip rules), so an import creates its draft exactly as the question
bank does. Every refusal names the sheet, the row and the column; ``import_xlsform`` creates nothing unless the
whole form (or, when skipping is allowed, every row kept) is sound.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override
from pyxform.xls2json_backends import xlsx_to_dict
from pyxform.xls2xform import convert
from wagtail.log_actions import log

from cms.vocabulary import AuditAction
from surveys.blocks import CODE_PATTERN, SurveyDefinitionBlock, definition_from_stream, definition_problems
from surveys.definition import CHOICE_TYPES, DEFAULT_SCALES, PREFER_NOT_TO_SAY, SCALE_TYPES, Definition, QuestionType
from surveys.question_bank import BankModule
from surveys.xlsform import DEFAULT_LIST_PREFIX

#: Larger files are refused before they are opened (a questionnaire of hundreds of questions is far smaller).
MAX_BYTES = 2 * 1024 * 1024
LABEL_LENGTH, CHOICE_LENGTH, TITLE_LENGTH = 300, 200, 200

#: XLSForm types (after ``begin``/``end`` are joined by a space) and the question type each becomes by default.
QUESTION_TYPES = {
    "select_one": QuestionType.SINGLE,
    "select_multiple": QuestionType.MULTIPLE,
    "integer": QuestionType.NUMBER,
    "decimal": QuestionType.NUMBER,
    "text": QuestionType.SHORT_TEXT,
}
#: Which of our types an XLSForm type may carry in the ``suara_type`` column.
COMPATIBLE_TYPES = {
    "select_one": {QuestionType.SINGLE, QuestionType.LIKERT4, QuestionType.LIKERT5, QuestionType.YES_NO},
    "select_multiple": {QuestionType.MULTIPLE},
    "integer": {QuestionType.NUMBER},
    "decimal": {QuestionType.NUMBER},
    "text": {QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT},
}
CONTAINERS = {"begin repeat": "end repeat", "begin loop": "end loop", "begin group": "end group"}
#: Columns whose text we do not keep but whose presence changes nothing a child sees in our surveys.
IGNORED_COLUMNS = {
    "appearance",
    "constraint_message",
    "constraint_msg",
    "jr:constraintmsg",
    "required_message",
    "requiredmsg",
    "jr:requiredmsg",
    "guidance_hint",
}
YOUNG_COLUMNS = {"suara_label_young", "suara_hint_young"}
QUESTION_COLUMNS = {
    "type",
    "name",
    "label",
    "hint",
    "required",
    "relevant",
    "constraint",
    "suara_type",
    "suara_faces",
    "suara_prefer_not_to_say",
} | YOUNG_COLUMNS
GROUP_COLUMNS = {"type", "name", "label", "relevant", "suara_label_young"}
NOTE_COLUMNS = {"type", "name", "label", "suara_label_young"}
TRUE_VALUES, FALSE_VALUES = {"yes", "true", "true()", "1"}, {"no", "false", "false()", "0"}

QUOTED = r"""'[^']*'|"[^"]*"|‘[^’]*’|“[^”]*”"""
TERM = re.compile(
    rf"""^\s*(?:\$\{{(?P<eq>[^}}]+)\}}\s*=\s*(?P<eqv>{QUOTED}|-?\d+)"""
    rf"""|selected\(\s*\$\{{(?P<sel>[^}}]+)\}}\s*,\s*(?P<selv>{QUOTED})\s*\))\s*$"""
)
BOUND = re.compile(r"^\s*\.\s*(?P<op><=|>=|<|>)\s*(?P<number>-?\d+)\s*$")


@dataclass(frozen=True)
class Problem:
    """One thing refused: where (sheet, row as numbered in the spreadsheet, column header) and why, translated."""

    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return _("Lembar “%(sheet)s”: %(message)s") % {"sheet": self.sheet, "message": self.message}
        return _("Lembar “%(sheet)s”, baris %(row)d, kolom “%(column)s”: %(message)s") % {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class XLSFormRefused(Exception):
    """The form cannot be imported as it is; ``problems`` says every reason, in the order of the sheets."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass
class ReadForm:
    """What was read: the form as a question-bank module, its version, the rows refused and whether the refusals
    concern the whole form (``fatal``: nothing can be imported) or only the rows named."""

    module: BankModule | None
    version: str = ""
    problems: list[Problem] = field(default_factory=list)
    fatal: bool = False

    def definition(self, language: str) -> Definition:
        """The definition as the editor would save it in ``language`` (``id`` or ``en``)."""
        stream = SurveyDefinitionBlock().clean(self.module.page_fields(language)["definition"])
        return definition_from_stream(stream)


def normalise_code(raw: str) -> str:
    """An XLSForm name as one of our codes: lower case, anything but letters, digits and ``_`` made ``_``."""
    return re.sub(r"[^a-z0-9_]", "_", str(raw).strip().lower())[:40]


def language_of(part: str | None, default: str) -> str:
    """``id``, ``en`` or ``other`` for the language part of a column header (``label::English (en)``)."""
    if part is None:
        return default
    text = part.strip().lower()
    if "(id)" in text or text in {"id", "indonesian", "indonesia", "bahasa indonesia", "bahasa"}:
        return "id"
    if "(en)" in text or text in {"en", "english", "inggris"}:
        return "en"
    return "other"


def split_header(header: str, default: str) -> tuple[str, str]:
    """A header as (column, language): ``label::English (en)``, the old ``label:english`` and ``list name``."""
    text = header.strip()
    if text.lower().startswith(("jr:", "bind::", "instance::", "body::", "media::")):
        base, language = text.lower(), None
    elif "::" in text:
        base, language = text.split("::", 1)
    elif ":" in text:
        base, language = text.split(":", 1)
    else:
        base, language = text, None
    base = re.sub(r"\s+", "_", base.strip().lower())
    if young := re.fullmatch(r"(suara_(?:label|hint)_young)_(id|en)", base):
        return young[1], young[2]
    return base, language_of(language, default) if base in {"label", "hint"} | YOUNG_COLUMNS else ""


def normalise_type(raw: str) -> str:
    text = re.sub(r"\s+", " ", raw.strip().lower()).replace("begin_", "begin ").replace("end_", "end ")
    text = re.sub(r"^select one from (\S+)$", r"select_one \1", text)
    text = re.sub(r"^select all that apply from (\S+)$", r"select_multiple \1", text)
    text = re.sub(r"^select (one|multiple) (\S+)$", lambda m: f"select_{m[1]} {m[2]}", text)
    return text


class _Row:
    """One spreadsheet row with its cells grouped by column and language."""

    def __init__(self, sheet: str, number: int, cells: dict[str, str], default_language: str) -> None:
        self.sheet, self.number, self.headers = sheet, number, {}
        self.values: dict[tuple[str, str], str] = {}
        for header, value in cells.items():
            key = split_header(header, default_language)
            self.values[key] = str(value).strip()
            self.headers[key] = header

    def get(self, column: str, language: str = "") -> str:
        return self.values.get((column, language), "")

    def text(self, column: str) -> dict[str, str]:
        """A translated column in both languages: Indonesian falls back to the form's other languages, English to
        Indonesian (the facilitator translates it in Wagtail)."""
        indonesian = self.get(column, "id") or self.get(column, "en") or self.get(column, "other")
        return {"id": indonesian, "en": self.get(column, "en") or indonesian}

    def header(self, column: str) -> str:
        return next((h for (c, _l), h in self.headers.items() if c == column), column)

    def problem(self, column: str, message: str) -> Problem:
        return Problem(self.sheet, self.number, self.header(column), message)

    def unsupported_columns(self, allowed: set[str]) -> list[str]:
        return [
            column
            for (column, _language), value in self.values.items()
            if value and column not in allowed and column not in IGNORED_COLUMNS
        ]


def _flag(row: _Row, column: str, problems: list[Problem], default: bool) -> bool:
    value = row.get(column).lower()
    if not value:
        return default
    if value in TRUE_VALUES:
        return True
    if value not in FALSE_VALUES:
        problems.append(row.problem(column, _("hanya “yes” atau “no” yang didukung, bukan rumus “%s”.") % value))
    return False


class _Reader:
    def __init__(self, book: dict[str, Any]) -> None:
        self.book = book
        self.problems: list[Problem] = []
        settings = (book.get("settings") or [{}])[0]
        self.settings = {split_header(key, "id")[0]: str(value).strip() for key, value in settings.items()}
        self.default_language = language_of(self.settings.get("default_language") or "id", "id")
        self.title = self.settings.get("form_title") or self.settings.get("form_id") or _("Survei dari XLSForm")
        self.lists = self.read_choices()
        self.sections: list[dict[str, Any]] = []
        self.questions: dict[str, dict[str, Any]] = {}
        self.refused_names: set[str] = set()

    def rows(self, sheet: str) -> list[_Row]:
        return [
            _Row(sheet, index + 2, cells, self.default_language)
            for index, cells in enumerate(self.book.get(sheet) or [])
            if cells
        ]

    def read_choices(self) -> dict[str, list[dict[str, Any]]]:
        lists: dict[str, list[dict[str, Any]]] = {}
        for row in self.rows("choices"):
            list_name, name = row.get("list_name"), row.get("name")
            if not list_name:
                continue
            for column in row.unsupported_columns({"list_name", "name", "label", "suara_label_young"}):
                if column in {"image", "audio", "video", "big-image", "media::image", "media::audio"}:
                    self.problems.append(row.problem(column, _("gambar dan suara pada pilihan tidak didukung.")))
            code = normalise_code(name)
            if not code:
                self.problems.append(row.problem("name", _("pilihan tanpa nama (kode).")))
                continue
            items = lists.setdefault(list_name, [])
            if any(item["code"] == code for item in items):
                self.problems.append(
                    row.problem("name", _("kode pilihan “%s” sudah ada di daftar ini; baris ini dilewati.") % code)
                )
                continue
            label = row.text("label")
            label = {language: text or name for language, text in label.items()}
            if any(len(text) > CHOICE_LENGTH for text in label.values()):
                self.problems.append(row.problem("label", _("teks pilihan lebih dari %d huruf.") % CHOICE_LENGTH))
            items.append({"code": code, "label": label, "label_young": row.text("suara_label_young")})
        return lists

    def section(self) -> dict[str, Any]:
        """The section a question joins: the open group, or a section of its own for questions outside groups."""
        if not self.sections or self.sections[-1]["closed"]:
            self.sections.append(
                {
                    "title": {"id": self.title[:TITLE_LENGTH], "en": self.title[:TITLE_LENGTH]},
                    "questions": [],
                    "closed": False,
                    "group": False,
                }
            )
        return self.sections[-1]

    def show_if(self, row: _Row) -> dict[str, Any] | None:
        """The ``relevant`` expression as a skip rule; refuses (returns ``False``) what our rules cannot say."""
        expression = row.get("relevant")
        if not expression:
            return None
        target, values = None, []
        for term in re.split(r"\s+or\s+", expression.strip()):
            match = TERM.match(term)
            if match is None:
                self.problems.append(
                    row.problem(
                        "relevant",
                        _(
                            "hanya syarat “${pertanyaan} = 'kode'” atau “selected(${pertanyaan}, 'kode')” yang "
                            "digabung dengan “or” yang didukung, bukan “%s”."
                        )
                        % expression,
                    )
                )
                return False
            name = match["eq"] or match["sel"]
            value = (match["eqv"] or match["selv"]).strip("'\"‘’“”")
            if target is not None and normalise_code(name) != target:
                self.problems.append(row.problem("relevant", _("syarat hanya boleh bergantung pada satu pertanyaan.")))
                return False
            target = normalise_code(name)
            values.append(normalise_code(value))
        if target in self.refused_names:
            self.problems.append(row.problem("relevant", _("bergantung pada pertanyaan “%s”, yang ditolak.") % target))
            return False
        question = self.questions.get(target)
        if question is None:
            self.problems.append(
                row.problem("relevant", _("“%s” bukan pertanyaan pilihan sebelum baris ini.") % target)
            )
            return False
        codes = {choice["code"] for choice in question["choices"]} or {
            code for code, _label in DEFAULT_SCALES.get(question["type"], [])
        }
        if question["allow_prefer_not_to_say"]:
            codes.add(PREFER_NOT_TO_SAY)
        if question["type"] not in CHOICE_TYPES | SCALE_TYPES | {QuestionType.YES_NO} or not set(values) <= codes:
            self.problems.append(
                row.problem("relevant", _("kode jawaban yang tidak ada pada pertanyaan “%s”.") % target)
            )
            return False
        return {"question": target, "values": values}

    def bounds(self, row: _Row) -> tuple[int | None, int | None] | None:
        expression = row.get("constraint")
        low = high = None
        if not expression:
            return low, high
        for part in re.split(r"\s+and\s+", expression.strip()):
            match = BOUND.match(part)
            if match is None:
                self.problems.append(
                    row.problem(
                        "constraint",
                        _("hanya batas angka seperti “. >= 0 and . <= 20” yang didukung, bukan “%s”.") % expression,
                    )
                )
                return None
            number, op = int(match["number"]), match["op"]
            if op in {">=", ">"}:
                low = number + (op == ">")
            else:
                high = number - (op == "<")
        return low, high

    def refuse(self, row: _Row, column: str, message: str) -> None:
        self.problems.append(row.problem(column, message))
        if name := normalise_code(row.get("name")):
            self.refused_names.add(name)

    def read(self) -> None:
        skipping: list[str] = []
        container = 0
        for row in self.rows("survey"):
            kind = normalise_type(row.get("type"))
            if skipping:
                if kind == skipping[-1]:
                    skipping.pop()
                elif kind in CONTAINERS or kind.startswith("begin loop"):
                    skipping.append(CONTAINERS.get(kind, "end loop"))
                self.refuse(row, "type", _("di dalam grup atau pengulangan baris %d, yang ditolak.") % container)
                continue
            container = row.number
            if not kind:
                if row.get("name") or row.get("label", "id"):
                    self.refuse(row, "type", _("baris tanpa jenis."))
                continue
            if kind in {"begin repeat", "begin loop"} or kind.startswith("begin loop over"):
                self.refuse(row, "type", _("pengulangan (repeat) tidak didukung."))
                skipping.append("end loop" if kind.startswith("begin loop") else "end repeat")
            elif kind == "begin group":
                self.begin_group(row, skipping)
            elif kind == "end group":
                if self.sections and not self.sections[-1]["closed"]:
                    self.sections[-1]["closed"] = True
            elif kind == "note":
                self.note(row)
            else:
                self.question(row, kind)

    def begin_group(self, row: _Row, skipping: list[str]) -> None:
        if self.sections and not self.sections[-1]["closed"] and self.sections[-1]["group"]:
            self.refuse(row, "type", _("grup di dalam grup tidak didukung; susun sebagai bagian terpisah."))
            skipping.append("end group")
            return
        if self.sections and not self.sections[-1]["closed"]:
            self.sections[-1]["closed"] = True
        if columns := row.unsupported_columns(GROUP_COLUMNS):
            for column in columns:
                self.refuse(row, column, _("kolom ini tidak didukung untuk grup."))
            skipping.append("end group")
            return
        show_if = self.show_if(row)
        if show_if is False:
            self.refused_names.add(normalise_code(row.get("name")))
            skipping.append("end group")
            return
        title = row.text("label")
        fallback = row.get("name") or self.title
        title = {language: (text or fallback).strip() for language, text in title.items()}
        if any(len(text) > TITLE_LENGTH for text in title.values()):
            self.refuse(row, "label", _("judul grup lebih dari %d huruf.") % TITLE_LENGTH)
            skipping.append("end group")
            return
        self.sections.append(
            {
                "title": title,
                "title_young": row.text("suara_label_young"),
                "show_if": show_if,
                "questions": [],
                "closed": False,
                "group": True,
            }
        )

    def note(self, row: _Row) -> None:
        if columns := row.unsupported_columns(NOTE_COLUMNS):
            for column in columns:
                self.refuse(row, column, _("kolom ini tidak didukung untuk catatan."))
            return
        section = self.section()
        if section["questions"]:
            self.refuse(row, "type", _("catatan hanya didukung di awal grup, sebagai pengantar bagian."))
            return
        for key, column in (("intro", "label"), ("intro_young", "suara_label_young")):
            for language, text in row.text(column).items():
                intro = section.setdefault(key, {"id": "", "en": ""})
                intro[language] = f"{intro[language]}\n\n{text}".strip() if text else intro[language]

    def question(self, row: _Row, kind: str) -> None:
        base, _space, list_name = kind.partition(" ")
        if base not in QUESTION_TYPES or (base.startswith("select") != bool(list_name)) or " " in list_name:
            self.refuse(row, "type", _("jenis “%s” tidak didukung.") % row.get("type"))
            return
        code = normalise_code(row.get("name"))
        if not code or not re.match(CODE_PATTERN, code):
            self.refuse(row, "name", _("pertanyaan tanpa nama (kode)."))
            return
        if code in self.questions:
            self.refuse(row, "name", _("nama “%s” dipakai lebih dari sekali.") % code)
            return
        if columns := row.unsupported_columns(QUESTION_COLUMNS):
            for column in columns:
                self.refuse(
                    row,
                    column,
                    _("kolom ini tidak didukung (filter pilihan, perhitungan, media, nilai bawaan dan lainnya)."),
                )
            return
        if row.get("constraint") and base not in {"integer", "decimal"}:
            self.refuse(row, "constraint", _("batasan hanya didukung untuk angka."))
            return
        label = row.text("label")
        if not label["id"]:
            self.refuse(row, "label", _("pertanyaan tanpa teks."))
            return
        if any(len(text) > LABEL_LENGTH for text in [*label.values(), *row.text("hint").values()]):
            self.refuse(row, "label", _("teks lebih dari %d huruf.") % LABEL_LENGTH)
            return
        question_type = QUESTION_TYPES[base]
        if declared := row.get("suara_type"):
            if declared not in COMPATIBLE_TYPES[base]:
                self.refuse(
                    row,
                    "suara_type",
                    _("jenis “%(ours)s” tidak cocok dengan “%(xls)s”.")
                    % {
                        "ours": declared,
                        "xls": base,
                    },
                )
                return
            question_type = QuestionType(declared)
        elif base == "text" and "multiline" in row.get("appearance"):
            question_type = QuestionType.LONG_TEXT
        choices: list[dict[str, Any]] = []
        if list_name:
            if list_name not in self.lists:
                self.refuse(row, "type", _("daftar pilihan “%s” tidak ada di lembar choices.") % list_name)
                return
            choices = self.lists[list_name]
            likert = not declared and base == "select_one" and "likert" in row.get("appearance")
            if likert and len(choices) in (4, 5):
                question_type = QuestionType.LIKERT4 if len(choices) == 4 else QuestionType.LIKERT5
            default_codes = [code for code, _label in DEFAULT_SCALES.get(question_type, [])]
            if list_name.startswith(DEFAULT_LIST_PREFIX) and [c["code"] for c in choices] == default_codes:
                choices = []
        bounds = self.bounds(row) if base in {"integer", "decimal"} else (None, None)
        show_if = self.show_if(row)
        problems_before = len(self.problems)
        required = _flag(row, "required", self.problems, False)
        faces_default = question_type in SCALE_TYPES and "likert" in row.get("appearance")
        faces = _flag(row, "suara_faces", self.problems, faces_default)
        prefer_not = _flag(row, "suara_prefer_not_to_say", self.problems, True)
        if bounds is None or show_if is False or len(self.problems) > problems_before:
            self.refused_names.add(code)
            return
        question = {
            "type": str(question_type),
            "code": code,
            "label": label,
            "label_young": row.text("suara_label_young"),
            "help_text": row.text("hint"),
            "help_text_young": row.text("suara_hint_young"),
            "required": required,
            "allow_prefer_not_to_say": prefer_not,
            "faces": faces and question_type in SCALE_TYPES,
            "choices": choices,
            "min_value": bounds[0],
            "max_value": bounds[1],
            "show_if": show_if,
        }
        self.questions[code] = question
        self.section()["questions"].append(question)

    def unsupported_sheets(self) -> None:
        for sheet in ("external_choices", "entities", "osm"):
            if any(self.book.get(sheet) or []):
                self.problems.append(Problem(sheet, None, "", _("lembar ini tidak didukung; isinya tidak diimpor.")))


def _module(reader: _Reader, slug: str) -> BankModule:
    title = reader.title[:255]
    with override("id"):
        introduction = {"id": _("Pengantar survei: tulis untuk apa survei ini, dengan bahasa anak.")}
        assent = {"id": _("Kamu tidak perlu menulis nama. Kamu boleh melewati pertanyaan dan berhenti kapan saja.")}
    with override("en"):
        introduction["en"] = _("Pengantar survei: tulis untuk apa survei ini, dengan bahasa anak.")
        assent["en"] = _("Kamu tidak perlu menulis nama. Kamu boleh melewati pertanyaan dan berhenti kapan saja.")
    sections = [
        {key: value for key, value in section.items() if key not in {"closed", "group"}}
        for section in reader.sections
        if section["questions"] or section.get("intro")
    ]
    return BankModule(
        slug=slug,
        data={
            "slug": slug,
            "audience": "children",
            "name": {"id": title, "en": title},
            "title": {"id": title, "en": title},
            "introduction": introduction,
            "assent_text": assent,
            "sections": sections,
        },
    )


def read_xlsform(content: bytes) -> ReadForm:
    """Read ``content`` (an ``.xlsx`` file) into a module; never touches the database."""
    if len(content) > MAX_BYTES:
        message = _("berkas lebih dari %d MB.") % (MAX_BYTES // (1024 * 1024))
        return ReadForm(None, problems=[Problem("survey", None, "", message)], fatal=True)
    try:
        book = xlsx_to_dict(io.BytesIO(content))
        convert(xlsform=copy.deepcopy(book), validate=False)
    except Exception as error:  # any upload may be broken in ways pyxform and openpyxl fail on differently
        message = _("pyxform tidak dapat membaca berkas ini sebagai XLSForm (.xlsx): %s") % error
        return ReadForm(None, problems=[Problem("survey", None, "", message)], fatal=True)
    reader = _Reader(book)
    reader.unsupported_sheets()
    reader.read()
    version = reader.settings.get("version", "")
    module = _module(reader, slugify(reader.settings.get("form_id") or reader.title)[:60] or "xlsform")
    fatal = []
    if not any(section["questions"] for section in module.data["sections"]):
        fatal.append(Problem("survey", None, "", _("tidak ada satu pun pertanyaan yang bisa diimpor.")))
    else:
        for language in ("id", "en"):
            try:
                stream = SurveyDefinitionBlock().clean(module.page_fields(language)["definition"])
            except ValidationError as error:
                fatal += [Problem("survey", None, "", message) for message in _messages(error)]
                break
            fatal += [
                Problem("survey", None, "", problem) for problem in definition_problems(definition_from_stream(stream))
            ]
    return ReadForm(module, version, reader.problems + fatal, fatal=bool(fatal))


def _messages(error: ValidationError) -> list[str]:
    """The messages of a block's validation error, however deeply the block nested them."""
    found: list[str] = []
    for attribute in ("block_errors", "non_block_errors"):
        nested = getattr(error, attribute, None)
        if isinstance(nested, dict):
            nested = nested.values()
        for item in nested or []:
            if isinstance(item, ValidationError):
                found += _messages(item)
            elif isinstance(item, dict | list):
                for inner in item.values() if isinstance(item, dict) else item:
                    found += _messages(inner) if isinstance(inner, ValidationError) else [str(inner)]
    return found or [" ".join(str(message) for message in error.messages)]


@transaction.atomic
def import_xlsform(content: bytes, parent, *, user=None, strict: bool = True):
    """A draft survey (with its English translation) under ``parent`` from an XLSForm, and what was read.

    Raises ``XLSFormRefused`` when the form cannot be imported, or when ``strict`` and any row was refused; without
    ``strict`` the refused rows are left out and the rest is imported. Either way nothing is created half.
    """
    from surveys.services import create_survey_from_bank, unique_slug

    form = read_xlsform(content)
    if form.fatal or (strict and form.problems):
        raise XLSFormRefused(form.problems)
    page = create_survey_from_bank(form.module, parent, user=user, slug=unique_slug(parent, form.module.slug))
    log(
        instance=page,
        action=AuditAction.XLSFORM_IMPORT,
        user=user,
        data={"version": form.version, "refused_rows": len(form.problems)},
    )
    return page, form
