"""E-mail to adults about children's proposals: who is told a proposal waits on them, once per waiting period, and
the weekly digest for the city's coordinator. No child is ever e-mailed or asked for an address."""

import datetime

import pytest
from django import forms
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.users.models import UserProfile

from cms.models import Region
from cms.roles import Role
from forum import forms as forum_forms
from forum.models import (
    ConsultationAnswer,
    ConsultationSummary,
    DigestSent,
    HeardAnswer,
    Proposal,
    ProposalReminder,
    ProposalSource,
    ProposalStep,
    StepKind,
)
from forum.models.consultations import ConsultationInput
from forum.notifications import send_proposal_reminders, send_weekly_digest, week_of
from forum.services import record_step
from surveys.forms import HeardCodeForm

DAYS = 14
TODAY = datetime.date(2026, 3, 18)  # a Wednesday


def ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture
def people(make_user, forum_groups):
    """A facilitator for the first two kecamatan, the city's coordinator, two officials, and a Forum Anak member
    (a child with an account and an address) wrongly listed among a group's facilitators."""
    first, second = Region.objects.kecamatan().order_by("code")[:2]
    city = Region.objects.get(level="city")
    made = {
        "first": make_user(Role.FACILITATOR, email="fasilitator.satu@example.test"),
        "second": make_user(Role.FACILITATOR, email="fasilitator.dua@example.test"),
        "city": make_user(Role.FACILITATOR, email="koordinator.kota@example.test"),
        "official": make_user(Role.OFFICIAL, email="opd.satu@example.test"),
        "other_official": make_user(Role.OFFICIAL, email="opd.dua@example.test"),
        "child": make_user(Role.FORUM_MEMBER, email="anak@example.test"),
    }
    forum_groups[first.code].facilitators.add(made["first"], made["child"])
    forum_groups[second.code].facilitators.add(made["second"])
    forum_groups[city.code].facilitators.add(made["city"])
    made["child"].groups.add(*made["first"].groups.all())  # even holding the facilitators' permissions
    made["kecamatan"], made["other_kecamatan"] = first, second
    return made


@pytest.fixture
def admin(make_user):
    return make_user(superuser=True, email="admin@example.test", mfa=False)


def proposal_at(admin, kecamatan, *steps: tuple[str, int], title="Perbaiki taman bermain", **fields) -> Proposal:
    """A proposal for ``kecamatan`` moved through ``steps`` (kind, days before TODAY)."""
    proposal = Proposal.objects.create(
        title=title, source=ProposalSource.SURVEY, survey_finding="Taman rusak", kecamatan=kecamatan, **fields
    )
    for kind, days in steps:
        record_step(
            proposal, ProposalStep(kind=kind, on=ago(days), note="Alasan." if kind == "accepted" else ""), user=admin
        )
    return proposal


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def remind(days: int = DAYS, on: datetime.date = TODAY):
    return send_proposal_reminders(on=on, days=days)


# Reminders: who gets what


def test_a_proposal_waiting_on_the_forum_is_told_to_its_groups_facilitator_only(people, admin):
    proposal_at(admin, people["kecamatan"], (StepKind.RECEIVED, DAYS + 1))
    run = remind()
    assert recipients() == ["fasilitator.satu@example.test"]
    assert run.reminded == {Role.FACILITATOR: 1} and run.emails == 1
    message = mail.outbox[0]
    assert "Perbaiki taman bermain" in message.body and "15" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Perbaiki taman bermain" in html and "/admin/" in html


def test_a_proposal_that_waited_exactly_the_set_days_is_not_reminded_yet(people, admin):
    proposal_at(admin, people["kecamatan"], (StepKind.RECEIVED, DAYS))
    remind()
    assert mail.outbox == []


def test_after_a_musrenbang_the_proposal_waits_on_the_officials_not_the_facilitators(people, admin):
    proposal_at(admin, people["kecamatan"], (StepKind.RECEIVED, 40), (StepKind.MUSRENBANG_KELURAHAN, 30))
    run = remind()
    assert recipients() == ["opd.dua@example.test", "opd.satu@example.test"]
    assert run.reminded == {Role.OFFICIAL: 1}
    assert "jawaban instansi" in mail.outbox[0].body


