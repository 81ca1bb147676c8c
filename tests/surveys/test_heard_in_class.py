""" "Apakah suaramu didengar?" in class: class codes for an answered consultation, the children's page at /didengar/,
and the same HeardAnswer and FELT_HEARD figure a kode jejak gives."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.utils import timezone

from cms.vocabulary import FeltHeard, HeardReason
from forum.models import ConsultationAnswer, ConsultationSummary, HeardAnswer, TrackingCode
from forum.services import issue_tracking_code, record_heard
from surveys.models import CODE_ALPHABET, CODE_LENGTH, ClassCode, HeardClassCode
from surveys.results.indicators import FORMULAS, Period
from surveys.results.models import Formula
from surveys.services import ConsultationNotAnswered, generate_heard_codes, record_heard_in_class
from tests.forum.conftest import consultation_index, make_consultation  # noqa: F401

URL = "/didengar/"
ANSWER = {"felt_heard": FeltHeard.YES, "why": HeardReason.ANSWER_CLEAR}


def expires(days: int = 7) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


@pytest.fixture
def answered(make_consultation, make_user):  # noqa: F811
    page = make_consultation("taman", days=(-30, -20))
    ConsultationSummary.objects.create(
        consultation=page, text="Rangkuman", delivered_on=timezone.localdate(), delivered_to="Dinas"
    )
    ConsultationAnswer.objects.create(
        consultation=page, decision="accepted", reasons="Taman diperbaiki tahun ini.", next_steps="Mulai Juli"
    )
    return page


@pytest.fixture
def heard_code(answered, school):
    def make(max_uses: int = 30, expires_at=None) -> HeardClassCode:
        return generate_heard_codes(answered, school, count=1, max_uses=max_uses, expires_at=expires_at or expires())[0]

    return make


def enter(client, code: str):
    return client.post(URL, {"kode": code})


def answer(client, **fields):
    """Answer the question shown, with the one-time token the page carried."""
    page = client.get(URL).content.decode()
    token = re.search(r'name="sekali" value="([^"]+)"', page).group(1)
    return client.post(URL, {"sekali": token, **fields})


# Making codes


def test_codes_are_class_codes_of_the_same_alphabet_and_length(heard_code):
    code = heard_code().code
    assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)


def test_no_code_for_a_consultation_the_agency_has_not_answered(make_consultation, school):  # noqa: F811
    page = make_consultation("belum", days=(-30, -20))
    with pytest.raises(ConsultationNotAnswered):
        generate_heard_codes(page, school, count=1, max_uses=5, expires_at=expires())


def test_a_code_never_means_both_a_survey_and_the_heard_question(answered, school, monkeypatch):
    from surveys import services

    drawn = iter(["AAAAAA", "AAAAAA", "CCCCCC"])
    monkeypatch.setattr(services, "new_code", lambda: next(drawn))
    HeardClassCode.objects.create(consultation=answered, school=school, code="AAAAAA", max_uses=1, expires_at=expires())
    made = generate_heard_codes(answered, school, count=1, max_uses=5, expires_at=expires())
    assert [code.code for code in made] == ["CCCCCC"]
    assert services.is_code_taken("AAAAAA") and not ClassCode.objects.filter(code="AAAAAA").exists()


def test_coordinator_makes_codes_for_their_own_school_only(client, make_user, answered, school):
    from cms.models import School
    from cms.roles import Role

    other = School.objects.create(name="SMP Lain", level="SMP", status=school.status, kelurahan=school.kelurahan)
    coordinator = make_user(Role.SCHOOL_COORDINATOR, school=school)
    client.force_login(coordinator)
    assert client.get(f"/staf/survei/didengar/{answered.pk}/")["Location"].endswith(
        f"/didengar/{answered.pk}/sekolah/{school.pk}/kode/"
    )
    day = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    url = f"/staf/survei/didengar/{answered.pk}/sekolah/{school.pk}/kode/"
    assert client.post(url, {"count": "2", "max_uses": "30", "expires_on": day}).status_code == HTTPStatus.FOUND
    assert HeardClassCode.objects.filter(consultation=answered, school=school, created_by=coordinator).count() == 2
    assert client.get(f"/staf/survei/didengar/{answered.pk}/sekolah/{other.pk}/kode/").status_code == 404
    assert answered.title in client.get("/staf/survei/").content.decode()


@pytest.mark.parametrize("role_name", ["OFFICIAL", "FORUM_MEMBER"])
def test_who_does_not_make_class_codes_makes_none_for_the_heard_question(
    client, make_user, answered, school, role_name
):
    from cms.roles import Role

    client.force_login(make_user(Role[role_name]))
    url = f"/staf/survei/didengar/{answered.pk}/sekolah/{school.pk}/kode/"
    assert client.get(url).status_code == HTTPStatus.FORBIDDEN
    assert not HeardClassCode.objects.exists()


def test_an_unanswered_consultation_has_no_code_page(client, make_user, make_consultation, school):  # noqa: F811
    from cms.roles import Role

    page = make_consultation("belum", days=(-30, -20))
    client.force_login(make_user(Role.FACILITATOR))
    assert client.get(f"/staf/survei/didengar/{page.pk}/sekolah/{school.pk}/kode/").status_code == 404


# A class answering


def test_a_class_answers_one_child_after_another_with_one_code(client, heard_code, answered):
    code = heard_code(max_uses=30)
    assert client.get(URL).status_code == HTTPStatus.OK
    assert enter(client, code.code.lower()).status_code == HTTPStatus.FOUND
    question = client.get(URL).content.decode()
    assert answered.title in question and "Taman diperbaiki tahun ini." in question
    for felt in (FeltHeard.YES, FeltHeard.PARTLY, FeltHeard.NO):
        sent = answer(client, felt_heard=felt, why=HeardReason.TOOK_PART)
        assert sent.status_code == HTTPStatus.FOUND
        assert 'data-testid="heard-sent"' in client.get(sent["Location"]).content.decode()
    assert sorted(HeardAnswer.objects.values_list("felt_heard", flat=True)) == ["no", "partly", "yes"]
    assert set(HeardAnswer.objects.values_list("consultation_id", "answered_on")) == {
        (answered.pk, timezone.localdate())
    }
    code.refresh_from_db()
    assert code.uses == 3


def test_a_second_tap_or_a_resent_form_stores_one_answer(client, heard_code):
    code = heard_code()
    enter(client, code.code)
    page = client.get(URL).content.decode()
    token = re.search(r'name="sekali" value="([^"]+)"', page).group(1)
    first = client.post(URL, {"sekali": token, **ANSWER})
    second = client.post(URL, {"sekali": token, **ANSWER})
    assert first.status_code == second.status_code == HTTPStatus.FOUND
    assert HeardAnswer.objects.count() == 1
    code.refresh_from_db()
    assert code.uses == 1


def test_the_qr_style_link_fills_the_code_in(client, heard_code):
    code = heard_code()
    assert f'value="{code.code}"' in client.get(f"{URL}?kode={code.code}").content.decode()


def test_a_missing_answer_keeps_the_page_and_stores_nothing(client, heard_code):
    enter(client, heard_code().code)
    response = answer(client, felt_heard=FeltHeard.YES)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Pilih alasanmu." in response.content.decode()
    assert not HeardAnswer.objects.exists()


@pytest.mark.parametrize("case", ["unknown", "expired", "used_up"])
def test_wrong_expired_and_used_up_codes_say_why(client, heard_code, case):
    code = heard_code(max_uses=1, expires_at=expires(-1) if case == "expired" else None)
    if case == "used_up":
        record_heard_in_class(code, **ANSWER)
    response = enter(client, "QQQQQQ" if case == "unknown" else code.code)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    message = {"unknown": "tidak dikenal", "expired": "sudah tidak berlaku", "used_up": "sudah dipakai"}[case]
    assert message in response.content.decode()
    assert client.post(URL, ANSWER).status_code == HTTPStatus.BAD_REQUEST
    assert HeardAnswer.objects.count() == (1 if case == "used_up" else 0)


def test_a_code_used_up_while_the_last_child_answers_stores_nothing_more(client, heard_code):
    code = heard_code(max_uses=1)
    enter(client, code.code)
    page = client.get(URL).content.decode()
    token = re.search(r'name="sekali" value="([^"]+)"', page).group(1)
    record_heard_in_class(code, **ANSWER)  # a classmate on another phone was quicker
    response = client.post(URL, {"sekali": token, **ANSWER})
    assert response.status_code == HTTPStatus.CONFLICT
    assert "sudah dipakai" in response.content.decode()
    assert HeardAnswer.objects.count() == 1


def test_guessing_codes_is_refused_with_429_after_ten_wrong_ones(client, heard_code):
    from django.core.cache import cache

    cache.clear()
    heard_code()
    statuses = [enter(client, f"QQQQ{CODE_ALPHABET[i]}{CODE_ALPHABET[i]}").status_code for i in range(11)]
    assert statuses[:10] == [HTTPStatus.BAD_REQUEST] * 10 and statuses[10] == HTTPStatus.TOO_MANY_REQUESTS


def test_nothing_about_the_child_or_the_class_is_kept_with_the_answer(client, heard_code):
    enter(client, heard_code().code)
    answer(client, **ANSWER)
    fields = {field.name for field in HeardAnswer._meta.get_fields()}
    assert fields == {"id", "consultation", "felt_heard", "why", "answered_on"}
    assert isinstance(HeardAnswer.objects.get().answered_on, datetime.date)


# One meaning


def test_class_and_kode_jejak_answers_are_counted_together_in_felt_heard(heard_code, answered):
    from forum.models import ConsultationInput

    for _ in range(4):
        record_heard_in_class(heard_code(), felt_heard=FeltHeard.YES, why=HeardReason.DONE)
    entry = ConsultationInput.objects.create(consultation=answered, text="Taman", submitted_on=timezone.localdate())
    issue_tracking_code(entry)
    record_heard(TrackingCode.objects.get(input=entry), felt_heard=FeltHeard.YES, why=HeardReason.DONE)
    for _ in range(5):
        record_heard_in_class(heard_code(), felt_heard=FeltHeard.NO, why=HeardReason.TOO_LONG)
    today = timezone.localdate()
    figure = FORMULAS[Formula.FELT_HEARD](Period(today - datetime.timedelta(days=1), today), None)
    assert (figure.numerator.value, figure.denominator) == (5, 10)
    assert "kode kelas" in figure.method


def test_under_k_the_class_answers_are_suppressed_like_every_count(heard_code):
    for _ in range(3):
        record_heard_in_class(heard_code(), felt_heard=FeltHeard.YES, why=HeardReason.DONE)
    today = timezone.localdate()
    figure = FORMULAS[Formula.FELT_HEARD](Period(today - datetime.timedelta(days=1), today), None)
    assert figure.numerator.value is None and figure.denominator is None
