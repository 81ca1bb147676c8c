"""The KLA evidence pack: for one period and area, everything an evaluator asks about children's participation.

The pack counts nothing of its own. Each figure is read from the function the dashboards read it from, with the
same suppression: the participation indicator from :func:`.indicators.indicator_table`, each survey's headlines
from :func:`.dashboard.headlines`, its charts and respondents from :mod:`.pages` for the same filter as the
officials' dashboard, the share who felt heard from :func:`.indicators.felt_heard`, the documented consultations
from :func:`forum.services.documented_consultations` and the active Forum Anak groups from
:meth:`forum.models.ForumGroupQuerySet.active`. The HTML page and the PDF render this one object with one template.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.contrib.staticfiles import finders
from django.db.models import Count, Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cms.models import Download, Region
from cms.vocabulary import DEFAULT_K, RegionLevel
from forum.models import (
    ConsultationPage,
    ForumGroup,
    InputStatus,
    Proposal,
    ProposalStep,
)
from forum.models.groups import GROUP_LEVELS
from forum.services import consultations_in_region, documented_consultations
from surveys.exports import fill_download
from surveys.results import dashboard
from surveys.results import exports as result_exports
from surveys.results import maps as result_maps
from surveys.results import pages as results
from surveys.results.charts import Chart
from surveys.results.forms import ResultFilterForm
from surveys.results.indicators import Figure, IndicatorResult, Period, area_label, felt_heard, indicator_table
from surveys.results.indicators import regions_in as indicator_regions_in
from surveys.results.suppression import SuppressedCell, SuppressedTable, suppress_count


@dataclass(frozen=True)
class SurveySection:
    """The survey the officials' dashboard shows for the same filter, as it shows it: the glance (headlines, trends
    across rounds, the kecamatan and their maps), the respondents and one chart per question."""

    survey: object
    scope: results.Scope
    glance: dashboard.Glance
    maps: list
    charts: list[Chart]
    respondents: SuppressedTable
    blank: SuppressedCell
    row_heading: str


@dataclass(frozen=True)
class Round:
    """Another children's survey open in the period, with its headline figures (whole city, as on its glance)."""

    survey: object
    headlines: list[dashboard.Headline]


@dataclass(frozen=True)
class ConsultationRow:
    """A consultation concerning the area, open or documented in the period, with the proposals made from it."""

    consultation: ConsultationPage
    inputs: SuppressedCell
    is_documented: bool
    proposals: list[Proposal]

    @cached_property
    def summary(self):
        return getattr(self.consultation, "summary", None)

    @cached_property
    def answer(self):
        return getattr(self.consultation, "answer", None)


@dataclass(frozen=True)
class GroupLevel:
    """The Forum Anak groups of one level in the area; ``regions`` is how many regions of that level there are."""

    level: str
    label: str
    groups: list[ForumGroup]
    active_ids: frozenset[int]
    regions: int

    @property
    def active(self) -> int:
        return len(self.active_ids)


@dataclass(frozen=True)
class EvidencePack:
    period: Period
    area: Region | None
    area_label: str
    indicators: list[IndicatorResult]
    survey: SurveySection | None
    other_rounds: list[Round]
    consultations: list[ConsultationRow]
    other_proposals: list[Proposal]
    felt_heard: Figure
    groups: list[GroupLevel]
    k: int
    rule: str
    definitions: list[tuple[str, str]]
    generated_on: datetime.date

    @property
    def documented(self) -> int:
        return sum(row.is_documented for row in self.consultations)

    @property
    def answered(self) -> int:
        return sum(row.is_documented and row.answer is not None for row in self.consultations)


def surveys_in(period: Period) -> list:
    """The published children's surveys open at some time in the period, oldest first (the dashboard's rounds)."""

    def day(moment):
        return timezone.localdate(moment) if moment else None

    return [
        survey
        for survey in dashboard.rounds()
        if (day(survey.opens_at) or period.start) <= period.end
        and (day(survey.closes_at) or period.end) >= period.start
    ]


def survey_section(form: ResultFilterForm, survey) -> SurveySection:
    """The survey as the officials' dashboard shows it for the same filter: the same glance, tables and charts."""
    scope = form.scope(survey)
    glance = dashboard.glance(survey)
    return SurveySection(
        survey=survey,
        scope=scope,
        glance=glance,
        maps=result_maps.maps(survey, None, glance.areas),
        charts=results.question_charts(scope),
        respondents=results.respondent_count(scope),
        blank=results.blank_count(scope),
        row_heading=str(results.BREAKDOWN_HEADINGS.get(scope.by, _("Kelompok"))),
    )


def _region(area: Region | None) -> Region | None:
    return None if area is None or area.level in (RegionLevel.PROVINCE, RegionLevel.CITY) else area


def consultation_rows(period: Period, area: Region | None) -> list[ConsultationRow]:
    """Consultations concerning the area that were open in the period or whose summary was delivered in it.

    ``is_documented`` marks those the indicator counts (:func:`forum.services.documented_consultations`), so the
    list and the indicator's "policies with children's input" are one count. Approved inputs are children's, so
    their number is suppressed like every count of children.
    """
    region = _region(area)
    documented = set(documented_consultations(period.start, period.end, region).values_list("pk", flat=True))
    open_in_period = Q(opens_on__lte=period.end, closes_on__gte=period.start)
    pages = (
        consultations_in_region(region)
        .filter(open_in_period | Q(pk__in=documented))
        .select_related("summary", "answer")
        .annotate(approved=Count("inputs", filter=Q(inputs__status=InputStatus.APPROVED)))
        .prefetch_related(Prefetch("proposals", queryset=_proposals().order_by("title", "pk")))
        .order_by("opens_on", "pk")
    )
    return [
        ConsultationRow(
            page, suppress_count(page.approved, DEFAULT_K), page.pk in documented, list(page.proposals.all())
        )
        for page in pages
    ]


