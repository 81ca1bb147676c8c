"""A survey's definition as plain data: sections, questions, choices and skip logic, keyed by stable codes.

The StreamField a facilitator edits and the JSON frozen in a ``SurveyVersion`` both become a ``Definition``, so
answering, validation and later summaries read one shape whatever its source. Nothing here touches the database
or the request.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

PREFER_NOT_TO_SAY = "prefer_not_to_say"


class QuestionType(models.TextChoices):
    SINGLE = "single", _("Pilihan tunggal")
    MULTIPLE = "multiple", _("Pilihan ganda (boleh lebih dari satu)")
    LIKERT4 = "likert4", _("Skala 4 titik")
    LIKERT5 = "likert5", _("Skala 5 titik")
    YES_NO = "yes_no", _("Ya / tidak")
    NUMBER = "number", _("Angka")
    SHORT_TEXT = "short_text", _("Teks pendek")
    LONG_TEXT = "long_text", _("Teks panjang")


CHOICE_TYPES = {QuestionType.SINGLE, QuestionType.MULTIPLE}
SCALE_TYPES = {QuestionType.LIKERT4, QuestionType.LIKERT5}
TEXT_TYPES = {QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT}

DEFAULT_SCALES = {
    QuestionType.LIKERT4: [
        ("1", _("Sangat tidak setuju")),
        ("2", _("Tidak setuju")),
        ("3", _("Setuju")),
        ("4", _("Sangat setuju")),
    ],
    QuestionType.LIKERT5: [
        ("1", _("Sangat tidak setuju")),
        ("2", _("Tidak setuju")),
        ("3", _("Ragu-ragu")),
        ("4", _("Setuju")),
        ("5", _("Sangat setuju")),
    ],
    QuestionType.YES_NO: [("yes", _("Ya")), ("no", _("Tidak"))],
}
#: The simpler words a younger child reads for the default scales, by position (see ``Definition.younger``).
YOUNGER_SCALES = {
    QuestionType.LIKERT4: [_("Tidak setuju sekali"), _("Tidak setuju"), _("Setuju"), _("Setuju sekali")],
    QuestionType.LIKERT5: [
        _("Tidak setuju sekali"),
        _("Tidak setuju"),
        _("Tidak tahu"),
        _("Setuju"),
        _("Setuju sekali"),
    ],
}
#: Faces from the worst answer to the best, shown beside the words of a scale (never instead of them).
FACE_PALETTE = ("😟", "🙁", "😐", "🙂", "😀")
#: Which faces a scale of n points shows: the four-point scale has no middle face, the others spread evenly.
FACES_BY_POINTS = {2: (0, 4), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}


def in_younger_words(usual: str, young: str) -> str:
    """The one rule for every text a younger child reads: the simpler version where one was written, else the usual
    one. Questions, choices, sections and the survey page's own texts all choose through it."""
    return young or usual


@dataclass(frozen=True)
class PageTexts:
    """The texts of a survey page a child reads around the questions: its title (on every screen), its introduction
    and its assent text (on the first screen)."""

    title: str
    introduction: str
    assent_text: str


def faces_for(points: int) -> tuple[str, ...]:
    """The faces of a scale with ``points`` choices, worst first; none for a scale faces cannot fit."""
    return tuple(FACE_PALETTE[i] for i in FACES_BY_POINTS.get(points, ()))


@dataclass(frozen=True)
class Choice:
    """One answer a child can pick. ``label_young`` is its simpler wording for younger children (empty: the same);
    ``face`` is the face shown beside the words on a face scale, never stored and never part of the label."""

    code: str
    label: str
    label_young: str = ""
    face: str = ""


