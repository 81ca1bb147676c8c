"""The words Suara Anak counts and files children, schools, regions and staff by, each defined once.

This module is the bottom of the import graph: it imports nothing from the project's apps, so every model,
form, chart, export and migration can use it. The stored value of each choice is the one every table holds;
a different encoding anywhere else is a bug.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Small-cell suppression: a group of respondents under k is never shown (``surveys.results.suppression``).
DEFAULT_K = 5
#: No survey may lower its k below this.
MINIMUM_K = 3
#: Every count shown is rounded to a multiple of this (``surveys.results.suppression.rounded``).
ROUNDING_BASE = 5


class AgeBand(models.TextChoices):
    """The age bands children are reported in, everywhere; never a birth date."""

    UP_TO_9 = "0-9", _("9 tahun atau kurang")
    FROM_10_TO_12 = "10-12", _("10–12 tahun")
    FROM_13_TO_15 = "13-15", _("13–15 tahun")
    FROM_16_TO_17 = "16-17", _("16–17 tahun")


class Sex(models.TextChoices):
    FEMALE = "female", _("Perempuan")
    MALE = "male", _("Laki-laki")
    PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Saya tidak ingin menjawab")


#: The sexes an adult records for a child (a member, an activity's head-count): a child may decline to say in a
#: survey, an adult's record has no such answer.
RECORDED_SEXES = (Sex.FEMALE, Sex.MALE)


def recorded_sex_choices() -> list[tuple[str, str]]:
    return [(sex.value, sex.label) for sex in RECORDED_SEXES]


class SchoolLevel(models.TextChoices):
    SD = "SD", "SD"
    SMP = "SMP", "SMP"
    SMA = "SMA", "SMA"
    SMK = "SMK", "SMK"
    SLB = "SLB", "SLB"


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    CITY = "city", _("Kabupaten/Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan/Desa")


#: The level a region's parent has; a province has none.
PARENT_LEVEL = {
    RegionLevel.PROVINCE: None,
    RegionLevel.CITY: RegionLevel.PROVINCE,
    RegionLevel.KECAMATAN: RegionLevel.CITY,
    RegionLevel.KELURAHAN: RegionLevel.KECAMATAN,
}


def lies_within(code: str, ancestor_code: str) -> bool:
    """Whether the region with ``code`` lies inside the one with ``ancestor_code`` (not the region itself).

    Kemendagri codes nest by prefix and dot: kelurahan ``64.71.01.1001`` lies in kecamatan ``64.71.01``, which
    lies in the city ``64.71``; ``64.71.010`` would not lie in ``64.71.01``.
    """
    return code.startswith(f"{ancestor_code}.")


def within_lookup(field: str, ancestor_code: str, *, inclusive: bool = False) -> models.Q:
    """:func:`lies_within` as a filter on the region code reached by ``field`` (e.g. ``"region__code"``);
    ``inclusive`` also keeps the region itself."""
    condition = models.Q(**{f"{field}__startswith": f"{ancestor_code}."})
    return condition | models.Q(**{field: ancestor_code}) if inclusive else condition


class Role(models.TextChoices):
    """The roles, kept as Django groups so administrators manage them in Wagtail's user admin.

    Group names are the stable identifiers (migrations and tests refer to them); what a person reads is the label.
    """

    FACILITATOR = "Facilitator", _("Fasilitator")
    SCHOOL_COORDINATOR = "School coordinator", _("Koordinator sekolah")
    OFFICIAL = "Official", _("Pejabat / OPD")
    FORUM_MEMBER = "Forum Anak member", _("Anggota Forum Anak")


class AuditAction(models.TextChoices):
    """The project's own entries in Wagtail's audit log; the label names the action in the log's filter."""

    ROLE_ADDED = "suara_anak.role_added", _("Peran diberikan")
    ROLE_REMOVED = "suara_anak.role_removed", _("Peran dicabut")
    INPUT_MODERATE = "suara_anak.input_moderate", _("Moderasi masukan anak")
    SUMMARY_DELIVER = "suara_anak.summary_deliver", _("Penyerahan rangkuman")
    CONSULTATION_ANSWER = "suara_anak.consultation_answer", _("Jawaban instansi")
    PROPOSAL_STEP = "suara_anak.proposal_step", _("Tahap usulan anak")
    SURVEY_FROM_BANK = "suara_anak.survey_from_bank", _("Survei dibuat dari bank pertanyaan")
    CLASS_CODES = "suara_anak.class_codes", _("Kode kelas dibuat")
    EXPORT = "suara_anak.export", _("Ekspor jawaban survei")
    SAFEGUARDING_VIEW = "suara_anak.safeguarding_view", _("Tanda perlindungan anak dibuka")
    XLSFORM_IMPORT = "suara_anak.xlsform_import", _("Survei diimpor dari XLSForm")
    XLSFORM_EXPORT = "suara_anak.xlsform_export", _("Survei diekspor sebagai XLSForm")
    API_TOKEN_CREATE = "suara_anak.api_token_create", _("Token API dibuat")
    API_TOKEN_REVOKE = "suara_anak.api_token_revoke", _("Token API dicabut")


#: What each audit entry says in the log's list.
AUDIT_MESSAGES = {
    AuditAction.ROLE_ADDED: _("Peran diberikan"),
    AuditAction.ROLE_REMOVED: _("Peran dicabut"),
    AuditAction.INPUT_MODERATE: _("Masukan anak dimoderasi"),
    AuditAction.SUMMARY_DELIVER: _("Rangkuman masukan anak diserahkan"),
    AuditAction.CONSULTATION_ANSWER: _("Jawaban instansi dicatat"),
    AuditAction.PROPOSAL_STEP: _("Tahap usulan anak dicatat"),
    AuditAction.SURVEY_FROM_BANK: _("Survei dibuat dari bank pertanyaan"),
    AuditAction.CLASS_CODES: _("Kode kelas dibuat"),
    AuditAction.EXPORT: _("Jawaban survei diekspor"),
    AuditAction.SAFEGUARDING_VIEW: _("Tanda perlindungan anak dibuka"),
    AuditAction.XLSFORM_IMPORT: _("Survei diimpor dari XLSForm"),
    AuditAction.XLSFORM_EXPORT: _("Survei diekspor sebagai XLSForm"),
    AuditAction.API_TOKEN_CREATE: _("Token API dibuat"),
    AuditAction.API_TOKEN_REVOKE: _("Token API dicabut"),
}


class FeltHeard(models.TextChoices):
    YES = "yes", _("Ya, suaraku didengar")
    PARTLY = "partly", _("Sebagian")
    NO = "no", _("Tidak")


class HeardReason(models.TextChoices):
    ANSWER_CLEAR = "answer_clear", _("Jawabannya jelas dan aku mengerti alasannya")
    DONE = "done", _("Usulan kami dilaksanakan")
    TOOK_PART = "took_part", _("Aku ikut membahasnya")
    ANSWER_UNCLEAR = "answer_unclear", _("Alasannya tidak jelas")
    NOT_DONE = "not_done", _("Usulan kami tidak dilaksanakan")
    TOO_LONG = "too_long", _("Jawabannya terlalu lama")
