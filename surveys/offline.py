"""Offline class mode: submission keys the server signs, and answers that waited on a device stored exactly once.

A child (or a class passing one tablet around) answers on the survey's offline screen (``<survey>/luring/``), which
the service worker keeps on the device. Each child's answers travel with a **submission key** fetched while the
device was online: it names the survey, the version the questions came from, the day it was issued (never a time)
and the submission token, and it is signed with the site's secret (``django.core.signing``), so the device can
neither forge nor alter one. A class code's use is reserved when its key is issued, so a code's cap also holds for
answers that arrive days later. :func:`store_queued` stores what a device sends through
``services.submit_response``, against the version the child answered: the key's token makes a repeated send (a
retry, two tabs racing, a service-worker update) count once.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from surveys.forms import DemographicsForm
from surveys.models import ClassCode, Response, SurveyPage, SurveyVersion
from surveys.services import check_code, consume_code, current_version_ids, submit_response

KEY_SALT = "surveys.offline.submission-key"
MAX_KEYS_PER_REQUEST = 60  # a large class on one tablet
MAX_TEXT_LENGTH = 2000

KEY_FORGED = _("Kunci pengiriman ini tidak dikenal. Jawaban ini tidak bisa diterima.")
KEY_EXPIRED = _("Kunci pengiriman ini sudah kedaluwarsa. Jawaban ini tidak bisa diterima lagi.")
SURVEY_GONE = _("Survei ini sudah tidak ada. Jawaban ini tidak bisa diterima.")
SURVEY_CLOSED = _("Survei ini sudah ditutup dan masa tenggang pengiriman sudah lewat. Jawaban ini tidak bisa diterima.")
SURVEY_NOT_OPEN = _("Survei ini sedang tidak menerima jawaban.")
CODE_NEEDED = _("Survei ini hanya bisa diisi dengan kode kelas. Tulis kode kelas dulu.")
ANSWERS_INVALID = _("Jawaban ini tidak lengkap atau tidak sesuai dengan pertanyaannya.")


class OfflineRefused(Exception):
    """A key or a queued answer the server cannot take; ``message`` says why, in words a teacher understands."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def key_max_age() -> datetime.timedelta:
    return datetime.timedelta(days=settings.OFFLINE_KEY_MAX_AGE_DAYS)


def closed_survey_grace() -> datetime.timedelta:
    return datetime.timedelta(days=settings.OFFLINE_CLOSED_SURVEY_GRACE_DAYS)


@dataclass(frozen=True)
class SubmissionKey:
    """What a signed key says. Day-granular on purpose: an exact time would tell when a child sat the survey."""

    survey_id: int
    version_id: int
    issued_on: datetime.date
    token: uuid.UUID
    class_code_id: int | None = None

    def sign(self) -> str:
        payload = [self.survey_id, self.version_id, self.issued_on.toordinal(), self.token.hex, self.class_code_id]
        return signing.dumps(payload, salt=KEY_SALT, compress=True)

    @classmethod
    def load(cls, raw: Any) -> SubmissionKey:
        """The key ``raw`` stands for, or :class:`OfflineRefused` when it was not signed here (or was altered)."""
        if not isinstance(raw, str) or len(raw) > 500:
            raise OfflineRefused(KEY_FORGED)
        try:
            survey_id, version_id, day, token, code_id = signing.loads(raw, salt=KEY_SALT)
            return cls(int(survey_id), int(version_id), datetime.date.fromordinal(day), uuid.UUID(token), code_id)
        except (signing.BadSignature, ValueError, TypeError, OverflowError) as error:
            raise OfflineRefused(KEY_FORGED) from error

    def is_expired(self, today: datetime.date) -> bool:
        return today - self.issued_on > key_max_age()


