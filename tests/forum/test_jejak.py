"""Jejak Suara: the kode jejak a child gets, the trail she reads with it, and "Apakah suaramu didengar?"."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from cms.roles import Role
from forum import codes
from forum.models import (
    ConsultationInput,
    HeardAnswer,
    InputStatus,
    Proposal,
    ProposalSource,
    ProposalStep,
    StepKind,
    TrackingCode,
)
from forum.models.proposals import STEP_PLACE, check_step_place
from forum.services import record_step

CODE_SHOWN = re.compile(r'data-testid="kode-jejak">([0-9A-Z-]+)<')


def send_input(client, page, text="Taman bermain dekat rumah kami rusak.") -> str:
    """Send an input as a child does and return the code the page showed her."""
    sent = client.post(page.url, {"text": text}, follow=True)
    assert sent.status_code == HTTPStatus.OK
    return CODE_SHOWN.search(sent.content.decode()).group(1)


def look_up(client, code: str):
    return client.post(reverse("jejak:lookup"), {"kode": code})


@pytest.fixture
def facilitator(make_user):
    return make_user(Role.FACILITATOR)


@pytest.fixture
def official(make_user):
    return make_user(Role.OFFICIAL, email="opd@example.test")


@pytest.fixture
def proposal_from(facilitator):
    def make(entry: ConsultationInput, title="Perbaiki taman bermain") -> Proposal:
        proposal = Proposal.objects.create(
            title=title, source=ProposalSource.CONSULTATION, consultation=entry.consultation
        )
        proposal.inputs.add(entry)
        record_step(proposal, ProposalStep(kind=StepKind.RECEIVED, on=timezone.localdate()), user=facilitator)
        return proposal

    return make


# The code itself


def test_a_new_code_is_twelve_characters_of_the_alphabet_and_passes_its_own_check():
    for _ in range(200):
        code = codes.new_code()
        assert len(code) == codes.LENGTH and set(code) <= set(codes.ALPHABET)
        assert codes.normalise(code) == code


def test_case_spaces_dashes_and_look_alikes_are_forgiven():
    code = "0123456789A" + codes._check_character("0123456789A")
    typed = " o1z3 4s67-89a" + code[-1].lower()
    assert codes.normalise(typed.replace("1z", "IZ")) == code


@pytest.mark.parametrize("position", range(codes.LENGTH))
def test_any_single_mistyped_character_is_caught_by_the_check_character(position):
    code = codes.new_code()
    for replacement in codes.ALPHABET:
        if replacement == code[position]:
            continue
        with pytest.raises(codes.CodeError):
            codes.normalise(code[:position] + replacement + code[position + 1 :])


def test_swapping_two_neighbouring_characters_is_caught():
    code = codes.new_code()
    for position in range(codes.LENGTH - 1):
        swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
        if swapped != code:
            with pytest.raises(codes.CodeError):
                codes.normalise(swapped)


def test_the_alphabet_has_23_characters_and_no_look_alike_of_its_own():
    assert len(codes.ALPHABET) == len(set(codes.ALPHABET)) == 23
    assert not set("ODQILZSBG") & set(codes.ALPHABET)


# Sending an input gives a code, shown once, stored only as an HMAC


def test_sending_an_input_shows_a_code_once_and_stores_only_its_hmac(client, make_consultation):
    page = make_consultation()
    shown = send_input(client, page)
    code = codes.normalise(shown)
    stored = TrackingCode.objects.get()
    assert stored.input == ConsultationInput.objects.get()
    assert stored.digest == codes.digest(code) and code not in stored.digest
    again = client.get(f"{page.url}?terkirim=1")
    assert shown not in again.content.decode(), "the code is shown once only"


def test_two_inputs_get_two_different_codes(client, make_consultation):
    page = make_consultation()
    assert send_input(client, page, "Satu") != send_input(client, page, "Dua")


# Looking up


def test_a_fresh_code_shows_that_the_input_arrived_and_nothing_it_said(client, make_consultation):
    page = make_consultation()
    code = send_input(client, page, "Rahasia kecil di masukan ini")
    shown = look_up(client, code.lower().replace("-", " "))
    body = shown.content.decode()
    assert shown.status_code == HTTPStatus.OK
    assert "Fasilitator sedang membacanya" in body
    assert page.title in body
    assert "Rahasia kecil" not in body, "the trail never repeats what the child wrote"


def test_the_trail_shows_every_step_in_child_friendly_words_with_role_not_person(
    client, make_consultation, proposal_from, facilitator, official
):
    page = make_consultation()
    code = send_input(client, page)
    entry = ConsultationInput.objects.get()
    entry.status = InputStatus.APPROVED
    entry.save()
    proposal = proposal_from(entry)
    today = timezone.localdate()
    record_step(proposal, ProposalStep(kind=StepKind.MUSRENBANG_KECAMATAN, on=today), user=facilitator)
    record_step(
        proposal, ProposalStep(kind=StepKind.ACCEPTED, on=today, note="Taman diperbaiki tahun depan."), user=official
    )
    body = look_up(client, code).content.decode()
    assert "Perbaiki taman bermain" in body
    assert "Usulanmu dibawa ke Musrenbang kecamatan." in body
    assert "Instansi menerima usulanmu!" in body and "Taman diperbaiki tahun depan." in body
    assert "Fasilitator" in body and "Pejabat / OPD" in body
    for person in (facilitator, official):
        assert person.email not in body and person.username not in body


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ABC", "tidak lengkap atau ada yang salah ketik"),
        ("WWWW-WWWW-WWWW", "tidak lengkap atau ada yang salah ketik"),
        ("", "Tulis dulu kode jejakmu"),
    ],
)
def test_a_code_that_cannot_be_ours_is_refused_with_a_reason(client, db, typed, message):
    refused = look_up(client, typed)
    assert refused.status_code == HTTPStatus.BAD_REQUEST
    assert message in refused.content.decode()


def test_a_well_formed_code_we_never_gave_is_not_found(client, db):
    refused = look_up(client, codes.new_code())
    assert refused.status_code == HTTPStatus.BAD_REQUEST
    assert "tidak kami temukan" in refused.content.decode()


@override_settings(JEJAK_LOOKUP_RATE="3/h")
def test_lookups_are_rate_limited_per_address(client, db):
    for _ in range(3):
        assert look_up(client, codes.new_code()).status_code == HTTPStatus.BAD_REQUEST
    assert look_up(client, codes.new_code()).status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_a_code_in_the_url_is_not_looked_up(client, make_consultation):
    """Only a POST looks a code up, so no link, history entry or log line carries a working code to a trail."""
    page = make_consultation()
    code = send_input(client, page)
    shown = client.get(reverse("jejak:lookup"), {"kode": code})
    assert shown.status_code == HTTPStatus.OK
    assert "Jejak usulanmu" not in shown.content.decode()


# Felt heard


def heard(client, code, felt="yes", why="answer_clear"):
    return client.post(reverse("jejak:heard"), {"kode": code, "felt_heard": felt, "why": why})


def test_the_heard_question_waits_for_the_agency_answer_then_counts_once(
    client, make_consultation, proposal_from, official
):
    page = make_consultation()
    code = send_input(client, page)
    proposal = proposal_from(ConsultationInput.objects.get())
    assert "Apakah suaramu didengar?" not in look_up(client, code).content.decode()
    assert heard(client, code).status_code == HTTPStatus.CONFLICT and not HeardAnswer.objects.exists()

    record_step(
        proposal,
        ProposalStep(kind=StepKind.NOT_ACCEPTED, on=timezone.localdate(), note="Tanahnya milik orang lain."),
        user=official,
    )
    assert "Apakah suaramu didengar?" in look_up(client, code).content.decode()
    assert heard(client, code, "partly", "answer_unclear").status_code == HTTPStatus.OK
    assert heard(client, code, "yes").status_code == HTTPStatus.CONFLICT
    answer = HeardAnswer.objects.get()
    assert (answer.felt_heard, answer.why, answer.consultation_id) == ("partly", "answer_unclear", page.pk)
    assert not {f.name for f in HeardAnswer._meta.get_fields()} & {"code", "input", "tracking_code"}


def test_a_heard_answer_without_a_choice_keeps_the_trail_and_says_what_is_missing(
    client, make_consultation, proposal_from, official
):
    page = make_consultation()
    code = send_input(client, page)
    proposal = proposal_from(ConsultationInput.objects.get())
    record_step(proposal, ProposalStep(kind=StepKind.ACCEPTED, on=timezone.localdate(), note="Ya."), user=official)
    refused = client.post(reverse("jejak:heard"), {"kode": code})
    assert refused.status_code == HTTPStatus.BAD_REQUEST
    assert "Pilih salah satu jawaban." in refused.content.decode()
    assert "Perbaiki taman bermain" in refused.content.decode()


# The trail's order


@pytest.mark.parametrize("previous", StepKind.values)
@pytest.mark.parametrize("kind", StepKind.values)
def test_a_step_is_accepted_only_after_an_earlier_place(previous, kind):
    before = ProposalStep(kind=previous, on=datetime.date(2026, 1, 1))
    carried_out_after_no = kind == StepKind.CARRIED_OUT and previous not in (
        StepKind.ACCEPTED,
        StepKind.PARTLY_ACCEPTED,
    )
    if STEP_PLACE[kind] > STEP_PLACE[previous] and not carried_out_after_no:
        check_step_place(before, kind, datetime.date(2026, 1, 2))
    else:
        with pytest.raises(ValidationError):
            check_step_place(before, kind, datetime.date(2026, 1, 2))


def test_a_step_dated_before_the_previous_one_is_refused():
    before = ProposalStep(kind=StepKind.RECEIVED, on=datetime.date(2026, 3, 1))
    with pytest.raises(ValidationError, match="sebelum tahap sebelumnya"):
        check_step_place(before, StepKind.DISCUSSED, datetime.date(2026, 2, 28))


def test_carried_out_needs_a_year_and_an_answer_needs_a_reason(make_consultation, facilitator, official, db):
    proposal = Proposal.objects.create(title="Zebra cross", source=ProposalSource.SURVEY, survey_finding="Jalan ramai")
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="alasan"):
        record_step(proposal, ProposalStep(kind=StepKind.ACCEPTED, on=today), user=official)
    record_step(proposal, ProposalStep(kind=StepKind.ACCEPTED, on=today, note="Dibuat."), user=official)
    with pytest.raises(ValidationError, match="tahun"):
        record_step(proposal, ProposalStep(kind=StepKind.CARRIED_OUT, on=today), user=facilitator)
    record_step(
        proposal,
        ProposalStep(kind=StepKind.CARRIED_OUT, on=today, year=2027, budget_line="5.02.01 Dinas Perhubungan"),
        user=facilitator,
    )
    proposal.refresh_from_db()
    assert proposal.stage == StepKind.CARRIED_OUT
    assert [step.role for step in proposal.steps.all()] == [Role.OFFICIAL, Role.FACILITATOR]


# The public list


def test_the_public_list_shows_proposals_per_consultation_and_per_kecamatan(
    client, make_consultation, regions, facilitator
):
    from cms.models import Region

    first, second = Region.objects.kecamatan().order_by("code")[:2]
    ktr = make_consultation("ktr")
    rbra = make_consultation("rbra", title="Ruang bermain")
    Proposal.objects.create(title="Papan dilarang merokok", source="consultation", consultation=ktr, kecamatan=first)
    Proposal.objects.create(title="Ayunan baru", source="consultation", consultation=rbra, kecamatan=second)
    everything = client.get(reverse("jejak:proposals")).content.decode()
    assert "Papan dilarang merokok" in everything and "Ayunan baru" in everything
    assert first.name in everything and second.name in everything
    only_ktr = client.get(reverse("jejak:proposals"), {"konsultasi": ktr.pk}).content.decode()
    assert "Papan dilarang merokok" in only_ktr and "Ayunan baru" not in only_ktr
    only_second = client.get(reverse("jejak:proposals"), {"kecamatan": second.code}).content.decode()
    assert "Ayunan baru" in only_second and "Papan dilarang merokok" not in only_second


@pytest.mark.parametrize("query", [{"konsultasi": "x"}, {"konsultasi": "9" * 30}, {"kecamatan": "zz" * 300}])
def test_the_public_list_ignores_filters_it_does_not_know(client, db, query):
    assert client.get(reverse("jejak:proposals"), query).status_code == HTTPStatus.OK
