"""E-mail to the adults a children's proposal waits on, and the weekly digest for the city's coordinator.

Who a proposal waits on follows from its last step (``WAITS_ON``): before Musrenbang, the facilitators of its Forum
Anak; after a Musrenbang, the official who answers for the agency. Recipients come from the roles (``cms.roles``) and
the relations that exist: a group's facilitators (walking up to the group above when a group has none), the official
who answered the proposal's consultation (or else every official who may record an agency's answer), and the
facilitators of the city's Forum Anak as the city's coordinator. Only adults with an e-mail address: a Forum Anak
member's account never receives one, and no child is ever asked for an address.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from cms.models import Region
from cms.roles import granted, without_children
from cms.vocabulary import RegionLevel, Role
from forum.models import ConsultationAnswer, DigestSent, ForumGroup, Proposal, ProposalReminder, StepKind
from forum.models.proposals import RECORD_AGENCY_ANSWER, RECORD_PROGRESS

#: The role a proposal waits on at each stage; a stage not named here (answered not accepted, carried out, and
#: accepted proposals waiting for a budget year) waits on nobody's next step within days.
WAITS_ON: dict[str, str] = {
    "": Role.FACILITATOR,
    StepKind.RECEIVED: Role.FACILITATOR,
    StepKind.DISCUSSED: Role.FACILITATOR,
    StepKind.MUSRENBANG_KELURAHAN: Role.OFFICIAL,
    StepKind.MUSRENBANG_KECAMATAN: Role.OFFICIAL,
    StepKind.MUSRENBANG_CITY: Role.OFFICIAL,
}
#: The permission a recipient must still hold to be told a proposal waits on their role.
ROLE_PERMISSION = {Role.FACILITATOR: RECORD_PROGRESS, Role.OFFICIAL: RECORD_AGENCY_ANSWER}


def adults(users: QuerySet) -> QuerySet:
    """The users among ``users`` who may get e-mail from Suara Anak: active, with an address, and not Forum Anak
    members (children), whatever other role they hold."""
    return without_children(users.filter(is_active=True).exclude(email="")).distinct()


def holders(users: QuerySet, permission: str) -> list:
    return [user for user in users if user.has_perm(permission)]


def waiting(on: datetime.date, days: int) -> QuerySet:
    """Proposals whose last step is more than ``days`` days before ``on`` and that wait on a role (``WAITS_ON``),
    annotated with ``waiting_since``. A proposal with no step yet has no day to count from and is left out."""
    cutoff = on - datetime.timedelta(days=days)
    return (
        Proposal.objects.filter(stage__in=list(WAITS_ON))
        .annotate(waiting_since=Max("steps__on"))
        .filter(waiting_since__lt=cutoff)
        .select_related("consultation", "kecamatan", "meeting__group__region")
        .order_by("waiting_since", "pk")
    )


def group_of(proposal: Proposal) -> ForumGroup | None:
    """The Forum Anak a proposal belongs to: the group whose meeting made it, else the group of its kecamatan (or of
    its consultation's kecamatan), else the city's."""
    if proposal.meeting_id:
        return proposal.meeting.group
    kecamatan_id = proposal.kecamatan_id or (
        proposal.consultation.target_kecamatan_id if proposal.consultation else None
    )
    if kecamatan_id:
        group = ForumGroup.objects.filter(region_id=kecamatan_id).select_related("region").first()
        if group:
            return group
    return city_group()


def city_group() -> ForumGroup | None:
    return ForumGroup.objects.filter(region__level=RegionLevel.CITY).select_related("region").order_by("pk").first()


def group_facilitators(group: ForumGroup | None) -> list:
    """The adults facilitating ``group``, or, when it has none, those of the nearest group above it."""
    region: Region | None = group.region if group else None
    while region is not None:
        found = ForumGroup.objects.filter(region=region).first()
        if found:
            people = holders(adults(found.facilitators.all()), RECORD_PROGRESS)
            if people:
                return people
        region = region.parent
    return []


def responsible_officials(proposal: Proposal) -> list:
    """The official who answered the proposal's consultation for the agency, if they still may; else every official
    who may record an agency's answer (the project keeps no tie between an account and an agency)."""
    users = get_user_model().objects
    answered_by = (
        ConsultationAnswer.objects.filter(consultation_id=proposal.consultation_id)
        .values_list("answered_by", flat=True)
        .first()
    )
    if answered_by:
        people = holders(adults(users.filter(pk=answered_by)), RECORD_AGENCY_ANSWER)
        if people:
            return people
    return holders(adults(granted(users.all(), RECORD_AGENCY_ANSWER)), RECORD_AGENCY_ANSWER)


def recipients_for(proposal: Proposal, role: str) -> list:
    if role == Role.FACILITATOR:
        return group_facilitators(group_of(proposal))
    return responsible_officials(proposal)


def admin_url(proposal: Proposal) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("forum_proposals:edit", args=[proposal.pk])


def language_of(user) -> str:
    """The language the user reads the Wagtail admin in (Indonesian unless they chose English)."""
    return UserProfile.get_for_user(user).get_preferred_language() or settings.LANGUAGE_CODE


def message(user, template: str, context: dict) -> EmailMultiAlternatives:
    """One e-mail from ``forum/email/<template>_{subject,body}.txt`` and ``_body.html``, in the user's language."""
    with translation.override(language_of(user)):
        context = context | {"user": user}
        subject = " ".join(render_to_string(f"forum/email/{template}_subject.txt", context).split())
        text = render_to_string(f"forum/email/{template}_body.txt", context)
        html = render_to_string(f"forum/email/{template}_body.html", context)
    mail = EmailMultiAlternatives(subject, text, to=[user.email])
    mail.attach_alternative(html, "text/html")
    return mail


@dataclass
class ReminderRun:
    """What a reminder run did: proposals reminded per role, and e-mails sent."""

    reminded: dict[str, int] = field(default_factory=dict)
    emails: int = 0
    without_recipient: int = 0


def send_proposal_reminders(*, on: datetime.date | None = None, days: int | None = None) -> ReminderRun:
    """Tell the adults each waiting proposal waits on, one e-mail per person listing their proposals, once per
    waiting period (``ProposalReminder``). Idempotent: a second run the same day, or any day until the proposal
    moves, sends nothing again. A proposal nobody can be told about is counted, not recorded, so it is reminded
    once someone with an address holds the role."""
    on = on or timezone.localdate()
    days = settings.JEJAK_WAITING_DAYS if days is None else days
    run = ReminderRun()
    per_person: dict[int, tuple] = {}
    to_record: list[ProposalReminder] = []
    for proposal in waiting(on, days):
        role = WAITS_ON[proposal.stage]
        if ProposalReminder.objects.filter(proposal=proposal, role=role, waiting_since=proposal.waiting_since).exists():
            continue
        people = recipients_for(proposal, role)
        if not people:
            run.without_recipient += 1
            continue
        proposal.waiting_days = (on - proposal.waiting_since).days
        proposal.admin_url = admin_url(proposal)
        for person in people:
            per_person.setdefault(person.pk, (person, role, []))[2].append(proposal)
        to_record.append(
            ProposalReminder(proposal=proposal, role=role, waiting_since=proposal.waiting_since, sent_on=on)
        )
        run.reminded[role] = run.reminded.get(role, 0) + 1
    messages = [
        message(
            person,
            "proposal_reminder",
            {"proposals": proposals, "role": role, "days": days, "is_official": role == Role.OFFICIAL},
        )
        for person, role, proposals in per_person.values()
    ]
    with transaction.atomic():
        ProposalReminder.objects.bulk_create(to_record)
        run.emails = get_connection().send_messages(messages) or 0
    return run


def week_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def city_coordinators() -> list:
    """The city's coordinator(s): the adults facilitating the city's Forum Anak."""
    group = city_group()
    return holders(adults(group.facilitators.all()), RECORD_PROGRESS) if group else []


def digest_context(on: datetime.date, days: int) -> dict:
    """What the weekly digest says: proposals per stage, what moved in the past seven days, and what waits longer
    than ``days`` days and on whom. Counts of proposals only, never of children."""
    since = on - datetime.timedelta(days=7)
    stages = dict(Proposal.objects.order_by().values_list("stage").annotate(total=Count("pk")))
    moved = (
        Proposal.objects.filter(steps__on__gt=since, steps__on__lte=on)
        .annotate(last_on=Max("steps__on"))
        .select_related("consultation")
        .distinct()
        .order_by("-last_on", "pk")
    )
    late = list(waiting(on, days))
    for proposal in late:
        proposal.waiting_days = (on - proposal.waiting_since).days
        proposal.waits_on = Role(WAITS_ON[proposal.stage]).label
        proposal.admin_url = admin_url(proposal)
    return {
        "week_of": week_of(on),
        "on": on,
        "days": days,
        "stage_rows": [(label, stages.get(kind, 0)) for kind, label in StepKind.choices],
        "without_step": stages.get("", 0),
        "total": sum(stages.values()),
        "moved": moved,
        "late": late,
        "list_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("forum_proposals:index"),
    }


@dataclass
class DigestRun:
    emails: int = 0
    already_sent: bool = False


def send_weekly_digest(*, on: datetime.date | None = None, days: int | None = None, force: bool = False) -> DigestRun:
    """Send the week's digest to the city's coordinator(s), once per week (``DigestSent``) unless ``force``."""
    on = on or timezone.localdate()
    days = settings.JEJAK_WAITING_DAYS if days is None else days
    monday = week_of(on)
    if not force and DigestSent.objects.filter(week_of=monday).exists():
        return DigestRun(already_sent=True)
    people = city_coordinators()
    if not people:
        return DigestRun()
    context = digest_context(on, days)
    messages = [message(person, "weekly_digest", context) for person in people]
    with transaction.atomic():
        DigestSent.objects.update_or_create(week_of=monday, defaults={"sent_on": on, "recipients": len(people)})
        sent = get_connection().send_messages(messages) or 0
    return DigestRun(emails=sent)
