"""The child's way through a survey: assent, about you, one section per screen, thank you.

Only children's surveys are answered here: a school questionnaire is answered by its school's coordinator on the
staff pages, and these screens refuse it. Every step is a plain form (POST, redirect, GET). The draft lives in the
server session until it is submitted, when it is checked whole against the definition;
``SurveyPage`` routes its sub-URLs here. The section forms post to ``surveys.section_route.answer_section``, a plain URL keyed by
the page id, so the most frequent writes skip Wagtail's page routing; the last one answers with the thank-you page itself
(one round trip on a slow phone network; a refresh or a retry there shows it again and stores nothing). A class code typed on the first screen ties the draft to a school and level.
On a shared class tablet (``?perangkat=bersama``) only the class code outlives a submission: the next child starts
fresh at the assent screen.
"""

from __future__ import annotations

import uuid
from http import HTTPStatus
from typing import Any

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

from cms import chrome
from cms.models import Region
from cms.vocabulary import AgeBand, SchoolLevel
from surveys.definition import Definition, PageTexts, Section
from surveys.forms import AssentForm, DemographicsForm, SectionForm
from surveys.models import ClassCode, SurveyPage
from surveys.permissions import answers_for_a_school
from surveys.services import CodeRefused, check_code, submit_response
from surveys.session_commit import save_session_in_transaction

SUBMIT_RATE = "300/m"  # a whole class behind one school NAT address must fit
WRONG_CODE_RATE = "10/10m"  # wrong class codes one address may type; see README "Class codes"
SHARED_DEVICE_FLAG = ("perangkat", "bersama")
LINK_LEVEL_KEY = "jenjang"  # in a link (?jenjang=SD) and in a draft: the school level the link named
INCOMPLETE_KEY = "incomplete"  # in a draft: the screen the final submit sent the child back to


def get_draft(request: HttpRequest, page: SurveyPage) -> dict[str, Any] | None:
    return request.session.get(page.session_key())


def save_draft(request: HttpRequest, page: SurveyPage, draft: dict[str, Any]) -> None:
    request.session[page.session_key()] = draft


def posted(request: HttpRequest):
    """The submitted data, even when empty: an empty POST is a valid "skip everything" on optional screens."""
    return request.POST if request.method == "POST" else None


def done_key(page: SurveyPage) -> str:
    return f"{page.session_key()}-done"


def shared_key(page: SurveyPage) -> str:
    return f"{page.session_key()}-shared"


def is_shared_device(request: HttpRequest, page: SurveyPage) -> bool:
    return shared_key(page) in request.session


def code_facts(code: ClassCode) -> dict[str, Any]:
    """What a submission needs of a class code, noted in the draft when the code is typed (and checked)."""
    return {"id": code.school_id, "level": code.school_level, "kecamatan": code.school.kelurahan.parent_id}


def draft_class_code(draft: dict[str, Any]) -> tuple[ClassCode | None, int | None]:
    """The draft's class code (with its school and level) and the school's kecamatan: from the facts noted when the
    code was typed, without a query; read again for a draft without them. Whether the code may still be used is
    decided when the submission spends it (``surveys.services.insert_once``)."""
    if not draft.get("class_code"):
        return None, None
    if facts := draft.get("school"):
        return ClassCode(pk=draft["class_code"], school_id=facts["id"], school_level=facts["level"]), facts["kecamatan"]
    code = ClassCode.objects.select_related("school__kelurahan").filter(pk=draft["class_code"]).first()
    return (code, code.school.kelurahan.parent_id) if code is not None else (None, None)


def reads_younger(draft: dict[str, Any]) -> bool:
    """Whether the child reads the survey's texts for younger children: she said she is 9 or under, or in primary
    school (SD), on "about you"; or came with a primary-school class code (typed, from the slip's QR link, or kept on
    a shared class tablet); or by a link for primary schools (``?jenjang=SD``, :func:`link_level`). Read from the
    draft (or, before there is one, from what the first screen knows) on every screen, on the server, so the choice
    stays for the rest of the survey with or without JavaScript."""
    about = draft.get("about") or {}
    school = draft.get("school") or {}
    return about.get("age_band") == AgeBand.UP_TO_9 or SchoolLevel.SD in {
        about.get("school_level"),
        school.get("level"),
        draft.get(LINK_LEVEL_KEY),
    }


