"""The filters of the results dashboards, read from GET parameters; bad input is an error, never a 500."""

from __future__ import annotations

import calendar
import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from cms.converters import IdConverter
from cms.models import Region, School
from cms.vocabulary import AgeBand, SchoolLevel, Sex
from surveys.models import SurveyPage
from surveys.results import boundaries
from surveys.results.counting import ResultFilter
from surveys.results.indicators import Period
from surveys.results.models import RegionBoundary
from surveys.results.pages import Scope

BLANK = [("", _("Semua"))]
DATE_FIELDS = ("dari", "sampai")
BREAKDOWN_CHOICES = [
    ("", _("Tanpa rincian")),
    ("kecamatan", _("Kecamatan")),
    ("age_band", _("Kelompok umur")),
    ("sex", _("Jenis kelamin")),
]


def surveys_with_results():
    """The children's surveys staff may pick from: published ones only, so a draft's title is never listed or
    pre-selected."""
    return SurveyPage.objects.live().for_children().filter(locale=Locale.get_default()).order_by("-opens_at", "pk")


class SurveyChoiceField(forms.ModelChoiceField):
    """A survey by page id. A survey page's id is a relation to its Wagtail page, and a lookup with a number too
    large for the database's integer fails there instead of finding nothing, so such a number is refused first."""

    def to_python(self, value):
        if value not in self.empty_values and not IdConverter.fits(str(value)):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


MONTH_HELP = _(
    "Bulan penuh, misalnya 2026-08. Hasil dihitung per bulan, tidak per hari, agar tidak ada anak yang dapat "
    "dikenali dari hari ia mengirim jawaban."
)


def month_text(day: datetime.date, pattern: str = "{month:02d}-{year:04d}") -> str:
    return pattern.format(year=day.year, month=day.month)


