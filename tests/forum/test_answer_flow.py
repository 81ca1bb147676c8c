import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms.roles import Role
from forum.models import AnswerDecision, ConsultationAnswer, ConsultationInput, ConsultationSummary, InputStatus
from forum.services import record_answer


def test_child_input_comes_back_as_suaramu_didengar(client, make_consultation, make_user):
    """Child input → approval → summary → delivery → the agency's answer → the outcome on the page."""
    page = make_consultation(agency="Dinas Kesehatan")
    facilitator = make_user(Role.FACILITATOR)
    official = make_user(Role.OFFICIAL)
    assert client.post(page.url, {"text": "Depan sekolah harus bebas rokok."}).status_code == HTTPStatus.FOUND
    entry = ConsultationInput.objects.get()

    client.force_login(facilitator)
    client.post(reverse("forum_inputs:edit", args=[entry.pk]), {"text": entry.text, "status": InputStatus.APPROVED})
    added = client.post(
        reverse("forum_summaries:add"), {"consultation": page.pk, "text": "Anak minta depan sekolah bebas rokok."}
    )
    assert added.status_code == HTTPStatus.FOUND
    summary = ConsultationSummary.objects.get()
    assert not summary.is_delivered
    client.logout()

    client.force_login(official)
    answer_form = {
        "consultation": page.pk,
        "decision": AnswerDecision.ACCEPTED,
        "answered_on": timezone.localdate().isoformat(),
        "reasons": "Rokok berbahaya untuk anak.",
        "next_steps": "Papan dilarang merokok dipasang di semua sekolah bulan depan.",
    }
    too_early = client.post(reverse("forum_answers:add"), answer_form)
    assert too_early.status_code == HTTPStatus.OK and not ConsultationAnswer.objects.exists()
    client.logout()

    client.force_login(facilitator)
    delivered = client.post(
        reverse("forum_summaries:edit", args=[summary.pk]),
        {
            "consultation": page.pk,
            "text": summary.text,
            "delivered_on": timezone.localdate().isoformat(),
            "delivered_to": "Kepala Dinas Kesehatan",
        },
    )
    assert delivered.status_code == HTTPStatus.FOUND
    assert ModelLogEntry.objects.filter(action="suara_anak.summary_deliver", user=facilitator).exists()
    client.logout()

    client.force_login(official)
    answered = client.post(reverse("forum_answers:add"), answer_form)
    assert answered.status_code == HTTPStatus.FOUND
    answer = ConsultationAnswer.objects.get()
    assert answer.answered_by == official
    assert ModelLogEntry.objects.filter(action="suara_anak.consultation_answer", user=official).exists()
    client.logout()

    public = client.get(page.url).content.decode()
    assert "Suaramu didengar" in public
    assert "Usulan kalian diterima!" in public
    assert "Dinas Kesehatan setuju dengan masukan kalian" in public
    assert "Papan dilarang merokok" in public
    assert "Depan sekolah harus bebas rokok." in public
    assert "Diserahkan kepada Kepala Dinas Kesehatan" in public
    assert 'name="text"' not in public
    assert "Konsultasi ktr" in client.get("/konsultasi/").content.decode().split("Sudah dijawab")[1]


def test_the_outcome_is_absent_until_the_agency_answers(client, make_consultation):
    page = make_consultation()
    assert "Suaramu didengar" not in client.get(page.url).content.decode()


@pytest.mark.parametrize(
    ("decision", "headline"),
    [
        (AnswerDecision.ACCEPTED, "Usulan kalian diterima!"),
        (AnswerDecision.PARTLY_ACCEPTED, "Sebagian usulan kalian diterima."),
        (AnswerDecision.UNDER_CONSIDERATION, "Usulan kalian sedang dipertimbangkan."),
        (AnswerDecision.NOT_ACCEPTED, "Usulan kalian belum bisa diterima."),
    ],
)
def test_every_decision_reads_in_child_friendly_indonesian(client, make_consultation, make_user, decision, headline):
    page = make_consultation(days=(-30, -10))
    ConsultationSummary.objects.create(
        consultation=page, text="Ringkas", delivered_on=timezone.localdate(), delivered_to="Kadis"
    )
    record_answer(page, decision=decision, reasons="Karena.", next_steps="Nanti.", user=make_user(Role.OFFICIAL))
    content = client.get(page.url).content.decode()
    assert "Suaramu didengar" in content and headline in content


def test_an_answer_needs_a_delivered_summary(make_consultation, make_user):
    page = make_consultation()
    ConsultationSummary.objects.create(consultation=page, text="Belum diserahkan")
    with pytest.raises(ValidationError):
        record_answer(page, decision="accepted", reasons="-", next_steps="-", user=make_user(Role.OFFICIAL))
    assert not ConsultationAnswer.objects.exists()


def test_a_delivery_needs_both_date_and_recipient(make_consultation):
    summary = ConsultationSummary(consultation=make_consultation(), text="x", delivered_on=datetime.date(2026, 1, 1))
    with pytest.raises(ValidationError):
        summary.full_clean()


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [
        ("forum_answers:index", HTTPStatus.OK),
        ("forum_summaries:index", HTTPStatus.OK),
        ("forum_inputs:index", HTTPStatus.FOUND),
        ("forum_members:index", HTTPStatus.FOUND),
        ("forum_activities:index", HTTPStatus.FOUND),
        ("forum_groups:index", HTTPStatus.FOUND),
        ("wagtailadmin_explore_root", HTTPStatus.FOUND),
    ],
)
def test_officials_reach_only_the_answers_and_the_summaries_they_answer(client, make_user, home, url_name, expected):
    client.force_login(make_user(Role.OFFICIAL))
    response = client.get(reverse(url_name))
    assert response.status_code == expected


def test_officials_cannot_change_a_summary(client, make_user, make_consultation):
    summary = ConsultationSummary.objects.create(consultation=make_consultation(), text="Asli")
    client.force_login(make_user(Role.OFFICIAL))
    client.post(
        reverse("forum_summaries:edit", args=[summary.pk]), {"consultation": summary.consultation_id, "text": "Diubah"}
    )
    summary.refresh_from_db()
    assert summary.text == "Asli"