def link_level(request: HttpRequest) -> str:
    """The school level a link names (``?jenjang=SD``, in any case), when it is one the survey reads by; else ""."""
    level = request.GET.get(LINK_LEVEL_KEY, "").strip().upper()
    return level if level == SchoolLevel.SD else ""


def definition_for(page: SurveyPage, draft: dict[str, Any]) -> Definition:
    """The definition in the words this child reads: the younger version where :func:`reads_younger` says so."""
    definition = page.get_definition()
    return definition.younger() if reads_younger(draft) else definition


def texts_for(page: SurveyPage, draft: dict[str, Any] | None) -> PageTexts:
    """The page's own texts (title, introduction, assent) in the words this child reads, by :func:`reads_younger`."""
    return page.texts_for(younger=reads_younger(draft or {}))


def first_screen_texts(request: HttpRequest, page: SurveyPage, known: dict[str, Any]) -> PageTexts:
    """The first screen's texts, before any "about you": younger for a draft already read as younger (a child back
    from the next screen), a primary-school class code kept on a shared tablet, or a link for primary schools."""
    return texts_for(page, {**known, LINK_LEVEL_KEY: link_level(request) or known.get(LINK_LEVEL_KEY, "")})


def wrong_code_limited(request: HttpRequest, *, count: bool) -> bool:
    return is_ratelimited(
        request, group="surveys.class_code", key="ip", rate=WRONG_CODE_RATE, method="POST", increment=count
    )


def typed_code(request: HttpRequest, page: SurveyPage, form: AssentForm) -> ClassCode | None:
    """The class code on the assent form, checked; a wrong one is counted against the client and shown as an error.

    Raises ``Ratelimited`` (429) once a client has typed too many wrong codes, before looking the code up.
    """
    raw = form.cleaned_data.get("kode", "")
    if not raw:
        return None
    if wrong_code_limited(request, count=False):
        raise Ratelimited
    try:
        return check_code(page, raw)
    except CodeRefused as refusal:
        if wrong_code_limited(request, count=True):
            raise Ratelimited from refusal
        form.refuse_code(refusal.message)
        return None


def enter_shared_mode(request: HttpRequest, page: SurveyPage) -> None:
    """A tablet passed around a class: forget any child's draft, keep only the class code already entered (and the
    school level its link named, so every child of a primary class reads the younger texts)."""
    request.session.pop(page.session_key(), None)
    request.session.pop(done_key(page), None)
    shared = request.session.setdefault(shared_key(page), {"class_code": None})
    if level := link_level(request):
        request.session[shared_key(page)] = {**shared, LINK_LEVEL_KEY: level}


def refuse(request: HttpRequest, page: SurveyPage) -> HttpResponse | None:
    """A clear page instead of the form when the survey cannot take answers now, or not on this way through it."""
    if not page.is_for_children:
        return refuse_outside_audience(request, page)
    if page.is_open():
        return None
    status = HTTPStatus.FORBIDDEN if request.method == "POST" else HTTPStatus.OK
    known = get_draft(request, page) or request.session.get(shared_key(page)) or {}
    context = {"page": page, "texts": first_screen_texts(request, page, known)}
    return render(request, "surveys/closed.html", context, status=status)


def refuse_outside_audience(request: HttpRequest, page: SurveyPage) -> HttpResponse:
    """These screens are the children's way through a survey; a school questionnaire is answered by a signed-in
    school coordinator for their own school, on its staff page (one answer per school per round). A coordinator is
    sent there; anyone else is told who answers it (403), and nothing is stored."""
    questionnaire = reverse("surveys:school_questionnaire", args=[page.survey.pk])
    if page.is_for_schools and answers_for_a_school(request.user):
        return redirect(questionnaire)
    context = {
        "page": page,
        "sign_in_url": f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: questionnaire})}",
    }
    return render(request, "surveys/not_for_you.html", context, status=HTTPStatus.FORBIDDEN)


