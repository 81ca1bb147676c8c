from __future__ import annotations

import datetime
import hashlib
import json
from collections import OrderedDict

from django import forms
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.blocks import StreamBlockValidationError
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.vocabulary import DEFAULT_K, MINIMUM_K, AgeBand, RegionLevel, SchoolLevel, Sex
from surveys.blocks import YOUNG_HELP, SurveyDefinitionBlock, definition_from_stream
from surveys.definition import Definition, PageTexts, in_younger_words
from surveys.panels import ReadabilityPanel
from surveys.question_bank import bank_problems


class AccessRule(models.TextChoices):
    OPEN_LINK = "open", _("Terbuka untuk siapa pun yang punya tautan")
    CODE_REQUIRED = "code", _("Hanya dengan kode kelas")


class Audience(models.TextChoices):
    CHILDREN = "children", _("Anak-anak")
    SCHOOLS = "schools", _("Sekolah")


class SurveyIndexPage(Page):
    """``/survei/``: the list of surveys a child can answer now."""

    introduction = models.TextField(_("pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["surveys.SurveyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("daftar survei")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["surveys"] = SurveyPage.objects.child_of(self).live().open().for_children().specific()
        return context


class SurveyPageQuerySet(PageQuerySet):
    def open(self, at: datetime.datetime | None = None) -> SurveyPageQuerySet:
        at = at or timezone.now()
        return self.filter(
            models.Q(opens_at__isnull=True) | models.Q(opens_at__lte=at),
            models.Q(closes_at__isnull=True) | models.Q(closes_at__gt=at),
        )

    def for_children(self) -> SurveyPageQuerySet:
        return self.filter(audience=Audience.CHILDREN)

    def from_bank_module(self, slug: str) -> SurveyPageQuerySet:
        """Surveys started from the bank module ``slug``: they hold its questions under its codes, so their
        figures for those codes compare (``surveys.question_bank.bank_problems`` keeps them so)."""
        return self.filter(bank_module=slug)


class SurveyPageForm(WagtailAdminPageForm):
    target_school_levels = forms.MultipleChoiceField(
        label=_("jenjang sekolah sasaran"),
        choices=SchoolLevel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Kosongkan untuk semua jenjang."),
    )
    published_results = forms.MultipleChoiceField(
        label=_("hasil yang diumumkan"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Pertanyaan yang ringkasannya (kota dan kecamatan) tampil di halaman publik /hasil/."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        questions = self.instance.get_definition().questions() if self.instance.pk else []
        self.fields["published_results"].choices = [
            (question.code, f"{question.code}: {question.label}") for question in questions if question.is_choice
        ]

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.bank_module and cleaned_data.get("definition") is not None and "definition" not in self.errors:
            problems = bank_problems(definition_from_stream(cleaned_data["definition"]), self.instance.bank_module)
            if problems:
                self.add_error("definition", StreamBlockValidationError(non_block_errors=ValidationError(problems)))
        return cleaned_data


# Parsed definitions by the digest of their StreamField data: content-addressed, so a new publication (new data)
# simply misses, and nothing ever needs invalidating. Bounded, because every edited version makes a new entry.
_PARSED_DEFINITIONS: OrderedDict[str, Definition] = OrderedDict()
_PARSED_DEFINITIONS_LIMIT = 256


class SurveyPage(RoutablePageMixin, Page):
    """One survey, answered section by section at its own URL; its definition is frozen per version on publish.

    Override ``get_definition`` to answer from another source than the live StreamField.
    """

    audience = models.CharField(_("sasaran"), max_length=10, choices=Audience.choices, default=Audience.CHILDREN)
    access = models.CharField(
        _("akses"),
        max_length=4,
        choices=AccessRule.choices,
        default=AccessRule.OPEN_LINK,
        help_text=_("Dengan kode kelas, setiap jawaban terhubung ke sekolah dan jenjang, tidak pernah ke anak."),
    )
    introduction = models.TextField(_("pengantar"), help_text=_("Untuk apa survei ini, dengan bahasa anak."))
    assent_text = models.TextField(
        _("teks persetujuan"),
        help_text=_("Dibaca anak sebelum mulai: tanpa nama, boleh melewati pertanyaan, boleh berhenti kapan saja."),
    )
    title_young = models.CharField(_("judul untuk anak kecil"), max_length=255, blank=True, help_text=YOUNG_HELP)
    introduction_young = models.TextField(_("pengantar untuk anak kecil"), blank=True, help_text=YOUNG_HELP)
    assent_text_young = models.TextField(_("teks persetujuan untuk anak kecil"), blank=True, help_text=YOUNG_HELP)
    opens_at = models.DateTimeField(_("dibuka"), null=True, blank=True)
    closes_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    target_kecamatan = ParentalManyToManyField(
        "cms.Region",
        verbose_name=_("kecamatan sasaran"),
        blank=True,
        related_name="+",
        limit_choices_to={"level": RegionLevel.KECAMATAN},
        help_text=_("Kosongkan untuk semua kecamatan."),
    )
    target_school_levels = models.JSONField(_("jenjang sekolah sasaran"), default=list, blank=True)
    min_group_size = models.PositiveSmallIntegerField(
        _("ukuran kelompok terkecil (k)"),
        default=DEFAULT_K,
        validators=[MinValueValidator(MINIMUM_K)],
        help_text=_("Ringkasan menyembunyikan kelompok yang lebih kecil dari angka ini."),
    )
    definition = StreamField(SurveyDefinitionBlock(), verbose_name=_("pertanyaan"))
    bank_module = models.CharField(
        _("modul bank pertanyaan"),
        max_length=80,
        blank=True,
        editable=False,
        help_text=_(
            "Modul yang menjadi awal survei ini; pertanyaannya tetap ada dengan kodenya, agar angka dapat dibandingkan."
        ),
    )
    published_results = models.JSONField(
        _("hasil yang diumumkan"),
        default=list,
        blank=True,
        help_text=_("Kode pertanyaan pilihan yang ringkasannya tampil di halaman publik /hasil/."),
    )

    objects = PageManager.from_queryset(SurveyPageQuerySet)()

    base_form_class = SurveyPageForm
    content_panels = Page.content_panels + [
        FieldPanel("audience"),
        FieldPanel("access"),
        FieldPanel("introduction"),
        FieldPanel("assent_text"),
        MultiFieldPanel(
            [FieldPanel("title_young"), FieldPanel("introduction_young"), FieldPanel("assent_text_young")],
            heading=_("Untuk anak yang lebih kecil"),
            classname="collapsed",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("target_kecamatan", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_school_levels"),
                FieldPanel("min_group_size"),
            ],
            heading=_("Jadwal dan sasaran"),
        ),
        ReadabilityPanel(),
        FieldPanel("definition"),
        FieldPanel("published_results"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    override_translatable_fields = [SynchronizedField("bank_module")]
    parent_page_types = ["surveys.SurveyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("survei")
        verbose_name_plural = _("survei")

    @classmethod
    def younger_text_fields(cls) -> list[tuple[str, str]]:
        """The page's own texts a child reads, each with its simpler version for younger children: (usual, young)."""
        return [("title", "title_young"), ("introduction", "introduction_young"), ("assent_text", "assent_text_young")]

    def texts_for(self, *, younger: bool) -> PageTexts:
        """The page's texts in the words this child reads: for a younger child the simpler version wherever one was
        written (the same rule as the questions', ``in_younger_words``), else the usual one."""
        return PageTexts(
            **{
                usual: in_younger_words(getattr(self, usual), getattr(self, young)) if younger else getattr(self, usual)
                for usual, young in self.younger_text_fields()
            }
        )

    def freeze(self) -> SurveyPage:
        """Mark this instance as read-only, to be kept in memory and shared by requests (``surveys.views``): what
        is derived from its definition is then computed once, not on every call."""
        self._frozen = {"digest": self.definition_digest()}
        return self

    def frozen_memo(self) -> dict | None:
        """Where a frozen instance keeps what was derived from it (``None`` for an instance that may change)."""
        return self.__dict__.get("_frozen")

    def definition_digest(self) -> str:
        """A digest of the live StreamField data as stored: it changes whenever the questions or their wording do."""
        if (frozen := self.frozen_memo()) is not None:
            return frozen["digest"]
        raw = json.dumps(self.definition.get_prep_value(), sort_keys=True, cls=DjangoJSONEncoder)
        return hashlib.sha256(raw.encode()).hexdigest()

    def get_definition(self) -> Definition:
        """The parsed definition; parsed once per process for each distinct content (``Definition`` is immutable)."""
        digest = self.definition_digest()
        definition = _PARSED_DEFINITIONS.get(digest)
        if definition is None:
            definition = definition_from_stream(self.definition)
            _PARSED_DEFINITIONS[digest] = definition
            while len(_PARSED_DEFINITIONS) > _PARSED_DEFINITIONS_LIMIT:
                _PARSED_DEFINITIONS.popitem(last=False)
        return definition

    @property
    def survey(self) -> SurveyPage:
        """The page responses belong to: the source-language page, so every translation counts in one survey."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self

    def is_open(self, at: datetime.datetime | None = None) -> bool:
        at = at or timezone.now()
        return (self.opens_at is None or self.opens_at <= at) and (self.closes_at is None or at < self.closes_at)

    @property
    def is_not_yet_open(self) -> bool:
        return self.opens_at is not None and timezone.now() < self.opens_at

    @property
    def is_for_children(self) -> bool:
        return self.audience == Audience.CHILDREN

    @property
    def is_for_schools(self) -> bool:
        return self.audience == Audience.SCHOOLS

    @property
    def requires_code(self) -> bool:
        return self.access == AccessRule.CODE_REQUIRED

    @property
    def accepts_class_codes(self) -> bool:
        """Whether a child may type a class code on the first screen: on every children's survey, required or not.
        A school questionnaire is answered by its coordinator on the staff pages, never on a child's screens."""
        return self.is_for_children

    def session_key(self) -> str:
        """Drafts are keyed by the translation group, so switching language keeps what the child answered."""
        return f"survey-draft-{self.translation_key}"

    def route_url(self, request, name: str, *args) -> str:
        return self.get_url(request) + self.reverse_subpage(name, args=args)

    @property
    def help_now_url(self) -> str:
        return self.url + self.reverse_subpage("help_now")

    @path("", name="start")
    def start(self, request):
        from surveys import views

        return views.start(request, self)

    @path("tentang-kamu/", name="about_you")
    def about_you(self, request):
        from surveys import views

        return views.about_you(request, self)

    @path("bagian/<int:number>/", name="section")
    def section(self, request, number: int):
        from surveys import views

        return views.section(request, self, number)

    @path("bantuan/", name="help_now")
    def help_now(self, request):
        from surveys import views

        return views.help_now(request, self)

    @path("luring/", name="offline")
    def offline(self, request):
        from surveys import offline_views

        return offline_views.offline_screen(request, self)

    @path("terima-kasih/", name="thanks")
    def thanks(self, request):
        from surveys import views

        return views.thanks(request, self)


class SurveyVersionQuerySet(models.QuerySet):
    def latest_for(self, survey: SurveyPage) -> SurveyVersion | None:
        return self.filter(survey=survey).order_by("-number").first()


class SurveyVersion(models.Model):
    """The definition as it was when published; every response points at the version its child answered.

    Deleting a survey page nobody answered takes its versions with it; a version with responses protects them.
    """

    survey = models.ForeignKey(SurveyPage, verbose_name=_("survei"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("nomor versi"))
    definition = models.JSONField(_("definisi beku"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = SurveyVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("versi survei")
        verbose_name_plural = _("versi survei")
        ordering = ["survey", "number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="survey_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.survey} v{self.number}"

    def get_definition(self) -> Definition:
        return Definition.from_json(self.definition)


def response_kecamatan(prefix: str = "") -> Coalesce:
    """A response's kecamatan (its Kemendagri code): the one definition that every filter, breakdown and indicator
    places a response by, so a kecamatan's figure is the same on every page.

    It is the kecamatan stored on the response (the child's answer on the "about you" screen, or the kecamatan of
    a class code's school) and, when none is stored, its school's kecamatan; NULL when it has neither. A stored
    kecamatan wins over the school's, because the child said it. ``prefix`` reaches the response from another
    model (``"response__"`` from an answer); :class:`AnswerRollup` rows carry the same fields, so the same
    expression places them.
    """
    return Coalesce(F(f"{prefix}kecamatan__code"), F(f"{prefix}school__kelurahan__parent__code"))


def in_response_area(*, kecamatan: str = "", kelurahan: str = "", prefix: str = "") -> Q:
    """Responses in the kecamatan and/or kelurahan with these codes (no code: every response).

    The kecamatan is :func:`response_kecamatan`; a response's kelurahan is its school's, since a child never names
    one.
    """
    condition = Q()
    if kecamatan:
        condition &= Q(Exact(response_kecamatan(prefix), kecamatan))
    if kelurahan:
        condition &= Q(**{f"{prefix}school__kelurahan__code": kelurahan})
    return condition


def has_answers(prefix: str = "") -> models.Exists:
    """Whether a response is a respondent: the one definition every figure counts children by.

    A response counts when at least one answer of it is stored (a choice, a number or a text). A submission whose
    every question was skipped stores none: it is counted apart ("dikirim tanpa jawaban"), never as a child who
    answered. ``prefix`` reaches the response from another model, as in :func:`response_kecamatan`.
    """
    return models.Exists(Answer.objects.filter(response_id=models.OuterRef(f"{prefix}pk")))


class ResponseQuerySet(models.QuerySet):
    def for_survey(self, survey: SurveyPage) -> ResponseQuerySet:
        return self.filter(survey=survey.survey)

    def for_school(self, school) -> ResponseQuerySet:
        return self.filter(school=school)

    def answered(self) -> ResponseQuerySet:
        """Respondents: submissions with at least one answer stored (:func:`has_answers`)."""
        return self.filter(has_answers())

    def blank(self) -> ResponseQuerySet:
        """Submissions with every question skipped: shown apart as "dikirim tanpa jawaban", never as respondents."""
        return self.exclude(has_answers())

    def by_children(self) -> ResponseQuerySet:
        """Responses to children's surveys: what counts as children taking part (a school questionnaire is not)."""
        return self.filter(survey__audience=Audience.CHILDREN)

    def by_audience(self) -> ResponseQuerySet:
        """Responses given by their survey's audience: every response to a children's survey, and to a school
        questionnaire only a school's own answer (its ``SchoolSubmission``), never one stored without a school."""
        return self.filter(
            models.Q(survey__audience=Audience.CHILDREN)
            | models.Q(survey__audience=Audience.SCHOOLS, school_submission__isnull=False)
        )


class Response(models.Model):
    """One child's submitted survey. Only coarse, optional facts and the day: nothing that identifies the child."""

    survey = models.ForeignKey(SurveyPage, verbose_name=_("survei"), on_delete=models.PROTECT, related_name="responses")
    version = models.ForeignKey(
        SurveyVersion, verbose_name=_("versi"), on_delete=models.PROTECT, related_name="responses"
    )
    school = models.ForeignKey(
        "cms.School",
        verbose_name=_("sekolah"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
    )
    school_level = models.CharField(_("jenjang sekolah"), max_length=3, choices=SchoolLevel.choices, blank=True)
    kecamatan = models.ForeignKey(
        "cms.Region",
        verbose_name=_("kecamatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="survey_responses",
    )
    age_band = models.CharField(_("kelompok umur"), max_length=5, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=20, choices=Sex.choices, blank=True)
    submitted_on = models.DateField(_("tanggal dikirim"))
    submission_token = models.UUIDField(_("token pengiriman"), unique=True, editable=False)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")
        indexes = [
            models.Index(fields=["survey", "submitted_on"], name="response_survey_day"),
            models.Index(fields=["survey", "kecamatan", "age_band", "sex"], name="response_survey_groups"),
            models.Index(fields=["survey", "id"], name="response_survey_id"),
        ]
        permissions = [
            ("export_responses", _("Boleh mengekspor jawaban survei")),
            ("view_city_results", _("Boleh membaca hasil survei seluruh kota")),
            ("view_school_results", _("Boleh membaca hasil survei sekolahnya sendiri")),
            ("act_for_every_school", _("Boleh bertindak untuk setiap sekolah (kode kelas, laporan)")),
        ]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"

    def answers_by_code(self, definition: Definition) -> dict:
        """The stored answers back in the shape a form takes: a list for multiple choice, one value otherwise."""
        values: dict = {}
        for answer in self.answers.all():
            question = definition.question(answer.question_code)
            value = answer.choice_code if answer.choice_code is not None else answer.number_value
            value = answer.text_value if value is None else value
            if question is not None and question.is_multiple:
                values.setdefault(answer.question_code, []).append(value)
            else:
                values[answer.question_code] = value
        return values


class Answer(models.Model):
    """One answer to one question, by code. A multiple-choice answer is one row per chosen code."""

    response = models.ForeignKey(
        Response, verbose_name=_("jawaban survei"), on_delete=models.CASCADE, related_name="answers"
    )
    question_code = models.CharField(_("kode pertanyaan"), max_length=40)
    choice_code = models.CharField(_("kode pilihan"), max_length=40, null=True, blank=True)
    number_value = models.IntegerField(_("angka"), null=True, blank=True)
    text_value = models.TextField(_("teks"), blank=True)

    class Meta:
        verbose_name = _("jawaban")
        verbose_name_plural = _("jawaban")
        indexes = [models.Index(fields=["question_code", "choice_code"], name="answer_question_choice")]
        constraints = [
            models.UniqueConstraint(fields=["response", "question_code", "choice_code"], name="answer_once_per_choice")
        ]

    def __str__(self) -> str:
        return f"{self.question_code}={self.choice_code or self.number_value or self.text_value}"


CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
# Characters that are read for one another when a code is copied from a board or a slip. A typed code reads each
# group as its first member (``surveys.services.normalise_code``). The alphabet holds at most one member of a group
# (today none: a code never needs the reading), so two codes never read as one.
CODE_LOOK_ALIKES = ("0O", "1IL", "5S", "8B", "2Z")


class SpentCodeQuerySet(models.QuerySet):
    def for_school(self, school) -> SpentCodeQuerySet:
        return self.filter(school=school)

    def usable(self, at: datetime.datetime | None = None) -> SpentCodeQuerySet:
        return self.filter(expires_at__gt=at or timezone.now(), uses__lt=models.F("max_uses"))


class SpentCode(models.Model):
    """A short code given to a class, used at most ``max_uses`` times before ``expires_at``; the codes of every kind
    share one alphabet and one code never means two things (:func:`surveys.services.is_code_taken`)."""

    code = models.CharField(_("kode"), max_length=CODE_LENGTH, unique=True)
    max_uses = models.PositiveIntegerField(_("batas pemakaian"), validators=[MinValueValidator(1)])
    uses = models.PositiveIntegerField(_("sudah dipakai"), default=0)
    expires_at = models.DateTimeField(_("berlaku sampai"))
    created_by = models.ForeignKey(
        "cms.User", verbose_name=_("dibuat oleh"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_on = models.DateField(_("dibuat"), auto_now_add=True)

    objects = SpentCodeQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["school", "code"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_used_up(self) -> bool:
        return self.uses >= self.max_uses


class ClassCode(SpentCode):
    """A short code a teacher gives a class: it ties each response to a school and level, never to a child."""

    survey = models.ForeignKey(
        SurveyPage, verbose_name=_("survei"), on_delete=models.CASCADE, related_name="class_codes"
    )
    school = models.ForeignKey(
        "cms.School", verbose_name=_("sekolah"), on_delete=models.CASCADE, related_name="class_codes"
    )
    school_level = models.CharField(_("jenjang sekolah"), max_length=3, choices=SchoolLevel.choices)

    class Meta(SpentCode.Meta):
        verbose_name = _("kode kelas")
        verbose_name_plural = _("kode kelas")

    def link_query(self) -> str:
        """The query of the survey link printed with this code (the slip's QR code): the code, filled in, and for a
        primary-school (SD) class the level, so even the first screen is in the younger children's words."""
        query = {"kode": self.code}
        if self.school_level == SchoolLevel.SD:
            query["jenjang"] = SchoolLevel.SD
        return urlencode(query)


class HeardClassCode(SpentCode):
    """A class code for "Apakah suaramu didengar?" after a consultation was answered: a teacher or facilitator gives
    it to a class that took part, and each child answers the one standard question once with it. Typed, checked and
    spent like a survey's :class:`ClassCode` (same alphabet, same forgiving reading, never the same code twice
    across both); the answers are the consultation's ``forum.HeardAnswer``, not tied to the code or the school."""

    consultation = models.ForeignKey(
        "forum.ConsultationPage",
        verbose_name=_("konsultasi"),
        on_delete=models.CASCADE,
        related_name="heard_class_codes",
    )
    school = models.ForeignKey(
        "cms.School", verbose_name=_("sekolah"), on_delete=models.CASCADE, related_name="heard_class_codes"
    )

    class Meta(SpentCode.Meta):
        verbose_name = _("kode kelas “suaramu didengar?”")
        verbose_name_plural = _("kode kelas “suaramu didengar?”")


class SchoolSubmission(models.Model):
    """A school's own answer to a schools-audience survey: one per school per survey round, editable until it closes."""

    survey = models.ForeignKey(
        SurveyPage, verbose_name=_("survei"), on_delete=models.PROTECT, related_name="school_submissions"
    )
    school = models.ForeignKey(
        "cms.School", verbose_name=_("sekolah"), on_delete=models.CASCADE, related_name="survey_submissions"
    )
    response = models.OneToOneField(
        Response, verbose_name=_("jawaban survei"), on_delete=models.CASCADE, related_name="school_submission"
    )
    submitted_by = models.ForeignKey(
        "cms.User", verbose_name=_("dikirim oleh"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_on = models.DateField(_("terakhir diubah"))

    class Meta:
        verbose_name = _("kuesioner sekolah")
        verbose_name_plural = _("kuesioner sekolah")
        constraints = [models.UniqueConstraint(fields=["survey", "school"], name="school_submission_once_per_round")]

    def __str__(self) -> str:
        return f"{self.school} · {self.survey}"


class WordLanguage(models.TextChoices):
    INDONESIAN = "id", _("Bahasa Indonesia")
    ENGLISH = "en", _("Bahasa Inggris")


class SafeguardingWord(models.Model):
    """A word or phrase whose appearance in a child's free text puts the answer in the safeguarding queue.

    A word matches at the start of a word, so ``pukul`` also catches ``pukulan``; add prefixed forms
    (``dipukul``) as their own words.
    """

    word = models.CharField(_("kata atau frasa"), max_length=80, unique=True)
    language = models.CharField(_("bahasa"), max_length=2, choices=WordLanguage.choices)

    class Meta:
        verbose_name = _("kata perlindungan anak")
        verbose_name_plural = _("kata perlindungan anak")
        ordering = ["language", "word"]

    def __str__(self) -> str:
        return self.word


class FlagStatus(models.TextChoices):
    NEW = "new", _("Baru")
    REVIEWED = "reviewed", _("Sudah ditinjau")


class FlagAction(models.TextChoices):
    NONE = "none", _("Tidak perlu tindakan")
    UPTD_PPA = "uptd_ppa", _("Dirujuk ke UPTD PPA")
    SAPA_129 = "sapa_129", _("Dirujuk ke SAPA 129")
    SCHOOL = "school", _("Diteruskan ke sekolah")


class SafeguardingFlag(models.Model):
    """A free-text answer that matched the word list, waiting for a trained person to read it and act."""

    answer = models.OneToOneField(
        Answer, verbose_name=_("jawaban"), on_delete=models.CASCADE, related_name="safeguarding_flag"
    )
    matched_words = models.JSONField(_("kata yang cocok"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=FlagStatus.choices, default=FlagStatus.NEW)
    action = models.CharField(_("tindakan"), max_length=10, choices=FlagAction.choices, blank=True)
    note = models.TextField(_("catatan tindakan"), blank=True, help_text=_("Jangan tulis nama anak."))
    flagged_on = models.DateField(_("ditandai"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        "cms.User", verbose_name=_("ditinjau oleh"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_on = models.DateField(_("tanggal ditinjau"), null=True, blank=True)

    class Meta:
        verbose_name = _("tanda perlindungan anak")
        verbose_name_plural = _("antrean perlindungan anak")
        ordering = ["status", "-flagged_on", "-pk"]
        permissions = [("view_free_text", _("Boleh melihat jawaban teks bebas anak (perlindungan anak)"))]

    def __str__(self) -> str:
        """A number only: the child's words never reach a title, a log entry or a breadcrumb."""
        return _("Tanda #%(number)s") % {"number": self.pk}

    @property
    def text(self) -> str:
        return self.answer.text_value

    @property
    def survey(self) -> SurveyPage:
        return self.answer.response.survey
