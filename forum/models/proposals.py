"""Jejak Suara: what became of children's proposals, and whether the children felt heard.

A ``Proposal`` comes from children's consultation input, a Forum Anak meeting or a survey finding. It moves forward
through ``ProposalStep``s (received, discussed by the Forum Anak, Musrenbang at kelurahan, kecamatan and city level,
the agency's answer, carried out), each dated by day and attributed to a role, never to a person or a child.
A child follows her own input with the ``TrackingCode`` she was shown once ("kode jejak"), and answers the one
``HeardAnswer`` question after the agency answered.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.models import Region
from cms.vocabulary import FeltHeard, HeardReason, RegionLevel, Role
from forum.models.consultations import ConsultationInput, ConsultationPage
from forum.models.groups import Activity

RECORD_PROGRESS = "forum.record_progress"
RECORD_AGENCY_ANSWER = "forum.record_agency_answer"


class ProposalSource(models.TextChoices):
    CONSULTATION = "consultation", _("Masukan anak pada konsultasi")
    MEETING = "meeting", _("Pertemuan Forum Anak")
    SURVEY = "survey", _("Temuan survei anak")


class StepKind(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    DISCUSSED = "discussed", _("Dibahas Forum Anak")
    MUSRENBANG_KELURAHAN = "musrenbang_kelurahan", _("Dibawa ke Musrenbang kelurahan")
    MUSRENBANG_KECAMATAN = "musrenbang_kecamatan", _("Dibawa ke Musrenbang kecamatan")
    MUSRENBANG_CITY = "musrenbang_kota", _("Dibawa ke Musrenbang kota")
    ACCEPTED = "accepted", _("Dijawab instansi: diterima")
    PARTLY_ACCEPTED = "partly", _("Dijawab instansi: diterima sebagian")
    NOT_ACCEPTED = "not_accepted", _("Dijawab instansi: tidak diterima")
    CARRIED_OUT = "carried_out", _("Dilaksanakan")


#: Where each step stands on the way; a proposal only moves forward (a step may be skipped, never gone back to).
STEP_PLACE: dict[str, int] = {
    StepKind.RECEIVED: 0,
    StepKind.DISCUSSED: 1,
    StepKind.MUSRENBANG_KELURAHAN: 2,
    StepKind.MUSRENBANG_KECAMATAN: 3,
    StepKind.MUSRENBANG_CITY: 4,
    StepKind.ACCEPTED: 5,
    StepKind.PARTLY_ACCEPTED: 5,
    StepKind.NOT_ACCEPTED: 5,
    StepKind.CARRIED_OUT: 6,
}
ANSWER_KINDS = (StepKind.ACCEPTED, StepKind.PARTLY_ACCEPTED, StepKind.NOT_ACCEPTED)
#: Who may record each step: the agency's answer is the official's (or a facilitator's who also holds it), the rest
#: is the facilitators' record of progress.
STEP_PERMISSIONS: dict[str, str] = {
    kind: RECORD_AGENCY_ANSWER if kind in ANSWER_KINDS else RECORD_PROGRESS for kind in StepKind.values
}
#: The role a step is attributed to, by the permission it needs.
ATTRIBUTED_ROLE: dict[str, str] = {RECORD_PROGRESS: Role.FACILITATOR, RECORD_AGENCY_ANSWER: Role.OFFICIAL}

#: What a child reads for each step on her trail.
CHILD_STEP_TEXT = {
    StepKind.RECEIVED: _("Usulanmu sudah diterima dan dicatat."),
    StepKind.DISCUSSED: _("Forum Anak sudah membahas usulanmu."),
    StepKind.MUSRENBANG_KELURAHAN: _("Usulanmu dibawa ke Musrenbang kelurahan, rapat warga untuk rencana pembangunan."),
    StepKind.MUSRENBANG_KECAMATAN: _("Usulanmu dibawa ke Musrenbang kecamatan."),
    StepKind.MUSRENBANG_CITY: _("Usulanmu dibawa ke Musrenbang kota."),
    StepKind.ACCEPTED: _("Instansi menerima usulanmu!"),
    StepKind.PARTLY_ACCEPTED: _("Instansi menerima sebagian usulanmu."),
    StepKind.NOT_ACCEPTED: _("Instansi belum bisa menerima usulanmu."),
    StepKind.CARRIED_OUT: _("Usulanmu sudah dilaksanakan!"),
}


def check_step_place(previous: "ProposalStep | None", kind: str, on: datetime.date | None) -> None:
    """Refuse a step that would move a proposal backwards, stand still, skip the answer before "carried out", carry
    out what was not accepted, or be dated before the step it follows."""
    if previous is None:
        return
    if STEP_PLACE[kind] <= STEP_PLACE[previous.kind]:
        raise ValidationError(
            {
                "kind": _("Usulan ini sudah sampai tahap “%(previous)s”; tahap yang dicatat harus sesudahnya.")
                % {"previous": previous.get_kind_display()}
            }
        )
    if kind == StepKind.CARRIED_OUT and previous.kind not in (StepKind.ACCEPTED, StepKind.PARTLY_ACCEPTED):
        raise ValidationError({"kind": _("Hanya usulan yang diterima (seluruhnya atau sebagian) yang dilaksanakan.")})
    if on and on < previous.on:
        raise ValidationError(
            {"on": _("Tanggal tidak boleh sebelum tahap sebelumnya (%(date)s).") % {"date": f"{previous.on:%d-%m-%Y}"}}
        )


class ProposalQuerySet(models.QuerySet):
    def for_consultation(self, consultation: ConsultationPage) -> "ProposalQuerySet":
        return self.filter(consultation=consultation)

    def in_kecamatan(self, kecamatan: Region) -> "ProposalQuerySet":
        return self.filter(kecamatan=kecamatan)


class Proposal(models.Model):
    """One proposal of children, in the words the Forum Anak gave it; never names a child."""

    title = models.CharField(_("usulan"), max_length=200, help_text=_("Singkat, dengan kata-kata anak."))
    details = models.TextField(_("penjelasan"), blank=True)
    source = models.CharField(_("asal usulan"), max_length=14, choices=ProposalSource.choices)
    consultation = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("konsultasi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    inputs = models.ManyToManyField(
        ConsultationInput,
        verbose_name=_("masukan anak"),
        blank=True,
        related_name="proposals",
        help_text=_("Masukan anak yang menjadi usulan ini; anak yang mengirimnya dapat mengikuti jejaknya."),
    )
    meeting = models.ForeignKey(
        Activity,
        verbose_name=_("pertemuan Forum Anak"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    survey_finding = models.CharField(_("temuan survei"), max_length=255, blank=True)
    kecamatan = models.ForeignKey(
        Region,
        verbose_name=_("kecamatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": RegionLevel.KECAMATAN},
        help_text=_("Kosongkan bila usulan untuk seluruh kota."),
    )
    stage = models.CharField(_("tahap terakhir"), max_length=20, choices=StepKind.choices, blank=True, editable=False)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("usulan anak")
        verbose_name_plural = _("usulan anak")
        ordering = ["-pk"]
        permissions = [
            ("record_progress", _("Dapat mencatat tahap usulan anak")),
            ("record_agency_answer", _("Dapat mencatat jawaban instansi atas usulan anak")),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.source == ProposalSource.CONSULTATION and not self.consultation_id:
            raise ValidationError({"consultation": _("Pilih konsultasi asal usulan ini.")})
        if self.source == ProposalSource.MEETING and not self.meeting_id:
            raise ValidationError({"meeting": _("Pilih pertemuan Forum Anak asal usulan ini.")})
        if self.source == ProposalSource.SURVEY and not self.survey_finding:
            raise ValidationError({"survey_finding": _("Tulis temuan survei asal usulan ini.")})


class ProposalStep(models.Model):
    """One step of a proposal's trail: what happened, on which day, recorded by which role (never by whom)."""

    proposal = models.ForeignKey(Proposal, verbose_name=_("usulan"), on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("tahap"), max_length=20, choices=StepKind.choices)
    place = models.PositiveSmallIntegerField(editable=False)
    on = models.DateField(_("tanggal"))
    role = models.CharField(_("dicatat oleh peran"), max_length=20, choices=Role.choices, editable=False)
    note = models.TextField(
        _("keterangan untuk anak"),
        blank=True,
        help_text=_("Dengan kata-kata sederhana. Untuk jawaban instansi: alasannya, wajib diisi."),
    )
    year = models.PositiveSmallIntegerField(
        _("tahun dilaksanakan"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    budget_line = models.CharField(_("mata anggaran"), max_length=255, blank=True)
    evidence_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("bukti (dokumen)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    evidence_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("bukti (foto)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tahap usulan")
        verbose_name_plural = _("tahap usulan")
        ordering = ["proposal", "place", "pk"]
        constraints = [models.UniqueConstraint(fields=["proposal", "place"], name="one_step_per_place")]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.get_kind_display()}"

    def clean(self) -> None:
        if self.kind in ANSWER_KINDS and not self.note.strip():
            raise ValidationError({"note": _("Tulis alasan instansi dengan kata-kata yang dimengerti anak.")})
        if self.kind == StepKind.CARRIED_OUT and not self.year:
            raise ValidationError({"year": _("Tulis tahun usulan ini dilaksanakan.")})
        if self.kind != StepKind.CARRIED_OUT and (
            self.year or self.budget_line or self.evidence_document_id or self.evidence_image_id
        ):
            raise ValidationError(_("Tahun, mata anggaran dan bukti hanya diisi untuk tahap “Dilaksanakan”."))
        if self.proposal_id and self.kind:
            previous = self.proposal.steps.exclude(pk=self.pk).order_by("-place", "-pk").first()
            check_step_place(previous, self.kind, self.on)

    @property
    def child_text(self) -> str:
        return CHILD_STEP_TEXT[self.kind]

    @property
    def is_answer(self) -> bool:
        return self.kind in ANSWER_KINDS


class TrackingCode(models.Model):
    """A child's kode jejak, kept only as an HMAC (``forum.codes.digest``), tied to the one input she sent."""

    input = models.OneToOneField(
        ConsultationInput, verbose_name=_("masukan anak"), on_delete=models.CASCADE, related_name="tracking_code"
    )
    digest = models.CharField(max_length=64, unique=True)
    heard_answered_on = models.DateField(_("menjawab “suaramu didengar?”"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("kode jejak")
        verbose_name_plural = _("kode jejak")

    def __str__(self) -> str:
        return f"#{self.input_id}"


class HeardAnswer(models.Model):
    """ "Apakah suaramu didengar?": one answer per kode jejak, after the agency answered. Not linked to the code or
    the input (the code only remembers that it answered), dated by day; only ever counted, suppressed under k
    (``surveys.results.indicators.felt_heard``)."""

    consultation = models.ForeignKey(
        ConsultationPage, verbose_name=_("konsultasi"), on_delete=models.CASCADE, related_name="heard_answers"
    )
    felt_heard = models.CharField(_("apakah suaramu didengar?"), max_length=8, choices=FeltHeard.choices)
    why = models.CharField(_("mengapa?"), max_length=16, choices=HeardReason.choices)
    answered_on = models.DateField(_("tanggal menjawab"))

    class Meta:
        verbose_name = _("jawaban “suaramu didengar?”")
        verbose_name_plural = _("jawaban “suaramu didengar?”")

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.felt_heard}"


class ProposalReminder(models.Model):
    """That the adults a proposal waits on were reminded of it, once per waiting period: the period starts on the day
    of the proposal's last step (``waiting_since``), so a new step opens a new period. Names a role, never a person."""

    proposal = models.ForeignKey(Proposal, verbose_name=_("usulan"), on_delete=models.CASCADE, related_name="reminders")
    role = models.CharField(_("menunggu peran"), max_length=20, choices=Role.choices)
    waiting_since = models.DateField(_("menunggu sejak"))
    sent_on = models.DateField(_("diingatkan tanggal"))

    class Meta:
        verbose_name = _("pengingat usulan")
        verbose_name_plural = _("pengingat usulan")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "role", "waiting_since"], name="one_reminder_per_waiting")
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.role} {self.waiting_since}"


class DigestSent(models.Model):
    """That the weekly digest for the week starting ``week_of`` (a Monday) went out, so a rerun sends it no second
    time."""

    week_of = models.DateField(_("pekan mulai"), unique=True)
    sent_on = models.DateField(_("dikirim tanggal"))
    recipients = models.PositiveSmallIntegerField(_("jumlah penerima"))

    class Meta:
        verbose_name = _("ringkasan mingguan terkirim")
        verbose_name_plural = _("ringkasan mingguan terkirim")

    def __str__(self) -> str:
        return f"{self.week_of}"