@never_cache
@ratelimit(key="ip", rate=SUBMIT_RATE, method="POST", block=True)
def start(request: HttpRequest, page: SurveyPage) -> HttpResponse:
    if refused := refuse(request, page):
        return refused
    if request.method == "GET" and request.GET.get(SHARED_DEVICE_FLAG[0]) == SHARED_DEVICE_FLAG[1]:
        enter_shared_mode(request, page)
    shared = request.session.get(shared_key(page))
    draft = get_draft(request, page)
    known = draft or shared or {}
    known_code = known.get("class_code")
    form = AssentForm(
        posted(request),
        initial={"kode": request.GET.get("kode", "")},
        code_required=page.requires_code and not known_code,
    )
    if request.method == "POST" and form.is_valid():
        if not form.agrees:
            request.session.pop(page.session_key(), None)
            context = {"page": page, "texts": first_screen_texts(request, page, known)}
            return render(request, "surveys/declined.html", context)
        code = typed_code(request, page, form)
        if not form.errors:
            draft = draft or {
                "token": str(uuid.uuid4()),
                "about": {},
                "answers": {},
                "class_code": known_code,
                "school": known.get("school"),
                LINK_LEVEL_KEY: known.get(LINK_LEVEL_KEY, ""),
            }
            if level := link_level(request):
                draft[LINK_LEVEL_KEY] = level
            if code is not None:
                draft["class_code"], draft["school"] = code.pk, code_facts(code)
                if shared is not None:
                    request.session[shared_key(page)] = {**shared, "class_code": code.pk, "school": draft["school"]}
            request.session.pop(done_key(page), None)
            save_draft(request, page, draft)
            return redirect(page.route_url(request, "about_you"))
    context = {
        "page": page,
        "form": form,
        "has_class_code": bool(known_code),
        "texts": first_screen_texts(request, page, known),
    }
    return render(request, "surveys/survey_page.html", context)


@never_cache
@ratelimit(key="ip", rate=SUBMIT_RATE, method="POST", block=True)
def about_you(request: HttpRequest, page: SurveyPage) -> HttpResponse:
    if refused := refuse(request, page):
        return refused
    draft = get_draft(request, page)
    if draft is None:
        return redirect(page.route_url(request, "start"))
    form = DemographicsForm(
        posted(request), initial=draft["about"], page=page, has_class_code=bool(draft.get("class_code"))
    )
    if request.method == "POST" and form.is_valid():
        draft["about"] = form.to_draft()
        save_draft(request, page, draft)
        if request.POST.get("action") == "back":
            return redirect(page.route_url(request, "start"))
        shown = page.get_definition().shown_sections(draft["answers"])
        return redirect(page.route_url(request, "section", shown[0] + 1))
    position, total = page.get_definition().progress(draft["answers"], None)
    context = {"page": page, "form": form, "position": position, "total": total, "texts": texts_for(page, draft)}
    return render(request, "surveys/about_you.html", context)


