"""Offline class mode on the server (issue #18): signed submission keys and the queue that stores each once."""

import datetime
import json
import uuid
from http import HTTPStatus

import pytest
from django.core import signing
from django.utils import timezone

from surveys.models import AccessRule, Response, SurveyVersion
from surveys.offline import KEY_SALT, SubmissionKey, issue_keys, store_queued
from surveys.services import CodeRefused, record_version
from tests.surveys.conftest import answer_whole_survey

pytestmark = pytest.mark.django_db

QUEUE = "/survei-luring/antrean/"
ANSWERS = {"safe_school": "3", "bullied": "no", "friends": "3", "wish": "Taman bermain"}


def keys_url(page) -> str:
    return f"/survei-luring/{page.pk}/kunci/"


def fetch_keys(client, page, **data) -> list[str]:
    response = client.post(keys_url(page), data)
    assert response.status_code == HTTPStatus.CREATED, response.content
    return response.json()["keys"]


def send(client, key, answers=ANSWERS, about=None, url=QUEUE, **extra):
    body = json.dumps({"key": key, "answers": answers, "about": about or {"age_band": "13-15"}})
    return client.post(url, body, content_type="application/json", **extra)


def test_a_queued_answer_is_stored_once_and_a_repeated_send_is_already_received(client, survey):
    [key] = fetch_keys(client, survey)
    first, again = send(client, key), send(client, key)
    assert first.status_code == HTTPStatus.CREATED
    assert again.status_code == HTTPStatus.OK
    assert Response.objects.filter(survey=survey).count() == 1
    response = Response.objects.get()
    assert response.age_band == "13-15"
    assert response.answers.filter(question_code="wish", text_value="Taman bermain").exists()


def test_a_forged_key_is_refused_with_a_translated_message_and_stores_nothing(client, survey):
    [key] = fetch_keys(client, survey)
    payload = signing.loads(key, salt=KEY_SALT)
    payload[0] = payload[0] + 1
    forged = signing.dumps(payload, salt="not-our-salt", compress=True)
    tampered = key[:-3] + ("aaa" if not key.endswith("aaa") else "bbb")
    for bad in (forged, tampered, "", None, 42, "x" * 1000):
        response = send(client, bad)
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert "tidak dikenal" in response.json()["error"]
    english = send(client, tampered, url="/en" + QUEUE)
    assert english.status_code == HTTPStatus.BAD_REQUEST
    assert "not recognised" in english.json()["error"]
    assert not Response.objects.exists()


def test_an_expired_key_is_refused_and_a_key_within_its_age_is_taken(client, survey, settings):
    [old, recent] = fetch_keys(client, survey, jumlah=2)
    today = timezone.localdate()
    later = today + datetime.timedelta(days=settings.OFFLINE_KEY_MAX_AGE_DAYS + 1)
    with pytest.raises(Exception, match="kedaluwarsa"):
        store_queued({"key": old, "answers": ANSWERS}, today=later)
    _response, created = store_queued(
        {"key": recent, "answers": ANSWERS}, today=today + datetime.timedelta(days=settings.OFFLINE_KEY_MAX_AGE_DAYS)
    )
    assert created
    assert Response.objects.count() == 1


def test_a_key_for_another_survey_stores_in_the_survey_it_was_signed_for(client, survey, make_survey):
    other = make_survey(slug="survei-lain", title="Survei Lain")
    [key] = fetch_keys(client, other)
    assert send(client, key).status_code == HTTPStatus.CREATED
    assert Response.objects.get().survey_id == other.pk


def test_a_key_naming_a_version_of_another_survey_is_refused(client, survey, make_survey):
    other = make_survey(slug="survei-lain", title="Survei Lain")
    mixed = SubmissionKey(survey.pk, record_version(other).pk, timezone.localdate(), uuid.uuid4()).sign()
    response = send(client, mixed)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not Response.objects.exists()


def test_answers_for_a_survey_closed_within_the_grace_are_taken_and_after_it_refused(client, survey, settings):
    [within, after] = fetch_keys(client, survey, jumlah=2)
    survey.closes_at = timezone.now() - datetime.timedelta(hours=1)
    survey.save_revision().publish()
    assert send(client, within).status_code == HTTPStatus.CREATED
    beyond = timezone.localdate() + datetime.timedelta(days=settings.OFFLINE_CLOSED_SURVEY_GRACE_DAYS + 1)
    with pytest.raises(Exception, match="masa tenggang"):
        store_queued({"key": after, "answers": ANSWERS}, today=beyond)
    assert Response.objects.count() == 1


