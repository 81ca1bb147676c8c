"""Admin views for facilitators: start a new survey from a module of the question bank or an XLSForm, and
download a survey as an XLSForm."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log
from wagtail.models import Locale

from cms.vocabulary import AuditAction
from surveys.forms import XLSFormUploadForm
from surveys.models import SurveyIndexPage, SurveyPage
from surveys.question_bank import get_module, modules
from surveys.services import create_survey_from_bank
from surveys.xlsform.reading import XLSFormRefused, import_xlsform
from surveys.xlsform.writing import export_xlsform

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def survey_index_for(request: HttpRequest) -> SurveyIndexPage | None:
    index = SurveyIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None or not index.permissions_for_user(request.user).can_add_subpage():
        return None
    return index


@require_http_methods(["GET", "POST"])
def bank(request: HttpRequest) -> HttpResponse:
    """GET lists the modules; POST creates a draft survey (with its English translation) and opens its editor."""
    index = survey_index_for(request)
    if index is None:
        raise PermissionDenied
    if request.method == "POST":
        module = get_module(request.POST.get("module", ""))
        if module is not None:
            page = create_survey_from_bank(module, index, user=request.user)
            log(instance=page, action=AuditAction.SURVEY_FROM_BANK, user=request.user, data={"module": module.slug})
            messages.success(
                request, _("Draf survei dibuat dari bank pertanyaan. Periksa, atur jadwal, lalu terbitkan.")
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
        messages.error(request, _("Modul tidak ditemukan."))
    language = "en" if (get_language() or "").startswith("en") else "id"
    choices = [(module.slug, module.name(language), module.data["sections"]) for module in modules().values()]
    return render(
        request,
        "surveys/admin/bank.html",
        {"modules": choices, "page_title": _("Bank pertanyaan"), "header_icon": "form"},
    )


@require_http_methods(["GET", "POST"])
def xlsform_import(request: HttpRequest) -> HttpResponse:
    """GET shows the upload form; POST imports the XLSForm as a draft survey and opens its editor, or shows every
    row refused (sheet, row, column) and creates nothing."""
    index = survey_index_for(request)
    if index is None:
        raise PermissionDenied
    form = XLSFormUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            page, read = import_xlsform(
                form.cleaned_data["file"].read(),
                index,
                user=request.user,
                strict=not form.cleaned_data["skip_unsupported"],
            )
        except XLSFormRefused as refused:
            problems = [str(problem) for problem in refused.problems]
        else:
            messages.success(request, _("Draf survei dibuat dari XLSForm. Periksa, atur jadwal, lalu terbitkan."))
            for problem in read.problems:
                messages.warning(request, _("Dilewati: %s") % problem)
            return redirect("wagtailadmin_pages:edit", page.pk)
    return render(
        request,
        "surveys/admin/xlsform_import.html",
        {"form": form, "problems": problems, "page_title": _("Impor XLSForm"), "header_icon": "upload"},
    )


def xlsform_export(request: HttpRequest, page_id: int) -> HttpResponse:
    """The survey as an XLSForm download, for whoever may edit it; logged in the audit log."""
    if survey_index_for(request) is None:
        raise PermissionDenied
    page = get_object_or_404(SurveyPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    content = export_xlsform(page, user=request.user)
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{page.survey.slug}.xlsx"'
    return response
