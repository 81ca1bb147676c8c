"""Writes that touch several rows: freezing a survey version and storing a child's submission exactly once."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.models import Region, School
from surveys.definition import PREFER_NOT_TO_SAY, Definition
from surveys.models import Answer, Response, SurveyIndexPage, SurveyPage, SurveyVersion
from surveys.question_bank import BankModule


@transaction.atomic
def record_version(page: SurveyPage) -> SurveyVersion:
    """The survey's current version, frozen anew only when the live definition differs from the latest one."""
    survey = SurveyPage.objects.select_for_update().get(pk=page.survey.pk)
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


def submit_response(
    page: SurveyPage,
    *,
    token: uuid.UUID,
    answers: Mapping[str, Any],
    age_band: str = "",
    sex: str = "",
    school_level: str = "",
    kecamatan: Region | None = None,
    school: School | None = None,
    submitted_on: datetime.date | None = None,
) -> tuple[Response, bool]:
    """Store one response with all its answers, or nothing; a token seen before returns the stored response.

    Returns ``(response, created)``. The unique token makes a double tap, a refresh or a retry count once.
    """
    existing = Response.objects.filter(submission_token=token).first()
    if existing is not None:
        return existing, False
    version = current_version(page)
    definition = page.get_definition()
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=version.survey,
                version=version,
                school=school,
                school_level=school_level or "",
                kecamatan=kecamatan,
                age_band=age_band or "",
                sex=sex or "",
                submitted_on=submitted_on or timezone.localdate(),
                submission_token=token,
            )
            rows = answer_rows(definition, answers)
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows)
    except IntegrityError:
        return Response.objects.get(submission_token=token), False
    return response, True


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
