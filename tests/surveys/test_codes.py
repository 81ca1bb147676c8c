import datetime
import threading
import uuid
from http import HTTPStatus
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from surveys.models import CODE_ALPHABET, AccessRule, ClassCode, Response
from surveys.services import CodeRefused, generate_codes, submit_response
from tests.surveys.conftest import answer_whole_survey

pytestmark = pytest.mark.django_db

LOOK_ALIKES = set("0O1IlL5S8B2Z")


@pytest.fixture
def coded_survey(make_survey):
    return make_survey(access=AccessRule.CODE_REQUIRED, slug="survei-berkode")


def test_codes_are_six_characters_without_look_alikes(survey, school):
    codes = generate_codes(survey, school, count=60, max_uses=5, expires_at=timezone.now() + datetime.timedelta(days=1))
    assert len({code.code for code in codes}) == 60
    for code in codes:
        assert len(code.code) == 6
        assert set(code.code) <= set(CODE_ALPHABET)
        assert not set(code.code) & LOOK_ALIKES


def test_access_rule_is_a_field_of_the_survey_page(survey, coded_survey):
    assert survey.access == AccessRule.OPEN_LINK and not survey.requires_code
    assert coded_survey.requires_code


def test_a_survey_that_needs_a_code_refuses_to_start_without_one(client, coded_survey):
    response = client.post(coded_survey.url, {"choice": "agree"})
    assert response.status_code == HTTPStatus.OK
    assert "Survei ini memakai kode kelas" in response.content.decode()
    assert coded_survey.session_key() not in client.session


def test_coordinator_generates_codes_for_their_own_school(client, coded_survey, coordinator, school):
    client.force_login(coordinator)
    url = f"/staf/survei/{coded_survey.pk}/sekolah/{school.pk}/kode/"
    expires = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    response = client.post(url, {"count": "3", "max_uses": "35", "expires_on": expires})
    assert response.status_code == HTTPStatus.FOUND
    codes = ClassCode.objects.filter(survey=coded_survey)
    assert codes.count() == 3
    assert {(c.school, c.school_level, c.max_uses, c.created_by) for c in codes} == {
        (school, school.level, 35, coordinator)
    }
    assert client.get(f"/staf/survei/{coded_survey.pk}/kode/")["Location"] == url


def test_coordinator_never_acts_for_another_school(client, coded_survey, coordinator, other_school, make_code):
    make_code(coded_survey, target=other_school)
    client.force_login(coordinator)
    codes_url = f"/staf/survei/{coded_survey.pk}/sekolah/{other_school.pk}/kode/"
    expires = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    assert client.get(codes_url).status_code == HTTPStatus.NOT_FOUND
    assert client.post(codes_url, {"count": "3", "max_uses": "5", "expires_on": expires}).status_code == 404
    assert client.get(codes_url + "cetak/").status_code == HTTPStatus.NOT_FOUND
    assert ClassCode.objects.filter(school=other_school).count() == 1


def test_facilitator_generates_codes_for_any_school(client, coded_survey, facilitator, other_school):
    client.force_login(facilitator)
    assert other_school.name in client.get(f"/staf/survei/{coded_survey.pk}/kode/").content.decode()
    expires = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    url = f"/staf/survei/{coded_survey.pk}/sekolah/{other_school.pk}/kode/"
    client.post(url, {"count": "2", "max_uses": "40", "expires_on": expires})
    assert ClassCode.objects.filter(school=other_school, school_level="SMP").count() == 2


def test_a_code_ties_the_response_to_the_school_and_level_never_to_a_child(client, coded_survey, make_code, school):
    code = make_code(coded_survey)
    response = answer_whole_survey(client, coded_survey, code=code.code.lower())
    assert response["Location"].endswith("/terima-kasih/")
    stored = Response.objects.get()
    assert (stored.school, stored.school_level, stored.kecamatan) == (school, school.level, school.kelurahan.parent)
    assert "class_code" not in [field.name for field in Response._meta.get_fields()]
    code.refresh_from_db()
    assert code.uses == 1