@never_cache
@ratelimit(key="ip", rate=SUBMIT_RATE, method="POST", block=True)
def section(request: HttpRequest, page: SurveyPage, number: int, *, thank_in_place: bool = False) -> HttpResponse:
    """One screen of questions. With ``thank_in_place`` (``answer_section``) a submission answers with the thank-you
    page instead of a redirect to it. A follow-up screen asks its follow-ups; the section's questions answered on the
    screens before it stay in the form, folded away (opened when one of them has an error), so the screen stays
    short on a phone and the child can still change the answer that called for them."""
    if refused := refuse(request, page):
        return refused
    draft = get_draft(request, page)
    if draft is None:
        if request.method == "POST" and request.session.get(done_key(page)):
            return thank(request, page) if thank_in_place else redirect(page.route_url(request, "thanks"))
        return redirect(page.route_url(request, "start"))
    definition = definition_for(page, draft)
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
    # Sent back here by the final submit: the form is checked on what the draft holds, to show what is missing.
    is_incomplete = request.method == "GET" and draft.get(INCOMPLETE_KEY) == index
    data = draft_data(current, answers) if is_incomplete else posted(request)
    form = SectionForm(
        data,
        initial=answers,
        definition=definition,
        section=current,
        earlier_answers=earlier,
        on_screen=on_screen(definition, current, answers),
    )
    if request.method == "POST":
        going_back = request.POST.get("action") == "back"
        is_valid = form.is_valid()
        draft["answers"] = {**answers, **form.valid_answers()}
        draft.pop(INCOMPLETE_KEY, None)
        save_draft(request, page, draft)
        if going_back:
            before = [i for i in definition.shown_sections(draft["answers"]) if i < index]
            return redirect(
                page.route_url(request, "section", before[-1] + 1) if before else page.route_url(request, "about_you")
            )
        if is_valid and form.pending:  # the answer calls for follow-ups the child has not seen: they come next
            return redirect(page.route_url(request, "section", number))
        if is_valid:
            after = [i for i in definition.shown_sections(draft["answers"]) if i > index]
            if after:
                return redirect(page.route_url(request, "section", after[0] + 1))
            if unsendable := send_back(request, page, definition, draft):
                return unsendable
            return submit(request, page, draft, thank_in_place=thank_in_place)
    codes = on_screen(definition, current, draft["answers"])
    levels = {q.code: definition.follow_up_level(current, q) for q in current.questions if q.code in codes}
    level = max(levels.values(), default=0)
    position, total = definition.progress(draft["answers"], (index, level))
    earlier_fields = [form[code] for code, asked_at in levels.items() if asked_at < level]
    context = {
        "page": page,
        "texts": texts_for(page, draft),
        "form": form,
        "fields": [form[code] for code, asked_at in levels.items() if asked_at == level],
        "earlier_fields": earlier_fields,
        "earlier_has_errors": any(field.errors for field in earlier_fields),
        "is_incomplete": is_incomplete and not form.is_valid(),
        "section": current,
        "number": number,
        "position": position,
        "total": total,
        "is_last": index == shown[-1],
        "skip_rules": form.skip_rules(),
        "post_url": reverse("survey_answer", args=[page.pk, number]),
    }
    return render(request, "surveys/section.html", context)


def on_screen(definition: Definition, section: Section, answers: dict[str, Any]) -> set[str]:
    """The questions a section's screen shows for the draft's ``answers``: those the answers keep visible, so a
    follow-up (see ``Definition.follow_up_level``) only once the answer that calls for it is in the draft. Without
    JavaScript a follow-up then comes on the next screen, and only when it applies."""
    return {q.code for q in section.questions if definition.is_question_shown(q, answers)}


def draft_data(section: Section, answers: dict[str, Any]) -> QueryDict:
    """The draft's answers to ``section`` as the form would post them."""
    data = QueryDict(mutable=True)
    for question in section.questions:
        value = answers.get(question.code)
        values = value if isinstance(value, list) else [] if value in (None, "") else [value]
        data.setlist(question.code, [str(item) for item in values])
    return data


def send_back(
    request: HttpRequest, page: SurveyPage, definition: Definition, draft: dict[str, Any]
) -> HttpResponse | None:
    """Where the final submit sends a draft that cannot be stored yet, or ``None`` when it can: each screen checks
    only its own questions, and the last one can be posted straight after the assent. The whole draft is checked
    against the definition here (in memory, no query): the child goes to the first screen with a missing answer,
    which then says why, and everything answered is kept. A survey that takes answers only with a class code sends a
    draft without one (begun before the code was asked for) back to the first screen, which asks for it."""
    if page.requires_code and not draft.get("class_code"):
        return redirect(page.route_url(request, "start"))
    incomplete = definition.first_incomplete_section(draft["answers"])
    if incomplete is None:
        return None
    draft[INCOMPLETE_KEY] = incomplete
    save_draft(request, page, draft)
    return redirect(page.route_url(request, "section", incomplete + 1))


