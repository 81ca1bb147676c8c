"""Admin views for facilitators: start a new survey from a module of the question bank."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log
from wagtail.models import Locale

from cms.vocabulary import AuditAction
from surveys.models import SurveyIndexPage
from surveys.question_bank import get_module, modules
from surveys.services import create_survey_from_bank


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
