"""The results pages: officials (whole city, every filter), school coordinators (their school beside the rest
of the city), the public page of published questions, exports and the printable evidence report.

Views only read the request, ask ``surveys.results.pages`` / ``.indicators`` for suppressed figures and
render them; no view touches a response or an answer.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms.models import Download
from cms.queue import enqueue
from cms.replica import reads_from_replica
from cms.roles import READ_CITY_RESULTS
from cms.spreadsheets import Sheet, download, record_export
from cms.vocabulary import DEFAULT_K
from surveys.permissions import sees_own_school_results
from surveys.results import dashboard, evidence
from surveys.results import exports as result_exports
from surveys.results import maps as result_maps
from surveys.results import pages as results
from surveys.results.forms import ResultFilterForm
from surveys.results.indicators import indicator_table


def is_results_reader(user) -> bool:
    """Officials and facilitators read the whole city's results; administrators too."""
    return user.has_perm(READ_CITY_RESULTS)


def readers_only(view):
    @login_required
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_results_reader(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def coordinators_only(view):
    @login_required
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not sees_own_school_results(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def _scope(form: ResultFilterForm, survey) -> results.Scope:
    return form.scope(survey)


def _official_context(request: HttpRequest) -> dict:
    form = ResultFilterForm(request.GET or None)
    survey = form.survey()
    context = {"form": form, "survey": survey, "charts": [], "trend": None, "respondents": None}
    period = form.period()
    area = form.area()
    context["period"] = period
    context["indicators"] = indicator_table(period, area)
    context["indicator_area"] = area
    if survey is not None:
        filtered_by = form.describe()
        scope = _scope(form, survey)
        context.update(
            scope=scope,
            charts=results.question_charts(scope),
            respondents=results.respondent_count(scope),
            blank=results.blank_count(scope),
            row_heading=results.BREAKDOWN_HEADINGS.get(scope.by, _("Kelompok")),
            filtered_by=filtered_by,
            k=survey.min_group_size,
            rule=result_exports.suppression_rule(survey.min_group_size),
            glance=(glance := dashboard.glance(survey)),
            maps=result_maps.maps(survey, request.GET.get("peta"), glance.areas),
            map_measures=dashboard.MEASURES,
            definitions=result_exports.definitions(),
        )
        code = request.GET.get("tren", "")
        if code:
            context["trend"] = results.trend_chart_for(code, dashboard.rounds())
    context["query"] = form.as_query()
    context["query_without_trend"] = urlencode(context["query"]) + "&" if context["query"] else ""
    return context


@require_GET
@readers_only
@reads_from_replica
def official_dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/results/official.html", _official_context(request))


def _evidence_pack(request: HttpRequest, file_format: str) -> dict:
    """The pack for the request's period and area, recorded in the audit log as an export (who, which filters)."""
    form = ResultFilterForm(request.GET or None)
    pack = evidence.build(form)
    query = form.as_query()
    record_export(
        request,
        audited=pack.survey.survey if pack.survey else request.user,
        kind="laporan-bukti",
        file_format=file_format,
        details={"filters": query},
    )
    return {"pack": pack, "query": query, "survey": pack.survey.survey if pack.survey else None}


@require_GET
@readers_only
def evidence_report(request: HttpRequest) -> HttpResponse:
    """The KLA evidence pack as a page; the PDF (:func:`evidence_report_pdf`) is this page drawn for print."""
    return render(request, "surveys/results/report.html", _evidence_pack(request, "html"))


@require_GET
@readers_only
def evidence_report_pdf(request: HttpRequest) -> HttpResponse:
    """The KLA evidence pack as one PDF, drawn by a background job from the same template as the page; the reader
    goes to the download's progress page and takes the file there (only they can)."""
    form = ResultFilterForm(request.GET or None)
    query = form.as_query()
    survey = form.survey()
    record_export(
        request, audited=survey or request.user, kind="laporan-bukti", file_format="pdf", details={"filters": query}
    )
    download = Download.objects.create(
        owner=request.user,
        kind="laporan-bukti",
        file_format="pdf",
        filename=evidence.filename(form),
        params={"filters": query, "language": translation.get_language()},
    )
    enqueue(evidence.run_pdf, str(download.pk))
    return redirect("surveys:download", download.pk)


@require_GET
@readers_only
def export_indicators(request: HttpRequest, file_format: str) -> HttpResponse:
    form = ResultFilterForm(request.GET or None)
    period, area = form.period(), form.area()
    sheet = Sheet(
        title="Indikator",
        rows=result_exports.indicator_rows(indicator_table(period, area)),
        methods=result_exports.indicator_methods(period, area.name if area else _("Seluruh kota"), k=DEFAULT_K),
    )
    return download(
        request,
        sheet,
        file_format=file_format,
        filename=f"indikator-partisipasi-{period.start:%Y%m%d}-{period.end:%Y%m%d}",
        audited=request.user,
        kind="indikator",
        details={"filters": form.as_query()},
    )


@require_GET
@readers_only
def export_summary(request: HttpRequest, file_format: str) -> HttpResponse:
    form = ResultFilterForm(request.GET or None)
    survey = form.survey()
    if survey is None:
        raise Http404
    scope = _scope(form, survey)
    sheet = Sheet(
        title="Ringkasan",
        rows=result_exports.summary_rows(
            results.question_charts(scope),
            respondents=results.respondent_count(scope),
            blank=results.blank_count(scope),
            blank_group=scope.part_name if not scope.where.is_empty() else scope.area_label,
        ),
        methods=result_exports.summary_methods(survey, period=scope.period, filters=form.describe()),
    )
    return download(
        request,
        sheet,
        file_format=file_format,
        filename=f"ringkasan-{slugify(survey.slug)}",
        audited=survey,
        kind="ringkasan",
        details={"filters": form.as_query()},
    )


def _school_survey(request: HttpRequest) -> tuple[list, object]:
    """The children's surveys a coordinator may read, and the one asked for (``?survei=``, else the newest)."""
    surveys = list(ResultFilterForm().fields["survei"].queryset)
    chosen = request.GET.get("survei", "")
    return surveys, next((s for s in surveys if str(s.pk) == chosen), surveys[0] if surveys else None)


@require_GET
@coordinators_only
@reads_from_replica
def school_dashboard(request: HttpRequest) -> HttpResponse:
    """The coordinator's own school only: no parameter can name another school."""
    school = request.user.school
    surveys, survey = _school_survey(request)
    charts = results.school_charts(survey, school) if survey else []
    return render(
        request,
        "surveys/results/school.html",
        {
            "school": school,
            "surveys": surveys,
            "survey": survey,
            "charts": charts,
            "k": survey.min_group_size if survey else DEFAULT_K,
            "rule": result_exports.suppression_rule(survey.min_group_size if survey else DEFAULT_K),
            "definitions": result_exports.definitions(),
        },
    )


@require_GET
@reads_from_replica
def public_results(request: HttpRequest) -> HttpResponse:
    """Published questions for children and the public, in the page's language, drawn by the server for phones."""
    sections = []
    for survey in results.published_surveys():
        charts = []
        for code in survey.published_results:
            for by in (None, "kecamatan"):
                chart = results.published_chart(survey, code, by=by)
                if chart is not None:
                    charts.append(chart)
        if charts:
            sections.append(
                {"title": results.in_reader_language(survey).title, "charts": charts, "survey_id": survey.pk}
            )
    return render(request, "surveys/results/public.html", {"sections": sections})


@require_GET
@coordinators_only
def export_school_summary(request: HttpRequest, file_format: str) -> HttpResponse:
    """The coordinator's own school beside the rest of the city, as a file: the same suppressed tables as the
    page, never a response. The school always comes from the account, never from the request."""
    school = request.user.school
    _surveys, survey = _school_survey(request)
    if survey is None:
        raise Http404
    scope = results.school_scope(survey, school)
    sheet = Sheet(
        title="Ringkasan",
        rows=result_exports.summary_rows(results.school_charts(survey, school)),
        methods=result_exports.summary_methods(survey, period=scope.period, filters=school.name),
    )
    return download(
        request,
        sheet,
        file_format=file_format,
        filename=f"ringkasan-{slugify(survey.slug)}-{slugify(school.name)}",
        audited=survey,
        kind="ringkasan-sekolah",
        details={"school": school.pk},
    )
