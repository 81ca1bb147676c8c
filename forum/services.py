"""Writes in the consultation flow that leave an audit trail, and the figures the participation indicator reads."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.log_actions import log

from cms.models import Region
from cms.vocabulary import AuditAction, RegionLevel, within_lookup
from forum import codes
from forum.models import (
    AnswerDecision,
    ConsultationAnswer,
    ConsultationInput,
    ConsultationPage,
    ConsultationSummary,
    ForumGroup,
    HeardAnswer,
    InputStatus,
    Proposal,
    ProposalStep,
    StepKind,
    TrackingCode,
)
from forum.models.consultations import ADOPTED_DECISIONS, ConsultationPageQuerySet
from forum.models.proposals import ANSWER_KINDS, ATTRIBUTED_ROLE, STEP_PERMISSIONS, STEP_PLACE


@transaction.atomic
def moderate_input(entry: ConsultationInput, *, status: str, text: str | None = None, user) -> ConsultationInput:
    """Approve or hide a child's input, optionally editing out personal details.

    The edited text replaces the original: keeping a copy with the personal details would defeat the edit.
    The audit log records who moderated and whether the text changed, never the text itself (not even as the
    entry's title, which Wagtail would otherwise take from ``str(entry)``).
    """
    edited = text is not None and text != ConsultationInput.objects.get(pk=entry.pk).text
    if text is not None:
        entry.text = text
    entry.status = status
    entry.full_clean()
    entry.save()
    log(
        instance=entry,
        action=AuditAction.INPUT_MODERATE,
        user=user,
        title=f"#{entry.pk}",
        data={"status": status, "edited": edited},
    )
    return entry


@transaction.atomic
def save_summary(summary: ConsultationSummary, *, user) -> ConsultationSummary:
    """Save the facilitators' summary; recording a delivery for the first time leaves its own audit entry."""
    previous = ConsultationSummary.objects.filter(pk=summary.pk).values_list("delivered_on", flat=True).first()
    summary.full_clean()
    summary.save()
    if summary.delivered_on and summary.delivered_on != previous:
        log(
            instance=summary,
            action=AuditAction.SUMMARY_DELIVER,
            user=user,
            data={"delivered_on": summary.delivered_on.isoformat(), "delivered_to": summary.delivered_to},
        )
    return summary


@transaction.atomic
def record_answer(
    consultation: ConsultationPage,
    *,
    decision: AnswerDecision | str,
    reasons: str,
    next_steps: str,
    user,
    answered_on: datetime.date | None = None,
) -> ConsultationAnswer:
    """Record (or correct) the agency's answer. Refused until the summary of children's input was delivered:
    an agency answers what it received."""
    answer = ConsultationAnswer.objects.filter(consultation=consultation).first() or ConsultationAnswer(
        consultation=consultation
    )
    answer.decision = decision
    answer.reasons = reasons
    answer.next_steps = next_steps
    answer.answered_on = answered_on or answer.answered_on or timezone.localdate()
    answer.answered_by = user
    answer.full_clean(validate_unique=False)
    answer.save()
    log(instance=answer, action=AuditAction.CONSULTATION_ANSWER, user=user, data={"decision": str(decision)})
    return answer


@dataclass(frozen=True)
class ConsultationOutcomes:
    """What the participation indicator reports about consultations in a period.

    ``with_input``: policies, programmes, plans and regulations whose summary of children's input was
    delivered in the period (documented input); ``answered``: of those, how many the agency answered;
    ``adopted``: of those, how many it accepted fully or partly. ``by_type`` splits ``with_input`` by subject
    type (``policy``, ``programme``, ``plan``, ``regulation``).
    """

    with_input: int
    answered: int
    adopted: int
    by_type: dict[str, int]


def consultations_in_region(region: Region | None) -> ConsultationPageQuerySet:
    """Live consultations concerning ``region``: one aimed at a kecamatan concerns that kecamatan and the
    regions above it; one aimed at everybody concerns the city (and the province) only."""
    pages = ConsultationPage.objects.live()
    if region is None:
        return pages
    aimed_below = within_lookup("target_kecamatan__code", region.code, inclusive=True)
    if region.level in (RegionLevel.PROVINCE, RegionLevel.CITY):
        return pages.filter(aimed_below | Q(target_kecamatan__isnull=True))
    return pages.filter(aimed_below)


def documented_consultations(
    period_start: datetime.date, period_end: datetime.date, region: Region | None = None
) -> ConsultationPageQuerySet:
    """Consultations concerning ``region`` whose summary of children's input (with at least one approved input) was
    delivered to the agency between ``period_start`` and ``period_end``: what the indicator and the evidence pack
    count as policies with documented children's input."""
    documented = consultations_in_region(region).filter(
        summary__delivered_on__gte=period_start,
        summary__delivered_on__lte=period_end,
        inputs__status=InputStatus.APPROVED,
    )
    return ConsultationPage.objects.filter(pk__in=documented.values("pk").distinct())


def consultation_outcomes(
    period_start: datetime.date, period_end: datetime.date, region: Region | None = None
) -> ConsultationOutcomes:
    """Count consultations with documented children's input delivered between ``period_start`` and
    ``period_end`` (inclusive), and how many of them were answered and adopted. Computed in SQL."""
    pages = documented_consultations(period_start, period_end, region)
    by_type = dict(pages.order_by().values_list("subject_type").annotate(total=Count("pk")))
    return ConsultationOutcomes(
        with_input=pages.count(),
        answered=pages.filter(answer__isnull=False).count(),
        adopted=pages.filter(answer__decision__in=ADOPTED_DECISIONS).count(),
        by_type=by_type,
    )


def active_groups_by_level(on: datetime.date | None = None) -> dict[str, int]:
    """Forum Anak groups counting as active on ``on`` per level; the rule is :meth:`ForumGroupQuerySet.active`."""
    return ForumGroup.objects.active(on).count_by_level()


class StepRefused(PermissionError):
    """The user's role may not record this kind of step (``STEP_PERMISSIONS``)."""


def may_record(user, kind: str) -> bool:
    return bool(user and user.has_perm(STEP_PERMISSIONS[kind]))


def recordable_kinds(user) -> list[str]:
    """The step kinds ``user`` may record, in the trail's order."""
    return [kind for kind in StepKind.values if may_record(user, kind)]


@transaction.atomic
def record_step(proposal: Proposal, step: ProposalStep, *, user) -> ProposalStep:
    """Add a step to a proposal's trail, attributed to the role whose permission it needs, never to the person.

    The proposal row is locked so two people recording at once cannot both add "the next" step; the trail only moves
    forward (``check_step_place``). Who recorded it goes to the audit log, which only staff read.
    """
    if not may_record(user, step.kind):
        raise StepRefused(step.kind)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    step.proposal = proposal
    step.place = STEP_PLACE[step.kind]
    step.role = ATTRIBUTED_ROLE[STEP_PERMISSIONS[step.kind]]
    step.full_clean(exclude=["place", "role"])
    step.save()
    proposal.stage = step.kind
    proposal.save(update_fields=["stage"])
    log(instance=step, action=AuditAction.PROPOSAL_STEP, user=user, data={"kind": step.kind})
    return step


def issue_tracking_code(entry: ConsultationInput) -> str:
    """Give a child's input its kode jejak and return it, the only time it exists in the clear."""
    while True:
        code = codes.new_code()
        digest = codes.digest(code)
        if not TrackingCode.objects.filter(digest=digest).exists():
            TrackingCode.objects.create(input=entry, digest=digest)
            return code


def find_tracking_code(typed: str) -> TrackingCode | None:
    """The code a child typed, forgiving case, spaces and look-alikes; ``None`` when it is no code of ours.

    Raises :class:`forum.codes.CodeError` when it cannot be a code at all (so the child is told to check what she
    typed rather than that it was not found).
    """
    digest = codes.digest(codes.normalise(typed))
    return TrackingCode.objects.select_related("input__consultation").filter(digest=digest).first()


def can_answer_heard(code: TrackingCode) -> bool:
    """Whether the child may now say if she felt heard: once, after the agency answered her consultation or one of
    the proposals made from her input."""
    if code.heard_answered_on is not None:
        return False
    entry = code.input
    answered_proposal = entry.proposals.filter(stage__in=[*ANSWER_KINDS, StepKind.CARRIED_OUT]).exists()
    return answered_proposal or ConsultationAnswer.objects.filter(consultation_id=entry.consultation_id).exists()


class AlreadyAnswered(Exception):
    pass


@transaction.atomic
def record_heard(code: TrackingCode, *, felt_heard: str, why: str) -> HeardAnswer:
    """Store one child's "did you feel heard?" answer, apart from her code and input; the code remembers only that
    it was used, so it counts once."""
    code = TrackingCode.objects.select_for_update().select_related("input").get(pk=code.pk)
    if not can_answer_heard(code):
        raise AlreadyAnswered
    today = timezone.localdate()
    code.heard_answered_on = today
    code.save(update_fields=["heard_answered_on"])
    return HeardAnswer.objects.create(
        consultation_id=code.input.consultation_id, felt_heard=felt_heard, why=why, answered_on=today
    )