def test_the_qr_link_fills_the_code_in(client, survey, make_code):
    code = make_code(survey)
    page = client.get(f"{survey.url}?kode={code.code}").content.decode()
    assert f'value="{code.code}"' in page


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("unknown", "Kode ini tidak dikenal"),
        ("expired", "Kode ini sudah tidak berlaku"),
        ("used_up", "Kode ini sudah dipakai sebanyak batasnya"),
    ],
)
def test_wrong_expired_and_used_up_codes_get_a_clear_message(client, coded_survey, make_code, case, message):
    code = make_code(coded_survey, max_uses=1)
    typed = "AAAAAA" if case == "unknown" else code.code
    if case == "expired":
        ClassCode.objects.filter(pk=code.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    if case == "used_up":
        ClassCode.objects.filter(pk=code.pk).update(uses=1)
    response = client.post(coded_survey.url, {"choice": "agree", "kode": typed})
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert f'value="{typed}"' in response.content.decode(), "what was typed is kept"


def test_guessing_codes_is_refused_with_429_after_ten_wrong_ones(client, coded_survey, make_code):
    code = make_code(coded_survey)
    for attempt in range(10):
        response = client.post(coded_survey.url, {"choice": "agree", "kode": f"AAAAA{CODE_ALPHABET[attempt]}"})
        assert response.status_code == HTTPStatus.OK
    assert client.post(coded_survey.url, {"choice": "agree", "kode": "CCCCCC"}).status_code == 429
    assert client.post(coded_survey.url, {"choice": "agree", "kode": code.code}).status_code == 429


def test_a_code_used_up_while_a_child_answers_stores_nothing_and_says_why(coded_survey, make_code):
    code = make_code(coded_survey, max_uses=1)
    first, second = Client(), Client()
    first.post(coded_survey.url, {"choice": "agree", "kode": code.code})
    second.post(coded_survey.url, {"choice": "agree", "kode": code.code})
    assert answer_whole_survey(first, coded_survey)["Location"].endswith("/terima-kasih/")
    second.post(coded_survey.url + "tentang-kamu/", {})
    second.post(coded_survey.url + "bagian/1/", {"safe_school": "3", "bullied": "no"})
    refused = second.post(coded_survey.url + "bagian/3/", {"friends": "2"})
    assert refused.status_code == HTTPStatus.CONFLICT
    assert "Kode ini sudah dipakai sebanyak batasnya" in refused.content.decode()
    assert Response.objects.count() == 1


def test_printable_sheet_has_one_slip_with_a_qr_code_per_usable_code(client, survey, coordinator, school, make_code):
    codes = [make_code(survey) for _ in range(3)]
    used_up = make_code(survey, max_uses=1)
    ClassCode.objects.filter(pk=used_up.pk).update(uses=1)
    client.force_login(coordinator)
    page = client.get(f"/staf/survei/{survey.pk}/sekolah/{school.pk}/kode/cetak/").content.decode()
    assert page.count('class="slip-qr" src="data:image/svg+xml;base64,') == 3
    for code in codes:
        assert f"{survey.url}?kode={code.code}" in page
    assert used_up.code not in page
    assert "<script>" not in page
    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "staff.css").read_text()
    assert "@media print" in css


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="the in-memory SQLite test database locks instead of waiting for writers"
)
@pytest.mark.django_db(transaction=True)
def test_fifty_children_at_once_on_a_code_for_forty_store_exactly_forty(make_survey, school):
    survey = make_survey(access=AccessRule.CODE_REQUIRED)
    code = generate_codes(survey, school, count=1, max_uses=40, expires_at=timezone.now() + datetime.timedelta(days=1))[
        0
    ]
    barrier = threading.Barrier(50)
    stored, refused = [], []

    def child():
        try:
            barrier.wait(timeout=30)
            try:
                submit_response(
                    survey, token=uuid.uuid4(), answers={"safe_school": "2", "bullied": "no"}, class_code=code
                )
                stored.append(1)
            except CodeRefused:
                refused.append(1)
        finally:
            connection.close()

    threads = [threading.Thread(target=child) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert (len(stored), len(refused)) == (40, 10)
    assert Response.objects.filter(survey=survey).count() == 40
    assert Response.objects.filter(survey=survey, school=school).count() == 40
    code.refresh_from_db()
    assert code.uses == 40


def test_staff_home_links_a_coordinator_to_their_school_results_and_readers_to_the_city_results(
    client, survey, coordinator, facilitator
):
    client.force_login(coordinator)
    page = client.get("/staf/survei/").content.decode()
    assert 'href="/staf/sekolah/hasil/"' in page
    assert 'href="/staf/hasil/"' not in page
    client.force_login(facilitator)
    page = client.get("/staf/survei/").content.decode()
    assert 'href="/staf/hasil/"' in page
    assert 'href="/staf/sekolah/hasil/"' not in page


def test_the_code_form_offers_its_expiry_date_in_the_iso_form_a_date_picker_reads(
    client, coded_survey, coordinator, school
):
    """A date input shows only ISO dates: an Indonesian 30-12-2026 would leave the field empty, and the browser would
    refuse to send the form until the coordinator picked a date again."""
    client.force_login(coordinator)
    page = client.get(f"/staf/survei/{coded_survey.pk}/sekolah/{school.pk}/kode/").content.decode()
    expires_on = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    assert f'type="date" name="expires_on" value="{expires_on}"' in page


def test_a_replayed_submission_spends_no_use_of_its_class_code(coded_survey, make_code):
    """The last use of a code spent by the first tap: the replay is told it was stored, not that the code is used up."""
    code = make_code(coded_survey, max_uses=1)
    token = uuid.uuid4()
    first, created = submit_response(coded_survey, token=token, answers={"safe_school": "2"}, class_code=code)
    again, created_again = submit_response(coded_survey, token=token, answers={"safe_school": "2"}, class_code=code)
    assert (created, created_again) == (True, False) and again.pk == first.pk
    code.refresh_from_db()
    assert code.uses == 1
    with pytest.raises(CodeRefused):
        submit_response(coded_survey, token=uuid.uuid4(), answers={"safe_school": "3"}, class_code=code)
