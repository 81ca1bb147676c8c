"""Staff pages under ``/staf/survei/``: class codes and their printable sheet, the school questionnaire, which
schools have answered, and exports. Coordinators act only for their own school; another school is a 404.
"""

from __future__ import annotations

import datetime
import functools
from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.log_actions import log
from wagtail.models import Locale

from cms.models import Download, School
from cms.queue import enqueue
from cms.roles import (
    ANSWER_FOR_SCHOOL,
    EXPORT_RESPONSES,
    GENERATE_CODES,
    READ_CITY_RESULTS,
    SEE_FREE_TEXT,
    SEE_SCHOOL_REPORT,
    uses_staff_pages,
)
from cms.spreadsheets import FORMATS, Sheet, record_export
from cms.spreadsheets import download as download_file
from cms.vocabulary import AuditAction
from forum.models import ConsultationPage
from surveys import exports
from surveys.forms import CodeBatchForm, ExportFilterForm, school_questionnaire_form
from surveys.models import Audience, ClassCode, Response, SchoolSubmission, SurveyPage
from surveys.permissions import acts_for_every_school, schools_for, sees_own_school_results
from surveys.qr import qr_data_uri
from surveys.services import generate_codes, save_school_answers

#: What a background job writes: the exports' formats and the evidence pack's PDF (``results:report_pdf``).
DOWNLOAD_TYPES = {**FORMATS, "pdf": "application/pdf"}


def source_surveys():
    return SurveyPage.objects.filter(locale=Locale.get_default()).order_by("-first_published_at", "title")


def get_survey(survey_id: int, audience: Audience | None = None) -> SurveyPage:
    """The live survey ``survey_id``; with ``audience``, a survey of another audience is a 404, as if it did not exist
    (class codes are for children's surveys, the questionnaire and its report for schools')."""
    surveys = source_surveys().live()
    return get_object_or_404(surveys.filter(audience=audience) if audience else surveys, pk=survey_id)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if not uses_staff_pages(request.user):
        raise PermissionDenied
    context = {
        "surveys": source_surveys().live(),
        "schools": schools_for(request.user),
        "acts_for_every_school": acts_for_every_school(request.user),
        "can_answer_for_school": request.user.has_perm(ANSWER_FOR_SCHOOL) and request.user.school_id,
        "can_export": request.user.has_perm(EXPORT_RESPONSES),
        "can_see_report": request.user.has_perm(SEE_SCHOOL_REPORT),
        "export_form": ExportFilterForm(),
        "sees_school_results": sees_own_school_results(request.user),
        "reads_city_results": request.user.has_perm(READ_CITY_RESULTS),
        "answered_consultations": answered_consultations() if request.user.has_perm(GENERATE_CODES) else [],
    }
    return render(request, "surveys/staff/home.html", context)


@login_required
@permission_required(GENERATE_CODES, raise_exception=True)
def code_schools(request: HttpRequest, survey_id: int) -> HttpResponse:
    """Facilitators pick a school; a coordinator goes straight to their own."""
    survey = get_survey(survey_id, Audience.CHILDREN)
    schools = schools_for(request.user).select_related("kelurahan")
    if not acts_for_every_school(request.user):
        school = schools.first()
        if school is None:
            raise Http404
        return redirect("surveys:school_codes", survey.pk, school.pk)
    return render(request, "surveys/staff/code_schools.html", {"survey": survey, "schools": schools})


@never_cache
@login_required
@permission_required(GENERATE_CODES, raise_exception=True)
def school_codes(request: HttpRequest, survey_id: int, school_id: int) -> HttpResponse:
    survey = get_survey(survey_id, Audience.CHILDREN)
    school = get_object_or_404(schools_for(request.user), pk=school_id)
    initial = {"expires_on": timezone.localdate() + datetime.timedelta(days=30)}
    form = CodeBatchForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        issue_codes(request, form, functools.partial(generate_codes, survey, school), audited=survey, school=school)
        return redirect("surveys:school_codes", survey.pk, school.pk)
    codes = ClassCode.objects.filter(survey=survey).for_school(school).order_by("-created_on", "code")
    context = {"survey": survey, "school": school, "form": form, "codes": codes}
    return render(request, "surveys/staff/school_codes.html", context)


def issue_codes(request: HttpRequest, form: CodeBatchForm, make, *, audited, school, **noted) -> None:
    """Make the batch of class codes ``form`` asks for with ``make`` (a code generator of ``surveys.services`` given
    its survey or consultation and school), note it in ``audited``'s history and tell the user how many."""
    count, max_uses = form.cleaned_data["count"], form.cleaned_data["max_uses"]
    codes = make(count=count, max_uses=max_uses, expires_at=form.expires_at(), user=request.user)
    data = {"school": school.pk, "count": len(codes), "max_uses": max_uses, **noted}
    log(instance=audited, action=AuditAction.CLASS_CODES, user=request.user, data=data)
    messages.success(request, _("%(count)s kode kelas dibuat.") % {"count": len(codes)})


def answered_consultations():
    """Consultations whose classes may be asked "suaramu didengar?": live and answered, the latest answer first."""
    return ConsultationPage.objects.live().answered().order_by("-answer__answered_on", "title")


