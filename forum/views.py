"""Public pages of the Forum Anak: its groups (the group and its activities, never its members), and Jejak Suara,
where a child follows her proposal with her kode jejak and everybody sees what became of children's proposals."""

from http import HTTPStatus

from django.conf import settings
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from cms.models import Region
from forum import services
from forum.codes import CodeError
from forum.forms import HeardForm, TrackingCodeForm
from forum.models import (
    Activity,
    ConsultationAnswer,
    ConsultationPage,
    ForumGroup,
    InputStatus,
    Proposal,
    StepKind,
    TrackingCode,
)

RECENT_ACTIVITIES = 10


@require_GET
def group_list(request: HttpRequest) -> HttpResponse:
    groups = ForumGroup.objects.select_related("region", "region__parent")
    return render(request, "forum/group_list.html", {"groups": groups})


@require_GET
def group_detail(request: HttpRequest, code: str) -> HttpResponse:
    group = get_object_or_404(ForumGroup.objects.select_related("region", "region__parent"), region__code=code)
    activities = Activity.objects.filter(group=group)[:RECENT_ACTIVITIES]
    below = ForumGroup.objects.filter(region__parent=group.region).select_related("region")
    return render(
        request,
        "forum/group_detail.html",
        {"group": group, "activities": activities, "groups_below": below},
    )


def lookup_rate(group: str, request: HttpRequest) -> str:
    """How many codes one address may try (``JEJAK_LOOKUP_RATE``): enough for a class, too few to guess codes."""
    return settings.JEJAK_LOOKUP_RATE


limit_lookups = ratelimit(group="forum.jejak", key="ip", rate=lookup_rate, method="POST", block=True)


def _trail_context(code: TrackingCode) -> dict:
    """What a child reads for her code: her consultation, what became of the proposals made from her input and the
    agency's answer. Never her input's text or anything else about who sent it."""
    entry = code.input
    consultation = entry.consultation
    proposals = entry.proposals.prefetch_related("steps")
    return {
        "consultation": consultation,
        "input_status": entry.status,
        "is_pending": entry.status == InputStatus.PENDING,
        "proposals": proposals,
        "answer": ConsultationAnswer.objects.filter(consultation=consultation).first(),
        "can_answer_heard": services.can_answer_heard(code),
        "has_answered_heard": code.heard_answered_on is not None,
    }


def _find(form: TrackingCodeForm) -> TrackingCode | None:
    """The code on a valid form, or ``None`` with the reason on the form, in words a child understands."""
    try:
        code = services.find_tracking_code(form.cleaned_data["kode"])
    except CodeError:
        form.add_error("kode", _("Kode ini tidak lengkap atau ada yang salah ketik. Periksa lagi kodemu."))
        return None
    if code is None:
        form.add_error("kode", _("Kode ini tidak kami temukan. Periksa lagi kodemu."))
    return code


@require_http_methods(["GET", "POST"])
@limit_lookups
def jejak_lookup(request: HttpRequest) -> HttpResponse:
    """``/jejak/``: a child types her kode jejak and reads her proposal's trail. The code travels only in a POST
    body, never in a URL (which would stay in the phone's history and the server's logs)."""
    if request.method == "POST":
        form = TrackingCodeForm(request.POST)
        code = _find(form) if form.is_valid() else None
        if code is not None:
            context = _trail_context(code) | {"heard_form": HeardForm(initial={"kode": form.cleaned_data["kode"]})}
            return render(request, "forum/jejak_trail.html", context)
        return render(request, "forum/jejak_lookup.html", {"form": form}, status=HTTPStatus.BAD_REQUEST)
    return render(request, "forum/jejak_lookup.html", {"form": TrackingCodeForm()})


@require_POST
@limit_lookups
def jejak_heard(request: HttpRequest) -> HttpResponse:
    """``/jejak/didengar/``: the child's answer to "Apakah suaramu didengar?", once per code."""
    form = HeardForm(request.POST)
    lookup = TrackingCodeForm(request.POST)
    code = _find(lookup) if lookup.is_valid() else None
    if code is None:
        return render(request, "forum/jejak_lookup.html", {"form": lookup}, status=HTTPStatus.BAD_REQUEST)
    if not form.is_valid():
        context = _trail_context(code) | {"heard_form": form}
        return render(request, "forum/jejak_trail.html", context, status=HTTPStatus.BAD_REQUEST)
    try:
        services.record_heard(code, felt_heard=form.cleaned_data["felt_heard"], why=form.cleaned_data["why"])
    except services.AlreadyAnswered:
        return render(request, "forum/jejak_heard.html", {"already": True}, status=HTTPStatus.CONFLICT)
    return render(request, "forum/jejak_heard.html", {"already": False})


@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    """``/jejak/usulan/``: "Kamu bilang, kami lakukan", every proposal and where it stands, per consultation and
    per kecamatan. An unknown filter value shows everything rather than an error."""
    proposals = Proposal.objects.select_related("consultation", "kecamatan").order_by(
        "consultation__title", "kecamatan__name", "title"
    )
    consultations = ConsultationPage.objects.live().filter(proposals__isnull=False).distinct().order_by("title")
    kecamatan = Region.objects.kecamatan().order_by("name")
    chosen_consultation = consultations.filter(pk=_number(request.GET.get("konsultasi"))).first()
    chosen_kecamatan = kecamatan.filter(code=request.GET.get("kecamatan", "")[:40]).first()
    if chosen_consultation:
        proposals = proposals.for_consultation(chosen_consultation)
    if chosen_kecamatan:
        proposals = proposals.in_kecamatan(chosen_kecamatan)
    stages = proposals.order_by().values("kecamatan__name", "stage").annotate(total=Count("pk"))
    return render(
        request,
        "forum/jejak_proposals.html",
        {
            "proposals": proposals,
            "consultations": consultations,
            "kecamatan_list": kecamatan,
            "chosen_consultation": chosen_consultation,
            "chosen_kecamatan": chosen_kecamatan,
            "by_kecamatan": stage_table(stages),
            "stage_labels": StepKind.choices,
        },
    )


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


def stage_table(rows) -> list[dict]:
    """``[{"kecamatan": name, "counts": [n per stage in StepKind order], "total": n}]`` from grouped counts; proposals
    for the whole city are under "Seluruh kota"."""
    table: dict[str, dict[str, int]] = {}
    for row in rows:
        name = row["kecamatan__name"] or str(_("Seluruh kota"))
        table.setdefault(name, {})[row["stage"]] = row["total"]
    return [
        {
            "kecamatan": name,
            "counts": [counts.get(kind, 0) for kind in StepKind.values],
            "total": sum(counts.values()),
        }
        for name, counts in sorted(table.items())
    ]
