"""Consultations: children give input on a policy, programme, plan or regulation, and the answer comes back.

The flow, each step in its own model so each role edits only its own step: children's ``ConsultationInput``
(moderated by facilitators) → the facilitators' ``ConsultationSummary`` and its delivery → the agency's
``ConsultationAnswer`` → shown on the ``ConsultationPage`` under "Suaramu didengar".
"""

import datetime
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django_ratelimit.decorators import ratelimit
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.models import Region
from cms.vocabulary import AgeBand, RegionLevel
from forum.forms import INPUT_MAX_LENGTH, InputForm

SENT_PARAMETER = "terkirim"
#: Where the kode jejak waits between the POST and the page that shows it, once; popped when shown.
NEW_CODE_SESSION_KEY = "forum.kode_jejak"


def input_rate(group: str, request: HttpRequest) -> str:
    """How many inputs one client may send (``FORUM_INPUT_RATE``); read per request so a city can tune it
    for schools where a whole class shares one address."""
    return settings.FORUM_INPUT_RATE


class ConsultationIndexPage(Page):
    """``/konsultasi/``: every consultation, grouped as open, awaiting an answer and answered."""

    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["forum.ConsultationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("daftar konsultasi")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        consultations = ConsultationPage.objects.child_of(self).live().order_by("-opens_on")
        today = timezone.localdate()
        context["open_consultations"] = consultations.open(today)
        context["awaiting_consultations"] = consultations.awaiting_answer(today)
        context["answered_consultations"] = consultations.answered()
        return context


class SubjectType(models.TextChoices):
    POLICY = "policy", _("Kebijakan")
    PROGRAMME = "programme", _("Program")
    PLAN = "plan", _("Rencana")
    REGULATION = "regulation", _("Peraturan")


class ConsultationTarget(models.TextChoices):
    ALL_CHILDREN = "all", _("Semua anak")
    FORUM_MEMBERS = "members", _("Anggota Forum Anak")
    KECAMATAN = "kecamatan", _("Anak di satu kecamatan")


class ConsultationPageQuerySet(PageQuerySet):
    def open(self, on: datetime.date) -> "ConsultationPageQuerySet":
        """Taking input on ``on`` and not yet answered."""
        return self.filter(opens_on__lte=on, closes_on__gte=on, answer__isnull=True)

    def awaiting_answer(self, on: datetime.date) -> "ConsultationPageQuerySet":
        """Closed for input, but the agency has not answered yet."""
        return self.filter(closes_on__lt=on, answer__isnull=True)

    def answered(self) -> "ConsultationPageQuerySet":
        return self.filter(answer__isnull=False)


ConsultationPageManager = PageManager.from_queryset(ConsultationPageQuerySet)


class ConsultationPage(Page):
    """One consultation. Children send input from this page (no account, no personal data, works without
    JavaScript); once the agency answers, the page shows the outcome under "Suaramu didengar"."""

    subject_name = models.CharField(_("nama kebijakan/program/rencana"), max_length=255)
    subject_type = models.CharField(_("jenis"), max_length=12, choices=SubjectType.choices)
    agency = models.CharField(
        _("instansi penanggung jawab"), max_length=255, help_text=_("OPD yang akan menjawab masukan anak.")
    )
    background = models.TextField(_("penjelasan untuk anak"), blank=True)
    question = models.TextField(_("pertanyaan untuk anak"))
    opens_on = models.DateField(_("dibuka tanggal"))
    closes_on = models.DateField(_("ditutup tanggal"))
    target = models.CharField(
        _("sasaran"), max_length=10, choices=ConsultationTarget.choices, default=ConsultationTarget.ALL_CHILDREN
    )
    target_kecamatan = models.ForeignKey(
        Region,
        verbose_name=_("kecamatan sasaran"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": RegionLevel.KECAMATAN},
    )

    objects = ConsultationPageManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("subject_name"), FieldPanel("subject_type"), FieldPanel("agency")], heading=_("Yang dibahas")
        ),
        FieldPanel("background"),
        FieldPanel("question"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")], heading=_("Masa konsultasi")),
        FieldRowPanel([FieldPanel("target"), FieldPanel("target_kecamatan")], heading=_("Sasaran")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("subject_name"),
        index.SearchField("question"),
        index.SearchField("agency"),
    ]
    parent_page_types = ["forum.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("konsultasi")

    def clean(self) -> None:
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("Tanggal tutup tidak boleh sebelum tanggal buka.")})
        if self.target == ConsultationTarget.KECAMATAN and not self.target_kecamatan_id:
            raise ValidationError({"target_kecamatan": _("Pilih kecamatan sasaran.")})
        if self.target != ConsultationTarget.KECAMATAN:
            self.target_kecamatan = None

    def is_open_on(self, day: datetime.date) -> bool:
        return self.opens_on <= day <= self.closes_on and not self.has_answer

    @property
    def is_open(self) -> bool:
        return self.is_open_on(timezone.localdate())

    @property
    def is_upcoming(self) -> bool:
        return timezone.localdate() < self.opens_on

    @property
    def has_answer(self) -> bool:
        return ConsultationAnswer.objects.filter(consultation_id=self.pk).exists()

    def kelurahan_choices(self) -> models.QuerySet:
        """The kelurahan a child may pick: those of the target kecamatan, or all of them."""
        kelurahan = Region.objects.kelurahan()
        if self.target == ConsultationTarget.KECAMATAN and self.target_kecamatan_id:
            return kelurahan.filter(parent_id=self.target_kecamatan_id)
        return kelurahan

    def get_input_form(self, data=None) -> InputForm:
        return InputForm(data, kelurahan=self.kelurahan_choices())

    def process_input(self, form: InputForm) -> "ConsultationInput":
        """Store one child's input, dated by day only, waiting for a facilitator to read it."""
        return ConsultationInput.objects.create(
            consultation=self,
            text=form.cleaned_data["text"],
            age_band=form.cleaned_data["age_band"],
            kelurahan=form.cleaned_data["kelurahan"],
            submitted_on=timezone.localdate(),
        )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["public_inputs"] = self.inputs.approved()
        context["summary"] = ConsultationSummary.objects.filter(consultation=self, delivered_on__isnull=False).first()
        context["answer"] = ConsultationAnswer.objects.filter(consultation=self).first()
        context["is_sent"] = request.GET.get(SENT_PARAMETER) == "1"
        if context["is_sent"] and hasattr(request, "session"):
            context["tracking_code"] = request.session.pop(NEW_CODE_SESSION_KEY, None)
        context["input_max_length"] = INPUT_MAX_LENGTH
        return context

    @method_decorator(ratelimit(key="ip", rate=input_rate, method="POST", block=True))
    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        status = HTTPStatus.OK
        if request.method == "POST" and self.is_open:
            form = self.get_input_form(request.POST)
            if form.is_valid():
                from forum.codes import display
                from forum.services import issue_tracking_code

                code = issue_tracking_code(self.process_input(form))
                request.session[NEW_CODE_SESSION_KEY] = display(code)
                return redirect(f"{self.get_url(request)}?{SENT_PARAMETER}=1")
            status = HTTPStatus.BAD_REQUEST
        else:
            form = self.get_input_form()
        context = self.get_context(request, *args, **kwargs)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request, *args, **kwargs), context, status=status)


class InputStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu moderasi")
    APPROVED = "approved", _("Disetujui, tampil publik")
    HIDDEN = "hidden", _("Disembunyikan")


class ConsultationInputQuerySet(models.QuerySet):
    def approved(self) -> "ConsultationInputQuerySet":
        """What the public may read: only input a facilitator approved."""
        return self.filter(status=InputStatus.APPROVED)

    def pending(self) -> "ConsultationInputQuerySet":
        return self.filter(status=InputStatus.PENDING)


class ConsultationInput(models.Model):
    """One child's input. Deliberately holds nothing that identifies a child: no name, contact, address,
    IP address, user agent, session or time of day; the date only, and optionally an age band and kelurahan.
    Invisible to the public until a facilitator approves it."""

    consultation = models.ForeignKey(
        ConsultationPage, verbose_name=_("konsultasi"), on_delete=models.CASCADE, related_name="inputs"
    )
    text = models.TextField(_("masukan"), validators=[MaxLengthValidator(INPUT_MAX_LENGTH)])
    age_band = models.CharField(_("kelompok umur"), max_length=5, choices=AgeBand.choices, blank=True)
    kelurahan = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"level": RegionLevel.KELURAHAN},
    )
    submitted_on = models.DateField(_("tanggal dikirim"))
    status = models.CharField(_("status"), max_length=10, choices=InputStatus.choices, default=InputStatus.PENDING)

    objects = ConsultationInputQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        verbose_name = _("masukan anak")
        verbose_name_plural = _("masukan anak")

    def __str__(self) -> str:
        return self.text[:60]