@dataclass(frozen=True)
class ShowIf:
    """Show a question or section only when the earlier question ``question`` was answered with one of ``values``."""

    question: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    code: str
    type: str
    label: str
    help_text: str = ""
    required: bool = False
    allow_prefer_not_to_say: bool = False
    faces: bool = False
    choices: tuple[Choice, ...] = ()
    min_value: int | None = None
    max_value: int | None = None
    show_if: ShowIf | None = None
    recording_url: str = ""
    label_young: str = ""
    help_text_young: str = ""

    @property
    def is_scale(self) -> bool:
        """A Likert-type question, which may be shown as faces."""
        return self.type in SCALE_TYPES

    @property
    def is_choice(self) -> bool:
        return self.type in CHOICE_TYPES or self.type in SCALE_TYPES or self.type == QuestionType.YES_NO

    @property
    def is_multiple(self) -> bool:
        return self.type == QuestionType.MULTIPLE

    @property
    def is_number(self) -> bool:
        return self.type == QuestionType.NUMBER

    @property
    def is_text(self) -> bool:
        return self.type in TEXT_TYPES

    def answer_choices(self) -> list[Choice]:
        """The choices a child sees, in order: the facilitator's own, else the type's default scale, then 'prefer not'."""
        choices = list(self.choices)
        if not choices and self.type in DEFAULT_SCALES:
            choices = [Choice(code, str(label)) for code, label in DEFAULT_SCALES[self.type]]
        if self.faces and self.is_scale:
            choices = [
                replace(choice, face=face) for choice, face in zip(choices, faces_for(len(choices)), strict=False)
            ]
        if self.allow_prefer_not_to_say and self.is_choice:
            choices.append(Choice(PREFER_NOT_TO_SAY, str(_("Saya tidak ingin menjawab"))))
        return choices

    def choice_codes(self) -> set[str]:
        """The codes of ``answer_choices``, without translating their labels."""
        codes = {choice.code for choice in self.choices} or {code for code, _label in DEFAULT_SCALES.get(self.type, [])}
        return codes | {PREFER_NOT_TO_SAY} if self.allow_prefer_not_to_say and self.is_choice else codes

    def accepts(self, answer: Any) -> bool:
        """Whether ``answer`` (as kept in a draft) may be stored for this shown question, as its form would judge it:
        given when required, one of its choices ("prefer not to say" alone), a number within its range."""
        values = answer_values(answer)
        if not values:
            return not self.required
        if self.is_choice:
            return values <= self.choice_codes() and (PREFER_NOT_TO_SAY not in values or len(values) == 1)
        if self.is_number:
            try:
                number = int(answer)
            except (TypeError, ValueError):
                return False
            return (self.min_value is None or self.min_value <= number) and (
                self.max_value is None or number <= self.max_value
            )
        return True

    def younger(self) -> Question:
        """This question in its simpler words for younger children, wherever a simpler version was written, and a
        Likert question as faces; codes, types and rules stay the same, so answers are stored and counted alike."""
        choices = self.choices
        if not choices and self.type in YOUNGER_SCALES:
            choices = tuple(
                Choice(code, str(young))
                for (code, _label), young in zip(DEFAULT_SCALES[self.type], YOUNGER_SCALES[self.type], strict=True)
            )
        return replace(
            self,
            label=in_younger_words(self.label, self.label_young),
            help_text=in_younger_words(self.help_text, self.help_text_young),
            choices=tuple(
                replace(choice, label=in_younger_words(choice.label, choice.label_young)) for choice in choices
            ),
            faces=self.faces or self.is_scale,
        )


@dataclass(frozen=True)
class Section:
    title: str
    intro: str = ""
    show_if: ShowIf | None = None
    questions: tuple[Question, ...] = ()
    title_young: str = ""
    intro_young: str = ""

    def younger(self) -> Section:
        """This section in its simpler words for younger children (see ``Question.younger``)."""
        return replace(
            self,
            title=in_younger_words(self.title, self.title_young),
            intro=in_younger_words(self.intro, self.intro_young),
            questions=tuple(question.younger() for question in self.questions),
        )


def answer_values(answer: Any) -> set[str]:
    """An answer as the set of codes or values that skip logic compares against."""
    if answer is None or answer == "":
        return set()
    if isinstance(answer, list | tuple | set):
        return {str(value) for value in answer}
    return {str(answer)}