def test_no_key_is_issued_for_a_closed_survey(client, make_survey):
    closed = make_survey(closes_at=timezone.now() - datetime.timedelta(days=1))
    response = client.post(keys_url(closed))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "tidak menerima jawaban" in response.json()["error"]


def test_a_code_only_survey_needs_a_class_code_for_its_keys(client, make_survey):
    coded = make_survey(access=AccessRule.CODE_REQUIRED)
    response = client.post(keys_url(coded))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "kode kelas" in response.json()["error"]


def test_a_class_codes_use_is_reserved_when_its_key_is_issued_so_its_cap_holds_for_late_answers(
    client, survey, make_code, school
):
    code = make_code(survey, max_uses=3)
    keys = fetch_keys(client, survey, kode=code.code.lower(), jumlah=2)
    code.refresh_from_db()
    assert code.uses == 2
    refused = client.post(keys_url(survey), {"kode": code.code, "jumlah": 2})
    assert refused.status_code == HTTPStatus.BAD_REQUEST, "all or nothing: one use left, two asked"
    code.refresh_from_db()
    assert code.uses == 2
    answer_whole_survey(client, survey, code=code.code)  # a child online takes the last use
    code.refresh_from_db()
    assert code.uses == 3
    for key in keys:  # the late answers were reserved: they still arrive, and spend nothing more
        assert send(client, key).status_code == HTTPStatus.CREATED
    code.refresh_from_db()
    assert code.uses == 3
    assert Response.objects.filter(school=school, school_level=code.school_level).count() == 3
    with pytest.raises(CodeRefused):
        issue_keys(survey, code=code.code)


def test_answers_are_stored_against_the_version_they_were_answered_in(client, survey):
    [key] = fetch_keys(client, survey)
    answered_in = SurveyVersion.objects.latest_for(survey)
    data = survey.definition.raw_data
    data[2]["value"]["questions"] = data[2]["value"]["questions"][:1]  # the "wish" question is removed
    survey.save_revision().publish()
    assert SurveyVersion.objects.latest_for(survey) != answered_in
    assert send(client, key).status_code == HTTPStatus.CREATED
    response = Response.objects.get()
    assert response.version == answered_in
    assert response.answers.filter(question_code="wish").exists()


def test_answers_the_version_would_not_take_are_refused(client, survey):
    [key] = fetch_keys(client, survey)
    for answers in ({"safe_school": "often"}, {**ANSWERS, "nope": "1"}, {**ANSWERS, "friends": "999"}, [1]):
        response = send(client, key, answers=answers)
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert response.json()["error"]
    assert send(client, key).status_code == HTTPStatus.CREATED, "the same key still works with good answers"


def test_nothing_stored_or_signed_tells_the_time_or_the_address(client, survey):
    [key] = fetch_keys(client, survey, REMOTE_ADDR="203.0.113.9")
    survey_id, version_id, day, token, code_id = signing.loads(key, salt=KEY_SALT)
    assert isinstance(day, int) and datetime.date.fromordinal(day) == timezone.localdate()
    assert send(client, key, REMOTE_ADDR="203.0.113.9").status_code == HTTPStatus.CREATED
    for field in Response._meta.concrete_fields:
        assert not field.get_internal_type().startswith(("DateTime", "Time", "GenericIPAddress", "IPAddress"))
    assert "203.0.113.9" not in repr(Response.objects.values().get())


def test_the_queue_refuses_what_is_not_json(client, survey):
    for body in ("not json", "[]", '"x"', "{}"):
        response = client.post(QUEUE, body, content_type="application/json")
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert response.json()["error"]


def test_the_service_worker_is_served_at_the_root_never_from_the_http_cache(client):
    response = client.get("/sw.js")
    assert response.status_code == HTTPStatus.OK
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    assert response["Content-Type"].startswith("text/javascript")
    source = response.content.decode()
    assert 'request.method !== "GET"' in source, "answers are never intercepted"
    assert "indexedDB" not in source, "the worker never touches the queued answers"


def test_the_offline_screen_carries_every_question_the_manifest_and_no_inline_script(client, survey):
    response = client.get(survey.url + "luring/?perangkat=bersama")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    for code in ("safe_school", "bullied", "bullied_where", "told_someone", "friends", "wish"):
        assert f'data-code="{code}"' in html
    assert "manifest.webmanifest" in html
    assert "js/offline.js" in html
    assert "Berapa anak yang akan mengisi" in html
    assert "<script>" not in html