@never_cache
@login_required
@permission_required(GENERATE_CODES, raise_exception=True)
def code_sheet(request: HttpRequest, survey_id: int, school_id: int) -> HttpResponse:
    """One slip per usable code, each with a QR code that opens the survey with the code filled in."""
    survey = get_survey(survey_id, Audience.CHILDREN)
    school = get_object_or_404(schools_for(request.user), pk=school_id)
    survey_url = request.build_absolute_uri(survey.url)
    slips = []
    for code in ClassCode.objects.filter(survey=survey).for_school(school).usable():
        link = f"{survey_url}?{code.link_query()}"
        slips.append({"code": code, "link": link, "qr": qr_data_uri(link)})
    return render(request, "surveys/staff/code_sheet.html", {"survey": survey, "school": school, "slips": slips})


@never_cache
@login_required
@permission_required(ANSWER_FOR_SCHOOL, raise_exception=True)
def school_questionnaire(request: HttpRequest, survey_id: int) -> HttpResponse:
    """The coordinator's own school answers once per round and may change its answers until the round closes."""
    survey = get_survey(survey_id, Audience.SCHOOLS)
    school = request.user.school
    if school is None:
        raise Http404
    submission = SchoolSubmission.objects.filter(survey=survey, school=school).select_related("response").first()
    definition = survey.get_definition()
    initial = submission.response.answers_by_code(definition) if submission else {}
    form = school_questionnaire_form(definition, request.POST or None, initial)
    is_open = survey.is_open()
    if request.method == "POST":
        if not is_open:
            raise PermissionDenied
        if form.is_valid():
            save_school_answers(survey, school, form.cleaned_data, user=request.user)
            messages.success(request, _("Jawaban sekolah tersimpan. Anda bisa mengubahnya sampai survei ditutup."))
            return redirect("surveys:school_questionnaire", survey.pk)
    context = {"survey": survey, "school": school, "form": form, "submission": submission, "is_open": is_open}
    return render(request, "surveys/staff/school_questionnaire.html", context)


@login_required
@permission_required(SEE_SCHOOL_REPORT, raise_exception=True)
def school_report(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_survey(survey_id, Audience.SCHOOLS)
    answered = SchoolSubmission.objects.filter(survey=survey, school=OuterRef("pk"))
    schools = School.objects.select_related("kelurahan").annotate(has_answered=Exists(answered)).order_by("name")
    if survey.target_school_levels:
        schools = schools.filter(level__in=survey.target_school_levels)
    answered_count = sum(1 for school in schools if school.has_answered)
    context = {"survey": survey, "schools": schools, "answered": answered_count, "total": len(schools)}
    return render(request, "surveys/staff/school_report.html", context)


@login_required
@permission_required(EXPORT_RESPONSES, raise_exception=True)
def export(request: HttpRequest, survey_id: int, file_format: str) -> HttpResponse:
    """One row per response; free text only for readers with the safeguarding permission. Every export is logged.

    Up to ``EXPORT_DIRECT_ROWS`` rows download at once; a larger export becomes a background job, and the reader
    goes to its progress page (the request only counts up to the limit, so it stays short at any size).
    """
    if file_format not in FORMATS:
        raise Http404
    survey = get_survey(survey_id)
    form = ExportFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponse(_("Filter ekspor tidak valid."), status=HTTPStatus.BAD_REQUEST, content_type="text/plain")
    free_text = request.user.has_perm(SEE_FREE_TEXT)
    responses = form.filter(Response.objects.for_survey(survey).by_audience())
    filename = f"{survey.slug}-{timezone.localdate().isoformat()}"
    details = {"survey": survey.pk, "filters": form.used_filters(), "free_text": free_text}
    if responses[: settings.EXPORT_DIRECT_ROWS + 1].count() > settings.EXPORT_DIRECT_ROWS:
        params = {**details, "language": translation.get_language()}
        download = Download.objects.create(
            owner=request.user, kind="jawaban", file_format=file_format, filename=filename, params=params
        )
        record_export(request, audited=survey, kind="jawaban", file_format=file_format, details=details)
        enqueue(exports.run_export, str(download.pk))
        return redirect("surveys:download", download.pk)
    sheet = Sheet(title="responses", rows=exports.export_rows(responses, survey, free_text=free_text), escaped=True)
    return download_file(
        request,
        sheet,
        file_format=file_format,
        filename=filename,
        audited=survey,
        kind="jawaban",
        details=details,
    )


@never_cache
@login_required
def download(request: HttpRequest, download_id) -> HttpResponse:
    """A background export's progress: a bar that refreshes itself (without JavaScript) until the file is ready or
    the job has failed, then the link or the reason in words. Only its owner sees it; to anyone else it is a 404."""
    item = get_object_or_404(Download.objects.for_owner(request.user), pk=download_id)
    return render(request, "surveys/staff/download.html", {"download": item, "refresh_seconds": 2})


@never_cache
@login_required
def download_result(request: HttpRequest, download_id) -> FileResponse:
    """The finished file, to its owner only, never stored by a cache; before it is ready, a 404."""
    item = get_object_or_404(Download.objects.for_owner(request.user), pk=download_id)
    if not item.is_ready or not item.path.is_file():
        raise Http404
    response = FileResponse(
        item.path.open("rb"),
        as_attachment=True,
        filename=f"{item.filename}.{item.file_format}",
        content_type=DOWNLOAD_TYPES[item.file_format],
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