@dataclass(frozen=True)
class Definition:
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @classmethod
    def from_json(cls, data: Iterable[Mapping[str, Any]]) -> Definition:
        return cls(tuple(_section_from_json(section) for section in data))

    def to_json(self) -> list[dict[str, Any]]:
        return [_drop_empty(asdict(section)) for section in self.sections]

    def younger(self) -> Definition:
        """The texts a younger child reads (age 9 or under, or a primary-school class code): every simpler version a
        facilitator wrote instead of the usual one. Same codes and rules, so it checks and stores answers alike."""
        return Definition(tuple(section.younger() for section in self.sections))

    def questions(self) -> list[Question]:
        return [question for section in self.sections for question in section.questions]

    def question(self, code: str) -> Question | None:
        return next((question for question in self.questions() if question.code == code), None)

    def is_shown(self, rule: ShowIf | None, answers: Mapping[str, Any]) -> bool:
        """Whether a rule holds for ``answers``; a rule on a question that is itself hidden never holds."""
        if rule is None:
            return True
        target = self.question(rule.question)
        if target is None or not self.is_question_shown(target, answers):
            return False
        return bool(answer_values(answers.get(rule.question)) & set(rule.values))

    def is_question_shown(self, question: Question, answers: Mapping[str, Any]) -> bool:
        section = next(s for s in self.sections if question in s.questions)
        return self.is_shown(section.show_if, answers) and self.is_shown(question.show_if, answers)

    def shown_sections(self, answers: Mapping[str, Any]) -> list[int]:
        return [index for index, section in enumerate(self.sections) if self.is_shown(section.show_if, answers)]

    def first_incomplete_section(self, answers: Mapping[str, Any]) -> int | None:
        """The first section shown for ``answers`` whose answers could not be sent, or ``None`` when all can.

        Checked on the whole draft at the final submit, whichever section was posted last: each section's form only
        checks its own questions, and a child may post the last screen without passing the earlier ones. A section
        cannot be sent when a shown required question has no answer, or when an answer is not one the question
        takes (a choice it no longer offers, a number out of its range: the questions changed meanwhile).
        """
        for index in self.shown_sections(answers):
            for question in self.sections[index].questions:
                if self.is_shown(question.show_if, answers) and not question.accepts(answers.get(question.code)):
                    return index
        return None

    def follow_up_level(self, section: Section, question: Question) -> int:
        """0 for a question asked on its section's first screen; 1 for a follow-up, whose rule refers to a question
        of the same section (it comes on a screen after the answer that calls for it), 2 for a follow-up's own..."""
        in_section = {q.code: q for q in section.questions}
        level = 0
        while question.show_if and question.show_if.question in in_section and level < len(in_section):
            question, level = in_section[question.show_if.question], level + 1
        return level

    def may_show(self, rule: ShowIf | None, answers: Mapping[str, Any]) -> bool:
        """Whether a rule holds for ``answers`` or is still undecided: its question not answered yet (a screen
        posted stores every question on it, blank ones included) and itself possibly shown."""
        if rule is None:
            return True
        target = self.question(rule.question)
        if target is None:
            return False
        if rule.question in answers:
            return self.is_shown(rule, answers)
        section = next(s for s in self.sections if target in s.questions)
        return self.may_show(section.show_if, answers) and self.may_show(target.show_if, answers)

    def progress(self, answers: Mapping[str, Any], screen: tuple[int, int] | None) -> tuple[int, int]:
        """The child's place as "step X of Y", where a step is a screen after the assent: "about you" (``screen``
        ``None``), then each section's first screen ``(index, 0)`` and one screen per level of its follow-ups
        ``(index, level)``. Y counts the steps shown for ``answers`` plus every step not decided yet; X is one
        more than the counted steps before ``screen``. Answering only ever decides a step (shown or not), so going
        forward Y never grows, X never goes back, and on the last screen X == Y."""
        steps = []
        for index, section in enumerate(self.sections):
            if not self.may_show(section.show_if, answers):
                continue
            levels = {self.follow_up_level(section, q) for q in section.questions if self.may_show(q.show_if, answers)}
            steps += [(index, level) for level in sorted(levels | {0})]
        before = len([step for step in steps if screen is not None and step < screen])
        return before + (2 if screen is not None else 1), len(steps) + 1

    def shown_answers(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        """Only the answers to questions that the other answers keep visible: hidden questions are never stored."""
        return {
            question.code: answers[question.code]
            for question in self.questions()
            if question.code in answers and self.is_question_shown(question, answers)
        }


def _show_if_from_json(data: Mapping[str, Any] | None) -> ShowIf | None:
    if not data or not data.get("question"):
        return None
    return ShowIf(question=data["question"], values=tuple(str(value) for value in data.get("values") or ()))


def _question_from_json(data: Mapping[str, Any]) -> Question:
    return Question(
        code=data["code"],
        type=data["type"],
        label=data.get("label", ""),
        help_text=data.get("help_text", ""),
        required=bool(data.get("required")),
        allow_prefer_not_to_say=bool(data.get("allow_prefer_not_to_say")),
        faces=bool(data.get("faces")),
        choices=tuple(
            Choice(choice["code"], choice.get("label", ""), choice.get("label_young", ""))
            for choice in data.get("choices") or ()
        ),
        min_value=data.get("min_value"),
        max_value=data.get("max_value"),
        show_if=_show_if_from_json(data.get("show_if")),
        recording_url=data.get("recording_url", ""),
        label_young=data.get("label_young", ""),
        help_text_young=data.get("help_text_young", ""),
    )


def _section_from_json(data: Mapping[str, Any]) -> Section:
    return Section(
        title=data.get("title", ""),
        intro=data.get("intro", ""),
        show_if=_show_if_from_json(data.get("show_if")),
        questions=tuple(_question_from_json(question) for question in data.get("questions") or ()),
        title_young=data.get("title_young", ""),
        intro_young=data.get("intro_young", ""),
    )


def _is_empty(value: Any) -> bool:
    return value is None or value is False or (isinstance(value, str | list | tuple) and len(value) == 0)


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _drop_empty(item) for key, item in value.items() if not _is_empty(item)}
    if isinstance(value, list | tuple):
        return [_drop_empty(item) for item in value]
    return value