class ConsultationSummary(models.Model):
    """The facilitators' summary of the approved input, and when and to whom it was delivered."""

    consultation = models.OneToOneField(
        ConsultationPage, verbose_name=_("konsultasi"), on_delete=models.CASCADE, related_name="summary"
    )
    text = models.TextField(_("rangkuman masukan anak"))
    delivered_on = models.DateField(_("tanggal diserahkan"), null=True, blank=True)
    delivered_to = models.CharField(
        _("diserahkan kepada"), max_length=255, blank=True, help_text=_("Nama jabatan dan instansi penerima.")
    )

    class Meta:
        verbose_name = _("rangkuman konsultasi")
        verbose_name_plural = _("rangkuman konsultasi")

    def __str__(self) -> str:
        return str(self.consultation)

    @property
    def is_delivered(self) -> bool:
        return self.delivered_on is not None

    def clean(self) -> None:
        if bool(self.delivered_on) != bool(self.delivered_to):
            raise ValidationError(_("Isi tanggal diserahkan dan penerimanya bersama-sama."))


class AnswerDecision(models.TextChoices):
    ACCEPTED = "accepted", _("Diterima")
    PARTLY_ACCEPTED = "partly", _("Diterima sebagian")
    UNDER_CONSIDERATION = "considering", _("Sedang dipertimbangkan")
    NOT_ACCEPTED = "not_accepted", _("Tidak diterima")


ADOPTED_DECISIONS = (AnswerDecision.ACCEPTED, AnswerDecision.PARTLY_ACCEPTED)

CHILD_HEADLINES = {
    AnswerDecision.ACCEPTED: _("Usulan kalian diterima!"),
    AnswerDecision.PARTLY_ACCEPTED: _("Sebagian usulan kalian diterima."),
    AnswerDecision.UNDER_CONSIDERATION: _("Usulan kalian sedang dipertimbangkan."),
    AnswerDecision.NOT_ACCEPTED: _("Usulan kalian belum bisa diterima."),
}

CHILD_EXPLANATIONS = {
    AnswerDecision.ACCEPTED: _("%(agency)s setuju dengan masukan kalian dan akan menjalankannya."),
    AnswerDecision.PARTLY_ACCEPTED: _("%(agency)s menjalankan sebagian masukan kalian. Baca alasannya di bawah."),
    AnswerDecision.UNDER_CONSIDERATION: _("%(agency)s belum memutuskan, tetapi masukan kalian sedang dibahas."),
    AnswerDecision.NOT_ACCEPTED: _(
        "%(agency)s belum bisa menjalankan masukan kalian. Ini alasannya dan apa yang akan dilakukan."
    ),
}


class ConsultationAnswer(models.Model):
    """The responsible agency's answer, in plain words, recorded by one of its officials after the summary
    was delivered. Its existence is what moves a consultation to "answered"."""

    consultation = models.OneToOneField(
        ConsultationPage, verbose_name=_("konsultasi"), on_delete=models.CASCADE, related_name="answer"
    )
    decision = models.CharField(_("keputusan"), max_length=12, choices=AnswerDecision.choices)
    reasons = models.TextField(_("alasan"), help_text=_("Dengan kata-kata sederhana yang dimengerti anak."))
    next_steps = models.TextField(_("langkah selanjutnya"), help_text=_("Apa yang akan dilakukan, dan kapan."))
    answered_on = models.DateField(_("tanggal dijawab"), default=timezone.localdate)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dijawab oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("jawaban instansi")
        verbose_name_plural = _("jawaban instansi")

    def __str__(self) -> str:
        return str(self.consultation)

    def clean(self) -> None:
        if not self.consultation_id:
            return
        delivered = ConsultationSummary.objects.filter(consultation_id=self.consultation_id, delivered_on__isnull=False)
        if not delivered.exists():
            raise ValidationError(
                {"consultation": _("Rangkuman masukan anak belum diserahkan; jawaban dicatat setelah diserahkan.")}
            )

    @property
    def child_headline(self) -> str:
        return CHILD_HEADLINES[self.decision]

    @property
    def child_explanation(self) -> str:
        return CHILD_EXPLANATIONS[self.decision] % {"agency": self.consultation.agency}
