"""The question bank shipped with the project: ready-made modules in Indonesian and English (``surveys/bank/``).

A module is data, not code, so a city can add its own JSON file. Codes are the same in both languages; only
texts differ, so a survey started from a module and its English translation answer into the same codes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from surveys.blocks import definition_from_stream, definition_value
from surveys.definition import PREFER_NOT_TO_SAY, Definition, Question

BANK_DIR = Path(__file__).resolve().parent / "bank"


@dataclass(frozen=True)
class BankModule:
    slug: str
    data: dict[str, Any]

    @property
    def audience(self) -> str:
        return self.data["audience"]

    def text(self, key: str, language: str) -> str:
        return self.data[key][language]

    def name(self, language: str) -> str:
        return self.text("name", language)

    def page_fields(self, language: str) -> dict[str, Any]:
        """Field values for a ``SurveyPage`` in ``language``, the definition as raw StreamField data."""
        return {
            "title": self.text("title", language),
            "audience": self.audience,
            "introduction": self.text("introduction", language),
            "assent_text": self.text("assent_text", language),
            **{key: text[language] for key, text in self.data.items() if key.endswith("_young")},
            "definition": definition_value(self.stream_data(language)),
        }

    def definition(self) -> Definition:
        """The module's questions as a survey reads them (Indonesian; codes are the same in English)."""
        return definition_from_stream(definition_value(self.stream_data("id")))

    def stream_data(self, language: str) -> list[dict[str, Any]]:
        scales = self.data.get("scales", {})

        def young(item: dict[str, Any], key: str) -> str:
            """The simpler version of ``key`` for younger children, when the bank has one."""
            return item.get(f"{key}_young", {}).get(language, "")

        def choices(question: dict[str, Any]) -> list[dict[str, str]]:
            items = question.get("choices") or scales.get(question.get("scale"), [])
            return [
                {"code": item["code"], "label": item["label"][language], "label_young": young(item, "label")}
                for item in items
            ]

        def show_if(item: dict[str, Any]) -> dict[str, str]:
            rule = item.get("show_if") or {}
            return {"question": rule.get("question", ""), "values": ", ".join(rule.get("values", []))}

        return [
            {
                "type": "section",
                "value": {
                    "title": section["title"][language],
                    "title_young": young(section, "title"),
                    "intro": section.get("intro", {}).get(language, ""),
                    "intro_young": young(section, "intro"),
                    "show_if": show_if(section),
                    "questions": [
                        {
                            "type": question["type"],
                            "code": question["code"],
                            "label": question["label"][language],
                            "label_young": young(question, "label"),
                            "help_text": question.get("help_text", {}).get(language, ""),
                            "help_text_young": young(question, "help_text"),
                            "required": question.get("required", False),
                            "allow_prefer_not_to_say": question.get("allow_prefer_not_to_say", True),
                            "faces": question.get("faces", False),
                            "choices": choices(question),
                            "min_value": question.get("min_value"),
                            "max_value": question.get("max_value"),
                            "show_if": show_if(question),
                        }
                        for question in section["questions"]
                    ],
                },
            }
            for section in self.data["sections"]
        ]


@cache
def modules() -> dict[str, BankModule]:
    found = {}
    for path in sorted(BANK_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found[data["slug"]] = BankModule(slug=data["slug"], data=data)
    return found


def get_module(slug: str) -> BankModule | None:
    return modules().get(slug)


@dataclass(frozen=True)
class BankMeaning:
    """What a bank code means wherever it is used: the module that defines it, its type and its answer codes."""

    module: str
    type: str
    answer_codes: frozenset[str]

    @classmethod
    def of(cls, module: str, question: Question) -> BankMeaning:
        codes = question.choice_codes() - {PREFER_NOT_TO_SAY} if question.is_choice else set()
        return cls(module=module, type=question.type, answer_codes=frozenset(codes))


@cache
def bank_meanings() -> dict[str, BankMeaning]:
    """Every question code of every module, with what it means: the codes figures compare by across surveys."""
    meanings: dict[str, BankMeaning] = {}
    for slug, module in modules().items():
        for question in module.definition().questions():
            meanings.setdefault(question.code, BankMeaning.of(slug, question))
    return meanings


def bank_problems(definition: Definition, module_slug: str) -> list[str]:
    """Where a survey started from the bank module ``module_slug`` breaks it, in the reader's language, naming codes.

    It keeps every question of its module, each with the bank's type and answer codes, so its figures compare with
    every other survey of the module; wording may change (a city's phrasing, a younger version). A city adds
    questions of its own under codes the bank does not use with another meaning, or their figures would be added
    to a bank question's.
    """
    language = "en" if get_language().startswith("en") else "id"
    problems = []
    meanings = bank_meanings()
    for question in definition.questions():
        meaning = meanings.get(question.code)
        if meaning is None or BankMeaning.of(meaning.module, question) == meaning:
            continue
        problems.append(
            _(
                "Kode “%(code)s” milik bank pertanyaan (modul %(module)s): pakai jenis dan kode jawaban yang sama "
                "dengan bank, atau beri pertanyaan ini kode lain."
            )
            % {"code": question.code, "module": modules()[meaning.module].name(language)}
        )
    module = get_module(module_slug)
    if module is not None:
        present = {question.code for question in definition.questions()}
        missing = [question.code for question in module.definition().questions() if question.code not in present]
        if missing:
            problems.append(
                _("Survei ini memakai modul %(module)s; pertanyaan modul tidak boleh dihapus: %(codes)s.")
                % {
                    "module": module.name(language),
                    "codes": ", ".join(missing),
                }
            )
    return problems