def test_the_official_who_answered_the_consultation_is_the_one_told(people, admin, make_consultation):
    consultation = make_consultation("taman", days=(-60, -50))
    ConsultationSummary.objects.create(
        consultation=consultation, text="Rangkuman", delivered_on=ago(45), delivered_to="Dinas"
    )
    ConsultationAnswer.objects.create(
        consultation=consultation,
        decision="considering",
        reasons="Dibahas",
        next_steps="Nanti",
        answered_by=people["official"],
    )
    proposal = Proposal.objects.create(
        title="Taman ramah anak",
        source=ProposalSource.CONSULTATION,
        consultation=consultation,
        kecamatan=people["kecamatan"],
    )
    record_step(proposal, ProposalStep(kind=StepKind.MUSRENBANG_KECAMATAN, on=ago(20)), user=admin)
    remind()
    assert recipients() == ["opd.satu@example.test"]


def test_a_group_without_a_facilitator_reaches_the_group_above(people, admin):
    third = Region.objects.kecamatan().order_by("code")[2]
    proposal_at(admin, third, (StepKind.DISCUSSED, 20))
    remind()
    assert recipients() == ["koordinator.kota@example.test"]


def test_each_person_gets_one_email_listing_all_their_waiting_proposals(people, admin):
    proposal_at(admin, people["kecamatan"], (StepKind.RECEIVED, 30), title="Taman bermain")
    proposal_at(admin, people["kecamatan"], (StepKind.DISCUSSED, 20), title="Zebra cross sekolah")
    proposal_at(admin, people["other_kecamatan"], (StepKind.RECEIVED, 16), title="Lampu jalan")
    remind()
    assert recipients() == ["fasilitator.dua@example.test", "fasilitator.satu@example.test"]
    first = next(message for message in mail.outbox if message.to == ["fasilitator.satu@example.test"])
    assert "Taman bermain" in first.body and "Zebra cross sekolah" in first.body and "Lampu jalan" not in first.body
    assert "2 usulan anak" in first.subject


@pytest.mark.parametrize("stage", [StepKind.NOT_ACCEPTED, StepKind.ACCEPTED, StepKind.CARRIED_OUT])
def test_an_answered_or_carried_out_proposal_waits_on_nobody(people, admin, stage):
    steps = [
        (StepKind.RECEIVED, 400),
        (StepKind.MUSRENBANG_CITY, 300),
        (StepKind.ACCEPTED if stage == StepKind.CARRIED_OUT else stage, 200),
    ]
    if stage == StepKind.CARRIED_OUT:
        steps.append((StepKind.CARRIED_OUT, 100))
    proposal = proposal_at(admin, people["kecamatan"], *steps[:2])
    for kind, days in steps[2:]:
        note = "Alasan yang jelas." if kind != StepKind.CARRIED_OUT else ""
        record_step(
            proposal,
            ProposalStep(kind=kind, on=ago(days), note=note, year=2025 if kind == StepKind.CARRIED_OUT else None),
            user=admin,
        )
    remind()
    assert mail.outbox == []


# Once per waiting period


def test_a_second_run_sends_nothing_again(people, admin):
    proposal_at(admin, people["kecamatan"], (StepKind.RECEIVED, 20))
    remind()
    remind()
    remind(on=TODAY + datetime.timedelta(days=30))
    assert len(mail.outbox) == 1
    assert ProposalReminder.objects.count() == 1


def test_a_new_step_starts_a_new_waiting_period(people, admin):
    proposal = proposal_at(admin, people["kecamatan"], (StepKind.RECEIVED, 20))
    remind()
    record_step(proposal, ProposalStep(kind=StepKind.DISCUSSED, on=TODAY), user=admin)
    remind(on=TODAY + datetime.timedelta(days=DAYS))
    assert len(mail.outbox) == 1
    remind(on=TODAY + datetime.timedelta(days=DAYS + 1))
    assert recipients() == ["fasilitator.satu@example.test"] * 2
    assert ProposalReminder.objects.filter(proposal=proposal).count() == 2


def test_a_proposal_nobody_can_be_told_about_is_reminded_once_someone_can(people, admin):
    Region.objects.filter(level="city").get().forum_group.facilitators.clear()
    third = Region.objects.kecamatan().order_by("code")[2]
    proposal_at(admin, third, (StepKind.RECEIVED, 20))
    assert remind().without_recipient == 1 and mail.outbox == []
    Region.objects.filter(level="city").get().forum_group.facilitators.add(people["city"])
    remind()
    assert recipients() == ["koordinator.kota@example.test"]


# Children never


