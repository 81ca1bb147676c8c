"""Who may move which step of a proposal's trail: every role × every step kind, in the service and in the admin."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.roles import GRANTS, Role
from forum.models import Proposal, ProposalSource, ProposalStep, StepKind
from forum.models.proposals import ANSWER_KINDS, RECORD_AGENCY_ANSWER, RECORD_PROGRESS, STEP_PERMISSIONS, STEP_PLACE
from forum.services import StepRefused, record_step, recordable_kinds

#: Who records what. Administrators (superusers) record every step.
MAY_RECORD: dict[Role, set[str]] = {
    Role.FACILITATOR: set(StepKind.values) - set(ANSWER_KINDS),
    Role.OFFICIAL: set(ANSWER_KINDS),
    Role.SCHOOL_COORDINATOR: set(),
    Role.FORUM_MEMBER: set(),
}


def test_every_step_kind_needs_one_of_the_two_permissions():
    assert set(STEP_PERMISSIONS) == set(StepKind.values)
    assert set(STEP_PERMISSIONS.values()) == {RECORD_PROGRESS, RECORD_AGENCY_ANSWER}


def test_the_table_above_names_every_role():
    assert set(MAY_RECORD) == set(Role)


@pytest.mark.parametrize("role", list(Role))
def test_the_roles_grant_what_the_table_says(role):
    granted = GRANTS.get(role, frozenset())
    assert (RECORD_PROGRESS in granted) == (StepKind.RECEIVED in MAY_RECORD[role])
    assert (RECORD_AGENCY_ANSWER in granted) == (StepKind.ACCEPTED in MAY_RECORD[role])


def step_just_before(proposal: Proposal, kind: str, admin) -> None:
    """Bring ``proposal`` to the step right before ``kind`` (by an administrator), so ``kind`` is next in order."""
    previous = {
        StepKind.DISCUSSED: StepKind.RECEIVED,
        StepKind.MUSRENBANG_KELURAHAN: StepKind.DISCUSSED,
        StepKind.MUSRENBANG_KECAMATAN: StepKind.MUSRENBANG_KELURAHAN,
        StepKind.MUSRENBANG_CITY: StepKind.MUSRENBANG_KECAMATAN,
        StepKind.ACCEPTED: StepKind.MUSRENBANG_CITY,
        StepKind.PARTLY_ACCEPTED: StepKind.MUSRENBANG_CITY,
        StepKind.NOT_ACCEPTED: StepKind.MUSRENBANG_CITY,
        StepKind.CARRIED_OUT: StepKind.ACCEPTED,
    }.get(kind)
    if previous:
        record_step(proposal, new_step(previous), user=admin)


def new_step(kind: str) -> ProposalStep:
    fields = {"note": "Alasannya jelas."} if kind in ANSWER_KINDS else {}
    if kind == StepKind.CARRIED_OUT:
        fields = {"year": 2027}
    return ProposalStep(kind=kind, on=timezone.localdate(), **fields)


@pytest.fixture
def admin(make_user):
    return make_user(superuser=True, email="admin@example.test")


@pytest.fixture
def proposal(db):
    return Proposal.objects.create(
        title="Lampu jalan di gang sekolah", source=ProposalSource.SURVEY, survey_finding="x"
    )


@pytest.mark.parametrize("kind", StepKind.values)
@pytest.mark.parametrize("role", list(Role))
def test_each_role_records_only_its_steps(role, kind, make_user, admin, proposal):
    user = make_user(role)
    step_just_before(proposal, kind, admin)
    if kind in MAY_RECORD[role]:
        step = record_step(proposal, new_step(kind), user=user)
        assert step.role == (Role.OFFICIAL if kind in ANSWER_KINDS else Role.FACILITATOR)
    else:
        with pytest.raises(StepRefused):
            record_step(proposal, new_step(kind), user=user)
        assert not proposal.steps.filter(kind=kind).exists()


@pytest.mark.parametrize("kind", StepKind.values)
def test_an_administrator_records_every_step(kind, admin, proposal):
    step_just_before(proposal, kind, admin)
    assert record_step(proposal, new_step(kind), user=admin).place == STEP_PLACE[kind]


@pytest.mark.parametrize("role", list(Role))
def test_the_admin_form_offers_each_role_only_its_steps(role, make_user):
    assert set(recordable_kinds(make_user(role))) == MAY_RECORD[role]


@pytest.mark.parametrize("kind", StepKind.values)
@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.OFFICIAL])
def test_the_admin_add_view_records_or_refuses_each_step(role, kind, client, make_user, admin, proposal):
    """Through Wagtail's admin, as the staff use it: a step outside the role is not a choice of the form."""
    step_just_before(proposal, kind, admin)
    client.force_login(make_user(role))
    form = {"proposal": proposal.pk, "kind": kind, "on": timezone.localdate().isoformat(), "note": "", "year": ""}
    if kind in ANSWER_KINDS:
        form["note"] = "Anggarannya belum cukup tahun ini."
    if kind == StepKind.CARRIED_OUT:
        form["year"] = "2027"
    response = client.post(reverse("forum_proposal_steps:add"), form)
    recorded = proposal.steps.filter(kind=kind).exists()
    if kind in MAY_RECORD[role]:
        assert response.status_code == HTTPStatus.FOUND and recorded
    else:
        assert response.status_code == HTTPStatus.OK and not recorded


@pytest.mark.parametrize("role", [Role.SCHOOL_COORDINATOR, Role.FORUM_MEMBER])
def test_roles_without_a_step_cannot_open_the_step_admin(role, client, make_user):
    client.force_login(make_user(role))
    response = client.get(reverse("forum_proposal_steps:add"))
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)


def test_a_recorded_step_cannot_be_edited_by_the_staff(client, make_user, admin, proposal):
    """The trail only grows: a facilitator or official cannot rewrite a step (an administrator removes a mistake)."""
    step = record_step(proposal, new_step(StepKind.RECEIVED), user=admin)
    for role in (Role.FACILITATOR, Role.OFFICIAL):
        client.force_login(make_user(role, email=f"{role.name}@edit.test"))
        response = client.post(
            reverse("forum_proposal_steps:edit", args=[step.pk]),
            {"proposal": proposal.pk, "kind": StepKind.MUSRENBANG_CITY, "on": step.on.isoformat()},
        )
        assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
        step.refresh_from_db()
        assert step.kind == StepKind.RECEIVED


def test_a_facilitator_creating_a_proposal_starts_its_trail_as_received(client, make_user, make_consultation):
    facilitator = make_user(Role.FACILITATOR)
    page = make_consultation()
    client.force_login(facilitator)
    response = client.post(
        reverse("forum_proposals:add"),
        {"title": "Tempat sampah di taman", "details": "", "source": "consultation", "consultation": page.pk},
    )
    assert response.status_code == HTTPStatus.FOUND
    proposal = Proposal.objects.get()
    assert proposal.stage == StepKind.RECEIVED
    assert list(proposal.steps.values_list("role", flat=True)) == [Role.FACILITATOR]
