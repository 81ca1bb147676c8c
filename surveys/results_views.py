"""The results pages: officials (whole city, every filter), school coordinators (their school beside the rest
of the city), the public page of published questions, exports and the printable evidence report.

Views only read the request, ask ``surveys.results`` / ``surveys.indicators`` for suppressed figures and
render them; no view touches a response or an answer.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from cms.vocabulary import DEFAULT_K, Role
from surveys import result_exports, results
from surveys.indicators import indicator_table
from surveys.results_forms import ResultFilterForm
from surveys.results_services import log_export

READER_ROLES = (Role.OFFICIAL.value, Role.FACILITATOR.value)


def is_results_reader(user) -> bool:
    """Officials and facilitators read the whole city's results; administrators too."""
    return user.is_superuser or user.groups.filter(name__in=READER_ROLES).exists()


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
        user = request.user
        if user.school_id is None or not user.groups.filter(name=Role.SCHOOL_COORDINATOR.value).exists():
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


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
        scope = results.Scope(survey, form.result_filter(), by=form.breakdown(), area=filtered_by)
        context.update(
            scope=scope,
            charts=results.question_charts(scope),
            respondents=results.respondent_count(scope),
            filtered_by=filtered_by,
            k=survey.min_group_size,
            rule=result_exports.suppression_rule(survey.min_group_size),
        )
        code = request.GET.get("tren", "")
        if code:
            context["trend"] = results.trend_chart_for(code, list(form.fields["survei"].queryset))
    context["query"] = form.as_query()
    return context


@require_GET
@readers_only
def official_dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/results/official.html", _official_context(request))


@require_GET
@readers_only
def evidence_report(request: HttpRequest) -> HttpResponse:
    context = _official_context(request)
    log_export(
        user=request.user,
        survey=context["survey"],
        kind="laporan-bukti",
        file_format="html",
        filters=context["query"],
    )
    return render(request, "surveys/results/report.html", context)


EXPORT_FORMATS = ("csv", "xlsx")


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@readers_only
def export_indicators(request: HttpRequest, file_format: str) -> HttpResponse:
    if file_format not in EXPORT_FORMATS:
        raise Http404
    form = ResultFilterForm(request.GET or None)
    period, area = form.period(), form.area()
    rows = result_exports.indicator_rows(indicator_table(period, area))
    preamble = [str(result_exports.suppression_rule(5))]
    log_export(user=request.user, kind="indikator", file_format=file_format, filters=form.as_query())
    name = f"indikator-partisipasi-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{file_format}"
    if file_format == "xlsx":
        return _download(result_exports.as_xlsx(rows, preamble, title="Indikator"), result_exports.XLSX_TYPE, name)
    return _download(result_exports.as_csv(rows, preamble), result_exports.CSV_TYPE, name)


@require_GET
@readers_only
def export_summary(request: HttpRequest, file_format: str) -> HttpResponse:
    if file_format not in EXPORT_FORMATS:
        raise Http404
    form = ResultFilterForm(request.GET or None)
    survey = form.survey()
    if survey is None:
        raise Http404
    filtered_by = form.describe()
    scope = results.Scope(survey, form.result_filter(), by=form.breakdown(), area=filtered_by)
    rows = result_exports.summary_rows(results.question_charts(scope))
    preamble = [
        survey.title,
        filtered_by or str(scope.area_label),
        result_exports.suppression_rule(survey.min_group_size),
    ]
    log_export(user=request.user, survey=survey, kind="ringkasan", file_format=file_format, filters=form.as_query())
    name = f"ringkasan-{slugify(survey.slug)}.{file_format}"
    if file_format == "xlsx":
        return _download(result_exports.as_xlsx(rows, preamble, title="Ringkasan"), result_exports.XLSX_TYPE, name)
    return _download(result_exports.as_csv(rows, preamble), result_exports.CSV_TYPE, name)


@require_GET
@coordinators_only
def school_dashboard(request: HttpRequest) -> HttpResponse:
    """The coordinator's own school only: no parameter can name another school."""
    school = request.user.school
    surveys = list(ResultFilterForm().fields["survei"].queryset)
    chosen = request.GET.get("survei", "")
    survey = next((s for s in surveys if str(s.pk) == chosen), surveys[0] if surveys else None)
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
        },
    )


@require_GET
def public_results(request: HttpRequest) -> HttpResponse:
    sections = []
    for survey in results.published_surveys():
        charts = []
        for code in survey.published_results:
            for by in (None, "kecamatan"):
                chart = results.published_chart(survey, code, by=by)
                if chart is not None:
                    charts.append(chart)
        if charts:
            sections.append({"survey": survey, "charts": charts})
    return render(request, "surveys/results/public.html", {"sections": sections})