def submit(request: HttpRequest, page: SurveyPage, draft: dict[str, Any], *, thank_in_place: bool) -> HttpResponse:
    """Store the draft and forget it; on a shared tablet only the class code stays for the next child."""
    about = draft["about"]
    code, code_kecamatan = draft_class_code(draft)
    # A kecamatan's id, checked on the "about you" screen; with a class code, the school's.
    kecamatan = code_kecamatan if code is not None else about.get("kecamatan") or None

    def store(kecamatan):
        return submit_response(
            page,
            token=uuid.UUID(draft["token"]),
            answers=draft["answers"],
            age_band=about.get("age_band", ""),
            sex=about.get("sex", ""),
            school_level=about.get("school_level", ""),
            kecamatan=kecamatan,
            class_code=code,
        )

    def store_and_forget(kecamatan) -> None:
        with transaction.atomic():
            # The session first: a class code spent in ``store`` keeps its row (shared by a whole class) locked
            # until the commit, so nothing else comes after it.
            request.session.pop(page.session_key(), None)
            request.session[done_key(page)] = {"younger": reads_younger(draft)}
            save_session_in_transaction(request)
            store(kecamatan)

    try:
        try:
            store_and_forget(kecamatan)
        except IntegrityError:
            # The kecamatan was deleted while the child answered (foreign keys are checked at the commit): keep
            # the answers, without it.
            if kecamatan is None or Region.objects.filter(pk=kecamatan).exists():
                raise
            store_and_forget(None)
    except CodeRefused as refusal:  # nothing was stored, the session row included: the draft stays, without the code
        request.session.pop(done_key(page), None)
        draft["class_code"], draft["school"] = None, None
        save_draft(request, page, draft)
        if is_shared_device(request, page):
            request.session[shared_key(page)] = {
                **request.session[shared_key(page)],
                "class_code": None,
                "school": None,
            }
        context = {"page": page, "message": refusal.message, "texts": texts_for(page, draft)}
        return render(request, "surveys/code_refused.html", context, status=HTTPStatus.CONFLICT)
    return thank(request, page) if thank_in_place else redirect(page.route_url(request, "thanks"))


def thank(request: HttpRequest, page: SurveyPage) -> HttpResponse:
    """The thank-you page. For a child (not signed in) it is the same for every child of the survey, so each app
    server renders it once per survey, language, address and device mode (and again after any page change,
    ``cms.chrome``); a whole class submitting at once then costs no rendering. Never kept when it holds a CSRF
    token, which belongs to one visitor."""
    shared_device = is_shared_device(request, page)
    done = request.session.get(done_key(page))
    younger = isinstance(done, dict) and bool(done.get("younger"))
    context = {"page": page, "is_shared_device": shared_device, "texts": page.texts_for(younger=younger)}
    if request.user.is_authenticated:
        return render(request, "surveys/thanks.html", context)

    def html() -> str:
        rendered = render_to_string("surveys/thanks.html", context, request)
        return "" if "csrfmiddlewaretoken" in rendered else rendered

    parts = (page.pk, get_language(), shared_device, younger, request.get_host(), request.path)
    content = chrome.cached(request, "thanks-html", parts, html, shared=False)
    return HttpResponse(content) if content else render(request, "surveys/thanks.html", context)


@never_cache
def thanks(request: HttpRequest, page: SurveyPage) -> HttpResponse:
    if not page.is_for_children:
        return refuse_outside_audience(request, page)
    return thank(request, page)


@never_cache
def help_now(request: HttpRequest, page: SurveyPage) -> HttpResponse:
    """The help lines, big and first; it asks nothing and keeps the draft, so the child can go back to the survey."""
    known = get_draft(request, page) or request.session.get(shared_key(page)) or {}
    return render(request, "surveys/help_now.html", {"page": page, "texts": first_screen_texts(request, page, known)})