class MonthField(forms.DateField):
    """A whole month, as ``<input type="month">`` sends it (``2026-08``), cleaned to its first day, or with
    ``last`` to its last day.

    Dates filter results by whole months only: a day would single out the few children who answered on it, and
    the dashboards' rollup counts per month. A day (``2026-08-15``, from links saved when the form asked for days)
    still works and stands for its month.
    """

    widget = forms.DateInput(attrs={"type": "month"})
    input_formats = ["%Y-%m", "%Y-%m-%d"]
    default_error_messages = {"invalid": _("Tulis bulan seperti 2026-08.")}

    def __init__(self, *, last: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.last = last

    def to_python(self, value):
        day = super().to_python(value)
        if day is None:
            return None
        return day.replace(day=calendar.monthrange(day.year, day.month)[1] if self.last else 1)

    def prepare_value(self, value):
        """Shown as the month (``2026-08``), also when the query string gave a day."""
        if isinstance(value, str):
            try:
                value = super().to_python(value)
            except forms.ValidationError:
                return value
        return month_text(value, "{year:04d}-{month:02d}") if isinstance(value, datetime.date) else value


class ResultFilterForm(forms.Form):
    survei = SurveyChoiceField(label=_("Survei"), queryset=SurveyPage.objects.none(), required=False)
    dari = MonthField(label=_("Dari bulan"), required=False, help_text=MONTH_HELP)
    sampai = MonthField(label=_("Sampai bulan"), required=False, help_text=MONTH_HELP, last=True)
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    kelurahan = forms.ChoiceField(label=_("Kelurahan"), required=False)
    sekolah = forms.ModelChoiceField(label=_("Sekolah"), queryset=School.objects.all(), required=False)
    jenjang = forms.ChoiceField(label=_("Jenjang"), choices=BLANK + SchoolLevel.choices, required=False)
    umur = forms.ChoiceField(label=_("Kelompok umur"), choices=BLANK + AgeBand.choices, required=False)
    jk = forms.ChoiceField(label=_("Jenis kelamin"), choices=BLANK + Sex.choices, required=False)
    rinci = forms.ChoiceField(label=_("Rincian menurut"), choices=BREAKDOWN_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survei"].queryset = surveys_with_results()
        self.fields["survei"].empty_label = None
        self.fields["kecamatan"].choices = BLANK + list(Region.objects.kecamatan().values_list("code", "name"))
        self.fields["kelurahan"].choices = BLANK + list(Region.objects.kelurahan().values_list("code", "name"))

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["dari"] > data["sampai"]:
            raise forms.ValidationError(_("Bulan awal tidak boleh sesudah bulan akhir."))
        return data

    def survey(self) -> SurveyPage | None:
        chosen = self.cleaned_data.get("survei") if self.is_valid() else None
        return chosen or surveys_with_results().first()

    def result_filter(self) -> ResultFilter:
        if not self.is_valid():
            return ResultFilter()
        data = self.cleaned_data
        return ResultFilter(
            start=data.get("dari"),
            end=data.get("sampai"),
            kecamatan=data.get("kecamatan") or "",
            kelurahan=data.get("kelurahan") or "",
            school=data["sekolah"].pk if data.get("sekolah") else None,
            school_level=data.get("jenjang") or "",
            age_band=data.get("umur") or "",
            sex=data.get("jk") or "",
        )

    def scope(self, survey: SurveyPage) -> Scope:
        """What the officials' pages, exports and evidence pack show of ``survey``: the filtered row named after
        the filter, beside the rest."""
        return Scope(survey, self.result_filter(), by=self.breakdown(), area=self.describe(), part_label=self.name())

    def breakdown(self) -> str | None:
        return (self.cleaned_data.get("rinci") or None) if self.is_valid() else None

    def period(self) -> Period:
        """The indicator period: the dates given, else the current calendar year."""
        data = self.cleaned_data if self.is_valid() else {}
        year = datetime.date.today().year
        return Period(data.get("dari") or datetime.date(year, 1, 1), data.get("sampai") or datetime.date(year, 12, 31))

    def area(self) -> Region | None:
        data = self.cleaned_data if self.is_valid() else {}
        code = data.get("kelurahan") or data.get("kecamatan")
        return Region.objects.filter(code=code).first() if code else None

    def describe(self) -> str:
        """The filters in words, for captions and exports: "Kecamatan: Balikpapan Barat; Jenis kelamin: Perempuan"."""
        return "; ".join(f"{label}: {value}" for _name, label, value in self._chosen())

    def name(self) -> str:
        """What the filtered respondents are called in a table's row: "Balikpapan Barat, Perempuan"; a date says
        which end it is ("Balikpapan Barat, dari tanggal 01-03-2026")."""
        return ", ".join(
            f"{label.lower()} {value}" if name in DATE_FIELDS else value for name, label, value in self._chosen()
        )

    def _chosen(self) -> list[tuple[str, str, str]]:
        if not self.is_valid():
            return []
        chosen = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if name in ("survei", "rinci") or value in (None, ""):
                continue
            if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                value = dict(field.choices).get(value, value)
            elif isinstance(field, MonthField):
                value = month_text(value)
            chosen.append((name, str(field.label), str(value)))
        return chosen

    def as_query(self) -> dict[str, str]:
        """The filters as given, for links and the audit log; a value that failed validation is left out."""
        if not self.is_bound:
            return {}
        return {
            key: value for key, value in self.data.items() if key in self.fields and value and key not in self.errors
        }


class RegionBoundaryForm(WagtailAdminModelForm):
    """A region and its GeoJSON file; the file is checked (``surveys.results.boundaries``) and only its geometry kept."""

    berkas = forms.FileField(
        label=_("berkas GeoJSON"),
        required=False,
        help_text=_(
            "Satu Polygon atau MultiPolygon dalam WGS84 (bujur, lintang), paling besar 512 KB. Kosongkan saat "
            "mengubah bila batasnya tetap."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,application/geo+json,application/json"}),
    )

    class Meta:
        model = RegionBoundary
        fields = ["region", "source"]

    def clean_berkas(self):
        upload = self.cleaned_data.get("berkas")
        if not upload:
            if self.instance.pk is None:
                raise forms.ValidationError(_("Pilih berkas GeoJSON batas wilayah ini."))
            return None
        boundaries.check_size(upload.size)
        return boundaries.parse(upload.read())

    def save(self, commit=True):
        if self.cleaned_data.get("berkas"):
            self.instance.geometry = self.cleaned_data["berkas"]
        return super().save(commit=commit)
