"""Writes that touch several rows: freezing a survey version, storing a child's submission exactly once (with its
class code's use and the safeguarding screen in the same transaction), class codes and the school questionnaire."""

from __future__ import annotations

import datetime
import functools
import re
import secrets
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from cms import chrome
from cms.models import Region, School
from forum.models import ConsultationAnswer, ConsultationPage, HeardAnswer
from surveys.definition import PREFER_NOT_TO_SAY, Definition
from surveys.fast_insert import insert_once
from surveys.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    CODE_LOOK_ALIKES,
    Answer,
    ClassCode,
    HeardClassCode,
    Response,
    SafeguardingFlag,
    SafeguardingWord,
    SchoolSubmission,
    SurveyIndexPage,
    SurveyPage,
    SurveyVersion,
)
from surveys.question_bank import BankModule


@transaction.atomic
def record_version(page: SurveyPage) -> SurveyVersion:
    """The survey's current version, frozen anew only when the live definition differs from the latest one."""
    survey = SurveyPage.objects.select_for_update().get(pk=page.survey.pk)
    forget_current_versions(survey)
    definition = survey.get_definition().to_json()
    latest = SurveyVersion.objects.latest_for(survey)
    if latest is not None and latest.definition == definition:
        return latest
    return SurveyVersion.objects.create(
        survey=survey, number=(latest.number + 1) if latest else 1, definition=definition
    )


def current_version(page: SurveyPage) -> SurveyVersion:
    """The version answers go to now; reads without locking unless the live definition has no version yet."""
    survey = page.survey
    latest = SurveyVersion.objects.latest_for(survey)
    if latest is not None and latest.definition == survey.get_definition().to_json():
        return latest
    return record_version(page)


def version_cache_key(page_pk: int) -> str:
    return f"surveys:current-version:{page_pk}"


def forget_current_versions(survey: SurveyPage) -> None:
    """Drop the cached current version of the survey and of all its translations (a version may have changed).

    Also done on commit: a request that read the old version just before this transaction committed must not
    keep it cached.
    """
    keys = [
        version_cache_key(pk)
        for pk in SurveyPage.objects.filter(translation_key=survey.translation_key).values_list("pk", flat=True)
    ]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
    chrome.forget()  # frozen pages (``SurveyPage.freeze``) keep their version ids until the next generation


def current_version_ids(page: SurveyPage) -> tuple[int, int]:
    """``(survey id, version id)`` that an answer to ``page`` goes to, from the cache when ``page`` is unchanged.

    The cache entry is keyed by the page and holds the digest of the page's live definition: an edited page misses
    it, and ``record_version`` (run on every publication of the source page) drops it for every translation. While
    the cache is unreachable this falls back to ``current_version``. A frozen page keeps them (for the current
    ``cms.chrome`` generation, which ``forget_current_versions`` ends).
    """
    frozen = page.frozen_memo()
    if frozen is not None and "version_ids" in frozen:
        return frozen["version_ids"]
    digest = page.definition_digest()
    key = version_cache_key(page.pk)
    cached = cache.get(key)
    if cached is not None and cached[0] == digest:
        if frozen is not None:
            frozen["version_ids"] = (cached[1], cached[2])
        return cached[1], cached[2]
    version = current_version(page)
    cache.set(key, (digest, version.survey_id, version.pk), timeout=24 * 60 * 60)
    if frozen is not None:
        frozen["version_ids"] = (version.survey_id, version.pk)
    return version.survey_id, version.pk


def record_version_on_publish(sender, instance: SurveyPage, **kwargs) -> None:
    """``page_published`` receiver: a new version when the source-language page is published with new questions."""
    if instance.survey.pk == instance.pk:
        record_version(instance)


def answer_rows(definition: Definition, answers: Mapping[str, Any]) -> list[Answer]:
    """Answers as rows: one per chosen code, a number or a text; hidden and empty answers make none."""
    rows = []
    for code, value in definition.shown_answers(answers).items():
        question = definition.question(code)
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if item in (None, ""):
                continue
            if item == PREFER_NOT_TO_SAY or question.is_choice:
                rows.append(Answer(question_code=code, choice_code=str(item)))
            elif question.is_number:
                rows.append(Answer(question_code=code, number_value=int(item)))
            else:
                rows.append(Answer(question_code=code, text_value=str(item)))
    return rows


