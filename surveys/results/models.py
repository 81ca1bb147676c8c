"""The results' own records: pre-counted answers, and the participation indicators with their denominators.

They were born in the ``surveys`` app: each keeps its table (``db_table``), only the app that owns it moved.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from cms.vocabulary import RegionLevel
from surveys.models import SurveyPage


class AnswerRollup(models.Model):
    """Respondents of a children's survey pre-counted per question, choice and group of respondents.

    A group is one combination of kecamatan, school (hence kelurahan and, through it, kecamatan), school level,
    age band, sex and month of submission, as stored on each response; every respondent falls in exactly one, so
    sums over any filter of whole months are exact. ``choice_code`` NULL counts the respondents who answered the question; ``question_code`` ""
    with a NULL choice counts every submission, with choice ``""`` those without an answer (not respondents). Rows are only ever appended and merged by ``surveys.results.rollup``,
    which also keeps the watermark: responses above it are counted live.
    """

    survey = models.ForeignKey(SurveyPage, verbose_name=_("survei"), on_delete=models.CASCADE, related_name="+")
    question_code = models.CharField(_("kode pertanyaan"), max_length=40, blank=True)
    choice_code = models.CharField(_("kode pilihan"), max_length=40, null=True, blank=True)
    kecamatan = models.ForeignKey(
        "cms.Region",
        verbose_name=_("kecamatan"),
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    school = models.ForeignKey(
        "cms.School",
        verbose_name=_("sekolah"),
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    school_level = models.CharField(_("jenjang sekolah"), max_length=3, blank=True)
    age_band = models.CharField(_("kelompok umur"), max_length=5, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=20, blank=True)
    month = models.DateField(_("bulan dikirim"), help_text=_("Hari pertama bulan itu."))
    n = models.PositiveIntegerField(_("jumlah responden"))

    class Meta:
        db_table = "surveys_answerrollup"
        verbose_name = _("hitungan jawaban")
        verbose_name_plural = _("hitungan jawaban")
        indexes = [models.Index(fields=["survey", "question_code", "choice_code"], name="rollup_survey_question")]

    def __str__(self) -> str:
        return f"{self.survey_id} {self.question_code}={self.choice_code}: {self.n}"


class AnswerTotal(models.Model):
    """The sums of :class:`AnswerRollup` over every group of respondents, per question, choice and month.

    A filtered view shows the filtered respondents beside the whole survey; the whole, and a view filtered by
    months only, are read from these few rows instead of summing every group. Kept with the rollup, in the same
    transactions, by ``surveys.results.rollup``.
    """

    survey = models.ForeignKey(SurveyPage, verbose_name=_("survei"), on_delete=models.CASCADE, related_name="+")
    question_code = models.CharField(_("kode pertanyaan"), max_length=40, blank=True)
    choice_code = models.CharField(_("kode pilihan"), max_length=40, null=True, blank=True)
    month = models.DateField(_("bulan dikirim"), help_text=_("Hari pertama bulan itu."))
    n = models.PositiveIntegerField(_("jumlah responden"))

    class Meta:
        verbose_name = _("jumlah jawaban per bulan")
        verbose_name_plural = _("jumlah jawaban per bulan")
        indexes = [models.Index(fields=["survey", "question_code", "choice_code"], name="total_survey_question")]

    def __str__(self) -> str:
        return f"{self.survey_id} {self.question_code}={self.choice_code} {self.month:%Y-%m}: {self.n}"


class RollupWatermark(models.Model):
    """The highest response id of a survey already counted in :class:`AnswerRollup`; no row means nothing is."""

    survey = models.OneToOneField(
        SurveyPage, verbose_name=_("survei"), on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    response_id = models.BigIntegerField(_("jawaban survei terakhir yang dihitung"), default=0)
    merges = models.PositiveIntegerField(_("penambahan sejak penggabungan"), default=0)
    refreshed_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        db_table = "surveys_rollupwatermark"
        verbose_name = _("batas hitungan jawaban")
        verbose_name_plural = _("batas hitungan jawaban")

    def __str__(self) -> str:
        return f"{self.survey_id} ≤ {self.response_id}"


class Formula(models.TextChoices):
    """The participation figures the platform can compute; each key has a function in ``surveys.results.indicators``."""

    PARTICIPANTS = "participants", _("Anak yang berpartisipasi (survei + konsultasi)")
    RATE_POPULATION = "rate_population", _("Tingkat partisipasi terhadap jumlah anak")
    RATE_ENROLMENT = "rate_enrolment", _("Tingkat partisipasi terhadap jumlah siswa")
    SCHOOLS = "schools", _("Sekolah yang ikut serta dari semua sekolah")
    KELURAHAN_FORUM = "kelurahan_forum", _("Kelurahan dengan Forum Anak aktif")
    KECAMATAN_FORUM = "kecamatan_forum", _("Kecamatan dengan Forum Anak aktif")
    POLICIES_INPUT = "policies_input", _("Kebijakan/program/rencana dengan masukan anak yang terdokumentasi")
    POLICIES_ANSWERED = "policies_answered", _("Kebijakan dengan masukan anak yang dijawab instansi")
    FELT_HEARD = "felt_heard", _("Anak yang merasa suaranya didengar")


class KlaCluster(models.TextChoices):
    INSTITUTIONAL = "kelembagaan", _("Kelembagaan")
    CLUSTER_I = "I", _("Klaster I: hak sipil dan kebebasan")
    CLUSTER_II = "II", _("Klaster II: lingkungan keluarga dan pengasuhan alternatif")
    CLUSTER_III = "III", _("Klaster III: kesehatan dasar dan kesejahteraan")
    CLUSTER_IV = "IV", _("Klaster IV: pendidikan, waktu luang dan budaya")
    CLUSTER_V = "V", _("Klaster V: perlindungan khusus")


class IndicatorQuerySet(models.QuerySet):
    def active(self) -> IndicatorQuerySet:
        return self.filter(is_active=True).order_by("order", "pk")


class Indicator(models.Model):
    """A participation indicator as the KLA evaluation words it, mapped to a cluster and a computed formula.

    A record, not code, because the national wording is being revised: officials rename, add and re-map
    indicators in the admin without a release.
    """

    name = models.CharField(_("nama indikator"), max_length=255)
    cluster = models.CharField(_("klaster KLA"), max_length=12, choices=KlaCluster.choices)
    formula = models.CharField(_("rumus"), max_length=40, choices=Formula.choices)
    description = models.TextField(_("keterangan"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = IndicatorQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("cluster"), FieldPanel("formula")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("is_active"), FieldPanel("order")]),
    ]

    class Meta:
        db_table = "surveys_indicator"
        verbose_name = _("indikator partisipasi")
        verbose_name_plural = _("indikator partisipasi")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class ChildPopulation(models.Model):
    """How many children live in a kelurahan in a year: the denominator of the participation rate."""

    kelurahan = models.ForeignKey(
        "cms.Region",
        verbose_name=_("kelurahan"),
        on_delete=models.CASCADE,
        related_name="child_populations",
        limit_choices_to={"level": RegionLevel.KELURAHAN},
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    children = models.PositiveIntegerField(_("jumlah anak (0–17 tahun)"))

    panels = [FieldPanel("kelurahan"), FieldRowPanel([FieldPanel("year"), FieldPanel("children")])]

    class Meta:
        db_table = "surveys_childpopulation"
        verbose_name = _("jumlah anak per kelurahan")
        verbose_name_plural = _("jumlah anak per kelurahan")
        ordering = ["-year", "kelurahan__code"]
        constraints = [models.UniqueConstraint(fields=["kelurahan", "year"], name="child_population_once_a_year")]

    def __str__(self) -> str:
        return f"{self.kelurahan.name} {self.year}: {self.children}"


class SchoolEnrolment(models.Model):
    """How many pupils a school has in a year: the denominator of the participation rate among pupils."""

    school = models.ForeignKey(
        "cms.School", verbose_name=_("sekolah"), on_delete=models.CASCADE, related_name="enrolments"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    pupils = models.PositiveIntegerField(_("jumlah siswa"))

    panels = [FieldPanel("school"), FieldRowPanel([FieldPanel("year"), FieldPanel("pupils")])]

    class Meta:
        db_table = "surveys_schoolenrolment"
        verbose_name = _("jumlah siswa per sekolah")
        verbose_name_plural = _("jumlah siswa per sekolah")
        ordering = ["-year", "school__name"]
        constraints = [models.UniqueConstraint(fields=["school", "year"], name="school_enrolment_once_a_year")]

    def __str__(self) -> str:
        return f"{self.school.name} {self.year}: {self.pupils}"


def validate_boundary(value) -> None:
    from surveys.results.boundaries import validate_geometry

    validate_geometry(value)


class RegionBoundary(models.Model):
    """A kecamatan's or kelurahan's outline, uploaded by the city as GeoJSON, so its maps are drawn as shapes.

    Optional: without boundaries a map is a tile grid laid out from the region tree. Only the geometry is kept
    (WGS84 longitude/latitude, checked by ``surveys.results.boundaries``); ``source`` credits where it came from.
    """

    region = models.OneToOneField(
        "cms.Region",
        verbose_name=_("wilayah"),
        on_delete=models.CASCADE,
        related_name="boundary",
        limit_choices_to={"level__in": [RegionLevel.KECAMATAN, RegionLevel.KELURAHAN]},
    )
    geometry = models.JSONField(_("batas wilayah (GeoJSON)"), validators=[validate_boundary])
    source = models.CharField(
        _("sumber dan lisensi"),
        max_length=255,
        blank=True,
        help_text=_("Mis. “BPS 2020 lewat HDX, CC BY 3.0 IGO”. Ditampilkan di bawah peta."),
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("batas wilayah")
        verbose_name_plural = _("batas wilayah")
        ordering = ["region__code"]

    def __str__(self) -> str:
        return str(self.region)
