import datetime

from cms.models import Region
from cms.roles import Role
from forum.models import (
    AnswerDecision,
    ConsultationInput,
    ConsultationSummary,
    ConsultationTarget,
    InputStatus,
    SubjectType,
)
from forum.services import ConsultationOutcomes, consultation_outcomes, record_answer

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)


def documented(page, *, delivered_on=datetime.date(2026, 3, 1), approved: bool = True):
    ConsultationInput.objects.create(
        consultation=page,
        text="Masukan",
        submitted_on=datetime.date(2026, 2, 1),
        status=InputStatus.APPROVED if approved else InputStatus.PENDING,
    )
    ConsultationSummary.objects.create(
        consultation=page, text="Ringkas", delivered_on=delivered_on, delivered_to="Kadis"
    )
    return page


def test_outcomes_count_documented_input_answers_and_adoptions(make_consultation, make_user):
    official = make_user(Role.OFFICIAL)
    accepted = documented(make_consultation("a", subject_type=SubjectType.REGULATION))
    partly = documented(make_consultation("b", subject_type=SubjectType.PLAN))
    refused = documented(make_consultation("c", subject_type=SubjectType.POLICY))
    documented(make_consultation("d", subject_type=SubjectType.PROGRAMME))
    documented(make_consultation("e"), delivered_on=datetime.date(2025, 12, 31))
    documented(make_consultation("f"), approved=False)
    make_consultation("g")
    for page, decision in [
        (accepted, AnswerDecision.ACCEPTED),
        (partly, AnswerDecision.PARTLY_ACCEPTED),
        (refused, AnswerDecision.NOT_ACCEPTED),
    ]:
        record_answer(page, decision=decision, reasons="-", next_steps="-", user=official)

    assert consultation_outcomes(START, END) == ConsultationOutcomes(
        with_input=4,
        answered=3,
        adopted=2,
        by_type={"regulation": 1, "plan": 1, "policy": 1, "programme": 1},
    )


def test_outcomes_for_a_kecamatan_count_only_consultations_aimed_at_it(make_consultation):
    first, second = Region.objects.kecamatan().order_by("code")[:2]
    documented(make_consultation("semua"))
    documented(make_consultation("satu", target=ConsultationTarget.KECAMATAN, target_kecamatan=first))
    documented(make_consultation("dua", target=ConsultationTarget.KECAMATAN, target_kecamatan=second))
    city = first.parent
    assert consultation_outcomes(START, END, region=first).with_input == 1
    assert consultation_outcomes(START, END, region=city).with_input == 3
    kelurahan = Region.objects.kelurahan().filter(parent=first).first()
    assert consultation_outcomes(START, END, region=kelurahan).with_input == 0