def issue_keys(page: SurveyPage, *, count: int = 1, code: str = "") -> list[str]:
    """``count`` signed keys for children about to answer ``page`` offline, each reserving one use of the class code
    ``code`` (all or none: :class:`CodeRefused` when the code has fewer uses left). Refused while the survey is not
    open, and without a code on a survey that takes answers only with one."""
    if not page.is_for_children or not page.is_open():
        raise OfflineRefused(SURVEY_NOT_OPEN)
    if page.requires_code and not code:
        raise OfflineRefused(CODE_NEEDED)
    count = max(1, min(count, MAX_KEYS_PER_REQUEST))
    survey_id, version_id = current_version_ids(page)
    today = timezone.localdate()
    with transaction.atomic():
        class_code = check_code(page, code) if code else None
        for _number in range(count if class_code is not None else 0):
            consume_code(class_code)
        code_id = class_code.pk if class_code is not None else None
        return [SubmissionKey(survey_id, version_id, today, uuid.uuid4(), code_id).sign() for _number in range(count)]


def check_open_for(key: SubmissionKey, page: SurveyPage, today: datetime.date) -> None:
    """Answers for a survey that closed while they waited are taken for ``OFFLINE_CLOSED_SURVEY_GRACE_DAYS`` after
    the day it closed, when their key was issued while it was open (issuing refuses a closed survey)."""
    if not page.live:
        raise OfflineRefused(SURVEY_GONE)
    if page.closes_at is None or timezone.now() < page.closes_at:
        return
    closed_on = timezone.localdate(page.closes_at)
    if key.issued_on > closed_on or today > closed_on + closed_survey_grace():
        raise OfflineRefused(SURVEY_CLOSED)


def clean_answers(version: SurveyVersion, answers: Any) -> dict[str, Any]:
    """The queued answers if the version they were answered in would take them whole, else :class:`OfflineRefused`."""
    if not isinstance(answers, dict):
        raise OfflineRefused(ANSWERS_INVALID)
    definition = version.get_definition()
    cleaned: dict[str, Any] = {}
    for code, value in answers.items():
        question = definition.question(code) if isinstance(code, str) else None
        values = value if isinstance(value, list) else [value]
        if question is None or not all(isinstance(item, str | int) and not isinstance(item, bool) for item in values):
            raise OfflineRefused(ANSWERS_INVALID)
        if any(len(str(item)) > MAX_TEXT_LENGTH for item in values):
            raise OfflineRefused(ANSWERS_INVALID)
        cleaned[code] = [str(item) for item in value] if isinstance(value, list) else value
    if definition.first_incomplete_section(cleaned) is not None:
        raise OfflineRefused(ANSWERS_INVALID)
    return cleaned


def clean_about(page: SurveyPage, about: Any, *, has_class_code: bool) -> dict[str, Any]:
    """The "about you" answers that pass their form's checks; a wrong one is dropped (all are optional)."""
    form = DemographicsForm(about if isinstance(about, dict) else {}, page=page, has_class_code=has_class_code)
    form.is_valid()
    return {name: value for name, value in form.to_draft().items() if name not in form.errors}


def store_queued(data: Any, *, today: datetime.date | None = None) -> tuple[Response, bool]:
    """Store one child's queued answers (``{"key": …, "answers": {…}, "about": {…}}``) against the version in the
    key; ``(response, created)``, ``created`` false when the same key was sent before. Raises
    :class:`OfflineRefused` for a forged or expired key, a closed survey beyond the grace, or answers the version
    would not take."""
    today = today or timezone.localdate()
    if not isinstance(data, dict):
        raise OfflineRefused(KEY_FORGED)
    key = SubmissionKey.load(data.get("key"))
    if key.is_expired(today):
        raise OfflineRefused(KEY_EXPIRED)
    version = SurveyVersion.objects.select_related("survey").filter(pk=key.version_id, survey=key.survey_id).first()
    if version is None:
        raise OfflineRefused(SURVEY_GONE)
    page = version.survey
    check_open_for(key, page, today)
    answers = clean_answers(version, data.get("answers"))
    code = ClassCode.objects.select_related("school__kelurahan").filter(pk=key.class_code_id).first()
    about = clean_about(page, data.get("about"), has_class_code=code is not None)
    # The code's use was spent when the key was issued: its school and level only, nothing to spend now.
    return submit_response(
        page,
        token=key.token,
        answers=answers,
        age_band=about.get("age_band", ""),
        sex=about.get("sex", ""),
        school=code.school if code is not None else None,
        school_level=code.school_level if code is not None else about.get("school_level", ""),
        kecamatan=code.school.kelurahan.parent_id if code is not None else about.get("kecamatan"),
        version=version,
    )
