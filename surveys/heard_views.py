""" "Apakah suaramu didengar?" in class: after a consultation was answered, a teacher or facilitator makes class codes
(``/staf/survei/didengar/…``) and the children of a class that took part answer the one standard question at
``/didengar/`` with that code, one after another on their phones or on a shared tablet. Their answers are the same
``forum.HeardAnswer`` a kode jejak gives, counted in the same suppressed indicator (``Formula.FELT_HEARD``).
"""

from __future__ import annotations

import datetime
import functools
import secrets
from http import HTTPStatus

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.exceptions import Ratelimited

from cms.roles import GENERATE_CODES
from forum.forms import HeardQuestionForm
from forum.models import ConsultationAnswer
from surveys.forms import CodeBatchForm, HeardCodeForm
from surveys.models import HeardClassCode
from surveys.permissions import acts_for_every_school, schools_for
from surveys.services import (
    CODE_EXPIRED,
    CODE_USED_UP,
    CodeRefused,
    check_heard_code,
    generate_heard_codes,
    record_heard_in_class,
)
from surveys.staff_views import answered_consultations, issue_codes
from surveys.views import wrong_code_limited

#: The class code a device has shown it holds; kept for the next child on a shared tablet, never with an answer.
SESSION_KEY = "surveys.didengar"
SENT_PARAMETER = "terkirim"
#: A one-time token for each question shown, so a second tap or a resent form stores no second answer.
ONCE_KEY = "surveys.didengar.sekali"
ONCE_FIELD = "sekali"


def _typed(request: HttpRequest, form: HeardCodeForm) -> HeardClassCode | None:
    """The valid code on ``form``, or ``None`` with the reason on the form; wrong codes count against the client as a
    survey's wrong class codes do, and too many end in 429."""
    if wrong_code_limited(request, count=False):
        raise Ratelimited
    try:
        return check_heard_code(form.cleaned_data["kode"])
    except CodeRefused as refusal:
        if wrong_code_limited(request, count=True):
            raise Ratelimited from refusal
        form.add_error("kode", refusal.message)
        return None


def _held(request: HttpRequest) -> HeardClassCode | None:
    """The code this device entered, if any (usable or not)."""
    pk = request.session.get(SESSION_KEY)
    return HeardClassCode.objects.select_related("consultation").filter(pk=pk).first() if pk else None


def _refused(request: HttpRequest, message: str, status: HTTPStatus) -> HttpResponse:
    """Back to the code box, saying why the code this device held no longer works."""
    request.session.pop(SESSION_KEY, None)
    return render(request, "surveys/heard_code.html", {"form": HeardCodeForm(), "refusal": message}, status=status)


def _question(request: HttpRequest, code: HeardClassCode, form: HeardQuestionForm, *, status=HTTPStatus.OK):
    consultation = code.consultation
    request.session[ONCE_KEY] = secrets.token_urlsafe(12)
    context = {
        "consultation": consultation,
        "answer": ConsultationAnswer.objects.filter(consultation=consultation).first(),
        "form": form,
        "is_sent": request.GET.get(SENT_PARAMETER) == "1",
        "token": request.session[ONCE_KEY],
        "token_field": ONCE_FIELD,
    }
    return render(request, "surveys/heard_question.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def heard_in_class(request: HttpRequest) -> HttpResponse:
    """``/didengar/``: type the class code (POST), then answer the question (POST, redirect, GET), and the same page
    is ready for the next child. No name, no account, no address; the answer is dated by day only."""
    code = _held(request)
    if request.method == "POST" and "kode" in request.POST:
        form = HeardCodeForm(request.POST)
        typed = _typed(request, form) if form.is_valid() else None
        if typed is None:
            return render(request, "surveys/heard_code.html", {"form": form}, status=HTTPStatus.BAD_REQUEST)
        request.session[SESSION_KEY] = typed.pk
        return redirect("didengar:answer")
    if code is None:
        request.session.pop(SESSION_KEY, None)
        form = HeardCodeForm(initial={"kode": request.GET.get("kode", "")[:20]})
        status = HTTPStatus.BAD_REQUEST if request.method == "POST" else HTTPStatus.OK
        return render(request, "surveys/heard_code.html", {"form": form}, status=status)
    status = HTTPStatus.CONFLICT if request.method == "POST" else HTTPStatus.OK
    if code.is_expired:
        return _refused(request, CODE_EXPIRED, status)
    if code.is_used_up:
        return _refused(request, CODE_USED_UP, status)
    if request.method == "POST":
        token = request.session.pop(ONCE_KEY, None)
        if not token or request.POST.get(ONCE_FIELD) != token:
            return redirect(f"{request.path}?{SENT_PARAMETER}=1")
        form = HeardQuestionForm(request.POST)
        if not form.is_valid():
            return _question(request, code, form, status=HTTPStatus.BAD_REQUEST)
        try:
            record_heard_in_class(code, felt_heard=form.cleaned_data["felt_heard"], why=form.cleaned_data["why"])
        except CodeRefused as refusal:
            return _refused(request, refusal.message, HTTPStatus.CONFLICT)
        return redirect(f"{request.path}?{SENT_PARAMETER}=1")
    return _question(request, code, HeardQuestionForm())


@login_required
@permission_required(GENERATE_CODES, raise_exception=True)
def heard_schools(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """Facilitators pick the school whose classes took part; a coordinator goes straight to their own."""
    consultation = get_object_or_404(answered_consultations(), pk=consultation_id)
    schools = schools_for(request.user).select_related("kelurahan")
    if not acts_for_every_school(request.user):
        school = get_object_or_404(schools)
        return redirect("surveys:heard_codes", consultation.pk, school.pk)
    return render(request, "surveys/staff/heard_schools.html", {"consultation": consultation, "schools": schools})


@never_cache
@login_required
@permission_required(GENERATE_CODES, raise_exception=True)
def heard_codes(request: HttpRequest, consultation_id: int, school_id: int) -> HttpResponse:
    """Make and list one school's class codes for asking whether the children felt heard by this answer."""
    consultation = get_object_or_404(answered_consultations(), pk=consultation_id)
    school = get_object_or_404(schools_for(request.user), pk=school_id)
    initial = {"expires_on": timezone.localdate() + datetime.timedelta(days=14)}
    form = CodeBatchForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        make = functools.partial(generate_heard_codes, consultation, school)
        issue_codes(request, form, make, audited=consultation, school=school, heard=True)
        return redirect("surveys:heard_codes", consultation.pk, school.pk)
    codes = HeardClassCode.objects.filter(consultation=consultation).for_school(school).order_by("-created_on", "code")
    context = {"consultation": consultation, "school": school, "form": form, "codes": codes}
    return render(request, "surveys/staff/heard_codes.html", context)
