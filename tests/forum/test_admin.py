import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.models import Region
from cms.vocabulary import Role, Sex
from forum.models import (
    Activity,
    ActivityKind,
    ConsultationAnswer,
    ConsultationInput,
    ConsultationSummary,
    Member,
    MemberRole,
    Proposal,
    ProposalSource,
    ProposalStep,
    StepKind,
)

VIEWSETS = [
    "forum_groups",
    "forum_members",
    "forum_activities",
    "forum_inputs",
    "forum_summaries",
    "forum_answers",
    "forum_proposals",
    "forum_proposal_steps",
]


@pytest.fixture
def one_of_each(two_kecamatan, make_consultation, make_user):
    group = two_kecamatan[0]
    page = make_consultation()
    proposal = Proposal.objects.create(title="Taman", source=ProposalSource.CONSULTATION, consultation=page)
    return {
        "forum_groups": group,
        "forum_members": Member.objects.create(
            group=group,
            display_name="Nadia",
            birth_year=2012,
            sex=Sex.FEMALE,
            kelurahan=Region.objects.kelurahan().first(),
            role=MemberRole.CHAIR,
            guardian_consent_on=datetime.date(2026, 1, 1),
        ),
        "forum_activities": Activity.objects.create(
            group=group, date=datetime.date(2026, 1, 2), kind=ActivityKind.OTHER, place="Aula", summary="-"
        ),
        "forum_inputs": ConsultationInput.objects.create(
            consultation=page, text="Hai", submitted_on=timezone.localdate()
        ),
        "forum_summaries": ConsultationSummary.objects.create(
            consultation=page, text="-", delivered_on=timezone.localdate(), delivered_to="Kadis"
        ),
        "forum_answers": ConsultationAnswer.objects.create(
            consultation=page, decision="accepted", reasons="-", next_steps="-"
        ),
        "forum_proposals": proposal,
        "forum_proposal_steps": ProposalStep.objects.create(
            proposal=proposal, kind=StepKind.RECEIVED, place=0, on=timezone.localdate(), role=Role.FACILITATOR
        ),
    }


@pytest.mark.parametrize("viewset", VIEWSETS)
def test_every_forum_admin_screen_renders_for_an_administrator(client, make_user, one_of_each, viewset):
    client.force_login(make_user(superuser=True, email="admin@example.test"))
    instance = one_of_each[viewset]
    assert client.get(reverse(f"{viewset}:index")).status_code == HTTPStatus.OK
    assert client.get(reverse(f"{viewset}:edit", args=[instance.pk])).status_code == HTTPStatus.OK
    if viewset != "forum_inputs":
        assert client.get(reverse(f"{viewset}:add")).status_code == HTTPStatus.OK


def test_the_forum_menu_shows_a_facilitator_their_screens(client, make_user, one_of_each):
    client.force_login(make_user(Role.FACILITATOR))
    content = client.get("/admin/").content.decode()
    for viewset in (
        "forum_groups",
        "forum_members",
        "forum_activities",
        "forum_inputs",
        "forum_summaries",
        "forum_proposals",
        "forum_proposal_steps",
    ):
        assert reverse(f"{viewset}:index") in content, viewset
    assert reverse("forum_answers:index") not in content
