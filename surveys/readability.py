"""The readability check a facilitator sees before publishing a survey: will an 8-year-old read this?

It reads the texts a younger child is shown (the survey page's title, introduction and assent text, and
``Definition.younger``: the simpler version where one was written, else the usual one) and flags sentences longer than :data:`MAX_SENTENCE_WORDS` words, words longer than
:data:`MAX_WORD_LETTERS` letters, and words that are not in the word list for children's Indonesian
(``surveys/data/kata_anak.txt``) even after taking off the common affixes. Warnings only: nothing here stops a
draft from being saved or a page from being published. Numbers, abbreviations in capitals (HP, SAPA) and names
written with a capital inside a sentence are not judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from surveys.definition import Definition

if TYPE_CHECKING:
    from surveys.models import SurveyPage

MAX_SENTENCE_WORDS = 12
MAX_WORD_LETTERS = 10
WORD_LIST = Path(__file__).resolve().parent / "data" / "kata_anak.txt"

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)*")
# Clitics and suffixes, then prefixes, taken off (longest first) to find a listed base word: "sekolahmu" -> "sekolah".
SUFFIXES = ("nya", "lah", "kah", "kan", "mu", "ku", "an", "i")
PREFIXES = ("memper", "diper", "mem", "men", "meng", "meny", "ber", "ter", "per", "me", "di", "ke", "se")


@cache
def word_list() -> frozenset[str]:
    """The words children are taken to know, one a line, lower case; lines starting with # are comments."""
    lines = WORD_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def is_known(word: str) -> bool:
    """Whether ``word`` (lower case) is in the list as it is, as a reduplication ("kadang-kadang"), or once a suffix
    and a prefix are taken off."""
    known = word_list()
    if word in known:
        return True
    if "-" in word:
        return all(is_known(part) for part in word.split("-") if part)
    bases = {word} | {word[: -len(s)] for s in SUFFIXES if word.endswith(s) and len(word) - len(s) >= 3}
    for base in list(bases):
        bases |= {base[len(p) :] for p in PREFIXES if base.startswith(p) and len(base) - len(p) >= 3}
    return bool(bases & known)


def is_judged(word: str, first_in_sentence: bool) -> bool:
    """Abbreviations (HP), names inside a sentence (Balikpapan) are not judged; words of one letter neither."""
    if len(word) < 2 or word.isupper():
        return False
    return first_in_sentence or not word[0].isupper()


@dataclass(frozen=True)
class ReadabilityWarning:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def text_warnings(text: str) -> list[str]:
    """What may be hard to read in ``text``, in Indonesian; none for a text a young child reads easily."""
    problems: list[str] = []
    long_words: list[str] = []
    rare_words: list[str] = []
    for sentence in SENTENCE_END.split(text.strip()):
        words = WORD.findall(sentence)
        if len(words) > MAX_SENTENCE_WORDS:
            problems.append(
                _("kalimat %(count)s kata (paling banyak %(max)s): “%(start)s…”")
                % {"count": len(words), "max": MAX_SENTENCE_WORDS, "start": " ".join(words[:5])}
            )
        for position, word in enumerate(words):
            if not is_judged(word, position == 0):
                continue
            lower = word.lower()
            if max(len(part) for part in lower.split("-")) > MAX_WORD_LETTERS:
                long_words.append(word)
            elif not is_known(lower):
                rare_words.append(word)
    if long_words:
        problems.append(
            _("kata panjang (lebih dari %(max)s huruf): %(words)s")
            % {"max": MAX_WORD_LETTERS, "words": ", ".join(dict.fromkeys(long_words))}
        )
    if rare_words:
        problems.append(
            _("kata yang mungkin belum dikenal anak: %(words)s") % {"words": ", ".join(dict.fromkeys(rare_words))}
        )
    return problems


def definition_warnings(definition: Definition) -> list[ReadabilityWarning]:
    """Every warning for the texts a younger child reads in ``definition``, each naming where it is."""
    found: list[ReadabilityWarning] = []

    def check(where: str, text: str) -> None:
        found.extend(ReadabilityWarning(where, message) for message in text_warnings(text or ""))

    for number, section in enumerate(definition.younger().sections, start=1):
        section_name = _("Bagian %(number)s") % {"number": number}
        check(_("%(section)s, judul") % {"section": section_name}, section.title)
        check(_("%(section)s, pengantar") % {"section": section_name}, section.intro)
        for question in section.questions:
            check(question.code, question.label)
            check(_("%(code)s, teks bantuan") % {"code": question.code}, question.help_text)
            for choice in question.choices:
                check(
                    _("%(code)s, pilihan “%(choice)s”") % {"code": question.code, "choice": choice.code}, choice.label
                )
    return found


def page_warnings(page: SurveyPage) -> list[ReadabilityWarning]:
    """Every warning for the survey page's own texts (title, introduction, assent) as a younger child reads them,
    each naming the field read: the younger version where one was written, else the usual one."""
    found: list[ReadabilityWarning] = []
    for usual, young in page.younger_text_fields():
        name = young if getattr(page, young) else usual
        where = capfirst(page._meta.get_field(name).verbose_name)
        found.extend(ReadabilityWarning(where, message) for message in text_warnings(getattr(page, name) or ""))
    return found


def survey_warnings(page: SurveyPage) -> list[ReadabilityWarning]:
    """Every readability warning of a survey: its page texts first, then its sections and questions."""
    return page_warnings(page) + definition_warnings(page.get_definition())
