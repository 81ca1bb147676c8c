"""Offline class mode's URLs: the service worker, a survey's offline screen, submission keys and the answer queue.

The queue takes JSON from ``static/js/offline.js`` and answers JSON: 201 stored, 200 already received, 400 with a
translated message. It is exempt from CSRF: it reads no cookie and no session (the signed key in the body is its
only credential), and a page kept on a device for days may carry a stale token, which must never cost an answer.
"""

from __future__ import annotations

import functools
import json
from http import HTTPStatus
from typing import Any

from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, RawPostDataException
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from surveys.definition import Definition
from surveys.forms import DemographicsForm, SectionForm
from surveys.models import SurveyPage
from surveys.offline import OfflineRefused, issue_keys, store_queued
from surveys.services import CodeRefused
from surveys.views import SUBMIT_RATE, refuse

MAX_QUEUE_BODY = 64 * 1024
BAD_REQUEST = _("Permintaan ini tidak bisa dibaca. Jawaban ini tetap tersimpan di perangkat.")


@functools.cache
def service_worker_source() -> bytes:
    with open(finders.find("js/sw.js"), "rb") as source:
        return source.read()


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """``static/js/sw.js`` at the site's root, so it may control every page; never cached by the browser's HTTP cache,
    so an update reaches devices on their next visit (the browser compares it byte by byte)."""
    response = HttpResponse(service_worker_source(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


def offline_rules(definition: Definition) -> dict[str, Any]:
    """What the offline screen's script needs to show, hide and check questions as the server would."""

    def rule(show_if) -> dict[str, Any] | None:
        return {"question": show_if.question, "values": list(show_if.values)} if show_if else None

    return {
        "sections": [
            {
                "show_if": rule(section.show_if),
                "questions": [
                    {"code": q.code, "required": q.required, "multiple": q.is_multiple, "show_if": rule(q.show_if)}
                    for q in section.questions
                ],
            }
            for section in definition.sections
        ]
    }


def offline_screen(request: HttpRequest, page: SurveyPage) -> HttpResponse:
    """The whole survey on one page the service worker keeps on the device: its script shows one screen at a time,
    queues the answers in IndexedDB and sends them when it can. Without JavaScript it points to the usual survey."""
    if refused := refuse(request, page):
        return refused
    definition = page.get_definition()
    sections = [
        (
            number,
            section,
            SectionForm(definition=definition, section=section, earlier_answers={}),
        )
        for number, section in enumerate(definition.sections, start=1)
    ]
    context = {
        "page": page,
        "about_form": DemographicsForm(page=page),
        "sections": sections,
        "rules": offline_rules(definition),
        "is_shared_device": request.GET.get("perangkat") == "bersama",
        "urls": {
            "keys": reverse("survey_offline_keys", args=[page.pk]),
            "queue": reverse("survey_offline_queue"),
        },
    }
    return render(request, "surveys/offline.html", context)


def refused(message) -> JsonResponse:
    return JsonResponse({"error": str(message)}, status=HTTPStatus.BAD_REQUEST)


@never_cache
@require_POST
@ratelimit(key="ip", rate=SUBMIT_RATE, method="POST", block=True)
def offline_keys(request: HttpRequest, page_id: int) -> JsonResponse:
    """Signed submission keys for children about to answer offline: ``jumlah`` of them (one per child on a shared
    tablet), each reserving one use of the class code ``kode`` when one is given."""
    page = SurveyPage.objects.live().filter(pk=page_id).first()
    if page is None:
        raise Http404
    try:
        count = int(request.POST.get("jumlah") or 1)
    except ValueError:
        count = 1
    try:
        keys = issue_keys(page, count=count, code=request.POST.get("kode", "")[:40])
    except (OfflineRefused, CodeRefused) as refusal:
        return refused(refusal.message)
    return JsonResponse({"keys": keys}, status=HTTPStatus.CREATED)


@csrf_exempt
@never_cache
@require_POST
@ratelimit(key="ip", rate=SUBMIT_RATE, method="POST", block=True)
def offline_queue(request: HttpRequest) -> JsonResponse:
    """One queued answer sent by a device: 201 when stored now, 200 when it was received before."""
    if request.content_type != "application/json":  # a form or a file part was read as a form already
        return refused(BAD_REQUEST)
    try:
        if len(request.body) > MAX_QUEUE_BODY:
            return refused(BAD_REQUEST)
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError, RawPostDataException):
        return refused(BAD_REQUEST)
    try:
        _response, created = store_queued(data)
    except OfflineRefused as refusal:
        return refused(refusal.message)
    return JsonResponse({"stored": True}, status=HTTPStatus.CREATED if created else HTTPStatus.OK)
