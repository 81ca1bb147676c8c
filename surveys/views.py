"""The child's way through a survey: assent, about you, one section per screen, thank you.

Every step is a plain form (POST, redirect, GET). The draft lives in the server session until it is submitted;
``SurveyPage`` routes its sub-URLs here.
"""

from __future__ import annotations

import uuid
from http import HTTPStatus
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from cms.models import Region
from surveys.forms import AssentForm, DemographicsForm, SectionForm
from surveys.models import SurveyPage
from surveys.services import submit_response

SUBMIT_RATE = "300/m"  # a whole class behind one school NAT address must fit


def get_draft(request: HttpRequest, page: SurveyPage) -> dict[str, Any] | None:
    return request.session.get(page.session_key())


def save_draft(request: HttpRequest, page: SurveyPage, draft: dict[str, Any]) -> None:
    request.session[page.session_key()] = draft


def posted(request: HttpRequest):
    """The submitted data, even when empty: an empty POST is a valid "skip everything" on optional screens."""
    return request.POST if request.method == "POST" else None


def done_key(page: SurveyPage) -> str:
    return f"{page.session_key()}-done"


def refuse(request: HttpRequest, page: SurveyPage) -> HttpResponse | None:
    """A clear page instead of the form when the survey cannot take answers now."""
    if page.is_open():
        return None
    status = HTTPStatus.FORBIDDEN if request.method == "POST" else HTTPStatus.OK
    return render(request, "surveys/closed.html", {"page": page}, status=status)


@never_cache
@ratelimit(key="ip", rate=SUBMIT_RATE, method="POST", block=True)
def start(request: HttpRequest, page: SurveyPage) -> HttpResponse:
    if refused := refuse(request, page):
        return refused
    form = AssentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if not form.agrees:
            request.session.pop(page.session_key(), None)
            return render(request, "surveys/declined.html", {"page": page})
        draft = get_draft(request, page) or {"token": str(uuid.uuid4()), "about": {}, "answers": {}}
        request.session.pop(done_key(page), None)
        save_draft(request, page, draft)
        return redirect(page.route_url(request, "about_you"))
    return render(request, "surveys/survey_page.html", {"page": page, "form": form})


@never_cache
@ratelimit(key="ip", rate=SUBMIT_RATE, method="POST", block=True)
def about_you(request: HttpRequest, page: SurveyPage) -> HttpResponse:
    if refused := refuse(request, page):
        return refused
    draft = get_draft(request, page)
    if draft is None:
        return redirect(page.route_url(request, "start"))
    form = DemographicsForm(posted(request), initial=draft["about"], page=page)
    if request.method == "POST" and form.is_valid():
        draft["about"] = form.to_draft()
        save_draft(request, page, draft)
        if request.POST.get("action") == "back":
            return redirect(page.route_url(request, "start"))
        shown = page.get_definition().shown_sections(draft["answers"])
        return redirect(page.route_url(request, "section", shown[0] + 1))
    return render(request, "surveys/about_you.html", {"page": page, "form": form})


@never_cache
@ratelimit(key="ip", rate=SUBMIT_RATE, method="POST", block=True)
def section(request: HttpRequest, page: SurveyPage, number: int) -> HttpResponse:
    if refused := refuse(request, page):
        return refused
    draft = get_draft(request, page)
    if draft is None:
        if request.method == "POST" and request.session.get(done_key(page)):
            return redirect(page.route_url(request, "thanks"))
        return redirect(page.route_url(request, "start"))
    definition = page.get_definition()
    index = number - 1
    if not 0 <= index < len(definition.sections):
        raise Http404
    answers = draft["answers"]
    shown = definition.shown_sections(answers)
    if index not in shown:
        later = [i for i in shown if i > index]
        return redirect(page.route_url(request, "section", later[0] + 1) if later else page.route_url(request, "start"))
    current = definition.sections[index]
    earlier = {code: value for code, value in answers.items() if code not in {q.code for q in current.questions}}
    form = SectionForm(
        posted(request), initial=answers, definition=definition, section=current, earlier_answers=earlier
    )
    if request.method == "POST":
        going_back = request.POST.get("action") == "back"
        is_valid = form.is_valid()
        draft["answers"] = {**answers, **form.valid_answers()}
        save_draft(request, page, draft)
        if going_back:
            before = [i for i in definition.shown_sections(draft["answers"]) if i < index]
            return redirect(
                page.route_url(request, "section", before[-1] + 1) if before else page.route_url(request, "about_you")
            )
        if is_valid:
            after = [i for i in definition.shown_sections(draft["answers"]) if i > index]
            if after:
                return redirect(page.route_url(request, "section", after[0] + 1))
            return submit(request, page, draft)
    position = shown.index(index) + 1
    context = {
        "page": page,
        "form": form,
        "section": current,
        "number": number,
        "position": position,
        "total": len(shown),
        "is_last": position == len(shown),
        "skip_rules": form.skip_rules(),
    }
    return render(request, "surveys/section.html", context)


def submit(request: HttpRequest, page: SurveyPage, draft: dict[str, Any]) -> HttpResponse:
    about = draft["about"]
    submit_response(
        page,
        token=uuid.UUID(draft["token"]),
        answers=draft["answers"],
        age_band=about.get("age_band", ""),
        sex=about.get("sex", ""),
        school_level=about.get("school_level", ""),
        kecamatan=Region.objects.filter(pk=about.get("kecamatan")).first() if about.get("kecamatan") else None,
    )
    request.session.pop(page.session_key(), None)
    request.session[done_key(page)] = True
    return redirect(page.route_url(request, "thanks"))


@never_cache
def thanks(request: HttpRequest, page: SurveyPage) -> HttpResponse:
    return render(request, "surveys/thanks.html", {"page": page})
