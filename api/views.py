"""The staff pages where an official makes and revokes API tokens, and the open-data download."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from wagtail.log_actions import log

from api import opendata
from api.models import ApiToken
from cms.replica import reads_from_replica
from cms.vocabulary import AuditAction
from surveys.results.forms import surveys_with_results
from surveys.results.views import readers_only


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Nama token"),
        max_length=80,
        help_text=gettext_lazy("Untuk apa token ini, misalnya “Portal Satu Data”."),
    )


@never_cache
@readers_only
def tokens(request: HttpRequest) -> HttpResponse:
    """The reader's own tokens; a new one is shown once, on the page that made it, and never again."""
    form = TokenForm(request.POST or None)
    raw = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            token, raw = ApiToken.issue(request.user, form.cleaned_data["name"])
            log(instance=token, action=AuditAction.API_TOKEN_CREATE, user=request.user, data={"name": token.name})
            form = TokenForm()
        else:
            status = 400
    context = {"form": form, "raw": raw, "tokens": ApiToken.objects.for_user(request.user)}
    return render(request, "api/tokens.html", context, status=status)


@require_POST
@readers_only
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.for_user(request.user), pk=token_id)
    if token.revoked_at is None:
        token.revoke()
        log(instance=token, action=AuditAction.API_TOKEN_REVOKE, user=request.user, data={"name": token.name})
        messages.success(request, _("Token “%(name)s” dicabut.") % {"name": token.name})
    return redirect("api:tokens")


@require_GET
@reads_from_replica
def open_data(request: HttpRequest, survey_id: int) -> HttpResponse:
    """A published survey's data package; a survey without published results does not exist here."""
    survey = surveys_with_results().filter(pk=survey_id).first()
    if survey is None or not survey.published_results:
        raise Http404
    response = HttpResponse(opendata.package(survey), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{opendata.package_name(survey)}.zip"'
    patch_cache_control(response, public=True, max_age=300)
    return response
