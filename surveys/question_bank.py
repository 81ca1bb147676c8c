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

from surveys.blocks import definition_value
from surveys.models import SurveyPage

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
            **{young: self.data.get(young, {}).get(language, "") for _usual, young in SurveyPage.younger_text_fields()},
            "definition": definition_value(self.stream_data(language)),
        }

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