def _proposals():
    return Proposal.objects.select_related("kecamatan").prefetch_related(
        Prefetch("steps", queryset=ProposalStep.objects.order_by("place", "pk"))
    )


def other_proposals(period: Period, area: Region | None) -> list[Proposal]:
    """Proposals from Forum Anak meetings or survey findings with a step recorded in the period, for the area
    (a kecamatan's own and the whole city's; a kelurahan's kecamatan's)."""
    proposals = _proposals().filter(consultation__isnull=True)
    stepped = ProposalStep.objects.filter(on__gte=period.start, on__lte=period.end).values("proposal")
    proposals = proposals.filter(pk__in=stepped)
    region = _region(area)
    if region is not None:
        kecamatan = region if region.level == RegionLevel.KECAMATAN else region.parent
        proposals = proposals.filter(Q(kecamatan=kecamatan) | Q(kecamatan__isnull=True))
    return list(proposals.order_by("title", "pk"))


def group_levels(period: Period, area: Region | None) -> list[GroupLevel]:
    """The Forum Anak groups per level in the area, and which count as active at the end of the period (the rule of
    the indicator's "kelurahan/kecamatan with an active Forum Anak")."""
    found = []
    for level in GROUP_LEVELS:
        regions = indicator_regions_in(level, area)
        groups = list(
            ForumGroup.objects.filter(region__in=regions)
            .select_related("region")
            .annotate(
                activities_in_period=Count(
                    "activities",
                    filter=Q(activities__date__gte=period.start, activities__date__lte=period.end),
                )
            )
        )
        active = ForumGroup.objects.active(period.end).filter(region__in=regions).values_list("pk", flat=True)
        found.append(GroupLevel(level, str(RegionLevel(level).label), groups, frozenset(active), regions.count()))
    return found


def build(form: ResultFilterForm) -> EvidencePack:
    """The pack for the period and area of ``form`` (the officials' filter form). Its survey is the dashboard's for
    the same query (``survei``, else the newest); the other children's surveys open in the period add their
    headline figures."""
    period, area = form.period(), form.area()
    survey = form.survey()
    every = dashboard.rounds()
    share_of = dashboard.remembered()
    return EvidencePack(
        period=period,
        area=area,
        area_label=area_label(area),
        indicators=indicator_table(period, area),
        survey=survey_section(form, survey) if survey is not None else None,
        other_rounds=[
            Round(other, dashboard.headlines(other, every, share_of))
            for other in surveys_in(period)
            if survey is None or other.pk != survey.pk
        ],
        consultations=consultation_rows(period, area),
        other_proposals=other_proposals(period, area),
        felt_heard=felt_heard(period, area),
        groups=group_levels(period, area),
        k=DEFAULT_K,
        rule=result_exports.suppression_rule(DEFAULT_K),
        definitions=result_exports.definitions(),
        generated_on=timezone.localdate(),
    )


#: The stylesheets of the pack's HTML page, which the PDF is drawn with too (in print media).
STYLESHEETS = ("css/charts.css", "css/results.css", "css/evidence.css")


def pdf(html: str) -> bytes:
    """The pack's HTML as a PDF, drawn on the server by WeasyPrint with the page's own stylesheets.

    Nothing is fetched while drawing: the charts and maps are inline SVG, the stylesheets are read from the static
    files, and any other address in the HTML (a link, an image) is refused, so rendering never reaches the network.
    """
    import weasyprint

    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",))
    stylesheets = [
        weasyprint.CSS(string=Path(finders.find(name)).read_text(encoding="utf-8"), url_fetcher=fetcher)
        for name in STYLESHEETS
    ]
    return weasyprint.HTML(string=html, url_fetcher=fetcher, media_type="print").write_pdf(stylesheets=stylesheets)


def filename(form: ResultFilterForm) -> str:
    """The PDF's name: the months it covers and, for an area, its name."""
    period, area = form.period(), form.area()
    name = f"paket-bukti-kla-{period.start:%Y%m}-{period.end:%Y%m}"
    return name + (f"-{slugify(area.name)}" if area is not None else "")


def write_pdf(download: Download) -> None:
    """Draw the pack the download asked for (its filters) into the download's file."""
    form = ResultFilterForm(download.params.get("filters") or None)
    download.set_progress(5)
    pack = build(form)
    download.set_progress(25)
    survey = pack.survey.survey if pack.survey else None
    html = render_to_string(
        "surveys/results/report_pdf.html", {"pack": pack, "query": form.as_query(), "survey": survey}
    )
    download.path.parent.mkdir(parents=True, exist_ok=True)
    partial = download.path.with_suffix(".part")
    partial.write_bytes(pdf(html))
    partial.replace(download.path)


def run_pdf(download_id: str) -> None:
    """The evidence-pack job: WeasyPrint takes seconds on a city's data, so the PDF is drawn by a worker."""
    fill_download(download_id, write_pdf)
