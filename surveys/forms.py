"""The forms a child fills in: assent, coarse demographics, and one form per section built from its questions."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cms.models import Region, School
from cms.vocabulary import AgeBand, SchoolLevel, Sex
from surveys.definition import PREFER_NOT_TO_SAY, Definition, Question, Section
from surveys.models import SurveyPage


def date_picker() -> forms.DateInput:
    """The browser's own date picker, which reads and writes only ISO dates, whatever the page's language."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


REQUIRED_MESSAGE = _("Pertanyaan ini perlu dijawab. Kalau tidak ingin menjawab, pilih “Saya tidak ingin menjawab”.")
TEXT_LIMITS = {"short_text": 200, "long_text": 2000}
FREE_TEXT_WARNING = _("Jangan tulis nama, nomor HP, atau alamat.")


class AssentForm(forms.Form):
    AGREE = "agree"
    DISAGREE = "disagree"

    choice = forms.ChoiceField(choices=[(AGREE, _("Saya setuju")), (DISAGREE, _("Saya tidak setuju"))])
    kode = forms.CharField(
        label=_("Kode kelas"),
        help_text=_("Enam huruf dan angka dari gurumu, misalnya K7M3QA."),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def __init__(self, *args, code_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.code_required = code_required
        if not code_required:
            self.fields["kode"].label = _("Kode kelas (kalau ada)")
            self.fields["kode"].help_text = _(
                "Kalau gurumu menulis kode kelas di papan, ketik di sini. Kalau tidak ada, kosongkan saja."
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.code_required and self.agrees and not cleaned.get("kode"):
            self.add_error("kode", _("Survei ini memakai kode kelas. Tulis kode dari gurumu."))
        return cleaned

    @property
    def agrees(self) -> bool:
        return self.cleaned_data.get("choice") == self.AGREE

    def refuse_code(self, message: str) -> None:
        """Show why the typed code cannot be used, next to it; where codes are optional, say the box may be empty."""
        self.add_error("kode", message)
        if not self.code_required:
            self.add_error(
                "kode",
                _("Kalau kamu tidak punya kode kelas, kosongkan kotaknya, lalu tekan “Saya setuju, mulai” lagi."),
            )


KECAMATAN_UNKNOWN = "tidak_tahu"


class DemographicsForm(forms.Form):
    """Every field is optional and coarse; the choices follow the survey's targets when it has any."""

    age_band = forms.ChoiceField(
        label=_("Berapa umurmu?"), choices=AgeBand.choices, required=False, widget=forms.RadioSelect
    )
    sex = forms.ChoiceField(label=_("Kamu anak…"), choices=Sex.choices, required=False, widget=forms.RadioSelect)
    school_level = forms.ChoiceField(
        label=_("Kamu sekolah di jenjang apa?"), choices=(), required=False, widget=forms.RadioSelect
    )
    kecamatan = forms.TypedChoiceField(
        label=_("Di kecamatan mana sekolahmu?"),
        help_text=_("Kalau tidak tahu, pilih “Aku tidak tahu”."),
        choices=(),
        coerce=str,
        required=False,
    )

    def __init__(self, *args, page: SurveyPage, has_class_code: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if self.initial.get("kecamatan_unknown"):
            self.initial = {**self.initial, "kecamatan": KECAMATAN_UNKNOWN}
        if has_class_code:  # the school, its level and its area come from the code: she is not asked for them
            del self.fields["school_level"], self.fields["kecamatan"]
            return
        levels = page.target_school_levels or [level for level in SchoolLevel.values if level != SchoolLevel.SLB]
        self.fields["school_level"].choices = [
            (value, label) for value, label in SchoolLevel.choices if value in levels
        ]
        targets = page.survey.target_kecamatan.all()
        regions = targets if targets.exists() else Region.objects.kecamatan()
        self.fields["kecamatan"].choices = [
            ("", _("(tidak ingin menjawab)")),
            *((str(region.pk), region.name) for region in regions),
            (KECAMATAN_UNKNOWN, _("Aku tidak tahu")),
        ]

    def to_draft(self) -> dict[str, Any]:
        """The answers as the draft keeps them. A kecamatan is its id; "I do not know" and no answer are both kept
        as no kecamatan, so the response's area is unknown and never a guess (``surveys.models.response_kecamatan``
        is then NULL, and results count it in the one "not stated" row)."""
        data = dict(self.cleaned_data)
        if "kecamatan" in data:
            chosen = data.get("kecamatan") or ""
            data["kecamatan"] = int(chosen) if chosen.isdigit() else None
            data["kecamatan_unknown"] = chosen == KECAMATAN_UNKNOWN
        return data


class FaceRadioSelect(forms.RadioSelect):
    """A scale shown as faces beside its words: the words are each option's label (what a screen reader reads and
    what is stored), the face is decoration hidden from assistive technology. Plain radio buttons, so it works
    without JavaScript; each option is a tap target of at least 44 px (static/css/survey.css)."""

    option_template_name = "surveys/widgets/face_option.html"

    def __init__(self, *args, faces: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.faces = faces

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["face"] = self.faces.get(str(value), "")
        return option


def question_field(question: Question) -> forms.Field:
    """A form field for one question, never required by itself: ``SectionForm.clean`` decides once skip logic ran."""
    common = {"label": question.label, "help_text": question.help_text, "required": False}
    if question.is_choice:
        answer_choices = question.answer_choices()
        choices = [(choice.code, choice.label) for choice in answer_choices]
        if question.is_multiple:
            return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
        faces = {choice.code: choice.face for choice in answer_choices if choice.face}
        widget = FaceRadioSelect(faces=faces) if faces else forms.RadioSelect
        return forms.ChoiceField(choices=choices, widget=widget, **common)
    if question.is_number:
        return forms.IntegerField(
            min_value=question.min_value,
            max_value=question.max_value,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            **common,
        )
    limit = TEXT_LIMITS.get(question.type, 200)
    widget = forms.Textarea(attrs={"rows": 3}) if question.type == "long_text" else forms.TextInput
    common["help_text"] = (
        format_lazy("{} {}", question.help_text, FREE_TEXT_WARNING) if question.help_text else FREE_TEXT_WARNING
    )
    return forms.CharField(max_length=limit, widget=widget, **common)


class SectionForm(forms.Form):
    """The questions of one section. Required and hidden are judged together with the answers of earlier sections."""

    def __init__(
        self,
        *args,
        definition: Definition,
        section: Section,
        earlier_answers: dict[str, Any],
        on_screen: set[str] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.section = section
        self.earlier_answers = earlier_answers
        # The follow-ups the child saw on the posted screen; one called for now but not seen is asked next (pending).
        self.on_screen = on_screen
        self.pending: set[str] = set()
        self.questions = {question.code: question for question in section.questions}
        for question in section.questions:
            self.fields[question.code] = question_field(question)
            self.fields[question.code].recording_url = question.recording_url

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        answers = {**self.earlier_answers, **cleaned}
        for code, question in self.questions.items():
            if not self.definition.is_question_shown(question, answers):
                cleaned[code] = [] if question.is_multiple else ""
                self.errors.pop(code, None)
                continue
            value = cleaned.get(code)
            if self.is_unseen_follow_up(question) and value in (None, "", []):
                self.pending.add(code)
                self.errors.pop(code, None)
                continue
            if question.required and code not in self.errors and value in (None, "", []):
                self.add_error(code, REQUIRED_MESSAGE)
            if question.is_multiple and PREFER_NOT_TO_SAY in (value or []) and len(value) > 1:
                self.add_error(code, _("“Saya tidak ingin menjawab” tidak bisa dipilih bersama jawaban lain."))
        return cleaned

    def is_unseen_follow_up(self, question) -> bool:
        return (
            self.on_screen is not None
            and question.code not in self.on_screen
            and self.definition.follow_up_level(self.section, question) > 0
        )

    def valid_answers(self) -> dict[str, Any]:
        """What the child gave that passed its checks, to keep in the draft even when another field has an error."""
        data = getattr(self, "cleaned_data", {})
        return {
            code: data[code]
            for code in self.questions
            if code in data and code not in self.errors and code not in self.pending
        }

    def skip_rules(self) -> dict[str, Any]:
        """The data the browser needs to hide and show questions as the server would (see static/js/survey.js)."""
        return {
            "answers": self.earlier_answers,
            "questions": {
                code: {"question": q.show_if.question, "values": list(q.show_if.values)}
                for code, q in self.questions.items()
                if q.show_if
            },
            "multiple": [code for code, q in self.questions.items() if q.is_multiple],
        }


class CodeBatchForm(forms.Form):
    """How many class codes to make for one school, how many children each may bring, and until when."""

    count = forms.IntegerField(label=_("Jumlah kode (satu per kelas)"), min_value=1, max_value=60, initial=5)
    max_uses = forms.IntegerField(label=_("Batas pemakaian per kode"), min_value=1, max_value=200, initial=40)
    expires_on = forms.DateField(label=_("Berlaku sampai (tanggal)"), widget=date_picker(), input_formats=["%Y-%m-%d"])

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        if expires_on < timezone.localdate():
            raise forms.ValidationError(_("Tanggal berlaku tidak boleh sebelum hari ini."))
        return expires_on

    def expires_at(self) -> datetime.datetime:
        """The end of the chosen day, in the site's time zone."""
        day = self.cleaned_data["expires_on"] + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class HeardCodeForm(forms.Form):
    """The class code a child types for "Apakah suaramu didengar?"; read as forgivingly as a survey's class code."""

    kode = forms.CharField(
        label=_("Kode kelas"),
        help_text=_("Enam huruf dan angka dari gurumu, misalnya K7M3QA."),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": _("Tulis kode kelas dari gurumu.")},
    )


class ExportFilterForm(forms.Form):
    """The filters an export may carry; each used one is written to the audit log with the export."""

    school = forms.ModelChoiceField(label=_("Sekolah"), queryset=School.objects.all(), required=False)
    school_level = forms.ChoiceField(
        label=_("Jenjang"), choices=[("", _("Semua jenjang")), *SchoolLevel.choices], required=False
    )
    date_from = forms.DateField(label=_("Dari tanggal"), required=False, widget=date_picker())
    date_to = forms.DateField(label=_("Sampai tanggal"), required=False, widget=date_picker())

    def filter(self, responses):
        data = self.cleaned_data
        if data.get("school"):
            responses = responses.filter(school=data["school"])
        if data.get("school_level"):
            responses = responses.filter(school_level=data["school_level"])
        if data.get("date_from"):
            responses = responses.filter(submitted_on__gte=data["date_from"])
        if data.get("date_to"):
            responses = responses.filter(submitted_on__lte=data["date_to"])
        return responses

    def used_filters(self) -> dict[str, Any]:
        return {
            name: (value.pk if hasattr(value, "pk") else str(value))
            for name, value in self.cleaned_data.items()
            if value not in (None, "")
        }


def school_questionnaire_form(definition: Definition, data=None, initial=None) -> SectionForm:
    """The whole school questionnaire on one screen: every question of the definition in one form."""
    everything = Section(title="", questions=tuple(definition.questions()))
    return SectionForm(data, initial=initial or {}, definition=definition, section=everything, earlier_answers={})


class XLSFormUploadForm(forms.Form):
    """An XLSForm to import as a draft survey; by default any refused row refuses the whole file."""

    file = forms.FileField(
        label=_("berkas XLSForm (.xlsx)"),
        validators=[FileExtensionValidator(["xlsx"], message=_("Unggah berkas .xlsx (XLSForm)."))],
    )
    skip_unsupported = forms.BooleanField(
        label=_("lewati baris yang tidak didukung"),
        required=False,
        help_text=_("Tanpa centang, satu baris yang tidak didukung membatalkan seluruh impor."),
    )

    def clean_file(self):
        from surveys.xlsform.reading import MAX_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Berkas lebih dari %d MB.") % (MAX_BYTES // (1024 * 1024)))
        return upload