class CodeRefused(Exception):
    """A class code that cannot be used; ``message`` says why, in words a child understands."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


CODE_UNKNOWN = _("Kode ini tidak dikenal. Periksa lagi huruf dan angkanya, lalu coba lagi.")
CODE_EXPIRED = _("Kode ini sudah tidak berlaku. Minta kode baru kepada gurumu.")
CODE_USED_UP = _("Kode ini sudah dipakai sebanyak batasnya. Minta kode baru kepada gurumu.")


LOOK_ALIKE_READING = str.maketrans({other: group[0] for group in CODE_LOOK_ALIKES for other in group[1:]})


def normalise_code(raw: str) -> str:
    """A typed class code as it is stored: in capitals, without spaces, hyphens or dots, phone keyboards' wide
    characters made plain (NFKC), and each look-alike read as its group's first member (``CODE_LOOK_ALIKES``)."""
    plain = unicodedata.normalize("NFKC", raw or "").upper()
    return re.sub(r"[\s\-.·_]", "", plain).translate(LOOK_ALIKE_READING)


def check_code(page: SurveyPage, raw: str) -> ClassCode:
    """The class code typed for ``page``, or :class:`CodeRefused` saying whether it is unknown, expired or used up."""
    code = (
        ClassCode.objects.filter(code=normalise_code(raw), survey=page.survey)
        .select_related("school__kelurahan")
        .first()
    )
    if code is None:
        raise CodeRefused(CODE_UNKNOWN)
    if code.is_expired:
        raise CodeRefused(CODE_EXPIRED)
    if code.is_used_up:
        raise CodeRefused(CODE_USED_UP)
    return code


def consume_code(code: ClassCode) -> None:
    """Count one use, or refuse when none is left: a conditional UPDATE, so concurrent children never overrun it."""
    used = ClassCode.objects.filter(pk=code.pk, uses__lt=F("max_uses"), expires_at__gt=timezone.now()).update(
        uses=F("uses") + 1
    )
    if not used:
        raise CodeRefused(CODE_USED_UP)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def generate_codes(
    page: SurveyPage,
    school: School,
    *,
    count: int,
    max_uses: int,
    expires_at: datetime.datetime,
    user=None,
) -> list[ClassCode]:
    """``count`` new codes for one school's classes; a rare collision with an existing code draws again."""
    return draw_codes(
        ClassCode,
        count,
        survey=page.survey,
        school=school,
        school_level=school.level,
        max_uses=max_uses,
        expires_at=expires_at,
        created_by=user,
    )


def draw_codes(model: type[ClassCode] | type[HeardClassCode], count: int, **fields) -> list:
    """``count`` new rows of ``model``, each with a code drawn at random that no class code of any kind has yet."""
    made = []
    while len(made) < count:
        code = new_code()
        if is_code_taken(code):
            continue
        try:
            with transaction.atomic():
                made.append(model.objects.create(code=code, **fields))
        except IntegrityError:
            continue
    return made


@functools.lru_cache(maxsize=4096)
def word_pattern(word: str) -> re.Pattern:
    """A word matches where a word starts, so ``pukul`` also finds ``pukulan``; spaces match any whitespace."""
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(part) for part in word.split()), re.IGNORECASE)


SAFEGUARDING_WORDS_KEY = "surveys:safeguarding-words"


def safeguarding_words() -> list[str]:
    """The word list, cached until a word is saved or deleted (``forget_safeguarding_words``, wired in apps.py)."""
    words = cache.get(SAFEGUARDING_WORDS_KEY)
    if words is None:
        words = list(SafeguardingWord.objects.values_list("word", flat=True))
        cache.set(SAFEGUARDING_WORDS_KEY, words, timeout=60 * 60)
    return words


def forget_safeguarding_words(sender=None, **kwargs) -> None:
    cache.delete(SAFEGUARDING_WORDS_KEY)
    transaction.on_commit(lambda: cache.delete(SAFEGUARDING_WORDS_KEY))


def safeguarding_matches(rows: list[Answer]) -> list[tuple[Answer, list[str]]]:
    """The free-text answers that contain a word of the safeguarding list, with the words they contain."""
    texts = [row for row in rows if row.text_value]
    if not texts:
        return []
    patterns = [(word, word_pattern(word)) for word in safeguarding_words()]
    matches = []
    for row in texts:
        matched = sorted({word for word, pattern in patterns if pattern.search(row.text_value)})
        if matched:
            matches.append((row, matched))
    return matches


