"""The participation indicator: one function per formula key, computed per period and area in SQL.

An :class:`.models.Indicator` record names a formula key; :data:`FORMULAS` maps each key to a function
``(period, area) -> Figure``. Every figure carries its numerator, denominator, the method in words and how
many children stand behind it. Counts of children pass through ``.suppression.suppress_count`` (shown as
"< k" under k); counts of schools, regions and policies are about institutions and are shown as they are.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from cms.models import Region, School
from cms.vocabulary import DEFAULT_K, FeltHeard, RegionLevel
from forum.models import ConsultationInput, ForumGroup, HeardAnswer, InputStatus
from forum.services import consultation_outcomes, consultations_in_region
from surveys.models import Audience, Response, in_response_area
from surveys.results.models import ChildPopulation, Formula, Indicator, SchoolEnrolment
from surveys.results.suppression import CountTable, SuppressedCell, suppress, suppress_count


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @property
    def label(self) -> str:
        return f"{self.start:%d-%m-%Y} – {self.end:%d-%m-%Y}"


@dataclass(frozen=True)
class Figure:
    """One computed figure. ``numerator`` is a displayable cell; ``denominator`` ``None`` when there is none."""

    numerator: SuppressedCell
    denominator: int | None
    method: str
    respondents: SuppressedCell | None = None

    @property
    def rate(self) -> float | None:
        if self.numerator.value is None or not self.denominator:
            return None
        return round(100 * self.numerator.value / self.denominator, 1)


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    period: Period
    area_label: str
    figure: Figure

    @property
    def cluster_label(self) -> str:
        return self.indicator.get_cluster_display()


def area_label(area: Region | None) -> str:
    return str(area) if area is not None else _("Seluruh kota")


def _is_city(area: Region | None) -> bool:
    return area is None or area.level in (RegionLevel.PROVINCE, RegionLevel.CITY)


def responses_in(period: Period, area: Region | None):
    """Children taking part by survey: respondents of children's surveys (a submission with an answer,
    :func:`surveys.models.has_answers`) submitted in the period in the area (:func:`surveys.models.in_response_area`),
    as the dashboards count them. A school questionnaire's answers come from its coordinator, not from children:
    never counted here (:func:`schools` counts them as schools)."""
    responses = (
        Response.objects.by_children().answered().filter(submitted_on__gte=period.start, submitted_on__lte=period.end)
    )
    responses = _published(responses)
    if _is_city(area):
        return responses
    if area.level == RegionLevel.KECAMATAN:
        return responses.filter(in_response_area(kecamatan=area.code))
    return responses.filter(in_response_area(kelurahan=area.code))


def _published(responses):
    """Only the answers the dashboards publish (``rollup.publish``: in batches of at least k), so the indicator and
    the dashboards give one count, and neither changes when one child submits."""
    from surveys.models import SurveyPage
    from surveys.results import rollup

    for survey in SurveyPage.objects.filter(pk__in=responses.order_by().values("survey_id").distinct()):
        rollup.publish(survey)
    return rollup.published(responses)


def inputs_in(period: Period, area: Region | None):
    """Children's approved consultation inputs of the period from the area (by the kelurahan they gave)."""
    inputs = ConsultationInput.objects.filter(
        status=InputStatus.APPROVED, submitted_on__gte=period.start, submitted_on__lte=period.end
    )
    if _is_city(area):
        return inputs
    if area.level == RegionLevel.KECAMATAN:
        return inputs.filter(kelurahan__parent=area)
    return inputs.filter(kelurahan=area)


def _schools_in(area: Region | None):
    if _is_city(area):
        return School.objects.all()
    if area.level == RegionLevel.KECAMATAN:
        return School.objects.filter(kelurahan__parent=area)
    return School.objects.filter(kelurahan=area)


def regions_in(level: str, area: Region | None):
    """Regions of ``level`` in ``area`` (the area itself when it is of that level; every one for the city)."""
    regions = Region.objects.filter(level=level)
    if _is_city(area):
        return regions
    if area.level == level:
        return regions.filter(pk=area.pk)
    return regions.within(area)


def participants(period: Period, area: Region | None) -> Figure:
    taking_part = responses_in(period, area).count() + inputs_in(period, area).count()
    shown = suppress_count(taking_part, DEFAULT_K)
    return Figure(
        shown,
        None,
        _(
            "Jumlah responden survei anak (kiriman dengan sedikitnya satu jawaban) dalam periode ini ditambah "
            "jumlah masukan anak pada konsultasi yang disetujui dalam periode ini. Kuesioner sekolah tidak dihitung. "
            "Seorang anak yang mengisi dua survei dihitung dua kali, karena anak tidak pernah diberi identitas."
        ),
        shown,
    )


def rate_population(period: Period, area: Region | None) -> Figure:
    base = participants(period, area)
    population = ChildPopulation.objects.filter(year=period.end.year)
    if not _is_city(area) and area.level == RegionLevel.KECAMATAN:
        population = population.filter(kelurahan__parent=area)
    elif not _is_city(area):
        population = population.filter(kelurahan=area)
    children = population.aggregate(total=Sum("children"))["total"]
    return Figure(
        base.numerator,
        children,
        _(
            "Anak yang berpartisipasi (lihat di atas) dibagi jumlah anak 0–17 tahun yang dicatat per kelurahan "
            "untuk tahun akhir periode."
        ),
        base.respondents,
    )