def test_a_forum_member_is_never_emailed_even_listed_as_facilitator(people, admin):
    people["first"].forum_groups.clear()
    proposal_at(admin, people["kecamatan"], (StepKind.RECEIVED, 20))
    send_weekly_digest(on=TODAY, days=DAYS)
    remind()
    assert "anak@example.test" not in recipients()
    assert recipients() == ["koordinator.kota@example.test", "koordinator.kota@example.test"]


def test_no_form_a_child_fills_asks_for_an_email_address():
    child_forms = [forum_forms.InputForm, forum_forms.TrackingCodeForm, forum_forms.HeardForm, HeardCodeForm]
    for form_class in child_forms:
        fields = form_class.base_fields.values()
        assert not any(isinstance(field, forms.EmailField) for field in fields), form_class
        assert not any("mail" in name for name in form_class.base_fields), form_class
    for model in (ConsultationInput, HeardAnswer):
        assert not any("mail" in field.name for field in model._meta.get_fields())


# The weekly digest


def test_the_digest_goes_to_the_citys_coordinator_only_with_the_weeks_figures(people, admin):
    proposal_at(admin, people["kecamatan"], (StepKind.RECEIVED, 30), title="Taman bermain")
    proposal_at(admin, people["kecamatan"], (StepKind.RECEIVED, 10), (StepKind.DISCUSSED, 3), title="Zebra cross")
    proposal_at(
        admin, people["other_kecamatan"], (StepKind.RECEIVED, 40), (StepKind.MUSRENBANG_CITY, 20), title="Lampu"
    )
    run = send_weekly_digest(on=TODAY, days=DAYS)
    assert run.emails == 1 and recipients() == ["koordinator.kota@example.test"]
    body = mail.outbox[0].body
    assert "16-03-2026" in mail.outbox[0].subject  # the Monday of the week
    moved, late = body.split("Menunggu lebih dari 14 hari")
    assert "Zebra cross" in moved and "Taman bermain" not in moved
    assert "Taman bermain" in late and "Lampu" in late and "Zebra cross" not in late
    assert "menunggu Pejabat / OPD, 20 hari" in late and "menunggu Fasilitator, 30 hari" in late
    assert "- Diterima: 1" in body and "- Dibahas Forum Anak: 1" in body and "- Dibawa ke Musrenbang kota: 1" in body
    assert "jumlah: 3" in body
    assert "Zebra cross" in mail.outbox[0].alternatives[0][0]


def test_the_digest_goes_once_a_week_unless_forced(people, admin):
    send_weekly_digest(on=TODAY, days=DAYS)
    send_weekly_digest(on=TODAY + datetime.timedelta(days=4), days=DAYS)  # Sunday, same week
    assert len(mail.outbox) == 1
    send_weekly_digest(on=TODAY, days=DAYS, force=True)
    send_weekly_digest(on=TODAY + datetime.timedelta(days=5), days=DAYS)  # next Monday
    assert len(mail.outbox) == 3
    assert DigestSent.objects.count() == 2 and week_of(TODAY).weekday() == 0


def test_without_a_city_coordinator_no_digest_is_sent_nor_recorded(people):
    Region.objects.filter(level="city").get().forum_group.facilitators.clear()
    send_weekly_digest(on=TODAY, days=DAYS)
    assert mail.outbox == [] and not DigestSent.objects.exists()


# Language and the commands


def test_an_adult_who_reads_the_admin_in_english_gets_english(people, admin):
    profile = UserProfile.get_for_user(people["first"])
    profile.preferred_language = "en"
    profile.save()
    proposal_at(admin, people["kecamatan"], (StepKind.RECEIVED, 20))
    remind()
    assert "children's proposal" in mail.outbox[0].subject
    assert "usulan" not in mail.outbox[0].subject


@override_settings(JEJAK_WAITING_DAYS=DAYS)
def test_the_commands_report_what_they_sent_and_are_safe_to_rerun(people, admin, capsys):
    proposal_at(admin, people["kecamatan"], (StepKind.RECEIVED, (timezone.localdate() - TODAY).days + 20))
    call_command("send_proposal_reminders")
    call_command("send_proposal_reminders")
    call_command("send_weekly_digest")
    call_command("send_weekly_digest")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Proposals waiting more than 14 days reminded: 1 waiting on Facilitator; e-mails sent: 1")
    assert "reminded: none; e-mails sent: 0" in out[1]
    assert out[2].startswith("Weekly digest sent to 1 coordinator(s)")
    assert out[3].startswith("This week's digest was already sent")
    assert len(mail.outbox) == 2