def flag_answers(matches: list[tuple[Answer, list[str]]]) -> list[SafeguardingFlag]:
    """Flag the (stored) matched answers for a trained person to read."""
    if not matches:
        return []
    return SafeguardingFlag.objects.bulk_create(
        SafeguardingFlag(answer=row, matched_words=matched) for row, matched in matches
    )


def submit_response(
    page: SurveyPage,
    *,
    token: uuid.UUID,
    answers: Mapping[str, Any],
    age_band: str = "",
    sex: str = "",
    school_level: str = "",
    kecamatan: Region | int | None = None,
    school: School | None = None,
    class_code: ClassCode | None = None,
    submitted_on: datetime.date | None = None,
    version: SurveyVersion | None = None,
) -> tuple[Response, bool]:
    """Store one response with all its answers, or nothing; a token seen before returns the stored response.

    Returns ``(response, created)``. The unique token makes a double tap, a refresh or a retry count once: the
    insert of a token seen before fails on the unique constraint and the stored response is returned instead (no
    pre-check, so the usual case costs no extra query). A ``class_code`` gives the school and level and spends one
    of its uses in the same transaction; when none is left nothing is stored and :class:`CodeRefused` is raised.
    Free text is screened before the transaction commits. Children's surveys only: a school questionnaire is
    answered for a school with :func:`save_school_answers`. With a ``version`` the answers are stored against that
    version, not the current one: answers that waited on a device while the survey changed (``surveys.offline``).
    """
    if not page.is_for_children:
        raise ValueError(f"{page} is not a children's survey: its answers are saved with save_school_answers().")
    if version is not None:
        survey_id, version_id, definition = version.survey_id, version.pk, version.get_definition()
    else:
        survey_id, version_id = current_version_ids(page)
        definition = page.get_definition()
    rows = answer_rows(definition, answers)
    school_id = school.pk if school is not None else None
    if class_code is not None:  # its school and level (ids only: it may be built from a draft, unsaved)
        school_id, school_level = class_code.school_id, class_code.school_level
    response = Response(
        survey_id=survey_id,
        version_id=version_id,
        school_id=school_id,
        school_level=school_level or "",
        kecamatan_id=kecamatan.pk if isinstance(kecamatan, Region) else kecamatan,
        age_band=age_band or "",
        sex=sex or "",
        submitted_on=submitted_on or timezone.localdate(),
        submission_token=token,
    )
    matches = safeguarding_matches(rows)  # free text is screened before any row is locked
    try:
        # No savepoint: nothing in here is caught and continued from, so any error rolls back the caller's whole
        # transaction (the child's submission with its session), and the usual case is one statement.
        with transaction.atomic(savepoint=False):
            inserted, spent = insert_once(response, rows, spend=class_code)
            if not inserted:
                return Response.objects.get(submission_token=token), False
            if not spent:
                raise CodeRefused(CODE_USED_UP)
            if class_code is not None and connection.vendor != "postgresql":
                consume_code(class_code)
            flag_answers(matches)
    except IntegrityError:
        # A version or a region deleted meanwhile (foreign keys are checked when the transaction commits).
        cache.delete(version_cache_key(page.pk))
        chrome.forget()
        raise
    return response, True


@transaction.atomic
def save_school_answers(page: SurveyPage, school: School, answers: Mapping[str, Any], *, user=None) -> SchoolSubmission:
    """The school's one answer to this round: created the first time, its answers replaced on every later save.

    The unique (survey, school) constraint keeps it to one even when two coordinators save at the same moment.
    """
    survey = page.survey
    version = current_version(page)
    rows = answer_rows(page.get_definition(), answers)
    submission = SchoolSubmission.objects.select_for_update().filter(survey=survey, school=school).first()
    if submission is None:
        try:
            with transaction.atomic():
                response = Response.objects.create(
                    survey=survey,
                    version=version,
                    school=school,
                    school_level=school.level,
                    kecamatan_id=school.kelurahan.parent_id,
                    submitted_on=timezone.localdate(),
                    submission_token=uuid.uuid4(),
                )
                submission = SchoolSubmission.objects.create(
                    survey=survey, school=school, response=response, submitted_by=user, updated_on=timezone.localdate()
                )
        except IntegrityError:
            submission = SchoolSubmission.objects.select_for_update().get(survey=survey, school=school)
    response = submission.response
    response.answers.all().delete()
    response.version = version
    response.save(update_fields=["version"])
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    submission.submitted_by = user
    submission.updated_on = timezone.localdate()
    submission.save(update_fields=["submitted_by", "updated_on"])
    return submission