def rate_enrolment(period: Period, area: Region | None) -> Figure:
    schools = _schools_in(area)
    answered = responses_in(period, None).filter(school__in=schools).count()
    pupils = SchoolEnrolment.objects.filter(year=period.end.year, school__in=schools).aggregate(total=Sum("pupils"))
    shown = suppress_count(answered, DEFAULT_K)
    return Figure(
        shown,
        pupils["total"],
        _(
            "Responden survei anak dari sekolah di wilayah ini (menurut letak sekolahnya) dalam periode ini, "
            "dibagi jumlah siswa sekolah tersebut yang dicatat untuk tahun akhir periode."
        ),
        shown,
    )


def school_questionnaires_in(period: Period):
    """Schools' own answers to school questionnaires submitted in the period, with at least one answer."""
    return (
        Response.objects.by_audience()
        .filter(survey__audience=Audience.SCHOOLS)
        .answered()
        .filter(submitted_on__gte=period.start, submitted_on__lte=period.end)
    )


def schools(period: Period, area: Region | None) -> Figure:
    in_area = _schools_in(area)
    by_children = responses_in(period, None).values("school")
    by_coordinators = school_questionnaires_in(period).values("school_submission__school")
    taking_part = in_area.filter(Q(pk__in=by_children) | Q(pk__in=by_coordinators)).count()
    return Figure(
        SuppressedCell(taking_part, str(taking_part)),
        in_area.count(),
        _(
            "Sekolah yang dalam periode ini mempunyai sedikitnya satu jawaban survei anak dari siswanya atau mengisi "
            "kuesioner sekolah, dari semua sekolah terdaftar."
        ),
    )


def _forum_figure(level: str, period: Period, area: Region | None) -> Figure:
    regions = regions_in(level, area)
    active = ForumGroup.objects.active(period.end).filter(region__in=regions).count()
    return Figure(
        SuppressedCell(active, str(active)),
        regions.count(),
        _(
            "Wilayah yang Forum Anak-nya berstatus aktif dan mengadakan sedikitnya satu kegiatan dalam dua belas "
            "bulan sampai akhir periode, dari semua wilayah setingkat."
        ),
    )


def kelurahan_forum(period: Period, area: Region | None) -> Figure:
    return _forum_figure(RegionLevel.KELURAHAN, period, area)


def kecamatan_forum(period: Period, area: Region | None) -> Figure:
    if area is not None and area.level == RegionLevel.KELURAHAN:
        area = area.parent
    return _forum_figure(RegionLevel.KECAMATAN, period, area)


def policies_input(period: Period, area: Region | None) -> Figure:
    outcomes = consultation_outcomes(period.start, period.end, None if _is_city(area) else area)
    return Figure(
        SuppressedCell(outcomes.with_input, str(outcomes.with_input)),
        None,
        _(
            "Kebijakan, program, rencana dan peraturan yang rangkuman masukan anaknya (dengan sedikitnya satu "
            "masukan yang disetujui) diserahkan kepada instansi dalam periode ini."
        ),
    )


def policies_answered(period: Period, area: Region | None) -> Figure:
    outcomes = consultation_outcomes(period.start, period.end, None if _is_city(area) else area)
    return Figure(
        SuppressedCell(outcomes.answered, str(outcomes.answered)),
        outcomes.with_input,
        _("Dari kebijakan dengan masukan anak yang terdokumentasi, yang sudah dijawab tertulis oleh instansi."),
    )


def felt_heard(period: Period, area: Region | None) -> Figure:
    """Of the children who answered "Apakah suaramu didengar?" in the period, on consultations concerning the area,
    how many said yes. Yes and the rest ("partly" and "no") are one table, suppressed together, so neither can be
    worked out from the other and the total when one of them is small."""
    answers = HeardAnswer.objects.filter(
        answered_on__gte=period.start,
        answered_on__lte=period.end,
        consultation__in=consultations_in_region(None if _is_city(area) else area),
    ).aggregate(yes=Count("pk", filter=Q(felt_heard=FeltHeard.YES)), everyone=Count("pk"))
    table = CountTable.from_counts(
        [{"choice": "yes", "n": answers["yes"]}, {"choice": "rest", "n": answers["everyone"] - answers["yes"]}],
        columns=("yes", "rest"),
        row_field=None,
    )
    shown = suppress(table, DEFAULT_K)
    return Figure(
        shown.cells[0][0],
        shown.grand_total.value,
        _(
            "Anak yang menjawab “Ya, suaraku didengar” dibagi semua anak yang menjawab pertanyaan “Apakah suaramu "
            "didengar?” dalam periode ini (lewat kode jejak atau kode kelas, setelah instansi menjawab), untuk "
            "konsultasi di wilayah ini. Jawaban “Sebagian” tidak dihitung sebagai didengar. Setiap kode jejak menjawab "
            "sekali; kode kelas sebanyak batas pemakaiannya."
        ),
        shown.grand_total,
    )


FORMULAS: dict[str, Callable[[Period, Region | None], Figure]] = {
    Formula.PARTICIPANTS: participants,
    Formula.RATE_POPULATION: rate_population,
    Formula.RATE_ENROLMENT: rate_enrolment,
    Formula.SCHOOLS: schools,
    Formula.KELURAHAN_FORUM: kelurahan_forum,
    Formula.KECAMATAN_FORUM: kecamatan_forum,
    Formula.POLICIES_INPUT: policies_input,
    Formula.POLICIES_ANSWERED: policies_answered,
    Formula.FELT_HEARD: felt_heard,
}


def compute(indicator: Indicator, period: Period, area: Region | None = None) -> IndicatorResult:
    return IndicatorResult(indicator, period, area_label(area), FORMULAS[indicator.formula](period, area))


def indicator_table(period: Period, area: Region | None = None) -> list[IndicatorResult]:
    """Every active indicator for one period and area, in the officials' order."""
    return [compute(indicator, period, area) for indicator in Indicator.objects.active()]