@transaction.atomic
def create_survey_from_bank(
    module: BankModule,
    index: SurveyIndexPage,
    *,
    user=None,
    slug: str | None = None,
    publish: bool = False,
    titles: dict[str, str] | None = None,
    **fields: Any,
) -> SurveyPage:
    """A new survey from a bank module under ``index``, with its English translation; a draft unless ``publish``.

    ``titles`` replaces the module's title per language and ``fields`` sets other page fields (e.g. ``opens_at``)
    in both languages. Codes are identical in both, so either page answers into the same survey.
    """
    titles = titles or {}
    page = SurveyPage(
        slug=slug or unique_slug(index, module.slug),
        owner=user,
        live=publish,
        bank_module=module.slug,
        **(module.page_fields("id") | fields | ({"title": titles["id"]} if "id" in titles else {})),
    )
    index.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    english_locale = Locale.objects.filter(language_code="en").first()
    if english_locale is not None:
        english = page.copy_for_translation(english_locale, copy_parents=True)
        for name, value in (module.page_fields("en") | fields).items():
            setattr(english, name, value)
        english.title = titles.get("en", english.title)
        english.save()
        english_revision = english.save_revision(user=user)
        if publish:
            english_revision.publish(user=user)
    return page


def unique_slug(parent: Page, base: str) -> str:
    slug, number = base, 1
    while parent.get_children().filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@dataclass(frozen=True)
class PurgeResult:
    free_text_answers: int


@transaction.atomic
def purge_old_data(*, older_than_days: int, today: datetime.date | None = None, dry_run: bool = False) -> PurgeResult:
    """Blank the free text of answers sent more than ``older_than_days`` ago.

    Free text is where a child may have written something that identifies her; after the retention period only
    the coded answers are kept. With ``dry_run`` nothing changes and the count says what would be blanked.
    """
    cutoff = (today or timezone.localdate()) - datetime.timedelta(days=older_than_days)
    old_text = Answer.objects.filter(response__submitted_on__lt=cutoff).exclude(text_value="")
    result = PurgeResult(free_text_answers=old_text.count())
    if not dry_run:
        old_text.update(text_value="")
    return result


class ConsultationNotAnswered(ValueError):
    """Children are asked whether they felt heard only after the agency answered."""


def is_code_taken(code: str) -> bool:
    """Whether ``code`` is already a class code of a survey or of "suaramu didengar?": a code means one thing."""
    return ClassCode.objects.filter(code=code).exists() or HeardClassCode.objects.filter(code=code).exists()


def generate_heard_codes(
    consultation: ConsultationPage,
    school: School,
    *,
    count: int,
    max_uses: int,
    expires_at: datetime.datetime,
    user=None,
) -> list[HeardClassCode]:
    """``count`` class codes for asking a school's classes whether they felt heard by ``consultation``'s answer."""
    if not ConsultationAnswer.objects.filter(consultation=consultation).exists():
        raise ConsultationNotAnswered(consultation.pk)
    return draw_codes(
        HeardClassCode,
        count,
        consultation=consultation,
        school=school,
        max_uses=max_uses,
        expires_at=expires_at,
        created_by=user,
    )


def check_heard_code(raw: str) -> HeardClassCode:
    """The typed class code for "suaramu didengar?", or :class:`CodeRefused` saying why (as for a survey's code)."""
    code = HeardClassCode.objects.filter(code=normalise_code(raw)).select_related("consultation").first()
    if code is None:
        raise CodeRefused(CODE_UNKNOWN)
    if code.is_expired:
        raise CodeRefused(CODE_EXPIRED)
    if code.is_used_up:
        raise CodeRefused(CODE_USED_UP)
    return code


@transaction.atomic
def record_heard_in_class(code: HeardClassCode, *, felt_heard: str, why: str) -> HeardAnswer:
    """One child's answer in class: spends one use of the code (a conditional UPDATE, so a class never overruns it)
    and stores the same ``HeardAnswer`` a kode jejak stores, dated by day, tied to neither the code nor the school."""
    spent = HeardClassCode.objects.filter(pk=code.pk, uses__lt=F("max_uses"), expires_at__gt=timezone.now()).update(
        uses=F("uses") + 1
    )
    if not spent:
        raise CodeRefused(CODE_USED_UP)
    return HeardAnswer.objects.create(
        consultation_id=code.consultation_id, felt_heard=felt_heard, why=why, answered_on=timezone.localdate()
    )
